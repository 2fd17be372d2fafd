"""The public scoreboard of ``mend eval``: metrics by hand, each reader on tiny made-up fixtures in the
real files' formats (tests/fixtures/public), missing data, and the CLI flags. Never reads ../shared."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.evaluation.public import (
    BENCHMARKS,
    PublicRow,
    accuracy,
    f1,
    find_shared_data,
    roc_auc,
    run_public,
)
from mendkit.evaluation.public_metrics import sample
from mendkit.evaluation.public_sets import (
    CGA_FILES,
    read_cga,
    read_epitome,
    read_esconv_test,
    read_goemotions_test,
    read_mi_gold,
    read_ucc,
)

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "public"
CORPUS = Path(__file__).resolve().parents[2] / "data" / "corpus"


@pytest.fixture(scope="module")
def rows() -> list[PublicRow]:
    return run_public(FIXTURES, mode="rules")


def pick(rows: list[PublicRow], benchmark: str, metric_start: str) -> PublicRow:
    return next(r for r in rows if r["benchmark"] == benchmark
                and r["metric"].startswith(metric_start))


# metrics

def test_auc_of_a_perfect_a_reversed_and_a_random_ranking() -> None:
    assert roc_auc([False, False, True, True], [0.1, 0.2, 0.8, 0.9]) == 1.0
    assert roc_auc([True, True, False, False], [0.1, 0.2, 0.8, 0.9]) == 0.0
    # pairs (pos, neg): (0.4, 0.1) win, (0.4, 0.6) loss, (0.8, 0.1) win, (0.8, 0.6) win -> 3/4
    assert roc_auc([False, True, False, True], [0.1, 0.4, 0.6, 0.8]) == pytest.approx(0.75)


def test_auc_counts_ties_as_one_half() -> None:
    assert roc_auc([True, False], [0.5, 0.5]) == pytest.approx(0.5)
    assert roc_auc([True, False, False, True], [0.0, 0.0, 0.0, 0.0]) == pytest.approx(0.5)
    # pos 0.5 vs negs 0.5 (tie), 0.2 (win), 0.7 (loss); pos 0.7 vs them: win, win, tie -> 4/6
    assert roc_auc([True, False, False, True, False],
                   [0.5, 0.5, 0.2, 0.7, 0.7]) == pytest.approx(4 / 6)


def test_auc_needs_both_classes() -> None:
    assert roc_auc([True, True], [0.1, 0.2]) is None
    assert roc_auc([], []) is None
    with pytest.raises(ValueError, match="length"):
        roc_auc([True], [0.1, 0.2])


def test_f1_and_accuracy() -> None:
    gold = [True, True, False, False, True]
    pred = [True, False, True, False, True]  # tp 2, fp 1, fn 1
    assert f1(gold, pred) == pytest.approx(2 / 3)
    assert f1([False, False], [False, False]) == 0.0
    assert accuracy(gold, pred) == pytest.approx(3 / 5)
    assert accuracy([], []) == 0.0


def test_sample_is_deterministic_and_keeps_file_order() -> None:
    items = list(range(100))
    first, note = sample(items, 10)
    assert first == sample(items, 10)[0] == sorted(first)
    assert "random sample of 10 of 100 (seed" in note
    assert sample(items, None) == (items, "")
    assert sample(items, 500) == (items, "")


# readers

def test_read_ucc_joins_the_bert_scores_by_unit_id() -> None:
    comments = read_ucc(FIXTURES / "unhealthy-comments-corpus")
    assert [c.unit_id for c in comments] == ["1001", "1002", "1003", "1004", "1005", "1006"]
    first = comments[0]
    assert first.gold == {"hostile": True, "antagonize": True, "dismissive": False,
                          "condescending": False}
    assert first.bert is not None
    assert first.bert["antagonize"] == pytest.approx(0.8)  # spelled antagonise in that file
    assert first.bert["hostile"] == pytest.approx(0.9)


def test_read_epitome_joins_three_files_and_keeps_the_highest_level() -> None:
    pairs = read_epitome(FIXTURES / "epitome-empathy-reddit")
    assert len(pairs) == 3  # the pair found in one file only is dropped
    assert pairs[0].levels == {"emotional reactions": 1, "interpretations": 2, "explorations": 0}
    assert pairs[1].seeker == "My dog died yesterday."


def test_read_esconv_keeps_speakers_strategies_and_drops_empty_turns() -> None:
    dialogues = read_esconv_test(FIXTURES / "esconv")
    assert [len(d) for d in dialogues] == [6, 4]
    assert dialogues[0][0].speaker == "supporter"
    assert dialogues[0][0].strategy == "Question"
    assert dialogues[0][1].speaker == "seeker"
    assert dialogues[0][1].strategy is None


def test_read_mi_gold_has_gold_and_the_authors_prediction() -> None:
    items = read_mi_gold(FIXTURES / "mi-distress-support-welivita2023")
    assert len(items) == 5
    assert (items[2].gold, items[2].predicted) == ("Affirm", "Other")


def test_read_goemotions_maps_ids_to_names() -> None:
    items = read_goemotions_test(FIXTURES / "goemotions")
    assert items[0] == ("I'm so sorry, that was my fault.", frozenset({"remorse"}))
    assert items[2][1] == {"annoyance", "anger"}


def test_read_cga_splits_the_turns_before_the_last() -> None:
    convos = read_cga(FIXTURES / "conversations-gone-awry-partial" / CGA_FILES["wikipedia"])
    assert len(convos) == 4
    assert convos[3].turns == ("can you add a source for this claim?", "sure, i will look tonight.",
                               "great, thanks.")
    assert convos[0].derails is True
    assert convos[0].id == "111"


# benchmarks (rules mode)

def test_every_row_has_the_contract_keys(rows: list[PublicRow]) -> None:
    assert {r["benchmark"] for r in rows} == {name for name, _, _ in BENCHMARKS}
    for r in rows:
        assert set(r) == {"benchmark", "metric", "ours", "anchor", "anchor_source", "n", "note"}
        assert r["ours"] is None or 0.0 <= r["ours"] <= 1.0
    json.dumps(rows)


def test_ucc_auc_next_to_the_recomputed_bert_auc(rows: list[PublicRow]) -> None:
    hostile = pick(rows, "Unhealthy Comments test", "ROC-AUC hostile")
    assert (hostile["ours"], hostile["anchor"], hostile["n"]) == (1.0, 1.0, 6)
    antagonize = pick(rows, "Unhealthy Comments test", "ROC-AUC antagonize")
    assert antagonize["anchor"] == pytest.approx(0.8125)  # a tie at 0.2 counts one half
    assert "recomputed" in antagonize["anchor_source"]
    dismissive = pick(rows, "Unhealthy Comments test", "ROC-AUC dismissive")
    assert dismissive["ours"] == pytest.approx(0.8)


def test_ucc_falls_back_to_the_published_anchors(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "unhealthy-comments-corpus", tmp_path / "unhealthy-comments-corpus")
    (tmp_path / "unhealthy-comments-corpus" / "notebooks__bert_labels_full.csv").unlink()
    found = [r for r in run_public(tmp_path, mode="rules")
             if r["benchmark"] == "Unhealthy Comments test"]
    assert [r["anchor"] for r in found] == [0.84, 0.82, 0.82, 0.78]
    assert all("published" in r["anchor_source"] and "published" in r["note"] for r in found)


def test_the_other_benchmarks_on_fixtures(rows: list[PublicRow]) -> None:
    assert pick(rows, "EPITOME (Reddit)", "F1 emotional")["n"] == 3
    assert pick(rows, "EPITOME (Reddit)", "F1 emotional")["ours"] == 1.0
    esconv = pick(rows, "ESConv test", "F1 repair.validate")
    assert (esconv["ours"], esconv["n"]) == (1.0, 6)  # six supporter turns
    assert "reassurance" in pick(rows, "ESConv test", "F1 reconnect")["note"]
    confront = pick(rows, "MI gold test", "F1 Confront")
    assert (confront["ours"], confront["anchor"]) == (1.0, pytest.approx(2 / 3, abs=1e-4))
    assert pick(rows, "GoEmotions test", "F1 remorse")["ours"] == 1.0
    wiki = pick(rows, "CGA Wikipedia validation", "accuracy")
    assert (wiki["ours"], wiki["anchor"], wiki["n"]) == (0.5, 0.648, 4)
    assert "not directly comparable" in wiki["note"]
    assert "predicted derails for 50%; always-yes F1 0.667" in wiki["note"]
    assert pick(rows, "CGA Wikipedia validation", "F1")["anchor"] == 0.665
    assert pick(rows, "CGA Reddit CMV validation", "F1")["anchor"] is None


def test_limits_sample_and_say_so() -> None:
    found = [r for r in run_public(FIXTURES, mode="rules", limits={"ucc": 3})
             if r["benchmark"] == "Unhealthy Comments test"]
    assert all(r["n"] == 3 and "random sample of 3 of 6" in r["note"] for r in found)


def test_missing_data_gives_a_row_not_an_exception(tmp_path: Path) -> None:
    shutil.copytree(FIXTURES / "goemotions", tmp_path / "goemotions")
    found = run_public(tmp_path, mode="rules")
    missing = [r for r in found if "data not found" in r["note"]]
    assert {r["benchmark"] for r in missing} == {n for n, _, _ in BENCHMARKS} - {"GoEmotions test"}
    assert all(r["ours"] is None and r["n"] == 0 for r in missing)
    assert len([r for r in found if r["benchmark"] == "GoEmotions test"]) == 3


# finding the data

def test_find_shared_data_beside_the_repository(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEND_SHARED_DATA", raising=False)
    repo = tmp_path / "repo"
    (repo / "data" / "corpus").mkdir(parents=True)
    (repo / "data" / "corpus" / "GUIDE.md").write_text("guide", encoding="utf-8")
    (repo / "src").mkdir()
    assert find_shared_data(repo / "src") is None
    (tmp_path / "shared" / "data").mkdir(parents=True)
    assert find_shared_data(repo / "src") == (tmp_path / "shared" / "data").resolve()
    assert find_shared_data(tmp_path / "shared") is None  # no repository above it
    monkeypatch.setenv("MEND_SHARED_DATA", str(FIXTURES))
    assert find_shared_data(repo) == FIXTURES
    monkeypatch.setenv("MEND_SHARED_DATA", "")
    assert find_shared_data(repo) is None  # set empty: skip the public benchmarks
    monkeypatch.setenv("MEND_SHARED_DATA", str(tmp_path / "nowhere"))
    with pytest.raises(ValueError, match=r"nowhere: no such folder \(\$MEND_SHARED_DATA"):
        find_shared_data(repo)  # a typo is an error, not a silently empty scoreboard


# the command

def test_eval_json_adds_the_public_rows(capsys: pytest.CaptureFixture[str]) -> None:
    base = ["eval", "--split", "dev", "--mode", "rules", "--corpus", str(CORPUS), "--json"]
    assert main([*base, "--data", str(FIXTURES)]) == 0
    data = json.loads(capsys.readouterr().out)
    assert "per_label" in data
    assert len(data["public"]) == 20
    assert main([*base, "--data", str(FIXTURES), "--no-public"]) == 0
    assert "public" not in json.loads(capsys.readouterr().out)


def test_eval_prints_the_public_table(capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["eval", "--split", "dev", "--mode", "rules", "--corpus", str(CORPUS)]
    assert main([*argv, "--data", str(FIXTURES)]) == 0
    out = capsys.readouterr().out
    assert "Mend on its own corpus" in out
    assert "public benchmarks" in out
    assert "GoEmotions test" in out


def test_eval_without_shared_data_says_so(capsys: pytest.CaptureFixture[str],
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_SHARED_DATA", "")
    assert main(["eval", "--split", "dev", "--mode", "rules", "--corpus", str(CORPUS)]) == 0
    assert "skipped: MEND_SHARED_DATA is set empty." in capsys.readouterr().out


def test_eval_with_a_missing_data_folder_is_an_input_error(
    capsys: pytest.CaptureFixture[str], tmp_path: Path,
) -> None:
    argv = ["eval", "--mode", "rules", "--corpus", str(CORPUS), "--data", str(tmp_path / "no")]
    assert main(argv) == 1
    assert "--data" in capsys.readouterr().err


def test_goemotions_rows_say_when_they_cannot_be_fair(rows: list[PublicRow]) -> None:
    reconnect = pick(rows, "GoEmotions test", "F1 gratitude/approval/caring")
    assert "lone comment rarely gets reconnect" in reconnect["note"]
    assert "lone comment" not in pick(rows, "GoEmotions test", "F1 remorse")["note"]
    assert all("in-domain" not in r["note"] for r in rows)  # rules mode: no model trained on it


def test_trained_on_reads_the_classifiers_training_record(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from mendkit.evaluation import public

    meta = {"training": {"public": {"sources": ["goemotions", "toxichat"]}}}
    (tmp_path / "classifier.json").write_text(json.dumps(meta), encoding="utf-8")
    monkeypatch.setattr(public, "classifier_dir", lambda: tmp_path)
    monkeypatch.setattr(public, "available", lambda: True)
    assert public.trained_on("goemotions") and public.trained_on("toxichat")
    assert not public.trained_on("unhealthy-comments-corpus")
    (tmp_path / "classifier.json").write_text(json.dumps({"training": {}}), encoding="utf-8")
    assert not public.trained_on("goemotions")
    monkeypatch.setattr(public, "available", lambda: False)
    assert not public.trained_on("goemotions")
