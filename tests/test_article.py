"""The seed article: pinned bytes, paragraphs, sentences, offsets, and an escaped RTL view."""

import hashlib
import re

import pytest

import kit
from kit.article import ARTICLE_SHA256, Article
from kit.paths import data_dir


def test_article_bytes_are_pinned():
    raw = (data_dir() / "article" / "article_ar.txt").read_bytes()
    assert hashlib.sha256(raw).hexdigest() == ARTICLE_SHA256


def test_headline_and_eighteen_paragraphs():
    article = kit.load_article()
    assert len(article.paragraphs) == 19
    assert article.paragraphs[0].text.startswith("يريد Elon Musk بناء ساحة مدينة رقمية")
    assert article.title == article.paragraphs[0].text
    for p in article.paragraphs:
        assert article.text[p.start:p.end] == p.text


def test_sentences_cover_paragraphs_with_exact_offsets():
    article = kit.load_article()
    assert len(article.sentences) > len(article.paragraphs)
    for s in article.sentences:
        assert article.text[s.start:s.end] == s.text
        assert article.paragraph_at(s.start) == article.paragraph_at(s.end - 1)


def test_span_and_paragraph_at():
    article = kit.load_article()
    start, end = article.find("الثلاثاء")
    assert article.span(start, end) == "الثلاثاء"
    assert article.paragraph_at(start) == 1
    with pytest.raises(IndexError):
        article.span(0, len(article.text) + 1)


def test_show_is_rtl_numbered_and_highlights():
    article = kit.load_article()
    start, end = article.find("420 ألفًا")
    html = article.show(highlight=[(start, end, "audience")]).html
    assert 'dir="rtl"' in html and "text-align:right" in html
    assert html.count('class="kit-para"') == 19
    assert ">420 ألفًا</mark>" in html
    assert "[audience]" in html  # the label is visible, not colour alone


def test_show_escapes_everything():
    evil = Article.from_text("<script>alert(1)</script>\n\nنص \u202eعكسي <b>x</b>")
    html = evil.show(highlight=[(0, 8, "<img src=x onerror=alert(1)>")]).html
    assert "<script>" not in html and "<b>" not in html and "<img" not in html
    assert "&lt;script&gt;" in html
    assert "\u202e" not in html and "⟦RLO⟧" in html


def test_english_text_reads_left_to_right():
    html = Article.from_text("Title\n\nBody text here.").show().html
    assert 'dir="ltr"' in html


# --- Arabic output: no English names, raw codes or ISO dates (issue 10, review E1/E2/E6) ---

ISO_DATE = re.compile(r"\b\d{4}-\d{2}(-\d{2})?\b")
CONFIDENCE_CODES = ("confirmed", "partial", "memory", "not_found", "unverifiable")
# Latin that Arabic text may show: the wire's initials in brackets after its Arabic name
# (the kit's convention for a first mention).
LATIN_ALLOWED = {"AP"}


def _arabic_visible_text(html: str) -> str:
    """What an Arabic reader sees, minus links' addresses and quoted originals «…» “…”."""
    html = re.sub(r"<style.*?</style>", " ", html, flags=re.S)
    html = re.sub(r"<a [^>]*>.*?</a>", " ", html, flags=re.S)
    text = re.sub(r"<[^>]+>", " ", html)
    text = re.sub(r"«[^»]*»|“[^”]*”|\"[^\"]*\"", " ", text)
    return text


def _latin_words(text: str) -> set[str]:
    return set(re.findall(r"[A-Za-z][A-Za-z.'’-]+", text)) - LATIN_ALLOWED


def _assert_arabic_clean(text: str, where: str) -> None:
    assert not _latin_words(text), f"{where}: Latin words {sorted(_latin_words(text))}"
    assert not ISO_DATE.search(text), f"{where}: ISO date {ISO_DATE.search(text).group()}"
    for code in CONFIDENCE_CODES:
        assert not re.search(rf"(?<![A-Za-z_]){code}(?![A-Za-z_])", text), f"{where}: {code}"


def test_about_in_arabic_names_outlets_dates_and_confidence_in_arabic():
    from kit.article import about

    html = about("ar")._repr_html_()
    body = html[html.index('<div class="kit-about"'):]
    # the headline is the article's own text; about() does not print it
    _assert_arabic_clean(_arabic_visible_text(body), "about('ar')")
    assert "24 مايو 2023" in body and "مؤكَّد" in body


def test_about_in_english_keeps_the_english_names():
    from kit.article import about

    html = about("en")._repr_html_()
    assert "Honolulu Star-Advertiser" in html and "24 May 2023" in html
    assert "2023-05-24" not in html.replace("/2023/05/24/", "")


def _hovers(figure) -> list[str]:
    texts = []
    for trace in figure.data:
        texts += [str(x) for x in (trace.text or ()) if isinstance(trace.text, (list, tuple))]
        for row in trace.customdata if trace.customdata is not None else ():
            texts += [str(x) for x in row]
    return texts


def test_arabic_numbers_chart_hovers_have_no_english_outlets_or_codes():
    from kit.charts import numbers as charts

    for fig in (charts.audience_dispute("ar").figure,
                charts.audience_comparison("zero", "ar").figure):
        for text in _hovers(fig):
            _assert_arabic_clean(_arabic_visible_text(text), "numbers chart hover")
    for shown in (charts.figures_table("ar"), charts.weekday_check("ar")):
        html = shown._repr_html_()
        body = html[html.rindex("<div class=\"kit-"):]
        sources = re.findall(r"<td><small>(.*?)</small></td></tr>", body)
        for cell in sources:
            _assert_arabic_clean(_arabic_visible_text(cell), "figures table sources")
        if "kit-weekdays" in body:
            ref = body[body.rindex("<p>"):]
            link = re.search(r"<a [^>]*>(.*?)</a>", ref).group(1)
            _assert_arabic_clean(link, "weekday check source")


def test_arabic_claims_and_sources_chart_hovers_have_no_english_outlets_or_codes():
    from kit.charts.claims import claims_by_claimant, claims_map
    from kit.charts.sources import success_or_failure

    def lines(text: str) -> list[str]:
        return text.replace("\u202b", "").replace("\u202c", "").split("<br>")

    for trace in claims_map("ar").figure.data:
        for text in trace.text:
            # the claim (the article's own words, Latin names and all) runs from the
            # second line to the claimant's line
            rest = lines(text)
            claimant = next(i for i, x in enumerate(rest) if x.startswith("صاحب الادعاء"))
            rest = rest[:1] + rest[claimant:]
            _assert_arabic_clean(_arabic_visible_text("<br>".join(rest)), "claims map hover")
    for trace in claims_by_claimant("ar").figure.data:
        for text in trace.text:
            # the claimant and kind on top, then the article's words, then "and N more"
            shown = [lines(text)[0]] + [x for x in lines(text) if x.startswith("…")]
            _assert_arabic_clean(_arabic_visible_text("<br>".join(shown)), "claimant hover")
    for trace in success_or_failure("ar").figure.data:
        for text in trace.text:
            _assert_arabic_clean(_arabic_visible_text(text), "speakers hover")


def test_number_highlights_name_units_in_the_readers_language(monkeypatch):
    import kit.i18n

    article = kit.load_article()
    monkeypatch.setattr(kit.i18n, "_current", "ar")
    html = article.show(highlight=kit.find_numbers(article.text))._repr_html_()
    labels = set(re.findall(r"\[([^\]<]{1,30})\]", html)) - {"dir=rtl", "dir=ltr", "type=text"}
    assert labels and not any(re.search("[A-Za-z]", x) for x in labels), labels
    assert "ساعة" in labels
    monkeypatch.setattr(kit.i18n, "_current", "en")
    html = article.show(highlight=kit.find_numbers(article.text))._repr_html_()
    assert "[hour]" in html
