"""Token formats of the twelfth held-out corpus, written blind to vaultsweep's rules and to other scanners'
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


@special("akia", "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
def _akia(rng):
    return "AKIA" + clean(rng, "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567", 16)


@special("paynet", B64)
def _paynet(rng):
    return "sck_pcs_" + clean(rng, B64, 32)


@special("ocrspace", DIGITS)
def _ocrspace(rng):
    return "K8" + "".join(rng.choice(DIGITS) for _ in range(13))


@special("zepto", B64)
def _zepto(rng):
    return "Zoho-enczapikey " + "wSsVR6" + base64.b64encode(rbytes(rng, 96)).decode()


@special("azkey", B64)
def _azkey(rng):
    return base64.b64encode(rbytes(rng, 64)).decode()


@special("b64_48", B64)
def _b64_48(rng):
    return base64.b64encode(rbytes(rng, 48)).decode()


@special("picovoice", B64)
def _picovoice(rng):
    return base64.b64encode(rbytes(rng, 42)).decode()


@special("roblox", B64)
def _roblox(rng):
    return base64.b64encode(rbytes(rng, 180)).decode()


@special("recaptcha")
def _recaptcha(rng):
    return "6L" + clean(rng, URLSAFE, 6) + "AAAAA" + clean(rng, URLSAFE, 27)


def _jwt_plain(sub_fn, alg="HS256"):
    def fn(rng):
        t = iat(rng)
        claims = sub_fn(rng)
        claims.setdefault("iat", t)
        return jwt(rng, claims, alg)
    return fn


SPECIALS["jwt_forge"] = (_jwt_plain(lambda r: {"aud": "1", "jti": rand(r, HEX, 80), "sub": str(r.randrange(10000, 999999)), "scopes": []},
                                         "RS256"), URLSAFE)
SPECIALS["jwt_streamelements"] = (_jwt_plain(lambda r: {"citadel": rand(r, HEX, 24), "channel": rand(r, HEX, 24), "role": "owner",
                                                        "authToken": clean(r, URLSAFE, 43), "user": rand(r, HEX, 24), "provider": "twitch",
                                                        "authType": "jwt", "iss": "StreamElements"}), URLSAFE)
SPECIALS["jwt_hygraph"] = (_jwt_plain(lambda r: {"version": 3, "aud": ["https://api-eu-central-1.hygraph.com/v2/" + rand(r, LOWALNUM, 25) + "/master",
                                                                     "https://management.hygraph.com"],
                                                 "iss": "https://management.hygraph.com/", "sub": uuid4(r), "jti": rand(r, LOWALNUM, 25)}, "RS256"), URLSAFE)
SPECIALS["jwt_solscan"] = (_jwt_plain(lambda r: {"data": {"email": "ops@acme.io", "action": "token-api", "id": uuid4(r)}}), URLSAFE)
SPECIALS["jwt_battlemetrics"] = (_jwt_plain(lambda r: {"token": uuid4(r), "iss": "https://www.battlemetrics.com"}, "ES512"), URLSAFE)
SPECIALS["jwt_applemusic"] = (_jwt_plain(lambda r: {"iss": rand(r, UPALNUM, 10), "exp": 1900000000}, "ES256"), URLSAFE)
SPECIALS["jwt_tamara"] = (_jwt_plain(lambda r: {"accountId": uuid4(r), "type": "merchant", "salt": rand(r, HEX, 32), "roles": ["ROLE_MERCHANT"],
                                                "iss": "Tamara"}, "RS256"), URLSAFE)
SPECIALS["jwt_smsfactor"] = (_jwt_plain(lambda r: {"iss": "SMSFactor", "sub": str(r.randrange(10000, 99999)), "jti": uuid4(r)}), URLSAFE)
SPECIALS["jwt_scalr"] = (_jwt_plain(lambda r: {"iss": "scalr", "sub": "at-" + rand(r, LOWALNUM, 17), "jti": "at-" + rand(r, LOWALNUM, 17)}), URLSAFE)
SPECIALS["jwt_okra"] = (_jwt_plain(lambda r: {"_id": rand(r, HEX, 24), "version": 2, "env": "production"}), URLSAFE)


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
TOK = "Authorization: Token {v}"

# ===== regional payment gateways ================================================================================
c = "payment"
R("iyzico", c, "iyzico", "IYZICO_SECRET_KEY", "api.iyzipay.com", "{a32}", hdr="Authorization: IYZWSv2 {v}", comp=("IYZICO_API_KEY", "{a32}"))
R("paytr", c, "PayTR", "PAYTR_MERCHANT_KEY", "www.paytr.com", "{a16}", hdr="?merchant_key={v}", comp=("PAYTR_MERCHANT_ID", "{d6}"))
R("paynet", c, "Paynet", "PAYNET_SECRET_KEY", "api.paynet.com.tr", "{paynet}", hdr="Authorization: Basic {v}", checked=True, kind="p")
R("craftgate", c, "Craftgate", "CRAFTGATE_SECRET_KEY", "api.craftgate.io", "{a32}", hdr="x-secret-key: {v}", comp=("CRAFTGATE_API_KEY", "{a32}"), documented=False)
R("unzer", c, "Unzer", "UNZER_PRIVATE_KEY", "api.unzer.com", "s-priv-2a10{a32}", hdr="basic|{v}|", checked=True)
R("unzer-prod", c, "Unzer", "UNZER_PRIVATE_KEY", "api.unzer.com", "p-priv-2a10{a32}", hdr="basic|{v}|", provider="unzer", checked=True)
R("nexi", c, "Nexi Checkout (Nets Easy)", "NETS_SECRET_KEY", "api.dibspayment.eu", "live-secret-key-{h32}", hdr="Authorization: {v}")
R("multisafepay", c, "MultiSafepay", "MULTISAFEPAY_API_KEY", "api.multisafepay.com", "{h40}", hdr="?api_key={v}")
R("paynl", c, "Pay.nl", "PAYNL_API_TOKEN", "rest-api.pay.nl", "{h40}", hdr="basic|AT-{c}|{v}", comp=("PAYNL_TOKEN_CODE", "{d4}-{d4}"))
R("buckaroo", c, "Buckaroo", "BUCKAROO_SECRET_KEY", "checkout.buckaroo.nl", "{u20}", hdr="Authorization: hmac {c}:{v}", comp=("BUCKAROO_WEBSITE_KEY", "{a10}"), documented=False)
R("payone", c, "PAYONE", "PAYONE_PORTAL_KEY", "api.pay1.de", "{a16}", hdr="?key={v}", comp=("PAYONE_PORTAL_ID", "{d7}"))
R("paytrail", c, "Paytrail", "PAYTRAIL_SECRET", "services.paytrail.com", "{a40}", hdr="checkout-account: {c}", comp=("PAYTRAIL_ACCOUNT", "{d6}"), documented=False)
R("montonio", c, "Montonio", "MONTONIO_SECRET_KEY", "stargate.montonio.com", "{s43}", comp=("MONTONIO_ACCESS_KEY", "{uuid}"), documented=False)
R("comgate", c, "Comgate", "COMGATE_SECRET", "payments.comgate.cz", "{a32}", hdr="basic|{c}|{v}", comp=("COMGATE_MERCHANT", "{d6}"))
R("gopay", c, "GoPay", "GOPAY_CLIENT_SECRET", "gate.gopay.cz", "{a8}", hdr="basic|{c}|{v}", comp=("GOPAY_CLIENT_ID", "{d10}"))
R("barion", c, "Barion", "BARION_POS_KEY", "api.barion.com", "{h32}", hdr="?POSKey={v}")
R("tpay", c, "Tpay", "TPAY_CLIENT_SECRET", "api.tpay.com", "{h40}", hdr="basic|{c}|{v}", comp=("TPAY_CLIENT_ID", "01{u8}-{h16}"), documented=False)
R("paysera", c, "Paysera", "PAYSERA_SIGN_PASSWORD", "www.paysera.com", "{h32}", hdr="?sign_password={v}", comp=("PAYSERA_PROJECT_ID", "{d6}"))
R("dlocal", c, "dLocal", "DLOCAL_SECRET_KEY", "api.dlocal.com", "{a40}", hdr="X-Trans-Key: {c}", comp=("DLOCAL_X_LOGIN", "{a10}"), documented=False)
R("flowcl", c, "Flow (Chile)", "FLOW_SECRET_KEY", "www.flow.cl", "{h40}", hdr="?s={v}", comp=("FLOW_API_KEY", "{UUID}"))
R("niubiz", c, "Niubiz", "NIUBIZ_PASSWORD", "apiprod.vnforapps.com", "{a12}", hdr="basic|{c}|{v}", comp=("NIUBIZ_USER", "integraciones@acme.pe"), documented=False)
R("pagbank", c, "PagBank", "PAGSEGURO_TOKEN", "api.pagseguro.com", "{uuid}{h64}", fixed=False)
R("vindi", c, "Vindi", "VINDI_API_KEY", "app.vindi.com.br", "{s43}", hdr="basic|{v}|", documented=False)
R("clip", c, "Clip", "CLIP_SECRET_KEY", "api.payclip.com", "{uuid}", hdr="basic|{c}|{v}", comp=("CLIP_API_KEY", "{uuid}"))
R("twoc2p", c, "2C2P", "TWOC2P_SECRET_KEY", "sandbox-pgw.2c2p.com", "{H64}", hdr="?secretKey={v}", comp=("TWOC2P_MERCHANT_ID", "JT{d2}"))
R("ipay88", c, "iPay88", "IPAY88_MERCHANT_KEY", "payment.ipay88.com.my", "{a10}", hdr="?MerchantKey={v}", comp=("IPAY88_MERCHANT_CODE", "M{d5}"))
R("senangpay", c, "senangPay", "SENANGPAY_SECRET_KEY", "app.senangpay.my", "{d5}-{d3}", hdr="basic|{c}|", comp=("SENANGPAY_MERCHANT_ID", "{d15}"), documented=False)
R("toyyibpay", c, "toyyibPay", "TOYYIBPAY_SECRET_KEY", "toyyibpay.com", "{l8}-{l4}-{l4}-{l4}-{l12}", hdr="?userSecretKey={v}")
R("paypay", c, "PayPay", "PAYPAY_API_SECRET", "api.paypay.ne.jp", "{s43}=", hdr="Authorization: hmac OPA-Auth:{c}:{v}", comp=("PAYPAY_API_KEY", "a_{a10}_{a4}"), documented=False)
R("gmopg", c, "GMO Payment Gateway", "GMO_SHOP_PASS", "p01.mul-pay.jp", "{l8}", hdr="?ShopPass={v}", comp=("GMO_SHOP_ID", "tshop{d8}"))
R("easebuzz", c, "Easebuzz", "EASEBUZZ_SALT", "pay.easebuzz.in", "{U10}", hdr="?salt={v}", comp=("EASEBUZZ_KEY", "{U10}"))
R("juspay", c, "Juspay", "JUSPAY_API_KEY", "api.juspay.in", "{H32}", hdr="basic|{v}|", documented=False)
R("interswitch", c, "Interswitch", "INTERSWITCH_CLIENT_SECRET", "passport.interswitchng.com", "{b44}", hdr="basic|{c}|{v}", comp=("INTERSWITCH_CLIENT_ID", "IKIA{H40}"))
R("remita", c, "Remita", "REMITA_API_KEY", "remitademo.net", "{b20}", hdr="?apiKey={v}", comp=("REMITA_MERCHANT_ID", "{d10}"), documented=False)
R("squadco", c, "Squad", "SQUAD_SECRET_KEY", "api-d.squadco.com", "sk_{h40}", kind="n")
R("seerbit", c, "SeerBit", "SEERBIT_SECRET_KEY", "seerbitapi.com", "SBSECK_{H32}.{H32}", fixed=False)
R("peach", c, "Peach Payments", "PEACH_ACCESS_TOKEN", "eu-prod.oppwa.com", "OGE4{b56}", fixed=False, documented=False)
R("kashier", c, "Kashier", "KASHIER_API_KEY", "api.kashier.io", "{uuid}", hdr="Authorization: {v}")
R("geidea", c, "Geidea", "GEIDEA_API_PASSWORD", "api.merchant.geidea.net", "{uuid}", hdr="basic|{c}|{v}", comp=("GEIDEA_PUBLIC_KEY", "{uuid}"))
R("ngenius", c, "N-Genius (Network International)", "NGENIUS_API_KEY", "api-gateway.ngenius-payments.com", "{b88}", hdr="Authorization: Basic {v}", fixed=False)
R("telr", c, "Telr", "TELR_AUTH_KEY", "secure.telr.com", "{a16}", hdr="?ivp_authkey={v}", comp=("TELR_STORE_ID", "{d5}"))
R("tabby", c, "Tabby", "TABBY_SECRET_KEY", "api.tabby.ai", "sk_{uuid}", kind="n")
R("tamara", c, "Tamara", "TAMARA_API_TOKEN", "api.tamara.co", "{jwt_tamara}", fixed=False)
R("epaydk", c, "Epay (Denmark)", "EPAY_API_KEY", "payments.epay.eu", "{a48}", provider="epaydk", checked=True, documented=False)
R("zettle", c, "Zettle", "ZETTLE_API_KEY", "oauth.zettle.com", "{jwt_okra}", fixed=False, provider="zettle")
R("nuvei", c, "Nuvei", "NUVEI_SECRET_KEY", "secure.safecharge.com", "{a64}", hdr="?merchantSecretKey={v}", comp=("NUVEI_MERCHANT_ID", "{d19}"))

# ===== banks, open banking ======================================================================================
c = "banking"
R("upbank", c, "Up (Australia)", "UP_TOKEN", "api.up.com.au", "up:yeah:{a128}", fixed=False, checked=True)
R("starling", c, "Starling Bank", "STARLING_ACCESS_TOKEN", "api.starlingbank.com", "{a64}")
R("investec", c, "Investec", "INVESTEC_API_KEY", "openapi.investec.com", "{b56}", hdr="x-api-key: {v}", comp=("INVESTEC_CLIENT_ID", "{a32}"), documented=False)
R("truelayer", c, "TrueLayer", "TRUELAYER_CLIENT_SECRET", "auth.truelayer.com", "{uuid}", hdr="?client_secret={v}", comp=("TRUELAYER_CLIENT_ID", "acme-{h6}"))
R("finicity", c, "Finicity", "FINICITY_APP_KEY", "api.finicity.com", "{h32}", hdr="Finicity-App-Key: {v}")
R("mx", c, "MX Platform", "MX_API_KEY", "int-api.mx.com", "{h40}", hdr="basic|{c}|{v}", comp=("MX_CLIENT_ID", "{uuid}"))
R("teller", c, "Teller", "TELLER_ACCESS_TOKEN", "api.teller.io", "token_{q26}", hdr="basic|{v}|", kind="n")
R("leantech", c, "Lean Technologies", "LEAN_APP_TOKEN", "api.leantech.me", "{uuid}", hdr="lean-app-token: {v}")
R("stitch", c, "Stitch", "STITCH_CLIENT_SECRET", "secure.stitch.money", "{b64_48}", comp=("STITCH_CLIENT_ID", "test-{uuid}"), documented=False)
R("okra", c, "Okra", "OKRA_SECRET_TOKEN", "api.okra.ng", "{jwt_okra}", fixed=False)
R("prometeo", c, "Prometeo", "PROMETEO_API_KEY", "banking.prometeoapi.net", "{a64}", hdr="X-API-Key: {v}", documented=False)
R("currencycloud", c, "Currencycloud", "CURRENCYCLOUD_API_KEY", "devapi.currencycloud.com", "{h64}", hdr="?api_key={v}", comp=("CURRENCYCLOUD_LOGIN_ID", "ops@acme.io"))
R("modulr", c, "Modulr", "MODULR_HMAC_SECRET", "api.modulrfinance.com", "{a32}", hdr="Authorization: Signature keyId=\"{c}\"", comp=("MODULR_API_KEY", "{h32}"), documented=False)
R("mambu", c, "Mambu", "MAMBU_API_KEY", "acme.sandbox.mambu.com", "{a32}", hdr="apiKey: {v}")
R("treasuryprime", c, "Treasury Prime", "TREASURY_PRIME_SECRET", "api.treasuryprime.com", "{a40}", hdr="basic|{c}|{v}", comp=("TREASURY_PRIME_KEY_ID", "key_{l26}"), documented=False)
R("dwolla", c, "Dwolla", "DWOLLA_SECRET", "api.dwolla.com", "{a50}", hdr="basic|{c}|{v}", comp=("DWOLLA_KEY", "{a50}"))
R("minka", c, "Minka", "MINKA_API_KEY", "api.minka.io", "{a40}", provider="minka", documented=False)

# ===== SMS gateways by country ==================================================================================
c = "sms"
R("textlocal", c, "Textlocal", "TEXTLOCAL_API_KEY", "api.txtlocal.com", "{s40}", hdr="?apikey={v}", documented=False)
R("smsglobal", c, "SMSGlobal", "SMSGLOBAL_API_SECRET", "api.smsglobal.com", "{h32}", hdr="Authorization: MAC id=\"{c}\"", comp=("SMSGLOBAL_API_KEY", "{h32}"))
R("bulksms", c, "BulkSMS", "BULKSMS_TOKEN_SECRET", "api.bulksms.com", "{a32}", hdr="basic|{c}|{v}", comp=("BULKSMS_TOKEN_ID", "{H32}"), documented=False)
R("esendex", c, "Esendex", "ESENDEX_API_TOKEN", "api.esendex.com", "{uuid}", hdr="basic|ops@acme.io|{v}")
R("zenziva", c, "Zenziva", "ZENZIVA_PASSKEY", "console.zenziva.net", "{l10}", hdr="?passkey={v}", comp=("ZENZIVA_USERKEY", "{l12}"), documented=False)
R("wablas", c, "Wablas", "WABLAS_TOKEN", "jkt.wablas.com", "{a80}", hdr="Authorization: {v}", documented=False)
R("totalvoice", c, "TotalVoice", "TOTALVOICE_ACCESS_TOKEN", "api2.totalvoice.com.br", "{h32}", hdr="Access-Token: {v}")
R("mobizon", c, "Mobizon", "MOBIZON_API_KEY", "api.mobizon.kz", "kz{h68}", hdr="?apiKey={v}", documented=False)
R("netgsm", c, "Netgsm", "NETGSM_PASSWORD", "api.netgsm.com.tr", "{a12}", hdr="basic|{c}|{v}", comp=("NETGSM_USERCODE", "850{d7}"), documented=False)
R("iletimerkezi", c, "İleti Merkezi", "ILETIMERKEZI_SECRET", "api.iletimerkezi.com", "{h64}", hdr="?hash={v}", comp=("ILETIMERKEZI_KEY", "{h32}"), documented=False)
R("smsc", c, "SMSC.ru", "SMSC_PASSWORD", "smsc.ru", "{a14}", hdr="?psw={v}", comp=("SMSC_LOGIN", "acme-notify"))
R("smsaero", c, "SMS Aero", "SMSAERO_API_KEY", "gate.smsaero.ru", "{a32}", hdr="basic|ops@acme.io|{v}")
R("turbosms", c, "TurboSMS", "TURBOSMS_TOKEN", "api.turbosms.ua", "{h40}")
R("serwersms", c, "SerwerSMS", "SERWERSMS_API_TOKEN", "api2.serwersms.pl", "{a64}", documented=False)
R("sipgate", c, "sipgate", "SIPGATE_TOKEN", "api.sipgate.com", "{uuid}", hdr="basic|{c}|{v}", comp=("SIPGATE_TOKEN_ID", "token-{u6}"))
R("lox24", c, "LOX24", "LOX24_TOKEN", "api.lox24.eu", "{d5}:{h32}", hdr="X-LOX24-AUTH-TOKEN: {v}")
R("octopush", c, "Octopush", "OCTOPUSH_API_KEY", "api.octopush.com", "{a40}", hdr="api-key: {v}", comp=("OCTOPUSH_LOGIN", "ops@acme.fr"), documented=False)
R("smsfactor", c, "SMSFactor", "SMSFACTOR_TOKEN", "api.smsfactor.com", "{jwt_smsfactor}", fixed=False)
R("smsmode", c, "smsmode", "SMSMODE_API_KEY", "rest.smsmode.com", "{a32}", hdr="X-Api-Key: {v}", documented=False)
R("cellsynt", c, "Cellsynt", "CELLSYNT_PASSWORD", "se-1.cellsynt.net", "{a10}", hdr="?password={v}", comp=("CELLSYNT_USERNAME", "acmeab"), documented=False)
R("messagemedia", c, "MessageMedia", "MESSAGEMEDIA_API_SECRET", "api.messagemedia.com", "{a30}", hdr="basic|{c}|{v}", comp=("MESSAGEMEDIA_API_KEY", "{a20}"))
R("burstsms", c, "Burst SMS", "BURSTSMS_API_SECRET", "api.transmitsms.com", "{a16}", hdr="basic|{c}|{v}", comp=("BURSTSMS_API_KEY", "{h32}"), documented=False)
R("cellcast", c, "Cellcast", "CELLCAST_APPKEY", "cellcast.com.au", "CELLCAST{h32}", hdr="APPKEY: {v}", documented=False)
R("nhncloud", c, "NHN Cloud Notification", "NHN_SECRET_KEY", "api-sms.cloud.toast.com", "{a8}", hdr="X-Secret-Key: {v}", comp=("NHN_APP_KEY", "{a16}"))
R("luosimao", c, "Luosimao", "LUOSIMAO_API_KEY", "sms-api.luosimao.com", "key-{h32}", hdr="basic|api|{v}", kind="n")
R("chuanglan", c, "Chuanglan (253)", "CHUANGLAN_PASSWORD", "smssh1.253.com", "{a10}", hdr="?password={v}", comp=("CHUANGLAN_ACCOUNT", "N{d7}"), documented=False)
R("taqnyat", c, "Taqnyat", "TAQNYAT_BEARER", "api.taqnyat.sa", "{h32}")
R("msegat", c, "Msegat", "MSEGAT_API_KEY", "www.msegat.com", "{h32}", hdr="?apiKey={v}", comp=("MSEGAT_USERNAME", "acmeco"))
R("jawaly", c, "4jawaly", "JAWALY_API_SECRET", "api-sms.4jawaly.com", "{a40}", hdr="basic|{c}|{v}", comp=("JAWALY_API_KEY", "{a40}"), documented=False)
R("beem", c, "Beem Africa", "BEEM_SECRET_KEY", "apisms.beem.africa", "{b56}", hdr="basic|{c}|{v}", comp=("BEEM_API_KEY", "{h16}"), documented=False)
R("mnotify", c, "mNotify", "MNOTIFY_API_KEY", "api.mnotify.com", "{a40}", hdr="?key={v}", documented=False)
R("smsportal", c, "SMSPortal", "SMSPORTAL_API_SECRET", "rest.smsportal.com", "{a40}", hdr="basic|{c}|{v}", comp=("SMSPORTAL_CLIENT_ID", "{uuid}"), documented=False)
R("bulksmsng", c, "BulkSMSNigeria", "BULKSMSNG_API_TOKEN", "www.bulksmsnigeria.com", "{a60}", hdr="?api_token={v}", documented=False)
R("comtele", c, "Comtele", "COMTELE_AUTH_KEY", "sms.comtele.com.br", "{uuid}", hdr="auth-key: {v}")
R("calixta", c, "Calixta", "CALIXTA_PASSWORD", "www.calixtaondemand.com", "{a12}", hdr="?password={v}", comp=("CALIXTA_CLIENT", "{d5}"), documented=False)

# ===== e-mail gateways ==========================================================================================
c = "email"
R("zeptomail", c, "ZeptoMail", "ZEPTOMAIL_TOKEN", "api.zeptomail.com", "{zepto}", hdr="Authorization: {v}", fixed=False, checked=True, kind="p")
R("sendpulse", c, "SendPulse", "SENDPULSE_CLIENT_SECRET", "api.sendpulse.com", "{h32}", hdr="?client_secret={v}", comp=("SENDPULSE_CLIENT_ID", "{h32}"))
R("postal", c, "Postal", "POSTAL_SERVER_KEY", "postal.acme.io", "{a24}", hdr="X-Server-API-Key: {v}")
R("netcore", c, "Netcore Email (Pepipost)", "PEPIPOST_API_KEY", "emailapi.netcorecloud.net", "{h32}", hdr="api_key: {v}")
R("smtpcom", c, "SMTP.com", "SMTPCOM_API_KEY", "api.smtp.com", "{h40}")
R("socketlabs", c, "SocketLabs", "SOCKETLABS_API_KEY", "inject.socketlabs.com", "{a20}", comp=("SOCKETLABS_SERVER_ID", "{d5}"), documented=False)
R("unisender", c, "UniSender", "UNISENDER_API_KEY", "api.unisender.com", "{l40}", hdr="?api_key={v}")
R("emailoctopus", c, "EmailOctopus", "EMAILOCTOPUS_API_KEY", "emailoctopus.com", "{uuid}", hdr="?api_key={v}")
R("sendy", c, "Sendy", "SENDY_API_KEY", "newsletter.acme.io", "{a20}", hdr="?api_key={v}")
R("cleverreach", c, "CleverReach", "CLEVERREACH_CLIENT_SECRET", "rest.cleverreach.com", "{a32}", comp=("CLEVERREACH_CLIENT_ID", "{a10}"), documented=False)
R("campaignmonitor", c, "Campaign Monitor", "CAMPAIGNMONITOR_API_KEY", "api.createsend.com", "{b88}", hdr="basic|{v}|x", fixed=False)
R("listmonk", c, "listmonk", "LISTMONK_API_TOKEN", "lists.acme.io", "{a32}", hdr="Authorization: token api-user:{v}")
R("mailpace", c, "MailPace", "MAILPACE_SERVER_TOKEN", "app.mailpace.com", "{uuid}", hdr="MailPace-Server-Token: {v}")
R("mautic", c, "Mautic", "MAUTIC_PASSWORD", "mautic.acme.io", "{a20}", hdr="basic|api-sync|{v}", documented=False)
R("aweber", c, "AWeber", "AWEBER_CLIENT_SECRET", "api.aweber.com", "{a32}", comp=("AWEBER_CLIENT_ID", "{a32}"))
R("constantcontact", c, "Constant Contact", "CTCT_CLIENT_SECRET", "api.cc.email", "{s22}", comp=("CTCT_API_KEY", "{uuid}"), documented=False)
R("acumbamail", c, "Acumbamail", "ACUMBAMAIL_AUTH_TOKEN", "acumbamail.com", "{a20}", hdr="?auth_token={v}", documented=False)

# ===== logistics and shipping ===================================================================================
c = "logistics"
R("shipbob", c, "ShipBob", "SHIPBOB_PAT", "api.shipbob.com", "{H64}", fixed=False, documented=False)
R("shiprocket", c, "Shiprocket", "SHIPROCKET_PASSWORD", "apiv2.shiprocket.in", "{a16}", hdr="basic|api@acme.in|{v}", documented=False)
R("postmen", c, "Postmen", "POSTMEN_API_KEY", "production-api.postmen.com", "{uuid}", hdr="postmen-api-key: {v}")
R("sendle", c, "Sendle", "SENDLE_API_KEY", "api.sendle.com", "{a24}", hdr="basic|{c}|{v}", comp=("SENDLE_ID", "acme_{l6}"), provider="sendle", documented=False)
R("parcelmonkey", c, "Parcel Monkey", "PARCELMONKEY_TOKEN", "api.parcelmonkey.co.uk", "{h32}", hdr="token: {v}", documented=False)
R("myparcel", c, "MyParcel", "MYPARCEL_API_KEY", "api.myparcel.nl", "{h40}", hdr="Authorization: basic {v}")
R("packlink", c, "Packlink PRO", "PACKLINK_API_KEY", "api.packlink.com", "{h64}", hdr="Authorization: {v}", provider="packlink")
R("gls", c, "GLS", "GLS_PASSWORD", "api.gls-group.eu", "{a12}", hdr="basic|{c}|{v}", comp=("GLS_USERNAME", "acme-shipper"), documented=False)
R("dpd", c, "DPD", "DPD_DELIS_PASSWORD", "public-ws.dpd.com", "{a10}", hdr="basic|{c}|{v}", comp=("DPD_DELIS_ID", "{l8}"), documented=False)
R("royalmail", c, "Royal Mail Click & Drop", "ROYALMAIL_API_KEY", "api.parcel.royalmail.com", "{uuid}", hdr="Authorization: {v}")
R("canadapost", c, "Canada Post", "CANADAPOST_PASSWORD", "soa-gw.canadapost.ca", "{h22}", hdr="basic|{c}|{v}", comp=("CANADAPOST_USERNAME", "{h16}"))
R("auspost", c, "Australia Post", "AUSPOST_API_KEY", "digitalapi.auspost.com.au", "{uuid}", hdr="AUTH-KEY: {v}")
R("nzpost", c, "NZ Post", "NZPOST_CLIENT_SECRET", "api.nzpost.co.nz", "{h32}", comp=("NZPOST_CLIENT_ID", "{h32}"), documented=False)
R("shipday", c, "Shipday", "SHIPDAY_API_KEY", "api.shipday.com", "{a10}.{a20}", hdr="Authorization: Basic {v}", documented=False)
R("tookan", c, "Tookan", "TOOKAN_API_KEY", "api.tookanapp.com", "{h32}", hdr="?api_key={v}")
R("borzo", c, "Borzo", "BORZO_AUTH_TOKEN", "robot.borzodelivery.com", "{H40}", hdr="X-DV-Auth-Token: {v}")
R("stuart", c, "Stuart", "STUART_CLIENT_SECRET", "api.stuart.com", "{h64}", comp=("STUART_CLIENT_ID", "{h64}"))
R("karrio", c, "Karrio", "KARRIO_API_KEY", "api.karrio.io", "key_{h32}", hdr="Authorization: Token {v}", kind="n")
R("freightos", c, "Freightos", "FREIGHTOS_API_KEY", "sandbox.freightos.com", "{a32}", hdr="x-apikey: {v}", documented=False)
R("project44", c, "project44", "P44_CLIENT_SECRET", "na12.api.project44.com", "{a40}", comp=("P44_CLIENT_ID", "{uuid}"), documented=False)
R("searates", c, "SeaRates", "SEARATES_API_KEY", "tracking.searates.com", "{U4}-{U4}-{U4}-{U4}-{U4}", hdr="?api_key={v}", documented=False)

# ===== travel and booking =======================================================================================
c = "travel"
R("duffel", c, "Duffel", "DUFFEL_ACCESS_TOKEN", "api.duffel.com", "duffel_live_{s43}", checked=True)
R("duffel-test", c, "Duffel", "DUFFEL_TEST_TOKEN", "api.duffel.com", "duffel_test_{s43}", provider="duffel", checked=True)
R("amadeus", c, "Amadeus for Developers", "AMADEUS_CLIENT_SECRET", "test.api.amadeus.com", "{a16}", hdr="?client_secret={v}", comp=("AMADEUS_CLIENT_ID", "{a32}"))
R("kiwi", c, "Kiwi.com Tequila", "TEQUILA_API_KEY", "api.tequila.kiwi.com", "{s32}", hdr="apikey: {v}")
R("hotelbeds", c, "Hotelbeds", "HOTELBEDS_SECRET", "api.test.hotelbeds.com", "{a10}", hdr="X-Signature: {v}", comp=("HOTELBEDS_API_KEY", "{h32}"))
R("aviationstack", c, "aviationstack", "AVIATIONSTACK_ACCESS_KEY", "api.aviationstack.com", "{h32}", hdr="?access_key={v}")
R("flightaware", c, "FlightAware AeroAPI", "AEROAPI_KEY", "aeroapi.flightaware.com", "{a32}", hdr="x-apikey: {v}")
R("airlabs", c, "AirLabs", "AIRLABS_API_KEY", "airlabs.co", "{uuid}", hdr="?api_key={v}")
R("travelpayouts", c, "Travelpayouts", "TRAVELPAYOUTS_TOKEN", "api.travelpayouts.com", "{h32}", hdr="X-Access-Token: {v}")
R("viator", c, "Viator", "VIATOR_API_KEY", "api.viator.com", "{uuid}", hdr="exp-api-key: {v}")
R("tripadvisor", c, "Tripadvisor Content API", "TRIPADVISOR_API_KEY", "api.content.tripadvisor.com", "{H32}", hdr="?key={v}")
R("yelp", c, "Yelp Fusion", "YELP_API_KEY", "api.yelp.com", "{s128}")
R("foursquare", c, "Foursquare Places", "FOURSQUARE_API_KEY", "api.foursquare.com", "fsq3{b44}", hdr="Authorization: {v}", checked=False)
R("rome2rio", c, "Rome2Rio", "ROME2RIO_KEY", "free.rome2rio.com", "{a8}", hdr="?key={v}")
R("skyscanner", c, "Skyscanner", "SKYSCANNER_API_KEY", "partners.api.skyscanner.net", "{a32}", hdr="x-api-key: {v}", documented=False)
R("expedia", c, "Expedia Rapid", "EXPEDIA_SHARED_SECRET", "api.ean.com", "{a12}", hdr="Authorization: EAN APIKey={c},Signature={v}", comp=("EXPEDIA_API_KEY", "{a24}"), documented=False)
R("opensky", c, "OpenSky Network", "OPENSKY_CLIENT_SECRET", "opensky-network.org", "{a32}", comp=("OPENSKY_CLIENT_ID", "acme-api-client"), documented=False)
R("cloudbeds", c, "Cloudbeds", "CLOUDBEDS_API_KEY", "api.cloudbeds.com", "cbat_{a32}", provider="cloudbeds", documented=False)
R("mews", c, "Mews", "MEWS_ACCESS_TOKEN", "api.mews.com", "{H32}-{H7}", hdr="?AccessToken={v}", comp=("MEWS_CLIENT_TOKEN", "{H32}-{H7}"), documented=False)

# ===== real estate ==============================================================================================
c = "realestate"
R("rentcast", c, "RentCast", "RENTCAST_API_KEY", "api.rentcast.io", "{h32}", hdr="X-Api-Key: {v}")
R("attom", c, "ATTOM", "ATTOM_API_KEY", "api.gateway.attomdata.com", "{h32}", hdr="apikey: {v}")
R("bridgeapi", c, "Bridge Interactive (Zillow)", "BRIDGE_SERVER_TOKEN", "api.bridgedataoutput.com", "{h32}", hdr="?access_token={v}")
R("estated", c, "Estated", "ESTATED_TOKEN", "apis.estated.com", "{a30}", hdr="?token={v}")
R("domainau", c, "Domain (Australia)", "DOMAIN_API_KEY", "api.domain.com.au", "key_{h32}", hdr="X-Api-Key: {v}", kind="n")
R("repliers", c, "Repliers", "REPLIERS_API_KEY", "api.repliers.io", "{a30}", hdr="REPLIERS-API-KEY: {v}", documented=False)
R("simplyrets", c, "SimplyRETS", "SIMPLYRETS_SECRET", "api.simplyrets.com", "{a24}", hdr="basic|{c}|{v}", comp=("SIMPLYRETS_KEY", "acme_{l8}"), documented=False)
R("idealista", c, "idealista", "IDEALISTA_SECRET", "api.idealista.com", "{a12}", hdr="basic|{c}|{v}", comp=("IDEALISTA_API_KEY", "{l32}"))
R("trestle", c, "Trestle (CoreLogic)", "TRESTLE_CLIENT_SECRET", "api-trestle.corelogic.com", "{h32}", comp=("TRESTLE_CLIENT_ID", "trestle_Acme{a8}"), documented=False)
R("mashvisor", c, "Mashvisor", "MASHVISOR_API_KEY", "api.mashvisor.com", "{a32}", hdr="x-api-key: {v}", documented=False)
R("datafiniti", c, "Datafiniti", "DATAFINITI_TOKEN", "api.datafiniti.co", "{l32}", provider="datafiniti")

# ===== legal and tax ============================================================================================
c = "legaltax"
R("avalara", c, "Avalara AvaTax", "AVALARA_LICENSE_KEY", "rest.avatax.com", "{H16}", hdr="basic|{c}|{v}", comp=("AVALARA_ACCOUNT_ID", "{d10}"))
R("taxjar", c, "TaxJar", "TAXJAR_API_KEY", "api.taxjar.com", "{h32}", hdr="Authorization: Token token=\"{v}\"")
R("taxcloud", c, "TaxCloud", "TAXCLOUD_API_KEY", "api.taxcloud.net", "{UUID}", hdr="?apiKey={v}", comp=("TAXCLOUD_API_LOGIN_ID", "{H8}"))
R("quaderno", c, "Quaderno", "QUADERNO_PRIVATE_KEY", "acme.quadernoapp.com", "sk_live_{a20}", hdr="basic|{v}|x", documented=False)
R("vatlayer", c, "vatlayer", "VATLAYER_ACCESS_KEY", "apilayer.net", "{h32}", hdr="?access_key={v}")
R("vatstack", c, "Vatstack", "VATSTACK_SECRET_KEY", "api.vatstack.com", "sk_live_{h32}", hdr="X-API-KEY: {v}", documented=False)
R("courtlistener", c, "CourtListener", "COURTLISTENER_TOKEN", "www.courtlistener.com", "{h40}", hdr=TOK)
R("clio", c, "Clio", "CLIO_CLIENT_SECRET", "app.clio.com", "{a40}", comp=("CLIO_CLIENT_ID", "{a40}"), documented=False)
R("track1099", c, "Track1099", "TRACK1099_API_KEY", "www.track1099.com", "{h32}", documented=False)
R("fonoa", c, "Fonoa", "FONOA_API_KEY", "api.fonoa.com", "{h32}", hdr="Ocp-Apim-Subscription-Key: {v}", documented=False)
R("docassemble", c, "docassemble", "DOCASSEMBLE_API_KEY", "da.acme.law", "{U32}", hdr="X-API-Key: {v}")

# ===== healthcare ===============================================================================================
c = "health"
R("redox", c, "Redox", "REDOX_SECRET", "api.redoxengine.com", "{a64}", comp=("REDOX_API_KEY", "{uuid}"), documented=False)
R("healthie", c, "Healthie", "HEALTHIE_API_KEY", "api.gethealthie.com", "gh_live_{a64}", hdr="Authorization: Basic {v}")
R("drchrono", c, "DrChrono", "DRCHRONO_CLIENT_SECRET", "app.drchrono.com", "{a128}", comp=("DRCHRONO_CLIENT_ID", "{a40}"), documented=False)
R("oneup", c, "1upHealth", "ONEUP_CLIENT_SECRET", "api.1up.health", "{h32}", hdr="?client_secret={v}", comp=("ONEUP_CLIENT_ID", "{h32}"))
R("terra", c, "Terra", "TERRA_API_KEY", "api.tryterra.co", "{s32}", hdr="x-api-key: {v}", comp=("TERRA_DEV_ID", "acme-dev-{l6}"), documented=False)
R("infermedica", c, "Infermedica", "INFERMEDICA_APP_KEY", "api.infermedica.com", "{h32}", hdr="App-Key: {v}", comp=("INFERMEDICA_APP_ID", "{h8}"))
R("openfda", c, "openFDA", "OPENFDA_API_KEY", "api.fda.gov", "{a40}", hdr="?api_key={v}")
R("medplum", c, "Medplum", "MEDPLUM_CLIENT_SECRET", "api.medplum.com", "{h64}", comp=("MEDPLUM_CLIENT_ID", "{uuid}"))
R("metriport", c, "Metriport", "METRIPORT_API_KEY", "api.metriport.com", "{b64_48}", hdr="x-api-key: {v}", documented=False)
R("photonhealth", c, "Photon Health", "PHOTON_CLIENT_SECRET", "auth.photon.health", "{s64}", comp=("PHOTON_CLIENT_ID", "{a32}"), documented=False)
R("stedi", c, "Stedi", "STEDI_API_KEY", "healthcare.us.stedi.com", "{a20}.{a24}", hdr="Authorization: Key {v}", documented=False)
R("eligible", c, "Eligible", "ELIGIBLE_API_KEY", "gds.eligibleapi.com", "{a32}", hdr="?api_key={v}", documented=False)
R("dosespot", c, "DoseSpot", "DOSESPOT_CLINIC_KEY", "my.dosespot.com", "{a32}", hdr="?ClinicKey={v}", comp=("DOSESPOT_CLINIC_ID", "{d6}"), documented=False)
R("validic", c, "Validic", "VALIDIC_TOKEN", "api.v2.validic.com", "{h64}", hdr="?token={v}", comp=("VALIDIC_ORG_ID", "{h24}"))

# ===== sports data ==============================================================================================
c = "sports"
R("sportradar", c, "Sportradar", "SPORTRADAR_API_KEY", "api.sportradar.com", "{a40}", hdr="x-api-key: {v}")
R("sportsdataio", c, "SportsDataIO", "SPORTSDATA_KEY", "api.sportsdata.io", "{h32}", hdr="Ocp-Apim-Subscription-Key: {v}")
R("apifootball", c, "API-Football", "APIFOOTBALL_KEY", "v3.football.api-sports.io", "{h32}", hdr="x-apisports-key: {v}")
R("footballdata", c, "football-data.org", "FOOTBALL_DATA_TOKEN", "api.football-data.org", "{h32}", hdr="X-Auth-Token: {v}")
R("sportmonks", c, "Sportmonks", "SPORTMONKS_API_TOKEN", "api.sportmonks.com", "{a60}", hdr="Authorization: {v}")
R("theoddsapi", c, "The Odds API", "ODDS_API_KEY", "api.the-odds-api.com", "{h32}", hdr="?apiKey={v}")
R("balldontlie", c, "BALLDONTLIE", "BALLDONTLIE_API_KEY", "api.balldontlie.io", "{uuid}", hdr="Authorization: {v}")
R("mysportsfeeds", c, "MySportsFeeds", "MSF_API_KEY", "api.mysportsfeeds.com", "{uuid}", hdr="basic|{v}|MYSPORTSFEEDS")
R("cricapi", c, "CricketData (CricAPI)", "CRICAPI_KEY", "api.cricapi.com", "{uuid}", hdr="?apikey={v}")
R("betfair", c, "Betfair Exchange", "BETFAIR_APP_KEY", "api.betfair.com", "{a16}", hdr="X-Application: {v}")
R("goalserve", c, "Goalserve", "GOALSERVE_KEY", "www.goalserve.com", "{h32}", hdr="/getfeed/{v}/soccernew/home", documented=False)
R("entitysport", c, "EntitySport", "ENTITYSPORT_TOKEN", "rest.entitysport.com", "{h32}", hdr="?token={v}")
R("thesportsdb", c, "TheSportsDB", "SPORTSDB_KEY", "www.thesportsdb.com", "{d6}", hdr="/api/v1/json/{v}/all_leagues.php", documented=False)

# ===== music, media, events =====================================================================================
c = "media"
R("genius", c, "Genius", "GENIUS_ACCESS_TOKEN", "api.genius.com", "{s64}")
R("musixmatch", c, "Musixmatch", "MUSIXMATCH_API_KEY", "api.musixmatch.com", "{h32}", hdr="?apikey={v}")
R("audd", c, "AudD", "AUDD_API_TOKEN", "api.audd.io", "{h32}", hdr="?api_token={v}")
R("acrcloud", c, "ACRCloud", "ACRCLOUD_ACCESS_SECRET", "identify-eu-west-1.acrcloud.com", "{a40}", hdr="?signature={v}", comp=("ACRCLOUD_ACCESS_KEY", "{h32}"))
R("setlistfm", c, "setlist.fm", "SETLISTFM_API_KEY", "api.setlist.fm", "{uuid}", hdr="x-api-key: {v}")
R("ticketmaster", c, "Ticketmaster Discovery", "TICKETMASTER_API_KEY", "app.ticketmaster.com", "{a32}", hdr="?apikey={v}")
R("seatgeek", c, "SeatGeek", "SEATGEEK_CLIENT_SECRET", "api.seatgeek.com", "{h64}", hdr="?client_secret={v}", comp=("SEATGEEK_CLIENT_ID", "{a24}"))
R("eventbrite", c, "Eventbrite", "EVENTBRITE_PRIVATE_TOKEN", "www.eventbriteapi.com", "{U20}")
R("podcastindex", c, "Podcast Index", "PODCASTINDEX_API_SECRET", "api.podcastindex.org", "{a40}", hdr="X-Auth-Key: {c}", comp=("PODCASTINDEX_API_KEY", "{U20}"))
R("listennotes", c, "Listen Notes", "LISTENNOTES_API_KEY", "listen-api.listennotes.com", "{h32}", hdr="X-ListenAPI-Key: {v}")
R("omdb", c, "OMDb", "OMDB_API_KEY", "www.omdbapi.com", "{h8}", hdr="?apikey={v}")
R("tvdb", c, "TheTVDB", "TVDB_API_KEY", "api4.thetvdb.com", "{uuid}", hdr="?apikey={v}")
R("trakt", c, "Trakt", "TRAKT_CLIENT_SECRET", "api.trakt.tv", "{h64}", comp=("TRAKT_CLIENT_ID", "{h64}"))
R("pixabay", c, "Pixabay", "PIXABAY_API_KEY", "pixabay.com", "{d8}-{h25}", hdr="?key={v}")
R("flickr", c, "Flickr", "FLICKR_API_SECRET", "www.flickr.com", "{h16}", hdr="?api_sig={v}", comp=("FLICKR_API_KEY", "{h32}"))
R("freesound", c, "Freesound", "FREESOUND_API_KEY", "freesound.org", "{a40}", hdr=TOK)
R("shutterstock", c, "Shutterstock", "SHUTTERSTOCK_TOKEN", "api.shutterstock.com", "v2/{b180}", fixed=False)
R("applemusic", c, "Apple Music API", "APPLE_MUSIC_DEVELOPER_TOKEN", "api.music.apple.com", "{jwt_applemusic}", fixed=False)
R("jamendo", c, "Jamendo", "JAMENDO_CLIENT_SECRET", "api.jamendo.com", "{h32}", hdr="?client_secret={v}", comp=("JAMENDO_CLIENT_ID", "{h8}"))

# ===== translation ==============================================================================================
c = "translation"
R("weblate", c, "Weblate", "WEBLATE_API_TOKEN", "hosted.weblate.org", "wlu_{a40}", hdr=TOK)
R("tolgee", c, "Tolgee", "TOLGEE_API_KEY", "app.tolgee.io", "tgpak_{q42}", hdr="X-API-Key: {v}")
R("weglot", c, "Weglot", "WEGLOT_API_KEY", "api.weglot.com", "wg_{h32}", hdr="?api_key={v}")
R("poeditor", c, "POEditor", "POEDITOR_API_TOKEN", "api.poeditor.com", "{h32}", hdr="?api_token={v}")
R("mstranslator", c, "Azure AI Translator", "TRANSLATOR_KEY", "api.cognitive.microsofttranslator.com", "{h32}", hdr="Ocp-Apim-Subscription-Key: {v}")
R("modernmt", c, "ModernMT", "MMT_API_KEY", "api.modernmt.com", "{H8}-{H4}-{H4}-{H4}-{H12}", hdr="MMT-ApiKey: {v}")
R("lingvanex", c, "Lingvanex", "LINGVANEX_API_KEY", "api-b2b.backenster.com", "a_{a40}", documented=False)
R("smartling", c, "Smartling", "SMARTLING_USER_SECRET", "api.smartling.com", "{s55}", comp=("SMARTLING_USER_IDENTIFIER", "{l30}"), documented=False)
R("gengo", c, "Gengo", "GENGO_PRIVATE_KEY", "api.gengo.com", "{s64}", hdr="?api_sig={v}", comp=("GENGO_PUBLIC_KEY", "{s64}"), documented=False)
R("papago", c, "Naver Papago", "NAVER_CLIENT_SECRET", "openapi.naver.com", "{a10}", hdr="X-Naver-Client-Secret: {v}", comp=("NAVER_CLIENT_ID", "{a20}"))
R("baidufanyi", c, "Baidu Translate", "BAIDU_FANYI_KEY", "fanyi-api.baidu.com", "{a20}", hdr="?sign={v}", comp=("BAIDU_FANYI_APPID", "2024{d13}"))
R("youdao", c, "Youdao AI", "YOUDAO_APP_SECRET", "openapi.youdao.com", "{a32}", hdr="?sign={v}", comp=("YOUDAO_APP_KEY", "{h16}"))
R("libretranslate", c, "LibreTranslate", "LIBRETRANSLATE_API_KEY", "libretranslate.com", "{uuid}", hdr="?api_key={v}")
R("localazy", c, "Localazy", "LOCALAZY_WRITE_KEY", "api.localazy.com", "a{d19}-{h64}", documented=False)

# ===== OCR, documents, speech ===================================================================================
c = "ocrspeech"
R("ocrspace", c, "OCR.space", "OCRSPACE_API_KEY", "api.ocr.space", "{ocrspace}", hdr="apikey: {v}")
R("mindee", c, "Mindee", "MINDEE_API_KEY", "api.mindee.net", "{h32}", hdr="Authorization: Token {v}")
R("veryfi", c, "Veryfi", "VERYFI_API_KEY", "api.veryfi.com", "{h32}", hdr="Authorization: apikey {c}:{v}", comp=("VERYFI_USERNAME", "acme.ops"))
R("nanonets", c, "Nanonets", "NANONETS_API_KEY", "app.nanonets.com", "{a32}", hdr="basic|{v}|")
R("taggun", c, "Taggun", "TAGGUN_API_KEY", "api.taggun.io", "{h32}", hdr="apikey: {v}")
R("mathpix", c, "Mathpix", "MATHPIX_APP_KEY", "api.mathpix.com", "{h64}", hdr="app_key: {v}", comp=("MATHPIX_APP_ID", "acme_{h8}"))
R("docparser", c, "Docparser", "DOCPARSER_API_KEY", "api.docparser.com", "{h40}", hdr="basic|{v}|")
R("affinda", c, "Affinda", "AFFINDA_API_KEY", "api.affinda.com", "aff_{a40}", documented=False)
R("speechmatics", c, "Speechmatics", "SPEECHMATICS_API_KEY", "asr.api.speechmatics.com", "{a32}")
R("revai", c, "Rev AI", "REVAI_ACCESS_TOKEN", "api.rev.ai", "02{s58}", documented=False)
R("gladia", c, "Gladia", "GLADIA_API_KEY", "api.gladia.io", "{uuid}", hdr="x-gladia-key: {v}")
R("picovoice", c, "Picovoice", "PICOVOICE_ACCESS_KEY", "console.picovoice.ai", "{picovoice}", hdr="?access_key={v}", documented=False)
R("playht", c, "PlayHT", "PLAYHT_API_KEY", "api.play.ht", "{h32}", hdr="AUTHORIZATION: {v}", comp=("PLAYHT_USER_ID", "{a28}"))
R("resemble", c, "Resemble AI", "RESEMBLE_API_KEY", "app.resemble.ai", "{a24}", hdr="Authorization: Token token={v}")
R("witai", c, "Wit.ai", "WIT_SERVER_TOKEN", "api.wit.ai", "{U32}")
R("fireflies", c, "Fireflies.ai", "FIREFLIES_API_KEY", "api.fireflies.ai", "{uuid}")
R("symbl", c, "Symbl.ai", "SYMBL_APP_SECRET", "api.symbl.ai", "{h64}", comp=("SYMBL_APP_ID", "{h64}"))
R("rossum", c, "Rossum", "ROSSUM_TOKEN", "api.elis.rossum.ai", "{h40}", hdr="Authorization: Token {v}")

# ===== CAPTCHA solving and anti-bot =============================================================================
c = "captcha"
R("twocaptcha", c, "2Captcha", "TWOCAPTCHA_API_KEY", "2captcha.com", "{h32}", hdr="?key={v}")
R("anticaptcha", c, "Anti-Captcha", "ANTICAPTCHA_KEY", "api.anti-captcha.com", "{h32}", hdr="?clientKey={v}")
R("capsolver", c, "CapSolver", "CAPSOLVER_API_KEY", "api.capsolver.com", "CAP-{H32}", hdr="?clientKey={v}")
R("capmonster", c, "CapMonster Cloud", "CAPMONSTER_API_KEY", "api.capmonster.cloud", "{h32}", hdr="?clientKey={v}")
R("deathbycaptcha", c, "DeathByCaptcha", "DBC_PASSWORD", "api.dbcapi.me", "{a14}", hdr="basic|{c}|{v}", comp=("DBC_USERNAME", "acme-scraper"))
R("nopecha", c, "NopeCHA", "NOPECHA_KEY", "api.nopecha.com", "sub_{a24}", hdr="?key={v}", documented=False)
R("recaptcha-secret", c, "Google reCAPTCHA", "RECAPTCHA_SECRET_KEY", "www.google.com", "{recaptcha}", hdr="?secret={v}", provider="recaptcha", kind="n")
R("hcaptcha-secret", c, "hCaptcha", "HCAPTCHA_SECRET", "api.hcaptcha.com", "0x{h40}", hdr="?secret={v}", provider="hcaptcha", kind="n")
R("turnstile-secret", c, "Cloudflare Turnstile", "TURNSTILE_SECRET_KEY", "challenges.cloudflare.com", "0x4AAAAAAA{s26}", hdr="?secret={v}", provider="turnstile", fixed=False)

# ===== proxies and scraping =====================================================================================
c = "scraping"
R("brightdata", c, "Bright Data", "BRIGHTDATA_API_TOKEN", "api.brightdata.com", "{h64}")
R("webshare", c, "Webshare", "WEBSHARE_API_KEY", "proxy.webshare.io", "{l40}", hdr=TOK)
R("zyte", c, "Zyte API", "ZYTE_API_KEY", "api.zyte.com", "{h32}", hdr="basic|{v}|")
R("oxylabs", c, "Oxylabs", "OXYLABS_PASSWORD", "realtime.oxylabs.io", "{a16}", hdr="basic|{c}|{v}", comp=("OXYLABS_USERNAME", "acme_{l6}"), documented=False)
R("browserless", c, "Browserless", "BROWSERLESS_TOKEN", "production-sfo.browserless.io", "{a40}", hdr="?token={v}", documented=False)
R("scrapeops", c, "ScrapeOps", "SCRAPEOPS_API_KEY", "proxy.scrapeops.io", "{uuid}", hdr="?api_key={v}")
R("crawlbase", c, "Crawlbase", "CRAWLBASE_TOKEN", "api.crawlbase.com", "{s22}", hdr="?token={v}", documented=False)
R("scrapingant", c, "ScrapingAnt", "SCRAPINGANT_API_KEY", "api.scrapingant.com", "{h32}", hdr="x-api-key: {v}")
R("browse-ai", c, "Browse AI", "BROWSEAI_API_KEY", "api.browse.ai", "{uuid}:{uuid}", provider="browseai", documented=False)
R("iproyal", c, "IPRoyal", "IPROYAL_API_TOKEN", "apid.iproyal.com", "{a40}", hdr="X-Access-Token: Bearer {v}", documented=False)
R("proxycurl", c, "Proxycurl", "PROXYCURL_API_KEY", "nubela.co", "{s22}", documented=False)
R("diffbot", c, "Diffbot", "DIFFBOT_TOKEN", "api.diffbot.com", "{h32}", hdr="?token={v}")

# ===== SEO tools ================================================================================================
c = "seo"
R("ahrefs", c, "Ahrefs", "AHREFS_API_KEY", "api.ahrefs.com", "{s40}", documented=False)
R("serper", c, "Serper", "SERPER_API_KEY", "google.serper.dev", "{h40}", hdr="X-API-KEY: {v}")
R("valueserp", c, "VALUE SERP", "VALUESERP_API_KEY", "api.valueserp.com", "{H32}", hdr="?api_key={v}")
R("zenserp", c, "Zenserp", "ZENSERP_API_KEY", "app.zenserp.com", "{uuid}", hdr="apikey: {v}")
R("serpstat", c, "Serpstat", "SERPSTAT_TOKEN", "api.serpstat.com", "{h32}", hdr="?token={v}")
R("seranking", c, "SE Ranking", "SERANKING_API_KEY", "api4.seranking.com", "{h40}", hdr="Authorization: Token {v}")
R("spyfu", c, "SpyFu", "SPYFU_SECRET_KEY", "www.spyfu.com", "{UUID}", hdr="?api_key={v}", documented=False)
R("majestic", c, "Majestic", "MAJESTIC_API_KEY", "api.majestic.com", "{H32}", hdr="?app_api_key={v}")
R("mangools", c, "Mangools", "MANGOOLS_ACCESS_TOKEN", "api.mangools.com", "{h40}", hdr="x-access-token: {v}", documented=False)
R("scrapingrobot", c, "Scraping Robot", "SCRAPINGROBOT_TOKEN", "api.scrapingrobot.com", "{uuid}", hdr="?token={v}", documented=False)
R("searchapi", c, "SearchApi", "SEARCHAPI_API_KEY", "www.searchapi.io", "{a24}", documented=False)

# ===== ad networks ==============================================================================================
c = "ads"
R("applovin", c, "AppLovin", "APPLOVIN_REPORT_KEY", "r.applovin.com", "{s86}", hdr="?api_key={v}")
R("ironsource", c, "ironSource", "IRONSOURCE_SECRET_KEY", "platform.ironsrc.com", "{h32}", hdr="basic|{c}|{v}", comp=("IRONSOURCE_USERNAME", "ads@acme.io"), documented=False)
R("taboola", c, "Taboola Backstage", "TABOOLA_CLIENT_SECRET", "backstage.taboola.com", "{h32}", hdr="?client_secret={v}", comp=("TABOOLA_CLIENT_ID", "{h32}"))
R("outbrain", c, "Outbrain Amplify", "OUTBRAIN_TOKEN", "api.outbrain.com", "{b64_48}", hdr="OB-TOKEN-V1: {v}", documented=False)
R("criteo", c, "Criteo", "CRITEO_CLIENT_SECRET", "api.criteo.com", "{s32}", comp=("CRITEO_CLIENT_ID", "{h32}"), documented=False)
R("adroll", c, "AdRoll", "ADROLL_API_KEY", "services.adroll.com", "{a32}", hdr="?apikey={v}", documented=False)
R("tradedesk", c, "The Trade Desk", "TTD_AUTH_TOKEN", "api.thetradedesk.com", "{b88}", hdr="TTD-Auth: {v}", documented=False)
R("stackadapt", c, "StackAdapt", "STACKADAPT_API_KEY", "api.stackadapt.com", "{h32}", hdr="X-AUTHORIZATION: {v}", documented=False)
R("vungle", c, "Liftoff Monetize (Vungle)", "VUNGLE_API_KEY", "report.api.vungle.com", "{h32}", hdr="Authorization: Bearer {v}", documented=False)
R("unityads", c, "Unity Ads", "UNITY_ADS_API_KEY", "monetization.api.unity.com", "{h64}", hdr="?apikey={v}", documented=False)
R("admitad", c, "Admitad", "ADMITAD_CLIENT_SECRET", "api.admitad.com", "{a30}", hdr="basic|{c}|{v}", comp=("ADMITAD_CLIENT_ID", "{a30}"))
R("awin", c, "Awin", "AWIN_API_TOKEN", "api.awin.com", "{uuid}")
R("cj", c, "CJ Affiliate", "CJ_PERSONAL_ACCESS_TOKEN", "commissions.api.cj.com", "{a26}", documented=False)
R("partnerize", c, "Partnerize", "PARTNERIZE_USER_API_KEY", "api.partnerize.com", "{a20}", hdr="basic|{c}|{v}", comp=("PARTNERIZE_APPLICATION_KEY", "{a20}"), documented=False)

# ===== mobile and app-store analytics ===========================================================================
c = "mobile"
R("revenuecat", c, "RevenueCat", "REVENUECAT_SECRET_KEY", "api.revenuecat.com", "sk_{a32}", kind="n")
R("kochava", c, "Kochava", "KOCHAVA_API_KEY", "reporting.api.kochava.com", "{UUID}", hdr="api-key: {v}")
R("singular", c, "Singular", "SINGULAR_API_KEY", "api.singular.net", "{a32}", hdr="Authorization: {v}", documented=False)
R("appfigures", c, "Appfigures", "APPFIGURES_CLIENT_KEY", "api.appfigures.com", "{h32}", hdr="X-Client-Key: {v}")
R("apptweak", c, "AppTweak", "APPTWEAK_API_KEY", "public-api.apptweak.com", "{s30}", hdr="x-apptweak-key: {v}", documented=False)
R("sensortower", c, "Sensor Tower", "SENSORTOWER_AUTH_TOKEN", "api.sensortower.com", "ST0_{s32}", hdr="?auth_token={v}", documented=False)
R("bitrise", c, "Bitrise", "BITRISE_TOKEN", "api.bitrise.io", "{s86}", hdr="Authorization: {v}")
R("codemagic", c, "Codemagic", "CODEMAGIC_API_TOKEN", "api.codemagic.io", "{s43}", hdr="x-auth-token: {v}", documented=False)
R("appcenter", c, "Visual Studio App Center", "APPCENTER_API_TOKEN", "api.appcenter.ms", "{h40}", hdr="X-API-Token: {v}")
R("instabug", c, "Instabug", "INSTABUG_TOKEN", "api.instabug.com", "{h32}", hdr=TOK, documented=False)
R("pushwoosh", c, "Pushwoosh", "PUSHWOOSH_API_TOKEN", "api.pushwoosh.com", "{a80}", hdr="Authorization: Token {v}", fixed=False)
R("embrace", c, "Embrace", "EMBRACE_API_TOKEN", "api.embrace.io", "{h32}", documented=False)
R("mobsf", c, "MobSF", "MOBSF_API_KEY", "mobsf.acme.internal", "{h64}", hdr="Authorization: {v}")

# ===== CMS / headless CMS =======================================================================================
c = "cms"
R("strapi", c, "Strapi", "STRAPI_API_TOKEN", "cms.acme.io", "{h256}", fixed=False)
R("directus", c, "Directus", "DIRECTUS_STATIC_TOKEN", "directus.acme.io", "{s32}", documented=False)
R("prismic", c, "Prismic", "PRISMIC_ACCESS_TOKEN", "acme.cdn.prismic.io", "MC5{b64_48}", hdr="?access_token={v}", fixed=False, documented=False)
R("hygraph", c, "Hygraph", "HYGRAPH_TOKEN", "api-eu-central-1.hygraph.com", "{jwt_hygraph}", fixed=False)
R("kontent", c, "Kontent.ai", "KONTENT_MANAGEMENT_KEY", "manage.kontent.ai", "{jwt_scalr}", fixed=False, provider="kontent")
R("buttercms", c, "ButterCMS", "BUTTER_CMS_TOKEN", "api.buttercms.com", "{h40}", hdr="?auth_token={v}")
R("cosmic", c, "Cosmic", "COSMIC_WRITE_KEY", "api.cosmicjs.com", "{a50}", hdr="?write_key={v}", documented=False)
R("agility", c, "Agility CMS", "AGILITY_API_KEY", "api.aglty.io", "defaultlive.{h64}", hdr="APIKey: {v}", documented=False)
R("builderio", c, "Builder.io", "BUILDER_PRIVATE_KEY", "builder.io", "bpk-{h32}")
R("squidex", c, "Squidex", "SQUIDEX_CLIENT_SECRET", "cloud.squidex.io", "{l44}", comp=("SQUIDEX_CLIENT_ID", "acme:default"), documented=False)
R("webiny", c, "Webiny", "WEBINY_API_KEY", "d1abcd.cloudfront.net", "a{h48}", documented=False)
R("caisy", c, "caisy", "CAISY_API_KEY", "cloud.caisy.io", "{s32}", hdr="x-caisy-apikey: {v}", documented=False)
R("craftcms", c, "Craft CMS", "CRAFT_GQL_TOKEN", "cms.acme.io", "{s32}", documented=False)
R("umbraco", c, "Umbraco Heartcore", "UMBRACO_API_KEY", "api.umbraco.io", "{s40}", hdr="Api-Key: {v}", documented=False)
R("payloadcms", c, "Payload", "PAYLOAD_API_KEY", "payload.acme.io", "{uuid}", hdr="Authorization: users API-Key {v}")
R("tinacms", c, "TinaCMS", "TINA_TOKEN", "content.tinajs.io", "{h40}", hdr="X-API-KEY: {v}", documented=False)

# ===== forms and surveys ========================================================================================
c = "forms"
R("tally", c, "Tally", "TALLY_API_KEY", "api.tally.so", "tly-{a32}", documented=False)
R("formstack", c, "Formstack", "FORMSTACK_ACCESS_TOKEN", "www.formstack.com", "{h32}")
R("surveymonkey", c, "SurveyMonkey", "SURVEYMONKEY_ACCESS_TOKEN", "api.surveymonkey.com", "{s64}", documented=False)
R("qualtrics", c, "Qualtrics", "QUALTRICS_API_TOKEN", "acme.qualtrics.com", "{a40}", hdr="X-API-TOKEN: {v}")
R("alchemer", c, "Alchemer", "ALCHEMER_API_SECRET", "api.alchemer.com", "{a30}", hdr="?api_token_secret={v}", comp=("ALCHEMER_API_TOKEN", "{h40}"), documented=False)
R("formspree", c, "Formspree", "FORMSPREE_API_KEY", "formspree.io", "{h32}", hdr="basic||{v}", documented=False)
R("getform", c, "Getform", "GETFORM_API_TOKEN", "api.getform.io", "{a32}", hdr="?token={v}", documented=False)
R("fillout", c, "Fillout", "FILLOUT_API_KEY", "api.fillout.com", "sk_prod_{a128}", fixed=False, documented=False)
R("paperform", c, "Paperform", "PAPERFORM_API_KEY", "api.paperform.co", "{s128}", fixed=False, documented=False)
R("wufoo", c, "Wufoo", "WUFOO_API_KEY", "acme.wufoo.com", "{U4}-{U4}-{U4}-{U4}", hdr="basic|{v}|footastic")
R("surveysparrow", c, "SurveySparrow", "SURVEYSPARROW_TOKEN", "api.surveysparrow.com", "{s64}", documented=False)
R("questionpro", c, "QuestionPro", "QUESTIONPRO_API_KEY", "api.questionpro.com", "{uuid}", hdr="api-key: {v}")
R("cognitoforms", c, "Cognito Forms", "COGNITO_FORMS_API_KEY", "www.cognitoforms.com", "{jwt_scalr}", fixed=False, provider="cognitoforms")

# ===== scheduling ===============================================================================================
c = "scheduling"
R("acuity", c, "Acuity Scheduling", "ACUITY_API_KEY", "acuityscheduling.com", "{h32}", hdr="basic|{c}|{v}", comp=("ACUITY_USER_ID", "{d8}"))
R("savvycal", c, "SavvyCal", "SAVVYCAL_TOKEN", "api.savvycal.com", "pt_secret_{h32}", documented=False)
R("cronofy", c, "Cronofy", "CRONOFY_CLIENT_SECRET", "api.cronofy.com", "CRN_{s50}", comp=("CRONOFY_CLIENT_ID", "{s32}"), documented=False)
R("setmore", c, "Setmore", "SETMORE_REFRESH_TOKEN", "developer.setmore.com", "r1/{s40}", hdr="?refreshToken={v}", documented=False)
R("simplybook", c, "SimplyBook.me", "SIMPLYBOOK_API_KEY", "user-api.simplybook.me", "{h64}", hdr="X-Token: {v}", comp=("SIMPLYBOOK_COMPANY", "acmeclinic"))
R("mindbody", c, "Mindbody", "MINDBODY_API_KEY", "api.mindbodyonline.com", "{h32}", hdr="Api-Key: {v}")
R("youcanbookme", c, "YouCanBook.me", "YCBM_PASSWORD", "api.youcanbook.me", "{uuid}", hdr="basic|ops@acme.io|{v}")
R("chilipiper", c, "Chili Piper", "CHILIPIPER_API_TOKEN", "fire.chilipiper.com", "{s40}", documented=False)
R("oncehub", c, "OnceHub", "ONCEHUB_API_KEY", "api.oncehub.com", "{h32}", hdr="API-Key: {v}")
R("doodle", c, "Doodle", "DOODLE_API_TOKEN", "api.doodle.com", "{a40}", documented=False)

# ===== HR and payroll ===========================================================================================
c = "hr"
R("gusto", c, "Gusto", "GUSTO_ACCESS_TOKEN", "api.gusto.com", "{s43}", documented=False)
R("deel", c, "Deel", "DEEL_API_TOKEN", "api.letsdeel.com", "{s64}", documented=False)
R("remote", c, "Remote.com", "REMOTE_API_TOKEN", "gateway.remote.com", "ra_live_{s48}", documented=False)
R("paylocity", c, "Paylocity", "PAYLOCITY_CLIENT_SECRET", "api.paylocity.com", "{b88}", comp=("PAYLOCITY_CLIENT_ID", "{a32}"), documented=False)
R("namely", c, "Namely", "NAMELY_ACCESS_TOKEN", "acme.namely.com", "{s64}", documented=False)
R("sagehr", c, "Sage HR", "SAGEHR_API_KEY", "acme.sage.hr", "{h40}", hdr="X-Auth-Token: {v}")
R("breathehr", c, "Breathe HR", "BREATHE_API_KEY", "api.breathehr.com", "{uuid}", hdr="X-API-KEY: {v}")
R("kenjo", c, "Kenjo", "KENJO_API_KEY", "api.kenjo.io", "{h64}", documented=False)
R("lattice", c, "Lattice", "LATTICE_API_KEY", "api.latticehq.com", "{s40}", documented=False)
R("cultureamp", c, "Culture Amp", "CULTUREAMP_CLIENT_SECRET", "api.cultureamp.com", "{a48}", comp=("CULTUREAMP_CLIENT_ID", "{uuid}"), documented=False)
R("fifteenfive", c, "15Five", "FIFTEENFIVE_API_KEY", "my.15five.com", "{h40}", documented=False)
R("oyster", c, "Oyster HR", "OYSTER_CLIENT_SECRET", "api.oysterhr.com", "{s43}", comp=("OYSTER_CLIENT_ID", "{s43}"), documented=False)
R("justworks", c, "Justworks", "JUSTWORKS_CLIENT_SECRET", "public-api.justworks.com", "{a64}", comp=("JUSTWORKS_CLIENT_ID", "{a32}"), documented=False)
R("trinet", c, "TriNet (Zenefits)", "ZENEFITS_API_TOKEN", "api.zenefits.com", "{a20}", documented=False)

# ===== accounting ===============================================================================================
c = "accounting"
R("freshbooks", c, "FreshBooks", "FRESHBOOKS_CLIENT_SECRET", "api.freshbooks.com", "{h64}", comp=("FRESHBOOKS_CLIENT_ID", "{h64}"))
R("sevdesk", c, "sevDesk", "SEVDESK_API_TOKEN", "my.sevdesk.de", "{h32}", hdr="Authorization: {v}")
R("lexoffice", c, "lexoffice", "LEXOFFICE_API_KEY", "api.lexoffice.io", "{s44}", documented=False)
R("moneybird", c, "Moneybird", "MONEYBIRD_TOKEN", "moneybird.com", "{h64}")
R("economic", c, "e-conomic", "ECONOMIC_APP_SECRET_TOKEN", "restapi.e-conomic.com", "{a42}", hdr="X-AppSecretToken: {v}", comp=("ECONOMIC_AGREEMENT_GRANT_TOKEN", "{a42}"), documented=False)
R("fortnox", c, "Fortnox", "FORTNOX_CLIENT_SECRET", "api.fortnox.se", "{a10}", comp=("FORTNOX_CLIENT_ID", "{a12}"), documented=False)
R("tripletex", c, "Tripletex", "TRIPLETEX_EMPLOYEE_TOKEN", "tripletex.no", "eyJ0b2tlbklkIjo{b64_48}", hdr="basic|0|{v}", fixed=False, documented=False)
R("holded", c, "Holded", "HOLDED_API_KEY", "api.holded.com", "{h32}", hdr="key: {v}")
R("exactonline", c, "Exact Online", "EXACT_CLIENT_SECRET", "start.exactonline.nl", "{a12}", comp=("EXACT_CLIENT_ID", "{uuid}"), documented=False)
R("freeagent", c, "FreeAgent", "FREEAGENT_APP_SECRET", "api.freeagent.com", "{s22}", comp=("FREEAGENT_APP_ID", "{s22}"), documented=False)
R("myob", c, "MYOB", "MYOB_API_SECRET", "api.myob.com", "{a24}", comp=("MYOB_API_KEY", "{uuid}"), documented=False)
R("pennylane", c, "Pennylane", "PENNYLANE_API_TOKEN", "app.pennylane.com", "{s43}", documented=False)
R("billingo", c, "Billingo", "BILLINGO_API_KEY", "api.billingo.hu", "{uuid}", hdr="X-API-KEY: {v}")
R("zohobooks", c, "Zoho Books", "ZOHO_BOOKS_REFRESH_TOKEN", "www.zohoapis.com", "1000.{h32}.{h32}", hdr="Authorization: Zoho-oauthtoken {v}")

# ===== e-signature ==============================================================================================
c = "esign"
R("signnow", c, "signNow", "SIGNNOW_BASIC_TOKEN", "api.signnow.com", "{b88}", hdr="Authorization: Basic {v}", documented=False)
R("yousign", c, "Yousign", "YOUSIGN_API_KEY", "api.yousign.app", "{a32}")
R("zohosign", c, "Zoho Sign", "ZOHO_SIGN_TOKEN", "sign.zoho.com", "1000.{h32}.{h32}", hdr="Authorization: Zoho-oauthtoken {v}")
R("signwell", c, "SignWell", "SIGNWELL_API_KEY", "www.signwell.com", "YWNjZXNz{b40}", hdr="X-Api-Key: {v}", fixed=False, documented=False)
R("boldsign", c, "BoldSign", "BOLDSIGN_API_KEY", "api.boldsign.com", "{b56}", hdr="X-API-KEY: {v}", documented=False)
R("docuseal", c, "DocuSeal", "DOCUSEAL_API_KEY", "api.docuseal.com", "{a40}", hdr="X-Auth-Token: {v}")
R("skribble", c, "Skribble", "SKRIBBLE_API_KEY", "api.skribble.com", "api_{a28}", hdr="basic|{c}|{v}", comp=("SKRIBBLE_USERNAME", "api_acme_{h6}"), documented=False, kind="n")
R("scrive", c, "Scrive", "SCRIVE_TOKEN_SECRET", "scrive.com", "{h16}", hdr="Authorization: oauth_signature_method=\"PLAINTEXT\", oauth_token_secret=\"{v}\"",
  comp=("SCRIVE_TOKEN", "{h16}_{d5}"), documented=False)
R("eversign", c, "eversign (Xodo Sign)", "EVERSIGN_ACCESS_KEY", "api.eversign.com", "{h32}", hdr="?access_key={v}")
R("signeasy", c, "Signeasy", "SIGNEASY_ACCESS_TOKEN", "api.signeasy.com", "{s40}", documented=False)
R("adobesign", c, "Adobe Acrobat Sign", "ADOBE_SIGN_INTEGRATION_KEY", "api.na1.adobesign.com", "3AAABL{s94}", fixed=False)

# ===== video and streaming ======================================================================================
c = "video"
R("apivideo", c, "api.video", "APIVIDEO_API_KEY", "ws.api.video", "{a43}", hdr="basic|{v}|")
R("wistia", c, "Wistia", "WISTIA_API_TOKEN", "api.wistia.com", "{h64}")
R("jwplayer", c, "JW Player", "JWPLAYER_API_SECRET", "api.jwplayer.com", "{s48}", comp=("JWPLAYER_SITE_ID", "{a8}"), documented=False)
R("brightcove", c, "Brightcove", "BRIGHTCOVE_CLIENT_SECRET", "oauth.brightcove.com", "{s86}", hdr="basic|{c}|{v}", comp=("BRIGHTCOVE_CLIENT_ID", "{uuid}"))
R("kaltura", c, "Kaltura", "KALTURA_ADMIN_SECRET", "www.kaltura.com", "{h32}", hdr="?secret={v}", comp=("KALTURA_PARTNER_ID", "{d7}"))
R("vidyard", c, "Vidyard", "VIDYARD_API_TOKEN", "api.vidyard.com", "{s43}", documented=False)
R("dacast", c, "Dacast", "DACAST_API_KEY", "developer.dacast.com", "{d6}_{h20}", hdr="X-Api-Key: {v}", documented=False)
R("livepeer", c, "Livepeer Studio", "LIVEPEER_API_KEY", "livepeer.studio", "{uuid}")
R("agora", c, "Agora", "AGORA_APP_CERTIFICATE", "api.agora.io", "{h32}", hdr="basic|{c}|{v}", comp=("AGORA_APP_ID", "{h32}"))
R("hms", c, "100ms", "HMS_APP_SECRET", "api.100ms.live", "{s64}", comp=("HMS_ACCESS_KEY", "{h24}"), documented=False)
R("dailyco", c, "Daily", "DAILY_API_KEY", "api.daily.co", "{h64}")
R("whereby", c, "Whereby", "WHEREBY_API_KEY", "api.whereby.dev", "{jwt_scalr}", fixed=False, provider="whereby")
R("gumlet", c, "Gumlet", "GUMLET_API_KEY", "api.gumlet.com", "{h32}")
R("streamelements", c, "StreamElements", "STREAMELEMENTS_JWT", "api.streamelements.com", "{jwt_streamelements}", fixed=False)
R("restream", c, "Restream", "RESTREAM_CLIENT_SECRET", "api.restream.io", "{h64}", comp=("RESTREAM_CLIENT_ID", "{uuid}"), documented=False)
R("sproutvideo", c, "SproutVideo", "SPROUTVIDEO_API_KEY", "api.sproutvideo.com", "{h32}", hdr="SproutVideo-Api-Key: {v}")

# ===== game servers and game backends ===========================================================================
c = "games"
R("nitrado", c, "Nitrado", "NITRADO_TOKEN", "api.nitrado.net", "{s100}", fixed=False, documented=False)
R("hathora", c, "Hathora", "HATHORA_TOKEN", "api.hathora.dev", "hat_{s40}", documented=False)
R("edgegap", c, "Edgegap", "EDGEGAP_TOKEN", "api.edgegap.com", "{uuid}", hdr="Authorization: token {v}")
R("nakama", c, "Nakama", "NAKAMA_SERVER_KEY", "nakama.acme.games", "{a20}", hdr="basic|{v}|")
R("photon", c, "Photon", "PHOTON_APP_ID", "ns.photonengine.io", "{uuid}", hdr="?appid={v}", nm=False)
R("modio", c, "mod.io", "MODIO_API_KEY", "api.mod.io", "{h32}", hdr="?api_key={v}")
R("roblox", c, "Roblox Open Cloud", "ROBLOX_API_KEY", "apis.roblox.com", "{roblox}", hdr="x-api-key: {v}", fixed=False)
R("battlemetrics", c, "BattleMetrics", "BATTLEMETRICS_TOKEN", "api.battlemetrics.com", "{jwt_battlemetrics}", fixed=False)
R("lootlocker", c, "LootLocker", "LOOTLOCKER_SERVER_KEY", "api.lootlocker.io", "prod_{h32}", hdr="x-server-key: {v}", documented=False, kind="n")
R("braincloud", c, "brainCloud", "BRAINCLOUD_SECRET", "api.braincloudservers.com", "{uuid}", hdr="X-APPID: {c}", comp=("BRAINCLOUD_APP_ID", "{d5}"))
R("beamable", c, "Beamable", "BEAMABLE_SECRET", "api.beamable.com", "{uuid}", documented=False)
R("accelbyte", c, "AccelByte", "ACCELBYTE_CLIENT_SECRET", "demo.accelbyte.io", "{s32}", comp=("ACCELBYTE_CLIENT_ID", "{h32}"), documented=False)
R("rcon", c, "Source RCON", "RCON_PASSWORD", "203.0.113.40", "{a20}", hdr="basic||{v}", provider="rcon", documented=False)
R("cubecoders", c, "AMP (CubeCoders)", "AMP_API_TOKEN", "amp.acme.games", "{uuid}", provider="cubecoders")

# ===== blockchain nodes and explorers ===========================================================================
c = "blockchain"
R("chainstack", c, "Chainstack", "CHAINSTACK_API_KEY", "api.chainstack.com", "{s43}", documented=False)
R("blastapi", c, "Blast API", "BLAST_PROJECT_ID", "eth-mainnet.blastapi.io", "{uuid}", hdr="/{v}")
R("nownodes", c, "NOWNodes", "NOWNODES_API_KEY", "eth.nownodes.io", "{uuid}", hdr="api-key: {v}")
R("chainbase", c, "Chainbase", "CHAINBASE_API_KEY", "api.chainbase.online", "{a27}", hdr="x-api-key: {v}", documented=False)
R("thegraph", c, "The Graph", "GRAPH_API_KEY", "gateway.thegraph.com", "{h32}", hdr="/api/{v}/subgraphs/name/uniswap/v3")
R("polygonscan", c, "Polygonscan", "POLYGONSCAN_API_KEY", "api.polygonscan.com", "{U34}", hdr="?apikey={v}")
R("arbiscan", c, "Arbiscan", "ARBISCAN_API_KEY", "api.arbiscan.io", "{U34}", hdr="?apikey={v}")
R("snowtrace", c, "Snowtrace", "SNOWTRACE_API_KEY", "api.snowtrace.io", "{U34}", hdr="?apikey={v}", documented=False)
R("nansen", c, "Nansen", "NANSEN_API_KEY", "api.nansen.ai", "{a32}", hdr="apiKey: {v}", documented=False)
R("glassnode", c, "Glassnode", "GLASSNODE_API_KEY", "api.glassnode.com", "{a27}", hdr="?api_key={v}", documented=False)
R("messari", c, "Messari", "MESSARI_API_KEY", "data.messari.io", "{uuid}", hdr="x-messari-api-key: {v}")
R("cryptoapis", c, "Crypto APIs", "CRYPTOAPIS_KEY", "rest.cryptoapis.io", "{h40}", hdr="X-API-Key: {v}")
R("blockchair", c, "Blockchair", "BLOCKCHAIR_KEY", "api.blockchair.com", "{a32}", hdr="?key={v}", documented=False)
R("tenderly", c, "Tenderly", "TENDERLY_ACCESS_KEY", "api.tenderly.co", "{a32}", hdr="X-Access-Key: {v}")
R("trongrid", c, "TronGrid", "TRON_PRO_API_KEY", "api.trongrid.io", "{uuid}", hdr="TRON-PRO-API-KEY: {v}")
R("subscan", c, "Subscan", "SUBSCAN_API_KEY", "polkadot.api.subscan.io", "{h32}", hdr="X-API-Key: {v}")
R("solscan", c, "Solscan", "SOLSCAN_API_KEY", "pro-api.solscan.io", "{jwt_solscan}", hdr="token: {v}", fixed=False)
R("hiro", c, "Hiro", "HIRO_API_KEY", "api.hiro.so", "{h32}", hdr="x-api-key: {v}")
R("blockdaemon", c, "Blockdaemon", "BLOCKDAEMON_API_KEY", "svc.blockdaemon.com", "{s48}", documented=False)
R("drpc", c, "dRPC", "DRPC_KEY", "lb.drpc.org", "{s44}", hdr="?dkey={v}", documented=False)
R("kaiko", c, "Kaiko", "KAIKO_API_KEY", "us.market-api.kaiko.io", "{h32}", hdr="X-Api-Key: {v}")
R("amberdata", c, "Amberdata", "AMBERDATA_API_KEY", "api.amberdata.com", "UAK{h29}", hdr="x-api-key: {v}")

# ===== DNS, domains, hosting panels =============================================================================
c = "hosting"
R("porkbun", c, "Porkbun", "PORKBUN_SECRET_API_KEY", "api.porkbun.com", "sk1_{h64}", hdr="X-Secret-API-Key: {v}", comp=("PORKBUN_API_KEY", "pk1_{h64}"), checked=True)
R("namecheap", c, "Namecheap", "NAMECHEAP_API_KEY", "api.namecheap.com", "{h32}", hdr="?ApiKey={v}", comp=("NAMECHEAP_API_USER", "acmeops"))
R("godaddy", c, "GoDaddy", "GODADDY_API_SECRET", "api.godaddy.com", "{a22}", hdr="Authorization: sso-key {c}:{v}", comp=("GODADDY_API_KEY", "{a12}_{a22}"))
R("gandi", c, "Gandi", "GANDI_PAT", "api.gandi.net", "{h40}")
R("namecom", c, "Name.com", "NAMECOM_TOKEN", "api.name.com", "{h40}", hdr="basic|{c}|{v}", comp=("NAMECOM_USERNAME", "acmeops"))
R("dynadot", c, "Dynadot", "DYNADOT_API_KEY", "api.dynadot.com", "{a30}", hdr="?key={v}", documented=False)
R("namesilo", c, "NameSilo", "NAMESILO_API_KEY", "www.namesilo.com", "{h24}", hdr="?key={v}")
R("dnsimple", c, "DNSimple", "DNSIMPLE_TOKEN", "api.dnsimple.com", "dnsimple_a_{a32}", documented=False)
R("duckdns", c, "Duck DNS", "DUCKDNS_TOKEN", "www.duckdns.org", "{uuid}", hdr="?token={v}")
R("desec", c, "deSEC", "DESEC_TOKEN", "desec.io", "{s28}", hdr=TOK)
R("cloudns", c, "ClouDNS", "CLOUDNS_AUTH_PASSWORD", "api.cloudns.net", "{a16}", hdr="?auth-password={v}", comp=("CLOUDNS_AUTH_ID", "{d5}"))
R("ns1", c, "NS1", "NS1_API_KEY", "api.nsone.net", "{a20}", hdr="X-NSONE-Key: {v}")
R("dnsmadeeasy", c, "DNS Made Easy", "DME_SECRET_KEY", "api.dnsmadeeasy.com", "{uuid}", hdr="x-dnsme-hmac: {v}", comp=("DME_API_KEY", "{uuid}"))
R("powerdns", c, "PowerDNS", "PDNS_API_KEY", "pdns.acme.internal", "{a24}", hdr="X-API-Key: {v}")
R("cpanel", c, "cPanel", "CPANEL_API_TOKEN", "acme.example-host.net:2083", "{u32}", hdr="Authorization: cpanel {c}:{v}", comp=("CPANEL_USER", "acmeco"))
R("plesk", c, "Plesk", "PLESK_API_KEY", "plesk.acme.io:8443", "{uuid}", hdr="X-API-Key: {v}")
R("hostinger", c, "Hostinger", "HOSTINGER_API_TOKEN", "developers.hostinger.com", "{a48}", documented=False)
R("kinsta", c, "Kinsta", "KINSTA_API_KEY", "api.kinsta.com", "{h64}")
R("cloudways", c, "Cloudways", "CLOUDWAYS_API_KEY", "api.cloudways.com", "{a30}", hdr="?api_key={v}", documented=False)
R("forge", c, "Laravel Forge", "FORGE_API_TOKEN", "forge.laravel.com", "{jwt_forge}", fixed=False)
R("ploi", c, "Ploi", "PLOI_API_TOKEN", "ploi.io", "{jwt_forge}", fixed=False, provider="ploi")
R("runcloud", c, "RunCloud", "RUNCLOUD_API_SECRET", "manage.runcloud.io", "{a64}", hdr="basic|{c}|{v}", comp=("RUNCLOUD_API_KEY", "{a40}"), documented=False)
R("spinupwp", c, "SpinupWP", "SPINUPWP_API_TOKEN", "api.spinupwp.app", "{a40}", documented=False)
R("caprover", c, "CapRover", "CAPROVER_APP_TOKEN", "captain.acme.io", "{h64}", hdr="x-captain-app-token: {v}")

# ===== VPN and network gear =====================================================================================
c = "network"
R("zerotier", c, "ZeroTier Central", "ZEROTIER_API_TOKEN", "api.zerotier.com", "{a32}", hdr="Authorization: token {v}")
R("netbird", c, "NetBird", "NETBIRD_API_TOKEN", "api.netbird.io", "nbp_{a36}", hdr="Authorization: Token {v}")
R("meraki", c, "Cisco Meraki", "MERAKI_DASHBOARD_API_KEY", "api.meraki.com", "{h40}", hdr="X-Cisco-Meraki-API-Key: {v}")
R("unifi", c, "UniFi Site Manager", "UNIFI_API_KEY", "api.ui.com", "{s32}", hdr="X-API-KEY: {v}", documented=False)
R("opnsense", c, "OPNsense", "OPNSENSE_API_SECRET", "fw.acme.internal", "{b80}", hdr="basic|{c}|{v}", comp=("OPNSENSE_API_KEY", "{b80}"))
R("fortigate", c, "FortiGate", "FORTIGATE_API_KEY", "fw01.acme.internal", "{a30}", hdr="?access_token={v}")
R("panos", c, "PAN-OS", "PANOS_API_KEY", "fw02.acme.internal", "LUFRPT{b70}", hdr="X-PAN-KEY: {v}", fixed=False)
R("mist", c, "Juniper Mist", "MIST_API_TOKEN", "api.mist.com", "{a80}", hdr="Authorization: Token {v}", documented=False)
R("twingate", c, "Twingate", "TWINGATE_API_KEY", "acme.twingate.com", "{s86}", hdr="X-API-KEY: {v}", documented=False)
R("mullvad", c, "Mullvad VPN", "MULLVAD_ACCOUNT", "api.mullvad.net", "{d16}", hdr="/accounts/v1/accounts/{v}", documented=True)
R("headscale", c, "Headscale", "HEADSCALE_API_KEY", "headscale.acme.io", "{s10}.{s32}", documented=False)
R("pritunl", c, "Pritunl", "PRITUNL_API_SECRET", "vpn.acme.io", "{a32}", hdr="Auth-Token: {c}", comp=("PRITUNL_API_TOKEN", "{a32}"))
R("netmaker", c, "Netmaker", "NETMAKER_MASTER_KEY", "api.nm.acme.io", "{a32}", documented=False)
R("aruba", c, "Aruba Central", "ARUBA_CLIENT_SECRET", "apigw-prod2.central.arubanetworks.com", "{a32}", comp=("ARUBA_CLIENT_ID", "{a32}"), documented=False)

# ===== home automation and energy ===============================================================================
c = "homeauto"
R("openhab", c, "openHAB", "OPENHAB_TOKEN", "openhab.acme.home:8443", "oh.homeassistant.{a86}", fixed=False, documented=False)
R("hubitat", c, "Hubitat", "HUBITAT_ACCESS_TOKEN", "cloud.hubitat.com", "{uuid}", hdr="?access_token={v}")
R("homey", c, "Homey", "HOMEY_API_KEY", "api.athom.com", "{uuid}:{uuid}:{h40}", fixed=False)
R("nanoleaf", c, "Nanoleaf", "NANOLEAF_AUTH_TOKEN", "192.168.1.44:16021", "{a32}", hdr="/api/v1/{v}/state")
R("shelly", c, "Shelly Cloud", "SHELLY_AUTH_KEY", "shelly-12-eu.shelly.cloud", "{a64}{h8}", hdr="?auth_key={v}", documented=False)
R("tado", c, "tado°", "TADO_REFRESH_TOKEN", "my.tado.com", "{s86}", documented=False)
R("rachio", c, "Rachio", "RACHIO_API_KEY", "api.rach.io", "{uuid}")
R("ambientweather", c, "Ambient Weather", "AMBIENT_API_KEY", "rt.ambientweather.net", "{h64}", hdr="?apiKey={v}", comp=("AMBIENT_APPLICATION_KEY", "{h64}"))
R("enphase", c, "Enphase", "ENPHASE_API_KEY", "api.enphaseenergy.com", "{h32}", hdr="?key={v}")
R("solaredge", c, "SolarEdge", "SOLAREDGE_API_KEY", "monitoringapi.solaredge.com", "{U32}", hdr="?api_key={v}")
R("wyze", c, "Wyze", "WYZE_API_KEY", "api.wyzecam.com", "{a60}", hdr="apikey: {v}", comp=("WYZE_KEY_ID", "{uuid}"), documented=False)
R("awair", c, "Awair", "AWAIR_ACCESS_TOKEN", "developer-apis.awair.is", "{jwt_scalr}", fixed=False, provider="awair")
R("domoticz", c, "Domoticz", "DOMOTICZ_PASSWORD", "domoticz.acme.home:8080", "{a14}", hdr="basic|admin|{v}", documented=False)
R("fibaro", c, "Fibaro Home Center", "FIBARO_PASSWORD", "hc3.acme.home", "{a16}", hdr="basic|admin|{v}", documented=False)

# ===== observability and incident tools =========================================================================
c = "observability"
R("coralogix", c, "Coralogix", "CORALOGIX_PRIVATE_KEY", "ingress.eu2.coralogix.com", "cxtp_{a30}", documented=False)
R("lightstep", c, "ServiceNow Cloud Observability (Lightstep)", "LIGHTSTEP_ACCESS_TOKEN", "ingest.lightstep.com", "{b100}", hdr="lightstep-access-token: {v}", fixed=False)
R("signoz", c, "SigNoz", "SIGNOZ_INGESTION_KEY", "ingest.eu.signoz.cloud", "{uuid}", hdr="signoz-ingestion-key: {v}")
R("highlight", c, "Highlight.io", "HIGHLIGHT_API_KEY", "pub.highlight.io", "{a32}", documented=False)
R("appsignal", c, "AppSignal", "APPSIGNAL_PUSH_API_KEY", "push.appsignal.com", "{uuid}", hdr="?api_key={v}")
R("scoutapm", c, "Scout APM", "SCOUT_KEY", "checkin.scoutapp.com", "{a20}", hdr="?key={v}")
R("raygun", c, "Raygun", "RAYGUN_API_KEY", "api.raygun.com", "{a22}", hdr="X-ApiKey: {v}")
R("airbrake", c, "Airbrake", "AIRBRAKE_PROJECT_KEY", "api.airbrake.io", "{h32}", hdr="?key={v}")
R("instana", c, "IBM Instana", "INSTANA_AGENT_KEY", "ingress-red-saas.instana.io", "{s22}", hdr="x-instana-key: {v}")
R("rootly", c, "Rootly", "ROOTLY_API_TOKEN", "api.rootly.com", "rootly_{h64}")
R("firehydrant", c, "FireHydrant", "FIREHYDRANT_API_KEY", "api.firehydrant.io", "fhb-{h32}", hdr="Authorization: {v}")
R("incidentio", c, "incident.io", "INCIDENT_IO_API_KEY", "api.incident.io", "inc_{h64}", documented=False)
R("squadcast", c, "Squadcast", "SQUADCAST_REFRESH_TOKEN", "auth.squadcast.com", "{h40}", hdr="X-Refresh-Token: {v}")
R("victorops", c, "Splunk On-Call", "VICTOROPS_API_KEY", "api.victorops.com", "{h32}", hdr="X-VO-Api-Key: {v}", comp=("VICTOROPS_API_ID", "{h8}"))
R("uptimekuma", c, "Uptime Kuma", "UPTIME_KUMA_API_KEY", "status.acme.io", "uk1_{a40}", hdr="basic||{v}", documented=False)
R("statuscake", c, "StatusCake", "STATUSCAKE_API_TOKEN", "api.statuscake.com", "{a20}")
R("pingdom", c, "Pingdom", "PINGDOM_API_TOKEN", "api.pingdom.com", "{s64}", documented=False)
R("site24x7", c, "Site24x7", "SITE24X7_REFRESH_TOKEN", "accounts.zoho.com", "1000.{h32}.{h32}", hdr="Authorization: Zoho-oauthtoken {v}")
R("hyperping", c, "Hyperping", "HYPERPING_API_KEY", "api.hyperping.io", "sk_{h40}", kind="n", documented=False)
R("seq", c, "Seq", "SEQ_API_KEY", "seq.acme.internal", "{a20}", hdr="X-Seq-ApiKey: {v}")
R("deadmanssnitch", c, "Dead Man's Snitch", "DMS_API_KEY", "api.deadmanssnitch.com", "{h32}", hdr="basic|{v}|")
R("dash0", c, "Dash0", "DASH0_AUTH_TOKEN", "ingress.eu-west-1.aws.dash0.com", "auth_{a40}", documented=False, kind="n")
R("groundcover", c, "groundcover", "GROUNDCOVER_API_KEY", "api.groundcover.com", "{a40}", documented=False)

# ===== CI/CD and artifact stores ================================================================================
c = "cicd"
R("codefresh", c, "Codefresh", "CF_API_KEY", "g.codefresh.io", "{h24}.{h32}", hdr="Authorization: {v}")
R("appveyor", c, "AppVeyor", "APPVEYOR_API_TOKEN", "ci.appveyor.com", "v2.{a20}", documented=False)
R("teamcity", c, "TeamCity", "TEAMCITY_TOKEN", "teamcity.acme.io", "eyJ0eXAiOiAiVENWMiJ9.{s36}.{s48}", fixed=False)
R("woodpecker", c, "Woodpecker CI", "WOODPECKER_TOKEN", "ci.acme.io", "{jwt_scalr}", fixed=False, provider="woodpecker")
R("depot", c, "Depot", "DEPOT_TOKEN", "api.depot.dev", "depot_org_{h64}", documented=False)
R("nxcloud", c, "Nx Cloud", "NX_CLOUD_ACCESS_TOKEN", "cloud.nx.app", "{b64_48}", hdr="authorization: {v}", documented=False)
R("develocity", c, "Develocity", "DEVELOCITY_ACCESS_KEY", "ge.acme.io", "{l52}", hdr="Authorization: Bearer {v}")
R("cloudsmith", c, "Cloudsmith", "CLOUDSMITH_API_KEY", "api.cloudsmith.io", "{h40}", hdr="X-Api-Key: {v}")
R("packagecloud", c, "packagecloud", "PACKAGECLOUD_TOKEN", "packagecloud.io", "{h48}", hdr="basic|{v}|")
R("gemfury", c, "Gemfury", "FURY_PUSH_TOKEN", "push.fury.io", "{s20}", hdr="basic|{v}|")
R("quay", c, "Quay.io", "QUAY_OAUTH_TOKEN", "quay.io", "{a40}")
R("proget", c, "ProGet", "PROGET_API_KEY", "proget.acme.internal", "{h40}", hdr="X-ApiKey: {v}", documented=False)
R("chocolatey", c, "Chocolatey", "CHOCO_API_KEY", "push.chocolatey.org", "{uuid}", hdr="X-NuGet-ApiKey: {v}")
R("anaconda", c, "Anaconda.org", "ANACONDA_API_TOKEN", "api.anaconda.org", "{l2}-{uuid}", hdr="Authorization: token {v}", documented=False)
R("cachix", c, "Cachix", "CACHIX_AUTH_TOKEN", "app.cachix.org", "{jwt_scalr}", fixed=False, provider="cachix")
R("cirrus", c, "Cirrus CI", "CIRRUS_API_TOKEN", "api.cirrus-ci.com", "{s86}", documented=False)
R("concourse", c, "Concourse", "CONCOURSE_PASSWORD", "ci.acme.io", "{a20}", hdr="basic|admin|{v}", documented=False)
R("argocd", c, "Argo CD", "ARGOCD_AUTH_TOKEN", "argocd.acme.io", "{jwt_scalr}", fixed=False, provider="argocd")
R("fossa", c, "FOSSA", "FOSSA_API_KEY", "app.fossa.com", "{h32}")
R("socketdev", c, "Socket", "SOCKET_SECURITY_API_KEY", "api.socket.dev", "sktsec_{a40}_api", hdr="basic|{v}|", documented=False)
R("semgrep", c, "Semgrep", "SEMGREP_APP_TOKEN", "semgrep.dev", "{h64}")
R("deepsource", c, "DeepSource", "DEEPSOURCE_DSN", "app.deepsource.com", "https://{h32}@app.deepsource.com", documented=False)
R("earthly", c, "Earthly", "EARTHLY_TOKEN", "api.earthly.dev", "{s40}", documented=False)

# ===== internal developer platforms =============================================================================
c = "idp"
R("backstage", c, "Backstage", "BACKEND_SECRET", "backstage.acme.io", "{b44}", hdr="Authorization: Bearer {v}", documented=False)
R("port", c, "Port", "PORT_CLIENT_SECRET", "api.getport.io", "{a64}", comp=("PORT_CLIENT_ID", "{a32}"), documented=False)
R("cortex", c, "Cortex", "CORTEX_API_TOKEN", "api.getcortexapp.com", "{s100}", fixed=False, documented=False)
R("opslevel", c, "OpsLevel", "OPSLEVEL_API_TOKEN", "app.opslevel.com", "{a40}", documented=False)
R("humanitec", c, "Humanitec", "HUMANITEC_TOKEN", "api.humanitec.io", "{s43}", documented=False)
R("roadie", c, "Roadie", "ROADIE_API_TOKEN", "api.roadie.so", "{jwt_scalr}", fixed=False, provider="roadie")
R("spacelift", c, "Spacelift", "SPACELIFT_API_KEY_SECRET", "acme.app.spacelift.io", "{h64}", comp=("SPACELIFT_API_KEY_ID", "01{U24}"))
R("env0", c, "env0", "ENV0_API_SECRET", "api.env0.com", "{s32}", hdr="basic|{c}|{v}", comp=("ENV0_API_KEY", "{l16}"), documented=False)
R("scalr", c, "Scalr", "SCALR_TOKEN", "acme.scalr.io", "{jwt_scalr}", fixed=False)
R("qovery", c, "Qovery", "QOVERY_API_TOKEN", "api.qovery.com", "qov_{a60}", hdr="Authorization: Token {v}", documented=False)
R("massdriver", c, "Massdriver", "MASSDRIVER_API_KEY", "api.massdriver.cloud", "{uuid}", documented=False)
R("configure8", c, "configure8", "C8_API_KEY", "app.configure8.io", "{a48}", hdr="Api-Key: {v}", documented=False)
R("infisical", c, "Infisical", "INFISICAL_TOKEN", "app.infisical.com", "st.{uuid}.{h32}.{h32}", provider="infisical", fixed=False)

# ===== common providers, in new places ===========================================================================
c = "cloud"
R("aws", c, "AWS", "AWS_ACCESS_KEY_ID", "sts.amazonaws.com", "{akia}", hdr="basic|{v}|{c}", comp=("AWS_SECRET_ACCESS_KEY", "{b40}"), kind="p")
R("aws-secret", c, "AWS", "AWS_SECRET_ACCESS_KEY", "sts.amazonaws.com", "{b40}", hdr="X-Amz-Security-Token: {v}", provider="aws", kind="n")
R("google-api", c, "Google Cloud", "GOOGLE_API_KEY", "maps.googleapis.com", "AIza{s35}", hdr="?key={v}", provider="google")
R("google-oauth", c, "Google OAuth", "GOOGLE_CLIENT_SECRET", "oauth2.googleapis.com", "GOCSPX-{s28}", hdr="?client_secret={v}", provider="google",
  comp=("GOOGLE_CLIENT_ID", "{d12}-{l32}.apps.googleusercontent.com"))
R("azure-ad", c, "Azure", "AZURE_CLIENT_SECRET", "login.microsoftonline.com", "{a3}8Q~{s34}", hdr="?client_secret={v}", provider="azure", comp=("AZURE_CLIENT_ID", "{uuid}"))
R("azure-storage", c, "Azure Storage", "AZURE_STORAGE_KEY", "acme.blob.core.windows.net", "{azkey}", hdr="x-ms-key: {v}", provider="azure")
R("digitalocean", c, "DigitalOcean", "DIGITALOCEAN_TOKEN", "api.digitalocean.com", "dop_v1_{h64}")
R("cloudflare", c, "Cloudflare", "CLOUDFLARE_API_TOKEN", "api.cloudflare.com", "{s40}")
R("heroku", c, "Heroku", "HEROKU_API_KEY", "api.heroku.com", "HRKU-AA{s58}", fixed=False)
R("flyio", c, "Fly.io", "FLY_API_TOKEN", "api.machines.dev", "FlyV1 fm2_{b180}", fixed=False)
R("vercel", c, "Vercel", "VERCEL_TOKEN", "api.vercel.com", "{a24}")
R("netlify", c, "Netlify", "NETLIFY_AUTH_TOKEN", "api.netlify.com", "nfp_{a36}")
R("supabase", c, "Supabase", "SUPABASE_ACCESS_TOKEN", "api.supabase.com", "sbp_{h40}")
c = "devtools"
R("github", c, "GitHub", "GITHUB_TOKEN", "api.github.com", "{ghp}", hdr="Authorization: token {v}", kind="p")
R("github-pat", c, "GitHub", "GH_FINE_GRAINED_PAT", "api.github.com", "github_pat_11{u20}_{a59}", provider="github")
R("github-oauth", c, "GitHub", "GITHUB_OAUTH_TOKEN", "api.github.com", "{gho}", provider="github", kind="p")
R("gitlab", c, "GitLab", "GITLAB_TOKEN", "gitlab.com", "glpat-{s20}", hdr="PRIVATE-TOKEN: {v}")
R("npm", c, "npm", "NPM_TOKEN", "registry.npmjs.org", "{npm}", kind="p")
R("pypi", c, "PyPI", "PYPI_API_TOKEN", "upload.pypi.org", "{pypi}", hdr="basic|__token__|{v}", fixed=False, kind="p")
R("dockerhub", c, "Docker Hub", "DOCKERHUB_TOKEN", "hub.docker.com", "dckr_pat_{s27}", hdr="basic|acmebot|{v}")
R("atlassian", c, "Atlassian", "JIRA_API_TOKEN", "acme.atlassian.net", "ATATT3xFfGF0{s180}={H8}", hdr="basic|ops@acme.io|{v}", fixed=False)
R("linear", c, "Linear", "LINEAR_API_KEY", "api.linear.app", "lin_api_{a40}", hdr="Authorization: {v}")
R("notion", c, "Notion", "NOTION_TOKEN", "api.notion.com", "ntn_{d11}{a35}")
R("postman", c, "Postman", "POSTMAN_API_KEY", "api.getpostman.com", "PMAK-{h24}-{h34}", hdr="X-Api-Key: {v}")
R("doppler", c, "Doppler", "DOPPLER_TOKEN", "api.doppler.com", "dp.st.prd.{a43}")
R("vault", c, "HashiCorp Vault", "VAULT_TOKEN", "vault.acme.internal:8200", "hvs.{s90}", hdr="X-Vault-Token: {v}", fixed=False)
R("figma", c, "Figma", "FIGMA_TOKEN", "api.figma.com", "figd_{s40}", hdr="X-Figma-Token: {v}")
R("sentry", c, "Sentry", "SENTRY_AUTH_TOKEN", "sentry.io", "sntryu_{h64}")
R("newrelic", c, "New Relic", "NEW_RELIC_API_KEY", "api.newrelic.com", "NRAK-{U27}", hdr="Api-Key: {v}")
R("datadog", c, "Datadog", "DD_API_KEY", "api.datadoghq.com", "{h32}", hdr="DD-API-KEY: {v}")
c = "ai"
R("openai", c, "OpenAI", "OPENAI_API_KEY", "api.openai.com", "sk-proj-{s156}", fixed=False)
R("anthropic", c, "Anthropic", "ANTHROPIC_API_KEY", "api.anthropic.com", "sk-ant-api03-{s93}AA", hdr="x-api-key: {v}")
R("huggingface", c, "Hugging Face", "HF_TOKEN", "huggingface.co", "hf_{x34}")
R("groq", c, "Groq", "GROQ_API_KEY", "api.groq.com", "gsk_{a52}")
R("mistral", c, "Mistral AI", "MISTRAL_API_KEY", "api.mistral.ai", "{a32}")
R("replicate", c, "Replicate", "REPLICATE_API_TOKEN", "api.replicate.com", "r8_{a37}")
c = "chat"
R("slack-bot", c, "Slack", "SLACK_BOT_TOKEN", "slack.com", "xoxb-{d12}-{d13}-{a24}", provider="slack")
R("slack-user", c, "Slack", "SLACK_USER_TOKEN", "slack.com", "xoxp-{d12}-{d12}-{d13}-{h32}", provider="slack")
R("slack-webhook", c, "Slack", "SLACK_WEBHOOK_URL", "hooks.slack.com", "https://hooks.slack.com/services/T{u10}/B{u10}/{a24}", provider="slack", nm=False)
R("discord", c, "Discord", "DISCORD_BOT_TOKEN", "discord.com", "MT{a24}.{s6}.{s38}", hdr="Authorization: Bot {v}")
R("telegram", c, "Telegram", "TELEGRAM_BOT_TOKEN", "api.telegram.org", "{d10}:AA{s33}", hdr="/bot{v}/getMe")
c = "payment"
R("stripe", c, "Stripe", "STRIPE_SECRET_KEY", "api.stripe.com", "sk_live_51{a97}", hdr="basic|{v}|", fixed=False)
R("stripe-rk", c, "Stripe", "STRIPE_RESTRICTED_KEY", "api.stripe.com", "rk_live_51{a97}", provider="stripe", fixed=False)
R("stripe-whsec", c, "Stripe", "STRIPE_WEBHOOK_SECRET", "api.stripe.com", "whsec_{a32}", provider="stripe", hdr="Stripe-Signature: t=1741600000,v1={v}")
R("square", c, "Square", "SQUARE_ACCESS_TOKEN", "connect.squareup.com", "EAAA{s60}")
R("paypal", c, "PayPal", "PAYPAL_CLIENT_SECRET", "api-m.paypal.com", "E{s79}", hdr="basic|{c}|{v}", comp=("PAYPAL_CLIENT_ID", "A{s79}"))
R("shopify", c, "Shopify", "SHOPIFY_ACCESS_TOKEN", "acme.myshopify.com", "shpat_{h32}", hdr="X-Shopify-Access-Token: {v}")
c = "messaging"
R("twilio", c, "Twilio", "TWILIO_AUTH_TOKEN", "api.twilio.com", "{h32}", hdr="basic|{c}|{v}", comp=("TWILIO_ACCOUNT_SID", "AC{h32}"))
R("twilio-key", c, "Twilio", "TWILIO_API_KEY_SID", "api.twilio.com", "SK{h32}", provider="twilio", hdr="basic|{v}|{c}", comp=("TWILIO_API_KEY_SECRET", "{a32}"))
R("sendgrid", c, "SendGrid", "SENDGRID_API_KEY", "api.sendgrid.com", "SG.{s22}.{s43}")
R("mailgun", c, "Mailgun", "MAILGUN_API_KEY", "api.mailgun.net", "key-{h32}", hdr="basic|api|{v}")
R("mailchimp", c, "Mailchimp", "MAILCHIMP_API_KEY", "us21.api.mailchimp.com", "{h32}-us21", hdr="basic|anystring|{v}")
R("hubspot", c, "HubSpot", "HUBSPOT_ACCESS_TOKEN", "api.hubapi.com", "pat-eu1-{uuid}")


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
