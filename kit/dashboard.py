"""The teacher's class dashboard: a folder of learner exports as charts and sortable tables.

It only reads data: every value from an export is escaped before it is shown, and nothing in
an export is ever executed. With no usable export it says so; a clearly labelled demo class
is shown only when the teacher asks for it (Dashboard.demo()).
"""

from __future__ import annotations

import base64
import json
import math
import os
import random
from pathlib import Path
from typing import Any

from kit import classroom
from kit.display import HTML
from kit.i18n import get_language, readable_time, t
from kit.text import escape, isolate, signed

# Column headers of the dashboard tables (dashboard.col_<column>); raw ids stay in .df.
COLUMNS = ("lesson", "item", "answer", "count", "feedback", "learner", "time")


def _attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr" lang="en"'


def unavailable_here(lang: str | None = None) -> str | None:
    """In the browser (JupyterLite, no server): why the Voilà app is not there; else None."""
    from kit import platform

    return platform.unavailable("voila", lang or get_language()) if platform.is_pyodide() else None


def class_folder() -> Path:
    """Where the exports are: KIT_CLASS_DIR, else the exports folder beside the notebooks."""
    override = os.environ.get("KIT_CLASS_DIR")
    if override:
        return Path(override)
    from kit.progress import answers_dir

    return answers_dir() / "exports"


def demo_class(folder: Path, learners: int = 12, seed: int = 7, lang: str | None = None) -> Path:
    """Write a generated demo class of version-2 exports for trying the dashboard.

    Learners are named «Demo learner n» (two share one name, as real classes do); each has a
    learner id, attempts with retries, self-placements on open answers, and the pre/post test
    where kit.assessment has forms in this language. Only ever used when the teacher asks.
    """
    from kit import __version__
    from kit.framing import reference_coding
    from kit.lesson import lesson_ids, load_lesson
    from kit.progress import EXPORT_FORMAT, EXPORT_VERSION

    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    reference = reference_coding()
    frames = sorted(set(reference.values()))
    lang = lang or get_language()
    stamp = "2026-01-15T09:{:02d}:{:02d}.000Z"
    for n in range(1, learners + 1):
        skill = rng.uniform(0.4, 0.95)
        rows = []
        clock = iter(range(3600))

        def when(clock: Any = clock) -> str:
            k = next(clock)
            return stamp.format(k // 60 % 60, k % 60)

        def row(lesson: str, item: str, kind: str, answers: list, when: Any = when,
                **extra: Any) -> dict:
            attempts = [{"answer": a, "time": when(), "correct": None} for a in answers]
            return {"lesson": lesson, "item": item, "kind": kind, "answer": answers[-1],
                    "correct": None, "time": attempts[-1]["time"], "first": attempts[0],
                    "tries": len(attempts), "attempts": attempts, **extra}

        for lesson in lesson_ids(lang):
            if rng.random() < 0.1 * (int(lesson[:2]) / 3):
                continue  # some learners have not reached the later lessons
            for item in load_lesson(lesson, lang)["items"]:
                answers, extra = _demo_answers(lesson, item, skill, rng, n, lang)
                if answers:
                    rows.append(row(lesson, item["id"], item["kind"], answers, **extra))
                if item["kind"] == "mislead" and answers and rng.random() < skill:
                    named = {"technique": "truncated_axis" if item.get("form") == "chart"
                             else "drop_hedge", "by": "—"}
                    rows.append(row(lesson, f"{item['id']}_named", "mislead_named", [named]))
            if lesson == "04_framing":
                for para, ref in reference.items():
                    code = ref if rng.random() < skill else rng.choice(frames)
                    rows.append(row(lesson, f"code_p{para}", "coding", [code]))
        rows += _demo_tests(n, skill, rng, lang, row)
        name_n = 1 if n == 2 else n  # learners 1 and 2 share a name, as real classes do
        doc = {"format": EXPORT_FORMAT, "schema_version": EXPORT_VERSION,
               "learner": t("dashboard.demo_learner", lang, n=name_n),
               "learner_id": f"demo-{seed}-{n:02d}", "kit_version": __version__,
               "language": lang, "exported_at": "2026-01-15T10:00:00.000Z", "answers": rows}
        (folder / f"demo-{n:02d}" / "exports").mkdir(parents=True, exist_ok=True)
        (folder / f"demo-{n:02d}" / "exports" / "export.json").write_text(
            json.dumps(doc, ensure_ascii=False), encoding="utf-8")
    return folder


def _demo_answers(lesson: str, item: dict[str, Any], skill: float, rng: random.Random,
                  n: int, lang: str) -> tuple[list, dict]:
    kind = item["kind"]
    if kind == "choice":
        key = classroom.lesson_key(lang).choices.get((lesson, item["id"]), frozenset())
        right = [c["id"] for c in item["choices"] if c["id"] in key]
        wrong = [c["id"] for c in item["choices"] if c["id"] not in key]
        if rng.random() < skill or not wrong:
            return [rng.choice(right)], {}
        return [rng.choice(wrong), rng.choice(right)], {}  # a wrong click, then the right one
    if kind == "rating":
        return [rng.randint(item["min"], item["max"])], {}
    if kind == "open":
        level = "secure" if rng.random() < skill * 0.6 else rng.choice(
            ("beginning", "developing"))
        return [t("dashboard.demo_text", lang, n=n)], {
            "status": "submitted", "self_level": level,
            "exemplar_seen": "2026-01-15T09:59:00.000Z"}
    if kind in ("highlight", "rank", "mislead", "lateral"):
        return _demo_task(lesson, item, skill, rng, n, lang), {}
    return [], {}


def _demo_task(lesson: str, item: dict[str, Any], skill: float, rng: random.Random, n: int,
               lang: str) -> list:
    """A demo learner's answers to a highlight, rank, make-it-mislead or lateral task, in the
    shapes the widgets save (first try, then a better one for some)."""
    kind = item["kind"]
    spec = classroom.lesson_key(lang).graded.get((lesson, item["id"]))
    if kind == "highlight" and spec:
        refs = spec["reference"]
        picked = [[r["start"], r["end"]] for r in refs if rng.random() < skill] or \
            [[refs[0]["start"], refs[0]["end"]]]
        first = {"category": item["category"], "spans": picked}
        full = {"category": item["category"], "spans": [[r["start"], r["end"]] for r in refs]}
        return [first] if rng.random() < skill else [first, full]
    if kind == "rank" and spec:
        ordered = [k for group in spec["reference"] for k in group]
        first = list(ordered)
        for _ in range(round((1 - skill) * len(first))):
            i = rng.randrange(len(first) - 1)
            first[i], first[i + 1] = first[i + 1], first[i]
        return [{"order": first}] if first == ordered else [{"order": first},
                                                            {"order": ordered}]
    if kind == "mislead" and item.get("form") == "chart":
        start = 90_000 if rng.random() < skill else 0
        return [{"bars": ["aud_collins_100k", "aud_campaign_700k"], "start": start,
                 "scale": "linear"}]
    if kind == "mislead":
        return [{"technique": "drop_hedge", "text": t("dashboard.demo_text", lang, n=n)}]
    if kind == "lateral" and rng.random() < skill + 0.2:
        # example.org: a reserved example address, no real page is claimed for a demo
        return [{"url": f"https://example.org/demo-{n}", "domain": "example.org",
                 "sentence": t("dashboard.demo_text", lang, n=n),
                 "offline": False, "matched": [], "same_site": []}]
    return []


def _demo_tests(n: int, skill: float, rng: random.Random, lang: str, row: Any) -> list[dict]:
    """The pre/post test answers of a demo learner (none where kit.assessment has no forms)."""
    try:
        from kit import assessment

        forms = assessment.forms(lang)
        order = assessment.form_order(f"demo-{n:02d}")
    except Exception:  # no forms in this language yet: no test in the demo
        return []
    rows = []
    for lesson, form, p in (("test_before", order[0], 0.5 + skill * 0.2),
                            ("test_after", order[1], 0.5 + skill * 0.45)):
        rows.append(row(lesson, "form", "form", [form]))
        for item in forms[form]["items"]:
            truth = item["veracity"]
            other = "false" if truth == "real" else "real"
            rows.append(row(lesson, item["id"], "judgement", [truth if rng.random() < p
                                                              else other]))
    return rows


def _pct(share: float, lang: str) -> str:
    if share is None or (isinstance(share, float) and math.isnan(share)):
        return "—"
    return f"{round(100 * share)}٪" if lang == "ar" else f"{round(100 * share)}%"


def _num(value: Any, lang: str, digits: int = 2) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "—"
    if value < 0:
        return signed(value, lang, digits)
    return f"{value:.{digits}f}"


class Dashboard:
    """Everything the dashboard shows, computed once from one folder of exports.

    `Dashboard(folder)` reads the teacher's folder (KIT_CLASS_DIR or answers/exports by
    default), whatever its shape; with no usable export it says so and shows no invented
    learners. `Dashboard.demo()` is a generated demo class, labelled as such.
    The teacher's levels for open answers are kept in `scores` (kit.teacher_scores).
    """

    def __init__(self, folder: Path | str | None = None, lang: str | None = None, *,
                 demo: bool = False, scores: Path | str | None = None) -> None:
        from kit import teacher_scores

        self.lang = lang or get_language()
        self.class_dir = Path(folder) if folder else class_folder()
        self.is_demo = bool(demo)
        if demo:
            self.data = classroom.load_class(demo=True, lang=self.lang)
            self.folder = self.data.folder
        else:
            self.folder = self.class_dir
            self.data = classroom.load_class(self.folder, lang=self.lang)
        self.scores_path = (Path(scores) if scores is not None
                            else teacher_scores.scores_path(self.folder if demo else None))

    @classmethod
    def demo(cls, lang: str | None = None) -> Dashboard:
        """A generated demo class (12 learners), labelled as a demo everywhere it is shown."""
        return cls(lang=lang, demo=True)

    # ------------------------------------------------------------ what was read

    @property
    def empty(self) -> bool:
        return not len(self.data.answers)

    def summary(self) -> HTML:
        """Which folder, how many learners and files, and the files that could not be used."""
        lang = self.lang
        df = self.data.answers
        learners = df["key"].nunique() if len(df) else 0
        parts = [f'<div class="kit-dashboard-summary" {_attrs(lang)}>']
        server = unavailable_here(lang)
        if server:  # JupyterLite: no Voilà app and no live class folder, exports only
            parts.append(f'<p role="note">{escape(server)}</p>')
        if self.is_demo:
            parts.append(f'<p role="note"><b>⚠ {escape(t("dashboard.demo_note", lang))}</b></p>')
            where = escape(t("dashboard.demo_folder", lang, folder="@PATH@")).replace(
                "@PATH@", isolate(str(self.class_dir), "en"))
            parts.append(f"<p>{where}</p>")
        elif self.empty:
            key = "dashboard.no_folder" if not self.folder.is_dir() else "dashboard.no_exports"
            text = escape(t(key, lang, folder="@PATH@")).replace(
                "@PATH@", isolate(str(self.folder), "en"))
            parts.append(f'<p role="note"><b>⚠ {text}</b></p>')
        if not self.empty:
            # the folder path stays left-to-right inside an Arabic sentence
            read = escape(t("dashboard.read", lang, folder="@PATH@", learners=learners)).replace(
                "@PATH@", isolate(str(self.class_dir if not self.is_demo else self.folder),
                                  "en"))
            newest = df["exported_at"].max()
            read += " " + escape(t("dashboard.newest", lang, time=readable_time(newest, lang)))
            parts.append(f"<p>{read}</p>")
        if self.data.problems:
            import pandas as pd

            parts.append("<p>" + escape(t("dashboard.read_problems", lang,
                                          problems=len(self.data.problems))) + "</p>")
            table = pd.DataFrame(self.data.problems, columns=[t("dashboard.col_file", lang),
                                                             t("dashboard.col_reason", lang)])
            parts.append(f"<h4>{escape(t('dashboard.problems', lang))}</h4>"
                         + classroom.table_html(table))
        parts.append("</div>")
        return HTML("".join(parts))

    def learners(self) -> SortableTable:
        """One row per learner: the name shown, their id, the file used and when exported."""
        import pandas as pd

        df = self.data.answers
        if len(df):
            people = df.groupby("key", sort=True).agg(
                learner=("learner", "first"), learner_id=("learner_id", "first"),
                file=("file", "first"), exported=("exported_at", "first"),
                answers=("item", "size")).reset_index(drop=True)
        else:
            people = pd.DataFrame(columns=["learner", "learner_id", "file", "exported",
                                           "answers"])
        return SortableTable(people, self.lang, "learner", display=self._display)

    # ------------------------------------------------------------ items in words

    def items(self) -> dict[tuple[str, str], dict[str, Any]]:
        """(lesson, item id) -> the lesson item, in the dashboard's language."""
        if not hasattr(self, "_items"):
            from kit.lesson import lesson_ids, load_lesson

            self._items = {(lesson, item["id"]): item for lesson in lesson_ids(self.lang)
                           for item in load_lesson(lesson, self.lang)["items"]}
            self._items.update(self._test_tasks())
        return self._items

    def _test_tasks(self) -> dict[tuple[str, str], dict[str, Any]]:
        """The pre/post test's open tasks as items (prompt, rubric, levels)."""
        try:
            from kit import assessment

            forms = assessment.forms(self.lang)
        except Exception:  # no pre/post forms in this language yet
            return {}
        out = {}
        for form in forms.values():
            task = form.get("task") if isinstance(form, dict) else None
            if isinstance(task, dict) and "id" in task:
                for lesson in ("test_before", "test_after"):
                    out[(lesson, task["id"])] = {**task, "kind": "open"}
        return out

    def objectives(self, lesson: str) -> list[str]:
        from kit.lesson import load_lesson

        try:
            return load_lesson(lesson, self.lang)["objectives"]
        except Exception:
            return []

    def feedback_map(self) -> dict[tuple[str, str], dict[str, str]]:
        """(lesson, item) -> {choice id: the feedback the kit gives for that choice}."""
        return {key: {c["id"]: c["feedback"] for c in item["choices"]}
                for key, item in self.items().items() if item["kind"] == "choice"}

    def lesson_label(self, lesson: str) -> str:
        """«الدرس 3» for '03_numbers' (the teacher sees lesson numbers, not folder ids)."""
        if lesson in ("test_before", "test_after"):
            return t(f"dashboard.{lesson}", self.lang)
        number = lesson[:2]
        if not number.isdigit():
            return lesson
        return t("dashboard.lesson_short", self.lang, n=int(number))

    def objective_label(self, lesson: str, objective: Any) -> str:
        """«الدرس 3، الهدف 2: …» or the lesson alone where the item has no objective."""
        objectives = self.objectives(lesson)
        try:
            index = int(objective)
        except (TypeError, ValueError):
            return t("dashboard.objective_lesson", self.lang, lesson=self.lesson_label(lesson))
        if not 0 <= index < len(objectives):
            return t("dashboard.objective_lesson", self.lang, lesson=self.lesson_label(lesson))
        return t("dashboard.objective_label", self.lang, lesson=self.lesson_label(lesson),
                 n=index + 1, text=objectives[index])

    def question_label(self, lesson: str, item_id: str, limit: int = 60) -> str:
        """«الدرس 3 — أيّ العروض يحترم «مبدأ الحبر المتناسب»…»: the lesson and its question."""
        number = int(lesson[:2]) if lesson[:2].isdigit() else self.lesson_label(lesson)
        if item_id.startswith("code_p") and item_id[6:].isdigit():
            return t("dashboard.coding_label", self.lang, n=number, paragraph=int(item_id[6:]))
        item = self.items().get((lesson, item_id))
        if not item and item_id.endswith("_named"):  # a partner's naming of a technique
            task = self.items().get((lesson, item_id[:-len("_named")]))
            if task and task.get("prompt"):
                return t("dashboard.named_label", self.lang, n=number,
                         prompt=_short_question(task["prompt"], limit))
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
        lang = self.lang
        if "answer" in df and "item" in df:
            shown["answer"] = [self.answer_label(lesson, item, answer) for lesson, item, answer
                               in zip(df["lesson"], df["item"], df["answer"], strict=True)]
        if "objective" in df and "lesson" in df:
            shown["objective"] = [self.objective_label(lesson, o) for lesson, o
                                  in zip(df["lesson"], df["objective"], strict=True)]
        if "item" in df and "lesson" in df:
            shown["item"] = [self.question_label(lesson, item)
                             for lesson, item in zip(df["lesson"], df["item"], strict=True)]
        if "wrong" in df and "item" in df:
            shown["wrong"] = [self.answer_label(lesson, item, w) if isinstance(w, str) else "—"
                              for lesson, item, w in zip(df["lesson"], df["item"], df["wrong"],
                                                         strict=True)]
        if "lesson" in df:
            shown["lesson"] = [self.lesson_label(lesson) for lesson in df["lesson"]]
        for column in ("time", "exported"):
            if column in df:
                shown[column] = [readable_time(v, lang) for v in df[column]]
        for column in ("first_share", "share"):
            if column in df:
                shown[column] = [_pct(v, lang) for v in df[column]]
        if "mean_tries" in df:
            shown["mean_tries"] = [_num(v, lang, 1) for v in df["mean_tries"]]
        for column in ("self_level", "teacher_level", "level"):
            if column in df:
                shown[column] = [t(f"assessment.level.{v}", lang) if isinstance(v, str) else "—"
                                 for v in df[column]]
        if "verdict" in df:
            from kit.verdicts import label

            shown["verdict"] = [_safe_label(label, v, lang) for v in df["verdict"]]
        if "learner_id" in df:
            shown["learner_id"] = [v if isinstance(v, str) else "—" for v in df["learner_id"]]
        if "known_page" in df:
            shown["known_page"] = [t("dashboard.yes" if v is True or v == 1 else "dashboard.no",
                                     lang) for v in df["known_page"]]
        for column in ("url", "domain"):  # addresses read left to right in an Arabic table
            if column in df:
                shown[column] = [v if isinstance(v, str) else "—" for v in df[column]]
        for column in df.columns:
            if column.startswith("judgement_"):
                shown[column] = [v if isinstance(v, str) else "—" for v in df[column]]
        for column in df.columns:
            digits = 0 if column.endswith("_V") or column == "V_change" else 2
            if column.endswith("_change"):  # a change keeps its sign: +3, −0.25
                shown[column] = ["—" if _isna(v) else signed(float(v), lang, digits)
                                 for v in df[column]]
            elif column.endswith(("_V", "_dprime", "_c")):
                shown[column] = [_num(v, lang, digits) for v in df[column]]
        return shown

    # ------------------------------------------------------------ what to reteach

    def reteach(self, top: int = 8) -> HTML:
        """The items and objectives with the lowest first-attempt success, ready to reteach.

        Grouped by lesson objective (data/objectives_map.json); each item with the question in
        words, the wrong option chosen most at the first attempt and the kit's feedback for it
        as a reteach script.
        """
        from kit import grades

        lang = self.lang
        table = grades.reteach(self.data, self.items(), top=top)
        parts = [f'<div class="kit-reteach" {_attrs(lang)}>']
        if not len(table):
            parts.append(f"<p>{escape(t('dashboard.reteach_none', lang))}</p></div>")
            return HTML("".join(parts))
        objectives = grades.objective_stats(self.data)
        shares = {(r.lesson, _objective(r.objective)): r for r in objectives.itertuples()}
        order: list[tuple[str, Any]] = []
        for r in table.itertuples():
            key = (r.lesson, _objective(r.objective))
            if key not in order:
                order.append(key)
        for lesson, objective in order:
            stats = shares.get((lesson, objective))
            head = escape(self.objective_label(lesson, objective))
            if stats is not None:
                head += " — " + escape(t("dashboard.objective_share", lang,
                                         share=_pct(stats.first_share, lang),
                                         answers=int(stats.n)))
            parts.append(f"<h4>{head}</h4><ol>")
            rows = table[[(r_lesson, _objective(o)) == (lesson, objective) for r_lesson, o
                          in zip(table["lesson"], table["objective"], strict=True)]]
            for r in rows.itertuples():
                parts.append(
                    "<li><p><b>" + escape(r.question) + "</b></p><p>"
                    + escape(t("dashboard.item_share", lang, share=_pct(r.first_share, lang),
                               learners=int(r.n), tries=_num(r.mean_tries, lang, 1)))
                    + "</p>")
                if r.wrong_count:
                    parts.append(
                        "<p>" + escape(t("dashboard.most_wrong", lang, learners=int(r.wrong_count)))
                        + f" «{escape(r.wrong)}»</p>" if lang == "ar" else
                        "<p>" + escape(t("dashboard.most_wrong", lang, learners=int(r.wrong_count)))
                        + f" “{escape(r.wrong)}”</p>")
                    if r.script:
                        parts.append(f"<p><i>{escape(t('dashboard.script', lang))}</i> "
                                     f"{escape(r.script)}</p>")
                parts.append("</li>")
            parts.append("</ol>")
        parts.append("</div>")
        return HTML("".join(parts))

    def hardest(self) -> SortableTable:
        """Every scored choice item: first-attempt share, mean tries, most chosen wrong option."""
        from kit import grades

        df = grades.item_stats(self.data)
        df = df[["lesson", "item", "objective", "n", "first_share", "mean_tries", "wrong",
                 "wrong_count"]] if len(df) else df
        return SortableTable(df, self.lang, "first_share", display=self._display)

    def common_wrong(self) -> SortableTable:
        df = classroom.common_wrong(self.data, self.feedback_map())
        return SortableTable(df, self.lang, "count", descending=True, display=self._display)

    # ------------------------------------------------------------ pre/post test

    def prepost_table(self) -> Any:
        from kit import grades

        return grades.prepost(self.data)

    def prepost(self) -> HTML:
        """The class's V, d′ and c before and after (mean ± spread, n), then each learner."""
        from kit import grades

        lang = self.lang
        table = grades.prepost(self.data)
        parts = [f'<div class="kit-prepost" {_attrs(lang)}>']
        if not len(table):
            parts.append(f"<p>{escape(t('dashboard.prepost_none', lang))}</p></div>")
            return HTML("".join(parts))
        summary = grades.prepost_summary(table)
        head = "".join(f"<th>{escape(t(f'dashboard.prepost_{c}', lang))}</th>"
                       for c in ("measure", "before", "after"))
        body = ""
        for m in ("V", "dprime", "c"):
            cells = []
            for when in ("before", "after"):
                row = summary[(summary["measure"] == m) & (summary["when"] == when)].iloc[0]
                digits = 1 if m == "V" else 2
                cells.append(escape(t("dashboard.mean_sd", lang, mean=_num(row["mean"], lang,
                                                                           digits),
                                      sd=_num(row["sd"], lang, digits), n=int(row["n"]))))
            body += (f"<tr><td>{escape(t(f'dashboard.measure_{m}', lang))}</td>"
                     + "".join(f"<td>{c}</td>" for c in cells) + "</tr>")
        parts.append(f'<table class="kit-table"><thead><tr>{head}</tr></thead>'
                     f"<tbody>{body}</tbody></table>")
        parts.append(f"<p>{escape(t('dashboard.prepost_explain', lang))}</p>")
        per = table.drop(columns=["key"])
        shown = self._display(per).rename(columns={c: header(c, lang) for c in per.columns})
        parts.append(classroom.table_html(shown))
        parts.append("</div>")
        return HTML("".join(parts))

    # ------------------------------------------------------------ open answers

    def teacher_scores(self) -> dict[tuple[str, str, str], dict]:
        from kit import teacher_scores

        return teacher_scores.load_scores(self.scores_path)

    def _known_open(self) -> set[tuple[str, str]]:
        return {key for key, item in self.items().items() if item["kind"] == "open"}

    def open_table(self) -> Any:
        """Every submitted open answer with the learner's and the teacher's levels."""
        from kit import grades

        return grades.open_answers(self.data, self.teacher_scores(), self._known_open())

    def open_responses(self) -> SortableTable:
        """The open answers, sortable (lesson 07's analyses and drafts are elsewhere)."""
        df = self.open_table()
        df = df[["lesson", "item", "learner", "answer", "self_level", "teacher_level",
                 "time"]] if len(df) else df
        return SortableTable(df, self.lang, "lesson", display=self._display)

    def agreement_open(self) -> dict[str, float]:
        from kit import grades

        return grades.agreement(self.open_table())

    def agreement_text(self) -> str:
        figures = self.agreement_open()
        if not figures["n"]:
            return t("dashboard.open_agreement_none", self.lang)
        kappa = figures["kappa"]
        return t("dashboard.open_agreement", self.lang, n=figures["n"],
                 share=_pct(figures["agreement"], self.lang),
                 kappa="—" if kappa != kappa else _num(kappa, self.lang, 2),
                 higher=figures["self_higher"])

    def score_open(self) -> OpenScoring:
        """Score each open answer on the three levels; saved at once in the teacher's folder."""
        return OpenScoring(self)

    def open_scores(self) -> HTML:
        """The open answers' levels per learner and item (teacher's where scored) and κ."""
        table = self.open_table()
        lang = self.lang
        parts = [f'<div class="kit-open-summary" {_attrs(lang)}>',
                 f"<p>{escape(self.agreement_text())}</p>"]
        if len(table):
            shown = self._display(table[["lesson", "item", "learner", "self_level",
                                         "teacher_level"]])
            shown = shown.rename(columns={c: header(c, lang) for c in shown.columns})
            parts.append(classroom.table_html(shown))
        parts.append("</div>")
        return HTML("".join(parts))

    # ------------------------------------------------------------ lessons 06 and 07

    def factchecks(self) -> SortableTable:
        """Lesson 06: each learner's fact-check (claim, claimant, verdict, evidence, sources)."""
        from kit import grades

        df = grades.factchecks(self.data).drop(columns=["key"])
        return SortableTable(df, self.lang, "learner", display=self._display)

    def analyses(self) -> SortableTable:
        """Lesson 07: the article each learner analysed and what they wrote about it."""
        from kit import grades

        df = grades.analyses(self.data).drop(columns=["key"])
        return SortableTable(df, self.lang, "learner", display=self._display)

    # ------------------------------------------------------------ grades

    def grades(self, done: bool = False) -> Any:
        """One row per learner: identity, first-attempt share per lesson (0–1; highlight and
        rank tasks with partial credit), open-answer levels (teacher's where scored, else self;
        1–3), pre/post V, d′, c (docs/gradebook.md). `done=True` adds done_<NN>_<item>
        (1 done, 0 not) for lateral reading, sentence rewrites and a partner's naming.
        """
        from kit import grades

        known = self._known_open()
        items = sorted(k for k in known if grades.is_lesson(k[0]))
        return grades.grades(self.data, self.teacher_scores(), open_items=items, known=known,
                             done=grades.done_items(self.items()) if done else None)

    def lateral(self) -> SortableTable:
        """Lateral reading (lessons 02 and 06): the address each learner found, its site,
        their sentence, their answers to the three questions, and whether the kit knows it."""
        from kit import grades

        df = grades.lateral_answers(self.data).drop(columns=["key"])
        return SortableTable(df, self.lang, "lesson", display=self._display)

    def grades_view(self) -> SortableTable:
        """The grade table on screen: headers in the teacher's language, shares as percents,
        tasks done or not in words."""
        df = self.grades(done=True).drop(columns=["learner_id", "name"], errors="ignore")
        lang = self.lang
        headers = {"shown_name": t("dashboard.col_learner", lang),
                   "lessons_mean": t("dashboard.col_lessons_mean", lang),
                   "open_mean": t("dashboard.col_open_mean", lang),
                   "open_teacher_scored": t("dashboard.col_open_teacher_scored", lang),
                   "last_activity": t("dashboard.col_time", lang)}
        for column in df.columns:
            if column.startswith("lesson_") and column[7:].isdigit():
                headers[column] = self.lesson_label(column[7:] + "_")
            elif column.startswith(("open_", "done_")) and column[5:7].isdigit():
                lesson = next((key[0] for key in self.items() if key[0][:2] == column[5:7]), "")
                headers[column] = self.question_label(lesson, column[8:], limit=30)
            elif column.startswith(("pre_", "post_")):
                when, measure = column.split("_", 1)
                headers[column] = header(f"{'before' if when == 'pre' else 'after'}_{measure}",
                                         lang)

        def display(frame: Any) -> Any:
            shown = frame.copy()
            for column in frame.columns:
                if column.startswith("lesson"):
                    shown[column] = [_pct(v, lang) for v in frame[column]]
                elif column.startswith("open_") and column[5:7].isdigit():
                    words = dict(enumerate(("beginning", "developing", "secure"), start=1))
                    shown[column] = ["—" if _isna(v) else
                                     t(f"assessment.level.{words[int(v)]}", lang)
                                     for v in frame[column]]
                elif column.startswith("done_") and column[5:7].isdigit():
                    shown[column] = [t("dashboard.done_yes" if not _isna(v) and int(v)
                                       else "dashboard.done_no", lang) for v in frame[column]]
                elif column in ("open_mean",) or column.startswith(("pre_", "post_")):
                    shown[column] = [_num(v, lang, 0 if column.endswith("_V") else 2)
                                     for v in frame[column]]
                elif column == "last_activity":
                    shown[column] = [readable_time(v, lang) for v in frame[column]]
            return shown

        return SortableTable(df, lang, "shown_name", display=display, headers=headers)

    def grades_csv(self, path: str | Path) -> Path:
        """The grade table as CSV (UTF-8 with BOM, formulas defused, times in UTC ISO form), with
        the done_<NN>_<item> columns (1 done, 0 not) as docs/gradebook.md lists them."""
        df = self.grades(done=True).copy()
        for column in ("name", "shown_name", "learner_id"):
            if column in df:
                df[column] = df[column].map(classroom._csv_safe)
        if "last_activity" in df:
            df["last_activity"] = [v.strftime("%Y-%m-%dT%H:%M:%SZ") if hasattr(v, "strftime")
                                   else "" for v in df["last_activity"]]
        path = Path(path)
        df.to_csv(path, index=False, encoding="utf-8-sig", float_format="%.3f")
        return path

    def export_csv(self) -> HTML:
        """Write the grade table and the per-learner summary as CSV; offer both for download.

        Never raises: with no usable export the files hold the header row only, and a folder
        that cannot be written is named with its reason.
        """
        from kit.progress import answers_dir

        lang = self.lang
        links = []
        try:
            folder = answers_dir()
            grades_path = self.grades_csv(folder / "class_grades.csv")
            summary_path = folder / "class_summary.csv"
            classroom.summary_csv(self.data, summary_path)
        except OSError as exc:
            reason = escape(t("dashboard.csv_failed", lang, reason=exc.strerror or str(exc)))
            return HTML(f"<p {_attrs(lang)}>✗ {reason}</p>")
        for target, label in ((grades_path, "dashboard.csv_grades"),
                              (summary_path, "dashboard.csv_download")):
            payload = base64.b64encode(target.read_bytes()).decode("ascii")
            links.append(f'<a download="{target.name}" href="data:text/csv;base64,{payload}">'
                         f"{escape(t(label, lang))}</a>")
        written = escape(t("dashboard.csv_written", lang, path="@PATH@")).replace(
            "@PATH@", isolate(str(folder), "en"))
        return HTML(f'<p {_attrs(lang)}>✓ {written} ' + " · ".join(links) + "</p>")

    def agreement(self) -> classroom.CodingAgreement:
        from kit.framing import reference_coding

        return classroom.coding_agreement(self.data, reference_coding())


def _objective(value: Any) -> int | None:
    """An objective index, or None for an item with no objective (NA, NaN or None)."""
    return None if _isna(value) else int(value)


def _isna(value: Any) -> bool:
    import pandas as pd

    return bool(pd.isna(value))


def _safe_label(label: Any, key: Any, lang: str) -> str:
    try:
        return label(key, lang) if isinstance(key, str) and key else "—"
    except Exception:
        return str(key)


class OpenScoring:
    """The teacher places each open answer on the three levels; every click is saved at once.

    Pick a question; each learner's answer is shown beside the rubric's levels and the
    learner's own level, with three buttons. Scores go to kit.teacher_scores (atomic, with a
    backup, earlier levels kept) and the agreement with self-placement is updated.
    """

    def __init__(self, board: Dashboard) -> None:
        import ipywidgets as widgets

        self.board, self.lang = board, board.lang
        table = board.open_table()
        self.table = table
        keys = list(dict.fromkeys(zip(table["lesson"], table["item"], strict=True)))
        self.question = widgets.Dropdown(
            options=[(board.question_label(lesson, item, 80), (lesson, item))
                     for lesson, item in keys],
            description=t("dashboard.col_item", self.lang),
            style={"description_width": "initial"},
            layout=widgets.Layout(width="100%", max_width="100%"))
        self.rubric = widgets.HTML()
        self.rows = widgets.VBox()
        self.status = widgets.HTML()
        self.buttons: dict[tuple[str, str, str], Any] = {}
        self.question.observe(lambda _c: self.render(), names="value")
        self.box = widgets.VBox([self.question, self.rubric, self.rows, self.status],
                                layout=widgets.Layout(width="100%", max_width="100%"))
        self.box.add_class("kit-item")
        if self.lang == "ar":
            self.box.add_class("kit-rtl")
        self.render()

    def render(self) -> None:
        import ipywidgets as widgets

        lang = self.lang
        self.buttons = {}
        if self.question.value is None:
            self.rubric.value = f"<p {_attrs(lang)}>{escape(t('dashboard.open_none', lang))}</p>"
            self.rows.children = ()
            self.status.value = ""
            return
        lesson, item_id = self.question.value
        item = self.board.items().get((lesson, item_id), {})
        levels = item.get("levels", {})
        described = "".join(
            f"<li><b>{escape(t(f'assessment.level.{k}', lang))}</b>: {escape(levels[k])}</li>"
            for k in ("beginning", "developing", "secure") if levels.get(k))
        prompt = escape(item.get("prompt", item_id))
        self.rubric.value = (f"<div {_attrs(lang)}><p><b>{prompt}</b></p>"
                             + (f"<ul>{described}</ul>" if described else "") + "</div>")
        scores = self.board.teacher_scores()
        rows = self.table[(self.table["lesson"] == lesson) & (self.table["item"] == item_id)]
        children = []
        for r in rows.itertuples():
            own = (t(f"assessment.level.{r.self_level}", lang) if isinstance(r.self_level, str)
                   else "—")
            text = widgets.HTML(
                f"<div {_attrs(lang)}><b>{isolate(r.learner)}</b> · "
                f"{escape(readable_time(r.time, lang))} · "
                f"{escape(t('dashboard.own_level', lang, level=own))}"
                f'<blockquote dir="auto" style="white-space:pre-wrap">{escape(r.answer)}'
                "</blockquote></div>")
            saved = (scores.get((r.key, lesson, item_id)) or {}).get("level")
            toggle = widgets.ToggleButtons(
                options=[(t(f"assessment.level.{k}", lang), k)
                         for k in ("beginning", "developing", "secure")],
                value=saved, description=t("dashboard.teacher_level", lang),
                style={"description_width": "initial"})
            toggle.observe(lambda change, r=r: self.save(r.key, r.learner, lesson, item_id,
                                                         change["new"]), names="value")
            self.buttons[(r.key, lesson, item_id)] = toggle
            children.append(widgets.VBox([text, toggle]))
        self.rows.children = tuple(children)
        self.status.value = f"<p {_attrs(lang)}>{escape(self.board.agreement_text())}</p>"

    def save(self, key: str, learner: str, lesson: str, item: str, level: str | None) -> None:
        from kit import teacher_scores

        if level is None:
            return
        try:
            teacher_scores.save_score(key, lesson, item, level, name=learner,
                                      path=self.board.scores_path)
        except (OSError, ValueError) as exc:
            self.status.value = (f"<p {_attrs(self.lang)}>✗ "
                                 f"{escape(t('dashboard.score_failed', self.lang, reason=exc))}"
                                 "</p>")
            return
        self.status.value = (f"<p {_attrs(self.lang)}>✓ "
                             f"{escape(t('dashboard.score_saved', self.lang, learner=learner))} "
                             f"{escape(self.board.agreement_text())}</p>")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


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
                 descending: bool = False, display: Any = None,
                 headers: dict[str, str] | None = None) -> None:
        import ipywidgets as widgets

        self.df, self.lang, self.display = df, lang, display
        self.headers = {c: (headers or {}).get(c) or header(c, lang) for c in df.columns}
        columns = list(df.columns)
        self.column = widgets.Dropdown(options=[(self.headers[c], c) for c in columns],
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
        self.box = widgets.VBox([widgets.HBox([self.column, self.order]), self.table],
                                layout=widgets.Layout(width="100%", max_width="100%"))
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
        df = df.rename(columns=self.headers)
        label = escape(t("dashboard.table_region", self.lang))
        # one style attribute: a second one would be ignored by the browser
        attrs = _attrs(self.lang).replace('style="', 'style="max-height:28em;overflow:auto;')
        if "style=" not in attrs:
            attrs += ' style="max-height:28em;overflow:auto"'
        self.table.value = (f'<div {attrs} tabindex="0" role="region" aria-label="{label}">'
                            + classroom.table_html(df) + "</div>")

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


def open_dashboard(folder: Path | str | None = None, *, demo: bool = False) -> Dashboard:
    """The dashboard for a folder of exports (KIT_CLASS_DIR or answers/exports by default).

    `demo=True` (or KIT_DASHBOARD_DEMO=1) opens the generated demo class instead.
    """
    return Dashboard(folder, demo=demo or os.environ.get("KIT_DASHBOARD_DEMO") == "1")
