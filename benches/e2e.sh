#!/usr/bin/env bash
# End-to-end benchmark: vaultsweep's full scan of a real source tree against
# `rg -n -f benches/rg-patterns.txt` (a 23-pattern secret alternation) over the same tree.
# Usage: benches/e2e.sh [CORPUS_DIR]
#   Without CORPUS_DIR it builds one from Debian's linux-source package (a real ~110 MB,
#   ~28,000-file subset of the Linux 6.1 tree) under ${TMPDIR:-/tmp}/vaultsweep-corpus.
# Needs: hyperfine, ripgrep (apt-get install hyperfine ripgrep), GNU time for peak RSS.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=${1:-${TMPDIR:-/tmp}/vaultsweep-corpus}

if [ ! -d "$corpus" ]; then
  tarball=$(ls /usr/src/linux-source-*.tar.xz 2>/dev/null | head -1 || true)
  if [ -z "$tarball" ]; then
    apt-get install -y -qq linux-source >/dev/null
    tarball=$(ls /usr/src/linux-source-*.tar.xz | head -1)
  fi
  mkdir -p "$corpus"
  top=$(basename "$tarball" .tar.xz)
  # A fixed subset of Linux 6.1: Documentation/, include/ and tools/ come to about 130 MB in
  # about 21,000 files (C, headers, reStructuredText, Python, shell, YAML, JSON).
  tar -xJf "$tarball" -C "$corpus" --strip-components=1 \
    "$top/Documentation" "$top/include" "$top/tools"
fi
echo "corpus: $corpus: $(du -sh --apparent-size "$corpus" | cut -f1), $(find "$corpus" -type f | wc -l) files"

cargo build --release --locked --quiet
vs=target/release/vaultsweep

# Warm the page cache, then time both tools (2 cores: both use all of them).
rg -n -f benches/rg-patterns.txt "$corpus" >/dev/null || true
hyperfine --warmup 2 --runs "${RUNS:-15}" --ignore-failure \
  --export-json "${TMPDIR:-/tmp}/vaultsweep-e2e.json" \
  "rg -n -f benches/rg-patterns.txt $corpus" \
  "$vs scan --no-ignore -q --format jsonl $corpus"

# Shared VMs are noisy: report the ratio of means and of minimums (the least-disturbed runs).
python3 - "${TMPDIR:-/tmp}/vaultsweep-e2e.json" <<'PY'
import json, sys
rg, vs = json.load(open(sys.argv[1]))["results"]
print(f"rg {rg['mean']:.3f} s (min {rg['min']:.3f}), vaultsweep {vs['mean']:.3f} s (min {vs['min']:.3f})")
print(f"ratio of means {vs['mean'] / rg['mean']:.2f}x, of minimums {vs['min'] / rg['min']:.2f}x")
PY

/usr/bin/time -v "$vs" scan --no-ignore -q --format jsonl "$corpus" >/dev/null 2>"${TMPDIR:-/tmp}/vaultsweep-time.txt" || true
grep -E "Maximum resident|Elapsed" "${TMPDIR:-/tmp}/vaultsweep-time.txt"
