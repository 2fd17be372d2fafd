"""Mend's turn classifier: MiniLM fine-tuned on Mend's corpus, ONNX int8, run with onnxruntime.

It reads a turn together with the turn before it (context) and gives a probability for each marker
label and for ``risk.crisis``. ``classifier.json`` holds the labels and the thresholds tuned on the
dev split; ``training/finetune_classifier.py`` makes the files. Run time needs no torch.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mendkit._once import once
from mendkit.labels import CRISIS, LABELS
from mendkit.models import onnxruntime as _onnxruntime

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_NAME: Final = "mend-minilm-int8-v18"
OUTPUT_LABELS: Final = (*(label for label in LABELS if label != CRISIS), CRISIS)


def classifier_dir() -> Path:
    with resources.as_file(resources.files("mendkit") / "models" / "classifier") as path:
        return Path(path)


def available() -> bool:
    folder = resources.files("mendkit") / "models" / "classifier"
    return (folder / "model.onnx").is_file() and (folder / "classifier.json").is_file()


def encode_pair(tokenizer: Any, text: str, previous: str, max_tokens: int,
                truncation: str = "longest_first") -> tuple[list[int], list[int]]:
    """Token ids and type ids of ``[CLS] text [SEP] previous [SEP]`` in at most ``max_tokens``.

    ``previous_first`` cuts the previous turn first (the turn itself is cut only when it alone is
    too long); ``longest_first`` is the tokenizer's own rule (the tokenizer must truncate so).
    """
    if truncation == "longest_first":
        enc = tokenizer.encode(text or " ", previous or "")
        return list(enc.ids), list(enc.type_ids)
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    first = tokenizer.encode(text or " ", add_special_tokens=False).ids[:max_tokens - 3]
    second = tokenizer.encode(previous, add_special_tokens=False).ids if previous else []
    second = second[:max_tokens - 3 - len(first)]
    ids = [cls, *first, sep, *second, sep]
    return ids, [0] * (len(first) + 2) + [1] * (len(second) + 1)


@dataclass(frozen=True)
class TurnClassifier:
    """``probabilities(text, previous)`` gives one probability per label in ``labels``."""

    labels: tuple[str, ...]
    thresholds: Mapping[str, float]
    session: Any
    tokenizer: Any
    meta: Mapping[str, Any]

    @classmethod
    def load(cls, folder: Path | None = None, *, threads: int = 1) -> TurnClassifier:
        """``threads``: onnxruntime's threads for one run. One: a turn is short, so splitting one
        run over cores gains little, while callers run several turns (or requests) at once, each
        on a core of its own (``analysis/pipeline.py``); two threads a run then fight for cores."""
        ort = _onnxruntime()
        from tokenizers import Tokenizer

        folder = folder or classifier_dir()
        meta = json.loads((folder / "classifier.json").read_text(encoding="utf-8"))
        options = ort.SessionOptions()
        options.log_severity_level = 3
        options.intra_op_num_threads = threads
        options.inter_op_num_threads = 1
        session = ort.InferenceSession(str(folder / "model.onnx"), options,
                                       providers=["CPUExecutionProvider"])
        tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
        tokenizer.no_padding()
        if meta.get("truncation", "longest_first") == "longest_first":
            tokenizer.enable_truncation(max_length=int(meta["max_tokens"]),
                                        strategy="longest_first")
        else:
            tokenizer.no_truncation()
        return cls(labels=tuple(meta["labels"]), thresholds=dict(meta["thresholds"]),
                   session=session, tokenizer=tokenizer, meta=meta)

    def probabilities(self, text: str, previous: str = "") -> npt.NDArray[np.float32]:
        """One text at a time: the int8 model's per-batch quantisation would otherwise make a
        turn's scores depend on its batch mates."""
        import numpy as np

        token_ids, type_ids = encode_pair(self.tokenizer, text, previous,
                                          int(self.meta["max_tokens"]),
                                          str(self.meta.get("truncation", "longest_first")))
        ids = np.array([token_ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "token_type_ids": np.array([type_ids], np.int64)}
        probs: npt.NDArray[np.float32] = self.session.run(None, feeds)[0][0]
        return probs


@once
def default_classifier() -> TurnClassifier:
    return TurnClassifier.load()
