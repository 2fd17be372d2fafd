"""Round 19, speed of ``POST /api/check``: work taken out of a check changes no answer.

- The classifier reads a pair that fits its window from the tokens it has already counted, not
  from a second tokenising (``TurnClassifier._read``): the same ids as ``encode_pair``.
- In full mode the critic's "what the rules alone find" (``critic._overruled``) takes the
  pipeline's own rules reading of a message checked with nothing before it, instead of a second
  pass of the rules: the same reading as ``analyze_turn``.
- The web app reads whether the personal heads are an earlier Mend's when the heads file
  changes, not on every request: the notice still comes and goes with the file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING

import pytest

if TYPE_CHECKING:
    from fastapi.testclient import TestClient

REPO = Path(__file__).resolve().parents[2]
DRAFTS = [pair[side] for line in (REPO / "data/corpus/pairs.jsonl").read_text().splitlines()
          if line.strip() for pair in [json.loads(line)] for side in ("better", "worse")]


def _train_turns(limit: int) -> list[str]:
    turns: list[str] = []
    for path in sorted((REPO / "data/corpus/train").glob("*.jsonl")):
        for line in path.read_text().splitlines():
            if line.strip() and "turns" in (record := json.loads(line)):
                turns.extend(t["text"] for t in record["turns"])
        if len(turns) >= limit:
            break
    return turns[:limit]


def test_fitting_pair_reads_the_same_ids_as_encode_pair() -> None:
    from mendkit.models.classifier import available, default_classifier, encode_pair

    if not available():
        pytest.skip("no shipped classifier")
    model = default_classifier()
    seen: list[tuple[list[int], list[int]]] = []
    model_run = model._session_run

    def watched(ids: list[int], types: list[int]) -> object:
        seen.append((list(ids), list(types)))
        return model_run(ids, types)

    object.__setattr__(model, "_session_run", watched)
    try:
        texts = _train_turns(60)
        pairs = [(text, texts[i - 1] if i % 3 else "") for i, text in enumerate(texts)]
        for text, previous in pairs:
            seen.clear()
            model._read(text, previous)
            assert len(seen) == 1
            assert seen[0] == encode_pair(model.tokenizer, text, previous,
                                          int(model.meta["max_tokens"]),
                                          str(model.meta.get("truncation", "longest_first")))
    finally:
        object.__delattr__(model, "_session_run")


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_rules_reading_of_a_lone_message_is_analyze_turns(mode: str) -> None:
    from mendkit.analysis.pipeline import analyze_turn, analyze_with_probabilities
    from mendkit.model import Conversation, TurnAnalysis

    for text in [*DRAFTS[::4], *_train_turns(40)]:
        ruled: list[TurnAnalysis] = []
        analyze_with_probabilities(Conversation.from_turns([("me", text)], id="check"),
                                   mode=mode, rules_readings=ruled)
        assert len(ruled) == 1
        assert ruled[0] == analyze_turn(0, "me", text)


def test_older_heads_notice_follows_the_file(client: TestClient, home: Path) -> None:
    from mendkit.models.personal import personal_dir
    from mendkit.web.api import NOTICE_HEADER

    def notice() -> str | None:
        r = client.post("/api/check", json={"text": "I'm sorry I snapped at you.",
                                             "mode": "rules"})
        assert r.status_code == 200
        return r.headers.get(NOTICE_HEADER)

    assert notice() is None
    heads = personal_dir(home) / "heads.json"
    heads.parent.mkdir(parents=True, exist_ok=True)
    heads.write_text(json.dumps({"format": "mend-personal-heads-v1"}), encoding="utf-8")
    assert notice() is not None
    assert notice() is not None  # read once, said every time
    heads.unlink()
    assert notice() is None
