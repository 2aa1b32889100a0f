#!/usr/bin/env bash
# The action's cache key: runner OS and architecture, the toolchain, and a hash of the sources
# cargo builds (this script runs in the action's own checkout, $GITHUB_ACTION_PATH). `prefix`
# restores an older build's dependencies when only the sources changed.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:-$(dirname "$0")/../..}"
prefix="vaultsweep-${RUNNER_OS:-local}-${RUNNER_ARCH:-local}-"
hash=$(rustc -V | python3 -c '
import hashlib, pathlib, sys
h = hashlib.sha256(sys.stdin.buffer.read())
roots = [pathlib.Path(p) for p in ("Cargo.toml", "Cargo.lock", "build.rs", "src", "patterns", "hooks")]
files = sorted(f for r in roots for f in ([r] if r.is_file() else r.rglob("*")) if f.is_file())
for f in files:
    h.update(str(f).encode() + b"\0" + hashlib.sha256(f.read_bytes()).digest())
print(h.hexdigest()[:24])')
lines="prefix=$prefix
key=$prefix$hash"
if [ -n "${GITHUB_OUTPUT:-}" ]; then echo "$lines" >>"$GITHUB_OUTPUT"; else echo "$lines"; fi
