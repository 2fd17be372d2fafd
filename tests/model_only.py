"""A message only the model flags (no rule fires), for the tests of corrections and personal heads.

The shipped model gives it about 0.93 for ``rupture.confrontation`` (threshold 0.75), read after
``PREVIOUS``; ``mend train`` on one "wrong" correction must take the label away.
"""

from __future__ import annotations

LABEL = "rupture.confrontation"
TEXT = "Maybe if you didn't only talk to me when something's wrong!"
PREVIOUS = "Don't you roll your eyes at me!"
