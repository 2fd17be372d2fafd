"""Round 16: a WhatsApp export whose date fields are all 12 or less is read in one order for the
whole file, chosen from how its consecutive dates step (a US iPhone export early in the month was
read day-first, so its times were a month off)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.io import load_conversation


def _read(tmp_path: Path, lines: list[str]) -> list[str | None]:
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return [t.timestamp for t in load_conversation(path).turns]


def test_us_iphone_export_early_in_the_month_is_read_month_first(tmp_path: Path) -> None:
    lines = [
        "[3/4/26, 10:40:12\u202fPM] Mom: Kai where are you. You said 10",
        "[3/4/26, 10:46:41\u202fPM] Kai: whatever",
        "[3/5/26, 9:15:00\u202fAM] Mom: Can we talk about last night when you're up",
        "[3/5/26, 11:52:10\u202fAM] Kai: k",
    ]
    path = tmp_path / "chat.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    turns = load_conversation(path).turns
    assert [t.timestamp for t in turns] == [
        "2026-03-04T22:40:12", "2026-03-04T22:46:41", "2026-03-05T09:15:00", "2026-03-05T11:52:10",
    ]
    assert turns[2].start == pytest.approx(10 * 3600 + 34 * 60 + 48)  # about 10.5 hours, not a month


def test_day_first_export_whose_dates_step_by_day_stays_day_first(tmp_path: Path) -> None:
    # 24-hour times and four-digit years: 4 March then 5 March, read day-first
    assert _read(tmp_path, [
        "[04/03/2026, 22:40:12] Ana: one", "[05/03/2026, 09:15:00] Ben: two",
    ]) == ["2026-03-04T22:40:12", "2026-03-05T09:15:00"]


def test_the_step_decides_even_against_the_us_look(tmp_path: Path) -> None:
    # 12-hour times and two-digit years, but 1/3 then 2/3 then 3/3 only make sense as days
    assert _read(tmp_path, [
        "1/3/26, 9:00 PM - Ana: one", "2/3/26, 9:00 PM - Ben: two", "3/3/26, 9:00 PM - Ana: three",
    ]) == ["2026-03-01T21:00:00", "2026-03-02T21:00:00", "2026-03-03T21:00:00"]


def test_one_order_for_the_whole_file(tmp_path: Path) -> None:
    # a later "25/3" decides day-first for the early lines too
    assert _read(tmp_path, [
        "[3/4/26, 9:00:00 PM] Ana: one", "[25/4/26, 9:00:00 PM] Ben: two",
    ]) == ["2026-04-03T21:00:00", "2026-04-25T21:00:00"]


def test_a_single_date_without_the_us_look_is_day_first(tmp_path: Path) -> None:
    assert _read(tmp_path, ["[03/04/2026, 21:00:00] Ana: one", "[03/04/2026, 21:01:00] Ben: two"]) \
        == ["2026-04-03T21:00:00", "2026-04-03T21:01:00"]
