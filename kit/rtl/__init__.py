"""Right-to-left where the text is, outside JupyterLab: nbconvert's HTML export.

JupyterLab, Notebook 7, Voilà and JupyterLite get the rule from the kit's JupyterLab
extension (`labextension/`, installed with the kit). A static HTML export runs no extension,
so the kit ships an nbconvert template, ``kit-rtl``, that extends JupyterLab's ``lab``
template with the same stylesheet and script::

    jupyter nbconvert --to html --template kit-rtl notebooks/ar/01_claims.ipynb

The template is installed into ``share/jupyter/nbconvert/templates/kit-rtl``; `export_html`
finds it in this folder too, so it works from a checkout that was never installed.
"""

from __future__ import annotations

from pathlib import Path

TEMPLATES = Path(__file__).resolve().parent / "templates"
TEMPLATE_NAME = "kit-rtl"


def html_exporter(**kwargs):
    """An nbconvert ``HTMLExporter`` using the kit-rtl template (imports nbconvert lazily)."""
    from nbconvert import HTMLExporter

    kwargs.setdefault("template_name", TEMPLATE_NAME)
    kwargs.setdefault("extra_template_basedirs", [str(TEMPLATES)])
    return HTMLExporter(**kwargs)


def export_html(notebook, **kwargs) -> str:
    """A notebook (path or ``nbformat`` node) as one HTML page that reads in both directions."""
    exporter = html_exporter(**kwargs)
    if isinstance(notebook, str | Path):
        body, _resources = exporter.from_filename(str(notebook))
    else:
        body, _resources = exporter.from_notebook_node(notebook)
    return body
