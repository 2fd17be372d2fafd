"""Pair accuracy of ``repair_quality`` on parts of Mend's repair pairs, for tuning the critic
without touching the test split.

    fit      train/pairs_a ... pairs_d and the dev pairs: tune on these (``--errors`` lists misses)
    compare  train/pairs_e + pairs_f: new to the critic; they judge a change and choose nothing
    compare-cd  train/pairs_c + pairs_d, which judged the first change (then joined ``fit``)
    dev      the dev pairs alone

A pair counts as won when the better message's ``repair_quality`` is strictly higher (as in
``mend eval``). Rules and full mode side by side:

    .venv/bin/python training/pairs_report.py fit|compare|compare-cd|dev [--errors]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

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
    return [p for p in every if p.split == "dev" or p.id.startswith(PAIR_FIT)]


def main() -> None:
    from mendkit.critic import critique

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=("fit", "compare", "compare-cd", "dev"))
    parser.add_argument("--errors", action="store_true", help="list the pairs lost (fit, dev)")
    args = parser.parse_args()
    if args.errors and args.part.startswith("compare"):
        parser.error("the comparison pairs judge changes: their misses are not for reading")
    chosen = pairs(args.part)
    for mode in ("rules", "full"):
        won = 0
        for p in chosen:
            better, worse = critique(p.better, mode=mode), critique(p.worse, mode=mode)
            won += better.repair_quality > worse.repair_quality
            if args.errors and mode == "full" and better.repair_quality <= worse.repair_quality:
                print(f"{p.id}: better {better.repair_quality:.2f} "
                      f"{sorted(k for k, v in better.components.items() if v)} "
                      f"{sorted(i.kind for i in better.issues)} | worse {worse.repair_quality:.2f} "
                      f"{sorted(k for k, v in worse.components.items() if v)} "
                      f"{sorted(i.kind for i in worse.issues)}\n  B: {p.better}\n  W: {p.worse}")
        print(f"{args.part} ({len(chosen)} pairs), {mode} mode: {won} won, "
              f"accuracy {won / len(chosen):.3f}")


if __name__ == "__main__":
    main()
