"""Chart labels that can be read: the audience charts drawn by plotly.js in Chromium."""

import pytest

from kit import charts
from tests.browser.jupyterlab import CHROMIUM, CHROMIUM_ARGS

_OVERLAPS_JS = """() => {
  const boxes = [...document.querySelectorAll('svg text')]
    .filter(e => e.textContent.trim())
    .map(e => { const r = e.getBoundingClientRect();
                return {t: e.textContent.trim().slice(0, 40), r}; })
    .filter(b => b.r.width > 0 && b.r.height > 0);
  const out = [];
  for (let i = 0; i < boxes.length; i++) for (let j = i + 1; j < boxes.length; j++) {
    const a = boxes[i].r, b = boxes[j].r;
    const ox = Math.min(a.right, b.right) - Math.max(a.left, b.left);
    const oy = Math.min(a.bottom, b.bottom) - Math.max(a.top, b.top);
    if (ox > 1 && oy > 1) out.push([boxes[i].t, boxes[j].t]);
  }
  return {n: boxes.length, overlaps: out};
}"""


@pytest.mark.browser
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_no_two_text_labels_overlap_at_1366_pixels(lang, tmp_path, playwright):
    """The audience charts drawn by plotly.js in Chromium at 1366×768 (and at the width of a
    notebook output beside JupyterLab's side bar): no text box overlaps another."""
    figures = {"dispute": charts.audience_dispute(lang).figure,
               **{m: charts.audience_comparison(m, lang).figure for m in charts.MODES}}
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
    try:
        for width in (1366, 1000):
            page = browser.new_page(viewport={"width": width, "height": 768})
            for name, fig in figures.items():
                path = tmp_path / f"{name}.html"
                path.write_text(fig.to_html(include_plotlyjs=True, full_html=True),
                                encoding="utf-8")
                page.goto(path.as_uri())
                page.wait_for_selector(".main-svg text")
                page.wait_for_timeout(300)
                found = page.evaluate(_OVERLAPS_JS)
                assert found["n"] > 10, (name, width)
                assert not found["overlaps"], (name, width, found["overlaps"][:5])
            page.close()
    finally:
        browser.close()
