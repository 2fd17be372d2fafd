"""Round 7: a suggested rewrite keeps what the person is talking about, or none is offered."""

from __future__ import annotations

import pytest

from mendkit.critic import critique


@pytest.mark.parametrize("draft", [
    "You always ignore me and you never listen. Sorry, but you made me angry.",
    "You never listen. Sorry, but you made me angry.",
])
def test_a_rewrite_is_never_just_a_bare_apology(draft: str) -> None:
    result = critique(draft, mode="rules")
    assert result.issues  # the draft's problems are still named, with their suggestions
    assert result.rewrite is None or result.rewrite.strip(" .!").lower() not in (
        "sorry", "i'm sorry", "im sorry", "i am sorry", "so sorry", "i'm so sorry")


def test_a_rewrite_that_keeps_the_subject_is_still_offered() -> None:
    result = critique("Sorry I was late, but you made me angry.", mode="rules")
    assert result.rewrite == "Sorry I was late."


def test_trimming_a_sorry_but_keeps_the_writers_own_apology() -> None:
    # No sentence is cut: the "but" that takes the apology back goes, the apology stays.
    assert critique("I'm sorry, but you never listen to me.", mode="rules").rewrite == "I'm sorry."
