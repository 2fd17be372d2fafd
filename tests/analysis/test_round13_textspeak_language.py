"""Round thirteen: English typed with heavy misspellings or textspeak (dyslexia, a phone, haste) is
English, so Mend reads it and can see a crisis in it; short messages in other languages are still
not read as English (the misspelling report, problems 1 and 10)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import mendkit
from mendkit.analysis.language import COACH_UNREADABLE_ANSWER, looks_unreadable
from mendkit.cli.main import main
from mendkit.coach.machine import State
from mendkit.coach.session import Session
from mendkit.model import Conversation

# The tester's messages that were called another language, and the tester's probe of
# textspeak (all English).
TESTER = ["i wna kil myslf", "i cut myslef", "im so sory i was rong", "i wana kms",
          "soryy soryy plz dnt b mad", "i wna kil myslf tbh", "i cnt tke it nemore i wna dye",
          "k", "kk", "ty", "ily", "brb", "omw", "wyd", "idc", "smh", "soz", "thx", "sry", "srry",
          "plz dnt b mad", "gr8 c u l8r", "wud u pls lisen", "i cnt do ths", "cnt stp cryin",
          "i h8 myslf", "i wna dye", "hlp me"]
# More English as it is typed in a hurry or with dyslexia, written for this test.
TEXTSPEAK = [
    "i cut myslef again last nite", "i h8 my lyf", "evry1 h8s me", "ny1 there",
    "i jus wna sleep 4ever", "im gna end it 2nite", "nobdy wud evn notice",
    "i cnt stp thnkin bout it", "wat r u doin 2nite", "y wont u tlk 2 me", "dnt txt me agen",
    "u r my evrythin", "plz forgiv me", "i shud of calld", "cud we tlk l8r", "i mis u sm",
    "i feel lik a burdn", "im nt ok", "i dnt kno wat 2 do", "tbh i dnt care nemore",
    "im realy sory bout 2day", "srsly wtf", "ngl im strugglin", "i wna hurt myslf",
    "ur so mean 2 me", "i luv u", "cnt sleep agen", "myslf", "im dun", "i hav no1",
]
# Short messages in other languages (written for this test): each must stay unreadable.
OTHER = [
    "tengo miedo y él está en casa", "no sé qué hacer", "me quiero matar", "ya no puedo más",
    "estoy harto de todo", "nadie me quiere", "por qué no me contestas",
    "je suis désolée", "je veux mourir", "laisse moi tranquille", "j'ai peur de lui",
    "personne ne m'aime", "je ne sais pas quoi faire", "pourquoi tu fais ça",
    "ich hasse dich", "lass mich in ruhe", "ich habe angst vor ihm", "er schlägt mich",
    "keiner liebt mich", "ich bin so allein", "ich weiß nicht mehr weiter",
    "eu te amo", "me deixa em paz", "não sei o que fazer", "ele me bate", "quero morrer",
    "lasciami in pace", "non so cosa fare", "nessuno mi ama", "perché non mi rispondi",
    "pagod na ako", "hindi ko alam", "gusto ko nang mamatay", "walang nagmamahal sa akin",
    "galit ka ba sakin", "beni rahat bırak", "ne yapacağımı bilmiyorum", "kimse beni sevmiyor",
    "neden cevap vermiyorsun", "ik wil dood", "laat me met rust", "niemand houdt van mij",
    "aku mau mati", "jangan ganggu aku", "nie wiem co robić", "zostaw mnie w spokoju",
    "lasă-mă în pace", "vreau să mor",
    # Textspeak of other languages: Spanish and Portuguese.
    "xq no me contestas", "vc nunca me escuta", "pq vc fez isso",
]


@pytest.mark.parametrize("text", TESTER + TEXTSPEAK)
def test_misspelled_english_and_textspeak_are_english(text: str) -> None:
    assert not looks_unreadable(text)


@pytest.mark.parametrize("text", OTHER)
def test_short_messages_in_other_languages_stay_unreadable(text: str) -> None:
    assert looks_unreadable(text)


@pytest.mark.parametrize("text", ["i wna kil myslf", "i cut myslef"])
def test_mend_check_reads_misspelled_english(capsys: pytest.CaptureFixture[str],
                                             text: str) -> None:
    assert main(["check", "--json", "--mode", "rules", text]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any("English only" in n for n in data["notes"])


def test_a_misspelled_crisis_turn_is_not_set_aside_as_another_language() -> None:
    conversation = Conversation.from_turns([
        ("Jo", "y didnt u answr my msgs"), ("Kim", "sry was bsy"),
        ("Jo", "i wna kil myslf tbh")], id="c7")
    analysis = mendkit.analyze(conversation, mode="rules")
    assert "English only" not in analysis.safety.message


def test_the_coach_does_not_ask_for_english_after_a_misspelled_answer(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # The tester's s6: the answer was called another language three times, then coached. Read
    # as English, it goes to the safety gate like any answer (whose crisis rules read the
    # misspelling), and is never met with "answer again in English".
    answers = ["", "yes", "Sam", "partner", "we broke up last nite and he blocked me",
               "i wna kil myslf", "i wna kil myslf", ""]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert COACH_UNREADABLE_ANSWER not in out
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    session = Session.from_json(files[0].read_text(encoding="utf-8"))
    assert (session.state in (State.STOPPED_CRISIS, State.CONFIRM_RISK)
            or session.answers.get("recognise_noticed") == "i wna kil myslf")


def test_a_misspelled_crisis_answer_the_rules_read_still_stops_the_coach(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = ["", "yes", "Sam", "partner", "we broke up last nite and he blocked me",
               "i wana kms tbh", "", "5", "skip", "yes", "i said mean stuff"]
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    out = capsys.readouterr().out
    assert COACH_UNREADABLE_ANSWER not in out
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert Session.from_json(files[0].read_text(encoding="utf-8")).state is State.STOPPED_CRISIS
