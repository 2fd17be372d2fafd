"""Round 15 (tester t6, P13): in ``mend batch`` output, as in ``mend analyze --json``, every turn
the safety summary counts as a crisis sign carries ``risk.crisis`` in its labels, including one
read only from the turns around it (an "I don't know" to "are you safe right now?"); a researcher
who filters turns by label misses none."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mendkit.batch import BatchSettings, run_batch
from mendkit.models.classifier import available

CRISIS = "risk.crisis"
TURNS = [
    ("Chris", "I just want one conversation. You owe me that much after four years."),
    ("Jess", "I don't owe you a conversation. I was clear when I left."),
    ("Chris", "I'm sorry. I'm just really struggling."),
    ("Jess", "Chris, are you safe right now?"),
    ("Chris", "Honestly I don't know. Depends on you."),
    ("Jess", "I'm calling your brother and I'm giving you the crisis line number."),
]
MODES = ["rules", pytest.param("full", marks=pytest.mark.skipif(
    not available(), reason="this build has no model files"))]


def _rows(tmp_path: Path, mode: str) -> list[dict[str, Any]]:
    source = tmp_path / "in.jsonl"
    source.write_text("".join(json.dumps({"conversation_id": "c1", "speaker": speaker,
                                          "text": text}) + "\n" for speaker, text in TURNS),
                      encoding="utf-8")
    out = tmp_path / "out.jsonl"
    report = run_batch(source, out, BatchSettings(mode=mode, out_format="jsonl"))  # type: ignore[arg-type]
    assert report.errors == 0
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]


@pytest.mark.parametrize("mode", MODES)
def test_batch_labels_every_safety_turn_crisis(tmp_path: Path, mode: str) -> None:
    (row,) = _rows(tmp_path, mode)
    flagged = set(row["safety"]["turns"])
    assert 4 in flagged
    assert {t["index"] for t in row["turns"] if CRISIS in t["labels"]} == flagged
    answer = row["turns"][4]
    assert answer["scores"][CRISIS] >= 0.5
    assert [e["subtype"] for e in answer["evidence"] if e["label"] == CRISIS]
