"""Round 6: the Python API's contract. A wrong region fails on the first call, not on the first
crisis; the result classes refuse bad data with ``InvalidInputError``; README's JSON contract lists
the keys the output has, in its order; the docstrings say what is raised and how labels are chosen.
"""

from __future__ import annotations

import re
from importlib import resources
from pathlib import Path
from typing import Any

import pytest

import mendkit
from mendkit import ConfigError, Conversation, InvalidInputError, MendError
from mendkit.model import (
    Analysis,
    CheckResult,
    Episode,
    Evidence,
    Issue,
    Resource,
    Safety,
    Speaker,
    TurnAnalysis,
)

CALM = Conversation.from_turns([("Ana", "Sorry I was late."), ("Ben", "No worries.")])
CRISIS = Conversation.from_turns([("Ana", "I want to kill myself."), ("Ben", "Please stay.")])
README = Path(__file__).resolve().parents[2] / "README.md"


# Bug 1: the region is checked on entry, whatever the content.

@pytest.mark.parametrize("call", [
    lambda region: mendkit.analyze(CALM, mode="rules", region=region),
    lambda region: mendkit.analyze(CRISIS, mode="rules", region=region),
    lambda region: mendkit.check("hello there", mode="rules", region=region),
    lambda region: mendkit.check("I want to kill myself.", mode="rules", region=region),
])
def test_an_unknown_region_fails_on_every_call_not_only_on_a_crisis(call: Any) -> None:
    with pytest.raises(ConfigError, match=r"no crisis resources for region 'ZZ'; use one of: "
                                          r"default, US, GB"):
        call("ZZ")


@pytest.mark.parametrize("region", [None, 44, b"GB"])
@pytest.mark.parametrize("call", [
    lambda region: mendkit.analyze(CALM, mode="rules", region=region),
    lambda region: mendkit.check("hello there", mode="rules", region=region),
])
def test_a_region_that_is_not_text_is_a_mend_error(call: Any, region: object) -> None:
    with pytest.raises(ConfigError, match=r"expected the region as a str such as 'US' or "
                                          rf"'default', got {type(region).__name__}"):
        call(region)


def test_a_known_region_still_gives_its_resources() -> None:
    analysis = mendkit.analyze(CRISIS, mode="rules", region="uk")
    assert analysis.safety.crisis
    assert {r.region for r in analysis.safety.resources} == {"GB"}
    assert mendkit.check("hello there", mode="rules", region=" gb ").risk.crisis is False


def test_the_cli_falls_back_for_an_unknown_region_with_a_note(capsys: pytest.CaptureFixture[str],
                                                               ) -> None:
    from mendkit.cli.main import main

    assert main(["check", "hello there", "--region", "ZZ", "--mode", "rules"]) == 0
    err = capsys.readouterr().err
    assert "no crisis resources for region 'ZZ'; showing general resources" in err
    assert "Traceback" not in err


# Bug 4: the public domain classes fail one way on bad data.

@pytest.mark.parametrize(("cls", "data", "message"), [
    (Analysis, {}, 'expected an analysis with a "mend_version" key'),
    (Analysis, {"mend_version": "1", "conversation": {"id": "x"}, "turns": [], "episodes": []},
     'expected an analysis with a "safety" key'),
    (Analysis, {"mend_version": "1", "conversation": {}, "turns": [], "episodes": [],
                "safety": {"crisis": False}}, 'expected "conversation" with an "id" key'),
    (CheckResult, {}, 'expected a check result with a "text" key'),
    (CheckResult, {"text": "Hi.", "repair_quality": 0.5}, 'expected a check result with a '
                                                          '"risk" key'),
    (Episode, {"start_turn": 0}, 'expected an episode with an "end_turn" key'),
    (Evidence, {"label": "reconnect"}, 'expected evidence with a "start" key'),
    (TurnAnalysis, {"index": 0, "speaker": "Ana"}, 'expected a turn analysis with a "text" key'),
    (Safety, {}, 'expected a safety summary with a "crisis" key'),
    (Resource, {"name": "Samaritans"}, 'expected a resource with a "contact" key'),
    (Issue, {"kind": "blame"}, 'expected an issue with a "start" key'),
    (Speaker, {}, 'expected a speaker with an "id" key'),
])
def test_from_dict_names_the_missing_key(cls: Any, data: dict[str, Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        cls.from_dict(data)


@pytest.mark.parametrize("cls", [Analysis, CheckResult, Episode, Evidence, TurnAnalysis, Safety,
                                 Resource, Issue, Speaker])
def test_from_dict_refuses_data_that_is_not_an_object(cls: Any) -> None:
    with pytest.raises(InvalidInputError, match=r"as an object, got list"):
        cls.from_dict(["not", "an", "object"])


def test_from_dict_names_a_value_of_the_wrong_type() -> None:
    data = {"label": "reconnect", "subtype": None, "start": "the start", "end": 3, "text": "Hi.",
            "source": "rule:x"}
    with pytest.raises(InvalidInputError, match=r'expected evidence with "start" as a whole '
                                                r"number, got 'the start'"):
        Evidence.from_dict(data)
    nested = mendkit.analyze(CALM, mode="rules").to_dict()
    nested["turns"][0]["evidence"] = [data]
    with pytest.raises(InvalidInputError, match='expected evidence with "start"'):
        Analysis.from_dict(nested)


def test_from_dict_still_reads_back_real_output() -> None:
    analysis = mendkit.analyze(CRISIS, mode="rules")
    assert Analysis.from_dict(analysis.to_dict()).to_dict() == analysis.to_dict()
    result = mendkit.check("I'm sorry I snapped at you.", mode="rules")
    assert CheckResult.from_dict(result.to_dict()).to_dict() == result.to_dict()


@pytest.mark.parametrize(("items", "message"), [
    ([("Ana", "Hi."), ("Ben", "Hi.", "extra")], "expected (speaker, text) pairs or turns; item 1 "
                                                "has 3 values"),
    ([("Ana",)], "expected (speaker, text) pairs or turns; item 0 has 1 value"),
    (["ab"], "expected (speaker, text) pairs or turns; item 0 is a str"),
    ([None], "expected (speaker, text) pairs or turns; item 0 is None"),
    ([("", "Hi.")], "expected (speaker, text) pairs or turns; item 0 has an empty speaker"),
    ([("Ana", "Hi."), ("  ", "Hi.")], "expected (speaker, text) pairs or turns; item 1 has an "
                                      "empty speaker"),
])
def test_from_turns_refuses_what_is_not_a_pair(items: list[Any], message: str) -> None:
    with pytest.raises(InvalidInputError, match=re.escape(message)):
        Conversation.from_turns(items)


def test_an_empty_speaker_is_refused_by_both_ways_of_building_a_conversation() -> None:
    with pytest.raises(InvalidInputError, match="empty"):
        mendkit.Turn.from_dict({"speaker": "", "text": "hi"})
    with pytest.raises(InvalidInputError, match="empty"):
        Conversation.from_turns([("", "hi")])


# Bug 3: README's JSON contract lists every key the output has, in its order.

def _contract(text: str, pos: int = 0) -> tuple[list[tuple[str, Any]], int]:
    """Parse README's ``{"a", "b"?, "c": {...}, "d": [{...}]}`` into [(key, inner)], inner being
    None for a leaf, or the parsed keys of a nested object; ``{...}`` is an object left open."""
    assert text[pos] == "{", text[pos:pos + 40]
    pos += 1
    keys: list[tuple[str, Any]] = []
    while True:
        pos = _skip(text, pos)
        if text.startswith("...}", pos):
            return [("...", None)], pos + 4
        if text[pos] == "}":
            return keys, pos + 1
        match = re.compile(r'"(\w+)"\??').match(text, pos)
        assert match, text[pos:pos + 40]
        pos = _skip(text, match.end())
        inner = None
        if text[pos] == ":":
            pos = _skip(text, pos + 1)
            if text[pos] == "[":
                inner, pos = _contract(text, pos + 1)
                assert text[pos] == "]"
                pos += 1
            elif text[pos] == "{":
                inner, pos = _contract(text, pos)
            else:  # a type or example value, such as {label: float}
                pos = text.index("}", pos) + 1
        keys.append((match.group(1) + ("?" if match.group(0).endswith("?") else ""), inner))
        pos = _skip(text, pos)
        if text[pos] == ",":
            pos += 1


def _skip(text: str, pos: int) -> int:
    while text[pos].isspace():
        pos += 1
    return pos


def _readme_contract(command: str) -> list[tuple[str, Any]]:
    section = README.read_text("utf-8").split("## The JSON contract", 1)[1].split("\n## ", 1)[0]
    start = section.index("{", section.index(f"`{command} --json` prints"))
    return _contract(section, start)[0]


def _same_keys(documented: list[tuple[str, Any]], output: dict[str, Any], where: str) -> None:
    if documented == [("...", None)]:
        return
    # A key marked "?" is there only when it is known: left out of the comparison when absent.
    documented = [(k.rstrip("?"), inner) for k, inner in documented
                  if not k.endswith("?") or k.rstrip("?") in output]
    assert [k for k, _ in documented] == list(output), where
    for key, inner in documented:
        value = output[key]
        if isinstance(value, list) and value and isinstance(value[0], dict) and inner:
            for item in value:
                _same_keys(inner, item, f"{where}.{key}[]")
        elif isinstance(value, dict) and inner:
            _same_keys(inner, value, f"{where}.{key}")


def test_readme_lists_every_analyze_key_in_output_order(tmp_path: Path) -> None:
    path = tmp_path / "ts.txt"
    path.write_text("[00:00:05] Ana: You never listen.\n[00:00:12] Ben: Fine.\n"
                    "[00:00:20] Ana: I want to kill myself.\n", "utf-8")
    data = mendkit.analyze(path, mode="rules").to_dict()
    assert data["conversation"]["source"] and data["turns"][0]["start"] == 5.0
    assert data["episodes"] and data["safety"]["resources"]
    _same_keys(_readme_contract("mend analyze"), data, "analyze")


def test_readme_lists_every_check_key_in_output_order() -> None:
    # A crisis sets the critique aside, so the issues and the resources need two messages.
    issues = mendkit.check("I'm sorry, but you always do this.", mode="rules").to_dict()
    crisis = mendkit.check("I want to kill myself.", mode="rules").to_dict()
    assert issues["issues"] and crisis["risk"]["resources"]
    for data in (issues, crisis):
        _same_keys(_readme_contract("mend check"), data, "check")


def test_readme_says_scores_hold_only_labels_at_or_above_a_hundredth() -> None:
    section = README.read_text("utf-8").split("## The JSON contract", 1)[1].split("\n## ", 1)[0]
    assert "0.01" in section
    example = resources.files("mendkit") / "examples" / "therapy.txt"
    analysis = mendkit.analyze(Path(str(example)))
    for turn in analysis.turns:
        assert all(score >= 0.01 or label in turn.labels
                   for label, score in turn.scores.items())


# Bug 5: help() says what is raised, which modes there are, and how labels are chosen.

@pytest.mark.parametrize("function", [mendkit.analyze, mendkit.load_conversation, mendkit.check])
def test_docstrings_name_the_errors_raised(function: Any) -> None:
    doc = function.__doc__
    for error in ("InvalidInputError", "FormatError" if function is not mendkit.check else "",
                  "MendError"):
        assert error in doc, (function.__name__, error)
    if function is not mendkit.load_conversation:
        assert "ConfigError" in doc and '"full"' in doc and '"rules"' in doc


def test_turn_analysis_docstring_says_how_labels_are_chosen() -> None:
    doc = TurnAnalysis.__doc__ or ""
    assert "passed the threshold" not in doc
    assert "rule" in doc and "threshold" in doc


def test_mend_error_is_what_a_caller_catches() -> None:
    with pytest.raises(MendError):
        mendkit.analyze(CALM, mode="rules", region=None)  # type: ignore[arg-type]
