"""Small helpers shared by the benchmark scripts (machine facts, the console script, JSON out)."""

from __future__ import annotations

import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any


def machine() -> dict[str, Any]:
    """What the figures depend on."""
    try:
        usable: int | None = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        usable = os.cpu_count()
    return {
        "python": platform.python_version(),
        "implementation": platform.python_implementation(),
        "platform": platform.platform(),
        "cpu_count": os.cpu_count(),
        "cpus_usable": usable,
    }


def print_machine() -> dict[str, Any]:
    info = machine()
    print(f"Python {info['python']} ({info['implementation']}) on {info['platform']}; "
          f"CPUs: {info['cpu_count']} (usable: {info['cpus_usable']})")
    return info


def mend_script() -> Path | None:
    """The ``mend`` console script of this interpreter's environment (next to sys.executable)."""
    bindir = Path(sys.executable).parent
    for name in ("mend", "mend.exe"):
        candidate = bindir / name
        if candidate.is_file():
            return candidate
    found = shutil.which("mend")
    return Path(found) if found else None


def time_command(cmd: Sequence[str], runs: int, *, timeout: float = 120.0) -> list[float] | str:
    """Wall seconds of ``runs`` runs of ``cmd`` (stdout discarded), or the error of the first run
    that fails (non-zero exit, timeout, not found), as text."""
    seconds: list[float] = []
    for _ in range(runs):
        start = time.perf_counter()
        try:
            done = subprocess.run(
                list(cmd), stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
                timeout=timeout, check=False,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            return f"{' '.join(cmd)}: {exc}"
        elapsed = time.perf_counter() - start
        if done.returncode != 0:
            err = done.stderr.decode("utf-8", "replace").strip().splitlines()
            tail = "\n    ".join(err[-8:]) or "(no output on stderr)"
            return f"`{' '.join(cmd)}` exited with {done.returncode}:\n    {tail}"
        seconds.append(elapsed)
    return seconds


def spread(seconds: Sequence[float]) -> dict[str, float]:
    return {
        "min": min(seconds),
        "median": statistics.median(seconds),
        "max": max(seconds),
    }


def forget_readings() -> None:
    """Empty the shipped classifier's cache of recent readings (``ReadingCache``), if it is
    loaded: a benchmark repeats the same texts, and its timed runs must read every turn as a
    first reading does, not take the last run's readings from the cache."""
    from mendkit.models.classifier import default_classifier

    if default_classifier.built():
        default_classifier().cache.clear()


def write_json(path: Path | None, figures: dict[str, Any]) -> None:
    if path is None:
        return
    path.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {path}")
