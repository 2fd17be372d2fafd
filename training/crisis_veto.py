"""Would a model veto on the crisis rules cut idiom alarms without losing crises? (a measurement)

Full mode flags crisis when a crisis rule fires or the model's crisis probability reaches its
threshold; a rule's crisis match always stands (``analysis/fusion.py``). This reads crisis sets the
model never trained on, each message alone, and prints for each veto value ``v`` what full mode
would flag if a rule's crisis match were dropped whenever the model gives crisis under ``v``:
crises found, idioms, everyday distress and neutral messages flagged. It also lists the crises the
rules catch that the model scores lowest, which is what a veto would risk. Nothing is changed.

    PYTHONPATH=src .venv/bin/python training/crisis_veto.py src/mendkit/models/classifier \\
        --parts crisis-ybkr,requests-ef,answers-ab,crisis-sgsj,requests-kl2,answers-mn2
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from heldout_report import CRISIS_PARTS, part

VETOES = (0.0, 0.005, 0.01, 0.015, 0.02, 0.025, 0.03)
KINDS = ("idiom", "neutral_distress", "neutral")


def main() -> None:
    from mendkit.analysis import pipeline
    from mendkit.labels import CRISIS
    from mendkit.model import Conversation
    from mendkit.models.classifier import TurnClassifier

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, help="the model's folder (classifier.json, model.onnx)")
    parser.add_argument("--parts", required=True,
                        help=f"comma-separated crisis parts of heldout_report.py: {sorted(CRISIS_PARTS)}")
    parser.add_argument("--lowest", type=int, default=5, help="rule-caught crises to list")
    args = parser.parse_args()
    model = TurnClassifier.load(args.folder)
    at = model.labels.index(CRISIS)
    threshold = model.thresholds[CRISIS]
    rows = []
    for name in args.parts.split(","):
        for item in part(name).crisis:
            alone = Conversation.from_turns([("me", item.text)])
            rule = CRISIS in pipeline.analyze_conversation(alone, mode="rules").turns[0].labels
            rows.append((item, rule, float(model.probabilities(item.text)[at])))
    print(f"{len(rows)} messages; model crisis threshold {threshold}")
    for veto in VETOES:
        def flagged(rule: bool, p: float, veto: float = veto) -> bool:
            return (rule and p >= veto) or p >= threshold
        crises = [flagged(r, p) for item, r, p in rows if item.crisis]
        counts = [f"{kind} {sum(flagged(r, p) for i, r, p in rows if i.kind == kind)}/"
                  f"{sum(i.kind == kind for i, _, _ in rows)}" for kind in KINDS]
        print(f"veto {veto:<6} crises {sum(crises)}/{len(crises)}  " + "  ".join(counts))
    caught = sorted((p, item.text) for item, r, p in rows if item.crisis and r)
    print(f"lowest model crisis probability among the {len(caught)} crises the rules catch:")
    for p, text in caught[:args.lowest]:
        print(f"  {p:.4f}  {text[:90]}")


if __name__ == "__main__":
    main()
