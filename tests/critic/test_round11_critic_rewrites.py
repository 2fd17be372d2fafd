"""Round eleven of the critic: a suggested rewrite no longer keeps the blame, pressure or
non-apology it should remove (a fresh check of it must not flag the same), and demands for
forgiveness, "you make me feel" and self-flagellation are flagged (the tester's examples)."""

from __future__ import annotations

import pytest

import mendkit


def rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


def kinds(result: mendkit.CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I said sorry, so you have to forgive me now.", "I'm sorry I ..."),
    ("I'm sorry I missed the recital. Now can you please just forgive me so we can move on? "
     "I've apologized three times already.", "I'm sorry I missed the recital."),
    ("lol I'm sorry if you were offended", "I'm sorry I ..."),
    ("I FEEL IGNORED. YOU ALWAYS DO THIS.", "I FEEL LONELY."),
])
def test_a_rewrite_drops_the_demand_and_reads_as_a_sentence(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite


@pytest.mark.parametrize("draft", [
    "I feel unappreciated because you never say thank you.",  # "you never" would stay
    "I feel ignored \U0001f614\nand you make me feel stupid.",  # "you make me feel" would stay
    "Whatever. Do what you want.",  # still a brush-off
    "I'm the worst person ever. I'm a horrible partner and I ruin everything. You should just "
    "leave me, I don't deserve you. I'm so sorry, I'm so sorry, I'm so sorry.",
])
def test_no_rewrite_rather_than_one_that_keeps_the_harm(draft: str) -> None:
    assert rules(draft).rewrite is None


@pytest.mark.parametrize("draft", [
    "I said I'm sorry about reading your messages, so you need to forgive me now and stop "
    "bringing it up.",
    "I'm sorry I missed the recital. Now can you please just forgive me so we can move on?",
    "I'm sorry I forgot your birthday and I feel awful. I promise to make it up to you.",
    "I'm sorry you were upset, but I did nothing wrong.",
    # not "I'm sorry you were embarrassed.", itself the passive non-apology
    "I'm sorry you were embarrassed, but you always overreact when your friends are around.",
])
def test_a_rewrite_passes_a_fresh_check(draft: str) -> None:
    first = rules(draft)
    if first.rewrite is not None:
        again = rules(first.rewrite)
        assert not (kinds(again) & kinds(first) - {"complaint"})
        assert "forgive me" not in first.rewrite.lower()


@pytest.mark.parametrize("draft", [
    "You need to forgive me.",
    "Can you please just forgive me?",
    "I said sorry, so you have to forgive me now.",
    "Just forgive me already.",
])
def test_a_demand_for_forgiveness_is_pressure(draft: str) -> None:
    assert "pressure" in kinds(rules(draft))


@pytest.mark.parametrize("draft", [
    "Can you forgive me?",
    "I hope you can forgive me one day.",
    "You don't have to forgive me.",
    "I don't expect you to forgive me.",
    "She said you need to forgive me.",
])
def test_asking_for_forgiveness_without_pushing_is_not_pressure(draft: str) -> None:
    assert "pressure" not in kinds(rules(draft))


def test_you_make_me_feel_is_a_feeling_that_blames() -> None:
    assert "blaming_feeling" in kinds(rules("You make me feel stupid."))
    assert "blaming_feeling" not in kinds(rules("You make me feel safe."))


def test_self_flagellation_is_too_much_apology() -> None:
    result = rules("I'm the worst person ever. I'm a horrible partner and I ruin everything. You "
                   "should just leave me, I don't deserve you. I'm so sorry.")
    assert "over_apology" in kinds(result)
    # One put-down in an owned apology is not a pile of them.
    assert "over_apology" not in kinds(rules("I was an idiot. I'm sorry I forgot your birthday."))
    assert "over_apology" not in kinds(rules("I'm the worst at dates, I'm sorry I forgot."))
