"""Round 13, when repair is not the goal (tester t3, problems 4, 5, 6, 12 and 14): the other person
has died (a letter to keep), asked for no contact (respecting it is the repair), the person is
ending the relationship, or setting a limit. The coach reads the story for these and asks before
it assumes one; the openness question can also name one; each has its own questions and draft,
with no "Can we talk about what happened?", no claim that they were upset, no follow-up, and no
critic's note asking a request of them. The Healing Cycle is unchanged for ordinary repair."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path

import pytest
from test_round12_coach_follow import Script

from mendkit.cli.main import main
from mendkit.coach import State
from mendkit.coach.content import ATTACHMENT_NOTES, CONTEXT_NOTES, NOT_THERAPY, PROMPTS
from mendkit.coach.driver import run, start
from mendkit.coach.goal_drafts import GoalParts, compose_goal, salutation
from mendkit.coach.goal_drafts import left_out_notes as goal_left_out
from mendkit.coach.goal_flow import review, review_lines
from mendkit.coach.goals import named, suspected
from mendkit.coach.session import Session
from mendkit.coach.store import SessionStore
from mendkit.critic import MISSING_NOTE

NOW = datetime(2026, 12, 7, 20, 0)
CALM = ["", "4", "skip"]  # no messages, calm, no breathing: then the openness step
# What a draft for one of these goals must never say.
REPAIR_ONLY = re.compile(r"Can we talk|talk about what happened|I understand why you were upset"
                         r"|I hear your concerns|Could you|Could we|another chance", re.IGNORECASE)


def _go(tmp_path: Path, answers: list[str], attachment: str | None = None
        ) -> tuple[Session, Script]:
    script = Script(answers)
    session = run(start("r13goals", attachment=attachment), script, SessionStore(tmp_path),
                  now=lambda: NOW, mode="rules")
    return session, script


def _story(who: str, context: str, what: str, noticed: str = "") -> list[str]:
    return ["", "yes", who, context, what, noticed or "skip", *CALM]


# ---- reading the story, and the openness answers that name a goal ----

@pytest.mark.parametrize("story", [
    "My dad died two months ago. I missed his last birthday.",
    "My mum passed away in March and we never made up.",
    "Since my brother died I keep thinking about our last fight.",
    "I never apologised to my late husband for what I said.",
    "At her funeral I realised I never said sorry.",
])
def test_a_death_in_the_story_reads_as_grief(story: str) -> None:
    assert suspected(story) == "grief"


@pytest.mark.parametrize("story", [
    "My phone died so I missed her call.", "I nearly died of embarrassment when he said it.",
    "The conversation died and we sat in silence.", "We argued about money last night.",
    "I died laughing at his joke and he was hurt.",
])
def test_no_death_reads_as_none(story: str) -> None:
    assert suspected(story) is None


@pytest.mark.parametrize(("story", "goal"), [
    ("She asked me never to contact her again and blocked me.", "no_contact"),
    ("He told me not to text him any more.", "no_contact"),
    ("Tom told me he doesn't want a relationship with me any more.", "no_contact"),
    ("Priya wants no contact after what I did.", "no_contact"),
    ("I want to end the friendship kindly.", "ending"),
    ("I've decided to break up with Jordan.", "ending"),
    ("I don't want to be in this relationship any more and I want to end it kindly.", "ending"),
    ("I want to tell her I won't respond after 7pm except for emergencies.", "boundary"),
    ("I need to set a boundary with my mother about money.", "boundary"),
])
def test_no_contact_an_ending_and_a_limit_are_read_from_the_story(story: str, goal: str) -> None:
    assert suspected(story) == goal


def test_the_persons_own_no_contact_and_a_bare_end_it_are_not_read_as_goals() -> None:
    assert suspected("I asked for no contact after the break-up.") != "no_contact"
    assert suspected("I just want to end it.") is None  # no word about a relationship


@pytest.mark.parametrize(("reply", "goal"), [
    ("died", "grief"), ("they died", "grief"), ("No, she passed away", "grief"),
    ("no contact", "no_contact"), ("No, he blocked me", "no_contact"),
    ("ending", "ending"), ("I'm ending it", "ending"), ("we're breaking up", "ending"),
    ("limit", "boundary"), ("I want to set a boundary", "boundary"),
])
def test_the_openness_answers_can_name_a_goal(reply: str, goal: str) -> None:
    assert named(reply) == goal


@pytest.mark.parametrize("reply", ["yes", "no", "not now", "not sure", "maybe later"])
def test_the_usual_openness_answers_name_no_goal(reply: str) -> None:
    assert named(reply) is None


# ---- grief: a letter to keep ----

# Round 19: a story that says they died is checked straight after "What happened?" (nothing
# about them as alive, and no 0-10, is asked before it).
GRIEF = _story("Dad", "family", "My dad died two months ago. I missed his last birthday because "
               "of work and I never apologised.")[:5]


def test_a_death_is_checked_first_and_a_yes_writes_a_letter_with_nothing_to_send(
        tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*GRIEF, "yes", "I love you and I wish I'd said it more.",
                                     "I put work before his birthday.", "Teaching me to fish.", ""])
    check = next(asked for asked in script.asked if "has died" in asked)
    assert "Is that right?" in check  # the question right after the story (round 19):
    assert script.asked.index(check) == script.asked.index(PROMPTS[State.RECOGNISE_WHAT]) + 1
    assert PROMPTS[State.OPENNESS] not in script.asked  # asked only after a no
    assert session.state is State.DONE and session.goal() == "grief"
    letter = str(session.answers["letter_draft"])
    assert letter.startswith("Dad, ")
    assert "I love you" in letter and "I'm sorry that I put work before your birthday" in letter
    assert "Thank you for teaching me to fish" in letter
    assert not REPAIR_ONLY.search(letter) and "?" not in letter
    said = "\n".join(script.said)
    assert "I'll ask how it went" not in said and "How did it go" not in said
    assert "grief" in said.lower() and "not grief counselling" in said
    # At the end, where bereavement support is (round 15: not the crisis list, with no crisis).
    assert "bereavement service" in said.split(letter)[-1]
    assert "If you need someone now:" not in said.split(letter)[-1]
    assert CONTEXT_NOTES["family"] not in said  # "small things feel big" does not fit a death


def test_a_no_to_the_check_asks_the_openness_question_and_the_healing_cycle_goes_on(
        tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*_story("Sam", "friend", "My phone died, so I missed "
                                             "Sam's party and I never apologised."), "yes",
                                     "I missed the party"])
    # "my phone died" is no death: the openness question itself, and repair as ever.
    assert PROMPTS[State.OPENNESS] in script.asked
    assert session.state is State.RESPONSIBILITY_REGRET and session.goal() == "repair"
    # Round 19: the 0-10 the death check went past is asked after the "no", then openness.
    session, script = _go(tmp_path, [*GRIEF, "no", "4", "skip", "yes", "I put work first"])
    check = next(n for n, asked in enumerate(script.asked) if "has died" in asked)
    assert PROMPTS[State.REGULATE_CHECK] in script.asked[check + 1:]
    assert script.asked[-3] == PROMPTS[State.OPENNESS]
    assert session.state is State.RESPONSIBILITY_REGRET and session.goal() == "repair"


def test_died_at_the_openness_question_takes_the_letter_without_a_check(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*_story("Gran", "family", "We argued about her moving "
                                             "into care and I hung up on her."), "died",
                                     "I'm sorry I hung up on you.", "skip", "skip", ""])
    assert session.state is State.DONE and session.goal() == "grief"
    assert script.asked[-5] == PROMPTS[State.OPENNESS]
    assert not REPAIR_ONLY.search(str(session.answers["letter_draft"]))


def test_a_request_that_cannot_be_asked_of_someone_who_died_is_never_asked(
        tmp_path: Path) -> None:
    session, _ = _go(tmp_path, [*GRIEF, "yes", "He can't do anything now, he's gone.",
                                "Not being there.", "skip", ""])
    letter = str(session.answers["letter_draft"])
    assert "Could you" not in letter and "?" not in letter
    assert "I'm sorry that I wasn't there" in letter or "not being there" in letter.lower()


# ---- no contact: respecting it is the repair ----

NO_CONTACT = _story("Priya", "friend", "Six months ago I told other people something Priya told "
                    "me in confidence. She asked me never to contact her again and blocked me. I "
                    "want to find a way to send her an apology anyway.", "I feel ashamed.")


def test_no_contact_says_respecting_it_is_the_repair_and_writes_nothing_to_send(
        tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*NO_CONTACT, "yes", "no"])
    said = "\n".join(script.said)
    assert "respecting" in said and "part of the repair" in said
    assert "won't help write a message to send" in said
    assert session.state is State.DONE and session.goal() == "no_contact"
    assert not {"rebuild_message", "responsibility_draft", "letter_draft"} & set(session.answers)
    assert "I'll ask how it went" not in said


def test_a_letter_to_keep_respects_the_request_and_leaves_out_a_plea(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*NO_CONTACT, "yes", "yes",
                                     "I'm so sorry. Please give me another chance.",
                                     "I broke her trust by sharing her secret.", "skip", ""])
    letter = str(session.answers["letter_draft"])
    assert "I respect that" in letter and "not sending this" in letter
    assert "I'm sorry that I broke your trust" in letter
    assert not REPAIR_ONLY.search(letter), letter
    assert any(line.startswith("I left out") and "reconnect" in line for line in script.said)


# ---- an ending ----

ENDING = _story("Alex (she/her)", "friend", "My friend Alex and I have grown apart. I want to end "
                "the friendship kindly.", "I feel drained, and guilty for wanting out.")


def test_an_ending_is_clear_and_kind_and_asks_nothing_back(tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*ENDING, "yes", "I want to end the friendship kindly",
                                     "We've grown apart.", "all the years you were there for me",
                                     "Respect my decision and not try to change my mind.", "",
                                     "keep"])
    assert session.state is State.DONE and session.goal() == "ending"
    message = str(session.answers["message_draft"])
    assert message.startswith("I've decided to end our friendship.")
    assert "Please respect my decision and don't try to change my mind." in message
    assert "I'd like respect" not in message
    assert not REPAIR_ONLY.search(message) and "sorry" not in message.lower()
    said = "\n".join(script.said)
    assert MISSING_NOTE not in said and "Repair quality" not in said
    assert "I'll ask how it went" not in said


def test_ending_named_at_the_openness_question(tmp_path: Path) -> None:
    session, _ = _go(tmp_path, [*_story("Jordan (he/him)", "partner", "We've been together three "
                                        "years and nothing bad happened."), "ending",
                                "I've decided to end our relationship.", "skip", "skip", "skip",
                                "", "keep"])
    assert session.goal() == "ending" and session.state is State.DONE
    assert str(session.answers["message_draft"]).startswith(
        "I've decided to end our relationship.")


# ---- a limit ----

MUM = _story("my mum", "family", "At every family dinner my mum comments on my weight. Last "
             "Sunday she said it in front of my kids.", "I felt humiliated and went quiet.")


def test_a_limit_is_stated_without_apology_or_a_claim_that_they_were_upset(
        tmp_path: Path) -> None:
    session, script = _go(tmp_path, [*MUM, "limit", "Stop commenting on my body, at all.",
                                     "If she brings it up again I'll leave the table.", "hurt",
                                     "I love our family dinners.", "", "keep"])
    assert session.state is State.DONE and session.goal() == "boundary"
    message = str(session.answers["message_draft"])
    assert "Please stop commenting on my body" in message
    assert "If you bring it up again I'll leave the table." in message
    assert not REPAIR_ONLY.search(message) and "sorry" not in message.lower()
    assert "apologise for having one" in "\n".join(script.said)


def test_a_work_limit_read_from_the_story(tmp_path: Path) -> None:
    story = _story("my manager", "work", "My manager messages me at 11pm and expects answers by "
                   "morning. I want to tell her I won't respond after 7pm except for real "
                   "emergencies.")
    session, script = _go(tmp_path, [*story, "yes", "I won't respond to messages after 7pm, "
                                     "except for real emergencies.", "I'll reply the next "
                                     "morning.", "skip", "skip", "", "keep"])
    assert session.goal() == "boundary"
    message = str(session.answers["message_draft"])
    assert "I won't respond to messages after 7pm" in message
    assert "If it happens again, I will reply the next morning." in message
    assert "I hear your concerns" not in message
    assert CONTEXT_NOTES["work"] in script.said  # the power gap still matters for a limit


def test_edit_at_the_review_takes_a_new_message_and_checks_it_again(tmp_path: Path) -> None:
    session, _ = _go(tmp_path, [*MUM, "limit", "Stop commenting on my weight.", "skip",
                                     "skip", "skip", "", "edit",
                                     "Mum, please don't comment on my weight.", "keep"])
    assert session.state is State.DONE
    assert session.answers["message_review"] == "Mum, please don't comment on my weight."


# ---- the critic's note, and the notes that fit ----

@pytest.mark.parametrize(("goal", "draft"), [
    ("ending", "I've decided to end our friendship. I wish you well."),
    ("boundary", "I won't answer work messages after 7pm."),
    ("boundary", "Please stop texting me. If you contact me again I will block your number."),
])
def test_the_coachs_check_of_a_goals_message_asks_no_request(goal: str, draft: str) -> None:
    result = review(draft, goal)
    assert not any(n.startswith(MISSING_NOTE) for n in result.notes)
    assert result.rewrite is None
    assert not any("request" in line for line in review_lines(draft, goal))


def test_the_anxious_note_never_nudges_a_message_where_there_is_none_to_send(
        tmp_path: Path) -> None:
    refusal = _story("my brother Tom", "family", "Tom told me he doesn't want a relationship "
                     "with me any more. I want to accept it and stop chasing him.")
    _, script = _go(tmp_path, [*refusal, "yes", "no"], attachment="anxious")
    said = "\n".join(script.said)
    assert ATTACHMENT_NOTES["anxious"] not in said
    assert "There is no message to send here" in said
    # The internal path has nothing to send either.
    _, script = _go(tmp_path, [*_story("Sam", "friend", "We argued about money."), "no"],
                    attachment="anxious")
    assert ATTACHMENT_NOTES["anxious"] not in script.said
    # A repair message still gets it.
    _, script = _go(tmp_path, [*_story("Sam", "friend", "We argued about money."), "yes"],
                    attachment="anxious")
    assert ATTACHMENT_NOTES["anxious"] in script.said


def test_the_cli_writes_a_grief_letter_from_a_file_of_answers(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(["", "yes", "my mum", "family", "My mum passed away in March.",
                                   "yes",  # the death check comes first (round 19)
                                   "I miss you every day.",
                                   "skip", "skip", ""]), encoding="utf-8")
    assert main(["coach", "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert NOT_THERAPY in out
    assert "Mum, I miss you every day." in out
    assert "Can we talk" not in out and "I'll ask how it went" not in out
    assert "bereavement service" in out.split("Mum, I miss you every day.")[-1]


# ---- the drafts themselves, over answers of many shapes ----

@pytest.mark.parametrize(("ask", "said"), [
    ("space", "I'd like space."),
    ("no contact for a while", "I'd like no contact for a while."),
    ("Respect my decision and not try to change my mind.",
     "Please respect my decision and don't try to change my mind."),
    ("please don't text me for a while", "Please don't text me for a while."),
    ("you to stop calling me", "Please stop calling me."),
])
def test_what_an_ending_asks_is_said_plainly(ask: str, said: str) -> None:
    message = compose_goal(GoalParts(goal="ending", other="Sam (he/him)",
                                     decision="I want to end our relationship kindly", ask=ask))
    assert message.startswith("I've decided to end our relationship.")
    assert said in message and "kindly" not in message


@pytest.mark.parametrize("plea", ["Please give me another chance.", "Can we try again?",
                                  "Call me when you can.", "I hope you'll change your mind."])
def test_an_ending_and_a_no_contact_letter_leave_out_a_plea_to_reconnect(plea: str) -> None:
    for goal in ("ending", "no_contact"):
        parts = GoalParts(goal=goal, other="Sam", decision="I've decided to end things.",
                          say=plea, ask=plea)
        draft = compose_goal(parts)
        assert plea.rstrip(".?") not in draft
        assert any("reconnect" in line for line in goal_left_out(parts))


@pytest.mark.parametrize(("limit", "said"), [
    ("Stop commenting on my body", "Please stop commenting on my body."),
    ("don't call me after 9pm", "Please don't call me after 9pm."),
    ("I won't discuss my weight any more", "I won't discuss my weight any more."),
    ("she stops asking about my salary", "Please stop asking about my salary."),
    ("no comments about my weight", "I'd like no comments about my weight."),
])
def test_a_limit_is_said_as_a_limit(limit: str, said: str) -> None:
    message = compose_goal(GoalParts(goal="boundary", other="my mum (she/her)", limit=limit))
    assert said in message
    assert not REPAIR_ONLY.search(message) and "sorry" not in message.lower()


@pytest.mark.parametrize(("action", "said"), [
    ("I'll leave the table", "If it happens again, I will leave the table."),
    ("leave the room", "If it happens again, I will leave the room."),
    ("If she brings it up I'll go home", "If you bring it up I'll go home."),
])
def test_what_i_will_do_follows_the_limit(action: str, said: str) -> None:
    message = compose_goal(GoalParts(goal="boundary", other="my mum (she/her)",
                                     limit="Stop commenting on my body", action=action))
    assert message.endswith(said)


@pytest.mark.parametrize(("remember", "said"), [
    ("teaching me to fish", "Thank you for teaching me to fish."),
    ("his laugh", "I will always remember your laugh."),
    ("I miss you every day", "I miss you every day."),
    ("thanks for everything", "Thank you for everything."),
])
def test_what_a_grief_letter_remembers_reads_as_a_sentence(remember: str, said: str) -> None:
    letter = compose_goal(GoalParts(goal="grief", other="Dad", situation="My dad died in May.",
                                    remember=remember))
    assert letter == f"Dad, {said[0].lower() + said[1:] if not said.startswith('I ') else said}"


@pytest.mark.parametrize(("other", "opening"), [
    ("my mum", "Mum"), ("Dad", "Dad"), ("my brother Tom", "Tom"), ("Robin (they/them)", "Robin"),
    ("my friend", ""),
])
def test_a_letter_opens_with_their_name_or_title(other: str, opening: str) -> None:
    assert salutation(other) == opening
