#!/usr/bin/env bash
# The action's cache key: runner OS and architecture, the toolchain, and a hash of the sources
# cargo builds (this script runs in the action's own checkout, $GITHUB_ACTION_PATH). `prefix`
# restores an older build's dependencies when only the sources changed.
set -euo pipefail
cd "${GITHUB_ACTION_PATH:-$(dirname "$0")/../..}"
prefix="vaultsweep-${RUNNER_OS:-local}-${RUNNER_ARCH:-local}-"
toolchain=$(rustc -V | sha256sum | cut -c1-8)
sources=$(find Cargo.toml Cargo.lock build.rs src patterns hooks -type f -print0 | LC_ALL=C sort -z |
  xargs -0 sha256sum | sha256sum | cut -c1-20)
{
  echo "prefix=$prefix"
  echo "key=$prefix$toolchain-$sources"
} >>"${GITHUB_OUTPUT:-/dev/stdout}"
