"""A large WhatsApp export is streamed, never held in memory whole."""

from __future__ import annotations

import random
import tracemalloc
from pathlib import Path

import pytest

from mendkit.io import load_conversation

VOCABULARY = [
    "you", "never", "listen", "I", "waited", "all", "evening", "sorry", "that", "was", "unfair",
    "can", "we", "talk", "later", "fine", "whatever", "I", "feel", "hurt", "when", "plans",
    "change", "without", "a", "word",
]


def write_export(path: Path, size: int) -> None:
    rnd = random.Random(11)
    written = 0
    minute = 0
    with path.open("w", encoding="utf-8") as fh:
        while written < size:
            minute += 1
            day, month = 1 + minute // 1440 % 28, 1 + minute // (1440 * 28) % 12
            hour, mins = divmod(minute % 1440, 60)
            lines = [" ".join(rnd.choices(VOCABULARY, k=rnd.randint(8, 30)))
                     for _ in range(rnd.randint(1, 4))]
            block = (f"[{day:02d}/{month:02d}/2026, {hour:02d}:{mins:02d}:00] "
                     f"{'Maya' if minute % 2 else 'Jonah'}: " + "\n".join(lines) + "\n")
            fh.write(block)
            written += len(block)


@pytest.mark.slow
def test_whatsapp_export_of_30_mb_is_streamed(tmp_path: Path) -> None:
    path = tmp_path / "chat.txt"
    write_export(path, 30_000_000)
    file_size = path.stat().st_size

    tracemalloc.start()
    try:
        conversation = load_conversation(path)
        retained, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()

    text_size = sum(len(turn.text) for turn in conversation.turns)  # ASCII: one byte a character
    assert len(conversation.turns) > 100_000
    assert text_size > 0.85 * file_size
    # Reading the file whole costs at least its size again (the string) on top of the turns, and
    # splitting it into lines as much again: both bounds would fail, streaming passes.
    assert peak - retained < 0.25 * file_size
    assert peak < 2.5 * text_size
