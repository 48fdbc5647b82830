"""A minimal rich-display wrapper, so modules can return HTML without importing IPython."""

from __future__ import annotations

# Right-to-left layout for Arabic widgets (ipywidgets lays out left-to-right by itself), and
# a focus outline for keyboard users. Repeating it in every item is harmless and means an item
# renders correctly even if the setup cell's output was cleared.
LTR_TABLE_RULE = (".jp-RenderedHTMLCommon [dir=ltr] td,.jp-RenderedHTMLCommon [dir=ltr] th"
                  "{text-align:left}")
KIT_CSS = """<style>
.kit-item{border:1px solid #bbb;border-radius:6px;padding:8px 12px;margin:10px 0;max-width:54em}
.kit-rtl,.kit-rtl .widget-html-content,.kit-rtl .widget-radio-box,.kit-rtl .widget-label,
.kit-rtl textarea,.kit-rtl input[type=text]{direction:rtl;text-align:right}
.kit-rtl .widget-radio-box label{direction:rtl;text-align:right}
.kit-item .widget-radio-box label{display:flex;align-items:flex-start;gap:8px;
line-height:1.7;white-space:normal;height:auto;min-height:var(--jp-widgets-radio-item-height)}
.kit-item .widget-radio-box input{float:none;flex:none;order:-1;margin:0.35em 1px 0 1px}
.kit-item .widget-html-content{white-space:normal;line-height:1.7}
.kit-feedback .kit-ok{border-inline-start:4px solid #009E73;padding:2px 8px;margin:4px 0}
.kit-feedback .kit-no{border-inline-start:4px dashed #D55E00;padding:2px 8px;margin:4px 0}
.kit-feedback .kit-note{border-inline-start:4px dotted #555;padding:2px 8px;margin:4px 0}
.kit-item button:focus-visible,.kit-item input:focus-visible,.kit-item textarea:focus-visible,
.kit-item select:focus-visible{outline:3px solid #0072B2;outline-offset:2px}
.kit-item textarea{min-height:6em;width:100%}
.jp-RenderedHTMLCommon [dir=rtl] p,.jp-RenderedHTMLCommon [dir=rtl] li,
.jp-RenderedHTMLCommon [dir=rtl] td,.jp-RenderedHTMLCommon [dir=rtl] th,
.jp-RenderedHTMLCommon [dir=rtl] h2,.jp-RenderedHTMLCommon [dir=rtl] h3,
.jp-RenderedHTMLCommon [dir=rtl] h4,.jp-RenderedHTMLCommon [dir=rtl] blockquote,
[dir=rtl] p,[dir=rtl] li,[dir=rtl] td,[dir=rtl] th,[dir=rtl] caption{text-align:right}
""" + LTR_TABLE_RULE + "</style>"
# JupyterLab right-aligns every table cell (for numbers); the kit's English tables hold text.
LTR_TABLE_CSS = f"<style>{LTR_TABLE_RULE}</style>"


class HTML:
    """HTML that Jupyter renders and Python code can read back as `.html`."""

    def __init__(self, html: str) -> None:
        self.html = html

    def _repr_html_(self) -> str:
        # JupyterLab left-aligns <p>, <li> and table cells even inside dir="rtl"; the kit's
        # stylesheet puts Arabic back on the right wherever the output is shown.
        if 'dir="rtl"' in self.html:
            return KIT_CSS + self.html
        return LTR_TABLE_CSS + self.html if "<table" in self.html else self.html

    def __str__(self) -> str:
        return self.html
