"""Labelled turns from the *train-ok* public sets, mapped to a few of Mend's labels.

Only the train splits are read (``../shared/data/README.md``: GoEmotions and EmoryNLP Apache-2.0,
ToxiChat CC BY-SA 4.0); dev and test stay for measuring. Each row supervises only the labels its
source can speak to (``mask``); every other label, ``risk.crisis`` included, gets no public label.

The mapping, and why:

- GoEmotions (Reddit comments, no context):
  - ``rupture.confrontation`` <- anger, annoyance or disapproval. Moving against someone starts
    with displeasure at them; these three are how GoEmotions' raters marked it. Comments with none
    of them (disgust-only comments excepted: contempt is confrontation, but disgust is as often
    at food or a film) are negatives.
  - ``repair.responsibility`` <- remorse (regret or an apology for what one did).
  - ``reconnect`` <- gratitude, approval or caring (appreciation and warmth: the acceptance and
    appreciation subtypes of reconnect).
- ToxiChat (Reddit threads, each turn with the one before it): ``rupture.confrontation`` <-
  Offensive (hostility or contempt towards someone, a person or a group), Safe is a negative.
  Disagreement alone is not mapped: a civil "I don't think that's right" is not a rupture.
- EmoryNLP (Friends, each utterance with the one before it in the scene):
  ``rupture.confrontation`` <- Mad; the other six emotions are negatives.

These are weak labels for Mend's taxonomy (an annoyed comment about a bus is not a rupture between
two people), so they train with less weight than the corpus (``--public-weight``) and next to the
teacher's probabilities when ``--distil`` is on. ``mend eval`` measures the mapped GoEmotions cues
on GoEmotions *test*: with these rows in training, that row is in-domain and says so.
"""

from __future__ import annotations

import random
from collections.abc import Iterator
from typing import Any

from transfer import MAX_CHARS, data_root, emorynlp_rows, goemotions_rows, toxichat_rows

CONFRONTATION = "rupture.confrontation"
RESPONSIBILITY = "repair.responsibility"
RECONNECT = "reconnect"
GOEMOTIONS_MAP = {CONFRONTATION: ("anger", "annoyance", "disapproval"),
                  RESPONSIBILITY: ("remorse",),
                  RECONNECT: ("gratitude", "approval", "caring")}
SOURCES = ("goemotions", "toxichat", "emorynlp")

Row = tuple[str, str, dict[str, bool]]  # text, previous, {label: present}


def goemotions() -> Iterator[Row]:
    names = (data_root() / "goemotions" / "data__original__labels.txt").read_text(
        encoding="utf-8").split()
    for text, previous, (ids, *_) in goemotions_rows():
        emotions = {names[int(i)] for i in ids.split(",")}
        labels = {label: bool(emotions & set(cues)) for label, cues in GOEMOTIONS_MAP.items()}
        if emotions == {"disgust"}:
            del labels[CONFRONTATION]
        yield text, previous, labels


def toxichat() -> Iterator[Row]:
    for text, previous, turn in toxichat_rows():
        if turn.get("offense_label") in ("Offensive", "Safe"):
            yield text, previous, {CONFRONTATION: turn["offense_label"] == "Offensive"}


def emorynlp() -> Iterator[Row]:
    for text, previous, row in emorynlp_rows():
        yield text, previous, {CONFRONTATION: row["Emotion"] == "Mad"}


def rows(sources: list[str], per_source: int, seed: int,
         labels: tuple[str, ...]) -> list[dict[str, Any]]:
    """Up to ``per_source`` distinct rows from each source (a seeded sample), as training rows:
    ``y`` and ``mask`` over ``labels`` (the classifier's output labels)."""
    readers = {"goemotions": goemotions, "toxichat": toxichat, "emorynlp": emorynlp}
    out: list[dict[str, Any]] = []
    for name in sources:
        seen: set[tuple[str, str]] = set()
        found: list[Row] = []
        for text, previous, mapped in readers[name]():
            if text and len(text) <= MAX_CHARS and (text, previous) not in seen:
                seen.add((text, previous))
                found.append((text, previous[-MAX_CHARS:], mapped))
        random.Random(seed).shuffle(found)
        for text, previous, mapped in found[:per_source]:
            out.append({"text": text, "previous": previous,
                        "y": [mapped.get(label, False) for label in labels],
                        "mask": [1.0 if label in mapped else 0.0 for label in labels],
                        "kind": f"public:{name}", "conv": None, "k": 0})
    return out
