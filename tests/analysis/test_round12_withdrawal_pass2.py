"""Round 12, second pass: withdrawal and invalidation after the testers' re-runs. Slack's own emoji
codes (":ok_hand:", a thumbs-up with a skin tone, ":+1::skin-tone-3:") after a put-down are minimal
responses, as 👍 and ":+1:" are; a "relax" that answers a fright with news that everyone is safe,
or that calms a whole group, is reassurance, while "relax, it's not a big deal" still shrinks the
other's concern; laughing off a parent's worry about you ("haha stop worrying mum", "lmaooo ok
mum") dismisses it."""

from __future__ import annotations

import pytest
from test_round12_withdrawal import _turn

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation

WITHDRAWAL = "rupture.withdrawal"
INVALIDATION = "rupture.invalidation"


def _subtypes(label: str, text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == label}


# --- 1. Slack emoji codes and skin tones after a put-down -----------------------------------------

PUT_DOWNS = (
    "The report is late again. I shouldn't have to chase you for this.",
    "Frankly I expected better from a senior engineer.",
    "The client numbers are wrong again. Not sure why this is so hard.",
    "If this happens one more time you're off the account.",
)
CODES = (":ok_hand:", ":+1::skin-tone-3:", ":+1::skin-tone-2:", ":thumbsup::skin-tone-5:",
         ":ok_hand::skin-tone-4:", "👍🏽", "👌🏻", ":thumbs_up:")


@pytest.mark.parametrize("before", PUT_DOWNS)
@pytest.mark.parametrize("text", CODES)
def test_an_emoji_code_alone_after_a_put_down_is_a_minimal_response(before: str,
                                                                     text: str) -> None:
    assert "minimal_response" in _subtypes(WITHDRAWAL, text, (before,))


@pytest.mark.parametrize("before", [
    "Let's meet at 3 to go over the plan.",
    "Reminder: retro at 3pm in the big room.",
    "I'll send the slides over in the morning.",
    "Thanks, that fixed it!",
])
@pytest.mark.parametrize("text", CODES)
def test_an_emoji_code_after_a_neutral_message_is_not_withdrawal(before: str, text: str) -> None:
    assert WITHDRAWAL not in _turn(text, (before,)).labels


@pytest.mark.parametrize("text", [":ok_hand:", ":+1::skin-tone-3:"])
def test_the_reported_emoji_codes_in_check_context(text: str) -> None:
    result = mendkit.check(text, mode="rules", context=(PUT_DOWNS[0],))
    assert WITHDRAWAL in result.labels


def test_a_skin_toned_thumbs_up_in_a_slack_style_thread() -> None:
    conversation = Conversation.from_turns([
        ("Gavin", "Frankly I expected better from a senior engineer."),
        ("Richard", ":+1::skin-tone-2:"),
    ])
    analysis = analyze_conversation(conversation, mode="rules")
    assert WITHDRAWAL in analysis.turns[1].labels


# --- 2. "relax" as reassurance ---------------------------------------------------------------------

@pytest.mark.parametrize(("before", "text"), [
    (("Where ARE you? It's midnight!",),
     "Relax, everyone is fine, the car is fine, I'm just running late."),
    (("Are you ok?? I just saw the news about the crash on the M6",),
     "relax, we're all safe, we weren't anywhere near it"),
    (("Mum, the kids are busy, it's not personal.",), "Relax everyone lol, I'll ring tonight Nan"),
    (("Nobody ever rings me anymore. I could be lying on the floor for days.",),
     "Relax everyone lol, I'll ring tonight Nan"),
    (("Who broke the vase?? Nobody is leaving this room!",),
     "Everyone relax, nobody's hurt and I'll glue it back tonight"),
])
def test_relax_with_news_that_everyone_is_safe_or_to_a_whole_group_is_not_minimising(
        before: tuple[str, ...], text: str) -> None:
    assert "minimizing" not in _subtypes(INVALIDATION, text, before)


@pytest.mark.parametrize(("before", "text"), [
    (("Where ARE you? It's midnight!",), "Relax, it's not a big deal."),
    (("Where ARE you? It's midnight!",), "omg relax, everyone's fine, it's literally one night"),
    (("I'm really upset you forgot my birthday.",), "relax, it's not a big deal"),
    (("It's my PhD viva Ananya, not a dentist appointment I can rebook",),
     "Arre both of you chill, it's one breakfast, Nani won't even remember"),
    (("Nobody ever rings me anymore. I could be lying on the floor for days.",),
     "Relax everyone, it's not that deep"),
    (("You agreed to twelve people in our house and I find out from your mother's group text.",),
     "Babe, relax. I'll do the turkey, you won't have to lift a finger."),
    (("You said you'd be home by 11. It's 1am.",), "Relax, I'm fine. Stop being so dramatic."),
])
def test_relax_that_shrinks_the_concern_is_still_minimising(before: tuple[str, ...],
                                                            text: str) -> None:
    assert "minimizing" in _subtypes(INVALIDATION, text, before)


# --- 3. laughing off a worry about you -------------------------------------------------------------

@pytest.mark.parametrize(("before", "text"), [
    (("I'm worried you're not eating properly since the breakup.",), "haha stop worrying mum"),
    (("I'm worried about how much you're drinking at uni.",), "lmaooo ok mum"),
    (("I worry about you, you seem so tired lately.",), "lol ok"),
    (("I'm really worried about you, you've seemed so down lately.",), "😂😂"),
    (("Dad and I are worried about you, love. You've not been yourself.",),
     "you worry too much lol"),
    (("I'm concerned about you driving that far on your own.",), "lmao chill dad i'm fine"),
])
def test_laughing_off_a_worry_about_you_is_dismissing(before: tuple[str, ...], text: str) -> None:
    assert "dismissing" in _subtypes(INVALIDATION, text, before)


def test_laughing_off_a_worry_in_check_context() -> None:
    result = mendkit.check("haha stop worrying mum", mode="rules",
                           context=("I'm worried you're not eating properly since the breakup.",))
    assert INVALIDATION in result.labels


@pytest.mark.parametrize(("before", "text"), [
    (("I'm worried you're not eating properly since the breakup.",),
     "haha don't worry mum, I'm eating loads, had a massive roast at Sam's yesterday ❤️"),
    (("I'm worried about how much you're drinking at uni.",),
     "I know you worry. I've cut down a lot, honestly, I'm only going out on Fridays now."),
    (("Dinner's at 7, don't be late.",), "lol ok mum"),
    (("I'm worried the cat is plotting against me 😂",), "haha stop worrying"),
    (("haha you'll be fine, I'm not worried about you at all",), "haha stop worrying mum"),
])
def test_reassurance_or_laughing_at_a_joke_is_not_dismissing(before: tuple[str, ...],
                                                             text: str) -> None:
    assert "dismissing" not in _subtypes(INVALIDATION, text, before)


# --- the same in full mode: the rules' reading holds against the model -----------------------------

def test_full_mode_keeps_reassurance_and_the_laugh_off_apart() -> None:
    reassurance = mendkit.check(
        "Relax, everyone is fine, the car is fine, I'm just running late.", mode="full",
        context=("Where ARE you? It's midnight!",))
    assert INVALIDATION not in reassurance.labels
    laugh_off = mendkit.check("haha stop worrying mum", mode="full",
                              context=("I'm worried you're not eating properly since the breakup.",))
    assert INVALIDATION in laugh_off.labels
    assert "reconnect" not in laugh_off.labels


# --- a bystander's "ok" in a group -----------------------------------------------------------------

GROUP_CHAT = [
    ("Ana", "new mockups are up in Figma, feedback by Wednesday please"),
    ("Ana", "@Ben these icons aren't what we agreed. Did you even read the brief?"),
    ("Ben", "I did read it."),
    ("Cara", "who's doing the retro notes?"),
    ("Ben", "Ana, you were right to flag it - I missed the updated brief, that's on me. "
            "I'll redo the icons today."),
    ("Ana", "Thanks Ben, appreciate it - and sorry I was short yesterday."),
]


@pytest.mark.xfail(strict=True, reason=(
    "the rules see only whether a repair came in the last two turns, not whom it spoke to: "
    "pipeline.context_for must set aside a repair that names someone else in a group"))
def test_a_bystanders_ok_after_an_apology_to_someone_else_is_not_withdrawal() -> None:
    conversation = Conversation.from_turns([*GROUP_CHAT, ("Cara", "ok")])
    analysis = analyze_conversation(conversation, mode="rules")
    assert WITHDRAWAL not in analysis.turns[-1].labels


@pytest.mark.parametrize("said", ["ok", ":+1::skin-tone-2:"])
def test_ok_after_a_put_down_aimed_at_the_replier_in_a_group_is_still_withdrawal(said: str) -> None:
    conversation = Conversation.from_turns([
        *GROUP_CHAT, ("Ana", "@Cara the retro notes last week were a mess. Again."), ("Cara", said),
    ])
    analysis = analyze_conversation(conversation, mode="rules")
    assert WITHDRAWAL in analysis.turns[-1].labels


def test_ok_after_an_apology_to_the_replier_by_name_is_still_withdrawal() -> None:
    conversation = Conversation.from_turns([
        ("Rohan", "Meera, that's the third time you've ignored what I said about Vikram."),
        ("Meera", "Oh please."),
        ("Rohan", "It was childish, the eye-roll. Meera, I'm sorry I mocked you."),
        ("Sunil", "Can we get back to the budget?"),
        ("Rohan", "Meera, I mean it, I'm sorry."),
        ("Meera", "Okay."),
    ])
    analysis = analyze_conversation(conversation, mode="rules")
    assert WITHDRAWAL in analysis.turns[-1].labels
