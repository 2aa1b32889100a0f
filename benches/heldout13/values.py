"""Values of the real-repository half of the thirteenth held-out corpus: passwords people choose, random tokens of
unknown services, hashes, ids, placeholders, and the filler that surrounds a labelled line. Every value is drawn at
generation time from the seeded generator; the documentation examples used as negatives are assembled from pieces.
"""

import hashlib
import string

from hcommon import ALNUM, B64, HEX, LOWALNUM, URLSAFE, b64, rand, rbytes, uuid4
from providers import BAD, clean

WORDS = ["harbor", "maple", "quartz", "falcon", "cobalt", "tundra", "saffron", "juniper", "meadow", "copper", "lantern",
         "orchid", "glacier", "pepper", "velvet", "cinder", "willow", "raven", "summit", "ember", "violet", "bramble",
         "canyon", "marble", "thistle", "walrus", "pebble", "nimbus", "sierra", "hazel", "otter", "fjord", "basalt",
         "kestrel", "mango", "tulip", "gravel", "cactus", "pylon", "zephyr", "bison", "lagoon", "anchor", "biscuit"]
SEASONS = ["Spring", "Summer", "Autumn", "Winter"]
NAMES = ["Lumen", "Northwind", "Brightpath", "Tessera", "Orbital", "Kestrel", "Ridgeway", "Halcyon"]
# values that are never a real password: the labelling policy's dummy list (README, "Labelling policy")
DUMMY = ["test", "testing", "password", "passw0rd", "secret", "dummy", "fake", "example", "sample", "foo", "bar",
         "admin", "root", "guest", "default", "password123", "123456", "qwerty", "letmein", "postgres", "mysql", "changeme",
         "changeit", "hunter2"]


def _ok(p, avoid):
    low = p.lower()
    if any(ch in p for ch in avoid):
        return False
    if low in DUMMY or any(w in low for w in ("passw", "secret", "test", "exampl", "sampl", "dummy", "fake", "change", "xxx")):
        return False
    return len(p) >= 8


def chosen(rng, avoid=""):
    """A password a person would set: word+symbol+digits, leet words with a year, season+year, company+digits+symbol,
    passphrases, or a password-manager string. `avoid` lists characters the container cannot hold raw."""
    while True:
        k = rng.randrange(7)
        if k == 0:
            w1, w2 = rng.sample(WORDS, 2)
            p = w1.capitalize() + rng.choice("!#%*-_+.=@") + w2 + str(rng.randrange(10, 999))
        elif k == 1:
            w = rng.choice(WORDS)
            p = w.replace("a", "4").replace("e", "3").replace("o", "0").capitalize() + str(rng.randrange(1978, 2026)) + rng.choice("!#$*?")
        elif k == 2:
            p = rng.choice(SEASONS) + str(rng.randrange(2019, 2026)) + rng.choice("!#$@*") + rng.choice(["", str(rng.randrange(1, 9))])
        elif k == 3:
            p = rng.choice(NAMES) + rng.choice(["#", "@", "!", "_"]) + rng.choice(["Prod", "Db", "Ops", "Sql", "Mail"]) + str(rng.randrange(10, 9999))
        elif k == 4:
            w1, w2, w3 = rng.sample(WORDS, 3)
            p = f"{w1}-{w2}-{w3}-{rng.randrange(10, 99)}"
        elif k == 5:
            p = rand(rng, ALNUM + "!#%*+-=?@^", rng.randrange(16, 25))
        else:
            p = rand(rng, ALNUM, rng.randrange(12, 21))
        if _ok(p, avoid):
            return p


URL_AVOID = "@:/#?%[]'\"\\$` ;&<>{}|^!*=+"
SHELL_AVOID = "'\"\\$`!;&|<>(){} %"
XML_AVOID = "&<>\"'"
INI_AVOID = "%;#'\"\\$ "
ENV_AVOID = "#'\"\\$` "
YAML_AVOID = "'\"\\#:{}[]&*!|>%@`"
CODE_AVOID = "\"'\\$`{}%#"


def token(rng, kind=None):
    """A random credential of an unknown service: hex, base62, url-safe or base64, of a common length."""
    kind = kind or rng.choice(["hex32", "hex40", "hex64", "alnum32", "alnum40", "urlsafe43", "b64_32"])
    if kind == "hex32":
        return clean(rng, HEX, 32)
    if kind == "hex40":
        return clean(rng, HEX, 40)
    if kind == "hex64":
        return clean(rng, HEX, 64)
    if kind == "alnum32":
        return clean(rng, ALNUM, 32)
    if kind == "alnum40":
        return clean(rng, ALNUM, 40)
    if kind == "urlsafe43":
        return clean(rng, URLSAFE, 43)
    while True:
        s = b64(rbytes(rng, 32))
        if not any(w in s.lower() for w in BAD):
            return s


def sha256hex(rng):
    return hashlib.sha256(rbytes(rng, 64)).hexdigest()


def sha1hex(rng):
    return hashlib.sha1(rbytes(rng, 64)).hexdigest()


def sha512_sri(rng):
    return "sha512-" + b64(hashlib.sha512(rbytes(rng, 64)).digest())


BCRYPT = "./" + string.ascii_uppercase + string.ascii_lowercase + string.digits


def bcrypt_hash(rng):
    return "$2b$12$" + rand(rng, BCRYPT, 53)


def django_key(rng):
    return rand(rng, string.ascii_lowercase + string.digits + "!@#%^&*(-_=+)", 50)


def uuid(rng):
    return uuid4(rng)


def placeholder(rng, what="password"):
    return rng.choice([f"<your-{what}>", "changeme", "xxxxxxxx", f"YOUR_{what.upper().replace('-', '_')}_HERE", "REPLACE_ME",
                       f"<{what}>", "********", "TODO", f"{{{{ {what.replace('-', '_')} }}}}", f"${{{what.upper().replace('-', '_')}}}"])


# the well-known documentation values, assembled so that no key-shaped literal is in the source
AWS_DOC_ID = "AKIA" + "IOSFODNN7" + "EXAMPLE"
AWS_DOC_SECRET = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCY" + "EXAMPLEKEY"
AZURITE_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1" + "OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/" + "K1SZFPTOtr/KBHBeksoGMGw=="
STRIPE_DOC_KEY = "sk_" + "test_" + "4eC39HqLyjWDarjtT1zdp7dc"
DOPPLER_DOC = "dp.pt." + "bAqhcVzrhy5cRHkOlNTc0Ve6w5NUDCpcutm8vGE9myi"
TAILSCALE_DOC = "tskey-api-" + "abcDEF1CNTRL-" + "091234567890ABCDEF"
SLACK_DOC_HOOK = "https://hooks.slack.com/services/" + "T00000000/B00000000/" + "X" * 24


def svc(rng):
    return rng.choice(["orders", "billing", "inventory", "ledger", "catalog", "shipping", "notify", "reports", "search", "accounts"])


assert LOWALNUM and B64


def jwt_io_example():
    """The well-known documentation JWT (HS256 over jwt.io's demo key), computed here rather than written out."""
    import hmac
    import json
    from hcommon import b64url_nopad
    h = b64url_nopad(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode())
    p = b64url_nopad(json.dumps({"sub": "1234567890", "name": "John Doe", "iat": 1516239022}, separators=(",", ":")).encode())
    sig = hmac.new(b"your-256-bit-" + b"secret", f"{h}.{p}".encode(), hashlib.sha256).digest()
    return f"{h}.{p}.{b64url_nopad(sig)}"
