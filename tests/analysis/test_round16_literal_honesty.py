"""Round 16: literal honesty is not withdrawal (testers t5 P5, t6 P5).

"No. I write short messages. I am not mad." answering "are you mad at me?" is an answer, not a
denial: nothing shows but the question. "I'm not going to answer that now. I will answer tomorrow
when I have thought about it." is a pause with a time, not stonewalling. "I went quiet because I
felt ashamed, not because I don't care." owns a feeling; it is no defence. A past shutdown told
inside a repair, and a stacked "sorry" that names what the speaker did, do not move away. The
same words where a feeling shows, or with no time to come back, still do.
"""

from __future__ import annotations

from pathlib import Path

import pytest

import mendkit
from mendkit.model import TurnAnalysis

WITHDRAWAL, INVALIDATION = "rupture.withdrawal", "rupture.invalidation"
FEELING, RESPONSIBILITY = "repair.feeling", "repair.responsibility"
MODES = ["rules", "full"]


def _reply(before: list[str], reply: str, mode: str) -> TurnAnalysis:
    turns = [*(("Leah", text) for text in before), ("Marcus", reply)]
    return mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode).turns[-1]


@pytest.mark.parametrize("mode", MODES)
def test_not_mad_answering_are_you_mad_is_an_answer(mode: str) -> None:
    turn = _reply(["hey are we still on for saturday??", "ok cool. are you mad at me? you seem short"],
                  "No. I write short messages. I am not mad.", mode)
    assert WITHDRAWAL not in turn.labels


def test_not_upset_where_the_feeling_shows_is_still_denial() -> None:
    turn = _reply(["You've been quiet all night and you haven't touched your tacos. You always do "
                   "this."], "I'm not upset, I'm just not hungry", "rules")
    assert WITHDRAWAL in turn.labels


@pytest.mark.parametrize("mode", MODES)
def test_a_pause_with_a_time_to_answer_is_no_stonewalling(mode: str) -> None:
    result = mendkit.check("I'm not going to answer that now. I will answer tomorrow when I have "
                           "thought about it.", mode=mode)
    assert WITHDRAWAL not in result.labels
    assert not any(issue.kind == "stonewalling" for issue in result.issues)


@pytest.mark.parametrize("text", ["I'm not answering that.", "I'm not going to answer that. Ever."])
def test_a_refusal_with_no_return_still_stonewalls(text: str) -> None:
    assert WITHDRAWAL in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize("mode", MODES)
def test_shame_owned_as_the_reason_is_a_feeling_not_a_defence(mode: str) -> None:
    turn = _reply(["Okay. You're right, I should have texted when the meeting ran over. I'm sorry, "
                   "that was thoughtless."],
                  "I think I went quiet because I felt ashamed, not because I don't care.", mode)
    assert FEELING in turn.labels and INVALIDATION not in turn.labels


def test_being_late_is_still_no_proof_of_caring() -> None:
    assert INVALIDATION in mendkit.check("Being late doesn't mean I don't care about you.",
                                         mode="rules").labels


# t6's conversation: a repair, and an invitation to eat at the end of it.
DINNER = """Priya: You said you'd be home by seven and it's nearly ten. I made dinner for both of us.
Tom: Can we not do this right now? I'm wiped.
Priya: We never do it. Every time I bring something up you're too tired.
Tom: Whatever. Fine.
Priya: That's exactly what I mean. You just shut the door on me.
Tom: Okay. You're right, I should have texted when the meeting ran over. I'm sorry, that was thoughtless.
Tom: I think I went quiet because I felt ashamed, not because I don't care.
Priya: Thank you for saying that. I was worried, more than angry, honestly.
Tom: Next time I'll text by six if I'm going to be late. Can we eat together now?
Priya: Yes. I'd like that.
"""


@pytest.mark.parametrize("mode", MODES)
def test_an_invitation_at_the_end_of_a_repair_opens_no_episode(mode: str, tmp_path: Path) -> None:
    path = tmp_path / "dinner.txt"
    path.write_text(DINNER, encoding="utf-8")
    analysis = mendkit.analyze(path, mode=mode)
    assert WITHDRAWAL not in analysis.turns[8].labels
    assert [e.status for e in analysis.episodes] == ["resolved"]


@pytest.mark.parametrize("mode", MODES)
def test_a_shutdown_told_inside_a_repair_is_no_withdrawal(mode: str) -> None:
    turn = _reply(["I'm sorry I forgot, and I'm sorry I threw your sister's birthday back at you."],
                  "Thank you. I was scared about missing a dose, and then I was angry, and then I "
                  "shut down. I went quiet because my brain stopped making words, not to punish you.",
                  mode)
    assert WITHDRAWAL not in turn.labels and FEELING in turn.labels


def test_shutting_down_now_is_still_dissociation() -> None:
    assert WITHDRAWAL in mendkit.check("i just shut down", mode="rules").labels


@pytest.mark.parametrize("mode", MODES)
def test_a_stacked_sorry_that_names_the_act_is_an_apology(mode: str) -> None:
    result = mendkit.check("Sorry sorry sorry I forgot to reply for three days, ADHD brain ate your "
                           "message. I wasn't ignoring you!!", mode=mode)
    assert WITHDRAWAL not in result.labels and RESPONSIBILITY in result.labels


def test_a_stacked_sorry_that_only_placates_still_appeases() -> None:
    assert WITHDRAWAL in mendkit.check("Sorry, sorry, sorry. I'll stop talking.",
                                       mode="rules").labels



@pytest.mark.parametrize("mode", MODES)
def test_letting_the_other_in_is_no_withdrawal(mode: str) -> None:
    turns = [("Dana", "I can't do this right now."),
             ("Chris", "Seriously? You're just going to walk off?"), ("Dana", "Yes."),
             ("Chris", "Can I come in? I want to try again, properly this time."),
             ("Dana", "Okay.")]
    turn = mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode).turns[-1]
    assert WITHDRAWAL not in turn.labels
