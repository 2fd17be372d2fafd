"""Round 15: a limit on contact is not a repair attempt, and an apology that gives way after blame
is not the blamer's repair (testers t1 problem 7, t6 P8; the episodes module's docstring)."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.model import Conversation, Episode

MODES = ("rules", "full")

BLOCK = [
    ("Sam", "Can you please just talk to me? I've called five times."),
    ("Alex", "I told you on Sunday I needed a break from this."),
    ("Sam", "A break? You can't just disappear on me. You always do this."),
    ("Alex", "I'm not disappearing. I'm asking you to stop calling."),
    ("Sam", "I'm sorry, okay? I'm sorry. Just pick up."),
    ("Alex", "Please don't contact me again. I'm blocking your number."),
]
NO_CONTACT = [
    ("Priya", "I've thought about it a lot and I don't want to be in contact anymore. "
              "Please don't reach out."),
    ("Dan", "What? Where is this coming from?"),
    ("Priya", "I've tried to explain for months. I'm done explaining."),
    ("Dan", "That's not fair. You owe me more than that."),
    ("Priya", "I don't. Please respect this."),
]
GASLIGHT = [
    ("Rosa", "Yesterday when you grabbed my arm in the car it really hurt. I have a bruise."),
    ("Marc", "I didn't grab your arm. I reached for the gearstick and you moved."),
    ("Rosa", "You grabbed it and said 'shut up for once'. I remember exactly."),
    ("Marc", "That never happened. You're remembering it wrong. You were half asleep."),
    ("Rosa", "I wasn't asleep, I was driving."),
    ("Marc", "See, you can't even get the details straight. I was driving."),
    ("Rosa", "Was I? I thought I was driving."),
    ("Marc", "This is why I worry about you. You get so worked up you invent things. "
             "Maybe talk to your doctor."),
    ("Rosa", "Maybe. I'm sorry. I don't know what's wrong with me."),
    ("Marc", "It's okay. I forgive you. Let's not tell anyone about this, they'd just worry."),
    ("Rosa", "Okay."),
    ("Marc", "Good girl. Love you."),
]
DARVO = [
    ("Maya", "Did you go through my phone last night? My messages to Priya were marked read and "
             "I hadn't opened them."),
    ("Jon", "Wow. Good morning to you too."),
    ("Maya", "I'm asking a real question. It really upset me."),
    ("Jon", "I can't believe you'd accuse me of that after everything I do for you."),
    ("Maya", "I'm not accusing you, I'm asking. They were marked read."),
    ("Jon", "So now I'm a liar as well. Great. You know what, I'm the one who's hurt here. "
            "I've been nothing but loyal."),
    ("Maya", "I didn't say you were a liar."),
    ("Jon", "You didn't have to. The tone says it all. Honestly this is exactly how your dad "
            "talks to your mum."),
    ("Maya", "That's not fair."),
    ("Jon", "What's not fair is me walking on eggshells in my own home because you're paranoid."),
    ("Maya", "I'm sorry. I didn't mean to make you feel attacked."),
    ("Jon", "Thank you. That's all I wanted. Let's just not do this again, okay?"),
    ("Maya", "Okay."),
    ("Jon", "Love you. Want to get takeaway tonight?"),
]


def _episodes(turns: list[tuple[str, str]], mode: str) -> tuple[Episode, ...]:
    return mendkit.analyze(Conversation.from_turns(turns), mode=mode).episodes


def _covering(episodes: tuple[Episode, ...], turn: int) -> Episode:
    return next(e for e in episodes if e.start_turn <= turn <= e.end_turn)


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("turns", "limit_setter", "last"), [
    (BLOCK, "Alex", 5), (NO_CONTACT, "Priya", 4)])
def test_a_limit_on_contact_is_no_repair_attempt(turns: list[tuple[str, str]], limit_setter: str,
                                                 last: int, mode: str) -> None:
    episodes = _episodes(turns, mode)
    episode = _covering(episodes, last)  # the limit answers the episode it ends
    assert episode.status == "unresolved"
    assert episode.initiator is None
    assert all(turns[i][0] != limit_setter for i in episode.repair_turns)


def test_a_time_out_with_a_return_is_still_a_repair() -> None:
    # rules mode: in full mode the model drops this boundary rule's match (0.15 repair.request)
    turns = [("Sam", "You never listen to me, you're so selfish."),
             ("Alex", "I'm getting flooded. Give me ten minutes to calm down and then we can talk."),
             ("Sam", "Okay. Thank you.")]
    episode = _episodes(turns, "rules")[0]
    assert 1 in episode.repair_turns
    assert episode.initiator == "Alex"


@pytest.mark.parametrize(("turns", "mode"), [
    (GASLIGHT, "rules"), (DARVO, "rules"), (DARVO, "full")])
def test_giving_way_after_blame_does_not_resolve(turns: list[tuple[str, str]], mode: str) -> None:
    apology = next(i for i, (_, text) in enumerate(turns) if "I'm sorry" in text)
    episode = _covering(_episodes(turns, mode), apology)
    assert episode.status != "resolved"
    assert not episode.reconnect_turns


@pytest.mark.parametrize("mode", MODES)
def test_the_blamer_owning_it_still_resolves(mode: str) -> None:
    turns = [("Rosa", "It really hurt when you laughed at my cooking in front of your friends."),
             ("Marc", "You're so dramatic, you always make everything about you."),
             ("Rosa", "I'm sorry. I don't know what's wrong with me."),
             ("Marc", "No, I'm sorry. I shouldn't have laughed at you, and I was unkind just now."),
             ("Rosa", "Thank you. That means a lot.")]
    episode = _covering(_episodes(turns, mode), 2)
    assert episode.status == "resolved"


@pytest.mark.parametrize("mode", MODES)
def test_an_apology_for_an_act_after_a_complaint_still_resolves(mode: str) -> None:
    turns = [("Sam", "You said you'd ring me and you didn't. I waited all evening."),
             ("Alex", "I'm sorry I forgot to ring you. That was thoughtless of me."),
             ("Sam", "Thank you. I appreciate that.")]
    episode = _covering(_episodes(turns, mode), 1)
    assert episode.status == "resolved"
