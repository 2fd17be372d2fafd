"""Which build of the rules and of the classifier this Mend analyses with, for a run's record.

Mend's own version (``mendkit.__version__``) does not change with every change to the rules or
the model, so a batch output records these as well: ``--resume`` compares them, and refuses to
add conversations analysed with other rules or another model to an output (``sinks``). Each is
the newest version the files name, with a digest of the files themselves, so that an edit that
did not bump a version is told apart too: ``2026.12.10 (4eafb511b55d)``.
"""

from __future__ import annotations

import hashlib
import json
import re
from importlib import resources
from typing import Any, Final

from mendkit._once import once

_DERIVED: Final = frozenset({"_index.json"})  # made from the rule files (``make rules-index``)
_VERSION = re.compile(r'^version\s*=\s*"([^"]+)"', re.MULTILINE)
_TABLE = re.compile(r"^\[", re.MULTILINE)


@once
def rules_version() -> str:
    """The rule set's version: the newest of its files' ``version``, and a digest of the files."""
    folder = resources.files("mendkit") / "rules"
    digest = hashlib.sha256()
    versions: list[str] = []
    for entry in sorted(folder.iterdir(), key=lambda e: e.name):
        if not entry.is_file() or entry.name in _DERIVED:
            continue
        data = entry.read_bytes()
        digest.update(entry.name.encode() + b"\0" + data + b"\0")
        if entry.name.endswith(".toml"):
            text = data.decode("utf-8", "replace")
            table = _TABLE.search(text)  # a file's own version comes before its first table
            found = _VERSION.search(text, 0, table.start() if table else len(text))
            if found:
                versions.append(found.group(1))
    newest = max(versions, key=_version_key, default="unversioned")
    return f"{newest} ({digest.hexdigest()[:12]})"


@once
def classifier_version() -> str:
    """The shipped classifier's name (``mend-minilm-int8-v18``) and a digest of its files; "none"
    when this installation has no classifier."""
    folder = resources.files("mendkit") / "models" / "classifier"
    digest = hashlib.sha256()
    try:
        settings = (folder / "classifier.json").read_bytes()
        name = str(json.loads(settings).get("model", "unnamed"))
        for part in ("classifier.json", "model.onnx", "tokenizer.json"):
            digest.update(part.encode() + b"\0" + (folder / part).read_bytes() + b"\0")
    except (OSError, ValueError, AttributeError):
        return "none"
    return f"{name} ({digest.hexdigest()[:12]})"


def provenance(mode: str) -> dict[str, Any]:
    """What every analysis ``mend batch`` writes carries of the build that made it (the
    ``build`` of a JSON Lines line): the rules, and the classifier in full mode (None in rules
    mode, which never runs it). Mend's own version and the mode are in the analysis already."""
    return {"rules": rules_version(),
            "classifier": classifier_version() if mode == "full" else None}


def _version_key(version: str) -> tuple[int, ...]:
    """``2026.12.10`` as (2026, 12, 10), so that it sorts after ``2026.12.9``."""
    return tuple(int(part) if part.isdigit() else -1 for part in version.split("."))
