"""Token formats of the ninth held-out corpus, written from providers' public documentation of their
key shapes as I remember it, blind to vaultsweep's rules (`patterns/` and `src/` were not opened while
this file was written) and to other scanners' rule and test files. Every provider is outside the
lists heldouts 1-8 used (checked by grepping their generators for each name).

PREFIXED rows: (id, category, display name, env var, API host, spec, fixed)
LONGTAIL rows: (id, category, display name, env var, API host, spec)
A spec is benches/heldout/hcommon.gen_spec's ({h32}, {a40}, {s43}, {uuid}, {u32} upper alnum, {l52}
lower alnum, {H608} upper hex, {d13} digits, ...) or a named special registered below. `fixed` says the
documented length is fixed, so one character more or less is a near miss.
"""

import base64
import json

from hcommon import ALNUM, HEX, b64url_nopad, crc32_base62, rand, rbytes, special, uuid4


@special("netbird")
def netbird_pat(rng):
    """NetBird personal access tokens: 'nbp_' + 30 base62 characters + the CRC32 of those 30 in base62,
    left-padded to 6 (the GitHub scheme; I believe NetBird copied it, alphabet order not checked)."""
    body = rand(rng, ALNUM, 30)
    return "nbp_" + body + crc32_base62(body)


@special("momento")
def momento_key(rng):
    """Momento API keys (v1): standard base64 of {"endpoint": "<cell host>", "api_key": "<HS256 JWT>"}."""
    head = b64url_nopad(json.dumps({"alg": "HS256"}, separators=(",", ":")).encode())
    claims = {"sub": rng.choice(["ci@acme.io", "cache-writer@acme.io", "ops@acme.io"]), "ver": 1,
              "p": b64url_nopad(rbytes(rng, 24))}
    jwt = head + "." + b64url_nopad(json.dumps(claims, separators=(",", ":")).encode()) + "." + b64url_nopad(rbytes(rng, 32))
    doc = {"endpoint": rng.choice(["cell-4-us-west-2-1.prod.a.momentohq.com", "cell-1-eu-west-1-1.prod.a.momentohq.com"]),
           "api_key": jwt}
    return base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()


@special("nxcloud")
def nx_cloud_token(rng):
    """Nx Cloud access tokens: base64 of '<uuid>|read-write' (read-only ones are often committed on purpose;
    these are read-write)."""
    return base64.b64encode((uuid4(rng) + "|read-write").encode()).decode()


@special("asaas")
def asaas_key(rng):
    """Asaas API keys: '$aact_' + base64 of '<32 hex>::<18 digits>::$aach_<uuid>'."""
    inner = f"{rand(rng, HEX, 32)}::{rng.randrange(10**5, 10**6):018d}::$aach_{uuid4(rng)}"  # vaultsweep:allow (format of a drawn value)
    return "$aact_" + base64.b64encode(inner.encode()).decode()


ROBLOX_WARNING = "_|WARNING:-DO-NOT-SHARE-THIS.--Sharing-this-will-allow-someone-to-log-in-as-you-and-to-steal-your-ROBUX-and-items.|_"

PREFIXED = [
    ("turbopuffer", "database", "turbopuffer", "TURBOPUFFER_API_KEY", "gcp-us-central1.turbopuffer.com", "tpuf_{a32}", True),
    ("netbird", "network", "NetBird", "NETBIRD_TOKEN", "api.netbird.io", "{netbird}", True),
    ("materialize", "database", "Materialize", "MZ_APP_PASSWORD", "acme.eu-west-1.aws.materialize.cloud", "mzp_{h64}", True),
    ("codesandbox", "cicd", "CodeSandbox", "CSB_API_KEY", "api.codesandbox.io", "csb_v1_{s43}", False),
    ("lichess", "games", "Lichess", "LICHESS_TOKEN", "lichess.org", "lip_{a20}", False),
    ("momento", "database", "Momento", "MOMENTO_API_KEY", "api.cache.momentohq.com", "{momento}", False),
    ("nxcloud", "cicd", "Nx Cloud", "NX_CLOUD_ACCESS_TOKEN", "cloud.nx.app", "{nxcloud}", False),
    ("develocity", "cicd", "Develocity", "DEVELOCITY_ACCESS_KEY", "develocity.acme.io", "develocity.acme.io={l52}", True),
    ("roblox", "games", "Roblox", "ROBLOSECURITY", "www.roblox.com", ROBLOX_WARNING + "{H608}", False),
    ("konnect", "gateway", "Kong Konnect", "KONNECT_TOKEN", "eu.api.konghq.com", "kpat_{a48}", False),
    ("liveblocks", "realtime", "Liveblocks", "LIVEBLOCKS_SECRET_KEY", "api.liveblocks.io", "sk_prod_{s48}", False),
    ("uptimekuma", "monitoring", "Uptime Kuma", "UPTIME_KUMA_API_KEY", "status.acme.io", "uk{d1}_{a32}", False),
    ("dotenvvault", "secrets", "dotenv Vault", "DOTENV_KEY", "dotenv.org", "dotenv://:key_{h64}@dotenv.org/vault/.env.vault?environment=production", True),
    ("cashfree", "payment", "Cashfree", "CASHFREE_SECRET_KEY", "api.cashfree.com", "cfsk_ma_prod_{h32}_{h8}", True),
    ("wompi", "payment", "Wompi", "WOMPI_PRIVATE_KEY", "production.wompi.co", "prv_prod_{a32}", True),
    ("asaas", "payment", "Asaas", "ASAAS_API_KEY", "api.asaas.com", "{asaas}", False),
]

LONGTAIL = [
    # churches and non-profits
    ("planningcenter", "church", "Planning Center", "PCO_APP_SECRET", "api.planningcenteronline.com", "{h64}"),
    ("breeze", "church", "Breeze ChMS", "BREEZE_API_KEY", "acme.breezechms.com", "{h32}"),
    ("blackbaud", "nonprofit", "Blackbaud SKY API", "BLACKBAUD_SUBSCRIPTION_KEY", "api.sky.blackbaud.com", "{h32}"),
    # audio, video, podcasts
    ("listennotes", "media", "Listen Notes", "LISTEN_NOTES_API_KEY", "listen-api.listennotes.com", "{h32}"),
    ("kaltura", "media", "Kaltura", "KALTURA_ADMIN_SECRET", "www.kaltura.com", "{h32}"),
    ("acrcloud", "media", "ACRCloud", "ACRCLOUD_ACCESS_SECRET", "identify-eu-west-1.acrcloud.com", "{a40}"),
    ("podcastindex", "media", "Podcast Index", "PODCASTINDEX_API_SECRET", "api.podcastindex.org", "{a40}"),
    ("jwplayer", "media", "JW Player", "JWPLAYER_API_SECRET", "api.jwplayer.com", "{a48}"),
    ("bitmovin", "media", "Bitmovin", "BITMOVIN_API_KEY", "api.bitmovin.com", "{uuid}"),
    # games and developer platforms
    ("gameanalytics", "games", "GameAnalytics", "GAMEANALYTICS_SECRET_KEY", "api.gameanalytics.com", "{h40}"),
    ("itchio", "games", "itch.io", "BUTLER_API_KEY", "itch.io", "{a40}"),
    ("playfab", "games", "PlayFab", "PLAYFAB_SECRET_KEY", "acme.playfabapi.com", "{u48}"),
    ("amo", "devtools", "Mozilla Add-ons", "AMO_JWT_SECRET", "addons.mozilla.org", "{h64}"),  # vaultsweep:allow (a service row: env var name and host, no value)
    # documents, SEO, surveys, marketing
    ("mindee", "ocr", "Mindee", "MINDEE_API_KEY", "api.mindee.net", "{h32}"),
    ("ocrspace", "ocr", "OCR.space", "OCR_SPACE_API_KEY", "api.ocr.space", "K8{d13}"),
    ("semrush", "seo", "Semrush", "SEMRUSH_API_KEY", "api.semrush.com", "{h32}"),
    ("qualtrics", "survey", "Qualtrics", "QUALTRICS_API_TOKEN", "acme.qualtrics.com", "{a40}"),
    ("surveymonkey", "survey", "SurveyMonkey", "SURVEYMONKEY_ACCESS_TOKEN", "api.surveymonkey.com", "{s64}"),
    ("aweber", "marketing", "AWeber", "AWEBER_CLIENT_SECRET", "api.aweber.com", "{a32}"),
    ("omnisend", "marketing", "Omnisend", "OMNISEND_API_KEY", "api.omnisend.com", "{h24}-{a50}"),
    ("locize", "i18n", "Locize", "LOCIZE_API_KEY", "api.locize.app", "{uuid}"),
    # transport, weather, energy, home
    ("tfl", "transport", "Transport for London", "TFL_APP_KEY", "api.tfl.gov.uk", "{h32}"),
    ("wmata", "transport", "WMATA", "WMATA_API_KEY", "api.wmata.com", "{h32}"),
    ("transit511", "transport", "511.org", "TRANSIT_511_API_KEY", "api.511.org", "{uuid}"),
    ("xweather", "weather", "Xweather", "XWEATHER_CLIENT_SECRET", "data.api.xweather.com", "{a40}"),
    ("iqair", "weather", "IQAir AirVisual", "IQAIR_API_KEY", "api.airvisual.com", "{uuid}"),
    ("purpleair", "weather", "PurpleAir", "PURPLEAIR_READ_KEY", "api.purpleair.com", "{UUID}"),
    ("solaredge", "energy", "SolarEdge", "SOLAREDGE_API_KEY", "monitoringapi.solaredge.com", "{u32}"),
    ("tibber", "energy", "Tibber", "TIBBER_TOKEN", "api.tibber.com", "{s43}"),
    ("lifx", "iot", "LIFX", "LIFX_TOKEN", "api.lifx.com", "{h64}"),
    ("switchbot", "iot", "SwitchBot", "SWITCHBOT_TOKEN", "api.switch-bot.com", "{h96}"),
    ("withings", "health", "Withings", "WITHINGS_CLIENT_SECRET", "wbsapi.withings.net", "{h64}"),
    # sports, shipping, finance, HR, events, addresses
    ("oddsapi", "sports", "The Odds API", "ODDS_API_KEY", "api.the-odds-api.com", "{h32}"),
    ("ups", "shipping", "UPS", "UPS_CLIENT_SECRET", "onlinetools.ups.com", "{a64}"),
    ("clover", "payment", "Clover", "CLOVER_API_TOKEN", "api.clover.com", "{uuid}"),
    ("saltedge", "finance", "Salt Edge", "SALTEDGE_SECRET", "www.saltedge.com", "{s43}"),
    ("eodhd", "finance", "EODHD", "EODHD_API_TOKEN", "eodhd.com", "{h14}.{d8}"),
    ("smartrecruiters", "hr", "SmartRecruiters", "SMARTRECRUITERS_TOKEN", "api.smartrecruiters.com", "DCRA1-{h32}"),
    ("tickettailor", "events", "Ticket Tailor", "TICKET_TAILOR_API_KEY", "api.tickettailor.com", "sk_{d4}_{d6}_{h32}"),
    ("smarty", "geo", "Smarty", "SMARTY_AUTH_TOKEN", "us-street.api.smarty.com", "{a20}"),
    ("loqate", "geo", "Loqate", "LOQATE_API_KEY", "api.addressy.com", "{u4}-{u4}-{u4}-{u4}"),
]
