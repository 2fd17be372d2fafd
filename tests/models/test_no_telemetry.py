"""Loading the models writes nothing outside MEND_HOME: onnxruntime's telemetry (a device id and
an event queue under ~/.cache, and attempts to send them) stays off."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import mendkit
from mendkit.models.encoder import Encoder
mendkit.check("You never listen to me.", mode="full")
Encoder().encode(["hello"])
"""


def test_running_the_models_leaves_the_home_folder_untouched(tmp_path: Path) -> None:
    home, mend_home = tmp_path / "home", tmp_path / "mend"
    home.mkdir()
    env = {**os.environ, "HOME": str(home), "MEND_HOME": str(mend_home),
           "XDG_CACHE_HOME": str(home / ".cache")}
    env.pop("ORT_DISABLE_TELEMETRY", None)
    subprocess.run([sys.executable, "-c", _SCRIPT], env=env, check=True, timeout=300)
    assert sorted(p.relative_to(home).as_posix() for p in home.rglob("*")) == []
