"""Round 16 (testers t1, t2, t3): crisis talk around a sign, in both modes.

A second person's "same lol" after a suicidal message is a possible crisis sign of theirs; an
answer to a friend's clarifying question ("the second one", "i wouldnt do anything. probably")
goes on with the sign, while the friend's question is not their own crisis; support during a
crisis is neither confrontation nor withdrawal, and the disclosure repairs no earlier rupture; a
crisis only the model read is not called hostile and marks its episode; "I'm safe" answering
"are you safe?" is no sign.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.crisis_talk import calm_crisis_talk, with_crisis_marks
from mendkit.analysis.safety import turns_alert
from mendkit.labels import CRISIS, is_repair, is_rupture
from mendkit.model import Conversation, Episode, Evidence, Safety, TurnAnalysis

MODES = ["rules", "full"]

SAME = [("Mia", "i dont want to be here anymore"), ("Zoe", "same lol"), ("Mia", "fr?"),
        ("Zoe", "ya fr. like every day")]

# Tester t1's chat c02, turns 11-28 (a disclosure between friends after a joke and an eye-roll).
DISCLOSURE = [
    ("Zoe", "mr patel really said \"its easy if you revised\" ok sir 🙄"),
    ("Mia", "im crying 😭"),
    ("Zoe", "anyway wyd sat"),
    ("Mia", "cant."),
    ("Mia", "wait ok i need to tell u smth but dont make it weird"),
    ("Mia", "ngl ive been so not ok lately"),
    ("Mia", "like i dont want to be here anymore"),
    ("Mia", "not in a dramatic way lol i just. idk"),
    ("Zoe", "wait mia"),
    ("Zoe", "like dont want to be here as in school or as in here here"),
    ("Mia", "the second one"),
    ("Mia", "i wouldnt do anything. probably"),
    ("Zoe", "ok im really glad u told me"),
    ("Zoe", "can i call u rn. or we can just text if thats easier"),
    ("Mia", "text"),
    ("Zoe", "ok. have u told anyone else? ur mum or ms okafor?"),
    ("Mia", "no and dont tell them pls"),
    ("Zoe", "i wont go behind ur back but i think we should tell someone together. i'll come w u tmrw"),
    ("Mia", "ok"),
    ("Mia", "ty for not being weird about it"),
]
ASKED, SECOND, PROBABLY = 9, 10, 11  # positions in DISCLOSURE

# Tester t1's chat c07: a friend who did everything right.
SUPPORT = [
    ("Rhys", "u up"), ("Cal", "ya cant sleep whats up"), ("Rhys", "nothing really"),
    ("Rhys", "actually no"), ("Rhys", "been thinking abt sewerslide again"),
    ("Rhys", "like more than usual"), ("Cal", "wait fr?"), ("Rhys", "fr"),
    ("Rhys", "i looked up how many of my meds it would take"),
    ("Cal", "ok thank u for telling me. im not going anywhere"),
    ("Cal", "are u safe rn? like are the meds near u"), ("Rhys", "theyre in the bathroom"),
    ("Cal", "can u give them to ur sister for tonight. and can i call 988 with u on speaker"),
    ("Rhys", "idk man i dont wanna be dramatic lol"),
    ("Cal", "ur not being dramatic. this is serious and u matter to me"), ("Rhys", "ok"),
    ("Rhys", "ok ill give them to mads"), ("Cal", "im calling u now pick up"),
]

# Tester t2's x1: "I'm here. I'm not going anywhere." after a suicide disclosure.
HERE = [("Ali", "You've been really distant lately. What's going on?"),
        ("Rory", "Nothing. Leave it."), ("Ali", "Come on, talk to me."),
        ("Rory", "I can't do this any more. I just want to go to sleep and not wake up. I've been "
                 "thinking about ending it."),
        ("Ali", "Rory, I'm here. I'm not going anywhere.")]


def _analyse(turns: list[tuple[str, str]], mode: str) -> mendkit.Analysis:
    return mendkit.analyze(Conversation.from_turns(turns), mode=mode)


# 1. A second person agreeing with a suicidal message (t1 P3).

@pytest.mark.parametrize("mode", MODES)
def test_same_after_a_suicidal_message_is_a_sign_of_the_second_person(mode: str) -> None:
    analysis = _analyse(SAME, mode)
    assert analysis.safety.turns == (0, 1, 3)
    agreeing = [e for e in analysis.turns[1].evidence if e.label == CRISIS]
    assert agreeing and agreeing[0].source.startswith("context:agrees with another person's")
    assert "(turn 0, Mia)" in agreeing[0].source
    assert not any(is_rupture(label) for label in analysis.turns[3].labels)


@pytest.mark.parametrize("mode", MODES)
def test_same_after_exam_hyperbole_is_no_sign(mode: str) -> None:
    analysis = _analyse([("Mia", "bro im gonna kms this exam lol"), ("Zoe", "same 💀")], mode)
    assert 1 not in analysis.safety.turns


@pytest.mark.parametrize("mode", MODES)
def test_same_in_a_checked_reply_is_the_writers_own_sign(mode: str) -> None:
    result = mendkit.check("omg same lol", context=["like i dont want to be here anymore"],
                           mode=mode)
    assert result.risk.crisis and CRISIS in result.labels
    assert "suicide" in result.risk.kinds


# 2. Answers to a clarifying question; the helper's question is not theirs (t1 P5).

@pytest.mark.parametrize("mode", MODES)
def test_answers_to_a_clarifying_question_are_signs_and_the_question_is_not(mode: str) -> None:
    analysis = _analyse(DISCLOSURE, mode)
    assert {SECOND, PROBABLY} <= set(analysis.safety.turns)
    assert ASKED not in analysis.safety.turns
    assert CRISIS not in analysis.turns[ASKED].labels


@pytest.mark.parametrize("mode", MODES)
def test_picking_the_everyday_reading_is_no_sign(mode: str) -> None:
    turns = [("Mia", "i dont want to be here anymore"),
             ("Zoe", "like dont want to be here as in school or as in here here"),
             ("Mia", "school lol. exams are killing me")]
    assert 2 not in _analyse(turns, mode).safety.turns


def test_a_helpers_safety_question_is_not_their_crisis() -> None:
    analysis = _analyse(SUPPORT, "full")
    assert 10 not in analysis.safety.turns  # "are u safe rn? like are the meds near u"
    assert {4, 8} <= set(analysis.safety.turns)


# 3. Support during a crisis is no rupture, and repairs nothing earlier (t1 P4, t2 P12).

@pytest.mark.parametrize("mode", MODES)
def test_support_during_a_crisis_is_neither_confrontation_nor_withdrawal(mode: str) -> None:
    analysis = _analyse(SUPPORT, mode)
    for turn in analysis.turns[9:]:
        assert not any(is_rupture(label) for label in turn.labels), turn
    assert analysis.episodes == ()


@pytest.mark.parametrize("mode", MODES)
def test_im_here_after_a_suicide_disclosure_is_warmth(mode: str) -> None:
    last = _analyse(HERE, mode).turns[4]
    assert "reconnect" in last.labels
    assert "rupture.withdrawal" not in last.labels


@pytest.mark.parametrize("mode", MODES)
def test_a_disclosure_repairs_no_earlier_rupture(mode: str) -> None:
    analysis = _analyse(DISCLOSURE, mode)
    mia = {i for i, (speaker, _) in enumerate(DISCLOSURE) if speaker == "Mia"}
    for ep in analysis.episodes:
        assert not set(ep.repair_turns) & mia, ep  # her telling is no repair of the eye-roll
    for i in range(3, 8):  # her lead-in to telling and the telling: no repair, no rupture
        assert not any(is_repair(x) or is_rupture(x) for x in analysis.turns[i].labels)


@pytest.mark.parametrize("mode", MODES)
def test_the_whole_chat_has_no_episode_resolved_by_the_disclosure(mode: str) -> None:
    # the whole of tester t1's c02, as it was sent
    chat = [("Zoe", "did u start the chem revision"), ("Mia", "LMAOOO no"),
            ("Mia", "bro im gonna kms this exam lol"), ("Zoe", "same 💀"), DISCLOSURE[0],
            DISCLOSURE[1], ("Mia", "he's so real for that tho"), DISCLOSURE[2],
            ("Mia", "nothing prob"), ("Zoe", "cinema??"), *DISCLOSURE[3:], ("Zoe", "always 🫶")]
    analysis = _analyse(chat, mode)
    telling = set(range(10, 15))  # Mia's lead-in to telling and the telling
    for ep in analysis.episodes:
        assert not set(ep.repair_turns) & telling, ep
        assert not (ep.status == "resolved" and ep.start_turn < 10), ep


# 4. A crisis only the model read (t2 P3, P4).

def _turn(index: int, speaker: str, text: str, *labels_sources: tuple[str, str]) -> TurnAnalysis:
    evidence = tuple(Evidence(label=label, subtype=None, start=0, end=len(text), text=text,
                              source=source, score=0.9) for label, source in labels_sources)
    return TurnAnalysis(index=index, speaker=speaker, text=text,
                        labels=tuple(dict.fromkeys(label for label, _ in labels_sources)),
                        scores={label: 0.9 for label, _ in labels_sources}, evidence=evidence)


MODEL = "model:mend-minilm-int8-v18, no rule matched"


def test_a_crisis_only_the_model_read_is_not_called_hostile() -> None:
    turn = _turn(3, "Rory", "Ah cannae dae this nae mair.", ("rupture.confrontation", MODEL),
                 ("rupture.invalidation", MODEL), (CRISIS, MODEL))
    (calm,) = calm_crisis_talk([turn])
    assert calm.labels == (CRISIS,)


def test_an_episode_with_a_crisis_only_the_model_read_is_a_crisis_episode() -> None:
    turns = [_turn(0, "Ali", "Come on, talk to me."), _turn(1, "Rory", "Nothin. Leave it."),
             _turn(2, "Ali", "Talk to me."), _turn(3, "Rory", "Ah cannae.", (CRISIS, MODEL))]
    open_ep = Episode(start_turn=1, end_turn=2, labels=("rupture.withdrawal",), severity="minor",
                      status="attempted", rupture_turns=(1,), repair_turns=(2,))
    (marked,) = with_crisis_marks([open_ep], turns)
    assert CRISIS in marked.labels and marked.severity == "major"
    assert marked.end_turn == 3 and 3 in marked.rupture_turns
    resolved = Episode(start_turn=1, end_turn=2, labels=("rupture.withdrawal",),
                       severity="minor", status="resolved", rupture_turns=(1,))
    assert with_crisis_marks([resolved], turns) == (resolved,)  # a closed one stays closed


def test_the_alert_says_plainly_what_a_model_only_sign_may_be() -> None:
    said = turns_alert(Safety(crisis=True, turns=(3,)), {3: "Rory"})
    assert "suicide, self-harm or danger from someone else" in said
    assert "danger or harm" not in said


def test_a_model_only_crisis_answering_a_safety_question_takes_its_kind() -> None:
    turns = [_turn(0, "Thabo", "When you say not needed, are you having thoughts of hurting "
                               "yourself?"),
             _turn(1, "Kasia", "Sometimes I think it will be easier for everybody when I am "
                               "not here anymore.", (CRISIS, MODEL))]
    from mendkit.analysis.safety import assess, with_context_signs
    safety = assess(turns)
    assert safety.kinds == ("self_harm",)
    marked = with_context_signs(turns)[1]
    assert any(e.source.startswith("context:") for e in marked.evidence)


# 5. "I'm safe" answering "are you safe?" (t3 P9).

@pytest.mark.parametrize("mode", MODES)
def test_im_safe_answering_are_you_safe_is_no_sign(mode: str) -> None:
    turns = [("Tom", "some days I think it'd be easier for everyone if I just wasn't around"),
             ("Hannah", "Tom. Are you safe right now? I'm coming home."),
             ("Tom", "I'm safe. I don't mean I'd do anything. I'm just really tired. yeah "
                     "you can come round")]
    analysis = _analyse(turns, mode)
    assert analysis.safety.turns == (0,)
    assert not any(2 in ep.rupture_turns for ep in analysis.episodes)


@pytest.mark.parametrize(("answer", "sign"), [
    ("I'm not safe", True), ("not really", True), ("I'm okay, thanks for asking", False),
    ("it's ok, I'm safe, thanks for asking", False)])
def test_answers_to_are_you_safe(answer: str, sign: bool) -> None:
    turns = [("Tom", "some days I think it'd be easier for everyone if I just wasn't around"),
             ("Hannah", "Are you safe right now?"), ("Tom", answer)]
    assert (2 in _analyse(turns, "rules").safety.turns) is sign
