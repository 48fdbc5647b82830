"""Two learners on a real JupyterHub get the kit by an nbgitpuller link, answer, and get an update.

What a class would do: each follows the teacher's link (clone into their home, the Arabic start
notebook opens), runs the lesson in a kernel behind the hub and answers; the teacher pushes a
changed lesson; both follow the link again. The update must arrive, and every learner's answers
and own edits must still be there, in their own home only.

The link pulls the learner edition (the branch `learners`, built by kit.distribute in the same
repository as the teacher's main): no teacher notebook and no plain key reach a home, not even
in the clone's git objects. With a class folder shared by the hub (KIT_CLASS_DIR), both
learners' answers reach the teacher's dashboard while they work, before anyone exports.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import time
import uuid
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import nbformat
import pytest

from kit.distribute import plain_keys, publish_learners
from kit.hub import nbgitpuller_link
from tests.hub.conftest import LEARNERS, ROOT, Hub, read_event_stream

pytestmark = pytest.mark.slow

FOLDER = "town-square-kit"
START = f"{FOLDER}/notebooks/ar/00_start_here.ipynb"
NAMES = {"layla": "ليلى حداد", "omar": "عمر نصّار"}
REACTIONS = {"layla": "أول ما لفتني: عنوان يتحدث عن فوضى.", "omar": "الترجمة الآلية واضحة."}
TEACHER_NOTE = "تحديث من المعلّم: اقرأ العنوان مرتين."
NEW_TITLE_SUFFIX = " (نسخة الأسبوع الثاني)"
GIT_ID = ["-c", "user.name=Teacher", "-c", "user.email=teacher@example.org"]


def _git(*args: str, cwd: Path) -> str:
    result = subprocess.run(["git", *GIT_ID, *args], cwd=cwd, capture_output=True, text=True,
                            timeout=60, env={"PATH": os.environ["PATH"],
                                             "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(cwd)})
    assert result.returncode == 0, f"git {' '.join(args)}: {result.stderr}"
    return result.stdout


def _course_repository(tmp: Path) -> tuple[Path, Path]:
    """The teacher's working copy of the kit as it is now, pushed to a bare 'GitHub' repo,
    with the learner edition built from it as the branch `learners` (docs/teacher-edition.md)."""
    teacher = tmp / "teacher"
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
                            cwd=ROOT, capture_output=True, check=True).stdout.decode().split("\0")
    for rel in filter(None, listed):
        source = ROOT / rel
        if source.is_file():
            (teacher / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, teacher / rel)
    _git("init", "-q", "-b", "main", cwd=teacher)
    _git("add", "-A", cwd=teacher)
    _git("commit", "-q", "-m", "Course as released", cwd=teacher)
    origin = tmp / "town-square-kit.git"
    _git("init", "-q", "--bare", "-b", "main", str(origin), cwd=tmp)
    _git("push", "-q", str(origin), "main", cwd=teacher)
    _publish_learner_edition(teacher, origin)
    return teacher, origin


def _publish_learner_edition(teacher: Path, origin: Path) -> str:
    """What the teacher runs after each change: build the learners branch, push it."""
    edition = publish_learners(teacher, "learners", source=teacher)
    assert edition.commit, "the learner edition did not change"
    _git("push", "-q", str(origin), "learners", cwd=teacher)
    return edition.commit


def _teacher_pushes_an_update(teacher: Path, origin: Path) -> None:
    """A changed lesson: new title in its data file, a new line in its Arabic notebook."""
    lesson = teacher / "data" / "lessons" / "ar" / "00_start_here.json"
    data = json.loads(lesson.read_text(encoding="utf-8"))
    data["title"] += NEW_TITLE_SUFFIX
    lesson.write_text(json.dumps(data, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    notebook = teacher / "notebooks" / "ar" / "00_start_here.ipynb"
    nb = nbformat.read(notebook, as_version=4)
    first = next(c for c in nb.cells if c.cell_type == "markdown")
    first.source = f"<p dir=\"rtl\">{TEACHER_NOTE}</p>\n\n" + first.source
    nbformat.write(nb, notebook)
    _git("commit", "-q", "-am", "Lesson 0: clearer title, a reading tip", cwd=teacher)
    _git("push", "-q", str(origin), "main", cwd=teacher)
    _publish_learner_edition(teacher, origin)


# ---------------------------------------------------------------- what a learner's browser does


def _follow_link(hub: Hub, learner: str, link: str) -> list[dict]:
    """Open the link in the learner's logged-in browser, then read the progress stream it opens."""
    browser = hub.browser(learner)
    page = hub.check(browser.get(link, timeout=60))
    assert urlsplit(page.url).path == f"/user/{learner}/git-pull", page.url
    assert "00_start_here.ipynb" in page.text and "notebooks/ar" in page.text
    query = parse_qs(urlsplit(link).query)
    params = {k: query[k][0] for k in ("repo", "branch", "targetpath")}
    with browser.get(f"{hub.url}/user/{learner}/git-pull/api", params=params, stream=True,
                     timeout=120) as stream:
        hub.check(stream)
        events = read_event_stream(stream)
    assert events and events[-1]["phase"] == "finished", (
        "nbgitpuller did not finish:\n" + "\n".join(e.get("output", e.get("message", ""))
                                                    for e in events) + hub.log_tail())
    # …and the page then sends the learner to the Arabic start notebook in JupyterLab
    lab = hub.check(browser.get(f"{hub.url}/user/{learner}/{query['urlpath'][0]}", timeout=60))
    assert "jupyter-config-data" in lab.text
    return events


class Kernel:
    """A notebook session behind the hub, driven over the kernel websocket like JupyterLab does."""

    def __init__(self, hub: Hub, learner: str, path: str) -> None:
        import websocket

        self.hub, self.learner = hub, learner
        self.token = hub.token_for(learner)
        base = f"/user/{learner}/api"
        session = hub.check(hub.api("POST", f"{base}/sessions", self.token, json={
            "path": path, "name": Path(path).name, "type": "notebook",
            "kernel": {"name": "python3"}}), 201).json()
        self.session_id, self.kernel_id = session["id"], session["kernel"]["id"]
        self.client_session = uuid.uuid4().hex
        ws_url = (hub.url.replace("http://", "ws://") + f"{base}/kernels/{self.kernel_id}"
                  f"/channels?session_id={self.client_session}")
        self.ws = websocket.create_connection(ws_url, timeout=120,
                                              header=[f"Authorization: token {self.token}"])

    def run(self, code: str, timeout: float = 120) -> str:
        """Execute code; its printed output, or an AssertionError carrying the traceback."""
        msg_id = uuid.uuid4().hex
        self.ws.send(json.dumps({
            "header": {"msg_id": msg_id, "msg_type": "execute_request", "username": self.learner,
                       "session": self.client_session, "version": "5.3",
                       "date": datetime.now(UTC).isoformat()},
            "parent_header": {}, "metadata": {}, "channel": "shell", "buffers": [],
            "content": {"code": code, "silent": False, "store_history": True,
                        "user_expressions": {}, "allow_stdin": False, "stop_on_error": True}}))
        out: list[str] = []
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            frame = self.ws.recv()
            if isinstance(frame, bytes):
                continue  # binary frames carry widget buffers, nothing we read
            msg = json.loads(frame)
            if msg.get("parent_header", {}).get("msg_id") != msg_id:
                continue
            kind, content = msg["msg_type"], msg["content"]
            if kind == "stream":
                out.append(content["text"])
            elif kind == "error":
                raise AssertionError(f"{self.learner}'s kernel raised:\n"
                                     + "\n".join(content["traceback"]))
            elif kind == "status" and content["execution_state"] == "idle":
                return "".join(out)
        raise AssertionError(f"{self.learner}'s kernel did not finish in {timeout:.0f} s")

    def close(self) -> None:
        self.ws.close()
        self.hub.api("DELETE", f"/user/{self.learner}/api/sessions/{self.session_id}", self.token)


def _run_lesson_and_answer(hub: Hub, learner: str) -> dict:
    """Every code cell of the learner's start notebook, then answers given through its widgets."""
    token = hub.token_for(learner)
    model = hub.check(hub.api("GET", f"/user/{learner}/api/contents/{START}", token)).json()
    kernel = Kernel(hub, learner, START)
    try:
        for cell in model["content"]["cells"]:
            if cell["cell_type"] == "code":
                kernel.run(cell["source"])
        return json.loads(kernel.run(f"""
import json, kit
from kit import progress
name = lesson.ask("name"); name.text.value = {NAMES[learner]!r}; name.button.click()
lesson.ask("q_run").radio.value = "shift_enter"
reaction = lesson.ask("reaction"); reaction.text.value = {REACTIONS[learner]!r}
reaction.button.click()
print(json.dumps({{"kit": kit.__file__, "answers_dir": str(progress.answers_dir()),
                  "learner": progress.current_learner(), "answers": kit.load_answers()}}))
""").strip().splitlines()[-1])
    finally:
        kernel.close()


def _after_update(hub: Hub, learner: str) -> dict:
    kernel = Kernel(hub, learner, START)
    try:
        return json.loads(kernel.run("""
import json, kit
from kit import progress
lesson = kit.start("00_start_here")
export = progress.export_answers("ar")
print(json.dumps({"title": lesson.data["title"], "learner": progress.current_learner(),
                  "answers": kit.load_answers(), "export": str(export)}))
""").strip().splitlines()[-1])
    finally:
        kernel.close()


def _edit_notebook(hub: Hub, learner: str, path: str, note: str) -> None:
    """The learner adds a cell of their own and saves, as JupyterLab's save does."""
    token = hub.token_for(learner)
    model = hub.check(hub.api("GET", f"/user/{learner}/api/contents/{path}", token)).json()
    nb = model["content"]
    nb["cells"].append({"cell_type": "markdown", "id": uuid.uuid4().hex[:8], "metadata": {},
                        "source": note})
    hub.check(hub.api("PUT", f"/user/{learner}/api/contents/{path}", token,
                      json={"type": "notebook", "format": "json", "content": nb}))


def _collect_exports_as_the_docs_say(hub: Hub, class_dir: Path) -> None:
    """Run the collection script of docs/hub-admins.md, pointed at this hub and the teacher role."""
    doc = (ROOT / "docs" / "hub-admins.md").read_text(encoding="utf-8")
    script = doc.split("<!-- collect-exports", 1)[1].split("```python", 1)[1].split("```", 1)[0]
    settings = {"HUB_URL": repr(hub.url), "TOKEN": repr(hub.teacher_token),
                "CLASS_DIR": f"pathlib.Path({str(class_dir)!r})"}
    for name, value in settings.items():
        script, n = re.subn(rf"^{name} = .*$", f"{name} = {value}", script, flags=re.M)
        assert n == 1, f"docs/hub-admins.md: the script no longer sets {name}"
    exec(compile(script, "docs/hub-admins.md", "exec"), {"__name__": "collect_exports"})


def _no_key_in(home: Path, origin: Path) -> None:
    """No teacher notebook and no plain key in the home, in files or in the clone's git."""
    clone = home / FOLDER
    assert not list(home.rglob("notebooks/teacher")), "a teacher folder reached a learner"
    assert not [p for p in home.rglob("*.ipynb") if p.name in
                {"answer_key.ipynb", "lesson_plan.ipynb", "class_dashboard.ipynb"}]
    leaks = [p for p in plain_keys(home) if "/notebooks/answers/" not in f"/{p}"]
    assert not leaks, leaks  # (a learner's own answers file records their own results)
    refs = _git("for-each-ref", "--format=%(refname)", cwd=clone).split()
    assert "refs/heads/learners" in refs and not [r for r in refs if "main" in r], refs
    main = _git("rev-parse", "main", cwd=origin).strip()
    missing = subprocess.run(["git", "cat-file", "-e", main], cwd=clone, capture_output=True)
    assert missing.returncode != 0, "the teacher's main commit is in a learner's clone"
    history = _git("log", "--all", "--name-only", "--format=", cwd=clone)
    assert "notebooks/teacher" not in history


def _live_copies(hub: Hub) -> dict[str, dict]:
    """The class folder's live copies, by learner folder (what the teacher's dashboard reads)."""
    return {p.parent.name: json.loads(p.read_text(encoding="utf-8"))
            for p in sorted(hub.class_dir.glob("*/*.json"))}


def _answers_files(home: Path) -> list[Path]:
    return sorted(p for p in home.rglob("answers/*.json") if p.name != "learner.json")


# ---------------------------------------------------------------- the class


def test_two_learners_pull_answer_and_survive_a_course_update(hub: Hub, tmp_path: Path):
    started = time.monotonic()
    teacher, origin = _course_repository(tmp_path / "course")
    link = nbgitpuller_link(hub.url, f"file://{origin}", lang="ar")  # the learners branch
    assert "branch=learners" in link
    ours_before = {p.name for p in (ROOT / "notebooks" / "answers").glob("*.json")} \
        if (ROOT / "notebooks" / "answers").exists() else set()

    hub.start_servers(LEARNERS)
    first = {}
    for learner in LEARNERS:
        _follow_link(hub, learner, link)
        clone = hub.home(learner) / FOLDER
        assert (clone / "notebooks" / "ar" / "00_start_here.ipynb").is_file()
        _no_key_in(hub.home(learner), origin)
        first[learner] = _run_lesson_and_answer(hub, learner)
        # live class view: this learner's answers are in the class folder now, with no export
        live = _live_copies(hub)
        assert learner in live, f"no live copy of {learner}: {sorted(live)}"
        mine = {r["item"]: r["answer"] for r in live[learner]["answers"]}
        assert mine["q_run"] == "shift_enter" and mine["reaction"] == REACTIONS[learner]
        assert live[learner]["learner"] == NAMES[learner]
        assert not list((clone / "notebooks" / "answers").glob("exports/*.json"))

    # the teacher's dashboard reads the class folder during the lesson: both learners, rescored
    from kit.classroom import load_class

    during = load_class(hub.class_dir)
    assert not during.problems, during.problems
    assert set(during.answers["learner"]) == set(NAMES.values())
    q_run = during.answers[during.answers["item"] == "q_run"]
    assert list(q_run["correct"]) == [True, True]
    assert set(during.answers.loc[during.answers["item"] == "reaction", "answer"]) == \
        set(REACTIONS.values())

    for learner, result in first.items():
        clone = hub.home(learner) / FOLDER
        # the kit and its lessons came with the pull, and answers land beside the notebooks
        assert Path(result["kit"]).resolve().is_relative_to(clone.resolve()), result["kit"]
        assert Path(result["answers_dir"]).resolve() == (clone / "notebooks" / "answers").resolve()
        assert result["learner"] == NAMES[learner]
        saved = result["answers"]["00_start_here"]
        assert saved["q_run"]["answer"] == "shift_enter" and saved["q_run"]["correct"] is True
        assert saved["reaction"]["answer"] == REACTIONS[learner]
        # in their own home only
        files = _answers_files(hub.home(learner))
        assert len(files) == 1, files
        store = json.loads(files[0].read_text(encoding="utf-8"))
        assert store["learner"] == NAMES[learner]
        others = [other for other in LEARNERS if other != learner]
        for other in others:
            text = "".join(p.read_text(encoding="utf-8") for p in _answers_files(hub.home(other)))
            assert NAMES[learner] not in text and REACTIONS[learner] not in text
    assert not _answers_files(teacher) and not _answers_files(origin)
    ours_after = {p.name for p in (ROOT / "notebooks" / "answers").glob("*.json")} \
        if (ROOT / "notebooks" / "answers").exists() else set()
    assert ours_after == ours_before, "the test wrote into the repository's own answers/"

    # learners' own edits: a note in the lesson notebook, a file of their own
    layla_note = "ملاحظتي: العنوان يذكر «الفوضى» قبل الخبر."
    _edit_notebook(hub, "layla", START, layla_note)
    omar_file = hub.home("omar") / FOLDER / "notebooks" / "ar" / "ملاحظات عمر.md"
    omar_file.write_text("أسئلتي عن الأرقام\n", encoding="utf-8")
    answers_before = {learner: _answers_files(hub.home(learner))[0].read_bytes()
                      for learner in LEARNERS}

    _teacher_pushes_an_update(teacher, origin)
    for learner in LEARNERS:
        events = _follow_link(hub, learner, link)
        output = "".join(e.get("output", "") for e in events)
        assert "merge" in output, output

    for learner in LEARNERS:
        clone = hub.home(learner) / FOLDER
        _no_key_in(hub.home(learner), origin)  # still none after the update
        start = nbformat.read(clone / "notebooks" / "ar" / "00_start_here.ipynb", as_version=4)
        text = "\n".join(c.source for c in start.cells)
        assert TEACHER_NOTE in text, f"the update did not reach {learner}"
        assert _answers_files(hub.home(learner))[0].read_bytes() == answers_before[learner]
        after = _after_update(hub, learner)
        assert after["title"].endswith(NEW_TITLE_SUFFIX), after["title"]
        assert after["learner"] == NAMES[learner]
        assert after["answers"]["00_start_here"]["reaction"]["answer"] == REACTIONS[learner]
        assert not list(clone.rglob("*__2*")), "nbgitpuller renamed a learner file"
        assert Path(after["export"]).parent == clone / "notebooks" / "answers" / "exports"
    layla_text = "\n".join(c.source for c in nbformat.read(
        hub.home("layla") / START, as_version=4).cells)
    assert layla_note in layla_text, "Layla's own cell was lost in the update"
    assert omar_file.read_text(encoding="utf-8") == "أسئلتي عن الأرقام\n"
    assert layla_note not in (hub.home("omar") / START).read_text(encoding="utf-8")

    # the teacher's role collects both exports, and the dashboard reads them
    class_dir = tmp_path / "class-7b"
    _collect_exports_as_the_docs_say(hub, class_dir)
    from kit.classroom import load_class

    board = load_class(class_dir)
    assert not board.problems, board.problems
    assert set(board.answers["learner"]) == set(NAMES.values())
    assert set(board.answers.loc[board.answers["item"] == "reaction", "answer"]) == \
        set(REACTIONS.values())

    print(f"\nhub test: two learners, clone + lesson + update in "
          f"{time.monotonic() - started:.1f} s")
