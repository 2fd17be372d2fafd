"""Round 10, third pass on the crisis rules. The patterns the second pass added stay quiet when
the sentence gives an ordinary reason (a party, a trip, a moved car, an essay, a flat, a sport),
and still flag the bare forms. The very common first-person ways of saying "I want to die" or
"I'll kill myself" in other languages are crises, typed with or without their accents; the
everyday sentences that share their words (an idiom, a city one doesn't want to live in) are
not."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode


def _crisis(text: str, mode: Mode = "rules") -> bool:
    return mendkit.check(text, mode=mode).risk.crisis


_ORDINARY_REASONS = [
    "I don't think I'll be around for your birthday, but let's celebrate the weekend after!",
    "I don't think I'll be around for your birthday party, work trip",
    "I'm not going to be a problem for anyone after tonight, I've moved my car",
    "I'm not going to be a problem for anyone after tonight, the essay's finally handed in",
    "Don't worry about me, I've made my decision about the flat and I'm at peace with it",
    "Got bruises all over from football, I can't tell anyone or they'll laugh",
    "covered in bruises from the climbing wall, can't tell anyone how clumsy I was or they'll "
    "tease me",
    "bruises all over my legs from hockey, can't tell my coach or it'll be worse for selection",
]


@pytest.mark.parametrize("text", _ORDINARY_REASONS)
def test_an_ordinary_reason_keeps_the_new_patterns_quiet(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("text", _ORDINARY_REASONS)
def test_no_crisis_rule_fires_on_an_ordinary_reason_in_full_mode_either(text: str) -> None:
    result = mendkit.check(text, mode="full")
    assert not [e.source for e in result.evidence
                if e.label == "risk.crisis" and e.source.startswith("rule:")]


@pytest.mark.parametrize("text", _ORDINARY_REASONS[:2])
def test_a_birthday_with_an_ordinary_reason_is_no_crisis_in_full_mode(text: str) -> None:
    assert not _crisis(text, mode="full")


@pytest.mark.parametrize("text", [
    "I don't think I'll be around for your birthday",
    "I'm not going to be a problem for anyone after tonight",
    "I've made my decision and I'm at peace with it",
    "Don't worry about me, I've made my decision and I'm at peace with it",
    "I have bruises all over but I can't tell anyone or it'll be worse",
    "bruises all over from him, I can't tell anyone or it'll be worse",
])
def test_the_bare_forms_are_still_crises(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", [
    # German
    "ich will sterben", "Ich will nicht mehr leben.", "ich bring mich um", "ich bringe mich um",
    "ich will mich umbringen",
    # Italian
    "voglio morire", "mi voglio uccidere", "non voglio più vivere", "non voglio piu vivere",
    # Turkish, with and without its letters, and in capitals ("İ" is folded to "i")
    "ölmek istiyorum", "olmek istiyorum", "ÖLMEK İSTİYORUM", "kendimi öldüreceğim",
    "kendimi oldurecegim", "yaşamak istemiyorum", "artık yaşamak istemiyorum",
    # Polish
    "chcę umrzeć", "chce umrzec", "nie chcę żyć", "nie chce zyc", "zabiję się", "zabije sie",
    # Dutch
    "ik wil dood", "ik wil niet meer leven",
    # Hindi, romanised
    "mujhe marna hai", "main marna chahta hoon, ab jeena nahi chahta", "marna chahti hoon",
    "jeena nahi chahti", "khudkushi kar lunga",
    # Russian
    "хочу умереть", "Я не хочу жить", "убью себя",
    # Spanish, French and Portuguese forms the language report listed as missed
    "me voy a matar", "quero me matar", "vou me matar", "no quiero seguir viviendo",
    "je veux me tuer", "j'ai envie de mourir", "J’ai envie de mourir", "je ne veux plus vivre",
    "não aguento mais viver", "nao aguento mais viver",
])
def test_common_first_person_forms_in_other_languages_are_crises(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", [
    "ich will sterben", "voglio morire", "chcę umrzeć", "mujhe marna hai",
])
def test_other_languages_are_crises_in_full_mode_too(text: str) -> None:
    assert _crisis(text, mode="full")


@pytest.mark.parametrize("text", [
    "me voy a matar de risa con este video",
    "vou me matar de rir com esse vídeo",
    "j'ai envie de mourir de rire",
    "ich bringe mich um den Verstand mit dieser Steuererklärung",
    "no quiero seguir viviendo en esta ciudad",
    "je ne veux plus vivre à Paris",
    "non voglio più vivere a Milano",
    "nie chcę żyć w Warszawie",
    "не хочу жить в Москве",
    "burada yaşamak istemiyorum",
    "yahan jeena nahi chahta, rent bahut zyada hai",
    "Rammstein's Ich Will is on my running playlist",
])
def test_everyday_sentences_sharing_their_words_are_not_crises(text: str) -> None:
    assert not _crisis(text)
