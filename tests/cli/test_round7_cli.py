"""Round 7 of the command line's output and errors: a narrow terminal never hides the crisis
resources (config 1), a closed or full stdout (config 2, 3), ``--debug`` keeps the exit code
(config 8), a file name too long for the system (library 1), and a country Mend has no list for
(safety 6)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import mendkit.cli.parser as cli_parser
from mendkit.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "mendkit" / "examples" / "workplace.txt"
CRISIS = "I want to kill myself"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- config 1: a narrow or zero COLUMNS ------------------------------------------------------------
@pytest.mark.parametrize("columns", ["0", "1", "5", "7", "20"])
def test_a_narrow_terminal_still_shows_every_crisis_resource(
        columns: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", columns)
    code, out, _ = _run(["check", CRISIS, "--mode", "rules", "--region", "US"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    assert "988" in flat and "911" in flat
    assert "Your safety comes first" in flat
    assert "It is not therapy" in flat


def test_a_narrow_terminal_keeps_every_episode_column(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("COLUMNS", "20")
    code, out, _ = _run(["analyze", str(EXAMPLE), "--mode", "rules"], capsys)
    assert code == 0
    flat = " ".join(out.split())
    for shown in ("severity", "status", "repair by", "uptake"):
        assert shown in flat


# -- config 2: a closed stdout ---------------------------------------------------------------------
@pytest.mark.parametrize("argv", [["check", "hi", "--mode", "rules"],
                                  ["check", "hi", "--mode", "rules", "--json"],
                                  ["analyze", str(EXAMPLE), "--mode", "rules"]])
def test_a_closed_stdout_is_not_an_internal_error(
        argv: list[str], monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setattr(sys, "stdout", None)
    code = main(argv)
    err = capsys.readouterr().err
    assert code == 0
    assert "internal error" not in err
    assert sys.stdout is None  # put back as it was


# -- config 3: a write error on stdout -------------------------------------------------------------
def _to_dev_full(args: list[str]) -> subprocess.CompletedProcess[str]:
    with open("/dev/full", "w") as full:
        return subprocess.run([sys.executable, "-m", "mendkit", *args], stdout=full,
                              stderr=subprocess.PIPE, text=True, check=False, timeout=120)


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs /dev/full")
@pytest.mark.parametrize("args", [["check", "hi", "--mode", "rules", "--json"],
                                  ["analyze", str(EXAMPLE), "--mode", "rules"],
                                  ["--help"]])
def test_a_full_stdout_is_a_plain_error_with_exit_1(args: list[str]) -> None:
    done = _to_dev_full(args)
    assert done.returncode == 1, done.stderr
    assert done.stderr.strip() == "mend: error: standard output: no space left on device"


# -- config 8: --debug keeps the exit code of an internal error ------------------------------------
def test_debug_shows_the_traceback_and_still_exits_2(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.cli import entry

    def broken(args: object) -> int:
        raise RuntimeError("something Mend did not expect")

    monkeypatch.setattr(cli_parser, "_check", broken)
    monkeypatch.setattr(sys, "argv", ["mend", "--debug", "check", "hi"])
    assert entry.run() == 2
    err = capsys.readouterr().err
    assert "Traceback" in err and "RuntimeError: something Mend did not expect" in err


def test_debug_on_bad_input_still_exits_1(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    from mendkit.cli import entry

    bad = tmp_path / "bad.txt"
    bad.write_text("no speaker here\n", encoding="utf-8")
    monkeypatch.setattr(sys, "argv", ["mend", "--debug", "analyze", str(bad)])
    assert entry.run() == 1
    assert "Traceback" in capsys.readouterr().err


# -- library 1: a file name too long for the system ------------------------------------------------
@pytest.mark.parametrize("library_raises", [True, False])
def test_a_file_name_too_long_is_a_plain_error(
        library_raises: bool, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import errno
    import os

    long_name = "/tmp/" + "a" * 300 + ".txt"
    if library_raises:  # the raw OSError that loading a file raised: the reporter copes with it
        def raw(args: object) -> int:
            raise OSError(errno.ENAMETOOLONG, os.strerror(errno.ENAMETOOLONG), long_name)

        monkeypatch.setattr(cli_parser, "_analyze", raw)
    code, _, err = _run(["analyze", long_name, "--mode", "rules"], capsys)
    assert code == 1
    assert err.startswith("mend: error: ")
    assert "file name too long" in err
    assert "Traceback" not in err and "internal error" not in err


# -- safety 6: a country Mend has no list for ------------------------------------------------------
NO_LIST = "mend: note: Mend has no list for DE; showing general resources"


@pytest.mark.parametrize("how", ["option", "environment"])
def test_an_unknown_country_falls_back_to_the_general_resources(
        how: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["check", CRISIS, "--mode", "rules"]
    if how == "option":
        argv += ["--region", "de"]
    else:
        monkeypatch.setenv("MEND_REGION", "DE")
    code, out, err = _run(argv, capsys)
    assert code == 0
    flat = " ".join(out.split())
    assert "local emergency" in flat.lower() and "988" in flat and "116 123" in flat
    assert NO_LIST in err


def test_analyze_says_the_note_too(monkeypatch: pytest.MonkeyPatch,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_REGION", "DE")
    code, out, err = _run(["analyze", str(EXAMPLE), "--mode", "rules", "--json"], capsys)
    assert code == 0 and out.startswith("{")
    assert NO_LIST in err


def test_a_region_that_is_no_country_code_falls_back_on_the_command_line(
        capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["check", "hello", "--mode", "rules", "--region", "Germany"], capsys)
    assert code == 0
    assert "no crisis resources for region 'Germany'; showing general resources" in err


def test_the_library_falls_back_for_a_country_and_refuses_the_rest() -> None:
    from mendkit.analysis.safety import resources_for
    from mendkit.errors import ConfigError

    assert resources_for("DE") == resources_for("default")
    assert resources_for(" fr ") == resources_for("default")
    for not_a_country in ("XX", "ZZ", "QM", "Germany", "D1", ""):
        with pytest.raises(ConfigError):
            resources_for(not_a_country)
