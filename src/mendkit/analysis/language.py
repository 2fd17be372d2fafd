"""Whether a text is English enough for Mend to read: its rules and model know English only.

Mend says so instead of guessing, because its silence on a message in another language means
nothing (a crisis in German is not a crisis Mend can see). The check is cheap and errs towards
English, so that English with names, foreign words and texting slang stays readable
("I want to die yaar", "Sorry lah", "Lo siento, mi amor, I was wrong"):

- Letters of scripts other than Latin (Chinese, Japanese, Korean, Arabic, Hebrew, Cyrillic,
  Devanagari, Thai, ...) make a text unreadable when they are at least half of it, or when there
  are enough of them to hold a sentence of their own. A Chinese, Japanese or Korean character
  counts as three letters, since one says about as much as a short English word does.
- Latin-script text is judged only from three words on: it is unreadable when few of its words
  are common English ones *and* a language identifier (``py3langid``, offline, loaded once and
  only when needed) does not call it English.

>>> looks_unreadable("ich will nicht mehr leben")
True
>>> looks_unreadable("I want to die yaar")
False
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from typing import Any, Final

from mendkit._once import once
from mendkit.analysis.text import fold

# What ``mend check`` says about a message it cannot read (and about the message it answers).
CHECK_NOTE: Final = (
    "Mend reads English only, and this message seems to be in another language, so Mend's "
    "labels and score say little here, and it cannot tell whether the message speaks of "
    "danger. If you or "
    "someone else may not be safe, please reach out to someone now: a crisis line, or your "
    "local emergency number.")
CHECK_CONTEXT_NOTE: Final = (
    "Mend reads English only, and the message you are answering seems to be in another "
    "language, so Mend cannot tell whether it speaks of danger. If they or you may not be safe, "
    "please reach out to someone now: a crisis line, or your local emergency number.")
# What the timeline says on a turn it cannot read.
TURN_NOTE: Final = "Mend reads English only: it cannot read this turn, so it gives it no labels."

# What the coach says to an answer it cannot read (see ``looks_unreadable``). Its safety gate
# should treat such an answer as "not sure", never as safe: show the resources, then ask again.
COACH_UNREADABLE_ANSWER: Final = (
    "Mend reads English only, and this answer seems to be in another language, so it cannot "
    "tell what it says, or whether you are safe. If you or someone else may be in danger, "
    "please contact your local emergency number or a crisis line now. If you can, answer "
    "again in English.")

# A weight per letter: a CJK ideograph, kana or hangul syllable carries about a short word.
_WIDE: Final = 3
# Letters of other scripts that make up a sentence of their own, whatever the English around
# them ("أريد أن أموت" is 10; a Chinese name of two or three characters stays under), unless the
# English around them is twice as long: a name in its own script ("Александр Петрович"),
# or a restaurant's, inside an English sentence.
_OTHER_SCRIPT_SENTENCE: Final = 15
_ENGLISH_AROUND: Final = 2
# Fewer letters of another script than this say nothing of a language: the "ツ" of a shrug.
_LEAST_OTHER: Final = 4
_LEAST_WORDS: Final = 3  # fewer different Latin words say too little to judge
_ENGLISH_SHARE: Final = 0.2  # this share of common English words is English enough
# The identifier must call the text another language with some confidence (it spreads its
# guesses thin over slang, names and interjections: "Whoa-whoa-whoa!"), and give English little
# chance. Chosen on English dialogue and comments (1 text in about 10,000 flagged, mostly ones
# partly in another language) and on crisis messages in other languages.
_OTHER_CONFIDENCE: Final = 0.15
_ENGLISH_CHANCE: Final = 0.1

_WORD: Final = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
# Common English words, and the texting forms of some. Words just as common in other Latin-script
# languages are left out ("a", "no", "me", "die", "was", "will", "in", "so", "man", "also").
_ENGLISH: Final = frozenset("""
the to and of you it that is for my your this with have be are not but what just at if
all do we they he she her his him them their our us its it's im i'm i've i'll i'd
don't dont can't cant won't wont didn't didnt isn't isnt doesn't doesnt wasn't aren't
haven't couldn't wouldn't shouldn't you're youre you've you'll that's thats there's
there here where when why how who which would could should can did does had has
been being were from about out up down over then than too very really more most much
some any every one two three first last next again still even also only ever never
always now today tonight yesterday tomorrow time day night week year morning
know think feel felt want wanted need needed like love loved hate get got go going gone
went came make made say said tell told see saw look looked let take took give
gave try tried keep kept mean meant talk talked listen work help hurt sorry please
thanks thank yes yeah yep nope okay ok oh well right good bad sure fine maybe because
something nothing anything everything someone anyone everyone nobody myself yourself
way thing things people person friend mom dad mum home back off into through after
before around away while though these those other another such own same
my mine we you he she it they am on or by as lol lmao omg
idk tbh btw u ur r gonna wanna gotta kinda sorta cuz coz bc pls plz thx ty hey hi
hello bye yo dude bro guys guy gal babe baby honey wow haha hahaha ugh hmm yea wtf
wait minute moment nice safe stay bit little big new old sad happy glad wrong true reply
seen chance damn shit fuck sake
innit bruv mate cheers ain't y'all finna lowkey highkey deadass fam bro sis ngl imo rn af
asap omw brb lmk smh fr tho cos gotcha ya'll mum's
""".split())  # noqa: SIM905 (a list of words reads best as text)


def looks_unreadable(text: str) -> bool:
    """Whether ``text`` is mostly not English (or holds a passage in another script), so that
    Mend's labels and its silence say little about it. Short or empty texts are readable."""
    if not text.isascii():  # full-width and "fancy font" letters are English letters
        text = fold(text)
    latin = other = 0
    for char in "" if text.isascii() else text:  # ASCII letters are all Latin: no need to look
        if not char.isalpha():
            continue
        name = unicodedata.name(char, "")
        if name.startswith("LATIN") or not name:
            latin += 1
        else:
            other += _WIDE if _is_wide(name) else 1
    if other >= _LEAST_OTHER and (other >= latin or (
            other >= _OTHER_SCRIPT_SENTENCE and other * _ENGLISH_AROUND >= latin)):
        return True
    words = _WORD.findall(text)
    if len(words) < _LEAST_WORDS:
        return False
    need, english = _ENGLISH_SHARE * len(words), 0
    for word in words:  # most English texts reach their share in the first few words
        if word == "I" or word.lower() in _ENGLISH:
            english += 1
            if english >= need:
                return False
    if len({w.lower() for w in words}) < _LEAST_WORDS:  # "No no no no." says too little
        return False
    ranked: list[tuple[str, float]] = _identifier().rank(text)
    language, confidence = ranked[0]
    english_chance = next((p for lang, p in ranked if lang == "en"), 0.0)
    return (language != "en" and confidence >= _OTHER_CONFIDENCE
            and english_chance < _ENGLISH_CHANCE)


def unreadable_turns(texts: Sequence[str]) -> tuple[int, ...]:
    """The positions of the texts that ``looks_unreadable``."""
    return tuple(i for i, text in enumerate(texts) if looks_unreadable(text))


def turns_note(turns: Sequence[int]) -> str:
    """What an analysis says when it cannot read ``turns`` (their indices, in order).

    >>> turns_note([0, 2, 3])[:70]
    'Mend reads English only, and turns 0, 2 and 3 seem to be in another la'
    """
    if len(turns) == 1:
        which = f"turn {turns[0]} seems"
    else:
        which = f"turns {', '.join(map(str, turns[:-1]))} and {turns[-1]} seem"
    return (f"Mend reads English only, and {which} to be in another language, so Mend's labels "
            "say little there, and it cannot tell whether they speak of danger. If anyone in this "
            "conversation may not be safe, please reach out to someone now.")


def _is_wide(name: str) -> bool:
    return name.startswith(("CJK", "HIRAGANA", "KATAKANA", "HANGUL"))


@once
def _identifier() -> Any:  # py3langid ships no type hints
    """py3langid's model, loaded once and only for the Latin-script texts that need it (loading
    takes a few seconds)."""
    from py3langid.langid import (  # type: ignore[import-untyped]  # noqa: PLC0415 (slow)
        MODEL_FILE,
        LanguageIdentifier,
    )

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def warm_up() -> None:
    """Load the language identifier now (a server does, so no request waits for it)."""
    _identifier()
