"""Plotly charts for the lessons: a colour-blind-safe palette, Arabic-aware layout, a text summary.

Every chart is a `Chart`: the plotly figure plus a one-line summary shown beside it (for
screen readers and for anyone who cannot see the picture). Builders live in submodules named
for what they chart (`kit.charts.numbers`, `kit.charts.sources`, …).

Figures are plotly's figure JSON built as plain dicts (`Figure`, `bar`, `scatter`, `table`) and
shown through plotly's own MIME type (application/vnd.plotly.v1+json), which is exactly what
plotly sends for a `go.Figure` in JupyterLab. Building and validating `go.Figure` objects cost a
kernel about 25 MiB and a quarter of a second per lesson; the browser draws the same JSON.
tests/test_charts.py checks that plotly accepts every figure unchanged.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from kit.i18n import get_language, t
from kit.text import escape

# Okabe & Ito (2008): distinguishable with the common forms of colour-blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")
FONT = "Noto Naskh Arabic, Amiri, Tahoma, Arial, sans-serif"


_ARABIC = re.compile(r"[\u0600-\u06FF]")
_RLE, _PDF = "\u202b", "\u202c"


def rtl_label(text: Any) -> Any:
    """Arabic text embedded right-to-left, so plotly's SVG keeps «DeSantis؟» in place.

    SVG text is laid out left-to-right by default; a right-to-left embedding (RLE … PDF)
    keeps Latin words, digits and punctuation where an Arabic reader expects them.
    """
    if isinstance(text, str) and _ARABIC.search(text) and not text.startswith(_RLE):
        if "<br>" in text:  # plotly lays out each line on its own: embed each one
            return "<br>".join(rtl_label(line) if line else line for line in text.split("<br>"))
        return _RLE + text + _PDF
    return text


def _rtl_list(values: Any) -> Any:
    if isinstance(values, list | tuple) and values and all(isinstance(v, str) for v in values):
        return [rtl_label(v) for v in values]
    return values


def rtl_figure(fig: Any) -> Any:
    """Embed every Arabic string of a figure (titles, names, labels, hover) right-to-left.

    The same walk serves a kit `Figure` (plain dicts) and a plotly `go.Figure`.
    """
    layout = fig.layout
    if layout.title and layout.title.text:
        layout.title.text = rtl_label(layout.title.text)
    for axis in [*fig.select_xaxes(), *fig.select_yaxes()]:
        if axis.title and axis.title.text:
            axis.title.text = rtl_label(axis.title.text)
        if axis.ticktext:
            axis.ticktext = _rtl_list(list(axis.ticktext))
        if axis.categoryarray:
            axis.categoryarray = _rtl_list(list(axis.categoryarray))
    if layout.legend and layout.legend.title and layout.legend.title.text:
        layout.legend.title.text = rtl_label(layout.legend.title.text)
    for note in layout.annotations or ():
        note.text = rtl_label(note.text)
    for shape in layout.shapes or ():
        for key in ("x0", "x1", "y0", "y1"):
            if key in shape and isinstance(shape[key], str):
                shape[key] = rtl_label(shape[key])
    for trace in fig.data:
        for key in ("name", "hovertemplate", "texttemplate"):
            if key in trace and isinstance(trace[key], str):
                trace[key] = rtl_label(trace[key])
        for key in ("x", "y", "text", "labels", "hovertext"):
            if key in trace and trace[key] is not None:
                value = trace[key]
                trace[key] = rtl_label(value) if isinstance(value, str) else _rtl_list(
                    list(value) if isinstance(value, tuple) else value)
        for part in ("header", "cells"):  # a table's columns: lists of strings
            if part in trace and trace[part] is not None and trace[part]["values"] is not None:
                trace[part]["values"] = [
                    _rtl_list(list(col)) if isinstance(col, list | tuple) else rtl_label(col)
                    for col in trace[part]["values"]]
    return fig


def source_note(fig: Any, text: str, lang: str, y: float, bottom: int) -> Any:
    """A small escaped source line under the plot, on the reading side of the edition."""
    fig.add_annotation(text=hover_text(text), showarrow=False, xref="paper", yref="paper",
                       x=1 if lang == "ar" else 0, xanchor="right" if lang == "ar" else "left",
                       y=y, font={"size": 11, "color": "#555"})
    fig.update_layout(margin={"b": bottom})
    return fig


def hover_text(text: object) -> str:
    """Text safe for plotly's hover and labels: controls shown, &, < and > escaped."""
    import html

    from kit.text import visible_controls

    return html.escape(visible_controls(str(text)), quote=False)


def wrap_hover(text: str, width: int = 55) -> str:
    """Escape a long line and break it at spaces, so hover boxes stay narrow."""
    lines, line = [], ""
    for word in str(text).split():
        if line and len(line) + len(word) + 1 > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    lines.append(line)
    return "<br>".join(hover_text(x) for x in lines)


# ---------------------------------------------------------------- figures as plain dicts

# plotly property names that contain an underscore (everything else splits: marker_color is
# marker.color, as in plotly's own "magic underscore" arguments)
_UNDERSCORED = ("error_x", "error_y", "error_z")


def _plain(value: Any) -> Any:
    """A value as plotly JSON holds it: dicts as Props, tuples/arrays/Series as lists."""
    if isinstance(value, Props):
        return value
    if isinstance(value, dict):
        return Props({k: _plain(v) for k, v in value.items()})
    if isinstance(value, str | bool | int | float) or value is None:
        return value
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    if hasattr(value, "tolist"):  # numpy arrays and scalars, pandas Series
        return _plain(value.tolist())
    return value


def _path(key: str) -> list[str]:
    for name in _UNDERSCORED:
        if key == name or key.startswith(name + "_"):
            return [name, *key[len(name) + 1:].split("_")] if key != name else [name]
    return key.split("_")


def _merge(target: dict, key: str, value: Any) -> None:
    """Set a (magic-underscore) key: dicts merge into what is there, anything else replaces."""
    *parents, last = _path(key)
    for name in parents:
        child = target.get(name)
        if not isinstance(child, dict):
            child = target[name] = Props()
        target = child
    if value is None:  # as in plotly: None unsets the property
        target.pop(last, None)
        return
    if last == "template" and isinstance(value, str):
        target[last] = plotly_template(value)
        return
    if last == "title" and isinstance(value, str):
        value = {"text": value}  # plotly reads a bare string as the title's text
    if isinstance(value, dict):  # merged key by key, so the rules above hold at any depth
        current = target.get(last)
        if not isinstance(current, dict):
            current = target[last] = Props()
        for k, v in value.items():
            _merge(current, k, v)
    else:
        target[last] = _plain(value)


class _Unset:
    """What plotly shows for a property nobody set: falsy, equal to None, settable in place."""

    __slots__ = ("_key", "_parent")

    def __init__(self, parent: Any, key: str) -> None:
        object.__setattr__(self, "_parent", parent)
        object.__setattr__(self, "_key", key)

    def _made(self) -> Props:
        parent = self._parent._made() if isinstance(self._parent, _Unset) else self._parent
        return parent.setdefault(self._key, Props())

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _Unset(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        _merge(self._made(), name, value)

    __getitem__ = __getattr__
    __setitem__ = __setattr__

    def __bool__(self) -> bool:
        return False

    def __eq__(self, other: object) -> bool:
        return other is None or isinstance(other, _Unset)

    __hash__ = None  # type: ignore[assignment]

    def __iter__(self):
        return iter(())

    def __contains__(self, key: object) -> bool:
        return False

    def __repr__(self) -> str:
        return "None"


class Props(dict):
    """Part of a plotly figure as a plain dict, also read like plotly's objects.

    ``fig.layout.title.text`` and ``trace.marker.pattern.shape`` work as with `go.Figure`; a
    property never set reads as an empty, falsy value equal to None.
    """

    __slots__ = ()

    def __getattribute__(self, name: str) -> Any:
        # plotly's "values" (a table's cells, a header) reads as the property, not dict.values
        if name == "values" and dict.__contains__(self, name):
            return dict.__getitem__(self, name)
        return dict.__getattribute__(self, name)

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        try:
            return self[name]
        except KeyError:
            return _Unset(self, name)

    def __setattr__(self, name: str, value: Any) -> None:
        _merge(self, name, value)

    def update(self, other: dict | None = None, **kw: Any) -> Props:  # type: ignore[override]
        for key, value in {**(other or {}), **kw}.items():
            _merge(self, key, value)
        return self


def _trace(kind: str, spec: dict | None, kw: dict[str, Any]) -> Props:
    trace = Props(type=kind)
    trace.update(spec, **kw)
    return trace


def bar(spec: dict | None = None, **kw: Any) -> Props:
    """A bar trace, with plotly's arguments (`marker_color=…` or `marker={"color": …}`)."""
    return _trace("bar", spec, kw)


def scatter(spec: dict | None = None, **kw: Any) -> Props:
    """A scatter trace."""
    return _trace("scatter", spec, kw)


def table(spec: dict | None = None, **kw: Any) -> Props:
    """A table trace."""
    return _trace("table", spec, kw)


def heatmap(spec: dict | None = None, **kw: Any) -> Props:
    """A heatmap trace."""
    return _trace("heatmap", spec, kw)


@cache
def _templates() -> dict[str, Any]:
    path = Path(__file__).with_name("plotly_white.json")
    return {"plotly_white": json.loads(path.read_text(encoding="utf-8"))}


def plotly_template(name: str) -> dict[str, Any]:
    """A plotly template as plotly.js receives it (only the one the kit uses is stored)."""
    return _templates()[name]


class Figure:
    """A plotly figure as plain dicts: the part of `go.Figure`'s interface the kit uses.

    Nothing is validated here (tests/test_charts.py has plotly validate every lesson figure);
    displayed, it is plotly's figure JSON under plotly's MIME type, as `go.Figure` sends it.
    """

    def __init__(self, data: Any = None, layout: dict | None = None) -> None:
        if data is None:
            data = []
        elif isinstance(data, dict):
            data = [data]
        self.data: list[Props] = [_plain(trace) for trace in data]
        self.layout = Props()
        if layout:
            self.layout.update(layout)

    def add_trace(self, trace: dict) -> Figure:
        self.data.append(_plain(trace))
        return self

    def add_bar(self, **kw: Any) -> Figure:
        return self.add_trace(bar(**kw))

    def add_scatter(self, **kw: Any) -> Figure:
        return self.add_trace(scatter(**kw))

    def update_layout(self, layout: dict | None = None, **kw: Any) -> Figure:
        self.layout.update(layout, **kw)
        return self

    def _axes(self, letter: str) -> list[Props]:
        names = [k for k in self.layout if re.fullmatch(f"{letter}axis[0-9]*", k)]
        for name in names or [f"{letter}axis"]:
            if not isinstance(self.layout.get(name), dict):
                self.layout[name] = Props()
        return [self.layout[name] for name in (names or [f"{letter}axis"])]

    def select_xaxes(self) -> list[Props]:
        return [a for k, a in self.layout.items() if re.fullmatch("xaxis[0-9]*", k)]

    def select_yaxes(self) -> list[Props]:
        return [a for k, a in self.layout.items() if re.fullmatch("yaxis[0-9]*", k)]

    def update_xaxes(self, axis: dict | None = None, **kw: Any) -> Figure:
        for a in self._axes("x"):
            a.update(axis, **kw)
        return self

    def update_yaxes(self, axis: dict | None = None, **kw: Any) -> Figure:
        for a in self._axes("y"):
            a.update(axis, **kw)
        return self

    def add_annotation(self, annotation: dict | None = None, **kw: Any) -> Figure:
        note = Props()
        note.update(annotation, **kw)
        self.layout.setdefault("annotations", []).append(note)
        return self

    def add_shape(self, shape: dict | None = None, **kw: Any) -> Figure:
        item = Props()
        item.update(shape, **kw)
        self.layout.setdefault("shapes", []).append(item)
        return self

    def to_plotly_json(self) -> dict[str, Any]:
        return {"data": self.data, "layout": self.layout}

    to_dict = to_plotly_json

    def to_json(self) -> str:
        return json.dumps(self.to_plotly_json(), ensure_ascii=False)

    def to_html(self, **kw: Any) -> str:
        """A stand-alone page, as `go.Figure.to_html` writes it (plotly.io, no validation)."""
        import plotly.io as pio

        return pio.to_html(json.loads(self.to_json()), validate=False, **kw)

    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None, **kw: Any) -> dict:
        return {"application/vnd.plotly.v1+json": self.to_plotly_json()}


@dataclass
class Chart:
    """A figure and its text summary; displays both, summary first.

    In the Arabic edition every Arabic string in the figure is embedded right-to-left.
    """

    figure: Any
    summary: str
    lang: str = "ar"

    def __post_init__(self) -> None:
        if self.lang == "ar":
            rtl_figure(self.figure)

    def summary_html(self) -> str:
        attrs = 'dir="rtl" lang="ar" style="text-align:right"' if self.lang == "ar" else \
            'dir="ltr" lang="en"'
        return (f'<p class="kit-chart-summary" role="note" {attrs}>'
                f"<b>{escape(t('ui.chart_summary', self.lang))}:</b> {escape(self.summary)}</p>")

    def has_marks(self) -> bool:
        """Whether any trace has something to draw (a class with no exports yet has none)."""
        data = self.figure.get("data", []) if isinstance(self.figure, dict) else self.figure.data
        for trace in data or ():
            for key in ("x", "y", "z", "values", "cells"):
                value = trace.get(key) if isinstance(trace, dict) else getattr(trace, key, None)
                if key == "cells" and value is not None:
                    value = (value.get("values") if isinstance(value, dict)
                             else getattr(value, "values", None))
                if value is not None and len(value):
                    return True
        return False

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.summary_html()))
        if self.has_marks():  # empty axes say nothing the summary does not say better
            display(self.figure)


def style(fig: Any, lang: str | None = None, title: str = "", order_matters: bool = True) -> Any:
    """Apply the kit's look; in Arabic, categories read right to left and text aligns right."""
    lang = lang or get_language()
    fig.update_layout(
        title={"text": title, "x": 0.98 if lang == "ar" else 0.02,
               "xanchor": "right" if lang == "ar" else "left"},
        font={"family": FONT, "size": 14},
        colorway=list(OKABE_ITO),
        template="plotly_white",
        hoverlabel={"align": "right" if lang == "ar" else "left", "font": {"family": FONT}},
        legend={"x": 1 if lang == "ar" else 0, "xanchor": "right" if lang == "ar" else "left",
                "y": -0.2, "yanchor": "top", "orientation": "h"},
        margin={"l": 60, "r": 60, "t": 60, "b": 80},
    )
    if lang == "ar" and order_matters:
        fig.update_xaxes(autorange="reversed")
    return fig


def current_lang(lang: str | None) -> str:
    return lang or get_language()


# Chart builders are found in these submodules on first use, so `from kit import charts` stays
# cheap and a lesson calls `charts.audience()` without knowing which file defines it.
_SUBMODULES = ("claims", "sources", "numbers", "framing", "translation", "synthesis", "workbench",
               "classroom")


def __getattr__(name: str) -> Any:
    from importlib import import_module
    from importlib.util import find_spec

    for sub in _SUBMODULES:
        modname = f"{__name__}.{sub}"
        if find_spec(modname) is None:
            continue
        module = import_module(modname)
        if hasattr(module, name) and not name.startswith("_"):
            return getattr(module, name)
    raise AttributeError(f"kit.charts has no chart {name!r}")
