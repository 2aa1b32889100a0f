#!/usr/bin/env python3
"""Write the twelfth held-out corpus and its labels.

    python3 benches/heldout12/make.py [DIR]        # default /work/scratch/heldout12

Shaped like the hidden sets the project is judged on, and independent of heldout10 and heldout11 (its own seed, a new formats
table in which most rows are long-tail providers neither of them has, new containers): (a) another scanner's per-provider
detector tests: credentials of several hundred providers, each in its documented shape (a distinctive prefix where there
is one, otherwise a value of documented alphabet and length whose only signal is the provider's name, variable or API
host nearby), with near misses one change away, placeholders and identifiers; (b) other scanners' generic rule tests:
passwords, connection strings, basic auth, JWTs, private keys, service-account files and storage connection strings,
and their negatives. Written blind to vaultsweep's rules (patterns/, src/, tests/, fixtures/ unopened) and to other
scanners' rule and test files. Deterministic; no token is written in this source (each is drawn at generation time from
an alphabet, a length and, where the format has one, a checksum).
"""

import base64
import json
import os
import random
import re
import sys
from urllib.parse import quote

sys.dont_write_bytecode = True
HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(os.path.dirname(HERE), "heldout"))
sys.path.insert(0, HERE)

import places as C  # noqa: E402
import formats as F  # noqa: E402
import generic as G  # noqa: E402
import keys as K  # noqa: E402
from hcommon import (ALNUM, B64, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64, b64url_nopad, der, der_int, der_oid,  # noqa: E402
                     der_seq, encrypted_pkcs8_der, generate_main, pem_armor, rand, rbytes, uuid4)

SEED = "vaultsweep-heldout12-v1"
DASH5 = "-" * 5
N_NAMED = 180      # about this many long-tail named-only rows used (drawn per category with the seed)
P_SIMPLE = 0.62    # share of provider-naming values put in a SIMPLE (detector-test style) context
P_HOST = 0.2       # share put in a request to the provider's API host (when the value travels that way)
P_PAIR = 0.4       # share of rows with a companion value put in a PAIR context
N_SECOND = 15      # prefixed rows that get a second positive in a context naming nothing
N_NEAR = 165       # near misses drawn over the rows used (plus the checksum decoys)


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


COMMON_START = next(i for i, r in enumerate(F.ROWS) if r["pid"] == "aws")


def is_common(r):
    """The common providers (AWS, GitHub, Stripe, Slack, OpenAI, ...) sit at the end of the formats table."""
    return F.ROWS.index(r) >= COMMON_START


def used_rows():
    """Every prefixed row, every common-provider row, and about N_NAMED long-tail named-only rows drawn per category in
    proportion."""
    rng = rng_for("select")
    named = [r for r in F.ROWS if r["kind"] == "n" and not is_common(r)]
    keep = set()
    for cat in sorted({r["cat"] for r in named}):
        pids = [r["pid"] for r in named if r["cat"] == cat]
        keep |= set(rng.sample(pids, min(len(pids), max(1, round(len(pids) * N_NAMED / len(named))))))
    return [r for r in F.ROWS if r["kind"] == "p" or is_common(r) or r["pid"] in keep]


USED = used_rows()


def shape(r):
    spec = r["spec"]
    if spec in ("{uuid}", "{UUID}"):
        return "uuid"
    m = re.fullmatch(r"\{([a-zA-Z])\d+\}", spec)
    if m:
        return {"h": "hex", "H": "hex", "a": "alnum", "l": "alnum", "u": "alnum", "s": "urlsafe", "b": "base64", "q": "base32", "z": "base32",
                "x": "letters", "U": "letters", "L": "letters", "m": "base58"}.get(m.group(1), "other")
    return "prefixed" if r["kind"] == "p" else "structured"


def with_comp(rng, r):
    """The row with its companion value drawn (host contexts and templates may print it)."""
    r2 = dict(r)
    if r["comp"]:
        r2["cval"], _ = F.expand(rng, r["comp"][1])
    return r2


def host_ok(r, v):
    return "{v}" in r["hdr"] and not (C.is_url(v) or v.startswith("HostName=") or " " in v)


class Named:
    """Contexts that name the provider: SIMPLE detector-test lines (a key named after the provider), other containers
    (C.NAMED), or the provider's API host (C.HOST)."""

    def __init__(self, rng):
        self.rng, self.simple, self.var, self.host = rng, Cycle(C.SIMPLE, rng), Cycle(C.NAMED, rng), Cycle(C.HOST, rng)


def named_ctx(cyc, r, v):
    x = cyc.rng.random()
    if x < P_SIMPLE:
        return cyc.simple.next(), "simple"
    if host_ok(r, v) and x < P_SIMPLE + P_HOST:
        return cyc.host.next(), "host"
    return cyc.var.next(), "var"


# --- (a) positives: provider credentials ----------------------------------------------------------------------
def providers(corpus):
    rng = rng_for("providers")
    named, generic, pair = Named(rng), Cycle(C.GENERIC, rng), Cycle(C.PAIR, rng)
    prefixed = [r["pid"] for r in USED if r["kind"] == "p" and not r["comp"]]
    second = set(rng.sample(prefixed, N_SECOND))
    for r0 in USED:
        r = with_comp(rng, r0)
        v, _ = F.expand(rng, r["spec"])
        kind = "prefixed" if r["kind"] == "p" else "named"
        if r["comp"] and (r["pid"] == "aws" or rng.random() < P_PAIR):
            fn = C.p_aws_terraform if r["pid"] == "aws" else pair.next()
            name, lines = fn(r, v, r["cval"])
            ctx = "pair"
        elif r["kind"] == "p" and rng.random() < 0.25:
            fn = generic.next()
            name, lines = fn(r, v)
            ctx = "generic"
        else:
            fn, ctx = named_ctx(named, r, v)
            name, lines = fn(r, v)
        add(corpus, r["cat"], name, lines, True, r["provider"], f"{kind}-{ctx}", marker=v, row=r["pid"], shape=shape(r),
            context=fn.__name__, category=r["cat"])
        if r["pid"] in second:
            v, _ = F.expand(rng, r["spec"])
            if ctx == "generic":
                fn, ctx2 = named_ctx(named, r, v)
            else:
                fn, ctx2 = generic.next(), "generic"
            name, lines = fn(r, v)
            add(corpus, r["cat"], name, lines, True, r["provider"], f"{kind}-{ctx2}", marker=v, row=r["pid"], shape=shape(r),
                context=fn.__name__, category=r["cat"])


# --- (a) near misses ------------------------------------------------------------------------------------------
CRC_ROWS = {"github": "ghp_", "github-oauth": "gho_", "npm": "npm_"}
BECH_ROWS = {}


def near_options(r):
    if r["pid"] in CRC_ROWS or r["pid"] in BECH_ROWS:
        return ["crc"]
    opts = ["short", "long", "char"] if r["fixed"] else ["char"]
    pre = r["prefix"]
    if (r["kind"] == "p" and r["case"] and any(ch.isalpha() for ch in pre) and len(pre) <= 16 and not pre.startswith("http")
            and pre.swapcase() != pre):
        opts.append("case")
    return opts


def near_misses(corpus):
    rng = rng_for("nearmiss")
    special = set(CRC_ROWS) | set(BECH_ROWS)
    cands = [r for r in USED if r["nm"] and not C.is_url(r["spec"])]
    pick = [r for r in cands if r["pid"] in special] + rng.sample([r for r in cands if r["pid"] not in special], N_NEAR - len(special))
    named = Named(rng)
    counts = {}
    for r0 in sorted(pick, key=lambda x: USED.index(x)):
        r = with_comp(rng, r0)
        opts = near_options(r)
        how = min(opts, key=lambda o: (counts.get(o, 0), rng.random()))
        counts[how] = counts.get(how, 0) + 1
        if how == "crc" and r["pid"] in CRC_ROWS:
            v = F.wrong_crc(rng, CRC_ROWS[r["pid"]])
            assert not F.crc_ok(CRC_ROWS[r["pid"]], v)
        else:
            good, segs = F.expand(rng, r["spec"])
            v = F.mutate(rng, good, segs, how, r["prefix"])
            assert v != good
        fn, ctx = named_ctx(named, r, v)
        name, lines = fn(r, v)
        add(corpus, r["cat"], name, lines, False, r["provider"], f"near-miss-{how}", row=r["pid"], context=fn.__name__, category=r["cat"])
    # two more wrong checksums in contexts that name nothing
    generic = Cycle(C.GENERIC, rng)
    for pid in ("github", "npm"):
        r = next(x for x in F.ROWS if x["pid"] == pid)
        v = F.wrong_crc(rng, CRC_ROWS[pid])
        fn = generic.next()
        name, lines = fn(r, v)
        add(corpus, r["cat"], name, lines, False, r["provider"], "near-miss-crc", row=pid, context=fn.__name__, category=r["cat"])


# --- (a) placeholders ------------------------------------------------------------------------------------------
def _run(alpha, n, rng):
    order = sorted(set(alpha.replace("-", "").replace("_", "")))
    start = rng.randrange(0, 3)
    return "".join(order[(start + i) % len(order)] for i in range(n))


def placeholder_value(rng, r, form):
    v, segs = F.expand(rng, r["spec"])
    s, e, alpha = max(segs, key=lambda x: x[1] - x[0])
    n = e - s
    env = r["env"]
    if form == "ph-word":
        return rng.choice([f"<{r['provider']}-{C.suffix(r).lower()}>", "INSERT_KEY_HERE", "{{your_api_key}}", f"your-{r['provider']}-key",
                           "<paste token>", "xxx", "changeit", "undefined", "<REDACTED>", "●●●●●●●●", "sample-only", "none"])
    if form == "ph-envref":
        return rng.choice([f"${{{env}}}", f"%{env}%", f"$env:{env}", f"{{{{ .Values.{C.camel(r)}.{C.suffix(r).lower()} }}}}",
                           f"{{{{ secrets.{env} }}}}", f"${{{{ vars.{env} }}}}", f"env('{env}')", f"os.environ['{env}']",
                           f"process.env.{env}", f"ENV.fetch('{env}')", f"{{{{ lookup('env', '{env}') }}}}", f"sm://{C.kebab(r)}/{C.suffix(r).lower()}",
                           f"gcp:secretmanager:projects/acme/secrets/{C.kebab(r)}-{C.suffix(r).lower()}/versions/latest"])
    if form == "ph-x":
        fill = rng.choice(["x", "X", "0", "*"])
        return v[:s] + fill * n + v[e:]
    if form == "ph-run":
        return v[:s] + _run(alpha, n, rng) + v[e:]
    if form == "ph-repeat":
        block = "".join(rng.choice(alpha.replace("-", "")) for _ in range(rng.choice([2, 3, 4])))
        return v[:s] + (block * n)[:n] + v[e:]
    if form == "ph-example":
        word = "EXAMPLE" if alpha in (UPALNUM, UHEX, ALNUM, URLSAFE, B64) else "example"
        k = rng.randrange(0, max(1, n - len(word)))
        return v[:s + k] + word + v[s + k + len(word):e] + v[e:]
    if form == "ph-masked":
        return v[:s + 4] + "*" * (n - 8) + v[e - 4:e] + v[e:]
    if form == "ph-truncated":
        return v[:s + 6] + rng.choice(["...", "…", "[…]"])
    raise ValueError(form)


PH_FORMS = ["ph-word", "ph-envref", "ph-x", "ph-run", "ph-repeat", "ph-example", "ph-masked", "ph-truncated"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    rows = [r for r in USED if r["nm"] and "{jwt" not in r["spec"] and r["spec"] not in ("{asaas}", "{syt}")
            and max(e - s for s, e, _ in F.expand(random.Random(0), r["spec"])[1]) >= 12]
    named = Named(rng)
    for form in PH_FORMS:
        for r0 in rng.sample(rows, 7):
            r = with_comp(rng, r0)
            v = placeholder_value(rng, r, form)
            fn, _ = named_ctx(named, r, v)
            name, lines = fn(r, v)
            add(corpus, r["cat"], name, lines, False, r["provider"], form, row=r["pid"], context=fn.__name__, category=r["cat"])


# --- (a) identifiers -------------------------------------------------------------------------------------------
def sri(rng, n=32):
    return "sha256-" + b64(rbytes(rng, n))


def identifiers(corpus):
    rng = rng_for("identifiers")
    g = "identifiers"
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    H = lambda n: rand(rng, UHEX, n)  # noqa: E731
    u = lambda: uuid4(rng)  # noqa: E731
    a = lambda n: rand(rng, ALNUM, n)  # noqa: E731
    s = lambda n: rand(rng, URLSAFE, n)  # noqa: E731
    items = [
        # commits
        ("id-git-sha", ".github/workflows/ci.yml", ["steps:", f"  - uses: actions/checkout@{h(40)} # v4.1.7",
                                                    f"  - uses: actions/setup-go@{h(40)} # v5.0.2"]),
        ("id-git-sha", "cmake/deps.cmake", ["FetchContent_Declare(", "  fmt", "  GIT_REPOSITORY https://github.com/fmtlib/fmt.git", f"  GIT_TAG        {h(40)}", ")"]),
        ("id-git-sha", "vcpkg.json", C.jlines({"name": "acme-engine", "builtin-baseline": h(40), "dependencies": ["fmt", "spdlog"]})),
        ("id-git-sha", "git-log.txt", [f"{h(7)} fix: retry on 429", f"{h(7)} feat: add export", f"commit {h(40)}", "Author: J Doe <jdoe@acme.io>"]),
        ("id-git-sha", "submodules.txt", [f" {h(40)} vendor/sdk (v3.2.1)", f"+{h(40)} third_party/zlib (v1.3.1-4-g{h(7)})"]),
        ("id-git-sha", "renovate-pr.md", [f"| [lodash](https://github.com/lodash/lodash) | `{h(7)}` -> `{h(7)}` |", f"Compare: https://github.com/lodash/lodash/compare/{h(40)}...{h(40)}"]),
        # lockfile hashes and build coordinates
        ("id-integrity", "go.sum", [f"github.com/google/uuid v1.6.0 h1:{b64(rbytes(rng, 32))}", f"github.com/google/uuid v1.6.0/go.mod h1:{b64(rbytes(rng, 32))}"]),
        ("id-integrity", "Cargo.lock", ["[[package]]", 'name = "serde"', 'version = "1.0.203"', 'source = "registry+https://github.com/rust-lang/crates.io-index"',
                                        f'checksum = "{h(64)}"']),
        ("id-integrity", "yarn.lock", ['"left-pad@^1.3.0":', '  version "1.3.0"', f'  resolved "https://registry.yarnpkg.com/left-pad/-/left-pad-1.3.0.tgz#{h(40)}"',
                                       f"  integrity sha512-{b64(rbytes(rng, 64))}"]),
        ("id-integrity", "package-lock.json", C.jlines({"packages": {"node_modules/ms": {"version": "2.1.3", "resolved": "https://registry.npmjs.org/ms/-/ms-2.1.3.tgz",
                                                                                        "integrity": "sha512-" + b64(rbytes(rng, 64))}}})),
        ("id-integrity", "poetry.lock", ["[[package]]", 'name = "idna"', 'version = "3.7"', "files = [",
                                         f'    {{file = "idna-3.7-py3-none-any.whl", hash = "sha256:{h(64)}"}},', "]"]),
        ("id-integrity", "Chart.lock", ["dependencies:", "- name: redis", "  repository: oci://registry-1.docker.io/bitnamicharts", "  version: 19.5.0",
                                        f"digest: sha256:{h(64)}", "generated: \"2025-03-11T09:14:02Z\""]),
        ("id-integrity", "index.html", [f'<script src="https://cdn.jsdelivr.net/npm/alpinejs@3.14.1/dist/cdn.min.js" integrity="sha384-{b64(rbytes(rng, 48))}" crossorigin="anonymous"></script>']),
        ("id-build-coord", "Dockerfile", [f"FROM python:3.12-slim@sha256:{h(64)}", "WORKDIR /app"]),
        ("id-build-coord", "kustomization.yaml", ["images:", "  - name: ghcr.io/acme/api", f"    digest: sha256:{h(64)}"]),
        ("id-build-coord", "WORKSPACE", ["http_archive(", '    name = "com_google_absl",', f'    sha256 = "{h(64)}",',
                                         '    urls = ["https://github.com/abseil/abseil-cpp/archive/20240116.2.tar.gz"],', ")"]),
        ("id-build-coord", "conan.lock", C.jlines({"version": "0.5", "requires": [f"zlib/1.3.1#{h(32)}%1712345678.123", f"openssl/3.2.1#{h(32)}%1712345000.9"]})),
        ("id-build-coord", "Product.wxs", [f'<Package Name="Acme Agent" Manufacturer="Acme" Version="2.4.0" UpgradeCode="{uuid4(rng, True)}">', "</Package>"]),
        ("id-build-coord", "app/google-services.json", C.jlines({"project_info": {"project_number": str(rng.randrange(10 ** 11, 10 ** 12)), "project_id": "acme-mobile"},
                                                                 "client": [{"client_info": {"mobilesdk_app_id": f"1:{rng.randrange(10 ** 11, 10 ** 12)}:android:{h(16)}"}}]})),
        ("id-build-coord", "signing-report.txt", ["Variant: release", "Config: release", f"SHA1: {':'.join(H(2) for _ in range(20))}",
                                                  f"SHA-256: {':'.join(H(2) for _ in range(32))}"]),
        # request and trace ids
        ("id-request-id", "aws-cli-debug.log", [f"2025-03-11 09:14:02,118 - MainThread - botocore.parsers - DEBUG - Response headers: {{'x-amzn-RequestId': '{u()}'}}"]),
        ("id-request-id", "gcp-headers.txt", [f"X-Cloud-Trace-Context: {h(32)}/{rng.randrange(10 ** 18, 10 ** 19)};o=1"]),
        ("id-request-id", "github-response.txt", ["HTTP/2 201", f"x-github-request-id: {H(4)}:{H(5)}:{H(7)}:{H(7)}:{H(8)}"]),
        ("id-request-id", "cf-headers.txt", [f"cf-ray: {h(16)}-FRA", "server: cloudflare"]),
        ("id-request-id", "app.jsonl", [json.dumps({"level": "info", "msg": "request done", "trace_id": h(32), "span_id": h(16), "dd.trace_id": str(rng.getrandbits(63))})]),
        ("id-request-id", "heroku-router.log", [f'at=info method=GET path="/health" host=acme-api.herokuapp.com request_id={u()} fwd="203.0.113.7" status=200']),
        ("id-request-id", "terraform.tfstate", C.jlines({"version": 4, "terraform_version": "1.8.5", "serial": 42, "lineage": u(), "outputs": {}})),
        ("id-request-id", "dashboards/api.json", C.jlines({"uid": a(9), "title": "API latency", "panels": [{"datasource": {"type": "prometheus", "uid": a(9)}}]})),
        # cloud resource ids and public addresses
        ("id-resource-id", "gcloud-list.txt", [f"projects/acme-prod/locations/europe-west1/services/api/revisions/api-00042-{rand(rng, LOWALNUM, 3)}",
                                               f"serviceAccount:{rng.randrange(10 ** 11, 10 ** 12)}-compute@developer.gserviceaccount.com"]),
        ("id-resource-id", "provisioning.plist", ["<key>UUID</key>", f"<string>{uuid4(rng, True)}</string>", "<key>TeamIdentifier</key>", f"<array><string>{rand(rng, UPALNUM, 10)}</string></array>"]),
        ("id-public-address", "donate.md", [f"- BTC: bc1q{rand(rng, 'qpzry9x8gf2tvdw0s3jn54khce6mua7l', 38)}", f"- TRX: T{K.b58(rbytes(rng, 24))[:33]}"]),
        ("id-public-address", "deployments/mainnet.json", C.jlines({"Vault": "0x" + h(40), "Router": "0x" + h(40), "deployTx": "0x" + h(64), "block": 19876543})),
        # publishable and public client identifiers
        ("id-publishable", "checkout/unzer.js", [f"const unzer = new unzer('s-pub-2a10{a(32)}');"]),
        ("id-publishable", "checkout/nexi.html", [f"<script>const checkout = new Dibs.Checkout({{ checkoutKey: 'live-checkout-key-{h(32)}', paymentId }});</script>"]),
        ("id-publishable", "ddns/porkbun.json", C.jlines({"provider": "porkbun", "api_key_public_half": "pk1_" + h(64), "secret_file": "/run/secrets/porkbun_sk"})),
        ("id-publishable", "contact-form.html", [f'<div class="g-recaptcha" data-sitekey="6L{s(6)}AAAAA{s(27)}"></div>']),
        ("id-publishable", "signup.tsx", [f'<Turnstile siteKey="0x4AAAAAAA{s(14)}" onSuccess={{setToken}} />']),
        ("id-publishable", "src/revenuecat.ts", [f"Purchases.configure({{ apiKey: Platform.OS === 'ios' ? 'appl_{a(27)}' : 'goog_{a(27)}' }});"]),
        ("id-publishable", "src/stripe.ts", [f"export const stripe = loadStripe('pk_live_51{a(97)}');"]),
        ("id-publishable", "src/posthog.ts", [f"posthog.init('phc_{a(43)}', {{ api_host: 'https://eu.i.posthog.com' }});"]),
        ("id-publishable", "src/map.js", [f"mapboxgl.accessToken = 'pk.{b64url_nopad(json.dumps({'u': 'acme', 'a': rand(rng, LOWALNUM, 25)}).encode())}.{s(22)}';"]),
        ("id-publishable", "braintree.js", [f"braintree.client.create({{ authorization: 'production_{rand(rng, LOWALNUM, 8)}_{rand(rng, LOWALNUM, 16)}' }});"]),
        ("id-publishable", "paddle.js", [f"Paddle.Initialize({{ token: 'live_{h(27)}' }});"]),
        ("id-publishable", "src/clerk.tsx", [f"<ClerkProvider publishableKey=\"pk_live_{b64(b'clerk.acme.io$').rstrip('=')}\">"]),
        ("id-publishable", "stytch.ts", [f"const stytch = new StytchUIClient('public-token-live-{u()}');"]),
        ("id-publishable", "algolia.js", [f"const search = algoliasearch('{rand(rng, UPALNUM, 10)}', '{h(32)}'); // search-only key"]),
        ("id-publishable", "widget.html", [f"<script>window.$crisp=[];window.CRISP_WEBSITE_ID=\"{u()}\";</script>"]),
        ("id-publishable", "uploader.js", [f"uploadcare.Widget('[role=uploadcare-uploader]', {{ publicKey: '{h(20)}' }});"]),
        ("id-publishable", "gtm.html", [f"<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-{rand(rng, UPALNUM, 10)}\"></script>",
                                        f"<!-- GTM-{rand(rng, UPALNUM, 7)} -->"]),
        ("id-publishable", "adyen.js", [f"const checkout = await AdyenCheckout({{ clientKey: 'live_{rand(rng, UPALNUM, 32)}', environment: 'live' }});"]),
        ("id-publishable", "checkoutcom.js", [f"Frames.init('pk_{rand(rng, 'abcdefghijklmnopqrstuvwxyz234567', 26)}');"]),
        ("id-publishable", "sentry.client.ts", [f"Sentry.init({{ dsn: 'https://{h(32)}@o{rng.randrange(100000, 999999)}.ingest.sentry.io/{rng.randrange(1000000, 9999999)}' }});"]),
        ("id-publishable", "foursquare-map.js", [f"const map = new Map({{ client_id: '{rand(rng, UPALNUM, 48)}' }}); // client id, no secret"]),
        ("id-publishable", "intercom.js", [f"window.intercomSettings = {{ api_base: 'https://api-iam.intercom.io', app_id: '{rand(rng, LOWALNUM, 8)}' }};"]),
    ]
    for form, name, lines in items:
        add(corpus, g, name, lines, False, "none", form, category=g)


# --- (b) positives ----------------------------------------------------------------------------------------------
def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, build, kind in G.PASSWORD_FORMS:
        p = kind(rng)
        add(corpus, "passwords", name, build(p), True, "password", form, marker=p, category="passwords")


def connstrings(corpus):
    rng = rng_for("connstr")
    for form, name, build, enc in G.CONN_FORMS:
        if enc:
            m = quote(G.pw_reserved(rng), safe="")
        else:
            m = G.pw(rng).replace(";", "")
        add(corpus, "connstr", name, build(m), True, "password", form, marker=m, category="connstr")


def basicauth(corpus):
    rng = rng_for("basicauth")
    for form, name, build, mk in G.BASIC_FORMS:
        m = mk(rng)
        add(corpus, "basicauth", name, build(m), True, "basic-auth", form, marker=m, category="basicauth")


def jwts(corpus):
    rng = rng_for("jwt")
    for i, (form, name, build) in enumerate(G.JWT_FORMS):
        t = G.api_jwt(rng, ["RS256", "HS256", "ES256"][i % 3])
        add(corpus, "jwt", name, build(t), True, "jwt", form, marker=t, category="jwt")


def block(corpus, group, name, lines, provider, form):
    first = next(i for i, ln in enumerate(lines, 1) if DASH5 + "BEGIN" in ln or "PuTTY-User-Key-File" in ln)
    last = next((i for i, ln in enumerate(lines, 1) if i > first and (DASH5 + "END" in ln or ln.startswith("Private-MAC"))), first)
    add(corpus, group, name, lines, True, provider, form, line=first, end_line=last, category=group)


def keyfiles(corpus):
    rng = rng_for("keys")
    g = "keys"
    pem, _ = K.rsa_pem(rng, 2048)
    lines = ["job \"api\" {", "  group \"web\" {", "    task \"nginx\" {", "      template {", "        destination = \"secrets/tls.key\"", "        data = <<EOT"] + pem + ["EOT", "      }", "    }", "  }", "}"]
    block(corpus, g, "jobs/api.nomad.hcl", lines, "private-key", "rsa-pkcs1-nomad-template")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    lines = C.jlines({"variables": {"signing_key": "\n".join(pem) + "\n"}})
    add(corpus, g, "airflow/variables.json", lines, True, "private-key", "rsa-pkcs8-airflow-json-escaped",
        line=next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln), category=g)
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ["[signer]"] + ['key = """' + pem[0]] + pem[1:-1] + [pem[-1] + '"""']
    block(corpus, g, ".streamlit/secrets.toml", lines, "private-key", "ec-sec1-toml-multiline")
    klines, _ = K.openssh_ed25519(rng, "deploy@tilt")
    lines = ["#cloud-config", "write_files:", "  - path: /home/deploy/.ssh/id_ed25519", "    permissions: '0600'", "    content: |"] + ["      " + ln for ln in klines]
    block(corpus, g, "user-data", lines, "private-key", "openssh-ed25519-cloud-init")
    klines = K.openssh_rsa(rng, "gitlab-runner")
    lines = ["variables:", "  SSH_PRIVATE_KEY: |"] + ["    " + ln for ln in klines]
    block(corpus, g, ".gitlab-ci.yml", lines, "private-key", "openssh-rsa-gitlab-variable")
    klines, _ = K.openssh_ecdsa(rng, "backup@nas")
    lines = ["- name: install the backup key", "  ansible.builtin.copy:", "    dest: /root/.ssh/id_ecdsa", "    mode: '0600'", "    content: |"] + ["      " + ln for ln in klines]
    block(corpus, g, "roles/backup/tasks/key.yml", lines, "private-key", "openssh-ecdsa-ansible-copy")
    pem = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218))
    lines = ["apiVersion: v1", "kind: ConfigMap", "metadata:", "  name: signer", "data:", "  key.pem: |"] + ["    " + ln for ln in pem]
    block(corpus, g, "k8s/signer-configmap.yaml", lines, "private-key", "encrypted-pkcs8-configmap")
    k = K.dsa_key(rng)
    pem = pem_armor("DSA PRIVATE KEY", K.dsa_der(k))
    lines = ["<?php", "$key = <<<EOD"] + pem + ["EOD;"]
    block(corpus, g, "legacy/sign.php", lines, "private-key", "dsa-php-heredoc")
    block(corpus, g, "keys/jump.ppk", K.putty_rsa_v2(rng, "rsa-key-20210907"), "private-key", "putty-ppk2-rsa")
    klines, _ = K.pgp_secret_block(rng, "Release Bot <release@acme.io>", 1709550000 + rng.randrange(0, 9000000))
    lines = ["[14:02] release-bot maintainer: here is the signing key for the mirror, import it with gpg --import", ""] + klines
    block(corpus, g, "transcripts/release.txt", lines, "pgp", "pgp-private-key-chat")
    jwk = K.rsa_private_jwk(rng, "rs256-2025")
    lines = ["JWKS_PRIVATE='" + json.dumps({"keys": [jwk]}) + "'"]
    add(corpus, g, ".env", lines, True, "private-key", "rsa-private-jwk-dotenv", line=1, category=g)
    jwk = K.ec_private_jwk(rng, "es256-k2")
    lines = ["auth:", f"  signing_jwk: '{json.dumps(jwk)}'"]
    add(corpus, g, "config/auth.yaml", lines, True, "private-key", "ec-private-jwk-yaml", line=2, category=g)
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    lines = ["const SIGNING_KEY: &str = r#\"" + pem[0]] + pem[1:-1] + [pem[-1] + "\"#;"]
    block(corpus, g, "src/sign.rs", lines, "private-key", "ed25519-rust-raw-string")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    lines = ["private_key = '''" + pem[0]] + pem[1:-1] + [pem[-1] + "'''"]
    block(corpus, g, "app/keys.py", lines, "private-key", "rsa-pkcs8-python-triple-quoted")
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ["const key = `" + pem[0]] + pem[1:-1] + [pem[-1] + "`;", "export default key;"]
    block(corpus, g, "src/key.ts", lines, "private-key", "ec-sec1-ts-template")
    priv, _ = K.x25519_keypair(rng)
    _, peer = K.x25519_keypair(rng)
    lines = ["netdevs:", "  wg0:", "    wireguard:", f"      private_key: {priv}", "      peers:", f"        - public_key: {peer}", "          endpoint: vpn.acme.io:51820"]
    add(corpus, g, "netplan/60-wg.yaml", lines, True, "wireguard", "wireguard-netplan", marker=priv, category=g)
    arr, _ = K.solana_keypair(rng)
    add(corpus, g, "Anchor.toml.wallet.json", [json.dumps(arr)], True, "solana", "solana-keypair-json", line=1, category=g)
    ek = rand(rng, HEX, 64)
    add(corpus, g, "foundry.env", ["RPC_URL=https://eth-sepolia.g.alchemy.com/v2/demo", f"PRIVATE_KEY=0x{ek}"], True, "ethereum", "eth-private-key-foundry-env",
        marker=ek, category=g)
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ec_pkcs8_der(d, pub))
    lines = C.jlines({"keyId": rand(rng, UPALNUM, 10), "teamId": rand(rng, UPALNUM, 10), "p8": "\n".join(pem) + "\n"})
    add(corpus, g, "apns-key.json", lines, True, "apple", "ec-pkcs8-apns-json", line=next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln), category=g)
    pem, _ = K.rsa_pem(rng, 2048)
    data = b64(("\n".join(pem) + "\n").encode())
    lines = ["SSH_KEY_B64=" + data]
    add(corpus, g, "ci.env", lines, True, "private-key", "rsa-base64-env", marker=data, category=g)


def svcaccounts(corpus):
    rng = rng_for("svcaccount")
    g = "svcaccount"
    doc = G.gcp_service_account(rng, "acme-data-3381", "airflow-runner")
    lines = ["GOOGLE_CREDENTIALS_JSON='" + json.dumps(doc) + "'"]
    add(corpus, g, ".env", lines, True, "google", "gcp-sa-dotenv-one-line", line=1, category=g)
    doc = G.gcp_service_account(rng, "acme-web-8812", "github-deployer")
    lines = ["jobs:", "  deploy:", "    steps:", "      - uses: google-github-actions/auth@v2", "        with:", "          credentials_json: |"] + \
        ["            " + ln for ln in C.jlines(doc)]
    add(corpus, g, ".github/workflows/deploy.yml", lines, True, "google", "gcp-sa-gha-inline",
        line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), category=g)
    doc = G.gcp_service_account(rng, "acme-mobile-77f0a", "firebase-adminsdk-" + rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 5))
    lines = ["const serviceAccount = " + C.jlines(doc)[0]] + C.jlines(doc)[1:-1] + ["};", "admin.initializeApp({ credential: admin.credential.cert(serviceAccount) });"]
    add(corpus, g, "functions/admin.js", lines, True, "firebase", "firebase-sa-js-object",
        line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), category=g)
    key_id = "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    secret = F.clean(rng, B64, 40)
    lines = ["[default]", f"aws_access_key_id={key_id}", f"aws_secret_access_key={secret}", "", "[profile ci]", "role_arn = arn:aws:iam::123456789012:role/ci"]
    add(corpus, g, "dotfiles/aws/credentials", lines, True, "aws", "aws-credentials-file", marker=secret, category=g)
    secret = F.clean(rng, ALNUM, 3) + "8Q~" + F.clean(rng, URLSAFE + ".~", 34)
    lines = ["az login --service-principal \\", f"  -u {uuid4(rng)} \\", f"  -p '{secret}' \\", f"  --tenant {uuid4(rng)}"]
    add(corpus, g, "login.sh", lines, True, "azure", "azure-sp-cli-login", marker=secret, category=g)
    ali = F.clean(rng, ALNUM, 30)
    lines = ["[default]", "type = access_key", f"access_key_id = LTAI5t{rand(rng, ALNUM, 18)}", f"access_key_secret = {ali}", "region_id = cn-hangzhou"]
    add(corpus, g, ".aliyun/config.ini", lines, True, "alibaba", "alibaba-access-key-config", marker=ali, category=g)
    s = "storagecs"
    key = b64(rbytes(rng, 64))
    add(corpus, s, "appsettings.Development.json", C.jlines({"Storage": {"ConnectionString": f"DefaultEndpointsProtocol=https;AccountName=acmedocs{rand(rng, LOWALNUM, 5)};AccountKey={key};EndpointSuffix=core.windows.net"}}),
        True, "azure", "azure-storage-appsettings", marker=key, category=s)
    key = b64(rbytes(rng, 64))
    add(corpus, s, "backup.ps1", [f'$ctx = New-AzStorageContext -StorageAccountName "acmebackup" -StorageAccountKey "{key}"'], True, "azure", "azure-storage-powershell",
        marker=key, category=s)
    key = b64(rbytes(rng, 32))
    add(corpus, s, "queue.env", [f"SERVICEBUS_CONNECTION_STRING=Endpoint=sb://acme-orders.servicebus.windows.net/;SharedAccessKeyName=listen;SharedAccessKey={key};EntityPath=orders"],
        True, "azure", "azure-service-bus-entity", marker=key, category=s)
    sig = quote(b64(rbytes(rng, 32)), safe="")
    add(corpus, s, "download.sh", [f"azcopy copy 'https://acmeexports.blob.core.windows.net/reports?sv=2022-11-02&ss=b&srt=co&sp=rl&se=2026-12-31T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig={sig}' ./reports --recursive"],
        True, "azure", "azure-sas-url", marker=sig, category=s)
    key = b64(rbytes(rng, 32))
    add(corpus, s, "iot.py", [f'CONN = "HostName=acme-hub.azure-devices.net;DeviceId=sensor-17;SharedAccessKey={key}"'], True, "azure", "azure-iot-device",
        marker=key, category=s)
    key = b64(rbytes(rng, 64))
    add(corpus, s, "redis.json", C.jlines({"Redis": f"acme-cache.redis.cache.windows.net:6380,password={key[:44]},ssl=True,abortConnect=False"}), True, "azure",
        "azure-redis-connection", marker=key[:44], category=s)
    ms = F.clean(rng, ALNUM, 40)
    add(corpus, s, "rclone.conf", ["[r2]", "type = s3", "provider = Cloudflare", f"access_key_id = {h32(rng)}", f"secret_access_key = {ms}",
                                   "endpoint = https://acme.r2.cloudflarestorage.com"], True, "cloudflare", "r2-rclone", marker=ms, category=s)


def h32(rng):
    return rand(rng, HEX, 32)


# --- (b) negatives -----------------------------------------------------------------------------------------------
# the Azurite emulator's published well-known account key, assembled so that no key-shaped literal is in the source
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1" + "OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" + "K1SZFPTOtr/KBHBeksoGMGw=="


def negatives_b(corpus):
    rng = rng_for("negatives-b")

    def neg(group, name, lines, form):
        add(corpus, group, name, lines, False, "none", form, category=group)

    p = "passwords"
    neg(p, "jenkins.yaml", ["jenkins:", "  securityRealm:", "    local:", "      users:", '        - id: "admin"', '          password: "${JENKINS_ADMIN_PASSWORD}"'], "ph-pw-reference")
    neg(p, "haproxy.cfg", ["userlist stats_users", "    user admin password $6$rounds=5000$" + rand(rng, "./" + ALNUM, 16) + "$" + rand(rng, "./" + ALNUM, 86)], "id-password-hash")
    neg(p, "user-data", ["#cloud-config", "chpasswd:", "  users:", "    - name: ubuntu", "      password: $6$" + rand(rng, "./" + ALNUM, 16) + "$" + rand(rng, "./" + ALNUM, 86)],
        "id-password-hash")
    neg(p, "ks.cfg", ["rootpw --iscrypted $6$" + rand(rng, "./" + ALNUM, 16) + "$" + rand(rng, "./" + ALNUM, 86)], "id-password-hash")
    neg(p, "dovecot/users", ["alerts@acme.io:{SHA512-CRYPT}$6$" + rand(rng, "./" + ALNUM, 16) + "$" + rand(rng, "./" + ALNUM, 86)], "id-password-hash")
    neg(p, "definitions.json", C.jlines({"users": [{"name": "orders", "password_hash": b64(rbytes(rng, 36)), "hashing_algorithm": "rabbit_password_hashing_sha256"}]}),
        "id-password-hash")
    neg(p, "mosquitto/passwd", ["sensor-7:$7$101$" + b64(rbytes(rng, 12)) + "$" + b64(rbytes(rng, 64))], "id-password-hash")
    neg(p, "nomad/db.hcl", ["template {", "  data = <<EOT", 'DB_PASSWORD={{ with secret "kv/data/db" }}{{ .Data.data.password }}{{ end }}', "EOT", "}"], "ph-pw-reference")
    neg(p, "config/database.php", ["'password' => env('DB_PASSWORD', ''),"], "ph-pw-reference")
    neg(p, "application.properties", ["%prod.quarkus.datasource.password=${DB_PASSWORD}"], "ph-pw-reference")
    neg(p, "Vagrantfile", ['config.winrm.password = ENV.fetch("WINRM_PASSWORD")'], "ph-pw-reference")
    neg(p, "packer.pkr.hcl", ['  winrm_password = var.winrm_password'], "ph-pw-reference")
    neg(p, "docker-compose.yml", ["services:", "  grafana:", "    environment:", "      GF_SECURITY_ADMIN_PASSWORD__FILE: /run/secrets/grafana_admin"], "ph-pw-reference")
    neg(p, ".streamlit/secrets.toml.example", ["[db]", 'password = "<your-password>"'], "ph-pw-word")
    neg(p, "wpa_supplicant.conf.sample", ["network={", '    ssid="your-ssid"', '    psk="your-passphrase"', "}"], "ph-pw-word")
    neg(p, "docs/setup.md", ["Run `mysqladmin -u root --password=<password> status` to check the server."], "ph-pw-word")
    neg(p, "logs/deploy.log", ["+ sshpass -p '*****' ssh deploy@app01 ./restart.sh"], "ph-pw-masked")
    neg(p, "audit.json", C.jlines({"event": "user.update", "fields": {"password": "[FILTERED]", "email": "j.doe@acme.io"}}), "ph-pw-masked")
    neg(p, "ansible/group_vars/all/vault.yml", ["$ANSIBLE_VAULT;1.1;AES256"] + [rand(rng, HEX, 80) for _ in range(4)], "ph-pw-encrypted")
    neg(p, "secrets/db.yaml.age", ["-----BEGIN AGE ENCRYPTED FILE-----", b64(rbytes(rng, 48)), b64(rbytes(rng, 40)), "-----END AGE ENCRYPTED FILE-----"], "ph-pw-encrypted")
    neg(p, "config/credentials.yml.enc", [b64(rbytes(rng, 120)) + "--" + b64(rbytes(rng, 12)) + "--" + b64(rbytes(rng, 16))], "ph-pw-encrypted")
    neg(p, "README.md", ["Default login: `admin` / `admin` — you will be asked to change it on first sign-in."], "ph-pw-word")
    neg(p, "test/fixtures/login.json", C.jlines({"username": "test-user", "password": "password123"}), "ph-pw-word")
    c = "connstr"
    neg(c, "prisma/.env.example", ['DATABASE_URL="mysql://USER:PASSWORD@HOST:3306/DATABASE"'], "ph-conn-word")
    neg(c, "flyway.conf", ["flyway.url=jdbc:postgresql://db.acme.internal:5432/shop", "flyway.user=${FLYWAY_USER}", "flyway.password=${FLYWAY_PASSWORD}"], "ph-conn-reference")
    neg(c, "appsettings.json", C.jlines({"ConnectionStrings": {"Default": "Host=db;Database=api;Username=api;Password=__DB_PASSWORD__"}}), "ph-conn-reference")
    neg(c, "settings.py", ['DATABASE_URL = f"postgresql+asyncpg://{user}:{quote(password)}@{host}/{name}"'], "ph-conn-reference")
    neg(c, "odbc.ini", ["[warehouse]", "Driver=ODBC Driver 18 for SQL Server", "Server=sql02", "Trusted_Connection=yes"], "ph-conn-integrated")
    neg(c, "cqlshrc.sample", ["[authentication]", "username = cassandra", "password = cassandra"], "ph-conn-word")
    b = "basicauth"
    neg(b, "pip.conf", ["[global]", "index-url = https://${PIP_USER}:${PIP_TOKEN}@nexus.acme.io/repository/pypi/simple"], "ph-basic-reference")
    neg(b, "docs/registry.md", ["Configure `https://<user>:<token>@crates.acme.io/index/` as the sparse index."], "ph-basic-word")
    neg(b, "prometheus.yml", ["remote_write:", "  - url: https://mimir.acme.io/api/v1/push", "    basic_auth:", "      username: tenant-7",
                              "      password_file: /etc/prometheus/mimir-password"], "ph-basic-reference")
    neg(b, "access.log", ['203.0.113.9 - ci [11/Mar/2025:09:14:02 +0000] "GET /repository/pypi/simple/ HTTP/1.1" 200 5123 "-" "pip/24.0"'], "ph-basic-nocreds")
    j = "jwt"
    neg(j, "requests/inventory.http", ["GET https://api.acme.io/v1/inventory", "Authorization: Bearer {{token}}"], "ph-jwt-reference")
    neg(j, "docs/auth.md", ["Paste the token from jwt.io, e.g. `" + G.jwt_io_example() + "`, to see the claims."], "ph-jwt-docs-example")
    hdr = b64url_nopad(json.dumps({"alg": "none", "typ": "JWT"}, separators=(",", ":")).encode())
    pl = b64url_nopad(json.dumps({"sub": "test", "role": "admin"}, separators=(",", ":")).encode())
    neg(j, "tests/unsigned_test.py", ["def test_rejects_alg_none():", f'    assert not verify("{hdr}.{pl}.")'], "ph-jwt-unsigned")
    k = "keys"
    neg(k, "docs/ssh.md", ["```", DASH5 + "BEGIN OPENSSH PRIVATE KEY" + DASH5, "...", DASH5 + "END OPENSSH PRIVATE KEY" + DASH5, "```"], "ph-key-elided")
    neg(k, "config/tls.yaml", ["tls:", "  cert_file: /etc/acme/tls.crt", "  key_file: /etc/acme/tls.key"], "ph-key-reference")
    neg(k, "user-data.sample", ["ssh_authorized_keys:", "  - " + K.openssh_ecdsa(rng, "ops@laptop")[1]], "id-pub-ssh")
    neg(k, "signing/release.pub.asc", K.pgp_public_block(rng, "Release Bot <release@acme.io>", 1709550000), "id-pub-pgp")
    neg(k, "jwks.json", C.jlines({"keys": [K.ec_public_jwk(rng, "es256-k2")]}), "id-pub-jwks")
    neg(k, "ca.crt", pem_armor("CERTIFICATE", K.fake_cert_der(rng, "Acme Issuing CA 2")), "id-pub-certificate")
    neg(k, "netplan/60-wg.yaml", ["netdevs:", "  wg0:", "    wireguard:", "      private_key_file: /etc/wireguard/wg0.key", "      peers:",
                                  f"        - public_key: {K.x25519_keypair(rng)[1]}"], "id-pub-wireguard")
    neg(k, "tests/keygen_test.go", ['key, _ := rsa.GenerateKey(rand.Reader, 2048)', 'pemBytes := pem.EncodeToMemory(&pem.Block{Type: "RSA PRIVATE KEY", Bytes: x509.MarshalPKCS1PrivateKey(key)})'],
        "ordinary-code")
    s = "svcaccount"
    neg(s, "credentials.json", C.jlines({"type": "authorized_user", "client_id": f"{rng.randrange(10 ** 11, 10 ** 12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com",
                                         "client_secret": "<client-secret>", "refresh_token": "<refresh-token>"}), "ph-sa-word")
    neg(s, ".github/workflows/deploy.yml", ["- uses: google-github-actions/auth@v2", "  with:", "    workload_identity_provider: projects/123456789/locations/global/workloadIdentityPools/gh/providers/gh",
                                            "    service_account: deployer@acme-web-8812.iam.gserviceaccount.com"], "ph-sa-federated")
    neg(s, "aws/credentials.example", ["[default]", "aws_access_key_id = " + "AKIA" + "IOSFODNN7" + "EXAMPLE", "aws_secret_access_key = " + "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"], "ph-sa-docs-example")
    t = "storagecs"
    neg(t, "appsettings.Development.json", C.jlines({"Storage": {"ConnectionString": "DefaultEndpointsProtocol=https;AccountName=acmedocs;AccountKey=$(STORAGE_KEY);EndpointSuffix=core.windows.net"}}),
        "ph-storage-reference")
    neg(t, "download.sh", ["azcopy copy 'https://acmeexports.blob.core.windows.net/reports?sv=2022-11-02&sig=REDACTED' ./reports"], "ph-storage-masked")
    neg(t, "docs/azurite.md", ["Use `DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=" + AZURITE_KEY + ";BlobEndpoint=http://127.0.0.1:10000/devstoreaccount1;` for the Azurite emulator."],
        "ph-storage-devstorage")


ORDINARY = [
    ("Vault.cs", ["var secret = await client.GetSecretAsync(\"db-password\");", "var password = secret.Value.Value;"]),
    ("hash.go", ["hash, err := bcrypt.GenerateFromPassword([]byte(password), bcrypt.DefaultCost)", "if err != nil { return err }"]),
    ("auth.dart", ["final storage = FlutterSecureStorage();", "final token = await storage.read(key: 'access_token');"]),
    ("creds.ts", ["const token = core.getInput('token', { required: true });", "core.setSecret(token);"]),
    ("Settings.kt", ["val apiKey: String = BuildConfig.API_KEY", "require(apiKey.isNotBlank()) { \"API_KEY missing\" }"]),
    ("rotate.sh", ["NEW_PASSWORD=$(openssl rand -base64 24)", "aws secretsmanager put-secret-value --secret-id prod/db --secret-string \"$NEW_PASSWORD\""]),
    ("models.py", ["class ApiKey(models.Model):", "    prefix = models.CharField(max_length=8)", "    hashed_key = models.CharField(max_length=128)"]),
    ("policy.rego", ["deny[msg] {", "  input.kind == \"Secret\"", "  not input.metadata.annotations[\"sealed\"]", "  msg := \"secrets must be sealed\"", "}"]),
    ("mask.rb", ["def mask(token)", "  token[0, 4] + '*' * (token.length - 8) + token[-4..]", "end"]),
    ("validate.py", ["TOKEN_RE = re.compile(r'^[A-Za-z0-9_-]{32,64}$')", "def looks_like_token(s):", "    return bool(TOKEN_RE.match(s))"]),
    ("entropy.rs", ["fn shannon(s: &str) -> f64 {", "    let mut counts = [0usize; 256];", "    for b in s.bytes() { counts[b as usize] += 1; }", "    0.0", "}"]),
    ("keygen.py", ["from cryptography.hazmat.primitives.asymmetric import ed25519", "private_key = ed25519.Ed25519PrivateKey.generate()"]),
    ("LoginForm.vue", ['<input v-model="password" type="password" autocomplete="current-password" />']),
    ("oauth.php", ["$token = $provider->getAccessToken('authorization_code', ['code' => $_GET['code']]);"]),
    ("secrets.tf", ['data "aws_secretsmanager_secret_version" "db" {', "  secret_id = aws_secretsmanager_secret.db.id", "}"]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        add(corpus, "ordinary", name, lines, False, "none", "ordinary-code", category="ordinary")


def main():
    generate_main(__doc__, "/work/scratch/heldout12", [providers, near_misses, placeholders, identifiers, passwords, connstrings, basicauth, jwts,
                                                       keyfiles, svcaccounts, negatives_b, ordinary])


if __name__ == "__main__":
    main()
