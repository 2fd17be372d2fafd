"""Round 16 (tester t2, P13): a rewrite of a withdrawal in dialect keeps the brush-off.

"Aight. Whatever. I'm done talking about it." is rewritten "Aight. Whatever.", "Grand so.
Whatever you want. I'm not getting into it." "Grand so.": the critic deletes the flagged clause,
and what is left still reads as withdrawal in full mode. The README says Mend offers no rewrite
rather than one that still brushes off (the standard "Fine. Whatever you say. I'm not doing this
right now." gets none). Fixed in round seventeen: what is left of a withdrawal must not be a
curt reply in any English ("Aight.", "Grand so.") nor keep a brush-off ("whatever", "leave it").
"""

from __future__ import annotations

import pytest

import mendkit

_CONTEXT = ["You always leave the dishes for me. Honestly it's like living with a child."]


@pytest.mark.parametrize(("text", "mode"), [
    ("Aight. Whatever. I'm done talking about it.", "rules"),
    ("Aight. Whatever. I'm done talking about it.", "full"),
    ("Grand so. Whatever you want. I'm not getting into it.", "full"),
    ("Okay fine, whatever. I don't want to discuss anything now. Leave it.", "rules"),
    ("Okay fine, whatever. I don't want to discuss anything now. Leave it.", "full"),
])
def test_a_withdrawal_rewrite_does_not_keep_the_brush_off(text: str, mode: str) -> None:
    result = mendkit.check(text, context=_CONTEXT, mode=mode)
    assert "rupture.withdrawal" in result.labels
    if result.rewrite is not None:
        again = mendkit.check(result.rewrite, context=_CONTEXT, mode=mode)
        assert "rupture.withdrawal" not in again.labels
        assert "whatever" not in result.rewrite.lower()
