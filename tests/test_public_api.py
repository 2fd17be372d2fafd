"""The public API: ``__all__`` sorted and complete, nothing private leaking (as httpx tests it)."""

from __future__ import annotations

import mendkit


def test_all_is_sorted_and_unique() -> None:
    assert list(mendkit.__all__) == sorted(set(mendkit.__all__))


def test_all_names_exist_and_nothing_public_is_missing() -> None:
    public = {n for n in dir(mendkit) if not n.startswith("_")}
    modules = {"analysis", "api", "critic", "errors", "io", "labels", "model", "config",
               "evaluation", "cli", "models", "coach", "corrections", "training", "batch",
               "web", "journal", "insights", "insights_sessions", "insights_charts",
               "storage"}
    assert set(mendkit.__all__) - {"__version__"} == public - modules
    for name in mendkit.__all__:
        assert hasattr(mendkit, name)


def test_errors_inherit_the_builtins_callers_already_catch() -> None:
    assert issubclass(mendkit.InvalidInputError, ValueError)
    assert issubclass(mendkit.FormatError, mendkit.InvalidInputError)
    assert issubclass(mendkit.ConfigError, ValueError)


def test_version_is_a_string() -> None:
    assert mendkit.__version__.count(".") == 2
