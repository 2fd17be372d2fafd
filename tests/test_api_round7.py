"""Round 7: the Python API refuses odd paths and arguments with ``InvalidInputError``, and
``check`` screens the message being answered for crisis signs too."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

import mendkit
from mendkit import InvalidInputError
from mendkit.io import iter_conversations

THREAT_TO_SELF = "If you don't come home right now I'll kill myself."
REPLY = "I'm sorry I upset you, I'll come home now."


@pytest.mark.parametrize("call", [mendkit.load_conversation, mendkit.analyze,
                                  lambda p: list(iter_conversations(p))])
def test_a_path_too_long_for_the_system_is_an_invalid_input_naming_it(
        tmp_path: Path, call: Any) -> None:
    path = str(tmp_path / ("a" * 300 + ".txt"))
    with pytest.raises(InvalidInputError, match="file name too long") as caught:
        call(path)
    assert caught.value.source == path


@pytest.mark.parametrize(("source", "shown"), [(5, "int"), (None, "NoneType"),
                                                (b"/tmp/x.txt", "bytes")])
def test_a_source_that_is_not_a_path_is_refused_clearly(source: object, shown: str) -> None:
    with pytest.raises(InvalidInputError, match=rf"expected the path of a conversation \(str or "
                                                rf"os.PathLike\), got {shown}$"):
        mendkit.load_conversation(source)  # type: ignore[arg-type]


def test_an_encoding_that_is_not_a_str_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "c.txt"
    path.write_text("Ana: hi\n", encoding="utf-8")
    with pytest.raises(InvalidInputError,
                       match="expected the encoding as a str such as 'utf-8', got int"):
        mendkit.load_conversation(path, encoding=8)  # type: ignore[arg-type]


@pytest.mark.parametrize("call", [
    lambda: mendkit.analyze(mendkit.Conversation.from_turns([("A", "hi")]), mode="rules",
                            personal="/tmp/heads"),  # type: ignore[arg-type]
    lambda: mendkit.check("sorry", mode="rules", personal="/tmp/heads"),  # type: ignore[arg-type]
])
def test_personal_that_is_not_loaded_heads_is_refused_clearly(call: Any) -> None:
    with pytest.raises(InvalidInputError, match=r"expected personal as PersonalHeads "
                                                r"\(mendkit.models.personal.load\(home\)\), "
                                                r"got str"):
        call()


def test_a_crisis_in_the_message_being_answered_stops_the_coaching() -> None:
    result = mendkit.check(REPLY, context=[THREAT_TO_SELF], mode="rules", region="US")
    assert result.risk.crisis
    assert result.risk.resources
    assert result.risk.in_context
    assert result.issues == () and result.rewrite is None
    assert any("the message you are answering" in note.lower() for note in result.notes)
    data = json.loads(json.dumps(result.to_dict()))
    assert data["risk"]["crisis"] is True and data["risk"]["in_context"] is True
    assert data["risk"]["resources"]
    assert {"crisis", "kinds", "message", "resources"} <= set(data["risk"])
    assert mendkit.CheckResult.from_dict(data).to_dict() == data


def test_a_threat_in_the_message_being_answered_gets_the_safety_wording() -> None:
    result = mendkit.check("I'm sorry, you're right.", context=["I am going to kill him."],
                           mode="rules")
    assert result.risk.crisis and result.risk.in_context
    assert any("your safety comes first" in note.lower() for note in result.notes)


def test_a_calm_context_leaves_the_check_as_it_was() -> None:
    calm = mendkit.check(REPLY, context=["You were late again."], mode="rules")
    alone = mendkit.check(REPLY, mode="rules")
    assert not calm.risk.crisis and not calm.risk.in_context
    assert "in_context" not in calm.to_dict()["risk"]  # the contract's keys, as before
    assert calm.repair_quality == alone.repair_quality


def test_a_crisis_in_the_message_itself_is_not_said_to_be_in_the_context() -> None:
    result = mendkit.check("I want to kill myself.", context=["You were late again."],
                           mode="rules")
    assert result.risk.crisis and not result.risk.in_context


def test_a_loop_of_links_is_named_as_one(tmp_path: Path) -> None:
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    with pytest.raises(InvalidInputError, match="too many levels of symbolic links"):
        mendkit.load_conversation(tmp_path / "a" / "talk.txt")


def test_a_turn_that_ends_before_it_starts_is_named_by_file_and_line(tmp_path: Path) -> None:
    talk = tmp_path / "talk.jsonl"
    talk.write_text('{"speaker": "A", "text": "hi"}\n'
                    '{"speaker": "B", "text": "yo", "start": 5, "end": 2}\n', encoding="utf-8")
    with pytest.raises(InvalidInputError) as caught:
        mendkit.load_conversation(talk)
    assert (caught.value.source, caught.value.line) == (str(talk), 2)
    assert "to be at or after its start (5)" in str(caught.value)
