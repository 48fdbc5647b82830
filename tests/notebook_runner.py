"""Run a notebook top to bottom in a fresh kernel (shared by the notebook tests and bench)."""

from __future__ import annotations

from pathlib import Path

import nbformat
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOKS = ROOT / "notebooks"


def lesson_notebooks(edition: str) -> list[Path]:
    return sorted((NOTEBOOKS / edition).glob("*.ipynb"))


def execute(path: Path, timeout: int = 180) -> nbformat.NotebookNode:
    """Execute in the notebook's own folder (so the kit picks the edition's language)."""
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=timeout, kernel_name="python3",
                            resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    return nb


def problems(nb: nbformat.NotebookNode) -> list[str]:
    """Error outputs and tracebacks printed to stderr, cell by cell."""
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error":
                found.append(f"cell {i}: {out.get('ename')}: {out.get('evalue')}")
            elif out.get("name") == "stderr" and ("Traceback" in out.get("text", "")
                                                   or "Error" in out.get("text", "")):
                found.append(f"cell {i}: stderr: {out['text'][:300]}")
    return found
