"""A lesson: its items from data/lessons/<lang>/<id>.json, shown as widgets with saved answers.

A notebook's setup cell is ``lesson = kit.start("01_claims")``; the language comes from the
notebook's folder (``notebooks/ar`` or ``notebooks/en``) so both editions share their code.
"""

from __future__ import annotations

import hashlib
import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kit.datasets import DataError, validate
from kit.display import HTML
from kit.i18n import LANGUAGES, get_language, set_language, t
from kit.paths import data_dir
from kit.text import escape


def lessons_dir(lang: str) -> Path:
    return data_dir() / "lessons" / lang


def lesson_ids(lang: str = "ar") -> list[str]:
    """Every lesson that has an item file, in path order (00_start_here, 01_claims, …)."""
    return sorted(p.stem for p in lessons_dir(lang).glob("*.json"))


@cache
def load_lesson(lesson_id: str, lang: str) -> dict[str, Any]:
    """The lesson file, checked against data/schemas/lesson.schema.json."""
    path = lessons_dir(lang) / f"{lesson_id}.json"
    if not path.exists():
        known = ", ".join(lesson_ids(lang)) or "(none)"
        raise DataError(f"There is no lesson {lesson_id!r} in {lang}. The lessons are: {known}")
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None
    validate(data, "lesson", source=str(path))
    ids = [item["id"] for item in data["items"]]
    duplicates = sorted({i for i in ids if ids.count(i) > 1})
    if duplicates:
        raise DataError(f"{path}: item ids must be unique; repeated: {', '.join(duplicates)}")
    return data


# ---------------------------------------------------------------- deciding correctness
#
# Two forms of the key, decided here and nowhere else. In the teacher's and authors' tree each
# choice has a plain boolean ``correct``. In the learner edition (kit.distribute) the choices carry
# no ``correct`` and the item has ``"key": {"salt": ..., "sha256": [...]}``: the SHA-256 of
# salt + lesson + item + choice id of each right choice. A learner's click is checked by
# hashing it; the file does not say which option is right. (Hashing each option of an item
# finds it, for anyone who writes code: see docs/teacher-edition.md.)

KEY_FIELD = "key"


def key_digest(salt: str, lesson_id: str, item_id: str, choice_id: str) -> str:
    """sha256(salt + lesson + item + choice id), hexadecimal: one entry of a hashed key."""
    return hashlib.sha256(f"{salt}{lesson_id}{item_id}{choice_id}".encode()).hexdigest()


def choice_is_correct(lesson_id: str, item: dict[str, Any], choice_id: object) -> bool:
    """Whether choice_id is a right answer of this choice item, from either form of the key."""
    if not isinstance(choice_id, str):
        return False
    choice = next((c for c in item.get("choices", ()) if c.get("id") == choice_id), None)
    if choice is None:
        return False
    if "correct" in choice:
        return bool(choice["correct"])
    key = item.get(KEY_FIELD)
    if not isinstance(key, dict) or not isinstance(key.get("salt"), str):
        return False
    return key_digest(key["salt"], lesson_id, item["id"], choice_id) in key.get("sha256", ())


_CODE_ITEM = re.compile(r"code_p(\d+)")


def is_correct(lesson_id: str, lang: str, item_id: str, answer: Any) -> bool | None:
    """Is this answer right, from the lesson data (plain or hashed key)?

    True/False for a choice item (an answer that is not one of its choice ids is False) and for
    a paragraph of the frame coding (``code_p<N>``, against the reference coding); None for
    everything that has no right answer (open, rating, text…) and for unknown lessons or items.
    The widgets, and the dashboard re-scoring exports, decide with this one function.
    """
    try:
        data = load_lesson(lesson_id, lang)
    except DataError:
        return None
    items = {item["id"]: item for item in data["items"]}
    item = items.get(item_id)
    if item is not None:
        return choice_is_correct(lesson_id, item, answer) if item["kind"] == "choice" else None
    match = _CODE_ITEM.fullmatch(item_id) if isinstance(item_id, str) else None
    if match and any(i["kind"] == "coding" and i.get("reference") == "framing"
                     for i in items.values()):
        from kit.framing import reference_coding

        reference = reference_coding().get(int(match.group(1)))
        if reference is not None:
            return isinstance(answer, str) and answer == reference
    return None


def correct_choices(lesson_id: str, lang: str, item_id: str) -> frozenset[str]:
    """The ids of the right choices of one choice item (empty for other items)."""
    item = next((i for i in load_lesson(lesson_id, lang)["items"] if i["id"] == item_id), None)
    if item is None or item["kind"] != "choice":
        return frozenset()
    return frozenset(c["id"] for c in item["choices"]
                     if choice_is_correct(lesson_id, item, c["id"]))


def marked_items(lang: str = "ar") -> list[dict[str, Any]]:
    """For the teacher: every extension item and every pair or group task of every lesson, as
    {lesson, item, kind, tier, group, prompt} in lesson order (the same marks the learner sees)."""
    out = []
    for lesson_id in lesson_ids(lang):
        for item in load_lesson(lesson_id, lang)["items"]:
            if item.get("tier") == "extension" or item.get("group"):
                out.append({"lesson": lesson_id, "item": item["id"], "kind": item["kind"],
                            "tier": item.get("tier", "core"), "group": item.get("group"),
                            "prompt": item["prompt"]})
    return out


class Lesson:
    """One lesson in one language: header, items as widgets, recap and export."""

    def __init__(self, lesson_id: str, lang: str) -> None:
        self.id = lesson_id
        self.lang = lang
        self.data = load_lesson(lesson_id, lang)
        self.items = {item["id"]: item for item in self.data["items"]}

    @property
    def dir_attrs(self) -> str:
        return 'dir="rtl" lang="ar" style="text-align:right"' if self.lang == "ar" else \
            'dir="ltr" lang="en"'

    def header(self) -> HTML:
        """Title, estimated time and objectives."""
        from kit.display import KIT_CSS

        objectives = "".join(f"<li>{escape(o)}</li>" for o in self.data["objectives"])
        return HTML(
            f'{KIT_CSS}<div class="kit-header" {self.dir_attrs}>'
            f"<h2>{escape(self.data['title'])}</h2>"
            f"<p>{escape(t('ui.minutes', self.lang, n=self.data['minutes']))}</p>"
            f"<p><b>{escape(t('ui.objectives', self.lang))}</b></p><ul>{objectives}</ul></div>")

    def item(self, item_id: str) -> dict[str, Any]:
        try:
            return self.items[item_id]
        except KeyError:
            raise KeyError(f"Lesson {self.id} has no item {item_id!r}. "
                           f"Its items are: {', '.join(self.items)}") from None

    def ask(self, item_id: str):
        """The widget for one item, with the learner's saved answer already filled in.

        An extension item or a pair/group task carries a label above its prompt (the teacher
        sees the same marks in the lesson data: ``tier``, ``group``).
        """
        item = self.item(item_id)
        marks = self.marks(item_id)
        if not marks:
            return self._widget(item)
        from kit.exercises import _HEAD, _html

        # given to the item's box as it is built: the box reaches the browser once, complete
        badge = _html(" · ".join(f"<b>{escape(m)}</b>" for m in marks), self.lang,
                      "kit-badge", shared_layout=True)
        head = _HEAD.set((badge,))
        try:
            widget = self._widget(item)
        finally:
            _HEAD.reset(head)
        box = getattr(widget, "box", None)
        if box is not None and badge not in box.children:  # a box not made by _box
            box.children = (badge, *box.children)
        return widget

    def marks(self, item_id: str) -> list[str]:
        """The labels an item carries in the learner's language: extension, pair or group."""
        item = self.item(item_id)
        out = []
        if item.get("tier") == "extension":
            out.append(t("lesson_ui.tier.extension", self.lang))
        if item.get("group") in ("pair", "group"):
            out.append(t(f"lesson_ui.group.{item['group']}", self.lang))
        return out

    def _widget(self, item: dict[str, Any]):
        from kit import exercises, progress

        item_id = item["id"]
        saved_lesson = progress.load_answers().get(self.id, {})
        saved = saved_lesson.get(item_id)
        kind = item["kind"]
        if kind == "highlight":
            from kit import highlight

            return highlight.Highlight(self.id, {**item, "spans": item.get("spans")},
                                       self.lang, saved)
        if kind == "rank":
            from kit import ranking

            if "claims" in item:
                return ranking.claims_task(self.id, item_id, item["claims"],
                                           prompt=item["prompt"], lang=self.lang)
            return ranking.Ranking(self.id, item, self.lang, saved)
        if kind == "mislead":
            from kit import mislead

            if item["form"] == "sentence":
                return mislead.sentence_task(self.id, item_id, item.get("claim", "peak_about_420k"),
                                             prompt=item["prompt"], lang=self.lang)
            return mislead.MisleadChart(self.id, item, self.lang, saved)
        if kind == "lateral":
            from kit import lateral

            return lateral.Lateral(self.id, item, self.lang, saved)
        if kind == "choice":
            return exercises.Choice(self.id, self._with_context(item), self.lang, saved)
        if kind == "open":
            return exercises.Open(self.id, self._with_context(item), self.lang, saved)
        if kind == "rating":
            return exercises.Rating(self.id, item, self.lang, saved)
        if kind == "text" and item.get("reference") == "learner":
            return exercises.LearnerName(self.id, item, self.lang, saved)
        if kind == "text":
            return exercises.ShortText(self.id, item, self.lang, saved)
        if kind == "coding":
            return self._coding(item, saved, saved_lesson)
        if kind == "factcheck":
            return exercises.FactCheckForm(self.id, item, self.lang, saved,
                                           claims=self._checkable_claims())
        raise DataError(f"Lesson {self.id}, item {item_id}: unknown kind {kind!r}")

    def _with_context(self, item: dict[str, Any]) -> dict[str, Any]:
        """Add the article excerpt an item points at, escaped and isolated in its direction."""
        if "quote" not in item:
            return item
        from kit.article import load_article

        article = load_article()
        quote = article.span(item["quote"]["start"], item["quote"]["end"])
        context = (f'<blockquote dir="rtl" lang="ar" style="text-align:right;'
                   f'border-inline-start:3px solid #999;padding:2px 8px;margin:4px 0">'
                   f"{escape(quote)}</blockquote>")
        return {**item, "context_html": context}

    def _coding(self, item: dict[str, Any], saved: Any, saved_lesson: dict[str, Any]):
        from kit import exercises
        from kit.article import load_article

        reference: dict[int, str] = {}
        if item.get("reference") == "framing":
            from kit.framing import reference_coding

            reference = reference_coding()
        article = load_article()
        excerpts = {}
        for n in item["paragraphs"]:
            words = article.paragraphs[n].text.split()
            excerpts[n] = " ".join(words[:14]) + (" …" if len(words) > 14 else "")
        return exercises.Coding(self.id, item, self.lang, saved, reference=reference,
                                paragraph_text=excerpts, lesson_answers=saved_lesson)

    def _checkable_claims(self) -> list[dict[str, Any]]:
        """Checkable claims of the article as choices: a short label, the claim, its claimant."""
        from kit.datasets import load_dataset

        names = {s["id"]: s for s in load_dataset("sources")["speakers"]}
        out = []
        for c in load_dataset("claims")["items"]:
            if not c.get("checkable"):
                continue
            text = c["quote"] if self.lang == "ar" else c.get("text_en", c["quote"])
            speaker = names.get(c["claimant"], {})
            claimant = (c.get("claimant_as_written") or speaker.get("name_ar", "")) \
                if self.lang == "ar" else speaker.get("name_en", c["claimant"])
            label = f"{c['paragraph']}: " + (text if len(text) <= 90 else text[:88] + "…")
            out.append({"id": c["id"], "label": label, "text": text, "claimant": claimant})
        return out

    def recap(self):
        """The recap list and the export button that ends every lesson."""
        from IPython.display import display

        from kit.exercises import ExportButton

        points = "".join(f"<li>{escape(r)}</li>" for r in self.data["recap"])
        display(HTML(f'<div class="kit-recap" {self.dir_attrs}>'
                     f"<h3>{escape(t('ui.recap', self.lang))}</h3><ul>{points}</ul></div>"))
        return ExportButton(self.lang)

    def __repr__(self) -> str:
        return f"<Lesson {self.id} ({self.lang}): {len(self.items)} items>"


def start(lesson_id: str, lang: str | None = None) -> Lesson:
    """Set up a lesson: choose the language (from the notebook folder) and show its header."""
    lang = lang or get_language()
    if lang not in LANGUAGES:
        lang = "ar"
    set_language(lang)
    lesson = Lesson(lesson_id, lang)
    try:
        from IPython import get_ipython
        from IPython.display import display

        if get_ipython() is not None:
            display(lesson.header())
            from kit import progress

            progress.load_answers()  # a damaged store is repaired now, with a notice
            for notice in progress.pop_notices():
                display(HTML(f'<div role="alert" {lesson.dir_attrs}>⚠ {escape(notice)}</div>'))
    except ImportError:  # plain Python: nothing to display
        pass
    return lesson
