#!/usr/bin/env python3
"""Score a vaultsweep SARIF run against the held-out labels.

    python3 benches/heldout/score.py CORPUS_DIR SARIF [--misses N] [--json OUT]

A positive file counts as found when some result's region [startLine, endLine] meets the
labelled line +-1 (for a multi-line key block labelled with end_line: anywhere from line-1 to
end_line+1). A negative file is a false positive when any result lies in it. Prints recall and
false-positive rate overall, per case group and per form, then the misses (file, provider, form)
and the false positives (file, provider, form, rule ids). Secrets are never printed: only rule
ids and positions are read from the SARIF.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from urllib.parse import unquote, urlparse


def norm_uri(uri, base, root):
    """SARIF URI (relative to %SRCROOT% or absolute file://) -> path relative to the corpus root."""
    if uri.startswith("file://"):
        path = unquote(urlparse(uri).path)
    elif base:
        path = os.path.join(base, unquote(uri))
    else:
        path = unquote(uri)
    if os.path.isabs(path):
        path = os.path.relpath(os.path.normpath(path), root)
    return os.path.normpath(path).replace(os.sep, "/")


def load_results(sarif_path, root):
    with open(sarif_path, encoding="utf-8") as f:
        doc = json.load(f)
    hits = defaultdict(list)  # file -> [(start, end, rule)]
    for run in doc.get("runs", []):
        bases = {k: unquote(urlparse(v.get("uri", "")).path) for k, v in (run.get("originalUriBaseIds") or {}).items()}
        for res in run.get("results", []):
            for loc in res.get("locations", []):
                pl = loc.get("physicalLocation", {})
                art = pl.get("artifactLocation", {})
                uri = art.get("uri", "")
                base = bases.get(art.get("uriBaseId", ""), "")
                reg = pl.get("region", {})
                start = reg.get("startLine", 0)
                end = reg.get("endLine", start)
                hits[norm_uri(uri, base, root)].append((start, end, res.get("ruleId", "?")))
    return hits


def rate(a, b):
    return f"{a / b:.3f}" if b else "  -  "


def main():
    ap = argparse.ArgumentParser(description="score vaultsweep SARIF against the held-out labels")
    ap.add_argument("corpus")
    ap.add_argument("sarif")
    ap.add_argument("--misses", type=int, default=1000, help="list at most this many misses (default all)")
    ap.add_argument("--json", help="also write the figures as JSON to this file")
    args = ap.parse_args()

    root = os.path.abspath(args.corpus)
    labels = [json.loads(ln) for ln in open(os.path.join(root, "labels.jsonl"), encoding="utf-8") if ln.strip()]
    hits = load_results(args.sarif, root)
    known = {lab["file"] for lab in labels}
    stray = sorted(f for f in hits if f not in known)
    if stray:
        print(f"warning: {len(stray)} result paths match no label (first: {stray[0]}); was the scan run on {root}?",
              file=sys.stderr)

    pos = defaultdict(lambda: [0, 0])   # key -> [found, total]
    neg = defaultdict(lambda: [0, 0])   # key -> [flagged, total]
    misses, fps = [], []
    by_generic = defaultdict(lambda: [0, 0])  # group -> [found only by generic.* rules, found]
    for lab in labels:
        res = hits.get(lab["file"], [])
        if lab["positive"]:
            lo, hi = lab["line"] - 1, lab.get("end_line", lab["line"]) + 1
            rules = [r for s, e, r in res if s <= hi and e >= lo]
            ok = bool(rules)
            if ok:
                by_generic[lab["group"]][0] += all(r.startswith("generic.") for r in rules)
                by_generic[lab["group"]][1] += 1
            for key in ("all", "group:" + lab["group"], "form:" + lab["form"], f"group-form:{lab['group']}/{lab['form']}"):
                pos[key][0] += ok
                pos[key][1] += 1
            if not ok:
                misses.append(lab)
        else:
            bad = bool(res)
            kind = ("placeholder" if lab["form"].startswith("ph-") else "near-miss" if lab["form"].startswith("near-miss")
                    else "ordinary-code" if lab["form"] == "ordinary-code" else "identifier")
            for key in ("all", "kind:" + kind, "form:" + lab["form"]):
                neg[key][0] += bad
                neg[key][1] += 1
            if bad:
                fps.append((lab, sorted({r for _, _, r in res})))

    f, t = pos["all"]
    b, n = neg["all"]
    print(f"held-out corpus {root}: {t} positives, {n} negatives")
    print(f"recall {rate(f, t)} ({f}/{t})   false-positive rate {rate(b, n)} ({b}/{n})")
    print("\nrecall per case group")
    for key in sorted(k for k in pos if k.startswith("group:")):
        f, t = pos[key]
        print(f"  {key[6:]:<12} {rate(f, t)}  ({f}/{t})")
    print("\nrecall per form (group/form)")
    for key in sorted(k for k in pos if k.startswith("group-form:")):
        f, t = pos[key]
        print(f"  {key[11:]:<34} {rate(f, t)}  ({f}/{t})")
    print("\nfalse-positive rate per kind of negative")
    for key in sorted(k for k in neg if k.startswith("kind:")):
        b, n = neg[key]
        print(f"  {key[5:]:<12} {rate(b, n)}  ({b}/{n})")
    gen_only = sum(all(r.startswith("generic.") for r in rules) for _, rules in fps)
    print(f"  (of {len(fps)} flagged negatives, {gen_only} only by generic.* rules, {len(fps) - gen_only} by a provider rule)")
    print("\nfalse-positive rate per negative form")
    for key in sorted(k for k in neg if k.startswith("form:")):
        b, n = neg[key]
        print(f"  {key[5:]:<26} {rate(b, n)}  ({b}/{n})")

    print("\nfound only by generic.* rules (no provider rule on the line), per group")
    for g in sorted(by_generic):
        a, c = by_generic[g]
        print(f"  {g:<12} {a}/{c}")
    print("\nmisses per form (most first)")
    per = defaultdict(int)
    for lab in misses:
        per[f"{lab['group']}/{lab['form']}"] += 1
    for k, v in sorted(per.items(), key=lambda kv: (-kv[1], kv[0])):
        print(f"  {k:<34} {v}")

    print(f"\nmisses ({len(misses)}): file, provider, form")
    for lab in misses[: args.misses]:
        print(f"  {lab['file']:<40} {lab['provider']:<22} {lab['form']}")
    print(f"\nfalse positives ({len(fps)}): file, provider, form, rules")
    for lab, rules in fps:
        print(f"  {lab['file']:<40} {lab['provider']:<16} {lab['form']:<26} {', '.join(rules)}")

    if args.json:
        out = {"recall": pos["all"], "false_positives": neg["all"],
               "per_key_positive": {k: v for k, v in pos.items()}, "per_key_negative": {k: v for k, v in neg.items()},
               "misses": [{k: lab[k] for k in ("file", "provider", "form", "group")} for lab in misses],
               "false_positive_files": [{"file": lab["file"], "form": lab["form"], "rules": r} for lab, r in fps]}
        with open(args.json, "w", encoding="utf-8") as fh:
            json.dump(out, fh, indent=1)


if __name__ == "__main__":
    main()
