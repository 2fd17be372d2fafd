"""A past verb's base form, for a wish asked as a request ("I'd like it if you called first" ->
"Could you call first?").

Deterministic spelling rules over one word (English's regular "-ed" and its common irregular
past forms), no dictionary: a word that is no past form comes back as it is.
"""

from __future__ import annotations

import re
from typing import Final

__all__ = ["base_of_past"]

# Irregular past forms and their base; one that is its own past ("let", "put") needs no entry.
_IRREGULAR: Final = {
    "said": "say", "told": "tell", "was": "be", "were": "be", "got": "get", "went": "go",
    "left": "leave", "forgot": "forget", "did": "do", "made": "make", "took": "take",
    "came": "come", "had": "have", "kept": "keep", "lost": "lose", "sent": "send",
    "spent": "spend", "broke": "break", "gave": "give", "bought": "buy", "brought": "bring",
    "caught": "catch", "threw": "throw", "wrote": "write", "ran": "run", "saw": "see",
    "met": "meet", "heard": "hear", "found": "find", "knew": "know", "began": "begin",
    "drove": "drive", "ate": "eat", "fell": "fall", "fought": "fight", "won": "win",
    "paid": "pay", "slept": "sleep", "stole": "steal", "swore": "swear", "woke": "wake",
    "wore": "wear", "hid": "hide", "chose": "choose", "spoke": "speak", "meant": "mean",
    "sold": "sell", "shook": "shake", "rang": "ring", "sang": "sing", "drank": "drink",
    "flew": "fly", "forgave": "forgive", "froze": "freeze", "held": "hold", "led": "lead",
    "rode": "ride", "stuck": "stick", "taught": "teach", "tore": "tear", "wept": "weep",
    "felt": "feel", "thought": "think", "understood": "understand", "stood": "stand",
    "sat": "sit", "blew": "blow", "withdrew": "withdraw", "lit": "light", "hung": "hang",
    "dug": "dig", "struck": "strike", "swept": "sweep", "bit": "bite", "built": "build",
    "lent": "lend", "sought": "seek", "slid": "slide", "grew": "grow", "drew": "draw",
    "rose": "rise", "shone": "shine", "sped": "speed",
}
# "-eed" words that are a past ("agreed"); the others are no past ("need", "speed").
_EED_PAST: Final = frozenset(("agreed", "freed", "guaranteed", "decreed", "refereed"))
# Stems that keep their double letter ("added", "called", "kissed"), and "-ll" stems of more than
# one syllable that do too ("installed"; "travelled" is "travel").
_KEEP_DOUBLE: Final = re.compile(r"^[aeiou](.)\1$|(?:ll|ss|ff|zz)$")
_ALL_ILL: Final = re.compile(r"(?:all|ill)$")
# Endings of a stem of more than one syllable that lose an "e" before "-ed" ("decided",
# "apologised", "prepared", "ignored", "managed", "communicated", "combined", "scheduled").
_SILENT_E: Final = re.compile(
    r"(?:[cv]|[aeiouy][sz]|[^aeiou]s|[dlr]g|chang|rang|leng|veng|[^aeiou]ag|(?:[^aeiou]|i)at"
    r"|[^aeiou][uo]t|(?:ompl|el|omp)et|[^aeiou][iuo]d|[^aeiou]in|[^aeiou][aiu]r|[^aeiou]ur"
    r"|(?:ign|expl|rest|ad|impl|depl|st|sc|sn|sh|ch)or|[^aeiou][aiou]l|[^aeiou]ib|[^aeiou][uo]m"
    r"|[^aeiou][aiou]k|[^aeiou]ap)$")
# Stems with such an ending that keep no "e" ("focused", "visited").
_NO_E: Final = frozenset(("focus", "bias", "canvas", "gossip", "develop", "worship", "blossom",
                          "budget", "target", "market", "cancel", "travel", "label", "model",
                          "signal", "total", "equal", "pedal", "level", "shovel", "parcel"))


def _syllables(stem: str) -> int:
    return len(re.findall(r"[aeiouy]+", stem[1:] if stem[:1] == "y" else stem))


def base_of_past(word: str) -> str:
    """The base of the past verb ``word``, to follow "Could you": ``word`` as it is when it is
    no past form.

    >>> [base_of_past(w) for w in ("called", "told", "were", "stopped", "tried", "noticed")]
    ['call', 'tell', 'be', 'stop', 'try', 'notice']
    >>> [base_of_past(w) for w in ("listened", "texted", "apologised", "shared", "call", "need")]
    ['listen', 'text', 'apologise', 'share', 'call', 'need']
    """
    low = word.lower()
    if low in _IRREGULAR:
        base = _IRREGULAR[low]
        return base[:1].upper() + base[1:] if word[:1].isupper() else base
    if not low.endswith("ed") or len(low) < 4 or not re.fullmatch(r"[a-z]+", low):
        return word
    if low.endswith("eed"):
        return word[:-1] if low in _EED_PAST else word
    if low.endswith("ied"):  # "tried" -> "try"; "died", "lied" -> "die", "lie"
        return word[:-3] + "y" if len(low) > 4 else word[:-1]
    if low.endswith("ued"):  # "argued" -> "argue"
        return word[:-1]
    stem, base = low[:-2], word[:-2]
    if not _syllables(stem):  # "shed": no past form
        return word
    if re.search(r"([b-df-hj-np-tv-z])\1$", stem):  # a doubled letter: "stopped", "planned"
        if _KEEP_DOUBLE.search(stem) and not (
                stem.endswith("ll") and _syllables(stem) > 1 and not _ALL_ILL.search(stem)):
            return base
        return base[:-1]
    if stem in _NO_E or re.search(r"[wxy]$", stem):
        return base
    one = _syllables(stem) == 1
    if (one and re.search(r"(?:^|[^aeiou])[aeiouy][^aeiouwxy]$", stem)) or _SILENT_E.search(stem):
        return base + "e"  # "hated", "used", "liked", "decided", "prepared"
    return base
