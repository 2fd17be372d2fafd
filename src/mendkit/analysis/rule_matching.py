"""One rule on one turn: its first hit, set aside when negated, in reported speech or excluded
(``_first_hit``); the evidence a more specific rule cancels (``_apply_suppression``); and the hits
of a second reading of the turn (``_merge``). Part of the rules layer
(:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Final

from mendkit.analysis import text as tx
from mendkit.analysis.rule_model import Hit, Rule
from mendkit.analysis.rule_patterns import LazyPattern

# What a "whole" rule's turn loses at its end, with any whitespace.
_TRAILING_MARKS: Final = frozenset(".!?,;:…~*)(\"'-")


_LEADING: Final = re.compile(r"^[\s\"'(*-]+")


EXCLUSION_REACH: Final = 600  # characters of the sentence an exclusion sees before and after


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


def _merge(hits: list[Hit], more: Iterable[Hit]) -> None:
    """Add to ``hits`` (one reading's) those of ``more`` (another reading's) of rules that
    ``hits`` lacks, unless a hit in ``hits`` cancels it where the two overlap."""
    found = {h.rule.id for h in hits}
    for hit in more:
        against = [(h.start, h.end) for h in hits if hit.rule.label in h.rule.suppress]
        if hit.rule.id not in found and not _overlaps(against, hit.start, hit.end):
            hits.append(hit)
            found.add(hit.rule.id)


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
