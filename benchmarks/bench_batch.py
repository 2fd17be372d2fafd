"""``mend batch`` throughput and memory: 1 process, 2 processes and a 2-worker local Dask cluster.

Builds a JSON Lines corpus of 40-turn conversations from the shared data's texts (DailyDialog,
EmoryNLP, MELD, GoEmotions, ESConv utterances, cycled in a fixed order), runs the rules mode over it
with each executor side by side, then the full mode on a smaller sample.

Each run is a fresh Python process (so one run's leftovers, or this script's own corpus building,
never count against the next), watched from here. Peak memory is that run's whole process tree:
the driver and every worker (the process pool, or Dask's workers; the local cluster's scheduler
and nannies live in the driver process). ``CPU: driver`` is the CPU time the driver process used
(with the import of Mend, and for Dask the scheduler's work); ``all`` adds every worker's. On a
machine shared with other work, wall-clock figures swing with the load, CPU times much less.
Two figures are sampled every 200 ms: ``peak_pss_mb``, the sum of proportional set sizes (shared
pages such as Python and the libraries split between the processes that map them: the honest
total), and ``peak_rss_mb``, the sum of resident sets (counts shared pages once per process, so
it overstates the total; it is what ``top`` adds up to).

    python benchmarks/bench_batch.py                        # 100k and 1M turns, full mode 100k
    python benchmarks/bench_batch.py --sizes 100000 --full-turns 0
    python benchmarks/bench_batch.py --sizes 10000 --modes full --executors 1,2

On a shared or busy machine, ``--repeat 3`` runs the executors in turn three times (so a burst of
someone else's load hits them alike) and prints every run; the summary takes each executor's
fastest run and its largest peak.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import print_machine, write_json
from texts import require_data, texts

TURNS_PER_CONVERSATION = 40
EXECUTORS = {"1": ("1 process", {"workers": 1}), "2": ("2 processes", {"workers": 2}),
             "dask": ("Dask local, 2 workers", {"dask_local": 2})}


def build_corpus(path: Path, n_turns: int) -> None:
    pool = texts(min(n_turns, 200_000))
    with path.open("w", encoding="utf-8") as handle:
        for i in range(n_turns):
            cid, t = divmod(i, TURNS_PER_CONVERSATION)
            handle.write(json.dumps({"conversation_id": f"conv-{cid:07d}", "speaker": "AB"[t % 2],
                                     "text": pool[i % len(pool)]}) + "\n")


class TreeWatch:
    """Samples a process tree: peak memory (sums of RSS and of PSS) and CPU time per process."""

    def __init__(self, pid: int) -> None:
        import psutil

        self.root = psutil.Process(pid)
        self.peak_rss = self.peak_pss = 0
        self.cpu: dict[int, float] = {}  # pid -> user + system seconds, last seen

    def sample(self) -> None:
        import psutil

        rss = pss = 0
        try:
            procs = [self.root, *self.root.children(recursive=True)]
        except psutil.Error:
            return
        for proc in procs:
            try:
                with proc.oneshot():
                    info = proc.memory_full_info()
                    times = proc.cpu_times()
            except psutil.Error:
                continue
            rss += info.rss
            pss += getattr(info, "pss", info.rss)
            self.cpu[proc.pid] = times.user + times.system
        self.peak_rss, self.peak_pss = max(self.peak_rss, rss), max(self.peak_pss, pss)


def run_once(source: Path, mode: str, label: str, settings: dict[str, Any]) -> dict[str, Any]:
    """One ``run_batch`` in a child process, its process tree sampled from here."""
    out = Path(tempfile.mkdtemp(prefix="mend-bench-out-"))
    try:
        child = subprocess.Popen(
            [sys.executable, __file__, "--child", str(source), str(out / "o"), mode,
             json.dumps(settings)], stdout=subprocess.PIPE, text=True)
        watch = TreeWatch(child.pid)
        while child.poll() is None:
            watch.sample()
            time.sleep(0.2)
        stdout, _ = child.communicate()
        if child.returncode != 0:
            raise SystemExit(f"the {label} run failed (exit {child.returncode})")
        report = json.loads(stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(out, ignore_errors=True)
    figures = {"executor": label, "mode": mode, "turns": report["turns"],
               "seconds": round(report["seconds"], 2),
               "turns_per_s": round(report["turns"] / report["seconds"]),
               "peak_pss_mb": round(watch.peak_pss / 2**20),
               "peak_rss_mb": round(watch.peak_rss / 2**20),
               "driver_cpu_s": round(watch.cpu.get(child.pid, 0.0), 1),
               "tree_cpu_s": round(sum(watch.cpu.values()), 1)}
    print(f"  {label:<22} {mode:<5} {figures['turns']:>9,} turns  {figures['seconds']:>7.1f} s  "
          f"{figures['turns_per_s']:>7,} turns/s  peak {figures['peak_pss_mb']:>5} MB PSS "
          f"({figures['peak_rss_mb']} MB RSS)  CPU: driver {figures['driver_cpu_s']} s, "
          f"all {figures['tree_cpu_s']} s", flush=True)
    return figures


def _child(source: str, out: str, mode: str, settings: str) -> int:
    from mendkit.batch import BatchSettings, run_batch

    report = run_batch(Path(source), Path(out), BatchSettings(mode=mode, **json.loads(settings)))  # type: ignore[arg-type]
    print(json.dumps({"turns": report.turns, "seconds": report.seconds}))
    return 0


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["--child"]:
        return _child(*argv[1:5])
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100000,1000000",
                        help="rules-mode input sizes in turns, comma-separated (100000,1000000)")
    parser.add_argument("--full-turns", type=int, default=100_000,
                        help="full-mode turns (100,000: about half an hour on 2 cores; 0 skips)")
    parser.add_argument("--modes", default="rules,full", help="which modes to run (rules,full)")
    parser.add_argument("--executors", default="1,2,dask",
                        help="which executors: 1, 2 (processes), dask (default all three)")
    parser.add_argument("--chunk", type=int, default=None,
                        help="conversations per task (default: the runner's default)")
    parser.add_argument("--repeat", type=int, default=1,
                        help="run the executors in turn this many times (1)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    require_data()
    print("== mend batch: executors side by side (each run a fresh process tree)")
    info = print_machine()
    chosen = [EXECUTORS[name] for name in args.executors.split(",")]
    extra = {} if args.chunk is None else {"chunk": args.chunk}
    modes = args.modes.split(",")
    work = Path(tempfile.mkdtemp(prefix="mend-bench-"))
    rows: list[dict[str, Any]] = []
    try:
        for n in ([int(x) for x in args.sizes.split(",")] if "rules" in modes else []):
            source = work / f"corpus-{n}.jsonl"
            build_corpus(source, n)
            print(f"rules mode, {n:,} turns ({source.stat().st_size / 2**20:.0f} MB of JSON Lines):")
            rows.extend(_runs(source, "rules", chosen, extra, args.repeat))
            source.unlink()
        if "full" in modes and args.full_turns:
            source = work / "full.jsonl"
            build_corpus(source, args.full_turns)
            print(f"full mode, {args.full_turns:,} turns:")
            rows.extend(_runs(source, "full", chosen, extra, args.repeat))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    summary = _summary(rows)
    if args.repeat > 1:
        print("summary (fastest run, largest peak, least CPU):")
        for row in summary:
            print(f"  {row['executor']:<22} {row['mode']:<5} {row['turns']:>9,} turns  "
                  f"{row['turns_per_s']:>7,} turns/s  peak {row['peak_pss_mb']:>5} MB PSS "
                  f"({row['peak_rss_mb']} MB RSS)  CPU {row['tree_cpu_s']} s")
    write_json(args.json, {"machine": info, "runs": rows, "summary": summary})
    return 0


def _runs(source: Path, mode: str, chosen: list[tuple[str, dict[str, Any]]],
          extra: dict[str, Any], repeat: int) -> list[dict[str, Any]]:
    return [run_once(source, mode, label, {**settings, **extra})
            for _ in range(repeat) for label, settings in chosen]


def _summary(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    best: dict[tuple[str, str, int], dict[str, Any]] = {}
    for row in rows:
        key = (row["executor"], row["mode"], row["turns"])
        seen = best.setdefault(key, dict(row))
        seen["turns_per_s"] = max(seen["turns_per_s"], row["turns_per_s"])
        seen["seconds"] = min(seen["seconds"], row["seconds"])
        seen["peak_pss_mb"] = max(seen["peak_pss_mb"], row["peak_pss_mb"])
        seen["peak_rss_mb"] = max(seen["peak_rss_mb"], row["peak_rss_mb"])
        seen["tree_cpu_s"] = min(seen["tree_cpu_s"], row["tree_cpu_s"])
    return list(best.values())


if __name__ == "__main__":
    sys.exit(main())
