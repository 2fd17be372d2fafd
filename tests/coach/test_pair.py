"""Two-person mode: private answers, a join code, and an exchange showing only what was shared."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.pair import QUESTIONS, PairAnswers, exchange, new_code


def test_codes_are_short_and_unambiguous() -> None:
    codes = {new_code() for _ in range(200)}
    assert all(re.fullmatch(r"[A-HJ-NP-Z2-9]{6}", c) for c in codes)
    assert len(codes) > 190


def test_the_exchange_shows_only_shared_answers() -> None:
    keys = [k for k, _ in QUESTIONS]
    ana = PairAnswers(name="Ana", answers=dict.fromkeys(keys, "ana's words"),
                      shared={k: k != "triggers" for k in keys})
    ben = PairAnswers(name="Ben", answers=dict.fromkeys(keys, "ben's words"),
                      shared=dict.fromkeys(keys, True))
    sections = dict(exchange(ana, ben))
    assert sections["Triggers"] == [("Ana", "(kept private)"), ("Ben", "ben's words")]
    assert sections["Feelings"] == [("Ana", "ana's words"), ("Ben", "ben's words")]


def answers_file(tmp_path: Path, name: str, words: str, share: str) -> Path:
    path = tmp_path / f"{name}.json"
    flat = [name]
    for _ in QUESTIONS:
        flat += [f"{words}", share]
    path.write_text(json.dumps(flat), encoding="utf-8")
    return path


def test_two_people_answer_and_see_the_exchange(tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--pair", "--answers",
                 str(answers_file(tmp_path, "Ana", "I felt hurt and alone", "yes"))]) == 0
    code = re.search(r"--join ([A-Z0-9]{6})", capsys.readouterr().out).group(1)  # type: ignore[union-attr]
    assert main(["coach", "--exchange", code]) == 1  # not ready: Ben has not answered
    capsys.readouterr()
    assert main(["coach", "--join", code, "--answers",
                 str(answers_file(tmp_path, "Ben", "my private note", "no"))]) == 0
    capsys.readouterr()  # Ben's own run echoes his answers to him; the exchange must not
    assert main(["coach", "--exchange", code]) == 0
    out = capsys.readouterr().out
    assert "Ana: I felt hurt and alone" in out
    assert "Ben: (kept private)" in out
    assert "my private note" not in out


def test_a_crisis_answer_stops_two_person_mode(tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "a.json"
    path.write_text(json.dumps(["Ana", "I want to end my life"]), encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert "--join" not in out


def test_an_unknown_code_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--join", "ZZZZZZ"]) == 1
    assert "ZZZZZZ" in capsys.readouterr().err
