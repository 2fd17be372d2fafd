"""Long single messages: ``mendkit.check`` on one message of 1,000 to 100,000 characters.

A person may paste a whole letter into ``mend check`` or the web app's composer (``/api/check``
takes up to 20,000 characters), so the rules must stay about linear in the length of one message:
a pattern that is retried at every position of a long line, and scans the rest of the line each
time, turns a paste into seconds of work. The messages are DailyDialog turns joined on one line
(the hard case: nothing breaks the line) and one per line, and a phrase repeated to the length
(``ex`` ... ``parked outside`` ... ``most nights``: many places where the crisis patterns for
being followed could start), and phrases the critic's own patterns read, repeated to 25,000
and 100,000 characters (the time should grow about 4x, not 16x). Rules mode unless ``--mode
full`` (the classifier reads the first 128 tokens only, so its share does not grow with the
length).

Each message is checked once to warm up (the rules compile their patterns on first use), then
``--runs`` times; the best run counts. In full mode the classifier's cache of recent readings is
emptied before each timed run, so that each one reads the message.

    .venv/bin/python benchmarks/bench_long.py [--runs 3] [--mode rules|full] [--json out.json]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path
from typing import Any

from common import forget_readings, print_machine, write_json
from texts import conversations, require_data

SIZES = (1_000, 5_000, 20_000)
# Phrases the critic's own patterns look at, repeated: 25,000 and 100,000 characters (beyond what
# /api/check takes, as mendkit.check and `mend check` allow), to see the time grow about 4x.
CRITIC_UNITS = ("I feel ignored and ", "I feel ignored, ", "i feel like you ",
                "She said I feel ignored ", "Thanks a lot. You are so rude. ")
CRITIC_SIZES = (25_000, 100_000)
REPEATED = "my ex keeps turning up, the same car parked outside across the road most nights, "


def joined(turns: list[str], size: int, separator: str) -> str:
    out: list[str] = []
    length = 0
    for turn in turns:
        if length >= size:
            break
        out.append(turn)
        length += len(turn) + len(separator)
    return separator.join(out)[:size]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs of each (default 3)")
    parser.add_argument("--mode", choices=("rules", "full"), default="rules")
    parser.add_argument("--json", type=Path, metavar="PATH", help="also write the figures here")
    args = parser.parse_args(argv)
    if args.runs <= 0:
        parser.error("--runs must be positive")

    require_data(("dailydialog",))
    import mendkit

    print(f"== Long single messages: mendkit.check(text, mode={args.mode!r})")
    info = print_machine()
    turns = [text for dialogue in conversations(6_000) for _, text in dialogue]
    messages: list[tuple[str, str]] = []
    for size in SIZES:
        messages.append((f"{size:,} chars, turns on one line", joined(turns, size, " ")))
        messages.append((f"{size:,} chars, one turn per line", joined(turns, size, "\n")))
        messages.append((f"{size:,} chars, one phrase repeated",
                         (REPEATED * (size // len(REPEATED) + 1))[:size]))
    for unit in CRITIC_UNITS:
        for size in CRITIC_SIZES:
            messages.append((f"{size:,} chars, {unit.strip()!r} repeated",
                             unit * (size // len(unit))))

    rows: list[dict[str, Any]] = []
    for label, text in messages:
        mendkit.check(text, mode=args.mode)  # warm-up: compiles the patterns this text needs
        times = []
        for _ in range(args.runs):
            forget_readings()  # full mode: the model reads the message again each run
            start = time.perf_counter()
            mendkit.check(text, mode=args.mode)
            times.append(time.perf_counter() - start)
        best = min(times)
        print(f"  {label:38s} {best * 1000:9.1f} ms (best of {args.runs})")
        rows.append({"message": label, "chars": len(text), "best_s": best, "seconds": times})

    write_json(args.json, {"benchmark": "long_messages", "machine": info, "mode": args.mode,
                           "mendkit_version": mendkit.__version__, "runs": args.runs,
                           "messages": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
