"""Corrections and personal heads at their edges: exports that must not clobber Mend's own files,
hand-edited files that must not mute crisis rules or crash, and messages with no words."""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

import pytest

import mendkit
from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS
from mendkit.models import personal
from mendkit.models.classifier import OUTPUT_LABELS

WITHDRAWAL = "rupture.withdrawal"
CRISIS_RULE = "crisis/suicide-explicit-01"


@pytest.fixture
def home() -> Path:
    return Path(os.environ["MEND_HOME"])  # set per test by the autouse fixture in conftest


def _line(**fields: object) -> str:
    return json.dumps({"label": WITHDRAWAL, "verdict": "wrong", **fields})


# -- 1: --export never overwrites Mend's own files ------------------------------------------------
def test_export_onto_the_corrections_file_is_refused_and_keeps_it(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "Leave me alone.", "--label", WITHDRAWAL, "--note", "my note"]) == 0
    store = home / "corrections.jsonl"
    before = store.read_bytes()
    assert main(["correct", "--export", str(store)]) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {store}" in err and "Traceback" not in err
    assert store.read_bytes() == before
    assert [c.note for c in CorrectionStore(home)] == ["my note"]


def test_export_onto_the_journal_is_refused_and_keeps_it(
        home: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.setenv("MEND_PASSPHRASE", "long enough pw")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    assert main(["journal", "init"]) == 0
    assert main(["correct", "Leave me alone.", "--label", WITHDRAWAL]) == 0
    journal = home / "journal.db"
    size = journal.stat().st_size
    for target in (journal, home / "journal.db.kdf.json"):
        assert main(["correct", "--export", str(target)]) == 1
        assert "outside" in capsys.readouterr().err
    assert journal.stat().st_size == size
    capsys.readouterr()
    assert main(["correct", "--export", "-"]) == 0
    assert json.loads(capsys.readouterr().out)["text"] == "Leave me alone."


def test_export_to_a_new_file_says_correction_in_the_singular(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "Leave me alone.", "--label", WITHDRAWAL]) == 0
    out = tmp_path / "export.jsonl"
    assert main(["correct", "--export", str(out)]) == 0
    assert capsys.readouterr().out.endswith(f"wrote 1 correction to {out}\n")
    assert json.loads(out.read_text(encoding="utf-8"))["text"] == "Leave me alone."


# -- 2: crisis rules are never muted, whatever the corrections or the heads file say --------------
def test_corrections_naming_a_crisis_rule_never_mute_it() -> None:
    corrections = [Correction(text=text, label=WITHDRAWAL, verdict="wrong",
                              source=f"rule:{CRISIS_RULE}") for text in ("Leave me alone.", "Go.")]
    assert personal.muted_rules(corrections) == frozenset()


def test_a_heads_file_muting_a_crisis_rule_still_finds_the_crisis(home: Path) -> None:
    personal.save(personal.PersonalHeads(labels=OUTPUT_LABELS), home)
    path = personal.personal_dir(home) / "heads.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["muted_rules"] = [CRISIS_RULE, "request/request-01"]
    path.write_text(json.dumps(data), encoding="utf-8")
    heads = personal.load(home)
    assert heads is not None and heads.muted_rules == {"request/request-01"}
    assert mendkit.check("I want to die", mode="rules", personal=heads).risk.crisis


# -- 3: a message with no words is not remembered under an empty key ------------------------------
def test_a_correction_on_punctuation_is_not_recalled_for_other_wordless_messages(
        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "?", "--label", WITHDRAWAL, "--missing"]) == 0
    assert main(["train"]) == 0
    capsys.readouterr()
    for other in ("👍", "🎉🎉🎉", "!!!"):
        assert main(["check", other, "--json", "--mode", "rules"]) == 0
        assert WITHDRAWAL not in json.loads(capsys.readouterr().out)["labels"]
    assert main(["check", "?", "--json", "--mode", "rules"]) == 0
    assert WITHDRAWAL in json.loads(capsys.readouterr().out)["labels"]


# -- 4: a corrections line with a wrong field type is skipped, naming the field -------------------
@pytest.mark.parametrize(("line", "why"), [
    (_line(text=123), "text must be a string"),
    (_line(text="ok", previous=None), "previous must be a string"),
    (_line(text="ok", previous=5), "previous must be a string"),
    (_line(text="ok3", source=5), "source must be a string"),
    (_line(text="ok", colour="blue"), "unknown field 'colour'"),
    (json.dumps({"text": "ok", "label": WITHDRAWAL}), "missing field 'verdict'"),
])
def test_a_line_with_a_wrong_field_is_skipped_naming_it(
        home: Path, capsys: pytest.CaptureFixture[str], line: str, why: str) -> None:
    home.mkdir(parents=True)
    good = json.dumps({"text": "Fine. Whatever.", "label": WITHDRAWAL, "verdict": "missing"})
    (home / "corrections.jsonl").write_text(f"{line}\n{good}\n", encoding="utf-8")
    assert main(["correct", "--export", "-"]) == 0
    captured = capsys.readouterr()
    assert [json.loads(x)["text"] for x in captured.out.splitlines()] == ["Fine. Whatever."]
    assert f"{home / 'corrections.jsonl'}:1: skipped" in captured.err and why in captured.err
    assert main(["train"]) == 0
    captured = capsys.readouterr()
    assert "on 1 corrections" in captured.out and why in captured.err


# -- 5: a heads file that is not UTF-8 is a clear error -------------------------------------------
def test_a_heads_file_that_is_not_utf8_is_a_clear_error(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = personal.personal_dir(home) / "heads.json"
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\xff\xfe\x00")
    assert main(["check", "Fine.", "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {path}: not a personal heads file (not UTF-8 text)" in err
    assert "mend train" in err


# -- 6: the latest verdict on a message counts, and a message corrected twice counts once ---------
def test_a_message_marked_wrong_twice_counts_once_towards_muting() -> None:
    twice = [Correction(text="Fine. Whatever.", label=WITHDRAWAL, verdict="wrong",
                        previous="Pizza or pasta?", source="rule:withdrawal/minimal-response-05")
             ] * 2
    assert personal.muted_rules(twice) == frozenset()
    other = Correction(text="Whatever you say.", label=WITHDRAWAL, verdict="wrong",
                       source="rule:withdrawal/minimal-response-05")
    assert personal.muted_rules([*twice, other]) == {"withdrawal/minimal-response-05"}


def test_a_later_missing_verdict_cancels_the_wrong_ones() -> None:
    wrong = [Correction(text=text, label=WITHDRAWAL, verdict="wrong",
                        source="rule:withdrawal/minimal-response-05")
             for text in ("Fine. Whatever.", "Whatever you say.")]
    changed = Correction(text="fine, whatever", label=WITHDRAWAL, verdict="missing")
    assert personal.muted_rules([*wrong, changed]) == frozenset()


def test_correct_says_already_saved_for_an_exact_duplicate(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    argv = ["correct", "Fine. Whatever.", "--label", WITHDRAWAL, "--previous", "Pizza or pasta?"]
    assert main(argv) == 0
    assert main(argv) == 0
    assert capsys.readouterr().out.splitlines()[-1].startswith("already saved")
    assert len(list(CorrectionStore(home))) == 1


# -- 7: train names the unreadable corrections instead of saying there are none -------------------
def test_train_with_only_unreadable_corrections_names_them(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home.mkdir(parents=True)
    path = home / "corrections.jsonl"
    path.write_text('{"text": "Leave me alone.", "label": "rupture.withdrawal"\n', encoding="utf-8")
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert f"mend: warning: {path}:1: skipped" in err
    assert f"no readable corrections in {path} (1 line skipped" in err
    assert "no corrections to learn from yet" not in err


def test_a_folder_in_place_of_the_corrections_file_is_a_clear_error(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (home / "corrections.jsonl").mkdir(parents=True)
    assert main(["train"]) == 1
    assert f"mend: error: {home / 'corrections.jsonl'}: is a folder" in capsys.readouterr().err


# -- 9: a detection found only in context gets advice that fits ----------------------------------
def test_wrong_without_previous_suggests_previous(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "...", "--label", WITHDRAWAL]) == 1
    err = capsys.readouterr().err
    assert "--previous" in err and "--missing" in err


# -- 10: odd paths under personal/ ----------------------------------------------------------------
def test_train_with_a_file_in_place_of_the_personal_folder(
        home: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["correct", "x y", "--label", "reconnect", "--missing"]) == 0
    (home / "personal").write_text("", encoding="utf-8")
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {home / 'personal'}: " in err and "folder" in err
    (home / "personal").unlink()
    (home / "personal" / "heads.json").mkdir(parents=True)
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert f"mend: error: {home / 'personal' / 'heads.json'}: " in err and "folder" in err
    assert ".heads." not in err


# -- 11: a heads file that does not fit the model names itself ------------------------------------
def test_heads_whose_labels_do_not_fit_the_model_name_the_file(home: Path) -> None:
    heads = personal.fit([personal.Example(label=WITHDRAWAL, present=False,
                                           probabilities=[0.9] * len(OUTPUT_LABELS))],
                         OUTPUT_LABELS)
    path = personal.save(heads, home)
    data = json.loads(path.read_text(encoding="utf-8"))
    data["labels"] = list(dict.fromkeys([WITHDRAWAL, *OUTPUT_LABELS]))[:4]
    path.write_text(json.dumps(data), encoding="utf-8")
    # Refused as it is read, before any message is analysed with it.
    with pytest.raises(InvalidInputError,
                       match=rf"^{path}: expected labels to list Mend's labels, each once"):
        personal.load(home)


@pytest.mark.parametrize(("key", "value"), [
    ("muted_rules", "abc"),
    ("memory", [{"label": "rupture.grumpy", "text_sha256": "x", "previous_sha256": "",
                 "present": True}]),
    ("labels", [*OUTPUT_LABELS[:-1], "rupture.grumpy"]),
])
def test_heads_with_wrong_shapes_are_refused(home: Path, key: str, value: object) -> None:
    path = personal.save(personal.PersonalHeads(labels=OUTPUT_LABELS), home)
    data = json.loads(path.read_text(encoding="utf-8"))
    data[key] = value
    path.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(InvalidInputError, match=rf"^{path}: .*mend train"):
        personal.load(home)


# -- 12: `mend correct -` reads the message from stdin --------------------------------------------
def test_correct_dash_reads_the_message_from_stdin(
        home: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("Fine. Whatever.\n"))
    assert main(["correct", "-", "--label", WITHDRAWAL, "--missing"]) == 0
    assert [c.text for c in CorrectionStore(home)] == ["Fine. Whatever."]
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["correct", "-", "--label", WITHDRAWAL, "--missing"]) == 1
    assert len(list(CorrectionStore(home))) == 1


def test_crisis_corrections_are_still_kept_not_used() -> None:
    crisis = Correction(text="I want to die", label=CRISIS, verdict="wrong",
                        source=f"rule:{CRISIS_RULE}")
    assert personal.memory_of([crisis]) == {}
