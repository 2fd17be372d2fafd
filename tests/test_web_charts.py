"""The server-side SVG charts: accessible names, escaped text, sizes that follow the numbers."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

pytest.importorskip("markupsafe")

from mendkit.web.charts import bar_chart, line_chart

SVG = "{http://www.w3.org/2000/svg}"


def test_bar_chart_is_labelled_valid_and_proportional() -> None:
    svg = bar_chart("c", "Ruptures <per> week", "Two bars & one label", [("<b>W1", 2), ("W2", 4)])
    root = ET.fromstring(str(svg))  # well-formed XML, so the text was escaped
    assert root.get("role") == "img" and root.get("aria-labelledby") == "c-t c-d"
    assert root.find(f"{SVG}title").text == "Ruptures <per> week"  # type: ignore[union-attr]
    assert root.find(f"{SVG}desc").text == "Two bars & one label"  # type: ignore[union-attr]
    bars = root.findall(f"{SVG}rect")
    heights = [float(b.get("height", "0")) for b in bars]
    assert len(bars) == 2 and heights[1] == pytest.approx(2 * heights[0])
    assert "style=" not in svg and "<b>" not in svg


def test_small_counts_get_whole_number_ticks() -> None:
    ticks = re.findall(r'class="tick"[^>]*text-anchor="end">([^<]+)<', bar_chart("c", "t", "d", [("a", 1)]))
    assert ticks == ["0", "1", "2"]


def test_line_chart_marks_every_point_on_a_fixed_scale() -> None:
    svg = line_chart("l", "Check-ins", "Scores", [("03-01", 0), ("03-02", 10), ("03-03", 5)], y_max=10)
    root = ET.fromstring(str(svg))
    points = root.findall(f"{SVG}circle")
    ys = [float(p.get("cy", "0")) for p in points]
    assert len(points) == 3 and ys[1] < ys[2] < ys[0]
    assert root.find(f"{SVG}polyline") is not None
    assert len(ET.fromstring(str(line_chart("o", "t", "d", [("x", 3)]))).findall(f"{SVG}polyline")) == 0
