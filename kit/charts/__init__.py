"""Plotly charts for the lessons: a colour-blind-safe palette, Arabic-aware layout, a text summary.

Every chart is a `Chart`: the plotly figure plus a one-line summary shown beside it (for
screen readers and for anyone who cannot see the picture). Builders live in submodules named
for what they chart (`kit.charts.numbers`, `kit.charts.sources`, …).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
        return _RLE + text + _PDF
    return text


def _rtl_list(values: Any) -> Any:
    if isinstance(values, list | tuple) and values and all(isinstance(v, str) for v in values):
        return [rtl_label(v) for v in values]
    return values


def rtl_figure(fig: Any) -> Any:
    """Embed every Arabic string of a figure (titles, names, labels, hover) right-to-left."""
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
            if isinstance(shape[key], str):
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

    def _ipython_display_(self) -> None:
        from IPython.display import HTML, display

        display(HTML(self.summary_html()))
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
