"""How a turn is read before the rules' patterns run: folded (runs of spaces, invisible characters,
long runs of one mark, letters stretched for feeling; and, read again, the fillers and words said
twice of speech), then respelled where it holds textspeak or misspellings; and how a position in
the folded text maps back to the turn as written. Part of the rules layer
(:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

import re
from itertools import pairwise
from operator import eq
from typing import Any, Final

from mendkit.analysis import text as tx
from mendkit.analysis.spelling import Respelling, respell, worth_a_look
from mendkit.analysis.spoken import SPOKEN_WORDS, filler_spans

# Before the patterns run, the normalised turn is folded (``_fold``): what a reader does not see
# goes, so that patterns written with single spaces match what the person meant.
# Invisible format characters (Unicode's Cf) that can sit inside a word: the soft hyphen, the
# zero-width space and joiners, direction marks and embeddings, the byte order mark. The
# zero-width joiner goes only beside a letter or digit: between emoji it makes one picture
# ("👨‍👩‍👧"). The emoji tag characters (a flag's) stay for the same reason.
_INVISIBLE: Final = ("\u00ad\u061c\u180e\u200b\u200c\u202a-\u202e\u2060-\u2064\u2066-\u206f"
                     "\ufeff\ufff9-\ufffb\U0001bca0-\U0001bca3\U0001d173-\U0001d17a\U000e0001")
_ANY_INVISIBLE: Final = re.compile(f"[{_INVISIBLE}\u200d]")


# Runs of whitespace, or of one punctuation mark or symbol, longer than this are cut to it: a
# pattern such as "\s*but ok$" retried at every position of a long run rescans the run each time
# (quadratic: 48,000 dots took half a minute).
_KEPT_RUN: Final = 8


# What folding removes, in the last group each alternative matches: the spaces after a space;
# invisible characters; the rest of a long run of whitespace or of one mark.
_FOLDING: Final = (
    rf" ([ {_INVISIBLE}]+)"
    rf"|((?:[{_INVISIBLE}]|(?<=\w)\u200d|\u200d(?=\w))+)"
    rf"|\s{{{_KEPT_RUN}}}(\s+)"
    rf"|([^\w\s])\4{{{_KEPT_RUN - 1}}}(\4+)"
)


# A letter typed three times or more is stretched for feeling ("sooooorry", "pleaseeee"; English
# has no word with a letter three times in a row): folded to one letter ("so", "please", "die").
# Where that cut any, the turn is read again with two ("sorrrry" is "sorry", "allll" "all",
# "goood" "good"), and with two consonants but one vowel ("soooo sorrrry"); the hits of all
# readings count (``RuleSet.find``). Keys: how many of a stretched vowel, and of a consonant.
_STRETCHING: Final = {
    (1, 1): r"([^\W\d_])(\6\6+)",
    (2, 2): r"([^\W\d_])\6(\6+)",
    (1, 2): r"([aeiouy])(\6\6+)|([^\W\d_])\8(\8+)",
}


# Speech as a transcript writes it: a filler ("um", "uh", "erm", "hmm") before more words, and a
# word or a few said twice ("i i've been", "to to die", "can we um can we"), are read once more
# without them (``RuleSet.find``): "i want to uh die" is "i want to die". Not "uh huh" (a yes),
# "er" after "the"/"an" (the emergency room), nor what is said twice for a reason
# (``_KEPT_TWICE``). "like", "even", "you know" and "i mean" are fillers only in some places
# ("i've been like cutting", not "i feel like"; ``spoken.filler_spans`` finds those), and the
# same reading goes without them there.
_FILLER: Final = r"(?:u+h+m*|u+m+|e+r+m*|h+m+)(?![\w'-])(?!\s+huh\b)"


# Said twice for a reason: grammar ("had had", "that that"), a word of its own ("so so", "there
# there", "bye bye", "ha ha") or stacked to placate ("sorry, sorry", "you're right, you're right",
# "okay okay": rules read the stacking). A word or phrase that ends in one of these stays.
_KEPT_TWICE: Final = frozenset({
    "that", "this", "had", "is", "so", "ha", "hah", "hee", "ho", "heh", "blah", "bla", "yada",
    "there", "now", "well", "bye", "night", "knock", "tut", "chop", "boo",
    "said", "meant", "asked", "told",  # "that's not what I said, I said the red one"
    "sorry", "right", "yes", "yeah", "yep", "ok", "okay", "fine", "alright", "whatever", "please",
})
_WORD: Final = r"[^\W_]++(?:'[^\W_]++)?+"  # possessive: a word never gives back letters
_SPOKEN: Final = (
    # a word or phrase said again, perhaps with a filler between: the first saying goes
    rf"|\b(?<!')(?P<twice>(?P<said>{_WORD}(?:\s{_WORD}){{0,4}})(?:[,-]?\s+{_FILLER})?[,-]?\s+)"
    rf"(?=(?P=said)(?:'[^\W_]+)?(?![\w']))"
    # a filler after a word, with its commas ("to, uh, die"): from the space (or comma) before it
    rf"|(?P<filler>,?\s(?=[ueh])(?<!\bthe\s)(?<!\ban\s){_FILLER},?)(?=\s+[^\W_])"
    # a filler that starts the turn: with the space after it
    rf"|(?=[ueh])(?<![^\W_]|[\s',])(?P<opening>{_FILLER},?\s+)(?=[^\W_])"
)
# A cheap test first, on the tokens of the turn as first read (where "ummm" is "um"): most turns
# hold no filler and no word or words twice in a row ("i i", "i've been i've been"), and need no
# second reading.
_FILLERS: Final = frozenset({"um", "umm", "uh", "uhh", "uhm", "uhmm", "er", "err", "erm", "hm",
                             "hmm"})


# A stage direction in brackets at the opening or the close of a turn ("[sighs] Okay.", "(shrugs)
# fine", "Fine. [walks off]"): the turn is read once more without it (``RuleSet.find``), so that a
# rule for the words said ("Okay." alone) still reads them. A stage direction is a few words with no
# "I" or "you" in them (words in brackets such as "(I mean it)" are said). Not one that warms or
# lightens what is said ("(laughs)", "[hugs him]", "(smiles)", "[nods]", "(softly)", "(crying)"),
# nor one that makes it a jab ("[rolls eyes] fine"): "(laughs) fine" may be a joke, "[hugs him]
# okay" is no bare "okay", "[rolls eyes] fine. happy?" is contempt.
_DIRECTION: Final = (r"[\[(](?![^\])]*\b(?:i|i'm|i've|me|my|you|your|you're|we|us|our)\b)"
                     r"[^\[\]()\n]{1,80}[\])]")
_EDGE_DIRECTIONS: Final = re.compile(
    rf"^\s*(?:{_DIRECTION}[\s,:.-]*)+|(?<=[\w.!?,…~*'\"])[\s,:-]*(?:{_DIRECTION}[\s.!]*)+$")
_WARMS: Final = re.compile(
    r"laugh|chuckl|giggl|smil|grin|wink|hug|kiss|cuddl|nod|joking|kidding|\bjk\b|teas|squeez"
    r"|hold|holds|reach|soft|gentl|warm|tender|cry|cries|crying|sob|tear|\blol\b|\blmao\b"
    r"|\broll|smirk|glar|sneer|mock|scoff|snort|sarcastic")


def stage_directions(norm: str) -> list[tuple[int, int]]:
    """The spans of ``norm`` (a turn in lower case) that hold stage directions at its opening or
    close, with the spaces and marks between them and the words, unless one of them warms or
    lightens what is said (``_WARMS``). Empty when there are none (most turns), or when the
    turn is nothing else.

    >>> text = "[sighs] okay."
    >>> [text[s:e] for s, e in stage_directions(text)]
    ['[sighs] ']
    """
    if not norm or not ("[" in norm or "(" in norm):
        return []
    spans = [m.span() for m in _EDGE_DIRECTIONS.finditer(norm) if m.end() > m.start()]
    if not spans or any(_WARMS.search(norm, s, e) for s, e in spans):
        return []
    if sum(e - s for s, e in spans) >= len(norm.strip()):
        return []
    return spans


def _bigrams(toks: list[str]) -> set[str]:
    """The turn's tokens side by side, as the index keys them (``bigram(a, b)``)."""
    return set(map(" ".join, pairwise(toks)))


def _maybe_spoken(toks: list[str], bigrams: set[str]) -> bool:
    """Whether the turn may hold a filler or words said twice in a row (``_SPOKEN``)."""
    if (not _FILLERS.isdisjoint(toks) or not SPOKEN_WORDS.isdisjoint(toks)
            or any(map(eq, toks, toks[1:]))):
        return True  # "uh", "like", "to to"
    if len(bigrams) == len(toks) - 1:
        return False  # no two tokens side by side come twice: no words said twice
    # n tokens said again right after them: "i've been i've been" ("i", "ve", "been", "i", ...)
    return any(b"\1" * n in bytes(map(eq, toks, toks[n:])) for n in range(2, 9))


# A word shaped as a filler, wherever it stands (each filler ``_SPOKEN`` cuts is one).
_FILLER_SHAPED: Final = re.compile(rf"(?<![^\W_]){_FILLER}")
_LONGEST_SAID: Final = 10  # tokens in a phrase ``_SPOKEN`` cuts when said twice: 5 words, 2 each


def _reads_the_same_spoken(norm: str, toks: list[str], bigrams: set[str]) -> bool:
    """Whether ``norm`` (a turn that folding leaves as it is; ``toks`` and ``bigrams`` its
    tokens and those side by side) reads the same without the fillers and words said twice of
    speech, shown cheaply: no word shaped as a filler, no tokens said again right after
    themselves, and nothing ``spoken.filler_spans`` cuts. Most turns that hold "like", "even",
    "know" or "mean" (``_maybe_spoken``) then need no second reading, nor the fold that would
    find it the same (a third of the turns of the web benchmark, 7 December 2026)."""
    if _FILLER_SHAPED.search(norm) is not None or any(map(eq, toks, toks[1:])):
        return False
    if len(bigrams) != len(toks) - 1 and any(
            b"\1" * n in bytes(map(eq, toks, toks[n:])) for n in range(2, _LONGEST_SAID + 1)):
        return False
    return not filler_spans(norm)


_FOLD: Final = {
    (letters, spoken): re.compile(rf"{_FOLDING}|{stretch}{_SPOKEN if spoken else ''}")
    for letters, stretch in _STRETCHING.items() for spoken in (False, True)
}
_REREADINGS: Final = ((2, 2), (1, 2))
_STRETCHED: Final = re.compile(r"([^\W\d_])\1\1")
# A cheap test first: most turns pass.
_NON_WORDS: Final = re.compile(rf"\W{{{_KEPT_RUN + 1}}}|([^\W\d_])\1\1")


def _fold(
    norm: str, letters: tuple[int, int] = (1, 1), *, spoken: bool = False,
    also: list[tuple[int, int]] | None = None,
) -> tuple[str, tuple[list[int], list[int]] | None]:
    """``norm`` as the patterns read it: each run of spaces one space, the invisible characters
    gone, each long run cut to its first ``_KEPT_RUN`` characters and each letter stretched three
    times or more cut to ``letters`` (of a vowel, of a consonant) (``_FOLD``); ``spoken``: the
    fillers and words said twice gone too (``_SPOKEN``); ``also``: these spans of ``norm`` gone
    too (``stage_directions``). With the cuts (None if none): where each
    lies in the folded text, and how many characters were removed up to it."""
    if (not spoken and not also and "  " not in norm
            and (norm.isascii() or _ANY_INVISIBLE.search(norm) is None)
            and _NON_WORDS.search(norm) is None):
        return norm, None  # most turns: single spaces, nothing invisible, no long runs
    spans = [m.span(m.lastindex or 0) for m in _FOLD[letters, spoken].finditer(norm)
             if not (m.lastgroup == "twice" and m["said"].rpartition(" ")[2] in _KEPT_TWICE)]
    if spoken and (fillers := filler_spans(norm)):
        spans = _joined(spans, fillers)
    if also:
        spans = _joined(spans, also)
    if not spans:
        return norm, None
    parts: list[str] = []
    where: list[int] = []
    removed: list[int] = []
    last = total = 0
    for cut, resume in spans:
        parts.append(norm[last:cut])
        where.append(cut - total)
        total += resume - cut
        removed.append(total)
        last = resume
    parts.append(norm[last:])
    return "".join(parts), (where, removed)


def _joined(spans: list[tuple[int, int]], more: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """The cuts ``spans`` and ``more`` together, in order, those that overlap or touch as one."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans + more):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def _spells(patterns: str, word: str) -> bool:
    """Whether ``patterns`` (their source) hold ``word`` as a word of its own: at a boundary,
    or after an escape such as ``\\b`` ("\\bu\\b", "(?:you|u)")."""
    at = patterns.find(word)
    while at >= 0:
        end = at + len(word)
        after = patterns[end:end + 1]
        before = patterns[max(0, at - 2):at]
        at_boundary = not before[-1:].isalnum() and before[-1:] not in ("_", "\\")
        after_escape = before[:1] == "\\" and before[-1:].isalpha()
        if not (after.isalnum() or after == "_") and (at_boundary or after_escape):
            return True
        at = patterns.find(word, at + 1)
    return False


def _respelt(folded: str, toks: list[str], bigrams: set[str]) -> Respelling | None:
    """``folded`` with textspeak, misspellings and dialect spellings as the rules spell them
    (``spelling.respell``), or None when it holds none (most turns: a set test)."""
    return respell(folded) if worth_a_look(toks, bigrams) else None


def _read(lowered: str) -> str:
    """``lowered`` as the patterns read it: folded, then respelled."""
    folded = _fold(lowered)[0]
    toks = tx.tokens(folded)
    respelt = _respelt(folded, toks, _bigrams(toks))
    return folded if respelt is None else respelt.text


def _uncut(cuts: tuple[list[int], list[int]], position: int, side: Any) -> int:
    """A position in the cut text, in the original. A span's start at a cut lies after the
    removed characters (``bisect_right``); an end there lies before them (``bisect_left``)."""
    where, removed = cuts
    k = side(where, position)
    return position + (removed[k - 1] if k else 0)
