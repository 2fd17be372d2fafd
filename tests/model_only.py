"""A message only the model flags (no rule fires), for the tests of corrections and personal heads.

The shipped model gives it well above its threshold for ``rupture.confrontation``, read after
``PREVIOUS``; ``mend train`` on one "wrong" correction must take the label away.
"""

from __future__ import annotations

LABEL = "rupture.confrontation"
TEXT = "Maybe if you didn't only talk to me when something's wrong!"
PREVIOUS = "Don't you roll your eyes at me!"
