"""Fusing rule evidence with the learned heads (``mode="full"``).

Rules give explainable spans; the heads add recall on language no rule anticipated. A label is on
when a rule fired or the head's probability passes the label's threshold (tuned on cross-validated
predictions). The score is the larger of the two. A detection only the model made says so in its
evidence: ``source="model:mend-minilm-int8-v1"`` and the whole turn as the span.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mendkit.labels import CRISIS, LABELS
from mendkit.model import Evidence, TurnAnalysis
from mendkit.models.encoder import MODEL_NAME
from mendkit.models.heads import Heads, feature_vector

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_SOURCE = f"model:{MODEL_NAME}"
_ORDER = {label: i for i, label in enumerate(LABELS)}


def fuse(
    rule_turn: TurnAnalysis,
    previous: Sequence[TurnAnalysis],
    embeddings: npt.NDArray[np.float32],
    heads: Heads,
) -> TurnAnalysis:
    """The turn's analysis with the heads' probabilities folded in."""
    k = rule_turn.index
    last = previous[-1] if previous else None
    features = feature_vector(
        embeddings[k], embeddings[k - 1] if k else None, rule_turn.scores,
        last.labels if last else (), speaker_changed=bool(last and last.speaker != rule_turn.speaker),
        n_chars=len(rule_turn.text),
    )
    probs = heads.probabilities(features[None, :])[0]
    crisis_prob = float(heads.crisis_probability(embeddings[k][None, :])[0])
    scores = dict(rule_turn.scores)
    labels = set(rule_turn.labels)
    evidence = list(rule_turn.evidence)
    decisions = [(label, float(p), heads.thresholds[label]) for label, p in
                 zip(heads.labels, probs, strict=True)]
    decisions.append((CRISIS, crisis_prob, heads.crisis_threshold))
    for label, prob, threshold in decisions:
        scores[label] = max(scores.get(label, 0.0), prob)
        if prob >= threshold and label not in labels:
            labels.add(label)
            evidence.append(Evidence(
                label=label, subtype=None, start=0, end=len(rule_turn.text), text=rule_turn.text,
                source=f"{MODEL_SOURCE}, no rule matched", score=prob,
            ))
    ordered = tuple(sorted(labels, key=_ORDER.__getitem__))
    return TurnAnalysis(
        index=rule_turn.index, speaker=rule_turn.speaker, text=rule_turn.text, labels=ordered,
        scores={k: round(v, 6) for k, v in sorted(scores.items(), key=lambda kv: _ORDER[kv[0]])
                if v >= 0.01 or k in labels},
        evidence=tuple(evidence), start=rule_turn.start,
    )
