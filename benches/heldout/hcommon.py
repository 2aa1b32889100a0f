"""Shared pieces of the held-out corpus generator: seeded randomness, token alphabets,
checksums (CRC32/base62, bech32), hand-built DER/PEM, and the corpus writer.

Nothing here holds a secret literal: every token is drawn at generation time from an
alphabet and a length, so the repository's own dogfood scan has nothing to report.
"""

import base64
import hashlib
import json
import os
import random
import shutil
import string
import sys
import zlib

SEED = "vaultsweep-heldout-v1"

HEX = "0123456789abcdef"
UHEX = "0123456789ABCDEF"
DIGITS = string.digits
LOWER = string.ascii_lowercase
UPPER = string.ascii_uppercase
ALNUM = string.ascii_letters + string.digits
LOWALNUM = LOWER + DIGITS
UPALNUM = UPPER + DIGITS
URLSAFE = ALNUM + "-_"
B64 = ALNUM + "+/"
BASE62 = DIGITS + UPPER + LOWER  # GitHub's checksum alphabet order
BECH32 = "qpzry9x8gf2tvdw0s3jn54khce6mua7l"


def reuse(generator, module):
    """The public and private names of another held-out generator's module (`reuse("heldout11",
    "keys")`), loaded from its file: a later corpus that draws key material the same way imports
    it rather than carrying a copy. Every function takes its random generator as an argument, so
    sharing the code shares no state."""
    import importlib.util
    path = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), generator, module + ".py")
    spec = importlib.util.spec_from_file_location(f"{generator}_{module}", path)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return {k: v for k, v in vars(mod).items() if not k.startswith("__")}


def rng_for(name):
    """One independent generator per case group, so adding cases to one group never shifts
    another group's tokens (string seeds are hashed with SHA-512: stable across runs)."""
    return random.Random(f"{SEED}/{name}")


def _looks_built(s):
    """True when a drawn value happens to contain something a person-built placeholder would:
    a run of 4+ consecutive alphabet/digit steps or 4+ repeats. Random draws that do are
    re-drawn so that positives never look like placeholders by accident."""
    run = 1
    rep = 1
    for a, b in zip(s, s[1:]):
        if a.isalnum() and b.isalnum() and abs(ord(b) - ord(a)) == 1 and a.isalpha() == b.isalpha():
            run += 1
        else:
            run = 1
        rep = rep + 1 if a == b else 1
        if run >= 4 or rep >= 4:
            return True
    return False


def rand(rng, alphabet, n):
    while True:
        s = "".join(rng.choice(alphabet) for _ in range(n))
        if n < 8 or not _looks_built(s):
            # a long token should mix classes the way its alphabet allows
            if alphabet in (ALNUM, URLSAFE, B64) and n >= 12:
                if not (any(c.isdigit() for c in s) and any(c.isupper() for c in s)
                        and any(c.islower() for c in s)):
                    continue
            if alphabet in (LOWALNUM, UPALNUM, HEX, UHEX) and n >= 12:
                if not (any(c.isdigit() for c in s) and any(c.isalpha() for c in s)):
                    continue
            return s


def uuid4(rng, upper=False):
    h = rand(rng, HEX, 32)
    h = h[:12] + "4" + h[13:16] + rng.choice("89ab") + h[17:]
    u = f"{h[:8]}-{h[8:12]}-{h[12:16]}-{h[16:20]}-{h[20:]}"
    return u.upper() if upper else u


def b64(data):
    return base64.b64encode(data).decode()


def b64url_nopad(data):
    return base64.urlsafe_b64encode(data).decode().rstrip("=")


def rbytes(rng, n):
    return bytes(rng.getrandbits(8) for _ in range(n))


def base62(n, width):
    out = ""
    while n:
        n, r = divmod(n, 62)
        out = BASE62[r] + out
    return out.rjust(width, "0")


def crc32_base62(s, width=6):
    return base62(zlib.crc32(s.encode()) & 0xFFFFFFFF, width)


def github_style(rng, prefix, body_len=30):
    """ghp_/gho_/ghu_/ghs_/ghr_ and npm_: random base62 body + CRC32 of the body in base62."""
    body = rand(rng, ALNUM, body_len)
    return prefix + body + crc32_base62(body)


# --- bech32 (BIP-173), for age secret keys ---------------------------------------------
def _bech32_polymod(values):
    gen = [0x3B6A57B2, 0x26508E6D, 0x1EA119FA, 0x3D4233DD, 0x2A1462B3]
    chk = 1
    for v in values:
        b = chk >> 25
        chk = (chk & 0x1FFFFFF) << 5 ^ v
        for i in range(5):
            chk ^= gen[i] if ((b >> i) & 1) else 0
    return chk


def bech32_encode(hrp, data5):
    hv = [ord(x) >> 5 for x in hrp] + [0] + [ord(x) & 31 for x in hrp]
    poly = _bech32_polymod(hv + data5 + [0] * 6) ^ 1
    chk = [(poly >> 5 * (5 - i)) & 31 for i in range(6)]
    return hrp + "1" + "".join(BECH32[d] for d in data5 + chk)


def to5(data):
    acc = bits = 0
    out = []
    for b in data:
        acc = (acc << 8) | b
        bits += 8
        while bits >= 5:
            bits -= 5
            out.append((acc >> bits) & 31)
    if bits:
        out.append((acc << (5 - bits)) & 31)
    return out


# --- DER / PEM ---------------------------------------------------------------------------
def der_len(n):
    if n < 0x80:
        return bytes([n])
    b = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return bytes([0x80 | len(b)]) + b


def der(tag, body):
    return bytes([tag]) + der_len(len(body)) + body


def der_int(v):
    b = v.to_bytes(max(1, (v.bit_length() + 8) // 8), "big")
    return der(0x02, b)


def der_seq(*parts):
    return der(0x30, b"".join(parts))


def der_oid(dotted):
    nums = [int(x) for x in dotted.split(".")]
    out = bytes([40 * nums[0] + nums[1]])
    for n in nums[2:]:
        enc = [n & 0x7F]
        n >>= 7
        while n:
            enc.append(0x80 | (n & 0x7F))
            n >>= 7
        out += bytes(reversed(enc))
    return der(0x06, out)


def der_octets(b):
    return der(0x04, b)


def der_null():
    return b"\x05\x00"


def _is_probable_prime(n, rng, rounds=24):
    small = (3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53, 59, 61, 67, 71, 73)
    for p in small:
        if n % p == 0:
            return n == p
    d, s = n - 1, 0
    while d % 2 == 0:
        d //= 2
        s += 1
    for _ in range(rounds):
        a = rng.randrange(2, n - 2)
        x = pow(a, d, n)
        if x in (1, n - 1):
            continue
        for _ in range(s - 1):
            x = pow(x, 2, n)
            if x == n - 1:
                break
        else:
            return False
    return True


def _prime(rng, bits):
    while True:
        c = rng.getrandbits(bits) | (1 << (bits - 1)) | (1 << (bits - 2)) | 1
        if _is_probable_prime(c, rng):
            return c


def rsa_key(rng, bits=2048):
    """A real RSA key from the seeded generator (pure Python, deterministic)."""
    e = 65537
    while True:
        p = _prime(rng, bits // 2)
        q = _prime(rng, bits // 2)
        if p == q:
            continue
        phi = (p - 1) * (q - 1)
        try:
            d = pow(e, -1, phi)
        except ValueError:
            continue
        n = p * q
        if n.bit_length() == bits:
            return dict(n=n, e=e, d=d, p=p, q=q)


def rsa_pkcs1_der(k):
    return der_seq(der_int(0), der_int(k["n"]), der_int(k["e"]), der_int(k["d"]),
                   der_int(k["p"]), der_int(k["q"]), der_int(k["d"] % (k["p"] - 1)),
                   der_int(k["d"] % (k["q"] - 1)), der_int(pow(k["q"], -1, k["p"])))


RSA_OID = "1.2.840.113549.1.1.1"


def rsa_pkcs8_der(k):
    return der_seq(der_int(0), der_seq(der_oid(RSA_OID), der_null()),
                   der_octets(rsa_pkcs1_der(k)))


def rsa_spki_der(k):
    pub = der_seq(der_int(k["n"]), der_int(k["e"]))
    return der_seq(der_seq(der_oid(RSA_OID), der_null()), der(0x03, b"\x00" + pub))


def encrypted_pkcs8_der(rng, plain_len):
    """EncryptedPrivateKeyInfo with PBES2 (PBKDF2-HMAC-SHA256, AES-256-CBC), the layout
    `openssl pkcs8 -topk8 -v2 aes256` writes; the ciphertext is random bytes of the size a
    key of plain_len bytes would encrypt to."""
    salt = rbytes(rng, 16)
    iv = rbytes(rng, 16)
    kdf = der_seq(der_oid("1.2.840.113549.1.5.12"),
                  der_seq(der_octets(salt), der_int(2048),
                          der_seq(der_oid("1.2.840.113549.2.9"), der_null())))
    enc = der_seq(der_oid("2.16.840.1.101.3.4.1.42"), der_octets(iv))
    alg = der_seq(der_oid("1.2.840.113549.1.5.13"), der_seq(kdf, enc))
    ct = rbytes(rng, (plain_len // 16 + 1) * 16)
    return der_seq(alg, der_octets(ct))


def pem_armor(label, data, width=64):
    body = b64(data)
    lines = [body[i:i + width] for i in range(0, len(body), width)]
    dash = "-" * 5
    return [f"{dash}BEGIN {label}{dash}"] + lines + [f"{dash}END {label}{dash}"]


def ssh_string(b):
    if isinstance(b, str):
        b = b.encode()
    return len(b).to_bytes(4, "big") + b


def ssh_mpint(v):
    b = v.to_bytes((v.bit_length() + 8) // 8, "big") if v else b""
    return ssh_string(b)


# --- human-like passwords ------------------------------------------------------------------
WORDS = ["harbor", "maple", "quartz", "falcon", "cobalt", "tundra", "saffron", "juniper",
         "meadow", "copper", "lantern", "orchid", "glacier", "pepper", "velvet", "cinder",
         "willow", "raven", "summit", "ember", "violet", "bramble", "canyon", "marble",
         "thistle", "walrus", "pebble", "nimbus", "sierra", "hazel", "otter", "fjord"]
SYMBOLS = "!#$%&*?-_+.="


def human_password(rng, reserved=""):
    """Passwords of the kinds people set: word mixes with digits and symbols, or random
    strings from a password manager. `reserved` forces one of those characters in."""
    kind = rng.randrange(4)
    if kind == 0:
        w1, w2 = rng.sample(WORDS, 2)
        p = w1.capitalize() + rng.choice(SYMBOLS) + w2 + str(rng.randrange(10, 999))
    elif kind == 1:
        w = rng.choice(WORDS)
        leet = w.replace("a", "4").replace("e", "3").replace("o", "0")
        p = leet.capitalize() + str(rng.randrange(1970, 2030)) + rng.choice(SYMBOLS)
    elif kind == 2:
        p = rand(rng, ALNUM + "!#%*+-=?", rng.randrange(14, 22))
    else:
        w1, w2, w3 = rng.sample(WORDS, 3)
        p = f"{w1}-{w2}-{w3}-{rng.randrange(10, 99)}"
    if reserved:
        pos = rng.randrange(1, len(p))
        p = p[:pos] + rng.choice(reserved) + p[pos:]
    return p


# --- corpus writer -----------------------------------------------------------------------
def fresh_corpus(root):
    """A Corpus writing under `root`, emptied first when it holds an earlier corpus (one with a
    labels.jsonl); any other non-empty directory is refused."""
    root = os.path.abspath(root)
    if os.path.isdir(root) and os.listdir(root):
        if not os.path.exists(os.path.join(root, "labels.jsonl")):
            sys.exit(f"{root} is not empty and holds no labels.jsonl: refusing to overwrite it")
        shutil.rmtree(root)
    os.makedirs(root, exist_ok=True)
    return Corpus(root)


def generate_main(doc, default_dir, steps):
    """The command line of a corpus generator: `make.py [DIR]`; runs each step on a fresh corpus,
    writes the labels and prints the counts and the digest."""
    import argparse
    ap = argparse.ArgumentParser(description=doc.split("\n")[0])
    ap.add_argument("dir", nargs="?", default=default_dir)
    args = ap.parse_args()
    corpus = fresh_corpus(args.dir)
    for step in steps:
        step(corpus)
    corpus.write_labels()
    npos = sum(1 for lab in corpus.labels if lab["positive"])
    print(f"wrote {len(corpus.labels)} files to {corpus.root}: {npos} positives, {len(corpus.labels) - npos} negatives")
    print(f"digest {corpus.digest()}")


class Corpus:
    """Writes files under root and keeps one label per file."""

    def __init__(self, root):
        self.root = root
        self.labels = []
        self.counter = {}

    def _path(self, group, filename):
        n = self.counter.get(group, 0) + 1
        self.counter[group] = n
        return f"{group}/{n:04d}/{filename}"

    def add(self, group, filename, lines, positive, provider, form, line=None, marker=None):
        """lines: list of str. The secret's line is given (1-based) or found as the first
        line containing `marker` (the token itself)."""
        if positive:
            if line is None:
                hits = [i for i, ln in enumerate(lines, 1) if marker in ln]
                if not hits:
                    raise ValueError(f"{group}/{provider}/{form}: marker not found")
                line = hits[0]
        rel = self._path(group, filename)
        full = os.path.join(self.root, rel)
        os.makedirs(os.path.dirname(full), exist_ok=True)
        with open(full, "w", encoding="utf-8", newline="\n") as f:
            f.write("\n".join(lines) + "\n")
        self.labels.append({"file": rel, "positive": bool(positive), "provider": provider,
                            "form": form, "line": line if positive else None, "group": group})

    def write_labels(self):
        with open(os.path.join(self.root, "labels.jsonl"), "w", encoding="utf-8") as f:
            for lab in self.labels:
                f.write(json.dumps(lab, sort_keys=True) + "\n")

    def digest(self):
        h = hashlib.sha256()
        for lab in self.labels:
            with open(os.path.join(self.root, lab["file"]), "rb") as f:
                h.update(lab["file"].encode() + b"\0" + f.read())
        return h.hexdigest()


# --- token specs -------------------------------------------------------------------------
BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"
LETTERS = string.ascii_letters
SPEC_ALPHABETS = {"h": HEX, "H": UHEX, "a": ALNUM, "l": LOWALNUM, "u": UPALNUM, "s": URLSAFE,
                  "b": B64, "d": DIGITS, "m": BASE58, "x": LETTERS}
SPECIALS = {}


def special(name):
    def reg(fn):
        SPECIALS[name] = fn
        return fn
    return reg


def gen_spec(rng, spec):
    """Expand a token spec: literal text with {h32} (32 lowercase hex), {a40} (40 base62),
    {uuid}, or a named special generator such as {intercom}. Codes: h H a l u s b d m x."""
    import re

    def one(m):
        code = m.group(1)
        if code == "uuid":
            return uuid4(rng)
        if code == "UUID":
            return uuid4(rng, upper=True)
        if code in SPECIALS:
            return SPECIALS[code](rng)
        alpha, n = SPEC_ALPHABETS[code[0]], int(code[1:])
        return rand(rng, alpha, n)

    return re.sub(r"\{([A-Za-z]+\d*)\}", one, spec)


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
def pypi_token(rng):
    """A PyPI API token: 'pypi-' + base64url of a version-2 macaroon whose location is pypi.org,
    identifier a UUID, one JSON caveat, and a 32-byte signature."""
    ident = uuid4(rng).encode()
    caveat = ('{"permissions": {"projects": ["%s"]}, "version": 1}'
              % rng.choice(["acme-sdk", "fluxtool", "dataplane", "geohash-utils"])).encode()
    m = (b"\x02" + b"\x01" + varint(8) + b"pypi.org" + b"\x02" + varint(len(ident)) + ident + b"\x00"
         + b"\x02" + varint(len(caveat)) + caveat + b"\x00" + b"\x00" + b"\x06" + varint(32) + rbytes(rng, 32))
    return "pypi-" + b64url_nopad(m)


AWS_ID_ALPHABET = UPPER + "234567"


@special("akia")
def aws_key_id(rng):
    return "AKIA" + rand(rng, AWS_ID_ALPHABET, 16)


@special("awssecret")
def aws_secret(rng):
    return rand(rng, B64, 40)
