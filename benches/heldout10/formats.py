"""Token formats of the tenth held-out corpus, written from providers' public documentation of
their key shapes as I remember it (a few checked with the search tool; see README), blind to
vaultsweep's rules and to other scanners' rule and test files.

A row (R) is one kind of credential of one provider:
  pid       row id (unique)            provider  provider id (several rows may share one)
  cat       category (the case group)  name      display name
  env       the variable the provider's docs and SDKs use for it
  host      the API host the credential is sent to
  spec      token spec: literal text with {h32} (32 lowercase hex), {a40} (40 base62), {uuid}, or a
            special generator registered below ({ghp}, {jwt_supabase}, ...). Codes:
            h hex, H upper hex, a alnum, l lower alnum, u upper alnum, s url-safe, b base64, d digits,
            m base58, x letters, q base32 lower (a-z2-7), z base32 upper (A-Z2-7), L lower letters,
            U upper letters.
  fixed     the documented length is fixed (so one character more or less is a near miss)
  hdr       how it is sent: a template with {v} ("Authorization: Bearer {v}", "X-Api-Key: {v}",
            "?api_key={v}")
  comp      (ENV, spec) of a companion value printed next to it (a key id, an account id) in
            pair contexts; the label stays on the row's own value
  kind      "p": the value carries a distinctive prefix or shape, so it also goes into contexts
            that do not name the provider; "n": named only (its only signal is the provider's name,
            variable or host nearby)
  nm        whether a near miss is built for this row
No token is written here: every value is drawn at generation time.
"""

import base64
import json
import re
import string
import zlib

from hcommon import (ALNUM, B64, BASE58, DIGITS, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64url_nopad,
                     crc32_base62, rand, rbytes, uuid4)

LETTERS = string.ascii_letters
B32L = string.ascii_lowercase + "234567"
B32U = string.ascii_uppercase + "234567"
ALPHA = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE, "b": B64, "d": DIGITS,
         "m": BASE58, "x": LETTERS, "q": B32L, "z": B32U, "L": string.ascii_lowercase, "U": string.ascii_uppercase}
UUIDALPHA = HEX + "-"
BAD = ("test", "exampl", "sampl", "dummy", "fake", "xxxx", "demo", "fixme", "todo", "redact", "placehold",
       "changeme", "secret", "passw", "token", "apikey", "api_key", "your")


def clean(rng, alphabet, n):
    """rand() that also refuses draws containing a placeholder-ish word."""
    while True:
        s = rand(rng, alphabet, n)
        low = s.lower()
        if not any(b in low for b in BAD):
            return s


# --- specials: name -> (function(rng) -> str, alphabet used for near-miss mutation) -------------------
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
    return 1690000000 + rng.randrange(0, 60000000)


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


@special("mapbox_sk")
def _mapbox(rng):
    doc = {"u": rng.choice(["acme-maps", "fleetview", "geo-ops", "routeplanner"]), "a": "cl" + clean(rng, LOWALNUM, 23)}
    return "sk." + b64url_nopad(json.dumps(doc, separators=(",", ":")).encode()) + "." + clean(rng, URLSAFE, 22)


@special("discord_bot")
def _discord(rng):
    uid = str(rng.randrange(10 ** 17, 10 ** 18 * 2))
    return b64url_nopad(uid.encode()) + "." + clean(rng, URLSAFE, 6) + "." + clean(rng, URLSAFE, 38)


@special("intercom")
def _intercom(rng):
    return base64.b64encode(f"tok:{uuid4(rng)}:1:0".encode()).decode()


@special("jfrog_ref", B64)
def _jfrog(rng):
    return base64.b64encode(f"reftkn:01:{iat(rng) + 31536000}:{clean(rng, ALNUM, 27)}".encode()).decode()


@special("sentry_org")
def _sentry(rng):
    doc = {"iat": iat(rng) + rng.random(), "url": "https://sentry.io", "region_url": "https://us.sentry.io",
           "org": rng.choice(["acme", "fleetview", "northwind"])}
    body = base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode().rstrip("=")
    return "sntrys_" + body + "_" + clean(rng, ALNUM + "+/", 43)


@special("grafana_cloud")
def _grafana(rng):
    doc = {"o": str(rng.randrange(100000, 999999)), "n": "stack-" + str(rng.randrange(100000, 999999)) + "-hm-write-ci",
           "k": clean(rng, ALNUM, 24), "m": {"r": rng.choice(["prod-us-east-0", "prod-eu-west-2"])}}
    return "glc_" + base64.b64encode(json.dumps(doc, separators=(",", ":")).encode()).decode()


@special("op_service")
def _onepassword(rng):
    doc = {"signInAddress": "my.1password.com", "userAuth": {"method": "SRPg-4096", "alg": "PBES2g-HS256", "iterations": 650000,
           "salt": b64url_nopad(rbytes(rng, 16))}, "email": clean(rng, LOWALNUM, 13) + "@1passwordserviceaccounts.com",
           "srpX": rand(rng, HEX, 64), "muk": {"alg": "A256GCM", "ext": True, "k": b64url_nopad(rbytes(rng, 32)), "key_ops": ["encrypt", "decrypt"],
           "kty": "oct", "kid": "mp"}, "secretKey": "A3-" + "-".join(clean(rng, UPALNUM, 5) for _ in range(6)),
           "throttleSecret": {"seed": rand(rng, HEX, 64), "uuid": clean(rng, UPALNUM, 26)}, "deviceUuid": clean(rng, LOWALNUM, 26)}
    return "ops_" + b64url_nopad(json.dumps(doc, separators=(",", ":")).encode())


@special("convex")
def _convex(rng):
    adj = rng.choice(["happy", "brave", "quiet", "tidy", "merry", "fleet"])
    ani = rng.choice(["otter", "heron", "lynx", "badger", "marmot", "wombat"])
    inner = b64url_nopad(json.dumps({"v2": rand(rng, HEX, 32)}, separators=(",", ":")).encode())
    return f"prod:{adj}-{ani}-{rng.randrange(100, 999)}|{inner}"


@special("tinybird")
def _tinybird(rng):
    doc = {"u": uuid4(rng), "id": uuid4(rng), "host": rng.choice(["gcp-europe-west3", "aws-us-east-1"])}
    return "p." + b64url_nopad(json.dumps(doc, separators=(",", ":")).encode()) + "." + clean(rng, URLSAFE, 43)


@special("wix")
def _wix(rng):
    t = iat(rng)
    claims = {"data": json.dumps({"id": uuid4(rng), "identity": {"type": "application", "id": uuid4(rng)},
                                  "tenant": {"type": "account", "id": uuid4(rng)}}), "iat": t}
    return "IST." + jwt(rng, claims, "RS256", kid=clean(rng, URLSAFE, 8))


@special("prisma_accel")
def _prisma(rng):
    claims = {"api_key": uuid4(rng), "tenant_id": rand(rng, HEX, 64), "internal_secret": uuid4(rng)}
    return "prisma://accelerate.prisma-data.net/?api_key=" + jwt(rng, claims, "HS256")


@special("jwt_supabase")
def _supa(rng):
    t = iat(rng)
    return jwt(rng, {"iss": "supabase", "ref": clean(rng, string.ascii_lowercase, 20), "role": "service_role", "iat": t,
                     "exp": t + 315360000})


def _jwt_plain(sub_fn, alg="HS256"):
    def fn(rng):
        t = iat(rng)
        claims = sub_fn(rng)
        claims.setdefault("iat", t)
        return jwt(rng, claims, alg)
    return fn


SPECIALS["jwt_lemon"] = (_jwt_plain(lambda r: {"aud": "1", "jti": rand(r, HEX, 64), "sub": str(r.randrange(100000, 999999)),
                                                "scopes": []}, "RS256"), URLSAFE)
SPECIALS["jwt_turso"] = (_jwt_plain(lambda r: {"a": "rw", "id": uuid4(r)}, "EdDSA"), URLSAFE)
SPECIALS["jwt_monday"] = (_jwt_plain(lambda r: {"tid": r.randrange(10 ** 8, 10 ** 9), "aai": 11, "uid": r.randrange(10 ** 7, 10 ** 8),
                                                 "iad": "2024-03-11T09:14:27.000Z", "per": "me:write", "actid": r.randrange(10 ** 6, 10 ** 7),
                                                 "rgn": "use1"}), URLSAFE)
SPECIALS["jwt_front"] = (_jwt_plain(lambda r: {"scopes": ["shared:*", "private:*"], "iss": "front", "sub": clean(r, LOWALNUM, 20),
                                                "jti": clean(r, LOWALNUM, 16)}), URLSAFE)
SPECIALS["jwt_calendly"] = (_jwt_plain(lambda r: {"iss": "https://auth.calendly.com", "jti": uuid4(r), "user_uuid": uuid4(r)}), URLSAFE)
SPECIALS["jwt_pinata"] = (_jwt_plain(lambda r: {"userInformation": {"id": uuid4(r), "email": "ops@acme.io", "email_verified": True},
                                                 "authenticationType": "scopedKey", "scopedKeyKey": rand(r, HEX, 20),
                                                 "scopedKeySecret": rand(r, HEX, 64)}), URLSAFE)
SPECIALS["jwt_printify"] = (_jwt_plain(lambda r: {"aud": rand(r, HEX, 32), "jti": rand(r, HEX, 80), "sub": str(r.randrange(10 ** 7, 10 ** 8)),
                                                   "scopes": ["shops.manage", "orders.write"]}, "RS256"), URLSAFE)
SPECIALS["jwt_cloudconvert"] = (_jwt_plain(lambda r: {"aud": "1", "jti": rand(r, HEX, 80), "sub": str(r.randrange(10 ** 7, 10 ** 8)),
                                                       "scopes": ["task.read", "task.write"]}, "RS256"), URLSAFE)
SPECIALS["jwt_hass"] = (_jwt_plain(lambda r: {"iss": rand(r, HEX, 32), "exp": 2000000000}), URLSAFE)
SPECIALS["jwt_mailerlite"] = (_jwt_plain(lambda r: {"aud": "4", "jti": rand(r, HEX, 80), "sub": str(r.randrange(10 ** 5, 10 ** 6)),
                                                     "scopes": []}, "RS256"), URLSAFE)
SPECIALS["jwt_motherduck"] = (_jwt_plain(lambda r: {"email": "etl@acme.io", "session": "etl.acme.io", "tokenType": "read_write",
                                                     "userId": uuid4(r), "iss": "auth0.motherduck.com"}), URLSAFE)
SPECIALS["jwt_moralis"] = (_jwt_plain(lambda r: {"nonce": uuid4(r), "orgId": str(r.randrange(10 ** 5, 10 ** 6)), "userId": str(r.randrange(10 ** 5, 10 ** 6)),
                                                  "typeId": uuid4(r), "type": "PROJECT"}), URLSAFE)
SPECIALS["jwt_tmdb"] = (_jwt_plain(lambda r: {"aud": rand(r, HEX, 32), "nbf": 1710000000.5, "sub": rand(r, HEX, 24),
                                               "scopes": ["api_read"], "version": 1}), URLSAFE)


@special("twitter_bearer")
def _twitter(rng):
    return "A" * 21 + clean(rng, ALNUM, 10) + "A" * 7 + clean(rng, ALNUM, 20) + "%2B" + clean(rng, ALNUM, 10) + "%3D" + clean(rng, ALNUM, 50)


@special("onesignal", B64)
def _onesignal(rng):
    return base64.b64encode(uuid4(rng).encode()).decode()


@special("elastic_apikey", B64)
def _elastic(rng):
    return base64.b64encode(f"{clean(rng, URLSAFE, 20)}:{clean(rng, URLSAFE, 22)}".encode()).decode()


@special("azkey", B64)
def _azkey(rng):
    return base64.b64encode(rbytes(rng, 64)).decode()


@special("sas_sig")
def _sas(rng):
    from urllib.parse import quote
    return quote(base64.b64encode(rbytes(rng, 32)).decode(), safe="")


@special("wp_app_pw", ALNUM)
def _wp(rng):
    return " ".join(clean(rng, ALNUM, 4) for _ in range(6))


@special("bluesky_app_pw", string.ascii_lowercase)
def _bsky(rng):
    return "-".join(clean(rng, string.ascii_lowercase + "234567", 4) for _ in range(4))


# --- rows ---------------------------------------------------------------------------------------------------
ROWS = []
BEARER = "Authorization: Bearer {v}"


def R(pid, cat, name, env, host, spec, fixed=True, hdr=BEARER, comp=None, kind=None, nm=True, provider=None):
    lit = re.match(r"[^{]*", spec).group(0)
    if kind is None:
        kind = "p" if len(lit) >= 4 else "n"
    ROWS.append(dict(pid=pid, provider=provider or pid.split("-")[0], cat=cat, name=name, env=env, host=host, spec=spec,
                     fixed=fixed, hdr=hdr, comp=comp, kind=kind, nm=nm, prefix=lit))


# cloud
c = "cloud"
R("aws", c, "AWS", "AWS_ACCESS_KEY_ID", "sts.amazonaws.com", "AKIA{z16}", comp=("AWS_SECRET_ACCESS_KEY", "{b40}"))
R("azure-storage", c, "Azure Storage", "AZURE_STORAGE_CONNECTION_STRING", "acmeprod.blob.core.windows.net",
  "DefaultEndpointsProtocol=https;AccountName=acme{l6};AccountKey={azkey};EndpointSuffix=core.windows.net", fixed=False)
R("azure-ad", c, "Azure AD", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "{a3}8Q~{s34}", kind="p", provider="azure")
R("azure-sas", c, "Azure Blob SAS", "AZURE_STORAGE_SAS_TOKEN", "acmeprod.blob.core.windows.net",
  "sv=2022-11-02&ss=bfqt&srt=sco&sp=rwdlacupiytfx&se=2026-09-30T17:00:00Z&st=2025-03-01T09:00:00Z&spr=https&sig={sas_sig}",
  fixed=False, provider="azure", hdr="?{v}")
R("digitalocean", c, "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "dop_v1_{h64}")
R("digitalocean-oauth", c, "DigitalOcean", "DIGITALOCEAN_ACCESS_TOKEN", "api.digitalocean.com", "doo_v1_{h64}")
R("alibaba", c, "Alibaba Cloud", "ALIBABA_CLOUD_ACCESS_KEY_SECRET", "ecs.aliyuncs.com", "{a30}", kind="n",
  comp=("ALIBABA_CLOUD_ACCESS_KEY_ID", "LTAI{a20}"))
R("tencent", c, "Tencent Cloud", "TENCENTCLOUD_SECRET_KEY", "cvm.tencentcloudapi.com", "{a32}", kind="n",
  comp=("TENCENTCLOUD_SECRET_ID", "AKID{a32}"))
R("ibmcloud", c, "IBM Cloud", "IBMCLOUD_API_KEY", "iam.cloud.ibm.com", "{s44}")
R("linode", c, "Linode", "LINODE_TOKEN", "api.linode.com", "{h64}")
R("vultr", c, "Vultr", "VULTR_API_KEY", "api.vultr.com", "{u36}")
R("hetzner", c, "Hetzner Cloud", "HCLOUD_TOKEN", "api.hetzner.cloud", "{a64}")
R("scaleway", c, "Scaleway", "SCW_SECRET_KEY", "api.scaleway.com", "{uuid}", hdr="X-Auth-Token: {v}", comp=("SCW_ACCESS_KEY", "SCW{u17}"))  # vaultsweep:allow (template: the value is drawn at generation time)
R("heroku", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "HRKU-AA{s58}", fixed=False)
R("heroku-legacy", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "{uuid}", provider="heroku")
R("cloudflare", c, "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}")
R("cloudflare-global", c, "Cloudflare", "CLOUDFLARE_API_KEY", "api.cloudflare.com", "{h37}", hdr="X-Auth-Key: {v}")
R("cloudflare-origin", c, "Cloudflare", "CLOUDFLARE_ORIGIN_CA_KEY", "api.cloudflare.com", "v1.0-{h24}-{h146}", hdr="X-Auth-User-Service-Key: {v}")
R("flyio", c, "Fly.io", "FLY_API_TOKEN", "api.machines.dev", "fo1_{s43}")
R("vercel", c, "Vercel", "VERCEL_TOKEN", "api.vercel.com", "{a24}")
R("netlify", c, "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a36}")
R("render", c, "Render", "RENDER_API_KEY", "api.render.com", "rnd_{a32}")
R("railway", c, "Railway", "RAILWAY_TOKEN", "backboard.railway.app", "{uuid}")
R("pulumi", c, "Pulumi", "PULUMI_ACCESS_TOKEN", "api.pulumi.com", "pul-{h40}", hdr="Authorization: token {v}")
R("terraform", c, "Terraform Cloud", "TF_TOKEN_app_terraform_io", "app.terraform.io", "{a14}.atlasv1.{a67}", kind="p")
R("vault", c, "HashiCorp Vault", "VAULT_TOKEN", "vault.acme.internal:8200", "hvs.CAESI{s86}", fixed=False, hdr="X-Vault-Token: {v}")  # vaultsweep:allow (template: the value is drawn at generation time)
R("doppler", c, "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.st.prd.{a43}", fixed=False)
R("databricks", c, "Databricks", "DATABRICKS_TOKEN", "adb-4186392047192836.12.azuredatabricks.net", "dapi{h32}")  # vaultsweep:allow (template: the value is drawn at generation time)
R("yandex", c, "Yandex Cloud", "YC_API_KEY", "llm.api.cloud.yandex.net", "AQVN{s36}", hdr="Authorization: Api-Key {v}")
R("ovh", c, "OVHcloud", "OVH_APPLICATION_SECRET", "eu.api.ovh.com", "{a32}", comp=("OVH_APPLICATION_KEY", "{a16}"))
R("exoscale", c, "Exoscale", "EXOSCALE_API_SECRET", "api-ch-gva-2.exoscale.com", "{s43}", comp=("EXOSCALE_API_KEY", "EXO{h24}"))  # vaultsweep:allow (template: the value is drawn at generation time)
R("civo", c, "Civo", "CIVO_TOKEN", "api.civo.com", "{a50}")
R("gcs-hmac", c, "Google Cloud Storage", "GCS_HMAC_SECRET", "storage.googleapis.com", "{b40}", comp=("GCS_HMAC_ACCESS_ID", "GOOG1E{z55}"),
  provider="google")

# payment
c = "payment"
R("stripe", c, "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "sk_live_{a99}", fixed=False)
R("stripe-restricted", c, "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_{a99}", fixed=False)
R("stripe-webhook", c, "Stripe", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "whsec_{a32}")
R("square", c, "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}")
R("square-secret", c, "Square", "SQUARE_APPLICATION_SECRET", "connect.squareup.com", "sq0csp-{s43}")
R("braintree", c, "Braintree", "BRAINTREE_ACCESS_TOKEN", "payments.braintree-api.com", "access_token$production${l16}${h32}")
R("paypal", c, "PayPal", "PAYPAL_CLIENT_SECRET", "api-m.paypal.com", "E{s79}", kind="n", comp=("PAYPAL_CLIENT_ID", "A{s79}"))
R("razorpay", c, "Razorpay", "RAZORPAY_KEY_SECRET", "api.razorpay.com", "{a24}", comp=("RAZORPAY_KEY_ID", "rzp_live_{a14}"))
R("paystack", c, "Paystack", "PAYSTACK_SECRET_KEY", "api.paystack.co", "sk_live_{h40}")
R("flutterwave", c, "Flutterwave", "FLW_SECRET_KEY", "api.flutterwave.com", "FLWSECK-{h32}-X")
R("mollie", c, "Mollie", "MOLLIE_API_KEY", "api.mollie.com", "live_{a30}", kind="p")
R("gocardless", c, "GoCardless", "GOCARDLESS_ACCESS_TOKEN", "api.gocardless.com", "live_{s40}", kind="p")
R("plaid", c, "Plaid", "PLAID_SECRET", "production.plaid.com", "{h30}", hdr="PLAID-SECRET: {v}", comp=("PLAID_CLIENT_ID", "{h24}"))
R("plaid-access", c, "Plaid", "PLAID_ACCESS_TOKEN", "production.plaid.com", "access-production-{uuid}")
R("authorizenet", c, "Authorize.Net", "AUTHORIZE_NET_TRANSACTION_KEY", "api.authorize.net", "{a16}", comp=("AUTHORIZE_NET_API_LOGIN_ID", "{a10}"))
R("xendit", c, "Xendit", "XENDIT_SECRET_KEY", "api.xendit.co", "xnd_production_{a50}", fixed=False)
R("midtrans", c, "Midtrans", "MIDTRANS_SERVER_KEY", "api.midtrans.com", "Mid-server-{s24}")
R("mercadopago", c, "Mercado Pago", "MERCADOPAGO_ACCESS_TOKEN", "api.mercadopago.com", "APP_USR-{d16}-{d6}-{h32}-{d9}")
R("recurly", c, "Recurly", "RECURLY_API_KEY", "v3.recurly.com", "{h32}")
R("chargebee", c, "Chargebee", "CHARGEBEE_API_KEY", "acme.chargebee.com", "live_{a34}", fixed=False, kind="n")
R("wise", c, "Wise", "WISE_API_TOKEN", "api.transferwise.com", "{uuid}")
R("paddle", c, "Paddle", "PADDLE_API_KEY", "api.paddle.com", "pdl_live_apikey_01{q24}_{a22}_{a3}", fixed=False)
R("lemonsqueezy", c, "Lemon Squeezy", "LEMONSQUEEZY_API_KEY", "api.lemonsqueezy.com", "{jwt_lemon}", fixed=False, nm=False)
R("moonpay", c, "MoonPay", "MOONPAY_SECRET_KEY", "api.moonpay.com", "sk_live_{a32}", fixed=False, kind="n", hdr="Authorization: Api-Key {v}")

# SMS and e-mail
c = "messaging"
R("twilio", c, "Twilio", "TWILIO_AUTH_TOKEN", "api.twilio.com", "{h32}", comp=("TWILIO_ACCOUNT_SID", "AC{h32}"))
R("sendgrid", c, "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "SG.{s22}.{s43}", kind="p")
R("mailgun", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}")
R("mailgun-v2", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "{h32}-{h8}-{h8}", provider="mailgun")
R("mailchimp", c, "Mailchimp", "MAILCHIMP_API_KEY", "us14.api.mailchimp.com", "{h32}-us{d2}", kind="p")
R("postmark", c, "Postmark", "POSTMARK_SERVER_TOKEN", "api.postmarkapp.com", "{uuid}", hdr="X-Postmark-Server-Token: {v}")
R("mandrill", c, "Mandrill", "MANDRILL_API_KEY", "mandrillapp.com", "md-{s22}")
R("sparkpost", c, "SparkPost", "SPARKPOST_API_KEY", "api.sparkpost.com", "{h40}", hdr="Authorization: {v}")
R("mailjet", c, "Mailjet", "MJ_APIKEY_PRIVATE", "api.mailjet.com", "{h32}", comp=("MJ_APIKEY_PUBLIC", "{h32}"))
R("brevo", c, "Brevo", "BREVO_API_KEY", "api.brevo.com", "xkeysib-{h64}-{a16}", hdr="api-key: {v}")
R("brevo-smtp", c, "Brevo", "BREVO_SMTP_KEY", "smtp-relay.brevo.com", "xsmtpsib-{h64}-{a16}", provider="brevo")
R("vonage", c, "Vonage", "VONAGE_API_SECRET", "rest.nexmo.com", "{a16}", comp=("VONAGE_API_KEY", "{h8}"))
R("messagebird", c, "MessageBird", "MESSAGEBIRD_ACCESS_KEY", "rest.messagebird.com", "{a25}", hdr="Authorization: AccessKey {v}")
R("plivo", c, "Plivo", "PLIVO_AUTH_TOKEN", "api.plivo.com", "{a40}", comp=("PLIVO_AUTH_ID", "MA{u18}"))
R("telnyx", c, "Telnyx", "TELNYX_API_KEY", "api.telnyx.com", "KEY{H32}_{a22}")
R("sinch", c, "Sinch", "SINCH_API_TOKEN", "us.sms.api.sinch.com", "{h32}")
R("clicksend", c, "ClickSend", "CLICKSEND_API_KEY", "rest.clicksend.com", "{UUID}")
R("resend", c, "Resend", "RESEND_API_KEY", "api.resend.com", "re_{a8}_{a24}", kind="p")
R("loops", c, "Loops", "LOOPS_API_KEY", "app.loops.so", "{h32}")
R("mailersend", c, "MailerSend", "MAILERSEND_API_KEY", "api.mailersend.com", "mlsn.{h64}")
R("mailtrap", c, "Mailtrap", "MAILTRAP_API_TOKEN", "send.api.mailtrap.io", "{h32}", hdr="Api-Token: {v}")
R("infobip", c, "Infobip", "INFOBIP_API_KEY", "api.infobip.com", "{h32}-{uuid}", hdr="Authorization: App {v}")
R("africastalking", c, "Africa's Talking", "AT_API_KEY", "api.africastalking.com", "atsk_{h64}", hdr="apiKey: {v}")
R("smtp2go", c, "SMTP2GO", "SMTP2GO_API_KEY", "api.smtp2go.com", "api-{H32}", hdr="X-Smtp2go-Api-Key: {v}")
R("elasticemail", c, "Elastic Email", "ELASTICEMAIL_API_KEY", "api.elasticemail.com", "{H96}", hdr="X-ElasticEmail-ApiKey: {v}")
R("mailerlite", c, "MailerLite", "MAILERLITE_API_KEY", "connect.mailerlite.com", "{jwt_mailerlite}", fixed=False, nm=False)
R("ntfy", c, "ntfy", "NTFY_TOKEN", "ntfy.sh", "tk_{l29}", kind="p")
R("pushover", c, "Pushover", "PUSHOVER_APP_TOKEN", "api.pushover.net", "a{l29}", hdr="?token={v}")
R("pushbullet", c, "Pushbullet", "PUSHBULLET_ACCESS_TOKEN", "api.pushbullet.com", "o.{a32}", hdr="Access-Token: {v}")
R("onesignal", c, "OneSignal", "ONESIGNAL_REST_API_KEY", "onesignal.com", "{onesignal}", hdr="Authorization: Basic {v}")

# maps and geodata
c = "maps"
R("google-maps", c, "Google Maps", "GOOGLE_MAPS_API_KEY", "maps.googleapis.com", "AIza{s35}", hdr="?key={v}", provider="google")
R("mapbox", c, "Mapbox", "MAPBOX_SECRET_TOKEN", "api.mapbox.com", "{mapbox_sk}", fixed=False, hdr="?access_token={v}", kind="p")
R("here", c, "HERE", "HERE_API_KEY", "geocode.search.hereapi.com", "{s43}", hdr="?apiKey={v}")
R("tomtom", c, "TomTom", "TOMTOM_API_KEY", "api.tomtom.com", "{a32}", hdr="?key={v}")
R("maptiler", c, "MapTiler", "MAPTILER_API_KEY", "api.maptiler.com", "{a20}", hdr="?key={v}")
R("locationiq", c, "LocationIQ", "LOCATIONIQ_TOKEN", "us1.locationiq.com", "pk.{h32}", hdr="?key={v}", kind="n")
R("opencage", c, "OpenCage", "OPENCAGE_API_KEY", "api.opencagedata.com", "{h32}", hdr="?key={v}")
R("geoapify", c, "Geoapify", "GEOAPIFY_API_KEY", "api.geoapify.com", "{h32}", hdr="?apiKey={v}")
R("ipinfo", c, "IPinfo", "IPINFO_TOKEN", "ipinfo.io", "{h14}", hdr="?token={v}")
R("ipstack", c, "ipstack", "IPSTACK_ACCESS_KEY", "api.ipstack.com", "{h32}", hdr="?access_key={v}")
R("radar", c, "Radar", "RADAR_SECRET_KEY", "api.radar.io", "prj_live_sk_{h40}", hdr="Authorization: {v}")
R("what3words", c, "what3words", "W3W_API_KEY", "api.what3words.com", "{u8}", hdr="X-Api-Key: {v}")
R("mapquest", c, "MapQuest", "MAPQUEST_API_KEY", "www.mapquestapi.com", "{a32}", hdr="?key={v}")
R("openweathermap", c, "OpenWeatherMap", "OPENWEATHER_API_KEY", "api.openweathermap.org", "{h32}", hdr="?appid={v}")
R("bingmaps", c, "Bing Maps", "BING_MAPS_KEY", "dev.virtualearth.net", "{s64}", hdr="?key={v}")
R("ipgeolocation", c, "ipgeolocation.io", "IPGEOLOCATION_API_KEY", "api.ipgeolocation.io", "{h32}", hdr="?apiKey={v}")
R("positionstack", c, "positionstack", "POSITIONSTACK_ACCESS_KEY", "api.positionstack.com", "{h32}", hdr="?access_key={v}")
R("stadiamaps", c, "Stadia Maps", "STADIA_API_KEY", "api.stadiamaps.com", "{uuid}", hdr="?api_key={v}")

# analytics and feature flags
c = "analytics"
R("segment", c, "Segment", "SEGMENT_WRITE_KEY", "api.segment.io", "{a32}", hdr="Authorization: Basic {v}")
R("mixpanel", c, "Mixpanel", "MIXPANEL_API_SECRET", "api.mixpanel.com", "{h32}")
R("amplitude", c, "Amplitude", "AMPLITUDE_SECRET_KEY", "amplitude.com", "{h32}", comp=("AMPLITUDE_API_KEY", "{h32}"))
R("posthog", c, "PostHog", "POSTHOG_PERSONAL_API_KEY", "us.posthog.com", "phx_{a43}")
R("ga4", c, "Google Analytics", "GA_MEASUREMENT_API_SECRET", "www.google-analytics.com", "{s22}", hdr="?api_secret={v}", provider="google-analytics")
R("plausible", c, "Plausible", "PLAUSIBLE_API_KEY", "plausible.io", "{s64}")
R("matomo", c, "Matomo", "MATOMO_TOKEN_AUTH", "analytics.acme.io", "{h32}", hdr="?token_auth={v}")
R("rudderstack", c, "RudderStack", "RUDDERSTACK_WRITE_KEY", "hosted.rudderlabs.com", "{a27}", hdr="Authorization: Basic {v}")
R("statsig", c, "Statsig", "STATSIG_SERVER_SECRET", "statsigapi.net", "secret-{a43}", hdr="statsig-api-key: {v}")
R("launchdarkly", c, "LaunchDarkly", "LAUNCHDARKLY_SDK_KEY", "sdk.launchdarkly.com", "sdk-{uuid}", hdr="Authorization: {v}")
R("launchdarkly-api", c, "LaunchDarkly", "LAUNCHDARKLY_ACCESS_TOKEN", "app.launchdarkly.com", "api-{uuid}", hdr="Authorization: {v}", provider="launchdarkly")
R("configcat", c, "ConfigCat", "CONFIGCAT_SDK_KEY", "cdn-global.configcat.com", "configcat-sdk-1/{s22}/{s22}", hdr="X-ConfigCat-SdkKey: {v}")
R("flagsmith", c, "Flagsmith", "FLAGSMITH_SERVER_KEY", "edge.api.flagsmith.com", "ser.{a22}", hdr="X-Environment-Key: {v}")
R("similarweb", c, "Similarweb", "SIMILARWEB_API_KEY", "api.similarweb.com", "{h32}", hdr="api-key: {v}")
R("unleash", c, "Unleash", "UNLEASH_API_TOKEN", "unleash.acme.io", "default:production.{h64}", hdr="Authorization: {v}")
R("mezmo", c, "Mezmo", "MEZMO_INGESTION_KEY", "logs.mezmo.com", "{h32}", hdr="apikey: {v}")

# CI/CD and package registries
c = "cicd"
R("github", c, "GitHub", "GITHUB_TOKEN", "api.github.com", "{ghp}", provider="github", kind="p")
R("github-oauth", c, "GitHub", "GH_OAUTH_TOKEN", "api.github.com", "{gho}", provider="github", kind="p")
R("github-app", c, "GitHub", "GITHUB_APP_INSTALLATION_TOKEN", "api.github.com", "{ghs}", provider="github", kind="p")
R("github-fine", c, "GitHub", "GITHUB_PAT", "api.github.com", "github_pat_11{u20}_{a59}", provider="github")
R("gitlab", c, "GitLab", "GITLAB_TOKEN", "gitlab.com", "glpat-{s20}", hdr="PRIVATE-TOKEN: {v}")
R("gitlab-runner", c, "GitLab", "CI_RUNNER_TOKEN", "gitlab.com", "glrt-{s20}", provider="gitlab")
R("gitlab-trigger", c, "GitLab", "GITLAB_TRIGGER_TOKEN", "gitlab.com", "glptt-{h40}", provider="gitlab")
R("gitlab-deploy", c, "GitLab", "GITLAB_DEPLOY_TOKEN", "gitlab.com", "gldt-{s20}", provider="gitlab")
R("circleci", c, "CircleCI", "CIRCLECI_TOKEN", "circleci.com", "CCIPAT_{a22}_{h40}", hdr="Circle-Token: {v}")
R("travis", c, "Travis CI", "TRAVIS_API_TOKEN", "api.travis-ci.com", "{s22}", hdr="Authorization: token {v}")
R("buildkite", c, "Buildkite", "BUILDKITE_API_TOKEN", "api.buildkite.com", "bkua_{h40}")
R("jenkins", c, "Jenkins", "JENKINS_API_TOKEN", "jenkins.acme.io", "11{h32}", hdr="Authorization: Basic {v}")
R("bitbucket", c, "Bitbucket", "BITBUCKET_APP_PASSWORD", "api.bitbucket.org", "ATBB{a32}{H8}")
R("atlassian", c, "Atlassian", "ATLASSIAN_API_TOKEN", "acme.atlassian.net", "ATATT3xFfGF0{s170}={H8}", fixed=False)
R("azuredevops", c, "Azure DevOps", "AZURE_DEVOPS_EXT_PAT", "dev.azure.com", "{q52}", hdr="Authorization: Basic {v}")
R("drone", c, "Drone", "DRONE_TOKEN", "drone.acme.io", "{a32}")
R("codecov", c, "Codecov", "CODECOV_TOKEN", "codecov.io", "{uuid}", hdr="Authorization: token {v}")
R("harness", c, "Harness", "HARNESS_PLATFORM_API_KEY", "app.harness.io", "pat.{s22}.{h24}.{a20}", hdr="x-api-key: {v}")
R("octopus", c, "Octopus Deploy", "OCTOPUS_API_KEY", "acme.octopus.app", "API-{u26}", fixed=False, hdr="X-Octopus-ApiKey: {v}")
R("jfrog", c, "JFrog", "ARTIFACTORY_API_KEY", "acme.jfrog.io", "AKCp8{a68}", hdr="X-JFrog-Art-Api: {v}")
R("jfrog-ref", c, "JFrog", "JFROG_ACCESS_TOKEN", "acme.jfrog.io", "{jfrog_ref}", provider="jfrog", kind="p")
R("sonarqube", c, "SonarQube", "SONAR_TOKEN", "sonarcloud.io", "squ_{h40}")
R("snyk", c, "Snyk", "SNYK_TOKEN", "api.snyk.io", "{uuid}", hdr="Authorization: token {v}")
R("dockerhub", c, "Docker Hub", "DOCKERHUB_TOKEN", "hub.docker.com", "dckr_pat_{s27}")
R("npm", c, "npm", "NPM_TOKEN", "registry.npmjs.org", "{npm}", kind="p")
R("pypi", c, "PyPI", "TWINE_PASSWORD", "upload.pypi.org", "{pypi}", fixed=False, kind="p")
R("rubygems", c, "RubyGems", "GEM_HOST_API_KEY", "rubygems.org", "rubygems_{h48}", hdr="Authorization: {v}")
R("nuget", c, "NuGet", "NUGET_API_KEY", "api.nuget.org", "oy2{q43}", hdr="X-NuGet-ApiKey: {v}", kind="p")
R("cratesio", c, "crates.io", "CARGO_REGISTRY_TOKEN", "crates.io", "cio{a32}", hdr="Authorization: {v}", kind="n")
R("expo", c, "Expo", "EXPO_TOKEN", "api.expo.dev", "{s40}")
R("cypress", c, "Cypress Cloud", "CYPRESS_RECORD_KEY", "api.cypress.io", "{uuid}", hdr="x-cypress-record-key: {v}")
R("chromatic", c, "Chromatic", "CHROMATIC_PROJECT_TOKEN", "www.chromatic.com", "chpt_{h14}")
R("percy", c, "Percy", "PERCY_TOKEN", "percy.io", "{h64}", hdr="Authorization: Token token={v}")
R("browserstack", c, "BrowserStack", "BROWSERSTACK_ACCESS_KEY", "api.browserstack.com", "{a20}", hdr="Authorization: Basic {v}")
R("saucelabs", c, "Sauce Labs", "SAUCE_ACCESS_KEY", "api.us-west-1.saucelabs.com", "{uuid}", hdr="Authorization: Basic {v}")
R("lambdatest", c, "LambdaTest", "LT_ACCESS_KEY", "api.lambdatest.com", "{a50}", hdr="Authorization: Basic {v}")
R("coveralls", c, "Coveralls", "COVERALLS_REPO_TOKEN", "coveralls.io", "{a32}", hdr="?repo_token={v}")
R("codacy", c, "Codacy", "CODACY_PROJECT_TOKEN", "api.codacy.com", "{h32}", hdr="project-token: {v}")
R("codeclimate", c, "Code Climate", "CC_TEST_REPORTER_ID", "api.codeclimate.com", "{h64}", hdr="Authorization: Token token={v}")
R("gradle", c, "Gradle Plugin Portal", "GRADLE_PUBLISH_SECRET", "plugins.gradle.org", "{a32}", comp=("GRADLE_PUBLISH_KEY", "{a32}"))
R("deno", c, "Deno Deploy", "DENO_DEPLOY_TOKEN", "api.deno.com", "ddp_{a36}")

# developer tools
c = "devtools"
R("postman", c, "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", hdr="X-Api-Key: {v}")
R("figma", c, "Figma", "FIGMA_TOKEN", "api.figma.com", "figd_{s40}", hdr="X-Figma-Token: {v}")
R("linear", c, "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", hdr="Authorization: {v}")
R("notion", c, "Notion", "NOTION_TOKEN", "api.notion.com", "ntn_{d11}{a35}")
R("notion-legacy", c, "Notion", "NOTION_API_KEY", "api.notion.com", "secret_{a43}", provider="notion", kind="n")
R("airtable", c, "Airtable", "AIRTABLE_TOKEN", "api.airtable.com", "pat{a14}.{h64}", kind="p")
R("asana", c, "Asana", "ASANA_ACCESS_TOKEN", "app.asana.com", "2/{d16}/{d16}:{h32}", kind="p")
R("clickup", c, "ClickUp", "CLICKUP_API_TOKEN", "api.clickup.com", "pk_{d8}_{u32}", hdr="Authorization: {v}", kind="p")
R("trello", c, "Trello", "TRELLO_TOKEN", "api.trello.com", "ATTA{h64}{H8}", hdr="?token={v}")
R("todoist", c, "Todoist", "TODOIST_API_TOKEN", "api.todoist.com", "{h40}")
R("typeform", c, "Typeform", "TYPEFORM_TOKEN", "api.typeform.com", "tfp_{s44}_{s14}", fixed=False)
R("contentful", c, "Contentful", "CONTENTFUL_MANAGEMENT_TOKEN", "api.contentful.com", "CFPAT-{s43}")
R("contentful-cda", c, "Contentful", "CONTENTFUL_DELIVERY_TOKEN", "cdn.contentful.com", "{s43}", provider="contentful")
R("sanity", c, "Sanity", "SANITY_API_TOKEN", "acme.api.sanity.io", "sk{a180}", fixed=False, kind="n")
R("storyblok", c, "Storyblok", "STORYBLOK_MANAGEMENT_TOKEN", "mapi.storyblok.com", "{a24}-{d6}-{a20}", hdr="Authorization: {v}")
R("datocms", c, "DatoCMS", "DATOCMS_API_TOKEN", "site-api.datocms.com", "{h30}")
R("algolia", c, "Algolia", "ALGOLIA_ADMIN_API_KEY", "acme-dsn.algolia.net", "{h32}", hdr="X-Algolia-API-Key: {v}", comp=("ALGOLIA_APP_ID", "{u10}"))
R("ngrok", c, "ngrok", "NGROK_AUTHTOKEN", "api.ngrok.com", "2{a26}_{a21}", kind="n")
R("sourcegraph", c, "Sourcegraph", "SRC_ACCESS_TOKEN", "sourcegraph.com", "sgp_{h16}_{h40}", hdr="Authorization: token {v}")
R("tailscale", c, "Tailscale", "TS_API_KEY", "api.tailscale.com", "tskey-api-k{a6}CNTRL-{a33}", fixed=False)
R("tailscale-auth", c, "Tailscale", "TS_AUTHKEY", "login.tailscale.com", "tskey-auth-k{a7}CNTRL-{a33}", fixed=False, provider="tailscale")
R("onepassword", c, "1Password", "OP_SERVICE_ACCOUNT_TOKEN", "my.1password.com", "{op_service}", fixed=False, kind="p", nm=False)
R("monday", c, "monday.com", "MONDAY_API_TOKEN", "api.monday.com", "{jwt_monday}", fixed=False, hdr="Authorization: {v}", nm=False)
R("zapier", c, "Zapier", "ZAPIER_WEBHOOK_URL", "hooks.zapier.com", "https://hooks.zapier.com/hooks/catch/{d7}/{l6}/", kind="p")
R("ifttt", c, "IFTTT", "IFTTT_WEBHOOK_KEY", "maker.ifttt.com", "{s22}", hdr="?key={v}")
R("shortcut", c, "Shortcut", "SHORTCUT_API_TOKEN", "api.app.shortcut.com", "{uuid}", hdr="Shortcut-Token: {v}")
R("youtrack", c, "YouTrack", "YOUTRACK_TOKEN", "acme.youtrack.cloud", "perm:{a12}.{a16}.{a30}", fixed=False)
R("gitea", c, "Gitea", "GITEA_TOKEN", "gitea.acme.io", "{h40}", hdr="Authorization: token {v}")
R("wakatime", c, "WakaTime", "WAKATIME_API_KEY", "wakatime.com", "waka_{uuid}", hdr="Authorization: Basic {v}")
R("prefect", c, "Prefect", "PREFECT_API_KEY", "api.prefect.cloud", "pnu_{a36}")
R("dbtcloud", c, "dbt Cloud", "DBT_CLOUD_API_TOKEN", "cloud.getdbt.com", "dbtc_{s50}", fixed=False, hdr="Authorization: Token {v}")
R("infracost", c, "Infracost", "INFRACOST_API_KEY", "pricing.api.infracost.io", "ico-{a32}", hdr="X-Api-Key: {v}")
R("smartsheet", c, "Smartsheet", "SMARTSHEET_ACCESS_TOKEN", "api.smartsheet.com", "{a37}")
R("coda", c, "Coda", "CODA_API_TOKEN", "coda.io", "{uuid}")
R("harvest", c, "Harvest", "HARVEST_ACCESS_TOKEN", "api.harvestapp.com", "{d7}.pt.{s86}", fixed=False)
R("toggl", c, "Toggl Track", "TOGGL_API_TOKEN", "api.track.toggl.com", "{h32}", hdr="Authorization: Basic {v}")

# monitoring and observability
c = "monitoring"
R("datadog", c, "Datadog", "DD_API_KEY", "api.datadoghq.com", "{h32}", hdr="DD-API-KEY: {v}")
R("datadog-app", c, "Datadog", "DD_APP_KEY", "api.datadoghq.com", "{h40}", hdr="DD-APPLICATION-KEY: {v}", provider="datadog")
R("newrelic", c, "New Relic", "NEW_RELIC_API_KEY", "api.newrelic.com", "NRAK-{u27}", hdr="Api-Key: {v}")
R("newrelic-license", c, "New Relic", "NEW_RELIC_LICENSE_KEY", "collector.newrelic.com", "{h36}NRAL", provider="newrelic", kind="p")
R("dynatrace", c, "Dynatrace", "DT_API_TOKEN", "acme.live.dynatrace.com", "dt0c01.{u24}.{u64}", hdr="Authorization: Api-Token {v}")
R("honeycomb", c, "Honeycomb", "HONEYCOMB_API_KEY", "api.honeycomb.io", "{a22}", hdr="X-Honeycomb-Team: {v}")
R("sentry", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "{sentry_org}", fixed=False, kind="p")
R("sentry-user", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}", provider="sentry")
R("splunk", c, "Splunk", "SPLUNK_HEC_TOKEN", "http-inputs-acme.splunkcloud.com", "{uuid}", hdr="Authorization: Splunk {v}")
R("sumologic", c, "Sumo Logic", "SUMO_ACCESS_KEY", "api.sumologic.com", "{a64}", comp=("SUMO_ACCESS_ID", "su{a12}"))
R("pagerduty", c, "PagerDuty", "PAGERDUTY_TOKEN", "api.pagerduty.com", "u+{s18}", hdr="Authorization: Token token={v}", kind="n")
R("opsgenie", c, "Opsgenie", "OPSGENIE_API_KEY", "api.opsgenie.com", "{uuid}", hdr="Authorization: GenieKey {v}")
R("betterstack", c, "Better Stack", "LOGTAIL_SOURCE_TOKEN", "in.logs.betterstack.com", "{a24}")
R("logzio", c, "Logz.io", "LOGZIO_TOKEN", "listener.logz.io", "{x32}", hdr="?token={v}")
R("bugsnag", c, "Bugsnag", "BUGSNAG_API_KEY", "notify.bugsnag.com", "{h32}", hdr="Bugsnag-Api-Key: {v}")
R("rollbar", c, "Rollbar", "ROLLBAR_ACCESS_TOKEN", "api.rollbar.com", "{h32}", hdr="X-Rollbar-Access-Token: {v}")
R("axiom", c, "Axiom", "AXIOM_TOKEN", "api.axiom.co", "xaat-{uuid}")
R("checkly", c, "Checkly", "CHECKLY_API_KEY", "api.checklyhq.com", "{h32}")
R("uptimerobot", c, "UptimeRobot", "UPTIMEROBOT_API_KEY", "api.uptimerobot.com", "u{d7}-{h24}", hdr="?api_key={v}", kind="p")
R("cronitor", c, "Cronitor", "CRONITOR_API_KEY", "cronitor.io", "{h32}", hdr="Authorization: Basic {v}")
R("healthchecks", c, "Healthchecks.io", "HEALTHCHECKS_API_KEY", "healthchecks.io", "{s32}", hdr="X-Api-Key: {v}")
R("grafana", c, "Grafana", "GRAFANA_SERVICE_ACCOUNT_TOKEN", "grafana.acme.io", "glsa_{a32}_{h8}")
R("grafana-cloud", c, "Grafana Cloud", "GRAFANA_CLOUD_ACCESS_POLICY_TOKEN", "grafana.net", "{grafana_cloud}", fixed=False, kind="p",
  provider="grafana")
R("elastic", c, "Elastic", "ELASTIC_API_KEY", "acme.es.us-east-1.aws.found.io", "{elastic_apikey}", hdr="Authorization: ApiKey {v}")
R("statuspage", c, "Statuspage", "STATUSPAGE_API_KEY", "api.statuspage.io", "{uuid}", hdr="Authorization: OAuth {v}")
R("loggly", c, "Loggly", "LOGGLY_TOKEN", "logs-01.loggly.com", "{uuid}")
R("papertrail", c, "Papertrail", "PAPERTRAIL_API_TOKEN", "papertrailapp.com", "{a20}", hdr="X-Papertrail-Token: {v}")

# databases as a service
c = "database"
R("mongodb-atlas", c, "MongoDB Atlas", "MONGODB_ATLAS_PRIVATE_KEY", "cloud.mongodb.com", "{uuid}", comp=("MONGODB_ATLAS_PUBLIC_KEY", "{L8}"),
  provider="mongodb")
R("planetscale", c, "PlanetScale", "PLANETSCALE_PASSWORD", "aws.connect.psdb.cloud", "pscale_pw_{s43}")
R("planetscale-tkn", c, "PlanetScale", "PLANETSCALE_SERVICE_TOKEN", "api.planetscale.com", "pscale_tkn_{s43}", provider="planetscale")
R("neon", c, "Neon", "NEON_API_KEY", "console.neon.tech", "napi_{l64}", fixed=False)
R("upstash", c, "Upstash", "UPSTASH_REDIS_REST_TOKEN", "eu1-fleet-otter-38211.upstash.io", "AY{s62}", fixed=False)  # vaultsweep:allow (template: the value is drawn at generation time)
R("turso", c, "Turso", "TURSO_AUTH_TOKEN", "acme-db.turso.io", "{jwt_turso}", fixed=False, nm=False)
R("fauna", c, "Fauna", "FAUNA_SECRET", "db.fauna.com", "fn{s38}", kind="n")
R("xata", c, "Xata", "XATA_API_KEY", "acme.eu-west-1.xata.sh", "xau_{a32}")
R("convex", c, "Convex", "CONVEX_DEPLOY_KEY", "api.convex.dev", "{convex}", fixed=False, kind="p")
R("supabase", c, "Supabase", "SUPABASE_SERVICE_ROLE_KEY", "acme.supabase.co", "{jwt_supabase}", fixed=False, hdr="apikey: {v}", nm=False)
R("supabase-pat", c, "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}", provider="supabase")
R("supabase-secret", c, "Supabase", "SUPABASE_SECRET_KEY", "acme.supabase.co", "sb_secret_{s31}", fixed=False, hdr="apikey: {v}", provider="supabase")
R("influxdb", c, "InfluxDB", "INFLUX_TOKEN", "us-east-1-1.aws.cloud2.influxdata.com", "{s86}==", hdr="Authorization: Token {v}")
R("clickhouse", c, "ClickHouse Cloud", "CLICKHOUSE_KEY_SECRET", "api.clickhouse.cloud", "4b1d{a38}", comp=("CLICKHOUSE_KEY_ID", "{a20}"), kind="n")
R("pinecone", c, "Pinecone", "PINECONE_API_KEY", "api.pinecone.io", "pcsk_{a6}_{a63}", fixed=False, hdr="Api-Key: {v}")
R("datastax", c, "DataStax Astra", "ASTRA_DB_APPLICATION_TOKEN", "acme-us-east1.apps.astra.datastax.com", "AstraCS:{x24}:{h64}", hdr="X-Cassandra-Token: {v}")
R("tinybird", c, "Tinybird", "TINYBIRD_TOKEN", "api.tinybird.co", "{tinybird}", fixed=False, kind="p")
R("appwrite", c, "Appwrite", "APPWRITE_API_KEY", "cloud.appwrite.io", "standard_{h256}", hdr="X-Appwrite-Key: {v}")
R("hasura", c, "Hasura", "HASURA_GRAPHQL_ADMIN_SECRET", "acme.hasura.app", "{a32}", hdr="x-hasura-admin-secret: {v}")
R("firebase-db", c, "Firebase Realtime Database", "FIREBASE_DATABASE_SECRET", "acme-prod.firebaseio.com", "{a40}", hdr="?auth={v}", provider="firebase")
R("meilisearch", c, "Meilisearch", "MEILI_MASTER_KEY", "search.acme.io", "{s44}")
R("typesense", c, "Typesense", "TYPESENSE_API_KEY", "acme.a1.typesense.net", "{a32}", hdr="X-TYPESENSE-API-KEY: {v}")
R("neo4j", c, "Neo4j Aura", "NEO4J_PASSWORD", "3f9a1c2e.databases.neo4j.io", "{s43}")  # vaultsweep:allow (template: the value is drawn at generation time)
R("prisma", c, "Prisma Accelerate", "DATABASE_URL", "accelerate.prisma-data.net", "{prisma_accel}", fixed=False, kind="p", nm=False)
R("motherduck", c, "MotherDuck", "MOTHERDUCK_TOKEN", "api.motherduck.com", "{jwt_motherduck}", fixed=False, nm=False)
R("weaviate", c, "Weaviate", "WEAVIATE_API_KEY", "acme-x1.weaviate.network", "{a40}")

# AI and LLM APIs
c = "ai"
R("openai", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-proj-{s74}T3BlbkFJ{s74}", fixed=False)
R("openai-legacy", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-{a20}T3BlbkFJ{a20}", provider="openai", kind="p")
R("openai-svc", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-svcacct-{s74}T3BlbkFJ{s74}", fixed=False, provider="openai")
R("anthropic", c, "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", hdr="x-api-key: {v}")
R("anthropic-admin", c, "Anthropic", "ANTHROPIC_ADMIN_KEY", "api.anthropic.com", "sk-ant-admin01-{s93}AA", hdr="x-api-key: {v}", provider="anthropic")
R("cohere", c, "Cohere", "CO_API_KEY", "api.cohere.com", "{a40}")
R("mistral", c, "Mistral AI", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}")
R("groq", c, "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}")
R("together", c, "Together AI", "TOGETHER_API_KEY", "api.together.xyz", "{h64}")
R("perplexity", c, "Perplexity", "PERPLEXITY_API_KEY", "api.perplexity.ai", "pplx-{a48}")
R("huggingface", c, "Hugging Face", "HF_TOKEN", "huggingface.co", "hf_{x34}", kind="p")
R("replicate", c, "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}", kind="p")
R("deepseek", c, "DeepSeek", "DEEPSEEK_API_KEY", "api.deepseek.com", "sk-{h32}", kind="n")
R("xai", c, "xAI", "XAI_API_KEY", "api.x.ai", "xai-{a80}")
R("fireworks", c, "Fireworks AI", "FIREWORKS_API_KEY", "api.fireworks.ai", "fw_{a24}", kind="p")
R("openrouter", c, "OpenRouter", "OPENROUTER_API_KEY", "openrouter.ai", "sk-or-v1-{h64}")
R("elevenlabs", c, "ElevenLabs", "ELEVENLABS_API_KEY", "api.elevenlabs.io", "sk_{h48}", hdr="xi-api-key: {v}", kind="n")
R("assemblyai", c, "AssemblyAI", "ASSEMBLYAI_API_KEY", "api.assemblyai.com", "{h32}", hdr="Authorization: {v}")
R("deepgram", c, "Deepgram", "DEEPGRAM_API_KEY", "api.deepgram.com", "{h40}", hdr="Authorization: Token {v}")
R("stability", c, "Stability AI", "STABILITY_API_KEY", "api.stability.ai", "sk-{a48}", kind="n")
R("langsmith", c, "LangSmith", "LANGSMITH_API_KEY", "api.smith.langchain.com", "lsv2_pt_{h32}_{h10}", hdr="x-api-key: {v}")
R("voyage", c, "Voyage AI", "VOYAGE_API_KEY", "api.voyageai.com", "pa-{s43}", kind="n")
R("cerebras", c, "Cerebras", "CEREBRAS_API_KEY", "api.cerebras.ai", "csk-{l48}")
R("deepl", c, "DeepL", "DEEPL_AUTH_KEY", "api-free.deepl.com", "{uuid}:fx", hdr="Authorization: DeepL-Auth-Key {v}")
R("wandb", c, "Weights & Biases", "WANDB_API_KEY", "api.wandb.ai", "{h40}", hdr="Authorization: Basic {v}")
R("tavily", c, "Tavily", "TAVILY_API_KEY", "api.tavily.com", "tvly-{a32}")
R("firecrawl", c, "Firecrawl", "FIRECRAWL_API_KEY", "api.firecrawl.dev", "fc-{h32}", kind="p")
R("serpapi", c, "SerpApi", "SERPAPI_API_KEY", "serpapi.com", "{h64}", hdr="?api_key={v}")
R("nvidia", c, "NVIDIA NIM", "NVIDIA_API_KEY", "integrate.api.nvidia.com", "nvapi-{s64}")
R("langfuse", c, "Langfuse", "LANGFUSE_SECRET_KEY", "cloud.langfuse.com", "sk-lf-{uuid}", hdr="Authorization: Basic {v}")
R("jina", c, "Jina AI", "JINA_API_KEY", "api.jina.ai", "jina_{a60}", fixed=False)
R("ai21", c, "AI21 Labs", "AI21_API_KEY", "api.ai21.com", "{a32}")
R("clarifai", c, "Clarifai", "CLARIFAI_PAT", "api.clarifai.com", "{h32}", hdr="Authorization: Key {v}")
R("azure-openai", c, "Azure OpenAI", "AZURE_OPENAI_API_KEY", "acme-eastus.openai.azure.com", "{h32}", hdr="api-key: {v}")
R("modal", c, "Modal", "MODAL_TOKEN_SECRET", "api.modal.com", "as-{a22}", comp=("MODAL_TOKEN_ID", "ak-{a22}"), kind="n")
R("brave", c, "Brave Search", "BRAVE_SEARCH_API_KEY", "api.search.brave.com", "BSA{a28}", fixed=False, hdr="X-Subscription-Token: {v}", kind="n")
R("exa", c, "Exa", "EXA_API_KEY", "api.exa.ai", "{uuid}", hdr="x-api-key: {v}")
R("baseten", c, "Baseten", "BASETEN_API_KEY", "model-acme.api.baseten.co", "{a8}.{a32}", hdr="Authorization: Api-Key {v}")
R("scale", c, "Scale AI", "SCALE_API_KEY", "api.scale.com", "live_{h32}", hdr="Authorization: Basic {v}", kind="n")
R("roboflow", c, "Roboflow", "ROBOFLOW_API_KEY", "api.roboflow.com", "{a20}", hdr="?api_key={v}")

# chat, collaboration and social
c = "chat"
R("slack-bot", c, "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d13}-{d13}-{a24}", provider="slack")
R("slack-user", c, "Slack", "SLACK_USER_TOKEN", "slack.com", "xoxp-{d13}-{d13}-{d13}-{h32}", provider="slack")
R("slack-app", c, "Slack", "SLACK_APP_TOKEN", "slack.com", "xapp-1-A{u10}-{d13}-{h64}", provider="slack")
R("slack-webhook", c, "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com", "https://hooks.slack.com/services/T{u8}/B{u10}/{a24}", provider="slack")
R("discord", c, "Discord", "DISCORD_BOT_TOKEN", "discord.com", "{discord_bot}", hdr="Authorization: Bot {v}")
R("discord-webhook", c, "Discord", "DISCORD_WEBHOOK_URL", "discord.com", "https://discord.com/api/webhooks/{d18}/{s68}", provider="discord")
R("telegram", c, "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", kind="p")
R("teams", c, "Microsoft Teams", "TEAMS_WEBHOOK_URL", "acme.webhook.office.com",
  "https://acme.webhook.office.com/webhookb2/{uuid}@{uuid}/IncomingWebhook/{h32}/{uuid}")
R("mattermost", c, "Mattermost", "MATTERMOST_TOKEN", "chat.acme.io", "{l26}")
R("twitch", c, "Twitch", "TWITCH_CLIENT_SECRET", "id.twitch.tv", "{l30}")
R("webex", c, "Webex", "WEBEX_ACCESS_TOKEN", "webexapis.com", "{a64}_{a4}_{uuid}", fixed=False)
R("intercom", c, "Intercom", "INTERCOM_ACCESS_TOKEN", "api.intercom.io", "{intercom}", kind="p")
R("zendesk", c, "Zendesk", "ZENDESK_API_TOKEN", "acme.zendesk.com", "{a40}", hdr="Authorization: Basic {v}")
R("freshdesk", c, "Freshdesk", "FRESHDESK_API_KEY", "acme.freshdesk.com", "{a20}", hdr="Authorization: Basic {v}")
R("front", c, "Front", "FRONT_API_TOKEN", "api2.frontapp.com", "{jwt_front}", fixed=False, nm=False)
R("pusher", c, "Pusher", "PUSHER_APP_SECRET", "api-eu.pusher.com", "{h20}", comp=("PUSHER_APP_KEY", "{h20}"))
R("ably", c, "Ably", "ABLY_API_KEY", "rest.ably.io", "{a6}.{a6}:{s43}", hdr="Authorization: Basic {v}", kind="p")
R("getstream", c, "Stream", "STREAM_API_SECRET", "chat.stream-io-api.com", "{l64}", comp=("STREAM_API_KEY", "{l12}"))
R("sendbird", c, "Sendbird", "SENDBIRD_API_TOKEN", "api-acme.sendbird.com", "{h40}", hdr="Api-Token: {v}")
R("line", c, "LINE", "LINE_CHANNEL_ACCESS_TOKEN", "api.line.me", "{b171}=")
R("rocketchat", c, "Rocket.Chat", "ROCKETCHAT_AUTH_TOKEN", "chat.acme.io", "{s43}", hdr="X-Auth-Token: {v}")
R("zulip", c, "Zulip", "ZULIP_API_KEY", "acme.zulipchat.com", "{a32}", hdr="Authorization: Basic {v}")
R("zoom", c, "Zoom", "ZOOM_CLIENT_SECRET", "zoom.us", "{a32}", comp=("ZOOM_CLIENT_ID", "{a22}"))
R("crisp", c, "Crisp", "CRISP_TOKEN_KEY", "api.crisp.chat", "{h64}", comp=("CRISP_TOKEN_ID", "{uuid}"))
R("calendly", c, "Calendly", "CALENDLY_TOKEN", "api.calendly.com", "{jwt_calendly}", fixed=False, nm=False)
R("discourse", c, "Discourse", "DISCOURSE_API_KEY", "forum.acme.io", "{h64}", hdr="Api-Key: {v}")
R("twitter", c, "X (Twitter)", "TWITTER_BEARER_TOKEN", "api.twitter.com", "{twitter_bearer}", fixed=False)
R("reddit", c, "Reddit", "REDDIT_CLIENT_SECRET", "www.reddit.com", "{s30}")
R("facebook", c, "Facebook", "FACEBOOK_APP_SECRET", "graph.facebook.com", "{h32}", hdr="?appsecret={v}", provider="meta")
R("facebook-token", c, "Facebook", "FB_PAGE_ACCESS_TOKEN", "graph.facebook.com", "EAA{a180}", fixed=False, hdr="?access_token={v}",
  provider="meta", kind="n")
R("linkedin", c, "LinkedIn", "LINKEDIN_CLIENT_SECRET", "www.linkedin.com", "{a16}")
R("mastodon", c, "Mastodon", "MASTODON_ACCESS_TOKEN", "mastodon.social", "{s43}")
R("bluesky", c, "Bluesky", "BLUESKY_APP_PASSWORD", "bsky.social", "{bluesky_app_pw}")
R("gitter", c, "Gitter", "GITTER_TOKEN", "api.gitter.im", "{h40}")

# CRM and marketing
c = "crm"
R("hubspot", c, "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-na1-{uuid}")
R("salesforce", c, "Salesforce", "SF_ACCESS_TOKEN", "acme.my.salesforce.com", "00D{a12}!AQ{a94}", fixed=False, kind="p")
R("pipedrive", c, "Pipedrive", "PIPEDRIVE_API_TOKEN", "api.pipedrive.com", "{h40}", hdr="?api_token={v}")
R("zoho", c, "Zoho CRM", "ZOHO_REFRESH_TOKEN", "accounts.zoho.com", "1000.{h32}.{h32}", hdr="Authorization: Zoho-oauthtoken {v}")
R("klaviyo", c, "Klaviyo", "KLAVIYO_PRIVATE_API_KEY", "a.klaviyo.com", "pk_{h34}", hdr="Authorization: Klaviyo-API-Key {v}", kind="n")
R("activecampaign", c, "ActiveCampaign", "ACTIVECAMPAIGN_API_KEY", "acme.api-us1.com", "{h72}", hdr="Api-Token: {v}")
R("close", c, "Close", "CLOSE_API_KEY", "api.close.com", "api_{a22}.{a22}", hdr="Authorization: Basic {v}", kind="p")
R("customerio", c, "Customer.io", "CUSTOMERIO_API_KEY", "track.customer.io", "{h20}", comp=("CUSTOMERIO_SITE_ID", "{h20}"))
R("iterable", c, "Iterable", "ITERABLE_API_KEY", "api.iterable.com", "{h32}", hdr="Api-Key: {v}")
R("braze", c, "Braze", "BRAZE_REST_API_KEY", "rest.iad-01.braze.com", "{uuid}")
R("attio", c, "Attio", "ATTIO_API_KEY", "api.attio.com", "{h64}")
R("apollo", c, "Apollo.io", "APOLLO_API_KEY", "api.apollo.io", "{s22}", hdr="X-Api-Key: {v}")
R("kit", c, "Kit", "KIT_API_KEY", "api.kit.com", "kit_{h32}", hdr="X-Kit-Api-Key: {v}")
R("beehiiv", c, "beehiiv", "BEEHIIV_API_KEY", "api.beehiiv.com", "{a64}")
R("freshsales", c, "Freshsales", "FRESHSALES_API_KEY", "acme.myfreshworks.com", "{s22}", hdr="Authorization: Token token={v}")
R("copper", c, "Copper", "COPPER_API_KEY", "api.copper.com", "{h32}", hdr="X-PW-AccessToken: {v}")
R("drip", c, "Drip", "DRIP_API_TOKEN", "api.getdrip.com", "{h32}", hdr="Authorization: Basic {v}")
R("moosend", c, "Moosend", "MOOSEND_API_KEY", "api.moosend.com", "{uuid}", hdr="?apikey={v}")
R("getresponse", c, "GetResponse", "GETRESPONSE_API_KEY", "api.getresponse.com", "{l32}", hdr="X-Auth-Token: api-key {v}")
R("hunter", c, "Hunter", "HUNTER_API_KEY", "api.hunter.io", "{h40}", hdr="?api_key={v}")
R("clearbit", c, "Clearbit", "CLEARBIT_SECRET_KEY", "person.clearbit.com", "sk_{h32}", kind="n")

# e-commerce and shipping
c = "ecommerce"
R("shopify", c, "Shopify", "SHOPIFY_ACCESS_TOKEN", "acme-store.myshopify.com", "shpat_{h32}", hdr="X-Shopify-Access-Token: {v}")
R("shopify-secret", c, "Shopify", "SHOPIFY_API_SECRET", "acme-store.myshopify.com", "shpss_{h32}", provider="shopify")
R("shopify-custom", c, "Shopify", "SHOPIFY_CUSTOM_APP_TOKEN", "acme-store.myshopify.com", "shpca_{h32}", hdr="X-Shopify-Access-Token: {v}", provider="shopify")
R("woocommerce", c, "WooCommerce", "WOOCOMMERCE_CONSUMER_SECRET", "shop.acme.io", "cs_{h40}", comp=("WOOCOMMERCE_CONSUMER_KEY", "ck_{h40}"), kind="p")
R("bigcommerce", c, "BigCommerce", "BIGCOMMERCE_ACCESS_TOKEN", "api.bigcommerce.com", "{l31}", hdr="X-Auth-Token: {v}")
R("magento", c, "Magento", "MAGENTO_ACCESS_TOKEN", "shop.acme.io", "{l32}")
R("etsy", c, "Etsy", "ETSY_API_KEY", "openapi.etsy.com", "{l24}", hdr="x-api-key: {v}")
R("ebay", c, "eBay", "EBAY_CLIENT_SECRET", "api.ebay.com", "PRD-{h12}-{h8}-{h4}-{h4}-{h4}", kind="p")
R("amazon-mws", c, "Amazon MWS", "MWS_AUTH_TOKEN", "mws.amazonservices.com", "amzn.mws.{uuid}", provider="amazon")
R("printful", c, "Printful", "PRINTFUL_API_TOKEN", "api.printful.com", "{a40}")
R("gumroad", c, "Gumroad", "GUMROAD_ACCESS_TOKEN", "api.gumroad.com", "{s43}", hdr="?access_token={v}")
R("commercetools", c, "commercetools", "CTP_CLIENT_SECRET", "auth.europe-west1.gcp.commercetools.com", "{s32}", comp=("CTP_CLIENT_ID", "{s24}"))
R("easypost", c, "EasyPost", "EASYPOST_API_KEY", "api.easypost.com", "EZAK{h54}", hdr="Authorization: Basic {v}")
R("shippo", c, "Shippo", "SHIPPO_API_TOKEN", "api.goshippo.com", "shippo_live_{h40}", hdr="Authorization: ShippoToken {v}")
R("shipstation", c, "ShipStation", "SHIPSTATION_API_SECRET", "ssapi.shipstation.com", "{h32}", comp=("SHIPSTATION_API_KEY", "{h32}"))
R("lob", c, "Lob", "LOB_API_KEY", "api.lob.com", "live_{h35}", fixed=False, hdr="Authorization: Basic {v}", kind="n")
R("printify", c, "Printify", "PRINTIFY_API_TOKEN", "api.printify.com", "{jwt_printify}", fixed=False, nm=False)
R("squarespace", c, "Squarespace", "SQUARESPACE_API_KEY", "api.squarespace.com", "{uuid}")
R("wix", c, "Wix", "WIX_API_KEY", "www.wixapis.com", "{wix}", fixed=False, hdr="Authorization: {v}", kind="p", nm=False)
R("ecwid", c, "Ecwid", "ECWID_SECRET_TOKEN", "app.ecwid.com", "secret_{a32}", kind="n")
R("aftership", c, "AfterShip", "AFTERSHIP_API_KEY", "api.aftership.com", "asat_{h32}", hdr="as-api-key: {v}")

# crypto exchanges and chains
c = "crypto"
R("coinbase", c, "Coinbase", "COINBASE_API_SECRET", "api.coinbase.com", "{a32}", comp=("COINBASE_API_KEY", "{a16}"))
R("binance", c, "Binance", "BINANCE_API_SECRET", "api.binance.com", "{a64}", comp=("BINANCE_API_KEY", "{a64}"))
R("kraken", c, "Kraken", "KRAKEN_PRIVATE_KEY", "api.kraken.com", "{b86}==", comp=("KRAKEN_API_KEY", "{b56}"))
R("bitfinex", c, "Bitfinex", "BITFINEX_API_SECRET", "api.bitfinex.com", "{a43}")
R("kucoin", c, "KuCoin", "KUCOIN_API_SECRET", "api.kucoin.com", "{uuid}", comp=("KUCOIN_API_KEY", "{h24}"))
R("okx", c, "OKX", "OKX_SECRET_KEY", "www.okx.com", "{H32}", comp=("OKX_API_KEY", "{uuid}"))
R("bybit", c, "Bybit", "BYBIT_API_SECRET", "api.bybit.com", "{a36}", comp=("BYBIT_API_KEY", "{a18}"))
R("gemini", c, "Gemini", "GEMINI_API_SECRET", "api.gemini.com", "{m28}", comp=("GEMINI_API_KEY", "account-{a20}"))  # vaultsweep:allow (template: the value is drawn at generation time)
R("etherscan", c, "Etherscan", "ETHERSCAN_API_KEY", "api.etherscan.io", "{u34}", hdr="?apikey={v}")
R("infura", c, "Infura", "INFURA_API_KEY", "mainnet.infura.io", "{h32}", hdr="/v3/{v}")
R("alchemy", c, "Alchemy", "ALCHEMY_API_KEY", "eth-mainnet.g.alchemy.com", "{s32}", hdr="/v2/{v}")
R("moralis", c, "Moralis", "MORALIS_API_KEY", "deep-index.moralis.io", "{jwt_moralis}", fixed=False, hdr="X-API-Key: {v}", nm=False)
R("blockcypher", c, "BlockCypher", "BLOCKCYPHER_TOKEN", "api.blockcypher.com", "{h32}", hdr="?token={v}")
R("bitstamp", c, "Bitstamp", "BITSTAMP_API_SECRET", "www.bitstamp.net", "{a32}", comp=("BITSTAMP_API_KEY", "{a32}"))
R("coinmarketcap", c, "CoinMarketCap", "CMC_PRO_API_KEY", "pro-api.coinmarketcap.com", "{uuid}", hdr="X-CMC_PRO_API_KEY: {v}")
R("coingecko", c, "CoinGecko", "COINGECKO_API_KEY", "pro-api.coingecko.com", "CG-{a25}", hdr="x-cg-pro-api-key: {v}", kind="p")
R("gateio", c, "Gate.io", "GATE_API_SECRET", "api.gateio.ws", "{h64}", comp=("GATE_API_KEY", "{h32}"))
R("bitget", c, "Bitget", "BITGET_SECRET_KEY", "api.bitget.com", "{h64}", comp=("BITGET_API_KEY", "bg_{h32}"))  # vaultsweep:allow (template: the value is drawn at generation time)
R("blockfrost", c, "Blockfrost", "BLOCKFROST_PROJECT_ID", "cardano-mainnet.blockfrost.io", "mainnet{a32}", hdr="project_id: {v}")
R("quicknode", c, "QuickNode", "QUICKNODE_RPC_URL", "quiknode.pro", "https://fleet-otter-{l6}.quiknode.pro/{h40}/", kind="p")
R("helius", c, "Helius", "HELIUS_API_KEY", "mainnet.helius-rpc.com", "{uuid}", hdr="?api-key={v}")

# auth and identity
c = "auth"
R("okta", c, "Okta", "OKTA_API_TOKEN", "acme.okta.com", "00{s40}", hdr="Authorization: SSWS {v}", kind="n")
R("auth0", c, "Auth0", "AUTH0_CLIENT_SECRET", "acme.us.auth0.com", "{s64}", comp=("AUTH0_CLIENT_ID", "{a32}"))
R("clerk", c, "Clerk", "CLERK_SECRET_KEY", "api.clerk.com", "sk_live_{a42}", fixed=False, kind="n")
R("stytch", c, "Stytch", "STYTCH_SECRET", "api.stytch.com", "secret-live-{s36}", fixed=False, comp=("STYTCH_PROJECT_ID", "project-live-{uuid}"))
R("duo", c, "Duo", "DUO_SECRET_KEY", "api-1a2b3c4d.duosecurity.com", "{a40}", comp=("DUO_INTEGRATION_KEY", "DI{u18}"))  # vaultsweep:allow (template: the value is drawn at generation time)
R("onelogin", c, "OneLogin", "ONELOGIN_CLIENT_SECRET", "acme.onelogin.com", "{h64}", comp=("ONELOGIN_CLIENT_ID", "{h64}"))
R("keycloak", c, "Keycloak", "KEYCLOAK_CLIENT_SECRET", "sso.acme.io", "{a32}")
R("jumpcloud", c, "JumpCloud", "JUMPCLOUD_API_KEY", "console.jumpcloud.com", "{h40}", hdr="x-api-key: {v}")
R("magic", c, "Magic", "MAGIC_SECRET_KEY", "api.magic.link", "sk_live_{H16}", kind="n", hdr="X-Magic-Secret-Key: {v}")
R("google-oauth", c, "Google OAuth", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "GOCSPX-{s28}", provider="google")
R("github-oauth-secret", c, "GitHub OAuth App", "GITHUB_CLIENT_SECRET", "github.com", "{h40}", provider="github")
R("fcm", c, "Firebase Cloud Messaging", "FCM_SERVER_KEY", "fcm.googleapis.com", "AAAA{s7}:APA91b{s134}", hdr="Authorization: key={v}",
  provider="firebase")
R("fusionauth", c, "FusionAuth", "FUSIONAUTH_API_KEY", "auth.acme.io", "{s43}", hdr="Authorization: {v}")
R("ory", c, "Ory", "ORY_API_KEY", "acme.projects.oryapis.com", "ory_pat_{a32}")
R("descope", c, "Descope", "DESCOPE_MANAGEMENT_KEY", "api.descope.com", "K{a50}", fixed=False, kind="n")

# storage and CDN
c = "storage"
R("dropbox", c, "Dropbox", "DROPBOX_ACCESS_TOKEN", "api.dropboxapi.com", "sl.{s135}", fixed=False, kind="p")
R("box", c, "Box", "BOX_CLIENT_SECRET", "api.box.com", "{a32}", comp=("BOX_CLIENT_ID", "{l32}"))
R("backblaze", c, "Backblaze B2", "B2_APPLICATION_KEY", "api.backblazeb2.com", "K00{a28}", comp=("B2_APPLICATION_KEY_ID", "00{h23}"), kind="n")
R("wasabi", c, "Wasabi", "WASABI_SECRET_KEY", "s3.wasabisys.com", "{a40}", comp=("WASABI_ACCESS_KEY", "{u20}"))
R("cloudinary", c, "Cloudinary", "CLOUDINARY_URL", "api.cloudinary.com", "cloudinary://{d15}:{s27}@acme-media")
R("r2", c, "Cloudflare R2", "R2_SECRET_ACCESS_KEY", "acme.r2.cloudflarestorage.com", "{h64}", comp=("R2_ACCESS_KEY_ID", "{h32}"), provider="cloudflare")
R("uploadcare", c, "Uploadcare", "UPLOADCARE_SECRET_KEY", "api.uploadcare.com", "{h20}", comp=("UPLOADCARE_PUBLIC_KEY", "{h20}"))
R("imagekit", c, "ImageKit", "IMAGEKIT_PRIVATE_KEY", "api.imagekit.io", "private_{b27}=", kind="n")
R("imgix", c, "imgix", "IMGIX_API_KEY", "api.imgix.com", "ak_{h64}", kind="n")
R("spaces", c, "DigitalOcean Spaces", "SPACES_SECRET_ACCESS_KEY", "fra1.digitaloceanspaces.com", "{b43}", comp=("SPACES_ACCESS_KEY_ID", "DO00{u16}"),
  provider="digitalocean")
R("pinata", c, "Pinata", "PINATA_JWT", "api.pinata.cloud", "{jwt_pinata}", fixed=False, nm=False)
R("mux", c, "Mux", "MUX_TOKEN_SECRET", "api.mux.com", "{b75}", comp=("MUX_TOKEN_ID", "{uuid}"))
R("uploadthing", c, "UploadThing", "UPLOADTHING_SECRET", "api.uploadthing.com", "sk_live_{h64}", hdr="x-uploadthing-api-key: {v}", kind="n")
R("vercel-blob", c, "Vercel Blob", "BLOB_READ_WRITE_TOKEN", "blob.vercel-storage.com", "vercel_blob_rw_{a16}_{a30}", provider="vercel")
R("frameio", c, "Frame.io", "FRAMEIO_TOKEN", "api.frame.io", "fio-u-{s64}")
R("bunny", c, "bunny.net", "BUNNY_API_KEY", "api.bunny.net", "{h8}-{h4}-{h4}-{h4}-{h16}-{h4}-{h4}-{h4}-{h12}", hdr="AccessKey: {v}")
R("fastly", c, "Fastly", "FASTLY_API_TOKEN", "api.fastly.com", "{s32}", hdr="Fastly-Key: {v}")
R("akamai", c, "Akamai", "AKAMAI_CLIENT_SECRET", "akab-acme.luna.akamaiapis.net", "{b43}=", comp=("AKAMAI_CLIENT_TOKEN", "akab-{l16}-{l16}"))
R("vimeo", c, "Vimeo", "VIMEO_ACCESS_TOKEN", "api.vimeo.com", "{h32}", hdr="Authorization: bearer {v}")

# long-tail SaaS (most named only)
c = "saas"
R("scrapfly", c, "Scrapfly", "SCRAPFLY_KEY", "api.scrapfly.io", "scp-live-{h32}", hdr="?key={v}")
R("scraperapi", c, "ScraperAPI", "SCRAPERAPI_KEY", "api.scraperapi.com", "{h32}", hdr="?api_key={v}")
R("scrapingbee", c, "ScrapingBee", "SCRAPINGBEE_API_KEY", "app.scrapingbee.com", "{u80}", hdr="?api_key={v}")
R("apify", c, "Apify", "APIFY_TOKEN", "api.apify.com", "apify_api_{a36}")
R("zenrows", c, "ZenRows", "ZENROWS_API_KEY", "api.zenrows.com", "{h40}", hdr="?apikey={v}")
R("abstractapi", c, "Abstract API", "ABSTRACT_API_KEY", "emailvalidation.abstractapi.com", "{h32}", hdr="?api_key={v}")
R("newsapi", c, "NewsAPI", "NEWSAPI_KEY", "newsapi.org", "{h32}", hdr="X-Api-Key: {v}")
R("alphavantage", c, "Alpha Vantage", "ALPHAVANTAGE_API_KEY", "www.alphavantage.co", "{u16}", hdr="?apikey={v}")
R("finnhub", c, "Finnhub", "FINNHUB_API_KEY", "finnhub.io", "{l20}", hdr="X-Finnhub-Token: {v}")
R("polygon", c, "Polygon.io", "POLYGON_API_KEY", "api.polygon.io", "{s32}", hdr="?apiKey={v}")
R("iex", c, "IEX Cloud", "IEX_SECRET_TOKEN", "cloud.iexapis.com", "sk_{h32}", hdr="?token={v}", kind="n")
R("twelvedata", c, "Twelve Data", "TWELVEDATA_API_KEY", "api.twelvedata.com", "{h32}", hdr="?apikey={v}")
R("nasdaq", c, "Nasdaq Data Link", "NASDAQ_DATA_LINK_API_KEY", "data.nasdaq.com", "{s20}", hdr="?api_key={v}")
R("fmp", c, "Financial Modeling Prep", "FMP_API_KEY", "financialmodelingprep.com", "{a32}", hdr="?apikey={v}")
R("unsplash", c, "Unsplash", "UNSPLASH_ACCESS_KEY", "api.unsplash.com", "{s43}", hdr="Authorization: Client-ID {v}")
R("pexels", c, "Pexels", "PEXELS_API_KEY", "api.pexels.com", "{a56}", hdr="Authorization: {v}")
R("giphy", c, "GIPHY", "GIPHY_API_KEY", "api.giphy.com", "{a32}", hdr="?api_key={v}")
R("spotify", c, "Spotify", "SPOTIFY_CLIENT_SECRET", "accounts.spotify.com", "{h32}", comp=("SPOTIFY_CLIENT_ID", "{h32}"))
R("tmdb", c, "TMDB", "TMDB_READ_ACCESS_TOKEN", "api.themoviedb.org", "{jwt_tmdb}", fixed=False, nm=False)
R("lastfm", c, "Last.fm", "LASTFM_API_SECRET", "ws.audioscrobbler.com", "{h32}", comp=("LASTFM_API_KEY", "{h32}"))
R("discogs", c, "Discogs", "DISCOGS_TOKEN", "api.discogs.com", "{a40}", hdr="Authorization: Discogs token={v}")
R("strava", c, "Strava", "STRAVA_CLIENT_SECRET", "www.strava.com", "{h40}", comp=("STRAVA_CLIENT_ID", "{d6}"))
R("nylas", c, "Nylas", "NYLAS_API_KEY", "api.us.nylas.com", "nyk_v0_{s48}", fixed=False)
R("calcom", c, "Cal.com", "CAL_API_KEY", "api.cal.com", "cal_live_{h32}")
R("docusign", c, "DocuSign", "DOCUSIGN_CLIENT_SECRET", "account.docusign.com", "{uuid}", comp=("DOCUSIGN_INTEGRATION_KEY", "{uuid}"))
R("pandadoc", c, "PandaDoc", "PANDADOC_API_KEY", "api.pandadoc.com", "{h40}", hdr="Authorization: API-Key {v}")
R("dropboxsign", c, "Dropbox Sign", "HELLOSIGN_API_KEY", "api.hellosign.com", "{h64}", hdr="Authorization: Basic {v}")
R("adobe", c, "Adobe", "ADOBE_CLIENT_SECRET", "ims-na1.adobelogin.com", "p8e-{s32}")
R("lokalise", c, "Lokalise", "LOKALISE_API_TOKEN", "api.lokalise.com", "{h40}", hdr="X-Api-Token: {v}")
R("crowdin", c, "Crowdin", "CROWDIN_PERSONAL_TOKEN", "api.crowdin.com", "{h80}")
R("phrase", c, "Phrase", "PHRASE_ACCESS_TOKEN", "api.phrase.com", "{h64}", hdr="Authorization: token {v}")
R("transifex", c, "Transifex", "TX_TOKEN", "rest.api.transifex.com", "1/{h40}", kind="n")
R("bitly", c, "Bitly", "BITLY_ACCESS_TOKEN", "api-ssl.bitly.com", "{h40}")
R("rebrandly", c, "Rebrandly", "REBRANDLY_API_KEY", "api.rebrandly.com", "{h32}", hdr="apikey: {v}")
R("zerobounce", c, "ZeroBounce", "ZEROBOUNCE_API_KEY", "api.zerobounce.net", "{h32}", hdr="?api_key={v}")
R("neverbounce", c, "NeverBounce", "NEVERBOUNCE_API_KEY", "api.neverbounce.com", "secret_{h32}", hdr="?key={v}", kind="n")
R("kickbox", c, "Kickbox", "KICKBOX_API_KEY", "api.kickbox.com", "live_{h64}", hdr="?apikey={v}", kind="n")
R("docraptor", c, "DocRaptor", "DOCRAPTOR_API_KEY", "api.docraptor.com", "{a20}", hdr="Authorization: Basic {v}")
R("cloudconvert", c, "CloudConvert", "CLOUDCONVERT_API_KEY", "api.cloudconvert.com", "{jwt_cloudconvert}", fixed=False, nm=False)
R("adafruit", c, "Adafruit IO", "ADAFRUIT_IO_KEY", "io.adafruit.com", "aio_{a28}", hdr="X-AIO-Key: {v}")
R("particle", c, "Particle", "PARTICLE_ACCESS_TOKEN", "api.particle.io", "{h40}")
R("smartthings", c, "SmartThings", "SMARTTHINGS_TOKEN", "api.smartthings.com", "{uuid}")
R("homeassistant", c, "Home Assistant", "HASS_TOKEN", "homeassistant.local:8123", "{jwt_hass}", fixed=False, nm=False)  # vaultsweep:allow (template: the value is drawn at generation time)
R("contentstack", c, "Contentstack", "CONTENTSTACK_MANAGEMENT_TOKEN", "api.contentstack.io", "cs{h32}", hdr="authorization: {v}", kind="n")
R("ghost", c, "Ghost", "GHOST_ADMIN_API_KEY", "blog.acme.io", "{h24}:{h64}", kind="p")
R("wordpress", c, "WordPress", "WP_APPLICATION_PASSWORD", "blog.acme.io", "{wp_app_pw}")
R("webflow", c, "Webflow", "WEBFLOW_API_TOKEN", "api.webflow.com", "{h64}")
R("jotform", c, "Jotform", "JOTFORM_API_KEY", "api.jotform.com", "{h32}", hdr="APIKEY: {v}")
R("quickbooks", c, "QuickBooks", "QBO_CLIENT_SECRET", "oauth.platform.intuit.com", "{a40}", comp=("QBO_CLIENT_ID", "AB{a48}"), provider="intuit")
R("xero", c, "Xero", "XERO_CLIENT_SECRET", "identity.xero.com", "{s48}", comp=("XERO_CLIENT_ID", "{H32}"))
R("helpscout", c, "Help Scout", "HELPSCOUT_APP_SECRET", "api.helpscout.net", "{a32}", comp=("HELPSCOUT_APP_ID", "{a32}"), provider="helpscout")
R("mapillary", c, "Mapillary", "MAPILLARY_CLIENT_TOKEN", "graph.mapillary.com", "MLY|{d16}|{h32}", provider="mapillary", kind="p")


def check_rows():
    seen = set()
    for r in ROWS:
        assert r["pid"] not in seen, r["pid"]
        seen.add(r["pid"])


check_rows()


# --- expansion and mutation -----------------------------------------------------------------------------------
TOKEN_RE = re.compile(r"\{([A-Za-z_]+?)(\d*)\}")


def expand(rng, spec):
    """-> (value, segments): segments are (start, end, alphabet) of each drawn part."""
    out, segs, pos = [], [], 0
    cur = 0
    for m in TOKEN_RE.finditer(spec):
        lit = spec[pos:m.start()]
        out.append(lit)
        cur += len(lit)
        code, n = m.group(1), m.group(2)
        if n:
            alpha = ALPHA[code]
            s = clean(rng, alpha, int(n))
        elif code in ("uuid", "UUID"):
            s = uuid4(rng, upper=(code == "UUID"))
            alpha = UHEX if code == "UUID" else HEX
        else:
            fn, alpha = SPECIALS[code]
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
           string.ascii_uppercase: "0123456789abcdef"}


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


assert zlib  # (crc via hcommon)
