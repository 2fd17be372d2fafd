"""Round 19 (crisis precision in the rules). Everyday talk is no crisis in rules mode: a game or a
race someone "beat me" at or to, a laughing "she'd hurt me if I spoiled the finale", a joke about
sitting through one more slideshow (also as the context of ``mend check``), "I can't do this
anymore" followed by a step about a course or a job, "won't be around" for a break, and "one more
time and I'm walking into the sea". The same words with a real danger stay crises, and a parent's
"pack your things. Not under my roof." is both a crisis and a confrontation."""

from __future__ import annotations

import pytest

import mendkit

CRISIS = "risk.crisis"


def _labels(text: str, context: tuple[str, ...] = ()) -> tuple[str, ...]:
    return mendkit.check(text, context=context, mode="rules").labels


@pytest.mark.parametrize("text", [
    "he'd beat me at chess",
    "he'd beat me to the pub",
    "she'd hurt me if I spoiled the finale haha",
    "My dad beat us at monopoly again",
    "I'm going to kill myself if I have to sit through another one of his slideshows lol",
    "I can't do this anymore. I'm emailing my tutor tomorrow to switch out of law.",
    "I can't do this anymore, the baby's up at 2, 4 and 5. Someone please tell me it gets easier.",
    "Not going to be around this weekend, locked in the library till the coursework is done.",
    "If Auntie Pat does the Macarena at the reception again I'm walking into the sea.",
    "If I have to build one more flat-pack wardrobe I'm going to end it all.",
])
def test_everyday_talk_is_no_crisis(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert CRISIS not in result.labels
    assert not result.risk.crisis


@pytest.mark.parametrize("text", [
    "He beat me to a pulp last night.",
    "my boyfriend beat me to the ground",
    "He said he'd beat me if I told anyone.",
    "he'll kill me if I leave lol",
    "I'll kill myself if I have to go back to that house",
    "I'm going to kill myself if I have to go through another day like this lol",
    "Tell the kids I love them. I can't do this anymore.",
    "I won't be around for Christmas this year. Tell mum I'm sorry.",
    "If he hits me one more time I'm walking into the sea.",
    "If I have to get through one more night like this I'm going to end it all.",
])
def test_the_same_words_with_a_real_danger_stay_a_crisis(text: str) -> None:
    assert CRISIS in _labels(text)


def test_a_joking_context_does_not_make_a_reply_a_crisis() -> None:
    result = mendkit.check("I'm in. Love you lot.", mode="rules", context=(
        "I'm going to kill myself if I have to sit through another one of his slideshows lol",))
    assert not result.risk.crisis
    assert not result.risk.in_context


def test_a_real_crisis_in_the_context_still_counts() -> None:
    result = mendkit.check("I'm fine, forget it", mode="rules",
                           context=("I want to kill myself",))
    assert result.risk.crisis and result.risk.in_context


@pytest.mark.parametrize("text", [
    "pack your things. Not under my roof.",
    "Then you can pack your things and don't come back.",
])
def test_a_parent_throwing_someone_out_is_a_crisis_and_a_confrontation(text: str) -> None:
    labels = _labels(text)
    assert CRISIS in labels
    assert "rupture.confrontation" in labels


def test_not_under_my_roof_young_man_talks_down() -> None:
    result = mendkit.check("Not under my roof, young man, and that's final", mode="rules")
    assert "rupture.invalidation" in result.labels
    assert any(e.subtype == "condescension" for e in result.evidence)
