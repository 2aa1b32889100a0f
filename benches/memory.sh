#!/usr/bin/env bash
# Peak memory of a scan on adversarial inputs (issue 13, item 4), under a raised
# --max-file-size: a 300 MB line of base64 and a 2 GB sparse file; and a 90 MB SQL dump staged
# in a git repository (`scan --staged`, the pre-commit hook, default staged limit 100M).
# Goal: peak RSS <= 2 x (threads x largest chunk) + 100 MB, chunk = 8 MiB (source::CHUNK).
# Usage: benches/memory.sh
#   VS=path/to/vaultsweep skips the release build; THREADS=N (default 2).
# Needs: python3, git, GNU time (/usr/bin/time).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${VS:-}" ]; then
  cargo build --release --locked --quiet
  VS=target/release/vaultsweep
fi
dir=$(mktemp -d "${TMPDIR:-/tmp}/vaultsweep-mem.XXXXXX")
trap 'rm -rf "$dir"' EXIT
python3 - "$dir" <<'PY'
import base64, os, sys
d = sys.argv[1]
# 300 MB of base64 in one line: one unbroken run of the alphabet (no padding inside).
with open(os.path.join(d, "b64-line.txt"), "wb") as f:
    f.write(b"blob: ")
    n = 0
    while n < 300_000_000:
        piece = base64.b64encode(os.urandom(3 << 20))
        f.write(piece)
        n += len(piece)
    f.write(b"\n")
# 2 GB sparse file (costs no disk): a line of text, then zeros.
with open(os.path.join(d, "sparse.bin"), "wb") as f:
    f.write(b"GITHUB_TOKEN=none\n")
    f.truncate(2 << 30)
# 90 MB of SQL rows, to be staged.
os.mkdir(os.path.join(d, "repo"))
row = b"INSERT INTO milk_yield VALUES (1042, '2026-03-01', 18.25, 'barn-7');\n"
with open(os.path.join(d, "repo", "dump.sql"), "wb") as f:
    f.write(row * (90_000_000 // len(row)))
PY
git -C "$dir/repo" init -q
git -C "$dir/repo" add dump.sql
threads=${THREADS:-2}
chunk_mb=8
goal=$((2 * threads * chunk_mb + 100))
echo "vaultsweep: $VS; threads: $threads; goal: peak RSS <= $goal MB"
for input in b64-line.txt sparse.bin; do
  size=$(du -b --apparent-size "$dir/$input" | cut -f1)
  /usr/bin/time -f '%M %e' -o "$dir/time" \
    "$VS" scan -q -j "$threads" --max-file-size 3G "$dir/$input" >/dev/null 2>&1 || true
  read -r kb secs < <(tail -n 1 "$dir/time")
  echo "$input ($((size / 1000000)) MB): peak RSS $((kb / 1024)) MB in ${secs}s"
done
/usr/bin/time -f '%M %e' -o "$dir/time" \
  "$VS" scan -q --staged "$dir/repo" >/dev/null 2>&1 || true
read -r kb secs < <(tail -n 1 "$dir/time")
echo "staged dump.sql (90 MB): peak RSS $((kb / 1024)) MB in ${secs}s"
