"""Token formats of the fourteenth held-out corpus's provider part: about 200 mid-tail providers (the SaaS a mid-size
company runs on: CI and code security, observability, feature flags, e-mail/SMS/telephony, CRM, support desks,
analytics and BI, CDN/DNS/hosting, secrets managers, data warehouses and pipelines, HR and finance, regional payment
gateways, crypto exchanges and wallets, and a few AI platforms), written blind to vaultsweep's rules and to other
scanners' rule and test files. Neither the ~150 best-known providers of heldout13 nor the far tail of heldouts 10-12
(a few overlaps with heldout10's long list remain; README).

Formats: confirmed from a provider's own page in this session where `checked=True` (E2B's `e2b_` prefix, Scalingo's
`tk-us-` prefix, DevCycle's three SDK key kinds and which are public, Bitwarden's two-part access token), otherwise from
memory of the providers' documentation (`checked=False`; the README lists the least sure).

A row: pid, cat, name, env (the documented variable), host (API host), spec (literal text with {h32} 32 lowercase hex,
{a40} base62, {uuid}, or a special {bws}, {wif}, ...; codes h H a l u s b d m x), kind ("p": a distinctive prefix or
shape; "n": named only), fixed (documented length fixed), auth ("bearer", "header:Name", "basic-user", "basic-pass",
"query:name", "url", "file", "sign"), comp ((ENV, spec) companion value: a key id, account id, client id), ids (list of
(ENV, spec) non-secret identifiers of the same provider, same-shaped: client keys, public keys, account ids).
No token is written here: every value is drawn at generation time.
"""

import base64
import hashlib
import json
import re
import string

from hcommon import ALNUM, B64, BASE58, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64url_nopad, rand, rbytes, uuid4
from values import BAD, chosen, clean, jwt_like

ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64, "d": DIGITS, "m": BASE58,
         "x": string.ascii_letters, "U": string.ascii_uppercase}
SPECIALS = {}


def special(name, alphabet=URLSAFE):
    def reg(fn):
        SPECIALS[name] = (fn, alphabet)
        return fn
    return reg


def b58encode(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = BASE58[r] + out
    pad = len(b) - len(b.lstrip(b"\0"))
    return "1" * pad + out


def b58check(payload):
    chk = hashlib.sha256(hashlib.sha256(payload).digest()).digest()[:4]
    return b58encode(payload + chk)


def b58check_ok(s):
    n = 0
    for ch in s:
        n = n * 58 + BASE58.index(ch)
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    raw = b"\0" * (len(s) - len(s.lstrip("1"))) + raw
    return hashlib.sha256(hashlib.sha256(raw[:-4]).digest()).digest()[:4] == raw[-4:]


@special("wif", BASE58)
def wif(rng):
    """A Bitcoin private key in WIF, compressed (0x80 | 32 bytes | 0x01, Base58Check: starts with K or L)."""
    return b58check(b"\x80" + rbytes(rng, 32) + b"\x01")


@special("xprv", BASE58)
def xprv(rng):
    """A BIP-32 extended private key (version 0488ADE4, depth 1, Base58Check, 111 characters)."""
    body = bytes.fromhex("0488ADE4") + b"\x01" + rbytes(rng, 4) + (0x80000000 + rng.randrange(0, 8)).to_bytes(4, "big") \
        + rbytes(rng, 32) + b"\x00" + rbytes(rng, 32)
    return b58check(body)


def crc16_xmodem(data):
    crc = 0
    for b in data:
        crc ^= b << 8
        for _ in range(8):
            crc = ((crc << 1) ^ 0x1021) if crc & 0x8000 else (crc << 1)
            crc &= 0xFFFF
    return crc


@special("stellar", string.ascii_uppercase + "234567")
def stellar(rng):
    """A Stellar secret seed: version byte 18<<3, 32 bytes, CRC16-XModem little-endian, base32 (56 characters, 'S...')."""
    payload = bytes([18 << 3]) + rbytes(rng, 32)
    return base64.b32encode(payload + crc16_xmodem(payload).to_bytes(2, "little")).decode()


def stellar_ok(s):
    raw = base64.b32decode(s)
    return crc16_xmodem(raw[:-2]).to_bytes(2, "little") == raw[-2:]


@special("bws")
def bws(rng):
    """A Bitwarden Secrets Manager access token: version '0', the machine account's access-token id (UUID), the client
    secret (30 base62), ':', the 16-byte encryption key in base64."""
    return f"0.{uuid4(rng)}.{clean(rng, ALNUM, 30)}:{base64.b64encode(rbytes(rng, 16)).decode()}"


@special("tableau", ALNUM)
def tableau(rng):
    """A Tableau personal access token secret: 22 base64 characters '==' ':' 32 base62."""
    return base64.b64encode(rbytes(rng, 16)).decode() + ":" + clean(rng, ALNUM, 32)


@special("neptune", B64)
def neptune(rng):
    """A neptune.ai API token: base64 of a JSON document with the API address and a key."""
    doc = {"api_address": "https://app.neptune.ai", "api_url": "https://app.neptune.ai", "api_key": uuid4(rng)}
    return base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()


@special("miro")
def miro(rng):
    """A Miro REST access token: base64url of {"miro.origin":"eu01"}, '_', 27 url-safe characters."""
    return b64url_nopad(json.dumps({"miro.origin": "eu01"}, separators=(",", ":")).encode()) + "_" + clean(rng, URLSAFE, 27)


@special("jwt")
def jwt(rng):
    return jwt_like(rng, {"sub": uuid4(rng), "iat": 1700000000 + rng.randrange(0, 40000000), "scope": "api"})


@special("rapidapi", LOWALNUM)
def rapidapi(rng):
    return clean(rng, LOWALNUM, 10) + "msh" + clean(rng, LOWALNUM, 15) + "p1" + clean(rng, LOWALNUM, 6) + "jsn" + clean(rng, LOWALNUM, 11)


@special("pw", ALNUM)
def pw(rng):
    return chosen(rng, avoid="'\"\\$` #{}%:@/;&<>")


def R(pid, cat, name, env, host, spec, kind="n", fixed=True, auth="bearer", comp=None, ids=(), provider=None, checked=False,
      case=True):
    m = re.match(r"[^{]*", spec)
    ROWS.append(dict(pid=pid, cat=cat, name=name, env=env, host=host, spec=spec, kind=kind, fixed=fixed, auth=auth, comp=comp,
                     ids=list(ids), provider=provider or pid.split("-")[0], checked=checked, prefix=m.group(0), case=case))


ROWS = []

c = "cicd"
R("semaphoreci", c, "Semaphore", "SEMAPHORE_API_TOKEN", "calder.semaphoreci.com", "{a20}", auth="header:Authorization")
R("buddy", c, "Buddy.Works", "BUDDY_TOKEN", "api.buddy.works", "{h64}", fixed=False)
R("bamboo", c, "Atlassian Bamboo", "BAMBOO_TOKEN", "bamboo.calder.io", "{a44}", fixed=False)
R("gocd", c, "GoCD", "GOCD_ACCESS_TOKEN", "gocd.calder.io", "{h40}")
R("nexus", c, "Sonatype Nexus", "NEXUS_USER_TOKEN_PASSCODE", "nexus.calder.io", "{a44}", auth="basic-pass",
  comp=("NEXUS_USER_TOKEN_NAMECODE", "{a8}"))
R("veracode", c, "Veracode", "VERACODE_API_KEY_SECRET", "api.veracode.com", "{h128}", auth="sign", comp=("VERACODE_API_KEY_ID", "{h32}"))
R("checkmarx", c, "Checkmarx One", "CX_CLIENT_SECRET", "eu.ast.checkmarx.net", "{a32}", auth="form", comp=("CX_CLIENT_ID", "ci-{l8}"))
R("mend", c, "Mend", "WS_USERKEY", "saas.whitesourcesoftware.com", "{h64}", fixed=False)
R("blackduck", c, "Black Duck", "BLACKDUCK_API_TOKEN", "calder.app.blackduck.com", "{b86}==", fixed=False)
R("contrast", c, "Contrast Security", "CONTRAST__API__SERVICE_KEY", "app.contrastsecurity.com", "{u16}", auth="header:Authorization",
  comp=("CONTRAST__API__API_KEY", "{a32}"))
R("lacework", c, "Lacework", "LW_API_SECRET", "calder.lacework.net", "_{h32}", auth="json", comp=("LW_API_KEY", "CALDER_{H40}"))
R("sysdig", c, "Sysdig Secure", "SECURE_API_TOKEN", "eu1.app.sysdig.com", "{uuid}")
R("prisma", c, "Prisma Cloud", "PRISMA_SECRET_KEY", "api.prismacloud.io", "{b27}=", auth="json", comp=("PRISMA_ACCESS_KEY", "{uuid}"))
R("aqua", c, "Aqua Security", "AQUA_SECRET", "api.cloudsploit.com", "{a32}", auth="sign", comp=("AQUA_KEY", "{a20}"))
R("detectify", c, "Detectify", "DETECTIFY_API_KEY", "api.detectify.com", "{h32}", auth="header:X-Detectify-Key")
R("qase", c, "Qase", "QASE_API_TOKEN", "api.qase.io", "{h64}", auth="header:Token")
R("testrail", c, "TestRail", "TESTRAIL_API_KEY", "calder.testrail.io", "{s30}", fixed=False, auth="basic-pass", comp=("TESTRAIL_USER", "qa-bot@calder.io"))
R("currents", c, "Currents", "CURRENTS_RECORD_KEY", "api.currents.dev", "{a16}")
R("apollo", c, "Apollo GraphOS", "APOLLO_KEY", "api.apollographql.com", "service:calder-{l6}:{s22}", kind="p", auth="header:X-API-Key",
  ids=[("APOLLO_GRAPH_REF", "calder-{l6}@current")])
R("applitools", c, "Applitools", "APPLITOOLS_API_KEY", "eyesapi.applitools.com", "{a44}", fixed=False)
R("mailosaur", c, "Mailosaur", "MAILOSAUR_API_KEY", "mailosaur.com", "{a16}", auth="basic-user", ids=[("MAILOSAUR_SERVER_ID", "{l8}")])

c = "observability"
R("lumigo", c, "Lumigo", "LUMIGO_TRACER_TOKEN", "ga-otlp.lumigo-tracer-edge.golumigo.com", "t_{h20}", kind="p", auth="header:Authorization")
R("sematext", c, "Sematext", "SEMATEXT_LOGS_TOKEN", "logsene-receiver.sematext.com", "{uuid}")
R("signalfx", c, "Splunk Observability", "SFX_ACCESS_TOKEN", "ingest.eu0.signalfx.com", "{s22}", auth="header:X-SF-Token")
R("wavefront", c, "Wavefront", "WAVEFRONT_API_TOKEN", "calder.wavefront.com", "{uuid}")
R("appdynamics", c, "AppDynamics", "APPDYNAMICS_AGENT_ACCOUNT_ACCESS_KEY", "calder.saas.appdynamics.com", "{l12}", auth="basic-pass",
  comp=("APPDYNAMICS_AGENT_ACCOUNT_NAME", "calder-{l4}"))
R("elasticapm", c, "Elastic APM", "ELASTIC_APM_SECRET_TOKEN", "calder.apm.eu-west-1.aws.cloud.es.io", "{a24}")
R("logrocket", c, "LogRocket", "LOGROCKET_API_KEY", "api.logrocket.com", "{a22}", fixed=False, ids=[("LOGROCKET_APP_ID", "{l6}/calder-web")])
R("atatus", c, "Atatus", "ATATUS_LICENSE_KEY", "api.atatus.com", "lic_apm_{h32}", kind="p", auth="header:X-Atatus-License-Key")
R("kentik", c, "Kentik", "KENTIK_API_TOKEN", "api.kentik.eu", "{h32}", auth="header:X-CH-Auth-API-Token", comp=("KENTIK_EMAIL", "netops@calder.io"))
R("thousandeyes", c, "ThousandEyes", "THOUSANDEYES_TOKEN", "api.thousandeyes.com", "{uuid}")
R("chronosphere", c, "Chronosphere", "CHRONOSPHERE_API_TOKEN", "calder.chronosphere.io", "{h64}")
R("observe", c, "Observe", "OBSERVE_TOKEN", "calder.observeinc.com", "{a32}", fixed=False, ids=[("OBSERVE_CUSTOMER_ID", "{d12}")])
R("zenduty", c, "Zenduty", "ZENDUTY_API_KEY", "www.zenduty.com", "{h40}", auth="header:Authorization")
R("instatus", c, "Instatus", "INSTATUS_API_KEY", "api.instatus.com", "{h32}")
R("logscale", c, "Falcon LogScale", "LOGSCALE_INGEST_TOKEN", "cloud.community.humio.com", "{uuid}")
R("middleware", c, "Middleware", "MW_API_KEY", "calder.middleware.io", "{l32}")
R("uptrace", c, "Uptrace", "UPTRACE_DSN", "api.uptrace.dev", "https://{s22}@api.uptrace.dev?grpc=4317", kind="p", auth="url", case=False)

c = "flags"
R("split", c, "Split", "SPLIT_SDK_KEY", "sdk.split.io", "{l36}", fixed=False, ids=[("SPLIT_BROWSER_KEY", "{l36}")])
R("optimizely", c, "Optimizely", "OPTIMIZELY_API_TOKEN", "api.optimizely.com", "2:{s43}", fixed=False, ids=[("OPTIMIZELY_SDK_KEY", "{a22}")])
R("growthbook", c, "GrowthBook", "GROWTHBOOK_SECRET_KEY", "api.growthbook.io", "secret_admin_{a43}", kind="p", fixed=False,
  ids=[("GROWTHBOOK_CLIENT_KEY", "sdk-{a16}")])
R("devcycle", c, "DevCycle", "DEVCYCLE_SERVER_SDK_KEY", "bucketing-api.devcycle.com", "dvc_server_{uuid}_{h7}", kind="p", checked=True,
  ids=[("DEVCYCLE_CLIENT_SDK_KEY", "dvc_client_{uuid}_{h7}"), ("DEVCYCLE_MOBILE_SDK_KEY", "dvc_mobile_{uuid}_{h7}")])
R("eppo", c, "Eppo", "EPPO_SDK_KEY", "fscdn.eppo.cloud", "{s43}", fixed=False)
R("flipt", c, "Flipt", "FLIPT_CLIENT_TOKEN", "flipt.calder.io", "{a32}", fixed=False)
R("kameleoon", c, "Kameleoon", "KAMELEOON_CLIENT_SECRET", "api.kameleoon.com", "{s43}", auth="form", comp=("KAMELEOON_CLIENT_ID", "{uuid}"))
R("vwo", c, "VWO", "VWO_SDK_KEY", "dev.visualwebsiteoptimizer.com", "{h32}", ids=[("VWO_ACCOUNT_ID", "{d6}")])
R("abtasty", c, "AB Tasty", "ABTASTY_API_KEY", "api.flagship.io", "{a32}", ids=[("ABTASTY_ENV_ID", "{l20}")])

c = "messaging"
R("bandwidth", c, "Bandwidth", "BANDWIDTH_API_PASSWORD", "messaging.bandwidth.com", "{pw}", fixed=False, auth="basic-pass",
  comp=("BANDWIDTH_ACCOUNT_ID", "{d7}"))
R("courier", c, "Courier", "COURIER_AUTH_TOKEN", "api.courier.com", "pk_prod_{u28}", kind="p")
R("knock", c, "Knock", "KNOCK_SECRET_API_KEY", "api.knock.app", "sk_{s43}", fixed=False, ids=[("KNOCK_PUBLIC_API_KEY", "pk_{s43}")])
R("novu", c, "Novu", "NOVU_SECRET_KEY", "api.novu.co", "{h32}", auth="header:Authorization", ids=[("NOVU_APPLICATION_IDENTIFIER", "{s12}")])
R("suprsend", c, "SuprSend", "SUPRSEND_WORKSPACE_SECRET", "hub.suprsend.com", "{s40}", fixed=False, comp=("SUPRSEND_WORKSPACE_KEY", "{a20}"))
R("magicbell", c, "MagicBell", "MAGICBELL_API_SECRET", "api.magicbell.com", "{a40}", auth="header:X-MAGICBELL-API-SECRET",
  ids=[("MAGICBELL_API_KEY", "{h40}")])
R("sailthru", c, "Sailthru", "SAILTHRU_API_SECRET", "api.sailthru.com", "{h32}", auth="sign", comp=("SAILTHRU_API_KEY", "{h32}"))
R("attentive", c, "Attentive", "ATTENTIVE_API_KEY", "api.attentivemobile.com", "{s32}")
R("postscript", c, "Postscript", "POSTSCRIPT_API_KEY", "api.postscript.io", "sk_{h32}")
R("ringcentral", c, "RingCentral", "RINGCENTRAL_CLIENT_SECRET", "platform.ringcentral.com", "{s22}", auth="basic-pass",
  comp=("RINGCENTRAL_CLIENT_ID", "{s22}"))
R("dialpad", c, "Dialpad", "DIALPAD_API_KEY", "dialpad.com", "{a50}", fixed=False)
R("aircall", c, "Aircall", "AIRCALL_API_TOKEN", "api.aircall.io", "{h32}", auth="basic-pass", comp=("AIRCALL_API_ID", "{h32}"))
R("justcall", c, "JustCall", "JUSTCALL_API_SECRET", "api.justcall.io", "{h40}", auth="header:Authorization", comp=("JUSTCALL_API_KEY", "{h40}"))
R("simpletexting", c, "SimpleTexting", "SIMPLETEXTING_TOKEN", "api-app2.simpletexting.com", "{h32}")
R("pusherbeams", c, "Pusher Beams", "PUSHER_BEAMS_SECRET_KEY", "instance.pushnotifications.pusher.com", "{U64}",
  comp=("PUSHER_BEAMS_INSTANCE_ID", "{uuid}"))
R("cometchat", c, "CometChat", "COMETCHAT_REST_API_KEY", "api-eu.cometchat.io", "{h40}", auth="header:apikey", comp=("COMETCHAT_APP_ID", "{h16}"))
R("pubnub", c, "PubNub", "PUBNUB_SECRET_KEY", "ps.pndsn.com", "sec-c-{b48}", kind="p", auth="sign",
  ids=[("PUBNUB_PUBLISH_KEY", "pub-c-{uuid}"), ("PUBNUB_SUBSCRIBE_KEY", "sub-c-{uuid}")])

c = "crm"
R("insightly", c, "Insightly", "INSIGHTLY_API_KEY", "api.na1.insightly.com", "{uuid}", auth="basic-user")
R("capsule", c, "Capsule CRM", "CAPSULE_API_TOKEN", "api.capsulecrm.com", "{s64}", fixed=False)
R("zendesksell", c, "Zendesk Sell", "ZENDESK_SELL_ACCESS_TOKEN", "api.getbase.com", "{h64}")
R("bitrix24", c, "Bitrix24", "BITRIX24_WEBHOOK_URL", "calder.bitrix24.com", "https://calder.bitrix24.com/rest/{d2}/{l16}/", kind="p", auth="url",
  case=False, ids=[("BITRIX24_PORTAL", "https://calder.bitrix24.com/rest/api/")])
R("streak", c, "Streak", "STREAK_API_KEY", "www.streak.com", "{h32}", auth="basic-user")
R("affinity", c, "Affinity", "AFFINITY_API_KEY", "api.affinity.co", "{s43}", fixed=False, auth="basic-pass")
R("gong", c, "Gong", "GONG_ACCESS_KEY_SECRET", "api.gong.io", "{s43}", fixed=False, auth="basic-pass", comp=("GONG_ACCESS_KEY", "{u26}"))
R("outreach", c, "Outreach", "OUTREACH_CLIENT_SECRET", "api.outreach.io", "{s43}", auth="form", comp=("OUTREACH_CLIENT_ID", "{s43}"))
R("nutshell", c, "Nutshell", "NUTSHELL_API_KEY", "app.nutshell.com", "{h40}", auth="basic-pass")
R("agilecrm", c, "Agile CRM", "AGILECRM_API_KEY", "calder.agilecrm.com", "{l26}", auth="basic-pass")
R("salesflare", c, "Salesflare", "SALESFLARE_API_KEY", "api.salesflare.com", "{s43}", fixed=False)
R("highlevel", c, "HighLevel", "GHL_PRIVATE_INTEGRATION_TOKEN", "services.leadconnectorhq.com", "pit-{uuid}", kind="p",
  ids=[("GHL_LOCATION_ID", "{a20}")])

c = "support"
R("kustomer", c, "Kustomer", "KUSTOMER_API_KEY", "api.kustomerapp.com", "{jwt}", fixed=False)
R("gladly", c, "Gladly", "GLADLY_API_TOKEN", "calder.gladly.com", "{s43}", fixed=False, auth="basic-pass", comp=("GLADLY_USER", "support-bot@calder.io"))
R("happyfox", c, "HappyFox", "HAPPYFOX_AUTH_CODE", "calder.happyfox.com", "{h32}", auth="basic-pass", comp=("HAPPYFOX_API_KEY", "{h32}"))
R("liveagent", c, "LiveAgent", "LIVEAGENT_API_KEY", "calder.ladesk.com", "{a32}", auth="header:apikey")
R("livechat", c, "LiveChat", "LIVECHAT_PAT", "api.livechatinc.com", "{s43}", fixed=False, auth="basic-pass", comp=("LIVECHAT_ACCOUNT_ID", "{uuid}"))
R("tidio", c, "Tidio", "TIDIO_CLIENT_SECRET", "api.tidio.co", "cs_{h32}", kind="p", auth="header:X-Tidio-Openapi-Client-Secret",
  comp=("TIDIO_CLIENT_ID", "ci_{h32}"))
R("tawkto", c, "tawk.to", "TAWK_API_KEY", "api.tawk.to", "{h40}", auth="basic-user", ids=[("TAWK_PROPERTY_ID", "{h24}")])
R("reamaze", c, "Re:amaze", "REAMAZE_API_TOKEN", "calder.reamaze.io", "{a20}", auth="basic-pass")
R("groove", c, "Groove", "GROOVE_API_TOKEN", "api.groovehq.com", "{h64}")
R("dixa", c, "Dixa", "DIXA_API_TOKEN", "dev.dixa.io", "{jwt}", fixed=False)
R("chatwoot", c, "Chatwoot", "CHATWOOT_API_ACCESS_TOKEN", "app.chatwoot.com", "{a24}", auth="header:api_access_token")
R("freshchat", c, "Freshchat", "FRESHCHAT_API_TOKEN", "calder.freshchat.com", "{jwt}", fixed=False)
R("drift", c, "Drift", "DRIFT_ACCESS_TOKEN", "driftapi.com", "{a32}")

c = "analytics"
R("heap", c, "Heap", "HEAP_API_KEY", "heapanalytics.com", "{h32}", auth="json", ids=[("HEAP_APP_ID", "{d10}")])
R("hotjar", c, "Hotjar", "HOTJAR_CLIENT_SECRET", "api.hotjar.io", "{a64}", auth="form", comp=("HOTJAR_CLIENT_ID", "{a32}"),
  ids=[("HOTJAR_SITE_ID", "{d7}")])
R("mparticle", c, "mParticle", "MPARTICLE_API_SECRET", "s2s.mparticle.com", "{s64}", auth="basic-pass", comp=("MPARTICLE_API_KEY", "us1-{h32}"))
R("keen", c, "Keen", "KEEN_MASTER_KEY", "api.keen.io", "{H64}", comp=("KEEN_PROJECT_ID", "{h24}"))
R("june", c, "June", "JUNE_WRITE_KEY", "api.june.so", "{a16}", fixed=False, auth="basic-user")
R("fathom", c, "Fathom Analytics", "FATHOM_API_TOKEN", "api.usefathom.com", "{d4}|{a40}", ids=[("FATHOM_SITE_ID", "{U8}")])
R("simpleanalytics", c, "Simple Analytics", "SA_API_KEY", "simpleanalytics.com", "sa_api_key_{a32}", kind="p", auth="header:Api-Key")
R("umami", c, "Umami", "UMAMI_API_KEY", "api.umami.is", "api_{a32}", auth="header:x-umami-api-key", ids=[("UMAMI_WEBSITE_ID", "{uuid}")])
R("countly", c, "Countly", "COUNTLY_API_KEY", "calder.count.ly", "{h32}", auth="query:api_key", ids=[("COUNTLY_APP_KEY", "{h40}")])
R("looker", c, "Looker", "LOOKERSDK_CLIENT_SECRET", "calder.cloud.looker.com", "{a24}", auth="form", comp=("LOOKERSDK_CLIENT_ID", "{a20}"))
R("mode", c, "Mode", "MODE_SECRET", "app.mode.com", "{h32}", auth="basic-pass", comp=("MODE_TOKEN", "{h12}"))
R("metabase", c, "Metabase", "METABASE_API_KEY", "calder.metabaseapp.com", "mb_{b44}", kind="p", fixed=False, auth="header:x-api-key")
R("tableau", c, "Tableau", "TABLEAU_PAT_SECRET", "eu-west-1a.online.tableau.com", "{tableau}", fixed=False, auth="json",
  comp=("TABLEAU_PAT_NAME", "ci-extract-refresh"))
R("sigma", c, "Sigma Computing", "SIGMA_CLIENT_SECRET", "aws-api.sigmacomputing.com", "{h64}", auth="form", comp=("SIGMA_CLIENT_ID", "{h32}"))
R("preset", c, "Preset", "PRESET_API_SECRET", "api.app.preset.io", "{h64}", auth="json", comp=("PRESET_API_TOKEN", "{uuid}"))
R("thoughtspot", c, "ThoughtSpot", "THOUGHTSPOT_SECRET_KEY", "calder.thoughtspot.cloud", "{uuid}", auth="form")
R("domo", c, "Domo", "DOMO_CLIENT_SECRET", "api.domo.com", "{h64}", auth="basic-pass", comp=("DOMO_CLIENT_ID", "{uuid}"))
R("redash", c, "Redash", "REDASH_API_KEY", "redash.calder.io", "{a40}", auth="header:Authorization")
R("lightdash", c, "Lightdash", "LIGHTDASH_API_KEY", "app.lightdash.cloud", "ldpat_{h32}", kind="p", auth="header:Authorization")

c = "hosting"
R("keycdn", c, "KeyCDN", "KEYCDN_API_KEY", "api.keycdn.com", "{a32}", auth="basic-user")
R("stackpath", c, "StackPath", "STACKPATH_CLIENT_SECRET", "gateway.stackpath.com", "{h64}", auth="json", comp=("STACKPATH_CLIENT_ID", "{h32}"))
R("cdn77", c, "CDN77", "CDN77_API_KEY", "api.cdn77.com", "{a32}", comp=("CDN77_LOGIN", "ops@calder.io"))
R("gcore", c, "Gcore", "GCORE_API_TOKEN", "api.gcore.com", "{d5}${h128}", fixed=False, auth="header:Authorization")
R("imperva", c, "Imperva", "IMPERVA_API_KEY", "my.imperva.com", "{uuid}", auth="header:x-API-Key", comp=("IMPERVA_API_ID", "{d5}"))
R("sucuri", c, "Sucuri", "SUCURI_API_SECRET", "waf.sucuri.net", "{h32}", auth="form", comp=("SUCURI_API_KEY", "{h32}"))
R("constellix", c, "Constellix", "CONSTELLIX_SECRET_KEY", "api.dns.constellix.com", "{uuid}", auth="sign", comp=("CONSTELLIX_API_KEY", "{uuid}"))
R("easydns", c, "easyDNS", "EASYDNS_KEY", "rest.easydns.net", "{h32}", auth="basic-pass", comp=("EASYDNS_TOKEN", "{h16}"))
R("wpengine", c, "WP Engine", "WPE_API_PASSWORD", "api.wpengineapi.com", "{a32}", auth="basic-pass", comp=("WPE_API_USER_ID", "{uuid}"))
R("pantheon", c, "Pantheon", "TERMINUS_MACHINE_TOKEN", "terminus.pantheon.io", "{s43}", auth="json")
R("acquia", c, "Acquia Cloud", "ACQUIA_SECRET", "cloud.acquia.com", "{b43}=", auth="form", comp=("ACQUIA_KEY", "{uuid}"))
R("platformsh", c, "Platform.sh", "PLATFORMSH_CLI_TOKEN", "api.platform.sh", "{s43}", auth="form")
R("koyeb", c, "Koyeb", "KOYEB_TOKEN", "app.koyeb.com", "{a64}")
R("northflank", c, "Northflank", "NORTHFLANK_API_TOKEN", "api.northflank.com", "{jwt}", fixed=False)
R("scalingo", c, "Scalingo", "SCALINGO_API_TOKEN", "auth.scalingo.com", "tk-us-{s48}", kind="p", fixed=False, auth="basic-pass", checked=True)
R("clevercloud", c, "Clever Cloud", "CLEVER_SECRET", "api.clever-cloud.com", "{h32}", auth="sign", comp=("CLEVER_TOKEN", "{h32}"))
R("edgio", c, "Edgio", "EDGIO_DEPLOY_TOKEN", "app.layer0.co", "{h64}", auth="header:x-api-key")
R("equinix", c, "Equinix Metal", "METAL_AUTH_TOKEN", "api.equinix.com", "{a32}", auth="header:X-Auth-Token")
R("ionos", c, "IONOS Cloud", "IONOS_TOKEN", "api.ionos.com", "{jwt}", fixed=False)
R("contabo", c, "Contabo", "CNTB_OAUTH2_CLIENT_SECRET", "auth.contabo.com", "{a32}", auth="form", comp=("CNTB_OAUTH2_CLIENT_ID", "INT-{d8}"))
R("leaseweb", c, "Leaseweb", "LSW_API_KEY", "api.leaseweb.com", "{uuid}", auth="header:X-LSW-Auth")

c = "secrets"
R("bitwarden-sm", c, "Bitwarden Secrets Manager", "BWS_ACCESS_TOKEN", "api.bitwarden.com", "{bws}", kind="p", fixed=False, checked=True,
  provider="bitwarden")
R("bitwarden-api", c, "Bitwarden", "BW_CLIENTSECRET", "identity.bitwarden.com", "{a30}", auth="form", comp=("BW_CLIENTID", "user.{uuid}"),
  provider="bitwarden")
R("keeper", c, "Keeper Secrets Manager", "KSM_TOKEN", "keepersecurity.com", "US:{s43}", kind="p", auth="file")
R("lastpass", c, "LastPass Enterprise", "LASTPASS_PROVHASH", "lastpass.com", "{h64}", auth="json", comp=("LASTPASS_CID", "{d8}"))
R("akeyless", c, "Akeyless", "AKEYLESS_ACCESS_KEY", "api.akeyless.io", "{b43}=", auth="json", comp=("AKEYLESS_ACCESS_ID", "p-{l12}"))
R("conjur", c, "CyberArk Conjur", "CONJUR_AUTHN_API_KEY", "conjur.calder.io", "{l55}", fixed=False, auth="body")
R("dotenvvault", c, "dotenv-vault", "DOTENV_KEY", "dotenv.org", "dotenv://:key_{h64}@dotenv.org/vault/.env.vault?environment=production",
  kind="p", auth="url", case=False)

c = "data"
R("snowflake", c, "Snowflake", "SNOWFLAKE_PASSWORD", "calder-xy{d5}.snowflakecomputing.com", "{pw}", fixed=False, auth="basic-pass",
  comp=("SNOWFLAKE_ACCOUNT", "calder-xy{d5}"), ids=[("SNOWFLAKE_ACCOUNT_LOCATOR", "XY{d5}.eu-west-1")])
R("fivetran", c, "Fivetran", "FIVETRAN_API_SECRET", "api.fivetran.com", "{a32}", auth="basic-pass", comp=("FIVETRAN_API_KEY", "{a16}"),
  ids=[("FIVETRAN_CONNECTOR_ID", "{L6}_{L8}")])
R("airbyte", c, "Airbyte Cloud", "AIRBYTE_CLIENT_SECRET", "api.airbyte.com", "{a32}", auth="json", comp=("AIRBYTE_CLIENT_ID", "{uuid}"))
R("stitch", c, "Stitch", "STITCH_API_TOKEN", "api.stitchdata.com", "{h64}")
R("hightouch", c, "Hightouch", "HIGHTOUCH_API_KEY", "api.hightouch.com", "{uuid}")
R("census", c, "Census", "CENSUS_API_TOKEN", "app.getcensus.com", "secret-token:{a24}", kind="p")
R("astronomer", c, "Astronomer", "ASTRO_API_TOKEN", "api.astronomer.io", "{jwt}", fixed=False)
R("dagster", c, "Dagster+", "DAGSTER_CLOUD_API_TOKEN", "calder.dagster.cloud", "user:{h32}", auth="header:Dagster-Cloud-Api-Token")
R("montecarlo", c, "Monte Carlo", "MCD_DEFAULT_API_TOKEN", "api.getmontecarlo.com", "{s56}", fixed=False, auth="header:x-mcd-token",
  comp=("MCD_DEFAULT_API_ID", "{h32}"))
R("atlan", c, "Atlan", "ATLAN_API_KEY", "calder.atlan.com", "{jwt}", fixed=False)
R("soda", c, "Soda Cloud", "SODA_CLOUD_API_KEY_SECRET", "cloud.soda.io", "{s43}", auth="basic-pass", comp=("SODA_CLOUD_API_KEY_ID", "{uuid}"))
R("firebolt", c, "Firebolt", "FIREBOLT_CLIENT_SECRET", "id.app.firebolt.io", "{s64}", auth="form", comp=("FIREBOLT_CLIENT_ID", "{a32}"))
R("dremio", c, "Dremio", "DREMIO_PAT", "api.dremio.cloud", "{b60}==", fixed=False)
R("rockset", c, "Rockset", "ROCKSET_APIKEY", "api.usw2a1.rockset.com", "{a64}", auth="header:Authorization")
R("singlestore", c, "SingleStore", "SINGLESTORE_API_KEY", "api.singlestore.com", "{h64}")
R("materialize", c, "Materialize", "MZ_APP_PASSWORD", "calder.materialize.cloud", "mzp_{h64}", kind="p", fixed=False, auth="basic-pass")
R("aiven", c, "Aiven", "AIVEN_TOKEN", "api.aiven.io", "{b340}==", fixed=False, auth="header:Authorization")
R("rediscloud", c, "Redis Cloud", "REDISCLOUD_SECRET_KEY", "api.redislabs.com", "{a50}", auth="header:x-api-secret-key",
  comp=("REDISCLOUD_ACCESS_KEY", "{a50}"))
R("cockroach", c, "CockroachDB Cloud", "COCKROACH_API_KEY", "cockroachlabs.cloud", "CCDB1_{a22}_{a40}", kind="p")
R("qdrant", c, "Qdrant Cloud", "QDRANT_API_KEY", "calder.eu-central-1-0.aws.cloud.qdrant.io", "{s43}", fixed=False, auth="header:api-key",
  ids=[("QDRANT_CLUSTER_ID", "{uuid}")])
R("zilliz", c, "Zilliz Cloud", "ZILLIZ_API_KEY", "api.cloud.zilliz.com", "{h104}", fixed=False)
R("bonsai", c, "Bonsai", "BONSAI_URL", "bonsaisearch.net", "https://{l10}:{l10}@calder-search-{d7}.us-east-1.bonsaisearch.net:443", kind="p",
  auth="url", case=False)

c = "hr-finance"
R("expensify", c, "Expensify", "EXPENSIFY_PARTNER_USER_SECRET", "integrations.expensify.com", "{h40}", auth="json",
  comp=("EXPENSIFY_PARTNER_USER_ID", "aa_api_calder_io"))
R("billcom", c, "BILL", "BILL_DEV_KEY", "api.bill.com", "{a40}", auth="form", ids=[("BILL_ORG_ID", "00802{a11}")])
R("tipalti", c, "Tipalti", "TIPALTI_MASTER_KEY", "api.tipalti.com", "{a40}", auth="sign", ids=[("TIPALTI_PAYER_NAME", "CalderLtd")])
R("netsuite", c, "NetSuite", "NETSUITE_TOKEN_SECRET", "calder.suitetalk.api.netsuite.com", "{h64}", auth="sign", comp=("NETSUITE_TOKEN_ID", "{h64}"))
R("zuora", c, "Zuora", "ZUORA_CLIENT_SECRET", "rest.zuora.com", "{s40}", auth="form", comp=("ZUORA_CLIENT_ID", "{uuid}"))
R("maxio", c, "Maxio (Chargify)", "CHARGIFY_API_KEY", "calder.chargify.com", "{a43}", auth="basic-user")
R("clockify", c, "Clockify", "CLOCKIFY_API_KEY", "api.clockify.me", "{a48}", fixed=False, auth="header:X-Api-Key")
R("everhour", c, "Everhour", "EVERHOUR_API_KEY", "api.everhour.com", "{h4}-{h4}-{h6}-{h6}-{h8}", auth="header:X-Api-Key")
R("float", c, "Float", "FLOAT_API_TOKEN", "api.float.com", "{h32}")
R("jazzhr", c, "JazzHR", "JAZZHR_API_KEY", "api.resumatorapi.com", "{a32}", auth="query:apikey")
R("vanta", c, "Vanta", "VANTA_CLIENT_SECRET", "api.vanta.com", "{s64}", auth="json", comp=("VANTA_CLIENT_ID", "{s40}"))
R("drata", c, "Drata", "DRATA_API_KEY", "public-api.drata.com", "{uuid}")

c = "payment"
R("worldpay", c, "Worldpay", "WORLDPAY_SERVICE_KEY", "api.worldpay.com", "L_S_{uuid}", kind="p", auth="header:Authorization",
  ids=[("WORLDPAY_CLIENT_KEY", "L_C_{uuid}")])
R("cybersource", c, "Cybersource", "CYBERSOURCE_SHARED_SECRET", "api.cybersource.com", "{b43}=", auth="sign", comp=("CYBERSOURCE_KEY_ID", "{uuid}"),
  ids=[("CYBERSOURCE_MERCHANT_ID", "calder_{d6}")])
R("nmi", c, "NMI", "NMI_SECURITY_KEY", "secure.nmi.com", "{a32}", auth="form", ids=[("NMI_TOKENIZATION_KEY", "{a6}-{a6}-{a6}-{a6}")])
R("moneris", c, "Moneris", "MONERIS_API_TOKEN", "www3.moneris.com", "{a20}", auth="xml", comp=("MONERIS_STORE_ID", "monca{d5}"))
R("helcim", c, "Helcim", "HELCIM_API_TOKEN", "api.helcim.com", "{s32}", fixed=False, auth="header:api-token")
R("globalpayments", c, "Global Payments", "GP_APP_KEY", "apis.globalpay.com", "{a16}", auth="sign", comp=("GP_APP_ID", "{a32}"))
R("paysafe", c, "Paysafe", "PAYSAFE_API_KEY", "api.paysafe.com", "{b80}", fixed=False, auth="header:Authorization")
R("stax", c, "Stax", "STAX_API_KEY", "apiprod.fattlabs.com", "{jwt}", fixed=False)
R("twocheckout", c, "2Checkout", "TCO_SECRET_KEY", "api.2checkout.com", "{s20}", auth="sign", comp=("TCO_MERCHANT_CODE", "{d9}"))
R("affirm", c, "Affirm", "AFFIRM_PRIVATE_API_KEY", "api.affirm.com", "{a32}", auth="basic-pass", comp=("AFFIRM_PUBLIC_API_KEY", "{U16}"),
  ids=[("AFFIRM_PUBLIC_API_KEY", "{U16}")])
R("afterpay", c, "Afterpay", "AFTERPAY_SECRET_KEY", "global-api.afterpay.com", "{h128}", auth="basic-pass", comp=("AFTERPAY_MERCHANT_ID", "{d5}"))
R("sezzle", c, "Sezzle", "SEZZLE_PRIVATE_KEY", "gateway.sezzle.com", "sz_pr_{a32}", kind="p", auth="json", ids=[("SEZZLE_PUBLIC_KEY", "sz_pub_{a32}")])
R("paymentwall", c, "Paymentwall", "PAYMENTWALL_SECRET_KEY", "api.paymentwall.com", "{h32}", auth="sign", comp=("PAYMENTWALL_PROJECT_KEY", "{h32}"))
R("fastspring", c, "FastSpring", "FASTSPRING_API_PASSWORD", "api.fastspring.com", "{s22}", auth="basic-pass", comp=("FASTSPRING_API_USERNAME", "{U22}"))
R("bitpay", c, "BitPay", "BITPAY_API_TOKEN", "bitpay.com", "{m44}", auth="json")
R("nowpayments", c, "NOWPayments", "NOWPAYMENTS_API_KEY", "api.nowpayments.io", "{u7}-{u7}-{u7}-{u7}", auth="header:x-api-key")
R("coinpayments", c, "CoinPayments", "COINPAYMENTS_PRIVATE_KEY", "www.coinpayments.net", "{h64}", auth="sign", comp=("COINPAYMENTS_PUBLIC_KEY", "{h64}"))
R("worldline", c, "Worldline", "WORLDLINE_SECRET_API_KEY", "payment.direct.worldline-solutions.com", "{b43}=", auth="sign",
  comp=("WORLDLINE_API_KEY_ID", "{H20}"))
R("payfort", c, "Amazon Payment Services", "PAYFORT_SHA_REQUEST_PHRASE", "paymentservices.payfort.com", "{s24}", auth="sign",
  comp=("PAYFORT_ACCESS_CODE", "{a20}"))
R("yookassa", c, "YooKassa", "YOOKASSA_SECRET_KEY", "api.yookassa.ru", "live_{s43}", auth="basic-pass", comp=("YOOKASSA_SHOP_ID", "{d6}"))

c = "crypto"
R("cryptocom", c, "Crypto.com Exchange", "CRYPTOCOM_API_SECRET", "api.crypto.com", "{a22}", auth="sign", comp=("CRYPTOCOM_API_KEY", "{a22}"))
R("bithumb", c, "Bithumb", "BITHUMB_SECRET_KEY", "api.bithumb.com", "{h32}", auth="sign", comp=("BITHUMB_CONNECT_KEY", "{h32}"))
R("coinone", c, "Coinone", "COINONE_SECRET_KEY", "api.coinone.co.kr", "{uuid}", auth="sign", comp=("COINONE_ACCESS_TOKEN", "{uuid}"))
R("wazirx", c, "WazirX", "WAZIRX_SECRET_KEY", "api.wazirx.com", "{a40}", auth="sign", comp=("WAZIRX_API_KEY", "{a64}"))
R("bitpanda", c, "Bitpanda", "BITPANDA_API_KEY", "api.bitpanda.com", "{jwt}", fixed=False, auth="header:X-Api-Key")
R("cexio", c, "CEX.IO", "CEXIO_API_SECRET", "cex.io", "{a30}", auth="sign", comp=("CEXIO_API_KEY", "{a30}"))
R("phemex", c, "Phemex", "PHEMEX_API_SECRET", "api.phemex.com", "{s64}", auth="sign", comp=("PHEMEX_API_ID", "{uuid}"))
R("bingx", c, "BingX", "BINGX_SECRET_KEY", "open-api.bingx.com", "{a64}", auth="sign", comp=("BINGX_API_KEY", "{a64}"))
R("coinex", c, "CoinEx", "COINEX_SECRET_KEY", "api.coinex.com", "{H64}", auth="sign", comp=("COINEX_ACCESS_ID", "{H32}"))
R("woox", c, "WOO X", "WOO_API_SECRET", "api.woo.org", "{U32}", auth="sign", comp=("WOO_API_KEY", "{s22}"))
R("btcturk", c, "BtcTurk", "BTCTURK_PRIVATE_KEY", "api.btcturk.com", "{b32}", auth="sign", comp=("BTCTURK_PUBLIC_KEY", "{uuid}"))
R("bitkub", c, "Bitkub", "BITKUB_API_SECRET", "api.bitkub.com", "{h32}", auth="sign", comp=("BITKUB_API_KEY", "{h32}"))
R("bitcoin-wif", c, "Bitcoin wallet (WIF)", "WALLET_WIF", "", "{wif}", kind="p", auth="file", provider="bitcoin")
R("bitcoin-xprv", c, "BIP-32 extended key", "HD_WALLET_XPRV", "", "{xprv}", kind="p", auth="file", provider="bitcoin")
R("stellar", c, "Stellar", "STELLAR_SECRET_SEED", "horizon.stellar.org", "{stellar}", kind="p", auth="sign",
  ids=[("STELLAR_PUBLIC_KEY", "G{U55}")])
R("evm", c, "EVM wallet", "DEPLOYER_PRIVATE_KEY", "", "0x{h64}", auth="sign", ids=[("DEPLOYER_ADDRESS", "0x{h40}")])

c = "devtools"
R("readme", c, "ReadMe", "README_API_KEY", "dash.readme.com", "rdme_{h70}", kind="p", fixed=False, auth="basic-user")
R("make", c, "Make", "MAKE_API_TOKEN", "eu1.make.com", "{uuid}", auth="header:Authorization")
R("pipedream", c, "Pipedream", "PIPEDREAM_API_KEY", "api.pipedream.com", "{h32}")
R("workato", c, "Workato", "WORKATO_API_TOKEN", "www.workato.com", "{h64}")
R("mulesoft", c, "MuleSoft Anypoint", "ANYPOINT_CLIENT_SECRET", "anypoint.mulesoft.com", "{h32}", auth="form", comp=("ANYPOINT_CLIENT_ID", "{h32}"))
R("gitbook", c, "GitBook", "GITBOOK_API_TOKEN", "api.gitbook.com", "gb_api_{a40}", kind="p", fixed=False)
R("wrike", c, "Wrike", "WRIKE_PERMANENT_TOKEN", "www.wrike.com", "{jwt}", fixed=False)
R("teamwork", c, "Teamwork.com", "TEAMWORK_API_KEY", "calder.teamwork.com", "twp_{a28}", kind="p", fixed=False, auth="basic-user")
R("pivotal", c, "Pivotal Tracker", "PIVOTAL_TRACKER_TOKEN", "www.pivotaltracker.com", "{h32}", auth="header:X-TrackerToken")
R("miro", c, "Miro", "MIRO_ACCESS_TOKEN", "api.miro.com", "{miro}", kind="p", fixed=False)
R("egnyte", c, "Egnyte", "EGNYTE_ACCESS_TOKEN", "calder.egnyte.com", "{a24}")
R("buffer", c, "Buffer", "BUFFER_ACCESS_TOKEN", "api.bufferapp.com", "1/{h32}", auth="query:access_token")
R("zeplin", c, "Zeplin", "ZEPLIN_PERSONAL_ACCESS_TOKEN", "api.zeplin.dev", "{jwt}", fixed=False)
R("rapidapi", c, "RapidAPI", "RAPIDAPI_KEY", "rapidapi.com", "{rapidapi}", auth="header:X-RapidAPI-Key")
R("workos", c, "WorkOS", "WORKOS_API_KEY", "api.workos.com", "sk_{a40}", fixed=False, ids=[("WORKOS_CLIENT_ID", "client_01{U24}")])
R("frontegg", c, "Frontegg", "FRONTEGG_API_KEY", "api.frontegg.com", "{uuid}", auth="json", comp=("FRONTEGG_CLIENT_ID", "{uuid}"))
R("kinde", c, "Kinde", "KINDE_CLIENT_SECRET", "calder.kinde.com", "{a40}", fixed=False, auth="form", comp=("KINDE_CLIENT_ID", "{h32}"))
R("propelauth", c, "PropelAuth", "PROPELAUTH_API_KEY", "auth.calder.io", "{h96}", fixed=False)

c = "ai"
R("deepinfra", c, "DeepInfra", "DEEPINFRA_API_KEY", "api.deepinfra.com", "{a32}")
R("anyscale", c, "Anyscale", "ANYSCALE_API_KEY", "api.endpoints.anyscale.com", "esecret_{l26}", kind="p", fixed=False)
R("vastai", c, "Vast.ai", "VAST_API_KEY", "console.vast.ai", "{h64}")
R("writer", c, "Writer", "WRITER_API_KEY", "api.writer.com", "{s43}", fixed=False)
R("vectara", c, "Vectara", "VECTARA_API_KEY", "api.vectara.io", "zwt_{s43}", kind="p", fixed=False, auth="header:x-api-key")
R("llamacloud", c, "LlamaCloud", "LLAMA_CLOUD_API_KEY", "api.cloud.llamaindex.ai", "llx-{a48}", kind="p", fixed=False)
R("promptlayer", c, "PromptLayer", "PROMPTLAYER_API_KEY", "api.promptlayer.com", "pl_{h32}", kind="p", auth="header:X-API-KEY")
R("gretel", c, "Gretel", "GRETEL_API_KEY", "api.gretel.cloud", "grtu{h64}", kind="p", auth="header:Authorization")
R("neptune", c, "neptune.ai", "NEPTUNE_API_TOKEN", "app.neptune.ai", "{neptune}", fixed=False, auth="form")
R("comet", c, "Comet", "COMET_API_KEY", "www.comet.com", "{a25}", auth="header:Authorization")
R("clearml", c, "ClearML", "CLEARML_API_SECRET_KEY", "api.clear.ml", "{a50}", auth="basic-pass", comp=("CLEARML_API_ACCESS_KEY", "{U30}"))
R("e2b", c, "E2B", "E2B_API_KEY", "api.e2b.app", "e2b_{h40}", kind="p", auth="header:X-API-KEY", checked=True)
R("browserbase", c, "Browserbase", "BROWSERBASE_API_KEY", "api.browserbase.com", "bb_live_{s27}", kind="p", fixed=False,
  auth="header:X-BB-API-Key", ids=[("BROWSERBASE_PROJECT_ID", "{uuid}")])
R("fal", c, "fal.ai", "FAL_KEY", "fal.run", "{uuid}:{h32}", auth="header:Authorization")
R("leonardo", c, "Leonardo.Ai", "LEONARDO_API_KEY", "cloud.leonardo.ai", "{uuid}")
R("zhipu", c, "Zhipu AI", "ZHIPUAI_API_KEY", "open.bigmodel.cn", "{h32}.{a16}")
R("dashscope", c, "Alibaba DashScope", "DASHSCOPE_API_KEY", "dashscope.aliyuncs.com", "sk-{h32}")
R("moonshot", c, "Moonshot AI", "MOONSHOT_API_KEY", "api.moonshot.cn", "sk-{a48}")
R("sambanova", c, "SambaNova Cloud", "SAMBANOVA_API_KEY", "api.sambanova.ai", "{uuid}")
R("labelbox", c, "Labelbox", "LABELBOX_API_KEY", "api.labelbox.com", "{jwt}", fixed=False)
R("unstructured", c, "Unstructured", "UNSTRUCTURED_API_KEY", "api.unstructuredapp.io", "{a30}", auth="header:unstructured-api-key")


def check_rows():
    seen = set()
    for r in ROWS:
        assert r["pid"] not in seen, r["pid"]
        seen.add(r["pid"])


check_rows()


# --- expansion and mutation -----------------------------------------------------------------------------------
def expand(rng, spec):
    """-> (value, segments): segments are (start, end, alphabet) of each drawn part."""
    out, segs, pos, cur = [], [], 0, 0
    for m in re.finditer(r"\{([A-Za-z_0-9]+)\}", spec):
        lit = spec[pos:m.start()]
        out.append(lit)
        cur += len(lit)
        tok = m.group(1)
        mm = re.fullmatch(r"([A-Za-z])(\d+)", tok)
        if tok in SPECIALS:
            fn, alpha = SPECIALS[tok]
            s = fn(rng)
        elif tok in ("uuid", "UUID"):
            s = uuid4(rng, upper=(tok == "UUID"))
            alpha = UHEX if tok == "UUID" else HEX
        elif mm:
            alpha = ALPHA[mm.group(1)] if mm.group(1) != "L" else string.ascii_lowercase
            s = clean(rng, alpha, int(mm.group(2)))
        else:
            raise KeyError(tok)
        out.append(s)
        segs.append((cur, cur + len(s), alpha))
        cur += len(s)
        pos = m.end()
    out.append(spec[pos:])
    return "".join(out), segs


OUTSIDE = {HEX: "gkmqrtvwxz", UHEX: "GKMQRTVWXZ", ALNUM: "!*~", LOWALNUM: "ABDEFGHKMNQRT", UPALNUM: "abdefghkmnqrt",
           URLSAFE: "!*~", B64: "!*~", DIGITS: "bcfkx", BASE58: "0OIl", string.ascii_uppercase + "234567": "0189",
           string.ascii_uppercase: "0123456789", string.ascii_letters: "2345789"}


def mutate(rng, value, segs, how, prefix=""):
    """A one-thing change: 'short' (drop a character), 'long' (add one), 'char' (one character outside the alphabet in the
    first quarter of the longest drawn part), 'case' (the literal prefix's letters swapped in case)."""
    if how == "case":
        return prefix.swapcase() + value[len(prefix):]
    start, end, alpha = max(segs, key=lambda s: s[1] - s[0])
    n = end - start
    if how == "char":
        i = start + rng.randrange(max(1, n // 8), max(2, n // 4))
        return value[:i] + rng.choice(OUTSIDE.get(alpha, "!")) + value[i + 1:]
    i = rng.randrange(start + n // 3, end - 1)
    if how == "short":
        return value[:i] + value[i + 1:]
    if how == "long":
        return value[:i] + rng.choice(alpha.replace("-", "")) + value[i:]
    raise ValueError(how)


def wrong_checksum(rng, pid):
    """A value of a checksummed row with one character of the body changed, so that its checksum no longer holds."""
    v, segs = expand(rng, ROWS_BY_ID[pid]["spec"])
    alpha = segs[0][2]
    for _ in range(100):
        i = rng.randrange(6, len(v) - 8)
        w = v[:i] + rng.choice([ch for ch in alpha if ch != v[i]]) + v[i + 1:]
        if pid == "stellar":
            try:
                if not stellar_ok(w):
                    return w
            except Exception:
                continue
        elif not b58check_ok(w):
            return w
    raise ValueError(pid)


def checksum_ok(pid, v):
    return stellar_ok(v) if pid == "stellar" else b58check_ok(v)


ROWS_BY_ID = {r["pid"]: r for r in ROWS}
CHECKSUM_ROWS = ("bitcoin-wif", "bitcoin-xprv", "stellar")
assert BAD and LOWALNUM and UPALNUM
