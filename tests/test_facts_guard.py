"""Every number a learner reads is backed: by the article, by the kit's sourced data, or by a
short, commented allow-list. A stated audience range is computed from the references.

Learner-facing text: lesson items (data/lessons/<lang>/*.json: objectives, recap, prompts,
choices and their feedback, exemplars, explanations, rubrics and levels) and the markdown
cells of notebooks/<lang>/*.ipynb, in both editions. Arabic-Indic digits and the multipliers
«ألف / آلاف / مليون / ملايين / مليار» (and k, M, million, billion) are normalised first.
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pytest

from kit.article import load_article
from kit.datasets import load_dataset
from kit.paths import data_dir
from kit.progress import MAX_TEXT_CHARS
from kit.references import audience_range

ROOT = Path(__file__).resolve().parents[1]
LANGS = ("ar", "en")

# Numbers that need no source, each with its reason. Keep this list short.
ALLOWED = {
    # paragraph numbers of the article (0 = headline … 18), lesson numbers (0–7), points of
    # the kit's rating scales (1–5) and counts of the lesson's own items and steps
    *range(0, 19),
    # percentages of the whole: "100%" of a bar or of the words
    100,
    # the character limit of the text box the learner fills in (lesson 07), a kit setting
    MAX_TEXT_CHARS,
    # year of a cited scholarly source: Entman, "Framing" (1993), lesson 04
    1993,
    # arithmetic in three steps, shown in lesson 03 q_axis: on an axis starting at 400,000 the
    # Fox bar (1.96 million) is (1,960,000 - 400,000) / (420,000 - 400,000) = 78 times AP's bar
    78,
    # "more than 400%": 6,500 leavers / 1,500 who stayed = 433% (lesson 03 q_percent)
    400,
}
# A number is also backed when it is arithmetic on two other numbers of the same item or cell
# (shown in the text): a*b, a/b, a-b, a+b, a% of b, a as % of b; rounded as the text rounds.
TOLERANCE = 0.025

_DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹٫٬٪", "01234567890123456789.,%")
_MULT = {
    "ألف": 1e3, "ألفًا": 1e3, "ألفا": 1e3, "آلاف": 1e3, "الف": 1e3,
    "مليون": 1e6, "مليونًا": 1e6, "ملايين": 1e6, "مليونا": 1e6, "مليار": 1e9, "مليارات": 1e9,
    "k": 1e3, "K": 1e3, "M": 1e6, "million": 1e6, "millions": 1e6,
    "billion": 1e9, "bn": 1e9,
}
_NUMBER = re.compile(
    r"(?<![0-9A-Za-z.,])(\d{1,3}(?:,\d{3})+|\d+)(\.\d+)?"
    r"(?:\s?(ألفًا|ألفا|ألف|آلاف|الف|مليونًا|مليونا|مليون|ملايين|مليارات|مليار|"
    r"million|millions|billion|bn|k|K|M)(?![A-Za-z]))?")
_TAG = re.compile(r"<[^>]+>")
_CODE = re.compile(r"`[^`]*`|<code[^>]*>.*?</code>", re.S)
_URL = re.compile(r"https?://\S+|\]\([^)]*\)")
_ISO = re.compile(r"\b(\d{4})-(\d{2})(?:-(\d{2}))?\b")


def numbers_in(text: str) -> list[tuple[str, float]]:
    """(as written, value) for every number in `text`, multipliers applied."""
    text = _URL.sub(" ", _TAG.sub(" ", _CODE.sub(" ", text))).translate(_DIGITS)
    out = []
    for m in _NUMBER.finditer(text):
        whole, frac, mult = m.group(1), m.group(2) or "", m.group(3)
        value = float(whole.replace(",", "") + frac) * _MULT.get(mult or "", 1)
        out.append((m.group(0).strip(), round(value, 6)))
    return out


def _strings(obj) -> list[str]:
    if isinstance(obj, str):
        return [obj]
    if isinstance(obj, dict):
        return [s for v in obj.values() for s in _strings(v)]
    if isinstance(obj, list):
        return [s for v in obj for s in _strings(v)]
    return []


@cache
def backed() -> frozenset[float]:
    """Values in the article, and figures (and the numbers in the sourced notes) of
    numbers.json, references.json and claims.json."""
    values: set[float] = {v for _w, v in numbers_in(load_article().text)}
    for name in ("numbers", "references", "claims"):
        for row in load_dataset(name)["items"]:
            for key in ("value", "value_low", "value_high"):
                if isinstance(row.get(key), int | float):
                    values.add(round(float(row[key]), 6))
            for text in _strings({k: v for k, v in row.items() if k != "sources"}):
                values.update(v for _w, v in numbers_in(text))
            for text in _strings(row):  # dates of sourced events: year, month, day
                for m in _ISO.finditer(text):
                    values.update(float(g) for g in m.groups() if g)
    return frozenset(values)


def _derived(value: float, operands: list[float]) -> bool:
    for a in operands:
        for b in operands:
            if a == value or b == value:
                continue
            results = [a * b, a - b, a + b, a * b / 100]
            if b:
                results += [a / b, 100 * a / b]
            if any(r and abs(r - value) <= TOLERANCE * abs(value) for r in results):
                return True
    return False


def _lesson_texts(lang: str) -> list[tuple[str, str, str]]:
    """(file, where, text) for every learner-facing string of the lesson files."""
    out = []
    for path in sorted((data_dir() / "lessons" / lang).glob("*.json")):
        lesson = json.loads(path.read_text(encoding="utf-8"))
        name = f"lessons/{lang}/{path.name}"
        for i, text in enumerate(lesson.get("objectives", [])):
            out.append((name, f"objectives[{i}]", text))
        for i, text in enumerate(lesson.get("recap", [])):
            out.append((name, f"recap[{i}]", text))
        for item in lesson["items"]:
            for key in ("prompt", "exemplar", "explanation"):
                if key in item:
                    out.append((name, f"{item['id']}.{key}", item[key]))
            for i, text in enumerate(item.get("rubric", [])):
                out.append((name, f"{item['id']}.rubric[{i}]", text))
            for level, text in item.get("levels", {}).items():
                out.append((name, f"{item['id']}.levels.{level}", text))
            for choice in item.get("choices", []):
                for key in ("text", "feedback"):
                    out.append((name, f"{item['id']}.{choice['id']}.{key}", choice[key]))
    return out


def _notebook_texts(lang: str) -> list[tuple[str, str, str]]:
    out = []
    for path in sorted((ROOT / "notebooks" / lang).glob("*.ipynb")):
        cells = json.loads(path.read_text(encoding="utf-8"))["cells"]
        for i, cell in enumerate(cells):
            if cell["cell_type"] == "markdown":
                out.append((f"notebooks/{lang}/{path.name}", f"cell {i}", "".join(cell["source"])))
    return out


def unbacked(lang: str) -> list[tuple[str, str, str]]:
    """(file, where, number as written) for every number nothing backs."""
    ok = backed() | {float(n) for n in ALLOWED}
    texts = _lesson_texts(lang) + _notebook_texts(lang)
    groups: dict[tuple[str, str], list[float]] = {}  # one item (prompt, choices, feedback…)
    for file, where, text in texts:
        group = groups.setdefault((file, where.split(".")[0]), [])
        group.extend(v for _w, v in numbers_in(text))
    bad = []
    for file, where, text in texts:
        operands = groups[(file, where.split(".")[0])]
        for written, value in numbers_in(text):
            if value not in ok and not _derived(value, operands):
                bad.append((file, where, written))
    return bad


def test_the_number_reader_normalises_arabic():
    assert [v for _w, v in numbers_in("بلغ نحو ٤٢٠ ألفًا، ثم 5.16 مليون و700k")] == \
        [420000, 5160000, 700000]
    assert [v for _w, v in numbers_in("about 420,000; 3 ملايين; $44 billion; 80٪")] == \
        [420000, 3000000, 44e9, 80]
    assert numbers_in('<p style="x">see `kit.find_numbers(2)` https://a.org/2023/05</p>') == []


@pytest.mark.parametrize("lang", LANGS)
def test_every_number_in_learner_text_is_backed(lang):
    bad = unbacked(lang)
    assert not bad, "\n".join(f"{f} | {w} | {n}" for f, w, n in bad)


_NUM = r"([\d٠-٩][\d٠-٩,.]*(?:\s?(?:k|ألفًا|ألف))?)"
_RANGE = {  # "from X … to Y": the low end, then the high end, within one sentence
    "en": re.compile(r"\bfrom\b[^.;\d]{0,20}?" + _NUM + r"[^.;]{0,200}?\bto\b[^.;\d]{0,40}?"
                     + _NUM),
    "ar": re.compile(r"(?:^|\s)من\s[^.؛\d]{0,20}?" + _NUM + r"[^.؛]{0,200}?\sإلى\s[^.؛\d]{0,40}?"
                     + _NUM),
}


@pytest.mark.parametrize("lang", LANGS)
def test_a_stated_audience_range_is_the_references_range(lang):
    low, high = audience_range()
    lows = {low["value"]} | {r["value"] for r in load_dataset("references")["items"]
                             if r["id"] == "aud_nbc_relaunch"}  # the relaunch's momentary count
    wrong = []
    for file, where, text in _lesson_texts(lang) + _notebook_texts(lang):
        plain = _TAG.sub(" ", text)
        if not re.search(r"audience|listener|in the room|جمهور|مستمع|الحاضرين", plain):
            continue
        for m in _RANGE[lang].finditer(plain):
            a, b = (numbers_in(g) for g in m.groups())
            if not a or not b or b[0][1] < 500_000:  # not the DeSantis audience (e.g. AOC's)
                continue
            if a[0][1] not in lows or b[0][1] != high["value"]:
                wrong.append((file, where, m.group(0)))
    assert not wrong, "\n".join(f"{f} | {w} | {s}" for f, w, s in wrong)


def test_audience_range_rows():
    low, high = audience_range()
    assert (low["id"], high["id"]) == ("aud_collins_100k", "aud_campaign_700k")
