"""The plain sentences the critic adds about a draft (what is missing, a limit, a deed, an
acceptance, a threat, a crisis or words Mend cannot read), and the components they list as
missing or sensed.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import replace
from typing import Final

from mendkit._critic_care import TheirAct, needs_no_answer, their_acts, threatens_you
from mendkit._critic_components import _OWNERSHIP, COMPONENT_WEIGHTS
from mendkit._critic_endings import CHASING_NOTE, ENDING_NOTE
from mendkit.analysis.language import CHECK_CONTEXT_NOTE, CHECK_NOTE, looks_unreadable
from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.safety import (
    DEFAULT_REGION,
    SELF_KINDS,
    about_images,
    crisis_message,
    region_or_default,
    resources_for,
    supporter_message,
    with_region_note,
)
from mendkit.coach.bereavement import GRIEF_THOUGHTS, tells_of_a_death
from mendkit.labels import CRISIS, is_rupture
from mendkit.model import CheckResult, Issue, Safety, TurnAnalysis

MISSING_NOTE: Final = "Not there yet: "  # how the note on missing core components begins
# Issues that say a phrase is no feeling at all: the model's sense of one does not stand.
_NOT_A_FEELING: Final = frozenset({"thought_as_feeling", "blaming_feeling"})


# A rupture the model read with no words to point at: said, so no label goes unexplained.
_RUPTURE_IN_WORDS: Final = {
    "rupture.invalidation": "brushing aside their feelings or putting the blame on them",
    "rupture.confrontation": "moving against them (blame, criticism or pressure)",
    "rupture.withdrawal": "pulling away from the talk",
}


def _model_rupture_note(labels: Sequence[str]) -> str:
    """What to say of ruptures (``labels``) only the model read: a reading, not a finding."""
    read = " and ".join(_RUPTURE_IN_WORDS.get(label, label) for label in labels)
    return (f"Mend's model reads this message as {read}, though no words in it match a "
            "pattern Mend can point to. Read it once as they might: if any part puts the cause "
            "on them, say what you did instead.")


def _owned_before_the_but(text: str, issues: Sequence[Issue]) -> bool:
    """Whether a "sorry, but" in ``text`` takes back an apology that owns an act ("I'm sorry I
    forgot to pick you up, but ..."): the critic's example keeps it, so ownership is not what
    is missing; the "but" is."""
    for issue in issues:
        if issue.kind != "sorry_but":
            continue
        before = text[:issue.start].rstrip(" ,;")
        if not before:
            continue
        turn = analyze_turn(0, "me", before)
        if any(e.label == _OWNERSHIP and e.source.startswith("rule:") for e in turn.evidence) \
                and not any(is_rupture(label) for label in turn.labels):
            return True
    return False


LIMIT_NOTE: Final = (
    "This sets a limit. Mend won't suggest softening it or reopening the talk, and a limit "
    "needs none of a repair's other parts: said once, plainly and calmly, it is enough.")
GAP_NOTE: Final = (
    "\"I'm sorry I ...\" still has a gap: say there what you did, in your own words. As it "
    "stands it owns nothing, so Mend doesn't count it as ownership.")
# Said of a rewrite that leaves the gap, for the person to fill in before they send it.
GAP_REWRITE_NOTE: Final = (
    "The suggested rewrite leaves a gap (\"I'm sorry I ...\") for what you did: fill it in, in "
    "your own words, before you send it. Mend left out the rest, which read as more blame than "
    "apology.")
DEED_NOTE: Final = (
    "This reads as a repair by deed (an offer, a lift, a meal, turning up) or thanks for one. "
    "Repair by deed counts, and it needs none of a spoken apology's parts. If you want words to go with "
    "it, a few are enough: what you will do and when, or \"I'd like us to be all right.\"")
# Said of taking up their apology or offer ("Apology accepted, but you're buying the biscuits for
# a month"): not a deed of the writer's (round sixteen).
ACCEPT_NOTE: Final = (
    "This reads as accepting their apology or their offer to make up. Taking it up is a repair "
    "of its own, and it needs none of an apology's parts.")
# The parts of a spoken repair: a message with none of them that offers or does something kind
# is a repair by deed (``DEED_NOTE``).
_SPOKEN: Final = ("ownership", "validation", "feeling")


def _accepts(turn: TurnAnalysis) -> bool:
    """Whether a rule reads ``turn`` as accepting an apology or an offer."""
    return any(e.label == "reconnect" and e.subtype == "acceptance" and e.source.startswith("rule:")
               for e in turn.evidence)


def _a_deed(turn: TurnAnalysis, components: Mapping[str, bool]) -> bool:
    """Whether ``turn`` repairs by deed: read as reconnecting (an offer, a kind act, thanks for
    one), with no rupture and none of a spoken repair's parts."""
    return ("reconnect" in turn.labels and not any(is_rupture(label) for label in turn.labels)
            and not any(components.get(name) for name in _SPOKEN))


LETTER_NOTE: Final = (
    "This reads as a letter that needs no answer, or one to someone who has died, so Mend "
    "doesn't ask it for a request.")
QUOTED_NOTE: Final = (
    "Mend set aside the quoted lines (those starting with \">\", and a \"... wrote:\" line "
    "above them): they are the words you are answering, not yours.")


def _notes(text: str, turn: TurnAnalysis, components: Mapping[str, bool], issues: list[Issue], *,
           acts: Sequence[TheirAct], limit_spans: Sequence[tuple[int, int]],
           overruled: set[str], gapped: bool = False) -> list[str]:
    """What is "not there yet" (not the parts the model alone sensed or a rule found where the
    model's reading overruled it; not ownership where the writer took on what the other person
    did; no request of a letter that needs no answer), or, for a limit set in a message that
    owns nothing, that nothing more is asked of it (a repair with a limit in it is a repair).
    A gap left unfilled (``gapped``: "I'm sorry I ...") is ownership missing, whatever read it."""
    if limit_spans and not components["ownership"]:
        return [LIMIT_NOTE]
    if _a_deed(turn, components):
        return [ACCEPT_NOTE if _accepts(turn) else DEED_NOTE]
    sensed = _sensed(components, turn.labels, {i.kind for i in issues})
    missing = [name for name, present in components.items()
               if not present and ((name not in sensed and name not in overruled)
                                   or (name == "ownership" and gapped))
               and name not in ("acknowledgement", "appreciation")
               and not (name == "ownership" and acts)]
    notes: list[str] = [GAP_NOTE] if gapped else []
    if needs_no_answer(text):
        notes.append(LETTER_NOTE)
        missing = [name for name in missing if name != "request"]
    return [MISSING_NOTE + ", ".join(missing) + ".", *notes] if missing else notes


# Said of a draft that threatens the one who reads it: Mend offers no rewording of it.
THREAT_NOTE: Final = (
    "This reads as a threat, so Mend won't suggest a rewording of it: no wording makes a threat "
    "part of a repair. If you are this angry, step away for now and come back to it when you "
    "feel calmer.")
# The rules whose matches are threats (intimidation), not only hostility: "you'll regret it",
# "keep pushing me and see what happens", "don't push me", "or else".
_THREAT_RULES: Final = frozenset({"rule:confrontation/hostility-intimidation-29",
                                  "rule:confrontation/hostility-intimidation-30"})
_THREAT_WORDS_RULE: Final = "rule:confrontation/hostility-threat-23"
_THREAT_WORDS_RE: Final = re.compile(
    r"\bsee what happens\b|\bdon['\u2019]?t (?:push|test|try) (?:me|my patience)\b|\bor else\b",
    re.IGNORECASE)


def _threatens(turn: TurnAnalysis) -> bool:
    """Whether a rule reads a threat in ``turn``: a crisis sign of danger or harm to someone,
    or intimidation ("you'll regret this", "keep pushing me and see what happens")."""
    for e in turn.evidence:
        if not e.source.startswith("rule:"):
            continue
        if e.label == CRISIS and e.subtype in {"abuse_danger", "harm_to_others"}:
            return True
        if e.source in _THREAT_RULES or (e.source == _THREAT_WORDS_RULE
                                         and _THREAT_WORDS_RE.search(e.text)):
            return True
    return False


_UNSAFE: Final = ("This message mentions something that sounds unsafe. Repair can wait; "
                  "please reach out to someone now.")
# The model's guess with no sign to point at: said as a guess, so a person can tell a misreading
# ("My plan is to apologise tonight") from a warning, but asked to take it seriously first: a
# plainly suicidal sentence the rules missed ("i just i don't want to be here anymore you know")
# must not read as Mend doubting it.
_UNSAFE_GUESS: Final = (
    "Mend's model read this message as a possible sign that someone may not be safe: it may be "
    "about suicide or self-harm, or about someone hurting you. Please take that seriously. None "
    "of the signs Mend knows matches these words, so Mend cannot point to them or say which it "
    "is, and the model can be wrong. If you or someone else may not be safe, please reach out "
    "to someone now; repair can wait.")


# A message that speaks of a death (round 19): grief's words, the coach's own on the path for
# someone who has died, not "repair can wait" (there may be nothing to repair).
_GRIEF_GUESS: Final = ("Mend's model read this message as a possible sign that you may not be "
                       "safe; no sign Mend knows matches its words, and the model can be wrong.")


def unsafe_note(text: str, kinds: Sequence[str], *, model_only: bool) -> str:
    """What ``mend check`` says of a message with a sign of crisis (of ``kinds``; ``model_only``:
    only the model read it): for a message that speaks of someone who died, and no sign of danger
    from someone else alone, the words for grief; else that repair can wait.

    >>> unsafe_note("Since she died I just want to be with her.", ("suicide",),
    ...             model_only=False)[:39]
    'Grief can bring thoughts of wanting to '
    >>> unsafe_note("I want to die.", ("suicide",), model_only=False) == _UNSAFE
    True
    """
    own = not kinds or any(k in SELF_KINDS for k in kinds)
    if own and tells_of_a_death(text):
        return f"{_GRIEF_GUESS} {GRIEF_THOUGHTS}" if model_only else GRIEF_THOUGHTS
    return _UNSAFE_GUESS if model_only else _UNSAFE


def _unread_note(text: str, context: Sequence[str]) -> str | None:
    """What to say when ``text``, or the message it answers, is not in English; else None."""
    if looks_unreadable(text):
        return CHECK_NOTE
    if context and looks_unreadable(context[-1]):
        return CHECK_CONTEXT_NOTE
    return None


def is_unread(result: CheckResult) -> bool:
    """Whether ``result`` is for a message Mend could not read (not in English): its score and
    checklist say little, and no issue found means nothing."""
    return CHECK_NOTE in result.notes


def _with_context_risk(result: CheckResult, answered: Safety,
                       context: Sequence[TurnAnalysis] = (), region: str = DEFAULT_REGION
                       ) -> CheckResult:
    """``result``, when the messages it answers (``context``) show crisis signs (``answered``):
    a reply to someone who may be unsafe, or who threatens harm, is not coached. A message
    received that threatens the person is named as a threat to them, with the lines for danger
    from someone else first."""
    if not answered.crisis:
        return result
    kinds = dict.fromkeys((*result.risk.kinds, *answered.kinds))
    received = [t.text for t in context if t.index in answered.turns and t.speaker == "them"]
    note = _context_note(tuple(kinds), received)
    risk = replace(answered, turns=(*answered.turns, *result.risk.turns), kinds=tuple(kinds),
                   in_context=True)
    if note == _UNSAFE_IN_CONTEXT and not result.risk.crisis:
        # Only the message answered shows the signs: Mend speaks to the writer as the one who
        # wants to help, not as the one at risk (round 16).
        risk = replace(risk, message=with_region_note(supporter_message(), region))
    if note == _THREAT_TO_YOU_IN_CONTEXT:
        help_for = ("abuse_danger", *answered.kinds) if answered.kinds else ("abuse_danger",
                                                                           "suicide")
        message = with_region_note(crisis_message(("abuse_danger", *answered.kinds)), region)
        risk = replace(risk, message=message,
                       resources=resources_for(region_or_default(region)[0], help_for,
                                               images=any(about_images(t) for t in received)))
    notes = result.notes if result.risk.crisis else tuple(n for n in result.notes
                                                          if n in (CHECK_NOTE, CHECK_CONTEXT_NOTE))
    return replace(result, risk=risk, issues=(), rewrite=None, notes=(note, *notes))


def _context_note(kinds: Sequence[str], received: Sequence[str]) -> str:
    """What to say of crisis signs of ``kinds`` in the messages answered (``received``, those
    from the other person that show them): a threat to the person, harm spoken of, or someone
    who may not be safe."""
    if not set(kinds) & {"suicide", "self_harm"} and threatens_you(received):
        return _THREAT_TO_YOU_IN_CONTEXT
    if set(kinds) & {"harm_to_others", "abuse_danger"}:
        return _THREAT_IN_CONTEXT
    return _UNSAFE_IN_CONTEXT


_UNSAFE_IN_CONTEXT: Final = (
    "The message you are answering suggests they may not be safe. Repair can wait. If they "
    "might be in danger right now, call your local emergency number; a crisis line can talk "
    "with you about how to help, and they can call one too.")
_THREAT_IN_CONTEXT: Final = (
    "The message you are answering speaks of harming someone. Your safety comes first, so Mend "
    "won't coach a reply to someone who may harm or control you. If anyone is in danger now, "
    "call your local emergency number.")
_THREAT_TO_YOU_IN_CONTEXT: Final = (
    "The message you are answering sounds like a threat to you. That is not your fault, and "
    "you don't owe it an apology or an answer. Your safety comes first, so Mend won't coach a "
    "reply to someone who may harm or control you. If you are in danger now, call your local "
    "emergency number.")


def sensed_components(result: CheckResult) -> list[str]:
    """The components with no phrase to point at whose label was still found (by the model, or
    by the person's own corrections): not present, and not missing either."""
    return _sensed(result.components, result.labels, {i.kind for i in result.issues})


def missing_components(result: CheckResult) -> list[str]:
    """What the terminal and the Check page list as missing: the core components the result's
    "Not there yet" note asks for (none of a limit or of what the model sensed, no request of a
    letter that needs no answer, no ownership of what the other person did), and the optional
    ones (acknowledgement, appreciation) not found, except in a limit. Ownership that a "sorry,
    but" took back is missing too: the note leaves it out, as the issue's example keeps the
    apology (:func:`_owned_before_the_but`), but the message as written owns nothing, so it is
    not present either (none when the message takes on what the other person did)."""
    if any(note in result.notes for note in (LIMIT_NOTE, DEED_NOTE, ACCEPT_NOTE, ENDING_NOTE,
                                             CHASING_NOTE)):
        # A limit, a repair by deed, an apology taken up, an ending or a chase: a repair's
        # checklist does not fit it.
        return []
    asked: list[str] = []
    for note in result.notes:
        if note.startswith(MISSING_NOTE):
            asked = [name.strip() for name in note[len(MISSING_NOTE):].rstrip(".").split(",")]
    sensed = sensed_components(result)
    if (not result.components["ownership"] and "ownership" not in sensed
            and any(i.kind == "sorry_but" for i in result.issues)
            and not their_acts(result.text)):
        asked.append("ownership")  # taken back by the "but"
    return [name for name, present in result.components.items()
            if name in asked or (name in ("acknowledgement", "appreciation")
                                 and not present and name not in sensed)]


def _sensed(components: Mapping[str, bool], labels: Sequence[str], kinds: set[str]
            ) -> list[str]:
    return [name for name, present in components.items()
            if not present and COMPONENT_WEIGHTS[name][0] in labels
            and not (name == "feeling" and kinds & _NOT_A_FEELING)]
