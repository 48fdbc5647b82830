"""Who the learner is: a stable id for their answers, and the name they gave beside it.

The id is, in order: KIT_LEARNER (a fixed learner for tests and demonstrations), the hub user
name where JUPYTERHUB_USER is set, else a random id made once (``uuid4().hex[:12]``) and kept in
``answers/learner.json`` with the learner's name. Answers are filed under the id, so correcting
a name keeps them, and two learners with the same name stay two learners.

``answers/learner.json``::

    {"learner": "ليلى", "learner_id": "3f9c0a1b2c4d", "name_prompted": false,
     "names": [{"name": "ليلي", "time": "…"}, {"name": "ليلى", "time": "…"}]}

A store written before ids existed (``answers/<slug of the name>.json``) is adopted the first
time the id is made, so nobody starts again from an empty record.
"""

from __future__ import annotations

import json
import os
import uuid
from dataclasses import dataclass
from pathlib import Path

from kit import progress

IDENTITY_FILE = "learner.json"
MAX_ID_CHARS = 200
NAMES_KEPT = 20


@dataclass(frozen=True)
class Identity:
    """The learner's id, the name they gave (None if skipped) and where the id came from."""

    id: str
    name: str | None
    source: str  # "env" (KIT_LEARNER), "hub" (JUPYTERHUB_USER) or "local" (made once)
    name_prompted: bool = False

    @property
    def display(self) -> str:
        """The name to show: the learner's own, else the hub user, else 'learner'."""
        if self.name:
            return self.name
        return self.id if self.source in ("env", "hub") else progress.DEFAULT_LEARNER


def new_id() -> str:
    """A fresh random learner id: 12 hexadecimal characters (48 bits)."""
    return uuid.uuid4().hex[:12]


def _path() -> Path:
    return progress.answers_dir() / IDENTITY_FILE


def _read() -> dict:
    try:
        data = json.loads(_path().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def _usable(value: object, limit: int = MAX_ID_CHARS) -> str | None:
    if not isinstance(value, str) or len(value) > limit:
        return None
    try:
        return progress._clean_name(value)
    except progress.SaveError:
        return None


def _name_of(data: dict) -> str | None:
    try:
        return progress._clean_name(data.get("learner"))
    except progress.SaveError:
        return None


def _from_env() -> Identity | None:
    fixed = _usable(os.environ.get("KIT_LEARNER"), progress.MAX_NAME_CHARS)
    if fixed:
        return Identity(fixed, fixed, "env", True)
    return None


def current() -> Identity:
    """The current learner; makes and keeps the id the first time it is needed."""
    fixed = _from_env()
    if fixed:
        return fixed
    data = _read()
    hub = _usable(os.environ.get("JUPYTERHUB_USER"))
    if hub and data.get("learner_id") == hub:
        return Identity(hub, _name_of(data), "hub", bool(data.get("name_prompted")))
    if not hub and _usable(data.get("learner_id")):
        return Identity(data["learner_id"], _name_of(data), "local",
                        bool(data.get("name_prompted")))
    return _create(hub)


def _create(hub: str | None) -> Identity:
    """Make the id (or take the hub's) under the identity file's lock; adopt an older store."""
    path = _path()
    with progress._lock(path):
        data = _read()
        known = _usable(data.get("learner_id"))
        if known and (known == hub or not hub):
            return current()
        ident = hub or new_id()
        _adopt_legacy_store(known or _name_of(data) or progress.DEFAULT_LEARNER, ident)
        data["learner_id"] = ident
        data.setdefault("name_prompted", False)
        progress._write_json(path, data, keep_backup=False)
    return Identity(ident, _name_of(data), "hub" if hub else "local",
                    bool(data.get("name_prompted")))


def _adopt_legacy_store(key: str, ident: str) -> None:
    """Rename the store kept under a name (kits before learner ids), or under the local id of a
    learner now on a hub, to the id's file."""
    folder = progress.answers_dir()
    old = folder / f"{progress.slug(key)}.json"
    new = folder / f"{progress.slug(ident)}.json"
    if old == new or not old.exists() or new.exists():
        return
    with progress._lock(old):
        if not old.exists():
            return
        for suffix in ("", ".bak"):
            source = Path(str(old) + suffix)
            if source.exists():
                os.replace(source, Path(str(new) + suffix))


def set_name(name: str) -> Identity:
    """Give or correct the learner's name; the id, and so every answer, stays the same.

    ValueError (a sentence in the learner's language) when the name cannot be used.
    """
    name = progress._clean_name(name)
    try:
        who = current()
    except OSError as exc:
        raise progress.SaveError(progress.t("progress.write_failed",
                                            reason=exc.strerror or exc)) from exc
    if who.source == "env":
        return Identity(who.id, name, "env", True)
    import filelock

    path = _path()
    try:
        with progress._lock(path):
            data = _read()
            data["learner_id"] = who.id
            names = data.get("names") if isinstance(data.get("names"), list) else []
            if data.get("learner") != name:
                names = [*names, {"name": name, "time": progress._now()}][-NAMES_KEPT:]
            data.update({"learner": name, "names": names})
            progress._write_json(path, data, keep_backup=False)
    except filelock.Timeout:
        raise progress.SaveError(progress.t("progress.busy")) from None
    except OSError as exc:
        raise progress.SaveError(progress.t("progress.write_failed",
                                            reason=exc.strerror or exc)) from exc
    return Identity(who.id, name, who.source, bool(data.get("name_prompted")))


def name_prompt_due() -> bool:
    """True once: the learner answers without having given a name (no hub, no KIT_LEARNER)."""
    try:
        who = current()
    except Exception:
        return False
    return who.source == "local" and not who.name and not who.name_prompted


def mark_name_prompted() -> None:
    """Remember that the learner was asked about the skipped name, so it is asked only once."""
    path = _path()
    try:
        with progress._lock(path):
            data = _read()
            data["name_prompted"] = True
            progress._write_json(path, data, keep_backup=False)
    except Exception:  # asking again later is better than failing an answer
        pass


def answer_count(learner: str | None = None) -> int:
    """How many items the learner has answered (shown when a name is corrected)."""
    return sum(len(items) for items in progress.load_answers(learner).values())


def short_id(ident: str) -> str:
    """A short, stable tag to tell two learners with one name apart (6 hex characters)."""
    import hashlib

    return hashlib.sha256(ident.encode("utf-8", "surrogatepass")).hexdigest()[:6]
