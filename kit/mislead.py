"""Make it mislead: the learner builds a misleading chart from the audience figures and the kit
measures the distortion and names the technique; a partner or the teacher names it too.

Generating a misleading message oneself is the mechanism behind the measured "inoculation"
effects (see ../shared/research/assessment.md); here the learner chooses which bars to show
(data/references.json: estimates of the DeSantis audience, a stream, TV audiences), where the
value axis starts and whether the scale is linear or logarithmic. The kit measures Edward
Tufte's lie factor for the largest and the smallest bar shown::

    lie factor = (size of the effect shown in the chart) / (size of the effect in the data)
    effect = (larger - smaller) / smaller, of the values or of the drawn bar lengths

and names the techniques used: a truncated axis, a log scale, cherry-picked bars, or figures
that counted different things side by side. Saved like every answer (kit.progress keeps every
attempt); what the partner named is saved beside it as item ``<item_id>_named``.

A lesson cell::

    from kit import mislead
    mislead.task("03_numbers", "mislead_chart")
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

import ipywidgets as widgets

from kit import progress
from kit.exercises import Item, _box, _html, _labelled, _layout, _note, _style
from kit.i18n import get_language, t
from kit.text import escape

# Bars the learner may show: DeSantis audience estimates that counted different moments, the
# cumulative total, a stream and TV averages (every figure with its source in references.json).
BAR_IDS = ("aud_collins_100k", "aud_nbc_relaunch", "aud_nyt_relaunch_concurrent",
           "aud_ap_listed_peak", "aud_verge_600k", "aud_campaign_700k", "aud_nyt_cumulative",
           "stream_aoc_among_us", "desantis_fox_interview", "tv_trump_2022_fox")
START_BAR_IDS = ("aud_collins_100k", "aud_ap_listed_peak", "aud_campaign_700k")
AXIS_STARTS = (0, 50_000, 90_000, 150_000, 250_000, 400_000, 1_000_000)
SCALES = ("linear", "log")
TECHNIQUES = ("truncated_axis", "log_scale", "cherry_pick", "mixed_metrics")
HONEST = (0.95, 1.05)  # lie factors inside this band count as honest (Tufte's own tolerance)
# Metrics that count the same kind of thing: people present at one moment.
_MOMENT = {"concurrent_peak", "concurrent_moment", "unspecified", "stream_peak"}


def _refs(ids: tuple[str, ...], lang: str) -> list[dict[str, Any]]:
    from kit.references import reference

    out = []
    for ref_id in ids:
        r = reference(ref_id)
        out.append({"id": ref_id, "label": r[f"label_{lang}"], "value": float(r["value"]),
                    "metric": r["metric"], "topic": r["topic"],
                    "source": r["sources"][0]["outlet"], "url": r["sources"][0]["url"]})
    return out


def log_floor(smallest: float) -> float:
    """Where a log axis starts when the learner leaves it at zero: the power of ten strictly
    below the smallest bar (at exactly 100,000 the bar would otherwise be drawn with no length).

    >>> log_floor(161_000), log_floor(100_000)
    (100000, 10000)
    """
    return 10 ** (math.ceil(math.log10(smallest)) - 1)


def drawn_length(value: float, start: float, scale: str) -> float:
    """How long a bar is drawn, in axis units, from the axis start."""
    if scale == "log":
        return math.log10(value / start)
    return value - start


def lie_factor(big: float, small: float, start: float, scale: str) -> dict[str, float]:
    """Tufte's lie factor for two bars, with both ratios (data and drawing)."""
    if scale == "log" and start <= 0:
        start = log_floor(small)
    lb, ls = drawn_length(big, start, scale), drawn_length(small, start, scale)
    data_effect = (big - small) / small
    shown_effect = (lb - ls) / ls if ls > 0 else math.inf
    lie = shown_effect / data_effect if data_effect else 1.0
    return {"real": big / small, "shown": lb / ls if ls > 0 else math.inf, "lie": lie,
            "start": start}


def measure(bar_ids: list[str], start: float, scale: str,
            lang: str = "en") -> dict[str, Any]:
    """The distortion of a chart of these bars: lie factor, techniques, pair compared."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {', '.join(SCALES)}, not {scale!r}")
    bars = _refs(tuple(bar_ids), lang)
    if len(bars) < 2:
        return {"error": "need_bars"}
    small = min(bars, key=lambda b: b["value"])
    big = max(bars, key=lambda b: b["value"])
    if start >= small["value"]:
        return {"error": "axis_too_high", "smallest": small["value"]}
    ratio = lie_factor(big["value"], small["value"], start, scale)
    techniques = []
    if scale == "linear" and start > 0 and ratio["lie"] > HONEST[1]:
        techniques.append("truncated_axis")
    if scale == "log":
        techniques.append("log_scale")
    audience = [b for b in _refs(BAR_IDS, lang) if b["topic"] == "desantis_audience"
                and b["metric"] in _MOMENT]
    shown = {b["id"] for b in bars}
    shown_audience = [b for b in audience if b["id"] in shown]
    if shown_audience and len(shown_audience) < len(audience):
        lowest = min(audience, key=lambda b: b["value"])["id"]
        highest = max(audience, key=lambda b: b["value"])["id"]
        if lowest not in shown or highest not in shown:
            techniques.append("cherry_pick")  # the range of estimates is hidden
    kinds = {"moment" if b["metric"] in _MOMENT else b["metric"] for b in bars}
    if len(kinds) > 1:
        techniques.append("mixed_metrics")
    return {"big": big, "small": small, **ratio, "techniques": techniques,
            "honest": HONEST[0] <= ratio["lie"] <= HONEST[1] and not techniques}


def number_text(x: float, lang: str, digits: int = 1) -> str:
    """A ratio or factor as the edition writes it: `digits` decimals below 10, none from 10 on,
    no trailing zeros (7, not 7.0; 1, not 1.00). Both editions write Western digits with a
    decimal point («4.7»), as the Arabic lessons' prose and Arab newsrooms using Western digits do.

    >>> number_text(7.0, "ar"), number_text(4.66, "ar"), number_text(1.0, "en", 2)
    ('7', '4.7', '1')
    >>> number_text(1.046, "ar", 2), number_text(61.2, "ar"), number_text(0.5, "en", 2)
    ('1.05', '61', '0.5')
    """
    if not math.isfinite(x):
        return "∞"
    text = f"{x:.{digits if abs(x) < 10 else 0}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text


def figure(bar_ids: list[str], start: float, scale: str, lang: str):
    """The learner's chart: horizontal bars, value labels outside, right-to-left in Arabic."""
    from kit.charts import OKABE_ITO, Chart, Figure, bar, style
    from kit.charts.numbers import _value_ticks, _wrap, compact

    bars = sorted(_refs(tuple(bar_ids), lang), key=lambda b: b["value"])
    top = max(b["value"] for b in bars)
    start = log_floor(min(b["value"] for b in bars)) if scale == "log" and start <= 0 else start
    fig = Figure(bar(
        y=[_wrap(b["label"], 34) for b in bars], x=[b["value"] for b in bars], orientation="h",
        base=None, text=[compact(b["value"], lang) for b in bars], textposition="outside",
        cliponaxis=False, marker={"color": OKABE_ITO[4]},
        customdata=[[b["label"], compact(b["value"], lang), b["source"]] for b in bars],
        hovertemplate="<b>%{customdata[0]}</b><br>%{customdata[1]}<br>"
                      + t("numbers_chart.hover_source", lang) + ": %{customdata[2]}"
                      + "<extra></extra>"))
    if scale == "log":
        ticks = [v for v in (1e4, 2e4, 5e4, 1e5, 2e5, 5e5, 1e6, 2e6, 5e6, 1e7)
                 if start <= v <= top * 1.6]
        xaxis = {"type": "log", "range": [math.log10(start), math.log10(top * 1.6)],
                 "tickvals": ticks, "ticktext": [compact(v, lang) for v in ticks]}
    else:
        values, labels = _value_ticks(top * 1.2, lang, start)
        xaxis = {"range": [start, top * 1.2], "tickvals": values, "ticktext": labels}
    xaxis["title"] = t("mislead.value_axis", lang)
    fig.update_layout(xaxis=xaxis, height=140 + 56 * len(bars), showlegend=False,
                      yaxis={"automargin": True, "side": "right" if lang == "ar" else "left",
                             "tickfont": {"size": 12}})
    style(fig, lang, t("mislead.title", lang), order_matters=False)
    if lang == "ar":
        fig.update_xaxes(autorange="reversed")
    scale_word = t(f"mislead.scale.{scale}", lang)
    summary = t("mislead.summary", lang, n=len(bars), start=compact(start, lang)
                if start else "0", scale=scale_word)
    return Chart(fig, summary, lang)


def _partner_controls(task: Any, names: str, techniques: tuple[str, ...], prompt: str) -> None:
    """The partner's (or teacher's) naming of the technique, set on the task: a menu of the
    techniques, the partner's name, a save button and its feedback (layouts and styles shared,
    kit.exercises.shared: nothing changes them later)."""
    lang = task.lang
    task.partner = widgets.Dropdown(
        options=[("—", None)] + [(t(f"{names}.{k}", lang), k) for k in (*techniques, "none")],
        value=None, description=t(prompt, lang), style=_labelled(widgets.Dropdown),
        layout=_layout(width="100%"))
    task.partner_name = widgets.Text(description=t("mislead.partner_name", lang),
                                     style=_labelled(widgets.Text), layout=_layout())
    task.partner_button = widgets.Button(description=t("mislead.save_partner", lang),
                                         tooltip=t("mislead.save_partner", lang),
                                         layout=_layout(width="auto"),
                                         style=_style(widgets.Button))
    task.partner_button.on_click(lambda _b: task.save_partner())
    task.partner_feedback = _html("", lang, "kit-feedback", shared_layout=True)


class MisleadChart(Item):
    """Bars to show, axis start and scale; the chart; the measured distortion; the partner."""

    kind = "mislead"

    def _build(self) -> widgets.VBox:
        from kit.charts.numbers import compact

        # parts built alike share layouts and styles (kit.exercises.shared): none changes later
        auto, wide = _layout(width="auto"), _layout(width="100%")
        self.bars = {b["id"]: widgets.Checkbox(value=b["id"] in START_BAR_IDS, indent=False,
                                               description=b["label"],
                                               style=_labelled(widgets.Checkbox), layout=auto)
                     for b in _refs(BAR_IDS, self.lang)}
        bars_box = widgets.VBox([_html(f"<b>{escape(t('mislead.bars', self.lang))}</b>",
                                       self.lang, shared_layout=True), *self.bars.values()],
                                layout=_layout())
        self.start = widgets.Dropdown(
            options=[("0" if v == 0 else compact(v, self.lang), v) for v in AXIS_STARTS],
            value=0, description=t("mislead.axis_start", self.lang),
            style=_labelled(widgets.Dropdown), layout=_layout())
        self.scale = widgets.ToggleButtons(
            options=[(t(f"mislead.scale.{s}", self.lang), s) for s in SCALES], value="linear",
            description=t("mislead.scale", self.lang), style=_labelled(widgets.ToggleButtons),
            layout=_layout())
        self.caption = _html("", self.lang, "kit-chart-caption", shared_layout=True)
        self.out = widgets.Output(layout=wide)
        self.measurement = _html("", self.lang, "kit-mislead-measure", shared_layout=True)
        self.button = widgets.Button(description=t("mislead.save", self.lang),
                                     tooltip=t("mislead.save", self.lang),
                                     button_style="primary", layout=auto,
                                     style=_style(widgets.Button))
        self.button.on_click(lambda _b: self.submit())
        # The partner (or teacher) names the technique without seeing the kit's measurement.
        _partner_controls(self, "mislead.technique", TECHNIQUES, "mislead.partner")
        for control in (*self.bars.values(), self.start, self.scale):
            control.observe(lambda _c: self.draw(), names="value")
        self.draw()
        partner = widgets.VBox([self.partner, self.partner_name, self.partner_button,
                                self.partner_feedback], layout=_layout())
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, bars_box, self.start, self.scale, self.caption, self.out,
                     self.measurement, self.button, self.feedback, partner])

    def chosen(self) -> list[str]:
        return [k for k, box in self.bars.items() if box.value]

    def current(self) -> dict[str, Any]:
        """The measurement of the chart as it stands (see measure())."""
        return measure(self.chosen(), self.start.value, self.scale.value, self.lang)

    def draw(self) -> dict[str, Any]:
        from kit.charts.numbers import _display_data, compact

        result = self.current()
        if "error" in result:
            text = (t("mislead.need_bars", self.lang) if result["error"] == "need_bars" else
                    t("mislead.axis_too_high", self.lang,
                      value=compact(result["smallest"], self.lang)))
            self.measurement.value = _note("no", escape(text))
            self.out.outputs = ()
            return result
        chart = figure(self.chosen(), self.start.value, self.scale.value, self.lang)
        self.caption.value = chart.summary_html()
        self.out.outputs = (_display_data(chart.figure, chart.summary),)
        self.measurement.value = self._measurement_html(result)
        return result

    def _measurement_html(self, result: dict[str, Any]) -> str:
        line = t("mislead.measure", self.lang, big=result["big"]["label"],
                 small=result["small"]["label"], real=number_text(result["real"], self.lang),
                 shown=number_text(result["shown"], self.lang),
                 lie=number_text(result["lie"], self.lang, 2))
        if result["honest"]:
            verdict = t("mislead.honest", self.lang)
        else:
            names = [t(f"mislead.technique.{k}", self.lang) for k in result["techniques"]]
            verdict = t("mislead.techniques", self.lang, names="، ".join(names)
                        if self.lang == "ar" else "; ".join(names)) if names else ""
        return _note("note", escape(line) + "<br>" + escape(verdict) + "<br><small>"
                     + escape(t("mislead.lie_note", self.lang)) + "</small>")

    def submit(self) -> dict[str, Any] | None:
        """Save the chart the learner made (an attempt) with its measurement."""
        result = self.current()
        if "error" in result:
            return None
        answer = {"bars": self.chosen(), "start": self.start.value, "scale": self.scale.value,
                  # JSON has no infinity: a factor too large to measure is kept as null
                  "lie_factor": round(result["lie"], 3) if math.isfinite(result["lie"]) else None,
                  "techniques": result["techniques"]}
        if not self._save(answer, correct=bool(result["techniques"])):
            return None
        self.feedback.value = _note("ok", escape(t("ui.saved", self.lang)))
        return result

    def save_partner(self) -> bool:
        """Save the technique a partner named, and say whether the chart uses it."""
        named = self.partner.value
        if named is None:
            return False
        result = self.current()
        used = result.get("techniques", [])
        right = named in used or (named == "none" and not used)
        try:
            progress.save_answer(self.lesson, f"{self.id}_named",
                                 {"technique": named, "by": self.partner_name.value.strip(),
                                  "chart": {"bars": self.chosen(), "start": self.start.value,
                                            "scale": self.scale.value}},
                                 correct=right, kind="mislead_named")
        except (OSError, ValueError) as exc:
            self.partner_feedback.value = _note("no", escape(t("ui.error", self.lang,
                                                               reason=str(exc))))
            return False
        name = t(f"mislead.technique.{named}", self.lang)
        if right:
            text = t("mislead.partner_right", self.lang, name=name)
        else:
            names = [t(f"mislead.technique.{k}", self.lang) for k in used] or [
                t("mislead.technique.none", self.lang)]
            text = t("mislead.partner_wrong", self.lang, name=name,
                     names="، ".join(names) if self.lang == "ar" else "; ".join(names))
        self.partner_feedback.value = _note("ok" if right else "no", escape(text))
        return right

    def _restore(self, record: dict[str, Any]) -> None:
        answer = record.get("answer")
        if not isinstance(answer, dict):
            return
        bars = [b for b in answer.get("bars", []) if b in self.bars]
        for key, box in self.bars.items():
            box.value = key in bars
        if answer.get("start") in AXIS_STARTS:
            self.start.value = answer["start"]
        if answer.get("scale") in SCALES:
            self.scale.value = answer["scale"]
        self.draw()
        self.feedback.value = self._restored_note(record)


def task(lesson: str, item_id: str, prompt: str | None = None,
         lang: str | None = None) -> MisleadChart:
    """The make-it-mislead chart in a lesson cell, with the learner's saved chart put back."""
    lang = lang or get_language()
    item = {"id": item_id, "prompt": prompt or t("mislead.prompt", lang)}
    saved = progress.load_answers().get(lesson, {}).get(item_id)
    return MisleadChart(lesson, item, lang, saved)


# ---------------------------------------------------------------- rewrite a neutral sentence

SENTENCE_TECHNIQUES = ("drop_hedge", "false_precision", "changed_number", "loaded_words",
                       "drop_source")
_SPEECH_EN = ("said", "says", "according to", "told", "tweeted", "wrote", "reported")


@lru_cache(maxsize=4096)
def _folded(text: str) -> str:
    from kit.arabic import fold

    return " " + " ".join(fold(text).text.lower().split()) + " "


_CLITICS = ("", "و", "ف", "ب", "ل", "ك", "ال", "وال", "بال", "لل")


def _letter(ch: str) -> bool:
    """A letter as a regular expression's [^\\W\\d_] sees one: alphanumeric, not a digit."""
    return ch.isalnum() and not ch.isdecimal()


def _has(text: str, phrase: str) -> bool:
    """A whole-word (or whole-phrase) match after Arabic folding; a clitic prefix is allowed.

    Found by plain search, not a regular expression per phrase: a submit tests ~190 phrases,
    and compiling their patterns was most of its cost in each new kernel."""
    p = " ".join(_folded(phrase).split())
    folded = _folded(text)
    at = folded.find(p)
    while at != -1:
        end = at + len(p)
        if end == len(folded) or not _letter(folded[end]):
            for clitic in _CLITICS:
                start = at - len(clitic)
                if (start >= 0 and folded.startswith(clitic, start)
                        and (start == 0 or not _letter(folded[start - 1]))):
                    return True
        at = folded.find(p, at + 1)
    return False


def _hedges(text: str) -> set[str]:
    from kit.arabic import HEDGES_AFTER, HEDGES_BEFORE

    return {h for h in (*HEDGES_BEFORE, *HEDGES_AFTER) if _has(text, h)}


def _loaded_forms(lang: str) -> set[str]:
    from kit.datasets import load_dataset

    forms = {f for e in load_dataset("framing")["lexicon"] for f in e[f"forms_{lang}"]}
    try:
        extra = load_dataset("lexicon_extra")["terms"]
    except Exception:  # a dataset without a schema of its own: read it plainly
        import json

        from kit.paths import data_dir

        extra = json.loads((data_dir() / "lexicon_extra.json").read_text(encoding="utf-8"))[
            "terms"]
    forms |= {f for e in extra for f in e.get(f"forms_{lang}", [])}
    return {f for f in forms if len(f) >= 3}


def _speech(text: str) -> set[str]:
    from kit.datasets import load_dataset

    verbs = {a["speech_verb"] for a in load_dataset("sources")["attributions"]
             if a.get("speech_verb")} | set(_SPEECH_EN)
    return {v for v in verbs if _has(text, v)}


def _figures(text: str) -> list[str]:
    """The digit strings of the numbers in a text («420 ألفًا» → '420')."""
    import re

    from kit.arabic import fold

    return [re.sub(r"\D", "", n) for n in re.findall(r"\d[\d,.\u066b\u066c]*",
                                                     fold(text).text)]


def rewrite_techniques(original: str, rewrite: str, lang: str) -> list[str]:
    """What a rewrite did to a sentence, as far as words can show it (see SENTENCE_TECHNIQUES)."""
    found = []
    if _hedges(original) - _hedges(rewrite):
        found.append("drop_hedge")
    before, after = _figures(original), _figures(rewrite)
    if after and sorted(after) != sorted(before):
        def digits(n: str) -> int:
            return len(n.rstrip("0"))

        if max(map(digits, after)) > max(map(digits, before), default=0):
            found.append("false_precision")
        else:
            found.append("changed_number")
    added = {f for f in _loaded_forms(lang) if _has(rewrite, f) and not _has(original, f)}
    if added:
        found.append("loaded_words")
    if _speech(original) - _speech(rewrite):
        found.append("drop_source")
    return found


class SentenceRewrite(Item):
    """Rewrite a neutral sentence of the article with one named technique; the kit says what
    the rewrite did and a partner names the technique in a field of their own."""

    kind = "mislead"

    def _build(self) -> widgets.VBox:
        wide = _layout(width="100%")  # shared, as every part's here: none changes later
        origin = self.item.get("origin", "")
        original = _html(f"<b>{escape(t('mislead.original', self.lang))}</b> "
                         f"{escape(origin)}<blockquote>{escape(self.item['original'])}"
                         "</blockquote>", self.lang, "kit-context", shared_layout=True)
        options = [("—", None)] + [(t(f"mislead.stechnique.{k}", self.lang), k)
                                   for k in SENTENCE_TECHNIQUES]
        self.technique = widgets.Dropdown(options=options, value=None,
                                          style=_labelled(widgets.Dropdown),
                                          description=t("mislead.rewrite_technique", self.lang),
                                          layout=wide)
        self.text = widgets.Textarea(value=self.item["original"], continuous_update=False,
                                     description=t("mislead.rewrite_label", self.lang),
                                     style=_labelled(widgets.Textarea), layout=wide)
        self.button = widgets.Button(description=t("ui.submit", self.lang),
                                     tooltip=t("ui.submit", self.lang), button_style="primary",
                                     layout=_layout(width="auto"), style=_style(widgets.Button))
        self.button.on_click(lambda _b: self.submit())
        _partner_controls(self, "mislead.stechnique", SENTENCE_TECHNIQUES,
                          "mislead.partner_sentence")
        partner = widgets.VBox([self.partner, self.partner_name, self.partner_button,
                                self.partner_feedback], layout=_layout())
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, original, self.technique, self.text, self.button,
                     self.feedback, partner])

    def _names(self, keys: list[str]) -> str:
        names = [t(f"mislead.stechnique.{k}", self.lang) for k in keys] or [
            t("mislead.stechnique.none", self.lang)]
        return "، ".join(names) if self.lang == "ar" else "; ".join(names)

    def submit(self) -> list[str] | None:
        """Save the rewrite with the technique chosen and what the kit found in it."""
        text, chosen = self.text.value.strip(), self.technique.value
        if chosen is None:
            self.feedback.value = _note("no", escape(t("mislead.rewrite_choose", self.lang)))
            return None
        if " ".join(text.split()) == " ".join(self.item["original"].split()):
            self.feedback.value = _note("no", escape(t("mislead.rewrite_same", self.lang)))
            return None
        found = rewrite_techniques(self.item["original"], text, self.lang)
        answer = {"original_id": self.item.get("original_id"), "technique": chosen,
                  "text": text, "found": found}
        if not self._save(answer, correct=chosen in found):
            return None
        self._show(chosen, found)
        return found

    def _show(self, chosen: str, found: list[str], extra: str = "") -> None:
        name = t(f"mislead.stechnique.{chosen}", self.lang)
        if chosen in found:
            text = t("mislead.rewrite_match", self.lang, name=name)
        else:
            text = t("mislead.rewrite_nomatch", self.lang, name=name, names=self._names(found))
        self.feedback.value = extra + _note("ok" if chosen in found else "no", escape(text))

    def save_partner(self) -> bool:
        """Save the technique a partner named for the saved rewrite, and compare."""
        named = self.partner.value
        record = progress.load_answers().get(self.lesson, {}).get(self.id)
        if named is None or not record:
            return False
        found = record["answer"].get("found", [])
        right = named in found or (named == "none" and not found)
        try:
            progress.save_answer(self.lesson, f"{self.id}_named",
                                 {"technique": named, "by": self.partner_name.value.strip(),
                                  "text": record["answer"].get("text", "")},
                                 correct=right, kind="mislead_named")
        except (OSError, ValueError) as exc:
            self.partner_feedback.value = _note("no", escape(t("ui.error", self.lang,
                                                               reason=str(exc))))
            return False
        name = t(f"mislead.stechnique.{named}", self.lang)
        text = (t("mislead.partner_right", self.lang, name=name) if right else
                t("mislead.partner_wrong", self.lang, name=name, names=self._names(found)))
        self.partner_feedback.value = _note("ok" if right else "no", escape(text))
        return right

    def _restore(self, record: dict[str, Any]) -> None:
        answer = record.get("answer")
        if not isinstance(answer, dict) or answer.get("technique") not in SENTENCE_TECHNIQUES:
            return
        self.technique.value = answer["technique"]
        self.text.value = str(answer.get("text", ""))
        self._show(answer["technique"], list(answer.get("found", [])),
                   extra=self._restored_note(record))


def sentence_task(lesson: str, item_id: str, claim_id: str = "peak_about_420k",
                  prompt: str | None = None, lang: str | None = None) -> SentenceRewrite:
    """Rewrite one sentence of the article (a claim of data/claims.json: the Arabic text in the
    Arabic edition, AP's English or the kit's back-translation in the English one) with one
    named technique; the learner's saved rewrite is put back."""
    from kit.datasets import load_dataset

    lang = lang or get_language()
    claim = next((c for c in load_dataset("claims")["items"] if c["id"] == claim_id), None)
    if claim is None:
        raise KeyError(f"data/claims.json has no claim {claim_id!r}")
    original = claim["quote"] if lang == "ar" else claim["text_en"].lstrip("… ")
    origin = "" if lang == "ar" else t(f"origin.{claim['en_origin']}", lang)
    item = {"id": item_id, "prompt": prompt or t("mislead.rewrite_prompt", lang),
            "original": original, "original_id": claim_id, "origin": origin}
    saved = progress.load_answers().get(lesson, {}).get(item_id)
    return SentenceRewrite(lesson, item, lang, saved)
