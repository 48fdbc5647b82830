"""Scores a teacher can stand behind, from a class's exports (kit.classroom.ClassData).

Everything here starts from answers re-scored against the lesson data (the `correct` an export
carries is never used) and from first attempts: an item answered right only after several
clicks counts as not known yet. The tables keep raw ids; kit.dashboard shows them in words.

- lesson_scores: per learner and lesson, the share of scored items right at the first attempt;
  highlight and rank tasks give partial credit (word F1; (Kendall's tau + 1) / 2), a
  make-it-mislead chart 1 or 0 (see kit.classroom.AnswerKey.score).
- tasks_done / lateral_answers: tasks the kit cannot mark right or wrong (lateral reading, a
  partner's naming of a make-it-mislead technique, the sentence rewrite) as done or not, and
  the lateral-reading answers for the teacher to read.
- item_stats / reteach / objective_stats: where the class is weakest, with the most chosen
  wrong option (first attempts) and the kit's feedback for it as a reteach script, grouped by
  the lesson objective in data/objectives_map.json (by lesson where an item has no objective).
- prepost: the pre/post skill test (kit.assessment, lessons ``test_before``/``test_after``):
  V, d′ and c per learner before and after, and the class's mean and spread.
- open_answers / agreement: each open answer beside the learner's self-placement and the
  teacher's level (kit.teacher_scores), and Cohen's κ between the two.
- factchecks / analyses: lesson 06's fact-checks and lesson 07's analyses, in their own tables.
- grades: one row per learner, the table the gradebook CSV is written from (docs/gradebook.md).
"""

from __future__ import annotations

import json
import math
import re
from functools import cache
from typing import Any

import pandas as pd

from kit.classroom import ClassData

LEVELS = ("beginning", "developing", "secure")
LEVEL_VALUE = {"beginning": 1, "developing": 2, "secure": 3}
PRE, POST = "test_before", "test_after"  # kit.assessment.WHEN
TEST_LESSONS = (PRE, POST)
FACTCHECK_LESSON, OWN_ARTICLE_LESSON = "06_synthesis", "07_your_article"
_WORKSHEET_ITEM = re.compile(r"w[0-9a-f]+_")  # kit.worksheet: generated per pasted article


def is_lesson(lesson: str) -> bool:
    """A numbered lesson (00_… to 07_…), not the pre/post test."""
    return lesson[:2].isdigit()


# ---------------------------------------------------------------- objectives


@cache
def objectives_map() -> dict[str, dict[str, int]]:
    """{lesson: {item id: index into the lesson's `objectives`}} from data/objectives_map.json."""
    from kit.paths import data_dir

    path = data_dir() / "objectives_map.json"
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return {lesson: dict(items) for lesson, items in doc.get("lessons", {}).items()}


def objective_of(lesson: str, item: str) -> int | None:
    """The objective index of an item (code_pN items take the coding item's objective)."""
    items = objectives_map().get(lesson, {})
    if item in items:
        return items[item]
    if item.startswith("code_p"):
        return items.get("code_p*")
    return None


def unmapped_items(langs: tuple[str, ...] = ("ar", "en")) -> list[tuple[str, str]]:
    """Items of the lesson files with no objective in data/objectives_map.json (should be none).

    Every item counts, scored or not; a coding item is covered by ``code_p*``, and each
    make-it-mislead item brings its partner's naming ``<item>_named``. A quick check after
    adding an item to a lesson::

        python -c "from kit import grades; print(grades.unmapped_items())"
    """
    from kit.lesson import lesson_ids, load_lesson

    missing: list[tuple[str, str]] = []
    for lang in langs:
        for lesson in lesson_ids(lang):
            for item in load_lesson(lesson, lang)["items"]:
                ids = [item["id"]] + ([f"{item['id']}_named"] if item["kind"] == "mislead" else [])
                for item_id in ids:
                    if objective_of(lesson, item_id) is None and (lesson, item_id) not in missing:
                        missing.append((lesson, item_id))
    return missing


# ---------------------------------------------------------------- first-attempt scores


def _scored(data: ClassData) -> pd.DataFrame:
    """Rows of numbered lessons with a first attempt that the answer key could score."""
    df = data.answers
    if not len(df):
        return df
    mask = df["first_correct"].notna() & df["lesson"].map(is_lesson).astype(bool)
    return df[mask]


def lesson_scores(data: ClassData) -> pd.DataFrame:
    """Per learner (key) and lesson: scored items, right at the first attempt, and the share.

    `share` is the mean first-attempt credit: 1 or 0 for a choice, a frame code or a
    make-it-mislead chart, the word F1 of a highlight, (tau + 1) / 2 of a ranking.
    `n_first_correct` counts items fully right (a highlight from F1 0.8, a ranking in order).
    """
    df = _scored(data)
    columns = ["key", "lesson", "n", "n_first_correct", "share"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="float64" if c == "share" else "object")
                             for c in columns})
    credit = (df["first_score"].astype("Float64").fillna(df["first_correct"].astype("Float64"))
              if "first_score" in df else df["first_correct"].astype("Float64"))
    df = df.assign(credit=credit.astype("float64"))
    grouped = df.groupby(["key", "lesson"])
    out = grouped["first_correct"].agg(n="count", n_first_correct="sum").reset_index()
    out["n"] = out["n"].astype("int64")
    out["n_first_correct"] = out["n_first_correct"].astype("int64")
    out["share"] = grouped["credit"].sum().to_numpy() / out["n"]
    return out[columns]


def item_stats(data: ClassData, kinds: tuple[str, ...] = ("choice",)) -> pd.DataFrame:
    """Per scored item: learners, right first time, share, mean tries, most chosen wrong first.

    `wrong` is the wrong option chosen most often at the first attempt (ties: the first id in
    order) and `wrong_count` how many learners chose it. Lesson 07's generated worksheet items
    are never here: the lesson data cannot score them.
    """
    df = _scored(data)
    df = df[df["kind"].isin(kinds)] if len(df) else df
    columns = ["lesson", "item", "objective", "n", "n_first_correct", "first_share",
               "mean_tries", "wrong", "wrong_count"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    grouped = df.groupby(["lesson", "item"])
    out = grouped["first_correct"].agg(n="count", n_first_correct="sum").reset_index()
    out["n"] = out["n"].astype("int64")
    out["n_first_correct"] = out["n_first_correct"].astype("int64")
    out["first_share"] = out["n_first_correct"] / out["n"]
    out["mean_tries"] = grouped["tries"].mean().astype("float64").to_numpy()
    wrong = df[~df["first_correct"].astype(bool)]
    counts = (wrong.groupby(["lesson", "item", "first_answer"]).size().rename("count")
              .reset_index().sort_values(["lesson", "item", "count", "first_answer"],
                                         ascending=[True, True, False, True])
              .drop_duplicates(["lesson", "item"]))
    top = {(r.lesson, r.item): (r.first_answer, int(r.count)) for r in counts.itertuples()}
    out["wrong"] = [top.get((lesson, item), (None, 0))[0]
                    for lesson, item in zip(out["lesson"], out["item"], strict=True)]
    out["wrong_count"] = [top.get((lesson, item), (None, 0))[1]
                          for lesson, item in zip(out["lesson"], out["item"], strict=True)]
    out["objective"] = [objective_of(lesson, item)
                        for lesson, item in zip(out["lesson"], out["item"], strict=True)]
    out["wrong_count"] = out["wrong_count"].astype("int64")
    return out[columns].sort_values(["first_share", "lesson", "item"]).reset_index(drop=True)


def objective_stats(data: ClassData) -> pd.DataFrame:
    """Per lesson objective: items, first attempts, share right first time (lowest first).

    Items with no objective in data/objectives_map.json are grouped under objective NA
    (the lesson as a whole).
    """
    df = _scored(data)
    df = df[df["kind"] == "choice"] if len(df) else df
    columns = ["lesson", "objective", "items", "n", "n_first_correct", "first_share"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    df = df.assign(objective=[objective_of(lesson, item) for lesson, item
                              in zip(df["lesson"], df["item"], strict=True)])
    df["objective"] = df["objective"].astype("Int64")
    grouped = df.groupby(["lesson", "objective"], dropna=False)
    out = grouped["first_correct"].agg(n="count", n_first_correct="sum").reset_index()
    out["items"] = grouped["item"].nunique().to_numpy()
    out["n"] = out["n"].astype("int64")
    out["n_first_correct"] = out["n_first_correct"].astype("int64")
    out["first_share"] = out["n_first_correct"] / out["n"]
    return out[columns].sort_values(["first_share", "lesson"]).reset_index(drop=True)


def reteach(data: ClassData, items: dict[tuple[str, str], dict[str, Any]],
            top: int = 8, below: float = 1.0) -> pd.DataFrame:
    """The items with the lowest first-attempt success, each with its reteach script.

    `items` maps (lesson, item id) to the lesson item in the teacher's language. Columns:
    lesson, objective, item, question, n, first_share, mean_tries, wrong (the option's text),
    wrong_count, script (the kit's feedback for that wrong option). Only items whose share is
    below `below` are listed (all but perfect ones by default).
    """
    stats = item_stats(data)
    stats = stats[stats["first_share"] < below].head(top) if len(stats) else stats
    rows = []
    for r in stats.itertuples():
        item = items.get((r.lesson, r.item), {})
        choices = {c["id"]: c for c in item.get("choices", [])}
        wrong = choices.get(r.wrong, {})
        rows.append({"lesson": r.lesson, "objective": r.objective, "item": r.item,
                     "question": item.get("prompt", r.item), "n": r.n,
                     "first_share": r.first_share, "mean_tries": r.mean_tries,
                     "wrong": wrong.get("text", r.wrong), "wrong_count": r.wrong_count,
                     "script": wrong.get("feedback")})
    columns = ["lesson", "objective", "item", "question", "n", "first_share", "mean_tries",
               "wrong", "wrong_count", "script"]
    return pd.DataFrame(rows, columns=columns)


# ---------------------------------------------------------------- pre/post test


def _test_responses(rows: pd.DataFrame) -> tuple[str | None, dict[str, str]]:
    form = None
    responses = {}
    for item, answer in zip(rows["item"], rows["answer"], strict=True):
        if item == "form":
            form = answer if answer in ("A", "B") else None
        elif answer in ("real", "false"):
            responses[item] = answer
    return form, responses


def prepost(data: ClassData) -> pd.DataFrame:
    """Per learner: form, items answered, V, d′ (dprime) and c before and after the lessons.

    Scored with kit.assessment.score in the export's language; responses to items not in the
    form are ignored. Columns: key, learner, then {before,after}_{form,answered,V,dprime,c},
    and the changes V_change, dprime_change, c_change. NaN where a test was not taken.
    """
    df = data.answers
    columns = ["key", "learner"] + [f"{when}_{m}" for when in ("before", "after")
                                    for m in ("form", "answered", "V", "dprime", "c")]
    records = []
    if len(df):
        tests = df[df["lesson"].isin(TEST_LESSONS)]
        for key, rows in tests.groupby("key", sort=True):
            record: dict[str, Any] = {"key": key, "learner": rows["learner"].iloc[0]}
            lang = rows["language"].iloc[0]
            for when, lesson in (("before", PRE), ("after", POST)):
                form, responses = _test_responses(rows[rows["lesson"] == lesson])
                result = _score(responses, form, lang)
                record[f"{when}_form"] = form
                for m in ("answered", "V", "dprime", "c"):
                    record[f"{when}_{m}"] = result.get(m, math.nan) if result else math.nan
            records.append(record)
    out = pd.DataFrame(records, columns=columns)
    for m in ("V", "dprime", "c"):
        out[f"{m}_change"] = out[f"after_{m}"] - out[f"before_{m}"]
    return out


def _score(responses: dict[str, str], form: str | None, lang: str) -> dict[str, Any] | None:
    if form is None or not responses:
        return None
    try:
        from kit import assessment

        ids = {item["id"] for item in assessment.forms(lang)[form]["items"]}
        return assessment.score({k: v for k, v in responses.items() if k in ids}, form, lang)
    except (ImportError, KeyError, ValueError, OSError):
        return None


def prepost_summary(table: pd.DataFrame) -> pd.DataFrame:
    """The class's mean, standard deviation and n of V, d′ and c before and after."""
    rows = []
    for m in ("V", "dprime", "c"):
        for when in ("before", "after"):
            values = table[f"{when}_{m}"].dropna() if len(table) else pd.Series(dtype=float)
            rows.append({"measure": m, "when": when, "n": len(values),
                         "mean": float(values.mean()) if len(values) else math.nan,
                         "sd": float(values.std(ddof=1)) if len(values) > 1 else math.nan})
    return pd.DataFrame(rows, columns=["measure", "when", "n", "mean", "sd"])


# ---------------------------------------------------------------- open answers


def open_answers(data: ClassData, teacher: dict[tuple[str, str, str], dict] | None = None,
                 known: set[tuple[str, str]] | None = None) -> pd.DataFrame:
    """Each submitted open answer with the learner's self-level and the teacher's level.

    `known` limits it to open items of the lesson data (and the pre/post task); lesson 07's
    generated worksheet items and pasted articles are in analyses(), not here. Drafts are left
    out. `level` is the teacher's where scored, else the learner's own.
    """
    df = data.answers
    columns = ["key", "learner", "lesson", "item", "answer", "self_level", "teacher_level",
               "level", "time"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    drafts = df["status"].fillna("") == "draft"
    mask = (df["kind"] == "open") & ~drafts & (df["answer"].str.strip() != "")
    mask &= ~df["item"].str.match(_WORKSHEET_ITEM.pattern)
    rows = df[mask]
    if known is not None and len(rows):  # (an empty list would select columns)
        rows = rows[[(lesson, item) in known or lesson in TEST_LESSONS
                     for lesson, item in zip(rows["lesson"], rows["item"], strict=True)]]
    teacher = teacher or {}
    out = rows[["key", "learner", "lesson", "item", "answer", "self_level", "time"]].copy()
    out["teacher_level"] = pd.Series(
        [(teacher.get((k, lesson, item)) or {}).get("level") for k, lesson, item
         in zip(out["key"], out["lesson"], out["item"], strict=True)], index=out.index,
        dtype="string")
    out["level"] = out["teacher_level"].fillna(out["self_level"])
    return out[columns].sort_values(["lesson", "item", "learner"]).reset_index(drop=True)


def agreement(table: pd.DataFrame) -> dict[str, float]:
    """Teacher vs self-placement on answers both placed: n, exact agreement and Cohen's κ."""
    from kit.framing import cohen_kappa

    both = table.dropna(subset=["teacher_level", "self_level"]) if len(table) else table
    n = len(both)
    if not n:
        return {"n": 0, "agreement": math.nan, "kappa": math.nan, "self_higher": 0}
    a, b = list(both["teacher_level"]), list(both["self_level"])
    higher = sum(LEVEL_VALUE[s] > LEVEL_VALUE[x] for x, s in zip(a, b, strict=True))
    return {"n": n, "agreement": sum(x == y for x, y in zip(a, b, strict=True)) / n,
            "kappa": cohen_kappa(a, b), "self_higher": higher}


# ---------------------------------------------------------------- tasks done or not


def _answer_dict(text: Any) -> dict[str, Any] | None:
    """A task answer saved as a JSON object (the class table keeps it as text)."""
    if not isinstance(text, str) or not text.startswith("{"):
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def _filled(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def is_done(kind: Any, answer: Any) -> bool:
    """Whether a saved answer completes its task: a lateral reading with an address and a
    sentence, a partner's naming with a technique, a sentence rewrite with its text and
    technique; any other kind when its answer is not blank."""
    if kind in ("lateral", "mislead_named", "mislead"):
        value = _answer_dict(answer)
        if value is None:
            return False
        if kind == "lateral":
            return _filled(value.get("url")) and _filled(value.get("sentence"))
        if kind == "mislead_named":
            return _filled(value.get("technique"))
        return _filled(value.get("technique")) and _filled(value.get("text"))
    return isinstance(answer, str) and bool(answer.strip())


def done_items(items: dict[tuple[str, str], dict[str, Any]]) -> list[tuple[str, str]]:
    """The tasks kept as done or not, from the lesson items ((lesson, id) -> item): lateral
    reading, each make-it-mislead task's partner naming (``<id>_named``) and the sentence
    rewrite (the kit only guesses which technique a rewrite used, so it is not marked)."""
    out = []
    for (lesson, item_id), item in sorted(items.items()):
        if not is_lesson(lesson):
            continue
        if item["kind"] == "lateral":
            out.append((lesson, item_id))
        elif item["kind"] == "mislead":
            if item.get("form") == "sentence":
                out.append((lesson, item_id))
            out.append((lesson, f"{item_id}_named"))
    return out


def tasks_done(data: ClassData, items: list[tuple[str, str]]) -> pd.DataFrame:
    """Per learner (key, the index): 1 where the task was done, else 0; one column
    ``done_<NN>_<item>`` per (lesson, item) of `items` (see done_items). Drafts never count."""
    df = data.answers
    keys = sorted(df["key"].unique()) if len(df) else []
    out = pd.DataFrame(index=pd.Index(keys, name="key"))
    if len(df):
        drafts = df["status"].fillna("") == "draft"
        df = df[~drafts]
    for lesson, item in items:
        rows = df[(df["lesson"] == lesson) & (df["item"] == item)] if len(df) else df
        done = {k for k, kind, answer in zip(rows["key"], rows["kind"], rows["answer"],
                                             strict=True) if is_done(kind, answer)} \
            if len(rows) else set()
        out[f"done_{lesson[:2]}_{item}"] = pd.array([int(k in done) for k in keys],
                                                    dtype="Int64")
    return out


def lateral_answers(data: ClassData) -> pd.DataFrame:
    """Every lateral-reading answer: the address found, its domain, the learner's sentence,
    the three questions' answers where given, and whether the page is one the kit knows."""
    from kit.lateral import QUESTIONS

    df = data.answers
    columns = ["key", "learner", "lesson", "item", "domain", "url", "sentence",
               *(f"judgement_{q}" for q in QUESTIONS), "known_page", "time"]
    records = []
    rows = df[df["kind"] == "lateral"] if len(df) else df
    for r in rows.itertuples():
        value = _answer_dict(r.answer)
        if value is None or not is_done("lateral", r.answer):
            continue
        judgement = value.get("judgement") if isinstance(value.get("judgement"), dict) else {}
        records.append({
            "key": r.key, "learner": r.learner, "lesson": r.lesson, "item": r.item,
            "domain": str(value.get("domain") or ""), "url": str(value["url"]),
            "sentence": str(value["sentence"]),
            **{f"judgement_{q}": (str(judgement[q]) if _filled(judgement.get(q)) else None)
               for q in QUESTIONS},
            "known_page": bool(value.get("matched")), "time": r.time})
    out = pd.DataFrame(records, columns=columns)
    return out.sort_values(["lesson", "item", "learner"]).reset_index(drop=True) if len(out) \
        else out


# ---------------------------------------------------------------- lessons 06 and 07


def factchecks(data: ClassData) -> pd.DataFrame:
    """Lesson 06's fact-checks: claim, claimant, verdict key, evidence, number of sources."""
    df = data.answers
    columns = ["key", "learner", "claim", "claimant", "verdict", "evidence", "sources",
               "time"]
    rows = df[(df["lesson"] == FACTCHECK_LESSON) & (df["kind"] == "factcheck")] if len(df) \
        else df
    records = []
    for r in rows.itertuples():
        if getattr(r, "status", "") == "draft":  # too thin to judge: not a fact-check yet
            continue
        try:
            check = json.loads(r.answer)
        except ValueError:
            continue
        if not isinstance(check, dict):
            continue
        sources = check.get("sources")
        records.append({"key": r.key, "learner": r.learner,
                        "claim": str(check.get("claim", "")),
                        "claimant": str(check.get("claimant", "")),
                        "verdict": str(check.get("verdict", "")),
                        "evidence": str(check.get("evidence", "")),
                        "sources": len(sources) if isinstance(sources, list) else 0,
                        "time": r.time})
    return pd.DataFrame(records, columns=columns)


def analyses(data: ClassData) -> pd.DataFrame:
    """Lesson 07 per learner: the article pasted (words), worksheet items answered, open text."""
    df = data.answers
    columns = ["key", "learner", "words", "excerpt", "worksheet_items", "written", "time"]
    if not len(df):
        return pd.DataFrame({c: pd.Series(dtype="object") for c in columns})
    own = df[df["lesson"] == OWN_ARTICLE_LESSON]
    records = []
    for key, rows in own.groupby("key", sort=True):
        text_rows = rows[rows["item"] == "text"]
        text = text_rows["answer"].iloc[0] if len(text_rows) else ""
        sheet = rows[rows["item"].str.match(_WORKSHEET_ITEM.pattern)]
        written = sheet[sheet["kind"] == "open"]["answer"]
        if not len(text_rows) and not len(sheet):
            continue
        records.append({"key": key, "learner": rows["learner"].iloc[0],
                        "words": len(text.split()),
                        "excerpt": " ".join(text.split()[:25]),
                        "worksheet_items": len(sheet),
                        "written": "\n\n".join(w for w in written if w.strip()),
                        "time": rows["time"].max()})
    return pd.DataFrame(records, columns=columns)


# ---------------------------------------------------------------- the grade table


def grades(data: ClassData, teacher: dict[tuple[str, str, str], dict] | None = None,
           open_items: list[tuple[str, str]] | None = None,
           known: set[tuple[str, str]] | None = None,
           done: list[tuple[str, str]] | None = None) -> pd.DataFrame:
    """One row per learner (docs/gradebook.md): identity, first-attempt share per lesson,
    open-answer levels (teacher's where scored, else the learner's; 1–3), pre/post figures.

    Columns: learner_id, name, shown_name, lesson_00 … lesson_07 (share 0–1, NaN where no
    scored item was answered), lessons_mean, open_<lesson>_<item> (1 beginning, 2 developing,
    3 secure), open_mean, open_teacher_scored, pre_V, pre_dprime, pre_c, post_V, post_dprime,
    post_c, last_activity. With `done` (see done_items), the columns done_<NN>_<item> (1 done,
    0 not) follow open_teacher_scored.
    """
    df = data.answers
    if not len(df):  # the documented columns, no rows
        from kit.lesson import lesson_ids

        return pd.DataFrame(columns=[
            "learner_id", "name", "shown_name",
            *(f"lesson_{lesson[:2]}" for lesson in lesson_ids("en")), "lessons_mean",
            *(f"open_{lesson[:2]}_{item}" for lesson, item in open_items or []), "open_mean",
            "open_teacher_scored", *(f"done_{lesson[:2]}_{item}" for lesson, item in done or []),
            "pre_V", "pre_dprime", "pre_c", "post_V", "post_dprime", "post_c", "last_activity"])
    people = (df.sort_values("time").groupby("key", sort=True)
              .agg(learner_id=("learner_id", "last"), name=("name", "last"),
                   shown_name=("learner", "last"), last_activity=("time", "max")))
    people["learner_id"] = [lid if isinstance(lid, str) else key[5:]
                            for key, lid in zip(people.index, people["learner_id"], strict=True)]
    out = people[["learner_id", "name", "shown_name"]].copy()
    from kit.lesson import lesson_ids

    lessons = sorted({*lesson_ids("en"), *(x for x in df["lesson"].unique() if is_lesson(x))})
    shares = lesson_scores(data)
    grid = shares.pivot(index="key", columns="lesson", values="share") if len(shares) else None
    for lesson in lessons:
        column = f"lesson_{lesson[:2]}"
        out[column] = (grid[lesson].reindex(out.index) if grid is not None and lesson in grid
                       else math.nan)
    lesson_columns = [f"lesson_{lesson[:2]}" for lesson in lessons]
    out["lessons_mean"] = out[lesson_columns].astype("float64").mean(axis=1)
    answers = open_answers(data, teacher, known)
    items = open_items if open_items is not None else sorted(
        {(lesson, item) for lesson, item in zip(answers["lesson"], answers["item"], strict=True)
         if is_lesson(lesson)})
    open_columns = []
    for lesson, item in items:
        column = f"open_{lesson[:2]}_{item}"
        rows = answers[(answers["lesson"] == lesson) & (answers["item"] == item)]
        values = dict(zip(rows["key"], rows["level"].map(LEVEL_VALUE.get), strict=True))
        out[column] = pd.array([values.get(k) for k in out.index], dtype="Int64")
        open_columns.append(column)
    out["open_mean"] = (out[open_columns].astype("float64").mean(axis=1) if open_columns
                        else math.nan)
    scored = answers.dropna(subset=["teacher_level"]).groupby("key").size()
    out["open_teacher_scored"] = out.index.map(scored).fillna(0).astype("int64")
    if done:
        finished = tasks_done(data, done)
        for column in finished.columns:
            out[column] = finished[column].reindex(out.index).fillna(0).astype("Int64")
    tests = prepost(data).set_index("key")
    for when, prefix in (("before", "pre"), ("after", "post")):
        for m in ("V", "dprime", "c"):
            column = f"{when}_{m}"
            out[f"{prefix}_{m}"] = (tests[column].reindex(out.index).astype("float64")
                                    if len(tests) else math.nan)
    out["last_activity"] = people["last_activity"]
    return out.reset_index(drop=True)
