"""Round fourteen: on a practice's server the classifier's cache of recent readings is kept per
account. A text one person checked is no cache hit for anyone else (the quicker answer would tell
them it was checked), while each person's own re-check is still answered from the cache, and a
one-person Mend keeps one cache, as before.

What is observed is the cache itself, through the public path (the API, signed in): a reading
taken from it adds nothing to it, a new reading adds one."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient
from practice_kit import make_practice, practice_app, signed_in
from test_accounts import CHEAP, PASS, FakeClock

from mendkit.analysis.pipeline import analyze_conversation
from mendkit.journal.repository import Journal
from mendkit.model import Conversation
from mendkit.models.classifier import ReadingCache, available, default_classifier, readings_for

pytestmark = pytest.mark.skipif(not available(), reason="this build has no classifier")


@pytest.fixture
def cache() -> ReadingCache:
    kept = default_classifier().cache
    kept.clear()  # room for every reading below: none is forgotten for lack of space
    return kept


@pytest.fixture
def practice(sqlite_env: None, home: Path) -> Iterator[TestClient]:
    make_practice(home)
    with practice_app(home, FakeClock()) as client:
        yield client


def _draft() -> str:
    """A message no other test sends, so that no reading of it is kept from before."""
    return f"I'm sorry I was short with you about the {uuid.uuid4().hex[:8]} plans."


def _check(client: TestClient, text: str, context: list[str] | None = None) -> None:
    r = client.post("/api/check", json={"text": text, "mode": "full", "context": context or []})
    assert r.status_code == 200, r.text


def test_a_text_one_account_checked_is_no_cache_hit_for_another(
        practice: TestClient, cache: ReadingCache) -> None:
    sam, kit = signed_in(practice, "sam"), signed_in(practice, "kit")
    draft = _draft()
    _check(sam, draft)
    read_for_sam = len(cache)
    assert read_for_sam >= 1
    _check(sam, draft)  # Sam's re-check: from the cache, nothing new kept
    assert len(cache) == read_for_sam
    _check(kit, draft)  # the same words for Kit: read again, kept for Kit
    assert len(cache) == 2 * read_for_sam
    _check(kit, draft)
    _check(sam, draft)
    assert len(cache) == 2 * read_for_sam


def test_a_conversation_analysed_for_one_account_is_read_again_for_another(
        practice: TestClient, cache: ReadingCache) -> None:
    sam, robin = signed_in(practice, "sam"), signed_in(practice, "robin")
    pasted = f"Ana: You never listen.\nBen: {_draft()}\nAna: Thank you.\n"
    for who in (sam, robin, sam, robin):
        r = who.post("/api/analyze", json={"text": pasted, "mode": "full"})
        assert r.status_code == 200, r.text
    assert len(cache) == 2 * 3  # three turns, read once for each of the two


def test_a_one_person_mend_keeps_one_cache(sqlite_env: None, home: Path,
                                           cache: ReadingCache) -> None:
    with Journal.create(home, PASS, kdf=CHEAP):
        pass
    with practice_app(home, FakeClock()) as client:
        draft = _draft()
        _check(client, draft, ["You never listen."])
        kept = len(cache)
        _check(TestClient(client.app), draft, ["You never listen."])  # another tab, same person
        assert len(cache) == kept


def test_readers_are_kept_apart_when_turns_are_read_on_threads(cache: ReadingCache) -> None:
    conversation = Conversation.from_turns([("Ana", "You never listen."), ("Ben", _draft()),
                                            ("Ana", "Thank you.")])
    with readings_for("account:1"):
        analyze_conversation(conversation, mode="full", workers=3)
        analyze_conversation(conversation, mode="full", workers=3)
    assert len(cache) == 3
    with readings_for("account:2"):
        analyze_conversation(conversation, mode="full", workers=3)
    assert len(cache) == 6
