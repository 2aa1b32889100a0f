#!/usr/bin/env bash
# Real-code precision check: scan the corpus at default settings and compare with verdicts.tsv.
# Exit 1 when a reviewed false finding returns or a reviewed true finding disappears.
# Usage: benches/realcode/check.sh [DIR] [--json] [-- EXTRA SCAN ARGS]
#   VAULTSWEEP_BIN=path/to/vaultsweep (default: vaultsweep on PATH)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${REALCODE_DIR:-/work/scratch/realcode}
if [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; then dir=$1; shift; fi
exec python3 "$here/check.py" --dir "$dir" "$@"
