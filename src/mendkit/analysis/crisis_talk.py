"""A conversation around a crisis sign: who is at risk, who helps, and what is no rupture there.

Round 16 (testers t1, t2, t3). A friend's "are u safe rn? like are the meds near u" or "like dont
want to be here as in school or as in here here" asks about the other person's words; it is not
the friend's own crisis (``without_asked_signs``). While someone speaks of suicide, self-harm or
being hurt, the one who answers "ur not being dramatic. this is serious and u matter to me" or
"I'm here. I'm not going anywhere." supports them: the model, which was never shown such talk,
read those as confrontation and withdrawal, and the person's own "idk man i dont wanna be
dramatic lol", "no and dont tell them pls" and "ok" as invalidation, confrontation and
withdrawal, so a friend who did everything right was shown a "major, unresolved" rupture. Nor
is the person's lead-in to telling ("wait ok i need to tell u smth", "ngl ive been so not ok
lately") a repair of an earlier, unrelated rupture (``calm_crisis_talk``). And an episode that
holds a crisis only the model read is marked as a crisis episode (``with_crisis_marks``): the
contract says an episode with a crisis turn has ``risk.crisis`` in its labels and is ``major``.

A pure function of analysed turns, as the episodes are. Rule-found ruptures stay, the
supporter's as much as anyone's: "you're being so dramatic" is still invalidation.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace
from typing import Final, NamedTuple

from mendkit.analysis.crisis_replies import only_asks
from mendkit.analysis.safety import (
    _carried_signs,
    _question_kind,
    _rule_sign,
    turn_kinds,
)
from mendkit.analysis.text import inside, normalise, reported_spans, unwrap
from mendkit.labels import CRISIS, LABELS, RECONNECT, is_repair, is_rupture
from mendkit.model import Episode, TurnAnalysis

# The crisis kinds a person speaks of about themselves, whom another can support: suicide,
# self-harm, someone hurting them (not a threat to harm someone).
SUPPORTED_KINDS: Final = frozenset({"suicide", "self_harm", "abuse_danger"})
# Their own thoughts, which a person leads in to telling ("wait ok i need to tell u smth"): a sign
# of danger may be about someone else ("is she safe rn?" of a friend's sister).
_OWN_KINDS: Final = frozenset({"suicide", "self_harm"})
# How many turns after the person's latest sign the conversation is still about it.
WINDOW: Final = 6
# How long support keeps a stretch of crisis talk going: turns after each supporting reply.
STAYS: Final = 2
# An episode is open this many turns after its last (``find_episodes``' default).
QUIET_TURNS: Final = 8
# How far back the person's own messages lead in to the sign ("wait ok i need to tell u smth",
# "ngl ive been so not ok lately", then "like i dont want to be here anymore").
LEAD_IN: Final = 4
# A question repeats the other's words within this many turns after them.
ASKED_REACH: Final = 3
# "ok" to support: assent, not a minimal response ("dunno.", "fine", "whatever" stay one).
_ASSENT: Final = re.compile(r"(?:ok+|okay|oki|k+|yeah|ya|yep|yes|sure|alright|mhm)(?: (?:ok+|okay))?")
# A sorry for telling, said by the person at risk ("ok. sorry for dumping this on you"): politeness,
# not an apology for a harm (DESIGN: a politeness sorry is no repair; round 18, tester t4).
_SORRY_FOR_TELLING: Final = re.compile(
    r"\b(?:sorry|sry|srry|soz|apologies) (?:for|about) (?:dumping|unloading|offloading|venting"
    r"|ranting|rambling|bothering|texting|messaging|calling|ringing|telling|putting|laying"
    r"|going on|crying|being a mess|being dramatic|the (?:rant|essay|long message|wall of text))\b")
_WITHDRAWAL: Final = "rupture.withdrawal"
_RESPONSIBILITY: Final = "repair.responsibility"
_MOVES_AGAINST: Final = frozenset({"rupture.confrontation", "rupture.invalidation"})


def _words(text: str) -> str:
    return " ".join("".join(c if c.isalnum() or c == "'" else " " for c in
                            normalise(unwrap(text)).replace("'", "")).split())


def _without(turn: TurnAnalysis, labels: set[str]) -> TurnAnalysis:
    """``turn`` without ``labels`` nor their evidence (their scores stay)."""
    if not labels & set(turn.labels):
        return turn
    return replace(turn, labels=tuple(label for label in turn.labels if label not in labels),
                   evidence=tuple(e for e in turn.evidence if e.label not in labels))


def without_asked_signs(turns: Sequence[TurnAnalysis]) -> list[TurnAnalysis]:
    """``turns``, less the crisis label of a turn that only asks about another person's crisis
    sign just before it: every sentence of it a question (``only_asks``: "are u safe rn? like
    are the meds near u", "like dont want to be here as in school or as in here here"), said
    by someone else within ``ASKED_REACH`` turns of the sign, and each crisis phrase a rule found
    in it the sign's own words said back. The crisis stays the other person's; the one asking is
    helping. A crisis only the model read on such a question goes too."""
    out = list(turns)
    for position, turn in enumerate(turns):
        if CRISIS not in turn.labels or not only_asks(turn.text):
            continue
        theirs = [b for b in turns[max(0, position - ASKED_REACH):position]
                  if b.speaker != turn.speaker and CRISIS in b.labels]
        if not theirs:
            continue
        said = " ".join(_words(b.text) for b in theirs)
        signs = [e for e in turn.evidence if e.label == CRISIS]
        if all(e.source.startswith("model:") or (_words(e.text) and _words(e.text) in said)
               for e in signs):
            out[position] = _without(turn, {CRISIS})
    return out


class _At(NamedTuple):
    """Where a turn stands in a stretch of crisis talk."""

    person: str  # the speaker at risk
    sure: bool  # a rule or the turns around it read their sign, not the model alone
    lead_in: bool = False  # one of the person's own messages leading in to their sign


def _windows(turns: Sequence[TurnAnalysis], ruled: Sequence[TurnAnalysis],
             strained: Callable[[int], TurnAnalysis]) -> dict[int, _At]:
    """For each position inside a stretch of crisis talk, where it stands (``_At``): from the
    lead in to a sign of suicide, self-harm or being hurt to ``WINDOW`` turns after the person's
    latest one, and on while someone keeps supporting them (``STAYS`` turns past each such reply:
    "are u safe rn?", "can u give them to ur sister for tonight", "ur not being dramatic")."""
    carried = _carried_signs(turns)
    at: dict[int, _At] = {}
    ends: dict[str, int] = {}
    for position, turn in enumerate(turns):
        if position in at:
            person, sure = at[position].person, at[position].sure
            if (turn.speaker != person and position + STAYS > ends.get(person, -1)
                    and _supports(turn, ruled[position], strained(position))):
                ends[person] = position + STAYS
                for k in range(position + 1, min(len(turns), position + STAYS + 1)):
                    if k not in at:
                        at[k] = _At(person, sure)
                    elif at[k].person == person:
                        at[k] = at[k]._replace(sure=at[k].sure or sure)
        if turn.index in carried:
            kinds, read = set(carried[turn.index].kinds), True
        elif _rule_sign(turn):
            if _reports_another(turn):
                continue  # "He said 'it'd be easier if I just didn't wake up'": not theirs
            kinds, read = set(turn_kinds(turn)), True
        elif CRISIS in turn.labels and turn.model_only(CRISIS):
            kinds, read = set(SUPPORTED_KINDS), False  # no kind known: any of them
        else:
            continue
        if not kinds & SUPPORTED_KINDS:
            continue
        first = position
        while (first > 0 and position - first < LEAD_IN
               and turns[first - 1].speaker == turn.speaker):
            first -= 1
        ends[turn.speaker] = max(ends.get(turn.speaker, -1), position + WINDOW)
        for k in range(first, min(len(turns), position + WINDOW + 1)):
            was = at.get(k, _At(turn.speaker, False))
            if was.person == turn.speaker:
                at[k] = _At(was.person, was.sure or read,
                            lead_in=was.lead_in or (read and k < position and not was.sure
                                                    and bool(kinds & _OWN_KINDS)))
    return at


def _reports_another(turn: TurnAnalysis) -> bool:
    """Whether every sign of suicide or self-harm a rule found in ``turn`` lies in words it reports
    ("He said tonight 'it'd be easier for everyone if I just didn't wake up'", "my friend said
    she wants to kill herself") and it has no other: the one at risk is someone else, and the
    speaker tells of them."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.source.startswith("rule:")]
    if not signs or any(e.subtype not in _OWN_KINDS for e in signs):
        return False
    said = normalise(turn.text)
    spans = reported_spans(said)
    return all(inside(spans, e.start, e.end) or _of_another(said, e.start, e.end) for e in signs)


_THIRD: Final = re.compile(r"\b(?:he|she|they|he'?s|she'?s|they'?re|his|her|their|him|them|himself"
                           r"|herself|themselves)\b")
_FIRST: Final = re.compile(r"\b(?:i|i'?m|im|i'?ve|ive|i'?d|id|me|my|myself|mine)\b")


def _of_another(said: str, start: int, end: int) -> bool:
    """Whether the sign at ``start``-``end`` of ``said`` (folded) is said of someone else: a
    third person in its words ("giving his books away") or as the subject of its sentence ("And
    he's been giving ..."), and no "I", "me" or "my" from there on."""
    begin = max(said.rfind(".", 0, start), said.rfind("?", 0, start), said.rfind("!", 0, start),
                said.rfind("\n", 0, start)) + 1
    third = list(_THIRD.finditer(said, begin, end))
    return bool(third) and _FIRST.search(said, third[0].start(), end) is None


def _model_only(turn: TurnAnalysis, which: Callable[[str], bool]) -> set[str]:
    """The labels of ``turn`` that ``which`` picks and only the model gave."""
    return {label for label in turn.labels if which(label) and turn.model_only(label)}


def _supports(turn: TurnAnalysis, ruled: TurnAnalysis,
              strained: TurnAnalysis | None = None) -> bool:
    """Whether ``turn`` (``ruled``: the rules' reading of it; ``strained``: theirs as an answer
    to a strain) answers the person at risk with support: no move against them a rule found,
    and a repair or reconnection (the rules' or the model's), or a question to them."""
    if any(label in _MOVES_AGAINST for label in ruled.labels):
        return False
    if _ASSENT.fullmatch(_words(turn.text)):
        return False  # a bare "okay" answers, it does not reach out
    reaches = any(is_repair(label) or label == RECONNECT
                  for label in (*turn.labels, *ruled.labels,
                                *(strained.labels if strained is not None else ())))
    text = normalise(unwrap(turn.text))
    return reaches or "?" in text or only_asks(text) or _question_kind(text) is not None


def calm_crisis_talk(turns: Sequence[TurnAnalysis],
                     ruled: Sequence[TurnAnalysis] | None = None,
                     after_strain: Callable[[int], TurnAnalysis] | None = None
                     ) -> list[TurnAnalysis]:
    """``turns`` with the readings that do not fit crisis talk taken off (see the module
    docstring). Inside a stretch of crisis talk (``_windows``): the person at risk gets no
    rupture only the model gave and no repair only the model gave (telling is no repair; in their
    lead-in to the sign, no repair but an apology at all: "wait ok i need to tell u smth"), and
    no minimal response a rule read from context where it assents to support ("ok" to "ur not
    being dramatic"; "dunno." and a change of topic stay withdrawal); someone who answers them
    with support (``_supports``) gets no rupture only the model gave, and the repairs and
    reconnection the rules found in it that the model overruled are on again ("I'm here. I'm
    not going anywhere.": the model was never shown crisis support). A crisis only the model read
    anywhere gets no confrontation or invalidation only the model gave. The person's own readings
    stay where only the model read their sign.

    ``ruled``: the rules' own reading of each turn (rules mode: ``turns``); ``after_strain``:
    the rules' reading of the turn at a position as an answer to a strain, which says whether it
    supports ("I'm not going anywhere" after a crisis sign with no rupture; default: ``ruled``'s).
    Only ``ruled``'s labels come back: the corpus reads "thank you for telling me" after a
    disclosure as no reconnection."""
    ruled = turns if ruled is None else ruled
    strained = after_strain or ruled.__getitem__
    # A crisis only the model read is not called hostile either: a person who may be telling
    # of a crisis is not moving against the one they tell.
    turns = [_without(t, _model_only(t, _MOVES_AGAINST.__contains__))
             if CRISIS in t.labels and t.model_only(CRISIS) else t for t in turns]
    at = _windows(turns, ruled, strained)
    out = list(turns)
    for position, turn in enumerate(turns):
        if position not in at:
            continue
        person, sure, lead_in = at[position]
        if turn.speaker == person:
            if not sure:
                continue  # the model alone read it: the person's own readings stay
            gone = _model_only(turn, is_rupture) | _model_only(turn, is_repair)
            owned = [e for e in turn.evidence if e.label == _RESPONSIBILITY]
            if owned and all(_SORRY_FOR_TELLING.search(normalise(e.text)) for e in owned):
                gone.add(_RESPONSIBILITY)  # "sorry for dumping this on you": politeness
            if lead_in:  # "wait ok i need to tell u smth": telling, not an apology
                gone |= {label for label in turn.labels
                         if is_repair(label) and label != _RESPONSIBILITY}
            helper = next((k for k in range(position - 1, -1, -1)
                           if turns[k].speaker != person), None)
            if (_WITHDRAWAL in turn.labels and not turn.model_only(_WITHDRAWAL)
                    and turn.subtypes(_WITHDRAWAL) == ("minimal_response",)
                    and _ASSENT.fullmatch(_words(turn.text)) is not None
                    and helper is not None and helper in at and at[helper].person == person
                    and _supports(turns[helper], ruled[helper])):
                gone.add(_WITHDRAWAL)
            out[position] = _without(turn, gone)
        elif _supports(turn, ruled[position], strained(position)):
            support = ruled[position]  # the corpus reads "thank you for telling me" as no reconnect
            calmer = _without(turn, _model_only(turn, is_rupture))
            back = [label for label in support.labels
                    if (is_repair(label) or label == RECONNECT) and label not in calmer.labels]
            if back:
                labels = set(calmer.labels) | set(back)
                calmer = replace(
                    calmer, labels=tuple(label for label in LABELS if label in labels),
                    scores={**calmer.scores, **{label: max(calmer.scores.get(label, 0.0),
                                                           support.scores[label])
                                                for label in back}},
                    evidence=(*calmer.evidence, *(e for e in support.evidence
                                                  if e.label in back)))
            out[position] = calmer
    return out


def with_crisis_marks(episodes: Sequence[Episode], turns: Sequence[TurnAnalysis], *,
                      quiet_turns: int = QUIET_TURNS) -> tuple[Episode, ...]:
    """``episodes``, each that holds a crisis only the model read (such a turn opens no episode
    and stops no repair in ``find_episodes``, since the model's everyday false alarms would block
    ordinary repairs) with ``risk.crisis`` in its labels and ``major``, as the contract says of
    any episode with a crisis turn. Such a turn that comes while an episode is still open (not
    ``resolved``, within ``quiet_turns`` of its last turn, no other begun since) joins it, as a
    crisis a rule found does: the episode then runs to it, and counts it among its rupture turns
    as it counts those."""
    crisis = [t.index for t in turns if CRISIS in t.labels and t.model_only(CRISIS)]
    out = list(episodes)
    for i in crisis:
        holding = [k for k, ep in enumerate(out) if ep.start_turn <= i <= ep.end_turn]
        if not holding:
            before = [k for k, ep in enumerate(out) if ep.end_turn < i]
            if not before:
                continue
            k = max(before, key=lambda k: out[k].end_turn)
            ep = out[k]
            if (ep.status == "resolved" or i - ep.end_turn > quiet_turns
                    or any(ep.end_turn < other.start_turn <= i for other in out)):
                continue
            out[k] = replace(ep, end_turn=i, rupture_turns=tuple(sorted({*ep.rupture_turns, i})))
            holding = [k]
        for k in holding:
            if CRISIS not in out[k].labels:
                out[k] = replace(out[k], labels=(*out[k].labels, CRISIS), severity="major")
    return tuple(out)


__all__ = ["calm_crisis_talk", "with_crisis_marks", "without_asked_signs"]
