"""Round 11: rules mode flags abuse written to "you" (the partner a draft is for), a victim's
apology for "making" someone hurt them, veiled threats, plain violence with texting words, and
texting-style suicide statements; it stays quiet on the jokes and idioms that look like them, and
an abuse disclosure is not reported as suicide or self-harm."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model.analysis import Safety


def _risk(text: str) -> Safety:
    return mendkit.check(text, mode="rules").risk


_DANGER_TO_YOU = [
    "I'm sorry I made you hit me. I'll be better, I promise.",
    "You hit me last night and I'm still shaking.",
    "you choked me",
    "You said you'd kill me if I leave.",
    "please stop hurting me",
    "I'm scared of you when you drink.",
    "I know I deserved it when you slapped me, I'm sorry.",
    "I'm sorry for provoking you, I know you didn't mean to hurt me.",
    "Sorry for making you so angry that you had to hit me",
    "I'm sorry I made you push me",
    "it's my fault he gets like that, I shouldn't have answered back",
    "scared. he gets scary when he drinks",
    "I'm scared of what you'll do. Please.",
]

_VEILED_THREATS = [
    "You know what happens if you tell anyone.",
    "Do that again and see what happens to you.",
    "If you go, don't bother coming back. And you know what I'll do with the kids.",
    "if you're not home in 20 minutes you know what happens. last time was nothing",
    "I told him I wanted a divorce and he said 'over my dead body, or yours'",
]

_PLAIN_VIOLENCE = [
    "gf punched me in the face cos i was on my phone. eye is swollen shut",
    "hes gonna kill me one day i swear",
    "she keeps threatening to stab me when she's angry and last night she actually came at me"
    " with the scissors",
    "sometimes he puts his hand over my mouth so the neighbours don't hear me cry",
]

_TEXTED_SUICIDE = [
    "i bought rope today lol",
    "sorry for everything, this is my last msg",
    "I don't think I'm going to be here much longer",
    "ngl i dont think im gonna be here much longer",
    "i dont think i want to be alive anymore",
    "im gonna disappear fr. dont look for me",
]

_NOT_CRISIS = [
    "i literally want to die of embarrassment rn 💀",
    "she took my phone charger again, I'm going to kill her lol",
    "She hit me with a surprise party, I cried happy tears",
    "I wanted to hit him with a pillow when he said that, haha",
    "I volunteer at a women's refuge on weekends",
    "We watched a documentary about domestic violence shelters, really moving",
    # Ordinary repair language that shares words with the new patterns.
    "You hurt me when you said that in front of everyone.",
    "You pushed me away when I needed you.",
    "I'm sorry I made you wait so long.",
    "It's my fault we were late, I forgot the tickets.",
    "I'm scared of losing you.",
    "You know what happens when you assume.",
    "You hit me with the truth and I needed it.",
    "I'm scared of what you'll think of me.",
    "This job is gonna kill me one day.",
    "this is my last msg before bed, night!",
    "Don't look for me at the party, I'll be late.",
]


@pytest.mark.parametrize("text", _DANGER_TO_YOU + _VEILED_THREATS + _PLAIN_VIOLENCE)
def test_abuse_and_threats_stop_the_repair_as_abuse(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "abuse_danger" in risk.kinds


@pytest.mark.parametrize("text", _TEXTED_SUICIDE)
def test_texted_suicide_statements_are_flagged_even_with_a_laugh(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "suicide" in risk.kinds


@pytest.mark.parametrize("text", _NOT_CRISIS)
def test_jokes_idioms_and_ordinary_repairs_stay_quiet(text: str) -> None:
    assert not _risk(text).crisis, text


@pytest.mark.parametrize(("text", "kinds"), [
    ("he told me nobody would ever find my body", ["abuse_danger"]),
    ("he put his hands around my neck and I could not breathe", ["abuse_danger"]),
])
def test_abuse_is_not_reported_as_suicide_or_self_harm(text: str, kinds: list[str]) -> None:
    assert sorted(_risk(text).kinds) == kinds


def test_an_apology_for_being_hit_is_not_scored_as_a_good_repair() -> None:
    result = mendkit.check("I'm sorry I made you hit me. I'll be better, I promise.", mode="rules")
    assert result.risk.crisis
    assert "risk.crisis" in result.labels
