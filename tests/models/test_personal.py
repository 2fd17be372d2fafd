"""Personal heads (``mend train``): refitted on a person's corrections, never weakening crisis."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

import mendkit
from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS
from mendkit.model import Evidence, TurnAnalysis
from mendkit.models import personal
from mendkit.models.classifier import MODEL_NAME, OUTPUT_LABELS
from mendkit.training import train
from model_only import PREVIOUS, TEXT

CONF = "rupture.confrontation"
# A confrontation only the shipped model finds (no rule matches it): what a person may correct.

REQUEST = "repair.request"


@pytest.fixture
def home() -> Path:
    return Path(os.environ["MEND_HOME"])  # set per test by the autouse fixture in conftest


def _example(label: str, present: bool, p: float) -> personal.Example:
    probs = [0.1] * len(OUTPUT_LABELS)
    probs[OUTPUT_LABELS.index(label)] = p
    return personal.Example(label=label, present=present, probabilities=probs)


def _p(heads: personal.PersonalHeads, label: str, p: float) -> float:
    probs = [0.1] * len(OUTPUT_LABELS)
    probs[OUTPUT_LABELS.index(label)] = p
    return heads.adjust(probs)[OUTPUT_LABELS.index(label)]


def test_wrong_lowers_missing_raises_and_other_labels_stay() -> None:
    heads = personal.fit([_example(CONF, False, 0.8), _example(CONF, False, 0.7),
                          _example(REQUEST, True, 0.3)], OUTPUT_LABELS)
    assert _p(heads, CONF, 0.8) < 0.8
    assert _p(heads, REQUEST, 0.3) > 0.3
    # A label nobody corrected keeps the shipped probability exactly.
    assert _p(heads, "repair.validate", 0.63) == pytest.approx(0.63)
    # One correction nudges the label; it does not silence it everywhere.
    one = personal.fit([_example(CONF, False, 0.8)], OUTPUT_LABELS)
    assert 0.6 < _p(one, CONF, 0.9) < 0.9


def test_crisis_is_never_refitted_nor_its_rules_muted() -> None:
    heads = personal.fit([_example(CRISIS, False, 0.95)] * 5, OUTPUT_LABELS)
    assert CRISIS not in heads.weights
    assert _p(heads, CRISIS, 0.95) == pytest.approx(0.95)
    crisis = [Correction(text=f"message {i}", label=CRISIS, verdict="wrong",
                         source="rule:crisis/suicide-01") for i in range(3)]
    assert personal.muted_rules(crisis) == frozenset()
    assert personal.memory_of(crisis) == {}


def test_a_rule_is_muted_after_two_wrong_marks_only() -> None:
    once = [Correction(text="a", label=REQUEST, verdict="wrong", source="rule:request/request-01")]
    assert personal.muted_rules(once) == frozenset()
    twice = [*once, Correction(text="b", label=REQUEST, verdict="wrong",
                               source="rule:request/request-01, model:x")]
    assert personal.muted_rules(twice) == {"request/request-01"}
    missing = [Correction(text=t, label=REQUEST, verdict="missing",
                          source="rule:request/request-01") for t in "ab"]
    assert personal.muted_rules(missing) == frozenset()


def test_memory_matches_the_message_loosely_and_the_context_exactly() -> None:
    memory = personal.memory_of([
        Correction(text="Don't bother waiting up.", label=CONF, verdict="wrong", previous="home in 20"),
        Correction(text="ok", label="rupture.withdrawal", verdict="missing"),
    ])
    heads = personal.PersonalHeads(labels=OUTPUT_LABELS, memory=memory)
    assert heads.recall(CONF, "don't bother  WAITING up", "Home in 20!") is False
    assert heads.recall(CONF, "Don't bother waiting up.", "where are you?") is None
    assert heads.recall("rupture.withdrawal", "OK.", "anything at all") is True
    turn = TurnAnalysis(index=1, speaker="b", text="Don't bother waiting up.", labels=(CONF,),
                        scores={CONF: 0.82}, evidence=(Evidence(
                            label=CONF, subtype=None, start=0, end=24, text="Don't bother waiting up.",
                            source="model:x", score=0.82),))
    out = heads.override(turn, "home in 20")
    assert out.labels == () and out.evidence == () and out.scores[CONF] == 0.0
    added = heads.override(TurnAnalysis(index=2, speaker="a", text="ok", labels=(), scores={},
                                        evidence=()), "")
    assert added.labels == ("rupture.withdrawal",)
    assert added.evidence[0].source == personal.MEMORY_SOURCE


def test_the_file_round_trips_and_a_damaged_one_is_refused(tmp_path: Path) -> None:
    heads = personal.fit([_example(CONF, False, 0.8)], OUTPUT_LABELS,
                         muted_rules={"request/request-01"},
                         memory=personal.memory_of([Correction(
                             text="Don't bother waiting up.", label=CONF, verdict="wrong")]),
                         corrections=1)
    personal.save(heads, tmp_path)
    assert personal.load(tmp_path) == heads
    path = personal.personal_dir(tmp_path) / "heads.json"
    assert "bother" not in path.read_text(encoding="utf-8").lower()  # the message is not kept
    data = json.loads(path.read_text(encoding="utf-8"))
    data["weights"][CRISIS] = {"a": 0.0, "b": -9.0}
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"heads\.json"):
        personal.load(tmp_path)
    path.write_text("{not json", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="mend train"):
        personal.load(tmp_path)
    assert personal.load(tmp_path / "elsewhere") is None


@pytest.mark.slow
def test_correct_then_train_changes_what_mend_finds(capsys: pytest.CaptureFixture[str]) -> None:
    check = ["check", TEXT, "--context", PREVIOUS, "--json"]
    assert main(check) == 0
    first = json.loads(capsys.readouterr().out)
    assert CONF in first["labels"]  # the model's guess, not a rule's
    assert {e["source"].split(",")[0] for e in first["evidence"] if e["label"] == CONF} == {
        f"model:{MODEL_NAME}"}
    assert main(["correct", TEXT, "--label", CONF, "--previous", PREVIOUS]) == 0
    assert main(["train"]) == 0
    assert "1 corrections" in capsys.readouterr().out
    assert main(check) == 0
    assert CONF not in json.loads(capsys.readouterr().out)["labels"]
    assert main([*check, "--no-personal"]) == 0
    assert CONF in json.loads(capsys.readouterr().out)["labels"]
    # An unrelated, plain confrontation is still found.
    assert main(["check", "You never listen to a word I say. You're impossible.", "--json"]) == 0
    assert CONF in json.loads(capsys.readouterr().out)["labels"]
    assert main(["train", "--reset"]) == 0
    assert "removed" in capsys.readouterr().out
    assert main(check) == 0
    assert CONF in json.loads(capsys.readouterr().out)["labels"]


def test_two_wrong_marks_mute_a_rule_in_rules_mode(home: Path) -> None:
    store = CorrectionStore(home)
    for text in ("Could you tell me next time before you make plans for us?",
                 "Next time, could you tell me first?"):
        found = mendkit.check(text, mode="rules")
        assert "rule:request/request-01" in {e.source for e in found.evidence}
        store.add(Correction(text=text, label=REQUEST, verdict="wrong",
                             source="rule:request/request-01"))
    heads = personal.PersonalHeads(labels=OUTPUT_LABELS,
                                   muted_rules=personal.muted_rules(store))
    third = "Can we agree to take a break when it gets heated?"
    assert REQUEST in mendkit.check(third, mode="rules").labels
    assert REQUEST not in mendkit.check(third, mode="rules", personal=heads).labels


@pytest.mark.slow
def test_marking_a_crisis_wrong_never_hides_it(home: Path) -> None:
    text = "I don't want to be alive anymore."
    assert mendkit.check(text).risk.crisis
    CorrectionStore(home).add(Correction(text=text, label=CRISIS, verdict="wrong",
                                                   source="rule:crisis/suicide-01"))
    report = train(home)
    assert report.crisis_ignored == 1
    heads = personal.load(home)
    assert mendkit.check(text, personal=heads).risk.crisis


def test_train_without_corrections_is_a_clear_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert "no corrections" in err and "Traceback" not in err
