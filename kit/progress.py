"""The answers store: one JSON file per learner that survives kernel restarts, crashes and reloads.

Widget state is lost on reload (ipywidgets#2369), so every answer is written to
``answers/<learner>.json`` the moment it is given, and widgets re-read it on the next run.
"""

from __future__ import annotations

import base64
import hashlib
import json
import math
import os
import re
import unicodedata
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kit.i18n import LANGUAGES, t

MAX_TEXT_CHARS = 20000
MAX_NAME_CHARS = 80
HISTORY_LIMIT = 50  # earlier answers kept per learner, so a teacher can see a change of mind
LOCK_TIMEOUT = 15.0
STORE_SCHEMA = 1
EXPORT_FORMAT = "town-square-kit/export"
EXPORT_SCHEMA_VERSION = 1
DEFAULT_LEARNER = "learner"
_NOTEBOOK_FOLDERS = ("ar", "en", "teacher")
_UNSAFE_IN_SLUG = re.compile(r"[^0-9A-Za-z\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06F0-\u06F9]+")

_notices: list[str] = []


class SaveError(ValueError):
    """An answer could not be saved; the message is a sentence for the learner."""


# ---------------------------------------------------------------- where and who


def answers_dir() -> Path:
    """KIT_ANSWERS_DIR, else answers/ beside the notebook folder (ar/en/teacher), else ./answers."""
    override = os.environ.get("KIT_ANSWERS_DIR")
    if override:
        folder = Path(override)
    else:
        cwd = Path.cwd()
        folder = (cwd.parent if cwd.name in _NOTEBOOK_FOLDERS else cwd) / "answers"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _clean_name(name: object) -> str:
    """The learner name stripped and NFC-normalised, or SaveError saying what to change."""
    if not isinstance(name, str) or not name.strip():
        raise SaveError(t("progress.name_empty"))
    name = unicodedata.normalize("NFC", name.strip())
    if len(name) > MAX_NAME_CHARS:
        raise SaveError(t("progress.name_too_long", n=MAX_NAME_CHARS))
    if any(unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp") for ch in name):
        raise SaveError(t("progress.name_bad_chars"))
    return name


def slug(name: str) -> str:
    """A file-name-safe form of a learner name: letters (Arabic kept) + a hash against collisions.

    >>> slug("Ali ../x")
    'Ali-x-f74c4818fe'
    """
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    readable = _UNSAFE_IN_SLUG.sub("-", unicodedata.normalize("NFC", name)).strip("-")[:40]
    return f"{readable or 'learner'}-{digest}"


def current_learner() -> str:
    """KIT_LEARNER, else the name saved by set_learner(), else 'learner'."""
    for candidate in (os.environ.get("KIT_LEARNER"), _saved_learner()):
        try:
            return _clean_name(candidate)
        except SaveError:
            continue
    return DEFAULT_LEARNER


def _saved_learner() -> str | None:
    try:
        data = json.loads((answers_dir() / "learner.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("learner") if isinstance(data, dict) else None


def set_learner(name: str) -> str:
    """Remember the learner's name in this answers folder; ValueError (a sentence) if unusable."""
    name = _clean_name(name)
    _write_json(answers_dir() / "learner.json", {"learner": name}, keep_backup=False)
    return name


# ---------------------------------------------------------------- writing safely


def _lock(path: Path):
    import filelock

    return filelock.FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, poll_interval=0.005)


def _dumps(data: Any) -> bytes:
    text = json.dumps(data, ensure_ascii=False, indent=1, allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: \u-escapes keep it exactly and stay valid UTF-8
        return json.dumps(data, ensure_ascii=True, indent=1, allow_nan=False).encode("ascii")


def _fsync_dir(folder: Path) -> None:
    """Make a rename durable; not possible on every OS or file system, so best effort."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _remove_stale_temps(path: Path) -> None:
    """Temp files left by a writer that was killed mid-write (only the lock holder writes them)."""
    for leftover in path.parent.glob(f"{path.name}.*.tmp"):  # slugs hold no glob wildcards
        try:
            leftover.unlink()
        except OSError:
            pass


def _write_json(path: Path, data: Any, *, keep_backup: bool = True) -> None:
    """Atomically replace path with data (temp + fsync + os.replace); old version kept as .bak.

    Callers hold the store lock. The backup is a hard link to the current file, so the
    main file exists at every instant and a crash leaves either the old or the new version.
    """
    payload = _dumps(data)
    folder = path.parent
    tmp = folder / f"{path.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
    with open(tmp, "wb") as fh:
        fh.write(payload)
        fh.flush()
        os.fsync(fh.fileno())
    bak = _backup_path(path)
    if keep_backup and path.exists():
        bak_tmp = folder / f"{bak.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp"
        try:
            os.link(path, bak_tmp)
        except OSError:  # no hard links here (FAT, some network shares): copy instead
            with open(bak_tmp, "wb") as fh:
                fh.write(path.read_bytes())
                fh.flush()
                os.fsync(fh.fileno())
        os.replace(bak_tmp, bak)
    elif keep_backup and bak.exists():
        bak.unlink()  # the main file was deleted on purpose: don't resurrect it later
    os.replace(tmp, path)
    _fsync_dir(folder)


def _backup_path(path: Path) -> Path:
    return path.with_name(path.name + ".bak")


# ---------------------------------------------------------------- reading safely


def _is_record(rec: object) -> bool:
    return isinstance(rec, dict) and "answer" in rec and isinstance(rec.get("time"), str)


def _is_store(data: object) -> bool:
    """True for the store's shape: {schema: 1, learner, answers: {lesson: {item: record}}}."""
    if not isinstance(data, dict) or data.get("schema") != STORE_SCHEMA:
        return False
    answers = data.get("answers")
    if not isinstance(data.get("learner"), str) or not isinstance(answers, dict):
        return False
    return all(
        isinstance(items, dict) and all(_is_record(r) for r in items.values())
        for items in answers.values()
    )


def _parse(path: Path) -> dict | None:
    try:
        data = json.loads(path.read_bytes().decode("utf-8"))
    except (OSError, ValueError, RecursionError):
        return None
    return data if _is_store(data) else None


def _empty_store(learner: str) -> dict:
    return {"schema": STORE_SCHEMA, "learner": learner, "answers": {}, "history": []}


def _read_store(path: Path, learner: str) -> dict:
    """The store at path, repaired from .bak or reset if corrupt (caller holds the lock)."""
    if not path.exists():
        return _empty_store(learner)
    data = _parse(path)
    if data is not None:
        return data
    bak = _backup_path(path)
    data = _parse(bak) if bak.exists() else None
    if data is not None:
        _write_json(path, data, keep_backup=False)
        _notices.append(t("progress.restored"))
        return data
    stamp = _now().replace(":", "").replace("-", "").replace(".", "")
    os.replace(path, path.with_name(f"{path.stem}.corrupt-{stamp}.json"))
    if bak.exists():
        os.replace(bak, path.with_name(f"{path.stem}.corrupt-{stamp}.bak.json"))
    _notices.append(t("progress.reset"))
    return _empty_store(learner)


def pop_notices() -> list[str]:
    """Messages for the learner about repaired or reset stores since the last call."""
    out = list(_notices)
    _notices.clear()
    return out


def _store_path(learner: str | None) -> tuple[Path, str]:
    name = _clean_name(learner) if learner is not None else current_learner()
    return answers_dir() / f"{slug(name)}.json", name


# ---------------------------------------------------------------- the public verbs


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def _check_answer(value: Any, depth: int = 0) -> int:
    """Total characters of text in an answer; SaveError for anything JSON cannot hold exactly."""
    if depth > 20:
        raise SaveError(t("progress.not_saveable"))
    if value is None or isinstance(value, bool | int):
        return 0
    if isinstance(value, float):
        if not math.isfinite(value):
            raise SaveError(t("progress.not_saveable"))
        return 0
    if isinstance(value, str):
        return len(value)
    if isinstance(value, list | tuple):
        return sum(_check_answer(v, depth + 1) for v in value)
    if isinstance(value, dict):
        if not all(isinstance(k, str) for k in value):
            raise SaveError(t("progress.not_saveable"))
        return sum(len(k) + _check_answer(v, depth + 1) for k, v in value.items())
    raise SaveError(t("progress.not_saveable"))


def save_answer(
    lesson: str,
    item: str,
    answer: Any,
    learner: str | None = None,
    *,
    correct: bool | None = None,
    kind: str | None = None,
) -> dict:
    """Save one answer (the latest per item wins) and return its record.

    Raises SaveError (a ValueError) with a learner-facing sentence when the answer is too long
    or cannot be stored; nothing is written then, so the widget can keep the text in its box.
    """
    for ident in (lesson, item):
        if not isinstance(ident, str) or not ident.strip():
            raise SaveError(t("progress.bad_item"))
    n = _check_answer(answer)
    if n > MAX_TEXT_CHARS:
        raise SaveError(t("progress.too_long", n=MAX_TEXT_CHARS, got=n))
    if isinstance(answer, tuple):
        answer = list(answer)
    record = {
        "answer": answer,
        "time": _now(),
        "correct": None if correct is None else bool(correct),
        "kind": None if kind is None else str(kind),
    }
    import filelock

    try:
        path, name = _store_path(learner)
        with _lock(path):
            _remove_stale_temps(path)
            store = _read_store(path, name)
            items = store["answers"].setdefault(lesson, {})
            previous = items.get(item)
            if previous is not None and previous.get("answer") != answer:
                history = store.get("history")
                history = history if isinstance(history, list) else []
                history.append({"lesson": lesson, "item": item, **previous})
                store["history"] = history[-HISTORY_LIMIT:]
            items[item] = record
            _write_json(path, store)
    except filelock.Timeout:
        raise SaveError(t("progress.busy")) from None
    except OSError as exc:
        raise SaveError(t("progress.write_failed", reason=exc.strerror or exc)) from exc
    return record


def load_answers(learner: str | None = None) -> dict[str, dict[str, dict]]:
    """{lesson: {item: record}} for a learner; never raises (a bad file is repaired or reset)."""
    try:
        path, name = _store_path(learner)
        if not path.exists():
            return {}
        data = _parse(path)
        if data is None:
            with _lock(path):
                data = _read_store(path, name)
        return data["answers"]
    except Exception as exc:  # a learner never sees a traceback for a damaged or locked folder
        _notices.append(t("progress.unreadable", reason=exc))
        return {}


def export_answers(
    lang: str,
    learner: str | None = None,
    items: Iterable[str | tuple[str, str]] | None = None,
) -> Path:
    """Write answers/exports/<learner>-<time>.json for the teacher and return its path.

    `items` limits the export to whole lessons ("01_claims") or single (lesson, item) pairs.
    """
    import kit
    from kit.datasets import validate

    if lang not in LANGUAGES:
        raise ValueError(t("progress.bad_language", langs=", ".join(LANGUAGES)))
    path, name = _store_path(learner)
    answers = load_answers(name)
    wanted = None if items is None else {w if isinstance(w, str) else tuple(w) for w in items}
    rows = []
    for lesson in sorted(answers):
        for item in sorted(answers[lesson]):
            if wanted is not None and lesson not in wanted and (lesson, item) not in wanted:
                continue
            rec = answers[lesson][item]
            rows.append(
                {
                    "lesson": lesson,
                    "item": item,
                    "kind": rec.get("kind"),
                    "answer": rec.get("answer"),
                    "correct": rec.get("correct"),
                    "time": rec.get("time"),
                }
            )
    now = _now()
    doc = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_SCHEMA_VERSION,
        "learner": name,
        "kit_version": kit.__version__,
        "language": lang,
        "exported_at": now,
        "answers": rows,
    }
    validate(doc, "export", source="export")
    folder = path.parent / "exports"
    folder.mkdir(exist_ok=True)
    stamp = now.replace("-", "").replace(":", "").split(".")[0] + "Z"
    for counter in range(1, 1000):
        suffix = "" if counter == 1 else f"-{counter}"
        target = folder / f"{slug(name)}-{stamp}{suffix}.json"
        try:  # claim the name atomically, so two exports in one second never overwrite each other
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            continue
    _write_json(target, doc, keep_backup=False)
    return target


def export_link_html(path: Path | str) -> str:
    """A download link carrying the export itself, so a Binder/JupyterLite learner can keep it."""
    from kit.text import escape

    path = Path(path)
    payload = base64.b64encode(path.read_bytes()).decode("ascii")
    name = escape(path.name)
    label = t("progress.download", name=name)
    return (
        f'<a download="{name}" href="data:application/json;base64,{payload}" dir="auto">{label}</a>'
    )
