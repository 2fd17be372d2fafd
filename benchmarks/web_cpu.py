"""The web app's own CPU time per request, with no network and no load generator.

Each request is handed to the ASGI app directly (the app as ``mend serve`` builds it, loopback
host check included), so the figure is what the app itself costs a request: routing, validation,
Mend's work and the JSON answer. It reads CPU time of this process, which a busy machine disturbs
less than wall-clock time. ``web_bench.py`` measures the app under load over the loopback.

    .venv/bin/python benchmarks/web_cpu.py [--mode rules|full] [--requests 400] [--rounds 5]

The checked messages are the drafts of Mend's repair pairs, as in ``web_bench.py``.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from common import write_json
from web_bench import MESSAGES


def _scope(path: str, body: bytes) -> dict[str, Any]:
    return {"type": "http", "asgi": {"version": "3.0"}, "http_version": "1.1", "method": "POST",
            "scheme": "http", "path": path, "raw_path": path.encode(), "query_string": b"",
            "root_path": "", "client": ("127.0.0.1", 50000), "server": ("127.0.0.1", 8765),
            "headers": [(b"host", b"127.0.0.1:8765"), (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode())], "state": {}}


async def _request(app: Any, body: bytes) -> None:
    sent = False

    async def receive() -> dict[str, Any]:
        nonlocal sent
        if not sent:
            sent = True
            return {"type": "http.request", "body": body, "more_body": False}
        await asyncio.sleep(3600)  # the app never waits for a disconnect here
        return {"type": "http.disconnect"}

    status: list[int] = []

    async def send(message: dict[str, Any]) -> None:
        if message["type"] == "http.response.start":
            status.append(message["status"])

    await app(_scope("/api/check", body), receive, send)
    if status != [200]:
        raise SystemExit(f"POST /api/check answered {status}")


async def _measure(mode: str, requests: int, rounds: int) -> list[float]:
    from mendkit.config import Settings
    from mendkit.web.app import LOOPBACK_HOSTS, create_app

    app = create_app(Settings.from_env(), allowed_hosts=list(LOOPBACK_HOSTS))
    bodies = [json.dumps({"text": m, "mode": mode}).encode() for m in MESSAGES]
    per_request = []
    async with app.router.lifespan_context(app):
        for body in bodies[:20]:  # warm up (the first full-mode request loads the model)
            await _request(app, body)
        for _ in range(rounds):
            start = time.process_time()
            for n in range(requests):
                await _request(app, bodies[n % len(bodies)])
            per_request.append((time.process_time() - start) / requests * 1000)
    return per_request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("rules", "full"), default="rules")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["MEND_HOME"] = home
        times = asyncio.run(_measure(args.mode, args.requests, args.rounds))
    print(f"POST /api/check {args.mode}: the app's CPU per request, best of {args.rounds} rounds "
          f"of {args.requests}: {min(times):.3f} ms (median {statistics.median(times):.3f} ms)")
    if args.json:
        write_json(args.json, {"mode": args.mode, "cpu_ms_per_request": times})


if __name__ == "__main__":
    main()
