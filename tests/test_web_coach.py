"""The coach's pages through FastAPI's TestClient: Post/Redirect/Get and the stale-answer guard,
each step shown as what it is (the break and its return time, grounding, breathing, the critic
inline, the follow-up, help), and two-person mode by join code."""

from __future__ import annotations

import re
from collections import OrderedDict
from datetime import datetime, timedelta
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.coach.machine import State
from mendkit.coach.store import PairStore, SessionStore
from mendkit.config import Settings
from mendkit.web import create_app

NOW = datetime(2026, 11, 27, 18, 0)
TO_REGULATE = [{"answer": "yes"}, {"answer": "Sam"}, {"answer": "partner"},
               {"answer": "I came home late and snapped when Sam asked why"}, {"skip": "1"},
               {"skip": "1"}]
CALM_TO_DRAFT = [{"level": "3"}, {"skip": "1"}, {"answer": "yes"},
                 {"answer": "I snapped at Sam"}, {"skip": "1"},
                 {"answer": "ask me calmly when I'm late"}]


class Clock:
    def __init__(self) -> None:
        self.now = NOW

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def app(home: Path, clock: Clock):  # type: ignore[no-untyped-def]
    made = create_app(Settings(home=home))
    made.state.coach_clock = clock
    return made


def field(html: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', html)
    assert found, f"no {name} field in the page"
    return found.group(1)


class Walk:
    """One person's browser: posts answers with the page's token and position, follows 303s."""

    def __init__(self, client: TestClient, home: Path) -> None:
        self.client, self.home = client, home
        page = client.get("/coach")
        start = client.post("/coach", data={"csrf_token": field(page.text, "csrf_token")},
                            follow_redirects=False)
        assert start.status_code == 303
        self.url = start.headers["location"]
        self.id = self.url.rsplit("/", 1)[1]
        self.html = client.get(self.url).text

    @property
    def state(self) -> State:
        return SessionStore(self.home).load(self.id).state

    def answer(self, **fields: object) -> str:
        form = {"csrf_token": field(self.html, "csrf_token"),
                "position": field(self.html, "position"), **fields}
        posted = self.client.post(self.url, data=form, follow_redirects=False)
        assert posted.status_code == 303, posted.text
        assert posted.headers["location"].startswith(self.url)
        self.html = self.client.get(posted.headers["location"]).text
        return self.html

    def walk(self, steps: list[dict[str, str]]) -> str:
        for step in steps:
            self.answer(**step)
        return self.html


def test_an_answer_is_posted_then_redirected_and_never_applied_twice(client: TestClient,
                                                                     home: Path) -> None:
    walk = Walk(client, home)
    assert walk.state is State.SAFETY_CHECK  # the safety gate comes first
    assert 'value="yes"' in walk.html and "not therapy" in walk.html
    old_page = walk.html
    walk.answer(answer="yes")
    assert walk.state is State.RECOGNISE_WHO
    walk.answer(answer="Sam")
    assert walk.state is State.RECOGNISE_CONTEXT
    # The same form again (a double submit, an old tab): nothing is applied, the current step
    # is shown with a calm note.
    walk.html = old_page
    again = walk.answer(answer="yes")
    assert walk.state is State.RECOGNISE_CONTEXT
    assert "That answer was for an earlier step" in again
    assert "What is this relationship?" in again
    session = SessionStore(home).load(walk.id)
    assert session.answers["recognise_who"] == "Sam" and len(session.path) == 3
    # Reloading the page sends nothing.
    assert client.get(walk.url).status_code == 200
    assert len(SessionStore(home).load(walk.id).path) == 3


def test_two_tabs_answering_at_once_apply_one_answer_and_tell_the_other(
        app, home: Path, monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    import time
    from concurrent.futures import ThreadPoolExecutor

    from mendkit.web import coach

    walk = Walk(TestClient(app), home)
    walk.walk(TO_REGULATE[:3])
    slow_run = coach.run

    def run(*args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.3)  # both answers arrive while the first is still being applied
        return slow_run(*args, **kwargs)

    monkeypatch.setattr(coach, "run", run)
    base = {"csrf_token": field(walk.html, "csrf_token"),
            "position": field(walk.html, "position")}
    clients = [TestClient(app, cookies=walk.client.cookies) for _ in range(2)]
    answers = ["We argued about money", "We argued about the dishes"]
    with ThreadPoolExecutor(2) as pool:
        pages = list(pool.map(lambda ca: ca[0].post(walk.url, data={**base, "answer": ca[1]}).text,
                              zip(clients, answers, strict=True)))
    session = SessionStore(home).load(walk.id)
    assert session.state is State.RECOGNISE_NOTICED  # one answer applied, not two
    assert session.answers["recognise_what"] in answers
    assert any(coach.STALE_NOTE.replace("'", "&#39;") in page for page in pages)


def test_bad_ids_and_tokens_are_refused(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    assert client.get("/coach/../../etc").status_code == 404
    assert client.get("/coach/zzzzzzzzzzzz").status_code == 400
    form = {"csrf_token": "nope" * 10, "position": field(walk.html, "position"), "answer": "no"}
    assert client.post(walk.url, data=form).status_code == 403
    assert walk.state is State.SAFETY_CHECK


def test_an_answer_that_does_not_fit_says_so_and_stays(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE)
    walk.answer(level="8")
    assert walk.state is State.REGULATE_BREAK
    html = walk.answer(answer="10")  # under 20 minutes: the driver refuses it
    assert walk.state is State.REGULATE_BREAK and "did not fit" in html


def test_the_scale_is_a_range_and_flooded_means_a_break_with_its_clock_time(
        client: TestClient, home: Path, clock: Clock) -> None:
    walk = Walk(client, home)
    html = walk.walk(TO_REGULATE)
    assert re.search(r'<input type="range" id="level" name="level" min="0" max="10"', html)
    assert '<label for="level">How stirred up' in html
    html = walk.answer(level="8", answer="heart racing")
    # A length or a time to come back ("8pm"), so words as well as numbers.
    assert 'id="answer" name="answer" value="20 minutes"' in html and "data-break-length" in html
    assert "18:20" in html  # 20 minutes from now, before any JavaScript
    html = walk.answer(answer="45")
    assert walk.state is State.ON_BREAK
    back = datetime(2026, 11, 27, 18, 45).astimezone().isoformat()  # with its offset
    assert f'<time datetime="{back}">18:45</time>' in html
    assert 'data-countdown="2700"' in html
    assert f'href="/coach/{walk.id}" id="resume"' in html  # works without JavaScript
    clock.now = NOW + timedelta(minutes=30)
    assert 'data-countdown="900"' in client.get(walk.url).text
    clock.now = NOW + timedelta(minutes=50)
    html = client.get(walk.url).text
    assert "How stirred up" in html
    assert walk.state is State.REGULATE_CHECK  # saved, so the next answer applies to it


def test_a_break_can_end_early_when_the_person_chooses(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk([*TO_REGULATE, {"level": "9"}, {"answer": "20"}])
    assert walk.state is State.ON_BREAK
    walk.answer(answer="now")
    assert walk.state is State.REGULATE_CHECK


def test_grounding_is_its_own_screen_then_breathing_with_a_still_pacer_option(
        client: TestClient, home: Path, app) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(client, home)
    walk.walk(TO_REGULATE)
    html = walk.answer(level="4", numb="1")
    assert walk.state is State.REGULATE_GROUNDING
    senses = re.findall(r'<label for="g(\d)">', html)
    assert senses == ["5", "4", "3", "2", "1"]
    for word in ("see", "touch", "hear", "smell", "taste"):
        assert f"can {word}" in html
    walk.answer(grounding=["the window", "", "a car"])
    assert walk.state is State.REGULATE_CHECK  # grounding done: check in again
    html = walk.answer(level="3")
    assert walk.state is State.REGULATE_BREATHING
    assert 'class="pacer pacer-paced" aria-hidden="true"' in html
    assert 'name="answer" value="paced 6"' in html
    sigh = client.get(walk.url + "?pattern=sigh").text
    assert 'class="pacer pacer-sigh"' in sigh and 'value="sigh"' in sigh
    css = client.get("/static/mend.css").text
    reduced = css[css.index("@media (prefers-reduced-motion: reduce)"):]
    assert "animation: none" in reduced.split("}")[0]
    assert 'name="skip"' in html
    walk.answer(skip="1")
    assert walk.state is State.OPENNESS


def test_the_critic_marks_the_issue_in_the_draft_and_the_rewrite_can_be_taken(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    html = walk.walk([*TO_REGULATE, *CALM_TO_DRAFT])
    assert walk.state is State.RESPONSIBILITY_DRAFT
    composed = re.search(r'<textarea id="answer" name="answer" rows="7">([^<]*)</textarea>', html)
    assert composed and "snapped" in composed.group(1)  # the composer's draft, ready to edit
    html = walk.answer(answer="I'm sorry, but you never listen to me.")
    assert walk.state is State.RESPONSIBILITY_REVIEW
    # (round 18) overlapping issues ("you never" inside "but ...") share one mark, in pieces
    marks = [(ids, re.sub(r"<[^>]+>", "", inner)) for ids, inner in re.findall(
        r'<mark class="k-issue[^"]*" tabindex="0" aria-describedby="([^"]+)">(.*?)</mark>', html)]
    assert any("but" in text for _, text in marks)
    for ids, _ in marks:
        for mark_id in ids.split():
            assert f'id="{mark_id}"' in html  # each mark names its explanations
    rewrite = re.search(r'id="rewrite-text">([^<]*)<', html)
    assert rewrite and "but" not in rewrite.group(1)
    walk.answer(answer="accept")
    session = SessionStore(home).load(walk.id)
    assert session.state is State.VULNERABILITY_SURFACE
    assert session.answers["responsibility_review"] == rewrite.group(1).replace("&#39;", "'")


def test_an_edited_draft_goes_back_through_the_critic(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk([*TO_REGULATE, *CALM_TO_DRAFT])
    html = walk.answer(answer="Sorry you feel that way, but you always overreact.")
    assert 'id="draft" name="draft"' in html  # prefilled, to edit
    edited = "I'm sorry I snapped at you. I feel ashamed. Could we talk tonight?"
    html = walk.answer(answer="edit", draft=edited)
    session = SessionStore(home).load(walk.id)
    assert session.state is State.RESPONSIBILITY_REVIEW
    assert session.answers["responsibility_draft"] == edited
    assert "I&#39;m sorry I snapped at you." in html and "overreact" not in html
    walk.answer(answer="keep")
    assert walk.state is State.VULNERABILITY_SURFACE


def _message_sent_with_a_follow_up(client: TestClient, home: Path) -> tuple[Walk, str]:
    """A walk through every step to the drafted message kept, with a follow-up in 2 days."""
    walk = Walk(client, home)
    walk.walk([*TO_REGULATE, *CALM_TO_DRAFT, {"answer": ""}, {"answer": "accept"},
               {"answer": "angry"}, {"answer": "hurt"}, {"answer": "to feel welcome"}])
    assert walk.state is State.REBUILD_MESSAGE
    message = re.search(r'<textarea id="answer" name="answer" rows="7">([^<]*)<', walk.html)
    assert message and message.group(1).strip()
    walk.answer(answer=message.group(1).replace("&#39;", "'"))
    walk.answer(answer="text when I'm late")
    return walk, walk.answer(answer="2")


def test_the_follow_up_asks_how_it_went_once_its_day_has_come(
        client: TestClient, home: Path, clock: Clock) -> None:
    walk, html = _message_sent_with_a_follow_up(client, home)
    assert walk.state is State.AWAITING_FOLLOW_UP
    assert "Sunday 29 November" in html
    clock.now = NOW + timedelta(days=3)
    html = client.get(walk.url).text
    walk.html = html
    assert "How did it go?" in html and 'value="partly"' in html
    walk.answer(answer="partly")
    html = walk.answer(level="7")
    session = SessionStore(home).load(walk.id)
    assert session.state is State.DONE
    assert session.answers["follow_up_uptake"] == "partly"
    assert session.answers["follow_up_connection"] == 7
    assert "connection 7 out of 10" in html and "Start another session" in html


def test_when_the_other_is_not_open_the_internal_path_ends_without_a_draft(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    html = walk.walk([*TO_REGULATE, {"level": "2"}, {"skip": "1"}])
    assert 'value="not now"' in html
    walk.answer(answer="no")  # round 19: "not now" keeps a message for later
    assert walk.state is State.INTERNAL_FEELINGS
    walk.walk([{"answer": "hurt and tired"}, {"skip": "1"}, {"skip": "1"},
               {"answer": "I'd like to talk when we are both calm."}])
    session = SessionStore(home).load(walk.id)
    assert session.state is State.DONE and "responsibility_draft" not in session.answers
    assert "Repair is a practice" in walk.html


def test_help_shows_resources_at_any_step_and_keeps_the_place(client: TestClient,
                                                             home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:2])
    assert f'href="/coach/{walk.id}?help=1#help"' in walk.html
    html = client.get(walk.url + "?help=1").text
    assert 'id="help"' in html and "988" in html
    assert "What is this relationship?" in html  # the question is still there
    walk.walk([{"answer": "partner"}])
    form = {"csrf_token": field(walk.html, "csrf_token"),
            "position": field(walk.html, "position"), "answer": "help"}
    posted = client.post(walk.url, data=form, follow_redirects=False)
    assert posted.headers["location"] == f"{walk.url}?help=1#help"
    assert walk.state is State.RECOGNISE_WHAT


def test_a_crisis_answer_stops_and_shows_resources_calmly(client: TestClient,
                                                          home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:3])
    html = walk.answer(answer="I want to kill myself")
    assert walk.state is State.STOPPED_CRISIS
    assert 'role="alert"' in html and "988" in html and "Repair can wait" in html
    assert 'name="answer"' not in html  # the flow stops
    assert "988" in client.get(walk.url).text  # and stays stopped on reload


def test_not_safe_at_the_gate_shows_a_safety_plan(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    html = walk.answer(answer="no")
    assert walk.state is State.STOPPED_UNSAFE
    # Round 19 (f14): "know how you could call for help", not "keep your phone with you".
    assert "Know how you could call for help" in html and 'name="answer"' not in html


def test_a_session_started_in_the_terminal_continues_here(client: TestClient,
                                                          home: Path) -> None:
    from mendkit.coach.driver import start

    SessionStore(home).save(start("0123456789ab"))  # saved before its first answer
    walk = Walk.__new__(Walk)
    walk.client, walk.home, walk.url, walk.id = client, home, "/coach/0123456789ab", "0123456789ab"
    walk.html = client.get(walk.url).text
    assert walk.state is State.WELCOME and "Begin" in walk.html
    walk.answer(answer="")
    assert walk.state is State.SAFETY_CHECK


def test_with_a_journal_the_coach_and_two_person_answers_live_in_it(tmp_path: Path) -> None:
    home = tmp_path / "journal-home"
    app = create_app(Settings(home=home, journal_kdf=(1, 8, 1)))
    client = TestClient(app)
    door = client.get("/journal").text
    made = client.post("/journal/create", data={"csrf_token": field(door, "csrf_token"),
                                                "passphrase": "correct horse battery",
                                                "repeat": "correct horse battery"})
    assert "Your journal is ready" in made.text
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:2])
    code = _pair_start(client, "Ana")
    assert _pair_answer(client, code, "calm now", share=True).count("Question 2 of 5") == 1
    assert not (home / "coach").exists()  # nothing in plain files
    from mendkit.journal.repository import Journal
    from mendkit.journal.stores import JournalPairStore, JournalSessionStore

    client.post("/journal/lock", data={"csrf_token": field(walk.html, "csrf_token")})
    from urllib.parse import quote, urlsplit

    back = quote(urlsplit(walk.url).path, safe="")
    assert client.get(walk.url, follow_redirects=False).headers["location"] == \
        f"/journal?next={back}"  # the door, and back to the session after unlocking
    with Journal.open(home, "correct horse battery") as journal:
        assert JournalSessionStore(journal).load(walk.id).answers["recognise_who"] == "Sam"
        stored = JournalPairStore(journal).load(code, "first")
        assert stored is not None and stored.answers == {"feelings": "calm now"}


def test_open_sessions_are_listed_to_continue(client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:2])
    html = client.get("/coach").text
    assert f'href="/coach/{walk.id}"' in html
    # Plain files (no journal, no passphrase): listed without who it is about (round 19).
    assert "about Sam" not in html and 'id="unprotected"' in html


def test_the_api_refuses_a_stale_position(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    assert first["state"] == "safety_check"
    url = f"/api/coach/{first['id']}"
    nxt = client.post(url, json={"answer": "yes", "position": first["position"]}).json()
    assert nxt["state"] == "recognise_who" and nxt["position"] == first["position"] + 1
    stale = client.post(url, json={"answer": "yes", "position": first["position"]})
    assert stale.status_code == 409 and "error" in stale.json()


# ---- two people ----

def _pair_start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                         "name": name}, follow_redirects=False)
    assert r.status_code == 303
    code = r.headers["location"].rsplit("/", 1)[1]
    _say_safe(client, code)
    return code


def _pair_join(client: TestClient, code: str, name: str) -> int:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                              "code": code.lower(), "name": name},
                    follow_redirects=False)
    if r.status_code == 303:
        _say_safe(client, code)
    return r.status_code


def _say_safe(client: TestClient, code: str) -> None:
    """Round 10: each person first answers, privately, that they are safe."""
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe", "answer": "yes", "share": "no"},
        follow_redirects=False)
    assert r.status_code == 303


def _pair_answer(client: TestClient, code: str, text: str, *, share: bool,
                 page: str | None = None) -> str:
    html = page or client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(html, "csrf_token"), "key": field(html, "key"), "answer": text,
        "share": "yes" if share else "no"}, follow_redirects=False)
    assert r.status_code == 303
    return client.get(r.headers["location"]).text


def test_two_people_answer_privately_and_the_exchange_shows_only_what_was_shared(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    ana, ben, stranger = TestClient(app), TestClient(app), TestClient(app)
    code = _pair_start(ana, "Ana")
    assert re.fullmatch(r"[A-Z2-9]{6}", code)
    first_page = ana.get(f"/coach/pair/{code}").text
    assert code in first_page and "Question 1 of 5" in first_page
    assert _pair_join(ben, code, "Ben") == 303
    assert _pair_join(stranger, code, "Eve") == 400  # a code is for two people
    ana_texts = ["ANA-shared-feeling", "ANA-private-reality", "ANA-shared-trigger",
                 "ANA-shared-part", "ANA-private-next"]
    for n, text in enumerate(ana_texts):
        html = _pair_answer(ana, code, text, share="shared" in text)
        if n == 0:  # an older copy of the form: its text is not used, and is shown back
            again = _pair_answer(ana, code, "ANA-again", share=True, page=first_page)
            assert "another tab or window" in again and "Question 2 of 5" in again
            assert "ANA-again" in again
    assert "Your answers are in" in html and "Ben has answered 0 of 5" in html
    ben_texts = ["BEN-private-feeling", "BEN-shared-reality", "BEN-shared-trigger",
                 "BEN-private-part", "BEN-shared-next"]
    for text in ben_texts:
        html = _pair_answer(ben, code, text, share="shared" in text)
    assert 'id="exchange-link"' in html
    stored = PairStore(home).load(code, "first")
    assert stored and "ANA-again" not in stored.answers.values()
    refused = stranger.get(f"/coach/pair/{code}/exchange")  # the code alone shows nothing
    assert refused.status_code == 403
    assert not any(text in refused.text for text in ana_texts + ben_texts)
    exchange = ana.get(f"/coach/pair/{code}/exchange").text
    for text in ana_texts + ben_texts:
        assert (text in exchange) == ("shared" in text), text
    assert exchange.count("kept private") == 4 and "Ana" in exchange and "Ben" in exchange
    # Someone who only has the code cannot open either person's answering page.
    other = stranger.get(f"/coach/pair/{code}")
    assert other.status_code == 403 and "ANA-private" not in other.text


def test_a_crisis_answer_stops_two_person_mode_and_is_not_saved(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    ana, ben = TestClient(app), TestClient(app)
    code = _pair_start(ana, "Ana")
    assert _pair_join(ben, code, "Ben") == 303
    html = _pair_answer(ben, code, "I want to end my life", share=True)
    assert 'role="alert"' in html and "988" in html and 'name="answer"' not in html
    assert "not saved or shared" in html
    stored = PairStore(home).load(code, "second")
    assert stored is not None and stored.answers == {}
    assert "988" in ben.get(f"/coach/pair/{code}").text  # still stopped on reload
    # Ben's stop pauses the session for Ana too: a calm note, and no question to answer.
    html = ana.get(f"/coach/pair/{code}").text
    assert "This two-person session has been paused" in html and 'name="answer"' not in html
    assert "end my life" not in html
    # Abuse, in a fresh session of its own: a safety plan, no repair coaching, nothing saved.
    cy = TestClient(app)
    fresh = _pair_start(cy, "Cy")
    html = _pair_answer(cy, fresh, "He hits me when he is angry", share=True)
    # Round 19 (f14): "know how you could call for help", not "keep your phone with you".
    assert "Know how you could call for help" in html and 'name="answer"' not in html
    stored = PairStore(home).load(fresh, "first")
    assert stored is not None and stored.answers == {} and stored.stopped == "unsafe"


def test_an_unknown_code_is_a_clear_error(client: TestClient) -> None:
    assert _pair_join(client, "ABCDEF", "Ben") == 400
    assert client.get("/coach/pair/nope!!").status_code == 400
    assert client.get("/coach/pair/ABCDEF/exchange").status_code == 403  # as for a real code


def test_an_unknown_session_is_404_on_the_pages_and_the_api(client: TestClient,
                                                           home: Path) -> None:
    walk = Walk(client, home)
    unknown = "0123456789ab"
    assert unknown != walk.id
    r = client.get(f"/coach/{unknown}")
    assert r.status_code == 404 and "no such coach session" in r.text
    r = client.post(f"/coach/{unknown}", data={"csrf_token": field(walk.html, "csrf_token"),
                                               "position": "1", "answer": "yes"})
    assert r.status_code == 404 and "no such coach session" in r.text
    r = client.post(f"/api/coach/{unknown}", json={"answer": "yes"})
    assert (r.status_code, r.json()) == (404, {"error": "no such coach session"})
    assert walk.state is State.SAFETY_CHECK  # the real session is untouched


def test_an_id_that_cannot_be_a_session_id_says_what_one_looks_like(client: TestClient) -> None:
    for url in ("/coach/zzzzzzzzzzzz", "/coach/0123456789abc"):
        r = client.get(url)
        assert r.status_code == 400 and "12 hex digits" in r.text, url
    r = client.post("/api/coach/NOT-AN-ID", json={"answer": "yes"})
    assert r.status_code == 400 and "12 hex digits" in r.json()["error"]


def test_an_answer_for_a_step_that_is_not_current_is_not_called_earlier(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    walk.answer(answer="yes")
    assert walk.state is State.RECOGNISE_WHO
    ahead = int(field(walk.html, "position")) + 5
    walk.html = walk.html.replace(f'name="position" value="{ahead - 5}"',
                                  f'name="position" value="{ahead}"')
    page = walk.answer(answer="Sam")
    assert walk.state is State.RECOGNISE_WHO  # nothing applied
    assert "earlier step" not in page
    assert "That answer was not for the step you are on" in page


def test_the_api_refuses_a_position_ahead_without_calling_it_earlier(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    url = f"/api/coach/{first['id']}"
    for wrong in (first["position"] + 6, first["position"] - 1):
        r = client.post(url, json={"answer": "yes", "position": wrong})
        assert (r.status_code, r.json()) == (409, {
            "error": "that answer is not for the current step; the session is at position "
                     f"{first['position']}"})
    assert client.post(url, json={"answer": "yes"}).json()["position"] == first["position"] + 1
    responses = client.get("/openapi.json").json()["paths"]["/api/coach/{session_id}"]["post"][
        "responses"]
    assert {"404", "409"} <= set(responses)


def test_answers_to_unknown_sessions_leave_nothing_behind(client: TestClient) -> None:
    from mendkit.web import coach

    def tables() -> dict[str, int]:  # the module's own tables and their sizes
        return {name: len(value) for name, value in vars(coach).items()
                if isinstance(value, dict | list | set | OrderedDict)}

    token = field(client.get("/coach").text, "csrf_token")
    before = tables()
    for n in range(20):
        r = client.post(f"/coach/{n:012x}", data={"csrf_token": token, "answer": "yes",
                                                   "position": "0"})
        assert r.status_code == 404
    assert tables() == before


def test_answered_sessions_leave_no_table_behind_in_a_long_running_server(
        client: TestClient) -> None:
    """A server that runs for months keeps one lock per answer in flight, not one per session
    ever answered (the soak test's finding); the same session always gets the same lock."""
    from mendkit.web import coach

    def tables() -> dict[str, int]:
        return {name: len(value) for name, value in vars(coach).items()
                if isinstance(value, dict | list | set | OrderedDict)}

    client.post("/api/coach", json={})
    before = tables()
    for _ in range(30):
        sid = client.post("/api/coach", json={}).json()["id"]
        assert client.post(f"/api/coach/{sid}", json={"answer": "yes"}).status_code == 200
        assert coach.session_lock(sid) is coach.session_lock(sid)
    assert tables() == before


def test_a_crisis_in_the_other_persons_pasted_messages_is_named_as_theirs(
        client: TestClient, home: Path) -> None:
    """The page says it is about Sam (whose line it was), not that the user may not be safe."""
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:5])
    html = walk.answer(answer="Sam: I just want to die honestly\nMe: ok")
    assert walk.state is State.STOPPED_CRISIS
    assert "suggests Sam may not be safe" in html
    assert "you may not be safe" not in html
    assert "988" in html


def test_a_crisis_in_my_own_pasted_line_is_about_me_on_the_page(client: TestClient,
                                                                  home: Path) -> None:
    walk = Walk(client, home)
    walk.walk(TO_REGULATE[:5])
    html = walk.answer(answer="Sam: you never listen\nMe: I want to kill myself")
    assert walk.state is State.STOPPED_CRISIS
    assert "Repair can wait" in html and "Sam may not be safe" not in html


def test_a_repair_that_did_not_land_gets_a_kind_ending_with_next_steps(
        client: TestClient, home: Path, clock: Clock) -> None:
    walk = _message_sent_with_a_follow_up(client, home)[0]
    clock.now = NOW + timedelta(days=3)
    walk.html = client.get(walk.url).text
    walk.answer(answer="no")
    html = walk.answer(level="2")
    assert SessionStore(home).load(walk.id).state is State.DONE
    assert "didn&#39;t go the way you hoped" in html and "next steps" in html
    assert "Thank you for doing this" not in html


def test_not_sure_whether_they_are_open_goes_on_along_the_not_now_path(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    html = walk.walk([*TO_REGULATE, {"level": "2"}, {"skip": "1"}])
    assert 'value="not sure"' in html
    html = walk.answer(answer="not sure")  # round 16: the two ways on, then the choice
    assert walk.state is State.OPENNESS and "write a message now" in html
    walk.answer(answer="no")
    assert walk.state is State.INTERNAL_FEELINGS


def test_the_draft_page_says_what_it_left_out_for_hurtful_words(
        client: TestClient, home: Path) -> None:
    walk = Walk(client, home)
    html = walk.walk([*TO_REGULATE, *CALM_TO_DRAFT[:-1], {"answer": "stop being a stupid bitch"}])
    assert walk.state is State.RESPONSIBILITY_DRAFT, walk.state
    assert "I left out what you asked of them" in html
    draft = re.search(r'<textarea id="answer" name="answer" rows="7">([^<]*)<', html)
    assert draft and "bitch" not in draft.group(1)
