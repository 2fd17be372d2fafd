"""Property-based tests of the JSON API against its own OpenAPI schema (schemathesis).

Schemathesis generates valid and invalid bodies for every operation in ``/openapi.json`` and checks
that the app never answers with a server error and that every answer matches the schema it
publishes. The coach's session ids and answers are generated too, so unknown ids and odd answers
are part of the run.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("fastapi")

import schemathesis
from hypothesis import HealthCheck, settings

from mendkit.config import Settings
from mendkit.web import create_app

# The app is built once, at collection; each test points it at its own folder (below).
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(Settings(home=Path("unused"))))


@pytest.fixture(autouse=True)
def _app_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Point the app (built once at import) at this test's own folder, with an unlocked journal
    holding one relationship (so the journal's operations are exercised, not only refused)."""
    from mendkit.web.app import WebState
    from mendkit.web.vault import JournalVault

    app = schema.app
    current: WebState = app.state.mend
    monkeypatch.setattr(current, "settings", Settings(home=tmp_path / "home"))
    vault = JournalVault(tmp_path / "home", kdf=(1, 8, 1))
    vault.create("correct horse battery", "correct horse battery")
    with vault.use() as journal:
        journal.add_relationship("Sam", "partner")
    monkeypatch.setattr(current, "vault", vault)


@pytest.mark.slow
@schema.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.filter_too_much,
                                 HealthCheck.function_scoped_fixture])
def test_the_api_never_fails_with_a_server_error(case: schemathesis.Case) -> None:
    # JSON bodies only: the API refuses other media types with 415 by design, which the schema
    # (FastAPI's) cannot state; every other answer must match the published schema.
    case.headers = {**(case.headers or {}), "content-type": "application/json"}
    response = case.call()
    assert response.status_code < 500, (case.operation.label, case.body, response.text[:500])
    # A conversation or answer can be schema-valid text that Mend cannot read (no speakers, an
    # unknown session id, a journal entry without its fields): a documented 400/404, so "valid
    # data must be accepted" does not apply.
    case.validate_response(response, excluded_checks=[schemathesis.checks.positive_data_acceptance])
