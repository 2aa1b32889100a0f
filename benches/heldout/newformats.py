"""Case group 4: newer token formats of providers vaultsweep already knows.

Written from the providers' documentation of their token prefixes. Checksums are computed
where the format defines one: GitHub (ghs_/ghu_) and npm (npm_) carry a CRC32 of the random
part in base62; Grafana service-account tokens a CRC32 in hex; age keys a bech32 checksum.

Row: provider, format id, environment variable, API host, auth (see longtail.py), spec.
The first rows (the formats named in the brief) are written in two contexts, the rest in one.
"""

import json
import zlib

from hcommon import (ALNUM, LETTERS, URLSAFE, b64, b64url_nopad, bech32_encode, gen_spec, github_style,
                     rand, rbytes, rng_for, special, to5)

GROUP = "newformats"


@special("ghs")
def _ghs(rng):
    return github_style(rng, "ghs_")


@special("ghu")
def _ghu(rng):
    return github_style(rng, "ghu_")


@special("npm")
def _npm(rng):
    return github_style(rng, "npm_")


@special("glsa")
def _glsa(rng):
    secret = rand(rng, ALNUM, 32)
    return f"glsa_{secret}_{zlib.crc32(('glsa_' + secret).encode()) & 0xFFFFFFFF:08x}"


@special("glc")
def _glc(rng):
    doc = {"o": str(rng.randrange(100000, 999999)), "n": rng.choice(["stack-ci-read", "alloy-metrics"]),
           "k": rand(rng, ALNUM, 24), "m": {"r": rng.choice(["prod-us-east-0", "prod-eu-west-2"])}}
    return "glc_" + b64(json.dumps(doc, separators=(",", ":")).encode())


@special("sntrys")
def _sntrys(rng):
    doc = {"iat": 1714000000 + rng.randrange(10 ** 7), "url": "https://sentry.io",
           "region_url": "https://us.sentry.io", "org": rng.choice(["acme", "acme-corp", "globex"])}
    return "sntrys_" + b64(json.dumps(doc, separators=(",", ":")).encode()).rstrip("=") + "_" + rand(rng, ALNUM + "+/", 43)


@special("mapbox")
def _mapbox(rng):
    head = b64url_nopad(json.dumps({"u": rng.choice(["acme", "geoteam"]), "a": rand(rng, "abcdefghijklmnopqrstuvwxyz0123456789", 25)},
                                   separators=(",", ":")).encode())
    return "sk." + head + "." + rand(rng, URLSAFE, 22)


@special("jfrogref")
def _jfrog(rng):
    return b64(f"reftkn:01:{1700000000 + rng.randrange(10 ** 8)}:{rand(rng, ALNUM, 32)}".encode()).rstrip("=")


@special("age")
def _age(rng):
    return bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()


@special("azuread")
def _azuread(rng):
    alpha = ALNUM + "_.~-"
    return rand(rng, alpha, 3) + "8Q~" + rand(rng, alpha, 34)


@special("hf")
def _hf(rng):
    return "hf_" + rand(rng, LETTERS, 34)


@special("hforg")
def _hforg(rng):
    return "api_org_" + rand(rng, LETTERS, 34)


NAMED = [  # named in the brief: two contexts each
    ("github", "github_pat", "GITHUB_TOKEN", "api.github.com", "h:Authorization: Bearer", "github_pat_{a22}_{a59}"),
    ("github", "ghs", "GH_APP_TOKEN", "api.github.com", "h:Authorization: token", "{ghs}"),
    ("slack", "xoxe.xoxp", "SLACK_USER_TOKEN", "slack.com", "bearer", "xoxe.xoxp-1-{a150}"),
    ("slack", "xapp", "SLACK_APP_TOKEN", "slack.com", "bearer", "xapp-1-A{u10}-{d13}-{h64}"),
    ("openai", "sk-proj", "OPENAI_API_KEY", "api.openai.com", "bearer", "sk-proj-{s74}T3BlbkFJ{s74}"),
    ("openai", "sk-svcacct", "OPENAI_API_KEY", "api.openai.com", "bearer", "sk-svcacct-{s74}T3BlbkFJ{s74}"),
    ("anthropic", "sk-ant-api03", "ANTHROPIC_API_KEY", "api.anthropic.com", "h:x-api-key", "sk-ant-api03-{s93}AA"),
    ("stripe", "rk_live", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "bearer", "rk_live_{a99}"),
    ("gitlab", "glpat", "GITLAB_TOKEN", "gitlab.com", "h:PRIVATE-TOKEN", "glpat-{s20}"),
    ("gitlab", "glrt", "RUNNER_TOKEN", "gitlab.com", "none", "glrt-{s20}"),
    ("gitlab", "gldt", "CI_DEPLOY_PASSWORD", "registry.gitlab.com", "basic", "gldt-{s20}"),
    ("npm", "npm", "NPM_TOKEN", "registry.npmjs.org", "bearer", "{npm}"),
    ("pypi", "pypi", "PYPI_API_TOKEN", "upload.pypi.org", "basic", "{pypi}"),
    ("huggingface", "hf", "HF_TOKEN", "huggingface.co", "bearer", "{hf}"),
    ("shopify", "shpat", "SHOPIFY_ACCESS_TOKEN", "acme-store.myshopify.com", "h:X-Shopify-Access-Token", "shpat_{h32}"),
    ("twilio", "SK", "TWILIO_API_KEY", "api.twilio.com", "basic", "SK{h32}"),
    ("sendgrid", "SG", "SENDGRID_API_KEY", "api.sendgrid.com", "bearer", "SG.{s22}.{s43}"),
]

OTHERS = [  # one context each
    ("github", "ghu", "GITHUB_USER_TOKEN", "api.github.com", "bearer", "{ghu}"),
    ("slack", "xoxe-1", "SLACK_REFRESH_TOKEN", "slack.com", "body:refresh_token", "xoxe-1-{a146}"),
    ("openai", "sk-admin", "OPENAI_ADMIN_KEY", "api.openai.com", "bearer", "sk-admin-{s74}T3BlbkFJ{s74}"),
    ("anthropic", "sk-ant-admin01", "ANTHROPIC_ADMIN_KEY", "api.anthropic.com", "h:x-api-key", "sk-ant-admin01-{s93}AA"),
    ("stripe", "whsec", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "none", "whsec_{a32}"),
    ("gitlab", "glptt", "GITLAB_TRIGGER_TOKEN", "gitlab.com", "body:token", "glptt-{h40}"),
    ("gitlab", "gloas", "GITLAB_OAUTH_SECRET", "gitlab.com", "none", "gloas-{h64}"),
    ("huggingface", "api_org", "HF_ORG_TOKEN", "huggingface.co", "bearer", "{hforg}"),
    ("shopify", "shpss", "SHOPIFY_SHARED_SECRET", "acme-store.myshopify.com", "none", "shpss_{h32}"),
    ("shopify", "shpca", "SHOPIFY_CUSTOM_APP_TOKEN", "acme-store.myshopify.com", "h:X-Shopify-Access-Token", "shpca_{h32}"),
    ("shopify", "shppa", "SHOPIFY_PRIVATE_APP_PASSWORD", "acme-store.myshopify.com", "h:X-Shopify-Access-Token", "shppa_{h32}"),
    ("linear", "lin_api", "LINEAR_API_KEY", "api.linear.app", "h:Authorization", "lin_api_{a40}"),
    ("notion", "ntn", "NOTION_TOKEN", "api.notion.com", "bearer", "ntn_{d11}{a35}"),
    ("figma", "figd", "FIGMA_TOKEN", "api.figma.com", "h:X-Figma-Token", "figd_{s40}"),
    ("postman", "PMAK", "POSTMAN_API_KEY", "api.getpostman.com", "h:X-Api-Key", "PMAK-{h24}-{h34}"),
    ("digitalocean", "dop_v1", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "bearer", "dop_v1_{h64}"),
    ("digitalocean", "doo_v1", "DO_OAUTH_TOKEN", "api.digitalocean.com", "bearer", "doo_v1_{h64}"),
    ("grafana", "glsa", "GRAFANA_SERVICE_ACCOUNT_TOKEN", "acme.grafana.net", "bearer", "{glsa}"),
    ("grafana", "glc", "GRAFANA_CLOUD_TOKEN", "grafana.com", "bearer", "{glc}"),
    ("newrelic", "NRAK", "NEW_RELIC_API_KEY", "api.newrelic.com", "h:Api-Key", "NRAK-{u27}"),
    ("sentry", "sntrys", "SENTRY_AUTH_TOKEN", "sentry.io", "bearer", "{sntrys}"),
    ("sentry", "sntryu", "SENTRY_USER_TOKEN", "sentry.io", "bearer", "sntryu_{h64}"),
    ("planetscale", "pscale_tkn", "PLANETSCALE_SERVICE_TOKEN", "api.planetscale.com", "none", "pscale_tkn_{s43}"),
    ("planetscale", "pscale_pw", "DATABASE_PASSWORD", "aws.connect.psdb.cloud", "none", "pscale_pw_{s43}"),
    ("pulumi", "pul", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "h:Authorization: token", "pul-{h40}"),
    ("vault", "hvs", "VAULT_TOKEN", "vault.acme-corp.io:8200", "h:X-Vault-Token", "hvs.{a24}"),
    ("doppler", "dp.pt", "DOPPLER_TOKEN", "api.doppler.com", "bearer", "dp.pt.{a43}"),
    ("flyio", "fo1", "FLY_API_TOKEN", "api.machines.dev", "bearer", "fo1_{s43}"),
    ("supabase", "sbp", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "bearer", "sbp_{h40}"),
    ("groq", "gsk", "GROQ_API_KEY", "api.groq.com", "bearer", "gsk_{a52}"),
    ("xai", "xai", "XAI_API_KEY", "api.x.ai", "bearer", "xai-{a80}"),
    ("perplexity", "pplx", "PERPLEXITY_API_KEY", "api.perplexity.ai", "bearer", "pplx-{a48}"),
    ("replicate", "r8", "REPLICATE_API_TOKEN", "api.replicate.com", "bearer", "r8_{a37}"),
    ("langsmith", "lsv2_pt", "LANGSMITH_API_KEY", "api.smith.langchain.com", "h:x-api-key", "lsv2_pt_{h32}_{h10}"),
    ("langsmith", "lsv2_sk", "LANGCHAIN_API_KEY", "api.smith.langchain.com", "h:x-api-key", "lsv2_sk_{h32}_{h10}"),
    ("openrouter", "sk-or-v1", "OPENROUTER_API_KEY", "openrouter.ai", "bearer", "sk-or-v1-{h64}"),
    ("dockerhub", "dckr_pat", "DOCKERHUB_TOKEN", "hub.docker.com", "none", "dckr_pat_{s27}"),
    ("buildkite", "bkua", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bearer", "bkua_{h40}"),
    ("circleci", "CCIPAT", "CIRCLECI_TOKEN", "circleci.com", "h:Circle-Token", "CCIPAT_{a22}_{h40}"),
    ("render", "rnd", "RENDER_API_KEY", "api.render.com", "bearer", "rnd_{a32}"),
    ("databricks", "dapi", "DATABRICKS_TOKEN", "adb-4f2a91c7.azuredatabricks.net", "bearer", "dapi{h32}"),
    ("azure", "entra-client-secret", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "body:client_secret", "{azuread}"),
    ("google", "GOCSPX", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "body:client_secret", "GOCSPX-{s28}"),
    ("age", "age-secret-key", "SOPS_AGE_KEY", "github.com", "none", "{age}"),
    ("sonarqube", "squ", "SONAR_TOKEN", "sonarcloud.io", "basic", "squ_{h40}"),
    ("rubygems", "rubygems", "GEM_HOST_API_KEY", "rubygems.org", "h:Authorization", "rubygems_{h48}"),
    ("nuget", "oy2", "NUGET_API_KEY", "api.nuget.org", "h:X-NuGet-ApiKey", "oy2{l43}"),
    ("cratesio", "cio", "CARGO_REGISTRY_TOKEN", "crates.io", "h:Authorization", "cio{a32}"),
    ("dynatrace", "dt0c01", "DT_API_TOKEN", "acme.live.dynatrace.com", "h:Authorization: Api-Token", "dt0c01.{u24}.{u64}"),
    ("hubspot", "pat-na1", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "bearer", "pat-na1-{uuid}"),
    ("duffel", "duffel_live", "DUFFEL_ACCESS_TOKEN", "api.duffel.com", "bearer", "duffel_live_{s43}"),
    ("flutterwave", "FLWSECK", "FLW_SECRET_KEY", "api.flutterwave.com", "bearer", "FLWSECK-{h32}-X"),
    ("razorpay", "rzp_live", "RAZORPAY_KEY_ID", "api.razorpay.com", "basic", "rzp_live_{a14}"),
    ("mailchimp", "dc-suffix", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "basic", "{h32}-us21"),
    ("brevo", "xkeysib", "BREVO_API_KEY", "api.brevo.com", "h:api-key", "xkeysib-{h64}-{a16}"),
    ("shippo", "shippo_live", "SHIPPO_API_TOKEN", "api.goshippo.com", "h:Authorization: ShippoToken", "shippo_live_{h40}"),
    ("terraform", "atlasv1", "TFE_TOKEN", "app.terraform.io", "bearer", "{a14}.atlasv1.{s67}"),
    ("contentful", "CFPAT", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "bearer", "CFPAT-{s43}"),
    ("airtable", "pat", "AIRTABLE_TOKEN", "api.airtable.com", "bearer", "pat{a14}.{h64}"),
    ("asana", "v2-pat", "ASANA_ACCESS_TOKEN", "app.asana.com", "bearer", "2/{d16}/{d16}:{h32}"),
    ("prefect", "pnu", "PREFECT_API_KEY", "api.prefect.cloud", "bearer", "pnu_{a36}"),
    ("jfrog", "reference-token", "JFROG_ACCESS_TOKEN", "acme.jfrog.io", "bearer", "{jfrogref}"),
    ("mapbox", "sk", "MAPBOX_SECRET_TOKEN", "api.mapbox.com", "q:access_token", "{mapbox}"),
    ("clojars", "CLOJARS", "CLOJARS_DEPLOY_TOKEN", "clojars.org", "basic", "CLOJARS_{h60}"),
    ("okta", "ssws", "OKTA_API_TOKEN", "acme.okta.com", "h:Authorization: SSWS", "00{s40}"),
    ("elevenlabs", "sk", "ELEVENLABS_API_KEY", "api.elevenlabs.io", "h:xi-api-key", "sk_{h48}"),
    ("deepseek", "sk", "DEEPSEEK_API_KEY", "api.deepseek.com", "bearer", "sk-{h32}"),
    ("square", "EAAA", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "bearer", "EAAA{s60}"),
    ("plaid", "access-production", "PLAID_ACCESS_TOKEN", "production.plaid.com", "body:access_token", "access-production-{uuid}"),
]


def generate(corpus):
    from contexts import FORMS, render

    rng = rng_for(GROUP)
    k = 5  # start the form rotation elsewhere than group 1 does
    for rows, times in ((NAMED, 2), (OTHERS, 1)):
        for provider, fmt, env, host, auth, spec in rows:
            svc = dict(id=provider, name=provider.capitalize(), env=env, host=host, auth=auth)
            for _ in range(times):
                form = FORMS[k % len(FORMS)]
                k += 1
                tok = gen_spec(rng, spec)
                fn, lines, line = render(form, svc, tok, rng)
                corpus.add(GROUP, fn, lines, True, provider, form, line=line)
                corpus.labels[-1]["format"] = fmt
