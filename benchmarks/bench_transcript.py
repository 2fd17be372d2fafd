"""A 600-turn session transcript, end to end: load + analyse in process, and the whole CLI.

The transcript is plain text, one ``Speaker: text`` line per turn, speakers alternating
Therapist / Client, the texts taken in order from ESConv emotional-support dialogues (the public
data closest to a counselling session). It is written to a temporary ``.txt`` file, then timed:

(a) in process: ``mendkit.analyze(path)`` (default mode; reads and parses the file, analyses every
    turn, finds episodes, summarises safety); the first call, which also loads the rule files, is
    reported on its own, then ``--runs`` calls are timed, each after emptying the classifier's
    cache of recent readings (else every run after the first would take them from there);
(b) the CLI: ``mend analyze FILE --json`` as a subprocess, stdout to /dev/null, ``--runs`` times
    (adds interpreter start, imports and JSON rendering).

    .venv/bin/python benchmarks/bench_transcript.py [--turns 600] [--runs 5] [--json out.json]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import forget_readings, mend_script, print_machine, time_command, write_json
from texts import require_data, session_texts

SPEAKERS = ("Therapist", "Client")


def build_transcript(n_turns: int) -> str:
    lines = [f"{SPEAKERS[i % 2]}: {text}" for i, text in enumerate(session_texts(n_turns))]
    return "\n".join(lines) + "\n"


def report(label: str, seconds: list[float], n_turns: int) -> dict[str, float]:
    best, median = min(seconds), statistics.median(seconds)
    print(f"{label}: min {best:.3f} s  median {median:.3f} s  "
          f"-> {n_turns / best:,.0f} turns/s (min), {n_turns / median:,.0f} turns/s (median)")
    return {
        "min_s": best,
        "median_s": median,
        "turns_per_s_min": n_turns / best,
        "turns_per_s_median": n_turns / median,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=600, help="turns in the session (600)")
    parser.add_argument("--runs", type=int, default=5, help="timed runs of each (default 5)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.turns <= 0 or args.runs <= 0:
        parser.error("--turns and --runs must be positive")

    require_data(("esconv",))
    import mendkit

    print("== Session transcript end to end")
    info = print_machine()
    figures: dict[str, Any] = {"benchmark": "transcript", "machine": info, "runs": args.runs}

    with tempfile.TemporaryDirectory(prefix="mend-bench-") as tmp:
        path = Path(tmp) / "session.txt"
        path.write_text(build_transcript(args.turns), encoding="utf-8")
        size = path.stat().st_size

        for mode in ("rules", "full"):
            suffix = "" if mode == "rules" else "_full"
            # Warm-up, and a check that the file reads back as the turns that were written.
            start = time.perf_counter()
            first = mendkit.analyze(path, mode=mode)
            first_s = time.perf_counter() - start
            n_turns = len(first.turns)
            if n_turns != args.turns:
                print(f"warning: wrote {args.turns} turns, mend read {n_turns}")
            labelled = sum(1 for t in first.turns if t.labels)
            print(f"transcript: {n_turns} turns, {size / 1024:.0f} KiB, speakers "
                  f"{', '.join(first.speakers)}; mode {mode!r}; {labelled} turns labelled, "
                  f"{len(first.episodes)} episodes")
            print(f"first call in this process (loads the rules or the model too): {first_s:.3f} s")
            figures.update({"turns": n_turns, "bytes": size, f"labelled_turns{suffix}": labelled,
                            f"first_call_s{suffix}": first_s})
            seconds = []
            for _ in range(args.runs):
                forget_readings()  # each run reads every turn, as the first one did
                start = time.perf_counter()
                mendkit.analyze(path, mode=mode)
                seconds.append(time.perf_counter() - start)
            figures[f"in_process{suffix}"] = report(
                f"(a) mendkit.analyze(path, mode={mode!r}), {args.runs} runs", seconds, n_turns)

            script = mend_script()
            if script is None:
                print(f"(b) mend analyze: no `mend` console script next to {sys.executable}")
                figures["cli_error"] = "console script not found"
                continue
            result = time_command([str(script), "analyze", str(path), "--json", "--mode", mode],
                                  args.runs)
            if isinstance(result, str):
                print(f"(b) mend analyze FILE --json --mode {mode}: FAILED, not timed.\n  {result}")
                figures["cli_error"] = result
            else:
                figures[f"cli{suffix}"] = report(
                    f"(b) mend analyze FILE --json --mode {mode} > /dev/null, {args.runs} runs",
                    result, n_turns)

        load = []
        for _ in range(args.runs):
            start = time.perf_counter()
            mendkit.load_conversation(path)
            load.append(time.perf_counter() - start)
        print(f"loading the file alone: min {min(load) * 1000:.1f} ms  "
              f"median {statistics.median(load) * 1000:.1f} ms")
        figures["load_min_s"] = min(load)
        figures["load_median_s"] = statistics.median(load)
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
