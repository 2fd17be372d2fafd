"""Round fifteen (tester t8): sarcasm a rewrite kept, sincere ownership read as blame, guilt in
polite words explained as a demand, therapy words missed, a warm acceptance read as pulling away,
time-outs with a return, and the "I'm sorry I ..." gap in a rewrite.
"""

from __future__ import annotations

import pytest

from mendkit.critic import critique
from mendkit.model import CheckResult

MODES = ("rules", "full")
RUPTURES = ("rupture.confrontation", "rupture.withdrawal", "rupture.invalidation")


def check(text: str, mode: str, context: tuple[str, ...] = ()) -> CheckResult:
    return critique(text, mode=mode, context=context)  # type: ignore[arg-type]


def ruptures(result: CheckResult) -> set[str]:
    return {label for label in result.labels if label in RUPTURES}


# Problem 4: sarcasm is flagged on its words, and no rewrite keeps it.
SARCASM = [
    ("Thanks for the 'help' with the school run, really appreciated 🙄", ["'help'", "appreciated"]),
    ("Great job as always, 'Dad'. Her dentist appointment is 11:15 on Thursday 6th; try not to "
     "forget this one.", ["Great job", "'Dad'", "try not to forget"]),
    ("Mother of the year strikes again 👏", ["Mother of the year"]),
    ("Father of the year, forgetting her recital again.", ["Father of the year"]),
    ("Good luck explaining to Mia why Daddy couldn't be bothered to show up.",
     ["Good luck explaining", "couldn't be bothered"]),
    ("Wow, so you can make it to the pub but not to parents' evening. Priorities.",
     ["pub but not", "Priorities"]),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "banned"), SARCASM)
def test_sarcasm_is_contempt_and_no_rewrite_keeps_it(text: str, banned: list[str],
                                                      mode: str) -> None:
    result = check(text, mode)
    assert "rupture.confrontation" in result.labels
    contempt = [i for i in result.issues if i.kind == "contempt"]
    assert contempt
    # The issue is on the words, not on an emoji alone.
    assert any(any(ch.isalpha() for ch in text[i.start:i.end]) for i in contempt)
    if result.rewrite is not None:
        assert not any(b.lower() in result.rewrite.lower() for b in banned)


@pytest.mark.parametrize("mode", MODES)
def test_the_appointment_beside_a_dig_survives_the_rewrite(mode: str) -> None:
    result = check(SARCASM[1][0], mode)
    assert result.rewrite is not None
    assert "11:15" in result.rewrite and "Thursday 6th" in result.rewrite
    assert "Dad" not in result.rewrite and "forget" not in result.rewrite


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Thanks for the help with the school run, really appreciated!",
    "Mia wrote 'Dad' on the card herself, she was so proud.",
    "I couldn't be bothered to cook, so we had pizza. Sorry!",
    "Good luck with the interview tomorrow!",
])
def test_sincere_thanks_and_plain_words_are_no_sarcasm(text: str, mode: str) -> None:
    result = check(text, mode)
    assert not any(i.kind == "contempt" for i in result.issues)


# Problem 5: sincere ownership is read as ownership, with no rupture and no issue.
OWNING = [
    "I behaved badly at the party. No excuses.",
    "Please accept my apologies for my tone in this morning's call; it was unprofessional and I "
    "regret it.",
    "I noticed I got really defensive when you brought up money. That's my stuff, not yours. Can "
    "we try again after dinner?",
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", OWNING)
def test_sincere_ownership_is_not_read_as_blame(text: str, mode: str) -> None:
    result = check(text, mode)
    assert "repair.responsibility" in result.labels
    assert result.components["ownership"]
    assert not ruptures(result)
    assert not result.issues


@pytest.mark.parametrize("mode", MODES)
def test_asking_to_try_again_is_a_request(mode: str) -> None:
    result = check(OWNING[2], mode)
    assert result.components["request"]
    assert not any("request" in n for n in result.notes if n.startswith("Not there yet"))


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "No excuses this time, the bins go out tonight.",
    "He behaved badly at the party. No excuses.",
])
def test_no_excuses_said_to_the_other_stays_pressure(text: str, mode: str) -> None:
    result = check(text, mode)
    assert "rupture.confrontation" in result.labels


# Problem 7: guilt in polite words is explained as a hurt left unsaid, and no rewrite keeps the dig.
GUILT = [
    ("It's fine. I'm used to it by now.", ("I forgot to call you back again, sorry.",)),
    ("Don't trouble yourself on my account.",
     ("Sorry, I can't make your thing on Sunday after all.",)),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "context"), GUILT)
def test_polite_guilt_names_the_unsaid_hurt(text: str, context: tuple[str, ...],
                                            mode: str) -> None:
    result = check(text, mode, context)
    guilt = [i for i in result.issues if i.kind == "pressure"]
    assert guilt
    assert all("demand" not in i.message for i in guilt)
    assert "hurt" in guilt[0].message and "plainly" in guilt[0].suggestion
    if result.rewrite is not None:
        assert "used to it" not in result.rewrite


# Problem 8 (rules mode): therapy words used to control.
@pytest.mark.parametrize("text", [
    "I'm holding space for you, but honestly this is a trauma response and you need to look at "
    "that.",
    "I'm not going to let your toxicity into my peace. Text me when you've healed.",
    "Honestly I'm the victim in all this. You made me shout by pushing and pushing.",
])
def test_therapy_words_that_control_are_caught_by_the_rules(text: str) -> None:
    result = check(text, "rules")
    assert ruptures(result)
    assert result.issues
    assert not any(label.startswith("repair.") for label in result.labels)


def test_you_made_me_shout_is_no_feeling_in_full_mode() -> None:
    result = check("Honestly I'm the victim in all this. You made me shout by pushing and pushing.",
                   "full")
    assert "repair.feeling" not in result.labels
    assert ruptures(result)


@pytest.mark.parametrize("mode", MODES)
def test_a_diagnosis_leaves_no_validation_beside_it(mode: str) -> None:
    result = check("That's your anxious attachment talking. I didn't do anything wrong.", mode)
    assert "rupture.invalidation" in result.labels
    assert "repair.validate" not in result.labels


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I froze, and I think it was a trauma response of mine. I'm sorry.",
    "You made me laugh so hard today.",
    "Text me when you've got home safe.",
])
def test_therapy_words_said_of_oneself_or_kindly_are_left_alone(text: str, mode: str) -> None:
    assert not ruptures(check(text, mode))


# Problem 10 (rules mode): a warm acceptance after an apology.
@pytest.mark.parametrize("mode", MODES)
def test_a_warm_acceptance_is_reconnection(mode: str) -> None:
    result = check("All good, we're fine. Love you.", mode,
                   ("I'm sorry about this morning. I was out of line.",))
    assert "reconnect" in result.labels
    assert not ruptures(result)
    assert not result.issues


# Problem 12 (rules mode): limits and time-outs with a return are requests.
@pytest.mark.parametrize("text", [
    "I won't discuss this while we're shouting. I'm going to take a break and I'll come back at 8 "
    "so we can talk properly.",
    "I'm getting heated and I don't want to say something I regret. Give me 20 minutes and I'll "
    "come and find you.",
    "I'm asking you not to contact me for now. I'll reach out when I'm ready.",
])
def test_a_limit_or_time_out_with_a_return_is_a_request(text: str) -> None:
    result = check(text, "rules")
    assert "repair.request" in result.labels
    assert not ruptures(result)
    assert not result.issues


def test_a_break_with_no_return_is_no_request() -> None:
    assert "repair.request" not in check("I'm going to take a break.", "rules").labels


# Problem 11: the gap, and no grudging "still".
@pytest.mark.parametrize("mode", MODES)
def test_a_gapped_rewrite_says_so_and_drops_the_grudging_still(mode: str) -> None:
    result = check("Sorry you feel that way. I'll still pick the kids up at 3:45 on Tuesday.", mode)
    assert result.rewrite is not None
    assert "I'm sorry I ..." in result.rewrite
    assert "3:45 on Tuesday" in result.rewrite
    assert "still" not in result.rewrite
    assert any("gap" in n and "your own words" in n for n in result.notes)
