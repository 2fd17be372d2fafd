"""Round 17, the README as a test: its quick, offline examples run as written and give the shape
the README describes (never a hard-coded output), and what it names (options, formats, regions,
settings, defaults) is what Mend has. So the README cannot drift from Mend unnoticed.

`mend eval`, `make` and the long benchmarks are left out: they are slow or need more than Mend."""

from __future__ import annotations

import contextlib
import io
import json
import re
import shlex
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import mendkit
from mendkit.analysis.safety import regions
from mendkit.cli.main import build_parser, main
from mendkit.io import FORMATS

REPO = Path(__file__).resolve().parent.parent
README = (REPO / "README.md").read_text(encoding="utf-8")
COMMANDS = ("analyze", "check", "coach", "correct", "batch", "train", "serve", "eval", "journal",
            "insights", "accounts")
COMPONENTS = ("ownership", "validation", "feeling", "request", "acknowledgement", "appreciation")

# The files the README's examples name, in the formats their names say.
FILES = {
    "conversation.txt": (REPO / "src/mendkit/examples/workplace.txt").read_text(encoding="utf-8"),
    "session.vtt": "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nAlex: You never listen to me.\n\n"
                   "00:00:05.000 --> 00:00:07.000\nSam: Whatever.\n\n"
                   "00:00:08.000 --> 00:00:12.000\nSam: I'm sorry, that was unfair of me.\n\n"
                   "00:00:13.000 --> 00:00:15.000\nAlex: Thanks, I appreciate that.\n",
    "chat.txt": "[03/04/2026, 21:01:02] Nadia: You always cancel on me.\n"
                "[03/04/2026, 21:03:10] Omar: k\n"
                "[03/04/2026, 21:30:00] Omar: Sorry, that was rude of me. I should have said so.\n"
                "[03/04/2026, 21:31:00] Nadia: Thank you, that means a lot.\n",
    "draft.txt": "I'm sorry I snapped at you. Could we talk tonight?\r\n",
}


def _block(heading: str, language: str) -> str:
    """The first fenced ``language`` block after ``heading``."""
    after = README.split(heading, 1)[1]
    found = re.search(rf"```{language}\n(.*?)```", after, re.S)
    assert found is not None, f"no {language} block after {heading!r}"
    return found.group(1)


def _using_it_commands() -> list[str]:
    """The commands of "Using it", comments dropped, `mend eval` (slow) left out."""
    lines = [line.split("#", 1)[0].strip() for line in _block("## Using it", "bash").splitlines()]
    return [line for line in lines if line and not line.startswith("mend eval")]


@contextlib.contextmanager
def _stdin(data: str) -> Iterator[None]:
    saved = sys.stdin
    sys.stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8")), encoding="utf-8", newline="")
    try:
        yield
    finally:
        sys.stdin = saved


def _run_line(line: str, folder: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """Run one README shell line (``cat F | mend ...``, ``mend ... < F`` or a plain ``mend ...``)."""
    data = ""
    if "|" in line:
        feeder, line = (part.strip() for part in line.split("|", 1))
        name = shlex.split(feeder)[1]
        data = (folder / name).read_bytes().decode("utf-8")
    if "<" in line:
        line, name = (part.strip() for part in line.rsplit("<", 1))
        data = (folder / name).read_bytes().decode("utf-8")
    argv = shlex.split(line)
    assert argv[0] == "mend"
    argv = [str(folder / a) if a in FILES else a for a in argv[1:]]
    capsys.readouterr()
    with _stdin(data):
        code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    for name, text in FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8", newline="")
    return tmp_path


def _check_analysis_shape(found: dict[str, object]) -> None:
    assert list(found)[:3] == ["mend_version", "mode", "conversation"]
    assert found["mode"] in ("full", "rules")
    turns = found["turns"]
    assert isinstance(turns, list) and turns
    for turn in turns:
        for evidence in turn["evidence"]:  # offsets index the turn's text, in code points
            assert turn["text"][evidence["start"]:evidence["end"]] == evidence["text"]
        assert all(0.0 <= score <= 1.0 for score in turn["scores"].values())
    for episode in found["episodes"]:  # type: ignore[attr-defined]
        assert episode["status"] in ("resolved", "attempted", "unresolved")
        assert episode["severity"] in ("minor", "major")


def _check_check_shape(found: dict[str, object], text: str) -> None:
    assert found["text"] == text  # "exactly as given"
    assert tuple(found["components"]) == COMPONENTS  # type: ignore[arg-type]
    assert 0.0 <= found["repair_quality"] <= 1.0  # type: ignore[operator]
    assert set(found["risk"]) >= {"crisis", "kinds", "message", "resources"}  # type: ignore[arg-type]


def test_the_using_it_examples_run_as_written_and_give_the_documented_shape(
        folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    commands = _using_it_commands()
    assert len(commands) >= 5, commands
    for line in commands:
        code, out, err = _run_line(line, folder, capsys)
        assert code == 0, f"{line}: exit {code}: {err}"
        assert "Traceback" not in out + err
        if "analyze" in line and "--json" in line:
            _check_analysis_shape(json.loads(out))
        elif "analyze" in line:  # the readable view: each speaker's turns, then the episodes
            assert "Episodes" in out and "not therapy" in out
        elif "check" in line and "--json" in line:
            _check_check_shape(json.loads(out), FILES["draft.txt"])
        elif "check" in line:
            assert re.search(r"Repair quality: [01]\.\d\d", out), out
            assert "Present:" in out and "Missing:" in out


def test_the_python_example_runs_as_written(folder: Path, capsys: pytest.CaptureFixture[str],
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(folder)
    code = _block("## Python", "python")
    namespace: dict[str, object] = {}
    exec(compile(code, "README.md", "exec"), namespace)  # the README's own example
    out = capsys.readouterr().out
    assert isinstance(namespace["analysis"], mendkit.Analysis)
    result = namespace["result"]
    assert isinstance(result, mendkit.CheckResult)
    assert tuple(result.components) == COMPONENTS
    assert isinstance(namespace["conversation"], mendkit.Conversation)
    assert "Alex" in out and "Sam" in out  # the loop printed each turn's speaker


def test_the_readme_missing_label_correction_example_is_one_mend_accepts(
        capsys: pytest.CaptureFixture[str]) -> None:
    section = README[README.index("### `mend correct`"):]
    found = re.search(r"`(mend correct [^`]*--missing[^`]*)`", section)
    assert found is not None
    assert main(shlex.split(" ".join(found.group(1).split()))[1:]) == 0
    assert "missing here" in capsys.readouterr().out


def _options(command: str) -> set[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    found = {"--debug", "--version", "--help"}
    stack = [sub.choices[command]]  # type: ignore[index]
    while stack:  # the command's own options, and its actions' (mend journal add ...)
        current = stack.pop()
        for action in current._actions:
            found.update(flag for flag in action.option_strings if flag.startswith("--"))
            if action.choices and isinstance(action.choices, dict):
                stack.extend(action.choices.values())
    return found


@pytest.mark.parametrize("command", COMMANDS)
def test_every_option_a_command_section_names_is_one_the_command_has(command: str) -> None:
    heading = re.search(rf"\n### [^\n]*`mend {command}[^\n]*\n", README)
    assert heading is not None, f"no section for mend {command}"
    section = README[heading.end():].split("\n### ", 1)[0].split("\n## ", 1)[0]
    named = set(re.findall(r"(?<![\w-])--[a-z][a-z-]+", section))
    # a mention of `mend analyze` (in another command's section) names that command's options
    for other in set(re.findall(r"`mend (\w+)", section)) - {command}:
        if other in COMMANDS:
            named -= _options(other)
    named -= {"--mode"} if "training/crisis_public_alarms.py --mode" in section else set()
    assert named <= _options(command), f"mend {command}: {sorted(named - _options(command))}"


def test_the_formats_and_regions_the_readme_lists_are_mends() -> None:
    found = re.search(r"`--format FORMAT`: ((?:`\w+`,? (?:or )?)+)", " ".join(README.split()))
    assert found is not None
    assert re.findall(r"`(\w+)`", found.group(1)) == list(FORMATS)
    table = README.split("## Formats", 1)[1].split("\n## ", 1)[0]
    assert re.findall(r"^\| `(\w+)` \|", table, re.M) == list(FORMATS)
    listed = re.search(r"`--region CODE`: which crisis resources to show \(([^)]*)\)",
                       " ".join(README.split()))
    assert listed is not None
    assert set(re.findall(r"`(\w+)`", listed.group(1))) == set(regions())


def test_every_setting_mend_reads_from_the_environment_is_in_the_readme() -> None:
    read = set()
    for path in (REPO / "src/mendkit").rglob("*.py"):
        read.update(re.findall(r"[\"'](MEND_[A-Z_]+)[\"']", path.read_text(encoding="utf-8")))
    assert "MEND_HOME" in read and "MEND_PASSPHRASE" in read  # the search finds them
    settings = README.split("## Developing", 1)[1]
    assert {name for name in read if name not in settings} == set()


def test_the_defaults_the_readme_states_are_the_parsers() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")

    def default(command: str, dest: str) -> object:
        action = next(a for a in sub.choices[command]._actions  # type: ignore[index]
                      if a.dest == dest)
        return action.default

    assert default("serve", "port") == 8765 and "`--port N` (default 8765)" in README
    assert default("serve", "host") == "127.0.0.1" and "(default 127.0.0.1;" in README
    assert default("analyze", "mode") == "full" and "`full` (default)" in README
    assert default("batch", "mode") == "rules" and "`--mode rules|full` (default `rules`)" in README
    assert default("eval", "split") == "test" and "(default `test`;" in README


def test_an_unknown_country_gets_the_general_list_with_the_note_where_the_readme_says(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert "Another country's code (`DE`) gets the general" in README
    code = main(["check", "I want to kill myself", "--region", "DE", "--mode", "rules", "--json"])
    out, err = capsys.readouterr()
    assert code == 0
    risk = json.loads(out)["risk"]
    assert "DE" in err and "DE" in risk["message"]  # on stderr, and in the JSON's message
    assert {r["region"] for r in risk["resources"]} == {"default"}


def test_the_resource_lists_fit_what_the_words_speak_of_as_the_readme_says(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert "the crisis lines for a person's own thoughts" in " ".join(README.split())

    def resources(text: str) -> list[str]:
        assert main(["check", text, "--mode", "rules", "--json"]) == 0
        return [r["name"].lower() for r in json.loads(capsys.readouterr().out)["risk"]["resources"]]

    own = resources("I want to kill myself")
    assert own and not any("abuse" in name for name in own)
    danger = resources("my husband hits me and I'm scared he will kill me")
    assert any("abuse" in name for name in danger[1:3])  # first, after the emergency number


def test_every_option_of_every_command_says_what_it_is_for_in_its_help() -> None:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    stack = [(f"mend {name}", command) for name, command in sub.choices.items()]  # type: ignore[union-attr]
    silent = []
    while stack:
        name, current = stack.pop()
        for action in current._actions:
            if action.option_strings and action.option_strings[0].startswith("--") and not (
                    action.help or "").strip():
                silent.append(f"{name} {action.option_strings[0]}")
            if action.choices and isinstance(action.choices, dict):
                stack.extend((f"{name} {act}", p) for act, p in action.choices.items())
    assert silent == []
