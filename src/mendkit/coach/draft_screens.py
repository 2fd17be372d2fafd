"""What a draft may say of each answer (the screens), and what the coach says of what it left out.

A threat or violence, danger from them, an insult or swearing, shutting them out, pleading or running
oneself down, an excuse or a non-apology: each is left out of a draft Mend writes, and the person is
told which part was left out and why.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

from mendkit.coach.answer_cleaning import _CLAUSE_END, _I, _answer
from mendkit.coach.apology_screens import (
    ACCUSES,
    EXCUSE,
    NON_APOLOGY,
    NOT_A_REQUEST,
    REASSURANCE,
    TOLD_OF_THEM,
    asks_reassurance,
    broke_trust,
    need_accuses,
    non_apology,
    not_a_request,
    tells_of_them,
    without_excuse,
)
from mendkit.coach.apology_screens import LEFT_OUT_LINES as _APOLOGY_LINES
from mendkit.coach.draft_fit import ASK, FEEL, NEED, REGRET, TIME, feeling_first, misfit
from mendkit.coach.draft_parts import DraftParts
from mendkit.coach.justifying import dismisses, refuses, without_dismissal
from mendkit.coach.my_part import my_part_sentences, wishes
from mendkit.coach.screening import LEFT_OUT_LINES as _SCREEN_LINES
from mendkit.coach.screening import (
    danger_kind,
    endangered,
    hurtful,
    lowered_self,
    owned_plainly,
    plain_feeling,
    rejects,
    shuts_out,
    threatens,
    without_third_person_blame,
)
from mendkit.coach.self_blame import AT_WORK as _AT_WORK
from mendkit.coach.wording import plain_case, strip_lead_in, unknown


def withheld_note(parts: DraftParts) -> str:
    """What the coach says where a message is shown that leaves out answers: those kept through
    the risk check that fail a screen, and what it left out of the answers the steps after the
    draft gave (the feeling, the need, what I will do: ``_LATER``) because they swear, insult,
    threaten, tell of danger or shut them out; ``""`` when it leaves out none. (The draft's own
    parts are named by ``left_out`` where the draft is shown.)

    >>> withheld_note(DraftParts(withheld=("what happened",)))[:45]
    'I left out what you told me about what happen'
    >>> withheld_note(DraftParts(feeling="fucking furious"))[:50]
    'I left out the swearing in what you feel, because '
    """
    lines: list[str] = []
    if parts.withheld:
        lines.append(f"I left out what you told me about {' and '.join(parts.withheld)}, "
                     "because that is what I checked with you. If you want them to know, add "
                     "what you choose, in your own words.")
    if parts.trimmed:
        lines.append(f"I left out a sentence of what you told me about "
                     f"{' and '.join(parts.trimmed)}, because its words could hurt or start a "
                     "new fight rather than a repair; the rest is in. If it matters, say it in "
                     "your own words.")
    screened = _screened(parts)
    why = screened.why
    for reason, line in _lines(parts.context):
        names = [f"the swearing in {_SCREENED[key]}" if why.get(key) == "trim" else
                 f"some of {_SCREENED[key]}" if getattr(screened.parts, key) else _SCREENED[key]
                 for key in _LATER if why.get(key) == reason
                 or (reason == "hurt" and why.get(key) == "trim")]
        if names:
            lines.append(line.format(names=" and ".join(names)))
    return " ".join(lines)


# Why a request was left out: the person said there is nothing to ask of them ("Nothing really,
# she has dementia, she can't help it", "Nothing, honestly. This one is on me"): the rest is no
# request to put after "Could you".
NOTHING_TO_ASK: Final = "nothing"
_NOTHING_TO_ASK: Final = re.compile(
    r"^\W*(?:(?:well|honestly|um|uh|oh|no|nah|nope|i mean),? )*(?:nothing|none|no(?:thing)? "
    r"(?:really|at all|honestly)|not (?:a )?(?:thing|really|anything))\b(?! (?:but|except|other "
    r"than|more than|else but)\b)"
    # "nothing, she doesn't owe me anything": said to them as "You don't owe me anything".
    r"(?![^.?!]*\b(?:doesn'?t|don'?t|does not|do not) (?:owe|have to|need to)\b)",
    re.IGNORECASE)


# Why words that wave off their hurt ("not take everything so seriously", "instead of sulking")
# were left out (``justifying.dismisses``).
DISMISSAL: Final = "dismissal"
# Why a part was left out, and what the coach says of it (``withheld_note``).
_LEFT_OUT_LINES: Final = {
    "hurt": ("I left out {names}, because some of the words could hurt and start a new fight "
             "rather than a repair. If it matters, say it in your own words."),
    "threat": ("I left out {names}, because it speaks of hurting someone or their things, and "
               "that has no place in a repair. If you feel you might hurt someone, step away "
               "for now, and type help to see who you can talk to."),
    "danger": ("I left out {names}, because it tells of danger from them, and sending it "
               "could put you at risk. Type help to see who you can talk to."),
    "withdraw": ("I left out {names}, because it shuts them out or sets an ultimatum, and that "
                 "closes the door a repair is trying to open. If you need time apart, you could "
                 "say when you will come back to talk."),
    **_SCREEN_LINES,  # a sign of my own crisis, blame for how they treated me, running me down
    NOTHING_TO_ASK: ("I left out {names}, because you said there is nothing you need them to "
                     "do differently. That is all right: a repair doesn't have to ask for "
                     "anything."),
    "misfit": ("I left out {names}, because it didn't read as an answer to that question, and I "
               "didn't want to guess what you meant. If it matters, you can add it in your own "
               "words."),
    "unknown": ("I left out {names}, because you said you don't know yet. That is all right: "
                "the message does not need it. If it becomes clear later, you can add it in "
                "your own words."),
    # A non-apology or minimising, an excuse after "but", a plea for reassurance, a need that
    # accuses, a feeling given as the request.
    **_APOLOGY_LINES,
    DISMISSAL: ("I left out {names}, because it tells them they took it too seriously, reacted "
                "too much or are too sensitive. That is the same move as \"you can't take a "
                "joke\": it says their hurt is the problem, and it usually hurts again. In a "
                "repair, what counts is how it landed for them, not what you meant."),
    "romance": ("I left out {names}: with an ex or a co-parent, a repair keeps to respect and "
                "the arrangements, not to missing them or getting back together. If you want to "
                "say that, it is a talk of its own."),
    "accusation": ("I left out {names}: what they said about you, said back to them, can read "
                   "as a complaint. If it hurt, you can say how it felt in your own words."),
    "self_feeling": ("I left out {names}, because a feeling is enough on its own, like "
                     "\"scared\" or \"hurt\": a repair doesn't need you to run yourself down, "
                     "plead or take on all of it."),
}


def _lines(context: str) -> tuple[tuple[str, str], ...]:
    """What the coach says of a part left out, by why, in ``context`` (at work, the note on
    their yelling says HR can help too)."""
    at_work = _AT_WORK if context == "work" else {}
    return tuple((reason, at_work.get(reason, line)) for reason, line in _LEFT_OUT_LINES.items())


# The parts a vow to shut them out or an ultimatum is left out of (``shuts_out``): what I will
# do, and what I ask or need. (My part may own it: "I gave him the silent treatment".)
_NO_ULTIMATUM: Final = frozenset(("commitment", "request", "need"))


# The parts a draft screens (``_screened``), with how the coach names each it leaves out.
_SCREENED: Final = {"situation": "what happened", "my_part": "what you did",
                    "regret": "what you regret", "request": "what you asked of them",
                    "need": "what you need", "their_side": "what they may have felt",
                    "feeling": "what you feel", "commitment": "what you will do differently",
                    "appreciation": "what you appreciate"}
# The parts the steps after the draft give: what is left out of them is said where the message
# is shown again (``withheld_note``).
_LATER: Final = ("feeling", "need", "commitment")


@dataclass(frozen=True, slots=True)
class _Screened:
    """``parts`` as a draft may say them, and why each part left out (wholly, or some words of
    it: "trim") was: "hurt", "threat", "danger", "withdraw" or "trim", by key."""

    parts: DraftParts
    why: Mapping[str, str]


# The parts from which a sentence that blames a third person with "never" or "always" is left out.
_NO_THIRD_PERSON_BLAME: Final = frozenset(("feeling", "need", "request", "commitment"))


def _screen_part(key: str, text: str) -> tuple[str, str]:
    """What a draft may say of one part, and why it says less (``""`` when it says it all).
    A threat or violence, or danger from them, is never said; an insult or swearing is left out,
    except that my part and regret own it in plain words ("called you names"); a regret that
    rejects them ("regret ever dating him") and a wish to insult them ("I want to tell him he's
    pathetic") own nothing; a vow to shut them out or an ultimatum ("never speak to him again")
    is no commitment, request or need to send; the swearing in a feeling is left out and the
    feeling kept. Before all these, blame for how they treated me, pleading and running myself
    down are left out (``lowered_self``)."""
    if not text.strip():
        return text, ""
    if key == "situation" and (kept := without_accusations(text)) != text:
        said, why = _screen_part(key, kept) if kept else ("", "")
        return said, why or _ACCUSATION
    if key != "situation" and unknown(strip_lead_in(text) or text):
        return "", _UNKNOWN  # "I don't know": an allowed answer, never made into a sentence
    if key in _NO_THIRD_PERSON_BLAME and (kept := without_third_person_blame(text)) != text:
        # "some help and a proper night's sleep. my brother never helps": the blame of someone
        # else is no part of a message to them (round 18); the rest is said.
        said, why = _screen_part(key, kept) if kept else ("", "")
        return said, why or "hurt"
    if key in _FRAMES and misfit(_FRAMES[key], strip_lead_in(text) or text) == TIME:
        return "", MISFIT  # "Sunday" to "what do you feel?": never "I feel sunday"
    kept, lowered = lowered_self(text, feeling=key == "feeling")
    if lowered:
        said, why = _screen_part(key, kept) if kept else ("", "")
        return said, why or (_SELF_FEELING if key == "feeling" and lowered == "self"
                             else lowered)
    if key == "commitment" and (down := _STOP_BEING.match(text)) and lowered_self(
            text[down.end():])[1]:
        return "", "self"  # "quit being so useless": no thing to do, only a verdict on me
    if key not in ("situation", "my_part") and dismisses(text):
        # "not take everything so seriously", "instead of sulking": their hurt waved off.
        kept, _ = without_dismissal(text)
        said, why = _screen_part(key, kept) if kept else ("", "")
        return said, why or DISMISSAL
    if key == "my_part":
        return _screen_my_part(text)
    if threatens(text):
        return "", "threat"
    if endangered(text):
        return "", danger_kind(text)
    if key in _NO_ULTIMATUM and shuts_out(text):
        return "", "withdraw"
    if key != "situation" and non_apology(text) and not (key == "commitment" and refuses(text)):
        # (A promise never to say it again, "I'll stop saying it was just a joke", is kept.)
        return "", NON_APOLOGY  # "I'm sorry she got so upset over nothing really"
    if key in ("need", "request") and asks_reassurance(text):
        return "", REASSURANCE  # "I need to know whether there's still a chance"
    if key == "need" and need_accuses(text):
        return "", ACCUSES  # "I need her to stop keeping score": never "I need you to stop"
    if key == "request" and _NOTHING_TO_ASK.match(text.replace("\u2019", "'")):
        return "", NOTHING_TO_ASK  # "Nothing really, she can't help it": never "Could you ...?"
    if key == "request" and (not_a_request(text) or feeling_first(strip_lead_in(text) or text)):
        return "", NOT_A_REQUEST  # "annoyed": never "Could you annoyed?"
    if key == "request" and tells_of_them(text):
        return "", TOLD_OF_THEM  # never "Could you probably felt accused ...?"
    if key == "regret":
        owned = owned_plainly(text)
        if rejects(text) or wishes(_answer(owned, blame=True)):
            owned = ""
        gone = not _answer(owned, blame=True) and (hurtful(text) or rejects(text))
        return ("", "hurt") if gone else (owned, "")
    if key == "feeling":
        plain = plain_feeling(text)
        return plain, ("hurt" if not plain else "trim" if plain != text else "")
    return ("", "hurt") if hurtful(text) else (text, "")


# Why what the other person said about me was left out of the account ("she said I can't keep
# anything to myself"): said back to them, it reads as a complaint, not a repair.
_ACCUSATION: Final = "accusation"
# A sentence that reports what they said of me: "she said i cant keep anything to myself and left
# me on read", "he called me selfish", "you told me I always do this". Not what I said ("I
# said"), nor what they said of something else ("she said she was tired").
_ACCUSED: Final = re.compile(
    r"^(?:(?:and|but|so|then|after that|later|also)\s+)*(?!i\b|we\b)[\w']+(?:\s+[\w']+)?\s+"
    r"(?:said|says|told me|tells me|keeps? saying|kept saying|called me|calls me|accused me"
    r"|accuses me|screamed|yelled|shouted|texted|messaged|wrote)\b(?:\s+(?:that|to me|at me))?"
    r"\s+(?:i|i'?m|im|i'?ve|ive|i'?ll|me|my|myself|i was|what a)\b"
    r"|^(?:(?:and|but|so|then)\s+)*(?!i\b|we\b)[\w']+\s+(?:called|calls) me\b", _I)
# Their act against me after their words: "... and left me on read", "and blocked me".
_THEIR_ACT: Final = re.compile(r"\band\s+(?!i\b|we\b|then i\b)(?:[\w']+\s+){1,3}?me\b", _I)


# A clause of mine after their words ("Sam said I never listen and I walked out"): what I did
# is told there, so the sentence stays as it is.
_MY_CLAUSE: Final = re.compile(r"(?:,|\b(?:and|but|so|then|because|bc|cos))\s+(?:then\s+)?i\b"
                               r"(?!'?m\b)", _I)


def without_accusations(text: str) -> str:
    """``text`` without its sentences that report what the other person said about me and
    what they then did to me ("she said i cant keep anything to myself and left me on read"):
    in a repair, their words and their act said back to them read as a complaint. Their words
    alone ("you said I undermined you") name the hurt I apologise for, and stay; so does a
    sentence that goes on to tell what I did ("... and I walked out").

    >>> without_accusations("i told sam. she said i cant keep anything and left me on read")
    'i told sam'
    """
    sentences = re.split(r"(?<=[.!?])\s+", text.strip())
    kept = [s for s in sentences if not ((said := _ACCUSED.match(s)) and not _MY_CLAUSE.search(
        s, said.end()) and _THEIR_ACT.search(s, said.end()))]
    return " ".join(kept).rstrip(".!? ") if len(kept) < len(sentences) else text


# Why an answer that says "I don't know" (allowed) was left out of the message.
_UNKNOWN: Final = "unknown"
# Why an answer that does not fit its part's frame, and cannot stand alone, was left out
# ("next Sunday" to "what do you need?": ``draft_fit``).
MISFIT: Final = "misfit"
# The frame each part goes in, to check an answer fits it (``draft_fit.misfit``).
_FRAMES: Final = {"feeling": FEEL, "need": NEED, "regret": REGRET, "request": ASK}
# Why a feeling said with words that run me down was left out, or some of it.
_SELF_FEELING: Final = "self_feeling"
# "stop being", "quit being": with words that run me down after it, said of me, as what I will
# do ("I'll stop being so useless"). (As a request, the same words insult them.)
_STOP_BEING: Final = re.compile(r"^(?:i'?ll |i will |i'?m going to |to |just )?(?:stop|quit)\s+"
                                r"(?=being\b)", _I)


def _screen_my_part(text: str) -> tuple[str, str]:
    """``_screen_part`` for my part, clause by clause: a clause that threatens or tells of
    danger is left out and the rest owned ("it's my fault he gets like that, I answered back":
    I answered back); an insult I own is said plainly; no clause of mine left, none said. An
    excuse after a "but" and a clause that apologises for their feelings or makes the hurt sound
    small are left out too, and said so."""
    text, excused = without_excuse(text)
    clauses = [c for c in _CLAUSE_END.split(text) if c.strip()]
    if any(non_apology(c) for c in clauses):
        rest = [c for c in clauses if not non_apology(c)]
        said, why = _screen_my_part(". ".join(rest)) if rest else ("", "")
        return said, why or NON_APOLOGY
    if excused:
        said, why = _screen_my_part(text)
        return said, why or EXCUSE
    pieces = re.split(f"({_CLAUSE_END.pattern})", text)  # clauses, and what ends each
    unsafe = {c: "threat" if threatens(c) else danger_kind(c) for c in pieces[::2]
              if threatens(c) or endangered(c)}
    if not unsafe and threatens(text):
        return "", "threat"
    kept = "".join(piece + end for piece, end in zip(pieces[::2], [*pieces[1::2], ""],
                                                      strict=True) if piece not in unsafe)
    owned = owned_plainly(kept.strip().rstrip(",;:.!?-\u2013\u2014\u2026 ") if unsafe else text)
    owned = _what_i_did(owned)
    reason = next(iter(unsafe.values()), "")
    if not my_part_sentences(_answer(owned, blame=True), work=False):
        return ("", reason or "hurt") if reason or hurtful(text) else (owned, "")
    return owned, reason


# A clause of my part that is no thing I did, so no apology can take it ("I'm sorry that I I'll
# do anything", "I'm sorry that I was everything"): a promise, a plea, "everything", a sweeping
# apology, or a verdict on myself ("I'm the worst girlfriend", "I always ruin everything").
_NOT_DONE: Final = re.compile(
    r"^(?:(?:and|but|so|also)\s+)?(?:i'?ll|i will|i promise|i'?m going to|i am going to|i won'?t"
    r"|i swear|i'?m begging|please|just don'?t|don'?t|do not|can you|could you|will you"
    r"|would you|(?:everything|all of it|it all|all of this|anything|whatever|all)\s*$"
    r"|i'?m sorry (?:for|about) (?:everything|all of it|it all|all (?:of )?this|(?:being|that i'?m)"
    r" (?:me|alive|born|like this))"
    r"|i(?:'m| am) (?:just |so |such |really )?(?:the worst|a terrible|a horrible|an awful"
    r"|a bad|a failure|a mess|useless|worthless|stupid|pathetic|an idiot|the problem|too much"
    r"|not good enough|a burden|hopeless|a disappointment)"
    r"|i (?:always |just )?(?:ruin|destroy|mess up|wreck) (?:everything|it all|every\w+))", _I)
_DONE_SPLIT: Final = re.compile(
    r"(\s*[,;.!?\u2026]+\s*|\s+(?:and|but)\s+(?=(?:i|i'm|i'll|please|don'?t|everything)\b))",
    _I)


def _what_i_did(text: str) -> str:
    """``text`` without its clauses that are no thing I did (``_NOT_DONE``).

    >>> _what_i_did("I yelled, I'll do anything, please don't leave me")
    'I yelled'
    """
    pieces = _DONE_SPLIT.split(text)
    clauses, ends = pieces[::2], [*pieces[1::2], ""]
    kept = [(c, e) for c, e in zip(clauses, ends, strict=True)
            if c.strip() and not _NOT_DONE.match(c.strip())]
    if len(kept) == len([c for c in clauses if c.strip()]):
        return text
    last = len(kept) - 1
    return "".join(c + (e if i < last else "") for i, (c, e) in enumerate(kept)).strip()


def _screened(parts: DraftParts) -> _Screened:
    """``parts`` as a draft may say them (``_screen_part``), in plain case (``plain_case``):
    what happened that cannot be said becomes "what happened"."""
    said: dict[str, Any] = {}
    why: dict[str, str] = {}
    for key in _SCREENED:
        text, reason = _screen_part(key, plain_case(getattr(parts, key), (parts.other,)))
        if parts.context == "ex" and key in _ROMANCE_PARTS and text and (
                kept := without_romance(text)) != text:
            text, reason = kept, _ROMANCE  # an ex or co-parent: no "I miss you" in a repair
        said[key] = "what happened" if key == "situation" and reason and not text else text
        if reason:
            why[key] = reason
    return _Screened(parts=replace(parts, **said), why=why)


# Why words of longing were left out of a message to an ex or a co-parent (``without_romance``).
_ROMANCE: Final = "romance"
_ROMANCE_PARTS: Final = frozenset(("feeling", "need", "regret", "request", "commitment",
                                   "appreciation"))
_LONGING: Final = re.compile(
    r"\b(?:miss(?:ing)? (?:you|him|her|them|us|what we had)|(?:still )?love (?:you|him|her|them)"
    r"|in love with|want (?:you|him|her|them|us) back|(?:get|getting|be|being) back together"
    r"|another (?:chance|go) (?:at|for) us|(?:give )?us another (?:chance|go)"
    r"|(?:you|him|her|them) back in my life)\b", _I)
_LONGING_SPLIT: Final = re.compile(r"\s*(?:[,;]\s*(?:and\s+|but\s+)?|\s+and\s+|\s+but\s+)", _I)


def without_romance(text: str) -> str:
    """``text`` without its clauses of longing ("I miss him", "I want us back together"): a
    repair with an ex or a co-parent keeps to respect and the arrangements.

    >>> without_romance("ashamed, and I miss him")
    'ashamed'
    """
    if not _LONGING.search(text):
        return text
    clauses = [c for c in _LONGING_SPLIT.split(text) if c.strip()]
    return ", ".join(c for c in clauses if not _LONGING.search(c)).strip()


# Their reaction to what I did, told as a complaint at the end of what happened: "She found the
# bottles yesterday and now she won't really talk to me". After a betrayal of mine it reads as
# blaming them for being hurt, so the draft leaves it out and says so (``their_reaction``).
_THEIR_REACTION: Final = re.compile(
    r",?\s+(?:and|so|but)\s+(?:now|since then|ever since)\s*,?\s+(?:you|u|he|she|they|[A-Z]\w+)"
    r"\s+(?:(?:still|just|really|barely|hardly|even)\s+)?(?:won'?t|will not|doesn'?t|does not"
    r"|don'?t|do not|isn'?t|is not|aren'?t|are not|wouldn'?t|can'?t|refuses? to|barely|hardly)"
    r"\s+(?:(?:really|even|properly|barely|speak or|talk or)\s+)*(?:talk\w*|speak\w*|look\w* at"
    r"|answer\w*|repl\w*|text\w*|touch\w*|come near)\b[^.!?]*", _I)
_REACTION_NOTE: Final = (
    "I left out that {them} won't talk to you now: after you broke their trust, how they react "
    "is theirs to feel, and in the message it can sound like a complaint. If it matters to you, "
    "say how it feels for you, like \"I miss talking to you\".")


def without_their_reaction(account: str, parts: DraftParts) -> str:
    """``account`` (what happened) without its complaint about how they reacted ("and now you
    won't really talk to me"), when the person is the one who broke trust; else as it is.

    >>> without_their_reaction("You found the bottles and now you won't really talk to me.",
    ...                        DraftParts(my_part="I lied about drinking for three weeks"))
    'You found the bottles.'
    """
    if not broke_trust(parts.situation, parts.my_part, parts.regret):
        return account
    return _THEIR_REACTION.sub("", account)


def reaction_note(parts: DraftParts, them: str = "they") -> tuple[str, ...]:
    """The note for ``without_their_reaction`` when it left something out of ``parts``."""
    said = parts.situation
    if not said or without_their_reaction(said, parts) == said:
        return ()
    return (_REACTION_NOTE.format(them=them),)


def left_out_notes(parts: DraftParts) -> tuple[str, ...]:
    """What the coach says where the draft is shown of the answers it leaves out (``left_out``),
    a line for each reason: a threat, danger from them, words that could hurt (an insult,
    swearing, contempt), or shutting them out (a vow never to speak again, an ultimatum).

    >>> left_out_notes(DraftParts(situation="the dishes", request="stop being a bitch"))[0][:60]
    'I left out what you asked of them, because some of the words'
    """
    screened = _screened(parts)
    lines: list[str] = []
    for reason, line in _lines(parts.context):
        names = [f"some of {name}" if getattr(screened.parts, key) not in ("", "what happened")
                 else name for key, name in _SCREENED.items() if screened.why.get(key) == reason]
        if names:
            lines.append(line.format(names=" and ".join(names)))
    return (*lines, *reaction_note(screened.parts))


def unsaid(parts: DraftParts, keys: Collection[str]) -> frozenset[str]:
    """The parts named in ``keys`` ("my_part", "request") that the draft does not say: left out
    by a screen, as not known, or kept through the risk check and failing a screen.

    >>> sorted(unsaid(DraftParts(my_part="I yelled", request="I don't know"), ["my_part", "request"]))
    ['request']
    """
    said = _screened(parts).parts
    return frozenset(key for key in keys if not str(getattr(said, key)).strip())


def left_out(parts: DraftParts) -> tuple[str, ...]:
    """The answers the draft leaves out because they insult or swear, threaten, tell of danger or
    shut them out, as the coach names them ("what you asked of them"): Mend never puts such
    words into a draft of its own.

    >>> left_out(DraftParts(situation="the dishes", request="stop being a bitch"))
    ('what you asked of them',)
    """
    screened = _screened(parts)
    return tuple(f"some of {name}" if getattr(screened.parts, key) not in ("", "what happened")
                 else name for key, name in _SCREENED.items()
                 if screened.why.get(key, "trim") != "trim")
