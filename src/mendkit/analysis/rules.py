"""The rules layer: marker rules kept in versioned TOML files under ``mendkit/rules``.

A rule has a stable id, a label, a subtype, regular-expression patterns, and positive and negative
examples that the test suite runs. Trigger words are derived from the patterns (``triggers.py``):
a pattern is tried only on turns holding its triggers, which keeps the engine fast. A rule can
require context (``context``: ``after_tension``, a rupture in the last two turns;
``after_other_tension``, a rupture in the other speaker's last turn; ``after_repair``;
``after_either``; ``calm``; ``quiet``, neither a rupture nor the other's repair in the last two
turns) or what the other speaker just said (``after``: patterns one of which
must match the previous turn when someone else said it), is blocked by a negation just before its
match, and ignores reported speech ("she said ...") unless told otherwise.
``suppress`` lets a more specific rule cancel overlapping evidence of another label ("sorry you
feel that way" is a non-apology, not an apology).
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
import unicodedata
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from importlib import resources
from itertools import chain, groupby, pairwise, product
from operator import eq
from typing import Any, Final, Literal

from mendkit._once import once
from mendkit.analysis import text as tx
from mendkit.analysis.contractions import optional_apostrophes
from mendkit.analysis.spelling import SAME_TO_THE_RULES, Respelling, respell, worth_a_look
from mendkit.analysis.triggers import edge_keys, pattern_requirements
from mendkit.errors import RulesError
from mendkit.labels import TAXONOMY

Context = Literal["any", "after_tension", "after_other_tension", "after_repair", "after_either",
                  "calm", "quiet"]
_CONTEXTS: Final = frozenset({"any", "after_tension", "after_other_tension", "after_repair",
                              "after_either", "calm", "quiet"})
_RULE_KEYS: Final = frozenset({
    "id", "label", "subtype", "patterns", "match", "context", "negation", "quotes", "exclude",
    "max_words", "weight", "suppress", "positive", "negative", "note", "after",
})
_DEFAULT_KEYS: Final = frozenset({"label", "context", "negation", "quotes", "weight", "match",
                                  "suppress"})
# What a "whole" rule's turn loses at its end, with any whitespace.
_TRAILING_MARKS: Final = frozenset(".!?,;:…~*)(\"'-")
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
# (``_KEPT_TWICE``). "like" and "you know" carry meaning ("i feel like", "you know i love you")
# and stay.
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


def _bigrams(toks: list[str]) -> set[str]:
    """The turn's tokens side by side, as the index keys them (``bigram(a, b)``)."""
    return set(map(" ".join, pairwise(toks)))


def _maybe_spoken(toks: list[str], bigrams: set[str]) -> bool:
    """Whether the turn may hold a filler or words said twice in a row (``_SPOKEN``)."""
    if not _FILLERS.isdisjoint(toks) or any(map(eq, toks, toks[1:])):
        return True  # "uh", "to to"
    if len(bigrams) == len(toks) - 1:
        return False  # no two tokens side by side come twice: no words said twice
    # n tokens said again right after them: "i've been i've been" ("i", "ve", "been", "i", ...)
    return any(b"\1" * n in bytes(map(eq, toks, toks[n:])) for n in range(2, 9))


_FOLD: Final = {
    (letters, spoken): re.compile(rf"{_FOLDING}|{stretch}{_SPOKEN if spoken else ''}")
    for letters, stretch in _STRETCHING.items() for spoken in (False, True)
}
_REREADINGS: Final = ((2, 2), (1, 2))
_STRETCHED: Final = re.compile(r"([^\W\d_])\1\1")
# A cheap test first: most turns pass.
_NON_WORDS: Final = re.compile(rf"\W{{{_KEPT_RUN + 1}}}|([^\W\d_])\1\1")
_LEADING: Final = re.compile(r"^[\s\"'(*-]+")


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


@dataclass(slots=True)
class _Scan:
    """Per-turn lazily computed facts, shared by all rules tried on the turn."""

    norm: str
    reported: list[tuple[int, int]] | None = None
    core: tuple[int, int, str] | None = None
    sentences: tx.Sentences | None = None
    # Whether a rule's exclusions matched a stretch of sentences: (rule id, start, end) -> bool.
    # A long message can hold a marker hundreds of times in one sentence.
    excluded: dict[tuple[str, int, int], bool] | None = None

    def sentence(self, position: int) -> tuple[int, int]:
        if self.sentences is None:
            self.sentences = tx.Sentences(self.norm)
        return self.sentences.bounds(position)

    def reported_spans(self) -> list[tuple[int, int]]:
        if self.reported is None:
            self.reported = tx.reported_spans(self.norm)
        return self.reported

    def whole(self) -> tuple[int, int, str]:
        """The turn without its outer punctuation: (start, end, text) for "whole" rules."""
        if self.core is None:
            norm = self.norm
            lead = _LEADING.match(norm)
            start = lead.end() if lead else 0
            end = len(norm)  # a scan from the end: a regex retried at each position was quadratic
            while end > start and (norm[end - 1].isspace() or norm[end - 1] in _TRAILING_MARKS):
                end -= 1
            self.core = (start, end, norm[start:end])
        return self.core


PatternId = int  # a pattern's place among all the set's patterns, in rule then pattern order
# What one trigger key brings in: patterns, and the patterns it brings in with a second key.
_Entry = tuple[frozenset[PatternId], Mapping[str, tuple[PatternId, ...]] | None]
_CACHE_LIMIT: Final = 200_000
EXCLUSION_REACH: Final = 600  # characters of the sentence an exclusion sees before and after
_MAX_PAIRS: Final = 64
_DISTRIBUTE_BUDGET: Final = 600  # characters of head and tail copied into a group's parts
_LONG_GROUP: Final = 12  # alternatives in a group worth spreading inside a top-level part


@dataclass(frozen=True, slots=True)
class RuleSet:
    """A compiled set of rules, indexed by trigger token per pattern. ``find`` returns a turn's hits.

    Each pattern is tried only on turns holding one of its triggers; patterns without provable
    triggers are always tried (a "whole" rule is also gated by its word count). Patterns are
    numbered in rule order, so sorting a turn's candidates groups them by rule.
    """

    rules: tuple[Rule, ...]
    versions: Mapping[str, str] = field(default_factory=dict)
    _rule_of: tuple[int, ...] = ()  # pattern id -> rule index
    _pattern_of: tuple[LazyPattern, ...] = ()  # pattern id -> pattern
    _by_token: Mapping[str, tuple[PatternId, ...]] = field(default_factory=dict)
    _by_prefix: Mapping[str, tuple[PatternId, ...]] = field(default_factory=dict)
    _prefix_lengths: tuple[int, ...] = ()
    _always: frozenset[PatternId] = frozenset()
    _also_needs: Mapping[PatternId, tuple[frozenset[str], ...]] = field(default_factory=dict)
    _needy: frozenset[PatternId] = frozenset()  # the keys of ``_also_needs``
    # Patterns that need two whole words, by the first then the second: a turn finds them with
    # one set intersection per word instead of a test per pattern.
    _pairs: Mapping[str, Mapping[str, tuple[PatternId, ...]]] = field(default_factory=dict)
    # Patterns set aside before any test: by the turn's context (tension, after_repair,
    # other_tension), and by its length (a rule's ``max_words``; the last entry is for all longer).
    _off_in_context: Mapping[tuple[bool, bool, bool], frozenset[PatternId]] = field(
        default_factory=dict)
    _too_long: tuple[frozenset[PatternId], ...] = (frozenset(),)
    _bigram_keys: frozenset[str] = frozenset()  # the index's keys for tokens side by side
    _token_cache: dict[str, _Entry] = field(default_factory=dict)
    _idle_keys: set[str] = field(default_factory=set)  # cached keys that bring in nothing
    # Whether a pattern spells a word as typed, by word (``_spelled_as_typed``); at "": the
    # patterns' text.
    _as_typed: dict[str, str | bool] = field(default_factory=dict)

    @classmethod
    def build(
        cls, rules: Sequence[Rule], versions: Mapping[str, str] | None = None, *,
        indexed: bool = True, known: Mapping[str, Sequence[Sequence[str]]] | None = None,
    ) -> RuleSet:
        """Index ``rules``; ``indexed=False`` tries every pattern on every turn (a reference).

        ``known`` maps a pattern's source to its requirements when they were derived before
        (the shipped ``_index.json``), which saves parsing every pattern at start-up.
        """
        by_token: dict[str, list[PatternId]] = {}
        by_prefix: dict[str, list[PatternId]] = {}
        always: list[PatternId] = []
        also_needs: dict[PatternId, tuple[frozenset[str], ...]] = {}
        pairs: dict[str, dict[str, list[PatternId]]] = {}
        rule_of: list[int] = []
        pattern_of: list[LazyPattern] = []
        for i, rule in enumerate(rules):
            for pattern in rule.patterns:
                ref = len(pattern_of)
                rule_of.append(i)
                pattern_of.append(pattern)
                raw: Sequence[Iterable[str]] = ()
                if indexed:
                    key = index_key(rule, pattern)
                    cached = known.get(key) if known is not None else None
                    raw = cached if cached is not None else requirements(rule, pattern)
                required = tuple(frozenset(r) for r in raw)
                if not required:
                    always.append(ref)
                    continue
                found, rest = required[0], required[1:]
                # Other required sets of whole words are checked on the turn's tokens before the
                # regex runs: cheap set tests instead of a scan.
                exact = tuple(r for r in rest if not any(t.endswith("*") for t in r))
                if (exact and not any(t.endswith("*") for t in found)
                        and len(found) * len(exact[0]) <= _MAX_PAIRS):
                    for first in found:
                        for second in exact[0]:
                            pairs.setdefault(first, {}).setdefault(second, []).append(ref)
                    if exact[1:]:
                        also_needs[ref] = exact[1:3]
                    continue
                if exact:
                    also_needs[ref] = exact[:3]
                for trig in found:
                    if trig.endswith("*"):
                        by_prefix.setdefault(trig[:-1], []).append(ref)
                    else:
                        by_token.setdefault(trig, []).append(ref)
        # A rule's patterns have consecutive ids: set rules aside by their id ranges.
        spans: list[range] = []
        for rule in rules:
            start_id = spans[-1].stop if spans else 0
            spans.append(range(start_id, start_id + len(rule.patterns)))

        def ids_of(rule_indexes: Iterable[int]) -> frozenset[PatternId]:
            return frozenset(chain.from_iterable(spans[i] for i in rule_indexes))

        off_in_context: dict[tuple[bool, bool, bool], frozenset[PatternId]] = {}
        for tension, after_repair, other_tension in product((False, True), repeat=3):
            state = TurnContext(tension=tension, after_repair=after_repair,
                                other_tension=other_tension)
            off_in_context[(tension, after_repair, other_tension)] = ids_of(
                i for i, r in enumerate(rules) if not state.allows(r.context))
        longest = max((r.max_words for r in rules if r.max_words is not None), default=0)
        too_long = tuple(
            ids_of(i for i, r in enumerate(rules) if r.max_words is not None and n > r.max_words)
            for n in range(longest + 2)
        )
        return cls(
            rules=tuple(rules),
            versions=dict(versions or {}),
            _off_in_context=off_in_context,
            _too_long=too_long,
            _rule_of=tuple(rule_of),
            _pattern_of=tuple(pattern_of),
            _by_token={k: tuple(v) for k, v in by_token.items()},
            _by_prefix={k: tuple(v) for k, v in by_prefix.items()},
            _prefix_lengths=tuple(sorted({len(k) for k in by_prefix})),
            _always=frozenset(always),
            _also_needs=also_needs,
            _needy=frozenset(also_needs),
            _pairs={k: {k2: tuple(v2) for k2, v2 in v.items()} for k, v in pairs.items()},
            _bigram_keys=frozenset(k for k in (*by_token, *pairs) if " " in k),
        )

    def by_id(self, rule_id: str) -> Rule:
        for rule in self.rules:
            if rule.id == rule_id:
                return rule
        raise KeyError(rule_id)

    def _entry(self, key: str) -> _Entry:
        """The patterns a trigger key brings in, and its pairs (cached): a token also meets the
        prefix triggers it starts with; a key for two tokens side by side only whole triggers."""
        cached = self._token_cache.get(key)
        if cached is not None:
            return cached
        refs: set[PatternId] = set(self._by_token.get(key, ()))
        if " " not in key:
            for n in self._prefix_lengths:
                if n > len(key):
                    break
                refs.update(self._by_prefix.get(key[:n], ()))
        entry = (frozenset(refs), self._pairs.get(key))
        if len(self._token_cache) < _CACHE_LIMIT:
            self._token_cache[key] = entry
            if not refs and entry[1] is None:
                self._idle_keys.add(key)
        return entry

    def _candidate_ids(
        self, toks: list[str], context: TurnContext | None = None,
        side_by_side: set[str] | None = None,
    ) -> list[PatternId]:
        """The patterns worth trying on a turn with these tokens (and ``side_by_side``, its
        bigrams, if known), in rule order (with ``context``: only those of rules that the context
        and the turn's length allow)."""
        keys = set(toks)
        keys.update(edge_keys(toks))
        if side_by_side is None:
            side_by_side = _bigrams(toks)
        tokset = keys | side_by_side
        keys.update(side_by_side & self._bigram_keys)
        keys -= self._idle_keys  # most words bring in no pattern: skip them in one set operation
        refs: set[PatternId] = set(self._always)
        cache = self._token_cache
        for key in keys:
            found, second = cache.get(key) or self._entry(key)
            if found:
                refs.update(found)
            if second is not None:
                for other in second.keys() & tokset:
                    refs.update(second[other])
        if context is not None:
            too_long = self._too_long
            refs = refs.difference(
                self._off_in_context[(context.tension, context.after_repair,
                                      context.other_tension)],
                too_long[min(len(toks), len(too_long) - 1)],
            )
        needs = self._also_needs
        for ref in refs & self._needy:
            for req in needs[ref]:
                if tokset.isdisjoint(req):
                    refs.discard(ref)
                    break
        return sorted(refs)

    def find(
        self, text: str, context: TurnContext = TurnContext(), *,
        blocked: set[str] | None = None,
    ) -> list[Hit]:
        """The hits on one turn. ``blocked`` (if given) collects the labels of rules whose pattern
        matched but was set aside as negated, reported speech or excluded: evidence against."""
        lowered = tx.normalise(tx.unwrap(text))  # a line break inside a sentence is a space
        folded, cuts = _fold(lowered)
        toks = tx.tokens(folded)
        bigrams = _bigrams(toks)
        hits = self._find_read(text, folded, cuts, context, blocked, words=(toks, bigrams))
        stretched = cuts is not None and _STRETCHED.search(lowered) is not None
        spoken = _maybe_spoken(toks, bigrams)
        if not stretched and not spoken:
            return hits  # most turns: one reading
        # "sorrrry" read with one letter is "sory": read it again (``_REREADINGS``), and "i want
        # to to die" without the words said twice (``_SPOKEN``); keep what that finds of rules
        # the first reading did not (unless its hits cancel it there).
        readings = [(letters, False) for letters in _REREADINGS if stretched]
        if spoken:
            readings.append(((1, 1), True))
        for letters, fluent in readings:
            again, again_cuts = _fold(lowered, letters, spoken=fluent)
            if fluent and again == folded:
                continue  # no filler and nothing said twice after all ("the er", "i love you i")
            _merge(hits, self._find_read(text, again, again_cuts, context, blocked))
        return hits

    def _find_read(
        self, text: str, folded: str, cuts: tuple[list[int], list[int]] | None,
        context: TurnContext, blocked: set[str] | None, *,
        words: tuple[list[str], set[str]] | None = None,
    ) -> list[Hit]:
        """``find`` on ``text`` as folded to ``folded`` (with its ``cuts``, and its tokens and
        bigrams if known), and respelled where it holds textspeak, misspellings or dialect
        spellings (``spelling``): "i wna kil myslf" is read as "i wanna kill myself". Where a
        word it changed is one that patterns spell as typed ("u", "ur", "thx"), the turn is read
        as typed too, and what that finds on the changed words counts as well: rules written for
        the typed words themselves still read them."""
        toks, bigrams = words if words is not None else (tx.tokens(folded), None)
        if bigrams is None:
            bigrams = _bigrams(toks)
        respelt = _respelt(folded, toks, bigrams)
        if respelt is None:  # most turns
            return self._find_folded(text, folded, cuts, context, blocked, words=(toks, bigrams))
        hits = self._find_folded(text, respelt.text, cuts, context, blocked, respelt=respelt)
        changed = [(start, end) for start, end in respelt.changes()
                   if folded[start:end] not in SAME_TO_THE_RULES
                   and self._spelled_as_typed(folded[start:end])]
        if changed:
            if cuts:
                changed = [(_uncut(cuts, start, bisect_right), _uncut(cuts, end, bisect_left))
                           for start, end in changed]
            _merge(hits, [h for h in self._find_folded(text, folded, cuts, context, blocked,
                                                       words=(toks, bigrams))
                          if _overlaps(changed, h.start, h.end)])
        return hits

    def _spelled_as_typed(self, word: str) -> bool:
        """Whether some pattern spells ``word`` as a word of its own (cached)."""
        found = self._as_typed.get(word)
        if found is None:
            patterns = self._as_typed.get("")
            if not isinstance(patterns, str):  # all the patterns' text, once
                patterns = self._as_typed[""] = "\n".join(p.pattern for p in self._pattern_of)
            found = self._as_typed[word] = _spells(patterns, word)
        return found is True

    def _find_folded(
        self, text: str, norm: str, cuts: tuple[list[int], list[int]] | None,
        context: TurnContext, blocked: set[str] | None, *,
        words: tuple[list[str], set[str]] | None = None, respelt: Respelling | None = None,
    ) -> list[Hit]:
        """``find`` on ``text`` as folded (with its ``cuts``) and respelled (``respelt``, if any)
        to ``norm`` (with its tokens and bigrams if known)."""
        toks, bigrams = words if words is not None else (tx.tokens(norm), None)
        candidates = self._candidate_ids(toks, context, bigrams)
        if not candidates:
            return []
        scan = _Scan(norm)
        hits: list[Hit] = []
        tried: dict[str, list[LazyPattern]] = {}  # each hit rule's patterns, to look again
        before: str | None = None
        pattern_of = self._pattern_of.__getitem__
        rules = self.rules
        for i, group in groupby(candidates, self._rule_of.__getitem__):
            rule = rules[i]
            patterns = list(map(pattern_of, group))
            if not rule.after:
                hit = _first_hit(rule, scan, patterns, blocked)
                if hit is not None:
                    hits.append(hit)
                    tried[rule.id] = patterns
                continue
            # What the other speaker said is checked only once the turn itself matched (the
            # turn's patterns are the selective part); evidence against counts only then too.
            against: set[str] | None = set() if blocked is not None else None
            hit = _first_hit(rule, scan, patterns, against)
            if hit is None and not against:
                continue
            if before is None:
                before = _read(tx.normalise(tx.unwrap(context.previous)))
            if not (before and any(p.search(before) for p in rule.after)):
                continue
            if against and blocked is not None:
                blocked |= against
            if hit is not None:
                hits.append(hit)
                tried[rule.id] = patterns
        if not hits:  # most turns
            return hits
        # Evidence covers whole words: a pattern that ends on a consuming character class or a
        # stem ("thank") would otherwise show "Nothing. W" or "easier if I just was(n't)".
        hits = [Hit(h.rule, *_trimmed(norm, *_whole_words(norm, h.start, h.end)))
                for h in _apply_suppression(hits, scan, tried)]
        if respelt is not None:
            hits = [Hit(h.rule, *respelt.original(h.start, h.end)) for h in hits]
        if cuts:
            hits = [Hit(h.rule, _uncut(cuts, h.start, bisect_right),
                        _uncut(cuts, h.end, bisect_left)) for h in hits]
        if not text.isascii():  # an emoji with a skin tone is several characters but one picture
            hits = [Hit(h.rule, *_whole_graphemes(text, h.start, h.end)) for h in hits]
        return hits


_APOSTROPHES: Final = "'\u2019"


def _splits_a_word(text: str, at: int) -> bool:
    """Whether a span boundary at ``at`` falls inside a word ("wasn't" counts as one word)."""
    if not 0 < at < len(text):
        return False
    before, after = text[at - 1], text[at]
    if before.isalnum() and after.isalnum():
        return True
    if before.isalnum() and after in _APOSTROPHES:
        return at + 1 < len(text) and text[at + 1].isalnum()
    return before in _APOSTROPHES and after.isalnum() and at >= 2 and text[at - 2].isalnum()


def _whole_words(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` so that it neither starts nor ends inside a word: widened to the whole
    word, except a last word the span holds one character of (a pattern that checks what comes
    next by consuming it: "Nothing. W"), which is left out."""
    while _splits_a_word(text, start):
        start -= 1
    if _splits_a_word(text, end):
        word = end - 1
        while _splits_a_word(text, word):
            word -= 1
        if end - word == 1 and word > start:
            end = word
            while end > start and text[end - 1].isspace():
                end -= 1
        else:
            while _splits_a_word(text, end):
                end += 1
    return start, end


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without the whitespace at its edges (unless that is all it holds)."""
    if start >= end or text[start:end].isspace():
        return start, end
    while text[start].isspace():
        start += 1
    while text[end - 1].isspace():
        end -= 1
    return start, end


def _fold(
    norm: str, letters: tuple[int, int] = (1, 1), *, spoken: bool = False,
) -> tuple[str, tuple[list[int], list[int]] | None]:
    """``norm`` as the patterns read it: each run of spaces one space, the invisible characters
    gone, each long run cut to its first ``_KEPT_RUN`` characters and each letter stretched three
    times or more cut to ``letters`` (of a vowel, of a consonant) (``_FOLD``); ``spoken``: the
    fillers and words said twice gone too (``_SPOKEN``). With the cuts (None if none): where each
    lies in the folded text, and how many characters were removed up to it."""
    if (not spoken and "  " not in norm
            and (norm.isascii() or _ANY_INVISIBLE.search(norm) is None)
            and _NON_WORDS.search(norm) is None):
        return norm, None  # most turns: single spaces, nothing invisible, no long runs
    parts: list[str] = []
    where: list[int] = []
    removed: list[int] = []
    last = total = 0
    for m in _FOLD[letters, spoken].finditer(norm):
        if m.lastgroup == "twice" and m["said"].rpartition(" ")[2] in _KEPT_TWICE:
            continue
        cut, resume = m.span(m.lastindex or 0)
        parts.append(norm[last:cut])
        where.append(cut - total)
        total += resume - cut
        removed.append(total)
        last = resume
    if not where:
        return norm, None
    parts.append(norm[last:])
    return "".join(parts), (where, removed)


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


def _merge(hits: list[Hit], more: Iterable[Hit]) -> None:
    """Add to ``hits`` (one reading's) those of ``more`` (another reading's) of rules that
    ``hits`` lacks, unless a hit in ``hits`` cancels it where the two overlap."""
    found = {h.rule.id for h in hits}
    for hit in more:
        against = [(h.start, h.end) for h in hits if hit.rule.label in h.rule.suppress]
        if hit.rule.id not in found and not _overlaps(against, hit.start, hit.end):
            hits.append(hit)
            found.add(hit.rule.id)


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


# What joins the character before it into one picture or letter: combining marks, the
# zero-width joiner, variation selectors, skin tones, emoji tags and the keycap.
_EXTENDS: Final = re.compile(
    "[\u0300-\u036f\u0483-\u0489\u0591-\u05bd\u0610-\u061a\u064b-\u065f\u0900-\u0903"
    "\u093a-\u094f\u1ab0-\u1aff\u1dc0-\u1dff\u200c\u200d\u20d0-\u20ff\ufe00-\ufe0f"
    "\ufe20-\ufe2f\U0001f3fb-\U0001f3ff\U000e0020-\U000e007f\U000e0100-\U000e01ef]"
)
_REGIONAL: Final = range(0x1F1E6, 0x1F200)  # two of these make a flag


def _in_grapheme(text: str, at: int) -> bool:
    """Whether ``at`` falls inside one character as a person sees it (a grapheme cluster): before
    a combining mark, a skin tone or a joiner, after a joiner between emoji, or between the two
    letters of a flag."""
    if not 0 < at < len(text):
        return False
    after = text[at]
    if _EXTENDS.match(after) or unicodedata.category(after) in ("Mn", "Me", "Mc"):
        return True
    before = text[at - 1]
    if before == "\u200d":
        return unicodedata.category(after) == "So"  # a joiner between letters joins nothing
    if ord(before) in _REGIONAL and ord(after) in _REGIONAL:
        first = at - 1  # flags pair up from the first of a run of regional letters
        while first > 0 and ord(text[first - 1]) in _REGIONAL:
            first -= 1
        return (at - first) % 2 == 1
    return False


def _whole_graphemes(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` widened so that it cuts no grapheme cluster in half (``🤦🏾‍♀️``)."""
    while _in_grapheme(text, start):
        start -= 1
    while _in_grapheme(text, end):
        end += 1
    return start, end


def _starts_evidence(char: str) -> bool:
    """A word character, or a symbol outside ASCII (an emoji can be the whole evidence)."""
    return char.isalnum() or (ord(char) > 127 and not char.isspace())


def _first_hit(
    rule: Rule, scan: _Scan, patterns: Sequence[LazyPattern], blocked: set[str] | None = None,
    avoid: Sequence[tuple[int, int]] = (),
) -> Hit | None:
    """The rule's first hit on the turn, leaving out any match that overlaps a span in
    ``avoid``."""
    norm = scan.norm
    if rule.match == "whole":
        start, end, core = scan.whole()
        if _overlaps(avoid, start, end):
            return None
        for pattern in patterns:
            if pattern.fullmatch(core):
                return Hit(rule, start, end)
        return None
    for pattern in patterns:
        compiled = pattern._compiled or pattern.compiled()
        if compiled.search(norm) is None:
            continue  # the usual case: a cheaper test than starting an iterator
        for m in compiled.finditer(norm):
            start, end = m.span()
            while start < end and not _starts_evidence(norm[start]):
                start += 1  # a pattern may anchor on punctuation; the evidence starts at a word
            if start == end or _overlaps(avoid, start, end):
                continue
            if (rule.quotes and tx.inside(scan.reported_spans(), start, end)) or (
                rule.negation and tx.negated(norm, start)
            ):
                if blocked is not None:
                    blocked.add(rule.label)
                continue
            if rule.exclude:
                s, e = scan.sentence(start)
                if end > e:  # the match runs on into later sentences: exclusions see them all
                    e = scan.sentence(end - 1)[1]
                # ... up to a few hundred characters either side: an exclusion such as "A, then
                # B later in the sentence" is quadratic in the sentence's length, and a pasted
                # message may be one sentence of thousands of words.
                s, e = max(s, start - EXCLUSION_REACH), min(e, end + EXCLUSION_REACH)
                seen = scan.excluded
                if seen is None:
                    seen = scan.excluded = {}
                excluded = seen.get((rule.id, s, e))
                if excluded is None:
                    sentence = norm[s:e]
                    excluded = seen[(rule.id, s, e)] = any(x.search(sentence)
                                                           for x in rule.exclude)
                if excluded:
                    if blocked is not None:
                        blocked.add(rule.label)
                    continue
            return Hit(rule, start, end)
    return None


def _overlaps(spans: Sequence[tuple[int, int]], start: int, end: int) -> bool:
    return any(start < e and s < end for s, e in spans)


def _apply_suppression(
    hits: list[Hit], scan: _Scan, tried: Mapping[str, Sequence[LazyPattern]],
) -> list[Hit]:
    """``hits`` less the evidence a more specific rule cancels where the two overlap. A rule
    whose hit is cancelled is looked for again outside the cancelling spans: "I'm sorry you
    think I was rude. That's on me" cancels the admission inside the non-apology, not the
    ownership after it."""
    suppressors = [h for h in hits if h.rule.suppress]
    if not suppressors:
        return hits
    kept = []
    for hit in hits:
        against = [(s.start, s.end) for s in suppressors
                   if s is not hit and hit.rule.label in s.rule.suppress]
        if not _overlaps(against, hit.start, hit.end):
            kept.append(hit)
        elif (again := _first_hit(hit.rule, scan, tried[hit.rule.id], avoid=against)) is not None:
            kept.append(again)
    return kept


# ---------------------------------------------------------------------------------------- loading


def parse_rules(
    data: Mapping[str, Any], source: str, *, splits: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, list[Rule]]:
    """Validate one rule file's parsed TOML and compile its rules. Returns (version, rules).

    ``splits`` gives each pattern's parts when they were cut before (the shipped
    ``_index.json``; a pattern missing from it is not cut), which saves cutting at start-up.
    """
    version = data.get("version")
    if not isinstance(version, str):
        raise RulesError(f'{source}: expected a top-level string "version"')
    defaults = data.get("defaults", {})
    unknown = set(defaults) - _DEFAULT_KEYS
    if unknown:
        raise RulesError(f"{source}: unknown keys in [defaults]: {sorted(unknown)}")
    shared = data.get("exclusions", {})
    if not isinstance(shared, dict) or not all(isinstance(v, str) for v in shared.values()):
        raise RulesError(f"{source}: [exclusions] must map names to pattern strings")
    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RulesError(f"{source}: expected at least one [[rule]]")
    return version, [_parse_rule(_with_shared({**defaults, **raw}, shared, source), source, splits)
                     for raw in raw_rules]


def _with_shared(raw: dict[str, Any], shared: Mapping[str, str], source: str) -> dict[str, Any]:
    """``raw`` with each ``"@name"`` in its ``exclude`` replaced by the file's ``[exclusions]``
    pattern of that name, so that several rules can share one exclusion."""
    exclude = raw.get("exclude")
    if not isinstance(exclude, list):
        return raw
    missing = [x[1:] for x in exclude
               if isinstance(x, str) and x.startswith("@") and x[1:] not in shared]
    if missing:
        raise RulesError(f"{source}: rule {raw.get('id')!r}: no exclusion named {missing[0]!r} "
                         "in [exclusions]")
    return {**raw, "exclude": [shared[x[1:]] if isinstance(x, str) and x.startswith("@") else x
                               for x in exclude]}


def _parse_rule(
    raw: Mapping[str, Any], source: str, splits: Mapping[str, Sequence[str]] | None = None,
) -> Rule:
    rule_id = raw.get("id")
    where = f"{source}: rule {rule_id!r}"
    if not isinstance(rule_id, str) or "/" not in rule_id:
        raise RulesError(f'{source}: every rule needs an "id" like "withdrawal/minimal-response-01"')
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
    label, subtype = raw.get("label"), raw.get("subtype")
    if label not in TAXONOMY:
        raise RulesError(f"{where}: label {label!r} is not in the taxonomy")
    if subtype not in TAXONOMY[label]:
        raise RulesError(f"{where}: subtype {subtype!r} is not one of {TAXONOMY[label]}")
    context = raw.get("context", "any")
    if context not in _CONTEXTS:
        raise RulesError(f"{where}: context must be one of {sorted(_CONTEXTS)}")
    match = raw.get("match", "search")
    if match not in ("search", "whole"):
        raise RulesError(f'{where}: match must be "search" or "whole"')
    positive = tuple(_example(x, where) for x in raw.get("positive", ()))
    negative = tuple(_example(x, where) for x in raw.get("negative", ()))
    if not positive or not negative:
        raise RulesError(f"{where}: needs at least one positive and one negative example")
    patterns = _compile(raw.get("patterns"), where, written=True)
    patterns = tuple(LazyPattern(optional_apostrophes(part), where)
                     for p in patterns
                     for part in (split_alternatives(p.pattern) if splits is None
                                  else splits.get(p.pattern, (p.pattern,))))
    return Rule(
        id=rule_id, label=label, subtype=subtype,
        patterns=patterns,
        match=match, context=context,
        negation=raw.get("negation", "block") == "block",
        quotes=raw.get("quotes", "block") == "block",
        exclude=_compile(raw.get("exclude", []), where, allow_empty=True),
        max_words=raw.get("max_words"),
        after=_compile(raw.get("after", []), where, allow_empty=True),
        weight=float(raw.get("weight", 0.8)),
        suppress=tuple(raw.get("suppress", ())),
        positive=positive, negative=negative, source_file=source,
    )


_BACKREF: Final = re.compile(r"\\[1-9]|\(\?P=")


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


def _compile(
    patterns: object, where: str, *, allow_empty: bool = False, written: bool = False,
) -> tuple[LazyPattern, ...]:
    """``patterns`` as lazy patterns that accept contractions typed without their apostrophe
    (``written``: as written, for a rule's patterns, which are cut into parts first)."""
    if not isinstance(patterns, list) or (not patterns and not allow_empty):
        raise RulesError(f'{where}: expected "patterns" to be a list of regular expressions')
    return tuple(LazyPattern(str(p) if written else optional_apostrophes(str(p)), where)
                 for p in patterns)


def _example(raw: object, where: str) -> Example:
    if isinstance(raw, str):
        return Example(raw)
    if isinstance(raw, Mapping) and isinstance(raw.get("text"), str):
        return Example(raw["text"], tuple(str(b) for b in raw.get("before", ())))
    raise RulesError(f'{where}: an example is a string or {{text = "...", before = ["..."]}}')


RULE_FILES: Final = (
    "withdrawal", "confrontation", "invalidation", "acknowledge", "responsibility", "validate",
    "feeling", "request", "reconnect",
)


INDEX_FILE: Final = "_index.json"


def rule_sources(names: Iterable[str] = ("crisis", *RULE_FILES)) -> dict[str, str]:
    """The text of each packaged rule file, by name."""
    base = resources.files("mendkit") / "rules"
    return {name: (base / f"{name}.toml").read_text(encoding="utf-8") for name in names}


def sources_digest(sources: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name].encode() + b"\0")
    return digest.hexdigest()


def _shipped_index(sources: Mapping[str, str]) -> dict[str, Any] | None:
    """Pattern splits and requirements saved by ``write_index``, if made from these very rules."""
    path = resources.files("mendkit") / "rules" / INDEX_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("digest") != sources_digest(sources):
        return None  # stale: derive at run time (slower start, same results)
    return data if isinstance(data.get("splits"), dict) else None


def build_index(names: Iterable[str] = ("crisis", *RULE_FILES)) -> dict[str, Any]:
    """The content of ``_index.json`` for the packaged rules (see ``make rules-index``)."""
    sources = rule_sources(names)
    rules = load_files(names, use_index=False).rules
    patterns = {
        index_key(rule, p): [sorted(r) for r in requirements(rule, p)]
        for rule in rules for p in rule.patterns
    }
    splits = {
        written: parts
        for text in sources.values() for raw in tomllib.loads(text).get("rule", ())
        for written in raw.get("patterns", ())
        if len(parts := split_alternatives(written)) > 1
    }
    return {"digest": sources_digest(sources), "splits": dict(sorted(splits.items())),
            "patterns": dict(sorted(patterns.items()))}


def load_files(names: Iterable[str], *, use_index: bool = True) -> RuleSet:
    rules: list[Rule] = []
    versions: dict[str, str] = {}
    seen: set[str] = set()
    names = tuple(names)
    sources = rule_sources(names)
    index = _shipped_index(rule_sources()) if use_index else None
    for name in names:
        source = f"rules/{name}.toml"
        try:
            data = tomllib.loads(sources[name])
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{source}: not valid TOML: {exc}") from None
        version, file_rules = parse_rules(data, source,
                                          splits=index["splits"] if index else None)
        versions[name] = version
        for rule in file_rules:
            if rule.id in seen:
                raise RulesError(f"{source}: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        rules.extend(file_rules)
    return RuleSet.build(rules, versions, known=index["patterns"] if index else None)


@once
def engine_rules() -> RuleSet:
    """Crisis and marker rules in one index: one pass over a turn finds both."""
    return load_files(("crisis", *RULE_FILES))


def write_index() -> None:
    """Rewrite the shipped ``_index.json`` (run from a source checkout: ``make rules-index``)."""
    target = resources.files("mendkit") / "rules" / INDEX_FILE
    with resources.as_file(target) as path:
        path.write_text(json.dumps(build_index(), indent=0, ensure_ascii=False) + "\n",
                        encoding="utf-8")
