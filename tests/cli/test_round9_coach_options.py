"""`mend coach --pair --join CODE` and `--attachment` with a two-person session are refused
plainly (the second option used to be ignored without a word)."""

from __future__ import annotations

import pytest

from mendkit.cli.main import main


@pytest.mark.parametrize(("argv", "said"), [
    (["coach", "--pair", "--join", "ABC234"], "--pair starts a two-person session and --join"),
    (["coach", "--pair", "--attachment", "anxious"], "--attachment tailors a one-person"),
    (["coach", "--join", "ABC234", "--attachment", "anxious"], "cannot go with --join"),
])
def test_options_that_do_not_go_together_are_refused(
        argv: list[str], said: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert said in err and "Traceback" not in err
