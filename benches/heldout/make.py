#!/usr/bin/env python3
"""Write the held-out corpus and its labels.

    python3 benches/heldout/make.py [DIR]        # default /work/scratch/heldout

DIR receives one directory per case group (longtail/, passwords/, structured/, newformats/,
negatives/), one file per case in DIR/<group>/<NNNN>/<name>, and DIR/labels.jsonl with one line
per file: {"file", "positive", "provider", "form", "line", "group"} (+ "end_line" for
multi-line key blocks, "format" in newformats, "context" for negatives written in a file
context). Output is deterministic: the same tree byte for byte on every run (the digest printed
at the end lets you check).
"""

import argparse
import os
import sys
from collections import Counter

sys.dont_write_bytecode = True  # keep the source tree free of __pycache__
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

import hcommon  # noqa: E402
import longtail  # noqa: E402
import neg_text  # noqa: E402
import neg_values  # noqa: E402
import newformats  # noqa: E402
import passwords  # noqa: E402
import structured  # noqa: E402


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("dir", nargs="?", default="/work/scratch/heldout")
    ap.add_argument("--all-services", action="store_true",
                    help="write every long-tail service row (309) instead of the fixed sample of 155")
    args = ap.parse_args()

    corpus = hcommon.fresh_corpus(args.dir)
    root = corpus.root

    longtail.generate(corpus, all_services=args.all_services)
    passwords.generate(corpus)
    structured.generate(corpus)
    newformats.generate(corpus)
    neg_values.generate(corpus)
    neg_text.generate(corpus)
    corpus.write_labels()

    pos = Counter(lab["group"] for lab in corpus.labels if lab["positive"])
    neg = Counter(lab["form"].split("-")[0] if lab["form"].startswith(("ph-", "near-miss")) else "identifier/ordinary"
                  for lab in corpus.labels if not lab["positive"])
    print(f"wrote {len(corpus.labels)} files to {root}")
    print("positives: " + ", ".join(f"{g} {n}" for g, n in pos.items()) + f" (total {sum(pos.values())})")
    print("negatives: " + ", ".join(f"{g} {n}" for g, n in sorted(neg.items())) + f" (total {sum(neg.values())})")
    print(f"digest {corpus.digest()}")


if __name__ == "__main__":
    main()
