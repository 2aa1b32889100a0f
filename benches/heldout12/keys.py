"""Key material for the twelfth held-out corpus: heldout11's (`benches/heldout11/keys.py`), unchanged."""

from hcommon import reuse

globals().update(reuse("heldout11", "keys"))
