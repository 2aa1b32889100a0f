"""Values of the fourteenth held-out corpus: passwords people set, random tokens of unknown services, hashes of every
kind a repository holds, ids, encrypted blobs, placeholders. Every value is drawn at generation time from the seeded
generator passed in; nothing here is a literal token.
"""

import base64
import hashlib
import json
import string

from hcommon import ALNUM, B64, HEX, LOWALNUM, UHEX, UPALNUM, URLSAFE, b64, rand, rbytes, uuid4

# draws containing one of these read as a placeholder or a word: drawn again
BAD = ("test", "exampl", "sampl", "dummy", "fake", "xxxx", "demo", "fixme", "todo", "redact", "placehold", "change",
       "secret", "passw", "token", "apikey", "api_key", "your", "live", "prod", "mock", "key", "fuck", "shit")


def clean(rng, alphabet, n):
    while True:
        s = rand(rng, alphabet, n)
        if not any(b in s.lower() for b in BAD):
            return s


WORDS = ["gannet", "larch", "obsidian", "puffin", "sorrel", "tamarind", "umber", "vireo", "wisteria", "yarrow", "azalea",
         "bollard", "cormorant", "dunlin", "egret", "foxglove", "gorse", "heron", "ibex", "jackdaw", "kelp", "loam",
         "mistral", "nettle", "oriole", "plover", "quince", "rook", "shale", "teasel", "upland", "vetch", "wren", "zircon"]
SEASONS = ["Spring", "Summer", "Autumn", "Winter"]
ORGS = ["Calder", "Fenwick", "Graylock", "Holloway", "Marlow", "Quayside", "Rowan", "Thornbury"]


def _ok(p, avoid):
    low = p.lower()
    if any(ch in p for ch in avoid):
        return False
    if any(w in low for w in ("passw", "secret", "test", "exampl", "sampl", "dummy", "fake", "change", "xxx", "admin")):
        return False
    return len(p) >= 9


def chosen(rng, avoid=""):
    """A password a person would set (word mixes, leet, season+year, org+digits, passphrases, manager strings)."""
    while True:
        k = rng.randrange(7)
        if k == 0:
            w1, w2 = rng.sample(WORDS, 2)
            p = w1.capitalize() + rng.choice("!#%*-_+.=@") + w2 + str(rng.randrange(10, 999))
        elif k == 1:
            w = rng.choice(WORDS)
            p = w.replace("a", "4").replace("e", "3").replace("o", "0").capitalize() + str(rng.randrange(1975, 2026)) + rng.choice("!#$*?")
        elif k == 2:
            p = rng.choice(SEASONS) + str(rng.randrange(2019, 2026)) + rng.choice("!#$@*") + rng.choice(["", str(rng.randrange(1, 9))])
        elif k == 3:
            p = rng.choice(ORGS) + rng.choice("#@!_") + rng.choice(["Db", "Ops", "Sql", "Mq", "Etl"]) + str(rng.randrange(10, 9999))
        elif k == 4:
            w1, w2, w3 = rng.sample(WORDS, 3)
            p = f"{w1}-{w2}-{w3}-{rng.randrange(10, 99)}"
        elif k == 5:
            p = rand(rng, ALNUM + "!#%*+-=?@^", rng.randrange(16, 25))
        else:
            p = rand(rng, ALNUM, rng.randrange(14, 22))
        if _ok(p, avoid):
            return p


URL_AVOID = "@:/#?%[]'\"\\$` ;&<>{}|^!*=+"
SHELL_AVOID = "'\"\\$`!;&|<>(){} %"
XML_AVOID = "&<>\"'"
INI_AVOID = "%;#'\"\\$ "
ENV_AVOID = "#'\"\\$` "
YAML_AVOID = "'\"\\#:{}[]&*!|>%@`"
CODE_AVOID = "\"'\\$`{}%#"
SQL_AVOID = "'\"\\;"
HCL_AVOID = "\"\\$%{}"


def pw(rng, ctx="code"):
    return chosen(rng, avoid={"url": URL_AVOID, "shell": SHELL_AVOID, "xml": XML_AVOID, "ini": INI_AVOID, "env": ENV_AVOID,
                              "yaml": YAML_AVOID, "code": CODE_AVOID, "sql": SQL_AVOID, "hcl": HCL_AVOID}[ctx])


def token(rng, kind=None):
    kind = kind or rng.choice(["hex32", "hex40", "hex64", "alnum32", "alnum40", "urlsafe43", "b64_32"])
    return {"hex32": lambda: clean(rng, HEX, 32), "hex40": lambda: clean(rng, HEX, 40), "hex64": lambda: clean(rng, HEX, 64),
            "alnum24": lambda: clean(rng, ALNUM, 24), "alnum32": lambda: clean(rng, ALNUM, 32), "alnum40": lambda: clean(rng, ALNUM, 40),
            "urlsafe43": lambda: clean(rng, URLSAFE, 43), "b64_32": lambda: b64(rbytes(rng, 32)),
            "b64_48": lambda: b64(rbytes(rng, 48))}[kind]()


# --- hashes and ids -----------------------------------------------------------------------------------------------
def sha256(rng):
    return hashlib.sha256(rbytes(rng, 32)).hexdigest()


def sha1(rng):
    return hashlib.sha1(rbytes(rng, 20)).hexdigest()


def md5(rng):
    return hashlib.md5(rbytes(rng, 16)).hexdigest()


def sri512(rng):
    return "sha512-" + b64(hashlib.sha512(rbytes(rng, 32)).digest())


def h1(rng):
    return "h1:" + b64(hashlib.sha256(rbytes(rng, 32)).digest())


BCRYPT64 = "./" + string.ascii_uppercase + string.ascii_lowercase + string.digits


def bcrypt(rng):
    return "$2b$12$" + rand(rng, BCRYPT64, 53)


def sha512crypt(rng):
    return "$6$" + rand(rng, BCRYPT64, 16) + "$" + rand(rng, BCRYPT64, 86)


def apr1(rng):
    return "$apr1$" + rand(rng, BCRYPT64, 8) + "$" + rand(rng, BCRYPT64, 22)


def argon2(rng):
    return ("$argon2id$v=19$m=65536,t=3,p=4$" + b64(rbytes(rng, 16)).rstrip("=") + "$" + b64(rbytes(rng, 32)).rstrip("="))


def scram(rng):
    return (f"SCRAM-SHA-256$4096:{b64(rbytes(rng, 16))}${b64(rbytes(rng, 32))}:{b64(rbytes(rng, 32))}")


def objectid(rng):
    return rand(rng, HEX, 24)


def ulid(rng):
    return "01" + rand(rng, "0123456789ABCDEFGHJKMNPQRSTVWXYZ", 24)


def aws_account(rng):
    return str(rng.randrange(10 ** 11, 10 ** 12))


def awsid(rng, prefix, n=17):
    return prefix + "-" + rand(rng, HEX, n)


# --- encrypted blobs ------------------------------------------------------------------------------------------------
def ansible_vault(rng, indent="  "):
    """An ansible-vault 1.1 payload: hexlified 'salt\\nhmac\\nciphertext', 80 columns, as ansible writes it."""
    inner = (rbytes(rng, 32).hex() + "\n" + rbytes(rng, 32).hex() + "\n" + rbytes(rng, 16 * rng.randrange(2, 4)).hex()).encode().hex()
    lines = [inner[i:i + 80] for i in range(0, len(inner), 80)]
    return ["$ANSIBLE_VAULT;1.1;AES256"] + lines


def sops_enc(rng, n=None, typ="str"):
    n = n or rng.randrange(12, 40)
    return f"ENC[AES256_GCM,data:{b64(rbytes(rng, n))},iv:{b64(rbytes(rng, 32))},tag:{b64(rbytes(rng, 16))},type:{typ}]"


def sealed(rng):
    return "AgB" + b64(rbytes(rng, 540))[3:]


def kms_blob(rng):
    return "AQICAH" + b64(rbytes(rng, 180))[6:]


def jasypt(rng):
    return "ENC(" + b64(rbytes(rng, 32)) + ")"


def ejson(rng):
    return f"EJ[1:{b64(rbytes(rng, 32))}:{b64(rbytes(rng, 24))}:{b64(rbytes(rng, 28))}]"


def age_armor(rng):
    body = b64(b"age-encryption.org/v1\n-> X25519 " + rbytes(rng, 160))
    dash = "-" * 5
    return [f"{dash}BEGIN AGE ENCRYPTED FILE{dash}"] + [body[i:i + 64] for i in range(0, len(body), 64)] + [f"{dash}END AGE ENCRYPTED FILE{dash}"]


# --- misc -------------------------------------------------------------------------------------------------------------
def svc(rng):
    return rng.choice(["billing", "ledger", "catalog", "dispatch", "notifier", "inventory", "gateway", "scheduler", "reports", "checkout"])


def host(rng, kind="db"):
    base = rng.choice(["corp.internal", "svc.cluster.local", "eu-west-1.rds.amazonaws.com", "priv.calder.io", "lan"])
    return f"{kind}-{rng.randrange(1, 9)}.{base}"


def user(rng):
    return rng.choice(["app", "svc_etl", "orders_rw", "reporting", "deploy", "backup", "api_user", "airflow", "grafana_ro", "keycloak"])


def jwt_like(rng, claims):
    h = base64.urlsafe_b64encode(json.dumps({"alg": "HS256", "typ": "JWT"}, separators=(",", ":")).encode()).decode().rstrip("=")
    p = base64.urlsafe_b64encode(json.dumps(claims, separators=(",", ":")).encode()).decode().rstrip("=")
    return f"{h}.{p}.{base64.urlsafe_b64encode(rbytes(rng, 32)).decode().rstrip('=')}"


assert LOWALNUM and UHEX and UPALNUM and URLSAFE and B64 and uuid4
