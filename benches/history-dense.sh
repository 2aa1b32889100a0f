#!/usr/bin/env bash
# History benchmark on a credential-dense corpus (issue 18): the two held-out corpora that
# benches/heldout/make.py and benches/heldout2/make.py generate (~1,500 small files, ~350 KB: a
# thousand secrets, near misses and placeholders in code, config, logs and prose), copied COPIES times
# with a different first line in every file (new blobs, the same secrets: a history's churn),
# committed 10 files per commit by benches/history.sh, then `scan --history` against
# `git cat-file --batch-all-objects --batch`.
# Usage: benches/history-dense.sh [WORK_DIR] [RUNS] [COPIES]
#   WORK_DIR default ${TMPDIR:-/tmp}/vaultsweep-dense; COPIES default 8 (12,200 small blobs,
#   2.8 MB: a measure of the cost per blob and per finding rather than per byte).
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-${TMPDIR:-/tmp}/vaultsweep-dense}
runs=${2:-8}
copies=${3:-8}
if [ ! -d "$work/corpus" ]; then
  mkdir -p "$work/gen"
  python3 benches/heldout/make.py "$work/gen/heldout" >/dev/null
  python3 benches/heldout2/make.py "$work/gen/heldout2" >/dev/null
  python3 - "$work/gen" "$work/corpus" "$copies" <<'PY'
import os, sys
src, dst, copies = sys.argv[1], sys.argv[2], int(sys.argv[3])
for c in range(copies):
    for d, _, files in os.walk(src):
        for name in files:
            if name == "labels.jsonl":
                continue
            rel = os.path.relpath(os.path.join(d, name), src)
            out = os.path.join(dst, f"v{c}", rel)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(os.path.join(d, name), "rb") as f:
                data = f.read()
            with open(out, "wb") as f:
                f.write(b"revision %d\n" % c + data)
PY
fi
exec benches/history.sh "$work/corpus" "$work/repo" "$runs"
