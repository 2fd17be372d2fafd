"""The web app under load, on the loopback only: POST /api/check p95 with 20 concurrent clients
(rules and full mode), a 600-turn transcript analysed and its timeline rendered, and page times.

    .venv/bin/python benchmarks/web_bench.py [--requests 400] [--clients 20]

The app runs as a person runs it (``mend serve`` in its own process). The load comes from ``wrk``
when it is installed (``apt-get install wrk``: a C load generator whose own work barely touches the
two cores the server needs) and otherwise from httpx in threads of this process, which compete with
the server for the cores and the GIL, so their p95 is higher; the output says which ran. Each mode
is warmed up first (the classifier loads on the first full-mode request). The checked messages
are the 160 drafts of Mend's repair pairs (``data/corpus/pairs.jsonl``, 194 characters on
average), each with the request's number at its end (``unique``), so that no two requests send
the same text and no answer comes from the classifier's cache of recent readings; the 600-turn
transcript is made of the turns of Mend's labelled conversations (67 on average).
Figures depend on what else the machine is doing.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parent.parent
MESSAGES = [pair[side] for line in (REPO / "data/corpus/pairs.jsonl").read_text().splitlines()
            if line.strip() for pair in [json.loads(line)] for side in ("better", "worse")]
# Session-like turns (67 characters on average): the turns of Mend's labelled conversations.
TURNS = [" ".join(turn["text"].split())
         for path in sorted((REPO / "data/corpus/conversations").glob("*.jsonl"))
         for line in path.read_text().splitlines() if line.strip()
         for turn in json.loads(line)["turns"]]


def unique(n: int) -> str:
    """The ``n``th request's message: a draft, with ``n`` at its end (a person editing a draft
    changes it a little; a text sent twice would be answered from the cache)."""
    return f"{MESSAGES[n % len(MESSAGES)]} {n}"


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def warm_up(http: httpx.Client, mode: str) -> None:
    """Ten checks first: the first full-mode request loads the classifier."""
    for text in MESSAGES[:10]:
        http.post("/api/check", json={"text": text, "mode": mode}).raise_for_status()


def load(base: str, mode: str, requests: int, clients: int) -> tuple[float, float, float]:
    with httpx.Client(base_url=base, timeout=60) as http:
        warm_up(http, mode)

        def one(n: int) -> float:
            start = time.perf_counter()
            r = http.post("/api/check", json={"text": unique(n), "mode": mode})
            r.raise_for_status()
            return time.perf_counter() - start

        wall = time.perf_counter()
        with ThreadPoolExecutor(clients) as pool:
            times = list(pool.map(one, range(requests)))
        wall = time.perf_counter() - wall
    return statistics.median(times) * 1000, p95(times) * 1000, requests / wall


# Each body is sent as its part before the end of the text, a number, and the rest: the number
# (the request's count in its wrk thread, times the threads, plus the thread's own number) makes
# every text unique, as ``unique`` does.
WRK_SCRIPT = """
local bodies = {%s}
local threads = 0
function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end
local n = 0
request = function()
  n = n + 1
  local body = bodies[(n %% #bodies) + 1]
  local number = n * %d + thread_id
  return wrk.format("POST", "/api/check", {["Content-Type"] = "application/json"},
                    body[1] .. " " .. number .. body[2])
end
done = function(summary, latency, requests)
  io.write(string.format("WRK %%d %%.3f %%.3f %%.3f\\n", summary.requests,
    latency:percentile(50) / 1000, latency:percentile(95) / 1000,
    summary.requests / (summary.duration / 1e6)))
end
"""


def load_wrk(base: str, mode: str, seconds: int, clients: int) -> tuple[int, float, float, float]:
    """wrk with ``clients`` connections for ``seconds``: requests, median and p95 ms, requests/s."""
    with httpx.Client(base_url=base, timeout=60) as http:
        warm_up(http, mode)
    bodies = ", ".join(f"{{[==[{head}]==], [==[{tail}]==]}}"
                       for head, tail in (_around_the_end(m, mode) for m in MESSAGES))
    threads = min(2, clients)
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(WRK_SCRIPT % (bodies, threads))
    try:
        out = subprocess.run(["wrk", f"-t{threads}", f"-c{clients}", f"-d{seconds}s",
                              "-s", script.name, base], capture_output=True, text=True,
                             check=True).stdout
    finally:
        os.unlink(script.name)
    line = next(x for x in out.splitlines() if x.startswith("WRK "))
    n, med, high, rate = line.split()[1:]
    return int(n), float(med), float(high), float(rate)


def _around_the_end(message: str, mode: str) -> tuple[str, str]:
    """The JSON body of ``message`` in ``mode``, cut where the text ends (a number goes there)."""
    body = json.dumps({"mode": mode, "text": message})
    end = body.rindex('"')
    return body[:end], body[end:]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--requests", type=int, default=400,
                        help="checks sent in each mode when the load comes from httpx "
                             "(default 400)")
    parser.add_argument("--clients", type=int, default=20,
                        help="concurrent clients: wrk connections or httpx threads (default 20)")
    parser.add_argument("--seconds", type=int, default=10,
                        help="how long wrk loads each mode (default 10)")
    parser.add_argument("--httpx", action="store_true", help="load from httpx even if wrk is here")
    args = parser.parse_args()
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    with tempfile.TemporaryDirectory() as home:
        mend = Path(sys.executable).with_name("mend")
        server = subprocess.Popen([str(mend), "serve", "--port", str(port)],
                                  env={**os.environ, "MEND_HOME": home},
                                  stdout=subprocess.DEVNULL)
        base = f"http://127.0.0.1:{port}"
        try:
            started = time.perf_counter()
            _wait_for(base)
            ready = time.perf_counter() - started
            first = time.perf_counter()
            httpx.post(base + "/api/check", json={"text": unique(0), "mode": "rules"},
                       timeout=60).raise_for_status()
            print(f"start-up: `mend serve` answered after {ready:.1f} s; its first check "
                  f"(rules) took {(time.perf_counter() - first) * 1000:.0f} ms")
            _run(base, args)
        finally:
            server.terminate()
            server.wait(timeout=30)


def _wait_for(base: str) -> None:
    for _ in range(600):
        try:
            httpx.get(base + "/about", timeout=1)
            return
        except httpx.TransportError:
            time.sleep(0.1)
    raise SystemExit("the server did not start")


def _run(base: str, args: argparse.Namespace) -> None:
    use_wrk = shutil.which("wrk") is not None and not args.httpx
    for mode in ("rules", "full"):
        if use_wrk:
            n, med, high, rate = load_wrk(base, mode, args.seconds, args.clients)
            print(f"POST /api/check {mode:5s}: wrk, {args.clients} connections, {args.seconds} s "
                  f"({n} requests): median {med:.0f} ms, p95 {high:.0f} ms, {rate:.1f} requests/s")
            continue
        med, high, rate = load(base, mode, args.requests, args.clients)
        print(f"POST /api/check {mode:5s}: httpx, {args.requests} requests, {args.clients} "
              f"clients: median {med:.0f} ms, p95 {high:.0f} ms, {rate:.1f} requests/s")
    transcript = "\n".join(f"{'Ana' if n % 2 else 'Ben'}: {TURNS[n % len(TURNS)]}"
                           for n in range(600))
    with httpx.Client(base_url=base, timeout=300, follow_redirects=True) as http:
        html = http.get("/analyse").text
        token = re.search(r'name="csrf_token" value="([^"]+)"', html)
        assert token
        for mode in ("rules", "full"):
            start = time.perf_counter()
            r = http.post("/analyse", data={"csrf_token": token.group(1), "text": transcript,
                                            "mode": mode})
            r.raise_for_status()
            took = time.perf_counter() - start
            print(f"600-turn transcript, {mode:5s}: analysed and timeline rendered in "
                  f"{took:.2f} s ({len(r.content) // 1024} KiB of HTML)")
        for page in ("/analyse", "/check", "/about", "/static/mend.css"):
            times = []
            for _ in range(50):
                start = time.perf_counter()
                http.get(page).raise_for_status()
                times.append(time.perf_counter() - start)
            print(f"GET {page}: median {statistics.median(times) * 1000:.1f} ms, "
                  f"p95 {p95(times) * 1000:.1f} ms (50 requests, one client)")


if __name__ == "__main__":
    main()
