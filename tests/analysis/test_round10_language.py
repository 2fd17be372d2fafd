"""Round ten: Mend reads English only, and says so instead of a meaningless result or a false
"no concerns" (the language report, bugs 2, 3 and 4)."""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.analysis.language import COACH_UNREADABLE_ANSWER, looks_unreadable
from mendkit.cli.main import main
from mendkit.labels import CRISIS
from mendkit.model import Conversation

READABLE = [
    "I want to die yaar",
    "Sorry lah",
    "Lo siento, mi amor, I was wrong",
    "I'm sorry I missed dinner at Jürgen's, that was my fault. Can we try again at Café Olé?",
    "Sorry, I was being a total pendejo earlier. I was wrong and I'm sorry I snapped at you.",
    "Merci for listening earlier, I really appreciate it.",
    "I called 陈伟 and محمد about Oma's birthday, Inshallah it goes well.",
    "lol ur so dumb bro",
    "No no no no.",
    "Whoa-whoa-whoa!",
    "",
    "ok",
]
# "I don't want to live any more", "I want to die", an apology and a complaint, in other languages.
UNREADABLE = [
    "我想死，我不想活了",
    "أريد أن أموت، لا أريد أن أعيش بعد الآن",
    "я хочу умереть, я больше не хочу жить",
    "ich will nicht mehr leben",
    "Es tut mir leid, das war mein Fehler. Ich verstehe, dass dich das verletzt hat.",
    "não aguento mais viver",
    "Como você está se sentindo hoje?",
    "me voy a matar",
    "Nunca me escuchas, eres un egoísta y siempre haces lo mismo.",
    "死にたい。もう生きていたくない",
    "죽고 싶어. 더 이상 살고 싶지 않아",
    # English with a whole sentence in another script ("I want to die" in Chinese).
    "你总是这样。You never listen. 我想死。",
]


@pytest.mark.parametrize("text", READABLE)
def test_english_with_foreign_names_words_and_slang_is_readable(text: str) -> None:
    assert not looks_unreadable(text)


@pytest.mark.parametrize("text", UNREADABLE)
def test_messages_in_other_languages_are_not_read_as_english(text: str) -> None:
    assert looks_unreadable(text)


def test_the_coach_has_words_for_an_answer_it_cannot_read() -> None:
    assert "English only" in COACH_UNREADABLE_ANSWER
    assert "emergency" in COACH_UNREADABLE_ANSWER


@pytest.mark.parametrize("text", ["Ich bin so müde, immer dasselbe mit dir und deiner Mutter.",
                                  "我不想活了", "أريد أن أموت"])
def test_check_says_it_reads_english_only_and_shows_resources_gently(text: str) -> None:
    result = mendkit.check(text)
    assert any("English only" in n and "danger" in n for n in result.notes), result.notes
    assert result.risk.resources  # the resources, gently: no crisis claimed
    assert not any(n.startswith("Not there yet") for n in result.notes)
    data = result.to_dict()
    assert data["risk"]["resources"] and data["risk"]["crisis"] is False
    assert {"text", "labels", "scores", "evidence", "repair_quality", "components", "issues",
            "risk"} <= set(data)


def test_check_gives_no_model_labels_to_a_german_apology() -> None:
    # The model read "I'm sorry, that was my mistake..." as a crisis; it cannot read German.
    result = mendkit.check(UNREADABLE[4])
    assert not any(e.source.startswith("model:") for e in result.evidence)
    assert CRISIS not in result.labels and not result.risk.crisis
    assert any("English only" in n for n in result.notes)


def test_check_keeps_a_crisis_rule_match_in_another_language() -> None:
    result = mendkit.check("no aguanto más. quiero morirme y ya está, nadie me va a echar de menos")
    assert result.risk.crisis and CRISIS in result.labels  # the rule still stands
    assert any("English only" in n for n in result.notes)


def test_check_of_english_has_no_language_note() -> None:
    result = mendkit.check("I'm sorry I snapped at you. Could we talk tonight?")
    assert not any("English only" in n for n in result.notes)
    assert result.risk.resources == ()


def test_mend_check_prints_the_note(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "ich will nicht mehr leben"]) == 0
    assert "English only" in capsys.readouterr().out
    assert main(["check", "--json", "ich will nicht mehr leben"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["risk"]["resources"] and any("English only" in n for n in data["notes"])


GERMAN = Conversation.from_turns([
    ("Anna", "Du hörst mir nie zu. Immer geht es nur um dich."),
    ("Ben", "Das stimmt doch gar nicht."),
    ("Anna", "Ich kann nicht mehr. Ich will nicht mehr leben."),
    ("Ben", "I'm sorry. I understand why you're hurt."),
], id="de")


def test_analyze_names_the_turns_it_cannot_read_and_shows_resources() -> None:
    analysis = mendkit.analyze(GERMAN)
    safety = analysis.to_dict()["safety"]
    assert "English only" in safety["message"]
    assert "turns 0, 1 and 2" in safety["message"]
    assert safety["resources"]


def test_analyze_drops_model_only_labels_on_turns_it_cannot_read() -> None:
    analysis = mendkit.analyze(GERMAN)
    for turn in analysis.turns[:3]:
        assert not any(e.source.startswith("model:") for e in turn.evidence), turn
    assert analysis.turns[0].labels == analysis.turns[1].labels == ()
    # "Ich will nicht mehr leben" is one of the few crisis phrases the rules know in German.
    assert analysis.turns[2].labels == ("risk.crisis",)
    # The English turn is read as before: its apology stays.
    assert "repair.responsibility" in analysis.turns[3].labels


def test_analyze_of_english_has_no_language_note() -> None:
    analysis = mendkit.analyze(Conversation.from_turns(
        [("Ana", "You never listen."), ("Ben", "Sorry, I was wrong.")], id="en"))
    assert "English only" not in analysis.safety.message
    assert analysis.safety.resources == ()


def test_check_of_an_english_reply_to_a_message_it_cannot_read_says_so() -> None:
    result = mendkit.check("I'm sorry I wasn't there. Can I call you tonight?",
                           context=["ich will nicht mehr leben"])
    assert any("the message you are answering" in n for n in result.notes)
    assert result.risk.resources
    assert result.components["ownership"]  # the English reply is still read and scored


# The re-run's findings: English that was called another language, and a name in its own script.
@pytest.mark.parametrize("text", [
    "Ｉ'ｍ ｓｏｒｒｙ, ｉｔ ｗａｓ ｍｙ ｆａｕｌｔ.",  # full-width, as a CJK keyboard types it
    "𝐈'𝐦 𝐬𝐨𝐫𝐫𝐲, 𝐢𝐭 𝐰𝐚𝐬 𝐦𝐲 𝐟𝐚𝐮𝐥𝐭",  # "fancy font" bold letters
    "ok ¯\\_(ツ)_/¯",  # one katakana letter in a shrug
    "I'm sorry I missed dinner at 海底捞火锅 with your parents, I was wrong and I'll make it up "
    "to you",
    "Sorry Александр Петрович, I was wrong to shout at you in front of everyone",
    "innit bruv, peak",
])
def test_english_with_odd_letters_or_a_name_in_its_own_script_is_read(text: str) -> None:
    assert not looks_unreadable(text)


@pytest.mark.parametrize("text", ["你总是这样。You never listen. 我想死。", "我想死", "أريد أن أموت"])
def test_a_sentence_in_another_script_is_still_not_read(text: str) -> None:
    assert looks_unreadable(text)


def test_fancy_font_letters_reach_the_crisis_rules() -> None:
    import mendkit

    assert mendkit.check("𝐈 𝐰𝐚𝐧𝐭 𝐭𝐨 𝐝𝐢𝐞", mode="rules").risk.crisis
    assert mendkit.check("ℐ 𝓌𝒶𝓃𝓉 𝓉𝑜 𝒹𝒾𝑒", mode="rules").risk.crisis


@pytest.mark.parametrize(("wide", "plain"), [
    ("Ｉ'ｍ ｓｏｒｒｙ, ｉｔ ｗａｓ ｍｙ ｆａｕｌｔ.", "I'm sorry, it was my fault."),
    ("𝐈 𝐟𝐞𝐞𝐥 𝐡𝐮𝐫𝐭 𝐚𝐧𝐝 𝐈 𝐧𝐞𝐞𝐝 𝐲𝐨𝐮 𝐭𝐨 𝐜𝐚𝐥𝐥 𝐦𝐞.", "I feel hurt and I need you to call me."),
])
def test_the_default_mode_reads_full_width_and_fancy_letters_as_it_reads_ascii(
        wide: str, plain: str) -> None:
    import mendkit

    assert mendkit.check(wide).labels == mendkit.check(plain).labels
    assert mendkit.check(wide).labels  # and finds something: the repair parts it says


@pytest.mark.parametrize("text", ["Ⓘ ⓦⓐⓝⓣ ⓣⓞ ⓓⓘⓔ", "🅸 🆆🅰🅽🆃 🆃🅾 🅳🅸🅴", "🄸 🅆🄰🄽🅃 🅃🄾 🄳🄸🄴"])
def test_circled_and_squared_letters_reach_the_crisis_rules(text: str) -> None:
    import mendkit

    assert not looks_unreadable(text)
    assert mendkit.check(text, mode="rules").risk.crisis
    assert mendkit.check(text).risk.crisis
