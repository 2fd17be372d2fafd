"""Round 16 (tester t1, P6, P7, P8): the crisis box for young people and for the one helping.

A 16-year-old threatened by a step-parent sees the children's line before the adults' domestic
abuse line, and no crisis message tells anyone to tell a parent; the general box is short; a
reply to someone in crisis is spoken to as the one who helps, not the one at risk.
"""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.analysis.safety import crisis_message, resources_for, supporter_message
from mendkit.cli.main import main

STEP_DAD = "my step dad said he'll kill me if i tell anyone what he does"
FRIEND = "like i dont want to be here anymore"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_child_threatened_by_a_step_parent_sees_the_childrens_line_first(mode: str) -> None:
    risk = mendkit.check(STEP_DAD, region="GB", mode=mode).risk
    assert risk.crisis and "abuse_danger" in risk.kinds
    names = [r.name for r in risk.resources]
    assert names[0] == "Emergency services"
    assert names[1] == "Childline"
    assert names.index("Childline") < names.index("National Domestic Abuse Helpline")
    assert "a parent" not in risk.message
    assert "an adult you trust, like a teacher, a school counsellor or a doctor" in risk.message
    assert "relative" not in risk.message  # round 19 (f14): the family may be the danger


@pytest.mark.parametrize("text", ["im 16 and i keep thinking about killing myself",
                                  "i cut myself again before school tomorrow"])
def test_a_young_persons_own_crisis_lists_their_line_before_any_other_example(text: str) -> None:
    names = [r.name for r in mendkit.check(text, region="AU", mode="rules").risk.resources]
    assert names[:3] == ["Emergency services", "Lifeline", "Kids Helpline"]


def test_an_adult_hurt_by_a_partner_sees_the_abuse_line_first() -> None:
    names = [r.name for r in mendkit.check("my husband hit me again last night", region="GB",
                                           mode="rules").risk.resources]
    assert names[1] == "National Domestic Abuse Helpline"


@pytest.mark.parametrize("kinds", [(), ("suicide",), ("abuse_danger",), ("abuse_danger",
                                                                         "self_harm")])
def test_no_crisis_message_says_tell_a_parent(kinds: tuple[str, ...]) -> None:
    said = crisis_message(kinds)
    assert "parent" not in said
    assert "tell an adult you trust" in said


def test_the_general_box_is_short() -> None:
    shown = resources_for("default")  # no kind known: every kind of help
    assert len(shown) <= 6
    assert sum("other countries" in r.name for r in shown) == 2  # one entry of examples a kind
    assert len(resources_for("default", ["suicide"])) <= 4


def test_childline_can_be_reached_without_phoning() -> None:
    (childline,) = [r for r in resources_for("GB", ["suicide"]) if r.name == "Childline"]
    assert "0800 1111" in childline.contact and "childline.org.uk" in childline.contact


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_reply_to_a_friend_in_crisis_speaks_to_the_one_helping(mode: str) -> None:
    result = mendkit.check("are u ok?? i'm here. can i call u", context=[FRIEND], region="GB",
                           mode=mode)
    assert result.risk.crisis and result.risk.in_context
    assert result.risk.message == supporter_message()
    assert "you don't have to handle this alone" in result.risk.message
    assert "If you might act on thoughts of hurting yourself" not in result.risk.message


def test_the_terminal_box_for_a_helper_says_whose_safety(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "are u ok?? i'm here", "--context", FRIEND, "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    assert "The person you are answering may not be safe" in out
    assert "Your safety comes first" not in out


def test_a_reply_that_shares_the_crisis_is_spoken_to_as_at_risk(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "omg same lol", "--context", FRIEND, "--mode", "rules", "--json"]) == 0
    risk = json.loads(capsys.readouterr().out)["risk"]
    assert risk["crisis"] and risk["message"] != supporter_message()
    assert "If you might act on thoughts of hurting yourself" in risk["message"]
