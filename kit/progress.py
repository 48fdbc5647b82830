"""The answers store: one JSON file per learner that survives kernel restarts, crashes and reloads.

Widget state is lost on reload (ipywidgets#2369), so every answer is written to
``answers/<slug of the learner id>.json`` the moment it is given, and widgets re-read it on the
next run. The learner id comes from kit.identity (the hub user name, else a random id made
once); the learner's display name is kept beside it, so correcting a name keeps the answers.

Every answer is also appended to the item's ``attempts`` (time in UTC, in order), so the first
attempt and the number of tries are known; ``answer`` stays the latest, as the widgets show it.
A record::

    {"answer": "b", "time": "2026-12-02T10:01:02.345Z", "correct": true, "kind": "choice",
     "first": {"answer": "c", "time": "…", "correct": false},
     "tries": 2,
     "attempts": [{"answer": "c", "time": "…", "correct": false},
                  {"answer": "b", "time": "…", "correct": true}]}

Open answers may also carry ``status`` ("draft" until a real submission, then "submitted"),
``self_level`` (the learner's own place on the three-level rubric), ``exemplar_seen`` (when the
exemplar was shown) and ``revisions`` (edits made after that, never written over ``answer``).
To bound the file, ``attempts`` keeps the latest ATTEMPT_LIMIT attempts and at most
ATTEMPT_CHARS characters of text per item (``first`` and ``tries`` always cover them all).

A live class view: where ``KIT_CLASS_DIR`` names a folder the hub shares with the teacher, every
save also replaces ``KIT_CLASS_DIR/<slug of the learner id>.json`` with the learner's export
(the same version-2 document export_answers writes), atomically. The learner's own save never
waits for it or fails because of it; a failure gives the learner one sentence.
"""

from __future__ import annotations

import base64
import contextlib
import hashlib
import json
import math
import os
import re
import unicodedata
import warnings
from collections.abc import Iterable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from kit import platform
from kit.i18n import LANGUAGES, get_language, t

MAX_TEXT_CHARS = 20000
MAX_NAME_CHARS = 80
HISTORY_LIMIT = 50  # earlier answers kept per learner, so a teacher can see a change of mind
ATTEMPT_LIMIT = 200  # attempts kept per item (the latest); `first` and `tries` cover all of them
ATTEMPT_CHARS = 100_000  # text kept in one item's attempts; older attempts beyond it are dropped
LOCK_TIMEOUT = 15.0
STORE_SCHEMA = 1
EXPORT_FORMAT = "town-square-kit/export"
# What export_answers writes. Version 2 adds learner_id and, per answer, first / tries / attempts.
EXPORT_VERSION = 2
# Version 1 (learner name, last answers only) is still read.
EXPORT_VERSIONS_READ = (1, 2)
DEFAULT_LEARNER = "learner"
CLASS_DIR_ENV = "KIT_CLASS_DIR"  # the class's shared folder (live class view), if the hub has one
_NOTEBOOK_FOLDERS = ("ar", "en", "teacher")
_UNSAFE_IN_SLUG = re.compile(r"[^0-9A-Za-z\u0621-\u064A\u0660-\u0669\u066E-\u06D3\u06F0-\u06F9]+")

_notices: list[str] = []
_told_browser = False

if platform.is_pyodide():  # filelock warns there that only soft locks exist; the kit takes none
    warnings.filterwarnings("ignore", message="only soft file lock", category=UserWarning)


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
    """The learner's display name: KIT_LEARNER, else the name cell's, else 'learner'.

    Answers are filed under the learner's id (kit.identity), not under this name.
    """
    from kit import identity

    try:
        return identity.current().display
    except Exception:  # an unusable answers folder: saving reports it, naming never crashes
        return DEFAULT_LEARNER


def _saved_learner() -> str | None:
    try:
        data = json.loads((answers_dir() / "learner.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return data.get("learner") if isinstance(data, dict) else None


def set_learner(name: str) -> str:
    """Remember the learner's name (beside their id, so their answers stay theirs).

    ValueError (a sentence for the learner) if the name is unusable.
    """
    from kit import identity

    return identity.set_name(name).name


# ---------------------------------------------------------------- writing safely


def _lock(path: Path):
    if platform.is_pyodide():  # one browser tab, one kernel: no lock a closed tab could leave
        return contextlib.nullcontext()
    import filelock

    return filelock.FileLock(str(path) + ".lock", timeout=LOCK_TIMEOUT, poll_interval=0.005)


def _dumps(data: Any, indent: int | None = None) -> bytes:
    """UTF-8 JSON. Compact by default: only then does Python use its C encoder (an indented
    store of every lesson took ~25 ms a save; compact, ~1 ms). Exports, for people, indent."""
    seps = (",", ":") if indent is None else (",", ": ")
    text = json.dumps(data, ensure_ascii=False, indent=indent, separators=seps, allow_nan=False)
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate: \u-escapes keep it exactly and stay valid UTF-8
        return json.dumps(data, ensure_ascii=True, indent=indent, separators=seps,
                          allow_nan=False).encode("ascii")


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


def _write_json(path: Path, data: Any, *, keep_backup: bool = True,
                indent: int | None = None) -> None:
    """Atomically replace path with data (temp + fsync + os.replace); old version kept as .bak.

    Callers hold the store lock. The backup is a hard link to the current file, so the
    main file exists at every instant and a crash leaves either the old or the new version.
    """
    payload = _dumps(data, indent)
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
        except (OSError, AttributeError):  # no hard links (FAT, network shares, Pyodide): copy
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


def _store_path(learner: str | None) -> tuple[Path, str, str]:
    """(store file, learner id, display name); an explicit learner is both id and name."""
    if learner is not None:
        key = _clean_name(learner)
        return answers_dir() / f"{slug(key)}.json", key, key
    from kit import identity

    who = identity.current()
    return answers_dir() / f"{slug(who.id)}.json", who.id, who.display


def store_path(learner: str | None = None) -> Path:
    """The answers file of a learner (by id; the current learner by default)."""
    return _store_path(learner)[0]


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


def _attempts_of(store: dict, lesson: str, item: str, record: dict | None) -> list[dict]:
    """The attempts of a record; for one saved before attempts were kept, rebuilt from history."""
    if record is None:
        return []
    attempts = record.get("attempts")
    if isinstance(attempts, list):
        return [a for a in attempts if isinstance(a, dict)]
    history = store.get("history") if isinstance(store.get("history"), list) else []
    earlier = [h for h in history if isinstance(h, dict) and h.get("lesson") == lesson
               and h.get("item") == item and "answer" in h]
    return [_attempt(h) for h in (*earlier, record)]


def _attempt(rec: dict) -> dict:
    out = {"answer": rec.get("answer"), "time": rec.get("time"), "correct": rec.get("correct")}
    for flag in ("draft", "revision"):
        if rec.get(flag):
            out[flag] = True
    return out


def _bounded(attempts: list[dict]) -> list[dict]:
    """The latest ATTEMPT_LIMIT attempts holding at most ATTEMPT_CHARS characters of text."""
    attempts = attempts[-ATTEMPT_LIMIT:]
    total = 0
    for i in range(len(attempts) - 1, -1, -1):
        total += _check_answer(attempts[i].get("answer"))
        if total > ATTEMPT_CHARS and i < len(attempts) - 1:
            return attempts[i + 1:]
    return attempts


def _change(learner: str | None, change) -> Any:
    """Run change(store, name, learner_id) under the store's lock and write the store back."""
    import filelock

    try:
        path, key, name = _store_path(learner)
        with _lock(path):
            _remove_stale_temps(path)
            store = _read_store(path, name)
            out = change(store)
            store["learner"] = name
            store["learner_id"] = key
            _write_json(path, store)
            _update_class_copy(store, key, name)  # under the lock: copies arrive in save order
    except filelock.Timeout:
        raise SaveError(t("progress.busy")) from None
    except OSError as exc:
        raise SaveError(t("progress.write_failed", reason=exc.strerror or exc)) from exc
    return out


def save_answer(
    lesson: str,
    item: str,
    answer: Any,
    learner: str | None = None,
    *,
    correct: bool | None = None,
    kind: str | None = None,
    status: str | None = None,
) -> dict:
    """Save one answer: appended to the item's attempts; the latest is the record's answer.

    ``status="draft"`` keeps an answer too thin to judge: it is an attempt, and the record's
    answer only while nothing real was submitted. ``status="submitted"`` marks a real open
    answer; once the learner has seen the exemplar, a submission becomes a revision and is
    added to ``revisions``, leaving the answer that was judged in place.

    Raises SaveError (a ValueError) with a learner-facing sentence when the answer is too long
    or cannot be stored; nothing is written then, so the widget can keep the text in its box.
    """
    for ident in (lesson, item):
        if not isinstance(ident, str) or not ident.strip():
            raise SaveError(t("progress.bad_item"))
    if status not in (None, "draft", "submitted"):
        raise ValueError(f"status must be 'draft' or 'submitted', not {status!r}")
    n = _check_answer(answer)
    if n > MAX_TEXT_CHARS:
        raise SaveError(t("progress.too_long", n=MAX_TEXT_CHARS, got=n))
    if isinstance(answer, tuple):
        answer = list(answer)
    attempt: dict[str, Any] = {"answer": answer,
                               "correct": None if correct is None else bool(correct)}
    if status == "draft":
        attempt["draft"] = True

    def change(store: dict) -> dict:
        now = _now()  # taken under the lock, so attempts from two kernels stay in time order
        attempt["time"] = now
        items = store["answers"].setdefault(lesson, {})
        previous = items.get(item)
        attempts = _attempts_of(store, lesson, item, previous)
        if previous is not None and previous.get("exemplar_seen") and status != "draft":
            attempt["revision"] = True
            record = dict(previous)
            revisions = previous.get("revisions") if isinstance(previous.get("revisions"),
                                                                 list) else []
            record["revisions"] = [*revisions, {"answer": answer, "time": now}][-ATTEMPT_LIMIT:]
        elif status == "draft" and previous is not None and previous.get("status") != "draft":
            record = dict(previous)  # a thin edit never replaces an answer already submitted
        else:
            record = {"answer": answer, "time": now, "correct": attempt["correct"],
                      "kind": None if kind is None else str(kind)}
            if status is not None:
                record["status"] = status
            for key in ("self_level", "self_level_time", "exemplar_seen", "revisions"):
                if previous is not None and key in previous:
                    record[key] = previous[key]
            if previous is not None and previous.get("answer") != answer:
                history = store.get("history")
                history = history if isinstance(history, list) else []
                history.append({"lesson": lesson, "item": item, **_plain(previous)})
                store["history"] = history[-HISTORY_LIMIT:]
        first = previous.get("first") if previous is not None else None
        record["first"] = first if isinstance(first, dict) else (attempts[0] if attempts
                                                                 else dict(attempt))
        tries = previous.get("tries") if previous is not None else None
        record["tries"] = (tries if isinstance(tries, int) and not isinstance(tries, bool)
                           else len(attempts)) + 1
        record["attempts"] = _bounded([*attempts, attempt])
        items[item] = record
        return record

    return _change(learner, change)


def _plain(record: dict) -> dict:
    """A record without its attempt lists (history entries stay small)."""
    return {k: v for k, v in record.items() if k not in ("attempts", "first", "revisions")}


def set_self_level(lesson: str, item: str, level: str, learner: str | None = None) -> dict:
    """Keep the learner's own place on the rubric; from now on the exemplar counts as seen."""
    if level not in LEVELS:
        raise ValueError(f"level must be one of {', '.join(LEVELS)}, not {level!r}")

    def change(store: dict) -> dict:
        record = store["answers"].get(lesson, {}).get(item)
        if record is None:
            raise SaveError(t("progress.bad_item"))
        now = _now()
        record["self_level"] = level
        record["self_level_time"] = now
        record.setdefault("exemplar_seen", now)
        return record

    return _change(learner, change)


LEVELS = ("beginning", "developing", "secure")


def load_answers(learner: str | None = None) -> dict[str, dict[str, dict]]:
    """{lesson: {item: record}} for a learner; never raises (a bad file is repaired or reset)."""
    global _told_browser
    if platform.is_pyodide() and not _told_browser:  # JupyterLite: say where answers are kept
        _told_browser = True
        _notices.append(platform.browser_notice(get_language()))
    try:
        path, _key, name = _store_path(learner)
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


def _export_row(store: dict, lesson: str, item: str, rec: dict) -> dict:
    attempts = _attempts_of(store, lesson, item, rec)
    first = rec.get("first") if isinstance(rec.get("first"), dict) else attempts[0]
    tries = rec.get("tries")
    row = {
        "lesson": lesson,
        "item": item,
        "kind": rec.get("kind"),
        "answer": rec.get("answer"),
        "correct": rec.get("correct"),
        "time": rec.get("time"),
        "first": _attempt(first),
        "tries": tries if isinstance(tries, int) and not isinstance(tries, bool) and tries >= 1
        else len(attempts),
        "attempts": [_attempt(a) for a in attempts],
    }
    for key in ("status", "self_level", "exemplar_seen"):
        if isinstance(rec.get(key), str):
            row[key] = rec[key]
    if isinstance(rec.get("revisions"), list):
        row["revisions"] = [{"answer": r.get("answer"), "time": r.get("time")}
                            for r in rec["revisions"] if isinstance(r, dict)]
    return row


def export_answers(
    lang: str,
    learner: str | None = None,
    items: Iterable[str | tuple[str, str]] | None = None,
) -> Path:
    """Write answers/exports/<name>-<id hash>-<time>.json for the teacher and return its path.

    `items` limits the export to whole lessons ("01_claims") or single (lesson, item) pairs.
    The export has schema version 2: the learner's id beside the name, and every answer's
    first attempt, number of tries and attempts (data/schemas/export.schema.json).
    """
    if lang not in LANGUAGES:
        raise ValueError(t("progress.bad_language", langs=", ".join(LANGUAGES)))
    path, key, name = _store_path(learner)
    answers = load_answers(learner)
    store = _parse(path) or _empty_store(name)
    wanted = None if items is None else {w if isinstance(w, str) else tuple(w) for w in items}
    doc = _export_doc(store, answers, key, name, lang, wanted)
    now = doc["exported_at"]
    folder = path.parent / "exports"
    folder.mkdir(exist_ok=True)
    stamp = now.replace("-", "").replace(":", "").split(".")[0] + "Z"
    who = hashlib.sha256(key.encode("utf-8", "surrogatepass")).hexdigest()[:6]
    for counter in range(1, 1000):
        suffix = "" if counter == 1 else f"-{counter}"
        target = folder / f"{slug(name)}-{who}-{stamp}{suffix}.json"
        try:  # claim the name atomically, so two exports in one second never overwrite each other
            os.close(os.open(target, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
            break
        except FileExistsError:
            continue
    _write_json(target, doc, keep_backup=False, indent=1)  # a file people open: indented
    return target


def _export_doc(store: dict, answers: dict, key: str, name: str, lang: str,
                wanted: set | None = None, *, check: bool = True) -> dict:
    """The version-2 export document of one learner's answers, checked against its schema.

    The live class copy skips the check (about 0.1 s per save for a learner who has done every
    lesson); it is built by this same code, and tests check the copies against the schema.
    """
    import kit
    from kit.datasets import validate

    rows = []
    for lesson in sorted(answers):
        for item in sorted(answers[lesson]):
            if wanted is not None and lesson not in wanted and (lesson, item) not in wanted:
                continue
            rows.append(_export_row(store, lesson, item, answers[lesson][item]))
    doc = {
        "format": EXPORT_FORMAT,
        "schema_version": EXPORT_VERSION,
        "learner": name,
        "learner_id": key,
        "kit_version": kit.__version__,
        "language": lang,
        "exported_at": _now(),
        "answers": rows,
    }
    if check:
        validate(doc, "export", source="export")
    return doc


# ---------------------------------------------------------------- the live class view

_class_copy = {"problem": None, "told": False}


def class_copy_path(learner_id: str) -> Path | None:
    """Where a learner's live copy goes: KIT_CLASS_DIR/<slug of the id>.json (None if unset)."""
    folder = os.environ.get(CLASS_DIR_ENV, "").strip()
    return Path(folder) / f"{slug(learner_id)}.json" if folder else None


def _update_class_copy(store: dict, key: str, name: str) -> None:
    """Replace the learner's file in the class folder with their export; never raises.

    The folder must exist (the hub mounts it): a missing folder is reported to the learner,
    not created, so a copy never lands where the teacher cannot see it.
    """
    target = class_copy_path(key)
    if target is None:
        return
    tmp = None
    try:
        from kit.i18n import get_language

        if not target.parent.is_dir():
            raise FileNotFoundError(str(target.parent))
        doc = _export_doc(store, store["answers"], key, name, get_language(), check=False)
        tmp = target.with_name(f".{target.name}.{os.getpid()}-{os.urandom(4).hex()}.tmp")
        with open(tmp, "wb") as fh:
            fh.write(_dumps(doc))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
        tmp = None
        _class_copy.update(problem=None, told=False)
    except Exception as exc:  # the learner's own save has already succeeded
        _class_copy["problem"] = f"{type(exc).__name__}: {exc}"
    finally:
        if tmp is not None:
            try:
                tmp.unlink()
            except OSError:
                pass


def class_copy_notice() -> str | None:
    """Once per run of failures: a sentence for the learner that the class copy is behind."""
    if _class_copy["problem"] is None or _class_copy["told"]:
        return None
    _class_copy["told"] = True
    return t("live_class.copy_failed")


def class_copy_problem() -> str | None:
    """The last failure to update the class copy (for teachers and tests), or None."""
    return _class_copy["problem"]


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
