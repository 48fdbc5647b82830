"""Where the kit runs: a Python kernel on a computer or server, or Pyodide in the browser.

JupyterLite (docs/jupyterlite.md) runs the same notebooks with Python compiled to WebAssembly
(Pyodide). There, the kernel sees the site's files, and the learner's own, under ``/drive``:
what the kit writes there is kept in the browser's storage and is back after a reload. Nothing
can start a process, open a socket or wait on another process, so the kit takes no file lock
there (one browser tab is one learner) and the export is a download link.

No third-party import and no side effect on import. The notice about where answers are kept is
an interface string (progress.browser_storage, progress.browser_not_kept in data/i18n).
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["DRIVE", "browser_notice", "drive_mounted", "is_pyodide", "unavailable"]

DRIVE = Path("/drive")

_UNAVAILABLE = {
    "hub": {
        "ar": "هذا الجزء يحتاج إلى خادم المدرسة، ولا يعمل في المتصفّح وحده.",
        "en": "This part needs the school's server (JupyterHub); it does not work in the "
              "browser alone.",
    },
    "voila": {
        "ar": ("لوحة الصف المستقلّة تحتاج إلى خادم، ولا تعمل في المتصفّح وحده. اجمع ملفات "
               "التصدير من المتعلّمين، وافتحها في لوحة الصف على أيّ حاسوب ثُبّتت عليه الحقيبة."),
        "en": "The stand-alone class dashboard (Voilà) needs a server and does not work in the "
              "browser alone. Collect the learners' export files and open them in the class "
              "dashboard on any computer where the kit is installed.",
    },
}


def is_pyodide() -> bool:
    """True in Pyodide (JupyterLite's Python), False in a normal Python process."""
    return sys.platform == "emscripten" or "pyodide" in sys.modules


def drive_mounted() -> bool:
    """True where JupyterLite's drive is mounted, so files written under it are kept."""
    return is_pyodide() and DRIVE.is_dir()


def browser_notice(lang: str) -> str:
    """The sentence a learner reads once per lesson in the browser: where answers are kept."""
    from kit.i18n import LANGUAGES, t

    lang = lang if lang in LANGUAGES else "ar"
    if drive_mounted():
        return t("progress.browser_storage", lang, button=t("ui.export", lang))
    return t("progress.browser_not_kept", lang)


def unavailable(feature: str, lang: str) -> str:
    """Why a server-only part ('hub' or 'voila') does not work here, and what to do instead."""
    lang = lang if lang in ("ar", "en") else "ar"
    return _UNAVAILABLE[feature][lang]
