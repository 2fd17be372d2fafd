"""Round 12, second pass on the crisis rules, from the re-run reports (family #1, #3, #9; heat #3).

- "I'd rather be dead than be a burden on you kids": the passive wish to die reaches past care
  homes, while "I'd rather die than go to karaoke" and other trivial preferences stay clean.
- "honestly i dont see the point anymore" after the same person's "not good tbh" a line or two
  before, in an analysed conversation (split messages, a short question from someone else
  between).
- A parent's "you'll be sorry when I'm gone" is a guilt trip about their own death: never a
  threat to hurt someone (harm_to_others); recall first, it is a gentle suicide-kind sign.
  "You'll be sorry if you miss it" is no sign at all.
- "I swear I'll slap you if you talk back to me one more time": "one more time" is an ultimatum,
  not a farewell; and in the writer's own draft a threat to "you" is harm they may do, not
  danger to them.
- Threats to a person in anger ("I'll beat the crap out of him", "gonna knock his teeth out",
  "I'll make him pay for this") are harm_to_others, as the bare "make him pay" already was.
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.analysis.rules import engine_rules
from mendkit.analysis.safety import assess
from mendkit.labels import CRISIS
from mendkit.model import Conversation, TurnAnalysis
from mendkit.model.analysis import Safety


def _check(text: str) -> mendkit.CheckResult:
    return mendkit.check(text, mode="rules")


def _risk(text: str) -> Safety:
    return _check(text).risk


def _safety(*turns: tuple[str, str]) -> Safety:
    return analyze_conversation(Conversation.from_turns(list(turns)), mode="rules").safety


# family #1: the passive wish to die, beyond care homes

@pytest.mark.parametrize("text", [
    "I'd rather be dead than be a burden on you kids.",
    "I'd rather die than be a burden to anyone.",
    "Dad keeps saying he'd rather be dead than be a burden on us.",
    "honestly id rather die than become a burden",
    "I'd rather die than go back to him.",
    "I'd sooner be dead than live without her.",
    "I'd rather die than go on living like this.",
    "I'd rather die than lose my independence.",
    "I'd rather be dead than have strangers wiping my bum.",
    "I'd rather die than spend another year like this.",
])
def test_a_passive_wish_to_die_rather_than_a_hard_life_is_a_crisis(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert risk.kinds == ("suicide",), text


@pytest.mark.parametrize("text", [
    "I'd rather die than go to karaoke",
    "I'd rather be dead than wear that jumper.",
    "I'd rather die than eat there again lol",
    "I'd rather die than lose to you at FIFA",
    "I'd rather be dead than be a Spurs fan",
    "She announced she'd rather die than be a sheep again in the nativity.",
    "The hairdresser butchered my fringe. I'd rather be dead than be seen at the wedding like "
    "this.",
    "I'd rather die than go back to that restaurant.",
    "I'd rather die than spend another Christmas at my in-laws' lol",
    "I'd rather die than lose to him at pool again.",
])
def test_trivial_preferences_stay_clean(text: str) -> None:
    assert not _risk(text).crisis, text


# family #1: "don't see the point" a line or two after the same person's "not good"

def test_no_point_right_after_the_same_persons_not_good_is_a_crisis_sign() -> None:
    safety = _safety(("Mum", "how are you doing really?"), ("Jess", "not good tbh"),
                     ("Jess", "honestly i dont see the point anymore"))
    assert safety.turns == (2,)
    assert safety.kinds == ("suicide",)


def test_a_short_question_between_does_not_part_them() -> None:
    # chat messages come in pieces: "oh no" / "what's up?" from the other person
    safety = _safety(("Mum", "how are you doing really?"), ("Jess", "not good tbh"),
                     ("Mum", "oh no"), ("Mum", "what's up?"),
                     ("Jess", "honestly i dont see the point anymore"))
    assert safety.turns == (4,)
    assert safety.kinds == ("suicide",)


def test_a_filler_line_of_the_same_person_between_does_not_part_them() -> None:
    safety = _safety(("Mum", "how are you doing really?"), ("Jess", "not good tbh"),
                     ("Jess", "like"), ("Jess", "honestly i dont see the point anymore"))
    assert safety.turns == (3,)


def test_a_confirmation_a_line_later_still_joins_the_sign() -> None:
    safety = _safety(("Lou", "I'd be better off dead tbh"), ("Max", "wait"),
                     ("Max", "what??"), ("Lou", "I'm serious"))
    assert safety.turns == (0, 3)


@pytest.mark.parametrize("turns", [
    # long after: the talk has moved on
    (("Jess", "not good tbh"), ("Mum", "oh no"), ("Dad", "dinner's ready"), ("Mum", "coming"),
     ("Jess", "honestly i dont see the point anymore")),
    # low about a thing (as in one message: "Not great, the team lost again...")
    (("Jess", "not great, the team lost again"), ("Mum", "oh no"),
     ("Jess", "honestly i dont see the point anymore")),
    (("Sam", "work has been awful this week"), ("Sam", "i dont see the point anymore")),
])
def test_no_point_long_after_or_about_a_thing_is_nothing(turns: tuple[tuple[str, str], ...],
                                                          ) -> None:
    assert not _safety(*turns).crisis


def test_in_one_message_check_reads_it_too() -> None:
    # `mend check --context` takes the context as the other person's words: the same person's
    # "not good" is read there only when it is in the message checked.
    assert _risk("not good tbh. honestly i dont see the point anymore").crisis


# family #3: a guilt trip about one's own death is no threat to hurt someone

@pytest.mark.parametrize("text", [
    "One day I'll be gone and then you'll be sorry you never visited.",
    "You'll be sorry when I'm gone.",
    "They'll all be sorry when I'm dead.",
    "They'll be sorry when I'm dead.",
    "one day i'll be dead and you'll all be sorry",
])
def test_you_will_be_sorry_when_im_gone_is_a_gentle_suicide_sign_not_a_threat(text: str,
                                                                             ) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert risk.kinds == ("suicide",), text


@pytest.mark.parametrize("text", [
    "Come to the party, you'll be sorry if you miss it!",
    "You'll be sorry you didn't get tickets, it's going to be amazing.",
    "I won't be here forever you know.",
    "I'll be gone by the time you're back, you'll be sorry you missed the cake.",
])
def test_missing_out_and_plain_mortality_are_no_crisis(text: str) -> None:
    assert not _risk(text).crisis, text


@pytest.mark.parametrize("text", [
    "You'll be sorry.",
    "You'll be sorry if you leave me.",
    "He'll be sorry. I know where he parks.",
])
def test_a_veiled_threat_is_still_harm_to_others(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "harm_to_others" in risk.kinds, text


# family #9: "one more time" is an ultimatum; the writer's own threat to "you"

def test_one_more_time_in_an_ultimatum_is_no_farewell() -> None:
    result = _check("I swear I'll slap you if you talk back to me one more time.")
    assert result.risk.crisis
    assert "suicide" not in result.risk.kinds
    assert not [e for e in result.evidence if e.label == CRISIS and e.subtype == "suicide"]
    assert not _risk("If you leave your dishes in the sink one more time, I'm changing the "
                     "wifi password.").crisis


def test_a_farewell_one_more_time_is_still_a_hint() -> None:
    # a weak hint: it counts only with others, so the rules engine is asked directly
    text = "I just wanted to hear your voice one more time."
    assert [h for h in engine_rules().find(text)
            if h.rule.id == "crisis/weak-final-01" and "one more time" in text[h.start:h.end]]


def _turn(text: str, speaker: str = "me") -> TurnAnalysis:
    conversation = Conversation.from_turns([(speaker, text)])
    return analyze_conversation(conversation, mode="rules").turns[0]


def test_the_writers_own_threat_to_you_is_harm_to_others() -> None:
    turn = _turn("I swear I'll slap you if you talk back to me one more time.")
    assert assess([turn], writer=True).kinds == ("harm_to_others",)
    assert assess([turn], writer=True).crisis
    # read by the one it is said to (an analysis of the conversation), it is danger to them
    assert assess([turn]).kinds == ("abuse_danger",)


@pytest.mark.parametrize("text", [
    "My partner said 'I'll kill you if you leave' and I think he means it.",
    "He hits me when he's drunk.",
])
def test_danger_the_writer_reports_stays_abuse_danger(text: str) -> None:
    assert assess([_turn(text)], writer=True).kinds == ("abuse_danger",)


def test_a_threat_in_a_conversation_stays_danger_to_the_one_threatened() -> None:
    safety = _safety(("Mum", "I swear I'll slap you if you talk back to me one more time."),
                     ("Teen", "whatever"))
    assert safety.kinds == ("abuse_danger",)


# heat #3: threats to a person in anger

@pytest.mark.parametrize("text", [
    "I'll beat the crap out of him",
    "im gonna beat the shit out of her when she gets back",
    "gonna knock his teeth out",
    "I'm going to knock his block off",
    "I'll make him pay for this",
    "I swear I'll make her pay for what she did",
    "make him pay",
    "i'll make her sorry she was born",
    "I'll make him sorry he ever crossed me",
    "he'll regret it when I'm done with him",
])
def test_a_threat_to_a_person_in_anger_is_harm_to_others(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert risk.kinds == ("harm_to_others",), text


@pytest.mark.parametrize("text", [
    "I'll make him pay for dinner next time lol",
    "I'll make him pay back the money he owes me",
    "Make him pay the deposit, not you.",
    "Get a good lawyer, go for the house, and make her pay for it.",
    "I'll make him pay for this round, he owes me one lol",
    "I'll beat the crap out of him at FIFA tonight",
    "The storm beat the crap out of the tent.",
    "We'll make them sorry they doubted us on Saturday.",
    "I'll be sorry when I'm done with this job, I love it here.",
])
def test_paying_games_and_sport_are_no_threat(text: str) -> None:
    assert not _risk(text).crisis, text
