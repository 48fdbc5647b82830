"""Hostile text that learners, teachers or files may feed the kit; shared by the tests.

Every string in HOSTILE is valid Unicode (encodable as UTF-8), so any module can write it to a
file or a widget. UNENCODABLE holds the lone surrogate, which only a few layers must survive.

    from tests.hostile import HOSTILE
    for name, text in HOSTILE.items(): ...
"""

from __future__ import annotations

ONE_MB = 1_000_000

HOSTILE: dict[str, str] = {
    "empty": "",
    "whitespace": " \t\n\r\u00a0\u2003 ",
    "one_mb": "ب" * (ONE_MB // 2) + "x" * (ONE_MB // 2),
    "script": "<script>alert('x')</script>",
    "html_attr": '"><img src=x onerror="alert(1)">',
    "html_comment": "<!-- --><style>*{display:none}</style>",
    "entities": "&lt;b&gt; &amp; &#60;script&#62;",
    "markdown_link": "[click](javascript:alert(1))",
    "rlo_override": "\u202eexe.txt\u202c",
    "bidi_isolates": "\u2066abc\u2069 \u2067مرحبا\u2069 \u2068x\u2069 \u200e\u200f\u061c",
    "bidi_embeddings": "\u202a\u202b\u202c\u202d",
    "nul": "a\x00b",
    "c0_c1_controls": "\x01\x07\x1b[31mred\x1b[0m\x7f\x85\x9f",
    "zero_width": "a\u200bb\u200cc\u200dd\ufeffe",
    "line_separators": "one\u2028two\u2029three\r\nfour\rfive",
    "emoji": "👩🏽‍🏫🧪🇵🇸 \U0001f600",
    "mixed_ar_en": "قال الرئيس إن 3 ملايين (3 million) شخص said «نعم» today.",
    "arabic_diacritics": "بِسْمِ اللَّهِ الرَّحْمَٰنِ ـــ ١٢٣٤٥",
    "combining_pileup": "e" + "\u0301" * 200,
    "long_word": "ا" * 5000,
    "path_traversal": "../../etc/passwd",
    "windows_reserved": "CON",
    "json_like": '{"answer": "x", "__proto__": {}}',
    "python_like": "__import__('os').system('echo pwned')",
    "csv_formula": '=HYPERLINK("http://x","click")',
    "sql": "'; DROP TABLE answers; --",
    "format_braces": "{0} {name} %s %(x)s",
    "backslashes": "C:\\Users\\x\\n\\u0000",
    "private_use": "\ue000\U000f0000",
    "noncharacters": "\ufffe\uffff\U0010ffff",
}

UNENCODABLE: dict[str, str] = {
    "lone_surrogate": "a\ud800b",
    "reversed_pair": "\udc00\ud800",
}

SHORT = {k: v for k, v in HOSTILE.items() if len(v) <= 20000}
"""The corpus without the strings longer than the kit's 20,000-character answer limit."""
