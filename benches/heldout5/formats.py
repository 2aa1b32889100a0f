"""Token formats of the fifth held-out corpus, written from providers' documentation of their key
shapes as I know it, blind to vaultsweep's rules (`patterns/` and `src/detect` were not opened while
this file was written). Providers are the long tail that heldouts 1-4 used little or not at all.

PREFIXED rows: (id, category, display name, env var, API host, spec, fixed)
LONGTAIL rows: (id, category, display name, env var, API host, spec)
A spec is benches/heldout/hcommon.gen_spec's: literal text with {h32} (lower hex), {H32} (upper hex),
{a40} (base62), {l26} (lower alnum), {u20} (upper alnum), {s43} (URL-safe), {b40} (base64),
{d10} (digits), {m44} (base58), {x20} (letters), {uuid} / {UUID}, or a named special.
`fixed` says the documented length is fixed, so one character more or less is a near miss.
"""

import base64

from hcommon import ALNUM, HEX, special, rand

PREFIXED = [
    # CI/CD and developer platforms
    ("buildkite", "cicd", "Buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bkua_{h40}", True),
    ("grafana-sa", "monitoring", "Grafana", "GRAFANA_SA_TOKEN", "acme.grafana.net", "glsa_{a32}_{h8}", True),
    ("sentry-user", "monitoring", "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}", True),
    ("pulumi", "cicd", "Pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "pul-{h40}", True),
    ("supabase", "cicd", "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}", True),
    ("planetscale", "cicd", "PlanetScale", "PLANETSCALE_SERVICE_TOKEN", "api.planetscale.com", "pscale_tkn_{s43}", True),
    ("planetscale-pw", "cicd", "PlanetScale", "DATABASE_PASSWORD", "aws.connect.psdb.cloud", "pscale_pw_{s43}", True),
    ("sonarqube", "cicd", "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "squ_{h40}", True),
    ("render", "cicd", "Render", "RENDER_API_KEY", "api.render.com", "rnd_{a32}", True),
    ("deno", "cicd", "Deno Deploy", "DENO_DEPLOY_TOKEN", "dash.deno.com", "ddp_{a36}", True),
    ("prefect", "cicd", "Prefect", "PREFECT_API_KEY", "api.prefect.cloud", "pnu_{a36}", True),
    ("databricks", "ai", "Databricks", "DATABRICKS_TOKEN", "adb-1234.azuredatabricks.net", "dapi{h32}", True),
    ("contentful", "cms", "Contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "CFPAT-{s43}", True),
    ("airtable", "crm", "Airtable", "AIRTABLE_TOKEN", "api.airtable.com", "pat{a14}.{h64}", True),
    ("jfrog-ref", "cicd", "JFrog", "JFROG_ACCESS_TOKEN", "acme.jfrog.io", "{jfrogref}", False),
    ("dynatrace", "monitoring", "Dynatrace", "DT_API_TOKEN", "acme.live.dynatrace.com", "dt0c01.{u24}.{u64}", True),
    ("uptimerobot", "monitoring", "UptimeRobot", "UPTIMEROBOT_API_KEY", "api.uptimerobot.com", "u{d7}-{h24}", True),
    ("launchdarkly", "flags", "LaunchDarkly", "LD_API_KEY", "app.launchdarkly.com", "api-{uuid}", True),
    # AI/ML
    ("replicate", "ai", "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}", True),
    ("groq", "ai", "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}", True),
    ("perplexity", "ai", "Perplexity", "PERPLEXITY_API_KEY", "api.perplexity.ai", "pplx-{a48}", True),
    ("openrouter", "ai", "OpenRouter", "OPENROUTER_API_KEY", "openrouter.ai", "sk-or-v1-{h64}", True),
    ("langsmith", "ai", "LangSmith", "LANGSMITH_API_KEY", "api.smith.langchain.com", "lsv2_pt_{h32}_{h10}", True),
    ("cerebras", "ai", "Cerebras", "CEREBRAS_API_KEY", "api.cerebras.ai", "csk-{l48}", True),
    ("jina", "ai", "Jina AI", "JINA_API_KEY", "api.jina.ai", "jina_{a60}", True),
    ("voyage", "ai", "Voyage AI", "VOYAGE_API_KEY", "api.voyageai.com", "pa-{s43}", True),
    ("xai", "ai", "xAI", "XAI_API_KEY", "api.x.ai", "xai-{a80}", True),
    # payments, finance, shipping
    ("paystack", "payment", "Paystack", "PAYSTACK_SECRET_KEY", "api.paystack.co", "sk_live_{h40}", True),
    ("flutterwave", "payment", "Flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "FLWSECK-{h32}-X", True),
    ("square", "payment", "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}", True),
    ("square-oauth", "payment", "Square", "SQUARE_APP_SECRET", "connect.squareup.com", "sq0csp-{s43}", True),
    ("plaid", "finance", "Plaid", "PLAID_ACCESS_TOKEN", "production.plaid.com", "access-production-{uuid}", True),
    ("duffel", "travel", "Duffel", "DUFFEL_ACCESS_TOKEN", "api.duffel.com", "duffel_live_{s43}", True),
    ("shippo", "shipping", "Shippo", "SHIPPO_API_TOKEN", "api.goshippo.com", "shippo_live_{h40}", True),
    # marketing / CRM
    ("brevo", "marketing", "Brevo", "BREVO_API_KEY", "api.brevo.com", "xkeysib-{h64}-{a16}", True),
    ("mailchimp", "marketing", "Mailchimp", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "{h32}-us21", True),
    ("hubspot", "crm", "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-na1-{uuid}", True),
    ("mailgun", "marketing", "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}", True),
    # messaging / video / translation
    ("telegram", "messaging", "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", True),
    ("deepl", "translation", "DeepL", "DEEPL_AUTH_KEY", "api.deepl.com", "{uuid}:fx", True),
    ("cloudinary", "video", "Cloudinary", "CLOUDINARY_URL", "api.cloudinary.com", "cloudinary://{d15}:{s27}@acme-media", False),
    ("okta", "identity", "Okta", "OKTA_API_TOKEN", "acme.okta.com", "00{s40}", True),
]

LONGTAIL = [
    # observability
    ("rollbar", "monitoring", "Rollbar", "ROLLBAR_ACCESS_TOKEN", "api.rollbar.com", "{h32}"),
    ("bugsnag", "monitoring", "Bugsnag", "BUGSNAG_API_KEY", "notify.bugsnag.com", "{h32}"),
    ("cronitor", "monitoring", "Cronitor", "CRONITOR_API_KEY", "cronitor.io", "{h32}"),
    ("betterstack", "monitoring", "Better Stack", "BETTERSTACK_SOURCE_TOKEN", "in.logs.betterstack.com", "{a24}"),
    ("sumologic", "monitoring", "Sumo Logic", "SUMO_ACCESS_KEY", "api.sumologic.com", "{a64}"),
    # CI/CD
    ("circleci", "cicd", "CircleCI", "CIRCLECI_TOKEN", "circleci.com", "{h40}"),
    ("travis", "cicd", "Travis CI", "TRAVIS_API_TOKEN", "api.travis-ci.com", "{s22}"),
    ("cypress", "cicd", "Cypress", "CYPRESS_RECORD_KEY", "api.cypress.io", "{uuid}"),
    ("codacy", "cicd", "Codacy", "CODACY_PROJECT_TOKEN", "api.codacy.com", "{h32}"),
    # CRM / marketing / support
    ("pipedrive", "crm", "Pipedrive", "PIPEDRIVE_API_TOKEN", "api.pipedrive.com", "{h40}"),
    ("iterable", "marketing", "Iterable", "ITERABLE_API_KEY", "api.iterable.com", "{h32}"),
    ("braze", "marketing", "Braze", "BRAZE_REST_API_KEY", "rest.iad-01.braze.com", "{uuid}"),
    ("customerio", "marketing", "Customer.io", "CUSTOMERIO_APP_API_KEY", "api.customer.io", "{h32}"),
    ("mixpanel", "analytics", "Mixpanel", "MIXPANEL_API_SECRET", "mixpanel.com", "{h32}"),
    ("amplitude", "analytics", "Amplitude", "AMPLITUDE_SECRET_KEY", "amplitude.com", "{h32}"),
    ("copper", "crm", "Copper", "COPPER_API_KEY", "api.copper.com", "{h32}"),
    ("freshdesk", "crm", "Freshdesk", "FRESHDESK_API_KEY", "acme.freshdesk.com", "{a20}"),
    # e-signature / HR
    ("hellosign", "esign", "Dropbox Sign", "HELLOSIGN_API_KEY", "api.hellosign.com", "{h64}"),
    ("pandadoc", "esign", "PandaDoc", "PANDADOC_API_KEY", "api.pandadoc.com", "{h40}"),
    ("signnow", "esign", "signNow", "SIGNNOW_BASIC_TOKEN", "api.signnow.com", "{h64}"),
    ("personio", "hr", "Personio", "PERSONIO_CLIENT_SECRET", "api.personio.de", "{a40}"),
    ("hibob", "hr", "HiBob", "HIBOB_SERVICE_TOKEN", "api.hibob.com", "{a40}"),
    # search / storage / CDN / DNS
    ("typesense", "search", "Typesense", "TYPESENSE_API_KEY", "acme.a1.typesense.net", "{a32}"),
    ("meilisearch", "search", "Meilisearch", "MEILI_MASTER_KEY", "ms-acme.meilisearch.io", "{s43}"),
    ("hetzner", "cloud", "Hetzner Cloud", "HCLOUD_TOKEN", "api.hetzner.cloud", "{a64}"),
    ("vultr", "cloud", "Vultr", "VULTR_API_KEY", "api.vultr.com", "{u36}"),
    ("scaleway", "cloud", "Scaleway", "SCW_SECRET_KEY", "api.scaleway.com", "{uuid}"),
    ("cloudflare", "cdn", "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}"),
    ("keycdn", "cdn", "KeyCDN", "KEYCDN_API_KEY", "api.keycdn.com", "{a32}"),
    # AI/ML
    ("assemblyai", "ai", "AssemblyAI", "ASSEMBLYAI_API_KEY", "api.assemblyai.com", "{h32}"),
    ("deepgram", "ai", "Deepgram", "DEEPGRAM_API_KEY", "api.deepgram.com", "{h40}"),
    ("wandb", "ai", "Weights & Biases", "WANDB_API_KEY", "api.wandb.ai", "{h40}"),
    ("clarifai", "ai", "Clarifai", "CLARIFAI_PAT", "api.clarifai.com", "{h32}"),
    ("gladia", "ai", "Gladia", "GLADIA_API_KEY", "api.gladia.io", "{uuid}"),
    # crypto exchanges / finance data
    ("binance", "crypto", "Binance", "BINANCE_API_SECRET", "api.binance.com", "{a64}"),
    ("kucoin", "crypto", "KuCoin", "KUCOIN_API_SECRET", "api.kucoin.com", "{uuid}"),
    ("bitfinex", "crypto", "Bitfinex", "BITFINEX_API_SECRET", "api.bitfinex.com", "{a43}"),
    ("etherscan", "crypto", "Etherscan", "ETHERSCAN_API_KEY", "api.etherscan.io", "{u34}"),
    ("infura", "crypto", "Infura", "INFURA_API_KEY", "mainnet.infura.io", "{h32}"),
    ("finnhub", "finance", "Finnhub", "FINNHUB_API_KEY", "finnhub.io", "{l20}"),
    ("polygon", "finance", "Polygon.io", "POLYGON_API_KEY", "api.polygon.io", "{a32}"),
    ("tiingo", "finance", "Tiingo", "TIINGO_API_KEY", "api.tiingo.com", "{h40}"),
    ("twelvedata", "finance", "Twelve Data", "TWELVEDATA_API_KEY", "api.twelvedata.com", "{h32}"),
    ("alphavantage", "finance", "Alpha Vantage", "ALPHAVANTAGE_API_KEY", "www.alphavantage.co", "{u16}"),
    # maps / IoT / messaging / video / translation
    ("tomtom", "maps", "TomTom", "TOMTOM_API_KEY", "api.tomtom.com", "{a32}"),
    ("here", "maps", "HERE", "HERE_API_KEY", "geocode.search.hereapi.com", "{s43}"),
    ("balena", "iot", "balena", "BALENA_API_KEY", "api.balena-cloud.com", "{a32}"),
    ("losant", "iot", "Losant", "LOSANT_ACCESS_SECRET", "api.losant.com", "{h64}"),
    ("pusher", "messaging", "Pusher", "PUSHER_APP_SECRET", "api-eu.pusher.com", "{h20}"),
    ("mattermost", "messaging", "Mattermost", "MATTERMOST_TOKEN", "chat.acme.io", "{l26}"),
    ("agora", "video", "Agora", "AGORA_APP_CERTIFICATE", "api.agora.io", "{h32}"),
    ("wistia", "video", "Wistia", "WISTIA_API_TOKEN", "api.wistia.com", "{h64}"),
    ("vimeo", "video", "Vimeo", "VIMEO_ACCESS_TOKEN", "api.vimeo.com", "{h32}"),
    ("lokalise", "translation", "Lokalise", "LOKALISE_API_TOKEN", "api.lokalise.com", "{h40}"),
    ("shipstation", "shipping", "ShipStation", "SHIPSTATION_API_SECRET", "ssapi.shipstation.com", "{h32}"),
]


@special("jfrogref")
def jfrog_ref(rng):
    """JFrog reference tokens are base64 of 'reftkn:01:<expiry>:<random>' (64 characters)."""
    raw = f"reftkn:01:{rng.randrange(1700000000, 2000000000)}:{rand(rng, ALNUM, 27)}"
    return base64.b64encode(raw.encode()).decode().rstrip("=")
