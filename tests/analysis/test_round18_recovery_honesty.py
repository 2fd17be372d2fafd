"""Round 18 (tester t4, addiction and recovery): a partner's plea for the truth after a suspected
lie is no confrontation, though a demand that calls the other a liar still is; the minimising in a
denial is marked on the minimising words; a politeness "sorry for dumping this on you" is no
apology; "I'm not angry. I'm frightened for you." is an honest disclosure, not a denial."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.coach.driver import _show_markers
from mendkit.model import Conversation

MODES = ("rules", "full")


def _labels(turns: list[tuple[str, str]], mode: str) -> tuple[str, ...]:
    analysis = mendkit.analyze(Conversation.from_turns(turns), mode=mode)
    return tuple(analysis.turns[-1].labels)


GAMBLING = [
    ("Priya", "A letter came from a collections agency. $18,000, Raj. In your name."),
    ("Raj", "It's not a big deal, I've got it handled."),
    ("Priya", "Eighteen thousand dollars is not handled. We were saving that for the house."),
    ("Raj", "You always blow things out of proportion."),
]


# In full mode the shipped model still reads "Were you gambling? Just tell me the truth." after
# this exchange as confrontation on its own (no rule matched); that part is the model's, not the
# rules', so full mode is held here to the other two.
@pytest.mark.parametrize(("plea", "modes"), [
    ("Have you been drinking? Please just tell me.", MODES),
    ("Were you gambling? Just tell me the truth.", ("rules",)),
    ("Please, just tell me the truth.", MODES),
])
def test_a_plea_for_the_truth_is_no_confrontation(plea: str, modes: tuple[str, ...]) -> None:
    for mode in modes:
        assert "rupture.confrontation" not in _labels([*GAMBLING, ("Priya", plea)], mode), mode
    analysis = mendkit.analyze(Conversation.from_turns([*GAMBLING, ("Priya", plea)]), mode="full")
    assert not [e for e in analysis.turns[-1].evidence if e.source.startswith("rule:")
                and e.label == "rupture.confrontation"]


@pytest.mark.parametrize("demand", [
    "Just tell me the truth for once, liar.",
    "Were you drinking? Just tell me the truth for once, you liar.",
    "Just answer me.",
])
def test_a_demand_for_the_truth_stays_confrontation(demand: str) -> None:
    assert "rupture.confrontation" in _labels([("Sam", demand)], "rules")


DENIAL = "No. God, I told you I'm fine. It was one drink at Dave's thing months ago, relax."


def test_the_minimising_span_covers_the_minimising_words() -> None:
    result = mendkit.check(DENIAL, mode="rules")
    spans = [DENIAL[e.start:e.end] for e in result.evidence if e.subtype == "minimizing"]
    assert any("one drink" in s and s.endswith("relax") for s in spans), spans


class _Notes:
    def __init__(self) -> None:
        self.said: list[str] = []

    def say(self, text: str) -> None:
        self.said.append(text)


def test_the_coach_quotes_the_minimising_and_not_the_plea() -> None:
    notes = _Notes()
    _show_markers(f"Sam: Have you been drinking? Please just tell me.\nMe: {DENIAL}",
                  notes)  # type: ignore[arg-type]
    landed = [s for s in notes.said if "may have landed" in s]
    assert not any("(Sam)" in s for s in landed), landed
    assert any("one drink" in s and "relax" in s and "(Me)" in s for s in landed), landed


CRISIS = [
    ("Alex", "He's been drinking since noon and he just put his fist through the bathroom door."),
    ("Jo", "Are you somewhere safe? Where are you right now?"),
    ("Alex", "Locked in the car. When he's drunk like this I'm scared he'll actually hurt me."),
    ("Jo", "I'm coming to get you. Can you drive to the gas station on Elm?"),
]


@pytest.mark.parametrize("mode", MODES)
def test_a_politeness_sorry_is_no_responsibility(mode: str) -> None:
    assert "repair.responsibility" not in _labels(
        [*CRISIS, ("Alex", "ok. sorry for dumping this on you")], mode)


@pytest.mark.parametrize("apology", [
    "I'm sorry for dumping my bad mood on you last night.",
    "sorry for snapping at you earlier",
])
def test_a_real_apology_still_counts(apology: str) -> None:
    assert "repair.responsibility" in _labels([("Jo", "You were awful to me."), ("Alex", apology)],
                                              "rules")


PARENT = [
    ("Linda", "Kyle, you didn't come home last night. I called you eleven times."),
    ("Kyle", "I was at Jay's. Stop tracking me."),
]


@pytest.mark.parametrize("mode", MODES)
def test_not_angry_but_frightened_is_no_denial(mode: str) -> None:
    text = ("I know you're using again. Your eyes, the spoons in your room. "
            "I'm not angry. I'm frightened for you.")
    labels = _labels([*PARENT, ("Linda", text)], mode)
    assert "rupture.withdrawal" not in labels
    assert "repair.feeling" in labels


def test_a_real_denial_stays_withdrawal() -> None:
    tense = [("Sam", "You've been quiet all night and you haven't touched your food. "
                     "You always do this.")]
    assert "rupture.withdrawal" in _labels([*tense, ("Kyle", "I'm not angry. Whatever.")], "rules")
    assert "rupture.withdrawal" in _labels([*tense, ("Kyle", "I'm not angry. I'm fine.")], "rules")
