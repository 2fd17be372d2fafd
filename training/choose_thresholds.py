"""Choose the classifier's fused thresholds on turns new to both the rules and the model.

The thresholds in ``classifier.json`` were chosen when the model was trained, on the held-out
seventh of ``train``, next to the rules of that day; the rules have since been widened on most of
``train`` (that seventh included), so the fused decision (a rule fired, or the model passed its
threshold) was tuned for rules that no longer exist. ``train/calib_a`` and ``calib_b``
(``corpus_parts.py``) were written afterwards, new to the rules and to the model; from v6 on,
``calib_s`` ... ``calib_v`` join them (``--part choose-ab``: the two alone, as for v5).

For each marker label in turn, every threshold on a grid is tried with the others fixed, through
the real pipeline and ``mend eval``'s scoring (model outputs cached), and the best is kept (ties:
the nearest to the current one); two passes. "Best" is that label's F1 (``--objective label``, as
at training) or the sum of any-rupture F1, any-repair F1 and label macro-F1 (``aggregate``: one
label's threshold also moves the others, through episodes and context). ``risk.crisis`` keeps its
threshold (the calibration files hold no crisis messages). The test split is never read.

    .venv/bin/python training/choose_thresholds.py [FOLDER] [--objective label|aggregate]
        [--with-heldout] [--part choose|choose-ab] [--floor F] [--write OUT_FOLDER]

``--with-heldout`` adds the held-out seventh of ``train`` (new to the model, not to the rules).
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_parts import FIRST_THRESHOLD_FILES, THRESHOLD_FILES, held_out, is_calibration

REPO = Path(__file__).resolve().parent.parent
GRID = [round(0.2 + 0.025 * i, 3) for i in range(31)]  # 0.2 ... 0.95, as at training


class Cached:
    """The classifier's interface for the pipeline, with its outputs cached and its thresholds
    open to change."""

    def __init__(self, model: Any) -> None:
        self.labels = model.labels
        self.thresholds = dict(model.thresholds)
        self.meta = model.meta
        self._model = model
        self._seen: dict[tuple[str, str], Any] = {}

    def probabilities(self, text: str, previous: str = "") -> Any:
        key = (text, previous)
        if key not in self._seen:
            self._seen[key] = self._model.probabilities(text, previous)
        return self._seen[key]


def selection(with_heldout: bool, files: tuple[str, ...] = THRESHOLD_FILES) -> Any:
    from mendkit.evaluation import load_corpus
    from mendkit.evaluation.corpus import Corpus

    train = load_corpus(REPO / "data" / "corpus").split("train")
    chosen = tuple(c for c in train.conversations
                   if is_calibration(c, files)
                   or (with_heldout and held_out(c.conversation.id) and not is_calibration(c)))
    return Corpus(conversations=chosen, crisis=(), pairs=())


def run(data: Any, model: Cached) -> Any:
    from mendkit.analysis import pipeline
    from mendkit.evaluation.metrics import score

    with mock.patch.object(pipeline, "_classifier", return_value=model):
        return score(data, name="calibration", mode="full")


def macro(report: Any) -> float:
    """Macro-F1 of the marker labels."""
    return float(sum(p.f1 for p in report.per_label.values()) / len(report.per_label))


def aggregate(report: Any) -> float:
    """any-rupture F1 + any-repair F1 + macro-F1 of the marker labels."""
    return float(report.any_rupture.f1 + report.any_repair.f1 + macro(report))


def summary(report: Any) -> str:
    return (f"any-rupture {report.any_rupture.f1:.3f}, any-repair {report.any_repair.f1:.3f}, "
            f"macro-F1 {macro(report):.3f}, episodes {report.episode_status_accuracy:.3f}")


def main() -> None:
    from mendkit.labels import CRISIS
    from mendkit.models.classifier import TurnClassifier, classifier_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=None)
    parser.add_argument("--with-heldout", action="store_true")
    parser.add_argument("--part", choices=("choose", "choose-ab"), default="choose",
                        help="choose: calib_a, calib_b and calib_s ... calib_v (from v6 on); "
                             "choose-ab: calib_a + calib_b alone (v5 and before)")
    parser.add_argument("--passes", type=int, default=2)
    parser.add_argument("--objective", choices=("label", "aggregate"), default="label")
    parser.add_argument("--write", type=Path, help="copy the folder here with the new thresholds")
    parser.add_argument("--floor", type=float, default=None,
                        help="the fusion's RULE_FLOOR while choosing (default: the shipped one; "
                             "0: none, as v5's thresholds were chosen)")
    args = parser.parse_args()
    if args.floor is not None:
        from mendkit.analysis import fusion

        fusion.RULE_FLOOR = args.floor
    folder = args.folder or classifier_dir()
    model = Cached(TurnClassifier.load(folder))
    data = selection(args.with_heldout,
                     FIRST_THRESHOLD_FILES if args.part == "choose-ab" else THRESHOLD_FILES)
    if not data.conversations:
        raise SystemExit("no calibration conversations (data/corpus/train/calib_*.jsonl)")
    before = run(data, model)
    print(f"{len(data.conversations)} conversations, {before.turns} turns"
          f"{' (calibration files and the held-out seventh)' if args.with_heldout else ''}")
    print(f"current thresholds: {summary(before)}")
    old = dict(model.thresholds)
    for _ in range(args.passes):
        for label in model.labels:
            if label == CRISIS:
                continue
            here = model.thresholds[label]
            results = []
            for t in GRID:
                model.thresholds[label] = t
                report = run(data, model)
                value = (report.per_label[label].f1 if args.objective == "label"
                         else aggregate(report))
                results.append((round(value, 9), -abs(t - here), t))
            model.thresholds[label] = max(results)[2]
    after = run(data, model)
    print(f"chosen thresholds:  {summary(after)}")
    print(f"{'label':24s} {'old':>6s} {'new':>6s} {'F1 old':>7s} {'F1 new':>7s} {'support':>7s}")
    for label in model.labels:
        if label == CRISIS:
            continue
        a, b = before.per_label[label], after.per_label[label]
        print(f"{label:24s} {old[label]:6.3f} {model.thresholds[label]:6.3f} {a.f1:7.3f} "
              f"{b.f1:7.3f} {b.tp + b.fn:7d}")
    if args.write:
        if args.write.resolve() != folder.resolve():
            shutil.copytree(folder, args.write, dirs_exist_ok=True)
        meta_path = args.write / "classifier.json"
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        meta["thresholds"] = {k: round(float(v), 3) for k, v in model.thresholds.items()}
        meta["thresholds_note"] = (
            "marker thresholds chosen by training/choose_thresholds.py on train/calib_a + calib_b"
            + (" and the held-out seventh of train" if args.with_heldout else "")
            + f" ({before.turns} turns; objective: {args.objective}); risk.crisis unchanged")
        meta_path.write_text(json.dumps(meta, indent=1, ensure_ascii=False) + "\n",
                             encoding="utf-8")
        print(f"wrote {meta_path}")


if __name__ == "__main__":
    main()
