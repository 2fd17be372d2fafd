"""The CLI's leftovers: file-system errors that are the user's to fix, and `mend serve` behind a
reverse proxy."""

from __future__ import annotations

import errno
import os
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from mendkit.cli import parser as cli_parser
from mendkit.cli.main import main

# -- a file the system will not write is the user's error, not Mend's -----------------------------

def test_read_only_file_system_is_an_input_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def read_only(args: object) -> int:
        raise OSError(errno.EROFS, os.strerror(errno.EROFS), "romnt/x.errors.jsonl")

    monkeypatch.setattr(cli_parser, "_train", read_only)
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert err == "mend: error: romnt/x.errors.jsonl: read-only file system\n"


def test_a_file_where_a_folder_should_be_is_an_input_error(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "afile.txt"
    blocker.write_text("A: hi\n", encoding="utf-8")

    def make_folder(args: object) -> int:
        (blocker / "x" / "turns").mkdir(parents=True)
        return 0

    monkeypatch.setattr(cli_parser, "_train", make_folder)
    assert main(["train"]) == 1
    err = capsys.readouterr().err
    assert err == f"mend: error: {blocker}: is a file, not a folder\n"


def test_a_programming_error_is_still_an_internal_error(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    def broken(args: object) -> int:
        raise TypeError("unsupported operand")

    monkeypatch.setattr(cli_parser, "_train", broken)
    assert main(["train"]) == 2
    assert "internal error: TypeError" in capsys.readouterr().err


# -- `mend serve --forwarded-allow-ips` ------------------------------------------------------------

@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch) -> Iterator[list[tuple[Any, dict[str, Any]]]]:
    """The options `mend serve` handed to uvicorn (uvicorn.run is replaced: nothing is served)."""
    uvicorn = pytest.importorskip("uvicorn")
    calls: list[tuple[Any, dict[str, Any]]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append((app, kw)))
    monkeypatch.setattr("mendkit.analysis.pipeline.warm_up", lambda: None)
    monkeypatch.delenv("MEND_PASSPHRASE", raising=False)
    monkeypatch.delenv("MEND_JOURNAL_KEY", raising=False)
    yield calls
    for app, _ in calls:
        app.state.mend.vault.lock()


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_trusts_no_forwarded_header_by_default(served: list[tuple[Any, dict[str, Any]]]) -> None:
    assert main(["serve", "--port", str(_free_port())]) == 0
    [(_, options)] = served
    assert options["proxy_headers"] is False


def test_serve_trusts_forwarded_headers_only_from_the_proxies_named(
        served: list[tuple[Any, dict[str, Any]]]) -> None:
    assert main(["serve", "--port", str(_free_port()),
                 "--forwarded-allow-ips", "10.0.0.5,10.0.0.6"]) == 0
    [(_, options)] = served
    assert options["proxy_headers"] is True
    assert options["forwarded_allow_ips"] == "10.0.0.5,10.0.0.6"


def test_serve_help_names_both_journal_keys(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "MEND_PASSPHRASE" in out and "MEND_JOURNAL_KEY" in out
    assert "--forwarded-allow-ips" in out


# -- the README's examples ------------------------------------------------------------------------

def test_the_readme_correct_example_is_one_mend_accepts(
        capsys: pytest.CaptureFixture[str]) -> None:
    import re
    import shlex

    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("### `mend correct`"):]
    found = re.search(r"`(mend correct [^`]*)` \(found wrongly\)", section)
    assert found is not None
    argv = shlex.split(" ".join(found.group(1).split()))[1:]
    assert main(argv) == 0
    assert "is wrong here" in capsys.readouterr().out
