"""Negatives, part 1: values a person built, and near-miss tokens.

Placeholders: alphabet runs and count-downs inside a token, alternating patterns, repeated
blocks, word placeholders (`your_api_key`, `<token>`, `${TOKEN}`), and known prefixes with a
filler body. Near misses: a known-format token one character short or long, with a wrong
checksum, or with a character outside the format's alphabet; and long-tail keys shorter than
their service's documented length. All are written in the same file contexts as positives.
"""

import zlib

from contexts import FORMS, render
from hcommon import (ALNUM, DIGITS, HEX, LETTERS, LOWER, UPPER, UPALNUM, URLSAFE, AWS_ID_ALPHABET, BECH32,
                     bech32_encode, crc32_base62, rand, rbytes, rng_for, to5)

GROUP = "negatives"

# services to name next to a placeholder: (id, display, env, host, auth)
PH_SERVICES = [
    ("openweather", "OpenWeather", "OPENWEATHER_API_KEY", "api.openweathermap.org", "q:appid"),
    ("todoist", "Todoist", "TODOIST_API_TOKEN", "api.todoist.com", "bearer"),
    ("newsapi", "NewsAPI", "NEWSAPI_KEY", "newsapi.org", "h:X-Api-Key"),
    ("stripe", "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "bearer"),
    ("github", "GitHub", "GITHUB_TOKEN", "api.github.com", "h:Authorization: token"),
    ("openai", "OpenAI", "OPENAI_API_KEY", "api.openai.com", "bearer"),
    ("sendgrid", "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "bearer"),
    ("slack", "Slack", "SLACK_BOT_TOKEN", "slack.com", "bearer"),
    ("scrapfly", "Scrapfly", "SCRAPFLY_KEY", "api.scrapfly.io", "q:key"),
    ("mailgun", "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "basic"),
    ("twilio", "Twilio", "TWILIO_AUTH_TOKEN", "api.twilio.com", "basic"),
    ("pipedrive", "Pipedrive", "PIPEDRIVE_API_TOKEN", "api.pipedrive.com", "q:api_token"),
    ("shodan", "Shodan", "SHODAN_API_KEY", "api.shodan.io", "q:key"),
    ("virustotal", "VirusTotal", "VT_API_KEY", "www.virustotal.com", "h:x-apikey"),
]


def svc_of(row):
    sid, name, env, host, auth = row
    return dict(id=sid, name=name, env=env, host=host, auth=auth)


# --- placeholders ------------------------------------------------------------------------------------
def alpha_run(rng, n):
    src = rng.choice([LOWER, UPPER, LOWER + DIGITS, DIGITS + LOWER, UPPER + LOWER])
    start = rng.randrange(0, 4)
    s = (src * 3)[start:start + n]
    return s


def countdown(rng, n):
    s = ("9876543210" * 10)[rng.randrange(0, 3):]
    return s[:n]


def alternating(rng, n):
    # X9y8Z7a6...: letters stepping, alternating case, digits counting down
    li = rng.randrange(26)
    d = rng.randrange(10)
    step = rng.choice([-1, 1])
    out = []
    for i in range(n):
        if i % 2 == 0:
            c = LETTERS[26:][li % 26] if (i // 2) % 2 == 0 else LOWER[li % 26]
            out.append(c)
            li += step
        else:
            out.append(DIGITS[d % 10])
            d -= 1
    return "".join(out)


def repeated(rng, n, alphabet=ALNUM):
    block = rand(rng, alphabet, rng.choice([4, 6, 8]))
    return (block * (n // len(block) + 1))[:n]


def inside(rng, n, middle, alphabet=ALNUM):
    """A token of length n with a built run in the middle: `...abcdefghijklmnop...`."""
    left = rng.randrange(2, max(3, n - len(middle) - 2))
    right = n - len(middle) - left
    return rand(rng, alphabet, left) + middle + rand(rng, alphabet, max(right, 0))


WORDS = ["your_api_key", "YOUR_API_KEY_HERE", "<token>", "<your-api-key>", "${TOKEN}", "${API_KEY}",
         "{{ .Values.apiKey }}", "{{ api_key }}", "%(api_key)s", "REPLACE_ME", "insert-your-key-here",
         "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx", "********************", "<%= ENV['API_KEY'] %>"]


# known prefixes with a filler body, each next to its own provider's name
PREFIXED = [
    ("sk_live_", 24, ("stripe", "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "bearer")),
    ("gh" + "p_", 36, ("github", "GitHub", "GITHUB_TOKEN", "api.github.com", "h:Authorization: token")),
    ("sk-proj-", 48, ("openai", "OpenAI", "OPENAI_API_KEY", "api.openai.com", "bearer")),
    ("glpat-", 20, ("gitlab", "GitLab", "GITLAB_TOKEN", "gitlab.com", "h:PRIVATE-TOKEN")),
    ("AKIA", 16, ("aws", "AWS", "AWS_ACCESS_KEY_ID", "s3.amazonaws.com", "none")),
    ("hf_", 34, ("huggingface", "Hugging Face", "HF_TOKEN", "huggingface.co", "bearer")),
    ("npm_", 36, ("npm", "npm", "NPM_TOKEN", "registry.npmjs.org", "bearer")),
    ("xoxb-", 40, ("slack", "Slack", "SLACK_BOT_TOKEN", "slack.com", "bearer")),
    ("SG.", 66, ("sendgrid", "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "bearer")),
    ("shpat_", 32, ("shopify", "Shopify", "SHOPIFY_ACCESS_TOKEN", "acme-store.myshopify.com", "h:X-Shopify-Access-Token")),
    ("dop_v1_", 64, ("digitalocean", "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "bearer")),
    ("sk-ant-api03-", 95, ("anthropic", "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "h:x-api-key")),
    ("pk_", 34, ("klaviyo", "Klaviyo", "KLAVIYO_PRIVATE_KEY", "a.klaviyo.com", "h:Authorization: Klaviyo-API-Key")),
    ("key_live_", 32, ("branch", "Branch", "BRANCH_KEY", "api2.branch.io", "body:branch_key")),
]


def placeholders(rng):
    out = []
    for w in WORDS:
        out.append(("ph-word", w))
    fills = ["x", "X", "0", "*", "-"]
    for i, (p, n, row) in enumerate(PREFIXED):
        f = fills[i % len(fills)]
        out.append(("ph-prefixed", p + (f * n if f not in "*-" else ("<" + "your-token" + ">")), row))
    for i in range(10):
        n = rng.choice([32, 40, 24])
        mid = alpha_run(rng, rng.choice([12, 16, 26]))
        out.append(("ph-run", (rng.choice(["", "sk_live_", "key-", ""]) + inside(rng, n, mid) if i % 2 else mid + rand(rng, HEX, 6))))
    for i in range(10):
        n = rng.choice([32, 40])
        cd = countdown(rng, rng.choice([10, 14, 20]))
        out.append(("ph-countdown", inside(rng, n, cd, HEX) if i % 2 else cd + cd[::-1][:n - len(cd)]))
    for i in range(10):
        out.append(("ph-alternating", alternating(rng, rng.choice([20, 24, 32, 40]))))
    for i in range(12):
        alpha = [ALNUM, HEX, UPALNUM][i % 3]
        out.append(("ph-repeat", (rng.choice(["", "", "sk_live_", "tok_"]) + repeated(rng, rng.choice([32, 40]), alpha))))
    return out


# --- near misses -------------------------------------------------------------------------------------
def bad_char(rng, alphabet):
    if alphabet == HEX:
        return rng.choice("ghjkmnpqrstuvwxyz")
    if alphabet == AWS_ID_ALPHABET:
        return rng.choice("0189")
    if alphabet in (UPPER, UPALNUM):
        return rng.choice("abcdefghjkmnpqrstuvwxyz")
    if alphabet == LETTERS:
        return rng.choice("23456789")
    return rng.choice(".~!")


def gh_tail(body):
    return crc32_base62(body)


def glsa_tail(body):
    return "_%08x" % (zlib.crc32(("glsa_" + body).encode()) & 0xFFFFFFFF)


# provider, env, host, auth, prefix (literal; may hold {h22}-style parts), body alphabet, length, tail fn, mutations
NEAR = [
    ("github", "GITHUB_TOKEN", "api.github.com", "h:Authorization: token", "gh" + "p_", ALNUM, 30, gh_tail, "short long checksum alphabet"),
    ("npm", "NPM_TOKEN", "registry.npmjs.org", "bearer", "npm_", ALNUM, 30, gh_tail, "short checksum"),
    ("aws", "AWS_ACCESS_KEY_ID", "s3.amazonaws.com", "none", "AKIA", AWS_ID_ALPHABET, 16, None, "short long alphabet"),
    ("slack", "SLACK_APP_TOKEN", "slack.com", "bearer", "xapp-1-A{u10}-{d13}-", HEX, 64, None, "short alphabet"),
    ("anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "h:x-api-key", "sk-ant-api03-", URLSAFE, 93, lambda b: "AA", "short long"),
    ("shopify", "SHOPIFY_ACCESS_TOKEN", "acme-store.myshopify.com", "h:X-Shopify-Access-Token", "shpat_", HEX, 32, None, "short long alphabet"),
    ("twilio", "TWILIO_API_KEY", "api.twilio.com", "basic", "SK", HEX, 32, None, "short alphabet"),
    ("sendgrid", "SENDGRID_API_KEY", "api.sendgrid.com", "bearer", "SG.{s22}.", URLSAFE, 43, None, "short long"),
    ("digitalocean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "bearer", "dop_v1_", HEX, 64, None, "short alphabet"),
    ("pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "h:Authorization: token", "pul-", HEX, 40, None, "short long"),
    ("newrelic", "NEW_RELIC_API_KEY", "api.newrelic.com", "h:Api-Key", "NRAK-", UPALNUM, 27, None, "short alphabet"),
    ("huggingface", "HF_TOKEN", "huggingface.co", "bearer", "hf_", LETTERS, 34, None, "short alphabet"),
    ("rubygems", "GEM_HOST_API_KEY", "rubygems.org", "h:Authorization", "rubygems_", HEX, 48, None, "short"),
    ("sentry", "SENTRY_USER_TOKEN", "sentry.io", "bearer", "sntryu_", HEX, 64, None, "long"),
    ("grafana", "GRAFANA_SERVICE_ACCOUNT_TOKEN", "acme.grafana.net", "bearer", "glsa_", ALNUM, 32, glsa_tail, "checksum short"),
    ("linear", "LINEAR_API_KEY", "api.linear.app", "h:Authorization", "lin_api_", ALNUM, 40, None, "short"),
    ("databricks", "DATABRICKS_TOKEN", "adb-4f2a91c7.azuredatabricks.net", "bearer", "dapi", HEX, 32, None, "short alphabet"),
    ("sonarqube", "SONAR_TOKEN", "sonarcloud.io", "basic", "squ_", HEX, 40, None, "long"),
    ("google", "GOOGLE_MAPS_API_KEY", "maps.googleapis.com", "q:key", "AIza", URLSAFE, 35, None, "short"),
    ("mailchimp", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "basic", "", HEX, 32, lambda b: "-us21", "short"),
    ("brevo", "BREVO_API_KEY", "api.brevo.com", "h:api-key", "xkeysib-", HEX, 64, lambda b: "-" + "Kx7Qp2Lm9Zr4Tb8W", "short"),
    ("postman", "POSTMAN_API_KEY", "api.getpostman.com", "h:X-Api-Key", "PMAK-{h24}-", HEX, 34, None, "short"),
    ("gitlab", "GITLAB_TOKEN", "gitlab.com", "h:PRIVATE-TOKEN", "glpat-", URLSAFE, 20, None, "short"),
    ("doppler", "DOPPLER_TOKEN", "api.doppler.com", "bearer", "dp.pt.", ALNUM, 43, None, "short"),
    ("dynatrace", "DT_API_TOKEN", "acme.live.dynatrace.com", "h:Authorization: Api-Token", "dt0c01.{u24}.", UPALNUM, 64, None, "short"),
    ("shippo", "SHIPPO_API_TOKEN", "api.goshippo.com", "h:Authorization: ShippoToken", "shippo_live_", HEX, 40, None, "short"),
    ("flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "bearer", "FLWSECK-", HEX, 32, lambda b: "-X", "short"),
    ("telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "path:/bot", "{d10}:AA", URLSAFE, 33, None, "short"),
    ("xai", "XAI_API_KEY", "api.x.ai", "bearer", "xai-", ALNUM, 80, None, "short"),
    ("groq", "GROQ_API_KEY", "api.groq.com", "bearer", "gsk_", ALNUM, 52, None, "short"),
    ("openrouter", "OPENROUTER_API_KEY", "openrouter.ai", "bearer", "sk-or-v1-", HEX, 64, None, "short alphabet"),
    ("dockerhub", "DOCKERHUB_TOKEN", "hub.docker.com", "none", "dckr_pat_", URLSAFE, 27, None, "short"),
    ("buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bearer", "bkua_", HEX, 40, None, "short"),
]

# long-tail services whose documented key is a fixed-length hex string: one character short
LT_SHORT = [("openweather", "OpenWeather", "OPENWEATHER_API_KEY", "api.openweathermap.org", "q:appid", 32),
            ("newsapi", "NewsAPI", "NEWSAPI_KEY", "newsapi.org", "h:X-Api-Key", 32),
            ("todoist", "Todoist", "TODOIST_API_TOKEN", "api.todoist.com", "bearer", 40),
            ("hunter", "Hunter", "HUNTER_API_KEY", "api.hunter.io", "q:api_key", 40),
            ("virustotal", "VirusTotal", "VT_API_KEY", "www.virustotal.com", "h:x-apikey", 64),
            ("tmdb", "TMDB", "TMDB_API_KEY", "api.themoviedb.org", "q:api_key", 32)]


def near_misses(rng):
    from hcommon import gen_spec
    out = []
    for provider, env, host, auth, prefix, alpha, n, tail, muts in NEAR:
        for mut in muts.split():
            p = gen_spec(rng, prefix)
            if mut == "short":
                body = rand(rng, alpha, n - 1)
                tok = p + body + (tail(body) if tail else "")
            elif mut == "long":
                body = rand(rng, alpha, n + 1)
                tok = p + body + (tail(body) if tail else "")
            elif mut == "alphabet":
                body = rand(rng, alpha, n)
                i = rng.randrange(2, n - 2)
                body = body[:i] + bad_char(rng, alpha) + body[i + 1:]
                tok = p + body + (tail(body) if tail else "")
            else:  # checksum
                body = rand(rng, alpha, n)
                t = tail(body)
                j = len(t) - 1 - rng.randrange(3)
                pool = HEX if tail is glsa_tail else ALNUM
                t = t[:j] + rng.choice([c for c in pool if c != t[j]]) + t[j + 1:]
                tok = p + body + t
            out.append((dict(id=provider, name=provider.capitalize(), env=env, host=host, auth=auth), "near-miss-" + mut, tok))
    # age secret key with a broken bech32 checksum
    for _ in range(2):
        k = bech32_encode("age-secret-key-", to5(rbytes(rng, 32))).upper()
        i = len(k) - 1 - rng.randrange(6)
        k = k[:i] + rng.choice([c for c in BECH32.upper() if c != k[i]]) + k[i + 1:]
        out.append((dict(id="age", name="age", env="SOPS_AGE_KEY", host="github.com", auth="none"), "near-miss-checksum", k))
    for sid, name, env, host, auth, n in LT_SHORT:
        out.append((dict(id=sid, name=name, env=env, host=host, auth=auth), "near-miss-longtail-short", rand(rng, HEX, n - 1)))
    return out


def generate(corpus):
    rng = rng_for(GROUP + "/values")
    k = 3
    for i, (form_kind, val, *row) in enumerate(placeholders(rng)):
        svc = svc_of(row[0] if row else PH_SERVICES[i % len(PH_SERVICES)])
        form = FORMS[k % len(FORMS)]
        k += 1
        fn, lines, _ = render(form, svc, val, rng)
        corpus.add(GROUP, fn, lines, False, svc["id"], form_kind)
        corpus.labels[-1]["context"] = form
    for svc, form_kind, tok in near_misses(rng):
        form = FORMS[k % len(FORMS)]
        k += 1
        fn, lines, _ = render(form, svc, tok, rng)
        corpus.add(GROUP, fn, lines, False, svc["id"], form_kind)
        corpus.labels[-1]["context"] = form
