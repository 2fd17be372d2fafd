"""What the browser tests share: Debian's Chromium and its flags, a uvicorn server on a free
loopback port in a thread, axe-core, and screenshots saved as test artefacts."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

REPO = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
AXE = REPO / ".cache/axe/node_modules/axe-core/axe.min.js"
ARTIFACTS = REPO / "test-artifacts"
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
        "--no-first-run", "--disable-background-networking", "--disable-component-update",
        "--disable-sync"]
MARKS = [pytest.mark.browser,
         pytest.mark.skipif(not CHROMIUM.exists(), reason="needs /usr/bin/chromium "
                            "(make test installs it)")]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free loopback port; yields its base URL."""
    import uvicorn

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        srv.should_exit = True
        thread.join(10)


@contextmanager
def chromium() -> Iterator[Any]:
    from playwright import sync_api

    with sync_api.sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), headless=True, args=ARGS)
        try:
            yield b
        finally:
            b.close()


def axe_violations(pg: Any) -> list[str]:
    """axe-core's serious and critical violations on the page, as ``id (impact, count)``."""
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: make test installs axe-core with npm")
    # Evaluated through the driver: the page's CSP (rightly) refuses an injected script tag.
    pg.evaluate(AXE.read_text(encoding="utf-8") + "\n;undefined")
    result = pg.evaluate("async () => (await axe.run(document)).violations"
                         ".map(v => ({id: v.id, impact: v.impact, n: v.nodes.length}))")
    return [f"{v['id']} ({v['impact']}, {v['n']})" for v in result
            if v["impact"] in ("serious", "critical")]


def shot(pg: Any, name: str) -> None:
    """A full-page screenshot in test-artifacts/, to look at."""
    ARTIFACTS.mkdir(exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / f"{name}.png"), full_page=True)
