"""Round 15 (tester t6): manipulation dressed as repair.

Suicide threats used as leverage ("it's on you when they find me", "without you there's no point to
any of it", "if you won't see me I don't know what I'll do tonight") are crisis signs of suicide;
threats ("you tell anyone ... you'll regret it. I know where your mum lives", "keep pushing me and
see what happens. Last time was nothing") are danger from the writer in rules mode too; a passive
wish to disappear "and not have to deal with any of this" is a possible sign. Everyday look-alikes
stay clear. And a turn that the safety summary counts as a crisis sign carries ``risk.crisis`` in
its labels (``mend analyze --json``), in both modes.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode, analyze_turn
from mendkit.cli.main import main
from mendkit.model import Conversation
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
HOOVER = Path(__file__).resolve().parents[1] / "fixtures" / "conversations" / "hoover_leverage.txt"
MODES: list[Mode] = ["rules", pytest.param("full", marks=pytest.mark.skipif(
    not available(), reason="this build has no model files"))]  # type: ignore[list-item]


def _check(text: str, mode: Mode) -> mendkit.CheckResult:
    return mendkit.check(text, mode=mode)


def _kinds(text: str) -> tuple[str, ...]:
    return analyze_turn(0, "A", text).subtypes(CRISIS)


# -- P3: suicide threats used as leverage ---------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_its_on_you_when_they_find_me_is_a_suicide_sign(mode: Mode) -> None:
    result = _check("Go ahead, walk out that door. Just remember it's on you when they find me.",
                    mode)
    assert result.risk.crisis
    assert "suicide" in result.risk.kinds
    assert result.rewrite is None


@pytest.mark.parametrize("text", [
    "You'll be sorry when they find me.",
    "When they find me, remember it was your fault.",
    "Fine, leave. You can live with it when they find me.",
])
def test_other_wordings_of_when_they_find_me_as_blame_are_signs(text: str) -> None:
    assert "suicide" in _kinds(text)


@pytest.mark.parametrize("mode", MODES)
def test_without_you_no_point_to_any_of_it_after_struggling_is_a_sign(mode: Mode) -> None:
    turns = [("Chris", "I'm sorry. I'm sorry. I didn't mean that. I'm just really struggling."),
             ("Jess", "I'm sorry you're struggling. I hope you have people around you."),
             ("Chris", "You were my people. Without you there's no point to any of it.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode=mode)
    assert 2 in analysis.safety.turns
    assert CRISIS in analysis.turns[2].labels
    assert "suicide" in analysis.safety.kinds


@pytest.mark.parametrize("mode", MODES)
def test_without_you_no_point_to_any_of_it_alone_is_a_sign(mode: Mode) -> None:
    result = _check("You were my people. Without you there's no point to any of it.", mode)
    assert result.risk.crisis and "suicide" in result.risk.kinds


def test_no_point_to_any_of_it_after_struggling_is_a_sign_without_you() -> None:
    turns = [("Ana", "Honestly I'm really struggling."),
             ("Bo", "I'm here. What's going on?"),
             ("Ana", "There's no point to any of it.")]
    assert 2 in mendkit.analyze(Conversation.from_turns(turns), mode="rules").safety.turns


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_if_you_wont_see_me_i_dont_know_what_ill_do_tonight_is_a_sign(mode: Mode) -> None:
    if mode == "full" and not available():
        pytest.skip("this build has no model files")
    result = _check("If you won't see me I don't know what I'll do tonight. It's on you.", mode)
    assert result.risk.crisis and "suicide" in result.risk.kinds


@pytest.mark.parametrize("text", [
    "If you leave me I don't know what I'll do.",
    "I don't know what I'll do tonight if you go. Your fault.",
])
def test_a_threat_of_what_i_might_do_tied_to_leaving_is_a_sign(text: str) -> None:
    assert "suicide" in _kinds(text)


@pytest.mark.parametrize("text", [
    "When they find me I'll be on the beach, come and say hi.",
    "There's no point to any of it if the venue's closed.",
    "I don't know what I'll do tonight, maybe pizza.",
    "If you won't come to the gig I don't know what I'll do with the spare ticket.",
    "Without you there's no point in going to the quiz, we'd be one short.",
    "It's on you to find me a seat when they find me a ticket.",
])
def test_everyday_look_alikes_are_no_crisis(text: str) -> None:
    assert not _kinds(text)
    assert not _check(text, "rules").risk.crisis


# -- P4: threats in rules mode --------------------------------------------------------------------

def test_a_threat_to_tell_no_one_with_where_your_mum_lives_is_danger_in_rules_mode() -> None:
    result = _check("You tell anyone about what happened and you'll regret it. I know where "
                    "your mum lives.", "rules")
    assert result.risk.crisis
    assert result.rewrite is None
    assert not result.issues


@pytest.mark.parametrize("text", [
    "You tell anyone about what happened and you'll regret it.",
    "Say a word to anyone and I know where you live.",
    "Keep your mouth shut. I know where your sister works.",
])
def test_threats_of_telling_or_where_someone_lives_are_crisis(text: str) -> None:
    assert _kinds(text)


def test_keep_pushing_me_and_see_what_happens_is_at_least_intimidation() -> None:
    turn = analyze_turn(0, "A", "Keep pushing me and see what happens.")
    assert "rupture.confrontation" in turn.labels
    assert "hostility" in turn.subtypes("rupture.confrontation")


def test_keep_pushing_me_with_last_time_was_nothing_is_danger() -> None:
    """Decided in the rule's note: a threat that points back at harm done before ("last time
    was nothing") is danger from abuse, as crisis/abuse-veiled-threat-01 reads "you know what
    happens... last time was nothing"."""
    result = _check("Keep pushing me and see what happens. Last time was nothing.", "rules")
    assert result.risk.crisis
    assert {"abuse_danger", "harm_to_others"} & set(result.risk.kinds)
    assert "rupture.confrontation" in result.labels


@pytest.mark.parametrize("text", [
    "I know where your mum lives, I'll drop the parcel there.",
    "Keep pushing and see what happens to your PB.",
    "Keep pushing the button and see what happens.",
    "The queue last time was nothing compared to this.",
    "Don't worry, I know where your mum lives so I'll find it.",
])
def test_threat_look_alikes_are_no_crisis(text: str) -> None:
    assert not _kinds(text)
    assert "rupture.confrontation" not in analyze_turn(0, "A", text).labels


# -- P5: passive suicidal ideation in rules mode --------------------------------------------------

@pytest.mark.parametrize("text", [
    "Honestly sometimes I wish I could just disappear and not have to deal with any of this.",
    "I just want to disappear and never have to deal with any of it again.",
    "I wish I could disappear forever.",
    "Some days I wish I could vanish and not have to face anything.",
])
def test_wishing_to_disappear_from_everything_is_a_possible_sign(text: str) -> None:
    assert "suicide" in _kinds(text)
    assert _check(text, "rules").risk.crisis


@pytest.mark.parametrize("text", [
    "I wanted the floor to swallow me up.",
    "I wish I could disappear for a week to a cabin.",
    "I could just disappear into this book.",
    "I wish I could disappear for a week and not have to deal with any of this.",
    "I wish I could disappear to Spain and not have to deal with the in-laws.",
    "I wish I could just disappear and not have to deal with the washing up.",
    "Ugh, I wish I could disappear and not have to deal with this meeting.",
])
def test_idioms_of_disappearing_are_no_crisis(text: str) -> None:
    assert not _kinds(text)


def test_the_wish_to_disappear_is_a_crisis_turn_in_a_rules_analysis() -> None:
    turns = [("Ray", "Maybe that says more about you than me. Do some journaling."),
             ("Kim", "Honestly sometimes I wish I could just disappear and not have to deal "
                     "with any of this.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    assert analysis.safety.turns == (1,)


# -- P13: the turns the safety summary counts carry risk.crisis ----------------------------------

def _analyze_json(path: Path, mode: Mode, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    assert main(["analyze", "--json", "--mode", mode, str(path)]) == 0
    return json.loads(capsys.readouterr().out)  # type: ignore[no-any-return]


@pytest.mark.parametrize("mode", MODES)
def test_every_safety_turn_carries_the_crisis_label_in_analyze_json(
        mode: Mode, capsys: pytest.CaptureFixture[str]) -> None:
    data = _analyze_json(HOOVER, mode, capsys)
    safety, turns = data["safety"], data["turns"]
    assert isinstance(safety, dict) and isinstance(turns, list)
    flagged = set(safety["turns"])
    assert {8, 10} <= flagged  # "no point to any of it", "I don't know what I'll do tonight"
    labelled = {t["index"] for t in turns if CRISIS in t["labels"]}
    assert labelled == flagged
    for turn in turns:
        if turn["index"] in flagged:
            assert any(e["label"] == CRISIS for e in turn["evidence"])
            assert turn["scores"][CRISIS] > 0
            assert "repair.request" not in turn["labels"]


def _hoover_answered_in_doubt(tmp_path: Path) -> Path:
    """The fixture with turn 10 as an answer that no rule reads alone: only the question before
    it ("Chris, are you safe right now?") makes it a sign."""
    lines = HOOVER.read_text(encoding="utf-8").splitlines()
    assert lines[10].startswith("Chris: If you won't see me")
    lines[10] = "Chris: Honestly I don't know. Depends on you."
    path = tmp_path / "hoover_doubt.txt"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_read_from_the_question_carries_the_label_in_analyze_json(
        mode: Mode, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _analyze_json(_hoover_answered_in_doubt(tmp_path), mode, capsys)
    safety, turns = data["safety"], data["turns"]
    assert isinstance(safety, dict) and isinstance(turns, list)
    assert 10 in safety["turns"]
    assert {t["index"] for t in turns if CRISIS in t["labels"]} == set(safety["turns"])
    answer = turns[10]
    sign = [e for e in answer["evidence"] if e["label"] == CRISIS]
    assert sign and sign[0]["text"] == "Honestly I don't know. Depends on you."
    assert not sign[0]["source"].startswith(("rule:", "model:"))


@pytest.mark.parametrize("mode", MODES)
def test_an_answer_to_are_you_safe_is_labelled_crisis(mode: Mode) -> None:
    turns = [("Sam", "Are you safe right now?"), ("Jo", "I don't know.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode=mode)
    assert analysis.safety.turns == (1,)
    assert CRISIS in analysis.turns[1].labels
    sign = [e for e in analysis.turns[1].evidence if e.label == CRISIS]
    assert sign and sign[0].text == "I don't know."
    # the label as it is written and read back
    again = mendkit.Analysis.from_dict(json.loads(json.dumps(analysis.to_dict())))
    assert CRISIS in again.turns[1].labels


def test_a_clear_no_to_are_you_safe_gets_no_crisis_label() -> None:
    turns = [("Sam", "Are you safe right now?"), ("Jo", "Yes, I'm fine, just tired.")]
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode="rules")
    assert not analysis.safety.crisis
    assert CRISIS not in analysis.turns[1].labels
