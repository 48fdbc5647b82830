"""Lateral reading (kit.lateral): the address checked, compared with the kit's sources, the three
questions where it matches nothing, stored sources without internet, bad input as a sentence."""

from __future__ import annotations

import pytest

from kit import lateral, progress
from kit.i18n import t
from kit.lesson import Lesson
from kit.text import escape
from tests.hostile import HOSTILE

ABC = ("https://abcnews.go.com/Politics/ron-desantis-kicks-off-presidential-campaign-elon-musk/"
       "story?id=99578759")


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    return tmp_path / "answers"


@pytest.mark.parametrize(("text", "problem"), [
    ("", "empty"), ("   ", "empty"), (None, "empty"),
    ("javascript:alert(1)", "scheme"), ("JavaScript:void(0)", "scheme"),
    ("data:text/html,<b>x</b>", "html"), ("data:text/plain,hi", "scheme"),
    ("file:///etc/passwd", "scheme"), ("ftp://example.com/x", "scheme"),
    ("<a href='https://x.com'>x</a>", "html"), ("<script>alert(1)</script>", "html"),
    ("https://example.com/" + "a" * 3000, "too_long"),
    ("what I found was good", "spaces"), ("https://x", "not_url"), ("just-a-word", "not_url"),
    ("https://abcnews.go.com@evil.example/", "userinfo"),
    ("https://\u0430bcnews.go.com/x", "mixed_scripts"),   # Cyrillic а in a Latin name
    ("https://bbcعربي.com/", "mixed_scripts"),
])
def test_bad_addresses_are_refused_with_a_named_reason(text, problem):
    result = lateral.check_url(text)
    assert result["ok"] is False and result["problem"] == problem
    for lang in ("ar", "en"):  # every reason is a sentence in both languages
        sentence = t(f"lateral.url.{problem}", lang, **result["values"])
        assert not sentence.startswith("lateral.") and "{" not in sentence


def test_good_addresses_give_their_domain():
    ok = lateral.check_url(f"  {ABC}\u200f ")
    assert ok["ok"] and ok["domain"] == "abcnews.go.com" and ok["site"] == "go.com"
    bare = lateral.check_url("www.bbc.co.uk/news/articles/cr49z0r54nko")
    assert bare["ok"] and bare["added_scheme"] and bare["url"].startswith("https://")
    assert bare["domain"] == "bbc.co.uk" and bare["site"] == "bbc.co.uk"
    assert lateral.check_url("https://موقع.مصر/")["ok"]  # one script: an Arabic address is fine


def test_hostile_input_never_raises():
    for text in [*HOSTILE.values(), "\x00", "https://[::1", "https://a.com:99999999/", "http://%zz"]:
        assert isinstance(lateral.check_url(text), dict)
        assert isinstance(lateral.check_text(text, 400), dict)


def test_every_address_of_the_kit_is_known_and_matches_itself():
    pages = lateral.known_pages()
    assert len(pages) > 50
    for page in pages:
        assert lateral.check_url(page["url"])["ok"], page["url"]
        assert page in lateral.match(page["url"])["page"]
    # www., a final slash and the query do not matter; another page of the site is "site"
    found = lateral.match(ABC.replace("https://", "http://www.") + "&utm=x")
    assert any(p["what"] == "speaker:sacks" for p in found["page"])
    assert lateral.match("https://www.nbcnews.com/some/other/page")["site"]
    assert lateral.match("https://example.org/")["page"] == []


def test_stand_ins_are_the_kits_sources_about_the_speaker():
    stored = lateral.stand_ins("sacks")
    assert {p["domain"] for p in stored} >= {"go.com", "theblaze.com"}
    assert lateral.stand_ins(None) == [] and lateral.stand_ins("nobody") == []


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_matching_page_shows_what_the_kit_took_from_it(lang):
    widget = lateral.task("02_sources", "o_lateral", "Search", about="sacks", lang=lang)
    widget.url.value = ABC
    widget.sentence.value = ("The page says Sacks is a Republican donor." if lang == "en"
                             else "تقول الصفحة إن ساكس متبرع للحزب الجمهوري.")
    answer = widget.submit()
    assert "speaker:sacks" in answer["matched"] and answer["domain"] == "abcnews.go.com"
    sacks = next(p for p in lateral.known_pages() if p["what"] == "speaker:sacks")
    assert escape(sacks[f"says_{lang}"]) in widget.result.value
    assert widget.judge_box.layout.display == "none"
    saved = progress.load_answers()["02_sources"]["o_lateral"]
    assert saved["answer"]["url"] == ABC and saved["kind"] == "lateral"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_an_unknown_page_asks_the_three_questions_and_keeps_the_answers(lang):
    widget = lateral.task("02_sources", "o_lateral", "Search", about="sacks", lang=lang)
    assert widget.save_judgement() is None  # nothing checked yet: a sentence, not an error
    assert escape(t("lateral.judge_first", lang)) in widget.feedback.value
    widget.url.value = "https://en.wikipedia.org/wiki/David_Sacks"
    widget.sentence.value = "Wikipedia says he is an investor and a donor."
    assert widget.submit()["matched"] == []
    assert widget.judge_box.layout.display == "flex"
    assert escape(t("lateral.no_match", lang)) in widget.result.value
    for q in lateral.QUESTIONS:
        assert t(f"lateral.q.{q}", lang) == widget.questions[q].description
    widget.questions["who"].value = "An encyclopedia written by volunteers."
    assert widget.save_judgement() is None  # two questions left empty
    for q in ("evidence", "others"):
        widget.questions[q].value = "It cites news articles at the bottom."
    judged = widget.save_judgement()
    assert set(judged["judgement"]) == set(lateral.QUESTIONS)
    record = progress.load_answers()["02_sources"]["o_lateral"]
    assert record["tries"] == 2 and record["answer"]["judgement"] == judged["judgement"]
    again = lateral.task("02_sources", "o_lateral", "Search", about="sacks", lang=lang)
    assert again.url.value.endswith("David_Sacks")
    assert again.questions["others"].value == "It cites news articles at the bottom."
    assert "↺" in again.result.value


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_without_internet_the_stored_sources_stand_in_and_it_says_so(lang):
    widget = lateral.task("02_sources", "o_lateral", "Search", about="sacks", lang=lang)
    assert widget.stored.layout.display == "none"
    widget.offline.value = True
    assert widget.stored.layout.display == "flex"
    assert escape(t("lateral.offline_note", lang)) in widget.offline_note.value
    widget.stored.value = widget.stored.options[1][1]
    assert widget.url.value == widget.stored.options[1][1]
    widget.sentence.value = "I expect it to say who Sacks is."
    answer = widget.submit()
    assert answer["offline"] is True and answer["matched"]
    assert escape(t("lateral.offline_used", lang)) in widget.result.value


@pytest.mark.parametrize("text", list(HOSTILE.values()), ids=list(HOSTILE))
def test_hostile_input_in_the_widget_gives_a_sentence(text):
    widget = lateral.task("02_sources", "o_lateral", "Search", about="sacks", lang="ar")
    widget.url.value = text if isinstance(text, str) else ""
    widget.sentence.value = text if isinstance(text, str) else ""
    widget.submit()  # never raises
    assert widget.feedback.value


def test_bad_sentences_are_refused():
    assert lateral.check_text("", 400)["problem"] == "empty"
    assert lateral.check_text("two words", 400, 4)["problem"] == "short"
    assert lateral.check_text("<b>bold</b> words here now", 400)["problem"] == "html"
    assert lateral.check_text("x " * 300, 400)["problem"] == "too_long"


def test_lesson_02_asks_lateral_reading_through_the_lesson():
    lesson = Lesson("02_sources", "ar")
    item = lesson.item("o_lateral")
    if item["kind"] != "lateral":
        pytest.skip("lesson 02 has no lateral item yet")
    widget = lesson.ask("o_lateral")
    assert isinstance(widget, lateral.Lateral)
    assert widget.stored.options[1:]  # stored sources about the speaker searched for


def test_a_lateral_check_reaches_the_browser_built_once_in_few_models(messages):
    # Parts built alike share layouts and styles; only the two parts shown and hidden later
    # (the stored pages, the judgement box) keep their own layouts.
    sent = messages
    lesson = Lesson("02_sources", "ar")
    lesson.ask("o_lateral")
    sent.clear()
    widget = lesson.ask("o_lateral")
    opened = sorted(model for kind, model in sent if kind == "comm_open")
    assert opened.count("LayoutModel") == 2, opened  # stored pages, judgement box
    assert len(opened) <= 21, opened
    assert [m for m in sent if m[0] != "comm_open"] == []
    widget.offline.value = True  # showing the stored pages changes that part only
    assert widget.stored.layout.display == "flex"
    assert widget.url.layout.display is None and widget.judge_box.layout.display == "none"
