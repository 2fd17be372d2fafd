"""Charts: valid PNG and SVG, the bars and points the figures call for, the same bytes every time."""

from __future__ import annotations

import json
import os
import re
import struct
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.insights_charts import chart_names, chart_png, chart_svg, write_charts

SVG = "{http://www.w3.org/2000/svg}"

REL: dict[str, Any] = {
    # weeks 10 and 13 only: the chart fills 11 and 12 with empty bars
    "ruptures_per_week": {"2026-W10": 2, "2026-W13": 1},
    "uptake": {"accepted": 3, "partly": 1, "not_yet": 0, "rejected": 2},
    "uptake_ratio": 0.5833,
    "connection_per_week": {"2026-W09": 4.0, "2026-W10": 7.0, "2026-W12": 6.5},
    "connection_slope_per_day": 0.1,
}


def _session(date: str, by_type: tuple[int, int, int], episodes: int, resolved: int
             ) -> dict[str, Any]:
    w, c, i = by_type
    return {"date": date, "turns": 10, "ruptures": w + c + i,
            "ruptures_by_type": {"withdrawal": w, "confrontation": c, "invalidation": i},
            "episodes": episodes, "resolved": resolved, "attempted": 0,
            "unresolved": episodes - resolved,
            "repaired_share": resolved / episodes if episodes else None,
            "attempted_share": 0.0 if episodes else None, "withdrawal_unaddressed": w}


CLIENT: dict[str, Any] = {"sessions": [_session("2026-03-02", (1, 2, 0), 2, 1),
                                       _session("2026-03-09", (0, 0, 0), 0, 0),
                                       _session("2026-03-16", (2, 1, 1), 1, 1),
                                       _session("2026-03-23", (0, 1, 0), 1, 0)]}


def _heights(root: ET.Element, prefix: str) -> list[float]:
    """Heights of the bars whose ids start with ``prefix``, in order, from their SVG paths."""
    out = []
    for g in root.iter(f"{SVG}g"):
        if g.get("id", "").startswith(prefix):
            path = g.find(f"{SVG}path")
            assert path is not None
            ys = [float(y) for y in re.findall(r"[ML] [-\d.]+ ([-\d.]+)", path.get("d", ""))]
            out.append(round(max(ys) - min(ys), 3))
    return out


def _points(root: ET.Element, gid: str) -> int:
    group = next(g for g in root.iter(f"{SVG}g") if g.get("id") == gid)
    return len(list(group.iter(f"{SVG}use")))


def test_relationship_bars_and_points_match_the_figures() -> None:
    weeks = ET.fromstring(chart_svg(REL, "ruptures_per_week"))
    heights = _heights(weeks, "ruptures_per_week-bar-ruptures-")
    assert len(heights) == 4  # W10, W11, W12, W13
    assert heights[1] == heights[2] == 0
    assert heights[0] == pytest.approx(2 * heights[3], rel=1e-3)

    uptake = _heights(ET.fromstring(chart_svg(REL, "repair_uptake")), "repair_uptake-bar-uptake-")
    assert len(uptake) == 4 and uptake[2] == 0
    assert uptake[0] == pytest.approx(3 * uptake[1], rel=1e-3)
    assert uptake[3] == pytest.approx(2 * uptake[1], rel=1e-3)

    trend = ET.fromstring(chart_svg(REL, "connection_trend"))
    assert _points(trend, "connection_trend-points-connection") == 3


def test_session_bars_and_points_match_the_figures() -> None:
    root = ET.fromstring(chart_svg(CLIENT, "ruptures_per_session"))
    assert _heights(root, "ruptures_per_session-bar-withdrawal-")[0] > 0
    w = _heights(root, "ruptures_per_session-bar-withdrawal-")
    c = _heights(root, "ruptures_per_session-bar-confrontation-")
    i = _heights(root, "ruptures_per_session-bar-invalidation-")
    assert len(w) == len(c) == len(i) == 4  # one bar per type per session
    assert c[0] == pytest.approx(2 * w[0], rel=1e-3) and w[1] == c[1] == i[1] == 0
    assert i[2] == pytest.approx(w[0], rel=1e-3) and i[0] == 0

    share = ET.fromstring(chart_svg(CLIENT, "repaired_share"))
    # the session without episodes has no point
    assert _points(share, "repaired_share-points-repaired") == 3
    assert _points(share, "repaired_share-points-attempted") == 3
    missed = _heights(ET.fromstring(chart_svg(CLIENT, "withdrawal_unaddressed")),
                      "withdrawal_unaddressed-bar-withdrawal-unaddressed-")
    assert len(missed) == 4 and missed[1] == missed[3] == 0


def test_svg_is_one_standalone_element_with_a_title_and_unique_ids() -> None:
    svgs = {name: chart_svg(REL, name) for name in chart_names(REL)}
    ids: list[str] = []
    for name, text in svgs.items():
        root = ET.fromstring(text)
        assert root.tag == f"{SVG}svg" and root.get("role") == "img"
        title = root.find(f"{SVG}title")
        assert title is not None and title.text and title.text == root.get("aria-label")
        assert "<?xml" not in text and "dc:date" not in text.lower()
        ids += [e.get("id", "") for e in root.iter() if e.get("id")]
        assert all(i.startswith(f"{name}-") for i in ids[-5:])
    assert len(ids) == len(set(ids))  # three charts can be inlined in one page


def test_png_is_a_png_of_the_expected_size() -> None:
    data = chart_png(REL, "ruptures_per_week")
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    assert data[12:16] == b"IHDR"
    width, height = struct.unpack(">II", data[16:24])
    assert (width, height) == (900, 504)  # 7.5 x 4.2 inches at 120 dpi


@pytest.mark.slow
def test_same_figures_same_bytes_and_different_figures_differ() -> None:
    for name in chart_names(REL):
        assert chart_svg(REL, name) == chart_svg(dict(REL), name)
        assert chart_png(REL, name) == chart_png(dict(REL), name)
    other = {**REL, "ruptures_per_week": {"2026-W10": 3, "2026-W13": 1}}
    assert chart_svg(other, "ruptures_per_week") != chart_svg(REL, "ruptures_per_week")


@pytest.mark.slow
def test_same_bytes_in_another_process(tmp_path: Path) -> None:
    """Ids, ordering and metadata do not depend on the process (hash seed, time)."""
    script = ("import json, sys; from mendkit.insights_charts import chart_svg, chart_png; "
              "f = json.loads(sys.argv[1]); sys.stdout.write(chart_svg(f, 'connection_trend')); "
              "open(sys.argv[2], 'wb').write(chart_png(f, 'connection_trend'))")
    png = tmp_path / "c.png"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", script, json.dumps(REL), str(png)], env=env,
                         capture_output=True, text=True, check=True).stdout
    assert out == chart_svg(REL, "connection_trend")
    assert png.read_bytes() == chart_png(REL, "connection_trend")


def test_empty_figures_still_draw_a_labelled_chart() -> None:
    empty = {"ruptures_per_week": {}, "uptake": {}, "uptake_ratio": None,
             "connection_per_week": {}, "connection_slope_per_day": None}
    for name in chart_names(empty):
        assert "recorded yet" in chart_svg(empty, name)
    assert "No analysed sessions yet" in chart_svg({"sessions": []}, "ruptures_per_session")


def test_unknown_chart_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown chart"):
        chart_svg(REL, "ruptures_per_session")


def test_write_charts(tmp_path: Path) -> None:
    paths = write_charts(CLIENT, tmp_path / "out")
    assert [p.name for p in paths] == [
        "ruptures_per_session.png", "ruptures_per_session.svg", "repaired_share.png",
        "repaired_share.svg", "withdrawal_unaddressed.png", "withdrawal_unaddressed.svg"]
    for p in paths:
        if p.suffix == ".svg":
            ET.parse(p)
        else:
            assert p.read_bytes()[:4] == b"\x89PNG"


def test_cli_charts(sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Ana"]) == 0
    for when in ("2026-03-02T10:00", "2026-03-20T10:00"):
        assert main(["journal", "add", "--kind", "rupture", "--rel", "1", "--text", "late again",
                     "--when", when]) == 0
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "6",
                 "--when", "2026-03-03"]) == 0
    capsys.readouterr()
    out_dir = tmp_path / "charts"
    assert main(["insights", "--rel", "1", "--json", "--charts", str(out_dir)]) == 0
    captured = capsys.readouterr()
    json.loads(captured.out)  # stdout stays pure JSON; the paths go to stderr
    assert str(out_dir / "ruptures_per_week.svg") in captured.err
    root = ET.parse(out_dir / "ruptures_per_week.svg").getroot()
    assert len(_heights(root, "ruptures_per_week-bar-ruptures-")) == 3  # W10, W11, W12
    assert sorted(p.name for p in out_dir.iterdir()) == sorted(
        f"{n}.{ext}" for n in chart_names({}) for ext in ("png", "svg"))


def test_weeks_of_three_and_four_digit_years_and_the_last_week_of_9999_are_charted() -> None:
    figures = {**REL, "ruptures_per_week": {"1000-W02": 3, "999-W52": 1},
               "connection_per_week": {"999-W52": 4.0, "1000-W02": 7.0}}
    heights = _heights(ET.fromstring(chart_svg(figures, "ruptures_per_week")),
                       "ruptures_per_week-bar-ruptures-")
    assert len(heights) == 3  # 999-W52, 1000-W01, 1000-W02
    assert heights[1] == 0 and heights[2] == pytest.approx(3 * heights[0], rel=1e-3)
    trend = ET.fromstring(chart_svg(figures, "connection_trend"))
    assert _points(trend, "connection_trend-points-connection") == 2

    last = {**REL, "ruptures_per_week": {"9999-W51": 1, "9999-W52": 2},
            "connection_per_week": {"9999-W52": 5.0}}
    heights = _heights(ET.fromstring(chart_svg(last, "ruptures_per_week")),
                       "ruptures_per_week-bar-ruptures-")
    assert len(heights) == 2 and heights[1] == pytest.approx(2 * heights[0], rel=1e-3)
    trend = ET.fromstring(chart_svg(last, "connection_trend"))
    assert _points(trend, "connection_trend-points-connection") == 1
