"""Round 7: JSON output is written as it is made (a long analysis's JSON is hundreds of MB and
must never be held whole), byte for byte as ``json.dumps(..., indent=2)`` writes it."""

from __future__ import annotations

import io
import json
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mendkit import analyze, load_conversation
from mendkit.cli import render
from mendkit.model import Analysis

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "mendkit" / "examples" / "therapy.txt"


class Recorder(io.TextIOWrapper):
    """A stdout that keeps every write's size."""

    def __init__(self, encoding: str) -> None:
        self.raw_bytes = io.BytesIO()
        super().__init__(self.raw_bytes, encoding=encoding)
        self.sizes: list[int] = []

    def write(self, text: str) -> int:
        self.sizes.append(len(text))
        return super().write(text)

    def output(self) -> bytes:
        self.flush()
        return self.raw_bytes.getvalue()


@pytest.fixture
def analysis() -> Analysis:
    found = analyze(load_conversation(EXAMPLE), mode="rules")
    # Non-ASCII text, and a speaker name with a quote and a line break, to be escaped.
    first = replace(found.turns[0], text="Désolé 🙏 — \"sorry\"\nreally", speaker="Zoë")
    return replace(found, turns=(first, *found.turns[1:]))


def _stdout(monkeypatch: pytest.MonkeyPatch, encoding: str = "utf-8") -> Recorder:
    out = Recorder(encoding)
    monkeypatch.setattr(sys, "stdout", out)
    return out


def _no_whole_dict(monkeypatch: pytest.MonkeyPatch) -> None:
    real = Analysis.to_dict

    def whole(self: Analysis) -> dict[str, Any]:
        if self.turns:
            raise AssertionError("the whole analysis was built as one dict")
        return real(self)

    monkeypatch.setattr(Analysis, "to_dict", whole)


@pytest.mark.parametrize(("encoding", "ascii_only"), [("utf-8", False), ("ascii", True),
                                                      ("latin-1", True)])
def test_the_analysis_json_is_exactly_as_before(
        analysis: Analysis, monkeypatch: pytest.MonkeyPatch, encoding: str,
        ascii_only: bool) -> None:
    expected = json.dumps(analysis.to_dict(), ensure_ascii=ascii_only, indent=2) + "\n"
    out = _stdout(monkeypatch, encoding)
    _no_whole_dict(monkeypatch)
    render.print_analysis_json(analysis)
    assert out.output() == expected.encode(encoding)


def test_the_analysis_json_is_written_turn_by_turn(
        analysis: Analysis, monkeypatch: pytest.MonkeyPatch) -> None:
    analysis = replace(analysis, turns=analysis.turns * 10)
    out = _stdout(monkeypatch)
    _no_whole_dict(monkeypatch)
    render.print_analysis_json(analysis)
    total = len(out.output().decode())
    assert max(out.sizes) < total / 5  # many small writes, not one whole document


def test_an_analysis_without_turns_or_episodes(analysis: Analysis,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    empty = replace(analysis, turns=(), episodes=())
    out = _stdout(monkeypatch)
    render.print_analysis_json(empty)
    assert out.output().decode() == json.dumps(empty.to_dict(), ensure_ascii=False,
                                               indent=2) + "\n"


@pytest.mark.parametrize("data", [
    {}, {"a": []}, {"a": {}, "b": [1, [2, []], {"c": None}], "é": "x\ny"},
    {"mend_version": "1", "n": 1.5, "ok": True},
])
def test_print_json_is_exactly_json_dumps(data: dict[str, Any],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    out = _stdout(monkeypatch)
    render.print_json(data)
    assert out.output().decode() == json.dumps(data, ensure_ascii=False, indent=2) + "\n"


def test_print_json_writes_a_long_list_in_parts(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"rows": [{"i": i, "text": "x" * 50} for i in range(200)]}
    out = _stdout(monkeypatch)
    render.print_json(data)
    whole = json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    assert out.output().decode() == whole
    assert max(out.sizes) < len(whole) / 10


def test_a_lone_surrogate_is_escaped_as_before(monkeypatch: pytest.MonkeyPatch) -> None:
    data = {"text": "broken \udcff byte", "more": ["é"]}
    out = _stdout(monkeypatch)
    out.reconfigure(errors="strict")
    render.print_json(data)
    assert out.output().decode() == json.dumps(data, ensure_ascii=True, indent=2) + "\n"
