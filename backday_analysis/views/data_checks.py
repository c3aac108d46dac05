"""Show the weekly report's data checks: rows left out, unknown names, names a rule read.

Every function takes the :class:`~backday_analysis.views.client_week.ClientWeek` of one
client and week and returns what the report's "Data checks" section shows.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import BACK_GROUPS
from backday_analysis.importers.names import resolution_table
from backday_analysis.metrics.weekly import working_sets
from backday_analysis.views.client_week import GROUP_LABELS, ClientWeek


def accounting_sentence(report: ClientWeek) -> str:
    """Return how the log's rows were accounted for, in one sentence."""
    unmapped = int(report.unmapped["sets"].sum()) if not report.unmapped.empty else 0
    return (
        f"The log has {report.rows_read} rows: {len(report.sets)} sets were read and "
        f"{len(report.rejects)} rows were left out; {unmapped} working sets are of "
        "exercises the catalogue does not know."
    )


def rejects_table(report: ClientWeek) -> pd.DataFrame:
    """Return the rows of the client's log that were left out, with the reason."""
    return pd.DataFrame(
        {"Line": report.rejects["line"].to_numpy(), "Reason": report.rejects["reason"].to_numpy()}
    )


def unmapped_table(report: ClientWeek) -> pd.DataFrame:
    """Return the exercise names the catalogue does not know, with their working sets."""
    unmapped = report.unmapped
    return pd.DataFrame(
        {
            "Exercise as logged": unmapped["exercise"].to_numpy(),
            "Working sets": unmapped["sets"].to_numpy(),
            "Last logged": unmapped["last"].dt.strftime("%Y-%m-%d").to_numpy(),
        }
    )


def rule_resolved_table(report: ClientWeek) -> pd.DataFrame:
    """Return the logged names a rule resolved to an exercise with back credit, to check.

    One row per name in the client's log: the exercise it was read as, the rule, the back
    credits that exercise gives and the working sets logged. A coach who disagrees maps the
    name in ``data/aliases.csv``, which always wins over a rule.
    """
    data = report.dataset
    # Two columns, not every column of a long history, go through the row filter.
    own = working_sets(report.sets.loc[:, ["exercise", "set_kind"]])
    columns = ["Exercise as logged", "Read as", "Rule", "Back credits", "Working sets"]
    if own.empty:
        return pd.DataFrame(columns=columns)
    counts = own.groupby("exercise").size()
    names = pd.Series(counts.index, index=counts.index)
    resolved = resolution_table(names, data.names())
    catalogue = data.catalogue.set_index("exercise_id")
    rows = []
    for name, found in resolved.iterrows():
        if not str(found["resolved_by"]).startswith("rule:"):
            continue
        credits = catalogue.loc[found["exercise_id"], list(BACK_GROUPS)]
        if not (credits > 0).any():
            continue
        given = ", ".join(f"{GROUP_LABELS[g]} {credits[g]:g}" for g in BACK_GROUPS if credits[g])
        rule = str(found["resolved_by"]).removeprefix("rule:")
        rows.append(
            [name, catalogue.at[found["exercise_id"], "name"], rule, given, int(counts[name])]
        )
    table = pd.DataFrame(rows, columns=columns)
    return table.sort_values(["Working sets", "Exercise as logged"], ascending=[False, True])
