"""Round 9: two-person coaching. The safety gate reads every word that is kept; a stop pauses
the session for both people, calmly; names hold no control or bidi characters; an over-long
answer is refused, never cut; join codes cannot be guessed for ever."""

from __future__ import annotations

import html as html_lib
import json
import re
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.pair import QUESTIONS
from mendkit.coach.store import PairStore

CRISIS = "I am going to kill myself tonight."
LONG = "I felt hurt and small. " * 230  # about 5,300 characters


def _file(tmp_path: Path, name: str, answers: list[str]) -> str:
    path = tmp_path / f"{name}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def _all(words: str, share: str = "yes") -> list[str]:
    return [w for key, _ in QUESTIONS for w in (f"{words} {key}", share)]


def _only_code(home: Path) -> str:
    (code,) = [p.name for p in (home / "coach" / "pairs").iterdir()]
    return code


# ---- bug 2: the CLI's gate reads the whole answer ----

def test_a_crisis_after_the_first_5000_characters_stops_and_is_never_saved(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    answers = ["Dana", "yes", LONG + CRISIS, "yes", *_all("dana")[2:]]
    assert main(["coach", "--pair", "--answers", _file(tmp_path, "dana", answers)]) == 0
    out = capsys.readouterr().out
    assert "Repair can wait" in out
    assert "Give this code" not in out
    saved = (home / "coach" / "pairs" / _only_code(home) / "first.json").read_text("utf-8")
    assert "kill myself" not in saved and json.loads(saved)["answers"] == {}


def test_an_answer_over_5000_characters_is_refused_and_asked_again_not_cut(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    answers = ["Dana", "yes", LONG + "THE-END", "shorter words", "yes", "next", "no"]
    assert main(["coach", "--pair", "--answers", _file(tmp_path, "dana", answers)]) == 0
    out = capsys.readouterr().out
    assert "at most 5,000 characters" in out and "was not saved" in out
    mine = PairStore(home).load(_only_code(home), "first")
    assert mine is not None
    assert mine.answers == {"feelings": "shorter words", "reality": "next"}


# ---- bug 3: a stop pauses the session for both (CLI) ----

def test_when_one_person_is_stopped_the_other_is_told_calmly_that_the_session_is_paused(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    dana = ["Dana", "yes", "hurt", "yes", "I want to kill myself tonight", "no"]
    assert main(["coach", "--pair", "--answers", _file(tmp_path, "dana", dana)]) == 0
    code = _only_code(home)
    capsys.readouterr()
    assert main(["coach", "--join", code, "--answers",
                 _file(tmp_path, "sam", ["Sam", "yes", *_all("sam")])]) == 0
    out = capsys.readouterr().out
    assert "This two-person session has been paused" in out
    assert "If you need someone now:" in out  # the general resources
    assert "How did you feel" not in out  # not asked to keep answering
    # nothing of Dana's words, nor of why: the stop screen is hers alone
    assert "kill myself" not in out and "Dana: hurt" not in out
    assert "Repair can wait" not in out and "stopped" not in out
    assert "--exchange" not in out
    assert PairStore(home).load(code, "second") is None  # nothing asked, nothing saved
    for run in range(2):  # the exchange: the same calm note for each, never "look again"
        assert main(["coach", "--exchange", code]) == 0, run
        shown = capsys.readouterr()
        assert "This two-person session has been paused" in shown.out
        assert "ready when" not in shown.out + shown.err and "kill myself" not in shown.out


def test_a_stop_part_way_pauses_the_person_who_had_already_joined(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, "dana", ["Dana", "yes", "hurt", "yes"])]) == 0
    code = _only_code(home)
    assert main(["coach", "--join", code, "--answers",
                 _file(tmp_path, "sam", ["Sam", "yes", "angry", "yes"])]) == 0
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, "dana2", ["yes", "I don't want to live anymore"])]) == 0
    capsys.readouterr()
    assert main(["coach", "--join", code, "--answers",
                 _file(tmp_path, "sam2", ["yes", *_all("sam")[2:]])]) == 0
    out = capsys.readouterr().out
    assert "This two-person session has been paused" in out
    assert "How did it look" not in out
    sam = PairStore(home).load(code, "second")
    assert sam is not None and list(sam.answers) == ["feelings"]


# ---- bug 6: names ----

@pytest.mark.parametrize("bad", ["Dana\u202e", "Sam\tK", "Al\u2066i"])
def test_a_cli_name_with_control_or_bidi_characters_is_asked_again(
        tmp_path: Path, capsys: pytest.CaptureFixture[str], bad: str) -> None:
    home = tmp_path / "mend-home"
    assert main(["coach", "--pair", "--answers",
                 _file(tmp_path, "dana", [bad, "Dana", "yes", "hurt", "yes"])]) == 0
    out = capsys.readouterr().out
    assert "a name cannot hold control or text-direction characters" in out.lower()
    mine = PairStore(home).load(_only_code(home), "first")
    assert mine is not None and mine.name == "Dana"


# ---- the web app ----

fastapi = pytest.importorskip("fastapi")

from fastapi.testclient import TestClient  # noqa: E402

from mendkit.config import Settings  # noqa: E402
from mendkit.web import coach_pair, create_app  # noqa: E402


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _start(client: TestClient, name: str):  # type: ignore[no-untyped-def]
    page = client.get("/coach/pair")
    return client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                            "name": name}, follow_redirects=False)


def _join(client: TestClient, code: str, name: str):  # type: ignore[no-untyped-def]
    page = client.get("/coach/pair")
    return client.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                                 "code": code, "name": name},
                       follow_redirects=False)


def _say_safe(client: TestClient, code: str) -> None:
    """Round 10: each person first answers, privately, that they are safe."""
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe", "answer": "yes", "share": "no"},
        follow_redirects=False)
    assert r.status_code == 303


def _answer(client: TestClient, code: str, text: str, share: str = "yes"):  # type: ignore[no-untyped-def]
    page = client.get(f"/coach/pair/{code}").text
    return client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": field(page, "key"), "answer": text,
        "share": share}, follow_redirects=False)


@pytest.fixture
def pair(tmp_path: Path) -> tuple[TestClient, TestClient, str, Path]:
    home = tmp_path / "home"
    app = create_app(Settings(home=home))
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana").headers["location"].rsplit("/", 1)[1]
    assert _join(sam, code, "Sam").status_code == 303
    _say_safe(dana, code)
    _say_safe(sam, code)
    return dana, sam, code, home


def test_web_when_one_person_is_stopped_the_session_pauses_for_both(
        pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, sam, code, home = pair
    _answer(dana, code, "hurt and small")
    _answer(dana, code, "I don't want to live anymore, I want to end my life", "no")
    page = plain(sam.get(f"/coach/pair/{code}").text)
    assert "This two-person session has been paused" in page
    assert "Look again" not in page and "Save and go on" not in page
    assert "live anymore" not in page and "hurt and small" not in page
    assert "Let's pause here" not in page and "Repair can wait" not in page
    assert "988" in page or "emergency" in page.lower()  # the general resources
    r = _answer_raw(sam, code, "feelings", "sam feels")  # an old tab: nothing is saved
    assert r.status_code == 303
    sam_answers = PairStore(home).load(code, "second")
    assert sam_answers is not None and sam_answers.answers == {}
    for who in (sam, dana):  # the exchange is offered to no one, and no one is told to wait
        shown = plain(who.get(f"/coach/pair/{code}/exchange").text)
        assert "This two-person session has been paused" in shown
        assert "Look again" not in shown and "live anymore" not in shown
    assert "Let's pause here" in dana.get(f"/coach/pair/{code}").text  # her own stop screen


def _answer_raw(client: TestClient, code: str, key: str, text: str):  # type: ignore[no-untyped-def]
    page = client.get("/coach/pair").text
    return client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": key, "answer": text, "share": "yes"},
        follow_redirects=False)


def test_web_a_stop_is_kept_with_the_answers_not_only_in_memory(
        pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, _, code, home = pair
    _answer(dana, code, "I want to kill myself tonight")
    first = PairStore(home).load(code, "first")
    assert first is not None and first.stopped == "crisis" and first.answers == {}


def test_web_an_over_long_answer_is_refused_with_a_clear_note_never_cut(
        pair: tuple[TestClient, TestClient, str, Path]) -> None:
    dana, _, code, home = pair
    page = dana.get(f"/coach/pair/{code}").text
    assert re.search(r'<textarea[^>]*maxlength="5000"', page)
    r = _answer(dana, code, LONG + "THE-END")
    assert r.status_code == 400
    text = plain(r.text)
    assert "at most 5,000 characters" in text and "was not saved" in text
    first = PairStore(home).load(code, "first")
    assert first is not None and first.answers == {}


@pytest.mark.parametrize(("name", "shown"), [("Dana\u202e", "U+202E"), ("Sam\tK", "U+0009")])
def test_web_a_name_with_control_or_bidi_characters_is_refused(
        tmp_path: Path, name: str, shown: str) -> None:
    client = TestClient(create_app(Settings(home=tmp_path / "home")))
    r = _start(client, name)
    assert r.status_code == 400
    text = plain(r.text)
    assert "A name cannot hold control or text-direction characters" in text and shown in text
    assert not (tmp_path / "home" / "coach" / "pairs").exists()


def test_web_a_full_session_and_an_unknown_code_get_the_same_answer(
        pair: tuple[TestClient, TestClient, str, Path], tmp_path: Path) -> None:
    _, _, code, _ = pair
    eve = TestClient(pair[0].app)
    full = plain(_join(eve, code, "Eve").text).replace(code, "CODE")
    unknown = plain(_join(eve, "ZZZZZZ", "Eve").text).replace("ZZZZZZ", "CODE")
    assert full == unknown
    assert "There is no two-person session open to join with the code CODE" in full


def test_web_an_unjoined_code_expires(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = create_app(Settings(home=home))
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana").headers["location"].rsplit("/", 1)[1]
    store = PairStore(home)
    old = (datetime.now(UTC) - coach_pair.JOIN_WINDOW - timedelta(minutes=1)).isoformat()
    first = store.load(code, "first")
    assert first is not None
    store.save(code, "first", replace(first, started=old))
    r = _join(sam, code, "Sam")
    assert r.status_code == 400
    assert "There is no two-person session open to join" in plain(r.text)
    assert store.load(code, "second") is None


def test_web_wrong_join_codes_are_limited(tmp_path: Path,
                                          monkeypatch: pytest.MonkeyPatch) -> None:
    app = create_app(Settings(home=tmp_path / "home"))
    dana, eve = TestClient(app), TestClient(app)
    code = _start(dana, "Dana").headers["location"].rsplit("/", 1)[1]
    limit = coach_pair.WRONG_JOINS_ALLOWED
    for n in range(limit):
        assert _join(eve, f"ZZZZ{n:02d}", "Eve").status_code == 400
    r = _join(eve, code, "Eve")  # even the right code waits now
    assert r.status_code == 400
    assert "Too many codes that do not open a session were tried" in plain(r.text)
    sam = TestClient(app)
    assert PairStore(tmp_path / "home").load(code, "second") is None
    later = datetime.now(UTC) + coach_pair.WRONG_JOIN_WAIT + timedelta(seconds=1)
    monkeypatch.setattr(coach_pair, "_clock", lambda: later)
    assert _join(sam, code, "Sam").status_code == 303
