"""Round 5 of terminal testing: encodings, interrupts, pipes, misspellings, missing extras, and
what the check output and pages call things."""

from __future__ import annotations

import contextlib
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from jinja2 import Environment, FileSystemLoader

import mendkit.cli.main as cli
import mendkit.cli.parser as cli_parser
from mendkit import check, critic
from mendkit.cli.main import main

REPO = Path(__file__).resolve().parents[2]
TEMPLATES = REPO / "src" / "mendkit" / "web" / "templates"
EXAMPLES = REPO / "src" / "mendkit" / "examples"
NOT_THERAPY = "Mend is a self-help and practice aid. It is not therapy or a diagnosis."


def _ascii_stdout(monkeypatch: pytest.MonkeyPatch, encoding: str = "ascii") -> io.BytesIO:
    raw = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(raw, encoding=encoding))
    return raw


def _page(name: str, **context: Any) -> str:
    env = Environment(loader=FileSystemLoader(str(TEMPLATES)), autoescape=True)
    env.globals.update(not_therapy=NOT_THERAPY, version="0", issue_name=critic.issue_name,
                       suggestion_line=critic.suggestion_line)  # as web/app.py sets them
    env.filters["contact_links"] = pytest.importorskip("mendkit.web.contacts").contact_links
    return env.get_template(name).render(request=None, **context)


def _plain(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", "", html)).replace("&#34;", '"').replace(
        "&#39;", "'")


# -- cli 1: a stream that cannot show every character -----------------------------------------
@pytest.mark.parametrize("encoding", ["ascii", "latin-1"])
def test_check_to_a_non_utf8_stream_is_written_whole(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        encoding: str) -> None:
    raw = _ascii_stdout(monkeypatch, encoding)
    assert main(["check", "Désolé, I'm sorry 😢 but you never listen.", "--mode", "rules"]) == 0
    sys.stdout.flush()
    out = raw.getvalue().decode(encoding)
    assert "I'm sorry" in out and "Repair quality" in out
    assert NOT_THERAPY in out  # the footer: the report was written to its end
    assert "internal error" not in capsys.readouterr().err


def test_json_to_an_ascii_stream_stays_valid_and_exact(monkeypatch: pytest.MonkeyPatch) -> None:
    raw = _ascii_stdout(monkeypatch)
    text = "Désolé, I'm sorry 😢"
    assert main(["check", text, "--json", "--mode", "rules"]) == 0
    sys.stdout.flush()
    assert json.loads(raw.getvalue().decode("ascii"))["text"] == text


def test_analyze_to_an_ascii_stream_is_written_whole(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    chat = tmp_path / "emoji.txt"
    chat.write_text("Zoë: I'm so hurt 😢 you forgot my birthday — again.\n"
                    "José: Désolé… I'm sorry, that was my fault.\n", encoding="utf-8")
    raw = _ascii_stdout(monkeypatch)
    assert main(["analyze", str(chat), "--mode", "rules"]) == 0
    sys.stdout.flush()
    assert NOT_THERAPY in raw.getvalue().decode("ascii")


# -- cli 2: Ctrl-C at any moment ----------------------------------------------------------------
def test_an_interrupt_inside_an_import_is_an_interrupt(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted_import(args: object) -> int:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ImportError("import numpy failed") from None

    monkeypatch.setattr(cli_parser, "_check", interrupted_import)
    assert main(["check", "hello"]) == 130
    err = capsys.readouterr().err
    assert err == "mend: interrupted\n"


def test_an_interrupt_while_the_parser_is_built_is_an_interrupt(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def interrupted() -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(cli, "build_parser", interrupted)
    assert main(["check", "hello"]) == 130
    assert capsys.readouterr().err == "mend: interrupted\n"


def test_importing_mendkit_does_not_load_the_engine() -> None:
    """The console script imports ``mendkit`` before ``main`` can catch a Ctrl-C: it stays light,
    and the public names still come when asked for."""
    import subprocess

    code = ("import sys, mendkit; light = 'mendkit.api' not in sys.modules; "
            "from mendkit import check, Analysis; print(light, callable(check), "
            "Analysis.__name__, sorted(mendkit.__all__) == mendkit.__all__)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          check=True, timeout=120)
    assert done.stdout.split() == ["True", "True", "Analysis", "True"]


# -- cli 4: a reader that closes the pipe early ------------------------------------------------
@pytest.mark.parametrize("json_output", [False, True])
def test_a_closed_pipe_exits_0_for_text_and_json(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str],
        json_output: bool) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -1`, already gone
    stream = open(write_end, "w", encoding="utf-8")  # noqa: SIM115 (closed below)
    monkeypatch.setattr(sys, "stdout", stream)
    try:
        argv = ["analyze", str(EXAMPLES / "workplace.txt"), "--mode", "rules"]
        assert main([*argv, *(["--json"] if json_output else [])]) == 0
    finally:
        monkeypatch.undo()
        with contextlib.suppress(OSError):  # the flush into the closed pipe
            stream.close()
    assert "internal error" not in capsys.readouterr().err


# -- cli 5: misspellings and usage lines ---------------------------------------------------------
def test_analyse_with_the_british_spelling_works(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["analyse", str(EXAMPLES / "workplace.txt"), "--mode", "rules", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["turns"]


def test_a_misspelt_command_gets_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["anaylze", "x.txt"])
    assert exit_.value.code == 1
    assert "did you mean 'analyze'?" in capsys.readouterr().err


def test_a_misspelt_option_gets_the_commands_usage_and_a_suggestion(
        capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["check", "--jsn", "hi"])
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert err.startswith("usage: mend check ")
    assert "unrecognized arguments: --jsn" in err and "did you mean --json?" in err


# -- install 2 and 3: an optional part without its extra ----------------------------------------
def _without(modules: list[str], argv: list[str]) -> subprocess.CompletedProcess[str]:
    """``mend ARGV`` as if ``modules`` were not installed, in a process of its own (removing
    Mend's modules from this one left stale ones behind for later tests)."""
    script = ("import sys\n"
              f"for name in {modules!r}:\n"
              "    sys.modules[name] = None  # an import of it fails as if it were missing\n"
              "from mendkit.cli.main import main\n"
              f"sys.exit(main({argv!r}))\n")
    return subprocess.run([sys.executable, "-c", script], check=False, capture_output=True,
                          text=True, timeout=300)


@pytest.mark.parametrize("argv", [["journal", "list"], ["journal", "init"], ["accounts", "list"],
                                  ["insights", "--rel", "1"]])
def test_journal_commands_without_their_extra_name_it(
        monkeypatch: pytest.MonkeyPatch, tmp_path: Path, argv: list[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", "correct horse battery staple")
    done = _without(["sqlalchemy", "argon2"], argv)
    assert done.returncode == 1
    assert "pip install 'mendkit[journal]'" in done.stderr
    assert "internal error" not in done.stderr
    assert not (tmp_path / "mend-home").exists()  # nothing created first


def test_parquet_batch_without_its_extra_names_it_and_creates_nothing(tmp_path: Path) -> None:
    out = tmp_path / "out"
    done = _without(["pyarrow", "pyarrow.parquet"],
                    ["batch", str(EXAMPLES), "--out", str(out), "--workers", "1", "--no-progress"])
    assert done.returncode == 1
    assert "pip install 'mendkit[batch]'" in done.stderr and "internal error" not in done.stderr
    assert not out.exists()


def test_the_web_extra_brings_the_journal_it_needs() -> None:
    import tomllib

    extras = tomllib.loads((REPO / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert "mendkit[journal]" in extras["web"]
    readme = (REPO / "README.md").read_text()
    assert "mendkit[journal]" in readme and "mendkit[batch]" in readme


# -- language 12 and 14: what an issue is called, and one "Try" ----------------------------------
# The critic's suggestions may begin with "Try" or not: either way it is said once.
ISSUE_TEXT = "I'm sorry, but you never listen. I feel ignored."


def test_check_names_issues_in_words_with_one_try(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", ISSUE_TEXT, "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    for code in ("sorry_but", "always_never", "blaming_feeling"):
        assert code not in out
    assert "(Sorry, but)" in out and "(A feeling that blames)" in out
    assert "Try: Try" not in out
    assert re.search(r"Try:? \w* ?the feeling and need beneath it", out)  # with or without


@pytest.mark.parametrize("template", ["check.html", "coach_step.html"])
def test_pages_name_issues_in_words_with_one_try(template: str) -> None:
    result = check(ISSUE_TEXT, mode="rules")
    page = _plain(_page(template, result=result, marked=[], s="responsibility_review",
                        step={"session": {"id": "s1"}}, stages=["Take responsibility"], stage=0))
    assert "Try: Try" not in page
    assert re.search(r"Try:? \w* ?the feeling and need beneath it", page)
    for code in ("sorry_but", "always_never", "blaming_feeling"):
        assert code not in page
    if template == "check.html":
        assert "Sorry, but" in page and "A feeling that blames" in page


@pytest.mark.parametrize("given", ["Try the feeling beneath it.", "The feeling beneath it."])
def test_a_suggestion_says_try_once(capsys: pytest.CaptureFixture[str], given: str) -> None:
    from dataclasses import replace

    from mendkit.cli import render

    result = check("I'm sorry, but you never listen.", mode="rules")
    issue = replace(result.issues[0], suggestion=given)
    render.check(replace(result, issues=(issue,)), footer="")
    page = _plain(_page("check.html", result=replace(result, issues=(issue,)), marked=[]))
    for shown in (capsys.readouterr().out, page):
        assert shown.count("Try") == 1
        assert re.search(r"Try:? [Tt]he feeling beneath it", shown)


def test_every_issue_kind_has_a_name() -> None:
    from mendkit import _critic_apology, critic

    # (a message key ending "_with_request", or one of the critic's own wordings of a kind, is
    # another wording of the same kind, and the kind is what people read a name for)
    wordings = {**_critic_apology.KIND, "forgiveness_pressure": "pressure",
                "you_make_me_feel": "blaming_feeling"}
    kinds = ({wordings.get(k, k) for k in critic._MESSAGES if not k.endswith("_with_request")}
             | {"blaming_feeling", "thought_as_feeling"})
    assert kinds <= set(critic.ISSUE_NAMES)


# -- language 2: the coach review says only what is true ---------------------------------------
def test_coach_review_without_a_request_does_not_claim_one() -> None:
    result = check("I'm sorry that I yelled at you.", mode="rules")
    assert not result.issues and not result.components["request"]
    page = _plain(_page("coach_step.html", result=result, marked=[], s="responsibility_review",
                        step={"session": {"id": "s1"}}, stages=["Take responsibility"], stage=0))
    assert "asks for something clear" not in page


# -- language 11: no repair coaching after a crisis message ---------------------------------------
def test_check_with_a_crisis_leaves_out_the_repair_score(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "I'm sorry, but I can't do this anymore, I want to end my life.",
                 "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    assert "Your safety comes first" in out
    assert "Repair quality" not in out and "Missing:" not in out and "Present:" not in out


# -- language 15: the notice once a page -------------------------------------------------------
def test_about_says_not_therapy_once() -> None:
    assert _page("about.html").count("It is not therapy") == 1


# -- language 17: no hard wrapping into a pipe ----------------------------------------------------
def test_piped_check_output_is_not_hard_wrapped(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "I'm sorry you feel that way.", "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    assert not any(line.startswith("usually lands") for line in out.splitlines())
    assert any(len(line) > 80 for line in out.splitlines())
