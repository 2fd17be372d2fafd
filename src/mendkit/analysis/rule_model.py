"""What a rule is: its context (``Context``, ``TurnContext``), its test examples, the rule itself
and one hit of it on a turn; and the trigger words a rule's pattern needs (``requirements``) with
its key in the shipped index (``index_key``). Part of the rules layer (:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from mendkit.analysis.rule_patterns import LazyPattern
from mendkit.analysis.triggers import pattern_requirements

Context = Literal["any", "after_tension", "after_other_tension", "after_repair", "after_either",
                  "calm", "quiet"]


@dataclass(frozen=True, slots=True)
class Example:
    """A rule's test example: the turn's text and, for context rules, the turns before it."""

    text: str
    before: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class TurnContext:
    """What the turns before this one tell a rule."""

    tension: bool = False
    after_repair: bool = False
    other_tension: bool = False  # the other speaker's last turn (of the last two) was a rupture
    previous: str = ""  # the last turn, when someone else said it

    def allows(self, context: Context) -> bool:
        if context == "any":
            return True
        if context == "after_tension":
            return self.tension
        if context == "after_other_tension":
            return self.other_tension
        if context == "after_repair":
            return self.after_repair
        if context == "after_either":
            return self.tension or self.after_repair
        if context == "quiet":  # an everyday "sorry I was late" the rules take for no repair
            return not (self.tension or self.after_repair)
        return not self.tension  # "calm"


@dataclass(frozen=True, slots=True, eq=False)
class Rule:
    id: str
    label: str
    subtype: str
    patterns: tuple[LazyPattern, ...]
    match: Literal["search", "whole"] = "search"
    context: Context = "any"
    negation: bool = True
    quotes: bool = True
    exclude: tuple[LazyPattern, ...] = ()
    max_words: int | None = None
    after: tuple[LazyPattern, ...] = ()  # the other speaker's last turn must match one of these
    not_after: tuple[LazyPattern, ...] = ()  # ... and must match none of these
    weight: float = 0.8
    suppress: tuple[str, ...] = ()
    positive: tuple[Example, ...] = ()
    negative: tuple[Example, ...] = ()
    source_file: str = ""


@dataclass(frozen=True, slots=True)
class Hit:
    """One rule firing on one span of a turn."""

    rule: Rule
    start: int
    end: int


def index_key(rule: Rule, pattern: LazyPattern) -> str:
    """The pattern's entry in ``_index.json`` (a whole-turn pattern's triggers differ)."""
    return f"whole:{pattern.pattern}" if rule.match == "whole" else pattern.pattern


def requirements(rule: Rule, pattern: LazyPattern) -> tuple[frozenset[str], ...]:
    """The trigger sets a turn must hold for ``pattern`` to match it.

    A whole-turn pattern matches all of the turn but its outer punctuation, so its ends are
    word boundaries: derive its triggers as if anchored there.
    """
    if rule.match == "whole":
        return pattern_requirements(LazyPattern(f"^(?:{pattern.pattern})$", pattern.where,
                                                pattern.flags))
    return pattern_requirements(pattern)
