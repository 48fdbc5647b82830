"""The learner edition: what learners receive, with no teacher notebook and no plain-text key.

    python -m kit.distribute learners OUT_DIR              # build the tree in OUT_DIR
    python -m kit.distribute learners --branch learners    # commit it to the branch `learners`

The learner edition holds the learners' notebooks (notebooks/ar, notebooks/en), the kit package,
its data, and what Binder and ``pip install .`` need (pyproject.toml, environment.yml, postBuild,
the prebuilt JupyterLab extension, jupyter-config). Left out: notebooks/teacher (answer key,
lesson plan, dashboard), tests, docs, tools, bench. In every lesson file each choice loses its
plain ``correct`` flag; the item gets ``"key": {"salt": <random>, "sha256": [...]}``, the
SHA-256 of salt + lesson + item + choice id of each right choice (kit.lesson.key_digest), and
the lesson schema is adjusted to match. kit.lesson decides correctness from either form, so the
feedback a learner sees is the same in both trees.

``--branch`` never touches the working tree or the index of the repository: the tree is
committed with a temporary index (git plumbing), its parent is the branch's previous commit
(so nbgitpuller updates learners by a normal merge), and the salts of items already on the
branch are kept, so a rebuild changes only what changed. See docs/teacher-edition.md.
"""

from __future__ import annotations

import argparse
import copy
import json
import os
import re
import secrets
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kit.lesson import KEY_FIELD, key_digest

# subprocess (git) is imported where it is used: the kit imports in JupyterLite, which has none.

ROOT = Path(__file__).resolve().parent.parent
BRANCH = "learners"

# Paths of the source tree that make up the learner edition (files, or folders ending in "/").
INCLUDE = ("kit/", "data/", "notebooks/ar/", "notebooks/en/", "labextension/prebuilt/",
           "labextension/install.json", "jupyter-config/", "pyproject.toml", "environment.yml",
           "postBuild", ".gitignore", "LICENSE")
# Never, even inside an included folder: built data, caches, saved answers.
EXCLUDE = re.compile(r"(^|/)(__pycache__|\.ipynb_checkpoints|answers)(/|$)|^kit/_data/|\.pyc$")
LESSONS = re.compile(r"^data/lessons/(ar|en)/([^/]+)\.json$")
LESSON_SCHEMA = "data/schemas/lesson.schema.json"
# A plain key as JSON writes it. Every file but Python code (.py, .pyc) is searched: lesson data
# is never Python, and the kit's modules may show a learner's answers store in a docstring (where
# `correct` is the learner's own result) or build lesson 07's checks from the learner's own
# article at run time (kit.worksheet).
PLAIN_KEY = re.compile(rb"""["']correct["']\s*:\s*(true|false)\b""")

README = """# Town Square Kit — learner edition

Built by `python -m kit.distribute learners` from {source}. Do not edit here: change the
main branch and build again.

This tree is what learners receive: the notebooks in `notebooks/ar` (Arabic) and
`notebooks/en` (English), the `kit` package and its data. It holds no teacher notebook, and the
answers to the lessons' checks are stored as salted hashes, not in plain text. The teacher
edition (lesson plans, answer key, class dashboard) is the main branch: see
`docs/teacher-edition.md` there.
"""


class DistributeError(RuntimeError):
    """The learner edition could not be built (the message says why)."""


@dataclass
class Edition:
    """What a build produced."""

    out: Path
    files: int = 0
    hashed_items: dict[str, int] = field(default_factory=dict)  # language -> choice items
    kept_salts: int = 0
    source: str = ""
    commit: str | None = None


# ---------------------------------------------------------------- which files


def _included(rel: str) -> bool:
    if EXCLUDE.search(rel):
        return False
    return any(rel == p or (p.endswith("/") and rel.startswith(p)) for p in INCLUDE)


def source_files(source: Path) -> list[str]:
    """The files of the source tree (git's view where it is a checkout) in the edition."""
    import subprocess

    listed = None
    if (source / ".git").exists():
        result = subprocess.run(
            ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
            cwd=source, capture_output=True)
        if result.returncode == 0:
            listed = result.stdout.decode("utf-8", "surrogateescape").split("\0")
    if listed is None:
        listed = [p.relative_to(source).as_posix() for p in source.rglob("*") if p.is_file()]
    return sorted({rel for rel in listed if rel and _included(rel) and (source / rel).is_file()})


def _describe(source: Path) -> str:
    import subprocess

    try:
        sha = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=source,
                             capture_output=True, text=True, check=True).stdout.strip()
        dirty = subprocess.run(["git", "status", "--porcelain", "--", *INCLUDE], cwd=source,
                               capture_output=True, text=True).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "a copy of the kit that is not a git checkout"
    return f"commit {sha}" + (" with uncommitted changes" if dirty else "")


# ---------------------------------------------------------------- the key, hashed


def hash_lesson(data: dict[str, Any], salts: dict[str, str] | None = None) -> tuple[dict, int]:
    """A lesson file's data with every choice item's key hashed; (new data, items hashed).

    ``salts`` gives salts to keep, by item id (from the previous build); others are new.
    """
    out = copy.deepcopy(data)
    lesson = out["lesson"]
    count = 0
    for item in out["items"]:
        if item.get("kind") != "choice":
            continue
        choices = item["choices"]
        if not all(isinstance(c.get("correct"), bool) for c in choices):
            raise DistributeError(f"{lesson}/{item['id']}: every choice needs a plain "
                                  f"'correct' (is this already a learner edition?)")
        salt = (salts or {}).get(item["id"]) or secrets.token_hex(16)
        right = [c["id"] for c in choices if c["correct"]]
        if not right:
            raise DistributeError(f"{lesson}/{item['id']}: no right choice")
        for c in choices:
            del c["correct"]
        item[KEY_FIELD] = {"salt": salt,
                           "sha256": sorted(key_digest(salt, lesson, item["id"], cid)
                                            for cid in right)}
        count += 1
    return out, count


def learner_schema(schema: dict[str, Any]) -> dict[str, Any]:
    """The lesson schema for hashed keys: no 'correct' on choices, a 'key' on choice items."""
    out = copy.deepcopy(schema)
    try:
        choice = out["$defs"]["choice"]
        choice["required"].remove("correct")
        del choice["properties"]["correct"]
        item = out["$defs"]["item"]
        item["properties"][KEY_FIELD] = {
            "description": "The learner edition's key: sha256(salt + lesson + item + choice id) "
                           "of each right choice (kit.distribute, kit.lesson.key_digest).",
            "type": "object", "required": ["salt", "sha256"], "additionalProperties": False,
            "properties": {"salt": {"type": "string", "pattern": "^[0-9a-f]{16,}$"},
                           "sha256": {"type": "array", "minItems": 1, "items": {
                               "type": "string", "pattern": "^[0-9a-f]{64}$"}}}}
        rules = [r for r in item["allOf"]
                 if r.get("if", {}).get("properties", {}).get("kind", {}).get("const") == "choice"]
        if len(rules) != 1:
            raise KeyError("the rule for choice items")
        rules[0]["then"] = {"required": ["choices", KEY_FIELD]}
    except (KeyError, ValueError, TypeError) as exc:
        raise DistributeError(f"{LESSON_SCHEMA} changed shape; update kit.distribute."
                              f"learner_schema ({exc})") from None
    return out


def _dump(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def plain_keys(tree: Path) -> list[str]:
    """Files of a tree (any kind but Python code, kit/_data included) with a plain key."""
    return sorted(p.relative_to(tree).as_posix() for p in tree.rglob("*")
                  if p.is_file() and p.suffix not in (".py", ".pyc")
                  and ".git" not in p.relative_to(tree).parts
                  and PLAIN_KEY.search(p.read_bytes()))


# ---------------------------------------------------------------- building


def build_learners(out: Path, source: Path = ROOT,
                   salts: dict[tuple[str, str, str], str] | None = None) -> Edition:
    """Write the learner edition into out (emptied first if it holds an earlier edition)."""
    source, out = Path(source).resolve(), Path(out).resolve()
    if out.is_relative_to(source) or source.is_relative_to(out):
        raise DistributeError(f"{out} and the source tree {source} overlap; "
                              "choose a folder outside it")
    if out.exists() and any(out.iterdir()):
        readme = out / "README.md"
        if not (readme.is_file() and readme.read_text(encoding="utf-8", errors="replace")
                .startswith(README.splitlines()[0])):
            raise DistributeError(f"{out} is not empty and holds no learner edition; "
                                  "choose an empty or new folder")
        for child in out.iterdir():
            if child.name == ".git":
                continue
            shutil.rmtree(child) if child.is_dir() and not child.is_symlink() else child.unlink()
    out.mkdir(parents=True, exist_ok=True)
    edition = Edition(out=out, source=_describe(source))
    for rel in source_files(source):
        target = out / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        match = LESSONS.match(rel)
        if match:
            lang, lesson = match.groups()
            data = json.loads((source / rel).read_text(encoding="utf-8"))
            kept = {item: salt for (lg, ls, item), salt in (salts or {}).items()
                    if (lg, ls) == (lang, lesson)}
            hashed, n = hash_lesson(data, kept)
            edition.hashed_items[lang] = edition.hashed_items.get(lang, 0) + n
            edition.kept_salts += sum(1 for i in hashed["items"]
                                      if i.get(KEY_FIELD, {}).get("salt") in kept.values())
            target.write_text(_dump(hashed), encoding="utf-8")
        elif rel == LESSON_SCHEMA:
            schema = json.loads((source / rel).read_text(encoding="utf-8"))
            target.write_text(_dump(learner_schema(schema)), encoding="utf-8")
        else:
            shutil.copy2(source / rel, target)
        edition.files += 1
    (out / "README.md").write_text(README.format(source=edition.source), encoding="utf-8")
    edition.files += 1
    # Its lessons and lesson schema differ from the main tree's: validated here in full and
    # recorded, so its kernels skip jsonschema too (kit.datasets.record)
    from kit.datasets import record

    record(out / "data")
    leaks = plain_keys(out)
    if leaks or (out / "notebooks" / "teacher").exists():
        raise DistributeError(f"the learner edition still holds a key: {leaks or 'teacher'}")
    return edition


# ---------------------------------------------------------------- committing to a branch


def _git(repo: Path, *args: str, env: dict[str, str] | None = None,
         check: bool = True):
    import subprocess

    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True,
                            env={**os.environ, **(env or {})})
    if check and result.returncode != 0:
        raise DistributeError(f"git {' '.join(args)}: {result.stderr.strip()}")
    return result


def previous_salts(repo: Path, branch: str) -> dict[tuple[str, str, str], str]:
    """Salts of the items already on the branch, so a rebuild changes only what changed."""
    ref = f"refs/heads/{branch}"
    if _git(repo, "rev-parse", "--verify", "-q", ref, check=False).returncode != 0:
        return {}
    names = _git(repo, "ls-tree", "-r", "--name-only", ref, "--", "data/lessons").stdout
    out = {}
    for rel in names.splitlines():
        match = LESSONS.match(rel)
        if not match:
            continue
        try:
            data = json.loads(_git(repo, "show", f"{ref}:{rel}").stdout)
        except ValueError:
            continue
        for item in data.get("items", []):
            salt = item.get(KEY_FIELD, {}).get("salt") if isinstance(item, dict) else None
            if isinstance(salt, str):
                out[(*match.groups(), item["id"])] = salt
    return out


def commit_tree(repo: Path, tree_dir: Path, branch: str, message: str) -> str | None:
    """Commit tree_dir as the next commit of branch in repo; None when nothing changed.

    Uses a temporary index, so the repository's own working tree and index are untouched.
    """
    ref = f"refs/heads/{branch}"
    parent = _git(repo, "rev-parse", "--verify", "-q", ref, check=False).stdout.strip() or None
    with tempfile.TemporaryDirectory(prefix="kit-learners-index-") as tmp:
        env = {"GIT_INDEX_FILE": str(Path(tmp) / "index"), "GIT_WORK_TREE": str(tree_dir)}
        _git(repo, "add", "-A", ".", env=env)
        tree = _git(repo, "write-tree", env=env).stdout.strip()
    if parent and _git(repo, "rev-parse", f"{parent}^{{tree}}").stdout.strip() == tree:
        return None
    ident = {}
    if _git(repo, "var", "GIT_COMMITTER_IDENT", check=False).returncode != 0:
        ident = {"GIT_AUTHOR_NAME": "Town Square Kit", "GIT_AUTHOR_EMAIL": "kit@localhost",
                 "GIT_COMMITTER_NAME": "Town Square Kit", "GIT_COMMITTER_EMAIL": "kit@localhost"}
    args = ["commit-tree", tree, "-m", message] + (["-p", parent] if parent else [])
    commit = _git(repo, *args, env=ident).stdout.strip()
    _git(repo, "update-ref", ref, commit, *([parent] if parent else []))
    return commit


def publish_learners(repo: Path = ROOT, branch: str = BRANCH, source: Path | None = None,
                     out: Path | None = None) -> Edition:
    """Build the learner edition and commit it to branch (created, or one commit further)."""
    repo = Path(repo).resolve()
    source = Path(source).resolve() if source else repo
    salts = previous_salts(repo, branch)
    with tempfile.TemporaryDirectory(prefix="kit-learners-") as tmp:
        edition = build_learners(Path(out) if out else Path(tmp) / "tree", source, salts)
        message = f"Learner edition of {edition.source}\n\nBuilt by python -m kit.distribute."
        edition.commit = commit_tree(repo, edition.out, branch, message)
    return edition


# ---------------------------------------------------------------- command line


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m kit.distribute",
        description="Build the learner edition (no teacher notebooks, hashed answer keys).")
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("learners", help="build the learner edition")
    p.add_argument("out", nargs="?", type=Path, help="folder to write it to")
    p.add_argument("--branch", help=f"commit it to this branch (usually {BRANCH!r})")
    p.add_argument("--repo", type=Path, default=None,
                   help="repository holding the branch (default: the source tree)")
    p.add_argument("--source", type=Path, default=ROOT,
                   help="the kit's full tree (default: this checkout)")
    args = parser.parse_args(argv)
    if not args.out and not args.branch:
        parser.error("give OUT_DIR, or --branch NAME (or both)")
    try:
        if args.branch:
            edition = publish_learners(args.repo or args.source, args.branch, args.source,
                                       args.out)
        else:
            edition = build_learners(args.out, args.source)
    except DistributeError as exc:
        print(f"kit.distribute: {exc}", file=sys.stderr)
        return 1
    hashed = ", ".join(f"{lang}: {n}" for lang, n in sorted(edition.hashed_items.items()))
    print(f"Learner edition of {edition.source}: {edition.files} files; "
          f"choice items with hashed keys ({hashed}); salts kept from the branch: "
          f"{edition.kept_salts}")
    if args.out:
        print(f"written to {edition.out}")
    if args.branch:
        print(f"branch {args.branch}: " + (f"commit {edition.commit[:12]}" if edition.commit
                                           else "unchanged (nothing new to commit)"))
        print(f"publish it: git push <remote> {args.branch}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
