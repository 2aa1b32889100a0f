#!/usr/bin/env python3
"""Per-part figures for the fourteenth held-out corpus, beside benches/heldout/score.py (which it reuses to read the
SARIF): recall and false-positive rate per part (real-repository / provider), per category (the case group), per context
(format or language in the real part, snippet in the provider part), per value shape, and for the negatives per kind
(this corpus's finer `kind` label: identifier, near-miss, placeholder, dummy, doc-example, reference, hash, encrypted,
public, encoded-data, ordinary-code) and per form.

    python3 benches/heldout14/breakdown.py CORPUS_DIR SARIF
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
        half = lab.get("half", "?")
        if lab["positive"]:
            lo, hi = lab["line"] - 1, lab.get("end_line", lab["line"]) + 1
            ok = any(s <= hi and e >= lo for s, e, _ in res)
            for k in ("half:" + half, "cat:" + lab.get("category", lab["group"]), f"ctx:{half}/{lab.get('context', '?')}",
                      f"shape:{half}/{lab.get('shape') or '?'}", f"form:{half}/{lab['form']}"):
                pos[k][0] += ok
                pos[k][1] += 1
        else:
            bad = bool(res)
            gen = bool(res) and all(r.startswith("generic.") for _, _, r in res)
            for k in ("half:" + half, "cat:" + lab.get("category", lab["group"]), f"ctx:{half}/{lab.get('context', '?')}",
                      f"kind:{lab.get('kind', '?')}", f"kindhalf:{half}/{lab.get('kind', '?')}", f"form:{half}/{lab['form']}"):
                neg[k][0] += bad
                neg[k][1] += 1
            neg["generic-only"][0] += gen
            neg["generic-only"][1] += bad

    def show(title, d, prefix):
        print(title)
        for k in sorted(x for x in d if x.startswith(prefix)):
            a, b = d[k]
            print(f"  {k[len(prefix):]:<44} {a / b:.3f}  ({a}/{b})" if b else f"  {k[len(prefix):]:<44} -")
        print()

    print("per part: recall, false-positive rate")
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
        print(f"  {c:<18} recall {f'{a / b:.3f} ({a}/{b})' if b else '-':<20} fp {f'{x / y:.3f} ({x}/{y})' if y else '-'}")
    print()
    show("negatives per kind (flagged/total)", neg, "kind:")
    show("negatives per part and kind (flagged/total)", neg, "kindhalf:")
    a, b = neg["generic-only"]
    print(f"flagged negatives found only by generic.* rules: {a}/{b}\n")
    show("positives per context (format / language / snippet)", pos, "ctx:")
    show("positives per value shape", pos, "shape:")
    show("positives per form", pos, "form:")
    show("negatives per context (flagged/total)", neg, "ctx:")
    show("negatives per form (flagged/total)", neg, "form:")


if __name__ == "__main__":
    main()
