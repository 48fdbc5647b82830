"""Rebuild the texts of the real-news corpus that the repository may not hold.

The manifest (tests/corpus/news/manifest.json) keeps, for each text, its address, the SHA-256 of
the exact excerpt, and its first and last 40 characters. This script fills the local cache
(``KIT_NEWS_CORPUS`` or ~/.cache/town-square-kit/corpus_news) so that the quality figures of
``python -m bench.finders`` and tests/test_finders_real.py cover the whole corpus.

    python tools/fetch_corpus.py              # download every missing text, check its hash
    python tools/fetch_corpus.py --from DIR   # copy <id>.txt files from DIR (another cache)
    python tools/fetch_corpus.py --check      # which texts are present, missing or altered

A page is reduced to text (tags dropped, block elements as line breaks, entities decoded), the
excerpt is cut out between its two anchors, and it is kept only if its hash matches: a page that
has changed since it was annotated is reported, never silently used.
"""

from __future__ import annotations

import argparse
import hashlib
import html
import re
import shutil
import sys
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.corpus_scoring import NEWS, news_cache_dir, news_manifest  # noqa: E402

_BLOCK = re.compile(r"<\s*(?:br|/p|/div|/h\d|/li|/tr|p|div|h\d|li|tr)\b[^>]*>", re.IGNORECASE)
_DROP = re.compile(r"<(script|style|noscript)\b.*?</\1\s*>", re.IGNORECASE | re.DOTALL)
_TAG = re.compile(r"<[^>]+>")


def page_text(markup: str) -> str:
    """Visible text of an HTML page, one block per line, entities decoded."""
    text = _DROP.sub(" ", markup)
    text = _BLOCK.sub("\n", text)
    text = html.unescape(_TAG.sub("", text))
    lines = [re.sub(r"[ \t]+", " ", line).strip() for line in text.splitlines()]
    return "\n".join(line for line in lines if line)


def cut_excerpt(text: str, meta: dict) -> str | None:
    """The excerpt between the manifest's anchors whose hash matches, if the page still has it."""
    start = text.find(meta["anchor_start"])
    while start >= 0:
        end = text.find(meta["anchor_end"], start)
        if end >= 0:
            excerpt = text[start:end + len(meta["anchor_end"])]
            if _sha(excerpt) == meta["sha256"]:
                return excerpt
        start = text.find(meta["anchor_start"], start + 1)
    return None


def _sha(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _present(meta: dict, cache: Path) -> bool:
    for folder in (NEWS / "texts", cache):
        path = folder / f"{meta['id']}.txt"
        if path.exists() and _sha(path.read_text("utf-8")) == meta["sha256"]:
            return True
    return False


def fetch(meta: dict, timeout: float = 30.0) -> str | None:
    request = urllib.request.Request(meta["url"], headers={"User-Agent": "town-square-kit corpus"})
    with urllib.request.urlopen(request, timeout=timeout) as response:
        raw = response.read().decode("utf-8", errors="replace")
    return cut_excerpt(page_text(raw), meta) or cut_excerpt(raw, meta)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--from", dest="source", type=Path, help="copy <id>.txt files from DIR")
    parser.add_argument("--check", action="store_true", help="only report what is present")
    parser.add_argument("--cache", type=Path, default=None,
                        help="cache folder (default: $KIT_NEWS_CORPUS or ~/.cache/…)")
    args = parser.parse_args(argv)
    cache = args.cache or news_cache_dir()
    cache.mkdir(parents=True, exist_ok=True)
    missing = []
    for meta in news_manifest()["texts"]:
        if _present(meta, cache):
            continue
        if args.check:
            missing.append(meta["id"])
            continue
        text = None
        if args.source is not None:
            candidate = args.source / f"{meta['id']}.txt"
            if candidate.exists() and _sha(candidate.read_text("utf-8")) == meta["sha256"]:
                shutil.copyfile(candidate, cache / candidate.name)
                continue
        else:
            try:
                text = fetch(meta)
            except OSError as exc:
                print(f"{meta['id']}: {meta['url']} could not be read ({exc})")
        if text is None:
            missing.append(meta["id"])
            continue
        (cache / f"{meta['id']}.txt").write_text(text, encoding="utf-8")
    total = len(news_manifest()["texts"])
    print(f"{total - len(missing)} of {total} texts present in {NEWS / 'texts'} or {cache}")
    if missing:
        print("missing or changed: " + ", ".join(missing))
    return 0 if not missing else 1


if __name__ == "__main__":
    raise SystemExit(main())
