"""Text facts the modules share: script direction, safe HTML, visible control characters."""

from __future__ import annotations

import html
import re
import unicodedata

_ARABIC = re.compile(r"[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]")
_LATIN = re.compile(r"[A-Za-z\u00C0-\u024F]")
# Bidi embedding/override/isolate controls can reorder whole stretches of a page; they are
# shown as visible markers instead of being obeyed. The zero-width marks (LRM, RLM, ALM)
# only settle the side of neighbouring punctuation, as Arabic typography uses them, and pass.
_BIDI_CONTROLS = {
    "\u202a": "LRE", "\u202b": "RLE", "\u202c": "PDF", "\u202d": "LRO", "\u202e": "RLO",
    "\u2066": "LRI", "\u2067": "RLI", "\u2068": "FSI", "\u2069": "PDI",
}


def direction(text: str) -> str:
    """'rtl' when Arabic letters outnumber Latin ones, else 'ltr'."""
    sample = text[:20000]
    return "rtl" if len(_ARABIC.findall(sample)) > len(_LATIN.findall(sample)) else "ltr"


def language_of(text: str) -> str:
    """'ar' for mostly Arabic text, else 'en' (the two languages the kit teaches in)."""
    return "ar" if direction(text) == "rtl" else "en"


def visible_controls(text: str) -> str:
    """Replace bidi controls, NUL and other control characters by visible markers like ⟦RLO⟧."""
    out = []
    for ch in text:
        if ch in _BIDI_CONTROLS:
            out.append(f"⟦{_BIDI_CONTROLS[ch]}⟧")
        elif ch in "\n\t":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cs") or ch == "\ufeff":
            out.append(f"⟦U+{ord(ch):04X}⟧")
        else:
            out.append(ch)
    return "".join(out)


def escape(text: str) -> str:
    """HTML-escape text after making control characters visible; safe for any markup context."""
    return html.escape(visible_controls(text), quote=True)


def isolate(text: str, lang: str | None = None) -> str:
    """Escaped text in a <bdi> so its direction never reorders the surrounding sentence."""
    lang = lang or language_of(text)
    dir_ = "rtl" if lang == "ar" else "ltr"
    return f'<bdi dir="{dir_}" lang="{lang}">{escape(text)}</bdi>'


def signed(value: float, lang: str, digits: int = 1) -> str:
    """A number with its sign, «‎+0.5»: in Arabic a left-to-right mark keeps the sign before
    the digits (without it a right-to-left line shows «0.5+» or «0.5-»)."""
    text = f"{value:+.{digits}f}"
    return "\u200e" + text if lang == "ar" else text
