"""Cleaning a person's words before a draft uses them: a shrug or blame of the other person is no
answer ("not really", "nothing, Jo started it"), a hedge or a lead-in before an answer is no part of
it, and a clause ends where a comma, a stop or a dash ends it. A small, deterministic set of rules.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.wording import strip_lead, strip_lead_in, unknown_clause, upper_first

_I: Final = re.IGNORECASE
# Answers that say nothing to put in a message ("nothing really" to "what do you regret?" is
# not a regret, "I don't know" is not a request). Not a fixed list: a clause made only of these
# words, with at least one that says no or shrugs ("no, not really", "I dunno", "nothing I can
# think of", "I did nothing wrong"), is a shrug. "no excuse, I yelled" has other words: kept.
_SHRUG_WORDS: Final = frozenset((
    "yes", "yeah", "yep", "yup", "ok", "okay", "sure", "no", "nope", "nah", "none", "nothing",
    "not", "never", "idk", "dunno", "maybe", "whatever", "na", "nada", "meh"))
_SHRUG_FILLER: Final = frozenset((
    "i", "i'm", "am", "me", "my", "mine", "it", "that", "this", "so", "really", "much", "at",
    "all", "any", "anything", "else", "just", "of", "to", "can", "could", "think", "know", "guess",
    "suppose", "regret", "wrong", "fault", "do", "did", "done", "have", "idea", "comment", "well",
    "honestly", "um", "uh", "hmm", "for", "about", "in", "particular", "sorry"))
# A clause that puts it on the other person ("Jo started it", "it was all his fault"): no answer
# to "what was your part?" or "what do you regret?". Never when I am in it ("I started it").
_BLAME: Final = re.compile(
    r"^(?:(?:but|because|cause|since|and|well|honestly|i think) )*(?!.*\b(?:i|we|i'm|me|myself|us)"
    r"\b)(?:(?:[\w']+ )?[\w']+ (?:started|began|did) (?:it|this|that|the \w+)(?: first)?"
    r"|(?:(?:it was|it is|it's|that was|that is|that's) )?(?:all )?(?!(?:my|our)\b)[\w']+ fault"
    r"(?: not mine)?|blame [\w']+(?: [\w']+)?|(?:it was|it's|that was|that's) (?:all )?(?:on )?"
    r"(?:you|him|her|them))$")
# Where a clause ends: a comma, a full stop, a dash between words.
_CLAUSE_END: Final = re.compile(r"\s*(?:[,;:.!?\u2026]+|\s-+\s|\s*[\u2013\u2014]\s*)\s*")


def _words(clause: str) -> list[str]:
    text = clause.replace("\u2019", "'").lower().replace("n/a", "na")
    text = re.sub(r"\b(do|does|did|is|was|ca|wo|have|has)nt\b", r"\1n't", text)
    return re.findall(r"[\w']+", text)


def _is_shrug(clause: str) -> bool:
    """``clause`` is a refusal or a shrug: "not really", "nah nothing", "I don't think so"."""
    if unknown_clause(clause):  # "I don't know what I feel": allowed, and nothing to send
        return True
    words = _words(clause)
    return (all(w in _SHRUG_WORDS or w in _SHRUG_FILLER or w.endswith("n't") for w in words)
            and (not words or any(w in _SHRUG_WORDS or w.endswith("n't") for w in words)))


def _is_non_answer(text: str, *, blame: bool = False) -> bool:
    """``text`` says nothing to put in a message: only shrugs ("not really, no"), or with
    ``blame``, shrugs and blame of the other person ("nothing, Jo started it")."""
    clauses = [c for c in _CLAUSE_END.split(text.strip()) if c]
    return all(_is_shrug(c) or (blame and _BLAME.match(" ".join(_words(c)))) for c in clauses)


def _answer(text: str, *, blame: bool = False) -> str:
    """``text`` without a shrug or blame it starts with ("No, I yelled" -> "I yelled"); ``""``
    when that is all it is. Words said before it ("ok fine.", "ugh.") are no part of it."""
    text = strip_lead_in(text) or text
    if _is_non_answer(text, blame=blame):
        return ""
    while (end := _CLAUSE_END.search(text)) and end.start() > 0 and (
            _is_non_answer(text[:end.start()], blame=blame)):
        text = strip_lead(r"but|and|though|still", text[end.end():])
    # A hedge left at the front ("I don't know, maybe that I shouted"): the answer is the rest.
    return strip_lead(_HEDGE_LEAD, text) or text


# Words that hedge an answer at its start: "maybe", "perhaps", "probably", "I guess".
_HEDGE_LEAD: Final = r"(?:maybe|perhaps|possibly|probably|i guess|i suppose),?"


def _sentence_case(text: str) -> str:
    """``text`` with a capital at the start of each sentence: "He" made "you" mid-account
    ("We argued. you said ...") starts a sentence still."""
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(),
                  upper_first(text))
