"""Round 7 of the settings: MEND_JOURNAL_KDF within a sane range (config 4), MEND_HOME with a
``~`` or a relative path (config 5) or a dangling link (config 6), and a sqlite MEND_DATABASE_URL
(config 9)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.config import Settings, home_from_env, parse_kdf
from mendkit.errors import ConfigError, JournalError

NOT_A_URL = ("MEND_DATABASE_URL is not a database URL (expected "
             "postgresql+psycopg://user:password@host:port/db); only postgresql+psycopg is "
             "supported, not sqlite")


# -- config 4: key settings that argon2id cannot run, or would run for hours ----------------------
@pytest.mark.parametrize(("raw", "said"), [
    ("1,4000000000,1", "memory_kib must be at most 4194304 (4 GiB), got 4000000000"),
    ("10000000,8,1", "time_cost must be at most 50, got 10000000"),
    ("1,65536,100000", "parallelism must be at most 64, got 100000"),
])
def test_absurd_key_settings_are_refused_up_front(raw: str, said: str) -> None:
    with pytest.raises(ConfigError, match=re.escape(said)):
        parse_kdf(raw)


def test_the_usual_key_settings_still_pass() -> None:
    assert parse_kdf("3,65536,2") == (3, 65536, 2)
    assert parse_kdf("50,4194304,64") == (50, 4194304, 64)


def test_journal_init_with_absurd_key_settings_is_exit_1_and_makes_nothing(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "kdf"
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", "secretpass1")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,4000000000,1")
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert "MEND_JOURNAL_KDF" in err and "memory_kib must be at most" in err
    assert not (home / "journal.db").exists()


def test_argon2_running_out_of_memory_is_a_journal_error(monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2.exceptions import HashingError

    from mendkit.journal import crypto

    def no_memory(*args: object, **kwargs: object) -> bytes:
        raise HashingError("Memory allocation error")

    monkeypatch.setattr(crypto, "hash_secret_raw", no_memory)
    with pytest.raises(JournalError, match=r"the key settings \(MEND_JOURNAL_KDF\) cannot be "
                                           r"used: not enough memory for memory_kib=65536"):
        crypto.derive_key("secretpass1", b"s" * 16, crypto.KdfParams())


# -- config 5: MEND_HOME with a ~, or relative -----------------------------------------------------
def test_a_tilde_in_mend_home_means_the_home_folder(tmp_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.chdir(tmp_path)
    assert home_from_env({"MEND_HOME": "~/mendtilde"}) == tmp_path / "me" / "mendtilde"


def test_a_relative_mend_home_is_shown_as_its_full_path(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.setenv("HOME", str(tmp_path / "me"))
    monkeypatch.setenv("MEND_HOME", "~/mendtilde")
    assert main(["correct", "x", "--label", "rupture.withdrawal", "--missing"]) == 0
    out = capsys.readouterr().out
    assert str(tmp_path / "me" / "mendtilde" / "corrections.jsonl") in out
    assert not (tmp_path / "~").exists()
    monkeypatch.setenv("MEND_HOME", "rel")
    assert home_from_env() == tmp_path / "rel"


# -- config 6: a MEND_HOME that is a link to nowhere -----------------------------------------------
def test_a_dangling_link_as_mend_home_is_named(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    link = tmp_path / "dang"
    os.symlink(tmp_path / "nowhere" / "dangling", link)
    monkeypatch.setenv("MEND_HOME", str(link))
    assert main(["correct", "x", "--label", "rupture.withdrawal", "--missing"]) == 1
    err = capsys.readouterr().err
    assert err.strip() == (f"mend: error: MEND_HOME ({link}) is a link to "
                           f"{tmp_path / 'nowhere' / 'dangling'}, which does not exist")


# -- config 9: MEND_DATABASE_URL is PostgreSQL only ------------------------------------------------
@pytest.mark.parametrize("url", ["sqlite:////tmp/x9.db", "sqlite:///tmp/x9.db",
                                 "SQLite+pysqlite:///x.db"])
def test_a_sqlite_database_url_is_refused(url: str, tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "h9"
    monkeypatch.setenv("MEND_HOME", str(home))
    assert main(["correct", "x", "--label", "rupture.withdrawal", "--missing"]) == 0
    capsys.readouterr()
    monkeypatch.setenv("MEND_DATABASE_URL", url)
    monkeypatch.setenv("MEND_PASSPHRASE", "secretpass1")
    assert main(["journal", "init"]) == 1
    err = capsys.readouterr().err
    assert NOT_A_URL.replace("sqlite", url.split(":", 1)[0].lower()) in err
    assert (home / "corrections.jsonl").exists()  # the plain corrections were left alone
    with pytest.raises(JournalError, match="only postgresql"):
        Settings.from_env({"MEND_DATABASE_URL": url, "MEND_HOME": str(home)})


# -- config 7: an existing MEND_HOME that others could list ------------------------------------
def test_journal_init_makes_an_existing_mend_home_private(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    home.mkdir()
    home.chmod(0o755)
    monkeypatch.setenv("MEND_HOME", str(home))
    monkeypatch.setenv("MEND_PASSPHRASE", "secretpass1")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    assert main(["journal", "init"]) == 0
    assert home.stat().st_mode & 0o777 == 0o700


# -- round 7 re-run: one wording for the key settings' limits (rerun_a N5) -------------------------
def test_too_little_memory_for_the_parallelism_is_said_like_the_other_limits(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "kx"))
    monkeypatch.setenv("MEND_PASSPHRASE", "secretpass1")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "2,16,4")
    assert main(["journal", "init"]) == 1
    assert capsys.readouterr().err.strip() == ("mend: error: MEND_JOURNAL_KDF: memory_kib must be "
                                               "at least 8 x parallelism (32), got 16")
    assert not (tmp_path / "kx" / "journal.db").exists()
    assert parse_kdf("1,8,1") == (1, 8, 1)


# -- round 7 re-run: MEND_HOME with a ~user that is no user (rerun_a N1) ---------------------------
def test_a_tilde_user_that_does_not_exist_is_a_config_error() -> None:
    with pytest.raises(ConfigError, match=re.escape(
            "MEND_HOME: cannot expand '~nosuchuser-mend/x' (no such user)")):
        home_from_env({"MEND_HOME": "~nosuchuser-mend/x"})


def test_a_loop_of_links_as_mend_home_is_a_config_error(tmp_path: Path) -> None:
    os.symlink("loopB", tmp_path / "loopA")
    os.symlink("loopA", tmp_path / "loopB")
    with pytest.raises(ConfigError, match=re.escape(
            f"MEND_HOME ({tmp_path / 'loopA'}) is a loop of symbolic links")):
        Settings.from_env({"MEND_HOME": str(tmp_path / "loopA")})
