"""The composer: a repair draft built from the person's answers, in the register of the context.

Pure templates, no generative model. The parts follow the repair research the coach teaches: name
what happened (an observation, not a verdict), own my part, say I can see their side, say my feeling
and need as an I-statement, ask for something specific or commit to something, and appreciate where
true. A message to a manager is not a message to a partner: ``context`` picks the register. The
critic then checks the draft like any other (``mendkit.check``).

Answers come as people type them ("I'm the one who started yelling", "I need to feel like a team",
"We argued about the dishes last night", "Tell me when he needs space"), so each is normalised to
the piece its template expects before it goes in: a small, deterministic set of rules, no parser.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection, Mapping
from contextvars import ContextVar
from dataclasses import dataclass, replace
from typing import Any, Final

from mendkit.coach.apology_screens import (
    ACCUSES,
    EXCUSE,
    NON_APOLOGY,
    NOT_A_REQUEST,
    REASSURANCE,
    asks_reassurance,
    broke_trust,
    need_accuses,
    non_apology,
    not_a_request,
    without_excuse,
)
from mendkit.coach.apology_screens import LEFT_OUT_LINES as _APOLOGY_LINES
from mendkit.coach.my_part import my_action, my_part_sentences, wishes
from mendkit.coach.pronouns import (
    IRREGULAR_PAST,
    Pronouns,
    address,
    base_verb,
    reader,
    uncertain,
)
from mendkit.coach.screening import LEFT_OUT_LINES as _SCREEN_LINES
from mendkit.coach.screening import (
    danger_kind,
    endangered,
    hurtful,
    lowered_self,
    owned_plainly,
    passing_sentences,
    plain_feeling,
    rejects,
    shuts_out,
    threatens,
)
from mendkit.coach.self_blame import AT_WORK as _AT_WORK
from mendkit.coach.verbs import base_of_past
from mendkit.coach.wording import (
    lower_first,
    plain_case,
    strip_lead,
    strip_lead_in,
    unknown,
    unknown_clause,
    upper_first,
)
from mendkit.critic import BLAMING_FEELINGS

CONTEXTS: Final = ("partner", "family", "friend", "work", "therapist")


@dataclass(frozen=True, slots=True, kw_only=True)
class DraftParts:
    """What the composer needs; every part is optional except the situation."""

    context: str = "partner"
    other: str = ""  # who the message is for, as the person named them ("Sam", "my manager")
    situation: str = ""  # what happened, in the person's words
    my_part: str = ""  # e.g. "went quiet and said 'understood'"
    their_side: str = ""  # what they may have felt or needed
    feeling: str = ""  # e.g. "hurt", or a blaming word like "ignored" (turned into a feeling)
    need: str = ""
    regret: str = ""  # e.g. "calling you selfish"
    request: str = ""  # e.g. "talk about feedback before deadlines"
    commitment: str = ""  # e.g. "ask more questions at the start"
    appreciation: str = ""  # something true to appreciate
    # Parts left out because the person kept them through the coach's risk check (the model saw
    # a sign in them, they said no) and they fail a screen: never quoted to the other person.
    withheld: tuple[str, ...] = ()
    # Parts kept through the risk check with a sentence left out that fails a screen (the rest,
    # which passes them all, is said): "Sean told me I'm lazy." without "I told him to go to hell."
    trimmed: tuple[str, ...] = ()

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], context: str = "partner", *,
                     withheld: Collection[str] = ()) -> DraftParts:
        """Parts from a coach session's answers (keys are the machine's state names). The
        answers of the steps in ``withheld`` (kept through the risk check) are said only when
        they pass every screen (``fails_screens``: no threat or violence, no danger from the
        other person, no insult): "I told Mum he doesn't care" stays in the apology. One that
        fails is left out: what happened becomes the neutral "what happened", any other part is
        not said."""
        kept = {step: passing_sentences(str(answers[step]), owned=step in _OWNED)
                for step in withheld if answers.get(step)}
        held = {step for step, (said, cut) in kept.items() if cut and not said}
        cut = {step for step, (said, left_out) in kept.items() if left_out and said}
        left = tuple(name for step, name in _FROM_STEP.items() if step in held)

        def text(key: str) -> str:
            value = kept[key][0] if key in cut else answers.get(key)
            if key in held:
                return "what happened" if key == "recognise_what" else ""
            return str(value).strip().rstrip(".!? ") if value else ""

        return cls(context=context, other=text("recognise_who"),
                   situation=text("recognise_what"),
                   my_part=text("responsibility_part"), regret=text("responsibility_regret"),
                   feeling=text("vulnerability_beneath"), need=text("vulnerability_needs"),
                   request=text("responsibility_know"), commitment=text("rebuild_commitment"),
                   withheld=left,
                   trimmed=tuple(name for step, name in _FROM_STEP.items() if step in cut))


# The steps that own what I did: an insult in them is said plainly, not left out with the rest.
_OWNED: Final = frozenset(("responsibility_part", "responsibility_regret"))


# The steps whose answers the composer quotes, with how the coach names each to the person.
_FROM_STEP: Final = {"recognise_what": "what happened", "responsibility_part": "what you did",
                     "responsibility_regret": "what you regret",
                     "responsibility_know": "what you asked of them",
                     "vulnerability_beneath": "what you feel",
                     "vulnerability_needs": "what you need",
                     "rebuild_commitment": "what you will do differently"}


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
    "unknown": ("I left out {names}, because you said you don't know yet. That is all right: "
                "the message does not need it. If it becomes clear later, you can add it in "
                "your own words."),
    # A non-apology or minimising, an excuse after "but", a plea for reassurance, a need that
    # accuses, a feeling given as the request.
    **_APOLOGY_LINES,
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


_I: Final = re.IGNORECASE
_TIME: Final = (r"(?:last (?:night|week(?:end)?|month)|yesterday(?: morning| afternoon| evening)?|"
                r"this (?:morning|afternoon|evening)|earlier(?: today)?|the other (?:day|night)|"
                r"(?:on |at )?the weekend|(?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day"
                r"(?: morning| afternoon| evening| night)?)")
_LEADING_TIME: Final = re.compile(rf"^(?:on |at )?({_TIME}),?\s+(.+)$", _I)
_TRAILING_TIME: Final = re.compile(rf"^(.+?),?\s+(?:on |at )?({_TIME})$", _I)
_SUBJECT: Final = re.compile(
    r"^(?:i|i'm|i've|i'd|i'll|we|we're|we've|you|you're|he|he's|she|she's|they|they're|it|"
    r"it's|there|there's)\b", _I)
# "Sam said ...", "Mum shouted ...", "Paul let me down", "... and I blamed him": sentences, not
# topics.
_SENTENCE_HINT: Final = re.compile(
    r"^(?!(?:what|how|when|why|where|the|a|an|my|our|your|his|her|their|this|that)\b)"
    rf"(?-i:[A-Z])[\w']*\s+(?:\w+ed|{IRREGULAR_PAST}|wouldn't|couldn't|won't|isn't|wasn't"
    r"|thinks|says|wants)\b"
    r"|\b(?:and|but|so|then) (?:i|we|he|she|they)\b", _I)
# A topic with a verb after a noun ("my boss criticised me"), a clause after a comma ("At the
# party, you laughed at me") or a leading "when ..." is a sentence, not a topic: told as it is.
# A pronoun's verb is not counted: "the comment I made" is still a topic.
# (Past forms that are also nouns, "cut", "set", "hit", "read", are left to _SENTENCE_HINT: "the
# pay cut" is a topic.)
_VERB: Final = (r"(?:said|told|was|were|got|went|left|forgot|did|didn't|made|took|came|had|"
                r"wouldn't|couldn't|won't|isn't|wasn't|thinks|thought|felt|says|wants|is|are|"
                r"kept|lost|sent|spent|broke|gave|bought|brought|caught|threw|wrote|ran|hung|"
                r"saw|met|heard|found|knew|began|drove|ate|fell|fought|won|paid|slept|stole|"
                r"swore|woke|wore|hid|chose|spoke|meant|sold|shook|rang|sang|drank|flew|forgave|"
                r"froze|held|rode|taught|tore|wept|understood|blew|withdrew|"
                r"\w{2,}(?<!e)ed)")
_CLAUSE: Final = re.compile(
    rf"\b(?!(?:the|a|an|my|our|your|his|her|their|this|that|what|how|i|you|he|she|we|they)"
    rf"\b)\w+\s+{_VERB}\b"
    r"|,\s*(?:i|you|he|she|we|they)\b|^(?:when|while|after|before|because|once|if)\b", _I)
# Third people a request can be about ("Mum to call before visiting"): asked for together.
_THIRD_PERSON: Final = (r"(?:my )?(?:mum|mom|mother|dad|father|sister|brother|son|daughter|"
                        r"grandma|grandpa|boss|manager|colleague|friend|family|parents|kids)")
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
    kept, lowered = lowered_self(text, feeling=key == "feeling")
    if lowered:
        said, why = _screen_part(key, kept) if kept else ("", "")
        return said, why or (_SELF_FEELING if key == "feeling" and lowered == "self"
                             else lowered)
    if key == "commitment" and (down := _STOP_BEING.match(text)) and lowered_self(
            text[down.end():])[1]:
        return "", "self"  # "quit being so useless": no thing to do, only a verdict on me
    if key == "my_part":
        return _screen_my_part(text)
    if threatens(text):
        return "", "threat"
    if endangered(text):
        return "", danger_kind(text)
    if key in _NO_ULTIMATUM and shuts_out(text):
        return "", "withdraw"
    if key != "situation" and non_apology(text):
        return "", NON_APOLOGY  # "I'm sorry she got so upset over nothing really"
    if key in ("need", "request") and asks_reassurance(text):
        return "", REASSURANCE  # "I need to know whether there's still a chance"
    if key == "need" and need_accuses(text):
        return "", ACCUSES  # "I need her to stop keeping score": never "I need you to stop"
    if key == "request" and not_a_request(text):
        return "", NOT_A_REQUEST  # "annoyed": never "Could you annoyed?"
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
        said[key] = "what happened" if key == "situation" and reason and not text else text
        if reason:
            why[key] = reason
    return _Screened(parts=replace(parts, **said), why=why)


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


# Events a bare topic can name ("fight", "big argument"): talked about as "the fight".
_EVENT: Final = (r"(?:fight|argument|row|disagreement|quarrel|falling out|comment|remark|joke|text"
                 r"|message|phone call|call|email|meeting|conversation|talk|incident|thing"
                 r"|misunderstanding|dinner|party|trip|date|visit|holiday|birthday|wedding)")


# Words before a time that make it what the account is about, or that need it as their object.
_ABOUT: Final = r"(?:about|regarding|concerning|re)"
_NEEDS_OBJECT: Final = (r"(?:before|after|until|till|since|by|for|from|through|of|into|with"
                        r"|around|past|ahead of|to|like|than|without|planning|ruined"
                        r"|cancelled|canceled|missed|forgot|spoiled|spoilt)")


def _situation(situation: str) -> tuple[str, str]:
    """What to talk about, and the person's account as a sentence of its own, if it is one:
    "We argued about the dishes last night" -> ("last night", "We argued about the dishes")."""
    lead = _LEADING_TIME.match(situation)
    rest = lead.group(2) if lead else situation
    wh_topic = re.match(r"^(?:what|how)\b", rest, _I)  # "what you said": a topic as it is
    if not (_SUBJECT.match(rest) or _SENTENCE_HINT.search(rest) or _told(rest)
            or (not wh_topic and _CLAUSE.search(rest))):
        # A topic already ("The feedback on the project"); "Christmas dinner" keeps its capital.
        common = re.match(r"^(?:what|how|when|why|where|the|a|an|my|our|your|his|her|their|this"
                          r"|that|last|yesterday|earlier)\b", situation, _I)
        if not common and (re.fullmatch(_EVENT, situation, _I) or re.fullmatch(
                rf"(?-i:[a-z])[\w']*(?: [\w']+)?\s+{_EVENT}", situation, _I) or re.fullmatch(
                rf"(?:(?-i:[a-z])[\w']*\s+)?{_EVENT}\s+(?:about|over|with|at|on|in|from|after"
                r"|before|during|for|between)\b.*", situation, _I)):
            # "fight" -> "the fight", "argument about the dishes" -> "the argument about ..."
            return f"the {lower_first(situation)}", ""
        return lower_first(situation) if common else situation, ""
    if lead:
        time = lead.group(1)
    elif trail := _TRAILING_TIME.match(situation):
        time, rest = trail.group(2), trail.group(1)
        # The time is what it was about ("we argued about the weekend"): talked about, and the
        # account keeps its object ("We argued about it"). After another word that needs one
        # ("he left before the weekend"), the time is no time of the event: told as it is.
        if re.search(rf"\b{_ABOUT}$", rest, _I):
            rest = f"{rest} it"
        elif during := re.search(r"\s+(?:over|during|in|throughout)$", rest, _I):
            rest = rest[:during.start()]  # "we argued over the weekend": when, not what about
        elif re.search(rf"\b{_NEEDS_OBJECT}$", rest, _I):
            return "what happened", upper_first(situation)
    else:
        return "what happened", upper_first(situation)
    time = re.sub(r"^(?:on |at )", "", time, flags=_I).lower()
    time = re.sub(r"\b\w+day\b", lambda m: m.group().capitalize(), time)
    return time.replace("Yesterday", "yesterday"), upper_first(rest)


# Words before a word ending in "s" that make it a noun ("the comments on my weight"), not a
# verb ("my mum comments on my weight").
_DETERMINERS: Final = frozenset((
    "the", "a", "an", "my", "your", "his", "her", "their", "our", "these", "those", "some", "all",
    "any", "no", "of", "to", "for", "with", "about", "on", "in", "at", "and", "or", "many",
    "few", "two", "three", "several", "such", "what", "which", "whose", "by", "from"))


def _told(situation: str) -> bool:
    """Whether ``situation`` tells what happened rather than naming it: more than one sentence
    ("... my weight. Last Sunday she said it ..."), or someone who does something to me ("my
    mum comments on my weight", "my manager messages me at 11pm"). A topic is never talked
    about as "Can we talk about At every family dinner ...?".

    >>> _told("the comments on my weight"), _told("At every dinner my mum comments on my weight")
    (False, True)
    """
    if re.search(r"[.!?]\s+(?-i:[A-Z])", situation) or re.search(
            rf"\b(?:my|our)\s+(?:[\w']+\s+)?{_PERSON_WORDS}\s+(?:(?:always|never|often|still"
            rf"|just|keeps?)\s+)?(?-i:[a-z])[\w']*[^s\W']s\b", situation, _I):
        return True  # "Every morning my flatmate leaves dishes in the sink"
    for found in re.finditer(r"\b([\w']+)\s+((?-i:[a-z])[\w']*[^s\W']s)\s+(?:(?:on|at|to|about"
                             r"|with|for|in)\s+)?(?:me|us|my|our)\b", situation):
        if found.group(1).lower() not in _DETERMINERS:
            return True
    return False


def _done_to_me(account: str) -> bool:
    """Whether the account tells what they did to me ("You comment on my weight", "At every
    family dinner, you comment on my weight"): then nothing says they were upset, and no draft
    claims that they were."""
    for sentence in re.split(r"(?<=[.!?])\s+", account):
        if re.match(r"^(?:[^,]*,\s*)?you\b.*\b(?:me|my|myself)\b", sentence, _I) or re.match(
                r"^(?:at|on|during|every|each|last|this|yesterday|today|tonight|whenever)\b"
                r"(?:\s+(?!you\b)[\w']+){0,5},?\s+you\s+(?!and\b).*\b(?:me|my|myself)\b",
                sentence, _I):
            return True
    return False


def _feeling_and_need(feeling: str, need: str) -> tuple[str, str]:
    """The feeling to say after "I feel", and the need: a blaming word ("ignored", "furious and
    disrespected") says what they did, so the feeling beneath it is said instead, and the need
    it implies when none was given."""
    # "Underneath it I'm terrified ...": the question's own words are no part of the feeling.
    feeling = re.sub(r"^(?:(?:underneath|beneath|under|below)(?: (?:it|that|this|all (?:of )?"
                     r"(?:it|that|this)|the anger))?|deep down|inside),?\s+", "", feeling.strip(),
                     flags=_I)
    word = lower_first(strip_lead(r"i (?:feel|felt|am feeling|was feeling)|i'?m(?: feeling)?"
                               r"|i am(?: feeling)?|i was|feeling", feeling))
    need = lower_first(strip_lead(r"(?:what|all) i need is|i (?:really |just )?(?:need|want|would "
                               r"like|'d like)|i'd like", need))
    # "for her not to leave me" -> "her not to leave me" (said "I need you not to leave me")
    need = re.sub(r"^for\s+(?=[\w']+\s+(?:not\s+)?to\b)", "", need, flags=_I)
    words = re.split(r"\s*,\s*(?:and\s+)?|\s+and\s+", word)
    if not any(w.lower() in _BENEATH for w in words) or any(
            re.match(_SOFT, w, _I) for w in words):
        # No blaming word, or a softer feeling named beside it ("terrified ..., and
        # humiliated"): the person's own words, as they said them.
        return word, need
    beneath: list[str] = []
    for w in words:  # "furious and disrespected" -> "furious and hurt"
        said = _BENEATH[w.lower()][0] if w.lower() in _BENEATH else w
        if said not in beneath:
            beneath.append(said)
    implied = next(_BENEATH[w.lower()][1] for w in words if w.lower() in _BENEATH)
    listed = beneath[0] if len(beneath) == 1 else f"{', '.join(beneath[:-1])} and {beneath[-1]}"
    return listed, need or implied


# Softer feelings: named beside a blaming word, they say what is beneath it already.
_SOFT: Final = (r"(?:hurt|scared|afraid|frightened|terrified|sad|lonely|alone|ashamed|shame"
                r"|disappointed|worried|anxious|unwanted|heartbroken|grief|grieving|fear|fearful"
                r"|insecure|vulnerable|lost|helpless|powerless|small|embarrassed|guilty)\b")


# The feeling beneath a blaming word, and the need it implies: the critic's, except that
# humiliation is hurt, not shame (which reads as blaming myself).
_BENEATH: Final = {**BLAMING_FEELINGS, "humiliated": ("hurt", "respect, especially in front of "
                                                                "others")}


def _commitment(commitment: str) -> str:
    """What I will do, to follow "I will": "I'll text you" -> "text you"; ``""`` when it is
    about someone else ("you should call me" is not something I will do)."""
    commitment = strip_lead_in(commitment) or commitment
    text = strip_lead(r"(?:next time,?\s+)?(?:i will|i'll|i'?m going to|i am going to|"
                  r"i'?m gonna|i promise (?:to|i'll|i will)|i can|i want to|i plan to)",
                  commitment)
    if _SUBJECT.match(text) and not re.match(r"^i\b", text, _I):
        return ""
    return lower_first(strip_lead("i", text))


def _regret(regret: str, my_action: str) -> str:
    """The regret as a sentence, or ``""`` when it adds nothing ("yes", or my part again)."""
    text = strip_lead(r"i regret|regret|that", regret)
    if not text or _is_non_answer(text, blame=True) or (
            strip_lead("i", text).lower() == my_action.lower()):
        return ""
    if re.match(r"^(?:i regret |regret )?that i\b", regret.strip(), _I):
        return f"I regret that {text}."  # "that I shouted in front of your mum"
    return (f"{upper_first(text)}." if re.match(r"^i\b", text, _I)
            else f"I regret {lower_first(text)}.")


def _request(request: str, other: str = "", *,
             pronouns: Pronouns | None = None) -> tuple[str, str]:
    """Who the request is for and what to ask, fitted to follow "Could you/we" ("don't shout" ->
    "not shout"), or as the person's own sentence when it cannot be (see ``_request_parts``).
    """
    who, text = _request_parts(request, other, pronouns=pronouns)
    if not who:
        return who, text
    text = re.sub(r"^(?:don't|do not|doesn't|does not)\s+", "not ", text, flags=_I)
    if re.match(r"^(?:i|i'm|i'd|i'll|i've|you|you're|he|she|we|they|it)\b", text, _I):
        statement = _said(request.strip().rstrip(".!? "), other, pronouns)
        return "", upper_first(statement)  # it does not fit "Could you ...?"
    return who, text


def _said(text: str, other: str, pronouns: Pronouns | None) -> str:
    """``text`` (the request, or part of it) said to the reader: every mention of them as
    "you", or none (``address``)."""
    return _address(text, other, pronouns.context if pronouns else "", pronouns=pronouns)


def _request_parts(request: str, other: str = "", *,
                   pronouns: Pronouns | None = None) -> tuple[str, str]:
    """Who the request is for ("you" or "we") and what to ask, to follow "Could you/we":
    "Tell me when he needs space" -> ("you", "tell me when you need space"); "Mum to call
    first" (someone else) -> ("we", "ask Mum to call first"). A wish that is not a request ("I
    want Sam to know I care"), or one about someone it cannot tell from them ("she stops
    criticising me" where "she" may be their mum), comes back as a sentence of its own, with
    ``""`` for who: never "Could you apologise to you?"."""
    text = re.sub(r",?\s+please$", "", request.strip().rstrip(".!? "), flags=_I)
    # "please just don't leave me": words before an instruction that are no part of it.
    text = re.sub(r"^(?:(?:please|just|simply|really|honestly),?\s+)+(?=\w)", "", text, flags=_I)
    text = _said(text, other, pronouns)  # "Sam sets a reminder" -> "you set a reminder"
    if _ABOUT_THEM.match(text) or re.search(r",\s*(?:and |but )?i(?:'m|'ve|'d|'ll)?\s", text,
                                            _I):
        # "you don't owe me anything, I'm sorry": said about them (or with a clause of my own),
        # no request to put after "Could you".
        return "", upper_first(text)
    if re.match(r"^i (?:want|need|'?d like|would like|wish) (?:you|him|her|them) to know\b",
                text, _I) or re.match(r"^i(?:'m|'ve|'d|'ll)?\s+(?!(?:like|love|want|need|"
                                      r"prefer|wish|would)\b)", text, _I):
        return "", upper_first(text)
    third = re.match(rf"^({_THIRD_PERSON})\s+(?:to\s+(.+)|(\w+s)\b(.*))$", text, _I)
    if third:
        verb = third.group(2) or base_verb(third.group(3)) + third.group(4)
        return "we", f"ask {third.group(1)} to {verb}"
    if re.match(r"^(?:be|stop|don't|do not|quit)\b", text, _I):  # for them: "Be on time"
        return "you", lower_first(text)
    who = "you" if re.match(r"^please\b", text, _I) else ""
    text = strip_lead(r"please,?|to", text)
    wish = re.match(r"^(?:i'?d|i would|i) (?:like|love|want|need|prefer|wish)(?: it if| that)?\s+"
                    r"(you|us|we)\s+(to |would |could )?(.*)$", text, _I)
    subject = re.match(r"^(?:for |that )?(you|us|we)\s+(?:to|could|would|should|can|will|might)"
                       r"\s+(.*)$", text, _I)
    asked = re.match(r"^(?:can|could|would|will) (you|we)\s+(.*)$", text, _I)
    said = re.match(r"^(?:that )?(you|we)\s+(?:(never|always|just) )?(\w+)(.*)$", text, _I)
    if match := wish or subject or asked:
        who = "we" if match.group(1).lower() in ("us", "we") else "you"
        text = match.group(2) if match is not wish else (
            wish.group(3) if wish.group(2) else _present(wish.group(3)))  # "called" -> "call"
    elif said:
        who, text = said.group(1).lower(), said.group(3) + said.group(4)
    elif re.match(r"^(?:i'?d|i would|i) (?:like|love|want|need|prefer|wish)\b", text, _I):
        return "", upper_first(text)  # "I want him to apologise": about someone else
    elif re.match(r"^(?:that |for )?(?:he|she|they|him|her|them)\b", text, _I) or (
            _named_first(text, other)):  # someone else, or it cannot tell who: as said
        text = re.sub(r"^(?:that |for )", "", text, flags=_I)
        return "", (f"I'd like {text}" if re.match(r"^[\w']+\s+to\b", text)
                    else f"I'd like it if {text}")
    elif re.match(r"^let'?s\s", text, _I):
        who, text = "we", strip_lead("let'?s", text)
    elif _NO_VERB.match(text) and not _VERB_AFTER_ALL.match(text):
        # "more time together": no verb to follow "Could we" ("respect my decision" has one)
        return "", f"I'd like {lower_first(text)}"
    # A bare verb answers "what would you like them to do?": asked of them, unless it is
    # something two do together ("take a break when it gets heated", "talk it through together").
    who = who or ("we" if _TOGETHER.search(text) and not re.search(
        r"\b(?:me|my|mine|myself|i)\b", text, _I) else "you")
    return who, lower_first(text)


def _present(wished: str) -> str:
    """A wish said in the past, to follow "Could you": "called first" -> "call first", "didn't
    shout" -> "not shout", "were on time" -> "be on time"; a verb in the present stays."""
    if negative := re.match(r"^(?:didn'?t|did not)\s+(.*)$", wished, _I):
        return f"not {negative.group(1)}"
    if negative := re.match(r"^(?:weren'?t|wasn'?t|were not|was not)\b\s*(.*)$", wished, _I):
        return f"not be {negative.group(1)}".strip()
    first, _, rest = wished.partition(" ")
    return f"{base_of_past(first)} {rest}".strip()


def _named_first(text: str, other: str) -> bool:
    """Whether ``text`` starts with the reader's name, left as it is ("Sam tells his dad ..."
    where "his" may be the dad's)."""
    name = reader(other).name
    return len(name) > 1 and any(text.startswith(f"{form} ") for form in (
        name, name[:1].upper() + name[1:]))


# A request that starts with one of these has no verb to ask with ("more time together").
_NO_VERB: Final = re.compile(
    r"^(?:more|less|fewer|some|any|a|an|the|my|our|your|his|her|their|no|better|extra|enough"
    r"|quality|time|space|honesty|respect|patience|support|kindness|attention|affection|trust"
    r"|understanding|communication|consistency)\b", _I)
# A word of ``_NO_VERB`` that is a verb here, before what it acts on: "respect my decision",
# "trust me", "support me more".
_VERB_AFTER_ALL: Final = re.compile(
    r"^(?:respect|trust|support|time|honour|honor|value|understand)\s+(?:my|me|us|our|your|him"
    r"|her|them|their|his|this|that|the|what|how|when)\b", _I)
# What they do or are, said as a statement, not asked ("you don't owe me anything", "you never
# listen", "you're always late"): with "Could you" in front of it, it makes no sense.
_ABOUT_THEM: Final = re.compile(
    r"^(?:that )?you\s+(?:(?:don'?t|do not|never|didn'?t|did not|won'?t|can'?t)\s+(?:owe|have to"
    r"|need to|deserve|know|care|listen|understand|love|mean|want)|owe|deserve)\b", _I)
# Something two people do together: asked as "Could we ...?".
_TOGETHER: Final = re.compile(
    r"\b(?:together|each other|one another|both|our)\b|^(?:talk|take (?:a|some) (?:break|breather"
    r"|time[- ]?out|step back|moment)|sit down|discuss|meet|agree|plan|pause|check in|make time"
    r"|work (?:it|things|this|that) out|figure (?:it|things|this|that) out|cool (?:off|down)"
    r"|spend|try again|start again|start over)\b", _I)


def _safe(parts: DraftParts, *texts: str) -> Pronouns:
    """The person's answers read together, to say ``texts`` (without any, the account of what
    happened) to the reader: every mention of them as "you", or none (``address``)."""
    answers = tuple(text for text in (
        parts.my_part, parts.regret, parts.their_side, parts.feeling, parts.need, parts.request,
        parts.commitment, parts.appreciation) if text)
    return Pronouns(situation=parts.situation, answers=answers, request=parts.request,
                    account=not texts, context=parts.context)


# While ``pronoun_notes`` composes a draft: each answer the draft says as the person wrote it
# because a pronoun in it may mean the reader or someone else, with those pronouns. The draft's
# helpers call ``address`` from many places; this records where it kept an answer without
# threading a list through all of them. It never changes what a draft says.
_KEPT: ContextVar[list[tuple[str, tuple[str, ...]]] | None] = ContextVar("kept", default=None)


def _address(text: str, other: str, context: str, *, pronouns: Pronouns | None) -> str:
    """``address``, noting (while ``pronoun_notes`` asks) an answer it kept as written."""
    said = address(text, other, context, pronouns=pronouns)
    kept = _KEPT.get()
    if kept is not None and said == text and text.strip() and (
            words := uncertain(text, other, context, pronouns=pronouns)):
        kept.append((text, words))
    return said


# How a note on words kept as written starts (a page shows it as a note).
KEPT_AS_WRITTEN: Final = "I couldn't tell whether"
_QUOTED_AT_MOST: Final = 80  # a longer answer is quoted by the clause with the pronoun


def pronoun_notes(parts: DraftParts, *, only: Collection[str] = ()) -> tuple[str, ...]:
    """What the coach says of the words the draft of ``parts`` keeps as the person wrote them,
    because it could not tell whether a pronoun in them means the reader: which words, and why,
    so that they can change them. With ``only`` (names of parts, "feeling"), only of those.

    >>> (note,) = pronoun_notes(DraftParts(other="Jo", situation="Jo's boss criticised her",
    ...                                    my_part="I yelled at her"))
    >>> print(note.split(" If ")[0])
    I couldn't tell whether "her" means Jo, so I kept "I yelled at her" as you wrote it.
    """
    sources = [str(getattr(parts, name)).lower() for name in only]
    return kept_as_written(lambda: compose(parts), parts.other, sources=sources,
                           only=bool(only))


def kept_as_written(build: Callable[[], str], other: str, *, sources: Collection[str] = (),
                    only: bool = False, where: str = "message") -> tuple[str, ...]:
    """``pronoun_notes`` for the draft ``build`` makes (a repair draft, or a letter: ``where``):
    the words it keeps as written because a pronoun in them may not mean ``other``. With
    ``only``, only of the answers ``sources`` (lower case)."""
    kept: list[tuple[str, tuple[str, ...]]] = []
    token = _KEPT.set(kept)
    try:
        draft = build().lower()
    finally:
        _KEPT.reset(token)
    name = reader(other).name
    who = re.sub(r"^my\b", "your", name, flags=_I) if name else "them"
    notes: list[str] = []
    for text, words in kept:
        quoted = _quoted(text, words)
        if not _in_draft(quoted, words, draft) or (only and not any(
                text.lower() in source or source in text.lower() for source in sources if source)):
            continue  # not in the draft as it is, or not of the parts asked about
        listed = " and ".join(f'"{word}"' for word in words)
        note = (f"{KEPT_AS_WRITTEN} {listed} {'means' if len(words) == 1 else 'mean'} {who}, "
                f'so I kept "{quoted}" as you wrote it. If {"it does" if len(words) == 1 else "they do"}'
                f", you can change those words in the {where}.")
        if note not in notes:
            notes.append(note)
    return tuple(notes)


def _in_draft(quoted: str, words: tuple[str, ...], draft: str) -> bool:
    """Whether the (lower-case) ``draft`` says ``quoted`` as written: whole, or from the word
    before its first pronoun on, a few words at least (the draft may have changed how it starts:
    "I'll ask her ..." is said as "Next time, I will ask her ...")."""
    low = quoted.lower()
    pronoun = "|".join(map(re.escape, words))
    tail = re.search(rf"(?:[\w']+\s+)?\b(?:{pronoun})\b.*", low)
    return low in draft or bool(tail and len(tail.group().split()) >= 3 and tail.group() in draft)


def _quoted(text: str, words: tuple[str, ...]) -> str:
    """``text``, or where it is long, its clauses that hold one of ``words``."""
    text = text.strip()
    if len(text) <= _QUOTED_AT_MOST:
        return text
    clauses = [c.strip() for c in _CLAUSE_END.split(text) if c.strip()]
    held = [c for c in clauses if any(re.search(rf"\b{re.escape(w)}\b", c, _I) for w in words)]
    return held[0] if held else text


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
    return tuple(lines)


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


def _to_reader(text: str, parts: DraftParts) -> str:
    """My own answer said to the reader, as the account of what happened and my other answers
    allow (``address``)."""
    return _address(text, parts.other, parts.context, pronouns=_safe(parts, text))


def _answered(parts: DraftParts) -> DraftParts:
    """``parts`` as screened (``_screened``), without the answers that say nothing ("nothing
    really", "I don't know"), or only blame the other person ("nothing, Jo started it"; in the
    situation that is what happened, so it stays there)."""
    parts = _screened(parts).parts
    answered: dict[str, Any] = {name: _answer(getattr(parts, name), blame=True) for name in (
        "my_part", "their_side", "feeling", "need", "regret", "request", "commitment",
        "appreciation")}
    return replace(parts, situation=_answer(parts.situation), **answered)


def commitment_sentence(parts: DraftParts) -> str:
    """"Next time, I will ..." from ``parts`` (``""`` without a commitment of mine); after a
    betrayal of theirs (an affair, lies kept up, a broken promise), "From now on, I will ..."."""
    said, _ = _screen_part("commitment", plain_case(parts.commitment, (parts.other,)))
    answer = _answer(said, blame=True)
    commitment = _commitment(_to_reader(answer, parts))
    if not commitment:
        return ""
    # After a betrayal "Next time" reads as if there will be a next one: from now on.
    lead = ("From now on" if broke_trust(parts.situation, parts.my_part, parts.regret)
            else "Next time")
    return f"{lead}, I will {commitment}."


def later_sentences(parts: DraftParts) -> str:
    """What the coach's later steps found (the feeling beneath, the need, what I will do next
    time), as sentences to add to a message the person wrote themselves: ``""`` when there is
    nothing to add. The composer's own draft puts them in its own places.

    >>> later_sentences(DraftParts(feeling="lonely", need="to feel like a team",
    ...                            commitment="I'll stay in the room"))
    'I feel lonely, and I need to feel like a team. Next time, I will stay in the room.'
    """
    # The account is not said here, so who "he" or "she" is follows it as it was told.
    parts = replace(_answered(parts), situation=plain_case(parts.situation, (parts.other,)))
    feeling, need = _feeling_and_need(_to_reader(parts.feeling, parts), parts.need)
    need = _address(need, parts.other, parts.context, pronouns=_safe(parts, need))
    said = (f"I feel {feeling}, and I need {need}." if feeling and need
            else f"I feel {feeling}." if feeling else f"I need {need}." if need else "")
    return " ".join(s for s in (said, commitment_sentence(parts)) if s)


def compose(parts: DraftParts) -> str:
    """A repair draft from ``parts``.

    >>> compose(DraftParts(context="partner", situation="last night", my_part="snapped at you",
    ...                    feeling="hurt", need="us to be kind when we're tired",
    ...                    request="take a break when it gets heated"))[:46]
    "Can we talk about last night? I'm sorry that I"
    """
    told = plain_case(parts.situation, (parts.other,))
    # What they said about me, left out, is no hostility of mine to hide.
    screened_situation = "situation" in _screened(parts).why
    hostile_situation = _screened(parts).why.get("situation", _ACCUSATION) != _ACCUSATION
    parts = _answered(parts)
    topic, account = _situation(parts.situation) if parts.situation else ("", "")
    if screened_situation:  # not said, but who "he" or "she" is still follows it as told
        parts = replace(parts, situation=told)
    work = parts.context in ("work", "therapist")
    feeling, need = _feeling_and_need(_to_reader(parts.feeling, parts), parts.need)
    need = _address(need, parts.other, parts.context, pronouns=_safe(parts, need))
    if account:
        account = _sentence_case(_address(account, parts.other, parts.context,
                                          pronouns=_safe(parts)))
    elif topic != "what happened" and not re.fullmatch(_TIME, topic, _I):
        topic = _address(topic, parts.other, parts.context, pronouns=_safe(parts))
    sentences: list[str] = []
    if topic:
        sentences.append(f"I'd like to come back to {topic}." if work
                         else f"Can we talk about {topic}?")
    if account:
        sentences.append(f"{account}.")
    own = _to_reader(parts.my_part, parts)
    my_part = my_action(own)
    if account and my_part and (told := _without_repeat(account, my_part)) != account:
        sentences[-1] = f"{told}."  # the apology says it: the account need not say it first
    sentences.extend(my_part_sentences(own, work=work))
    if regret := _regret(_to_reader(parts.regret, parts), my_part):
        sentences.append(regret)
    done_to_me = hostile_situation or "what happened" in parts.withheld or _done_to_me(account)
    if parts.their_side:
        sentences.append(f"I can see why {lower_first(_to_reader(parts.their_side, parts))}.")
    elif parts.context == "work":
        # What they did to me: no concerns of theirs were voiced, so none are heard.
        sentences.append("I'd like to hear how you see it." if done_to_me
                         else "I hear your concerns and I understand your position.")
    elif parts.context == "therapist":
        sentences.append("I can see why you said it, and I know you want to help.")
    elif done_to_me:
        # What they did to me: nothing says they were upset, so no claim that they were.
        sentences.append("I'd like to hear your side too.")
    else:
        sentences.append("I understand why you were upset.")
    if feeling:
        about = f" about {topic}" if topic and len(topic.split()) <= 8 else (
            " about what happened" if topic else "")
        if re.search(r"\b(?:because|since|when|that|about|after|as|at|by|of|with|if|like)\b"
                     r"|\b(?:you|he|she|they|we|i|it)(?:'ll|'re|'s|'m|'ve|'d)?\s+\w", feeling,
                     _I):  # "angry because you lied", "terrified he'll leave": says what about
            about = ""
        tail = f", and I need {need}" if need else ""
        sentences.append(f"I feel {feeling}{about}{tail}.")
    elif need:  # the feeling was left out or skipped: the need still stands
        sentences.append(f"I need {need}.")
    if commitment := commitment_sentence(parts):
        sentences.append(commitment)
    if parts.request:
        who, request = _request(parts.request, parts.other,
                                pronouns=_safe(parts, parts.request))
        if not who:
            sentences.append(f"{request}.")
        else:
            sentences.append(f"Going forward, I would appreciate it if {who} could {request}."
                             if work else f"Could {who} {request}?")
    if parts.appreciation:
        sentences.append(f"I appreciate {lower_first(parts.appreciation)}.")
    return tidy(" ".join(sentences))


# The sentences the composer writes that no answer gave: each says the person sees their side,
# or wants to hear it. A literal reader must know the draft says them on their behalf.
_OFFERED: Final = ("I understand why you were upset.",
                   "I hear your concerns and I understand your position.",
                   "I can see why you said it, and I know you want to help.",
                   "I'd like to hear your side too.", "I'd like to hear how you see it.")
# How the note on such a sentence begins (a page shows these lines as notes).
ADDED_NOTES: Final = ('I added "',)


def added_notes(parts: DraftParts) -> tuple[str, ...]:
    """What the coach says of the sentences in the draft of ``parts`` that the person did not
    write (``_OFFERED``): that Mend added them, why, and that they can take them out.

    >>> added_notes(DraftParts(situation="the dishes", my_part="yelled"))[0][:45]
    'I added "I understand why you were upset." Yo'
    """
    draft = compose(parts)
    return tuple(f'I added "{sentence}" You did not write this: it shows you see their side, '
                 "which helps a repair. Keep it only if it is true for you. You can change it "
                 "or delete it when you edit the draft." for sentence in _OFFERED
                 if sentence in draft)


def _without_repeat(account: str, my_part: str) -> str:
    """``account`` without its sentences that say what the apology after it says ("Last night I
    told you that you never care" before "I'm sorry that I told you that you never care"), when
    another sentence of it is left to tell what happened.

    >>> _without_repeat("We argued about Christmas. Then I told you to leave", "told you to leave")
    'We argued about Christmas'
    """
    said = [s for s in re.split(r"(?<=[.!?])\s+", account.strip().rstrip(".")) if s]
    done = re.sub(r"[.!?]+$", "", my_part.strip()).lower()
    kept = [s for s in said if not (len(done.split()) >= 3 and (
        f"i {done}" in s.lower() or _same_fact(s, done)))]
    return " ".join(kept).rstrip(".") if kept and len(kept) < len(said) else account


# Words that tell no fact of their own: two sentences that share most of the rest say the same.
_LITTLE_WORDS: Final = frozenset((
    "i", "me", "my", "you", "your", "he", "she", "they", "him", "her", "them", "his", "their",
    "it", "a", "an", "the", "and", "but", "or", "to", "of", "about", "for", "with", "at", "in",
    "on", "that", "this", "was", "were", "is", "did", "do", "not", "instead", "new", "just"))


def _stems(text: str) -> set[str]:
    words = re.findall(r"[a-z']+", text.lower())
    return {re.sub(r"(?:ing|ed|s)$", "", w) or w for w in words if w not in _LITTLE_WORDS}


def _same_fact(sentence: str, my_part: str) -> bool:
    """Whether a sentence of the account says the same thing as my part in other words ("I
    talked about my new keyboard and did not ask about her dad" and "talked about my keyboard
    instead of asking about her dad"): most of my part's own words are in it, and it starts
    with me."""
    mine = _stems(my_part)
    return (sentence.lower().startswith("i ") and len(mine) >= 3
            and len(mine & _stems(sentence)) >= 0.75 * len(mine))


# Words that can follow "you" as its subject and end in "s" without being a verb ("you guys").
_NOT_VERBS: Final = frozenset((
    "guys", "kids", "lads", "girls", "boys", "folks", "people", "always", "perhaps", "lots",
    "two", "as", "is", "was", "has", "does", "yes", "thanks", "less", "unless", "towards",
    "afterwards", "besides", "sometimes", "nowadays", "this", "plus", "us", "its", "his", "hers"))
# Where "you" is a subject: a sentence's or clause's start, after a word that opens a clause,
# or after a leading phrase of time or place ("At every family dinner you ...").
_YOU_SUBJECT: Final = re.compile(
    r"(?:^|(?<=[.!?;:,])\s*|\b(?:and|but|so|then|when|whenever|because|if|that|while|after"
    r"|before|since|until|where|once)\s+|(?:^|(?<=[.!?] ))(?:at|on|during|every|each|last|this"
    r"|yesterday|today|tonight|sometimes|often)\b(?:\s+(?!you\b)[\w']+){0,5},?\s+)"
    r"(you)\s+((?:always|never|often|sometimes|still|just|really|also|constantly|usually"
    r"|even)\s+)?([a-z][\w']*)\b", _I)
_THIRD_AUX: Final = {"has": "have", "hasn't": "haven't", "is": "are", "isn't": "aren't",
                     "was": "were", "wasn't": "weren't", "does": "do", "doesn't": "don't"}
# Verbs an account often joins to a first with "and" ("you message me at 11pm and expects answers
# by morning"): made to agree with "you" there.
_ACCOUNT_VERBS: Final = (r"expects|wants|needs|says|thinks|keeps|makes|takes|gets|gives|tells"
                         r"|asks|calls|texts|leaves|goes|comes|knows|feels|seems|tries|refuses"
                         r"|ignores|acts|treats|blames|shouts|yells|laughs|walks|storms|slams"
                         r"|starts|stops|forgets|sends|replies|looks|turns|puts"
                         r"|criticises|criticizes|complains|insists|demands|brings")
_PERSON_WORDS: Final = (r"(?:friend|best friend|mum|mom|mother|dad|father|sister|brother|partner"
                        r"|boss|manager|colleague|husband|wife|boyfriend|girlfriend|son|daughter"
                        r"|grandma|grandpa|aunt|uncle|cousin|flatmate|roommate|ex)")


def tidy(text: str) -> str:
    """A draft's grammar where the templates and the change to "you" leave it wrong: a verb
    after "you" as its subject ("you comments" -> "you comment", "you went out and hasn't
    replied" -> "... and haven't replied"), "yours" before what it owns ("yours last birthday"),
    "your" before no noun ("for your not to leave me"), and the word for them left before
    "you" ("My friend you and I").

    >>> tidy("At every family dinner you comments on my weight.")
    'At every family dinner you comment on my weight.'
    >>> tidy("You went out and hasn't replied. I missed yours last birthday.")
    "You went out and haven't replied. I missed your last birthday."
    """
    def agree(found: re.Match[str]) -> str:
        word = found.group(3)
        low = word.lower()
        if low in _THIRD_AUX:
            new = _THIRD_AUX[low]
        elif low.endswith("s") and low not in _NOT_VERBS and not low.endswith(("ss", "'s")):
            new = base_verb(word)
        else:
            return found.group(0)
        start = found.start(3) - found.start(0)
        return found.group(0)[:start] + new + found.group(0)[start + len(word):]

    text = _YOU_SUBJECT.sub(agree, text)
    # "you went out and hasn't replied": a second verb of the same "you", with no one between.
    text = re.sub(r"\b(you\b(?:(?![.!?;]|\b(?:i|he|she|they|we|it)\b)[^,])*?,?\s+and\s+)"
                  rf"(hasn't|has|isn't|is|wasn't|was|doesn't|does|{_ACCOUNT_VERBS})\b",
                  lambda m: m.group(1) + _THIRD_AUX.get(m.group(2).lower(), base_verb(m.group(2))),
                  text, flags=_I)
    text = re.sub(r"\b([Yy])ours (?=(?:last|first|next|new|old|own|only|best|whole|big|little"
                  r"|favou?rite|\w+day)\b)", r"\1our ", text)
    text = re.sub(r"\b([Yy])our (?=(?:not|to|and|or|but|a|an|the)\b)", r"\1ou ", text)
    # "I forgot you first day at work": "her" said as "you" before what she owns.
    text = re.sub(r"\b(you) (?=(?:first|last) (?!(?:time|week|night|month|year|weekend|morning"
                  r"|evening|afternoon|summer|winter|spring|autumn)\b)(?!(?!birthday)\w+day\b)\w)",
                  "your ", text)
    return re.sub(rf"\b([Mm]y|[Oo]ur) (?:(?:best|old|dear|good) )?{_PERSON_WORDS} (you)\b",
                  lambda m: ("Y" if m.group(1)[0].isupper() else "y") + "ou", text)
