"""A practice's coach sessions and two-person answers are their people's (on SQLite and a real
PostgreSQL): never in `mend journal list/export/delete`, never another person's, and still theirs
after a restart. Also: damaged coach sessions and corrections in the journal are named, and Ctrl-D
at the passphrase prompt is a plain error."""

from __future__ import annotations

import getpass
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from practice_kit import make_practice, practice_app, signed_in, token, url
from test_accounts import CHEAP, FAST_HASH, PASS

from mendkit.cli.main import main
from mendkit.errors import InvalidInputError, NotAllowedError
from mendkit.journal.accounts import Accounts
from mendkit.journal.repository import Journal
from mendkit.journal.stores import JournalCorrectionStore, JournalSessionStore, import_plain_files

PEOPLE = (("robin", "therapist"), ("sam", "client"), ("kit", "client"))
PRIVATE = "SAM-PRIVATE: my partner yelled at me about money"


def _cli(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    capsys.readouterr()
    assert main(["journal", *args]) == 0
    return capsys.readouterr().out


def test_a_clients_coach_session_is_theirs_not_the_single_user_journals(
        backend: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
        session_id = sam.post("/api/coach", json={}).json()["id"]
        for answer in ("yes", PRIVATE):
            assert sam.post(f"/api/coach/{session_id}", json={"answer": answer}).status_code == 200
        assert kit.post(f"/api/coach/{session_id}", json={"answer": "no"}).status_code == 404
        assert session_id not in kit.get("/coach").text
    assert "SAM-PRIVATE" not in _cli(capsys, "list")
    assert "SAM-PRIVATE" not in _cli(capsys, "list", "--kind", "coach_session")
    assert "SAM-PRIVATE" not in _cli(capsys, "export", "-")
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    with practice_app(home) as web:  # a restart, after the single-user journal was deleted
        sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
        r = sam.get(f"/coach/{session_id}")
        assert r.status_code == 200
        assert f"/coach/{session_id}" in sam.get("/coach").text  # offered again, still Sam's
        r = kit.get(f"/coach/{session_id}")
        assert r.status_code == 404 and "no such coach session" in r.text
    with Journal.open(home, PASS, url=url()) as j:
        mine = JournalSessionStore(j, owner_id=_user_id(j, "sam"))
        assert mine.ids() == [session_id]
        assert PRIVATE in str(mine.load(session_id).answers)
        assert JournalSessionStore(j).ids() == []  # the single-user journal has none


def _user_id(journal: Journal, name: str) -> int:
    found = [u.id for u in Accounts(journal, hasher=FAST_HASH).users() if u.username == name]
    assert found
    return found[0]


def test_someone_elses_coach_session_cannot_be_overwritten(backend: str, home: Path) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam = signed_in(web, "sam")
        session_id = sam.post("/api/coach", json={}).json()["id"]
    with Journal.open(home, PASS, url=url()) as j:
        sams = JournalSessionStore(j, owner_id=_user_id(j, "sam"))
        session = sams.load(session_id)
        with pytest.raises(NotAllowedError, match="someone else's"):
            JournalSessionStore(j, owner_id=_user_id(j, "kit")).save(session)
        with pytest.raises(NotAllowedError, match="someone else's"):
            JournalSessionStore(j).save(session)
        assert sams.load(session_id) == session


def test_two_person_answers_in_a_practice_are_not_in_the_single_user_journal(
        backend: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam, kit = signed_in(web, "sam"), signed_in(web, "kit")
        r = sam.post("/coach/pair", data={"csrf_token": token(sam, "/coach/pair"),
                                          "name": "Samwise-Pairname"}, follow_redirects=False)
        assert r.status_code == 303, r.text
        code = r.headers["location"].rsplit("/", 1)[1]
        r = kit.post("/coach/pair/join", data={"csrf_token": token(kit, "/coach/pair"),
                                               "code": code, "name": "Kitten-Pairname"},
                     follow_redirects=False)
        assert r.status_code == 303, r.text
        assert kit.get(f"/coach/pair/{code}").status_code == 200
        assert sam.get(f"/coach/pair/{code}").status_code == 200
    exported = _cli(capsys, "export", "-")
    assert "Pairname" not in exported and code not in exported
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    with practice_app(home) as web:
        kit = signed_in(web, "kit")
        r = kit.get(f"/coach/pair/{code}/exchange")
        assert r.status_code == 200 and "ready when both of you" in r.text  # kept


# -- damaged sessions and corrections are named --------------------------------------------------
def test_a_damaged_coach_session_in_the_journal_is_named(sqlite_env: None, home: Path) -> None:
    with Journal.create(home, PASS, kdf=CHEAP) as j:
        j.put("coach_session", {"id": "0123456789ab", "format": 1, "state": "nonsense"},
              occurred_at="2026-01-01T10:00:00")
        with pytest.raises(InvalidInputError) as caught:
            JournalSessionStore(j).load("0123456789ab")
    assert str(caught.value).startswith("the journal's coach session '0123456789ab': ")
    assert '"nonsense"' in str(caught.value)


def test_a_damaged_coach_session_file_is_named_when_moved_in(sqlite_env: None,
                                                            home: Path) -> None:
    folder = home / "coach" / "sessions"
    folder.mkdir(parents=True)
    (folder / "0123456789ab.json").write_text("{not json", encoding="utf-8")
    with Journal.create(home, PASS, kdf=CHEAP) as j:
        moved = import_plain_files(j, home)  # the journal still opens: the file is set aside
    assert moved.warnings[0].startswith(f"{folder / '0123456789ab.json'} cannot be read (line 1: ")
    assert not (folder / "0123456789ab.json").exists()
    kept = folder / "unreadable" / "0123456789ab.json"
    assert kept.read_text(encoding="utf-8") == "{not json"  # nothing lost


def test_a_correction_that_cannot_be_read_is_skipped_with_a_warning(sqlite_env: None,
                                                                   home: Path) -> None:
    with Journal.create(home, PASS, kdf=CHEAP) as j:
        store = JournalCorrectionStore(j)
        j.add_entry("correction", {"text": "You never listen.", "label": "rupture.confrontation",
                                   "colour": "blue"}, occurred_at="2026-01-01T10:00:00")
        good = j.add_entry("correction", {"text": "Fine.", "label": "rupture.withdrawal",
                                          "verdict": "wrong"}, occurred_at="2026-01-01T11:00:00")
        assert [c.text for c in store] == ["Fine."]
        assert store.warnings == [
            f"journal entry {good.id - 1}: skipped a correction that cannot be read: unknown "
            "field 'colour'; expected only text, label, verdict, previous, source, note, "
            "created_at"]
        assert [c.text for c in store] == ["Fine."]
        assert len(store.warnings) == 1  # not repeated by a second reading


# -- Ctrl-D at the passphrase prompt -------------------------------------------------------------
def test_ctrl_d_at_the_passphrase_prompt_is_a_plain_error(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    monkeypatch.delenv("MEND_PASSPHRASE")
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    monkeypatch.setattr("sys.stdin.isatty", lambda: True)

    def ctrl_d(prompt: str = "") -> str:
        raise EOFError

    monkeypatch.setattr(getpass, "getpass", ctrl_d)
    capsys.readouterr()
    assert main(["journal", "list"]) == 1
    err = capsys.readouterr().err
    assert "no passphrase given; the journal stays closed" in err
    assert "Traceback" not in err and "internal error" not in err.lower()



def test_a_clients_coach_session_is_not_an_entry_to_list_or_share(backend: str,
                                                                   home: Path) -> None:
    make_practice(home, PEOPLE)
    with practice_app(home) as web:
        sam = signed_in(web, "sam")
        session_id = sam.post("/api/coach", json={}).json()["id"]
        assert sam.post(f"/api/coach/{session_id}", json={"answer": "yes"}).status_code == 200
        assert "coach_session" not in sam.get("/practice/client").text
    with Journal.open(home, PASS, url=url()) as j:
        accounts = Accounts(j, hasher=FAST_HASH)
        sam_user = next(u for u in accounts.users() if u.username == "sam")
        assert accounts.client_entries(sam_user) == []
        with pytest.raises(NotAllowedError):
            accounts.share(sam_user, _row_of(j, session_id), "robin")


def _row_of(journal: Journal, ref: str) -> int:
    from sqlalchemy import select

    from mendkit.journal.tables import EntryRow

    with journal.transaction() as s:
        found = s.scalars(select(EntryRow.id).where(EntryRow.ref == ref)).first()
    assert found is not None
    return int(found)
