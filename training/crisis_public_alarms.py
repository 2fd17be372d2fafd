"""How often the crisis rules fire on ordinary text: GoEmotions *train* comments (train-ok).

Nearly all of these Reddit comments are not crisis talk, so most comments flagged are false
alarms (read them: a few are genuine). Prints the count, the count by rule, and with ``--show RULE``
the comments one rule flagged.

    python training/crisis_public_alarms.py [--data ../shared/data] [--show crisis/RULE-ID] [--n 40]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter
from pathlib import Path

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.analysis.rules import engine_rules
from mendkit.labels import CRISIS
from mendkit.model import Conversation

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--show", default="", metavar="RULE_ID")
    parser.add_argument("--n", type=int, default=40)
    args = parser.parse_args()
    source = args.data / "goemotions" / "data__original__train.tsv"
    with source.open(encoding="utf-8", newline="") as handle:
        texts = [row[0] for row in csv.reader(handle, delimiter="\t") if row]
    rules = engine_rules()
    by_rule: Counter[str] = Counter()
    shown: list[str] = []
    flagged = 0
    for text in texts:
        ids = sorted({h.rule.id for h in rules.find(text) if h.rule.label == CRISIS})
        if not ids:
            continue
        turn = analyze_conversation(Conversation.from_turns([("me", text)]), mode="rules").turns[0]
        if CRISIS not in turn.labels:
            continue  # weak cues that did not add up
        flagged += 1
        by_rule.update(ids)
        if args.show in ids:
            shown.append(text)
    print(f"{flagged} of {len(texts)} GoEmotions train comments labelled {CRISIS} (rules mode)")
    for rule_id, n in by_rule.most_common():
        print(f"  {n:5d}  {rule_id}")
    for text in shown[:args.n]:
        print("   >", text[:200])


if __name__ == "__main__":
    main()
