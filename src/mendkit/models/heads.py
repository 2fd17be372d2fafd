"""Linear heads on encoder and rule features: calibrated probabilities per label, and crisis.

The weights are small numpy arrays shipped in ``mendkit/models/heads-v1.npz`` with their metadata
(``heads-v1.json``: labels, thresholds, training data, metrics); ``training/train_heads.py`` makes
them. The features of a turn are its embedding, the previous turn's embedding (context), the rule
scores of the turn, the labels of the previous turn, whether the speaker changed, and its length.
"""

from __future__ import annotations

import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any, Final

from mendkit.labels import CRISIS, LABELS

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

HEADS_FILE: Final = "heads-v1"
MARKER_LABELS: Final = tuple(label for label in LABELS if label != CRISIS)


def feature_vector(
    embedding: npt.NDArray[np.float32],
    previous_embedding: npt.NDArray[np.float32] | None,
    rule_scores: Mapping[str, float],
    previous_labels: Sequence[str],
    *,
    speaker_changed: bool,
    n_chars: int,
) -> npt.NDArray[np.float32]:
    """The features of one turn, in the order the heads were trained on."""
    import numpy as np

    prev = previous_embedding if previous_embedding is not None else np.zeros_like(embedding)
    extra = [rule_scores.get(label, 0.0) for label in LABELS]
    extra += [1.0 if label in previous_labels else 0.0 for label in LABELS]
    extra += [1.0 if speaker_changed else 0.0, math.log1p(n_chars) / 6.0,
              1.0 if previous_embedding is None else 0.0]
    return np.concatenate([embedding, prev, np.asarray(extra, dtype=np.float32)])


@dataclass(frozen=True, slots=True)
class Heads:
    """Logistic heads: ``probabilities(features)`` gives one probability per marker label."""

    labels: tuple[str, ...]
    weights: npt.NDArray[np.float32]  # (labels, features)
    bias: npt.NDArray[np.float32]  # (labels,)
    thresholds: Mapping[str, float]
    crisis_weights: npt.NDArray[np.float32]  # (dim,) on the embedding alone
    crisis_bias: float
    crisis_threshold: float
    meta: Mapping[str, Any]

    def probabilities(self, features: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        import numpy as np

        logits = features @ self.weights.T + self.bias
        probs: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probs

    def crisis_probability(self, embeddings: npt.NDArray[np.float32]) -> npt.NDArray[np.float32]:
        import numpy as np

        logits = embeddings @ self.crisis_weights + self.crisis_bias
        probs: npt.NDArray[np.float32] = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probs


def heads_available() -> bool:
    base = resources.files("mendkit") / "models"
    return (base / f"{HEADS_FILE}.npz").is_file() and (base / "minilm" / "model.onnx").is_file()


@lru_cache(maxsize=1)
def default_heads() -> Heads:
    import numpy as np

    base = resources.files("mendkit") / "models"
    meta = json.loads((base / f"{HEADS_FILE}.json").read_text(encoding="utf-8"))
    with resources.as_file(base / f"{HEADS_FILE}.npz") as path, np.load(path) as data:
        return Heads(
            labels=tuple(meta["labels"]),
            weights=data["weights"].astype(np.float32),
            bias=data["bias"].astype(np.float32),
            thresholds={k: float(v) for k, v in meta["thresholds"].items()},
            crisis_weights=data["crisis_weights"].astype(np.float32),
            crisis_bias=float(data["crisis_bias"]),
            crisis_threshold=float(meta["crisis_threshold"]),
            meta=meta,
        )
