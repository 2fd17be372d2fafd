"""The analyse page's timeline as plain values: turns by speaker, evidence spans to mark, episodes
as bands. Kept free of HTML (the template escapes everything)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from mendkit._elapsed import elapsed, people
from mendkit.model import Analysis, Episode, Evidence

_LANES = 6  # lanes the page's style sheet steps in, one a speaker, in a group


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mark: str | None = None  # the innermost span marking these words, None for plain text
    kind: str = ""  # its label family, for the colour (rupture, repair, reconnect, risk, issue)
    title: str = ""  # what every span here is, shown when the mark has focus or the pointer
    marks: tuple[str, ...] = ()  # every span covering these words, innermost first


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
    episode_detail: str = ""  # who repaired, whether it was taken up, how long it took
    episode_between: str = ""  # in a group, who the episode is between ("Dita and Eli")


def family(label: str) -> str:
    return label.split(".", 1)[0]


def highlight(text: str, spans: Sequence[tuple[int, int, str]], kind: str = "issue",
              kinds: dict[str, str] | None = None,
              titles: dict[str, str] | None = None) -> tuple[Segment, ...]:
    """Split ``text`` into plain and marked segments. Spans may overlap or nest (a whole-turn
    span around precise ones): the text is cut at every span's edges, and each piece names every
    span covering it, the innermost first (of two with the same bounds, the one given first), so
    every span keeps a mark of its own words and the precise one sets the colour.

    >>> [(s.text, s.marks) for s in highlight("You never listen", [(0, 16, "a"), (4, 9, "b")])]
    [('You ', ('a',)), ('never', ('b', 'a')), (' listen', ('a',))]
    """
    clipped = [(max(first, 0), min(last, len(text)), mark) for first, last, mark in spans]
    clipped = [(first, last, mark) for first, last, mark in clipped if last > first]
    order = {mark: n for n, (_, _, mark) in enumerate(clipped)}
    edges = sorted({0, len(text)} | {x for first, last, _ in clipped for x in (first, last)})
    out: list[Segment] = []
    for start, end in pairwise(edges):
        covering = sorted((last - first, order[mark], mark) for first, last, mark in clipped
                          if first <= start and end <= last)
        marks = tuple(dict.fromkeys(mark for _, _, mark in covering))
        if out and out[-1].marks == marks:  # the same spans go on: one segment
            out[-1] = replace(out[-1], text=out[-1].text + text[start:end])
        elif not marks:
            out.append(Segment(text[start:end]))
        else:
            title = "; ".join(dict.fromkeys(t for t in ((titles or {}).get(m, "") for m in marks)
                                            if t))
            out.append(Segment(text[start:end], marks[0], (kinds or {}).get(marks[0], kind),
                               title, marks))
    return tuple(out)


def distinct_evidence(evidence: Sequence[Evidence], *, prefix: str
                      ) -> list[tuple[str, Evidence]]:
    """The evidence a page shows, each with its mark id: one per (label, subtype, span), the
    first. Several rules often find the same words ("Fine" is a minimal response to five of
    them); the rule ids that tell them apart stay in the JSON export. A mark id keeps the
    evidence's place in the full list (``prefix-n``), so it is the same whatever else is shown.
    """
    seen: set[tuple[str, str | None, int, int]] = set()
    shown = []
    for n, e in enumerate(evidence):
        if (e.label, e.subtype, e.start, e.end) not in seen:
            seen.add((e.label, e.subtype, e.start, e.end))
            shown.append((f"{prefix}-{n}", e))
    return shown


def episodes_by_turn(episodes: Sequence[Episode]) -> dict[int, int]:
    """Each turn's episode (numbered from 1). In a group two episodes can run at once (one pair's
    quarrel inside another's): a turn belongs to the episode that holds it as a rupture, repair
    or uptake, else to the first whose span covers it."""
    out: dict[int, int] = {}
    for number, ep in enumerate(episodes, 1):
        for index in (*ep.rupture_turns, *ep.repair_turns, *ep.reconnect_turns):
            out.setdefault(index, number)
    for number, ep in enumerate(episodes, 1):
        for index in range(ep.start_turn, ep.end_turn + 1):
            out.setdefault(index, number)
    return out


def episode_detail(ep: Episode) -> str:
    """What the terminal's episode table says beyond the status, as a sentence: "Repair by Greg,
    taken up; 9 turns (1 min) to repair.", and who of its people left the group chat ("No repair
    yet. Nadia left the group after turn 14.")."""
    gone = "".join(f" {leave.speaker} left the group after turn {leave.after_turn}."
                   for leave in ep.left)
    return (_repair_detail(ep) + gone).strip()


def _repair_detail(ep: Episode) -> str:
    if ep.initiator is None:
        return "No repair yet." if ep.status == "unresolved" else ""
    taken = "taken up" if ep.taken_up else "not taken up yet"
    when = ""
    if ep.turns_to_repair is not None:
        turns = f"{ep.turns_to_repair} turn{'' if ep.turns_to_repair == 1 else 's'}"
        took = f" ({elapsed(ep.seconds_to_repair)})" if ep.seconds_to_repair is not None else ""
        when = f"; {turns}{took} to repair"
    return f"Repair by {ep.initiator}, {taken}{when}."


def timeline(analysis: Analysis, *, label: str | None = None) -> list[Row]:
    """The turns as rows (with ``label``, only the turns that have it). With two speakers each
    has a side; in a group each speaker has a lane of their own."""
    episode_of = episodes_by_turn(analysis.episodes)
    group = len(analysis.speakers) > 2
    if group:  # the page steps six lanes in; a seventh speaker shares the last
        sides = {s: min(n, _LANES - 1) for n, s in enumerate(analysis.speakers)}
    else:
        sides = {s: n % 2 for n, s in enumerate(analysis.speakers)}
    rows = []
    for turn in analysis.turns:
        if label is not None and label not in turn.labels:
            continue
        shown = distinct_evidence(turn.evidence, prefix=f"ev-{turn.index}")
        marks = [(e.start, e.end, mark) for mark, e in shown if e.end > e.start]
        kinds = {mark: family(e.label) for mark, e in shown}
        titles = {mark: e.label + (f" ({e.subtype})" if e.subtype else "") for mark, e in shown}
        ep = episode_of.get(turn.index)
        episode = analysis.episodes[ep - 1] if ep else None
        rows.append(Row(
            index=turn.index, speaker=turn.speaker, side=sides.get(turn.speaker, 0),
            segments=highlight(turn.text, marks, kinds=kinds, titles=titles), labels=turn.labels,
            evidence=tuple((mark, e.label, e.subtype or "", e.text) for mark, e in shown),
            episode=ep, episode_status=episode.status if episode else "",
            episode_start=episode is not None and episode.start_turn == turn.index,
            episode_detail=episode_detail(episode) if episode else "",
            episode_between=people(episode.between) if episode and group else ""))
    return rows
