"""Token formats of the eleventh held-out corpus, written blind to vaultsweep's rules and to other scanners'
rule and test files, from the providers' public API documentation (a few formats confirmed with the search
tool in this session: `checked=True`), from memory of that documentation (`documented=True`), or, where the
documentation gives no format, as a plausible guess (`documented=False`; listed in the README).

A row (R) is one kind of credential of one provider:
  pid       row id (unique)            provider  provider id (several rows may share one)
  cat       category (the case group)  name      display name
  env       the variable the provider's docs and SDKs use for it
  host      the API host the credential is sent to
  spec      token spec: literal text with {h32} (32 lowercase hex), {a40} (40 base62), {uuid}, or a special
            generator registered below ({syt}, {jwt_losant}, ...). Codes: h hex, H upper hex, a alnum,
            l lower alnum, u upper alnum, s url-safe, b base64, d digits, m base58, x letters,
            q base32 lower (a-z2-7), z base32 upper (A-Z2-7), L lower letters, U upper letters.
  fixed     the documented length is fixed (so one character more or less is a near miss)
  hdr       how it is sent: "Name: template" header, "?param={v}" query, "/path/{v}/..." path segment, or
            "basic|USER|PASS" (HTTP basic auth; USER and PASS are templates with {v} and {c} for the
            companion value)
  comp      (ENV, spec) of a companion value printed next to it (a key id, an account id) in pair contexts;
            the label stays on the row's own value
  kind      "p": a distinctive prefix or shape, so it also goes into contexts that name nothing;
            "n": named only (its only signal is the provider's name, variable or host nearby)
  nm        whether a near miss is built for this row;  case: whether a prefix-case near miss makes sense
No token is written here: every value is drawn at generation time.
"""

import base64
import json
import re
import string

from hcommon import (ALNUM, B64, BASE58, BECH32, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64url_nopad,
                     bech32_encode, crc32_base62, rand, rbytes, to5, uuid4)

LETTERS = string.ascii_letters
B32L = string.ascii_lowercase + "234567"
B32U = string.ascii_uppercase + "234567"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64, "d": DIGITS,
         "m": BASE58, "x": LETTERS, "q": B32L, "z": B32U, "L": string.ascii_lowercase, "U": string.ascii_uppercase}
BAD = ("test", "exampl", "sampl", "dummy", "fake", "xxxx", "demo", "fixme", "todo", "redact", "placehold",
       "changeme", "secret", "passw", "token", "apikey", "api_key", "your", "live", "prod")


def clean(rng, alphabet, n):
    """rand() that also refuses draws containing a placeholder-ish word."""
    while True:
        s = rand(rng, alphabet, n)
        low = s.lower()
        if not any(b in low for b in BAD):
            return s


# --- specials: name -> (function(rng) -> str, alphabet used for near-miss mutation) -------------------------
SPECIALS = {}


def special(name, alphabet=URLSAFE):
    def reg(fn):
        SPECIALS[name] = (fn, alphabet)
        return fn
    return reg


def jwt(rng, claims, alg="HS256", kid=None, sig_bytes=None):
    head = {"alg": alg, "typ": "JWT"}
    if kid:
        head["kid"] = kid
    h = b64url_nopad(json.dumps(head, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps(claims, separators=(",", ":")).encode())
    n = sig_bytes or (32 if alg.startswith("HS") else 64 if alg in ("ES256", "EdDSA") else 256)
    return f"{h}.{p}.{b64url_nopad(rbytes(rng, n))}"


def iat(rng):
    return 1700000000 + rng.randrange(0, 60000000)


for _p in ("ghp_", "gho_", "ghs_", "ghu_", "npm_"):
    def _mk(p):
        def fn(rng):
            body = clean(rng, ALNUM, 30)
            return p + body + crc32_base62(body)
        return fn
    SPECIALS[_p.rstrip("_")] = (_mk(_p), ALNUM)


@special("pypi")
def _pypi(rng):
    from hcommon import SPECIALS as HS
    return HS["pypi"](rng)


@special("age", BECH32.upper())
def age_secret(rng):
    return bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()


@special("nsec", BECH32)
def nostr_nsec(rng):
    return bech32_encode("nsec", to5(rbytes(rng, 32)))


@special("syt")
def _synapse(rng):
    """Synapse access token: syt_ + base64url(localpart) + _ + 20 random + _ + 6-character base62 CRC."""
    local = rng.choice(["ci-bot", "alertmanager", "hookshot", "jdoe", "backup"])
    body = "syt_" + b64url_nopad(local.encode()) + "_" + clean(rng, LETTERS, 20)
    return body + "_" + crc32_base62(body)


@special("asaas")
def _asaas(rng):
    inner = f"{rand(rng, HEX, 32)}::{rng.randrange(10 ** 14, 10 ** 15):015d}::$aach_{uuid4(rng)}"
    return "$aact_prod_000" + base64.b64encode(inner.encode()).decode()


@special("openpix", B64)
def _openpix(rng):
    inner = f"Client_Id_{uuid4(rng)}:Client_Secret_{clean(rng, ALNUM, 43)}="
    return base64.b64encode(inner.encode()).decode()


@special("hyperpay", B64)
def _hyperpay(rng):
    return base64.b64encode(("8ac7a4c" + rand(rng, HEX, 25) + rand(rng, HEX, 16)).encode()).decode()


@special("basiq", B64)
def _basiq(rng):
    return base64.b64encode(f"{uuid4(rng)}:{uuid4(rng)}".encode()).decode()


@special("bcrypt_key", "./" + ALNUM)
def _curseforge(rng):
    return "$2a$10$" + clean(rng, "./" + ALNUM, 53)


@special("azkey", B64)
def _azkey(rng):
    return base64.b64encode(rbytes(rng, 64)).decode()


@special("azkey32", B64)
def _azkey32(rng):
    return base64.b64encode(rbytes(rng, 32)).decode()


@special("twitter_bearer")
def _twitter(rng):
    return "A" * 21 + clean(rng, ALNUM, 10) + "A" * 7 + clean(rng, ALNUM, 20) + "%2B" + clean(rng, ALNUM, 10) + "%3D" + clean(rng, ALNUM, 50)


def _jwt_plain(sub_fn, alg="HS256"):
    def fn(rng):
        t = iat(rng)
        claims = sub_fn(rng)
        claims.setdefault("iat", t)
        return jwt(rng, claims, alg)
    return fn


SPECIALS["jwt_metoffice"] = (_jwt_plain(lambda r: {"sub": "ops@acme.io", "iss": "https://api-manager.metoffice.cloud/oauth2/token",
                                                    "application": {"name": "forecast-sync", "id": r.randrange(1000, 99999)},
                                                    "subscribedAPIs": [{"name": "SiteSpecificForecast", "context": "/sitespecific/v0"}],
                                                    "jti": uuid4(r)}, "RS256"), URLSAFE)
SPECIALS["jwt_losant"] = (_jwt_plain(lambda r: {"sub": rand(r, HEX, 24), "scope": ["all.Application"], "iss": "api.losant.com"}), URLSAFE)
SPECIALS["jwt_n8n"] = (_jwt_plain(lambda r: {"sub": uuid4(r), "iss": "n8n", "aud": "public-api"}), URLSAFE)
SPECIALS["jwt_ckan"] = (_jwt_plain(lambda r: {"jti": clean(r, URLSAFE, 43)}), URLSAFE)
SPECIALS["jwt_earthdata"] = (_jwt_plain(lambda r: {"type": "User", "uid": "acme_ingest", "exp": 1900000000,
                                                    "iss": "https://urs.earthdata.nasa.gov", "identity_provider": "edl_ops",
                                                    "acr": "edl", "assurance_level": 3}, "RS256"), URLSAFE)
SPECIALS["jwt_supercell"] = (_jwt_plain(lambda r: {"iss": "supercell", "aud": "supercell:gameapi", "jti": uuid4(r), "sub": "developer/" + uuid4(r),
                                                    "scopes": ["clash"], "limits": [{"tier": "developer/silver", "type": "throttling"},
                                                                                     {"cidrs": ["203.0.113.17/32"], "type": "client"}]}, "HS512"), URLSAFE)
SPECIALS["jwt_pubg"] = (_jwt_plain(lambda r: {"jti": uuid4(r), "iss": "gamelocker", "pub": "bluehole", "title": "pubg",
                                               "app": "acme-stats-" + rand(r, LOWALNUM, 6)}), URLSAFE)
SPECIALS["jwt_turso"] = (_jwt_plain(lambda r: {"a": "rw", "id": uuid4(r)}, "EdDSA"), URLSAFE)
SPECIALS["jwt_supabase"] = (_jwt_plain(lambda r: {"iss": "supabase", "ref": clean(r, string.ascii_lowercase, 20), "role": "service_role",
                                                   "exp": 2000000000}), URLSAFE)


# --- rows ---------------------------------------------------------------------------------------------------
ROWS = []
BEARER = "Authorization: Bearer {v}"


def R(pid, cat, name, env, host, spec, fixed=True, hdr=BEARER, comp=None, kind=None, nm=True, provider=None,
      documented=True, checked=False, case=True):
    lit = re.match(r"[^{]*", spec).group(0)
    if kind is None:
        kind = "p" if len(lit) >= 4 else "n"
    ROWS.append(dict(pid=pid, provider=provider or pid.split("-")[0], cat=cat, name=name, env=env, host=host, spec=spec,
                     fixed=fixed, hdr=hdr, comp=comp, kind=kind, nm=nm, prefix=lit, documented=documented, checked=checked,
                     case=case))


X = "X-Api-Key: {v}"

# ===== long tail: security intelligence ========================================================================
c = "secintel"
R("shodan", c, "Shodan", "SHODAN_API_KEY", "api.shodan.io", "{a32}", hdr="?key={v}")
R("virustotal", c, "VirusTotal", "VT_API_KEY", "www.virustotal.com", "{h64}", hdr="x-apikey: {v}")
R("censys", c, "Censys", "CENSYS_API_SECRET", "search.censys.io", "{a32}", hdr="basic|{c}|{v}", comp=("CENSYS_API_ID", "{uuid}"))
R("greynoise", c, "GreyNoise", "GREYNOISE_API_KEY", "api.greynoise.io", "{a64}", hdr="key: {v}", documented=False)
R("abuseipdb", c, "AbuseIPDB", "ABUSEIPDB_API_KEY", "api.abuseipdb.com", "{h80}", hdr="Key: {v}")
R("urlscan", c, "urlscan.io", "URLSCAN_API_KEY", "urlscan.io", "{uuid}", hdr="API-Key: {v}")
R("securitytrails", c, "SecurityTrails", "SECURITYTRAILS_API_KEY", "api.securitytrails.com", "{a32}", hdr="APIKEY: {v}", documented=False)
R("hibp", c, "Have I Been Pwned", "HIBP_API_KEY", "haveibeenpwned.com", "{h32}", hdr="hibp-api-key: {v}")
R("otx", c, "AlienVault OTX", "OTX_API_KEY", "otx.alienvault.com", "{h64}", hdr="X-OTX-API-KEY: {v}")
R("hybridanalysis", c, "Hybrid Analysis", "HYBRID_ANALYSIS_API_KEY", "www.hybrid-analysis.com", "{l64}", hdr="api-key: {v}", documented=False)
R("ipqualityscore", c, "IPQualityScore", "IPQS_API_KEY", "www.ipqualityscore.com", "{a32}", hdr="/api/json/ip/{v}/203.0.113.9", documented=False)
R("binaryedge", c, "BinaryEdge", "BINARYEDGE_API_KEY", "api.binaryedge.io", "{uuid}", hdr="X-Key: {v}")
R("fullhunt", c, "FullHunt", "FULLHUNT_API_KEY", "fullhunt.io", "{uuid}", hdr="X-API-KEY: {v}", documented=False)
R("leakix", c, "LeakIX", "LEAKIX_API_KEY", "leakix.net", "{a48}", hdr="api-key: {v}", documented=False)
R("intelx", c, "Intelligence X", "INTELX_API_KEY", "2.intelx.io", "{uuid}", hdr="x-key: {v}")
R("pulsedive", c, "Pulsedive", "PULSEDIVE_API_KEY", "pulsedive.com", "{h64}", hdr="?key={v}", documented=False)
R("abusech", c, "abuse.ch", "ABUSECH_AUTH_KEY", "threatfox-api.abuse.ch", "{h48}", hdr="Auth-Key: {v}", documented=False)
R("netlas", c, "Netlas", "NETLAS_API_KEY", "app.netlas.io", "{a32}", hdr="X-API-Key: {v}", documented=False)
R("criminalip", c, "Criminal IP", "CRIMINALIP_API_KEY", "api.criminalip.io", "{a60}", hdr="x-api-key: {v}", documented=False)
R("tenable", c, "Tenable", "TENABLE_SECRET_KEY", "cloud.tenable.com", "{h64}", hdr="X-ApiKeys: accessKey={c};secretKey={v}",
  comp=("TENABLE_ACCESS_KEY", "{h64}"))
R("crowdstrike", c, "CrowdStrike Falcon", "FALCON_CLIENT_SECRET", "api.crowdstrike.com", "{a40}", comp=("FALCON_CLIENT_ID", "{h32}"))
R("wiz", c, "Wiz", "WIZ_CLIENT_SECRET", "auth.app.wiz.io", "{a64}", comp=("WIZ_CLIENT_ID", "{l53}"), documented=False)
R("hackerone", c, "HackerOne", "H1_API_TOKEN", "api.hackerone.com", "{b44}", hdr="basic|acme-triage|{v}", documented=False)
R("spur", c, "Spur", "SPUR_TOKEN", "api.spur.us", "{a30}", hdr="Token: {v}", documented=False)

# ===== long tail: finance, market data, banking APIs ==========================================================
c = "finance"
R("tiingo", c, "Tiingo", "TIINGO_API_KEY", "api.tiingo.com", "{h40}", hdr="Authorization: Token {v}")
R("marketstack", c, "marketstack", "MARKETSTACK_ACCESS_KEY", "api.marketstack.com", "{h32}", hdr="?access_key={v}")
R("eodhd", c, "EODHD", "EODHD_API_TOKEN", "eodhd.com", "{h14}.{d8}", hdr="?api_token={v}", documented=False)
R("alpaca", c, "Alpaca", "APCA_API_SECRET_KEY", "api.alpaca.markets", "{a40}", hdr="APCA-API-SECRET-KEY: {v}", comp=("APCA_API_KEY_ID", "AK{u18}"))
R("tradier", c, "Tradier", "TRADIER_ACCESS_TOKEN", "api.tradier.com", "{a28}", documented=False)
R("fixer", c, "Fixer", "FIXER_ACCESS_KEY", "data.fixer.io", "{h32}", hdr="?access_key={v}")
R("openexchangerates", c, "Open Exchange Rates", "OXR_APP_ID", "openexchangerates.org", "{h32}", hdr="?app_id={v}")
R("exchangerateapi", c, "ExchangeRate-API", "EXCHANGERATE_API_KEY", "v6.exchangerate-api.com", "{h24}", hdr="/v6/{v}/latest/EUR")
R("fred", c, "FRED", "FRED_API_KEY", "api.stlouisfed.org", "{h32}", hdr="?api_key={v}")
R("benzinga", c, "Benzinga", "BENZINGA_TOKEN", "api.benzinga.com", "{h32}", hdr="?token={v}", documented=False)
R("quiver", c, "Quiver Quantitative", "QUIVER_API_TOKEN", "api.quiverquant.com", "{h40}", hdr="Authorization: Token {v}", documented=False)
R("marketaux", c, "Marketaux", "MARKETAUX_API_TOKEN", "api.marketaux.com", "{a40}", hdr="?api_token={v}", documented=False)
R("mercury", c, "Mercury", "MERCURY_API_TOKEN", "api.mercury.com", "secret-token:mercury_production_wma_{a44}_yrucrem", fixed=False)
R("moderntreasury", c, "Modern Treasury", "MODERN_TREASURY_API_KEY", "app.moderntreasury.com", "live-{a48}", hdr="basic|{c}|{v}",
  comp=("MODERN_TREASURY_ORGANIZATION_ID", "{uuid}"), fixed=False)
R("lithic", c, "Lithic", "LITHIC_API_KEY", "api.lithic.com", "{uuid}", hdr="Authorization: {v}")
R("brex", c, "Brex", "BREX_API_TOKEN", "platform.brexapis.com", "bxt_{a40}", fixed=False)
R("ramp", c, "Ramp", "RAMP_CLIENT_SECRET", "api.ramp.com", "ramp_sec_{a48}", hdr="basic|{c}|{v}", comp=("RAMP_CLIENT_ID", "ramp_id_{a40}"), fixed=False)
R("tink", c, "Tink", "TINK_CLIENT_SECRET", "api.tink.com", "{h32}", comp=("TINK_CLIENT_ID", "{h32}"))
R("nordigen", c, "GoCardless Bank Account Data", "NORDIGEN_SECRET_KEY", "bankaccountdata.gocardless.com", "{h128}", comp=("NORDIGEN_SECRET_ID", "{uuid}"))
R("yapily", c, "Yapily", "YAPILY_APPLICATION_SECRET", "api.yapily.com", "{uuid}", hdr="basic|{c}|{v}", comp=("YAPILY_APPLICATION_KEY", "{uuid}"))
R("akahu", c, "Akahu", "AKAHU_APP_SECRET", "api.akahu.io", "{l32}", hdr="X-Akahu-Id: {c}", comp=("AKAHU_APP_TOKEN", "app_token_{l25}"), documented=False)
R("akahu-user", c, "Akahu", "AKAHU_USER_TOKEN", "api.akahu.io", "user_token_{l25}", provider="akahu")
R("basiq", c, "Basiq", "BASIQ_API_KEY", "au-api.basiq.io", "{basiq}", hdr="Authorization: Basic {v}")
R("belvo", c, "Belvo", "BELVO_SECRET_PASSWORD", "api.belvo.com", "{s64}", hdr="basic|{c}|{v}", comp=("BELVO_SECRET_ID", "{uuid}"))
R("pluggy", c, "Pluggy", "PLUGGY_CLIENT_SECRET", "api.pluggy.ai", "{uuid}", comp=("PLUGGY_CLIENT_ID", "{uuid}"))
R("saltedge", c, "Salt Edge", "SALTEDGE_SECRET", "www.saltedge.com", "{s43}", hdr="Secret: {v}", comp=("SALTEDGE_APP_ID", "{s43}"), documented=False)
R("revolut", c, "Revolut Business", "REVOLUT_REFRESH_TOKEN", "b2b.revolut.com", "oa_prod_{s43}")
R("qonto", c, "Qonto", "QONTO_SECRET_KEY", "thirdparty.qonto.com", "{h32}", hdr="Authorization: {c}:{v}", comp=("QONTO_LOGIN", "acme-{l8}-{d4}"))
R("bunq", c, "bunq", "BUNQ_API_KEY", "api.bunq.com", "{h64}", hdr="X-Bunq-Client-Authentication: {v}")
R("mangopay", c, "Mangopay", "MANGOPAY_API_KEY", "api.mangopay.com", "{a50}", hdr="basic|{c}|{v}", comp=("MANGOPAY_CLIENT_ID", "acme{l8}"), documented=False)
R("checkoutcom", c, "Checkout.com", "CKO_SECRET_KEY", "api.checkout.com", "sk_{q26}", hdr="Authorization: {v}", kind="n")

# ===== long tail: news ==========================================================================================
c = "news"
R("gnews", c, "GNews", "GNEWS_API_KEY", "gnews.io", "{h32}", hdr="?apikey={v}")
R("newsdata", c, "NewsData.io", "NEWSDATA_API_KEY", "newsdata.io", "pub_{d5}{h32}", hdr="?apikey={v}", kind="n")
R("mediastack", c, "mediastack", "MEDIASTACK_ACCESS_KEY", "api.mediastack.com", "{h32}", hdr="?access_key={v}")
R("guardian", c, "The Guardian Open Platform", "GUARDIAN_API_KEY", "content.guardianapis.com", "{uuid}", hdr="?api-key={v}")
R("nytimes", c, "New York Times", "NYT_API_KEY", "api.nytimes.com", "{a32}", hdr="?api-key={v}")
R("currents", c, "Currents API", "CURRENTS_API_KEY", "api.currentsapi.services", "{s48}", hdr="Authorization: {v}", documented=False)
R("newscatcher", c, "NewsCatcher", "NEWSCATCHER_API_KEY", "v3-api.newscatcherapi.com", "{s43}", hdr="x-api-token: {v}", documented=False)
R("eventregistry", c, "NewsAPI.ai (Event Registry)", "EVENT_REGISTRY_API_KEY", "eventregistry.org", "{uuid}", hdr="?apiKey={v}")
R("worldnewsapi", c, "World News API", "WORLDNEWS_API_KEY", "api.worldnewsapi.com", "{h32}", hdr="x-api-key: {v}", documented=False)
R("thenewsapi", c, "TheNewsAPI", "THENEWSAPI_TOKEN", "api.thenewsapi.com", "{a40}", hdr="?api_token={v}", documented=False)

# ===== long tail: geo, IP lookup, address ======================================================================
c = "geo"
R("maxmind", c, "MaxMind", "MAXMIND_LICENSE_KEY", "geoip.maxmind.com", "{a6}_{a29}_mmk", hdr="basic|{c}|{v}", comp=("MAXMIND_ACCOUNT_ID", "{d7}"),
  kind="p", checked=True)
R("ipdata", c, "ipdata", "IPDATA_API_KEY", "api.ipdata.co", "{h56}", hdr="?api-key={v}")
R("ip2location", c, "IP2Location.io", "IP2LOCATION_API_KEY", "api.ip2location.io", "{H32}", hdr="?key={v}")
R("ipapi", c, "ipapi", "IPAPI_KEY", "ipapi.co", "{a40}", hdr="?key={v}", documented=False)
R("ipify", c, "IPify Geolocation", "IPIFY_API_KEY", "geo.ipify.org", "at_{a29}", hdr="?apiKey={v}")
R("ipwhois", c, "ipwhois.io", "IPWHOIS_KEY", "ipwhois.pro", "{a16}", hdr="?key={v}", documented=False)
R("ipregistry", c, "Ipregistry", "IPREGISTRY_API_KEY", "api.ipregistry.co", "{l16}", hdr="Authorization: ApiKey {v}", documented=False)
R("geocodio", c, "Geocodio", "GEOCODIO_API_KEY", "api.geocod.io", "{h39}", hdr="?api_key={v}", documented=False)
R("smarty", c, "Smarty", "SMARTY_AUTH_TOKEN", "us-street.api.smarty.com", "{a20}", hdr="?auth-token={v}", comp=("SMARTY_AUTH_ID", "{uuid}"))
R("loqate", c, "Loqate", "LOQATE_KEY", "api.addressy.com", "{U2}{d2}-{U2}{d2}-{U2}{d2}-{U2}{d2}", hdr="?Key={v}")
R("idealpostcodes", c, "Ideal Postcodes", "IDEAL_POSTCODES_KEY", "api.ideal-postcodes.co.uk", "ak_{l25}", hdr="?api_key={v}")
R("getaddress", c, "getAddress.io", "GETADDRESS_API_KEY", "api.getAddress.io", "{s22}{d5}", hdr="?api-key={v}", documented=False)
R("osdatahub", c, "OS Data Hub", "OS_API_KEY", "api.os.uk", "{a32}", hdr="key: {v}")
R("bigdatacloud", c, "BigDataCloud", "BIGDATACLOUD_API_KEY", "api-bdc.net", "bdc_{h32}", hdr="?key={v}")
R("postgrid", c, "PostGrid", "POSTGRID_API_KEY", "api.postgrid.com", "live_sk_{a22}", hdr="x-api-key: {v}", fixed=False)
R("mapycz", c, "Mapy.com", "MAPY_API_KEY", "api.mapy.cz", "{s43}", hdr="X-Mapy-Api-Key: {v}", documented=False)

# ===== long tail: weather and environment ======================================================================
c = "weather"
R("weatherapi", c, "WeatherAPI.com", "WEATHERAPI_KEY", "api.weatherapi.com", "{h31}", hdr="?key={v}")
R("tomorrowio", c, "Tomorrow.io", "TOMORROW_API_KEY", "api.tomorrow.io", "{a32}", hdr="?apikey={v}")
R("visualcrossing", c, "Visual Crossing", "VISUAL_CROSSING_KEY", "weather.visualcrossing.com", "{U25}", hdr="?key={v}")
R("weatherbit", c, "Weatherbit", "WEATHERBIT_API_KEY", "api.weatherbit.io", "{h32}", hdr="?key={v}")
R("accuweather", c, "AccuWeather", "ACCUWEATHER_API_KEY", "dataservice.accuweather.com", "{a32}", hdr="?apikey={v}")
R("weatherstack", c, "weatherstack", "WEATHERSTACK_ACCESS_KEY", "api.weatherstack.com", "{h32}", hdr="?access_key={v}")
R("stormglass", c, "Stormglass", "STORMGLASS_API_KEY", "api.stormglass.io", "{h32}-{h36}", hdr="Authorization: {v}", documented=False)
R("meteomatics", c, "Meteomatics", "METEOMATICS_PASSWORD", "api.meteomatics.com", "{a10}", hdr="basic|{c}|{v}", comp=("METEOMATICS_USER", "acme_{L6}"),
  documented=False)
R("openmeteo", c, "Open-Meteo", "OPEN_METEO_API_KEY", "customer-api.open-meteo.com", "{a24}", hdr="?apikey={v}", documented=False)
R("pirateweather", c, "Pirate Weather", "PIRATE_WEATHER_KEY", "api.pirateweather.net", "{a32}", hdr="/forecast/{v}/52.37,4.89", documented=False)
R("xweather", c, "Xweather", "XWEATHER_CLIENT_SECRET", "data.api.xweather.com", "{a40}", hdr="?client_secret={v}", comp=("XWEATHER_CLIENT_ID", "{a21}"),
  documented=False)
R("windy", c, "Windy", "WINDY_API_KEY", "api.windy.com", "{a32}", hdr="x-windy-api-key: {v}", documented=False)
R("noaacdo", c, "NOAA Climate Data Online", "NOAA_CDO_TOKEN", "www.ncei.noaa.gov", "{x32}", hdr="token: {v}")
R("metoffice", c, "Met Office DataHub", "MET_OFFICE_API_KEY", "data.hub.api.metoffice.gov.uk", "{jwt_metoffice}", hdr="apikey: {v}", fixed=False)
R("meteoblue", c, "meteoblue", "METEOBLUE_API_KEY", "my.meteoblue.com", "{a16}", hdr="?apikey={v}", documented=False)
R("airnow", c, "AirNow", "AIRNOW_API_KEY", "www.airnowapi.org", "{UUID}", hdr="?API_KEY={v}")
R("openaq", c, "OpenAQ", "OPENAQ_API_KEY", "api.openaq.org", "{h64}", hdr=X)
R("purpleair", c, "PurpleAir", "PURPLEAIR_READ_KEY", "api.purpleair.com", "{UUID}", hdr="X-API-Key: {v}")
R("ambee", c, "Ambee", "AMBEE_API_KEY", "api.ambeedata.com", "{h64}", hdr="x-api-key: {v}", documented=False)

# ===== long tail: self-hosted applications =====================================================================
c = "selfhosted"
R("jellyfin", c, "Jellyfin", "JELLYFIN_API_KEY", "jellyfin.home.arpa:8096", "{h32}", hdr='Authorization: MediaBrowser Token="{v}"')
R("emby", c, "Emby", "EMBY_API_KEY", "emby.home.arpa:8096", "{h32}", hdr="X-Emby-Token: {v}")
R("plex", c, "Plex", "PLEX_TOKEN", "plex.home.arpa:32400", "{s20}", hdr="X-Plex-Token: {v}")
R("sonarr", c, "Sonarr", "SONARR_API_KEY", "sonarr.home.arpa:8989", "{h32}", hdr=X)
R("radarr", c, "Radarr", "RADARR_API_KEY", "radarr.home.arpa:7878", "{h32}", hdr=X)
R("prowlarr", c, "Prowlarr", "PROWLARR_API_KEY", "prowlarr.home.arpa:9696", "{h32}", hdr=X)
R("tautulli", c, "Tautulli", "TAUTULLI_API_KEY", "tautulli.home.arpa:8181", "{h32}", hdr="?apikey={v}")
R("sabnzbd", c, "SABnzbd", "SABNZBD_API_KEY", "sabnzbd.home.arpa:8080", "{h32}", hdr="?apikey={v}")
R("overseerr", c, "Overseerr", "OVERSEERR_API_KEY", "overseerr.home.arpa:5055", "{b68}", hdr=X, documented=False)
R("proxmox", c, "Proxmox VE", "PROXMOX_API_TOKEN", "pve.home.arpa:8006", "terraform@pve!provider={uuid}", hdr="Authorization: PVEAPIToken={v}",
  case=False)
R("portainer", c, "Portainer", "PORTAINER_API_KEY", "portainer.home.arpa:9443", "ptr_{b43}=", hdr=X)
R("immich", c, "Immich", "IMMICH_API_KEY", "photos.home.arpa:2283", "{a43}", hdr="x-api-key: {v}", documented=False)
R("paperless", c, "Paperless-ngx", "PAPERLESS_TOKEN", "paperless.home.arpa:8000", "{h40}", hdr="Authorization: Token {v}")
R("nextcloud", c, "Nextcloud", "NEXTCLOUD_APP_PASSWORD", "cloud.acme.io", "{a5}-{a5}-{a5}-{a5}-{a5}", hdr="basic|backup|{v}")
R("pihole", c, "Pi-hole", "PIHOLE_API_TOKEN", "pihole.home.arpa", "{h64}", hdr="?auth={v}")
R("miniflux", c, "Miniflux", "MINIFLUX_API_TOKEN", "rss.home.arpa", "{s44}", hdr="X-Auth-Token: {v}", documented=False)
R("outline", c, "Outline", "OUTLINE_API_KEY", "app.getoutline.com", "ol_api_{a38}", checked=True)
R("bookstack", c, "BookStack", "BOOKSTACK_TOKEN_SECRET", "wiki.acme.internal", "{a32}", hdr="Authorization: Token {c}:{v}", comp=("BOOKSTACK_TOKEN_ID", "{a32}"))
R("matrix", c, "Matrix (Synapse)", "MATRIX_ACCESS_TOKEN", "matrix.acme.io", "{syt}", kind="p", fixed=False)
R("gotify", c, "Gotify", "GOTIFY_APP_TOKEN", "push.home.arpa", "A{s14}", hdr="X-Gotify-Key: {v}")
R("redmine", c, "Redmine", "REDMINE_API_KEY", "redmine.acme.internal", "{h40}", hdr="X-Redmine-API-Key: {v}")
R("openproject", c, "OpenProject", "OPENPROJECT_API_KEY", "openproject.acme.internal", "{h64}", hdr="basic|apikey|{v}")
R("zabbix", c, "Zabbix", "ZABBIX_API_TOKEN", "zabbix.acme.internal", "{h64}")
R("n8n", c, "n8n", "N8N_API_KEY", "n8n.acme.internal", "{jwt_n8n}", hdr="X-N8N-API-KEY: {v}", fixed=False)
R("authentik", c, "authentik", "AUTHENTIK_TOKEN", "auth.acme.internal", "{a60}", documented=False)
R("vaultwarden", c, "Vaultwarden", "ADMIN_TOKEN", "vault.home.arpa", "{b64}", hdr="Cookie: VW_ADMIN={v}", fixed=False)
R("harbor", c, "Harbor", "HARBOR_ROBOT_SECRET", "harbor.acme.io", "{a32}", hdr="basic|robot$ci-push|{v}", comp=("HARBOR_ROBOT_NAME", "robot$ci-push"))
R("coolify", c, "Coolify", "COOLIFY_API_TOKEN", "coolify.acme.internal", "{d1}|{a40}")
R("forgejo", c, "Forgejo", "FORGEJO_TOKEN", "codeberg.org", "{h40}", hdr="Authorization: token {v}")
R("linkding", c, "linkding", "LINKDING_TOKEN", "links.home.arpa", "{h40}", hdr="Authorization: Token {v}")
R("graylog", c, "Graylog", "GRAYLOG_API_TOKEN", "graylog.acme.internal", "{l52}", hdr="basic|{v}|token", documented=False)
R("kanboard", c, "Kanboard", "KANBOARD_API_TOKEN", "kanban.acme.internal", "{h64}", hdr="basic|jsonrpc|{v}", documented=False)

# ===== long tail: e-commerce, logistics, shipping ==============================================================
c = "ecommerce"
R("prestashop", c, "PrestaShop", "PRESTASHOP_WEBSERVICE_KEY", "shop.acme.io", "{u32}", hdr="basic|{v}|")
R("shopware", c, "Shopware", "SHOPWARE_SECRET_ACCESS_KEY", "shop.acme.io", "{a55}", comp=("SHOPWARE_ACCESS_KEY_ID", "SWIA{z22}"))
R("shopware-id", c, "Shopware", "SHOPWARE_ACCESS_KEY_ID", "shop.acme.io", "SWIA{z22}", provider="shopware", hdr="client_id: {v}")
R("saleor", c, "Saleor", "SALEOR_APP_TOKEN", "acme.saleor.cloud", "{a30}", documented=False)
R("medusa", c, "Medusa", "MEDUSA_SECRET_API_KEY", "api.acme-store.io", "sk_{h64}", hdr="basic|{v}|", kind="n")
R("swell", c, "Swell", "SWELL_SECRET_KEY", "api.swell.store", "{a32}", hdr="basic|acme|{v}", documented=False)
R("lightspeed", c, "Lightspeed eCom", "LIGHTSPEED_API_SECRET", "api.webshopapp.com", "{h32}", hdr="basic|{c}|{v}", comp=("LIGHTSPEED_API_KEY", "{h32}"),
  documented=False)
R("vtex", c, "VTEX", "VTEX_APP_TOKEN", "acme.vtexcommercestable.com.br", "{U100}", hdr="X-VTEX-API-AppToken: {v}",
  comp=("VTEX_APP_KEY", "vtexappkey-acme-{U6}"))
R("mercadolibre", c, "Mercado Libre", "MELI_ACCESS_TOKEN", "api.mercadolibre.com", "APP_USR-{d16}-{d6}-{h32}-{d9}")
R("tiendanube", c, "Tiendanube", "TIENDANUBE_ACCESS_TOKEN", "api.tiendanube.com", "{h40}", hdr="Authentication: bearer {v}")
R("salla", c, "Salla", "SALLA_ACCESS_TOKEN", "api.salla.dev", "ory_at_{s43}.{s43}")
R("shopee", c, "Shopee Open Platform", "SHOPEE_PARTNER_KEY", "partner.shopeemobile.com", "{h64}", hdr="?sign={v}", documented=False)
R("lazada", c, "Lazada Open Platform", "LAZADA_APP_SECRET", "api.lazada.com", "{a32}", hdr="?app_secret={v}", comp=("LAZADA_APP_KEY", "{d6}"), documented=False)
R("coupang", c, "Coupang", "COUPANG_SECRET_KEY", "api-gateway.coupang.com", "{h40}", hdr="X-Secret: {v}", comp=("COUPANG_ACCESS_KEY", "{uuid}"))
R("allegro", c, "Allegro", "ALLEGRO_CLIENT_SECRET", "allegro.pl", "{a64}", hdr="basic|{c}|{v}", comp=("ALLEGRO_CLIENT_ID", "{h32}"))
R("bolcom", c, "bol.com", "BOL_CLIENT_SECRET", "login.bol.com", "{s86}", hdr="basic|{c}|{v}", comp=("BOL_CLIENT_ID", "{uuid}"), documented=False)
R("gelato", c, "Gelato", "GELATO_API_KEY", "order.gelatoapis.com", "{uuid}-{uuid}:{uuid}", hdr="X-API-KEY: {v}", documented=False)
R("recharge", c, "Recharge", "RECHARGE_API_TOKEN", "api.rechargeapps.com", "{h56}", hdr="X-Recharge-Access-Token: {v}", documented=False)
R("yotpo", c, "Yotpo", "YOTPO_SECRET", "api.yotpo.com", "{a40}", hdr="X-Yotpo-Token: {v}", documented=False)
R("judgeme", c, "Judge.me", "JUDGEME_API_TOKEN", "judge.me", "{s27}", hdr="?api_token={v}", documented=False)
R("gorgias", c, "Gorgias", "GORGIAS_API_KEY", "acme.gorgias.com", "{h64}", hdr="basic|ops@acme.io|{v}")
R("omnisend", c, "Omnisend", "OMNISEND_API_KEY", "api.omnisend.com", "{h24}-{a50}", hdr="X-API-KEY: {v}")
R("easyship", c, "Easyship", "EASYSHIP_API_TOKEN", "public-api.easyship.com", "prod_{b44}", fixed=False)
R("sendcloud", c, "Sendcloud", "SENDCLOUD_SECRET_KEY", "panel.sendcloud.sc", "{h32}", hdr="basic|{c}|{v}", comp=("SENDCLOUD_PUBLIC_KEY", "{uuid}"))
R("shipengine", c, "ShipEngine", "SHIPENGINE_API_KEY", "api.shipengine.com", "{s43}", hdr="API-Key: {v}")
R("delhivery", c, "Delhivery", "DELHIVERY_API_TOKEN", "track.delhivery.com", "{h40}", hdr="Authorization: Token {v}")
R("onfleet", c, "Onfleet", "ONFLEET_API_KEY", "onfleet.com", "{h32}", hdr="basic|{v}|")
R("lalamove", c, "Lalamove", "LALAMOVE_API_SECRET", "rest.lalamove.com", "sk_prod_{a64}", hdr="X-Secret: {v}", comp=("LALAMOVE_API_KEY", "pk_prod_{h32}"))
R("route4me", c, "Route4Me", "ROUTE4ME_API_KEY", "api.route4me.com", "{H32}", hdr="?api_key={v}")
R("samsara", c, "Samsara", "SAMSARA_API_TOKEN", "api.samsara.com", "samsara_api_{a30}", fixed=False)
R("motive", c, "Motive", "MOTIVE_API_KEY", "api.gomotive.com", "{uuid}", hdr="X-Api-Key: {v}")
R("postnl", c, "PostNL", "POSTNL_API_KEY", "api.postnl.nl", "{a32}", hdr="apikey: {v}")
R("dhl", c, "DHL", "DHL_API_KEY", "api-eu.dhl.com", "{a32}", hdr="DHL-API-Key: {v}")
R("fedex", c, "FedEx", "FEDEX_SECRET_KEY", "apis.fedex.com", "{h32}", hdr="?client_secret={v}", comp=("FEDEX_API_KEY", "l7{h30}"))
R("ups", c, "UPS", "UPS_CLIENT_SECRET", "onlinetools.ups.com", "{a64}", hdr="basic|{c}|{v}", comp=("UPS_CLIENT_ID", "{a48}"), documented=False)
R("track17", c, "17TRACK", "TRACK17_API_KEY", "api.17track.net", "{H32}", hdr="17token: {v}")

# ===== long tail: HR, recruiting, identity verification ========================================================
c = "hr"
R("bamboohr", c, "BambooHR", "BAMBOOHR_API_KEY", "api.bamboohr.com", "{h40}", hdr="basic|{v}|x")
R("greenhouse", c, "Greenhouse", "GREENHOUSE_API_KEY", "harvest.greenhouse.io", "{h32}", hdr="basic|{v}|")
R("lever", c, "Lever", "LEVER_API_KEY", "api.lever.co", "{a48}", hdr="basic|{v}|", documented=False)
R("workable", c, "Workable", "WORKABLE_API_TOKEN", "acme.workable.com", "{h64}", documented=False)
R("ashby", c, "Ashby", "ASHBY_API_KEY", "api.ashbyhq.com", "{h64}", hdr="basic|{v}|", documented=False)
R("smartrecruiters", c, "SmartRecruiters", "SMARTRECRUITERS_TOKEN", "api.smartrecruiters.com", "DCRA1-{h32}", hdr="X-SmartToken: {v}")
R("recruitee", c, "Recruitee", "RECRUITEE_TOKEN", "api.recruitee.com", "{s32}", documented=False)
R("teamtailor", c, "Teamtailor", "TEAMTAILOR_API_KEY", "api.teamtailor.com", "{a40}", hdr="Authorization: Token token={v}", documented=False)
R("personio", c, "Personio", "PERSONIO_CLIENT_SECRET", "api.personio.de", "papi-{uuid}", hdr="?client_secret={v}", comp=("PERSONIO_CLIENT_ID", "papi-{uuid}"),
  documented=False)
R("hibob", c, "HiBob", "HIBOB_SERVICE_TOKEN", "api.hibob.com", "{a32}", hdr="basic|{c}|{v}", comp=("HIBOB_SERVICE_ID", "SERVICE-{d5}"), documented=False)
R("factorial", c, "Factorial", "FACTORIAL_API_KEY", "api.factorialhr.com", "{h64}", hdr="x-api-key: {v}", documented=False)
R("rippling", c, "Rippling", "RIPPLING_API_KEY", "api.rippling.com", "{s64}", documented=False)
R("humaans", c, "Humaans", "HUMAANS_API_TOKEN", "app.humaans.io", "{a40}", documented=False)
R("checkr", c, "Checkr", "CHECKR_API_KEY", "api.checkr.com", "{h40}", hdr="basic|{v}|")
R("onfido", c, "Onfido", "ONFIDO_API_TOKEN", "api.eu.onfido.com", "api_live.{s11}.{s32}", hdr="Authorization: Token token={v}")
R("persona", c, "Persona", "PERSONA_API_KEY", "withpersona.com", "persona_production_{uuid}")
R("sumsub", c, "Sumsub", "SUMSUB_APP_TOKEN", "api.sumsub.com", "prd:{a24}.{a32}", hdr="X-App-Token: {v}", kind="p")
R("veriff", c, "Veriff", "VERIFF_API_KEY", "stationapi.veriff.com", "{uuid}", hdr="X-AUTH-CLIENT: {v}")

# ===== long tail: marketing, sales, SEO, attribution ===========================================================
c = "marketing"
R("semrush", c, "Semrush", "SEMRUSH_API_KEY", "api.semrush.com", "{h32}", hdr="?key={v}")
R("moz", c, "Moz", "MOZ_SECRET_KEY", "lsapi.seomoz.com", "{h32}", hdr="basic|{c}|{v}", comp=("MOZ_ACCESS_ID", "mozscape-{h10}"))
R("dataforseo", c, "DataForSEO", "DATAFORSEO_PASSWORD", "api.dataforseo.com", "{h16}", hdr="basic|{c}|{v}", comp=("DATAFORSEO_LOGIN", "seo@acme.io"))
R("fullstory", c, "FullStory", "FULLSTORY_API_KEY", "api.fullstory.com", "na1.{b64}", hdr="Authorization: Basic {v}", documented=False, fixed=False)
R("pendo", c, "Pendo", "PENDO_INTEGRATION_KEY", "app.pendo.io", "{uuid}.us", hdr="x-pendo-integration-key: {v}")
R("salesloft", c, "Salesloft", "SALESLOFT_API_KEY", "api.salesloft.com", "v2_ak_{d6}_{h64}")
R("lemlist", c, "lemlist", "LEMLIST_API_KEY", "api.lemlist.com", "{h32}", hdr="basic||{v}")
R("lusha", c, "Lusha", "LUSHA_API_KEY", "api.lusha.com", "{uuid}", hdr="api_key: {v}")
R("rocketreach", c, "RocketReach", "ROCKETREACH_API_KEY", "api.rocketreach.co", "{h40}", hdr="Api-Key: {v}", documented=False)
R("phantombuster", c, "PhantomBuster", "PHANTOMBUSTER_API_KEY", "api.phantombuster.com", "{a43}", hdr="X-Phantombuster-Key: {v}", documented=False)
R("shortio", c, "Short.io", "SHORTIO_API_KEY", "api.short.io", "sk_{a16}", hdr="authorization: {v}", kind="n")
R("tinyurl", c, "TinyURL", "TINYURL_API_TOKEN", "api.tinyurl.com", "{a60}")
R("dub", c, "Dub", "DUB_API_KEY", "api.dub.co", "dub_{a24}")
R("ayrshare", c, "Ayrshare", "AYRSHARE_API_KEY", "app.ayrshare.com", "{U7}-{U7}-{U7}-{U7}")
R("keap", c, "Keap", "KEAP_SERVICE_ACCOUNT_KEY", "api.infusionsoft.com", "KeapAK-{h50}", hdr="X-Keap-API-Key: {v}", fixed=False)
R("marketo", c, "Marketo", "MARKETO_CLIENT_SECRET", "123-ABC-456.mktorest.com", "{a32}", hdr="?client_secret={v}", comp=("MARKETO_CLIENT_ID", "{uuid}"))
R("airship", c, "Airship", "AIRSHIP_MASTER_SECRET", "go.urbanairship.com", "{s22}", hdr="basic|{c}|{v}", comp=("AIRSHIP_APP_KEY", "{s22}"))
R("clevertap", c, "CleverTap", "CLEVERTAP_PASSCODE", "api.clevertap.com", "{U3}-{U3}-{U6}", hdr="X-CleverTap-Passcode: {v}",
  comp=("CLEVERTAP_ACCOUNT_ID", "{u3}-{u3}-{u3}{d1}"))
R("appsflyer", c, "AppsFlyer", "APPSFLYER_DEV_KEY", "api2.appsflyer.com", "{a22}", hdr="authentication: {v}")
R("adjust", c, "Adjust", "ADJUST_API_TOKEN", "automate.adjust.com", "{a20}", documented=False)
R("branch", c, "Branch", "BRANCH_SECRET", "api2.branch.io", "secret_live_{a32}", hdr="?branch_secret={v}", comp=("BRANCH_KEY", "key_live_{a32}"))
R("pinterest", c, "Pinterest", "PINTEREST_ACCESS_TOKEN", "api.pinterest.com", "pina_AMA{z90}", fixed=False, checked=True)
R("tiktokads", c, "TikTok for Business", "TIKTOK_ACCESS_TOKEN", "business-api.tiktok.com", "{h40}", hdr="Access-Token: {v}")
R("googleads", c, "Google Ads", "GOOGLE_ADS_DEVELOPER_TOKEN", "googleads.googleapis.com", "{s22}", hdr="developer-token: {v}")
R("impact", c, "impact.com", "IMPACT_AUTH_TOKEN", "api.impact.com", "{s32}", hdr="basic|{c}|{v}", comp=("IMPACT_ACCOUNT_SID", "IR{s29}"))
R("rewardful", c, "Rewardful", "REWARDFUL_API_SECRET", "api.getrewardful.com", "{h32}", hdr="basic|{v}|", documented=False)
R("yext", c, "Yext", "YEXT_API_KEY", "api.yextapis.com", "{h32}", hdr="?api_key={v}")

# ===== long tail: education and reference ======================================================================
c = "education"
R("canvas", c, "Canvas LMS", "CANVAS_API_TOKEN", "canvas.instructure.com", "{d4}~{a64}")
R("moodle", c, "Moodle", "MOODLE_WSTOKEN", "moodle.acme.edu", "{h32}", hdr="?wstoken={v}")
R("schoology", c, "Schoology", "SCHOOLOGY_CONSUMER_SECRET", "api.schoology.com", "{h32}", hdr="?oauth_consumer_secret={v}",
  comp=("SCHOOLOGY_CONSUMER_KEY", "{h41}"), documented=False)
R("clever", c, "Clever", "CLEVER_DISTRICT_TOKEN", "api.clever.com", "{h40}")
R("udemy", c, "Udemy", "UDEMY_CLIENT_SECRET", "www.udemy.com", "{a128}", hdr="basic|{c}|{v}", comp=("UDEMY_CLIENT_ID", "{a40}"))
R("talentlms", c, "TalentLMS", "TALENTLMS_API_KEY", "acme.talentlms.com", "{a30}", hdr="basic|{v}|")
R("thinkific", c, "Thinkific", "THINKIFIC_API_KEY", "api.thinkific.com", "{h32}", hdr="X-Auth-API-Key: {v}")
R("teachable", c, "Teachable", "TEACHABLE_API_KEY", "developers.teachable.com", "{a32}", hdr="apiKey: {v}", documented=False)
R("padlet", c, "Padlet", "PADLET_API_KEY", "api.padlet.dev", "pdltp_{h64}", hdr="X-Api-Key: {v}")
R("accredible", c, "Accredible", "ACCREDIBLE_API_KEY", "api.accredible.com", "{h32}", hdr="Authorization: Token token={v}")
R("wolfram", c, "Wolfram|Alpha", "WOLFRAM_APP_ID", "api.wolframalpha.com", "{u6}-{u10}", hdr="?appid={v}")
R("oxforddict", c, "Oxford Dictionaries", "OXFORD_APP_KEY", "od-api.oxforddictionaries.com", "{h32}", hdr="app_key: {v}", comp=("OXFORD_APP_ID", "{h8}"))
R("merriamwebster", c, "Merriam-Webster", "MW_API_KEY", "dictionaryapi.com", "{uuid}", hdr="?key={v}")
R("wordnik", c, "Wordnik", "WORDNIK_API_KEY", "api.wordnik.com", "{l50}", hdr="?api_key={v}")
R("powerschool", c, "PowerSchool", "POWERSCHOOL_CLIENT_SECRET", "acme.powerschool.com", "{uuid}", hdr="basic|{c}|{v}", comp=("POWERSCHOOL_CLIENT_ID", "{uuid}"))

# ===== long tail: government and open data =====================================================================
c = "govdata"
R("apidatagov", c, "api.data.gov", "API_DATA_GOV_KEY", "api.data.gov", "{a40}", hdr=X)
R("nasa", c, "NASA Open APIs", "NASA_API_KEY", "api.nasa.gov", "{a40}", hdr="?api_key={v}")
R("census", c, "US Census Bureau", "CENSUS_API_KEY", "api.census.gov", "{h40}", hdr="?key={v}")
R("bls", c, "Bureau of Labor Statistics", "BLS_REGISTRATION_KEY", "api.bls.gov", "{h32}", hdr="?registrationkey={v}")
R("eia", c, "EIA", "EIA_API_KEY", "api.eia.gov", "{a40}", hdr="?api_key={v}")
R("nrel", c, "NREL Developer Network", "NREL_API_KEY", "developer.nrel.gov", "{a40}", hdr="?api_key={v}")
R("openfec", c, "OpenFEC", "FEC_API_KEY", "api.open.fec.gov", "{a40}", hdr="?api_key={v}")
R("congressgov", c, "Congress.gov", "CONGRESS_API_KEY", "api.congress.gov", "{a40}", hdr="?api_key={v}")
R("usdafdc", c, "USDA FoodData Central", "FDC_API_KEY", "api.nal.usda.gov", "{a40}", hdr="?api_key={v}")
R("propublica", c, "ProPublica", "PROPUBLICA_API_KEY", "api.propublica.org", "{a40}", hdr="X-API-Key: {v}")
R("openstates", c, "Open States", "OPENSTATES_API_KEY", "v3.openstates.org", "{uuid}", hdr="X-API-KEY: {v}")
R("companieshouse", c, "Companies House", "COMPANIES_HOUSE_API_KEY", "api.company-information.service.gov.uk", "{uuid}", hdr="basic|{v}|")
R("tfl", c, "Transport for London", "TFL_APP_KEY", "api.tfl.gov.uk", "{h32}", hdr="?app_key={v}")
R("deutschebahn", c, "Deutsche Bahn API Marketplace", "DB_API_KEY", "apis.deutschebahn.com", "{h32}", hdr="DB-Api-Key: {v}", comp=("DB_CLIENT_ID", "{h32}"))
R("trafikverket", c, "Trafikverket", "TRAFIKVERKET_API_KEY", "api.trafikinfo.trafikverket.se", "{h32}", hdr="?authenticationkey={v}")
R("digitransit", c, "Digitransit", "DIGITRANSIT_SUBSCRIPTION_KEY", "api.digitransit.fi", "{h32}", hdr="digitransit-subscription-key: {v}")
R("sf511", c, "511 SF Bay", "SF511_API_KEY", "api.511.org", "{uuid}", hdr="?api_key={v}")
R("wmata", c, "WMATA", "WMATA_API_KEY", "api.wmata.com", "{h32}", hdr="api_key: {v}")
R("ctatracker", c, "CTA Train Tracker", "CTA_TRAIN_TRACKER_KEY", "lapi.transitchicago.com", "{h32}", hdr="?key={v}")
R("socrata", c, "Socrata Open Data", "SOCRATA_APP_TOKEN", "data.cityofnewyork.us", "{a25}", hdr="X-App-Token: {v}")
R("ckan", c, "CKAN", "CKAN_API_TOKEN", "catalog.data.acme.gov", "{jwt_ckan}", hdr="Authorization: {v}", fixed=False)
R("opencorporates", c, "OpenCorporates", "OPENCORPORATES_API_TOKEN", "api.opencorporates.com", "{a20}", hdr="?api_token={v}")
R("copernicus", c, "Copernicus Climate Data Store", "CDSAPI_KEY", "cds.climate.copernicus.eu", "{uuid}", hdr="PRIVATE-TOKEN: {v}")
R("earthdata", c, "NASA Earthdata Login", "EARTHDATA_TOKEN", "urs.earthdata.nasa.gov", "{jwt_earthdata}", fixed=False)
R("openchargemap", c, "Open Charge Map", "OCM_API_KEY", "api.openchargemap.io", "{uuid}", hdr="X-API-Key: {v}")

# ===== long tail: crypto exchanges and chain data ==============================================================
c = "crypto"
R("htx", c, "HTX (Huobi)", "HTX_SECRET_KEY", "api.huobi.pro", "{h8}-{h8}-{h8}-{h5}", hdr="?Signature={v}", comp=("HTX_ACCESS_KEY", "{h8}-{h8}-{h8}-{h5}"))
R("mexc", c, "MEXC", "MEXC_SECRET_KEY", "api.mexc.com", "{h32}", hdr="X-MEXC-APIKEY: {c}", comp=("MEXC_API_KEY", "mx0v{a14}"))
R("bitmart", c, "BitMart", "BITMART_SECRET_KEY", "api-cloud.bitmart.com", "{h64}", hdr="X-BM-KEY: {c}", comp=("BITMART_API_KEY", "{h40}"))
R("poloniex", c, "Poloniex", "POLONIEX_SECRET", "api.poloniex.com", "{h128}", hdr="key: {c}", comp=("POLONIEX_KEY", "{u8}-{u8}-{u8}-{u8}"))
R("deribit", c, "Deribit", "DERIBIT_CLIENT_SECRET", "www.deribit.com", "{s43}", hdr="?client_secret={v}", comp=("DERIBIT_CLIENT_ID", "{s8}"))
R("bitmex", c, "BitMEX", "BITMEX_API_SECRET", "www.bitmex.com", "{s48}", hdr="api-key: {c}", comp=("BITMEX_API_KEY", "{s24}"))
R("upbit", c, "Upbit", "UPBIT_SECRET_KEY", "api.upbit.com", "{a40}", hdr="?secret={v}", comp=("UPBIT_ACCESS_KEY", "{a40}"))
R("bitflyer", c, "bitFlyer", "BITFLYER_API_SECRET", "api.bitflyer.com", "{b44}", hdr="ACCESS-KEY: {c}", comp=("BITFLYER_API_KEY", "{a22}"))
R("coincheck", c, "Coincheck", "COINCHECK_SECRET_KEY", "coincheck.com", "{s32}", hdr="ACCESS-KEY: {c}", comp=("COINCHECK_ACCESS_KEY", "{s16}"))
R("luno", c, "Luno", "LUNO_API_SECRET", "api.luno.com", "{s43}", hdr="basic|{c}|{v}", comp=("LUNO_API_KEY_ID", "{l13}"))
R("valr", c, "VALR", "VALR_API_SECRET", "api.valr.com", "{h64}", hdr="X-VALR-API-KEY: {c}", comp=("VALR_API_KEY", "{h64}"))
R("bitso", c, "Bitso", "BITSO_API_SECRET", "api.bitso.com", "{h32}", hdr="?secret={v}", comp=("BITSO_API_KEY", "{a10}"))
R("bitvavo", c, "Bitvavo", "BITVAVO_API_SECRET", "api.bitvavo.com", "{h128}", hdr="Bitvavo-Access-Key: {c}", comp=("BITVAVO_API_KEY", "{h64}"))
R("exmo", c, "EXMO", "EXMO_SECRET", "api.exmo.com", "S-{h40}", hdr="Key: {c}", comp=("EXMO_KEY", "K-{h40}"))
R("indodax", c, "Indodax", "INDODAX_SECRET_KEY", "indodax.com", "{h80}", hdr="Key: {c}", comp=("INDODAX_API_KEY", "{u8}-{u8}-{u8}-{u8}-{u8}"))
R("coindcx", c, "CoinDCX", "COINDCX_SECRET", "api.coindcx.com", "{h64}", hdr="X-AUTH-APIKEY: {c}", comp=("COINDCX_API_KEY", "{h64}"), documented=False)
R("covalent", c, "Covalent (GoldRush)", "COVALENT_API_KEY", "api.covalenthq.com", "cqt_{a28}", fixed=False)
R("bscscan", c, "BscScan", "BSCSCAN_API_KEY", "api.bscscan.com", "{u34}", hdr="?apikey={v}")
R("ankr", c, "Ankr", "ANKR_API_KEY", "rpc.ankr.com", "{h64}", hdr="/eth/{v}")
R("getblock", c, "GetBlock", "GETBLOCK_TOKEN", "go.getblock.io", "{h32}", hdr="/{v}/")
R("tatum", c, "Tatum", "TATUM_API_KEY", "api.tatum.io", "t-{h24}-{h32}", hdr="x-api-key: {v}")
R("bitquery", c, "Bitquery", "BITQUERY_API_KEY", "graphql.bitquery.io", "BQY{a29}", hdr="X-API-KEY: {v}", kind="p")
R("dune", c, "Dune", "DUNE_API_KEY", "api.dune.com", "{a32}", hdr="X-Dune-Api-Key: {v}")
R("cryptocompare", c, "CryptoCompare", "CRYPTOCOMPARE_API_KEY", "min-api.cryptocompare.com", "{h64}", hdr="authorization: Apikey {v}")
R("coinapi", c, "CoinAPI", "COINAPI_KEY", "rest.coinapi.io", "{UUID}", hdr="X-CoinAPI-Key: {v}")
R("bitgo", c, "BitGo", "BITGO_ACCESS_TOKEN", "app.bitgo.com", "v2x{h64}", kind="p")
R("circle", c, "Circle", "CIRCLE_API_KEY", "api.circle.com", "LIVE_API_KEY:{h32}:{h32}")
R("btcpay", c, "BTCPay Server", "BTCPAY_API_KEY", "btcpay.acme.io", "{h40}", hdr="Authorization: token {v}")
R("opennode", c, "OpenNode", "OPENNODE_API_KEY", "api.opennode.com", "{uuid}", hdr="Authorization: {v}")
R("zebedee", c, "ZEBEDEE", "ZBD_API_KEY", "api.zebedee.io", "{a32}", hdr="apikey: {v}", documented=False)
R("opensea", c, "OpenSea", "OPENSEA_API_KEY", "api.opensea.io", "{h32}", hdr="X-API-KEY: {v}")
R("thirdweb", c, "thirdweb", "THIRDWEB_SECRET_KEY", "api.thirdweb.com", "{s86}", hdr="x-secret-key: {v}", documented=False)

# ===== long tail: IoT, smart home, wearables ===================================================================
c = "iot"
R("tuya", c, "Tuya IoT", "TUYA_ACCESS_SECRET", "openapi.tuyaus.com", "{h32}", hdr="client_id: {c}", comp=("TUYA_ACCESS_ID", "{l20}"))
R("blynk", c, "Blynk", "BLYNK_AUTH_TOKEN", "blynk.cloud", "{s32}", hdr="?token={v}")
R("thingspeak", c, "ThingSpeak", "THINGSPEAK_WRITE_API_KEY", "api.thingspeak.com", "{u16}", hdr="?api_key={v}")
R("ubidots", c, "Ubidots", "UBIDOTS_TOKEN", "industrial.api.ubidots.com", "BBUS-{a30}", hdr="X-Auth-Token: {v}")
R("ttn", c, "The Things Stack", "TTN_API_KEY", "eu1.cloud.thethings.network", "NNSXS.{z39}.{z52}", checked=True)
R("losant", c, "Losant", "LOSANT_API_TOKEN", "api.losant.com", "{jwt_losant}", fixed=False)
R("golioth", c, "Golioth", "GOLIOTH_API_KEY", "api.golioth.io", "{a32}", hdr="x-api-key: {v}", documented=False)
R("balena", c, "balenaCloud", "BALENA_API_KEY", "api.balena-cloud.com", "{a32}")
R("memfault", c, "Memfault", "MEMFAULT_PROJECT_KEY", "chunks.memfault.com", "{h32}", hdr="Memfault-Project-Key: {v}")
R("notehub", c, "Blues Notehub", "NOTEHUB_TOKEN", "api.notefile.net", "{a32}", hdr="X-SESSION-TOKEN: {v}", documented=False)
R("thingsboard", c, "ThingsBoard", "THINGSBOARD_ACCESS_TOKEN", "thingsboard.cloud", "{a20}", hdr="/api/v1/{v}/telemetry")
R("hue", c, "Philips Hue", "HUE_APP_KEY", "192.168.1.20", "{s40}", hdr="hue-application-key: {v}")
R("ecobee", c, "ecobee", "ECOBEE_API_KEY", "api.ecobee.com", "{a32}", hdr="?client_id={v}")
R("netatmo", c, "Netatmo", "NETATMO_CLIENT_SECRET", "api.netatmo.com", "{a30}", hdr="?client_secret={v}", comp=("NETATMO_CLIENT_ID", "{h24}"), documented=False)
R("fitbit", c, "Fitbit", "FITBIT_CLIENT_SECRET", "api.fitbit.com", "{h32}", hdr="basic|{c}|{v}", comp=("FITBIT_CLIENT_ID", "{u6}"))
R("oura", c, "Oura", "OURA_PERSONAL_ACCESS_TOKEN", "api.ouraring.com", "{u32}")
R("withings", c, "Withings", "WITHINGS_CLIENT_SECRET", "wbsapi.withings.net", "{h64}", hdr="?client_secret={v}", comp=("WITHINGS_CLIENT_ID", "{h64}"))
R("smartcar", c, "Smartcar", "SMARTCAR_CLIENT_SECRET", "auth.smartcar.com", "{uuid}", hdr="basic|{c}|{v}", comp=("SMARTCAR_CLIENT_ID", "{uuid}"))
R("octopusenergy", c, "Octopus Energy", "OCTOPUS_ENERGY_API_KEY", "api.octopus.energy", "sk_live_{a24}", hdr="basic|{v}|")
R("lifx", c, "LIFX", "LIFX_TOKEN", "api.lifx.com", "{h64}")
R("switchbot", c, "SwitchBot", "SWITCHBOT_TOKEN", "api.switch-bot.com", "{h96}", hdr="Authorization: {v}", comp=("SWITCHBOT_SECRET", "{h32}"))
R("govee", c, "Govee", "GOVEE_API_KEY", "openapi.api.govee.com", "{uuid}", hdr="Govee-API-Key: {v}")
R("arduinocloud", c, "Arduino Cloud", "ARDUINO_CLIENT_SECRET", "api2.arduino.cc", "{a64}", hdr="?client_secret={v}", comp=("ARDUINO_CLIENT_ID", "{a32}"),
  documented=False)
R("hologram", c, "Hologram", "HOLOGRAM_API_KEY", "dashboard.hologram.io", "{a32}", hdr="basic|apikey|{v}", documented=False)

# ===== long tail: games =========================================================================================
c = "games"
R("steam", c, "Steam Web API", "STEAM_API_KEY", "api.steampowered.com", "{H32}", hdr="?key={v}")
R("riot", c, "Riot Games", "RIOT_API_KEY", "americas.api.riotgames.com", "RGAPI-{uuid}", hdr="X-Riot-Token: {v}", checked=True)
R("battlenet", c, "Battle.net", "BLIZZARD_CLIENT_SECRET", "oauth.battle.net", "{a32}", hdr="basic|{c}|{v}", comp=("BLIZZARD_CLIENT_ID", "{h32}"))
R("itchio", c, "itch.io", "ITCH_API_KEY", "itch.io", "{a40}")
R("unity", c, "Unity Services", "UNITY_SERVICE_ACCOUNT_SECRET", "services.api.unity.com", "{s32}", hdr="basic|{c}|{v}", comp=("UNITY_KEY_ID", "{uuid}"))
R("gameanalytics", c, "GameAnalytics", "GAMEANALYTICS_SECRET_KEY", "api.gameanalytics.com", "{h40}", hdr="?secret_key={v}", comp=("GAMEANALYTICS_GAME_KEY", "{h32}"))
R("playfab", c, "PlayFab", "PLAYFAB_SECRET_KEY", "a1b2c.playfabapi.com", "{U54}", hdr="X-SecretKey: {v}", documented=False)
R("supercell", c, "Supercell (Clash of Clans API)", "COC_API_TOKEN", "api.clashofclans.com", "{jwt_supercell}", fixed=False)
R("faceit", c, "FACEIT", "FACEIT_API_KEY", "open.faceit.com", "{uuid}")
R("hypixel", c, "Hypixel", "HYPIXEL_API_KEY", "api.hypixel.net", "{uuid}", hdr="API-Key: {v}")
R("bungie", c, "Bungie.net", "BUNGIE_API_KEY", "www.bungie.net", "{h32}", hdr="X-API-Key: {v}")
R("modrinth", c, "Modrinth", "MODRINTH_TOKEN", "api.modrinth.com", "mrp_{a60}", hdr="Authorization: {v}", checked=True)
R("curseforge", c, "CurseForge", "CURSEFORGE_API_KEY", "api.curseforge.com", "{bcrypt_key}", hdr="x-api-key: {v}", kind="p")
R("lichess", c, "Lichess", "LICHESS_TOKEN", "lichess.org", "lip_{a20}")
R("osu", c, "osu!", "OSU_CLIENT_SECRET", "osu.ppy.sh", "{a40}", hdr="?client_secret={v}", comp=("OSU_CLIENT_ID", "{d5}"))
R("rawg", c, "RAWG", "RAWG_API_KEY", "api.rawg.io", "{h32}", hdr="?key={v}")
R("giantbomb", c, "Giant Bomb", "GIANTBOMB_API_KEY", "www.giantbomb.com", "{h40}", hdr="?api_key={v}")
R("steamgriddb", c, "SteamGridDB", "STEAMGRIDDB_API_KEY", "www.steamgriddb.com", "{h32}")
R("tebex", c, "Tebex", "TEBEX_SECRET", "plugin.tebex.io", "{h40}", hdr="X-Tebex-Secret: {v}")
R("trackergg", c, "Tracker Network", "TRN_API_KEY", "public-api.tracker.gg", "{uuid}", hdr="TRN-Api-Key: {v}")
R("gw2", c, "Guild Wars 2", "GW2_API_KEY", "api.guildwars2.com", "{H8}-{H4}-{H4}-{H4}-{H20}-{H4}-{H4}-{H4}-{H12}", hdr="?access_token={v}")
R("wargaming", c, "Wargaming.net", "WARGAMING_APP_ID", "api.worldoftanks.eu", "{h32}", hdr="?application_id={v}")
R("eos", c, "Epic Online Services", "EOS_CLIENT_SECRET", "api.epicgames.dev", "{s43}", hdr="basic|{c}|{v}", comp=("EOS_CLIENT_ID", "xyza7891{a24}"))
R("pubg", c, "PUBG Developer API", "PUBG_API_KEY", "api.pubg.com", "{jwt_pubg}", fixed=False)
R("pterodactyl", c, "Pterodactyl", "PTERODACTYL_CLIENT_KEY", "panel.acme.gg", "ptlc_{a43}")
R("pterodactyl-app", c, "Pterodactyl", "PTERODACTYL_APPLICATION_KEY", "panel.acme.gg", "ptla_{a43}", provider="pterodactyl")

# ===== regional payments (Asia, Africa, Latin America, Europe) =================================================
c = "payment"
R("omise", c, "Omise", "OMISE_SECRET_KEY", "api.omise.co", "skey_5{l18}", hdr="basic|{v}|")
R("paymongo", c, "PayMongo", "PAYMONGO_SECRET_KEY", "api.paymongo.com", "sk_live_{a24}", hdr="basic|{v}|", checked=True)
R("maya", c, "Maya", "MAYA_SECRET_KEY", "pg.paymaya.com", "sk-{a43}", hdr="basic|{v}|")
R("doku", c, "DOKU", "DOKU_SECRET_KEY", "api.doku.com", "SK-{a20}", hdr="Client-Id: {c}", comp=("DOKU_CLIENT_ID", "BRN-{d4}-{d13}"))
R("duitku", c, "Duitku", "DUITKU_API_KEY", "passport.duitku.com", "{h32}", hdr="?apiKey={v}", comp=("DUITKU_MERCHANT_CODE", "D{d4}"))
R("cashfree", c, "Cashfree Payments", "CASHFREE_CLIENT_SECRET", "api.cashfree.com", "cfsk_ma_prod_{h32}_{h8}", hdr="x-client-secret: {v}",
  comp=("CASHFREE_CLIENT_ID", "{d6}{h26}"))
R("phonepe", c, "PhonePe", "PHONEPE_SALT_KEY", "api.phonepe.com", "{uuid}", hdr="X-VERIFY: {v}", comp=("PHONEPE_MERCHANT_ID", "M{u12}"))
R("paytm", c, "Paytm", "PAYTM_MERCHANT_KEY", "securegw.paytm.in", "{s16}", hdr="?merchantKey={v}", comp=("PAYTM_MID", "{x6}{d14}"))
R("instamojo", c, "Instamojo", "INSTAMOJO_AUTH_TOKEN", "www.instamojo.com", "{h32}", hdr="X-Auth-Token: {v}", comp=("INSTAMOJO_API_KEY", "{h32}"))
R("ccavenue", c, "CCAvenue", "CCAVENUE_WORKING_KEY", "secure.ccavenue.com", "{H32}", hdr="?working_key={v}", comp=("CCAVENUE_ACCESS_CODE", "AV{u16}"))
R("payu", c, "PayU", "PAYU_MERCHANT_SALT", "secure.payu.in", "{a32}", hdr="?salt={v}", comp=("PAYU_MERCHANT_KEY", "{a6}"))
R("toss", c, "Toss Payments", "TOSS_SECRET_KEY", "api.tosspayments.com", "live_sk_{a28}", hdr="basic|{v}|", checked=True)
R("portone", c, "PortOne", "PORTONE_API_SECRET", "api.portone.io", "{a80}", hdr="Authorization: PortOne {v}")
R("komoju", c, "KOMOJU", "KOMOJU_SECRET_KEY", "komoju.com", "sk_live_{a32}", hdr="basic|{v}|")
R("payjp", c, "PAY.JP", "PAYJP_SECRET_KEY", "api.pay.jp", "sk_live_{h48}", hdr="basic|{v}|")
R("linepay", c, "LINE Pay", "LINE_PAY_CHANNEL_SECRET", "api-pay.line.me", "{h32}", hdr="X-LINE-ChannelSecret: {v}", comp=("LINE_PAY_CHANNEL_ID", "{d10}"))
R("wechatpay", c, "WeChat Pay", "WECHATPAY_APIV3_KEY", "api.mch.weixin.qq.com", "{a32}", hdr="Wechatpay-Serial: {v}", comp=("WECHATPAY_MCHID", "{d10}"))
R("billplz", c, "Billplz", "BILLPLZ_API_KEY", "www.billplz.com", "{uuid}", hdr="basic|{v}|")
R("hitpay", c, "HitPay", "HITPAY_API_KEY", "api.hit-pay.com", "{h64}", hdr="X-BUSINESS-API-KEY: {v}")
R("airwallex", c, "Airwallex", "AIRWALLEX_API_KEY", "api.airwallex.com", "{h64}", hdr="x-api-key: {v}", comp=("AIRWALLEX_CLIENT_ID", "{s22}"))
R("rapyd", c, "Rapyd", "RAPYD_SECRET_KEY", "api.rapyd.net", "rsk_{h64}", hdr="access_key: {c}", comp=("RAPYD_ACCESS_KEY", "rak_{H20}"))
R("mpesa", c, "M-Pesa Daraja", "MPESA_CONSUMER_SECRET", "api.safaricom.co.ke", "{a64}", hdr="basic|{c}|{v}", comp=("MPESA_CONSUMER_KEY", "{a48}"))
R("yoco", c, "Yoco", "YOCO_SECRET_KEY", "payments.yoco.com", "sk_live_{h32}")
R("payfast", c, "PayFast", "PAYFAST_MERCHANT_KEY", "www.payfast.co.za", "{l13}", hdr="?merchant_key={v}", comp=("PAYFAST_MERCHANT_ID", "{d8}"))
R("ozow", c, "Ozow", "OZOW_PRIVATE_KEY", "api.ozow.com", "{a32}", hdr="ApiKey: {c}", comp=("OZOW_API_KEY", "{a32}"), documented=False)
R("chapa", c, "Chapa", "CHAPA_SECRET_KEY", "api.chapa.co", "CHASECK-{a32}")
R("korapay", c, "Korapay", "KORAPAY_SECRET_KEY", "api.korapay.com", "sk_live_{a40}")
R("monnify", c, "Monnify", "MONNIFY_SECRET_KEY", "api.monnify.com", "{U32}", hdr="basic|{c}|{v}", comp=("MONNIFY_API_KEY", "MK_PROD_{U10}"))
R("mono", c, "Mono", "MONO_SECRET_KEY", "api.withmono.com", "live_sk_{a20}", hdr="mono-sec-key: {v}")
R("momo", c, "MTN MoMo", "MOMO_SUBSCRIPTION_KEY", "proxy.momoapi.mtn.com", "{h32}", hdr="Ocp-Apim-Subscription-Key: {v}")
R("pesapal", c, "Pesapal", "PESAPAL_CONSUMER_SECRET", "pay.pesapal.com", "{b28}", hdr="?consumer_secret={v}", comp=("PESAPAL_CONSUMER_KEY", "{b32}"), documented=False)
R("dpo", c, "DPO Pay", "DPO_COMPANY_TOKEN", "secure.3gdirectpay.com", "{UUID}", hdr="CompanyToken: {v}")
R("wave", c, "Wave", "WAVE_API_KEY", "api.wave.com", "wave_sn_prod_{s62}", fixed=False)
R("fedapay", c, "FedaPay", "FEDAPAY_SECRET_KEY", "api.fedapay.com", "sk_live_{s24}")
R("paymob", c, "Paymob", "PAYMOB_SECRET_KEY", "accept.paymob.com", "egy_sk_live_{h64}", hdr="Authorization: Token {v}")
R("fawry", c, "Fawry", "FAWRY_SECURITY_KEY", "atfawry.com", "{h32}", hdr="?securityKey={v}", comp=("FAWRY_MERCHANT_CODE", "{b24}"))
R("tap", c, "Tap Payments", "TAP_SECRET_KEY", "api.tap.company", "sk_live_{a24}", checked=True)
R("moyasar", c, "Moyasar", "MOYASAR_SECRET_KEY", "api.moyasar.com", "sk_live_{a40}", hdr="basic|{v}|")
R("hyperpay", c, "HyperPay", "HYPERPAY_ACCESS_TOKEN", "eu-prod.oppwa.com", "{hyperpay}", fixed=False)
R("paytabs", c, "PayTabs", "PAYTABS_SERVER_KEY", "secure.paytabs.com", "S{U9}-{U10}-{U10}", hdr="authorization: {v}")
R("conekta", c, "Conekta", "CONEKTA_PRIVATE_KEY", "api.conekta.io", "key_{a25}")
R("openpay", c, "Openpay", "OPENPAY_PRIVATE_KEY", "api.openpay.mx", "sk_{h32}", hdr="basic|{v}|", comp=("OPENPAY_MERCHANT_ID", "m{l19}"), kind="n")
R("culqi", c, "Culqi", "CULQI_SECRET_KEY", "api.culqi.com", "sk_live_{a16}")
R("wompi", c, "Wompi", "WOMPI_PRIVATE_KEY", "production.wompi.co", "prv_prod_{a32}")
R("epayco", c, "ePayco", "EPAYCO_PRIVATE_KEY", "apify.epayco.co", "{h32}", hdr="basic|{c}|{v}", comp=("EPAYCO_PUBLIC_KEY", "{h32}"))
R("payulatam", c, "PayU Latam", "PAYU_LATAM_API_KEY", "api.payulatam.com", "{a26}", hdr="?apiKey={v}", comp=("PAYU_LATAM_MERCHANT_ID", "{d6}"))
R("pagarme", c, "Pagar.me", "PAGARME_SECRET_KEY", "api.pagar.me", "sk_{a32}", hdr="basic|{v}|", kind="n")
R("iugu", c, "iugu", "IUGU_API_TOKEN", "api.iugu.com", "{H32}", hdr="?api_token={v}")
R("asaas", c, "Asaas", "ASAAS_API_KEY", "api.asaas.com", "{asaas}", hdr="access_token: {v}", kind="p", fixed=False)
R("cielo", c, "Cielo", "CIELO_MERCHANT_KEY", "api.cieloecommerce.cielo.com.br", "{U40}", hdr="MerchantKey: {v}", comp=("CIELO_MERCHANT_ID", "{uuid}"))
R("kushki", c, "Kushki", "KUSHKI_PRIVATE_MERCHANT_ID", "api.kushkipagos.com", "{h32}", hdr="Private-Merchant-Id: {v}")
R("transbank", c, "Transbank Webpay", "TBK_API_KEY_SECRET", "webpay3g.transbank.cl", "{H64}", hdr="Tbk-Api-Key-Secret: {v}", comp=("TBK_API_KEY_ID", "5970{d8}"))
R("efi", c, "Efí Bank", "EFI_CLIENT_SECRET", "pix.api.efipay.com.br", "Client_Secret_{h40}", hdr="basic|{c}|{v}", comp=("EFI_CLIENT_ID", "Client_Id_{h40}"))
R("fintoc", c, "Fintoc", "FINTOC_SECRET_KEY", "api.fintoc.com", "sk_live_{s40}", hdr="Authorization: {v}")
R("picpay", c, "PicPay", "PICPAY_TOKEN", "appws.picpay.com", "{uuid}", hdr="x-picpay-token: {v}")
R("openpix", c, "OpenPix (Woovi)", "OPENPIX_APP_ID", "api.openpix.com.br", "{openpix}", hdr="Authorization: {v}", fixed=False)
R("przelewy24", c, "Przelewy24", "P24_API_KEY", "secure.przelewy24.pl", "{h32}", hdr="basic|{c}|{v}", comp=("P24_POS_ID", "{d6}"))
R("redsys", c, "Redsys", "REDSYS_SECRET_KEY", "sis.redsys.es", "{b32}", hdr="?Ds_Signature={v}", comp=("REDSYS_MERCHANT_CODE", "{d9}"))
R("nexi", c, "Nexi XPay", "NEXI_API_KEY", "xpay.nexigroup.com", "{uuid}", hdr="X-Api-Key: {v}")
R("vivawallet", c, "Viva Wallet", "VIVA_CLIENT_SECRET", "accounts.vivapayments.com", "{a30}", hdr="basic|{c}|{v}", comp=("VIVA_CLIENT_ID", "{l30}.apps.vivapayments.com"),
  documented=False)
R("sumup", c, "SumUp", "SUMUP_API_KEY", "api.sumup.com", "sup_sk_{a32}")
R("payplug", c, "PayPlug", "PAYPLUG_SECRET_KEY", "api.payplug.com", "sk_live_{a28}")
R("stancer", c, "Stancer", "STANCER_SECRET_KEY", "api.stancer.com", "sprod_{a24}", hdr="basic|{v}|")
R("alma", c, "Alma", "ALMA_API_KEY", "api.getalma.eu", "sk_live_{a24}", hdr="Authorization: Alma-Auth {v}")
R("klarna", c, "Klarna", "KLARNA_API_PASSWORD", "api.klarna.com", "klarna_live_api_{s64}", hdr="basic|{c}|{v}", comp=("KLARNA_USERNAME", "K{d6}_{h12}"),
  fixed=False)
R("vipps", c, "Vipps MobilePay", "VIPPS_CLIENT_SECRET", "api.vipps.no", "{s43}", hdr="client_secret: {v}", comp=("VIPPS_CLIENT_ID", "{uuid}"))

# ===== regional SMS, push and chat =============================================================================
c = "messaging"
R("termii", c, "Termii", "TERMII_API_KEY", "api.ng.termii.com", "TL{a60}", hdr="?api_key={v}")
R("hubtel", c, "Hubtel", "HUBTEL_CLIENT_SECRET", "smsc.hubtel.com", "{l8}", hdr="?clientsecret={v}", comp=("HUBTEL_CLIENT_ID", "{l8}"), documented=False)
R("arkesel", c, "Arkesel", "ARKESEL_API_KEY", "sms.arkesel.com", "{s32}", hdr="api-key: {v}", documented=False)
R("clickatell", c, "Clickatell", "CLICKATELL_API_KEY", "platform.clickatell.com", "{s24}", hdr="Authorization: {v}", documented=False)
R("msg91", c, "MSG91", "MSG91_AUTH_KEY", "control.msg91.com", "{d6}A{a16}", hdr="authkey: {v}", documented=False)
R("fast2sms", c, "Fast2SMS", "FAST2SMS_API_KEY", "www.fast2sms.com", "{a80}", hdr="authorization: {v}", documented=False)
R("twofactor", c, "2Factor", "TWOFACTOR_API_KEY", "2factor.in", "{uuid}", hdr="/API/V1/{v}/SMS/+919900000000/AUTOGEN")
R("kaleyra", c, "Kaleyra", "KALEYRA_API_KEY", "api.kaleyra.io", "A{h32}", hdr="api-key: {v}")
R("gupshup", c, "Gupshup", "GUPSHUP_API_KEY", "api.gupshup.io", "{h32}", hdr="apikey: {v}", documented=False)
R("exotel", c, "Exotel", "EXOTEL_API_TOKEN", "api.exotel.com", "{h40}", hdr="basic|{c}|{v}", comp=("EXOTEL_API_KEY", "{h48}"), documented=False)
R("semaphore", c, "Semaphore", "SEMAPHORE_API_KEY", "api.semaphore.co", "{h32}", hdr="?apikey={v}")
R("fonnte", c, "Fonnte", "FONNTE_TOKEN", "api.fonnte.com", "{s20}", hdr="Authorization: {v}", documented=False)
R("smsto", c, "SMS.to", "SMSTO_API_KEY", "api.sms.to", "{a32}", documented=False)
R("cmcom", c, "CM.com", "CM_PRODUCT_TOKEN", "gw.cmtelecom.com", "{UUID}", hdr="X-CM-PRODUCTTOKEN: {v}")
R("smsapi", c, "SMSAPI", "SMSAPI_TOKEN", "api.smsapi.pl", "{a40}")
R("gatewayapi", c, "GatewayAPI", "GATEWAYAPI_TOKEN", "gatewayapi.com", "{s64}", hdr="basic|{v}|")
R("elks46", c, "46elks", "ELKS_API_PASSWORD", "api.46elks.com", "{H32}", hdr="basic|{c}|{v}", comp=("ELKS_API_USERNAME", "u{h32}"))
R("seven", c, "seven.io", "SEVEN_API_KEY", "gateway.seven.io", "{a64}", hdr="X-Api-Key: {v}")
R("smsru", c, "SMS.ru", "SMSRU_API_ID", "sms.ru", "{UUID}", hdr="?api_id={v}")
R("zenvia", c, "Zenvia", "ZENVIA_API_TOKEN", "api.zenvia.com", "{s40}", hdr="X-API-TOKEN: {v}", documented=False)
R("unifonic", c, "Unifonic", "UNIFONIC_APP_SID", "el.cloud.unifonic.com", "{a30}", hdr="?AppSid={v}", documented=False)
R("yunpian", c, "Yunpian", "YUNPIAN_APIKEY", "sms.yunpian.com", "{h32}", hdr="?apikey={v}")
R("submail", c, "SUBMAIL", "SUBMAIL_APPKEY", "api.mysubmail.com", "{h32}", hdr="?signature={v}", comp=("SUBMAIL_APPID", "{d5}"))
R("aligo", c, "Aligo", "ALIGO_API_KEY", "apis.aligo.in", "{l32}", hdr="?key={v}", comp=("ALIGO_USER_ID", "acme{l4}"))
R("solapi", c, "SOLAPI", "SOLAPI_API_SECRET", "api.solapi.com", "{U32}", hdr="X-Api-Key: {c}", comp=("SOLAPI_API_KEY", "NCS{U13}"))
R("naversens", c, "NAVER Cloud SENS", "NCP_SECRET_KEY", "sens.apigw.ntruss.com", "{a40}", hdr="x-ncp-iam-access-key: {c}", comp=("NCP_ACCESS_KEY", "{u20}"))
R("kakao", c, "Kakao Developers", "KAKAO_REST_API_KEY", "dapi.kakao.com", "{h32}", hdr="Authorization: KakaoAK {v}")
R("viber", c, "Viber", "VIBER_AUTH_TOKEN", "chatapi.viber.com", "{h16}-{h16}-{h16}", hdr="X-Viber-Auth-Token: {v}")
R("wechat", c, "WeChat Official Accounts", "WECHAT_APP_SECRET", "api.weixin.qq.com", "{h32}", hdr="?secret={v}", comp=("WECHAT_APP_ID", "wx{h16}"))
R("dingtalk", c, "DingTalk robot", "DINGTALK_WEBHOOK", "oapi.dingtalk.com", "https://oapi.dingtalk.com/robot/send?access_token={h64}")
R("feishu", c, "Feishu / Lark", "FEISHU_APP_SECRET", "open.feishu.cn", "{a32}", hdr="?app_secret={v}", comp=("FEISHU_APP_ID", "cli_{h16}"))
R("feishu-hook", c, "Feishu / Lark", "FEISHU_WEBHOOK", "open.feishu.cn", "https://open.feishu.cn/open-apis/bot/v2/hook/{uuid}", provider="feishu")
R("wecom", c, "WeCom robot", "WECOM_WEBHOOK", "qyapi.weixin.qq.com", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={uuid}")
R("serverchan", c, "ServerChan", "SERVERCHAN_SENDKEY", "sctapi.ftqq.com", "SCT{d6}T{a27}", hdr="/{v}.send", kind="p")
R("pushplus", c, "PushPlus", "PUSHPLUS_TOKEN", "www.pushplus.plus", "{h32}", hdr="?token={v}")
R("bark", c, "Bark", "BARK_DEVICE_KEY", "api.day.app", "{a22}", hdr="/{v}/deploy%20finished")
R("pushdeer", c, "PushDeer", "PUSHDEER_KEY", "api2.pushdeer.com", "PDU{d4}T{a32}", hdr="?pushkey={v}", kind="p")
R("telesign", c, "Telesign", "TELESIGN_API_KEY", "rest-api.telesign.com", "{b88}", hdr="basic|{c}|{v}", comp=("TELESIGN_CUSTOMER_ID", "{UUID}"))
R("textmagic", c, "Textmagic", "TEXTMAGIC_API_KEY", "rest.textmagic.com", "{a30}", hdr="X-TM-Key: {v}", comp=("TEXTMAGIC_USERNAME", "acmeops"))

# ===== common providers again (new places) =====================================================================
c = "cloud"
R("aws", c, "AWS", "AWS_ACCESS_KEY_ID", "sts.amazonaws.com", "AKIA{z16}", comp=("AWS_SECRET_ACCESS_KEY", "{b40}"))
R("aws-sts", c, "AWS", "AWS_ACCESS_KEY_ID", "sts.amazonaws.com", "ASIA{z16}", comp=("AWS_SESSION_TOKEN", "IQoJb3JpZ2luX2Vj{b300}"), provider="aws")
R("gcp-apikey", c, "Google Cloud", "GOOGLE_API_KEY", "generativelanguage.googleapis.com", "AIza{s35}", hdr="x-goog-api-key: {v}", provider="google")
R("azure-ad", c, "Microsoft Entra ID", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "{a3}8Q~{s34}", kind="p", provider="azure", hdr="?client_secret={v}")
R("azure-iothub", c, "Azure IoT Hub", "IOTHUB_CONNECTION_STRING", "acme-hub.azure-devices.net",
  "HostName=acme-hub.azure-devices.net;SharedAccessKeyName=iothubowner;SharedAccessKey={azkey32}", fixed=False, provider="azure")
R("alibaba", c, "Alibaba Cloud", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ecs.aliyuncs.com", "LTAI{a20}", comp=("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "{a30}"))
R("tencent", c, "Tencent Cloud", "TENCENTCLOUD_SECRET_ID", "cvm.tencentcloudapi.com", "AKID{a32}", comp=("TENCENTCLOUD_SECRET_KEY", "{a32}"))
R("digitalocean", c, "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "dop_v1_{h64}")
R("hetzner", c, "Hetzner Cloud", "HCLOUD_TOKEN", "api.hetzner.cloud", "{a64}")
R("linode", c, "Akamai Cloud (Linode)", "LINODE_TOKEN", "api.linode.com", "{h64}")
R("cloudflare", c, "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}")
R("flyio", c, "Fly.io", "FLY_API_TOKEN", "api.machines.dev", "fo1_{s43}")
R("netlify", c, "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a36}")
R("render", c, "Render", "RENDER_API_KEY", "api.render.com", "rnd_{a32}")
R("heroku", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "HRKU-AA{s58}", fixed=False)
R("doppler", c, "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.st.prd.{a43}", fixed=False)
R("vault", c, "HashiCorp Vault", "VAULT_TOKEN", "vault.acme.internal:8200", "hvs.CAESI{s86}", fixed=False, hdr="X-Vault-Token: {v}")
R("terraform", c, "HCP Terraform", "TF_TOKEN_app_terraform_io", "app.terraform.io", "{a14}.atlasv1.{a67}", kind="p")
R("pulumi", c, "Pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "pul-{h40}", hdr="Authorization: token {v}")
R("databricks", c, "Databricks", "DATABRICKS_TOKEN", "adb-5829104729103847.3.azuredatabricks.net", "dapi{h32}")
R("scaleway", c, "Scaleway", "SCW_SECRET_KEY", "api.scaleway.com", "{uuid}", hdr="X-Auth-Token: {v}", comp=("SCW_ACCESS_KEY", "SCW{u17}"))
R("ibmcloud", c, "IBM Cloud", "IBMCLOUD_API_KEY", "iam.cloud.ibm.com", "{s44}", hdr="?apikey={v}")
R("vercel", c, "Vercel", "VERCEL_TOKEN", "api.vercel.com", "{a24}")
c = "cicd"
R("github", c, "GitHub", "GITHUB_TOKEN", "api.github.com", "{ghp}", kind="p")
R("github-oauth", c, "GitHub", "GH_OAUTH_TOKEN", "api.github.com", "{gho}", provider="github", kind="p")
R("github-app", c, "GitHub", "GH_INSTALLATION_TOKEN", "api.github.com", "{ghs}", provider="github", kind="p")
R("github-user", c, "GitHub", "GH_USER_TO_SERVER_TOKEN", "api.github.com", "{ghu}", provider="github", kind="p")
R("github-fine", c, "GitHub", "GH_PAT", "api.github.com", "github_pat_11{u20}_{a59}", provider="github")
R("gitlab", c, "GitLab", "GITLAB_TOKEN", "gitlab.com", "glpat-{s20}", hdr="PRIVATE-TOKEN: {v}")
R("gitlab-runner", c, "GitLab", "RUNNER_TOKEN", "gitlab.com", "glrt-{s20}", provider="gitlab", hdr="?token={v}")
R("gitlab-deploy", c, "GitLab", "CI_DEPLOY_PASSWORD", "gitlab.com", "gldt-{s20}", provider="gitlab", hdr="basic|gitlab+deploy-token-7|{v}")
R("npm", c, "npm", "NPM_TOKEN", "registry.npmjs.org", "{npm}", kind="p")
R("pypi", c, "PyPI", "TWINE_PASSWORD", "upload.pypi.org", "{pypi}", fixed=False, kind="p", hdr="basic|__token__|{v}")
R("rubygems", c, "RubyGems", "GEM_HOST_API_KEY", "rubygems.org", "rubygems_{h48}", hdr="Authorization: {v}")
R("nuget", c, "NuGet", "NUGET_API_KEY", "www.nuget.org", "oy2{l43}", hdr="X-NuGet-ApiKey: {v}")
R("dockerhub", c, "Docker Hub", "DOCKERHUB_TOKEN", "hub.docker.com", "dckr_pat_{s27}")
R("circleci", c, "CircleCI", "CIRCLE_TOKEN", "circleci.com", "CCIPAT_{a22}_{h40}", hdr="Circle-Token: {v}")
R("buildkite", c, "Buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bkua_{h40}")
R("bitbucket", c, "Bitbucket", "BITBUCKET_APP_PASSWORD", "api.bitbucket.org", "ATBB{a28}{H8}", hdr="basic|ci-bot|{v}")
R("atlassian", c, "Atlassian", "JIRA_API_TOKEN", "acme.atlassian.net", "ATATT3xFfGF0{s170}={H8}", fixed=False, hdr="basic|ops@acme.io|{v}")
R("azuredevops", c, "Azure DevOps", "AZURE_DEVOPS_EXT_PAT", "dev.azure.com", "{l52}", hdr="basic||{v}", provider="azuredevops")
R("sonarqube", c, "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "squ_{h40}", hdr="basic|{v}|")
R("jfrog", c, "JFrog", "JFROG_ACCESS_TOKEN", "acme.jfrog.io", "cmVmdGtu{b56}", fixed=False)
R("cratesio", c, "crates.io", "CARGO_REGISTRY_TOKEN", "crates.io", "cio{a32}", hdr="Authorization: {v}")
R("octopus", c, "Octopus Deploy", "OCTOPUS_API_KEY", "acme.octopus.app", "API-{U26}", hdr="X-Octopus-ApiKey: {v}")
R("codecov", c, "Codecov", "CODECOV_TOKEN", "codecov.io", "{uuid}", hdr="Authorization: token {v}")
c = "devtools"
R("postman", c, "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", hdr="X-Api-Key: {v}")
R("linear", c, "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", hdr="Authorization: {v}")
R("notion", c, "Notion", "NOTION_TOKEN", "api.notion.com", "ntn_{d11}{a35}")
R("figma", c, "Figma", "FIGMA_TOKEN", "api.figma.com", "figd_{s40}", hdr="X-Figma-Token: {v}")
R("airtable", c, "Airtable", "AIRTABLE_PAT", "api.airtable.com", "pat{a14}.{h64}")
R("clickup", c, "ClickUp", "CLICKUP_API_TOKEN", "api.clickup.com", "pk_{d8}_{u32}", hdr="Authorization: {v}")
R("contentful", c, "Contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "CFPAT-{s43}")
R("sourcegraph", c, "Sourcegraph", "SRC_ACCESS_TOKEN", "sourcegraph.com", "sgp_{h16}_{h40}", hdr="Authorization: token {v}")
R("tailscale", c, "Tailscale", "TS_API_KEY", "api.tailscale.com", "tskey-api-{a17}-{a33}", fixed=False)
R("ngrok", c, "ngrok", "NGROK_AUTHTOKEN", "api.ngrok.com", "{d1}{a26}_{a21}", hdr="Authorization: Bearer {v}", documented=False)
R("sentry", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}")
R("algolia", c, "Algolia", "ALGOLIA_ADMIN_API_KEY", "acme-dsn.algolia.net", "{h32}", hdr="X-Algolia-API-Key: {v}", comp=("ALGOLIA_APP_ID", "{U10}"))
R("age", c, "age", "SOPS_AGE_KEY", "localhost", "{age}", kind="p", fixed=False)
c = "ai"
R("openai", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-proj-{s74}T3BlbkFJ{s74}", fixed=False)
R("openai-admin", c, "OpenAI", "OPENAI_ADMIN_KEY", "api.openai.com", "sk-admin-{s58}T3BlbkFJ{s58}", fixed=False, provider="openai")
R("anthropic", c, "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", hdr="x-api-key: {v}")
R("groq", c, "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}")
R("huggingface", c, "Hugging Face", "HF_TOKEN", "huggingface.co", "hf_{x34}")
R("replicate", c, "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}")
R("perplexity", c, "Perplexity", "PERPLEXITY_API_KEY", "api.perplexity.ai", "pplx-{a48}")
R("xai", c, "xAI", "XAI_API_KEY", "api.x.ai", "xai-{a80}")
R("langsmith", c, "LangSmith", "LANGSMITH_API_KEY", "api.smith.langchain.com", "lsv2_pt_{h32}_{h10}", hdr="x-api-key: {v}")
R("openrouter", c, "OpenRouter", "OPENROUTER_API_KEY", "openrouter.ai", "sk-or-v1-{h64}")
R("deepseek", c, "DeepSeek", "DEEPSEEK_API_KEY", "api.deepseek.com", "sk-{h32}", kind="n")
R("mistral", c, "Mistral AI", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}")
R("elevenlabs", c, "ElevenLabs", "ELEVENLABS_API_KEY", "api.elevenlabs.io", "sk_{h48}", hdr="xi-api-key: {v}", kind="n")
c = "chat"
R("slack-bot", c, "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d11}-{d13}-{a24}", provider="slack")
R("slack-user", c, "Slack", "SLACK_USER_TOKEN", "slack.com", "xoxp-{d11}-{d11}-{d13}-{h32}", provider="slack")
R("slack-webhook", c, "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com", "https://hooks.slack.com/services/T{u10}/B{u10}/{a24}", provider="slack")
R("discord-webhook", c, "Discord", "DISCORD_WEBHOOK_URL", "discord.com", "https://discord.com/api/webhooks/{d19}/{s68}", provider="discord")
R("telegram", c, "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", hdr="/bot{v}/getMe", kind="p")
R("teams", c, "Microsoft Teams", "TEAMS_WEBHOOK_URL", "acme.webhook.office.com",
  "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h32}/{uuid}/V2{s43}", fixed=False)
R("zoom", c, "Zoom", "ZOOM_CLIENT_SECRET", "zoom.us", "{a32}", hdr="basic|{c}|{v}", comp=("ZOOM_CLIENT_ID", "{a22}"))
c = "payment"
R("stripe", c, "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "sk_live_51{a22}{a75}", fixed=False)
R("stripe-restricted", c, "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_51{a22}{a75}", fixed=False, provider="stripe")
R("stripe-webhook", c, "Stripe", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "whsec_{a32}", provider="stripe")
R("square", c, "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}")
R("razorpay", c, "Razorpay", "RAZORPAY_KEY_SECRET", "api.razorpay.com", "{a24}", hdr="basic|{c}|{v}", comp=("RAZORPAY_KEY_ID", "rzp_live_{a14}"))
R("flutterwave", c, "Flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "FLWSECK-{h32}-X")
R("paystack", c, "Paystack", "PAYSTACK_SECRET_KEY", "api.paystack.co", "sk_live_{h40}")
c = "messaging"
R("twilio", c, "Twilio", "TWILIO_API_SECRET", "api.twilio.com", "{a32}", hdr="basic|{c}|{v}", comp=("TWILIO_API_KEY", "SK{h32}"))
R("sendgrid", c, "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "SG.{s22}.{s43}")
R("mailgun", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}", hdr="basic|api|{v}")
R("mailchimp", c, "Mailchimp", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "{h32}-us21", hdr="basic|anystring|{v}")
R("brevo", c, "Brevo", "BREVO_API_KEY", "api.brevo.com", "xkeysib-{h64}-{a16}", hdr="api-key: {v}")
R("resend", c, "Resend", "RESEND_API_KEY", "api.resend.com", "re_{a8}_{a24}", kind="n")
R("postmark", c, "Postmark", "POSTMARK_SERVER_TOKEN", "api.postmarkapp.com", "{uuid}", hdr="X-Postmark-Server-Token: {v}")
c = "monitoring"
R("datadog", c, "Datadog", "DD_API_KEY", "api.datadoghq.com", "{h32}", hdr="DD-API-KEY: {v}")
R("datadog-app", c, "Datadog", "DD_APP_KEY", "api.datadoghq.com", "{h40}", hdr="DD-APPLICATION-KEY: {v}", provider="datadog")
R("newrelic", c, "New Relic", "NEW_RELIC_API_KEY", "api.newrelic.com", "NRAK-{U27}", hdr="Api-Key: {v}")
R("newrelic-ingest", c, "New Relic", "NEW_RELIC_LICENSE_KEY", "log-api.newrelic.com", "{h36}NRAL", hdr="X-License-Key: {v}", provider="newrelic")
R("grafana", c, "Grafana", "GRAFANA_SERVICE_ACCOUNT_TOKEN", "grafana.acme.internal", "glsa_{a32}_{h8}")
R("pagerduty", c, "PagerDuty", "PAGERDUTY_TOKEN", "api.pagerduty.com", "u+{s18}", hdr="Authorization: Token token={v}")
R("dynatrace", c, "Dynatrace", "DT_API_TOKEN", "abc12345.live.dynatrace.com", "dt0c01.{U24}.{U64}", hdr="Authorization: Api-Token {v}")
R("honeycomb", c, "Honeycomb", "HONEYCOMB_API_KEY", "api.honeycomb.io", "hcaik_{l58}", hdr="X-Honeycomb-Team: {v}")
c = "database"
R("supabase", c, "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}")
R("supabase-svc", c, "Supabase", "SUPABASE_SERVICE_ROLE_KEY", "abcdefghijklmnopqrst.supabase.co", "{jwt_supabase}", provider="supabase", fixed=False,
  hdr="apikey: {v}")
R("planetscale", c, "PlanetScale", "DATABASE_PASSWORD", "aws.connect.psdb.cloud", "pscale_pw_{s43}", hdr="basic|{c}|{v}", comp=("DATABASE_USERNAME", "{l12}"))
R("mongodbatlas", c, "MongoDB Atlas", "MONGODB_ATLAS_PRIVATE_KEY", "cloud.mongodb.com", "{uuid}", hdr="basic|{c}|{v}",
  comp=("MONGODB_ATLAS_PUBLIC_KEY", "{l8}"), provider="mongodb")
R("neon", c, "Neon", "NEON_API_KEY", "console.neon.tech", "napi_{l64}")
R("turso", c, "Turso", "TURSO_AUTH_TOKEN", "acme-db-jdoe.turso.io", "{jwt_turso}", fixed=False)
R("pinecone", c, "Pinecone", "PINECONE_API_KEY", "api.pinecone.io", "pcsk_{a6}_{a63}", hdr="Api-Key: {v}")
c = "crm"
R("hubspot", c, "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-na1-{uuid}")
R("intercom", c, "Intercom", "INTERCOM_ACCESS_TOKEN", "api.intercom.io", "dG9rOj{b52}=", fixed=False)
R("zendesk", c, "Zendesk", "ZENDESK_API_TOKEN", "acme.zendesk.com", "{a40}", hdr="basic|ops@acme.io/token|{v}")
R("pipedrive", c, "Pipedrive", "PIPEDRIVE_API_TOKEN", "api.pipedrive.com", "{h40}", hdr="x-api-token: {v}")
c = "auth"
R("okta", c, "Okta", "OKTA_API_TOKEN", "acme.okta.com", "00{s40}", hdr="Authorization: SSWS {v}")
R("auth0", c, "Auth0", "AUTH0_CLIENT_SECRET", "acme.us.auth0.com", "{s64}", hdr="?client_secret={v}", comp=("AUTH0_CLIENT_ID", "{a32}"))
R("clerk", c, "Clerk", "CLERK_SECRET_KEY", "api.clerk.com", "sk_live_{a40}")
c = "storage"
R("dropbox", c, "Dropbox", "DROPBOX_ACCESS_TOKEN", "api.dropboxapi.com", "sl.u.{s140}", fixed=False)
R("cloudinary", c, "Cloudinary", "CLOUDINARY_URL", "api.cloudinary.com", "cloudinary://{d15}:{s27}@acme-media")
R("backblaze", c, "Backblaze B2", "B2_APPLICATION_KEY", "api.backblazeb2.com", "K005{s27}", hdr="basic|{c}|{v}", comp=("B2_APPLICATION_KEY_ID", "005{h22}"))
c = "ecommerce"
R("shopify", c, "Shopify", "SHOPIFY_ACCESS_TOKEN", "acme.myshopify.com", "shpat_{h32}", hdr="X-Shopify-Access-Token: {v}")
R("shopify-secret", c, "Shopify", "SHOPIFY_API_SECRET", "acme.myshopify.com", "shpss_{h32}", provider="shopify", hdr="X-Shopify-Hmac-Sha256: {v}")
R("woocommerce", c, "WooCommerce", "WC_CONSUMER_SECRET", "shop.acme.io", "cs_{h40}", hdr="basic|{c}|{v}", comp=("WC_CONSUMER_KEY", "ck_{h40}"))


def check_rows():
    seen = set()
    for r in ROWS:
        assert r["pid"] not in seen, r["pid"]
        seen.add(r["pid"])


check_rows()


# --- expansion and mutation -----------------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\{([A-Za-z_]+?[A-Za-z]?)(\d*)\}")


def expand(rng, spec):
    """-> (value, segments): segments are (start, end, alphabet) of each drawn part."""
    out, segs, pos = [], [], 0
    cur = 0
    for m in re.finditer(r"\{([A-Za-z_0-9]+)\}", spec):
        lit = spec[pos:m.start()]
        out.append(lit)
        cur += len(lit)
        tok = m.group(1)
        mm = re.fullmatch(r"([A-Za-z])(\d+)", tok)
        if mm:
            alpha = ALPHA[mm.group(1)]
            s = clean(rng, alpha, int(mm.group(2)))
        elif tok in ("uuid", "UUID"):
            s = uuid4(rng, upper=(tok == "UUID"))
            alpha = UHEX if tok == "UUID" else HEX
        else:
            fn, alpha = SPECIALS[tok]
            s = fn(rng)
        out.append(s)
        segs.append((cur, cur + len(s), alpha))
        cur += len(s)
        pos = m.end()
    out.append(spec[pos:])
    return "".join(out), segs


OUTSIDE = {HEX: "ghjkmnpqrstuvwxyz", UHEX: "GHJKLMNPQRSTUVWXYZ", ALNUM: "-_.", LOWALNUM: "ABCDEFGHJKMNPQRSTUVWXYZ",
           UPALNUM: "abcdefghjkmnpqrstuvwxyz", URLSAFE: "+/.", B64: "-_", DIGITS: "abcdefx", BASE58: "0OIl",
           LETTERS: "0123456789", B32L: "0189ABCDEF", B32U: "0189abcdef", string.ascii_lowercase: "0123456789ABCDEF",
           string.ascii_uppercase: "0123456789abcdef", BECH32: "1bio", BECH32.upper(): "1BIO", "./" + ALNUM: "-_+"}


def mutate(rng, value, segs, how, prefix=""):
    """A one-thing change of a drawn value: 'short' (drop a character), 'long' (add one from the alphabet),
    'char' (one character outside the alphabet), 'case' (the literal prefix's case swapped)."""
    if how == "case":
        assert prefix and any(ch.isalpha() for ch in prefix)
        return prefix.swapcase() + value[len(prefix):]
    start, end, alpha = max(segs, key=lambda s: s[1] - s[0])
    i = rng.randrange(start + (end - start) // 3, end - 1)
    if value[i] == "-":
        i += 1
    if how == "short":
        return value[:i] + value[i + 1:]
    if how == "long":
        return value[:i] + rng.choice(alpha.replace("-", "")) + value[i:]
    if how == "char":
        return value[:i] + rng.choice(OUTSIDE.get(alpha, "!")) + value[i + 1:]
    raise ValueError(how)


def wrong_crc(rng, prefix):
    body = clean(rng, ALNUM, 30)
    good = crc32_base62(body)
    bad = good[:-1] + rng.choice([ch for ch in ALNUM if ch != good[-1]])
    return prefix + body + bad


def crc_ok(prefix, value):
    body = value[len(prefix):len(prefix) + 30]
    return value[len(prefix) + 30:] == crc32_base62(body)


def wrong_bech32(rng, kind):
    """An age secret key or nostr nsec whose last (checksum) character is changed: the bech32 checksum fails."""
    good = age_secret(rng) if kind == "age" else nostr_nsec(rng)
    alpha = BECH32.upper() if kind == "age" else BECH32
    bad = good[:-1] + rng.choice([ch for ch in alpha if ch != good[-1]])
    return bad


def bech32_ok(value):
    hrp, _, data = value.lower().rpartition("1")
    from hcommon import _bech32_polymod
    vals = [BECH32.index(ch) for ch in data]
    hv = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    return _bech32_polymod(hv + vals) == 1


assert BASE58 and B64 and DIGITS and LOWALNUM and UPALNUM
