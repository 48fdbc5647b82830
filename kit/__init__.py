"""Town Square Kit: media-literacy lessons on one real news article.

The learner-facing API is small and flat; heavy modules (pandas, plotly,
ipywidgets) load only when a name that needs them is first used, so
``import kit`` stays cheap.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

# public name -> module that defines it (PEP 562 lazy attributes)
_EXPORTS: dict[str, str] = {
    "load_article": "kit.article",
    "Article": "kit.article",
    "find_numbers": "kit.finders",
    "find_dates": "kit.finders",
    "weekday_conflicts": "kit.finders",
    "date_checks": "kit.finders",
    "find_quotes": "kit.finders",
    "group_speakers": "kit.finders",
    "load_dataset": "kit.datasets",
    "DataError": "kit.datasets",
    "set_language": "kit.i18n",
    "get_language": "kit.i18n",
    "save_answer": "kit.progress",
    "load_answers": "kit.progress",
    "set_learner": "kit.progress",
    "current_learner": "kit.progress",
    "export_answers": "kit.progress",
    "claims_table": "kit.claims",
    "numbers_table": "kit.references",
    "audience_estimates": "kit.references",
    "start": "kit.lesson",
    "load_class": "kit.classroom",
    "analyse": "kit.workbench",
    "article_input": "kit.workbench",
}

# Submodules reachable as attributes without an import of their own (kit.claims.…).
_SUBMODULES = frozenset({
    "article", "assessment", "charts", "claimreview", "claims", "classroom", "dashboard", "dates",
    "exercises", "finders", "framing", "hub", "i18n", "lesson", "numbers", "platform", "progress",
    "quotes", "references", "sources", "teacher", "translation", "workbench", "worksheet",
})

__all__ = sorted(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name in _SUBMODULES:
        return import_module(f"kit.{name}")
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module 'kit' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(_EXPORTS) | _SUBMODULES)

