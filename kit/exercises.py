"""Lesson items as ipywidgets: immediate feedback, answers saved as given and restored on re-run.

Each widget reads its words from a lesson item (data/lessons/<lang>/*.json), never from code,
saves every answer through kit.progress the moment it is given, and puts a saved answer back
(with its feedback) when the cell runs again after a reload or a kernel restart.
"""

from __future__ import annotations

import hashlib
import re
from contextvars import ContextVar
from functools import cache
from typing import Any

import ipywidgets as widgets

from kit import identity, progress
from kit.display import KIT_CSS
from kit.i18n import t
from kit.text import escape

_SHARED: dict[tuple, widgets.Widget] = {}
# The parts an Item adds at the end of the box its _build makes (its notice line), passed to
# _box so the box is sent to the browser once, complete, not sent and then changed.
_TAIL: ContextVar[tuple] = ContextVar("kit_item_tail", default=())
# And the parts it puts first, above the prompt (the extension / pair label of Lesson.ask).
_HEAD: ContextVar[tuple] = ContextVar("kit_item_head", default=())


def shared(cls: type, **traits: Any) -> Any:
    """One Layout or Style per class and settings in a kernel, for parts nothing changes later.

    Every ipywidgets Layout and Style is a model of its own: one more comm, message and model
    for the browser to build per widget (a choice check used to send 17 models, 11 of them
    these). Widgets whose layout or style never changes share one; a closed one is replaced.
    """
    key = (cls, tuple(sorted(traits.items())))
    found = _SHARED.get(key)
    if found is None or found.comm is None:
        found = _SHARED[key] = cls(**traits)
    return found


def _layout(**traits: Any) -> widgets.Layout:
    """A shared Layout: never for a widget whose layout is changed after it is built."""
    return shared(widgets.Layout, **traits)


def _style(widget_cls: type, **traits: Any) -> Any:
    """The shared Style of a widget class (HTMLStyle, DescriptionStyle, ButtonStyle, …)."""
    return shared(widget_cls.class_traits()["style"].klass, **traits)


def _labelled(widget_cls: type) -> Any:
    """The shared style that lets a description take the width its words need."""
    return _style(widget_cls, description_width="initial")


def _dir_attrs(lang: str) -> str:
    return 'dir="rtl" lang="ar"' if lang == "ar" else 'dir="ltr" lang="en"'


def _box(lang: str, kind: str, item_id: str, children: list) -> widgets.VBox:
    # classes given at construction: each add_class() afterwards is one more message
    classes = ("kit-item", f"kit-{kind}", f"kit-id-{item_id}",
               *(("kit-rtl",) if lang == "ar" else ()))
    head, tail = _HEAD.get(), _TAIL.get()
    if head:
        _HEAD.set(())
    if tail:
        _TAIL.set(())  # only the item's own box, the one its _build makes
    return widgets.VBox([*head, *children, *tail], layout=_layout(width="100%"),
                        _dom_classes=classes)


def _html(body: str, lang: str, css_class: str = "", *, shared_layout: bool = False,
          layout: dict[str, Any] | None = None) -> widgets.HTML:
    """An HTML part in the item's direction. Its style is shared (nothing changes it); its
    layout too when shared_layout is set or its settings are given as `layout` (a caller that
    changes the part's layout after building it keeps its own, the default)."""
    shared = shared_layout or layout is not None
    return widgets.HTML(f"<div {_dir_attrs(lang)}>{body}</div>", style=_style(widgets.HTML),
                        _dom_classes=(css_class,) if css_class else (),
                        **({"layout": _layout(**(layout or {}))} if shared else {}))


def _note(kind: str, text: str) -> str:
    """A feedback block: the mark and words carry the meaning, the border colour only repeats it."""
    return f'<div class="kit-{kind}" role="status" aria-live="polite">{text}</div>'


def _learner_id() -> str:
    """The current learner's id, or a fixed stand-in when the answers folder is unusable."""
    try:
        return identity.current().id
    except Exception:
        return progress.DEFAULT_LEARNER


def display_order(choices: list[dict[str, Any]], lesson: str, item_id: str,
                  learner_id: str | None = None) -> list[dict[str, Any]]:
    """The choices in this learner's order: shuffled, the same on every run for one learner.

    A Fisher–Yates shuffle driven by SHA-256 of (learner id, lesson, item), so the order does
    not depend on Python's random module, and across learners each choice is equally likely
    in each position. The lesson data keeps the author's order.
    """
    key = "\x1f".join((learner_id if learner_id is not None else _learner_id(), lesson, item_id))
    order = list(choices)
    for i in range(len(order) - 1, 0, -1):
        digest = hashlib.sha256(f"{key}\x1f{i}".encode("utf-8", "surrogatepass")).digest()
        j = int.from_bytes(digest, "big") % (i + 1)
        order[i], order[j] = order[j], order[i]
    return order


# ---------------------------------------------------------------- judging open answers

OWN_ARTICLE_LESSONS = ("07_your_article",)  # open answers there are about the learner's article
MIN_WORDS = 8  # fewer words than this cannot be judged (Arabic and English alike)
_MARKS = "\u0610-\u061a\u064b-\u065f\u0670"  # Arabic harakat, tanween, shadda: inside a word
_LETTERS = rf"[^\W_](?:[^\W_]|[{_MARKS}])*"
_WORD = re.compile(rf"{_LETTERS}(?:[.,'’\u066b\u066c-]{_LETTERS})*")
_NUMBER = re.compile(r"\d[\d,.\u066b\u066c]*")
_QUOTED = re.compile(r"«([^»]{3,})»|“([^”]{3,})”|\"([^\"]{3,})\"")
_NAME_STOP = {"قمة", "مجلس", "لصحيفة", "وكالة", "نفسه", "معارضو", "The", "Article", "Itself"}


def _fold(text: str) -> str:
    from kit.arabic import fold

    return fold(text).text.lower()


def _numbers(text: str) -> set[str]:
    """Digit strings of the numbers in text ("420,000" gives "420000" and its head "420")."""
    out = set()
    for raw in _NUMBER.findall(_fold(text)):
        raw = raw.rstrip(",.\u066b\u066c")
        out.add(re.sub(r"\D", "", raw))
        out.add(re.split(r"[,.\u066b\u066c]", raw)[0])
    return {n for n in out if n}


# Frequent words that say nothing about the article (only words of 5+ letters are compared).
_COMMON = frozenset("""
عندما الكثير بالنسبة المرة الناس الذين والتي لذلك حوالي الاشخاص الطريقة السابق اكثر الاولي
about after again before being could every first other their there these thing things think
those through where which while would should people really because little always
""".split())
VOCABULARY_WORDS = 2  # distinct article words of 5+ letters that also tie an answer to it


@cache
def _article_words() -> tuple[frozenset[str], frozenset[str], tuple[str, ...], frozenset[str]]:
    """The lesson article's numbers, word trigrams, names and vocabulary (all folded).

    The vocabulary is the article's own words plus the English renderings of its claims
    (data/claims.json), so an English answer about "the listeners" or "the servers" counts.
    """
    from kit.article import load_article
    from kit.datasets import load_dataset

    text = load_article().text
    words = _WORD.findall(_fold(text))
    trigrams = frozenset(" ".join(words[i:i + 3]) for i in range(len(words) - 2))
    names: set[str] = set()
    for speaker in load_dataset("sources")["speakers"]:
        if not speaker.get("names_in_article"):
            continue
        names.update(speaker["names_in_article"])
        for field in ("name_en", "name_ar"):
            head = speaker.get(field, "").split("(")[0]
            names.update(w for w in re.findall(r"[^\W\d_]{3,}", head)
                         if w not in _NAME_STOP and not w.startswith("ال")
                         and (field == "name_ar" or w[:1].isupper()))
    folded = tuple(sorted({_fold(n) for n in names if len(n) >= 3}, key=len, reverse=True))
    english = " ".join(c.get("text_en", "") for c in load_dataset("claims")["items"])
    vocabulary = frozenset(w for w in (*words, *_WORD.findall(_fold(english)))
                           if len(w) >= 5 and w not in _COMMON)
    return frozenset(_numbers(text)), trigrams, folded, vocabulary


def word_count(text: str) -> int:
    """Words in a learner's answer (a number such as 420,000 is one word)."""
    return len(_WORD.findall(text))


def points_to_article(text: str, *extra: str) -> bool:
    """True when an answer quotes the lesson article (three words in a row, or a passage in
    quotation marks), gives a number from it (or from the question), names someone in it, or
    uses at least VOCABULARY_WORDS of its less common words (such as «المستمعين», "servers")."""
    numbers, trigrams, names, vocabulary = _article_words()
    if _numbers(text) & (numbers | set().union(*(_numbers(e) for e in extra))):
        return True
    if any(len(_WORD.findall(next(g for g in m.groups() if g))) >= 2
           for m in _QUOTED.finditer(text)):
        return True
    folded = _fold(text)
    if any(name in folded for name in names):
        return True
    words = _WORD.findall(folded)
    if len(set(words) & vocabulary) >= VOCABULARY_WORDS:
        return True
    return any(" ".join(words[i:i + 3]) in trigrams for i in range(len(words) - 2))


def judge_open(text: str, item: dict[str, Any], lang: str, *,
               own_article: bool = False) -> list[str]:
    """What a thin answer lacks, as sentences for the learner ([] when it can be judged).

    Too thin: fewer than MIN_WORDS words, or nothing that points to the article (a quote, a
    number or a name from it, or two of its less common words). For an article the learner
    pasted (lesson 07) any quotation, number or capitalised name counts, since the kit does
    not know that article.
    """
    missing = []
    n = word_count(text)
    if n < MIN_WORDS:
        missing.append(t("assessment.need_words", lang, n=MIN_WORDS, got=n))
    if own_article:
        anchored = bool(_NUMBER.search(_fold(text)) or _QUOTED.search(text)
                        or re.search(r"\b[A-Z][a-z]{2,}", text))
        if not anchored:
            missing.append(t("assessment.need_own_anchor", lang))
    elif not points_to_article(text, item.get("prompt", ""), item.get("context_html", "")):
        missing.append(t("assessment.need_anchor", lang))
    return missing


class Item:
    """Base of every lesson widget: holds the item, the lesson id and the displayed box."""

    kind = "item"

    def __init__(self, lesson: str, item: dict[str, Any], lang: str,
                 saved: dict[str, Any] | None = None) -> None:
        self.lesson, self.item, self.lang = lesson, item, lang
        self.id = item["id"]
        self.prompt = _html(KIT_CSS + f"<b>{escape(item['prompt'])}</b>", lang, "kit-prompt",
                            shared_layout=True)
        self.feedback = _html("", lang, "kit-feedback", shared_layout=True)
        # the one-time question about a missing name
        self.notice = _html("", lang, "kit-notice", shared_layout=True)
        tail = _TAIL.set((self.notice,))
        try:
            self.box = self._build()
        finally:
            _TAIL.reset(tail)
        if self.notice not in self.box.children:  # a box not made by _box
            self.box.children = (*self.box.children, self.notice)
        if saved:
            self._restore(saved)

    def _build(self) -> widgets.VBox:  # pragma: no cover - abstract
        raise NotImplementedError

    def _restore(self, record: dict[str, Any]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def _save(self, answer: Any, correct: bool | None = None, status: str | None = None) -> bool:
        try:
            progress.save_answer(self.lesson, self.id, answer, correct=correct, kind=self.kind,
                                 status=status)
        except (OSError, ValueError) as exc:
            self.feedback.value = _note("no", escape(t("ui.error", reason=str(exc))))
            return False
        late = progress.class_copy_notice()  # saved; only the teacher's live copy is behind
        if late:
            self.notice.value = _note("note", escape(late))
        self._ask_about_name()
        return True

    def _ask_about_name(self) -> None:
        """Once per learner: answers are being saved without a name; say so and ask."""
        if identity.name_prompt_due():
            identity.mark_name_prompted()
            self.notice.value = _note("note", escape(t("assessment.name_skipped", self.lang)))

    def _restored_note(self, record: dict[str, Any]) -> str:
        # The full stored UTC timestamp: {time:time} shows it as local, readable time
        # («2 ديسمبر 2026، 07:33»), never an ISO string that reads backwards right-to-left.
        return _note("note", escape(t("ui.restored", self.lang,
                                      time=str(record.get("time", "")))))

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


class Choice(Item):
    """A multiple-choice check: feedback explains why the chosen answer is right or wrong."""

    kind = "choice"

    def _build(self) -> widgets.VBox:
        self.order = display_order(self.item["choices"], self.lesson, self.id)
        options = [(c["text"], c["id"]) for c in self.order]  # values stay the choice ids
        self.radio = widgets.RadioButtons(options=options, value=None,
                                          description=t("ui.choose", self.lang),
                                          style=_labelled(widgets.RadioButtons),
                                          layout=_layout(width="max-content",
                                                         max_width="100%"))
        self.radio.observe(self._on_change, names="value")
        children = [self.prompt]
        if self.item.get("context_html"):
            children.append(_html(self.item["context_html"], self.lang, "kit-context",
                                  shared_layout=True))
        return _box(self.lang, self.kind, self.id, [*children, self.radio, self.feedback])

    def choice(self, choice_id: str) -> dict[str, Any]:
        for c in self.item["choices"]:
            if c["id"] == choice_id:
                return c
        raise KeyError(choice_id)

    def right(self, choice_id: str) -> bool:
        """Whether a choice is right: kit.lesson decides, from a plain or a hashed key."""
        from kit.lesson import choice_is_correct

        return choice_is_correct(self.lesson, self.item, choice_id)

    def _on_change(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        chosen = self.choice(change["new"])
        if self._save(chosen["id"], correct=self.right(chosen["id"])):
            self._show(chosen)

    def _show(self, chosen: dict[str, Any], extra: str = "") -> None:
        right = self.right(chosen["id"])
        verdict = t("ui.correct" if right else "ui.wrong", self.lang)
        body = f"<b>{escape(verdict)}</b> {escape(chosen['feedback'])}"
        if right and self.item.get("explanation"):
            body += f"<br>{escape(self.item['explanation'])}"
        if not right and self.item.get("hint"):
            # after a wrong attempt: a step towards the answer (never the answer), labelled
            body += (f'<p class="kit-hint"><b>{escape(t("lesson_ui.hint", self.lang))}</b> '
                     f"{escape(self.item['hint'])}</p>")
        self.feedback.value = f"<div {_dir_attrs(self.lang)}>" + extra + _note(
            "ok" if right else "no", body) + "</div>"

    def _restore(self, record: dict[str, Any]) -> None:
        try:
            chosen = self.choice(str(record.get("answer")))
        except KeyError:
            return  # the item changed since the answer was saved: start fresh
        self.radio.unobserve(self._on_change, names="value")
        self.radio.value = chosen["id"]
        self.radio.observe(self._on_change, names="value")
        self._show(chosen, extra=self._restored_note(record))


class _Written(Item):
    """Shared by free-text items: a box, a button, validation that keeps the text on refusal."""

    multiline = True

    def _build(self) -> widgets.VBox:
        limit = int(self.item.get("max_chars", progress.MAX_TEXT_CHARS))
        cls = widgets.Textarea if self.multiline else widgets.Text
        # continuous_update=False: the text is sent when the box loses focus, which happens
        # before the button's click arrives, so a fast learner never saves a cut-off answer.
        self.text = cls(value="", placeholder=self.item.get("placeholder", ""),
                        continuous_update=False,
                        description=t("ui.answer_label", self.lang),
                        style=_labelled(cls), layout=_layout(width="100%"))
        self.limit = limit
        self.button = widgets.Button(description=t(self._button_key, self.lang),
                                     tooltip=t(self._button_key, self.lang),
                                     button_style="primary", style=_style(widgets.Button),
                                     layout=_layout(width="auto"))  # never cut off
        self.button.on_click(lambda _b: self.submit())
        context = ([_html(self.item["context_html"], self.lang, "kit-context",
                          shared_layout=True)]
                   if self.item.get("context_html") else [])
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, *context, self.text, self.button, self.feedback])

    _button_key = "ui.submit"

    def submit(self) -> bool:
        """Validate and save the text in the box; on refusal the text stays for the learner."""
        value = self.text.value
        if not value.strip():
            self.feedback.value = _note("no", escape(t("ui.empty", self.lang)))
            return False
        if len(value) > self.limit:
            self.feedback.value = _note("no", escape(
                t("ui.too_long", self.lang, n=len(value), max=self.limit)))
            return False
        if not self._save(value):
            return False
        self._after_submit()
        return True

    def _after_submit(self, extra: str = "") -> None:
        self.feedback.value = extra + _note("ok", escape(t("ui.saved", self.lang)))

    def _restore(self, record: dict[str, Any]) -> None:
        self.text.value = str(record.get("answer", ""))
        self._after_submit(extra=self._restored_note(record))


class _SelfPlaced:
    """Shared by judged items (open answers, the fact-check): the learner places a real
    submission on the item's three levels, and only then sees the rubric and the exemplar."""

    lesson: str
    id: str
    item: dict[str, Any]
    lang: str
    feedback: widgets.HTML
    _level_label_key = "assessment.level_label"
    _your_level_key = "assessment.your_level"

    def _add_levels(self) -> None:
        """Make the (hidden) levels and the reveal line, to end the box _build makes next."""
        levels = self.item.get("levels", {})
        options = []
        for key in progress.LEVELS:
            label = t(f"assessment.level.{key}", self.lang)
            options.append((f"{label} — {levels[key]}" if levels.get(key) else label, key))
        self.levels = widgets.RadioButtons(options=options, value=None,
                                           description=t(self._level_label_key, self.lang),
                                           style=_labelled(widgets.RadioButtons),
                                           layout=widgets.Layout(width="max-content",
                                                                 max_width="100%",
                                                                 display="none"))
        self.levels.observe(self._on_level, names="value")
        self.reveal = _html("", self.lang, "kit-reveal", shared_layout=True)
        _TAIL.set((self.levels, self.reveal, *_TAIL.get()))

    def _record(self) -> dict[str, Any]:
        return progress.load_answers().get(self.lesson, {}).get(self.id) or {}

    def _ask_for_level(self) -> None:
        """Show the three levels, nothing of the rubric or exemplar yet."""
        self.levels.layout.display = None
        self.reveal.value = ""

    def _on_level(self, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        try:
            progress.set_self_level(self.lesson, self.id, change["new"])
        except (OSError, ValueError) as exc:
            self.feedback.value = _note("no", escape(t("ui.error", reason=str(exc))))
            return
        self._show_level(change["new"])

    def _show_level(self, level: str | None) -> None:
        """The learner's level, then the levels, the rubric and the exemplar."""
        self.levels.layout.display = None
        if level in progress.LEVELS and self.levels.value != level:
            self.levels.unobserve(self._on_level, names="value")
            self.levels.value = level
            self.levels.observe(self._on_level, names="value")
        # the place chosen before seeing the exemplar is the one the teacher compares with
        self.levels.disabled = level in progress.LEVELS
        mine = (escape(t(self._your_level_key, self.lang,
                         level=t(f"assessment.level.{level}", self.lang)))
                if level in progress.LEVELS else "")
        levels = self.item.get("levels", {})
        described = "".join(
            f"<li><b>{escape(t(f'assessment.level.{k}', self.lang))}</b>: {escape(levels[k])}</li>"
            for k in progress.LEVELS if levels.get(k))
        rubric = "".join(f"<li>{escape(r)}</li>" for r in self.item.get("rubric", []))
        self.reveal.value = (
            f"<div {_dir_attrs(self.lang)}><p>{mine}</p>"
            + (f"<b>{escape(t('assessment.levels_title', self.lang))}</b><ul>{described}</ul>"
               if described else "")
            + f"<b>{escape(t('ui.rubric', self.lang))}</b><ul>{rubric}</ul>"
            f"<b>{escape(t('ui.exemplar', self.lang))}</b>"
            f"<blockquote>{escape(self.item.get('exemplar', ''))}</blockquote></div>")


class Open(_SelfPlaced, _Written):
    """An open response, judged before it counts.

    An answer too thin to judge is kept as a draft and the learner is told what is missing.
    A real submission asks the learner to place it on the three-level rubric; only then are
    the rubric and the exemplar shown. Edits after that are kept as revisions beside the
    submission (kit.progress), which is never overwritten.
    """

    kind = "open"

    def _build(self) -> widgets.VBox:
        self._add_levels()
        return super()._build()

    def _own_article(self) -> bool:
        """Items about an article the learner brings, not the lesson article."""
        return (self.item.get("reference") == "own_article"
                or self.lesson in OWN_ARTICLE_LESSONS)

    def submit(self) -> bool:
        """Judge and save the text: a draft (False) or a submission or revision (True)."""
        value = self.text.value
        if not value.strip() or len(value) > self.limit:
            return super().submit()
        missing = judge_open(value, self.item, self.lang, own_article=self._own_article())
        if missing:
            if self._save(value, status="draft"):
                self._show_draft(missing)
            return False
        if not self._save(value, status="submitted"):
            return False
        self._after_submit()
        return True

    def _show_draft(self, missing: list[str], extra: str = "") -> None:
        items = "".join(f"<li>{escape(m)}</li>" for m in missing)
        self.feedback.value = extra + _note(
            "note", f"{escape(t('assessment.draft_kept', self.lang))}<ul>{items}</ul>")

    def _after_submit(self, extra: str = "") -> None:
        record = self._record()
        if record.get("exemplar_seen"):
            revised = record.get("revisions") and not extra
            head = t("assessment.revision_saved" if revised else "ui.saved", self.lang)
            self.feedback.value = extra + _note("ok", escape(head))
            self._show_level(record.get("self_level"))
            return
        self.feedback.value = extra + _note("ok", escape(t("assessment.place_yourself",
                                                             self.lang)))
        self._ask_for_level()

    def _restore(self, record: dict[str, Any]) -> None:
        attempts = record.get("attempts") or []
        latest = attempts[-1].get("answer") if attempts else record.get("answer", "")
        self.text.value = str(latest if latest is not None else "")
        note = self._restored_note(record)
        if record.get("status") == "draft":
            missing = judge_open(self.text.value, self.item, self.lang,
                                 own_article=self._own_article())
            self._show_draft(missing, extra=note)
            return
        self._after_submit(extra=note)


class ShortText(_Written):
    """A one-line answer, such as a search query."""

    kind = "text"
    multiline = False
    _button_key = "ui.save"


class LearnerName(ShortText):
    """The learner's name, kept beside their id (kit.identity).

    Correcting a name asks for a confirmation first and keeps every answer.
    """

    kind = "text"

    def _build(self) -> widgets.VBox:
        self.confirm = widgets.Button(description=t("assessment.name_confirm_button", self.lang),
                                      tooltip=t("assessment.name_confirm_button", self.lang),
                                      button_style="warning", style=_style(widgets.Button),
                                      layout=widgets.Layout(display="none", width="auto"))
        self.confirm.on_click(lambda _b: self.submit(confirmed=True))
        self._correction: tuple[str, str] | None = None
        _TAIL.set((self.confirm, *_TAIL.get()))  # under the save button, above the notice
        return super()._build()

    def submit(self, confirmed: bool = False) -> bool:
        """Save the name; a different name from the saved one waits for a confirmation."""
        value = self.text.value
        try:
            new = progress._clean_name(value)
            old = identity.current().name
        except ValueError as exc:
            self.feedback.value = _note("no", escape(str(exc)))
            return False
        except Exception:
            old = None
        self.confirm.layout.display = "none"
        if old and old != new and not (confirmed and self._correction == (old, new)):
            self._correction = (old, new)
            self.confirm.layout.display = None
            self.feedback.value = _note("note", escape(
                t("assessment.name_confirm", self.lang, old=old, new=new)))
            return False
        self._correction = (old, new) if old and old != new else None
        return super().submit()

    def _save(self, answer: Any, correct: bool | None = None, status: str | None = None) -> bool:
        try:
            progress.set_learner(answer)
        except ValueError as exc:
            self.feedback.value = _note("no", escape(str(exc)))
            return False
        return super()._save(answer.strip(), correct, status)

    def _after_submit(self, extra: str = "") -> None:
        name = self.text.value.strip()
        if self._correction and not extra:
            old, new = self._correction
            self._correction = None
            self.feedback.value = _note("ok", escape(t(
                "assessment.name_corrected", self.lang, old=old, new=new,
                n=identity.answer_count())))
            return
        self.feedback.value = extra + _note(
            "ok", escape(t("ui.learner_saved", self.lang, name=name)))


class Rating(Item):
    """A rating on a labelled scale (e.g. trust from 1 to 5), saved on every change."""

    kind = "rating"

    def _build(self) -> widgets.VBox:
        low, high = int(self.item["min"]), int(self.item["max"])
        labels = self.item["labels"]
        options = []
        for i, value in enumerate(range(low, high + 1)):
            label = labels[i] if i < len(labels) else ""
            options.append((f"{value} — {label}" if label else str(value), value))
        self.radio = widgets.RadioButtons(options=options, value=None,
                                          description=t("ui.rating_label", self.lang),
                                          style=_labelled(widgets.RadioButtons),
                                          layout=_layout(width="max-content",
                                                         max_width="100%"))
        self.radio.observe(self._on_change, names="value")
        return _box(self.lang, self.kind, self.id, [self.prompt, self.radio, self.feedback])

    def _on_change(self, change: dict[str, Any]) -> None:
        if change["new"] is not None and self._save(int(change["new"])):
            self.feedback.value = _note("ok", escape(t("ui.saved", self.lang)))

    def _restore(self, record: dict[str, Any]) -> None:
        value = record.get("answer")
        if value not in [v for _label, v in self.radio.options]:
            return
        self.radio.unobserve(self._on_change, names="value")
        self.radio.value = value
        self.radio.observe(self._on_change, names="value")
        self.feedback.value = self._restored_note(record)


class Coding(Item):
    """Code paragraphs with one option each; compare with a reference coding (agreement, κ).

    Each paragraph's code is saved as its own item `code_p<N>` so a class dashboard can
    compute agreement per learner and across the class.
    """

    kind = "coding"

    def __init__(self, lesson: str, item: dict[str, Any], lang: str,
                 saved: dict[str, Any] | None = None, reference: dict[int, str] | None = None,
                 paragraph_text: dict[int, str] | None = None,
                 lesson_answers: dict[str, Any] | None = None) -> None:
        self.reference = reference or {}
        self.paragraph_text = paragraph_text or {}
        self._lesson_answers = lesson_answers or {}
        super().__init__(lesson, item, lang, saved)

    def _build(self) -> widgets.VBox:
        opts = [("—", None)] + [(o["text"], o["id"]) for o in self.item["options"]]
        self.dropdowns: dict[int, widgets.Dropdown] = {}
        rows = [self.prompt]
        for n in self.item["paragraphs"]:
            label = t("ui.paragraph", self.lang, n=n)
            excerpt = self.paragraph_text.get(n, "")
            dd = widgets.Dropdown(options=opts, value=None, description=label,
                                  style=_labelled(widgets.Dropdown), layout=_layout())
            saved = self._lesson_answers.get(f"code_p{n}")
            if saved and saved.get("answer") in [v for _l, v in opts]:
                dd.value = saved["answer"]
            dd.observe(lambda ch, n=n: self._on_change(n, ch), names="value")
            self.dropdowns[n] = dd
            if excerpt:
                # the excerpt keeps the article's own direction inside either edition
                rows.append(_html(f'<span dir="auto" style="color:#444">{escape(excerpt)}</span>',
                                  self.lang, "kit-excerpt", shared_layout=True))
            rows.append(dd)
        self.button = widgets.Button(description=t("ui.compare", self.lang),
                                     tooltip=t("ui.compare", self.lang), button_style="primary",
                                     style=_style(widgets.Button), layout=_layout(width="auto"))
        self.button.on_click(lambda _b: self.compare())
        return _box(self.lang, self.kind, self.id, [*rows, self.button, self.feedback])

    def _on_change(self, n: int, change: dict[str, Any]) -> None:
        if change["new"] is None:
            return
        ref = self.reference.get(n)
        try:
            progress.save_answer(self.lesson, f"code_p{n}", change["new"],
                                 correct=None if ref is None else change["new"] == ref,
                                 kind="coding")
        except (OSError, ValueError) as exc:
            self.feedback.value = _note("no", escape(t("ui.error", reason=str(exc))))

    def coding(self) -> dict[int, str]:
        """The learner's current codes, paragraph -> option id."""
        return {n: dd.value for n, dd in self.dropdowns.items() if dd.value is not None}

    def compare(self) -> dict[str, Any] | None:
        """Show agreement with the reference coding and Cohen's κ; return the figures."""
        from kit.framing import cohen_kappa

        mine = self.coding()
        common = [n for n in mine if n in self.reference]
        if not common:
            self.feedback.value = _note("note", escape(t("ui.agreement_none", self.lang)))
            return None
        a = [mine[n] for n in common]
        b = [self.reference[n] for n in common]
        agree = sum(x == y for x, y in zip(a, b, strict=True))
        kappa = cohen_kappa(a, b)
        names = {o["id"]: o["text"] for o in self.item["options"]}
        reasons: dict[int, dict[str, Any]] = {}
        if self.item.get("reference") == "framing":  # the reference's reason per paragraph
            from kit.charts.framing import coding_reasons

            reasons = coding_reasons(self.lang)
        rows = "".join(
            f"<tr><td>{n}</td><td>{escape(names.get(mine[n], mine[n]))}</td>"
            f"<td>{escape(names.get(self.reference[n], self.reference[n]))}</td>"
            f"<td>{'✓' if mine[n] == self.reference[n] else '✗'}</td>"
            f"<td>{escape(reasons.get(n, {}).get('reason', ''))}</td></tr>" for n in common)
        head = (f"<tr><th>#</th><th>{escape(t('ui.your_choice', self.lang))}</th>"
                f"<th>{escape(t('ui.reference', self.lang))}</th><th></th>"
                f"<th>{escape(t('teacher.col_reason', self.lang))}</th></tr>")
        kappa_text = "—" if kappa != kappa else f"{kappa:.2f}"  # NaN when undefined
        summary = t("ui.agreement", self.lang, agree=agree, total=len(common),
                    percent=round(100 * agree / len(common)), kappa=kappa_text)
        self.feedback.value = (_note("ok", escape(summary))
                               + f"<table {_dir_attrs(self.lang)}>{head}{rows}</table>")
        progress.save_answer(self.lesson, self.id, {"agree": agree, "total": len(common)},
                             kind="coding")
        return {"agree": agree, "total": len(common), "kappa": kappa}

    def _restore(self, record: dict[str, Any]) -> None:
        if self.coding():
            self.compare()


class ExportButton:
    """Writes the learner's export file and shows a download link (Binder learners keep it)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.button = widgets.Button(description=t("ui.export", lang), tooltip=t("ui.export", lang),
                                     button_style="success", icon="download",
                                     style=_style(widgets.Button), layout=_layout(width="auto"))
        self.output = _html("", lang, "kit-feedback", shared_layout=True)
        self.button.on_click(lambda _b: self.export())
        self.box = _box(lang, "export", "export", [self.button, self.output])

    def export(self):
        """Write the export file and put a download link under the button."""
        try:
            path = progress.export_answers(self.lang)
        except (OSError, ValueError) as exc:
            self.output.value = _note("no", escape(t("ui.error", self.lang, reason=str(exc))))
            return None
        link = progress.export_link_html(path)
        self.output.value = _note("ok", escape(t("ui.exported", self.lang, name=path.name))
                                  + " " + link)
        return path

    def _repr_mimebundle_(self, **kwargs: Any) -> Any:
        return self.box._repr_mimebundle_(**kwargs)


class FactCheckForm(_SelfPlaced, Item):
    """The learner's own fact-check: a claim, its claimant, evidence, a verdict and sources.

    Judged like an open answer. A fact-check too thin to judge (a field missing, evidence
    under MIN_WORDS words, no valid source address) is kept as a draft and the learner is told
    what is missing. A real submission shows the card, the ClaimReview JSON-LD and a download
    link, and asks the learner to place it on the three levels; only then are the rubric and
    the exemplar shown. A later submission is kept as a revision beside the first
    (kit.progress), never in its place.
    """

    kind = "factcheck"
    _level_label_key = "assessment.factcheck_level_label"
    _your_level_key = "assessment.your_factcheck_level"

    def __init__(self, lesson: str, item: dict[str, Any], lang: str,
                 saved: dict[str, Any] | None = None,
                 claims: list[dict[str, Any]] | None = None) -> None:
        # real claims only: the article's words (claims.json quote) are a statement of three
        # words or more, not a lone «الثلاثاء»; the same claims in both editions
        from kit.datasets import load_dataset

        quotes = {c["id"]: c["quote"] for c in load_dataset("claims")["items"]}
        self.claims = {c["id"]: c for c in (claims or [])
                       if len(str(quotes.get(c["id"], c.get("text", ""))).split()) >= 3}
        super().__init__(lesson, item, lang, saved)

    def _build(self) -> widgets.VBox:
        from kit.claimreview import VERDICTS
        from kit.verdicts import label as verdict_label

        wide = _layout(width="100%")
        options = [("—", None)] + [(c["label"], cid) for cid, c in self.claims.items()]
        self.claim = widgets.Dropdown(options=options, value=None, layout=wide,
                                      style=_labelled(widgets.Dropdown),
                                      description=t("factcheck.claim", self.lang))
        self.claim.observe(self._on_claim, names="value")
        self.claimant = widgets.Text(description=t("factcheck.claimant", self.lang),
                                     style=_labelled(widgets.Text), layout=wide)
        self.evidence = widgets.Textarea(description=t("factcheck.evidence", self.lang),
                                         placeholder=t("factcheck.evidence_hint", self.lang),
                                         style=_labelled(widgets.Textarea), layout=wide)
        self.verdict = widgets.Dropdown(
            # A learner's conclusion: every verdict of the one scale but "not yet checked".
            options=[("—", None)] + [(verdict_label(v, self.lang), v) for v in VERDICTS
                                     if v != "unchecked"],
            value=None, description=t("factcheck.verdict", self.lang),
            style=_labelled(widgets.Dropdown), layout=_layout())
        self.sources = widgets.Textarea(description=t("factcheck.sources", self.lang),
                                        placeholder="https://…", style=_labelled(widgets.Textarea),
                                        layout=wide)
        self.button = widgets.Button(description=t("factcheck.make", self.lang),
                                     tooltip=t("factcheck.make", self.lang),
                                     button_style="primary", style=_style(widgets.Button),
                                     layout=_layout(width="auto"))
        self.button.on_click(lambda _b: self.submit())
        self._add_levels()
        return _box(self.lang, self.kind, self.id,
                    [self.prompt, self.claim, self.claimant, self.evidence,
                     self.verdict, self.sources, self.button, self.feedback])

    def _on_claim(self, change: dict[str, Any]) -> None:
        claim = self.claims.get(change["new"])
        if claim and not self.claimant.value.strip():
            self.claimant.value = claim.get("claimant", "")

    def fact_check(self):
        from kit import progress
        from kit.claimreview import FactCheck, parse_sources

        claim = self.claims.get(self.claim.value, {})
        return FactCheck(claim=claim.get("text", ""), claimant=self.claimant.value,
                         evidence=self.evidence.value, verdict=self.verdict.value or "",
                         sources=parse_sources(self.sources.value),
                         claim_id=self.claim.value or "", author=progress.current_learner())

    def _check_of(self, saved: dict[str, Any]):
        """A FactCheck from a stored answer (the claim text as it was saved)."""
        from kit.claimreview import FactCheck

        sources = saved.get("sources") if isinstance(saved.get("sources"), list) else []
        return FactCheck(**{k: str(saved.get(k, "")) for k in
                            ("claim", "claimant", "evidence", "verdict", "claim_id")},
                         sources=[str(s) for s in sources],
                         author=progress.current_learner())  # kit.identity's name, not 'learner'

    def missing(self, check: Any) -> list[str]:
        """What keeps a fact-check from being judged, in the learner's language ([] if none)."""
        found = check.problems(self.lang)
        n = word_count(check.evidence)
        if check.evidence.strip() and n < MIN_WORDS:
            found.append(t("assessment.need_evidence_words", self.lang, n=MIN_WORDS, got=n))
        return found

    def submit(self) -> bool:
        """Judge the form: a draft (False) or a submission or revision (True).

        Nothing is saved when every field is empty or a field is over the length limit (the
        text stays in the boxes); anything else thin is kept as a draft.
        """
        from kit.claimreview import MAX_FIELD_CHARS

        check = self.fact_check()
        missing = self.missing(check)
        fields = (check.claim_id, check.claimant, check.evidence, check.verdict, *check.sources)
        empty = not any(str(f).strip() for f in fields)
        too_long = any(len(f) > MAX_FIELD_CHARS for f in (check.claimant, check.evidence))
        if empty or too_long:
            items = "".join(f"<li>{escape(p)}</li>" for p in missing)
            self.feedback.value = _note("no", f"<ul>{items}</ul>")
            return False
        if missing:
            if self._save(check.to_dict(), status="draft"):
                self._show_draft(missing)
            return False
        if not self._save(check.to_dict(), status="submitted"):
            return False
        self._after_submit(check)
        return True

    def _show_draft(self, missing: list[str], extra: str = "") -> None:
        submitted = self._record().get("status") == "submitted"
        head = t("assessment.factcheck_draft_after_submit" if submitted
                 else "assessment.factcheck_draft", self.lang)
        items = "".join(f"<li>{escape(m)}</li>" for m in missing)
        self.feedback.value = extra + _note("note", f"{escape(head)}<ul>{items}</ul>")

    def _after_submit(self, check: Any, extra: str = "") -> None:
        record = self._record()
        if record.get("exemplar_seen"):
            revised = record.get("revisions") and not extra
            self._show(check, extra, t("assessment.revision_saved" if revised else "ui.saved",
                                       self.lang))
            self._show_level(record.get("self_level"))
            return
        self._show(check, extra, t("assessment.place_factcheck", self.lang))
        self._ask_for_level()

    def _show(self, check: Any, extra: str = "", head: str = "") -> None:
        """The card, the ClaimReview JSON-LD and its download link (no rubric: see reveal)."""
        import base64
        import json

        from kit.claimreview import card_html, claim_review, jsonld_html

        review = claim_review(check, self.lang)
        payload = base64.b64encode(json.dumps(review, ensure_ascii=False, indent=2)
                                   .encode("utf-8")).decode("ascii")
        link = (f'<a download="claimreview.jsonld" '
                f'href="data:application/ld+json;base64,{payload}">'
                f"{escape(t('factcheck.download', self.lang))}</a>")
        self.feedback.value = (
            extra + _note("ok", escape(head or t("ui.saved", self.lang)))
            + card_html(check, self.lang) + f"<p>{link}</p>" + jsonld_html(review))

    def _restore(self, record: dict[str, Any]) -> None:
        attempts = [a for a in record.get("attempts") or [] if isinstance(a, dict)]
        latest = attempts[-1] if attempts else record
        saved = latest.get("answer")
        if not isinstance(saved, dict):
            saved = record.get("answer")
            latest = record
        if not isinstance(saved, dict):
            return
        if saved.get("claim_id") in self.claims:
            self.claim.value = saved["claim_id"]
        self.claimant.value = str(saved.get("claimant", ""))
        self.evidence.value = str(saved.get("evidence", ""))
        if saved.get("verdict") in [v for _l, v in self.verdict.options]:
            self.verdict.value = saved["verdict"]
        sources = saved.get("sources") if isinstance(saved.get("sources"), list) else []
        self.sources.value = "\n".join(str(s) for s in sources)
        check = self._check_of(saved)
        note = self._restored_note(record)
        if latest.get("draft") or record.get("status") == "draft":
            self._show_draft(self.missing(check), extra=note)
            if record.get("status") == "submitted":  # a thin edit after a real submission
                if record.get("exemplar_seen"):
                    self._show_level(record.get("self_level"))
                else:
                    self._ask_for_level()
            return
        self._after_submit(check, extra=note)
