"""Whether an answer fits the frame a draft puts it in: a feeling after "I feel", a need after
"I need", an act after "I regret" or "I'm sorry for", something they can do after "Could you",
and no question after "I will always remember".

People answer the question they think was asked, or the one before it: "next Sunday" to "what do
you need?", "I'll confirm every handover by text" to "is there something softer?", "ashamed and
worried that Jack thinks I don't care" to "what do you regret?". Glued into a frame such an answer
makes a broken sentence ("I need next Sunday", "I regret ashamed and ..."). ``misfit`` says why an
answer does not fit its frame (``""`` when it does), so that the composer can say it as a sentence
of its own (``own_sentence``) or leave it out with a note, never glue it. A small set of shapes,
read from the first words: no parser.
"""

from __future__ import annotations

import re
from re import Pattern
from typing import Final

from mendkit.critic import BLAMING_FEELINGS

_I: Final = re.IGNORECASE

# The frames a draft puts an answer in.
FEEL: Final = "I feel"
NEED: Final = "I need"
REGRET: Final = "I regret"
SORRY_FOR: Final = "I'm sorry for"
ASK: Final = "Could you"
REMEMBER: Final = "I will always remember"

# Why an answer does not fit its frame.
TIME: Final = "time"  # only a time: "Sunday", "next Sunday", "tomorrow at 10am"
PROMISE: Final = "promise"  # what I will do: "I'll confirm every handover by text"
QUESTION: Final = "question"  # "Can we talk when I visit your grave?"
FEELING: Final = "feeling"  # "ashamed and worried that Jack thinks I don't care"
THEIR_FEELING: Final = "their_feeling"  # "you felt crowded and scared, I think"
CLAUSE: Final = "clause"  # a sentence of its own: "what I said was unfair"

# Words that name a feeling, as the answer to "what do you feel?" gives them. Not every feeling
# (a word missing here is read as before), only enough to tell a feeling from an act or a wish.
FEELING_WORDS: Final = frozenset((
    "angry", "annoyed", "upset", "sad", "hurt", "frustrated", "tired", "mad", "irritated",
    "disappointed", "anxious", "scared", "afraid", "frightened", "terrified", "lonely", "alone",
    "ashamed", "embarrassed", "guilty", "stressed", "jealous", "envious", "furious", "livid",
    "confused", "exhausted", "overwhelmed", "worried", "nervous", "numb", "sorry", "awful",
    "terrible", "horrible", "miserable", "unhappy", "heartbroken", "devastated", "gutted",
    "crushed", "hopeless", "helpless", "powerless", "insecure", "vulnerable", "lost", "empty",
    "sick", "shaken", "shocked", "humiliated", "resentful", "bitter", "defensive", "deflated",
    "discouraged", "drained", "uneasy", "tense", "panicked", "panicky", "desperate", "trapped",
    "stuck", "torn", "unsure", "guilt", "shame", "grief", "grieving", "fearful", "regretful",
    "remorseful", "crowded", "smothered", "unloved", "unwanted", "unimportant", "small",
    "relieved", "grateful", "thankful", "hopeful", "happy", "calm", "fine", "okay", "ok",
    *BLAMING_FEELINGS))
_DEGREE: Final = (r"(?:(?:so|really|very|quite|pretty|too|still|just|deeply|truly|terribly"
                  r"|a bit|a little|kind of|kinda|sort of|a lot more|more|most|mostly)\s+)*")
# A feeling said first: "ashamed and worried that ...", "so scared that I lost him", "I'm
# embarrassed". (A word after it that starts an act, "hurt you", is no feeling: see below.)
_FEELING_FIRST: Final = re.compile(
    rf"^(?:(?:i'?m|i am|im|i feel|i felt|i was|feeling)\s+)?{_DEGREE}(?P<word>[a-z]+)"
    r"(?=\s*$|\s*[,.;!]|\s+(?:and|or|but|that|about|because|since|when|of|for|to|by|at|with"
    r"|after|as|if|like|i|you|he|she|they|we|it)\b)", _I)
# Feeling words that are also verbs of an act ("hurt you", "upset her"): a feeling only when no
# one is their object.
_ALSO_VERBS: Final = frozenset(("hurt", "upset", "worried", "scared", "frightened", "embarrassed",
                                "humiliated", "crushed", "stuck", "lost", "ignored", "used",
                                "blamed", "judged", "rejected", "dismissed", "controlled",
                                "pressured"))
_OBJECT: Final = re.compile(r"^\s+(?:you|him|her|them|me|us|it|my|your|his|their|our|the)\b", _I)
_DAY: Final = r"(?:mon|tues|wednes|thurs|fri|satur|sun)day"
_CLOCK: Final = r"(?:\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm)?|noon|midnight)"
# Only a time: "Sunday", "next Sunday", "tomorrow at 10am", "by 8pm", "the weekend".
_ONLY_TIME: Final = re.compile(
    rf"^(?:(?:on|at|by|from|until|till|this|next|last|every|each|the|same|coming)\s+)*"
    rf"(?:{_DAY}s?|weekend|week|month|year|tomorrow|tonight|today|yesterday|morning|afternoon"
    rf"|evening|night|{_CLOCK}|(?:jan|febr)uary|march|april|may|june|july|august|september"
    rf"|october|november|december|christmas|easter)"
    rf"(?:\s+(?:morning|afternoon|evening|night|week))?(?:\s*,?\s+(?:at|by|around|about)\s+"
    rf"{_CLOCK})?$", _I)
_PROMISE: Final = re.compile(
    r"^(?:(?:next time|from now on|in future|in the future),?\s+)?(?:i'?ll|ill|i will|i'?m going"
    r" to|i am going to|i'?m gonna|i promise|i won'?t|i will not|i plan to|i'?m planning to)\b",
    _I)
_QUESTION: Final = re.compile(
    r"^(?:(?:and|but|so|please),?\s+)?(?:can|could|would|will|shall|may|do|did|does|are|is"
    r"|were)\s+(?:we|you|u|i|they|he|she|it|there)\b|\?[.!\s]*$", _I)
# Someone else's feeling, said of them: "you felt crowded and scared", "he seemed tired".
_THEIR_FEELING: Final = re.compile(
    r"^(?:(?:i think|maybe|probably|perhaps),?\s+)?(?:you|he|she|they|(?-i:[A-Z])[\w'-]+)\s+"
    r"(?:(?:probably|maybe|must have|might have|may have)\s+)?(?:felt|feel|feels|was|were"
    r"|seemed|seems|looked|got|became)\s+" + _DEGREE + r"(?P<word>[a-z]+)\b", _I)
# A phrase that names a thing, with a verb of its own after it: "what I said about the
# neighbours was unfair", "my tone was harsh". (The verb after "I" is the phrase's own: "what
# I was doing" is still a thing.)
_OWN_VERB: Final = re.compile(
    r"^(?:what|how|the way|the|my|a|an|this|that)\b.*?(?<!\bi)(?<!\bwe)(?<!\byou)(?<!\bhe)"
    r"(?<!\bshe)(?<!\bthey)\s+(?:was|is|were|are|wasn't|isn't|weren't|has been|had been"
    r"|sounded|came out|made you|hurt you)\b", _I)


def feeling_first(text: str) -> bool:
    """Whether ``text`` opens with a feeling of mine ("ashamed and worried that Jack thinks I
    don't care", "scared that I lost him"), not an act ("hurt your feelings").

    >>> feeling_first("scared that I lost him"), feeling_first("hurt you")
    (True, False)
    >>> feeling_first("ashamed and worried"), feeling_first("tired and snapped at you")
    (True, False)
    """
    found = _FEELING_FIRST.match(text.strip())
    if not found or found.group("word").lower() not in FEELING_WORDS:
        return False
    rest = text.strip()[found.end():]
    joined = re.match(rf"^\s*,?\s*(?:and|or)\s+{_DEGREE}([a-z]+)", rest, _I)
    if joined and joined.group(1).lower() not in FEELING_WORDS:
        return False  # "tired and snapped at you": an act follows
    return not (found.group("word").lower() in _ALSO_VERBS and _OBJECT.match(rest))


def misfit(frame: str, answer: str) -> str:
    """Why ``answer`` does not fit after ``frame`` (``FEEL``, ``NEED``, ``REGRET``,
    ``SORRY_FOR``, ``ASK`` or ``REMEMBER``): ``TIME``, ``PROMISE``, ``QUESTION``, ``FEELING``,
    ``THEIR_FEELING`` or ``CLAUSE``; ``""`` when it fits.

    >>> misfit(FEEL, "sunday"), misfit(NEED, "next Sunday"), misfit(FEEL, "hurt and alone")
    ('time', 'time', '')
    >>> misfit(REGRET, "ashamed and worried that Jack thinks I don't care")
    'feeling'
    >>> misfit(SORRY_FOR, "what I said about the neighbours was unfair")
    'clause'
    """
    text = answer.strip().rstrip(".!").strip()
    if not text:
        return ""
    if _ONLY_TIME.match(text):
        return TIME
    if _QUESTION.search(text):
        return QUESTION
    if frame in (FEEL, NEED, ASK, REMEMBER) and _PROMISE.match(text):
        return PROMISE
    if frame in (REGRET, SORRY_FOR, ASK, REMEMBER) and feeling_first(text):
        return FEELING
    if frame in (REGRET, SORRY_FOR) and (found := _THEIR_FEELING.match(text)) and (
            found.group("word").lower() in FEELING_WORDS):
        return THEIR_FEELING
    if frame in (REGRET, SORRY_FOR, REMEMBER) and _OWN_VERB.match(text):
        return CLAUSE
    return ""


def own_sentence(answer: str) -> str:
    """``answer`` as a sentence of its own: a capital, and one mark at the end ("?" kept,
    never "?.").

    >>> own_sentence("you felt crowded and scared, I think"), own_sentence("can we talk?.")
    ('You felt crowded and scared, I think.', 'Can we talk?')
    """
    text = answer.strip().rstrip(" ,;:")
    question = bool(re.search(r"\?[.!\s]*$", text)) or bool(_QUESTION.match(text))
    text = re.sub(r"[.!?\s]+$", "", text)
    if not text:
        return ""
    return f"{text[:1].upper()}{text[1:]}{'?' if question else '.'}"


# An apology of its own inside an answer ("I loved you and I am so sorry I chose work"): no
# apology frame goes before it.
_APOLOGY: Final = re.compile(r"\b(?:sorry|apologi[sz]e|apologies|forgive me|i regret)\b", _I)
# Love or care for them, said of me: no act to apologise for ("I'm sorry that I loved you").
# ("I missed her party", "I cared more about work" are acts, and owned.)
_LOVE: Final = re.compile(
    r"^i (?:(?:really|always|truly|still|just|so|do|did)\s+)*(?:love|loved|miss|missed|adore"
    r"|adored|cherish|cherished|care about|cared about|care for|cared for|(?:am|was) (?:so )?proud"
    r" of)\s+(?:you|him|her|them)(?:\s+(?:so much|so|very much|a lot|dearly|every day|always))*"
    r"\s*(?:$|[,.!;]|\band\b)", _I)


def holds_apology(answer: str) -> bool:
    """Whether ``answer`` says its own apology ("... and I am so sorry I chose work")."""
    return bool(_APOLOGY.search(answer))


def says_love(clause: str) -> bool:
    """Whether ``clause`` says I loved, missed or cared for them: never apologised for.

    >>> says_love("I loved you"), says_love("I didn't say I loved you")
    (True, False)
    """
    return bool(_LOVE.match(clause.strip()))


# "Can we talk when I visit your grave?": to someone who has died, what I will do.
_TALK_ASK: Final = re.compile(r"^(?:(?:and|so|maybe),?\s+)?(?:can|could|shall|will|may)\s+(?:we|i)"
                              r"\s+(?:still\s+)?(?:talk|speak|chat)(?:\s+(?:to|with)\s+you)?\b"
                              r"(?P<rest>[^?]*)$", _I)


def without_asks(text: str, asks: Pattern[str]) -> tuple[str, bool]:
    """``text`` for a letter that asks nothing (to someone who has died): a wish to talk said
    as what I will do, a sentence with another ask for contact (``asks``) left out; and whether
    one was left out.

    >>> without_asks("Can we talk when I visit your grave?", re.compile("call me"))
    ('I will talk to you when I visit your grave.', False)
    """
    said: list[str] = []
    asked = False
    for sentence in (t for t in re.split(r"(?<=[.!?])\s+", text.strip()) if t):
        if talk := _TALK_ASK.match(sentence.rstrip(".!? ")):
            said.append(f"I will talk to you{talk.group('rest')}.")
        elif asks.search(sentence):
            asked = True
        else:
            said.append(sentence)
    return " ".join(said), asked
