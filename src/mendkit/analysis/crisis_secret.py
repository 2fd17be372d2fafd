"""A plea for secrecy takes the kind of what the secret is about (round 17, tester t1's P9).

The weak rule ``crisis/weak-secret-01`` reads "please don't tell him", "she made me promise not to
say" as a hint of hidden self-harm ("please don't tell mum about the scars on my arms"). Beside a
disclosure of abuse ("he hits me when you're not there. with his belt. please don't tell him i
told you") the same plea is fear of the one who hurts, and the turn's crisis kinds, the words Mend
shows and the resources' order must say danger from him, not self-harm. So the hint's kind
follows the turn's other crisis signs: the nearest explicit sign, or, with only hints there, the
nearest other hint ("She made me promise not to say. She's terrified of him."). With no other
sign the rule's own kind stands (the hint alone is no crisis).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from mendkit.labels import CRISIS
from mendkit.model import Evidence

_SECRET: Final = "rule:crisis/weak-secret-"
_WEAK: Final = "rule:crisis/weak-"


def _distance(a: Evidence, b: Evidence) -> int:
    return max(0, a.start - b.end, b.start - a.end)


def secret_follows(evidence: Sequence[Evidence]) -> tuple[Evidence, ...]:
    """``evidence`` with each secrecy hint's kind set to that of the nearest other crisis sign in
    the turn (an explicit one before any hint); unchanged where there is none."""
    crisis = [e for e in evidence if e.label == CRISIS and e.subtype]
    signs = [e for e in crisis if not e.source.startswith(_SECRET)]
    if len(signs) == len(crisis) or not signs:
        return tuple(evidence)  # no secrecy hint, or nothing for it to follow
    explicit = [e for e in signs if not e.source.startswith(_WEAK)]
    guides = explicit or signs

    def followed(e: Evidence) -> Evidence:
        if e.label != CRISIS or not e.source.startswith(_SECRET):
            return e
        nearest = min(guides, key=lambda g: (_distance(e, g), g.start))
        return e if nearest.subtype == e.subtype else replace(e, subtype=nearest.subtype)

    return tuple(followed(e) for e in evidence)
