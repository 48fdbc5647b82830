"""The teacher's class dashboard: a folder of learner exports as charts and sortable tables.

It only reads data: every value from an export is escaped before it is shown, and nothing in
an export is ever executed. With no exports yet, it shows a clearly labelled demo class.
"""

from __future__ import annotations

import base64
import json
import os
import random
import tempfile
from pathlib import Path
from typing import Any

from kit import classroom
from kit.display import HTML
from kit.i18n import get_language, readable_time, t
from kit.text import escape, isolate

# Column headers of the dashboard tables (dashboard.col_<column>); raw ids stay in .df.
COLUMNS = ("lesson", "item", "answer", "count", "feedback", "learner", "time")


def _attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr" lang="en"'


def class_folder() -> Path:
    """Where the exports are: KIT_CLASS_DIR, else the exports folder beside the notebooks."""
    override = os.environ.get("KIT_CLASS_DIR")
    if override:
        return Path(override)
    from kit.progress import answers_dir

    return answers_dir() / "exports"


def demo_class(folder: Path, learners: int = 12, seed: int = 7) -> Path:
    """Write a synthetic class of exports (named as demo learners) for trying the dashboard."""
    from kit import __version__
    from kit.framing import reference_coding
    from kit.lesson import lesson_ids, load_lesson
    from kit.progress import EXPORT_FORMAT, EXPORT_SCHEMA_VERSION

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    reference = reference_coding()
    frames = sorted(set(reference.values()))
    lang = get_language()
    for n in range(1, learners + 1):
        skill = rng.uniform(0.4, 0.95)
        rows = []
        for lesson in lesson_ids(lang):
            if rng.random() < 0.1 * (int(lesson[:2]) / 3):
                continue  # some learners have not reached the later lessons
            for item in load_lesson(lesson, lang)["items"]:
                answer, correct = _demo_answer(item, skill, rng, n)
                if answer is None:
                    continue
                rows.append({"lesson": lesson, "item": item["id"], "kind": item["kind"],
                             "answer": answer, "correct": correct,
                             "time": "2026-01-15T09:00:00Z"})
            if lesson == "04_framing":
                for para, ref in reference.items():
                    code = ref if rng.random() < skill else rng.choice(frames)
                    rows.append({"lesson": lesson, "item": f"code_p{para}", "kind": "coding",
                                 "answer": code, "correct": code == ref,
                                 "time": "2026-01-15T09:00:00Z"})
        doc = {"format": EXPORT_FORMAT, "schema_version": EXPORT_SCHEMA_VERSION,
               "learner": t("dashboard.demo_learner", lang, n=n), "kit_version": __version__,
               "language": lang, "exported_at": "2026-01-15T10:00:00Z", "answers": rows}
        (folder / f"demo-{n:02d}.json").write_text(json.dumps(doc, ensure_ascii=False),
                                                   encoding="utf-8")
    return folder


def _demo_answer(item: dict[str, Any], skill: float, rng: random.Random,
                 n: int) -> tuple[Any, bool | None]:
    kind = item["kind"]
    if kind == "choice":
        right = [c["id"] for c in item["choices"] if c["correct"]]
        wrong = [c["id"] for c in item["choices"] if not c["correct"]]
        if rng.random() < skill or not wrong:
            return rng.choice(right), True
        return rng.choice(wrong), False
    if kind == "rating":
        return rng.randint(item["min"], item["max"]), None
    if kind in ("open", "text"):
        return t("dashboard.demo_text", n=n), None
    return None, None


class Dashboard:
    """Everything the dashboard shows, computed once from one folder of exports."""

    def __init__(self, folder: Path | str | None = None, lang: str | None = None) -> None:
        self.lang = lang or get_language()
        self.folder = Path(folder) if folder else class_folder()
        self.class_dir = self.folder  # where the teacher's exports go, even during the demo
        self.demo = not any(self.folder.glob("*.json")) if self.folder.is_dir() else True
        if self.demo:
            self.folder = demo_class(Path(tempfile.mkdtemp(prefix="kit-demo-class-")))
        self.data = classroom.load_class(self.folder)

    def summary(self) -> HTML:
        """Which folder, how many learners and files, and the files that could not be used."""
        lang = self.lang
        df = self.data.answers
        learners = df["learner"].nunique() if len(df) else 0
        parts = [f'<div class="kit-dashboard-summary" {_attrs(lang)}>']
        if self.demo:
            parts.append(f'<p role="note"><b>⚠ {escape(t("dashboard.demo_note", lang))}</b></p>')
            where = escape(t("dashboard.demo_folder", lang, folder="@PATH@")).replace(
                "@PATH@", isolate(str(self.class_dir), "en"))
            parts.append(f"<p>{where}</p>")
        # the folder path stays left-to-right inside an Arabic sentence
        read = escape(t("dashboard.read", lang, folder="@PATH@", learners=learners)).replace(
            "@PATH@", isolate(str(self.folder), "en"))
        if self.data.problems:
            read += " " + escape(t("dashboard.read_problems", lang,
                                   problems=len(self.data.problems)))
        parts.append(f"<p>{read}</p>")
        if self.data.problems:
            import pandas as pd

            table = pd.DataFrame(self.data.problems, columns=[t("dashboard.col_file", lang),
                                                             t("dashboard.col_reason", lang)])
            parts.append(f"<h4>{escape(t('dashboard.problems', lang))}</h4>"
                         + classroom.table_html(table))
        parts.append("</div>")
        return HTML("".join(parts))

    def items(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(lesson, item id) -> the lesson item, in the dashboard's language."""
        if not hasattr(self, "_items"):
            from kit.lesson import lesson_ids, load_lesson

            self._items = {(lesson, item["id"]): item for lesson in lesson_ids(self.lang)
                           for item in load_lesson(lesson, self.lang)["items"]}
        return self._items

    def feedback_map(self) -> dict[tuple[str, str], dict[str, str]]:
        """(lesson, item) -> {choice id: the feedback the kit gives for that choice}."""
        return {key: {c["id"]: c["feedback"] for c in item["choices"]}
                for key, item in self.items().items() if item["kind"] == "choice"}

    def lesson_label(self, lesson: str) -> str:
        """«الدرس 3» for '03_numbers' (the teacher sees lesson numbers, not folder ids)."""
        number = lesson[:2]
        if not number.isdigit():
            return lesson
        return t("dashboard.lesson_short", self.lang, n=int(number))

    def question_label(self, lesson: str, item_id: str, limit: int = 60) -> str:
        """«الدرس 3 — أيّ العروض يحترم «مبدأ الحبر المتناسب»…»: the lesson and its question."""
        number = int(lesson[:2]) if lesson[:2].isdigit() else lesson
        if item_id.startswith("code_p") and item_id[6:].isdigit():
            return t("dashboard.coding_label", self.lang, n=number, paragraph=int(item_id[6:]))
        item = self.items().get((lesson, item_id))
        if not item or not item.get("prompt"):
            return t("dashboard.question_label", self.lang, n=number, prompt=item_id)
        return t("dashboard.question_label", self.lang, n=number,
                 prompt=_short_question(item["prompt"], limit))

    def answer_label(self, lesson: str, item_id: str, answer: Any) -> Any:
        """The text of a chosen option instead of its id; other answers unchanged."""
        item = self.items().get((lesson, item_id))
        if item and item["kind"] == "choice":
            return {c["id"]: c["text"] for c in item["choices"]}.get(answer, answer)
        return answer

    def _display(self, df: Any) -> Any:
        """A copy of df as the teacher reads it: lesson numbers, questions, choice texts, times."""
        shown = df.copy()
        if not len(df):
            return shown
        if "answer" in df and "item" in df:
            shown["answer"] = [self.answer_label(lesson, item, answer) for lesson, item, answer
                               in zip(df["lesson"], df["item"], df["answer"], strict=True)]
        if "item" in df:
            shown["item"] = [self.question_label(lesson, item)
                             for lesson, item in zip(df["lesson"], df["item"], strict=True)]
        if "lesson" in df:
            shown["lesson"] = [self.lesson_label(lesson) for lesson in df["lesson"]]
        if "time" in df:
            shown["time"] = [readable_time(v, self.lang) for v in df["time"]]
        return shown

    def common_wrong(self) -> SortableTable:
        df = classroom.common_wrong(self.data, self.feedback_map())
        return SortableTable(df, self.lang, "count", descending=True, display=self._display)

    def open_responses(self) -> SortableTable:
        return SortableTable(classroom.open_responses(self.data), self.lang, "lesson",
                             display=self._display)

    def agreement(self) -> classroom.CodingAgreement:
        from kit.framing import reference_coding

        return classroom.coding_agreement(self.data, reference_coding())

    def export_csv(self) -> HTML:
        """Write the per-learner CSV summary and offer it for download."""
        from kit.progress import answers_dir

        target = answers_dir() / "class_summary.csv"
        target.parent.mkdir(parents=True, exist_ok=True)
        classroom.summary_csv(self.data, target)
        payload = base64.b64encode(target.read_bytes()).decode("ascii")
        # the path stays left-to-right inside an Arabic sentence
        written = escape(t("dashboard.csv_written", self.lang, path="@PATH@")).replace(
            "@PATH@", isolate(str(target), "en"))
        return HTML(f'<p {_attrs(self.lang)}>✓ {written} '
                    f'<a download="class_summary.csv" href="data:text/csv;base64,{payload}">'
                    f"{escape(t('dashboard.csv_download', self.lang))}</a></p>")


def _short_question(prompt: str, limit: int) -> str:
    """The start of a question's prompt, cut at a word near `limit`, quotes kept closed."""
    text = " ".join(prompt.split())
    if len(text) <= limit:
        return text
    cut = text[:limit].rsplit(" ", 1)[0].rstrip("،,؛;:. ")
    if cut.count("«") > cut.count("»"):
        cut += "…»"
        return cut
    return cut + "…"


def header(column: str, lang: str) -> str:
    """The column's header in the teacher's language; unknown columns keep their name."""
    key = f"dashboard.col_{column}"
    text = t(key, lang)
    return column if text == key else text


class SortableTable:
    """A table the teacher can sort by any column; every cell escaped.

    `df` keeps the raw values (sorting uses them: times sort as times); `display` turns a
    sorted frame into what the teacher reads, and headers come from dashboard.col_*.
    """

    def __init__(self, df: Any, lang: str, sort_by: str | None = None,
                 descending: bool = False, display: Any = None) -> None:
        import ipywidgets as widgets

        self.df, self.lang, self.display = df, lang, display
        columns = list(df.columns)
        self.column = widgets.Dropdown(options=[(header(c, lang), c) for c in columns],
                                       description=t("dashboard.sort_by", lang),
                                       value=sort_by if sort_by in columns else
                                       (columns[0] if columns else None),
                                       style={"description_width": "initial"})
        self.order = widgets.ToggleButtons(
            options=[(t("dashboard.ascending", lang), False),
                     (t("dashboard.descending", lang), True)],
            value=descending, description=t("dashboard.order", lang),
            style={"description_width": "initial"})
        self.table = widgets.HTML()
        self.column.observe(lambda _c: self.render(), names="value")
        self.order.observe(lambda _c: self.render(), names="value")
        self.box = widgets.VBox([widgets.HBox([self.column, self.order]), self.table])
        self.box.add_class("kit-item")
        if lang == "ar":
            self.box.add_class("kit-rtl")
        self.render()

    def render(self) -> None:
        df = self.df
        if len(df) and self.column.value is not None:
            df = df.sort_values(self.column.value, ascending=not self.order.value, kind="stable")
        if not len(df):
            empty = escape(t("dashboard.empty", self.lang))
            self.table.value = f"<p {_attrs(self.lang)}>{empty}</p>"
            return
        if self.display is not None:
            df = self.display(df)
        df = df.rename(columns={c: header(c, self.lang) for c in df.columns})
        label = escape(t("dashboard.table_region", self.lang))
        self.table.value = (f'<div {_attrs(self.lang)} tabindex="0" role="region" '
                            f'aria-label="{label}" style="max-height:28em;overflow:auto">'
                            + classroom.table_html(df) + "</div>")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


def open_dashboard(folder: Path | str | None = None) -> Dashboard:
    """The dashboard for a folder of exports (KIT_CLASS_DIR or answers/exports by default)."""
    return Dashboard(folder)
