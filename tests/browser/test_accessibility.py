"""axe-core on what the kit puts in a notebook (outputs and lesson prose), not JupyterLab itself."""

from __future__ import annotations

import pytest

from tests.browser.jupyterlab import PANEL, notebook_paths

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")

_AXE_RUN = """async (include) => {
  const result = await axe.run({include: include}, {resultTypes: ['violations', 'incomplete']});
  const pick = (list, kind) => list.map(v => ({kind,
    id: v.id, impact: v.impact, help: v.help,
    targets: v.nodes.slice(0, 6).map(n => n.target.join(' ')
      + ' — ' + (n.failureSummary || '').split('\\n').slice(1, 2).join('').trim()),
    count: v.nodes.length}));
  return [...pick(result.violations, 'violation'), ...pick(result.incomplete, 'needs review')];
}"""


def run_axe(tab, axe_script) -> list[dict]:
    tab.page.add_script_tag(path=str(axe_script))
    include = [f"{PANEL} .jp-OutputArea-output", f"{PANEL} .jp-RenderedMarkdown"]
    return tab.page.evaluate(_AXE_RUN, include)


def describe(violations: list[dict]) -> str:
    lines = []
    for v in violations:
        lines.append(f"[{v['impact']} {v['kind']}] {v['id']}: {v['help']} "
                     f"({v['count']} elements)")
        lines.extend(f"    {t}" for t in v["targets"])
    return "\n".join(lines)


@pytest.mark.parametrize("path", notebook_paths(), ids=lambda p: p.removesuffix(".ipynb"))
def test_no_serious_accessibility_violations(path, open_notebook, axe_script):
    tab = open_notebook(path)
    report = tab.run_all_and_report()
    found = run_axe(tab, axe_script)
    blocking = [v for v in found if v["kind"] == "violation" and v["impact"] in BLOCKING]
    others = [v for v in found if v not in blocking]
    if others:  # shown with -s or -rA; axe could not decide these or finds them minor
        print(f"{path}: other accessibility findings:\n{describe(others)}")
    assert not blocking, f"{path}: serious or critical axe violations:\n{describe(blocking)}"

    # Every chart says in words what it shows, in the same cell as the picture.
    missing = [c["title"] or "(untitled chart)" for c in report["charts"] if not c["summary"]]
    assert not missing, f"{path}: charts without a .kit-chart-summary text: {missing}"
