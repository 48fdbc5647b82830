"""A cell run before the cell it needs says so in the learner's language, not with a traceback.

An IPython extension. The kit installs ``etc/ipython/ipython_kernel_config.py`` into the
environment (pyproject shared-data; IPython reads ``{sys.prefix}/etc/ipython``), which loads it
into every kernel of that environment. It registers a handler for ``NameError`` that acts only
for a kit lesson notebook, i.e. one under ``notebooks/ar`` or ``notebooks/en`` (or the teacher
edition's ``notebooks/teacher/ar|en``): the notebook path comes from ``JPY_SESSION_NAME`` (set
by jupyter_server for each kernel), else from the kernel's working folder.

When the missing name is made by another cell of the notebook (``lesson``, ``article``,
``charts``, ``box``, …), the learner reads which cell to run first, named by the heading it
sits under; when ``kit`` itself is missing, the setup cell. Any other NameError (a typo in the
learner's own code) shows Python's usual message.
"""

from __future__ import annotations

import ast
import json
import os
import re
from functools import cache
from pathlib import Path
from typing import Any

_EDITIONS = ("ar", "en")
_HEADING = re.compile(r"<h[1-6][^>]*>(.*?)</h[1-6]>|^[ ]{0,3}#{1,6}[ \t]+([^\n]+)$",
                      re.S | re.M)
_TAG = re.compile(r"<[^>]+>")


def notebook_path() -> Path | None:
    """The notebook this kernel runs, if jupyter_server said (JPY_SESSION_NAME)."""
    name = os.environ.get("JPY_SESSION_NAME")
    if name and name.endswith(".ipynb"):
        return Path(name)
    return None


def edition_language(path: Path | None, cwd: Path | None = None) -> str | None:
    """'ar' or 'en' for a notebook under notebooks/ar|en (or teacher/ar|en), else None."""
    folder = path.parent if path is not None else (cwd or Path.cwd())
    parts = folder.parts
    if len(parts) >= 2 and parts[-1] in _EDITIONS and (
            parts[-2] == "notebooks" or (parts[-2] == "teacher" and len(parts) >= 3
                                         and parts[-3] == "notebooks")):
        return parts[-1]
    return None


def _source(cell: dict) -> str:
    src = cell.get("source", "")
    return "".join(src) if isinstance(src, list) else str(src)


def defined_names(code: str) -> set[str]:
    """Names a cell defines: assignments, imports, functions, classes, loop targets."""
    try:
        tree = ast.parse(code)
    except SyntaxError:
        return set()
    names: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
            names.add(node.id)
        elif isinstance(node, ast.Import | ast.ImportFrom):
            for alias in node.names:
                names.add((alias.asname or alias.name).split(".")[0])
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
            names.add(node.name)
    return names


def _heading_text(markdown: str) -> str:
    found = _HEADING.findall(markdown)
    if not found:
        return ""
    html, md = found[-1]  # the heading nearest the cells below
    return " ".join(_TAG.sub(" ", html or md).split())


@cache
def _cells(path: str, mtime: float) -> list[dict[str, Any]]:
    """The notebook's code cells: their number, the names they define, the heading above."""
    nb = json.loads(Path(path).read_text(encoding="utf-8"))
    heading = ""
    out = []
    code_number = 0
    for cell in nb.get("cells", []):
        source = _source(cell)
        if cell.get("cell_type") == "markdown":
            heading = _heading_text(source) or heading
        elif cell.get("cell_type") == "code":
            code_number += 1
            out.append({"number": code_number, "names": defined_names(source),
                        "heading": heading, "setup": "kit.start(" in source})
    return out


def cell_defining(name: str, path: Path | None) -> dict[str, Any] | None:
    """The first code cell of the notebook that defines `name` (None if unknown)."""
    if path is None or not path.is_file():
        return None
    try:
        cells = _cells(str(path), path.stat().st_mtime)
    except (OSError, ValueError):
        return None
    return next((c for c in cells if name in c["names"]), None)


def message(name: str, lang: str, path: Path | None, user_ns: dict | None = None) -> str | None:
    """The sentence for a missing name, or None when it is not the kit's (a learner's typo)."""
    from kit.i18n import t

    cell = cell_defining(name, path)
    if cell is not None and not cell["setup"]:
        if cell["heading"]:
            return t("guard.run_cell_under", lang, heading=cell["heading"])
        return t("guard.run_cell_number", lang, n=cell["number"])
    if cell is not None or name == "kit" or "kit" not in (user_ns or {}):
        return t("guard.run_setup", lang)
    return None


def _html(text: str, lang: str) -> str:
    from kit.text import escape

    attrs = 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'
    align = "right" if lang == "ar" else "left"
    return (f'<div class="kit-guard" role="alert" {attrs} style="text-align:{align};'
            f'border-inline-start:4px dotted #D55E00;padding:4px 10px;margin:4px 0">'
            f"⚠ {escape(text)}</div>")


def handler(shell, etype, value, tb, tb_offset=None):
    """IPython custom exception handler for NameError (see IPython set_custom_exc)."""
    path = notebook_path()
    lang = edition_language(path)
    name = getattr(value, "name", None)
    if name is None:
        found = re.search(r"name '([^']+)' is not defined", str(value))
        name = found.group(1) if found else None
    text = message(name, lang, path, shell.user_ns) if lang and name else None
    if text is None:
        shell.showtraceback((etype, value, tb), tb_offset=tb_offset)
        return None
    from IPython.display import display

    shell._last_traceback = []  # the execute reply carries no traceback lines either
    display({"text/html": _html(text, lang), "text/plain": "⚠ " + text}, raw=True,
            metadata={"kit": "cell_guard"})
    return []


def load_ipython_extension(ipython) -> None:
    """Registered by the kernel config; a no-op outside a kit lesson notebook."""
    if edition_language(notebook_path()) is None:
        return
    ipython.set_custom_exc((NameError,), handler)


def unload_ipython_extension(ipython) -> None:
    ipython.set_custom_exc((), None)
