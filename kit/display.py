"""A minimal rich-display wrapper, so modules can return HTML without importing IPython."""

from __future__ import annotations


class HTML:
    """HTML that Jupyter renders and Python code can read back as `.html`."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        return self.html

    def __str__(self) -> str:
        return self.html
