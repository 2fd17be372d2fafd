"""Round 14, second pass (tester t10): in a group, a name said without a comma still speaks to
its person ("Maya sorry for earlier", "@Ben sorry mate", "Thanks Dr Reid", "It's ok miss"); a
newcomer's rupture with a fourth person opens its own episode; a therapist's own rupture with
one partner of a couple at odds is its own episode, so the partner who apologises to the other
initiates the couple's repair; and an apology by name, taken up, makes an episode even when the
rupture it owns had no label.

Shapes from tester t10's probes, in new words.
"""

from __future__ import annotations

import pytest

from mendkit.analysis.addressing import addressed
from mendkit.analysis.episodes import find_episodes
from mendkit.analysis.pipeline import analyze_conversation
from mendkit.model import Conversation, Evidence, Turn, TurnAnalysis

SPEAKERS = ["Ben", "Cat", "Dr Sam Reid", "Maya", "Ms Patel", "Zed"]


@pytest.mark.parametrize(("text", "to"), [
    ("ugh Cat don't you start", {"Cat"}),
    ("omg Cat stop", {"Cat"}),
    ("honestly Cat you're so annoying", {"Cat"}),
    ("Maya sorry for earlier", {"Maya"}),
    ("Sorry about earlier, Maya x", {"Maya"}),
    ("@Ben sorry mate", {"Ben"}),
    ("Thanks Dr Reid", {"Dr Sam Reid"}),
    ("Sam, I hear you", {"Dr Sam Reid"}),
    ("Thanks Doctor, that helps", {"Dr Sam Reid"}),
    ("It's ok miss", {"Ms Patel"}),
    ("tell Maya I said hi", set()),
    ("Maya said she'd be late", set()),
    ("I miss the old flat", set()),
    ("I went to the doctor.", set()),
])
def test_a_name_without_a_comma_still_speaks_to_its_person(text: str, to: set[str]) -> None:
    assert addressed(TurnAnalysis(index=0, speaker="Zed", text=text), SPEAKERS) == to


def test_a_family_word_speaks_to_the_person_the_turn_answers() -> None:
    turn = TurnAnalysis(index=3, speaker="Ella", text="Dad, sorry")
    assert addressed(turn, ["Ella", "Mark", "Susan"], "Mark") == {"Mark"}
    assert addressed(turn, ["Ella", "Mark", "Susan"]) == frozenset()


def _modes() -> list[str]:
    return ["rules", "full"]


def _summary(turns: list[tuple[str, str]], mode: str) -> list[tuple[int, str, str | None]]:
    timed = [Turn(index=i, speaker=speaker, text=text, start=10.0 * i)
             for i, (speaker, text) in enumerate(turns)]
    analysis = analyze_conversation(Conversation.from_turns(timed), mode=mode)
    return [(e.start_turn, e.status, e.initiator) for e in analysis.episodes]


@pytest.mark.parametrize("mode", _modes())
def test_an_apology_by_name_without_a_comma_closes_that_persons_episode(mode: str) -> None:
    eps = _summary([
        ("Ben", "who moved my stuff off the desk"),
        ("Maya", "me, I needed the space for the printer"),
        ("Ben", "you could've asked. you treat this flat like it's yours"),
        ("Maya", "fine. never mind then"),
        ("Cat", "Ben, your box is in the hall btw"),
        ("Ben", "ugh Cat don't you start, I can find my own box"),
        ("Cat", "wow ok, only trying to help"),
        ("Ben", "Cat, sorry for snapping. you were just being helpful."),
        ("Cat", "thanks"),
        ("Maya", "hi"),
        ("Ben", "Maya sorry for earlier. I overreacted about the desk, it was fine to move it"),
        ("Maya", "thank you. it's ok x"),
    ], mode)
    maya = next(e for e in eps if e[0] == 2)
    assert maya[1:] == ("resolved", "Ben")
    assert any(start == 5 for start, _, _ in eps), "Ben's snap at Cat is its own episode"


@pytest.mark.parametrize("mode", _modes())
def test_a_newcomers_rupture_with_a_fourth_person_is_its_own_episode(mode: str) -> None:
    eps = _summary([
        ("Amy", "Ben, you ate my leftovers again. That's the third time."),
        ("Ben", "Whatever. It was going off anyway."),
        ("Cara", "Has anyone seen the remote?"),
        ("Dev", "You always ask that. You never look for anything yourself."),
        ("Cara", "Forget it."),
        ("Dev", "Cara, I'm sorry, that was rude of me. It's on the shelf."),
        ("Cara", "Thanks Dev. No worries."),
    ], mode)
    assert (0, "unresolved", None) in eps
    assert any(status == "resolved" and who == "Dev" for _, status, who in eps)


@pytest.mark.parametrize("mode", _modes())
def test_the_therapists_own_rupture_does_not_make_them_the_couples_initiator(mode: str) -> None:
    eps = _summary([
        ("Dr Lee", "Let's start with what happened on Saturday."),
        ("Hana", "Tom, you left me alone at the party for an hour. You always do this."),
        ("Tom", "Hana, you're exaggerating as usual."),
        ("Hana", "I'm done. Forget it."),
        ("Dr Lee", "Tom, honestly you sound a bit defensive, you need to listen more."),
        ("Tom", "Wow. Great. Now you're on her side too."),
        ("Dr Lee", "Tom, I'm sorry, that was unfair of me. I took a side."),
        ("Tom", "Thanks Dr Lee. I appreciate that."),
        ("Dr Lee", "Hana, what was that hour like for you?"),
        ("Hana", "Lonely."),
        ("Tom", "Hana, I'm sorry I left you alone. That wasn't okay."),
        ("Hana", "Thank you. That helps."),
    ], mode)
    assert (1, "resolved", "Tom") in eps
    assert (4, "resolved", "Dr Lee") in eps


def said(i: int, speaker: str, text: str, *marks: tuple[str, str, str]) -> TurnAnalysis:
    ev = tuple(Evidence(label=label, subtype=sub, start=text.index(words),
                        end=text.index(words) + len(words), text=words,
                        source="rule:test/marker-01") for label, sub, words in marks)
    labels = tuple(dict.fromkeys(e.label for e in ev))
    return TurnAnalysis(index=i, speaker=speaker, text=text, labels=labels,
                        scores=dict.fromkeys(labels, 0.9), evidence=ev, start=10.0 * i)


def test_a_named_apology_after_an_unlabelled_rupture_makes_an_episode() -> None:
    eps = find_episodes([
        said(0, "Priya", "Quick round, blockers first."),
        said(1, "Sam", "The deploy script keeps failing on staging and I think it's the"),
        said(2, "Nina", "Let's not go down that road again, we all know the script."),
        said(3, "Sam", "Sure, later then."),
        said(4, "Priya", "Jo, you always say that. You never chase them yourself.",
             ("rupture.confrontation", "criticism", "you always say that")),
        said(5, "Jo", "Fine.", ("rupture.withdrawal", "minimal_response", "Fine")),
        said(6, "Nina", "Sam, I'm sorry I cut you off earlier. That was rude of me.",
             ("repair.responsibility", "apology", "I'm sorry")),
        said(7, "Sam", "Thanks Nina, appreciate it.", ("reconnect", "appreciation", "Thanks")),
    ])
    summary = [(e.start_turn, e.status, e.initiator, e.seconds_to_repair) for e in eps]
    assert (2, "resolved", "Nina", 40.0) in summary
    assert (4, "unresolved", None, None) in summary


def test_a_hurt_persons_forget_it_after_an_unlabelled_jab_is_no_bystanders_aside() -> None:
    eps = find_episodes([
        said(0, "Amy", "Ben, you ate my leftovers again.",
             ("rupture.confrontation", "complaint", "you ate my leftovers again")),
        said(1, "Ben", "Whatever.", ("rupture.withdrawal", "dismissing", "Whatever")),
        said(2, "Cara", "Has anyone seen the remote?"),
        said(3, "Dev", "That's such a stupid question, it's where it always is."),
        said(4, "Cara", "Forget it.", ("rupture.withdrawal", "minimal_response", "Forget it")),
        said(5, "Dev", "Cara, I'm sorry, that was rude of me.",
             ("repair.responsibility", "apology", "I'm sorry")),
        said(6, "Cara", "Thanks Dev.", ("reconnect", "appreciation", "Thanks")),
    ])
    assert [(e.start_turn, e.status, e.initiator) for e in eps] == [
        (0, "unresolved", None), (4, "resolved", "Dev")]
