"""kit.hub links, and what JupyterLite needs: a pure wheel, no threads or subprocesses."""

from __future__ import annotations

import ast
import doctest
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

import kit.hub
from kit.hub import binder_link, nbgitpuller_link, start_urlpath

ROOT = Path(__file__).resolve().parent.parent
KIT = ROOT / "kit"

# Modules that cannot work in a browser kernel (Pyodide) or start work behind the learner's back.
NOT_IN_A_BROWSER = {"subprocess", "threading", "_thread", "multiprocessing", "concurrent",
                    "ctypes", "socket", "requests", "urllib.request"}


def test_doctests():
    assert doctest.testmod(kit.hub).failed == 0


def test_nbgitpuller_link_round_trips_every_parameter():
    repo = "https://github.com/ORG/town-square-kit.git"
    link = nbgitpuller_link("https://hub.school.example/", repo, branch="spring-2026", lang="en")
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == \
        ("https", "hub.school.example", "/hub/user-redirect/git-pull")
    query = {k: v[0] for k, v in parse_qs(parts.query).items()}
    assert query == {"repo": repo, "branch": "spring-2026", "targetpath": "town-square-kit",
                     "urlpath": "lab/tree/town-square-kit/notebooks/en/00_start_here.ipynb"}


def test_nbgitpuller_link_keeps_a_hub_under_a_prefix_and_an_explicit_urlpath():
    link = nbgitpuller_link("http://127.0.0.1:8000/course", "file:///srv/kit.git",
                            urlpath="lab/tree/kit/notebooks/ar/03_numbers.ipynb", targetpath="kit")
    assert link.startswith("http://127.0.0.1:8000/course/hub/user-redirect/git-pull?")
    query = parse_qs(urlsplit(link).query)
    assert query["urlpath"] == ["lab/tree/kit/notebooks/ar/03_numbers.ipynb"]
    assert query["repo"] == ["file:///srv/kit.git"]


@pytest.mark.parametrize("hub_url", ["hub.example.org", "ftp://hub.example.org", "https://"])
def test_nbgitpuller_link_refuses_a_hub_address_without_scheme_or_host(hub_url):
    with pytest.raises(ValueError, match="https://"):
        nbgitpuller_link(hub_url, "https://github.com/ORG/REPO")


def test_nbgitpuller_link_refuses_a_target_outside_the_home():
    with pytest.raises(ValueError, match="targetpath"):
        nbgitpuller_link("https://hub.example.org", "https://github.com/ORG/REPO",
                         targetpath="../elsewhere")


@pytest.mark.parametrize("repo", ["ORG/town-square-kit", "https://github.com/ORG/town-square-kit",
                                  "https://github.com/ORG/town-square-kit.git/"])
def test_binder_link_accepts_the_usual_ways_of_naming_a_repository(repo):
    link = binder_link(repo, lang="en")
    assert link == ("https://mybinder.org/v2/gh/ORG/town-square-kit/learners"
                    "?urlpath=lab%2Ftree%2Fnotebooks%2Fen%2F00_start_here.ipynb")


def test_learners_links_point_at_the_learner_edition_and_the_teachers_at_main():
    """Learners get the branch kit.distribute builds; the teacher's clone has its own folder."""
    learners = parse_qs(urlsplit(nbgitpuller_link("https://hub.example.org",
                                                  "https://github.com/ORG/KIT")).query)
    assert learners["branch"] == ["learners"] and learners["targetpath"] == ["town-square-kit"]
    assert "/learners?" in binder_link("ORG/KIT")
    teacher = parse_qs(urlsplit(kit.hub.teacher_link("https://hub.example.org",
                                                     "https://github.com/ORG/KIT", "en")).query)
    assert teacher["branch"] == ["main"]
    assert teacher["targetpath"] == ["town-square-kit-teacher"]
    path = teacher["urlpath"][0].removeprefix("lab/tree/town-square-kit-teacher/")
    assert (ROOT / path).is_file(), path
    with pytest.raises(ValueError, match="ar, en"):
        kit.hub.teacher_link("https://hub.example.org", "https://github.com/ORG/KIT", "fr")


def test_binder_link_and_start_urlpath_name_what_is_wrong():
    with pytest.raises(ValueError, match="ORG/REPO"):
        binder_link("town-square-kit")
    with pytest.raises(ValueError, match="ar, en"):
        start_urlpath("fr")


def test_start_notebooks_the_links_point_at_exist():
    for lang in kit.hub.EDITIONS:
        path = start_urlpath(lang).removeprefix("lab/tree/")
        assert (ROOT / path).is_file(), path
    assert (ROOT / "notebooks/teacher/ar/lesson_plan.ipynb").is_file()  # docs/hub-admins.md


# ---------------------------------------------------------------- ready for JupyterLite


def _import_time_imports(tree: ast.Module) -> list[tuple[int, str]]:
    """Modules imported when the file is imported: module and class bodies, not function bodies."""
    found: list[tuple[int, str]] = []

    def visit(nodes: list[ast.stmt]) -> None:
        for node in nodes:
            if isinstance(node, ast.Import):
                found.extend((node.lineno, alias.name) for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
                found.append((node.lineno, node.module))
                found.extend((node.lineno, f"{node.module}.{a.name}") for a in node.names)
            elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                continue
            for field in ("body", "orelse", "finalbody", "handlers"):
                child = getattr(node, field, None)
                if isinstance(child, list):
                    visit([c for c in child if isinstance(c, ast.stmt | ast.ExceptHandler)])

    visit(tree.body)
    return found


def _is_forbidden(module: str) -> bool:
    return any(module == bad or module.startswith(bad + ".") for bad in NOT_IN_A_BROWSER)


def test_the_import_scanner_sees_imports_in_if_try_and_class_bodies():
    source = ("import os\ntry:\n    import threading\nexcept ImportError:\n    pass\n"
              "if True:\n    from concurrent import futures\n"
              "class A:\n    import subprocess\n"
              "def f():\n    import multiprocessing\n")
    names = {m for _, m in _import_time_imports(ast.parse(source))}
    assert {"os", "threading", "concurrent", "subprocess"} <= names
    assert "multiprocessing" not in names


def test_kit_starts_no_threads_or_subprocesses_at_import():
    """Pyodide has no subprocesses and no threads: importing any kit module must not need them."""
    offences = []
    for path in sorted(KIT.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        offences += [f"{path.relative_to(ROOT)}:{line} imports {module}"
                     for line, module in _import_time_imports(tree) if _is_forbidden(module)]
    assert not offences, "\n".join(offences)


def test_kit_has_no_compiled_code_of_its_own():
    compiled = [p for p in KIT.rglob("*") if p.suffix in {".c", ".cpp", ".pyx", ".so", ".pyd"}]
    assert not compiled, compiled


@pytest.mark.slow
def test_the_wheel_is_pure_python_and_carries_the_data(tmp_path):
    """The wheel JupyterLite serves from its pypi/ folder: py3-none-any, article inside."""
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--quiet", "--wheel-dir",
         str(tmp_path), str(ROOT)],
        capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, f"pip wheel failed:\n{result.stdout}\n{result.stderr}"
    wheels = list(tmp_path.glob("*.whl"))
    assert len(wheels) == 1, wheels
    assert wheels[0].name.endswith("-py3-none-any.whl"), wheels[0].name
    with zipfile.ZipFile(wheels[0]) as whl:
        names = set(whl.namelist())
        wheel_meta = next(n for n in names if n.endswith(".dist-info/WHEEL"))
        assert "Root-Is-Purelib: true" in whl.read(wheel_meta).decode()
    assert "kit/_data/article/article_ar.txt" in names
    assert "kit/hub.py" in names
    assert not [n for n in names if n.endswith((".so", ".pyd", ".dylib"))]
