#!/usr/bin/env bash
# Guard cost (issue 17), three figures: the matcher alone over CORPUS (one thread, 50 and 200
# values, false hits counted), a tree scan of CORPUS with and without a guard file of 50 values,
# and the staged scan of benches/staged.sh's commit with and without that guard file.
# Usage: benches/guard.sh [CORPUS_DIR] [RUNS]    Needs: git, hyperfine; CORPUS as benches/e2e.sh.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${TMPDIR:-/tmp}/vaultsweep-corpus}
runs=${2:-10}
cargo build --release --locked --quiet
cargo build --release --locked --quiet --example guard_bench
vs=$PWD/target/release/vaultsweep
gb=$PWD/target/release/examples/guard_bench
work=$(mktemp -d "${TMPDIR:-/tmp}/vaultsweep-guard-bench.XXXXXX")
trap 'rm -rf "$work"' EXIT

echo "== matcher alone"
"$gb" "$corpus" 50
"$gb" "$corpus" 200

echo "== tree scan, without and with a guard file of 50 values"
for d in plain guarded; do mkdir -p "$work/$d/.git"; cp -al "$corpus" "$work/$d/tree"; done
"$gb" "$corpus" 50 "$work/guarded" >/dev/null
hyperfine --warmup 2 --runs "$runs" -i \
  "$vs scan --no-ignore -q --format jsonl $work/plain" \
  "$vs scan --no-ignore -q --format jsonl $work/guarded"

echo "== staged scan (benches/staged.sh's commit), without and with the guard file"
repo="$work/staged"; mkdir -p "$repo"; cd "$repo"
export GIT_CONFIG_NOSYSTEM=1 HOME="$repo/.home" GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@example.test \
  GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@example.test
git init -q -b main .
for d in $(seq 1 60); do
  mkdir -p "src/mod$d"
  for f in $(seq 1 50); do
    { echo "// module $d file $f"; for l in $(seq 1 40); do echo "let value_$l = compute($d, $f, $l); // padding text"; done; } \
      > "src/mod$d/file$f.rs"
  done
done
git add -A && git commit -q -m base
for f in 1 2 3 4 5; do
  for l in $(seq 1 10); do echo "let added_$l = $f * $l;" >> "src/mod$f/file$f.rs"; done
done
git add -A
hyperfine --warmup 3 --runs 30 -N -i "$vs scan --staged"
"$gb" "$corpus" 50 "$repo" >/dev/null
hyperfine --warmup 3 --runs 30 -N -i "$vs scan --staged"
