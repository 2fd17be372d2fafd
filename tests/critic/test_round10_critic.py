"""Round ten: how ``mend check`` words a crisis sign that only the model saw."""

from __future__ import annotations

import pytest

import mendkit
from mendkit.labels import CRISIS

# The shipped model reads this plan as a sign of crisis, with no crisis rule matching its words.
MODEL_ONLY = "My plan is to apologise tonight."


def test_a_crisis_sign_only_the_model_saw_is_taken_seriously_and_said_to_be_a_guess() -> None:
    result = mendkit.check(MODEL_ONLY)
    signs = [e for e in result.evidence if e.label == CRISIS]
    if not result.risk.crisis or any(not e.source.startswith("model:") for e in signs):
        pytest.skip("the shipped model no longer flags this message on its own")
    (note,) = result.notes
    assert "model" in note and "can be wrong" in note
    # Round 17 (t2 P3): seriousness comes before the doubt, so a real sign is not waved away.
    assert note.index("take that seriously") < note.index("can be wrong")
    assert "reach out to someone now" in note  # help is still offered
    assert result.rewrite is None and result.issues == ()  # and the coaching still waits


def test_a_crisis_sign_in_the_words_keeps_the_plain_warning() -> None:
    result = mendkit.check("I want to die.")
    assert result.risk.crisis
    (note,) = result.notes
    assert "misreading" not in note and "can be wrong" not in note
    assert note.startswith("This message mentions something that sounds unsafe.")
