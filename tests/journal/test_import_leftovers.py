"""Leftovers of `mend journal import`: times an earlier version stored as typed (" 2026-11-20")
export and import back normalised, and a malformed analysis is refused naming the field and what
was expected, never in Python's words."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli.main import main
from mendkit.journal.repository import Journal

PASS = "correct horse battery staple"  # the journal fixtures' MEND_PASSPHRASE


def _export_file(path: Path, entries: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps({"format": "mend-journal/1", "relationships": [
        {"id": 1, "kind": "family", "name": "Sis", "notes": ""}], "entries": entries}),
        encoding="utf-8")
    return path


def _rupture(occurred_at: str) -> dict[str, Any]:
    return {"id": 1, "kind": "rupture", "relationship_id": 1, "occurred_at": occurred_at,
            "body": {"what": "borrowed car"}}


# -- regress-report 3: times stored as typed by an earlier version ------------------------------
def test_an_export_of_a_time_stored_with_spaces_imports_back_into_a_new_journal(
        sqlite_env: None, home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["journal", "init"]) == 0
    with Journal.open(home, PASS) as journal:  # as the version before the fix stored it
        rel = journal.add_relationship("Sis", "family")
        journal.add_entry("rupture", {"what": "borrowed car"}, occurred_at=" 2026-11-20",
                          relationship_id=rel.id)
        journal.add_entry("rupture", {"what": "late again"}, occurred_at="2026-11-21T18:30 ",
                          relationship_id=rel.id)
    exported = tmp_path / "exp.json"
    assert main(["journal", "export", str(exported)]) == 0
    times = [e["occurred_at"] for e in json.loads(exported.read_text("utf-8"))["entries"]]
    assert times == ["2026-11-20", "2026-11-21T18:30"]

    monkeypatch.setenv("MEND_HOME", str(tmp_path / "home2"))
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(exported)]) == 0, capsys.readouterr().err
    with Journal.open(tmp_path / "home2", PASS) as journal:
        assert [(e.occurred_at, e.body["what"]) for e in journal.entries()] == [
            ("2026-11-20", "borrowed car"), ("2026-11-21T18:30", "late again")]


@pytest.mark.parametrize(("typed", "stored"), [
    (" 2026-11-20", "2026-11-20"),
    ("2026-11-21T18:30 ", "2026-11-21T18:30"),
    ("2026-W49", "2026-11-30"),  # read as `mend journal add --when` reads it
    ("20261201", "2026-12-01"),
    ("2026-11-02T10:00:00+05:30", "2026-11-02T10:00:00+05:30"),  # kept exactly
])
def test_import_reads_a_time_as_the_rest_of_mend_does_and_stores_it_normalised(
        sqlite_env: None, home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], *,
        typed: str, stored: str) -> None:
    path = _export_file(tmp_path / "exp.json", [_rupture(typed)])
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 0, capsys.readouterr().err
    with Journal.open(home, PASS) as journal:
        assert [e.occurred_at for e in journal.entries()] == [stored]


def test_import_keeps_a_time_it_cannot_read_with_a_warning_naming_the_entry(
        sqlite_env: None, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An earlier Mend kept free-text times: its journal's export must import again."""
    path = _export_file(tmp_path / "exp.json", [_rupture("last tuesday")])
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 0
    err = capsys.readouterr().err
    assert (f"warning: {path}: entries[0]: the time 'last tuesday' is not an ISO date and "
            "time") in err
    assert "Traceback" not in err
    out = tmp_path / "again.json"
    assert main(["journal", "export", str(out)]) == 0
    entries = json.loads(out.read_text(encoding="utf-8"))["entries"]
    assert [e["occurred_at"] for e in entries if e["kind"] == "rupture"] == ["last tuesday"]


# -- regress-report 6: a malformed analysis is refused naming the field -------------------------
@pytest.fixture
def analysis(tmp_path: Path) -> dict[str, Any]:
    """What `mend analyze --json --mode rules` writes for a short talk."""
    from mendkit.api import analyze, load_conversation

    talk = tmp_path / "t.txt"
    talk.write_text("A: You never help.\nB: Whatever.\n", encoding="utf-8")
    return analyze(load_conversation(str(talk)), mode="rules").to_dict()


def _set(path: str, value: object) -> Any:
    """A change to an analysis: the value at a dotted path (``turns.0.labels``) replaced."""
    def change(analysis: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = analysis
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value
    return change


MALFORMED = [
    (_set("turns.0.labels", [None]),
     "analysis.turns[0].labels[0] must be a label name (text), not nothing (null)"),
    (_set("turns.0.labels", None),
     "analysis.turns[0].labels must be a list of label names, not nothing (null)"),
    (_set("conversation.speakers", None),
     "analysis.conversation.speakers must be a list of names, not nothing (null)"),
    (_set("turns.0.index", "x"), "analysis.turns[0].index must be a whole number, not text"),
    (_set("turns.1.evidence.0.start", "0"),
     "analysis.turns[1].evidence[0].start must be a whole number, not text"),
    (_set("turns.0.scores", {"rupture.confrontation": "high"}),
     "analysis.turns[0].scores[\"rupture.confrontation\"] must be a number, not text"),
    (_set("episodes.0.status", "fine"),
     "analysis.episodes[0].status must be resolved, attempted or unresolved, not 'fine'"),
    (_set("episodes.0.seconds_to_repair", "soon"),
     "analysis.episodes[0].seconds_to_repair must be a number or null, not text"),
    (_set("safety.crisis", "no"), "analysis.safety.crisis must be true or false, not text"),
    (_set("conversation.id", 5), "analysis.conversation.id must be text, not a number"),
    (lambda a: a["turns"][0].pop("speaker"), "analysis.turns[0] has no \"speaker\""),
]


@pytest.mark.parametrize(("change", "expected"), MALFORMED)
def test_import_refuses_a_malformed_analysis_naming_the_field_and_what_was_expected(
        sqlite_env: None, tmp_path: Path, analysis: dict[str, Any],
        capsys: pytest.CaptureFixture[str], *, change: Any, expected: str) -> None:
    assert analysis["episodes"], "the talk should give an episode to spoil"
    spoiled = copy.deepcopy(analysis)
    change(spoiled)
    path = _export_file(tmp_path / "m.json", [
        {"id": 1, "kind": "analysis", "relationship_id": None, "occurred_at": "2026-11-05",
         "body": {"client": "C", "analysis": spoiled}}])
    assert main(["journal", "init"]) == 0
    capsys.readouterr()
    assert main(["journal", "import", str(path)]) == 1
    err = capsys.readouterr().err
    assert f"{path}: entries[0]: " in err and expected in err, err
    for python_words in ("not supported between", "object is not iterable", "invalid literal",
                         "Traceback"):
        assert python_words not in err
    assert main(["journal", "list"]) == 0
    assert capsys.readouterr().out == "Your journal is empty.\n"  # nothing was imported


def test_the_unspoiled_analysis_still_imports(
        sqlite_env: None, home: Path, tmp_path: Path, analysis: dict[str, Any],
        capsys: pytest.CaptureFixture[str]) -> None:
    path = _export_file(tmp_path / "m.json", [
        {"id": 1, "kind": "analysis", "relationship_id": None, "occurred_at": "2026-11-05",
         "body": {"client": "C", "analysis": analysis}}])
    assert main(["journal", "init"]) == 0
    assert main(["journal", "import", str(path)]) == 0, capsys.readouterr().err
    with Journal.open(home, PASS) as journal:
        assert journal.entries()[0].body["analysis"] == analysis
