"""The seed article: pinned bytes, paragraphs, sentences, offsets, and an escaped RTL view."""

import hashlib

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
