#!/usr/bin/env python3
"""Real-code precision check (issue 11, item 6).

Runs `$VAULTSWEEP_BIN scan DIR/crates DIR/npm DIR/pypi --format json -q [EXTRA...]` (default
settings) over the real-code corpus that fetch.sh extracts and compares the findings with the reviewed verdicts in verdicts.tsv:

- a finding reviewed `false` that is reported again            -> regression (exit 1), unless
  it is listed in still-false.txt (false findings today's scanner still makes: the budget the
  precision target is measured against; remove a line when a fix makes it go away)
- a finding reviewed `true` that is no longer reported         -> lost true finding (exit 1)
- a finding with no verdict yet                                -> listed as unreviewed (no exit 1)

Findings are matched on (path, line); a different rule id on a reviewed path+line is the same
finding, printed as a rule change. Never prints a secret value: path, line and rule only.

Usage: check.py [--dir DIR] [--verdicts FILE] [--json] [--report FILE] [--findings FILE]
                [-- EXTRA SCAN ARGS...]
  --findings FILE  read a saved `scan --format json` report instead of running the scanner
  --report FILE    also save the scanner's JSON report there (it holds masked values only)
Exit: 0 ok, 1 regression (false finding back or true finding lost), 2 usage/scan error.
"""
import argparse
import csv
import json
import os
import shutil
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
VERDICTS = os.path.join(HERE, "verdicts.tsv")
STILL_FALSE = os.path.join(HERE, "still-false.txt")


def load_still_false(path):
    """`path:line` lines of reviewed false findings that are known to be reported still."""
    keys = set()
    if not os.path.exists(path):
        return keys
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.split("#", 1)[0].strip()
            if line:
                p, _, n = line.rpartition(":")
                keys.add((p, int(n)))
    return keys
COLUMNS = ["path", "line", "rule", "verdict", "category", "note"]


def load_verdicts(path):
    """(path, line) -> row dict. Fails on malformed rows instead of silently dropping them."""
    verdicts = {}
    if not os.path.exists(path):
        return verdicts
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE)
        header = next(reader, None)
        if header != COLUMNS:
            sys.exit(f"check: {path}: header must be {' '.join(COLUMNS)}, got {header}")
        for n, row in enumerate(reader, start=2):
            if not row or row[0].startswith("#"):
                continue
            if len(row) < 4:
                sys.exit(f"check: {path}:{n}: expected {len(COLUMNS)} tab-separated columns")
            row += [""] * (len(COLUMNS) - len(row))
            rec = dict(zip(COLUMNS, row))
            if rec["verdict"] not in ("true", "false"):
                sys.exit(f"check: {path}:{n}: verdict must be true or false, got {rec['verdict']!r}")
            try:
                key = (rec["path"], int(rec["line"]))
            except ValueError:
                sys.exit(f"check: {path}:{n}: line must be a number, got {rec['line']!r}")
            if key in verdicts:
                sys.exit(f"check: {path}:{n}: duplicate verdict for {key[0]}:{key[1]}")
            verdicts[key] = rec
    return verdicts


def corpus_mb(root):
    total = 0
    for dirpath, _dirs, files in os.walk(root):
        for name in files:
            try:
                st = os.lstat(os.path.join(dirpath, name))
            except OSError:
                continue
            if not os.path.islink(os.path.join(dirpath, name)):
                total += st.st_size
    return total / 1e6


ECOSYSTEMS = ("crates", "npm", "pypi")


def scan_roots(root):
    """The ecosystem directories fetch.sh fills (DIR itself also holds replay.sh's work area)."""
    roots = [os.path.join(root, e) for e in ECOSYSTEMS if os.path.isdir(os.path.join(root, e))]
    return roots or [root]


def run_scan(binary, roots, extra):
    cmd = [binary, "scan"] + roots + ["--format", "json", "-q"] + extra
    start = time.monotonic()
    proc = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    wall = time.monotonic() - start
    # Exit 1 means "findings at or above fail_on"; anything else non-zero is an error.
    if proc.returncode not in (0, 1):
        sys.stderr.write(proc.stderr.decode("utf-8", "replace"))
        sys.exit(f"check: `{' '.join(cmd)}` failed with exit code {proc.returncode}")
    return proc.stdout, wall, cmd


def rel(path, root):
    if os.path.isabs(path):
        return os.path.relpath(os.path.normpath(path), root)
    return path


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dir", default=os.environ.get("REALCODE_DIR", "/work/scratch/realcode"))
    ap.add_argument("--verdicts", default=VERDICTS)
    ap.add_argument("--still-false", default=STILL_FALSE)
    ap.add_argument("--json", action="store_true", help="print the summary as JSON")
    ap.add_argument("--report", help="save the scanner's JSON report to this file")
    ap.add_argument("--findings", help="use a saved JSON report instead of running the scanner")
    ap.add_argument("extra", nargs="*", help="extra scan arguments (after --)")
    args = ap.parse_args()

    root = os.path.abspath(args.dir)
    if not os.path.isdir(root):
        sys.exit(f"check: corpus directory {root} does not exist (run benches/realcode/fetch.sh)")
    binary = os.environ.get("VAULTSWEEP_BIN", "vaultsweep")
    if not args.findings and shutil.which(binary) is None and not os.access(binary, os.X_OK):
        sys.exit(f"check: scanner {binary!r} not found (set VAULTSWEEP_BIN)")

    if args.findings:
        with open(args.findings, "rb") as f:
            raw, wall, cmd = f.read(), None, None
    else:
        raw, wall, cmd = run_scan(binary, scan_roots(root), args.extra)
        if args.report:
            with open(args.report, "wb") as f:
                f.write(raw)
    try:
        findings = json.loads(raw or b"[]")
    except json.JSONDecodeError as e:
        sys.exit(f"check: the scanner's output is not JSON: {e}")

    verdicts = load_verdicts(args.verdicts)
    still_false = load_still_false(args.still_false)
    seen = {}
    for f in findings:
        key = (rel(f["path"], root), int(f["line"]))
        seen.setdefault(key, []).append(f)

    returned_false, kept_true, rule_changes, unreviewed = [], [], [], []
    for key, fs in sorted(seen.items()):
        v = verdicts.get(key)
        rules = sorted({f["rule_id"] for f in fs})
        if v is None:
            unreviewed.append((key, rules, fs))
            continue
        if v["rule"] not in rules:
            rule_changes.append((key, v["rule"], rules))
        if v["verdict"] == "false":
            returned_false.append((key, rules, v, key in still_false))
        else:
            kept_true.append(key)
    lost_true = sorted(k for k, v in verdicts.items() if v["verdict"] == "true" and k not in seen)

    mb = sum(corpus_mb(r) for r in scan_roots(root))
    n_false = len(returned_false)
    summary = {
        "binary": binary,
        "command": " ".join(cmd) if cmd else f"(saved report {args.findings})",
        "wall_seconds": round(wall, 2) if wall is not None else None,
        "corpus_dir": root,
        "mb_scanned": round(mb, 1),
        "findings": len(findings),
        "finding_locations": len(seen),
        "reviewed_true": len(kept_true),
        "reviewed_false": n_false,
        "unreviewed": len(unreviewed),
        "false_per_10mb": round(n_false / mb * 10, 3) if mb else None,
        "false_per_20mb": round(n_false / mb * 20, 3) if mb else None,
        "lost_true": len(lost_true),
        "rule_changes": len(rule_changes),
        "verdicts": len(verdicts),
    }
    by_tier = {}
    for f in findings:
        by_tier[f.get("tier", "?")] = by_tier.get(f.get("tier", "?"), 0) + 1
    summary["by_tier"] = by_tier

    if args.json:
        summary["returned_false"] = [f"{k[0]}:{k[1]}:{','.join(r)}" for k, r, _, known in returned_false if not known]
        summary["still_false"] = [f"{k[0]}:{k[1]}:{','.join(r)}" for k, r, _, known in returned_false if known]
        summary["lost_true_list"] = [f"{k[0]}:{k[1]}:{verdicts[k]['rule']}" for k in lost_true]
        summary["unreviewed_list"] = [f"{k[0]}:{k[1]}:{','.join(r)}" for k, r, _ in unreviewed]
        json.dump(summary, sys.stdout, indent=2)
        print()
    else:
        for k, r, v, known in returned_false:
            label = "still false        " if known else "FALSE FINDING BACK "
            print(f"{label} {k[0]}:{k[1]}  {','.join(r)}  [{v['category']}] {v['note']}")
        for k in lost_true:
            v = verdicts[k]
            print(f"TRUE FINDING LOST   {k[0]}:{k[1]}  {v['rule']}  {v['note']}")
        for k, old, new in rule_changes:
            print(f"rule changed        {k[0]}:{k[1]}  {old} -> {','.join(new)}")
        for k, r, fs in unreviewed:
            tiers = ",".join(sorted({f.get('tier', '?') for f in fs}))
            print(f"unreviewed          {k[0]}:{k[1]}  {','.join(r)}  ({tiers})")
        print()
        print(f"corpus        {root}: {summary['mb_scanned']} MB")
        if cmd:
            print(f"command       {summary['command']}  ({summary['wall_seconds']} s wall)")
        print(f"findings      {summary['findings']} at {summary['finding_locations']} path:line locations "
              f"(tiers: {', '.join(f'{t} {n}' for t, n in sorted(by_tier.items()))})")
        print(f"reviewed      true {summary['reviewed_true']}, false {n_false}, unreviewed {summary['unreviewed']}")
        print(f"false/10 MB   {summary['false_per_10mb']}   false/20 MB {summary['false_per_20mb']}")
        print(f"lost true     {summary['lost_true']}")
    regressions = [k for k, _, _, known in returned_false if not known]
    return 1 if (regressions or lost_true) else 0


if __name__ == "__main__":
    sys.exit(main())
