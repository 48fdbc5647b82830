"""Run every benchmark: ``python -m bench`` (or ``make bench``); results land in bench/results/.

Each module prints its table and writes JSON; none of them is a pass/fail test.
"""

from __future__ import annotations

import inspect
import sys
from importlib import import_module

MODULES = ("lessons", "saves", "startup", "finders", "load_class", "class_load", "browser")


def main(argv: list[str]) -> None:
    chosen = [a for a in argv if a in MODULES] or list(MODULES)
    flags = [a for a in argv if a not in MODULES]  # e.g. --runs 5, passed to each benchmark
    for name in chosen:
        print(f"\n=== bench.{name} ===", flush=True)
        module = import_module(f"bench.{name}")
        if inspect.signature(module.main).parameters:
            module.main(flags)
        else:
            module.main()


if __name__ == "__main__":
    main(sys.argv[1:])
