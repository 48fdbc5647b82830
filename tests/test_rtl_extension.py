"""Right-to-left Markdown (issue 17): the prebuilt JupyterLab extension, its installation, the
nbconvert template, and the converter from `<div dir="rtl">` wrappers to plain Markdown.

The browser test (tests/browser/test_rtl_markdown.py) checks what a reader sees; these check
that what is committed and installed is complete and in step, without node or a browser.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import mistune
import pytest

from kit import rtl
from tools.plain_markdown import Node, convert_file, convert_notebook, convert_source, parse

ROOT = Path(__file__).resolve().parent.parent
EXT = ROOT / "labextension"
PREBUILT = EXT / "prebuilt"
TEMPLATE = ROOT / "kit" / "rtl" / "templates" / "kit-rtl"
NAME = "@town-square-kit/rtl-markdown"
NOTEBOOKS = sorted((ROOT / "notebooks").glob("**/*.ipynb"))


def _json(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _exported_strings(ts: str) -> dict[str, str]:
    """`export const NAME = '...'` string constants of a TypeScript file."""
    found = re.findall(r"export const (\w+) =\s*'([^']*)'", ts)
    return dict(found)


# ------------------------------------------------------------------ the prebuilt extension

def test_the_built_extension_is_committed_and_complete():
    source, built = _json(EXT / "package.json"), _json(PREBUILT / "package.json")
    assert source["name"] == built["name"] == NAME
    assert source["version"] == built["version"]
    build = built["jupyterlab"]["_build"]
    assert (PREBUILT / build["load"]).is_file(), "remoteEntry named in package.json is missing"
    assert build["extension"] == "./extension" and build["style"] == "./style"
    static = sorted(p.name for p in (PREBUILT / "static").iterdir())
    assert len([n for n in static if n.startswith("remoteEntry.")]) == 1, static
    # Only packages JupyterLab itself provides (shared at run time, never bundled)
    assert set(source["dependencies"]) == {"@jupyterlab/application", "@jupyterlab/codemirror",
                                           "@codemirror/state", "@codemirror/view"}
    remote = (PREBUILT / build["load"]).read_text(encoding="utf-8")
    for name in ("@jupyterlab/codemirror", "@codemirror/state", "@codemirror/view"):
        assert f'"{name}"' in remote, f"{name} is not taken from JupyterLab's shared scope"
    size = sum(p.stat().st_size for p in (PREBUILT / "static").glob("*.js"))
    assert size < 60_000, f"the bundle grew to {size} bytes: is a JupyterLab package bundled?"


def test_the_built_extension_matches_its_source():
    """The strings that decide what gets a direction are the same in source, bundle and copy."""
    ts = (EXT / "src" / "bidi.ts").read_text(encoding="utf-8")
    constants = _exported_strings(ts)
    assert set(constants) >= {"SCOPE", "BLOCKS", "CONTAINERS", "CODE", "MARK"}
    bundle = "".join(p.read_text(encoding="utf-8") for p in (PREBUILT / "static").glob("*.js"))
    assert "perLineTextDirection" in bundle, "the Markdown editor part is not built"
    copy = (TEMPLATE / "bidi.js").read_text(encoding="utf-8")
    for name, value in constants.items():
        assert value in bundle, f"{name} = {value!r} is not in the prebuilt bundle: rebuild"
        assert f"export const {name} = '{value}'" in copy, f"{name}: template copy is stale"
    css = (EXT / "style" / "index.css").read_text(encoding="utf-8")
    assert (TEMPLATE / "rtl.css").read_text(encoding="utf-8") == css, "rtl.css is stale"
    for rule in ("text-align: start", "padding-inline-start: 2em", "border-inline-start"):
        assert rule in css and rule in bundle, rule


def test_the_stylesheet_aligns_blocks_to_their_start_and_keeps_code_left_to_right():
    css = (EXT / "style" / "index.css").read_text(encoding="utf-8")
    blocks = css.split("text-align: start", 1)[0]
    for tag in ("p", "h1", "h6", "li", "blockquote"):
        assert re.search(rf"[(,\s]{tag}[,)]", blocks), tag
    code = css.split("Code reads left to right", 1)[1]
    assert "pre {" in code and "code {" in code and code.count("direction: ltr") == 2


def test_pyproject_installs_the_extension_and_the_template_as_shared_data():
    shared = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))[
        "tool"]["hatch"]["build"]["targets"]["wheel"]["shared-data"]
    target = f"share/jupyter/labextensions/{NAME}"
    assert shared["labextension/prebuilt"] == target
    assert shared["labextension/install.json"] == f"{target}/install.json"
    assert shared["kit/rtl/templates/kit-rtl"] == "share/jupyter/nbconvert/templates/kit-rtl"
    install = _json(EXT / "install.json")
    assert install["packageManager"] == "python" and install["packageName"] == "town-square-kit"


def test_the_installed_extension_is_the_committed_one():
    """`pip install -e .` copied the prebuilt files where JupyterLab finds them."""
    installed = Path(sys.prefix) / "share" / "jupyter" / "labextensions" / NAME
    assert (installed / "package.json").is_file(), (
        f"{NAME} is not installed in {sys.prefix}: run `pip install -e .` (make does)")
    assert _json(installed / "package.json") == _json(PREBUILT / "package.json"), (
        "the installed extension is older than labextension/prebuilt: run `pip install -e .`")
    assert (installed / "install.json").is_file()


@pytest.mark.slow
def test_jupyter_lists_the_extension_as_enabled():
    jupyter = Path(sys.executable).with_name("jupyter")
    done = subprocess.run([str(jupyter), "labextension", "list"], capture_output=True,
                          text=True, timeout=120)
    text = re.sub(r"\x1b\[[0-9;]*m", "", done.stdout + done.stderr)
    line = next((x for x in text.splitlines() if NAME in x), "")
    assert "enabled" in line and "OK" in line and "town-square-kit" in line, text


# ------------------------------------------------------------------ nbconvert's HTML export

def test_html_export_of_an_arabic_notebook_carries_the_rule(tmp_path):
    html = rtl.export_html(ROOT / "notebooks" / "ar" / "01_claims.ipynb")
    assert 'id="kit-rtl-css"' in html and "text-align: start" in html
    assert "unicode-bidi: plaintext" in html  # still right-to-left if scripts are blocked
    script = re.search(r'<script[^>]*id="kit-rtl-js"[^>]*>(.*?)</script>', html, re.S).group(1)
    assert "watch(document.body)" in script and "'auto'" in script
    # the script's selectors find the export's Markdown cells
    assert html.count("jp-RenderedMarkdown") >= 5


@pytest.mark.slow
def test_jupyter_nbconvert_finds_the_installed_template(tmp_path):
    notebook = tmp_path / "lesson.ipynb"
    shutil.copyfile(ROOT / "notebooks" / "ar" / "00_start_here.ipynb", notebook)
    done = subprocess.run(
        [sys.executable, "-m", "jupyter", "nbconvert", "--to", "html", "--template", "kit-rtl",
         str(notebook)], capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert done.returncode == 0, done.stderr[-2000:]
    html = (tmp_path / "lesson.html").read_text(encoding="utf-8")
    assert 'id="kit-rtl-css"' in html and 'id="kit-rtl-js"' in html


# ------------------------------------------------------------------ the converter

def test_converter_turns_direction_html_into_markdown():
    source = (
        '<div dir="rtl" lang="ar" style="text-align:right">\n'
        '<h2 dir="rtl" lang="ar" style="text-align:right">عنوان</h2>\n'
        '<p dir="rtl" lang="ar" style="text-align:right">الدالة <code dir="ltr">kit.find'
        '</code> تعدّ <b>الأرقام</b> في <a href="https://example.org/a?id=1">المقال</a>.</p>\n'
        '<ul dir="rtl" lang="ar" style="text-align:right"><li style="text-align:right">'
        '<b>أ</b>: أول</li><li style="text-align:right">ثانٍ</li></ul>\n'
        '<ol dir="rtl"><li>واحد</li><li>اثنان</li></ol>\n'
        '<blockquote dir="rtl" lang="ar" style="text-align:right">Quoted words.</blockquote>\n'
        '</div>')
    assert convert_source(source) == (
        "## عنوان\n\n"
        "الدالة `kit.find` تعدّ **الأرقام** في [المقال](https://example.org/a?id=1).\n\n"
        "- **أ**: أول\n- ثانٍ\n\n"
        "1. واحد\n2. اثنان\n\n"
        "> Quoted words.")


def test_converter_keeps_tables_and_html_that_is_not_only_for_direction():
    table = ('<div dir="rtl"><table><tr><th>الرقم</th><th align="right">المصدر</th></tr>'
             '<tr><td>420 ألفًا</td><td>أسوشيتد برس</td></tr></table></div>')
    assert convert_source(table) == (
        "| الرقم | المصدر |\n| --- | ---: |\n| 420 ألفًا | أسوشيتد برس |")
    kept = '<div dir="rtl" class="box" style="color:red"><p dir="rtl">نص</p></div>'
    assert convert_source(kept) == '<div class="box"><p>نص</p></div>'


def test_converter_escapes_only_what_markdown_would_read_as_syntax():
    source = '<p dir="rtl">إطارها: [فشل] أو 2 * 3 و&lt;b&gt; و&amp;lt; و _x_ و[أ](ب)</p>'
    out = convert_source(source)
    assert out == r"إطارها: \[فشل\] أو 2 \* 3 و&lt;b> و&amp;lt; و \_x\_ و\[أ\](ب)"
    render = mistune.create_markdown(escape=False)
    assert _structure(render(out)) == _structure(source)
    assert convert_source('<p dir="rtl">إطارها: [فشل] أو [تجربة]</p>') == (
        "إطارها: [فشل] أو [تجربة]")  # brackets that cannot make a link stay bare
    assert convert_source('<p dir="rtl">- ليس قائمة</p>') == r"\- ليس قائمة"
    # `**` cannot open after a letter before punctuation: HTML bold, not broken Markdown
    assert convert_source('<p dir="rtl">و<b>«هذا»</b>x</p>') == "و<b>«هذا»</b>x"


def test_converter_leaves_plain_markdown_alone():
    plain = "## Heading\n\nSome *text* with `code` and <br> a break."
    assert convert_source(plain) == plain
    once = convert_source('<p dir="rtl" style="text-align:right">نص <b>مهم</b></p>')
    assert convert_source(once) == once


def _structure(html: str) -> tuple[list, list]:
    """Blocks (tag, text) and inline marks (bold, code, links) of rendered HTML."""
    blocks, marks = [], []

    def walk(node: Node, quoted: bool) -> None:
        for child in node.children:
            if not isinstance(child, Node):
                continue
            text = " ".join(child.text().split())
            if child.tag in ("p", "h1", "h2", "h3", "h4", "li", "td", "th", "blockquote"):
                if not (quoted and child.tag == "p"):  # Markdown puts quotes in a <p>
                    blocks.append((child.tag, text))
            if child.tag in ("b", "strong", "code"):
                marks.append(("b" if child.tag == "strong" else child.tag, text))
            if child.tag == "a":
                marks.append(("a", child.attrs.get("href"), text))
            walk(child, quoted or child.tag == "blockquote")

    walk(parse(html), False)
    return blocks, marks


@pytest.mark.parametrize("path", NOTEBOOKS, ids=lambda p: p.relative_to(ROOT / "notebooks")
                         .as_posix().removesuffix(".ipynb"))
def test_converted_copy_renders_the_same_content_without_direction_html(path, tmp_path):
    """Every notebook converts (on a copy) to Markdown with the same words, emphasis, code and
    links, and no `dir=` or `style=` left."""
    render = mistune.create_markdown(escape=False, plugins=["table"])
    copy = tmp_path / path.name
    shutil.copyfile(path, copy)
    convert_file(copy)
    before, after = _json(path)["cells"], _json(copy)["cells"]
    assert [c.get("id") for c in before] == [c.get("id") for c in after]
    for old, new in zip(before, after, strict=True):
        if old["cell_type"] != "markdown":
            assert old == new
            continue
        source = "".join(new["source"])
        assert not re.search(r"\b(dir|style)\s*=", source), source
        if new == old:  # already plain Markdown
            continue
        assert _structure(render(source)) == _structure("".join(old["source"])), source
    again = _json(copy)
    assert convert_notebook(again) == 0, "a second conversion changed something"
