"""The web app through FastAPI's TestClient: pages, API, CSRF, headers, limits, corrections."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

pytest.importorskip("fastapi")

from fastapi.testclient import TestClient

from mendkit.config import Settings
from mendkit.corrections import CorrectionStore
from mendkit.web import create_app
from model_only import PREVIOUS, TEXT

EXAMPLE = (Path(__file__).resolve().parent.parent / "src/mendkit/examples/workplace.txt").read_text()


def token(client: TestClient, page: str = "/analyse") -> str:
    html = client.get(page).text
    found = re.search(r'name="csrf_token" value="([^"]+)"', html)
    assert found
    return found.group(1)


def analyse(client: TestClient, text: str = EXAMPLE) -> str:
    r = client.post("/analyse", data={"csrf_token": token(client), "text": text, "mode": "rules"})
    assert r.status_code == 200, r.text
    return str(r.url).rsplit("/", 1)[1].split("?")[0]


@pytest.mark.parametrize("page", ["/analyse", "/check", "/about"])
def test_pages_have_landmarks_security_headers_and_the_notice(client: TestClient, page: str) -> None:
    r = client.get(page)
    assert r.status_code == 200
    csp = r.headers["content-security-policy"]
    assert "default-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp
    assert r.headers["x-content-type-options"] == "nosniff"
    for tag in ("<header", "<nav", "<main", "<footer"):
        assert tag in r.text
    # "Not therapy" is said once, where a person meets Mend; every page links to help.
    assert ("not therapy" in r.text) == (page != "/check")
    assert "Need help now?" in r.text and 'href="/about' in r.text
    assert "<style" not in r.text and " style=" not in r.text and "<script>" not in r.text
    cookie = r.headers.get("set-cookie", "")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")


def test_no_asset_comes_from_elsewhere(client: TestClient) -> None:
    html = client.get("/analyse").text
    for ref in re.findall(r'(?:src|href)="([^"]+)"', html):
        assert ref.startswith(("/", "#")), ref
    assert client.get("/static/mend.css").status_code == 200
    assert client.get("/static/mend.js").status_code == 200


def test_a_form_without_the_right_token_is_refused(client: TestClient) -> None:
    token(client)
    r = client.post("/analyse", data={"csrf_token": "x" * 43, "text": EXAMPLE})
    assert r.status_code == 403
    r = client.post("/check", data={"text": "sorry"})
    assert r.status_code == 403
    fresh = TestClient(client.app)  # no cookie at all, a token copied from elsewhere
    r = fresh.post("/check", data={"csrf_token": token(client), "text": "sorry"})
    assert r.status_code == 403


def test_paste_gives_a_timeline_with_marks_episodes_and_filter(client: TestClient) -> None:
    key = analyse(client)
    html = client.get(f"/analyse/{key}").text
    assert html.count('class="turn ') == len([x for x in EXAMPLE.splitlines() if x.strip()])
    assert "<mark class=\"k-rupture\"" in html and "aria-describedby=" in html
    assert "Episode 1" in html
    summary = re.search(r"(\d+) turns?, .*?(\d+) (episodes?) \(", html)
    assert summary is not None
    turns_n, episodes_n, word = int(summary.group(1)), int(summary.group(2)), summary.group(3)
    assert turns_n == len([x for x in EXAMPLE.splitlines() if x.strip()])
    assert word == ("episode" if episodes_n == 1 else "episodes")  # "1 episode", "2 episodes"
    filtered = client.get(f"/analyse/{key}", params={"label": "repair.request"}).text
    turns = re.findall(r'data-labels="([^"]*)"', filtered)
    assert turns and all("repair.request" in t.split() for t in turns)
    assert len(turns) < html.count('class="turn ')


def test_upload_in_another_format_and_exports(client: TestClient) -> None:
    vtt = ("WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n<v Ana>You never listen to me.\n\n"
           "00:00:04.000 --> 00:00:06.000\n<v Ben>I'm sorry, you're right. I was distracted.\n")
    r = client.post("/analyse", data={"csrf_token": token(client), "mode": "rules"},
                    files={"file": ("../../etc/passwd.vtt", vtt.encode(), "text/vtt")})
    assert r.status_code == 200
    key = str(r.url).rsplit("/", 1)[1]
    data = client.get(f"/analyse/{key}/export.json").json()
    assert data["conversation"]["speakers"] == ["Ana", "Ben"]
    rows = client.get(f"/analyse/{key}/export.csv").text.splitlines()
    assert rows[0].startswith("index,speaker,text") and len(rows) == 3
    assert not Path("/etc/passwd.vtt").exists()


def test_bad_input_is_a_clear_400_not_a_traceback(client: TestClient) -> None:
    r = client.post("/analyse", data={"csrf_token": token(client)},
                    files={"file": ("notes.exe", b"MZ", "application/octet-stream")})
    assert r.status_code == 400 and ".exe files are not supported" in r.text
    r = client.post("/analyse", data={"csrf_token": token(client), "text": "   "})
    assert r.status_code == 400 and "got nothing" in r.text


def test_unknown_or_traversing_result_ids_are_404(client: TestClient) -> None:
    for path in ("/analyse/0123456789abcdef01234567", "/analyse/..%2F..%2Fetc%2Fpasswd",
                 "/static/../app.py", "/static/%2e%2e/app.py"):
        r = client.get(path)
        assert r.status_code == 404, path
        assert "create_app" not in r.text


def test_too_large_uploads_are_rejected_with_413(client: TestClient) -> None:
    big = b"Ana: hi\n" * (800 * 1024)  # 6.4 MB
    r = client.post("/analyse", data={"csrf_token": token(client)},
                    files={"file": ("big.txt", big, "text/plain")})
    assert r.status_code == 413
    r = client.post("/api/check", content=b"x" * (6 * 1024 * 1024),
                    headers={"content-type": "application/json"})
    assert r.status_code == 413


def test_a_correction_is_saved_through_the_store(client: TestClient, home: Path) -> None:
    key = analyse(client)
    html = client.get(f"/analyse/{key}").text
    form = re.search(r'name="turn" value="(\d+)">\s*<input type="hidden" name="label" '
                     r'value="([^"]+)"', html)
    assert form
    turn, label = int(form.group(1)), form.group(2)
    r = client.post("/corrections", data={"csrf_token": token(client), "key": key, "turn": turn,
                                          "label": label, "note": "a joke between us"})
    assert r.status_code == 200 and "correction is saved" in r.text
    saved = list(CorrectionStore(home))
    assert len(saved) == 1 and saved[0].label == label and saved[0].verdict == "wrong"
    assert saved[0].text == EXAMPLE.splitlines()[turn].split(":", 1)[1].strip()
    r = client.post("/corrections", data={"csrf_token": token(client), "key": key, "turn": turn,
                                          "label": "risk.crisis"})
    assert r.status_code == 400 and len(list(CorrectionStore(home))) == 1


def test_check_page_shows_quality_issues_and_rewrite(client: TestClient) -> None:
    text = "I'm sorry you feel that way, but you always overreact."
    r = client.post("/check", data={"csrf_token": token(client, "/check"), "text": text,
                                    "mode": "rules"})
    assert r.status_code == 200
    assert "Repair quality" in r.text and 'class="k-issue"' in r.text
    assert "What to change" in r.text


def test_api_matches_the_library_and_has_a_schema(client: TestClient) -> None:
    import mendkit

    text = "I'm sorry I snapped at you. Could we talk tonight?"
    r = client.post("/api/check", json={"text": text, "mode": "rules"})
    assert r.status_code == 200
    assert r.json()["labels"] == list(mendkit.check(text, mode="rules").labels)
    r = client.post("/api/analyze", json={"text": EXAMPLE, "mode": "rules"})
    assert r.status_code == 200 and len(r.json()["turns"]) == len(EXAMPLE.strip().splitlines())
    assert client.post("/api/check", content="text=hi",
                       headers={"content-type": "application/x-www-form-urlencoded"}
                       ).status_code in (415, 422)
    r = client.post("/api/analyze", json={"text": "no speakers here at all", "filename": "x.vtt"})
    assert r.status_code == 400 and "error" in r.json()
    schema = client.get("/openapi.json").json()
    assert {"/api/analyze", "/api/check"} <= set(schema["paths"])


def test_region_setting_changes_the_resources(client: TestClient) -> None:
    r = client.post("/about", data={"csrf_token": token(client, "/about"), "region": "GB"})
    assert r.status_code == 200
    assert 'value="GB" selected' in r.text
    assert client.post("/about", data={"csrf_token": token(client, "/about"),
                                       "region": "Atlantis"}).status_code == 400


def test_serve_binds_loopback_and_warns_for_another_host(monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn

    from mendkit.cli.main import main

    calls: list[tuple[str, int]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, host, port, **_: calls.append((host, port)))
    assert main(["serve"]) == 0
    assert calls[-1] == ("127.0.0.1", 8765) and "warning" not in capsys.readouterr().err
    assert main(["serve", "--host", "0.0.0.0", "--port", "9000"]) == 0
    assert calls[-1] == ("0.0.0.0", 9000) and "warning" in capsys.readouterr().err
    assert main(["serve", "--port", "70000"]) == 1


def test_coach_api_walks_the_same_steps(client: TestClient) -> None:
    first = client.post("/api/coach", json={}).json()
    assert first["question"] and not first["done"]
    nxt = client.post(f"/api/coach/{first['id']}", json={"answer": ""}).json()
    assert "safe" in nxt["question"]
    stop = client.post(f"/api/coach/{first['id']}", json={"answer": "no"}).json()
    assert stop["done"] and stop["stopped"] and stop["question"] is None
    assert "/api/coach/{session_id}" in client.get("/openapi.json").json()["paths"]



def test_the_app_uses_the_heads_mend_train_fitted_and_notices_new_ones(
        client: TestClient, home: Path) -> None:
    from mendkit.corrections import Correction
    from mendkit.training import reset, train
    from mendkit.web.app import state_of

    conf = "rupture.confrontation"
    body = {"text": TEXT, "context": [PREVIOUS]}

    def check_page() -> str:
        page = client.post("/check", data={"csrf_token": token(client, "/check"),
                                           "text": body["text"], "context": PREVIOUS})
        assert page.status_code == 200
        return page.text.split("<main", 1)[1].lower()

    assert conf in client.post("/api/check", json=body).json()["labels"]  # the model's guess
    assert "confrontation" in check_page()
    CorrectionStore(home).add(Correction(text=body["text"], label=conf, verdict="wrong",
                                         previous=PREVIOUS))
    train(home)  # while the app runs, as `mend train` would
    assert conf not in client.post("/api/check", json=body).json()["labels"]
    assert "confrontation" not in check_page()
    analysed = client.post("/api/analyze", json={"text": f"A: {PREVIOUS}\nB: {TEXT}"}).json()
    assert conf not in analysed["turns"][1]["labels"]
    assert reset(home)
    assert conf in client.post("/api/check", json=body).json()["labels"]
    # In a practice one person's corrections would shape what everyone is shown: not used.
    train(home)
    state = state_of(client.app)
    assert state.personal() is not None
    state.practice = True
    assert state.personal() is None


def test_model_runs_of_concurrent_checks_wait_their_turn(home: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """Twelve full-mode checks at once: no more than ``MODEL_RUNS`` (here 3) run the model
    together, the rest wait (and are all answered)."""
    import threading
    import time

    import anyio
    import httpx

    from mendkit.web import api

    lock = threading.Lock()
    running = [0, 0]  # now, most at once
    real = api.check

    def slow_check(*args: object, **kwargs: object) -> object:
        with lock:
            running[0] += 1
            running[1] = max(running)
        time.sleep(0.05)
        with lock:
            running[0] -= 1
        return real(*args, **{**kwargs, "mode": "rules"})  # type: ignore[arg-type]

    monkeypatch.setattr(api, "check", slow_check)
    monkeypatch.setattr(api, "MODEL_RUNS", 3)  # as on two cores, whatever this machine has
    app = create_app(Settings(home=home))

    async def twelve() -> list[int]:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://127.0.0.1") as http:
            codes: list[int] = []

            async def one(n: int) -> None:
                r = await http.post("/api/check", json={"text": f"Sorry I snapped ({n}).",
                                                        "mode": "full"})
                codes.append(r.status_code)

            async with anyio.create_task_group() as group:
                for n in range(12):
                    group.start_soon(one, n)
            return codes

    assert anyio.run(twelve) == [200] * 12
    assert running[1] == 3


def _evidence_lists(html: str) -> dict[int, list[tuple[str, str]]]:
    """Each turn's evidence list as the page shows it: (the item's id, its words)."""
    import html as html_lib

    found = {}
    for turn, items in re.findall(r'<li id="turn-(\d+)".*?<ul class="evidence">(.*?)</ul>', html,
                                  flags=re.DOTALL):
        found[int(turn)] = [(i, html_lib.unescape(words))
                            for i, words in re.findall(r'<li id="([^"]+)">(.*?)</li>', items)]
    return found


def test_the_timeline_lists_each_evidence_span_once(client: TestClient) -> None:
    # Five withdrawal rules match Bob's "Fine": one line on the page and (since round 11) one
    # entry in the JSON contract too, whose score still counts every rule.
    key = analyse(client, "Ann: Can we talk about what happened last night?\nBob: Fine")
    exported = client.get(f"/analyse/{key}/export.json").json()["turns"][1]["evidence"]
    assert len(exported) == 1
    shown = _evidence_lists(client.get(f"/analyse/{key}").text)[1]
    assert [words for _, words in shown] == ["rupture.withdrawal (minimal_response): “Fine”"]


def test_the_timeline_shows_every_distinct_evidence_span_in_order_with_unique_ids(
        client: TestClient) -> None:
    key = analyse(client)
    html = client.get(f"/analyse/{key}").text
    shown = _evidence_lists(html)
    assert shown
    for turn in client.get(f"/analyse/{key}/export.json").json()["turns"]:
        if not turn["labels"]:
            continue
        expected: list[str] = []
        seen = set()
        for e in turn["evidence"]:
            if (e["label"], e["subtype"], e["start"], e["end"]) not in seen:
                seen.add((e["label"], e["subtype"], e["start"], e["end"]))
                expected.append(f"{e['label']}" + (f" ({e['subtype']})" if e["subtype"] else "")
                                + f": “{e['text']}”")
        assert [words for _, words in shown[turn["index"]]] == expected, turn["index"]
    ids = re.findall(r'<li id="(ev-[^"]+)"', html)
    assert len(ids) == len(set(ids))
    # Each marked span is described by an item of the list (keyboard and screen-reader users).
    described = [name for names in re.findall(r'<mark [^>]*aria-describedby="([^"]+)"', html)
                 for name in names.split()]  # a mark inside two spans names both
    assert described and set(described) <= set(ids)
