"""Round 12: after a crisis sign a rule found, "no repair counts" is for danger between the
episode's people (a threat, abuse: an apology and giving in after it is the cycle of abuse, not a
repair). After talk of suicide or self-harm, the other person's later apology and its uptake still
repair the episode, which keeps the crisis in its labels and stays major (family report #3: one
"I'm such a burden to you" erased an adult child's whole repair).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from test_round11_episodes import APOLOGY, COMPLAINT, THANKS, THREAT, turn

import mendkit
from mendkit.analysis.episodes import find_episodes

SUICIDE_TALK = ("risk.crisis", "suicide", 0)
SELF_HARM_TALK = ("risk.crisis", "self_harm", 0)
HARM_THREAT = ("risk.crisis", "harm_to_others", 0)
VALIDATION = ("repair.validate", "validation", 0)
ACCEPTANCE = ("reconnect", "acceptance", 0)
APPEASING = ("rupture.withdrawal", "appeasing", 0)


@pytest.mark.parametrize("talk", [SUICIDE_TALK, SELF_HARM_TALK])
def test_after_suicide_or_self_harm_talk_a_later_apology_and_its_uptake_repair(
        talk: tuple[str, str, int]) -> None:
    eps = find_episodes([turn(0, "A", COMPLAINT), turn(1, "B", talk),
                         turn(2, "A", APOLOGY), turn(3, "B", THANKS)])
    assert len(eps) == 1
    ep = eps[0]
    assert (ep.start_turn, ep.status, ep.initiator) == (0, "resolved", "A")
    assert ep.repair_turns == (2,)
    assert ep.reconnect_turns == (3,)
    assert "risk.crisis" in ep.labels  # the crisis is still named
    assert ep.severity == "major"


def test_a_guilt_trip_with_a_burden_line_is_still_repaired_by_the_adult_child() -> None:
    # family c04_guilt: Mum's guilt trip, her "Well I'm sorry I'm such a burden to you" (a crisis
    # sign and appeasing), then Sarah's validation, apology and plan, and Mum's "That would be
    # lovely darling".
    eps = find_episodes([
        turn(0, "Mum"), turn(1, "Sarah"),
        turn(2, "Mum", COMPLAINT), turn(3, "Mum", ("rupture.withdrawal", "giving_up", 0)),
        turn(4, "Sarah", COMPLAINT), turn(5, "Sarah"),
        turn(6, "Mum", SUICIDE_TALK, APPEASING),
        turn(7, "Sarah", VALIDATION), turn(8, "Sarah", APOLOGY),
        turn(9, "Sarah", ("repair.request", "commitment", 0)),
        turn(10, "Mum", ACCEPTANCE), turn(11, "Mum", APOLOGY),
    ])
    assert len(eps) == 1
    ep = eps[0]
    assert ep.status == "resolved"
    assert ep.initiator == "Sarah"
    assert ep.repair_turns[:3] == (7, 8, 9)
    assert 10 in ep.reconnect_turns
    assert "risk.crisis" in ep.labels
    assert ep.severity == "major"


def test_the_crisis_turns_own_apology_is_no_repair() -> None:
    # "I'm sorry, I'm such a burden, everyone would be better off without me" owns nothing.
    eps = find_episodes([turn(0, "A", COMPLAINT), turn(1, "B", SUICIDE_TALK, APOLOGY),
                         turn(2, "A")])
    assert eps[0].repair_turns == ()
    assert eps[0].status == "unresolved"


def test_a_threat_of_harm_by_one_of_the_pair_still_stops_the_repair() -> None:
    # "I'm going to punch him when he gets home", then an apology and giving in.
    eps = find_episodes([turn(0, "A", COMPLAINT), turn(1, "B", HARM_THREAT),
                         turn(2, "B", APOLOGY), turn(3, "A", THANKS)])
    assert [(e.start_turn, e.status, e.severity) for e in eps] == [(0, "unresolved", "major")]
    assert eps[0].repair_turns == ()


def test_abuse_inside_the_episode_still_stops_the_repair() -> None:
    # As round 11 (abuse c1_pushed): the disclosure by one of the pair, then appeasement.
    eps = find_episodes([turn(1, "Rob", COMPLAINT), turn(2, "Dana"),
                         turn(3, "Dana", THREAT), turn(4, "Dana", APOLOGY),
                         turn(5, "Rob", THANKS)])
    assert [(e.status, e.severity) for e in eps] == [("unresolved", "major")]


def test_danger_a_bystander_tells_of_does_not_block_the_pairs_repair() -> None:
    # A group chat: Mo and Sara's quarrel; Jen, who is not in it, writes that her dad hit her.
    # Mo's apology to Sara and Sara's thanks still repair the quarrel (the crisis is still flagged
    # in safety, and named in the episode).
    eps = find_episodes([
        turn(0, "Sara"), turn(1, "Mo", COMPLAINT),
        turn(2, "Jen", THREAT),
        turn(3, "Mo", APOLOGY), turn(4, "Sara", THANKS),
    ])
    assert eps[0].status == "resolved"
    assert eps[0].initiator == "Mo"


def test_the_family_guilt_trip_conversation_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "c04_guilt.txt"
    path.write_text(
        "Mum: Are you coming on Sunday?\n"
        "Sarah: I can't this weekend Mum, I've got the kids' football and work stuff.\n"
        "Mum: Of course. After everything I've done for you, I'm always last on the list.\n"
        "Mum: Don't worry about me. I'll just sit here on my own. I won't be around forever you "
        "know.\n"
        "Sarah: That's not fair Mum.\n"
        "Sarah: I came three weekends in a row last month.\n"
        "Mum: Well I'm sorry I'm such a burden to you.\n"
        "Sarah: You're not a burden. I can hear you're lonely, and that must be really hard with "
        "Dad gone.\n"
        "Sarah: I'm sorry I snapped.\n"
        "Sarah: How about I call you every Wednesday evening and come the Sunday after next?\n"
        "Mum: That would be lovely darling.\n"
        "Mum: I'm sorry too. I do miss you.\n", encoding="utf-8")
    analysis = mendkit.analyze(mendkit.load_conversation(path), mode="rules")
    assert analysis.safety.crisis  # the burden line is still shown with care
    ep = next(e for e in analysis.episodes if e.start_turn <= 6 <= e.end_turn)
    assert "risk.crisis" in ep.labels
    assert ep.repair_turns, "Sarah's validation, apology and plan must count"
    assert ep.initiator == "Sarah"
    assert ep.status == "resolved"
