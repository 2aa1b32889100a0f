#!/usr/bin/env bash
# History benchmark (issue 4 target: `vaultsweep scan --history` within 1.5x of
# `git cat-file --batch-all-objects --batch`, and peak RSS that does not grow with commits).
# Usage: benches/history.sh [CORPUS_DIR] [REPO_DIR] [RUNS]
#   CORPUS_DIR: the e2e corpus (benches/e2e.sh extracts it; default
#               ${TMPDIR:-/tmp}/vaultsweep-corpus).
#   REPO_DIR:   where the synthetic history is built if missing (default
#               ${TMPDIR:-/tmp}/vaultsweep-history).
# The history is synthetic, the content real and the build reproducible: every file of the corpus
# (symbolic links dereferenced) in byte order of path, 10 files per commit, one branch, fixed
# author and dates, written with `git fast-import` (one pack, as a fresh clone has).
# Needs: git, python3, hyperfine, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${TMPDIR:-/tmp}/vaultsweep-corpus}
repo=${2:-${TMPDIR:-/tmp}/vaultsweep-history}
runs=${3:-5}

if [ ! -d "$corpus" ]; then
  echo "no corpus at $corpus: run benches/e2e.sh first (it extracts one)" >&2
  exit 2
fi

if [ ! -d "$repo/.git" ]; then
  git init -q -b main "$repo"
  python3 - "$corpus" <<'PY' | git -C "$repo" fast-import --quiet
import os, sys
root = sys.argv[1].encode()
paths = []
for d, dirs, files in os.walk(root):
    for name in files + [x for x in dirs if os.path.islink(os.path.join(d, x))]:
        full = os.path.join(d, name)
        if os.path.isfile(full):  # regular files and links to them (broken links skipped)
            paths.append(os.path.relpath(full, root))
paths.sort()
out = sys.stdout.buffer
per = 10
for n, i in enumerate(range(0, len(paths), per), start=1):
    msg = b"add %d files (%d)\n" % (len(paths[i:i + per]), i)
    when = b"%d +0000" % (1700000000 + 60 * n)
    out.write(b"commit refs/heads/main\nmark :%d\n" % n)
    out.write(b"author Bench <b@example.test> " + when + b"\n")
    out.write(b"committer Bench <b@example.test> " + when + b"\n")
    out.write(b"data %d\n%s" % (len(msg), msg))
    if n > 1:
        out.write(b"from :%d\n" % (n - 1))
    for p in paths[i:i + per]:
        with open(os.path.join(root, p), "rb") as f:
            data = f.read()
        out.write(b"M 100644 inline %s\ndata %d\n" % (p, len(data)))
        out.write(data)
        out.write(b"\n")
PY
fi
commits=$(git -C "$repo" rev-list --all --count)
unique=$(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
  awk '$1 == "blob" { n++; s += $2 } END { printf "%d blobs, %.1f MB", n, s / 1e6 }')
echo "history: $repo: $commits commits, $unique unique, $(du -sh "$repo/.git/objects/pack" | cut -f1) packed"

cargo build --release --locked --quiet
vs=$PWD/target/release/vaultsweep
cd "$repo"

# Warm the page cache, then time both (cat-file is single-threaded; vaultsweep uses every core).
git cat-file --batch-all-objects --batch >/dev/null
hyperfine --warmup 1 --runs "$runs" --ignore-failure \
  --export-json "${TMPDIR:-/tmp}/vaultsweep-history.json" \
  'git cat-file --batch-all-objects --batch >/dev/null' \
  "$vs scan --history -q --format jsonl . >/dev/null"

for cmd in "git cat-file --batch-all-objects --batch" "$vs scan --history -q --format jsonl ."; do
  /usr/bin/time -v $cmd >/dev/null 2>"${TMPDIR:-/tmp}/vaultsweep-time.txt" || true
  echo "$cmd: $(grep -E "Maximum resident" "${TMPDIR:-/tmp}/vaultsweep-time.txt" | sed 's/^\s*//')"
done
