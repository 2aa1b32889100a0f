"""Token formats of the seventh held-out corpus, written from providers' public documentation of their
key shapes as I know it, blind to vaultsweep's rules (`patterns/` and `src/` were not opened while
this file was written) and to other scanners' rule and test files. Every provider is outside the
lists heldouts 1-6 used.

PREFIXED rows: (id, category, display name, env var, API host, spec, fixed)
LONGTAIL rows: (id, category, display name, env var, API host, spec)
A spec is benches/heldout/hcommon.gen_spec's ({h32}, {a40}, {s43}, {uuid}, ...) plus two codes added
here ({B96}: upper-case base32, {z32}: lower-case base32), or a named special registered below.
`fixed` says the documented length is fixed, so one character more or less is a near miss.
"""

import base64
import json
import zlib

from hcommon import (ALNUM, HEX, SPEC_ALPHABETS, UPPER, LOWER, b64url_nopad, rand, rbytes, special,
                     uuid4)

B32U = UPPER + "234567"
B32L = LOWER + "234567"
SPEC_ALPHABETS.setdefault("B", B32U)
SPEC_ALPHABETS.setdefault("z", B32L)


def jwt(rng, header, payload, sig_bytes):
    h = b64url_nopad(json.dumps(header, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps(payload, separators=(",", ":")).encode())
    return f"{h}.{p}.{b64url_nopad(rbytes(rng, sig_bytes))}"


def sanctum_from(ident, entropy):
    """Laravel Sanctum 4 plain-text tokens: '<token id>|' + Str::random(40) + crc32b(entropy) in hex."""
    return f"{ident}|{entropy}{zlib.crc32(entropy.encode()) & 0xFFFFFFFF:08x}"


@special("sanctum")
def sanctum_token(rng):
    return sanctum_from(rng.randrange(2, 9999), rand(rng, ALNUM, 40))


@special("turso")
def turso_token(rng):
    """Turso / libSQL database tokens: EdDSA JWTs with an access claim and a database id."""
    return jwt(rng, {"alg": "EdDSA", "typ": "JWT"},
               {"a": "rw", "iat": rng.randrange(1700000000, 1760000000), "id": uuid4(rng)}, 64)


# the audience is Lemon Squeezy's public API client id, not a secret
LS_AUDIENCE = "-".join(["94d59cef", "dbb8", "4ea5", "b178", "d2540fcd6919"])


@special("lemonsqueezy")
def lemonsqueezy_token(rng):
    """Lemon Squeezy API keys: RS256 JWTs whose audience is Lemon Squeezy's API client."""
    iat = rng.randrange(1700000000, 1760000000)
    return jwt(rng, {"typ": "JWT", "alg": "RS256"},
               {"aud": LS_AUDIENCE, "jti": rand(rng, HEX, 80), "iat": iat,
                "nbf": iat, "exp": iat + 31536000 * 3, "sub": str(rng.randrange(100000, 9999999)), "scopes": []}, 256)


@special("prisma")
def prisma_accelerate(rng):
    """Prisma Accelerate connection strings: prisma:// URL whose api_key is an HS256 JWT."""
    key = jwt(rng, {"alg": "HS256", "typ": "JWT"},
              {"api_key": uuid4(rng), "tenant_id": rand(rng, HEX, 64), "internal_secret": uuid4(rng)}, 32)
    return "prisma://accelerate.prisma-data.net/?api_key=" + key


@special("miro")
def miro_token(rng):
    """Miro REST tokens: base64url of the origin region document, '_', then 27 URL-safe characters."""
    origin = b64url_nopad(json.dumps({"miro.origin": rng.choice(["eu01", "us01"])}, separators=(",", ":")).encode())
    return origin + "_" + rand(rng, ALNUM + "-_", 27)


@special("klarna")
def klarna_key(rng):
    """Klarna API keys: 'klarna_live_api_' + base64 of '<credential id>,<uuid>,1,<secret>' (no padding)."""
    raw = f"{rand(rng, ALNUM, 32)},{uuid4(rng)},1,{base64.b64encode(rbytes(rng, 32)).decode()}"
    return "klarna_live_api_" + base64.b64encode(raw.encode()).decode().rstrip("=")


PREFIXED = [
    ("zuplo", "gateway", "Zuplo", "ZUPLO_API_KEY", "api.zuplo.com", "zpka_{h32}_{h8}", True),
    ("pangea", "security", "Pangea", "PANGEA_TOKEN", "aws.us.pangea.cloud", "pts_{z32}", True),
    ("nightfall", "security", "Nightfall", "NIGHTFALL_API_KEY", "api.nightfall.ai", "NF-{a32}", True),
    ("stackhawk", "security", "StackHawk", "HAWK_API_KEY", "api.stackhawk.com", "hawk.{a20}.{a20}", True),
    ("dependency-track", "security", "Dependency-Track", "DTRACK_API_KEY", "dtrack.acme.io", "odt_{a32}", True),
    ("sanctum", "framework", "Laravel Sanctum", "SANCTUM_TOKEN", "app.acme.io", "{sanctum}", True),
    ("inngest", "cicd", "Inngest", "INNGEST_SIGNING_KEY", "api.inngest.com", "signkey-prod-{h64}", True),
    ("typeform", "forms", "Typeform", "TYPEFORM_TOKEN", "api.typeform.com", "tfp_{a44}_{a14}", False),
    ("pinterest", "social", "Pinterest", "PINTEREST_ACCESS_TOKEN", "api.pinterest.com", "pina_{B96}", False),
    ("sumup", "payment", "SumUp", "SUMUP_API_KEY", "api.sumup.com", "sup_sk_{a32}", False),
    ("klarna", "payment", "Klarna", "KLARNA_API_KEY", "api.klarna.com", "{klarna}", False),
    ("brex", "finance", "Brex", "BREX_API_TOKEN", "platform.brexapis.com", "bxt_{a40}", False),
    ("mercury", "finance", "Mercury", "MERCURY_API_TOKEN", "api.mercury.com",
     "secret-token:mercury_production_wma_{a43}_yrucrem", False),
    ("miro", "productivity", "Miro", "MIRO_ACCESS_TOKEN", "api.miro.com", "{miro}", False),
    ("prisma", "database", "Prisma Accelerate", "DATABASE_URL", "accelerate.prisma-data.net", "{prisma}", False),
    ("turso", "database", "Turso", "TURSO_AUTH_TOKEN", "acme-db.turso.io", "{turso}", False),
    ("appwrite", "backend", "Appwrite", "APPWRITE_API_KEY", "cloud.appwrite.io", "standard_{h256}", False),
    ("lemonsqueezy", "payment", "Lemon Squeezy", "LEMONSQUEEZY_API_KEY", "api.lemonsqueezy.com", "{lemonsqueezy}", False),
]

LONGTAIL = [
    # threat intelligence / security tooling
    ("greynoise", "security", "GreyNoise", "GREYNOISE_API_KEY", "api.greynoise.io", "{a64}"),
    ("intelx", "security", "Intelligence X", "INTELX_API_KEY", "2.intelx.io", "{uuid}"),
    ("leakix", "security", "LeakIX", "LEAKIX_API_KEY", "leakix.net", "{a48}"),
    ("fullhunt", "security", "FullHunt", "FULLHUNT_API_KEY", "fullhunt.io", "{uuid}"),
    ("zoomeye", "security", "ZoomEye", "ZOOMEYE_API_KEY", "api.zoomeye.ai", "{UUID}"),
    ("criminalip", "security", "Criminal IP", "CRIMINALIP_API_KEY", "api.criminalip.io", "{a60}"),
    ("pulsedive", "security", "Pulsedive", "PULSEDIVE_API_KEY", "pulsedive.com", "{h64}"),
    ("dehashed", "security", "DeHashed", "DEHASHED_API_KEY", "api.dehashed.com", "{a32}"),
    ("abusech", "security", "abuse.ch", "ABUSECH_AUTH_KEY", "mb-api.abuse.ch", "{h48}"),
    ("crowdstrike", "security", "CrowdStrike Falcon", "FALCON_CLIENT_SECRET", "api.crowdstrike.com", "{a40}"),
    ("sentinelone", "security", "SentinelOne", "SENTINELONE_API_TOKEN", "usea1.sentinelone.net", "{a80}"),
    ("tenable", "security", "Tenable", "TENABLE_SECRET_KEY", "cloud.tenable.com", "{h64}"),
    ("rapid7", "security", "Rapid7 InsightIDR", "RAPID7_API_KEY", "us.api.insight.rapid7.com", "{uuid}"),
    ("wiz", "security", "Wiz", "WIZ_CLIENT_SECRET", "auth.app.wiz.io", "{a64}"),
    ("lacework", "security", "Lacework", "LACEWORK_API_SECRET", "acme.lacework.net", "_{h32}"),
    ("sysdig", "security", "Sysdig Secure", "SYSDIG_SECURE_API_TOKEN", "secure.sysdig.com", "{uuid}"),
    ("defectdojo", "security", "DefectDojo", "DEFECTDOJO_API_KEY", "defectdojo.acme.io", "{h40}"),
    # network gear / DNS / certificates
    ("meraki", "network", "Cisco Meraki", "MERAKI_DASHBOARD_API_KEY", "api.meraki.com", "{h40}"),
    ("fortigate", "network", "FortiGate", "FORTIGATE_API_TOKEN", "fw01.acme.io", "{a30}"),
    ("namecheap", "dns", "Namecheap", "NAMECHEAP_API_KEY", "api.namecheap.com", "{h32}"),
    ("gandi", "dns", "Gandi", "GANDI_API_KEY", "api.gandi.net", "{a24}"),
    ("duckdns", "dns", "Duck DNS", "DUCKDNS_TOKEN", "www.duckdns.org", "{uuid}"),
    ("desec", "dns", "deSEC", "DESEC_TOKEN", "desec.io", "{s28}"),
    ("zerossl", "dns", "ZeroSSL", "ZEROSSL_API_KEY", "api.zerossl.com", "{h32}"),
    # monitoring / product analytics / attribution
    ("pingdom", "monitoring", "Pingdom", "PINGDOM_API_TOKEN", "api.pingdom.com", "{s64}"),
    ("heap", "analytics", "Heap", "HEAP_API_KEY", "heapanalytics.com", "{h32}"),
    ("hotjar", "analytics", "Hotjar", "HOTJAR_CLIENT_SECRET", "api.hotjar.io", "{a64}"),
    ("mparticle", "analytics", "mParticle", "MPARTICLE_API_SECRET", "s2s.mparticle.com", "{s64}"),
    ("smartlook", "analytics", "Smartlook", "SMARTLOOK_API_TOKEN", "api.smartlook.cloud", "{h40}"),
    ("mouseflow", "analytics", "Mouseflow", "MOUSEFLOW_API_KEY", "api-eu.mouseflow.com", "{h32}"),
    ("vwo", "analytics", "VWO", "VWO_API_TOKEN", "app.vwo.com", "{h64}"),
    ("kochava", "analytics", "Kochava", "KOCHAVA_API_KEY", "reporting.api.kochava.com", "{UUID}"),
    ("singular", "analytics", "Singular", "SINGULAR_API_KEY", "api.singular.net", "{a32}"),
    ("adjust", "analytics", "Adjust", "ADJUST_API_TOKEN", "automate.adjust.com", "{s20}"),
    ("hightouch", "analytics", "Hightouch", "HIGHTOUCH_API_KEY", "api.hightouch.com", "{uuid}"),
    # messaging / outreach / newsletters
    ("kaleyra", "sms", "Kaleyra", "KALEYRA_API_KEY", "api.kaleyra.io", "A{h32}"),
    ("gupshup", "sms", "Gupshup", "GUPSHUP_API_KEY", "api.gupshup.io", "{l32}"),
    ("textlocal", "sms", "Textlocal", "TEXTLOCAL_API_KEY", "api.txtlocal.com", "{a40}"),
    ("clickatell", "sms", "Clickatell", "CLICKATELL_API_KEY", "platform.clickatell.com", "{s24}"),
    ("beehiiv", "email", "beehiiv", "BEEHIIV_API_KEY", "api.beehiiv.com", "{a64}"),
    ("lemlist", "email", "lemlist", "LEMLIST_API_KEY", "api.lemlist.com", "{h32}"),
    ("smartlead", "email", "Smartlead", "SMARTLEAD_API_KEY", "server.smartlead.ai", "{uuid}_{a6}"),
    ("proxycurl", "crm", "Proxycurl", "PROXYCURL_API_KEY", "nubela.co", "{s22}"),
    # video / commerce / crypto exchanges / package hosts
    ("mux", "video", "Mux", "MUX_TOKEN_SECRET", "api.mux.com", "{b75}"),
    ("printful", "ecommerce", "Printful", "PRINTFUL_API_KEY", "api.printful.com", "{a40}"),
    ("deribit", "crypto", "Deribit", "DERIBIT_CLIENT_SECRET", "www.deribit.com", "{s43}"),
    ("bitmart", "crypto", "BitMart", "BITMART_API_SECRET", "api-cloud.bitmart.com", "{h64}"),
    ("htx", "crypto", "HTX", "HTX_SECRET_KEY", "api.huobi.pro", "{h8}-{h8}-{h8}-{h5}"),
    ("ansible-galaxy", "cicd", "Ansible Galaxy", "ANSIBLE_GALAXY_TOKEN", "galaxy.ansible.com", "{h40}"),
    ("hexpm", "cicd", "Hex", "HEX_API_KEY", "hex.pm", "{h32}"),
]
