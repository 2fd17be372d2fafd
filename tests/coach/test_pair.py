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
    flat = [name, "yes"]  # round 10: the private safety question comes first
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


def _code_of(out: str) -> str:
    return re.search(r"code is ([A-Z0-9]{6})", out).group(1)  # type: ignore[union-attr]


def test_joining_again_never_replaces_the_answers_already_given(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["coach", "--pair", "--answers",
                 str(answers_file(tmp_path, "Ana", "I felt hurt", "yes"))]) == 0
    code = _code_of(capsys.readouterr().out)
    assert main(["coach", "--join", code, "--answers",
                 str(answers_file(tmp_path, "Ben", "I felt sad", "yes"))]) == 0
    capsys.readouterr()
    eve = tmp_path / "eve.json"
    eve.write_text(json.dumps(["Eve", "angry", "yes"]), encoding="utf-8")
    assert main(["coach", "--join", code, "--answers", str(eve)]) == 1
    err = capsys.readouterr().err
    assert f"Ben has already answered every question for {code}" in err
    assert "Traceback" not in err
    assert main(["coach", "--exchange", code]) == 0
    out = capsys.readouterr().out
    assert "Ben: I felt sad" in out and "angry" not in out


def test_an_interrupted_pair_shows_its_code_and_carries_on_where_it_stopped(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    keys = [k for k, _ in QUESTIONS]
    start = tmp_path / "start.json"
    start.write_text(json.dumps(["Ana", "yes", "I felt ignored", "yes"]), encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(start)]) == 0
    out = capsys.readouterr().out
    code = _code_of(out)
    assert "mend coach --pair" in out.rsplit("Saved", 1)[1]  # how to finish, with the code
    rest = tmp_path / "rest.json"
    rest.write_text(json.dumps(["yes", *[w for k in keys[1:] for w in (f"my {k}", "yes")]]),
                    encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(rest)]) == 0
    out = capsys.readouterr().out
    assert f"--join {code}" in out
    assert out.count("How did you feel during it?") == 0  # the answered question is not asked
    # the other person stops part-way too, and the same command carries on for them
    half = tmp_path / "half.json"
    half.write_text(json.dumps(["Ben", "yes", "I felt sad", "yes", "my side", "no"]), encoding="utf-8")
    assert main(["coach", "--join", code, "--answers", str(half)]) == 0
    assert f"mend coach --join {code}" in capsys.readouterr().out.rsplit("Saved", 1)[1]
    more = tmp_path / "more.json"
    more.write_text(json.dumps(["yes", *[w for k in keys[2:] for w in (f"ben {k}", "yes")]]),
                    encoding="utf-8")
    assert main(["coach", "--join", code, "--answers", str(more)]) == 0
    capsys.readouterr()
    assert main(["coach", "--exchange", code]) == 0
    out = capsys.readouterr().out
    assert "Ana: I felt ignored" in out and "Ana: my next_time" in out
    assert "Ben: I felt sad" in out and "Ben: (kept private)" in out and "Ben: ben next_time" in out
