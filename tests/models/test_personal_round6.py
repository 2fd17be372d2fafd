"""Round 6: personal heads apply by label name and never reach crisis; a damaged heads file is
refused, naming the file and what was expected; `mend train` is quiet about numpy and says
how far it got."""

from __future__ import annotations

import json
import random
import warnings
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS, LABELS
from mendkit.models import personal

RECONNECT = "reconnect"
# Crisis and reconnect swapped: the order a hand edit or a merge may leave.
SWAPPED = tuple(CRISIS if x == RECONNECT else RECONNECT if x == CRISIS else x for x in LABELS)


@pytest.fixture
def home(_isolated_home: Path) -> Path:
    return _isolated_home


def _write(home: Path, data: object) -> Path:
    path = personal.personal_dir(home) / "heads.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(data if isinstance(data, str) else json.dumps(data), encoding="utf-8")
    return path


def _heads(**changes: object) -> dict[str, object]:
    return {"format": personal.FORMAT, "labels": list(LABELS), "corrections": 1,
            "weights": {RECONNECT: {"a": 0.0, "b": -20.0}}, "muted_rules": [], "memory": []
            } | changes


def test_heads_in_another_label_order_never_touch_the_crisis_probability(tmp_path: Path) -> None:
    _write(tmp_path, _heads(labels=list(SWAPPED)))
    heads = personal.load(tmp_path)
    assert heads is not None
    probs = [0.9] * len(LABELS)  # in the model's order
    out = heads.adjust(probs)
    assert out[LABELS.index(CRISIS)] == pytest.approx(0.9)
    assert out[LABELS.index(RECONNECT)] < 0.01  # the head lands on its own label


def test_heads_apply_by_the_models_label_names() -> None:
    heads = personal.PersonalHeads(labels=LABELS, weights={RECONNECT: (0.0, -20.0)})
    probs = [0.9] * len(SWAPPED)
    out = heads.adjust(probs, labels=SWAPPED)  # a model listing its labels in another order
    assert out[SWAPPED.index(CRISIS)] == pytest.approx(0.9)
    assert out[SWAPPED.index(RECONNECT)] < 0.01


def test_a_crisis_message_keeps_its_crisis_label_with_reordered_heads(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(home, _heads(labels=list(SWAPPED)))
    # No rule finds it; only the model's crisis probability does.
    assert main(["check", "wore a hoodie all through july so nobody would see my wrists",
                 "--json"]) == 0
    assert CRISIS in json.loads(capsys.readouterr().out)["labels"]


@pytest.mark.parametrize(("weight", "found"), [
    ("NaN", "NaN"), ("Infinity", "Infinity"), ("1e400", "Infinity"), ('"1"', "a string"),
    ("true", "a boolean"), ("null", "null")])
def test_a_weight_that_is_not_a_finite_number_is_refused(
        home: Path, capsys: pytest.CaptureFixture[str], weight: str, found: str) -> None:
    text = json.dumps(_heads()).replace('"a": 0.0', f'"a": {weight}')
    path = _write(home, text)
    assert main(["check", "Thank you, that means a lot"]) == 1
    err = capsys.readouterr().err
    assert str(path) in err
    assert "expected weights.reconnect.a to be a finite number" in err
    assert f"found {found}" in err
    assert "Traceback" not in err
    assert "--no-personal" in err  # the safe way on: the shipped model without the heads


def test_a_damaged_heads_file_says_what_was_expected(home: Path) -> None:
    heads = _heads()
    del heads["labels"]
    _write(home, heads)
    with pytest.raises(InvalidInputError, match="missing field labels"):
        personal.load(home)
    for top in ("null", "[]", "3"):
        _write(home, top)
        with pytest.raises(InvalidInputError, match="expected a JSON object"):
            personal.load(home)
    _write(home, _heads(labels=[*LABELS[:-1]]))
    with pytest.raises(InvalidInputError, match="labels"):
        personal.load(home)


def test_the_fit_does_not_overflow_and_settles_on_contradicting_corrections() -> None:
    # Thousands of corrections that contradict each other at the clipped logits: an undamped
    # Newton step ran off to huge weights, numpy warned of an overflow, and the head was wrong.
    rng = random.Random(7)
    examples = [personal.Example(
        label=RECONNECT, present=rng.random() < 0.5,
        probabilities=[rng.choice([1e-9, 1 - 1e-9, rng.random()])] * len(LABELS))
        for _ in range(3000)]
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        heads = personal.fit(examples, LABELS)
    a, b = heads.weights[RECONNECT]
    assert abs(a) < 5 and abs(b) < 5  # half right, half wrong: no strong head either way

def test_train_says_how_far_it_got_and_counts_only_usable_corrections(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    store = CorrectionStore(home)
    store.add(Correction(text="I'm sorry you feel that way.", label="rupture.invalidation",
                         verdict="missing"))
    store.add(Correction(text="kms", label=CRISIS, verdict="wrong"))
    assert main(["train"]) == 0
    captured = capsys.readouterr()
    assert "of the 1 correction you can train on" in captured.out
    assert "1 correction about risk.crisis was kept but not used" in captured.out
    assert "training: read 2 of 2 corrections" in captured.err
    assert "RuntimeWarning" not in captured.err
