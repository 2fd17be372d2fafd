"""``mend accounts``: init, add, list, disable, audit; clear errors with exit code 1."""

from __future__ import annotations

import pytest

from mendkit.cli.main import main

SECRET = "plum-tree-evening-42"


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_accounts_from_the_command_line(backend: str, capsys: pytest.CaptureFixture[str],
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["journal", "init"], capsys)[0] == 0
    monkeypatch.setenv("MEND_NEW_PASSWORD", SECRET)
    code, _, err = run(["accounts", "add", "--username", "robin", "--role", "therapist"], capsys)
    assert code == 1 and "mend accounts init" in err and "Traceback" not in err
    assert run(["accounts", "init"], capsys)[1].startswith("accounts are on")
    assert "already on" in run(["accounts", "init"], capsys)[1]
    assert run(["accounts", "add", "--username", "robin", "--role", "therapist"], capsys)[0] == 0
    assert run(["accounts", "add", "--username", "sam", "--role", "client"], capsys)[0] == 0
    code, _, err = run(["accounts", "add", "--username", "sam", "--role", "client"], capsys)
    assert code == 1 and "already an account named 'sam'" in err
    monkeypatch.setenv("MEND_NEW_PASSWORD", "short")
    code, _, err = run(["accounts", "add", "--username", "kit", "--role", "client"], capsys)
    assert code == 1 and "at least 10 characters" in err
    code, out, _ = run(["accounts", "list"], capsys)
    assert code == 0
    assert [line.split()[:2] for line in out.splitlines()] == [["robin", "therapist"],
                                                              ["sam", "client"]]
    assert run(["accounts", "disable", "sam"], capsys)[0] == 0
    assert "(disabled)" in run(["accounts", "list"], capsys)[1]
    code, _, err = run(["accounts", "disable", "nobody"], capsys)
    assert code == 1 and "no account named 'nobody'" in err and "Traceback" not in err
    code, out, _ = run(["accounts", "audit", "--user", "sam"], capsys)
    assert code == 0
    assert [line.split("  ")[2] for line in out.splitlines()] == ["disable_user (sam)",
                                                                  "add_user (sam)"]
    assert all("(command line)" in line for line in out.splitlines())
    assert len(run(["accounts", "audit"], capsys)[1].splitlines()) == 3


def test_a_password_must_be_typed_twice_alike(sqlite_env: None,
                                              capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    assert run(["journal", "init"], capsys)[0] == 0
    assert run(["accounts", "init"], capsys)[0] == 0
    monkeypatch.delenv("MEND_NEW_PASSWORD", raising=False)
    answers = iter([SECRET, SECRET + "x"])
    monkeypatch.setattr("getpass.getpass", lambda _prompt="": next(answers))
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)
    code, _, err = run(["accounts", "add", "--username", "sam", "--role", "client"], capsys)
    assert code == 1 and "differ" in err
    assert "no accounts yet" in run(["accounts", "list"], capsys)[1]
