"""Give each flag its severity from the coach's table, and rank clients by urgency.

A flag's severity is a row of the severity table
(:mod:`~backday_analysis.datafolder.severity_rules`): the flag's code, its group (or every
group), and how long it has held (``weeks_at_least``), so a problem new this week can
outrank the same problem seen for weeks. Clients are ranked by their most severe flag, then
by how new their newest flag of that severity is, then by how many flags of that severity
they have, then by id. A new flag is a matter of adding its rows to the table: nothing here
names a flag.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable

import pandas as pd

from backday_analysis.datafolder.severity_rules import load_severity_rules, shipped_severity_path
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.flag_table import weeks_text

#: Severities from the most urgent; their rank orders flags and clients.
SEVERITIES = ("high", "medium", "low")
RANK = {s: i for i, s in enumerate(SEVERITIES)}


def shipped_rules() -> pd.DataFrame:
    """Return the shipped severity table, read once per process and change of the file."""
    path = shipped_severity_path()
    return _shipped(path.stat().st_mtime_ns).copy()


@functools.cache
def _shipped(modified_ns: int) -> pd.DataFrame:
    return load_severity_rules(shipped_severity_path().parent)


def apply_severity(flags: pd.DataFrame, rules: pd.DataFrame | None = None) -> pd.DataFrame:
    """Return ``flags`` with ``severity`` and ``why`` from the severity table ``rules``.

    Raises
    ------
    BackdayError
        If a raised flag has no row in the table (a flag code the table does not know).
    """
    rules = shipped_rules() if rules is None or rules.empty else rules
    if flags.empty:
        return flags
    rows = flags.reset_index(drop=True).assign(_row=lambda f: range(len(f)))
    match = rows[["_row", "flag", "group", "weeks"]].merge(
        rules[["flag", "group", "weeks_at_least", "severity", "why"]].rename(
            columns={"group": "_group"}
        ),
        on="flag",
    )
    match = match.loc[
        ((match["_group"] == "") | (match["_group"] == match["group"]))
        & (match["weeks_at_least"] <= match["weeks"])
    ]
    match = match.assign(_specific=match["_group"] != "")
    best = match.sort_values(
        ["_row", "_specific", "weeks_at_least"], ascending=[True, False, False]
    )
    best = best.drop_duplicates("_row").set_index("_row")
    missing = rows.loc[~rows["_row"].isin(best.index), "flag"]
    if len(missing):
        raise BackdayError(
            f"the severity table has no row for the flag '{missing.iloc[0]}' at "
            f"{weeks_text(int(rows.loc[missing.index[0], 'weeks']))}; add a row for it to "
            "severity.csv (weeks_at_least 1 covers every age)."
        )
    rows["severity"] = rows["_row"].map(best["severity"])
    rows["why"] = rows["_row"].map(best["why"])
    return rows.drop(columns="_row")


def sort_flags(flags: pd.DataFrame, order: Iterable[str]) -> pd.DataFrame:
    """Return flags by client, then most severe, newest, ``order`` of codes and group."""
    code = {f: i for i, f in enumerate(order)}
    keyed = flags.assign(
        _s=flags["severity"].map(RANK).fillna(len(RANK)),
        _f=flags["flag"].map(code).fillna(len(code)),
    )
    keyed = keyed.sort_values(["client", "_s", "weeks", "_f", "group"], kind="stable")
    return keyed.drop(columns=["_s", "_f"]).reset_index(drop=True)


def standing(flags: pd.DataFrame) -> pd.DataFrame:
    """Return per client with flags the ranking key and the flag that sets it.

    Columns ``client, severity, weeks, count, flags`` (``count`` of the top severity,
    ``flags`` of all) and the top flag's ``flag, group, headline, reason, why``; sorted by
    urgency (most urgent first).
    """
    if flags.empty:
        return pd.DataFrame(
            columns=["client", "severity", "weeks", "count", "flags", "flag", "group",
                     "headline", "reason", "why", "_rank"]
        )  # fmt: skip
    ranked = flags.assign(_rank=flags["severity"].map(RANK))
    ranked = ranked.sort_values(["client", "_rank", "weeks"], kind="stable")
    top = ranked.drop_duplicates("client").set_index("client")
    same = ranked["_rank"] == ranked["client"].map(top["_rank"])
    top["count"] = ranked.loc[same].groupby("client").size()
    top["flags"] = ranked.groupby("client").size()
    top = top.reset_index().sort_values(
        ["_rank", "weeks", "count", "flags", "client"],
        ascending=[True, True, False, False, True],
        kind="stable",
    )
    columns = ["client", "severity", "weeks", "count", "flags", "flag", "group", "headline"]
    return top[[*columns, "reason", "why", "_rank"]].reset_index(drop=True)


def attention_order(flags: pd.DataFrame, clients) -> list[str]:
    """Return ``clients`` ordered by urgency (:func:`standing`); clients without flags last."""
    unique = list(dict.fromkeys(str(c) for c in clients))
    ranked = [c for c in standing(flags)["client"] if c in unique]
    return ranked + sorted(c for c in unique if c not in set(ranked))


def why_here(severity: str, why: str) -> str:
    """Return why a client stands where they do: the severity and the table's words."""
    return f"{severity}: {why}"
