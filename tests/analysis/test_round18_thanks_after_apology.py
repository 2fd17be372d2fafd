"""Round 18 (tester t3): in full mode, a plain "Thank you." right after the other person's owned
apology takes the apology up; the model, which read it as withdrawal, may not drop the rule's
reconnection there, so the episode is resolved as in rules mode."""

from __future__ import annotations

import mendkit
from mendkit.analysis.fusion import owns_apology, standing_labels
from mendkit.analysis.pipeline import analyze_turn
from mendkit.analysis.rules import engine_rules
from mendkit.model import Conversation

RECONNECT = "reconnect"
THANKS = "reconnect/appreciation-03"

TY = [
    ("Ty", "What you said about my mum really stung."),
    ("Una", "I didn't mean it like that."),
    ("Ty", "Maybe not, but it hurt."),
    ("Una", "I understand. I shouldn't have said it. I'm sorry."),
    ("Ty", "Thank you."),
]


def test_thanks_after_an_owned_apology_resolves_the_episode_in_full_mode() -> None:
    for mode in ("rules", "full"):
        analysis = mendkit.analyze(Conversation.from_turns(TY), mode=mode)
        assert RECONNECT in analysis.turns[4].labels, mode
        assert "rupture.withdrawal" not in analysis.turns[4].labels, mode
        assert [e.status for e in analysis.episodes] == ["resolved"], mode


def test_only_short_thanks_after_an_owned_apology_stands() -> None:
    rule = engine_rules().by_id(THANKS)
    assert standing_labels([rule], text="Thank you.", owned_before=True) == {RECONNECT}
    # Without the other's owned apology just before, or inside a longer message, the model's
    # veto stays: thanks there is often routine.
    assert standing_labels([rule], text="Thank you.") == frozenset()
    assert standing_labels([rule], text="Thanks, I'll send the file tonight then.",
                           owned_before=True) == frozenset()


def test_an_owned_apology_is_told_from_a_lesser_repair() -> None:
    owned = analyze_turn(3, "Una", "I shouldn't have said it. I'm sorry.")
    offer = analyze_turn(3, "Una", "Can we talk about it tonight?")
    assert owns_apology(owned)
    assert not owns_apology(offer)
