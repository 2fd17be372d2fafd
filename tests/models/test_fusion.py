"""Fusing rules with the classifier: model-only detections say so; rule evidence is kept."""

from __future__ import annotations

import pytest

from mendkit.analysis.fusion import MODEL_SOURCE, fuse
from mendkit.analysis.pipeline import analyze_turn
from mendkit.models.classifier import OUTPUT_LABELS
from model_only import PREVIOUS, TEXT

THRESHOLDS = dict.fromkeys(OUTPUT_LABELS, 0.5)


def saying(*labels: str) -> list[float]:
    return [0.99 if label in labels else 0.01 for label in OUTPUT_LABELS]


def test_a_model_only_detection_says_no_rule_matched() -> None:
    turn = analyze_turn(0, "A", "The printer is on the second floor.")
    fused = fuse(turn, saying("repair.validate"), OUTPUT_LABELS, THRESHOLDS)
    assert fused.labels == ("repair.validate",)
    (ev,) = fused.evidence
    assert ev.source == f"{MODEL_SOURCE}, no rule matched"
    assert (ev.start, ev.end) == (0, len(turn.text))
    assert fused.scores["repair.validate"] > 0.98


def test_rule_evidence_is_kept_when_the_model_disagrees() -> None:
    turn = analyze_turn(0, "A", "You never listen to me.")
    fused = fuse(turn, saying(), OUTPUT_LABELS, THRESHOLDS)
    assert "rupture.confrontation" in fused.labels
    assert all(e.source.startswith("rule:") for e in fused.evidence)


def test_the_model_can_raise_crisis_alone() -> None:
    turn = analyze_turn(0, "A", "a perfectly ordinary sentence")
    assert fuse(turn, saying("risk.crisis"), OUTPUT_LABELS, THRESHOLDS).labels == ("risk.crisis",)


def test_below_threshold_the_model_only_reports_a_score() -> None:
    turn = analyze_turn(0, "A", "a perfectly ordinary sentence")
    probs = [0.4] * len(OUTPUT_LABELS)
    fused = fuse(turn, probs, OUTPUT_LABELS, THRESHOLDS)
    assert fused.labels == ()
    assert fused.scores["reconnect"] == 0.4


def test_a_rule_veto_stops_the_model_adding_that_label() -> None:
    turn = analyze_turn(0, "A", "I'm sorry you feel that way.")
    fused = fuse(turn, saying("repair.responsibility"), OUTPUT_LABELS, THRESHOLDS,
                 vetoed={"repair.responsibility"})
    assert fused.labels == ("rupture.invalidation",)


def test_turns_run_side_by_side_give_each_turn_its_own_reading() -> None:
    from mendkit.analysis.pipeline import analyze_conversation
    from mendkit.model import Conversation
    from mendkit.models.classifier import default_classifier

    lines = ["You never listen to me.", "Fine.", "Shall we meet at six by the station?", "Fine.",
             "I'm sorry I snapped at you.", "Thank you for saying that.", "ok", "whatever.",
             "I feel hurt when plans change last minute.", "That makes sense.",
             PREVIOUS, TEXT]  # the last: a detection only the model makes
    conversation = Conversation.from_dict(
        {"turns": [{"speaker": "AB"[i % 2], "text": t} for i, t in enumerate(lines)]})
    clf = default_classifier()
    clf.cache.clear()  # each analysis runs the model, neither reads the other's kept readings
    together = analyze_conversation(conversation, mode="full", workers=4)
    clf.cache.clear()
    assert together.to_dict() == analyze_conversation(conversation, mode="full",
                                                      workers=1).to_dict()
    clf.cache.clear()
    model_only = 0
    for turn in together.turns:
        direct = clf.probabilities(turn.text, lines[turn.index - 1] if turn.index else "")
        for ev in turn.evidence:
            if ev.source.startswith(MODEL_SOURCE):
                model_only += 1
                assert ev.score == float(direct[clf.labels.index(ev.label)])
        for label, p in zip(clf.labels, direct, strict=True):
            assert turn.scores.get(label, 0.0) >= round(float(p), 6) - 1e-6 or p < 0.01
    assert model_only >= 1  # the evidence check above ran


class Saying:
    """A classifier that gives ``labels`` 0.99 and the rest 0.01, whatever the text."""

    def __init__(self, *labels: str) -> None:
        self.labels = OUTPUT_LABELS
        self.thresholds = THRESHOLDS
        self.meta = {"model": "test"}
        self._out = saying(*labels)

    def probabilities(self, text: str, previous: str = "") -> list[float]:
        return self._out


def full_mode_labels(text: str, model: Saying, monkeypatch: pytest.MonkeyPatch) -> tuple[str, ...]:
    from mendkit.analysis import pipeline
    from mendkit.model import Conversation

    monkeypatch.setattr(pipeline, "_classifier", lambda: model)
    conv = Conversation.from_turns([("A", text)])
    return pipeline.analyze_conversation(conv, mode="full").turns[0].labels


def test_a_crisis_match_set_aside_does_not_stop_the_model(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """A crisis rule matches here and its laughter exclusion sets the match aside: the rules alone
    say nothing, but a model that reads crisis talk in the whole message is still heard."""
    from mendkit.analysis.pipeline import engine_rules

    text = "haha anyway I probably won't be around for the wedding, so don't save me a seat"
    blocked: set[str] = set()
    hits = engine_rules().find(text, blocked=blocked)
    assert "risk.crisis" in blocked and not any(h.rule.label == "risk.crisis" for h in hits)
    assert full_mode_labels(text, Saying(), monkeypatch) == ()
    assert "risk.crisis" in full_mode_labels(text, Saying("risk.crisis"), monkeypatch)


def test_other_labels_set_aside_still_stop_the_model(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "I'm not saying you never help."  # confrontation, negated
    assert "rupture.confrontation" not in full_mode_labels(
        text, Saying("rupture.confrontation"), monkeypatch)


def test_the_model_overrules_a_repair_match_it_gives_almost_no_chance() -> None:
    turn = analyze_turn(0, "A", "I'm sorry I snapped at you.")
    assert "repair.responsibility" in turn.labels
    probs = [0.05 if label == "repair.responsibility" else 0.01 for label in OUTPUT_LABELS]
    fused = fuse(turn, probs, OUTPUT_LABELS, THRESHOLDS, floor=0.2)
    assert "repair.responsibility" not in fused.labels
    assert not [e for e in fused.evidence if e.label == "repair.responsibility"]
    assert fused.scores["repair.responsibility"] == 0.05


def test_a_repair_match_stands_when_the_model_sees_some_chance_or_the_floor_is_off() -> None:
    turn = analyze_turn(0, "A", "I'm sorry I snapped at you.")
    some = [0.3 if label == "repair.responsibility" else 0.01 for label in OUTPUT_LABELS]
    assert "repair.responsibility" in fuse(turn, some, OUTPUT_LABELS, THRESHOLDS,
                                           floor=0.2).labels
    assert "repair.responsibility" in fuse(turn, saying(), OUTPUT_LABELS, THRESHOLDS,
                                           floor=0.0).labels


@pytest.mark.parametrize(("text", "label"), [("You never listen to me.", "rupture.confrontation"),
                                             ("I want to kill myself.", "risk.crisis")])
def test_rupture_and_crisis_matches_are_never_overruled(text: str, label: str) -> None:
    turn = analyze_turn(0, "A", text)
    assert label in fuse(turn, [0.0] * len(OUTPUT_LABELS), OUTPUT_LABELS, THRESHOLDS,
                         floor=0.99).labels


def test_the_raw_probabilities_come_with_the_analysis_in_full_mode_only() -> None:
    from mendkit.analysis.pipeline import analyze_with_probabilities
    from mendkit.model import Conversation
    from mendkit.models.classifier import default_classifier

    conversation = Conversation.from_turns([("A", "You never listen."), ("B", "Fine.")], id="t")
    analysis, raw = analyze_with_probabilities(conversation, mode="full", workers=1)
    assert len(raw) == len(analysis.turns) == 2
    model = default_classifier()
    expected = model.probabilities("Fine.", "You never listen.")
    assert raw[1] == pytest.approx(dict(zip(model.labels, map(float, expected), strict=True)))
    assert analyze_with_probabilities(conversation, mode="rules")[1] == []
