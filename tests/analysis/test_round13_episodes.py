"""Round 13: the person who moved against the other must repair before the episode is resolved,
and a person's distress right after their own crisis talk is no repair.

An invalidation of the other's raised concern ("Relax, it was just a joke, you're way too
sensitive") or contempt or hostility in answer to the other's repair or concern ("You're
pathetic" after an apology) makes its speaker the one who must repair: the hurt person's giving
in ("Sorry. Forget it, I'm being silly.") and that speaker's "Good, glad we sorted that out. Love
you." or "I forgive you" is no resolution (abuse report #3, c1b and c4b). Ordinary repairs stay
resolved: a complaint answered with an apology, a rejected apology followed by a plan, both
apologising.
"""

from __future__ import annotations

from pathlib import Path

from test_round11_episodes import APOLOGY, COMPLAINT, THANKS, THREAT, turn
from test_round12_episodes import ACCEPTANCE, SUICIDE_TALK, VALIDATION

import mendkit
from mendkit.analysis.episodes import find_episodes

FEELING = ("repair.feeling", "feeling", 0)
VULNERABILITY = ("repair.feeling", "vulnerability", 0)
MINIMIZING = ("rupture.invalidation", "minimizing", 0)
NON_APOLOGY = ("rupture.invalidation", "non_apology", 0)
DEFENSIVENESS = ("rupture.invalidation", "defensiveness", 0)
CONTEMPT = ("rupture.confrontation", "contempt", 0)
HOSTILITY = ("rupture.confrontation", "hostility", 0)
CRITICISM = ("rupture.confrontation", "criticism", 0)
GIVING_IN = ("rupture.withdrawal", "minimal_response", 40)
APPEASING = ("rupture.withdrawal", "appeasing", 40)
WARMTH = ("reconnect", "warmth", 0)
COMMITMENT = ("repair.request", "commitment", 0)
REQUEST = ("repair.request", "request", 0)


def test_giving_in_after_a_dismissed_concern_is_not_resolved() -> None:
    # Nadia: "It really stung when you laughed at my cooking." Leo: "Relax, it was just a joke.
    # You're way too sensitive." Nadia: "Sorry. Forget it, I'm being silly." Leo: "Good, glad we
    # sorted that out. Love you."
    eps = find_episodes([turn(0, "Nadia", FEELING, COMPLAINT), turn(1, "Leo", MINIMIZING),
                         turn(2, "Nadia", APOLOGY, GIVING_IN), turn(3, "Leo", WARMTH, THANKS)])
    assert len(eps) == 1
    ep = eps[0]
    assert ep.status != "resolved"
    assert not ep.taken_up
    assert 3 not in ep.reconnect_turns


def test_a_concern_met_with_a_non_apology_then_dropped_is_not_resolved() -> None:
    # The concern is raised before any rupture: the episode opens at the non-apology.
    eps = find_episodes([turn(0, "Ife", FEELING), turn(1, "Kai", NON_APOLOGY),
                         turn(2, "Ife", FEELING), turn(3, "Kai", MINIMIZING),
                         turn(4, "Ife", APOLOGY), turn(5, "Kai", ACCEPTANCE, WARMTH)])
    assert [e.status for e in eps] == ["attempted"]
    assert eps[0].reconnect_turns == ()


def test_apologies_met_with_contempt_then_appeasing_and_forgiven_are_not_resolved() -> None:
    # Jordan: "Where the hell were you?" Casey: "I'm sorry, that's on me." Jordan: "You're
    # pathetic." Casey: "You're right, I'm sorry, I'm useless." Jordan: "I forgive you. Love you."
    eps = find_episodes([turn(0, "Jordan", HOSTILITY), turn(1, "Casey", APOLOGY),
                         turn(2, "Jordan", CONTEMPT), turn(3, "Casey", APOLOGY, APPEASING),
                         turn(4, "Jordan", ACCEPTANCE, WARMTH)])
    assert len(eps) == 1
    assert eps[0].status == "attempted"
    assert not eps[0].taken_up


def test_sarcasm_at_a_first_apology_then_a_real_repair_is_still_resolved() -> None:
    # Kavya: "The November trip. The one you promised her." Callum: "Oh no, I completely forgot."
    # Kavya: "Of course you did." Callum: "That's fair. I'll move the site visit." Kavya: "Deal.
    # Thank you." The hurt person's sarcasm at a first apology is no attack on a victim: Callum
    # did not give in, he repaired.
    eps = find_episodes([turn(0, "Kavya", COMPLAINT), turn(1, "Callum", APOLOGY),
                         turn(2, "Kavya", CONTEMPT), turn(3, "Callum", VALIDATION, COMMITMENT),
                         turn(4, "Kavya", ACCEPTANCE, THANKS)])
    assert [(e.status, e.initiator) for e in eps] == [("resolved", "Callum")]


def test_once_the_one_who_dismissed_owns_it_the_episode_is_resolved() -> None:
    # Leo: "You're right, I'm sorry I laughed at you, that was unkind." Nadia: "Thank you."
    eps = find_episodes([turn(0, "Nadia", FEELING, COMPLAINT), turn(1, "Leo", MINIMIZING),
                         turn(2, "Nadia", FEELING), turn(3, "Leo", VALIDATION, APOLOGY),
                         turn(4, "Nadia", THANKS)])
    assert [(e.status, e.reconnect_turns) for e in eps] == [("resolved", (4,))]


def test_both_apologising_after_a_dismissal_is_resolved() -> None:
    # Leo owns the dismissal, Nadia apologises too, and Leo's "love you" takes hers up.
    eps = find_episodes([turn(0, "Nadia", FEELING, COMPLAINT), turn(1, "Leo", MINIMIZING),
                         turn(2, "Leo", APOLOGY), turn(3, "Nadia", APOLOGY),
                         turn(4, "Leo", WARMTH)])
    assert [e.status for e in eps] == ["resolved"]
    assert eps[0].initiator == "Leo"


def test_a_complaint_answered_with_an_apology_is_still_resolved() -> None:
    eps = find_episodes([turn(0, "Ola", COMPLAINT), turn(1, "Ben", APOLOGY),
                         turn(2, "Ola", THANKS)])
    assert [(e.status, e.initiator) for e in eps] == [("resolved", "Ben")]


def test_a_rejected_apology_then_a_plan_and_thanks_is_still_resolved() -> None:
    # Ola: "You forgot my birthday again." Ben: "I'm so sorry." Ola: "Sorry isn't enough, you
    # say that every year." Ben: "You're right, I'll take you to dinner on Saturday." Ola: "Okay.
    # Thank you." Criticism of a repair is no contempt: Ben caused the hurt and repaired it.
    eps = find_episodes([turn(0, "Ola", COMPLAINT), turn(1, "Ben", APOLOGY),
                         turn(2, "Ola", CRITICISM), turn(3, "Ben", VALIDATION, COMMITMENT),
                         turn(4, "Ola", ACCEPTANCE)])
    assert [(e.status, e.initiator) for e in eps] == [("resolved", "Ben")]


def test_a_defensive_correction_then_an_apology_and_thanks_is_still_resolved() -> None:
    # "You never do the dishes." "That's not true, I did them last night." "Oh, you did, sorry."
    # "Thanks, love you." A defence of what one did is not a dismissal of the other's feeling.
    eps = find_episodes([turn(0, "Ana", COMPLAINT), turn(1, "Raf", DEFENSIVENESS),
                         turn(2, "Ana", APOLOGY), turn(3, "Raf", THANKS, WARMTH)])
    assert [e.status for e in eps] == ["resolved"]


def test_contempt_that_opens_the_episode_can_still_be_repaired_by_the_other() -> None:
    # Hostility about a real lapse, owned and accepted: contempt in answer to no repair or
    # concern does not by itself make the complainer owe a repair.
    eps = find_episodes([turn(0, "Jordan", HOSTILITY), turn(1, "Casey", APOLOGY),
                         turn(2, "Jordan", THANKS)])
    assert [e.status for e in eps] == ["resolved"]


def test_danger_after_the_hurt_persons_apology_is_never_resolved() -> None:
    # "I threw your phone because you made me so mad." after the apology, then "I forgive you".
    eps = find_episodes([turn(0, "Alex", HOSTILITY), turn(1, "Sam", APOLOGY),
                         turn(2, "Alex", THREAT), turn(3, "Sam", APOLOGY),
                         turn(4, "Alex", ACCEPTANCE, WARMTH)])
    assert len(eps) == 1
    assert eps[0].status != "resolved"
    assert 3 not in eps[0].repair_turns


def test_distress_right_after_ones_own_suicide_talk_is_no_repair() -> None:
    # Ravi: "don't be boring, it's one drink" Sam: "honestly I just want to die" Ravi: "wait
    # what? are you serious" Sam: "yeah. I feel so scared" Ravi: "I'm coming over now, please
    # stay on the line with me".
    eps = find_episodes([turn(0, "Sam"), turn(1, "Ravi", MINIMIZING),
                         turn(2, "Sam", SUICIDE_TALK), turn(3, "Ravi"),
                         turn(4, "Sam", VULNERABILITY), turn(5, "Sam", FEELING),
                         turn(6, "Ravi", COMMITMENT, REQUEST)])
    assert len(eps) == 1
    ep = eps[0]
    assert 4 not in ep.repair_turns
    assert 5 not in ep.repair_turns
    assert ep.initiator == "Ravi"


def test_a_feeling_after_someone_elses_crisis_talk_still_counts() -> None:
    # The friend's "I'm scared for you" after Sam's suicide talk is their own repair attempt.
    eps = find_episodes([turn(0, "Sam"), turn(1, "Ravi", MINIMIZING),
                         turn(2, "Sam", SUICIDE_TALK), turn(3, "Ravi", FEELING)])
    assert eps[0].repair_turns == (3,)
    assert eps[0].initiator == "Ravi"


def test_ones_own_apology_after_ones_crisis_talk_still_counts() -> None:
    # Only a disclosed feeling is read as the crisis going on: an apology is a repair.
    eps = find_episodes([turn(0, "Sam"), turn(1, "Ravi", MINIMIZING),
                         turn(2, "Sam", SUICIDE_TALK), turn(3, "Ravi"),
                         turn(4, "Sam", APOLOGY)])
    assert eps[0].repair_turns == (4,)


def test_the_dismissed_cooking_conversation_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "cooking.txt"
    path.write_text(
        "Nadia: It really stung when you laughed at my cooking in front of your parents.\n"
        "Leo: Relax, it was just a joke. You're way too sensitive.\n"
        "Nadia: Sorry. Forget it, I'm being silly.\n"
        "Leo: Good, glad we sorted that out. Love you.\n", encoding="utf-8")
    for mode in ("rules", "full"):
        analysis = mendkit.analyze(mendkit.load_conversation(path), mode=mode)
        assert analysis.episodes, mode
        assert all(e.status != "resolved" for e in analysis.episodes), mode


def test_the_owned_cooking_conversation_end_to_end(tmp_path: Path) -> None:
    path = tmp_path / "cooking_owned.txt"
    path.write_text(
        "Nadia: It really stung when you laughed at my cooking in front of your parents.\n"
        "Leo: Relax, it was just a joke. You're way too sensitive.\n"
        "Nadia: It didn't feel like a joke. I felt embarrassed.\n"
        "Leo: You're right, I'm sorry I laughed at you, that was unkind.\n"
        "Nadia: Thank you, I appreciate that.\n", encoding="utf-8")
    for mode in ("rules", "full"):
        analysis = mendkit.analyze(mendkit.load_conversation(path), mode=mode)
        assert [e.status for e in analysis.episodes] == ["resolved"], mode
