"""Round 12: confrontation the testers saw missed (telling someone to kill themselves, sarcastic
contempt, work put-downs, a bare eye-roll or middle finger, guilt trips) and confrontation they saw
invented (affectionate teasing, a joke about one's own pain ending in 🙃, a hurt told after the
other person's repair)."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_turn
from mendkit.model import TurnAnalysis

CONFRONTATION = "rupture.confrontation"
CRISIS = "risk.crisis"


def _turn(text: str, before: tuple[str, ...] = ()) -> TurnAnalysis:
    """``text`` said by "me" after ``before`` (alternating speakers, the last one "them")."""
    previous: list[TurnAnalysis] = []
    for i, said in enumerate(before):
        speaker = "them" if (len(before) - i) % 2 else "me"
        previous.append(analyze_turn(i, speaker, said, previous))
    return analyze_turn(len(before), "me", text, previous)


def _subtypes(text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == CONFRONTATION}


# --- 1. telling someone to kill themselves ------------------------------------------------------

@pytest.mark.parametrize("text", [
    "kys",
    "go kys",
    "lmao kys",
    "KYS.",
    "just kill yourself then",
    "you should kill yourself",
    "Oh sure, go ahead and kill yourself then, see if I care",
    "Why don't you just kill yourself",
    "do everyone a favour and kill yourself",
    "go kill urself",
])
def test_telling_someone_to_kill_themselves_is_hostility(text: str) -> None:
    assert "hostility" in _subtypes(text)


def test_kys_in_a_quarrel_is_the_rupture() -> None:
    assert "hostility" in _subtypes("go kys", ("stop using my charger",))


@pytest.mark.parametrize("text", [
    "kms",
    "i actually want to kms",
    "Please don't kill yourself over this report, it can wait till Monday.",
    "Careful on that ladder, you'll kill yourself.",
    "You could kill yourself doing stunts like that.",
    "Have you been having thoughts that you should kill yourself?",
    "Do you ever feel like you want to kill yourself?",
    "He told me to kys and I haven't stopped thinking about it.",
    "don't kys, we love you",
])
def test_no_kys_hostility_where_nobody_is_told_to_die(text: str) -> None:
    assert "hostility" not in _subtypes(text)


def test_kms_about_oneself_stays_a_crisis_not_a_confrontation() -> None:
    turn = _turn("kms")
    assert CRISIS in turn.labels
    assert CONFRONTATION not in turn.labels


# --- 2. affectionate teasing is no rupture; contempt with a heart or "lol" still is ------------

@pytest.mark.parametrize("text", [
    "you absolute idiot, I love you",
    "You're the worst. Bring me back a coffee? ❤️",
    "haha you're such a drama queen, come here and have a hug",
    "You're dead to me. You spoiled the finale!! 😂",
    "haha shut up, it grows back",
    "shut up 😂 that's so good",
    "lol you're the worst, see you at 8",
    "You're ridiculous 😂 love you",
    "you're such a dork lol, that's why I married you",
])
def test_affectionate_teasing_is_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()


@pytest.mark.parametrize("text", [
    "You're pathetic lol",
    "You're such a loser ❤️",
    "lol you're disgusting",
    "Shut up. Just shut up.",
    "You're the worst.",
    "you absolute idiot, you've ruined everything",
    "You're dead to me.",
    "Nobody likes you lol. You're pathetic.",
    "You're so selfish lol",
    "haha you're such a drama queen. You're pathetic, honestly.",
])
def test_contempt_with_a_laugh_or_a_heart_is_still_confrontation(text: str) -> None:
    assert _subtypes(text)


# --- 3. a self-directed joke ending in 🙃 has no target -----------------------------------------

@pytest.mark.parametrize("text", [
    "lol I cut myself again, classic me 🙃",
    "lol my dad threw a plate at me again, normal Tuesday 🙃",
    "haha sometimes I think everyone would be happier if I just wasn't here 🙃 anyway",
])
def test_a_disclosure_ending_in_upside_down_face_is_not_contempt(text: str) -> None:
    turn = _turn(text)
    assert CRISIS in turn.labels  # the danger is still seen
    assert CONFRONTATION not in turn.labels


@pytest.mark.parametrize("text", [
    "Oh great, you forgot again 🙃",
    "It's fine, I'll just do everything myself like always. 🙃",
    "thanks for checking in 🙃 really appreciate you remembering I exist",
    "Sure you were busy 🙄",
    # first person, but aimed at someone: a grievance, not a disclosure
    "grand but I spent the whole wknd ringing round pubs 🙃",
    "Good to know my weekends belong to the food bank now 🙃",
])
def test_upside_down_face_aimed_at_someone_stays_confrontation(text: str) -> None:
    assert _subtypes(text)


# --- 4. sarcastic contempt -------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Wow, what a great listener you are.",
    "Oh right, I forgot, your feelings are the only ones that matter.",
    "Cute that you think your opinion matters here.",
    "Aww, is the little baby upset? Want a tissue?",
    "Yeah, you're a real catch. No wonder she left.",
    "Wow. Thanks for the support. Really feeling the love.",
    "Keep talking, it's hilarious how little you know.",
    "Cool, cool. Love being ignored. Very fun.",
    "honestly you're kind of a burden to be around lately",
    'sure, "traffic". every single time',
    # other wordings of the same moves
    "Oh wow, what a supportive husband you are.",
    "It's adorable that you still think she'll call.",
    "no wonder nobody wants to work with you",
    "Just love being left out of everything.",
    "you're exhausting to be around",
    'right, "working late". again.',
])
def test_sarcastic_contempt_is_found(text: str) -> None:
    assert _subtypes(text) & {"contempt", "criticism"}


@pytest.mark.parametrize("text", [
    "What a great listener you are! Thank you for tonight ❤️",
    "You're a real catch, she's lucky to have you!",
    "It's amazing how much you know about birds!",
    "I love being included, thanks for inviting me!",
    "No wonder you're exhausted, you've been up since five.",
    "No wonder she left that job, the manager was awful.",
    "Cute that you thought of me, thank you!",
    "You're never a burden to be around.",
    "I feel like a burden lately.",
    'Sure, "Hamilton" sounds great, I\'ll get tickets.',
    "I love being outdoors in the morning.",
])
def test_sincere_near_misses_are_not_sarcasm(text: str) -> None:
    assert _subtypes(text) == set()


def test_a_sarcastic_no_wonder_is_not_validation() -> None:
    turn = _turn("Yeah, you're a real catch. No wonder she left.")
    assert "repair.validate" not in turn.labels
    assert "contempt" in _subtypes("Yeah, no wonder nobody wants to work with you.")
    assert "repair.validate" not in _turn("Yeah, no wonder nobody wants to work with you.").labels


def test_a_mock_apology_for_boring_someone_is_contempt_not_repair() -> None:
    turn = _turn("Oh I'm SO sorry my problems are boring you.")
    assert "contempt" in _subtypes("Oh I'm SO sorry my problems are boring you.")
    assert "repair.responsibility" not in turn.labels


# --- 5. work put-downs -----------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "subtype"), [
    ("If this happens one more time you're off the account.", "pressure"),
    ("If it happens again you'll be taken off the project.", "pressure"),
    ("I'm not interested in excuses.", "pressure"),
    ("Not sure why this is so hard.", "contempt"),
    ("Honestly not sure why this is so hard.", "contempt"),
    ("As I already said, the Q3 tab is the source of truth.", "complaint"),
    ("Like I've already explained, the form goes to finance first.", "complaint"),
    ("Let's circle back when you've had a chance to actually read the thread", "criticism"),
    ("@Jen Holloway the pick list was wrong AGAIN. If this happens one more time you're off the "
     "account. Honestly not sure why this is so hard.", "pressure"),
])
def test_work_put_downs_are_found(text: str, subtype: str) -> None:
    assert subtype in _subtypes(text)


@pytest.mark.parametrize("text", [
    "If this happens again, I'll call the IT desk.",
    "If this happens one more time we should file a bug with the vendor.",
    "Not sure why this is so hard to find in the docs, I'll add a link.",
    "I'm not sure why this is so hard for me lately.",
    "As I said, I'm happy to cover Friday.",
    "Let's circle back once everyone has had a chance to read the thread.",
    "I'm not interested in the new role, but thanks for thinking of me.",
])
def test_ordinary_work_messages_are_not_put_downs(text: str) -> None:
    assert _subtypes(text) == set()


# --- 6. an eye-roll or a middle finger as the whole reply -----------------------------------------

@pytest.mark.parametrize(("text", "before", "subtype"), [
    ("🙄", ("Please empty the dishwasher.",), "contempt"),
    ("🙄🙄", (), "contempt"),
    ("🖕", ("No, you can't go to the concert.",), "hostility"),
    ("🖕🏻", (), "hostility"),
    ("😒", (), "contempt"),
])
def test_an_emoji_only_eye_roll_or_middle_finger_is_confrontation(
    text: str, before: tuple[str, ...], subtype: str,
) -> None:
    assert subtype in _subtypes(text, before)


@pytest.mark.parametrize("text", ["😂", "🙂", "❤️", "👍", "😂😂"])
def test_other_emoji_only_replies_are_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()


# --- 7. guilt trips --------------------------------------------------------------------------------

@pytest.mark.parametrize(("text", "before", "subtype"), [
    ("After everything I've done for you, this is how you treat me?", (), "pressure"),
    ("I sacrificed my whole life for you kids and none of you can call once a week.", (),
     "pressure"),
    ("Don't worry about me, I'll manage on my own like I always do.",
     ("Sorry Mum, can't come this weekend.",), "pressure"),
    ("Don't worry about me. I'll just sit here on my own.", ("I can't make it on Sunday.",),
     "pressure"),
    ("I gave up everything for this family and this is the thanks I get.", (), "pressure"),
    ("I'm not mad, I'm just disappointed.", (), "criticism"),
    ("I'm very disappointed in you.", (), "criticism"),
])
def test_guilt_trips_are_confrontation(text: str, before: tuple[str, ...], subtype: str) -> None:
    assert subtype in _subtypes(text, before)


def test_not_mad_just_disappointed_is_not_a_feeling_repair() -> None:
    assert "repair.feeling" not in _turn("I'm not mad, I'm just disappointed.").labels


@pytest.mark.parametrize(("text", "before"), [
    ("I gave up my career for you kids and I'd do it again in a heartbeat.", ()),
    ("Don't worry about me, I'll be fine on my own, go and enjoy the trip!",
     ("Sorry Mum, can't come this weekend.",)),
    ("Don't worry about me, I'll manage.", ("Shall I pick you up at six?",)),
    ("I'm not mad, I'm just disappointed the concert got cancelled.", ()),
    ("I'm so disappointed in myself.", ()),
])
def test_no_guilt_trip_where_there_is_none(text: str, before: tuple[str, ...]) -> None:
    assert _subtypes(text, before) == set()


# --- 8. a hurt told after the other person's repair ----------------------------------------------

_REPAIR = ("Can we talk about something else? Work is crazy.",
           "I think what I said came out dismissive. That wasn't fair to you, and I'm sorry. It "
           "makes sense that you'd pull back after I said that.")


@pytest.mark.parametrize("text", [
    "yeah it it kinda felt like you were siding with her",
    "it felt like you were siding with her",
    "Yes, it kind of felt like you were siding with her.",
])
def test_it_felt_like_you_were_siding_with_her_is_not_confrontation(text: str) -> None:
    assert _subtypes(text) == set()
    assert _subtypes(text, _REPAIR) == set()


def test_a_grievance_framed_as_felt_still_counts() -> None:
    assert "complaint" in _subtypes("It felt like you'd already made up your mind.")
    assert "complaint" in _subtypes("You made me feel like an idiot in front of everyone.")
