#!/usr/bin/env bash
# Fast edit-build-test loop without reinstalling: builds the core, its GoogleTest
# suite and the Python module in build/dev, and lays out build/dev/site/govnet
# (symlinks to python/govnet plus the fresh _core) for PYTHONPATH.
# Usage: scripts/dev.sh [pytest args...]   (VENV=... to use another venv)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-$PWD/.venv}"
PY="$VENV/bin/python"
"$VENV/bin/cmake" -S . -B build/dev -G Ninja -DCMAKE_MAKE_PROGRAM="$VENV/bin/ninja" \
  -DCMAKE_BUILD_TYPE=Release -DGOVNET_PYTHON=ON -DGOVNET_TESTS=ON \
  -DPython_EXECUTABLE="$PY" -Dpybind11_DIR="$("$PY" -m pybind11 --cmakedir)" >/dev/null
"$VENV/bin/cmake" --build build/dev -j "${JOBS:-2}"
rm -rf build/dev/site && mkdir -p build/dev/site
cp -rs "$PWD/python/govnet" build/dev/site/govnet
cp build/dev/_core*.so build/dev/site/govnet/
(cd build/dev && "$VENV/bin/ctest" --no-tests=error -j 2 | tail -n 3)
cd tests && PYTHONPATH="$PWD/../build/dev/site" "$PY" -m pytest -c ../pyproject.toml --rootdir=.. -q \
  -p no:cacheprovider "${@:-../tests/python}"
