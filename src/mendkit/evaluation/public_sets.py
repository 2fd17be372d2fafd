"""Readers for the public benchmarks of ``mend eval`` (``../shared/data``; see its README).

Each reader takes a dataset's folder, parses the files exactly as the source repository published
them (standard library only), and raises ``FileNotFoundError`` when a file it needs is missing. These
sets are *eval-only* or measured only: nothing here feeds training.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final, TypeVar

from mendkit.errors import InvalidInputError

T = TypeVar("T")

UCC_ATTRIBUTES: Final = ("hostile", "antagonize", "dismissive", "condescending")
UCC_TEST: Final = "corpus__test.csv"
UCC_BERT: Final = "notebooks__bert_labels_full.csv"
EPITOME_FILES: Final = {
    "emotional reactions": "dataset__emotional-reactions-reddit.csv",
    "interpretations": "dataset__interpretations-reddit.csv",
    "explorations": "dataset__explorations-reddit.csv",
}
ESCONV_TEST: Final = "hf_test.jsonl"
MI_GOLD: Final = "mi_gold_test_with_predictions.csv"
GOEMOTIONS_TEST: Final = "data__original__test.tsv"
GOEMOTIONS_LABELS: Final = "data__original__labels.txt"
EPITOME_COLUMNS: Final = ("sp_id", "rp_id", "seeker_post", "response_post", "level")
CGA_FILES: Final = {"wikipedia": "cga_wiki_base_valid.jsonl", "reddit-cmv": "cga_cmv_base_valid.jsonl"}


@dataclass(frozen=True, slots=True)
class UccComment:
    unit_id: str
    text: str
    gold: Mapping[str, bool]
    bert: Mapping[str, float] | None  # the authors' BERT test scores, when their file is present


@dataclass(frozen=True, slots=True)
class EpitomePair:
    seeker: str
    response: str
    levels: Mapping[str, int]  # 0, 1 or 2 for each of EPITOME_FILES


@dataclass(frozen=True, slots=True)
class EsconvTurn:
    speaker: str  # "seeker" or "supporter"
    text: str
    strategy: str | None  # supporter turns only, as spelled in the file ("Question", ...)


@dataclass(frozen=True, slots=True)
class MiResponse:
    text: str
    gold: str  # an MI code, e.g. "Confront"
    predicted: str | None  # the authors' classifier, when the file has its column


@dataclass(frozen=True, slots=True)
class CgaConversation:
    id: str
    turns: tuple[str, ...]  # the comments before the last one (the last is not given as text)
    derails: bool


def _need(path: Path) -> Path:
    if not path.is_file():
        raise FileNotFoundError(2, "no such file", str(path))
    return path


def _bad(message: str, path: Path, line: int | None = None) -> InvalidInputError:
    return InvalidInputError(message, source=str(path), line=line)


def _found(value: object) -> str:
    return "none" if value is None else json.dumps(value)[:40]


def _csv_rows(path: Path, columns: Sequence[str]) -> Iterator[tuple[int, dict[str, str]]]:
    """Each row with the number of its (last) line; every one of ``columns`` must be there."""
    with _need(path).open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        header = reader.fieldnames or []
        for name in columns:
            if name not in header:
                raise _bad(f'expected a column "{name}" in the header', path, 1)
        for record in reader:
            for name in columns:
                if record.get(name) is None:
                    raise _bad(f'expected a value in column "{name}"', path, reader.line_num)
            yield reader.line_num, record


def _number(record: Mapping[str, str], name: str, path: Path, line: int) -> float:
    try:
        return float(record[name] or 0)
    except ValueError:
        raise _bad(f'expected a number in column "{name}", found {_found(record[name])}',
                   path, line) from None


def _jsonl(path: Path) -> Iterator[tuple[int, dict[str, object]]]:
    with _need(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            try:
                record = json.loads(line.rstrip("\r\n"))
            except json.JSONDecodeError as exc:
                raise _bad(f"not valid JSON: {exc.msg} at column {exc.colno}", path,
                           number) from None
            if not isinstance(record, dict):
                raise _bad(f"expected a JSON object, found {_found(record)}", path, number)
            yield number, record


def _field(record: Mapping[str, object], name: str, path: Path, line: int,
           where: str = "") -> object:
    if name not in record:
        raise _bad(f'expected {where}a field "{name}"', path, line)
    return record[name]


def _some(items: list[T], path: Path, why: str = "the file holds none") -> list[T]:
    """``items``, refused when there are none: an empty file has nothing to score."""
    if not items:
        raise _bad(f"no items to score ({why})", path)
    return items


def _flag(record: Mapping[str, str], name: str, path: Path, line: int) -> bool:
    return _number(record, name, path, line) >= 0.5


def _british(name: str, header: Sequence[str]) -> str:
    """``name``, or its British spelling where the file uses it (the BERT file says
    ``antagonise``)."""
    other = name.replace("antagonize", "antagonise")
    return other if name not in header and other in header else name


def _header(path: Path) -> list[str]:
    with _need(path).open(encoding="utf-8", newline="") as handle:
        return next(csv.reader(handle), [])


def read_ucc(folder: Path) -> list[UccComment]:
    """The Unhealthy Comments test split, joined by ``_unit_id`` with the authors' BERT scores."""
    bert: dict[str, dict[str, float]] | None = None
    bert_path, test = folder / UCC_BERT, folder / UCC_TEST
    if bert_path.is_file():
        header = _header(bert_path)
        columns = {a: _british(f"pred_{a}", header) for a in UCC_ATTRIBUTES}
        bert = {row["_unit_id"]: {a: _number(row, c, bert_path, line) for a, c in columns.items()}
                for line, row in _csv_rows(bert_path, ["_unit_id", *columns.values()])}
    header = _header(test)
    columns = {a: _british(a, header) for a in UCC_ATTRIBUTES}
    return _some([
        UccComment(unit_id=row["_unit_id"], text=row["comment"],
                   gold={a: _flag(row, c, test, line) for a, c in columns.items()},
                   bert=None if bert is None else bert.get(row["_unit_id"]))
        for line, row in _csv_rows(test, ["_unit_id", "comment", *columns.values()])
    ], test)


def read_epitome(folder: Path) -> list[EpitomePair]:
    """Post/response pairs found in all three EPITOME files, keyed by ``(sp_id, rp_id)``.

    A pair listed twice in a file (a few are) keeps its highest level.
    """
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    levels: dict[str, dict[tuple[str, str], int]] = {}
    for name, filename in EPITOME_FILES.items():
        found = levels.setdefault(name, {})
        path = folder / filename
        for line, row in _csv_rows(path, EPITOME_COLUMNS):
            key = (row["sp_id"], row["rp_id"])
            texts.setdefault(key, (row["seeker_post"], row["response_post"]))
            if row["level"].strip() not in ("0", "1", "2"):
                raise _bad(f'expected a level of 0, 1 or 2 in column "level", found '
                           f"{_found(row['level'])}", path, line)
            found[key] = max(found.get(key, 0), int(row["level"]))
    return _some([
        EpitomePair(seeker=seeker, response=response,
                    levels={name: levels[name][key] for name in EPITOME_FILES})
        for key, (seeker, response) in texts.items()
        if all(key in levels[name] for name in EPITOME_FILES)
    ], folder, "no post and response is in all three files")


def read_esconv_test(folder: Path) -> list[tuple[EsconvTurn, ...]]:
    """The 195 test dialogues of the official 910/195/195 split (``hf_test.jsonl``)."""
    path = folder / ESCONV_TEST
    dialogues = []
    for number, record in _jsonl(path):
        raw = _field(record, "dialog", path, number)
        if not isinstance(raw, list):
            raise _bad(f'expected "dialog" to be a list of turns, found {_found(raw)}', path,
                       number)
        turns = []
        for item in raw:
            if not isinstance(item, dict):
                raise _bad(f'expected each turn of "dialog" to be an object, found '
                           f"{_found(item)}", path, number)
            text = str(item.get("text", "")).strip()
            if not text:
                continue
            supporter = _field(item, "speaker", path, number, "each turn to have ") == "sys"
            strategy = item.get("strategy") if supporter else None
            turns.append(EsconvTurn(speaker="supporter" if supporter else "seeker", text=text,
                                    strategy=str(strategy) if strategy else None))
        if turns:
            dialogues.append(tuple(turns))
    return _some(dialogues, path)


def read_mi_gold(folder: Path) -> list[MiResponse]:
    """The gold-labelled MI test responses, with the authors' classifier's prediction."""
    path = folder / MI_GOLD
    return _some([
        MiResponse(text=row["Text"], gold=row["Ground truth"].strip(),
                   predicted=(row.get("Prediction") or "").strip() or None)
        for _, row in _csv_rows(path, ["Text", "Ground truth"])
        if row["Text"].strip()
    ], path)


def read_goemotions_test(folder: Path) -> list[tuple[str, frozenset[str]]]:
    """The official GoEmotions test split: (text, emotion names), ids mapped by ``labels.txt``."""
    names = _need(folder / GOEMOTIONS_LABELS).read_text(encoding="utf-8").split()
    path = folder / GOEMOTIONS_TEST
    out = []
    with _need(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2:
                raise _bad("expected text<TAB>label ids<TAB>id", path, number)
            ids = fields[1].split(",")
            for i in ids:
                if not (i.strip().isdigit() and int(i) < len(names)):
                    raise _bad(f"label id {i} is not in {GOEMOTIONS_LABELS} "
                               f"(0-{len(names) - 1})", path, number)
            out.append((fields[0], frozenset(names[int(i)] for i in ids)))
    return _some(out, path)


def read_cga(path: Path) -> list[CgaConversation]:
    """One CGA validation file: the comments before the last one (``src``, split at ``[SEP]``)
    and whether the conversation derails (``tgt``). ``reply`` (word-piece ids) is not read."""
    out: list[CgaConversation] = []
    for number, record in _jsonl(path):
        src, tgt = _field(record, "src", path, number), _field(record, "tgt", path, number)
        turns = tuple(t.strip() for t in str(src).split("[SEP]") if t.strip())
        if turns:
            out.append(CgaConversation(id=str(record.get("convo_id", len(out))), turns=turns,
                                       derails=bool(tgt)))
    return _some(out, path)
