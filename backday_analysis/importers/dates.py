"""Check an export's dates: reject a row with an impossible date, refuse a re-saved file."""

from __future__ import annotations

import pandas as pd

from backday_analysis.errors import located
from backday_analysis.importers.cells import Verdicts, shown
from backday_analysis.importers.table import REEXPORT


def check_dates(
    when: pd.Series,
    text: pd.Series,
    lines: pd.Series,
    verdicts: Verdicts,
    file: str,
    app: str,
    expected: str,
    shaped: pd.Series | None = None,
) -> None:
    """Reject rows whose date did not parse; if no row's date parses, refuse the whole file.

    ``shaped`` marks the dates written the way the app writes them (digits in the right
    places, a known month name); one of those that did not parse is an impossible date
    (``2026-02-30``, month 13, hour 25, a year out of range) and only its row is rejected.
    A file where no date parses and none is written the app's way was almost always re-saved
    by a spreadsheet, which rewrites dates (``12/05/2024``); it is refused as a whole.
    """
    bad = when.isna() & verdicts.open
    if not bad.any():
        return
    if shaped is None:
        shaped = pd.Series(False, index=when.index)
    impossible = bad & shaped.fillna(False).astype(bool)
    if not (when.notna() & verdicts.open).any() and not impossible.any():
        first = bad.to_numpy().nonzero()[0][0]
        raise located(
            file,
            int(lines.iloc[first]),
            f"the date '{shown(text.iloc[first])}' is not "
            f"written {expected} as {app} exports it (a spreadsheet re-save "
            "rewrites dates)",
            REEXPORT,
        )
    verdicts.reject(
        impossible,
        "the date '" + text.astype(str) + "' is not a possible date (no such day or time, "
        "or a year out of range)",
    )
    verdicts.reject(bad, "the date '" + text.astype(str) + f"' is not written {expected}")
