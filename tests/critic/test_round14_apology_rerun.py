"""Round fourteen, after the re-run on apologies that are not repair: a "you never call me"
complaint is no limit; the rewrite's gap ("I'm sorry I ...") never counts as ownership, is said
to be a gap, and keeps none of the blame around it; a denial of one's own fault ("Nothing about
this is MY fault") is defensiveness, not an admission; "I'm not going anywhere" is a reassurance,
not a farewell; and blame or a demand for forgiveness is no request, while a brief apology for a
past act ("Sorry I ate your leftovers") owns it."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_turn
from mendkit.critic import LIMIT_NOTE, MISSING_NOTE

MODES = ("rules", "full")


def check(text: str, mode: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode=mode)  # type: ignore[arg-type]


def kinds(result: mendkit.CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


def rule_labels(text: str) -> set[str]:
    return set(analyze_turn(0, "me", text).labels)


SINCERE = "I'm sorry I forgot to call. I should have rung you back."


# 1. "You never call me" is a complaint, not a limit: its issues show, and no request is made of it.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I'm sorry I forgot to call, but you never call me either.",
    "You never call me on my birthday, not once in five years, you selfish cow.",
    "Why do you never visit me anymore?",
    "You never text me back.",
])
def test_you_never_is_no_limit(text: str, mode: str) -> None:
    result = check(text, mode)
    assert LIMIT_NOTE not in result.notes
    assert not result.components["request"]
    assert "always_never" in kinds(result)


@pytest.mark.parametrize("mode", MODES)
def test_sorry_but_you_never_scores_below_a_sincere_apology(mode: str) -> None:
    result = check("I'm sorry I forgot to call, but you never call me either.", mode)
    assert "sorry_but" in kinds(result)
    assert result.repair_quality < check(SINCERE, mode).repair_quality


@pytest.mark.parametrize("text", [
    "Please never contact me again.",
    "Never text me again.",
    "Don't ever call me again.",
    "And don't ever text me again.",
    "You don't talk to me like that.",
])
def test_real_limits_stay_limits(text: str) -> None:
    assert LIMIT_NOTE in check(text, "rules").notes


# 2. The gap: never ownership, said to be a gap, and the rewrite keeps none of the blame around it.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "I'm sorry I ... so don't act like I'm the monster.",
    "I'm sorry I ... That should be the end of it, so stop bringing it up.",
    "I'm sorry I ...",
    "I'm sorry I \u2026 I'm just honest.",
])
def test_the_gap_is_no_ownership(text: str, mode: str) -> None:
    result = check(text, mode)
    assert not result.components["ownership"]
    missing = [n for n in result.notes if n.startswith(MISSING_NOTE)]
    assert missing and "ownership" in missing[0]
    assert any("gap" in n and "your own words" in n for n in result.notes)
    assert result.repair_quality < check(SINCERE, mode).repair_quality


def test_a_filled_in_gap_owns_the_act() -> None:
    result = check("I'm sorry I called you selfish.", "rules")
    assert result.components["ownership"]
    assert not any("gap" in n for n in result.notes)


# (draft, words no rewrite may keep)
AROUND_THE_GAP = [
    ("Sorry, okay? You're the one who screams at me every week, so don't act like I'm the "
     "monster.", "monster"),
    ("I apologised at dinner. That should be the end of it, so stop bringing it up.",
     "end of it"),
    ("Honestly you're the one gaslighting me. I said sorry already, what else do you want?",
     "gaslighting"),
    ("You wound me up first, but fine, I'm sorry.", "wound me up"),
    ("If you were hurt by it, well, sorry I guess.", "hurt by it"),
    ("I'm sorry if that sounded cruel, I'm just honest.", "just honest"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kept"), AROUND_THE_GAP)
def test_a_gap_rewrite_keeps_no_blame(text: str, kept: str, mode: str) -> None:
    result = check(text, mode)
    if result.rewrite is None:
        return  # advice alone is fine
    assert kept not in result.rewrite.lower()
    if "..." in result.rewrite:
        assert any("rewrite leaves a gap" in n for n in result.notes)
        again = check(result.rewrite, mode)
        assert not again.components["ownership"]


def test_a_gap_rewrite_keeps_the_repair_beside_it() -> None:
    result = check("I'm sorry you got upset. Can we talk tonight?", "rules")
    assert result.rewrite is not None and "Can we talk tonight?" in result.rewrite


# 3. Denying one's own fault is defensiveness; "Nothing about this is your fault" owns it.

@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Nothing about this is MY fault. You did this.",
    "None of this is my fault. You're the one who lied.",
    "Nothing about this is my fault. You pushed me to it.",
])
def test_denying_ones_fault_is_no_admission(text: str, mode: str) -> None:
    result = check(text, mode)
    assert not result.components["ownership"]
    assert "defensiveness" in kinds(result)
    assert "repair.responsibility" not in rule_labels(text)
    assert result.rewrite != "None of this is my fault."


@pytest.mark.parametrize("mode", MODES)
def test_nothing_is_your_fault_still_owns_it(mode: str) -> None:
    result = check("Nothing about this is your fault. I'm the one who broke the promise.", mode)
    assert result.components["ownership"]
    assert not result.issues


# 4. "I'm not going anywhere" is a reassurance; farewells and cover stories stay crisis.

@pytest.mark.parametrize("text", [
    "I'm sorry. But I also want to say I love you, and I'm not going anywhere.",
    "I'm not going anywhere.",
    "I am not leaving you.",
])
def test_reassurance_is_no_crisis(text: str) -> None:
    assert not check(text, "rules").risk.crisis


@pytest.mark.parametrize("text", [
    "I won't be around much longer.",
    "Told everyone at work I'm going travelling next month. I'm not going anywhere.",
    "Left my dog with my ex and told her I'm travelling. I'm not travelling.",
])
def test_farewells_stay_crisis(text: str) -> None:
    assert check(text, "rules").risk.crisis


# 5. Blame and demands are no request; pressure is named; a brief apology for an act owns it.

@pytest.mark.parametrize("mode", MODES)
def test_lets_not_pretend_is_blame_not_a_request(mode: str) -> None:
    text = "I'm sorry I yelled. But let's not pretend you're innocent here."
    result = check(text, mode)
    assert not result.components["request"]
    assert result.issues
    assert result.repair_quality < check("I'm sorry I yelled. I was wrong to.", mode).repair_quality


@pytest.mark.parametrize("mode", MODES)
def test_forgive_me_before_friday_is_pressure_not_a_request(mode: str) -> None:
    text = "I need you to forgive me before your parents visit on Friday."
    result = check(text, mode)
    assert "pressure" in kinds(result)
    assert "repair.request" not in result.labels
    assert "repair.request" not in rule_labels(text)


@pytest.mark.parametrize("mode", MODES)
def test_when_will_you_let_it_go_is_pressure(mode: str) -> None:
    text = "I admitted it, okay. It's been two months. When are you going to let it go?"
    assert "pressure" in kinds(check(text, mode))
    assert "rupture.confrontation" in rule_labels(text)


@pytest.mark.parametrize("text", [
    "Sorry I ate your leftovers.",
    "Sorry I missed your call.",
    "soz i borrowed ur charger without asking",
])
def test_brief_apology_for_an_act_owns_it(text: str) -> None:
    assert "repair.responsibility" in rule_labels(text)
    assert check(text, "rules").components["ownership"]


@pytest.mark.parametrize("text", ["Sorry I asked.", "Sorry I bothered you."])
def test_brush_offs_are_no_ownership(text: str) -> None:
    assert "repair.responsibility" not in rule_labels(text)
