"""Round 17: a withdrawal's rewrite offers no brush-off in other words.

Cutting the flagged clause of "Aight. Whatever. I'm done talking about it." left "Aight.
Whatever.": the same closed door. What is left of a withdrawal must not be a curt reply in any
English ("Grand so.", "Bet.", "Sound.", "Fine by me.", "Whatevs.") nor keep a brush-off ("k.",
"sure, whatever", "do what you want", "if you say so", "leave it", "I don't want to discuss it"):
Mend then offers no rewrite, and its suggestion asks for a pause with a time to come back. A
rewrite that keeps a real part of the message is still offered.
"""

from __future__ import annotations

import pytest

import mendkit

_CONTEXT = ["You always leave the dishes for me. Honestly it's like living with a child."]
MODES = ("rules", "full")
# Words that still close the door, in any rewrite of these drafts.
_BRUSH_OFF = ("whatever", "whatevs", "leave it", "if you say so", "do what you want", "fine by me",
              "suit yourself", "don't want to discuss")


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Aight. Whatever. I'm done talking about it.",
    "Grand so. Whatever you want. I'm not getting into it.",
    "Okay fine, whatever. I don't want to discuss anything now. Leave it.",
    "Whatevs. I'm not doing this.",
    "Fine by me. I'm done talking about it.",
    "Bet. I'm done talking about it.",
    "Sound. I'm not getting into it.",
    "k. I'm done talking about it.",
    "Sure, whatever. I'm not getting into it.",
    "Do what you want. I'm not discussing this.",
    "If you say so. I'm done talking about it.",
    "Ok. Suit yourself. I'm done talking about it.",
])
def test_a_withdrawal_leaves_no_rewrite_that_still_brushes_off(text: str, mode: str) -> None:
    result = mendkit.check(text, context=_CONTEXT, mode=mode)
    assert "rupture.withdrawal" in result.labels
    assert any(i.kind == "withdrawal" for i in result.issues)
    if result.rewrite is not None:
        lowered = result.rewrite.lower().replace("\u2019", "'")
        assert not any(words in lowered for words in _BRUSH_OFF), result.rewrite
        again = mendkit.check(result.rewrite, context=_CONTEXT, mode=mode)
        assert "rupture.withdrawal" not in again.labels


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("text", [
    "Aight. Whatever. I'm done talking about it.",
    "Grand so. Whatever you want. I'm not getting into it.",
    "Bet. I'm done talking about it.",
    "Sound. I'm not getting into it.",
    "Fine by me. I'm done talking about it.",
    "Whatevs. I'm not doing this.",
])
def test_a_curt_reply_left_alone_is_no_rewrite(text: str, mode: str) -> None:
    # All that is left once the withdrawal goes is a curt reply: there is nothing to offer.
    assert mendkit.check(text, context=_CONTEXT, mode=mode).rewrite is None


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize(("text", "kept"), [
    ("I'm sorry I snapped. I'm done talking about it.", "I'm sorry I snapped."),
    ("I hear you, and I'll do the dishes tonight. I'm done talking about it.",
     "I hear you, and I'll do the dishes tonight."),
])
def test_a_withdrawal_beside_a_real_repair_still_gets_its_rewrite(text: str, kept: str,
                                                                  mode: str) -> None:
    assert mendkit.check(text, context=_CONTEXT, mode=mode).rewrite == kept
