"""Token formats of the third held-out corpus: the long tail (analytics, monitoring, CI/CD, CRM,
messaging, payment, maps, e-mail, SMS, feature flags, search, AI), written from each provider's
documentation of its key shape, not from vaultsweep's rules. None of these providers is in
benches/heldout or benches/heldout2.

A spec is literal text with segments {CODE N} drawn from an alphabet (see ALPHA), {uuid} /
{UUID}, or a named special generator. A row is
    (id, category, display name, env var, API host, spec, fixed)
where `fixed` says the documented length is fixed, so a one-character-short or -long copy is a
near miss rather than another valid key.
"""

import base64
import json
import re
import string

from hcommon import ALNUM, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, rand, rbytes, uuid4

B64 = ALNUM + "+/"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64,
         "d": string.digits, "L": string.ascii_lowercase, "U": string.ascii_uppercase,
         "z": string.ascii_lowercase + "234567"}
SEG = re.compile(r"\{([A-Za-z])(\d+)\}|\{(uuid|UUID)\}")


def parse(spec):
    """'fc-{h32}' -> ['fc-', ('h', 32)]; '{uuid}' -> [('uuid', 36)]"""
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
def _b64(b):
    return base64.b64encode(b).decode()


def bedrock(rng):
    """Amazon Bedrock API key: 'ABSK' + base64('BedrockAPIKey-<id>-at-<account>:<secret>')."""
    inner = f"BedrockAPIKey-{rand(rng, LOWALNUM, 4)}-at-{rand(rng, string.digits, 12)}:{_b64(rbytes(rng, 30))}"
    return "ABSK" + _b64(inner.encode())


def teams_webhook(rng):
    return (f"https://acme.webhook.office.com/webhookb2/{uuid4(rng)}@{uuid4(rng)}/IncomingWebhook/"
            f"{rand(rng, HEX, 32)}/{uuid4(rng)}")


def logic_app_webhook(rng):
    return (f"https://prod-{rng.randrange(10, 99)}.westeurope.logic.azure.com:443/workflows/{rand(rng, HEX, 32)}"
            f"/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0"
            f"&sig={rand(rng, URLSAFE, 43)}")


def elastic_api_key(rng):
    """Elasticsearch API key, encoded form: base64('<id>:<api_key>')."""
    return _b64(f"{rand(rng, URLSAFE, 20)}:{rand(rng, URLSAFE, 22)}".encode())


def convex_deploy(rng):
    words = ["happy", "brave", "calm", "quiet", "lucky", "fancy"]
    animals = ["otter", "heron", "lynx", "bison", "koala", "gecko"]
    body = base64.urlsafe_b64encode(json.dumps({"v": 2, "d": rand(rng, HEX, 48)}).encode()).decode().rstrip("=")
    return f"prod:{rng.choice(words)}-{rng.choice(animals)}-{rng.randrange(100, 999)}|{body}"


def zapier_hook(rng):
    return f"https://hooks.zapier.com/hooks/catch/{rng.randrange(10**6, 10**7)}/{rand(rng, LOWALNUM, 6)}/"


def ifttt_url(rng):
    return f"https://maker.ifttt.com/trigger/deploy_done/with/key/{rand(rng, URLSAFE, 22)}"


def bonsai_url(rng):
    return (f"https://{rand(rng, LOWALNUM, 10)}:{rand(rng, LOWALNUM, 10)}@acme-search-{rng.randrange(1000, 9999)}"
            f".eu-west-1.bonsaisearch.net:443")


def salesforce_session(rng):
    body = "".join(rng.choice(ALNUM + "._") for _ in range(96))
    return "00D" + rand(rng, ALNUM, 12) + "!AQ" + body


def zhipu(rng):
    return rand(rng, HEX, 32) + "." + rand(rng, ALNUM, 16)


SPECIAL = {"bedrock": bedrock, "teams": teams_webhook, "logicapp": logic_app_webhook,
           "elastic": elastic_api_key, "convex": convex_deploy, "zapier": zapier_hook, "ifttt": ifttt_url,
           "bonsai": bonsai_url, "salesforce": salesforce_session, "zhipu": zhipu}

# Formats with a documented prefix (or inner structure) that identifies the provider by itself.
PREFIXED = [
    # AI
    ("tavily", "search", "Tavily", "TAVILY_API_KEY", "api.tavily.com", "tvly-{a32}", True),
    ("tavily-dev", "search", "Tavily", "TAVILY_API_KEY", "api.tavily.com", "tvly-dev-{a32}", True),
    ("firecrawl", "ai", "Firecrawl", "FIRECRAWL_API_KEY", "api.firecrawl.dev", "fc-{h32}", True),
    ("e2b", "ai", "E2B", "E2B_API_KEY", "api.e2b.dev", "e2b_{h40}", True),
    ("langfuse", "ai", "Langfuse", "LANGFUSE_SECRET_KEY", "cloud.langfuse.com", "sk-lf-{uuid}", True),
    ("llamacloud", "ai", "LlamaCloud", "LLAMA_CLOUD_API_KEY", "api.cloud.llamaindex.ai", "llx-{a48}", True),
    ("pinecone", "ai", "Pinecone", "PINECONE_API_KEY", "api.pinecone.io", "pcsk_{a5}_{a63}", False),
    ("helicone", "ai", "Helicone", "HELICONE_API_KEY", "oai.helicone.ai", "sk-helicone-{l7}-{l7}-{l7}-{l7}", True),
    ("nvidia", "ai", "NVIDIA NIM", "NVIDIA_API_KEY", "integrate.api.nvidia.com", "nvapi-{s64}", True),
    ("anyscale", "ai", "Anyscale", "ANYSCALE_API_KEY", "api.endpoints.anyscale.com", "esecret_{l24}", True),
    ("runway", "ai", "Runway", "RUNWAYML_API_SECRET", "api.dev.runwayml.com", "key_{h128}", True),
    ("mem0", "ai", "Mem0", "MEM0_API_KEY", "api.mem0.ai", "m0-{a40}", True),
    ("bedrock", "ai", "Amazon Bedrock", "AWS_BEARER_TOKEN_BEDROCK", "bedrock-runtime.us-east-1.amazonaws.com",
     "bedrock", False),
    # monitoring / observability
    ("axiom", "monitoring", "Axiom", "AXIOM_TOKEN", "api.axiom.co", "xaat-{uuid}", True),
    ("axiom-pat", "monitoring", "Axiom", "AXIOM_PERSONAL_TOKEN", "api.axiom.co", "xapt-{uuid}", True),
    ("checkly", "monitoring", "Checkly", "CHECKLY_API_KEY", "api.checklyhq.com", "cu_{h32}", True),
    ("coralogix", "monitoring", "Coralogix", "CORALOGIX_PRIVATE_KEY", "ingress.eu2.coralogix.com", "cxtp_{a30}", True),
    ("firehydrant", "monitoring", "FireHydrant", "FIREHYDRANT_API_KEY", "api.firehydrant.io", "fhb-{h32}", True),
    ("newrelic-license", "monitoring", "New Relic", "NEW_RELIC_LICENSE_KEY", "collector.newrelic.com", "{h36}NRAL", True),
    ("elastic", "monitoring", "Elastic", "ELASTIC_API_KEY", "acme.es.eu-west-1.aws.elastic.cloud", "elastic", False),
    # CI/CD and developer tools
    ("chromatic", "cicd", "Chromatic", "CHROMATIC_PROJECT_TOKEN", "www.chromatic.com", "chpt_{h14}", True),
    ("teamcity", "cicd", "TeamCity", "TEAMCITY_TOKEN", "teamcity.acme.io",
     "eyJ0eXAiOiAiVENWMiJ9.{s36}.{s48}", False),
    ("bitbucket", "cicd", "Bitbucket", "BITBUCKET_APP_PASSWORD", "api.bitbucket.org", "ATBB{a32}", True),
    ("sourcegraph", "cicd", "Sourcegraph", "SRC_ACCESS_TOKEN", "sourcegraph.com", "sgp_{h40}", True),
    ("sourcegraph-local", "cicd", "Sourcegraph", "SRC_ACCESS_TOKEN", "sourcegraph.acme.io", "sgp_local_{h40}", True),
    ("convex", "cicd", "Convex", "CONVEX_DEPLOY_KEY", "api.convex.dev", "convex", False),
    # CRM / business
    ("salesforce", "crm", "Salesforce", "SFDC_ACCESS_TOKEN", "acme.my.salesforce.com", "salesforce", False),
    ("close", "crm", "Close", "CLOSE_API_KEY", "api.close.com", "api_{a22}.{a22}", True),
    ("keap", "crm", "Keap", "KEAP_SERVICE_ACCOUNT_KEY", "api.infusionsoft.com", "KeapAK-{a48}", False),
    ("highlevel", "crm", "HighLevel", "GHL_PRIVATE_TOKEN", "services.leadconnectorhq.com", "pit-{uuid}", True),
    ("calcom", "crm", "Cal.com", "CAL_API_KEY", "api.cal.com", "cal_live_{h32}", True),
    # feature flags / search
    ("flagsmith", "feature-flag", "Flagsmith", "FLAGSMITH_SERVER_KEY", "edge.api.flagsmith.com", "ser.{a22}", True),
    ("unleash", "feature-flag", "Unleash", "UNLEASH_API_TOKEN", "unleash.acme.io", "default:production.{h64}", True),
    ("swiftype", "search", "Elastic App Search", "APP_SEARCH_PRIVATE_KEY", "acme.ent.eu-west-1.aws.found.io",
     "private-{l24}", True),
    ("coveo", "search", "Coveo", "COVEO_API_KEY", "platform.cloud.coveo.com", "xx{uuid}", True),
    ("brave", "search", "Brave Search", "BRAVE_SEARCH_API_KEY", "api.search.brave.com", "BSA{a28}", False),
    # payment
    ("gocardless", "payment", "GoCardless", "GOCARDLESS_ACCESS_TOKEN", "api.gocardless.com", "live_{s40}", True),
    ("adyen", "payment", "Adyen", "ADYEN_API_KEY", "checkout-test.adyen.com", "AQE{a20}+{b100}=-{s20}", False),
    # messaging / SMS / webhooks
    ("signalwire", "sms", "SignalWire", "SIGNALWIRE_TOKEN", "acme.signalwire.com", "PT{h48}", True),
    ("webex", "messaging", "Webex", "WEBEX_BOT_TOKEN", "webexapis.com", "{a64}_{U4}_{uuid}", True),
    ("discord-webhook", "messaging", "Discord", "DISCORD_WEBHOOK_URL", "discord.com",
     "https://discord.com/api/webhooks/{d19}/{s68}", True),
    ("teams-webhook", "messaging", "Microsoft Teams", "TEAMS_WEBHOOK_URL", "acme.webhook.office.com", "teams", False),
    ("logicapp-webhook", "messaging", "Power Automate", "TEAMS_WORKFLOW_URL", "westeurope.logic.azure.com",
     "logicapp", False),
    ("zapier", "messaging", "Zapier", "ZAPIER_HOOK_URL", "hooks.zapier.com", "zapier", False),
    ("ifttt", "messaging", "IFTTT", "IFTTT_WEBHOOK_URL", "maker.ifttt.com", "ifttt", False),
    # maps / analytics
    ("mapillary", "maps", "Mapillary", "MAPILLARY_TOKEN", "graph.mapillary.com", "MLY|{d16}|{h32}", True),
    ("esri", "maps", "ArcGIS", "ARCGIS_API_KEY", "basemaps-api.arcgis.com", "AAPK{h32}{s64}", False),
    ("fullstory", "analytics", "FullStory", "FULLSTORY_API_KEY", "api.fullstory.com", "na1.{b88}", False),
    ("bonsai", "search", "Bonsai", "BONSAI_URL", "bonsaisearch.net", "bonsai", False),
]

# Services whose keys carry no prefix: only the name, variable or host nearby tells them apart.
LONGTAIL = [
    # AI
    ("azure-openai", "ai", "Azure OpenAI", "AZURE_OPENAI_API_KEY", "acme.openai.azure.com", "{h32}"),
    ("zhipu", "ai", "Zhipu AI", "ZHIPUAI_API_KEY", "open.bigmodel.cn", "zhipu"),
    ("hume", "ai", "Hume", "HUME_API_KEY", "api.hume.ai", "{a48}"),
    ("speechmatics", "ai", "Speechmatics", "SPEECHMATICS_API_KEY", "asr.api.speechmatics.com", "{a32}"),
    ("gladia", "ai", "Gladia", "GLADIA_API_KEY", "api.gladia.io", "{uuid}"),
    ("unstructured", "ai", "Unstructured", "UNSTRUCTURED_API_KEY", "api.unstructuredapp.io", "{a30}"),
    ("weaviate", "ai", "Weaviate", "WEAVIATE_API_KEY", "acme.weaviate.cloud", "{a40}"),
    ("civitai", "ai", "Civitai", "CIVITAI_API_TOKEN", "civitai.com", "{h32}"),
    ("dashscope", "ai", "DashScope", "DASHSCOPE_API_KEY", "dashscope.aliyuncs.com", "sk-{h32}"),
    ("moonshot", "ai", "Moonshot", "MOONSHOT_API_KEY", "api.moonshot.cn", "sk-{a48}"),
    # monitoring
    ("honeycomb", "monitoring", "Honeycomb", "HONEYCOMB_API_KEY", "api.honeycomb.io", "{a22}"),
    ("raygun", "monitoring", "Raygun", "RAYGUN_API_KEY", "api.raygun.com", "{a22}"),
    ("instana", "monitoring", "Instana", "INSTANA_AGENT_KEY", "ingress-red-saas.instana.io", "{s22}"),
    ("appsignal", "monitoring", "AppSignal", "APPSIGNAL_PUSH_API_KEY", "push.appsignal.com", "{uuid}"),
    ("scout", "monitoring", "Scout APM", "SCOUT_KEY", "scoutapm.com", "{a20}"),
    ("loggly", "monitoring", "Loggly", "LOGGLY_TOKEN", "logs-01.loggly.com", "{uuid}"),
    ("keen", "analytics", "Keen", "KEEN_MASTER_KEY", "api.keen.io", "{H64}"),
    ("plausible", "analytics", "Plausible", "PLAUSIBLE_API_KEY", "plausible.io", "{s64}"),
    ("pendo", "analytics", "Pendo", "PENDO_INTEGRATION_KEY", "app.pendo.io", "{uuid}.us"),
    ("kissmetrics", "analytics", "Kissmetrics", "KISSMETRICS_API_KEY", "trk.kissmetrics.io", "{h40}"),
    ("chartmogul", "analytics", "ChartMogul", "CHARTMOGUL_API_KEY", "api.chartmogul.com", "{h32}"),
    # CI/CD
    ("azure-devops", "cicd", "Azure DevOps", "AZURE_DEVOPS_PAT", "dev.azure.com", "{z52}"),
    ("vercel", "cicd", "Vercel", "VERCEL_TOKEN", "api.vercel.com", "{a24}"),
    ("railway", "cicd", "Railway", "RAILWAY_TOKEN", "backboard.railway.app", "{uuid}"),
    ("drone", "cicd", "Drone", "DRONE_TOKEN", "drone.acme.io", "{a32}"),
    ("codecov", "cicd", "Codecov", "CODECOV_TOKEN", "codecov.io", "{uuid}"),
    ("bitrise", "cicd", "Bitrise", "BITRISE_TOKEN", "api.bitrise.io", "{s86}"),
    ("cypress", "cicd", "Cypress Cloud", "CYPRESS_RECORD_KEY", "api.cypress.io", "{uuid}"),
    ("infisical", "cicd", "Infisical", "INFISICAL_CLIENT_SECRET", "app.infisical.com", "{h64}"),
    ("gitea", "cicd", "Gitea", "GITEA_TOKEN", "gitea.acme.io", "{h40}"),
    # CRM
    ("salesforce-secret", "crm", "Salesforce", "SFDC_CONSUMER_SECRET", "login.salesforce.com", "{H64}"),
    ("activecampaign", "crm", "ActiveCampaign", "ACTIVECAMPAIGN_API_KEY", "acme.api-us1.com", "{h72}"),
    ("freshsales", "crm", "Freshsales", "FRESHSALES_API_KEY", "acme.myfreshworks.com", "{s22}"),
    # payment
    ("paypal", "payment", "PayPal", "PAYPAL_CLIENT_SECRET", "api-m.paypal.com", "E{s79}"),
    ("authorizenet", "payment", "Authorize.net", "AUTHORIZENET_TRANSACTION_KEY", "api.authorize.net", "{a16}"),
    ("coinbase-commerce", "payment", "Coinbase Commerce", "COINBASE_COMMERCE_API_KEY", "api.commerce.coinbase.com",
     "{uuid}"),
    ("dwolla", "payment", "Dwolla", "DWOLLA_SECRET", "api.dwolla.com", "{a50}"),
    ("wise", "payment", "Wise", "WISE_API_TOKEN", "api.transferwise.com", "{uuid}"),
    ("chargebee", "payment", "Chargebee", "CHARGEBEE_API_KEY", "acme.chargebee.com", "live_{a32}"),
    # maps
    ("maptiler", "maps", "MapTiler", "MAPTILER_KEY", "api.maptiler.com", "{a20}"),
    ("stadia", "maps", "Stadia Maps", "STADIA_API_KEY", "tiles.stadiamaps.com", "{uuid}"),
    ("mapquest", "maps", "MapQuest", "MAPQUEST_KEY", "www.mapquestapi.com", "{a32}"),
    ("thunderforest", "maps", "Thunderforest", "THUNDERFOREST_API_KEY", "tile.thunderforest.com", "{h32}"),
    ("geocodio", "maps", "Geocodio", "GEOCODIO_API_KEY", "api.geocod.io", "{h39}"),
    # e-mail
    ("loops", "email", "Loops", "LOOPS_API_KEY", "app.loops.so", "{h32}"),
    ("mailosaur", "email", "Mailosaur", "MAILOSAUR_API_KEY", "mailosaur.com", "{a32}"),
    ("elasticemail", "email", "Elastic Email", "ELASTICEMAIL_API_KEY", "api.elasticemail.com", "{H96}"),
    ("drip", "email", "Drip", "DRIP_API_TOKEN", "api.getdrip.com", "{h32}"),
    ("moosend", "email", "Moosend", "MOOSEND_API_KEY", "api.moosend.com", "{uuid}"),
    ("emailable", "email", "Emailable", "EMAILABLE_API_KEY", "api.emailable.com", "live_{a32}"),
    ("novu", "email", "Novu", "NOVU_API_KEY", "api.novu.co", "{h32}"),
    # SMS
    ("vonage", "sms", "Vonage", "VONAGE_API_SECRET", "rest.nexmo.com", "{a16}"),
    ("messagebird", "sms", "MessageBird", "MESSAGEBIRD_ACCESS_KEY", "rest.messagebird.com", "{a25}"),
    ("textmagic", "sms", "Textmagic", "TEXTMAGIC_API_KEY", "rest.textmagic.com", "{a30}"),
    ("clicksend", "sms", "ClickSend", "CLICKSEND_API_KEY", "rest.clicksend.com", "{UUID}"),
    ("msg91", "sms", "MSG91", "MSG91_AUTH_KEY", "control.msg91.com", "{d6}A{a17}"),
    ("telesign", "sms", "Telesign", "TELESIGN_API_KEY", "rest-api.telesign.com", "{b86}=="),
    # feature flags / search
    ("split", "feature-flag", "Split", "SPLIT_SDK_API_KEY", "sdk.split.io", "{l36}"),
    ("serper", "search", "Serper", "SERPER_API_KEY", "google.serper.dev", "{h40}"),
    ("exa", "search", "Exa", "EXA_API_KEY", "api.exa.ai", "{uuid}"),
    ("bing", "search", "Bing Search", "BING_SEARCH_KEY", "api.bing.microsoft.com", "{h32}"),
]

BY_ID = {r[0]: r for r in PREFIXED}
BY_ID.update({r[0]: r for r in LONGTAIL})
