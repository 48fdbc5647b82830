"""The class dashboard: real exports and hostile ones, demo class, charts, sortable tables, CSV."""

from __future__ import annotations

import csv
import json
import re

import pytest

from kit import charts, progress
from kit.dashboard import Dashboard
from kit.i18n import t
from tests.hostile import HOSTILE

RAW_MARKUP = re.compile(r"<(script|img|style|b>|iframe)|<a [^>]*javascript", re.I)


def _export(tmp_path, monkeypatch, learner, answers):
    """A real export written by the kit for one learner."""
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers" / str(abs(hash(learner)))))
    progress.set_learner(learner)
    for (lesson, item), (answer, correct, kind) in answers.items():
        progress.save_answer(lesson, item, answer, correct=correct, kind=kind)
    return progress.export_answers("en")


@pytest.fixture
def hostile_class(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    folder.mkdir()
    names = ["Layla", "<script>alert(1)</script>", "\u202eevil", "نور <b>x</b>"]
    for i, name in enumerate(names):
        path = _export(tmp_path, monkeypatch, f"learner {i}", {
            ("00_start_here", "q_kind"): ("reporter" if i % 2 else "mt_wire", i % 2 == 0,
                                           "choice"),
            ("00_start_here", "trust_1"): (2 + i % 3, None, "rating"),
            ("06_synthesis", "trust_2"): (3, None, "rating"),
            ("00_start_here", "reaction"): (HOSTILE["html_attr"] + HOSTILE["script"], None,
                                            "open"),
            ("04_framing", "code_p1"): ("political_failure", None, "coding"),
            ("04_framing", "code_p13"): ("fail_fast", None, "coding"),
        })
        doc = json.loads(path.read_text(encoding="utf-8"))
        doc["learner"] = name  # a hand-edited export may carry any name
        (folder / f"export-{i}.json").write_text(json.dumps(doc), encoding="utf-8")
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "<img src=x onerror=alert(1)>.json").write_text("[]", encoding="utf-8")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))
    return folder


def _all_html(board: Dashboard) -> str:
    return (board.summary().html + board.common_wrong().table.value
            + board.open_responses().table.value + board.export_csv().html)


def test_hostile_exports_are_reported_or_shown_escaped(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    assert not board.is_demo
    assert board.data.answers["learner"].nunique() == 4
    reasons = dict(board.data.problems)
    assert "broken.json" in reasons and len(reasons) == 2
    html = _all_html(board)
    assert not RAW_MARKUP.search(html), RAW_MARKUP.search(html)
    assert "\u202e" not in html and "&lt;script&gt;" in html


def test_charts_escape_learner_names(hostile_class):
    board = Dashboard(hostile_class, lang="ar")
    for chart in (charts.class_completion(board), charts.class_trust(board),
                  charts.class_agreement(board), charts.class_scores(board)):
        figure = json.dumps(chart.figure.to_plotly_json()["data"], ensure_ascii=False)
        assert "<script" not in figure and "<b>" not in figure
        assert chart.summary


def test_common_wrong_answers_carry_the_kits_feedback(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    table = board.common_wrong().df
    row = table[table["item"] == "q_kind"].iloc[0]
    assert row["answer"] == "reporter" and row["count"] == 2
    assert "correspondent" in row["feedback"]


def test_sortable_table_sorts_both_ways(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    table = board.open_responses()
    table.column.value = "learner"
    table.order.value = True
    first_desc = table.table.value.index("نور")
    table.order.value = False
    assert table.table.value.index("نور") != first_desc


def test_empty_folder_says_so_and_never_shows_invented_learners(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    (tmp_path / "empty").mkdir()
    for folder, words in ((tmp_path / "nothing-here", "غير موجود"),
                          (tmp_path / "empty", "لم يُعثر")):
        board = Dashboard(folder, lang="ar")
        assert not board.is_demo and board.empty
        html = board.summary().html
        assert words in html and "تجريبي" not in html and "Dashboard.demo()" in html
        assert board.data.answers.empty and board.grades().empty
        assert "✓" in board.export_csv().html  # no TypeError on an empty folder
        assert charts.class_scores(board).summary


def test_demo_class_only_when_asked_and_labelled(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers"))
    monkeypatch.setenv("KIT_CLASS_DIR", str(tmp_path / "nothing-here"))
    board = Dashboard.demo(lang="ar")
    assert board.is_demo
    html = board.summary().html
    assert "تجريبي" in html
    # the note points to the folder where the teacher's files go, not the demo's temp folder
    assert f"مجلد ملفات الصف: <bdi dir=\"ltr\" lang=\"en\">{tmp_path / 'nothing-here'}" in html
    assert board.data.answers["key"].nunique() == 12
    assert board.data.answers["learner_id"].notna().all()  # version-2 exports
    assert board.data.attempts["n"].max() >= 2  # retries are kept
    assert len(charts.class_scores(board).figure.data[0].x) > 10
    assert len(board.grades()) == 12


def test_csv_summary_is_written_with_a_bom(hostile_class):
    board = Dashboard(hostile_class, lang="en")
    html = board.export_csv().html
    assert "base64," in html
    written = list((hostile_class.parent / "teacher").glob("class_summary.csv"))
    assert written and written[0].read_bytes().startswith(b"\xef\xbb\xbf")


ISO_TIME = re.compile(r"\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")


def test_arabic_tables_have_arabic_headers_questions_and_readable_times(hostile_class):
    board = Dashboard(hostile_class, lang="ar")
    wrong, answers = board.common_wrong(), board.open_responses()
    for table, headers in ((wrong, ("الدرس", "السؤال", "الإجابة", "العدد", "التغذية الراجعة")),
                           (answers, ("الدرس", "السؤال", "المتعلّم", "الإجابة", "الوقت"))):
        html = table.table.value
        for header in headers:
            assert f">{header}</th>" in html
        for code in ("00_start_here", "q_kind", "reaction", ">lesson<", ">count<"):
            assert code not in html, code
        assert not ISO_TIME.search(html)
        assert [label for label, _ in table.column.options][:2] == ["الدرس", "السؤال"]
    assert "الدرس 0 — " in wrong.table.value
    # the choice's text, not its id «reporter»
    assert ">reporter<" not in wrong.table.value
    assert wrong.df["answer"].tolist()[0] == "reporter"  # raw ids stay for sorting and tests
    assert re.search(r"\d{1,2} (يناير|فبراير|مارس|أبريل|مايو|يونيو|يوليو|أغسطس|سبتمبر|أكتوبر"
                     r"|نوفمبر|ديسمبر) \d{4}، \d{2}:\d{2}", answers.table.value)


def test_arabic_chart_labels_and_summaries_have_no_codes_and_agree(hostile_class):
    board = Dashboard(hostile_class, lang="ar")
    completion = charts.class_completion(board)
    assert all("الدرس" in x for x in completion.figure.data[0].x)
    assert completion.summary.startswith("في الجدول 4 متعلّمين و")
    scores = charts.class_scores(board)
    assert not any("q_kind" in y or "·" in y for y in scores.figure.data[0].y)
    assert "q_" not in scores.summary and "أسئلة" in scores.summary
    trust = charts.class_trust(board).summary
    assert trust.startswith("سجّل الدرجتين 4 متعلّمين") and "\u200e+" in trust
    kappa = charts.class_agreement(board).summary
    assert kappa.startswith("رمّز الفقرات 4 متعلّمين") and "(على فقرتين)" in kappa


def test_summary_counts_learners_and_unusable_files_in_good_arabic(hostile_class):
    html = Dashboard(hostile_class, lang="ar").summary().html
    assert "فيه إجابات 4 متعلّمين." in html
    assert "وتعذّر استعمال ملفّين" in html
    assert "متعلمًا" not in html and "ملفًّا" not in html
    assert '<bdi dir="ltr" lang="en">' in html  # the folder path keeps its direction
    en = Dashboard(hostile_class, lang="en").summary().html
    assert "answers from 4 learners." in en and "2 files could not be used" in en


def test_summaries_with_one_learner_or_none(tmp_path, monkeypatch):
    folder = tmp_path / "class"
    folder.mkdir()
    path = _export(tmp_path, monkeypatch, "Layla", {
        ("00_start_here", "q_kind"): ("mt_wire", True, "choice"),
        ("00_start_here", "trust_1"): (2, None, "rating"),
        ("06_synthesis", "trust_2"): (4, None, "rating")})
    (folder / "one.json").write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))
    board = Dashboard(folder, lang="ar")
    assert "فيه إجابات متعلّم واحد." in board.summary().html
    assert "تعذّر" not in board.summary().html
    assert charts.class_trust(board).summary.startswith("سجّل الدرجتين متعلّم واحد؛")
    assert charts.class_agreement(board).summary == t("dashboard.kappa_summary_none", "ar")
    assert "في الجدول متعلّم واحد ودرسان؛" in charts.class_completion(board).summary


def test_teacher_scores_are_saved_atomically_and_never_lost(tmp_path):
    from kit import teacher_scores

    path = tmp_path / "teacher" / "teacher_scores.json"
    teacher_scores.save_score("id:a", "03_numbers", "fermi", "beginning", name="ليلى", path=path)
    teacher_scores.save_score("id:a", "03_numbers", "fermi", "secure", path=path)
    teacher_scores.save_score("id:b", "03_numbers", "fermi", "developing", path=path)
    got = teacher_scores.load_scores(path)
    assert got[("id:a", "03_numbers", "fermi")]["level"] == "secure"
    assert got[("id:a", "03_numbers", "fermi")]["history"][0]["level"] == "beginning"
    assert got[("id:b", "03_numbers", "fermi")]["level"] == "developing"
    assert not list(path.parent.glob("*.tmp"))
    # a damaged file is repaired from its backup (the state before the last save)
    path.write_text('{"format": "town-square-kit/teacher-scores", "sco', encoding="utf-8")
    got = teacher_scores.load_scores(path)
    assert got[("id:a", "03_numbers", "fermi")]["level"] == "secure"
    assert ("id:b", "03_numbers", "fermi") not in got
    # both damaged: set aside, never deleted, and scoring starts again
    path.write_text("{", encoding="utf-8")
    path.with_name(path.name + ".bak").write_text("[", encoding="utf-8")
    assert teacher_scores.load_scores(path) == {}
    assert list(path.parent.glob("teacher_scores.corrupt-*.json"))
    with pytest.raises(ValueError):
        teacher_scores.save_score("id:a", "03_numbers", "fermi", "excellent", path=path)


def test_open_answers_show_the_teachers_level_and_the_agreement(tmp_path, monkeypatch):
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))
    board = Dashboard.demo(lang="ar")
    widget = board.score_open()
    keys = list(widget.buttons)
    assert keys and widget.rubric.value.count("<li>") == 3  # the three levels described
    for key in keys[:3]:
        widget.buttons[key].value = "secure"
    assert "✓ حُفظ لـ" in widget.status.value
    table = board.open_table()
    scored = table.dropna(subset=["teacher_level"])
    assert len(scored) == 3 and set(scored["level"]) == {"secure"}
    text = board.agreement_text()
    assert text.startswith("حدّد المعلّم والمتعلّم كلاهما مستوى ثلاث إجابات") or \
        text.startswith("حدّد المعلّم والمتعلّم كلاهما مستوى 3 إجابات"), text
    assert board.grades()["open_teacher_scored"].sum() == 3


def test_every_item_of_every_lesson_has_an_objective():
    """data/objectives_map.json covers every item of both editions (reteach groups by it)."""
    from kit import grades
    from kit.lesson import lesson_ids, load_lesson

    assert grades.unmapped_items() == []
    for lang in ("ar", "en"):
        for lesson in lesson_ids(lang):
            data = load_lesson(lesson, lang)
            for item in data["items"]:
                objective = grades.objective_of(lesson, item["id"])
                assert 0 <= objective < len(data["objectives"]), (lesson, item["id"])


def _learner_does_the_new_tasks(tmp_path, monkeypatch, n: int, lang: str = "ar"):
    """One learner works through a highlight, two rankings, the make-it-mislead chart and its
    partner naming, and lateral reading, through the kit's own widgets; returns the export and
    what each widget told the learner at the first check."""
    from kit import lesson

    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / f"home{n}" / "answers"))
    monkeypatch.delenv("KIT_CLASS_DIR", raising=False)
    progress.set_learner(f"learner {n}")
    seen = {}
    hl = lesson.Lesson("01_claims", lang).ask("hl_claims")
    hl.area.selected = list(range(0, 12 + 4 * n))  # a first try, partly right
    seen["hl"] = hl.submit()["f1"]
    hl.area.selected = list(range(0, 40))  # a second try: only the first one counts
    hl.submit()
    rank = lesson.Lesson("01_claims", lang).ask("rank_worthy")
    seen["rank"] = (rank.submit()["tau"] + 1) / 2  # the shuffled first order
    voices = lesson.Lesson("02_sources", lang).ask("rank_voices")
    seen["voices"] = (voices.submit()["tau"] + 1) / 2
    chart = lesson.Lesson("03_numbers", lang).ask("mislead_chart")
    if n % 2:
        chart.start.value = 90_000  # a truncated axis: it misleads
    chart.submit()
    seen["chart"] = float(bool(chart.current()["techniques"]))
    if n % 2:
        chart.partner.value = "truncated_axis"
        chart.partner_name.value = "سامي"
        assert chart.save_partner()
    lateral = lesson.Lesson("02_sources", lang).ask("o_lateral")
    if n != 2:
        lateral.url.value = "https://en.wikipedia.org/wiki/David_O._Sacks"
        lateral.sentence.value = "ساكس مستثمر ومتبرّع جمهوري استضاف ديسانتيس، فله مصلحة."
        assert lateral.submit(), lateral.feedback.value
    return progress.export_answers(lang), seen


def test_highlight_rank_mislead_and_lateral_are_scored_and_shown(tmp_path, monkeypatch):
    """Highlight and rank give partial credit (word F1; (tau + 1) / 2) in the lesson share, a
    make-it-mislead chart 1 or 0, all re-computed from the lesson data (a hand-edited F1 or
    `correct` changes nothing); lateral reading and a partner's naming are done or not."""
    folder = tmp_path / "class"
    folder.mkdir()
    seen = {}
    for n in range(3):
        path, seen[n] = _learner_does_the_new_tasks(tmp_path, monkeypatch, n)
        doc = json.loads(path.read_text("utf-8"))
        if n == 0:  # hand-edited: every score perfect, every flag true
            for row in doc["answers"]:
                for attempt in (row["first"], *row["attempts"]):
                    attempt["correct"] = True
                    if isinstance(attempt["answer"], dict) and "f1" in attempt["answer"]:
                        attempt["answer"]["f1"] = 1.0
                    if isinstance(attempt["answer"], dict) and "tau" in attempt["answer"]:
                        attempt["answer"]["tau"] = 1.0
        (folder / f"learner-{n}.json").write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
    monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "teacher"))
    board = Dashboard(folder, lang="ar")
    ids = board.data.answers.groupby("learner")["learner_id"].first()
    table = board.grades(done=True).set_index("learner_id")
    for n in range(3):
        row = table.loc[ids[f"learner {n}"]]
        assert row["lesson_01"] == pytest.approx((seen[n]["hl"] + seen[n]["rank"]) / 2)
        assert 0 < seen[n]["hl"] < 1  # partial credit, not 0 or 1
        assert row["lesson_02"] == pytest.approx(seen[n]["voices"])
        assert row["lesson_03"] == pytest.approx(seen[n]["chart"])
        assert row["done_02_o_lateral"] == int(n != 2)
        assert row["done_03_mislead_chart_named"] == n % 2
        assert row["done_03_mislead_sentence"] == 0
    # grades() alone has no done columns; the CSV and the screen have them (docs/gradebook.md)
    assert not any(c.startswith("done_") for c in board.grades().columns)
    with open(board.grades_csv(tmp_path / "grades.csv"), encoding="utf-8-sig") as fh:
        rows = {r["learner_id"]: r for r in csv.DictReader(fh)}
    for n in range(3):
        assert rows[ids[f"learner {n}"]]["done_02_o_lateral"] == str(int(n != 2))
        assert rows[ids[f"learner {n}"]]["done_03_mislead_chart_named"] == str(n % 2)
    view = board.grades_view()
    html = view.table.value
    assert "أُنجِزت" in html and "لم تُنجَز" in html and "تسمية الزميل للأسلوب" in html
    assert not re.search(r"\b(done_|o_lateral|mislead_chart)", html)
    assert "٪" in html
    lateral = board.lateral()
    assert len(lateral.df) == 2 and set(lateral.df["domain"]) == {"en.wikipedia.org"}
    assert "ساكس مستثمر" in lateral.table.value and "الموقع" in lateral.table.value
    assert board.question_label("03_numbers", "mislead_chart_named").startswith("الدرس 3 — ")


@pytest.mark.parametrize("answer", [None, "text", 3, [], {"spans": "x"}, {"spans": [[1]]},
                                    {"order": ["a", "a"]}, {"bars": ["x"], "start": 0,
                                                            "scale": "linear"}, {}])
def test_a_hand_made_task_answer_scores_zero_and_never_raises(answer):
    from kit import classroom

    key = classroom.lesson_key("en")
    for item in ("hl_claims", "rank_worthy"):
        assert key.score("01_claims", item, answer) == 0.0
        assert key.correct("01_claims", item, answer) is False
    assert key.score("03_numbers", "mislead_chart", answer) == 0.0
    assert key.score("02_sources", "o_lateral", answer) is None  # not scored: done or not


def test_the_demo_class_does_the_new_tasks_too():
    board = Dashboard.demo(lang="en")
    table = board.grades(done=True)
    assert table["done_02_o_lateral"].sum() > 0 and table["lesson_01"].notna().any()
    shares = board.data.answers.dropna(subset=["first_score"])
    partial = shares[shares["kind"].isin(["highlight", "rank"])]["first_score"]
    assert ((partial > 0) & (partial < 1)).any()  # partial credit shows
    assert set(board.lateral().df["domain"]) == {"example.org"}


def test_the_dashboard_notebooks_show_lateral_reading_with_identical_code():
    from pathlib import Path

    root = Path(__file__).resolve().parents[1] / "notebooks" / "teacher"
    code = {}
    for lang in ("ar", "en"):
        cells = json.loads((root / lang / "class_dashboard.ipynb").read_text("utf-8"))["cells"]
        code[lang] = ["".join(c["source"]) for c in cells if c["cell_type"] == "code"]
        assert "board.lateral()" in code[lang]
        heading = next("".join(c["source"]) for c in cells
                       if c["cell_type"] == "markdown" and "board" not in "".join(c["source"])
                       and ("القراءة الجانبية" in "".join(c["source"])
                            or "Lateral reading" in "".join(c["source"])))
        assert heading.startswith("## ")  # plain Markdown: direction comes from the text
    assert code["ar"] == code["en"]


def test_a_draft_fact_check_is_not_listed_as_a_fact_check(tmp_path, monkeypatch):
    """A fact-check kept as a draft (too thin to judge) is not graded as one."""
    from kit import grades

    check = {"claim": "c", "claimant": "x", "evidence": "e", "verdict": "false",
             "sources": ["https://example.org/a"]}
    folder = tmp_path / "class"
    folder.mkdir()
    for name, status in (("Draft Learner", "draft"), ("Real Learner", "submitted")):
        monkeypatch.setenv("KIT_ANSWERS_DIR", str(tmp_path / "answers" / name.split()[0]))
        progress.set_learner(name)
        progress.save_answer("06_synthesis", "factcheck", json.dumps(check), kind="factcheck",
                             status=status)
        path = progress.export_answers("en")
        (folder / path.name).write_bytes(path.read_bytes())
    listed = grades.factchecks(Dashboard(folder, "en").data)
    assert list(listed["learner"].str.split(" ·").str[0]) == ["Real Learner"]
