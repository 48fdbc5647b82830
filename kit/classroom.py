"""The teacher's dashboard: read a folder of learners' exports and summarise the class.

Files are only parsed as JSON, never executed; each bad file is reported with a reason in the
teacher's language, and the good ones are still used. Exports of schema version 2 (learner id,
every attempt) and version 1 (name only, last answer only) are both read; a version-1 answer has
no known first attempt or number of tries (NA in those columns).
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
from kit.i18n import readable_time, t
from kit.progress import EXPORT_FORMAT, EXPORT_VERSION
from kit.text import escape

MAX_FILE_BYTES = 5 * 1024 * 1024
MAX_DEPTH = 6  # folders below the class folder that are read (a hub collection uses 2-3)
MAX_FILES = 20_000  # files looked at in one class folder
COLUMNS = [
    "learner", "lesson", "item", "kind", "answer", "correct", "time", "language", "file",
    "learner_id", "first_answer", "first_correct", "tries", "status", "self_level",
    "key", "name", "export_correct", "exported_at", "first_score",
]
ATTEMPT_COLUMNS = ["learner", "learner_id", "lesson", "item", "kind", "n", "answer", "correct",
                   "time", "draft", "revision"]
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
_HEADER_KEYS_V2 = _HEADER_KEYS | {"learner_id"}
_ANSWER_KEYS_V2 = _ANSWER_KEYS | {"first", "tries", "attempts"}
_ANSWER_OPTIONAL_V2 = {"status", "self_level", "exemplar_seen", "revisions"}
_LEVELS = ("beginning", "developing", "secure")
MAX_ATTEMPTS = 200
_TEXT_KINDS = ("open", "text")


@dataclass
class ClassData:
    """A class's answers as one tidy table, plus the files that could not be used and why.

    `correct` and `first_correct` are computed from the lesson data (AnswerKey), never taken
    from the export; what the file claimed is kept in `export_correct` for comparison.
    """

    answers: pd.DataFrame
    problems: list[tuple[str, str]] = field(default_factory=list)
    attempts: pd.DataFrame | None = None  # one row per attempt (version-2 exports only)
    demo: bool = False  # a generated demo class, never a real one
    folder: Path | None = None
    files: int = 0  # export files used (one per learner)


@dataclass(frozen=True)
class AnswerKey:
    """What counts as right, from the lesson data: correct choice ids, reference codes, and the
    references of the tasks with partial credit (`graded`, see score()).

    Items not in the key (lesson 07's generated worksheet items, ratings, open answers,
    lateral reading, sentence rewrites, a partner's naming) are not scored: their `correct` is
    NA whatever the export says.
    """

    choices: Mapping[tuple[str, str], frozenset[str]]
    coding: Mapping[tuple[str, str], str] = field(default_factory=dict)
    graded: Mapping[tuple[str, str], dict[str, Any]] = field(default_factory=dict)

    def scored(self, lesson: str, item: str) -> bool:
        return ((lesson, item) in self.choices or (lesson, item) in self.coding
                or (lesson, item) in self.graded)

    def score(self, lesson: str, item: str, answer: Any) -> float | None:
        """The credit of an answer, 0–1, re-computed from the lesson data (None: not scored).

        Choice and coding: 1 or 0. Highlight: the word-level F1 of the selection against the
        kit's spans. Rank: the agreement the learner was shown, (Kendall's tau + 1) / 2.
        Make-it-mislead chart: 1 when the chart, measured again, uses a misleading technique.
        An answer that is not of the task's shape (hand-edited) earns 0.
        """
        spec = self.graded.get((lesson, item))
        if spec is None:
            right = self.correct(lesson, item, answer)
            return None if right is None else float(right)
        try:
            return _GRADERS[spec["kind"]](spec, answer)
        except (TypeError, ValueError, KeyError, AttributeError, OverflowError):
            return 0.0

    def correct(self, lesson: str, item: str, answer: Any) -> bool | None:
        right = self.choices.get((lesson, item))
        if right is not None:
            return isinstance(answer, str) and answer in right
        ref = self.coding.get((lesson, item))
        if ref is not None:
            return isinstance(answer, str) and answer == ref
        spec = self.graded.get((lesson, item))
        if spec is not None:
            return self.score(lesson, item, answer) >= spec["pass"]
        return None


MAX_GRADED_PARTS = 2000  # spans of a highlight or items of an order read from one answer


def _grade_highlight(spec: dict[str, Any], answer: Any) -> float:
    from kit import highlight

    spans = answer["spans"]
    if not isinstance(spans, list) or len(spans) > MAX_GRADED_PARTS:
        return 0.0
    pairs = [[int(a), int(b)] for a, b in spans
             if not isinstance(a, bool) and not isinstance(b, bool)]
    chosen = highlight.selected_from_spans(pairs, spec["toks"])
    if not chosen:
        return 0.0
    return float(highlight.grade(chosen, spec["reference"], spec["toks"])["f1"])


def _grade_rank(spec: dict[str, Any], answer: Any) -> float:
    from kit import ranking

    order = answer["order"]
    if (not isinstance(order, list) or len(order) > MAX_GRADED_PARTS
            or not all(isinstance(k, str) for k in order)
            or sorted(order) != sorted(spec["ids"])):
        return 0.0
    return (ranking.kendall_tau(order, spec["reference"]) + 1) / 2


def _grade_mislead_chart(spec: dict[str, Any], answer: Any) -> float:
    from kit import mislead

    bars = answer["bars"]
    start, scale = answer["start"], answer["scale"]
    if (not isinstance(bars, list) or not all(b in mislead.BAR_IDS for b in bars)
            or start not in mislead.AXIS_STARTS or isinstance(start, bool)
            or scale not in mislead.SCALES):
        return 0.0
    result = mislead.measure(sorted(set(bars)), start, scale)
    return float("error" not in result and bool(result["techniques"]))


_GRADERS = {"highlight": _grade_highlight, "rank": _grade_rank,
            "mislead_chart": _grade_mislead_chart}


def _graded_spec(lesson: str, item: dict[str, Any]) -> dict[str, Any] | None:
    """What score() needs for one highlight, rank or make-it-mislead chart item."""
    kind = item["kind"]
    if kind == "highlight":
        from kit import highlight

        paragraphs = item.get("paragraphs")
        toks = highlight.tokens(paragraphs)
        reference = item.get("spans") or highlight.reference_spans(item["category"], paragraphs)
        return {"kind": "highlight", "toks": toks, "reference": reference,
                "pass": highlight.PASS_F1}
    if kind == "rank":
        from kit import ranking

        reference = (ranking.claims_reference(item["claims"]) if "claims" in item
                     else item["reference"])
        ids = sorted(ranking.reference_places(reference))
        return {"kind": "rank", "reference": reference, "ids": ids, "pass": 1.0}
    if kind == "mislead" and item.get("form") == "chart":
        return {"kind": "mislead_chart", "pass": 1.0}
    return None


_KEYS: dict[str, AnswerKey] = {}


def lesson_key(lang: str) -> AnswerKey:
    """The answer key of the kit's lessons in one language (choice items and frame coding)."""
    if lang not in _KEYS:
        from kit.framing import reference_coding
        from kit.lesson import lesson_ids, load_lesson

        choices: dict[tuple[str, str], frozenset[str]] = {}
        coding: dict[tuple[str, str], str] = {}
        graded: dict[tuple[str, str], dict[str, Any]] = {}
        try:  # the key in either form, plain or hashed (kit.lesson decides)
            from kit.lesson import choice_is_correct
        except ImportError:  # a kit without hashed keys: the plain form only
            def choice_is_correct(_lesson: str, item: dict, choice_id: object) -> bool:
                return any(c["id"] == choice_id and c.get("correct") for c in item["choices"])

        for lesson in lesson_ids(lang):
            for item in load_lesson(lesson, lang)["items"]:
                if item["kind"] == "choice":
                    choices[(lesson, item["id"])] = frozenset(
                        c["id"] for c in item["choices"]
                        if choice_is_correct(lesson, item, c["id"]))
                elif item["kind"] == "coding":
                    for para, frame in reference_coding().items():
                        coding[(lesson, f"code_p{para}")] = frame
                else:
                    spec = _graded_spec(lesson, item)
                    if spec is not None:
                        graded[(lesson, item["id"])] = spec
        _KEYS[lang] = AnswerKey(choices, coding, graded)
    return _KEYS[lang]


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


def _is_time(value: Any) -> bool:
    return isinstance(value, str) and len(value) >= 20


def _is_attempt(value: Any) -> bool:
    if not isinstance(value, dict) or not {"answer", "time", "correct"} <= set(value):
        return False
    if not set(value) <= {"answer", "time", "correct", "draft", "revision"}:
        return False
    if any(flag in value and value[flag] is not True for flag in ("draft", "revision")):
        return False
    correct = value["correct"]
    return (_is_time(value["time"]) and (correct is None or isinstance(correct, bool))
            and _is_answer_value(value["answer"]))


def _is_row_v2_extra(row: dict) -> bool:
    """The version-2 fields of one answer (first, tries, attempts and the optional ones)."""
    tries = row["tries"]
    if isinstance(tries, bool) or not isinstance(tries, int) or tries < 1:
        return False
    attempts = row["attempts"]
    if not isinstance(attempts, list) or not 1 <= len(attempts) <= MAX_ATTEMPTS:
        return False
    if not _is_attempt(row["first"]) or not all(_is_attempt(a) for a in attempts):
        return False
    if "status" in row and row["status"] not in ("draft", "submitted"):
        return False
    if "self_level" in row and row["self_level"] not in _LEVELS:
        return False
    if "exemplar_seen" in row and not _is_time(row["exemplar_seen"]):
        return False
    if "revisions" in row:
        revisions = row["revisions"]
        if not isinstance(revisions, list):
            return False
        for r in revisions:
            if not (isinstance(r, dict) and set(r) == {"answer", "time"} and _is_time(r["time"])
                    and _is_answer_value(r["answer"])):
                return False
    return True


def _is_export(doc: Any) -> bool:
    """Fast check of data/schemas/export.schema.json (jsonschema is ~50x slower per file).

    Only decides valid/invalid; jsonschema then names the field for an invalid file, and a
    test checks both agree.
    """
    if not isinstance(doc, dict):
        return False
    version = doc.get("schema_version")  # JSON Schema: 1.0 equals 1, true does not
    if isinstance(version, bool) or version not in (1, 2):
        return False
    v2 = version == 2
    if set(doc) != (_HEADER_KEYS_V2 if v2 else _HEADER_KEYS):
        return False
    if doc["format"] != EXPORT_FORMAT or doc["language"] not in ("ar", "en"):
        return False
    learner, kit_version, when = doc["learner"], doc["kit_version"], doc["exported_at"]
    if not (isinstance(learner, str) and 1 <= len(learner) <= 80):
        return False
    if v2 and not (isinstance(doc["learner_id"], str) and 1 <= len(doc["learner_id"]) <= 200):
        return False
    if not (isinstance(kit_version, str) and kit_version and _is_time(when)):
        return False
    if not isinstance(doc["answers"], list):
        return False
    for row in doc["answers"]:
        if not isinstance(row, dict):
            return False
        keys = set(row)
        if v2:
            if not (_ANSWER_KEYS_V2 <= keys <= _ANSWER_KEYS_V2 | _ANSWER_OPTIONAL_V2):
                return False
        elif keys != _ANSWER_KEYS:
            return False
        lesson, item, kind = row["lesson"], row["item"], row["kind"]
        if not (isinstance(lesson, str) and lesson and isinstance(item, str) and item):
            return False
        if not (kind is None or isinstance(kind, str)):
            return False
        if not (row["correct"] is None or isinstance(row["correct"], bool)):
            return False
        if not _is_time(row["time"]) or not _is_answer_value(row["answer"]):
            return False
        if v2 and not _is_row_v2_extra(row):
            return False
    return True


def _schema_problem(doc: Any, lang: str | None = None) -> str:
    """The teacher-facing reason an export-looking JSON document was refused."""
    if isinstance(doc, dict) and doc.get("schema") == 1 and "answers" in doc:
        return t("classroom.store_file", lang)
    if not isinstance(doc, dict) or doc.get("format") != EXPORT_FORMAT:
        return t("classroom.wrong_format", lang)
    version = doc.get("schema_version")
    if isinstance(version, int) and version > EXPORT_VERSION:
        return t("classroom.newer_version", lang, version=version)
    import jsonschema

    from kit.datasets import _schema

    schema = _schema("export")
    if version in (1, 2) and not isinstance(version, bool):  # name the field in that version
        schema = {**schema["$defs"][f"v{version}"], "$defs": schema["$defs"]}
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
    where = "/".join(str(p) for p in errors[0].absolute_path) if errors else ""
    return t("classroom.wrong_schema", lang, where=where or "—")


def _read_export(path: Path, lang: str | None = None) -> tuple[dict | None, str | None]:
    """(export, None) or (None, reason); reads at most MAX_FILE_BYTES + 1 bytes."""
    if path.suffix.lower() != ".json":
        return None, t("classroom.foreign", lang)
    if not path.is_file():  # a pipe or device would block or never end
        return None, t("classroom.unreadable", lang, reason="not a regular file")
    try:
        with open(path, "rb") as fh:
            raw = fh.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        return None, t("classroom.unreadable", lang, reason=exc.strerror or type(exc).__name__)
    if len(raw) > MAX_FILE_BYTES:
        return None, t("classroom.too_big", lang, mb=MAX_FILE_BYTES // (1024 * 1024))
    if b"\x00" in raw:
        return None, t("classroom.binary", lang)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        return None, t("classroom.binary", lang)
    try:
        doc = json.loads(text, parse_constant=_refuse_constant)
    except json.JSONDecodeError as exc:
        return None, t("classroom.malformed", lang, line=exc.lineno, column=exc.colno)
    except (ValueError, RecursionError):
        return None, t("classroom.malformed", lang, line="?", column="?")
    if not _is_export(doc):
        return None, _schema_problem(doc, lang)
    return doc, None


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not JSON")


def _files(folder: Path, problems: list[tuple[str, str]] | None = None,
           lang: str | None = None) -> list[Path]:
    """Every file under folder, skipping hidden ones (.DS_Store, .ipynb_checkpoints).

    Flat, one folder per learner, or nested as a hub collection makes it: all read, down to
    MAX_DEPTH folders and MAX_FILES files; what is left out is added to `problems`.
    Symbolic links to folders are not followed (no loops).
    """
    found: list[Path] = []
    problems = [] if problems is None else problems
    for root, dirs, names in os.walk(folder):
        depth = len(Path(root).relative_to(folder).parts)
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        if depth >= MAX_DEPTH and dirs:
            for d in dirs:
                problems.append((Path(root, d).relative_to(folder).as_posix() + "/",
                                 t("classroom.too_deep", lang, n=MAX_DEPTH)))
            dirs[:] = []
        for n in sorted(names):
            if n.startswith("."):
                continue
            if len(found) >= MAX_FILES:
                problems.append((Path(root, n).relative_to(folder).as_posix(),
                                 t("classroom.too_many", lang, n=MAX_FILES)))
                return found
            found.append(Path(root, n))
    return found


def _when(doc: dict) -> datetime:
    """exported_at as naive UTC, so exports written in different time zones compare."""
    try:
        when = datetime.fromisoformat(doc["exported_at"])
    except ValueError:
        return datetime.min
    return when.astimezone(UTC).replace(tzinfo=None) if when.tzinfo else when


def _key(doc: dict) -> str:
    """Who an export belongs to: the learner id (version 2), else the name (version 1)."""
    return f"id:{doc['learner_id']}" if "learner_id" in doc else f"name:{doc['learner'].strip()}"


def _shown_names(docs: list[dict], lang: str | None = None) -> dict[str, str]:
    """Display name per learner key; learners who share a name get their short id beside it.

    A learner who skipped the name cell («learner») is shown as "(no name) · short id".
    """
    from kit.identity import short_id
    from kit.progress import DEFAULT_LEARNER

    def tag(key: str) -> str:
        return short_id(key[3:]) if key.startswith("id:") else "—"

    by_name: dict[str, set[str]] = {}
    for doc in docs:
        by_name.setdefault(doc["learner"].strip(), set()).add(_key(doc))
    out = {}
    for doc in docs:
        name = doc["learner"].strip()
        key = _key(doc)
        if name == DEFAULT_LEARNER and key.startswith("id:"):
            out[key] = f"{t('classroom.no_name', lang)} · {tag(key)}"
        elif len(by_name[name]) > 1:
            out[key] = f"{doc['learner']} · {tag(key)}"
        else:
            out[key] = doc["learner"]
    return out


def _text(answer: Any) -> str:
    return answer if isinstance(answer, str) else json.dumps(answer, ensure_ascii=False,
                                                             sort_keys=True)


_NO_ATTEMPT = object()


def _first_answer(key: AnswerKey, lesson: str, item: str, row: dict) -> Any:
    """The answer of the first non-draft attempt of a scored item (_NO_ATTEMPT: none known)."""
    if not key.scored(lesson, item) or "attempts" not in row:
        return _NO_ATTEMPT
    first = row.get("first")
    if isinstance(first, dict) and not first.get("draft"):
        return first.get("answer")
    for attempt in row["attempts"]:
        if not attempt.get("draft"):
            return attempt.get("answer")
    return _NO_ATTEMPT


def _scored_first(key: AnswerKey, lesson: str, item: str, row: dict) -> bool | None:
    """First-attempt correctness from the first non-draft attempt, re-scored from the key."""
    answer = _first_answer(key, lesson, item, row)
    return None if answer is _NO_ATTEMPT else key.correct(lesson, item, answer)


def _scored_first_share(key: AnswerKey, lesson: str, item: str, row: dict) -> float | None:
    """The first attempt's credit, 0–1 (partial for highlight and rank), from the key."""
    answer = _first_answer(key, lesson, item, row)
    return None if answer is _NO_ATTEMPT else key.score(lesson, item, answer)


def load_class(
    folder: str | Path | None = None,
    *,
    demo: bool = False,
    key: AnswerKey | Mapping[str, AnswerKey] | None = None,
    lang: str | None = None,
) -> ClassData:
    """Read every export under folder into one table; list the files not used, with reasons.

    The folder may be flat, hold one folder per learner, or be nested as a hub collection
    makes it (read down to MAX_DEPTH folders). `demo=True` reads a generated demo class
    instead (ClassData.demo is then True); a real folder is never replaced by the demo.

    Learners are told apart by their id (version-2 exports; by name for version 1); learners
    who share a name are shown as "name · short id". When a learner exported more than once,
    the newest export is used and the others listed as older. Correctness is computed from
    `key` (default: the kit's lesson data in each export's language), never read from the
    file; `first_correct` re-scores each answer's first attempt. `lang` is the language of
    the reasons (default: the kit's current language).
    """
    if demo:
        import tempfile

        from kit.dashboard import demo_class

        folder = demo_class(Path(tempfile.mkdtemp(prefix="kit-demo-class-")), lang=lang)
    if folder is None:
        raise ValueError("load_class needs a folder (or demo=True)")
    folder = Path(folder)
    problems: list[tuple[str, str]] = []
    newest: dict[str, tuple[dict, str]] = {}
    paths = _files(folder, problems, lang) if folder.is_dir() else []
    for path in paths:
        name = path.relative_to(folder).as_posix()
        doc, reason = _read_export(path, lang)
        if doc is None:
            problems.append((name, reason))
            continue
        who = _key(doc)
        if who in newest:
            other_doc, other_name = newest[who]
            if (_when(other_doc), other_name) > (_when(doc), name):  # keep the newer one
                doc, name, other_doc, other_name = other_doc, other_name, doc, name
            problems.append((other_name, (who, doc["exported_at"])))  # worded below
        newest[who] = (doc, name)
    shown = _shown_names([doc for doc, _ in newest.values()], lang)
    problems = [(f, r if isinstance(r, str) else
                 t("classroom.duplicate", lang, learner=shown[r[0]],
                   time=readable_time(r[1], lang)))
                for f, r in problems]

    def key_for(language: str) -> AnswerKey:
        if isinstance(key, AnswerKey):
            return key
        if isinstance(key, Mapping) and language in key:
            return key[language]
        return lesson_key(language)

    columns: dict[str, list] = {c: [] for c in COLUMNS}
    tries: list[Any] = []
    attempt_rows: list[tuple] = []
    for who, (doc, name) in newest.items():
        learner_id = doc.get("learner_id")
        answer_key = key_for(doc["language"])
        for row in doc["answers"]:
            lesson, item = row["lesson"], row["item"]
            columns["learner"].append(shown[who])
            columns["lesson"].append(lesson)
            columns["item"].append(item)
            columns["kind"].append(row["kind"])
            columns["answer"].append(_text(row["answer"]))
            columns["correct"].append(answer_key.correct(lesson, item, row["answer"]))
            columns["export_correct"].append(row["correct"])
            columns["time"].append(row["time"])
            columns["language"].append(doc["language"])
            columns["file"].append(name)
            columns["learner_id"].append(learner_id)
            columns["key"].append(who)
            columns["name"].append(doc["learner"])
            columns["exported_at"].append(doc["exported_at"])
            first = row.get("first")
            columns["first_answer"].append(None if first is None else _text(first["answer"]))
            columns["first_correct"].append(_scored_first(answer_key, lesson, item, row))
            columns["first_score"].append(_scored_first_share(answer_key, lesson, item, row))
            attempts = row.get("attempts", [])
            n_tries = row.get("tries")
            tries.append(None if n_tries is None else
                         max(n_tries, sum(1 for a in attempts if not a.get("draft"))))
            columns["status"].append(row.get("status"))
            columns["self_level"].append(row.get("self_level"))
            for n, attempt in enumerate(attempts, start=1):
                attempt_rows.append((shown[who], learner_id, lesson, item,
                                     row["kind"], n, _text(attempt["answer"]),
                                     answer_key.correct(lesson, item, attempt["answer"]),
                                     attempt["time"],
                                     bool(attempt.get("draft")), bool(attempt.get("revision"))))
    frame = pd.DataFrame(
        {
            c: pd.Series(columns[c], dtype="string")
            for c in ("learner", "lesson", "item", "kind", "answer")
        }
    )
    frame["correct"] = pd.array(columns["correct"], dtype="boolean")
    frame["time"] = _times(columns["time"])
    frame["language"] = pd.Series(columns["language"], dtype="string")
    frame["file"] = pd.Series(columns["file"], dtype="string")
    for c in ("learner_id", "first_answer"):
        frame[c] = pd.Series(columns[c], dtype="string")
    frame["first_correct"] = pd.array(columns["first_correct"], dtype="boolean")
    frame["tries"] = pd.array(tries, dtype="Int64")
    for c in ("status", "self_level", "key", "name"):
        frame[c] = pd.Series(columns[c], dtype="string")
    frame["export_correct"] = pd.array(columns["export_correct"], dtype="boolean")
    frame["exported_at"] = _times(columns["exported_at"])
    frame["first_score"] = pd.array(columns["first_score"], dtype="Float64")
    attempts = pd.DataFrame(attempt_rows, columns=ATTEMPT_COLUMNS)
    for c in ("learner", "learner_id", "lesson", "item", "kind", "answer"):
        attempts[c] = attempts[c].astype("string")
    attempts["n"] = attempts["n"].astype("int64")
    attempts["correct"] = pd.array(list(attempts["correct"]), dtype="boolean")
    attempts["time"] = _times(list(attempts["time"]))
    return ClassData(answers=frame, problems=problems, attempts=attempts, demo=demo,
                     folder=folder, files=len(newest))


def _times(values: list) -> pd.Series:
    return pd.to_datetime(pd.Series(values, dtype=object), utc=True, format="ISO8601",
                          errors="coerce")


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


def first_attempts(data: ClassData) -> pd.DataFrame:
    """Per item with a right answer, from first attempts (version-2 exports only).

    Columns: lesson, item, n (learners), n_first_correct, first_share, mean_tries. An item
    answered right only after several clicks counts as wrong here, as a teacher needs it.
    """
    df = data.answers
    df = df[df["first_correct"].notna() & df["tries"].notna()] if "tries" in df else df[:0]
    if not len(df):
        return pd.DataFrame({"lesson": pd.Series(dtype="string"),
                             "item": pd.Series(dtype="string"),
                             "n": pd.Series(dtype="int64"),
                             "n_first_correct": pd.Series(dtype="int64"),
                             "first_share": pd.Series(dtype="float64"),
                             "mean_tries": pd.Series(dtype="float64")})
    grouped = df.groupby(["lesson", "item"])
    out = grouped["first_correct"].agg(n="count", n_first_correct="sum").reset_index()
    out["n"] = out["n"].astype("int64")
    out["n_first_correct"] = out["n_first_correct"].astype("int64")
    out["first_share"] = out["n_first_correct"] / out["n"]
    out["mean_tries"] = grouped["tries"].mean().astype("float64").to_numpy()
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
    drafts = (df["status"].astype("string").fillna("") == "draft") if "status" in df else False
    text = df[df["kind"].isin(_TEXT_KINDS) & (df["answer"].str.strip() != "") & ~drafts]
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
    columns = ["learner", "language", "lessons", "answered", "scored", "correct", "share",
               "last_time"]
    path = Path(path)
    if not len(df):  # no usable export: the header row only, never a TypeError
        pd.DataFrame(columns=columns).to_csv(path, index=False, encoding="utf-8-sig")
        return path
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
