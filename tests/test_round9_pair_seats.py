"""Round 9, bug 4: a person can always get back to their own seat in a two-person session.

Starting or joining another session in the same browser keeps the first; closing the browser or
restarting Mend loses nothing; ``/coach/pair`` links back to the sessions in progress; the
starter typing their own code into Join is sent to their own page. Wrong join codes are limited
per client as well as in all, and the paused exchange lists where to find help."""

from __future__ import annotations

import hashlib
import html as html_lib
import re
from pathlib import Path

import pytest

from mendkit.coach.store import PairStore
from mendkit.config import Settings
from test_web_round8_coach import field, plain

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.web import coach_pair, create_app


def _start(client: TestClient, name: str) -> str:
    page = client.get("/coach/pair")
    r = client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                         "name": name}, follow_redirects=False)
    assert r.status_code == 303, r.text
    code = str(r.headers["location"]).rsplit("/", 1)[1]
    _say_safe(client, code)
    return code


def _join(client: TestClient, code: str, name: str):  # type: ignore[no-untyped-def]
    page = client.get("/coach/pair")
    r = client.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                              "code": code, "name": name},
                    follow_redirects=False)
    if r.status_code == 303:
        _say_safe(client, code)
    return r


def _say_safe(client: TestClient, code: str) -> None:
    """Round 10: each person first answers, privately, that they are safe."""
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": "safe", "answer": "yes", "share": "no"},
        follow_redirects=False)
    assert r.status_code == 303


def _answer(client: TestClient, code: str, text: str, share: str = "yes") -> None:
    page = client.get(f"/coach/pair/{code}").text
    r = client.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": field(page, "key"), "answer": text,
        "share": share}, follow_redirects=False)
    assert r.status_code == 303


def _seat_cookie(client: TestClient) -> str:
    value = client.cookies.get(coach_pair.SEAT_COOKIE)
    assert value, "no seat cookie"
    return value


def _restarted(home: Path, old: TestClient, **kwargs: object) -> TestClient:
    """A browser that kept its cookies, talking to a Mend started again on the same home."""
    browser = TestClient(create_app(Settings(home=home)), **kwargs)  # type: ignore[arg-type]
    browser.cookies.set(coach_pair.SEAT_COOKIE, _seat_cookie(old), path="/coach/pair")
    return browser


def test_starting_another_session_in_the_same_browser_keeps_the_first(app) -> None:  # type: ignore[no-untyped-def]
    dana, sam, kim = TestClient(app), TestClient(app), TestClient(app)
    first = _start(dana, "Dana")
    assert _join(sam, first, "Sam").status_code == 303
    _answer(sam, first, "sam feels")
    second = _start(sam, "Sam")  # with someone else, in the same browser
    third = _start(kim, "Kim")
    assert _join(sam, third, "Sam").status_code == 303  # and joins a third one too
    page = sam.get(f"/coach/pair/{first}")
    assert page.status_code == 200 and "Question 2 of 5" in plain(page.text)
    _answer(sam, first, "sam's side")  # and can still answer there
    assert "Question 3 of 5" in plain(sam.get(f"/coach/pair/{first}").text)
    for code in (second, third):
        assert "Question 1 of 5" in plain(sam.get(f"/coach/pair/{code}").text), code
    assert "Sam has answered" not in plain(dana.get(f"/coach/pair/{first}").text)


def test_the_seat_cookie_outlasts_the_browser_and_stays_private(app) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    page = dana.get("/coach/pair")
    r = dana.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                       "name": "Dana"}, follow_redirects=False)
    (cookie,) = [c for c in r.headers.get_list("set-cookie")
                 if c.startswith(f"{coach_pair.SEAT_COOKIE}=")]
    age = re.search(r"Max-Age=(\d+)", cookie)
    assert age and int(age.group(1)) >= coach_pair.JOIN_WINDOW.total_seconds()
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "Path=/coach/pair" in cookie


def test_the_pair_page_lists_your_sessions_in_progress(app) -> None:  # type: ignore[no-untyped-def]
    dana, sam, stranger = TestClient(app), TestClient(app), TestClient(app)
    first = _start(dana, "Dana")
    assert _join(sam, first, "Sam").status_code == 303
    second = _start(sam, "Sam")
    page = sam.get("/coach/pair").text
    assert "Your sessions in progress" in plain(page)
    for code in (first, second):
        assert f'href="/coach/pair/{code}"' in page, code
    assert "Dana" in plain(page)  # whose session it is
    mine = dana.get("/coach/pair").text
    assert f'href="/coach/pair/{first}"' in mine and second not in mine
    assert "Your sessions in progress" not in plain(stranger.get("/coach/pair").text)


def test_the_starter_typing_their_own_code_into_join_is_sent_to_their_own_page(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana, mark = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    r = _join(dana, code, "Dana")
    assert r.status_code == 303 and r.headers["location"] == f"/coach/pair/{code}"
    assert "No one has joined yet" in plain(dana.get(r.headers["location"]).text)
    assert PairStore(home).load(code, "second") is None
    assert _join(mark, code, "Mark").status_code == 303  # the code is still the other's


def test_seats_survive_a_restart_and_only_a_hash_of_the_token_is_kept(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    assert _join(sam, code, "Sam").status_code == 303
    _answer(sam, code, "sam feels")
    dana_again, sam_again = _restarted(home, dana), _restarted(home, sam)
    page = sam_again.get(f"/coach/pair/{code}")
    assert page.status_code == 200 and "Question 2 of 5" in plain(page.text)
    _answer(sam_again, code, "sam's side")
    page = dana_again.get(f"/coach/pair/{code}")
    assert page.status_code == 200 and "Sam has joined" in plain(page.text)
    assert f'href="/coach/pair/{code}"' in dana_again.get("/coach/pair").text
    # On disk: the hash of each seat's token, never the token itself.
    saved = "".join(p.read_text("utf-8") for p in (home / "coach" / "pairs").rglob("*.json"))
    for browser in (dana, sam):
        for entry in _seat_cookie(browser).split("."):
            token = entry.split(":", 1)[1]
            assert token not in saved
            assert hashlib.sha256(token.encode()).hexdigest() in saved


def test_a_made_up_seat_cookie_opens_nothing_after_a_restart(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    _answer(dana, code, "DANA-PRIVATE", share="no")
    eve = TestClient(create_app(Settings(home=home)))
    eve.cookies.set(coach_pair.SEAT_COOKIE, f"{code}:{'x' * 32}", path="/coach/pair")
    for path in (f"/coach/pair/{code}", f"/coach/pair/{code}/exchange", "/coach/pair"):
        r = eve.get(path)
        assert "DANA-PRIVATE" not in r.text and f'href="/coach/pair/{code}"' not in r.text
    assert eve.get(f"/coach/pair/{code}").status_code == 403


def test_the_not_joined_note_does_not_blame_a_restart(app) -> None:  # type: ignore[no-untyped-def]
    dana, eve = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    r = eve.get(f"/coach/pair/{code}")
    assert r.status_code == 403
    text = plain(r.text)
    assert "has not joined" in text and "restarted" not in text and "start a new" not in text


def test_wrong_join_codes_are_limited_per_client(app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    eve = TestClient(app, client=("203.0.113.9", 5000))
    sam = TestClient(app, client=("198.51.100.7", 5000))
    limit = coach_pair.WRONG_JOINS_PER_CLIENT
    assert limit < coach_pair.WRONG_JOINS_ALLOWED
    for n in range(limit):
        r = _join(eve, f"ZZZZ{n:02d}", "Eve")
        assert r.status_code == 400 and "Too many" not in plain(r.text), n
    r = _join(eve, code, "Eve")  # this client waits now, even with a real code
    assert r.status_code == 400 and "Too many codes" in plain(r.text)
    assert PairStore(home).load(code, "second") is None
    assert _join(sam, code, "Sam").status_code == 303  # another client does not


def test_the_paused_exchange_lists_where_to_find_help(app) -> None:  # type: ignore[no-untyped-def]
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    assert _join(sam, code, "Sam").status_code == 303
    _answer(dana, code, "I want to kill myself tonight")
    page = sam.get(f"/coach/pair/{code}/exchange").text
    assert "This two-person session has been paused" in plain(page)
    assert 'class="resources"' in page and "988" in page


# ---- round 9, second pass (N1 to N7) ----

def _pairs(home: Path) -> Path:
    return home / "coach" / "pairs"


@pytest.mark.parametrize("damage", ['{"name": "Da', '{"nam": "Da"}', "[]"])
def test_one_damaged_pair_file_never_locks_a_browser_out_of_the_pair_page(
        app, home: Path, damage: str) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    broken, fine = _start(dana, "Dana"), _start(dana, "Dana")
    (_pairs(home) / broken / "first.json").write_text(damage, encoding="utf-8")
    page = dana.get("/coach/pair")
    assert page.status_code == 200
    text = plain(page.text)
    assert "Start, and get a code" in text and "Join with a code" in text
    assert f'href="/coach/pair/{fine}"' in page.text  # the readable one is still listed
    assert f"{broken} could not be read" in text
    r = dana.get(f"/coach/pair/{broken}")  # its own page: a clear answer, not a server error
    assert r.status_code == 400
    assert "could not be read" in plain(r.text) and str(_pairs(home) / broken) in plain(r.text)
    assert dana.get(f"/coach/pair/{fine}").status_code == 200
    assert _start(dana, "Dana")  # and this browser can still start another


def test_a_few_wrong_codes_on_a_shared_computer_do_not_lock_the_real_partner_out(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    eve, sam = TestClient(app), TestClient(app)  # the same computer: the same address
    for n in range(20):
        assert _join(eve, f"ZZZZ{n:02d}", "Eve").status_code == 400
    assert _join(sam, code, "Sam").status_code == 303
    assert coach_pair.WRONG_JOINS_PER_CLIENT >= 50 and coach_pair.WRONG_JOINS_ALLOWED >= 200


def test_the_wrong_code_wait_does_not_blame_the_reader_and_says_when(app) -> None:  # type: ignore[no-untyped-def]
    eve, sam = TestClient(app), TestClient(app)
    for n in range(coach_pair.WRONG_JOINS_PER_CLIENT):
        _join(eve, f"ZZZZ{n:02d}", "Eve")
    text = plain(_join(sam, "ABCDEF", "Sam").text)
    assert "Too many codes" in text and "try again in 10 minutes" in text
    assert "tried here" not in text


def test_a_browsers_crlf_line_breaks_count_as_one_character_each(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    typed = "I was hurt.\r\n" * 400 + "That is all."  # 4,812 characters in the textarea
    _answer(dana, code, typed, share="no")
    saved = PairStore(home).load(code, "first")
    assert saved is not None
    assert saved.answers["feelings"] == typed.replace("\r\n", "\n")


def test_an_over_long_answer_comes_back_on_its_question_page_with_the_text_kept(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    page = dana.get(f"/coach/pair/{code}").text
    typed = "MY-WORDS " + "I felt small.\r\n" * 400
    r = dana.post(f"/coach/pair/{code}", data={
        "csrf_token": field(page, "csrf_token"), "key": field(page, "key"), "answer": typed,
        "share": "no"})
    assert r.status_code == 400
    text = plain(r.text)
    assert "Question 1 of 5" in text and "Save and go on" in text
    length = len(typed.replace("\r\n", "\n").strip())
    assert length > 5000 and f"That answer is {length:,} characters long" in text
    assert "at most 5,000" in text
    kept = re.search(r'<textarea[^>]*name="answer"[^>]*>([^<]*)</textarea>', r.text)
    assert kept and html_lib.unescape(kept.group(1)).strip() == typed.replace("\r\n", "\n").strip()
    saved = PairStore(home).load(code, "first")
    assert saved is not None and saved.answers == {}


def _expire(home: Path, code: str) -> None:
    from dataclasses import replace
    from datetime import UTC, datetime

    store = PairStore(home)
    first = store.load(code, "first")
    assert first is not None
    old = datetime.now(UTC) - coach_pair.JOIN_WINDOW - coach_pair.JOIN_WINDOW
    store.save(code, "first", replace(first, started=old.isoformat()))


def test_the_starter_of_an_expired_code_is_told_plainly_to_start_again(
        app, home: Path) -> None:  # type: ignore[no-untyped-def]
    dana = TestClient(app)
    code = _start(dana, "Dana")
    for n in range(5):
        _answer(dana, code, f"dana {n}")
    _expire(home, code)
    text = plain(dana.get(f"/coach/pair/{code}").text)
    assert "No one joined within 24 hours, so this code no longer opens the session" in text
    assert "Look again" not in text
    listed = plain(dana.get("/coach/pair").text)
    assert "no one joined within 24 hours" in listed and "waiting for the other" not in listed
    exchange = plain(dana.get(f"/coach/pair/{code}/exchange").text)
    assert "no longer opens the session" in exchange and "Look again" not in exchange


def test_the_cli_starter_of_an_expired_code_is_not_told_to_give_it_out(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import os

    from mendkit.cli.main import main

    home = Path(os.environ["MEND_HOME"])
    answers = tmp_path / "dana.json"
    answers.write_text(json.dumps(["Dana", "yes", "a", "yes"]), encoding="utf-8")
    assert main(["coach", "--pair", "--answers", str(answers)]) == 0
    (folder,) = (home / "coach" / "pairs").iterdir()
    _expire(home, folder.name)
    answers.write_text(json.dumps(["yes", "b", "yes", "c", "yes", "d", "yes", "e", "yes"]),
                       encoding="utf-8")  # "Carry on with them?" yes, then the other four
    capsys.readouterr()
    assert main(["coach", "--pair", "--answers", str(answers)]) == 0
    out = capsys.readouterr().out
    assert "Give this code to the other person" not in out, out
    assert "no longer opens the session" in out


def test_the_cli_join_refuses_an_expired_code_as_the_web_does(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import json
    import os

    from mendkit.cli.main import main

    home = Path(os.environ["MEND_HOME"])  # where the command line looks
    dana = TestClient(create_app(Settings(home=home)))
    code = _start(dana, "Dana")
    _expire(home, code)
    answers = tmp_path / "sam.json"
    answers.write_text(json.dumps(["Sam", "a", "yes"]), encoding="utf-8")
    capsys.readouterr()
    assert main(["coach", "--join", code, "--answers", str(answers)]) == 1
    err = capsys.readouterr().err
    assert f"no two-person session open to join with the code {code}" in err
    assert "24 hours" in err
    assert PairStore(home).load(code, "second") is None


@pytest.mark.parametrize("name", ["\u200b\u200b", "\u200b", "\u2060 \u200d", "Sam\u2028K"])
def test_a_name_with_nothing_visible_or_a_line_break_is_refused(
        app, home: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    dana, sam = TestClient(app), TestClient(app)
    code = _start(dana, "Dana")
    r = _join(sam, code, name)
    assert r.status_code == 400
    assert PairStore(home).load(code, "second") is None
    page = sam.get("/coach/pair")
    r = sam.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                      "name": name}, follow_redirects=False)
    assert r.status_code == 400


def test_in_a_practice_the_list_shows_your_sessions_after_signing_in_again(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from argon2 import PasswordHasher

    from mendkit.journal.accounts import Accounts
    from mendkit.journal.crypto import KdfParams
    from mendkit.journal.repository import Journal
    from mendkit.web.accounts import Practice

    passphrase, password = "correct horse battery staple", "passwordA-123"
    monkeypatch.setenv("MEND_PASSPHRASE", passphrase)
    monkeypatch.setenv("MEND_JOURNAL_KDF", "1,8,1")
    monkeypatch.delenv("MEND_DATABASE_URL", raising=False)
    home, fast = tmp_path / "practice", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with Journal.create(home, passphrase, kdf=KdfParams(time_cost=1, memory_kib=8,
                                                        parallelism=1)) as journal:
        accounts = Accounts(journal, hasher=fast)
        accounts.enable()
        for name in ("alice", "bob"):
            accounts.add_user(name, "client", password)
    app = create_app(Settings(home=home))
    app.state.mend_practice = Practice(hasher=fast)

    def signed_in(name: str) -> TestClient:
        browser = TestClient(app)
        page = browser.get("/login").text
        r = browser.post("/login", data={"csrf_token": field(page, "csrf_token"),
                                         "username": name, "password": password},
                         follow_redirects=False)
        assert r.status_code == 303, r.text
        return browser

    alice = signed_in("alice")
    code = _start(alice, "Alice")
    elsewhere = signed_in("alice")  # another browser, or after signing out and in again
    page = elsewhere.get("/coach/pair").text
    assert f'href="/coach/pair/{code}"' in page and "you are on question 1 of 5" in plain(page)
    assert code not in signed_in("bob").get("/coach/pair").text  # never another account's
