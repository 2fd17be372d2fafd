"""Per-turn latency of turn classifiers (onnxruntime, one thread, one turn per run), side by side.

The inputs are the dev-split turns of Mend's corpus (``data/corpus``), each paired with the turn
before it, exactly as ``mode="full"`` feeds the model (``TurnClassifier.probabilities``: tokenising
included). Each model is loaded with ``intra_op_num_threads=1``. Models take turns: every round
times each model once over all the turns (after one warm-up pass each), so drift hits all of them;
the table gives the median round. The last column runs the turns on two threads, one turn per run
each (as the pipeline does on a 2-core machine), for throughput.

    .venv/bin/python benchmarks/bench_classifier.py [FOLDER ...] [--rounds 5] [--json out.json]

With no folder it times the shipped classifier (``src/mendkit/models/classifier``).
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from common import print_machine, write_json

REPO = Path(__file__).resolve().parent.parent


def dev_pairs() -> list[tuple[str, str]]:
    from mendkit.evaluation import load_corpus

    corpus = load_corpus(REPO / "data" / "corpus").split("dev")
    return [(t.text, c.conversation.turns[t.index - 1].text if t.index else "")
            for c in corpus.conversations for t in c.conversation.turns]


def one_pass(model: Any, pairs: list[tuple[str, str]]) -> list[float]:
    """Milliseconds of each turn, one after another on this thread."""
    out = []
    for text, previous in pairs:
        start = time.perf_counter()
        model.probabilities(text, previous)
        out.append((time.perf_counter() - start) * 1000)
    return out


def two_threads(model: Any, pairs: list[tuple[str, str]]) -> float:
    """Turns per second with two threads, one turn per run each."""
    gc.collect()
    start = time.perf_counter()
    with ThreadPoolExecutor(2) as pool:
        list(pool.map(lambda pair: model.probabilities(*pair), pairs))
    return len(pairs) / (time.perf_counter() - start)


def main(argv: list[str] | None = None) -> int:
    from mendkit.models.classifier import TurnClassifier, classifier_dir

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folders", nargs="*", type=Path, help="model folders (default: shipped)")
    parser.add_argument("--rounds", type=int, default=5, help="timed rounds (default 5)")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args(argv)
    info = print_machine()
    folders = args.folders or [classifier_dir()]
    pairs = dev_pairs()
    # No cache of readings: every round reads every turn (the rounds repeat the same turns).
    models = [TurnClassifier.load(f, threads=1, cache_size=0) for f in folders]
    for model in models:
        one_pass(model, pairs[:100])
    times: list[list[list[float]]] = [[] for _ in models]
    for _ in range(args.rounds):
        for i, model in enumerate(models):
            gc.collect()
            times[i].append(one_pass(model, pairs))
    print(f"{len(pairs)} dev-split turns with their previous turn; {args.rounds} rounds; "
          "one thread, one turn per run")
    print(f"{'model':22s} {'folder':28s} {'layers':>6s} {'tokens':>6s} {'mean ms':>8s} "
          f"{'p50 ms':>7s} {'p95 ms':>7s} {'vs first':>8s} {'turns/s 2 thr':>13s}")
    rows = []
    for i, (folder, model) in enumerate(zip(folders, models, strict=True)):
        means = [statistics.fmean(r) for r in times[i]]
        mean = statistics.median(means)
        flat = sorted(min(times[i], key=lambda r: abs(statistics.fmean(r) - mean)))
        rows.append({"model": model.meta["model"], "folder": str(folder),
                     "layers": len(model.meta.get("training", {}).get("student", {})
                                   .get("layers", range(6))),
                     "max_tokens": model.meta["max_tokens"], "mean_ms": round(mean, 3),
                     "round_means_ms": [round(m, 3) for m in means],
                     "p50_ms": round(flat[len(flat) // 2], 3),
                     "p95_ms": round(flat[int(len(flat) * 0.95)], 3),
                     "turns_per_s_2_threads": round(two_threads(model, pairs), 1)})
    for row in rows:
        row["ratio"] = round(row["mean_ms"] / rows[0]["mean_ms"], 3)
        print(f"{row['model']:22s} {Path(row['folder']).name[:28]:28s} {row['layers']:>6d} "
              f"{row['max_tokens']:>6d} {row['mean_ms']:8.2f} {row['p50_ms']:7.2f} "
              f"{row['p95_ms']:7.2f} {row['ratio']:8.2f} {row['turns_per_s_2_threads']:13.0f}")
    if args.json:
        write_json(args.json, {"machine": info, "turns": len(pairs), "rounds": args.rounds,
                               "models": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
