"""Fusing rule evidence with the shipped classifier (``mode="full"``).

Rules give explainable spans; the classifier adds recall on language no rule anticipated. A label is
on when a rule fired or the classifier's probability passes the label's threshold (chosen on
held-out training conversations, see the model card). The score is the larger of the two. A
detection only the model made says so in its evidence: ``source="model:mend-minilm-int8-v18, no rule
matched"`` and the whole turn as the span.

The model can also overrule a rule, on repair and reconnection only: a repair pattern fires on
plenty of everyday talk ("I'll ring them after the break", "thanks, I'll update the board"), and
when the model, reading the turn with the one before it, gives such a label under ``RULE_FLOOR``,
the rule's match is dropped (model card, "v5"). Rupture and crisis matches always stand.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence

from mendkit.analysis.rules import Context, TurnContext
from mendkit.labels import LABELS, RECONNECT, is_repair
from mendkit.model import Evidence, TurnAnalysis
from mendkit.models.classifier import MODEL_NAME

RUPTURE_WITHDRAWAL = "rupture.withdrawal"
_NO_CONTEXT = TurnContext()

MODEL_SOURCE = f"model:{MODEL_NAME}"
# Labels that only make sense as an answer to what came before (3RS: a marker counts when it
# functions as moving away; reconnecting presupposes a break).
_NEEDS: Mapping[str, Context] = {RUPTURE_WITHDRAWAL: "after_tension", RECONNECT: "after_either"}
_ORDER = {label: i for i, label in enumerate(LABELS)}
# Below this probability the model overrules a repair or reconnect label that only rules found
# (chosen on train/calib_a + calib_b and dev with v4, then checked on calib_o-v: model card).
RULE_FLOOR = 0.2


def _overrulable(label: str) -> bool:
    return is_repair(label) or label == RECONNECT


def fuse(
    rule_turn: TurnAnalysis,
    probabilities: Iterable[float],
    labels: Sequence[str],
    thresholds: Mapping[str, float],
    *,
    vetoed: Collection[str] = (),
    context: TurnContext = _NO_CONTEXT,
    floor: float | None = None,
) -> TurnAnalysis:
    """The turn's analysis with the classifier's ``probabilities`` (one per ``labels``) folded in.

    The model does not add a label in ``vetoed`` (evidence against it), and, as for the rules,
    withdrawal only answers tension and reconnection only follows a rupture or repair. A repair
    or reconnect label the rules found is dropped, with its evidence, when the model gives it
    under ``floor`` (default ``RULE_FLOOR``; 0 keeps every rule match).
    """
    floor = RULE_FLOOR if floor is None else floor
    scores = dict(rule_turn.scores)
    on = set(rule_turn.labels)
    evidence = list(rule_turn.evidence)
    for label, raw in zip(labels, probabilities, strict=True):
        prob = float(raw)
        if label in on and prob < floor and _overrulable(label):
            on.discard(label)
            evidence = [e for e in evidence if e.label != label]
            scores[label] = prob
            continue
        scores[label] = max(scores.get(label, 0.0), prob)
        if (prob >= thresholds[label] and label not in on and label not in vetoed
                and context.allows(_NEEDS.get(label, "any"))):
            on.add(label)
            evidence.append(Evidence(
                label=label, subtype=None, start=0, end=len(rule_turn.text), text=rule_turn.text,
                source=f"{MODEL_SOURCE}, no rule matched", score=prob,
            ))
    return TurnAnalysis(
        index=rule_turn.index, speaker=rule_turn.speaker, text=rule_turn.text,
        labels=tuple(sorted(on, key=_ORDER.__getitem__)),
        scores={k: round(v, 6) for k, v in sorted(scores.items(), key=lambda kv: _ORDER[kv[0]])
                if v >= 0.01 or k in on},
        evidence=tuple(evidence), start=rule_turn.start,
    )
