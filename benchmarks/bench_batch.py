"""``mend batch`` throughput and memory: 1 process, 2 processes and a 2-worker local Dask cluster.

Builds a JSON Lines corpus of 40-turn conversations from the shared data's texts (DailyDialog,
EmoryNLP, MELD, GoEmotions, ESConv utterances, cycled in a fixed order), runs the rules mode over it
with each executor side by side, then the full mode on a smaller sample. Peak memory is the largest
resident set of the driver plus all its child processes, sampled every 50 ms.

    python benchmarks/bench_batch.py --turns 1000000 --full-turns 20000
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from common import print_machine, write_json
from texts import require_data, texts

TURNS_PER_CONVERSATION = 40


def build_corpus(path: Path, n_turns: int) -> None:
    pool = texts(min(n_turns, 200_000))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_turns):
            cid, t = divmod(i, TURNS_PER_CONVERSATION)
            handle.write(json.dumps({"conversation_id": f"conv-{cid:07d}", "speaker": "AB"[t % 2],
                                     "text": pool[i % len(pool)]}) + "\n")


class PeakMemory:
    """Peak RSS of this process and its children (psutil), sampled in a thread."""

    def __init__(self) -> None:
        import psutil

        self.me = psutil.Process()
        self.peak = 0
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import psutil

        while not self.stop.is_set():
            total = 0
            try:
                procs = [self.me, *self.me.children(recursive=True)]
                for p in procs:
                    try:
                        total += p.memory_info().rss
                    except psutil.Error:
                        continue
            except psutil.Error:
                pass
            self.peak = max(self.peak, total)
            time.sleep(0.05)

    def __enter__(self) -> PeakMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop.set()
        self.thread.join()


def run_once(source: Path, mode: str, label: str, **settings: Any) -> dict[str, Any]:
    from mendkit.batch import BatchSettings, run_batch

    out = Path(tempfile.mkdtemp(prefix="mend-bench-out-"))
    try:
        with PeakMemory() as memory:
            report = run_batch(source, out / "o", BatchSettings(mode=mode, **settings))  # type: ignore[arg-type]
        figures = {"executor": label, "mode": mode, "turns": report.turns,
                   "seconds": round(report.seconds, 2),
                   "turns_per_s": round(report.turns_per_second),
                   "peak_rss_mb": round(memory.peak / 2**20)}
    finally:
        shutil.rmtree(out, ignore_errors=True)
    print(f"  {label:<22} {mode:<5} {figures['turns']:>9,} turns  {figures['seconds']:>7.1f} s  "
          f"{figures['turns_per_s']:>7,} turns/s  peak {figures['peak_rss_mb']:>5} MB", flush=True)
    return figures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=1_000_000, help="rules-mode turns (1,000,000)")
    parser.add_argument("--small", type=int, default=100_000,
                        help="the smaller rules-mode input, for memory growth (100,000)")
    parser.add_argument("--full-turns", type=int, default=20_000, help="full-mode turns (20,000)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    require_data()
    print("== mend batch: executors side by side")
    info = print_machine()
    work = Path(tempfile.mkdtemp(prefix="mend-bench-"))
    rows: list[dict[str, Any]] = []
    try:
        executors = (("1 process", {"workers": 1}), ("2 processes", {"workers": 2}),
                     ("Dask local, 2 workers", {"dask_local": 2}))
        for n in (args.small, args.turns):
            source = work / f"corpus-{n}.jsonl"
            build_corpus(source, n)
            print(f"rules mode, {n:,} turns ({source.stat().st_size / 2**20:.0f} MB of JSON Lines):")
            for label, settings in executors:
                rows.append(run_once(source, "rules", label, chunk=32, **settings))
            source.unlink()
        source = work / "full.jsonl"
        build_corpus(source, args.full_turns)
        print(f"full mode, {args.full_turns:,} turns:")
        for label, settings in executors:
            rows.append(run_once(source, "full", label, chunk=8, **settings))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    write_json(args.json, {"machine": info, "runs": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
