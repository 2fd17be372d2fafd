"""A draft's grammar where the templates and the change to "you" leave it wrong (``tidy``):
a verb that agrees with "you", "your" and "yours" where each belongs.
"""

from __future__ import annotations

import re
from typing import Final

from mendkit.coach.answer_cleaning import _I
from mendkit.coach.pronouns import base_verb

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
    text = re.sub(rf"\b([Mm]y|[Oo]ur) (?:(?:best|old|dear|good) )?{_PERSON_WORDS} (you)\b",
                  lambda m: ("Y" if m.group(1)[0].isupper() else "y") + "ou", text)
    return sentence_case(text)


# The end of a sentence, with a closing quote or bracket after it ("... I was overloaded.' he").
# (Not after an abbreviation with stops in it: "8 p.m. tomorrow", "e.g. this".)
_SENTENCE_START: Final = re.compile(r"((?:^|(?<!\.[a-zA-Z])[.!?])['\"\u2019\u201d)]*\s+|^)([a-z])")


def sentence_case(text: str) -> str:
    """``text`` with a capital at the start of each sentence, as an answer typed in lower case
    ("... voice. that was a bit much") or "he" said as "you" after a quote leaves it.

    >>> sentence_case("I regret it. that was a bit much. I said 'no.' you left at 8 p.m. today.")
    "I regret it. That was a bit much. I said 'no.' You left at 8 p.m. today."
    """
    return _SENTENCE_START.sub(lambda m: m.group(1) + m.group(2).upper(), text)
