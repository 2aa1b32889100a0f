"""Key material for the thirteenth held-out corpus: heldout12's (itself heldout11's and heldout10's, real RSA, DSA, P-256,
Ed25519 and X25519 arithmetic), loaded through hcommon.reuse, and three small helpers added here for public halves."""

from hcommon import b64, reuse, ssh_mpint, ssh_string, rsa_key, pem_armor

globals().update(reuse("heldout12", "keys"))


def cert_lines(rng, cn):
    """A PEM certificate block (the outer shape of an X.509 certificate; heldout10's fake_cert_der)."""
    return pem_armor("CERTIFICATE", fake_cert_der(rng, cn))  # noqa: F821 (from heldout10 via reuse)


def ssh_host_pub(rng):
    """An ssh-ed25519 public key line body, as known_hosts holds it."""
    _, pub = ed25519_keypair(rng)  # noqa: F821
    return "ssh-ed25519 " + b64(ssh_string("ssh-ed25519") + ssh_string(pub))


def ssh_rsa_pub(rng, comment, bits=2048):
    k = rsa_key(rng, bits)
    return "ssh-rsa " + b64(ssh_string("ssh-rsa") + ssh_mpint(k["e"]) + ssh_mpint(k["n"])) + " " + comment
