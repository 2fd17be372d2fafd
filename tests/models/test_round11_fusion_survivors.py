"""Round 11, second pass: the fusion reads what survives the model's veto, keeps short real
repairs, adds no non-apology to owned responsibility, and a rupture only the model raised does not
set up the rules' "after a rupture" readings.

The model's probabilities are given here, so these run without the shipped weights.
"""

from __future__ import annotations

from test_round11_fusion import fused, model_says, turns

from mendkit.analysis.pipeline import analyze_turn, context_for
from mendkit.model import Evidence, TurnAnalysis


def _with_model_rupture(turn: TurnAnalysis) -> TurnAnalysis:
    return TurnAnalysis(
        index=turn.index, speaker=turn.speaker, text=turn.text,
        labels=("rupture.confrontation",), scores={"rupture.confrontation": 0.83},
        evidence=(Evidence(label="rupture.confrontation", subtype=None, start=0,
                           end=len(turn.text), text=turn.text,
                           source="model:mend-minilm-int8-v18, no rule matched", score=0.83),),
        start=None)


LECTURE = ("Therapist", "You need to be much stricter with your sleep hygiene. No screens after "
                        "nine, as we discussed.")


def test_appeasing_after_a_lecture_is_withdrawal_when_the_model_drops_the_repairs() -> None:
    (lecture,) = turns(LECTURE)
    before = [_with_model_rupture(lecture)]  # the model reads the lecture as confrontation
    turn = analyze_turn(1, "Client", "You're right, I'll make sure to do it.", before)
    assert turn.labels == ("repair.validate", "repair.request")  # the rules read repairs here
    out = fused(turn, model_says(rupture_withdrawal=0.9974, repair_responsibility=0.05,
                                 repair_validate=0.05, repair_request=0.05), before)
    assert out.labels == ("rupture.withdrawal",)


def test_a_surviving_clear_repair_still_holds_back_model_withdrawal() -> None:
    (lecture,) = turns(LECTURE)
    before = [_with_model_rupture(lecture)]
    turn = analyze_turn(1, "Client", "You're right, I'll make sure to do it.", before)
    out = fused(turn, model_says(rupture_withdrawal=0.99, repair_validate=0.4), before)
    assert "rupture.withdrawal" not in out.labels
    assert "repair.validate" in out.labels


def test_short_real_repairs_survive_a_low_model_score() -> None:
    cases = [
        ("sorryyyy", "repair.responsibility"),
        ("im soooo sorry", "repair.responsibility"),
        ("sooooorry dad", "repair.responsibility"),
        ("sorry, I'll bring it back tonight", "repair.responsibility"),
        ("I took your charger without asking", "repair.responsibility"),
        ("im sorry i ate ur leftovers ill replace them tonight", "repair.request"),
    ]
    for text, label in cases:
        (turn,) = turns(("A", text))
        assert label in turn.labels, text
        out = fused(turn, model_says(repair_responsibility=0.02, repair_request=0.02))
        assert label in out.labels, text


def test_im_sorry_after_an_admission_survives() -> None:
    *before, turn = turns(("A", "i did say that"), ("B", "im sorry"))
    out = fused(turn, model_says(repair_responsibility=0.03), before)
    assert "repair.responsibility" in out.labels


def test_everyday_sorry_and_plans_are_still_overruled() -> None:
    # a plan with no apology: the model may still overrule it
    (plan,) = turns(("A", "From now on I will check the door."))
    assert "repair.request" not in fused(plan, model_says(repair_request=0.05)).labels
    # "Sorry." inside a longer message is not a bare apology
    (polite,) = turns(("A", "Sorry. Can you send me the slides again, the link is broken?"))
    out = fused(polite, model_says(repair_responsibility=0.02))
    assert "repair.responsibility" not in out.labels


def test_no_model_only_invalidation_on_owned_responsibility() -> None:
    *before, turn = turns(("A", "I waited twenty minutes in the lobby."),
                          ("B", "I'm sorry you had to wait, I lost track of time."))
    assert "repair.responsibility" in turn.labels
    out = fused(turn, model_says(rupture_invalidation=0.8, repair_responsibility=0.4), before)
    assert "rupture.invalidation" not in out.labels
    assert "repair.responsibility" in out.labels


def test_model_invalidation_still_comes_beside_a_weak_apology() -> None:
    (turn,) = turns(("A", "Sorry. Can you send me the slides again, the link is broken?"))
    out = fused(turn, model_says(rupture_invalidation=0.8, repair_responsibility=0.6))
    assert "rupture.invalidation" in out.labels


def test_a_model_only_rupture_does_not_make_agreement_withdrawal() -> None:
    (reflection,) = turns(("Therapist", "So you feel I'm not listening to you."))
    before = [_with_model_rupture(reflection)]
    context = context_for(before, "Client")
    assert not context.tension and not context.other_tension
    assert "rupture.withdrawal" not in analyze_turn(1, "Client", "Yes.", before).labels


def test_a_rule_found_rupture_still_sets_up_the_context() -> None:
    (jab,) = turns(("A", "You never listen to me, you just don't care."))
    assert any(label.startswith("rupture.") for label in jab.labels)
    context = context_for([jab], "B")
    assert context.tension and context.other_tension
