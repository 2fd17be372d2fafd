"""Train Mend's learned heads (``mend-minilm-int8-v1``) and write them into the package.

Data: Mend's own corpus, the ``train`` split and the ``dev`` split (never ``test``), read through
``mendkit.evaluation.load_corpus``. Features: the shipped encoder's embedding of the turn and of the
turn before it, the rules' scores for the turn, the labels of the turn before, a speaker-change flag
and the length (``mendkit.models.heads.feature_vector``). One logistic regression per label; the
threshold for each label is chosen on out-of-fold predictions (5 folds grouped by conversation) to
maximise the F1 of the fused decision (rule fired OR model above threshold). A separate crisis head
on embeddings alone is trained on the crisis messages, with its threshold chosen for recall.

    .venv-train/bin/python training/train_heads.py          # prints cross-validated figures

Writes ``src/mendkit/models/heads-v1.npz`` and ``heads-v1.json``.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import GroupKFold, StratifiedKFold

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.evaluation import load_corpus
from mendkit.labels import CRISIS
from mendkit.model import Conversation
from mendkit.models.encoder import MODEL_NAME, default_encoder
from mendkit.models.heads import HEADS_FILE, MARKER_LABELS, feature_vector

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "mendkit" / "models"
SEED = 13
C_GRID = (0.1, 0.3, 1.0)
CONTEXT_SLICE = slice(384, 768)  # the previous turn's embedding, zeroed in the ablation


def build(corpus_splits: tuple[str, ...]) -> dict[str, Any]:
    corpus = load_corpus(REPO / "data" / "corpus")
    convs = [c for c in corpus.conversations if c.split in corpus_splits]
    encoder = default_encoder()
    rows, gold, rule_fired, groups, prev_label_cols = [], [], [], [], []
    for g, conv in enumerate(convs):
        turns = conv.conversation.turns
        rules = analyze_conversation(conv.conversation, mode="rules")
        emb = encoder.encode([t.text for t in turns])
        for k, turn in enumerate(turns):
            prev = rules.turns[k - 1] if k else None
            rows.append(feature_vector(
                emb[k], emb[k - 1] if k else None, rules.turns[k].scores,
                prev.labels if prev else (), speaker_changed=bool(prev and prev.speaker != turn.speaker),
                n_chars=len(turn.text)))
            gold.append([label in conv.labels[k] for label in MARKER_LABELS])
            rule_fired.append([label in rules.turns[k].labels for label in MARKER_LABELS])
            groups.append(g)
            prev_label_cols.append(k)
    return {"X": np.array(rows), "Y": np.array(gold), "R": np.array(rule_fired),
            "groups": np.array(groups), "conversations": len(convs)}


def f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    fp = float((~gold & pred).sum())
    fn = float((gold & ~pred).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def out_of_fold(X: np.ndarray, y: np.ndarray, groups: np.ndarray, c: float) -> np.ndarray:
    probs = np.zeros(len(y))
    for train, test in GroupKFold(n_splits=5).split(X, y, groups):
        if y[train].sum() == 0:
            continue
        model = LogisticRegression(C=c, max_iter=2000, class_weight="balanced")
        model.fit(X[train], y[train])
        probs[test] = model.predict_proba(X[test])[:, 1]
    return probs


def best_threshold(y: np.ndarray, rule: np.ndarray, probs: np.ndarray) -> tuple[float, float]:
    best = (0.5, -1.0)
    for t in np.arange(0.3, 0.96, 0.025):
        score = f1(y, rule | (probs >= t))
        if score > best[1]:
            best = (float(t), score)
    return best


def train_markers(data: dict[str, Any], *, context: bool = True) -> dict[str, Any]:
    X = data["X"].copy()
    if not context:
        X[:, CONTEXT_SLICE] = 0.0
        X[:, 768 + 10:768 + 20] = 0.0
    Y, R, groups = data["Y"], data["R"], data["groups"]
    report: dict[str, Any] = {}
    weights, bias, thresholds = [], [], {}
    oof_fused = np.zeros_like(Y)
    for j, label in enumerate(MARKER_LABELS):
        y, rule = Y[:, j], R[:, j]
        choices = []
        for c in C_GRID:
            probs = out_of_fold(X, y, groups, c)
            t, score = best_threshold(y, rule, probs)
            choices.append((score, c, t, probs))
        score, c, t, probs = max(choices, key=lambda x: x[0])
        oof_fused[:, j] = rule | (probs >= t)
        report[label] = {"support": int(y.sum()), "rules_f1": round(f1(y, rule), 4),
                         "fused_f1_cv": round(score, 4), "C": c, "threshold": round(t, 3)}
        final = LogisticRegression(C=c, max_iter=2000, class_weight="balanced").fit(X, y)
        weights.append(final.coef_[0])
        bias.append(final.intercept_[0])
        thresholds[label] = round(t, 3)
    rupture = [j for j, x in enumerate(MARKER_LABELS) if x.startswith("rupture.")]
    repair = [j for j, x in enumerate(MARKER_LABELS) if x.startswith("repair.")]
    report["any_rupture"] = {
        "rules_f1": round(f1(Y[:, rupture].any(1), R[:, rupture].any(1)), 4),
        "fused_f1_cv": round(f1(Y[:, rupture].any(1), oof_fused[:, rupture].any(1)), 4)}
    report["any_repair"] = {
        "rules_f1": round(f1(Y[:, repair].any(1), R[:, repair].any(1)), 4),
        "fused_f1_cv": round(f1(Y[:, repair].any(1), oof_fused[:, repair].any(1)), 4)}
    return {"report": report, "weights": np.array(weights), "bias": np.array(bias),
            "thresholds": thresholds}


def train_crisis() -> dict[str, Any]:
    corpus = load_corpus(REPO / "data" / "corpus")
    items = [c for c in corpus.crisis if c.split in ("train", "dev")]
    # Everyday turns from the conversations are non-crisis examples too.
    turns = [(t.text, CRISIS in labels) for c in corpus.conversations if c.split in ("train", "dev")
             for t, labels in zip(c.conversation.turns, c.labels, strict=True)]
    texts = [i.text for i in items] + [t for t, _ in turns]
    y = np.array([i.crisis for i in items] + [crisis for _, crisis in turns])
    idiom = np.array([i.kind == "idiom" for i in items] + [False] * len(turns))
    everyday = ~y & ~idiom
    rules = np.array([CRISIS in analyze_conversation(
        Conversation.from_turns([("me", t)]), mode="rules").turns[0].labels for t in texts])
    X = default_encoder().encode(texts)
    probs = np.zeros(len(y))
    for train, test in StratifiedKFold(n_splits=5, shuffle=True, random_state=SEED).split(X, y):
        model = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
        probs[test] = model.fit(X[train], y[train]).predict_proba(X[test])[:, 1]
    # The head adds recall to the rules, so its threshold is the lowest one that keeps false
    # alarms rare: at most 5% of idioms and 1% of everyday turns, out of fold.
    threshold = 0.99
    for t in np.arange(0.99, 0.05, -0.01):
        flagged = probs >= t
        if flagged[idiom].mean() > 0.05 or flagged[everyday].mean() > 0.01:
            break
        threshold = float(t)
    fused = rules | (probs >= threshold)
    final = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced").fit(X, y)
    return {
        "weights": final.coef_[0], "bias": float(final.intercept_[0]),
        "threshold": round(threshold, 4),
        "report": {"messages": int(len(items)), "everyday_turns": len(turns),
                   "rules_recall": round(float(rules[y].mean()), 4),
                   "head_recall_cv": round(float((probs >= threshold)[y].mean()), 4),
                   "fused_recall_cv": round(float(fused[y].mean()), 4),
                   "fused_idiom_false_alarm_rate_cv": round(float(fused[idiom].mean()), 4),
                   "fused_everyday_false_alarm_rate_cv": round(float(fused[everyday].mean()), 4)},
    }


def main() -> None:
    data = build(("train", "dev"))
    print(f"{len(data['Y'])} turns in {data['conversations']} conversations (train + dev)")
    markers = train_markers(data)
    ablation = train_markers(data, context=False)
    crisis = train_crisis()
    for label, row in markers["report"].items():
        print(f"{label:24s} {row}")
    print("without context features:",
          {k: v["fused_f1_cv"] for k, v in ablation["report"].items() if k.startswith("any")})
    print("crisis:", crisis["report"], "threshold", crisis["threshold"])
    np.savez_compressed(OUT / f"{HEADS_FILE}.npz", weights=markers["weights"].astype(np.float32),
                        bias=markers["bias"].astype(np.float32),
                        crisis_weights=crisis["weights"].astype(np.float32),
                        crisis_bias=np.float32(crisis["bias"]))
    meta = {
        "model": MODEL_NAME, "labels": list(MARKER_LABELS), "thresholds": markers["thresholds"],
        "crisis_threshold": crisis["threshold"], "crisis_label": CRISIS,
        "training_data": "Mend corpus train + dev splits (hand-written, Apache-2.0); test held out",
        "turns": int(len(data["Y"])), "conversations": data["conversations"],
        "cross_validation": markers["report"],
        "cross_validation_without_context": ablation["report"],
        "crisis_cross_validation": crisis["report"],
    }
    (OUT / f"{HEADS_FILE}.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
