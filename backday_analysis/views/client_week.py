"""Gather what one client's weekly report shows, as plain DataFrames.

The weekly report notebook calls :func:`client_week` once and hands the result to the
tables and figures; nothing here draws or writes files. A week after today is refused; a
week after the client's last logged day has *no log yet*: its tables stay empty and say so,
and it raises no flag. Flags, mutes and the status line are in :mod:`.client_flags`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUP_LABELS, paths
from backday_analysis.canonical import kg_to
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.datafolder.roster import client_id, load_roster
from backday_analysis.datafolder.settings import Settings
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.week_status import (
    latest_logged_week,
    no_log_sentence,
    no_log_yet,
    refuse_future,
)
from backday_analysis.metrics.weekly import unmapped_exercises, weekly_volume
from backday_analysis.metrics.weeks import parse_week, week_label
from backday_analysis.views.exercises import exercises_note, exercises_table
from backday_analysis.views.status_notes import client_notes

#: The groups the weekly page's summary shows in full: the back and the biceps (the seed
#: pairs them). The rest of the body is in the back-against-the-rest section's grid.
PAGE_GROUPS = (*BACK_GROUPS, "biceps")


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
    unit: str = "kg"
    #: Whether any set is logged in or after this week; False: no log yet, nothing to show.
    logged: bool = True
    #: Lines about the client's data shown under the title (no log yet, a sync's time).
    notes: list[str] = field(default_factory=list)

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


def latest_week(sets: pd.DataFrame, today: dt.date | None = None) -> str:
    """Return the ISO week of the most recent logged set, at most the week holding today."""
    return latest_logged_week(sets, today)


def load_for_client(
    client: str, data_dir: str | None = None, dataset: Dataset | None = None
) -> tuple[str, Dataset]:
    """Return the client's id (``client`` is an id or a display name) and the loaded data.

    Without ``dataset``, only that client's log is read.
    """
    if dataset is None:
        folder = paths.data_dir(data_dir or None)
        roster_file = paths.roster_path(folder)
        found = client_id(load_roster(roster_file), client, roster_file)
        return found, load_dataset(folder, clients=[found])
    return client_id(dataset.roster, client, paths.roster_path(dataset.folder)), dataset


def client_week(
    client: str,
    week: str = "latest",
    data_dir: str | None = None,
    weeks_of_history: int = 16,
    guideline_days: int | None = None,
    dataset: Dataset | None = None,
    today: dt.date | None = None,
) -> ClientWeek:
    """Load a client's data and compute the weekly table up to the chosen week.

    Parameters
    ----------
    client : str
        Client id or display name from the roster.
    week : str
        ISO week ``YYYY-Www``, or ``latest`` for the week of the client's last logged set.
    data_dir : str, optional
        Data folder; empty or None means ``$BACKDAY_DATA``, else ``data/`` (see ``paths``).
    weeks_of_history : int
        Weeks shown in the history charts, this week included.
    guideline_days : int, optional
        Training days per week that meet the guideline; default from the settings file.
    dataset : Dataset, optional
        An already loaded data folder, to skip reading it again.
    today : datetime.date, optional
        The day weeks after which are refused; default :func:`backday_analysis.clock.today`.

    Raises
    ------
    BackdayError
        For a week after today, a week before the client's first set, or an unknown client.
    """
    if week not in ("latest", "", None):
        refuse_future(week, today)
    client, data = load_for_client(client, data_dir, dataset)
    name = data.client_name(client)
    own = data.sets.loc[data.sets["client"] == client]
    label = latest_week(own, today) if week in ("latest", "", None) else week
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
    last_day = own["performed_at"].max().date()
    # Weeks after the last logged day are not the client's zeros: the charts stop before.
    shown = (history["week"] >= week_label(first)) & (history["week"] <= week_label(last_day))
    recent = history.loc[shown].reset_index(drop=True)
    rejects = data.rejects.loc[data.rejects["file"] == str(paths.log_path(data.folder, client))]
    logged = not no_log_yet(last_day, label)
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
        data.client_unit(client),
        logged,
        [*([] if logged else [no_log_sentence(last_day)]), *client_notes(data, client, label)],
    )


__all__ = ["ClientWeek", "client_week", "exercises_note", "exercises_table"]


def status_line(report: ClientWeek) -> str:
    """Return the notes on the client's data for the page, one line (empty when none)."""
    return " ".join(report.notes)


#: The marks beside a met and an unmet guideline, so colour is never the only sign.
MET, UNMET = "✓ met", "✗ not met"


def summary_table(report: ClientWeek) -> pd.DataFrame:
    """Return this week's guideline summary: one row per back group (and biceps).

    ``Share of back sets`` is each back group's share of the back's fractional sets (an
    even split is 25 % each; empty for the biceps and for a week without back sets). No
    rows for a week with no log yet: its zeros would not be the client's.
    """
    rows = report.this_week.set_index("group").reindex(list(PAGE_GROUPS))
    if not report.logged:
        rows = rows.iloc[:0]
    shares = week_shares(report) if rows["fractional_sets"].reindex(BACK_GROUPS).sum() else {}
    return pd.DataFrame(
        {
            "Muscle group": [GROUP_LABELS[g] for g in rows.index],
            "Training days": rows["days"].to_numpy(),
            "Fractional sets": rows["fractional_sets"].to_numpy(),
            "Direct sets": rows["direct_sets"].to_numpy(),
            f"Tonnage ({report.unit})": (rows["tonnage_kg"] * kg_to(report.unit))
            .round(0)
            .astype("int64")
            .to_numpy(),
            f"Guideline ({report.settings.guideline_days}×/week)": [
                MET if met else UNMET for met in rows["guideline_met"]
            ],
            "Share of back sets": [
                f"{shares[g] * 100:.0f} %" if g in shares else "" for g in rows.index
            ],
        }
    )


def week_shares(report: ClientWeek) -> pd.Series:
    """Return each back group's share of this week's back fractional sets (sums to 1)."""
    sets = report.this_week.set_index("group")["fractional_sets"].reindex(list(BACK_GROUPS))
    total = sets.sum()
    return sets / total if total else sets * 0.0


def title(report: ClientWeek) -> str:
    """Return the report's heading: client, ISO week and its dates."""
    sunday = report.monday + dt.timedelta(days=6)
    return (
        f"{report.client_name} — week {report.week} ({report.monday:%d %b %Y} to {sunday:%d %b %Y})"
    )


def settings_table(report: ClientWeek) -> pd.DataFrame:
    """Return the settings the report used, one per row."""
    return report.settings.table()
