"""Mend's turn classifier: MiniLM fine-tuned on Mend's corpus, ONNX int8, run with onnxruntime.

It reads a turn together with the turn before it (context) and gives a probability for each marker
label and for ``risk.crisis``. ``classifier.json`` holds the labels and the thresholds tuned on the
dev split; ``training/finetune_classifier.py`` makes the files. Run time needs no torch.
"""

from __future__ import annotations

import json
import string
import unicodedata
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
    too long); ``longest_first`` is the tokenizer library's own rule, worked out here from the
    first tokens of each text (the library's truncation would also build every overflowing
    window of the pair: time and memory that grow with the square of two long turns). The
    tokenizer must not truncate.
    """
    cls, sep = tokenizer.token_to_id("[CLS]"), tokenizer.token_to_id("[SEP]")
    budget = max_tokens - 3
    if truncation == "longest_first":
        first, second = _head(tokenizer, text or " ", budget), _head(tokenizer, previous, budget)
        n1, n2 = len(first), len(second)
        if n1 > budget and n2 > budget:  # which is longer decides who keeps the odd token
            n1, n2 = _count(tokenizer, text or " "), _count(tokenizer, previous)
        n1, n2 = _longest_first(n1, n2, budget)
        first, second = first[:n1], second[:n2]
    else:
        first = tokenizer.encode(text or " ", add_special_tokens=False).ids[:budget]
        second = tokenizer.encode(previous, add_special_tokens=False).ids if previous else []
        second = second[:budget - len(first)]
    ids = [cls, *first, sep, *second, sep]
    return ids, [0] * (len(first) + 2) + [1] * (len(second) + 1)


def _longest_first(n1: int, n2: int, budget: int) -> tuple[int, int]:
    """How many tokens of each text the tokenizer library's ``LongestFirst`` keeps."""
    swap = n1 > n2
    if swap:
        n1, n2 = n2, n1
    n2 = n1 if n1 > budget else max(n1, budget - n1)
    if n1 + n2 > budget:
        n1 = budget // 2
        n2 = n1 + budget % 2
    return (n2, n1) if swap else (n1, n2)


# Texts are tokenised a piece at a time, cut where a token must end anyway.
_PIECE = 2048
_BRACKETS = frozenset("[]")  # an added token ("[SEP]") is never cut in two


def _space(ch: str) -> bool:
    """White space as the BERT normaliser keeps it (other control characters it deletes)."""
    return ch in " \t\n\r" or unicodedata.category(ch) in {"Zs", "Zl", "Zp"}


def _punct(ch: str) -> bool:
    return ch in string.punctuation or unicodedata.category(ch).startswith("P")


def _ideograph(ch: str) -> bool:
    """A CJK ideograph, which the BERT normaliser sets apart with spaces (its own ranges)."""
    code = ord(ch)
    return (0x4E00 <= code <= 0x9FFF or 0x3400 <= code <= 0x4DBF or 0x20000 <= code <= 0x2A6DF
            or 0x2A700 <= code <= 0x2B73F or 0x2B740 <= code <= 0x2B81F
            or 0x2B920 <= code <= 0x2CEAF or 0xF900 <= code <= 0xFAFF
            or 0x2F800 <= code <= 0x2FA1F)


def _cut(text: str, at: int) -> int:
    """The first place at or after ``at`` where a token ends whatever follows: next to white
    space, a punctuation mark (each is a token of its own; not a bracket, which may belong to an
    added token such as ``[SEP]``) or a CJK ideograph; else the end of ``text``."""
    for i in range(max(at, 1), len(text)):
        before, here = text[i - 1], text[i]
        if (_space(here) or _space(before) or _ideograph(here) or _ideograph(before)
                or ((_punct(before) or _punct(here)) and not {before, here} & _BRACKETS)):
            return i
    return len(text)


def _head(tokenizer: Any, text: str, budget: int) -> list[int]:
    """The first ``budget + 1`` token ids of ``text`` (all of them when there are fewer)."""
    size = _PIECE
    while True:
        end = _cut(text, size)
        ids: list[int] = tokenizer.encode(text[:end], add_special_tokens=False).ids
        if len(ids) > budget or end >= len(text):
            return ids[:budget + 1]
        size *= 4


def _count(tokenizer: Any, text: str) -> int:
    """How many tokens ``text`` has, tokenised a piece at a time (memory stays small)."""
    total = start = 0
    while start < len(text):
        end = _cut(text, start + _PIECE)
        total += len(tokenizer.encode(text[start:end], add_special_tokens=False).ids)
        start = end
    return total


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
        tokenizer.no_truncation()  # encode_pair cuts (see there)
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
