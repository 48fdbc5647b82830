"""The pre/post skill test: parallel forms of real and false headlines, scored for skill and bias.

Each edition has two forms, A and B (data/assessment/forms_<lang>.json, schema
data/schemas/assessment.schema.json). Half the items of a form are real headlines from news
outlets or wire copy, half are false claims taken from published fact-checks; every item keeps
its sources (outlet, date, address and, for fact-checks, the verdict). A learner takes one form
before lesson 01 and the other after the last lesson; which comes first is decided by the
learner's id (``form_order``), so about half a class starts with each form.

Scoring (``score``) follows the Misinformation Susceptibility Test (Maertens et al. 2024, Behav
Res Methods 56:1863-1899; ``../shared/research/assessment.md`` 4.1): V = items judged correctly,
r = real items judged real, f = false items judged false, d (distrust) = "false" judgements
beyond the number of false items, n (naivety) = "real" judgements beyond the number of real
items (both at least 0). It adds signal detection with "real" as the signal: a hit is a real
item judged real, a false alarm a false item judged real, d' = z(H) - z(F) (telling true from
false) and c = -(z(H) + z(F)) / 2 (bias: positive leans to "it's false", negative to "it's
real"). Rates of 0 and 1 would make z infinite, so both rates use the log-linear correction
H = (hits + 0.5) / (real items + 1), F = (false alarms + 0.5) / (false items + 1) (Hautus 1995,
Behav Res Methods Instrum Comput 27:46-51). An always-"false" responder thus gets d' = 0 and a
large positive c, a perfect one d' of about 3.2 and c = 0.

The notebooks call ``header``, ``questions``, ``task`` and ``finish`` with ``"before"`` or
``"after"``; each cell stands alone, so cells run out of order show a sentence in the
learner's language, never a traceback. Answers go to the kit's answer store (kit.progress)
under the lesson keys ``test_before`` and ``test_after``; the form taken is kept there as the
item ``form``. The pre-test shows no answers; the post-test shows both results and explains them.
"""

from __future__ import annotations

import copy
import hashlib
import json
from functools import cache, wraps
from statistics import NormalDist
from typing import Any

from kit.datasets import DataError, validate
from kit.display import HTML, KIT_CSS
from kit.i18n import LANGUAGES, get_language, t
from kit.paths import data_dir
from kit.text import escape

FORMS = ("A", "B")
VERACITIES = ("real", "false")
ALIASES = {"fake": "false", "true": "real"}  # MIST's word, and the obvious slip
WHEN = {"before": "test_before", "after": "test_after"}  # moment -> lesson key in the store
FORM_ITEM = "form"  # the store item that keeps which form a learner took
MIN_TASK_WORDS = 12  # an open answer shorter than this stays a draft
_SALT = "town-square-kit/prepost/"


# ----------------------------------------------------------------------------- data

def _lang(lang: str | None) -> str:
    lang = lang or get_language()
    if lang not in LANGUAGES:
        raise ValueError(t("prepost.bad_lang", "en", lang=lang, langs=", ".join(LANGUAGES)))
    return lang


@cache
def _load(lang: str) -> dict[str, Any]:
    path = data_dir() / "assessment" / f"forms_{lang}.json"
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, json.JSONDecodeError) as exc:
        raise DataError(f"{path}: cannot be read ({exc})") from None
    validate(data, "assessment", source=str(path))
    if data["lang"] != lang:
        raise DataError(f"{path}: lang is {data['lang']!r}, expected {lang!r}")
    ids = [item["id"] for form in FORMS for item in data["forms"][form]["items"]]
    repeated = sorted({i for i in ids if ids.count(i) > 1})
    if repeated:
        raise DataError(f"{path}: item ids must be unique across both forms; repeated: "
                        f"{', '.join(repeated)}")
    return data


def _form_name(form: Any, lang: str) -> str:
    name = str(form).strip().upper() if isinstance(form, str) else form
    if name not in FORMS:
        raise ValueError(t("prepost.bad_form", lang, form=str(form)))
    return name


def forms(lang: str | None = None) -> dict[str, dict[str, Any]]:
    """Both forms of one edition: {"A": {"items": [...], "task": {...}}, "B": {...}}.

    Each item has ``id``, ``text``, ``veracity`` ("real" or "false"), ``topic``, ``sources``
    (outlet, date, url, and verdict for fact-checks) and ``retrieved_via``. A copy: changing
    it changes nothing for the next caller.
    """
    return copy.deepcopy(_load(_lang(lang))["forms"])


def form_items(form: str, lang: str | None = None) -> list[dict[str, Any]]:
    """The items of one form, in the order learners see them."""
    lang = _lang(lang)
    return copy.deepcopy(_load(lang)["forms"][_form_name(form, lang)]["items"])


def item_order(form: str, learner_id: str, lang: str | None = None) -> list[dict[str, Any]]:
    """The form's items in the order this learner sees them: shuffled by a hash of the
    learner's id and each item's id, so the same on every run for one learner, different
    across learners, and no pattern (the data alternates real and false) to read off."""
    if not isinstance(learner_id, str) or not learner_id.strip():
        raise ValueError(t("prepost.bad_learner"))

    def key(item: dict[str, Any]) -> str:
        text = f"{_SALT}{learner_id}/{item['id']}"
        return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()

    return sorted(form_items(form, lang), key=key)


def _task(form: str, lang: str) -> dict[str, Any]:
    return _load(lang)["forms"][form]["task"]


# ----------------------------------------------------------------------------- scoring

def _z(p: float) -> float:
    return NormalDist().inv_cdf(p)


def _judgement(value: Any, item_id: str, lang: str) -> str | None:
    if value is None:
        return None
    word = value.strip().lower() if isinstance(value, str) else value
    word = ALIASES.get(word, word)
    if word not in VERACITIES:
        raise ValueError(t("prepost.bad_value", lang, item=item_id, value=str(value)))
    return word


def score(responses: dict[str, str], form: str, lang: str | None = None) -> dict[str, Any]:
    """Score one form: MIST's V, r, f, d, n and signal detection's d' (``dprime``) and c.

    ``responses`` maps item ids to "real" or "false" ("fake" is read as "false"); an item left
    out (or None) is unanswered: it earns nothing and does not enter the hit and false-alarm
    rates. Raises ValueError, in the learner's language, for unknown ids or other values.

    >>> items = form_items("A", "en")
    >>> perfect = score({i["id"]: i["veracity"] for i in items}, "A", "en")
    >>> perfect["V"], perfect["d"], perfect["n"], round(perfect["dprime"], 2), perfect["c"]
    (16, 0, 0, 3.19, 0.0)
    """
    lang = _lang(lang)
    form = _form_name(form, lang)
    if not isinstance(responses, dict):
        raise ValueError(t("prepost.bad_responses", lang))
    items = {item["id"]: item for item in _load(lang)["forms"][form]["items"]}
    unknown = sorted(set(responses) - set(items), key=str)
    if unknown:
        raise ValueError(t("prepost.unknown_items", lang, form=t(f"prepost.form.{form}", lang),
                           ids="، ".join(map(str, unknown)) if lang == "ar"
                           else ", ".join(map(str, unknown))))
    said = {i: _judgement(v, i, lang) for i, v in responses.items()}
    said = {i: v for i, v in said.items() if v is not None}
    n_real = sum(1 for item in items.values() if item["veracity"] == "real")
    n_false = len(items) - n_real
    per_item = {}
    for item_id, item in items.items():
        answer = said.get(item_id)
        per_item[item_id] = {"answer": answer, "veracity": item["veracity"],
                             "correct": None if answer is None else answer == item["veracity"]}
    r = sum(1 for i, v in said.items() if v == "real" == items[i]["veracity"])
    f = sum(1 for i, v in said.items() if v == "false" == items[i]["veracity"])
    false_alarms = sum(1 for i, v in said.items()
                       if v == "real" and items[i]["veracity"] == "false")
    answered_real = sum(1 for i in said if items[i]["veracity"] == "real")
    answered_false = len(said) - answered_real
    says_false = sum(1 for v in said.values() if v == "false")
    says_real = len(said) - says_false
    hit_rate = (r + 0.5) / (answered_real + 1)
    fa_rate = (false_alarms + 0.5) / (answered_false + 1)
    z_hit, z_fa = _z(hit_rate), _z(fa_rate)
    return {
        "form": form, "lang": lang,
        "V": r + f, "r": r, "f": f,
        "d": max(0, says_false - n_false), "n": max(0, says_real - n_real),
        # rounded at 1e-12 so that a symmetric answer sheet gives c = 0.0 exactly, not 1e-16
        "dprime": round(z_hit - z_fa, 12) + 0.0, "c": round(-(z_hit + z_fa) / 2, 12) + 0.0,
        "hits": r, "false_alarms": false_alarms, "hit_rate": hit_rate, "fa_rate": fa_rate,
        "answered": len(said), "n_items": len(items), "n_real": n_real, "n_false": n_false,
        "items": per_item,
    }


# ----------------------------------------------------------------------------- who takes which form

def form_order(learner_id: str) -> tuple[str, str]:
    """("A", "B") or ("B", "A"): the form a learner takes before the lessons, then after.

    Decided by a hash of the learner's id, so it is the same on every run and computer, and
    about half of any class starts with each form.
    """
    if not isinstance(learner_id, str) or not learner_id.strip():
        raise ValueError(t("prepost.bad_learner"))
    digest = hashlib.sha256((_SALT + learner_id).encode("utf-8", "surrogatepass")).digest()
    return ("A", "B") if digest[0] % 2 == 0 else ("B", "A")


def _learner_id() -> str:
    from kit import identity, progress

    try:
        return identity.current().id
    except Exception:  # an unusable answers folder still gets a test, saved as "learner"
        return progress.DEFAULT_LEARNER


def _when(when: Any, lang: str) -> str:
    if when not in WHEN:
        raise ValueError(t("prepost.bad_when", lang, when=str(when)))
    return when


def _stored(lesson: str) -> dict[str, dict]:
    from kit import progress

    return progress.load_answers().get(lesson, {})


def _saved_form(lesson: str) -> str | None:
    record = _stored(lesson).get(FORM_ITEM)
    answer = record.get("answer") if isinstance(record, dict) else None
    return answer if answer in FORMS else None


def form_for(when: str, learner_id: str | None = None) -> str:
    """The form this learner takes ``"before"`` or ``"after"`` the lessons.

    A form already saved for that moment wins; after the lessons it is the form not taken
    before, so nobody sees the same items twice.
    """
    lang = _lang(None)
    when = _when(when, lang)
    saved = _saved_form(WHEN[when])
    if saved:
        return saved
    before, after = form_order(learner_id or _learner_id())
    if when == "before":
        return before
    taken = _saved_form(WHEN["before"])
    return ({"A": "B", "B": "A"}[taken]) if taken else after


def responses(when: str) -> dict[str, str]:
    """{item_id: "real" | "false"} as saved for the current learner ``"before"``/``"after"``."""
    lang = _lang(None)
    lesson = WHEN[_when(when, lang)]
    ids = {item["id"] for item in _load(lang)["forms"][form_for(when)]["items"]}
    out = {}
    for item_id, record in _stored(lesson).items():
        answer = record.get("answer") if isinstance(record, dict) else None
        if item_id in ids and answer in VERACITIES:
            out[item_id] = answer
    return out


# ----------------------------------------------------------------------------- notebook cells

def _attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar" style="text-align:right"' if lang == "ar" else 'dir="ltr" lang="en"'


def _note_html(text: str, lang: str, kind: str = "note") -> HTML:
    return HTML(f'{KIT_CSS}<div class="kit-prepost kit-{kind}" {_attrs(lang)} role="status">'
                f"<p>{escape(text)}</p></div>")


def _safe(fn):
    """A notebook cell never shows a traceback: a problem becomes a sentence."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            lang = _lang(None)
        except ValueError:
            lang = "ar"
        try:
            return fn(*args, **kwargs)
        except (ValueError, KeyError, TypeError, DataError) as exc:
            message = exc.args[0] if exc.args and isinstance(exc.args[0], str) else str(exc)
            return _note_html(t("prepost.problem", lang, reason=message), lang, "no")
        except Exception as exc:  # the learner gets a sentence, not a traceback
            return _note_html(t("prepost.problem", lang, reason=f"{type(exc).__name__}: {exc}"),
                              lang, "no")

    return wrapper


@_safe
def header(when: str) -> HTML:
    """The test's title and what to do, in the notebook's language."""
    lang = _lang(None)
    when = _when(when, lang)
    form = form_for(when)
    n = len(_load(lang)["forms"][form]["items"])
    return HTML(
        f'{KIT_CSS}<div class="kit-header kit-prepost" {_attrs(lang)}>'
        f"<h2>{escape(t(f'prepost.title.{when}', lang))}</h2>"
        f"<p>{escape(t('prepost.form_line', lang, form=t(f'prepost.form.{form}', lang)))}</p>"
        f"<p>{escape(t(f'prepost.intro.{when}', lang, n=n))}</p></div>")


def _item_box(lesson: str, number: int, item: dict[str, Any], lang: str,
              saved: dict[str, Any] | None) -> Any:
    import ipywidgets as widgets

    from kit import progress

    dir_attrs = 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'
    prompt = widgets.HTML(f"<div {dir_attrs}><b>{number}. {escape(item['text'])}</b></div>")
    prompt.add_class("kit-prompt")
    value = saved.get("answer") if isinstance(saved, dict) else None
    radios = widgets.RadioButtons(
        options=[(t("prepost.say_real", lang), "real"), (t("prepost.say_false", lang), "false")],
        value=value if value in VERACITIES else None, layout=widgets.Layout(width="auto"))
    note = widgets.HTML("")
    note.add_class("kit-feedback")

    def on_change(change: dict[str, Any]) -> None:
        if change.get("new") not in VERACITIES:
            return
        try:
            progress.save_answer(lesson, item["id"], change["new"], kind="judgement")
        except (OSError, ValueError) as exc:
            note.value = (f'<div {dir_attrs}><div class="kit-no" role="status">'
                          f"{escape(t('ui.error', lang, reason=str(exc)))}</div></div>")
        else:
            note.value = (f'<div {dir_attrs}><div class="kit-note" role="status">'
                          f"{escape(t('prepost.saved', lang))}</div></div>")

    radios.observe(on_change, names="value")
    return _styled_box([prompt, radios, note], "kit-judgement", item["id"], lang)


def _styled_box(children: list, kind_class: str, item_id: str, lang: str):
    """A test item laid out like the lessons' items: the kit's styles, classes, direction."""
    import ipywidgets as widgets

    box = widgets.VBox([widgets.HTML(KIT_CSS), *children], layout=widgets.Layout(width="100%"))
    for css in ("kit-item", kind_class, f"kit-id-{item_id}"):
        box.add_class(css)
    if lang == "ar":
        box.add_class("kit-rtl")
    return box


def _remember_form(lesson: str, form: str) -> None:
    from kit import progress

    if _saved_form(lesson) != form:
        progress.save_answer(lesson, FORM_ITEM, form, kind="form")


@_safe
def questions(when: str) -> Any:
    """One real-or-false choice per item of the learner's form; every choice is saved at once."""
    import ipywidgets as widgets

    lang = _lang(None)
    when = _when(when, lang)
    lesson = WHEN[when]
    form = form_for(when)
    _remember_form(lesson, form)
    saved = _stored(lesson)
    boxes = [_item_box(lesson, k, item, lang, saved.get(item["id"]))
             for k, item in enumerate(item_order(form, _learner_id(), lang), start=1)]
    return widgets.VBox(boxes, layout=widgets.Layout(width="100%"))


def _levels_html(task: dict[str, Any], lang: str) -> str:
    rows = "".join(f"<li><b>{escape(t(f'assessment.level.{level}', lang))}</b>: "
                   f"{escape(task['levels'][level])}</li>"
                   for level in ("beginning", "developing", "secure"))
    return f"<p><b>{escape(t('prepost.levels_title', lang))}</b></p><ul>{rows}</ul>"


@_safe
def task(when: str) -> Any:
    """The open question of the form ("who is behind this source, and how would you find out?")."""
    import ipywidgets as widgets

    from kit import exercises, progress

    lang = _lang(None)
    when = _when(when, lang)
    lesson = WHEN[when]
    form = form_for(when)
    spec = _task(form, lang)
    dir_attrs = 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'
    record = _stored(lesson).get(spec["id"])
    text = record.get("answer") if isinstance(record, dict) else None
    prompt = widgets.HTML(f"<div {dir_attrs}><b>{escape(t('prepost.task_label', lang))}</b> "
                          f"{escape(spec['prompt'])}</div>")
    prompt.add_class("kit-prompt")
    area = widgets.Textarea(value=text if isinstance(text, str) else "",
                            layout=widgets.Layout(width="100%", height="8em"))
    button = widgets.Button(description=t("prepost.task_save", lang))
    note = widgets.HTML("")
    note.add_class("kit-feedback")

    def show(kind: str, message: str, extra: str = "") -> None:
        note.value = (f'<div {dir_attrs}><div class="kit-{kind}" role="status">'
                      f"{escape(message)}</div>{extra}</div>")

    def on_click(_button: Any) -> None:
        answer = area.value.strip()
        if not answer:
            show("no", t("prepost.task_empty", lang))
            return
        words = exercises.word_count(answer)
        thin = words < MIN_TASK_WORDS
        try:
            progress.save_answer(lesson, spec["id"], answer, kind="open",
                                 status="draft" if thin else "submitted")
        except (OSError, ValueError) as exc:
            show("no", t("ui.error", lang, reason=str(exc)))
            return
        if thin:
            show("note", t("prepost.task_thin", lang, n=MIN_TASK_WORDS, got=words))
        elif when == "after":
            show("ok", t("prepost.task_saved", lang), _levels_html(spec, lang))
        else:
            show("ok", t("prepost.task_saved", lang))

    button.on_click(on_click)
    return _styled_box([prompt, area, button, note], "kit-open", spec["id"], lang)


def _number(value: float, lang: str) -> str:
    text = f"{value:+.2f}".replace("-", "\u2212") if abs(value) >= 0.005 else "0.00"
    return f'<bdi dir="ltr">{text}</bdi>'


def _sources_html(item: dict[str, Any], lang: str) -> str:
    parts = []
    for source in item["sources"]:
        date = source["date"]
        shown = escape(date if len(date) == 7 else t("prepost.date", lang, date=date))
        comma = "، " if lang == "ar" else ", "
        verdict = (comma + escape(t("prepost.verdict", lang, verdict=source["verdict"]))
                   if source.get("verdict") else "")
        parts.append(f'{escape(source["outlet"])} ({shown}){verdict} — '
                     f'<a href="{escape(source["url"])}" target="_blank" rel="noopener">'
                     f'{escape(t("prepost.link", lang))}</a>')
    return "؛ ".join(parts) if lang == "ar" else "; ".join(parts)


def _items_html(result: dict[str, Any], lang: str, title: str) -> str:
    rows = []
    for item in item_order(result["form"], _learner_id(), lang):
        mark = result["items"][item["id"]]
        if mark["correct"] is None:
            verdict = t("prepost.not_answered", lang)
        else:
            said = t(f"prepost.say_{mark['answer']}", lang)
            verdict = t("prepost.mark.right" if mark["correct"] else "prepost.mark.wrong", lang,
                        answer=said)
        truth = t(f"prepost.truth.{item['veracity']}", lang)
        rows.append(f"<li><b>{escape(item['text'])}</b><br>{escape(verdict)} "
                    f"{escape(truth)}<br>{escape(t('prepost.sources', lang))} "
                    f"{_sources_html(item, lang)}</li>")
    return f"<h3>{escape(title)}</h3><ol>{''.join(rows)}</ol>"


def _change_sentence(before: dict[str, Any], after: dict[str, Any], lang: str) -> str:
    """Plain words on what moved: skill (d'), bias (c), or both. 0.3 is the kit's own
    threshold for a change worth naming, not a published cut-off."""
    skill = after["dprime"] - before["dprime"]
    bias = after["c"] - before["c"]
    if skill >= 0.3:
        key = "prepost.change.better"
    elif skill <= -0.3:
        key = "prepost.change.worse"
    else:
        key = "prepost.change.same"
    sentences = [t(key, lang)]
    if bias >= 0.3 and after["c"] < 0:  # still leaning to "real", only less so
        sentences.append(t("prepost.change.less_trust", lang))
    elif bias >= 0.3:
        sentences.append(t("prepost.change.more_doubt" if skill < 0.3
                           else "prepost.change.more_doubt_and_skill", lang))
    elif bias <= -0.3 and after["c"] > 0:  # still leaning to "false", only less so
        sentences.append(t("prepost.change.less_doubt", lang))
    elif bias <= -0.3:
        sentences.append(t("prepost.change.more_trust", lang))
    return " ".join(sentences)


@_safe
def finish(when: str) -> HTML:
    """Before the lessons: "thank you" only. After: both results, explained, item by item."""
    lang = _lang(None)
    when = _when(when, lang)
    form = form_for(when)
    answers = responses(when)
    total = len(_load(lang)["forms"][form]["items"])
    if not answers:
        return _note_html(t(f"prepost.none_yet.{when}", lang), lang)
    missing = total - len(answers)
    left = t("prepost.unanswered", lang, missing=missing, total=total) if missing else ""
    if when == "before":
        return _note_html(" ".join(s for s in (t("prepost.thanks", lang), left) if s), lang, "ok")
    after = score(answers, form, lang)
    before_answers = responses("before")
    before = score(before_answers, form_for("before"), lang) if before_answers else None
    cols = [("before", before), ("after", after)] if before else [("after", after)]
    head = "".join(f"<th>{escape(t(f'prepost.col.{name}', lang))}</th>" for name, _ in cols)

    def row(label: str, cell) -> str:
        return (f"<tr><th>{escape(t(label, lang))}</th>"
                + "".join(f"<td>{cell(res)}</td>" for _, res in cols) + "</tr>")

    table = (f"<table><tr><th>{escape(t('prepost.col.measure', lang))}</th>{head}</tr>"
             + row("prepost.row.V", lambda s: escape(t("prepost.V_value", lang, V=s["V"],
                                                       n=s["n_items"])))
             + row("prepost.row.dprime", lambda s: _number(s["dprime"], lang))
             + row("prepost.row.c", lambda s: _number(s["c"], lang))
             + "</table>")
    explain = "".join(f"<p>{escape(t(key, lang))}</p>" for key in
                      ("prepost.explain.dprime", "prepost.explain.c", "prepost.explain.doubt"))
    detail = escape(t("prepost.explain.rf", lang, r=after["r"], n_real=after["n_real"],
                      f=after["f"], n_false=after["n_false"], d=after["d"], n=after["n"]))
    parts = [f"<h3>{escape(t('prepost.results_title', lang))}</h3>", table, explain,
             f"<p>{detail}</p>"]
    if before:
        parts.append(f"<p><b>{escape(_change_sentence(before, after, lang))}</b></p>")
    else:
        parts.append(f"<p>{escape(t('prepost.no_before', lang))}</p>")
    if left:
        parts.append(f"<p>{escape(left)}</p>")
    parts.append(_items_html(after, lang, t("prepost.items_title.after", lang)))
    if before:
        parts.append(_items_html(before, lang, t("prepost.items_title.before", lang)))
    return HTML(f'{KIT_CSS}<div class="kit-prepost kit-results" {_attrs(lang)}>'
                + "".join(parts) + "</div>")
