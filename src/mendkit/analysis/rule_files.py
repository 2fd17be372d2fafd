"""The rule files: each packaged ``rules/*.toml`` checked and compiled (``parse_rules``), all of
them loaded into one indexed set (``load_files``, ``engine_rules``: built once per process), and
the shipped ``_index.json`` that saves cutting and parsing the patterns at start-up
(``build_index``, ``write_index``). Part of the rules layer (:mod:`mendkit.analysis.rules`).
"""

from __future__ import annotations

import hashlib
import json
import tomllib
from collections.abc import Iterable, Mapping, Sequence
from importlib import resources
from typing import Any, Final

from mendkit._once import once
from mendkit.analysis.contractions import optional_apostrophes
from mendkit.analysis.rule_index import RuleSet
from mendkit.analysis.rule_model import Example, Rule, index_key, requirements
from mendkit.analysis.rule_patterns import LazyPattern, split_alternatives
from mendkit.errors import RulesError
from mendkit.labels import TAXONOMY

_CONTEXTS: Final = frozenset({"any", "after_tension", "after_other_tension", "after_repair",
                              "after_either", "calm", "quiet"})
_RULE_KEYS: Final = frozenset({
    "id", "label", "subtype", "patterns", "match", "context", "negation", "quotes", "exclude",
    "max_words", "weight", "suppress", "positive", "negative", "note", "after", "not_after",
})
_DEFAULT_KEYS: Final = frozenset({"label", "context", "negation", "quotes", "weight", "match",
                                  "suppress"})


def parse_rules(
    data: Mapping[str, Any], source: str, *, splits: Mapping[str, Sequence[str]] | None = None,
) -> tuple[str, list[Rule]]:
    """Validate one rule file's parsed TOML and compile its rules. Returns (version, rules).

    ``splits`` gives each pattern's parts when they were cut before (the shipped
    ``_index.json``; a pattern missing from it is not cut), which saves cutting at start-up.
    """
    version = data.get("version")
    if not isinstance(version, str):
        raise RulesError(f'{source}: expected a top-level string "version"')
    defaults = data.get("defaults", {})
    unknown = set(defaults) - _DEFAULT_KEYS
    if unknown:
        raise RulesError(f"{source}: unknown keys in [defaults]: {sorted(unknown)}")
    shared = data.get("exclusions", {})
    if not isinstance(shared, dict) or not all(isinstance(v, str) for v in shared.values()):
        raise RulesError(f"{source}: [exclusions] must map names to pattern strings")
    raw_rules = data.get("rule")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RulesError(f"{source}: expected at least one [[rule]]")
    return version, [_parse_rule(_with_shared({**defaults, **raw}, shared, source), source, splits)
                     for raw in raw_rules]


def _with_shared(raw: dict[str, Any], shared: Mapping[str, str], source: str) -> dict[str, Any]:
    """``raw`` with each ``"@name"`` in its ``exclude`` replaced by the file's ``[exclusions]``
    pattern of that name, so that several rules can share one exclusion."""
    exclude = raw.get("exclude")
    if not isinstance(exclude, list):
        return raw
    missing = [x[1:] for x in exclude
               if isinstance(x, str) and x.startswith("@") and x[1:] not in shared]
    if missing:
        raise RulesError(f"{source}: rule {raw.get('id')!r}: no exclusion named {missing[0]!r} "
                         "in [exclusions]")
    return {**raw, "exclude": [shared[x[1:]] if isinstance(x, str) and x.startswith("@") else x
                               for x in exclude]}


def _parse_rule(
    raw: Mapping[str, Any], source: str, splits: Mapping[str, Sequence[str]] | None = None,
) -> Rule:
    rule_id = raw.get("id")
    where = f"{source}: rule {rule_id!r}"
    if not isinstance(rule_id, str) or "/" not in rule_id:
        raise RulesError(f'{source}: every rule needs an "id" like "withdrawal/minimal-response-01"')
    unknown = set(raw) - _RULE_KEYS
    if unknown:
        raise RulesError(f"{where}: unknown keys {sorted(unknown)}")
    label, subtype = raw.get("label"), raw.get("subtype")
    if label not in TAXONOMY:
        raise RulesError(f"{where}: label {label!r} is not in the taxonomy")
    if subtype not in TAXONOMY[label]:
        raise RulesError(f"{where}: subtype {subtype!r} is not one of {TAXONOMY[label]}")
    context = raw.get("context", "any")
    if context not in _CONTEXTS:
        raise RulesError(f"{where}: context must be one of {sorted(_CONTEXTS)}")
    match = raw.get("match", "search")
    if match not in ("search", "whole"):
        raise RulesError(f'{where}: match must be "search" or "whole"')
    positive = tuple(_example(x, where) for x in raw.get("positive", ()))
    negative = tuple(_example(x, where) for x in raw.get("negative", ()))
    if not positive or not negative:
        raise RulesError(f"{where}: needs at least one positive and one negative example")
    patterns = _compile(raw.get("patterns"), where, written=True)
    patterns = tuple(LazyPattern(optional_apostrophes(part), where)
                     for p in patterns
                     for part in (split_alternatives(p.pattern) if splits is None
                                  else splits.get(p.pattern, (p.pattern,))))
    return Rule(
        id=rule_id, label=label, subtype=subtype,
        patterns=patterns,
        match=match, context=context,
        negation=raw.get("negation", "block") == "block",
        quotes=raw.get("quotes", "block") == "block",
        exclude=_compile(raw.get("exclude", []), where, allow_empty=True),
        max_words=raw.get("max_words"),
        after=_compile(raw.get("after", []), where, allow_empty=True),
        not_after=_compile(raw.get("not_after", []), where, allow_empty=True),
        weight=float(raw.get("weight", 0.8)),
        suppress=tuple(raw.get("suppress", ())),
        positive=positive, negative=negative, source_file=source,
    )


def _compile(
    patterns: object, where: str, *, allow_empty: bool = False, written: bool = False,
) -> tuple[LazyPattern, ...]:
    """``patterns`` as lazy patterns that accept contractions typed without their apostrophe
    (``written``: as written, for a rule's patterns, which are cut into parts first)."""
    if not isinstance(patterns, list) or (not patterns and not allow_empty):
        raise RulesError(f'{where}: expected "patterns" to be a list of regular expressions')
    return tuple(LazyPattern(str(p) if written else optional_apostrophes(str(p)), where)
                 for p in patterns)


def _example(raw: object, where: str) -> Example:
    if isinstance(raw, str):
        return Example(raw)
    if isinstance(raw, Mapping) and isinstance(raw.get("text"), str):
        return Example(raw["text"], tuple(str(b) for b in raw.get("before", ())))
    raise RulesError(f'{where}: an example is a string or {{text = "...", before = ["..."]}}')


RULE_FILES: Final = (
    "withdrawal", "confrontation", "invalidation", "acknowledge", "responsibility", "validate",
    "feeling", "request", "reconnect",
)


INDEX_FILE: Final = "_index.json"


def rule_sources(names: Iterable[str] = ("crisis", *RULE_FILES)) -> dict[str, str]:
    """The text of each packaged rule file, by name."""
    base = resources.files("mendkit") / "rules"
    return {name: (base / f"{name}.toml").read_text(encoding="utf-8") for name in names}


def sources_digest(sources: Mapping[str, str]) -> str:
    digest = hashlib.sha256()
    for name in sorted(sources):
        digest.update(name.encode() + b"\0" + sources[name].encode() + b"\0")
    return digest.hexdigest()


def _shipped_index(sources: Mapping[str, str]) -> dict[str, Any] | None:
    """Pattern splits and requirements saved by ``write_index``, if made from these very rules."""
    path = resources.files("mendkit") / "rules" / INDEX_FILE
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("digest") != sources_digest(sources):
        return None  # stale: derive at run time (slower start, same results)
    return data if isinstance(data.get("splits"), dict) else None


def build_index(names: Iterable[str] = ("crisis", *RULE_FILES)) -> dict[str, Any]:
    """The content of ``_index.json`` for the packaged rules (see ``make rules-index``)."""
    sources = rule_sources(names)
    rules = load_files(names, use_index=False).rules
    patterns = {
        index_key(rule, p): [sorted(r) for r in requirements(rule, p)]
        for rule in rules for p in rule.patterns
    }
    splits = {
        written: parts
        for text in sources.values() for raw in tomllib.loads(text).get("rule", ())
        for written in raw.get("patterns", ())
        if len(parts := split_alternatives(written)) > 1
    }
    return {"digest": sources_digest(sources), "splits": dict(sorted(splits.items())),
            "patterns": dict(sorted(patterns.items()))}


def load_files(names: Iterable[str], *, use_index: bool = True) -> RuleSet:
    rules: list[Rule] = []
    versions: dict[str, str] = {}
    seen: set[str] = set()
    names = tuple(names)
    sources = rule_sources(names)
    index = _shipped_index(rule_sources()) if use_index else None
    for name in names:
        source = f"rules/{name}.toml"
        try:
            data = tomllib.loads(sources[name])
        except tomllib.TOMLDecodeError as exc:
            raise RulesError(f"{source}: not valid TOML: {exc}") from None
        version, file_rules = parse_rules(data, source,
                                          splits=index["splits"] if index else None)
        versions[name] = version
        for rule in file_rules:
            if rule.id in seen:
                raise RulesError(f"{source}: duplicate rule id {rule.id!r}")
            seen.add(rule.id)
        rules.extend(file_rules)
    return RuleSet.build(rules, versions, known=index["patterns"] if index else None)


@once
def engine_rules() -> RuleSet:
    """Crisis and marker rules in one index: one pass over a turn finds both."""
    return load_files(("crisis", *RULE_FILES))


def write_index() -> None:
    """Rewrite the shipped ``_index.json`` (run from a source checkout: ``make rules-index``)."""
    target = resources.files("mendkit") / "rules" / INDEX_FILE
    with resources.as_file(target) as path:
        path.write_text(json.dumps(build_index(), indent=0, ensure_ascii=False) + "\n",
                        encoding="utf-8")
