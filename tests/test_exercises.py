"""Lesson widgets: immediate feedback, answers saved as given and restored, bad input refused."""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
from collections import Counter

import pytest

from kit import identity, progress
from kit.exercises import (
    KIT_CSS,
    MIN_WORDS,
    display_order,
    judge_open,
    points_to_article,
    word_count,
)
from kit.i18n import t
from kit.lesson import Lesson, lesson_ids, load_lesson
from kit.text import escape
from tests.hostile import HOSTILE


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.delenv("KIT_LEARNER", raising=False)
    return tmp_path / "answers"


@pytest.fixture(params=["ar", "en"])
def lesson(request):
    return Lesson("00_start_here", request.param)


def _choice(lesson, item_id, correct):
    return next(c for c in lesson.item(item_id)["choices"] if c["correct"] == correct)


def test_wrong_then_right_choice_gives_feedback_and_is_saved(lesson):
    widget = lesson.ask("q_kind")
    wrong, right = _choice(lesson, "q_kind", False), _choice(lesson, "q_kind", True)
    widget.radio.value = wrong["id"]
    assert "✗" in widget.feedback.value
    assert wrong["feedback"][:30] in widget.feedback.value.replace("&quot;", '"')
    saved = progress.load_answers()["00_start_here"]["q_kind"]
    assert saved["answer"] == wrong["id"] and saved["correct"] is False
    widget.radio.value = right["id"]
    assert "✓" in widget.feedback.value
    record = progress.load_answers()["00_start_here"]["q_kind"]
    assert record["correct"] is True and record["tries"] == 2
    assert record["first"]["answer"] == wrong["id"] and record["first"]["correct"] is False
    assert [(a["answer"], a["correct"]) for a in record["attempts"]] == [
        (wrong["id"], False), (right["id"], True)]
    assert record["attempts"][0]["time"] <= record["attempts"][1]["time"]


def test_rerun_restores_answer_and_feedback_without_saving_again(lesson):
    right = _choice(lesson, "q_stop", True)
    lesson.ask("q_stop").radio.value = right["id"]
    first_time = progress.load_answers()["00_start_here"]["q_stop"]["time"]
    again = lesson.ask("q_stop")
    assert again.radio.value == right["id"]
    assert "↺" in again.feedback.value and "✓" in again.feedback.value
    assert progress.load_answers()["00_start_here"]["q_stop"]["time"] == first_time


def test_arabic_widgets_are_laid_out_right_to_left():
    widget = Lesson("00_start_here", "ar").ask("q_run")
    assert "kit-rtl" in widget.box._dom_classes
    assert "direction:rtl" in KIT_CSS
    assert widget.radio.layout.width == "max-content"
    assert widget.radio.description  # a label a screen reader announces


def test_a_check_reaches_the_browser_in_few_models_sent_once(lesson, messages):
    # Every model is a comm the browser builds; a later change is one more message. The
    # first check makes the shared layouts and styles, the next ones send only their widgets.
    lesson.ask("q_run")
    messages.clear()
    widget = lesson.ask("q_stop")
    opened = sorted(model for kind, model in messages if kind == "comm_open")
    assert opened == ["HTMLModel"] * 3 + ["RadioButtonsModel", "VBoxModel"], opened
    assert [m for m in messages if m[0] != "comm_open"] == []  # nothing changed after
    assert widget.box.children[-1] is widget.notice  # the notice line still ends the box
    assert widget.radio.layout is lesson.ask("q_kind").radio.layout


def test_a_shared_layout_is_never_one_that_changes(lesson):
    # The levels and the name confirmation are shown later: each keeps its own layout.
    first, second = lesson.ask("reaction"), lesson.ask("reaction")
    first.text.value = GOOD[lesson.lang]
    assert first.submit() is True
    assert first.levels.layout.display is None
    assert second.levels.layout.display == "none"
    assert lesson.ask("q_run").radio.layout.display is None
    name = lesson.ask("name")
    assert name.confirm.layout is not lesson.ask("name").confirm.layout


def test_html_parts_share_a_layout_only_when_asked():
    from kit.exercises import _html

    own, other = _html("a", "ar"), _html("b", "ar")
    assert own.layout is not other.layout and own.style is other.style
    own.layout.width = "2.5em"  # a caller may resize its own part
    assert other.layout.width is None
    narrow = [_html(x, "en", "kit-x", layout={"width": "2.5em"}) for x in "cd"]
    assert narrow[0].layout is narrow[1].layout and narrow[0].layout.width == "2.5em"
    assert narrow[0]._dom_classes == ("kit-x",) and 'dir="ltr"' in narrow[0].value


def test_open_response_refuses_empty_and_huge_and_keeps_the_text(lesson):
    widget = lesson.ask("reaction")
    widget.text.value = "   "
    assert widget.submit() is False
    assert "⚠" in widget.feedback.value
    huge = "ا" * (progress.MAX_TEXT_CHARS + 1)
    widget.text.value = huge
    assert widget.submit() is False
    assert widget.text.value == huge
    assert str(progress.MAX_TEXT_CHARS) in widget.feedback.value
    assert "reaction" not in progress.load_answers().get("00_start_here", {})


GOOD = {
    "ar": "انطباعي أن الحدث بدا فاشلًا، وأول ما سأتحقق منه رقم 420,000 مستمع عند ماسك.",
    "en": "My first reaction: the event looked like a failure. I would check the 420,000 "
          "listeners Musk mentioned.",
}


def test_open_answer_too_thin_is_a_draft_and_says_what_is_missing(lesson):
    widget = lesson.ask("reaction")
    widget.text.value = "حلو"
    assert widget.submit() is False
    html = widget.feedback.value
    assert "✎" in html and "✓" not in html
    assert t("assessment.need_words", lesson.lang, n=MIN_WORDS, got=1) in html
    assert t("assessment.need_anchor", lesson.lang) in html
    record = progress.load_answers()["00_start_here"]["reaction"]
    assert record["status"] == "draft" and record["attempts"][0]["draft"] is True
    long_but_vague = " ".join(["جميل"] * 12) if lesson.lang == "ar" else "it was nice " * 4
    widget.text.value = long_but_vague
    assert widget.submit() is False
    assert t("assessment.need_anchor", lesson.lang) in widget.feedback.value
    assert t("assessment.need_words", lesson.lang, n=MIN_WORDS, got=12) not in \
        widget.feedback.value
    rerun = lesson.ask("reaction")  # a re-run shows the draft as a draft
    assert rerun.text.value == long_but_vague and "✎" in rerun.feedback.value
    assert "✓" not in rerun.feedback.value


def test_open_answer_self_placed_before_the_exemplar_and_revisions_kept(lesson):
    item = lesson.item("reaction")
    widget = lesson.ask("reaction")
    widget.text.value = GOOD[lesson.lang]
    assert widget.submit() is True
    assert item["exemplar"][:20] not in widget.feedback.value + widget.reveal.value
    assert widget.levels.layout.display is None  # the three levels are shown
    assert [v for _label, v in widget.levels.options] == list(progress.LEVELS)
    widget.levels.value = "developing"
    shown = widget.reveal.value.replace("&quot;", '"')
    assert item["exemplar"][:20] in shown and item["rubric"][0][:20] in shown
    assert t("assessment.level.developing", lesson.lang) in shown
    assert widget.levels.disabled  # placed before the exemplar, not after
    record = progress.load_answers()["00_start_here"]["reaction"]
    assert record["self_level"] == "developing" and record["exemplar_seen"]
    assert record["status"] == "submitted" and record["answer"] == GOOD[lesson.lang]

    widget.text.value = item["exemplar"]  # pasting the exemplar after seeing it
    assert widget.submit() is True
    assert t("assessment.revision_saved", lesson.lang) in widget.feedback.value
    record = progress.load_answers()["00_start_here"]["reaction"]
    assert record["answer"] == GOOD[lesson.lang]  # the judged answer is never replaced
    assert [r["answer"] for r in record["revisions"]] == [item["exemplar"]]
    assert record["attempts"][-1]["revision"] is True and record["tries"] == 2
    rerun = lesson.ask("reaction")
    assert rerun.text.value == item["exemplar"]  # the latest text, as before
    assert rerun.levels.value == "developing" and rerun.levels.disabled
    assert item["exemplar"][:20] in \
        rerun.reveal.value.replace("&quot;", '"')


def test_judging_counts_words_and_finds_the_article():
    item = {"prompt": "Is 420,000 plausible?"}
    assert judge_open("one two three", item, "en")[0].startswith("more detail")
    assert word_count("الحشد بلغ 420,000 شخص") == 4
    assert points_to_article("ما قاله ماسك عن الجمهور")
    assert points_to_article("DeSantis launched his campaign")
    assert points_to_article("the figure 420 thousand", item["prompt"])
    assert points_to_article("كتب المقال «ساحة مدينة رقمية» في أوله")
    assert points_to_article("أريد أن أتحقق من عدد المستمعين وسبب تعطّل الخوادم")  # its words
    assert points_to_article("I would check the servers and the listeners")
    assert not points_to_article("I liked it a lot and it was very interesting to read")
    assert not points_to_article("أعجبني النص كثيرًا وشعرت بالسعادة عند قراءته اليوم")
    assert judge_open("I liked it a lot and it was very interesting to read", item, "en",
                      own_article=True)
    assert judge_open("The Guardian says 3 million people watched the match on Sunday", item,
                      "en", own_article=True) == []


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_text_is_stored_exactly_and_rendered_escaped(name, answers):
    text = HOSTILE[name]
    lesson = Lesson("00_start_here", "en")
    widget = lesson.ask("reaction")
    widget.text.value = text
    ok = widget.submit()
    html = widget.feedback.value
    assert "<script" not in html.lower() and "<img" not in html and "\u202e" not in html
    if len(text) > progress.MAX_TEXT_CHARS or not text.strip():
        assert ok is False and widget.text.value == text
    if ok:
        assert progress.load_answers()["00_start_here"]["reaction"]["answer"] == text
        rerun = lesson.ask("reaction")
        assert rerun.text.value == text
        assert "<script" not in rerun.feedback.value.lower()


def test_learner_name_sets_who_answers_are_saved_for(lesson):
    widget = lesson.ask("name")
    widget.text.value = "  ليلى  "
    assert widget.submit() is True
    assert progress.current_learner() == "ليلى"
    widget.text.value = ""
    assert widget.submit() is False


def test_correcting_the_name_asks_first_and_keeps_the_answers(lesson):
    name = lesson.ask("name")
    name.text.value = "ليلي"
    assert name.submit() is True
    lesson.ask("q_run").radio.value = _choice(lesson, "q_run", True)["id"]
    before = progress.load_answers()
    learner_id = identity.current().id
    name.text.value = "ليلى"
    assert name.submit() is False  # asks first
    assert t("assessment.name_confirm", lesson.lang, old="ليلي", new="ليلى") in \
        name.feedback.value
    assert name.confirm.layout.display is None
    assert progress.current_learner() == "ليلي"
    name.confirm.click()
    assert progress.current_learner() == "ليلى" and identity.current().id == learner_id
    assert t("assessment.name_corrected", lesson.lang, old="ليلي", new="ليلى", n=2) in \
        name.feedback.value
    after = progress.load_answers()
    assert after["00_start_here"]["q_run"] == before["00_start_here"]["q_run"]
    path = lesson.recap().export()
    doc = json.loads(path.read_text(encoding="utf-8"))
    assert (doc["learner"], doc["learner_id"]) == ("ليلى", learner_id)


def test_a_skipped_name_is_asked_about_once(lesson):
    first = lesson.ask("q_run")
    first.radio.value = _choice(lesson, "q_run", False)["id"]
    asked = t("assessment.name_skipped", lesson.lang)
    assert asked in first.notice.value
    again = lesson.ask("q_stop")
    again.radio.value = _choice(lesson, "q_stop", True)["id"]
    assert asked not in again.notice.value
    assert identity.current().name_prompted


def test_choices_are_shuffled_per_learner_and_stable(lesson, monkeypatch):
    item = lesson.item("q_kind")
    widget = lesson.ask("q_kind")
    ids = [v for _label, v in widget.radio.options]
    assert sorted(ids) == sorted(c["id"] for c in item["choices"])  # values stay choice ids
    assert ids == [c["id"] for c in display_order(item["choices"], lesson.id, "q_kind")]
    assert [v for _l, v in lesson.ask("q_kind").radio.options] == ids  # same after a re-run
    orders = {tuple(c["id"] for c in display_order(item["choices"], lesson.id, "q_kind",
                                                   f"learner{n}")) for n in range(40)}
    assert len(orders) > 3  # different learners, different orders


def test_rating_saves_and_restores(lesson):
    lesson.ask("trust_1").radio.value = 2
    assert progress.load_answers()["00_start_here"]["trust_1"]["answer"] == 2
    assert lesson.ask("trust_1").radio.value == 2


def test_export_button_writes_a_file_with_a_download_link(lesson, answers):
    widget = lesson.ask("q_run")
    widget.radio.value = _choice(lesson, "q_run", False)["id"]
    widget.radio.value = _choice(lesson, "q_run", True)["id"]
    button = lesson.recap()
    path = button.export()
    assert path is not None and path.exists()
    assert "download=" in button.output.value and "base64," in button.output.value
    (row,) = json.loads(path.read_text(encoding="utf-8"))["answers"]
    assert [a["correct"] for a in row["attempts"]] == [False, True]
    assert row["tries"] == 2 and row["first"]["correct"] is False


# ---------------------------------------------------------------- shuffled choices


def _chi_square_critical(df: int, z: float = 3.09) -> float:
    """Upper critical value of chi-square (Wilson–Hilferty); z = 3.09 is p = 0.001."""
    return df * (1 - 2 / (9 * df) + z * math.sqrt(2 / (9 * df))) ** 3


def test_the_correct_option_is_equally_likely_in_every_position():
    """2,000 learner ids, every choice item of every lesson: where does the right answer go?"""
    learners = [f"{n:04d}-{(n * 7919) % 10007:05d}" for n in range(2000)]
    chi_total, df_total, worst = 0.0, 0, 0.0
    for lesson_id in lesson_ids("ar"):
        for item in load_lesson(lesson_id, "ar")["items"]:
            if item["kind"] != "choice":
                continue
            k = len(item["choices"])
            counts = Counter(
                next(i for i, c in enumerate(display_order(item["choices"], lesson_id,
                                                           item["id"], who)) if c["correct"])
                for who in learners)
            expected = len(learners) / k
            chi_total += sum((counts[i] - expected) ** 2 / expected for i in range(k))
            df_total += k - 1
            worst = max(worst, *(abs(counts[i] / len(learners) - 1 / k) for i in range(k)))
    print(f"shuffle balance: chi-square {chi_total:.1f} on {df_total} df "
          f"(critical {_chi_square_critical(df_total):.1f} at p=0.001); "
          f"largest deviation from 1/k in one item: {worst:.4f}")
    assert df_total > 100  # every lesson's checks were counted
    assert chi_total < _chi_square_critical(df_total)
    assert worst < 0.05  # 5 standard errors at n = 2,000


def test_the_order_is_the_same_in_a_new_process():
    item = Lesson("01_claims", "en").data["items"]
    choices = next(i for i in item if i["kind"] == "choice")
    here = [c["id"] for c in display_order(choices["choices"], "01_claims", choices["id"], "x1")]
    code = ("import json; from kit.lesson import load_lesson; from kit.exercises import "
            "display_order; i = next(i for i in load_lesson('01_claims', 'en')['items'] "
            "if i['kind'] == 'choice'); print(json.dumps([c['id'] for c in "
            "display_order(i['choices'], '01_claims', i['id'], 'x1')]))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={**os.environ, "PYTHONHASHSEED": "12345"})
    assert json.loads(out.stdout) == here


# ---------------------------------------------------------------- lesson 06's fact-check, judged

FACT = {
    "ar": "بدأت تجربة محدودة لخدمة Spaces في 17 ديسمبر 2020 بحسب موقع إنغادجت، وأُتيح البث "
          "لكل الحسابات في 3 مايو 2021.",
    "en": "A limited test of Spaces began on 17 December 2020 (Engadget); hosting opened to "
          "every account on 3 May 2021.",
}


@pytest.fixture(params=["ar", "en"])
def fact_lesson(request):
    return Lesson("06_synthesis", request.param)


def _fill(form, evidence, sources="https://example.org/a\nhttps://example.org/b"):
    form.claim.value = "spaces_launched_2020"
    form.claimant.value = form.claimant.value or "AP"
    form.evidence.value = evidence
    form.verdict.value = "partly_false"
    form.sources.value = sources
    return form


def _fact_record():
    return progress.load_answers()["06_synthesis"]["factcheck"]


def _shown(widget):
    return (widget.feedback.value + widget.reveal.value).replace("&quot;", '"')


def test_thin_fact_check_is_a_draft_and_says_what_is_missing(fact_lesson):
    lang = fact_lesson.lang
    form = _fill(fact_lesson.ask("factcheck"), "وجدت مصدرًا" if lang == "ar" else "found it",
                 sources="somewhere online")
    assert form.submit() is False
    html = form.feedback.value
    assert t("assessment.factcheck_draft", lang) in html
    assert t("assessment.need_evidence_words", lang, n=MIN_WORDS, got=2) in html
    assert escape(t("factcheck.bad_source", lang, source="somewhere online")) in html
    assert "✎" in html and "✓" not in html and t("ui.saved", lang) not in html
    assert "kit-factcheck-card" not in html  # no card for a draft
    assert form.levels.layout.display == "none"
    assert fact_lesson.item("factcheck")["exemplar"][:20] not in _shown(form)
    record = _fact_record()
    assert record["status"] == "draft" and record["attempts"][0]["draft"] is True
    assert record["answer"]["evidence"] == form.evidence.value  # the draft is kept as typed

    form.evidence.value = FACT[lang]  # enough evidence, but no address at all
    form.sources.value = ""
    assert form.submit() is False
    assert t("factcheck.missing_sources", lang) in form.feedback.value
    assert t("assessment.need_evidence_words", lang, n=MIN_WORDS, got=2) not in \
        form.feedback.value
    rerun = fact_lesson.ask("factcheck")  # a re-run shows the draft as a draft
    assert rerun.evidence.value == FACT[lang] and rerun.sources.value == ""
    assert t("assessment.factcheck_draft", lang) in rerun.feedback.value
    assert "✓" not in rerun.feedback.value and rerun.levels.layout.display == "none"
    assert _fact_record()["tries"] == 2


def test_empty_or_oversized_fact_check_is_not_saved(fact_lesson):
    from kit.claimreview import MAX_FIELD_CHARS

    form = fact_lesson.ask("factcheck")
    assert form.submit() is False
    assert t("factcheck.missing_claim", fact_lesson.lang) in form.feedback.value
    huge = "ا " * MAX_FIELD_CHARS
    _fill(form, huge)
    assert form.submit() is False and form.evidence.value == huge
    assert "06_synthesis" not in progress.load_answers()


def test_fact_check_placed_on_the_levels_before_the_exemplar(fact_lesson):
    lang, item = fact_lesson.lang, fact_lesson.item("factcheck")
    form = _fill(fact_lesson.ask("factcheck"), FACT[lang])
    assert form.submit() is True
    html = form.feedback.value
    assert t("assessment.place_factcheck", lang) in html
    assert "kit-factcheck-card" in html and 'download="claimreview.jsonld"' in html
    assert item["exemplar"][:20] not in _shown(form) and item["rubric"][0][:20] not in _shown(form)
    assert form.levels.layout.display is None and not form.levels.disabled
    assert [v for _label, v in form.levels.options] == list(progress.LEVELS)
    assert item["levels"]["secure"][:20] in str(form.levels.options)
    rerun = fact_lesson.ask("factcheck")  # re-run before placing: still asked, nothing revealed
    assert rerun.levels.layout.display is None and rerun.levels.value is None
    assert item["exemplar"][:20] not in _shown(rerun) and "kit-factcheck-card" in _shown(rerun)

    form.levels.value = "beginning"
    shown = form.reveal.value.replace("&quot;", '"')
    assert item["exemplar"][:20] in shown and item["rubric"][0][:20] in shown
    assert t("assessment.your_factcheck_level", lang,
             level=t("assessment.level.beginning", lang)) in shown
    assert form.levels.disabled
    record = _fact_record()
    assert record["status"] == "submitted" and record["self_level"] == "beginning"
    assert record["exemplar_seen"] and record["answer"]["evidence"] == FACT[lang]


def test_fact_check_edit_after_the_exemplar_is_a_revision(fact_lesson):
    lang = fact_lesson.lang
    form = _fill(fact_lesson.ask("factcheck"), "قليل" if lang == "ar" else "too short")
    assert form.submit() is False  # attempt 1: a draft
    form.evidence.value = FACT[lang]
    assert form.submit() is True  # attempt 2: the first real submission
    form.levels.value = "developing"
    first = _fact_record()["answer"]

    form.evidence.value = FACT[lang] + (" وتؤكد ذلك BuzzFeed News."
                                        if lang == "ar" else " BuzzFeed News confirms it.")
    form.verdict.value = "false"
    assert form.submit() is True  # attempt 3: a revision
    assert t("assessment.revision_saved", lang) in form.feedback.value
    assert "kit-factcheck-card" in form.feedback.value
    record = _fact_record()
    assert record["answer"] == first  # the judged submission is never replaced
    assert [r["answer"]["verdict"] for r in record["revisions"]] == ["false"]
    assert record["attempts"][-1]["revision"] is True

    form.sources.value = ""  # attempt 4: a thin edit, a draft beside the submission
    assert form.submit() is False
    assert t("assessment.factcheck_draft_after_submit", lang) in form.feedback.value
    record = _fact_record()
    assert record["answer"] == first and record["status"] == "submitted"
    assert len(record["revisions"]) == 1
    assert record["tries"] == 4 and [bool(a.get("draft")) for a in record["attempts"]] == [
        True, False, False, True]  # every attempt is kept

    rerun = fact_lesson.ask("factcheck")  # restored: the latest text, level, exemplar
    assert rerun.sources.value == "" and rerun.verdict.value == "false"
    assert t("assessment.factcheck_draft_after_submit", lang) in rerun.feedback.value
    assert rerun.levels.value == "developing" and rerun.levels.disabled
    assert fact_lesson.item("factcheck")["exemplar"][:20] in \
        rerun.reveal.value.replace("&quot;", '"')

    rerun.sources.value = "https://example.org/c"
    assert rerun.submit() is True  # a second revision, after a re-run
    record = _fact_record()
    assert record["answer"] == first and len(record["revisions"]) == 2
    again = fact_lesson.ask("factcheck")
    assert again.sources.value == "https://example.org/c"
    assert "kit-factcheck-card" in again.feedback.value and "↺" in again.feedback.value
    assert again.levels.value == "developing" and again.levels.disabled


def test_arabic_marks_do_not_split_a_word():
    assert word_count("وجدت مصدرًا") == 2
    assert word_count("أُتيحَ البثُّ لكلٍّ منهم") == 4
