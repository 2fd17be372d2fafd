"""Cold start of the ``mend`` command: ``mend --help`` wall time, and what importing the CLI costs.

1. Runs the console script next to this interpreter (``.venv/bin/mend --help``) ``--runs`` times
   as a subprocess and prints min / median / max wall seconds (process start, imports, argument
   parsing, printing help). ``python -m mendkit`` is not an entry point, so it is not used.
2. Runs ``python -X importtime -c "import mendkit.cli.main"`` once and prints the ten imports
   with the largest cumulative time (a package's figure includes everything it imports), so a
   slow start can be traced to a module.

    .venv/bin/python benchmarks/bench_cli.py [--runs 10] [--json out.json]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path
from typing import Any

from common import mend_script, print_machine, spread, time_command, write_json

MODULE = "mendkit.cli.main"
TOP = 10


def parse_importtime(stderr: str) -> list[tuple[str, int, int, int]]:
    """``(module, self_us, cumulative_us, depth)`` per line of ``-X importtime`` output."""
    rows = []
    for line in stderr.splitlines():
        if not line.startswith("import time:"):
            continue
        parts = line[len("import time:"):].split("|")
        if len(parts) != 3:
            continue
        self_us, cumulative_us, name = parts
        if not self_us.strip().isdigit():  # the header line
            continue
        depth = (len(name) - len(name.lstrip(" ")) - 1) // 2
        rows.append((name.strip(), int(self_us), int(cumulative_us), depth))
    return rows


def import_profile(module: str) -> dict[str, Any]:
    """Import ``module`` in a fresh interpreter with ``-X importtime``."""
    cmd = [sys.executable, "-X", "importtime", "-c", f"import {module}"]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=120, check=False)
    except (OSError, subprocess.TimeoutExpired) as exc:
        return {"error": str(exc), "rows": []}
    rows = parse_importtime(done.stderr)
    error = None
    if done.returncode != 0:
        lines = [x for x in done.stderr.splitlines() if not x.startswith("import time:")]
        error = "\n    ".join(lines[-6:]) or f"exit status {done.returncode}"
    return {"error": error, "rows": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10, help="runs of `mend --help` (default 10)")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs <= 0:
        parser.error("--runs must be positive")

    print("== CLI cold start")
    info = print_machine()
    figures: dict[str, Any] = {"benchmark": "cli", "machine": info, "runs": args.runs}

    # A baseline: the interpreter alone, so the figure for `mend --help` can be read against it.
    bare = time_command([sys.executable, "-c", "pass"], args.runs)
    if isinstance(bare, list):
        s = spread(bare)
        figures["python_bare"] = s
        print(f"python -c pass   (baseline, {args.runs} runs): min {s['min'] * 1000:6.1f} ms  "
              f"median {s['median'] * 1000:6.1f} ms  max {s['max'] * 1000:6.1f} ms")

    script = mend_script()
    if script is None:
        print(f"mend --help: no `mend` console script next to {sys.executable} "
              "(install with: .venv/bin/pip install -e '.[dev]')")
        figures["help_error"] = "console script not found"
    else:
        result = time_command([str(script), "--help"], args.runs)
        if isinstance(result, str):
            print(f"mend --help: FAILED, not timed.\n  {result}")
            figures["help_error"] = result
        else:
            s = spread(result)
            figures["help"] = s
            print(f"{script.name} --help      ({args.runs} runs): min {s['min'] * 1000:6.1f} ms  "
                  f"median {s['median'] * 1000:6.1f} ms  max {s['max'] * 1000:6.1f} ms")

    profile = import_profile(MODULE)
    rows = profile["rows"]
    if profile["error"]:
        print(f"import {MODULE}: FAILED\n    {profile['error']}")
        figures["import_error"] = profile["error"]
    if rows:
        total = sum(r[1] for r in rows)
        mend_us = sum(r[1] for r in rows if r[0].split(".")[0] == "mendkit")
        rich = [r for r in rows if r[0] == "rich" or r[0].startswith("rich.")]
        print(f"python -X importtime -c 'import {MODULE}': {len(rows)} modules, "
              f"{total / 1000:.1f} ms in all (mendkit's own modules {mend_us / 1000:.1f} ms; "
              f"rich {'imported' if rich else 'not imported'})")
        print(f"  top {TOP} by cumulative time (ms; a package includes what it imports):")
        print(f"  {'cumulative':>10} {'self':>8}  module")
        for name, self_us, cumulative_us, depth in sorted(rows, key=lambda r: -r[2])[:TOP]:
            print(f"  {cumulative_us / 1000:>10.1f} {self_us / 1000:>8.1f}  {'  ' * depth}{name}")
        by_self = sorted(rows, key=lambda r: -r[1])[:5]
        print("  largest self times: " + ", ".join(f"{n} {s / 1000:.1f}" for n, s, _, _ in by_self))
        figures["import_total_ms"] = total / 1000
        figures["import_mendkit_ms"] = mend_us / 1000
        figures["import_modules"] = len(rows)
        figures["import_top"] = [
            {"module": n, "self_ms": s / 1000, "cumulative_ms": c / 1000}
            for n, s, c, _ in sorted(rows, key=lambda r: -r[2])[:TOP]
        ]
    write_json(args.json, figures)
    return 0


if __name__ == "__main__":
    sys.exit(main())
