"""Reading a person's short replies to the coach: yes, no or not sure, asking for help, a name,
the 0-10 arousal rating, a break's length, a no to an offer, asking to skip, and no longer wanting
a repair.

Pure functions over the text, shared by the one-person coach (``driver``), two-person mode
(``pair``) and the web pages. A yes must be plainly English: a reply Mend cannot read is never
taken as "I'm safe"; a no in any language Mend knows one for is a no. At the risk check, where a
no lets the coaching go on, only a clear no is one (``risk_reply``): a hedge, a misspelled "I
don't know" ("i dont no") or a line that answers something else is not.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Final

from mendkit.analysis.language import looks_unreadable
from mendkit.coach.risk_words import may_tell_of_risk

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


# "I don't know" and "not sure", as people type them: "i dont no", "dunno", "idk", "not shure",
# "nt sure" (a misspelled "know" is no no).
UNSURE = re.compile(
    r"\b(?:(?:not|nt|n0t) (?:sure|shure|sur|shur|suer|srue|certain)|unsure|unshure"
    r"|(?:don'?t|dnt|do not) (?:know|kno|knw|knoe|nkow|knwo|no|now)|dunno|duno|dno|idk|idek|idrk"
    r"|ikd|no idea|no clue|not a clue|can'?t tell|who knows)\b")
# Neither yes nor no: asked again (and at the risk check, a "not sure").
MAYBE = re.compile(r"\b(?:maybe|mayb|mabye|maby|mebbe|perhaps|possibly|posibly)\b")
# A reply that hedges ("not really", "kind of", "I guess not", "I don't think so"), as typed too
# ("not rly", "kinda", "prolly not", "i gues not"): at the risk check it is a "not sure", never a
# no. Only at the reply's start, after any "no," or "um": "no, just a bit annoyed" and "no, he
# kind of sulks" are a plain no.
_HEDGE = re.compile(
    r"^(?:(?:um+|uh+|hm+|er+|erm|well|no+|nah+|nope|i mean|honestly|ngl|tbh|tbf|lol|like|so"
    r"|ok|okay)\b[\s,.!…-]*)*"
    r"(?:not (?:really|realy|relly|rly|rlly|reely|realli|exactly|xactly|quite|entirely|totally"
    r"|always|anymore|nemore|that i know)|i gu?ess?|gu?ess? not|i suppose|suppose not"
    r"|i think not|kind of|kinda|kynda|sort of|sorta|maybe|mayb|mabye|perhaps|probably|probly"
    r"|prolly|propably|probs?|possibly|(?:i )?(?:don'?t|dnt) (?:think|thnk|thk) so|i don'?t know"
    r"|idk|dunno|hard to say|it depends|depends|could be|might be|a little|a lil|a litle|lil bit"
    r"|a bit|somewhat|sometimes|somtimes|sometims|sumtimes|smtimes|some times|i hope not"
    r"|hope not)\b")


def hedged(text: str) -> bool:
    """Whether a reply hedges rather than says a plain yes or no: at the risk check such a reply
    is a "not sure".

    >>> hedged("not really"), hedged("not rly"), hedged("no, just annoyed"), hedged("nope")
    (True, True, False, False)
    """
    return bool(_HEDGE.search(_folded(text).strip()))


def _folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold().replace("\u2019", "'")


# A plain yes, and the few English words it may come with ("yes, I'm safe right now", "yeah, we're
# fine"). A yes among any other words is not read as one: in "tengo miedo y él está en casa" ("I'm
# scared and he's at home") the "y" is Spanish for "and", and a reply Mend cannot read must never
# count as "I'm safe". "y" and "ya" count only alone (in Spanish and French they are words too).
_YES_WORDS = frozenset(("yes", "yeah", "yep", "yup", "sure", "ok", "okay", "definitely",
                        "absolutely", "certainly", "course", "indeed", "aye", "yeh", "yh", "yas",
                        "yass", "yus", "yiss"))
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
    "no", "n", "nope", "nah", "naw", "naa", "not", "never", "nay",
    "nein", "non", "nie", "nee", "nej", "não", "nao", "nahi", "nahin", "नहीं", "नही", "нет", "ні",
    "いいえ", "لا", "不", "不是", "没有", "아니요", "아니오", "아니", "hayır", "hayir", "όχι"))


# Words said after a reply for tone, in many Englishes ("yes o", "ya lah", "aye, pal", "no
# sha"): at the end of a reply they change nothing about a yes or a no.
_PARTICLES = frozenset(("o", "oh", "oo", "lah", "la", "leh", "lor", "sha", "jare", "sef", "eh",
                        "mate", "pal", "hen", "bro", "sis", "man", "ken", "innit", "fam"))


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
    while len(words) > 1 and words[-1] in _PARTICLES:
        words = words[:-1]  # "yes o", "ya lah"
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


# At the risk check (``RISK_QUESTION``: "are you thinking of hurting yourself or someone else, or
# is someone hurting or threatening you?") a no lets the coaching go on, so only a clear no is
# one: led by a word of no ("no", "nope", "nah", "noo", "never", a no Mend knows in another
# language), a plain "not at all" or "of course not", a plain "I'm not", or a plain "I'm ok".
_RISK_FILLERS = frozenset(("um", "umm", "uh", "uhh", "hm", "hmm", "er", "erm", "well", "oh", "ah",
                           "honestly", "lol", "haha", "ha", "god", "gosh", "hell", "ok", "okay",
                           "so", "tbh", "ngl", "fr", "like"))
_NO_LEAD = re.compile(r"no+|nope+|nop|nah+|na+h*|naw+|nay|n|never|nae")
# Words after a leading no that make it no clear no: a doubt ("no but sometimes"), or "no" as a
# part of what is said ("no one cares", "no point", "never mind").
_NO_DOUBTS = frozenset((
    "but", "though", "tho", "although", "except", "unless", "sometimes", "somtimes", "maybe",
    "perhaps", "kinda", "sorta", "probably", "prolly", "idk", "dunno", "yet", "anymore",
    "nemore"))
_NOT_A_LEAD = frozenset(("one", "body", "point", "more", "longer", "reason", "hope", "future",
                         "matter", "use", "mind"))
_NOT_NO_PHRASES = ("kind of", "sort of", "a bit of")
# States that a no would deny: "no, I'm not ok" is not "no, I'm fine".
_FINE_STATES = frozenset(("ok", "okay", "fine", "safe", "good", "gud", "alright", "aight", "well",
                          "great", "coping", "sure", "k"))
_NEGATIONS = frozenset(("not", "nt", "never", "dont", "don't", "isn't", "isnt", "aren't", "arent",
                        "ain't", "aint", "doesn't", "doesnt", "didn't", "didnt", "can't", "cant"))
# "I'm ok", "all good", "im fine thanks": a plain statement that all is well, with a subject.
_FINE_SUBJECTS = frozenset(("i'm", "im", "i", "all", "we're", "we", "everything's", "everything",
                            "it's", "its"))
_FINE_VERBS = frozenset(("am", "is", "are"))
_FINE_FILLERS = frozenset(("totally", "really", "just", "now", "right", "thanks", "thank", "you",
                           "thx", "ty", "doing", "feeling", "honestly", "actually", "completely",
                           "perfectly", "pretty", "so", "very", "absolutely", "at", "the", "moment",
                           "tbh", "ngl", "lol", "promise", "here", "and", "of", "course",
                           "definitely"))
# What may follow a plain "I'm not" ("I'm not thinking of that", "im not suicidal").
_AFTER_IM_NOT = frozenset((
    "thinking", "thinkin", "going", "gonna", "planning", "suicidal", "hurting", "harming",
    "in", "danger", "about", "of", "to", "that", "it", "anything", "anyone", "anybody",
    "someone", "myself", "yourself", "himself", "herself", "themselves", "them", "him", "her",
    "hurt", "harm", "kill", "do", "doing", "any", "like", "at", "all", "no", "worried", "being",
    "threatened", "threatening", "by", "lol", "tbh", "honestly", "a", "threat", "risk"))
# Ways to say no that say nothing more ("not at all", "of course not"): only with words that add
# nothing after them ("not at all, I'm fine"; not "not me, he is the one").
_CLEAR_PHRASES = (("not", "at", "all"), ("not", "me"), ("of", "course", "not"),
                  ("definitely", "not"), ("absolutely", "not"), ("certainly", "not"),
                  ("def", "not"), ("defo", "not"), ("nothing", "like", "that"), ("none",),
                  ("nothing",), ("no", "way"))
_YESSES = re.compile(r"y+e+s+|y+e+a+h*|y+e+p+|y+u+p+|y+a+h*|y+e+h*|yh|ys|yas+|yus|sure|aye+")


def risk_reply(text: str) -> str | None:
    """The answer to the risk check (``RISK_QUESTION``): ``"no"`` only for a clear no ("no",
    "nope", "no, I'm safe", "nah im good", "I'm ok", "not at all"), ``"yes"`` for a yes (however
    it is typed: "ya", "yh"), ``"not sure"`` for a doubt ("not sure", "i dont no", "not rly",
    "kinda", "maybe", "no but sometimes"), else None: a line that is no answer to the question
    ("u never care", a pasted chat, "I'm not ok") is asked again, never taken as a no. A doubt
    counts as the answer only when said as one (first, in a short reply, or after a yes or a
    no): a request typed at this question ("Could you tell me if you're upset? I can't tell what
    it means") is asked again, never taken as "not sure".

    >>> [risk_reply(t) for t in ("no im ok", "i dont no", "not rly", "u never care", "yh")]
    ['no', 'not sure', 'not sure', None, 'yes']
    """
    low = _folded(text).strip()
    if _doubts(low):
        # A doubt is the careful answer, "not sure", when it is said as the answer: in the reply's
        # first sentence, in a short reply, or after a yes or a no ("no... idk tho"). Said only
        # inside a longer line about something else ("Could you tell me if you're upset? I
        # can't tell what it means", a request typed at the wrong question) it is no answer.
        lead = _SENTENCE_END.split(low, maxsplit=1)[0]
        if (_REQUEST.match(low) and len(_words(low)) > _SHORT_REQUEST
                and not _ABOUT_SAFETY.search(low) and not may_tell_of_risk(low)):
            return None  # "Could you maybe text me first?": a request to them, not an answer
        if _doubts(lead) or len(_words(low)) <= _SHORT_REPLY or _says_yes_or_no(lead):
            return "not sure"
        return None
    if sum(1 for line in low.splitlines() if line.strip()) > 1:
        return None  # a pasted chat, or more than an answer
    words = _words(low)
    while words and words[0] in _RISK_FILLERS and len(words) > 1:
        words = words[1:]
    if not words:
        return None
    yes = any(_YESSES.fullmatch(w) for w in words)
    if _clear_no(words) and not yes:
        return "no"
    if not yes and any(w in _NO_WORDS for w in words) and (
            set(words) & _NO_DOUBTS or _phrase_in(words, _NOT_NO_PHRASES)):
        return "not sure"  # "no but sometimes", "nope, not yet", "no, kind of"
    if _fine_state_denied(words) or any(w in _NO_WORDS for w in words):
        return None  # "I'm not ok", "no and yes", "u never care": no clear answer
    if _YESSES.fullmatch(words[0]):
        return "yes"
    answer = yes_or_no(text)
    return answer if answer in ("yes", "not sure") else None


# The end of a reply's first sentence (or line), and the most words a reply can have for a doubt
# anywhere in it to be the answer ("honestly i dont know, sometimes").
_SENTENCE_END: Final = re.compile(r"(?<=[.!?])\s+|\n")
_SHORT_REPLY: Final = 8
_SHORT_REQUEST: Final = 4  # "please, idk" is an answer
# A request to the other person ("could you", "please", "I'd like you to"), and words that make a
# reply about safety all the same ("could you help me, I'm not sure I'm safe").
_REQUEST: Final = re.compile(
    r"(?:(?:could|can|would|will|won'?t) you|please|pls|i'?d like (?:it if )?you|i (?:want|need)"
    r" you|next time(?:,)? (?:could|can|would|please)?)\b")
_ABOUT_SAFETY: Final = re.compile(r"\b(?:safe\w*|help|hurt\w*|harm\w*|danger\w*|scared|afraid"
                                  r"|myself|threat\w*)\b")


def _doubts(low: str) -> bool:
    """Whether folded text says "not sure" in any words: a doubt, a maybe, or a hedge."""
    return bool(UNSURE.search(low) or MAYBE.search(low) or hedged(low))


def _says_yes_or_no(low: str) -> bool:
    """Whether folded text has a word of yes or no in it ("no", "nah", "nope", "yeah", "ya")."""
    return any(w in _NO_WORDS or _NO_LEAD.fullmatch(w) or _YESSES.fullmatch(w)
               for w in _words(low))


def _clear_no(words: list[str]) -> bool:
    """Whether ``words`` (folded, without leading fillers) say a clear no to the risk check."""
    if _phrase_in(words, _NOT_NO_PHRASES) or _fine_state_denied(words):
        return False
    for phrase in _CLEAR_PHRASES:
        if tuple(words[:len(phrase)]) == phrase:
            return all(_adds_nothing(w) for w in words[len(phrase):])
    if _NO_LEAD.fullmatch(words[0]) or (words[0] in _NO_WORDS and words[0] not in ("not", "n")):
        rest = words[1:]
        return not (rest and rest[0] in _NOT_A_LEAD) and not set(rest) & _NO_DOUBTS
    subject = 2 if words[:2] == ["i", "am"] else 1
    if words[0] in ("i'm", "im", "i") and words[subject:subject + 1] == ["not"]:
        return all(w in _AFTER_IM_NOT or _adds_nothing(w) for w in words[subject + 1:])
    return (words[0] in _FINE_SUBJECTS and any(w in _FINE_STATES for w in words)
            and all(_adds_nothing(w) for w in words))


def _adds_nothing(word: str) -> bool:
    """Whether ``word`` says no more than that all is well ("I'm", "fine", "thanks", "no")."""
    return (word in _FINE_SUBJECTS or word in _FINE_VERBS or word in _FINE_STATES
            or word in _FINE_FILLERS or bool(_NO_LEAD.fullmatch(word)))


def _fine_state_denied(words: list[str]) -> bool:
    """Whether a state of being fine is denied: "not ok", "im not safe", "don't feel safe"."""
    return any(w in _FINE_STATES and any(n in _NEGATIONS for n in words[max(0, i - 2):i])
               for i, w in enumerate(words))


def _phrase_in(words: list[str], phrases: tuple[str, ...]) -> bool:
    joined = f" {' '.join(words)} "
    return any(f" {phrase} " in joined for phrase in phrases)


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


# Feeling numb or far away, at the arousal question: grounding first.
_NUMB = re.compile(r"\b(numb|far away|unreal|foggy|blank|not here|floating|spaced)\b", re.I)
# Just before a word of ``_NUMB``: it is denied ("not numb just angry", "I don't feel numb") or
# said to be easing ("I am less far away now", "not as numb").
_NOT_NUMB = re.compile(r"(?:\bnot|n't|\bnever|\bno longer|\bnor|\bless|\bnot as)\s+(?:\w+\s+)?$",
                       re.I)
# Being flooded, said without a number: panic, a racing heart, shaking, not able to breathe or
# think straight ("my heart is pounding and I'm shaking").
_FLOODED = re.compile(
    r"\b(?:flooded|panic\w*|overwhelm\w*|(?:heart|pulse)(?: is| was|'s)? (?:racing|pounding"
    r"|thumping|hammering)|racing heart|pounding heart|shaking|shaky|trembl\w*|hyperventilat\w*"
    r"|can'?t (?:breathe|think straight|calm down|stop shaking|stop crying)|about to explode"
    r"|seeing red|boiling)\b", re.IGNORECASE)

# Units after a number that make it no arousal rating: a duration, a time of day, a count.
_NOT_A_RATING = re.compile(
    r"\s*(?:%|(?:x|secs?|seconds?|mins?|minutes?|hours?|hrs?|h|days?|weeks?|wks?|months?|years?"
    r"|yrs?|times|am|pm|o'?clock|ago)\b)", re.IGNORECASE)
_OUT_OF_TEN = re.compile(r"\s*(?:/|out of|of)\s*10\b", re.IGNORECASE)
_SCALE_TOP = re.compile(r"(?:/|\bout of|\bof)\s*$", re.IGNORECASE)
# A number given as the rating in so many words: "at a 9", "im a 7", "now 4", "level 6".
_RATING_BEFORE = re.compile(r"(?:\bat|\ba|\ban|\bnow|\blevel|\bscore|\brating)\s+(?:an?\s+)?$",
                            re.IGNORECASE)
_NUMBERS = re.compile(r"(?<![\w.])(\d+)(?:\.\d+)?(?!\w)")
# A count of things after a number: "3 drinks in", "2 beers", "4 glasses of wine" (a plural, not
# "is", "was", "this"): the number opening the answer is then no rating.
_COUNT_OF = re.compile(
    r"\s+(?!(?:is|was|has|as|this|its|his|yes|plus|less|us|thus|always|tops)\b)"
    r"(?:[a-z]+(?<!ss)(?<!ous)(?<!is)(?<!us)s|drink|beer|glass|shot|pint|coffee|cigarette"
    r"|spliff|joint|kid|child|bottle|can)\b", re.IGNORECASE)


def arousal(text: str) -> int | None:
    """The 0-10 rating in an answer to the arousal question, or None. The number given as the
    rating: out of ten ("9/10", "9 out of 10"; over the top, "12/10", is 10), the number the
    answer starts with ("8 i punched the wall"; a page puts its slider's level first) unless it
    counts things ("3 drinks in"), one said as a rating ("at a 9", "im a 7", "now 4": the last
    of them), else the last number from 0 to 10. A duration, a time or a count is none: "its
    been 2 hours and im still at a 9" is 9, "10 minutes ago he yelled, im at 8" is 8, "3 drinks
    in and im at a 7" is 7.

    >>> arousal("its been 2 hours and im still at a 9"), arousal("12/10"), arousal("11")
    (9, 10, None)
    """
    out_of_ten: list[int] = []
    rated: list[int] = []
    said: list[int] = []
    leading: int | None = None
    for found in _NUMBERS.finditer(text):
        before, end = text[:found.start()], found.end()
        if _NOT_A_RATING.match(text, end) or _SCALE_TOP.search(before):
            continue  # "2 hours", or the 10 of "9/10"
        value = int(found.group(1))
        if _OUT_OF_TEN.match(text, end):
            out_of_ten.append(min(value, 10))
        elif value <= 10:
            if not before.strip() and not _COUNT_OF.match(text, end):
                leading = value
            (rated if _RATING_BEFORE.search(before) else said).append(value)
    if out_of_ten:
        return out_of_ten[0]
    if leading is not None:
        return leading
    if rated:
        return rated[-1]
    return said[-1] if said else None


def numb(text: str) -> bool:
    """Whether an answer says the person feels numb or far away ("not numb just angry" and "less
    far away now" do not).
    """
    return any(not _NOT_NUMB.search(text[:found.start()]) for found in _NUMB.finditer(text))


# What the body feels, or not knowing the number, said at the level question with no number:
# "my chest is tight", "buzzing", "I don't know", "I can't turn it into a number".
_WITHOUT_NUMBER = re.compile(
    r"\b(?:chest|heart|jaw|stomach|tummy|gut|throat|head|hands?|shoulders?|neck|face|skin|legs?"
    r"|muscles?|body|breath\w*|tight\w*|tense|tension|knot\w*|buzz\w*|fizz\w*|tingl\w*|hot"
    r"|cold|sweat\w*|heavy|sick|nause\w*|dizzy|restless|fidget\w*|clench\w*|pressure|ach(?:e|es"
    r"|ing|y)|headache|wired|jittery|on edge|frozen|can'?t sit still|(?:a|the|any|give|put|turn"
    r" it into) (?:a )?number|no idea|hard to say)\b", re.IGNORECASE)


def without_number(text: str) -> bool:
    """Whether an answer to the level question with no number in it still answers it: what the
    body feels ("my chest is tight", "buzzing") or not knowing ("I don't know", "I can't give a
    number"). "fuming" or "an hour ago" does not: the question is explained and asked again.

    >>> without_number("my jaw is tight"), without_number("I don't know"), without_number("fuming")
    (True, True, False)
    """
    low = text.lower().replace("\u2019", "'")
    return bool(UNSURE.search(low) or _WITHOUT_NUMBER.search(low))


def flooded(text: str) -> bool:
    """Whether an answer with no number says the person is flooded: panic, a racing heart,
    shaking ("my heart is racing", "I can't think straight"). A tight chest or "buzzing" is
    tension, not flooding.

    >>> flooded("my heart is pounding and I'm shaking"), flooded("my chest is tight")
    (True, False)
    """
    return bool(_FLOODED.search(text.replace("\u2019", "'")))


_WORD_AMOUNTS: dict[str, float] = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "half an": 0.5, "half a": 0.5, "half": 0.5}
_SPAN = re.compile(
    r"(?<![\w.])(\d+(?:\.\d+)?|half(?: an?)?|an?|one|two|three|four|five|six|seven|eight|nine"
    r"|ten)"
    r"\s*(hours?|hrs?|h|minutes?|mins?|m)\b(\s+and a half)?", re.IGNORECASE)


def said_length(text: str) -> int | None:
    """The length of a break in minutes when ``text`` says one with its unit ("an hour", "45
    mins"), else None: a bare number ("9") may be a time.

    >>> said_length("I need an hour alone. I'll come back at 9."), said_length("at 9")
    (60, None)
    """
    return break_minutes(text) if _SPAN.search(text) else None


def break_minutes(text: str) -> int | None:
    """The length of a break, in minutes, as people say it: "30", "45 mins", "1 hour", "an hour
    and a half", "2 hrs", "half an hour"; None when the answer gives none.

    >>> break_minutes("an hour and a half"), break_minutes("2 hrs"), break_minutes("no, 30 minutes")
    (90, 120, 30)
    """
    text = re.sub(r"(\d)\s*h\s*(\d{1,2})\b", r"\1 hours \2 minutes", text)  # "1h30"
    spans = list(_SPAN.finditer(text))
    if not spans:
        found = re.search(r"-?\d+", text)
        return int(found.group(0)) if found else None
    total = 0.0
    for span in spans:
        amount = _WORD_AMOUNTS.get(span.group(1).lower()) or float(span.group(1))
        hours = span.group(2).lower().startswith("h")
        total += (amount + (0.5 if span.group(3) else 0)) * (60 if hours else 1)
    return round(total)


# A no to an offer (a break, a breathing exercise), in the words people use.
_DECLINE = re.compile(
    r"\b(?:no|nope|nah|naw|n|not now|not yet|not today|not right now|no thanks?|no thank you"
    r"|skip|pass|whatever|(?:i'?d |i would )?rather not|(?:don'?t|dont|do not) (?:want|need|feel "
    r"like)|not interested|no need|not for me|i'?m (?:good|fine|ok(?:ay)?|alright)|im (?:good"
    r"|fine|ok(?:ay)?)|fuck off|piss off|sod off|leave it|forget it)\b", re.IGNORECASE)


# Turning breathing down by saying what is wrong with it, or asking for something else: "I don't
# like being told to breathe", "breathing makes me more anxious", "can I do something with my
# hands instead?".
_OTHER_WAY = re.compile(
    r"\b(?:(?:don'?t|do not|dont) (?:like|enjoy|do)|hate|can'?t stand|makes? me (?:more |feel "
    r"|even more )?(?:anxious|worse|panic\w*|dizzy|nervous)|(?:doesn'?t|does not|don'?t|never) "
    r"(?:help|work)|not for me|instead|something else|another way|other way|different|with my "
    r"hands)\b", re.IGNORECASE)


def wants_another_way(text: str) -> bool:
    """Whether an answer to the breathing offer turns it down, plainly ("no", "I'd rather not")
    or by saying what is wrong with it or asking for something else ("I don't like being told
    to breathe", "can I do something with my hands instead?"). "Not sure" is not a no.

    >>> wants_another_way("I don't like being told to breathe."), wants_another_way("paced")
    (True, False)
    """
    low = text.lower().replace("\u2019", "'")
    return declines(low) or (yes_or_no(low) != "not sure" and bool(_OTHER_WAY.search(low)))


def declines(text: str, *, later: bool = True) -> bool:
    """Whether an answer turns down the exercise or break offered ("no", "nah", "I'd rather not",
    "fuck off with the breathing"); with ``later``, "later" too (at the breathing offer: at the
    break it is no answer). "Not sure" is not a no.
    """
    low = text.lower().replace("\u2019", "'")
    if yes_or_no(low) == "not sure":
        return False
    return bool(_DECLINE.search(low) or (later and re.search(r"\blater\b", low)))


# A plain no to the offer and nothing else: only such an answer is read in the question's
# context at the gate ("i dont want to breathe" answers "Would you like a breathing exercise?";
# "i dont want to breathe anymore" is no plain no, and goes through the gate as ever).
_PLAIN_REFUSAL = re.compile(
    r"(?:(?:no|nope|nah|naw|n|no thanks?|no thank you|thanks|not now|not right now|not today|pass"
    r"|skip(?: it)?|later|maybe later|whatever|(?:i'?d |i would )?rather not|i'?m (?:good|fine"
    r"|ok(?:ay)?)|im (?:good|fine|ok(?:ay)?)|i (?:don'?t|dont|do not) (?:want|need|feel like)"
    r"(?: (?:to|it|that|one|any))?(?: (?:breathe|breathing|do (?:it|that|this|one|any|the breathing"
    r"|breathing|an exercise|the exercise|a breathing exercise)|(?:a |any |the )?break|(?:an? |the "
    r"|any )?(?:exercise|breathing exercise)))?|fuck off(?: with (?:the|this|your) (?:breathing"
    r"|exercise|break))?)[\s,.!]*)+", re.IGNORECASE)


def plain_refusal(text: str) -> bool:
    """Whether an answer is a plain no to the offer and nothing else (``_PLAIN_REFUSAL``)."""
    return bool(_PLAIN_REFUSAL.fullmatch(text.strip().lower().replace("\u2019", "'")))


_SKIP_ASKED = re.compile(
    r"(?:(?:can|could|may) (?:we|i) (?:please |just )?|let'?s (?:just )?|i(?:'d| would) (?:like|rather)"
    r" (?:to )?|i (?:want|wanna) (?:to )?|please |just )?(?:skip|pass)(?: (?:it|this|that|this one"
    r"|this step|this question|this part))?(?: please| pls)?[\s.!?]*|n/a", re.IGNORECASE)


def asks_to_skip(text: str, *, name: bool = False) -> bool:
    """Whether an answer asks to skip the step ("skip", "skip it", "can we skip this"). Where
    the answer is a ``name`` (who this is about), "Skip" with a capital is taken as the name it
    may be."""
    if name and text.strip()[:1].isupper() and " " not in text.strip():
        return False
    return bool(_SKIP_ASKED.fullmatch(text.strip().replace("\u2019", "'")))


# "forget it", "actually no, never mind", "i don't even want to fix this": said at the start of
# an answer, or in the first person (a description that quotes "forget it" is an answer).
_END: Final = r"(?=\s*(?:[,.;!?…-]|$))"  # the end of a clause
_CHANGED_MIND = re.compile(
    r"^(?:(?:actually|ok(?:ay)?|oh|um+|uh+|no|nah|nope|you know what|honestly|wait|hm+|ugh+|meh)"
    r"[\s,.!…-]*)*(?:forget (?:it|this|about it)|never ?mind|nvm|i give up|i(?:'ve| have)? changed"
    r" my mind|(?:i(?:'m| am|m) done(?: with (?:this|it|trying))?|let'?s (?:just )?(?:stop|not "
    rf"bother)|i (?:want|wanna) (?:to )?stop)(?: (?:this|here|now|it))?{_END})\b"
    r"|\bi (?:don'?t|dont|do not) (?:even |really |actually )?(?:want|wanna)(?: to)? (?:(?:fix"
    r"|repair|mend|work on|patch up) (?:this|it|things|us|anything)\b|sort (?:this|it|things) out"
    rf"|apologi[sz]e(?: to (?:him|her|them))?{_END}|say sorry{_END}|make up(?: with \w+)?{_END})"
    r"|\bi(?:'m| am|m) not (?:going to|gonna) (?:apologi[sz]e|say sorry|fix (?:this|it))\b",
    re.IGNORECASE)


def changes_mind(text: str) -> bool:
    """Whether an answer says the person no longer wants to repair this with the other person."""
    return bool(_CHANGED_MIND.search(text.strip().replace("\u2019", "'")))


# Everything is too loud, too bright or too much: sensory overload, in the words people use ("so
# loud and the lights were hurting my eyes", "I can't handle the noise", "covered my ears"). A
# sound that is only loud for something ("the music was too loud to hear him") is not overload.
_SENSE: Final = (r"(?:noise|noises|sound|sounds|music|lights?|brightness|glare|crowd|voices"
                 r"|people talking|racket|screen)")
_OVERLOAD = re.compile(
    r"\b(?:too (?:loud|noisy|bright)\b(?! (?:to|for) \w)"
    r"|too (?:much noise|many people|many voices|many sounds|much input)"
    r"|(?:sensory )?overload(?:ed)?|overstimulat\w*|over-stimulat\w*|sensory"
    rf"|(?:the )?{_SENSE} (?:in here |here |there )?(?:is|are|was|were|feels|felt|'s) (?:just )?"
    r"(?:too much|unbearable|overwhelming|deafening|blinding|painful|hurting)"
    rf"|(?:unbearable|deafening|overwhelming|blinding) {_SENSE}"
    r"|(?:can'?t|cannot|couldn'?t) (?:stand|handle|take|bear|cope with|block out|shut out)"
    rf" (?:the |all the |this |that |all this )?{_SENSE}"
    r"|(?:hurt|hurting|hurts|hurt) my (?:eyes|ears)|cover(?:ed|ing)? my ears|hands over my ears"
    r"|ears (?:are|were) ringing|(?:can'?t|couldn'?t) hear myself think"
    r"|(?:everything|it all|it) (?:is|was|feels|felt|'s) (?:just )?too much)\b", re.IGNORECASE)


def overloaded(*texts: str) -> bool:
    """Whether any of ``texts`` says everything is too loud or too much (sensory overload).

    >>> overloaded("numb, far away, everything is too loud"), overloaded("numb")
    (True, False)
    """
    return any(_OVERLOAD.search(text) for text in texts)
