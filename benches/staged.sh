#!/usr/bin/env bash
# Staged-scan (pre-commit hook) latency: `vaultsweep scan --staged` on a commit of 5 files in a
# 3,000-file repository built here with real git (a fresh repo each run, nothing committed).
# Target (issue 4): median under 100 ms.
# Usage: benches/staged.sh [RUNS]    Needs: git, hyperfine.
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-30}
# VAULTSWEEP_BIN=path compares another build (skips the build here).
if [ -z "${VAULTSWEEP_BIN:-}" ]; then cargo build --release --locked --quiet; fi
vs=${VAULTSWEEP_BIN:-$PWD/target/release/vaultsweep}
repo=$(mktemp -d "${TMPDIR:-/tmp}/vaultsweep-staged-bench.XXXXXX")
trap 'rm -rf "$repo"' EXIT
cd "$repo"
export GIT_CONFIG_NOSYSTEM=1 HOME="$repo/.home" GIT_AUTHOR_NAME=bench GIT_AUTHOR_EMAIL=b@example.test \
  GIT_COMMITTER_NAME=bench GIT_COMMITTER_EMAIL=b@example.test
git init -q -b main .
# 3,000 source-like files of ~2 KB in 60 directories.
for d in $(seq 1 60); do
  mkdir -p "src/mod$d"
  for f in $(seq 1 50); do
    { echo "// module $d file $f"; for l in $(seq 1 40); do echo "let value_$l = compute($d, $f, $l); // padding text"; done; } \
      > "src/mod$d/file$f.rs"
  done
done
git add -A && git commit -q -m base
# The commit under test: 5 modified files, ~10 added lines each (one with a fake token).
for f in 1 2 3 4 5; do
  for l in $(seq 1 10); do echo "let added_$l = $f * $l;" >> "src/mod$f/file$f.rs"; done
done
tok="ghp_$(LC_ALL=C tr -dc 'A-Za-z0-9' </dev/urandom | head -c 36 || true)"
echo "GITHUB_TOKEN = \"$tok\"" >> src/mod3/file3.rs
git add -A
echo "repo: $(git ls-files | wc -l) files, staged: $(git diff --cached --name-only | wc -l) files"
hyperfine --warmup 3 --runs "$runs" -N -i --export-json "$repo/staged.json" "$vs scan --staged"
python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; print('median %.1f ms, mean %.1f ms, max %.1f ms' % (r['median']*1e3, r['mean']*1e3, r['max']*1e3))" "$repo/staged.json"
