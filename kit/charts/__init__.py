"""Plotly charts for the lessons: a colour-blind-safe palette, Arabic-aware layout, a text summary.

Every chart is a `Chart`: the plotly figure plus a one-line summary shown beside it (for
screen readers and for anyone who cannot see the picture). Builders live in submodules named
for what they chart (`kit.charts.numbers`, `kit.charts.sources`, …).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from kit.i18n import get_language, t
from kit.text import escape

# Okabe & Ito (2008): distinguishable with the common forms of colour-blindness.
OKABE_ITO = ("#E69F00", "#56B4E9", "#009E73", "#F0E442", "#0072B2", "#D55E00", "#CC79A7",
             "#000000")
FONT = "Noto Naskh Arabic, Amiri, Tahoma, Arial, sans-serif"


@dataclass
class Chart:
    """A figure and its text summary; displays both, summary first."""

    figure: Any
    summary: str
    lang: str = "ar"

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
