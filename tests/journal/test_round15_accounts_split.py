"""The practice's web pages split into parts: each part imports on its own and never
``web.accounts`` (no import cycle), the names other code imports from ``web.accounts`` are the very
same objects, and every page keeps its path and route name in the app."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import mendkit.web
from mendkit.config import Settings
from mendkit.web import create_app
from module_imports import imported

PARTS = ("practice_access", "practice_words", "practice_sign_in", "practice_password",
         "practice_client", "practice_therapist")
WEB = Path(mendkit.web.__file__).parent
PAGES = {"login_form": "/login", "login": "/login", "logout_form": "/logout", "logout": "/logout",
         "practice_home": "/practice", "password_form": "/practice/password",
         "change_password": "/practice/password", "client_page": "/practice/client",
         "add_entry": "/practice/entries", "share": "/practice/entries/7/share",
         "withdraw": "/practice/entries/7/withdraw", "therapist_page": "/practice/therapist",
         "shared_entry": "/practice/shared/7"}


def _imported(module: str) -> set[str]:
    return imported(WEB / f"{module}.py")


@pytest.mark.parametrize("module", PARTS)
def test_each_part_imports_on_its_own_and_never_the_accounts_module(module: str) -> None:
    assert importlib.import_module(f"mendkit.web.{module}").__doc__
    assert "mendkit.web.accounts" not in {name.rsplit(".", 1)[0] for name in _imported(module)}


def test_the_old_path_gives_the_very_same_objects() -> None:
    from mendkit.web import accounts, practice_access, practice_words

    assert all(hasattr(accounts, name) for name in accounts.__all__)
    assert accounts.Practice is practice_access.Practice
    assert accounts.practice_gate is practice_access.practice_gate
    assert accounts.SESSION_COOKIE == "mend_session"
    assert accounts._signed_in is practice_access._signed_in
    assert accounts._csrf is practice_access._csrf
    assert accounts._facts is practice_words._facts
    assert accounts._title is practice_words._title


def test_every_page_keeps_its_path_and_name(tmp_path: Path) -> None:
    app = create_app(Settings(home=tmp_path))
    found = {name: app.url_path_for(name, **({"entry_id": "7"} if "7" in path else {}))
             for name, path in PAGES.items()}
    assert found == PAGES
