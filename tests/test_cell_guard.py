"""A lesson cell run too early: a sentence in the learner's language, not a traceback."""

from __future__ import annotations

import json
import shutil
import sys
from pathlib import Path

import pytest

from kit import cell_guard
from kit.i18n import t

ROOT = Path(__file__).resolve().parent.parent
CONFIG = ROOT / "jupyter-config" / "ipython" / "ipython_kernel_config.py"


@pytest.mark.parametrize(("path", "lang"), [
    ("/x/notebooks/ar/01_claims.ipynb", "ar"), ("/x/notebooks/en/01_claims.ipynb", "en"),
    ("/x/notebooks/teacher/en/lesson_plan.ipynb", "en"),
    ("/x/elsewhere/ar/01_claims.ipynb", None), ("/x/notebooks/01.ipynb", None),
    ("/home/me/analysis.ipynb", None)])
def test_only_kit_lesson_notebooks_are_guarded(path, lang):
    assert cell_guard.edition_language(Path(path)) == lang


def test_names_a_cell_defines():
    code = "import kit\nfrom kit import charts, workbench as wb\nlesson = kit.start('x')\n" \
           "for i, row in enumerate([]):\n    pass\ndef f():\n    pass"
    assert cell_guard.defined_names(code) >= {"kit", "charts", "wb", "lesson", "i", "row", "f"}
    assert cell_guard.defined_names("this is not python(") == set()


def _notebook(tmp_path, lang="ar") -> Path:
    folder = tmp_path / "notebooks" / lang
    folder.mkdir(parents=True)
    nb = {"cells": [
        {"cell_type": "markdown", "metadata": {}, "source": '<div dir="rtl"><h1>الدرس</h1></div>'},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": 'import kit\nlesson = kit.start("00_start_here")'},
        {"cell_type": "markdown", "metadata": {}, "source": "## الأداة\nنص"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "box = 1"},
        {"cell_type": "code", "metadata": {}, "outputs": [], "execution_count": None,
         "source": "box + 1"},
    ], "metadata": {}, "nbformat": 4, "nbformat_minor": 5}
    for i, cell in enumerate(nb["cells"]):
        cell["id"] = f"cell-{i}"
    path = folder / "lesson.ipynb"
    path.write_text(json.dumps(nb), encoding="utf-8")
    return path


def test_the_sentence_names_the_cell_to_run_first(tmp_path):
    path = _notebook(tmp_path)
    assert cell_guard.message("lesson", "ar", path, {}) == t("guard.run_setup", "ar")
    assert cell_guard.message("kit", "en", path, {}) == t("guard.run_setup", "en")
    box = cell_guard.message("box", "ar", path, {"kit": object()})
    assert box == t("guard.run_cell_under", "ar", heading="الأداة") and "«الأداة»" in box
    # a learner's own typo once the kit is loaded: Python's usual message
    assert cell_guard.message("lessn", "ar", path, {"kit": object()}) is None
    # without the notebook file, a missing kit still means the setup cell
    assert cell_guard.message("lesson", "ar", None, {}) == t("guard.run_setup", "ar")


def test_the_guard_sentences_are_in_both_languages():
    for key in ("guard.run_setup", "guard.run_cell_under", "guard.run_cell_number"):
        ar, en = t(key, "ar", heading="x", n=2), t(key, "en", heading="x", n=2)
        assert ar != en and "Error" not in ar + en and "Traceback" not in ar + en


def test_the_kernel_config_is_installed_as_shared_data():
    import tomllib

    shared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert shared["jupyter-config/ipython/ipython_kernel_config.py"] == \
        "etc/ipython/ipython_kernel_config.py"
    assert "kit.cell_guard" in CONFIG.read_text(encoding="utf-8")
    installed = Path(sys.prefix) / "etc" / "ipython" / "ipython_kernel_config.py"
    if not installed.exists():
        pytest.fail(f"{installed} is missing: reinstall the kit (make lab / pip install -e .)")
    assert installed.read_text(encoding="utf-8") == CONFIG.read_text(encoding="utf-8")


def _run_out_of_order(path: Path, indices: list[int], monkeypatch, tmp_path) -> list[dict]:
    """Start a kernel as jupyter_server would for `path` and run only the given cells."""
    import nbformat
    from nbclient import NotebookClient

    monkeypatch.setenv("JPY_SESSION_NAME", str(path))
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=60, kernel_name="python3", allow_errors=True,
                            resources={"metadata": {"path": str(path.parent)}})
    outputs = []
    with client.setup_kernel():
        for i in indices:
            cell = client.execute_cell(nb.cells[i], i)
            outputs.append(cell.outputs)
    return outputs


@pytest.mark.slow
@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_lesson_cell_run_first_says_which_cell_to_run(lang, tmp_path, monkeypatch):
    """A real lesson notebook, its third code cell run before the setup cell, in a kernel that
    picked up the kit's kernel config from {sys.prefix}/etc/ipython."""
    folder = tmp_path / "notebooks" / lang
    folder.mkdir(parents=True)
    path = folder / "01_claims.ipynb"
    shutil.copy(ROOT / "notebooks" / lang / "01_claims.ipynb", path)
    nb = json.loads(path.read_text(encoding="utf-8"))
    code = [i for i, c in enumerate(nb["cells"]) if c["cell_type"] == "code"]
    asks = [i for i in code if "lesson.ask(" in "".join(nb["cells"][i]["source"])]
    setup = code[0]
    first, after_setup = _run_out_of_order(path, [asks[0], setup, asks[0]], monkeypatch,
                                           tmp_path)[0::2]
    assert [o["output_type"] for o in first] == ["display_data"], first
    text = first[0]["data"]["text/plain"]
    assert t("guard.run_setup", lang) in text
    html = first[0]["data"]["text/html"]
    assert ('dir="rtl"' in html) == (lang == "ar")
    assert not any(o["output_type"] == "error" for o in first)
    assert "Traceback" not in json.dumps(first) and "NameError" not in json.dumps(first)
    # once the setup cell has run, the same cell shows its widget
    assert not any(o["output_type"] == "error" for o in after_setup)
    assert any("application/vnd.jupyter.widget-view+json" in o.get("data", {})
               for o in after_setup)


@pytest.mark.slow
def test_a_typo_outside_the_kit_keeps_pythons_message(tmp_path, monkeypatch):
    path = _notebook(tmp_path, "en")
    import nbformat

    nb = nbformat.read(path, as_version=4)
    nb.cells[4].source = "import kit\nundefined_name_123"
    nbformat.write(nb, path)
    (out,) = _run_out_of_order(path, [4], monkeypatch, tmp_path)
    assert out and out[0]["output_type"] == "error" and out[0]["ename"] == "NameError"
