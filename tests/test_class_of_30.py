"""A class of 30 built through the kit's own widgets, loaded in the dashboard, checked by hand.

Each learner works in their own answers folder: the name cell (or none), the lesson checks
clicked as a learner clicks them (wrong first, then right, sometimes twice wrong), frame codes,
open answers placed on the rubric, a fact-check, an article pasted in lesson 07 with its
worksheet, the pre/post test for some. Exports land in the shapes a class folder takes (one
folder per learner, a hub collection, flat), with two learners of one name, a learner who
exported twice, a learner who skipped the name, a hand-edited export claiming every answer
right, and bad files. The expected figures are recomputed here from the clicks recorded and
the lesson files read as plain JSON, never by calling the dashboard's code.
"""

from __future__ import annotations

import csv
import hashlib
import json
import math
import random
import re
import shutil
from collections import Counter
from pathlib import Path
from statistics import NormalDist, mean

import pytest

ROOT = Path(__file__).resolve().parent.parent
LANG = "ar"
N = 30
CHOICE_LESSONS = ("00_start_here", "01_claims", "03_numbers", "07_your_article")
OPEN_ITEMS = (("01_claims", "o_evidence"), ("03_numbers", "fermi"))
SAME_NAME = (3, 4)  # two different learners called «محمد أحمد»
NO_NAME = 29  # skipped the name cell
TWICE = 5  # exported twice; the first export must be listed as older
TAMPERED = 7  # every `correct` set to true by hand
TESTED = range(0, 12)  # took the pre/post test
WORKSHEET = (10, 11)  # pasted an article in lesson 07 and answered its worksheet
LEVELS = ("beginning", "developing", "secure")


# ---------------------------------------------------------------- the key, read independently


def lesson_file(lesson: str) -> dict:
    return json.loads((ROOT / "data" / "lessons" / LANG / f"{lesson}.json").read_text("utf-8"))


def right_ids(lesson: str, item: dict) -> set[str]:
    """Right choices from the file: plain `correct`, or the salted SHA-256 key."""
    out = set()
    for c in item["choices"]:
        if "correct" in c:
            if c["correct"]:
                out.add(c["id"])
        else:
            digest = hashlib.sha256(
                f"{item['key']['salt']}{lesson}{item['id']}{c['id']}".encode()).hexdigest()
            if digest in item["key"]["sha256"]:
                out.add(c["id"])
    return out


def reference_codes() -> dict[int, str]:
    framing = json.loads((ROOT / "data" / "framing.json").read_text("utf-8"))
    return {row["paragraph"]: row["frame"] for row in framing["coding"]}


def name_of(n: int) -> str | None:
    if n in SAME_NAME:
        return "محمد أحمد"
    return None if n == NO_NAME else f"متعلّم {n:02d}"


# ---------------------------------------------------------------- the class, through widgets


def _radios(widget):
    import ipywidgets

    stack, found = [widget], []
    while stack:
        w = stack.pop(0)
        if isinstance(w, ipywidgets.RadioButtons):
            found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def _dom_id(box) -> str | None:
    return next((c[len("kit-id-"):] for c in box._dom_classes if c.startswith("kit-id-")), None)


def work(n: int, home: Path, ledger: dict, mp: pytest.MonkeyPatch) -> list[Path]:
    """One learner's session; returns the export files written (older first)."""
    from kit import exercises, lesson, progress, workbench, worksheet

    mp.setenv("KIT_ANSWERS_DIR", str(home / f"home{n:02d}" / "answers"))
    for var in ("KIT_LEARNER", "JUPYTERHUB_USER", "KIT_CLASS_DIR"):
        mp.delenv(var, raising=False)
    if n % 6 == 1:
        mp.setenv("JUPYTERHUB_USER", f"student{n:02d}")  # a hub learner: the id is the user
    if name_of(n):
        name_cell = lesson.Lesson("00_start_here", LANG).ask("name")
        name_cell.text.value = name_of(n)
        assert name_cell.submit()
    rng = random.Random(1000 + n)
    skill = 0.35 + 0.6 * n / N
    mine = ledger[n] = {"clicks": {}, "self": {}, "tests": {}}
    exports = []
    for lesson_id in CHOICE_LESSONS:
        data = lesson_file(lesson_id)
        for item in data["items"]:
            if item["kind"] != "choice" or rng.random() < 0.15:
                continue  # some items skipped
            right = sorted(right_ids(lesson_id, item))
            wrong = [c["id"] for c in item["choices"] if c["id"] not in right]
            clicks = [] if rng.random() < skill else rng.sample(wrong, k=rng.choice((1, 1, 2)))
            clicks.append(rng.choice(right))
            widget = lesson.Lesson(lesson_id, LANG).ask(item["id"])
            for choice in clicks:
                widget.radio.value = choice  # as a click does: observe → save
            mine["clicks"][(lesson_id, item["id"])] = clicks
        if n == TWICE and lesson_id == "00_start_here":
            exports.append(progress.export_answers(LANG))  # the older export
    codes = reference_codes()
    k_frames = next(i for i in lesson_file("04_framing")["items"] if i["id"] == "k_frames")
    frames = [o["id"] for o in k_frames["options"]]
    coding = lesson.Lesson("04_framing", LANG).ask("k_frames")
    for para in k_frames["paragraphs"][:5]:  # five paragraphs coded
        code = codes[para] if rng.random() < skill else rng.choice(frames)
        coding.dropdowns[para].value = code
        mine["clicks"][("04_framing", f"code_p{para}")] = [code]
    for lesson_id, item_id in OPEN_ITEMS:
        widget = lesson.Lesson(lesson_id, LANG).ask(item_id)
        widget.text.value = lesson_file(lesson_id)["items"][
            [i["id"] for i in lesson_file(lesson_id)["items"]].index(item_id)]["exemplar"]
        assert widget.submit(), widget.feedback.value
        level = LEVELS[rng.randrange(3)]
        widget.levels.value = level
        mine["self"][(lesson_id, item_id)] = level
    trust = lesson.Lesson("00_start_here", LANG).ask("trust_1")
    trust.radio.value = 1 + n % 5
    if n % 4 == 0:
        form = lesson.Lesson("06_synthesis", LANG).ask("factcheck")
        claim = next(v for _label, v in form.claim.options if v)
        form.claim.value = claim
        form.claimant.value = form.claimant.value or "المقال"
        form.evidence.value = ("تقول صحيفة أسوشيتد برس وموقع آخر مستقل إن الحدث جرى يوم الأربعاء "
                               "24 مايو 2023، وليس يوم الثلاثاء كما في الفقرة الأولى.")
        form.verdict.value = "partly_false"
        form.sources.value = "https://apnews.com/\nhttps://example.org/copy"
        assert form.submit(), form.feedback.value
        mine["factcheck"] = claim
    if n in WORKSHEET:
        text, _origin = workbench.default_text(LANG)
        workbench.save_text(text, LANG)
        result = workbench.analyse(text, LANG)
        for item in worksheet.items(result):
            if item["kind"] == "choice":
                widget = exercises.Choice(workbench.LESSON, item, LANG)
                widget.radio.value = item["choices"][-1]["id"]
        mine["worksheet"] = len(text.split())
    if n in TESTED:
        from kit import assessment

        for when in ("before", "after"):
            box = assessment.questions(when)
            form = assessment.form_for(when)
            truth = {i["id"]: i["veracity"] for i in assessment.forms(LANG)[form]["items"]}
            said = {}
            p = (0.55 if when == "before" else 0.8) if n % 2 else 0.5
            for radio_box in _boxes_with_ids(box):
                item_id = _dom_id(radio_box)
                if item_id not in truth:
                    continue
                radio = _radios(radio_box)[0]
                other = "false" if truth[item_id] == "real" else "real"
                value = truth[item_id] if rng.random() < p else other
                radio.value = value
                said[item_id] = value
            mine["tests"][when] = (form, said, truth)
    exports.append(progress.export_answers(LANG))
    return exports


def _boxes_with_ids(widget):
    stack, found = [widget], []
    while stack:
        w = stack.pop(0)
        if any(c.startswith("kit-id-") for c in getattr(w, "_dom_classes", ())):
            found.append(w)
        stack.extend(getattr(w, "children", ()))
    return found


def hand_in(n: int, exports: list[Path], folder: Path) -> list[str]:
    """Copy a learner's exports into the class folder in one of three shapes."""
    names = []
    for path in exports:
        if n % 3 == 0:  # one folder per learner
            target = folder / f"learner-{n:02d}" / path.name
        elif n % 3 == 1:  # as a hub's collection makes it
            target = folder / "collected" / f"student{n:02d}" / "answers" / "exports" / path.name
        else:  # flat
            target = folder / path.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(path, target)
        names.append(target.relative_to(folder).as_posix())
    return names


@pytest.fixture(scope="module")
def built(tmp_path_factory):
    home = tmp_path_factory.mktemp("class30")
    folder = home / "class"
    folder.mkdir()
    ledger: dict = {}
    files: dict[int, list[str]] = {}
    ids: dict[int, str] = {}
    with pytest.MonkeyPatch.context() as mp:
        import kit.i18n

        mp.setattr(kit.i18n, "_current", LANG)
        for n in range(N):
            exports = work(n, home, ledger, mp)
            ids[n] = json.loads(exports[-1].read_text("utf-8"))["learner_id"]
            files[n] = hand_in(n, exports, folder)
        tampered = folder / files[TAMPERED][-1]
        doc = json.loads(tampered.read_text("utf-8"))
        for row in doc["answers"]:
            row["correct"] = True
            row["first"]["correct"] = True
            for attempt in row["attempts"]:
                attempt["correct"] = True
        tampered.write_text(json.dumps(doc, ensure_ascii=False), "utf-8")
        (folder / "cut.json").write_text('{"format": "town-square-kit/export", "ans', "utf-8")
        (folder / "notes.txt").write_text("واجب الأسبوع", "utf-8")
        store = next(p for p in (home / "home00" / "answers").glob("*.json")
                     if p.name != "learner.json")
        shutil.copyfile(store, folder / "learner-00" / "working-file.json")
        teacher = home / "teacher"
        mp.setenv("KIT_ANSWERS_DIR", str(teacher))
        for var in ("KIT_LEARNER", "JUPYTERHUB_USER", "KIT_CLASS_DIR"):
            mp.delenv(var, raising=False)
        from kit.dashboard import Dashboard

        board = Dashboard(folder, lang=LANG)
        ID.update(ids)
        yield {"board": board, "ledger": ledger, "files": files, "folder": folder,
               "teacher": teacher, "mp": mp}


# ---------------------------------------------------------------- checks


def expected_first(ledger: dict) -> dict[int, dict[tuple[str, str], bool]]:
    codes = reference_codes()
    out = {}
    for n, mine in ledger.items():
        out[n] = {}
        for (lesson_id, item_id), clicks in mine["clicks"].items():
            if item_id.startswith("code_p"):
                out[n][(lesson_id, item_id)] = clicks[0] == codes[int(item_id[6:])]
            else:
                item = next(i for i in lesson_file(lesson_id)["items"] if i["id"] == item_id)
                out[n][(lesson_id, item_id)] = clicks[0] in right_ids(lesson_id, item)
    return out


ID: dict[int, str] = {}  # learner number -> the learner id their export carries


_GRADES: dict = {}


def row_of(board, n: int):
    """The grade row of learner n, found by the id their export carries."""
    if id(board) not in _GRADES:
        _GRADES[id(board)] = board.grades().set_index("learner_id")
    return _GRADES[id(board)].loc[ID[n]]


def _id_of(_board, n: int) -> str:
    return ID[n]


def test_every_learner_is_read_once_whatever_the_folder_shape(built):
    board = built["board"]
    df = board.data.answers
    assert df["key"].nunique() == N and board.data.files == N
    assert not board.is_demo
    names = df.groupby("key")["learner"].first()
    same = sorted(v for v in names if v.startswith("محمد أحمد"))
    assert len(same) == 2 and same[0] != same[1] and all(" · " in v for v in same)
    assert sum(v.startswith("(لم يكتب اسمه)") for v in names) == 1
    assert any(lid == "student01" for lid in df["learner_id"])  # hub user name as the id


def test_bad_and_older_files_are_named_with_their_reasons(built):
    problems = dict(built["board"].data.problems)
    older = built["files"][TWICE][0]
    assert "تصدير أقدم" in problems.pop(older)
    assert "ليس بصيغة JSON" in problems.pop("cut.json")
    assert "ليس ملف إجابات" in problems.pop("notes.txt")
    assert "ملف العمل" in problems.pop("learner-00/working-file.json")
    assert problems == {}


def test_first_attempt_scores_per_lesson_match_the_clicks(built):
    board, ledger = built["board"], built["ledger"]
    first = expected_first(ledger)
    for n in range(N):
        row = row_of(board, n)
        for lesson_id in (*CHOICE_LESSONS, "04_framing"):
            marks = [ok for (lesson, _), ok in first[n].items() if lesson == lesson_id]
            got = row[f"lesson_{lesson_id[:2]}"]
            if marks:
                assert got == pytest.approx(sum(marks) / len(marks)), (n, lesson_id)
            else:
                assert math.isnan(got)


def test_a_hand_edited_export_gets_its_true_score(built):
    board, ledger = built["board"], built["ledger"]
    first = expected_first(ledger)[TAMPERED]
    row = row_of(board, TAMPERED)
    truth = [ok for (lesson, _), ok in first.items() if lesson == "01_claims"]
    assert sum(truth) < len(truth)  # some first attempts were wrong
    assert row["lesson_01"] == pytest.approx(sum(truth) / len(truth))
    df = board.data.answers
    mine = df[df["learner_id"] == _id_of(board, TAMPERED)]
    assert mine["export_correct"].dropna().all()  # the file claims every answer right


def test_item_statistics_and_the_reteach_list(built):
    board, ledger = built["board"], built["ledger"]
    from kit import grades

    stats = grades.item_stats(board.data).set_index(["lesson", "item"])
    per_item: dict = {}
    for mine in ledger.values():
        for key, clicks in mine["clicks"].items():
            if not key[1].startswith("code_p"):
                per_item.setdefault(key, []).append(clicks)
    assert set(stats.index) == set(per_item)
    for key, all_clicks in per_item.items():
        item = next(i for i in lesson_file(key[0])["items"] if i["id"] == key[1])
        right = right_ids(key[0], item)
        firsts = [c[0] for c in all_clicks]
        assert stats.loc[key, "n"] == len(all_clicks)
        assert stats.loc[key, "n_first_correct"] == sum(f in right for f in firsts)
        assert stats.loc[key, "mean_tries"] == pytest.approx(mean(len(c) for c in all_clicks))
        wrong = Counter(f for f in firsts if f not in right)
        if wrong:
            top = max(wrong.values())
            assert stats.loc[key, "wrong"] in {w for w, k in wrong.items() if k == top}
            assert stats.loc[key, "wrong_count"] == top
    shares = {k: sum(c[0] in right_ids(k[0], next(i for i in lesson_file(k[0])["items"]
                                                  if i["id"] == k[1])) for c in v) / len(v)
              for k, v in per_item.items()}
    table = grades.reteach(board.data, board.items(), top=5)
    assert table["first_share"].iloc[0] == pytest.approx(min(shares.values()))
    lowest = table.iloc[0]
    item = board.items()[(lowest["lesson"], lowest["item"])]
    texts = {c["text"]: c["feedback"] for c in item["choices"]}
    assert lowest["question"] == item["prompt"] and texts[lowest["wrong"]] == lowest["script"]
    html = board.reteach().html
    assert lowest["script"][:40] in html and "الهدف" in html
    assert not re.search(r"\b(q_\w+|0\d_[a-z]+)\b", html)  # no internal codes


def test_worksheet_items_of_lesson_07_stay_out_of_scores(built):
    board = built["board"]
    from kit import grades

    stats = grades.item_stats(board.data, kinds=("choice", "coding"))
    assert not stats["item"].str.match(r"w[0-9a-f]+_").any()
    analyses = grades.analyses(board.data)
    assert len(analyses) == len(WORKSHEET)
    assert sorted(analyses["words"]) == sorted(built["ledger"][n]["worksheet"] for n in WORKSHEET)
    assert len(grades.factchecks(board.data)) == len([n for n in range(N) if n % 4 == 0])


def _z(p: float) -> float:
    return NormalDist().inv_cdf(p)


def test_pre_post_figures_match_an_independent_count(built):
    board, ledger = built["board"], built["ledger"]
    table = board.prepost_table().set_index("learner")
    shown = board.data.answers.groupby("learner_id")["learner"].first()
    assert len(table) == len(TESTED)
    for n in TESTED:
        row = table.loc[shown[_id_of(board, n)]]
        for when in ("before", "after"):
            form, said, truth = ledger[n]["tests"][when]
            hits = sum(said[i] == "real" for i in said if truth[i] == "real")
            fas = sum(said[i] == "real" for i in said if truth[i] == "false")
            n_real = sum(truth[i] == "real" for i in said)
            n_false = len(said) - n_real
            h, f = (hits + 0.5) / (n_real + 1), (fas + 0.5) / (n_false + 1)
            assert row[f"{when}_form"] == form
            assert row[f"{when}_V"] == sum(said[i] == truth[i] for i in said)
            assert row[f"{when}_dprime"] == pytest.approx(_z(h) - _z(f))
            assert row[f"{when}_c"] == pytest.approx(-(_z(h) + _z(f)) / 2)
    html = board.prepost().html
    assert "d′" in html and "الانحراف المعياري" in html


def test_teacher_scores_open_answers_and_agreement_is_reported(built):
    board, ledger = built["board"], built["ledger"]
    widget = board.score_open()
    lesson_id, item_id = OPEN_ITEMS[0]
    widget.question.value = (lesson_id, item_id)
    rng = random.Random(5)
    given = {}
    for (key, _lesson, _item), toggle in list(widget.buttons.items())[:20]:
        level = LEVELS[rng.randrange(3)]
        toggle.value = level
        given[key] = level
    first_key = next(iter(given))
    changed = next(level for level in LEVELS if level != given[first_key])
    widget.buttons[(first_key, lesson_id, item_id)].value = changed  # a change of mind
    given[first_key] = changed
    path = built["teacher"] / "teacher_scores.json"
    assert path.exists() and path.with_name(path.name + ".bak").exists()
    saved = json.loads(path.read_text("utf-8"))["scores"]
    assert {k: v[lesson_id][item_id]["level"] for k, v in saved.items()} == given
    assert saved[first_key][lesson_id][item_id]["history"]  # the earlier level is kept
    # independent kappa over answers with both levels
    keys = dict(zip(board.data.answers["learner_id"], board.data.answers["key"], strict=True))
    self_level = {keys[_id_of(board, n)]: ledger[n]["self"][(lesson_id, item_id)]
                  for n in range(N)}
    pairs = [(given[k], self_level[k]) for k in given]
    po = sum(a == b for a, b in pairs) / len(pairs)
    ca, cb = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    pe = sum(ca[x] * cb[x] for x in LEVELS) / len(pairs) ** 2
    figures = board.agreement_open()
    assert figures["n"] == len(pairs)
    assert figures["agreement"] == pytest.approx(po)
    assert figures["kappa"] == pytest.approx((po - pe) / (1 - pe))
    # grades: the teacher's level where scored, else the learner's own
    column = f"open_{lesson_id[:2]}_{item_id}"
    value = {"beginning": 1, "developing": 2, "secure": 3}
    grades = board.grades().set_index("learner_id")
    for n in range(N):
        key = keys[_id_of(board, n)]
        level = given.get(key, ledger[n]["self"][(lesson_id, item_id)])
        assert grades.loc[_id_of(board, n), column] == value[level]
    # a fresh dashboard reads the saved scores back
    from kit.dashboard import Dashboard

    again = Dashboard(built["folder"], lang=LANG)
    assert again.agreement_open()["n"] == len(pairs)


def documented_columns() -> list[str]:
    text = (ROOT / "docs" / "gradebook.md").read_text("utf-8")
    return re.findall(r"^\| `([A-Za-z_0-9<>]+)` \|", text, re.M)


def test_grade_csv_parses_with_the_documented_columns(built):
    board = built["board"]
    html = board.export_csv().html
    assert "class_grades.csv" in html
    path = built["teacher"] / "class_grades.csv"
    assert path.read_bytes().startswith(b"\xef\xbb\xbf")
    with open(path, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == N
    documented = documented_columns()
    patterns = [re.compile("^" + re.sub(r"<[A-Za-z]+>", "[a-z0-9_]+", c) + "$") for c in documented]
    header = list(rows[0])
    assert all(any(p.match(h) for p in patterns) for h in header), header
    fixed = [c for c in documented if "<" not in c]
    assert [h for h in header if h in fixed] == fixed  # in the documented order
    # done_<NN>_<item>: one per task of the lesson data the kit cannot mark, after
    # open_teacher_scored, 1 done or 0 not
    from kit import grades as kit_grades

    done = [f"done_{lesson[:2]}_{item}" for lesson, item in kit_grades.done_items(board.items())]
    assert done and [h for h in header if h.startswith("done_")] == done
    at = header.index("open_teacher_scored") + 1
    assert header[at:at + len(done)] == done
    assert "done_02_o_lateral" in done and "done_03_mislead_chart_named" in done
    for row in rows:
        for column in header:
            if column.startswith("done_"):
                assert row[column] in ("0", "1"), (column, row[column])
            if column.startswith("lesson_") and row[column]:
                assert 0.0 <= float(row[column]) <= 1.0
            if column.startswith("open_") and column not in ("open_mean",
                                                             "open_teacher_scored"):
                assert row[column] in ("", "1", "2", "3")
    ids = {r["learner_id"] for r in rows}
    assert len(ids) == N
