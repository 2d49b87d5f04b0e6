#!/usr/bin/env bash
# Installs what `make fuzz-short` / `make fuzz` need, only when missing: clang
# (libFuzzer needs clang) and libclang-rt-14-dev (the fuzzer and sanitizer
# runtimes). Kept apart from setup.sh so plain builds never need clang.
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
command -v clang++ >/dev/null 2>&1 || need+=(clang)
have_pkg libclang-rt-14-dev || need+=(libclang-rt-14-dev)
if [ ${#need[@]} -eq 0 ]; then
  exit 0
fi
if ! command -v apt-get >/dev/null 2>&1; then
  echo "[setup-fuzz] missing: ${need[*]}; install clang and its compiler-rt (libFuzzer) runtime" >&2
  exit 1
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "[setup-fuzz] need root or sudo to install: ${need[*]}" >&2; exit 1; }
  SUDO="sudo"
fi
printf '\033[1m[setup-fuzz]\033[0m installing Debian packages: %s\n' "${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
