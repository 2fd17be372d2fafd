"""Round 9: privacy of the journal and of saved analyses. A two-person answer kept private is shown
by no journal read (pages, API, exports, `mend journal list` and `show`); locking the journal and
deleting everything forget the cached analyses; the CLI refuses a short passphrase; an export
says it is not encrypted; delete says backups are not touched."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")
pytest.importorskip("sqlcipher3")

from fastapi.testclient import TestClient

from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.web import create_app

CHEAP_KDF = (1, 8, 1)  # argon2id time_cost, memory_kib, parallelism: tests only
PASS = "correct horse battery"
SECRET = "DANA-PRIVATE-otterlamp-5521"
SHARED = "dana-shared-quillfen-8830"


def token(client: TestClient, page: str = "/journal") -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found, f"no CSRF token on {page}"
    return found.group(1)


@pytest.fixture
def home(tmp_path: Path) -> Path:
    return tmp_path / "home"


@pytest.fixture
def app(home: Path) -> object:
    return create_app(Settings(home=home, journal_kdf=CHEAP_KDF))


@pytest.fixture
def opened(app: object) -> TestClient:
    """A client whose app has a new journal, unlocked."""
    client = TestClient(app)  # type: ignore[arg-type]
    r = client.post("/journal/create", data={"csrf_token": token(client), "passphrase": PASS,
                                             "repeat": PASS})
    assert r.status_code == 200
    return client


def _pair_with_a_private_answer(app: object) -> tuple[TestClient, TestClient]:
    """Dana starts a two-person session, Sam joins, Dana answers twice: once kept private."""
    dana, sam = TestClient(app), TestClient(app)  # type: ignore[arg-type]
    r = dana.post("/coach/pair", data={"csrf_token": token(dana, "/coach/pair"), "name": "Dana"},
                  follow_redirects=False)
    code = r.headers["location"].rsplit("/", 1)[1]
    r = sam.post("/coach/pair/join", data={"csrf_token": token(sam, "/coach/pair"),
                                           "code": code, "name": "Sam"})
    assert r.status_code == 200
    for key, answer, share in (("safe", "yes", "no"), ("feelings", SECRET, "no"),
                               ("reality", SHARED, "yes")):
        r = dana.post(f"/coach/pair/{code}", data={
            "csrf_token": token(dana, f"/coach/pair/{code}"), "key": key, "answer": answer,
            "share": share})
        assert r.status_code == 200
    return dana, sam


# -- pair bug 1: a private answer is shown by no journal read ----------------------------------
def test_a_private_pair_answer_is_shown_by_no_journal_page_api_or_export(
        app: object, opened: TestClient) -> None:
    _, sam = _pair_with_a_private_answer(app)
    entries = sam.get("/api/journal/entries").json()
    (pair,) = [e for e in entries if e["kind"] == "coach_pair" and e["body"]["role"] == "first"]
    assert pair["body"]["answers"]["answers"] == {"feelings": "kept private", "reality": SHARED}
    for url in ("/api/journal/entries", "/journal/export.json", "/journal/export.csv",
                f"/journal/entries/{pair['id']}"):
        r = sam.get(url)
        assert r.status_code == 200, url
        assert SECRET not in r.text, url
        assert "kept private" in r.text, url
    exported = json.loads(sam.get("/journal/export.json").text)
    (first,) = [e for e in exported["entries"] if e["kind"] == "coach_pair"
                and e["body"]["role"] == "first"]
    assert first["body"]["answers"]["answers"]["feelings"] == "kept private"
    rows = list(csv.reader(io.StringIO(sam.get("/journal/export.csv").text)))
    assert any("kept private" in row[-1] and SHARED in row[-1] for row in rows if row)


def test_journal_list_show_and_export_keep_a_private_pair_answer_private(
        app: object, opened: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _pair_with_a_private_answer(app)
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    capsys.readouterr()
    assert main(["journal", "list"]) == 0
    assert SECRET not in capsys.readouterr().out
    assert main(["journal", "list", "--json"]) == 0
    out = capsys.readouterr().out
    assert SECRET not in out and "kept private" in out
    ids = [e["id"] for e in json.loads(out)["entries"] if e["kind"] == "coach_pair"]
    assert ids
    shown = ""
    for entry_id in ids:
        for readable in ([], ["--json"]):
            assert main(["journal", "show", str(entry_id), *readable]) == 0
            shown += capsys.readouterr().out
    assert SECRET not in shown and "kept private" in shown
    for fmt in ("json", "csv"):
        target = home.parent / f"out.{fmt}"
        assert main(["journal", "export", str(target), "--format", fmt]) == 0
        text = target.read_text(encoding="utf-8")
        assert SECRET not in text and "kept private" in text and SHARED in text


# -- privacy bug 1: lock and delete forget the cached analyses ----------------------------------
def _saved_analysis(client: TestClient) -> str:
    r = client.post("/analyse", data={
        "csrf_token": token(client, "/analyse"), "mode": "rules",
        "text": "Client: My father hit me, sealionsecret.\nTherapist: That sounds frightening."},
        follow_redirects=False)
    key = r.headers["location"].rsplit("/", 1)[1]
    r = client.post(f"/analyse/{key}/save", data={"csrf_token": token(client, f"/analyse/{key}"),
                                                  "client": "Client-Q"}, follow_redirects=False)
    assert "stored=" in r.headers["location"]
    return key


def _gone(app: object, key: str) -> None:
    fresh = TestClient(app)  # type: ignore[arg-type]
    for url in (f"/analyse/{key}", f"/analyse/{key}/export.json", f"/analyse/{key}/export.csv"):
        r = fresh.get(url)
        assert r.status_code == 404, url
        assert "sealionsecret" not in r.text
        assert "That result is no longer here" in r.text


def test_locking_the_journal_forgets_the_cached_analyses(app: object, opened: TestClient) -> None:
    key = _saved_analysis(opened)
    assert opened.get(f"/analyse/{key}").status_code == 200
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    _gone(app, key)


def test_deleting_everything_forgets_the_cached_analyses(app: object, opened: TestClient) -> None:
    key = _saved_analysis(opened)
    r = opened.post("/journal/delete", data={"csrf_token": token(opened, "/about"),
                                             "confirm": "DELETE"})
    assert r.status_code == 200
    _gone(app, key)


# -- privacy bug 4: the CLI refuses a short passphrase ------------------------------------------
@pytest.fixture
def cli_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    home = tmp_path / "cli-home"
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    return home


def test_init_refuses_a_short_passphrase(cli_home: Path, monkeypatch: pytest.MonkeyPatch,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", "ab")
    assert main(["journal", "init"]) == 1
    out, err = capsys.readouterr()
    assert "journal created" not in out
    assert "at least 8 characters" in err and "Traceback" not in err
    assert not (cli_home / "journal.db").exists()


def test_rekey_refuses_a_short_new_passphrase(cli_home: Path, monkeypatch: pytest.MonkeyPatch,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    assert main(["journal", "init"]) == 0
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "x")
    capsys.readouterr()
    assert main(["journal", "rekey"]) == 1
    out, err = capsys.readouterr()
    assert "passphrase changed" not in out
    assert "at least 8 characters" in err and "nothing was changed" in err
    assert main(["journal", "list"]) == 0  # the old passphrase still opens it


# -- privacy bug 5: export says what it wrote, and that it is not encrypted ---------------------
def test_export_says_on_stderr_that_the_file_is_not_encrypted(
        cli_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "rupture", "--text", "He called me lazy"]) == 0
    capsys.readouterr()
    target = tmp_path / "out.json"
    assert main(["journal", "export", str(target)]) == 0
    out, err = capsys.readouterr()
    assert out == ""
    assert f"exported 0 relationships and 1 entry to {target}" in err and "NOT encrypted" in err
    assert main(["journal", "export", "-"]) == 0
    out, err = capsys.readouterr()
    assert json.loads(out)["entries"][0]["body"]["what"] == "He called me lazy"
    assert "NOT encrypted" in err


# -- privacy bug 6: delete says backups and exports are not touched -----------------------------
def test_delete_all_says_backups_and_exports_are_not_touched(
        cli_home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "delete", "--all", "--yes"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("deleted everything")
    assert "backups and exports made earlier are not touched" in out.lower() and "by hand" in out


def test_settings_delete_says_backups_and_exports_are_not_touched(opened: TestClient) -> None:
    page = opened.get("/about").text
    assert "Backups and exports made earlier are not touched" in page and "by hand" in page
    r = opened.post("/journal/delete", data={"csrf_token": token(opened, "/about"),
                                             "confirm": "DELETE"})
    notice = re.search(r'<p class="notice" role="status">([^<]*(?:<code>[^<]*</code>[^<]*)*)</p>',
                       r.text)
    assert notice and "Everything in the journal is deleted" in notice.group(1)
    assert "Backups and exports made earlier are not touched" in notice.group(1)


# -- privacy bug 2: neutral page titles -------------------------------------------------------
def test_relationship_and_insights_titles_hold_no_name(opened: TestClient) -> None:
    r = opened.post("/journal/relationships", data={"csrf_token": token(opened), "name": 'Ocelotname Quince',
                                                    "kind": "partner", "notes": ""})
    rel = int(str(r.url).rsplit("/", 1)[1])
    for url, title in ((f"/journal/relationships/{rel}", f"Relationship {rel}"),
                       (f"/journal/relationships/{rel}/insights", "Insights")):
        page = opened.get(url).text
        found = re.search(r"<title>([^<]*)</title>", page)
        assert found, url
        assert 'Ocelotname Quince' not in found.group(1) and found.group(1).startswith(title), found.group(1)
        assert 'Ocelotname Quince' in page  # still in the page's body


# -- re-run: a passphrase changed by another process forgets the cached results too ------------
def test_a_rekey_elsewhere_forgets_the_cached_analyses(
        app: object, opened: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    r = opened.post("/analyse", data={"csrf_token": token(opened, "/analyse"), "mode": "rules",
                                      "text": "Ana: You never listen, quokkasecret.\nBen: Fine."},
                    follow_redirects=False)
    result = r.headers["location"]
    assert opened.get(result).status_code == 200
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "a brand new passphrase")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    assert main(["journal", "rekey"]) == 0  # as another process would
    r = TestClient(app).get(result)  # type: ignore[arg-type]
    assert r.status_code == 404 and "quokkasecret" not in r.text


# -- re-run: export and import say what "kept private" means --------------------------------------
def test_export_and_import_say_private_pair_answers_read_kept_private(
        app: object, opened: TestClient, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    tmp_path = home.parent
    _pair_with_a_private_answer(app)
    opened.post("/journal/lock", data={"csrf_token": token(opened)})
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", PASS)
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    target = tmp_path / "out.json"
    capsys.readouterr()
    assert main(["journal", "export", str(target)]) == 0
    err = capsys.readouterr().err
    assert "1 two-person answer kept private is written as \"kept private\"" in err
    assert "mend journal backup" in err
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "restored"))
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(target)]) == 0
    err = capsys.readouterr().err
    assert "1 two-person answer read \"kept private\"" in err
