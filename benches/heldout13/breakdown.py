#!/usr/bin/env python3
"""Per-category figures for the thirteenth held-out corpus, beside benches/heldout/score.py (which it reuses to read
the SARIF): recall and false-positive rate per half (real-repository / provider), per category (the case group), per
context (language or container for the real half, snippet kind for the provider half), per value shape, and for the
negatives per kind (score.py's kinds) and per form.

    python3 benches/heldout13/breakdown.py CORPUS_DIR SARIF
"""

import json
import os
import sys
from collections import defaultdict

sys.dont_write_bytecode = True
sys.path.insert(0, os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "heldout"))
from score import load_results  # noqa: E402


def kind_of(form):
    return ("placeholder" if form.startswith("ph-") else "near-miss" if form.startswith("near-miss")
            else "ordinary-code" if form == "ordinary-code" else "identifier")


def main():
    root, sarif = os.path.abspath(sys.argv[1]), sys.argv[2]
    labels = [json.loads(ln) for ln in open(os.path.join(root, "labels.jsonl"), encoding="utf-8") if ln.strip()]
    hits = load_results(sarif, root)
    pos = defaultdict(lambda: [0, 0])
    neg = defaultdict(lambda: [0, 0])
    for lab in labels:
        res = hits.get(lab["file"], [])
        half = lab.get("half", "?")
        if lab["positive"]:
            lo, hi = lab["line"] - 1, lab.get("end_line", lab["line"]) + 1
            ok = any(s <= hi and e >= lo for s, e, _ in res)
            for k in ("half:" + half, "cat:" + lab.get("category", lab["group"]), f"ctx:{half}/{lab.get('context', '?')}",
                      f"shape:{half}/{lab.get('shape') or '?'}", f"form:{half}/{lab['form'].split('-')[0] if half == 'provider' else lab['form']}"):
                pos[k][0] += ok
                pos[k][1] += 1
        else:
            bad = bool(res)
            for k in ("half:" + half, "cat:" + lab.get("category", lab["group"]), f"ctx:{half}/{lab.get('context', '?')}",
                      f"kind:{half}/{kind_of(lab['form'])}", f"form:{half}/{lab['form']}"):
                neg[k][0] += bad
                neg[k][1] += 1

    def show(title, d, prefix):
        print(title)
        for k in sorted(x for x in d if x.startswith(prefix)):
            a, b = d[k]
            print(f"  {k[len(prefix):]:<40} {a / b:.3f}  ({a}/{b})" if b else f"  {k[len(prefix):]:<40} -")
        print()

    print("per half: recall, false-positive rate")
    for h in ("real", "provider"):
        a, b = pos.get("half:" + h, [0, 0])
        x, y = neg.get("half:" + h, [0, 0])
        print(f"  {h:<10} recall {f'{a / b:.3f} ({a}/{b})' if b else '-':<20} fp {f'{x / y:.3f} ({x}/{y})' if y else '-'}")
    print()
    cats = sorted({k[4:] for k in list(pos) + list(neg) if k.startswith("cat:")})
    print("per category: recall, false-positive rate")
    for c in cats:
        a, b = pos.get("cat:" + c, [0, 0])
        x, y = neg.get("cat:" + c, [0, 0])
        print(f"  {c:<14} recall {f'{a / b:.3f} ({a}/{b})' if b else '-':<20} fp {f'{x / y:.3f} ({x}/{y})' if y else '-'}")
    print()
    show("positives per context (language / container / snippet)", pos, "ctx:")
    show("positives per value shape", pos, "shape:")
    show("positives per form (real half) and per kind of value (provider half)", pos, "form:")
    show("negatives per kind (flagged/total)", neg, "kind:")
    show("negatives per context (flagged/total)", neg, "ctx:")
    show("negatives per form (flagged/total)", neg, "form:")


if __name__ == "__main__":
    main()
