#!/usr/bin/env bash
# Commit replay (issue 11, "Must hold"): how often would the pre-commit hook block real commits?
#
# Builds one git repository per package from its successive released versions (oldest first,
# pre-releases left out), and for each version: replaces the work tree with that release, stages
# it (`git add -A`), runs the hook's command exactly as hooks/pre-commit runs it
# (`$VAULTSWEEP_BIN scan --staged --hook .` in the repository, with the repository's defaults: no
# config), records exit code and wall time, and commits (`--no-verify`: the hook ran already).
# When the command exits non-zero, the blocking findings (rule, path, line, tier; never values)
# are listed from a second run of the same scan with `--format json`.
#
# Usage: benches/realcode/replay.sh [OUT_DIR]
#   OUT_DIR default: $REALCODE_DIR/replay, REALCODE_DIR default /work/scratch/realcode
#   (check.py scans only DIR/{crates,npm,pypi}, not this work area)
#   VAULTSWEEP_BIN   scanner to replay (default: vaultsweep on PATH)
#   REPLAY_SUMMARY_ONLY=1  only print the summary of an earlier run (e.g. after reviewing blocks)
#   REPLAY_PACKAGES  file of "ecosystem name [max_versions]" lines (default: replay-packages.txt)
# Downloads are cached in OUT_DIR/cache (a re-run only rebuilds the repositories). Writes
# OUT_DIR/commits.tsv (one line per replayed commit), OUT_DIR/blocks.tsv (one line per blocking
# finding) and prints the summary (also OUT_DIR/summary.txt): commits, blocked, % blocked, median /
# p95 latency, and for each block whether replay-verdicts.tsv justifies it (a finding reviewed true).
# Needs: git, npm, pip, python3, tar.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=${REALCODE_DIR:-/work/scratch/realcode}
out=${1:-$root/replay}
list=${REPLAY_PACKAGES:-$here/replay-packages.txt}
vs=${VAULTSWEEP_BIN:-vaultsweep}
if ! command -v "$vs" >/dev/null 2>&1; then echo "replay: scanner '$vs' not found (set VAULTSWEEP_BIN)" >&2; exit 2; fi
vs=$(command -v "$vs")
mkdir -p "$out/cache"
out=$(cd "$out" && pwd)
export GIT_CONFIG_NOSYSTEM=1 GIT_CONFIG_GLOBAL=/dev/null \
  GIT_AUTHOR_NAME=replay GIT_AUTHOR_EMAIL=replay@example.invalid \
  GIT_COMMITTER_NAME=replay GIT_COMMITTER_EMAIL=replay@example.invalid

# versions ECO NAME: stable released versions, oldest first (one registry look-up per package).
versions() {
  case $1 in
    npm) npm view "$2" versions --json ;;
    pypi) pip index versions "$2" 2>/dev/null | sed -n 's/^Available versions: //p' \
            | python3 -c 'import json,sys; print(json.dumps([v.strip() for v in sys.stdin.read().split(",") if v.strip()]))' ;;
  esac | python3 -c '
import json, re, sys
vs = [v for v in json.load(sys.stdin) if re.fullmatch(r"\d+(\.\d+)*", v)]
key = lambda v: [int(x) for x in v.split(".")]
print("\n".join(sorted(set(vs), key=key)))'
}

# fetch ECO NAME VERSION CACHE_DIR: the release archive, cached as CACHE_DIR/VERSION.<ext>;
# prints its path (nothing when the registry has no source archive for that version).
fetch() {
  local eco=$1 name=$2 ver=$3 cache=$4 ext f
  mkdir -p "$cache"
  for ext in tgz tar.gz zip; do
    if [ -f "$cache/$ver.$ext" ]; then echo "$cache/$ver.$ext"; return; fi
  done
  local dl; dl=$(mktemp -d "$cache/.dl.XXXXXX")
  case $eco in
    npm) (cd "$dl" && npm pack --silent "$name@$ver" >/dev/null 2>&1) || true ;;
    pypi) pip download --quiet --no-deps --no-binary "$name" -d "$dl" "$name==$ver" >/dev/null 2>&1 || true ;;
  esac
  f=$(find "$dl" -maxdepth 1 -type f \( -name '*.tgz' -o -name '*.tar.gz' -o -name '*.zip' \) | head -n 1)
  if [ -z "$f" ]; then rm -rf "$dl"; return 0; fi
  case $f in *.tar.gz) ext=tar.gz ;; *.zip) ext=zip ;; *) ext=tgz ;; esac
  mv "$f" "$cache/$ver.$ext"; rm -rf "$dl"
  echo "$cache/$ver.$ext"
}

# unpack ARCHIVE WORKTREE: make WORKTREE (minus .git) the archive's single top directory.
unpack() {
  local archive=$1 wt=$2 stage
  stage=$(mktemp -d "$out/.stage.XXXXXX")
  case $archive in
    *.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$stage" ;;
    *) tar -xzf "$archive" -C "$stage" --no-same-owner 2>/dev/null ;;
  esac
  chmod -R u+rwX "$stage"
  local src=$stage tops=("$stage"/*)
  if [ ${#tops[@]} -eq 1 ] && [ -d "${tops[0]}" ]; then src=${tops[0]}; fi
  find "$wt" -mindepth 1 -maxdepth 1 ! -name .git -exec rm -rf {} +
  (cd "$src" && tar -cf - --exclude=./.git .) | (cd "$wt" && tar -xf -)
  rm -rf "$stage"
}

now_ms() { date +%s%3N; }

# REPLAY_SUMMARY_ONLY=1: skip the replay, summarise OUT_DIR/commits.tsv and blocks.tsv again
# (after editing replay-verdicts.tsv).
if [ -z "${REPLAY_SUMMARY_ONLY:-}" ]; then
printf 'package\tversion\texit\tms\tfindings\tfiles_changed\n' > "$out/commits.tsv"
printf 'package\tversion\tpath\tline\trule\ttier\n' > "$out/blocks.tsv"
rm -rf "$out/repos"; mkdir -p "$out/repos"

while read -r eco name max _; do
  case $eco in ''|'#'*) continue ;; esac
  safe=${name#@}; safe=${safe//\//__}
  cache="$out/cache/$eco/$safe"
  mkdir -p "$cache"
  if [ ! -s "$cache/versions.txt" ]; then versions "$eco" "$name" > "$cache/versions.txt"; fi
  vers=$(cat "$cache/versions.txt")
  if [ -n "${max:-}" ]; then vers=$(echo "$vers" | tail -n "$max"); fi
  repo="$out/repos/$safe"
  mkdir -p "$repo"; git -C "$repo" init -q -b main .
  n=0
  for ver in $vers; do
    archive=$(fetch "$eco" "$name" "$ver" "$cache")
    if [ -z "$archive" ]; then echo "replay: $eco $name $ver: no source archive, skipped" >&2; continue; fi
    unpack "$archive" "$repo"
    # Re-stage from scratch: release tarballs carry fixed mtimes (npm: 1985) and freed inodes are
    # reused, so git's stat check would take a rewritten same-size file for unchanged.
    git -C "$repo" rm -r -q --cached --ignore-unmatch . >/dev/null 2>&1 || true
    git -C "$repo" add -A >/dev/null 2>&1
    changed=$(git -C "$repo" diff --cached --name-only | wc -l)
    if [ "$changed" -eq 0 ]; then continue; fi
    # The hook's command, exactly: `exec "$vs" scan --staged --hook .` in the repository's top level.
    t0=$(now_ms)
    set +e
    (cd "$repo" && "$vs" scan --staged --hook . >/dev/null 2>&1)
    rc=$?
    set -e
    t1=$(now_ms)
    nfind=0
    if [ $rc -ne 0 ]; then
      (cd "$repo" && "$vs" scan --staged . --format json -q 2>/dev/null || true) > "$out/.last.json"
      nfind=$(python3 - "$out/.last.json" "$name" "$ver" "$out/blocks.tsv" <<'PY'
import json, sys
path, name, ver, blocks = sys.argv[1:5]
try:
    fs = json.load(open(path))
except Exception:
    fs = []
with open(blocks, "a") as out:
    for f in fs:
        out.write("\t".join([name, ver, f.get("rel_path") or f["path"], str(f["line"]), f["rule_id"], f.get("tier", "")]) + "\n")
print(len(fs))
PY
)
    fi
    printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$ver" "$rc" "$((t1 - t0))" "$nfind" "$changed" >> "$out/commits.tsv"
    git -C "$repo" commit -q --no-verify -m "$name $ver" >/dev/null
    n=$((n + 1))
  done
  echo "replay: $eco $name: $n commits" >&2
done < "$list"
rm -f "$out/.last.json"
fi

python3 - "$out/commits.tsv" "$out/blocks.tsv" "$vs" "$here/replay-verdicts.tsv" <<'PY' | tee "$out/summary.txt"
import csv, os, sys
rows = list(csv.DictReader(open(sys.argv[1]), delimiter="\t"))
blocks = list(csv.DictReader(open(sys.argv[2]), delimiter="\t"))
verdicts = {}
if os.path.exists(sys.argv[4]):
    for v in csv.DictReader(open(sys.argv[4]), delimiter="\t"):
        verdicts[(v["package"], v["version"], v["path"], v["line"])] = v
n = len(rows)
blocked = [r for r in rows if r["exit"] != "0"]
errors = [r for r in rows if r["exit"] not in ("0", "1")]
ms = sorted(int(r["ms"]) for r in rows)
def pct(p):
    return ms[min(len(ms) - 1, int(round(p / 100 * (len(ms) - 1))))] if ms else 0
print(f"scanner          {sys.argv[3]}")
print(f"commits replayed {n} ({', '.join(sorted({r['package'] for r in rows}))})")
print(f"blocked          {len(blocked)} ({100 * len(blocked) / n if n else 0:.2f} %), errors (exit >1): {len(errors)}")
print(f"latency          median {pct(50)} ms, p95 {pct(95)} ms, max {ms[-1] if ms else 0} ms")
# A block is justified when at least one of its findings was reviewed true (replay-verdicts.tsv).
tally = {"justified": 0, "false": 0, "unreviewed": 0}
for r in blocked:
    fs = [b for b in blocks if b["package"] == r["package"] and b["version"] == r["version"]]
    vs = [verdicts.get((b["package"], b["version"], b["path"], b["line"])) for b in fs]
    if any(v and v["verdict"] == "true" for v in vs):
        state = "justified"
    elif fs and all(v and v["verdict"] == "false" for v in vs):
        state = "false"
    else:
        state = "unreviewed"
    tally[state] += 1
    print(f"  blocked {r['package']} {r['version']} (exit {r['exit']}): {len(fs)} finding(s) [{state}]")
    for b, v in list(zip(fs, vs))[:20]:
        mark = v["verdict"] if v else "unreviewed"
        print(f"    {b['path']}:{b['line']}  {b['rule']}  {b['tier']}  {mark}")
    if len(fs) > 20:
        print(f"    ... {len(fs) - 20} more in blocks.tsv")
print(f"blocks reviewed  justified {tally['justified']}, on false findings only {tally['false']}, unreviewed {tally['unreviewed']}")
PY
