"""Every data file Mend needs at run time is listed in the wheel's package data.

An editable install reads files straight from src/, so a file missing from ``package-data`` would
only show on a user's ``pip install mendkit`` (the shipped classifier once was: full mode then fell
back to the rules without a word).
"""

from __future__ import annotations

import fnmatch
import subprocess
import tomllib
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "src" / "mendkit"


def _tracked_data_files() -> list[str]:
    try:
        out = subprocess.run(["git", "ls-files", "src/mendkit"], cwd=REPO, capture_output=True,
                             text=True, check=True).stdout
    except (OSError, subprocess.CalledProcessError):
        pytest.skip("not a git checkout")
    return [str(Path(p).relative_to("src/mendkit")) for p in out.split()
            if not p.endswith(".py")]


def test_every_shipped_data_file_is_in_package_data() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = config["tool"]["setuptools"]["package-data"]["mendkit"]
    files = _tracked_data_files()
    assert any(f.startswith("models/classifier/") for f in files)
    # setuptools globs do not cross folders, like fnmatch on the folder and the name apart
    missing = [f for f in files if not any(
        Path(f).parent == Path(p).parent and fnmatch.fnmatch(Path(f).name, Path(p).name)
        for p in patterns)]
    assert missing == []


@pytest.mark.slow
def test_the_source_distribution_carries_no_half_test_suite(tmp_path: Path) -> None:
    """setuptools puts tests/test*.py into an sdist by default, without conftest.py or fixtures:
    tests that cannot run. MANIFEST.in leaves the folder out."""
    import sys
    import tarfile

    script = ("import sys; from setuptools import build_meta as b; "
              "print(b.build_sdist(sys.argv[1]))")
    name = subprocess.run([sys.executable, "-c", script, str(tmp_path)], cwd=REPO, check=True,
                          capture_output=True, text=True, timeout=600).stdout.split()[-1]
    with tarfile.open(tmp_path / name) as sdist:
        members = sdist.getnames()
    assert any(m.endswith("/src/mendkit/models/classifier/model.onnx") for m in members)
    assert [m for m in members if "/tests/" in m] == []
