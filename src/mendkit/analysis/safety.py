"""The safety layer: crisis signals (always checked first) and the resources to show.

Built for recall: a missed crisis is the worst error Mend can make, so the crisis rules are broad and
are not silenced by quotation marks ("he said he'd hurt me" is danger reported, not a quote to
discount). Idioms ("this project is killing me") are excluded rule by rule.
"""

from __future__ import annotations

import re
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


# ISO 3166-1 keeps these two-letter codes for private use: never a country, so never a place
# someone lives in (``XX`` and ``ZZ`` are the usual placeholders).
_NOT_COUNTRIES = frozenset({"AA", "ZZ", *(f"Q{c}" for c in "MNOPQRSTUVWXYZ"),
                            *(f"X{c}" for c in "ABCDEFGHIJKLMNOPQRSTUVWXYZ")})


# A locale as people copy it from LANG: en_US, de-DE, en_GB.UTF-8, de_DE@euro.
_LOCALE = re.compile(r"[A-Z]{2,3}[_-]([A-Z]{2})(?:\.[-\w]+)?(?:@\w+)?")


def _country(code: str) -> str:
    """The country part of a locale (``EN_US`` is ``US``); any other ``code`` as it is."""
    found = _LOCALE.fullmatch(code)
    return found.group(1) if found else code


def _region_code(region: object) -> str:
    """``region`` as a key of the resource table (``UK`` is ``GB``); a country Mend has no list
    for is ``DEFAULT``. Anything that is no country code raises ``ConfigError``."""
    if not isinstance(region, str):
        raise ConfigError(f"expected the region as a str such as 'US' or 'default', got "
                          f"{type(region).__name__}")
    code = _country(region.strip().upper())
    if code == "UK":
        code = "GB"
    if code in _resource_table()[1]:
        return code
    if len(code) == 2 and code.isascii() and code.isalpha() and code not in _NOT_COUNTRIES:
        return DEFAULT_REGION.upper()  # crisis resources are never withheld for want of a list
    known = ", ".join(regions())
    raise ConfigError(f"no crisis resources for region {region!r}; use one of: {known}")


def resources_for(region: str = DEFAULT_REGION) -> tuple[Resource, ...]:
    """The resources for ``region`` (an ISO country code such as ``US`` or ``GB``, or ``default``).

    A country Mend has no list for gets the general (``default``) list, which says to contact
    local emergency services. A locale is read as its country (``en_US`` is ``US``, ``de-DE`` is
    ``DE``). A region that is no country code (``Germany``, ``XX``), or one that is not a ``str``,
    raises ``ConfigError``.

    >>> resources_for("GB")[1].contact
    'call 116 123'
    >>> resources_for("DE") == resources_for("default")
    True
    """
    return _resource_table()[1][_region_code(region)]


def region_note(region: str) -> str | None:
    """What to tell the person when ``region`` is a country Mend has no list for; else None.

    >>> region_note("de")
    'Mend has no list for DE; showing general resources'
    """
    code = _region_code(region)
    if code == DEFAULT_REGION.upper() and region.strip().upper() != code:
        return f"Mend has no list for {_country(region.strip().upper())}; showing general resources"
    return None


def region_or_default(region: str) -> tuple[str, str | None]:
    """``region`` when Mend can read it, else ``default``; with what to tell the person (see
    ``region_note``), or None. For the places that show crisis resources to a person, where a
    region Mend cannot read must never keep them from showing.

    >>> region_or_default("germany")[0]
    'default'
    """
    try:
        note = region_note(region)
    except ConfigError:
        return DEFAULT_REGION, (f"Mend has no crisis resources for region {region!r}; showing "
                                f"general resources (the regions Mend knows: "
                                f"{', '.join(regions())})")
    return region, note


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
