"""The metrics of ``mend eval`` on Mend's own corpus, computed from the engine's real output."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.critic import critique
from mendkit.errors import InvalidInputError
from mendkit.evaluation.corpus import Corpus
from mendkit.labels import CRISIS, LABELS, is_repair, is_rupture
from mendkit.model import Analysis, Conversation
from mendkit.models.classifier import available, classifier_dir


@dataclass(frozen=True, slots=True)
class PRF:
    tp: int
    fp: int
    fn: int

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def support(self) -> int:
        return self.tp + self.fn

    def to_dict(self) -> dict[str, Any]:
        return {"precision": round(self.precision, 4), "recall": round(self.recall, 4),
                "f1": round(self.f1, 4), "support": self.support, "tp": self.tp,
                "fp": self.fp, "fn": self.fn}


def prf(pairs: Iterable[tuple[bool, bool]]) -> PRF:
    """Counts from (gold, predicted) booleans."""
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    return PRF(tp, fp, fn)


@dataclass(frozen=True, slots=True)
class EvalReport:
    split: str
    mode: str
    conversations: int
    turns: int
    per_label: dict[str, PRF]
    any_rupture: PRF
    any_repair: PRF
    episode_status_accuracy: float
    episodes_gold: int
    episodes_predicted: int
    crisis_recall: float
    crisis_total: int
    crisis_missed: tuple[str, ...]
    idiom_false_alarms: int
    idioms_total: int
    other_false_alarms: int
    others_total: int
    pair_accuracy: float
    pairs_total: int
    notes: tuple[str, ...] = field(default=())

    @property
    def macro_f1(self) -> float:
        """The mean of the per-label F1s (crisis is scored on its own messages, not here)."""
        return sum(v.f1 for v in self.per_label.values()) / len(self.per_label)

    @property
    def crisis_found(self) -> int:
        return self.crisis_total - len(self.crisis_missed)

    @property
    def pairs_right(self) -> int:
        return round(self.pair_accuracy * self.pairs_total)

    def to_dict(self) -> dict[str, Any]:
        return {
            "split": self.split, "mode": self.mode, "conversations": self.conversations,
            "turns": self.turns,
            "per_label": {k: v.to_dict() for k, v in self.per_label.items()},
            "macro_f1": round(self.macro_f1, 4),
            "any_rupture": self.any_rupture.to_dict(), "any_repair": self.any_repair.to_dict(),
            "episodes": {"status_accuracy": round(self.episode_status_accuracy, 4),
                         "gold": self.episodes_gold, "predicted": self.episodes_predicted},
            "crisis": {"recall": round(self.crisis_recall, 4), "found": self.crisis_found,
                       "total": self.crisis_total,
                       "missed": list(self.crisis_missed),
                       "idiom_false_alarms": self.idiom_false_alarms,
                       "idioms": self.idioms_total,
                       "other_false_alarms": self.other_false_alarms,
                       "other_non_crisis": self.others_total},
            "pairs": {"accuracy": round(self.pair_accuracy, 4), "right": self.pairs_right,
                      "total": self.pairs_total},
            "notes": list(self.notes),
        }


def _episode_accuracy(gold_eps: Iterable[tuple[int, str]], predicted: Analysis) -> list[bool]:
    """For each gold episode: does a predicted episode covering its start turn have its status?"""
    out = []
    for start, status in gold_eps:
        match = next((e for e in predicted.episodes if e.start_turn <= start <= e.end_turn),
                     None)
        if match is None:
            match = next((e for e in predicted.episodes if abs(e.start_turn - start) <= 2), None)
        out.append(match is not None and match.status == status)
    return out


def _places(part: str, split: str) -> str:
    """Where ``part`` of ``split`` is read from (``corpus.py``), for the message when it is empty."""
    test = split == "test"
    return {"conversations": "conversations/*.jsonl" + (" and test/*.jsonl" if test else ""),
            "crisis messages": "crisis.jsonl" + (" and test/crisis*.jsonl" if test else ""),
            "repair pairs": "pairs.jsonl"}[part]


def evaluate(corpus: Corpus, *, split: str = "test", mode: Mode = "rules") -> EvalReport:
    """Run the engine over one split of the corpus and score it against the gold labels.

    A split without conversations, crisis messages or repair pairs is refused: its figures would
    read as measured zeros.
    """
    if split not in ("dev", "test"):
        raise InvalidInputError(f"split must be dev or test, got {split!r}")
    data = corpus.split("test" if split == "test" else "dev")
    for part, items in (("conversations", data.conversations), ("crisis messages", data.crisis),
                        ("repair pairs", data.pairs)):
        if not items:
            raise InvalidInputError(
                f'the {split} split has no {part}: expected records with "split": "{split}" in '
                f"{_places(part, split)}", source=None if corpus.root is None else str(corpus.root))
    report = score(data, name=split, mode=mode)
    if split == "test":
        return report
    notes = ["Rules were tuned on this split (and on train), so these figures are optimistic; "
             "the test split is held out."]
    if mode == "full" and _model_trained_on(split):
        notes.append(f"The shipped model was trained on the {split} split (classifier.json), so "
                     "full-mode figures on it are optimistic too.")
    return replace(report, notes=(report.notes[0], *notes))


def _model_trained_on(split: str) -> bool:
    """Whether the shipped classifier's training record says it learned from ``split``."""
    if not available():
        return False
    meta = json.loads((classifier_dir() / "classifier.json").read_text(encoding="utf-8"))
    return f"{split} split" in str(meta.get("training", {}).get("data", ""))


def score(data: Corpus, *, name: str, mode: Mode = "rules") -> EvalReport:
    """Run the engine over ``data`` (a split, or any part of one, called ``name`` in the report)
    and score it against the gold labels."""
    label_pairs: dict[str, list[tuple[bool, bool]]] = {label: [] for label in LABELS}
    rupture_pairs: list[tuple[bool, bool]] = []
    repair_pairs: list[tuple[bool, bool]] = []
    episode_hits: list[bool] = []
    turns = predicted_eps = 0
    for gold in data.conversations:
        analysis = analyze_conversation(gold.conversation, mode=mode)
        predicted_eps += len(analysis.episodes)
        for gold_labels, turn in zip(gold.labels, analysis.turns, strict=True):
            turns += 1
            pred = set(turn.labels)
            for label in LABELS:
                label_pairs[label].append((label in gold_labels, label in pred))
            rupture_pairs.append((any(map(is_rupture, gold_labels)), any(map(is_rupture, pred))))
            repair_pairs.append((any(map(is_repair, gold_labels)), any(map(is_repair, pred))))
        episode_hits.extend(_episode_accuracy(((e.start_turn, e.status) for e in gold.episodes),
                                              analysis))
    crisis_flags = [
        (item, CRISIS in analyze_conversation(
            Conversation.from_turns([("me", item.text)]), mode=mode).turns[0].labels)
        for item in data.crisis
    ]
    real = [(i, f) for i, f in crisis_flags if i.crisis]
    idioms = [(i, f) for i, f in crisis_flags if not i.crisis and i.kind == "idiom"]
    others = [(i, f) for i, f in crisis_flags if not i.crisis and i.kind != "idiom"]
    pair_wins = [
        critique(p.better, mode=mode).repair_quality > critique(p.worse, mode=mode).repair_quality
        for p in data.pairs
    ]
    return EvalReport(
        split=name, mode=mode, conversations=len(data.conversations), turns=turns,
        per_label={k: prf(v) for k, v in label_pairs.items() if k != CRISIS},
        any_rupture=prf(rupture_pairs), any_repair=prf(repair_pairs),
        episode_status_accuracy=sum(episode_hits) / len(episode_hits) if episode_hits else 0.0,
        episodes_gold=len(episode_hits), episodes_predicted=predicted_eps,
        crisis_recall=sum(f for _, f in real) / len(real) if real else 0.0,
        crisis_total=len(real),
        crisis_missed=tuple(i.id for i, f in real if not f),
        idiom_false_alarms=sum(f for _, f in idioms), idioms_total=len(idioms),
        other_false_alarms=sum(f for _, f in others), others_total=len(others),
        pair_accuracy=sum(pair_wins) / len(pair_wins) if pair_wins else 0.0,
        pairs_total=len(pair_wins),
        notes=("any_repair counts repair.* labels; reconnect is scored on its own row.",
               "Rules tuned on the dev and train splits only; test is held out."),
    )
