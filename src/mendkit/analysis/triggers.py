"""Trigger words derived from a rule's regular expressions, so the engine tries only likely rules.

For each pattern we compute a set of tokens (``"sorry"``) or token prefixes (``"apologi*"``) such that
any match must contain one of them as a whole token (or a token starting with the prefix). A turn
whose tokens hit none of a rule's triggers cannot match the rule, so the rule is skipped. When no
such set can be proven (a pattern made only of character classes, say), the rule is always tried:
derivation may cost speed, never a match.
"""

from __future__ import annotations

import json
import re._constants as sc  # type: ignore[import-not-found]
import re._parser as sp  # type: ignore[import-not-found]
from collections.abc import Iterable
from functools import lru_cache
from importlib import resources
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


def _cost(triggers: Triggers) -> float:
    """Roughly the share of turns that would hit one of ``triggers`` (a union bound)."""
    total = 0.0
    for t in triggers:
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


def _starts_with_break(item: tuple[Any, Any] | None, tail: bool) -> bool:
    """Does ``item`` (None: the end of the enclosing sequence) begin with a token break?"""
    if item is None:
        return tail
    op, av = item
    if op is sc.AT:
        return av is sc.AT_BOUNDARY or av in (sc.AT_END, sc.AT_END_STRING)
    if op in (sc.LITERAL, sc.IN):
        return _nonword_class(op, av)
    if op in _REPEATS and av[0] >= 1 and len(av[2]) == 1:
        return _starts_with_break(av[2][0], tail)
    return False


def _element(
    op: Any, av: Any, bounded: bool, prefix: tuple[str, ...] = (), tail: bool = False
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
            sub, alt_ends = _sequence(alternative, bounded, prefix, tail)
            ends = ends and alt_ends
            if sub is None:
                missing = True
            else:
                found |= sub
        return (None if missing else frozenset(found)), ends
    if op is sc.SUBPATTERN:
        return _sequence(av[3], bounded, prefix, tail)
    if prefix:
        return None, False
    if op in _REPEATS:
        low, _high, sub_pattern = av
        if len(sub_pattern) == 1 and _nonword_class(*sub_pattern[0]):
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
    tail: bool = False, collect: list[Triggers] | None = None,
) -> tuple[Triggers | None, bool]:
    """Triggers for a sequence (starting at a token start when ``bounded``) and its end state.

    ``tail`` says whether what follows the sequence begins with a token break. ``collect``, when
    given, receives every required trigger set found (each must be met by any match).
    """
    items = list(items)
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
        nonlocal word
        if word and word_bounded:
            text = "".join(word)
            take(frozenset({text if right_bounded else text + "*"}))
        word = []

    for k, (op, av) in enumerate(items):
        after_break = _starts_with_break(items[k + 1] if k + 1 < len(items) else None, tail)
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
            continue
        flush(right_bounded=False)
        sub, bounded = _element(op, av, bounded, (), after_break)
        take(sub)
    flush(right_bounded=tail)
    return best, bounded


class _Source(Protocol):
    """A regular expression's source and flags (a compiled pattern or a rule's lazy one)."""

    @property
    def pattern(self) -> str: ...

    @property
    def flags(self) -> int: ...


def pattern_requirements(pattern: _Source) -> tuple[Triggers, ...]:
    """Every trigger set a match must meet, cheapest first (empty when none can be proven)."""
    found: list[Triggers] = []
    _sequence(sp.parse(pattern.pattern, pattern.flags), bounded=False, collect=found)
    unique = dict.fromkeys(found)
    return tuple(sorted(unique, key=_cost))


def token_hits(token: str, trigger: str) -> bool:
    """Does ``token`` satisfy ``trigger``? (Used by tests and tools; the engine uses an index.)"""
    return token.startswith(trigger[:-1]) if trigger.endswith("*") else token == trigger
