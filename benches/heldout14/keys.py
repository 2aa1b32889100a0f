"""Key material for the fourteenth held-out corpus: heldout13's (itself heldout10-12's: real RSA, P-256, Ed25519 arithmetic,
OpenSSH, PGP, certificates, JWKs), loaded through hcommon.reuse, unchanged."""

from hcommon import reuse

globals().update(reuse("heldout13", "keys"))
