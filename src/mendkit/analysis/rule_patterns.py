"""A rule's regular expressions: compiled on first use (``LazyPattern``), and cut for the index.

A pattern that starts with ``\\b`` is compiled with the boundary moved behind its first letter
(``_leading_literal``: the same matches, found faster). A search pattern's top-level
alternatives are indexed one by one (``split_alternatives``), so a long list of phrases runs only
on turns holding one phrase's own trigger words. Part of the rules layer (:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Final

from mendkit.errors import RulesError


class LazyPattern:
    """A rule's regular expression, compiled on first use.

    Most turns need only a few of the hundreds of patterns, so compiling them all up front would
    dominate a short CLI run. ``mend``'s tests compile every pattern (see ``test_rules.py``).

    Patterns are written in lower case and run on normalised, lower-cased text
    (``text.normalise``), so they are compiled case-sensitive: the same matches as with
    ``re.IGNORECASE``, found faster (a search can skip ahead to a pattern's first letters; the
    engine ran 12% faster on 40,000 DailyDialog turns, 6 December 2026). A test keeps upper-case
    letters out of the rule files.
    """

    __slots__ = ("_compiled", "flags", "pattern", "where")

    def __init__(self, pattern: str, where: str, flags: int = 0) -> None:
        self.pattern = pattern
        self.flags = flags
        self.where = where
        self._compiled: re.Pattern[str] | None = None

    def compiled(self) -> re.Pattern[str]:
        if self._compiled is None:
            moved = None if self.flags & re.VERBOSE else _leading_literal(self.pattern)
            try:
                self._compiled = re.compile(moved, self.flags) if moved is not None else None
            except re.error:
                self._compiled = None
            if self._compiled is None:
                try:
                    self._compiled = re.compile(self.pattern, self.flags)
                except re.error as exc:
                    raise RulesError(f"{self.where}: pattern {self.pattern!r} does not compile: "
                                     f"{exc}") from None
        return self._compiled

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(text)

    def search(self, text: str) -> re.Match[str] | None:
        return self.compiled().search(text)

    def fullmatch(self, text: str) -> re.Match[str] | None:
        return self.compiled().fullmatch(text)

    def __repr__(self) -> str:
        return f"LazyPattern({self.pattern!r})"


_LETTERS: Final = frozenset("abcdefghijklmnopqrstuvwxyz0123456789")
_QUANTIFIERS: Final = ("?", "*", "+", "{")


def _leading_literal(pattern: str) -> str | None:
    r"""``pattern`` with its leading ``\b`` moved behind the letter it stands before, or None
    when it has none to move: ``\bsorry`` as ``s(?<=\bs)orry``, ``\b(?:have)\b`` as
    ``(?:h(?<=\bh)ave)\b``.

    The two match the same text at the same places, with the same groups: the lookbehind checks
    the boundary where ``\b`` did, before the same letter. But ``re`` searches for a pattern that
    starts with a literal by skipping ahead to that letter, and tries one that starts with
    ``\b`` at every position of the turn (most of the shipped patterns start with ``\b``; their
    searches took a third less time on DailyDialog, 2026-12).
    """
    if pattern.startswith("\\b"):
        rest = pattern[2:]
        if rest[:1] in _LETTERS and rest[1:2] not in _QUANTIFIERS:
            return f"{rest[0]}(?<=\\b{rest[0]}){rest[1:]}"
        group = _plain_group(rest)
        if group is None:
            return None
        moved = _leading_literal("\\b" + group[0])
    else:
        group = _plain_group(pattern)
        if group is None:
            return None
        moved = _leading_literal(group[0])
    return None if moved is None else f"(?:{moved}){group[1]}"


def _plain_group(pattern: str) -> tuple[str, str] | None:
    """(body, rest) when ``pattern`` starts with a non-capturing group that has no top-level
    ``|`` and no quantifier (``(?:body)rest``); else None."""
    if not pattern.startswith("(?:"):
        return None
    for i, char, depth in _structure(pattern):
        if char == "|" and depth == 1:
            return None
        if char == ")" and depth == 0:
            rest = pattern[i + 1:]
            return None if rest[:1] in _QUANTIFIERS else (pattern[3:i], rest)
        if not char:
            return None
    return None


_DISTRIBUTE_BUDGET: Final = 600  # characters of head and tail copied into a group's parts
_LONG_GROUP: Final = 12  # alternatives in a group worth spreading inside a top-level part


_BACKREF: Final = re.compile(r"\\[1-9]|\(\?P=")


def split_alternatives(pattern: str) -> list[str]:
    """``a|b|c`` as ``[a, b, c]`` when ``|`` is at the top level (else ``[pattern]``).

    A search pattern's alternatives are indexed one by one: a long list of phrases then runs only
    on turns holding one phrase's own trigger words, instead of on every turn holding a trigger of
    any of them. A turn matches the parts exactly when it matches the whole; the evidence can be
    another alternative's (the first in the rule's order rather than the leftmost in the text).
    """
    if "|" not in pattern or _BACKREF.search(pattern):
        return [pattern]
    parts = _top_level_parts(pattern)
    if parts is None:
        return [pattern]
    if len(parts) == 1:
        return _distribute(pattern) or parts
    # A part's own first group is spread too when it is a long list (a short one gains little
    # and costs a compile per piece).
    # The parts compile when first used; the tests compile every shipped one.
    return [piece for part in parts for piece in (_distribute(part, _LONG_GROUP) or [part])]


def _distribute(pattern: str, least: int = 2) -> list[str] | None:
    """``P(?:a|b)S`` as ``[P(?:a)S, P(?:b)S]`` for the first unquantified top-level group."""
    open_at = -1
    for i, char, depth in _structure(pattern):
        if char == "(" and depth == 0:
            open_at = i
        elif char == ")" and depth == 0 and open_at >= 0:
            head = pattern[open_at + 1:open_at + 3]
            quantified = pattern[i + 1:i + 2] in ("?", "*", "+", "{")
            if (head != "?:" and head.startswith("?")) or quantified:
                continue
            inner = _top_level_parts(pattern[open_at + (3 if head == "?:" else 1):i])
            before, after = pattern[:open_at], pattern[i + 1:]
            # Each part is compiled on its own: copying a long head or tail into many parts
            # would cost more compiling than the index saves.
            if (inner is not None and len(inner) >= least
                    and (len(before) + len(after)) * len(inner) <= _DISTRIBUTE_BUDGET):
                return [f"{before}(?:{alt}){after}" for alt in inner]
    return None


def _top_level_parts(pattern: str) -> list[str] | None:
    """``pattern`` cut at its top-level ``|`` (None when the brackets do not balance)."""
    parts: list[str] = []
    start = 0
    for i, char, depth in _structure(pattern):
        if char == "|" and depth == 0:
            parts.append(pattern[start:i])
            start = i + 1
        elif not char and depth != 0:
            return None
    parts.append(pattern[start:])
    return parts if all(parts) else None


def _structure(pattern: str) -> Iterator[tuple[int, str, int]]:
    """Each bracket and bar outside escapes and character classes, with how many groups are open
    around it; then ``(len(pattern), "", n)``, where n is 0 when everything closed."""
    depth, i, in_class = 0, 0, False
    while i < len(pattern):
        char = pattern[i]
        if char == "\\":
            i += 2
            continue
        if in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
            i += pattern[i + 1:i + 2] == "^"
            i += pattern[i + 1:i + 2] == "]"  # a leading "]" is a literal inside the class
        elif char in "()|":
            depth -= char == ")"
            yield i, char, depth
            depth += char == "("
        i += 1
    yield len(pattern), "", -1 if in_class else depth
