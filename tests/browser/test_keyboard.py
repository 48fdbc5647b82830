"""Lesson 00 (Arabic) done with the keyboard only, after Run All; the answers reach the store."""

from __future__ import annotations

import json
import time

import pytest

from kit.progress import slug
from tests.browser.jupyterlab import lesson_of

pytestmark = pytest.mark.browser

NOTEBOOK = "ar/00_start_here.ipynb"
NAME = "ليلى Test"
REACTION = "بدا لي العنوان ساخرًا. أريد أن أتحقق من عدد المستمعين أولًا."
TYPING_DELAY_MS = 40  # a quick typist
PAUSE_MS = 500  # the moment a learner takes between typing and reaching for Tab

# Which kit item and which control holds the keyboard focus, for moving and for messages.
_FOCUS_JS = """() => {
  const e = document.activeElement;
  if (!e) return {};
  const item = e.closest('.kit-item');
  const id = item ? [...item.classList].find(c => c.startsWith('kit-id-')) : null;
  const radios = item ? [...item.querySelectorAll('input[type=radio]')] : [];
  return {item: id ? id.slice(7) : '', tag: e.tagName.toLowerCase(),
          type: e.getAttribute('type') || '', radio: radios.indexOf(e),
          text: (e.textContent || '').trim().slice(0, 30)};
}"""


class Keyboard:
    """Moves the focus with Tab / Shift+Tab only, as a learner without a mouse does."""

    def __init__(self, page) -> None:
        self.page = page

    def focus(self) -> dict:
        return self.page.evaluate(_FOCUS_JS)

    def tab_to(self, item: str, tag: str, radio: int = -1, limit: int = 120) -> None:
        """Press Tab (or Shift+Tab, whichever way the target lies) until it has the focus."""
        def here(f):
            return f.get("item") == item and f.get("tag") == tag and (
                radio < 0 or f.get("radio") == radio)

        if here(self.focus()):
            return
        key = "Tab" if self._is_after_focus(item) else "Shift+Tab"
        seen = []
        for _ in range(limit):
            self.page.keyboard.press(key)
            f = self.focus()
            seen.append(f)
            if here(f):
                return
        raise AssertionError(f"{key} ×{limit} never reached {item} {tag} {radio}; "
                             f"last stops: {seen[-5:]}")

    def _is_after_focus(self, item: str) -> bool:
        return self.page.evaluate("""(sel) => {
            const target = document.querySelector(sel);
            const now = document.activeElement;
            if (!now || now === document.body) return true;
            return !!(now.compareDocumentPosition(target) & Node.DOCUMENT_POSITION_FOLLOWING);
        }""", f".jp-NotebookPanel:not(.lm-mod-hidden) .kit-id-{item}")


def store_of(answers_dir):
    """The learner's store: answers/<slug(learner id)>.json, the id kept in learner.json."""

    def path():
        ident = json.loads((answers_dir / "learner.json").read_text(encoding="utf-8"))
        return answers_dir / f"{slug(ident['learner_id'])}.json"

    return path


def wait_for_store(path, check, timeout: float = 8.0):
    """The store's data once check(data) holds; `path` may be a callable (resolved each poll)."""
    deadline = time.monotonic() + timeout
    data = None
    while time.monotonic() < deadline:
        try:
            data = json.loads((path() if callable(path) else path).read_text(encoding="utf-8"))
            if check(data):
                return data
        except (OSError, ValueError):
            pass
        time.sleep(0.2)
    return data


def _first(lesson: dict, kind: str, **where) -> dict:
    return next(i for i in lesson["items"] if i["kind"] == kind
                and all(i.get(k) == v for k, v in where.items()))


@pytest.mark.parametrize("path", [NOTEBOOK])
def test_lesson_00_with_the_keyboard_only(path, open_notebook, lab, page):
    lesson = lesson_of(path)
    name_item = _first(lesson, "text", reference="learner")
    choices = [i for i in lesson["items"] if i["kind"] == "choice"][:2]
    open_item = _first(lesson, "open")
    rating = _first(lesson, "rating")

    tab = open_notebook(path)
    tab.run_all_and_report()
    keys = Keyboard(page)

    # the name: type it, Tab to the save button, Enter
    keys.tab_to(name_item["id"], "input")
    page.keyboard.type(NAME, delay=TYPING_DELAY_MS)
    page.wait_for_timeout(PAUSE_MS)
    page.keyboard.press("Tab")
    assert keys.focus()["tag"] == "button", f"Tab after the name went to {keys.focus()}"
    before = tab.feedback(name_item["id"])
    page.keyboard.press("Enter")
    tab.wait_feedback(name_item["id"], before, ("✓",))

    # two checks: a wrong answer, then the right one, chosen with Space
    for item in choices:
        # the options are shown in this learner's own order: find each one by its words
        shown = tab.radio_labels(item["id"])
        wrong = next(c for c in item["choices"] if not c["correct"])
        right = next(c for c in item["choices"] if c["correct"])
        for choice, mark in ((wrong, "✗"), (right, "✓")):
            keys.tab_to(item["id"], "input", radio=shown.index(" ".join(choice["text"].split())))
            before = tab.feedback(item["id"])
            page.keyboard.press("Space")
            said = tab.wait_feedback(item["id"], before, (mark,))
            assert " ".join(choice["feedback"].split()) in said

    # the open answer: type, Tab to the submit button, Space
    keys.tab_to(open_item["id"], "textarea")
    page.keyboard.type(REACTION, delay=TYPING_DELAY_MS)
    page.wait_for_timeout(PAUSE_MS)
    page.keyboard.press("Tab")
    focus = keys.focus()
    assert (focus["item"], focus["tag"]) == (open_item["id"], "button"), f"Tab went to {focus}"
    before = tab.feedback(open_item["id"])
    page.keyboard.press("Space")
    tab.wait_feedback(open_item["id"], before, ("✓",))

    # the rating: the fourth step of the scale
    keys.tab_to(rating["id"], "input", radio=3)
    before = tab.feedback(rating["id"])
    page.keyboard.press("Space")
    tab.wait_feedback(rating["id"], before, ("✓",))

    # export: Tab to the button, Enter
    keys.tab_to("export", "button")
    before = tab.feedback("export")
    page.keyboard.press("Enter")
    tab.wait_feedback("export", before, ("✓",))

    store = store_of(lab.answers_dir)
    expected = {name_item["id"]: NAME, open_item["id"]: REACTION, rating["id"]: rating["min"] + 3,
                **{i["id"]: next(c["id"] for c in i["choices"] if c["correct"]) for i in choices}}

    def answers(data):
        saved = data.get("answers", {}).get(lesson["lesson"], {})
        return {k: saved.get(k, {}).get("answer") for k in expected}

    data = wait_for_store(store, lambda d: answers(d) == expected)
    assert data is not None, (f"no answers file; the folder holds "
                              f"{sorted(p.name for p in lab.answers_dir.iterdir())}")
    assert answers(data) == expected
    assert data.get("learner") == NAME


def test_fast_typing_then_submit_saves_what_is_in_the_box(open_notebook, lab, page):
    """Type quickly and submit at once, three times: the store must end with the box's text.

    ipywidgets sends a button click at once but holds back text updates while earlier ones
    await the kernel, so the click can reach the kernel before the last keystrokes.
    """
    lesson = lesson_of(NOTEBOOK)
    open_item = _first(lesson, "open")
    tab = open_notebook(NOTEBOOK)
    tab.run_all_and_report()
    box = tab.item(open_item["id"]).locator("textarea")
    store = store_of(lab.answers_dir)
    for round_ in range(3):
        text = f"{round_}: " + REACTION * 2
        box.focus()
        page.keyboard.press("Control+a")
        page.keyboard.press("Delete")
        page.keyboard.type(text)
        page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        data = wait_for_store(store, lambda d, text=text: d["answers"][lesson["lesson"]]
                              [open_item["id"]]["answer"] == text, timeout=15)
        saved = (data or {}).get("answers", {}).get(lesson["lesson"], {}).get(
            open_item["id"], {}).get("answer")
        assert saved == text, (f"round {round_}: the box shows {text!r} but the store "
                               f"kept {saved!r}")
