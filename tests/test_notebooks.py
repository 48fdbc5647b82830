"""Every notebook runs top to bottom in a fresh kernel without an error output."""

from __future__ import annotations

import json

import pytest

from tests.notebook_runner import NOTEBOOKS, execute, lesson_notebooks, problems

ALL = [p for edition in ("ar", "en") for p in lesson_notebooks(edition)] + sorted(
    (NOTEBOOKS / "teacher").glob("*/*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_notebook_runs_top_to_bottom(path, tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LANG", raising=False)
    nb = execute(path)
    assert problems(nb) == []
    # the setup cell shows the lesson header in the edition's language
    header = json.dumps(nb.cells[1].get("outputs", []), ensure_ascii=False)
    lang = path.parent.name
    if lang in ("ar", "en"):
        assert ('dir=\\"rtl\\"' in header) == (lang == "ar")


@pytest.mark.parametrize("path", ALL, ids=lambda p: str(p.relative_to(NOTEBOOKS)))
def test_notebooks_are_committed_without_outputs(path):
    nb = json.loads(path.read_text(encoding="utf-8"))
    for cell in nb["cells"]:
        if cell["cell_type"] == "code":
            assert cell["outputs"] == [] and cell["execution_count"] is None
