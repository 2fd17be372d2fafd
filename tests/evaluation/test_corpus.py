"""Mend's labelled corpus is well formed, big enough, split cleanly, and ``mend eval`` scores it."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.evaluation import evaluate, find_corpus, load_corpus
from mendkit.evaluation.corpus import Corpus
from mendkit.evaluation.metrics import prf
from mendkit.labels import TAXONOMY

ROOT = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def corpus() -> Corpus:
    return load_corpus(ROOT)


def test_corpus_meets_the_size_the_issue_asks_for(corpus: Corpus) -> None:
    assert len(corpus.conversations) >= 40
    assert sum(len(c.labels) for c in corpus.conversations) >= 400
    assert len(corpus.crisis) >= 60
    assert len(corpus.pairs) >= 40
    settings = Counter(c.setting for c in corpus.conversations)
    assert set(settings) == {"couple", "family", "work", "friends", "text_chat", "therapy"}


def test_pairs_include_longer_worse_messages(corpus: Corpus) -> None:
    longer = sum(len(p.worse) > len(p.better) for p in corpus.pairs)
    assert longer >= len(corpus.pairs) // 4


def test_test_split_has_twenty_idioms_and_crises(corpus: Corpus) -> None:
    test = corpus.split("test")
    assert sum(c.kind == "idiom" for c in test.crisis) >= 20
    assert sum(c.crisis for c in test.crisis) >= 20


def rows_of_test_files(pattern: str, id_prefix: str) -> list[dict[str, Any]]:
    """The records of ``data/corpus/test/<pattern>``: there are some, each of the test split, with
    an id of its own that starts with ``id_prefix``."""
    files = sorted((ROOT / "test").glob(pattern))
    assert files
    rows = [json.loads(line) for path in files
            for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    assert all(r["split"] == "test" and r["id"].startswith(id_prefix) for r in rows)
    assert len({r["id"] for r in rows}) == len(rows)
    return rows


def test_crisis_test_files_hold_new_test_messages_only(corpus: Corpus) -> None:
    """data/corpus/test/crisis_*.jsonl (6 December 2026) belong to the test split alone: no model
    trains on them and no rule is tuned on them, so none of their texts may appear elsewhere."""
    rows = rows_of_test_files("crisis*.jsonl", "test-crisis-")
    loaded = {c.id for c in corpus.split("test").crisis}
    assert {r["id"] for r in rows} <= loaded
    ours = {" ".join(r["text"].lower().split()) for r in rows}
    assert len(ours) == len(rows)
    elsewhere = {" ".join(c.text.lower().split()) for c in corpus.crisis
                 if not c.id.startswith("test-crisis-")}
    assert ours.isdisjoint(elsewhere)


def test_test_conversation_files_hold_new_test_conversations_only(corpus: Corpus) -> None:
    """data/corpus/test/conversations_*.jsonl (6 December 2026) belong to the test split alone: no
    model trains on them and no rule is tuned on them, so no long turn of theirs may appear in
    any other conversation, and every one of them is loaded into the test split."""
    rows = rows_of_test_files("conversations*.jsonl", "test-c")
    test_ids = {c.conversation.id for c in corpus.split("test").conversations}
    assert {r["id"] for r in rows} <= test_ids
    assert len(test_ids) > len(rows)  # the original test conversations are still there
    ours = {" ".join(t["text"].lower().split()) for r in rows for t in r["turns"]
            if len(t["text"]) >= 40}
    ids = {r["id"] for r in rows}
    elsewhere = {" ".join(t.text.lower().split()) for c in corpus.conversations
                 if c.conversation.id not in ids for t in c.conversation.turns}
    assert ours.isdisjoint(elsewhere)


def test_every_label_and_subtype_appears_in_the_conversations(corpus: Corpus) -> None:
    seen = set()
    for path in sorted((ROOT / "conversations").glob("*.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            for turn in json.loads(line)["turns"]:
                seen.update((x["label"], x["subtype"]) for x in turn["labels"])
    expected = {(label, sub) for label, subs in TAXONOMY.items() for sub in subs
                if label != "risk.crisis"}
    assert expected <= seen


def test_splits_do_not_share_texts(corpus: Corpus) -> None:
    dev, test = corpus.split("dev"), corpus.split("test")
    assert {c.conversation.id for c in dev.conversations}.isdisjoint(
        c.conversation.id for c in test.conversations)
    assert {c.text for c in dev.crisis}.isdisjoint(c.text for c in test.crisis)
    assert {p.better for p in dev.pairs}.isdisjoint(p.better for p in test.pairs)


def test_gold_episodes_start_on_rupture_turns(corpus: Corpus) -> None:
    for conv in corpus.conversations:
        for ep in conv.episodes:
            assert any(x.startswith("rupture.") for x in conv.labels[ep.start_turn]), \
                conv.conversation.id


def test_prf_counts() -> None:
    score = prf([(True, True), (True, False), (False, True), (False, False)])
    assert (score.tp, score.fp, score.fn) == (1, 1, 1)
    assert score.f1 == pytest.approx(0.5)


def test_find_corpus_walks_up_from_a_subfolder(tmp_path: Path) -> None:
    assert find_corpus(ROOT / "conversations") == ROOT


def test_find_corpus_from_elsewhere_finds_the_checkout_mend_runs_from(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`mend eval` run from another folder, with Mend installed from the repository, found no
    corpus although `--help` said it would use this checkout's."""
    from mendkit.evaluation import corpus as module

    assert find_corpus(tmp_path).resolve() == ROOT.resolve()
    # Installed from a wheel: no checkout around it, so the error says how to give one.
    monkeypatch.setattr(module, "__file__", str(tmp_path / "site" / "mendkit" / "evaluation"
                                                 / "corpus.py"))
    with pytest.raises(ValueError, match="--corpus"):
        find_corpus(tmp_path)


def test_eval_reports_every_figure(corpus: Corpus, capsys: pytest.CaptureFixture[str]) -> None:
    report = evaluate(corpus, split="dev")
    assert report.turns == sum(len(c.labels) for c in corpus.split("dev").conversations)
    assert report.pairs_total == 40
    assert main(["eval", "--split", "dev", "--json", "--corpus", str(ROOT), "--no-public"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {"per_label", "any_rupture", "any_repair", "episodes", "crisis", "pairs"} <= set(data)
    assert data["any_rupture"]["support"] == report.any_rupture.support


def test_calibration_files_stand_apart_from_everything_else(corpus: Corpus) -> None:
    """train/calib_a + calib_b choose thresholds and calib_e + calib_f compare models on wording
    new to the rules and the model (training/corpus_parts.py): no long turn of theirs may appear
    elsewhere."""
    import sys

    sys.path.insert(0, str(ROOT.parents[1] / "training"))
    from corpus_parts import CALIBRATION, is_calibration

    calib = [c for c in corpus.conversations if is_calibration(c)]
    assert {Path(c.conversation.source or "").name for c in calib} == set(CALIBRATION)
    assert all(c.split == "train" for c in calib)
    assert sum(len(c.labels) for c in calib) >= 300
    elsewhere = {t.text for c in corpus.conversations if not is_calibration(c)
                 for t in c.conversation.turns if len(t.text) >= 40}
    shared = [t.text for c in calib for t in c.conversation.turns if t.text in elsewhere]
    assert not shared, shared[:3]
