"""Run the three benchmarks in sequence (each in its own fresh interpreter) and print a summary.

    .venv/bin/python benchmarks/run_all.py [--turns 40000] [--json summary.json]
    make bench

Each script's own output is shown as it runs; the summary at the end reads the figures each one
wrote with ``--json``. A benchmark that fails or is skipped shows as "n/a" in the summary.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

from common import print_machine, write_json

HERE = Path(__file__).resolve().parent


def run(script: str, extra: list[str], out: Path) -> tuple[int, float, dict[str, Any] | None]:
    cmd = [sys.executable, str(HERE / script), "--json", str(out), *extra]
    print(f"\n$ {' '.join(Path(c).name if i < 2 else c for i, c in enumerate(cmd))}", flush=True)
    start = time.perf_counter()
    code = subprocess.run(cmd, check=False).returncode
    elapsed = time.perf_counter() - start
    figures = None
    if out.is_file():
        figures = json.loads(out.read_text(encoding="utf-8"))
    if code != 0:
        print(f"[{script} exited with status {code}]")
    return code, elapsed, figures


def get(figures: dict[str, Any] | None, *keys: str) -> Any:
    value: Any = figures
    for key in keys:
        if not isinstance(value, dict) or key not in value:
            return None
        value = value[key]
    return value


def fmt(value: Any, spec: str, unit: str = "") -> str:
    return "n/a" if value is None else f"{format(value, spec)}{unit}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--turns", type=int, default=40_000,
                        help="turns for the engine benchmark (default 40000)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="write all figures here")
    args = parser.parse_args(argv)

    results: dict[str, dict[str, Any] | None] = {}
    status: dict[str, int] = {}
    with tempfile.TemporaryDirectory(prefix="mend-bench-") as tmp:
        for name, script, extra in (
            ("engine", "bench_engine.py", ["--turns", str(args.turns)]),
            ("cli", "bench_cli.py", []),
            ("transcript", "bench_transcript.py", []),
        ):
            code, _, figures = run(script, extra, Path(tmp) / f"{name}.json")
            results[name], status[name] = figures, code

    e, c, t = results["engine"], results["cli"], results["transcript"]
    ms = 1000.0
    help_median = get(c, "help", "median")
    if help_median is not None:
        low, high = get(c, "help", "min") * ms, get(c, "help", "max") * ms
        help_note = f"median; min {low:.0f}, max {high:.0f}"
    else:
        help_note = "failed" if get(c, "help_error") else ""
    rows = [
        ("engine: mend rules, turns/s", fmt(get(e, "mend_turns_per_s"), ",.0f"),
         f"best of {get(e, 'repeats')}, {fmt(get(e, 'turns'), ',')} turns" if e else ""),
        ("engine: VADER, turns/s", fmt(get(e, "vader_turns_per_s"), ",.0f"), "same texts"),
        ("engine: ratio mend/VADER", fmt(get(e, "ratio_mend_over_vader"), ".2f", "x"), ""),
        ("cli: mend --help, ms", fmt(None if help_median is None else help_median * ms, ".0f"),
         help_note),
        ("cli: import mendkit.cli.main, ms", fmt(get(c, "import_total_ms"), ".0f"),
         "-X importtime, sum of self times"),
        ("transcript rules: analyze(path), s", fmt(get(t, "in_process", "median_s"), ".3f"),
         f"median; {fmt(get(t, 'in_process', 'turns_per_s_median'), ',.0f')} turns/s, "
         f"{get(t, 'turns')} turns" if t else ""),
        ("transcript rules: mend analyze, s", fmt(get(t, "cli", "median_s"), ".3f"),
         f"median; {fmt(get(t, 'cli', 'turns_per_s_median'), ',.0f')} turns/s"
         if get(t, "cli") else "failed" if get(t, "cli_error") else ""),
        ("transcript full: analyze(path), s", fmt(get(t, "in_process_full", "median_s"), ".3f"),
         f"median; {fmt(get(t, 'in_process_full', 'turns_per_s_median'), ',.0f')} turns/s"),
        ("transcript full: mend analyze, s", fmt(get(t, "cli_full", "median_s"), ".3f"),
         f"median; {fmt(get(t, 'cli_full', 'turns_per_s_median'), ',.0f')} turns/s"),
    ]

    print("\n== Summary")
    print_machine()
    width = max(len(r[0]) for r in rows)
    for label, value, note in rows:
        print(f"  {label:<{width}}  {value:>10}  {note}")
    failed = [name for name, code in status.items() if code != 0]
    if failed:
        print(f"  (exited non-zero: {', '.join(failed)})")
    write_json(args.json, {"results": results, "status": status})
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
