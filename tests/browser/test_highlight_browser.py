"""The highlight task in JupyterLab: a highlight made with the mouse (click and drag) and one
made with the keyboard only, right-to-left, checked, saved, and no request leaves the machine."""

from __future__ import annotations

import json
import re
import time

import pytest

from kit import highlight as hl
from tests.browser import jupyterlab
from tests.browser.jupyterlab import PANEL

pytestmark = pytest.mark.browser

NOTEBOOK = "ar/zz_highlight_check.ipynb"
SETUP = "import kit\nfrom kit import highlight"
MOUSE = 'highlight.task("03_numbers", "hl_mouse", "hedge", paragraphs=[1, 2])'
KEYS = 'highlight.task("01_claims", "hl_keys", "attribution", paragraphs=[3])'


def _write_notebook(lab) -> None:
    cells = [{"cell_type": "code", "id": f"c{i}", "metadata": {}, "outputs": [],
              "execution_count": None, "source": src} for i, src in
             enumerate((SETUP, MOUSE, KEYS))]
    nb = {"cells": cells, "metadata": {"kernelspec": {"name": "python3",
                                                      "display_name": "Python 3"}},
          "nbformat": 4, "nbformat_minor": 5}
    (lab.root_dir / NOTEBOOK).write_text(json.dumps(nb), encoding="utf-8")


def _wanted(category: str, paragraphs: list[int]) -> list[int]:
    toks = hl.tokens(paragraphs)
    return sorted({i for s in hl.reference_spans(category, paragraphs)
                   for i in hl._covered(toks, s["start"], s["end"])})


def _record(lab, item: str, tries: int, timeout: float = 10.0) -> dict:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for path in lab.answers_dir.glob("*.json"):
            if path.name == "learner.json":
                continue
            try:
                data = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                continue
            for items in data.get("answers", {}).values():
                if item in items and items[item].get("tries") == tries:
                    return items[item]
        time.sleep(0.2)
    raise AssertionError(f"{item}: no record with {tries} tries in {lab.answers_dir}")


def _feedback(tab, item: str, before: str = "", timeout: float = 10.0) -> str:
    deadline = time.monotonic() + timeout
    text = before
    while time.monotonic() < deadline:
        text = " ".join(tab.item(item).locator(".kit-feedback").text_content().split())
        if text and text != before:
            return text
        time.sleep(0.1)
    raise AssertionError(f"{item}: feedback did not appear; it reads {text!r}")


def test_highlight_with_the_mouse_and_with_the_keyboard(page, lab, open_notebook, monkeypatch):
    # the test notebook exists only in the server's copy of notebooks/
    monkeypatch.setattr(jupyterlab, "NOTEBOOKS", lab.root_dir)
    outside = []

    def route(request_route, request):
        if request.url.startswith(("http://127.0.0.1", "data:", "blob:")):
            request_route.continue_()
        else:
            outside.append(request.url)
            request_route.abort()

    page.route("**/*", lambda r: route(r, r.request))
    _write_notebook(lab)
    tab = open_notebook(NOTEBOOK)
    tab.run_all()
    words = f"{PANEL} .kit-id-hl_mouse .kit-hl-word"
    page.wait_for_selector(words, timeout=20000)
    report = tab.report()
    assert not report["errors"] and not report["brokenWidgets"], report

    # ---- mouse: a drag across the three words of «ما يقرب من», clicks on the rest
    mouse = tab.item("hl_mouse")
    text = mouse.locator(".kit-hl")
    assert text.get_attribute("dir") == "rtl"
    wanted = _wanted("hedge", [1, 2])
    runs: list[list[int]] = []
    for i in wanted:
        if runs and runs[-1][-1] == i - 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    dragged = max(runs, key=len)
    assert len(dragged) >= 2, runs
    first = mouse.locator(f'.kit-hl-word[data-i="{dragged[0]}"]').bounding_box()
    last = mouse.locator(f'.kit-hl-word[data-i="{dragged[-1]}"]').bounding_box()
    assert last["x"] < first["x"], "right to left: the later word stands to the left"
    page.mouse.move(first["x"] + first["width"] / 2, first["y"] + first["height"] / 2)
    page.mouse.down()
    page.mouse.move(last["x"] + last["width"] / 2, last["y"] + last["height"] / 2, steps=8)
    page.mouse.up()
    for run in runs:
        if run is dragged:
            continue
        for i in run:
            mouse.locator(f'.kit-hl-word[data-i="{i}"]').click()
    checked = mouse.locator('.kit-hl-word[aria-checked="true"]')
    assert sorted(int(x) for x in checked.evaluate_all("e => e.map(w => w.dataset.i)")) == wanted
    mouse.locator("button.widget-button").first.click()
    feedback = _feedback(tab, "hl_mouse")
    assert "أحسنت" in feedback, feedback
    record = _record(lab, "hl_mouse", 1)
    assert record["correct"] is True and record["answer"]["f1"] == 1.0
    assert mouse.locator(".kit-hl-word.kit-hl-hit").count() == len(wanted)

    # ---- keyboard only: arrows to each speech verb, Space, Enter to check
    keys = tab.item("hl_keys")
    wanted = _wanted("attribution", [3])
    assert wanted
    keys.locator('.kit-hl-word[tabindex="0"]').focus()
    at = 0
    for i in wanted:
        for _ in range(i - at):
            page.keyboard.press("ArrowLeft")  # forward in right-to-left text
        at = i
        focused = page.evaluate("() => document.activeElement.dataset.i")
        assert focused == str(i), (focused, i)
        page.keyboard.press("Space")
    page.keyboard.press("ArrowLeft")
    page.keyboard.press("Shift+ArrowLeft")  # extends the (unselected) state: nothing added
    page.keyboard.press("Enter")
    feedback = _feedback(tab, "hl_keys")
    assert "أحسنت" in feedback, feedback
    record = _record(lab, "hl_keys", 1)
    assert record["correct"] is True
    checked = keys.locator('.kit-hl-word[aria-checked="true"]')
    assert checked.count() == len(wanted)
    # the notebook did not take Enter or Space as its own shortcuts
    assert tab.progress()["status"] == "idle"
    assert page.locator(f"{PANEL} .jp-Cell").count() == 3

    # ---- run everything again: the saved selections come back, with a readable Arabic time
    page.set_viewport_size({"width": 1366, "height": 768})
    tab.run_all()
    restored = ""
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline and "↺" not in restored:
        restored = " ".join(tab.item("hl_mouse").locator(".kit-feedback").text_content().split())
        time.sleep(0.2)
    assert "↺" in restored, restored
    assert re.search(r"\(\d{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|"
                     r"أكتوبر|نوفمبر|ديسمبر) \d{4}، \d\d:\d\d\)", restored), restored
    assert "T" not in restored.split("↺", 1)[1].split(")", 1)[0]
    again = tab.item("hl_mouse").locator('.kit-hl-word[aria-checked="true"]')
    assert again.count() == len(_wanted("hedge", [1, 2]))
    tab.screenshot(jupyterlab.ARTIFACTS / "highlight_ar.png")
    assert not outside, f"requests left the machine: {outside[:5]}"
