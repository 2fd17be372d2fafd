"""Small bar and line charts as inline SVG, drawn on the server (no JavaScript, no library).

Each chart is ``role="img"`` with a ``<title>`` and a ``<desc>`` it is labelled by; the page shows
the same numbers in a table beside it. Colours come from classes in ``mend.css`` (the
Content-Security-Policy forbids inline styles), sizes from SVG attributes.

>>> svg = bar_chart("c1", "Ruptures per week", "One bar per week.", [("2026-W01", 2)])
>>> svg.startswith("<svg") and "<title id=\\"c1-t\\">Ruptures per week</title>" in svg
True
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from html import escape
from typing import Any

from markupsafe import Markup

WIDTH, HEIGHT = 640, 260
LEFT, RIGHT, TOP, BOTTOM = 44, 40, 16, 48


@dataclass(frozen=True, slots=True)
class _Frame:
    """A chart's layout: the width of its drawing, its side margins and its x labels."""

    width: int = WIDTH
    left: int = LEFT
    right: int = RIGHT
    labels: int = 6
    every: int = 6  # up to this many bars or points, each has its label
    stagger: bool = False  # then every other label a line lower
    kind: str = ""


WIDE = _Frame()
# For a phone: half as wide a drawing, so its 14-unit text is drawn 13 to 17 CSS px tall (the
# wide one would be 7 to 8 px at 320 to 375 px); mend.css shows one or the other.
NARROW = _Frame(width=320, left=36, right=24, labels=3, every=4, stagger=True,
                kind=" narrow")


def _open(chart_id: str, title: str, desc: str, frame: _Frame = WIDE) -> list[str]:
    return [f'<svg class="chart{frame.kind}" viewBox="0 0 {frame.width} {HEIGHT}" role="img" '
            f'aria-labelledby="{chart_id}-t {chart_id}-d" id="{chart_id}" '
            f'xmlns="http://www.w3.org/2000/svg" focusable="false">',
            f'<title id="{chart_id}-t">{escape(title)}</title>',
            f'<desc id="{chart_id}-d">{escape(desc)}</desc>']


def _ceiling(values: Sequence[float], y_max: float | None) -> float:
    if y_max is not None:
        return y_max
    top = math.ceil(max(values, default=0.0))
    return float(max(2, top + top % 2))  # even, so the middle tick is a whole number


def _axes(top: float, frame: _Frame = WIDE) -> list[str]:
    """The y axis with three ticks (0, half, top) and light gridlines."""
    parts: list[str] = []
    left, right = frame.left, frame.width - frame.right
    plot_h = HEIGHT - TOP - BOTTOM
    for frac in (0.0, 0.5, 1.0):
        y = TOP + plot_h * (1 - frac)
        value = top * frac
        label = f"{value:g}" if value == int(value) else f"{value:.1f}"
        parts.append(f'<line class="grid" x1="{left}" x2="{right}" y1="{y:.1f}" '
                     f'y2="{y:.1f}"/>')
        parts.append(f'<text class="tick" x="{left - 6}" y="{y + 4:.1f}" '
                     f'text-anchor="end">{label}</text>')
    parts.append(f'<line class="axis" x1="{left}" x2="{right}" y1="{HEIGHT - BOTTOM}" '
                 f'y2="{HEIGHT - BOTTOM}"/>')
    return parts


def _x_labels(labels: Sequence[str], xs: Sequence[float], frame: _Frame = WIDE) -> list[str]:
    # At most six labels (on a phone, four, or three of more), evenly spaced and counted back
    # from the newest, so none overlap. On a phone, where every bar has its label, every other
    # label sits a line lower, so that "partly accepted" and "no answer yet" do not run together.
    step = 1 if len(labels) <= frame.every else max(1, -(-len(labels) // frame.labels))
    last = len(labels) - 1
    lower = frame.stagger and step == 1 and len(labels) > 2
    return [f'<text class="tick" x="{x:.1f}" '
            f'y="{HEIGHT - BOTTOM + 18 + (17 if lower and (last - i) % 2 else 0)}" '
            f'text-anchor="middle">{escape(label)}</text>'
            for i, (label, x) in enumerate(zip(labels, xs, strict=True)) if (last - i) % step == 0]


def bar_chart(chart_id: str, title: str, desc: str, items: Sequence[tuple[str, float]], *,
              y_max: float | None = None, classes: Sequence[str] = (),
              frame: _Frame = WIDE) -> Markup:
    """Vertical bars, one per (label, value); ``classes`` gives each bar an extra class."""
    top = _ceiling([v for _, v in items], y_max)
    plot_w, plot_h = frame.width - frame.left - frame.right, HEIGHT - TOP - BOTTOM
    slot = plot_w / max(1, len(items))
    bar_w = min(56.0, slot * 0.7)
    parts = _open(chart_id, title, desc, frame) + _axes(top, frame)
    centres: list[float] = []
    for i, (label, value) in enumerate(items):
        h = plot_h * (value / top) if top else 0.0
        cx = frame.left + slot * (i + 0.5)
        centres.append(cx)
        extra = f" {classes[i]}" if i < len(classes) else ""
        parts.append(f'<rect class="bar{extra}" x="{cx - bar_w / 2:.1f}" '
                     f'y="{TOP + plot_h - h:.1f}" width="{bar_w:.1f}" height="{h:.1f}">'
                     f"<title>{escape(label)}: {value:g}</title></rect>")
        if value:
            parts.append(f'<text class="value" x="{cx:.1f}" y="{TOP + plot_h - h - 5:.1f}" '
                         f'text-anchor="middle">{value:g}</text>')
    parts += _x_labels([label for label, _ in items], centres, frame)
    parts.append("</svg>")
    return Markup("".join(parts))  # every text in it is escaped above


def line_chart(chart_id: str, title: str, desc: str, points: Sequence[tuple[str, float]], *,
               y_max: float | None = None, frame: _Frame = WIDE) -> Markup:
    """A line through (label, value) points, each point marked. When every label is an ISO date
    (``2026-03-01``) the x axis is a time axis: each point sits at its date and the axis is
    labelled with evenly spaced dates, so one day and ten months never look the same distance
    apart. Other labels are evenly spaced, each under its point.

    >>> svg = line_chart("c", "t", "d", [("2026-01-01", 2), ("2026-01-02", 3), ("2026-11-01", 8)])
    >>> [round(float(x)) for x in re.findall(r'<circle class="point" cx="([0-9.]+)"', svg)]
    [68, 70, 576]
    """
    top = _ceiling([v for _, v in points], y_max)
    plot_w, plot_h = frame.width - frame.left - frame.right, HEIGHT - TOP - BOTTOM
    n = len(points)
    days = _days([label for label, _ in points])
    if days is None:
        xs = [frame.left + (plot_w * (i + 0.5) / n) for i in range(n)]
        x_labels = _x_labels([label for label, _ in points], xs, frame)
    else:
        xs, x_labels = _time_axis(days, frame)
    ys = [TOP + plot_h * (1 - (v / top if top else 0.0)) for _, v in points]
    parts = _open(chart_id, title, desc, frame) + _axes(top, frame)
    if n > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in zip(xs, ys, strict=True))
        parts.append(f'<polyline class="line" fill="none" points="{path}"/>')
    for (label, value), x, y in zip(points, xs, ys, strict=True):
        parts.append(f'<circle class="point" cx="{x:.1f}" cy="{y:.1f}" r="5">'
                     f"<title>{escape(label)}: {value:g}</title></circle>")
    parts += x_labels
    parts.append("</svg>")
    return Markup("".join(parts))  # every text in it is escaped above


def for_screens(draw: Callable[..., Markup], chart_id: str, *args: Any, **kwargs: Any) -> Markup:
    """A chart drawn twice, wide and for a phone (``chart_id-narrow``): the style sheet shows the
    one that fits the screen, and hides the other from everyone, screen readers included."""
    return Markup(draw(chart_id, *args, **kwargs)
                  + draw(f"{chart_id}-narrow", *args, frame=NARROW, **kwargs))


TIME_PAD = 24.0
"""Space, in pixels, between the plot's edges and the first and last day of a time axis."""


_ISO_DATE = re.compile(r"\d{4}-\d\d-\d\d")


def _days(labels: Sequence[str]) -> list[int] | None:
    """The labels as day numbers when every one is an ISO date (``2026-03-01``), else None."""
    days: list[int] = []
    for label in labels:
        if not _ISO_DATE.fullmatch(label):
            return None
        try:
            days.append(date.fromisoformat(label).toordinal())
        except ValueError:  # 2026-02-30
            return None
    return days or None


def _time_axis(days: Sequence[int], frame: _Frame = WIDE) -> tuple[list[float], list[str]]:
    """The x of each day on a time axis, and up to five date labels (three on a phone) evenly
    spaced along it, the first and last day included (one, in the middle, when all the points
    share a day)."""
    first, last = min(days), max(days)
    left = frame.left + TIME_PAD
    width = frame.width - frame.left - frame.right - 2 * TIME_PAD
    span = last - first
    gaps = min(4, frame.labels - 1)

    def x_of(day: int) -> float:
        return left + width * (day - first) / span if span else left + width / 2

    ticks = sorted({first + round(i * span / gaps) for i in range(gaps + 1)}) if span >= 4 else (
        sorted({first, last}))
    return ([x_of(day) for day in days],
            [f'<text class="tick" x="{x_of(day):.1f}" y="{HEIGHT - BOTTOM + 18}" '
             f'text-anchor="middle">{date.fromordinal(day).isoformat()}</text>' for day in ticks])
