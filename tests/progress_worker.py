"""A process that saves answers for the crash and concurrency tests in test_progress.py.

    python progress_worker.py save <learner> <prefix> <count>
        save <count> items "<prefix><i>", printing "saved <item>" after each save returns;
        every 4th time also add an attempt "<prefix> <i>" to the item "both" that all
        processes share, so the test can check that no attempt is lost between them.
    python progress_worker.py serve
        for each "run <learner> <prefix>" line on stdin, fork a child that saves "<prefix><i>"
        forever (printing "saved <item>" after each), print "child <pid>", wait for the test to
        kill it, then print "done <pid> <status>". Forking reuses one interpreter start for
        hundreds of kills.

The answers folder comes from KIT_ANSWERS_DIR.
"""

from __future__ import annotations

import os
import sys

from kit.progress import save_answer

# a realistic answer: Arabic and Latin free text of a few hundred characters
TEXT = "قال المتحدث إن الحشد بلغ مليون شخص — the crowd was large. " * 6


def _say(line: str) -> None:
    """One write(2) per line: parent and child share the pipe, and short writes never interleave."""
    os.write(1, f"{line}\n".encode())


def _save_forever(learner: str, prefix: str) -> None:
    i = 0
    while True:
        item = f"{prefix}{i}"
        save_answer("kill", item, f"{item} {TEXT}", learner, kind="open")
        _say(f"saved {item}")
        i += 1


def main(argv: list[str]) -> None:
    if argv[0] == "save":
        learner, prefix, count = argv[1], argv[2], int(argv[3])
        for i in range(count):
            save_answer("race", f"{prefix}{i}", f"{prefix} {i} {TEXT}", learner, kind="open")
            if i % 4 == 0:
                save_answer("race", "both", f"{prefix} {i}", learner, kind="text")
            _say(f"saved {prefix}{i}")
        return
    save_answer("warmup", "w", TEXT, "warm-up")  # load filelock etc. before forking, so each
    for line in sys.stdin:  # child starts saving at once and the kills land mid-save
        learner, prefix = line.split()[1:3]
        pid = os.fork()
        if pid == 0:
            try:
                _save_forever(learner, prefix)
            finally:
                os._exit(1)
        _say(f"child {pid}")
        _, status = os.waitpid(pid, 0)
        _say(f"done {pid} {status}")


if __name__ == "__main__":
    main(sys.argv[1:])
