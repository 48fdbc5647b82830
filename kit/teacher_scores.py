"""The teacher's scores for learners' open answers, kept like learners' answers are.

One JSON file in the teacher's folder (``answers/teacher_scores.json`` beside the teacher
notebooks, or KIT_ANSWERS_DIR). Every save is atomic, under a lock, with the previous version
kept as ``.bak`` (kit.progress._write_json); a changed score keeps the earlier one in
``history``, so nothing the teacher decided is ever lost. A damaged file is repaired from the
backup, or set aside as ``teacher_scores.corrupt-<time>.json`` (never deleted)::

    {"format": "town-square-kit/teacher-scores", "version": 1,
     "scores": {"id:3f9c0a1b2c4d": {"03_numbers": {"fermi": {
         "level": "developing", "time": "2026-12-02T11:40:00.000Z", "name": "ليلى",
         "history": [{"level": "beginning", "time": "…"}]}}}}}

Learners are keyed as the dashboard keys them: ``id:<learner_id>`` (``name:<name>`` for
version-1 exports).
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from kit import progress

FORMAT = "town-square-kit/teacher-scores"
VERSION = 1
FILE = "teacher_scores.json"
LEVELS = progress.LEVELS
HISTORY_LIMIT = 50


def scores_path(folder: Path | str | None = None) -> Path:
    """The scores file: in `folder`, else in the teacher's answers folder."""
    return Path(folder) / FILE if folder is not None else progress.answers_dir() / FILE


def _empty() -> dict:
    return {"format": FORMAT, "version": VERSION, "scores": {}}


def _valid(doc: Any) -> bool:
    if not (isinstance(doc, dict) and doc.get("format") == FORMAT
            and isinstance(doc.get("scores"), dict)):
        return False
    for lessons in doc["scores"].values():
        if not isinstance(lessons, dict):
            return False
        for items in lessons.values():
            if not isinstance(items, dict):
                return False
            for rec in items.values():
                if not (isinstance(rec, dict) and rec.get("level") in LEVELS):
                    return False
    return True


def _parse(path: Path) -> dict | None:
    try:
        doc = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return doc if _valid(doc) else None


def _read(path: Path) -> dict:
    """The scores at path; repaired from .bak, or set aside and started anew (caller locks)."""
    if not path.exists():
        return _empty()
    doc = _parse(path)
    if doc is not None:
        return doc
    bak = progress._backup_path(path)
    doc = _parse(bak) if bak.exists() else None
    if doc is not None:
        progress._write_json(path, doc, keep_backup=False)
        return doc
    stamp = progress._now().replace(":", "").replace("-", "").replace(".", "")
    os.replace(path, path.with_name(f"{path.stem}.corrupt-{stamp}.json"))
    return _empty()


def load_scores(path: Path | str | None = None) -> dict[tuple[str, str, str], dict]:
    """{(learner key, lesson, item): {"level", "time", …}}; empty when nothing is saved yet."""
    path = Path(path) if path is not None else scores_path()
    doc = _parse(path) if path.exists() else None
    if doc is None and path.exists():
        with progress._lock(path):
            doc = _read(path)
    doc = doc or _empty()
    return {(who, lesson, item): rec for who, lessons in doc["scores"].items()
            for lesson, items in lessons.items() for item, rec in items.items()}


def save_score(learner_key: str, lesson: str, item: str, level: str, *,
               name: str | None = None, path: Path | str | None = None) -> dict:
    """Save the teacher's level for one learner's open answer (atomic; old level kept)."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")
    for ident in (learner_key, lesson, item):
        if not isinstance(ident, str) or not ident:
            raise ValueError("learner, lesson and item must be non-empty text")
    path = Path(path) if path is not None else scores_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with progress._lock(path):
        progress._remove_stale_temps(path)
        doc = _read(path)
        items = doc["scores"].setdefault(learner_key, {}).setdefault(lesson, {})
        previous = items.get(item)
        record: dict[str, Any] = {"level": level, "time": progress._now()}
        if name is not None:
            record["name"] = name
        if previous is not None:
            history = previous.get("history") if isinstance(previous.get("history"),
                                                            list) else []
            earlier = {k: previous[k] for k in ("level", "time") if k in previous}
            record["history"] = [*history, earlier][-HISTORY_LIMIT:]
        items[item] = record
        progress._write_json(path, doc)
    return record
