"""The teacher's dashboard: read a folder of learners' exports and summarise the class.

Files are only parsed as JSON, never executed; each bad file is reported with a reason in the
teacher's language, and the good ones are still used.
"""

from __future__ import annotations

import json
import math
import os
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from kit.framing import cohen_kappa
from kit.i18n import t
from kit.progress import EXPORT_FORMAT, EXPORT_SCHEMA_VERSION
from kit.text import escape

MAX_FILE_BYTES = 5 * 1024 * 1024
COLUMNS = ["learner", "lesson", "item", "kind", "answer", "correct", "time", "language", "file"]
_HEADER_KEYS = {
    "format",
    "schema_version",
    "learner",
    "kit_version",
    "language",
    "exported_at",
    "answers",
}
_ANSWER_KEYS = {"lesson", "item", "kind", "answer", "correct", "time"}
_TEXT_KINDS = ("open", "text")


@dataclass
class ClassData:
    """A class's answers as one tidy table, plus the files that could not be used and why."""

    answers: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)


@dataclass
class CodingAgreement:
    """How closely learners' frame coding matches the reference (Cohen) and each other (Fleiss)."""

    learners: pd.DataFrame  # learner, n, agreement (share equal to reference), kappa
    fleiss: float  # across the class; NaN when fewer than two learners coded a paragraph
    paragraphs: int  # paragraphs coded by at least two learners (used for Fleiss' kappa)


# ---------------------------------------------------------------- reading files


def _is_answer_value(value: Any, depth: int = 0) -> bool:
    if value is None or isinstance(value, str | bool | int):
        return True
    if isinstance(value, float):
        return math.isfinite(value)
    if depth > 20:
        return False
    if isinstance(value, list):
        return all(_is_answer_value(v, depth + 1) for v in value)
    if isinstance(value, dict):
        return all(_is_answer_value(v, depth + 1) for v in value.values())
    return False


def _is_export(doc: Any) -> bool:
    """Fast check of data/schemas/export.schema.json (jsonschema is ~50x slower per file).

    Only decides valid/invalid; jsonschema then names the field for an invalid file, and a
    test checks both agree.
    """
    if not isinstance(doc, dict) or set(doc) != _HEADER_KEYS:
        return False
    version = doc["schema_version"]  # JSON Schema: 1.0 equals 1, true does not
    if doc["format"] != EXPORT_FORMAT or isinstance(version, bool) or version != 1:
        return False
    if doc["language"] not in ("ar", "en"):
        return False
    learner, version, when = doc["learner"], doc["kit_version"], doc["exported_at"]
    if not (isinstance(learner, str) and 1 <= len(learner) <= 80):
        return False
    if not (isinstance(version, str) and version and isinstance(when, str) and len(when) >= 20):
        return False
    if not isinstance(doc["answers"], list):
        return False
    for row in doc["answers"]:
        if not isinstance(row, dict) or set(row) != _ANSWER_KEYS:
            return False
        lesson, item, kind, time = row["lesson"], row["item"], row["kind"], row["time"]
        if not (isinstance(lesson, str) and lesson and isinstance(item, str) and item):
            return False
        if not (kind is None or isinstance(kind, str)):
            return False
        if not (row["correct"] is None or isinstance(row["correct"], bool)):
            return False
        if not (isinstance(time, str) and len(time) >= 20):
            return False
        if not _is_answer_value(row["answer"]):
            return False
    return True


def _schema_problem(doc: Any) -> str:
    """The teacher-facing reason an export-looking JSON document was refused."""
    if isinstance(doc, dict) and doc.get("schema") == 1 and "answers" in doc:
        return t("classroom.store_file")
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        return t("classroom.wrong_format")
    version = doc.get("schema_version")
    if isinstance(version, int) and version > EXPORT_SCHEMA_VERSION:
        return t("classroom.newer_version", version=version)
    import jsonschema

    from kit.datasets import _schema

    validator = jsonschema.Draft202012Validator(_schema("export"))
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    where = "/".join(str(p) for p in errors[0].absolute_path) if errors else ""
    return t("classroom.wrong_schema", where=where or "—")


def _read_export(path: Path) -> tuple[dict | None, str | None]:
    """(export, None) or (None, reason); reads at most MAX_FILE_BYTES + 1 bytes."""
    if path.suffix.lower() != ".json":
        return None, t("classroom.foreign")
    if not path.is_file():  # a pipe or device would block or never end
        return None, t("classroom.unreadable", reason="not a regular file")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, t("classroom.unreadable", reason=exc.strerror or type(exc).__name__)
    if len(raw) > MAX_FILE_BYTES:
        return None, t("classroom.too_big", mb=MAX_FILE_BYTES // (1024 * 1024))
    if b"\x00" in raw:
        return None, t("classroom.binary")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, t("classroom.binary")
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return None, t("classroom.malformed", line=exc.lineno, column=exc.colno)
    except (ValueError, RecursionError):
        return None, t("classroom.malformed", line="?", column="?")
    if not _is_export(doc):
        return None, _schema_problem(doc)
    return doc, None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _files(folder: Path) -> list[Path]:
    """Every file under folder, skipping hidden ones (.DS_Store, .ipynb_checkpoints)."""
    found = []
    for root, dirs, names in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, n) for n in sorted(names) if not n.startswith("."))
    return found


def _when(doc: dict) -> datetime:
    """exported_at as naive UTC, so exports written in different time zones compare."""
    try:
        when = datetime.fromisoformat(doc["exported_at"])
    except ValueError:
        return datetime.min
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def load_class(folder: str | Path) -> ClassData:
    """Read every export under folder into one table; list the files not used, with reasons.

    When a learner exported more than once, the newest export is used and the others listed.
    """
    folder = Path(folder)
    problems: list[tuple[str, str]] = []
    newest: dict[str, tuple[dict, str]] = {}
    for path in _files(folder):
        name = path.relative_to(folder).as_posix()
        doc, reason = _read_export(path)
        if doc is None:
            problems.append((name, reason))
            continue
        key = doc["learner"].strip()
        if key in newest:
            other_doc, other_name = newest[key]
            if (_when(other_doc), other_name) > (_when(doc), name):  # keep the newer one
                doc, name, other_doc, other_name = other_doc, other_name, doc, name
            problems.append((other_name, t("classroom.duplicate", learner=key, newer=name)))
        newest[key] = (doc, name)
    columns: dict[str, list] = {c: [] for c in COLUMNS}
    for doc, name in newest.values():
        for row in doc["answers"]:
            answer = row["answer"]
            columns["learner"].append(doc["learner"])
            columns["lesson"].append(row["lesson"])
            columns["item"].append(row["item"])
            columns["kind"].append(row["kind"])
            columns["answer"].append(
                answer
                if isinstance(answer, str)
                else json.dumps(answer, ensure_ascii=False, sort_keys=True)
            )
            columns["correct"].append(row["correct"])
            columns["time"].append(row["time"])
            columns["language"].append(doc["language"])
            columns["file"].append(name)
    frame = pd.DataFrame(
        {
            c: pd.Series(columns[c], dtype="string")
            for c in ("learner", "lesson", "item", "kind", "answer")
        }
    )
    frame["correct"] = pd.array(columns["correct"], dtype="boolean")
    frame["time"] = pd.to_datetime(
        pd.Series(columns["time"], dtype=object), utc=True, format="ISO8601", errors="coerce"
    )
    frame["language"] = pd.Series(columns["language"], dtype="string")
    frame["file"] = pd.Series(columns["file"], dtype="string")
    return ClassData(answers=frame, problems=problems)


# ---------------------------------------------------------------- aggregations


def completion(data: ClassData) -> pd.DataFrame:
    """Per learner × lesson, how many items have a non-blank answer (0 where none)."""
    df = data.answers
    learners = sorted(df["learner"].unique())
    lessons = sorted(df["lesson"].unique())
    given = df[df["answer"].str.strip() != ""]
    counts = given.groupby(["learner", "lesson"]).size()
    grid = pd.MultiIndex.from_product([learners, lessons], names=["learner", "lesson"])
    out = counts.reindex(grid, fill_value=0).rename("answered").reset_index()
    out["answered"] = out["answered"].astype("int64")
    return out


def scores(data: ClassData) -> pd.DataFrame:
    """Per item with a right answer: answers checked (n), how many correct, and the share."""
    df = data.answers[data.answers["correct"].notna()]
    out = df.groupby(["lesson", "item"])["correct"].agg(n="count", n_correct="sum").reset_index()
    out["n"] = out["n"].astype("int64")
    out["n_correct"] = out["n_correct"].astype("int64")
    out["share"] = out["n_correct"] / out["n"]
    return out


def common_wrong(
    data: ClassData,
    lesson_items: Mapping[Any, Mapping[str, str]] | None = None,
    top: int = 3,
) -> pd.DataFrame:
    """The most common wrong choices per choice item, with counts (and the kit's feedback).

    `lesson_items` maps (lesson, item) — or just item — to {choice id: feedback text}.
    """
    df = data.answers
    wrong = df[(df["kind"] == "choice") & ~df["correct"].fillna(True)]
    out = wrong.groupby(["lesson", "item", "answer"]).size().rename("count").reset_index()
    out = out.sort_values(
        ["lesson", "item", "count", "answer"], ascending=[True, True, False, True]
    )
    out = out.groupby(["lesson", "item"]).head(top).reset_index(drop=True)
    if lesson_items is not None:

        def feedback(row: pd.Series) -> str | None:
            choices = (
                lesson_items.get((row["lesson"], row["item"]))
                or lesson_items.get(row["item"])
                or {}
            )
            return choices.get(row["answer"])

        out["feedback"] = out.apply(feedback, axis=1) if len(out) else pd.Series(dtype=object)
    return out


def trust_ratings(
    data: ClassData,
    first: tuple[str, str] = ("00_start_here", "trust_1"),
    second: tuple[str, str] = ("06_synthesis", "trust_2"),
) -> pd.DataFrame:
    """Each learner's trust rating before and after the lessons, and the change."""
    df = data.answers
    out = pd.DataFrame({"learner": sorted(df["learner"].unique())})
    for column, (lesson, item) in (("first", first), ("second", second)):
        rows = df[(df["lesson"] == lesson) & (df["item"] == item)]
        values = pd.to_numeric(rows["answer"], errors="coerce")
        out[column] = out["learner"].map(dict(zip(rows["learner"], values, strict=True)))
    out = out.dropna(subset=["first", "second"], how="all").reset_index(drop=True)
    out["change"] = out["second"] - out["first"]
    return out


def open_responses(data: ClassData) -> pd.DataFrame:
    """Every non-blank free-text answer, by lesson and item, for the teacher to read."""
    df = data.answers
    text = df[df["kind"].isin(_TEXT_KINDS) & (df["answer"].str.strip() != "")]
    columns = ["lesson", "item", "learner", "answer", "time"]
    return text[columns].sort_values(["lesson", "item", "learner"]).reset_index(drop=True)


# ---------------------------------------------------------------- coding agreement


def _fleiss_kappa(table: Sequence[Sequence[int]]) -> float:
    """Fleiss' κ from a subjects × categories table of rater counts, raters per subject ≥ 2.

    kit.framing.fleiss_kappa needs the same number of raters on every row, but learners skip
    paragraphs; this averages per-subject agreement over unequal rows and equals Fleiss' 1971
    formula when the rows are equal (the Wikipedia example gives 0.210).
    """
    rows = [r for r in table if sum(r) >= 2]
    if not rows:
        return math.nan
    total = sum(sum(r) for r in rows)
    agreement = [(sum(c * c for c in r) - sum(r)) / (sum(r) * (sum(r) - 1)) for r in rows]
    p_bar = sum(agreement) / len(rows)
    p_e = sum((sum(r[j] for r in rows) / total) ** 2 for j in range(len(rows[0])))
    return math.nan if p_e == 1 else (p_bar - p_e) / (1 - p_e)


def coding_agreement(
    data: ClassData,
    reference: Mapping[int, str],
    lesson: str = "04_framing",
    item_prefix: str = "code_p",
) -> CodingAgreement:
    """Cohen's κ of each learner's frame coding against the reference, Fleiss' κ for the class.

    Learner coding of paragraph N is the item f"{item_prefix}{N}" with the frame id as answer.
    """
    df = data.answers
    reference = {int(k): v for k, v in reference.items()}  # JSON files give "3", not 3
    pattern = re.compile(re.escape(item_prefix) + r"(\d+)")
    rows = df[(df["lesson"] == lesson) & df["item"].str.fullmatch(pattern.pattern)]
    coded: dict[str, dict[int, str]] = {}
    for learner, item, answer in zip(rows["learner"], rows["item"], rows["answer"], strict=True):
        coded.setdefault(learner, {})[int(pattern.fullmatch(item).group(1))] = answer
    records = []
    for learner in sorted(coded):
        paras = sorted(p for p in coded[learner] if p in reference)
        mine = [coded[learner][p] for p in paras]
        ref = [reference[p] for p in paras]
        agree = (
            sum(x == y for x, y in zip(mine, ref, strict=True)) / len(paras) if paras else math.nan
        )
        records.append((learner, len(paras), agree, cohen_kappa(mine, ref) if paras else math.nan))
    learners = pd.DataFrame(records, columns=["learner", "n", "agreement", "kappa"])
    by_paragraph: dict[int, Counter] = {}
    for answers in coded.values():
        for para, frame in answers.items():
            by_paragraph.setdefault(para, Counter())[frame] += 1
    categories = sorted({f for c in by_paragraph.values() for f in c} | set(reference.values()))
    table = [[by_paragraph[p][c] for c in categories] for p in sorted(by_paragraph)]
    used = sum(1 for r in table if sum(r) >= 2)
    return CodingAgreement(learners=learners, fleiss=_fleiss_kappa(table), paragraphs=used)


# ---------------------------------------------------------------- output


def _csv_safe(value: Any) -> Any:
    """Text a spreadsheet would run as a formula (=, +, -, @) gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


def summary_csv(data: ClassData, path: str | Path) -> Path:
    """Write one row per learner (answers, scored, correct, share, last activity) as CSV.

    UTF-8 with a byte-order mark, so spreadsheet programs show Arabic names correctly.
    """
    df = data.answers
    scored = df[df["correct"].notna()]
    out = pd.DataFrame({"learner": sorted(df["learner"].unique())})
    given = df[df["answer"].str.strip() != ""]
    out["language"] = out["learner"].map(df.groupby("learner")["language"].last())
    out["lessons"] = out["learner"].map(given.groupby("learner")["lesson"].nunique()).fillna(0)
    out["answered"] = out["learner"].map(given.groupby("learner").size()).fillna(0)
    out["scored"] = out["learner"].map(scored.groupby("learner").size()).fillna(0)
    out["correct"] = out["learner"].map(scored.groupby("learner")["correct"].sum()).fillna(0)
    for column in ("lessons", "answered", "scored", "correct"):
        out[column] = out[column].astype("int64")
    out["share"] = (out["correct"] / out["scored"].where(out["scored"] > 0)).round(3)
    out["last_time"] = out["learner"].map(df.groupby("learner")["time"].max())
    out["learner"] = out["learner"].map(_csv_safe)
    path = Path(path)
    out.to_csv(path, index=False, encoding="utf-8-sig")
    return path


def table_html(df: pd.DataFrame) -> str:
    """An HTML table of df with every header and cell escaped (learner text is never markup)."""

    def cell(value: Any) -> str:
        if value is None or (not isinstance(value, list | dict) and pd.isna(value)):
            return ""
        return escape(str(value))

    head = "".join(f'<th dir="auto">{cell(c)}</th>' for c in df.columns)
    body = "".join(
        "<tr>" + "".join(f'<td dir="auto">{cell(v)}</td>' for v in row) + "</tr>"
        for row in df.itertuples(index=False, name=None)
    )
    return f'<table class="kit-table"><thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>'
