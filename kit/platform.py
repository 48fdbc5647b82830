"""Where the kit runs: a Python kernel on a computer or server, or Pyodide in the browser.

JupyterLite (docs/jupyterlite.md) runs the same notebooks with Python compiled to WebAssembly
(Pyodide). There, the kernel sees the site's files, and the learner's own, under ``/drive``:
what the kit writes there is kept in the browser's storage and is back after a reload. Nothing
can start a process, open a socket or wait on another process, so the kit takes no file lock
there (one browser tab is one learner) and the export is a download link.

Pure standard library, no side effect on import.
"""

from __future__ import annotations

import sys
from pathlib import Path

__all__ = ["DRIVE", "browser_notice", "drive_mounted", "is_pyodide", "unavailable"]

DRIVE = Path("/drive")

_BROWSER = {
    "ar": ("تعمل الآن في المتصفّح مباشرةً بلا خادم: تُحفَظ إجاباتك في هذا المتصفّح على هذا "
           "الجهاز وحده، وتبقى بعد إعادة تحميل الصفحة. لكنّ مسح بيانات المتصفّح يمحوها، ولا "
           "تجدها على جهاز آخر؛ لذلك اضغط «صدِّر إجاباتي» في آخر كل درس، ونزِّل الملف، "
           "وسلّمه لمعلّمك."),
    "en": ("You are working in the browser, with no server: your answers are kept in this "
           "browser on this device and are still here after a reload. Clearing the browser's "
           "data erases them, and another device does not have them, so at the end of each "
           "lesson press “Export my answers”, download the file and hand it to your teacher."),
}
_NOT_KEPT = {
    "ar": ("تعمل الآن في المتصفّح، لكنّ هذه الصفحة لا تستطيع حفظ إجاباتك: ستضيع عند إعادة "
           "تحميلها. صدِّر إجاباتك قبل أن تغلق الصفحة، واطلب من معلّمك فتح الموقع من خادم "
           "ويب لا من ملف على الجهاز."),
    "en": ("You are working in the browser, but this page cannot keep your answers: they "
           "will be lost when it reloads. Export your answers before you close it, and ask "
           "your teacher to open the site from a web server, not as a file on the computer."),
}
_UNAVAILABLE = {
    "hub": {
        "ar": "هذا الجزء يحتاج إلى خادم المدرسة، ولا يعمل في المتصفّح وحده.",
        "en": "This part needs the school's server (JupyterHub); it does not work in the "
              "browser alone.",
    },
    "voila": {
        "ar": ("لوحة الصف المستقلّة تحتاج إلى خادم، ولا تعمل في المتصفّح وحده. اجمع ملفات "
               "التصدير من المتعلّمين، وافتحها في لوحة الصف على أي حاسوب ثُبّتت عليه الحقيبة."),
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
    lang = lang if lang in _BROWSER else "ar"
    return (_BROWSER if drive_mounted() else _NOT_KEPT)[lang]


def unavailable(feature: str, lang: str) -> str:
    """Why a server-only part ('hub' or 'voila') does not work here, and what to do instead."""
    lang = lang if lang in ("ar", "en") else "ar"
    return _UNAVAILABLE[feature][lang]
