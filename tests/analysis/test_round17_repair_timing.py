"""Round seventeen: an episode's "repair by" and time to repair come from the repair that counts:
the first repair by the one who moved against the other, or the first the other party took up.
The hurt person's feeling or request in the middle of the fight ("I miss you. I feel like I'm
not a priority.", met with "Mm.") is no repair that stops the clock."""

from __future__ import annotations

import mendkit
from mendkit import Conversation
from mendkit.model.conversation import Turn


def _conversation(lines: list[tuple[float, str, str]]) -> Conversation:
    return Conversation(id="t", turns=tuple(
        Turn(index=i, speaker=who, text=text, start=start)
        for i, (start, who, text) in enumerate(lines)))


# The tester's WhisperX transcript, trimmed: Bo minimises and withdraws; Ari's feeling and
# request come in the middle of it; Bo owns it over a minute later.
DINNER = [
    (0.0, "Ari", "So, um, I got your text about Friday."),
    (3.2, "Bo", "Yeah."),
    (4.1, "Ari", "And, like, honestly, it kind of hurt that you cancelled again."),
    (10.5, "Bo", "I mean, it's just one dinner, it's not a big deal."),
    (14.0, "Ari", "It's not just one dinner though. It's, like, the fourth time."),
    (18.2, "Bo", "Okay, so now you're keeping score. Cool."),
    (21.7, "Ari", "I'm not keeping score, I just, I miss you. I feel like I'm not a priority."),
    (27.9, "Bo", "Mm."),
    (33.5, "Bo", "I don't know what you want from me."),
    (36.8, "Ari", "Like, I just want you to, you know, show up when you say you will."),
    (95.0, "Bo", "Okay. You're right. I've been flaky and that's on me. I'm sorry I brushed it off."),
    (101.4, "Ari", "Thank you. That, um, that means a lot."),
]


def test_the_repair_is_timed_from_the_one_who_moved_against_the_other() -> None:
    for mode in ("rules", "full"):
        [episode] = mendkit.analyze(_conversation(DINNER), mode=mode).episodes
        assert episode.status == "resolved"
        assert episode.initiator == "Bo"
        assert episode.turns_to_repair is not None
        assert episode.start_turn + episode.turns_to_repair == 10
        assert episode.seconds_to_repair is not None and episode.seconds_to_repair > 80
        # the hurt person's turns stay in the episode's repair turns
        assert 6 in episode.repair_turns


def test_a_feeling_the_other_takes_up_is_the_repair() -> None:
    lines = [
        (0.0, "Ana", "You never listen to me, you're so selfish."),
        (5.0, "Ben", "I feel really hurt when you say that."),
        (9.0, "Ana", "Thank you for telling me that. I love you."),
    ]
    [episode] = mendkit.analyze(_conversation(lines), mode="rules").episodes
    assert (episode.initiator, episode.turns_to_repair, episode.seconds_to_repair) == (
        "Ben", 1, 5.0)


def test_the_first_repair_of_the_one_who_moved_against_counts_untaken() -> None:
    lines = [
        (0.0, "Ana", "I felt hurt when you left early."),
        (4.0, "Ben", "Oh please, you're way too sensitive."),
        (9.0, "Ana", "I need you to actually hear me on this."),
        (12.0, "Ben", "Whatever."),
        (70.0, "Ben", "You're right, that was unfair of me. I'm sorry."),
    ]
    [episode] = mendkit.analyze(_conversation(lines), mode="rules").episodes
    assert episode.status == "attempted"  # no one took it up yet
    assert (episode.initiator, episode.turns_to_repair, episode.seconds_to_repair) == (
        "Ben", 3, 66.0)
