"""The ``mend`` command: contracts, exit codes, errors without tracebacks, documentation."""

from __future__ import annotations

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import build_parser, main

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "mendkit" / "examples" / "workplace.txt"


def run(argv: list[str], capsys: pytest.CaptureFixture[str], stdin: str | None = None,
        monkeypatch: pytest.MonkeyPatch | None = None) -> tuple[int, str, str]:
    if stdin is not None and monkeypatch is not None:
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin))
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def test_analyze_json_is_the_contract(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["analyze", str(EXAMPLE), "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    assert data["conversation"]["speakers"] == ["Boss", "Employee"]
    assert data["turns"][3]["labels"] == ["rupture.withdrawal"]
    assert data["episodes"][0]["initiator"] == "Employee"


def test_analyze_reads_stdin(capsys: pytest.CaptureFixture[str],
                             monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["analyze", "-", "--json"], capsys,
                       stdin="Ana: You never listen.\nBen: Fine.\n", monkeypatch=monkeypatch)
    assert code == 0
    assert json.loads(out)["turns"][1]["labels"] == ["rupture.withdrawal"]


def test_analyze_human_view_shows_labels_episodes_and_the_notice(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["analyze", str(EXAMPLE)], capsys)
    assert code == 0
    assert "rupture.withdrawal/minimal_response" in out
    assert "Episodes" in out
    assert out.count("not therapy") == 1


def test_missing_file_is_exit_1_without_traceback(capsys: pytest.CaptureFixture[str],
                                                  tmp_path: Path) -> None:
    code, _, err = run(["analyze", str(tmp_path / "nope.txt")], capsys)
    assert code == 1
    assert "nope.txt" in err
    assert "Traceback" not in err


def test_bad_line_names_file_and_line(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("this line has no speaker\nAna: hello\n", encoding="utf-8")
    code, _, err = run(["analyze", str(bad)], capsys)
    assert code == 1
    assert f"{bad}:1" in err


def test_debug_shows_the_traceback(tmp_path: Path) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_text("no speaker here\n", encoding="utf-8")
    with pytest.raises(ValueError, match=r"bad\.txt"):
        main(["--debug", "analyze", str(bad)])


def test_an_unknown_region_falls_back_to_the_general_resources_with_a_note(
        capsys: pytest.CaptureFixture[str]) -> None:
    """No region value may stop the crisis resources from showing on the command line."""
    code, _, err = run(["analyze", str(EXAMPLE), "--region", "XX"], capsys)
    assert code == 0
    assert "region 'XX'" in err and "general resources" in err and "US" in err


def test_usage_error_is_exit_1(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["analyze"])
    assert info.value.code == 1


def test_check_json_contract_and_issues(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(["check", "I'm sorry, but you always do this.", "--json"], capsys)
    assert code == 0
    data = json.loads(out)
    kinds = {i["kind"] for i in data["issues"]}
    assert {"sorry_but", "always_never"} <= kinds
    assert data["risk"]["crisis"] is False


def test_check_reads_stdin(capsys: pytest.CaptureFixture[str],
                           monkeypatch: pytest.MonkeyPatch) -> None:
    code, out, _ = run(["check", "-", "--json"], capsys,
                       stdin="I'm sorry I snapped at you.\n", monkeypatch=monkeypatch)
    assert code == 0
    assert json.loads(out)["components"]["ownership"] is True


def test_check_empty_message_is_an_input_error(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(["check", "   "], capsys)
    assert code == 1
    assert "empty" in err


def test_check_crisis_shows_resources_first_and_no_coaching(
    capsys: pytest.CaptureFixture[str],
) -> None:
    code, out, _ = run(["check", "You always ignore me and I want to kill myself.",
                        "--region", "GB"], capsys)
    assert code == 0
    assert "Samaritans" in out
    assert "Repair quality" not in out  # "repair can wait": no score after a crisis message
    assert "Try:" not in out


def test_every_command_and_option_is_documented_in_the_readme() -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    for name, command in sub.choices.items():  # type: ignore[union-attr]
        if command.prog != f"mend {name}":  # an alias ("analyse"): documented by its command
            continue
        assert f"mend {name}" in readme, f"mend {name} is not in the README"
        for action in command._actions:
            for flag in action.option_strings:
                if flag.startswith("--") and flag != "--help":
                    assert flag in readme, f"{flag} of mend {name} is not in the README"


@pytest.mark.slow
def test_console_script_runs_on_a_real_subprocess() -> None:
    exe = Path(sys.executable).with_name("mend")
    env = {**os.environ, "MEND_HOME": "/nonexistent-mend-home"}
    done = subprocess.run([str(exe), "check", "Thank you for listening.", "--json"],
                          capture_output=True, text=True, env=env, check=False, timeout=60)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"] == "Thank you for listening."
