"""A damaged two-person answers file is a plain error naming it (it was a traceback)."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.cli.main import main


def test_a_damaged_pair_file_is_named_by_exchange_and_join(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "home"))
    answers = tmp_path / "a.json"
    answers.write_text('["Dana", "x", "no", "x", "no", "x", "no", "x", "no", "x", "no"]')
    assert main(["coach", "--pair", "--answers", str(answers)]) == 0
    (folder,) = (tmp_path / "home" / "coach" / "pairs").iterdir()
    (folder / "first.json").write_bytes(b"{{{\xff")
    capsys.readouterr()
    for argv in (["coach", "--exchange", folder.name], ["coach", "--join", folder.name]):
        assert main(argv) == 1
        err = capsys.readouterr().err
        assert "first.json" in err and "cannot read this two-person session" in err
        assert "Traceback" not in err and "internal error" not in err
