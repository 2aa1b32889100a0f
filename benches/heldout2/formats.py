"""Token formats of the second held-out corpus, written from provider documentation and
published examples of each provider's token shape (not from vaultsweep's rules).

A format is a list of segments: literal text or (alphabet, length). Formats with a checksum or
an inner structure have a `post` function that finishes the value. Near misses are made by
changing one segment: one character short or long, one character outside its alphabet, the
literal prefix in the wrong case, or (for checksummed formats) a wrong checksum.
"""

import base64
import json
import re
import string
import zlib

from hcommon import (ALNUM, BECH32, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, bech32_encode,
                     crc32_base62, rand, rbytes, to5, uuid4)

LETTERS = string.ascii_letters
B64 = ALNUM + "+/"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64,
         "d": DIGITS, "x": LETTERS, "L": string.ascii_lowercase,
         "W": string.ascii_uppercase + "234567"}


def parse(spec):
    """'ghp_{a30}' -> ['ghp_', ('a', 30)]"""
    out = []
    pos = 0
    for m in re.finditer(r"\{([A-Za-z])(\d+)\}", spec):
        if m.start() > pos:
            out.append(spec[pos:m.start()])
        out.append((m.group(1), int(m.group(2))))
        pos = m.end()
    if pos < len(spec):
        out.append(spec[pos:])
    return out


def fill(rng, segs):
    return [s if isinstance(s, str) else rand(rng, ALPHA[s[0]], s[1]) for s in segs]


# --- checksummed / structured finishers ------------------------------------------------------------
def crc_b62(parts):
    """GitHub ghp_/gho_/ghu_/ghs_/ghr_ and npm_: 30 base62 characters then CRC32 of them in base62 (6)."""
    body = parts[-1]
    return "".join(parts) + crc32_base62(body)


def age_key(rng):
    return bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()


def jwt(rng, claims):
    def enc(d):
        return base64.urlsafe_b64encode(json.dumps(d, separators=(",", ":")).encode()).decode().rstrip("=")
    sig = base64.urlsafe_b64encode(rbytes(rng, 32)).decode().rstrip("=")
    return enc({"alg": "HS256", "typ": "JWT"}) + "." + enc(claims) + "." + sig


def mapbox_secret(rng):
    body = base64.urlsafe_b64encode(json.dumps({"u": rng.choice(["acme-maps", "geo-team"]),
                                                "a": "cl" + rand(rng, LOWALNUM, 23)},
                                               separators=(",", ":")).encode()).decode().rstrip("=")
    return "sk." + body + "." + rand(rng, URLSAFE, 22)


def grafana_cloud(rng):
    doc = {"o": str(rng.randrange(100000, 999999)), "n": "stack-" + str(rng.randrange(100, 999)) + "-deploy",
           "k": rand(rng, ALNUM, 24), "m": {"r": rng.choice(["us", "eu", "prod-eu-west-0"])}}
    return "glc_" + base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode().rstrip("=")


def discord_bot(rng):
    uid = str(rng.randrange(10 ** 17, 10 ** 19))
    return (base64.b64encode(uid.encode()).decode().rstrip("=") + "." + rand(rng, URLSAFE, 6) + "."
            + rand(rng, URLSAFE, 38))


def onepassword_sa(rng):
    doc = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256",
           "iterations": 650000, "salt": rand(rng, URLSAFE, 22)}, "email": rand(rng, string.ascii_lowercase, 12)
           + "@1passwordserviceaccounts.com", "srpX": rand(rng, HEX, 64), "muk": {"alg": "A256GCM",
           "ext": True, "k": rand(rng, URLSAFE, 43), "key_ops": ["encrypt", "decrypt"], "kty": "oct",
           "kid": "mp"}, "secretKey": "A3-" + rand(rng, UPALNUM, 6) + "-" + rand(rng, UPALNUM, 6),
           "throttleSecret": {"seed": rand(rng, HEX, 64), "uuid": rand(rng, UPALNUM, 26)},
           "deviceUuid": rand(rng, LOWALNUM, 26)}
    return "ops_" + base64.urlsafe_b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode().rstrip("=")


# (id, name, env, host, spec, post) -- post: None | "crc"
PREFIXED = [
    ("github", "GitHub", "GITHUB_TOKEN", "api.github.com", "ghp_{a30}", "crc"),
    ("github-oauth", "GitHub", "GH_OAUTH_TOKEN", "api.github.com", "gho_{a30}", "crc"),
    ("github-app", "GitHub", "GITHUB_APP_TOKEN", "api.github.com", "ghs_{a30}", "crc"),
    ("github-refresh", "GitHub", "GITHUB_REFRESH_TOKEN", "github.com", "ghr_{a30}", "crc"),
    ("github-fine", "GitHub", "GH_PAT", "api.github.com", "github_pat_11{u9}0{a10}_{a59}", None),
    ("gitlab", "GitLab", "GITLAB_TOKEN", "gitlab.com", "glpat-{s20}", None),
    ("gitlab-deploy", "GitLab", "GITLAB_DEPLOY_TOKEN", "gitlab.com", "gldt-{s20}", None),
    ("gitlab-runner", "GitLab", "RUNNER_TOKEN", "gitlab.com", "glrt-{s20}", None),
    ("gitlab-trigger", "GitLab", "CI_TRIGGER_TOKEN", "gitlab.com", "glptt-{h40}", None),
    ("slack-bot", "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d12}-{d13}-{a24}", None),
    ("slack-user", "Slack", "SLACK_USER_TOKEN", "slack.com", "xoxp-{d12}-{d12}-{d13}-{h32}", None),
    ("slack-app", "Slack", "SLACK_APP_TOKEN", "slack.com", "xapp-1-A{u10}-{d13}-{h64}", None),
    ("slack-webhook", "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com",
     "https://hooks.slack.com/services/T{u10}/B{u10}/{a24}", None),
    ("stripe", "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "sk_live_51{a97}", None),
    ("stripe-restricted", "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_{a24}", None),
    ("stripe-webhook", "Stripe", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "whsec_{a32}", None),
    ("aws", "AWS", "AWS_ACCESS_KEY_ID", "sts.amazonaws.com", "AKIA{W16}", None),
    ("openai", "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-proj-{s74}T3BlbkFJ{s74}", None),
    ("openai-svc", "OpenAI", "OPENAI_KEY", "api.openai.com", "sk-svcacct-{s74}T3BlbkFJ{s74}", None),
    ("anthropic", "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", None),
    ("anthropic-admin", "Anthropic", "ANTHROPIC_ADMIN_KEY", "api.anthropic.com", "sk-ant-admin01-{s93}AA", None),
    ("google", "Google", "GOOGLE_API_KEY", "maps.googleapis.com", "AIza{s35}", None),
    ("google-oauth", "Google", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "GOCSPX-{s28}", None),
    ("sendgrid", "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "SG.{s22}.{s43}", None),
    ("npm", "npm", "NPM_TOKEN", "registry.npmjs.org", "npm_{a30}", "crc"),
    ("shopify", "Shopify", "SHOPIFY_ACCESS_TOKEN", "myshop.myshopify.com", "shpat_{h32}", None),
    ("shopify-secret", "Shopify", "SHOPIFY_SHARED_SECRET", "myshop.myshopify.com", "shpss_{h32}", None),
    ("digitalocean", "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "dop_v1_{h64}", None),
    ("digitalocean-oauth", "DigitalOcean", "DO_OAUTH_TOKEN", "api.digitalocean.com", "doo_v1_{h64}", None),
    ("vault", "HashiCorp Vault", "VAULT_TOKEN", "vault.internal", "hvs.{a24}", None),
    ("terraform", "Terraform Cloud", "TFE_TOKEN", "app.terraform.io", "{a14}.atlasv1.{a67}", None),
    ("doppler", "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.pt.{a43}", None),
    ("doppler-st", "Doppler", "DOPPLER_SERVICE_TOKEN", "api.doppler.com", "dp.st.prd.{a40}", None),
    ("linear", "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", None),
    ("notion", "Notion", "NOTION_TOKEN", "api.notion.com", "ntn_{d11}{a35}", None),
    ("notion-legacy", "Notion", "NOTION_API_KEY", "api.notion.com", "secret_{a43}", None),
    ("atlassian", "Atlassian", "JIRA_API_TOKEN", "acme.atlassian.net", "ATATT3xFfGF0{s171}={H8}", None),
    ("figma", "Figma", "FIGMA_TOKEN", "api.figma.com", "figd_{s40}", None),
    ("postman", "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", None),
    ("mailchimp", "Mailchimp", "MAILCHIMP_API_KEY", "us14.api.mailchimp.com", "{h32}-us14", None),
    ("mailgun", "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}", None),
    ("sentry", "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}", None),
    ("newrelic", "New Relic", "NEW_RELIC_API_KEY", "api.newrelic.com", "NRAK-{u27}", None),
    ("databricks", "Databricks", "DATABRICKS_TOKEN", "adb-123.azuredatabricks.net", "dapi{h32}", None),
    ("huggingface", "Hugging Face", "HF_TOKEN", "huggingface.co", "hf_{x34}", None),
    ("replicate", "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}", None),
    ("groq", "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}", None),
    ("perplexity", "Perplexity", "PPLX_API_KEY", "api.perplexity.ai", "pplx-{a48}", None),
    ("xai", "xAI", "XAI_API_KEY", "api.x.ai", "xai-{a80}", None),
    ("pulumi", "Pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "pul-{h40}", None),
    ("square", "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}", None),
    ("shippo", "Shippo", "SHIPPO_API_TOKEN", "api.goshippo.com", "shippo_live_{h40}", None),
    ("dynatrace", "Dynatrace", "DT_API_TOKEN", "abc.live.dynatrace.com", "dt0c01.{u24}.{u64}", None),
    ("adafruit", "Adafruit IO", "ADAFRUIT_IO_KEY", "io.adafruit.com", "aio_{a28}", None),
    ("contentful", "Contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "CFPAT-{s43}", None),
    ("airtable", "Airtable", "AIRTABLE_TOKEN", "api.airtable.com", "pat{a14}.{h64}", None),
    ("asana", "Asana", "ASANA_PAT", "app.asana.com", "2/{d16}/{d16}:{h32}", None),
    ("telegram", "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", None),
    ("supabase", "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}", None),
    ("netlify", "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a36}", None),
    ("render", "Render", "RENDER_API_KEY", "api.render.com", "rnd_{a32}", None),
    ("buildkite", "Buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bkua_{h40}", None),
    ("dockerhub", "Docker Hub", "DOCKERHUB_TOKEN", "hub.docker.com", "dckr_pat_{s27}", None),
    ("sonarqube", "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "squ_{h40}", None),
    ("jfrog", "JFrog", "ARTIFACTORY_API_KEY", "acme.jfrog.io", "AKCp{a69}", None),
    ("azure-ad", "Azure AD", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "{a3}8Q~{a34}", None),
    ("planetscale", "PlanetScale", "PLANETSCALE_TOKEN", "api.planetscale.com", "pscale_tkn_{s43}", None),
    ("planetscale-pw", "PlanetScale", "DATABASE_PASSWORD", "aws.connect.psdb.cloud", "pscale_pw_{s43}", None),
    ("prefect", "Prefect", "PREFECT_API_KEY", "api.prefect.cloud", "pnu_{a36}", None),
    ("tailscale", "Tailscale", "TS_AUTHKEY", "api.tailscale.com", "tskey-auth-k{a10}CNTRL-{a33}", None),
    ("launchdarkly", "LaunchDarkly", "LD_SDK_KEY", "app.launchdarkly.com", "sdk-{h8}-{h4}-4{h3}-a{h3}-{h12}", None),
    ("langsmith", "LangSmith", "LANGSMITH_API_KEY", "api.smith.langchain.com", "lsv2_pt_{h32}_{h10}", None),
    ("elevenlabs", "ElevenLabs", "ELEVENLABS_API_KEY", "api.elevenlabs.io", "sk_{h48}", None),
    ("infracost", "Infracost", "INFRACOST_API_KEY", "pricing.api.infracost.io", "ico-{a32}", None),
    ("scalingo", "Scalingo", "SCALINGO_API_TOKEN", "api.osc-fr1.scalingo.com", "tk-us-{s48}", None),
    ("frameio", "Frame.io", "FRAMEIO_TOKEN", "api.frame.io", "fio-u-{s64}", None),
    ("flutterwave", "Flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "FLWSECK-{h32}-X", None),
    ("paystack", "Paystack", "PAYSTACK_SECRET_KEY", "api.paystack.co", "sk_live_{h40}", None),
    ("braintree", "Braintree", "BRAINTREE_ACCESS_TOKEN", "api.braintreegateway.com",
     "access_token$production${L16}${h32}", None),
    ("lob", "Lob", "LOB_API_KEY", "api.lob.com", "live_{h35}", None),
    ("easypost", "EasyPost", "EASYPOST_API_KEY", "api.easypost.com", "EZAK{h54}", None),
    ("brevo", "Brevo", "BREVO_API_KEY", "api.brevo.com", "xkeysib-{h64}-{a16}", None),
    ("plaid", "Plaid", "PLAID_ACCESS_TOKEN", "production.plaid.com", "access-production-{h8}-{h4}-4{h3}-b{h3}-{h12}", None),
    ("cloudflare-ca", "Cloudflare", "CF_ORIGIN_CA_KEY", "api.cloudflare.com", "v1.0-{h24}-{h146}", None),
    ("alibaba", "Alibaba Cloud", "ALIBABA_CLOUD_ACCESS_KEY_ID", "ecs.aliyuncs.com", "LTAI{a20}", None),
    ("tencent", "Tencent Cloud", "TENCENTCLOUD_SECRET_ID", "cvm.tencentcloudapi.com", "AKID{a32}", None),
    ("openrouter", "OpenRouter", "OPENROUTER_API_KEY", "openrouter.ai", "sk-or-v1-{h64}", None),
    ("posthog", "PostHog", "POSTHOG_PERSONAL_API_KEY", "app.posthog.com", "phx_{a43}", None),
    ("hubspot", "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-na1-{h8}-{h4}-4{h3}-9{h3}-{h12}", None),
    ("honeybadger", "Honeybadger", "HONEYBADGER_PERSONAL_TOKEN", "app.honeybadger.io", "hbp_{a36}", None),
    ("circleci", "CircleCI", "CIRCLE_TOKEN", "circleci.com", "CCIPAT_{a22}_{h40}", None),
    ("deno", "Deno Deploy", "DENO_DEPLOY_TOKEN", "dash.deno.com", "ddp_{a36}", None),
    ("readme", "ReadMe", "README_API_KEY", "dash.readme.com", "rdme_{l70}", None),
    ("fireworks", "Fireworks AI", "FIREWORKS_API_KEY", "api.fireworks.ai", "fw_{a24}", None),
    ("clerk", "Clerk", "CLERK_SECRET_KEY", "api.clerk.com", "sk_live_{a40}", None),
    ("resend", "Resend", "RESEND_API_KEY", "api.resend.com", "re_{a8}_{a24}", None),
]

SPECIAL = [
    ("age", "age", "SOPS_AGE_KEY", "localhost", age_key),
    ("mapbox", "Mapbox", "MAPBOX_SECRET_TOKEN", "api.mapbox.com", mapbox_secret),
    ("grafana-cloud", "Grafana Cloud", "GRAFANA_CLOUD_TOKEN", "grafana.net", grafana_cloud),
    ("discord", "Discord", "DISCORD_BOT_TOKEN", "discord.com", discord_bot),
    ("1password", "1Password", "OP_SERVICE_ACCOUNT_TOKEN", "my.1password.com", onepassword_sa),
    ("supabase-jwt", "Supabase", "SUPABASE_SERVICE_ROLE_KEY", "xyzcompany.supabase.co",
     lambda rng: jwt(rng, {"iss": "supabase", "ref": rand(rng, "abcdefghijklmnopqrstuvwxyz", 20),
                           "role": "service_role", "iat": 1700000000, "exp": 2015576000})),
]

# Long-tail services whose keys carry no prefix: only the name nearby tells them apart.
LONGTAIL = [
    ("todoist", "Todoist", "TODOIST_API_TOKEN", "api.todoist.com", "{h40}"),
    ("mailjet", "Mailjet", "MAILJET_API_SECRET", "api.mailjet.com", "{h32}"),
    ("sparkpost", "SparkPost", "SPARKPOST_API_KEY", "api.sparkpost.com", "{h40}"),
    ("postmark", "Postmark", "POSTMARK_SERVER_TOKEN", "api.postmarkapp.com", "{h8}-{h4}-4{h3}-8{h3}-{h12}"),
    ("cohere", "Cohere", "COHERE_API_KEY", "api.cohere.ai", "{a40}"),
    ("mistral", "Mistral", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}"),
    ("deepgram", "Deepgram", "DEEPGRAM_API_KEY", "api.deepgram.com", "{h40}"),
    ("assemblyai", "AssemblyAI", "ASSEMBLYAI_API_KEY", "api.assemblyai.com", "{h32}"),
    ("together", "Together AI", "TOGETHER_API_KEY", "api.together.xyz", "{h64}"),
    ("serpapi", "SerpApi", "SERPAPI_API_KEY", "serpapi.com", "{h64}"),
    ("scraperapi", "ScraperAPI", "SCRAPERAPI_KEY", "api.scraperapi.com", "{h32}"),
    ("zenrows", "ZenRows", "ZENROWS_API_KEY", "api.zenrows.com", "{h40}"),
    ("hunter", "Hunter", "HUNTER_API_KEY", "api.hunter.io", "{h40}"),
    ("abstractapi", "Abstract API", "ABSTRACT_API_KEY", "emailvalidation.abstractapi.com", "{h32}"),
    ("rapidapi", "RapidAPI", "RAPIDAPI_KEY", "rapidapi.com", "{a50}"),
    ("unsplash", "Unsplash", "UNSPLASH_ACCESS_KEY", "api.unsplash.com", "{s43}"),
    ("pexels", "Pexels", "PEXELS_API_KEY", "api.pexels.com", "{a56}"),
    ("giphy", "Giphy", "GIPHY_API_KEY", "api.giphy.com", "{a32}"),
    ("tmdb", "TMDB", "TMDB_API_KEY", "api.themoviedb.org", "{h32}"),
    ("spotify", "Spotify", "SPOTIFY_CLIENT_SECRET", "accounts.spotify.com", "{h32}"),
    ("twitch", "Twitch", "TWITCH_CLIENT_SECRET", "id.twitch.tv", "{l30}"),
    ("zoom", "Zoom", "ZOOM_CLIENT_SECRET", "zoom.us", "{a32}"),
    ("opsgenie", "Opsgenie", "OPSGENIE_API_KEY", "api.opsgenie.com", "{h8}-{h4}-4{h3}-a{h3}-{h12}"),
    ("bugsnag", "Bugsnag", "BUGSNAG_AUTH_TOKEN", "api.bugsnag.com", "{h32}"),
    ("rollbar", "Rollbar", "ROLLBAR_ACCESS_TOKEN", "api.rollbar.com", "{h32}"),
    ("mezmo", "Mezmo", "MEZMO_INGESTION_KEY", "logs.mezmo.com", "{h32}"),
    ("travis", "Travis CI", "TRAVIS_API_TOKEN", "api.travis-ci.com", "{s22}"),
    ("snyk", "Snyk", "SNYK_TOKEN", "api.snyk.io", "{h8}-{h4}-4{h3}-b{h3}-{h12}"),
    ("algolia", "Algolia", "ALGOLIA_ADMIN_KEY", "acme-dsn.algolia.net", "{h32}"),
    ("typesense", "Typesense", "TYPESENSE_API_KEY", "xyz.a1.typesense.net", "{a32}"),
    ("pipedrive", "Pipedrive", "PIPEDRIVE_API_TOKEN", "api.pipedrive.com", "{h40}"),
    ("freshdesk", "Freshdesk", "FRESHDESK_API_KEY", "acme.freshdesk.com", "{a20}"),
    ("zendesk", "Zendesk", "ZENDESK_API_TOKEN", "acme.zendesk.com", "{a40}"),
    ("segment", "Segment", "SEGMENT_WRITE_KEY", "api.segment.io", "{a32}"),
    ("mixpanel", "Mixpanel", "MIXPANEL_API_SECRET", "mixpanel.com", "{h32}"),
    ("amplitude", "Amplitude", "AMPLITUDE_SECRET_KEY", "amplitude.com", "{h32}"),
    ("customerio", "Customer.io", "CUSTOMERIO_API_KEY", "track.customer.io", "{h20}"),
    ("hetzner", "Hetzner Cloud", "HCLOUD_TOKEN", "api.hetzner.cloud", "{a64}"),
    ("linode", "Linode", "LINODE_TOKEN", "api.linode.com", "{h64}"),
    ("vultr", "Vultr", "VULTR_API_KEY", "api.vultr.com", "{u36}"),
    ("cloudflare", "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}"),
    ("fastly", "Fastly", "FASTLY_API_TOKEN", "api.fastly.com", "{s32}"),
    ("datadog", "Datadog", "DD_API_KEY", "api.datadoghq.com", "{h32}"),
    ("datadog-app", "Datadog", "DD_APP_KEY", "api.datadoghq.com", "{h40}"),
    ("heroku", "Heroku", "HEROKU_API_KEY", "api.heroku.com", "{h8}-{h4}-4{h3}-8{h3}-{h12}"),
    ("pagerduty", "PagerDuty", "PAGERDUTY_TOKEN", "api.pagerduty.com", "u+{s18}"),
    ("nasa", "NASA", "NASA_API_KEY", "api.nasa.gov", "{a40}"),
    ("shodan", "Shodan", "SHODAN_API_KEY", "api.shodan.io", "{a32}"),
    ("virustotal", "VirusTotal", "VT_API_KEY", "www.virustotal.com", "{h64}"),
    ("ibm", "IBM Cloud", "IBMCLOUD_API_KEY", "iam.cloud.ibm.com", "{s44}"),
]
