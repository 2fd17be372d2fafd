"""Round 11, an answer kept through the risk check: the model flagged it, the person said "no".
The coach carries on, but the draft to the other person never quotes that answer: it uses its
neutral wording for that part and says so, in one plain line, where the draft is shown."""

from __future__ import annotations

import html as html_lib
import json
import re
from pathlib import Path

import pytest

from mendkit.cli.main import main
from mendkit.coach.content import RISK_NO
from mendkit.coach.driver import offered_draft
from mendkit.coach.machine import State
from mendkit.coach.session import Session

# A disclosure no rule matches that the shipped model reads as a crisis (like the tester's
# K_corner_no.json, which a rule now stops at once): after a plain "no" it used to be rewritten
# to "you" in the draft ("you block the door").
CORNER = "when i try to talk to him about it he blocks the door and i freeze"
ANSWERS = ["", "yes", "Sam", "partner", CORNER, "no", "I got loud, he went quiet", "", "6",
           "skip", "yes", "I raised my voice and said he never helps", "skip",
           "I'd like us to share the dishes"]
QUOTED = ("block", "door", "freeze")


def _run(tmp_path: Path, answers: list[str]) -> Session:
    path = tmp_path / "answers.json"
    path.write_text(json.dumps(answers), encoding="utf-8")
    assert main(["coach", "--answers", str(path)]) == 0
    files = list((tmp_path / "mend-home" / "coach" / "sessions").glob("*.json"))
    assert len(files) == 1
    return Session.from_json(files[0].read_text(encoding="utf-8"))


def test_the_draft_leaves_out_the_answer_checked_with_the_person(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, ANSWERS)
    out = capsys.readouterr().out
    assert RISK_NO in out
    assert session.state is State.RESPONSIBILITY_DRAFT  # the coaching carried on
    draft = offered_draft(session)
    assert draft.startswith("Can we talk about what happened? ")
    assert draft in out
    assert not any(word in draft.lower() for word in QUOTED)
    assert "raised my voice" in draft  # the rest of what they said is still there
    told = [line for line in out.splitlines() if "checked with you" in line]
    assert len(told) == 1 and "add what you choose" in told[0]


def test_the_message_to_keep_leaves_it_out_too(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    session = _run(tmp_path, [*ANSWERS, "", "keep", "skip", "lonely", "to feel safe to talk"])
    out = capsys.readouterr().out
    assert session.state is State.REBUILD_MESSAGE
    message = offered_draft(session)
    assert "what happened" in message and "lonely" in message and message in out
    assert not any(word in out.lower().split("i got loud")[-1] for word in QUOTED)


def test_a_resumed_session_still_leaves_it_out(tmp_path: Path) -> None:
    session = _run(tmp_path, ANSWERS)
    again = Session.from_json(session.to_json())
    assert not any(word in offered_draft(again).lower() for word in QUOTED)


def test_a_session_saved_before_this_loads_and_quotes_as_before() -> None:
    data = {"format": 1, "id": "abc", "state": "responsibility_draft",
            "answers": {"recognise_who": "Sam", "recognise_context": "partner",
                        "recognise_what": "We argued about the dishes last night",
                        "responsibility_part": "I raised my voice"},
            "path": [], "settings": {}}
    session = Session.from_dict(data)
    assert "dishes" in offered_draft(session)
    assert "withheld" not in json.dumps(session.to_dict())


def test_a_wrong_kind_of_withheld_is_refused() -> None:
    from mendkit.errors import InvalidInputError
    with pytest.raises(InvalidInputError):
        Session.from_dict({"format": 1, "id": "abc", "state": "recognise_who",
                           "withheld": "recognise_what"})


def _plain(page: str) -> str:
    return html_lib.unescape(re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", page)))


def _field(page: str, name: str) -> str:
    found = re.search(rf'name="{name}" value="([^"]*)"', page)
    assert found, f"no {name} field in the page"
    return found.group(1)


def test_the_web_draft_page_leaves_it_out_and_says_so(tmp_path: Path) -> None:
    pytest.importorskip("fastapi")
    from fastapi.testclient import TestClient

    from mendkit.config import Settings
    from mendkit.web import create_app

    client = TestClient(create_app(Settings(home=tmp_path / "home")))
    page = client.get("/coach").text
    start = client.post("/coach", data={"csrf_token": _field(page, "csrf_token")},
                        follow_redirects=False)
    url = start.headers["location"]
    html = client.get(url).text
    for text in (a or "skip" for a in ANSWERS[1:]):
        form = {"csrf_token": _field(html, "csrf_token"), "position": _field(html, "position"),
                "answer": text}
        posted = client.post(url, data=form, follow_redirects=False)
        assert posted.status_code == 303, posted.text
        html = client.get(posted.headers["location"]).text
    shown = _plain(html)
    assert "Can we talk about what happened?" in shown
    assert not any(word in shown.lower() for word in QUOTED)
    assert "checked with you" in shown
