"""Charts of the insight figures, as SVG text (for the web app to inline) and PNG/SVG files.

matplotlib is imported only when a chart is drawn (the ``journal`` extra installs it), with the
Agg canvas, the bundled DejaVu Sans font (nothing fetched, no system font looked up) and no
pyplot state. The SVG is deterministic: fixed ids (``svg.hashsalt``), no date in its metadata,
text kept as text; the same figures give the same bytes (PNG too, for one matplotlib version).

Colours are from the Okabe-Ito palette, which stays distinct with the common colour-vision
deficiencies; each one has at least 3:1 contrast against the white background, and colour is
never the only cue (bars are labelled or hatched, lines have distinct markers and dashes).

Two kinds of figures dict are understood: a relationship's (``mendkit.insights``: charts
``ruptures_per_week``, ``repair_uptake``, ``connection_trend``) and a client's sessions
(``mendkit.insights_sessions``, recognised by its ``sessions`` key: ``ruptures_per_session``,
``repaired_share``, ``withdrawal_unaddressed``). Every bar or point has an SVG ``id`` (e.g.
``ruptures_per_week-bar-ruptures-3``: every id starts with the chart's name, so several charts
can share one page), so the web app and the tests can find them.
"""

from __future__ import annotations

import io
import os
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mendkit.config import home_from_env
from mendkit.errors import InvalidInputError
from mendkit.insights import (
    half_up,
    iso_weeks,
    recent_weeks,
    steep_words,
    trend_words,
    week_order,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["chart_names", "chart_png", "chart_svg", "write_charts"]

BLUE, VERMILLION, PURPLE, GREEN, GREY, INK = (
    "#0072B2", "#D55E00", "#AA3377", "#009E73", "#666666", "#222222")
TYPE_STYLE = {  # rupture type: colour, hatch
    "withdrawal": (BLUE, ""), "confrontation": (VERMILLION, "//"), "invalidation": (PURPLE, ".."),
}
UPTAKE_STYLE = {"accepted": GREEN, "partly": BLUE, "not_yet": GREY, "rejected": VERMILLION}
_RC: dict[Any, Any] = {  # keys are matplotlib rcParams
    "font.family": "DejaVu Sans", "font.size": 10, "axes.titlesize": 12, "axes.titleweight": "bold",
    "axes.edgecolor": INK, "axes.labelcolor": INK, "text.color": INK, "xtick.color": INK,
    "ytick.color": INK, "axes.spines.top": False, "axes.spines.right": False,
    "axes.grid": True, "axes.grid.axis": "y", "grid.color": "#DDDDDD", "axes.axisbelow": True,
    "svg.hashsalt": "mend", "svg.fonttype": "none", "svg.id": None,
    "savefig.facecolor": "white", "figure.facecolor": "white", "path.simplify": False,
}
_REL_CHARTS = ("ruptures_per_week", "repair_uptake", "connection_trend")
_SESSION_CHARTS = ("ruptures_per_session", "repaired_share", "withdrawal_unaddressed")
_MAX_TICKS = 12
_MOST_WEEKS = 104
"""Ruptures per week shows two years at most: older ruptures are added up in one bar before them
(thousands of thin bars would take seconds to draw and show none of them)."""
_ID_REF = re.compile(r'(\bid="|href="#|url\(#)([^")]+)')


def chart_names(figures: Mapping[str, Any]) -> tuple[str, ...]:
    """The charts this figures dict has: a client's sessions or a relationship's."""
    return _SESSION_CHARTS if "sessions" in figures else _REL_CHARTS


def chart_svg(figures: Mapping[str, Any], name: str) -> str:
    """One chart as SVG text (an ``<svg>`` element with a ``<title>``, no XML prolog).

    >>> chart_svg({"ruptures_per_week": {"2026-W10": 2}, "uptake": {}, "connection_per_week": {},
    ...            "uptake_ratio": None, "connection_slope_per_day": None},
    ...           "ruptures_per_week").startswith("<svg")
    True
    """
    fig, title = _draw(figures, name)
    buf = io.StringIO()
    with _rc():
        fig.savefig(buf, format="svg", metadata=dict.fromkeys(("Date", "Creator", "Format", "Type")))
    text = buf.getvalue()
    text = text[text.index("<svg"):]  # drop the XML prolog and doctype: valid alone or inlined
    # Every id gets the chart's name in front, so several charts can be inlined in one page.
    text = _ID_REF.sub(lambda m: f"{m[1]}{name}-{m[2]}", text)
    head_end = text.index(">") + 1
    return (text[:head_end].replace("<svg ", f'<svg role="img" aria-label="{_escape(title)}" ', 1)
            + f"\n <title>{_escape(title)}</title>" + text[head_end:])


def chart_png(figures: Mapping[str, Any], name: str, *, dpi: int = 120) -> bytes:
    """One chart as PNG bytes."""
    fig, _ = _draw(figures, name)
    buf = io.BytesIO()
    with _rc():
        fig.savefig(buf, format="png", dpi=dpi, metadata={"Software": "Mend"})
    return buf.getvalue()


def write_charts(figures: Mapping[str, Any], directory: Path) -> list[Path]:
    """Write every chart as ``NAME.png`` and ``NAME.svg`` into ``directory``; return the paths.

    Raises ``InvalidInputError`` when the folder cannot be made.
    """
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInputError(f"cannot make a folder for the charts there "
                                f"({exc.strerror or exc})", source=str(directory)) from None
    paths = []
    for name in chart_names(figures):
        png, svg = directory / f"{name}.png", directory / f"{name}.svg"
        png.write_bytes(chart_png(figures, name))
        svg.write_text(chart_svg(figures, name) + "\n", encoding="utf-8")
        paths += [png, svg]
    return paths


# -- drawing ---------------------------------------------------------------------------------
def _own_config_folder() -> None:
    """matplotlib keeps a font cache in its config folder, under HOME by default: with HOME
    missing or read-only it warns and makes a new temporary folder on every run, and a person's
    own matplotlibrc could change Mend's charts. Unless ``MPLCONFIGDIR`` says otherwise, it gets
    a folder of its own under MEND_HOME. Set before matplotlib is first imported."""
    if os.environ.get("MPLCONFIGDIR"):
        return
    folder = home_from_env() / "cache" / "matplotlib"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError:
        return  # matplotlib finds a folder of its own, as before
    os.environ["MPLCONFIGDIR"] = str(folder)


def _rc() -> Any:
    _own_config_folder()
    import matplotlib

    return matplotlib.rc_context(_RC)


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace('"', "&quot;")


def _draw(figures: Mapping[str, Any], name: str) -> tuple[Figure, str]:
    _own_config_folder()
    from matplotlib.figure import Figure  # no pyplot: no global figure state, Agg by default

    if name not in chart_names(figures):
        raise ValueError(f"unknown chart {name!r}; expected one of {', '.join(chart_names(figures))}")
    with _rc():
        fig = Figure(figsize=(7.5, 4.2), layout="constrained")
        ax = fig.add_subplot()
        title = _DRAWERS[name](ax, figures)
        ax.set_title(title, loc="left")
    return fig, title


def _ticks(ax: Axes, labels: Sequence[str], *, rotate: bool = False) -> None:
    step = max(1, -(-len(labels) // _MAX_TICKS))
    where = list(range(0, len(labels), step))
    ax.set_xticks(where, [labels[i] for i in where], rotation=30 if rotate else 0,
                  ha="right" if rotate else "center")


def _integer_y(ax: Axes) -> None:
    from matplotlib.ticker import MaxNLocator

    ax.yaxis.set_major_locator(MaxNLocator(integer=True))


def _empty(ax: Axes, message: str) -> None:
    ax.text(0.5, 0.5, message, ha="center", va="center", transform=ax.transAxes, color=GREY)
    ax.set_xticks([])
    ax.set_yticks([])


def _weeks_of(per_week: Mapping[str, Any]) -> list[str]:
    """Every ISO week from the first to the last of ``per_week``'s keys, quiet weeks included."""
    return iso_weeks(min(per_week, key=week_order), max(per_week, key=week_order))


def _bars(ax: Axes, xs: Sequence[float], heights: Sequence[float], gid: str, **style: Any
          ) -> None:
    container = ax.bar(xs, heights, edgecolor="white", linewidth=0.6, **style)
    for i, patch in enumerate(container.patches):
        patch.set_gid(f"bar-{gid}-{i}")


def _ruptures_per_week(ax: Axes, figures: Mapping[str, Any]) -> str:
    per_week: Mapping[str, int] = figures["ruptures_per_week"]
    ax.set_xlabel("ISO week")
    ax.set_ylabel("Ruptures")
    if not per_week:
        _empty(ax, "No ruptures recorded yet")
        return "Ruptures per week"
    weeks, earlier = recent_weeks(per_week, most=_MOST_WEEKS)
    labels = [w for w, _ in weeks]
    title = "Ruptures per week"
    if earlier:
        _bars(ax, [0], [earlier], "ruptures-earlier", color=GREY, hatch="//")
        ax.annotate(str(earlier), (0, earlier), xytext=(0, 3), textcoords="offset points",
                    ha="center", va="bottom")
        labels.insert(0, f"before {weeks[0][0]}")
        title += (f" (the last {len(weeks)}; {earlier} earlier "
                  f"{'rupture' if earlier == 1 else 'ruptures'} in the first bar)")
    offset = len(labels) - len(weeks)
    _bars(ax, range(offset, len(labels)), [n for _, n in weeks], "ruptures", color=BLUE)
    _ticks(ax, labels, rotate=len(labels) > 6)
    _integer_y(ax)
    return title


def _repair_uptake(ax: Axes, figures: Mapping[str, Any]) -> str:
    uptake: Mapping[str, int] = figures["uptake"]
    names = list(UPTAKE_STYLE)
    counts = [uptake.get(n, 0) for n in names]
    ratio = figures.get("uptake_ratio")
    title = "Repair attempts by how they were received"
    if ratio is not None:
        title += f" (uptake ratio {half_up(ratio, 2):.2f})"
    ax.set_xlabel("How the repair was received")
    ax.set_ylabel("Repair attempts")
    if not any(counts):
        _empty(ax, "No repair attempts recorded yet")
        return title
    _bars(ax, range(len(names)), counts, "uptake", color=[UPTAKE_STYLE[n] for n in names])
    ax.set_xticks(range(len(names)), [n.replace("_", " ") for n in names])
    for i, n in enumerate(counts):
        ax.annotate(str(n), (i, n), xytext=(0, 3), textcoords="offset points", ha="center",
                    va="bottom")
    _integer_y(ax)
    ax.set_ylim(0, max(counts) * 1.15)
    return title


def _connection_trend(ax: Axes, figures: Mapping[str, Any]) -> str:
    per_week: Mapping[str, float] = figures["connection_per_week"]
    slope = figures.get("connection_slope_per_day")
    title = "Connection check-ins (mean score per week)"
    trend = trend_words(slope, scale=7.0)
    steep = steep_words(figures.get("connection_steep"))
    if trend is not None:
        way, weekly = trend
        title += ", steady" if way == "steady" else f", trend {weekly:+.2f} a week"
    elif steep is not None:
        title += f", {steep}"
    elif per_week:
        title += ", not enough data for a trend yet"
    ax.set_xlabel("ISO week")
    ax.set_ylabel("Connection (0-10)")
    if not per_week:
        _empty(ax, "No check-ins recorded yet")
        return title
    weeks = _weeks_of(per_week)
    pos = {w: i for i, w in enumerate(weeks)}
    xs = sorted(pos[w] for w in per_week)
    (line,) = ax.plot(xs, [per_week[weeks[x]] for x in xs], color=BLUE, linewidth=1.5, marker="o",
                      markersize=6)
    line.set_gid("points-connection")
    ax.set_ylim(0, 10.5)
    ax.set_xlim(-0.5, len(weeks) - 0.5)
    _ticks(ax, weeks, rotate=len(weeks) > 6)
    return title


def _session_labels(figures: Mapping[str, Any]) -> list[str]:
    return [str(s["date"])[:10] for s in figures["sessions"]]


def _ruptures_per_session(ax: Axes, figures: Mapping[str, Any]) -> str:
    sessions = figures["sessions"]
    ax.set_xlabel("Session")
    ax.set_ylabel("Rupture turns")
    if not sessions:
        _empty(ax, "No analysed sessions yet")
        return "Ruptures per session, by type"
    width = 0.8 / len(TYPE_STYLE)
    for k, (kind, (colour, hatch)) in enumerate(TYPE_STYLE.items()):
        xs = [i + (k - 1) * width for i in range(len(sessions))]
        _bars(ax, xs, [s["ruptures_by_type"][kind] for s in sessions], kind, width=width,
              color=colour, hatch=hatch, label=kind)
    _ticks(ax, _session_labels(figures), rotate=len(sessions) > 6)
    _integer_y(ax)
    ax.figure.legend(loc="outside lower center", ncols=3, frameon=False)
    return "Ruptures per session, by type"


def _repaired_share(ax: Axes, figures: Mapping[str, Any]) -> str:
    sessions = figures["sessions"]
    ax.set_xlabel("Session")
    ax.set_ylabel("Share of rupture episodes")
    title = "Rupture episodes repaired within the session"
    if not any(s["episodes"] for s in sessions):
        _empty(ax, "No rupture episodes in these sessions")
        return title
    for key, colour, marker, dash, label, gid in (
            ("repaired_share", BLUE, "o", "-", "repaired (taken up)", "points-repaired"),
            ("attempted_share", VERMILLION, "s", "--", "repair tried, not yet taken up",
             "points-attempted")):
        points = [(i, s[key]) for i, s in enumerate(sessions) if s[key] is not None]
        (line,) = ax.plot([i for i, _ in points], [v for _, v in points], color=colour,
                          marker=marker, linestyle=dash, linewidth=1.5, markersize=6, label=label)
        line.set_gid(gid)
    quiet = [i for i, s in enumerate(sessions) if not s["episodes"]]
    for n, i in enumerate(quiet):  # shaded, so a missing point reads as "nothing to repair"
        ax.axvspan(i - 0.5, i + 0.5, color="#EEEEEE", zorder=0,
                   label="no rupture episodes" if n == 0 else None)
    from matplotlib.ticker import PercentFormatter

    ax.yaxis.set_major_formatter(PercentFormatter(1.0))
    ax.set_ylim(-0.03, 1.05)
    ax.set_xlim(-0.5, len(sessions) - 0.5)
    _ticks(ax, _session_labels(figures), rotate=len(sessions) > 6)
    ax.figure.legend(loc="outside lower center", ncols=3, frameon=False)
    return title


def _withdrawal_unaddressed(ax: Axes, figures: Mapping[str, Any]) -> str:
    sessions = figures["sessions"]
    ax.set_xlabel("Session")
    ax.set_ylabel("Withdrawal turns")
    title = "Withdrawal ruptures never addressed"
    if not sessions:
        _empty(ax, "No analysed sessions yet")
        return title
    _bars(ax, range(len(sessions)), [s["withdrawal_unaddressed"] for s in sessions],
          "withdrawal-unaddressed", color=BLUE)
    _ticks(ax, _session_labels(figures), rotate=len(sessions) > 6)
    _integer_y(ax)
    return title


_DRAWERS = {
    "ruptures_per_week": _ruptures_per_week, "repair_uptake": _repair_uptake,
    "connection_trend": _connection_trend, "ruptures_per_session": _ruptures_per_session,
    "repaired_share": _repaired_share, "withdrawal_unaddressed": _withdrawal_unaddressed,
}
