"""The analyse page's timeline as plain values: turns by speaker, evidence spans to mark, episodes
as bands. Kept free of HTML (the template escapes everything)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import pairwise

from mendkit._elapsed import elapsed, people
from mendkit.model import Analysis, CheckResult, Episode, Evidence

_LANES = 6  # lanes the page's style sheet steps in, one a speaker, in a group


@dataclass(frozen=True, slots=True)
class Segment:
    text: str
    mark: str | None = None  # the innermost span marking these words, None for plain text
    kind: str = ""  # its label family, for the colour (rupture, repair, reconnect, risk, issue)
    title: str = ""  # what every span here is, shown when the mark has focus or the pointer
    marks: tuple[str, ...] = ()  # every span covering these words, innermost first
    parts: tuple[Segment, ...] = ()  # in one focus stop for several spans, its pieces


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
    stops: tuple[Segment, ...] = ()  # the text as the page marks it: one focus stop a cluster
    chips: tuple[tuple[str, str], ...] = ()  # (label, its plain words) for each label
    described: tuple[tuple[str, str], ...] = ()  # (mark id, what it is in words) for each item


# A label's chip in plain words; the label's own name stays in the tips, the details and the
# exports (JSON and CSV keep the names).
LABEL_WORDS = {
    "rupture.withdrawal": "withdrawing", "rupture.confrontation": "confronting",
    "rupture.invalidation": "invalidating", "repair.acknowledge": "acknowledging",
    "repair.responsibility": "taking responsibility", "repair.validate": "validating",
    "repair.feeling": "sharing a feeling", "repair.request": "asking or promising",
    "reconnect": "reconnecting", "risk.crisis": "possible crisis sign",
}
_SUBTYPE_WORDS = {"non_apology": "non-apology", "self_harm": "self-harm",
                  "abuse_danger": "danger from someone else"}


def label_words(label: str) -> str:
    """A label as a chip says it: ``validating`` for ``repair.validate``."""
    return LABEL_WORDS.get(label, label.rsplit(".", 1)[-1].replace("_", " "))


def evidence_words(label: str, subtype: str | None) -> str:
    """What a piece of evidence is, plain words first and the label's name after it, as its
    mark's tip says: ``criticism (rupture.confrontation)``, ``validating (repair.validate)``."""
    plain = _SUBTYPE_WORDS.get(subtype, subtype.replace("_", " ")) if subtype else (
        label_words(label))
    return f"{plain} ({label})"


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


_WORD = re.compile(r"\w")


def _widened(text: str, first: int, last: int) -> tuple[int, int]:
    """A span without its edge spaces, and a span of punctuation alone ("." or "?") joined to the
    word it ends or starts, so that no mark is a full stop (the whole text stays as it is when it
    has no word at all, such as "...")."""
    while first < last and text[first].isspace():
        first += 1
    while last > first and text[last - 1].isspace():
        last -= 1
    if last <= first or _WORD.search(text, first, last) or not _WORD.search(text):
        return first, last
    before = text[:first].rstrip()
    if _WORD.search(before):
        start = len(before)
        while start > 0 and not text[start - 1].isspace():
            start -= 1
        return start, last
    after = len(text) - len(text[last:].lstrip())
    end = after
    while end < len(text) and not text[end].isspace():
        end += 1
    return first, end


def stops(text: str, spans: Sequence[tuple[int, int, str]], kind: str = "issue",
          kinds: dict[str, str] | None = None,
          titles: dict[str, str] | None = None, *, layered: bool = False) -> tuple[Segment, ...]:
    """Like :func:`highlight`, but one mark (one focus stop) for each run of overlapping spans,
    naming every span in it once; inside it, ``parts`` keeps each piece's own colour (the precise
    span's) where the pieces differ in kind, or, with ``layered``, wherever the pieces differ at
    all, so that a page can show which words more than one span is about (the Check page's
    issues, all of one kind). A span of punctuation alone is joined to its word first, so a
    keyboard never stops on a lone "." left over from a whole-turn span or a rule's "?".

    >>> [(s.text, s.marks) for s in stops("Next time I'll text.", [(0, 14, "a"), (10, 19, "b")])]
    [("Next time I'll text", ('a', 'b')), ('.', ())]
    """
    spans = [(*_widened(text, max(first, 0), min(last, len(text))), mark)
             for first, last, mark in spans]
    spans = sorted((s for s in spans if s[1] > s[0]), key=lambda s: (s[0], -s[1]))
    clusters: list[tuple[int, int, list[tuple[int, int, str]]]] = []
    for first, last, mark in spans:
        if clusters and first < clusters[-1][1]:
            start, end, held = clusters[-1]
            clusters[-1] = (start, max(end, last), [*held, (first, last, mark)])
        else:
            clusters.append((first, last, [(first, last, mark)]))
    out: list[Segment] = []
    at = 0
    for start, end, held in clusters:
        if start > at:
            out.append(Segment(text[at:start]))
        pieces = highlight(text[start:end], [(f - start, la - start, m) for f, la, m in held],
                           kind, kinds, titles)
        marks = tuple(dict.fromkeys(m for _, _, m in held))
        title = "; ".join(dict.fromkeys(t for t in ((titles or {}).get(m, "") for m in marks)
                                        if t))
        mixed = len(pieces) > 1 if layered else len({piece.kind for piece in pieces}) > 1
        out.append(Segment(text[start:end], pieces[0].mark, pieces[0].kind, title, marks,
                           pieces if mixed else ()))
        at = end
    if at < len(text):
        out.append(Segment(text[at:]))
    return tuple(out)


def issue_marks(result: CheckResult) -> tuple[Segment, ...]:
    """A checked message as the Check page and the coach's review mark it: one focus stop for
    each run of overlapping issues, each described by ``issue-n`` (its place in the issue list),
    the words of more than one issue in pieces of their own."""
    return stops(result.text, [(i.start, i.end, f"issue-{n}")
                               for n, i in enumerate(result.issues)], layered=True)


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
        titles = {mark: evidence_words(e.label, e.subtype) for mark, e in shown}
        ep = episode_of.get(turn.index)
        episode = analysis.episodes[ep - 1] if ep else None
        rows.append(Row(
            index=turn.index, speaker=turn.speaker, side=sides.get(turn.speaker, 0),
            segments=highlight(turn.text, marks, kinds=kinds, titles=titles), labels=turn.labels,
            stops=stops(turn.text, marks, kinds=kinds, titles=titles),
            chips=tuple((x, label_words(x)) for x in turn.labels),
            described=tuple((mark, f"{titles[mark]}: \u201c{e.text}\u201d") for mark, e in shown),
            evidence=tuple((mark, e.label, e.subtype or "", e.text) for mark, e in shown),
            episode=ep, episode_status=episode.status if episode else "",
            episode_start=episode is not None and episode.start_turn == turn.index,
            episode_detail=episode_detail(episode) if episode else "",
            episode_between=people(episode.between) if episode and group else ""))
    return rows
