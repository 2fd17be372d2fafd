"""Terminal rendering with Rich: the only module allowed to import it (see pyproject's ruff config)."""

from __future__ import annotations

import codecs
import json
import os
import sys
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from rich import box
from rich.console import Console
from rich.padding import Padding
from rich.panel import Panel
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.table import Table
from rich.text import Text

from mendkit._elapsed import count, elapsed, people, repair_time
from mendkit.analysis.safety import added_note, turns_alert
from mendkit.critic import (
    COMPONENT_WEIGHTS,
    MISSING_NOTE,
    is_unread,
    issue_name,
    missing_components,
    sensed_components,
    suggestion_line,
)
from mendkit.evaluation import EvalReport
from mendkit.evaluation.public_metrics import PublicRow
from mendkit.insights import half_up, percent, steep_words, trend_words, unrepaired_words
from mendkit.labels import CRISIS
from mendkit.model import Analysis, CheckResult, Episode, Evidence, Safety, Turn

STYLES = {
    "rupture.withdrawal": "bold blue",
    "rupture.confrontation": "bold red",
    "rupture.invalidation": "bold magenta",
    "repair.acknowledge": "bold green",
    "repair.responsibility": "bold green",
    "repair.validate": "bold green",
    "repair.feeling": "bold green",
    "repair.request": "bold green",
    "reconnect": "bold cyan",
    "risk.crisis": "bold yellow",
}
_CRISIS_STYLE = "bold black on yellow"  # a crisis sign stands out from every label




class _Console(Console):
    """A console that lets a reader closing the pipe early (``mend check ... | head -1``) end
    the command quietly with exit code 0, as for JSON output, not Rich's exit code 1."""

    def on_broken_pipe(self) -> None:
        self.quiet = True
        try:  # nothing more reaches the closed pipe, not even the flush at exit
            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            os.close(devnull)
        except (OSError, ValueError):
            pass
        raise BrokenPipeError


# Narrower than this (``COLUMNS=0``, say) nothing readable fits: Rich would drop the text.
_MIN_WIDTH = 20
# The crisis panel, and the episodes table with every column whole, need this much room; in
# less, they are written as plain lines instead (the terminal wraps them).
_PANEL_WIDTH = 40
_TABLE_WIDTH = 80


# Every string printed is shown exactly as it is: never read as Rich markup ("[/b]" in a message,
# a speaker's name or a file name would otherwise vanish, restyle the text or crash) nor as
# emoji codes (":sad:"). Styles are given as ``Text`` styles, never in the string.
_PLAIN: dict[str, Any] = {"markup": False, "emoji": False, "highlight": False}


def plain_layout() -> bool:
    """Whether output is laid out without box drawing: when stdout is not a terminal (a pipe, a
    file, what a screen reader's tools capture) or the terminal is ``TERM=dumb``. Box-drawing
    characters are read out one by one by screen readers, and mean nothing to ``grep``: the
    safety box becomes a heading and lines, the episodes table a list, the other tables plain
    columns. Colour is Rich's to leave out: never into a pipe, nor with ``NO_COLOR`` set or on
    a dumb terminal (styles such as bold are kept, so nothing is said by colour alone)."""
    return not sys.stdout.isatty() or os.environ.get("TERM", "").lower() == "dumb"


def _box(plain: bool) -> Any:
    """A table's borders: none in the plain layout (columns apart by spaces), else Rich's."""
    return None if plain else box.HEAVY_HEAD


def _console() -> Console:
    # Into a pipe or a file, lines are not hard-wrapped at 80 columns (which cut explanations
    # mid-sentence back to column 0); a terminal wraps them itself.
    # Rich leaves colour out by itself into a pipe, on a dumb terminal and with NO_COLOR set.
    console = _Console(**_PLAIN, soft_wrap=not sys.stdout.isatty())
    console.width = max(console.width, _MIN_WIDTH)
    return console


class JsonList:
    """A list for :func:`print_json` made while it is written: ``items`` is called twice, once to
    see whether the text can be written in the output's encoding and once to write it, and each
    item is dropped once written."""

    def __init__(self, items: Callable[[], Iterable[Any]]) -> None:
        self.items = items


def print_json(data: Mapping[str, Any]) -> None:
    """``data`` as ``json.dumps(data, indent=2)`` writes it, byte for byte, written as it is made:
    each item of a list in ``data`` is written on its own, so the whole text (hundreds of MB for
    a long analysis) is never held. Non-ASCII characters are written as they are when the output
    can take them all, else everything is escaped (an ascii or latin-1 stream: still exact)."""
    try:
        encoding = codecs.lookup(sys.stdout.encoding or "utf-8").name
        ascii_only = not _encodable(data, encoding)
    except LookupError:
        ascii_only = True
    for part in _json_parts(data, 0, ascii_only=ascii_only):
        sys.stdout.write(part)
    sys.stdout.write("\n")


def print_analysis_json(result: Analysis) -> None:
    """``result.to_dict()`` as :func:`print_json` writes it, each turn's dict made as it is
    written (the whole dict of 200,000 turns takes GBs)."""
    data = replace(result, turns=()).to_dict()
    data["turns"] = JsonList(lambda: (turn.to_dict() for turn in result.turns))
    data["summary"] = result.summary
    print_json(data)


_STREAMED_LEVELS = 2  # the top object and its lists are written item by item; deeper, whole


def _json_parts(value: Any, level: int, *, ascii_only: bool) -> Iterator[str]:
    pad = "  " * level
    if isinstance(value, JsonList) and level >= _STREAMED_LEVELS:
        value = list(value.items())
    if isinstance(value, JsonList) or (
            level < _STREAMED_LEVELS and isinstance(value, (list, tuple)) and value):
        opening = "[\n"
        for item in value.items() if isinstance(value, JsonList) else value:
            yield opening + pad + "  "
            yield from _json_parts(item, level + 1, ascii_only=ascii_only)
            opening = ",\n"
        yield "[]" if opening == "[\n" else "\n" + pad + "]"
    elif (level < _STREAMED_LEVELS and isinstance(value, Mapping) and value
          and all(isinstance(key, str) for key in value)):
        opening = "{\n"
        for key, item in value.items():
            yield opening + pad + "  " + json.dumps(key, ensure_ascii=ascii_only) + ": "
            yield from _json_parts(item, level + 1, ascii_only=ascii_only)
            opening = ",\n"
        yield "\n" + pad + "}"
    else:  # a line break in JSON's text is only ever between its parts: indented here
        yield json.dumps(value, ensure_ascii=ascii_only, indent=2).replace("\n", "\n" + pad)


def _encodable(value: Any, encoding: str) -> bool:
    """Whether every string in ``value`` (keys too) can be written in ``encoding``."""
    if isinstance(value, str):
        if value.isascii():
            return True
        try:
            value.encode(encoding)
        except UnicodeEncodeError:
            return False
        return True
    if isinstance(value, JsonList):
        return all(_encodable(item, encoding) for item in value.items())
    if isinstance(value, Mapping):
        return all(_encodable(k, encoding) and _encodable(v, encoding)
                   for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return all(_encodable(item, encoding) for item in value)
    return True


def _safety(console: Console, safety: Safety, *, title: str = "Your safety comes first",
            lead: str = "") -> None:
    """The safety box: crisis signs, or text Mend could not read (not in English), when its
    silence means nothing and the resources are shown gently. ``lead`` takes the place of
    the message's words to the person (an analysis names the turns instead)."""
    if not safety.crisis and not safety.resources:
        return
    if not safety.crisis:
        title = "Mend could not read all of this"
    message = " ".join(part for part in (lead, added_note(safety)) if part) if lead \
        else safety.message
    body = Text(message + "\n")
    for r in safety.resources:
        body.append(f"\n• {r.name}: ", style="bold")
        body.append(r.contact)
        if r.note:
            body.append(f"  ({r.note})", style="dim")
    if console.width < _PANEL_WIDTH or plain_layout():
        # Too narrow for a box, or no box drawing wanted: every word still shown, unwrapped.
        console.print(Text(title, style="bold yellow"), soft_wrap=True)
        console.print(body, soft_wrap=True)
        console.print()
        return
    console.print(Panel(body, title=title, border_style="yellow"),
                  soft_wrap=False)  # a box: wrapped inside it, whatever the output


def _found_by(label: str, evidence: tuple[Evidence, ...]) -> str:
    """Who found a label: a rule (its phrase is underlined), the person's own correction, the
    turns around it (a crisis sign such as an answer to "are you safe?"), or the model alone."""
    sources = [e.source for e in evidence if e.label == label]
    if any(s.startswith("rule:") for s in sources):
        return "rule"
    if any(s.startswith("personal:") for s in sources):
        return "your correction"
    if any(s.startswith("context:") for s in sources):
        return "from the turns around it"
    return "model"


def _marked(text: str, spans: list[tuple[int, int, str]]) -> Text:
    out = Text(text)
    for start, end, label in spans:
        out.stylize(f"underline {STYLES.get(label, 'bold')}", start, end)
    return out


def _phrases(text: str, spans: Iterable[tuple[int, int]]) -> list[str]:
    """The words under ``spans``, each phrase once: several rules often match the same words
    ("Forget it" and "Forget it."), so overlapping spans are quoted as the one phrase they cover."""
    merged: list[list[int]] = []
    for start, end in sorted(spans):
        if merged and start < merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], end)
        else:
            merged.append([start, end])
    return list(dict.fromkeys(text[start:end] for start, end in merged))


def _replies(turns: Sequence[Turn]) -> dict[int, int | None]:
    """For each turn that replies to another (``reply_to``), the index of the earlier turn it
    answers, or None where that message is not among the turns (a Slack thread under a bot's
    message, say). Nothing where every turn after the first answers the one just before it (a
    plain chain of replies, as in many ConvoKit dialogues): the order already says it."""
    where: dict[str, int] = {}
    replies: dict[int, int | None] = {}
    chain = len(turns) > 1
    for n, turn in enumerate(turns):
        if turn.reply_to is not None:
            replies[turn.index] = where.get(turn.reply_to)
        if n and (turn.reply_to is None or replies[turn.index] != turns[n - 1].index):
            chain = False
        if turn.id is not None:
            where.setdefault(turn.id, turn.index)
    return {} if chain else replies


def _reply_marker(turn: int, replies: Mapping[int, int | None]) -> str:
    if turn not in replies:
        return ""
    parent = replies[turn]
    return " (reply to a message not shown)" if parent is None else f" (reply to turn {parent})"


def _turn_text(console: Console, number: Text, who: Text, body: Text) -> Text | Table:
    """A turn: its ``number``, ``who`` said it, then its text, whose further lines (a
    multi-line message) and, on a terminal, wrapped lines are indented under its first word,
    never flush left where they would read as lines nobody said. On a terminal too narrow for
    that (a long name), the text goes on the lines below, seven columns in."""
    hang = number.cell_len + who.cell_len
    if console.soft_wrap:  # a pipe or a file: no wrapping here, only the message's own lines
        out = Text.assemble(number, who)
        out.append_text(Text("\n" + " " * hang).join(body.split("\n", allow_blank=True)))
        return out
    if hang <= console.width // 2:
        return _columns((hang, Text.assemble(number, who)), body)
    grid = Table.grid(padding=0)
    grid.add_column()
    grid.add_row(_columns((number.cell_len, number), who))  # a long name wraps under itself
    grid.add_row(_columns((7, Text()), body))
    return grid


def _columns(first: tuple[int, Text], rest: Text) -> Table:
    """``first`` (its width, its text) and beside it ``rest``, wrapped in the columns left."""
    grid = Table.grid(padding=0)
    grid.add_column(width=first[0], no_wrap=True)
    grid.add_column(overflow="fold")
    grid.add_row(first[1], rest)
    return grid


def analysis(result: Analysis, *, footer: str, turns: Sequence[Turn] = ()) -> None:
    """The analysis for a reader. ``turns``: the conversation's turns, for the replies among
    them (``reply_to``): a reply (a Slack thread reply, which comes in the order it was posted,
    not under its thread) says which turn it answers (see ``_replies``)."""
    console = _console()
    replies = _replies(turns)
    safety = result.safety
    speakers = {t.index: t.speaker for t in result.turns}
    _safety(console, safety, title="Possible crisis signs in this conversation",
            lead=turns_alert(safety, speakers, result.turns))
    title = result.source or result.conversation_id
    heading = Text(f"{title}: {count(len(result.turns), 'turn')}, speakers: "
                   f"{', '.join(result.speakers)}", style="bold")
    if safety.crisis:
        heading.append(f"; {count(len(safety.turns), 'turn')} with a possible crisis sign "
                       f"({', '.join(map(str, safety.turns))})", style=_CRISIS_STYLE)
    console.print(heading)
    left: dict[int, list[str]] = {}  # who left a group chat (episodes[].left), after which turn
    for leave in dict.fromkeys(leave for ep in result.episodes for leave in ep.left):
        left.setdefault(leave.after_turn, []).append(leave.speaker)
    for turn in result.turns:
        who = Text()  # (a style given here would be the whole line's: the marker's too)
        who.append(turn.speaker, style="bold")
        who.append(_reply_marker(turn.index, replies), style="dim")
        who.append(": ", style="bold")
        ruled = [e for e in turn.evidence if e.source.startswith("rule:")]
        console.print(_turn_text(console, Text(f"{turn.index:>4} ", style="dim"), who, _marked(
            turn.text, [(e.start, e.end, e.label) for e in ruled])))
        if turn.labels:
            tags = Text("       ")
            for label in turn.labels:
                subs = turn.subtypes(label)
                found_by = _found_by(label, turn.evidence)
                how = "" if found_by == "rule" else f" {found_by}"
                # Without styling (a pipe, a file, TERM=dumb) the underline is lost: the
                # evidence is quoted after its label instead.
                quoted = "" if console.color_system else "".join(
                    f' "{phrase}"' for phrase in _phrases(
                        turn.text, ((e.start, e.end) for e in ruled if e.label == label)))
                tags.append(f"[{label}{'/' + ','.join(subs) if subs else ''} "
                            f"{turn.scores[label]:.2f}{how}]{quoted} ",
                            style=STYLES.get(label, "bold"))
            console.print(tags)
        for name in left.get(turn.index, ()):  # "Nadia left": no turn, but part of the story
            console.print(Text(f"       {name} left the group.", style="italic"))
        if turn.index in safety.turns:  # where the alert at the top points
            console.print(Text("       >> Possible crisis sign: see the box at the top",
                               style=_CRISIS_STYLE))
    group = len(result.speakers) > 2  # who each episode is between is worth a column
    columns = _GROUP_COLUMNS if group else _EPISODE_COLUMNS
    if result.episodes and (console.width < _TABLE_WIDTH or plain_layout()):
        # Too narrow for every column, or no box drawing wanted: a list, one episode a line.
        console.print(Text("Episodes", style="italic"))
        for ep in result.episodes:
            cells = dict(zip(columns, _episode_cells(ep, group=group), strict=True))
            cells["ruptures"] = cells["ruptures"].replace("\n", ", ")
            console.print(f"• turns {cells.pop('turns')}: " + "; ".join(
                f"{name} {value}" for name, value in cells.items() if value), soft_wrap=True)
        _crisis_note(console, result.episodes)
    elif result.episodes:
        table = Table(title="Episodes", title_justify="left")
        # The longest label ("confrontation") and status ("unresolved") are never cut short;
        # the other columns wrap when the terminal is narrow.
        widest = {"ruptures": 13, "status": 10}
        for col in columns:
            table.add_column(col, no_wrap=col in widest, min_width=widest.get(col, 4))
        for ep in result.episodes:
            table.add_row(*_episode_cells(ep, group=group))
        console.print(table, soft_wrap=False)
        _crisis_note(console, result.episodes)
    else:
        console.print("No rupture episodes found.")
    console.print(Text(footer, style="dim"))


_EPISODE_COLUMNS = ("turns", "ruptures", "severity", "status", "repair by", "uptake",
                    "to repair")
_GROUP_COLUMNS = ("turns", "between", *_EPISODE_COLUMNS[1:])  # three or more speakers


# A repaired episode that holds a crisis sign: "crisis ... resolved ... 4 min" beside "everyone
# would be better off without me" can read as "the risk is resolved". The status (kept as it is in
# --json) speaks of the repair between the people, so its cell is marked and a note says so.
_CRISIS_MARK = "*"
_CRISIS_NOTE = (f"{_CRISIS_MARK} Holds a possible crisis sign. The status is about the repair "
                "between the people; it does not mean the risk has passed. See the box at the top.")


def _crisis_marked(ep: Episode) -> bool:
    return CRISIS in ep.labels and ep.status != "unresolved"


def _crisis_note(console: Console, episodes: Iterable[Episode]) -> None:
    if any(_crisis_marked(ep) for ep in episodes):
        console.print(Text(_CRISIS_NOTE, style=_CRISIS_STYLE))


def _episode_cells(ep: Episode, *, group: bool = False) -> tuple[str, ...]:
    """One episode's cells, in the order of ``_EPISODE_COLUMNS`` (``_GROUP_COLUMNS`` for a
    ``group``: who it is between, too); the status of a repaired episode that holds a crisis
    sign is marked (``_CRISIS_NOTE``)."""
    to_repair = ""
    if ep.turns_to_repair is not None:
        to_repair = count(ep.turns_to_repair, "turn")
        if ep.seconds_to_repair is not None:
            to_repair += f", {elapsed(ep.seconds_to_repair)}"
    short = "\n".join(label.rsplit(".", 1)[-1] for label in ep.labels)  # rupture.x -> x
    status = f"{ep.status} {_CRISIS_MARK}" if _crisis_marked(ep) else ep.status
    cells = (f"{ep.start_turn}-{ep.end_turn}", short, ep.severity, status, ep.initiator or "",
             "yes" if ep.taken_up else "no", to_repair)
    if group:
        gone = ", ".join(dict.fromkeys(leave.speaker for leave in ep.left))
        return (cells[0], people(ep.between) + (f" ({gone} left the group)" if gone else ""),
                *cells[1:])
    return cells


def check(result: CheckResult, *, footer: str) -> None:
    console = _console()
    if result.risk.in_context and CRISIS not in result.labels:
        # The signs are the other person's: the box speaks to the one who wants to help.
        _safety(console, result.risk, title="The person you are answering may not be safe")
    else:
        _safety(console, result.risk)
    console.print(_marked(result.text, [(i.start, i.end, "rupture.confrontation")
                                        for i in result.issues]))
    unread = is_unread(result)  # not in English: a score and checklist would say nothing
    if not result.risk.crisis and not unread:  # else "repair can wait": no score or parts
        _components(console, result)
    if result.labels:
        console.print("Labels: " + ", ".join(result.labels))
    for issue in result.issues:
        console.print(Text(f"\n• \"{result.text[issue.start:issue.end]}\" "
                           f"({issue_name(issue.kind)})", style="bold"))
        console.print(_indented(issue.message, console))
        console.print(_indented(suggestion_line(issue.suggestion), console, style="green"))
    if result.rewrite:
        console.print(Text("\nA possible rewrite (accept, edit or ignore):", style="bold"))
        console.print(Text(result.rewrite))
    for note in result.notes:  # not those said above, in "Missing" or in the safety box
        if not note.startswith(MISSING_NOTE) and not (unread and note == result.risk.message):
            console.print(Text(note, style="italic"))
    console.print(Text(footer, style="dim"))


def _indented(text: str, console: Console, *, style: str = "") -> Text | Padding:
    """``text`` two spaces in, its wrapped lines too on a terminal (a hanging indent)."""
    if console.soft_wrap:
        return Text(f"  {text}", style=style)
    return Padding(Text(text, style=style), (0, 0, 0, 2))


def _components(console: Console, result: CheckResult) -> None:
    console.print(Text(f"\nRepair quality: {result.repair_quality:.2f}", style="bold"))
    present = [k for k, v in result.components.items() if v]
    # A component counts when a rule found a phrase for it; one the model alone sensed (or the
    # person's own corrections gave) is not "missing" (its label is listed below), only without
    # a phrase to point at.
    sensed = sensed_components(result)
    corrected = [k for k in sensed
                 if _found_by(COMPONENT_WEIGHTS[k][0], result.evidence) == "your correction"]
    by_model = [k for k in sensed if k not in corrected]
    asked = set(missing_components(result))
    absent = [k for k, v in result.components.items() if not v and k not in sensed and k in asked]
    console.print(f"Present: {', '.join(present) or 'none'}")
    if by_model:
        console.print(f"Sensed by the model, with no phrase to point at: {', '.join(by_model)}")
    if corrected:
        console.print(f"From your corrections: {', '.join(corrected)}")
    console.print(f"Missing: {', '.join(absent) or 'none'}")


def evaluation(report: EvalReport) -> None:
    console = _console()
    table = Table(title=f"Mend on its own corpus: {report.split} split, "
                        f"{count(report.conversations, 'conversation')}, "
                        f"{count(report.turns, 'turn')} (mode {report.mode})",
                  title_justify="left", box=_box(plain_layout()))
    for col in ("label", "precision", "recall", "F1", "support"):
        table.add_column(col, justify="left" if col == "label" else "right")
    rows = [*report.per_label.items(), ("any rupture", report.any_rupture),
            ("any repair", report.any_repair)]
    for name, prf in rows:
        table.add_row(name, f"{prf.precision:.3f}", f"{prf.recall:.3f}", f"{prf.f1:.3f}",
                      str(prf.support))
    console.print(table, soft_wrap=False)
    console.print(f"Label macro-F1 (the mean of the labels' F1): {report.macro_f1:.3f}")
    console.print(f"Episode status accuracy: {report.episode_status_accuracy:.3f} "
                  f"({count(report.episodes_gold, 'gold episode')}, {report.episodes_predicted} found)")
    missed = f"; missed: {', '.join(report.crisis_missed)}" if report.crisis_missed else ""
    console.print(f"Crisis recall: {report.crisis_recall:.3f} ({report.crisis_found} of "
                  f"{report.crisis_total} found{missed})")
    console.print(f"Crisis false alarms: {report.idiom_false_alarms} of {report.idioms_total} "
                  f"idioms, {report.other_false_alarms} of {report.others_total} other "
                  "non-crisis messages")
    console.print(f"Better-vs-worse repair pairs ranked right: {report.pair_accuracy:.3f} "
                  f"({report.pairs_right} of {report.pairs_total})")
    for note in report.notes:
        console.print(Text(note, style="dim"))


def _figure(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def public_benchmarks(rows: list[PublicRow], *, data: str, mode: str) -> None:
    console = _console()
    table = Table(title=f"Mend on public benchmarks ({data}, mode {mode}; measured only, never "
                        "trained on)", title_justify="left", box=_box(plain_layout()))
    for col in ("benchmark", "metric", "ours", "anchor", "n", "note"):
        table.add_column(col, justify="right" if col in ("ours", "anchor", "n") else "left",
                         overflow="fold")
    last = ("", "")
    for r in rows:
        note = "; ".join(x for x in (r["note"], r["anchor_source"] and
                                     f"anchor: {r['anchor_source']}") if x)
        same = last[0] == r["benchmark"]
        table.add_row("" if same else r["benchmark"], r["metric"], _figure(r["ours"]),
                      _figure(r["anchor"]), str(r["n"]),
                      "as above" if same and last[1] == note else note)
        last = (r["benchmark"], note)
    console.print(table, soft_wrap=False)


def note(text: str) -> None:
    _console().print(Text(text, style="dim"))


class BatchProgress:
    """A progress bar for ``mend batch`` on stderr: conversations, turns per second and ETA."""

    def __init__(self, total: int | None) -> None:
        self.progress = Progress(
            TextColumn("analysing"), BarColumn(), MofNCompleteColumn(),
            TextColumn("{task.fields[rate]} turns/s"), TimeElapsedColumn(), TextColumn("ETA"),
            TimeRemainingColumn(), console=Console(stderr=True, **_PLAIN), transient=False)
        self.task = self.progress.add_task("batch", total=total, rate="0")
        self.started = 0.0

    def __enter__(self) -> BatchProgress:
        self.started = time.perf_counter()
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def __call__(self, conversations: int, turns: int) -> None:
        elapsed = time.perf_counter() - self.started
        self.progress.update(self.task, completed=conversations,
                             rate=f"{turns / elapsed:,.0f}" if elapsed > 0 else "0")


def batch_report(report: Any, out: str) -> None:
    console = Console(stderr=True, **_PLAIN)
    console.print(f"{count(report.conversations, 'conversation')} "
                  f"({count(report.turns, 'turn')}) written to "
                  f"{out} in {report.seconds:.1f} s with {report.executor}: "
                  f"{report.turns_per_second:,.0f} turns/s; {count(report.errors, 'error')}"
                  + (f" (see {report.errors_file})" if report.errors else "")
                  + (f"; {report.skipped:,} already done" if report.skipped else ""))


def _trend(slope: float | None, unit: str, *, per: str, scale: float = 1.0, digits: int = 2
           ) -> str:
    trend = trend_words(slope, scale=scale, digits=digits)
    if trend is None:
        return "not enough data yet"
    way, value = trend
    return f"{way} ({value:+.{digits}f} {unit} {per})"


def insights(data: dict[str, Any], *, footer: str) -> None:
    """One relationship's journal figures: a short table, then patterns and triggers in words."""
    console = _console()
    rel = data["relationship"]
    table = Table(title=f"Insights: {rel['name']} (relationship {rel['id']})", show_header=False,
                  title_justify="left", box=_box(plain_layout()))
    table.add_column("what", style="bold")
    table.add_column("figure")
    table.add_row("Ruptures", _ruptures_over_weeks(data["ruptures"], data["ruptures_per_week"]))
    uptake = data["uptake"]
    table.add_row("Repair attempts", str(data["repair_attempts"]) + (
        f": {uptake['accepted']} accepted, {uptake['partly']} partly, {uptake['not_yet']} not "
        f"yet, {uptake['rejected']} rejected" if data["repair_attempts"] else ""))
    table.add_row("Uptake ratio", "-" if data["uptake_ratio"] is None else
                  f"{half_up(data['uptake_ratio'], 2):.2f} (accepted, plus half of partly, "
                  "per attempt)")
    hours = data["median_hours_to_repair"]
    table.add_row("Time to repair", "-" if hours is None else
                  f"{repair_time(hours)} (median)")
    first = data["first_repair_by"]
    table.add_row("First to repair", ", ".join(f"{'you' if k == 'me' else k}: {n}"
                                               for k, n in first.items()) or "-")
    table.add_row("Connection", steep_words(data.get("connection_steep")) or _trend(
        data["connection_slope_per_day"], "points", per="a week", scale=7.0))
    console.print(table, soft_wrap=False)
    unrepaired = unrepaired_words(data)
    if unrepaired:
        console.print(unrepaired)
    patterns = [f"{p} ({count(n, 'rupture')})" for p, n in
                sorted(data["patterns"].items(), key=lambda kv: -kv[1]) if n]
    console.print("Patterns you marked: " + (", ".join(patterns) if patterns else
                                             "none of criticism, contempt, defensiveness "
                                             "or stonewalling yet") + ".")
    triggers = [f"{t['word']} ({count(t['ruptures'], 'rupture')})"
                for t in data["recurring_triggers"]]
    console.print("Words that keep coming up in ruptures: " + (", ".join(triggers) if triggers
                                                               else "none yet") + ".")
    analyses = data.get("saved_analyses") or 0
    if analyses:
        one = analyses == 1
        console.print(("1 saved analysis of a conversation is" if one else
                       f"{analyses} saved analyses of conversations are")
                      + " kept with this relationship. These figures do not count what "
                      f"{'it' if one else 'they'} found: only the ruptures, repair attempts and "
                      "check-ins you wrote down are counted here, so that one rupture is never "
                      "counted twice. To see what "
                      f"{'it' if one else 'they'} found, find "
                      f"{'its id' if one else 'their ids'} with `mend journal list --kind "
                      f"analysis --rel {rel['id']}`, then use `mend journal show ID`.")
    console.print(Text(footer, style="dim"))


def _ruptures_over_weeks(total: int, per_week: Mapping[str, int]) -> str:
    """The table's Ruptures row: the total, and the weeks of those with a time Mend can read."""
    if not per_week:
        return str(total)
    timed = sum(per_week.values())
    spread = f"{count(len(per_week), 'week')}{_busiest_week(per_week)}"
    if timed == total:
        return f"{total}, in {spread}"
    if timed == 1:
        return f"{total}; 1 of them has a time Mend can read, in {next(iter(per_week))}"
    return f"{total}; the {timed} with a time Mend can read are in {spread}"


def _busiest_week(per_week: Mapping[str, int]) -> str:
    """The week with most ruptures, named only when it has more than every other week: with a
    tie ``most in`` would single out one of equals. The same number in every week says so."""
    if len(per_week) == 1:
        return f" ({next(iter(per_week))})"
    counts = sorted(per_week.values(), reverse=True)
    if counts[0] == counts[-1]:
        return " (one in each)" if counts[0] == 1 else f" ({counts[0]} in each)"
    if counts[0] == counts[1]:
        return ""
    week, most = max(per_week.items(), key=lambda kv: kv[1])
    return f" (most in {week}: {most})"


def session_insights(data: dict[str, Any], *, footer: str) -> None:
    """One client's analysed sessions: a table per session, the trend, and what was missed."""
    console = _console()
    table = Table(title=f"Sessions with {data['client']}", title_justify="left", show_edge=False,
                  box=_box(plain_layout()))
    for col in ("date", "turns", "ruptures\nW / C / I", "episodes", "repaired", "tried",
                "unrepaired"):
        table.add_column(col, justify="left" if col == "date" else "right", no_wrap=True)
    for s in data["sessions"]:
        by = s["ruptures_by_type"]
        share = "" if s["repaired_share"] is None else f" ({percent(s['repaired_share'])}%)"
        table.add_row(str(s["date"])[:10], str(s["turns"]),
                      f"{by['withdrawal']} / {by['confrontation']} / {by['invalidation']}",
                      str(s["episodes"]), f"{s['resolved']}{share}", str(s["attempted"]),
                      str(s["unresolved"]))
    console.print(table, soft_wrap=False)
    console.print("Ruptures count turns: W withdrawal, C confrontation, I invalidation. Repaired: "
                  "a repair the other person took up within the session; tried: a repair not "
                  "taken up yet.", style="dim")
    share = data["repaired_share"]
    console.print(f"Across {count(len(data['sessions']), 'session')}: "
                  f"{count(data['episodes'], 'rupture episode')}"
                  + ("" if share is None else f", {percent(share)}% repaired within the session")
                  + ".")
    trend = data["trend"]
    console.print("Ruptures per session: " + _trend(trend["ruptures_per_session_slope"],
                                                    "rupture turns", per="per session")
                  + "; share repaired: " + _trend(trend["repaired_share_slope"],
                                                  "percentage points", per="per session",
                                                  scale=100.0, digits=0) + ".")
    if data["crisis_sessions"]:
        console.print(Text("Crisis signals were found in the sessions of "
                           + ", ".join(str(d)[:10] for d in data["crisis_sessions"])
                           + ": look at them first.", style="bold yellow"))
    missed = data["withdrawal_unaddressed"]
    if missed:
        console.print(Text(f"Withdrawal ruptures never addressed ({len(missed)}):", style="bold"))
        for m in missed:
            line = Text(f"  {str(m['date'])[:10]}, turn {m['turn']}, ", style="dim")
            line.append(f"{m['speaker']}: ", style="bold")
            line.append(m["text"])
            console.print(line)
    else:
        console.print("No withdrawal rupture went unaddressed.")
    if len(data["modes"]) > 1:
        console.print(Text("These sessions were analysed in different modes "
                           f"({', '.join(data['modes'])}); counts may not compare.", style="dim"))
    console.print(Text(footer, style="dim"))
