"""Domain values round-trip through their JSON form, and the JSON matches the public contract."""

from __future__ import annotations

import json

import pytest
from hypothesis import given
from hypothesis import strategies as st

import mendkit
from mendkit import Analysis, CheckResult, Conversation, InvalidInputError, Turn

CONTRACT_TOP = {"mend_version", "conversation", "turns", "episodes", "summary", "safety"}
CONTRACT_TURN = {"index", "speaker", "text", "labels", "scores", "evidence"}
CONTRACT_EVIDENCE = {"label", "subtype", "start", "end", "text", "source"}
CONTRACT_EPISODE = {"start_turn", "end_turn", "labels", "severity", "status", "repair_turns",
                    "reconnect_turns", "initiator"}
CONTRACT_CHECK = {"text", "labels", "scores", "evidence", "repair_quality", "components",
                  "issues", "risk"}


@pytest.fixture(scope="module")
def analysis() -> Analysis:
    return mendkit.analyze(Conversation.from_turns([
        ("Ana", "You never ask how my day went."),
        ("Ben", "Fine."),
        ("Ana", "I'm sorry, that came out harsh. I felt lonely today."),
        ("Ben", "Thank you for saying that. I'd like that, let's talk tonight."),
    ]))


def test_analysis_json_has_the_contract_keys(analysis: Analysis) -> None:
    data = json.loads(json.dumps(analysis.to_dict()))
    assert set(data) >= CONTRACT_TOP
    assert set(data["conversation"]) >= {"id", "speakers"}
    assert data["conversation"]["speakers"] == ["Ana", "Ben"]
    for turn in data["turns"]:
        assert set(turn) >= CONTRACT_TURN
        for ev in turn["evidence"]:
            assert set(ev) >= CONTRACT_EVIDENCE
            assert turn["text"][ev["start"]:ev["end"]] == ev["text"]
    assert data["episodes"]
    for ep in data["episodes"]:
        assert set(ep) >= CONTRACT_EPISODE
    assert set(data["safety"]) >= {"crisis", "turns", "resources"}


def test_analysis_round_trips(analysis: Analysis) -> None:
    data = json.loads(json.dumps(analysis.to_dict()))
    again = Analysis.from_dict(data)
    assert again.to_dict() == data


def test_check_result_round_trips_and_matches_contract() -> None:
    result = mendkit.check("I'm sorry you feel that way, but you always overreact.")
    data = json.loads(json.dumps(result.to_dict()))
    assert set(data) >= CONTRACT_CHECK
    assert set(data["risk"]) >= {"crisis", "resources"}
    assert 0.0 <= data["repair_quality"] <= 1.0
    assert CheckResult.from_dict(data).to_dict() == data


def test_conversation_round_trips_with_times() -> None:
    conv = Conversation(id="c1", turns=(
        Turn(index=0, speaker="A", text="hi", start=0.0, end=1.5),
        Turn(index=1, speaker="B", text="hey", start=2.0, timestamp="2026-11-27T10:00:00"),
    ))
    assert Conversation.from_dict(conv.to_dict()) == conv


@given(st.lists(st.tuples(st.text(min_size=1).filter(str.strip), st.text()), max_size=20))
def test_any_conversation_round_trips(pairs: list[tuple[str, str]]) -> None:
    conv = Conversation.from_turns([(s.strip(), t) for s, t in pairs])
    assert Conversation.from_dict(conv.to_dict()) == conv


def test_values_are_frozen(analysis: Analysis) -> None:
    with pytest.raises(AttributeError):
        analysis.turns[0].text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize("bad", [
    {"turns": "nope"},
    {"turns": [{"speaker": "", "text": "x"}]},
    {"turns": [{"speaker": "A"}]},
    {"turns": [{"speaker": "A", "text": "x", "start": "soon"}]},
])
def test_bad_conversation_dicts_raise_input_errors(bad: dict[str, object]) -> None:
    with pytest.raises(InvalidInputError):
        Conversation.from_dict(bad)
