"""Pair accuracy of ``repair_quality`` on parts of Mend's repair pairs, for tuning the critic
without touching the test split.

    fit      train/pairs_a ... pairs_d and the dev pairs: tune on these (``--errors`` lists misses)
    compare  train/pairs_e + pairs_f: new to the critic; they judge a change and choose nothing
    compare-cd  train/pairs_c + pairs_d, which judged the first change (then joined ``fit``)
    dev      the dev pairs alone
    unseen   the dev pairs and train/pairs_e + pairs_f: drafts no model trained on, to count the
             drafts wrongly flagged as crisis (``--pair-negatives`` trains on pairs_a ... pairs_d)

A pair counts as won when the better message's ``repair_quality`` is strictly higher (as in
``mend eval``). Rules and full mode side by side, with the drafts flagged as crisis (none of them
is crisis talk); ``--model FOLDER`` runs full mode with another classifier folder:

    .venv/bin/python training/pairs_report.py PART [--errors] [--model FOLDER]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any
from unittest import mock

sys.path.insert(0, str(Path(__file__).resolve().parent))

from corpus_parts import FIRST_PAIR_COMPARISON, PAIR_COMPARISON, PAIR_FIT

REPO = Path(__file__).resolve().parent.parent


def pairs(part: str) -> list[Any]:
    from mendkit.evaluation import load_corpus

    every = load_corpus(REPO / "data" / "corpus").pairs
    if part == "compare":
        return [p for p in every if p.id.startswith(PAIR_COMPARISON)]
    if part == "compare-cd":
        return [p for p in every if p.id.startswith(FIRST_PAIR_COMPARISON)]
    if part == "dev":
        return [p for p in every if p.split == "dev"]
    if part == "unseen":
        return [p for p in every if p.split == "dev" or p.id.startswith(PAIR_COMPARISON)]
    return [p for p in every if p.split == "dev" or p.id.startswith(PAIR_FIT)]


def main() -> None:
    from mendkit.analysis import pipeline
    from mendkit.critic import critique
    from mendkit.models.classifier import TurnClassifier

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=("fit", "compare", "compare-cd", "dev", "unseen"))
    parser.add_argument("--errors", action="store_true", help="list the pairs lost (fit, dev)")
    parser.add_argument("--model", type=Path, help="a classifier folder for full mode")
    args = parser.parse_args()
    if args.model is not None:
        model = TurnClassifier.load(args.model)
        mock.patch.object(pipeline, "_classifier", return_value=model).start()
    if args.errors and args.part.startswith(("compare", "unseen")):
        parser.error("the comparison pairs judge changes: their misses are not for reading")
    chosen = pairs(args.part)
    for mode in ("rules", "full"):
        won = alarms = 0
        for p in chosen:
            better, worse = critique(p.better, mode=mode), critique(p.worse, mode=mode)
            won += better.repair_quality > worse.repair_quality
            alarms += better.risk.crisis + worse.risk.crisis
            if args.errors and mode == "full" and better.repair_quality <= worse.repair_quality:
                print(f"{p.id}: better {better.repair_quality:.2f} "
                      f"{sorted(k for k, v in better.components.items() if v)} "
                      f"{sorted(i.kind for i in better.issues)} | worse {worse.repair_quality:.2f} "
                      f"{sorted(k for k, v in worse.components.items() if v)} "
                      f"{sorted(i.kind for i in worse.issues)}\n  B: {p.better}\n  W: {p.worse}")
        print(f"{args.part} ({len(chosen)} pairs), {mode} mode: {won} won, "
              f"accuracy {won / len(chosen):.3f}; {alarms} of {2 * len(chosen)} drafts flagged "
              "as crisis")


if __name__ == "__main__":
    main()
