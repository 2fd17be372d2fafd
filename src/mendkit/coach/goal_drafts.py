"""Drafts for the coach's paths where repair is not the goal (``mendkit.coach.goals``): a letter to
keep (to someone who has died, or who asked for no contact), a kind ending, and a limit.

Like the composer, pure templates over the person's answers, each screened the same way (no threat,
no danger from them, no insult is ever put into a draft) and said to the reader as "you". None of
them asks to talk about what happened, claims the other person was upset, or asks for anything a
goal rules out: a letter asks nothing (there is no one to ask, or they asked not to be asked); an
ending does not apologise for the decision or ask to reconcile; a limit is not apologised for.

>>> compose_goal(GoalParts(goal="boundary", other="my mum", limit="Stop commenting on my body",
...                        action="I'll leave the table"))
'Please stop commenting on my body. If it happens again, I will leave the table.'
"""

from __future__ import annotations

import re
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any, Final

from mendkit.coach.composer import (
    _LEFT_OUT_LINES,
    DraftParts,
    _answer,
    _commitment,
    _request_parts,
    _screen_part,
    _sentence_case,
    _to_reader,
    tidy,
)
from mendkit.coach.draft_fit import FEELING, REMEMBER, misfit, own_sentence, without_asks
from mendkit.coach.goals import BOUNDARY, ENDING, GRIEF, NO_CONTACT, SENT
from mendkit.coach.my_part import my_part_sentences
from mendkit.coach.persisting import without_persisting
from mendkit.coach.pronouns import reader
from mendkit.coach.screening import fails_screens
from mendkit.coach.wording import lower_first, plain_case, strip_lead_in

_I: Final = re.IGNORECASE


@dataclass(frozen=True, slots=True, kw_only=True)
class GoalParts:
    """The answers a goal's draft is made of (every part optional)."""

    goal: str
    context: str = "partner"
    other: str = ""
    situation: str = ""  # what happened, as told: only to tell who "he" or "she" is
    say: str = ""  # a letter: what I want them to know
    sorry: str = ""  # a letter: what I am sorry for, or wish I had done
    remember: str = ""  # a letter: what I am grateful for, remember, or wish for them
    decision: str = ""  # an ending: the decision
    reason: str = ""
    thanks: str = ""
    ask: str = ""  # an ending: what I need from them now
    limit: str = ""  # a limit: the limit itself
    action: str = ""  # a limit: what I will do if it happens again
    why: str = ""
    warm: str = ""
    withheld: tuple[str, ...] = ()  # parts left out: kept through the risk check, failing a screen

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], goal: str, context: str = "partner", *,
                     withheld: Collection[str] = ()) -> GoalParts:
        """Parts from a coach session's answers (keys are the machine's state names); an answer
        kept through the risk check (``withheld``) that fails a screen is left out."""
        held = {step for step in withheld
                if answers.get(step) and fails_screens(str(answers[step]))}

        def text(key: str) -> str:
            value = answers.get(key)
            return "" if key in held or not value else str(value).strip()

        fields = {name: text(step) for step, name in _FROM_STEP.items()}
        return cls(goal=goal, context=context, other=text("recognise_who"),
                   situation=text("recognise_what"), **fields,
                   withheld=tuple(NAMES[name] for step, name in _FROM_STEP.items()
                                  if step in held))


_FROM_STEP: Final = {
    "letter_say": "say", "letter_sorry": "sorry", "letter_remember": "remember",
    "ending_decision": "decision", "ending_reason": "reason", "ending_thanks": "thanks",
    "ending_ask": "ask", "boundary_limit": "limit", "boundary_action": "action",
    "boundary_why": "why", "boundary_warm": "warm"}
# How the coach names each part to the person (what it left out, and why).
NAMES: Final = {
    "say": "what you want them to know", "sorry": "what you are sorry for",
    "remember": "what you remember", "decision": "your decision", "reason": "your reason",
    "thanks": "what you are grateful for", "ask": "what you need from them",
    "limit": "the limit", "action": "what you will do", "why": "why it matters",
    "warm": "the warm words"}
# A plea to start again, or for contact, has no place in a letter to someone who asked for no
# contact, nor in an ending: "give me another chance", "please reply", "unblock me" (but "don't
# text me" asks for distance, and stays).
_RECONCILE: Final = re.compile(
    r"(?<!\bdon't )(?<!\bdont )(?<!\bnot )(?<!\bnever )(?<!\bdo not )(?<!\bno need to )"
    r"\b(?:(?:one more|one last|another|a second|a last|a final|one final|last|second) chance"
    r"|take me back|get back together"
    r"|try again|start (?:again|over)|work (?:it|this|things) out|change your mind"
    r"|think (?:about it|it over)|unblock|reply|write back|answer me|call me|text me"
    r"|message me|meet (?:me|up)|talk to me|see me|contact me|reach out|give (?:us|me) a chance"
    r"|come back|don'?t leave|forgive me)\b", _I)
# Words on how to say it that are no part of what is said: "end it kindly".
_MANNER: Final = re.compile(r",?\s+\b(?:kindly|gently|nicely|properly|respectfully|calmly"
                            r"|honestly|for good|once and for all)\b", _I)


# A request for contact of any kind, which a letter to someone who asked for none never makes
# ("Can we please talk?", "I need to see you", "Would you call me?", "let me explain").
_CONTACT_ASK: Final = re.compile(
    r"\b(?:can|could|would|will|may|shall)\s+(?:we|you|u|i)\b[^.?!]*?\b(?:talk|speak|meet"
    r"|see|call|ring|phone|text|message|write|hear|reply|answer|get together|catch up|chat"
    r"|explain|coffee|drink|lunch|dinner|visit|come)\b"
    r"|\b(?:let'?s|let us)\s+(?:talk|meet|speak|catch up|get together|try)\b"
    r"|\blet me (?:explain|see you|talk|speak|call|visit|make (?:it|this) up)\b"
    r"|\bi (?:need|want|have|would love|'d love|'d like|would like|just want|really need)"
    r" (?:to|you to) (?:see|talk to|speak to|hear from|meet|call|visit|explain)\b"
    r"|\b(?:please|just) (?:talk|speak|meet|call|text|write|reply|answer|listen|respond|come"
    r"|see)\b|\bhear from you\b|\b(?:get|keep|stay) in touch\b", _I)
# An apology for the decision itself, before it ("Sorry, but", "I'm so sorry, I", "Sorry to
# say this, but") or as a sentence of its own ("I'm sorry it has come to this."): a limit or an
# ending needs none. An apology for something done ("Sorry I was late") is no part of it.
_SORRY: Final = (r"(?:(?:i'?m|i am)\s+)?(?:(?:so|really|very|truly|terribly|awfully|deeply)\s+)*"
                 r"(?:sorry|apologies)(?:\s+(?:to (?:say|tell you|do|write|ask)(?: (?:this|that"
                 r"|it))?|about (?:this|that)|for (?:this|that|saying (?:this|that)|asking"
                 r"(?: this)?|doing this)))?|i apologi[sz]e|forgive me")
_SORRY_FIRST: Final = re.compile(
    rf"^(?:{_SORRY})(?:\s*[,.!;:\u2013\u2014-]+\s*(?:(?:but|and)\s+)?|\s+but\s+)(?=\S)", _I)
_SORRY_ALONE: Final = re.compile(
    rf"^(?:{_SORRY})(?:\s+(?:(?:that\s+)?it(?:'s| has) come to this|if this hurts(?: you)?"
    rf"|for (?:my|this) decision))?[\s.!]*$", _I)
# A reason for an ending that is a complaint of what they always or never do ("You always cancel
# and you never listen"): in an ending it invites the argument the ending closes, and before "I
# wish you well" it reads as sarcasm.
_COMPLAINT: Final = re.compile(
    r"(?:^|[,.;:]\s*|\b(?:and|but|because|cause|cos|since|as|when)\s+)(?:you|u)(?:'re| are)?\s+"
    r"(?:\w+\s+)?(?:always|never|constantly|keep|kept|won'?t ever|don'?t ever)\b"
    r"|\b(?:you|u)\s+\w+(?:\s+\w+){0,4}\s+(?:all the time|every (?:single )?time|constantly)\b",
    _I)


def _parts_for_pronouns(g: GoalParts) -> DraftParts:
    """The answers as the composer reads them together to tell who "he" or "she" is."""
    return DraftParts(context=g.context, other=g.other, situation=g.situation, my_part=g.sorry,
                      regret=g.say, appreciation=" ".join(filter(None, (g.remember, g.thanks,
                                                                        g.warm))),
                      feeling=g.why, request=g.ask or g.limit,
                      commitment=" ".join(filter(None, (g.decision, g.action, g.reason))))


@dataclass(frozen=True, slots=True)
class _Screened:
    parts: GoalParts
    # By part: why some or all of it was left out ("hurt", "threat", "danger", "self",
    # "theirs", "plea": a request to reconnect, "apology": one for the decision, "complaint").
    why: Mapping[str, tuple[str, ...]]


def _screened(g: GoalParts) -> _Screened:
    """``g`` as a draft may say it: each part screened as the composer screens (a part of what I
    am sorry for as my part is); a plea to reconcile, or any request for contact, left out of a
    letter to someone who asked for no contact, and a plea out of an ending; an apology for the
    decision left out of an ending and a limit; and a complaint left out of an ending's reason."""
    said: dict[str, str] = {}
    why: dict[str, tuple[str, ...]] = {}
    for name in NAMES:
        text = plain_case(getattr(g, name), (g.other,))
        reasons: list[str] = []
        if g.goal in SENT and text.strip():
            text, apologised = _without_apology(text)
            if apologised:
                reasons.append("apology")
        kept, reason = _screen_part("my_part" if name == "sorry" else "appreciation", text)
        if reason and reason != "trim":
            reasons.append(reason)
        if kept and g.goal == NO_CONTACT:
            kept, persisted = without_persisting(kept)
            if persisted:
                reasons.append("persist")
        if kept and g.goal in (NO_CONTACT, ENDING) and name != "sorry":
            kept, pleaded = _without_plea(kept, contact=g.goal == NO_CONTACT)
            if pleaded:
                reasons = [r for r in reasons if r != "self"] + ["plea"]  # a plea, said once
        if kept and g.goal == GRIEF:
            kept, asked = without_asks(kept, _CONTACT_ASK)
            if asked:
                reasons.append("ask")
        if kept and g.goal == ENDING and name == "reason" and _COMPLAINT.search(kept):
            kept = ""
            reasons.append("complaint")
        said[name] = kept
        if reasons:
            why[name] = tuple(reasons)
    return _Screened(GoalParts(**{**{f: getattr(g, f) for f in _FIELDS}, **said}), why)


def _without_plea(text: str, *, contact: bool) -> tuple[str, bool]:
    """``text`` without its clauses that plead to start again (and, with ``contact``, that ask
    for contact of any kind), and whether it had one. What is left of a sentence a plea was in
    goes with it when it is only a few words with no one doing anything ("Can we please talk,
    just once?": all of it; "I miss you, please reply": "I miss you").

    >>> _without_plea("I hope you're well. Can we please talk, just once?", contact=True)
    ("I hope you're well.", True)
    """
    said: list[str] = []
    pleaded = False
    for sentence in (t for t in re.split(r"(?<=[.!?;])\s+", text) if t):
        clauses = [c for c in re.split(r",\s+(?=(?:and |but )?(?:please|just|i|can|could|will"
                                       r"|would)\b)|,\s+(?=\w+(?:\s+\w+)?[.!?]*$)", sentence,
                                       flags=_I) if c]
        plain = [c for c in clauses if not _RECONCILE.search(c)
                 and not (contact and _CONTACT_ASK.search(c))]
        if len(plain) < len(clauses):
            pleaded = True
            plain = [c for c in plain if len(re.findall(r"[\w']+", c)) > 3
                     or _SUBJECT_FIRST.match(c)]
        said.extend(plain)
    return (" ".join(said).strip(" ,"), True) if pleaded else (text, False)


def _without_apology(text: str) -> tuple[str, bool]:
    """``text`` without an apology for the decision ("I'm so sorry, but I don't want to be
    friends any more" -> "I don't want to be friends any more"), and whether it had one.

    >>> _without_apology("Sorry, but please stop calling me after 9pm.")
    ('please stop calling me after 9pm.', True)
    """
    sentences = [t for t in re.split(r"(?<=[.!?])\s+", text.strip()) if t]
    kept: list[str] = []
    for sentence in sentences:
        if _SORRY_ALONE.match(sentence):
            continue
        kept.append(_SORRY_FIRST.sub("", sentence, count=1))
    said = " ".join(kept)
    return (said, True) if said != text.strip() else (text, False)


_FIELDS: Final = ("goal", "context", "other", "situation", *NAMES, "withheld")

_GOAL_LINES: Final = {
    "persist": ("I left out {names}, because it says you would keep contacting them or get "
                "round their block. After a clear no, that can frighten them, and this letter "
                "is about respecting their request."),
    "plea": ("I left out {names}, because asking them to reconnect, or for any contact, goes "
             "against what {goal}. If it matters, keep it for yourself."),
    "apology": ("I left out the apology in {names}: you don't need to apologise for {what}. "
                "Said plainly and calmly, it is kind enough."),
    "ask": ("I left out {names}, because it asks them for something, and this letter asks "
            "nothing: it is yours to keep. If it matters, you could write it as something you "
            "will do, or hope for."),
    "complaint": ("I left out {names}, because it lists what they always or never do, and in an "
                  "ending that invites the argument you are closing. A reason about you keeps it "
                  "kind, like \"I've realised we want different things\". If you want to give "
                  "one, add it in your own words."),
}


def left_out_notes(g: GoalParts) -> tuple[str, ...]:
    """What the coach says of the parts a goal's draft leaves out, and why (as ``composer``'s
    ``left_out_notes`` does for a repair draft)."""
    screened = _screened(g)
    lines: list[str] = []
    if g.withheld:
        lines.append(f"I left out what you told me about {' and '.join(g.withheld)}, because "
                     "that is what I checked with you. If you want it in, add what you choose, "
                     "in your own words.")
    goal = "they asked for" if g.goal == NO_CONTACT else "you are deciding"
    what = "having a limit" if g.goal == BOUNDARY else "deciding"
    for reason, line in (*_LEFT_OUT_LINES.items(), *_GOAL_LINES.items()):
        if reason == "withdraw":
            continue
        names = [NAMES[key] if reason in ("apology", "complaint") or not getattr(
                     screened.parts, key) else f"some of {NAMES[key]}"
                 for key in NAMES if reason in screened.why.get(key, ())]
        if names:
            lines.append(line.format(names=" and ".join(names), goal=goal, what=what))
    return tuple(lines)


def compose_goal(g: GoalParts) -> str:
    """The draft for ``g.goal``: a letter, an ending or a limit."""
    screened = _screened(g).parts
    if g.goal in (GRIEF, NO_CONTACT):
        return _letter(screened)
    return _ending(screened) if g.goal == ENDING else _boundary(screened)


def _said(text: str, g: GoalParts) -> str:
    """An answer said to the reader, as sentences (a capital, a full stop)."""
    text = strip_lead_in(text) or text
    if not text.strip():
        return ""
    said = _sentence_case(_to_reader(text.strip(), _parts_for_pronouns(g)).strip())
    return said if re.search(r"[.!?]$", said) else f"{said.rstrip(',;:')}."


_TITLES: Final = frozenset(("mum", "mom", "mother", "dad", "father", "grandma", "grandpa", "nan",
                            "nana", "granny", "grandad", "granddad", "mama", "papa", "mummy",
                            "daddy"))


def salutation(other: str) -> str:
    """How a letter to ``other`` opens: a name ("Priya"), a title ("Mum" for "my mum"), or
    ``""`` when there is neither ("my friend").

    >>> salutation("my mum"), salutation("my brother Tom"), salutation("Robin (they/them)")
    ('Mum', 'Tom', 'Robin')
    """
    name = reader(other).name.strip()
    names: list[str] = re.findall(r"\b[A-Z][\w'-]+", re.sub(r"^(?:my|our)\s+", "", name, flags=_I))
    if names and names[-1].lower() not in _TITLES | {"my", "our"}:
        return names[-1]
    last = re.sub(r"^(?:my|our|the)\s+", "", name, flags=_I).split()
    return last[-1].capitalize() if len(last) == 1 and last[-1].lower() in _TITLES else ""


def _letter(g: GoalParts) -> str:
    """A letter to keep: never a request, never "can we talk"."""
    sentences: list[str] = []
    if g.goal == NO_CONTACT:
        sentences.append("I'm not sending this: you asked me not to contact you, and I respect "
                         "that.")
    if said := _said(g.say, g):
        sentences.append(said)
    if sorry := _sorry(g):
        sentences.append(sorry)
    if remember := _remember(g):
        sentences.append(remember)
    text = tidy(" ".join(sentences))
    opening = salutation(g.other)
    return f"{opening}, {text[:1].lower() + text[1:] if _lower_ok(text) else text}" if (
        opening and text) else text


def _lower_ok(text: str) -> bool:
    """Whether the word that opens ``text`` may take a small letter after "Dad," (not "I")."""
    return not re.match(r"^I\b", text) and not text[:2].isupper()


def _sorry(g: GoalParts) -> str:
    """What I am sorry for: my part as an apology ("I'm sorry that I put work first"), or a
    sentence of my own ("I wish I had been there", "Sorry for everything")."""
    text = strip_lead_in(g.sorry) or g.sorry
    if not _answer(text, blame=True):
        return ""
    if re.match(r"^(?:i wish|i should|i shouldn'?t|if only|i'?m sorry|i am sorry|i regret"
                r"|sorry)\b", text, _I):
        return _said(re.sub(r"^sorry\b", "I'm sorry", text, flags=_I), g)
    own = _to_reader(text, _parts_for_pronouns(g))
    said = my_part_sentences(own, work=False)
    return " ".join(said) if said else _said(f"I'm sorry for {lower_first(own)}", g)


def _remember(g: GoalParts) -> str:
    """What I remember, am grateful for, or wish for them, as a sentence."""
    text = strip_lead_in(g.remember) or g.remember
    if not _answer(text, blame=True):
        return ""
    own = _to_reader(text, _parts_for_pronouns(g)).strip().rstrip(".!?")
    if re.match(r"^(?:thank you|thanks)\b", own, _I):
        return _said(re.sub(r"^thanks\b", "Thank you", own, flags=_I), g)
    if re.match(r"^for\b", own, _I):
        return f"Thank you {own}."
    if re.match(r"^(?:not )?\w+ing\b", own, _I) and not re.match(r"^(?:everything|nothing|"
                                                                 r"something|anything)\b", own,
                                                                 _I):
        return f"Thank you for {lower_first(own)}."
    if re.match(r"^that\b", own, _I):
        return f"I hope {own}."
    if _SUBJECT_FIRST.match(own):
        return _said(own, g)
    if why := misfit(REMEMBER, own):  # a feeling, a question, a sentence already
        return f"I feel {lower_first(own)}." if why == FEELING else own_sentence(_said(own, g))
    # What they did or were ("everything you did for me", "your laugh"): remembered, or thanked.
    return (f"I will always remember {lower_first(own)}." if g.goal == GRIEF
            else f"I'm grateful for {lower_first(own)}.")


# An answer that opens with who does something is a sentence of its own ("I miss you").
_SUBJECT_FIRST: Final = re.compile(
    r"^(?:i|i'm|i'll|i've|i'd|we|we're|you|you're|you've|he|he's|she|she's|they|they're|it|it's"
    r"|there|there's|please|may|hope)\b", _I)


def _ending(g: GoalParts) -> str:
    """A clear, kind ending: the decision, a reason about me, thanks, what I need now."""
    sentences = [s for s in (_decision(g), _said(g.reason, g), _thanks(g), _ask(g)) if s]
    if sentences and not any(_COMPLAINT.search(s) for s in sentences):
        sentences.append("I wish you well.")  # never after a complaint: it would read as sarcasm
    return tidy(" ".join(sentences))


def _decision(g: GoalParts) -> str:
    """The decision, said as one: "I want to end the friendship kindly" -> "I've decided to end
    our friendship"; "end things" -> "I've decided to end things"."""
    text = _MANNER.sub("", strip_lead_in(g.decision) or g.decision).strip()
    text = re.sub(r"^(?:i (?:really |just )?(?:want|need|have|would like|'d like|am going|'m going"
                  r"|plan|am planning|'m planning|am ready|'m ready|think it'?s time|feel it'?s "
                  r"time) to)\s+(?=(?:end|break up|leave|stop|finish|call off|step back|move on"
                  r"|go)\b)", "I've decided to ", text, flags=_I)
    if re.match(r"^(?:end|break up|leave|stop|finish|call off|step back|move on)\b", text, _I):
        text = f"I've decided to {lower_first(text)}"
    text = re.sub(r"\b(?:end|ending) the (relationship|friendship|marriage|engagement)\b",
                  lambda m: m.group(0).replace(" the ", " our "), text, flags=_I)
    return _said(text, g)


def _thanks(g: GoalParts) -> str:
    text = strip_lead_in(g.thanks) or g.thanks
    if not _answer(text, blame=True):
        return ""
    if _IMPERATIVE.match(text):  # an instruction given here is asked, never thanked for
        return _asked(text, g)
    own = _to_reader(text, _parts_for_pronouns(g)).strip().rstrip(".!?")
    if re.match(r"^(?:thank you|thanks|i'?m grateful|i am grateful|i appreciate|i'?ll always"
                r"|i will always|i value|i loved|i love)\b", own, _I):
        return _said(re.sub(r"^thanks\b", "Thank you", own, flags=_I), g)
    if re.match(r"^for\b", own, _I):
        return f"Thank you {own}."
    if _SUBJECT_FIRST.match(own):
        return _said(own, g)
    return f"I'm grateful for {lower_first(own)}."


# Words that open a plain instruction: said after "Please".
_IMPERATIVE: Final = re.compile(
    r"^(?:stop|don'?t|do not|only|never|no longer|respect|give|leave|let|keep|call|ask|check"
    r"|knock|text|message|talk|tell|be|quit|avoid|accept|trust|understand|wait|send|use|come"
    r"|return|remove|delete|speak|contact|email|phone)\b", _I)


def _please(text: str) -> str:
    """An instruction as a polite one: "Stop commenting" -> "Please stop commenting"; "Respect
    my decision and not try to change my mind" -> "... and don't try ..."."""
    text = re.sub(r"\band not\b", "and don't", text, flags=_I)
    return f"Please {lower_first(text)}"


def _asked(text: str, g: GoalParts) -> str:
    """What I ask of them, as a sentence: an instruction said with "Please", a statement of my
    own as it is, a bare noun ("space") as what I need."""
    text = re.sub(r"^(?:please|just|kindly)[,]?\s+", "", strip_lead_in(text) or text, flags=_I)
    text = re.sub(r"^(?:please|just)[,]?\s+", "", text, flags=_I).strip().rstrip(".!?")
    if not _answer(text, blame=True):
        return ""
    if re.match(r"^i(?:'m|'ll|'d|'ve)?\b|^(?:my|we|it|there)\b", text, _I):
        return _said(text, g)
    if _IMPERATIVE.match(text):
        return _said(_please(_to_reader(text, _parts_for_pronouns(g))), g)
    if _NOUN_FIRST.match(text):  # "space", "no contact for a while", "some time apart"
        return _said(f"I'd like {lower_first(_to_reader(text, _parts_for_pronouns(g)))}", g)
    who, asked = _request_parts(text, g.other)
    if who == "you":
        return _said(_please(asked), g)
    if who == "we":
        return _said(f"Let's {asked}", g)
    if asked and not re.match(r"^i'd like\b", asked, _I):
        return _said(asked, g)
    return _said(f"I'd like {lower_first(text)}", g)


# An answer that opens with a noun, not a verb: what I would like, not an instruction.
_NOUN_FIRST: Final = re.compile(
    r"^(?:space|time|distance|privacy|quiet|peace|room|no|some|more|less|all|any|a|an|the|this"
    r"|that|these|those|every|each|your|my|our|their|his|her|a bit of|a few)\b", _I)


def _ask(g: GoalParts) -> str:
    return _asked(g.ask, g)


def _boundary(g: GoalParts) -> str:
    """A limit: something warm if it is true, the limit, why it matters, what I will do."""
    sentences = [s for s in (_said(g.warm, g), _asked(g.limit, g), _why(g), _action(g)) if s]
    return tidy(" ".join(sentences))


def _why(g: GoalParts) -> str:
    text = (strip_lead_in(g.why) or g.why).strip().rstrip(".!")
    if not _answer(text, blame=True):
        return ""
    if re.match(r"^(?:because|since|as)\b", text, _I):
        return _said(f"It matters to me {lower_first(text)}", g)
    if re.fullmatch(r"(?:very |really |so )?[a-z]+(?:(?:,| and) [a-z]+)*", text, _I) and not (
            re.match(r"^(?:it|i|we|you|this|that)\b", text, _I)):
        return f"I feel {lower_first(text)} when it happens."
    return _said(text, g)


def _action(g: GoalParts) -> str:
    text = (strip_lead_in(g.action) or g.action).strip().rstrip(".!")
    if not _answer(text, blame=True):
        return ""
    if re.match(r"^(?:if|when|whenever|next time|from now on|after)\b", text, _I):
        return _said(text, g)
    doing = _commitment(_to_reader(text, _parts_for_pronouns(g)))
    return f"If it happens again, I will {doing}." if doing else _said(text, g)

