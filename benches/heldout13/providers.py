"""Token formats of the thirteenth held-out corpus's provider half: about 150 of the best-known providers (cloud,
VCS, CI, package registries, payments, messaging, e-mail, AI, monitoring, developer SaaS), written blind to
vaultsweep's rules and to other scanners' rule and test files. Formats come from the providers' documentation: a few
confirmed with the search tool in this session (`checked=True`: Doppler's token-format page, Tailscale's key-prefix
page, GitLab's `glpat-` issue, HashiCorp Vault's `hvs.`/`hvb.` prefixes, Grafana's `glsa_` shape, Docker's
`dckr_pat_` prefix), the rest from memory of that documentation (`checked=False`; doubts in the README).

A row is one kind of credential of one provider:
  pid       row id (unique)               provider  provider id (several rows may share one)
  cat       category                      name      display name
  env       the variable the provider's docs and SDKs use for it
  host      the API host the credential is sent to
  spec      literal text with {h32} (32 lowercase hex), {a40} (40 base62), {uuid}, or a special generator ({crc:ghp_},
            {pypi}, {age}, {sentry_org}, {mapbox_sk}, {slack_webhook}, ...). Codes: h hex, H upper hex, a alnum,
            l lower alnum, u upper alnum, s url-safe, b base64, d digits, x letters, q base32 lower, z base32 upper
  kind      "p": a distinctive prefix or shape (it also goes where nothing names the provider); "n": named only
  fixed     the documented length is fixed (one character more or less is a near miss)
  auth      how it is sent: "bearer", "header:Name", "query:name", "basic-user", "basic-pass", "url", "path"
  comp      (ENV, spec) of a companion value printed next to it (a key id, an account id); the label stays on the
            row's own value
No token is written here: every value is drawn at generation time.
"""

import base64
import json
import re
import string
import zlib

from hcommon import (ALNUM, B64, BECH32, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64url_nopad, bech32_encode,
                     crc32_base62, rand, rbytes, to5, uuid4)

B32L = string.ascii_lowercase + "234567"
B32U = string.ascii_uppercase + "234567"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64, "d": DIGITS,
         "x": string.ascii_letters, "q": B32L, "z": B32U}
# draws containing one of these read as a placeholder or a word: drawn again
BAD = ("test", "exampl", "sampl", "dummy", "fake", "xxxx", "demo", "fixme", "todo", "redact", "placehold", "change",
       "secret", "passw", "token", "apikey", "api_key", "your", "live", "prod", "mock", "fuck", "shit", "key")


def clean(rng, alphabet, n):
    while True:
        s = rand(rng, alphabet, n)
        if not any(b in s.lower() for b in BAD):
            return s


# --- specials -----------------------------------------------------------------------------------------------------
SPECIALS = {}


def special(name, alphabet=URLSAFE):
    def reg(fn):
        SPECIALS[name] = (fn, alphabet)
        return fn
    return reg


def crc_token(rng, prefix):
    body = clean(rng, ALNUM, 30)
    return prefix + body + crc32_base62(body)


def crc_ok(prefix, value):
    body = value[len(prefix):len(prefix) + 30]
    return value[len(prefix) + 30:] == crc32_base62(body)


for _p in ("ghp_", "gho_", "ghu_", "ghs_", "ghr_", "npm_"):
    def _mk(p):
        return lambda rng: crc_token(rng, p)[len(p):]
    SPECIALS["crc_" + _p.rstrip("_")] = (_mk(_p), ALNUM)


def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


@special("pypi")
def pypi_body(rng):
    """The part after 'pypi-': base64url of a version-2 macaroon (location pypi.org, a UUID identifier, one caveat,
    a 32-byte signature)."""
    ident = uuid4(rng).encode()
    caveat = ('{"permissions": {"projects": ["%s"]}, "version": 1}' % rng.choice(["ledgerkit", "tileserve", "pyquorum"])).encode()
    m = (b"\x02" + b"\x01" + varint(8) + b"pypi.org" + b"\x02" + varint(len(ident)) + ident + b"\x00"
         + b"\x02" + varint(len(caveat)) + caveat + b"\x00" + b"\x00" + b"\x06" + varint(32) + rbytes(rng, 32))
    return b64url_nopad(m)


@special("age", B32U)
def age_body(rng):
    """An age X25519 identity: 'AGE-SECRET-KEY-1' + upper-case bech32 of 32 bytes (real checksum); returns the
    part after the literal prefix."""
    s = bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()
    return s[len("AGE-SECRET-KEY-1"):]


def bech32_ok(value):
    from hcommon import _bech32_polymod
    hrp, _, data = value.lower().rpartition("1")
    try:
        vals = [BECH32.index(ch) for ch in data]
    except ValueError:
        return False
    hv = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    return _bech32_polymod(hv + vals) == 1


@special("sentry_org")
def sentry_org(rng):
    """Organization auth token body: base64 of a JSON claim block, '_', 43 url-safe characters."""
    claims = {"iat": 1700000000 + rng.randrange(0, 50000000), "url": "https://sentry.io", "region_url": "https://us.sentry.io",
              "org": rng.choice(["lumenworks", "harbor-analytics", "tessellate"])}
    return base64.b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=") + "_" + clean(rng, URLSAFE, 43)


@special("grafana_cloud")
def grafana_cloud(rng):
    """Grafana Cloud access-policy token body: base64 of {"o":..., "n":..., "k":..., "m":{"r":...}}."""
    doc = {"o": str(rng.randrange(100000, 999999)), "n": rng.choice(["stack-ci-write", "alloy-metrics", "tf-provisioner"]),
           "k": clean(rng, ALNUM, 24), "m": {"r": rng.choice(["prod-us-east-0", "prod-eu-west-2"])}}
    return base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()


@special("mapbox_sk")
def mapbox_sk(rng):
    """Mapbox secret token body after 'sk.': base64url of {"u":user,"a":id} '.' 22 url-safe characters."""
    doc = {"u": rng.choice(["cartoteam", "fleetmaps", "routewise"]), "a": clean(rng, LOWALNUM, 25)}
    return b64url_nopad(json.dumps(doc, separators=(",", ":")).encode()) + "." + clean(rng, URLSAFE, 22)


@special("discord_bot")
def discord_bot(rng):
    """Bot token: base64 of the bot's snowflake id, '.', 6 url-safe, '.', 38 url-safe."""
    snow = str(rng.randrange(10 ** 17, 10 ** 19))
    return base64.b64encode(snow.encode()).decode().rstrip("=") + "." + clean(rng, URLSAFE, 6) + "." + clean(rng, URLSAFE, 38)


@special("twitter_bearer")
def twitter_bearer(rng):
    """App-only bearer token: 22 'A's, then a percent-encoded url-safe body."""
    return "A" * 22 + clean(rng, ALNUM, 20) + "%3D" + clean(rng, ALNUM, 50)


@special("calendly")
def calendly(rng):
    """A personal access token: an ES256 JWT whose header says typ PAT."""
    h = b64url_nopad(json.dumps({"kid": clean(rng, HEX, 64), "typ": "PAT", "alg": "ES256"}, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps({"iss": "https://auth.calendly.com", "iat": 1700000000 + rng.randrange(0, 40000000),
                                 "jti": uuid4(rng), "user_uuid": uuid4(rng)}, separators=(",", ":")).encode())
    return f"{h}.{p}.{b64url_nopad(rbytes(rng, 64))}"


def R(pid, cat, name, env, host, spec, kind="p", fixed=True, auth="bearer", comp=None, provider=None, checked=False,
      nm=True, case=True):
    m = re.match(r"[^{]*", spec)
    ROWS.append(dict(pid=pid, cat=cat, name=name, env=env, host=host, spec=spec, kind=kind, fixed=fixed, auth=auth,
                     comp=comp, provider=provider or pid.split("-")[0], checked=checked, prefix=m.group(0), nm=nm, case=case))


ROWS = []

c = "cloud"
R("aws", c, "AWS", "AWS_SECRET_ACCESS_KEY", "sts.amazonaws.com", "{b40}", kind="n", auth="sigv4",
  comp=("AWS_ACCESS_KEY_ID", "AKIA{z16}"))
R("aws-session", c, "AWS", "AWS_SECRET_ACCESS_KEY", "sts.amazonaws.com", "{b40}", kind="n", auth="sigv4",
  comp=("AWS_ACCESS_KEY_ID", "ASIA{z16}"), provider="aws")
R("gcp-apikey", c, "Google Cloud", "GOOGLE_API_KEY", "maps.googleapis.com", "AIza{s35}", auth="query:key", provider="google")
R("gcp-oauth", c, "Google OAuth", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "GOCSPX-{s28}", auth="form", provider="google",
  comp=("GOOGLE_CLIENT_ID", "{d12}-{l32}.apps.googleusercontent.com"))
R("gcp-access", c, "Google OAuth", "GOOGLE_ACCESS_TOKEN", "www.googleapis.com", "ya29.a0{s150}", fixed=False, provider="google")
R("azure-ad", c, "Microsoft Entra ID", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "{a3}8Q~{s34}", auth="form",
  provider="azure", comp=("AZURE_CLIENT_ID", "{uuid}"))
R("azure-cosmos", c, "Azure Cosmos DB", "COSMOS_KEY", "acme.documents.azure.com", "{b86}==", kind="n", provider="azure", auth="header:Authorization")
R("azure-openai", c, "Azure OpenAI", "AZURE_OPENAI_API_KEY", "acme.openai.azure.com", "{h32}", kind="n", provider="azure", auth="header:api-key")
R("digitalocean", c, "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "dop_v1_{h64}")
R("digitalocean-oauth", c, "DigitalOcean", "DIGITALOCEAN_ACCESS_TOKEN", "api.digitalocean.com", "doo_v1_{h64}")
R("linode", c, "Linode", "LINODE_TOKEN", "api.linode.com", "{h64}", kind="n")
R("heroku", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "HRKU-AA{s58}")
R("heroku-legacy", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "{uuid}", kind="n", provider="heroku")
R("cloudflare", c, "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}", kind="n")
R("cloudflare-global", c, "Cloudflare", "CLOUDFLARE_API_KEY", "api.cloudflare.com", "{h37}", kind="n", auth="header:X-Auth-Key",
  provider="cloudflare", comp=("CLOUDFLARE_EMAIL", "ops@lumenworks.io"))
R("cloudflare-origin", c, "Cloudflare", "CLOUDFLARE_ORIGIN_CA_KEY", "api.cloudflare.com", "v1.0-{h24}-{h146}", auth="header:X-Auth-User-Service-Key",
  provider="cloudflare")
R("alibaba", c, "Alibaba Cloud", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ecs.aliyuncs.com", "{a30}", kind="n", auth="sign",
  comp=("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI5t{a18}"))
R("tencent", c, "Tencent Cloud", "TENCENTCLOUD_SECRET_KEY", "cvm.tencentcloudapi.com", "{a32}", kind="n", auth="sign",
  comp=("TENCENTCLOUD_SECRET_ID", "AKID{a32}"))
R("ibm", c, "IBM Cloud", "IBMCLOUD_API_KEY", "iam.cloud.ibm.com", "{s44}", kind="n", auth="form")
R("vultr", c, "Vultr", "VULTR_API_KEY", "api.vultr.com", "{u36}", kind="n")
R("hetzner", c, "Hetzner Cloud", "HCLOUD_TOKEN", "api.hetzner.cloud", "{a64}", kind="n")
R("scaleway", c, "Scaleway", "SCW_SECRET_KEY", "api.scaleway.com", "{uuid}", kind="n", auth="header:X-Auth-Token",
  comp=("SCW_ACCESS_KEY", "SCW{u17}"))
R("vercel", c, "Vercel", "VERCEL_TOKEN", "api.vercel.com", "{a24}", kind="n")
R("netlify", c, "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a36}")
R("render", c, "Render", "RENDER_API_KEY", "api.render.com", "rnd_{a32}")
R("railway", c, "Railway", "RAILWAY_TOKEN", "backboard.railway.app", "{uuid}", kind="n")
R("supabase", c, "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}")
R("planetscale", c, "PlanetScale", "PLANETSCALE_PASSWORD", "aws.connect.psdb.cloud", "pscale_pw_{s43}", auth="basic-pass", fixed=False)
R("planetscale-token", c, "PlanetScale", "PLANETSCALE_SERVICE_TOKEN", "api.planetscale.com", "pscale_tkn_{s43}", fixed=False, provider="planetscale")
R("neon", c, "Neon", "NEON_API_KEY", "console.neon.tech", "napi_{l64}")
R("mongodb-atlas", c, "MongoDB Atlas", "MONGODB_ATLAS_PRIVATE_KEY", "cloud.mongodb.com", "{uuid}", kind="n", auth="digest",
  comp=("MONGODB_ATLAS_PUBLIC_KEY", "{l8}"), provider="mongodb")
R("pulumi", c, "Pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "pul-{h40}")
R("tfc", c, "HCP Terraform", "TFE_TOKEN", "app.terraform.io", "{a14}.atlasv1.{a67}", provider="hashicorp")
R("vault", c, "HashiCorp Vault", "VAULT_TOKEN", "vault.lumenworks.io:8200", "hvs.{s91}", auth="header:X-Vault-Token", fixed=False,
  provider="hashicorp", checked=True)
R("vault-batch", c, "HashiCorp Vault", "VAULT_TOKEN", "vault.lumenworks.io:8200", "hvb.{s138}", auth="header:X-Vault-Token", fixed=False,
  provider="hashicorp", checked=True)
R("doppler", c, "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.pt.{a43}", checked=True)
R("doppler-service", c, "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.st.prd.{a43}", checked=True, provider="doppler")
R("tailscale", c, "Tailscale", "TS_AUTHKEY", "api.tailscale.com", "tskey-auth-k{a10}CNTRL-{a33}", checked=True)
R("tailscale-api", c, "Tailscale", "TS_API_KEY", "api.tailscale.com", "tskey-api-k{a10}CNTRL-{a33}", checked=True, provider="tailscale")
R("fastly", c, "Fastly", "FASTLY_API_TOKEN", "api.fastly.com", "{s32}", kind="n", auth="header:Fastly-Key")
R("ngrok", c, "ngrok", "NGROK_AUTHTOKEN", "api.ngrok.com", "{a27}_{a21}", kind="n")

c = "vcs"
R("github", c, "GitHub", "GITHUB_TOKEN", "api.github.com", "ghp_{crc_ghp}")
R("github-oauth", c, "GitHub", "GITHUB_OAUTH_TOKEN", "api.github.com", "gho_{crc_gho}", provider="github")
R("github-user2server", c, "GitHub", "GH_APP_USER_TOKEN", "api.github.com", "ghu_{crc_ghu}", provider="github")
R("github-app", c, "GitHub", "GH_INSTALLATION_TOKEN", "api.github.com", "ghs_{crc_ghs}", provider="github")
R("github-refresh", c, "GitHub", "GH_REFRESH_TOKEN", "github.com", "ghr_{crc_ghr}", provider="github", auth="form")
R("github-fine", c, "GitHub", "GITHUB_PAT", "api.github.com", "github_pat_11{u9}{a11}_{a59}", provider="github")
R("gitlab", c, "GitLab", "GITLAB_TOKEN", "gitlab.com", "glpat-{s20}", auth="header:PRIVATE-TOKEN", checked=True)
R("gitlab-trigger", c, "GitLab", "CI_TRIGGER_TOKEN", "gitlab.com", "glptt-{h40}", auth="form", provider="gitlab")
R("gitlab-runner", c, "GitLab", "RUNNER_TOKEN", "gitlab.com", "glrt-{s20}", auth="form", provider="gitlab")
R("gitlab-deploy", c, "GitLab", "GITLAB_DEPLOY_TOKEN", "registry.gitlab.com", "gldt-{s20}", auth="basic-pass", provider="gitlab")
R("bitbucket", c, "Bitbucket", "BITBUCKET_APP_PASSWORD", "api.bitbucket.org", "ATBB{a32}{H8}", auth="basic-pass")
R("atlassian", c, "Atlassian", "JIRA_API_TOKEN", "lumenworks.atlassian.net", "ATATT3xFfGF0{s171}={H8}", auth="basic-pass",
  comp=("JIRA_EMAIL", "ci-bot@lumenworks.io"))
R("azure-devops", c, "Azure DevOps", "AZURE_DEVOPS_EXT_PAT", "dev.azure.com", "{q52}", kind="n", auth="basic-pass", provider="azure")
R("gitea", c, "Gitea", "GITEA_TOKEN", "gitea.lumenworks.io", "{h40}", kind="n", auth="header:Authorization")
R("sourcegraph", c, "Sourcegraph", "SRC_ACCESS_TOKEN", "sourcegraph.com", "sgp_{h16}_{h40}", auth="header:Authorization")

c = "cicd"
R("circleci", c, "CircleCI", "CIRCLE_TOKEN", "circleci.com", "CCIPAT_{a22}_{h40}", auth="header:Circle-Token")
R("buildkite", c, "Buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bkua_{h40}")
R("travis", c, "Travis CI", "TRAVIS_API_TOKEN", "api.travis-ci.com", "{s22}", kind="n", auth="header:Authorization")
R("jenkins", c, "Jenkins", "JENKINS_API_TOKEN", "ci.lumenworks.io", "11{h32}", kind="n", auth="basic-pass")
R("sonarqube", c, "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "squ_{h40}", provider="sonar")
R("sonarqube-project", c, "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "sqp_{h40}", provider="sonar")
R("codecov", c, "Codecov", "CODECOV_TOKEN", "codecov.io", "{uuid}", kind="n")
R("snyk", c, "Snyk", "SNYK_TOKEN", "api.snyk.io", "{uuid}", kind="n", auth="header:Authorization")
R("harness", c, "Harness", "HARNESS_API_KEY", "app.harness.io", "pat.{s22}.{h24}.{a20}", auth="header:x-api-key")
R("octopus", c, "Octopus Deploy", "OCTOPUS_API_KEY", "lumenworks.octopus.app", "API-{u32}", auth="header:X-Octopus-ApiKey")
R("spacelift", c, "Spacelift", "SPACELIFT_API_KEY_SECRET", "lumenworks.app.spacelift.io", "{h64}", kind="n",
  comp=("SPACELIFT_API_KEY_ID", "{u26}"))

c = "registry"
R("npm", c, "npm", "NPM_TOKEN", "registry.npmjs.org", "npm_{crc_npm}")
R("pypi", c, "PyPI", "PYPI_API_TOKEN", "upload.pypi.org", "pypi-{pypi}", auth="basic-pass", fixed=False)
R("rubygems", c, "RubyGems", "GEM_HOST_API_KEY", "rubygems.org", "rubygems_{h48}", auth="header:Authorization")
R("nuget", c, "NuGet", "NUGET_API_KEY", "www.nuget.org", "oy2{l43}", auth="header:X-NuGet-ApiKey")
R("cratesio", c, "crates.io", "CARGO_REGISTRY_TOKEN", "crates.io", "cio{a32}", auth="header:Authorization")
R("dockerhub", c, "Docker Hub", "DOCKERHUB_TOKEN", "hub.docker.com", "dckr_pat_{s27}", auth="basic-pass", checked=True)
R("jfrog", c, "JFrog Artifactory", "ARTIFACTORY_API_KEY", "lumenworks.jfrog.io", "AKCp8{a68}", auth="header:X-JFrog-Art-Api")
R("clojars", c, "Clojars", "CLOJARS_TOKEN", "repo.clojars.org", "CLOJARS_{h60}", auth="basic-pass")
R("hexpm", c, "Hex", "HEX_API_KEY", "hex.pm", "{h32}", kind="n", auth="header:Authorization")

c = "payment"
R("stripe", c, "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "sk_live_51{a97}", fixed=False)
R("stripe-restricted", c, "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_51{a97}", fixed=False, provider="stripe")
R("stripe-webhook", c, "Stripe", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "whsec_{a32}", provider="stripe", auth="hmac")
R("square", c, "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}")
R("square-secret", c, "Square", "SQUARE_APPLICATION_SECRET", "connect.squareup.com", "sq0csp-{s43}", provider="square", auth="form")
R("braintree", c, "Braintree", "BRAINTREE_ACCESS_TOKEN", "api.braintreegateway.com", "access_token$production${l16}${h32}")
R("paypal", c, "PayPal", "PAYPAL_CLIENT_SECRET", "api-m.paypal.com", "E{s79}", kind="n", auth="basic-pass",
  comp=("PAYPAL_CLIENT_ID", "A{s79}"))
R("razorpay", c, "Razorpay", "RAZORPAY_KEY_SECRET", "api.razorpay.com", "{a24}", kind="n", auth="basic-pass",
  comp=("RAZORPAY_KEY_ID", "rzp_live_{a14}"))
R("paystack", c, "Paystack", "PAYSTACK_SECRET_KEY", "api.paystack.co", "sk_live_{h40}")
R("flutterwave", c, "Flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "FLWSECK-{h32}-X")
R("mollie", c, "Mollie", "MOLLIE_API_KEY", "api.mollie.com", "live_{a30}")
R("gocardless", c, "GoCardless", "GOCARDLESS_ACCESS_TOKEN", "api.gocardless.com", "live_{s40}")
R("plaid", c, "Plaid", "PLAID_SECRET", "production.plaid.com", "{h30}", kind="n", auth="json",
  comp=("PLAID_CLIENT_ID", "{h24}"))
R("wise", c, "Wise", "WISE_API_TOKEN", "api.transferwise.com", "{uuid}", kind="n")
R("shopify", c, "Shopify", "SHOPIFY_ACCESS_TOKEN", "lumenworks.myshopify.com", "shpat_{h32}", auth="header:X-Shopify-Access-Token")
R("shopify-secret", c, "Shopify", "SHOPIFY_API_SECRET", "lumenworks.myshopify.com", "shpss_{h32}", provider="shopify", auth="hmac")
R("shopify-custom", c, "Shopify", "SHOPIFY_ADMIN_TOKEN", "lumenworks.myshopify.com", "shpca_{h32}", provider="shopify",
  auth="header:X-Shopify-Access-Token")
R("adyen", c, "Adyen", "ADYEN_API_KEY", "checkout-live.adyen.com", "AQE{s8}+{s16}+{s40}={s20}", kind="n", auth="header:X-API-Key", fixed=False)
R("coinbase", c, "Coinbase", "COINBASE_API_SECRET", "api.coinbase.com", "{a32}", kind="n", auth="hmac",
  comp=("COINBASE_API_KEY", "{a16}"))

c = "messaging"
R("slack-bot", c, "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d11}-{d13}-{a24}", provider="slack")
R("slack-user", c, "Slack", "SLACK_USER_TOKEN", "slack.com", "xoxp-{d11}-{d11}-{d13}-{h32}", provider="slack")
R("slack-app", c, "Slack", "SLACK_APP_TOKEN", "slack.com", "xapp-1-A{u10}-{d13}-{h64}", provider="slack")
R("slack-webhook", c, "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com", "https://hooks.slack.com/services/T{u10}/B{u10}/{a24}",
  provider="slack", auth="url", case=False)
R("discord-bot", c, "Discord", "DISCORD_BOT_TOKEN", "discord.com", "{discord_bot}", kind="n", auth="header:Authorization", fixed=False)
R("discord-webhook", c, "Discord", "DISCORD_WEBHOOK_URL", "discord.com", "https://discord.com/api/webhooks/{d19}/{s68}",
  provider="discord", auth="url", case=False)
R("telegram", c, "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", auth="path")
R("twilio", c, "Twilio", "TWILIO_AUTH_TOKEN", "api.twilio.com", "{h32}", kind="n", auth="basic-pass",
  comp=("TWILIO_ACCOUNT_SID", "AC{h32}"))
R("twilio-apikey", c, "Twilio", "TWILIO_API_SECRET", "api.twilio.com", "{a32}", kind="n", auth="basic-pass",
  comp=("TWILIO_API_KEY", "SK{h32}"), provider="twilio")
R("teams-webhook", c, "Microsoft Teams", "TEAMS_WEBHOOK_URL", "lumenworks.webhook.office.com",
  "https://lumenworks.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h32}/{uuid}", provider="teams", auth="url", case=False)
R("googlechat-webhook", c, "Google Chat", "GOOGLE_CHAT_WEBHOOK", "chat.googleapis.com",
  "https://chat.googleapis.com/v1/spaces/AAAA{s7}/messages?key=AIza{s35}&token={s43}%3D", provider="google", auth="url", case=False)
R("pusher", c, "Pusher", "PUSHER_APP_SECRET", "api-eu.pusher.com", "{h20}", kind="n", auth="hmac", comp=("PUSHER_APP_KEY", "{h20}"))
R("ably", c, "Ably", "ABLY_API_KEY", "rest.ably.io", "{s6}.{s6}:{s43}", auth="basic-user")
R("intercom", c, "Intercom", "INTERCOM_ACCESS_TOKEN", "api.intercom.io", "dG9rOj{b50}=", kind="n")
R("zendesk", c, "Zendesk", "ZENDESK_API_TOKEN", "lumenworks.zendesk.com", "{a40}", kind="n", auth="basic-pass")
R("freshdesk", c, "Freshdesk", "FRESHDESK_API_KEY", "lumenworks.freshdesk.com", "{a20}", kind="n", auth="basic-user")
R("hubspot", c, "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-na1-{uuid}")
R("vonage", c, "Vonage", "VONAGE_API_SECRET", "rest.nexmo.com", "{a16}", kind="n", auth="query:api_secret",
  comp=("VONAGE_API_KEY", "{h8}"))
R("messagebird", c, "MessageBird", "MESSAGEBIRD_ACCESS_KEY", "rest.messagebird.com", "{a25}", kind="n", auth="header:Authorization")
R("plivo", c, "Plivo", "PLIVO_AUTH_TOKEN", "api.plivo.com", "{a40}", kind="n", auth="basic-pass", comp=("PLIVO_AUTH_ID", "MA{u18}"))
R("sinch", c, "Sinch", "SINCH_API_TOKEN", "us.sms.api.sinch.com", "{h32}", kind="n")
R("onesignal", c, "OneSignal", "ONESIGNAL_REST_API_KEY", "api.onesignal.com", "os_v2_app_{q110}", fixed=False, auth="header:Authorization")
R("fcm", c, "Firebase Cloud Messaging", "FCM_SERVER_KEY", "fcm.googleapis.com", "AAAA{s7}:APA91b{s134}", auth="header:Authorization",
  provider="google")

c = "email"
R("sendgrid", c, "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "SG.{s22}.{s43}")
R("mailgun", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}", auth="basic-pass")
R("mailgun-v2", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "{h32}-{h8}-{h8}", kind="n", auth="basic-pass", provider="mailgun")
R("mailchimp", c, "Mailchimp", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "{h32}-us21", auth="basic-pass")
R("mandrill", c, "Mandrill", "MANDRILL_API_KEY", "mandrillapp.com", "md-{s22}", auth="json")
R("postmark", c, "Postmark", "POSTMARK_SERVER_TOKEN", "api.postmarkapp.com", "{uuid}", kind="n", auth="header:X-Postmark-Server-Token")
R("brevo", c, "Brevo", "BREVO_API_KEY", "api.brevo.com", "xkeysib-{h64}-{a16}", auth="header:api-key")
R("mailjet", c, "Mailjet", "MJ_APIKEY_PRIVATE", "api.mailjet.com", "{h32}", kind="n", auth="basic-pass", comp=("MJ_APIKEY_PUBLIC", "{h32}"))
R("sparkpost", c, "SparkPost", "SPARKPOST_API_KEY", "api.sparkpost.com", "{h40}", kind="n", auth="header:Authorization")
R("resend", c, "Resend", "RESEND_API_KEY", "api.resend.com", "re_{a8}_{a24}")
R("mailersend", c, "MailerSend", "MAILERSEND_API_KEY", "api.mailersend.com", "mlsn.{h64}")
R("ses-smtp", c, "Amazon SES", "SES_SMTP_PASSWORD", "email-smtp.eu-west-1.amazonaws.com", "BK{b42}", kind="n", auth="smtp",
  comp=("SES_SMTP_USERNAME", "AKIA{z16}"), provider="aws")

c = "ai"
R("openai", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-proj-{s74}T3BlbkFJ{s74}")
R("openai-legacy", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-{a20}T3BlbkFJ{a20}", provider="openai")
R("openai-svc", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-svcacct-{s74}T3BlbkFJ{s74}", provider="openai")
R("anthropic", c, "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", auth="header:x-api-key")
R("anthropic-admin", c, "Anthropic", "ANTHROPIC_ADMIN_KEY", "api.anthropic.com", "sk-ant-admin01-{s93}AA", auth="header:x-api-key",
  provider="anthropic")
R("huggingface", c, "Hugging Face", "HF_TOKEN", "huggingface.co", "hf_{x34}")
R("groq", c, "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}")
R("replicate", c, "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}")
R("cohere", c, "Cohere", "COHERE_API_KEY", "api.cohere.com", "{a40}", kind="n")
R("mistral", c, "Mistral AI", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}", kind="n")
R("perplexity", c, "Perplexity", "PERPLEXITY_API_KEY", "api.perplexity.ai", "pplx-{a48}")
R("deepseek", c, "DeepSeek", "DEEPSEEK_API_KEY", "api.deepseek.com", "sk-{h32}", kind="n")
R("xai", c, "xAI", "XAI_API_KEY", "api.x.ai", "xai-{a80}")
R("together", c, "Together AI", "TOGETHER_API_KEY", "api.together.xyz", "{h64}", kind="n")
R("elevenlabs", c, "ElevenLabs", "ELEVENLABS_API_KEY", "api.elevenlabs.io", "sk_{h48}", kind="n", auth="header:xi-api-key")
R("langsmith", c, "LangSmith", "LANGSMITH_API_KEY", "api.smith.langchain.com", "lsv2_pt_{h32}_{h10}", auth="header:x-api-key")
R("pinecone", c, "Pinecone", "PINECONE_API_KEY", "api.pinecone.io", "pcsk_{a6}_{a63}", auth="header:Api-Key")
R("wandb", c, "Weights & Biases", "WANDB_API_KEY", "api.wandb.ai", "{h40}", kind="n", auth="basic-pass")
R("openrouter", c, "OpenRouter", "OPENROUTER_API_KEY", "openrouter.ai", "sk-or-v1-{h64}")
R("fireworks", c, "Fireworks AI", "FIREWORKS_API_KEY", "api.fireworks.ai", "fw_{a24}")
R("assemblyai", c, "AssemblyAI", "ASSEMBLYAI_API_KEY", "api.assemblyai.com", "{h32}", kind="n", auth="header:Authorization")
R("stability", c, "Stability AI", "STABILITY_API_KEY", "api.stability.ai", "sk-{a48}", kind="n")
R("gemini", c, "Google Gemini", "GEMINI_API_KEY", "generativelanguage.googleapis.com", "AIza{s35}", auth="header:x-goog-api-key", provider="google")

c = "monitoring"
R("datadog", c, "Datadog", "DD_API_KEY", "api.datadoghq.com", "{h32}", kind="n", auth="header:DD-API-KEY")
R("datadog-app", c, "Datadog", "DD_APP_KEY", "api.datadoghq.com", "{h40}", kind="n", auth="header:DD-APPLICATION-KEY", provider="datadog")
R("newrelic", c, "New Relic", "NEW_RELIC_API_KEY", "api.newrelic.com", "NRAK-{u27}", auth="header:Api-Key")
R("newrelic-license", c, "New Relic", "NEW_RELIC_LICENSE_KEY", "collector.newrelic.com", "{h36}NRAL", provider="newrelic", case=False)
R("sentry", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntrys_{sentry_org}", fixed=False)
R("sentry-user", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}", provider="sentry")
R("grafana", c, "Grafana", "GRAFANA_SERVICE_ACCOUNT_TOKEN", "grafana.lumenworks.io", "glsa_{a32}_{h8}", checked=True)
R("grafana-cloud", c, "Grafana Cloud", "GRAFANA_CLOUD_ACCESS_POLICY_TOKEN", "grafana.com", "glc_{grafana_cloud}", fixed=False, provider="grafana")
R("dynatrace", c, "Dynatrace", "DT_API_TOKEN", "lumenworks.live.dynatrace.com", "dt0c01.{u24}.{u64}", auth="header:Authorization")
R("honeycomb", c, "Honeycomb", "HONEYCOMB_API_KEY", "api.honeycomb.io", "{a22}", kind="n", auth="header:X-Honeycomb-Team")
R("pagerduty", c, "PagerDuty", "PAGERDUTY_TOKEN", "api.pagerduty.com", "u+{s18}", kind="n", auth="header:Authorization")
R("opsgenie", c, "Opsgenie", "OPSGENIE_API_KEY", "api.opsgenie.com", "{uuid}", kind="n", auth="header:Authorization")
R("splunk", c, "Splunk HEC", "SPLUNK_HEC_TOKEN", "splunk.lumenworks.io:8088", "{UUID}", kind="n", auth="header:Authorization")
R("bugsnag", c, "Bugsnag", "BUGSNAG_AUTH_TOKEN", "api.bugsnag.com", "{h32}", kind="n", auth="header:Authorization")
R("rollbar", c, "Rollbar", "ROLLBAR_ACCESS_TOKEN", "api.rollbar.com", "{h32}", kind="n", auth="header:X-Rollbar-Access-Token")
R("honeybadger", c, "Honeybadger", "HONEYBADGER_PERSONAL_TOKEN", "app.honeybadger.io", "hbp_{a36}", auth="basic-user")
R("sumologic", c, "Sumo Logic", "SUMO_ACCESS_KEY", "api.sumologic.com", "{a64}", kind="n", auth="basic-pass", comp=("SUMO_ACCESS_ID", "su{a12}"))
R("posthog", c, "PostHog", "POSTHOG_PERSONAL_API_KEY", "us.posthog.com", "phx_{a43}")
R("launchdarkly", c, "LaunchDarkly", "LD_SDK_KEY", "sdk.launchdarkly.com", "sdk-{uuid}", auth="header:Authorization")
R("launchdarkly-api", c, "LaunchDarkly", "LD_API_KEY", "app.launchdarkly.com", "api-{uuid}", auth="header:Authorization", provider="launchdarkly")
R("segment", c, "Segment", "SEGMENT_WRITE_KEY", "api.segment.io", "{a32}", kind="n", auth="basic-user")
R("mixpanel", c, "Mixpanel", "MIXPANEL_API_SECRET", "mixpanel.com", "{h32}", kind="n", auth="basic-user")
R("elastic", c, "Elastic Cloud", "ELASTIC_API_KEY", "lumenworks.es.us-east-1.aws.found.io", "{b60}==", kind="n", auth="header:Authorization")

c = "devtools"
R("postman", c, "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", auth="header:X-Api-Key")
R("linear", c, "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", auth="header:Authorization")
R("notion", c, "Notion", "NOTION_TOKEN", "api.notion.com", "secret_{a43}")
R("notion-ntn", c, "Notion", "NOTION_API_KEY", "api.notion.com", "ntn_{d11}{a35}", provider="notion")
R("figma", c, "Figma", "FIGMA_TOKEN", "api.figma.com", "figd_{s40}", auth="header:X-Figma-Token")
R("airtable", c, "Airtable", "AIRTABLE_API_KEY", "api.airtable.com", "pat{a14}.{h64}")
R("asana", c, "Asana", "ASANA_ACCESS_TOKEN", "app.asana.com", "2/{d16}/{d16}:{h32}")
R("clickup", c, "ClickUp", "CLICKUP_API_TOKEN", "api.clickup.com", "pk_{d8}_{u32}", auth="header:Authorization")
R("trello", c, "Trello", "TRELLO_TOKEN", "api.trello.com", "ATTA{h64}{H8}", auth="query:token", comp=("TRELLO_API_KEY", "{h32}"))
R("contentful", c, "Contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "CFPAT-{s43}")
R("typeform", c, "Typeform", "TYPEFORM_TOKEN", "api.typeform.com", "tfp_{s44}_{s14}")
R("frameio", c, "Frame.io", "FRAMEIO_TOKEN", "api.frame.io", "fio-u-{s64}")
R("databricks", c, "Databricks", "DATABRICKS_TOKEN", "lumenworks.cloud.databricks.com", "dapi{h32}")
R("prefect", c, "Prefect", "PREFECT_API_KEY", "api.prefect.cloud", "pnu_{a36}")
R("confluent", c, "Confluent Cloud", "CONFLUENT_CLOUD_API_SECRET", "api.confluent.cloud", "{s64}", kind="n", auth="basic-pass",
  comp=("CONFLUENT_CLOUD_API_KEY", "{u16}"))
R("okta", c, "Okta", "OKTA_API_TOKEN", "lumenworks.okta.com", "00{s40}", kind="n", auth="header:Authorization")
R("auth0", c, "Auth0", "AUTH0_CLIENT_SECRET", "lumenworks.eu.auth0.com", "{s64}", kind="n", auth="form", comp=("AUTH0_CLIENT_ID", "{a32}"))
R("clerk", c, "Clerk", "CLERK_SECRET_KEY", "api.clerk.com", "sk_live_{a40}", kind="n")
R("mapbox", c, "Mapbox", "MAPBOX_SECRET_TOKEN", "api.mapbox.com", "sk.{mapbox_sk}", auth="query:access_token", fixed=False)
R("algolia", c, "Algolia", "ALGOLIA_ADMIN_API_KEY", "lumenworks-dsn.algolia.net", "{h32}", kind="n", auth="header:X-Algolia-API-Key",
  comp=("ALGOLIA_APP_ID", "{u10}"))
R("cloudinary", c, "Cloudinary", "CLOUDINARY_URL", "api.cloudinary.com", "cloudinary://{d15}:{s27}@lumenworks", auth="url", case=False)
R("dropbox", c, "Dropbox", "DROPBOX_ACCESS_TOKEN", "api.dropboxapi.com", "sl.u.{s140}", fixed=False)
R("twitter", c, "X (Twitter)", "TWITTER_BEARER_TOKEN", "api.twitter.com", "{twitter_bearer}", kind="n", fixed=False)
R("shippo", c, "Shippo", "SHIPPO_API_TOKEN", "api.goshippo.com", "shippo_live_{h40}", auth="header:Authorization")
R("easypost", c, "EasyPost", "EASYPOST_API_KEY", "api.easypost.com", "EZAK{h54}", auth="basic-user")
R("age", c, "age", "SOPS_AGE_KEY", "", "AGE-SECRET-KEY-1{age}", auth="file")
R("adafruit", c, "Adafruit IO", "ADAFRUIT_IO_KEY", "io.adafruit.com", "aio_{a28}", auth="header:X-AIO-Key")
R("zoom", c, "Zoom", "ZOOM_CLIENT_SECRET", "zoom.us", "{a32}", kind="n", auth="basic-pass", comp=("ZOOM_CLIENT_ID", "{a22}"))
R("salesforce", c, "Salesforce", "SF_CONSUMER_SECRET", "login.salesforce.com", "{H64}", kind="n", auth="form",
  comp=("SF_CONSUMER_KEY", "3MVG9{s80}"))
R("box", c, "Box", "BOX_DEVELOPER_TOKEN", "api.box.com", "{a32}", kind="n")
R("calendly", c, "Calendly", "CALENDLY_TOKEN", "api.calendly.com", "{calendly}", kind="n", fixed=False)

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


OUTSIDE = {HEX: "gkmqrtvwxz", UHEX: "GKMQRTVWXZ", ALNUM: "!*~", LOWALNUM: "ABDEFGHKMNQRT", UPALNUM: "abdefghkmnqrt",
           URLSAFE: "!*~", B64: "!*~", DIGITS: "bcfkx", string.ascii_letters: "2345789", B32L: "0189", B32U: "0189"}


def mutate(rng, value, segs, how, prefix=""):
    """A one-thing change of a drawn value: 'short' (drop a character), 'long' (add one from the alphabet),
    'char' (one character outside the alphabet, in the first quarter of the longest drawn part, so that neither side
    of it is long enough to be a token), 'case' (the literal prefix's letters swapped in case)."""
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


def wrong_crc(rng, prefix):
    body = clean(rng, ALNUM, 30)
    good = crc32_base62(body)
    bad = good[:-1] + rng.choice([ch for ch in ALNUM if ch != good[-1]])
    return prefix + body + bad


def wrong_bech32(rng):
    good = "AGE-SECRET-KEY-1" + age_body(rng)
    return good[:-1] + rng.choice([ch for ch in B32U if ch != good[-1] and ch.lower() in BECH32])


assert zlib and UPALNUM and LOWALNUM
