"""Round 10: the coach in the browser and two-person mode. Every coach surface says once that
Mend is not therapy (the API's first reply and the two-person pages too); each person in
two-person mode is asked privately whether they are safe, and told to do it only when both feel
calm; a break's preview time is rounded as the break itself is; the sigh pacer never holds the
breath and keeps the terminal's pace."""

from __future__ import annotations

import html as html_lib
import itertools
import re
from datetime import datetime
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.content import NOT_THERAPY
from mendkit.coach.pair import CALM_FIRST, PairAnswers, safety_reply
from mendkit.coach.store import PairStore


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair").text
    r = client.post("/coach/pair", data={"csrf_token": field(page, "csrf_token"), "name": name},
                    follow_redirects=False)
    assert r.status_code == 303
    return str(r.headers["location"]).rsplit("/", 1)[1]


def _join(client: TestClient, code: str, name: str) -> None:
    page = client.get("/coach/pair").text
    r = client.post("/coach/pair/join", data={"csrf_token": field(page, "csrf_token"),
                                              "code": code, "name": name},
                    follow_redirects=False)
    assert r.status_code == 303


def _post(client: TestClient, code: str, text: str, share: str = "yes") -> str:
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": field(page, "key"), "answer": text,
        "share": share}, follow_redirects=False)
    assert r.status_code == 303
    return plain(client.get(r.headers["location"]).text)


# ---- bug 2: the "not therapy" notice reaches every coach surface, once ----

def test_the_api_says_mend_is_not_therapy_in_its_first_reply_and_not_again(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    first = client.post("/api/coach", json={}).json()
    assert first["state"] == "safety_check"
    assert NOT_THERAPY in first["said"]
    after = client.post(f"/api/coach/{first['id']}", json={"answer": "yes"}).json()
    assert after["state"] == "recognise_who"
    assert NOT_THERAPY not in after["said"]


def test_the_two_person_start_page_says_mend_is_not_therapy(app) -> None:  # type: ignore[no-untyped-def]
    page = plain(TestClient(app).get("/coach/pair").text)
    assert "not therapy" in page
    assert "cannot keep you safe in an emergency" in page


# ---- bug 4: each person is asked privately whether they are safe, and to be calm first ----

def test_each_person_is_asked_whether_they_are_safe_before_the_first_question(app) -> None:  # type: ignore[no-untyped-def]
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    _join(sam, code, "Sam")
    for who in (dana, sam):
        page = plain(who.get(f"/coach/pair/{code}").text)
        assert "are you safe right now, including with the person this is about?" in page
        assert CALM_FIRST in page
        assert "How did you feel during it?" not in page
        after = _post(who, code, "yes")
        assert "How did you feel during it?" in after and "Question 1 of 5" in after


def test_answering_no_to_the_safety_question_stops_with_the_safety_plan_and_pauses_both(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    _join(sam, code, "Sam")
    page = _post(sam, code, "no")
    assert "Your safety comes first" in page
    assert "Some things that can help you stay safe" in page
    assert "How did you feel during it?" not in page
    saved = PairStore(home).load(code, "second")
    assert saved is not None and saved.stopped == "unsafe" and saved.answers == {}
    # Dana is asked for nothing more, and told nothing of why
    other = plain(dana.get(f"/coach/pair/{code}").text)
    assert "This two-person session has been paused" in other
    assert "Your safety comes first" not in other


def test_a_safety_answer_that_is_neither_yes_nor_no_is_asked_again(app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    page = _post(dana, code, "I thought it went fine")
    assert "Please answer yes or no" in page
    assert "are you safe right now" in page
    saved = PairStore(home).load(code, "first")
    assert saved is not None and not saved.safe and not saved.stopped


@pytest.mark.parametrize(("reply", "means"), [
    ("yes", ""), ("Yes, I'm safe", ""), ("no", "unsafe"), ("not sure", "unsafe"),
    ("maybe", "unsafe"), ("", "again"), ("help", "help"), ("I thought so", "again"),
    ("no, I want to kill myself tonight", "crisis"),
])
def test_the_safety_reply_is_read_as_the_one_person_coach_reads_it(reply: str, means: str) -> None:
    assert safety_reply(reply) == means


def test_the_safety_answer_is_kept_with_the_answers_and_read_back() -> None:
    kept = PairAnswers(name="Dana", safe=True)
    assert PairAnswers.from_dict(kept.to_dict()).safe
    assert not PairAnswers.from_dict(PairAnswers(name="Dana").to_dict()).safe


# ---- bug 6 (web): the break's preview time is rounded up, as the break's own time is ----

def test_the_break_preview_rounds_up_to_the_minute_as_the_break_does(app) -> None:  # type: ignore[no-untyped-def]
    now = datetime(2025, 12, 6, 21, 23, 30)  # the coach's clock is local time
    app.state.coach_clock = lambda: now
    client = TestClient(app)
    sid = client.post("/api/coach", json={}).json()["id"]
    for answer in ["yes", "Jo", "friend", "Jo laughed at me at the party", "", "", "8"]:
        step = client.post(f"/api/coach/{sid}", json={"answer": answer}).json()
    assert step["state"] == "regulate_break"
    page = plain(client.get(f"/coach/{sid}").text)
    assert "With 20 minutes, you would come back at 21:44" in page
    done = client.post(f"/api/coach/{sid}", json={"answer": "20"}).json()
    assert any("21:44" in line for line in done["said"])  # the time the break then sets


# ---- bug 7 (web): the sigh pacer never holds still, and keeps the terminal's 10-second pace --

def _keyframes(css: str, name: str) -> list[tuple[float, str]]:
    block = re.search(rf"@keyframes {name} \{{(.*?\}})\s*\}}", css, re.S)
    assert block, f"no @keyframes {name}"
    stops = []
    for selectors, body in re.findall(r"([\d%,\s]+)\{([^}]*)\}", block.group(1)):
        for pct in re.findall(r"(\d+)%", selectors):
            stops.append((float(pct), body.strip()))
    return sorted(stops)


def test_the_sigh_pacer_never_holds_the_circle_still_and_lasts_ten_seconds(app) -> None:  # type: ignore[no-untyped-def]
    css = TestClient(app).get("/static/mend.css").text
    stops = _keyframes(css, "sigh")
    growing = [s for s in stops if s[0] < 100]
    for (_, one), (_, two) in itertools.pairwise(growing):
        assert one != two, "the circle holds still: that is holding the breath"
    assert re.search(r"\.pacer-sigh \.pacer-dot \{ animation: sigh 10s", css)
    assert "cue-in-sigh 10s" in css and "cue-out-sigh 10s" in css


def test_the_breathing_page_calls_paced_breathing_what_its_pacer_does(app) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    sid = client.post("/api/coach", json={}).json()["id"]
    for answer in ["yes", "Sam", "partner", "Sam said I never help", "", "", "4"]:
        step = client.post(f"/api/coach/{sid}", json={"answer": answer}).json()
    assert step["state"] == "regulate_breathing"
    page = plain(client.get(f"/coach/{sid}").text)
    assert "in for about 4 seconds" in page and "out for about 6" in page  # the pacer's pace
    assert "even breathing" not in page.lower()  # 4 in and 6 out is not even
