"""Reading a person's short replies to the coach: yes, no or not sure, and asking for help.

Pure functions over the text, shared by the one-person coach (``driver``), two-person mode
(``pair``) and the web pages. A yes must be plainly English: a reply Mend cannot read is never
taken as "I'm safe"; a no in any language Mend knows one for is a no.
"""

from __future__ import annotations

import re
import unicodedata

from mendkit.analysis.language import looks_unreadable

# "Help" at any question shows the resources: in English, and in the languages the crisis
# rules know (Spanish, French, German, Portuguese, Italian; Chinese and Japanese "救命", Russian).
HELP_WORDS = ("help", "help me", "resources", "?", "sos", "ayuda", "ayúdame", "socorro", "aide",
              "à l'aide", "au secours", "hilfe", "ajuda", "aiuto", "救命", "помогите", "помощь")


_HELP_FILLER = frozenset(("please", "pls", "plz", "i", "need", "want", "now", "me", "some",
                          "right", "urgently", "asap", "someone", "can", "you", "us"))
_HELP_MOST = 5


def is_help(text: str) -> bool:
    """Whether a reply asks for help rather than answering: one of ``HELP_WORDS``, however it is
    cased or punctuated ("Hilfe!", "¡Socorro!"), or "help" with a few words that only ask for it
    ("help please", "I need help now").

    >>> is_help("¡Ayuda!"), is_help("?"), is_help("I need help"), is_help("Sam helped me")
    (True, True, True, False)
    """
    low = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").strip()
    words = _words(low)
    if low == "?" or " ".join(words) in HELP_WORDS:
        return True
    # "help please", "I need help", "help now": "help" and a few words that only ask for it
    # ("help with the dishes" and "Sam helped me" say more, so they are answers).
    return "help" in words and len(words) <= _HELP_MOST and all(
        w == "help" or w in _HELP_FILLER for w in words)


UNSURE = re.compile(r"\b(?:not sure|unsure|don'?t know|do not know|dunno|idk|no idea|"
                     r"can'?t tell|not certain|who knows)\b")
MAYBE = re.compile(r"\b(?:maybe|perhaps|possibly)\b")  # neither yes nor no: asked again
# A reply that hedges ("not really", "kind of", "I guess not", "I don't think so"): at the risk
# check it is a "not sure", never a no. Only at the reply's start, after any "no," or "um":
# "no, just a bit annoyed" and "no, he kind of sulks" are a plain no.
_HEDGE = re.compile(
    r"^(?:(?:um+|uh+|hm+|er+|erm|well|no|nah|nope|i mean|honestly)\b[\s,.!…-]*)*"
    r"(?:not really|not exactly|not quite|not entirely|not totally|not sure|i guess|guess not"
    r"|i suppose|suppose not|i think not|kind of|kinda|sort of|sorta|maybe|perhaps|probably"
    r"|possibly|i don'?t think so|don'?t think so|i don'?t know|idk|dunno|not that i know"
    r"|hard to say|it depends|depends|could be|might be|a little|a bit|somewhat|sometimes"
    r"|not always|not anymore|i hope not)\b")


def hedged(text: str) -> bool:
    """Whether a reply hedges rather than says a plain yes or no: at the risk check such a reply
    is a "not sure".

    >>> hedged("not really"), hedged("I guess not"), hedged("no, just annoyed"), hedged("nope")
    (True, True, False, False)
    """
    low = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'").strip()
    return bool(_HEDGE.search(low))
# A plain yes, and the few English words it may come with ("yes, I'm safe right now", "yeah, we're
# fine"). A yes among any other words is not read as one: in "tengo miedo y él está en casa" ("I'm
# scared and he's at home") the "y" is Spanish for "and", and a reply Mend cannot read must never
# count as "I'm safe". "y" and "ya" count only alone (in Spanish and French they are words too).
_YES_WORDS = frozenset(("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "definitely",
                        "absolutely", "certainly", "course", "indeed"))
_SHORT_YES = frozenset(("y", "ya", "yah", "yea"))
# Words that say yes in a plain reply ("I'm safe", "all fine") but give way to a no ("not safe").
_FINE_WORDS = frozenset(("safe", "fine", "good", "alright", "right"))
_WITH_YES = frozenset((
    "i", "i'm", "im", "am", "we", "we're", "are", "it's", "is", "all", "now", "at", "the",
    "moment", "for", "of", "please", "thanks", "thank", "you", "so", "think", "guess", "totally",
    "completely", "perfectly", "really", "very", "quite", "pretty", "much", "thing", "feel",
    "just", "and", "that's", "sounds", "they", "they're", "he", "she", "he's", "she's", "open",
    "willing", "ready", "go", "on", "let's", "a", "bit"))
# English words that may follow a leading yes ("yes, he is at work", "sure, let's do it"). At the
# safety question every word after the yes must be one of them: a yes next to words Mend does not
# know for English ("yes tengo miedo") is not read as "I'm safe". Words of fear or harm are not
# here, so "yes but I'm scared" is asked again there.
_AFTER_YES = _WITH_YES | _YES_WORDS | _FINE_WORDS | frozenset((
    "he", "she", "they", "it", "is", "was", "has", "have", "had", "left", "gone", "out", "away",
    "asleep", "sleeping", "home", "house", "room", "place", "work", "school", "here", "there",
    "in", "with", "my", "our", "his", "her", "their", "me", "us", "them", "alone", "today",
    "tonight", "right", "now", "okay", "ok", "safe", "calm", "calmer", "fine", "good", "well",
    "by", "myself", "on", "own", "friend's", "friends", "friend", "family", "mum's", "mom's",
    "parents", "do", "does", "did", "to", "can", "can't", "will", "want", "wanna", "would",
    "like", "that", "this", "start", "go", "ahead", "continue", "timer", "break", "back",
    "talk", "talking", "but", "a", "little", "bit", "nervous", "tired", "think", "let's", "it's",
    "i've", "i'll", "we'll", "been", "be", "too", "yet", "again", "let", "us", "more",
    "open", "down", "up", "off", "over", "next", "door", "upstairs", "downstairs", "outside",
    "inside", "car", "office", "shop", "store", "gym", "trip", "town", "anyway", "still"))
# Of those, the words that say nothing about safety itself, for the safety question (not
# "nervous", "tired" or "but": a yes with a doubt is asked again there).
_AFTER_SAFE_YES = _AFTER_YES - frozenset(("but", "nervous", "tired", "yet", "still"))


def _english_after_yes(rest: list[str], raw: str, *, strict: bool) -> bool:
    """Whether ``rest`` (the words after a leading yes) are English enough for the yes to stand:
    every one a word known here at the safety question (``strict``); elsewhere, plain letters,
    a reply Mend can read, and at least half of the words known here."""
    if strict:
        return all(w in _AFTER_SAFE_YES for w in rest)
    known = sum(w in _AFTER_YES for w in rest)
    return raw.isascii() and not looks_unreadable(raw) and 2 * known >= len(rest)


# No, in English and in the languages people most often answer in: read anywhere in the reply,
# so that a doubt leads to the safety path.
_NO_WORDS = frozenset((
    "no", "n", "nope", "nah", "not", "never", "nay",
    "nein", "non", "nie", "nee", "nej", "não", "nao", "nahi", "nahin", "नहीं", "नही", "нет", "ні",
    "いいえ", "لا", "不", "不是", "没有", "아니요", "아니오", "아니", "hayır", "hayir", "όχι"))


def _words(low: str) -> list[str]:
    """The words of ``low`` (folded text) in any script: letters with their marks, and inner
    apostrophes ("nein!" is "nein"; the marks keep "नहीं" whole)."""
    kept = "".join(c if c == "'" or unicodedata.category(c)[0] in "LM" else " " for c in low)
    return [w.strip("'") for w in kept.split() if w.strip("'")]


def yes_or_no(text: str, *, safety: bool = False) -> str | None:
    """``"yes"``, ``"no"`` or ``"not sure"`` for a reply read by whole words ("nope" is no, "not
    sure" is not), or None when it says neither or both ("maybe"). Yes is a plain yes, or an
    English yes that leads English words ("yes, he is at work"): at the ``safety`` question only
    words that say nothing of fear or doubt, elsewhere any reply Mend reads as English ("yes but
    I'm nervous"). A no in any of the languages Mend knows one for is no.

    >>> [yes_or_no(t) for t in ("yeah", "nope", "not sure", "maybe", "nonsense", "nein")]
    ['yes', 'no', 'not sure', None, None, 'no']
    >>> yes_or_no("Yes, I'm safe"), yes_or_no("tengo miedo y él está en casa")
    ('yes', None)
    """
    low = unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")
    if UNSURE.search(low):
        return "not sure"
    if MAYBE.search(low):
        return None
    words = _words(low)
    if any(w in _NO_WORDS for w in words):
        return None if any(w in _YES_WORDS for w in words) else "no"  # "yes and no": neither
    if len(words) == 1 and words[0] in _SHORT_YES:
        return "yes"
    saying = [w for w in words if w in _YES_WORDS or w in _FINE_WORDS]
    if saying and all(w in saying or w in _WITH_YES for w in words):
        return "yes"
    if words and words[0] in _YES_WORDS and _english_after_yes(
            words[1:], unicodedata.normalize("NFKC", text), strict=safety):
        return "yes"
    return None


# Words that join the parts of a name in many languages ("María de la Cruz", "Ibn Sina").
_NAME_PARTICLES = frozenset(
    "al bin bint da das de del della der di do dos du el ibn la le van von y ten ter".split())  # noqa: SIM905
_NAME_WORDS = 4  # "María José de la Cruz" is five words with its particles, four without
_CASELESS_NAME = 12  # letters of a name in a script with no capitals ("محمد علي", "陈伟明")


def reads_as_name(text: str) -> bool:
    """Whether a reply to "Who is this about?" reads as a name (or a word for someone) rather than
    a sentence: a few words, each capitalised where its script has capitals, or a short run of
    letters in a script without them. A sentence in another language ("mi esposo me pega",
    "أريد أن أموت") is not one, so it gets the note that Mend cannot read it.

    >>> [reads_as_name(t) for t in ("Sam", "my mum", "María José", "陈伟明", "Александр")]
    [True, True, True, True, True]
    >>> [reads_as_name(t) for t in ("mi esposo me pega", "tengo miedo y él está en casa")]
    [False, False]
    """
    words = [w for w in re.findall(r"[^\W\d_][\w'\u2019.-]*", text)
             if w.lower() not in _NAME_PARTICLES]
    if not words or len(words) > _NAME_WORDS or re.search(r"[.!?,;:\u3002\uff0c\uff01\uff1f]\s*\S",
                                                         text):
        return False
    cased = [w for w in words if w[0].upper() != w[0].lower()]
    if not cased:  # no capitals in this script: a short run of letters
        return sum(len(w) for w in words) <= _CASELESS_NAME and len(words) <= 2
    english_word = not looks_unreadable(text)  # "my mum", "the kids' teacher"
    return english_word or all(w[0].isupper() for w in cased)
