"""Round 15 (a year of one person's journal): correcting it without deleting everything.

`mend journal delete --entry ID`, `delete --rel ID` (with its entries) and `rename --rel ID`, on
SQLite and PostgreSQL, with insights that follow and old text overwritten in the file; `mend coach
--rel` and a session saved under the relationship its "who" names; `add --kind analysis --rel`;
and a wrong passphrase that says it may have been changed in another window.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.journal.repository import Journal

ANGRY = "wrote-this-in-anger-5521"
KEPT = "kept-rupture-about-dishes-7781"
OLD_NAME = "Realname-Okafor-3390"


def _fill() -> None:
    """Jordan (1): two ruptures, a repair, a check-in; Dev (2): a rupture and a check-in."""
    assert main(["journal", "init"]) == 0
    for name, kind in (("Jordan", "partner"), (OLD_NAME, "colleague")):
        assert main(["journal", "add", "--kind", "relationship", "--name", name,
                     "--type", kind]) == 0
    for args in (["rupture", "1", "--text", KEPT, "--when", "2026-03-01T10:00:00+00:00"],
                 ["rupture", "1", "--text", ANGRY, "--when", "2026-03-05T10:00:00+00:00"],
                 ["repair", "1", "--text", "sorry about the dishes", "--uptake", "accepted",
                  "--when", "2026-03-01T12:00:00+00:00"],
                 ["checkin", "1", "--score", "6", "--when", "2026-03-06T09:00:00+00:00"],
                 ["rupture", "2", "--text", "the meeting went badly", "--when",
                  "2026-03-02T10:00:00+00:00"],
                 ["checkin", "2", "--score", "4", "--when", "2026-03-03T09:00:00+00:00"]):
        kind, rel, *rest = args
        assert main(["journal", "add", "--kind", kind, "--rel", rel, *rest]) == 0


def _insights(rel: int, capsys: pytest.CaptureFixture[str]) -> dict[str, object]:
    capsys.readouterr()
    assert main(["insights", "--rel", str(rel), "--json"]) == 0
    figures: dict[str, object] = json.loads(capsys.readouterr().out)
    return figures


def _export(home: Path) -> dict[str, object]:
    url = os.environ.get("MEND_DATABASE_URL")
    with Journal.open(home, os.environ["MEND_PASSPHRASE"], url=url) as journal:
        return journal.export()


# -- 1. one entry, one relationship, a new name ------------------------------------------------
def test_delete_one_entry_and_insights_follow(
        backend: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    assert _insights(1, capsys)["ruptures"] == 2
    capsys.readouterr()
    assert main(["journal", "delete", "--entry", "2", "--yes"]) == 0
    out = capsys.readouterr().out
    assert "deleted rupture 2" in out
    data = _export(home)
    texts = json.dumps(data["entries"])
    assert ANGRY not in texts and KEPT in texts
    assert len(data["entries"]) == 5  # type: ignore[arg-type]
    assert _insights(1, capsys)["ruptures"] == 1
    assert _insights(2, capsys)["ruptures"] == 1  # the other relationship is as it was


def test_an_unknown_id_is_named_and_nothing_changes(
        backend: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    before = _export(home)
    capsys.readouterr()
    for args, named in ((["delete", "--entry", "99", "--yes"], "no entry with id 99"),
                        (["delete", "--rel", "7", "--yes"], "no relationship with id 7"),
                        (["rename", "--rel", "7", "--name", "X"], "no relationship with id 7")):
        assert main(["journal", *args]) == 1
        err = capsys.readouterr().err
        assert named in err and "nothing was" in err and "Traceback" not in err
    assert main(["journal", "rename", "--rel", "1", "--name", "   "]) == 1
    assert "needs a name" in capsys.readouterr().err
    assert _export(home) == before


def test_delete_a_relationship_asks_says_how_many_and_keeps_the_others(
        backend: str, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import io

    _fill()
    capsys.readouterr()
    monkeypatch.setattr("sys.stdin", io.StringIO("n\n"))
    assert main(["journal", "delete", "--rel", "1"]) == 0
    out = capsys.readouterr().out
    assert "4 entries" in out and "Jordan" in out and "nothing deleted" in out
    assert len(_export(home)["entries"]) == 6  # type: ignore[arg-type]
    monkeypatch.setattr("sys.stdin", io.StringIO("y\n"))
    assert main(["journal", "delete", "--rel", "1"]) == 0
    assert "deleted relationship 1 (Jordan) and its 4 entries" in capsys.readouterr().out
    data = _export(home)
    assert [r["name"] for r in data["relationships"]] == [OLD_NAME]  # type: ignore[index]
    assert {e["relationship_id"] for e in data["entries"]} == {2}  # type: ignore[index]
    assert main(["insights", "--rel", "1"]) == 1
    assert "no relationship with id 1" in capsys.readouterr().err
    assert _insights(2, capsys)["ruptures"] == 1


def test_rename_keeps_the_entries_and_the_figures(
        backend: str, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    before = _insights(2, capsys)
    capsys.readouterr()
    assert main(["journal", "rename", "--rel", "2", "--name", "Dev (pseudonym)"]) == 0
    assert f"from {OLD_NAME} to Dev (pseudonym)" in capsys.readouterr().out
    after = _insights(2, capsys)
    assert after["relationship"] == {"id": 2, "name": "Dev (pseudonym)"}
    assert {k: v for k, v in after.items() if k != "relationship"} == {
        k: v for k, v in before.items() if k != "relationship"}
    assert OLD_NAME not in json.dumps(_export(home))


def test_help_names_the_new_actions(capsys: pytest.CaptureFixture[str]) -> None:
    for args in (["journal", "delete", "--help"], ["journal", "rename", "--help"],
                 ["coach", "--help"]):
        with pytest.raises(SystemExit):
            main(args)
        out = capsys.readouterr().out
        assert "--rel" in out
    with pytest.raises(SystemExit):
        main(["journal", "delete", "--help"])
    assert "--entry" in capsys.readouterr().out


# -- 2. old text overwritten in the file (an unencrypted journal, where it would be readable) -----
def _plain_blob(home: Path) -> bytes:
    return b"".join(p.read_bytes() for p in home.glob("journal.db*"))


def test_deleted_and_renamed_text_is_gone_from_the_file_and_wal(
        sqlite_env: None, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("MEND_PASSPHRASE")
    assert main(["journal", "init", "--no-encryption"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", OLD_NAME]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Priya"]) == 0
    long_angry = ANGRY + " " + "and then more words " * 300  # spills onto overflow pages
    for rel, text in (("1", long_angry), ("1", KEPT), ("2", "priya-only-text-4471"),
                      ("2", "priya-second-text-9912")):
        assert main(["journal", "add", "--kind", "rupture", "--rel", rel, "--text", text]) == 0
    blob = _plain_blob(home)
    assert ANGRY.encode() in blob and b"priya-only-text-4471" in blob  # readable before
    assert main(["journal", "delete", "--entry", "1", "--yes"]) == 0
    assert main(["journal", "delete", "--rel", "2", "--yes"]) == 0
    assert main(["journal", "rename", "--rel", "1", "--name", "Dev"]) == 0
    blob = _plain_blob(home)
    for gone in (ANGRY, "priya-only-text-4471", "priya-second-text-9912", OLD_NAME):
        assert gone.encode() not in blob, gone
    assert KEPT.encode() in blob and b"Dev" in blob


# -- 3. coach sessions and analyses saved under a relationship -------------------------------------
def _coach(tmp_path: Path, who: str, *extra: str) -> int:
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(["", "yes", who, "partner"]), encoding="utf-8")
    return main(["coach", "--answers", str(answers), *extra])


def _sessions(home: Path) -> list[int | None]:
    return [e["relationship_id"] for e in _export(home)["entries"]  # type: ignore[attr-defined]
            if e["kind"] == "coach_session"]


def test_coach_saves_under_the_relationship_its_who_names(
        sqlite_env: None, home: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    capsys.readouterr()
    assert _coach(tmp_path, "jordan (he/him)") == 0
    assert "Saved in your journal under relationship 1 (Jordan)." in capsys.readouterr().out
    assert _coach(tmp_path, "Sam") == 0
    out = capsys.readouterr().out
    assert "with no relationship" in out and "none of your relationships is called Sam" in out
    assert _coach(tmp_path, "Sam", "--rel", "2") == 0
    assert f"under relationship 2 ({OLD_NAME})" in capsys.readouterr().out
    assert _sessions(home) == [1, None, 2]
    capsys.readouterr()
    assert main(["journal", "list", "--rel", "2", "--kind", "coach_session"]) == 0
    assert "coach session: about Sam" in capsys.readouterr().out


def test_coach_rel_is_checked_first_and_links_a_resumed_session(
        sqlite_env: None, home: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    capsys.readouterr()
    assert _coach(tmp_path, "Jordan", "--rel", "9") == 1
    assert "no relationship with id 9" in capsys.readouterr().err
    assert _sessions(home) == []  # nothing was saved
    assert _coach(tmp_path, "Sam") == 0
    session_id = _export(home)["entries"][-1]["body"]["id"]  # type: ignore[index]
    (tmp_path / "none.json").write_text("[]", encoding="utf-8")
    capsys.readouterr()
    assert main(["coach", "--resume", session_id, "--rel", "1", "--answers",
                 str(tmp_path / "none.json")]) == 0
    assert "under relationship 1 (Jordan)" in capsys.readouterr().out
    assert _sessions(home) == [1]
    assert main(["coach", "--pair", "--rel", "1"]) == 1
    assert "--rel" in capsys.readouterr().err


def test_coach_rel_without_a_journal_is_refused(
        home: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert _coach(tmp_path, "Jordan", "--rel", "1") == 1
    assert "no journal here" in capsys.readouterr().err


def test_a_renamed_relationship_keeps_its_coach_sessions(
        sqlite_env: None, home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A session saved with no relationship counts for the relationship it names (insights);
    after a rename it is still theirs, and deleting the relationship deletes it too."""
    _fill()
    session = {"id": "a1b2c3d4e5f6", "state": "done", "answers": {
        "recognise_who": "Jordan (he/him)", "rebuild_message": "I am sorry I walked out.",
        "rebuild_follow_up": "2026-03-08T10:00:00+00:00", "follow_up_uptake": "yes"}}
    with Journal.open(home, os.environ["MEND_PASSPHRASE"]) as journal:
        journal.put("coach_session", session, occurred_at="2026-03-07T10:00:00+00:00")
    before = _insights(1, capsys)
    assert before["repair_attempts"] == 2
    assert main(["journal", "rename", "--rel", "1", "--name", "J"]) == 0
    assert _insights(1, capsys)["repair_attempts"] == 2
    capsys.readouterr()
    assert main(["journal", "delete", "--rel", "1", "--yes"]) == 0
    assert "its 5 entries" in capsys.readouterr().out  # the coach session included
    assert _sessions(home) == []


def test_an_analysis_is_saved_under_rel(
        sqlite_env: None, home: Path, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    transcript = tmp_path / "t.txt"
    transcript.write_text("A: You never listen to me.\nB: I'm sorry, you're right.\n",
                          encoding="utf-8")
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "analysis", "--client", "C1", "--file",
                 str(transcript), "--mode", "rules", "--rel", "1"]) == 0
    assert "saved under relationship 1 (Jordan)" in capsys.readouterr().out
    assert main(["journal", "add", "--kind", "analysis", "--client", "C1", "--file",
                 str(transcript), "--mode", "rules"]) == 0
    assert "with no relationship" in capsys.readouterr().err
    analyses = [e["relationship_id"] for e in _export(home)["entries"]  # type: ignore[attr-defined]
                if e["kind"] == "analysis"]
    assert analyses == [1, None]


# -- 4. a passphrase changed in another window --------------------------------------------------
def test_the_old_passphrase_after_a_rekey_says_it_may_have_changed(
        backend: str, home: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    _fill()
    before = _export(home)
    monkeypatch.setenv("MEND_NEW_PASSPHRASE", "a brand new passphrase")
    assert main(["journal", "rekey"]) == 0  # "the other window"
    capsys.readouterr()
    assert main(["journal", "add", "--kind", "checkin", "--rel", "1", "--score", "5"]) == 1
    err = capsys.readouterr().err
    assert "changed in another window" in err and "use the new one" in err
    assert "nothing was changed" in err and "Traceback" not in err
    monkeypatch.setenv("MEND_PASSPHRASE", "a brand new passphrase")
    assert _export(home) == before
