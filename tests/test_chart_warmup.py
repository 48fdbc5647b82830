"""The chart warm-up extension (issue 15): a hand-written JupyterLab extension that draws one
tiny chart off screen at start, so a lesson's first chart does not pay for setting plotly up.

The browser test (tests/browser/test_chart_warmup_browser.py) checks that it runs and leaves
nothing behind; these check what is committed and installed, with node but without a browser.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "labextension" / "chart-warmup"
NAME = "@town-square-kit/chart-warmup"
ENTRY = EXT / "static" / "remoteEntry.js"
INSTALLED = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / NAME


def _package() -> dict:
    return json.loads((EXT / "package.json").read_text(encoding="utf-8"))


def test_package_names_its_one_file_as_jupyterlab_loads_it():
    package = _package()
    assert package["name"] == NAME
    build = package["jupyterlab"]["_build"]
    assert (EXT / build["load"]).resolve() == ENTRY.resolve()
    assert build["extension"] == "./extension"
    assert sorted(p.name for p in (EXT / "static").iterdir()) == ["remoteEntry.js"]
    assert not package.get("dependencies"), "it takes everything from JupyterLab's share scope"


def test_entry_is_valid_javascript_and_a_federation_container():
    node = shutil.which("node")
    assert node, "node is needed (make test installs it for the JupyterHub test)"
    checked = subprocess.run([node, "--check", str(ENTRY)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    # Loaded as JupyterLab loads it: a script that registers a container with init and get;
    # get('./extension') gives a plugin that starts by itself and needs nothing.
    script = f"""
      globalThis.document = {{ documentElement: {{ setAttribute() {{}} }} }};
      globalThis.window = globalThis;
      eval(require('fs').readFileSync({json.dumps(str(ENTRY))}, 'utf8'));
      const container = _JUPYTERLAB[{json.dumps(NAME)}];
      container.init({{}});
      container.get('./extension').then((factory) => {{
        const plugin = factory().default;
        console.log(JSON.stringify({{id: plugin.id, autoStart: plugin.autoStart,
          requires: plugin.requires || [], optional: plugin.optional.length}}));
        return container.get('./nothing').then(() => console.log('no error'),
                                                  () => console.log('rejected'));
      }});
    """
    run = subprocess.run([node, "-e", script], capture_output=True, text=True, timeout=30)
    assert run.returncode == 0, run.stderr
    first, second = run.stdout.strip().splitlines()
    assert json.loads(first) == {"id": f"{NAME}:plugin", "autoStart": True, "requires": [],
                                 "optional": 0}  # no rendermime in this share scope: none asked
    assert second == "rejected"


def test_entry_bundles_nothing_and_draws_where_nobody_sees():
    text = ENTRY.read_text(encoding="utf-8")
    assert "require(" not in text and "import(" not in text
    assert len(text) < 8_000
    for rule in ("aria-hidden", "visibility:hidden", "left:-10000px", "pointer-events:none"):
        assert rule in text, rule
    assert "host.remove()" in text and "renderer.dispose()" in text


def test_installed_with_the_kit_and_the_same_as_committed():
    shared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    data = shared["tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    assert data["labextension/chart-warmup"] == f"share/jupyter/labextensions/{NAME}"
    if not INSTALLED.exists():
        pytest.fail(f"{INSTALLED} is missing: reinstall the kit (make test does)", pytrace=False)
    assert (INSTALLED / "static" / "remoteEntry.js").read_bytes() == ENTRY.read_bytes(), (
        "the installed extension is stale: reinstall the kit (make test does)")
    assert (INSTALLED / "install.json").is_file()


def test_the_jupyterlite_site_gets_it_too():
    build = (ROOT / "lite" / "build.py").read_text(encoding="utf-8")
    assert "'labextension' / 'chart-warmup'" in build
