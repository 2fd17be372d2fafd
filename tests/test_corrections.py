"""Corrections are saved locally, read back, refused when malformed, and exported for training."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mendkit import InvalidInputError
from mendkit.cli.main import main
from mendkit.corrections import Correction, CorrectionStore


def test_corrections_round_trip_and_export(tmp_path: Path) -> None:
    store = CorrectionStore(tmp_path)
    store.add(Correction(text="Fine, see you at six.", label="rupture.withdrawal", verdict="wrong"))
    store.add(Correction(text="k", label="rupture.withdrawal", verdict="missing",
                         previous="You never help."))
    saved = list(store)
    assert [c.verdict for c in saved] == ["wrong", "missing"]
    assert all(c.created_at for c in saved)
    assert store.training_examples()[1] == {"text": "k", "previous": "You never help.",
                                            "label": "rupture.withdrawal", "present": True}


def test_bad_corrections_are_refused(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="unknown label"):
        Correction(text="x", label="rupture.grumpy", verdict="wrong")
    with pytest.raises(InvalidInputError, match="verdict"):
        Correction(text="x", label="reconnect", verdict="maybe")  # type: ignore[arg-type]
    (tmp_path / "corrections.jsonl").write_text("{not json\n", encoding="utf-8")
    store = CorrectionStore(tmp_path)
    assert list(store) == []
    assert store.warnings[0].startswith(f"{tmp_path / 'corrections.jsonl'}:1: skipped")


def test_the_cli_saves_a_wrong_detection_with_its_source(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path))
    assert main(["correct", "I'm sorry you feel that way.", "--label",
                 "rupture.invalidation", "--note", "it was sincere"]) == 0
    (saved,) = list(CorrectionStore(tmp_path))
    assert saved.source.startswith("rule:invalidation/non-apology")
    assert main(["correct", "Thanks for the file.", "--label", "rupture.withdrawal"]) == 1
    assert "--missing" in capsys.readouterr().err
    out = tmp_path / "out.jsonl"
    assert main(["correct", "--export", str(out)]) == 0
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["present"] is False


def _torn_file(home: Path) -> Path:
    """A corrections file whose last line was cut off by a crash (no newline at the end)."""
    assert main(["correct", "Fine.", "--label", "rupture.withdrawal", "--missing",
                 "--previous", "You never listen"]) == 0
    path = home / "corrections.jsonl"
    with path.open("a", encoding="utf-8") as handle:
        handle.write('{"text": "half')
    return path


def test_a_correction_after_a_torn_last_line_starts_on_a_new_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path))
    path = _torn_file(tmp_path)
    assert main(["correct", "hello", "--label", "reconnect", "--missing"]) == 0
    assert path.read_text(encoding="utf-8").splitlines()[1] == '{"text": "half'
    store = CorrectionStore(tmp_path)
    assert [c.text for c in store] == ["Fine.", "hello"]
    assert store.warnings == [f"{path}:2: skipped a line that is not a correction (it is kept "
                              "in the file; fix or delete it)"]


def test_an_unreadable_line_is_skipped_with_a_warning(tmp_path: Path) -> None:
    path = tmp_path / "corrections.jsonl"
    good = json.dumps({"text": "k", "label": "reconnect", "verdict": "missing"})
    path.write_bytes(b'{"text": "caf\xc3\n{"text": 5}\n' + good.encode() + b"\n")
    store = CorrectionStore(tmp_path)
    assert [c.text for c in store] == ["k"]
    assert [w.split(": ")[0] for w in store.warnings] == [f"{path}:1", f"{path}:2"]


def test_an_unreadable_line_does_not_block_the_journal(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path))
    path = _torn_file(tmp_path)
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.setenv("MEND_PASSPHRASE", "long enough pw")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    assert main(["journal", "init"]) == 0
    err = capsys.readouterr().err
    assert "Moved 1 correction" in err
    assert f"{path}:2: skipped a line that is not a correction" in err
    assert path.read_text(encoding="utf-8") == '{"text": "half\n'  # kept, nothing else
    out = tmp_path / "out.jsonl"
    assert main(["correct", "--export", str(out)]) == 0
    assert [json.loads(line)["text"] for line in out.read_text(encoding="utf-8").splitlines()] \
        == ["Fine."]
    assert main(["journal", "list"]) == 0
    assert f"{path}:1: skipped" in capsys.readouterr().err  # said again until it is fixed


def test_corrections_file_and_a_new_home_are_private_whatever_the_umask(tmp_path: Path) -> None:
    import os
    import stat

    from mendkit.corrections import Correction, CorrectionStore

    home = tmp_path / "made" / "mend"
    old = os.umask(0o022)
    try:
        CorrectionStore(home).add(Correction(text="I'm sorry you feel that way.",
                                             label="rupture.withdrawal", verdict="wrong", note="private"))
    finally:
        os.umask(old)
    assert stat.S_IMODE(home.stat().st_mode) == 0o700
    assert stat.S_IMODE((home / "corrections.jsonl").stat().st_mode) == 0o600
