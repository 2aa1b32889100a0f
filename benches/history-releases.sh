#!/usr/bin/env bash
# History benchmark on real code with real churn (issue 18, "Must hold"): one git repository whose
# commits are successive released versions of well-known npm and PyPI packages, scanned with
# `scan --history` and timed against the `git cat-file --batch-all-objects --batch` floor.
#
# Usage: benches/history-releases.sh [WORK_DIR] [RUNS]
#   WORK_DIR  default ${TMPDIR:-/tmp}/vaultsweep-releases: cache/ (downloaded archives, kept),
#             repo/ (the history, built once), results (hyperfine JSON, findings).
#   RUNS      hyperfine runs per command (default 6; 2 warm-up runs each).
#   VAULTSWEEP_BINS  space-separated binaries to time side by side (default `vaultsweep`).
#   RELEASES_LIST    the pinned version list (default benches/history-releases.txt).
#
# The repository: one commit per release, in the order of the pinned list (package after package,
# oldest version first). Each commit replaces the package's directory `<eco>/<name>/` with that
# release's files (files gone from the release are deleted, unchanged ones keep their blob), one
# branch, fixed author and dates, written with `git fast-import`, then `git gc` (one deltified
# pack, as a fresh clone has).
# Same list and archives → same commits and hashes.
#
# Archives come from the registries through their ordinary clients: `npm pack NAME@VERSION` (the
# published tarball) and `pip download --no-deps --only-binary :all: NAME==VERSION` (the published
# pure-Python wheel: the package's source files as released, less the wheel's RECORD manifest;
# sdists would need their metadata built, 5–15 s each, and old setup.py files fail on 3.11).
# If the list is missing, it is made from the SPEC below (newest N stable versions of each
# package that have such an archive) and written; commit it to pin it.
# Needs: git, python3 with pip, npm, hyperfine, GNU time.
set -euo pipefail
cd "$(dirname "$0")/.."
work=${1:-${TMPDIR:-/tmp}/vaultsweep-releases}
runs=${2:-6}
bins=${VAULTSWEEP_BINS:-vaultsweep}
list=${RELEASES_LIST:-$PWD/benches/history-releases.txt}
mkdir -p "$work/cache/npm" "$work/cache/pypi"
work=$(cd "$work" && pwd)
repo=$work/repo

for bin in $bins; do
  command -v "$bin" >/dev/null || { echo "not found: $bin (set VAULTSWEEP_BINS)" >&2; exit 2; }
done

# fetch ECO NAME VERSION: the release's archive into the cache (no-op if cached); exit 1 if the
# registry has no such archive.
fetch() {
  local eco=$1 name=$2 version=$3 dl
  case $eco in
    npm)
      [ -f "$work/cache/npm/$name-$version.tgz" ] && return 0
      dl=$(mktemp -d "$work/cache/dl.XXXXXX")
      (cd "$dl" && npm pack --silent "$name@$version" </dev/null >/dev/null 2>&1) || { rm -rf "$dl"; return 1; }
      mv "$dl"/*.tgz "$work/cache/npm/$name-$version.tgz" && rm -rf "$dl" ;;
    pypi)
      [ -f "$work/cache/pypi/$name-$version.whl" ] && return 0
      dl=$(mktemp -d "$work/cache/dl.XXXXXX")
      python3 -m pip download --quiet --no-deps --only-binary :all: --ignore-requires-python \
        -d "$dl" "$name==$version" </dev/null >/dev/null 2>&1 || { rm -rf "$dl"; return 1; }
      mv "$dl"/*.whl "$work/cache/pypi/$name-$version.whl" && rm -rf "$dl" ;;
    *) echo "unknown ecosystem: $eco" >&2; return 1 ;;
  esac
}

# 1. The version list: pinned, or made once from the SPEC (newest N stable versions, oldest first).
if [ ! -f "$list" ]; then
  echo "making $list" >&2
  SPEC="npm express 100
npm axios 30
npm lodash 50
npm pg 100
npm jsonwebtoken 40
pypi requests 60
pypi flask 40
pypi django 100"
  {
    echo "# benches/history-releases.sh: one commit per line, in this order (ecosystem name version)."
    echo "# Stable versions only, oldest first per package. Delete this file to make a new list."
    while read -r eco name n; do
      # Candidates, newest first: npm `x.y.z` versions (no pre-releases), pip's stable versions.
      case $eco in
        npm) npm view "$name" versions --json </dev/null | python3 -c '
import json, re, sys
vs = [v for v in json.load(sys.stdin) if re.fullmatch(r"\d+\.\d+\.\d+", v)]
vs.sort(key=lambda v: tuple(map(int, v.split("."))), reverse=True)
print("\n".join(vs))' ;;
        pypi) python3 -m pip index versions "$name" </dev/null 2>/dev/null | python3 -c '
import sys
from pip._vendor.packaging.version import Version
line = next(l for l in sys.stdin if l.startswith("Available versions:"))
vs = [v.strip() for v in line.split(":", 1)[1].split(",") if v.strip()]
vs = [v for v in vs if not Version(v).is_prerelease]
vs.sort(key=Version, reverse=True)
print("\n".join(vs))' ;;
      esac >"$work/candidates"
      kept=()
      while read -r v && [ ${#kept[@]} -lt "$n" ]; do
        if fetch "$eco" "$name" "$v"; then kept+=("$v"); else echo "  skip $eco $name $v (no archive)" >&2; fi
      done <"$work/candidates"
      for ((i = ${#kept[@]} - 1; i >= 0; i--)); do echo "$eco $name ${kept[i]}"; done
    done <<<"$SPEC"
  } >"$list.partial"
  mv "$list.partial" "$list"
fi

# 2. Every archive of the list in the cache.
missing=0
while read -r eco name version _; do
  case $eco in ''|'#'*) continue ;; esac
  fetch "$eco" "$name" "$version" || { echo "fetch failed: $eco $name $version" >&2; missing=1; }
done <"$list"
[ $missing -eq 0 ] || exit 1

# 3. The repository, once.
if [ ! -d "$repo/.git" ]; then
  rm -rf "$repo"
  git init -q -b main "$repo"
  python3 - "$list" "$work/cache" <<'PY' | git -C "$repo" fast-import --quiet
import hashlib, os, sys, tarfile, zipfile
lst, cache = sys.argv[1], sys.argv[2]
out = sys.stdout.buffer

def quote(path):
    # fast-import's C-style quoted path (safe for any name).
    esc = path.replace(b"\\", b"\\\\").replace(b'"', b'\\"').replace(b"\n", b"\\n")
    return b'"' + esc + b'"'

def release_files(eco, name, version):
    """{path: (mode, data)} of one release, paths relative to the package root."""
    files = {}
    if eco == "npm":
        # npm tarballs hold one top-level directory (usually package/): strip it.
        with tarfile.open(os.path.join(cache, "npm", f"{name}-{version}.tgz"), "r:gz") as tar:
            for m in tar:
                parts = m.name.encode("utf-8", "surrogateescape").lstrip(b"./").split(b"/", 1)
                if len(parts) < 2 or not parts[1]:
                    continue
                if m.issym():
                    files[parts[1]] = (b"120000", m.linkname.encode("utf-8", "surrogateescape"))
                elif m.isfile():
                    mode = b"100755" if m.mode & 0o111 else b"100644"
                    files[parts[1]] = (mode, tar.extractfile(m).read())
    else:
        with zipfile.ZipFile(os.path.join(cache, "pypi", f"{name}-{version}.whl")) as whl:
            for zi in whl.infolist():
                # A wheel's RECORD (path, sha256 and size of every file: 39 MB of hashes over
                # the 200 wheels of the pinned list) is an install manifest that no source
                # repository holds: left out.
                if zi.is_dir() or zi.filename.endswith(".dist-info/RECORD"):
                    continue
                mode = b"100755" if (zi.external_attr >> 16) & 0o111 else b"100644"
                files[zi.filename.encode("utf-8", "surrogateescape")] = (mode, whl.read(zi))
    return files

previous = {}  # package dir -> {path: (mode, sha1)} of its last commit
n = 0
for line in open(lst):
    fields = line.split()
    if not fields or fields[0].startswith("#"):
        continue
    eco, name, version = fields[:3]
    n += 1
    root = f"{eco}/{name}/".encode()
    files = release_files(eco, name, version)
    before = previous.get(root, {})
    now = {p: (mode, hashlib.sha1(data).digest()) for p, (mode, data) in files.items()}
    msg = f"{eco}/{name} {version}\n".encode()
    when = b"%d +0000" % (1700000000 + 3600 * n)
    out.write(b"commit refs/heads/main\nmark :%d\n" % n)
    out.write(b"author Bench <b@example.test> " + when + b"\n")
    out.write(b"committer Bench <b@example.test> " + when + b"\n")
    out.write(b"data %d\n%s" % (len(msg), msg))
    if n > 1:
        out.write(b"from :%d\n" % (n - 1))
    for p in sorted(before.keys() - now.keys()):
        out.write(b"D " + quote(root + p) + b"\n")
    for p in sorted(now):
        if before.get(p) != now[p]:
            mode, data = files[p]
            out.write(b"M " + mode + b" inline " + quote(root + p) + b"\ndata %d\n" % len(data))
            out.write(data)
            out.write(b"\n")
    previous[root] = now
PY
  git -C "$repo" gc --quiet --prune=now 2>/dev/null || true
fi

commits=$(git -C "$repo" rev-list --all --count)
unique=$(git -C "$repo" cat-file --batch-all-objects --batch-check='%(objecttype) %(objectsize)' |
  awk '$1 == "blob" { n++; s += $2 } END { printf "%d unique blobs, %.1f MB of unique blob content", n, s / 1e6 }')
echo "history: $repo: $commits commits, $unique, $(du -sh "$repo/.git/objects" | cut -f1) on disk"
echo "head tree: $(git -C "$repo" ls-tree -r HEAD | wc -l) files; packages: $(grep -v '^#' "$list" | awk '{print $1 "/" $2}' | uniq -c | awk '{printf "%s %s, ", $2, $1}' | sed 's/, $//')"

# 4. Timings, all commands side by side in one hyperfine run (cat-file is single-threaded;
# vaultsweep uses every core).
cd "$repo"
git cat-file --batch-all-objects --batch >/dev/null
cmds=('git cat-file --batch-all-objects --batch')
for bin in $bins; do cmds+=("$bin scan --history -q --format jsonl ."); done
echo "load before: $(uptime)"
hyperfine -N -i --warmup 2 --runs "$runs" --export-json "$work/hyperfine.json" "${cmds[@]}"
echo "load after:  $(uptime)"
python3 - "$work/hyperfine.json" <<'PY'
import json, statistics, sys
res = json.load(open(sys.argv[1]))["results"]
floor = statistics.median(res[0]["times"])
print(f"{'command':<60} {'median':>8} {'mean ± σ':>17} {'min':>7} {'user':>7} {'× cat-file (medians)':>21}")
for r in res:
    t = r["times"]
    med = statistics.median(t)
    print(f"{r['command'][-60:]:<60} {med:8.3f} {r['mean']:8.3f} ± {r['stddev'] or 0:6.3f} {min(t):7.3f}"
          f" {r['user']:7.3f} {med / floor:20.2f}×")
PY

# 5. Peak RSS and findings, one run each.
i=0
counts=()
for cmd in "${cmds[@]}"; do
  i=$((i + 1))
  /usr/bin/time -f %M -o "$work/rss.$i" $cmd >"$work/out.$i" 2>/dev/null || true
  line="peak RSS $(( $(tail -n 1 "$work/rss.$i") / 1024 )) MB: $cmd"
  if [ $i -gt 1 ]; then
    n=$(wc -l <"$work/out.$i")
    counts+=("$n")
    line="$line: $n findings (fingerprints in $work/out.$i)"
  fi
  echo "$line"
done
if [ ${#counts[@]} -gt 1 ] && [ "$(printf '%s\n' "${counts[@]}" | sort -u | wc -l)" -ne 1 ]; then
  echo "WARNING: the binaries report different numbers of findings: ${counts[*]}" >&2
fi
# Beyond the counts: the same findings (fingerprint and commit) from every binary.
python3 - "$work" "${#cmds[@]}" <<'PY'
import json, sys
work, n = sys.argv[1], int(sys.argv[2])
def keys(i):
    with open(f"{work}/out.{i}") as f:
        return sorted((d.get("fingerprint"), d.get("commit"), d.get("path")) for d in map(json.loads, f))
first = keys(2)
for i in range(3, n + 1):
    if keys(i) != first:
        print(f"WARNING: command {i} reports other findings than command 2 (fingerprint, commit, path)", file=sys.stderr)
PY
