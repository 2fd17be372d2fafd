"""The compiled, indexed set of rules (``RuleSet``) and its ``find``: each pattern is tried only
on the turns holding its trigger words, on every reading of the turn. Part of the rules layer
(:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import chain, groupby, product
from typing import Final

from mendkit.analysis import text as tx
from mendkit.analysis.rule_matching import _apply_suppression, _first_hit, _merge, _overlaps, _Scan
from mendkit.analysis.rule_model import Hit, Rule, TurnContext, index_key, requirements
from mendkit.analysis.rule_patterns import LazyPattern
from mendkit.analysis.rule_reading import (
    _REREADINGS,
    _STRETCHED,
    _bigrams,
    _fold,
    _maybe_spoken,
    _read,
    _reads_the_same_spoken,
    _respelt,
    _spells,
    _uncut,
    stage_directions,
)
from mendkit.analysis.rule_spans import _trimmed, _whole_graphemes, _whole_words
from mendkit.analysis.spelling import SAME_TO_THE_RULES, Respelling
from mendkit.analysis.triggers import edge_keys

PatternId = int  # a pattern's place among all the set's patterns, in rule then pattern order
# What one trigger key brings in: patterns, and the patterns it brings in with a second key.
_Entry = tuple[frozenset[PatternId], Mapping[str, tuple[PatternId, ...]] | None]
_CACHE_LIMIT: Final = 200_000
_MAX_PAIRS: Final = 64


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
        shared: dict[frozenset[str], frozenset[str]] = {}  # one object for equal requirements
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
                required = tuple(shared.setdefault(r, r) for r in map(frozenset, raw))
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

    def compile_all(self) -> int:
        """Compile every pattern now (each rule's patterns, exclusions and patterns for the turn
        before), and gather the patterns' text that respelled words are looked up in; returns
        how many patterns there are. A server does this before its first request: compiled on
        first use, the patterns a first few requests meet cost them about a second."""
        patterns = [*self._pattern_of,
                    *chain.from_iterable((*rule.exclude, *rule.after, *rule.not_after)
                                         for rule in self.rules)]
        for pattern in patterns:
            pattern.compiled()
        self._patterns_text()
        return len(patterns)

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
            # (``-`` walks the turn's few patterns; ``difference`` with a second set walks it)
            refs = (refs - self._off_in_context[(context.tension, context.after_repair,
                                                 context.other_tension)]
                    - too_long[min(len(toks), len(too_long) - 1)])
        needs = self._also_needs
        missing: dict[frozenset[str], bool] = {}  # many patterns need the same words
        for ref in refs & self._needy:
            for req in needs[ref]:
                lacks = missing.get(req)
                if lacks is None:
                    lacks = missing[req] = tokset.isdisjoint(req)
                if lacks:
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
        # ("[inaudible]", "(laughs)": a transcriber's note inside a phrase, ``spoken``)
        spoken = _maybe_spoken(toks, bigrams) or "[" in lowered or "(" in lowered
        edges = stage_directions(lowered) if spoken else []
        if not stretched and not spoken:
            return hits  # most turns: one reading
        # "sorrrry" read with one letter is "sory": read it again (``_REREADINGS``), and "i want
        # to to die" without the words said twice (``_SPOKEN``); keep what that finds of rules
        # the first reading did not (unless its hits cancel it there).
        readings = [(letters, False) for letters in _REREADINGS if stretched]
        if spoken:
            readings.append(((1, 1), True))
        for letters, fluent in readings:
            if fluent and cuts is None and _reads_the_same_spoken(lowered, toks, bigrams):
                continue  # the same text again, shown without folding it
            again, again_cuts = _fold(lowered, letters, spoken=fluent)
            if fluent and again == folded:
                continue  # no filler and nothing said twice after all ("the er", "i love you i")
            _merge(hits, self._find_read(text, again, again_cuts, context, blocked))
        if edges:
            # "[sighs] Okay.": the words said, without the stage direction (``stage_directions``)
            again, again_cuts = _fold(lowered, spoken=True, also=edges)
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
            found = self._as_typed[word] = _spells(self._patterns_text(), word)
        return found is True

    def _patterns_text(self) -> str:
        """All the patterns' text, one a line (joined once)."""
        patterns = self._as_typed.get("")
        if not isinstance(patterns, str):
            patterns = self._as_typed[""] = "\n".join(p.pattern for p in self._pattern_of)
        return patterns

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
                if hit is not None and rule.not_after:
                    if before is None:
                        before = _read(tx.normalise(tx.unwrap(context.previous)))
                    if before and any(p.search(before) for p in rule.not_after):
                        continue
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
