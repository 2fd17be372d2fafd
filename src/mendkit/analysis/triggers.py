"""Trigger words derived from a rule's regular expressions, so the engine tries only likely rules.

For each pattern we compute a set of tokens (``"sorry"``) or token prefixes (``"apologi*"``) such that
any match must contain one of them as a whole token (or a token starting with the prefix). A turn
whose tokens hit none of a rule's triggers cannot match the rule, so the rule is skipped. When no
such set can be proven (a pattern made only of character classes, say), the rule is always tried:
derivation may cost speed, never a match.

Two kinds of key are narrower than a single token: two tokens side by side (``"to me"``, for words
with only separators between them in the pattern) and a turn's first or last word (``"^ok"``,
``"$so"``, for patterns anchored at the turn's start or end). ``turn_keys`` lists a turn's keys.
"""

from __future__ import annotations

import json
import re._constants as sc  # type: ignore[import-not-found]
import re._parser as sp  # type: ignore[import-not-found]
from collections.abc import Iterable, Sequence
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import Any, Final, Protocol

_WORD: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")


def _is_word(ch: str) -> bool:
    """A character that continues a token (see ``text.TOKEN_RE``)."""
    return ch in _WORD or (ord(ch) > 0x7F and ch.isalnum())
_REPEATS: Final = {sc.MAX_REPEAT, sc.MIN_REPEAT, getattr(sc, "POSSESSIVE_REPEAT", sc.MAX_REPEAT)}
_STARTS: Final = {sc.AT_BEGINNING, sc.AT_BEGINNING_STRING, sc.AT_BOUNDARY}

Triggers = frozenset[str]


# Tokens so common that triggering on them saves little: prefer any rarer required word.
_COMMON: Final = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "but", "by", "can", "do", "for", "from", "have",
    "he", "her", "him", "his", "i", "if", "in", "is", "it", "m", "me", "my", "no", "not", "of",
    "on", "or", "re", "s", "she", "so", "t", "that", "the", "them", "they", "this", "to", "u",
    "was", "we", "what", "when", "with", "you", "your",
))


_PREFIX_SHARE: Final = {1: 0.9, 2: 0.3, 3: 0.08, 4: 0.02}


@lru_cache(maxsize=1)
def _shares() -> dict[str, float]:
    """How common each word is (``training/token_shares.py``); empty if the table is missing.

    Read only when triggers are derived (building ``_index.json``, or a stale index)."""
    try:
        raw = (resources.files("mendkit") / "rules" / "_token_shares.json").read_text("utf-8")
        shares: dict[str, float] = json.loads(raw)["shares"]
    except (OSError, ValueError, KeyError):
        return {}
    return shares


_RARE: Final = 0.0005  # below the table's floor
_EDGE_SHARE: Final = 0.3
_BIGRAM_SHARE: Final = 0.2


def _cost(triggers: Triggers) -> float:
    """Roughly the share of turns that would hit one of ``triggers`` (a union bound)."""
    total = 0.0
    for t in sorted(triggers):  # a fixed order: float sums must not depend on hashing
        if " " in t:
            first, second = t.split(" ", 1)
            total += min(_cost(frozenset({first})), _cost(frozenset({second}))) * _BIGRAM_SHARE
            continue
        if t[0] in (FIRST, LAST):
            # a word at one edge of the turn: roughly a third as likely as anywhere in it
            total += _cost(frozenset({t[1:]})) * _EDGE_SHARE
            continue
        if t.endswith("*"):
            stem = t[:-1]
            share = _PREFIX_SHARE.get(len(stem), 0.008)
            share = max(share, 0.4) if stem in _COMMON else share
            total += max(share, sum(v for k, v in _shares().items() if k.startswith(stem)))
        else:
            total += _shares().get(t, 0.3 if t in _COMMON else _RARE)
    return total


def _best(a: Triggers | None, b: Triggers | None) -> Triggers | None:
    if a is None:
        return b
    if b is None:
        return a
    return a if _cost(a) <= _cost(b) else b


_NONWORD_CATEGORIES: Final = {sc.CATEGORY_NOT_WORD, sc.CATEGORY_SPACE}


def _nonword_class(op: Any, av: Any) -> bool:
    """Does this single-character element match only characters that break tokens?"""
    if op is sc.LITERAL:
        ch = chr(av).lower()
        return not _is_word(ch)
    if op is sc.IN:
        for item_op, item_av in av:
            if item_op is sc.LITERAL:
                ch = chr(item_av).lower()
                if _is_word(ch):
                    return False
            elif not (item_op is sc.CATEGORY and item_av in _NONWORD_CATEGORIES):
                return False
        return True
    return False


def _is_break(op: Any, av: Any) -> bool:
    """Does this single element (not a group or repeat: see ``_break_ahead``) start a break?"""
    if op is sc.AT:
        return av is sc.AT_BOUNDARY or av in (sc.AT_END, sc.AT_END_STRING)
    return op in (sc.LITERAL, sc.IN) and _nonword_class(op, av)


def _break_ahead(items: Sequence[tuple[Any, Any]], k: int, tail: bool) -> bool:
    r"""Does what ``items[k:]`` match (followed by what ``tail`` says) begin with a token break?

    Looks past optional parts and into groups: ``me\s*(?:[.!?]|$)`` ends "me" at a break."""
    if k >= len(items):
        return tail
    op, av = items[k]
    rest = items[k + 1:]
    if op in _REPEATS:
        after = _break_ahead(rest, 0, tail)
        inside = _break_ahead(list(av[2]), 0, after)
        return inside and (after or av[0] >= 1)
    if op is sc.SUBPATTERN:
        return _break_ahead([*av[3], *rest], 0, tail)
    if op is sc.BRANCH:
        return all(_break_ahead([*alternative, *rest], 0, tail) for alternative in av[1])
    if op in (sc.ASSERT, sc.ASSERT_NOT):
        return _break_ahead(rest, 0, tail)
    return _is_break(op, av)


def _split_optional_breaks(items: list[tuple[Any, Any]]) -> list[tuple[Any, Any]]:
    """``i'?m`` as ``i(?:'m|m)``: the tokens are "i" then "m", or "im" (not any "i..." word).

    A word, then an optional separator character, then more letters: the letters are moved into
    both alternatives, so each alternative's words are whole. Any other optional part right
    after a letter becomes a choice too (``hips?`` as ``hip(?:s|)``). The regex is unchanged."""
    out: list[tuple[Any, Any]] = []
    k = 0
    while k < len(items):
        op, av = items[k]
        if (op in _REPEATS and av[0] == 0 and av[1] == 1 and len(av[2]) == 1
                and av[2][0][0] is sc.LITERAL and _separator(*av[2][0])
                and out and out[-1][0] is sc.LITERAL and _is_word(chr(out[-1][1]).lower())):
            end = k + 1
            while (end < len(items) and items[end][0] is sc.LITERAL
                   and _is_word(chr(items[end][1]).lower())):
                end += 1
            if end > k + 1:
                letters = list(items[k + 1:end])
                branch = (sc.BRANCH, (None, [[av[2][0], *letters], letters]))
                out.append((sc.SUBPATTERN, (None, 0, 0, [branch])))
                k = end
                continue
        if (op in _REPEATS and av[0] == 0 and av[1] == 1 and out
                and out[-1][0] is sc.LITERAL and _is_word(chr(out[-1][1]).lower())):
            # ``ok(?:ay)?`` as ``ok(?:ay|)``: the word is "ok" or "okay", not any "ok..." word
            branch = (sc.BRANCH, (None, [list(av[2]), []]))
            out.append((sc.SUBPATTERN, (None, 0, 0, [branch])))
            k += 1
            continue
        out.append((op, av))
        k += 1
    return out


def _element(
    op: Any, av: Any, bounded: bool, prefix: tuple[str, ...] = (), tail: bool = False, *,
    prev: str | None = None,
) -> tuple[Triggers | None, bool]:
    """(triggers of one element, whether a token may start right after it).

    ``prefix`` holds word characters just before the element (the regex parser factors common
    prefixes out of alternations: ``sorry|sad`` becomes ``s(?:orry|ad)``); ``bounded`` then says
    whether that prefix starts a token.
    """
    if op is sc.BRANCH:
        found: set[str] = set()
        ends = True
        missing = False
        for alternative in av[1]:
            sub, alt_ends = _sequence(alternative, bounded, prefix, tail, prev=prev)
            ends = ends and alt_ends
            if sub is None:
                missing = True
            else:
                found |= sub
        return (None if missing else frozenset(found)), ends
    if op is sc.SUBPATTERN:
        return _sequence(av[3], bounded, prefix, tail, prev=prev)
    if prefix:
        return None, False
    if op in _REPEATS:
        low, _high, sub_pattern = av
        if len(sub_pattern) == 1 and _nonword_class(*sub_pattern[0]) \
                and not _symbol_class(*sub_pattern[0]):
            return None, bounded or low >= 1
        sub, ends = _sequence(sub_pattern, bounded)
        if low == 0:
            return None, ends and bounded
        return sub, ends
    if op is sc.IN:
        symbols = {chr(v) for o, v in av if o is sc.LITERAL and v > 0x7F}
        if symbols and len(symbols) == len(av):
            return frozenset(symbols), True  # a set of emoji: each is a token
        return None, _nonword_class(op, av)
    return None, False


def _sequence(
    items: Iterable[tuple[Any, Any]], bounded: bool, prefix: tuple[str, ...] = (),
    tail: bool = False, *, collect: list[Triggers] | None = None, prev: str | None = None,
) -> tuple[Triggers | None, bool]:
    """Triggers for a sequence (starting at a token start when ``bounded``) and its end state.

    ``tail`` says whether what follows the sequence begins with a token break. ``collect``, when
    given, receives every required trigger set found (each must be met by any match). ``prev``:
    the whole word just before the sequence, with only separators between (see ``bigram``).
    """
    items = _split_optional_breaks(list(items))
    best: Triggers | None = None

    def take(found: Triggers | None) -> None:
        nonlocal best
        best = _best(best, found)
        if found is not None and collect is not None:
            collect.append(found)

    word: list[str] = list(prefix)
    word_bounded = bounded
    if prefix:
        bounded = False

    def flush(right_bounded: bool) -> None:
        nonlocal word, prev
        if word and word_bounded:
            text = "".join(word)
            take(frozenset({text if right_bounded else text + "*"}))
            if right_bounded and prev is not None:
                take(frozenset({bigram(prev, text)}))
            prev = text if right_bounded else None
        elif word:
            prev = None
        word = []

    for k, (op, av) in enumerate(items):
        if op in (sc.ASSERT, sc.ASSERT_NOT):
            # A lookahead or lookbehind matches no text: the word, and whether it starts a
            # token, run on across it ("\b(?<!said )worthless" needs "worthless").
            continue
        after_break = _break_ahead(items, k + 1, tail)
        if op is sc.LITERAL:
            ch = chr(av).lower()
            if _is_word(ch):
                if not word:
                    word_bounded = bounded
                word.append(ch)
                bounded = False
                continue
            if ord(ch) > 0x7F and not ch.isspace():
                flush(right_bounded=True)  # a non-ASCII symbol (an emoji) is a token of its own
                take(frozenset({ch}))
                bounded = True
                prev = None
                continue
            flush(right_bounded=True)
            bounded = True
            continue
        if op is sc.AT:
            flush(right_bounded=av is sc.AT_BOUNDARY or av in (sc.AT_END, sc.AT_END_STRING))
            bounded = av in _STARTS or bounded
            continue
        if word and op in (sc.BRANCH, sc.SUBPATTERN):
            pending, pending_bounded = tuple(word), word_bounded
            carried, after = _element(op, av, pending_bounded, pending, after_break)
            flush(right_bounded=False)
            take(carried)
            bounded = after
            prev = None
            continue
        flush(right_bounded=bool(word) and _break_ahead(items, k, tail))
        group = op in (sc.BRANCH, sc.SUBPATTERN)
        sub, bounded = _element(op, av, bounded, (), after_break, prev=prev if group else None)
        take(sub)
        if not _separator(op, av):
            prev = None
    flush(right_bounded=tail)
    return best, bounded


def _separator(op: Any, av: Any) -> bool:
    """Does this element match only characters that separate tokens (no emoji, no word)?"""
    if op is sc.AT:
        return True
    if op in _REPEATS:
        return all(_separator(o, a) for o, a in av[2])
    return op in (sc.LITERAL, sc.IN) and _nonword_class(op, av) and not _symbol_class(op, av)


def bigram(first: str, second: str) -> str:
    """The trigger key for two tokens side by side (``"talk to"``): see ``turn_keys``."""
    return f"{first} {second}"


def turn_keys(toks: list[str]) -> list[str]:
    """Every trigger key a turn with these tokens holds: its tokens, its edge words
    (``edge_keys``) and each pair of tokens side by side (``bigram``)."""
    return [*toks, *edge_keys(toks), *(bigram(a, b) for a, b in pairwise(toks))]


class _Source(Protocol):
    """A regular expression's source and flags (a compiled pattern or a rule's lazy one)."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...


def pattern_requirements(pattern: _Source) -> tuple[Triggers, ...]:
    """Every trigger set a match must meet, cheapest first (empty when none can be proven).

    Positional sets (``"^ok"``: the turn's first word is "ok") come from ``edge_requirements``."""
    found: list[Triggers] = []
    _sequence(sp.parse(pattern.pattern, pattern.flags), bounded=False, collect=found)
    found.extend(edge_requirements(pattern))
    unique = dict.fromkeys(found)
    return tuple(sorted(unique, key=lambda t: (_cost(t), sorted(t))))


def token_hits(token: str, trigger: str) -> bool:
    """Does ``token`` (a ``turn_keys`` key) satisfy ``trigger``? (For tests and tools; the engine
    uses an index.) Only single tokens and edge words meet a prefix trigger."""
    if trigger.endswith("*"):
        return " " not in token and token.startswith(trigger[:-1])
    return token == trigger


# Where a turn's first and last words stand. A pattern anchored at the start of the turn (``^\W*ok``)
# or matching the whole turn can only match a turn whose first word is one it begins with: that
# positional trigger ("^ok") is far rarer than the word itself anywhere in the turn. The same holds
# for patterns anchored at the end ("$so" for ``\bso\?+\s*$``). Emoji are skipped: ``\W`` eats them.
FIRST: Final = "^"
LAST: Final = "$"
_MAX_WORDS: Final = 64
_MAX_STEPS: Final = 4000
_SENTINEL: Final = (None, None)


def edge_keys(toks: list[str]) -> list[str]:
    """The positional trigger keys of a turn with these tokens: ``^`` + first word, ``$`` + last."""
    if not toks:
        return []
    first, last = toks[0], toks[-1]
    if not first[0].isalnum():  # an emoji: skip to the first word
        first = next((t for t in toks if t[0].isalnum()), "")
        if not first:
            return []
    if not last[0].isalnum():
        last = next(t for t in reversed(toks) if t[0].isalnum())
    return [FIRST + first, LAST + last]


class _GiveUp(Exception):
    pass


def edge_requirements(pattern: _Source) -> tuple[Triggers, ...]:
    """The positional trigger sets a match must meet: its first word when the pattern is anchored at
    the start, its last word when anchored at the end (each set may be missing)."""
    parsed = sp.parse(pattern.pattern, pattern.flags)
    if parsed.state.flags & sc.SRE_FLAG_MULTILINE:
        return ()  # "^" and "$" then stand at every line
    items = tuple(parsed)
    found: list[Triggers] = []
    for forward, mark in ((True, FIRST), (False, LAST)):
        steps = [0]
        try:
            words = _edge(_oriented(items, forward), False, None, forward, steps)
        except (_GiveUp, RecursionError):
            continue
        found.append(frozenset(mark + w for w in words))
    return tuple(found)


def _oriented(items: Any, forward: bool) -> tuple[Any, ...]:
    return tuple(items) if forward else tuple(reversed(list(items)))


def _open(pending: frozenset[str], forward: bool) -> frozenset[str]:
    """The word may go on past what the pattern fixes: a prefix trigger (none for a last word)."""
    if not forward:
        raise _GiveUp
    return frozenset(w + "*" for w in pending)


def _edge(
    rest: tuple[Any, ...], anchored: bool, pending: frozenset[str] | None, forward: bool,
    steps: list[int],
) -> frozenset[str]:
    """The possible edge words of a match of ``rest`` (read from the anchored end).

    ``anchored``: the walk stands at the turn's edge, having consumed no word character;
    ``pending``: the letters of the edge word read so far. Raises ``_GiveUp`` when unsure.
    """
    steps[0] += 1
    if steps[0] > _MAX_STEPS:
        raise _GiveUp
    if not rest:
        if pending:
            return _open(pending, forward)
        raise _GiveUp
    (op, av), tail = rest[0], rest[1:]
    if op is None:  # end of one repeat's pass: more passes may follow
        if pending:
            return _open(pending, forward)
        raise _GiveUp
    if op is sc.AT:
        edge = (sc.AT_BEGINNING, sc.AT_BEGINNING_STRING) if forward else (sc.AT_END,
                                                                          sc.AT_END_STRING)
        if av in edge:
            if pending:
                raise _GiveUp
            return _edge(tail, True, None, forward, steps)
        if pending and (av is sc.AT_BOUNDARY or av in (sc.AT_END, sc.AT_END_STRING,
                                                      sc.AT_BEGINNING, sc.AT_BEGINNING_STRING)):
            return pending
        return _edge(tail, anchored, pending, forward, steps)
    if op in (sc.ASSERT, sc.ASSERT_NOT):
        return _edge(tail, anchored, pending, forward, steps)  # zero width: a looser bound
    if not anchored:
        raise _GiveUp  # the match may start anywhere: its edge word is not the turn's
    if op is sc.LITERAL:
        ch = chr(av).lower()
        if _is_word(ch):
            grown = frozenset((w + ch if forward else ch + w) for w in pending) if pending \
                else frozenset(ch)
            return _edge(tail, True, grown, forward, steps)
        if pending:
            return pending
        return _edge(tail, True, None, forward, steps)
    if op is sc.SUBPATTERN:
        return _edge(_oriented(av[3], forward) + tail, True, pending, forward, steps)
    if op is sc.BRANCH:
        out: set[str] = set()
        for alternative in av[1]:
            out |= _edge(_oriented(alternative, forward) + tail, True, pending, forward, steps)
            if len(out) > _MAX_WORDS:
                raise _GiveUp
        return frozenset(out)
    if op in _REPEATS:
        low, _high, sub = av
        sub = _oriented(sub, forward)
        if len(sub) == 1 and _nonword_class(*sub[0]):  # emoji too: edge words skip them
            if pending:
                return pending if low >= 1 else pending | _edge(tail, True, pending, forward, steps)
            return _edge(tail, True, None, forward, steps)
        out = set(_edge((*sub, _SENTINEL), True, pending, forward, steps))
        if low == 0:
            out |= _edge(tail, True, pending, forward, steps)
        if len(out) > _MAX_WORDS:
            raise _GiveUp
        return frozenset(out)
    if op is sc.IN and _nonword_class(op, av):
        if pending:
            return pending
        return _edge(tail, True, None, forward, steps)
    if pending:
        return _open(pending, forward)  # a class that may hold word characters
    raise _GiveUp


def _symbol_class(op: Any, av: Any) -> bool:
    """A literal or class of non-ASCII symbols (emoji): they break words but are tokens too."""
    if op is sc.LITERAL:
        return av > 0x7F and not chr(av).isspace()
    if op is sc.IN:
        return any(o is sc.LITERAL and v > 0x7F for o, v in av)
    return False
