"""Round 11: the classifier may not turn plain repairs into ruptures, nor safety signs into repairs.

The model's probabilities are given here, so these run without the shipped weights.
"""

from __future__ import annotations

from collections.abc import Sequence

from mendkit.analysis.fusion import fuse, standing_labels
from mendkit.analysis.pipeline import analyze_turn, context_for
from mendkit.analysis.rules import engine_rules
from mendkit.model import TurnAnalysis
from mendkit.models.classifier import OUTPUT_LABELS

THRESHOLDS = dict.fromkeys(OUTPUT_LABELS, 0.5)


def model_says(**probabilities: float) -> list[float]:
    """Probabilities per output label; keyword names use ``_`` for ``.``."""
    given = {k.replace("_", "."): v for k, v in probabilities.items()}
    return [given.get(label, 0.01) for label in OUTPUT_LABELS]


def turns(*said: tuple[str, str]) -> list[TurnAnalysis]:
    done: list[TurnAnalysis] = []
    for i, (speaker, text) in enumerate(said):
        done.append(analyze_turn(i, speaker, text, done))
    return done


def fused(turn: TurnAnalysis, probabilities: list[float],
          before: Sequence[TurnAnalysis] = ()) -> TurnAnalysis:
    rules = [engine_rules().by_id(e.source.removeprefix("rule:")) for e in turn.evidence
             if e.source.startswith("rule:")]
    # As the pipeline fuses: the model's own withdrawal reads the ruptures it raised itself.
    return fuse(turn, probabilities, OUTPUT_LABELS, THRESHOLDS,
                standing=standing_labels(rules, text=turn.text),
                context=context_for(before, turn.speaker, model_ruptures=True))


def test_thanks_after_an_apology_is_not_made_withdrawal() -> None:
    *before, thanks = turns(("Ida", "You left the back door unlocked again. That's a bit annoying."),
                            ("Hal", "Oops, sorry, my bad. I'll check it tonight."),
                            ("Ida", "Thanks."))
    assert thanks.labels == ("reconnect",)
    # the model reads it as withdrawal (0.97): not on a turn a rule found accepting a repair
    out = fused(thanks, model_says(rupture_withdrawal=0.97, reconnect=0.3), before)
    assert out.labels == ("reconnect",)


def test_an_apology_naming_what_i_did_survives_a_low_model_score() -> None:
    (turn,) = turns(("A", "I'm sorry I broke the vase your grandmother gave you."))
    out = fused(turn, model_says(repair_responsibility=0.11))
    assert "repair.responsibility" in out.labels


def test_an_admission_survives_a_low_model_score() -> None:
    (turn,) = turns(("A", "That was my fault, honestly."))
    assert "repair.responsibility" in turn.labels
    out = fused(turn, model_says(repair_responsibility=0.05))
    assert "repair.responsibility" in out.labels


def test_everyday_talk_is_still_overruled() -> None:
    (turn,) = turns(("A", "From now on I will check the door."))  # a plan, no rupture in sight
    assert "repair.request" in turn.labels
    out = fused(turn, model_says(repair_request=0.05))
    assert "repair.request" not in out.labels


def test_no_model_only_rupture_where_a_rule_found_a_clear_repair() -> None:
    *before, reply = turns(("A", "You humiliated me in front of everyone."), ("B", "im sorry"))
    assert "repair.responsibility" in reply.labels
    out = fused(reply, model_says(rupture_withdrawal=0.99, repair_responsibility=0.6), before)
    assert "rupture.withdrawal" not in out.labels
    assert "repair.responsibility" in out.labels


def test_no_model_only_rupture_where_the_model_reads_a_repair_as_likely() -> None:
    *before, turn = turns(("Liam", "Honestly it reads like a high schooler wrote it."),
                     ("Maya", "When you say that, I feel really small. Can we talk about what "
                              "you actually need from it?"))
    out = fused(turn, model_says(rupture_withdrawal=0.90, repair_acknowledge=0.81), before)
    assert not any(label.startswith("rupture.") for label in out.labels)


def test_a_model_only_rupture_still_comes_where_nothing_says_repair() -> None:
    *before, turn = turns(("A", "You never listen."), ("B", "The bins go out on Tuesday."))
    assert not turn.labels
    out = fused(turn, model_says(rupture_withdrawal=0.95, repair_acknowledge=0.1), before)
    assert "rupture.withdrawal" in out.labels


def test_a_crisis_turn_gets_no_model_only_repair() -> None:
    (turn,) = turns(("B", "i'm saving up my sleeping pills"))
    out = fused(turn, model_says(risk_crisis=0.99, repair_feeling=0.9, reconnect=0.9))
    assert "risk.crisis" in out.labels
    assert not any(label.startswith("repair.") or label == "reconnect" for label in out.labels)


def test_a_model_only_crisis_still_stands() -> None:
    (turn,) = turns(("A", "a perfectly ordinary sentence"))
    out = fused(turn, model_says(risk_crisis=0.99))
    assert out.labels == ("risk.crisis",)  # crisis decisions are unchanged
