"""The web app's own CPU time per request, with no network and no load generator.

Each request is handed to the ASGI app directly (the app as ``mend serve`` builds it, loopback
host check included), so the figure is what the app itself costs a request: routing, validation,
Mend's work and the JSON answer. It reads CPU time of this process, which a busy machine disturbs
less than wall-clock time. ``web_bench.py`` measures the app under load over the loopback.

    .venv/bin/python benchmarks/web_cpu.py [--mode rules|full] [--requests 400] [--rounds 5]
                                           [--context N [--forget]]

The checked messages are the drafts of Mend's repair pairs with the request's number at the end,
as in ``web_bench.py``: no two requests send the same text, so none is answered from the
classifier's cache of recent readings. ``--context N`` sends the same N messages before each
draft (a person checking new drafts of a reply to the same messages), whose readings the
classifier keeps; ``--forget`` empties its cache before each request, for the same requests as
they cost without it. ``--reader NAME`` keeps the readings for one account, as a practice's server
does for each signed-in person (``readings_for``): one person's re-checks, on a shared server.
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

from common import forget_readings, write_json
from web_bench import TURNS, unique


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


async def _measure(mode: str, requests: int, rounds: int, context: int = 0, *,
                   forget: bool = False, reader: str = "") -> list[float]:
    from mendkit.config import Settings
    from mendkit.models.classifier import read_for
    from mendkit.web.app import LOOPBACK_HOSTS, create_app

    read_for(reader)  # this run's own context: the requests below are handed the app here

    app = create_app(Settings.from_env(), allowed_hosts=list(LOOPBACK_HOSTS))
    before = {"context": TURNS[:context]} if context else {}
    bodies = (json.dumps({"text": unique(n), "mode": mode, **before}).encode()
              for n in range(20 + rounds * requests))  # made before each request, not timed
    per_request = []
    async with app.router.lifespan_context(app):
        for _ in range(20):  # warm up (the first full-mode request loads the model)
            await _request(app, next(bodies))
        for _ in range(rounds):
            batch = [next(bodies) for _ in range(requests)]
            start = time.process_time()
            for body in batch:
                if forget:
                    forget_readings()
                await _request(app, body)
            per_request.append((time.process_time() - start) / requests * 1000)
    return per_request


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", choices=("rules", "full"), default="rules")
    parser.add_argument("--requests", type=int, default=400)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--context", type=int, default=0, metavar="N",
                        help="the same N messages as context of every draft (default 0)")
    parser.add_argument("--forget", action="store_true",
                        help="empty the classifier's cache of readings before each request")
    parser.add_argument("--reader", default="", metavar="NAME",
                        help="keep the readings for this account, as a practice's server does")
    parser.add_argument("--json", type=Path, help="write the figures here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as home:
        os.environ["MEND_HOME"] = home
        times = asyncio.run(_measure(args.mode, args.requests, args.rounds, args.context,
                                     forget=args.forget, reader=args.reader))
    extra = (f", {args.context} messages of context" if args.context else "") + (
        ", cache emptied before each" if args.forget else "") + (
        f", readings kept for {args.reader}" if args.reader else "")
    print(f"POST /api/check {args.mode}{extra}: the app's CPU per request, best of {args.rounds} "
          f"rounds of {args.requests}: {min(times):.3f} ms (median "
          f"{statistics.median(times):.3f} ms)")
    if args.json:
        write_json(args.json, {"mode": args.mode, "context": args.context,
                               "forget": args.forget, "reader": args.reader,
                               "cpu_ms_per_request": times})


if __name__ == "__main__":
    main()
