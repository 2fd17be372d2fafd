"""Whom a turn is aimed at in a group, and so which open episode it belongs to.

With two people every turn is aimed at the other, and at most one episode is open. With three
or more, several can be open at once, one for each pair at odds, and a turn goes to:

1. the open episode of its speaker with a person it speaks to by name ("Nadia, I was harsh",
   "Everyone's stretched, Jamal.", "Thanks Dev.": ``addressed``, not a mention such as "less
   looked after than Dan"). A speaker already in an episode who speaks by name to someone
   outside it starts a new pair: the manager's brush-off of Jamal is not part of his quarrel
   with Nadia, and his apology to Nadia does not close it. A third person who speaks by name to
   one of an episode's people goes to that episode (``third``), where only an apology in their
   own name counts (the episodes module), unless it is a rupture (no ownership) aimed at one of
   two who are already at odds: the therapist's own "Tom, you sound defensive" is a pair of its
   own, so the couple's repair stays theirs. A name counts without a comma at the turn's start
   or after a greeting, thanks, apology or exclamation ("Maya sorry for earlier", "ugh Cat don't
   you start", "@Ben sorry mate"), and so do a titled speaker's other forms ("Thanks Dr Reid",
   "It's ok miss") and a family word for the person answered ("Dad, sorry");
2. else the speaker's own open episode with the person it answers, else their most recently
   active one: in a quarrel the two go on answering each other between other people's lines;
3. else, when the turn answers someone outside every episode, none: a newcomer's rupture with a
   fourth person opens its own pair (round 14, t10);
4. else the most recently active episode, as with two people: someone new whose rupture joins it
   becomes one of its people, unless the turn is a bystander's aside (below).

A rupture that goes to no episode opens one between its speaker and the people it names, else
the speaker of the turn it answers (the last turn by someone else). When that turn was a prompt
(a question, a turn handing over to the speaker, a facilitator's reflection: no rupture in it),
its speaker is only a guess (``guessed``): a couple tell the therapist about each other, and the
first other person whose rupture joins takes the guessed person's place (the episodes module).

A bystander's aside (``aside``) is a turn by someone in no open episode, while one is open, that
answers a turn not spoken to them by name, nor answering them: a "lol" or "ok" while two others
quarrel, not Cara's "Forget it." after Dev's jab at her question. The episodes
module keeps such a turn out when its only rupture is a withdrawal read from context or one only
the model gave.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Final

from mendkit.model import TurnAnalysis


@dataclass(frozen=True, slots=True)
class Thread:
    """What the routing needs of an open episode."""

    parties: frozenset[str] | None  # None: no one to aim at yet, so it is everyone's
    last: int  # its last active turn
    mutual: bool = False  # two of its people have each moved against the other: they are at odds


@dataclass(frozen=True, slots=True)
class Aim:
    """Where a turn goes: an open episode (``thread``, an index into the threads given, or None)
    and, for a rupture that opens its own, the people it is between."""

    thread: int | None
    parties: frozenset[str] | None = None  # None: no one to aim at (the conversation's start)
    guessed: bool = False  # the other of ``parties`` only spoke the prompt it answers
    aside: bool = False  # a bystander's line (see the module docstring)
    third: bool = False  # speaks by name to one of ``thread``'s people, and is not one of them


_RUPTURE: Final = "rupture."
_REPAIR: Final = "repair."
_RESPONSIBILITY: Final = "repair.responsibility"


def named(turn: TurnAnalysis, speakers: Sequence[str]) -> list[str]:
    """The other speakers ``turn`` names ("sorry lily", "Ana, that came across harshly")."""
    return [name for name in speakers if name != turn.speaker and name.strip()
            and re.search(rf"(?<!\w){re.escape(name.strip())}(?!\w)", turn.text, re.IGNORECASE)]


# What may stand before a name said to its person: the start, a clause's punctuation, an @, a
# greeting, thanks or apology ("Thanks Dev", "sorry lily", "ah gráinne"), or an exclamation
# ("ugh Cat don't you start", "honestly Cat you're so annoying").
_BEFORE_VOCATIVE: Final = (r"(?:^|[.,!?;:\u2014()-]\s*|@|\b(?:hey|hi|ah|oh|ok|okay|right|look|"
                           r"listen|thanks|thank you|cheers|ty|sorry|so|and|but|well|yes|no|ugh|"
                           r"urgh|omg|god|jeez|wow|honestly|seriously|come on|dude|oi|yo|night|"
                           r"morning|bye|love you|its ok|it'?s ok|it'?s fine)\s+)")

# What follows it: a pause, or the words a sentence spoken to someone goes on with ("Ana you in
# for the 80s?", "Kwame i shouldnt have", "Maya sorry for earlier", "omg Cat stop"), not "Kofi'll
# do garnish" or "Maya said".
_AFTER_VOCATIVE: Final = (r"(?=\s*[,.!?:;\u2014-]|\s*$|\s+(?:you|u|ur|i|i'?m|im|we|that|this|what|"
                          r"how|why|can|could|would|are|r|did|do|don'?t|please|pls|just|honestly|"
                          r"mate|love|sorry|soz|thanks|thank|ty|stop|ok|okay|listen|look|"
                          r"seriously|come|let'?s|no|yes|yeah|x+)\b)")

# Words that name a speaker by their title ("Thanks Dr Reid", "It's ok miss", "Thanks Doctor"):
# the title a speaker's name begins with, and the words said to them for it.
_TITLES: Final = {"dr": ("dr", "doctor", "doc"), "doctor": ("dr", "doctor", "doc"),
                  "ms": ("miss", "ms"), "miss": ("miss",), "mrs": ("miss", "mrs"),
                  "mr": ("sir", "mr"), "prof": ("prof", "professor"),
                  "professor": ("prof", "professor"), "coach": ("coach",)}
# Family words said to a person ("Dad, sorry", "thanks Mum"): to the speaker so called, else to
# the person the turn answers.
_KIN: Final = ("dad", "daddy", "mum", "mummy", "mom", "mommy", "mam", "ma", "grandpa", "grandad",
               "granddad", "grandma", "gran", "nan", "nana")


def _forms(name: str, speakers: Sequence[str]) -> tuple[list[str], list[str]]:
    """How a turn may speak to ``name``: its full forms (the name; without a title; its first
    name; a title with the surname: "Dr Sam Reid", "Sam Reid", "Sam", "Dr Reid"), and the
    title words said alone ("Doctor", "miss"), which count only in a vocative's place. A form
    that is another speaker's name is left out."""
    words = name.split()
    full = [name.strip()]
    titles: list[str] = []
    if len(words) > 1:
        title = _TITLES.get(words[0].lower().rstrip("."))
        rest = words[1:] if title else words
        if title:
            titles.extend(title)
            full.append(" ".join(rest))
            full.extend(f"{t} {rest[-1]}" for t in title)
        full.append(rest[0])
    elif name.strip().lower() in _KIN:
        titles.append(name.strip())
    others = {s.strip().lower() for s in speakers if s != name}
    keep = [f for f in dict.fromkeys(full) if f.lower() not in others and len(f) > 1]
    return keep, [t for t in titles if t.lower() not in others]


def addressed(turn: TurnAnalysis, speakers: Sequence[str],
              answers: str | None = None) -> frozenset[str]:
    """The other speakers ``turn`` speaks to by name: "Nadia, I was harsh", "Everyone's
    stretched, Jamal.", "Thanks Dev.", "Maya sorry for earlier", "@Ben sorry mate", "Thanks Dr
    Reid", "It's ok miss" (to "Ms Patel"), not "less looked after than Dan", "Can you tell
    Maya" or "Maya said". A family word ("Dad, sorry") with no speaker so called goes to
    ``answers``, the speaker of the turn it answers."""
    out = set()
    text = turn.text
    for name in speakers:
        if name == turn.speaker or not name.strip():
            continue
        full, titles = _forms(name, speakers)
        for form in full:
            word = re.escape(form)
            if re.search(rf"@{word}(?!\w)|{_BEFORE_VOCATIVE}{word}{_AFTER_VOCATIVE}"
                         rf"|(?<!\w){word}(?:\s+x+)?\W*$", text, re.IGNORECASE):
                out.add(name)
        for form in titles:
            if re.search(rf"{_BEFORE_VOCATIVE}{re.escape(form)}{_AFTER_VOCATIVE}", text,
                         re.IGNORECASE):
                out.add(name)
    if answers is not None and answers != turn.speaker and not out and not any(
            s.strip().lower() in _KIN for s in speakers) and re.search(
            rf"{_BEFORE_VOCATIVE}(?:{'|'.join(_KIN)}){_AFTER_VOCATIVE}", text, re.IGNORECASE):
        out.add(answers)
    return frozenset(out)


def aim(turn: TurnAnalysis, before: Sequence[TurnAnalysis], speakers: Sequence[str],
        threads: Sequence[Thread]) -> Aim:
    """Where ``turn`` goes among the open ``threads`` (see the module docstring)."""
    speaker = turn.speaker
    mine = [i for i, t in enumerate(threads) if t.parties is None or speaker in t.parties]

    def latest(ids: Sequence[int]) -> int | None:
        return max(ids, key=lambda i: threads[i].last) if ids else None

    answered = next((t for t in reversed(before) if t.speaker != speaker), None)
    names = addressed(turn, speakers, None if answered is None else answered.speaker)
    if names:
        pair: frozenset[str] | None = frozenset({speaker, *names})
        hit = [i for i in mine if (threads[i].parties or names) & names]
        if hit:
            return Aim(latest(hit), pair)
        if mine:  # in an episode, and speaking by name to someone outside it: a new pair
            return Aim(None, pair)
        spoken = [i for i, t in enumerate(threads) if t.parties and t.parties & names]
        if spoken and _moves_against(turn) and all(
                threads[i].mutual for i in spoken):  # the therapist's own rupture with one of them
            return Aim(None, pair)
        return Aim(latest(spoken), pair, third=bool(spoken))
    if answered is None:
        return Aim(latest(mine))
    pair = frozenset({speaker, answered.speaker})
    # A prompt (a question, a turn handing over to this speaker, a reflection: no rupture in it)
    # makes its speaker only a guess at whom a rupture answering it is aimed at.
    spoken_to = speaker in addressed(answered, speakers)
    guess = not any(label.startswith(_RUPTURE) for label in answered.labels) and (
        answered.text.rstrip().endswith("?") or spoken_to
        or any(label.startswith(_REPAIR) for label in answered.labels))
    if mine:  # with the one it answers, when they share an episode
        withit = [i for i in mine if answered.speaker in (threads[i].parties or ())]
        return Aim(latest(withit or mine), pair, guessed=guess)
    outside = [t.parties for t in threads]
    if outside and all(p and answered.speaker not in p for p in outside):
        return Aim(None, pair, guessed=guess)  # two people outside every episode: their own
    return Aim(latest(range(len(threads))), pair, guessed=guess,
               aside=bool(threads) and not spoken_to
               and not _answers_back(speaker, answered, before, speakers))


def _moves_against(turn: TurnAnalysis) -> bool:
    """Whether ``turn`` carries a rupture and owns nothing: a new move, not an apology."""
    return (any(label.startswith(_RUPTURE) for label in turn.labels)
            and _RESPONSIBILITY not in turn.labels)


def _answers_back(speaker: str, answered: TurnAnalysis, before: Sequence[TurnAnalysis],
                  speakers: Sequence[str]) -> bool:
    """Whether ``answered`` itself answered ``speaker``, naming no one else: Dev's unnamed jab at
    Cara's question is spoken to Cara."""
    position = max(i for i, t in enumerate(before) if t is answered)
    prior = next((t for t in reversed(before[:position]) if t.speaker != answered.speaker), None)
    return (prior is not None and prior.speaker == speaker
            and not addressed(answered, speakers) - {speaker})
