"""Write a lesson's Arabic and English notebooks from one cell list, so their code is identical.

Authoring aid: a lesson script calls ``build(lesson_id, cells)`` where cells are
``md(ar_text, en_text)`` and ``code(source)``. Arabic markdown becomes right-to-left HTML with
an inline right alignment on every block (JupyterLab's stylesheet left-aligns <p> inside
dir="rtl", and strips <style> from markdown). The notebooks are written without outputs.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import nbformat

ROOT = Path(__file__).resolve().parent.parent
RTL = 'dir="rtl" lang="ar" style="text-align:right"'


def _inline(text: str) -> str:
    out = html.escape(text, quote=False)
    out = re.sub(r"`([^`]+)`", r'<code dir="ltr">\1</code>', out)
    out = re.sub(r"\*\*([^*]+)\*\*", r"<b>\1</b>", out)
    out = re.sub(r"\[([^\]]+)\]\((https?://[^)\s]+)\)", r'<a href="\2">\1</a>', out)
    return out


def rtl_html(markdown: str) -> str:
    """A small markdown subset (#, -, 1., **, `, links, >) as right-to-left HTML."""
    blocks, lst, kind = [], [], None

    def flush() -> None:
        nonlocal lst, kind
        if lst:
            items = "".join(f'<li style="text-align:right">{_inline(x)}</li>' for x in lst)
            blocks.append(f"<{kind} {RTL}>{items}</{kind}>")
        lst, kind = [], None

    for raw in markdown.strip().split("\n"):
        line = raw.strip()
        if not line:
            flush()
            continue
        m = re.match(r"^(#{1,4})\s+(.*)$", line)
        if m:
            flush()
            n = len(m.group(1))
            blocks.append(f"<h{n} {RTL}>{_inline(m.group(2))}</h{n}>")
        elif re.match(r"^[-*]\s+", line):
            if kind not in (None, "ul"):
                flush()
            kind = "ul"
            lst.append(re.sub(r"^[-*]\s+", "", line))
        elif re.match(r"^\d+[.)]\s+", line):
            if kind not in (None, "ol"):
                flush()
            kind = "ol"
            lst.append(re.sub(r"^\d+[.)]\s+", "", line))
        elif line.startswith(">"):
            flush()
            blocks.append(f"<blockquote {RTL}>{_inline(line.lstrip('> '))}</blockquote>")
        else:
            flush()
            blocks.append(f"<p {RTL}>{_inline(line)}</p>")
    flush()
    return f'<div {RTL}>\n' + "\n".join(blocks) + "\n</div>"


def md(ar: str, en: str) -> tuple[str, str, str]:
    return ("md", ar, en)


def code(source: str) -> tuple[str, str, str]:
    return ("code", source.strip(), source.strip())


def build(lesson_id: str, cells: list[tuple[str, str, str]], folder: str = "") -> None:
    for lang in ("ar", "en"):
        nb = nbformat.v4.new_notebook()
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nb.metadata["language_info"] = {"name": "python"}
        for kind, ar, en in cells:
            if kind == "md":
                text = rtl_html(ar) if lang == "ar" else en.strip()
                nb.cells.append(nbformat.v4.new_markdown_cell(text))
            else:
                nb.cells.append(nbformat.v4.new_code_cell(ar))
        for i, cell in enumerate(nb.cells):
            cell["id"] = f"{lesson_id[:2]}-{i:02d}"  # the same ids in both editions
        out = ROOT / "notebooks" / (folder or "") / lang / f"{lesson_id}.ipynb"
        out.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(nb, out)
        print("wrote", out.relative_to(ROOT), file=sys.stderr)
