"""Any article, analysed: the seed article, three invented texts, and every kind of bad input."""

from __future__ import annotations

import datetime
import json
import re
import time
from pathlib import Path

import pytest

from kit import progress, workbench
from kit.article import load_article
from kit.datasets import validate
from kit.paths import data_dir
from tests.hostile import HOSTILE, UNENCODABLE
from tests.notebook_runner import NOTEBOOKS, execute, problems

CORPUS = Path(__file__).parent / "corpus" / "articles"
TEXTS = sorted(CORPUS.glob("*.txt"))
SEED = load_article().text
# Raw markup that must never reach a rendered section unescaped.
UNSAFE = re.compile(r"<\s*(script|img|iframe|style|svg|object|a\s+href)\b", re.I)


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    monkeypatch.delenv(workbench.ENV_FILE, raising=False)
    return tmp_path / "answers"


def _text(name: str) -> str:
    return (CORPUS / name).read_text(encoding="utf-8")


def _rendered(result) -> str:
    return "".join(result.show(s).html for s in workbench.SECTIONS)


# ---------------------------------------------------------------- the seed article


def test_seed_article_figures_quotes_and_weekdays():
    result = workbench.analyse(SEED, "ar")
    assert result.ok
    rows = result.numbers.to_dict("records")
    hedged = [r for r in rows if "420 ألفًا" in r["text"]]
    assert hedged and hedged[0]["hedge"] == "approx" and hedged[0]["value"] == 420000
    assert [w.values for w in result.warnings if w.kind == "weekdays"] == [("tuesday",
                                                                             "wednesday")]
    speakers = " ".join(s for s in result.speakers["speaker"] if isinstance(s, str))
    for name in ("ساكس", "بوزنر", "تشيونغ"):
        assert name in speakers, name
    sacks = result.speakers.where(speaker="المضيف ديفيد ساكس").rows[0]
    assert "ساكس" in sacks["also_written"] and sacks["passages"] == 3
    dates = result.show("dates").html
    assert "الثلاثاء" in dates and "الأربعاء" in dates and 'role="alert"' in dates


def test_arabic_numbers_table_shows_no_codes_and_no_latin_commas():
    """Lesson 07's figures: a missing hedge or unit shows nothing, never «[nan]» or «[clock]»,
    and thousands use the Arabic separator (arabic_review E19, E20)."""
    html = workbench.analyse(SEED, "ar").show("numbers").html
    assert "[nan]" not in html and "nan<" not in html and "[clock]" not in html
    assert not re.search(r"\[[A-Za-z_]+\]", html)  # no code inside a label
    assert not re.search(r"\d,\d", html)  # «420,000» was a Latin comma in Arabic text
    assert "420\u066c000" in html and "44\u066c000\u066c000\u066c000" in html
    assert "[حوالي]" in html  # the hedge words are those of lesson 03 (T8)
    assert "420,000" in workbench.analyse(SEED, "en").show("numbers").html


@pytest.mark.parametrize(("lang", "words"), [("ar", ("24 مايو 2023", "5 رجب 1445 هـ")),
                                             ("en", ("24 May 2023", "5 Rajab 1445 AH"))])
def test_dates_are_written_in_words_not_iso(lang, words):
    text = "قال الوزير يوم الاثنين 24 مايو 2023 إن 300 شخص حضروا. وفي 5 رجب 1445 هـ عاد."
    result = workbench.analyse(text, lang)
    html = result.show("dates").html
    assert all(w in html for w in words) and not re.search(r"\d{4}-\d{2}-\d{2}", html)
    from kit import worksheet

    days = [i for i in worksheet.items(result) if i["id"].endswith("_weekdays")]
    assert days and words[0] in days[0]["prompt"]


def test_hedge_labels_are_the_same_words_as_in_the_numbers_lesson():
    from kit.i18n import strings

    for lang in ("ar", "en"):
        table = strings(lang)
        for key in ("approx", "nearly", "less_than", "more_than", "vague"):
            assert table[f"workbench.hedge.{key}"] == table[f"numbers.hedge.{key}"], (lang, key)


def test_weekday_warning_names_its_paragraphs_with_agreement():
    html = workbench.analyse(SEED, "ar").show("dates").html
    assert "الفقرتان 12 و13" in html and "الفقرة 12، الفقرة 13" not in html


def test_arabic_workbench_strings_agree_for_every_count():
    """No «{n} كلمة»-style template: a count comes as «الاسم: العدد» (arabic_review §3)."""
    from kit.arabic import nouns

    forms = {f for noun in nouns().values() for k, f in noun["ar"].items()
             if isinstance(f, str) and k not in ("gender",)} | {"محرف", "محرفًا", "بايت"}
    counts = "n|max|words|total|hits|passages|unknown|top_words|share|first|second|paragraph"
    pattern = re.compile(r"\{(" + counts + r")\}\s+("
                         + "|".join(sorted(forms, key=len, reverse=True)) + r")\b")
    for name in ("workbench", "worksheet", "synthesis_charts", "teacher"):
        table = json.loads((data_dir() / "i18n" / "ar" / f"{name}.json").read_text("utf-8"))
        for key, text in table.items():
            assert not pattern.search(text), (key, text)


def test_speaker_summary_has_no_gendered_pronoun_for_the_name():
    from kit.i18n import t

    for key in ("workbench.chart.speakers_summary", "worksheet.most.right",
                "worksheet.most.wrong"):
        text = t(key, "ar")
        # no «{name} له»: the name is the second term of a construct («كلمات {name}»), which
        # agrees with a man or a woman and with a name that starts with «ال»
        assert "} له" not in text and "فله" not in text and "لـ{" not in text, key
    # attributed words are «المنسوب», not «المنقول» (reported speech in lesson 02)
    assert "المنقول" not in t("workbench.chart.speakers_summary", "ar")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_sections_are_in_the_learners_language(lang):
    html = workbench.analyse(SEED, lang).show("numbers").html
    assert ("التحوّط" in html) == (lang == "ar") and ("Hedge" in html) == (lang == "en")
    assert 'dir="rtl"' in html  # the article itself is Arabic whatever the edition


def test_every_row_points_at_its_text():
    for text in [SEED, *(p.read_text(encoding="utf-8") for p in TEXTS)]:
        result = workbench.analyse(text, "en")
        for table in (result.numbers, result.quotes, result.dates, result.frame_hits):
            for row in table.to_dict("records"):
                assert result.text[row["start"]:row["end"]] == row["text"]


# ---------------------------------------------------------------- three invented texts


def test_arabic_text_with_western_digits():
    result = workbench.analyse(_text("ar_library.txt"), "ar")
    hedges = dict(zip(result.numbers["text"], result.numbers["hedge"], strict=True))
    assert hedges["نحو 12 ألف"] == "approx" and hedges["أكثر من 500"] == "more_than"
    top = result.speakers.rows[0]
    assert top["speaker"] == "رئيس البلدية سامر الحداد" and top["also_written"] == "الحداد"
    assert "عضو المجلس البلدي ليلى منصور" in set(result.speakers["speaker"])
    assert [w.values for w in result.warnings] == [("sunday", "monday")]


def test_english_text_weekday_that_contradicts_its_date():
    result = workbench.analyse(_text("en_water.txt"), "en")
    assert "about $2.4 million" in set(result.numbers["text"])
    mismatch = [w for w in result.warnings if w.kind == "weekday_date"]
    assert [w.values for w in mismatch] == [("monday", "tuesday", "2024-03-05")]
    assert "5 March 2024 was a Tuesday, not a Monday" in result.show("dates").html
    assert {"Tom Reyes", "council leader Maria Okafor"} <= set(result.speakers["speaker"])
    assert result.show("article").html.count('dir="ltr"') >= 1


def test_arabic_indic_digits_hijri_date_and_guillemets():
    result = workbench.analyse(_text("ar_hijri.txt"), "ar")
    rows = {r["text"]: r for r in result.numbers.to_dict("records")}
    assert rows["نحو ٢٥٠"]["value"] == 250 and rows["نحو ٢٥٠"]["hedge"] == "approx"
    assert rows["٤٠٪"]["unit"] == "percent"
    hijri = result.dates.where(calendar="hijri")
    assert list(hijri["value"]) == ["1445-09-18"]
    assert "هجري" in result.show("dates").html
    assert "منسقة المبادرة هدى العلي" == result.speakers["speaker"][0]
    direct = result.quotes.where(kind="direct")
    assert any(t.startswith("وزعنا هذا العام") for t in direct["text"])


def test_frame_words_include_the_teachers_extra_lexicon():
    result = workbench.analyse(_text("ar_library.txt"), "en")
    assert "economic" in set(result.frame_hits["frame"])  # تكلفتها
    assert "Economic consequences" in result.show("frames").html
    seed = workbench.analyse(SEED, "en")
    assert {"fail_fast", "political_failure"} <= set(seed.frame_hits["frame"])


# ---------------------------------------------------------------- bad input


BAD = {
    "empty": "",
    "whitespace": " \n\t\u00a0 ",
    "five_mb": "ب" * 2_500_000 + "x" * 2_500_000,
    "binary": "".join(chr(i % 32) for i in range(5000)) + "\ufffd" * 500,
    "cyrillic": "Мэр города заявил во вторник, что около 300 человек пришли на открытие.",
    "cjk": "市长周二表示，约有三百人参加了开幕式。市长周二表示，约有三百人参加了开幕式。",
    "digits_only": "123 456 789 %",
    "not_text": b"bytes are not text",
}


@pytest.mark.parametrize("name", BAD)
def test_bad_input_gets_a_sentence_not_a_traceback(name):
    start = time.perf_counter()
    result = workbench.analyse(BAD[name], "ar")
    assert time.perf_counter() - start < 1.0
    assert not result.ok and re.search(r"[\u0600-\u06FF]", result.problem)
    assert result.numbers.empty and result.speakers.empty and result.warnings == []
    html = _rendered(result)
    assert 'role="alert"' in html and "Traceback" not in html


def test_five_megabytes_are_refused_at_once_with_the_limit():
    start = time.perf_counter()
    result = workbench.analyse("x" * 5_000_000, "en")
    assert time.perf_counter() - start < 0.1
    assert "100,000" in result.problem and "5,000,000" in result.problem
    arabic = workbench.analyse("x" * 5_000_000, "ar").problem
    assert "100\u066c000" in arabic and "5\u066c000\u066c000" in arabic and "," not in arabic


def test_a_web_page_is_reduced_to_its_words_and_never_rendered():
    page = ("<!doctype html><html><head><title>t</title><style>p{}</style></head><body>"
            "<p>قال الوزير إن نحو 300 شخص حضروا يوم الثلاثاء.</p>"
            "<script>alert('x')</script><img src=x onerror=alert(1)>"
            "<p>&lt;script&gt; ليس برنامجًا هنا.</p></body></html>")
    result = workbench.analyse(page, "en")
    assert result.ok and any("web page" in n for n in result.notices)
    assert "alert" not in result.text and "<p>" not in result.text
    assert "<script>" in result.text  # an escaped entity is text, shown as text
    assert list(result.numbers["text"]) == ["نحو 300"]
    html = _rendered(result)
    assert not UNSAFE.search(html) and "&lt;script&gt;" in html


@pytest.mark.parametrize("markup", ["<a " * 300_000, "<p>x</p><!--" * 80_000,
                                    "<script>" + "x<" * 400_000, "<p " + 'a="' * 300_000])
def test_malformed_markup_is_stripped_in_linear_time(markup):
    start = time.perf_counter()
    workbench.analyse(markup, "en")
    workbench.strip_html(markup)
    assert time.perf_counter() - start < 3.0  # html.parser takes minutes on some of these


@pytest.mark.parametrize("name", sorted({**HOSTILE, **UNENCODABLE}))
def test_hostile_text_never_breaks_or_injects(name):
    text = {**HOSTILE, **UNENCODABLE}[name]
    for wrapped in (text, f"قال الوزير إن نحو 300 شخص حضروا. {text}"):
        result = workbench.analyse(wrapped, "ar")
        assert not UNSAFE.search(_rendered(result)), name


def test_a_few_damaged_characters_are_shown_not_refused():
    result = workbench.analyse("قال الوزير إن نحو 300 شخص حضروا.\x00\ufffd", "en")
    assert result.ok and any("damaged" in n for n in result.notices)
    assert "⟦U+0000⟧" in result.show("article").html


@pytest.mark.slow
def test_the_longest_accepted_text_is_analysed_in_seconds():
    for unit in (SEED, "فشل\n\n", "حوالي 5\n\n", "قال إن\n\n", "said that “x” "):
        text = (unit * (workbench.MAX_CHARS // len(unit) + 1))[:workbench.MAX_CHARS]
        start = time.perf_counter()
        result = workbench.analyse(text, "ar")
        _rendered(result)
        assert result.ok and time.perf_counter() - start < 20, unit


# ---------------------------------------------------------------- the input box


def test_the_box_saves_the_analysed_text_and_restores_it():
    box = workbench.article_input("en")
    assert box.text.value == SEED and "lesson article" in box.status.value
    numbers = box.show("numbers")
    box.text.value = _text("en_water.txt")
    box.analyse()
    assert "about $2.4 million" in numbers.widget.value and "Text saved" in box.status.value
    again = workbench.article_input("en")
    assert again.text.value == _text("en_water.txt").strip()
    assert "you analysed and saved" in again.status.value


def test_a_text_longer_than_the_answer_limit_is_analysed_but_not_saved():
    box = workbench.article_input("ar")
    long_text = (SEED + "\n\n") * (progress.MAX_TEXT_CHARS // len(SEED) + 1)
    result = box.analyse(long_text)
    assert result.ok and "لن يُحفظ" in box.status.value
    assert "20\u066c000" in box.status.value and "20,000" not in box.status.value
    assert "text" not in progress.load_answers().get(workbench.LESSON, {})


def test_a_refused_text_is_not_saved_and_says_why():
    box = workbench.article_input("en")
    box.analyse("")
    assert "no text to analyse" in box.status.value
    assert progress.load_answers() == {}


def test_an_uploaded_file_is_decoded_with_replacement():
    box = workbench.article_input("en")
    raw = _text("ar_hijri.txt").encode("utf-8") + b"\xff"
    box.upload.value = ({"name": "x.txt", "type": "text/plain", "size": len(raw),
                         "content": memoryview(raw),
                         "last_modified": datetime.datetime.now(datetime.UTC)},)
    assert box.result.ok and box.text.value.endswith("\ufffd")
    assert "x.txt" in box.status.value


def test_the_teachers_file_is_the_default_text(monkeypatch):
    monkeypatch.setenv(workbench.ENV_FILE, str(CORPUS / "ar_library.txt"))
    text, origin = workbench.default_text("en")
    assert text == _text("ar_library.txt") and "ar_library.txt" in origin
    monkeypatch.setenv(workbench.ENV_FILE, str(CORPUS / "missing.txt"))
    text, origin = workbench.default_text("en")
    assert text == SEED and "could not be read" in origin


def test_sections_carry_static_html_for_exported_notebooks():
    box = workbench.article_input("ar")
    bundle = box.show("numbers")._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle
    assert "420" in bundle["text/html"]
    with pytest.raises(ValueError, match="The sections are"):
        box.show("nope")


# ---------------------------------------------------------------- the teacher's lexicon


def test_extra_lexicon_matches_its_schema_and_names_known_frames():
    path = data_dir() / "lexicon_extra.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    validate(data, "lexicon_extra", source=str(path))
    names = workbench.frame_names("ar")
    assert all(term["frame"] in names for term in data["terms"])
    ids = [term["id"] for term in data["terms"]]
    assert len(ids) == len(set(ids))
    bad = {**data, "terms": [{**data["terms"][0], "forms_ar": ["(.*)"]}]}
    with pytest.raises(Exception, match="forms_ar"):
        validate(bad, "lexicon_extra")


# ---------------------------------------------------------------- the notebook


@pytest.mark.slow
@pytest.mark.parametrize("edition", ["ar", "en"])
@pytest.mark.parametrize("article", [None, *TEXTS], ids=lambda p: p.stem if p else "seed")
def test_notebook_runs_on_the_seed_and_each_invented_text(edition, article, monkeypatch,
                                                          tmp_path):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LANG", raising=False)
    if article is not None:
        monkeypatch.setenv(workbench.ENV_FILE, str(article))
    nb = execute(NOTEBOOKS / edition / "07_your_article.ipynb")
    assert problems(nb) == []
    html = "".join(out.get("data", {}).get("text/html", "") for cell in nb.cells
                   if cell.cell_type == "code" for out in cell.get("outputs", []))
    expected = {None: "420 ألفًا", "ar_library": "نحو 12 ألف", "en_water": "about $2.4 million",
                "ar_hijri": "نحو ٢٥٠"}[article.stem if article else None]
    assert expected in html
    assert "kit-worksheet" in html and not UNSAFE.search(html.replace("<style>", ""))


# ---------------------------------------------------------------- charts


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_speaker_chart_shows_words_per_speaker_in_the_learners_language(lang):
    from kit import charts

    result = workbench.analyse(_text("ar_library.txt"), lang)
    chart = charts.speaker_share(result)
    bar = chart.figure.data[0]
    names = [y.strip("\u202b\u202c") for y in bar.y]  # Arabic labels may be bidi-embedded
    assert "رئيس البلدية سامر الحداد" in names and max(bar.x) == 26
    assert "26" in chart.summary and "سامر الحداد" in chart.summary
    title = chart.figure.layout.title.text
    assert bool(re.search(r"[\u0600-\u06FF]", title)) == (lang == "ar")
    assert all("<br>" in h for h in bar.text)  # hover carries passages, direct and reported


def test_frame_chart_stacks_frames_per_paragraph():
    from kit import charts

    chart = charts.frames_by_paragraph(workbench.analyse(SEED, "en"))
    names = {trace.name for trace in chart.figure.data}
    assert "Fail fast: a tech experiment" in names
    assert re.search(r"\(words: \d+\)", chart.summary)


@pytest.mark.parametrize("bad", ["", "Привет, как дела? Это текст на русском."])
def test_charts_of_a_refused_text_say_so(bad):
    from kit import charts

    result = workbench.analyse(bad, "en")
    assert charts.speaker_share(result).summary.startswith("No quoted")
    assert charts.frames_by_paragraph(result).summary.startswith("No words")


# ---------------------------------------------------------------- one speaker per person (issue 14)


def test_seed_article_has_one_speaker_per_person():
    result = workbench.analyse(load_article().text, "ar")
    assert result.aliases == {"ماسك": ["الملياردير صاحب موقع تويتر"]}
    rows = {r["speaker"]: r for r in result.speakers.to_dict("records")
            if isinstance(r["speaker"], str)}
    assert "الملياردير صاحب موقع تويتر" in rows["ماسك"]["also_written"]
    assert "بوزنر" in rows["جو إيلين بوزنر"]["also_written"]
    assert "ساكس" in rows["المضيف ديفيد ساكس"]["also_written"]
    for short in ("الملياردير صاحب موقع تويتر", "بوزنر", "ساكس"):
        assert short not in rows  # never a second row (or worksheet answer) for one person
    quotes = result.quotes.to_dict("records")
    assert all(q["speaker"] in rows or not isinstance(q["speaker"], str) for q in quotes)


def test_speaker_aliases_need_their_evidence_in_the_text():
    record = json.loads((data_dir() / "article" / "speaker_aliases.json").read_text("utf-8"))
    text = load_article().text
    for alias in record["aliases"]:
        for e in alias["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]
    assert workbench.speaker_aliases(text) == {"ماسك": ["الملياردير صاحب موقع تويتر"]}
    # the description alone, without the sentence that links it to ماسك: no link
    alone = "وقال الملياردير صاحب موقع تويتر إن الخوادم تعطلت. وقال ماسك إن الحدث نجح."
    assert workbench.speaker_aliases(alone) == {}
    names = set(workbench.analyse(alone, "ar").speakers["speaker"]) - {None}
    assert {"ماسك", "الملياردير صاحب موقع تويتر"} <= names


def test_corpus_text_has_one_speaker_per_person():
    from tests.corpus_scoring import load_news

    en02 = next(d for d in load_news() if d["id"] == "en02")  # held in the repository
    result = workbench.analyse(en02["text"], "en")
    rows = [r for r in result.speakers.to_dict("records") if "Cravioto" in str(r["speaker"])]
    assert len(rows) == 1 and rows[0]["passages"] >= 3 and "Cravioto" in rows[0]["also_written"]


def test_weekday_checked_through_a_hijri_date_and_its_gregorian_equivalent():
    result = workbench.analyse("أعلنت الوزارة يوم الأحد 1 رمضان 1445هـ، الموافق 11 مارس 2024م، "
                               "بدء الصيام في البلاد كلها.", "ar")
    assert [(w.kind, w.values) for w in result.warnings] == [
        ("weekday_date", ("sunday", "monday", "2024-03-11"))]
    assert "11" in result.show("dates").html


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_new_date_checks_are_shown_as_warnings_in_words(lang):
    from kit.i18n import t
    from kit.workbench import DateWarning
    from kit.workbench_view import _warning

    for key in ("hijri_gregorian", "relative_days", "relative_published"):
        assert t(f"workbench.warn.{key}", lang) != f"workbench.warn.{key}"
    result = workbench.analyse("x", lang=lang, published="2023-05-24")

    class M:  # a mention: where it starts and ends
        def __init__(self, start, end):
            self.start, self.end = start, end

    result.text = "ab cd"
    shown = [_warning(result, DateWarning("hijri_gregorian", ("1444-11-04", "2023-06-30"),
                                          (M(0, 2), M(3, 5)))),
             _warning(result, DateWarning("relative_days", ("monday", "tuesday"),
                                          (M(0, 1), M(1, 2), M(3, 4), M(4, 5)))),
             _warning(result, DateWarning("relative_published", ("monday", "tuesday"),
                                          (M(0, 2), M(3, 5))))]
    for html in shown:
        assert "workbench.warn" not in html and "{" not in html
        assert "1444-11" not in html and "2023-" not in html  # dates in words
    assert ("مايو" if lang == "ar" else "May") in shown[0] + shown[2]


@pytest.mark.parametrize(("lang", "half", "big"), [("ar", "0.5", "420\u066c000"),
                                                   ("en", "0.5", "420,000")])
def test_numbers_table_writes_decimals_as_the_kit_does_elsewhere(lang, half, big):
    from kit.mislead import number_text
    from kit.workbench_view import _value

    assert _value({"value": 0.5, "unit": "hour"}, lang) == half == number_text(0.5, lang)
    assert _value({"value": 420000.0, "unit": None}, lang) == big
    assert _value({"value": 1234.25, "unit": None}, lang) == (
        "1\u066c234.25" if lang == "ar" else "1,234.25")


# ---------------------------------------------------------------- tables without pandas (issue 15)


def test_tables_are_plain_rows_that_pandas_can_still_take():
    result = workbench.analyse(SEED, "ar")
    table = result.numbers
    assert len(table) == len(table.rows) > 0 and not table.empty
    assert table["text"] == [r["text"] for r in table.to_dict("records")]
    copy = table.to_dict("records")
    copy[0]["text"] = "changed"
    assert table.rows[0]["text"] != "changed"  # records are copies
    with pytest.raises(KeyError, match="columns are"):
        table["no such column"]
    frame = table.to_pandas()
    assert list(frame.columns) == table.columns and list(frame["text"]) == table["text"]
    direct = result.quotes.where(kind="direct")
    assert direct.rows and all(r["kind"] == "direct" for r in direct.rows)


def test_a_table_shown_in_a_notebook_is_escaped():
    table = workbench.Table([{"text": "<script>alert(1)</script>", "n": None}], ["text", "n"])
    html = table._repr_html_()
    assert "<script>" not in html and "&lt;script&gt;" in html and "None" not in html


def test_lesson_07_work_imports_no_pandas():
    """The workbench, its sections, worksheet and charts run without pandas (kernel memory)."""
    import subprocess
    import sys

    code = ("import sys\nfrom kit import workbench, worksheet\n"
            "from kit.charts import workbench as wc\n"
            "from kit.article import load_article\n"
            "r = workbench.analyse(load_article().text, 'ar')\n"
            "[r.show(s) for s in workbench.SECTIONS]\n"
            "worksheet.items(r); wc.speaker_share(r); wc.frames_by_paragraph(r)\n"
            "print(sorted(m for m in ('pandas', 'numpy') if m in sys.modules))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, cwd=Path(__file__).parent.parent)
    assert out.stdout.strip().splitlines()[-1] == "[]"
