#!/usr/bin/env python3
"""Write the tenth held-out corpus and its labels.

    python3 benches/heldout10/make.py [DIR]        # default /work/scratch/heldout10

Shaped like the hidden sets the project is judged on rather than away from earlier held-out sets:
(a) another scanner's detector tests: credentials of several hundred providers in many languages and
containers, each in its documented shape (a distinctive prefix where there is one, otherwise a value of
documented alphabet and length whose only signal is the provider's name, variable or host nearby), with
near misses one change away, placeholders and identifiers; (b) other scanners' rule tests: generic
passwords, connection strings, private keys, JWTs, basic-auth URLs and service-account files, and their
negatives. Written blind to vaultsweep's rules (patterns/, src/, tests/, fixtures/ unopened) and to other
scanners' rule and test files. Deterministic; no token is written in this source (each is drawn at
generation time from an alphabet, a length and, where documented, a checksum).
"""

import base64
import json
import os
import random
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
from hcommon import (ALNUM, B64, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64, b64url_nopad, der,  # noqa: E402
                     der_int, der_null, der_oid, der_seq, encrypted_pkcs8_der, generate_main, pem_armor, rand,
                     rbytes, rsa_key, rsa_pkcs1_der, rsa_spki_der, uuid4)

SEED = "vaultsweep-heldout10-v1"
DASH5 = "-" * 5
N_NAMED = 120      # about this many named-only rows used (drawn per category with the seed; rounding gives 121)
N_SECOND = 15      # prefixed rows that get a second positive in a context naming nothing
N_NEAR = 165       # near misses drawn over the rows used


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


def used_rows():
    """Every prefixed row, and about N_NAMED named-only rows drawn per category in proportion."""
    rng = rng_for("select")
    named = [r for r in F.ROWS if r["kind"] == "n"]
    keep = set()
    for cat in sorted({r["cat"] for r in named}):
        pids = [r["pid"] for r in named if r["cat"] == cat]
        keep |= set(rng.sample(pids, max(2, round(len(pids) * N_NAMED / len(named)))))
    return [r for r in F.ROWS if r["kind"] == "p" or r["pid"] in keep]


USED = used_rows()


def shape(r):
    spec = r["spec"]
    if spec in ("{uuid}", "{UUID}"):
        return "uuid"
    import re
    m = re.fullmatch(r"\{([a-zA-Z])\d+\}", spec)
    if m:
        return {"h": "hex", "H": "hex", "a": "alnum", "l": "alnum", "u": "alnum", "s": "urlsafe", "b": "base64", "q": "base32",
                "x": "letters", "m": "base58"}.get(m.group(1), "other")
    return "prefixed" if r["kind"] == "p" else "structured"


def host_ok(r, v):
    return not (C.is_url(v) or v.startswith("DefaultEndpointsProtocol") or " " in v)


class Named:
    """Contexts that name the provider: by variable, name or client (C.NAMED), or, for about a third of the values
    that travel as a header or query parameter, by the provider's API host (C.HOST)."""

    def __init__(self, rng):
        self.rng, self.var, self.host = rng, Cycle(C.NAMED, rng), Cycle(C.HOST, rng)


def named_ctx(cyc, r, v):
    if host_ok(r, v) and cyc.rng.random() < 0.35:
        return cyc.host.next(), "host"
    return cyc.var.next(), "var"


# --- (a) positives: provider credentials ----------------------------------------------------------------------
def providers(corpus):
    rng = rng_for("providers")
    named, generic, pair = Named(rng), Cycle(C.GENERIC, rng), Cycle(C.PAIR, rng)
    prefixed = [r["pid"] for r in USED if r["kind"] == "p" and not r["comp"]]
    second = set(rng.sample(prefixed, N_SECOND))
    for r in USED:
        v, _ = F.expand(rng, r["spec"])
        kind = "prefixed" if r["kind"] == "p" else "named"
        if r["comp"]:
            c2, _ = F.expand(rng, r["comp"][1])
            fn = C.p_aws_credentials if r["pid"] == "aws" else pair.next()
            name, lines = fn(r, v, c2)
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
CRC_ROWS = {"github": "ghp_", "github-oauth": "gho_", "github-app": "ghs_", "npm": "npm_"}


def near_options(r):
    if r["pid"] in CRC_ROWS:
        return ["crc"]
    opts = ["short", "long", "char"] if r["fixed"] else ["char"]
    pre = r["prefix"]
    if r["kind"] == "p" and any(ch.isalpha() for ch in pre) and len(pre) <= 16 and not pre.startswith("http") and pre.swapcase() != pre:
        opts.append("case")
    return opts


def near_misses(corpus):
    rng = rng_for("nearmiss")
    cands = [r for r in USED if r["nm"]]
    pick = [r for r in cands if r["pid"] in CRC_ROWS] + rng.sample([r for r in cands if r["pid"] not in CRC_ROWS], N_NEAR - len(CRC_ROWS))
    named = Named(rng)
    counts = {}
    for r in sorted(pick, key=lambda x: USED.index(x)):
        opts = near_options(r)
        how = min(opts, key=lambda o: (counts.get(o, 0), rng.random()))
        counts[how] = counts.get(how, 0) + 1
        if how == "crc":
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
        return rng.choice(["your_api_key_here", f"YOUR_{env}", f"<{env}>", f"<your-{r['pid']}-api-key>", "insert-your-key-here",
                           "changeme", "replace-me", "TODO", "<TOKEN>", "xxxxxxxx", "********", "dummy-key", "none"])
    if form == "ph-envref":
        return rng.choice([f"${{{env}}}", f"${env}", f"{{{{ .Values.{C.camel(r)}.apiKey }}}}", f"${{{{ secrets.{env} }}}}", f"%{env}%",
                           f'{{{{ env "{env}" }}}}', f"#{{{env}}}", f"${{env:{env}}}", f"process.env.{env}"])
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
        return v[:s] + "*" * (n - 4) + v[e - 4:e] + v[e:]
    if form == "ph-truncated":
        return v[:s + 6] + rng.choice(["...", "…"])
    raise ValueError(form)


PH_FORMS = ["ph-word", "ph-envref", "ph-x", "ph-run", "ph-repeat", "ph-example", "ph-masked", "ph-truncated"]


def placeholders(corpus):
    rng = rng_for("placeholders")
    rows = [r for r in USED if r["nm"] and "{jwt" not in r["spec"]]
    named = Named(rng)
    for form in PH_FORMS:
        for r in rng.sample(rows, 7):
            v = placeholder_value(rng, r, form)
            fn, _ = named_ctx(named, r, v)
            name, lines = fn(r, v)
            add(corpus, r["cat"], name, lines, False, r["provider"], form, row=r["pid"], context=fn.__name__, category=r["cat"])


# --- (a) identifiers -------------------------------------------------------------------------------------------
def png_b64(rng, n=180):
    head = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\x0dIHDR" + (16).to_bytes(4, "big") * 2 + b"\x08\x06\x00\x00\x00" + rbytes(rng, 4)
    return b64(head + b"\x00\x00\x00" + bytes([n - 12]) + b"IDAT" + rbytes(rng, n))


def identifiers(corpus):
    rng = rng_for("identifiers")
    g = "identifiers"
    h = lambda n: rand(rng, HEX, n)  # noqa: E731
    u = lambda: uuid4(rng)  # noqa: E731
    items = [
        ("id-git-sha", "git-log.txt", [f"commit {h(40)}", "Author: Jane Doe <jane@acme.io>", "Date:   Tue Mar 4 10:12:01 2025 +0000", "",
                                       "    Fix retry backoff in the webhook sender"]),
        ("id-git-sha", "commit.json", C.jlines({"sha": h(40), "commit": {"message": "Bump stripe-go to v76", "tree": {"sha": h(40)}},
                                                "parents": [{"sha": h(40)}]})),
        ("id-git-sha", ".pre-commit-config.yaml", ["repos:", "  - repo: https://github.com/psf/black", f"    rev: {h(40)}", "    hooks:", "      - id: black"]),
        ("id-git-sha", ".github/workflows/ci.yml", ["steps:", f"  - uses: actions/checkout@{h(40)} # v4.1.7",
                                                    f"  - uses: actions/setup-node@{h(40)} # v4.0.3"]),
        ("id-git-sha", "go.mod", ["module github.com/acme/api", "", "require (", f"\tgithub.com/acme/retry v0.0.0-20240311093012-{h(12)}",
                                  "\tgithub.com/stripe/stripe-go/v76 v76.25.0", ")"]),
        ("id-git-sha", "Dockerfile", ["FROM golang:1.22 AS build", f"ARG GIT_COMMIT={h(40)}",
                                      'LABEL org.opencontainers.image.revision="${GIT_COMMIT}"']),
        ("id-git-sha", "scripts/pin.sh", [f"git fetch origin && git checkout {h(40)}", f"git revert --no-edit {h(7)}"]),
        ("id-request-uuid", "access.log", [f'10.0.3.12 - - [04/Mar/2025:10:12:01 +0000] "POST /v1/charges HTTP/1.1" 201 311 request_id={u()}']),
        ("id-request-uuid", "api.log.json", [json.dumps({"level": "info", "msg": "charge created", "request_id": u(), "trace_id": h(32), "span_id": h(16)})]),
        ("id-request-uuid", "lambda.log", [f"START RequestId: {u()} Version: $LATEST", f"END RequestId: {u()}",
                                           f"REPORT RequestId: {u()}\tDuration: 112.31 ms\tBilled Duration: 113 ms"]),
        ("id-request-uuid", "app.log", [f"2025-03-04 10:12:01.442 INFO [orders,{h(16)},{h(16)}] c.a.o.OrderService : correlationId={u()} order accepted"]),
        ("id-request-uuid", "terraform.tfstate", C.jlines({"version": 4, "terraform_version": "1.7.5", "serial": 42, "lineage": u(), "outputs": {}})),
        ("id-request-uuid", "providers.tf", ['provider "azurerm" {', "  features {}", f'  subscription_id = "{u()}"', f'  tenant_id       = "{u()}"', "}"]),
        ("id-integrity", "package-lock.json", C.jlines({"packages": {"node_modules/stripe": {"version": "14.21.0", "resolved":
                                                        "https://registry.npmjs.org/stripe/-/stripe-14.21.0.tgz", "integrity": "sha512-" + b64(rbytes(rng, 64))}}})),
        ("id-integrity", "yarn.lock", ['"@slack/web-api@^7.0.2":', '  version "7.0.2"', '  resolved "https://registry.yarnpkg.com/@slack/web-api/-/web-api-7.0.2.tgz"',
                                       f"  integrity sha512-{b64(rbytes(rng, 64))}"]),
        ("id-integrity", "Cargo.lock", ["[[package]]", 'name = "aws-sigv4"', 'version = "1.2.0"', 'source = "registry+https://github.com/rust-lang/crates.io-index"',
                                        f'checksum = "{h(64)}"']),
        ("id-integrity", "go.sum", [f"github.com/twilio/twilio-go v1.20.1 h1:{b64(rbytes(rng, 32))}", f"github.com/twilio/twilio-go v1.20.1/go.mod h1:{b64(rbytes(rng, 32))}"]),
        ("id-integrity", "poetry.lock", ["[[package]]", 'name = "openai"', 'version = "1.14.0"', "files = [",
                                         f'    {{file = "openai-1.14.0-py3-none-any.whl", hash = "sha256:{h(64)}"}},', "]"]),
        ("id-integrity", "index.html", [f'<script src="https://cdn.jsdelivr.net/npm/bootstrap@5.3.3/dist/js/bootstrap.bundle.min.js" integrity="sha384-{b64(rbytes(rng, 48))}" crossorigin="anonymous"></script>']),
        ("id-integrity", "pnpm-lock.yaml", ["packages:", "  /@sendgrid/mail@8.1.1:", f"    resolution: {{integrity: sha512-{b64(rbytes(rng, 64))}}}"]),
        ("id-integrity", "requirements.txt", [f"anthropic==0.21.3 \\", f"    --hash=sha256:{h(64)} \\", f"    --hash=sha256:{h(64)}"]),
        ("id-build-coord", "k8s/deployment.yaml", ["containers:", "  - name: api", f"    image: ghcr.io/acme/api@sha256:{h(64)}"]),
        ("id-build-coord", "WORKSPACE", ["http_archive(", '    name = "rules_go",', f'    sha256 = "{h(64)}",',
                                         '    urls = ["https://github.com/bazelbuild/rules_go/releases/download/v0.46.0/rules_go-v0.46.0.zip"],', ")"]),
        ("id-build-coord", "pom.xml", ["<dependency>", "  <groupId>com.stripe</groupId>", "  <artifactId>stripe-java</artifactId>", "  <version>24.18.0</version>",
                                       "</dependency>"]),
        ("id-build-coord", "Chart.lock", ["dependencies:", "- name: postgresql", "  repository: https://charts.bitnami.com/bitnami", "  version: 15.2.2",
                                          f"digest: sha256:{h(64)}", "generated: \"2025-03-01T09:00:00Z\""]),
        ("id-build-coord", "build-info.txt", [f"BUILD_ID=20250314.3-{h(8)}", f"BUILD_NUMBER=2291", f"ARTIFACT=com.acme.payments:stripe-bridge:2.14.3:jar:{h(7)}"]),
        ("id-build-coord", "packages.lock.json", C.jlines({"version": 1, "dependencies": {"net8.0": {"Twilio": {"type": "Direct", "requested": "[7.0.0, )",
                                                                                                    "resolved": "7.0.0", "contentHash": b64(rbytes(rng, 64))}}}})),
        ("id-image-b64", "src/styles.css", [".logo {", f"  background-image: url(data:image/png;base64,{png_b64(rng)});", "}"]),
        ("id-image-b64", "manifest.json", C.jlines({"name": "Acme", "icons": [{"sizes": "16x16", "type": "image/png", "src": "data:image/png;base64," + png_b64(rng)}]})),
        ("id-image-b64", "email.html", [f'<img alt="" width="1" height="1" src="data:image/gif;base64,{b64(b"GIF89a" + rbytes(rng, 60))}">']),
        ("id-image-b64", "README.md", ["# Acme SDK", "", f"![status](data:image/png;base64,{png_b64(rng, 120)})"]),
        ("id-snake-name", "keys.py", ['API_KEY_NAME = "payments_service_key_2024_rotation_03"', "def rotate(): ..."]),
        ("id-snake-name", "models.py", ['token_field = "refresh_token_v2_expires_at_utc"']),
        ("id-snake-name", "secrets.tf", ['data "aws_secretsmanager_secret_version" "stripe" {', '  secret_id = "prod/billing/stripe_webhook_signing_secret_v3"', "}"]),
        ("id-snake-name", "policy.yml", ["password_policy: min_length_12_require_digits_v2", "session_timeout: idle_30m_absolute_12h"]),
        ("id-snake-name", "rds.tf", ['resource "aws_secretsmanager_secret" "db" {', '  name = "rds_master_password_2025_q1_primary"', "}"]),
        ("id-publishable", "checkout.js", [f"const stripe = Stripe('pk_live_{rand(rng, ALNUM, 99)}');"]),
        ("id-publishable", "src/analytics.ts", [f"posthog.init('phc_{rand(rng, ALNUM, 43)}', {{ api_host: 'https://us.i.posthog.com' }});"]),
        ("id-publishable", "map.js", [f"mapboxgl.accessToken = 'pk.{b64url_nopad(json.dumps({'u': 'acme-maps', 'a': 'cl' + rand(rng, LOWALNUM, 23)}, separators=(',', ':')).encode())}.{rand(rng, URLSAFE, 22)}';"]),  # vaultsweep:allow (template: the value is drawn at generation time)
        ("id-publishable", "src/supabase.ts", [f"export const supabase = createClient('https://{rand(rng, 'abcdefghijklmnopqrstuvwxyz', 20)}.supabase.co', 'sb_publishable_{rand(rng, URLSAFE, 22)}_{rand(rng, URLSAFE, 8)}');"]),
        ("id-publishable", ".env.production", ["NEXT_PUBLIC_CLERK_PUBLISHABLE_KEY=pk_live_" + b64(b"clerk.acme.io$").rstrip("=")]),
        ("id-publishable", "langfuse.ts", [f"const langfuse = new Langfuse({{ publicKey: 'pk-lf-{u()}', baseUrl: 'https://cloud.langfuse.com' }});"]),
        ("id-publishable", "radar.js", [f"Radar.initialize('prj_live_pk_{h(40)}');"]),
        ("id-publishable", "signup.html", [f'<div class="g-recaptcha" data-sitekey="6L{rand(rng, URLSAFE, 38)}"></div>']),
        ("id-publishable", "sentry.client.config.ts", [f'Sentry.init({{ dsn: "https://{h(32)}@o{rng.randrange(100000, 999999)}.ingest.us.sentry.io/{rng.randrange(1000000, 9999999)}" }});']),
        ("id-publishable", "search.js", [f"const searchClient = algoliasearch('{rand(rng, UPALNUM, 10)}', '{h(32)}'); // search-only key"]),
        ("id-publishable", "analytics.html", [f"<script async src=\"https://www.googletagmanager.com/gtag/js?id=G-{rand(rng, UPALNUM, 10)}\"></script>"]),
        ("id-hash", "SHA256SUMS", [f"{h(64)}  vaultsweep-1.4.0-x86_64-linux.tar.gz", f"{h(64)}  vaultsweep-1.4.0-aarch64-darwin.tar.gz"]),
        ("id-hash", "s3-list.json", C.jlines({"Contents": [{"Key": "exports/2025-03-04.csv", "ETag": '"' + h(32) + '"', "Size": 48211}]})),
        ("id-public-address", "deploy.config.ts", [f"export const TREASURY = '0x{h(40)}';", f"export const USDC = '0x{h(40)}';"]),
        ("id-resource-id", "docker-ps.txt", ["CONTAINER ID   IMAGE          COMMAND", f"{h(12)}   acme/api:1.8   \"/entrypoint\"", f"{h(12)}   redis:7        \"docker-entrypoint\""]),
        ("id-resource-id", "slack.yml", [f"alerts_channel: C0{rand(rng, UPALNUM, 9)}", f"oncall_user: U0{rand(rng, UPALNUM, 9)}", f"team: T0{rand(rng, UPALNUM, 8)}"]),
        ("id-resource-id", "fixtures/prices.json", C.jlines({"price": "price_1P" + rand(rng, ALNUM, 22), "product": "prod_" + rand(rng, ALNUM, 14),
                                                             "account": "acct_1" + rand(rng, ALNUM, 15)})),
        ("id-resource-id", "twilio.env", [f"TWILIO_ACCOUNT_SID=AC{h(32)}", "TWILIO_FROM=+14155550123"]),
    ]
    for form, name, lines in items:
        add(corpus, g, name, lines, False, "none", form, category=g)


# --- (b) positives ----------------------------------------------------------------------------------------------
def passwords(corpus):
    rng = rng_for("passwords")
    for form, name, build, kind in G.PASSWORD_FORMS:
        p = kind(rng)
        lines = build(p)
        add(corpus, "passwords", name, lines, True, "password", form, marker=p, category="passwords")


def connstrings(corpus):
    rng = rng_for("connstr")
    for form, name, build, enc in G.CONN_FORMS:
        if enc:
            p = G.pw_reserved(rng)
            m = quote(p, safe="")
        else:
            m = G.pw(rng).replace(";", "")
        lines = build(m)
        add(corpus, "connstr", name, lines, True, "password", form, marker=m, category="connstr")


def basicauth(corpus):
    rng = rng_for("basicauth")
    for form, name, build, mk in G.BASIC_FORMS:
        m = mk(rng)
        lines = build(m)
        add(corpus, "basicauth", name, lines, True, "basic-auth", form, marker=m, category="basicauth")


def jwts(corpus):
    rng = rng_for("jwt")
    for i, (form, name, build) in enumerate(G.JWT_FORMS):
        t = G.api_jwt(rng, "RS256" if i % 3 == 0 else "HS256")
        add(corpus, "jwt", name, build(t), True, "jwt", form, marker=t, category="jwt")


def block(corpus, group, name, lines, provider, form):
    first = next(i for i, ln in enumerate(lines, 1) if DASH5 + "BEGIN" in ln or "PuTTY-User-Key-File" in ln)
    last = next((i for i, ln in enumerate(lines, 1) if i > first and (DASH5 + "END" in ln or ln.startswith("Private-MAC"))), first)
    add(corpus, group, name, lines, True, provider, form, line=first, end_line=last, category=group)


def keyfiles(corpus):
    rng = rng_for("keys")
    g = "keys"
    pem, _ = K.rsa_pem(rng, 2048)
    block(corpus, g, "id_rsa", pem, "private-key", "rsa-pkcs1")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    block(corpus, g, "certs/server.key", pem, "private-key", "rsa-pkcs8")
    d, pub = K.p256_keypair(rng)
    block(corpus, g, "tls/ec.key", pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub)), "private-key", "ec-sec1")
    d, pub = K.p256_keypair(rng)
    block(corpus, g, f"AuthKey_{rand(rng, UPALNUM, 10)}.p8", pem_armor("PRIVATE KEY", K.ec_pkcs8_der(d, pub)), "apple", "ec-pkcs8-p8")
    lines, _ = K.openssh_ed25519(rng, "deploy@ci-runner-04")
    block(corpus, g, ".ssh/id_ed25519", lines, "private-key", "openssh-ed25519")  # vaultsweep:allow (template: the value is drawn at generation time)
    block(corpus, g, "deploy_key", K.openssh_rsa(rng, "github-actions-deploy"), "private-key", "openssh-rsa")
    block(corpus, g, "keys/signing.enc.pem", pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218)), "private-key", "encrypted-pkcs8")
    body = b64(rbytes(rng, 1232))
    lines = [DASH5 + "BEGIN RSA PRIVATE KEY" + DASH5, "Proc-Type: 4,ENCRYPTED", f"DEK-Info: AES-256-CBC,{rand(rng, UHEX, 32)}", ""]
    lines += [body[i:i + 64] for i in range(0, len(body), 64)] + [DASH5 + "END RSA PRIVATE KEY" + DASH5]
    block(corpus, g, "legacy/server.key", lines, "private-key", "rsa-pem-encrypted")
    block(corpus, g, "putty/deploy.ppk", K.putty_ed25519(rng, "ed25519-key-20250304"), "private-key", "putty-ppk3")
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: webhook-signer", "type: Opaque", "stringData:", "  signing.key: |"]
    lines += ["    " + ln for ln in pem]
    block(corpus, g, "k8s/signer-secret.yaml", lines, "private-key", "ed25519-pkcs8-yaml-block")  # vaultsweep:allow (template: the value is drawn at generation time)
    pem, _ = K.rsa_pem(rng, 2048)
    lines = ['resource "tls_self_signed_cert" "ca" {', "  private_key_pem = <<EOT"] + pem + ["EOT", "  validity_period_hours = 87600", "}"]
    block(corpus, g, "ca.tf", lines, "private-key", "rsa-terraform-heredoc")
    lines, _ = K.pgp_secret_block(rng, "Release Bot <release@acme.io>", 1709550000 + rng.randrange(0, 9000000))
    block(corpus, g, "release-signing.asc", lines, "pgp", "pgp-private-key-block")
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ['SIGNING_KEY = """' + pem[0]] + pem[1:] + ['"""', "", "def sign(payload):", "    return jwt.encode(payload, SIGNING_KEY, algorithm='ES256')"]
    block(corpus, g, "signer.py", lines, "private-key", "ec-python-triple-quoted")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    lines = ["private static final String KEY ="] + [f'    "{ln}\\n"' + (" +" if i < len(pem) - 1 else ";") for i, ln in enumerate(pem)]
    block(corpus, g, "src/main/java/io/acme/JwtKeys.java", lines, "private-key", "rsa-java-concatenated")
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    add(corpus, g, ".env", ["APP_ID=381204", 'PRIVATE_KEY="' + "\\n".join(pem) + '\\n"'], True, "private-key", "ed25519-dotenv-escaped",  # vaultsweep:allow (template: the value is drawn at generation time)
        line=2, category=g)
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ["PUSH_KEY = <<~PEM"] + ["  " + ln for ln in pem] + ["PEM"]
    block(corpus, g, "config/initializers/push.rb", lines, "private-key", "ec-ruby-heredoc")
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    doc = {"name": f"organizations/{uuid4(rng)}/apiKeys/{uuid4(rng)}", "privateKey": "\n".join(pem) + "\n"}
    lines = C.jlines(doc)
    add(corpus, g, "cdp_api_key.json", lines, True, "coinbase", "coinbase-cdp-json", line=3, category=g)
    seed, _ = K.ed25519_keypair(rng)
    block(corpus, g, "keys/webhook-ed25519.pem", pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed)), "private-key", "ed25519-pkcs8")  # vaultsweep:allow (template: the value is drawn at generation time)


def svcaccounts(corpus):
    rng = rng_for("svcaccount")
    g = "svcaccount"
    doc = G.gcp_service_account(rng, "acme-prod-4821", "ci-deployer")
    lines = C.jlines(doc)
    add(corpus, g, "gcp-ci-deployer.json", lines, True, "google", "gcp-service-account-json",
        line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), category=g)
    doc = G.gcp_service_account(rng, "acme-mobile-7f3a1", "firebase-adminsdk-" + rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 5))
    lines = C.jlines(doc)
    add(corpus, g, "firebase-adminsdk.json", lines, True, "firebase", "firebase-admin-sdk-json",
        line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), category=g)
    doc = G.gcp_service_account(rng, "acme-data-platform", "airflow")
    enc = base64.b64encode(json.dumps(doc).encode()).decode()
    add(corpus, g, ".github/workflows/deploy.yml", ["jobs:", "  deploy:", "    runs-on: ubuntu-latest", "    env:",
                                                    f"      GOOGLE_CREDENTIALS: {enc}", "    steps:", "      - run: terraform apply -auto-approve"],
        True, "google", "gcp-service-account-base64", line=5, category=g)
    secret = G.azure_secret(rng)
    lines = ["$ az ad sp create-for-rbac --name github-deployer --role contributor --scopes /subscriptions/" + uuid4(rng)] + C.jlines(
        {"appId": uuid4(rng), "displayName": "github-deployer", "password": secret, "tenant": uuid4(rng)})
    add(corpus, g, "sp-output.txt", lines, True, "azure", "azure-sp-create-output", marker=secret, category=g)
    secret = G.azure_secret(rng)
    lines = C.jlines({"clientId": uuid4(rng), "clientSecret": secret, "subscriptionId": uuid4(rng), "tenantId": uuid4(rng),
                      "activeDirectoryEndpointUrl": "https://login.microsoftonline.com", "resourceManagerEndpointUrl": "https://management.azure.com/"})
    add(corpus, g, "azure-credentials.json", lines, True, "azure", "azure-sdk-auth-json", marker=secret, category=g)
    d, pub = K.p256_keypair(rng)
    keydata = b64("\n".join(pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))).encode() + b"\n")
    lines = ["apiVersion: v1", "kind: Config", "clusters:", "- cluster:", f"    certificate-authority-data: {b64(K.fake_cert_der(rng, 'kubernetes'))}",
             "    server: https://10.0.0.1:6443", "  name: prod", "users:", "- name: admin", "  user:",
             f"    client-certificate-data: {b64(K.fake_cert_der(rng, 'kubernetes-admin'))}", f"    client-key-data: {keydata}"]
    add(corpus, g, "admin.kubeconfig", lines, True, "kubernetes", "kubeconfig-client-key-data", marker=keydata, category=g)


# --- (b) negatives -----------------------------------------------------------------------------------------------
def negatives_b(corpus):
    rng = rng_for("negatives-b")

    def neg(group, name, lines, form):
        add(corpus, group, name, lines, False, "none", form, category=group)

    p = "passwords"
    neg(p, "rds.tf", ['resource "aws_db_instance" "main" {', '  username = "app"', "  password = var.db_password", "}"], "ph-pw-reference")
    neg(p, ".env", ["DB_HOST=localhost", "DB_USER=app", "DB_PASSWORD=changeme"], "ph-pw-word")
    neg(p, "config/database.yml", ["production:", "  adapter: postgresql", "  username: app", "  password: <your-password>"], "ph-pw-word")
    neg(p, "settings.py", ["DATABASES = {'default': {", "    'USER': 'app',", "    'PASSWORD': os.environ['DB_PASSWORD'],", "}}"], "ph-pw-reference")
    neg(p, "cli.py", ['user = input("User: ")', 'password = getpass.getpass("Password: ")'], "ph-pw-reference")
    neg(p, "restore.sh", ["mysql -u root -p$MYSQL_ROOT_PASSWORD shop < dump.sql"], "ph-pw-reference")
    neg(p, "grants.sql", ["CREATE USER 'app'@'%' IDENTIFIED BY '<password>';"], "ph-pw-word")
    neg(p, "templates/configmap.yaml", ["data:", '  ConnectionStrings__Default: "Server=db;User Id=app;Password={{ .Values.db.password }};"'], "ph-pw-reference")
    neg(p, "group_vars/db.yml", ['db_password: "{{ vault_db_password }}"'], "ph-pw-reference")
    neg(p, "config/test.json", C.jlines({"db": {"user": "app", "password": ""}}), "ph-pw-empty")
    neg(p, "validators.py", ["PASSWORD_MIN_LENGTH = 12", "PASSWORD_MAX_AGE_DAYS = 90"], "ph-pw-policy")
    neg(p, "docs/config.yml", ["smtp:", "  user: noreply@acme.io", '  password: "********"'], "ph-pw-masked")
    vault = [rand(rng, HEX, 80) for _ in range(5)]
    neg(p, "group_vars/all/vault.yml", ["db_password: !vault |", "  $ANSIBLE_VAULT;1.1;AES256"] + ["  " + x for x in vault], "ph-pw-encrypted")
    neg(p, "docker-login.sh", ['echo "$REGISTRY_TOKEN" | docker login -u "$REGISTRY_USER" --password-stdin registry.acme.io'], "ph-pw-reference")
    neg(p, "check.sh", ['curl -u "$API_USER:$API_TOKEN" https://jenkins.acme.io/api/json'], "ph-pw-reference")
    neg(p, "deploy.sh", ['sshpass -p "$SSH_PASS" ssh deploy@10.0.3.4 uptime'], "ph-pw-reference")
    neg(p, "psql.sh", ['PGPASSWORD="$(cat /run/secrets/pg_password)" psql -h db -U app -c "select 1"'], "ph-pw-reference")
    neg(p, "rotate.sql", ["\\set new_password `openssl rand -base64 24`", "ALTER USER app WITH PASSWORD :'new_password';"], "ph-pw-reference")
    neg(p, "Backup.cs", ["var cred = new NetworkCredential(options.User, options.Password, options.Domain);"], "ph-pw-reference")
    neg(p, "notify.py", ['server.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])'], "ph-pw-reference")
    neg(p, "config/app.yml", ['admin_password: "password"'], "ph-pw-word")
    neg(p, ".env", ["ADMIN_USER=admin", "ADMIN_PASSWORD=admin"], "ph-pw-word")
    neg(p, "README.md", ["Log in with `admin` / `example-password` and change it on first login."], "ph-pw-word")
    neg(p, "login.sh", ["# prompts for the password", "mysql -u root -p -h db.acme.internal"], "ph-pw-reference")
    neg(p, "auth.py", ["def change_password(user, password, confirm_password):", "    if password != confirm_password:",
                       '        raise ValueError("passwords do not match")'], "ordinary-code")
    neg(p, "LoginTest.java", ['@ValueSource(strings = {"", " ", "short"})', "void rejectsWeakPasswords(String password) {",
                              "    assertFalse(policy.accepts(password));", "}"], "ordinary-code")
    c = "connstr"
    neg(c, ".env", ["DATABASE_URL=postgres://user:password@localhost:5432/mydb"], "ph-conn-default")
    neg(c, "docker-compose.yml", ["services:", "  api:", "    environment:", "      DATABASE_URL: postgres://app:${POSTGRES_PASSWORD}@db:5432/app"], "ph-conn-reference")
    neg(c, "db.properties", ["db.url=jdbc:mysql://db:3306/shop?user=shop&password=${JDBC_PASSWORD}"], "ph-conn-reference")
    neg(c, "README.md", ["```sh", 'docker run -e "ACCEPT_EULA=Y" -e "MSSQL_SA_PASSWORD=<YourStrong@Passw0rd>" -p 1433:1433 mcr.microsoft.com/mssql/server:2022-latest', "```",
                         "Connection string: `Server=localhost;User Id=sa;Password=<YourStrong@Passw0rd>;`"], "ph-conn-word")
    neg(c, "appsettings.Development.json", C.jlines({"ConnectionStrings": {"Default": "Server=(localdb)\\mssqllocaldb;Database=Shop;Trusted_Connection=True;"}}),
        "ph-conn-integrated")
    neg(c, "config.py", ['SQLALCHEMY_DATABASE_URI = f"postgresql://{DB_USER}:{DB_PASSWORD}@{DB_HOST}/{DB_NAME}"'], "ph-conn-reference")
    neg(c, "mongo.js", ["const uri = `mongodb+srv://${user}:${encodeURIComponent(pass)}@cluster0.x7k2p.mongodb.net/`;"], "ph-conn-reference")
    neg(c, "redis.yml", ["cache:", "  url: redis://localhost:6379/0"], "ph-conn-nocreds")
    b = "basicauth"
    neg(b, "docs/mirror.md", ["Use `https://user:pass@mirror.example.com/simple` as the index URL."], "ph-basic-word")
    neg(b, "ci/clone.sh", ['git clone "https://${GIT_USER}:${GIT_TOKEN}@github.com/acme/app.git"'], "ph-basic-reference")
    neg(b, "api.http", ["GET https://internal.acme.io/admin/stats", "Authorization: Basic <base64(user:password)>"], "ph-basic-word")
    neg(b, ".netrc", ["machine api.acme.io", "  login svc-sync", "  password REPLACE_ME"], "ph-basic-word")
    neg(b, ".docker/config.json", C.jlines({"auths": {"ghcr.io": {}, "registry.acme.io": {}}, "credsStore": "desktop"}), "ph-basic-credstore")
    j = "jwt"
    neg(j, "docs/auth.md", ["Example request:", "", "```", "Authorization: Bearer " + G.jwt_io_example(), "```"], "ph-jwt-docs-example")
    neg(j, "orders.http", ["GET https://api.acme.io/v1/orders", "Authorization: Bearer <token>"], "ph-jwt-word")
    neg(j, "call.sh", ['curl -H "Authorization: Bearer ${ACCESS_TOKEN}" https://api.acme.io/v1/orders'], "ph-jwt-reference")
    neg(j, "README.md", ["The token looks like `eyJhbGciOiJSUzI1NiIsInR5cCI6IkpXVCJ9...` and expires after an hour."], "ph-jwt-truncated")
    k = "keys"
    neg(k, "docs/tls.md", ["```", DASH5 + "BEGIN RSA PRIVATE KEY" + DASH5, "MIIEpAIBAAKCAQEA...", "...", DASH5 + "END RSA PRIVATE KEY" + DASH5, "```"], "ph-key-elided")
    neg(k, "main.tf", ['resource "aws_instance" "bastion" {', "  connection {", '    private_key = file("~/.ssh/id_rsa")', "  }", "}"], "ph-key-reference")
    neg(k, "config.example.json", C.jlines({"privateKey": DASH5 + "BEGIN PRIVATE KEY" + DASH5 + "\n<your private key>\n" + DASH5 + "END PRIVATE KEY" + DASH5 + "\n"}),
        "ph-key-word")
    neg(k, "setup.md", ["Generate a deploy key:", "", "    ssh-keygen -t ed25519 -C deploy@acme.io -f deploy_key -N ''"], "ordinary-code")
    k2 = rsa_key(rng, 1024)
    neg(k, "keys/jwt-public.pem", pem_armor("PUBLIC KEY", rsa_spki_der(k2)), "id-pub-rsa-spki")
    neg(k, "certs/ca.crt", pem_armor("CERTIFICATE", K.fake_cert_der(rng, "Acme Internal CA")), "id-pub-certificate")
    _, publine = K.openssh_ed25519(rng, "jane@laptop")
    neg(k, ".ssh/authorized_keys", [publine], "id-pub-ssh")
    neg(k, "KEYS.asc", K.pgp_public_block(rng, "Release Bot <release@acme.io>", 1709550000), "id-pub-pgp")
    neg(k, ".ssh/known_hosts", [f"github.com {publine.split(' ')[0]} {publine.split(' ')[1]}"], "id-pub-known-hosts")
    n = k2["n"].to_bytes(128, "big")
    neg(k, "jwks.json", C.jlines({"keys": [{"kty": "RSA", "use": "sig", "kid": rand(rng, HEX, 16), "alg": "RS256", "n": b64url_nopad(n), "e": "AQAB"}]}),
        "id-pub-jwks")
    _, pub = K.p256_keypair(rng)
    neg(k, "keys/ec-public.pem", pem_armor("PUBLIC KEY", K.ec_spki_der(pub)), "id-pub-ec-spki")
    csr = der_seq(der_seq(der_int(0), der_seq(der(0x31, der_seq(der_oid("2.5.4.3"), der(0x0C, b"api.acme.io")))),
                          K.ec_spki_der(pub), der(0xA0, b"")), der_seq(der_oid("1.2.840.10045.4.3.2")), der(0x03, b"\x00" + rbytes(rng, 71)))
    neg(k, "api.csr", pem_armor("CERTIFICATE REQUEST", csr), "id-pub-csr")
    neg(k, "fingerprints.txt", [f"256 SHA256:{b64(rbytes(rng, 32)).rstrip('=')} deploy@ci (ED25519)"], "id-pub-fingerprint")
    bc = "./" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    neg(p, "fixtures/users.json", C.jlines([{"email": "jane@acme.io", "password_hash": "$2b$12$" + "".join(rng.choice(bc) for _ in range(53))}]),
        "id-password-hash")
    neg(p, "users.sql", ["INSERT INTO users (email, password) VALUES ('ops@acme.io', '$argon2id$v=19$m=65536,t=3,p=4$"
                         + b64(rbytes(rng, 16)).rstrip("=") + "$" + b64(rbytes(rng, 32)).rstrip("=") + "');"], "id-password-hash")
    s = "svcaccount"
    doc = {"type": "service_account", "project_id": "my-project", "private_key_id": "your-private-key-id",
           "private_key": DASH5 + "BEGIN PRIVATE KEY" + DASH5 + "\nREDACTED\n" + DASH5 + "END PRIVATE KEY" + DASH5 + "\n",
           "client_email": "my-sa@my-project.iam.gserviceaccount.com", "client_id": "123456789012345678901"}
    neg(s, "service-account.json", C.jlines(doc), "ph-sa-redacted")
    neg(s, ".env", ["GOOGLE_APPLICATION_CREDENTIALS=/var/secrets/google/key.json", "GOOGLE_CLOUD_PROJECT=acme-prod-4821"], "ph-sa-reference")
    neg(s, "azure-login.yml", ["- uses: azure/login@v2", "  with:", "    creds: ${{ secrets.AZURE_CREDENTIALS }}"], "ph-sa-reference")


ORDINARY = [
    ("token_bucket.py", ["class TokenBucket:", "    def __init__(self, rate, capacity):", "        self.tokens = capacity",
                         "        self.rate = rate"]),
    ("reset.py", ["def make_reset_token(user):", "    token = secrets.token_urlsafe(32)", "    store(user.id, sha256(token))", "    return token"]),
    ("middleware.js", ["const token = req.headers.authorization?.replace(/^Bearer /, '');", "if (!token) return res.status(401).end();"]),
    ("keys.go", ["func loadKey(path string) (*rsa.PrivateKey, error) {", "\tdata, err := os.ReadFile(path)", "\tif err != nil {", "\t\treturn nil, err",
                 "\t}", "\treturn x509.ParsePKCS1PrivateKey(data)", "}"]),
    ("SecretStore.java", ["public String getSecret(String name) {", "    return client.getSecretValue(r -> r.secretId(name)).secretString();", "}"]),
    ("api_keys.rb", ["def generate_api_key", "  self.api_key_digest = Digest::SHA256.hexdigest(SecureRandom.hex(32))", "end"]),
    ("config.ts", ["export const apiKey = process.env.STRIPE_SECRET_KEY ?? '';", "if (!apiKey) throw new Error('STRIPE_SECRET_KEY is not set');"]),
    ("session.py", ["app.secret_key = os.urandom(32)", "app.config['SESSION_COOKIE_SECURE'] = True"]),
    ("password_strength.rs", ["pub fn entropy(password: &str) -> f64 {", "    let pool = charset_size(password) as f64;",
                              "    password.len() as f64 * pool.log2()", "}"]),
    ("vault.tf", ['data "vault_generic_secret" "db" {', '  path = "secret/data/prod/db"', "}", "",
                  "locals {", '  db_password = data.vault_generic_secret.db.data["password"]', "}"]),
    ("oauth.ex", ["def exchange(code) do", "  OAuth2.Client.get_token!(client(), code: code, client_secret: System.fetch_env!(\"GITHUB_CLIENT_SECRET\"))",
                  "end"]),
    ("rotate_keys.sh", ["#!/bin/sh", "new_key=$(openssl rand -hex 32)", 'aws secretsmanager put-secret-value --secret-id prod/api --secret-string "$new_key"']),
    ("hmac.cs", ["using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(_options.SigningSecret));",
                 "var signature = Convert.ToHexString(hmac.ComputeHash(body));"]),
    ("i18n.yml", ["en:", "  auth:", "    password: Password", "    api_key: API key", "    token_expired: Your session token has expired."]),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        add(corpus, "ordinary", name, lines, False, "none", "ordinary-code", category="ordinary")


def main():
    generate_main(__doc__, "/work/scratch/heldout10", [providers, near_misses, placeholders, identifiers, passwords, connstrings, basicauth, jwts,
                                                       keyfiles, svcaccounts, negatives_b, ordinary])


if __name__ == "__main__":
    main()
