"""``encode_pair`` keeps what the tokenizer library's longest-first truncation keeps, without
asking the library to cut a pair (which builds every overflowing window of two long turns: time
and memory that grow with the square of their length)."""

from __future__ import annotations

from typing import Any

import pytest
from tokenizers import Tokenizer

from mendkit.models.classifier import classifier_dir, encode_pair

TURN = "I'm sorry I snapped at you this morning, and I should have called. "
BEFORE = "You never listen, you just walk off when it gets hard!! "


def _library() -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(classifier_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.enable_truncation(max_length=128, strategy="longest_first")
    return tokenizer


def _plain() -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(classifier_dir() / "tokenizer.json"))
    tokenizer.no_padding()
    tokenizer.no_truncation()
    return tokenizer


CASES = [
    ("Fine.", "You're useless."),
    ("Fine.", ""),
    ("", "Where did you go?"),
    (TURN * 3, BEFORE),             # one side over the budget
    (TURN, BEFORE * 6),
    (TURN * 40, BEFORE * 40),       # both over it, the turn longer
    (TURN * 30, BEFORE * 50),       # both over it, the turn before longer
    (TURN * 30 + "x", TURN * 30),   # the same length in tokens but for one
    ("word " * 200, "word " * 200),
    ("a[SEP]b [CLS]" * 100, "[UNK]" * 300),
    ("!!??" * 2000, "\u00a0\u202f".join(["non", "breaking"] * 900)),
    ("e\u0301t\u0301e\u0301 " * 800, "中文字符" * 700),
    ("\x0b\x1f\u200bjoined\u200b " * 900, "x" * 9000),
    ("short", "tab\tseparated\twords " * 700),
    ("日本語のテキストです。これは、テスト！" * 300, "中文，标点。漢字" * 400),
    ("ひらがなだけのぶんしょう" * 50, "a。b！c" * 900),
]


@pytest.mark.parametrize(("text", "previous"), CASES)
def test_the_same_tokens_as_the_library(text: str, previous: str) -> None:
    expected = _library().encode(text or " ", previous)
    assert encode_pair(_plain(), text, previous, 128) == (expected.ids, expected.type_ids)


class _Watched:
    """A tokenizer that remembers the length of every text it is given."""

    def __init__(self) -> None:
        self.inner = _plain()
        self.lengths: list[int] = []
        self.pairs = 0

    def token_to_id(self, token: str) -> int | None:
        return self.inner.token_to_id(token)

    def encode(self, text: str, pair: str | None = None, **options: Any) -> Any:
        self.lengths.append(len(text))
        self.pairs += pair is not None
        return self.inner.encode(text, pair, **options)


def test_two_long_turns_are_tokenised_a_bounded_piece_at_a_time() -> None:
    watched = _Watched()
    text, previous = "sorry, but " * 20_000, "you always never " * 15_000
    ids, types = encode_pair(watched, text, previous, 128)
    assert len(ids) == len(types) == 128
    assert watched.pairs == 0
    assert max(watched.lengths) < 10_000  # of 220,000 and 255,000 characters
    expected = _library().encode(text[:5_000], previous[:5_000])  # enough for 128 tokens
    assert (ids, types) == (expected.ids, expected.type_ids)


def test_text_without_spaces_is_tokenised_a_bounded_piece_at_a_time_too() -> None:
    watched = _Watched()
    text = "日本語のテキストです。これは、テスト！" * 20_000  # 380,000 characters, no space
    encode_pair(watched, text, text, 128)
    assert watched.pairs == 0 and max(watched.lengths) < 10_000
