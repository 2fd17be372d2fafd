"""The composer's sentence builders, one for each part: the account of what happened and what to
talk about, the feeling and the need beneath a blaming word, the regret, what I will do, and the
request fitted to follow "Could you" or "Could we".
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.answer_cleaning import _I, _is_non_answer
from mendkit.coach.draft_address import _address
from mendkit.coach.draft_fit import (
    CLAUSE,
    FEELING,
    PROMISE,
    QUESTION,
    REGRET,
    THEIR_FEELING,
    misfit,
    own_sentence,
)
from mendkit.coach.draft_grammar import _PERSON_WORDS
from mendkit.coach.pronouns import IRREGULAR_PAST, Pronouns, base_verb, reader
from mendkit.coach.verbs import base_of_past
from mendkit.coach.wording import lower_first, strip_lead, strip_lead_in, upper_first
from mendkit.critic import BLAMING_FEELINGS

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


# A hedge at the end of a feeling ("shame I think", "sad, maybe"): no part of the feeling.
_TRAILING_HEDGE: Final = re.compile(r"(?:\s*,?\s+(?:i think|i guess|i suppose|maybe|probably"
                                    r"|perhaps|mostly|really|honestly))+\s*$", _I)


def feeling_sentences(feeling: str) -> tuple[str, tuple[str, ...]]:
    """The feeling to follow "I feel" (its first sentence, without a hedge at its end), and the
    sentences after it, each as a sentence of its own: "shame I think. I made her feel small" ->
    ("shame", ("I made her feel small.",)). Never "I feel shame I think. I made ..., and I need".

    >>> feeling_sentences("shame I think. I made her feel small")
    ('shame', ('I made her feel small.',))
    >>> feeling_sentences("hurt and alone")
    ('hurt and alone', ())
    """
    said = [t for t in re.split(r"(?<=[.!?])\s+", feeling.strip()) if t.strip()]
    if not said:
        return feeling, ()
    first = _TRAILING_HEDGE.sub("", said[0].rstrip(".!? ")).strip() or said[0].rstrip(".!? ")
    return first, tuple(own_sentence(upper_first(t)) for t in said[1:])


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


# A time and nothing else ("Sunday evening", "tomorrow night", "at 7pm", "this weekend"): an
# answer to another question (when to talk, when to be asked how it went), no act of mine to
# follow "I will" (round 18: "From now on, I will sunday evening.").
_DAY: Final = (r"(?:(?:mon|tues|wednes|thurs|fri|satur|sun)day|tonight|tomorrow|today|weekend"
               r"|week|morning|afternoon|evening|night|later|soon|asap|now"
               r"|\d{1,2}(?:[:.]\d\d)?\s*(?:am|pm|o'?clock)?)")
_ONLY_WHEN: Final = re.compile(
    rf"^(?:(?:on|this|next|every|by|at|in the|after|before|maybe|probably|the)\s+)*{_DAY}"
    rf"(?:,?\s+(?:(?:at|in the|or|and|on|this|next)\s+)*{_DAY})*$", _I)


def _commitment(commitment: str) -> str:
    """What I will do, to follow "I will": "I'll text you" -> "text you"; ``""`` when it is
    about someone else ("you should call me" is not something I will do). A "next time" at its
    end goes: the sentence says it first ("Next time, I will text before I hang up")."""
    commitment = (strip_lead_in(commitment) or commitment).strip().rstrip(".!? ")
    text = strip_lead(r"(?:(?:next time|from now on|in future|in the future),?\s+)?(?:i will"
                      r"|i'll|i'?m going to|i am going to|i'?m gonna|i promise (?:to|i'll|i will)"
                      r"|i can|i want to|i plan to)", commitment)
    if (_SUBJECT.match(text) and not re.match(r"^i\b", text, _I)) or _ONLY_WHEN.match(text):
        return ""
    text = re.sub(r"\s*,?\s+(?:next time|from now on|in future|in the future)$", "", text,
                  flags=_I)
    return lower_first(strip_lead("i", text))


# A condition before what is asked or promised: "If calls are a problem, please text me first",
# "If I need to end a call I will say goodbye", "When I go quiet, I'll say 'battery low'". It
# ends at a comma, a "then", or where the ask or the promise starts.
_CONDITION: Final = re.compile(
    r"^(?:(?:and|so|but|also),?\s+)?(?P<word>if|when|whenever|once|as soon as|any time)\s+"
    r"(?P<condition>[^,]+?)(?:\s*,\s*(?:then\s+)?|\s+then\s+|\s+(?=(?:please|could you|can you"
    r"|would you|will you|i will|i'll|i won'?t|i'?m going to|i am going to|i promise|i can"
    r"|i would|i'd"
    r"|just|let'?s)\b))(?P<rest>\S.*)$", _I)


def condition(text: str) -> tuple[str, str]:
    """The condition at the start of ``text`` ("If calls are a problem"), and the rest, the ask
    or the promise ("please text me first"); ``("", text)`` without one.

    >>> condition("If calls are a problem, please text me first")
    ('If calls are a problem', 'please text me first')
    >>> condition("If I need to end a call I will say goodbye")
    ('If I need to end a call', 'I will say goodbye')
    >>> condition("Tell me if you are upset")
    ('', 'Tell me if you are upset')
    """
    found = _CONDITION.match(text.strip())
    if not found:
        return "", text
    word = found.group("word")
    return f"{upper_first(word.lower())} {found.group('condition').strip()}", found.group("rest")


def _regret(regret: str, my_action: str) -> str:
    """The regret as a sentence, or ``""`` when it adds nothing ("yes", or my part again)."""
    text = strip_lead(r"i regret|regret|that", regret)
    if not text or _is_non_answer(text, blame=True) or (
            strip_lead("i", text).lower() == my_action.lower()):
        return ""
    if re.match(r"^(?:i regret |regret )?that i\b", regret.strip(), _I):
        return f"I regret that {text}."  # "that I shouted in front of your mum"
    if re.match(r"^i\b", text, _I):
        return f"{upper_first(text)}."
    why = misfit(REGRET, text)
    if why == FEELING:  # "ashamed and worried that ...": a feeling, said as one
        return f"I feel {lower_first(text)}."
    if why in (THEIR_FEELING, CLAUSE, QUESTION):  # "you felt crowded": no act of mine to regret
        return own_sentence(text)
    return f"I regret {lower_first(text)}."


def fitted(frame: str, text: str) -> tuple[str, str]:
    """``text`` to follow ``frame`` ("I feel", "I need"), and ``""``; or, where it does not fit
    there (a promise, a question: ``draft_fit.misfit``), ``""`` and ``text`` as a sentence of its
    own: never "I feel I'll confirm every handover".

    >>> fitted("I feel", "hurt"), fitted("I feel", "I'll confirm every handover by text")
    (('hurt', ''), ('', "I'll confirm every handover by text."))
    """
    if misfit(frame, text) in (PROMISE, QUESTION):
        return "", own_sentence(text)
    return text, ""


def request_sentences(request: str, other: str = "", *, pronouns: Pronouns | None = None,
                      work: bool = False) -> list[str]:
    """The request as the draft says it: its first sentence asked ("Could you ...?", at work
    "Going forward, I would appreciate it if you could ...", after a condition of its own "If
    calls are a problem, could you text me first?"), or said as the person's own sentence where
    it cannot be asked (``_request``); the sentences after it as they wrote them, to the reader.
    Never "Could you if calls are a problem, please ...?", nor three sentences in one question.

    >>> request_sentences("If calls are a problem, please text me first. I don't like calls")
    ['If calls are a problem, could you text me first?', "I don't like calls."]
    """
    said = [t for t in re.split(r"(?<=[.!?])\s+", request.strip()) if t.strip()] or [request]
    first = said[0].strip().rstrip(".!? ")
    cond, asked = condition(first)
    if cond and not (asked := asked.strip().rstrip(".!? ")):
        cond, asked = "", first
    cond = _said(cond, other, pronouns) if cond else ""
    who, text = _request(asked, other, pronouns=pronouns)
    if not who:
        sentences = [own_sentence(f"{cond}, {lower_first(text)}") if cond else f"{text}."]
    elif work:
        sentences = [f"Going forward, {lower_first(cond)}, I would appreciate it if {who} could "
                     f"{text}." if cond else
                     f"Going forward, I would appreciate it if {who} could {text}."]
    else:
        sentences = [f"{cond}, could {who} {text}?" if cond else f"Could {who} {text}?"]
    return sentences + [own_sentence(upper_first(_said(t, other, pronouns))) for t in said[1:]]


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
    # "please just don't leave me", "nothing but a bit of patience", "all I ask is that you
    # listen": words before an instruction that are no part of it (a bare "nothing" is no
    # request at all: ``draft_screens``).
    text = re.sub(r"^(?:(?:please|just|simply|really|honestly|only|nothing (?:but|except|other "
                  r"than|more than|else but|else except)|all (?:i|i'?d) (?:want|need|ask|like)"
                  r"(?: for)? is),?\s+)+(?=\w)", "", text, flags=_I)
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
