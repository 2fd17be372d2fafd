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
from collections.abc import Collection, Mapping
from dataclasses import dataclass, replace
from typing import Any, Final

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.coach.my_part import my_action, my_part_sentences
from mendkit.coach.pronouns import BOTH, address, base_verb, safe_pronouns, to_reader, to_you
from mendkit.coach.wording import lower_first, strip_lead, upper_first
from mendkit.critic import BLAMING_FEELINGS
from mendkit.model import Conversation

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
    # a sign in them, they said no): never quoted to the other person (``WITHHELD``).
    withheld: tuple[str, ...] = ()

    @classmethod
    def from_answers(cls, answers: Mapping[str, Any], context: str = "partner", *,
                     withheld: Collection[str] = ()) -> DraftParts:
        """Parts from a coach session's answers (keys are the machine's state names). The
        answers of the steps in ``withheld`` are left out: what happened becomes the neutral
        "what happened", any other part is not said."""
        left = tuple(name for step, name in _FROM_STEP.items()
                     if step in withheld and answers.get(step))

        def text(key: str) -> str:
            value = answers.get(key)
            if key in withheld and value:
                return "what happened" if key == "recognise_what" else ""
            return str(value).strip().rstrip(".!? ") if value else ""

        return cls(context=context, other=text("recognise_who"),
                   situation=text("recognise_what"),
                   my_part=text("responsibility_part"), regret=text("responsibility_regret"),
                   feeling=text("vulnerability_beneath"), need=text("vulnerability_needs"),
                   request=text("responsibility_know"), commitment=text("rebuild_commitment"),
                   withheld=left)


# The steps whose answers the composer quotes, with how the coach names each to the person.
_FROM_STEP: Final = {"recognise_what": "what happened", "responsibility_part": "what you did",
                     "responsibility_regret": "what you regret",
                     "responsibility_know": "what you asked of them",
                     "vulnerability_beneath": "what you feel",
                     "vulnerability_needs": "what you need",
                     "rebuild_commitment": "what you will do differently"}


def withheld_note(parts: DraftParts) -> str:
    """The one line the coach says where a draft is shown that leaves out answers kept through
    the risk check; ``""`` when it leaves out none.

    >>> withheld_note(DraftParts(withheld=("what happened",)))[:45]
    'I left out what you told me about what happen'
    """
    if not parts.withheld:
        return ""
    names = " and ".join(parts.withheld)
    return (f"I left out what you told me about {names}, because that is what I checked with "
            "you. If you want them to know, add what you choose, in your own words.")


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
# "Sam said ...", "Mum shouted ...", "... and I blamed him": sentences, not topics.
_SENTENCE_HINT: Final = re.compile(
    r"^(?!(?:what|how|when|why|where|the|a|an|my|our|your|his|her|their|this|that)\b)"
    r"(?-i:[A-Z])[\w']*\s+(?:\w+ed|said|told|was|got|went|left|forgot|did|didn't|made|took|came"
    r"|had|wouldn't|couldn't|won't|isn't|wasn't|thinks|thought|felt|says|wants)\b"
    r"|\b(?:and|but|so|then) (?:i|we|he|she|they)\b", _I)
# A topic with a verb after a noun ("my boss criticised me"), a clause after a comma ("At the
# party, you laughed at me") or a leading "when ..." is a sentence, not a topic: told as it is.
# A pronoun's verb is not counted: "the comment I made" is still a topic.
_VERB: Final = (r"(?:said|told|was|were|got|went|left|forgot|did|didn't|made|took|came|had|"
                r"wouldn't|couldn't|won't|isn't|wasn't|thinks|thought|felt|says|wants|is|are|"
                r"kept|lost|sent|spent|broke|gave|bought|brought|caught|threw|wrote|ran|hung|"
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
# Words that insult or swear: Mend never writes them into a draft of its own, whoever said them.
_HOSTILE: Final = re.compile(
    r"\b(?:stupid|idiot\w*|moron\w*|dumbass|retard\w*|bitch\w*|bastard\w*|ass|asshole\w*|arse"
    r"|arsehole\w*|dick|dickhead\w*|prick\w*|cunt\w*|twat\w*|shit\w*|bullshit|fuck\w*|crap\w*"
    r"|jerk\w*|loser\w*|worthless|psycho\w*|slut\w*|whore\w*|piss\w*|wanker\w*|screw you"
    r"|(?:dumb|silly|stupid|fat|old|lazy|ugly) (?:cow|pig|cunt|bitch|idiot|git|sod)"
    r"|go to hell|drop dead|get lost|piece of \w+|shut (?:up|(?:[\w']+ ){0,2}(?:mouth|face|trap)))\b",
    _I)
# The parts a draft leaves out when they insult, with how the coach names them.
# (What you did and regret may name an insult: "I'm sorry I called you a cow" owns it.)
_SCREENED: Final = {"situation": "what happened", "request": "what you asked of them",
                    "need": "what you need", "their_side": "what they may have felt",
                    "commitment": "what you will do differently",
                    "appreciation": "what you appreciate"}
_HURTFUL_KINDS: Final = frozenset(("hostility", "contempt"))


def _hurtful(text: str) -> bool:
    """Whether an answer insults or swears: a word of ``_HOSTILE``, or hostility or contempt the
    rules find in it ("stop being a dumb cow")."""
    if not text.strip():
        return False
    if _HOSTILE.search(text):
        return True
    turn = analyze_conversation(Conversation.from_turns([("you", text)]), mode="rules").turns[0]
    return any(e.label == "rupture.confrontation" and e.subtype in _HURTFUL_KINDS
               for e in turn.evidence)
# Where a clause ends: a comma, a full stop, a dash between words.
_CLAUSE_END: Final = re.compile(r"\s*(?:[,;:.!?\u2026]+|\s-+\s|\s*[\u2013\u2014]\s*)\s*")


def _words(clause: str) -> list[str]:
    text = clause.replace("\u2019", "'").lower().replace("n/a", "na")
    text = re.sub(r"\b(do|does|did|is|was|ca|wo|have|has)nt\b", r"\1n't", text)
    return re.findall(r"[\w']+", text)


def _is_shrug(clause: str) -> bool:
    """``clause`` is a refusal or a shrug: "not really", "nah nothing", "I don't think so"."""
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
    when that is all it is."""
    if _is_non_answer(text, blame=blame):
        return ""
    while (end := _CLAUSE_END.search(text)) and end.start() > 0 and (
            _is_non_answer(text[:end.start()], blame=blame)):
        text = strip_lead(r"but|and|though|still", text[end.end():])
    return text


def _sentence_case(text: str) -> str:
    """``text`` with a capital at the start of each sentence: "He" made "you" mid-account
    ("We argued. you said ...") starts a sentence still."""
    return re.sub(r"([.!?]\s+)([a-z])", lambda m: m.group(1) + m.group(2).upper(),
                  upper_first(text))


# Events a bare topic can name ("fight", "big argument"): talked about as "the fight".
_EVENT: Final = (r"(?:fight|argument|row|disagreement|quarrel|falling out|comment|remark|joke|text"
                 r"|message|phone call|call|email|meeting|conversation|talk|incident|thing"
                 r"|misunderstanding|dinner|party|trip|date|visit|holiday|birthday|wedding)")


def _situation(situation: str) -> tuple[str, str]:
    """What to talk about, and the person's account as a sentence of its own, if it is one:
    "We argued about the dishes last night" -> ("last night", "We argued about the dishes")."""
    lead = _LEADING_TIME.match(situation)
    rest = lead.group(2) if lead else situation
    wh_topic = re.match(r"^(?:what|how)\b", rest, _I)  # "what you said": a topic as it is
    if not (_SUBJECT.match(rest) or _SENTENCE_HINT.search(rest)
            or (not wh_topic and _CLAUSE.search(rest))):
        # A topic already ("The feedback on the project"); "Christmas dinner" keeps its capital.
        common = re.match(r"^(?:what|how|when|why|where|the|a|an|my|our|your|his|her|their|this"
                          r"|that|last|yesterday|earlier)\b", situation, _I)
        if not common and (re.fullmatch(_EVENT, situation, _I) or re.fullmatch(
                rf"(?-i:[a-z])[\w']*(?: [\w']+)?\s+{_EVENT}", situation, _I)):
            return f"the {lower_first(situation)}", ""  # "fight" -> "the fight"
        return lower_first(situation) if common else situation, ""
    if lead:
        time = lead.group(1)
    elif trail := _TRAILING_TIME.match(situation):
        time, rest = trail.group(2), trail.group(1)
    else:
        return "what happened", upper_first(situation)
    time = re.sub(r"^(?:on |at )", "", time, flags=_I).lower()
    time = re.sub(r"\b\w+day\b", lambda m: m.group().capitalize(), time)
    return time.replace("Yesterday", "yesterday"), upper_first(rest)


def _feeling_and_need(feeling: str, need: str) -> tuple[str, str]:
    word = lower_first(strip_lead(r"i (?:feel|felt|am feeling|was feeling)|i'?m(?: feeling)?"
                               r"|i am(?: feeling)?|i was|feeling", feeling))
    need = lower_first(strip_lead(r"(?:what|all) i need is|i (?:really |just )?(?:need|want|would "
                               r"like|'d like)|i'd like", need))
    if word.lower() in BLAMING_FEELINGS:  # "ignored" says what they did: the feeling beneath
        beneath, implied_need = BLAMING_FEELINGS[word.lower()]
        return beneath, need or implied_need
    return word, need


def _commitment(commitment: str) -> str:
    """What I will do, to follow "I will": "I'll text you" -> "text you"; ``""`` when it is
    about someone else ("you should call me" is not something I will do)."""
    text = strip_lead(r"(?:next time,?\s+)?(?:i will|i'll|i'?m going to|i am going to|"
                  r"i'?m gonna|i promise (?:to|i'll|i will)|i can|i want to|i plan to)",
                  commitment)
    if _SUBJECT.match(text) and not re.match(r"^i\b", text, _I):
        return ""
    return lower_first(strip_lead("i", text))


def _regret(regret: str, my_action: str) -> str:
    """The regret as a sentence, or ``""`` when it adds nothing ("yes", or my part again)."""
    text = strip_lead(r"i regret|that", regret)
    if not text or _is_non_answer(text, blame=True) or (
            strip_lead("i", text).lower() == my_action.lower()):
        return ""
    return f"{upper_first(text)}." if re.match(r"^i\b", text, _I) else f"I regret {text}."


def _request(request: str, other: str = "", *,
             pronouns: frozenset[str] = BOTH) -> tuple[str, str]:
    """Who the request is for and what to ask, fitted to follow "Could you/we" ("don't shout" ->
    "not shout"), or as the person's own sentence when it cannot be (see ``_request_parts``).
    Only the pronouns in ``pronouns`` are said to them: the others may be someone else.
    """
    who, text = _request_parts(request, other, pronouns=pronouns)
    if not who:
        return who, text
    text = re.sub(r"^(?:don't|do not|doesn't|does not)\s+", "not ", text, flags=_I)
    if re.match(r"^(?:i|i'm|i'd|i'll|i've|you|you're|he|she|we|they|it)\b", text, _I):
        statement = address(request.strip().rstrip(".!? "), other, "", pronouns=pronouns)
        return "", upper_first(statement)  # it does not fit "Could you ...?"
    return who, text


def _request_parts(request: str, other: str = "", *,
                   pronouns: frozenset[str] = BOTH) -> tuple[str, str]:
    """Who the request is for ("you" or "we") and what to ask, to follow "Could you/we":
    "Tell me when he needs space" -> ("you", "tell me when you need space"); "Mum to call
    first" (someone else) -> ("we", "ask Mum to call first"). A wish that is not a request ("I
    want Sam to know I care") comes back as a sentence of its own, with ``""`` for who."""
    text = re.sub(r",?\s+please$", "", request.strip().rstrip(".!? "), flags=_I)
    statement = address(text, other, "", pronouns=pronouns)
    if re.match(r"^i (?:want|need|'?d like|would like|wish) (?:you|him|her|them) to know\b",
                statement, _I) or re.match(r"^i(?:'m|'ve|'d|'ll)?\s+(?!(?:like|love|want|need|"
                                           r"prefer|wish|would)\b)", statement, _I):
        return "", upper_first(statement)
    if len(other) > 1 and re.match(rf"^{re.escape(other)}\s+(?:to\s+)?[\w']", text, _I):
        text = "he" + text[len(other):]  # their name: a request to them
        text = re.sub(r"^he\s+to\s+", "", text)
    third = re.match(rf"^({_THIRD_PERSON})\s+(?:to\s+(.+)|(\w+s)\b(.*))$", text, _I)
    if third:
        verb = third.group(2) or base_verb(third.group(3)) + third.group(4)
        return "we", f"ask {third.group(1)} to {verb}"
    if re.match(r"^(?:be|stop|don't|do not|quit)\b", text, _I):  # for them: "Be on time"
        return "you", lower_first(text)
    who = "you" if re.match(r"^please\b", text, _I) else ""
    text = strip_lead(r"please,?|to", text)
    wish = re.match(r"^(?:i'?d|i would|i) (?:like|love|want|need|prefer|wish)(?: it if| that)?\s+"
                    r"(you|him|her|them|us|he|she|they|we)\s+(?:to |would |could )?(.*)$", text, _I)
    subject = re.match(r"^(?:for |that )?(you|him|her|them|us|he|she|they|we)\s+(?:to|could|"
                       r"would|should|can|will|might)\s+(.*)$", text, _I)
    asked = re.match(r"^(?:can|could|would|will) (you|we)\s+(.*)$", text, _I)
    said = re.match(r"^(?:that )?(he|she|you|we)\s+(?:(never|always|just) )?(\w+)(.*)$", text, _I)
    addressed = False  # "Can you let her know": "her" is someone else, not the one addressed
    if match := wish or subject or asked:
        who = "we" if match.group(1).lower() in ("us", "we") else "you"
        text, addressed = match.group(2), match.group(1).lower() == "you"
        between = match.string[match.end(1):match.start(2)].strip()  # "to", "would", or none
        if wish and match.group(1).lower() in ("he", "she") and not between:
            first, _, rest = text.partition(" ")  # "I want that he stops" -> "stop"
            text = f"{base_verb(first)} {rest}".rstrip()
    elif said and said.group(1).lower() in ("he", "she"):  # "she stops reading my texts"
        who, text = "you", base_verb(said.group(3)) + said.group(4)
    elif said:
        who, text = said.group(1).lower(), said.group(3) + said.group(4)
        addressed = who == "you"
    elif re.match(r"^let'?s\s", text, _I):
        who, text = "we", strip_lead("let'?s", text)
    elif _NO_VERB.match(text):  # "more time together": no verb to follow "Could we"
        return "", f"I'd like {lower_first(text)}"
    # A bare verb answers "what would you like them to do?": asked of them, unless it is
    # something two do together ("take a break when it gets heated", "talk it through together").
    who = who or ("we" if _TOGETHER.search(text) and not re.search(
        r"\b(?:me|my|mine|myself|i)\b", text, _I) else "you")
    # Said to them in a "we" request too: "Could we talk it through before you decide?".
    return who, lower_first(to_you(text, pronouns) if not addressed else text)


# A request that starts with one of these has no verb to ask with ("more time together").
_NO_VERB: Final = re.compile(
    r"^(?:more|less|fewer|some|any|a|an|the|my|our|your|his|her|their|no|better|extra|enough"
    r"|quality|time|space|honesty|respect|patience|support|kindness|attention|affection|trust"
    r"|understanding|communication|consistency)\b", _I)
# Something two people do together: asked as "Could we ...?".
_TOGETHER: Final = re.compile(
    r"\b(?:together|each other|one another|both|our)\b|^(?:talk|take (?:a|some) (?:break|breather"
    r"|time[- ]?out|step back|moment)|sit down|discuss|meet|agree|plan|pause|check in|make time"
    r"|work (?:it|things|this|that) out|figure (?:it|things|this|that) out|cool (?:off|down)"
    r"|spend|try again|start again|start over)\b", _I)


def _safe(parts: DraftParts, *texts: str) -> frozenset[str]:
    """The pronouns that can only mean the reader, so can become "you" (``safe_pronouns``)."""
    return safe_pronouns(parts.situation, *texts, other=parts.other, context=parts.context)


def left_out(parts: DraftParts) -> tuple[str, ...]:
    """The answers the draft leaves out because they insult or swear, as the coach names them
    ("what you asked of them"): Mend never puts such words into a draft of its own.

    >>> left_out(DraftParts(situation="the dishes", request="stop being a bitch"))
    ('what you asked of them',)
    """
    return tuple(name for key, name in _SCREENED.items() if _hurtful(getattr(parts, key)))


def _to_reader(text: str, parts: DraftParts) -> str:
    """My own answer said to the reader, as the account of what happened allows (``to_reader``)."""
    return to_reader(text, situation=parts.situation, other=parts.other, context=parts.context)


def _answered(parts: DraftParts) -> DraftParts:
    """``parts`` without the answers that say nothing ("nothing really", "I don't know"), or
    only blame the other person ("nothing, Jo started it"; in the situation that is what
    happened, so it stays there)."""
    hurtful: dict[str, Any] = {key: "" for key in _SCREENED if _hurtful(getattr(parts, key))}
    parts = replace(parts, **hurtful)
    answered: dict[str, Any] = {name: _answer(getattr(parts, name), blame=True) for name in (
        "my_part", "their_side", "feeling", "need", "regret", "request", "commitment",
        "appreciation")}
    return replace(parts, situation=_answer(parts.situation), **answered)


def commitment_sentence(parts: DraftParts) -> str:
    """"Next time, I will ..." from ``parts`` (``""`` without a commitment of mine)."""
    answer = "" if _hurtful(parts.commitment) else _answer(parts.commitment, blame=True)
    commitment = _commitment(_to_reader(answer, parts))
    return f"Next time, I will {commitment}." if commitment else ""


def later_sentences(parts: DraftParts) -> str:
    """What the coach's later steps found (the feeling beneath, the need, what I will do next
    time), as sentences to add to a message the person wrote themselves: ``""`` when there is
    nothing to add. The composer's own draft puts them in its own places.

    >>> later_sentences(DraftParts(feeling="lonely", need="to feel like a team",
    ...                            commitment="I'll stay in the room"))
    'I feel lonely, and I need to feel like a team. Next time, I will stay in the room.'
    """
    parts = _answered(parts)
    feeling, need = _feeling_and_need(_to_reader(parts.feeling, parts), parts.need)
    need = address(need, parts.other, parts.context, pronouns=_safe(parts, need))
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
    hostile_situation = _hurtful(parts.situation)
    parts = _answered(parts)
    if hostile_situation:
        parts = replace(parts, situation="what happened")
    work = parts.context in ("work", "therapist")
    feeling, need = _feeling_and_need(_to_reader(parts.feeling, parts), parts.need)
    need = address(need, parts.other, parts.context, pronouns=_safe(parts, need))
    topic, account = _situation(parts.situation) if parts.situation else ("", "")
    if account:
        account = _sentence_case(address(account, parts.other, parts.context,
                                          pronouns=_safe(parts)))
    elif topic != "what happened" and not re.fullmatch(_TIME, topic, _I):
        topic = address(topic, parts.other, parts.context, pronouns=_safe(parts))
    sentences: list[str] = []
    if topic:
        sentences.append(f"I'd like to come back to {topic}." if work
                         else f"Can we talk about {topic}?")
    if account:
        sentences.append(f"{account}.")
    own = _to_reader(parts.my_part, parts)
    my_part = my_action(own)
    sentences.extend(my_part_sentences(own, work=work))
    if regret := _regret(_to_reader(parts.regret, parts), my_part):
        sentences.append(regret)
    if parts.their_side:
        sentences.append(f"I can see why {lower_first(_to_reader(parts.their_side, parts))}.")
    elif parts.context == "work":
        sentences.append("I hear your concerns and I understand your position.")
    elif parts.context == "therapist":
        sentences.append("I can see why you said it, and I know you want to help.")
    elif hostile_situation or "what happened" in parts.withheld or re.match(
            r"^(?:[^,]*,\s*)?you\b.*\b(?:me|my|myself)\b", account, _I):
        # What they did to me: nothing says they were upset, so no claim that they were.
        sentences.append("I'd like to hear your side too.")
    else:
        sentences.append("I understand why you were upset.")
    if feeling:
        about = f" about {topic}" if topic and len(topic.split()) <= 8 else (
            " about what happened" if topic else "")
        if re.search(r"\b(?:because|since|when|that|about|after|as|at|by|of|with|if)\b", feeling,
                     _I):  # "angry because you lied" says what it is about already
            about = ""
        tail = f", and I need {need}" if need else ""
        sentences.append(f"I feel {feeling}{about}{tail}.")
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
    return " ".join(sentences)
