"""Round 17 (fixer f6, item 1): the web coach's stop page for a young person names a trusted
adult or a helpline for young people, never "tell a parent" (a parent may be the danger), as
the terminal does."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.web import create_app
from test_round10_coach_joined import Walk, plain

MAM = ("mam found my messages with my girlfriend and said if im gay i can find somewhere else to "
       "live. shes told me to pack my stuff by sunday")
KYS = ("chidi and the others in my class made a group without me and they keep sending me "
       "messages telling me to kys and that nobody would miss me")
TELL_A_PARENT = re.compile(r"\b(?:tell|ask) (?:a|your) parent|\ba parent,", re.IGNORECASE)


def _page(tmp_path: Path, who: str, context: str, what: str) -> str:
    home = tmp_path / "home"
    walk = Walk(TestClient(create_app(Settings(home=home))), home)
    for text in ("yes", who, context, what):
        walk.answer({"answer": text})
    return plain(walk.html)


@pytest.mark.parametrize(("who", "context", "what"), [
    ("my mam", "family", MAM),
    ("chidi", "friend", KYS),
])
def test_the_stop_page_names_a_trusted_adult_not_a_parent(
        tmp_path: Path, who: str, context: str, what: str) -> None:
    words = _page(tmp_path, who, context, what)
    assert "Let's pause here" in words or "adult you trust" in words
    assert not TELL_A_PARENT.search(words), words
    # Round 19 (f14): no "a relative": the family may be the danger.
    assert "a teacher, a school counsellor, a doctor or a friend's parent" in words
    assert "a helpline for young people" in words
