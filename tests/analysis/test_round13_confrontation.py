"""Round 13: confrontation the testers saw missed in dialect and colloquial English (negative
concord and habitual "be", "muppet", "cop on", "what nonsense is this", "lairy", "aye right",
"bang out of order", Singlish "why you so like that one"), cruelty missed in conversations
("dinner's cold because of you. Typical.", "I don't know why we hired you", "cue the
waterworks"), and confrontation invented on the writer's own words (an own lapse told as a story,
an apology's "no excuses", a boundary, "you didn't do anything wrong", passive ideation read as
hostility)."""

from __future__ import annotations

import pytest
from test_round12_confrontation import _turn

CONFRONTATION = "rupture.confrontation"


def _subtypes(text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == CONFRONTATION}


# --- 1. AAE grammar: negative concord and habitual "be" -------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "You don't never tell me nothing",
        "you don't never call me back when you say you will",
        "You ain't never on time for nothing.",
        "See, this what you be doing. You just shut down",
        "That's what you be doing every time we argue",
        "you always be on your phone when I'm talking",
        "This how you be acting when your boys are round",
    ],
)
def test_aae_negative_concord_and_habitual_be_are_criticism(text: str) -> None:
    assert "criticism" in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Will you be doing the school run tomorrow?",
        "I don't want you to be doing all of it alone.",
        "You don't never have to apologise to me for crying.",
        "Could you be any sweeter? Thank you for the flowers.",
        "Whatever you be doing next year, I'm proud of you.",
    ],
)
def test_future_be_and_kind_negative_concord_are_not_criticism(text: str) -> None:
    assert _subtypes(text) == set()


# --- 2. dialect insults and rebukes ----------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "you're being a right muppet, honestly",
        "Stop being such a numpty about the bins.",
        "You're a proper plonker, you know that?",
        "Ah would you ever cop on to yourself",
        "You need to cop yourself on, seriously.",
        "Cop on, it's not my job to remind you.",
        "Priya, kindly explain why the deck is still not sent. What nonsense is this?",
        "What rubbish is this? Redo it.",
        "don't get lairy with me",
        "Don't you get mouthy with me, young man.",
        "Aye right, like you'd ever bother",
        "Like you'd ever remember my birthday.",
        "Nah you're bang out of order mate, proper disrespectful",
        "Mate, you were well out of order last night.",
        "Aiyo, why you so like that one? Every time also late",
        "Every time also forget to reply, why ah?",
    ],
)
def test_dialect_insults_and_rebukes_are_confrontation(text: str) -> None:
    assert _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "We watched the Muppets with the kids last night.",
        "haha you muppet, love you",
        "There was a cop on every corner after the match.",
        "It's not like you'd ever hurt me, I know that.",
        "Aye, right enough, it was a good night.",
        "The lift is out of order, take the stairs.",
        "Why you like that one? The blue one nicer what.",
        "Every time also happy to see you!",
    ],
)
def test_dialect_look_alikes_are_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()


# --- 3. cruelty in conversations ---------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "And dinner's cold now because of you. Typical.",
        "The food's gone cold because of you.",
        "You forgot the milk again. Typical.",
        "Honestly I don't know why we hired you.",
        "I honestly don't know why I married you.",
        "Sometimes I don't know why we even keep you on.",
    ],
)
def test_blame_and_scorn_are_confrontation(text: str) -> None:
    assert _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm smiling all day because of you.",
        "I got the job, and it's all because of you!",
        "I don't know why we hired a van, we could have walked.",
        "Rain on my day off. Typical!",
    ],
)
def test_praise_and_grumbles_about_the_weather_are_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()


@pytest.mark.parametrize(
    "text",
    [
        "Oh here we go, the waterworks. Sorry I'm such a monster, right?",
        "Cue the waterworks.",
        "Here we go again with the tears.",
        "Sorry I'm such an awful boyfriend, right?",
    ],
)
def test_mocking_tears_and_a_sarcastic_sorry_are_contempt(text: str) -> None:
    assert "contempt" in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "Sorry I'm such a mess right now, it's been a long week.",
        "Here we go, the link's in the chat.",
    ],
)
def test_a_sincere_sorry_and_here_we_go_are_not_contempt(text: str) -> None:
    assert "contempt" not in _subtypes(text)


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Yeah, you are.", ("You're pathetic.", "You're right. I'm useless at this.")),
        ("Yep. You really are.", ("I'm such an idiot, aren't I?",)),
    ],
)
def test_agreeing_with_a_self_put_down_is_contempt(text: str, before: tuple[str, ...]) -> None:
    assert "contempt" in _subtypes(text, before)


@pytest.mark.parametrize(
    ("text", "before"),
    [
        ("Yeah, you are!", ("I'm going to be an aunt!",)),
        ("No, you're not.", ("I'm useless at this.",)),
        ("Yeah, you are.", ("I'm the one driving tonight, right?",)),
    ],
)
def test_other_yes_you_are_replies_are_not_contempt(text: str, before: tuple[str, ...]) -> None:
    assert _subtypes(text, before) == set()


# --- 4. the writer's own words are not a rupture -------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I missed his birthday and I never apologised.",
        "I forgot our anniversary and I never said sorry.",
        "I arrived 40 minutes late to lunch with Jo without texting.",
        "I turned up an hour late to your party and I feel awful.",
        "Sorry I was late to dinner. I know you'd been waiting and it felt like you weren't a priority.",
        "I can see it felt like you didn't matter to me that night.",
        "When you told me you felt alone, I brushed it off. I'm sorry.",
        "When you said you were struggling, I changed the subject. That was unkind of me.",
        "When you told me about the new job, I made a stupid joke.",
        "Sorry, no excuses, it's all on me.",
        "No excuses, I messed up and I'm sorry.",
        "You didn't do anything wrong, I was just tired.",
        "you didn't do a thing wrong",
        "I love you, and I can't be around you while you're drinking.",
        "I care about you, but I can't be near you when you've been using.",
        "Please stop texting me. I've asked twice already.",
        "Stop calling me. I've asked you three times already.",
        "I know this is the second time I have cancelled on you.",
    ],
)
def test_own_lapses_apologies_and_boundaries_are_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()


def test_a_request_to_stop_a_nickname_is_not_a_complaint_or_criticism() -> None:
    assert _subtypes("can you stop calling me that") == set()
    assert _subtypes("Could you stop calling me kiddo? I don't like it.") == set()


@pytest.mark.parametrize(
    "text",
    [
        "You turned up an hour late and didn't even apologise.",
        "You broke my mug and never apologised.",
        "It felt like you weren't even listening.",
        "When you said that in front of everyone, it really hurt.",
        "Tidy your room before six. No excuses.",
        "You didn't do the dishes again.",
        "I can't even look at you right now.",
        "I've asked twice already for the report.",
        "This is the third time I've asked you.",
        "you stopped calling me after the wedding",
    ],
)
def test_the_same_words_aimed_at_the_other_stay_confrontation(text: str) -> None:
    assert _subtypes(text)


# --- 5. passive ideation is not hostility -------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "I'm tired of this life",
        "honestly I'm so tired of this life, I don't see the point",
        "I'm sick of this whole existence.",
        "I'm tired of this everything, all of it.",
    ],
)
def test_tired_of_life_is_not_hostility(text: str) -> None:
    assert "hostility" not in _subtypes(text)


@pytest.mark.parametrize(
    "text",
    [
        "I'm tired of this crap.",
        "I'm so sick of you.",
        "I'm fed up with your lies.",
    ],
)
def test_tired_of_the_other_stays_hostility(text: str) -> None:
    assert "hostility" in _subtypes(text)
