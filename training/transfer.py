"""Unlabelled turns for distillation: the train splits of the *train-ok* public sets.

A student learns the teacher's probabilities on these turns as well as on Mend's corpus (many more
examples of how the teacher reads everyday language than the corpus alone gives). No public label
is used, only the text and the turn before it. Sources (``../shared/data/README.md``, all train-ok):

- GoEmotions ``data__original__train.tsv`` (Apache-2.0): Reddit comments, read without context.
- EmoryNLP ``data__emorynlp__emorynlp_train_final.csv`` (Apache-2.0): Friends utterances, each with
  the utterance before it in the same scene.
- ToxiChat ``data__ToxiChat__train.jsonl`` (CC BY-SA 4.0): Reddit thread turns and the two bot
  replies, each with the turn before it.

Nothing from a dev or test split is read. The teacher's outputs are cached (``--cache``) keyed by
the teacher's files and the pairs, so later runs skip the teacher.
"""

from __future__ import annotations

import csv
import hashlib
import json
import os
import random
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

REPO = Path(__file__).resolve().parent.parent
MAX_CHARS = 400
SOURCES = ("goemotions", "emorynlp", "toxichat")
_WS = re.compile(r"\s+")


def data_root() -> Path:
    override = os.environ.get("MEND_SHARED_DATA")
    return Path(override) if override else REPO.parent / "shared" / "data"


def _clean(text: str) -> str:
    return _WS.sub(" ", text.replace("&amp;", "&").replace("&nbsp;", " ")).strip()


def goemotions_rows() -> Iterator[tuple[str, str, list[str]]]:
    """GoEmotions train comments (no context) with the rest of their TSV line."""
    path = data_root() / "goemotions" / "data__original__train.tsv"
    for line in path.read_text(encoding="utf-8").splitlines():
        text, *rest = line.split("\t")
        yield _clean(text), "", rest


def emorynlp_rows() -> Iterator[tuple[str, str, dict[str, str]]]:
    """EmoryNLP train utterances with the one before in the same scene, and their CSV row."""
    path = data_root() / "emorynlp" / "data__emorynlp__emorynlp_train_final.csv"
    scene, previous = None, ""
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            key = (row["Season"], row["Episode"], row["Scene_ID"])
            if key != scene:
                scene, previous = key, ""
            text = _clean(row["Utterance"])
            yield text, previous, row
            previous = text


def toxichat_rows() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """ToxiChat train thread turns, each with the turn before it, then the two bot replies (each
    after the thread's last turn), with their JSON records."""
    path = data_root() / "toxichat" / "data__ToxiChat__train.jsonl"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            previous = ""
            for turn in record["reddit_thread"]:
                text = _clean(str(turn["text"]))
                yield text, previous, turn
                previous = text
            for key in ("final_dgpt_response", "final_gpt3_response"):
                if isinstance(record.get(key), dict):
                    yield _clean(str(record[key]["text"])), previous, record[key]


def goemotions() -> Iterator[tuple[str, str]]:
    return ((text, previous) for text, previous, _ in goemotions_rows())


def emorynlp() -> Iterator[tuple[str, str]]:
    return ((text, previous) for text, previous, _ in emorynlp_rows())


def toxichat() -> Iterator[tuple[str, str]]:
    return ((text, previous) for text, previous, _ in toxichat_rows())


def pairs(sources: list[str], limit: int, seed: int) -> list[tuple[str, str]]:
    """Up to ``limit`` distinct (text, previous) pairs: a seeded random sample of all of ``sources``."""
    readers = {"goemotions": goemotions, "emorynlp": emorynlp, "toxichat": toxichat}
    seen: set[tuple[str, str]] = set()
    out: list[tuple[str, str]] = []
    for name in sources:
        for text, previous in readers[name]():
            if text and len(text) <= MAX_CHARS and (text, previous) not in seen:
                seen.add((text, previous))
                out.append((text, previous[-MAX_CHARS:]))
    random.Random(seed).shuffle(out)
    return out[:limit]


def teacher_outputs(folder: Path, items: list[tuple[str, str]], cache: Path | None) -> np.ndarray:
    """The teacher's probabilities for each pair (two threads, one turn per run), cached."""
    from concurrent.futures import ThreadPoolExecutor

    from mendkit.models.classifier import TurnClassifier

    digest = hashlib.sha256()
    for name in ("model.onnx", "classifier.json"):
        digest.update((folder / name).read_bytes())
    for text, previous in items:
        digest.update(f"{text}\x00{previous}\x01".encode())
    path = cache / f"teacher-{digest.hexdigest()[:16]}.npy" if cache else None
    if path is not None and path.is_file():
        return np.load(path)
    teacher = TurnClassifier.load(folder)
    with ThreadPoolExecutor(2) as pool:
        out = np.stack(list(pool.map(lambda pair: teacher.probabilities(*pair), items)))
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        np.save(path, out)
    return out
