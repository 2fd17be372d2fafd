"""The second labelling of the dev split (training/agreement.py): complete, valid, scored right."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mendkit.evaluation import load_corpus
from mendkit.labels import TAXONOMY

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "training"))

from agreement import SECOND, agreement, kappa, read_second  # noqa: E402


def test_second_labelling_covers_every_dev_turn_with_known_labels() -> None:
    dev = load_corpus(REPO / "data" / "corpus").split("dev").conversations
    second = read_second()
    assert set(second) == {c.conversation.id for c in dev}
    for conv in dev:
        assert len(second[conv.conversation.id]) == len(conv.conversation.turns)
    for line in SECOND.read_text(encoding="utf-8").splitlines():
        for turn in json.loads(line)["labels"]:
            for item in turn:
                assert item["label"] in TAXONOMY
                assert item.get("subtype") is None or item["subtype"] in TAXONOMY[item["label"]]


def test_identical_labellings_agree_fully() -> None:
    gold = [[{"rupture.withdrawal"}, set(), {"repair.feeling", "reconnect"}]]
    result = agreement(gold, [[set(t) for t in conv] for conv in gold])
    assert result["any_rupture_f1"] == result["any_repair_f1"] == 1.0
    assert result["per_label_f1"]["rupture.withdrawal"] == 1.0
    assert result["per_label_kappa"]["reconnect"] == 1.0


def test_partial_agreement_is_scored_as_mend_eval_scores() -> None:
    # withdrawal: gold on turns 0 and 3, other on turns 0 and 1 -> tp 1, fp 1, fn 1: F1 1/2.
    # kappa: observed 2/4, both say yes half the time -> expected 1/2 -> kappa 0.
    gold = [[{"rupture.withdrawal"}, set(), set(), {"rupture.withdrawal"}]]
    other = [[{"rupture.withdrawal"}, {"rupture.withdrawal"}, set(), {"repair.request"}]]
    result = agreement(gold, other)
    assert result["per_label_f1"]["rupture.withdrawal"] == pytest.approx(0.5)
    assert result["per_label_kappa"]["rupture.withdrawal"] == pytest.approx(0.0)
    assert result["any_rupture_f1"] == pytest.approx(0.5)
    assert result["any_repair_f1"] == 0.0  # one false repair, no gold repair
    assert result["turns"] == 4


def test_kappa_of_opposite_labellings_is_negative() -> None:
    assert kappa([(True, False), (False, True), (True, False), (False, True)]) == pytest.approx(-1)
