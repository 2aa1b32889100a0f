"""Key material for the eleventh held-out corpus, built from the seeded generator: heldout10's P-256 and
Ed25519 key pairs (real curve arithmetic, so the public halves match), OpenSSH and PuTTY key files and
OpenPGP secret-key block, reused from its module, and the kinds added below for this corpus.
"""

from hcommon import reuse

# heldout10's key material (P-256 and Ed25519 arithmetic, OpenSSH/PuTTY/OpenPGP files), unchanged.
globals().update(reuse("heldout10", "keys"))


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
