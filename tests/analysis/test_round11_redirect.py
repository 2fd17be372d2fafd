"""Round 11: answering someone's distress by moving straight to a task or another topic, with no
acknowledgement, dismisses the feeling (therapist misattunement; DESIGN.md invalidation /
dismissing). The same redirect after a neutral turn, a redirect after acknowledging the feeling,
and a client changing the subject are not this rupture."""

from __future__ import annotations

import pytest

import mendkit

INVALIDATION = "rupture.invalidation"
PANIC = "I had another panic attack on the train. I felt like I was dying."
LOW = "I've been really low all week."


def _labels(text: str, *before: str) -> tuple[str, ...]:
    return mendkit.check(text, mode="rules", context=before).labels


@pytest.mark.parametrize(("before", "text"), [
    (PANIC, "Let's look at your sleep diary instead."),
    (LOW, "Did you complete the thought record?"),
    (PANIC, "Okay, let's get back to the exposure hierarchy."),
    (LOW, "We only have ten minutes left, so let's set homework."),
    ("My dad's diagnosis came through. I can't stop thinking about it.",
     "Let's get back to your exposure hierarchy."),
    ("I just feel so alone since the breakup.", "Did you complete the thought record I gave you?"),
    ("I cried the whole weekend.", "Let's look at your sleep diary instead."),
    ("I was so angry I couldn't breathe.",
     "Anyway, we only have ten minutes left, so let's set next week's goals."),
])
def test_a_redirect_straight_after_distress_is_dismissing(before: str, text: str) -> None:
    assert INVALIDATION in _labels(text, before)


@pytest.mark.parametrize(("before", "text"), [
    # the same redirect after a neutral turn
    ("Shall we start?", "Let's look at your sleep diary."),
    ("Morning! Sorry I'm a bit late.", "Did you complete the thought record?"),
    ("Item two is approved.", "Okay, let's move on to the agenda for next week."),
    # acknowledging first, or exploring the feeling
    (PANIC, "That sounds frightening. Let's look at what happened just before it."),
    (LOW, "I'm sorry it's been such a hard week. Let's look at your mood diary together."),
    (LOW, "That makes sense after the week you've had. Did you manage the homework at all?"),
    (PANIC, "Let's try a slow breathing exercise together first."),
    (LOW, "We only have ten minutes left, so let's make sure you're safe this week."),
    # the person who disclosed is not the one redirecting; laughter is not distress
    ("How have you been feeling this week?", "Can we look at my sleep diary instead?"),
    ("I cried laughing at that film lol", "Did you do the homework?"),
])
def test_redirects_that_do_not_pass_over_a_feeling_are_left_alone(before: str, text: str) -> None:
    assert INVALIDATION not in _labels(text, before)
