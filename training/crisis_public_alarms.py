"""How often Mend raises crisis and confrontation on ordinary text: GoEmotions *train* comments
(train-ok).

Nearly all of these Reddit comments are neither crisis talk nor a rupture between two people, so
most comments flagged are false alarms (read them: a few are genuine). In rules mode (the default)
it reads all 43,410 comments and prints the crisis count, the count by rule, and with
``--show RULE`` the comments one rule flagged. ``--mode full`` runs the shipped classifier with the
rules, as ``mend batch --mode full`` does; ``--sample N`` reads a fixed random sample of N comments
(``--seed``, default 14), for a run that would otherwise take too long. Each comment is analysed
alone, as a one-turn conversation, as a JSON Lines input of single messages is in ``mend batch``.

    python training/crisis_public_alarms.py [--data ../shared/data] [--show crisis/RULE-ID] [--n 40]
    python training/crisis_public_alarms.py --mode full --sample 4000 [--workers 2]
"""

from __future__ import annotations

import argparse
import csv
import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.analysis.rules import engine_rules
from mendkit.labels import CRISIS
from mendkit.model import Conversation

CONFRONTATION = "rupture.confrontation"
ROOT = Path(__file__).resolve().parents[1]


def _labels(args: tuple[Mode, list[str]]) -> list[tuple[str, ...]]:
    """The labels of each text, analysed alone (one worker's share)."""
    mode, texts = args
    return [analyze_conversation(Conversation.from_turns([("me", text)]), mode=mode,
                                 workers=1).turns[0].labels for text in texts]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--mode", choices=("rules", "full"), default="rules")
    parser.add_argument("--sample", type=int, default=0, metavar="N",
                        help="a fixed random sample of N comments (default: all)")
    parser.add_argument("--seed", type=int, default=14)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--show", default="", metavar="RULE_ID")
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    source = args.data / "goemotions" / "data__original__train.tsv"
    with source.open(encoding="utf-8", newline="") as handle:
        texts = [row[0] for row in csv.reader(handle, delimiter="\t") if row]
    total = len(texts)
    if args.sample:
        texts = random.Random(args.seed).sample(texts, args.sample)
    share = max(1, -(-len(texts) // (args.workers * 8)))
    pieces = [(args.mode, texts[i:i + share]) for i in range(0, len(texts), share)]
    with ProcessPoolExecutor(args.workers) as pool:
        labels = [found for piece in pool.map(_labels, pieces) for found in piece]
    rules = engine_rules()
    by_rule: Counter[str] = Counter()
    shown: list[str] = []
    crisis = confrontation = 0
    for text, found in zip(texts, labels, strict=True):
        confrontation += CONFRONTATION in found
        if CRISIS not in found:
            continue  # in rules mode: weak cues that did not add up
        crisis += 1
        ids = sorted({h.rule.id for h in rules.find(text) if h.rule.label == CRISIS})
        by_rule.update(ids or ["(model only)"])
        if args.show in ids:
            shown.append(text)
    drawn = (f"a random sample (seed {args.seed}) of {len(texts)} of the {total}" if args.sample
             else f"{total}")
    print(f"{args.mode} mode, {drawn} GoEmotions train comments, each alone:")
    print(f"  {crisis} labelled {CRISIS} ({crisis / len(texts):.2%})")
    print(f"  {confrontation} labelled {CONFRONTATION} ({confrontation / len(texts):.2%})")
    for rule_id, n in by_rule.most_common():
        print(f"  {n:5d}  {rule_id}")
    for text in shown[:args.n]:
        print("   >", text[:200])


if __name__ == "__main__":
    main()
