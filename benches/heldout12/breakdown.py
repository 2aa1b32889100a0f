#!/usr/bin/env python3
"""Per-category figures for the twelfth held-out corpus, beside benches/heldout/score.py (which it reuses to
read the SARIF): recall and false-positive rate per category (the case group), and for the provider
categories per kind of context, per value shape and per near-miss change.

    python3 benches/heldout12/breakdown.py CORPUS_DIR SARIF
"""

import json
import os
import sys
from collections import defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "heldout"))
from score import load_results  # noqa: E402


def main():
    root, sarif = os.path.abspath(sys.argv[1]), sys.argv[2]
    labels = [json.loads(ln) for ln in open(os.path.join(root, "labels.jsonl"), encoding="utf-8") if ln.strip()]
    hits = load_results(sarif, root)
    pos = defaultdict(lambda: [0, 0])
    neg = defaultdict(lambda: [0, 0])
    for lab in labels:
        res = hits.get(lab["file"], [])
        cat = lab.get("category", lab["group"])
        if lab["positive"]:
            lo, hi = lab["line"] - 1, lab.get("end_line", lab["line"]) + 1
            ok = any(s <= hi and e >= lo for s, e, _ in res)
            keys = ["cat:" + cat]
            if lab.get("row"):
                keys += ["provider-ctx:" + lab["form"], "shape:" + lab.get("shape", "?")]
            for k in keys:
                pos[k][0] += ok
                pos[k][1] += 1
        else:
            bad = bool(res)
            keys = ["cat:" + cat]
            if lab.get("row"):
                keys.append("provider-neg:" + lab["form"])
            for k in keys:
                neg[k][0] += bad
                neg[k][1] += 1

    def show(title, d, prefix):
        print(title)
        for k in sorted(x for x in d if x.startswith(prefix)):
            a, b = d[k]
            print(f"  {k[len(prefix):]:<24} {a / b:.3f}  ({a}/{b})" if b else f"  {k[len(prefix):]:<24} -")
        print()

    cats = sorted({k[4:] for k in list(pos) + list(neg) if k.startswith("cat:")})
    print("per category: recall, false-positive rate")
    for c in cats:
        a, b = pos.get("cat:" + c, [0, 0])
        x, y = neg.get("cat:" + c, [0, 0])
        r = f"{a / b:.3f} ({a}/{b})" if b else "-"
        f = f"{x / y:.3f} ({x}/{y})" if y else "-"
        print(f"  {c:<12} recall {r:<18} fp {f}")
    print()
    show("provider positives per kind of value and context", pos, "provider-ctx:")
    show("provider positives per value shape", pos, "shape:")
    show("provider negatives per form (flagged/total)", neg, "provider-neg:")


if __name__ == "__main__":
    main()
