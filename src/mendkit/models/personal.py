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
import functools
import hashlib
import json
import math
import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mendkit._files import atomic_write
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS, LABELS
from mendkit.model import Evidence, TurnAnalysis

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

    from mendkit.corrections import Correction

FORMAT: Final = "mend-personal-heads-v2"  # v2: messages kept as fingerprints, not text
# Heads an earlier ``mend train`` wrote: not read (v1 kept the messages themselves), but not an
# error either. Mend goes on with its shipped model and says that they need fitting again.
OLDER_FORMATS: Final = frozenset({"mend-personal-heads-v1"})
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
    source: str = field(default="", compare=False)  # the file they were read from, for errors

    def __post_init__(self) -> None:
        # Whatever a corrections or heads file says, a crisis rule is never muted.
        if self.muted_rules:
            object.__setattr__(self, "muted_rules", frozenset(
                rule for rule in self.muted_rules if not is_crisis_rule(rule)))

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

    def adjust(self, probabilities: Iterable[float],
               labels: Sequence[str] = LABELS) -> list[float]:
        """The probabilities with this person's heads applied.

        ``labels`` names the label of each probability, in the model's order (the shipped model
        lists Mend's ``LABELS``). A head is applied to its label by name, never by position, and
        never to ``risk.crisis``, whatever order the heads file lists its labels in.
        """
        probs = [float(p) for p in probabilities]
        if not self.weights:
            return probs
        if len(probs) != len(labels) or set(labels) != set(self.labels):
            raise InvalidInputError(
                f"lists {len(self.labels)} labels, the model has {len(probs)}; run `mend train` "
                f"again{_NO_PERSONAL}", source=self.source or "personal heads")
        out = list(probs)
        for i, label in enumerate(labels):
            if label in self.weights and label != CRISIS:
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
        def refuse(what: str) -> InvalidInputError:
            return InvalidInputError(f"{what}; run `mend train` again{_NO_PERSONAL}",
                                     source=source)

        try:
            data = json.loads(text, parse_constant=_keep_constant)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise refuse(f"not a personal heads file (not valid JSON: {exc})") from None
        if not isinstance(data, dict):
            raise refuse(f"not a personal heads file (expected a JSON object, found "
                         f"{_kind(data)})")
        if data.get("format") != FORMAT:
            raise refuse(f"expected format {FORMAT!r}, got {data.get('format')!r}")
        missing = [name for name in ("labels", "corrections", "weights", "muted_rules", "memory")
                   if name not in data]
        if missing:
            raise refuse(f"not a personal heads file (missing field {', '.join(missing)})")
        try:
            labels = tuple(_strings(data["labels"], "labels"))
            if set(labels) != set(LABELS) or len(labels) != len(LABELS):
                raise refuse(f"expected labels to list Mend's labels, each once "
                             f"({', '.join(LABELS)})")
            if not isinstance(data["weights"], dict):
                raise TypeError(f"expected weights to be a JSON object, found "
                                f"{_kind(data['weights'])}")
            weights = {str(k): (_finite(v, f"weights.{k}.a"), _finite(v, f"weights.{k}.b"))
                       for k, v in data["weights"].items()}
            if not set(weights) <= set(labels) or CRISIS in weights:
                raise refuse("weights name labels Mend does not refit")
            memory = {(str(m["label"]), str(m["text_sha256"]), str(m["previous_sha256"])):
                      bool(m["present"])
                      for m in _list(data["memory"], "memory")}
            if not {label for label, _, _ in memory} <= set(LABELS):
                raise refuse("memory names labels Mend does not know")
            corrections = data["corrections"]
            if isinstance(corrections, bool) or not isinstance(corrections, int):
                raise TypeError(f"expected corrections to be a whole number, found "
                                f"{_kind(corrections)}")
            return cls(labels=labels, weights=weights, corrections=corrections,
                       muted_rules=frozenset(_strings(data["muted_rules"], "muted_rules")),
                       memory=memory, source=source)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            if isinstance(exc, InvalidInputError):
                raise
            what = f"missing field {exc}" if isinstance(exc, KeyError) else str(exc)
            raise refuse(what if what.startswith("expected") else
                         f"not a personal heads file ({what})") from None


_NO_PERSONAL: Final = " (until then, --no-personal uses the shipped model without your heads)"


def _keep_constant(name: str) -> float:
    """JSON's NaN and Infinity, read so that ``_finite`` can name them."""
    return float(name)


def _kind(value: object) -> str:
    """What a JSON value is, in words, for an error."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "a boolean"
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else "Infinity" if value > 0 else "-Infinity"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return "a string"
    return "a list" if isinstance(value, list) else "an object"


def _finite(weight: object, name: str) -> float:
    """``weight[a|b]`` (``name`` ends in which) as a float: a finite JSON number."""
    if not isinstance(weight, dict):
        raise TypeError(f"expected {name.rsplit('.', 1)[0]} to be an object with a and b, found "
                        f"{_kind(weight)}")
    value = weight.get(name.rsplit(".", 1)[1])
    if (isinstance(value, bool) or not isinstance(value, int | float)
            or not math.isfinite(value)):
        raise TypeError(f"expected {name} to be a finite number, found {_kind(value)}")
    return float(value)


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
    return {_occasion(c): c.verdict == "missing" for c in corrections if c.label != CRISIS}


def _occasion(correction: Correction) -> tuple[str, str, str]:
    """What a correction is about: its label on this message after that one (as fingerprints)."""
    return (correction.label, fingerprint(correction.text), fingerprint(correction.previous))


def normalise(text: str) -> str:
    return " ".join(_WORD.findall(text.casefold()))


def fingerprint(text: str) -> str:
    """A message as the memory keeps it: SHA-256 of its normalised words ("" for no message), so
    the heads file (plain, under MEND_HOME) never holds what the person wrote.

    A message with no words ("?", "...", "👍") is kept as its own characters (spacing aside), so a
    correction of one never speaks for every other message without words.
    """
    words = normalise(text)
    if words:
        return hashlib.sha256(f"mend-memory:{words}".encode()).hexdigest()
    symbols = "".join(text.split())
    return hashlib.sha256(f"mend-memory-symbols:{symbols}".encode()).hexdigest() if symbols else ""


def muted_rules(corrections: Iterable[Correction]) -> frozenset[str]:
    """Rules the person marked wrong on at least ``MUTE_AFTER`` messages (never a crisis rule).

    A message counts once however often it was marked, and only while the person's latest word
    on it (its label, after the same message) is "wrong": a later "missing" takes its votes back.
    """
    wrong: dict[tuple[str, str, str], set[str]] = {}
    for c in corrections:
        if c.label == CRISIS:
            continue
        if c.verdict == "missing":
            wrong.pop(_occasion(c), None)
            continue
        wrong.setdefault(_occasion(c), set()).update(
            source.removeprefix("rule:") for source in c.source.split(", ")
            if source.startswith("rule:"))
    counts = Counter(rule for rules in wrong.values() for rule in rules)
    return frozenset(rule for rule, n in counts.items()
                     if n >= MUTE_AFTER and not is_crisis_rule(rule))


def is_crisis_rule(rule_id: str) -> bool:
    """True for a rule that finds ``risk.crisis`` (those are never muted)."""
    return rule_id.startswith("crisis/") or rule_id in _crisis_rules()


@functools.cache
def _crisis_rules() -> frozenset[str]:
    from mendkit.analysis.rules import engine_rules

    return frozenset(rule.id for rule in engine_rules().rules if rule.label == CRISIS)


def _list(value: object, name: str) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"{name} must be a list")
    return value


def _strings(value: object, name: str) -> list[str]:
    items = _list(value, name)
    if not all(isinstance(item, str) for item in items):
        raise TypeError(f"{name} must be a list of strings")
    return [str(item) for item in items]


def save(heads: PersonalHeads, home: Path) -> Path:
    path = personal_dir(home) / "heads.json"
    if path.parent.exists() and not path.parent.is_dir():
        raise InvalidInputError("expected a folder for your personal heads, found a file; move "
                                "it away and run `mend train` again", source=str(path.parent))
    _not_a_folder(path)
    atomic_write(path, heads.to_json())
    return path


def _not_a_folder(path: Path) -> None:
    if path.is_dir():
        raise InvalidInputError("is a folder, expected the file of your personal heads; move "
                                "the folder away and run `mend train` again", source=str(path))


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


def load(home: Path, *, notices: list[str] | None = None) -> PersonalHeads | None:
    """This person's heads, or None when they never ran ``mend train``, or when an earlier
    version of ``mend train`` wrote them (``OLDER_FORMATS``): then Mend uses its shipped model,
    and ``notices`` is told so (``older_heads``), to be said once."""
    path = personal_dir(home) / "heads.json"
    _not_a_folder(path)
    if not path.is_file():
        return None
    try:
        text = path.read_bytes().decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError("not a personal heads file (not UTF-8 text); run `mend train` "
                                "again", source=str(path)) from None
    if _older_format(text):
        if notices is not None:
            notices.append(f"your personal heads ({path}) were fitted by an earlier version of "
                           "Mend and are ignored until you run `mend train` again; until then "
                           "Mend uses its shipped model")
        return None
    return PersonalHeads.from_json(text, source=str(path))


def older_heads(home: Path) -> bool:
    """True when this person's heads were written by an earlier ``mend train``, so that Mend
    ignores them until they are fitted again (a page or an answer can say so)."""
    path = personal_dir(home) / "heads.json"
    try:
        text = path.read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return False
    return _older_format(text)


def _older_format(text: str) -> bool:
    try:
        data = json.loads(text, parse_constant=_keep_constant)
    except (json.JSONDecodeError, RecursionError):
        return False
    return isinstance(data, dict) and data.get("format") in OLDER_FORMATS


def _newton(x: npt.NDArray[np.float64], y: npt.NDArray[np.float64],
            prior: npt.NDArray[np.float64],
            penalty: npt.NDArray[np.float64]) -> npt.NDArray[np.float64]:
    import numpy as np

    def loss(t: npt.NDArray[np.float64]) -> float:
        z = x @ t  # the penalised negative log-likelihood, without overflow: log(1 + e^z) - y z
        return float(np.sum(np.logaddexp(0.0, z) - y * z)
                     + np.sum(penalty * (t - prior) ** 2))

    theta = prior.copy()
    eye = np.diag(penalty)
    current = loss(theta)
    for _ in range(100):
        # The logistic function through tanh: the same value, and no overflow however far out
        # x @ theta lies (np.exp(-z) overflows past z = -709).
        p = 0.5 * (1.0 + np.tanh(0.5 * (x @ theta)))
        grad = x.T @ (p - y) + 2.0 * penalty * (theta - prior)
        hess = (x.T * (p * (1.0 - p))) @ x + 2.0 * eye
        step = np.linalg.solve(hess, grad)
        # Damped: a full Newton step can overshoot when many corrections contradict each other
        # at the clipped logits (p * (1 - p) near 0), and run off towards huge weights.
        scale = 1.0
        while scale > 1e-6 and loss(theta - scale * step) > current:
            scale /= 2.0
        theta = theta - scale * step
        current = loss(theta)
        if float(np.max(np.abs(scale * step))) < 1e-8:
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
