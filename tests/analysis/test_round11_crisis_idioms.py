"""Round 11: the crisis rules written for other languages stay quiet on their laughter idioms and
the like ("I want to die of laughing / of shame / of boredom", "dying to see you"), and still
flag the first-person crisis forms, also in a sentence that holds such an idiom too."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode


def _crisis(text: str, mode: Mode = "rules") -> bool:
    return mendkit.check(text, mode=mode).risk.crisis


def _crisis_rules_fired(text: str, mode: Mode) -> list[str]:
    return [e.source for e in mendkit.check(text, mode=mode).evidence
            if e.label == "risk.crisis" and e.source.startswith("rule:")]


# Laughter, shame, boredom, hunger and longing: the everyday "I'm dying of ..." in each language.
_IDIOMS = [
    # German
    "ich sterbe vor Lachen", "ich bin vor Lachen gestorben", "ich sterbe vor Hunger",
    "ich sterbe vor Langeweile", "ich will sterben vor Lachen", "ich möchte sterben vor Scham",
    "Ich will einfach sterben vor Lachen 😂", "ich bring mich um vor Lachen",
    "ich bringe mich um vor lachen, dieses Video!",
    # Turkish
    "gülmekten ölüyorum", "gülmekten öldüm", "gülmekten ölmek istiyorum",
    "gulmekten olmek istiyorum", "utançtan ölmek istiyorum",
    # Polish
    "umieram ze śmiechu", "chcę umrzeć ze śmiechu", "chce umrzec ze smiechu",
    "chcę umrzeć ze wstydu", "zabiję się ze śmiechu",
    # Hindi, romanised
    "hans hans ke mar gaya", "hanste hanste mar jaunga", "hans hans ke marna chahta hoon",
    "hanste hanste mar jaana chahta hoon", "sharam se marna chahta hoon",
    # Spanish
    "me muero de risa", "me muero de ganas de verte", "me quiero morir de risa",
    "quiero morirme de risa con este video", "quiero morirme de vergüenza",
    "me quiero morir de ganas de verte",
    # Italian
    "muoio dal ridere", "voglio morire dal ridere", "mi voglio ammazzare dalle risate",
    # French
    "je suis mort de rire", "je veux mourir de rire", "je veux mourir de honte",
    "je vais me tuer de rire",
    # Portuguese
    "morrendo de rir", "quero morrer de rir", "quero morrer de vergonha",
    "quero morrer de saudade de você",
    # Dutch
    "ik lig dood van het lachen", "ik wil dood van het lachen", "ik wil dood van schaamte",
    # Russian
    "умираю со смеху", "хочу умереть со смеху", "хочу умереть от стыда",
    # English
    "dying to see you",
]


@pytest.mark.parametrize("text", _IDIOMS)
def test_an_idiom_in_another_language_is_no_crisis(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("text", _IDIOMS)
def test_no_crisis_rule_fires_on_the_idiom_in_full_mode(text: str) -> None:
    assert _crisis_rules_fired(text, "full") == []


_REAL = [
    "ich will sterben", "Ich möchte sterben.", "ich bring mich um", "quiero morirme",
    "me quiero morir", "voglio morire", "mi voglio ammazzare", "chcę umrzeć", "zabiję się",
    "ölmek istiyorum", "mar jaana chahta hoon", "main marna chahta hoon", "я хочу умереть",
    "je veux mourir", "je vais me tuer", "quero morrer", "ik wil dood",
    # an idiom earlier in the sentence does not hide the crisis after it
    "ich bin vor Lachen gestorben, aber ehrlich: ich will sterben",
    "me muero de risa con todos, pero la verdad es que quiero morirme",
    "gülmekten öldüm dediler ama ben gerçekten ölmek istiyorum",
    "voglio morire, non dal ridere",
]


@pytest.mark.parametrize("text", _REAL)
def test_the_first_person_crisis_forms_stay_crises(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize("text", ["ich will sterben", "quiero morirme", "хочу умереть",
                                  "ich bin vor Lachen gestorben, aber ehrlich: ich will sterben"])
def test_the_crisis_forms_stay_crises_in_full_mode(text: str) -> None:
    assert _crisis(text, mode="full")
