#!/usr/bin/env python3
"""Write the fourteenth held-out corpus and its labels.

    python3 benches/heldout14/make.py [DIR]        # default /work/scratch/heldout14

Two parts, one labelled case per file, written blind to vaultsweep's rules (patterns/, src/, tests/, fixtures/ unopened,
vaultsweep never run) and to other scanners' rule and test files:

(1) mid-tail providers (about 45 %): about 200 providers that are neither heldout13's best-known ~150 nor the far tail of
    heldouts 10-12 (CI and code security, observability, feature flags, e-mail/SMS/telephony, CRM, support desks,
    analytics/BI, CDN/DNS/hosting, secrets managers, data warehouses and pipelines, HR/finance, regional payment gateways,
    crypto exchanges and wallets, a few AI platforms), written the way per-provider detector tests write them (.env, YAML,
    JSON, TOML, code strings in six languages, k8s Secret, compose, CI variables, HTTP headers, key-id/secret pairs), with
    the hard negatives: one-character near misses (length +-1, a character outside the alphabet, the prefix's case, a wrong
    Base58Check / CRC16 checksum), the providers' placeholder and documented example values, and the same-shaped
    non-secret ids of the same providers (client/publishable keys, account, project, site and connector ids).
(2) real-repository files in less common places (about 55 %): Terraform, Helm, Kubernetes, Ansible, GitHub Actions,
    GitLab CI, compose, Dockerfile, notebooks, .NET, Java/Spring, Go, Rust, Kotlin, Swift, Elixir, Scala, Lua, R, shell,
    Makefiles, SQL, nginx/apache/haproxy/pgbouncer, INI, logs, Markdown, CSV; positives are passwords, connection strings,
    keys and cloud credentials in each idiom; the negatives (the majority) are what surrounds secrets there: references,
    hashes and lockfile checksums, ids, encrypted values, placeholders, dummy fixtures, public keys, base64 of ordinary
    data, i18n strings, ordinary code.

Deterministic: every value is drawn at generation time from the seed below.
"""

import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))
sys.path.insert(0, HERE)

import hcommon  # noqa: E402

SEED = "vaultsweep-heldout14-v1"
hcommon.SEED = SEED  # hcommon.rng_for, should anything call it, draws from this corpus's seed

from hcommon import generate_main  # noqa: E402
import pcontexts as C  # noqa: E402
import providers as P  # noqa: E402
import realrepo  # noqa: E402

N_SECOND = 0       # rows given a second positive in another kind of context (0: one positive per row; see README)
P_PAIR = 0.45      # share of rows with a companion value put in a PAIR context
P_HEADER = 0.3     # share of the others sent to the provider's API host
N_NEAR_NAMED = 22  # near misses on named-only fixed-length rows (all non-URL prefixed rows get one)
N_PLACEHOLDER = 20
N_IDENT = 54       # identifier negatives drawn from the rows' ids and companion ids


def rng_for(name):
    return random.Random(f"{SEED}/{name}")


class Cycle:
    """Deterministic round-robin over a shuffled list, reshuffled when exhausted (even context coverage)."""

    def __init__(self, items, rng):
        self.items, self.rng, self.queue = list(items), rng, []

    def next(self, ok=lambda x: True):
        for _ in range(2 * len(self.items) + 2):
            if not self.queue:
                self.queue = self.items[:]
                self.rng.shuffle(self.queue)
            x = self.queue.pop()
            if ok(x):
                return x
        raise ValueError("no acceptable item")


def add(corpus, group, name, lines, positive, provider, form, line=None, marker=None, end_line=None, **extra):
    corpus.add(group, name, lines, positive, provider, form, line=line, marker=marker)
    lab = corpus.labels[-1]
    if end_line is not None:
        lab["end_line"] = end_line
    lab.update({k: v for k, v in extra.items() if v is not None})


def shape(r):
    import re
    if r["auth"] == "url":
        return "url"
    if r["pid"] in P.CHECKSUM_ROWS:
        return "checksummed"
    m = re.fullmatch(r"\{([a-zA-Z])\d+\}", r["spec"])
    if r["spec"] in ("{uuid}", "{UUID}"):
        return "uuid"
    if m:
        return {"h": "hex", "H": "hex", "a": "alnum", "l": "alnum", "u": "alnum", "U": "alnum", "s": "urlsafe", "b": "base64",
                "m": "base58"}.get(m.group(1), "other")
    return "prefixed" if r["kind"] == "p" else "structured"


def with_comp(rng, r):
    r2 = dict(r)
    if r["comp"]:
        r2["cval"], _ = P.expand(rng, r["comp"][1])
    return r2


def find_line(lines, v):
    hits = [i for i, ln in enumerate(lines, 1) if v in ln]
    if not hits:  # the value travels base64-encoded in a Basic header
        hits = [i for i, ln in enumerate(lines, 1) if "Basic " in ln or "auth=(" in ln]
    return hits[0]


# --- (1) provider part ------------------------------------------------------------------------------------------------
def put(corpus, r, v, fn, ctx, positive=True, form=None, kind=None):
    name, lines = fn(r, v) if ctx != "ident" else fn(r, r["id_env"], v)
    extra = dict(row=r["pid"], shape=shape(r), context=fn.__name__, category="p-" + r["cat"], half="provider", kind=kind)
    if positive:
        k = "prefixed" if r["kind"] == "p" else "named"
        add(corpus, "p-" + r["cat"], name, lines, True, r["provider"], form or f"{k}-{ctx}", line=find_line(lines, v), **extra)
    else:
        add(corpus, "p-" + r["cat"], name, lines, False, r["provider"], form, **extra)


def providers(corpus):
    rng = rng_for("providers")
    named, header, pair = Cycle(C.NAMED, rng), Cycle(C.HEADER, rng), Cycle(C.PAIR, rng)
    firsts = {}
    for r0 in P.ROWS:
        r = with_comp(rng, r0)
        v, _ = P.expand(rng, r["spec"])
        if r["comp"] and rng.random() < P_PAIR:
            fn, ctx = pair.next(), "pair"
        elif C.header_ok(r) and rng.random() < P_HEADER:
            fn, ctx = header.next(), "header"
        else:
            fn, ctx = named.next(), "named"
        firsts[r["pid"]] = ctx
        put(corpus, r, v, fn, ctx)
    rng2 = rng_for("providers-second")
    for r0 in rng2.sample(P.ROWS, N_SECOND):
        r = with_comp(rng2, r0)
        v, _ = P.expand(rng2, r["spec"])
        if firsts[r["pid"]] != "header" and C.header_ok(r):
            fn, ctx = header.next(), "header"
        else:
            fn, ctx = named.next(), "named"
        put(corpus, r, v, fn, ctx)


def near_options(r):
    opts = ["short", "long", "char"] if r["fixed"] else ["char"]
    pre = r["prefix"]
    if r["kind"] == "p" and r["case"] and any(ch.isalpha() for ch in pre) and pre.swapcase() != pre:
        opts.append("case")
    return opts


def near_misses(corpus):
    rng = rng_for("nearmiss")
    pref = [r for r in P.ROWS if r["kind"] == "p" and r["auth"] != "url" and r["pid"] not in P.CHECKSUM_ROWS]
    named_fixed = [r for r in P.ROWS if r["kind"] == "n" and r["fixed"] and r["spec"] != "{pw}"]
    pick = pref + rng.sample(named_fixed, N_NEAR_NAMED)
    named = Cycle(C.NAMED, rng)
    counts = {}
    for r0 in sorted(pick, key=lambda x: P.ROWS.index(x)):
        r = with_comp(rng, r0)
        how = min(near_options(r), key=lambda o: (counts.get(o, 0), rng.random()))
        counts[how] = counts.get(how, 0) + 1
        good, segs = P.expand(rng, r["spec"])
        v = P.mutate(rng, good, segs, how, r["prefix"])
        assert v != good
        put(corpus, r, v, named.next(), "named", positive=False, form=f"near-miss-{how}", kind="near-miss")
    for pid in P.CHECKSUM_ROWS:
        r = P.ROWS_BY_ID[pid]
        for _ in range(2):
            v = P.wrong_checksum(rng, pid)
            assert not P.checksum_ok(pid, v)
            put(corpus, r, v, named.next(), "named", positive=False, form="near-miss-checksum", kind="near-miss")


def identifiers(corpus):
    """The providers' non-secret identifiers of the same shape: client/publishable keys, account, project, site ids; and
    companion ids (account, client, store, merchant ids) shown without their secret."""
    rng = rng_for("identifiers")
    ident = Cycle(C.IDENT, rng)
    items = [(r, env, spec, "id-provider-identifier") for r in P.ROWS for env, spec in r["ids"]]
    idish = [r for r in P.ROWS if r["comp"] and any(w in r["comp"][0] for w in ("_ID", "ACCOUNT", "STORE", "MERCHANT", "_CID", "SHOP"))
             and not any(w in r["comp"][0] for w in ("TOKEN", "SECRET"))]
    items += [(r, r["comp"][0], r["comp"][1], "id-companion-alone") for r in idish]
    keep = sorted(rng.sample(range(len(items)), min(N_IDENT, len(items))))
    for i in keep:
        r, env, spec, form = items[i]
        v, _ = P.expand(rng, spec)
        put(corpus, dict(r, id_env=env), v, ident.next(), "ident", positive=False, form=form, kind="identifier")


def placeholders(corpus):
    rng = rng_for("placeholders")
    rows = [r for r in P.ROWS if r["kind"] == "p" and r["auth"] != "url" and len(r["prefix"]) >= 3]
    forms = ["ph-fill-x", "ph-your-key", "ph-angle", "ph-masked", "ph-zeros", "ph-ellipsis"]
    named = Cycle(C.NAMED, rng)
    for i, r in enumerate(rng.sample(rows, min(N_PLACEHOLDER, len(rows)))):
        form = forms[i % len(forms)]
        v, _ = P.expand(rng, r["spec"])
        n = len(v) - len(r["prefix"])
        ph = {"ph-fill-x": r["prefix"] + "x" * n, "ph-your-key": r["prefix"] + "YOUR_" + r["provider"].upper().replace("-", "_") + "_KEY",
              "ph-angle": f"<{r['env']}>", "ph-masked": r["prefix"] + "*" * (n - 4) + v[-4:], "ph-zeros": r["prefix"] + "0" * n,
              "ph-ellipsis": r["prefix"] + "..."}[form]
        put(corpus, r, ph, named.next(), "named", positive=False, form=form, kind="placeholder")
    # the placeholders the providers' own pages print (confirmed in this session)
    e2b, scal = P.ROWS_BY_ID["e2b"], P.ROWS_BY_ID["scalingo"]
    put(corpus, e2b, "e2b_" + "*" * 3, C.n_dotenv, "named", positive=False, form="ph-doc-example", kind="doc-example")
    put(corpus, scal, "tk-us-" + "." * 3, C.n_node, "named", positive=False, form="ph-doc-example", kind="doc-example")


# --- (2) real-repository part --------------------------------------------------------------------------------------------
def real(corpus):
    for fn in realrepo.FORMATS:
        for c in fn(rng_for("real/" + fn.__name__)):
            end = c["end_line"]
            if c["positive"] and c["shape"] == "pem" and end is None:
                end = next(i for i, ln in enumerate(c["lines"], 1) if i > c["line"] and "-----END" in ln)
            add(corpus, c["group"], c["path"], c["lines"], c["positive"], c["provider"], c["form"], line=c["line"], end_line=end,
                category=c["group"], context=c["context"], shape=c["shape"], half="real", kind=c["kind"])


def main():
    generate_main(__doc__, "/work/scratch/heldout14", [real, providers, near_misses, identifiers, placeholders])


if __name__ == "__main__":
    main()
