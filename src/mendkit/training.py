"""``mend train``: refit the heads on this person's corrections, locally and opt-in.

Reads the person's corrections (``mendkit.corrections``: the journal's, or the plain file's), runs
the shipped classifier on each corrected message with the message before it, fits the personal heads
(``mendkit.models.personal``) and saves them under ``$MEND_HOME/personal``. The report says how many
of the corrections the heads alone (without the memory of those very messages) now agree with: a
figure on the examples they were fitted to, so a measure of how far the corrections generalise
within themselves, not of accuracy on new conversations.
"""

from __future__ import annotations

from collections.abc import Callable
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
            f"the refitted heads and muted rules alone agree with {self.agree_after} of the "
            f"{_corrections(self.corrections - self.crisis_ignored)} you can train on (before: "
            f"{self.agree_before}); the messages you corrected get your verdict whatever the "
            "heads say.",
        ]
        if self.crisis_ignored:
            some = ("1 correction about risk.crisis was" if self.crisis_ignored == 1 else
                    f"{self.crisis_ignored} corrections about risk.crisis were")
            lines.append(f"{some} kept but not used: Mend never weakens crisis detection.")
        lines.append("`mend analyze` and `mend check` use these heads; --no-personal ignores "
                     "them; `mend train --reset` removes them.")
        return "\n".join(lines)


def _corrections(n: int) -> str:
    return "1 correction" if n == 1 else f"{n} corrections"


# How often ``progress`` hears from a long run (every this many corrections, and at the end).
PROGRESS_EVERY = 500


def train(home: Path, corrections_from: CorrectionStorage | None = None, *,
          progress: Callable[[str], None] | None = None) -> TrainReport:
    """Fit and save the personal heads under ``home`` from the corrections in
    ``corrections_from`` (by default, the plain file under ``home``).

    ``progress``, if given, hears how far the run got (a line every ``PROGRESS_EVERY``
    corrections of each pass, and at the end of each): thousands of corrections take minutes."""
    say = progress or (lambda _line: None)
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
    total = len(corrections)
    examples = []
    for done, c in enumerate(corrections, 1):
        examples.append(personal.Example(
            label=c.label, present=c.verdict == "missing",
            probabilities=[float(p) for p in model.probabilities(c.text, c.previous)]))
        _tell(say, "read", done, total)
    heads = personal.fit(examples, model.labels, muted_rules=personal.muted_rules(corrections),
                         memory=personal.memory_of(corrections), corrections=total)
    path = personal.save(heads, home)
    say(f"training: saved your personal heads to {path}; now measuring how far they agree "
        "with your corrections")
    # Crisis corrections are never used, so they are left out of the agreement figures.
    usable = [c for c in corrections if c.label != CRISIS]
    without_memory = replace(heads, memory={})
    agree_before = agree_after = 0
    for done, c in enumerate(usable, 1):
        agree_before += _agrees(c, None)
        agree_after += _agrees(c, without_memory)
        _tell(say, "measured", done, len(usable))
    return TrainReport(
        path=path, corrections=total, labels=tuple(sorted(heads.weights)),
        muted_rules=tuple(sorted(heads.muted_rules)),
        agree_before=agree_before, agree_after=agree_after,
        crisis_ignored=total - len(usable),
    )


def _tell(say: Callable[[str], None], doing: str, done: int, total: int) -> None:
    if done % PROGRESS_EVERY == 0 or done == total:
        say(f"training: {doing} {done} of {_corrections(total)}")


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
