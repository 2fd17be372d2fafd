"""Round twelve of the critic (the testers' examples): a conditional apology for someone's
feelings followed by blame is flagged; a rewrite of "sorry you were upset that I ..." keeps the
act the writer owned; a "though" or "But" that pointed at a cut sentence goes with it; a "could
you ...?" ask in a repair message counts as its request; a rewrite never deletes the apology a
withdrawal reading ran over; and the advice on a flagged phrase in an affectionate message does
not assume anger, while still flagging it."""

from __future__ import annotations

import re

import pytest

import mendkit
from mendkit.critic import _MESSAGES, MISSING_NOTE, _as_teasing
from mendkit.model import Issue


def rules(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


def kinds(result: mendkit.CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


def missing(result: mendkit.CheckResult) -> list[str]:
    return [name for note in result.notes if note.startswith(MISSING_NOTE)
            for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")]


# 1. An apology for how someone else felt, on an "if", then blame.

@pytest.mark.parametrize("draft", [
    "I'm sorry if she felt hurt, but my sister started it.",
    "I'm sorry if he was upset, but he started it.",
    "Sorry if they got offended.",
])
def test_a_conditional_apology_for_their_feelings_is_flagged(draft: str) -> None:
    result = rules(draft)
    assert kinds(result) & {"non_apology", "sorry_but"}
    assert result.repair_quality < rules("I'm sorry I yelled at her.").repair_quality
    if result.rewrite is not None:  # the blame goes with the non-apology
        assert "started it" not in result.rewrite
        assert "if" not in result.rewrite.lower().split()


@pytest.mark.parametrize("draft", [
    "I'm sorry she was hurt in the accident.",  # sympathy, no "if"
    "I'm so sorry he felt so alone at the party.",
    "I'm sorry I hurt her feelings.",  # the writer's own act
])
def test_sympathy_and_owned_acts_are_not_non_apologies(draft: str) -> None:
    assert "non_apology" not in kinds(rules(draft))


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("I'm sorry you were upset that I forgot their birthday.", "I'm sorry I forgot their birthday."),
    ("I'm sorry you got upset when I left early.", "I'm sorry I left early."),
    ("I'm sorry if you were hurt that I didn't call.", "I'm sorry I didn't call."),
])
def test_the_rewrite_keeps_the_act_the_writer_owned(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite


@pytest.mark.parametrize("draft", [
    "I'm sorry you feel that I was rude.",  # their view of it, not an admission
    "I'm sorry you were upset that I was only joking.",  # an excuse, not an act to own
])
def test_their_view_is_not_turned_into_an_admission(draft: str) -> None:
    rewrite = rules(draft).rewrite
    assert rewrite is None or not re.search(r"sorry I (?:was rude|was only joking)", rewrite)


@pytest.mark.parametrize(("draft", "rewrite"), [
    ("You always take his side, and I'm sick of it. I'm sorry I yelled at him though.",
     "I'm sorry I yelled at him."),
    ("You never listen. But I'm sorry I yelled.", "I'm sorry I yelled."),
])
def test_a_contrast_with_a_cut_sentence_goes_with_it(draft: str, rewrite: str) -> None:
    assert rules(draft).rewrite == rewrite


def test_though_stays_when_nothing_before_it_was_cut() -> None:
    draft = "I know it was late. I'm sorry I yelled at him though. You always take his side."
    rewrite = rules(draft).rewrite
    assert rewrite is not None and "though" in rewrite


# 2. A plain "could you ...?" ask in a repair message is its request.

@pytest.mark.parametrize("draft", [
    "Can we talk about the argument about the dishes? I'm sorry that I snapped at him. "
    "I understand why you were upset. Could you help more with dishes?",
    "I'm sorry I snapped at you. Could you listen to me when I ask for help?",
    "I feel hurt about last night. Can you put your phone away at dinner?",
])
def test_a_could_you_ask_in_a_repair_is_its_request(draft: str) -> None:
    result = rules(draft)
    assert result.components["request"]
    assert "request" not in missing(result)


@pytest.mark.parametrize("draft", [
    "I'm sorry I was late. Could you pass me the file?",  # task talk
    "Could you for once listen to me? I'm sorry I snapped.",  # pressure, not a request
    "Could you help more with dishes?",  # no repair around it: the rules' call
    "I'm sorry I snapped. Can you believe the traffic today?",  # not an ask
])
def test_task_talk_demands_and_lone_asks_are_not_counted(draft: str) -> None:
    assert not rules(draft).components["request"]


def test_a_counted_ask_raises_the_score() -> None:
    with_ask = rules("I'm sorry I snapped at you. Could you help more with the dishes?")
    without = rules("I'm sorry I snapped at you.")
    assert with_ask.repair_quality > without.repair_quality


# 3. A withdrawal reading never costs the apology; warm teasing is not read as anger.

def test_an_owning_apology_after_youre_right_is_kept() -> None:
    result = rules("You're right, I'm sorry. I kept teasing you after you told me to stop. "
                   "That was unkind.")
    assert "withdrawal" not in kinds(result)
    assert result.rewrite is None or "sorry" in result.rewrite.lower()


@pytest.mark.parametrize("draft", [
    "You're right, I'm sorry. Can we just drop it?",
    "Fine, I'm sorry. Whatever.",
    "OK, sorry. Forget it.",
])
def test_a_withdrawal_rewrite_never_deletes_the_apology(draft: str) -> None:
    rewrite = rules(draft).rewrite
    assert rewrite is None or "sorry" in rewrite.lower()


def test_youre_right_im_sorry_alone_is_still_read_as_appeasing() -> None:
    # nothing owned elsewhere: the closing-the-door reading stands (where the rules read it)
    result = rules("You're right, I'm sorry. Can we just drop it?")
    if "rupture.withdrawal" in result.labels:
        assert "withdrawal" in kinds(result)


def _issue(kind: str, text: str) -> Issue:
    message, suggestion = _MESSAGES[kind]
    return Issue(kind=kind, start=0, end=len(text), message=message, suggestion=suggestion)


def _angry(issue: Issue) -> bool:
    words = f"{issue.message} {issue.suggestion}".lower()
    return "angry" in words or "attack and end" in words


@pytest.mark.parametrize(("draft", "kind"), [
    ("you absolute idiot, I love you", "hostility"),
    ("I hate you lol", "hostility"),
    ("You're the worst. Bring me back a coffee? \u2764\ufe0f", "criticism"),
    ("haha you're such a drama queen, come here and have a hug", "criticism"),
    ("you muppet, it's on the top shelf where it always is xx", "contempt"),
])
def test_warmth_or_a_laugh_reads_as_possible_teasing(draft: str, kind: str) -> None:
    (issue,) = _as_teasing(draft, [_issue(kind, draft)])
    assert issue.kind == kind  # still flagged, and still costing the score
    assert not _angry(issue)
    assert "teas" in issue.message.lower()


@pytest.mark.parametrize(("draft", "kind"), [
    ("You absolute idiot.", "hostility"),  # no warmth: the advice is as before
    ("I hate you.", "hostility"),
    ("lol you're pathetic", "contempt"),  # laughing at them is the contempt
    ("lol you're pathetic", "criticism"),
    ("I don't love you anymore, you idiot", "hostility"),  # a love denied is no warmth
    ("love you too, genius \U0001f644", "contempt"),  # the eye-roll makes it scorn
])
def test_without_warmth_the_advice_is_unchanged(draft: str, kind: str) -> None:
    issues = [_issue(kind, draft)]
    if kind == "criticism":
        issues.append(_issue("contempt", draft))
    assert _as_teasing(draft, issues) == issues


@pytest.mark.parametrize("draft", [
    "you absolute idiot, I love you",
    "I hate you lol",
    "I hate you so much haha",
    "You're the worst. Bring me back a coffee? \u2764\ufe0f",
    "haha you're such a drama queen, come here and have a hug",
])
@pytest.mark.parametrize("mode", ["rules", "full"])
def test_check_never_reads_teasing_as_anger(draft: str, mode: str) -> None:
    result = mendkit.check(draft, mode=mode)  # type: ignore[arg-type]
    for issue in result.issues:
        assert not _angry(issue)


def test_plain_contempt_keeps_its_words() -> None:
    result = rules("lol you're pathetic")
    assert {"contempt", "criticism", "hostility"} & kinds(result)  # not hidden
    for issue in result.issues:
        assert "teas" not in issue.message.lower()

