"""Round 18: the web app compiles every rule pattern when it starts, before its first request
(compiled on first use, the first requests after `mend serve` started took about a second)."""

from __future__ import annotations

from pathlib import Path

from fastapi.testclient import TestClient

from mendkit.analysis.rules import engine_rules
from mendkit.config import Settings
from mendkit.web import create_app


def test_the_rules_are_compiled_once_the_app_has_started(tmp_path: Path) -> None:
    with TestClient(create_app(Settings(home=tmp_path))) as client:
        rules = engine_rules()
        patterns = [p for r in rules.rules for p in (*r.patterns, *r.exclude, *r.after)]
        assert all(p._compiled is not None for p in patterns)
        answer = client.post("/api/check", json={"text": "I know, I'm sorry.", "mode": "rules"})
        assert answer.status_code == 200
