#!/usr/bin/env bash
# Regenerate python/govnet/_core.pyi from the freshly built module (build/dev/site, made by
# scripts/dev.sh); tests/python/test_stub.py fails until this is rerun after a binding changes.
# Usage: scripts/make_stub.sh   (VENV=... to use another venv)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${VENV:-$PWD/.venv}"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
PYTHONPATH="$PWD/build/dev/site" "$VENV/bin/python" -m pybind11_stubgen govnet._core -o "$tmp" \
  --ignore-invalid-expressions 'detail::.*' >/dev/null
cp "$tmp/govnet/_core.pyi" python/govnet/_core.pyi
echo "wrote python/govnet/_core.pyi"
