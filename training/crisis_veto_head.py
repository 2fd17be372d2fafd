"""Could a head made only to tell idioms from crisis talk veto the crisis rules? (a measurement)

A rule's crisis match always stands in full mode, so idiom alarms the rules raise stay (model
card, "Known failure modes"). ``crisis_veto.py`` measured a veto by the shipped model's crisis
probability. This measures a head trained for the veto alone: for every crisis message of the
train and dev splits (never test) that a crisis rule matches, read alone, features are the
original encoder's sentence embedding (``minilm/``, trained on none of Mend's data, so the
features are honest on train) and which crisis rules fired; a logistic regression (balanced
classes) learns crisis against the rest. Its probabilities are out of fold, with whole files held
out together (``GroupKFold``), so no message is scored by a head that saw its file. For a few
numbers of crises it may lose, it prints the veto threshold that loses that many and how many of
the rule-flagged idioms and other non-crisis messages the veto would clear. A vetoed crisis
counts as lost even if the model would flag it (the model trained on these files, so its
probabilities here would flatter). Nothing is changed.

    .venv-train/bin/python training/crisis_veto_head.py
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "src"))

LOSSES = (0, 1, 3, 10)


def main() -> None:
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    from mendkit.analysis import pipeline
    from mendkit.evaluation import load_corpus
    from mendkit.labels import CRISIS
    from mendkit.model import Conversation
    from mendkit.models.encoder import Encoder

    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--folds", type=int, default=10, help="file groups held out in turn")
    parser.add_argument("--c", type=float, nargs="+", default=[0.3, 1.0, 3.0, 10.0],
                        help="inverse regularisation strengths to try")
    args = parser.parse_args()
    corpus = load_corpus(REPO / "data" / "corpus")
    items = [*corpus.split("train").crisis, *corpus.split("dev").crisis]
    matched = []
    for item in items:
        turn = pipeline.analyze_conversation(Conversation.from_turns([("me", item.text)]),
                                             mode="rules").turns[0]
        rules = {e.source for e in turn.evidence if e.label == CRISIS}
        if rules:
            matched.append((item, rules))
    idioms = [item.kind == "idiom" for item, _ in matched]
    y = np.array([item.crisis for item, _ in matched], dtype=int)
    print(f"{len(items)} train and dev crisis-set messages; a crisis rule matches {len(matched)}: "
          f"{int(y.sum())} crises, {sum(idioms)} idioms, "
          f"{len(matched) - int(y.sum()) - sum(idioms)} other messages")
    encoder = Encoder()
    embeddings = encoder.encode([item.text for item, _ in matched])
    names = sorted({rule for _, rules in matched for rule in rules})
    fired = np.array([[name in rules for name in names] for _, rules in matched], dtype=float)
    # A file's messages were written together: hold them out together.
    groups = np.array([item.id.rsplit("-", 1)[0] for item, _ in matched])
    idiom = np.array(idioms)
    for c in args.c:
        for title, x in (("embedding", embeddings), ("embedding + rules", np.hstack([embeddings, fired]))):
            scores = np.zeros(len(matched))
            for fit, held in GroupKFold(args.folds).split(x, y, groups):
                head = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
                scores[held] = head.fit(x[fit], y[fit]).predict_proba(x[held])[:, 1]
            crises = np.sort(scores[y == 1])
            cells = []
            for lost in LOSSES:
                veto = scores < crises[lost]
                cells.append(f"lose {lost}: idioms cleared {int((veto & idiom).sum())}/{int(idiom.sum())},"
                             f" others {int((veto & ~idiom & (y == 0)).sum())}"
                             f"/{int((~idiom & (y == 0)).sum())}")
            print(f"C={c:<5} {title:<18} " + "; ".join(cells))


if __name__ == "__main__":
    main()
