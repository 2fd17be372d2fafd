"""Whom a turn is aimed at in a group, and so which open episode it belongs to.

With two people every turn is aimed at the other, and at most one episode is open. With three
or more, several can be open at once, one for each pair at odds, and a turn goes to:

1. the open episode of its speaker with a person it speaks to by name ("Nadia, I was harsh",
   "Everyone's stretched, Jamal.", "Thanks Dev.": ``addressed``, not a mention such as "less
   looked after than Dan"); a repair or thanks that names several goes to the speaker's episode
   with each of them (``also``: "Bea, Gus, I'm sorry"). A speaker already in an episode who
   speaks by name to someone outside it starts a new pair: the manager's brush-off of Jamal is
   not part of his quarrel with Nadia, and his apology to Nadia does not close it. A third
   person who speaks by name to one of an episode's people goes to that episode (``third``),
   where only an apology in their own name counts (the episodes module), unless it is a rupture
   (no ownership): that is a pair of its own, a therapist's own "Tom, you sound defensive" or a
   second person piling on by name (round 16), so each pair's repair stays theirs. When the
   episode's other person was only the one its opener's unnamed rupture answered, and has taken
   no part (``tentative``), a rupture or repair by name to its opener makes its speaker that
   other person instead (``retarget``: "Carl it's not a joke" after his "Is that a joke?"). A
   name counts without a comma at the turn's start or after a greeting, thanks, apology or
   exclamation ("Maya sorry for earlier", "ugh Cat don't you start", "@Ben sorry mate", "haha
   Eli stop"), or where it closes a sentence or clause and is not the object of a verb or
   preposition ("You said that on Monday Eli.", not "would you do 3-4 with Claire?"), and so do
   a titled speaker's other forms ("Thanks Dr Reid", "It's ok miss") and a family word for the
   person answered ("Dad, sorry");
2. else the speaker's own open episode with the person it answers, else their most recently
   active one: in a quarrel the two go on answering each other between other people's lines. A
   move that answers someone outside the speaker's episodes who spoke to them by name is a new
   pair (round 16: "would it kill you to scroll up" after "@Gráinne did you swap or not?");
3. else, when the turn answers someone outside every episode, none: a newcomer's rupture with a
   fourth person opens its own pair (round 14, t10);
4. else, for a newcomer's move that answers a move said by name and "you" to a third person, a
   pair of its own with that person: a pile-on ("Seriously mate, you never wipe the hob" after
   "Theo you never empty the dishwasher"; round 16, t3);
5. else the most recently active episode, as with two people: someone new whose rupture joins it
   becomes one of its people, unless the turn is a bystander's aside (below).

The turn a turn answers is the latest of the others' turns since its speaker last spoke that
spoke to them by name (Dee's "Eli did you pay the deposit?", then Bea's line to Cal, then Eli's
"Not yet"), else the last turn by someone else. A rupture that goes to no episode opens one
between its speaker and the people it names, else the speaker of the turn it answers
(``inferred``). When that turn was a prompt (a question, a turn handing over to the speaker, a
facilitator's reflection: no rupture in it), its speaker is only a guess (``guessed``): a couple
tell the therapist about each other, and the first other person whose rupture joins takes the
guessed person's place (the episodes module).

A bystander's aside (``aside``) is a turn by someone in no open episode, while one is open, that
answers a turn not spoken to them by name, nor answering them: a "lol" or "ok" while two others
quarrel, not Cara's "Forget it." after Dev's jab at her question. The episodes module keeps such
a turn out when its only rupture is a withdrawal read from context or one only the model gave.
A turn that answers, unasked, someone its speaker shares no episode with (``outsider``) is kept
out too when it is only a reaction ("lol ok", "👍").
"""

from __future__ import annotations

import functools
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
    guessed: bool = False  # its other person only spoke the prompt its rupture answered
    opener: str | None = None  # who opened it
    # its other person was only the one its unnamed rupture answered, and has taken no part
    tentative: bool = False


@dataclass(frozen=True, slots=True)
class Aim:
    """Where a turn goes: an open episode (``thread``, an index into the threads given, or None)
    and, for a rupture that opens its own, the people it is between."""

    thread: int | None
    parties: frozenset[str] | None = None  # None: no one to aim at (the conversation's start)
    guessed: bool = False  # the other of ``parties`` only spoke the prompt it answers
    aside: bool = False  # a bystander's line (see the module docstring)
    third: bool = False  # speaks by name to one of ``thread``'s people, and is not one of them
    also: tuple[int, ...] = ()  # the speaker's other episodes with people it names (not a move)
    outsider: bool = False  # it answers someone the speaker shares no episode with, unasked
    inferred: bool = False  # the other of ``parties`` is the one it answers, not one it names
    retarget: bool = False  # a move answering ``thread``'s opener: its other person now
    named: bool = False  # it speaks to someone by name


_ANSWER_REACH: Final = 4  # how many of the others' latest turns may be the one a turn answers
_RUPTURE: Final = "rupture."
_SECOND_PERSON: Final = re.compile(r"\b(?:you|u|ur|your|yours|yourself|ya|you'?re|youre)\b",
                                   re.IGNORECASE)
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
                           r"haha|hahaha|lol|lmao|"
                           r"listen|thanks|thank you|cheers|ty|sorry|so|and|but|well|yes|no|ugh|"
                           r"urgh|omg|god|jeez|wow|honestly|seriously|come on|dude|oi|yo|night|"
                           r"morning|bye|love you|its ok|it'?s ok|it'?s fine)\s+)")

# What follows it: a pause, or the words a sentence spoken to someone goes on with ("Ana you in
# for the 80s?", "Kwame i shouldnt have", "Maya sorry for earlier", "omg Cat stop"), not "Kofi'll
# do garnish" or "Maya said".
_AFTER_VOCATIVE: Final = (r"(?=\s*[,.!?:;\u2014-]|\s*$|\s+(?:you|u|ur|i|i'?m|im|we|that|this|what|"
                          r"how|why|can|could|would|are|r|did|do|don'?t|please|pls|just|honestly|"
                          r"mate|love|sorry|soz|thanks|thank|ty|stop|ok|okay|listen|look|"
                          r"seriously|come|let'?s|no|yes|yeah|it'?s|for|beta|dear|darling|babe|"
                          r"hun|bro|sis|x+)\b)")

# A name that closes a sentence or clause after other words ("You said that on Monday Eli.",
# "Don't 'lads' me Declan. You never visit", "Don't do the sarcastic thing Eli, just pay me",
# "don't make it a thing Nadia 🙄 it wasn't")
# is said to its person, unless the word before it makes it the object of a verb or preposition
# ("would you do 3.15-4 with Claire?", "less looked after than Dan, and", "blame me not Bea").
_CLOSING: Final = r"(?=\s*(?:[,.!?;:\u2014]|[^\w\s'\u2019]|\W*$))"
_MENTION_BEFORE: Final = re.compile(
    r"\b(?:to|than|with|for|from|about|at|by|of|on|in|into|onto|like|as|and|or|nor|not|but|"
    r"without|after|before|behind|near|except|against|between|unlike|including|is|was|were|are|"
    r"be|been|it'?s|tell|told|ask|asked|call|called|ring|rang|text|texted|message|messaged|blame|"
    r"help|helped|let|make|made|see|saw|seen|meet|met|thank|thanked|invite|invited|ignore|"
    r"ignored|know|knew|love|loves|miss|missed|visit|visited|said|says|poor|dear|my|your|our|"
    r"his|her|their)\W*$",
    re.IGNORECASE)

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


@functools.lru_cache(maxsize=4096)
def _forms_of(name: str, speakers: tuple[str, ...]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """``_forms``, worked out once for a conversation's speakers (a group's turns ask often)."""
    full, titles = _forms(name, speakers)
    return tuple(full), tuple(titles)


def addressed(turn: TurnAnalysis, speakers: Sequence[str],
              answers: str | None = None) -> frozenset[str]:
    """The other speakers ``turn`` speaks to by name: "Nadia, I was harsh", "Everyone's
    stretched, Jamal.", "Thanks Dev.", "Maya sorry for earlier", "@Ben sorry mate", "Thanks Dr
    Reid", "It's ok miss" (to "Ms Patel"), not "less looked after than Dan", "Can you tell
    Maya" or "Maya said". A family word ("Dad, sorry") with no speaker so called goes to
    ``answers``, the speaker of the turn it answers."""
    out = set()
    text = turn.text
    lowered = text.lower()
    everyone = tuple(speakers)
    for name in speakers:
        if name == turn.speaker or not name.strip():
            continue
        full, titles = _forms_of(name, everyone)
        for form in full:
            if form.lower() not in lowered:  # most turns name no one: skip the patterns
                continue
            word = re.escape(form)
            if re.search(rf"@{word}(?!\w)|{_BEFORE_VOCATIVE}{word}{_AFTER_VOCATIVE}", text,
                         re.IGNORECASE) or _closes(word, text):
                out.add(name)
        for form in titles:
            if form.lower() in lowered and re.search(
                    rf"{_BEFORE_VOCATIVE}{re.escape(form)}{_AFTER_VOCATIVE}", text,
                    re.IGNORECASE):
                out.add(name)
    if answers is not None and answers != turn.speaker and not out and not any(
            s.strip().lower() in _KIN for s in speakers) and re.search(
            rf"{_BEFORE_VOCATIVE}(?:{'|'.join(_KIN)}){_AFTER_VOCATIVE}", text, re.IGNORECASE):
        out.add(answers)
    return frozenset(out)


def _closes(word: str, text: str) -> bool:
    """Whether the name ``word`` (a pattern) closes a sentence or clause of ``text`` after other
    words, not as the object of a verb or preposition (``_CLOSING``), or ends the turn ("Classy
    Dad.", "Niall 🙄", "Sorry about earlier, Maya x")."""
    for match in re.finditer(rf"(?<!\w){word}(?:\s+x+)?{_CLOSING}", text, re.IGNORECASE):
        before = text[:match.start()]
        if not before.strip() or not _MENTION_BEFORE.search(before):
            return True
    return False


def aim(turn: TurnAnalysis, before: Sequence[TurnAnalysis], speakers: Sequence[str],
        threads: Sequence[Thread]) -> Aim:
    """Where ``turn`` goes among the open ``threads`` (see the module docstring)."""
    answered = _answered(turn, before, speakers)
    names = addressed(turn, speakers, None if answered is None else answered.speaker)
    if names:
        return _aim_named(turn, names, threads)
    if answered is None:
        return Aim(_latest(threads, _mine(turn, threads)))
    return _aim_answering(turn, answered, before, speakers, threads)


def _answered(turn: TurnAnalysis, before: Sequence[TurnAnalysis],
              speakers: Sequence[str]) -> TurnAnalysis | None:
    """The turn ``turn`` answers: among the others' turns since its speaker last spoke (at most
    ``_ANSWER_REACH``), the latest that spoke to them by name ("Eli did you pay the deposit?",
    then Bea's line to Cal, then Eli's "Not yet"); else the last turn by someone else."""
    latest = next((t for t in reversed(before) if t.speaker != turn.speaker), None)
    for earlier in before[-_ANSWER_REACH:][::-1]:
        if earlier.speaker == turn.speaker:
            break
        if turn.speaker in addressed(earlier, speakers):
            return earlier
    return latest


def _mine(turn: TurnAnalysis, threads: Sequence[Thread]) -> list[int]:
    """The threads ``turn``'s speaker is one of the people of (or that are everyone's)."""
    return [i for i, t in enumerate(threads) if t.parties is None or turn.speaker in t.parties]


def _latest(threads: Sequence[Thread], ids: Sequence[int]) -> int | None:
    return max(ids, key=lambda i: threads[i].last) if ids else None


def _aim_named(turn: TurnAnalysis, names: frozenset[str], threads: Sequence[Thread]) -> Aim:
    """Where ``turn``, which speaks to ``names`` by name, goes (rule 1 of the module docstring)."""
    pair = frozenset({turn.speaker, *names})
    moves = _moves_against(turn)
    mine = _mine(turn, threads)
    # An episode with no one to aim at yet is everyone's, but a move by name at someone other
    # than its opener is not part of it ("Raff pls don't point at kids in here").
    hit = [i for i in mine if _holds(threads[i], names, moves=moves)]
    if hit:
        # A repair or thanks said to several by name ("Bea, Gus, I'm sorry") goes to the
        # speaker's latest episode with each of them.
        first = _latest(threads, hit)
        each = {_latest(threads, [i for i in hit if name in (threads[i].parties or ())])
                for name in names}
        also = () if moves else tuple(sorted(i for i in each if i is not None and i != first))
        return Aim(first, pair, also=also, named=True)
    if mine:  # in an episode, and speaking by name to someone outside it: a new pair
        return Aim(None, pair, named=True)
    spoken = [i for i, t in enumerate(threads) if t.parties and t.parties & names]
    # Words by name to the opener of an episode whose other person was only a guess answer that
    # episode: a move ("Carl it's not a joke" after his unnamed "Is that a joke?") makes its
    # speaker that other person, and a repair ("Shona I've been thinking about what u said" after
    # her unnamed "bench for the third week running") is theirs to own there.
    answering = [i for i in spoken if threads[i].tentative and threads[i].opener in names]
    if answering:
        repairs = any(label.startswith(_REPAIR) for label in turn.labels)
        return Aim(_latest(threads, answering), pair, retarget=moves or repairs, named=True)
    if spoken and moves:
        # Any other move by name is a pair of its own: a therapist's own rupture with one of a
        # couple, a second person piling on by name.
        return Aim(None, pair, named=True)
    return Aim(_latest(threads, spoken), pair, third=bool(spoken), named=True)


def _holds(thread: Thread, names: frozenset[str], *, moves: bool) -> bool:
    """Whether ``thread`` holds someone of ``names``: one of its people; or, with no one to aim at
    yet (everyone's), anyone, unless a move names someone other than its opener."""
    if thread.parties is None:
        return thread.opener in names or not moves
    return bool(thread.parties & names)


def _aim_answering(turn: TurnAnalysis, answered: TurnAnalysis, before: Sequence[TurnAnalysis],
                   speakers: Sequence[str], threads: Sequence[Thread]) -> Aim:
    """Where ``turn``, which names no one and answers ``answered``, goes (rules 2 to 4 of the
    module docstring)."""
    speaker = turn.speaker
    mine = _mine(turn, threads)
    pair = frozenset({speaker, answered.speaker})
    # A prompt (a question, a turn handing over to this speaker, a reflection: no rupture in it)
    # makes its speaker only a guess at whom a rupture answering it is aimed at.
    spoken_to = speaker in addressed(answered, speakers)
    guess = not any(label.startswith(_RUPTURE) for label in answered.labels) and (
        answered.text.rstrip().endswith("?") or spoken_to
        or any(label.startswith(_REPAIR) for label in answered.labels))
    withit = [i for i in mine if threads[i].parties is None
              or answered.speaker in (threads[i].parties or ())]
    outsider = (bool(threads) and not withit and not spoken_to
                and not _answers_back(speaker, answered, before, speakers))
    if mine and not withit and spoken_to and _moves_against(turn):
        # A move in answer to someone outside the speaker's episodes who spoke to them by name
        # ("would it kill you to scroll up" after "@Gráinne did you actually swap"): a new pair.
        return Aim(None, pair, outsider=outsider, inferred=True)
    if mine:  # with the one it answers, when they share an episode
        return Aim(_latest(threads, withit or mine), pair, guessed=guess, outsider=outsider,
                   inferred=True)
    outside = [t.parties for t in threads]
    if outside and all(p and answered.speaker not in p for p in outside):
        # two people outside every episode: their own
        return Aim(None, pair, guessed=guess, outsider=outsider, inferred=True)
    held = [i for i, t in enumerate(threads) if t.parties and answered.speaker in t.parties]
    if _moves_against(turn) and held and not any(threads[i].guessed for i in held):
        # A newcomer's move that answers a move against a third person, said to them, piles on
        # them: a pair of its own ("Seriously mate, you never clean up after yourself" after
        # "Tom you literally never do the bins"). One that answers someone in an episode joins
        # it (below), and they are its people.
        target = _target(speaker, answered, threads[_latest(threads, held) or held[0]],
                         speakers)
        if target != answered.speaker:
            return Aim(None, frozenset({speaker, target}), outsider=outsider, aside=outsider,
                       inferred=True)
    return Aim(_latest(threads, range(len(threads))), pair, guessed=guess, aside=outsider,
               outsider=outsider, inferred=True)


def _target(speaker: str, answered: TurnAnalysis, thread: Thread,
            speakers: Sequence[str]) -> str:
    """Whom ``speaker``'s move answering ``answered`` (a turn by one of ``thread``'s people) is
    aimed at: the one ``answered`` itself moved against, when it is a move against the only other
    person of ``thread``, spoken to them by their name and "you" ("Tom you literally never do
    the bins"), not to ``speaker``; else the speaker of ``answered`` ("She keeps a wee
    scoresheet on the fridge, Joanne" is about the one who answers it)."""
    others = (thread.parties or frozenset()) - {answered.speaker}
    if (any(label.startswith(_RUPTURE) for label in answered.labels) and len(others) == 1
            and speaker not in addressed(answered, speakers)
            and _SECOND_PERSON.search(answered.text)):
        (other,) = others
        if other in named(answered, speakers):
            return other
    return answered.speaker


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
