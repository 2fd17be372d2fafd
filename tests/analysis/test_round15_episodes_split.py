"""The episode finder split into parts: each part imports on its own and never the finder (no
import cycle), and the names other code imports from ``episodes`` are still there."""

from __future__ import annotations

import importlib
from pathlib import Path

import pytest

import mendkit.analysis.episodes
from module_imports import imported

PARTS = ("episode_state", "episode_reading", "episode_owing", "episode_uptake", "episode_status")
ANALYSIS = Path(mendkit.analysis.episodes.__file__).parent


def _imported(module: str) -> set[str]:
    return imported(ANALYSIS / f"{module}.py")


@pytest.mark.parametrize("module", PARTS)
def test_each_part_imports_on_its_own_and_never_the_finder(module: str) -> None:
    assert importlib.import_module(f"mendkit.analysis.{module}").__doc__
    assert "mendkit.analysis.episodes" not in _imported(module)


def test_the_old_path_still_gives_what_other_code_imports() -> None:
    from mendkit.analysis import episodes

    assert set(episodes.__all__) == {"QUIET_SECONDS", "SEPARATE_SECONDS", "awaiting_uptake",
                                     "find_episodes"}
    assert all(hasattr(episodes, name) for name in episodes.__all__)
    assert (episodes.QUIET_SECONDS, episodes.SEPARATE_SECONDS) == (86_400.0, 1_800.0)
