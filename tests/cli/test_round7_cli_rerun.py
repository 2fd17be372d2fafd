"""Round 7 re-run, the command line: a broken MEND_HOME never keeps the crisis resources from
``check``/``analyze`` (rerun_a N1), a region that Mend cannot read falls back to the general
resources (rerun_b N5), a MEND_HOME that is a loop of links is named as one (rerun_a N7), and a
full disk under ``journal export`` (rerun_a N2)."""

from __future__ import annotations

import errno
import os
from pathlib import Path

import pytest

from mendkit.cli.main import main

EXAMPLE = Path(__file__).resolve().parents[2] / "src" / "mendkit" / "examples" / "workplace.txt"
CRISIS = "I want to kill myself"
KNOWN = "default, US, GB, IE, CA, AU, NZ, IN, SG, MY"


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    out, err = capsys.readouterr()
    return code, out, err


def _flat(text: str) -> str:
    return " ".join(text.split())


# -- N1: check and analyze run whatever MEND_HOME is -----------------------------------------------
def _dangling(tmp_path: Path) -> Path:
    link = tmp_path / "dang"
    os.symlink(tmp_path / "nowhere" / "dangling", link)
    return link


@pytest.mark.parametrize("personal", [[], ["--no-personal"]])
def test_check_shows_the_crisis_resources_with_a_dangling_mend_home(
        personal: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    link = _dangling(tmp_path)
    monkeypatch.setenv("MEND_HOME", str(link))
    code, out, err = _run(["check", CRISIS, "--mode", "rules", "--region", "US", *personal],
                          capsys)
    assert code == 0
    assert "988" in _flat(out) and "911" in _flat(out)
    if personal:
        assert err == ""
    else:
        assert err.strip() == (f"mend: warning: MEND_HOME ({link}) is a link to "
                               f"{tmp_path / 'nowhere' / 'dangling'}, which does not exist; "
                               "your personal heads were not used")
    assert not (tmp_path / "nowhere").exists()


def test_analyze_runs_with_a_dangling_mend_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", str(_dangling(tmp_path)))
    code, out, err = _run(["analyze", str(EXAMPLE), "--mode", "rules", "--json"], capsys)
    assert code == 0 and out.startswith("{")
    assert "personal heads were not used" in err


def test_check_shows_the_crisis_resources_with_an_unknown_user_in_mend_home(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", "~nosuchuser-mend/x")
    code, out, err = _run(["check", CRISIS, "--mode", "rules", "--region", "US"], capsys)
    assert code == 0
    assert "988" in _flat(out)
    assert ("mend: warning: MEND_HOME: cannot expand '~nosuchuser-mend/x' (no such user); "
            "your personal heads were not used") in err
    assert "internal error" not in err


def test_an_unknown_user_in_mend_home_is_exit_1_where_mend_home_is_needed(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_HOME", "~nosuchuser-mend/x")
    code, _, err = _run(["correct", "x", "--label", "rupture.withdrawal", "--missing"], capsys)
    assert code == 1
    assert err.strip() == "mend: error: MEND_HOME: cannot expand '~nosuchuser-mend/x' (no such user)"


# -- N7: a loop of links ----------------------------------------------------------------------------
def test_a_loop_of_links_as_mend_home_is_named_as_a_loop(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    os.symlink("loopB", tmp_path / "loopA")
    os.symlink("loopA", tmp_path / "loopB")
    monkeypatch.setenv("MEND_HOME", str(tmp_path / "loopA"))
    code, _, err = _run(["correct", "x", "--label", "rupture.withdrawal", "--missing"], capsys)
    assert code == 1
    assert err.strip() == f"mend: error: MEND_HOME ({tmp_path / 'loopA'}) is a loop of symbolic links"


# -- rerun_b N5: a region Mend cannot read never hides the resources --------------------------------
@pytest.mark.parametrize(("value", "shown"), [("en_US", "988"), ("en-gb", "116 123"),
                                              ("en_US.UTF-8", "988")])
def test_a_locale_is_read_as_its_country(value: str, shown: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["check", CRISIS, "--mode", "rules", "--region", value], capsys)
    assert code == 0
    assert shown in _flat(out)
    assert err == ""


def test_a_locale_of_a_country_with_no_list_gives_the_general_resources(
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_REGION", "de-DE")
    code, out, err = _run(["check", CRISIS, "--mode", "rules"], capsys)
    assert code == 0
    assert "Local emergency services" in _flat(out)
    assert err.strip() == "mend: note: Mend has no list for DE; showing general resources"


@pytest.mark.parametrize("value", ["germany", "ZZ", "X1"])
def test_a_region_that_is_no_country_falls_back_with_a_note(
        value: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, err = _run(["check", CRISIS, "--mode", "rules", "--region", value], capsys)
    assert code == 0
    assert "Local emergency services" in _flat(out) and "988" in _flat(out)
    assert err.strip() == (f"mend: note: Mend has no crisis resources for region {value!r}; "
                           f"showing general resources (the regions Mend knows: {KNOWN})")


def test_analyze_falls_back_too(monkeypatch: pytest.MonkeyPatch,
                                capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_REGION", "germany")
    code, out, err = _run(["analyze", str(EXAMPLE), "--mode", "rules", "--json"], capsys)
    assert code == 0 and out.startswith("{")
    assert "region 'germany'" in err


def test_the_library_reads_a_locale_as_its_country() -> None:
    from mendkit.analysis.safety import resources_for

    assert resources_for("en_US") == resources_for("US")
    assert resources_for("de-DE") == resources_for("default")
    assert resources_for("en_GB.UTF-8@euro") == resources_for("GB")


# -- N2: a full disk under journal export -----------------------------------------------------------
@pytest.fixture
def journal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("MEND_PASSPHRASE", "secretpass1")
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    assert main(["journal", "init"]) == 0
    assert main(["journal", "add", "--kind", "relationship", "--name", "Sam"]) == 0
    capsys.readouterr()


@pytest.mark.skipif(not Path("/dev/full").exists(), reason="needs Linux's /dev/full")
def test_export_to_a_full_device_is_exit_1_naming_it(
        journal: None, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(["journal", "export", "/dev/full"], capsys)
    assert code == 1
    assert err.strip() == "mend: error: /dev/full: no space left on device"


def _disk_full(*args: object) -> None:
    raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


def test_export_to_a_full_disk_is_exit_1_and_leaves_no_cut_off_file(
        journal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "out"
    out.mkdir()
    target = out / "exp.json"
    monkeypatch.setattr(os, "fsync", _disk_full)  # the disk filled before all was on it
    code, _, err = _run(["journal", "export", str(target)], capsys)
    assert code == 1
    assert err.strip() == f"mend: error: {target}: no space left on device"
    assert list(out.iterdir()) == []


def test_export_to_a_full_disk_keeps_an_earlier_export(
        journal: None, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "exp.json"
    assert main(["journal", "export", str(target)]) == 0
    before = target.read_bytes()
    capsys.readouterr()

    monkeypatch.setattr(os, "fsync", _disk_full)
    code, _, err = _run(["journal", "export", str(target)], capsys)
    assert code == 1 and "no space left on device" in err
    assert target.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".exp")] == []
