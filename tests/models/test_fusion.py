"""Fusing rules with the heads: model-only detections say so; rule evidence is kept."""

from __future__ import annotations

import numpy as np

from mendkit.analysis.fusion import MODEL_SOURCE, fuse
from mendkit.analysis.pipeline import analyze_turn
from mendkit.models.heads import MARKER_LABELS, Heads, feature_vector


def heads_that_say(label: str | None, crisis: bool = False) -> Heads:
    dim = feature_vector(np.zeros(384, np.float32), None, {}, (), speaker_changed=False,
                         n_chars=1).shape[0]
    bias = np.full(len(MARKER_LABELS), -10.0, np.float32)
    if label is not None:
        bias[MARKER_LABELS.index(label)] = 10.0
    return Heads(labels=MARKER_LABELS, weights=np.zeros((len(MARKER_LABELS), dim), np.float32),
                 bias=bias, thresholds=dict.fromkeys(MARKER_LABELS, 0.5),
                 crisis_weights=np.zeros(384, np.float32), crisis_bias=10.0 if crisis else -10.0,
                 crisis_threshold=0.5, meta={})


def test_a_model_only_detection_says_no_rule_matched() -> None:
    turn = analyze_turn(0, "A", "The printer is on the second floor.")
    fused = fuse(turn, [], np.zeros((1, 384), np.float32), heads_that_say("repair.validate"))
    assert fused.labels == ("repair.validate",)
    (ev,) = fused.evidence
    assert ev.source == f"{MODEL_SOURCE}, no rule matched"
    assert (ev.start, ev.end) == (0, len(turn.text))
    assert fused.scores["repair.validate"] > 0.99


def test_rule_evidence_is_kept_when_the_model_disagrees() -> None:
    turn = analyze_turn(0, "A", "You never listen to me.")
    fused = fuse(turn, [], np.zeros((1, 384), np.float32), heads_that_say(None))
    assert "rupture.confrontation" in fused.labels
    assert all(e.source.startswith("rule:") for e in fused.evidence)


def test_the_crisis_head_can_raise_risk_alone() -> None:
    turn = analyze_turn(0, "A", "a perfectly ordinary sentence")
    fused = fuse(turn, [], np.zeros((1, 384), np.float32), heads_that_say(None, crisis=True))
    assert fused.labels == ("risk.crisis",)
