"""Today's date, as every page that refuses the future reads it.

``$BACKDAY_TODAY`` (``YYYY-MM-DD``) stands in for the real date: tests pin the demo's last
week with it, and a coach can look at the demo as on the day it ends. It reaches report
kernels and notebooks through the environment, where a function argument cannot.
"""

from __future__ import annotations

import datetime as dt
import os

from backday_analysis.errors import BackdayError

TODAY_ENV = "BACKDAY_TODAY"


def today() -> dt.date:
    """Return ``$BACKDAY_TODAY`` as a date when it is set, else the real date.

    Raises
    ------
    BackdayError
        If ``$BACKDAY_TODAY`` is set but is not a date written ``YYYY-MM-DD``.
    """
    text = os.environ.get(TODAY_ENV, "").strip()
    if not text:
        return dt.date.today()
    try:
        return dt.date.fromisoformat(text) if len(text) == 10 else _refuse(text)
    except ValueError:
        return _refuse(text)


def _refuse(text: str) -> dt.date:
    raise BackdayError(
        f"{TODAY_ENV}={text} is not a date; write it as YYYY-MM-DD (for example 2026-11-25) "
        "or unset it to use the real date."
    )
