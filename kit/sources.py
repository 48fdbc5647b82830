"""Who speaks in the article: speakers, attributions (quotes and paraphrases), missing voices."""

from __future__ import annotations

from typing import Any

from kit.datasets import load_dataset
from kit.i18n import get_language, t

__all__ = [
    "attribution_highlights", "attributions_table", "count_words", "missing_voices",
    "source_date", "source_label", "speaker", "speakers_table", "words_by_stance",
]

STANCES = ("success", "failure", "mixed", "neutral", "none")


def count_words(text: str) -> int:
    """Words in a text: whitespace-separated tokens holding at least one letter or digit.

    >>> count_words("“هناك الكثير من الناس” ، قال")
    5
    """
    return sum(1 for token in text.split() if any(c.isalnum() for c in token))


def _data() -> dict[str, Any]:
    return load_dataset("sources")


def _names(lang: str) -> dict[str, str]:
    return {s["id"]: s[f"name_{lang}"] for s in _data()["speakers"]}


def speaker(speaker_id: str) -> dict[str, Any]:
    """One speaker's record by id (e.g. 'sacks')."""
    for s in _data()["speakers"]:
        if s["id"] == speaker_id:
            return s
    ids = ", ".join(s["id"] for s in _data()["speakers"])
    raise ValueError(f"There is no speaker {speaker_id!r}. The speakers are: {ids}")


def source_date(date: str, lang: str | None = None) -> str:
    """A source's date as people write it: «24 مايو 2023»، «مايو 2023»، «2023»، «بلا تاريخ».

    Sources give a day, a month ("2023-05") or a year; the ISO form is never shown (in Arabic
    it reads backwards).

    >>> source_date("2023-05-24", "ar"), source_date("2022-10", "en"), source_date("undated", "ar")
    ('24 مايو 2023', 'October 2022', 'بلا تاريخ')
    """
    from kit.i18n import MONTHS_AR, MONTHS_EN, readable_time

    lang = lang or get_language()
    if date == "undated":
        return t("sources.undated", lang)
    parts = date.split("-")
    if len(parts) == 2 and all(p.isdigit() for p in parts) and 1 <= int(parts[1]) <= 12:
        months = MONTHS_AR if lang == "ar" else MONTHS_EN
        return f"{months[int(parts[1]) - 1]} {parts[0]}"
    if len(parts) == 1 and date.isdigit():
        return date
    return readable_time(date, lang, date_only=True)


def source_label(source: dict[str, Any], lang: str | None = None, *,
                 confidence: bool = True, date: bool = True) -> str:
    """A source as a reader sees it, in `lang`: name, what kind of copy or outlet, date, confidence.

    Arabic names are in Arabic script; unofficial copies, blogs and partisan outlets say so.
    What the name already says in brackets is not said twice, and one pair of brackets holds
    it all: «نيويورك تايمز (مقتبسة في مدوّنة ديغبي، مدوّنة أو موقع تجميع)».

    >>> source_label({"outlet": "AP (copy)", "outlet_ar": "أسوشيتد برس (نسخة غير رسمية)",
    ...               "tags": ["copy"], "date": "2023-05-24", "confidence": "partial"}, "ar")
    'أسوشيتد برس (نسخة غير رسمية، 24 مايو 2023، مؤكَّد جزئيًّا)'
    """
    lang = lang or get_language()
    name = source["outlet_ar"] if lang == "ar" else source["outlet"]
    parts = [t(f"sources.tag.{tag}", lang) for tag in source.get("tags", [])]
    parts = [p for p in parts if p.lower() not in name.lower()]
    if date:
        parts.append(source_date(source["date"], lang))
    if confidence:
        parts.append(t(f"references.confidence.{source['confidence']}", lang))
    comma = "، " if lang == "ar" else ", "
    if not parts:
        return name
    if name.endswith(")"):
        return f"{name[:-1]}{comma}{comma.join(parts)})"
    return f"{name} ({comma.join(parts)})"


def _sources_text(sources: list[dict[str, Any]], lang: str) -> str:
    sep = "؛ " if lang == "ar" else "; "
    return sep.join(f"{source_label(s, lang)} {s['url']}" for s in sources)


def speakers_table(lang: str | None = None):
    """One row per speaker: role, affiliation, likely interest, stance, words in the article."""
    import pandas as pd

    lang = lang or get_language()
    words: dict[str, int] = {}
    quotes: dict[str, int] = {}
    for a in _data()["attributions"]:
        words[a["speaker"]] = words.get(a["speaker"], 0) + a["word_count"]
        quotes[a["speaker"]] = quotes.get(a["speaker"], 0) + 1
    rows = [{"id": s["id"], "name": s[f"name_{lang}"], "role": s[f"role_{lang}"],
             "affiliation": s[f"affiliation_{lang}"],
             "relation_to_event": s[f"relation_to_event_{lang}"],
             "interest": s[f"interest_{lang}"], "heard": s["heard"], "stance": s["stance"],
             "stance_label": t(f"sources.stance.{s['stance']}", lang),
             "stance_rationale": s[f"stance_rationale_{lang}"],
             "quotes": quotes.get(s["id"], 0), "words": words.get(s["id"], 0),
             "sources": _sources_text(s["sources"], lang)}
            for s in _data()["speakers"]]
    return pd.DataFrame(rows)


def attributions_table(lang: str | None = None):
    """One row per quote or paraphrase: paragraph, speaker, mode, verb, words, English, stance."""
    import pandas as pd

    lang = lang or get_language()
    names = _names(lang)
    rows = []
    for a in _data()["attributions"]:
        english = a["english_original"] or a["back_translation"]
        rows.append({
            "id": a["id"], "paragraph": a["paragraph"], "start": a["start"], "end": a["end"],
            "quote": a["quote"], "speaker": a["speaker"], "speaker_name": names[a["speaker"]],
            "co_speakers": ", ".join(names[c] for c in a["co_speakers"]),
            "as_written": (a["speaker_as_written"] or {}).get("quote", ""),
            "mode": a["mode"], "mode_label": t(f"sources.mode.{a['mode']}", lang),
            "speech_verb": a["speech_verb"] or "", "word_count": a["word_count"],
            "stance": a["stance"], "stance_label": t(f"sources.stance.{a['stance']}", lang),
            "english": english, "english_is_back_translation": a["en_origin"] == "back_translation",
            "en_origin": a["en_origin"], "en_source": a["en_source"] or "",
            "en_origin_label": t(f"english_origin.{a['en_origin']}", lang),
            "english_confidence": a["english_confidence"],
            "note": a.get(f"note_{lang}", ""),
        })
    return pd.DataFrame(rows)


def words_by_stance(lang: str | None = None, include_narration: bool = True):
    """Words each speaker gets for each stance, largest first (a paraphrase counts for its
    first-named speaker only, so totals add up to the words quoted)."""
    import pandas as pd

    lang = lang or get_language()
    names = _names(lang)
    totals: dict[tuple[str, str], list[int]] = {}
    for a in _data()["attributions"]:
        if a["mode"] == "narration" and not include_narration:
            continue
        cell = totals.setdefault((a["speaker"], a["stance"]), [0, 0])
        cell[0] += a["word_count"]
        cell[1] += 1
    rows = [{"speaker": sp, "speaker_name": names[sp], "stance": st,
             "stance_label": t(f"sources.stance.{st}", lang), "words": w, "quotes": n}
            for (sp, st), (w, n) in totals.items()]
    cols = ["speaker", "speaker_name", "stance", "stance_label", "words", "quotes"]
    frame = pd.DataFrame(rows, columns=cols)
    return frame.sort_values(["words", "speaker"], ascending=[False, True], ignore_index=True)


def missing_voices(lang: str | None = None):
    """Who the article does not let speak, and why it matters."""
    import pandas as pd

    lang = lang or get_language()
    rows = [{"id": m["id"], "who": m[f"who_{lang}"], "why": m[f"why_{lang}"],
             "speaker": m["speaker"] or "", "paragraphs": m["paragraphs"],
             "sources": _sources_text(m["sources"], lang)}
            for m in _data()["missing_voices"]]
    return pd.DataFrame(rows)


def attribution_highlights(lang: str | None = None) -> list[dict[str, Any]]:
    """Highlights for Article.show(): each quote or paraphrase labelled with its speaker."""
    lang = lang or get_language()
    names = _names(lang)
    return [{"start": a["start"], "end": a["end"], "label": names[a["speaker"]],
             "group": a["stance"]} for a in _data()["attributions"]]
