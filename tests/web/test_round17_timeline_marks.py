"""Round 17 (t6's P6 and P14): on the timeline, overlapping evidence is one focus stop, not a row of tiny
ones. Each run of overlapping spans in a turn is one mark that names every item in it once, and
no mark is punctuation or space alone (full mode's whole-turn span used to leave a lone "."
behind the precise span inside it). Chips and tips say a label in plain words, with its name
still in the tip, the details and the exports."""

from __future__ import annotations

import html as html_lib
import re

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.web.timeline import stops

CONVERSATION = """Priya: You said you'd be home by seven and it's nearly ten. I made dinner for both of us.
Tom: Can we not do this right now? I'm wiped.
Priya: We never do it. Every time I bring something up you're too tired.
Tom: Whatever. Fine.
Priya: That's exactly what I mean. You just shut the door on me.
Tom: Okay. You're right, I should have texted when the meeting ran over. I'm sorry, that was thoughtless.
Tom: I think I went quiet because I felt ashamed, not because I don't care.
Priya: Thank you for saying that. I was worried, more than angry, honestly.
Tom: Next time I'll text by six if I'm going to be late. Can we eat together now?
Priya: Yes. I'd like that.
"""
MARK = re.compile(r'<mark class="([^"]+)" tabindex="0" aria-describedby="([^"]+)">(.*?)'
                  r'<span class="tip" aria-hidden="true">(.*?)</span></mark>', re.S)


def _timeline(client: TestClient, mode: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert found
    page = client.post("/analyse", data={"csrf_token": found.group(1), "text": CONVERSATION,
                                         "mode": mode})
    assert page.status_code == 200, page.text
    return page.text


def _turn(html: str, index: int) -> str:
    return html.split(f'id="turn-{index}"', 1)[1].split('id="turn-', 1)[0]


def _marks(html: str) -> list[tuple[str, list[str], str, str]]:
    """Each focusable mark: its class, the ids it is described by, its words, its tip."""
    return [(cls, ids.split(), html_lib.unescape(re.sub(r"<[^>]+>", "", inner)),
             html_lib.unescape(tip)) for cls, ids, inner, tip in MARK.findall(html)]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_each_piece_of_evidence_is_in_one_focus_stop_that_has_words(client: TestClient,
                                                                    mode: str) -> None:
    html = _timeline(client, mode)
    marks = _marks(html)
    assert marks
    described = [name for _, ids, _, _ in marks for name in ids]
    assert len(described) == len(set(described))  # each item once, in one mark
    items = re.findall(r'<li id="(ev-[^"]+-d)">', html)
    assert sorted(described) == sorted(items)  # and every item has its mark
    for _, ids, words, tip in marks:
        assert re.search(r"\w", words), (words, ids)  # never a lone "." or space
        assert words == words.strip()
        assert len(tip.split("; ")) == len(set(tip.split("; ")))


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_a_commitment_found_three_ways_is_one_stop(client: TestClient, mode: str) -> None:
    marks = _marks(_turn(_timeline(client, mode), 8))
    assert [words for _, _, words, _ in marks] == ["Next time I'll text"]
    _, ids, _, tip = marks[0]
    assert len(ids) == 3
    assert tip == "request (repair.request); commitment (repair.request)"  # each once


def test_a_whole_turn_span_in_full_mode_leaves_no_stop_on_its_full_stop(
        client: TestClient) -> None:
    turn = _turn(_timeline(client, "full"), 6)
    marks = _marks(turn)
    assert len(marks) == 1, marks
    cls, ids, words, _ = marks[0]
    assert words.startswith("I think") and len(ids) == 2
    # The precise span keeps its own colour inside the one stop.
    if "pieces" in cls:
        assert re.search(r'<span class="piece k-repair">I felt ashamed</span>', turn)


def test_stops_join_a_punctuation_span_to_its_word_and_merge_overlaps() -> None:
    text = "Next time I'll text by six. Fine?"
    got = stops(text, [(0, 14, "a"), (0, 19, "b"), (10, 19, "c"), (32, 33, "q")],
                kinds={"a": "repair", "b": "repair", "c": "repair", "q": "rupture"},
                titles={"a": "commitment", "b": "request", "c": "commitment", "q": "question"})
    assert "".join(s.text for s in got) == text
    marked = [(s.text, s.marks, s.title) for s in got if s.mark]
    assert marked == [("Next time I'll text", ("b", "a", "c"), "request; commitment"),
                      ("Fine?", ("q",), "question")]


def test_stops_keep_each_kinds_colour_inside_one_stop() -> None:
    text = "You never listen, and I feel hurt."
    (whole,) = [s for s in stops(text, [(0, len(text), "w"), (4, 9, "n")],
                                 kinds={"w": "repair", "n": "rupture"}) if s.mark]
    assert whole.text == text and whole.marks == ("w", "n")
    assert [(p.text, p.kind) for p in whole.parts] == [
        ("You ", "repair"), ("never", "rupture"), (" listen, and I feel hurt.", "repair")]


def test_chips_and_tips_say_labels_in_plain_words_and_the_exports_keep_names(
        client: TestClient) -> None:
    html = _timeline(client, "rules")
    turn = _turn(html, 5)
    chips = re.findall(r'<li class="tag k-[a-z]+">([^<]+)</li>', turn)
    assert sorted(chips) == ["taking responsibility", "validating"], chips
    tips = [tip for _, _, _, tip in _marks(turn)]
    assert "agreement (repair.validate)" in tips
    assert "This is wrong: repair.validate" in turn  # the name, where a correction is made
    described = [html_lib.unescape(d) for d in re.findall(r'<li id="ev-5-\d+-d">([^<]+)</li>',
                                                           turn)]
    assert "agreement (repair.validate): \u201cYou're right\u201d" in described, described
    key = re.search(r'href="/analyse/([^/"]+)/export.json"', html)
    assert key
    exported = client.get(f"/analyse/{key.group(1)}/export.json").json()
    assert "repair.validate" in exported["turns"][5]["labels"]
