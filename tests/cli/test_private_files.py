"""What `mend` writes is its user's alone, whatever the umask (the journal's and the corrections'
own files are made private by the library: tests/journal/test_journal_round5.py and
tests/test_corrections.py)."""

from __future__ import annotations

import os
import stat
from pathlib import Path

from mendkit.cli.main import main


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_batch_output_is_private_and_the_umask_is_given_back(tmp_path: Path,
                                                             umask_022: None) -> None:
    source = tmp_path / "in.jsonl"
    source.write_text('{"conversation_id": "a", "speaker": "Ana", "text": "You never listen."}\n'
                      '{"conversation_id": "a", "speaker": "Ben", "text": "I am sorry."}\n',
                      encoding="utf-8")
    out = tmp_path / "new" / "out.jsonl"
    assert main(["batch", str(source), "--out", str(out), "--mode", "rules",
                 "--no-progress"]) == 0
    assert _mode(out) == 0o600 and _mode(out.parent) == 0o700
    assert os.umask(0o022) == 0o022  # main() put the caller's umask back
