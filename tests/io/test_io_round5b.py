"""Readers, fifth hunt, second pass: cue names may hold "," and "|" ("Whitfield, Dana",
"Dana | Acme Corp"), but prose with a comma before a colon ("Well, honestly: I did send it.")
is what someone said, not a new speaker."""

from __future__ import annotations

from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.io import load_conversation


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def pairs(path: Path) -> list[tuple[str, str]]:
    return [(t.speaker, t.text) for t in load_conversation(path).turns]


def vtt(*cues: str) -> str:
    return "WEBVTT\n\n" + "".join(
        f"{n}\n00:00:{n:02d}.000 --> 00:00:{n:02d}.500\n{text}\n\n" for n, text in enumerate(cues, 1)
    )


def srt(*cues: str) -> str:
    return "".join(
        f"{n}\n00:00:{n:02d},000 --> 00:00:{n:02d},500\n{text}\n\n" for n, text in enumerate(cues, 1)
    )


def test_vtt_prose_with_a_comma_before_a_colon_continues_the_turn(tmp_path: Path) -> None:
    path = write(tmp_path, "prose.vtt", vtt(
        "Sam: I wanted to talk about Friday.",
        "Dana: Okay, so here is the thing: you never listen.",
        "Well, honestly: I did send it.",
        "Look, Sam, the point is: it was late.",
    ))
    assert pairs(path) == [
        ("Sam", "I wanted to talk about Friday."),
        ("Dana", "Okay, so here is the thing: you never listen. Well, honestly: I did send it. "
                 "Look, Sam, the point is: it was late."),
    ]


def test_srt_prose_on_the_second_line_of_a_cue_is_not_a_speaker(tmp_path: Path) -> None:
    path = write(tmp_path, "prose.srt", srt(
        "Sam: I wanted to talk about Friday.",
        "Dana: So, to be fair,\nno, listen: you never listen.",
        "Yes, and also: the forms were late.",
    ))
    assert pairs(path) == [
        ("Sam", "I wanted to talk about Friday."),
        ("Dana", "So, to be fair, no, listen: you never listen. Yes, and also: the forms were late."),
    ]


@pytest.mark.parametrize("line", [
    "Well, honestly: I did send it.",
    "So, to be clear: we agreed.",
    "Okay, fine: I was late.",
    "Look, Sam: it was late.",
    "Well, Sam: that is not fair.",
    "ok, so: what now",
    "Honestly, I think: you never listen.",
    "So here is the thing: you never listen.",
    "Bueno, la verdad: no lo sé.",
    "Well, I don’t know: maybe.",
])
@pytest.mark.parametrize("make", [vtt, srt])
def test_prose_in_a_later_cue_is_what_the_speaker_said(
        tmp_path: Path, line: str, make: object) -> None:
    name = "t.vtt" if make is vtt else "t.srt"
    path = write(tmp_path, name, make("Sam: Hello", line))  # type: ignore[operator]
    assert pairs(path) == [("Sam", f"Hello {line}")]


@pytest.mark.parametrize("speaker", [
    "Whitfield, Dana",
    "Whitfield, Dana (she/her)",
    "Dana Whitfield, she/her",
    "Okafor, Sam | Acme Corp",
    "Dana | the Acme Corp team",
    "de la Cruz, María",
    "Whitfield, Dana, PhD",
    "whitfield, dana",
    "O'Neill, Seán",
    "Smith-Jones, Anna",
    "Maria de la Cruz Lopez",
    "Silva, João do Carmo",
    "Whitfield, Dana | the Acme team",
])
@pytest.mark.parametrize("make", [vtt, srt])
def test_real_cue_names_with_commas_are_still_speakers(
        tmp_path: Path, speaker: str, make: object) -> None:
    name = "t.vtt" if make is vtt else "t.srt"
    path = write(tmp_path, name, make(  # type: ignore[operator]
        f"{speaker}: I did send it.", "Sam: You sent it at midnight.", f"{speaker}: I know."
    ))
    assert pairs(path) == [
        (speaker, "I did send it."), ("Sam", "You sent it at midnight."), (speaker, "I know."),
    ]


def test_analyze_credits_the_prose_to_the_person_who_said_it(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "prose.vtt", vtt(
        "Sam: I wanted to talk about Friday.",
        "Dana: Okay, so here is the thing: you never listen.",
        "Well, honestly: I did send it.",
    ))
    assert main(["analyze", str(path), "--mode", "rules"]) == 0
    out = capsys.readouterr().out
    assert "2 turns, speakers: Sam, Dana" in out
    assert "Well, honestly" not in out.split("speakers:", 1)[1].splitlines()[0]


def test_a_first_cue_of_prose_is_a_clear_error(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = write(tmp_path, "start.vtt", vtt("Well, honestly: I did send it.", "Sam: Fine."))
    assert main(["analyze", str(path), "--mode", "rules"]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"mend: error: {path}:5: expected the first cue to name its speaker")
    assert "Traceback" not in err
