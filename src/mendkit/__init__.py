"""Mend: find ruptures and repairs in conversations, with evidence a person can check.

>>> import mendkit
>>> result = mendkit.check("I'm sorry I snapped at you. Could we talk tonight?")
>>> "repair.responsibility" in result.labels
True

Mend is a self-help and practice aid, not therapy or diagnosis.

The public names are imported when first used, so that ``import mendkit`` (which the ``mend``
command does before it can catch a Ctrl-C) stays quick and loads no model or engine.
"""

import importlib as _importlib
import typing as _typing

from mendkit._version import __version__

if _typing.TYPE_CHECKING:
    from mendkit.api import analyze, check, load_conversation
    from mendkit.errors import ConfigError, FormatError, InvalidInputError, MendError, RulesError
    from mendkit.model import (
        Analysis,
        CheckResult,
        Conversation,
        Episode,
        Evidence,
        Issue,
        Resource,
        Safety,
        Speaker,
        Turn,
        TurnAnalysis,
    )

__all__ = [
    "Analysis",
    "CheckResult",
    "ConfigError",
    "Conversation",
    "Episode",
    "Evidence",
    "FormatError",
    "InvalidInputError",
    "Issue",
    "MendError",
    "Resource",
    "RulesError",
    "Safety",
    "Speaker",
    "Turn",
    "TurnAnalysis",
    "__version__",
    "analyze",
    "check",
    "load_conversation",
]

# Where each public name lives.
_HOMES = {
    **dict.fromkeys(("analyze", "check", "load_conversation"), "mendkit.api"),
    **dict.fromkeys(("ConfigError", "FormatError", "InvalidInputError", "MendError",
                     "RulesError"), "mendkit.errors"),
    **dict.fromkeys(("Analysis", "CheckResult", "Conversation", "Episode", "Evidence", "Issue",
                     "Resource", "Safety", "Speaker", "Turn", "TurnAnalysis"), "mendkit.model"),
}


def __getattr__(name: str) -> _typing.Any:
    home = _HOMES.get(name)
    if home is None:
        raise AttributeError(f"module 'mendkit' has no attribute {name!r}")
    value = getattr(_importlib.import_module(home), name)
    globals()[name] = value  # once found, an ordinary attribute
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})
