"""Round 16 (tester t3): on the Analyse page, a group chat's episode band says who the episode is
between ("Episode 1 (Hugh and Priya): resolved.") and who of them left the group; a two-person
conversation's band is as before."""

from __future__ import annotations

import html as html_lib
import re

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

MEETING = """[00:00:00] Hugh: Priya, this plan is sloppy. You never check your work.
[00:00:08] Priya: Whatever.
[00:00:15] Omar: I can go over the dates with Priya after lunch.
[00:00:50] Hugh: Priya, I'm sorry. That was harsh of me and it wasn't fair on you.
[00:01:00] Priya: Thank you, Hugh. I appreciate that.
"""
LEFT = """02/03/2026, 12:24 - Ines: Any news from the ward?
02/03/2026, 12:25 - Orla: Oh now you're interested. You never bother coming in, Ines.
02/03/2026, 12:26 - Pat: Lads. Not now.
02/03/2026, 12:28 - Ines: Forget it. You'll have it your way like always.
02/03/2026, 12:28 - Ines left
"""
PAIR = """Ana: You never listen to me.
Ben: You are right, I am sorry I was on my phone. That was not fair on you.
Ana: Thank you for saying that.
"""


def _bands(client: TestClient, text: str) -> list[str]:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert found
    page = client.post("/analyse", data={"csrf_token": found.group(1), "text": text,
                                         "mode": "rules"})
    assert page.status_code == 200, page.text
    return [" ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", band)).split())
            for band in re.findall(r'<p class="band">(.*?)</p>', page.text, re.S)]


def test_a_group_episodes_band_says_who_it_is_between(client: TestClient) -> None:
    assert _bands(client, MEETING) == [
        "Episode 1 (Hugh and Priya): resolved. Repair by Hugh, taken up; 3 turns (50 s) to "
        "repair."]


def test_the_band_says_who_left_the_group(client: TestClient) -> None:
    assert _bands(client, LEFT) == [
        "Episode 1 (Orla and Ines): unresolved. No repair yet. Ines left the group after turn 3."]


def test_a_two_person_band_is_as_before(client: TestClient) -> None:
    assert _bands(client, PAIR) == [
        "Episode 1: resolved. Repair by Ben, taken up; 1 turn to repair."]
