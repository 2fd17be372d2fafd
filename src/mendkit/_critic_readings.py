"""How the critic reads one flagged phrase: which reading fits it best, whether it is reported,
listed or part of a pile of apologies, and the further verdicts the rules name only once.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Sequence
from dataclasses import replace
from typing import Final

from mendkit._critic_care import own_past_words
from mendkit._critic_cuts import _issue_kind
from mendkit._critic_signs import (
    _BETTER_READINGS,
    _READ_BETTER_AS,
    _REPORTED_RE,
    _REPORTED_REACH,
    _SORRY_PILE_RE,
    VALIDATING_NEVER_RE,
    YOU_ALWAYS_RE,
)
from mendkit._rewrite import CLAUSE_END_RE, Fix
from mendkit.analysis.rules import engine_rules
from mendkit.analysis.text import Sentences
from mendkit.model import Issue, TurnAnalysis

# Kinds that the writer's own past words, named to own them, do not carry now.
_OWNABLE: Final = frozenset({"always_never", "criticism", "contempt", "hostility"})
# "sorry if I did something", "if I've said anything", "if I upset you somehow": an act the
# writer does not know of.
_UNKNOWN_ACT_RE: Final = re.compile(
    r"\bif\s+i(?:['\u2019]ve|\s+have)?\s+(?:did|done|said|do|say)\s+(?:something|anything)\b"
    r"|\bif\s+i\s+\w+(?:\s+\w+)?\s+somehow\b", re.IGNORECASE)


def _clause_end(text: str, end: int) -> int:
    stop = CLAUSE_END_RE.search(text, end)
    return stop.start() if stop else len(text)


_MORE_VERDICTS: Final = 20  # sentences looked at again, at most: a long paste stays quick


def _more_verdicts(sentences: Sentences, issues: list[Issue], muted: frozenset[str],
                   sided: Sequence[tuple[int, int]] = ()) -> list[tuple[int, int]]:
    """The "you always/never" verdicts not yet flagged: a rule names its first hit only ("You
    always interrupt. You never help.", "You always interrupt and you never help."). Each
    sentence is read by the rules alone, with the verdicts already found in it (and the
    "never"s that take their side, ``sided``) blanked out, so the rules name the next one; "you
    always make me laugh" is no verdict. ``muted`` are rules the person turned off."""
    text = sentences.text
    rules = engine_rules()
    known = [*sided, *((i.start, i.end) for i in issues
                       if i.kind in ("always_never", "criticism"))]
    found: list[tuple[int, int]] = []
    seen: set[tuple[int, int]] = set()
    for m in YOU_ALWAYS_RE.finditer(text):
        bounds = sentences.bounds(m.start())
        if bounds in seen:
            continue
        if len(seen) >= _MORE_VERDICTS:
            break
        seen.add(bounds)
        s_start, s_end = bounds
        blanked = [span for span in known if span[0] < s_end and s_start < span[1]]
        pending: list[tuple[int, int]] = []
        for c in YOU_ALWAYS_RE.finditer(text, s_start, s_end):
            if any(a < c.end() and c.start() < b for a, b in blanked):
                continue
            if VALIDATING_NEVER_RE.match(text, c.end()) or own_past_words(text, c.start()):
                blanked.append(c.span())  # its "never" takes their side: the next may not
            else:
                pending.append(c.span())
        while pending:
            sentence = _blanked(text, s_start, s_end, blanked)
            hits = [(s_start + h.start, s_start + h.end) for h in rules.find(sentence)
                    if h.rule.id not in muted and _issue_kind(
                        h.rule.label, h.rule.subtype, f"rule:{h.rule.id}",
                        sentence[h.start:h.end]) == "always_never"]
            named = [p for p in pending if any(a < p[1] and p[0] < b for a, b in hits)]
            if not named:
                break
            found.extend(named)
            blanked.extend(named)
            pending = [p for p in pending if p not in named]
    return sorted(found)


def _blanked(text: str, start: int, end: int, spans: Sequence[tuple[int, int]]) -> str:
    """``text[start:end]`` with the letters of each of ``spans`` (inside it) as "x"s: the same
    length, so the rules' offsets still hold, and no longer words a rule looks for."""
    chars = list(text[start:end])
    for a, b in spans:
        for i in range(max(a, start), min(b, end)):
            if chars[i - start].isalnum():
                chars[i - start] = "x"
    return "".join(chars)


def _on_the_pile(text: str, issue: Issue, fixes: list[Fix]) -> Issue:
    """Too much apology, on its pile of "sorry"s ("I'm sorry, I'm sorry, I'm sorry") when there
    is one, with the fix that keeps one apology (appended to ``fixes``): the first, or, when
    another fix starts on the last of the pile ("..., I'm sorry if you were hurt"), that one."""
    pile = next((m for m in _SORRY_PILE_RE.finditer(text)
                 if m.start() <= issue.start < m.end()), None) \
        or _SORRY_PILE_RE.search(text)
    if pile is None:
        return issue
    inside = [f.start for f in fixes if pile.start() < f.start < pile.end()]
    fixes.append(Fix(pile.start(), inside[0], "") if inside
                 else Fix(pile.start(), pile.end(), pile.group("first")))
    return replace(issue, start=pile.start(), end=pile.end())


def _one_reading(issues: list[Issue]) -> list[Issue]:
    """One explanation per phrase (see ``_READ_BETTER_AS``): a complaint called "fair" is not
    also a criticism or an "always/never"; of two of a kind on the same words ("I felt hurt
    when you" and "when you left"), the one on fewer of them; and pieces of one kind whose
    words run into each other, saying the same, one issue over them all (``_said_once``)."""
    better = [o for o in issues if o.kind in _BETTER_READINGS]  # few: no pairwise scan of all
    read = [i for i in issues
            if i.kind not in _READ_BETTER_AS
            or not any(o.kind in _READ_BETTER_AS[i.kind] and o.start < i.end and i.start < o.end
                       for o in better)]
    merged: list[tuple[Issue, Issue]] = []  # (the issue read first, what is shown for it)
    cluster: list[Issue] = []  # issues of one kind whose spans run into each other
    for issue in [*sorted(read, key=lambda i: (i.kind, i.start)), None]:
        if cluster and (issue is None or issue.kind != cluster[0].kind
                        or issue.start >= max(c.end for c in cluster)):
            chosen: list[Issue] = []
            for c in sorted(cluster, key=lambda i: (i.end - i.start, i.start)):
                if not any(k.start < c.end and c.start < k.end for k in chosen):
                    chosen.append(c)
            merged.extend(_said_once(chosen))
            cluster = []
        if issue is not None:
            cluster.append(issue)
    order = {id(i): n for n, i in enumerate(read)}
    return [shown for _, shown in sorted(merged, key=lambda pair: order[id(pair[0])])]


def _said_once(chosen: list[Issue]) -> list[tuple[Issue, Issue]]:
    """The issues kept from one cluster, each explanation once: pieces of one kind that say the
    same thing (round eighteen: "come on, just come over" and "don't be like that" after a no,
    each found by a rule of its own, joined by a third rule's reach over both) become one issue
    over all their words, which run into each other through the cluster. Each comes with the
    issue it was read from, which keeps its place in the list."""
    said: dict[tuple[str, str], list[Issue]] = {}
    for issue in chosen:
        said.setdefault((issue.message, issue.suggestion), []).append(issue)
    out: list[tuple[Issue, Issue]] = []
    for same in said.values():
        first = min(same, key=lambda i: i.start)
        out.append((first, first if len(same) == 1 else
                    replace(first, end=max(i.end for i in same))))
    return out


def _reported(sentences: Sentences, quotes: list[int], start: int) -> bool:
    """Whether the words at ``start`` are someone else's, reported or in quotation marks (an odd
    number of them opened earlier in the sentence); ``quotes`` holds their offsets, in order."""
    s_start = sentences.bounds(start)[0]
    before = sentences.text[max(s_start, start - _REPORTED_REACH):start]
    opened = bisect_left(quotes, start) - bisect_left(quotes, s_start)
    return bool(_REPORTED_RE.search(before)) or opened % 2 == 1


def _listed(items: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return items[0] if len(items) == 1 else f"{', '.join(items[:-1])} and {items[-1]}"


def _kept_apology(turn: TurnAnalysis, text: str, start: int, apology: int, but: int) -> str:
    """What the "sorry, but" example keeps of the sentence before its "but": all of it, or from
    the apology (at ``apology``) on when a clause before it is flagged itself ("You never listen,
    and I'm sorry" would recommend the "You never" another issue flags)."""
    flagged = any(ev.label.startswith("rupture.") and ev.source.startswith("rule:")
                  and start <= ev.start < apology for ev in turn.evidence)
    if flagged and start < apology < but:
        kept = text[apology:but].strip().rstrip(" ,")
        return kept[:1].upper() + kept[1:]
    return text[start:but].strip().rstrip(" ,")


def _example_before_but(turn: TurnAnalysis, kept: str, start: int, end: int) -> str:
    """The "sorry, but" suggestion's example: the apology before the "but", unless that part is
    itself a non-apology ("Sorry you feel that way"), which is no fix at all."""
    if any(ev.label == "rupture.invalidation" and ev.subtype == "non_apology"
           and "-but-" not in ev.source and start <= ev.start and ev.end <= end
           for ev in turn.evidence):
        return (f"What comes before it, \"{kept}\", is a non-apology too: it does not say "
                "what you did. Own your part instead, for example: \"I'm sorry I ...\".")
    if re.fullmatch(r"(?:(?:so|really|very|truly) )*(?:sorry|soz|sry)", kept, re.IGNORECASE):
        # A bare "sorry" owns nothing (round seventeen): the example names the act.
        return "For example: \"I'm sorry I ...\", with what you did in your own words."
    return f"For example: \"{kept}.\"" if kept else ""
