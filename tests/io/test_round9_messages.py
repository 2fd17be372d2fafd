"""Round 9 reader messages: an over-long speaker name is named as such; one line after an
unclosed CSV quote is "the line after it"."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.errors import FormatError
from mendkit.io import load_conversation


def _error(path: Path) -> str:
    with pytest.raises(FormatError) as caught:
        load_conversation(path)
    return str(caught.value)


def test_a_speaker_name_over_the_limit_is_said_to_be_too_long(tmp_path: Path) -> None:
    path = tmp_path / "long.txt"
    path.write_text("A" * 10_000 + ": hello\nBen: ok\n", encoding="utf-8")
    message = _error(path)
    assert "speaker name of 10,000 characters; a name is at most 60" in message
    assert "without a speaker" not in message


def test_a_long_name_after_a_time_is_counted_without_the_time(tmp_path: Path) -> None:
    path = tmp_path / "timed.txt"
    path.write_text("[00:01:05] " + "B" * 100 + ": hello\nBen: ok\n", encoding="utf-8")
    assert "speaker name of 100 characters" in _error(path)


def test_a_line_that_is_not_a_name_still_reads_as_one_without_a_speaker(tmp_path: Path) -> None:
    for first in ("Note, this is important: read it", "hello there friend"):
        path = tmp_path / "prose.txt"
        path.write_text(f"{first}\nBen: ok\n", encoding="utf-8")
        assert "found a line without a speaker" in _error(path)


@pytest.mark.parametrize(("after", "said"), [(1, "the line after it would"),
                                             (2, "the 2 lines after it would")])
def test_an_unclosed_quote_counts_the_lines_after_it(tmp_path: Path, after: int,
                                                     said: str) -> None:
    path = tmp_path / "open.csv"
    rows = "".join(f"Ben,ok {n}\n" for n in range(after))
    path.write_text(f'speaker,text\nAna,"hello there\n{rows}', encoding="utf-8")
    message = _error(path)
    assert said in message and "1 lines" not in message
