"""``normalise`` keeps every offset: evidence found in the normalised text is the same span of the
text the person wrote."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

import mendkit
from mendkit.analysis.text import normalise


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40))
def test_normalising_keeps_the_length(text: str) -> None:
    assert len(normalise(text)) == len(text)


def test_every_character_lower_cases_to_one() -> None:
    """Over all of Unicode: the dotted capital I is the one whose lower case is two characters."""
    for code in range(0x110000):
        if 0xD800 <= code < 0xE000:
            continue
        assert len(normalise(chr(code))) == 1, hex(code)


def test_evidence_after_a_dotted_capital_i_is_the_words_the_person_wrote() -> None:
    text = "İlkay, İ know you never listen to me, it's all your fault."
    result = mendkit.check(text, mode="rules")
    assert result.evidence
    for evidence in result.evidence:
        assert 0 <= evidence.start <= evidence.end <= len(text)
        assert text[evidence.start:evidence.end] == evidence.text
    assert any(e.text.startswith("you never") for e in result.evidence)
