"""Token formats of the eighth held-out corpus, written from providers' public documentation of their
key shapes as I remember it, blind to vaultsweep's rules (`patterns/` and `src/` were not opened while
this file was written) and to other scanners' rule and test files. Every provider is outside the
lists heldouts 1-7 used.

PREFIXED rows: (id, category, display name, env var, API host, spec, fixed)
LONGTAIL rows: (id, category, display name, env var, API host, spec)
A spec is benches/heldout/hcommon.gen_spec's ({h32}, {a40}, {s43}, {uuid}, {m24} base58, ...) or a
named special registered below. `fixed` says the documented length is fixed, so one character more
or less is a near miss.
"""

import base64
import json

from hcommon import HEX, URLSAFE, b64url_nopad, rand, rbytes, special, uuid4


@special("tinybird")
def tinybird_token(rng):
    """Tinybird tokens: 'p.' + base64url of a small JSON document (user id, token id, host; written
    with spaces after the colons, so the body starts 'eyJ1IjogI') + '.' + a 32-byte signature."""
    doc = json.dumps({"u": uuid4(rng), "id": uuid4(rng), "host": rng.choice(["eu_shared", "us_east", "gcp-europe-west3"])})
    return "p." + b64url_nopad(doc.encode()) + "." + b64url_nopad(rbytes(rng, 32))


@special("qstash")
def qstash_token(rng):
    """Upstash QStash tokens: standard base64 (padded) of '{"UserID":"<uuid>","Password":"<32 hex>"}'."""  # vaultsweep:allow (describes the format; no value)
    doc = json.dumps({"UserID": uuid4(rng), "Password": rand(rng, HEX, 32)}, separators=(",", ":"))
    return base64.b64encode(doc.encode()).decode()


PREFIXED = [
    ("tinybird", "database", "Tinybird", "TINYBIRD_TOKEN", "api.tinybird.co", "{tinybird}", False),
    ("qstash", "queue", "Upstash QStash", "QSTASH_TOKEN", "qstash.upstash.io", "{qstash}", False),
    ("polar", "payment", "Polar", "POLAR_ACCESS_TOKEN", "api.polar.sh", "polar_oat_{a43}", False),
    ("socket", "security", "Socket", "SOCKET_SECURITY_API_KEY", "api.socket.dev", "sktsec_{s40}_api", False),
    ("browserbase", "ai", "Browserbase", "BROWSERBASE_API_KEY", "api.browserbase.com", "bb_live_{s27}", False),
    ("mixedbread", "ai", "Mixedbread", "MXBAI_API_KEY", "api.mixedbread.com", "mxb_{a40}", False),
    ("nomic", "ai", "Nomic Atlas", "NOMIC_API_KEY", "api-atlas.nomic.ai", "nk-{s43}", False),
    ("cartesia", "ai", "Cartesia", "CARTESIA_API_KEY", "api.cartesia.ai", "sk_car_{a26}", False),
    ("permit", "security", "Permit.io", "PERMIT_API_KEY", "api.permit.io", "permit_key_{a80}", False),
    ("plane", "productivity", "Plane", "PLANE_API_KEY", "api.plane.so", "plane_api_{h32}", True),
    ("triggerdev", "cicd", "Trigger.dev", "TRIGGER_SECRET_KEY", "api.trigger.dev", "tr_prod_{a20}", False),
    ("unkey", "security", "Unkey", "UNKEY_ROOT_KEY", "api.unkey.dev", "unkey_{m24}", False),
    ("daytona", "cicd", "Daytona", "DAYTONA_API_KEY", "app.daytona.io", "dtn_{h64}", True),
    ("keygen", "licensing", "Keygen", "KEYGEN_PRODUCT_TOKEN", "api.keygen.sh", "prod-{h64}v3", True),
    ("persona", "identity", "Persona", "PERSONA_API_KEY", "withpersona.com", "persona_production_{uuid}", True),
    ("sumsub", "identity", "Sumsub", "SUMSUB_APP_TOKEN", "api.sumsub.com", "prd:{a24}.{a32}", True),
]

LONGTAIL = [
    # self-hosted IT / home-lab tools
    ("netbox", "infra", "NetBox", "NETBOX_TOKEN", "netbox.acme.io", "{h40}"),
    ("redmine", "infra", "Redmine", "REDMINE_API_KEY", "redmine.acme.io", "{h40}"),
    ("openproject", "infra", "OpenProject", "OPENPROJECT_API_KEY", "openproject.acme.io", "{h64}"),
    ("zammad", "support", "Zammad", "ZAMMAD_HTTP_TOKEN", "helpdesk.acme.io", "{s64}"),
    ("phpipam", "infra", "phpIPAM", "PHPIPAM_APP_CODE", "ipam.acme.io", "{a32}"),
    ("plex", "media", "Plex", "PLEX_TOKEN", "plex.tv", "{s20}"),
    ("jellyfin", "media", "Jellyfin", "JELLYFIN_API_KEY", "media.acme.io", "{h32}"),
    ("sonarr", "media", "Sonarr", "SONARR_API_KEY", "sonarr.home.arpa", "{h32}"),
    ("radarr", "media", "Radarr", "RADARR_API_KEY", "radarr.home.arpa", "{h32}"),
    ("tautulli", "media", "Tautulli", "TAUTULLI_API_KEY", "tautulli.home.arpa", "{h32}"),
    ("paperless", "infra", "Paperless-ngx", "PAPERLESS_TOKEN", "paperless.home.arpa", "{h40}"),
    ("immich", "media", "Immich", "IMMICH_API_KEY", "photos.home.arpa", "{a43}"),
    ("gotify", "notify", "Gotify", "GOTIFY_APP_TOKEN", "gotify.home.arpa", "A{s14}"),
    ("proxmox", "infra", "Proxmox VE", "PROXMOX_TOKEN_SECRET", "pve01.acme.io", "{uuid}"),
    ("truenas", "infra", "TrueNAS", "TRUENAS_API_KEY", "nas01.acme.io", "{d1}-{a64}"),
    ("opnsense", "network", "OPNsense", "OPNSENSE_API_SECRET", "fw.acme.io", "{a80}"),
    ("chatwoot", "support", "Chatwoot", "CHATWOOT_API_ACCESS_TOKEN", "app.chatwoot.com", "{a24}"),
    # sports and games
    ("apifootball", "sports", "API-Football", "APIFOOTBALL_KEY", "v3.football.api-sports.io", "{h32}"),
    ("sportsdataio", "sports", "SportsDataIO", "SPORTSDATAIO_KEY", "api.sportsdata.io", "{h32}"),
    ("footballdata", "sports", "football-data.org", "FOOTBALL_DATA_TOKEN", "api.football-data.org", "{h32}"),
    ("sportmonks", "sports", "Sportmonks", "SPORTMONKS_API_TOKEN", "api.sportmonks.com", "{a60}"),
    ("balldontlie", "sports", "BALLDONTLIE", "BALLDONTLIE_API_KEY", "api.balldontlie.io", "{uuid}"),
    ("faceit", "games", "FACEIT", "FACEIT_API_KEY", "open.faceit.com", "{uuid}"),
    ("hypixel", "games", "Hypixel", "HYPIXEL_API_KEY", "api.hypixel.net", "{uuid}"),
    ("osu", "games", "osu!", "OSU_CLIENT_SECRET", "osu.ppy.sh", "{a40}"),
    # travel, public data, finance data
    ("amadeus", "travel", "Amadeus", "AMADEUS_CLIENT_SECRET", "api.amadeus.com", "{a16}"),
    ("flightaware", "travel", "FlightAware AeroAPI", "FLIGHTAWARE_API_KEY", "aeroapi.flightaware.com", "{a32}"),
    ("travelpayouts", "travel", "Travelpayouts", "TRAVELPAYOUTS_TOKEN", "api.travelpayouts.com", "{h32}"),
    ("bls", "gov", "BLS Public Data API", "BLS_API_KEY", "api.bls.gov", "{h32}"),
    ("companieshouse", "gov", "Companies House", "COMPANIES_HOUSE_API_KEY", "api.company-information.service.gov.uk", "{uuid}"),
    ("ip2location", "geo", "IP2Location.io", "IP2LOCATION_API_KEY", "api.ip2location.io", "{u32}"),
    ("marketaux", "finance", "Marketaux", "MARKETAUX_API_TOKEN", "api.marketaux.com", "{a40}"),
    ("newsdata", "media", "NewsData.io", "NEWSDATA_API_KEY", "newsdata.io", "pub_{d5}{h32}"),
    ("thenewsapi", "media", "TheNewsAPI", "THENEWSAPI_TOKEN", "api.thenewsapi.com", "{a40}"),
    # music, food, property, accounting, geo
    ("freesound", "media", "Freesound", "FREESOUND_API_KEY", "freesound.org", "{a40}"),
    ("audd", "media", "AudD", "AUDD_API_TOKEN", "api.audd.io", "{h32}"),
    ("fatsecret", "food", "FatSecret", "FATSECRET_CLIENT_SECRET", "platform.fatsecret.com", "{h32}"),
    ("attom", "property", "ATTOM", "ATTOM_API_KEY", "api.gateway.attomdata.com", "{h32}"),
    ("rentcast", "property", "RentCast", "RENTCAST_API_KEY", "api.rentcast.io", "{h32}"),
    ("holded", "accounting", "Holded", "HOLDED_API_KEY", "api.holded.com", "{h32}"),
    ("invoiceninja", "accounting", "Invoice Ninja", "INVOICENINJA_API_TOKEN", "invoicing.co", "{a64}"),
    ("maxmind", "geo", "MaxMind", "MAXMIND_LICENSE_KEY", "download.maxmind.com", "{a36}_mmk"),
]
