"""training/public_labels.py: how the train-ok public sets map onto Mend's labels.

Runs on small files written here in each set's own layout, so the mapping is checked without the
shared data (and nothing is read from a dev or test split)."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from mendkit.models.classifier import OUTPUT_LABELS

TRAINING = Path(__file__).resolve().parents[2] / "training"
CONF, RESP, RECON = "rupture.confrontation", "repair.responsibility", "reconnect"
EMOTIONS = ("admiration amusement anger annoyance approval caring confusion curiosity desire "
            "disappointment disapproval disgust embarrassment excitement fear gratitude grief joy "
            "love nervousness optimism pride realization relief remorse sadness surprise neutral")


@pytest.fixture
def public(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    names = EMOTIONS.split()
    go = tmp_path / "goemotions"
    go.mkdir()
    (go / "data__original__labels.txt").write_text("\n".join(names) + "\n", encoding="utf-8")
    lines = [("You never listen, this is ridiculous", "anger,annoyance"),
             ("I'm sorry, I shouldn't have said that", "remorse"),
             ("Thanks so much, that really helps", "gratitude"),
             ("That sandwich looks gross", "disgust"),
             ("The bus was on time today", "neutral"),
             ("The dev split must not be read", "anger")]
    rows = [f"{text}\t{','.join(str(names.index(e)) for e in emo.split(','))}\tid{i}"
            for i, (text, emo) in enumerate(lines[:-1])]
    (go / "data__original__train.tsv").write_text("\n".join(rows) + "\n", encoding="utf-8")
    (go / "data__original__dev.tsv").write_text(f"{lines[-1][0]}\t2\tdev1\n", encoding="utf-8")
    tox = tmp_path / "toxichat"
    tox.mkdir()
    thread = {"reddit_thread": [
        {"turn_id": 1, "text": " What do you all think of the new park? ", "offense_label": "Safe"},
        {"turn_id": 2, "text": "Only an idiot like you would like it", "offense_label": "Offensive"},
    ], "final_dgpt_response": {"turn_id": 3, "text": "I disagree, it is nice",
                               "offense_label": "Safe"}}
    (tox / "data__ToxiChat__train.jsonl").write_text(json.dumps(thread) + "\n", encoding="utf-8")
    emory = tmp_path / "emorynlp"
    emory.mkdir()
    (emory / "data__emorynlp__emorynlp_train_final.csv").write_text(
        "Utterance,Speaker,Emotion,Scene_ID,Utterance_ID,Season,Episode,Start_Time,End_Time\n"
        "Where were you?,['A'],Neutral,1,1,1,1,0,0\n"
        "Get out of my apartment!,['B'],Mad,1,2,1,1,0,0\n"
        "Hello there,['C'],Joyful,2,1,1,1,0,0\n", encoding="utf-8")
    monkeypatch.setenv("MEND_SHARED_DATA", str(tmp_path))
    monkeypatch.syspath_prepend(str(TRAINING))
    sys.modules.pop("public_labels", None)
    sys.modules.pop("transfer", None)
    import public_labels

    return public_labels


def _by_text(rows: list[dict[str, object]]) -> dict[str, dict[str, object]]:
    return {str(r["text"]): r for r in rows}


def _mapped(row: dict[str, object]) -> dict[str, bool]:
    y, mask = row["y"], row["mask"]
    assert isinstance(y, list) and isinstance(mask, list)
    return {label: bool(v) for label, v, m in zip(OUTPUT_LABELS, y, mask, strict=True) if m}


def test_goemotions_cues_map_to_three_labels_and_nothing_else(public) -> None:  # type: ignore[no-untyped-def]
    rows = _by_text(public.rows(["goemotions"], 100, 7, OUTPUT_LABELS))
    assert _mapped(rows["You never listen, this is ridiculous"]) == {
        CONF: True, RESP: False, RECON: False}
    assert _mapped(rows["I'm sorry, I shouldn't have said that"])[RESP] is True
    assert _mapped(rows["Thanks so much, that really helps"])[RECON] is True
    assert _mapped(rows["The bus was on time today"]) == {CONF: False, RESP: False, RECON: False}
    # disgust alone says nothing either way about confrontation
    assert CONF not in _mapped(rows["That sandwich looks gross"])
    assert "The dev split must not be read" not in rows
    for row in rows.values():
        assert "risk.crisis" not in _mapped(row)  # no public set labels crisis


def test_toxichat_offence_with_the_turn_before(public) -> None:  # type: ignore[no-untyped-def]
    rows = _by_text(public.rows(["toxichat"], 100, 7, OUTPUT_LABELS))
    insult = rows["Only an idiot like you would like it"]
    assert _mapped(insult) == {CONF: True}
    assert insult["previous"] == "What do you all think of the new park?"
    reply = rows["I disagree, it is nice"]  # the bot's reply follows the thread's last turn
    assert _mapped(reply) == {CONF: False} and reply["previous"] == insult["text"]


def test_emorynlp_mad_is_confrontation_within_a_scene(public) -> None:  # type: ignore[no-untyped-def]
    rows = _by_text(public.rows(["emorynlp"], 100, 7, OUTPUT_LABELS))
    assert _mapped(rows["Get out of my apartment!"]) == {CONF: True}
    assert rows["Get out of my apartment!"]["previous"] == "Where were you?"
    assert rows["Hello there"]["previous"] == ""  # a new scene starts without context
    assert _mapped(rows["Hello there"]) == {CONF: False}


def test_per_source_limit_is_a_seeded_sample(public) -> None:  # type: ignore[no-untyped-def]
    first = public.rows(["goemotions", "emorynlp"], 2, 7, OUTPUT_LABELS)
    again = public.rows(["goemotions", "emorynlp"], 2, 7, OUTPUT_LABELS)
    assert len(first) == 4 and first == again
    assert {r["kind"] for r in first} == {"public:goemotions", "public:emorynlp"}
