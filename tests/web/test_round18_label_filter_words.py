"""Round 18 (f5's item 2): the timeline's "Show turns with" filter names each label in the plain
words its chips use ("withdrawing", not "rupture.withdrawal"), and still submits the label's name,
so a filtered link (?label=rupture.withdrawal) and the page's own filter keep working."""

from __future__ import annotations

import html as html_lib
import re
from collections.abc import Iterator

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from browser_kit import MARKS
from mendkit.config import Settings
from mendkit.web import create_app

CONVERSATION = """Priya: You said you'd be home by seven and it's nearly ten. I made dinner for both of us.
Tom: Can we not do this right now? I'm wiped.
Priya: We never do it. Every time I bring something up you're too tired.
Tom: Whatever. Fine.
Priya: That's exactly what I mean. You just shut the door on me.
Tom: Okay. You're right, I should have texted when the meeting ran over. I'm sorry, that was thoughtless.
Priya: Thank you for saying that. I was worried, more than angry, honestly.
"""
OPTION = re.compile(r'<option value="([^"]*)"( selected)?>([^<]*)</option>')


def _analysed(client: TestClient) -> str:
    """The timeline's address."""
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get("/analyse").text)
    assert found
    page = client.post("/analyse", data={"csrf_token": found.group(1), "text": CONVERSATION,
                                         "mode": "rules"}, follow_redirects=False)
    assert page.status_code in (200, 303), page.text
    if page.status_code == 303:
        return page.headers["location"]
    key = re.search(r'action="/analyse/([^"/]+)"', page.text)
    assert key
    return f"/analyse/{key.group(1)}"


def _filter_options(page: str) -> list[tuple[str, bool, str]]:
    select = page.split('<select id="label"', 1)[1].split("</select>", 1)[0]
    return [(value, bool(selected), html_lib.unescape(words))
            for value, selected, words in OPTION.findall(select)]


def test_the_filter_says_labels_in_plain_words_and_submits_their_names(
        client: TestClient) -> None:
    url = _analysed(client)
    options = {value: words for value, _, words in _filter_options(client.get(url).text)}
    assert options.pop("") == "every label"
    assert {"rupture.withdrawal", "rupture.confrontation", "repair.responsibility"} <= set(options)
    assert options["rupture.withdrawal"] == "withdrawing"
    assert options["rupture.confrontation"] == "confronting"
    assert options["repair.responsibility"] == "taking responsibility"
    for value, words in options.items():
        assert "." not in words and "_" not in words, (value, words)


def test_a_filtered_page_selects_the_plain_words_of_its_label(client: TestClient) -> None:
    url = _analysed(client)
    page = client.get(url, params={"label": "rupture.withdrawal"})
    assert page.status_code == 200
    selected = [(value, words) for value, chosen, words in _filter_options(page.text) if chosen]
    assert selected == [("rupture.withdrawal", "withdrawing")]
    # The chips on the same page use the same words.
    assert '<li class="tag k-rupture">withdrawing</li>' in page.text


# -- in Chromium: choosing the words filters the turns at once ------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str]]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    app = create_app(Settings(home=tmp_path_factory.mktemp("r18-filter")),
                     allowed_hosts=["127.0.0.1"])
    url = _analysed(TestClient(app, base_url="http://127.0.0.1"))
    with serving(app) as base:
        yield base, url


@MARKS[0]
@MARKS[1]
def test_choosing_plain_words_filters_by_the_label(served: tuple[str, str]) -> None:
    from browser_kit import chromium

    base, url = served
    with chromium() as browser:
        pg = browser.new_page()
        pg.goto(base + url)
        every = pg.locator(".timeline .turn:not([hidden])").count()
        pg.select_option("#label", label="withdrawing")
        shown = pg.eval_on_selector_all(".timeline .turn:not([hidden])",
                                        "ts => ts.map(t => t.dataset.labels)")
        assert 0 < len(shown) < every
        assert all("rupture.withdrawal" in labels.split() for labels in shown)
        assert "label=rupture.withdrawal" in pg.url
