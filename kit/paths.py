"""Where the kit's data lives: a repository checkout, an installed wheel, or KIT_DATA_DIR."""

from __future__ import annotations

import os
from pathlib import Path

_HERE = Path(__file__).resolve().parent


def data_dir() -> Path:
    """The folder holding the article, datasets, schemas, lessons and strings."""
    override = os.environ.get("KIT_DATA_DIR")
    if override:
        return Path(override)
    checkout = _HERE.parent / "data"
    if (checkout / "article").is_dir():
        return checkout
    return _HERE / "_data"  # installed wheel (see pyproject force-include)
