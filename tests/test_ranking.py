"""Order and rank: Kendall's tau and Spearman's rho with ties, feedback per misplaced item,
up/down moves, saved attempts and a restored order."""

from __future__ import annotations

import itertools
import re

import pytest

from kit import progress
from kit import ranking as rk
from kit.i18n import t


@pytest.fixture(autouse=True)
def answers(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("KIT_LEARNER", "ranking-test")


def test_tau_and_rho_at_the_extremes():
    ref = ["a", "b", "c", "d"]
    assert rk.kendall_tau(ref, ref) == 1.0 and rk.spearman_rho(ref, ref) == pytest.approx(1)
    back = ref[::-1]
    assert rk.kendall_tau(back, ref) == -1.0 and rk.spearman_rho(back, ref) == pytest.approx(-1)
    # one swap of neighbours: 5 concordant pairs, 1 discordant
    assert rk.kendall_tau(["b", "a", "c", "d"], ref) == pytest.approx(4 / 6)


def test_tau_matches_a_brute_force_count_over_all_orders():
    ref = ["a", "b", "c", "d", "e"]
    for order in itertools.permutations(ref):
        pairs = list(itertools.combinations(range(5), 2))
        disc = sum(1 for i, j in pairs if (order.index(ref[i]) > order.index(ref[j])))
        assert rk.kendall_tau(list(order), ref) == pytest.approx(1 - 2 * disc / len(pairs))


def test_ties_in_the_reference_accept_either_order():
    ref = [["a", "b"], "c"]
    for order in (["a", "b", "c"], ["b", "a", "c"]):
        result = rk.score(order, ref)
        assert result["tau"] == 1.0 and result["agreement"] == 100 and not result["misplaced"]
    result = rk.score(["c", "a", "b"], ref)
    assert result["tau"] == -1.0
    assert result["misplaced"] == [{"id": "c", "mine": 1, "ref": (3, 3)},
                                   {"id": "b", "mine": 3, "ref": (1, 2)}]
    assert rk.reference_places(ref) == {"a": (1, 2), "b": (1, 2), "c": (3, 3)}


ITEMS = [{"id": "wire", "text": "Wire copy from a news agency", "why": "It names its sources."},
         {"id": "paper", "text": "A newspaper report"},
         {"id": "blog", "text": "An anonymous blog"}]
REFERENCE = ["wire", "paper", "blog"]


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_first_order_is_stable_per_learner_and_never_the_answer(lang):
    first = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", lang)
    again = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", lang)
    assert first.order == again.order != REFERENCE
    assert sorted(first.order) == sorted(REFERENCE)


def _solve(widget, reference):
    """Press ▲ until every item is in its reference place, as a learner would."""
    presses = 0
    for place, key in enumerate(reference):
        while widget.order.index(key) > place:
            widget.move(key, -1)
            presses += 1
    return presses


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_wrong_then_a_right_order_keeps_both_attempts(lang):
    w = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", lang)
    first = w.submit()
    assert first["misplaced"] and first["agreement"] < 100
    wrong = first["misplaced"][0]
    entry = next(i for i in ITEMS if i["id"] == wrong["id"])
    assert entry["text"] in w.feedback.value
    assert _solve(w, REFERENCE) > 0
    second = w.submit()
    assert second["tau"] == 1.0 and not second["misplaced"]
    record = progress.load_answers()["02_sources"]["rank_sources"]
    assert record["kind"] == "rank" and record["tries"] == 2
    assert record["first"]["correct"] is False and record["correct"] is True
    assert record["answer"]["order"] == REFERENCE and record["answer"]["tau"] == 1.0
    assert [a["answer"]["order"] for a in record["attempts"]][-1] == REFERENCE


def test_moves_stop_at_the_ends_and_the_rows_follow_the_order():
    w = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", "en")
    top = w.order[0]
    assert w.move(top, -1)[0] == top
    bottom = w.order[-1]
    assert w.move(bottom, +1)[-1] == bottom
    w.move(top, +1)
    assert w.order[1] == top
    assert t("rank.moved", "en", item=w.entries[top]["text"], n=2) in w.status.value
    assert list(w.list.children) == [w.rows[k] for k in w.order]
    assert "2." in w.places[top].value


def test_buttons_are_real_buttons_with_a_tooltip_naming_the_item():
    w = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", "ar")
    row = w.rows["blog"]
    up, down = row.children[2], row.children[3]
    assert up.description == t("rank.up", "ar") and "An anonymous blog" in up.tooltip
    before = w.order.index("blog")
    up.click()
    assert w.order.index("blog") == max(0, before - 1)
    down.click()
    assert w.order.index("blog") == before


def test_a_rerun_restores_the_saved_order_and_its_feedback():
    w = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", "ar")
    _solve(w, REFERENCE)
    w.submit()
    again = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", "ar")
    assert again.order == REFERENCE and "↺" in again.feedback.value
    assert re.search(r"\d{1,2} \S+ \d{4}، \d\d:\d\d", again.feedback.value)


def test_claims_are_ranked_by_the_kits_check_worthiness():
    ids = ["digital_town_square_aim", "peak_about_420k", "staff_cut_80pct"]
    w = rk.claims_task("06_synthesis", "rank_worthy", ids, lang="en")
    assert w.reference == [["peak_about_420k", "staff_cut_80pct"], ["digital_town_square_aim"]]
    assert t("rank.prompt.worthy", "en") in w.prompt.value
    assert all(e["why"] for e in w.entries.values())
    # every English rendering says where it comes from
    assert t("origin.ap_original", "en") in w.entries["peak_about_420k"]["text"]
    assert all(e["text"].endswith(")") for e in w.entries.values())
    with pytest.raises(KeyError, match="no_such_claim"):
        rk.claims_task("06_synthesis", "x", ["no_such_claim"])


def test_a_reference_that_does_not_match_the_items_is_refused():
    with pytest.raises(ValueError, match="exactly the items"):
        rk.task("02_sources", "x", ITEMS, ["wire", "paper"], "Order", "en")


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_claim_rows_say_which_paragraph_each_claim_comes_from(lang):
    from kit.datasets import load_dataset

    paragraph = {c["id"]: c["paragraph"] for c in load_dataset("claims")["items"]}
    ids = ["headline_tech_failure", "audience_below_500k", "staff_cut_80pct"]
    w = rk.claims_task("01_claims", "rank_worthy", ids, lang=lang)
    for cid in ids:
        row = w.rows[cid].children[1].value
        where = (t("rank.headline", lang) if paragraph[cid] == 0 else
                 t("rank.paragraph", lang, n=paragraph[cid]))
        assert where + ":" in row, row
    assert t("rank.paragraph", lang, n=5) in w.rows["audience_below_500k"].children[1].value
    # the feedback names the paragraph of a misplaced claim too
    result = w.submit()
    if result["misplaced"]:
        first = w.entries[result["misplaced"][0]["id"]]
        assert w.where(first) in w.feedback.value
    if lang == "ar":
        assert "\u066b" not in w.feedback.value  # one decimal mark: «+0.33», as in the prose


def test_items_without_a_paragraph_keep_their_bare_text():
    w = rk.task("02_sources", "rank_sources", ITEMS, REFERENCE, "Order", "en")
    assert all(w.where(e) == "" for e in w.entries.values())
    assert all(":</b>" not in row.children[1].value for row in w.rows.values())


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_move_button_tooltips_never_cut_a_word_in_half(lang):
    """«انقل «…التي ي» مرتبةً واحدة»: a tooltip ends at a whole word, with «…» when cut."""
    from kit.lesson import lesson_ids, load_lesson

    texts = [e["text"] for lesson in lesson_ids(lang)
             for item in load_lesson(lesson, lang)["items"] if item["kind"] == "rank"
             for e in item.get("items", [])]
    texts.append("أن حسابات كثيرة استعملت الكلمة ذلك المساء، وأن الحدث الذي يريد أن يثبت التي يرى")
    assert any(len(x) > 60 for x in texts)
    for text in texts:
        tip = rk.tip_text(text)
        assert len(tip) <= 61
        if tip == " ".join(text.split()):
            continue
        assert tip.endswith("…")
        kept = tip[:-1]
        rest = " ".join(text.split())[len(kept):]
        assert " ".join(text.split()).startswith(kept)
        assert rest[:1] in (" ", "،", ",", "؛", ";", ":", ".", "-", "–", "—"), (kept, rest[:5])
    long = [{"id": "a", "text": texts[-1]}, {"id": "b", "text": "قصير"}]
    w = rk.task("02_sources", "rank_tip_test", long, ["a", "b"], "Order", lang)
    up, down = w.rows["a"].children[2], w.rows["a"].children[3]
    assert up.tooltip == t("rank.up_tip", lang, item=rk.tip_text(texts[-1]))
    assert down.tooltip == t("rank.down_tip", lang, item=rk.tip_text(texts[-1]))
    assert "التي ي»" not in up.tooltip


@pytest.mark.parametrize("lang", ["ar", "en"])
def test_a_ranking_reaches_the_browser_built_once_in_few_models(lang, messages):
    # The first ranking makes the shared layouts and styles; a second one sends its own
    # widgets only (per row: place, text, two buttons, the row), each with its first value.
    rk.task("02_sources", "rank_a", ITEMS, REFERENCE, "Order", lang)
    messages.clear()
    widget = rk.task("02_sources", "rank_b", ITEMS, REFERENCE, "Order", lang)
    opened = [model for kind, model in messages if kind == "comm_open"]
    # and once: prompt, list, status, submit button, feedback, notice line, the item's box
    assert len(opened) == 5 * len(ITEMS) + 7, sorted(opened)
    assert [m for m in messages if m[0] != "comm_open"] == []  # nothing changed after
    places = [widget.places[k].value for k in widget.order]
    assert all(t("rank.position", lang, n=i) in p for i, p in enumerate(places, start=1))
    assert all(("dir=\"rtl\"" if lang == "ar" else "dir=\"ltr\"") in p for p in places)
    assert [row.children[0] for row in widget.list.children] == [widget.places[k]
                                                                 for k in widget.order]
    widget.move(widget.order[0], +1)  # moving redraws the places in the same form
    assert all(t("rank.position", lang, n=i) in widget.places[k].value
               for i, k in enumerate(widget.order, start=1))
