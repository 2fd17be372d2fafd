"""Round thirteen of the critic (the testers' families, with new examples): a limit the person
sets is never cut from a rewrite nor answered with "say when you will come back to it"; owning
the other person's yelling or throwing earns no ownership, and pleading or putting oneself down
costs a little, with a kind word; rewrites never make someone admit an unknown wrong, never keep a
pushing question, a brush-off or a dangling "Never.", and never mangle "saying sorry"; a threat in
the message being answered is named as a threat to the person; lines quoted from an earlier email
are set aside; letters that need no answer are not asked for a request; a crisis is never
coached; and one's own past words, owned, are not a fresh verdict."""

from __future__ import annotations

import re

import pytest

import mendkit
from mendkit.analysis.pipeline import Mode
from mendkit.critic import MISSING_NOTE, critique
from mendkit.model import CheckResult


def rules(text: str, context: list[str] | None = None) -> CheckResult:
    return mendkit.check(text, mode="rules", context=context or [])


def kinds(result: CheckResult) -> set[str]:
    return {i.kind for i in result.issues}


def missing(result: CheckResult) -> list[str]:
    return [
        name
        for note in result.notes
        if note.startswith(MISSING_NOTE)
        for name in note.removeprefix(MISSING_NOTE).rstrip(".").split(", ")
    ]


def advice(result: CheckResult) -> str:
    return " ".join(f"{i.message} {i.suggestion}" for i in result.issues).lower()


def squeeze(text: str) -> str:
    return re.sub(r"\s+", " ", text.lower().replace("\u2019", "'")).strip(" .")


# 1. A limit the person sets stays, and is not coached as stonewalling or an insult.


@pytest.mark.parametrize(
    ("draft", "limit"),
    [
        (
            "Please stop messaging me. I've said this before. If you message me again I'll block you.",
            "Please stop messaging me",
        ),
        (
            "Please stop calling me. I've told you twice now. If you call again I will block your number.",
            "Please stop calling me",
        ),
        ("Stop texting me. I mean it. I've asked you three times.", "Stop texting me"),
        ("Don't contact me again. I have nothing more to say to you.", "Don't contact me again"),
        ("Please don't contact me again. I'm done talking about this.", "Please don't contact me again"),
        ("I'm not discussing this any more. My answer is no.", "My answer is no"),
        (
            "I care about you, and I can't be around you when you've been drinking.",
            "I can't be around you when you've been drinking",
        ),
        (
            "Love you lots, and I can't be around you when you're like this.",
            "I can't be around you when you're like this",
        ),
    ],
)
def test_a_limit_is_never_cut_nor_coached_away(draft: str, limit: str) -> None:
    result = rules(draft)
    if result.rewrite is not None:
        assert squeeze(limit) in squeeze(result.rewrite)
    said = advice(result)
    assert "come back to it" not in said
    assert "leave this part out" not in said
    assert not any(
        i.start < draft.index(limit) + len(limit) and draft.index(limit) < i.end for i in result.issues
    ), "the limit itself is not flagged"


def test_a_limit_counts_as_the_request_and_is_not_asked_for_more() -> None:
    result = rules(
        "Please stop calling me. I've told you twice now. If you call again I will block your number."
    )
    assert result.components["request"]
    assert not missing(result)  # no "add ownership" to a message that only sets a limit
    assert any("limit" in note.lower() for note in result.notes)
    plain = rules("I've told you twice now.")
    assert result.repair_quality > plain.repair_quality


def test_harsh_words_beside_a_limit_are_still_flagged() -> None:
    result = rules("You're a pathetic creep. Stop texting me.")
    assert kinds(result) & {"contempt", "hostility", "criticism"}
    if result.rewrite is not None:
        assert "stop texting me" in result.rewrite.lower()


def test_a_pause_with_no_limit_still_gets_the_pause_advice() -> None:
    result = rules("Whatever. I'm done talking about this.")
    assert "withdrawal" in kinds(result)


# 2. Owning their act is no ownership; pleading and put-downs cost a little, kindly.


@pytest.mark.parametrize(
    "draft",
    [
        "I'm sorry I made you swear at me. I'll try harder, I promise.",
        "I'm sorry I made you shout at me. I'll do better next time.",
        "I'm sorry I got you so angry that you broke the mug. I'll be more careful.",
        "I'm sorry you had to scream at me, I should have known better.",
        "It's my fault you lost your temper. I'm sorry. I'll be quieter.",
    ],
)
def test_owning_their_act_earns_no_ownership(draft: str) -> None:
    result = rules(draft)
    assert not result.components["ownership"]
    genuine = rules("I'm sorry I forgot to book the table. I'll sort it tomorrow, I promise.")
    assert result.repair_quality < genuine.repair_quality
    (issue,) = [i for i in result.issues if i.kind == "self_blame"]
    assert "you don't need to own" in issue.suggestion.lower()
    assert "ownership" not in missing(result)  # no push to own more of it


@pytest.mark.parametrize(
    ("draft", "noun"),
    [
        ("I'm sorry I made you shout at me.", "shouting"),
        ("I'm sorry you had to scream at me.", "screaming"),
        ("It's my fault you lost your temper.", "anger"),
    ],
)
def test_the_kind_word_names_what_they_did(draft: str, noun: str) -> None:
    (issue,) = [i for i in rules(draft).issues if i.kind == "self_blame"]
    assert noun in issue.suggestion


def test_owning_ones_own_act_is_still_ownership() -> None:
    for draft in (
        "I'm sorry I made you wait an hour.",
        "I'm sorry I made you cry.",
        "I'm sorry I shouted at you.",
        "It's my fault we were late.",
    ):
        result = rules(draft)
        assert "self_blame" not in kinds(result), draft


@pytest.mark.parametrize(
    "draft",
    [
        "Please just tell me what I did so I can make it right, I'll do whatever you want, I'm so sorry.",
        "I'm sorry I was short with you. I'm always too much, I'll change anything you want, just "
        "don't leave me.",
        "I'm sorry I snapped at you. I'm the worst. Please don't leave me.",
        "I'm sorry I was late, I'm such an idiot. I'll do anything to make it up to you.",
    ],
)
def test_pleading_and_put_downs_rank_below_a_sober_repair(draft: str) -> None:
    result = rules(draft)
    assert kinds(result) & {"pleading", "self_blame", "over_apology"}
    sober = rules("I'm sorry I snapped at you. I can see it hurt. Next time I'll take a breath first.")
    assert result.repair_quality < sober.repair_quality
    said = advice(result)
    assert "pause" not in said  # pleading is not a closed door


def test_pleading_is_named_gently_and_costs_a_little() -> None:
    plain = rules("I'm sorry I snapped at you.")
    pleading = rules("I'm sorry I snapped at you. Please don't leave me.")
    (issue,) = [i for i in pleading.issues if i.kind == "pleading"]
    text = pleading.text
    assert text[issue.start : issue.end].lower() == "please don't leave me"
    assert 0 < plain.repair_quality - pleading.repair_quality <= 0.1
    assert issue.kind in mendkit.critic.ISSUE_NAMES


def test_one_put_down_is_named() -> None:
    result = rules("I'm sorry I forgot your birthday, I ruin everything.")
    (issue,) = [i for i in result.issues if i.kind == "self_blame"]
    assert result.text[issue.start : issue.end] == "I ruin everything"
    assert result.components["ownership"]  # what they did is still owned


def test_a_grovelling_draft_ranks_below_a_sober_one_in_full_mode() -> None:
    grovel = (
        "Can we talk about what happened? We argued about the bins and you've not "
        "answered in hours. I'm sorry I kept texting. I'll do anything, please don't "
        "leave me. I'm always too much. I feel scared and I need to know you still love "
        "me. Next time, I will text you once and then wait."
    )
    sober = (
        "I'm sorry I kept texting after our argument about the bins. I felt scared when "
        "you didn't answer, and I get that you needed space. Could we talk tonight?"
    )
    modes: tuple[Mode, ...] = ("rules", "full")
    for mode in modes:
        assert (
            mendkit.check(grovel, mode=mode).repair_quality < mendkit.check(sober, mode=mode).repair_quality
        )


# 3. Rewrites that would say something worse than the draft.


@pytest.mark.parametrize(
    "draft",
    [
        "Are you upset with me? I'm sorry if I said something. Whatever it was I'm sorry.",
        "Sorry if I did something wrong. I don't know what it was.",
        "I'm sorry if I upset you somehow.",
    ],
)
def test_an_unknown_wrong_is_never_admitted(draft: str) -> None:
    result = rules(draft)
    if result.rewrite is not None:
        assert not re.search(r"sorry (?:that )?i (?:said|did|upset)", result.rewrite.lower())
    assert "non_apology" not in kinds(result)  # not blame: an apology that cannot say for what
    if result.issues:  # the rules may not flag it at all; if the critic speaks, it suggests asking
        assert "understand" in advice(result) or "ask" in advice(result)


def test_a_conditional_apology_for_a_named_act_is_still_rewritten() -> None:
    assert rules("I'm sorry if I hurt you when I laughed.").rewrite == "I'm sorry I hurt you when I laughed."


@pytest.mark.parametrize(
    "draft",
    [
        "I apologised already, what more do you want from me?",
        "I've said sorry twice, what else do you want?",
        "I said I'm sorry. What more do you want from me?",
    ],
)
def test_a_rewrite_never_keeps_a_pushing_question(draft: str) -> None:
    result = rules(draft)
    assert kinds(result)  # flagged
    if result.rewrite is not None:
        assert "want" not in result.rewrite.lower()
        assert not rules(result.rewrite).issues or "?" not in result.rewrite


def test_a_pushing_question_is_flagged_on_its_own() -> None:
    result = rules("I'm sorry I forgot the tickets. What more do you want from me?")
    assert "defensiveness" in kinds(result)
    assert result.rewrite == "I'm sorry I forgot the tickets."


def test_saying_sorry_keeps_its_sorry_in_a_rewrite() -> None:
    for draft in (
        "Sorry for being slow, sorry for saying sorry, sorry I'm like this",
        "Sorry for the noise, sorry for saying sorry so much, sorry, sorry.",
    ):
        rewrite = rules(draft).rewrite
        if rewrite is not None:
            assert "saying sorry" in rewrite.lower() or "saying" not in rewrite.lower(), rewrite


@pytest.mark.parametrize("context", [[], ["You never call when you say you will."]])
@pytest.mark.parametrize(
    "draft",
    [
        "I'm good. Forget it. I'm not even bothered",
        "I'm fine. Forget it. I ain't even stressed",
        "Whatever. Drop it. It's no big deal",
    ],
)
def test_a_rewrite_of_a_brush_off_is_no_brush_off(draft: str, context: list[str]) -> None:
    rewrite = rules(draft, context).rewrite
    assert rewrite is None


def test_a_cut_verdict_takes_its_echo_with_it() -> None:
    draft = (
        "Here is what has hurt.\n\n1. You laughed at my new job.\n2. You never ask how I "
        "am. Never. Not once this year.\n3. You left the party without me.\n\nI'm sorry "
        "I went quiet instead of saying so. I'd like us to talk on Sunday."
    )
    rewrite = rules(draft).rewrite
    assert rewrite is not None
    assert not re.search(r"(?:^|\n|\. )(?:\d\. )?Never\.", rewrite)
    assert "Not once this year" not in rewrite
    assert "2. You left the party without me." in rewrite


@pytest.mark.parametrize(
    "draft",
    [
        "Sorry, sorry, sorry, I want to kill myself.",
        "I'm sorry I'm such a burden, I'm the worst, I want to end my life.",
    ],
)
def test_a_crisis_is_never_rewritten_or_coached(draft: str) -> None:
    result = rules(draft)
    assert result.risk.crisis
    assert result.rewrite is None and not result.issues
    assert not missing(result)


def test_a_crisis_in_the_answered_message_stops_coaching() -> None:
    result = rules("Whatever. You never listen.", ["I can't do this anymore, I want to die."])
    assert result.risk.crisis and result.risk.in_context
    assert result.rewrite is None and not result.issues


# 4. A threat in the message being answered is a threat to the person.


@pytest.mark.parametrize(
    "threat",
    [
        "Talk back to me again and I'll hurt you.",
        "Do that again and you'll be sorry.",
        "Next time you show me up I'll break your arm.",
    ],
)
def test_a_threat_in_the_answered_message_is_named_as_one(threat: str) -> None:
    result = rules("I'm sorry, I won't do it again.", [threat])
    assert result.risk.crisis and result.risk.in_context
    note = result.notes[0]
    assert "threat to you" in note
    assert "not your fault" in note
    assert "may not be safe" not in note


def test_a_threat_the_model_alone_reads_is_named_as_one() -> None:
    from mendkit.critic import _context_note

    note = _context_note((), ["If you ever embarrass me like that again you'll regret it."])
    assert "threat to you" in note and "they may not be safe" not in note


def test_their_own_distress_keeps_its_own_note() -> None:
    result = rules("I'm sorry, I won't do it again.", ["I can't do this anymore, I want to die."])
    assert "threat to you" not in result.notes[0]
    result = rules("OK.", ["I'm going to hurt him when I see him."])
    assert "threat to you" not in result.notes[0]


# 5. Lines quoted from the message being answered are not the writer's words.

EMAIL = (
    "Hi Jo,\n\nYou're right that I cut you off in the planning call, and I'm sorry I did it "
    "in front of the team. I'd like to give your proposal the first slot on Thursday.\n\n"
    "Thanks,\nPriya\n\nOn Wed, 4 Dec 2026 at 17:02, Jo Lin <jo@example.com> wrote:\n"
    "> Priya, you always talk over me and frankly it's humiliating. You never let me\n"
    "> finish a sentence. Why do I even bother.\n>\n> Jo\n"
)


def test_a_quoted_thread_is_set_aside() -> None:
    result = rules(EMAIL)
    own = EMAIL[: EMAIL.index("On Wed")]
    alone = rules(own)
    assert result.repair_quality == pytest.approx(alone.repair_quality, abs=0.05)
    assert all(i.end <= len(own) for i in result.issues)
    assert all(e.end <= len(own) for e in result.evidence)
    assert any("quoted" in note.lower() for note in result.notes)
    assert result.text == EMAIL


def test_evidence_of_a_quoted_message_slices_the_original() -> None:
    draft = (
        "> you said I never listen\n> and you never do\n\nYou're right that I drift off "
        "when you talk about work. I'm sorry. I'd like to put my phone away when we talk."
        "\n\n> I'm tired of repeating myself\n\nThat makes sense."
    )
    modes: tuple[Mode, ...] = ("rules", "full")
    for mode in modes:
        result = mendkit.check(draft, mode=mode)
        assert "always_never" not in kinds(result)
        for e in result.evidence:
            assert draft[e.start : e.end] == e.text
            if e.source.startswith("rule:"):  # the model's reading spans the whole message
                assert not draft[e.start : e.end].lstrip().startswith(">")
        for i in result.issues:
            assert ">" not in draft[i.start : i.end]


def test_a_crisis_in_quoted_lines_is_still_seen() -> None:
    draft = "I'm here. Can I call you now?\n\nOn Mon, Sam wrote:\n> I want to kill myself tonight."
    result = rules(draft)
    assert result.risk.crisis


def test_a_face_is_no_quote() -> None:
    result = rules(">:( you never listen to me")
    assert "always_never" in kinds(result) or "criticism" in kinds(result)


# 6. A letter that needs no answer is not asked for a request.


@pytest.mark.parametrize(
    "draft",
    [
        "I'm sorry I read your diary. It was wrong of me. You don't need to reply to this.",
        "I'm sorry I missed your wedding. I don't expect an answer, I just wanted you to know.",
        "Nan, I'm sorry I didn't visit more before you died. I think of you every day.",
        "Dad, it's been a year since you passed. I'm sorry I never said thank you.",
    ],
)
def test_a_letter_is_not_asked_for_a_request(draft: str) -> None:
    result = rules(draft)
    assert "request" not in missing(result)


def test_an_ordinary_apology_is_still_asked_for_a_request() -> None:
    assert "request" in missing(rules("I'm sorry I read your diary. It was wrong of me."))


# 7. The model's reading of a long letter does not make the critic ask for what it says.


def test_a_part_the_rules_found_is_not_called_missing_in_full_mode() -> None:
    filler = " ".join(["We had a long week, with the move and the boxes and the rain."] * 12)
    draft = (
        f"Dear Kit,\n\n{filler}\n\nI'm sorry I snapped at you on Friday. It makes complete "
        "sense that you were hurt and that you left early."
    )
    assert "validation" not in missing(critique(draft, mode="full"))


# 8. One's own past words, named in order to own them, are not a fresh verdict.


@pytest.mark.parametrize(
    "draft",
    [
        "I'm sorry I said you never think about anyone but yourself. That wasn't fair.",
        "When I told you that you never listen, I was wrong to say it. I'm sorry.",
    ],
)
def test_owned_past_words_are_not_flagged(draft: str) -> None:
    assert "always_never" not in kinds(rules(draft))


def test_a_fresh_verdict_is_still_flagged() -> None:
    assert "always_never" in kinds(rules("I'm sorry I was late. You never listen though."))
    assert "always_never" in kinds(rules("I said it before: you never listen."))
