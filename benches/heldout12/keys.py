"""Key material for the eleventh held-out corpus, built from the seeded generator: P-256 and Ed25519 key pairs
(real curve arithmetic, so the public halves match), OpenSSH and PuTTY key files, an OpenPGP secret-key
block, and helpers. The curve constants below are the public domain parameters of the curves.
"""

import hashlib

from hcommon import (b64, der, der_int, der_null, der_octets, der_oid, der_seq, pem_armor, rbytes, rsa_key,
                     rsa_pkcs1_der, ssh_mpint, ssh_string)

# --- P-256 ---------------------------------------------------------------------------------------------------
P256_P = 2 ** 256 - 2 ** 224 + 2 ** 192 + 2 ** 96 - 1
P256_N = int("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551", 16)
P256_G = (int("6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", 16),
          int("4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5", 16))


def _ec_add(P, Q):
    p = P256_P
    if P is None:
        return Q
    if Q is None:
        return P
    if P[0] == Q[0] and (P[1] + Q[1]) % p == 0:
        return None
    if P == Q:
        lam = (3 * P[0] * P[0] - 3) * pow(2 * P[1], -1, p) % p
    else:
        lam = (Q[1] - P[1]) * pow(Q[0] - P[0], -1, p) % p
    x = (lam * lam - P[0] - Q[0]) % p
    return x, (lam * (P[0] - x) - P[1]) % p


def _ec_mul(k, P):
    R = None
    while k:
        if k & 1:
            R = _ec_add(R, P)
        P = _ec_add(P, P)
        k >>= 1
    return R


def p256_keypair(rng):
    d = rng.randrange(1, P256_N)
    x, y = _ec_mul(d, P256_G)
    return d.to_bytes(32, "big"), b"\x04" + x.to_bytes(32, "big") + y.to_bytes(32, "big")


P256_OID = "1.2.840.10045.3.1.7"
EC_OID = "1.2.840.10045.2.1"


def ec_sec1_der(priv, pub, with_params=True):
    parts = [der_int(1), der_octets(priv)]
    if with_params:
        parts.append(der(0xA0, der_oid(P256_OID)))
    parts.append(der(0xA1, der(0x03, b"\x00" + pub)))
    return der_seq(*parts)


def ec_pkcs8_der(priv, pub):
    return der_seq(der_int(0), der_seq(der_oid(EC_OID), der_oid(P256_OID)), der_octets(ec_sec1_der(priv, pub, with_params=False)))


def ec_spki_der(pub):
    return der_seq(der_seq(der_oid(EC_OID), der_oid(P256_OID)), der(0x03, b"\x00" + pub))


# --- Ed25519 (RFC 8032) ---------------------------------------------------------------------------------------
ED_P = 2 ** 255 - 19
ED_D = -121665 * pow(121666, -1, ED_P) % ED_P
ED_I = pow(2, (ED_P - 1) // 4, ED_P)


def _ed_x(y):
    xx = (y * y - 1) * pow(ED_D * y * y + 1, -1, ED_P)
    x = pow(xx, (ED_P + 3) // 8, ED_P)
    if (x * x - xx) % ED_P:
        x = x * ED_I % ED_P
    return ED_P - x if x & 1 else x


ED_BY = 4 * pow(5, -1, ED_P) % ED_P
ED_B = (_ed_x(ED_BY), ED_BY)


def _ed_add(P, Q):
    x1, y1 = P
    x2, y2 = Q
    t = ED_D * x1 * x2 * y1 * y2
    return ((x1 * y2 + x2 * y1) * pow(1 + t, -1, ED_P) % ED_P, (y1 * y2 + x1 * x2) * pow(1 - t, -1, ED_P) % ED_P)


def _ed_mul(k, P):
    R = (0, 1)
    while k:
        if k & 1:
            R = _ed_add(R, P)
        P = _ed_add(P, P)
        k >>= 1
    return R


def ed25519_keypair(rng):
    seed = rbytes(rng, 32)
    h = hashlib.sha512(seed).digest()
    a = int.from_bytes(h[:32], "little")
    a &= (1 << 254) - 8
    a |= 1 << 254
    x, y = _ed_mul(a, ED_B)
    pub = (y | ((x & 1) << 255)).to_bytes(32, "little")
    return seed, pub


def ed25519_pkcs8_der(seed):
    return der_seq(der_int(0), der_seq(der_oid("1.3.101.112")), der_octets(der_octets(seed)))


# --- OpenSSH and PuTTY --------------------------------------------------------------------------------------------
def _pad(body, block=8):
    i = 1
    while len(body) % block:
        body += bytes([i])
        i += 1
    return body


def openssh_ed25519(rng, comment):
    seed, pub = ed25519_keypair(rng)
    pub_blob = ssh_string("ssh-ed25519") + ssh_string(pub)
    check = rbytes(rng, 4)
    priv = _pad(check + check + ssh_string("ssh-ed25519") + ssh_string(pub) + ssh_string(seed + pub) + ssh_string(comment))
    blob = (b"openssh-key-v1\x00" + ssh_string("none") + ssh_string("none") + ssh_string(b"") + (1).to_bytes(4, "big")
            + ssh_string(pub_blob) + ssh_string(priv))
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70), "ssh-ed25519 " + b64(pub_blob) + " " + comment


def openssh_rsa(rng, comment, bits=2048):
    k = rsa_key(rng, bits)
    pub_blob = ssh_string("ssh-rsa") + ssh_mpint(k["e"]) + ssh_mpint(k["n"])
    check = rbytes(rng, 4)
    priv = _pad(check + check + ssh_string("ssh-rsa") + ssh_mpint(k["n"]) + ssh_mpint(k["e"]) + ssh_mpint(k["d"])
                + ssh_mpint(pow(k["q"], -1, k["p"])) + ssh_mpint(k["p"]) + ssh_mpint(k["q"]) + ssh_string(comment))
    blob = (b"openssh-key-v1\x00" + ssh_string("none") + ssh_string("none") + ssh_string(b"") + (1).to_bytes(4, "big")
            + ssh_string(pub_blob) + ssh_string(priv))
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70)


def putty_ed25519(rng, comment):
    seed, pub = ed25519_keypair(rng)
    pub_blob = b64(ssh_string("ssh-ed25519") + ssh_string(pub))
    priv_blob = b64(ssh_string(seed))
    mac = hashlib.sha256(rbytes(rng, 32)).hexdigest()
    pl = [pub_blob[i:i + 64] for i in range(0, len(pub_blob), 64)]
    return (["PuTTY-User-Key-File-3: ssh-ed25519", "Encryption: none", f"Comment: {comment}", f"Public-Lines: {len(pl)}"] + pl
            + ["Private-Lines: 1", priv_blob, f"Private-MAC: {mac}"])


# --- OpenPGP ----------------------------------------------------------------------------------------------------
def crc24(data):
    crc = 0xB704CE
    for b in data:
        crc ^= b << 16
        for _ in range(8):
            crc <<= 1
            if crc & 0x1000000:
                crc ^= 0x1864CFB
    return crc & 0xFFFFFF


def _old_packet(tag, body):
    return bytes([0x80 | (tag << 2) | 1]) + len(body).to_bytes(2, "big") + body


def pgp_secret_block(rng, uid, ts):
    seed, pub = ed25519_keypair(rng)
    oid = bytes([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01])
    pubmpi = (263).to_bytes(2, "big") + b"\x40" + pub
    secmpi = (256).to_bytes(2, "big") + seed
    chk = (sum(secmpi) & 0xFFFF).to_bytes(2, "big")
    key = b"\x04" + ts.to_bytes(4, "big") + bytes([22, len(oid)]) + oid + pubmpi + b"\x00" + secmpi + chk
    sig = b"\x04\x13\x16\x0a" + rbytes(rng, 110)
    data = _old_packet(5, key) + _old_packet(13, uid.encode()) + _old_packet(2, sig)
    body = b64(data)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    c = crc24(data).to_bytes(3, "big")
    dash = "-" * 5
    return ([f"{dash}BEGIN PGP PRIVATE KEY BLOCK{dash}", ""] + lines + ["=" + b64(c), f"{dash}END PGP PRIVATE KEY BLOCK{dash}"]), pub


def pgp_public_block(rng, uid, ts):
    seed, pub = ed25519_keypair(rng)
    oid = bytes([0x2B, 0x06, 0x01, 0x04, 0x01, 0xDA, 0x47, 0x0F, 0x01])
    key = b"\x04" + ts.to_bytes(4, "big") + bytes([22, len(oid)]) + oid + (263).to_bytes(2, "big") + b"\x40" + pub
    sig = b"\x04\x13\x16\x0a" + rbytes(rng, 110)
    data = _old_packet(6, key) + _old_packet(13, uid.encode()) + _old_packet(2, sig)
    body = b64(data)
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    dash = "-" * 5
    return [f"{dash}BEGIN PGP PUBLIC KEY BLOCK{dash}", ""] + lines + ["=" + b64(crc24(data).to_bytes(3, "big")),
                                                                     f"{dash}END PGP PUBLIC KEY BLOCK{dash}"]


def rsa_pem(rng, bits=2048, pkcs8=False):
    from hcommon import rsa_pkcs8_der
    k = rsa_key(rng, bits)
    if pkcs8:
        return pem_armor("PRIVATE KEY", rsa_pkcs8_der(k)), k
    return pem_armor("RSA PRIVATE KEY", rsa_pkcs1_der(k)), k


def fake_cert_der(rng, cn):
    """The outer shape of an X.509 certificate (random contents where a signature and key would be)."""
    name = der_seq(der(0x31, der_seq(der_oid("2.5.4.3"), der(0x0C, cn.encode()))))
    tbs = der_seq(der(0xA0, der_int(2)), der_int(rng.getrandbits(64)), der_seq(der_oid("1.2.840.113549.1.1.11"), der_null()),
                  name, der_seq(der(0x17, b"240101000000Z"), der(0x17, b"270101000000Z")), name,
                  der_seq(der_seq(der_oid("1.2.840.113549.1.1.1"), der_null()), der(0x03, b"\x00" + rbytes(rng, 270))))
    return der_seq(tbs, der_seq(der_oid("1.2.840.113549.1.1.11"), der_null()), der(0x03, b"\x00" + rbytes(rng, 256)))


# --- added for heldout11 ----------------------------------------------------------------------------------------
def dsa_key(rng, pbits=1024, qbits=160):
    """A real DSA key (FIPS 186 shape: q | p-1, g of order q) from the seeded generator."""
    from hcommon import _is_probable_prime, _prime
    q = _prime(rng, qbits)
    while True:
        k = rng.getrandbits(pbits - qbits) | (1 << (pbits - qbits - 1))
        p = k * q + 1
        if p.bit_length() == pbits and _is_probable_prime(p, rng):
            break
    while True:
        h = rng.randrange(2, p - 1)
        g = pow(h, (p - 1) // q, p)
        if g > 1:
            break
    x = rng.randrange(1, q)
    return dict(p=p, q=q, g=g, x=x, y=pow(g, x, p))


def dsa_der(k):
    return der_seq(der_int(0), der_int(k["p"]), der_int(k["q"]), der_int(k["g"]), der_int(k["y"]), der_int(k["x"]))


def openssh_ecdsa(rng, comment):
    d, pub = p256_keypair(rng)
    pub_blob = ssh_string("ecdsa-sha2-nistp256") + ssh_string("nistp256") + ssh_string(pub)
    check = rbytes(rng, 4)
    priv = _pad(check + check + ssh_string("ecdsa-sha2-nistp256") + ssh_string("nistp256") + ssh_string(pub)
                + ssh_mpint(int.from_bytes(d, "big")) + ssh_string(comment))
    blob = (b"openssh-key-v1\x00" + ssh_string("none") + ssh_string("none") + ssh_string(b"") + (1).to_bytes(4, "big")
            + ssh_string(pub_blob) + ssh_string(priv))
    return pem_armor("OPENSSH PRIVATE KEY", blob, width=70), "ecdsa-sha2-nistp256 " + b64(pub_blob) + " " + comment


def _b64u(b):
    import base64
    return base64.urlsafe_b64encode(b).decode().rstrip("=")


def _ib(v, n=None):
    n = n or (v.bit_length() + 7) // 8
    return v.to_bytes(n, "big")


def rsa_private_jwk(rng, kid):
    k = rsa_key(rng, 2048)
    return {"kty": "RSA", "kid": kid, "use": "sig", "alg": "RS256", "n": _b64u(_ib(k["n"])), "e": "AQAB", "d": _b64u(_ib(k["d"])),
            "p": _b64u(_ib(k["p"])), "q": _b64u(_ib(k["q"])), "dp": _b64u(_ib(k["d"] % (k["p"] - 1))),
            "dq": _b64u(_ib(k["d"] % (k["q"] - 1))), "qi": _b64u(_ib(pow(k["q"], -1, k["p"])))}


def ec_private_jwk(rng, kid):
    d, pub = p256_keypair(rng)
    return {"kty": "EC", "crv": "P-256", "kid": kid, "x": _b64u(pub[1:33]), "y": _b64u(pub[33:]), "d": _b64u(d)}


def ec_public_jwk(rng, kid):
    _, pub = p256_keypair(rng)
    return {"kty": "EC", "crv": "P-256", "kid": kid, "use": "sig", "x": _b64u(pub[1:33]), "y": _b64u(pub[33:])}


def x25519_keypair(rng):
    """A WireGuard (Curve25519) key pair: clamped private scalar and the real public point (Montgomery ladder)."""
    P = 2 ** 255 - 19
    k = bytearray(rbytes(rng, 32))
    k[0] &= 248
    k[31] &= 127
    k[31] |= 64
    n = int.from_bytes(k, "little")
    x1, x2, z2, x3, z3, swap = 9, 1, 0, 9, 1, 0
    for t in reversed(range(255)):
        kt = (n >> t) & 1
        swap ^= kt
        if swap:
            x2, x3, z2, z3 = x3, x2, z3, z2
        swap = kt
        A, B = (x2 + z2) % P, (x2 - z2) % P
        AA, BB = A * A % P, B * B % P
        E = (AA - BB) % P
        C, D = (x3 + z3) % P, (x3 - z3) % P
        DA, CB = D * A % P, C * B % P
        x3, z3 = (DA + CB) ** 2 % P, x1 * (DA - CB) ** 2 % P
        x2, z2 = AA * BB % P, E * (AA + 121665 * E) % P
    if swap:
        x2, z2 = x3, z3
    pub = x2 * pow(z2, P - 2, P) % P
    return b64(bytes(k)), b64(pub.to_bytes(32, "little"))


def solana_keypair(rng):
    seed, pub = ed25519_keypair(rng)
    return list(seed + pub), pub


B58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz"


def b58(b):
    n = int.from_bytes(b, "big")
    out = ""
    while n:
        n, r = divmod(n, 58)
        out = B58[r] + out
    return "1" * (len(b) - len(b.lstrip(b"\x00"))) + out


def putty_rsa_v2(rng, comment):
    k = rsa_key(rng, 2048)
    pub = b64(ssh_string("ssh-rsa") + ssh_mpint(k["e"]) + ssh_mpint(k["n"]))
    priv = b64(ssh_mpint(k["d"]) + ssh_mpint(k["p"]) + ssh_mpint(k["q"]) + ssh_mpint(pow(k["q"], -1, k["p"])))
    pl = [pub[i:i + 64] for i in range(0, len(pub), 64)]
    vl = [priv[i:i + 64] for i in range(0, len(priv), 64)]
    mac = hashlib.sha1(rbytes(rng, 20)).hexdigest()
    return (["PuTTY-User-Key-File-2: ssh-rsa", "Encryption: none", f"Comment: {comment}", f"Public-Lines: {len(pl)}"] + pl
            + [f"Private-Lines: {len(vl)}"] + vl + [f"Private-MAC: {mac}"])
