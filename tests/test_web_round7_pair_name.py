"""Round 7 re-run: joining a two-person session needs a name, as the form says; an empty or blank
one is refused with the form again, the code still typed, and no one is seated."""

from __future__ import annotations

import html as html_lib
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_cannot_join(tmp_path: Path, name: str) -> None:
    app = create_app(Settings(home=tmp_path / "home"))
    ana, ben = TestClient(app), TestClient(app)
    page = ana.get("/coach/pair")
    r = ana.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                      "name": "Ana"}, follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    page = ben.get("/coach/pair")
    r = ben.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                           "code": code.lower(), "name": name},
                 follow_redirects=False)
    assert r.status_code == 400
    text = html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", r.text)))
    assert "Please type your first name; the other person will see it." in text
    assert f'value="{code}"' in r.text  # the code stays typed
    # Nobody took the second place: a real name can still join.
    page = ben.get("/coach/pair")
    r = ben.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                           "code": code, "name": "Ben"}, follow_redirects=False)
    assert r.status_code == 303
