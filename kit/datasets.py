"""Load the kit's JSON datasets from data/ and validate each against its schema."""

from __future__ import annotations

import json
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


def validate(data: Any, schema_name: str, source: str = "<data>") -> None:
    """Raise DataError naming the file and the failing field if data breaks its schema."""
    import jsonschema

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
