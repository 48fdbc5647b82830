"""Kept for old imports: the finder lives in ``kit.finders.numbers`` (issue 14)."""

from kit.finders.numbers import *  # noqa: F403
from kit.finders.numbers import __all__  # noqa: F401
