"""Rules-engine throughput (turns per second), side by side with VADER on the same texts.

The engine analyses DailyDialog dialogues as whole conversations (``analyze(..., mode="rules")``),
so each turn is scored with the turns before it as context, and every call also finds episodes and
summarises safety. VADER scores the same texts one by one with ``polarity_scores``. VADER is a
familiar yardstick for "lexicon + rules over short texts", not a like-for-like competitor: it gives
one sentiment score per text, Mend gives labels with evidence spans per turn.

Each side gets one warm-up pass on a slice, then ``--repeats`` timed passes (alternating Mend and
VADER so drift hits both); the best pass counts. Building the inputs is not timed.

    .venv/bin/python benchmarks/bench_engine.py [--turns 40000] [--repeats 3] [--json out.json]
"""

from __future__ import annotations

import argparse
import gc
import sys
import time
from pathlib import Path
from typing import Any

from common import print_machine, write_json
from texts import conversations, require_data

WARMUP_TURNS = 2_000


def timed(fn: Any, *args: Any) -> tuple[float, Any]:
    gc.collect()
    start = time.perf_counter()
    result = fn(*args)
    return time.perf_counter() - start, result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40_000, help="turns (default 40000)")
    parser.add_argument("--repeats", type=int, default=3, help="timed passes each (default 3)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.turns <= 0 or args.repeats <= 0:
        parser.error("--turns and --repeats must be positive")

    require_data(("dailydialog",))
    try:
        from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer
    except ImportError:
        print("VADER is not installed: .venv/bin/pip install -e '.[dev]' (vaderSentiment==3.3.2)")
        return 1

    import mendkit
    from mendkit import Conversation, analyze

    print("== Rules engine vs VADER: throughput (both single-threaded)")
    info = print_machine()
    print(f"mendkit {mendkit.__version__}")

    dialogues = conversations(args.turns)
    convs = [Conversation.from_turns(d, id=f"dd-{i}") for i, d in enumerate(dialogues)]
    texts = [text for d in dialogues for _, text in d]
    n_turns = len(texts)
    print(f"input: {n_turns} turns in {len(convs)} DailyDialog dialogues "
          f"(mean {n_turns / len(convs):.1f} turns, {sum(map(len, texts)) / n_turns:.0f} chars)")

    def run_mend(items: list[Conversation]) -> int:
        labelled = 0
        for conversation in items:
            result = analyze(conversation, mode="rules")
            labelled += sum(1 for t in result.turns if t.labels)
        return labelled

    load_s, vader = timed(SentimentIntensityAnalyzer)

    def run_vader(items: list[str]) -> float:
        total = 0.0
        score = vader.polarity_scores
        for text in items:
            total += score(text)["compound"]
        return total

    # Warm-up: load and compile the rule sets, fill caches, settle the interpreter.
    warm, warm_texts, count = [], [], 0
    for conversation, dialogue in zip(convs, dialogues, strict=True):
        if count >= WARMUP_TURNS:
            break
        warm.append(conversation)
        warm_texts.extend(text for _, text in dialogue)
        count += len(dialogue)
    run_mend(warm)
    run_vader(warm_texts)

    mend_times: list[float] = []
    vader_times: list[float] = []
    labelled = 0
    for i in range(args.repeats):
        seconds, labelled = timed(run_mend, convs)
        mend_times.append(seconds)
        seconds_v, _ = timed(run_vader, texts)
        vader_times.append(seconds_v)
        print(f"  pass {i + 1}: mend {seconds:7.3f} s   vader {seconds_v:7.3f} s")

    mend_best, vader_best = min(mend_times), min(vader_times)
    mend_rate, vader_rate = n_turns / mend_best, n_turns / vader_best
    ratio = mend_rate / vader_rate
    print(f"mend  (rules, with context): {mend_rate:>10,.0f} turns/s  "
          f"(best of {args.repeats}: {mend_best:.3f} s; {labelled} turns got a label)")
    print(f"vader (polarity_scores):     {vader_rate:>10,.0f} turns/s  "
          f"(best of {args.repeats}: {vader_best:.3f} s; lexicon load {load_s * 1000:.0f} ms)")
    print(f"ratio mend/vader: {ratio:.2f}x")

    write_json(args.json, {
        "benchmark": "engine",
        "machine": info,
        "mendkit_version": mendkit.__version__,
        "turns": n_turns,
        "conversations": len(convs),
        "repeats": args.repeats,
        "mend_seconds": mend_times,
        "vader_seconds": vader_times,
        "mend_turns_per_s": mend_rate,
        "vader_turns_per_s": vader_rate,
        "ratio_mend_over_vader": ratio,
        "mend_labelled_turns": labelled,
    })
    return 0


if __name__ == "__main__":
    sys.exit(main())
