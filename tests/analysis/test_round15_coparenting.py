"""Round 15 (tester t2, co-parenting after separation): what the rules misread between parents.

A custody threat ("You won't see them again.") is hostility, not danger from abuse: the same
threat reported ("She said I won't see the kids again if I drag her through court") is no crisis
sign, and "See how that works out for you" is no validation. Sarcasm about the other's parenting and
"the kids miss you" used as a weapon are contempt or criticism. A bare "Noted." after a plain
arrangement closes nothing; a firm limit that says where and when the talk goes on is a boundary,
not stonewalling. "I'll tell him. He'll like that." accepts an offer, and "that was my call" owns a
mistake.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation

MODES = ("rules", "full")
CONFRONTATION = "rupture.confrontation"
WITHDRAWAL = "rupture.withdrawal"
CRISIS = "risk.crisis"
VALIDATE = "repair.validate"
REQUEST = "repair.request"


def _check(text: str, *context: str, mode: str = "rules") -> mendkit.CheckResult:
    return mendkit.check(text, mode=mode, context=list(context))


def _subtypes(result: mendkit.CheckResult, label: str) -> set[str | None]:
    return {e.subtype for e in result.evidence if e.label == label}


def _rule_ids(result: mendkit.CheckResult) -> set[str]:
    return {e.source.removeprefix("rule:") for e in result.evidence}


def _conversation(*turns: tuple[str, str], mode: str = "rules") -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns(list(turns), id="coparents"), mode=mode)


# --- 1. Custody threats ------------------------------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Keep this up and you won't see them again.",
    "You won't see them again.",
    "You'll never see the kids again if you take me to court.",
])
def test_a_custody_threat_is_hostility_not_crisis(text: str, mode: str) -> None:
    result = _check(text, mode=mode)
    assert CONFRONTATION in result.labels
    assert _subtypes(result, CONFRONTATION) & {"hostility", "pressure"}
    assert CRISIS not in result.labels


@pytest.mark.parametrize("mode", MODES)
def test_a_solicitor_and_no_more_messages_is_a_rupture(mode: str) -> None:
    result = _check("My solicitor will be in touch about the contact order. Don't message me "
                    "again.", mode=mode)
    assert {CONFRONTATION, WITHDRAWAL} & set(result.labels)


@pytest.mark.parametrize("text", [
    "You won't see them again till Christmas, they're at their gran's.",
    "Once they move to Australia you won't see them again, so say a proper goodbye.",
    "The kids miss you, they loved Saturday",
])
def test_everyday_talk_of_seeing_the_children_is_no_threat(text: str) -> None:
    assert CONFRONTATION not in _check(text).labels


@pytest.mark.parametrize("mode", MODES)
def test_a_reported_custody_threat_is_no_crisis(mode: str) -> None:
    result = _check("She said I won't see the kids again if I drag her through court.", mode=mode)
    assert not [e for e in result.evidence if e.label == CRISIS and e.source.startswith("rule:")]
    if mode == "rules":  # (the model reads crisis talk on its own; no rule may veto it there)
        assert CRISIS not in result.labels


@pytest.mark.parametrize("text", [
    "He said I'll never see the kids again if I leave him.",
    "She threatened that I'd never see them alive again if I went to court.",
])
def test_a_threat_to_keep_someone_in_place_is_still_danger(text: str) -> None:
    result = _check(text)
    assert CRISIS in result.labels
    assert "crisis/abuse-danger-04" in _rule_ids(result)


def test_see_how_that_works_out_is_no_validation() -> None:
    analysis = _conversation(
        ("Nadia", "Maybe if you were a proper father they'd want to come."),
        ("Karim", "I'm not doing this. Follow the order or I'll see you in court."),
        ("Nadia", "Go ahead. See how that works out for you. You won't see them again if you "
                  "drag me through court."),
    )
    turn = analysis.turns[-1]
    assert VALIDATE not in turn.labels
    assert CONFRONTATION in turn.labels
    assert CRISIS not in turn.labels


def test_seeing_how_it_felt_is_still_validation() -> None:
    assert VALIDATE in _check("I can see how that would hurt.").labels


# --- 2. Sarcasm about parenting, and "the kids miss you" as a weapon -------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "before"), [
    ("The kids miss you. Funny how you only remember that when your girlfriend's away.", ()),
    ("The kids miss you, but I guess your new family comes first now.", ()),
    ("Oh well done, you remembered their lunch. Shall I get you a medal?", ()),
    ("Wow a whole £19. Father of the year.", ()),
    ("Sure, because your house is a screen-free Montessori paradise.",
     ("Also can you not let them have screens till midnight. Mia was wrecked on Monday.",)),
    ("Booked before asking. Great.",
     ("Summer dates: I'd like the girls 26 July to 9 August for Portugal. Flights are booked.",)),
    ("What's not fair is Finn crying himself to sleep because his dad can't pick up a phone.",
     ("That's not fair and you know it.",)),
    ("Scared? You're the one who wrecked this family.",
     ("Please stop. You're scaring me and the kids saw you shouting last week.",)),
])
def test_sarcasm_and_blame_about_parenting_are_confrontation(
        text: str, before: tuple[str, ...], mode: str) -> None:
    result = _check(text, *before, mode=mode)
    assert CONFRONTATION in result.labels
    assert _subtypes(result, CONFRONTATION) & {"contempt", "criticism"}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "The kids miss you, they loved Saturday",
    "Happy Father's Day to the father of the year! We love you ❤️",
    "Sure, because the weather was bad we swapped weekends.",
    "Funny how Maisie eats broccoli now, she used to hate it.",
])
def test_warm_words_about_the_children_stay_clean(text: str, mode: str) -> None:
    assert CONFRONTATION not in _check(text, mode=mode).labels


# --- 3. "Noted." after a plain arrangement -----------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("before", [
    "I'll collect at 10am Saturday as per the order.",
    "Reminder: Aisha's dental appointment Tuesday 15 April 16:20. I will take her.",
    "OK. I will find cover for 3 May.",
])
def test_noted_after_an_arrangement_is_no_withdrawal(before: str, mode: str) -> None:
    assert WITHDRAWAL not in _check("Noted.", before, mode=mode).labels


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("before", [
    "And please double-check the totals this time.",
    "You were 40 minutes late on Saturday again. The kids waited in the car park.",
    "I've been really hurt by how you spoke to me yesterday.",
])
def test_noted_after_a_complaint_or_a_bid_is_still_withdrawal(before: str, mode: str) -> None:
    assert WITHDRAWAL in _check("Noted.", before, mode=mode).labels


@pytest.mark.parametrize("mode", MODES)
def test_noted_in_the_court_ordered_app_thread_opens_no_episode(mode: str) -> None:
    analysis = _conversation(
        ("Priya", "Per the schedule, exchange on Saturday 12 April at 10:00 at the Tesco car "
                  "park, Harlow."),
        ("Mark", "Confirmed. 10:00 Saturday."),
        ("Priya", "Reminder: Aisha's dental appointment Tuesday 15 April 16:20. I will take her."),
        ("Mark", "Noted."),
        ("Priya", "Please confirm whether you will attend the parents' evening on 24 April at "
                  "18:30."),
        ("Mark", "I will attend. 18:30 works."),
        mode=mode,
    )
    assert WITHDRAWAL not in analysis.turns[3].labels
    assert not analysis.episodes


# --- 4. A firm, civil boundary that says where and when --------------------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_a_boundary_that_names_where_and_when_is_no_withdrawal(mode: str) -> None:
    result = _check("I won't discuss this over text any more. I'm happy to talk about logistics "
                    "here, and anything else with the mediator on the 3rd.", mode=mode)
    assert REQUEST in result.labels
    assert "boundary" in _subtypes(result, REQUEST)
    assert WITHDRAWAL not in result.labels
    assert not [i for i in result.issues if i.kind == "withdrawal"]


@pytest.mark.parametrize("mode", MODES)
def test_a_bare_refusal_to_discuss_is_still_withdrawal(mode: str) -> None:
    assert WITHDRAWAL in _check("I won't discuss this.", mode=mode).labels


# --- 5. Acceptance of an offer; owning a call ---------------------------------------------------

@pytest.mark.parametrize("mode", MODES)
def test_passing_on_an_offer_gladly_is_acceptance(mode: str) -> None:
    result = _check("I'll tell him. He'll like that.",
                    "Can you tell him I'll call tonight at 7 and we'll do the dinosaur quiz?",
                    mode=mode)
    assert "reconnect" in result.labels
    assert "commitment" not in _subtypes(result, REQUEST)


def test_i_will_tell_him_alone_is_no_acceptance() -> None:
    assert "reconnect" not in _check("I'll tell him.", "Where's Finn's coat?").labels


@pytest.mark.parametrize("mode", MODES)
def test_that_was_my_call_owns_the_mistake_and_commits(mode: str) -> None:
    result = _check("Look, fair point about Monday. She was up too late, that was my call. Lights "
                    "out at 9.30 on school nights at mine from now on.",
                    "Also can you not let them have screens till midnight. Mia was wrecked on "
                    "Monday.", mode=mode)
    assert "repair.responsibility" in result.labels
    assert REQUEST in result.labels
    if mode == "rules":  # (in full mode the request may be the model's own, with no subtype)
        assert "commitment" in _subtypes(result, REQUEST)


@pytest.mark.parametrize("text", [
    "Which film? That was my call, so I'll pick again next week.",
    "Your call or my call, I don't mind who rings first.",
])
def test_a_call_that_was_no_mistake_is_no_ownership(text: str) -> None:
    assert "repair.responsibility" not in _check(text).labels
