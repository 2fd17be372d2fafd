"""Drawing charts leaves the person's home folder alone: matplotlib's cache goes under MEND_HOME
(with HOME read-only or missing it used to warn and make a new temporary folder every run)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

_SCRIPT = """
import sys
from mendkit.insights_charts import write_charts
figures = {"ruptures_per_week": {"2026-W10": 2}, "uptake": {"accepted": 1}, "uptake_ratio": 1.0,
           "connection_per_week": {"2026-W10": 6.0}, "connection_slope_per_day": None}
write_charts(figures, __import__("pathlib").Path(sys.argv[1]))
"""


def test_matplotlib_keeps_its_cache_under_mend_home(tmp_path: Path) -> None:
    home, mend_home = tmp_path / "home", tmp_path / "mend"
    home.mkdir()
    env = {k: v for k, v in os.environ.items() if k not in ("MPLCONFIGDIR", "XDG_CONFIG_HOME",
                                                          "XDG_CACHE_HOME")}
    env.update(HOME=str(home), MEND_HOME=str(mend_home))
    done = subprocess.run([sys.executable, "-c", _SCRIPT, str(tmp_path / "charts")], env=env,
                          capture_output=True, text=True, timeout=300, check=True)
    assert "matplotlib" not in done.stderr.lower()
    assert list(home.iterdir()) == []
    assert (mend_home / "cache" / "matplotlib").is_dir()
    assert sorted(p.suffix for p in (tmp_path / "charts").iterdir()) == [".png"] * 3 + [".svg"] * 3
