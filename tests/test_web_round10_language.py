"""Round ten: the web pages say that Mend reads English only, and never "No issues found." for a
message it could not read (the language report, bug 2)."""

from __future__ import annotations

import re

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient


def token(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def visible(html: str) -> str:
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


@pytest.mark.parametrize("text", ["ich will nicht mehr leben", "我不想活了", "أريد أن أموت"])
def test_the_check_page_says_it_cannot_read_the_message(client: TestClient, text: str) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"), "text": text})
    assert r.status_code == 200
    page = visible(r.text)
    assert "No issues found." not in page
    assert "Mend reads English only" in page
    assert "Local emergency services" in page  # the resources, gently
    assert "Repair quality" not in page


def test_the_check_page_still_reads_english(client: TestClient) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"),
                                    "text": "Sorry lah, I was wrong to shout at you."})
    page = visible(r.text)
    assert "Repair quality" in page and "English only" not in page


def test_the_timeline_names_the_turns_it_cannot_read(client: TestClient) -> None:
    text = "小明: 你从来不听我说话。\n小红: 我很忙。\n小明: 我不想活了。\nAna: I'm sorry, I was wrong.\n"
    r = client.post("/analyse", data={"csrf_token": token(client, "/analyse"), "text": text,
                                      "mode": "full"})
    assert r.status_code == 200
    page = visible(r.text)
    assert "Mend could not read all of this" in page
    assert "turns 0, 1 and 2 seem to be in another language" in page
    assert "Local emergency services" in page
    assert page.count("it cannot read this turn") == 3


def test_an_english_reply_to_an_unread_message_keeps_its_score_and_gets_resources(
        client: TestClient) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"),
                                    "text": "I'm sorry I wasn't there. Can I call you tonight?",
                                    "context": "Du hörst mir nie zu, immer geht es nur um dich."})
    page = visible(r.text)
    assert "Repair quality" in page
    assert "the message you are answering seems to be in another language" in page
    assert "Local emergency services" in page


def test_the_coach_api_does_not_coach_on_an_answer_it_cannot_read(client: TestClient) -> None:
    from mendkit.analysis.language import COACH_UNREADABLE_ANSWER

    sid = client.post("/api/coach", json={}).json()["id"]
    for answer in ("yes", "Marta", "partner"):
        step = client.post(f"/api/coach/{sid}", json={"answer": answer}).json()
    assert step["state"] == "recognise_what"
    step = client.post(f"/api/coach/{sid}",
                       json={"answer": "我不想活了，他每天都对我大喊大叫。"}).json()
    assert step["state"] == "recognise_what" and not step["stopped"]
    assert COACH_UNREADABLE_ANSWER in step["said"]
    step = client.post(f"/api/coach/{sid}", json={"answer": "We argued about money."}).json()
    assert step["state"] == "recognise_noticed"


def test_the_coach_page_shows_why_it_asks_again(client: TestClient) -> None:
    from mendkit.analysis.language import COACH_UNREADABLE_ANSWER

    page = client.get("/coach").text
    token = re.search(r'name="csrf_token" value="([^"]*)"', page)
    assert token is not None
    start = client.post("/coach", data={"csrf_token": token.group(1)}, follow_redirects=False)
    where = start.headers["location"]
    sid = where.rstrip("/").rsplit("/", 1)[-1]
    for answer in ("yes", "Marta", "partner"):
        client.post(f"/api/coach/{sid}", json={"answer": answer})
    page = client.get(where).text
    position = re.search(r'name="position" value="(\d+)"', page)
    assert position is not None
    answered = client.post(where, data={"csrf_token": token.group(1), "answer": "Er schreit mich "
                                        "jeden Tag an, und ich weiß nicht, was ich tun soll.",
                                        "position": position.group(1)})
    text = re.sub(r"\s+", " ", answered.text).replace("&#39;", "'")
    assert COACH_UNREADABLE_ANSWER[:60] in text
    assert "What happened?" in text
