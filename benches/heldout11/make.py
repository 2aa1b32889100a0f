#!/usr/bin/env python3
"""Write the eleventh held-out corpus and its labels.

    python3 benches/heldout11/make.py [DIR]        # default /work/scratch/heldout11

Shaped like the hidden sets the project is judged on, and independent of heldout10 (its own seed, a new formats table
in which most rows are long-tail providers heldout10 does not have, new containers): (a) another scanner's per-provider
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

SEED = "vaultsweep-heldout11-v1"
DASH5 = "-" * 5
N_NAMED = 130      # about this many named-only rows used (drawn per category with the seed)
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


def used_rows():
    """Every prefixed row, and about N_NAMED named-only rows drawn per category in proportion."""
    rng = rng_for("select")
    named = [r for r in F.ROWS if r["kind"] == "n"]
    keep = set()
    for cat in sorted({r["cat"] for r in named}):
        pids = [r["pid"] for r in named if r["cat"] == cat]
        keep |= set(rng.sample(pids, min(len(pids), max(1, round(len(pids) * N_NAMED / len(named))))))
    return [r for r in F.ROWS if r["kind"] == "p" or r["pid"] in keep]


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
    if r["pid"] == "aws-sts":
        r2["cval2"] = F.clean(rng, B64, 40)
    return r2


def host_ok(r, v):
    return "{v}" in r["hdr"] and not (C.is_url(v) or v.startswith("HostName=") or " " in v)


class Named:
    """Contexts that name the provider: by variable, name or client (C.NAMED), or, for about a third of the values,
    by the provider's API host (C.HOST)."""

    def __init__(self, rng):
        self.rng, self.var, self.host = rng, Cycle(C.NAMED, rng), Cycle(C.HOST, rng)


def named_ctx(cyc, r, v):
    if host_ok(r, v) and cyc.rng.random() < 0.35:
        basic = r["hdr"].startswith("basic|")
        return cyc.host.next(lambda f: not (basic and f is C.h_har)), "host"  # a HAR would carry it base64-encoded
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
        if r["comp"] and (r["pid"] in ("aws", "aws-sts") or rng.random() < 0.6):
            fn = C.p_aws_cli if r["pid"] == "aws" else C.p_aws_boto if r["pid"] == "aws-sts" else pair.next()
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
CRC_ROWS = {"github": "ghp_", "github-oauth": "gho_", "github-app": "ghs_", "github-user": "ghu_", "npm": "npm_"}
BECH_ROWS = {"age": "age"}


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
        elif how == "crc":
            v = F.wrong_bech32(rng, "age")
            assert not F.bech32_ok(v)
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
        return rng.choice([f"<{r['pid']}-api-key>", "REPLACE_WITH_YOUR_KEY", "[your key here]", f"YOUR_{env}_HERE", "<insert key>",
                           "put-your-key-here", "CHANGE_ME", "TBD", "<secret>", "••••••••", "not-a-real-key", "null"])
    if form == "ph-envref":
        return rng.choice([f"$({env})", f"{{{{ pillar['{C.ident(r)}']['api_key'] }}}}", f"lookup('{C.ident(r)}_api_key')",
                           f"{{{{resolve:secretsmanager:prod/{C.kebab(r)}:SecretString:apiKey}}}}",
                           f"@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/{C.kebab(r)}-key/)",
                           f"op://prod/{C.kebab(r)}/credential", f"vault:secret/data/{C.kebab(r)}#api_key", f"<%= ENV['{env}'] %>",
                           f"${{env.{env}}}", f"#{{{env}}}", f"${{{{ env.{env} }}}}"])
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
    items = [
        # commits
        ("id-git-sha", "MODULE.bazel", ['bazel_dep(name = "rules_go", version = "0.46.0")', "git_override(", '    module_name = "rules_acme",',
                                        '    remote = "https://github.com/acme/rules_acme.git",', f'    commit = "{h(40)}",', ")"]),
        ("id-git-sha", "flake.lock", C.jlines({"nodes": {"nixpkgs": {"locked": {"lastModified": 1741600000, "narHash": sri(rng), "owner": "NixOS",
                                                                                "repo": "nixpkgs", "rev": h(40), "type": "github"}}}, "version": 7})),
        ("id-git-sha", "Package.resolved", C.jlines({"pins": [{"identity": "swift-argument-parser", "kind": "remoteSourceControl",
                                                               "location": "https://github.com/apple/swift-argument-parser",
                                                               "state": {"revision": h(40), "version": "1.3.0"}}], "version": 2})),
        ("id-git-sha", "composer.lock", C.jlines({"packages": [{"name": "guzzlehttp/guzzle", "version": "7.8.1",
                                                                "source": {"type": "git", "url": "https://github.com/guzzle/guzzle.git", "reference": h(40)},
                                                                "dist": {"type": "zip", "shasum": ""}}]})),
        ("id-git-sha", "ci-build.log", ["$ git rev-parse HEAD", h(40), f"Checking out {h(8)} as detached HEAD (ref is refs/merge-requests/412/head)..."]),
        ("id-git-sha", "Podfile.lock", ["PODS:", "  - Alamofire (5.9.0)", "", "SPEC CHECKSUMS:", f"  Alamofire: {h(40)}", "",
                                        f"PODFILE CHECKSUM: {h(40)}", "", "COCOAPODS: 1.15.2"]),
        # lockfile hashes and build coordinates
        ("id-integrity", "mix.lock", ["%{", f'  "jason": {{:hex, :jason, "1.4.1", "{h(64)}", [:mix], [], "hexpm", "{h(64)}"}},', "}"]),
        ("id-integrity", "pubspec.lock", ["packages:", "  http:", "    dependency: \"direct main\"", "    description:", "      name: http",
                                          f'      sha256: "{h(64)}"', '      url: "https://pub.dev"', '    source: hosted', '    version: "1.2.1"']),
        ("id-integrity", "gradle/verification-metadata.xml", ['<component group="com.squareup.okhttp3" name="okhttp" version="4.12.0">',
                                                             '   <artifact name="okhttp-4.12.0.jar">', f'      <sha256 value="{h(64)}" origin="Generated by Gradle"/>',
                                                             "   </artifact>", "</component>"]),
        ("id-integrity", ".terraform.lock.hcl", ['provider "registry.terraform.io/hashicorp/aws" {', '  version     = "5.40.0"', "  hashes = [",
                                                 f'    "h1:{b64(rbytes(rng, 32))}",', f'    "zh:{h(64)}",', f'    "zh:{h(64)}",', "  ]", "}"]),
        ("id-integrity", "deno.lock", C.jlines({"version": "3", "remote": {"https://deno.land/std@0.220.0/http/server.ts": h(64)}})),
        ("id-integrity", "uv.lock", ["[[package]]", 'name = "httpx"', 'version = "0.27.0"',
                                     f'sdist = {{ url = "https://files.pythonhosted.org/packages/httpx-0.27.0.tar.gz", hash = "sha256:{h(64)}" }}']),
        ("id-integrity", "Pipfile.lock", C.jlines({"default": {"requests": {"hashes": [f"sha256:{h(64)}", f"sha256:{h(64)}"], "version": "==2.31.0"}}})),
        ("id-build-coord", "skopeo-inspect.json", C.jlines({"Name": "ghcr.io/acme/api", "Digest": f"sha256:{h(64)}", "RepoTags": ["1.8.2"],
                                                            "Layers": [f"sha256:{h(64)}", f"sha256:{h(64)}"]})),
        ("id-build-coord", "Formula/vaultctl.rb", ["class Vaultctl < Formula", '  url "https://github.com/acme/vaultctl/archive/refs/tags/v0.9.1.tar.gz"',
                                                   f'  sha256 "{h(64)}"', "end"]),
        ("id-build-coord", "pkgs/tool/default.nix", ["src = fetchFromGitHub {", '  owner = "acme";', '  repo = "tool";', '  rev = "v2.1.0";',
                                                      f'  hash = "{sri(rng)}";', "};"]),
        ("id-build-coord", "bom.json", C.jlines({"bomFormat": "CycloneDX", "components": [{"name": "lodash", "version": "4.17.21",
                                                                                           "hashes": [{"alg": "SHA-256", "content": h(64)}]}]})),
        ("id-build-coord", "App.xcodeproj/project.pbxproj", [f"\t\t{H(24)} /* AppDelegate.swift in Sources */ = {{isa = PBXBuildFile; fileRef = {H(24)}; }};",
                                                             f"\t\t{H(24)} /* Info.plist */ = {{isa = PBXFileReference; path = Info.plist; }};"]),
        ("id-build-coord", "Acme.sln", [f'Project("{{{uuid4(rng, True)}}}") = "Acme.Api", "src\\Acme.Api\\Acme.Api.csproj", "{{{uuid4(rng, True)}}}"',
                                        "EndProject"]),
        # request and trace ids
        ("id-request-id", "cloudfront-headers.txt", ["HTTP/2 200", "x-cache: Miss from cloudfront", "via: 1.1 " + h(32) + ".cloudfront.net (CloudFront)",
                                                     f"x-amz-cf-pop: FRA56-P5", f"x-amz-cf-id: {rand(rng, URLSAFE, 54)}=="]),
        ("id-request-id", "otel.log", [f"traceparent: 00-{h(32)}-{h(16)}-01", f"tracestate: acme={h(16)}"]),
        ("id-request-id", "stripe-debug.log", [f"2025-03-11 09:14:02 INFO stripe request_id=req_{a(14)} status=200 idempotency_key={u()}"]),
        ("id-request-id", "az-response.txt", [f"x-ms-request-id: {u()}", f"x-ms-correlation-request-id: {u()}", f"x-ms-routing-request-id: WESTEUROPE:20250311T091402Z:{u()}"]),
        ("id-request-id", "sentry-event.json", C.jlines({"event_id": h(32), "level": "error", "platform": "python", "contexts": {"trace": {"trace_id": h(32), "span_id": h(16)}}})),
        ("id-request-id", "kubectl-get.yaml", ["metadata:", "  name: api-7d9f8c6b5-x2k4q", "  namespace: prod", f"  uid: {u()}",
                                               "  labels:", f"    pod-template-hash: {rand(rng, 'bcdfghjklmnpqrstvwxz2456789', 10)}"]),
        ("id-request-id", "docker-inspect.json", C.jlines([{"Id": h(64), "Image": f"sha256:{h(64)}", "Name": "/api"}])),
        ("id-request-id", "journal.txt", [f"Mar 11 09:14:02 web01 systemd[1]: Started api.service (invocation {h(32)})."]),
        # cloud resource ids and addresses
        ("id-resource-id", "terraform-state-list.txt", [f"aws_instance.api: id=i-0{h(16)}", f"aws_security_group.api: id=sg-0{h(16)}",
                                                         f"aws_vpc.main: id=vpc-0{h(16)}"]),
        ("id-resource-id", "arns.txt", [f"arn:aws:iam::{rng.randrange(10 ** 11, 10 ** 12)}:role/deploy",
                                        f"arn:aws:kms:eu-west-1:{rng.randrange(10 ** 11, 10 ** 12)}:key/{u()}"]),
        ("id-resource-id", "azure-resource.txt", [f"/subscriptions/{u()}/resourceGroups/rg-prod/providers/Microsoft.Web/sites/acme-api"]),
        ("id-public-address", "treasury.md", ["Send test funds to:", "", f"- ETH: 0x{h(40)}", f"- tx: https://etherscan.io/tx/0x{h(64)}"]),
        ("id-public-address", "wallets.json", C.jlines({"solana": K.b58(rbytes(rng, 32)), "bitcoin": "bc1q" + rand(rng, "qpzry9x8gf2tvdw0s3jn54khce6mua7l", 38)})),
        ("id-public-address", "ipfs.txt", ["ipfs://bafybei" + rand(rng, "abcdefghijklmnopqrstuvwxyz234567", 52), f"magnet:?xt=urn:btih:{h(40)}&dn=dataset.tar"]),
        # publishable and public client identifiers
        ("id-publishable", "storefront/medusa.ts", [f"const sdk = new Medusa({{ baseUrl: 'https://api.acme-store.io', publishableKey: 'pk_{h(64)}' }});"]),
        ("id-publishable", "storefront/.env", ["SHOPWARE_ENDPOINT=https://shop.acme.io/store-api", f"SHOPWARE_ACCESS_TOKEN=SWSC{rand(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 22)}"]),
        ("id-publishable", "android/app/src/main/AndroidManifest.xml", ['<meta-data android:name="io.branch.sdk.BranchKey"',
                                                                        f'           android:value="key_live_{a(32)}" />']),
        ("id-publishable", "checkout.html", [f"<script>const paymongo = PayMongo('pk_live_{a(24)}');</script>"]),
        ("id-publishable", "omise.js", [f"Omise.setPublicKey('pkey_5{rand(rng, LOWALNUM, 18)}');"]),
        ("id-publishable", "toss-widget.js", [f"const tossPayments = TossPayments('live_ck_{a(28)}');"]),
        ("id-publishable", "paystack.js", [f"const handler = PaystackPop.setup({{ key: 'pk_live_{h(40)}', email: customer.email, amount: 5000 }});"]),
        ("id-publishable", "flutterwave.html", [f"<script>FlutterwaveCheckout({{ public_key: 'FLWPUBK-{h(32)}-X', tx_ref: 'ord-1042' }});</script>"]),
        ("id-publishable", "razorpay-checkout.js", [f"const rzp = new Razorpay({{ key: 'rzp_live_{a(14)}', order_id: order.id }});"]),
        ("id-publishable", "mercadopago.js", [f"const mp = new MercadoPago('APP_USR-{u()}', {{ locale: 'es-AR' }});"]),
        ("id-publishable", "square.js", [f"const payments = Square.payments('sq0idp-{rand(rng, URLSAFE, 22)}', 'L{rand(rng, UPALNUM, 12)}');"]),
        ("id-publishable", "paypal.html", [f'<script src="https://www.paypal.com/sdk/js?client-id=A{rand(rng, URLSAFE, 79)}&currency=EUR"></script>']),
        ("id-publishable", "wagmi.config.ts", [f"export const projectId = '{h(32)}'; // WalletConnect Cloud project id"]),
        ("id-publishable", "contact.html", [f'<div class="cf-turnstile" data-sitekey="0x4AAAAAAA{rand(rng, URLSAFE, 14)}"></div>']),
        ("id-publishable", "signup.html", [f'<div class="h-captcha" data-sitekey="{u()}"></div>']),
        ("id-publishable", "src/rum.ts", [f"datadogRum.init({{ applicationId: '{u()}', clientToken: 'pub{h(32)}', site: 'datadoghq.eu' }});"]),
        ("id-publishable", "newrelic-browser.js", [f"window.NREUM.loader_config = {{ accountID: '4182093', licenseKey: 'NRJS-{h(19)}', applicationID: '1103948212' }};"]),
        ("id-publishable", "src/supabaseClient.ts", ["export const supabase = createClient(", "  'https://" + rand(rng, 'abcdefghijklmnopqrstuvwxyz', 20) + ".supabase.co',",
                                                     "  '" + F.jwt(rng, {"iss": "supabase", "ref": rand(rng, 'abcdefghijklmnopqrstuvwxyz', 20), "role": "anon",
                                                                         "iat": 1700000000, "exp": 2015000000}) + "'", ");"]),
        ("id-publishable", "okta-config.ts", [f"export const oktaConfig = {{ issuer: 'https://acme.okta.com/oauth2/default', clientId: '0oa{a(17)}', pkce: true }};"]),
        ("id-publishable", "google-signin.html", [f'<div id="g_id_onload" data-client_id="{rng.randrange(10 ** 11, 10 ** 12)}-{rand(rng, LOWALNUM, 32)}.apps.googleusercontent.com"></div>']),
        ("id-publishable", "github-app.yml", [f"client_id: Iv23li{a(14)}", "app_id: 912345", "webhook_url: https://ci.acme.io/github/events"]),
        ("id-publishable", "spotify.ts", [f"const SPOTIFY_CLIENT_ID = '{h(32)}'; // PKCE flow, no secret"]),
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
    lines = ["ingress:", "  tls:", "    enabled: true", "    crt: |", "      (see cert-manager)", "    key: |"] + ["      " + ln for ln in pem]
    block(corpus, g, "charts/api/values-prod.yaml", lines, "private-key", "rsa-pkcs1-helm-values")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    doc = {"Parameters": {"SigningKey": {"Type": "String", "NoEcho": True, "Default": "\n".join(pem) + "\n"}}}
    lines = C.jlines(doc)
    add(corpus, g, "cfn/signing.json", lines, True, "private-key", "rsa-pkcs8-cloudformation-escaped",
        line=next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln), category=g)
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ["{", "  environment.etc.\"acme/signer.pem\".text = ''"] + ["    " + ln for ln in pem] + ["  '';", "}"]
    block(corpus, g, "hosts/signer.nix", lines, "private-key", "ec-sec1-nix-string")
    klines, _ = K.openssh_ed25519(rng, "deploy@ansible")
    lines = ["deploy_user: deploy", "deploy_private_key: |"] + ["  " + ln for ln in klines]
    block(corpus, g, "group_vars/deploy.yml", lines, "private-key", "openssh-ed25519-ansible-var")
    klines = K.openssh_rsa(rng, "puppet-deploy")
    lines = ["file { '/home/deploy/.ssh/id_rsa':", "  mode    => '0600',", "  content => @(EOT)"] + ["    " + ln for ln in klines] + ["    | EOT", "}"]
    block(corpus, g, "modules/deploy/manifests/init.pp", lines, "private-key", "openssh-rsa-puppet-heredoc")
    klines, _ = K.openssh_ecdsa(rng, "jdoe@workstation")
    block(corpus, g, ".ssh/id_ecdsa", klines, "private-key", "openssh-ecdsa")
    pem = pem_armor("ENCRYPTED PRIVATE KEY", encrypted_pkcs8_der(rng, 1218))
    doc = {"cells": [{"cell_type": "code", "execution_count": 4, "metadata": {}, "outputs": [],
                      "source": ['KEY = """' + pem[0] + "\n"] + [ln + "\n" for ln in pem[1:]] + ['"""\n']}], "nbformat": 4, "nbformat_minor": 5}
    lines = C.jlines(doc, indent=1)
    first = next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln)
    last = next(i for i, ln in enumerate(lines, 1) if "END ENCRYPTED" in ln)
    add(corpus, g, "notebooks/sign.ipynb", lines, True, "private-key", "encrypted-pkcs8-notebook", line=first, end_line=last, category=g)
    body = b64(rbytes(rng, 1232))
    pem = [DASH5 + "BEGIN RSA PRIVATE KEY" + DASH5, "Proc-Type: 4,ENCRYPTED", f"DEK-Info: DES-EDE3-CBC,{rand(rng, UHEX, 16)}", ""]
    pem += [body[i:i + 64] for i in range(0, len(body), 64)] + [DASH5 + "END RSA PRIVATE KEY" + DASH5]
    lines = ["haproxy:", "  tls_key: |"] + ["    " + ln for ln in pem]
    block(corpus, g, "pillar/haproxy.sls", lines, "private-key", "rsa-pem-encrypted-salt")
    k = K.dsa_key(rng)
    block(corpus, g, ".ssh/id_dsa", pem_armor("DSA PRIVATE KEY", K.dsa_der(k)), "private-key", "dsa-pem")
    block(corpus, g, "keys/legacy.ppk", K.putty_rsa_v2(rng, "rsa-key-20190412"), "private-key", "putty-ppk2-rsa")
    klines, _ = K.pgp_secret_block(rng, "Backup Signer <backup@acme.io>", 1709550000 + rng.randrange(0, 9000000))
    lines = ["From: backup@acme.io", "To: ops@acme.io", "Subject: signing key for the new backup host", "",
             "Import this on backup02 with gpg --import:", ""] + klines
    block(corpus, g, "mail/signing-key.eml", lines, "pgp", "pgp-private-key-email")
    jwk = K.rsa_private_jwk(rng, "sig-2025-03")
    lines = C.jlines({"keys": [jwk]})
    add(corpus, g, "config/jwks-private.json", lines, True, "private-key", "rsa-private-jwk", line=next(i for i, ln in enumerate(lines, 1) if '"d":' in ln),
        category=g)
    jwk = K.ec_private_jwk(rng, "es256-1")
    lines = C.jlines({"Jwt:SigningKey": json.dumps(jwk), "Jwt:Issuer": "https://auth.acme.io"})
    add(corpus, g, "secrets.json", lines, True, "private-key", "ec-private-jwk-user-secrets", line=2, category=g)
    seed, _ = K.ed25519_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ed25519_pkcs8_der(seed))
    lines = ["package webhook", "", "const signingKey = `" + pem[0]] + pem[1:-1] + [pem[-1] + "`"]
    block(corpus, g, "internal/webhook/key.go", lines, "private-key", "ed25519-go-raw-string")
    pem, _ = K.rsa_pem(rng, 2048, pkcs8=True)
    lines = ['private val PRIVATE_KEY = """'] + ["    " + ln for ln in pem] + ['""".trimIndent()']
    block(corpus, g, "src/main/kotlin/Keys.kt", lines, "private-key", "rsa-pkcs8-kotlin-raw-string")
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("EC PRIVATE KEY", K.ec_sec1_der(d, pub))
    lines = ['private const string SigningKey = @"' + pem[0]] + pem[1:-1] + [pem[-1] + '";']
    block(corpus, g, "Services/Signer.cs", lines, "private-key", "ec-csharp-verbatim")
    priv, _ = K.x25519_keypair(rng)
    _, peer = K.x25519_keypair(rng)
    lines = ["[Interface]", "Address = 10.8.0.2/24", f"PrivateKey = {priv}", "DNS = 10.8.0.1", "", "[Peer]", f"PublicKey = {peer}",
             "Endpoint = vpn.acme.io:51820", "AllowedIPs = 10.8.0.0/24"]
    add(corpus, g, "wg0.conf", lines, True, "wireguard", "wireguard-private-key", marker=priv, category=g)
    arr, _ = K.solana_keypair(rng)
    add(corpus, g, "deploy/id.json", [json.dumps(arr)], True, "solana", "solana-keypair-json", line=1, category=g)
    nsec = F.nostr_nsec(rng)
    add(corpus, g, "bot/.env", ["RELAYS=wss://relay.damus.io,wss://nos.lol", f"NOSTR_NSEC={nsec}"], True, "nostr", "nostr-nsec", marker=nsec, category=g)
    ek = "0x" + rand(rng, HEX, 64)
    lines = ["module.exports = {", "  solidity: '0.8.24',", "  networks: {", "    sepolia: {", "      url: 'https://rpc.sepolia.org',",
             f"      accounts: ['{ek}'],", "    },", "  },", "};"]
    add(corpus, g, "hardhat.config.js", lines, True, "ethereum", "eth-private-key-hardhat", marker=ek, category=g)
    d, pub = K.p256_keypair(rng)
    pem = pem_armor("PRIVATE KEY", K.ec_pkcs8_der(d, pub))
    doc = {"key_id": rand(rng, UPALNUM, 10), "issuer_id": uuid4(rng), "key": "\n".join(pem) + "\n", "in_house": False}
    lines = C.jlines(doc)
    add(corpus, g, "fastlane/api_key.json", lines, True, "apple", "ec-pkcs8-fastlane-json", line=next(i for i, ln in enumerate(lines, 1) if "BEGIN" in ln),
        category=g)
    pem, _ = K.rsa_pem(rng, 2048)
    data = b64(("\n".join(pem) + "\n").encode())
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: api-tls", "type: kubernetes.io/tls", "data:",
             f"  tls.crt: {b64(K.fake_cert_der(rng, 'api.acme.io'))}", f"  tls.key: {data}"]
    add(corpus, g, "k8s/api-tls.yaml", lines, True, "private-key", "rsa-base64-k8s-tls-secret", marker=data, category=g)


def svcaccounts(corpus):
    rng = rng_for("svcaccount")
    g = "svcaccount"
    doc = G.gcp_service_account(rng, "acme-analytics-2291", "terraform")
    lines = ['provider "google" {', '  project     = "acme-analytics-2291"', "  credentials = <<EOF"] + C.jlines(doc) + ["EOF", "}"]
    add(corpus, g, "providers.tf", lines, True, "google", "gcp-sa-terraform-heredoc", line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln),
        category=g)
    doc = G.gcp_service_account(rng, "acme-ml-7730", "vertex-runner")
    lines = ["apiVersion: v1", "kind: Secret", "metadata:", "  name: gcp-sa", "stringData:", "  key.json: |"] + ["    " + ln for ln in C.jlines(doc)]
    add(corpus, g, "k8s/gcp-sa.yaml", lines, True, "google", "gcp-sa-k8s-stringdata", line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln),
        category=g)
    doc = G.gcp_service_account(rng, "acme-app-5e21b", "firebase-adminsdk-" + rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 5))
    lines = C.jlines(doc)
    add(corpus, g, "functions/serviceAccountKey.json", lines, True, "firebase", "firebase-sa-json",
        line=next(i for i, ln in enumerate(lines, 1) if '"private_key"' in ln), category=g)
    key_id = "AKIA" + rand(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)
    secret = F.clean(rng, B64, 40)
    lines = ["User name,Password,Access key ID,Secret access key,Console login link",
             f"ci-deployer,,{key_id},{secret},https://{rng.randrange(10 ** 11, 10 ** 12)}.signin.aws.amazon.com/console"]
    add(corpus, g, "new_user_credentials.csv", lines, True, "aws", "aws-iam-credentials-csv", marker=secret, category=g)
    secret = F.clean(rng, ALNUM, 3) + "8Q~" + F.clean(rng, URLSAFE + ".~", 34)
    lines = ["variables:", f"  ARM_CLIENT_ID: \"{uuid4(rng)}\"", f"  ARM_CLIENT_SECRET: \"{secret}\"", f"  ARM_TENANT_ID: \"{uuid4(rng)}\"",
             f"  ARM_SUBSCRIPTION_ID: \"{uuid4(rng)}\""]
    add(corpus, g, ".gitlab-ci.yml", lines, True, "azure", "azure-sp-gitlab-variables", marker=secret, category=g)
    hmac_secret = F.clean(rng, B64, 40)
    lines = ["[Credentials]", f"gs_access_key_id = GOOG1E{rand(rng, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 55)}", f"gs_secret_access_key = {hmac_secret}"]
    add(corpus, g, ".boto", lines, True, "google", "gcs-hmac-boto", marker=hmac_secret, category=g)
    s = "storagecs"
    key = b64(rbytes(rng, 64))
    lines = C.jlines({"IsEncrypted": False, "Values": {"AzureWebJobsStorage": f"DefaultEndpointsProtocol=https;AccountName=acmefn{rand(rng, LOWALNUM, 6)};AccountKey={key};EndpointSuffix=core.windows.net",
                                                      "FUNCTIONS_WORKER_RUNTIME": "dotnet-isolated"}})
    add(corpus, s, "local.settings.json", lines, True, "azure", "azure-storage-functions", marker=key, category=s)
    key = b64(rbytes(rng, 32))
    add(corpus, s, "appsettings.Production.json", C.jlines({"ServiceBus": {"ConnectionString": f"Endpoint=sb://acme-prod.servicebus.windows.net/;SharedAccessKeyName=RootManageSharedAccessKey;SharedAccessKey={key}"}}),
        True, "azure", "azure-service-bus", marker=key, category=s)
    key = b64(rbytes(rng, 32))
    add(corpus, s, "ingest.env", [f"EVENTHUB_CONNECTION=Endpoint=sb://acme-telemetry.servicebus.windows.net/;SharedAccessKeyName=send;SharedAccessKey={key};EntityPath=events"],
        True, "azure", "azure-event-hubs", marker=key, category=s)
    key = b64(rbytes(rng, 64))
    add(corpus, s, "cosmos.py", [f'COSMOS = "AccountEndpoint=https://acme-docs.documents.azure.com:443/;AccountKey={key};"'], True, "azure", "azure-cosmos-db",
        marker=key, category=s)
    key = b64(rbytes(rng, 32))
    add(corpus, s, "signalr.json", C.jlines({"Azure": {"SignalR": {"ConnectionString": f"Endpoint=https://acme-live.service.signalr.net;AccessKey={key};Version=1.0;"}}}),
        True, "azure", "azure-signalr", marker=key, category=s)
    sec = b64(rbytes(rng, 32))
    add(corpus, s, "appconfig.env", [f"APP_CONFIG_CONNECTION=Endpoint=https://acme-cfg.azconfig.io;Id={rand(rng, ALNUM, 4)}-l0-s0:{rand(rng, ALNUM, 20)};Secret={sec}"],
        True, "azure", "azure-app-configuration", marker=sec, category=s)
    ms = F.clean(rng, ALNUM, 40)
    add(corpus, s, "setup-minio.sh", [f"mc alias set backup https://minio.acme.internal:9000 {F.clean(rng, UPALNUM, 20)} {ms}"], True, "minio", "minio-mc-alias",
        marker=ms, category=s)


# --- (b) negatives -----------------------------------------------------------------------------------------------
def negatives_b(corpus):
    rng = rng_for("negatives-b")

    def neg(group, name, lines, form):
        add(corpus, group, name, lines, False, "none", form, category=group)

    p = "passwords"
    neg(p, "pillar/db.sls", ["db:", "  password: {{ salt['vault'].read_secret('secret/db')['password'] }}"], "ph-pw-reference")
    neg(p, "modules/profile/manifests/db.pp", ["mysql::db { 'shop':", "  user     => 'shop',", "  password => lookup('profile::db::password'),", "}"], "ph-pw-reference")
    neg(p, "hosts/db.nix", ["services.grafana.settings.security.admin_password = \"$__file{${config.sops.secrets.grafana.path}}\";"], "ph-pw-reference")
    neg(p, "stack.yaml", ["MasterUserPassword: '{{resolve:secretsmanager:prod/db:SecretString:password}}'"], "ph-pw-reference")
    neg(p, "template.yaml", ["Parameters:", "  DBPassword:", "    Type: String", "    NoEcho: true", "Resources:", "  Db:", "    Properties:",
                             "      MasterUserPassword: !Ref DBPassword"], "ph-pw-reference")
    neg(p, "Pulumi.prod.yaml", ["config:", "  app:dbPassword:", f"    secure: v1:{b64(rbytes(rng, 12))}:{b64(rbytes(rng, 40))}"], "ph-pw-encrypted")
    neg(p, "secrets.enc.yaml", [f"password: ENC[AES256_GCM,data:{b64(rbytes(rng, 18))},iv:{b64(rbytes(rng, 32))},tag:{b64(rbytes(rng, 16))},type:str]",
                                "sops:", "    version: 3.8.1"], "ph-pw-encrypted")
    neg(p, "sealed-db.yaml", ["apiVersion: bitnami.com/v1alpha1", "kind: SealedSecret", "spec:", "  encryptedData:", f"    password: Ag{b64(rbytes(rng, 300))}"],
        "ph-pw-encrypted")
    neg(p, "azure-pipelines.yml", ["- script: sqlcmd -S sql01 -U deploy -P \"$(sqlPassword)\" -i migrate.sql"], "ph-pw-reference")
    neg(p, "Jenkinsfile", ["environment {", "  DB_PASSWORD = credentials('db-password')", "}"], "ph-pw-reference")
    neg(p, "application.yml", ["spring:", "  datasource:", "    password: ${DB_PASSWORD:}"], "ph-pw-reference")
    neg(p, "appsettings.json", C.jlines({"Db": {"Password": "@Microsoft.KeyVault(SecretUri=https://acme-kv.vault.azure.net/secrets/db-password/)"}}), "ph-pw-reference")
    neg(p, ".env.tpl", ["DB_PASSWORD=op://prod/postgres/password"], "ph-pw-reference")
    neg(p, "prod.postman_environment.json", C.jlines({"values": [{"key": "password", "value": "{{password}}", "enabled": True}]}), "ph-pw-reference")
    neg(p, "docs/config.md", ["```yaml", "smtp:", '  password: "[REDACTED]"', "```"], "ph-pw-masked")
    neg(p, "logs/app.log", ["2025-03-11 09:14:02 INFO connecting to db host=db user=app password=******** sslmode=require"], "ph-pw-masked")
    neg(p, "compose.yaml", ["services:", "  db:", "    image: mysql:8", "    environment:", "      MYSQL_ROOT_PASSWORD_FILE: /run/secrets/db_root",
                            "    secrets: [db_root]"], "ph-pw-reference")
    neg(p, "k8s/deploy.yaml", ["env:", "  - name: DB_PASSWORD", "    valueFrom:", "      secretKeyRef:", "        name: db", "        key: password"], "ph-pw-reference")
    neg(p, "templates/secret.yaml", ["data:", "  password: {{ .Values.auth.password | b64enc | quote }}"], "ph-pw-reference")
    neg(p, "login.sh", ['read -r -s -p "Vault password: " VAULT_PASSWORD', 'export VAULT_PASSWORD'], "ph-pw-reference")
    neg(p, "docs/install.rst", ["Log in with the user ``admin`` and the password printed by ``kubectl logs deploy/app | grep password``."], "ph-pw-word")
    neg(p, "README.md", ["| Setting | Default |", "|---|---|", "| `ADMIN_PASSWORD` | `<set me>` |"], "ph-pw-word")
    bc = "./" + "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
    neg(p, ".htpasswd", ["admin:$apr1$" + "".join(rng.choice(bc) for _ in range(8)) + "$" + "".join(rng.choice(bc) for _ in range(22))], "id-password-hash")
    neg(p, "mysql-users.sql", [f"INSERT INTO mysql.user (Host, User, authentication_string) VALUES ('%', 'app', '*{rand(rng, UHEX, 40)}');"], "id-password-hash")
    neg(p, "fixtures/users.json", C.jlines([{"model": "auth.user", "fields": {"username": "admin", "password": "pbkdf2_sha256$600000$" + rand(rng, ALNUM, 22) + "$"
                                                                             + b64(rbytes(rng, 32))}}]), "id-password-hash")
    neg(p, "shadow.txt", ["deploy:$6$" + "".join(rng.choice(bc) for _ in range(16)) + "$" + "".join(rng.choice(bc) for _ in range(86)) + ":19800:0:99999:7:::"],
        "id-password-hash")
    neg(p, "pg_authid.txt", [f"reporting | SCRAM-SHA-256$4096:{b64(rbytes(rng, 16))}${b64(rbytes(rng, 32))}:{b64(rbytes(rng, 32))}"], "id-password-hash")
    neg(p, "ldap.ldif", ["dn: uid=jdoe,ou=people,dc=acme,dc=io", "userPassword: {SSHA}" + b64(rbytes(rng, 28))], "id-password-hash")
    c = "connstr"
    neg(c, "appsettings.json", C.jlines({"ConnectionStrings": {"Default": "Server=tcp:acme-sql.database.windows.net;Database=orders;Authentication=Active Directory Managed Identity;"}}),
        "ph-conn-nocreds")
    neg(c, ".env", ["DATABASE_URL=postgresql://app@db.acme.internal:5432/app", "PGPASSFILE=/run/secrets/pgpass"], "ph-conn-nocreds")
    neg(c, "src/db.ts", ["const uri = `mongodb+srv://${process.env.MONGO_USER}:${process.env.MONGO_PASS}@cluster0.ab12c.mongodb.net/app`;"], "ph-conn-reference")
    neg(c, "log4j2.xml", ['<JDBC name="db"><DriverManager connectionString="jdbc:postgresql://db/logs" userName="logs" password="${env:LOG_DB_PASSWORD}"/></JDBC>'],
        "ph-conn-reference")
    neg(c, "docs/database.md", ["Use a URL of the form `postgres://user:password@host:5432/dbname`."], "ph-conn-word")
    neg(c, "Web.config", ['<add name="Dev" connectionString="Server=(localdb)\\MSSQLLocalDB;Database=Shop;Integrated Security=true;" />'], "ph-conn-integrated")
    b = "basicauth"
    neg(b, "docs/proxy.md", ["Set `HTTPS_PROXY=http://username:password@proxy.example.com:3128` if you are behind a proxy."], "ph-basic-word")
    neg(b, ".gitlab-ci.yml", ["script:", '  - git clone "https://gitlab-ci-token:${CI_JOB_TOKEN}@gitlab.acme.io/platform/shared.git"'], "ph-basic-reference")
    neg(b, ".yarnrc.yml", ['npmAuthIdent: "${NPM_USER}:${NPM_PASS}"'], "ph-basic-reference")
    neg(b, "docs/api.rst", ["Send ``Authorization: Basic " + b64(b"username:password") + "`` (the Base64 of ``username:password``)."], "ph-basic-word")
    j = "jwt"
    neg(j, "docs/tokens.rst", ["An example token::", "", "    " + G.jwt_io_example(), ""], "ph-jwt-docs-example")
    neg(j, "collection.json", C.jlines({"auth": {"type": "bearer", "bearer": [{"key": "token", "value": "{{accessToken}}"}]}}), "ph-jwt-reference")
    neg(j, "scripts/call.sh", ['TOKEN=$(az account get-access-token --query accessToken -o tsv)', 'curl -H "Authorization: Bearer $TOKEN" https://management.azure.com/subscriptions'],
        "ph-jwt-reference")
    k = "keys"
    neg(k, "docs/keys.rst", [".. code-block:: text", "", "   " + DASH5 + "BEGIN OPENSSH PRIVATE KEY" + DASH5, "   b3BlbnNzaC1rZXktdjEAAAAA...",
                             "   " + DASH5 + "END OPENSSH PRIVATE KEY" + DASH5], "ph-key-elided")
    neg(k, "oci/config", ["[DEFAULT]", f"user=ocid1.user.oc1..aaaa{rand(rng, 'abcdefghijklmnopqrstuvwxyz234567', 56)}", "key_file=~/.oci/oci_api_key.pem",
                          f"fingerprint={':'.join(rand(rng, HEX, 2) for _ in range(16))}", "region=eu-frankfurt-1"], "ph-key-reference")
    neg(k, "tls.tf", ['resource "tls_private_key" "ca" {', '  algorithm = "ECDSA"', '  ecdsa_curve = "P256"', "}"], "ordinary-code")
    neg(k, "fixtures/key.pem", [DASH5 + "BEGIN PRIVATE KEY" + DASH5, "<redacted>", DASH5 + "END PRIVATE KEY" + DASH5], "ph-key-word")
    _, publine = K.openssh_ecdsa(rng, "ci@runner")
    neg(k, ".ssh/authorized_keys", [f'from="10.0.0.0/8",no-agent-forwarding {publine}'], "id-pub-ssh")
    neg(k, "age-recipients.txt", ["# backup recipients", bech32_pub(rng, "age"), bech32_pub(rng, "age")], "id-pub-age")
    neg(k, "nostr.json", C.jlines({"names": {"acme": rand(rng, HEX, 64)}, "relays": {}, "npub": bech32_pub(rng, "npub")}), "id-pub-nostr")
    _, peer = K.x25519_keypair(rng)
    neg(k, "wg0.conf", ["[Interface]", "Address = 10.8.0.1/24", "PostUp = wg set %i private-key /etc/wireguard/%i.key", "", "[Peer]", f"PublicKey = {peer}",
                        "AllowedIPs = 10.8.0.2/32"], "id-pub-wireguard")
    neg(k, "values.yaml", ["tls:", "  ca.crt: |"] + ["    " + ln for ln in pem_armor("CERTIFICATE", K.fake_cert_der(rng, "Acme Root CA"))], "id-pub-certificate")
    neg(k, "jwks.json", C.jlines({"keys": [K.ec_public_jwk(rng, "es256-1")]}), "id-pub-jwks")
    neg(k, "apt/acme.list", [f"deb [signed-by=/usr/share/keyrings/acme.gpg] https://apt.acme.io stable main  # key {rand(rng, UHEX, 40)}"], "id-pub-fingerprint")
    neg(k, "nostr-bot.env", [f"NOSTR_NSEC={F.wrong_bech32(rng, 'nsec')}"], "near-miss-crc")
    s = "svcaccount"
    neg(s, "wif-config.json", C.jlines({"type": "external_account", "audience": "//iam.googleapis.com/projects/123456789/locations/global/workloadIdentityPools/gh/providers/gh",
                                        "subject_token_type": "urn:ietf:params:oauth:token-type:jwt", "token_url": "https://sts.googleapis.com/v1/token",
                                        "credential_source": {"file": "/var/run/secrets/token"}}), "ph-sa-federated")
    neg(s, ".aws/config", ["[profile deploy]", "credential_process = /usr/local/bin/aws-vault export --format=json deploy", "region = eu-west-1"], "ph-sa-reference")
    neg(s, "sa-redacted.json", C.jlines({"type": "service_account", "project_id": "acme-prod", "private_key_id": "REDACTED",
                                         "private_key": DASH5 + "BEGIN PRIVATE KEY" + DASH5 + "\n...\n" + DASH5 + "END PRIVATE KEY" + DASH5 + "\n",
                                         "client_email": "sa@acme-prod.iam.gserviceaccount.com"}), "ph-sa-redacted")
    t = "storagecs"
    neg(t, "local.settings.json", C.jlines({"IsEncrypted": False, "Values": {"AzureWebJobsStorage": "UseDevelopmentStorage=true"}}), "ph-storage-devstorage")
    neg(t, "docs/storage.md", ["`DefaultEndpointsProtocol=https;AccountName=<account-name>;AccountKey=<account-key>;EndpointSuffix=core.windows.net`"], "ph-storage-word")
    neg(t, "appsettings.json", C.jlines({"ServiceBus": {"FullyQualifiedNamespace": "acme-prod.servicebus.windows.net"}}), "ph-storage-nocreds")


def bech32_pub(rng, kind):
    from hcommon import bech32_encode, to5
    return bech32_encode("age" if kind == "age" else "npub", to5(rbytes(rng, 32)))


ORDINARY = [
    ("keychain.swift", ["let query: [String: Any] = [kSecClass as String: kSecClassGenericPassword,", "                            kSecAttrAccount as String: account,",
                        "                            kSecReturnData as String: true]", "SecItemCopyMatching(query as CFDictionary, &item)"]),
    ("password.ml", ["let hash_password pw =", "  Argon2.hash ~t_cost:3 ~m_cost:65536 ~parallelism:4 ~pwd:pw ~salt:(random_salt ()) ()"]),
    ("verify.go", ["token, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) {", "\treturn publicKey, nil", "})"]),
    ("creds.py", ['password = keyring.get_password("acme-cli", username)', "if password is None:", '    password = getpass.getpass()']),
    ("secret.rs", ["use secrecy::{ExposeSecret, SecretString};", "let api_key: SecretString = std::env::var(\"API_KEY\")?.into();",
                   "client.auth(api_key.expose_secret());"]),
    ("Login.java", ["char[] password = console.readPassword(\"Password: \");", "try { authenticate(user, password); }", "finally { Arrays.fill(password, '\\0'); }"]),
    ("random.tf", ['resource "random_password" "db" {', "  length  = 32", "  special = true", "}"]),
    ("templates/_helpers.tpl", ['{{- define "app.secret" -}}', "{{ randAlphaNum 32 | b64enc }}", "{{- end -}}"]),
    ("roles/db/tasks/main.yml", ["- name: generate a password", "  ansible.builtin.set_fact:",
                                 "    db_password: \"{{ lookup('ansible.builtin.password', '/dev/null length=32') }}\""]),
    ("user.rb", ["class User < ApplicationRecord", "  has_secure_password", "  validates :password, length: { minimum: 12 }, allow_nil: true", "end"]),
    ("Billing.cs", ['var apiKey = configuration["Stripe:ApiKey"] ?? throw new InvalidOperationException("Stripe:ApiKey missing");']),
    ("gen-key.sh", ["openssl rand -base64 32 > /etc/app/session.key", "chmod 0400 /etc/app/session.key"]),
    ("schema.sql", ["CREATE TABLE api_keys (", "  id uuid PRIMARY KEY,", "  key_prefix char(8) NOT NULL,", "  key_hash char(64) NOT NULL,", "  created_at timestamptz NOT NULL", ");"]),
    ("validate.js", ["const LIVE_KEY = /^sk_live_[A-Za-z0-9]{24,99}$/;", "export const isLiveKey = (k) => LIVE_KEY.test(k);"]),
    ("redact.py", ['SECRET_FIELDS = {"password", "token", "api_key", "secret"}', "def redact(d):",
                   '    return {k: ("***" if k in SECRET_FIELDS else v) for k, v in d.items()}']),
]


def ordinary(corpus):
    for name, lines in ORDINARY:
        add(corpus, "ordinary", name, lines, False, "none", "ordinary-code", category="ordinary")


def main():
    generate_main(__doc__, "/work/scratch/heldout11", [providers, near_misses, placeholders, identifiers, passwords, connstrings, basicauth, jwts,
                                                       keyfiles, svcaccounts, negatives_b, ordinary])


if __name__ == "__main__":
    main()
