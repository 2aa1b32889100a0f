#!/usr/bin/env bash
# Fetch the real-code corpus (issue 11, item 6): the published source releases listed in
# packages.txt, at their pinned versions, from the package registries with the ordinary clients.
# Each one is extracted into DIR/<ecosystem>/<name>-<version>/ (npm scopes: @scope/name →
# scope__name). Idempotent: a package whose directory exists is skipped. Prints the total MB.
#
# Usage: benches/realcode/fetch.sh [DIR]     (default: $REALCODE_DIR or /work/scratch/realcode)
# Needs: pip, npm, curl, tar. Keep DIR outside any repository; never commit it.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
dir=${1:-${REALCODE_DIR:-/work/scratch/realcode}}
list=${REALCODE_PACKAGES:-$here/packages.txt}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
tmp=$(mktemp -d "${TMPDIR:-/tmp}/realcode-fetch.XXXXXX")
trap 'rm -rf "$tmp"' EXIT
failed=0

# extract ARCHIVE DEST: unpack an archive's single top-level directory into DEST.
extract() {
  local archive=$1 dest=$2 stage
  stage=$(mktemp -d "$tmp/x.XXXXXX")
  case $archive in
    *.zip) python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$archive" "$stage" ;;
    *) tar -xzf "$archive" -C "$stage" --no-same-owner ;;
  esac
  local tops=("$stage"/*)
  mkdir -p "$(dirname "$dest")"
  if [ ${#tops[@]} -eq 1 ] && [ -d "${tops[0]}" ]; then
    mv "${tops[0]}" "$dest.partial"
  else
    mv "$stage" "$dest.partial"
  fi
  chmod -R u+rwX "$dest.partial"
  mv "$dest.partial" "$dest"
}

while read -r eco name version _; do
  case $eco in ''|'#'*) continue ;; esac
  safe=${name#@}; safe=${safe//\//__}
  dest="$dir/$eco/$safe-$version"
  if [ -d "$dest" ]; then continue; fi
  rm -rf "$dest.partial"
  dl=$(mktemp -d "$tmp/dl.XXXXXX")
  echo "fetch: $eco $name $version" >&2
  ok=1
  case $eco in
    pypi)
      # --no-binary NAME (not :all:): the sdist of this package, while its build requirements
      # (needed by pip to read the sdist's metadata) may come as wheels instead of being compiled.
      pip download --quiet --no-deps --no-binary "$name" -d "$dl" "$name==$version" >/dev/null 2>"$dl.err" || ok=0 ;;
    npm)
      (cd "$dl" && npm pack --silent "$name@$version" >/dev/null 2>"$dl.err") || ok=0 ;;
    crates)
      curl -fsSL --retry 2 -o "$dl/$name-$version.crate" \
        "https://static.crates.io/crates/$name/$name-$version.crate" 2>"$dl.err" || ok=0 ;;
    *) echo "fetch: unknown ecosystem '$eco' for $name" >&2; ok=0 ;;
  esac
  archive=$(find "$dl" -maxdepth 1 -type f \( -name '*.tar.gz' -o -name '*.tgz' -o -name '*.zip' -o -name '*.crate' \) | head -n 1)
  if [ $ok -eq 0 ] || [ -z "$archive" ]; then
    echo "fetch: FAILED $eco $name $version: $(tail -n 2 "$dl.err" 2>/dev/null | tr '\n' ' ')" >&2
    failed=$((failed + 1)); continue
  fi
  extract "$archive" "$dest"
  rm -rf "$dl"
done < "$list"

total=$(du -sm --apparent-size "$dir"/pypi "$dir"/npm "$dir"/crates 2>/dev/null | awk '{s+=$1} END {print s+0}')
echo "corpus: $dir: ${total} MB extracted"
for eco in pypi npm crates; do
  [ -d "$dir/$eco" ] && echo "  $eco: $(du -sm --apparent-size "$dir/$eco" | cut -f1) MB, $(ls "$dir/$eco" | wc -l) packages"
done
if [ $failed -gt 0 ]; then echo "fetch: $failed package(s) failed" >&2; exit 1; fi
