"""Round 14, the Analyse page with three or more people: an episode's band says who repaired,
whether it was taken up and how long it took (as the terminal's table does), and each speaker of
a group has a lane of their own rather than one of two sides."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS
from mendkit.config import Settings
from mendkit.web import create_app

MEETING = """[00:00:00] Hugh: Priya, this plan is sloppy. You never check your work.
[00:00:08] Priya: Whatever.
[00:00:15] Omar: I can go over the dates with Priya after lunch.
[00:00:50] Hugh: Priya, I'm sorry. That was harsh of me and it wasn't fair on you.
[00:01:00] Priya: Thank you, Hugh. I appreciate that.
[00:01:10] Zoe: Shall we look at the budget next?
"""
PAIR = """Ana: You never listen to me.
Ben: You are right, I am sorry I was on my phone. That was not fair on you.
Ana: Thank you for saying that.
"""


def _page(client: TestClient, text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert found
    r = client.post("/analyse", data={"csrf_token": found.group(1), "text": text,
                                      "mode": "rules"})
    assert r.status_code == 200, r.text
    return r.text


def _plain(html: str) -> str:
    return " ".join(html_lib.unescape(re.sub(r"<[^>]+>", " ", html)).split())


def test_the_band_says_who_repaired_whether_it_was_taken_up_and_how_long_it_took(
        client: TestClient) -> None:
    band = re.search(r'<p class="band">(.*?)</p>', _page(client, MEETING), re.S)
    assert band
    assert _plain(band.group(1)) == (
        "Episode 1 (Hugh and Priya): resolved. Repair by Hugh, taken up; 3 turns (50 s) to "
        "repair.")


def test_each_speaker_in_a_group_has_a_lane_of_their_own(client: TestClient) -> None:
    html = _page(client, MEETING)
    assert 'class="timeline lanes"' in html
    sides = {who: int(side) for side, who in re.findall(
        r'class="turn side-(\d+)[^"]*"[^>]*>.*?<p class="who">(\w+)', html, re.S)}
    assert len(set(sides.values())) == 4, sides  # Hugh, Priya, Omar, Zoe: four lanes


def test_two_people_keep_two_sides_and_the_band_reads_the_same_way(client: TestClient) -> None:
    html = _page(client, PAIR)
    assert 'class="timeline"' in html
    assert set(re.findall(r'class="turn side-(\d+)', html)) == {"0", "1"}
    band = re.search(r'<p class="band">(.*?)</p>', html, re.S)
    assert band
    assert _plain(band.group(1)) == "Episode 1: resolved. Repair by Ben, taken up; 1 turn to repair."


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    settings = Settings(home=tmp_path_factory.mktemp("browser-home"), journal_kdf=(1, 8, 1))
    with serving(create_app(settings, allowed_hosts=["127.0.0.1"])) as base:
        yield base


@MARKS[0]
@MARKS[1]
@pytest.mark.parametrize("width", [1200, 360])
def test_in_a_browser_the_lanes_step_in_and_axe_is_clean(server: str, tmp_path: Path,
                                                         width: int) -> None:
    from browser_kit import axe_violations, chromium, shot

    path = tmp_path / "meeting.txt"
    path.write_text(MEETING)
    with chromium() as browser:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(server + "/analyse")
        page.set_input_files("#file", str(path))
        page.get_by_label("Rules only (faster)").check()
        page.get_by_role("button", name="Analyse").click()
        page.wait_for_url("**/analyse/*")
        assert axe_violations(page) == []
        shot(page, f"timeline-group-{width}")
        left = [page.evaluate(f"document.querySelector('#turn-{i}').getBoundingClientRect().left")
                for i in (0, 1, 2, 5)]  # Hugh, Priya, Omar, Zoe
        assert left[0] < left[1] <= left[2] <= left[3]
        assert all(x < width / 2 for x in left)  # every card stays on the screen
