"""Round 8, documentation truth and the readable view: user text is printed as it is, never read
as Rich markup (spans 1); the readable view marks evidence without colour (docs 10); a PostgreSQL
URL without the postgres extra gets the install hint (docs 1); ``benchmarks/texts.py --help``
(docs 3); the public data beside the checkout from any folder, and an empty ``MEND_SHARED_DATA``
(docs 5, 6); the web API refuses a key it does not know (docs 9)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.evaluation import public

REPO = Path(__file__).resolve().parent.parent


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


# -- spans 1: square brackets in user text ---------------------------------------------------------
@pytest.mark.parametrize("text", [
    "I'm sorry I forgot [/b], but you never remind me.",
    "I'm sorry I forgot the [link], but you never remind me.",
    "I'm sorry I was late [bold red]really[/bold red], but you never call.",
])
def test_check_prints_a_rewrite_with_square_brackets_as_it_is(
        text: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(["check", text, "--mode", "rules", "--json"], capsys)
    assert code == 0
    rewrite = json.loads(out)["rewrite"]
    assert "[" in rewrite
    code, out, err = _run(["check", text, "--mode", "rules"], capsys)
    assert code == 0, err
    assert "internal error" not in err
    assert rewrite in out


def test_analyze_prints_speaker_names_and_text_with_brackets_as_they_are(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    turns = [("[/b]Alex", "You never listen to me [/i]."), ("[red]Sam", "Fine."),
             ("[/b]Alex", "I'm sorry, that was unfair of me."), ("[red]Sam", "Thanks, it's ok.")]
    conv = tmp_path / "conv.jsonl"
    conv.write_text("".join(json.dumps({"speaker": s, "text": t}) + "\n" for s, t in turns),
                    encoding="utf-8")
    for columns in ("120", "40"):  # the episodes as a table, and as lines
        monkeypatch.setenv("COLUMNS", columns)
        code, out, err = _run(["analyze", str(conv), "--mode", "rules"], capsys)
        assert code == 0, err
        assert "[/b]Alex: You never listen to me [/i]." in out
        assert "[red]Sam: Fine." in out
        assert "[/b]Alex" in out.split("Episodes", 1)[1]  # who repaired


def test_the_batch_report_names_an_output_path_with_brackets(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "in.jsonl"
    corpus.write_text(json.dumps({"conversation_id": "c1", "speaker": "A",
                                  "text": "You never listen."}) + "\n", encoding="utf-8")
    out_path = tmp_path / "out[/b].jsonl"
    code, _, err = _run(["batch", str(corpus), "--out", str(out_path), "--no-progress",
                         "--workers", "1", "--mode", "rules"], capsys)
    assert code == 0, err
    assert f"written to {out_path}" in " ".join(err.split())


# -- docs 10: evidence without colour --------------------------------------------------------------
def test_the_readable_view_quotes_the_evidence_when_output_has_no_colour(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    conv = tmp_path / "conv.txt"
    conv.write_text("Alex: You never listen to me.\nSam: Fine.\n", encoding="utf-8")
    code, out, _ = _run(["analyze", str(conv), "--mode", "rules"], capsys)
    assert code == 0
    assert "\x1b[" not in out  # captured output: no styling at all
    label_line = next(line for line in out.splitlines() if "rupture.confrontation" in line)
    assert '"You never"' in label_line


# -- docs 1: PostgreSQL without the postgres extra -------------------------------------------------
def test_a_postgres_url_without_psycopg_says_which_extra_to_install(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    pytest.importorskip("sqlalchemy")
    monkeypatch.setitem(sys.modules, "psycopg", None)  # import psycopg: ModuleNotFoundError
    monkeypatch.setenv("MEND_PASSPHRASE", "abcdefghijkl")
    monkeypatch.setenv("MEND_DATABASE_URL", "postgresql+psycopg://u@127.0.0.1:1/db")
    code, _, err = _run(["journal", "list"], capsys)
    assert code == 1
    assert "pip install 'mendkit[postgres]'" in err
    assert "not a database URL" not in err
    assert "Traceback" not in err


# -- docs 3: benchmarks/texts.py --help ------------------------------------------------------------
def test_benchmark_texts_script_answers_help() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "texts.py"), "--help"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    assert "usage:" in done.stdout
    assert "Traceback" not in done.stderr


def test_benchmark_texts_script_refuses_a_count_that_is_not_a_number() -> None:
    done = subprocess.run([sys.executable, str(REPO / "benchmarks" / "texts.py"), "ten"],
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert "invalid" in done.stderr


# -- docs 5, 6: where the public data is found -----------------------------------------------------
def test_public_data_beside_the_checkout_is_found_from_another_folder(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEND_SHARED_DATA", raising=False)
    beside = REPO.parent / "shared" / "data"
    if not beside.is_dir():
        pytest.skip("no shared data beside this checkout")
    monkeypatch.chdir(tmp_path)
    found = public.find_shared_data()
    assert found is not None and found.resolve() == beside.resolve()


def test_an_empty_mend_shared_data_is_named_as_the_reason_to_skip(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_SHARED_DATA", "")
    assert public.find_shared_data() is None
    assert public.skipped_because() == "MEND_SHARED_DATA is set empty"
    monkeypatch.setenv("MEND_SHARED_DATA", "  ")
    assert public.skipped_because() == "MEND_SHARED_DATA is set empty"
    monkeypatch.delenv("MEND_SHARED_DATA")
    assert "no shared data found" in public.skipped_because()


# -- docs 9: the journal API refuses a key it does not know ----------------------------------------
def _opened_web_journal(home: Path) -> object:
    pytest.importorskip("fastapi")
    pytest.importorskip("sqlcipher3")
    import re

    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=home, journal_kdf=(1, 8, 1))))
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/journal").text)
    assert found
    passphrase = "correct horse battery"
    r = client.post("/journal/create", data={"csrf_token": found.group(1),
                                             "passphrase": passphrase, "repeat": passphrase})
    assert r.status_code == 200
    return client


def test_the_journal_api_refuses_type_instead_of_kind(tmp_path: Path) -> None:
    client: object = _opened_web_journal(tmp_path / "home")
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    r = client.post("/api/journal/relationships", json={"name": "Kim", "type": "friend"})
    assert r.status_code == 422
    assert "type" in r.json()["error"]
    assert client.get("/api/journal/relationships").json() == []
    r = client.post("/api/journal/relationships", json={"name": "Kim", "kind": "friend"})
    assert r.status_code == 201 and r.json()["kind"] == "friend"
    r = client.post("/api/journal/entries", json={"kind": "checkin", "relationship_id": 1,
                                                  "body": {"score": 4}, "when": "2024-01-01"})
    assert r.status_code == 422
    assert "when" in r.json()["error"]
    assert client.get("/api/journal/entries").json() == []


def test_the_journal_api_refuses_a_misspelt_key_in_an_entry_body(tmp_path: Path) -> None:
    client: object = _opened_web_journal(tmp_path / "home")
    from fastapi.testclient import TestClient

    assert isinstance(client, TestClient)
    sent: dict[str, object] = {"kind": "rupture", "body": {"what": "x", "severty": 4}}
    refused = client.post("/api/journal/entries", json=sent)
    assert refused.status_code == 422 and "severty" in refused.json()["error"]
    assert client.get("/api/journal/entries").json() == []
    sent["body"] = {"what": "x", "severity": 4}
    assert client.post("/api/journal/entries", json=sent).status_code == 201
