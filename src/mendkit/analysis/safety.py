"""The safety layer: crisis signals (always checked first) and the resources to show.

Built for recall: a missed crisis is the worst error Mend can make, so the crisis rules are broad and
are not silenced by quotation marks ("he said he'd hurt me" is danger reported, not a quote to
discount). Idioms ("this project is killing me") are excluded rule by rule.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources as importlib_resources
from typing import Final

from mendkit.errors import ConfigError
from mendkit.labels import CRISIS
from mendkit.model import Resource, Safety, TurnAnalysis

DEFAULT_REGION = "default"


ABUSE_KINDS = frozenset({"abuse_danger"})  # danger from someone else
SELF_KINDS = frozenset({"suicide", "self_harm", "harm_to_others"})  # the person's own thoughts

# What each crisis kind is, in words a reader of an analysis can take in ("may speak of ...").
KIND_WORDS = {"suicide": "suicide", "self_harm": "self-harm",
              "harm_to_others": "harming someone", "abuse_danger": "danger from someone else"}


@dataclass(frozen=True, slots=True)
class _Entry:
    resource: Resource
    topic: str  # emergency, self or abuse
    only_on_topic: bool  # shown only when the crisis is of its topic, or of no known kind


@dataclass(frozen=True, slots=True)
class _Table:
    message: str
    abuse_message: str
    also_self_message: str
    regions: dict[str, tuple[_Entry, ...]]


@lru_cache(maxsize=1)
def _table() -> _Table:
    raw = (importlib_resources.files("mendkit") / "rules" / "resources.toml").read_text("utf-8")
    data = tomllib.loads(raw)
    regions = {
        str(region["code"]).upper(): tuple(
            _Entry(Resource(name=r["name"], contact=r["contact"], region=str(region["code"]),
                            note=r.get("note", "")),
                   topic=str(r["topic"]), only_on_topic=bool(r.get("only_on_topic", False)))
            for r in region["resources"]
        )
        for region in data["region"]
    }
    return _Table(str(data["message"]), str(data["abuse_message"]),
                  str(data["also_self_message"]), regions)


def _topics(kinds: Iterable[str]) -> frozenset[str]:
    """The topics of crisis ``kinds``: none known means every topic."""
    found = {"abuse" for k in kinds if k in ABUSE_KINDS} | {"self" for k in kinds
                                                              if k in SELF_KINDS}
    return frozenset(found) or frozenset({"self", "abuse"})


def _shown(entries: Sequence[_Entry], kinds: Iterable[str]) -> tuple[Resource, ...]:
    """The resources to show for ``kinds``: the emergency number first, then, when someone else
    is the danger, the abuse lines; nothing is left out but examples of another topic."""
    kinds = tuple(kinds)
    topics = _topics(kinds)
    order = (("emergency", "abuse", "self") if any(k in ABUSE_KINDS for k in kinds)
             else ("emergency", "self", "abuse"))
    kept = [e for e in entries if not e.only_on_topic or e.topic in topics]
    return tuple(e.resource for e in sorted(kept, key=lambda e: order.index(e.topic)))


def regions() -> tuple[str, ...]:
    """The region codes Mend has resources for (``default`` first)."""
    return tuple(code.lower() if code == "DEFAULT" else code for code in _table().regions)


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
    if code in _table().regions:
        return code
    if len(code) == 2 and code.isascii() and code.isalpha() and code not in _NOT_COUNTRIES:
        return DEFAULT_REGION.upper()  # crisis resources are never withheld for want of a list
    known = ", ".join(regions())
    raise ConfigError(f"no crisis resources for region {region!r}; use one of: {known}")


def resources_for(region: str = DEFAULT_REGION, kinds: Iterable[str] = ()) -> tuple[Resource, ...]:
    """The resources for ``region`` (an ISO country code such as ``US`` or ``GB``, or ``default``).

    A country Mend has no list for gets the general (``default``) list, which says to contact
    local emergency services. A locale is read as its country (``en_US`` is ``US``, ``de-DE`` is
    ``DE``). A region that is no country code (``Germany``, ``XX``), or one that is not a ``str``,
    raises ``ConfigError``.

    ``kinds`` are the crisis kinds found (``suicide``, ``abuse_danger``...): when someone else is
    the danger, the abuse lines come right after the emergency number. With none known, every
    resource is shown.

    >>> resources_for("GB")[1].contact
    'call 116 123'
    >>> resources_for("GB", ["abuse_danger"])[1].contact
    'call 0808 2000 247'
    >>> resources_for("DE") == resources_for("default")
    True
    """
    return _shown(_table().regions[_region_code(region)], tuple(kinds))


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


def crisis_message(kinds: Iterable[str] = ()) -> str:
    """What Mend says to a person when it sees signs of crisis of ``kinds``: words for danger
    from someone else when that is what it sees, with those for suicide or self-harm when both
    are there; the general message when no kind is known or the kind is the person's own.

    >>> "not your fault" in crisis_message(["abuse_danger"])
    True
    >>> "not your fault" in crisis_message(["suicide"])
    False
    """
    table = _table()
    kinds = tuple(kinds)
    if not any(k in ABUSE_KINDS for k in kinds):
        return table.message
    if any(k in SELF_KINDS for k in kinds):
        return f"{table.abuse_message} {table.also_self_message}"
    return table.abuse_message


# Weak crisis rules: hints ("please don't tell him", "took my bank card") that count only with
# others, and can read as more than one kind.
_WEAK: Final = "rule:crisis/weak-"


def turn_kinds(turn: TurnAnalysis) -> tuple[str, ...]:
    """The crisis kinds of ``turn``, which decide the words and the order of the resources. Next
    to an explicit sign, one weak hint of another kind says nothing of its own ("he put his hands
    around my neck... please don't tell him" is danger from him, not self-harm); two weak rules of
    one kind are a sign of it, as they are when nothing else is there (``coach.safety_gate``
    weighs them the same way)."""
    signs = [e for e in turn.evidence if e.label == CRISIS and e.subtype]
    if not any(not e.source.startswith(_WEAK) for e in signs):
        return turn.subtypes(CRISIS)
    hints: dict[str, set[str]] = {}
    for e in signs:
        if e.source.startswith(_WEAK):
            hints.setdefault(e.subtype or "", set()).add(e.source)
    kinds: dict[str, None] = {}
    for e in signs:
        if not e.source.startswith(_WEAK) or len(hints[e.subtype or ""]) >= 2:
            kinds.setdefault(e.subtype or "", None)
    return tuple(kinds)


def assess(turns: Sequence[TurnAnalysis], region: str = DEFAULT_REGION) -> Safety:
    """Summarise the crisis signals of analysed turns into a ``Safety`` with resources."""
    flagged = tuple(t.index for t in turns if CRISIS in t.labels)
    if not flagged:
        return Safety(crisis=False)
    kinds: dict[str, None] = {}
    for t in turns:
        for subtype in turn_kinds(t):
            kinds.setdefault(subtype, None)
    return Safety(crisis=True, turns=flagged, kinds=tuple(kinds), message=crisis_message(kinds),
                  resources=resources_for(region, kinds))


def _words_for(kinds: Sequence[str]) -> str:
    words = list(dict.fromkeys(KIND_WORDS[k] for k in kinds if k in KIND_WORDS))
    if not words:
        return "danger or harm"
    return words[0] if len(words) == 1 else f"{', '.join(words[:-1])} or {words[-1]}"


def turns_alert(safety: Safety, speakers: Mapping[int, str]) -> str:
    """What an analysis says about its crisis signs: the turns and who spoke them, and what they
    may speak of. The reader may be a therapist reading a client's words, not the person at
    risk, so it names the turns rather than saying "you"; the resources still follow it.

    >>> turns_alert(Safety(crisis=True, turns=(7, 9), kinds=("suicide",)),
    ...             {7: "Client", 9: "Client"})[:59]
    'Turn 7 (Client) and turn 9 (Client) may speak of suicide. R'
    """
    if not safety.crisis or not safety.turns:
        return ""
    named = [f"turn {i} ({speakers[i]})" if i in speakers else f"turn {i}" for i in safety.turns]
    which = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
    them = "it" if len(named) == 1 else "them"
    return (f"{which[0].upper()}{which[1:]} may speak of {_words_for(safety.kinds)}. Read {them} "
            "with care. If anyone in this conversation, you included, may not be safe, these can "
            "help:")


def added_note(safety: Safety) -> str:
    """What ``safety.message`` says beyond the words for a crisis (such as turns Mend cannot
    read), or ""."""
    if not safety.crisis:
        return safety.message
    return safety.message.removeprefix(crisis_message(safety.kinds)).strip()
