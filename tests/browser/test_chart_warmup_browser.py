"""The chart warm-up extension in JupyterLab: it runs once the page has started, leaves nothing
on the page, raises nothing, and the lesson's charts still draw (labextension/chart-warmup)."""

from __future__ import annotations

import time

import pytest

from tests.browser.jupyterlab import NotebookTab

pytestmark = pytest.mark.browser

STATE_JS = "() => document.documentElement.getAttribute('data-kit-chart-warmup')"


def test_warmup_draws_off_screen_then_leaves_nothing(page, lab):
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    page.on("console", lambda m: problems.append(f"console {m.type}: {m.text}")
            if m.type == "error" and "warm" in m.text.lower() else None)
    tab = NotebookTab(page, lab, "ar/03_numbers.ipynb").open()
    deadline = time.monotonic() + 30
    while page.evaluate(STATE_JS) != "done" and time.monotonic() < deadline:
        time.sleep(0.25)
    assert page.evaluate(STATE_JS) == "done", (
        f"the warm-up did not finish: data-kit-chart-warmup={page.evaluate(STATE_JS)!r}")
    left = page.evaluate("""() => ({
        hosts: document.querySelectorAll('.kit-chart-warmup').length,
        plots: [...document.querySelectorAll('.js-plotly-plot')]
                 .filter(p => !p.closest('.jp-OutputArea')).length})""")
    assert left == {"hosts": 0, "plots": 0}, f"the warm-up left something on the page: {left}"

    report = tab.run_all_and_report()
    assert report["errors"] == []
    assert report["charts"], "lesson 03 shows charts"
    assert all(c["svg"] and c["marks"] for c in report["charts"]), report["charts"]
    assert not [p for p in problems if "plotly" in p.lower() or "warm" in p.lower()], problems
