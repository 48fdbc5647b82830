"""Kept for old imports: the finder lives in ``kit.finders.quotes`` (issue 14)."""

from kit.finders.quotes import *  # noqa: F403
from kit.finders.quotes import __all__  # noqa: F401
