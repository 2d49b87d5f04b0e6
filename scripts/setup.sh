#!/usr/bin/env bash
# Installs what govnet's build and tests need, only what is missing:
#   1. Debian/Ubuntu packages (compiler, Eigen, spdlog, GoogleTest, Python venv
#      and headers, a CJK font for plots) through apt, with sudo when not root;
#   2. a .venv with the build tools and the package's Python dependencies from PyPI.
# Usage: scripts/setup.sh [extras]   (default extras: test,plot,notebooks,dask,publish,view;
#        `make demo` passes demo). PYTHON=python3.X picks the interpreter (>= requires-python).
set -euo pipefail
cd "$(dirname "$0")/.."

EXTRAS="${1:-test,plot,notebooks,dask,publish,view}"
VENV="${VENV:-.venv}"
PYTHON="${PYTHON:-python3}"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

# requires-python from pyproject.toml (the one place it is written), e.g. 3.10.
MIN_PY=$(sed -n 's/^requires-python *= *">= *\([0-9][0-9.]*\)".*/\1/p' pyproject.toml)
[ -n "$MIN_PY" ] || { echo "[setup] cannot read requires-python from pyproject.toml" >&2; exit 1; }
# Refuse an interpreter older than requires-python, before installing anything.
check_python() {
  local ver
  ver=$("$1" -c 'import sys; print("%d.%d" % sys.version_info[:2])' 2>/dev/null) || ver="?"
  if [ "$ver" = "?" ] || [ "$(printf '%s\n%s\n' "$MIN_PY" "$ver" | sort -V | head -n 1)" != "$MIN_PY" ]; then
    echo "[setup] govnet needs Python >= $MIN_PY (requires-python in pyproject.toml);" \
         "$1 is Python $ver. Install a newer python3 and run: PYTHON=python3.X $0" >&2
    exit 1
  fi
}
if command -v "$PYTHON" >/dev/null 2>&1; then check_python "$PYTHON"; fi

# --- 1. system packages -----------------------------------------------------
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
command -v c++ >/dev/null 2>&1 || need+=(g++)
command -v make >/dev/null 2>&1 || need+=(make)
# chromium: the HTML report test renders the report headless.
for p in libeigen3-dev libspdlog-dev libgtest-dev libspectra-dev fonts-noto-cjk chromium; do
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
check_python "$PYTHON"
if [ ! -x "$VENV/bin/python" ]; then
  say "creating $VENV"
  "$PYTHON" -m venv "$VENV"
fi
check_python "$VENV/bin/python"
PIP=("$VENV/bin/python" -m pip --disable-pip-version-check -q)
stamp="$VENV/.govnet-deps-$(cat pyproject.toml scripts/setup.sh | sha1sum | cut -c1-12)-${EXTRAS//,/_}"
if [ ! -f "$stamp" ]; then
  say "installing build tools and Python dependencies (extras: $EXTRAS) from PyPI"
  "${PIP[@]}" install -U pip
  "${PIP[@]}" install "scikit-build-core>=0.10" "pybind11>=3.0,<4" "cmake>=3.18" ninja
  # The dependencies of the package and its extras, without building it yet.
  deps=$("$VENV/bin/python" - "$EXTRAS" <<'PY'
import sys
try:
    import tomllib
except ModuleNotFoundError:  # Python 3.10: the TOML reader that pip vendors
    from pip._vendor import tomli as tomllib
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
