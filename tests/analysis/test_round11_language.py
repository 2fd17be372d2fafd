"""Round eleven: English with accented loanwords is English, a two-word message in another language
is not, and one check reads the language of a text once (the language report's leftovers 1-3)."""

from __future__ import annotations

import json
from typing import Any

import pytest

import mendkit
from mendkit.analysis import language
from mendkit.analysis.language import looks_unreadable
from mendkit.cli.main import main
from mendkit.coach import driver

# 1. English with a few accented loanwords (written for this test).
LOANWORD_ENGLISH = [
    "Déjà vu, naïve, café",
    "That café was so naïve of me, sorry, déjà vu all over again",
    "Sent my résumé off today, fingers crossed",
    "My fiancé said the soirée was a cliché but I loved it",
    "Touché. You got me there.",
    "Café au lait then the piñata for Mia's party",
    "Her fiancée is lovely, honestly",
    "Über awkward, sorry about the jalapeño incident",
    "The rosé at the soirée was nice",
    "Naïve of me to think the façade would hold",
    "He's her protégé, so of course she defends him",
    "Résumé updated. Café later?",
    "Jalapeño poppers, piñata, cake: party sorted",
    "Déjà vu again, we always fight about the same cliché stuff",
    "I was naïve, I trusted the façade",
    "Meet at the café? Rosé on me",
    "Protégé turned rival, classic cliché",
    "Sorry for the soirée drama, my fiancé was über tired",
    "Naïve question: are we okay?",
    "Bought a piñata and jalapeño chips for Sam's birthday",
    "Fiancée says hi. Rosé tonight?",
    "Clichéd I know, but I miss you",
    "Façade cracked, I cried at the café",
    "Déjà vu: another Monday, another argument",
    "Über late again, sorry, traffic near the café",
    "Touché, fair point, I'll stop",
    "My résumé is a cliché, help",
    "Protégé of the chef at that café, apparently",
    "Crème brûlée and rosé, perfect soirée",
    "Naïve me, thinking the fiancé drama was over",
    "Résumé sent, café booked, fiancé informed",
    "Touché, déjà vu, whatever",
    "Piñata smashed, jalapeño dip gone, kids asleep",
    "Cafés closed early, soirée cancelled",
    "Another cliché résumé from another naïve intern",
    "Cafe\u0301 later?",  # the accent typed as a combining mark
]

# Real sentences in French, Spanish, German, Portuguese and Italian, some with the same loanwords.
OTHER_LANGUAGES = [
    "Je suis désolé, c'était ma faute.",
    "Tu ne m'écoutes jamais.",
    "J'en ai marre de tout.",
    "Ça va, et toi?",
    "Je ne veux plus vivre.",
    "On se voit au café demain?",
    "Tu es déjà parti?",
    "Mon fiancé ne m'écoute plus.",
    "C'est un cliché, je sais.",
    "Lo siento mucho, fue mi culpa.",
    "¿Dónde estás ahora?",
    "Ya no aguanto más.",
    "Estoy muy cansada de todo.",
    "Te echo de menos.",
    "Vamos a tomar un café.",
    "Es tut mir leid.",
    "Wo bist du jetzt?",
    "Ich halte das nicht mehr aus.",
    "Du hörst mir nie zu.",
    "Ich bin so müde.",
    "Wir reden über alles morgen.",
    "Desculpa, a culpa foi minha.",
    "Estou cansado de tudo.",
    "Não quero mais viver.",
    "Você nunca me escuta.",
    "Vamos tomar um café?",
    "Mi dispiace, è colpa mia.",
    "Non ce la faccio più.",
    "Sono stanca di tutto.",
    "Dove sei adesso?",
    "Ti voglio bene, amore.",
    "Prendiamo un caffè dopo?",
]

# 2. Two words in another language: "I'm dying", "I want to die", "I'm in pain", "help me", ...
TWO_WORDS_OTHER = [
    "ich sterbe", "quiero morir", "je meurs", "voglio morire", "chcę umrzeć", "Quiero morirme.",
    "je souffre", "ich leide", "estoy mal", "sono triste", "estou mal", "hilf mir", "no puedo",
    "não aguento", "nie mogę", "Ich kann nicht.", "quero morrer", "je veux",
]

# Short English as people text it, and names: none may be called another language.
SHORT_ENGLISH = [
    "ok fine", "im done", "whatever lol", "k thx", "Ana Sofia", "lol jk", "same tbh", "miss u",
    "ttyl", "ily", "ok", "k", "kk", "sure", "fine", "no", "nope", "yes", "yep", "ya",
    "sounds good", "love ya", "night night", "good night", "calm down", "shut up", "stop it",
    "whatever dude", "fair enough", "nvm", "cool cool", "sweet dreams", "happy birthday",
    "congrats babe", "on my way", "ugh mondays", "brb shower", "dinner ready", "pizza tonight",
    "miss you", "call me", "text me", "love you", "can't sleep", "hate this", "so tired",
    "not now", "leave me", "go away", "forget it", "never mind", "my bad", "no worries",
    "all good", "totally fine", "so sorry", "really sorry", "im sorry", "sorry babe",
    "thank u", "ty sm", "np", "gn", "gm", "hbu", "wyd", "wbu", "idc", "idk tbh", "idk",
    "smh", "omg stop", "lmao same", "rofl", "xoxo", "hugs", "nah", "yup", "mhm", "uh huh",
    "ikr", "fr fr", "bet", "slay", "no cap", "deadass", "periodt", "sus", "cringe",
    "Jose Luis", "Maria Garcia", "Hans Peter", "Giulia Rossi", "João Pedro", "José",
    "Zoë", "Chloé", "Renée", "Beyoncé tickets", "Pokémon night", "ana sofia", "jose luis",
    "mi amor", "te amo", "ciao bella", "merci beaucoup", "gracias amigo", "danke schön",
    "adios", "hasta luego", "bon voyage", "faux pas", "carpe diem", "que sera",
    "feeling down", "so done", "im tired", "tired af", "kill me", "im dying", "dying lol",
    "cant anymore", "done trying", "help me", "please help", "scared", "whatever", "cool",
    "lit", "dope", "ouch", "oops", "yikes", "meh", "bleh", "ugh", "hmu", "lmk", "otw", "omw",
    "wya", "irl", "imo", "tmi", "jk", "ttys", "cafe later", "café later", "résumé done",
    "naïve me", "touché babe", "déjà vu", "über tired", "rosé tonight", "fiancé says hi",
    "sooo tired", "nooo", "yesss", "plsss", "hbd sis", "gg", "wp", "afk", "brb", "g2g", "gtg",
    "cya", "later", "laters", "peace out", "stay safe", "drive safe", "good luck", "well done",
    "i give up", "proud of you", "get home safe", "No no no no.", "ich", "je",
    "Nie Wang", "Sono Kim",  # surnames that are words of another language too
]


@pytest.mark.parametrize("text", LOANWORD_ENGLISH)
def test_english_with_accented_loanwords_is_readable(text: str) -> None:
    assert not looks_unreadable(text)


@pytest.mark.parametrize("text", OTHER_LANGUAGES)
def test_sentences_in_other_languages_with_or_without_those_words_stay_unreadable(
        text: str) -> None:
    assert looks_unreadable(text)


@pytest.mark.parametrize("text", TWO_WORDS_OTHER)
def test_two_words_in_another_language_are_not_read_as_english(text: str) -> None:
    assert looks_unreadable(text)


@pytest.mark.parametrize("text", SHORT_ENGLISH)
def test_short_english_texting_and_names_stay_readable(text: str) -> None:
    assert not looks_unreadable(text)


def test_the_short_english_sample_is_large_enough_to_mean_something() -> None:
    assert len(set(SHORT_ENGLISH)) >= 80
    assert len(set(LOANWORD_ENGLISH)) >= 30 and len(set(OTHER_LANGUAGES)) >= 30


def test_mend_check_reads_english_loanwords(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "Déjà vu, naïve, café"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any("English only" in n for n in data["notes"])
    assert data["risk"]["resources"] == []


def test_mend_check_says_it_cannot_read_two_words_of_german(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "ich sterbe"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any("English only" in n for n in data["notes"])
    assert data["risk"]["resources"]


class _CountingIdentifier:
    """The language identifier, counting the texts it ranks."""

    def __init__(self, real: Any) -> None:
        self.real = real
        self.ranked: list[str] = []

    def rank(self, text: str) -> Any:
        self.ranked.append(text)
        return self.real.rank(text)


@pytest.fixture
def identifier(monkeypatch: pytest.MonkeyPatch) -> _CountingIdentifier:
    counting = _CountingIdentifier(language._identifier())
    monkeypatch.setattr(language, "_identifier", lambda: counting)
    return counting


# 3. The texts below are used nowhere else, so no earlier test has had them read.
def test_one_check_reads_the_language_of_each_text_once(identifier: _CountingIdentifier) -> None:
    result = mendkit.check("Es tut mir so leid, Papa.",
                           context=["Warum hörst du mir nie zu, mein Sohn?"], mode="rules")
    assert any("English only" in n for n in result.notes)
    assert sorted(identifier.ranked) == ["Es tut mir so leid, Papa.",
                                         "Warum hörst du mir nie zu, mein Sohn?"]


class _Prompter:
    def __init__(self, answers: list[str]) -> None:
        self.answers = answers
        self.said: list[str] = []

    def ask(self, prompt: str) -> str:
        return self.answers.pop(0)

    def say(self, text: str) -> None:
        self.said.append(text)


def test_one_coach_answer_is_read_for_its_language_once(identifier: _CountingIdentifier) -> None:
    prompter = _Prompter(["mi hermana no me habla", "Sam"])
    assert driver._reply(prompter, "Who is this about?", "rules", "default", name=True) == "Sam"
    assert language.COACH_UNREADABLE_ANSWER in prompter.said  # still not taken as a name
    assert identifier.ranked == ["mi hermana no me habla"]


def test_a_text_read_again_gets_the_same_answer_without_the_work(
        identifier: _CountingIdentifier) -> None:
    text = "Ich habe heute keine Kraft mehr, Mama."
    assert looks_unreadable(text) and looks_unreadable(text)
    assert identifier.ranked == [text]
    assert not looks_unreadable("I have no strength left today, Mum.")
