#!/usr/bin/env python3
"""Write the thirteenth held-out corpus and its labels.

    python3 benches/heldout13/make.py [DIR]        # default /work/scratch/heldout13

Two halves, one labelled case per file, written blind to vaultsweep's rules (patterns/, src/, tests/, fixtures/ unopened,
vaultsweep never run) and to other scanners' rule and test files:

(1) real-repository style (about 60 %): files that look like code people commit, in 14 programming languages and the
    configuration formats around them (.env, .properties, INI, XML, Kubernetes, compose, GitHub Actions, Ansible, Helm,
    Terraform, SQL, shell, PowerShell, notebooks, Markdown), 10-60 lines each, with one labelled line: hardcoded
    passwords, connection strings, CLI flags, SQL users, basic auth, bearer tokens of unknown services, private keys,
    cloud credentials, signing and session secrets, webhook URLs; and the hard negatives a repository is full of
    (lookups, placeholders, dummy test values, hashes, ids, public keys, i18n strings, messages, policy regexes,
    encrypted values, secrets-manager references, base64 data, documentation examples).
(2) known-provider rule-test style (about 40 %): about 150 well-known providers' tokens in their documented formats in
    short test-like snippets, with near misses (one character short or long, a character outside the alphabet, a wrong
    checksum, the prefix's case swapped, truncated with an ellipsis, split across lines), documentation examples,
    placeholders and publishable identifiers.

Deterministic: every value is drawn at generation time from the seed below.
"""

import os
import random
import sys

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))
sys.path.insert(0, HERE)

from hcommon import ALNUM, HEX, LOWALNUM, UPALNUM, URLSAFE, b64, generate_main, rand, rbytes, uuid4  # noqa: E402
import pcontexts as C  # noqa: E402
import providers as P  # noqa: E402
import realconfig  # noqa: E402
import realrepo  # noqa: E402
import specials  # noqa: E402
import values as V  # noqa: E402
import langs as LG  # noqa: E402

SEED = "vaultsweep-heldout13-v1"
N_NEAR = 72        # near misses drawn over the provider rows (plus the checksum decoys)
N_NEAR_NAMED = 12  # of which on named-only rows (fixed length: one character short or long, or outside the alphabet)
P_PAIR = 0.5       # share of rows with a companion value put in a PAIR context
P_GENERIC = 0.25   # share of prefixed rows put where nothing names the provider
P_HOST = 0.25      # share of the others sent to the provider's API host


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
    lab.update(extra)


def shape(r):
    import re
    m = re.fullmatch(r"\{([a-zA-Z])\d+\}", r["spec"])
    if r["spec"] in ("{uuid}", "{UUID}"):
        return "uuid"
    if m:
        return {"h": "hex", "H": "hex", "a": "alnum", "l": "alnum", "u": "alnum", "s": "urlsafe", "b": "base64", "q": "base32"}.get(m.group(1), "other")
    if r["auth"] == "url":
        return "url"
    return "prefixed" if r["kind"] == "p" else "structured"


def with_comp(rng, r):
    r2 = dict(r)
    if r["comp"]:
        r2["cval"], _ = P.expand(rng, r["comp"][1])
    return r2


# --- (2) provider half ------------------------------------------------------------------------------------------
def providers(corpus):
    rng = rng_for("providers")
    named, host, generic, pair = Cycle(C.NAMED, rng), Cycle(C.HOST, rng), Cycle(C.GENERIC, rng), Cycle(C.PAIR, rng)
    for r0 in P.ROWS:
        r = with_comp(rng, r0)
        v, _ = P.expand(rng, r["spec"])
        kind = "prefixed" if r["kind"] == "p" else "named"
        if r["comp"] and (r["pid"] == "aws" or rng.random() < P_PAIR):
            fn = C.p_aws_credentials if r["provider"] == "aws" and r["pid"] != "ses-smtp" else pair.next()
            ctx = "pair"
        elif r["kind"] == "p" and r["auth"] != "url" and rng.random() < P_GENERIC:
            fn, ctx = generic.next(), "generic"
        elif C.host_ok(r) and rng.random() < P_HOST:
            fn, ctx = host.next(), "host"
        else:
            fn, ctx = named.next(), "named"
        name, lines = fn(r, v)
        add(corpus, "p-" + r["cat"], name, lines, True, r["provider"], f"{kind}-{ctx}", marker=v, row=r["pid"], shape=shape(r),
            context=fn.__name__, category="p-" + r["cat"], half="provider")


CRC_ROWS = {"github": "ghp_", "github-oauth": "gho_", "github-user2server": "ghu_", "github-app": "ghs_", "github-refresh": "ghr_", "npm": "npm_"}


def near_options(r):
    if r["pid"] in CRC_ROWS or r["pid"] == "age":
        return ["crc"]
    opts = ["short", "long", "char"] if r["fixed"] else ["char"]
    pre = r["prefix"]
    if r["kind"] == "p" and r["case"] and any(ch.isalpha() for ch in pre) and pre.swapcase() != pre and not pre.startswith("http"):
        opts.append("case")
    return opts


def near_misses(corpus):
    rng = rng_for("nearmiss")
    special = set(CRC_ROWS) | {"age"}
    cands = [r for r in P.ROWS if r["nm"] and r["auth"] != "url" and r["pid"] not in special]
    pref = [r for r in cands if r["kind"] == "p"]
    named_only = [r for r in cands if r["kind"] == "n" and r["fixed"]]
    pick = [r for r in P.ROWS if r["pid"] in special] + rng.sample(pref, N_NEAR - N_NEAR_NAMED) + rng.sample(named_only, N_NEAR_NAMED)
    named = Cycle(C.NAMED, rng)
    counts = {}
    for r0 in sorted(pick, key=lambda x: P.ROWS.index(x)):
        r = with_comp(rng, r0)
        opts = near_options(r)
        how = min(opts, key=lambda o: (counts.get(o, 0), rng.random()))
        counts[how] = counts.get(how, 0) + 1
        if how == "crc" and r["pid"] in CRC_ROWS:
            v = P.wrong_crc(rng, CRC_ROWS[r["pid"]])
            assert not P.crc_ok(CRC_ROWS[r["pid"]], v)
        elif how == "crc":
            v = P.wrong_bech32(rng)
            assert not P.bech32_ok(v)
        else:
            good, segs = P.expand(rng, r["spec"])
            v = P.mutate(rng, good, segs, how, r["prefix"])
            assert v != good
        fn = named.next()
        name, lines = fn(r, v)
        add(corpus, "p-" + r["cat"], name, lines, False, r["provider"], f"near-miss-{how}", row=r["pid"], context=fn.__name__,
            category="p-" + r["cat"], half="provider", shape=shape(r))


def cut_tokens(corpus):
    """Tokens truncated with an ellipsis, and tokens broken across two lines so that no line holds the whole value."""
    rng = rng_for("cut")
    rows = [r for r in P.ROWS if r["kind"] == "p" and r["auth"] != "url" and len(r["prefix"]) >= 3]
    for r in rng.sample(rows, 6):
        v, _ = P.expand(rng, r["spec"])
        cut = v[:len(r["prefix"]) + rng.randrange(4, 9)] + "…"
        lines = ["# Credential rotation log", "", "| date | credential | action |", "|---|---|---|",
                 f"| 2025-02-03 | {r['name']} `{cut}` | revoked, replaced by a short-lived token |",
                 f"| 2025-02-17 | {r['name']} deploy key | rotated |"]
        add(corpus, "p-" + r["cat"], "docs/rotation-log.md", lines, False, r["provider"], "near-miss-ellipsis", row=r["pid"],
            context="md_table", category="p-" + r["cat"], half="provider", shape=shape(r))
    for r in rng.sample([x for x in rows if x["fixed"] and x["provider"] != "openai" and x["pid"] not in CRC_ROWS], 6):
        v, _ = P.expand(rng, r["spec"])
        k = len(r["prefix"]) + rng.randrange(4, 8)
        lines = ["From: ci-alerts@lumen.io", "Subject: secret found in build log #4411", "", "The build log of job 4411 contained a credential",
                 f"for {r['name']}. The value (wrapped by the mail client) was {v[:k]}", f"{v[k:]} and it has been revoked.", "",
                 "No action is needed on your side."]
        add(corpus, "p-" + r["cat"], "mail/alert-4411.eml", lines, False, r["provider"], "near-miss-split", row=r["pid"],
            context="mail_wrap", category="p-" + r["cat"], half="provider", shape=shape(r))


def doc_examples(corpus):
    rng = rng_for("docex")
    items = [
        ("p-cloud", "aws", ".aws/credentials.example", ["[default]", f"aws_access_key_id = {V.AWS_DOC_ID}", f"aws_secret_access_key = {V.AWS_DOC_SECRET}",
                                                       "region = us-east-1"]),
        ("p-payment", "stripe", "README.md", ["## Quick start", "", "Stripe's API reference uses this test key in its examples:", "",
                                              "```js", f"const stripe = require('stripe')('{V.STRIPE_DOC_KEY}');", "```"]),
        ("p-cloud", "doppler", "docs/doppler.md", ["Doppler personal tokens look like this (example from Doppler's docs):", "",
                                                   f"    DOPPLER_TOKEN={V.DOPPLER_DOC}"]),
        ("p-cloud", "tailscale", "docs/tailscale.md", ["Tailscale's docs show the key-id form of an API access token:", "",
                                                       f"    {V.TAILSCALE_DOC}"]),
        ("p-messaging", "slack", "config/alerts.example.yaml", ["slack:", f"  webhook_url: {V.SLACK_DOC_HOOK}", "  channel: '#alerts'"]),
    ]
    for group, prov, name, lines in items:
        add(corpus, group, name, lines, False, prov, "ph-doc-example", context="doc_example", category=group, half="provider")
    assert rng


def placeholders(corpus):
    rng = rng_for("placeholders")
    rows = [r for r in P.ROWS if r["kind"] == "p" and r["auth"] != "url" and len(r["prefix"]) >= 3]
    forms = ["ph-fill-x", "ph-your-key", "ph-secrets-ref", "ph-angle", "ph-masked", "ph-zeros"]
    named = Cycle(C.NAMED, rng)
    for i, r in enumerate(rng.sample(rows, 12)):
        form = forms[i % len(forms)]
        v, segs = P.expand(rng, r["spec"])
        n = len(v) - len(r["prefix"])
        if form == "ph-fill-x":
            ph = r["prefix"] + "x" * n
        elif form == "ph-your-key":
            ph = r["prefix"] + "YOUR_" + r["provider"].upper().replace("-", "_") + "_KEY_HERE"
        elif form == "ph-secrets-ref":
            ph = "${{ secrets." + r["env"] + " }}"
        elif form == "ph-angle":
            ph = f"<{r['env']}>"
        elif form == "ph-masked":
            ph = r["prefix"] + "*" * (n - 4) + v[-4:]
        else:
            ph = r["prefix"] + "0" * n
        fn = named.next()
        name, lines = fn(r, ph)
        add(corpus, "p-" + r["cat"], name, lines, False, r["provider"], form, row=r["pid"], context=fn.__name__, category="p-" + r["cat"],
            half="provider")


def mapbox_pk(rng):
    import json
    from hcommon import b64url_nopad
    doc = {"u": "fleetmaps", "a": rand(rng, LOWALNUM, 25)}
    return "pk." + b64url_nopad(json.dumps(doc, separators=(",", ":")).encode()) + "." + rand(rng, URLSAFE, 22)


def publishable(corpus):
    """Identifiers meant to be public (publishable keys, client ids, account ids) in the providers' own contexts."""
    rng = rng_for("publishable")
    items = [
        ("p-payment", "stripe", "src/checkout.js", [f"const stripe = Stripe('pk_live_51{rand(rng, ALNUM, 97)}');", "stripe.redirectToCheckout({ sessionId });"]),
        ("p-payment", "paystack", "public/pay.js", ["PaystackPop.setup({", f"  key: 'pk_live_{rand(rng, HEX, 40)}',", "  email: customer.email,",
                                                   "  amount: total * 100,", "}).openIframe();"]),
        ("p-payment", "flutterwave", "web/checkout.html", ["<script>", "FlutterwaveCheckout({", f"  public_key: 'FLWPUBK-{rand(rng, HEX, 32)}-X',",
                                                           "  tx_ref: ref, amount: 5400, currency: 'NGN',", "});", "</script>"]),
        ("p-payment", "razorpay", "static/js/pay.js", ["const rzp = new Razorpay({", f"  key: 'rzp_live_{rand(rng, ALNUM, 14)}',",
                                                       "  order_id: order.id,", "  handler: onPaid,", "});", "rzp.open();"]),
        ("p-devtools", "clerk", ".env.local", [f"NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_{b64(b'clerk.lumen.io$').rstrip('=')}",
                                               "NEXT_PUBLIC_CLERK_SIGN_IN_URL=/sign-in"]),
        ("p-devtools", "mapbox", "src/map.ts", [f"mapboxgl.accessToken = '{mapbox_pk(rng)}';",
                                                "const map = new mapboxgl.Map({ container: 'map', style: 'mapbox://styles/mapbox/streets-v12' });"]),
        ("p-monitoring", "posthog", "src/analytics.ts", [f"posthog.init('phc_{rand(rng, ALNUM, 43)}', {{ api_host: 'https://eu.i.posthog.com' }});"]),
        ("p-devtools", "algolia", "src/search.js", [f"const client = algoliasearch('{rand(rng, UPALNUM, 10)}', '{rand(rng, HEX, 32)}'); // search-only key",
                                                    "const index = client.initIndex('products');"]),
        ("p-monitoring", "sentry", "src/instrument.js", ["Sentry.init({", f"  dsn: 'https://{rand(rng, HEX, 32)}@o{rng.randrange(100000, 999999)}.ingest.us.sentry.io/{rng.randrange(1000000, 9999999)}',",
                                                         "  tracesSampleRate: 0.2,", "});"]),
        ("p-cloud", "google", "public/index.html", ["<div id=\"g_id_onload\"",
                                                    f"     data-client_id=\"{rng.randrange(10 ** 11, 10 ** 12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com\"",
                                                    "     data-callback=\"onSignIn\"></div>"]),
        ("p-messaging", "twilio", "config/twilio.yml", ["twilio:", f"  account_sid: AC{rand(rng, HEX, 32)}", "  auth_token: <%= ENV['TWILIO_AUTH_TOKEN'] %>",
                                                        "  from: '+15005550006'"]),
        ("p-vcs", "github", "app.yml", ["# GitHub App manifest", "name: lumen-bot", f"client_id: Iv1.{rand(rng, HEX, 16)}", "url: https://lumen.io/bot",
                                        "public: false"]),
        ("p-payment", "square", "src/payments.js", [f"const payments = Square.payments('sq0idp-{rand(rng, URLSAFE, 22)}', 'L{rand(rng, UPALNUM, 12)}');",
                                                    "const card = await payments.card();"]),
        ("p-monitoring", "launchdarkly", "src/flags.ts", [f"const ld = initialize('{rand(rng, HEX, 24)}', {{ kind: 'user', key: userId }}); // client-side id"]),
    ]
    for group, prov, name, lines in items:
        add(corpus, group, name, lines, False, prov, "id-publishable", context="publishable", category=group, half="provider")


# --- (1) real-repository half -------------------------------------------------------------------------------------
def _emit(corpus, cases):
    for c in cases:
        extra = dict(category=c["group"], context=c["context"], shape=c["shape"], half="real")
        add(corpus, c["group"], c["path"], c["lines"], c["positive"], c["provider"], c["form"], line=c["line"], end_line=c["end_line"], **extra)


def real_code(corpus):
    for lname in LG.LANGS:
        _emit(corpus, realrepo.code_cases(rng_for("code/" + lname), lname))


def real_config(corpus):
    for fn in realconfig.CONFIG:
        _emit(corpus, fn(rng_for("config/" + fn.__name__)))


def real_specials(corpus):
    for fn in specials.SPECIALS:
        _emit(corpus, fn(rng_for("special/" + fn.__name__)))


def main():
    generate_main(__doc__, "/work/scratch/heldout13", [real_code, real_config, real_specials, providers, near_misses, cut_tokens, doc_examples,
                                                       placeholders, publishable])


if __name__ == "__main__":
    main()
