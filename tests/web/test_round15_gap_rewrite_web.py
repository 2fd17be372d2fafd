"""Round fifteen (tester t8): a rewrite that leaves the gap "I'm sorry I ..." is a template to
finish, not a message to accept: the check page says so, and the coach's review offers no
"Use this rewrite" for it, putting it in the edit box instead.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

GAPPED = "Sorry you feel that way. I'll still pick the kids up at 3:45 on Tuesday."
READY = "I'm sorry, but you never listen to me."


def token(client: TestClient, page: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', client.get(page).text)
    assert found
    return found.group(1)


def test_the_check_page_shows_a_gapped_rewrite_as_a_template(client: TestClient) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"), "text": GAPPED,
                                    "mode": "rules"})
    assert r.status_code == 200
    assert "I&#39;m sorry I ..." in r.text or "I'm sorry I ..." in r.text
    assert "A rewrite to finish in your own words" in r.text
    assert 'id="rewrite-gap"' in r.text
    assert "A rewrite to accept or edit" not in r.text


def test_the_check_page_offers_a_whole_rewrite_as_before(client: TestClient) -> None:
    r = client.post("/check", data={"csrf_token": token(client, "/check"), "text": READY,
                                    "mode": "rules"})
    assert r.status_code == 200
    assert "A rewrite to accept or edit" in r.text
    assert 'id="rewrite-gap"' not in r.text


def test_the_coach_review_has_no_one_click_accept_for_a_gap() -> None:
    from jinja2 import Environment, FileSystemLoader

    from mendkit.critic import critique
    from mendkit.web import coach_pages  # its folder holds the templates

    folder = Path(coach_pages.__file__).parent / "templates"
    source = (folder / "coach_step.html").read_text(encoding="utf-8")
    start = source.index("{% elif s == 'responsibility_review' %}")
    end = source.index("{% elif s == 'message_review' %}")
    env = Environment(loader=FileSystemLoader(str(folder)), autoescape=True)
    # The page's macros for the marked draft are imported at the top of coach_step.html.
    part = env.from_string('{% import "_marked.html" as marks %}' + source[start:end].replace(
        "{% elif s == 'responsibility_review' %}", "{% if true %}", 1) + "{% endif %}")

    def page(draft: str) -> str:
        result = critique(draft, mode="rules")
        return part.render(result=result, draft=draft, marked=[], question="",
                           suggestion_line=lambda s: s)

    gapped = page(GAPPED)
    assert "I&#39;m sorry I ..." in gapped
    assert 'id="use-rewrite"' not in gapped
    assert 'id="rewrite-gap"' in gapped
    box = re.search(r'<textarea id="draft"[^>]*>([^<]*)</textarea>', gapped)
    # the edit box keeps the person's own draft (round 14), not the template with its gap
    assert box and "I&#39;m sorry I ..." not in box.group(1) and box.group(1).strip()
    ready = page(READY)
    assert 'id="use-rewrite"' in ready and 'id="rewrite-gap"' not in ready
