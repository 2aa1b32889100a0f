"""Token formats of the sixth held-out corpus, written from providers' public documentation of their
key shapes as I know it, blind to vaultsweep's rules (`patterns/` and `src/` were not opened while
this file was written). Providers were chosen outside the lists heldouts 1-5 used.

PREFIXED rows: (id, category, display name, env var, API host, spec, fixed)
LONGTAIL rows: (id, category, display name, env var, API host, spec)
A spec is benches/heldout/hcommon.gen_spec's ({h32}, {a40}, {s43}, {uuid}, ...) or a named special
registered below. `fixed` says the documented length is fixed, so one character more or less is a
near miss.
"""

import base64
import json

from hcommon import ALNUM, HEX, URLSAFE, DIGITS, b64url_nopad, rand, rbytes, special, uuid4


def _jwt(rng, header, payload, sig_bytes):
    h = b64url_nopad(json.dumps(header, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps(payload, separators=(",", ":")).encode())
    return f"{h}.{p}.{b64url_nopad(rbytes(rng, sig_bytes))}"


@special("monday")
def monday_token(rng):
    """monday.com personal API tokens are HS256 JWTs with tid/aai/uid/iad/per claims."""
    return _jwt(rng, {"alg": "HS256"},
                {"tid": rng.randrange(300000000, 499999999), "aai": 11, "uid": rng.randrange(10000000, 69999999),
                 "iad": f"2025-0{rng.randrange(1, 9)}-1{rng.randrange(0, 9)}T0{rng.randrange(0, 9)}:14:22.000Z",
                 "per": "me:write", "actid": rng.randrange(1000000, 29999999), "rgn": "use1"}, 32)


@special("calendly")
def calendly_token(rng):
    """Calendly personal access tokens: ES512 JWTs issued by auth.calendly.com."""
    return _jwt(rng, {"kid": rand(rng, HEX, 8), "typ": "PAT", "alg": "ES512"},
                {"iss": "https://auth.calendly.com", "iat": rng.randrange(1700000000, 1760000000),
                 "jti": uuid4(rng), "user_uuid": uuid4(rng)}, 132)


@special("front")
def front_token(rng):
    """Front API tokens: HS256 JWTs with scopes and iss 'front'."""
    return _jwt(rng, {"alg": "HS256", "typ": "JWT"},
                {"scopes": ["provisioning", "private:*", "shared:*"], "iat": rng.randrange(1700000000, 1760000000),
                 "iss": "front", "sub": rand(rng, HEX, 20), "jti": rand(rng, HEX, 16)}, 32)


@special("cftunnel")
def cloudflared_tunnel_token(rng):
    """`cloudflared tunnel run --token`: base64 of {"a": account tag, "t": tunnel id, "s": secret}."""
    doc = {"a": rand(rng, HEX, 32), "t": uuid4(rng), "s": base64.b64encode(rbytes(rng, 32)).decode()}
    return base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()


@special("gchat")
def google_chat_webhook(rng):
    return ("https://chat.googleapis.com/v1/spaces/AAAA" + rand(rng, URLSAFE, 7) + "/messages?key=AIzaSy"
            + rand(rng, URLSAFE, 33) + "&token=" + rand(rng, URLSAFE, 43) + "%3D")


@special("quicknode")
def quicknode_url(rng):
    words = ["frosty", "wild", "morning", "dark", "silent", "crimson", "old", "broken", "polished", "icy"]
    sub = "-".join(rng.sample(words, 3))
    net = rng.choice(["quiknode.pro", "solana-mainnet.quiknode.pro", "matic.quiknode.pro"])
    return f"https://{sub}.{net}/{rand(rng, HEX, 40)}/"


PREFIXED = [
    ("astra", "database", "DataStax Astra", "ASTRA_DB_APPLICATION_TOKEN", "api.astra.datastax.com", "AstraCS:{x24}:{h64}", True),
    ("amazon-lwa", "ecommerce", "Login with Amazon", "LWA_CLIENT_SECRET", "api.amazon.com", "amzn1.oa2-cs.v1.{h64}", True),
    ("blockfrost", "crypto", "Blockfrost", "BLOCKFROST_PROJECT_ID", "cardano-mainnet.blockfrost.io", "mainnet{a32}", True),
    ("fcm", "messaging", "Firebase Cloud Messaging", "FCM_SERVER_KEY", "fcm.googleapis.com", "AAAA{s7}:APA91b{s134}", True),
    ("meta", "social", "Facebook Graph", "FACEBOOK_ACCESS_TOKEN", "graph.facebook.com", "EAAG{a150}", False),
    ("canvas", "education", "Canvas LMS", "CANVAS_API_TOKEN", "acme.instructure.com", "{d4}~{a64}", True),
    ("ntfy", "messaging", "ntfy", "NTFY_TOKEN", "ntfy.sh", "tk_{l29}", False),
    ("ory", "identity", "Ory Network", "ORY_API_KEY", "acme.projects.oryapis.com", "ory_pat_{a32}", False),
    ("coingecko", "crypto", "CoinGecko", "COINGECKO_API_KEY", "pro-api.coingecko.com", "CG-{a24}", False),
    ("ebay", "ecommerce", "eBay", "EBAY_CERT_ID", "api.ebay.com", "PRD-{h12}-{h4}-{h4}-{h4}-{h4}", True),
    ("cftunnel", "cdn", "Cloudflare Tunnel", "TUNNEL_TOKEN", "api.cloudflare.com", "{cftunnel}", False),
    ("monday", "productivity", "monday.com", "MONDAY_API_TOKEN", "api.monday.com", "{monday}", False),
    ("calendly", "scheduling", "Calendly", "CALENDLY_TOKEN", "api.calendly.com", "{calendly}", False),
    ("front", "support", "Front", "FRONT_API_TOKEN", "api2.frontapp.com", "{front}", False),
    ("gchat", "messaging", "Google Chat", "GOOGLE_CHAT_WEBHOOK", "chat.googleapis.com", "{gchat}", False),
    ("quicknode", "crypto", "QuickNode", "QUICKNODE_RPC_URL", "quiknode.pro", "{quicknode}", False),
    ("recaptcha", "security", "reCAPTCHA", "RECAPTCHA_SECRET_KEY", "www.google.com", "6L{s38}", True),
    ("simpleanalytics", "analytics", "Simple Analytics", "SA_API_KEY", "simpleanalytics.com", "sa_api_key_{a30}", False),
]

LONGTAIL = [
    # identity / auth
    ("auth0", "identity", "Auth0", "AUTH0_CLIENT_SECRET", "acme.eu.auth0.com", "{s64}"),
    ("keycloak", "identity", "Keycloak", "KEYCLOAK_CLIENT_SECRET", "sso.acme.io", "{a32}"),
    # cloud / infra
    ("civo", "cloud", "Civo", "CIVO_TOKEN", "api.civo.com", "{a50}"),
    ("r2", "cloud", "Cloudflare R2", "R2_SECRET_ACCESS_KEY", "r2.cloudflarestorage.com", "{h64}"),
    ("minio", "cloud", "MinIO", "MINIO_ROOT_PASSWORD", "minio.acme.io", "{a40}"),
    ("consul", "cloud", "Consul", "CONSUL_HTTP_TOKEN", "consul.service.acme", "{uuid}"),
    ("nomad", "cloud", "Nomad", "NOMAD_TOKEN", "nomad.service.acme", "{uuid}"),
    ("quay", "cicd", "Quay", "QUAY_ROBOT_TOKEN", "quay.io", "{u64}"),
    ("harbor", "cicd", "Harbor", "HARBOR_ROBOT_SECRET", "harbor.acme.io", "{a32}"),
    ("mongodb-atlas", "database", "MongoDB Atlas", "MONGODB_ATLAS_PRIVATE_KEY", "cloud.mongodb.com", "{uuid}"),
    ("firebase-db", "database", "Firebase Realtime Database", "FIREBASE_DATABASE_SECRET", "acme.firebaseio.com", "{a40}"),
    ("confluent", "database", "Confluent Cloud", "CONFLUENT_API_SECRET", "api.confluent.cloud", "{b64}"),
    ("azure-speech", "ai", "Azure Speech", "AZURE_SPEECH_KEY", "westeurope.api.cognitive.microsoft.com", "{h32}"),
    ("leonardo", "ai", "Leonardo AI", "LEONARDO_API_KEY", "cloud.leonardo.ai", "{uuid}"),
    # crypto / blockchain / finance data
    ("helius", "crypto", "Helius", "HELIUS_API_KEY", "mainnet.helius-rpc.com", "{uuid}"),
    ("cryptocompare", "crypto", "CryptoCompare", "CRYPTOCOMPARE_API_KEY", "min-api.cryptocompare.com", "{h64}"),
    ("coinapi", "crypto", "CoinAPI", "COINAPI_KEY", "rest.coinapi.io", "{UUID}"),
    ("marketstack", "finance", "marketstack", "MARKETSTACK_ACCESS_KEY", "api.marketstack.com", "{h32}"),
    ("truelayer", "finance", "TrueLayer", "TRUELAYER_CLIENT_SECRET", "auth.truelayer.com", "{uuid}"),
    ("lithic", "finance", "Lithic", "LITHIC_API_KEY", "api.lithic.com", "{uuid}"),
    ("xero", "finance", "Xero", "XERO_CLIENT_SECRET", "identity.xero.com", "{s48}"),
    # weather / maps / geo
    ("weatherbit", "weather", "Weatherbit", "WEATHERBIT_API_KEY", "api.weatherbit.io", "{h32}"),
    ("tomorrowio", "weather", "Tomorrow.io", "TOMORROW_API_KEY", "api.tomorrow.io", "{a32}"),
    ("visualcrossing", "weather", "Visual Crossing", "VISUALCROSSING_KEY", "weather.visualcrossing.com", "{u25}"),
    ("graphhopper", "maps", "GraphHopper", "GRAPHHOPPER_API_KEY", "graphhopper.com", "{uuid}"),
    ("ipdata", "maps", "ipdata", "IPDATA_API_KEY", "api.ipdata.co", "{h56}"),
    # e-mail / CRM / support
    ("buttondown", "email", "Buttondown", "BUTTONDOWN_API_KEY", "api.buttondown.email", "{uuid}"),
    ("emailoctopus", "email", "EmailOctopus", "EMAILOCTOPUS_API_KEY", "emailoctopus.com", "{uuid}"),
    ("snov", "crm", "Snov.io", "SNOV_CLIENT_SECRET", "api.snov.io", "{h32}"),
    ("gorgias", "support", "Gorgias", "GORGIAS_API_KEY", "acme.gorgias.com", "{h64}"),
    ("liveagent", "support", "LiveAgent", "LIVEAGENT_API_KEY", "acme.ladesk.com", "{a32}"),
    ("teamtailor", "hr", "Teamtailor", "TEAMTAILOR_API_TOKEN", "api.teamtailor.com", "{a40}"),
    # security intel
    ("otx", "security", "AlienVault OTX", "OTX_API_KEY", "otx.alienvault.com", "{h64}"),
    ("binaryedge", "security", "BinaryEdge", "BINARYEDGE_API_KEY", "api.binaryedge.io", "{uuid}"),
    ("ipqualityscore", "security", "IPQualityScore", "IPQS_API_KEY", "ipqualityscore.com", "{a32}"),
    ("recordedfuture", "security", "Recorded Future", "RF_API_TOKEN", "api.recordedfuture.com", "{h32}"),
    ("intezer", "security", "Intezer", "INTEZER_API_KEY", "analyze.intezer.com", "{uuid}"),
    ("sematext", "monitoring", "Sematext", "SEMATEXT_LOGS_TOKEN", "logsene-receiver.sematext.com", "{uuid}"),
    # education / telephony / scheduling / video
    ("moodle", "education", "Moodle", "MOODLE_WS_TOKEN", "moodle.acme.edu", "{h32}"),
    ("callrail", "telephony", "CallRail", "CALLRAIL_API_KEY", "api.callrail.com", "{h32}"),
    ("acuity", "scheduling", "Acuity Scheduling", "ACUITY_API_KEY", "acuityscheduling.com", "{h32}"),
    ("opentok", "video", "OpenTok", "OPENTOK_API_SECRET", "api.opentok.com", "{h40}"),
    ("transloadit", "media", "Transloadit", "TRANSLOADIT_SECRET", "api2.transloadit.com", "{h40}"),
    ("storyblok", "cms", "Storyblok", "STORYBLOK_TOKEN", "api.storyblok.com", "{a22}"),
    # social / commerce
    ("twitter", "social", "Twitter", "TWITTER_CONSUMER_SECRET", "api.twitter.com", "{a50}"),
    ("facebook-app", "social", "Facebook", "FACEBOOK_APP_SECRET", "graph.facebook.com", "{h32}"),
    ("magento", "ecommerce", "Magento", "MAGENTO_ACCESS_TOKEN", "shop.acme.io", "{l32}"),
    ("prestashop", "ecommerce", "PrestaShop", "PRESTASHOP_WEBSERVICE_KEY", "shop.acme.io", "{u32}"),
    ("etsy", "ecommerce", "Etsy", "ETSY_API_KEY", "openapi.etsy.com", "{l24}"),
    ("scrapingant", "scraping", "ScrapingAnt", "SCRAPINGANT_API_KEY", "api.scrapingant.com", "{h32}"),
]
