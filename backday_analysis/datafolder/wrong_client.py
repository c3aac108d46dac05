"""Warn when an export probably belongs to another client than the one it is imported for.

Apps export a person's whole history, so an export of the right client shares, over the days
it covers, the sets the log already holds from earlier exports. When the log already holds at
least :data:`MIN_SETS_IN_RANGE` sets between the export's first and last day, and the export
shares fewer than :data:`MAX_SHARED_SHARE` of them, it is likely someone else's: the import
still runs (a coach may merge two apps on purpose), but the summary warns and names the
``backday unimport`` command that undoes it.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.datafolder.import_summary import ImportSummary

#: Fewer sets of the log in the export's date range than this never give a warning.
MIN_SETS_IN_RANGE = 10
#: Below this share of those sets found in the export, the export looks like another client's.
MAX_SHARED_SHARE = 0.1


def sets_in_range(counts: pd.Series, first_date: str, last_date: str) -> int:
    """Return how many sets of a log's key counts fall on the days from first to last.

    ``counts`` is indexed by the duplicate keys of :func:`~.merge.set_keys`, which start with
    the set's ``YYYY-MM-DD``.
    """
    if counts.empty:
        return 0
    days = pd.Index(counts.index.astype(str).str.slice(0, 10))
    inside = (days >= first_date) & (days <= last_date)
    return int(counts.to_numpy()[inside].sum())


def wrong_client_warning(counts_before: pd.Series, summary: ImportSummary) -> str | None:
    """Return the warning for an export that shares almost none of the log's sets, or None.

    Parameters
    ----------
    counts_before : pandas.Series
        The key counts of the client's log before the export was merged.
    summary : ImportSummary
        The export's summary (date range, duplicates, and the import id if it added sets).
    """
    if not summary.first_date or summary.sets_imported == 0:
        return None
    in_range = sets_in_range(counts_before, summary.first_date, summary.last_date)
    shared = summary.duplicates_skipped
    if in_range < MIN_SETS_IN_RANGE or shared >= MAX_SHARED_SHARE * in_range:
        return None
    undo = (
        f"undo it with: backday unimport {summary.import_id}"
        if summary.import_id
        else "do not import it for this client"
    )
    return (
        f"{summary.file} may be another client's export: the log of '{summary.client}' "
        f"already holds {in_range} sets from {summary.first_date} to {summary.last_date} "
        f"and the export shares only {shared} of them; if it is not {summary.client}'s, "
        f"{undo}"
    )
