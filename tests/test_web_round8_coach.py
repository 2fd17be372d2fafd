"""Round 8: two-person mode keeps its two people apart (no one joins their own code, no one
carries on another's answers, every place has a name), Back in the coach is called what it is and
says how to change an earlier answer, and the Check page shows what the model sensed as the
terminal does."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.cli.main import main
from mendkit.coach.pair import QUESTIONS
from mendkit.coach.store import PairStore


def field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def pair_start(client: TestClient, name: str) -> Any:
    page = client.get("/coach/pair")
    return client.post("/coach/pair", data={"csrf_token": field(page.text, "csrf_token"),
                                            "name": name}, follow_redirects=False)


def pair_join(client: TestClient, code: str, name: str) -> Any:
    page = client.get("/coach/pair")
    return client.post("/coach/pair/join", data={"csrf_token": field(page.text, "csrf_token"),
                                                 "code": code, "name": name},
                       follow_redirects=False)


def started(client: TestClient, name: str) -> str:
    r = pair_start(client, name)
    assert r.status_code == 303
    return str(r.headers["location"]).rsplit("/", 1)[1]


# ---- bug 3: joining one's own code ----

def test_the_person_who_started_a_code_cannot_join_it_in_the_same_browser(app) -> None:  # type: ignore[no-untyped-def]
    dana, mark = TestClient(app), TestClient(app)
    code = started(dana, "Dana")
    r = pair_join(dana, code, "Dana K")  # sent back to her own page
    assert r.status_code == 303 and r.headers["location"] == f"/coach/pair/{code}"
    # Dana's own page still has her as the first person, and the real partner can join.
    assert "No one has joined yet" in plain(dana.get(f"/coach/pair/{code}").text)
    assert pair_join(mark, code, "Mark").status_code == 303
    assert "Mark has joined" in plain(dana.get(f"/coach/pair/{code}").text)


def test_joining_with_the_starters_name_is_refused_in_another_browser(app) -> None:  # type: ignore[no-untyped-def]
    dana, dana_phone, mark = TestClient(app), TestClient(app), TestClient(app)
    code = started(dana, "Dana")
    r = pair_join(dana_phone, code, "  dana ")
    assert r.status_code == 400
    text = plain(r.text)
    assert "Dana started this code" in text and "add an initial" in text
    assert pair_join(mark, code, "Mark").status_code == 303


def pair_file(tmp_path: Path, name: str, answers: list[str]) -> str:
    path = tmp_path / f"{name or 'blank'}-{len(answers)}.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    return str(path)


def full_answers(name: str) -> list[str]:
    flat = [name, "yes"]  # round 10: the private safety question comes first
    for key, _ in QUESTIONS:
        flat += [f"{name}'s {key}", "yes"]
    return flat


def cli_start(tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str) -> str:
    assert main(["coach", "--pair", "--answers", pair_file(tmp_path, name, full_answers(name))]) == 0
    found = re.search(r"--join ([A-Z0-9]{6})", capsys.readouterr().out)
    assert found
    return found.group(1)


def test_the_cli_asks_again_when_the_starter_joins_their_own_code(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_HOME", str(home))
    code = cli_start(tmp_path, capsys, "Dana")
    assert main(["coach", "--join", code, "--answers", pair_file(tmp_path, "x", ["Dana"])]) == 0
    out = capsys.readouterr().out
    assert "Dana started this code" in out
    assert PairStore(home).load(code, "second") is None  # no one was seated
    # The real partner joins, is asked his own name, and his answers are his.
    assert main(["coach", "--join", code, "--answers",
                 pair_file(tmp_path, "Mark", full_answers("Mark"))]) == 0
    assert "Carrying on" not in capsys.readouterr().out
    second = PairStore(home).load(code, "second")
    assert second is not None and second.name == "Mark"
    assert second.answers["feelings"] == "Mark's feelings"
    assert main(["coach", "--exchange", code]) == 0
    assert "  Mark: Mark's feelings" in capsys.readouterr().out


def test_the_cli_asks_who_you_are_before_carrying_on_anothers_answers(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_HOME", str(home))
    code = cli_start(tmp_path, capsys, "Dana")
    # Ben joins and answers one question, then stops.
    assert main(["coach", "--join", code, "--answers",
                 pair_file(tmp_path, "Ben", ["Ben", "yes", "hurt", "yes"])]) == 0
    capsys.readouterr()
    # Mark runs the same command with his name: he is asked whether he is Ben, says no.
    assert main(["coach", "--join", code, "--answers",
                 pair_file(tmp_path, "Mark", ["no", "Mark", "angry", "yes"])]) == 1
    captured = capsys.readouterr()
    assert "Are you Ben?" in captured.out
    assert "Ben has already joined" in captured.err and "each code is for two people" in captured.err
    assert "Traceback" not in captured.err
    second = PairStore(home).load(code, "second")
    assert second is not None and second.name == "Ben" and dict(second.answers) == {"feelings": "hurt"}
    # Ben himself says yes and carries on.
    assert main(["coach", "--join", code, "--answers",
                 pair_file(tmp_path, "Ben2", ["yes", "his side", "no"])]) == 0
    assert "Carrying on with Ben's answers" in capsys.readouterr().out
    second = PairStore(home).load(code, "second")
    assert second is not None and second.answers["reality"] == "his side"


# ---- bug 11: an empty name ----

def test_the_cli_asks_for_a_name_again_when_it_is_empty(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_HOME", str(home))
    assert main(["coach", "--pair", "--answers",
                 pair_file(tmp_path, "", ["", "   ", *full_answers("Ana")])]) == 0
    out = capsys.readouterr().out
    assert out.count("Please type your first name; the other person will see it.") == 2
    code = re.search(r"--join ([A-Z0-9]{6})", out)
    assert code
    first = PairStore(home).load(code.group(1), "first")
    assert first is not None and first.name == "Ana"


def test_the_cli_join_asks_for_a_name_again_when_it_is_empty(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_HOME", str(home))
    code = cli_start(tmp_path, capsys, "Ana")
    assert main(["coach", "--join", code, "--answers",
                 pair_file(tmp_path, "", ["", *full_answers("Ben")])]) == 0
    assert "Please type your first name" in capsys.readouterr().out
    assert main(["coach", "--exchange", code]) == 0
    out = capsys.readouterr().out
    assert "  Ben: Ben's feelings" in out and "second" not in out


@pytest.mark.parametrize("name", ["", "   "])
def test_an_empty_name_cannot_start_in_the_browser(app, home: Path, name: str) -> None:  # type: ignore[no-untyped-def]
    client = TestClient(app)
    r = pair_start(client, name)
    assert r.status_code == 400
    assert "Please type your first name; the other person will see it." in plain(r.text)
    assert PairStore(home).codes() == []  # no session was made
    assert pair_start(client, "Ana").status_code == 303


# ---- bug 10: Back in the one-person coach ----

class Walk:
    """One browser tab on one session: posts with the page's token and position."""

    def __init__(self, client: TestClient) -> None:
        self.client = client
        page = client.get("/coach")
        r = client.post("/coach", data={"csrf_token": field(page.text, "csrf_token")},
                        follow_redirects=False)
        self.url = str(r.headers["location"])
        self.html = client.get(self.url).text

    def answer(self, page: str = "", **fields: Any) -> str:
        page = page or self.html
        form = {"csrf_token": field(page, "csrf_token"), "position": field(page, "position"),
                **fields}
        r = self.client.post(self.url, data=form, follow_redirects=False)
        assert r.status_code == 303, r.text
        self.html = self.client.get(r.headers["location"]).text
        return self.html


def test_back_to_an_earlier_answer_is_not_blamed_on_another_tab_and_says_how_to_change_it(
        app) -> None:  # type: ignore[no-untyped-def]
    walk = Walk(TestClient(app))
    for answer in ("yes", "Tomasz", "partner"):
        walk.answer(answer=answer)
    what = walk.html
    assert "What happened" in plain(what)
    walk.answer(answer="He laughed at my cooking")
    walk.answer(answer="I felt small")
    typed = "Actually he said my food is worse than his mother's"
    text = plain(walk.answer(page=what, answer=typed))  # the Back button's copy of the form
    assert "pressed Back" in text
    assert "you can change every word of it" in text  # how to change it, plainly
    assert typed in text  # given back, to copy


# ---- consistency bug 5: the Check page and what the model sensed ----

def test_the_check_page_shows_a_component_the_model_sensed_as_the_cli_does(
        app, capsys: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    message = "I feel hurt when plans change last minute. Give me a heads-up next time?"
    assert main(["check", message]) == 0
    cli = capsys.readouterr().out
    assert "Sensed by the model, with no phrase to point at: request" in cli  # the CLI's view
    client = TestClient(app)
    page = client.get("/check")
    r = client.post("/check", data={"csrf_token": field(page.text, "csrf_token"), "text": message})
    assert r.status_code == 200
    text = plain(r.text)
    assert "repair.request" in text
    assert "request: sensed by the model, with no phrase to point at" in text
    assert "request: not yet" not in text
    assert "feeling: yes" in text and "ownership: not yet" in text


def test_a_run_that_ends_before_a_name_is_given_does_not_claim_to_have_saved(
        tmp_path: Path, home: Path, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MEND_HOME", str(home))
    assert main(["coach", "--pair", "--answers", pair_file(tmp_path, "", [""])]) == 0
    out = capsys.readouterr().out
    assert "Nothing new was saved. To go on, run the same command again: mend coach --pair" in out
    assert "Saved under the code" not in out
    assert PairStore(home).codes() == []
