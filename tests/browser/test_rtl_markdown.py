"""Plain Markdown reads in the direction of its text in JupyterLab (issue 17).

The kit's JupyterLab extension (labextension/) gives every rendered Markdown block the
direction of its first strong character and aligns it to its start. Each notebook is opened as
plain Markdown: while the repository's notebooks still carry the old `<div dir="rtl">`
wrappers, a converted copy (tools/plain_markdown.py) is opened instead; once they are
converted the copy is the same file. No cell is run: this is about the prose and the code cells.
"""

from __future__ import annotations

import json
import shutil

import pytest

from tests.browser.jupyterlab import ARTIFACTS, NOTEBOOKS, PANEL, NotebookTab, notebook_paths
from tools.plain_markdown import convert_file

pytestmark = pytest.mark.browser

SCREENSHOT_OF = "ar/04_framing.ipynb"  # Arabic prose with English names, English quotes
SCREENSHOT_CELL = "تغريدة ماسك"  # the cell shown in the screenshot
SCREENSHOT_LIST = "ما الإطار؟"  # and one with a numbered list

# Each rendered block: the script its letters are mostly in, how it resolved, how it sits.
_BLOCKS_JS = r"""(panel) => {
  const p = document.querySelector(panel);
  const rtl = /[\u0590-\u08FF\uFB1D-\uFDFF\uFE70-\uFEFC]/g;
  const latin = /[A-Za-z\u00C0-\u024F]/g;
  // the block's own words: not those of a nested list or of code
  const own = (e) => { const c = e.cloneNode(true);
    c.querySelectorAll('ul, ol, code, pre').forEach(x => x.remove()); return c.textContent; };
  const lineEdges = (e) => {  // how far the text is from the left and right of the box
    const r = document.createRange(); r.selectNodeContents(e);
    const rects = [...r.getClientRects()].filter(x => x.width > 0);
    if (!rects.length) return null;
    const box = e.getBoundingClientRect(), cs = getComputedStyle(e);
    const line = parseFloat(cs.lineHeight) || parseFloat(cs.fontSize) * 1.2;
    const top = Math.min(...rects.map(x => x.top)), bottom = Math.max(...rects.map(x => x.bottom));
    return {left: Math.min(...rects.map(x => x.left)) - box.left - parseFloat(cs.paddingLeft),
            right: box.right - parseFloat(cs.paddingRight) - Math.max(...rects.map(x => x.right)),
            oneLine: bottom - top < 1.6 * line};
  };
  const blocks = [...p.querySelectorAll('.jp-MarkdownCell .jp-RenderedMarkdown')].flatMap(
    r => [...r.querySelectorAll('p, h1, h2, h3, h4, h5, h6, li, td, th')]).map(e => {
      const text = own(e);
      const cs = getComputedStyle(e);
      return {tag: e.tagName.toLowerCase(), text: text.trim().replace(/\s+/g, ' ').slice(0, 70),
              arabic: (text.match(rtl) || []).length, latin: (text.match(latin) || []).length,
              rtl: e.matches(':dir(rtl)'), direction: cs.direction, align: cs.textAlign,
              edges: lineEdges(e)};
    }).filter(b => b.arabic + b.latin > 0);
  const code = [...p.querySelectorAll(
      '.jp-CodeCell .jp-InputArea-editor .cm-content, .jp-RenderedMarkdown pre, '
      + '.jp-RenderedMarkdown code')].map(e => ({
    tag: e.tagName.toLowerCase(), ltr: e.matches(':dir(ltr)'),
    direction: getComputedStyle(e).direction, text: e.textContent.slice(0, 40)}));
  return {blocks, code, codeCells: p.querySelectorAll('.jp-CodeCell').length,
          marked: document.querySelectorAll('[data-kit-bidi]').length};
}"""


@pytest.fixture(scope="module")
def plain_root(lab):
    """The notebooks as plain Markdown, in a folder of the session's JupyterLab copy."""
    root = lab.root_dir / "_plain"
    for path in notebook_paths():
        target = root / path
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(NOTEBOOKS / path, target)
        convert_file(target)
    yield root
    shutil.rmtree(root, ignore_errors=True)


@pytest.fixture(scope="module")
def tab(browser_context, lab, plain_root):
    page = browser_context.new_page()
    page.on("dialog", lambda dialog: dialog.accept())
    try:
        yield page
    finally:
        page.close()
        lab.shutdown_sessions()


def _open(page, lab, path: str) -> None:
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(lab.url(f"_plain/{path}"))
    page.wait_for_selector(f"{PANEL} .jp-MarkdownCell .jp-RenderedMarkdown", timeout=60_000)
    NotebookTab(page, lab, path).full_height()  # JupyterLab lays out only cells in view
    page.wait_for_function(
        """(panel) => [...document.querySelectorAll(panel + ' .jp-MarkdownCell')]
             .every(c => c.querySelector('.jp-RenderedMarkdown [data-kit-bidi]'))""",
        arg=PANEL, timeout=20_000)


def _markdown_cells(path: str) -> int:
    nb = json.loads((NOTEBOOKS / path).read_text(encoding="utf-8"))
    return sum(1 for c in nb["cells"] if c["cell_type"] == "markdown")


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.removesuffix(".ipynb"))
def test_markdown_reads_in_the_direction_of_its_text(path, tab, lab):
    _open(tab, lab, path)
    found = tab.evaluate(_BLOCKS_JS, PANEL)
    if path == SCREENSHOT_OF:
        cell = tab.locator(f"{PANEL} .jp-MarkdownCell", has_text=SCREENSHOT_CELL).first
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        cell.screenshot(path=str(ARTIFACTS / "rtl-markdown-mixed.png"))
        listed = tab.locator(f"{PANEL} .jp-MarkdownCell", has_text=SCREENSHOT_LIST).first
        listed.screenshot(path=str(ARTIFACTS / "rtl-markdown-list.png"))

    assert found["marked"] > 0, f"{path}: the rtl-markdown extension did not run"
    assert len(found["blocks"]) >= _markdown_cells(path), f"{path}: too few blocks: {found}"
    wrong = []
    for block in found["blocks"]:
        arabic = block["arabic"] > block["latin"]
        where = f"{block['tag']} {block['direction']}/{block['align']}: {block['text']}"
        if arabic:
            right = block["align"] == "right" or (
                block["align"] == "start" and block["direction"] == "rtl")
            if not (block["rtl"] and right):
                wrong.append("Arabic, not right-to-left and right-aligned: " + where)
            # a one-line Arabic block really sits on the right of its box
            edges = block["edges"]
            if block["tag"] != "li" and edges and edges["oneLine"] and edges["right"] > 3:
                wrong.append(f"Arabic, {edges['right']:.0f} px off the right edge: {where}")
        else:
            left = block["align"] == "left" or (
                block["align"] == "start" and block["direction"] == "ltr")
            if block["rtl"] or not left:
                wrong.append("English, not left-to-right and left-aligned: " + where)
            edges = block["edges"]
            if block["tag"] != "li" and edges and edges["oneLine"] and edges["left"] > 3:
                wrong.append(f"English, {edges['left']:.0f} px off the left edge: {where}")
    assert not wrong, f"{path}:\n" + "\n".join(wrong[:20])

    editors = [c for c in found["code"] if c["tag"] == "div"]
    assert len(editors) == found["codeCells"] > 0, f"{path}: code cells not found: {found}"
    rtl_code = [c for c in found["code"] if not c["ltr"] or c["direction"] != "ltr"]
    assert not rtl_code, f"{path}: code that is not left to right: {rtl_code}"
