"""``mend eval`` on public benchmarks: for each, our figure next to the published anchor
(``../shared/data/README.md``) and a note where the split, the task or the label mapping differs.

The sets are measured only, never trained on. Big sets are sampled with a fixed seed (``SEED``) so that
a full-mode run stays within a few minutes on two cores; the note says when a row is a sample.
A benchmark whose files are missing gives one row saying "data not found", never an exception.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from typing import Final

from mendkit.analysis.pipeline import Mode, analyze_conversation
from mendkit.errors import InvalidInputError
from mendkit.evaluation.public_metrics import (
    SEED,
    PublicRow,
    accuracy,
    f1,
    missing,
    roc_auc,
    row,
    sample,
)
from mendkit.evaluation.public_sets import (
    CGA_FILES,
    UCC_BERT,
    EsconvTurn,
    read_cga,
    read_epitome,
    read_esconv_test,
    read_goemotions_test,
    read_mi_gold,
    read_ucc,
)
from mendkit.model import Conversation, TurnAnalysis
from mendkit.models.classifier import available, classifier_dir

__all__ = ["DEFAULT_LIMITS", "SEED", "PublicRow", "accuracy", "f1", "find_shared_data", "roc_auc",
           "run_public", "skipped_because"]

CONFRONTATION: Final = "rupture.confrontation"
INVALIDATION: Final = "rupture.invalidation"
VALIDATE: Final = "repair.validate"
ACKNOWLEDGE: Final = "repair.acknowledge"
FEELING: Final = "repair.feeling"
RESPONSIBILITY: Final = "repair.responsibility"
RECONNECT: Final = "reconnect"

#: Items scored per benchmark (None: all); ESConv counts dialogues, CGA conversations.
DEFAULT_LIMITS: Final[Mapping[str, int | None]] = {
    "ucc": None, "epitome": 1500, "esconv": None, "mi": None, "goemotions": None,
    "cga-wikipedia": None, "cga-reddit-cmv": 600,
}
UCC_TARGETS: Final = {"hostile": CONFRONTATION, "antagonize": CONFRONTATION,
                      "dismissive": INVALIDATION, "condescending": INVALIDATION}
UCC_PUBLISHED: Final = {"hostile": 0.84, "antagonize": 0.82, "dismissive": 0.82, "condescending": 0.78}
EPITOME_TARGETS: Final = (("emotional reactions", VALIDATE), ("interpretations", VALIDATE),
                          ("explorations", ACKNOWLEDGE))
ESCONV_STRATEGIES: Final = {
    "reflection of feelings": VALIDATE, "restatement or paraphrasing": VALIDATE,
    "self-disclosure": FEELING, "question": ACKNOWLEDGE, "affirmation and reassurance": RECONNECT,
}
MI_TARGETS: Final = ((("Confront",), CONFRONTATION), (("Affirm", "Support"), VALIDATE))
GOEMOTIONS_CUES: Final = ((("remorse",), RESPONSIBILITY),
                          (("gratitude", "approval", "caring"), RECONNECT),
                          (("annoyance", "disapproval", "anger"), CONFRONTATION))
CRAFT: Final = {"accuracy": 0.648, "F1": 0.665}

Runner = Callable[[Path, Mode, Mapping[str, int | None]], list[PublicRow]]


def find_shared_data(start: Path | None = None) -> Path | None:
    """The public data folder: ``$MEND_SHARED_DATA`` if set, else ``../shared/data`` beside the
    repository root (the folder with ``data/corpus/GUIDE.md``, from ``start`` upwards; without
    ``start``, from the current directory upwards, then the checkout Mend itself runs from, as for
    the corpus). None when there is none or ``$MEND_SHARED_DATA`` is set but empty
    (:func:`skipped_because` says which).

    Raises InvalidInputError when ``$MEND_SHARED_DATA`` names something that is not a folder: a
    typo there must not make the public scoreboard vanish without a word.
    """
    env = os.environ.get("MEND_SHARED_DATA")
    if env is not None:
        if not env.strip():
            return None
        path = Path(env).expanduser()
        if not path.is_dir():
            raise InvalidInputError(("is a file, not a folder" if path.exists() else
                                     "no such folder") + " ($MEND_SHARED_DATA should name the "
                                    "public data folder; set it empty to skip the public "
                                    "benchmarks)", source=str(path))
        return path
    here = (start or Path.cwd()).resolve()
    places = [here, *here.parents]
    if start is None:  # from the current folder: the same fallback as the corpus's
        places.append(Path(__file__).resolve().parents[3])  # src/mendkit/evaluation/public.py
    for folder in places:
        if (folder / "data" / "corpus" / "GUIDE.md").is_file():
            candidate = folder.parent / "shared" / "data"
            if candidate.is_dir():
                return candidate
    return None


def skipped_because() -> str:
    """Why :func:`find_shared_data` found no folder, in words for "public benchmarks skipped"."""
    env = os.environ.get("MEND_SHARED_DATA")
    if env is not None and not env.strip():
        return "MEND_SHARED_DATA is set empty"
    return "no shared data found (pass --data PATH or set $MEND_SHARED_DATA)"


def _analyse(turns: Sequence[tuple[str, str]], mode: Mode) -> tuple[TurnAnalysis, ...]:
    return analyze_conversation(Conversation.from_turns(turns), mode=mode).turns


def _one(text: str, mode: Mode) -> TurnAnalysis:
    return _analyse([("writer", text)], mode)[0]


def _ucc(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
    name = "Unhealthy Comments test"
    chosen, how = sample(read_ucc(folder), limits.get("ucc"))
    scores = [_one(c.text, mode).scores for c in chosen]
    with_bert = bool(chosen) and all(c.bert is not None for c in chosen)
    rows = []
    for attribute, label in UCC_TARGETS.items():
        gold = [c.gold[attribute] for c in chosen]
        ours = roc_auc(gold, [s.get(label, 0.0) for s in scores])
        if with_bert:
            anchor = roc_auc(gold, [c.bert[attribute] for c in chosen if c.bert is not None])
            source = f"authors' BERT, recomputed from {UCC_BERT} on the same comments"
            where = ""
        else:
            anchor, source = UCC_PUBLISHED[attribute], "published (repository README)"
            where = "anchor published on the full test split"
        rows.append(row(name, f"ROC-AUC {attribute} ~ {label}", ours, len(chosen),
                        f"{sum(gold)} positive", how, where, anchor=anchor, anchor_source=source))
    return rows


def _epitome(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
    chosen, how = sample(read_epitome(folder), limits.get("epitome"))
    predicted = []
    for pair in chosen:
        turns = [("seeker", pair.seeker)] if pair.seeker.strip() else []
        predicted.append(set(_analyse([*turns, ("responder", pair.response)], mode)[-1].labels))
    rows = []
    for dimension, label in EPITOME_TARGETS:
        gold = [p.levels[dimension] >= 1 for p in chosen]
        rows.append(row("EPITOME (Reddit)", f"F1 {dimension} >= 1 ~ {label}",
                        f1(gold, [label in p for p in predicted]), len(chosen),
                        f"{sum(gold)} positive", how,
                        "no official split; response scored after the seeker post; "
                        "no anchor (the paper's task: 3 levels)"))
    return rows


def _strategy_label(strategy: str | None) -> str | None:
    if not strategy:
        return None
    key = strategy.strip("[] ").lower()
    if key.startswith("question"):
        key = "question"
    elif key.startswith("restatement"):
        key = "restatement or paraphrasing"
    return ESCONV_STRATEGIES.get(key)


def _esconv(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
    chosen, how = sample(read_esconv_test(folder), limits.get("esconv"))
    pairs: list[tuple[str | None, set[str]]] = []
    for dialogue in chosen:
        analysed = _analyse([(t.speaker, t.text) for t in dialogue], mode)
        pairs.extend((_strategy_label(t.strategy), set(a.labels))
                     for t, a in zip(dialogue, analysed, strict=True) if _supporter(t))
    rows = []
    for label in (VALIDATE, FEELING, ACKNOWLEDGE, RECONNECT):
        gold = [g == label for g, _ in pairs]
        strategies = ", ".join(s for s, x in ESCONV_STRATEGIES.items() if x == label)
        caveat = " (a loose match: reassurance is not reconnection)" if label == RECONNECT else ""
        rows.append(row("ESConv test", f"F1 {label}", f1(gold, [label in p for _, p in pairs]),
                        len(pairs), f"gold: {strategies}{caveat}; supporter turns of "
                        f"{len(chosen)} dialogues", how,
                        "published 28.6-42.0% is next-strategy accuracy: not comparable"))
    return rows


def _supporter(turn: EsconvTurn) -> bool:
    return turn.speaker == "supporter"


def _mi(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
    chosen, how = sample(read_mi_gold(folder), limits.get("mi"))
    predicted = [set(_one(r.text, mode).labels) for r in chosen]
    with_theirs = bool(chosen) and all(r.predicted is not None for r in chosen)
    rows = []
    for codes, label in MI_TARGETS:
        gold = [r.gold in codes for r in chosen]
        anchor = f1(gold, [r.predicted in codes for r in chosen]) if with_theirs else None
        rows.append(row("MI gold test", f"F1 {'+'.join(codes)} ~ {label}",
                        f1(gold, [label in p for p in predicted]), len(chosen),
                        f"{sum(gold)} positive", how,
                        "its published 15-code accuracy: 0.683",
                        anchor=anchor,
                        anchor_source="the authors' classifier, same F1 recomputed from their "
                        "predictions" if with_theirs else ""))
    return rows


def trained_on(source: str) -> bool:
    """Whether the shipped classifier learned from ``source``'s (train-split) labels."""
    if not available():
        return False
    meta = json.loads((classifier_dir() / "classifier.json").read_text(encoding="utf-8"))
    public = meta.get("training", {}).get("public") or {}
    return source in public.get("sources", ())


def _goemotions(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
    chosen, how = sample(read_goemotions_test(folder), limits.get("goemotions"))
    seen = ("in-domain: the model trained on GoEmotions train, mapped this way"
            if mode == "full" and trained_on("goemotions") else "")
    predicted = [set(_one(text, mode).labels) for text, _ in chosen]
    rows = []
    for emotions, label in GOEMOTIONS_CUES:
        gold = [bool(set(emotions) & names) for _, names in chosen]
        alone = ("a lone comment rarely gets reconnect: it answers a rupture or a repair"
                 if label == RECONNECT else "")
        rows.append(row("GoEmotions test", f"F1 {'/'.join(emotions)} ~ {label}",
                        f1(gold, [label in p for p in predicted]), len(chosen),
                        f"{sum(gold)} positive", how, alone, seen,
                        "published BERT macro-F1 0.503 (28 labels: 27 emotions and neutral) "
                        "is not comparable"))
    return rows


def _cga(key: str) -> Runner:
    def run(folder: Path, mode: Mode, limits: Mapping[str, int | None]) -> list[PublicRow]:
        chosen, how = sample(read_cga(folder / CGA_FILES[key]), limits.get(f"cga-{key}"))
        gold, predicted = [], []
        for convo in chosen:
            # Speakers are not given: alternate two names. The last reply is never read.
            turns = [("A" if i % 2 == 0 else "B", text) for i, text in enumerate(convo.turns)]
            analysed = _analyse(turns, mode)
            gold.append(convo.derails)
            predicted.append(any({CONFRONTATION, INVALIDATION} & set(t.labels) for t in analysed))
        name = f"CGA {'Wikipedia' if key == 'wikipedia' else 'Reddit CMV'} validation"
        rule = ("predicts derails when a turn before the last has a confrontation or "
                "invalidation label (rule fixed in advance); speakers unknown")
        base = sum(gold) / len(gold) if gold else 0.0
        rate = (f"predicted derails for {sum(predicted) / len(predicted):.0%}; always-yes F1 "
                f"{2 * base / (1 + base):.3f}") if gold else ""
        rows = []
        for metric, value in (("accuracy", accuracy(gold, predicted)), ("F1", f1(gold, predicted))):
            anchor = CRAFT[metric] if key == "wikipedia" else None
            rows.append(row(name, f"{metric} derails", value, len(chosen), rule, rate, how,
                            "full Wikipedia test in the paper; ours is the validation split: "
                            "not directly comparable" if anchor else "no anchor for this set",
                            anchor=anchor,
                            anchor_source="CRAFT (published)" if anchor is not None else ""))
        return rows

    return run


BENCHMARKS: Final[tuple[tuple[str, str, Runner], ...]] = (
    ("Unhealthy Comments test", "unhealthy-comments-corpus", _ucc),
    ("EPITOME (Reddit)", "epitome-empathy-reddit", _epitome),
    ("ESConv test", "esconv", _esconv),
    ("MI gold test", "mi-distress-support-welivita2023", _mi),
    ("GoEmotions test", "goemotions", _goemotions),
    ("CGA Wikipedia validation", "conversations-gone-awry-partial", _cga("wikipedia")),
    ("CGA Reddit CMV validation", "conversations-gone-awry-partial", _cga("reddit-cmv")),
)


def run_public(data_dir: Path, mode: Mode = "full", *,
               limits: Mapping[str, int | None] | None = None) -> list[PublicRow]:
    """Score every public benchmark found under ``data_dir``; ``limits`` overrides DEFAULT_LIMITS."""
    chosen = {**DEFAULT_LIMITS, **(limits or {})}
    rows: list[PublicRow] = []
    for name, folder, runner in BENCHMARKS:
        try:
            rows.extend(runner(data_dir / folder, mode, chosen))
        except FileNotFoundError as exc:
            rows.append(missing(name, str(exc.filename or data_dir / folder)))
        except InvalidInputError as exc:  # the readers name the file, the line and what they expected
            rows.append(row(name, "-", None, 0, f"could not read {exc}"))
        except (ValueError, KeyError, IndexError, TypeError, AttributeError, csv.Error,
                json.JSONDecodeError) as exc:  # a record not of the benchmark's shape
            rows.append(row(name, "-", None, 0, f"could not read {data_dir / folder}: "
                            f"{type(exc).__name__}: {exc}"))
    return rows
