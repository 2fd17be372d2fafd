"""Round twelve: Slack-style English (colleagues' @-mentions, ``:emoji_codes:``, links and plain
names) is English; another language wrapped in the same markup is still not read (the workplace
report, problem 3)."""

from __future__ import annotations

import json

import pytest

import mendkit
from mendkit.analysis.language import looks_unreadable
from mendkit.cli.main import main
from mendkit.model import Conversation

# The tester's five messages that were called another language (written for that report).
TESTER_ENGLISH = [
    "Happy birthday @Priya Nair! :birthday: :tada:",
    "cc @Nguyen Thi Huong for review",
    "welcome aboard @Siobhan Ni Bhriain",
    "ping @Jiahui Zhang",
    "@Ngozi Okafor :eyes:",
]

# More workplace chat, written for this test: mentions of colleagues with names from many
# languages, handles, emoji codes, links, e-mail addresses and names typed without an @.
SLACK_ENGLISH = [
    "@Nguyen Thi Huong :eyes:",
    "@Siobhan Ni Bhriain :wave:",
    "@Oluwaseun Adebayo-Okonkwo :pray: :pray:",
    "thx @Xochitl Huitzilopochtli :raised_hands:",
    "@Tran Van Duc @Pham Minh Chau",
    "ping @Maria de la Cruz",
    "cc @Kwame Mensah @Aigerim Nurlanovna",
    "@Bui Thi Thu Trang :tada: :tada: :tada:",
    "@jiahui.zhang",
    "@here :rotating_light:",
    "@channel :wave: :sun_with_face:",
    ":tada: :tada: @Nguyen Thi Huong",
    ":+1: @Chukwuemeka Eze",
    ":thumbsup::skin-tone-3: @Thandiwe Dlamini",
    "Nguyen Thi Huong",
    "Siobhan Ni Bhriain",
    "ping Jiahui Zhang",
    "cc Nguyen Thi Huong for review",
    "welcome aboard Siobhan Ni Bhriain :wave:",
    "https://docs.google.com/spreadsheets/d/1xQ9kZ/edit#gid=0",
    "@Ngozi Okafor https://github.com/acme/atlas/pull/12",
    "huong.nguyen@acme.example :eyes:",
    "www.acme-intranet.example/wiki/Onboarding_Plan",
    "thanks Александр Петрович :pray:",
    "standup moved to 10:30:00, sorry @Bui Thi Thu Trang",
]

# Another language inside the same markup or around names: "I don't want to live any more", "I
# can't take it any more, I want to die", "I'm sorry, it was my fault", ...
MARKED_UP_OTHER = [
    "@Priya Nair ich will nicht mehr leben",
    "@Ana López no aguanto más, quiero morirme :cry:",
    "Je ne veux plus vivre :broken_heart:",
    "@Jiahui Zhang 我不想活了",
    "ich sterbe :sob:",
    "quiero morir @Carlos",
    "@Marco Rossi mi dispiace, è colpa mia :pensive:",
    "Não quero mais viver https://example.com",
    "ich vermisse Oma Hilde so sehr, ich kann nicht mehr",
    "@Anna Ich halte das nicht mehr aus.",
    "@Jan Kowalski nie mogę już tak żyć, chcę umrzeć",
    # Names inside another language are left out, but not its own words.
    "przepraszam Anna Maria, to moja wina",  # its "to" does not make it English
    "Mein Leben ist sinnlos",  # a sentence's first capitalised words are no name
    "Ti Voglio Bene Amore",  # nor are the words of a text in Title Case
    "@Hans Müller das ist nicht mein Fehler, ich kann nicht mehr :cry:",
]


@pytest.mark.parametrize("text", TESTER_ENGLISH + SLACK_ENGLISH)
def test_slack_mentions_emoji_codes_links_and_names_are_english(text: str) -> None:
    assert not looks_unreadable(text)


@pytest.mark.parametrize("text", MARKED_UP_OTHER)
def test_another_language_inside_slack_markup_is_still_not_read(text: str) -> None:
    assert looks_unreadable(text)


def test_mend_check_of_a_mention_has_no_language_note(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "--mode", "rules", "ping @Jiahui Zhang"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert not any("English only" in n for n in data["notes"])
    assert data["risk"]["resources"] == []


def test_mend_check_still_says_it_cannot_read_german_to_a_colleague(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", "--json", "--mode", "rules",
                 "@Priya Nair ich will nicht mehr leben"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert any("English only" in n for n in data["notes"])
    assert data["risk"]["resources"]


# The tester's #random channel as the Slack reader gives it (``<@U03PRIYA>`` -> ``@Priya Nair``).
RANDOM = Conversation.from_turns([
    ("Leo Brandt", "who broke the coffee machine again :coffee: :sob:"),
    ("Priya Nair", "not me! I'm innocent :innocent:"),
    ("Sam Ortiz", "lol it's been dying for weeks, rip"),
    ("Dana Whitfield", "Facilities is on it & a new one arrives Thursday"),
    ("Leo Brandt", "you're a hero :tada:"),
    ("Sam Ortiz", "this week is killing me, can't wait for Friday :sweat_smile:"),
    ("Priya Nair", "same, going to sleep for 12 hours this weekend"),
    ("Leo Brandt", "Happy birthday @Priya Nair! :birthday: :tada:"),
    ("Priya Nair", "aww thank you all :heart:"),
    ("Dana Whitfield", "#proj-atlas folks: drinks on me Friday :beers:"),
], id="random")


def test_a_channel_of_birthday_wishes_gets_no_language_or_safety_box() -> None:
    analysis = mendkit.analyze(RANDOM, mode="rules")
    assert "English only" not in analysis.safety.message
    assert analysis.safety.resources == ()


def test_a_channel_turn_in_another_language_is_still_named() -> None:
    turns = [(t.speaker, t.text) for t in RANDOM.turns]
    turns.append(("Jen Holloway", "@Marcus Reed ich kann nicht mehr, ich will nicht mehr leben"))
    analysis = mendkit.analyze(Conversation.from_turns(turns, id="random-de"), mode="rules")
    assert "English only" in analysis.safety.message
    assert "turn 10 seems" in analysis.safety.message  # turn 7 is English
    assert analysis.safety.resources
