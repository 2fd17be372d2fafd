"""Named parts of the corpus's ``train`` split that the training tools keep apart.

- ``extra_c`` / ``extra_d`` (and ``crisis_more``): held out from rule tuning to check that new rules
  generalise (``rules_report.py check``).
- the calibration files, written after the rules and the models they measure and new to both;
  rules are not tuned on them and no model trains on them:
  ``calib_a`` / ``calib_b`` (5 December 2026) choose the fused thresholds
  (``choose_thresholds.py``);
  ``calib_e`` / ``calib_f`` (written later that day, for v3) and ``calib_g`` ... ``calib_n``
  (written after v3's first comparison, which 335 turns left undecided) compare models whose
  thresholds are already fixed (``heldout_report.py --part compare``, or ``compare-ef`` /
  ``compare-gn`` for either set alone) and choose nothing else.
- ``calib_c`` / ``calib_d`` compared eight variants of the model (v2 among them), so they no
  longer measure a new model fairly: from v3 on they are training data (``--part compare-v2``
  still reads them, to reproduce v2's comparison).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

RULES_HELD_OUT = ("extra_c.jsonl", "extra_d.jsonl")
THRESHOLD_FILES = ("calib_a.jsonl", "calib_b.jsonl")
FIRST_COMPARISON_FILES = ("calib_e.jsonl", "calib_f.jsonl")
SECOND_COMPARISON_FILES = tuple(f"calib_{x}.jsonl" for x in "ghijklmn")
COMPARISON_FILES = FIRST_COMPARISON_FILES + SECOND_COMPARISON_FILES
FORMER_COMPARISON_FILES = ("calib_c.jsonl", "calib_d.jsonl")
CALIBRATION = THRESHOLD_FILES + COMPARISON_FILES


def source_file(conv: Any) -> str:
    """The file name a gold conversation was read from."""
    return Path(conv.conversation.source or "").name


def is_calibration(conv: Any, files: tuple[str, ...] = CALIBRATION) -> bool:
    """Whether ``conv`` comes from one of the calibration ``files`` (default: all of them)."""
    return source_file(conv) in files


def held_out(item_id: str) -> bool:
    """About one in seven train items is kept back to choose thresholds: the rules were tuned on
    dev, so dev would overrate them; these items are new to the model (``finetune_classifier.py``;
    the rules were later widened on them, ``rules_report.py``)."""
    return int(hashlib.sha256(item_id.encode()).hexdigest(), 16) % 7 == 0
