"""Journal benchmark: 100,000 entries inserted, then warm insights for one relationship holding
10,000 of them, on SQLite (SQLCipher) and PostgreSQL side by side. Target: insights < 300 ms.

"Insights" is what ``mend insights --rel ID`` does once the journal is open: read the entries
(``Journal.insight_rows``) and compute the figures (``insights_from_rows``).
PostgreSQL: MEND_DATABASE_URL if set, else a throwaway server from Debian's postgresql (as root).
Run: .venv/bin/python benchmarks/journal_bench.py [--entries N] [--repeat R] [--backend B]
"""

from __future__ import annotations

import argparse
import os
import shutil
import socket
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from mendkit.insights import insights_from_rows
from mendkit.journal.repository import Journal

N, N_REL, PASS = 100_000, 10, "benchmark passphrase"


@contextmanager
def postgres() -> Iterator[str]:
    if os.environ.get("MEND_DATABASE_URL"):
        yield os.environ["MEND_DATABASE_URL"]
        return
    bin_ = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parts[-2]))[-1]
    data = Path(tempfile.mkdtemp(prefix="mend-bench-pg-"))
    shutil.chown(data, "postgres", "postgres")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]

    def as_pg(cmd: str) -> None:
        subprocess.run(["su", "postgres", "-c", cmd], check=True, capture_output=True)

    as_pg(f"{bin_}/initdb -D {data} -U postgres --auth=trust -E UTF8 --locale=C.UTF-8")
    as_pg(f"{bin_}/pg_ctl -D {data} -l {data}/log -w -o '-c listen_addresses=127.0.0.1 "
          f"-p {port} -k /tmp -c fsync=off' start")
    try:
        yield f"postgresql+psycopg://postgres@127.0.0.1:{port}/postgres"
    finally:
        as_pg(f"{bin_}/pg_ctl -D {data} -m fast -w stop")
        shutil.rmtree(data, ignore_errors=True)


def run(journal: Journal, n: int, repeat: int) -> tuple[float, list[float]]:
    rels = [journal.add_relationship(f"person {i}", "friend").id for i in range(N_REL)]
    kinds = ("rupture", "repair", "checkin")
    items = []
    for i in range(n):
        rel = rels[i % N_REL]
        kind = kinds[i % 3]
        day, hour = divmod(i // N_REL, 24)
        when = f"2026-{1 + day // 28 % 12:02d}-{1 + day % 28:02d}T{hour:02d}:00:00"
        body = ({"what": f"argued about the dishes again {i}", "labels": ["criticism"]}
                if kind == "rupture" else
                {"message": "sorry", "uptake": "accepted", "by": "me"} if kind == "repair"
                else {"score": i % 11})
        items.append((kind, body, when, rel))
    t0 = time.perf_counter()
    for start in range(0, n, 10_000):
        journal.add_entries(items[start:start + 10_000])
    insert_s = time.perf_counter() - t0
    timings = []
    for _ in range(repeat + 1):
        t = time.perf_counter()
        insights_from_rows(journal.insight_rows(rels[0]))
        timings.append((time.perf_counter() - t) * 1000)
    return insert_s, timings[1:]  # the first run warms caches


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=N, help="entries inserted (default 100000)")
    parser.add_argument("--repeat", type=int, default=5, help="timed warm runs (default 5)")
    parser.add_argument("--backend", choices=("both", "sqlite", "postgres"), default="both",
                        help="the journals timed (default both)")
    args = parser.parse_args()
    n = args.entries
    results = {}
    if args.backend != "postgres":
        with tempfile.TemporaryDirectory() as tmp, Journal.create(Path(tmp), PASS) as journal:
            results["SQLite (SQLCipher)"] = run(journal, n, args.repeat)
    if args.backend != "sqlite":
        with postgres() as url, Journal.create(Path("unused"), PASS, url=url) as journal:
            results["PostgreSQL (AES-GCM text)"] = run(journal, n, args.repeat)
    per_rel = n // N_REL
    print(f"{'backend':28} {f'insert {n:,} (s)':>18} {f'insights {per_rel:,} warm median (ms)':>34}"
          f" {'min':>8}")
    for name, (insert_s, ms) in results.items():
        print(f"{name:28} {insert_s:18.2f} {statistics.median(ms):34.1f} {min(ms):8.1f}")


if __name__ == "__main__":
    main()
