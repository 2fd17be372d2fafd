"""Round 12, second pass: confrontation the re-run testers still saw missed (a threat to someone's
livelihood, an ultimatum, public put-downs of someone's work, guilt trips and family sarcasm,
"nobody would care if you killed yourself", a row of eye-rolls) or invented (a friendly
"going forward, please ..." to a team), and the critic calling "kys lol" possible teasing."""

from __future__ import annotations

import pytest
from test_round12_confrontation import _turn

import mendkit

CONFRONTATION = "rupture.confrontation"
REQUEST = "repair.request"


def _subtypes(text: str, before: tuple[str, ...] = ()) -> set[str | None]:
    return {e.subtype for e in _turn(text, before).evidence if e.label == CONFRONTATION}


# --- 1. threats to someone's job or livelihood, and ultimatums ----------------------------------

@pytest.mark.parametrize("text", [
    "If you take this to HR I will make sure you never work in this valley again.",
    "Go to HR and I'll make sure you never work in this industry again.",
    "I'll make sure you never get another job in this town.",
    "If you go over my head on this, I will end your career.",
    "Mention this to anyone and I'll make your life hell.",
    "If you report this you'll regret it.",
    "One more slip like this and I'm escalating to your manager.",
    "One more missed deadline and I'm taking this to HR.",
    "Another mistake like that and you're done here.",
])
def test_a_threat_to_their_livelihood_is_hostility(text: str) -> None:
    assert "hostility" in _subtypes(text)


def test_the_threat_is_no_commitment_and_no_always_never() -> None:
    turn = _turn("If you take this to HR I will make sure you never work in this valley again.")
    assert REQUEST not in turn.labels  # "I will make sure you" is the threat, not a promise
    assert "criticism" not in {e.subtype for e in turn.evidence if e.label == CONFRONTATION}


def test_the_threat_makes_a_major_episode() -> None:
    result = mendkit.analyze(mendkit.Conversation.from_turns([
        ("Gavin", "If you take this to HR I will make sure you never work in this valley again."),
        ("Monica", "noted."),
    ], id="threat"), mode="rules")
    assert result.episodes
    assert result.episodes[0].severity == "major"


@pytest.mark.parametrize("text", [
    "I'll make sure you get the credit for this.",
    "I will make sure you never have to deal with that again.",
    "I'll make sure you never feel alone again.",
    "If you take this to HR, I'll support you all the way.",
    "One more coffee and I'll be bouncing off the walls.",
    "One more chapter and I'm done for the night, promise.",
    "If you want, I can escalate this to your manager for you.",
    "I'm going to destroy you at Mario Kart tonight.",
])
def test_promises_and_countdowns_are_no_threat(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


def test_a_promise_to_spare_them_stays_a_commitment() -> None:
    assert REQUEST in _turn("I'll make sure you never feel alone again.").labels


# --- 3. put-downs of someone's work -----------------------------------------------------------

@pytest.mark.parametrize("text", [
    "The numbers in the deck are wrong again.",
    "The figures in your report are off again.",
    "Did anyone even review this?",
    "Has anyone even tested this?",
    "Frankly I expected better from a senior engineer.",
    "I expected better of you.",
    "Honestly I'd have expected more from someone at your level.",
    "The migration doc is a mess.",
    "This PR is a complete mess.",
    "As previously mentioned, we don't ship on Fridays.",
    "As already stated, the budget is fixed.",
    "Let me know if any part of \"by Friday\" was unclear.",
    "What part of \"no\" don't you understand?",
    "Maybe next time read the ticket before you start coding.",
    "Perhaps next time check the numbers before you send it to the client.",
])
def test_a_put_down_of_their_work_is_confrontation(text: str) -> None:
    assert CONFRONTATION in _turn(text).labels


def test_advice_that_puts_down_is_no_request() -> None:
    turn = _turn("Perhaps next time check the numbers before you send it to the client.")
    assert REQUEST not in turn.labels


@pytest.mark.parametrize("text", [
    "My numbers are wrong again, sorry, fixing now.",
    "The trains are late again, ugh.",
    "The forecast was wrong again, it rained all day.",
    "Did anyone review this yet? No rush.",
    "I expected better weather this week.",
    "We expected better results from the new campaign.",
    "The kitchen is a mess, I'll clean it after dinner.",
    "My code is a mess, sorry, I'll tidy it tomorrow.",
    "This draft is a mess, I'll clean it up tomorrow.",
    "The old doc was a mess, so I rewrote it.",
    "As previously mentioned in the newsletter, the office is closed Monday.",
    "Let me know if any part of the plan is unclear.",
    "Maybe next time we can book the table earlier.",
    "Maybe next time we should test it on staging before we ship.",
])
def test_own_work_the_weather_and_offers_to_explain_are_no_put_down(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


# --- 5. "going forward, please ..." -------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "Going forward, please use the new expense template - thanks all!",
    "Going forward, please tag me on anything touching billing :pray:",
    "Going forward, please loop in legal on every contract.",
    "Going forward, please add your hours to the shared sheet. Thanks!",
    "Going forward, please copy me in on client emails.",
])
def test_a_friendly_process_note_is_no_confrontation(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


@pytest.mark.parametrize(("text", "before"), [
    ("Going forward, please have the report on my desk by 9am. No exceptions.", ()),
    ("Going forward, please check your work before sending it to me.", ()),
    ("Going forward, I expect the reports on Monday mornings.", ()),
    ("Going forward, please double-check before anything goes out.", ()),
    ("Going forward, please copy me in on client emails.",
     ("You sent the client the wrong file. Again. This is embarrassing.",)),
])
def test_going_forward_with_a_deadline_a_charge_or_after_blame_is_pressure(
        text: str, before: tuple[str, ...]) -> None:
    assert "pressure" in _subtypes(text, before)


# --- family: "nobody would care if you killed yourself", guilt trips, sarcasm, eye-rolls --------

@pytest.mark.parametrize("text", [
    "nobody would even care if you killed yourself",
    "no one would miss you if you died",
    "everyone would be better off if you were dead",
    "the world would be better off without you",
])
def test_wishing_them_dead_is_hostility(text: str) -> None:
    assert "hostility" in _subtypes(text)


@pytest.mark.parametrize("text", [
    "Do you ever feel like nobody would care if you died?",
    "I feel like nobody would care if I died.",
    "If you killed yourself, so many people would be devastated.",
    "The world would be better off without plastic straws.",
    "You'd be better off without him, honestly.",
])
def test_asking_about_it_or_saying_it_of_oneself_is_not_hostility(text: str) -> None:
    assert "hostility" not in _subtypes(text)


@pytest.mark.parametrize("text", [
    "I carried you for nine months and this is the thanks I get.",
    "After all the driving I do for you lot, a thank-you would be nice.",
    "It's fine. I'm used to being forgotten in this family.",
    "Don't worry, I'm used to being left out by you lot.",
    "After everything I organise for this family.",
    "After all the cooking I do for you, you can't even say thanks.",
    "Nobody ever rings me anymore. I could be lying on the floor for days.",
    "None of you ever visit me anymore.",
    "Go on then, have fun with your friends. I'll just eat dinner alone again like always.",
    "Fine, I'll just spend Christmas on my own again, as usual.",
])
def test_a_guilt_trip_is_pressure(text: str) -> None:
    assert "pressure" in _subtypes(text)


@pytest.mark.parametrize("text", [
    "After all that I did for the party, I'm exhausted.",
    "Thanks for the lovely dinner, after everything you've done for me this year.",
    "It's fine, I'm used to getting up early.",
    "I'm used to being on my own at work, the job's like that.",
    "I'll just eat alone tonight, it's fine, enjoy the game!",
    "Nobody calls me anymore, everyone just texts now lol.",
])
def test_tiredness_routine_and_a_kind_goodbye_are_no_guilt_trip(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


@pytest.mark.parametrize("text", [
    "Not angry. Just really disappointed in you.",
    "Just disappointed in you, that's all.",
    "Not angry, just disappointed.",
])
def test_clipped_disappointment_is_criticism(text: str) -> None:
    assert "criticism" in _subtypes(text)


@pytest.mark.parametrize("text", [
    "I could never be disappointed in you.",
    "Not angry, just disappointed the show got cancelled.",
])
def test_disappointment_denied_or_about_an_event_is_not_criticism(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


@pytest.mark.parametrize("text", [
    "Wow, so proud of you for finally doing the dishes. Only took three weeks.",
    "Oh I'm SO sorry for wanting to see my own grandchildren.",
    "Well sorry for expecting a phone call on my birthday.",
    "Sorry I'm such a terrible mother then.",
    "Fine, I'm a terrible father then.",
])
def test_family_sarcasm_is_contempt(text: str) -> None:
    turn = _turn(text)
    assert "contempt" in _subtypes(text)
    assert "repair.responsibility" not in turn.labels  # a mock apology owns nothing


@pytest.mark.parametrize("text", [
    "So proud of you for finally getting your licence!",
    "Wow, so proud of you for finally finishing your degree! \U0001f389",
    "Sorry I'm such a terrible texter lately, work has been mad.",
    "I'm sorry for wanting to leave early yesterday, it wasn't fair on you.",
])
def test_real_pride_and_real_apologies_are_not_sarcasm(text: str) -> None:
    assert CONFRONTATION not in _turn(text).labels


@pytest.mark.parametrize("text", ["\U0001f644\U0001f644\U0001f644",
                                  "\U0001f644\U0001f644\U0001f644\U0001f644",
                                  "\U0001f612\U0001f612\U0001f612"])
def test_a_row_of_eye_rolls_is_contempt(text: str) -> None:
    assert "contempt" in _subtypes(text, ("I'm worried about how much you're drinking at uni.",))


def test_a_row_of_laughing_faces_is_not_contempt() -> None:
    assert CONFRONTATION not in _turn("\U0001f602\U0001f602\U0001f602").labels


# --- 6. the critic: "kys" with a laugh or a heart is never called teasing -----------------------

def _firm(issue: mendkit.Issue) -> bool:
    words = f"{issue.message} {issue.suggestion}".lower()
    return "teas" not in words and "warm part" not in words


@pytest.mark.parametrize(("draft", "context"), [
    ("kys lol", ("i beat your high score",)),
    ("kys bestie \u2764\ufe0f", ("i ate the last cookie",)),
    ("lol you should kill yourself, love you", ()),
    ("go die lmao", ()),
    ("nobody would even care if you killed yourself lol", ()),
])
def test_telling_them_to_die_gets_the_firm_words_whatever_the_laugh(
        draft: str, context: tuple[str, ...]) -> None:
    result = mendkit.check(draft, context=list(context), mode="rules")
    hostility = [i for i in result.issues if i.kind == "hostility"]
    assert hostility
    assert all(_firm(i) for i in result.issues)


def test_plain_teasing_still_gets_the_teasing_words() -> None:
    result = mendkit.check("I hate you lol", mode="rules")
    assert any(not _firm(i) for i in result.issues)
