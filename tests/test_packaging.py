"""Set-up stays two commands: pyproject, environment.yml, postBuild, Makefile, README, CI agree."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

import yaml
from packaging.requirements import Requirement

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict:
    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def _conda_name(spec: str) -> str:
    return re.split(r"[<>=!~ ]", spec.strip(), maxsplit=1)[0].lower()


def test_environment_yml_lists_the_same_runtime_dependencies():
    env = yaml.safe_load((ROOT / "environment.yml").read_text(encoding="utf-8"))
    assert "conda-forge" in env["channels"]
    conda = {_conda_name(d) for d in env["dependencies"] if isinstance(d, str)}
    runtime = {Requirement(r).name.lower() for r in _pyproject()["project"]["dependencies"]}
    assert runtime <= conda, f"missing from environment.yml: {runtime - conda}"
    assert conda - runtime <= {"python", "pip"}, f"only in environment.yml: {conda - runtime}"
    pip = next(d["pip"] for d in env["dependencies"] if isinstance(d, dict))
    assert any(p.strip() in (".", "-e .") for p in pip), "environment.yml installs the kit"


def test_minimum_versions_are_stated_not_pinned():
    deps = {Requirement(r).name.lower(): Requirement(r) for r in
            _pyproject()["project"]["dependencies"]}
    minimums = {"jupyterlab": "4", "ipywidgets": "8", "pandas": "2", "plotly": "5"}
    for name, minimum in minimums.items():
        spec = str(deps[name].specifier)
        assert spec.startswith(">=") and spec[2:].split(".")[0] == minimum, (name, spec)
    assert not any("==" in str(r.specifier) for r in deps.values())


def test_binder_postbuild_installs_the_kit():
    text = (ROOT / "postBuild").read_text(encoding="utf-8")
    assert re.search(r"pip install .*\.$", text, re.M)
    assert (ROOT / "postBuild").stat().st_mode & 0o111


def test_readme_setup_is_two_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Set-up", 1)[1].split("```bash", 1)[1].split("```", 1)[0]
    commands = [line.split("#")[0].strip() for line in block.strip().splitlines()]
    assert commands == ["make lab", "make test"]
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    steps = [line for line in ci.splitlines() if line and not line.startswith(("#", "set ", "cd "))]
    assert steps == ["make test"]


def test_makefile_creates_the_venv_and_opens_lab_with_token_auth():
    make = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("lab:", "test:"):
        assert target in make
    assert "-m venv" in make and "pip install" in make and "-e '.[test]'" in make
    lab = make.split("\nlab:", 1)[1].split("\n\n", 1)[0]
    assert "jupyter lab" in lab and "token" not in lab.lower(), "token auth stays on"


def test_learner_answers_are_git_ignored():
    assert "answers/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()


def test_the_prebuilt_extension_is_committed_and_reinstalled_when_rebuilt():
    """`make lab` needs no node: the built extension is in git, and make reinstalls the kit
    (which copies it into the venv) whenever the build changes its package.json."""
    import subprocess

    built = "labextension/prebuilt/package.json"
    assert (ROOT / built).is_file()
    stamp = re.search(r"^\$\(STAMP\):(.*)$", (ROOT / "Makefile").read_text(encoding="utf-8"),
                      re.M)
    assert stamp and "pyproject.toml" in stamp.group(1) and built in stamp.group(1)
    ignored = subprocess.run(
        ["git", "check-ignore", "--no-index", "-v", built, "labextension/prebuilt/static/x.js",
         "labextension/node_modules/x", "labextension/lib/index.js"],
        cwd=ROOT, capture_output=True, text=True).stdout
    assert built not in ignored and "prebuilt/static" not in ignored, ignored
    assert "node_modules/x" in ignored and "lib/index.js" in ignored, ignored
