"""A worksheet built from one analysis: choice checks with generated feedback, open questions.

Items have the lesson item format (data/schemas/lesson.schema.json) and are shown with the
lesson widgets, so answers are saved and exported like any lesson's. Item ids start with a
hash of the text (``w<hash>_hedged``), so answers come back whenever the same text does. The
wording is data: data/i18n/<lang>/worksheet.json.
"""

from __future__ import annotations

import math
import random
from typing import Any

from kit.i18n import t
from kit.text import escape
from kit.workbench import LESSON, Analysis, label

HEDGES = ("approx", "nearly", "less_than", "more_than")  # 'vague' has no figure to hedge
LEVELS = ("beginning", "developing", "secure")  # the three-level rubric of every open task
MAX_CHOICES = 4
_EXCERPT = 240


def _blank(value: Any) -> Any:
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else value


def build(result: Analysis) -> dict[str, Any]:
    """The worksheet as a lesson document (validate it with kit.datasets.validate(…, 'lesson'))."""
    lang = result.lang
    return {"lesson": LESSON, "lang": lang, "title": t("worksheet.title", lang), "minutes": 15,
            "objectives": [t("worksheet.objective", lang)],
            "recap": [t("worksheet.recap", lang)], "items": items(result)}


def items(result: Analysis) -> list[dict[str, Any]]:
    """Choice items the text allows (hedges, most quoted, quote kind, weekdays), then open ones."""
    if not result.ok:
        return []
    rng = random.Random(result.key)  # the same text always gets the same order of choices
    found = [_hedged(result, rng), _most_quoted(result, rng), _kind(result), _days(result, rng),
             *_open(result)]
    prefix = f"w{result.key}_"
    return [{**item, "id": prefix + item["id"]} for item in found if item]


def _choice(item_id: str, prompt: str, choices: list[dict[str, Any]],
            rng: random.Random | None) -> dict[str, Any]:
    if rng is not None:
        rng.shuffle(choices)
        choices = [{**c, "id": f"c{i}"} for i, c in enumerate(choices)]
    return {"id": item_id, "kind": "choice", "prompt": prompt, "choices": choices}


def _hedged(result: Analysis, rng: random.Random) -> dict[str, Any] | None:
    lang = result.lang
    rows = result.numbers.to_dict("records")
    hedged = [r for r in rows if _blank(r["hedge"]) in HEDGES]
    plain, seen = [], set()
    for r in rows:
        if _blank(r["hedge"]) is None and _blank(r["value"]) is not None \
                and r["text"] not in seen and _blank(r["unit"]) not in ("clock", "year"):
            seen.add(r["text"])
            plain.append(r)
    if not hedged or not plain:
        return None
    # A hedge adds words («حوالي 420 ألفًا»), so the hedged figure tends to be the longest
    # option. Ask about the shortest hedged figure and offer the longest plain ones, so that
    # length does not give the answer away (ties keep the text's order).
    right = min(hedged, key=lambda r: len(r["text"]))
    wrong = sorted(plain, key=lambda r: -len(r["text"]))[:MAX_CHOICES - 1]
    wrong.sort(key=lambda r: r["start"])
    choices = [{"id": "", "text": right["text"], "correct": True,
                "feedback": t("worksheet.hedged.right", lang, text=right["text"],
                              hedge=label("hedge", right["hedge"], lang))}]
    choices += [{"id": "", "text": r["text"], "correct": False,
                 "feedback": t("worksheet.hedged.wrong", lang, text=r["text"])}
                for r in wrong]
    return _choice("hedged", t("worksheet.hedged.prompt", lang), choices, rng)


def _named_speakers(result: Analysis) -> list[dict[str, Any]]:
    return [r for r in result.speakers.to_dict("records") if _blank(r["speaker"])]


def _most_quoted(result: Analysis, rng: random.Random) -> dict[str, Any] | None:
    lang = result.lang
    named = _named_speakers(result)
    if len(named) < 2:
        return None
    top = max(r["words"] for r in named)
    first = next(r for r in named if r["words"] == top)
    unknown = sum(r["words"] for r in result.speakers.to_dict("records")
                  if not _blank(r["speaker"]))
    caution = " " + t("worksheet.most.unknown", lang, words=unknown) if unknown else ""
    choices = []
    for r in named[:MAX_CHOICES]:
        right = r["words"] == top
        key = "worksheet.most.right" if right else "worksheet.most.wrong"
        choices.append({"id": "", "text": r["speaker"], "correct": right,
                        "feedback": t(key, lang, name=r["speaker"], words=r["words"],
                                      passages=r["passages"], top=first["speaker"],
                                      top_words=top) + (caution if right else "")})
    return _choice("most_quoted", t("worksheet.most.prompt", lang), choices, rng)


def _kind(result: Analysis) -> dict[str, Any] | None:
    """Direct or reported? Asked about the first reported passage with a speaker, else direct."""
    lang = result.lang
    rows = [r for r in result.quotes.to_dict("records") if _blank(r["speaker"])]
    # a reported passage after a real speech verb (قال، said) teaches more than بحسب/according to
    rows.sort(key=lambda r: (r["kind"] != "reported", _attribution(r["verb"]), r["start"]))
    if not rows:
        return None
    q = rows[0]
    excerpt = _sentence(result, q["start"], q["end"])
    verb = _blank(q["verb"]) or "—"
    reported = q["kind"] == "reported"
    choices = [
        {"id": "direct", "text": t("worksheet.kind.direct", lang), "correct": not reported,
         "feedback": t("worksheet.kind.reported_wrong" if reported else
                       "worksheet.kind.direct_right", lang, verb=verb)},
        {"id": "reported", "text": t("worksheet.kind.reported", lang), "correct": reported,
         "feedback": t("worksheet.kind.reported_right" if reported else
                       "worksheet.kind.direct_wrong", lang, verb=verb)},
    ]
    prompt = t("worksheet.kind.prompt", lang, excerpt=excerpt, speaker=q["speaker"])
    return _choice("quote_kind", prompt, choices, None)


def _attribution(verb: Any) -> bool:
    from kit.arabic import ATTRIBUTIONS, fold

    verb = str(_blank(verb) or "").strip().lower()
    return fold(verb).text.lstrip("و") in ATTRIBUTIONS or verb == "according to"


def _sentence(result: Analysis, start: int, end: int) -> str:
    """The sentences around a passage, so the learner sees its verb and quotation marks."""
    spans = [s for s in result.article.sentences if s.end > start - 1 and s.start <= end + 1]
    if not spans:
        return result.text[start:end]
    lo, hi = spans[0].start, spans[-1].end
    text = result.text[lo:hi].replace("\n", " ").strip()
    if len(text) > _EXCERPT:
        return text[:_EXCERPT - 1] + "…"
    return text


def _days(result: Analysis, rng: random.Random) -> dict[str, Any] | None:
    lang = result.lang
    if not result.warnings:
        return None
    w = result.warnings[0]
    day = lambda v: label("weekday", v, lang)  # noqa: E731
    if w.kind == "weekdays":
        prompt = t("worksheet.days.prompt_weekdays", lang, a=day(w.values[0]), b=day(w.values[1]))
    else:
        from kit.workbench_view import date_words

        _said, actual, iso = w.values
        prompt = t("worksheet.days.prompt_date", lang, date=date_words(iso, "gregorian", lang),
                   actual=day(actual),
                   text=result.text[w.mentions[0].start:w.mentions[-1].end])
    choices = [{"id": key, "text": t(f"worksheet.days.{key}", lang), "correct": key == "check",
                "feedback": t(f"worksheet.days.{key}_fb", lang)}
               for key in ("check", "first", "majority", "ignore")]
    return _choice("weekdays", prompt, choices, rng)


def _open(result: Analysis) -> list[dict[str, Any]]:
    lang = result.lang
    named = _named_speakers(result)
    numbers = [r for r in result.numbers.to_dict("records") if _blank(r["value"]) is not None]
    hedged = [r for r in numbers if _blank(r["hedge"]) in HEDGES]
    figure = (hedged or numbers or [None])[0]
    prompts = {
        "interest": t("worksheet.interest.prompt", lang, speaker=named[0]["speaker"]) if named
        else t("worksheet.interest.prompt_none", lang),
        "checkable": t("worksheet.checkable.prompt_figure", lang, figure=figure["text"])
        if figure else t("worksheet.checkable.prompt", lang),
        "missing": t("worksheet.missing.prompt", lang),
    }
    return [{"id": key, "kind": "open", "prompt": prompt,
             "rubric": [t(f"worksheet.{key}.rubric{i}", lang) for i in (1, 2, 3)],
             "levels": {level: t(f"worksheet.{key}.level.{level}", lang) for level in LEVELS},
             "exemplar": t(f"worksheet.{key}.exemplar", lang)}
            for key, prompt in prompts.items()]


# ---------------------------------------------------------------- showing it


def widgets(result: Analysis) -> list[Any]:
    """The items as lesson widgets with saved answers restored, under a short introduction."""
    import ipywidgets

    from kit import exercises, progress

    lang = result.lang
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr"'
    found = items(result)
    if not found:
        return [ipywidgets.HTML(f"<p {attrs}>{escape(t('worksheet.none', lang))}</p>")]
    intro = t("worksheet.intro", lang)
    if sum(i["kind"] == "choice" for i in found) < 2:
        intro += " " + t("worksheet.few", lang)
    out: list[Any] = [ipywidgets.HTML(f"{exercises.KIT_CSS}<p {attrs}>{escape(intro)}</p>")]
    saved = progress.load_answers().get(LESSON, {})
    for item in found:
        widget = exercises.Choice if item["kind"] == "choice" else exercises.Open
        out.append(widget(LESSON, item, lang, saved.get(item["id"])).box)
    return out


def static_html(result: Analysis) -> str:
    """The questions and choices as plain escaped HTML (for exported or static notebooks)."""
    lang = result.lang
    attrs = 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr"'
    found = items(result)
    if not found:
        return f"<p {attrs}>{escape(t('worksheet.none', lang))}</p>"
    parts = []
    for item in found:
        choices = "".join(f"<li>{escape(c['text'])}</li>" for c in item.get("choices", []))
        parts.append(f"<li><b>{escape(item['prompt'])}</b>"
                     + (f"<ul>{choices}</ul>" if choices else "") + "</li>")
    return (f'<div class="kit-worksheet" {attrs}><p>{escape(t("worksheet.intro", lang))}</p>'
            f"<ol>{''.join(parts)}</ol></div>")
