"""Gather what one client's weekly report shows, as plain DataFrames.

The weekly report notebook calls :func:`client_week` once and hands the result to the
tables and figures; nothing here draws or writes files.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS, paths
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.datafolder.settings import Settings
from backday_analysis.errors import BackdayError
from backday_analysis.importers.names import name_index, resolution_table
from backday_analysis.metrics.weekly import unmapped_exercises, weekly_volume, working_sets
from backday_analysis.metrics.weeks import parse_week, week_label

GROUP_LABELS = {
    "lats": "Lats",
    "traps": "Trapezius",
    "rhomboids": "Rhomboids",
    "lower_back": "Lower back",
    "biceps": "Biceps",
}


@dataclass
class ClientWeek:
    """One client's week and the history before it."""

    client_id: str
    client_name: str
    week: str
    monday: dt.date
    settings: Settings
    history: pd.DataFrame
    full_history: pd.DataFrame
    sets: pd.DataFrame
    rejects: pd.DataFrame
    unmapped: pd.DataFrame
    rows_read: int
    dataset: Dataset

    @property
    def this_week(self) -> pd.DataFrame:
        """Return this week's rows of the weekly table."""
        return self.history.loc[self.history["week"] == self.week]

    @property
    def week_sets(self) -> pd.DataFrame:
        """Return this week's logged sets, warm-ups included."""
        start = pd.Timestamp(self.monday)
        return self.sets.loc[
            (self.sets["performed_at"] >= start)
            & (self.sets["performed_at"] < start + pd.Timedelta(days=7))
        ]


def latest_week(sets: pd.DataFrame) -> str:
    """Return the ISO week of the most recent logged set."""
    if sets.empty:
        raise BackdayError(
            "there are no logged sets, so there is no latest week; import a "
            "log first or name a week as YYYY-Www."
        )
    return week_label(sets["performed_at"].max().date())


def client_week(
    client: str,
    week: str = "latest",
    data_dir: str | None = None,
    weeks_of_history: int = 16,
    guideline_days: int | None = None,
    dataset: Dataset | None = None,
) -> ClientWeek:
    """Load a client's data and compute the weekly table up to the chosen week.

    Parameters
    ----------
    client : str
        Client id from the roster.
    week : str
        ISO week ``YYYY-Www``, or ``latest`` for the week of the client's last logged set.
    data_dir : str, optional
        Data folder; empty or None means ``$BACKDAY_DATA`` or the project's ``data/``.
    weeks_of_history : int
        Weeks shown in the history charts, this week included.
    guideline_days : int, optional
        Training days per week that meet the guideline; default from the settings file.
    dataset : Dataset, optional
        An already loaded data folder, to skip reading it again.
    """
    data = dataset or load_dataset(data_dir or None, clients=[client])
    name = data.client_name(client)
    own = data.sets.loc[data.sets["client"] == client]
    label = latest_week(own) if week == "latest" else week
    monday = parse_week(label)
    sunday = monday + dt.timedelta(days=6)
    if own.empty or own["performed_at"].min().date() > sunday:
        raise BackdayError(
            f"client '{client}' has no sets logged in or before {label}; "
            "import their log or choose a later week."
        )
    settings = data.settings
    days = guideline_days if guideline_days is not None else settings.guideline_days
    history = weekly_volume(
        own,
        data.catalogue,
        clients=[client],
        through=sunday,
        min_sets_per_day=settings.min_credited_sets_per_day,
        guideline_days=days,
    )
    first = monday - dt.timedelta(weeks=max(weeks_of_history, 1) - 1)
    recent = history.loc[history["week"] >= week_label(first)].reset_index(drop=True)
    rejects = data.rejects.loc[data.rejects["file"] == str(paths.log_path(data.folder, client))]
    return ClientWeek(
        client,
        name,
        label,
        monday,
        replace(settings, guideline_days=days),
        recent,
        history,
        own,
        rejects,
        unmapped_exercises(own),
        data.rows_read.get(client, 0),
        data,
    )


def summary_table(report: ClientWeek) -> pd.DataFrame:
    """Return this week's guideline summary: one row per back group (and biceps)."""
    rows = report.this_week.set_index("group").reindex(list(GROUPS))
    return pd.DataFrame(
        {
            "Muscle group": [GROUP_LABELS[g] for g in GROUPS],
            "Training days": rows["days"].to_numpy(),
            "Fractional sets": rows["fractional_sets"].to_numpy(),
            "Direct sets": rows["direct_sets"].to_numpy(),
            "Tonnage (kg)": rows["tonnage_kg"].round(0).astype("int64").to_numpy(),
            f"Guideline ({report.settings.guideline_days}×/week)": [
                "met" if met else "not met" for met in rows["guideline_met"]
            ],
        }
    )


def week_shares(report: ClientWeek) -> pd.Series:
    """Return each back group's share of this week's back fractional sets (sums to 1)."""
    sets = report.this_week.set_index("group")["fractional_sets"].reindex(list(BACK_GROUPS))
    total = sets.sum()
    return sets / total if total else sets * 0.0


def exercises_table(report: ClientWeek) -> pd.DataFrame:
    """Return the exercises done this week: working sets, reps and loads, in session order."""
    week = working_sets(report.week_sets)
    if week.empty:
        return pd.DataFrame(columns=["Day", "Exercise", "Sets", "Reps", "Load (kg)"])
    names = dict(
        zip(report.dataset.catalogue["exercise_id"], report.dataset.catalogue["name"], strict=True)
    )
    shown = week.assign(
        day=week["performed_at"].dt.strftime("%a %d %b"),
        name=week["exercise_id"].map(names).fillna(week["exercise"] + " (not in catalogue)"),
        order=range(len(week)),
    )
    grouped = (
        shown.groupby(["day", "session_id", "name"], sort=False)
        .agg(
            start=("performed_at", "min"),
            order=("order", "min"),
            sets=("reps", "size"),
            reps=("reps", lambda r: " / ".join(map(str, r))),
            load=("load_kg", lambda w: " / ".join(f"{x:g}" for x in w.round(1))),
        )
        .reset_index()
        .sort_values(["start", "order"])
    )
    return pd.DataFrame(
        {
            "Day": grouped["day"].to_numpy(),
            "Exercise": grouped["name"].to_numpy(),
            "Sets": grouped["sets"].to_numpy(),
            "Reps": grouped["reps"].to_numpy(),
            "Load (kg)": grouped["load"].to_numpy(),
        }
    )


def title(report: ClientWeek) -> str:
    """Return the report's heading: client, ISO week and its dates."""
    sunday = report.monday + dt.timedelta(days=6)
    return (
        f"{report.client_name} — week {report.week} ({report.monday:%d %b %Y} to {sunday:%d %b %Y})"
    )


def flags_table(report: ClientWeek) -> pd.DataFrame:
    """Return this week's coaching flags for the client: what needs attention and why."""
    from backday_analysis.metrics.flags import coaching_flags

    flags = coaching_flags(
        report.full_history, report.sets, report.dataset.catalogue, report.settings, report.week
    )
    return pd.DataFrame({"Needs attention": flags["reason"].to_numpy()})


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
    own = working_sets(report.sets)
    columns = ["Exercise as logged", "Read as", "Rule", "Back credits", "Working sets"]
    if own.empty:
        return pd.DataFrame(columns=columns)
    counts = own.groupby("exercise").size()
    names = pd.Series(counts.index, index=counts.index)
    resolved = resolution_table(names, name_index(data.catalogue, data.aliases))
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
