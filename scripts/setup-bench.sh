#!/usr/bin/env bash
# The heavy peers `make bench` compares against, only when absent: graph-tool
# (Debian's python3-graph-tool, run in Debian's own Python) and R with sna.
set -euo pipefail
need=()
have_pkg() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "install ok installed"; }
for p in python3-graph-tool r-base-core r-cran-sna; do have_pkg "$p" || need+=("$p"); done
if [ ${#need[@]} -eq 0 ]; then echo "[bench] graph-tool and R sna present"; exit 0; fi
command -v apt-get >/dev/null 2>&1 || { echo "[bench] no apt-get: install ${need[*]} by hand" >&2; exit 0; }
SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "[bench] installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
