"""Make it mislead: Tufte's lie factor, techniques named, the learner's chart saved and restored,
and a partner's naming of the technique saved beside it."""

from __future__ import annotations

import math
import re

import pytest

from kit import mislead as ml
from kit import progress
from kit.i18n import t
from kit.references import reference

AP, FOX = "aud_ap_listed_peak", "desantis_fox_interview"


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("KIT_LEARNER", "mislead-test")


def test_every_bar_is_a_sourced_figure():
    for ref_id in ml.BAR_IDS:
        r = reference(ref_id)
        assert r["value"] and r["sources"][0]["url"].startswith("http")


def test_lie_factor_is_one_for_an_honest_axis():
    lie = ml.lie_factor(1_960_000, 420_000, 0, "linear")
    assert lie["lie"] == pytest.approx(1) and lie["real"] == pytest.approx(1_960_000 / 420_000)


def test_lie_factor_of_a_truncated_axis_by_hand():
    # drawn from 400,000: 1,560,000 against 20,000 → 78 to 1; data 4.67 to 1
    lie = ml.lie_factor(1_960_000, 420_000, 400_000, "linear")
    shown_effect, data_effect = (1_560_000 - 20_000) / 20_000, (1_960_000 - 420_000) / 420_000
    assert lie["shown"] == pytest.approx(78)
    assert lie["lie"] == pytest.approx(shown_effect / data_effect)
    assert lie["lie"] == pytest.approx(21, abs=0.1)


def test_a_log_scale_shrinks_the_difference():
    lie = ml.lie_factor(1_960_000, 420_000, 0, "log")
    assert lie["start"] == 100_000
    assert lie["shown"] == pytest.approx(math.log10(19.6) / math.log10(4.2))
    assert lie["lie"] < ml.HONEST[0]


@pytest.mark.parametrize(("bars", "start", "scale", "techniques"), [
    (ml.START_BAR_IDS, 0, "linear", []),
    (ml.START_BAR_IDS, 90_000, "linear", ["truncated_axis"]),
    (ml.START_BAR_IDS, 0, "log", ["log_scale"]),
    (["aud_verge_600k", "aud_campaign_700k"], 0, "linear", ["cherry_pick"]),
    ([AP, FOX, "aud_collins_100k", "aud_campaign_700k"], 0, "linear", ["mixed_metrics"]),
    ([AP, "aud_nyt_cumulative"], 250_000, "linear",
     ["truncated_axis", "cherry_pick", "mixed_metrics"]),
])
def test_techniques_are_named(bars, start, scale, techniques):
    result = ml.measure(list(bars), start, scale)
    assert result["techniques"] == techniques
    assert result["honest"] == (not techniques)


def test_impossible_charts_are_explained():
    assert ml.measure([AP], 0, "linear") == {"error": "need_bars"}
    too_high = ml.measure(["aud_collins_100k", AP], 150_000, "linear")
    assert too_high["error"] == "axis_too_high" and too_high["smallest"] == 100_000
    with pytest.raises(ValueError, match="linear, log"):
        ml.measure([AP, FOX], 0, "cubic")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_learners_chart_reads_in_the_edition_and_keeps_its_labels_apart(lang):
    chart = ml.figure(list(ml.START_BAR_IDS), 90_000, "linear", lang)
    fig = chart.figure
    bar = fig.data[0]
    assert bar.orientation == "h" and bar.textposition == "outside"
    assert all(label.count("<br>") <= 1 for label in bar.y)
    assert fig.layout.yaxis.automargin is True
    assert fig.layout.xaxis.range[0] == 90_000
    assert ("%{customdata[2]}" in bar.hovertemplate)
    if lang == "ar":
        assert fig.layout.yaxis.side == "right" and fig.layout.xaxis.autorange == "reversed"
        assert re.search(r"[\u0600-\u06FF]", chart.summary)


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_widget_measures_saves_and_restores(lang):
    w = ml.task("03_numbers", "mislead_chart", lang=lang)
    assert w.current()["honest"]
    assert t("mislead.honest", lang) in w.measurement.value
    w.start.value = 90_000
    assert "truncated_axis" in w.current()["techniques"]
    assert t("mislead.technique.truncated_axis", lang) in w.measurement.value
    assert w.out.outputs and "application/vnd.plotly.v1+json" in w.out.outputs[0]["data"]
    assert w.submit()["techniques"] == ["truncated_axis"]
    w.scale.value = "log"
    w.submit()
    record = progress.load_answers()["03_numbers"]["mislead_chart"]
    assert record["kind"] == "mislead" and record["tries"] == 2
    assert record["first"]["answer"]["techniques"] == ["truncated_axis"]
    assert record["answer"]["scale"] == "log" and record["correct"] is True
    again = ml.task("03_numbers", "mislead_chart", lang=lang)
    assert again.start.value == 90_000 and again.scale.value == "log"
    assert sorted(again.chosen()) == sorted(ml.START_BAR_IDS) and "↺" in again.feedback.value


def test_an_axis_above_the_smallest_bar_is_refused_in_words():
    w = ml.task("03_numbers", "mislead_chart", lang="ar")
    w.start.value = 150_000  # above Ben Collins's 100,000
    assert "⚠" in w.measurement.value and w.out.outputs == ()
    assert w.submit() is None


def test_the_partner_names_the_technique_in_a_field_of_its_own():
    w = ml.task("03_numbers", "mislead_chart", lang="en")
    w.start.value = 90_000
    w.partner.value = "log_scale"
    w.partner_name.value = "Sami"
    assert w.save_partner() is False
    assert t("mislead.technique.truncated_axis", "en") in w.partner_feedback.value
    w.partner.value = "truncated_axis"
    assert w.save_partner() is True
    named = progress.load_answers()["03_numbers"]["mislead_chart_named"]
    assert named["answer"]["technique"] == "truncated_axis" and named["answer"]["by"] == "Sami"
    assert named["correct"] is True and named["tries"] == 2 and named["kind"] == "mislead_named"


def test_the_new_task_kinds_reach_the_teachers_export():
    from kit import highlight, ranking

    w = ml.task("03_numbers", "mislead_chart", lang="ar")
    w.start.value = 90_000
    w.submit()
    area = highlight.task("03_numbers", "hl_hedges", "hedge", [2], lang="ar")
    area.area.selected = [0]
    area.submit()
    ranking.claims_task("06_synthesis", "rank_worthy",
                        ["peak_about_420k", "digital_town_square_aim"], lang="ar").submit()
    import json

    doc = json.loads(progress.export_answers("ar").read_text(encoding="utf-8"))
    kinds = {row["item"]: row["kind"] for row in doc["answers"]}
    assert kinds == {"mislead_chart": "mislead", "hl_hedges": "highlight",
                     "rank_worthy": "rank"}
    assert all(row["attempts"] for row in doc["answers"])


# ---------------------------------------------------------------- rewriting a sentence

AR = "حتى عند أعلى مستوى ، بلغ عدد المستمعين المدرجين في القائمة حوالي 420 ألفًا"
EN = "But even at their highest, the number of listeners listed topped out at around 420,000"


@pytest.mark.parametrize(("lang", "original", "rewrite", "found"), [
    ("ar", AR, AR.replace("حوالي ", ""), ["drop_hedge"]),
    ("ar", AR, AR.replace("420 ألفًا", "421337"), ["false_precision"]),
    ("ar", AR, AR.replace("420", "200"), ["changed_number"]),
    ("ar", AR, "في فشل ذريع، " + AR, ["loaded_words"]),
    ("en", EN, EN.replace("around ", ""), ["drop_hedge"]),
    ("en", EN, EN.replace("420,000", "421,337"), ["false_precision"]),
    ("en", EN, "In a total failure, " + EN, ["loaded_words"]),
    ("en", "Musk said the servers were straining", "The servers were straining",
     ["drop_source"]),
    ("en", EN, EN + ".", []),
])
def test_what_a_rewrite_did_is_named(lang, original, rewrite, found):
    assert ml.rewrite_techniques(original, rewrite, lang) == found


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_rewrite_is_saved_checked_restored_and_named_by_a_partner(lang):
    w = ml.sentence_task("05_translation", "rewrite", lang=lang)
    assert w.item["original"] in (AR, EN)
    if lang == "en":
        assert "original English" in w.box.children[1].value
    assert w.submit() is None  # no technique chosen yet
    w.technique.value = "drop_hedge"
    assert w.submit() is None and "⚠" in w.feedback.value  # unchanged sentence
    hedge = "حوالي " if lang == "ar" else "around "
    w.text.value = w.item["original"].replace("420", "500")
    assert w.submit() == ["changed_number"] and "✗" in w.feedback.value
    w.text.value = w.item["original"].replace(hedge, "")
    assert w.submit() == ["drop_hedge"] and "✓" in w.feedback.value
    record = progress.load_answers()["05_translation"]["rewrite"]
    assert record["kind"] == "mislead" and record["tries"] == 2
    assert record["first"]["correct"] is False and record["correct"] is True
    assert record["answer"]["original_id"] == "peak_about_420k"
    w.partner.value = "drop_hedge"
    assert w.save_partner() is True
    assert progress.load_answers()["05_translation"]["rewrite_named"]["correct"] is True
    again = ml.sentence_task("05_translation", "rewrite", lang=lang)
    assert again.technique.value == "drop_hedge" and hedge not in again.text.value
    assert "↺" in again.feedback.value


def test_ratios_are_written_as_the_edition_writes_numbers():
    assert ml.number_text(7.0, "ar") == "7" and ml.number_text(7.0, "en") == "7"
    assert ml.number_text(1_960_000 / 420_000, "ar") == "4.7"
    assert ml.number_text(1_960_000 / 420_000, "en") == "4.7"
    assert ml.number_text(1.0, "ar", 2) == "1" and ml.number_text(1.046, "ar", 2) == "1.05"
    assert ml.number_text(78.0, "ar") == "78" and ml.number_text(math.inf, "ar") == "∞"


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_the_measurement_writes_a_decimal_point_in_both_editions(lang):
    from html import unescape

    w = ml.task("03_numbers", "mislead_chart", lang=lang)
    w.bars["aud_collins_100k"].value = True
    w.bars["aud_campaign_700k"].value = True
    text = unescape(re.sub(r"<[^>]+>", " ", w.measurement.value))
    line = text.split(t("mislead.lie_note", lang)[:20])[0]
    assert not re.search(r"\d\.0\b|\d\.00\b", line)  # no 7.0, no 1.00
    if lang == "ar":  # one decimal mark in both editions: a point, never «٫»
        w.start.value = 90_000
        text = unescape(re.sub(r"<[^>]+>", " ", w.measurement.value))
        assert re.search(r"\d\.\d", text) and "\u066b" not in text


def test_every_chart_a_learner_can_make_has_a_finite_measure():
    """Each pair of bars on each scale from each axis start: the lie factor can be saved
    (JSON has no infinity). The log axis left at zero once gave the 100,000 bar no length."""
    from itertools import combinations

    for pair in combinations(ml.BAR_IDS, 2):
        for scale in ml.SCALES:
            for start in ml.AXIS_STARTS:
                result = ml.measure(list(pair), start, scale)
                if "error" not in result:
                    assert math.isfinite(result["lie"]), (pair, scale, start)


@pytest.mark.parametrize("item_id", ["mislead_chart", "mislead_sentence"])
def test_a_mislead_task_shares_its_layouts_and_styles(item_id, messages):
    # Every Layout and Style is a model the browser builds; none of these parts changes its
    # own later, so a second task in the kernel opens none of them.
    from kit.lesson import Lesson

    lesson = Lesson("03_numbers", "ar")
    lesson.ask(item_id)
    messages.clear()
    lesson.ask(item_id)
    opened = [model for kind, model in messages if kind == "comm_open"]
    assert not [m for m in opened if m == "LayoutModel" or m.endswith("StyleModel")], opened
