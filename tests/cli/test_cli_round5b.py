"""The second look at the command line's shell: a Ctrl-C while Mend starts (regress 2), an ASCII
locale (regress 6) and ``--debug`` after the command (regress 7)."""

from __future__ import annotations

import io
import json
import os
import signal
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

import mendkit.cli.parser as cli_parser
from mendkit.cli.main import build_parser, main

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "mendkit" / "examples"
NOT_THERAPY = "Mend is a self-help and practice aid. It is not therapy or a diagnosis."


def _python(script: str, *, env: dict[str, str] | None = None,
            args: list[str | bytes] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-c", script, *(args or [])], capture_output=True,
                          check=False, timeout=300, env=env)


# -- regress 2: Ctrl-C while Mend starts up -----------------------------------------------------
@pytest.mark.usefixtures("ctrl_c_as_python_starts_it")
def test_an_interrupt_a_c_extension_prints_and_replaces_is_an_interrupt(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """What onnxruntime's module init does when a Ctrl-C lands inside its import of numpy: it
    prints the KeyboardInterrupt (PyErr_Print, through sys.excepthook) and raises a new
    ImportError with no cause or context."""
    def interrupted_import(args: object) -> int:
        try:
            signal.raise_signal(signal.SIGINT)  # a real Ctrl-C, through Mend's own handler
        except KeyboardInterrupt:
            sys.excepthook(*sys.exc_info())  # type: ignore[arg-type]
        raise ImportError("import numpy failed") from None

    monkeypatch.setattr(cli_parser, "_check", interrupted_import)
    assert main(["check", "hello"]) == 130
    assert capsys.readouterr().err == "mend: interrupted\n"  # no traceback, no "internal error"
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # put back
    assert sys.excepthook is sys.__excepthook__


def test_an_error_without_a_ctrl_c_is_still_reported(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object) -> int:
        raise ImportError("import numpy failed")

    monkeypatch.setattr(cli_parser, "_check", broken)
    assert main(["check", "hello"]) == 2
    assert "internal error: ImportError: import numpy failed" in capsys.readouterr().err


_STOP_MAIN = """
import sys
class Stop:  # a Ctrl-C while the command's modules load
    def find_spec(self, name, path=None, target=None):
        if name == "mendkit.cli.main":
            raise KeyboardInterrupt
sys.meta_path.insert(0, Stop())
"""


def test_a_ctrl_c_while_the_command_loads_is_an_interrupt() -> None:
    done = _python(_STOP_MAIN + "from mendkit.cli.entry import run\nsys.exit(run())\n")
    assert (done.returncode, done.stderr) == (130, b"mend: interrupted\n")


def test_python_m_mendkit_guards_its_start_too() -> None:
    done = _python(_STOP_MAIN + "import runpy\nrunpy.run_module('mendkit', run_name='__main__')\n")
    assert (done.returncode, done.stderr) == (130, b"mend: interrupted\n")


def test_the_mend_script_starts_at_the_guarded_entry() -> None:
    scripts = tomllib.loads((REPO / "pyproject.toml").read_text())["project"]["scripts"]
    assert scripts == {"mend": "mendkit.cli.entry:run"}


def test_a_ctrl_c_once_the_work_is_done_does_not_kill_mend_silently() -> None:
    """A Ctrl-C that lands while Python shuts down used to kill the process (exit 130 with
    nothing said) after the command had finished: the finished command keeps its exit code."""
    script = ("import os, signal, sys\n"
              "sys.argv = ['mend', '--version']\n"
              "from mendkit.cli.entry import run\n"
              "try:\n"
              "    run()\n"
              "except SystemExit as stop:\n"
              "    code = stop.code\n"
              "os.kill(os.getpid(), signal.SIGINT)\n"
              "print('finished', code)\n")
    done = _python(script)
    assert done.returncode == 0, done.stderr
    assert done.stdout.decode().split()[-2:] == ["finished", "0"]


# -- regress 6: an ASCII locale without UTF-8 mode ------------------------------------------------
def test_a_utf8_argument_the_locale_could_not_decode_is_read_as_utf8(
        capsys: pytest.CaptureFixture[str]) -> None:
    """With LC_ALL=C and PYTHONUTF8=0, "Désolé" arrives as surrogate escapes of its UTF-8 bytes."""
    escaped = os.fsdecode("Désolé, I'm sorry".encode())
    if escaped == "Désolé, I'm sorry":  # this process runs in UTF-8: make the escapes by hand
        escaped = "Désolé, I'm sorry".encode().decode("ascii", "surrogateescape")
    assert main(["check", escaped, "--json", "--mode", "rules"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "Désolé, I'm sorry"


def test_an_argument_that_is_not_utf8_names_the_byte_not_mends_code(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", b"D\xe9sol\xe9".decode("ascii", "surrogateescape")])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert "byte 0xe9 at column 2 is not valid UTF-8" in err
    assert "_message" not in err and "\\udc" not in err


def test_analyze_to_an_ascii_stream_with_surrogate_escapes_is_written_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """The C locale's stdout: ascii with errors="surrogateescape", not "strict"."""
    chat = tmp_path / "emoji.txt"
    chat.write_text("Zoë: I am so hurt you forgot\nJosé: Sorry, my fault\n", encoding="utf-8")
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding="ascii",
                                                        errors="surrogateescape"))
    assert main(["analyze", str(chat), "--mode", "rules"]) == 0
    sys.stdout.flush()
    out = raw.getvalue().decode("ascii")
    assert "Zo?, Jos?" in out and NOT_THERAPY in out
    assert "internal error" not in capsys.readouterr().err


@pytest.mark.slow
def test_the_c_locale_without_utf8_mode_end_to_end(tmp_path: Path) -> None:
    chat = tmp_path / "emoji.txt"
    chat.write_text("Zoë: I am so hurt you forgot\nJosé: Sorry, my fault\n", encoding="utf-8")
    env = {**os.environ, "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}
    env.pop("PYTHONIOENCODING")
    run = "import runpy; runpy.run_module('mendkit', run_name='__main__')"
    done = _python("import sys; sys.argv[0] = 'mend'; " + run, env=env,
                   args=["analyze", str(chat), "--mode", "rules"])
    assert done.returncode == 0, done.stderr
    assert b"Zo?, Jos?" in done.stdout and NOT_THERAPY.encode() in done.stdout
    done = _python("import sys; sys.argv[0] = 'mend'; " + run, env=env,
                   args=["check", "Désolé, I'm sorry".encode(), "--json", "--mode", "rules"])
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["text"] == "Désolé, I'm sorry"


# -- regress 7: --debug after the command -------------------------------------------------------
@pytest.mark.parametrize("argv", [["check", "hi", "--debug"], ["analyze", "f.txt", "--debug"],
                                  ["journal", "list", "--debug"], ["--debug", "check", "hi"]])
def test_debug_is_taken_before_or_after_the_command(argv: list[str]) -> None:
    assert build_parser().parse_args(argv).debug is True


def test_debug_is_off_unless_given() -> None:
    assert build_parser().parse_args(["check", "hi"]).debug is False


def test_debug_after_the_command_shows_the_error_itself(tmp_path: Path) -> None:
    from mendkit.errors import InvalidInputError

    missing = str(tmp_path / "nope.txt")
    assert main(["analyze", missing, "--mode", "rules"]) == 1  # said in a line, exit 1
    with pytest.raises(InvalidInputError, match="no such file"):  # raised, for its traceback
        main(["analyze", missing, "--mode", "rules", "--debug"])


def test_an_undecodable_file_name_is_said_as_its_own_bytes(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """In the C locale stderr is ascii with "backslashreplace": the name came out as
    ``nop\\udcc3\\udcab.txt``."""
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stderr", io.TextIOWrapper(raw, encoding="ascii",
                                                        errors="backslashreplace"))
    missing = str(tmp_path) + "/nop" + "ë".encode().decode("ascii", "surrogateescape") + ".txt"
    assert main(["analyze", missing]) == 1
    sys.stderr.flush()
    err = raw.getvalue()
    assert b"nop\xc3\xab.txt: no such file or folder" in err and b"\\udc" not in err


def test_journal_and_accounts_text_arguments_are_read_as_utf8_in_any_locale(
        capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    """`mend journal add --name Zoë` in an ASCII locale was an internal error (surrogates)."""
    def escaped(text: str) -> str:
        return text.encode().decode("ascii", "surrogateescape")

    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", escaped("Zoë"),
                 "--notes", escaped("café talk")]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--rel", "1",
                 "--text", escaped("Zoë walked out")]) == 0
    capsys.readouterr()
    assert main(["journal", "export", "-"]) == 0
    exported = json.loads(capsys.readouterr().out)
    assert exported["relationships"][0]["name"] == "Zoë"
    assert exported["relationships"][0]["notes"] == "café talk"
    assert exported["entries"][0]["body"]["what"] == "Zoë walked out"
