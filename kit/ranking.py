"""Order and rank: the learner puts items in order (up/down buttons, keyboard accessible) where
ranking is the skill (check-worthiness, source strength), scored against a reference order.

Scoring: Kendall's tau between the learner's order and the reference (ties in the reference
allowed: items of equal rank may stand in any order among themselves), shown as agreement
(tau + 1) / 2 in percent, with Spearman's rho beside it in the record. Feedback names every
misplaced item: where the learner put it and where the reference has it, with the reason when
the data gives one. Every check is saved through kit.progress (all attempts kept) and restored.

A lesson cell::

    from kit import ranking
    ranking.claims_task("06_synthesis", "rank_worthy",
                        ["peak_about_420k", "digital_town_square_aim", "staff_cut_80pct",
                         "weekday_tuesday"])

or any items with a reference order::

    ranking.task("02_sources", "rank_sources", items=[{"id": "ap", "text": "…"}, …],
                 reference=[["ap"], ["nyt", "nbc"], ["campaign"]])   # groups of equal rank
"""

from __future__ import annotations

import math
from typing import Any

import ipywidgets as widgets

from kit import progress
from kit.exercises import Item, _box, _dir_attrs, _html, _layout, _note, _style, display_order
from kit.i18n import get_language, t
from kit.text import escape, signed


def _groups(reference: list[Any]) -> list[list[str]]:
    """The reference as groups of equal rank: ["a", ["b", "c"], "d"] or [["a"], ["b", "c"]]."""
    return [list(g) if isinstance(g, list | tuple) else [g] for g in reference]


def reference_places(reference: list[Any]) -> dict[str, tuple[int, int]]:
    """Each item's place (1-based) in the reference: (first, last) place of its tie group."""
    places, at = {}, 1
    for group in _groups(reference):
        for item in group:
            places[item] = (at, at + len(group) - 1)
        at += len(group)
    return places


def _ranks(reference: list[Any]) -> dict[str, float]:
    """Average rank of each item (ties share the mean of their places)."""
    return {k: (a + b) / 2 for k, (a, b) in reference_places(reference).items()}


def kendall_tau(order: list[str], reference: list[Any]) -> float:
    """Kendall's tau over the pairs the reference ranks differently: (C - D) / (C + D).

    With no ties in the reference this is Kendall's tau (the learner's order has no ties);
    pairs of equal reference rank are left out, so any order within a tie counts as right
    (this is Goodman and Kruskal's gamma, tau-b would cap a perfect answer below 1).
    """
    ref = _ranks(reference)
    pos = {k: i for i, k in enumerate(order)}
    items = [k for k in order if k in ref]
    concordant = discordant = 0
    for i in range(len(items)):
        for j in range(i + 1, len(items)):
            dy = ref[items[i]] - ref[items[j]]
            if dy == 0:
                continue
            if (pos[items[i]] - pos[items[j]] > 0) == (dy > 0):
                concordant += 1
            else:
                discordant += 1
    pairs = concordant + discordant
    return (concordant - discordant) / pairs if pairs else 1.0


def spearman_rho(order: list[str], reference: list[Any]) -> float:
    """Spearman's rho (Pearson correlation of ranks, ties as average ranks)."""
    ref = _ranks(reference)
    items = [k for k in order if k in ref]
    x = [float(i + 1) for i in range(len(items))]
    y = [ref[k] for k in items]
    if len(items) < 2:
        return 0.0
    mx, my = sum(x) / len(x), sum(y) / len(y)
    cov = sum((a - mx) * (b - my) for a, b in zip(x, y, strict=True))
    sx = math.sqrt(sum((a - mx) ** 2 for a in x))
    sy = math.sqrt(sum((b - my) ** 2 for b in y))
    return cov / (sx * sy) if sx and sy else 0.0


def tip_text(text: str, limit: int = 60) -> str:
    """An item's text for a button's tooltip: whole up to `limit` characters, else cut at the
    last word that fits, with «…» (never mid-word: «…التي ي» read as another word).

    >>> tip_text("one two three", 9)
    'one two…'
    >>> tip_text("short")
    'short'
    """
    text = " ".join(text.split())
    if len(text) <= limit:
        return text
    cut = text[:limit + 1].rsplit(" ", 1)[0] if " " in text[:limit + 1] else text[:limit]
    return cut.rstrip("،,؛;:.-–— ") + "…"


def score(order: list[str], reference: list[Any]) -> dict[str, Any]:
    """tau-b, rho, agreement in percent, and the misplaced items with both places."""
    places = reference_places(reference)
    misplaced = []
    for i, item in enumerate(order, start=1):
        first, last = places[item]
        if not first <= i <= last:
            misplaced.append({"id": item, "mine": i, "ref": (first, last)})
    tau = kendall_tau(order, reference)
    return {"tau": tau, "rho": spearman_rho(order, reference),
            "agreement": round(100 * (tau + 1) / 2), "misplaced": misplaced,
            "in_place": [k for k in order if k not in {m["id"] for m in misplaced}]}


class Ranking(Item):
    """Rows with the item's text, its place, and ▲/▼ buttons; a check button; feedback."""

    kind = "rank"

    def __init__(self, lesson: str, item: dict[str, Any], lang: str,
                 saved: dict[str, Any] | None = None) -> None:
        self.entries = {e["id"]: e for e in item["items"]}
        self.reference = item["reference"]
        ids = set(self.entries)
        if set(reference_places(self.reference)) != ids:
            raise ValueError("the reference order must hold exactly the items' ids")
        super().__init__(lesson, item, lang, saved)

    def _start_order(self) -> list[str]:
        """The learner's first order: shuffled (stable per learner), never the answer."""
        shuffled = [e["id"] for e in display_order(self.item["items"], self.lesson, self.id)]
        if not score(shuffled, self.reference)["misplaced"]:
            shuffled = shuffled[1:] + shuffled[:1]
            if not score(shuffled, self.reference)["misplaced"]:
                shuffled.reverse()
        return shuffled

    def _build(self) -> widgets.VBox:
        # Widgets built alike share their layouts and styles, and every part is built with
        # its first value and classes: a ranking of 8 used to open 73-85 models in the browser
        # and change some of them at once (kit.exercises.shared).
        self.order = self._start_order()
        self.rows: dict[str, widgets.HBox] = {}
        self.places: dict[str, widgets.HTML] = {}
        self.buttons: dict[str, dict[str, widgets.Button]] = {}
        button = {"layout": _layout(width="auto", flex="none"), "style": _style(widgets.Button)}
        for key, entry in self.entries.items():
            place = _html(self._place_html(self.order.index(key) + 1), self.lang,
                          "kit-rank-place", layout={"width": "2.5em"})
            text = _html(self._row_html(entry), self.lang, "kit-rank-text",
                         layout={"flex": "1 1 auto"})
            up = widgets.Button(description=t("rank.up", self.lang),
                                tooltip=t("rank.up_tip", self.lang, item=tip_text(entry["text"])),
                                **button)
            down = widgets.Button(description=t("rank.down", self.lang),
                                  tooltip=t("rank.down_tip", self.lang,
                                            item=tip_text(entry["text"])), **button)
            up.on_click(lambda _b, k=key: self.move(k, -1, refocus="up"))
            down.on_click(lambda _b, k=key: self.move(k, +1, refocus="down"))
            self.buttons[key] = {"up": up, "down": down}
            self.rows[key] = widgets.HBox([place, text, up, down],
                                          layout=_layout(width="100%", align_items="center"),
                                          _dom_classes=("kit-rank-row",))
            self.places[key] = place
        self.list = widgets.VBox([self.rows[k] for k in self.order],
                                 layout=_layout(width="100%"), _dom_classes=("kit-rank-list",))
        self.status = _html("", self.lang, "kit-rank-status", shared_layout=True)
        self.button = widgets.Button(description=t("rank.submit", self.lang),
                                     tooltip=t("rank.submit", self.lang), button_style="primary",
                                     layout=_layout(width="auto"), style=_style(widgets.Button))
        self.button.on_click(lambda _b: self.submit())
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, self.list, self.status, self.button, self.feedback])

    def where(self, entry: dict[str, Any]) -> str:
        """Where in the article an item stands: «الفقرة 3» / "Paragraph 3", «العنوان» for
        paragraph 0; empty for items that are not passages of the article."""
        paragraph = entry.get("paragraph")
        if isinstance(paragraph, bool) or not isinstance(paragraph, int):
            return ""
        if paragraph == 0:
            return t("rank.headline", self.lang)
        return t("rank.paragraph", self.lang, n=paragraph)

    def _row_html(self, entry: dict[str, Any]) -> str:
        where = self.where(entry)
        text = escape(entry["text"])
        if not where:
            return text
        return f"<b>{escape(where)}:</b> {text}"

    def _place_html(self, n: int) -> str:
        return f"<b>{escape(t('rank.position', self.lang, n=n))}</b>"

    def _redraw(self) -> None:
        for i, key in enumerate(self.order, start=1):
            self.places[key].value = f"<div {_dir_attrs(self.lang)}>{self._place_html(i)}</div>"
        self.list.children = tuple(self.rows[k] for k in self.order)

    def move(self, key: str, step: int, refocus: str | None = None) -> list[str]:
        """Move one item up (-1) or down (+1) a place; returns the new order.

        The keyboard focus follows the item (its button is focused again once the rows are
        redrawn), and the move is announced to screen readers.
        """
        i = self.order.index(key)
        j = i + step
        if 0 <= j < len(self.order):
            self.order[i], self.order[j] = self.order[j], self.order[i]
            self._redraw()
            self.status.value = ('<div aria-live="polite">' + escape(t(
                "rank.moved", self.lang, item=tip_text(self.entries[key]["text"], 80), n=j + 1))
                + "</div>")
        if refocus:
            self.buttons[key][refocus].focus()
        return list(self.order)

    def submit(self) -> dict[str, Any] | None:
        """Score the current order, save it (an attempt) and show the feedback."""
        result = score(self.order, self.reference)
        answer = {"order": list(self.order), "tau": round(result["tau"], 3),
                  "rho": round(result["rho"], 3)}
        if not self._save(answer, correct=not result["misplaced"]):
            return None
        self._show(result)
        return result

    def _place_text(self, first: int, last: int) -> str:
        return str(first) if first == last else f"{first}–{last}"

    def _show(self, result: dict[str, Any], extra: str = "") -> None:
        lines = []
        for m in result["misplaced"]:
            entry = self.entries[m["id"]]
            where = self.where(entry)
            item = f"{entry['text']} ({where})" if where else entry["text"]
            line = t("rank.misplaced", self.lang, item=item, mine=m["mine"],
                     ref=self._place_text(*m["ref"]))
            if entry.get("why"):
                line += " " + entry["why"]
            lines.append(line)
        tau = signed(result["tau"], self.lang, 2)
        head = t("rank.score", self.lang, score=result["agreement"],
                 tau=tau)
        items = "".join(f"<li>{escape(line)}</li>" for line in lines)
        done = not result["misplaced"]
        tail = "" if done else f"<p>{escape(t('rank.try_again', self.lang))}</p>"
        self.feedback.value = extra + _note("ok" if done else "no",
                                            f"<b>{escape(head)}</b><ul>{items}</ul>{tail}")

    def _restore(self, record: dict[str, Any]) -> None:
        answer = record.get("answer")
        order = answer.get("order") if isinstance(answer, dict) else None
        if not isinstance(order, list) or sorted(order) != sorted(self.entries):
            return
        self.order = list(order)
        self._redraw()
        self._show(score(self.order, self.reference), extra=self._restored_note(record))


def task(lesson: str, item_id: str, items: list[dict[str, Any]], reference: list[Any],
         prompt: str, lang: str | None = None) -> Ranking:
    """An order-and-rank task with the learner's saved order put back.

    `items` are {id, text[, why, paragraph]} (why: a sentence shown when the item is misplaced;
    paragraph: the article paragraph the passage comes from, shown on its row);
    `reference` lists ids from first to last, a list of ids standing for a tie.
    """
    lang = lang or get_language()
    item = {"id": item_id, "prompt": prompt, "items": items, "reference": reference}
    saved = progress.load_answers().get(lesson, {}).get(item_id)
    return Ranking(lesson, item, lang, saved)


def claims_reference(claim_ids: list[str]) -> list[list[str]]:
    """The reference order of claims: groups of equal check-worthiness (data/claims.json),
    most worth checking first."""
    from kit.datasets import load_dataset

    claims = {c["id"]: c for c in load_dataset("claims")["items"]}
    missing = [c for c in claim_ids if c not in claims]
    if missing:
        raise KeyError(f"data/claims.json has no claim {', '.join(missing)}")
    levels = sorted({claims[c]["checkworthiness"] for c in claim_ids}, reverse=True)
    return [[c for c in claim_ids if claims[c]["checkworthiness"] == level] for level in levels]


def claims_task(lesson: str, item_id: str, claim_ids: list[str], prompt: str | None = None,
                lang: str | None = None) -> Ranking:
    """Rank claims of the article by check-worthiness (data/claims.json, 3 = most worth
    checking); claims of equal check-worthiness may stand in either order."""
    from kit.datasets import load_dataset

    lang = lang or get_language()
    claims = {c["id"]: c for c in load_dataset("claims")["items"]}
    missing = [c for c in claim_ids if c not in claims]
    if missing:
        raise KeyError(f"data/claims.json has no claim {', '.join(missing)}")
    items = []
    for cid in claim_ids:
        c = claims[cid]
        # English renderings say whether they are AP's English or the kit's back-translation
        text = c["quote"] if lang == "ar" else \
            f"{c['text_en']} {t('origin.' + c['en_origin'], lang)}"
        why = t(f"rank.worth.{c['checkworthiness']}", lang)
        items.append({"id": cid, "text": text, "why": why, "paragraph": c["paragraph"]})
    reference = claims_reference(claim_ids)
    return task(lesson, item_id, items, reference, prompt or t("rank.prompt.worthy", lang),
                lang)
