#!/usr/bin/env bash
# Organisation-scale benchmarks (issue 20):
#  A. incremental history: a history scan with a warm scanned-blob cache after one new commit,
#     against the same scan cold (target: under 10% of the cold time), on a copy of the
#     synthetic history benches/history.sh builds (thousands of commits); the findings of both
#     must be the same.
#  B. a sweep of REPOS local repositories (`scan --repos`, history) on this machine: unsharded,
#     against two workers (`--shard 0/2` and `--shard 1/2` at once).
# Usage: benches/org.sh [HISTORY_REPO] [RUNS] [REPOS]
#   HISTORY_REPO: benches/history.sh's repository (default ${TMPDIR:-/tmp}/vaultsweep-history;
#                 run benches/history.sh first). It is cloned, never changed.
# Needs: git, python3, hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
src=${1:-${TMPDIR:-/tmp}/vaultsweep-history}
runs=${2:-5}
nrepos=${3:-60}
if [ ! -d "$src/.git" ]; then
  echo "no history at $src: run benches/history.sh first (it builds one)" >&2
  exit 2
fi
cargo build --release --locked --quiet
vs=$PWD/target/release/vaultsweep
work=$(mktemp -d "${TMPDIR:-/tmp}/vaultsweep-org-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== A. incremental history scan"
git clone -q "$src" "$work/repo"
cd "$work/repo"
echo "history: $(git rev-list --all --count) commits, $(git cat-file --batch-all-objects --batch-check | grep -c ' blob ') blobs"
# The cache as a nightly run left it, before the new commit.
"$vs" scan --history -q --cache "$work/cache0" --format jsonl . >"$work/before.jsonl" || true
f=$(git ls-files | sed -n 1p)
printf '\n// one more line\n' >>"$f"
git -c user.name=Bench -c user.email=b@example.test commit -qam "one new commit"
hyperfine --warmup 1 --runs "$runs" --ignore-failure --export-json "$work/cache.json" \
  --command-name cold --prepare "rm -rf $work/c" \
  "$vs scan --history -q --cache $work/c --format jsonl . >/dev/null" \
  --command-name warm --prepare "rm -rf $work/c && cp -a $work/cache0 $work/c" \
  "$vs scan --history -q --cache $work/c --format jsonl . >/dev/null"
rm -rf "$work/c"
"$vs" scan --history -q --cache "$work/c" --format jsonl . | sort >"$work/cold.jsonl" || true
rm -rf "$work/c" && cp -a "$work/cache0" "$work/c"
"$vs" scan --history -v --cache "$work/c" --format jsonl . 2>"$work/warm.err" | sort >"$work/warm.jsonl" || true
grep 'blob cache' "$work/warm.err"
if cmp -s "$work/cold.jsonl" "$work/warm.jsonl"; then
  echo "same findings cold and warm: $(wc -l <"$work/cold.jsonl") lines"
else
  echo "FINDINGS DIFFER between cold and warm" >&2
  diff "$work/cold.jsonl" "$work/warm.jsonl" | head >&2
  exit 1
fi
python3 - "$work/cache.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
c, w = r["cold"]["mean"], r["warm"]["mean"]
print(f"cold {c:.3f} s ± {r['cold']['stddev']:.3f}, warm {w:.3f} s ± {r['warm']['stddev']:.3f}: warm/cold {100 * w / c:.1f}%")
PY

echo "== B. sweep of $nrepos local repositories"
cd "$work"
# Repositories cut from the history's files: each gets a slice of the tree over 12 commits.
python3 - "$work/repo" "$work/fleet" "$nrepos" <<'PY'
import os, subprocess, sys
src, dst, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
files = subprocess.run(["git", "-C", src, "ls-files", "-z"], capture_output=True, check=True).stdout.split(b"\0")
files = [f for f in files if f]
per = len(files) // n
env = dict(os.environ, GIT_AUTHOR_NAME="B", GIT_AUTHOR_EMAIL="b@example.test",
           GIT_COMMITTER_NAME="B", GIT_COMMITTER_EMAIL="b@example.test")
for i in range(n):
    d = os.path.join(dst, f"repo-{i:03d}")
    os.makedirs(d)
    subprocess.run(["git", "init", "-q", "-b", "main", d], check=True)
    mine = files[i * per:(i + 1) * per]
    step = max(1, len(mine) // 12)
    for c in range(0, len(mine), step):
        for f in mine[c:c + step]:
            out = os.path.join(d.encode(), f)
            os.makedirs(os.path.dirname(out), exist_ok=True)
            with open(os.path.join(src.encode(), f), "rb") as a, open(out, "wb") as b:
                b.write(a.read())
        subprocess.run(["git", "-C", d, "add", "-A"], check=True, env=env)
        subprocess.run(["git", "-C", d, "commit", "-q", "-m", f"part {c}"], check=True, env=env)
PY
ls -d "$work"/fleet/repo-* >"$work/repos.txt"
echo "fleet: $(wc -l <"$work/repos.txt") repositories, $(du -sh "$work/fleet" | cut -f1)"
hyperfine --warmup 1 --runs "$runs" --ignore-failure --export-json "$work/sweep.json" \
  --command-name unsharded --prepare "rm -rf $work/out*" \
  "$vs scan -q --repos $work/repos.txt --history --output-dir $work/out --format json" \
  --command-name "2 shards" --prepare "rm -rf $work/out*" \
  "$vs scan -q --repos $work/repos.txt --history --output-dir $work/out0 --format json --shard 0/2 & $vs scan -q --repos $work/repos.txt --history --output-dir $work/out1 --format json --shard 1/2; wait"
rm -rf "$work"/out*
"$vs" scan -q --repos "$work/repos.txt" --history --output-dir "$work/out" --format json || true
"$vs" scan -q --repos "$work/repos.txt" --history --output-dir "$work/out0" --format json --shard 0/2 || true
"$vs" scan -q --repos "$work/repos.txt" --history --output-dir "$work/out1" --format json --shard 1/2 || true
"$vs" report merge "$work/out" --format json -o "$work/one.json"
"$vs" report merge "$work/out0" "$work/out1" --format json -o "$work/two.json"
cmp -s "$work/one.json" "$work/two.json" && echo "merged shards = merged unsharded sweep"
python3 - "$work/sweep.json" "$work/out/summary.json" "$work/out0/summary.json" "$work/out1/summary.json" <<'PY'
import json, sys
r = {x["command"]: x for x in json.load(open(sys.argv[1]))["results"]}
one = json.load(open(sys.argv[2]))
shards = [len(json.load(open(p))["repositories"]) for p in sys.argv[3:]]
n = one["totals"]["repositories"]
u, s = r["unsharded"]["mean"], r["2 shards"]["mean"]
print(f"{n} repositories (shards of {shards[0]} and {shards[1]}): unsharded {u:.2f} s ± {r['unsharded']['stddev']:.2f}, "
      f"2 shards at once {s:.2f} s ± {r['2 shards']['stddev']:.2f} ({u / s:.2f}x); "
      f"per repository {1000 * u / n:.0f} ms, i.e. {u / n * 1000 / 60:.1f} min per 1,000 such repositories on one worker")
PY
