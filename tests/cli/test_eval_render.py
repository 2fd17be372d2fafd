"""What `mend eval` prints: rates with the counts they come from, and the macro-F1 the docs quote."""

from __future__ import annotations

import pytest

from mendkit.cli import render
from mendkit.evaluation.metrics import PRF, EvalReport


def test_rates_show_their_counts_and_the_macro_f1_is_printed(
        capsys: pytest.CaptureFixture[str]) -> None:
    report = EvalReport(
        split="test", mode="rules", conversations=2, turns=10,
        per_label={"rupture.withdrawal": PRF(tp=1, fp=0, fn=1),  # F1 2/3
                   "repair.validate": PRF(tp=1, fp=1, fn=0)},   # F1 2/3
        any_rupture=PRF(tp=1, fp=0, fn=0), any_repair=PRF(tp=1, fp=0, fn=0),
        episode_status_accuracy=0.5, episodes_gold=2, episodes_predicted=2,
        crisis_recall=117 / 144, crisis_total=144, crisis_missed=("c-1",) * 27,
        idiom_false_alarms=1, idioms_total=20, other_false_alarms=0, others_total=5,
        pair_accuracy=0.95, pairs_total=40)
    render.evaluation(report)
    out = " ".join(capsys.readouterr().out.split())
    assert "Label macro-F1 (the mean of the labels' F1): 0.667" in out
    assert "Crisis recall: 0.812 (117 of 144 found; missed: c-1, c-1," in out
    assert ") (missed" not in out  # one parenthesised group, not two in a row
    assert "ranked right: 0.950 (38 of 40)" in out


def test_crisis_recall_with_nothing_missed_names_no_missed_items(
        capsys: pytest.CaptureFixture[str]) -> None:
    report = EvalReport(
        split="test", mode="rules", conversations=1, turns=2,
        per_label={"rupture.withdrawal": PRF(tp=1, fp=0, fn=0)},
        any_rupture=PRF(tp=1, fp=0, fn=0), any_repair=PRF(tp=0, fp=0, fn=0),
        episode_status_accuracy=1.0, episodes_gold=1, episodes_predicted=1,
        crisis_recall=1.0, crisis_total=3, crisis_missed=(),
        idiom_false_alarms=0, idioms_total=2, other_false_alarms=0, others_total=1,
        pair_accuracy=1.0, pairs_total=2)
    render.evaluation(report)
    out = " ".join(capsys.readouterr().out.split())
    assert "Crisis recall: 1.000 (3 of 3 found) " in out
    assert "missed" not in out
    # one of each, in the singular
    assert "test split, 1 conversation, 2 turns" in out and "(1 gold episode, 1 found)" in out
