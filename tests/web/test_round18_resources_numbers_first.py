"""Round 18 (f5's item 3): the general (default) list of help resources on a short screen. It
used to open with two entries that have no number to call or text ("your local emergency
number", "a crisis line where you live: a doctor can tell you the one"), so on a phone held
sideways (844 by 390) the first screen of the crisis box held no number to tap. The emergency entry
still comes first; after it, within each kind of help, an entry with a number to call or text
comes before one without, wherever the list shows (Check, the coach, Settings, the terminal). A
country's own list keeps the order it is configured in: every one of them opens with a number."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from importlib import resources as importlib_resources
from pathlib import Path
from typing import Any

import pytest

pytest.importorskip("fastapi")

from browser_kit import MARKS, shot
from mendkit.analysis.safety import regions, resources_for
from mendkit.cli.main import main
from mendkit.config import Settings
from mendkit.web import create_app
from mendkit.web.contacts import contact_links

CRISIS = "I want to kill myself"
KINDS: list[tuple[str, ...]] = [(), ("suicide",), ("abuse_danger",), ("self_harm", "abuse_danger")]
LANDSCAPE = {"width": 844, "height": 390}


def _callable(contact: str) -> bool:
    """Whether the page makes a link to call or text of ``contact``."""
    return "<a " in str(contact_links(contact))


def _configured() -> dict[str, list[dict[str, Any]]]:
    raw = (importlib_resources.files("mendkit") / "rules" / "resources.toml").read_text("utf-8")
    return {str(r["code"]).lower() if r["code"] == "default" else str(r["code"]): r["resources"]
            for r in tomllib.loads(raw)["region"]}


@pytest.mark.parametrize("kinds", KINDS)
def test_the_general_list_gives_a_number_right_after_the_emergency_entry(
        kinds: tuple[str, ...]) -> None:
    shown = resources_for("default", kinds)
    assert shown[0].name == "Local emergency services"
    assert _callable(shown[1].contact), [r.name for r in shown]


@pytest.mark.parametrize("kinds", KINDS)
def test_in_each_kind_of_help_a_number_comes_before_guidance(kinds: tuple[str, ...]) -> None:
    topic = {r["name"]: r["topic"] for r in _configured()["default"]}
    shown = resources_for("default", kinds)
    for kind in set(topic.values()):
        numbers = [_callable(r.contact) for r in shown if topic[r.name] == kind]
        assert numbers == sorted(numbers, reverse=True), (kind, [r.name for r in shown])


@pytest.mark.parametrize("region", [r for r in regions() if r != "default"])
def test_a_countrys_own_list_keeps_its_order_and_opens_with_a_number(region: str) -> None:
    configured = [r["name"] for r in _configured()[region]]
    for kinds in KINDS:
        shown = resources_for(region, kinds)
        assert _callable(shown[0].contact), (region, shown[0])
        for kind in {r["topic"] for r in _configured()[region]}:
            names = [r.name for r in shown if any(c["name"] == r.name and c["topic"] == kind
                                                  for c in _configured()[region])]
            assert names == sorted(names, key=configured.index), (region, kinds, kind)


def test_a_young_persons_line_still_comes_before_other_countries_examples() -> None:
    names = [r.name for r in resources_for("default", ["suicide"], young=True)]
    assert names.index("Helplines for children and young people") < names.index(
        "Crisis lines in other countries, for example")


def test_the_terminal_lists_them_in_the_same_order(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["check", CRISIS, "--mode", "rules", "--region", "default"]) == 0
    out = capsys.readouterr().out
    places = [out.find(r.name) for r in resources_for("default", ["suicide"])]
    assert -1 not in places and places == sorted(places), out


# -- in Chromium, on a phone held sideways ---------------------------------------------------------
@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    pytest.importorskip("playwright.sync_api")
    from browser_kit import serving

    app = create_app(Settings(home=tmp_path_factory.mktemp("r18-resources")),
                     allowed_hosts=["127.0.0.1"])
    with serving(app) as base:
        yield base


_FIRST_LINK = """s => { const a = document.querySelector(s);
    if (!a) { return null; } const r = a.getBoundingClientRect();
    return {top: r.top, bottom: r.bottom, href: a.getAttribute('href')}; }"""


@MARKS[0]
@MARKS[1]
def test_a_number_to_tap_is_on_the_first_screen_of_a_landscape_phone(served: str) -> None:
    from browser_kit import chromium

    with chromium() as browser:
        pg = browser.new_page(viewport=LANDSCAPE)
        pg.goto(served + "/check")
        pg.fill("#text", CRISIS)
        pg.click("form button[type=submit]")
        pg.wait_for_selector(".crisis .resources")
        shot(pg, "round18-check-crisis-844x390")
        link = pg.evaluate(_FIRST_LINK, ".crisis .resources a[href^='tel:']")
        assert link and link["top"] >= 0 and link["bottom"] <= LANDSCAPE["height"], link
        # Settings and about, opened at its help (the header's "Get help now").
        pg.goto(served + "/about#help")
        shot(pg, "round18-about-help-844x390")
        link = pg.evaluate(_FIRST_LINK, "#help ul a[href^='tel:']")
        assert link and link["top"] >= 0 and link["bottom"] <= LANDSCAPE["height"], link


def test_about_page_lists_them_in_the_same_order(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    page = TestClient(create_app(Settings(home=tmp_path / "home"))).get("/about").text
    places = [page.find(r.name) for r in resources_for("default")]
    assert -1 not in places and places == sorted(places)
