"""Deterministic benchmark inputs built from the public datasets in ``../shared/data``.

The data lives outside the repository (see ``../shared/data/README.md``); set ``MEND_SHARED_DATA``
to point elsewhere. Nothing here is random: the same call gives the same texts in the same order.

Sources (files read unchanged, in file order):

- DailyDialog ``train.zip`` -> ``train/dialogues_train.txt``: one dialogue per line, utterances
  separated by ``__eou__``; the text is tokenised (``I ’ m`` , ``fine .``), so it is lightly
  detokenised here.
- EmoryNLP ``data__emorynlp__emorynlp_train_final.csv``: column ``Utterance``.
- MELD ``data__MELD__train_sent_emo.csv``: column ``Utterance``.
- GoEmotions ``data__original__train.tsv``: ``text<TAB>labels<TAB>id``, no header.
- ESConv ``hf_train.jsonl``: one dialogue per line, ``dialog`` is a list of ``{text, speaker}``.

Usable as a script too: ``python benchmarks/texts.py 5`` prints five texts.
"""

from __future__ import annotations

import csv
import json
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from functools import cache
from itertools import cycle, islice
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
ENV_VAR = "MEND_SHARED_DATA"
MAX_CHARS = 400  # "short" texts: longer ones (a few Reddit comments, ESConv turns) are skipped

_DAILYDIALOG = ("dailydialog", "train.zip", "train/dialogues_train.txt")
_EMORYNLP = ("emorynlp", "data__emorynlp__emorynlp_train_final.csv")
_MELD = ("meld", "data__MELD__train_sent_emo.csv")
_GOEMOTIONS = ("goemotions", "data__original__train.tsv")
_ESCONV = ("esconv", "hf_train.jsonl")
_FILES = {
    "dailydialog": _DAILYDIALOG,
    "emorynlp": _EMORYNLP,
    "meld": _MELD,
    "goemotions": _GOEMOTIONS,
    "esconv": _ESCONV,
}


class DataMissingError(RuntimeError):
    """The shared data folder, or a file in it, is not there."""


def data_root() -> Path:
    """``$MEND_SHARED_DATA`` if set, else ``../shared/data`` relative to the repository root."""
    override = os.environ.get(ENV_VAR)
    if override:
        return Path(override).expanduser().resolve()
    return (REPO_ROOT.parent / "shared" / "data").resolve()


def _file(*parts: str) -> Path:
    path = data_root().joinpath(*parts)
    if not path.is_file():
        raise DataMissingError(f"missing data file: {path}")
    return path


def require_data(sources: tuple[str, ...] = ()) -> Path:
    """The data root, or print why the benchmark cannot run and exit 0 (it is not a failure).

    ``sources`` names the datasets needed (``"dailydialog"``, ``"esconv"``, ...); default all.
    """
    root = data_root()
    missing = [
        str(root.joinpath(*parts[:2]))
        for name, parts in _FILES.items()
        if (not sources or name in sources) and not root.joinpath(*parts[:2]).is_file()
    ]
    if missing:
        print("benchmark skipped: the shared datasets are not available; missing:")
        for path in missing:
            print(f"  {path}")
        print(f"Put them at {REPO_ROOT.parent / 'shared' / 'data'} or set {ENV_VAR}=/path/to/data.")
        raise SystemExit(0)
    return root


# -- cleaning ------------------------------------------------------------------------------------

_WS = re.compile(r"\s+")
_APOSTROPHE = re.compile(r"(\w) ?[’'] ?(s|t|m|d|ll|re|ve|Ve|S|T|M|D|LL|RE|VE)\b")
_O_CLOCK = re.compile(r"\bo ?[’'] ?clock\b")
_SPACE_BEFORE_PUNCT = re.compile(r" +([,.!?;:%)])")
_SPACE_AFTER_OPEN = re.compile(r"([($]) +")


def clean(text: str) -> str:
    """One line, single spaces, stripped."""
    return _WS.sub(" ", text).strip()


def detokenize(text: str) -> str:
    """Undo DailyDialog's tokenisation: ``I ’ m fine , thanks .`` -> ``I'm fine, thanks.``"""
    text = clean(text)
    text = _APOSTROPHE.sub(r"\1'\2", text)
    text = _O_CLOCK.sub("o'clock", text)
    text = _SPACE_BEFORE_PUNCT.sub(r"\1", text)
    return _SPACE_AFTER_OPEN.sub(r"\1", text)


def _short(texts: Iterator[str]) -> list[str]:
    return [t for t in texts if t and len(t) <= MAX_CHARS]


# -- sources -------------------------------------------------------------------------------------

@cache
def dailydialog_dialogues() -> tuple[tuple[str, ...], ...]:
    """DailyDialog training dialogues (11,118), each a tuple of utterances, empties dropped."""
    path = _file(*_DAILYDIALOG[:2])
    with zipfile.ZipFile(path) as archive:
        raw = archive.read(_DAILYDIALOG[2]).decode("utf-8")
    dialogues = []
    for line in raw.splitlines():
        turns = tuple(t for t in (detokenize(u) for u in line.split("__eou__")) if t)
        if turns:
            dialogues.append(turns)
    return tuple(dialogues)


def _csv_column(path: Path, column: str) -> Iterator[str]:
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            yield clean(row[column])


@cache
def emorynlp_utterances() -> tuple[str, ...]:
    """EmoryNLP (Friends) training utterances."""
    return tuple(_short(_csv_column(_file(*_EMORYNLP), "Utterance")))


@cache
def meld_utterances() -> tuple[str, ...]:
    """MELD (Friends) training utterances."""
    return tuple(_short(_csv_column(_file(*_MELD), "Utterance")))


@cache
def goemotions_comments() -> tuple[str, ...]:
    """GoEmotions training comments (Reddit; names masked as ``[NAME]``)."""
    text = _file(*_GOEMOTIONS).read_text(encoding="utf-8")
    return tuple(_short(clean(line.split("\t", 1)[0]) for line in text.splitlines()))


@cache
def esconv_dialogues() -> tuple[tuple[tuple[str, str], ...], ...]:
    """ESConv training dialogues as ``(speaker, text)``; speaker ``usr`` seeks, ``sys`` supports."""
    dialogues = []
    with _file(*_ESCONV).open(encoding="utf-8") as handle:
        for line in handle:
            if not line.strip():
                continue
            record = json.loads(line)
            turns = tuple(
                (str(t["speaker"]), text)
                for t in record["dialog"]
                if (text := clean(str(t["text"])))
            )
            if turns:
                dialogues.append(turns)
    return tuple(dialogues)


def esconv_turns() -> tuple[str, ...]:
    """ESConv turn texts in dialogue order."""
    return tuple(_short(text for dialogue in esconv_dialogues() for _, text in dialogue))


def dailydialog_utterances() -> tuple[str, ...]:
    """DailyDialog utterances in dialogue order."""
    return tuple(_short(u for dialogue in dailydialog_dialogues() for u in dialogue))


SOURCES: dict[str, Callable[[], tuple[str, ...]]] = {
    "dailydialog": dailydialog_utterances,
    "emorynlp": emorynlp_utterances,
    "meld": meld_utterances,
    "goemotions": goemotions_comments,
    "esconv": esconv_turns,
}


# -- what the benchmarks use ---------------------------------------------------------------------

def texts(n: int, sources: tuple[str, ...] = tuple(SOURCES)) -> list[str]:
    """``n`` short texts, round-robin over ``sources`` (one from each in turn), cycled if needed."""
    if n <= 0:
        return []
    pools = [SOURCES[name]() for name in sources]
    pools = [p for p in pools if p]
    if not pools:
        raise DataMissingError("no texts in the selected sources")
    longest = max(len(p) for p in pools)
    mixed = [p[i] for i in range(longest) for p in pools if i < len(p)]
    return list(islice(cycle(mixed), n))


Turns = list[tuple[str, str]]


def conversations(n_turns: int, speakers: tuple[str, str] = ("A", "B")) -> list[Turns]:
    """DailyDialog dialogues as ``[(speaker, text), ...]`` with alternating speakers, ``n_turns``
    turns in all (the last dialogue is cut short; the corpus is cycled if it runs out)."""
    result: list[Turns] = []
    left = n_turns
    for dialogue in cycle(dailydialog_dialogues()):
        if left <= 0:
            break
        turns = [(speakers[i % 2], text) for i, text in enumerate(dialogue[:left])]
        result.append(turns)
        left -= len(turns)
    return result


def session_texts(n: int) -> list[str]:
    """``n`` turn texts from ESConv support dialogues in order (a stand-in for a therapy session),
    cycling if needed."""
    pool = esconv_turns()
    if not pool:
        raise DataMissingError("no ESConv turns")
    return list(islice(cycle(pool), n))


if __name__ == "__main__":
    import argparse

    parser = argparse.ArgumentParser(description="Print the size of each source and COUNT mixed "
                                     "texts, as the benchmarks get them.")
    parser.add_argument("count", metavar="COUNT", type=int, nargs="?", default=10,
                        help="how many texts to print (default 10)")
    count = parser.parse_args().count
    if count < 0:
        parser.error("COUNT must be 0 or more")
    require_data()
    for name, load in SOURCES.items():
        print(f"{name:12} {len(load()):>7} texts")
    for text in texts(count):
        print(f"  {text}")
    print(f"conversations(100): {[len(c) for c in conversations(100)]}")
