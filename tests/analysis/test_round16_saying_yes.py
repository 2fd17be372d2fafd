"""Round 16: saying yes to a repair, and affection said as an insult.

A yes said twice over ("yeah ok", "ok ok") answering the other's invitation or promise after a
repair takes it up (reconnect), in both modes; a bare "Ok." after an apology stays a minimal
response, as the corpus labels it. A truce or an apology accepted in so many words, and thanks
for how the other took one's apology, reconnect whatever came just before. "you're an idiot but
you're my idiot" is warmth, not contempt, and the model's confrontation on such a message is
cancelled too (testers t1 P9/P12, t4 P7).
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Analysis, TurnAnalysis

WITHDRAWAL, CONFRONTATION, RECONNECT = "rupture.withdrawal", "rupture.confrontation", "reconnect"
MODES = ["rules", "full"]


def _chat(turns: list[tuple[str, str]], mode: str) -> Analysis:
    return mendkit.analyze(mendkit.Conversation.from_turns(turns), mode=mode)


# t1 c01's ending: an apology, a validation, an invitation, and "yeah ok".
COUPLE = [
    ("Jaden", "you were right, i left you there and that's not ok"),
    ("Jaden", "im sorry fr. next time i'll stay w u or we leave together"),
    ("Priya", "thank u for saying that tho"),
    ("Priya", "i still feel kinda stupid ngl. like everyone saw"),
    ("Jaden", "that makes sense. u weren't stupid, i made it weird"),
    ("Jaden", "can i come over tmrw and we talk properly"),
    ("Priya", "yeah ok"),
]
# t1 c04: the group's promise for next time, and Tom's "ok ok".
GROUP = [
    ("Tom", "ngl it kinda hurt. like 3 of us and 2 of u go??"),
    ("Dev", "that's fair. next time group chat first no side plans"),
    ("Tom", "ok ok"),
]


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("turns", [COUPLE, GROUP], ids=["invitation", "promise"])
def test_a_doubled_yes_to_an_invitation_or_promise_takes_it_up(
        turns: list[tuple[str, str]], mode: str) -> None:
    analysis = _chat(turns, mode)
    last = analysis.turns[-1]
    assert RECONNECT in last.labels
    assert WITHDRAWAL not in last.labels
    # ... so no episode opens on the answer itself (c01 showed "21-21 unresolved").
    assert not any(e.start_turn == last.index for e in analysis.episodes)


@pytest.mark.parametrize("mode", MODES)
def test_check_reads_yeah_ok_to_an_invitation_as_a_yes(mode: str) -> None:
    result = mendkit.check("yeah ok", context=["im sorry fr, i made it weird",
                                              "can i come over tmrw and we talk properly"],
                           mode=mode)
    assert WITHDRAWAL not in result.labels


def _reply(before: list[str], reply: str, mode: str) -> TurnAnalysis:
    return _chat([*(("Ana", text) for text in before), ("Sam", reply)], mode).turns[-1]


@pytest.mark.parametrize(("before", "reply"), [
    # the corpus: a bare "Ok." after an apology and an invitation moves away
    (["Amma, sorry for snapping last night. That's no excuse.",
      "Can we talk about it on the Sunday call instead of msgs?"], "Ok."),
    # a doubled yes after a harsh remark is no acceptance
    (["You never listen, you're useless.", "Next time just do what I ask."], "yeah ok"),
    # nor a yes to no invitation at all
    (["I'm sorry I shouted.", "I was wrong."], "ok ok"),
])
def test_no_acceptance_where_the_yes_answers_nothing_offered(before: list[str],
                                                             reply: str) -> None:
    assert RECONNECT not in _reply(before, reply, "rules").labels


# t4 c06: an apology, a truce offered, two turns about biscuits, and the truce accepted.
GOBLIN = [
    ("Priya", "I was a grumpy goblin about the washing up and I bit your head off. sorry, that "
              "wasn't fair on you"),
    ("Zoe", "ha. it was a bit much tbh"),
    ("Priya", "it was. I'd had the worst day at work and I took it out on you. truce? I'll bring "
              "the good biscuits"),
    ("Zoe", "the chocolate hobnobs or the sad digestives"),
    ("Priya", "hobnobs. I'm not a monster"),
    ("Zoe", "fine, truce accepted 😂 and I'll actually do my dishes tonight, I know they'd "
            "piled up"),
    ("Priya", "deal. thank you for being nice about it"),
    ("Zoe", "you're an idiot but you're my idiot"),
]


@pytest.mark.parametrize("mode", MODES)
def test_a_warm_repair_ends_warm(mode: str) -> None:
    analysis = _chat(GOBLIN, mode)
    accepted, thanks, idiot = analysis.turns[-3:]
    assert RECONNECT in accepted.labels and RECONNECT in thanks.labels
    assert RECONNECT in idiot.labels and CONFRONTATION not in idiot.labels
    assert not any(e.status == "unresolved" for e in analysis.episodes)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", ["you're an idiot but you're my idiot",
                                  "you're such a dork lol. that's why we're friends"])
def test_an_affectionate_insult_is_warmth(text: str, mode: str) -> None:
    result = mendkit.check(text, context=["i made u a playlist of songs about cheese"], mode=mode)
    assert CONFRONTATION not in result.labels


@pytest.mark.parametrize("text", ["you're an idiot and you're my problem now",
                                  "you're such a loser, honestly, I'm sick of you"])
def test_an_insult_without_the_turn_round_stays_a_rupture(text: str) -> None:
    assert CONFRONTATION in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize("text", ["Apology not accepted.", "Thanks for being so nice about the "
                                  "delay, the client has signed."])
def test_refusals_and_routine_thanks_are_no_reconnect(text: str) -> None:
    assert RECONNECT not in mendkit.check(text, mode="rules").labels


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("apology", "answer"), [
    ("im sorry fr. next time i'll stay w u", "ily"),
    ("sorry about earlier", "we good"),
])
def test_love_or_we_good_answering_an_apology_reconnects(apology: str, answer: str,
                                                         mode: str) -> None:
    assert RECONNECT in _reply([apology], answer, mode).labels


@pytest.mark.parametrize("mode", MODES)
def test_a_playful_price_after_a_repair_takes_it_up(mode: str) -> None:
    turn = _chat([*GROUP, ("Tom", "ur paying for my shoes at bowling tho")], mode).turns[-1]
    assert RECONNECT in turn.labels and CONFRONTATION not in turn.labels
