"""Round 9: the critic's rewrites keep the person's point, and each phrase gets one fitting issue."""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.cli.main import main


def _rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


def _issues(text: str) -> list[tuple[str, str]]:
    return [(i.kind, text[i.start:i.end]) for i in _rules(text).issues]


# -- bug 3: a rewrite never keeps the "whatever" it flags -----------------------------------------

def test_a_withdrawal_over_two_sentences_is_cut_whole(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "OK. Whatever. See you at six.", "--json", "--mode", "rules"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert shown["rewrite"] is not None
    assert "whatever" not in shown["rewrite"].lower()
    assert shown["rewrite"].endswith("See you at six.")


def test_no_rewrite_when_only_another_curt_reply_is_left() -> None:
    assert _rules("Whatever. Fine.").rewrite is None


# -- bug 4: a numbered list keeps its numbers in order -------------------------------------------

def test_cutting_a_list_item_takes_its_number_and_renumbers_the_rest() -> None:
    found = _rules("1. I'm sorry I forgot. 2. You never remind me though. 3. Let's move on.")
    assert found.rewrite == "1. I'm sorry I forgot. 2. Let's move on."


# -- bug 5: "X, but you never ..." is the person's point: it is not cut down to the softener -------

@pytest.mark.parametrize("text", [
    "I know you're busy, but you never reply to my emails and it's holding the whole team up.",
    "I love you but you never make time for me anymore.",
    "I love you, but you always put work first.",
])
def test_no_rewrite_that_leaves_only_the_softener(text: str) -> None:
    found = _rules(text)
    assert [i.kind for i in found.issues] == ["always_never"]
    assert found.rewrite is None


def test_a_jab_after_an_apology_is_still_cut() -> None:
    assert _rules("I'm sorry I was late, but you never tell me the time.").rewrite \
        == "I'm sorry I was late."


# -- bug 6: a pile of "sorry"s is explained as too much apology, and one apology stays ------------

def test_repeated_sorrys_are_explained_as_over_apologising_and_one_is_kept() -> None:
    text = "I'm sorry, I'm sorry, I'm sorry. Please don't be mad."
    found = _rules(text)
    assert [(i.kind, text[i.start:i.end]) for i in found.issues] == [
        ("over_apology", "I'm sorry, I'm sorry, I'm sorry")]
    assert "closing the conversation" not in found.issues[0].message
    assert "apologies" in found.issues[0].message
    assert found.rewrite == "I'm sorry. Please don't be mad."


def test_four_sorrys_get_one_issue_and_a_rewrite_with_one_sorry() -> None:
    found = _rules("Sorry sorry sorry sorry I messed up")
    assert [i.kind for i in found.issues] == ["over_apology"]
    assert found.rewrite == "Sorry I messed up"


# -- bug 7: "sorry if I ..." keeps the act the person named ---------------------------------------

@pytest.mark.parametrize(("text", "rewrite"), [
    ("Apologies if my tone was off in the meeting.", "I'm sorry my tone was off in the meeting."),
    ("I'm sorry if I wasn't clear in my email. I'll send a summary today.",
     "I'm sorry I wasn't clear in my email. I'll send a summary today."),
])
def test_sorry_if_i_keeps_the_act(text: str, rewrite: str) -> None:
    assert _rules(text).rewrite == rewrite


def test_sorry_if_you_still_owns_a_part() -> None:
    assert _rules("I'm sorry if you were offended.").rewrite == "I'm sorry I ..."


# -- bug 8: "but i stand by what i said" takes the apology back, and goes ---------------------------

@pytest.mark.parametrize("text", [
    "i apologise if i offended anyone but i stand by what i said",
    "I'm sorry if I upset you, but I still think I was right.",
])
def test_the_but_that_takes_the_apology_back_is_cut(text: str) -> None:
    found = _rules(text)
    assert found.rewrite is not None
    assert " but " not in found.rewrite
    assert "offended anyone" in found.rewrite or "upset you" in found.rewrite
    assert "sorry_but" in [i.kind for i in found.issues]


# -- bug 9: one issue per phrase, on the words it is about ----------------------------------------

def test_always_never_is_named_once_on_its_own_words() -> None:
    text = "I feel like you never listen to me, and it hurts."
    found = _issues(text)
    assert [words for kind, words in found if kind == "always_never"] == ["you never"]
    assert "defensiveness" not in [kind for kind, _ in found]
    assert ("thought_as_feeling", "I feel like you") in found


def test_always_never_from_a_complaint_covers_only_the_always() -> None:
    found = _issues("I feel like you always put your friends first.")
    assert [words for kind, words in found if kind == "always_never"] == ["you always"]


def test_an_excuse_inside_an_apology_is_one_issue() -> None:
    assert _issues("Sorry I snapped, I've been so busy at work.") == [
        ("excuse", "I've been so busy")]


# -- bug 10: "You never deserved that" validates: it is no verdict, and it stays -------------------

def test_you_never_deserved_that_is_not_an_always_never() -> None:
    found = _rules("I was wrong. You never deserved that. I'm sorry.")
    assert "always_never" not in [i.kind for i in found.issues]
    assert found.rewrite is None


# -- bug 12: a complaint with a request in it is not told to add one ------------------------------

def test_a_complaint_that_already_asks_is_not_told_to_ask() -> None:
    found = _rules("I felt embarrassed when you brought up my job at the party. "
                   "I'd rather we talk about that privately.")
    assert found.components["request"]
    complaint = [i for i in found.issues if i.kind == "complaint"]
    assert complaint
    assert "next time" not in complaint[0].suggestion
    assert "paired with what you need" not in complaint[0].message


# -- bug 13: every form of "I feel ignored" is a blaming feeling ----------------------------------

@pytest.mark.parametrize("text", [
    "I'm feeling ignored lately.", "I\u2019m feeling ignored lately.", "I've felt ignored lately.",
    "I\u2019ve felt ignored lately.",
])
def test_contracted_forms_are_blaming_feelings(text: str) -> None:
    found = _rules(text)
    assert [i.kind for i in found.issues] == ["blaming_feeling"]
    assert found.rewrite is not None and "lonely" in found.rewrite


# -- second pass (rerun report F-L) ---------------------------------------------------------------

# F: a cut list item takes its own number, whatever else the text holds.
@pytest.mark.parametrize(("text", "rewrite"), [
    ("1. I'm sorry I was late. 2. I got there at 6. 3. You never wait for me. 4. Let's talk tonight.",
     "1. I'm sorry I was late. 2. I got there at 6. 3. Let's talk tonight."),
    ("1. I'm sorry I was late. 2. You never wait for me. 3. I'll be there at 6. 4. Let's talk.",
     "1. I'm sorry I was late. 2. I'll be there at 6. 3. Let's talk."),
    ("Step 1. I'm sorry. Step 2. You never listen. Step 3. Let's move on.",
     "Step 1. I'm sorry. Step 2. Let's move on."),
    ("2. You never remind me. 3. I'm sorry I forgot.", "2. I'm sorry I forgot."),
    ("I'm sorry I forgot. 2. You never remind me though.", "I'm sorry I forgot."),
])
def test_a_cut_list_item_leaves_no_orphan_number(text: str, rewrite: str) -> None:
    assert _rules(text).rewrite == rewrite


# G: the words that lead into "apologies if" / "apologise if" are not left stranded.
@pytest.mark.parametrize(("text", "rewrite"), [
    ("My apologies if I overstepped.", "I'm sorry I overstepped."),
    ("I do apologise if I was short with you.", "I'm sorry I was short with you."),
    ("I want to apologize if I hurt you.", "I'm sorry I hurt you."),
    ("I'd like to apologize if my tone was off.", "I'm sorry my tone was off."),
    ("Our apologies if my email was unclear.", "Our apologies that my email was unclear."),
])
def test_apologies_if_keeps_a_whole_sentence(text: str, rewrite: str) -> None:
    assert _rules(text).rewrite == rewrite


# H: an owned apology is not a question.
def test_an_owned_apology_keeps_no_question_mark() -> None:
    assert _rules("I'm sorry if I upset you?").rewrite == "I'm sorry I upset you."


# I: when too much apology is reported, the rewrite keeps one, and the issue covers the pile.
def test_a_pile_of_sorrys_before_a_non_apology_is_cut_to_one() -> None:
    found = _rules("I'm sorry, I'm sorry, I'm sorry if you were hurt.")
    assert found.rewrite == "I'm sorry I ..."


def test_a_pile_of_sorrys_next_to_another_issue_is_one_issue_and_cut() -> None:
    text = ("I'm sorry if I hurt you. I'm sorry, I'm sorry, I'm sorry. You never deserved that. "
            "Whatever you say. Let's talk tonight at 8.")
    found = _rules(text)
    assert [words for kind, words in _issues(text) if kind == "over_apology"] == [
        "I'm sorry, I'm sorry, I'm sorry"]
    assert found.rewrite == ("I'm sorry I hurt you. I'm sorry. You never deserved that. "
                             "Let's talk tonight at 8.")
    assert "over_apology" not in [i.kind for i in _rules(found.rewrite).issues]


# J: a rewrite never cuts the person's concern or request down to the softener before it.
@pytest.mark.parametrize("text", [
    "I appreciate you, but you always interrupt me in meetings and I'd like you to stop.",
    "I know you try, but you never listen. I feel hurt.",
])
def test_no_rewrite_that_cuts_the_concern_after_a_softener(text: str) -> None:
    assert _rules(text).rewrite is None


# K: one issue per phrase.
@pytest.mark.parametrize("text", [
    "When you told me I was useless, I felt like you don't respect me.",
    "I felt hurt when you left early. Next time could you tell me first?",
])
def test_overlapping_issues_are_shown_once(text: str) -> None:
    spans = [(i.start, i.end) for i in _rules(text).issues]
    assert not any(a < d and c < b for n, (a, b) in enumerate(spans) for c, d in spans[n + 1:])


# L: every always/never verdict is flagged, and a rewrite keeps none of them.
def test_a_second_verdict_is_flagged_too() -> None:
    text = "You always interrupt. You never help."
    assert [words for kind, words in _issues(text) if kind == "always_never"] == [
        "You always", "You never"]


def test_a_rewrite_cuts_every_verdict() -> None:
    found = _rules("I'm sorry I was late, but you always do this. You never help.")
    assert found.rewrite == "I'm sorry I was late."


def test_a_list_on_lines_loses_the_cut_item_and_its_number() -> None:
    text = "1. I'm sorry I was late.\n2. You never wait for me.\n3. Let's talk tonight."
    assert _rules(text).rewrite == "1. I'm sorry I was late.\n2. Let's talk tonight."



@pytest.mark.parametrize("text", ["Im feeling ignored lately.", "I've been feeling ignored lately.",
                                  "Ive felt ignored.", "I have been feeling ignored."])
def test_a_blaming_feeling_in_every_spelling_of_i_am_feeling(text: str) -> None:
    result = mendkit.check(text, mode="rules")
    assert [i.kind for i in result.issues] == ["blaming_feeling"]
    assert result.rewrite is not None and "ignored" not in result.rewrite


# -- third pass (rerun2 report N2, N3, N6) --------------------------------------------------------

# N2: the rules decide which "never deserved ..." is a verdict, and it hides no verdict after it.
@pytest.mark.parametrize(("text", "verdicts"), [
    ("You never deserved me.", ["You never"]),
    ("You never deserve anything nice.", ["You never"]),
    ("You never deserved me. You never listen.", ["You never", "You never"]),
    ("You never deserved me, and you never will.", ["You never", "you never"]),
    ("You always deserved better than me, you never listen.", ["you never"]),
    ("You never did anything wrong, but you never listen.", ["you never"]),
])
def test_a_never_deserved_verdict_hides_no_other(text: str, verdicts: list[str]) -> None:
    assert [words for kind, words in _issues(text) if kind == "always_never"] == verdicts


@pytest.mark.parametrize("text", [
    "I was wrong. You never deserved that. I'm sorry.",
    "You never did anything to deserve this. I'm sorry.",
    "You never asked for any of this.",
])
def test_a_never_that_takes_their_side_is_still_no_verdict(text: str) -> None:
    assert "always_never" not in [kind for kind, _ in _issues(text)]


def test_the_cli_explains_the_label_on_you_never_deserved_me(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "You never deserved me. You never listen.", "--json",
                 "--mode", "rules"]) == 0
    shown = json.loads(capsys.readouterr().out)
    assert [i["kind"] for i in shown["issues"]] == ["always_never", "always_never"]


# N3: "My/Our apologies if <about them>" loses its whole lead-in, not just "apologies if".
@pytest.mark.parametrize(("text", "rewrite"), [
    ("My apologies if anyone was offended.", "I'm sorry I ..."),
    ("My apologies if you felt hurt.", "I'm sorry I ..."),
    ("Please accept my sincere apologies if you felt hurt.", "I'm sorry I ..."),
    ("Our apologies if anyone was inconvenienced.", "We're sorry for our part in this."),
])
def test_apologies_if_about_them_leaves_no_lead_in(text: str, rewrite: str) -> None:
    assert _rules(text).rewrite == rewrite


# N6: two verdicts in one sentence are both flagged, and cut.
def test_two_verdicts_in_one_sentence_are_both_flagged() -> None:
    text = "You always interrupt and you never help."
    assert [words for kind, words in _issues(text) if kind == "always_never"] == [
        "You always", "you never"]


def test_a_rewrite_cuts_both_verdicts_of_one_sentence() -> None:
    found = _rules("I'm sorry I was late. You always interrupt and you never help.")
    assert found.rewrite == "I'm sorry I was late."


# N6: one issue per phrase.
def test_you_never_apologise_is_one_issue() -> None:
    assert _issues("You never apologise.") == [("always_never", "You never")]


# N6: a lettered list loses the cut item's letter too, and keeps its letters in order.
@pytest.mark.parametrize(("text", "rewrite"), [
    ("a. I'm sorry. b. You never listen. c. Let's talk.", "a. I'm sorry. b. Let's talk."),
    ("a) I'm sorry I was late. b) You never wait for me.", "a) I'm sorry I was late."),
    ("A. I'm sorry. B. You never listen. C. Let's talk.", "A. I'm sorry. B. Let's talk."),
])
def test_a_cut_lettered_item_leaves_no_orphan_letter(text: str, rewrite: str) -> None:
    assert _rules(text).rewrite == rewrite


def test_apologies_after_a_lead_in_it_cannot_take_get_no_rewrite() -> None:
    found = _rules("With apologies if anyone was offended.")
    assert [i.kind for i in found.issues] == ["non_apology"]
    assert found.rewrite is None


def test_a_cut_item_marked_with_a_bracket_goes_whole() -> None:
    assert _rules("1) I'm sorry I was late. 2) You never wait for me. 3) Let's talk.").rewrite \
        == "1) I'm sorry I was late. 2) Let's talk."


@pytest.mark.parametrize(("text", "rewrite"), [
    ("We're sorry if you were upset.", "We're sorry for our part in this."),
    ("We are really sorry if you were upset.", "We're sorry for our part in this."),
    ("They're sorry if you were upset.", None),
    ("She is sorry if you were upset.", None),
    ("We're sorry if I was rude.", None),
])
def test_a_non_apology_of_we_or_they_is_not_made_mine(text: str, rewrite: str | None) -> None:
    assert mendkit.check(text, mode="rules").rewrite == rewrite
