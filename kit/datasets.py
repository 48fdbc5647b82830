"""Load the kit's JSON datasets from data/ and validate each against its schema."""

from __future__ import annotations

import hashlib
import json
import sys
from functools import cache
from pathlib import Path
from typing import Any

from kit.paths import data_dir

DATASETS = ("claims", "sources", "numbers", "references", "framing", "translation",
            "lexicon_extra", "verdicts")


class DataError(ValueError):
    """A data file is missing, not JSON, or does not match its schema."""


def _read_json(path: Path) -> Any:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise DataError(f"{path}: file not found") from None
    except json.JSONDecodeError as exc:
        raise DataError(f"{path}: not valid JSON (line {exc.lineno}: {exc.msg})") from None


# Modules jsonschema imports only to offer format checks (date-time, idna-hostname, …), which
# the kit never asks for (no format_checker: "format" stays an annotation). Hidden while
# jsonschema is first imported, they spare each lesson's kernel ~60 ms and ~4 MiB; a later
# import of any of them works as usual.
_FORMAT_ONLY = ("fqdn", "idna", "rfc3987", "rfc3986_validator", "rfc3987_syntax",
                "rfc3339_validator", "webcolors", "jsonpointer", "uri_template", "isoduration")


def _jsonschema():
    """The jsonschema module, imported without its optional format-checking dependencies."""
    if "jsonschema" in sys.modules:
        return sys.modules["jsonschema"]
    hidden = [m for m in _FORMAT_ONLY if m not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # makes `import name` raise ImportError, which jsonschema skips
    try:
        import jsonschema
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return jsonschema


# Digests of documents that passed full validation against their schema when the kit's data
# was recorded (`python -m kit.datasets --record`): the same content against the same schema
# is valid again, so each kernel skips jsonschema (its import and ~0.1 s per lesson) for the
# data files as shipped. Anything else, an edited file included, is validated in full.
VALID_DIGESTS = "valid.sha256"
# (data file pattern under data/, schema name) of every document the kit validates on loading
RECORDED = (*((f"{name}.json", name) for name in DATASETS), ("nouns.json", "nouns"),
            ("glossary.json", "glossary"), ("lessons/*/*.json", "lesson"),
            ("assessment/*.json", "assessment"), ("teacher_guide/*.json", "teacher_guide"))


def _canonical(data: Any) -> bytes:
    return json.dumps(data, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":")).encode("utf-8", "surrogatepass")


def digest(data: Any, schema_name: str, schema: dict | None = None) -> str:
    """SHA-256 of a schema's content and a document's content (key order ignored); the schema
    is the kit's own unless given."""
    schema = _schema(schema_name) if schema is None else schema
    return hashlib.sha256(_canonical(schema) + b"\n" + _canonical(data)).hexdigest()


@cache
def _recorded() -> frozenset[str]:
    try:
        text = (data_dir() / "schemas" / VALID_DIGESTS).read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    return frozenset(line.strip() for line in text.splitlines()
                     if line.strip() and not line.startswith("#"))


def validate(data: Any, schema_name: str, source: str = "<data>") -> None:
    """Raise DataError naming the file and the failing field if data breaks its schema."""
    if digest(data, schema_name) in _recorded():
        return
    jsonschema = _jsonschema()
    schema = _schema(schema_name)
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        first = errors[0]
        where = "/".join(str(p) for p in first.absolute_path) or "(top level)"
        more = f" (and {len(errors) - 1} more problems)" if len(errors) > 1 else ""
        raise DataError(f"{source}: at {where}: {first.message}{more}")


@cache
def _schema(name: str) -> dict:
    return _read_json(data_dir() / "schemas" / f"{name}.schema.json")


@cache
def load_dataset(name: str) -> Any:
    """Return data/<name>.json after checking it against data/schemas/<name>.schema.json.

    >>> len(load_dataset("claims")["items"]) > 0
    True
    """
    if name not in DATASETS:
        raise DataError(f"There is no dataset {name!r}. The datasets are: {', '.join(DATASETS)}")
    path = data_dir() / f"{name}.json"
    data = _read_json(path)
    validate(data, name, source=str(path))
    return data


def record(folder: Path | None = None) -> list[str]:
    """Validate every document in RECORDED under a data folder in full, against that folder's
    own schemas, and write their digests to its VALID_DIGESTS (the learner edition records its
    own: its lessons and lesson schema differ); DataError (nothing written) if one breaks its
    schema."""
    folder = folder or data_dir()
    digests = []
    for pattern, schema_name in RECORDED:
        paths = sorted(folder.glob(pattern))
        schema = _read_json(folder / "schemas" / f"{schema_name}.schema.json") if paths else {}
        for path in paths:
            data = _read_json(path)
            jsonschema = _jsonschema()
            errors = list(jsonschema.Draft202012Validator(schema).iter_errors(data))
            if errors:
                raise DataError(f"{path}: {errors[0].message} (nothing recorded)")
            digests.append(digest(data, schema_name, schema))
    (folder / "schemas" / VALID_DIGESTS).write_text(
        "# SHA-256 of schema + document content for every data file that passed validation\n"
        "# (kit.datasets.validate skips jsonschema for these). Rewrite: "
        "python -m kit.datasets --record\n" + "".join(f"{d}\n" for d in sorted(set(digests))),
        encoding="utf-8")
    _recorded.cache_clear()
    return digests


if __name__ == "__main__":
    if sys.argv[1:] == ["--record"]:
        print(f"{len(record())} documents valid, digests in data/schemas/{VALID_DIGESTS}")
    else:
        sys.exit("usage: python -m kit.datasets --record")
