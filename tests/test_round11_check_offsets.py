"""Round 11: ``check`` returns the text as sent, and its offsets index that text (CRLF, lone CR)."""

from __future__ import annotations

import pytest

import mendkit


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\n"])
def test_offsets_index_the_text_the_caller_sent(newline: str) -> None:
    sent = newline.join(["Hey.", "I'm sorry if you were offended.", "But you never listen.", "",
                         "It's not a big deal."])
    result = mendkit.check(sent, mode="rules")
    assert result.text == sent
    spans = {sent[i.start:i.end] for i in result.issues}
    assert "you never" in spans
    assert "It's not a big deal" in spans
    for e in result.evidence:
        assert sent[e.start:e.end] == e.text


def test_offsets_skip_what_was_trimmed_around_the_message() -> None:
    sent = "\ufeff  I was wrong.\rYou always do this.\r\n"
    result = mendkit.check(sent, mode="rules")
    assert result.text == sent
    assert {sent[e.start:e.end] for e in result.evidence} >= {"I was wrong", "You always"}
    assert [sent[i.start:i.end] for i in result.issues if i.kind == "always_never"] == [
        "You always"]
