"""Five learners at once on the real JupyterHub: every answer saved, each in its own home.

The short version of `python -m bench class_load` (bench/class_load.py): same hub, same lesson,
same clients, five learners instead of thirty. Only correctness is asserted here; the timings
and the memory stay in the benchmark, where a busy machine cannot fail the test suite.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from bench.class_load import _notebook_cells, run_class

pytestmark = pytest.mark.slow


def test_five_learners_answer_at_once_and_nothing_is_lost_or_misplaced(
        hub_prerequisites: str, tmp_path: Path):
    result = run_class(5, tmp_path, chp=hub_prerequisites, baseline=False)
    assert not result["errors"], "\n".join(result["errors"]) + "\n" + result["hub_log_tail"]
    checks = sum(1 for cell in _notebook_cells() if cell.startswith("lesson.ask("))
    assert checks >= 12 and result["answers_expected"] == 5 * checks
    assert result["answers_saved"] == result["answers_expected"], result
    assert result["answers_lost"] == 0, result
    assert result["answers_misplaced"] == 0, result
    print(f"\nclass of 5: {result['answers_saved']} answers saved, save p95 "
          f"{result['save_p95_s']:.2f} s (not asserted)")


def test_the_misplaced_count_finds_an_answer_in_another_home(tmp_path: Path):
    """The check the load test relies on: another learner's store or text in a home counts."""
    import json

    from bench.class_load import Learner, _misplaced

    class _Hub:
        def home(self, name: str) -> Path:
            return tmp_path / "home" / name

    hub = _Hub()
    answers = hub.home("learner01") / "town-square-kit" / "notebooks" / "answers"
    answers.mkdir(parents=True)
    (hub.home("learner02")).mkdir(parents=True)
    (answers / "learner01.json").write_text(json.dumps({
        "learner_id": "learner01", "answers": {"03_numbers": {"q_hedge": {"answer": "a"}}}}))
    learners = [Learner("learner01"), Learner("learner02")]
    assert _misplaced(hub, learners) == 0
    (answers / "learner02.json").write_text(json.dumps({
        "learner_id": "learner02", "answers": {"03_numbers": {"q_hedge": {"answer": "b"},
                                                              "q_which": {"answer": "c"}}}}))
    assert _misplaced(hub, learners) == 2
    (answers / "learner02.json").unlink()
    (answers / "note.json").write_text(json.dumps({"text": "learner02: رأيي"}))
    assert _misplaced(hub, learners) == 1


def test_the_clients_v1_frames_are_jupyter_servers():
    """The load test's client speaks JupyterLab's v1 kernel websocket protocol: its frames are
    the ones jupyter_server reads, and it reads the ones jupyter_server writes."""
    from jupyter_server.services.kernels.connection.base import (
        deserialize_msg_from_ws_v1,
        serialize_msg_to_ws_v1,
    )

    from bench.class_load import pack_v1, unpack_v1

    parts = [b'{"msg_id":"a1","msg_type":"execute_request"}', b"{}", b"{}",
             '{"code":"print(\'ليلى\')"}'.encode(), b"\x00\x01binary buffer"]
    frame = pack_v1("shell", parts)
    channel, read = deserialize_msg_from_ws_v1(frame)
    assert channel == "shell" and read == parts
    channel, read = unpack_v1(serialize_msg_to_ws_v1(parts[:4], "iopub"))
    assert channel == "iopub" and [bytes(p) for p in read] == parts[:4]
