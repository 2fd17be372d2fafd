"""`mend coach --answers FILE` refuses a bad file clearly: the file named, and the item when one
item is wrong; exit code 1, no traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main


def test_an_answers_file_that_is_not_utf8_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "answers.bin"
    path.write_bytes(b"\xff\xfe\x00garbage\x93")
    assert main(["coach", "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {path}: expected a JSON list of answers (UTF-8 text)" in err
    assert "internal error" not in err


@pytest.mark.parametrize(("answers", "item"), [(["", True], 2), ([1, None], 2), ([["x"]], 1)])
def test_an_answer_that_is_not_text_or_a_number_names_its_item(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: list[object],
        item: int) -> None:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: answer {item} is {json.dumps(answers[item - 1])}" in err
    assert "expected text or a number" in err
