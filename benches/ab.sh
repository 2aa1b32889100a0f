#!/usr/bin/env bash
# Two vaultsweep binaries and the floors, interleaved run by run (a machine whose load drifts
# biases runs taken in blocks): per round, `rg` with the 23 patterns, OLD and NEW on the e2e
# tree; `git cat-file --batch-all-objects --batch`, OLD and NEW on the dense history. Prints
# the median wall and user time of each over the rounds.
#
#   benches/e2e.sh && benches/history-dense.sh     # build the corpora first
#   N=10 benches/ab.sh OLD_BINARY NEW_BINARY
set -euo pipefail
OLD=$(realpath "$1"); NEW=$(realpath "$2"); N=${N:-10}
HERE=$(cd "$(dirname "$0")" && pwd)
TREE=${TREE:-/tmp/vaultsweep-corpus}
DENSE=${DENSE:-/tmp/vaultsweep-dense/repo}
out=$(mktemp)
t() { local label=$1; shift; /usr/bin/time -f "$label %e %U" -a -o "$out" "$@" >/dev/null 2>&1 || true; }
for _ in $(seq 1 "$N"); do
  (cd /tmp && t tree-rg rg -n -f "$HERE/rg-patterns.txt" "$TREE")
  (cd /tmp && t tree-old "$OLD" scan --no-ignore -q --format jsonl "$TREE")
  (cd /tmp && t tree-new "$NEW" scan --no-ignore -q --format jsonl "$TREE")
  (cd "$DENSE" && t dense-catfile git cat-file --batch-all-objects --batch)
  (cd "$DENSE" && t dense-old "$OLD" scan --history -q --format jsonl .)
  (cd "$DENSE" && t dense-new "$NEW" scan --history -q --format jsonl .)
done
python3 - "$out" <<'P'
import statistics, sys
from collections import defaultdict
d = defaultdict(list)
for line in open(sys.argv[1]):
    p = line.split()
    if len(p) == 3 and p[0].startswith(("tree-", "dense-")):
        d[p[0]].append((float(p[1]), float(p[2])))
for k in ["tree-rg", "tree-old", "tree-new", "dense-catfile", "dense-old", "dense-new"]:
    v = d[k]
    if v:
        w = statistics.median(x[0] for x in v)
        print(f"{k:14s} n={len(v):2d} wall {w:.3f} s  user {statistics.median(x[1] for x in v):.3f} s")
for a, b in [("tree-old", "tree-rg"), ("tree-new", "tree-rg"), ("dense-old", "dense-catfile"), ("dense-new", "dense-catfile")]:
    if d[a] and d[b]:
        print(f"{a} / {b}: {statistics.median(x[0] for x in d[a]) / statistics.median(x[0] for x in d[b]):.2f}x")
P
rm -f "$out"
