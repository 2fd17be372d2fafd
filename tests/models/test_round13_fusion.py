"""Round 13: the model's all-but-sure appeasing reading stands beside a rule's apology.

"Yes sir, sorry sir, my fault" after a dressing-down, and "It's all my fault anyway, everything is.
I ruin everything." (abuse report #6: withdrawal 0.99 thrown away), appease; a plain apology the
model only leans towards reading as withdrawal stays a plain repair, and so does thanks that take
an apology up. The model's probabilities are given, so these run without the shipped weights.
"""

from __future__ import annotations

from test_round11_fusion import fused, model_says, turns

from mendkit.model import TurnAnalysis


def after_a_dressing_down() -> list[TurnAnalysis]:
    return turns(("Chef", "This is a disgrace. Three covers sent back. Do it again."),
                 ("Tom", "Sorry, that was my fault. I'll redo them now."))


def test_an_all_but_sure_appeasing_reading_stands_beside_a_rules_apology() -> None:
    *before, reply = after_a_dressing_down()
    assert "repair.responsibility" in reply.labels
    assert "rupture.withdrawal" not in reply.labels
    out = fused(reply, model_says(rupture_withdrawal=0.99, repair_responsibility=0.3), before)
    assert "rupture.withdrawal" in out.labels
    assert "repair.responsibility" in out.labels  # the rule's apology stands beside it


def test_a_leaning_withdrawal_reading_stays_off_a_rules_apology() -> None:
    *before, reply = after_a_dressing_down()
    out = fused(reply, model_says(rupture_withdrawal=0.9, repair_responsibility=0.3), before)
    assert "rupture.withdrawal" not in out.labels


def test_the_models_own_repair_reading_still_keeps_withdrawal_off() -> None:
    *before, reply = after_a_dressing_down()
    out = fused(reply, model_says(rupture_withdrawal=0.99, repair_responsibility=0.7), before)
    assert "rupture.withdrawal" not in out.labels


def test_thanks_that_take_an_apology_up_are_never_made_withdrawal() -> None:
    *before, thanks = turns(("Ida", "You left the back door unlocked again. That's annoying."),
                            ("Hal", "Oops, sorry, my bad. I'll check it tonight."),
                            ("Ida", "Thank you, I appreciate that."))
    assert "reconnect" in thanks.labels
    out = fused(thanks, model_says(rupture_withdrawal=0.99, reconnect=0.3), before)
    assert "rupture.withdrawal" not in out.labels
