"""The parts of a repair the critic counts in a draft (owning one's part, validating, a feeling,
a request, acknowledgement, appreciation) from the rules' spans.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Final

from mendkit._critic_apology import stuffed_sentences
from mendkit._critic_care import overlaps
from mendkit.labels import is_rupture
from mendkit.model import TurnAnalysis

COMPONENT_WEIGHTS: Final = {
    "ownership": ("repair.responsibility", 0.22),
    "validation": ("repair.validate", 0.16),
    "feeling": ("repair.feeling", 0.14),
    "request": ("repair.request", 0.14),
    "acknowledgement": ("repair.acknowledge", 0.06),
    "appreciation": ("reconnect", 0.06),
}


def _components(turn: TurnAnalysis, unearned: Sequence[tuple[int, int]] = (),
                theirs: Sequence[tuple[int, int]] = ()) -> dict[str, bool]:
    """Which components a rule shows with a span. In a sentence strung from stock repair phrases
    with nothing said between them ("I'm sorry I understand I feel sad I need I will"), only the
    heaviest of its components counts: it is a formula, and must not out-rank a real apology.
    A plain "Could you ...?" ask counts as the request in a message that repairs around it
    (``_asks_in_a_repair``), and a wish that asks for a change counts wherever it is said
    ("I'd like you to ...", "What I'd love is for us to ...": ``_wishes``). Nothing counts on
    words that plead (``unearned``: "I'll change anything"), and no ownership in a sentence
    that takes on what the other person did (``theirs``: "I'm sorry I made you throw it")."""
    stuffed = stuffed_sentences(turn.text)
    rules = [e for e in turn.evidence if e.source.startswith("rule:")
             and not overlaps(e.start, e.end, unearned)
             and not (e.label == _REQUEST and _NO_CHANGE_RE.match(turn.text, e.end))
             and not (e.label == _OWNERSHIP and theirs and (
                 any(a <= e.start < b for a, b in theirs) or _BARE_SORRY_RE.fullmatch(e.text)))]
    said = {e.label for e in rules if not any(a <= e.start < b for a, b in stuffed)}
    formula = {e.label for e in rules} - said
    heaviest = [label for label, _ in sorted(COMPONENT_WEIGHTS.values(), key=lambda lw: -lw[1])
                if label in formula][:1]
    if any(label in said for label, _ in COMPONENT_WEIGHTS.values()):
        heaviest = []  # the message says something elsewhere: the formula adds nothing
    counted = said | set(heaviest)
    # An ask that the reading labels a request counts as one too, with no repair around it
    # ("Could we put both time zones in the calendar?"): the component agrees with the label.
    if _REQUEST not in counted and (counted & _REPAIRS or _REQUEST in turn.labels) \
            and _asks_in_a_repair(turn, stuffed):
        counted.add(_REQUEST)
    if _REQUEST not in counted and _wishes(turn, [*stuffed, *unearned]):
        counted.add(_REQUEST)
    if _APPRECIATION not in counted and _praises(turn):
        counted.add(_APPRECIATION)
    return {name: label in counted for name, (label, _) in COMPONENT_WEIGHTS.items()}


_REQUEST: Final = COMPONENT_WEIGHTS["request"][0]
_OWNERSHIP: Final = COMPONENT_WEIGHTS["ownership"][0]
_APPRECIATION: Final = COMPONENT_WEIGHTS["appreciation"][0]
# "I'm so proud of you", "So proud of you!!": appreciation said to them (round sixteen). The rules
# leave pride with no rupture or repair before it unlabelled, as the corpus does (praise is not
# re-engagement), but in a message it is what the critic counts as appreciation. Not a pride that
# stings ("proud of you for finally turning up").
_PRAISE_RE: Final = re.compile(
    r"(?:\b(?:i['\u2019]?m|im|i am|i(?:['\u2019]m| am) just)\s+|(?:^|[.!?,]\s*))(?:(?:so|really|very"
    r"|super|incredibly|genuinely|honestly|sooo+)\s+)*proud of (?:you|u|ya)\b"
    r"(?![^.!?\n]*\b(?:finally|for once|at last|for a change)\b)", re.IGNORECASE)


# "I've really liked getting to know you", "I enjoyed our dates", "I'm glad we met": what the
# writer valued in them or in the time together, said to them (round seventeen: a kind ending's
# thanks, and a repair's warmth, went uncounted).
_VALUED_RE: Final = re.compile(
    r"\bi(?:['\u2019]ve| have)? (?:really |truly |genuinely |honestly |so |very much )*"
    r"(?:liked|loved|enjoyed|valued|appreciated) (?:getting to know (?:you|u)|spending time with"
    r" (?:you|u)|our time(?: together)?|the time we(?:['\u2019]ve| have)? (?:had|spent)(?:"
    r" together)?|our (?:dates|chats|talks|conversations|time)|being with (?:you|u)|meeting"
    r" (?:you|u)|knowing (?:you|u))\b"
    r"|\b(?:i['\u2019]?m|i am) (?:really |so |truly )?glad (?:we met|i met (?:you|u)|i got to know"
    r" (?:you|u))\b", re.IGNORECASE)


def _praises(turn: TurnAnalysis) -> bool:
    """Whether ``turn`` tells them the writer is proud of them, outside any rupture read, or
    valued them or the time together, outside any rupture a rule found (the model's reading of
    a whole ending, "I've loved spending time with you", may be a rupture: its thanks stand)."""
    ruptures = [(e.start, e.end) for e in turn.evidence if is_rupture(e.label)]
    found = [(e.start, e.end) for e in turn.evidence
             if is_rupture(e.label) and e.source.startswith("rule:")]
    return any(not overlaps(m.start(), m.end(), ruptures) for m in _PRAISE_RE.finditer(turn.text)) \
        or any(not overlaps(m.start(), m.end(), found) for m in _VALUED_RE.finditer(turn.text))


# "I'm sorry." and nothing more: in a message that takes on what the other person did, it is an
# apology for that, and owns nothing of the writer's own.
_BARE_SORRY_RE: Final = re.compile(
    r"\s*(?:i['\u2019]?m |im |i am )?(?:(?:so|really|truly|very) )*(?:sorry|soz|sry)[.!\s]*",
    re.IGNORECASE)
# What makes a message a repair that an ask can answer (as the request rules' context does for
# the turns before: an everyday "can you ..." is repair when it answers a rupture or a repair).
_REPAIRS: Final = frozenset(COMPONENT_WEIGHTS[name][0] for name in
                            ("ownership", "validation", "feeling", "acknowledgement"))
# "Could you help more with the dishes?", "Can you put your phone away at dinner?", "Can we take
# two minutes first?", "Would you be up for a walk?": a question that asks them to do something.
# Not "how could you ...", "can you believe ...", "could you
# not ...", "for once", task talk ("could you pass the file?") or asking what happened ("can you
# tell me what ...", the acknowledgement's invitation).
_ASK_RE: Final = re.compile(
    r"(?<!\w)(?:could|can|would|will) (?:you|u|we) (?:please |pls |maybe |possibly |just |also "
    r"|try to |at least |be (?:up|open|ok|okay|willing) (?:for|to) )?(?!(?:believe|imagine|even"
    r"|ever|not|seriously|honestly|really|be any|drop (?:it|this)|move on|forget (?:it|this|about)"
    r"|pass|send|forward|grab|pick (?:up|me up)|open|close|print|hand|hear|see|tell me (?:what"
    r"|why|how|where|when|who|which|if|whether|more|about)|explain|say that|repeat)\b)"
    r"[a-z]+\b[^.?!\n]*\?", re.IGNORECASE)
_NOT_AN_ASK_RE: Final = re.compile(
    r"(?:\b(?:what|how|why|where|who|when|which|if|whether|wonder)\s+)\Z", re.IGNORECASE)
_DEMAND_RE: Final = re.compile(
    r"\b(?:for once|how many times|or else|for (?:god|fuck|christ)['\u2019]?s sake|ffs"
    r"|leave me alone|shut up|get over|grow up|calm down|stop being)\b", re.IGNORECASE)


def _asks_in_a_repair(turn: TurnAnalysis, stuffed: Sequence[tuple[int, int]]) -> bool:
    """Whether ``turn`` asks them to do something, in a "could you ...?" question that no rule
    reads as anything (a rupture, or another part of a repair) and that is no demand, no
    rhetorical question and no formula (``stuffed``)."""
    text = turn.text
    for m in _ASK_RE.finditer(text):
        before = text[max(0, m.start() - 12):m.start()]
        if _NOT_AN_ASK_RE.search(before) or _DEMAND_RE.search(m.group()):
            continue
        if any(a <= m.start() < b for a, b in stuffed):
            continue
        if any(e.start < m.end() and m.start() < e.end for e in turn.evidence
               if e.source.startswith("rule:")):
            continue
        return True
    return False


# A wish that asks for a change (round eighteen): "I'd like you to tell me when you need space",
# "I'd love it if we walked after dinner", "What I'd love is for us to have dinner on Sundays".
# The request rules read some of these only after a rupture, and in full mode the model's reading
# of a short message may overrule them; said in a draft, they are the request. A wish about
# someone else ("I'd like her to call me before she comes over") counts too: a message that
# names them so is written to someone else about them (a partner about a parent, a parent about
# a teacher), who can help it happen. Not a wish for a feeling or for being understood ("I'd like
# you to know how sorry I am"): that asks for no change (``_NO_CHANGE_RE``).
_WHO: Final = r"(?:you|u|us|we|her|him|them|she|he|they)"
_ASKED: Final = rf"(?: (?:if|when|that) {_WHO}\b| (?:for )?{_WHO} to\b)"
_WISH_RE: Final = re.compile(
    r"\bi(?:['\u2019]d| would|d) (?:really |so |just |much |honestly |truly |genuinely )*"
    rf"(?:like|love|prefer|appreciate)(?: it)?{_ASKED}"
    r"|\bwhat i(?:['\u2019]d| would)? (?:really |most |honestly |truly |just )*"
    rf"(?:like|love|want|need|prefer|appreciate)(?: most)?(?: from (?:you|u))? is{_ASKED}",
    re.IGNORECASE)
_NO_CHANGE_RE: Final = re.compile(
    r"\s*(?:(?:could|would|can|will|did) )?(?:(?:really|truly|just|finally|at least) )?"
    r"(?:know|knew|understood|understand|realise|realize|feel"
    r"|believe|think|see (?:that|how|why|what)|be aware|hear (?:that|how)|remember that)\b",
    re.IGNORECASE)
# Asks that push or shut them out ("I'd love for you to grow up for once"), and task talk ("I'd
# like you to send me the report").
_NOT_A_CHANGE_RE: Final = re.compile(
    r"\b(?:for once|for a change|or else|grow up|shut up|get over|calm down|stop being|back off"
    r"|butt out|how many times)\b"
    r"|^\s*(?:pass|send|forward|grab|print|hand|sign|fill in|fill out|email)\b", re.IGNORECASE)


def _wishes(turn: TurnAnalysis, skipped: Sequence[tuple[int, int]]) -> bool:
    """Whether ``turn`` asks for a change as a wish (``_WISH_RE``): an act follows the wish, it
    asks for no feeling, no rule reads a rupture on it, and it is no formula or plea
    (``skipped``)."""
    text = turn.text
    ruptures = [(e.start, e.end) for e in turn.evidence
                if is_rupture(e.label) and e.source.startswith("rule:")]
    for m in _WISH_RE.finditer(text):
        end = _clause_stop(text, m.end())
        asked = text[m.end():end]
        if not re.match(r"\s*[a-z]{2,}", asked, re.IGNORECASE) \
                or _NO_CHANGE_RE.match(text, m.end()) or _NOT_A_CHANGE_RE.search(asked):
            continue
        if overlaps(m.start(), end, ruptures) or any(a <= m.start() < b for a, b in skipped):
            continue
        return True
    return False


_STOP_RE: Final = re.compile(r"[.?!\n]")


def _clause_stop(text: str, start: int) -> int:
    stop = _STOP_RE.search(text, start)
    return stop.start() if stop else len(text)
