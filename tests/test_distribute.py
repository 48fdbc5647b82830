"""The learner edition (kit.distribute): no teacher notebook, no plain key, the same feedback.

The edition is built once from this checkout into a temporary folder. Its own `kit` package is
imported from there (PYTHONPATH=<tree>, in a subprocess or a notebook kernel), so what is tested
is what a learner's kernel runs after an nbgitpuller pull with the hub's PYTHONPATH.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import nbformat
import pytest

from kit import distribute
from kit.distribute import DistributeError, build_learners, plain_keys, publish_learners
from kit.lesson import Lesson, choice_is_correct, is_correct, key_digest, lesson_ids, load_lesson

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
LEARNER = "learner-edition-test"  # one learner id in both trees: the same choice order

PROBE_MARKS = """
import json, kit
from kit.lesson import lesson_ids, load_lesson, is_correct
marks = {}
for lang in ("ar", "en"):
    for lesson in lesson_ids(lang):
        for item in load_lesson(lesson, lang)["items"]:
            for c in item.get("choices", []):
                marks[f"{lang}/{lesson}/{item['id']}/{c['id']}"] = is_correct(
                    lesson, lang, item["id"], c["id"])
            marks[f"{lang}/{lesson}/{item['id']}/not-a-choice"] = is_correct(
                lesson, lang, item["id"], "not-a-choice")
print(json.dumps({"kit": kit.__file__, "marks": marks}))
"""

PROBE_FEEDBACK = """
import json, kit
from kit.i18n import set_language
from kit.lesson import Lesson, lesson_ids
out = {}
for lang in ("ar", "en"):
    set_language(lang)
    for lesson in lesson_ids(lang):
        les = Lesson(lesson, lang)
        for item_id, item in les.items.items():
            if item["kind"] != "choice":
                continue
            widget = les.ask(item_id)
            for c in item["choices"]:
                widget.radio.value = c["id"]
                out[f"{lang}/{lesson}/{item_id}/{c['id']}"] = widget.feedback.value
print(json.dumps({"kit": kit.__file__, "feedback": out}))
"""


@pytest.fixture(scope="module")
def tree(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("learners") / "town-square-kit"
    edition = build_learners(out, ROOT)
    assert set(edition.hashed_items) == {"ar", "en"} and min(edition.hashed_items.values()) > 50
    return out


def _run_in(tree: Path, code: str, tmp_path: Path) -> dict:
    env = {**os.environ, "PYTHONPATH": str(tree), "KIT_ANSWERS_DIR": str(tmp_path / "answers"),
           "KIT_LEARNER": LEARNER}
    for name in ("KIT_DATA_DIR", "KIT_CLASS_DIR", "JUPYTERHUB_USER"):
        env.pop(name, None)
    tmp_path.mkdir(parents=True, exist_ok=True)
    result = subprocess.run([PYTHON, "-c", code], cwd=tmp_path, env=env, capture_output=True,
                            text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-3000:]
    data = json.loads(result.stdout.strip().splitlines()[-1])
    assert Path(data["kit"]).resolve().is_relative_to(tree.resolve()), data["kit"]
    return data


# ---------------------------------------------------------------- what is in it


def test_learners_get_their_notebooks_and_no_teacher_notebook(tree):
    assert sorted(p.name for p in (tree / "notebooks").iterdir()) == ["ar", "en"]
    for lang in ("ar", "en"):
        ours = sorted(p.name for p in (ROOT / "notebooks" / lang).glob("*.ipynb"))
        assert sorted(p.name for p in (tree / "notebooks" / lang).glob("*.ipynb")) == ours
    teacher_names = {p.name for p in (ROOT / "notebooks" / "teacher").rglob("*.ipynb")}
    assert teacher_names and not [p for p in tree.rglob("*.ipynb") if p.name in teacher_names]
    for absent in ("tests", "docs", "tools", "bench", "answers", "notebooks/answers",
                   "kit/_data", "lite"):
        assert not (tree / absent).exists(), absent
    for needed in ("kit/__init__.py", "data/article", "pyproject.toml", "environment.yml",
                   "postBuild", ".gitignore", "README.md"):
        assert (tree / needed).exists(), needed


def test_no_plain_key_in_any_file(tree):
    assert plain_keys(ROOT / "data" / "lessons"), "the search finds the plain key in main"
    assert plain_keys(tree) == []
    # …and no JSON anywhere in the tree holds a boolean `correct`, however it is spaced
    def walk(node):
        if isinstance(node, dict):
            assert not isinstance(node.get("correct"), bool), node
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    for path in [*tree.rglob("*.json"), *tree.rglob("*.ipynb")]:
        walk(json.loads(path.read_text(encoding="utf-8")))
    assert "correct" not in (tree / "data/schemas/lesson.schema.json").read_text()


def test_no_answer_key_text(tree):
    """The teacher notebooks' words are nowhere, and kit.teacher cannot print a key there."""
    phrases = []
    for path in (ROOT / "notebooks" / "teacher").rglob("*.ipynb"):
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "markdown":
                phrases += [line.strip() for line in cell.source.splitlines()
                            if len(line.strip()) > 60]
    assert len(phrases) > 10
    texts = [p.read_text(encoding="utf-8", errors="replace") for p in tree.rglob("*")
             if p.is_file() and p.suffix in (".ipynb", ".json", ".md", ".py", ".txt")]
    assert not [p for p in phrases if any(p in text for text in texts)]


def test_every_choice_item_has_a_salted_key_that_decides_as_the_plain_one(tree):
    salts, items = set(), 0
    for lang in ("ar", "en"):
        for lesson in lesson_ids(lang):
            plain = load_lesson(lesson, lang)
            hashed = json.loads((tree / "data/lessons" / lang / f"{lesson}.json").read_text())
            for item, ours in zip(hashed["items"], plain["items"], strict=True):
                assert item["id"] == ours["id"]
                if ours["kind"] != "choice":
                    assert "key" not in item
                    assert item == ours  # rubric, exemplar, levels: unchanged
                    continue
                salts.add(item["key"]["salt"])
                items += 1
                right = {c["id"] for c in ours["choices"] if c["correct"]}
                assert len(item["key"]["sha256"]) == len(right)
                assert set(item["key"]["sha256"]) == {
                    key_digest(item["key"]["salt"], lesson, item["id"], r) for r in right}
                for c in ours["choices"]:
                    assert choice_is_correct(lesson, item, c["id"]) == c["correct"]
                texts = [(c["id"], c["text"], c["feedback"]) for c in item["choices"]]
                assert texts == [(c["id"], c["text"], c["feedback"]) for c in ours["choices"]]
    assert len(salts) == items > 100  # one salt per item, none shared


def test_the_learner_trees_kit_decides_every_choice_as_the_main_tree(tree, tmp_path):
    """Its kit loads every lesson (checked against the edition's schema) and is_correct agrees."""
    learner = _run_in(tree, PROBE_MARKS, tmp_path)["marks"]
    ours = {}
    for lang in ("ar", "en"):
        for lesson in lesson_ids(lang):
            for item in load_lesson(lesson, lang)["items"]:
                for c in item.get("choices", []):
                    ours[f"{lang}/{lesson}/{item['id']}/{c['id']}"] = c["correct"]
                ours[f"{lang}/{lesson}/{item['id']}/not-a-choice"] = \
                    False if item["kind"] == "choice" else None
    assert learner == ours
    assert sum(v is True for v in learner.values()) >= 134


def test_a_wrong_and_a_right_click_give_the_same_feedback_in_both_trees(tree, tmp_path,
                                                                        monkeypatch):
    learner = _run_in(tree, PROBE_FEEDBACK, tmp_path / "learner")["feedback"]
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "main" / "answers"))
    monkeypatch.setenv("KIT_LEARNER", LEARNER)
    monkeypatch.delenv("KIT_CLASS_DIR", raising=False)
    ours = {}
    for lang in ("ar", "en"):
        for lesson in lesson_ids(lang):
            les = Lesson(lesson, lang)
            for item_id, item in les.items.items():
                if item["kind"] == "choice":
                    widget = les.ask(item_id)
                    for c in item["choices"]:
                        widget.radio.value = c["id"]
                        ours[f"{lang}/{lesson}/{item_id}/{c['id']}"] = widget.feedback.value
    assert learner.keys() == ours.keys()
    different = [k for k in ours if learner[k] != ours[k]]
    assert not different, different[:5]
    marks = {"✓" in v for v in ours.values()}
    assert marks == {True, False}  # both right and wrong clicks were compared


def test_kit_teacher_cannot_print_a_key_in_the_learner_tree(tree, tmp_path):
    code = """
import json, kit
try:
    from kit import teacher
    html = teacher.answer_key("en").data
except Exception as exc:
    html = type(exc).__name__
print(json.dumps({"kit": kit.__file__, "html": html}))
"""
    html = _run_in(tree, code, tmp_path)["html"]
    assert "✓" not in html


@pytest.mark.parametrize("notebook", ["ar/00_start_here.ipynb", "ar/03_numbers.ipynb",
                                      "en/00_start_here.ipynb"])
def test_learner_notebooks_run_top_to_bottom_on_the_trees_own_kit(tree, tmp_path, monkeypatch,
                                                                   notebook):
    from tests.notebook_runner import execute, problems

    monkeypatch.setenv("PYTHONPATH", str(tree))
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_DATA_DIR", raising=False)
    monkeypatch.delenv("KIT_CLASS_DIR", raising=False)
    path = tree / "notebooks" / notebook
    nb = nbformat.read(path, as_version=4)
    nb.cells.append(nbformat.v4.new_code_cell(
        "import kit, kit.paths\nprint('KIT', kit.__file__, kit.paths.data_dir())"))
    copy = path.with_name(f"_probe_{path.name}")
    nbformat.write(nb, copy)
    try:
        done = execute(copy, timeout=300)
    finally:
        copy.unlink()
    assert problems(done) == []
    printed = "".join(o.get("text", "") for o in done.cells[-1].outputs)
    assert f"KIT {tree}/kit/__init__.py {tree}/data" in printed, printed


# ---------------------------------------------------------------- building safely


def test_the_build_refuses_folders_it_must_not_empty(tree, tmp_path):
    with pytest.raises(DistributeError, match="overlap"):
        build_learners(ROOT / "build" / "learners", ROOT)
    with pytest.raises(DistributeError, match="overlap"):
        build_learners(ROOT.parent, ROOT)
    busy = tmp_path / "busy"
    busy.mkdir()
    (busy / "mine.txt").write_text("a learner's file")
    with pytest.raises(DistributeError, match="not empty"):
        build_learners(busy, ROOT)
    assert (busy / "mine.txt").read_text() == "a learner's file"


def test_a_learner_edition_is_not_hashed_twice(tree, tmp_path):
    with pytest.raises(DistributeError, match="already a learner edition"):
        build_learners(tmp_path / "again", tree)


def test_the_command_needs_a_folder_or_a_branch():
    result = subprocess.run([PYTHON, "-m", "kit.distribute", "learners"], capture_output=True,
                            text=True, cwd=ROOT)
    assert result.returncode == 2 and "OUT_DIR" in result.stderr


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-c", "user.name=T", "-c", "user.email=t@example.org", *args],
                          cwd=repo, capture_output=True, text=True, check=True).stdout


def test_the_branch_is_committed_without_touching_the_repositorys_work_tree(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    (repo / "notes.txt").write_text("main branch\n")
    _git(repo, "add", "notes.txt")
    _git(repo, "commit", "-q", "-m", "main")
    (repo / "notes.txt").write_text("an uncommitted change\n")
    head = _git(repo, "rev-parse", "HEAD")

    # a frozen copy of the source: others may be editing this checkout while the test runs
    source = tmp_path / "source"
    for rel in distribute.source_files(ROOT):
        (source / rel).parent.mkdir(parents=True, exist_ok=True)
        (source / rel).write_bytes((ROOT / rel).read_bytes())
    first = publish_learners(repo, "learners", source=source)
    assert first.commit
    files = _git(repo, "ls-tree", "-r", "--name-only", "learners").split()
    assert "notebooks/ar/00_start_here.ipynb" in files and "kit/lesson.py" in files
    assert not [f for f in files if f.startswith(("notebooks/teacher", "tests/"))]
    lesson = json.loads(_git(repo, "show", "learners:data/lessons/ar/01_claims.json"))
    assert all("key" in i for i in lesson["items"] if i["kind"] == "choice")
    # the repository's own branch, index and files are as they were
    assert _git(repo, "rev-parse", "HEAD") == head
    assert _git(repo, "branch", "--show-current").strip() == "main"
    assert (repo / "notes.txt").read_text() == "an uncommitted change\n"
    assert _git(repo, "status", "--porcelain").split() == ["M", "notes.txt"]

    # a rebuild keeps the salts, so nothing changed means no new commit
    again = publish_learners(repo, "learners", source=source)
    assert again.commit is None and again.kept_salts == sum(first.hashed_items.values())
    assert _git(repo, "rev-list", "--count", "learners").strip() == "1"


def test_the_command_line_builds_a_branch(tmp_path):
    repo = tmp_path / "repo"
    repo.mkdir()
    _git(repo, "init", "-q", "-b", "main")
    result = subprocess.run(
        [PYTHON, "-m", "kit.distribute", "learners", "--branch", "learners", "--repo", str(repo),
         "--source", str(ROOT)], capture_output=True, text=True, cwd=tmp_path, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "branch learners: commit" in result.stdout
    assert "git push <remote> learners" in result.stdout
    assert distribute.BRANCH == "learners"


@pytest.mark.slow
def test_the_wheel_built_from_the_learner_tree_carries_no_key(tree, tmp_path):
    """Binder's postBuild installs the tree with pip: the data it copies to kit/_data is hashed."""
    result = subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                             "--quiet", "--wheel-dir", str(tmp_path), str(tree)],
                            capture_output=True, text=True, timeout=600)
    if result.returncode != 0 and "hatchling" in result.stderr:
        result = subprocess.run([PYTHON, "-m", "pip", "wheel", "--no-deps", "--quiet",
                                 "--wheel-dir", str(tmp_path), str(tree)],
                                capture_output=True, text=True, timeout=600)
    assert result.returncode == 0, result.stderr[-2000:]
    (wheel,) = tmp_path.glob("*.whl")
    with zipfile.ZipFile(wheel) as whl:
        names = whl.namelist()
        assert "kit/_data/lessons/ar/00_start_here.json" in names
        leaks = [n for n in names if not n.endswith(".py")
                 and distribute.PLAIN_KEY.search(whl.read(n))]
    assert not leaks, leaks
    assert not [n for n in names if "teacher/" in n or n.endswith("answer_key.ipynb")]


def test_is_correct_covers_choices_coding_and_items_without_a_right_answer():
    assert is_correct("00_start_here", "ar", "q_run", "shift_enter") is True
    assert is_correct("00_start_here", "ar", "q_run", "save") is False
    assert is_correct("00_start_here", "ar", "q_run", None) is False
    assert is_correct("00_start_here", "ar", "reaction", "anything") is None
    assert is_correct("00_start_here", "ar", "no_such_item", "x") is None
    assert is_correct("99_nothing", "ar", "q_run", "x") is None
    from kit.framing import reference_coding

    para, frame = next(iter(reference_coding().items()))
    assert is_correct("04_framing", "en", f"code_p{para}", frame) is True
    assert is_correct("04_framing", "en", f"code_p{para}", "not-a-frame") is False
    assert is_correct("03_numbers", "en", f"code_p{para}", frame) is None


def test_the_learner_trees_kernels_skip_validation_of_its_own_data(tree, tmp_path):
    # Its lessons (hashed keys) and lesson schema differ from the main tree's: the build
    # validates them in full and records their digests, so a lesson's kernel there loads its
    # data without importing jsonschema, as in the main tree.
    code = """
import json, sys, kit
from kit.lesson import Lesson
Lesson("03_numbers", "ar").ask("q_hedge")
print(json.dumps({"kit": kit.__file__, "jsonschema": "jsonschema" in sys.modules}))
"""
    assert _run_in(tree, code, tmp_path)["jsonschema"] is False
    recorded = (tree / "data" / "schemas" / "valid.sha256").read_text(encoding="utf-8")
    assert recorded != (ROOT / "data" / "schemas" / "valid.sha256").read_text(encoding="utf-8")
