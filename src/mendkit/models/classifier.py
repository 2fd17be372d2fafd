"""Mend's turn classifier: MiniLM fine-tuned on Mend's corpus, ONNX int8, run with onnxruntime.

It reads a turn together with the turn before it (context) and gives a probability for each marker
label and for ``risk.crisis``. ``classifier.json`` holds the labels and the thresholds tuned on the
dev split; ``training/finetune_classifier.py`` makes the files. Run time needs no torch.

The model reads at most ``max_tokens`` (128) tokens, about 500 characters, of a turn and the turn
before it. A pair that fits is read as it always was, in one run. A longer turn is read in windows
(``windows``): sentences packed into pieces of at most ``WINDOW_TOKENS`` tokens, each read with the
turn before it, as a turn of its own. Its reading is the highest of its windows' for each marker
label (a repair in the fourth paragraph is a repair of the turn); for ``risk.crisis`` the first
window's reading, raised by a later window only when that window's own reading reaches
``LATER_CRISIS`` (each extra window is one more chance of a false alarm). A turn read in more than
``MAX_WINDOWS`` windows is read in its first ``MAX_WINDOWS - 1`` and its last one (a farewell or a
request often closes a letter); the rules read all of it. A turn before it that does not fit whole
is cut to its last sentences, at most ``CONTEXT_TOKENS`` tokens: what a reply answers is what was
said last. The model card has the figures behind these choices.

The same turn with the same turn before it is often read again: a person re-checks a draft with
the same context (each context message is read again), the coach screens a draft before the
critic reads it. ``ReadingCache`` keeps the most recent readings, so those cost no second run.
A reading is kept for the person it was made for (``readings_for``): on a practice's server, where
several people share one classifier, a reading made for one of them never answers another, so
how fast an answer comes says nothing of what anyone else has checked. One person's Mend keeps
one set of readings, for whoever uses it.
"""

from __future__ import annotations

import hashlib
import json
import re
import string
import threading
import unicodedata
from bisect import bisect_left, bisect_right
from collections import OrderedDict
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Final

from mendkit._once import once
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS, LABELS
from mendkit.models import onnxruntime as _onnxruntime

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

MODEL_NAME: Final = "mend-minilm-int8-v18"
OUTPUT_LABELS: Final = (*(label for label in LABELS if label != CRISIS), CRISIS)
# Readings the shipped classifier keeps (about 300 bytes each): the context of many re-checks.
CACHE_SIZE: Final = 1024
# A turn longer than the model reads (see the module docstring and the model card, "Long turns"):
# windows of at most this many tokens, about 200 characters (smaller windows let one sentence
# speak for itself: a crisis sentence in a 125-token window is drowned out by the letter around it).
WINDOW_TOKENS: Final = 48
# At most this many windows a turn (about 3,000 characters): the first ones and the last one.
MAX_WINDOWS: Final = 16
# A later window raises the turn's crisis reading only from this probability up.
LATER_CRISIS: Final = 0.9
# A turn before that does not fit whole: its last sentences, at most this many tokens (what the
# tokenizer library's longest-first cut leaves the turn before when both are long).
CONTEXT_TOKENS: Final = 63


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


# Where a sentence starts: after white space that follows a full stop, a question or exclamation
# mark or an ellipsis (and any closing quote or bracket), and after a blank line. A line break alone
# does not end a sentence: hard-wrapped text breaks lines in the middle of one. A line break is the
# next best place to cut (a pasted chat, a list without full stops).
_SENTENCE = re.compile(r"(?<=[.!?\u2026])[\"'\u201d\u2019)\]]*\s+|\n\s*\n\s*")
_LINE = re.compile(r"\n\s*")


@dataclass(frozen=True)
class _Piece:
    """The tokens of a part of a text: ids, word-piece strings, character offsets in the part, and
    the token indices where a sentence or a line starts."""

    ids: list[int]
    tokens: list[str]
    offsets: list[tuple[int, int]]
    sentences: list[int]
    lines: list[int]


def _piece(tokenizer: Any, text: str, start: int, end: int) -> _Piece:
    part = text[start:end]
    encoding = tokenizer.encode(part, add_special_tokens=False)
    firsts = [begin for begin, _ in encoding.offsets]

    def starts(pattern: re.Pattern[str]) -> list[int]:
        return sorted({bisect_left(firsts, m.end()) for m in pattern.finditer(part)})

    return _Piece(encoding.ids, encoding.tokens, encoding.offsets, starts(_SENTENCE),
                  starts(_LINE))


def _word_start(piece: _Piece, at: int, low: int) -> int:
    """``at``, or the nearest token before it (above ``low``) that starts a word; ``at`` when the
    word runs from ``low`` past it."""
    back = at
    while back > low + 1 and piece.tokens[back].startswith("##"):
        back -= 1
    return back if not piece.tokens[back].startswith("##") else at


def _latest(starts: Sequence[int], low: int, high: int) -> int | None:
    """The last of ``starts`` in ``(low, high]``, if any."""
    i = bisect_right(starts, high) - 1
    return starts[i] if i >= 0 and starts[i] > low else None


def _earliest(starts: Sequence[int], low: int, high: int) -> int | None:
    """The first of ``starts`` in ``[low, high)``, if any."""
    i = bisect_left(starts, low)
    return starts[i] if i < len(starts) and starts[i] < high else None


def _pack(piece: _Piece, size: int) -> list[tuple[int, int]]:
    """``piece``'s tokens in windows of at most ``size``, as (first, end) token indices: each
    window runs to the last sentence start that fits, else the last line start, else the last
    word start."""
    out: list[tuple[int, int]] = []
    first, n = 0, len(piece.ids)
    while first < n:
        limit = first + size
        if limit >= n:
            out.append((first, n))
            break
        end = (_latest(piece.sentences, first, limit) or _latest(piece.lines, first, limit)
               or _word_start(piece, limit, first))
        out.append((first, end))
        first = end
    return out


def _tail_piece(tokenizer: Any, text: str, earliest: int = 0) -> _Piece:
    """The tokens of the last part of ``text`` (about ``_PIECE`` characters, not before
    ``earliest``), from a place where a token starts."""
    start = max(earliest, len(text) - _PIECE)
    if start > earliest:
        start = _cut(text, start)
    return _piece(tokenizer, text, start, len(text))


def _last(piece: _Piece, size: int) -> list[int]:
    """The last tokens of ``piece``, at most ``size``: its last sentences that fit, else its last
    lines, else its last words."""
    n = len(piece.ids)
    if n <= size:
        return piece.ids
    low = n - size
    first = _earliest(piece.sentences, low, n) or _earliest(piece.lines, low, n)
    if first is None:
        first = low
        while first < n - 1 and piece.tokens[first].startswith("##"):
            first += 1
    return piece.ids[first:]


def windows(tokenizer: Any, text: str, size: int = WINDOW_TOKENS,
            most: int = MAX_WINDOWS) -> list[list[int]]:
    """The token ids of ``text`` in windows of at most ``size`` tokens, cut between sentences
    where one fits (else between lines, else between words), in order; at most ``most`` of them:
    past that, the first ``most - 1`` and the last one (the rest of the text is not read)."""
    budget = most * size + 1  # enough tokens to pack the first most - 1 windows as the whole text
    chars = _PIECE
    while True:
        end = _cut(text, chars)
        head = _piece(tokenizer, text, 0, end)
        if len(head.ids) > budget or end >= len(text):
            break
        chars *= 4
    spans = _pack(head, size)
    if end >= len(text) and len(spans) <= most:
        return [head.ids[a:b] for a, b in spans]
    kept = spans[:most - 1]
    after = head.offsets[kept[-1][1] - 1][1] if kept else 0
    tail = _tail_piece(tokenizer, text, after)
    return [*(head.ids[a:b] for a, b in kept),
            _last(tail, size)]


def last_sentences(tokenizer: Any, text: str, size: int = CONTEXT_TOKENS) -> list[int]:
    """The token ids of the end of ``text``, at most ``size``: its last sentences that fit whole
    (else its last line or words). What a reply answers is what was said last."""
    return _last(_tail_piece(tokenizer, text), size)


# Whom the readings being made are for ("" outside a practice: the one person using this Mend).
_READER: ContextVar[str] = ContextVar("mend_reader", default="")


@contextmanager
def readings_for(reader: str) -> Iterator[None]:
    """Within this block (and the work it starts in this context), readings are kept for
    ``reader`` only: a reading kept for anyone else is never the answer, and theirs is kept
    apart. A practice's web app reads for each signed-in account (its id), so that a cache hit,
    and the quicker answer it gives, tells no one what another person checked.

    >>> with readings_for("account 7"):
    ...     current_reader()
    'account 7'
    >>> current_reader()
    ''
    """
    token = _READER.set(reader)
    try:
        yield
    finally:
        _READER.reset(token)


def read_for(reader: str) -> None:
    """Keep readings for ``reader`` for the rest of the current context: a web request's, whose
    task and the threads it hands work to (they copy its context) end with it. Where a block
    is at hand, ``readings_for`` is the plainer choice."""
    _READER.set(reader)


def current_reader() -> str:
    """Whom readings are kept for here (``readings_for``); ``""`` for the one person using this
    Mend. Worker threads do not inherit it: a caller that reads on threads passes it on."""
    return _READER.get()


def _count(tokenizer: Any, text: str) -> int:
    """How many tokens ``text`` has, tokenised a piece at a time (memory stays small)."""
    total = start = 0
    while start < len(text):
        end = _cut(text, start + _PIECE)
        total += len(tokenizer.encode(text[start:end], add_special_tokens=False).ids)
        start = end
    return total


class ReadingCache:
    """The classifier's most recent readings, by the exact turn, the exact turn before it and
    whom the reading was for; the least recently used is forgotten first, past ``size`` (0:
    nothing is kept). Safe to share between threads.

    A reading depends on nothing but the two texts (one turn per run, see
    ``TurnClassifier.probabilities``), so a kept one is exactly what a new run would give. The
    keys are digests of the texts: the cache holds numbers, not anyone's words. A reading made
    for one reader is kept under a key of theirs, which no other reader's key equals.
    """

    def __init__(self, size: int) -> None:
        if size < 0:
            raise InvalidInputError(f"expected a cache size of 0 or more readings, got {size}")
        self.size = size
        self._kept: OrderedDict[bytes, npt.NDArray[np.float32]] = OrderedDict()
        self._lock = threading.Lock()

    @staticmethod
    def key(text: str, previous: str, reader: str = "") -> bytes:
        """The digest of the pair: the length first, so that no other cut of the same
        characters into a turn and a previous turn shares it; keyed by ``reader`` (a keyed
        BLAKE2b: another reader's digest of the same pair is another number)."""
        pair = f"{len(text)}:{text}{previous}".encode("utf-8", "surrogatepass")
        secret = (hashlib.blake2b(reader.encode("utf-8", "surrogatepass"), digest_size=32).digest()
                  if reader else b"")
        return hashlib.blake2b(pair, digest_size=16, key=secret).digest()

    def get(self, key: bytes) -> npt.NDArray[np.float32] | None:
        """A copy of the reading kept under ``key`` (the caller may change it), or None."""
        with self._lock:
            kept = self._kept.get(key)
            if kept is None:
                return None
            self._kept.move_to_end(key)
        return kept.copy()

    def put(self, key: bytes, probabilities: npt.NDArray[np.float32]) -> None:
        if not self.size:
            return
        kept = probabilities.copy()
        with self._lock:
            self._kept[key] = kept
            self._kept.move_to_end(key)
            while len(self._kept) > self.size:
                self._kept.popitem(last=False)

    def clear(self) -> None:
        with self._lock:
            self._kept.clear()

    def __len__(self) -> int:
        return len(self._kept)


@dataclass(frozen=True)
class TurnClassifier:
    """``probabilities(text, previous)`` gives one probability per label in ``labels``."""

    labels: tuple[str, ...]
    thresholds: Mapping[str, float]
    session: Any
    tokenizer: Any
    meta: Mapping[str, Any]
    cache: ReadingCache = field(default_factory=lambda: ReadingCache(CACHE_SIZE), compare=False,
                                repr=False)

    @classmethod
    def load(cls, folder: Path | None = None, *, threads: int = 1,
             cache_size: int = CACHE_SIZE) -> TurnClassifier:
        """``threads``: onnxruntime's threads for one run. One: a turn is short, so splitting one
        run over cores gains little, while callers run several turns (or requests) at once, each
        on a core of its own (``analysis/pipeline.py``); two threads a run then fight for cores.
        ``cache_size``: how many readings to keep (``ReadingCache``; 0 keeps none)."""
        cache = ReadingCache(cache_size)
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
                   session=session, tokenizer=tokenizer, meta=meta, cache=cache)

    def probabilities(self, text: str, previous: str = "", *,
                      reader: str | None = None) -> npt.NDArray[np.float32]:
        """One text at a time: the int8 model's per-batch quantisation would otherwise make a
        turn's scores depend on its batch mates. A pair read lately for the same ``reader``
        (default: ``current_reader()``) comes from ``cache``.

        A pair that fits the model's window is read in one run, as it always was; a longer turn
        is read in windows (see the module docstring)."""
        key = ReadingCache.key(text, previous, current_reader() if reader is None else reader)
        kept = self.cache.get(key)
        if kept is not None:
            return kept
        probs = self._read(text, previous)
        self.cache.put(key, probs)
        return probs

    def _read(self, text: str, previous: str) -> npt.NDArray[np.float32]:
        budget = int(self.meta["max_tokens"]) - 3
        turn = _head(self.tokenizer, text or " ", budget)
        before = _head(self.tokenizer, previous, budget) if previous else []
        if len(turn) + len(before) <= budget:
            # The pair fits: these are all its tokens, which ``encode_pair`` would only
            # tokenise again to cut nothing (either truncation keeps the whole pair).
            return self._run_ids(turn, before)
        if len(turn) <= budget - CONTEXT_TOKENS:  # the turn fits beside the end of the one before
            return self._run_ids(turn, last_sentences(self.tokenizer, previous))
        # Beside each window, the turn before: whole if it fits, else its last sentences.
        parts = windows(self.tokenizer, text)
        end = (last_sentences(self.tokenizer, previous,
                              min(CONTEXT_TOKENS, budget - max(map(len, parts))))
               if any(len(ids) + len(before) > budget for ids in parts) else [])
        return self._combine([self._run_ids(ids, before if len(ids) + len(before) <= budget
                                            else end) for ids in parts])

    def _combine(self, readings: Sequence[npt.NDArray[np.float32]]) -> npt.NDArray[np.float32]:
        """A long turn's reading from its windows' readings, in order: for each marker label the
        highest (a label anywhere in the turn is the turn's); for ``risk.crisis`` the first
        window's, raised by a later window only from ``LATER_CRISIS`` up."""
        import numpy as np

        combined: npt.NDArray[np.float32] = np.max(np.stack(readings), axis=0)
        if CRISIS in self.labels:
            at = self.labels.index(CRISIS)
            sure = [float(r[at]) for r in readings[1:] if r[at] >= LATER_CRISIS]
            combined[at] = max([float(readings[0][at]), *sure])
        return combined

    def _run_ids(self, ids: Sequence[int], context: Sequence[int]) -> npt.NDArray[np.float32]:
        """One run on ``[CLS] ids [SEP] context [SEP]`` (which fit the model's window)."""
        cls, sep = self.tokenizer.token_to_id("[CLS]"), self.tokenizer.token_to_id("[SEP]")
        return self._session_run([cls, *ids, sep, *context, sep],
                                 [0] * (len(ids) + 2) + [1] * (len(context) + 1))

    def _session_run(self, token_ids: list[int], type_ids: list[int]) -> npt.NDArray[np.float32]:
        import numpy as np

        ids = np.array([token_ids], dtype=np.int64)
        feeds = {"input_ids": ids, "attention_mask": np.ones_like(ids),
                 "token_type_ids": np.array([type_ids], np.int64)}
        probs: npt.NDArray[np.float32] = self.session.run(None, feeds)[0][0]
        return probs


@once
def default_classifier() -> TurnClassifier:
    return TurnClassifier.load()
