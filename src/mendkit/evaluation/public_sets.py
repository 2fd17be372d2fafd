"""Readers for the public benchmarks of ``mend eval`` (``../shared/data``; see its README).

Each reader takes a dataset's folder, parses the files exactly as the source repository published
them (standard library only), and raises ``FileNotFoundError`` when a file it needs is missing. These
sets are *eval-only* or measured only: nothing here feeds training.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Final

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


def _csv_rows(path: Path) -> Iterator[dict[str, str]]:
    with _need(path).open(encoding="utf-8", newline="") as handle:
        yield from csv.DictReader(handle)


def _jsonl(path: Path) -> Iterator[dict[str, object]]:
    with _need(path).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if line.strip():
                record = json.loads(line)
                if not isinstance(record, dict):
                    raise ValueError(f"{path}:{number}: expected a JSON object")
                yield record


def _flag(value: str) -> bool:
    return float(value or 0) >= 0.5


def _column(row: Mapping[str, str], name: str) -> str:
    """``row[name]``, also under the British spelling (the BERT file says ``antagonise``)."""
    if name in row:
        return row[name]
    return row[name.replace("antagonize", "antagonise")]


def read_ucc(folder: Path) -> list[UccComment]:
    """The Unhealthy Comments test split, joined by ``_unit_id`` with the authors' BERT scores."""
    bert: dict[str, dict[str, float]] | None = None
    if (folder / UCC_BERT).is_file():
        bert = {row["_unit_id"]: {a: float(_column(row, f"pred_{a}")) for a in UCC_ATTRIBUTES}
                for row in _csv_rows(folder / UCC_BERT)}
    return [
        UccComment(unit_id=row["_unit_id"], text=row["comment"],
                   gold={a: _flag(_column(row, a)) for a in UCC_ATTRIBUTES},
                   bert=None if bert is None else bert.get(row["_unit_id"]))
        for row in _csv_rows(folder / UCC_TEST)
    ]


def read_epitome(folder: Path) -> list[EpitomePair]:
    """Post/response pairs found in all three EPITOME files, keyed by ``(sp_id, rp_id)``.

    A pair listed twice in a file (a few are) keeps its highest level.
    """
    texts: dict[tuple[str, str], tuple[str, str]] = {}
    levels: dict[str, dict[tuple[str, str], int]] = {}
    for name, filename in EPITOME_FILES.items():
        found = levels.setdefault(name, {})
        for row in _csv_rows(folder / filename):
            key = (row["sp_id"], row["rp_id"])
            texts.setdefault(key, (row["seeker_post"], row["response_post"]))
            found[key] = max(found.get(key, 0), int(row["level"]))
    return [
        EpitomePair(seeker=seeker, response=response,
                    levels={name: levels[name][key] for name in EPITOME_FILES})
        for key, (seeker, response) in texts.items()
        if all(key in levels[name] for name in EPITOME_FILES)
    ]


def read_esconv_test(folder: Path) -> list[tuple[EsconvTurn, ...]]:
    """The 195 test dialogues of the official 910/195/195 split (``hf_test.jsonl``)."""
    dialogues = []
    for record in _jsonl(folder / ESCONV_TEST):
        raw = record["dialog"]
        if not isinstance(raw, list):
            raise ValueError("ESConv: expected a list under 'dialog'")
        turns = []
        for item in raw:
            text = str(item.get("text", "")).strip()
            if not text:
                continue
            supporter = item["speaker"] == "sys"
            strategy = item.get("strategy") if supporter else None
            turns.append(EsconvTurn(speaker="supporter" if supporter else "seeker", text=text,
                                    strategy=str(strategy) if strategy else None))
        if turns:
            dialogues.append(tuple(turns))
    return dialogues


def read_mi_gold(folder: Path) -> list[MiResponse]:
    """The gold-labelled MI test responses, with the authors' classifier's prediction."""
    return [
        MiResponse(text=row["Text"], gold=row["Ground truth"].strip(),
                   predicted=(row.get("Prediction") or "").strip() or None)
        for row in _csv_rows(folder / MI_GOLD)
        if row["Text"].strip()
    ]


def read_goemotions_test(folder: Path) -> list[tuple[str, frozenset[str]]]:
    """The official GoEmotions test split: (text, emotion names), ids mapped by ``labels.txt``."""
    names = _need(folder / GOEMOTIONS_LABELS).read_text(encoding="utf-8").split()
    out = []
    with _need(folder / GOEMOTIONS_TEST).open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, 1):
            if not line.strip():
                continue
            fields = line.rstrip("\n").split("\t")
            if len(fields) < 2:
                raise ValueError(f"{folder / GOEMOTIONS_TEST}:{number}: expected text<TAB>ids")
            out.append((fields[0], frozenset(names[int(i)] for i in fields[1].split(","))))
    return out


def read_cga(path: Path) -> list[CgaConversation]:
    """One CGA validation file: the comments before the last one (``src``, split at ``[SEP]``)
    and whether the conversation derails (``tgt``). ``reply`` (word-piece ids) is not read."""
    out: list[CgaConversation] = []
    for record in _jsonl(path):
        turns = tuple(t.strip() for t in str(record["src"]).split("[SEP]") if t.strip())
        if turns:
            out.append(CgaConversation(id=str(record.get("convo_id", len(out))), turns=turns,
                                       derails=bool(record["tgt"])))
    return out
