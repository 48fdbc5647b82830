"""What the benchmarks share: the lesson-selection arguments and writing a result file."""

from __future__ import annotations

import argparse
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def lesson_parser(description: str | None) -> argparse.ArgumentParser:
    """--runs, --only (lesson ids) and --editions, as every per-lesson benchmark takes them."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", help="lesson id(s) to measure")
    parser.add_argument("--editions", default="ar,en")
    return parser


def write_results(path: Path, result: dict) -> dict:
    """Write a benchmark's result as JSON and say where."""
    path.parent.mkdir(exist_ok=True)
    path.write_text(json.dumps(result, indent=2), encoding="utf-8")
    print(f"written: {path.relative_to(ROOT)}")
    return result
