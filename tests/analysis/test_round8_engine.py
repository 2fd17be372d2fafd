"""The rules read text as a person sees it: spacing, invisible characters and full-width letters
change nothing, and evidence is whole words and whole characters of the text the person wrote."""

from __future__ import annotations

import pytest

import mendkit
from mendkit import Conversation, analyze

CRISIS_VARIANTS = [
    "I want to kill  myself",
    "I want to kill\tmyself",
    "I\u202fwant\u202fto\u202fkill\u202fmyself",
    "I\u2009want\u2009to\u2009kill\u2009myself",
    "I want to kil\u00adl myself",
    "I want to kil\u200bl myself",
    "I want to kil\u200dl myself",
    "I've been thinking about en\u00adding it",
    "He said he wil\u200bl kil\u200bl me if I leave",
    "I  don't  want  to  be  here  anymore",
    "I want to kill \u200b myself",
]

FULL_WIDTH_CRISIS = [
    "Ｉ ｗａｎｔ ｔｏ ｋｉｌｌ ｍｙｓｅｌｆ",
    "Ｉ＇ｖｅ ｂｅｅｎ ｔｈｉｎｋｉｎｇ ａｂｏｕｔ ｅｎｄｉｎｇ ｉｔ",
    "Ｈｅ\u3000ｓａｉｄ\u3000ｈｅ\u3000ｗｉｌｌ\u3000ｋｉｌｌ\u3000ｍｅ\u3000ｉｆ\u3000Ｉ\u3000ｌｅａｖｅ",
]


def assert_evidence_is_the_written_text(text: str, evidence: tuple[mendkit.Evidence, ...]) -> None:
    for e in evidence:
        assert 0 <= e.start < e.end <= len(text)
        assert text[e.start:e.end] == e.text


@pytest.mark.parametrize("text", CRISIS_VARIANTS + FULL_WIDTH_CRISIS)
def test_spacing_invisible_and_full_width_characters_do_not_hide_a_crisis(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.risk.crisis
    assert "risk.crisis" in result.labels
    assert_evidence_is_the_written_text(result.text, result.evidence)


@pytest.mark.parametrize("text", CRISIS_VARIANTS[:3] + FULL_WIDTH_CRISIS[:1])
def test_a_transcript_in_rules_mode_flags_the_crisis(text: str) -> None:
    analysis = analyze(Conversation.from_turns([("Alex", text), ("Sam", "What?")]), mode="rules")
    assert analysis.safety.crisis
    assert "risk.crisis" in analysis.turns[0].labels


def test_evidence_for_spaced_out_words_is_the_words_as_written() -> None:
    text = "I want to kill  myself"
    result = mendkit.check(text, mode="rules")
    crisis = [e for e in result.evidence if e.label == "risk.crisis"]
    assert crisis
    assert any("kill  myself" in e.text for e in crisis)


@pytest.mark.parametrize(("text", "label", "issue"), [
    ("I'm sorry  you feel that way.", "rupture.invalidation", "non_apology"),
    ("I'm sorry\tyou feel that way.", "rupture.invalidation", "non_apology"),
    ("You  never listen to me.", "rupture.confrontation", "always_never"),
])
def test_the_critic_still_names_the_issue_when_the_spacing_differs(
    text: str, label: str, issue: str
) -> None:
    single = mendkit.check(" ".join(text.split()), mode="rules")
    result = mendkit.check(text, mode="rules")
    assert label in result.labels
    assert issue in [i.kind for i in result.issues]
    assert result.repair_quality == single.repair_quality


def test_full_width_criticism_gets_the_same_labels_as_ascii() -> None:
    assert mendkit.check("ＹＯＵ ＮＥＶＥＲ ＬＩＳＴＥＮ", mode="rules").labels == (
        mendkit.check("YOU NEVER LISTEN", mode="rules").labels)
    assert "rupture.confrontation" in mendkit.check("ＹＯＵ ＮＥＶＥＲ ＬＩＳＴＥＮ",
                                                    mode="rules").labels


def test_evidence_never_cuts_an_emoji_with_a_skin_tone_in_half() -> None:
    facepalm = "\U0001f926\U0001f3fe\u200d\u2640\ufe0f"
    text = f"You never {facepalm} listen."
    result = mendkit.check(text, mode="rules")
    assert_evidence_is_the_written_text(result.text, result.evidence)
    touching = [e for e in result.evidence if e.start < text.index(facepalm) + len(facepalm)
                and text.index(facepalm) < e.end]
    assert touching
    for e in touching:
        assert facepalm in e.text
    for issue in result.issues:
        assert not (text.index(facepalm) < issue.end < text.index(facepalm) + len(facepalm))


@pytest.mark.parametrize("text", [
    "Whatever. Fine.",
    "I'm sorry I snapped at you.",
    "I'm sorry but you always do this.",
    "Sorry you feel that way, but you always overreact.",
])
def test_evidence_is_trimmed_to_its_words(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert result.evidence
    for e in result.evidence:
        assert e.text == e.text.strip()
        assert e.text[0].isalnum(), e.text


def test_a_byte_order_mark_is_not_part_of_the_evidence() -> None:
    text = "\ufeffWhatever. Fine."
    analysis = analyze(Conversation.from_turns([("A", text)]), mode="rules")
    turn = analysis.turns[0]
    assert "rupture.withdrawal" in turn.labels
    for e in turn.evidence:
        assert "\ufeff" not in e.text
        assert e.text == e.text.strip()
