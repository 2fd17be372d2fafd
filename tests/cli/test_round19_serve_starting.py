"""Round 19 (t3 #13): `mend serve` says at once that it is starting, before the slow part
(loading the web app and the model), not only when it is ready."""

from __future__ import annotations

import socket
from typing import Any

import pytest

from mendkit.cli.main import main


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_says_it_is_starting_before_loading_the_model(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    uvicorn = pytest.importorskip("uvicorn")
    monkeypatch.delenv("MEND_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    said_before_loading: list[str] = []
    apps: list[Any] = []

    def loading() -> None:  # the model's load: what was printed by then
        said_before_loading.append(capsys.readouterr().err)  # a progress note, on stderr

    monkeypatch.setattr("mendkit.analysis.pipeline.warm_up", loading)
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: apps.append(app))
    try:
        assert main(["serve", "--port", str(_free_port())]) == 0
    finally:
        for app in apps:
            app.state.mend.vault.lock()
    [before] = said_before_loading
    assert "starting" in before.lower() and "Mend is serving" not in before
    assert "Mend is serving on http://127.0.0.1:" in capsys.readouterr().out
