"""How long a lesson (part) takes a learner: prose read at a cited rate, plus time per task.

``estimate("03_numbers", "ar")`` reads the lesson's notebook (notebooks/<lang>/) and its items
(data/lessons/<lang>/), and returns core and extension minutes with a breakdown per cell:

* prose: the words of every markdown cell, and the words a task shows (prompt, options, the
  feedback of one option, explanation, rubric levels and exemplar), at the reading rate for
  15-16-year-old readers in data/reading_rates.json (185 wpm English, 140 wpm Arabic);
* work: a time per task kind (choice, open, rating, coding, factcheck, highlight, rank,
  mislead, chart, table, …), each with its justification in the same file.

Core or extension: a cell tagged ``extension`` (cell metadata ``tags``) and every cell after a
cell tagged ``extension-start`` count as extension; so does an item whose data says
``"tier": "extension"`` (or ``"extension": true``). Everything else is core.

A lesson split into parts keeps one lesson id per part (each notebook calls ``kit.start`` with
its own id), or several notebooks start the same id: then each notebook is a part, listed in
``parts`` with its own figures.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import Any

from kit.paths import data_dir

_WORD = re.compile(r"[^\W_]+(?:[.,'’\u066b\u066c-][^\W_]+)*")
_TAG = re.compile(r"<[^>]+>")
_ASK = re.compile(r"""\.ask\(\s*["']([a-z0-9_]+)["']""")
_START = re.compile(r"""kit\.start\(\s*["']([^"']+)["']""")
_CHARTS = re.compile(r"\bcharts\.([a-z_]+)\(")
# New task kinds called directly from a cell: kit.highlight.task(...), kit.ranking.task(...), …
_TASKS = {"highlight": "highlight", "ranking": "rank", "mislead": "mislead"}
# Item kinds timed as the sum of kinds in data/reading_rates.json: lateral reading (kit.lateral) is
# finding and pasting an address in a new tab (article_input) plus writing what it says and
# judging it (open).
_COMPOSED = {"lateral": ("article_input", "open")}
_TASK_CALL = re.compile(r"\b(highlight|ranking|mislead)\.(?:\w*task|[A-Z][A-Za-z]+)\(")


@cache
def rates() -> dict[str, Any]:
    """data/reading_rates.json: reading rates and minutes per task kind, with sources."""
    return json.loads((data_dir() / "reading_rates.json").read_text(encoding="utf-8"))


def words(text: str) -> int:
    """Words a reader sees in a text (HTML tags and Markdown marks are not words)."""
    text = _TAG.sub(" ", text)
    text = re.sub(r"[#*_`>|\[\]()]", " ", text)
    return len(_WORD.findall(text))


def reading_minutes(n_words: int, lang: str) -> float:
    return n_words / rates()["reading_wpm"][lang]["wpm"]


def item_minutes(kind: str) -> float:
    return float(rates()["item_minutes"][kind]["minutes"])


def _notebooks_dir() -> Path:
    return data_dir().parent / "notebooks"


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def _tags(cell: dict) -> list[str]:
    return list(cell.get("metadata", {}).get("tags", []) or [])


def _item_words(item: dict[str, Any]) -> int:
    """Words a task shows: prompt, options, one option's feedback, explanation, rubric, exemplar."""
    n = words(item.get("prompt", ""))
    choices = item.get("choices", [])
    if choices:
        n += sum(words(c["text"]) for c in choices)
        n += round(sum(words(c.get("feedback", "")) for c in choices) / len(choices))
    n += sum(words(o["text"]) for o in item.get("options", []))
    n += sum(words(label) for label in item.get("labels", []))
    n += words(item.get("explanation", ""))
    n += sum(words(v) for v in item.get("levels", {}).values())
    n += sum(words(r) for r in item.get("rubric", []))
    n += words(item.get("exemplar", ""))
    return n


def _is_extension_item(item: dict[str, Any]) -> bool:
    return item.get("tier") == "extension" or item.get("extension") is True


def _article_words() -> int:
    from kit.article import load_article

    return words(load_article().text)


def _code_rows(source: str, items: dict[str, dict], lang: str,
               lesson: dict[str, Any] | None) -> list[dict[str, Any]]:
    """(what, kind, words, work minutes, extension item?) for one code cell's calls."""
    rows: list[dict[str, Any]] = []
    if lesson is not None and _START.search(source):
        header = words(lesson.get("title", "")) + sum(words(o) for o in lesson["objectives"])
        rows.append({"what": "header", "kind": "prose", "words": header, "work": 0.0})
    for item_id in _ASK.findall(source):
        item = items.get(item_id)
        if item is None:
            rows.append({"what": item_id, "kind": "missing", "words": 0, "work": 0.0})
            continue
        kind = item["kind"]
        if kind in _COMPOSED:
            work = sum(item_minutes(k) for k in _COMPOSED[kind])
        else:
            work = item_minutes(kind) if kind in rates()["item_minutes"] else 0.5
        n = _item_words(item)
        if kind == "coding":
            paragraphs = len(item.get("paragraphs", []))
            work = paragraphs * item_minutes("coding") + item_minutes("table")
            n += 14 * paragraphs  # the excerpt shown beside each menu
        rows.append({"what": item_id, "kind": kind, "words": n, "work": work,
                     "extension": _is_extension_item(item)})
    for name in _CHARTS.findall(source):
        kind = "table" if name.endswith("_table") else "chart"
        rows.append({"what": f"charts.{name}", "kind": kind, "words": 0,
                     "work": item_minutes(kind)})
    for module in _TASK_CALL.findall(source):
        kind = _TASKS[module]
        rows.append({"what": f"{module} task", "kind": kind, "words": 0,
                     "work": item_minutes(kind)})
    if re.search(r"\barticle\.show\(\s*\)", source):
        rows.append({"what": "article", "kind": "prose", "words": _article_words(), "work": 0.0})
    elif re.search(r"\barticle\.show\(", source):
        rows.append({"what": "article (marked)", "kind": "article_scan", "words": 0,
                     "work": item_minutes("article_scan")})
    if "article.about(" in source:
        rows.append({"what": "article.about", "kind": "table", "words": 0,
                     "work": item_minutes("table")})
    if "article_input(" in source:
        rows.append({"what": "article_input", "kind": "article_input", "words": 0,
                     "work": item_minutes("article_input")})
    for what in re.findall(r"""\bbox\.show\(\s*["']([a-z_]+)["']""", source):
        rows.append({"what": f"box.show({what})", "kind": "chart", "words": 0,
                     "work": item_minutes("chart")})
    if lesson is not None and ".recap(" in source:
        rows.append({"what": "recap", "kind": "prose",
                     "words": sum(words(r) for r in lesson["recap"]), "work": 0.0})
    return rows


def estimate_notebook(notebook: dict[str, Any] | str | Path, lang: str,
                      lesson: dict[str, Any] | None = None) -> dict[str, Any]:
    """Minutes for one notebook (a dict or a path) with the lesson data it calls."""
    if not isinstance(notebook, dict):
        notebook = json.loads(Path(notebook).read_text(encoding="utf-8"))
    items = {i["id"]: i for i in (lesson or {}).get("items", [])}
    breakdown: list[dict[str, Any]] = []
    in_extension = False
    for index, cell in enumerate(notebook.get("cells", [])):
        tags = _tags(cell)
        if "extension-start" in tags:
            in_extension = True
        if "core-start" in tags:
            in_extension = False
        cell_ext = in_extension or "extension" in tags
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            rows = [{"what": "markdown", "kind": "prose", "words": words(source), "work": 0.0}]
        elif cell.get("cell_type") == "code":
            rows = _code_rows(source, items, lang, lesson)
        else:
            rows = []
        for row in rows:
            row["cell"] = index
            row["extension"] = bool(cell_ext or row.get("extension"))
            row["minutes"] = round(reading_minutes(row["words"], lang) + row["work"], 2)
            breakdown.append(row)
    core = [r for r in breakdown if not r["extension"]]
    ext = [r for r in breakdown if r["extension"]]

    def total(rows: list[dict[str, Any]], key: str = "minutes") -> float:
        return round(sum(r[key] for r in rows), 1)

    prose_words = sum(r["words"] for r in core)
    return {
        "lang": lang,
        "core_minutes": total(core),
        "extension_minutes": total(ext),
        "core_reading_minutes": round(reading_minutes(prose_words, lang), 1),
        "core_work_minutes": total(core, "work"),
        "core_words": prose_words,
        "wpm": rates()["reading_wpm"][lang]["wpm"],
        "tasks": _count_kinds(core),
        "breakdown": breakdown,
    }


def _count_kinds(rows: list[dict[str, Any]]) -> dict[str, int]:
    out: dict[str, int] = {}
    for r in rows:
        if r["kind"] not in ("prose", "missing"):
            out[r["kind"]] = out.get(r["kind"], 0) + 1
    return out


def notebooks_for(lesson_id: str, lang: str, folder: Path | None = None) -> list[Path]:
    """The notebooks of an edition that start this lesson (one, or several parts)."""
    folder = folder or _notebooks_dir() / lang
    found = []
    for path in sorted(folder.glob("*.ipynb")):
        nb = json.loads(path.read_text(encoding="utf-8"))
        for cell in nb.get("cells", []):
            m = _START.search(_source(cell)) if cell.get("cell_type") == "code" else None
            if m and m.group(1) == lesson_id:
                found.append(path)
                break
    return found


def estimate(lesson_id: str, lang: str, notebooks: list[Path] | None = None) -> dict[str, Any]:
    """Core and extension minutes of a lesson in one edition, with a breakdown.

    Returns ``{"lesson", "lang", "core_minutes", "extension_minutes", "core_reading_minutes",
    "core_work_minutes", "core_words", "wpm", "tasks", "breakdown", "parts"}``; ``parts`` has
    one entry per notebook (``notebook`` and the same figures) when a lesson has several.
    """
    from kit.lesson import load_lesson

    lesson = load_lesson(lesson_id, lang)
    paths = notebooks if notebooks is not None else notebooks_for(lesson_id, lang)
    if not paths:
        raise FileNotFoundError(f"no notebook in notebooks/{lang}/ starts lesson {lesson_id!r}")
    parts = []
    for path in paths:
        part = estimate_notebook(path, lang, lesson)
        part["notebook"] = Path(path).name
        parts.append(part)
    if len(parts) == 1:
        return {"lesson": lesson_id, **parts[0], "parts": parts}
    merged = {
        "lesson": lesson_id, "lang": lang,
        "core_minutes": round(sum(p["core_minutes"] for p in parts), 1),
        "extension_minutes": round(sum(p["extension_minutes"] for p in parts), 1),
        "core_reading_minutes": round(sum(p["core_reading_minutes"] for p in parts), 1),
        "core_work_minutes": round(sum(p["core_work_minutes"] for p in parts), 1),
        "core_words": sum(p["core_words"] for p in parts),
        "wpm": parts[0]["wpm"],
        "tasks": {},
        "breakdown": [dict(r, notebook=p["notebook"]) for p in parts for r in p["breakdown"]],
        "parts": parts,
    }
    for p in parts:
        for k, v in p["tasks"].items():
            merged["tasks"][k] = merged["tasks"].get(k, 0) + v
    return merged


def table(langs: tuple[str, ...] = ("ar", "en"), limit: float = 30.0) -> str:
    """A plain-text table of every lesson (part) in both editions; '!' marks core > limit."""
    from kit.lesson import lesson_ids

    lines = [f"{'lesson':<18} {'lang':<4} {'part':<22} {'core':>6} {'read':>6} {'work':>6} "
             f"{'ext':>5} {'words':>6}  tasks"]
    for lang in langs:
        for lesson_id in lesson_ids(lang):
            try:
                est = estimate(lesson_id, lang)
            except FileNotFoundError:
                continue
            for p in est["parts"]:
                flag = " !" if p["core_minutes"] > limit else ""
                kinds = ", ".join(f"{k} {v}" for k, v in sorted(p["tasks"].items()))
                lines.append(
                    f"{lesson_id:<18} {lang:<4} {p['notebook']:<22} {p['core_minutes']:>6.1f} "
                    f"{p['core_reading_minutes']:>6.1f} {p['core_work_minutes']:>6.1f} "
                    f"{p['extension_minutes']:>5.1f} {p['core_words']:>6}  {kinds}{flag}")
    return "\n".join(lines)
