"""Highlight in the article: reference spans from data, word-level partial credit, feedback per
span, saved attempts and a restored selection."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kit import highlight as hl
from kit import progress
from kit.article import load_article
from kit.i18n import t


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("KIT_LEARNER", "highlight-test")
    return tmp_path / "answers"


def _words(task, spans):
    return sorted({i for s in spans for i in hl._covered(task.toks, s["start"], s["end"])})


@pytest.mark.parametrize("category", hl.CATEGORIES)
def test_reference_spans_are_exact_article_text(category):
    article = load_article()
    spans = hl.reference_spans(category)
    assert len(spans) >= 5
    for s in spans:
        assert article.text[s["start"]:s["end"]] == s["quote"], s


def test_hedge_spans_are_the_hedge_words_not_the_figure():
    quotes = {s["quote"] for s in hl.reference_spans("hedge")}
    assert {"حوالي", "ما يقرب من", "أقل من"} <= quotes
    assert not any(re.search(r"\d", q) for q in quotes)


def test_attribution_spans_are_speech_verbs():
    quotes = {s["quote"] for s in hl.reference_spans("attribution")}
    assert {"قال", "وقال", "قالت"} <= quotes


def test_paragraphs_limit_tokens_and_spans():
    toks = hl.tokens([2])
    assert {k.paragraph for k in toks} == {2}
    assert all(load_article().paragraph_at(s["start"]) == 2
               for s in hl.reference_spans("hedge", [2]))
    assert [k.index for k in toks] == list(range(len(toks)))


# ---------------------------------------------------------------- grading

REF = [{"start": 0, "end": 9, "quote": "aa bb cc"}, {"start": 20, "end": 22, "quote": "ff"}]
TOKS = [hl.Token(i, s, e, w, 1) for i, (s, e, w) in enumerate(
    [(0, 2, "aa"), (3, 5, "bb"), (6, 8, "cc"), (10, 12, "dd"), (13, 15, "ee"), (20, 22, "ff")])]


def test_perfect_selection_scores_one():
    g = hl.grade([0, 1, 2, 5], REF, TOKS)
    assert g["precision"] == g["recall"] == g["f1"] == 1.0
    assert [s["status"] for s in g["spans"]] == ["found", "found"] and not g["extra"]


def test_partial_credit_by_word_overlap():
    g = hl.grade([1, 2, 3], REF, TOKS)  # two of the four words asked for, one extra
    assert g["precision"] == pytest.approx(2 / 3) and g["recall"] == pytest.approx(2 / 4)
    assert g["f1"] == pytest.approx(2 * (2 / 3) * (1 / 2) / (2 / 3 + 1 / 2))
    first, second = g["spans"]
    assert (first["status"], first["got"], first["n"]) == ("partial", 2, 3)
    assert second["status"] == "missed"
    assert g["extra"] == [{"words": [3], "quote": "dd"}]
    assert g["marks"] == {0: "miss", 1: "hit", 2: "hit", 3: "extra", 5: "miss"}


def test_nothing_right_scores_zero_and_runs_of_extras_are_grouped():
    g = hl.grade([3, 4], REF, TOKS)
    assert g["f1"] == 0 and g["extra"] == [{"words": [3, 4], "quote": "dd ee"}]
    assert hl.grade([], REF, TOKS)["f1"] == 0


def test_selection_round_trips_through_character_spans():
    spans = hl.selection_spans([0, 1, 3, 5], TOKS)
    assert spans == [[0, 5], [10, 12], [20, 22]]
    assert hl.selected_from_spans(spans, TOKS) == [0, 1, 3, 5]


# ---------------------------------------------------------------- the task


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_wrong_then_better_selection_keeps_both_attempts(lang):
    task = hl.task("03_numbers", "hl_hedges", "hedge", paragraphs=[1, 2, 5], lang=lang)
    assert t("hl.prompt.hedge", lang) in task.prompt.value
    wanted = _words(task, task.reference)
    task.area.selected = [*wanted[:2], 0]
    first = task.submit()
    assert 0 < first["f1"] < hl.PASS_F1
    assert "✗" in task.feedback.value  # the missed spans and the extra word are named
    assert task.area.marks  # the words show hit / miss / extra in place
    task.area.selected = wanted
    second = task.submit()
    assert second["f1"] == 1.0 and t("hl.all_right", lang) in task.feedback.value
    record = progress.load_answers()["03_numbers"]["hl_hedges"]
    assert record["kind"] == "highlight" and record["tries"] == 2
    assert record["first"]["correct"] is False and record["correct"] is True
    assert record["answer"]["category"] == "hedge" and record["answer"]["f1"] == 1.0
    text = load_article().text
    assert [text[s:e] for s, e in record["answer"]["spans"]] == [
        s["quote"] for s in task.reference]


def test_an_empty_check_is_refused_and_not_saved():
    task = hl.task("03_numbers", "hl_hedges", "hedge", paragraphs=[2], lang="ar")
    assert task.submit() is None and t("hl.empty", "ar")[:20] in task.feedback.value
    assert "03_numbers" not in progress.load_answers()


def test_enter_in_the_page_checks_through_the_submits_counter():
    task = hl.task("01_claims", "hl_frames", "frame", paragraphs=[15], lang="en")
    task.area.selected = _words(task, task.reference)
    task.area.submits += 1  # what the page does on Enter
    assert progress.load_answers()["01_claims"]["hl_frames"]["correct"] is True


def test_a_rerun_restores_the_selection_and_its_feedback_in_arabic():
    task = hl.task("01_claims", "hl_attr", "attribution", paragraphs=[3, 4], lang="ar")
    wanted = _words(task, task.reference)
    task.area.selected = wanted[:1]
    task.submit()
    again = hl.task("01_claims", "hl_attr", "attribution", paragraphs=[3, 4], lang="ar")
    assert again.area.selected == wanted[:1]
    assert again.area.marks and "↺" in again.feedback.value
    # the restored time reads as a date in Arabic, never an ISO string backwards
    assert "T" not in re.sub(r"<[^>]+>|[A-Za-z-]+=\"[^\"]*\"", "", again.feedback.value
                             .split("↺", 1)[1].split("</div>", 1)[0])
    assert re.search(r"\d{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر|"
                     r"نوفمبر|ديسمبر) \d{4}، \d\d:\d\d", again.feedback.value)


def test_changing_the_selection_clears_old_marks_and_counts_words():
    task = hl.task("01_claims", "hl_attr", "attribution", paragraphs=[3], lang="ar")
    task.area.selected = [0]
    task.submit()
    assert task.area.marks
    task.area.selected = [0, 1]
    assert task.area.marks == {} and task.status.value.endswith(": 2</div>")


def test_unknown_category_names_the_valid_ones():
    with pytest.raises(ValueError, match="hedge, claim, frame, attribution"):
        hl.task("01_claims", "x", "tone")


def test_the_front_end_ships_inside_the_kit():
    """anywidget loads the ES module from the kit's own files: no network, no CDN."""
    area = hl.HighlightArea()
    js = Path(hl.__file__).parent / "static" / "highlight.js"
    assert "export default" in area._esm and area._esm == js.read_text(encoding="utf-8")
    assert not re.search(r"https?://|import\s+.*\s+from\s+['\"]http", area._esm)
    assert "data-lm-suppress-shortcuts" in area._esm


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_every_count_template_of_the_tasks_agrees_with_its_number(lang):
    """Counts in the task strings read right at 0, 1, 2, 3, 11 and 100: a label and a colon
    («عدد الكلمات المحدَّدة الآن: 0»), «X من Y», or the grammar of {n:count:noun}."""
    import json
    import string

    from kit.arabic import count_phrase
    from kit.paths import data_dir

    templates = json.loads((data_dir() / "i18n" / lang / "tasks.json").read_text("utf-8"))
    for n in (0, 1, 2, 3, 11, 100):
        selected = t("hl.selected", lang, n=n)
        assert selected.endswith(f": {n}"), selected
        score = t("hl.score", lang, found=n, total=n, right=n, chosen=n, score=100)
        assert "{" not in score and (f"{n} من {n}" if lang == "ar" else f"{n} of {n}") in score
        for key, text in templates.items():
            for _lit, field, spec, _conv in string.Formatter().parse(text):
                if spec and spec.startswith("count:"):
                    noun = spec.split(":")[1]
                    assert count_phrase(n, noun, lang) in t(key, lang, **{
                        f: n if f == field else "x" for _l, f, _s, _c
                        in string.Formatter().parse(text) if f})
    if lang == "ar":  # no plural after zero, no «1 كلمات» or «11 كلمات»
        for n in (0, 1, 11, 100):
            assert not re.search(r"\d كلمات", t("hl.selected", lang, n=n))
