"""The analyse page's timeline as plain values: turns by speaker, evidence spans to mark, episodes
as bands. Kept free of HTML (the template escapes everything)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from mendkit.model import Analysis


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mark: str | None = None  # an id for a marked span, None for plain text
    kind: str = ""  # the label family, for the colour (rupture, repair, reconnect, risk, issue)
    title: str = ""  # shown on hover; the same words are in the element aria-describedby names


@dataclass(frozen=True, slots=True)
class Row:
    index: int
    speaker: str
    side: int  # which speaker column, 0 or more
    segments: tuple[Segment, ...]
    labels: tuple[str, ...]
    evidence: tuple[tuple[str, str, str, str], ...]  # (mark id, label, subtype, text)
    episode: int | None
    episode_status: str
    episode_start: bool


def family(label: str) -> str:
    return label.split(".", 1)[0]


def highlight(text: str, spans: Sequence[tuple[int, int, str]], kind: str = "issue",
              kinds: dict[str, str] | None = None,
              titles: dict[str, str] | None = None) -> tuple[Segment, ...]:
    """Split ``text`` into plain and marked segments; overlapping spans keep the earlier one."""
    out: list[Segment] = []
    at = 0
    for first, last, mark in sorted(spans):
        start, end = max(first, at), min(last, len(text))
        if end <= start:
            continue
        if start > at:
            out.append(Segment(text[at:start]))
        out.append(Segment(text[start:end], mark, (kinds or {}).get(mark, kind),
                           (titles or {}).get(mark, "")))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return tuple(out)


def timeline(analysis: Analysis, *, label: str | None = None) -> list[Row]:
    episode_of: dict[int, int] = {}
    for number, band in enumerate(analysis.episodes, 1):
        for index in range(band.start_turn, band.end_turn + 1):
            episode_of.setdefault(index, number)
    sides = {s: n for n, s in enumerate(analysis.speakers)}
    rows = []
    for turn in analysis.turns:
        if label is not None and label not in turn.labels:
            continue
        marks = [(e.start, e.end, f"ev-{turn.index}-{n}") for n, e in enumerate(turn.evidence)
                 if e.end > e.start]
        kinds = {f"ev-{turn.index}-{n}": family(e.label) for n, e in enumerate(turn.evidence)}
        titles = {f"ev-{turn.index}-{n}": e.label + (f" ({e.subtype})" if e.subtype else "")
                  for n, e in enumerate(turn.evidence)}
        ep = episode_of.get(turn.index)
        episode = analysis.episodes[ep - 1] if ep else None
        rows.append(Row(
            index=turn.index, speaker=turn.speaker, side=sides.get(turn.speaker, 0) % 2,
            segments=highlight(turn.text, marks, kinds=kinds, titles=titles), labels=turn.labels,
            evidence=tuple((f"ev-{turn.index}-{n}", e.label, e.subtype or "", e.text)
                           for n, e in enumerate(turn.evidence)),
            episode=ep, episode_status=episode.status if episode else "",
            episode_start=episode is not None and episode.start_turn == turn.index))
    return rows
