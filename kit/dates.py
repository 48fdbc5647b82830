"""Kept for old imports: the finder lives in ``kit.finders.dates`` (issue 14)."""

from kit.finders.dates import *  # noqa: F403
from kit.finders.dates import __all__, clock_hours, without_overlaps  # noqa: F401
