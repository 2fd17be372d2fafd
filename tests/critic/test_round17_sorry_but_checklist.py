"""Round 17: in a "sorry, but" draft the components checklist puts ownership somewhere. The "but"
takes the apology back, so ownership is not present; the critic's note leaves it out of "Not there
yet" (the issue's example keeps the apology, round 14), and so the terminal's checklist listed it
neither under Present nor under Missing, and the Check page called it "not needed here"."""

from __future__ import annotations

import re

import pytest

import mendkit
from mendkit.cli import render
from mendkit.critic import COMPONENT_WEIGHTS, MISSING_NOTE
from mendkit.web.pages import component_rows

DRAFTS = [
    "I'm sorry, but you always do this.",
    "I'm sorry but you always do this.",
    "Sorry, but you never listen.",
    "I am so sorry, but you made me late.",
    "I'm sorry I forgot to pick you up, but you always do this.",
    "I'm sorry I yelled, but you were being unfair.",
    "I'm really sorry I was late, but you could have called me.",
]


def _checklist(result: mendkit.CheckResult, capsys: pytest.CaptureFixture[str]
               ) -> dict[str, list[str]]:
    capsys.readouterr()
    render.check(result, footer="")
    out = capsys.readouterr().out
    lines: dict[str, list[str]] = {}
    for head in ("Present", "Sensed by the model, with no phrase to point at",
                 "From your corrections", "Missing"):
        m = re.search(rf"^{re.escape(head)}: (.*)$", out, re.MULTILINE)
        lines[head] = [] if m is None else [n.strip() for n in m.group(1).split(",")
                                            if n.strip() != "none"]
    return lines


@pytest.mark.parametrize("mode", ["rules", "full"])
@pytest.mark.parametrize("text", DRAFTS)
def test_each_component_is_on_one_line_of_the_checklist(
        text: str, mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    result = mendkit.check(text, mode=mode)  # type: ignore[arg-type]
    assert "sorry_but" in {i.kind for i in result.issues}
    lines = _checklist(result, capsys)
    listed = [name for names in lines.values() for name in names]
    assert sorted(listed) == sorted(COMPONENT_WEIGHTS)  # each once, none left out
    assert "ownership" in lines["Missing"] and not result.components["ownership"]
    # The Check page says the same: not yet there, never "not needed here".
    rows = {name: words for name, _, words in component_rows(result)}
    assert rows["ownership"] == "not yet"


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_the_note_still_does_not_ask_for_an_apology_the_example_keeps(mode: str) -> None:
    result = mendkit.check("I'm sorry I forgot to pick you up, but you always do this.",
                           mode=mode)  # type: ignore[arg-type]
    asked = [n for n in result.notes if n.startswith(MISSING_NOTE)]
    assert asked and "ownership" not in asked[0]


@pytest.mark.parametrize("mode", ["rules", "full"])
def test_an_apology_with_no_but_is_still_present(
        mode: str, capsys: pytest.CaptureFixture[str]) -> None:
    lines = _checklist(mendkit.check("I'm sorry I snapped at you.", mode=mode),  # type: ignore[arg-type]
                       capsys)
    assert "ownership" in lines["Present"] and "ownership" not in lines["Missing"]
