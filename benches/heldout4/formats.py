"""Token formats of the fourth held-out corpus, written from each provider's documentation of its
key shape (as I remember and read it), not from vaultsweep's rules: `patterns/` and `src/detect`
were not opened while this file was written. Categories the first three corpora used little: CI/CD,
observability, CRM, marketing, payments, shipping, e-signature, HR, search, CDN/DNS, storage,
AI/ML, crypto exchanges, IoT, maps, messaging, video, translation, finance data.

A spec is literal text with segments {CODE N} drawn from an alphabet (ALPHA), {uuid} / {UUID},
or the name of a special generator. A row is
    (id, category, display name, env var, API host, spec, fixed)
`fixed` says the documented length is fixed, so a copy one character short or long is a near
miss rather than another valid key. LONGTAIL rows have no `fixed` (their hex / UUID bodies are
fixed by construction and get near misses of their own).
"""

import base64
import re
import string

from hcommon import ALNUM, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, BASE62, crc32_base62, rand, rbytes, uuid4

B64 = ALNUM + "+/"
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64,
         "d": string.digits, "L": string.ascii_lowercase, "U": string.ascii_uppercase,
         "z": string.ascii_lowercase + "234567", "m": BASE58}
SEG = re.compile(r"\{([A-Za-z])(\d+)\}|\{(uuid|UUID)\}")


def parse(spec):
    """'wg_{h32}' -> ['wg_', ('h', 32)]; '{uuid}' -> [('uuid', 36)]"""
    out, pos = [], 0
    for m in SEG.finditer(spec):
        if m.start() > pos:
            out.append(spec[pos:m.start()])
        out.append((m.group(3), 36) if m.group(3) else (m.group(1), int(m.group(2))))
        pos = m.end()
    if pos < len(spec):
        out.append(spec[pos:])
    return out


def draw(rng, seg):
    code, n = seg
    if code == "uuid":
        return uuid4(rng)
    if code == "UUID":
        return uuid4(rng, upper=True)
    return rand(rng, ALPHA[code], n)


def fill(rng, segs):
    return [s if isinstance(s, str) else draw(rng, s) for s in segs]


def make(rng, spec):
    if spec in SPECIAL:
        return SPECIAL[spec](rng)
    return "".join(fill(rng, parse(spec)))


# --- structured tokens (built, not drawn) ---------------------------------------------------------
def matrix(rng):
    """Synapse access token: syt_<base64 localpart>_<20 random>_<CRC32 base62, 6>."""
    user = rng.choice(["alice", "deploybot", "ops-relay", "bridge"])
    local = base64.b64encode(user.encode()).decode().rstrip("=")
    body = f"syt_{local}_{rand(rng, ALNUM, 20)}"
    return body + "_" + crc32_base62(body)


def braintree(rng):
    return f"access_token$production${rand(rng, LOWALNUM, 16)}${rand(rng, HEX, 32)}"


def mercadopago(rng):
    return (f"APP_USR-{rand(rng, string.digits, 16)}-{rand(rng, string.digits, 6)}-{rand(rng, HEX, 32)}"
            f"-{rand(rng, string.digits, 9)}")


def akamai(rng):
    return f"akab-{rand(rng, LOWALNUM, 16)}-{rand(rng, LOWALNUM, 16)}"


def github_pat(rng):
    return f"github_pat_11{rand(rng, UPALNUM, 20)}_{rand(rng, ALNUM, 59)}"


def hcp_tfc(rng):
    return f"{rand(rng, ALNUM, 14)}.atlasv1.{rand(rng, ALNUM, 67)}"


def ors(rng):
    return "5b3ce3597851110001cf6248" + rand(rng, HEX, 32)


def gcs_hmac(rng):
    return "GOOG1E" + rand(rng, UPALNUM, 55)


def salesloft(rng):
    return f"v2_ak_{rng.randrange(10000, 999999)}_{rand(rng, HEX, 64)}"


def nowpayments(rng):
    return "-".join(rand(rng, UPALNUM, 7) for _ in range(4))


def fal(rng):
    return f"{uuid4(rng)}:{rand(rng, HEX, 32)}"


def baseten(rng):
    return f"{rand(rng, ALNUM, 8)}.{rand(rng, ALNUM, 32)}"


def godaddy(rng):
    return f"{rand(rng, ALNUM, 12)}_{rand(rng, ALNUM, 22)}:{rand(rng, ALNUM, 22)}"


def slack_webhook(rng):
    return (f"https://hooks.slack.com/services/T{rand(rng, UPALNUM, 10)}/B{rand(rng, UPALNUM, 10)}/"
            f"{rand(rng, ALNUM, 24)}")


def dropbox(rng):
    return "sl.u." + rand(rng, URLSAFE, 150)


def jwt_like(rng, iss):
    def seg(d):
        return base64.urlsafe_b64encode(d.encode()).decode().rstrip("=")
    head = seg('{"alg":"HS256","typ":"JWT"}')
    body = seg('{"iss":"%s","sub":"%s","iat":%d}' % (iss, rand(rng, LOWALNUM, 12), 1760000000 + rng.randrange(10**6)))
    return f"{head}.{body}.{base64.urlsafe_b64encode(rbytes(rng, 32)).decode().rstrip('=')}"


def moralis(rng):
    return jwt_like(rng, "moralis")


def homeassistant(rng):
    return jwt_like(rng, rand(rng, HEX, 32))


SPECIAL = {"matrix": matrix, "braintree": braintree, "mercadopago": mercadopago, "akamai": akamai,
           "github_pat": github_pat, "hcp_tfc": hcp_tfc, "ors": ors, "gcs_hmac": gcs_hmac, "salesloft": salesloft,
           "nowpayments": nowpayments, "fal": fal, "baseten": baseten, "godaddy": godaddy,
           "slack_webhook": slack_webhook, "dropbox": dropbox, "moralis": moralis, "homeassistant": homeassistant}

# Formats with a documented prefix (or inner structure) that identifies the provider by itself.
PREFIXED = [
    # IoT
    ("adafruit-io", "iot", "Adafruit IO", "ADAFRUIT_IO_KEY", "io.adafruit.com", "aio_{a28}", True),
    ("ubidots", "iot", "Ubidots", "UBIDOTS_TOKEN", "industrial.api.ubidots.com", "BBFF-{a30}", True),
    # translation
    ("weglot", "translation", "Weglot", "WEGLOT_API_KEY", "api.weglot.com", "wg_{h32}", True),
    ("tolgee", "translation", "Tolgee", "TOLGEE_API_KEY", "app.tolgee.io", "tgpak_{z40}", False),
    # messaging
    ("matrix", "messaging", "Matrix", "MATRIX_ACCESS_TOKEN", "matrix.acme.io", "matrix", False),
    ("slack-bot", "messaging", "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d13}-{d13}-{a24}", True),
    ("slack-webhook", "messaging", "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com", "slack_webhook", False),
    ("twilio-apikey", "messaging", "Twilio", "TWILIO_API_KEY", "api.twilio.com", "SK{h32}", True),
    # payments
    ("braintree", "payment", "Braintree", "BRAINTREE_ACCESS_TOKEN", "api.braintreegateway.com", "braintree", False),
    ("mercadopago", "payment", "Mercado Pago", "MP_ACCESS_TOKEN", "api.mercadopago.com", "mercadopago", False),
    ("checkout", "payment", "Checkout.com", "CKO_SECRET_KEY", "api.sandbox.checkout.com", "sk_sbox_{z26}", True),
    ("stripe-restricted", "payment", "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_51{a97}", False),
    ("teller", "finance", "Teller", "TELLER_ACCESS_TOKEN", "api.teller.io", "token_{z26}", True),
    # CDN / DNS
    ("porkbun", "dns", "Porkbun", "PORKBUN_SECRET_API_KEY", "api.porkbun.com", "sk1_{h64}", True),
    ("porkbun-key", "dns", "Porkbun", "PORKBUN_API_KEY", "api.porkbun.com", "pk1_{h64}", True),
    ("akamai", "cdn", "Akamai", "AKAMAI_CLIENT_TOKEN", "akab-acme.luna.akamaiapis.net", "akamai", False),
    ("netlify", "cdn", "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a40}", True),
    ("dnsimple", "dns", "DNSimple", "DNSIMPLE_TOKEN", "api.dnsimple.com", "dnsimple_a_{a32}", False),
    # storage
    ("gcs-hmac", "storage", "Google Cloud Storage", "GCS_HMAC_ACCESS_ID", "storage.googleapis.com", "gcs_hmac", False),
    ("tigris", "storage", "Tigris", "TIGRIS_SECRET_ACCESS_KEY", "fly.storage.tigris.dev", "tsec_{s43}", False),
    ("dropbox", "storage", "Dropbox", "DROPBOX_ACCESS_TOKEN", "api.dropboxapi.com", "dropbox", False),
    # AI / ML
    ("together", "ai", "Together AI", "TOGETHER_API_KEY", "api.together.xyz", "tgp_v1_{s43}", True),
    ("runpod", "ai", "RunPod", "RUNPOD_API_KEY", "api.runpod.io", "rpa_{u44}", False),
    ("scale", "ai", "Scale AI", "SCALE_API_KEY", "api.scale.com", "live_{h32}", True),
    ("anthropic", "ai", "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", True),
    # crypto exchanges
    ("bitget", "crypto", "Bitget", "BITGET_API_KEY", "api.bitget.com", "bg_{h32}", True),
    # CI/CD and developer tools
    ("github-fine", "cicd", "GitHub", "GH_PAT", "api.github.com", "github_pat", False),
    ("terraform-cloud", "cicd", "HCP Terraform", "TFE_TOKEN", "app.terraform.io", "hcp_tfc", False),
    ("linear", "cicd", "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", True),
    ("postman", "cicd", "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", True),
    ("doppler", "cicd", "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.st.prd.{a43}", False),
    ("google-oauth", "cicd", "Google OAuth", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "GOCSPX-{s28}", True),
    ("shopify", "crm", "Shopify", "SHOPIFY_ADMIN_TOKEN", "acme.myshopify.com", "shpat_{h32}", True),
    # CRM / sales
    ("salesloft", "crm", "Salesloft", "SALESLOFT_API_KEY", "api.salesloft.com", "salesloft", False),
    # maps
    ("openrouteservice", "maps", "openrouteservice", "ORS_API_KEY", "api.openrouteservice.org", "ors", False),
    ("google-maps", "maps", "Google Maps", "GOOGLE_MAPS_API_KEY", "maps.googleapis.com", "AIza{s35}", True),
]

# Services whose keys carry no prefix: only the name, variable or host nearby tells them apart.
LONGTAIL = [
    # CI/CD
    ("semaphore", "cicd", "Semaphore", "SEMAPHORE_API_TOKEN", "acme.semaphoreci.com", "{a20}"),
    ("appveyor", "cicd", "AppVeyor", "APPVEYOR_API_TOKEN", "ci.appveyor.com", "{a20}"),
    ("codefresh", "cicd", "Codefresh", "CF_API_KEY", "g.codefresh.io", "{h24}.{h32}"),
    ("snyk", "cicd", "Snyk", "SNYK_TOKEN", "api.snyk.io", "{uuid}"),
    ("semgrep", "cicd", "Semgrep", "SEMGREP_APP_TOKEN", "semgrep.dev", "{h64}"),
    ("expo", "cicd", "Expo", "EXPO_TOKEN", "api.expo.dev", "{s40}"),
    # observability
    ("pagerduty", "monitoring", "PagerDuty", "PAGERDUTY_API_KEY", "api.pagerduty.com", "{s20}"),
    ("pagerduty-routing", "monitoring", "PagerDuty", "PAGERDUTY_ROUTING_KEY", "events.pagerduty.com", "{h32}"),
    ("opsgenie", "monitoring", "Opsgenie", "OPSGENIE_API_KEY", "api.opsgenie.com", "{uuid}"),
    ("statuspage", "monitoring", "Statuspage", "STATUSPAGE_API_KEY", "api.statuspage.io", "{uuid}"),
    ("lightstep", "monitoring", "Lightstep", "LIGHTSTEP_ACCESS_TOKEN", "ingest.lightstep.com", "{a84}"),
    ("datadog", "monitoring", "Datadog", "DD_API_KEY", "api.datadoghq.eu", "{h32}"),
    ("datadog-app", "monitoring", "Datadog", "DD_APP_KEY", "api.datadoghq.eu", "{h40}"),
    # CRM / support
    ("zendesk", "crm", "Zendesk", "ZENDESK_API_TOKEN", "acme.zendesk.com", "{a40}"),
    ("helpscout", "crm", "Help Scout", "HELPSCOUT_APP_SECRET", "api.helpscout.net", "{a32}"),
    ("attio", "crm", "Attio", "ATTIO_API_KEY", "api.attio.com", "{h64}"),
    # marketing
    ("postmark", "marketing", "Postmark", "POSTMARK_SERVER_TOKEN", "api.postmarkapp.com", "{uuid}"),
    ("sendpulse", "marketing", "SendPulse", "SENDPULSE_CLIENT_SECRET", "api.sendpulse.com", "{h32}"),
    ("campaignmonitor", "marketing", "Campaign Monitor", "CAMPAIGN_MONITOR_API_KEY", "api.createsend.com", "{b88}"),
    # payments / finance
    ("nowpayments", "payment", "NOWPayments", "NOWPAYMENTS_API_KEY", "api.nowpayments.io", "nowpayments"),
    ("tink", "finance", "Tink", "TINK_CLIENT_SECRET", "api.tink.com", "{h32}"),
    ("benzinga", "finance", "Benzinga", "BENZINGA_API_KEY", "api.benzinga.com", "{h32}"),
    ("tradier", "finance", "Tradier", "TRADIER_ACCESS_TOKEN", "api.tradier.com", "{a28}"),
    ("alpaca", "finance", "Alpaca", "APCA_API_SECRET_KEY", "api.alpaca.markets", "{a40}"),
    # shipping
    ("easypost", "shipping", "EasyPost", "EASYPOST_API_KEY", "api.easypost.com", "EZAK{a54}"),
    ("sendcloud", "shipping", "Sendcloud", "SENDCLOUD_SECRET_KEY", "panel.sendcloud.sc", "{h32}"),
    ("shipbob", "shipping", "ShipBob", "SHIPBOB_PAT", "api.shipbob.com", "{H64}"),
    # e-signature
    ("docusign", "esign", "DocuSign", "DOCUSIGN_SECRET_KEY", "account-d.docusign.com", "{uuid}"),
    ("yousign", "esign", "Yousign", "YOUSIGN_API_KEY", "api.yousign.app", "{a32}"),
    ("boldsign", "esign", "BoldSign", "BOLDSIGN_API_KEY", "api.boldsign.com", "{b44}"),
    # HR
    ("bamboohr", "hr", "BambooHR", "BAMBOOHR_API_KEY", "api.bamboohr.com", "{h40}"),
    ("workable", "hr", "Workable", "WORKABLE_API_TOKEN", "acme.workable.com", "{h64}"),
    ("greenhouse", "hr", "Greenhouse", "GREENHOUSE_HARVEST_KEY", "harvest.greenhouse.io", "{h32}"),
    ("lever", "hr", "Lever", "LEVER_API_KEY", "api.lever.co", "{s48}"),
    ("gusto", "hr", "Gusto", "GUSTO_CLIENT_SECRET", "api.gusto.com", "{s43}"),
    # search
    ("algolia", "search", "Algolia", "ALGOLIA_ADMIN_KEY", "acme-dsn.algolia.net", "{h32}"),
    # CDN / DNS
    ("fastly", "cdn", "Fastly", "FASTLY_API_TOKEN", "api.fastly.com", "{s32}"),
    ("bunny", "cdn", "Bunny", "BUNNY_API_KEY", "api.bunny.net", "{uuid}"),
    ("ns1", "dns", "NS1", "NS1_APIKEY", "api.nsone.net", "{a20}"),
    ("linode", "cdn", "Linode", "LINODE_TOKEN", "api.linode.com", "{h64}"),
    ("godaddy", "dns", "GoDaddy", "GODADDY_API_KEY", "api.godaddy.com", "godaddy"),
    # storage
    ("wasabi", "storage", "Wasabi", "WASABI_SECRET_KEY", "s3.wasabisys.com", "{b40}"),
    # AI / ML
    ("mistral", "ai", "Mistral AI", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}"),
    ("cohere", "ai", "Cohere", "COHERE_API_KEY", "api.cohere.com", "{a40}"),
    ("fal", "ai", "fal", "FAL_KEY", "fal.run", "fal"),
    ("baseten", "ai", "Baseten", "BASETEN_API_KEY", "app.baseten.co", "baseten"),
    ("vastai", "ai", "Vast.ai", "VAST_API_KEY", "console.vast.ai", "{h64}"),
    ("sambanova", "ai", "SambaNova", "SAMBANOVA_API_KEY", "api.sambanova.ai", "{uuid}"),
    ("qdrant", "ai", "Qdrant", "QDRANT_API_KEY", "acme.cloud.qdrant.io", "{s48}"),
    # crypto exchanges / web3
    ("bybit", "crypto", "Bybit", "BYBIT_API_SECRET", "api.bybit.com", "{a36}"),
    ("gateio", "crypto", "Gate.io", "GATE_API_SECRET", "api.gateio.ws", "{h64}"),
    ("bitvavo", "crypto", "Bitvavo", "BITVAVO_API_SECRET", "api.bitvavo.com", "{h128}"),
    ("bitmex", "crypto", "BitMEX", "BITMEX_API_SECRET", "www.bitmex.com", "{s48}"),
    ("moralis", "crypto", "Moralis", "MORALIS_API_KEY", "deep-index.moralis.io", "moralis"),
    # IoT
    ("particle", "iot", "Particle", "PARTICLE_ACCESS_TOKEN", "api.particle.io", "{h40}"),
    ("blynk", "iot", "Blynk", "BLYNK_AUTH_TOKEN", "blynk.cloud", "{s32}"),
    ("thingspeak", "iot", "ThingSpeak", "THINGSPEAK_WRITE_KEY", "api.thingspeak.com", "{u16}"),
    ("tuya", "iot", "Tuya", "TUYA_ACCESS_SECRET", "openapi.tuyaeu.com", "{h32}"),
    ("smartthings", "iot", "SmartThings", "SMARTTHINGS_TOKEN", "api.smartthings.com", "{uuid}"),
    ("homeassistant", "iot", "Home Assistant", "HASS_TOKEN", "homeassistant.local:8123", "homeassistant"),  # vaultsweep:allow (a host, not a token)
    # maps
    ("jawg", "maps", "Jawg", "JAWG_ACCESS_TOKEN", "tile.jawg.io", "{a64}"),
    # messaging
    ("livekit", "messaging", "LiveKit", "LIVEKIT_API_SECRET", "acme.livekit.cloud", "{a43}"),
    ("crisp", "messaging", "Crisp", "CRISP_TOKEN_KEY", "api.crisp.chat", "{h64}"),
    # video
    ("apivideo", "video", "api.video", "APIVIDEO_API_KEY", "ws.api.video", "{a43}"),
    ("zoom", "video", "Zoom", "ZOOM_CLIENT_SECRET", "zoom.us", "{a32}"),
    ("brightcove", "video", "Brightcove", "BRIGHTCOVE_CLIENT_SECRET", "oauth.brightcove.com", "{s86}"),
    # translation
    ("smartling", "translation", "Smartling", "SMARTLING_USER_SECRET", "api.smartling.com", "{s53}"),
    ("modernmt", "translation", "ModernMT", "MMT_API_KEY", "api.modernmt.com", "{UUID}"),
]

BY_ID = {r[0]: r for r in PREFIXED}
BY_ID.update({r[0]: r for r in LONGTAIL})
