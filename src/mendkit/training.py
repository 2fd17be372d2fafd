"""``mend train``: refit the heads on this person's corrections, locally and opt-in.

Reads the person's corrections (``mendkit.corrections``: the journal's, or the plain file's), runs
the shipped classifier on each corrected message with the message before it, fits the personal heads
(``mendkit.models.personal``) and saves them under ``$MEND_HOME/personal``. The report says how many
of the corrections the heads alone (without the memory of those very messages) now agree with: a
figure on the examples they were fitted to, so a measure of how far the corrections generalise
within themselves, not of accuracy on new conversations.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from mendkit.api import check
from mendkit.corrections import Correction, CorrectionStorage, CorrectionStore
from mendkit.errors import InvalidInputError
from mendkit.labels import CRISIS
from mendkit.models import personal
from mendkit.models.classifier import available, default_classifier


@dataclass(frozen=True, slots=True, kw_only=True)
class TrainReport:
    path: Path
    corrections: int
    labels: tuple[str, ...]
    muted_rules: tuple[str, ...]
    agree_before: int
    agree_after: int
    crisis_ignored: int

    def summary(self) -> str:
        lines = [
            f"fitted personal heads on {self.corrections} corrections -> {self.path}",
            f"labels refitted: {', '.join(self.labels) or 'none'}",
            f"rules muted (marked wrong on {personal.MUTE_AFTER}+ messages): "
            f"{', '.join(self.muted_rules) or 'none'}",
            f"the refitted heads and muted rules alone agree with {self.agree_after} of your "
            f"{self.corrections} corrections (before: {self.agree_before}); the messages you "
            "corrected get your verdict whatever the heads say.",
        ]
        if self.crisis_ignored:
            some = ("1 correction about risk.crisis was" if self.crisis_ignored == 1 else
                    f"{self.crisis_ignored} corrections about risk.crisis were")
            lines.append(f"{some} kept but not used: Mend never weakens crisis detection.")
        lines.append("`mend analyze` and `mend check` use these heads; --no-personal ignores "
                     "them; `mend train --reset` removes them.")
        return "\n".join(lines)


def train(home: Path, corrections_from: CorrectionStorage | None = None) -> TrainReport:
    """Fit and save the personal heads under ``home`` from the corrections in
    ``corrections_from`` (by default, the plain file under ``home``)."""
    storage = corrections_from if corrections_from is not None else CorrectionStore(home)
    corrections = list(storage)
    if not corrections and storage.warnings:  # there are some, but none can be read
        skipped = len(storage.warnings)
        raise InvalidInputError(
            f"no readable corrections in {storage.where} ({skipped} "
            f"{'line' if skipped == 1 else 'lines'} skipped; the warnings say which and why): fix "
            "or delete them, or mark a detection again with `mend correct TEXT --label LABEL`")
    if not corrections:
        raise InvalidInputError("no corrections to learn from yet; mark a detection with "
                                "`mend correct TEXT --label LABEL` first")
    if not available():
        raise InvalidInputError("this build of Mend has no classifier to refit")
    model = default_classifier()
    examples = [personal.Example(label=c.label, present=c.verdict == "missing",
                                 probabilities=[float(p) for p in
                                                model.probabilities(c.text, c.previous)])
                for c in corrections]
    heads = personal.fit(examples, model.labels, muted_rules=personal.muted_rules(corrections),
                         memory=personal.memory_of(corrections), corrections=len(corrections))
    path = personal.save(heads, home)
    return TrainReport(
        path=path, corrections=len(corrections), labels=tuple(sorted(heads.weights)),
        muted_rules=tuple(sorted(heads.muted_rules)),
        agree_before=sum(_agrees(c, None) for c in corrections),
        agree_after=sum(_agrees(c, replace(heads, memory={})) for c in corrections),
        crisis_ignored=sum(c.label == CRISIS for c in corrections),
    )


def reset(home: Path) -> bool:
    """Remove the personal heads; True if there were any."""
    path = personal.personal_dir(home) / "heads.json"
    if path.is_file():
        path.unlink()
        return True
    return False


def _agrees(correction: Correction, heads: personal.PersonalHeads | None) -> bool:
    found = check(correction.text, context=(correction.previous,) if correction.previous else (),
                  personal=heads)
    return (correction.label in found.labels) == (correction.verdict == "missing")
