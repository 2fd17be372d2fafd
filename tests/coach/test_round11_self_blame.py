"""Round 11, the coach and abuse: fear of the other person, and self-blame for their anger or harm
("it's my fault he gets like that", "I made you hit me"), are signs of danger, not a part to own.
The coach stops the repair with the safety plan; it never turns them into an apology."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.composer import DraftParts, compose
from mendkit.coach.content import PROMPTS
from mendkit.coach.machine import EventType, State
from mendkit.coach.safety_gate import gate

ABUSE_STOP = "Your safety comes first, so Mend won't coach a repair with someone who may harm"
SAFETY_PLAN = "Some things that can help you stay safe:"
# The tester's script (/tmp/h11/abuse/coach): an ordinary argument about the dishes.
BEFORE_MY_PART = ["", "yes", "Sam", "partner",
                  "We argued about the dishes. He said I always nag and I said he never helps.",
                  "I got loud, he went quiet", "", "6", "skip", "yes"]


@pytest.mark.parametrize("text", [
    # self-blame for what the other person does
    "it's my fault he gets like that, I shouldn't have answered back",
    "its my fault she gets so angry",
    "It's my fault he hits me, I know how he is",
    "I'm sorry I made you hit me. I'll be better, I promise.",
    "Sorry for making you so angry that you had to hit me",
    "I'm sorry I made you push me",
    "I provoked him, so it's on me",
    "I'm sorry for provoking you, I know you didn't mean to hurt me.",
    "I deserve it when he yells like that",
    "I know I deserved it when you slapped me, I'm sorry.",
    "he only loses it when I push him too far",
    # fear of them
    "scared. he gets scary when he drinks",
    "I'm scared of him when he's been drinking",
    "honestly I'm afraid of her",
    "I'm terrified of my husband",
    "walking on eggshells around him all the time",
    "I always walk on eggshells at home",
    "I'm scared of what he'll do if I bring it up",
    "afraid of what she might do when she finds out",
    "You scare me when you drink.",
])
def test_self_blame_for_their_harm_and_fear_of_them_stop_the_repair(text: str) -> None:
    assert gate(text, mode="rules") is EventType.ABUSE


@pytest.mark.parametrize("text", [
    "I'm scared of spiders",
    "I'm afraid of losing her",
    "scared of him leaving me",
    "I'm scared of how she'll react when I say sorry",
    "I'm scared of what he'll think of me",
    "it's my fault we were late, I forgot to set the alarm",
    "it's my fault she got upset, I forgot her birthday",
    "I made her upset when I forgot to call",
    "I made him wait an hour",
    "I made her so mad when I forgot to call",
    "I made her scared when I drove too fast",
    "it's my fault you are so upset, I should have called",
    "it's my fault she got angry, I was late again",
    "I walk on eggshells around my boss at work",
    "I got what I deserved: a lecture about the dishes",
    "I deserve a break",
    "the film was scary",
    "he was scared of the dog",
    "I pushed him to apply for the job",
])
def test_ordinary_worries_and_owning_my_part_go_on(text: str) -> None:
    assert gate(text, mode="rules") is None


def test_the_stop_says_owning_my_part_is_not_owning_their_anger() -> None:
    words = PROMPTS[State.STOPPED_UNSAFE].lower()
    assert "anger" in words and "not yours" in words


def _run(tmp_path: Path, answers: list[str]) -> str:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return str(json.loads(files[0].read_text(encoding="utf-8"))["state"])


@pytest.mark.parametrize(("answers", "drafted"), [
    # my part: self-blame for how he gets (the tester's S10)
    ([*BEFORE_MY_PART, "it's my fault he gets like that, I shouldn't have answered back",
     "skip", "I'd like us to share the dishes", "", "keep"], False),
    # beneath: fear of him (the tester's T6)
    ([*BEFORE_MY_PART, "I raised my voice and said he never helps", "skip",
      "I'd like us to share the dishes", "", "keep", "keep",
      "scared. he gets scary when he drinks", "keep", "keep"], True),
    # my own draft: a victim's appeasing apology (the tester's T3)
    ([*BEFORE_MY_PART, "I raised my voice and said he never helps", "skip",
      "I'd like us to share the dishes",
      "I'm sorry I made you hit me. I'll be better, I promise.", "keep", "keep", "keep"], False),
])
def test_the_coach_stops_with_the_safety_plan_and_drafts_no_apology(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], answers: list[str],
        drafted: bool) -> None:
    state = _run(tmp_path, answers)
    out = capsys.readouterr().out
    assert state == "stopped_unsafe"
    assert ABUSE_STOP in out and SAFETY_PLAN in out
    assert "you get like that" not in out
    assert "you get scary" not in out
    # No draft was scored as a repair, unless one was made before the sign came up.
    assert ("Repair quality" in out) is drafted
    assert "One thing you will do differently" not in out


def test_their_anger_is_never_drafted_as_my_apology() -> None:
    # Not a danger sign on its own, but their feeling is not my action.
    draft = compose(DraftParts(situation="She said I always forget things", other="Sam",
                               my_part="it's my fault she got upset, I forgot her birthday"))
    assert "I'm sorry that I forgot your birthday." in draft
    assert "you got upset" not in draft
