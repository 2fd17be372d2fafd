"""Contractions typed without their apostrophe ("youre", "didnt", "id call"): rule patterns spell
them with one, so when a pattern is compiled a literal apostrophe inside one of its words becomes
optional. The text is never changed, so evidence offsets stay exact.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Final

_QUANTIFIERS: Final = ("?", "*", "+", "{")

# Contractions typed without their apostrophe ("youre", "didnt", "id"): a literal apostrophe inside
# a word of a pattern is optional (``optional_apostrophes``). Not where the bare spelling is an
# everyday word of its own, which a pattern's context seldom tells apart ("we're" and "were",
# "we'll" and "well", "he'll" and "hell").
_BARE_WORDS: Final = frozenset({"were", "well", "hell", "shell", "wed", "shed"})
_LOOKBEHIND: Final = ("(?<=", "(?<!")
_WORD_STARTS: Final = frozenset(" ^-,")
_REPEAT: Final = re.compile(r"(?:[?*+]|\{\d*,?\d*\})[?+]?")


def optional_apostrophes(pattern: str) -> str:
    r"""``pattern`` with each literal apostrophe inside a word made optional: ``\byou're`` as
    ``\byou'?re``, ``\bi(?:'m| am)`` as ``\bi(?:'?m| am)``, ``(?:do|did)n't`` as
    ``(?:do|did)n'?t``.

    The word must start where the pattern spells a boundary (``\b``, a space, a group, ``|``): in
    ``\w+'s`` its letters are unknown. Apostrophes in character classes and lookbehinds (which
    must keep a fixed width) stay, and so does one already optional. The text is not changed,
    only what the pattern accepts, so offsets stay exact.
    """
    if "'" not in pattern:
        return pattern
    out: list[str] = []
    # The words the pattern may be spelling since a word start (letters so far); None where it
    # is at no known word. Per open group: the words its alternatives start from, the words
    # before it, the words its closed alternatives spelled, whether it is a lookaround and
    # whether it is in a lookbehind.
    words: tuple[str, ...] | None = ("",)
    groups: list[_Group] = []
    i, n = 0, len(pattern)
    while i < n:
        char = pattern[i]
        if char == "\\":
            out.append(pattern[i:i + 2])
            words = ("",) if pattern[i + 1:i + 2] in ("b", "s", "W", "A") else None
            i += 2
        elif char == "[":
            end = _class_end(pattern, i)
            out.append(pattern[i:end])
            words, i = None, end
        elif char == "(":
            head = pattern[i:i + 4]
            behind = head in _LOOKBEHIND
            around = behind or head[:3] in ("(?=", "(?!")
            opened = 4 if behind else 3 if around or head[:3] == "(?:" else 1
            group = _Group(("",) if around else words, words, around,
                           behind or any(g.behind for g in groups))
            groups.append(group)
            out.append(pattern[i:i + opened])
            words = group.stems
            i += opened
        elif char == ")" and groups:
            group = groups.pop()
            out.append(char)
            i += 1
            spelled = [*group.spelled, words]
            repeat = _REPEAT.match(pattern, i)
            if repeat is not None:  # the group may be skipped (or repeated): either way on
                out.append(repeat.group())
                i = repeat.end()
                spelled.append(group.before)
            if group.around:  # a lookaround consumes nothing: the word goes on
                words = group.before
            else:
                words = (None if any(w is None for w in spelled)
                         else tuple(dict.fromkeys(w for ws in spelled if ws is not None
                                                  for w in ws)))
        elif char == "|" and groups:
            out.append(char)
            groups[-1].spelled.append(words)
            words = groups[-1].stems
            i += 1
        else:
            following = pattern[i + 1:i + 2]
            if (char == "'" and words and all(words) and "a" <= following <= "z"
                    and not any(g.behind for g in groups)
                    and not any(w + _letters(pattern, i + 1) in _BARE_WORDS for w in words)):
                out.append("'?")
                i += 1
                continue
            out.append(char)
            i += 1
            if "a" <= char <= "z" and words is not None:
                words = None if following in _QUANTIFIERS else tuple(w + char for w in words)
            else:
                words = ("",) if char in _WORD_STARTS else None
    return "".join(out)


@dataclass(slots=True)
class _Group:
    """An open group, as ``optional_apostrophes`` reads a pattern."""

    stems: tuple[str, ...] | None  # the words its alternatives go on from
    before: tuple[str, ...] | None  # the words before it
    around: bool  # a lookahead or lookbehind
    behind: bool  # in a lookbehind
    spelled: list[tuple[str, ...] | None] = field(default_factory=list)  # by its alternatives


def _class_end(pattern: str, start: int) -> int:
    """Where the character class that opens at ``start`` ends (just after its ``]``)."""
    i = start + 1
    i += pattern[i:i + 1] == "^"
    i += pattern[i:i + 1] == "]"
    while i < len(pattern) and pattern[i] != "]":
        i += 2 if pattern[i] == "\\" else 1
    return i + 1


def _letters(pattern: str, start: int) -> str:
    """The literal lower-case letters of ``pattern`` from ``start`` on."""
    end = start
    while end < len(pattern) and "a" <= pattern[end] <= "z":
        end += 1
    return pattern[start:end]
