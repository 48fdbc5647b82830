"""Load the kit's JSON datasets from data/ and validate each against its schema."""

from __future__ import annotations

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


def validate(data: Any, schema_name: str, source: str = "<data>") -> None:
    """Raise DataError naming the file and the failing field if data breaks its schema."""
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
