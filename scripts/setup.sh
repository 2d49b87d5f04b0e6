#!/usr/bin/env bash
# Installs what govnet's build and tests need, only what is missing:
#   1. Debian/Ubuntu packages (compiler, Eigen, spdlog, GoogleTest, Python venv
#      and headers, a CJK font for plots) through apt, with sudo when not root;
#   2. a .venv with the build tools and the package's Python dependencies from PyPI.
# Usage: scripts/setup.sh [extras]   (default extras: test,plot,notebooks,dask)
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS="${1:-test,plot,notebooks,dask}"
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# --- 1. system packages -----------------------------------------------------
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
command -v c++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
# chromium: the HTML report test renders the report headless.
for p in libeigen3-dev libspdlog-dev libgtest-dev fonts-noto-cjk chromium; do
  have_pkg "$p" || need+=("$p")
done
if ! command -v "$PYTHON" >/dev/null 2>&1; then
  need+=(python3 python3-venv python3-dev)
else
  "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1 || need+=(python3-venv)
  "$PYTHON" - <<'PY' >/dev/null 2>&1 || need+=(python3-dev)
import os, sys, sysconfig
sys.exit(0 if os.path.exists(os.path.join(sysconfig.get_paths()["include"], "Python.h")) else 1)
PY
fi
if [ ${#need[@]} -gt 0 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "[setup] missing: ${need[*]}; install them with your package manager (no apt-get here)" >&2
    exit 1
  fi
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null 2>&1 || { echo "[setup] need root or sudo to install: ${need[*]}" >&2; exit 1; }
    SUDO="sudo"
  fi
  say "installing Debian packages: ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  say "Debian packages present"
fi

# --- 2. virtual environment ----------------------------------------------------
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
stamp="$VENV/.govnet-deps-$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -c1-12)-${EXTRAS//,/_}"
if [ ! -f "$stamp" ]; then
  say "installing build tools and Python dependencies (extras: $EXTRAS) from PyPI"
  "${PIP[@]}" install -U pip
  "${PIP[@]}" install "scikit-build-core>=0.10" "pybind11>=3.0,<4" "cmake>=3.18" ninja
  # The dependencies of the package and its extras, without building it yet.
  deps=$("$VENV/bin/python" - "$EXTRAS" <<'PY'
import sys, tomllib
data = tomllib.load(open("pyproject.toml", "rb"))["project"]
reqs = list(data["dependencies"])
for extra in filter(None, sys.argv[1].split(",")):
    reqs += data["optional-dependencies"][extra]
print("\n".join(reqs))
PY
)
  mapfile -t reqs <<<"$deps"
  "${PIP[@]}" install "${reqs[@]}"
  rm -f "$VENV"/.govnet-deps-*
  touch "$stamp"
else
  say "Python dependencies present"
fi
