"""Personal heads: the shipped classifier's outputs refitted on one person's own corrections.

``mend train`` (opt-in) reads the corrections (journal or jsonl file), runs the shipped classifier on each
corrected message, and fits, for every label the person corrected, a small logistic head on the
classifier's logits. The head starts as the identity (the shipped model unchanged) and is pulled
towards it by an L2 penalty, so a handful of corrections nudges a label instead of erasing it. A rule
that the person marked wrong at least ``MUTE_AFTER`` times is muted for them, and the very messages
they corrected get their verdict (a memory). Nothing leaves the machine; the file lives under
``$MEND_HOME/personal/``.

Safety first: ``risk.crisis`` is never refitted and crisis rules are never muted, whatever the
corrections say (missing a crisis is the worst error Mend can make).
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Final

from mendkit._files import atomic_write
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS, LABELS
from mendkit.model import Evidence, TurnAnalysis

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from mendkit.corrections import Correction

FORMAT: Final = "mend-personal-heads-v2"  # v2: messages kept as fingerprints, not text
MUTE_AFTER: Final = 2
# L2 pull towards the shipped head (a=1, b=0): the scale moves only with many corrections, the offset
# sooner. One correction should not silence a label everywhere; the memory handles that message.
PENALTY: Final = (10.0, 1.0)
_CLIP: Final = 8.0
_WORD: Final = re.compile(r"\w+")
MEMORY_SOURCE: Final = "personal: you corrected this message (mend correct)"


def personal_dir(home: Path) -> Path:
    return home / "personal"


@dataclass(frozen=True, slots=True)
class Example:
    """One corrected message: the classifier's probabilities for it, and what the person said."""

    label: str
    present: bool
    probabilities: Sequence[float]


@dataclass(frozen=True, slots=True, kw_only=True)
class PersonalHeads:
    """Per-label weights over the classifier's logits, and the rules this person muted.

    ``weights[label]`` is ``(a, b)``: the adjusted logit is ``a * logit(p) + b``. Labels absent
    from ``weights`` keep the shipped model's probability.
    """

    labels: tuple[str, ...]
    weights: Mapping[str, tuple[float, float]] = field(default_factory=dict)
    muted_rules: frozenset[str] = frozenset()
    memory: Mapping[tuple[str, str, str], bool] = field(default_factory=dict)
    corrections: int = 0

    def recall(self, label: str, text: str, previous: str) -> bool | None:
        """What the person said about ``label`` on this very message (and context), if anything.

        Matching ignores case, spacing and punctuation; a correction made without the message
        before it matches the message in any context.
        """
        if label == CRISIS:
            return None
        key = fingerprint(text)
        found = self.memory.get((label, key, fingerprint(previous)))
        return self.memory.get((label, key, "")) if found is None else found

    def override(self, turn: TurnAnalysis, previous: str) -> TurnAnalysis:
        """``turn`` with the person's verdicts on this message applied (crisis never touched)."""
        if not self.memory:
            return turn
        labels = list(turn.labels)
        scores = dict(turn.scores)
        evidence = list(turn.evidence)
        for label in LABELS:
            verdict = self.recall(label, turn.text, previous)
            if verdict is None or verdict == (label in labels):
                continue
            if verdict:
                labels.append(label)
                scores[label] = 1.0
                evidence.append(Evidence(label=label, subtype=None, start=0, end=len(turn.text),
                                         text=turn.text, source=MEMORY_SOURCE, score=1.0))
            else:
                labels.remove(label)
                scores[label] = 0.0
                evidence = [e for e in evidence if e.label != label]
        order = {label: i for i, label in enumerate(LABELS)}
        return replace(turn, labels=tuple(sorted(labels, key=order.__getitem__)),
                       scores=dict(sorted(scores.items(), key=lambda kv: order[kv[0]])),
                       evidence=tuple(evidence))

    def adjust(self, probabilities: Iterable[float]) -> list[float]:
        """The probabilities with this person's heads applied (one per ``labels``)."""
        probs = [float(p) for p in probabilities]
        if not self.weights:
            return probs
        if len(probs) != len(self.labels):
            raise InvalidInputError(f"expected {len(self.labels)} probabilities, got {len(probs)}; "
                                    "run `mend train` again")
        out = list(probs)
        for i, label in enumerate(self.labels):
            if label in self.weights:
                a, b = self.weights[label]
                out[i] = _sigmoid(a * _logit(probs[i]) + b)
        return out

    def to_json(self) -> str:
        return json.dumps({
            "format": FORMAT, "labels": list(self.labels), "corrections": self.corrections,
            "weights": {k: {"a": a, "b": b} for k, (a, b) in sorted(self.weights.items())},
            "muted_rules": sorted(self.muted_rules),
            "memory": [{"label": k[0], "text_sha256": k[1], "previous_sha256": k[2], "present": v}
                       for k, v in sorted(self.memory.items())],
        }, indent=2, ensure_ascii=False) + "\n"

    @classmethod
    def from_json(cls, text: str, *, source: str = "personal heads") -> PersonalHeads:
        try:
            data = json.loads(text)
            if data.get("format") != FORMAT:
                raise InvalidInputError(f"expected format {FORMAT!r}, got {data.get('format')!r}; "
                                        "run `mend train` again", source=source)
            labels = tuple(str(x) for x in data["labels"])
            weights = {str(k): (float(v["a"]), float(v["b"])) for k, v in data["weights"].items()}
            if not set(weights) <= set(labels) or CRISIS in weights:
                raise InvalidInputError("weights name labels Mend does not refit; run `mend train` "
                                        "again", source=source)
            memory = {(str(m["label"]), str(m["text_sha256"]), str(m["previous_sha256"])):
                      bool(m["present"])
                      for m in data["memory"]}
            return cls(labels=labels, weights=weights, corrections=int(data["corrections"]),
                       muted_rules=frozenset(str(r) for r in data["muted_rules"]), memory=memory)
        except (json.JSONDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, InvalidInputError):
                raise
            raise InvalidInputError(f"not a personal heads file ({exc}); run `mend train` again",
                                    source=source) from None


def fit(examples: Sequence[Example], labels: Sequence[str], *,
        penalty: tuple[float, float] = PENALTY, muted_rules: Iterable[str] = (),
        memory: Mapping[tuple[str, str, str], bool] | None = None,
        corrections: int = 0) -> PersonalHeads:
    """Fit one penalised logistic recalibration per corrected label (Newton's method).

    Each head is ``a * logit(p) + b`` on the label's own logit: the corrections decide how far to
    move the label's scale and offset, the penalty keeps it near the shipped ``a=1, b=0``.
    """
    import numpy as np

    by_label: dict[str, list[Example]] = {}
    for ex in examples:
        if ex.label not in labels:
            raise InvalidInputError(f"unknown label {ex.label!r}; expected one of {tuple(labels)}")
        if ex.label != CRISIS:
            by_label.setdefault(ex.label, []).append(ex)
    weights: dict[str, tuple[float, float]] = {}
    for label, group in sorted(by_label.items()):
        j = list(labels).index(label)
        x = np.array([[_logit(ex.probabilities[j]), 1.0] for ex in group], dtype=np.float64)
        y = np.array([1.0 if ex.present else 0.0 for ex in group])
        a, b = _newton(x, y, np.array([1.0, 0.0]), np.array(penalty))
        weights[label] = (float(a), float(b))
    return PersonalHeads(labels=tuple(labels), weights=weights, corrections=corrections,
                         muted_rules=frozenset(muted_rules), memory=dict(memory or {}))


def memory_of(corrections: Iterable[Correction]) -> dict[tuple[str, str, str], bool]:
    """The person's verdicts by (label, message, message before), the latest one winning; the
    messages are kept as fingerprints."""
    return {(c.label, fingerprint(c.text), fingerprint(c.previous)): c.verdict == "missing"
            for c in corrections if c.label != CRISIS}


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def fingerprint(text: str) -> str:
    """A message as the memory keeps it: SHA-256 of its normalised words ("" for no message), so
    the heads file (plain, under MEND_HOME) never holds what the person wrote."""
    words = normalise(text)
    return hashlib.sha256(f"mend-memory:{words}".encode()).hexdigest() if words else ""


def muted_rules(corrections: Iterable[Correction]) -> frozenset[str]:
    """Rules the person marked wrong at least ``MUTE_AFTER`` times (never a crisis rule)."""
    counts: Counter[str] = Counter()
    for c in corrections:
        if c.verdict != "wrong" or c.label == CRISIS:
            continue
        for source in c.source.split(", "):
            if source.startswith("rule:"):
                counts[source.removeprefix("rule:")] += 1
    return frozenset(rule for rule, n in counts.items() if n >= MUTE_AFTER)


def save(heads: PersonalHeads, home: Path) -> Path:
    path = personal_dir(home) / "heads.json"
    atomic_write(path, heads.to_json())
    return path


def remove(home: Path) -> bool:
    """Delete this person's heads (with the personal folder when nothing else is in it); True
    if there were any. ``mend journal delete --all`` uses it: the heads were fitted on the
    corrections it deletes, and hold their fingerprints."""
    folder = personal_dir(home)
    path = folder / "heads.json"
    if not path.is_file():
        return False
    path.unlink()
    with contextlib.suppress(OSError):  # something else lives there: leave it
        folder.rmdir()
    return True


def load(home: Path) -> PersonalHeads | None:
    """This person's heads, or None when they never ran ``mend train``."""
    path = personal_dir(home) / "heads.json"
    if not path.is_file():
        return None
    return PersonalHeads.from_json(path.read_text(encoding="utf-8"), source=str(path))


def _newton(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
            prior: npt.NDArray[np.float64],
            penalty: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    theta = prior.copy()
    eye = np.diag(penalty)
    for _ in range(50):
        p = 1.0 / (1.0 + np.exp(-(x @ theta)))
        grad = x.T @ (p - y) + 2.0 * penalty * (theta - prior)
        hess = (x.T * (p * (1.0 - p))) @ x + 2.0 * eye
        step = np.linalg.solve(hess, grad)
        theta = theta - step
        if float(np.max(np.abs(step))) < 1e-8:
            break
    return theta


def _logit(p: float) -> float:
    p = min(max(p, 1e-6), 1.0 - 1e-6)
    return max(-_CLIP, min(_CLIP, math.log(p / (1.0 - p))))


def _sigmoid(z: float) -> float:
    if z >= 0:
        return 1.0 / (1.0 + math.exp(-z))
    e = math.exp(z)
    return e / (1.0 + e)
