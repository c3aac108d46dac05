"""Gather the roster page: a summary and one line per client, most urgent first.

Each line carries the client's back groups this week (days, with a mark as well as a
colour), their most urgent flag, how many others they have and why they stand where they
do (the severity rule's words). The full flags and the plan stay on each client's page,
which a report's line links to. Clients with no log yet for the week, and clients on track,
follow the ones who need attention. Flags the coach muted for a client leave the ranking.

The lines themselves are in :mod:`.roster_lines`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.mutes import active_mutes, muted
from backday_analysis.metrics.severity import RANK, standing
from backday_analysis.metrics.week_status import (
    last_logged_days,
    latest_logged_week,
    no_log_yet,
    refuse_future,
)
from backday_analysis.metrics.weekly import weekly_volume
from backday_analysis.metrics.weeks import parse_week

#: Where a line stands: needs attention, no log yet for the week, on track.
ATTENTION, NO_LOG, ON_TRACK = 0, 1, 2
#: The back groups' column heads, short so a line fits on one or two lines of A4.
SHORT_LABELS = {"lats": "Lats", "traps": "Traps", "rhomboids": "Rhomb.", "lower_back": "L. back"}


@dataclass
class RosterWeek:
    """The roster's week: every client's place, flags and numbers."""

    week: str
    monday: dt.date
    dataset: Dataset
    weekly: pd.DataFrame
    flags: pd.DataFrame
    order: list[str]
    coach: str = ""
    #: Flags a mute of the coach's left out of the ranking.
    muted_flags: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: Each client's last logged day (NaT without sets), by client id.
    last_days: pd.Series = field(default_factory=pd.Series)
    links: bool = False
    sort: str = "attention"


def coach_clients(roster: pd.DataFrame, coach: str) -> pd.DataFrame:
    """Return the roster's clients of one coach (any case), or all for an empty name.

    Raises
    ------
    BackdayError
        If no client has that coach.
    """
    if not coach:
        return roster
    mine = roster.loc[roster["coach"].str.casefold() == coach.strip().casefold()]
    if mine.empty:
        known = ", ".join(sorted({c for c in roster["coach"] if c})) or "none yet"
        raise BackdayError(
            f"no client in roster.csv has the coach '{coach}' (coaches: {known}); check the "
            "name or fill in the coach column."
        )
    return mine


def roster_week(
    week: str = "latest",
    data_dir: str | None = None,
    dataset: Dataset | None = None,
    coach: str = "",
    today: dt.date | None = None,
    links: bool = False,
    sort: str = "attention",
) -> RosterWeek:
    """Load every client (of ``coach``) and rank them by their flags up to ``week``.

    ``links`` makes each client's name a link to their report page beside the roster's;
    ``sort`` is a key of :data:`.roster_lines.SORTS`. A week after ``today`` (default: the
    clock's) is refused.
    """
    from backday_analysis.metrics.flags import coaching_flags

    if week != "latest":
        refuse_future(week, today)
    data = dataset or load_dataset(data_dir or None)
    clients = list(coach_clients(data.roster, coach)["client_id"])
    sets = data.sets.loc[data.sets["client"].isin(clients)]
    label = latest_logged_week(sets, today) if week == "latest" else week
    monday = parse_week(label)
    settings = data.settings
    weekly = weekly_volume(
        sets,
        data.catalogue,
        clients=clients,
        through=monday + dt.timedelta(days=6),
        min_sets_per_day=settings.min_credited_sets_per_day,
        guideline_days=settings.guideline_days,
    )
    flags = coaching_flags(
        weekly,
        sets,
        data.catalogue,
        settings,
        label,
        data.units(),
        data.severity_rules,
        data.volume_bands,
    )
    hidden = muted(flags, active_mutes(data.client_rules, monday), "flag")
    kept = flags.loc[~hidden].reset_index(drop=True)
    last = last_logged_days(sets).reindex(clients)
    ranked = list(standing(kept)["client"])
    waiting = sorted((c for c in clients if no_log_yet(last.get(c), label)), key=data.client_name)
    rest = sorted((c for c in clients if c not in {*ranked, *waiting}), key=data.client_name)
    return RosterWeek(
        label,
        monday,
        data,
        weekly,
        kept,
        ranked + waiting + rest,
        coach,
        flags.loc[hidden].reset_index(drop=True),
        last,
        links,
        sort,
    )


def roster_title(roster: RosterWeek) -> str:
    """Return the page heading: week, dates and the coach when the page is one coach's."""
    sunday = roster.monday + dt.timedelta(days=6)
    whose = f" for {roster.coach}" if roster.coach else ""
    return (
        f"Roster overview{whose} — week {roster.week} "
        f"({roster.monday:%d %b %Y} to {sunday:%d %b %Y})"
    )


def places(roster: RosterWeek) -> dict[str, int]:
    """Return where each client stands: :data:`ATTENTION`, :data:`NO_LOG` or :data:`ON_TRACK`."""
    flagged = set(roster.flags["client"])
    return {
        c: ATTENTION
        if c in flagged
        else NO_LOG
        if no_log_yet(roster.last_days.get(c), roster.week)
        else ON_TRACK
        for c in roster.order
    }


def roster_summary(roster: RosterWeek) -> str:
    """Return the sentence at the top: how many need attention, are on track, have no log."""
    where = list(places(roster).values())
    top = standing(roster.flags)["severity"].value_counts()
    levels = ", ".join(f"{int(top[s])} {s}" for s in RANK if s in top.index)
    n = len(where)
    parts = [
        f"{where.count(ATTENTION)} need{'s' * (where.count(ATTENTION) == 1)} attention"
        + (f" ({levels}, by their most urgent flag)" if levels else ""),
        f"{where.count(ON_TRACK)} on track",
        f"{where.count(NO_LOG)} with no log yet for this week",
    ]
    text = f"{n} client{'s' * (n != 1)}: " + "; ".join(parts) + "."
    if len(roster.muted_flags):
        m = len(roster.muted_flags)
        verb = "is" if m == 1 else "are"
        text += f" {m} flag{'s' * (m != 1)} muted by the coach {verb} left out of the ranking."
    return text


def settings_table(roster: RosterWeek) -> pd.DataFrame:
    """Return the settings the roster page used, one per row."""
    return roster.dataset.settings.table()


def clients_table(dataset: Dataset) -> pd.DataFrame:
    """Return one row per roster client: id, name, unit, time zone, logged days and sets.

    ``first_day`` and ``last_day`` are the dates of the client's first and last logged set
    (empty without any); ``sets`` counts every logged set, warm-ups included.
    """
    columns = ["client_id", "name", "unit", "timezone", "first_day", "last_day", "sets"]
    if dataset.roster.empty:  # a new data folder (backday init)
        return pd.DataFrame(columns=columns)
    sets = dataset.sets
    days = sets.groupby("client")["performed_at"].agg(["min", "max", "size"])
    roster = dataset.roster
    first = roster["client_id"].map(days["min"]).dt.strftime("%Y-%m-%d")
    last = roster["client_id"].map(days["max"]).dt.strftime("%Y-%m-%d")
    return pd.DataFrame(
        {
            "client_id": roster["client_id"].to_numpy(),
            "name": roster["name"].to_numpy(),
            "unit": roster["unit"].to_numpy(),
            "timezone": roster["timezone"].to_numpy(),
            "first_day": first.fillna("").to_numpy(),
            "last_day": last.fillna("").to_numpy(),
            "sets": roster["client_id"].map(days["size"]).fillna(0).astype("int64").to_numpy(),
        }
    )
