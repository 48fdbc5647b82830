"""Lesson prose is plain Markdown: no inline HTML for direction or alignment (issue 17).

The kit's JupyterLab extension gives every rendered Markdown block the direction of its own
text, so no cell needs `dir=` or `style=`; tools/plain_markdown.py converts old cells.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = sorted((ROOT / "notebooks").glob("**/*.ipynb"))
DIRECTION_HTML = re.compile(r"""\b(dir|style)\s*=""", re.I)


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "notebooks")
                         .as_posix().removesuffix(".ipynb"))
def test_markdown_cells_carry_no_dir_or_style(path):
    cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
    found = []
    for index, cell in enumerate(cells):
        source = cell["source"]
        source = "".join(source) if isinstance(source, list) else source
        if cell["cell_type"] == "markdown" and DIRECTION_HTML.search(source):
            found.append(f"cell {index} ({cell.get('id')}): {source[:80]!r}")
    assert not found, (f"{path.name}: Markdown cells with dir= or style= "
                       f"(run tools/plain_markdown.py on it):\n" + "\n".join(found))
