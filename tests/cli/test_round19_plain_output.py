"""Round 19 (t3 #12): into a pipe, on ``TERM=dumb`` and with ``NO_COLOR``, the command line's
output has no box drawing (screen readers read it out) and no colour; on a terminal the
table and its colours stay. Run as the real command, on a pipe and on a pseudo-terminal."""

from __future__ import annotations

import os
import pty
import re
import subprocess
import sys
from pathlib import Path

import pytest

import mendkit
from mendkit.insights import insights_from_rows

BOXES = re.compile(r"[\u2500-\u257f]")  # ━ ┃ │ └ ╭ ... (Unicode's box-drawing block)
SGR = re.compile(r"\x1b\[([0-9;]*)m")
CONVERSATION = ("Alex: You never listen to me. You always do this.\n"
                "Sam: Whatever.\n"
                "Sam: I'm sorry, that was unfair of me. I was wrong to brush you off.\n"
                "Alex: Thanks, I appreciate that.\n")
CRISIS = "I can't do this anymore, I want to kill myself."


def _env(**extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "TERM", "COLUMNS", "CLICOLOR_FORCE")}
    env.update(PYTHONPATH=str(Path(mendkit.__file__).resolve().parents[1]), COLUMNS="120",
               **extra)
    return env


def _piped(args: list[str], **extra: str) -> str:
    done = subprocess.run([sys.executable, "-m", "mendkit", *args], capture_output=True,
                          text=True, env=_env(**extra), check=False, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def _on_terminal(args: list[str], **extra: str) -> str:
    """What the command writes to a terminal (a pseudo-terminal for its stdout)."""
    main, child = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "mendkit", *args], stdout=child,
                            stderr=subprocess.DEVNULL, env=_env(**extra))
    os.close(child)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(main, 4096)
        except OSError:  # the child closed its end
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main)
    assert proc.wait(timeout=300) == 0
    return b"".join(chunks).decode("utf-8", "replace")


def _colours(out: str) -> list[str]:
    """The colour codes among the output's styles (bold or italic alone are not colour)."""
    found = []
    for params in SGR.findall(out):
        codes = [int(p) for p in params.split(";") if p]
        found += [str(c) for c in codes if 30 <= c <= 49 or 90 <= c <= 107]
    return found


@pytest.fixture
def conversation(tmp_path: Path) -> str:
    path = tmp_path / "talk.txt"
    path.write_text(CONVERSATION, encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_analyze_into_a_pipe_is_plain(conversation: str) -> None:
    out = _piped(["analyze", conversation, "--mode", "rules"])
    assert not BOXES.search(out)
    assert "\x1b[" not in out
    assert re.search(r"• turns 0-3: ruptures confrontation, withdrawal;.* status resolved", out)


@pytest.mark.slow
def test_analyze_on_a_terminal_keeps_its_table_and_colours(conversation: str) -> None:
    out = _on_terminal(["analyze", conversation, "--mode", "rules"], TERM="xterm-256color")
    assert BOXES.search(out)
    assert _colours(out)


@pytest.mark.slow
def test_analyze_on_a_dumb_terminal_has_no_box_drawing(conversation: str) -> None:
    out = _on_terminal(["analyze", conversation, "--mode", "rules"], TERM="dumb")
    assert not BOXES.search(out)
    assert not _colours(out)
    assert "• turns 0-3" in out


@pytest.mark.slow
def test_no_color_leaves_colour_out_on_a_terminal(conversation: str) -> None:
    out = _on_terminal(["analyze", conversation, "--mode", "rules"], TERM="xterm-256color",
                       NO_COLOR="1")
    assert not _colours(out)
    assert "rupture.confrontation" in out  # the labels are words, not colours


@pytest.mark.slow
def test_check_with_a_crisis_sign_into_a_pipe_has_no_box(tmp_path: Path) -> None:
    out = _piped(["check", CRISIS, "--mode", "rules"], MEND_HOME=str(tmp_path / "home"))
    assert "Your safety comes first" in out
    assert not BOXES.search(out)


def test_insights_into_a_pipe_have_no_borders(capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    from mendkit.cli import render

    monkeypatch.setenv("COLUMNS", "200")
    rows = [("rupture", "2026-03-02T10:00", {"what": "x"}),
            ("rupture", "2026-03-09T10:00", {"what": "y"})]
    render.insights({"relationship": {"id": 1, "name": "Sam"}, **insights_from_rows(rows)},
                    footer="")
    out = capsys.readouterr().out  # capsys is not a terminal, as a pipe
    assert "Ruptures" in out and "2, in 2 weeks" in out
    assert not BOXES.search(out)
