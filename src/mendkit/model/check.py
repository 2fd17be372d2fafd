"""The result of ``mendkit.check``: one message scored as a repair, with issues to fix."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mendkit.errors import InvalidInputError
from mendkit.model._fields import Fields
from mendkit.model.analysis import Evidence, Safety


@dataclass(frozen=True, slots=True, kw_only=True)
class Issue:
    """Something in a draft that works against repair, its span, why, and what to write instead."""

    kind: str
    start: int
    end: int
    message: str
    suggestion: str

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "start": self.start, "end": self.end,
                "message": self.message, "suggestion": self.suggestion}

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Issue:
        f = Fields(data, "an issue")
        return cls(kind=str(f["kind"]), start=f.whole("start"), end=f.whole("end"),
                   message=str(f["message"]), suggestion=str(f["suggestion"]))


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckResult:
    """``repair_quality`` in [0, 1] ranks drafts; ``components`` says which parts of a repair are there.

    Not hashable: ``scores`` and ``components`` are dicts.
    """

    __hash__ = None  # type: ignore[assignment]

    text: str
    labels: tuple[str, ...]
    scores: Mapping[str, float]
    evidence: tuple[Evidence, ...]
    repair_quality: float
    components: Mapping[str, bool]
    issues: tuple[Issue, ...]
    risk: Safety
    rewrite: str | None = None
    notes: tuple[str, ...] = field(default=())

    def to_dict(self) -> dict[str, Any]:
        """The ``mend check --json`` object (DESIGN.md's contract).

        Lossy on purpose, to keep that contract: scores and ``repair_quality`` are rounded to 4
        decimal places, and ``risk.turns`` is left out (one message has one turn), so
        ``CheckResult.from_dict(r.to_dict())`` is not equal to ``r``. The dict itself is stable:
        ``CheckResult.from_dict(d).to_dict() == d``.
        """
        risk = self.risk.to_dict()
        shown = {"crisis": risk["crisis"], "kinds": risk["kinds"], "message": risk["message"],
                 "resources": risk["resources"]}
        if self.risk.in_context:  # the signs were in the message being answered
            shown["in_context"] = True
        return {
            "text": self.text,
            "labels": list(self.labels),
            "scores": {k: round(v, 4) for k, v in self.scores.items()},
            "evidence": [e.to_dict() for e in self.evidence],
            "repair_quality": round(self.repair_quality, 4),
            "components": dict(self.components),
            "issues": [i.to_dict() for i in self.issues],
            "rewrite": self.rewrite,
            "notes": list(self.notes),
            "risk": shown,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> CheckResult:
        """Read a ``to_dict()`` object back; a missing or wrong key raises ``InvalidInputError``."""
        f = Fields(data, "a check result")
        text = str(f["text"])
        quality = f.number("repair_quality")
        if not 0.0 <= quality <= 1.0:
            raise InvalidInputError('expected a check result with "repair_quality" as a number '
                                    f"from 0 to 1, got {quality!r}")
        components = Fields(f.mapping("components"), '"components"')
        return cls(
            text=text, labels=f.strings("labels"), scores=f.numbers("scores"),
            evidence=tuple(Evidence.from_dict(e) for e in f.items("evidence")),
            repair_quality=quality,
            components={str(k): components.flag(str(k)) for k in components.data},
            issues=tuple(Issue.from_dict(i) for i in f.items("issues")),
            risk=Safety.from_dict({"turns": [], **Fields(f["risk"], '"risk"').data}),
            rewrite=f.optional_str("rewrite"), notes=f.strings("notes"),
        )
