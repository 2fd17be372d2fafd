"""How far a second labeller agrees with the corpus's gold labels, next to Mend on the same turns.

``data/corpus/agreement/dev_second_labeller.jsonl`` labels every turn of the dev split again,
blind: the labeller had only ``GUIDE.md`` and the turns' speakers and texts (no labels, no rules,
no Mend output). Scored exactly as ``mend eval`` scores Mend (per-label F1, any-rupture and
any-repair F1, macro-F1 over the nine marker labels), plus Cohen's kappa per label. It tells
whether the corpus's labels are consistent enough for the issue's targets to be reachable: a
second careful reader is the ceiling a model can hope for. Mend's figures on dev are optimistic
(rules tuned and the model trained on dev).

    .venv/bin/python training/agreement.py [--json OUT]
"""

from __future__ import annotations

import argparse
import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
SECOND = REPO / "data" / "corpus" / "agreement" / "dev_second_labeller.jsonl"


def read_second(path: Path = SECOND) -> dict[str, list[set[str]]]:
    """Conversation id -> one set of labels per turn."""
    out: dict[str, list[set[str]]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        row = json.loads(line)
        out[row["id"]] = [{item["label"] for item in turn} for turn in row["labels"]]
    return out


def kappa(pairs: Sequence[tuple[bool, bool]]) -> float:
    """Cohen's kappa of two yes/no labellings (1 when they agree on every item)."""
    n = len(pairs)
    if not n:
        return 0.0
    observed = sum(a == b for a, b in pairs) / n
    yes_a = sum(a for a, _ in pairs) / n
    yes_b = sum(b for _, b in pairs) / n
    expected = yes_a * yes_b + (1 - yes_a) * (1 - yes_b)
    return 1.0 if expected == 1 else (observed - expected) / (1 - expected)


def agreement(gold: Sequence[Sequence[set[str]]], other: Sequence[Sequence[set[str]]]
              ) -> dict[str, Any]:
    """``mend eval``'s figures for ``other`` against ``gold`` (both: conversations, then one
    label set per turn), and each marker label's kappa."""
    from mendkit.evaluation.metrics import prf
    from mendkit.labels import CRISIS, LABELS, is_repair, is_rupture

    rows = [(g, o) for gc, oc in zip(gold, other, strict=True)
            for g, o in zip(gc, oc, strict=True)]
    markers = [label for label in LABELS if label != CRISIS]
    per = {label: [(label in g, label in o) for g, o in rows] for label in markers}
    f1 = {label: prf(pairs).f1 for label, pairs in per.items()}
    return {
        "turns": len(rows),
        "any_rupture_f1": prf((any(map(is_rupture, g)), any(map(is_rupture, o)))
                              for g, o in rows).f1,
        "any_repair_f1": prf((any(map(is_repair, g)), any(map(is_repair, o)))
                             for g, o in rows).f1,
        "macro_f1": sum(f1.values()) / len(f1),
        "per_label_f1": f1,
        "per_label_kappa": {label: kappa(pairs) for label, pairs in per.items()},
    }


def main() -> None:
    from mendkit.analysis.pipeline import analyze_conversation
    from mendkit.evaluation import load_corpus

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    dev = load_corpus(REPO / "data" / "corpus").split("dev").conversations
    second = read_second()
    gold = [[set(labels) for labels in c.labels] for c in dev]
    results = {"second labeller": agreement(gold, [second[c.conversation.id] for c in dev])}
    for mode in ("rules", "full"):
        mend = [[set(t.labels) for t in analyze_conversation(c.conversation, mode=mode).turns]
                for c in dev]
        results[f"Mend, {mode}"] = agreement(gold, mend)
    labels = list(results["second labeller"]["per_label_f1"])
    print(f"dev split, {results['second labeller']['turns']} turns, against the gold labels "
          "(Mend's rules were tuned and its model trained on dev: its figures are optimistic)")
    print(f"{'':18s} {'rupture':>8s} {'repair':>8s} {'macro':>8s}  "
          + " ".join(f"{label.split('.')[-1][:8]:>8s}" for label in labels))
    for name, r in results.items():
        print(f"{name:18s} {r['any_rupture_f1']:8.3f} {r['any_repair_f1']:8.3f} "
              f"{r['macro_f1']:8.3f}  " + " ".join(f"{r['per_label_f1'][k]:8.3f}" for k in labels))
    r = results["second labeller"]
    print(f"{'kappa, 2nd':18s} {'':8s} {'':8s} {'':8s}  "
          + " ".join(f"{r['per_label_kappa'][k]:8.3f}" for k in labels))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
