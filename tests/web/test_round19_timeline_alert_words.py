"""Round 19 (tester t1, problem 3; fixer f14): the web timeline's crisis box says what ``mend
analyze`` says, from the same words (``alert_parts``), not a copy of its own: a turn only the model
read (no kind) is not said to speak of danger from someone else because another turn does."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.analysis.safety import assess, turns_alert
from mendkit.config import Settings
from mendkit.labels import CRISIS
from mendkit.model import Analysis, Evidence
from mendkit.web import create_app, pages
from mendkit.web.services import analyse_text

TEXT = ("Zara: He took my passport and said if I shame him again I won't see my 18th birthday.\n"
        "Bilal: I'm so sorry. This is not okay.\n"
        "Zara: Everything feels very far away tonight.\n")  # no rule reads it: the model does here


def _with_model_turn(real: Any) -> Any:
    """The real analysis, with the last turn read as a crisis by the model alone (as full mode
    reads it; the test runs in rules mode, without the model)."""
    def analyse(data: bytes, **kwargs: Any) -> Analysis:
        got: Analysis = real(data, **kwargs)
        last = got.turns[-1]
        sign = Evidence(label=CRISIS, subtype=None, start=0, end=len(last.text), text=last.text,
                        source="model:crisis", score=0.97)
        turns = (*got.turns[:-1], replace(last, labels=(*last.labels, CRISIS),
                                          evidence=(*last.evidence, sign)))
        return replace(got, turns=turns, safety=assess(turns, "GB"))
    return analyse


def test_the_timeline_box_says_what_mend_analyze_says(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pages, "analyse_text", _with_model_turn(pages.analyse_text))
    client = TestClient(create_app(Settings(home=tmp_path, journal_kdf=(1, 8, 1))))
    token = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert token
    r = client.post("/analyse", data={"csrf_token": token.group(1), "text": TEXT,
                                      "mode": "rules"})
    assert r.status_code == 200, r.text
    box = re.search(r'<section class="crisis".*?<ul>', r.text, re.S)
    assert box, "no crisis box"
    words = re.sub(r"\s+", " ", html_lib.unescape(re.sub(r"<[^>]+>", "", box.group(0)))).strip()
    assert "turn 2 (Zara) may speak of suicide, self-harm or danger from someone else" in words
    assert "Turn 0 (Zara) may speak of danger from someone else, and" in words
    assert 'href="#turn-2"' in box.group(0) and 'href="#turn-0"' in box.group(0)
    # The same words as the terminal's, built from the same analysis.
    analysis = _with_model_turn(analyse_text)(TEXT.encode(), mode="rules", region="GB")
    speakers = {t.index: t.speaker for t in analysis.turns}
    assert turns_alert(analysis.safety, speakers, analysis.turns) in words

