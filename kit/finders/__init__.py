"""Finders for figures, quotations and dates in Arabic or English news text (issue 14).

A small package with no dependency on the lessons, widgets or charts: each finder takes a ``str``
and returns frozen dataclasses whose ``start``/``end`` point into that exact string.

- ``find_numbers(text)`` -> ``NumberMention`` (value in base units, unit, hedge, range).
- ``find_quotes(text)`` -> ``QuoteMention`` (direct or reported, the speaker as written and
  ``speaker_canonical``, one name per person within the text); ``group_speakers(quotes)`` gives
  the groups.
- ``find_dates(text, published=None)`` -> ``DateMention`` (weekday, date, month, year, time,
  relative day resolved against ``published`` when it is given); ``weekday_conflicts(text)`` and
  ``date_checks(text, published=None)`` say where the text's days disagree.

See docs/finders.md.
"""

from kit.finders.dates import (
    DateCheck,
    DateMention,
    WeekdayConflict,
    date_checks,
    find_dates,
    weekday_conflicts,
)
from kit.finders.numbers import NumberMention, find_numbers
from kit.finders.quotes import QuoteMention, SpeakerGroup, find_quotes, group_speakers

__all__ = [
    "DateCheck", "DateMention", "NumberMention", "QuoteMention", "SpeakerGroup", "WeekdayConflict",
    "date_checks", "find_dates", "find_numbers", "find_quotes", "group_speakers",
    "weekday_conflicts",
]
