"""Rewrite notebook Markdown cells from direction wrappers to plain Markdown (issue 17).

The Arabic notebooks wrapped every block in ``<div dir="rtl" lang="ar" style="text-align:right">``
and repeated ``dir``/``lang``/``style`` on each heading, paragraph and list. The kit's JupyterLab
extension now gives each rendered block the direction of its own first strong character, so
that HTML is only noise for a teacher editing the prose. This tool turns it into Markdown:

    <h2 dir="rtl" ...>عنوان</h2>             ->  ## عنوان
    <p ...>نص <b>مهم</b> و<code>kit.x</code></p> ->  نص **مهم** و`kit.x`
    <ul ...><li ...>أ</li><li ...>ب</li></ul> ->  - أ / - ب
    <blockquote ...>Quote</blockquote>        ->  > Quote
    <a href="URL">نص</a>                      ->  [نص](URL)

Content, links, emphasis, code and tables are kept. An element that is not only there for
direction (another attribute, an unknown tag) stays HTML, minus its ``dir``/``lang``/``style``.
Cells without such HTML are left exactly as they are, so running it twice changes nothing.

    python tools/plain_markdown.py notebooks/ar/*.ipynb          # rewrite in place
    python tools/plain_markdown.py --check notebooks/**/*.ipynb  # exit 1 if any cell would change
    python tools/plain_markdown.py --out /tmp/converted notebooks/ar/01_claims.ipynb
"""

from __future__ import annotations

import argparse
import json
import re
import sys
import unicodedata
from html import escape as html_escape
from html.parser import HTMLParser
from pathlib import Path

# Attributes that only ever served direction and alignment.
DIRECTION_ATTRS = {"dir", "lang", "style"}
BLOCK = {"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "li", "blockquote",
         "table", "thead", "tbody", "tr", "td", "th", "pre", "hr"}
INLINE_MD = {"b", "strong", "i", "em", "code", "a", "br"}
VOID = {"br", "hr", "img", "input", "meta", "link", "wbr"}
# Attributes each tag may carry and still become Markdown.
MARKDOWN_ATTRS = {"a": {"href"}, "td": {"align"}, "th": {"align"}}
WRAPPER = re.compile(r"<[a-zA-Z][^>]*\s(?:dir|style)\s*=", re.S)


class Node:
    def __init__(self, tag: str | None, attrs: dict[str, str] | None = None) -> None:
        self.tag, self.attrs, self.children = tag, dict(attrs or {}), []

    def text(self) -> str:
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _Tree(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Node(None)
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs})
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def parse(html: str) -> Node:
    tree = _Tree()
    tree.feed(html)
    tree.close()
    return tree.root


def _punct(ch: str) -> bool:
    return unicodedata.category(ch)[0] in "PS"


def _space(ch: str) -> bool:
    return ch == "" or ch.isspace()


def escape_text(text: str) -> str:
    """Plain text as Markdown that renders to the same text, with as few backslashes as can be
    (a teacher reads and edits this): only what Markdown would otherwise take as syntax."""
    text = text.replace("\\", "\\\\").replace("`", "\\`").replace("*", "\\*")
    text = re.sub(r"(?<![\w])_|_(?![\w])", r"\\_", text)  # emphasis needs a word edge
    if "](" in text or "][" in text:  # could close a link
        text = text.replace("[", "\\[").replace("]", "\\]")
    text = re.sub(r"&(?=#?\w+;)", "&amp;", text)  # could be read as an entity
    return re.sub(r"<(?=[A-Za-z/!?])", "&lt;", text)  # could open an HTML tag


def escape_line_start(line: str) -> str:
    """Text at the start of a block that Markdown would read as a heading, list or quote."""
    if re.match(r"(#{1,6}|[-+*>]|\d{1,9}[.)])(\s|$)", line):
        return "\\" + line
    return line


def _attrs_html(node: Node) -> str:
    kept = [(k, v) for k, v in node.attrs.items() if k not in DIRECTION_ATTRS]
    return "".join(f' {k}="{html_escape(v, quote=True)}"' for k, v in kept)


def _html(node: Node | str) -> str:
    """A node as HTML without direction attributes (for what Markdown cannot say)."""
    if isinstance(node, str):
        return html_escape(node, quote=False)
    inner = "".join(_html(c) for c in node.children)
    if node.tag in VOID:
        return f"<{node.tag}{_attrs_html(node)}>"
    return f"<{node.tag}{_attrs_html(node)}>{inner}</{node.tag}>"


def _markdownable(node: Node) -> bool:
    allowed = MARKDOWN_ATTRS.get(node.tag, set()) | DIRECTION_ATTRS
    return set(node.attrs) <= allowed


def _wrap(marker: str, inner: str, before: str, after: str) -> str:
    """`inner` between two emphasis markers, or as HTML where the markers would not close."""
    stripped = inner.strip()
    if not stripped:
        return inner
    lead, trail = inner[: len(inner) - len(inner.lstrip())], inner[len(inner.rstrip()):]
    first, last = stripped[0], stripped[-1]
    opens = not _punct(first) or _space(before) or _punct(before)
    closes = not _punct(last) or _space(after) or _punct(after)
    if opens and closes and not (lead and not before) and not (trail and not after):
        return f"{lead}{marker}{stripped}{marker}{trail}"
    tag = "b" if marker == "**" else "i"
    return f"<{tag}>{inner}</{tag}>"


def inline(nodes: list) -> str:
    """Inline content (text, emphasis, code, links) as one line of Markdown."""
    parts: list[str] = []
    pending: list[tuple[int, Node]] = []  # emphasis whose neighbours are known only later
    for child in nodes:
        if isinstance(child, str):
            parts.append(escape_text(re.sub(r"\s+", " ", child)))
            continue
        tag = child.tag
        if not _markdownable(child) or tag not in INLINE_MD:
            if tag in BLOCK:  # a block inside inline content: keep its text flowing
                parts.append(inline(child.children))
            else:
                parts.append(_html(child))
            continue
        if tag == "br":
            parts.append("<br>")
        elif tag == "code":
            code = re.sub(r"\s+", " ", child.text())
            fence = "``" if "`" in code else "`"
            pad = " " if code.startswith("`") or code.endswith("`") else ""
            parts.append(f"{fence}{pad}{code}{pad}{fence}")
        elif tag == "a":
            href = child.attrs.get("href", "")
            if re.search(r"[\s()<>]", href):
                href = f"<{href}>"
            parts.append(f"[{inline(child.children)}]({href})")
        else:  # b, strong, i, em
            pending.append((len(parts), child))
            parts.append("")
    for index, node in pending:
        marker = "**" if node.tag in ("b", "strong") else "*"
        before = "".join(parts[:index])[-1:]
        after = "".join(parts[index + 1:])[:1]
        parts[index] = _wrap(marker, inline(node.children), before, after)
    return "".join(parts).strip()


def _cells(row: Node) -> list[Node]:
    return [c for c in row.children if isinstance(c, Node) and c.tag in ("td", "th")]


def _table(node: Node) -> str | None:
    rows = [r for r in _walk(node) if r.tag == "tr"]
    if not rows or any(not _markdownable(r) for r in _walk(node)):
        return None
    grid = [[inline(c.children).replace("|", r"\|") for c in _cells(r)] for r in rows]
    width = max(len(r) for r in grid)
    if width == 0 or any(len(r) != width for r in grid):
        return None
    align = {"left": ":---", "center": ":---:", "right": "---:"}
    rule = [align.get(c.attrs.get("align", ""), "---") for c in _cells(rows[0])]
    lines = ["| " + " | ".join(grid[0]) + " |", "| " + " | ".join(rule) + " |"]
    lines += ["| " + " | ".join(r) + " |" for r in grid[1:]]
    return "\n".join(lines)


def _walk(node: Node):
    for child in node.children:
        if isinstance(child, Node):
            yield child
            yield from _walk(child)


def _list(node: Node, depth: int = 0) -> str:
    lines = []
    number = int(node.attrs.get("start", "1") or 1)
    for item in node.children:
        if isinstance(item, str):
            continue
        marker = f"{number}." if node.tag == "ol" else "-"
        number += 1
        nested = [c for c in item.children if isinstance(c, Node) and c.tag in ("ul", "ol")]
        text = inline([c for c in item.children if c not in nested])
        lines.append("   " * depth + f"{marker} {text}")
        for sub in nested:
            lines.append(_list(sub, depth + 1))
    return "\n".join(lines)


def blocks(node: Node) -> list[str]:
    """Block-level children of a node as Markdown blocks (joined by blank lines)."""
    out: list[str] = []
    run: list = []  # inline content between blocks becomes a paragraph

    def flush():
        text = inline(run)
        if text:
            out.append(escape_line_start(text))
        run.clear()

    for child in node.children:
        if isinstance(child, str) or child.tag not in BLOCK:
            run.append(child)
            continue
        flush()
        tag = child.tag
        if not _markdownable(child) and tag != "div":
            out.append(_html(child))
        elif tag == "div":
            if set(child.attrs) - DIRECTION_ATTRS:
                out.append(_html(child))
            else:
                out.extend(blocks(child))
        elif tag == "p":
            text = inline(child.children)
            if text:
                out.append(escape_line_start(text))
        elif tag[0] == "h" and tag[1:].isdigit():
            out.append("#" * int(tag[1:]) + " " + inline(child.children))
        elif tag in ("ul", "ol"):
            out.append(_list(child))
        elif tag == "blockquote":
            inner = "\n\n".join(blocks(child))
            out.append("\n".join(f"> {line}" if line else ">" for line in inner.splitlines()))
        elif tag == "table":
            out.append(_table(child) or _html(child))
        elif tag == "hr":
            out.append("---")
        else:
            out.append(_html(child))
    flush()
    return out


def convert_source(source: str) -> str:
    """One Markdown cell's source, with direction-only HTML turned into Markdown."""
    if not WRAPPER.search(source):
        return source
    return "\n\n".join(b for b in blocks(parse(source)) if b.strip())


def _source_text(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if isinstance(source, list) else source


def convert_notebook(nb: dict) -> int:
    """Convert a notebook (parsed JSON) in place; returns the number of cells changed."""
    changed = 0
    for cell in nb.get("cells", []):
        if cell.get("cell_type") != "markdown":
            continue
        before = _source_text(cell)
        after = convert_source(before)
        if after != before:
            lines = after.splitlines(keepends=True)
            cell["source"] = lines if isinstance(cell.get("source"), list) else after
            changed += 1
    return changed


def convert_file(path: Path, out: Path | None = None) -> int:
    text = path.read_text(encoding="utf-8")
    nb = json.loads(text)
    changed = convert_notebook(nb)
    target = out or path
    if changed or out is not None:
        indent = 1 if text.startswith('{\n "') else 2
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(json.dumps(nb, ensure_ascii=False, indent=indent) + "\n",
                          encoding="utf-8")
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("notebooks", nargs="+", type=Path)
    parser.add_argument("--check", action="store_true",
                        help="change nothing; exit 1 if a cell still has direction HTML")
    parser.add_argument("--out", type=Path,
                        help="write converted copies here (keeps the folder below the common "
                             "parent) instead of rewriting in place")
    args = parser.parse_args(argv)
    todo = 0
    base = Path(*Path.cwd().parts)
    for path in args.notebooks:
        if args.check:
            n = convert_notebook(json.loads(path.read_text(encoding="utf-8")))
        else:
            target = None
            if args.out:
                try:
                    rel = path.resolve().relative_to(base)
                except ValueError:
                    rel = Path(path.name)
                target = args.out / rel
            n = convert_file(path, target)
        if n:
            print(f"{path}: {n} Markdown cell(s) {'to convert' if args.check else 'converted'}")
        todo += n
    return 1 if args.check and todo else 0


if __name__ == "__main__":
    sys.exit(main())
