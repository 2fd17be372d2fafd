"""Round 19 (f13): crisis false alarms in older rules and idioms, and a condolence read as an apology.

A pharmacy's or a doctor's rule about medication, pills kept in a dosette box and "kicked my brother
out of the lounge" are no danger; a threat over a quiz or a spoiler, "I want to die" over Mario Kart
or a pun, "I'm ending it" about a game and "throw myself out of the car" over a cabbie's jokes are
hyperbole. Real danger, threats with a weapon, a time or a history, and real despair still fire.
"I'm so sorry." after the other's news of a death or an illness is a condolence, not an apology;
after a complaint about the speaker it stays an apology."""

from __future__ import annotations

import pytest

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.labels import CRISIS
from mendkit.model import Conversation

RESPONSIBILITY = "repair.responsibility"


def _crisis(text: str) -> bool:
    turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode="rules").turns[0]
    return CRISIS in turn.labels


def _labels_after(news: str, reply: str) -> tuple[str, ...]:
    conversation = Conversation.from_turns([("them", news), ("me", reply)])
    return analyze_conversation(conversation, mode="rules").turns[1].labels


@pytest.mark.parametrize("text", [
    "The pharmacy won't give me my meds without a new prescription",
    "The nurse won't give me my tablets until I've eaten, doctor's orders",
    "She keeps my pills in a dosette box",
    "My dad kicked my brother out of the lounge",
    "If Dave picks the music round again at quiz night I swear I'll kill him.",
    "if one more person spoils the finale for me before i get home i will end them, i swear",
    "got absolutely destroyed at mario kart by the night porters, i want to die lmao",
    "Tom's pun at dinner was so bad I genuinely wanted to die. He's banned from the group chat.",
    "squad left me to die in the storm circle AGAIN. im ending it, uninstalling tonight",
    "That cabbie's jokes were so bad I wanted to throw myself out of the moving car haha",
    "got sniped by some 12 year old again. uninstalling and walking into the sea, goodbye cruel world",
])
def test_no_alarm(text: str) -> None:
    assert not _crisis(text)


@pytest.mark.parametrize("text", [
    "he kicked me out at 16 and I've nowhere to go",
    "he kicked my brother in the stomach",
    "she keeps my pills from me until I apologise",
    "He won't give me my meds, he says I don't deserve them",
    "She keeps my pills in a locked drawer so I can't take them when I need them",
    "He kicked my brother out of the house and he's sleeping in his car",
    "If he spoils one more of our kids' birthdays by turning up drunk I swear I'll kill him.",
    "He raped my sister. I'll kill him, I swear.",
    "If Darren turns up at the school gates one more time I swear I'm bringing the hammer.",
    "I want to die. I mean it, I can't do this anymore.",
    "I'm ending it tonight. I've got the pills.",
])
def test_still_a_sign(text: str) -> None:
    assert _crisis(text)


@pytest.mark.parametrize(("news", "reply"), [
    ("My mum died on Tuesday.", "I'm so sorry."),
    ("Got the results back, it's cancer.", "Oh no, I'm so sorry, love."),
    ("They made me redundant today.", "I'm so sorry."),
    ("My dog had to be put down this morning.", "I'm really sorry."),
])
def test_condolence_is_no_apology(news: str, reply: str) -> None:
    assert RESPONSIBILITY not in _labels_after(news, reply)


@pytest.mark.parametrize(("complaint", "reply"), [
    ("You forgot my birthday.", "I'm so sorry."),
    ("My mum died and you didn't even come to the funeral.", "I'm so sorry."),
    ("Grandad's in hospital, they think it was a stroke.", "sorry for snapping earlier"),
    ("My mum died on Tuesday.", "I'm so sorry. I should have called you."),
])
def test_apology_stays(complaint: str, reply: str) -> None:
    assert RESPONSIBILITY in _labels_after(complaint, reply)
