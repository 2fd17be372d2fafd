"""The safety layer: crisis signals (always checked first) and the resources to show.

Built for recall: a missed crisis is the worst error Mend can make, so the crisis rules are broad and
are not silenced by quotation marks ("he said he'd hurt me" is danger reported, not a quote to
discount). Idioms ("this project is killing me") are excluded rule by rule.
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from functools import lru_cache
from importlib import resources as importlib_resources

from mendkit.errors import ConfigError
from mendkit.labels import CRISIS
from mendkit.model import Resource, Safety, TurnAnalysis

DEFAULT_REGION = "default"


@lru_cache(maxsize=1)
def _resource_table() -> tuple[str, dict[str, tuple[Resource, ...]]]:
    raw = (importlib_resources.files("mendkit") / "rules" / "resources.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    table = {
        str(region["code"]).upper(): tuple(
            Resource(name=r["name"], contact=r["contact"], region=str(region["code"]),
                     note=r.get("note", ""))
            for r in region["resources"]
        )
        for region in data["region"]
    }
    return str(data["message"]), table


def regions() -> tuple[str, ...]:
    """The region codes Mend has resources for (``default`` first)."""
    return tuple(code.lower() if code == "DEFAULT" else code for code in _resource_table()[1])


def resources_for(region: str = DEFAULT_REGION) -> tuple[Resource, ...]:
    """The resources for ``region`` (an ISO country code such as ``US`` or ``GB``, or ``default``).

    A region Mend has no resources for, or one that is not a ``str``, raises ``ConfigError``.

    >>> resources_for("GB")[1].contact
    'call 116 123'
    """
    if not isinstance(region, str):
        raise ConfigError(f"expected the region as a str such as 'US' or 'default', got "
                          f"{type(region).__name__}")
    code = region.strip().upper()
    if code == "UK":
        code = "GB"
    table = _resource_table()[1]
    if code not in table:
        known = ", ".join(regions())
        raise ConfigError(f"no crisis resources for region {region!r}; use one of: {known}")
    return table[code]


def crisis_message() -> str:
    return _resource_table()[0]


def assess(turns: Sequence[TurnAnalysis], region: str = DEFAULT_REGION) -> Safety:
    """Summarise the crisis signals of analysed turns into a ``Safety`` with resources."""
    flagged = tuple(t.index for t in turns if CRISIS in t.labels)
    if not flagged:
        return Safety(crisis=False)
    kinds: dict[str, None] = {}
    for t in turns:
        for subtype in t.subtypes(CRISIS):
            kinds.setdefault(subtype, None)
    return Safety(crisis=True, turns=flagged, kinds=tuple(kinds), message=crisis_message(),
                  resources=resources_for(region))
