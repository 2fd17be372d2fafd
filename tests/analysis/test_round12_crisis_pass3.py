"""Round 12, third pass on the crisis rules, from the re-run reports (pronouns #1; banter #1, #6).

- Violence by a named person against the writer ("Sam hit me last night", "Jordan slapped me",
  "Ana threw a plate at me") is danger, as "He hit me" already was; so is a reported threat
  ("He said he'll slap me if I talk back one more time"). Calls, news, sport, games, play, a
  realisation ("it hit me") and accidents ("the ball hit me", "a car hit me") are not.
- Hopelessness wrapped in a joke: "not great tbh. don't really see the point of anything
  anymore lol"; a place to die described as inviting ("the bridge on my way home looks more
  inviting every day haha", "the tracks keep calling me").
- "I'll kill you if you watch the next episode without me" is TV hyperbole, like the film case.
- The coach's step-away words for a stop about hurting someone: "make him pay", "knock his
  teeth out".
"""

from __future__ import annotations

import pytest

import mendkit
from mendkit.coach.safety_gate import harm_to_others
from mendkit.model.analysis import Safety


def _risk(text: str, mode: str = "rules") -> Safety:
    return mendkit.check(text, mode=mode).risk


# pronouns #1: a named person hitting the writer

@pytest.mark.parametrize("text", [
    "Sam hit me last night",
    "Sam hit me last night when I got home late",
    "Robin hit me last night",
    "Jordan slapped me",
    "Dev punched me in the face",
    "Tom hits me when he drinks",
    "Ana threw a plate at me",
    "Robin hit me and they said they would do it again",
    "We argued and then Sam hit me.",
    "Priya kicked me in the stomach",
])
def test_a_named_person_hitting_the_writer_is_danger(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "abuse_danger" in risk.kinds, text


@pytest.mark.parametrize("text", [
    "He said he'll slap me if I talk back one more time.",
    "Sam said he'll punch me if I tell anyone",
    "She'll slap me again if I'm late, she said so",
])
def test_a_reported_threat_to_hit_the_writer_is_danger(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "abuse_danger" in risk.kinds, text


@pytest.mark.parametrize("text", [
    "Sam hit me up last night",
    "Sam hit me with the news over lunch",
    "Sam hit me back with a text an hour later",
    "It hit me last night that I was wrong",
    "Then it hit me.",
    "Reality hit me hard this morning",
    "The ball hit me in the face at football",
    "A car hit me on the way home and I broke my wrist",
    "Jordan beat me at chess again",
    "Sam beat me at tennis, three sets",
    "Dev punched me on the arm playing around lol",
    "Ana threw a party for me",
    "Jordan slapped me a high five",
    "Sam hit me with a pillow lol",
    "Tom kicked me under the table to stop me laughing",
])
def test_calls_news_games_play_and_accidents_are_no_danger(text: str) -> None:
    assert not _risk(text).crisis, text


def test_the_coach_stops_on_a_named_person_hitting_the_writer() -> None:
    # the check the coach's gate runs on an answer
    assert _risk("Sam hit me last night when I got home late").crisis


# banter #1: hopelessness in a joke, an inviting place to die

@pytest.mark.parametrize("text", [
    "not great tbh. don't really see the point of anything anymore lol",
    "not ok tbh, don't see the point of it all anymore",
    "rough few weeks. honestly can't see the point of anything anymore haha",
    "funny how the bridge on my way home looks more inviting every day haha",
    "the train tracks keep calling me",
    "the rooftop keeps calling to me lately",
    "that bridge near work is looking more and more tempting",
])
def test_hopelessness_and_an_inviting_place_to_die_are_a_crisis(text: str) -> None:
    risk = _risk(text)
    assert risk.crisis, text
    assert "suicide" in risk.kinds, text


@pytest.mark.parametrize("text", [
    "not great tbh but the meeting went fine",
    "don't see the point of this meeting anymore lol",
    "not great, the team lost again. I don't see the point anymore",
    "the pool looks so inviting today",
    "the beach is calling me",
    "that rooftop bar looks inviting haha",
    "the bridge by the river looks inviting for a walk",
    "the rooftop at the hotel looks so inviting for drinks tonight",
])
def test_a_bad_day_a_pointless_meeting_and_a_nice_place_are_nothing(text: str) -> None:
    assert not _risk(text).crisis, text


# banter #6: TV hyperbole

@pytest.mark.parametrize("text", [
    "I'll kill you if you watch the next episode without me",
    "I'll kill you if you watch the finale without me",
    "i will kill you if you start the new season without me",
    "I'll kill you if you binge the whole series without me",
])
def test_tv_hyperbole_is_no_threat(text: str) -> None:
    assert not _risk(text).crisis, text


@pytest.mark.parametrize("text", [
    "I'll kill you if you show up at my house again",
    "I'll kill you if you touch my sister again",
])
def test_a_real_threat_near_tv_words_still_counts(text: str) -> None:
    assert _risk(text).crisis, text


# coach: step-away words

@pytest.mark.parametrize("text", [
    "I'll make him pay for this",
    "i'm going to make her pay",
    "I'm gonna knock his teeth out",
    "I swear I'll knock her teeth out",
    "i'll knock his lights out",
])
def test_threats_to_a_person_get_the_step_away_words(text: str) -> None:
    assert harm_to_others(text), text


@pytest.mark.parametrize("text", [
    "I'll make him pay the deposit",
    "I knocked the vase over",
    "I want to hurt myself",
    "I told him he'd make her pay",
])
def test_paying_a_bill_and_accidents_get_no_step_away_words(text: str) -> None:
    assert not harm_to_others(text), text
