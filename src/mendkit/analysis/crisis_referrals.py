"""A supporter's pointer to help is not the supporter's own crisis (round 18, tester t3).

After "My husband said if I leave he'll kill me and the kids.", the friend who answers "That is
serious and it's not your fault. You can call a domestic abuse line right now." helps: yet the
crisis rules read "domestic abuse" as a sign of abuse and "not your fault" as absolving others in
advance (a weak sign of suicide), so the helper was counted as a crisis turn, and the evidence
said "suicide" on "not your fault". ``without_referral_signs`` takes the crisis label off such a
reply. The crisis stays the person's, on their own turn, and the safety summary still shows
resources; only the helper's turn is no longer counted as one.

Narrow on purpose: the reply must come from someone else within ``REACH`` turns of a person's own
sign that a rule read (suicide, self-harm, someone hurting them), its writer must have shown no
sign of their own earlier, it must point the person to help ("you can call a domestic abuse
line", "please ring a crisis line"), and every crisis phrase a rule found in it must lie inside
that pointer or inside words that absolve the person ("it's not your fault"). A helper who also
tells of their own danger ("call a domestic abuse line, my ex hit me too") keeps the label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from mendkit.labels import CRISIS
from mendkit.model import TurnAnalysis

# How many turns after the person's sign a pointer to help still answers it.
REACH: Final = 3
# The kinds of sign a person tells of themselves, for which another points them to help.
_ANSWERED_KINDS: Final = frozenset({"suicide", "self_harm", "abuse_danger"})
# Pointing the other person to help: "you can call a domestic abuse line", "please ring the
# crisis line", "maybe talk to a refuge". The help named at the end.
_REFERRAL: Final = re.compile(
    r"\b(?:(?:you|u) (?:can|could|should|might|may|need to|have to|must)|please|pls|maybe"
    r"|(?:i'?d|i would) (?:really )?(?:call|ring|text|contact)|try(?: to)?|go ahead and"
    r"|(?:can|could|will|would) (?:you|u))"
    r"(?: (?:really|just|also|still|always|please|now|today|tonight))* "
    r"(?:call|ring|phone|text|contact|reach out to|talk to|speak to|get in touch with|go to)"
    r"(?: \S+){0,6}? (?:line|helpline|hotline|hot line|lifeline|service|services|shelter|refuge"
    r"|advocate|charity|support worker|counsell?or|doctor|gp|police|911|999|112|000)\b",
    re.IGNORECASE)
# Words that absolve the person who told of the danger.
_ABSOLVES: Final = re.compile(
    r"\b(?:(?:it|this|that|none of this|none of it)(?:'s| is|s)? (?:not|never) (?:on )?"
    r"(?:your|ur|you) ?(?:fault)?|not your fault|(?:you|u) did nothing wrong"
    r"|don'?t blame yourself)\b", re.IGNORECASE)


def _rule_kinds(turn: TurnAnalysis) -> set[str]:
    return {e.subtype or "" for e in turn.evidence
            if e.label == CRISIS and e.source.startswith("rule:")}


def _covered(start: int, end: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def without_referral_signs(turns: Sequence[TurnAnalysis]) -> list[TurnAnalysis]:
    """``turns``, less the crisis label (and its evidence) of a helper's reply that points the
    person at risk to help (see the module docstring). A crisis only the model read on such a
    reply goes too; a rule-found crisis phrase outside the pointer and the absolving words
    keeps the whole label."""
    out = list(turns)
    for position, turn in enumerate(turns):
        if CRISIS not in turn.labels:
            continue
        referrals = [m.span() for m in _REFERRAL.finditer(turn.text)]
        if not referrals:
            continue
        own_before = any(b.speaker == turn.speaker and _rule_kinds(b)
                         for b in turns[:position])
        answered = any(b.speaker != turn.speaker and _rule_kinds(b) & _ANSWERED_KINDS
                       for b in turns[max(0, position - REACH):position])
        if own_before or not answered:
            continue
        spans = referrals + [m.span() for m in _ABSOLVES.finditer(turn.text)]
        signs = [e for e in turn.evidence if e.label == CRISIS]
        if all(e.source.startswith("model:") or _covered(e.start, e.end, spans) for e in signs):
            out[position] = replace(
                turn, labels=tuple(label for label in turn.labels if label != CRISIS),
                evidence=tuple(e for e in turn.evidence if e.label != CRISIS))
    return out


__all__ = ["without_referral_signs"]
