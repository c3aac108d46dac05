"""The roster page's lines: one per client, in urgency order (or another of :data:`SORTS`).

Each line's columns come from the functions in :data:`LINE_COLUMNS`, left to right, and the
order from :data:`SORTS`, so a new column (a pull : push ratio, say) or a new order is one
more entry in each: a function of the :class:`~.roster_week.RosterWeek` and the clients in
order that returns ``{column: (values, cell classes or None)}``.
"""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd

from backday_analysis import BACK_GROUPS, paths
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.body_balance import (
    PLANES,
    WINDOW,
    behind_planes,
    ratio_number,
    region_sets,
    share,
)
from backday_analysis.metrics.flag_table import weeks_text
from backday_analysis.metrics.pull_push import pull_push
from backday_analysis.metrics.severity import standing, why_here
from backday_analysis.views.client_week import GROUP_LABELS
from backday_analysis.views.links import Link
from backday_analysis.views.roster_week import NO_LOG, SHORT_LABELS, RosterWeek, places
from backday_analysis.views.status_notes import client_notes


def _client_cells(roster: RosterWeek, clients: list[str]) -> dict:
    names = [roster.dataset.client_name(c) for c in clients]
    if roster.links:
        names = [Link(n, f"{paths.safe_name(c)}.html") for n, c in zip(names, clients, strict=True)]
    return {"#": (list(range(1, len(clients) + 1)), None), "Client": (names, ["name"] * len(names))}


def _group_cells(roster: RosterWeek, clients: list[str]) -> dict:
    week = roster.weekly.loc[roster.weekly["week"] == roster.week].set_index(["client", "group"])
    where = places(roster)
    out = {}
    for group in BACK_GROUPS:
        values, classes = [], []
        for client in clients:
            if where[client] == NO_LOG or (client, group) not in week.index:
                values.append("—")
                classes.append("")
                continue
            days = int(week.at[(client, group), "days"])
            met = bool(week.at[(client, group), "guideline_met"])
            values.append(f"{'✓' if met else '✗'} {days} d")
            classes.append("met" if met else "unmet")
        out[SHORT_LABELS.get(group, GROUP_LABELS[group])] = (values, classes)
    return out


def _problem_cells(roster: RosterWeek, clients: list[str]) -> dict:
    top = standing(roster.flags).set_index("client")
    where = places(roster)
    urgent, why = [], []
    for client in clients:
        if client in top.index:
            row = top.loc[client]
            age = "new" if row["weeks"] <= 1 else weeks_text(int(row["weeks"]))
            more = int(row["flags"]) - 1
            urgent.append(f"{row['headline']} ({age}" + (f"; +{more} more)" if more else ")"))
            why.append(why_here(row["severity"], row["why"]))
        elif where[client] == NO_LOG:
            last = roster.last_days.get(client)
            urgent.append("No log yet")
            why.append(f"last logged {last:%a %d %b %Y}" if pd.notna(last) else "no sets logged")
        else:
            urgent.append("On track")
            hidden = roster.muted_flags
            count = int((hidden["client"] == client).sum()) if len(hidden) else 0
            why.append("no flag raised" + (f" ({count} muted)" if count else ""))
    notes = [" ".join(client_notes(roster.dataset, c, roster.week, brief=True)) for c in clients]
    cells = {"Most urgent": (urgent, None), "Why here": (why, ["why"] * len(why))}
    return cells | ({"Note": (notes, None)} if any(notes) else {})


_BODY = "_backday_body"


def body_numbers(roster: RosterWeek) -> pd.DataFrame:
    """Return each client's week against the rest: back share and pull : push, once per page.

    Indexed by client: ``working_sets``, ``back_sets``, ``share`` (NaN without working
    sets), ``window_share`` (the same over the :data:`WINDOW` weeks to this one, summed
    before dividing), the planes' pull and push sets and ratios (:mod:`~backday_analysis
    .metrics.body_balance`), and ``lowest``: the lowest ratio of a plane with push sets (NaN
    without).
    """
    cached = roster.__dict__.get(_BODY)
    if cached is not None:
        return cached
    end = pd.Timestamp(roster.monday) + pd.Timedelta(days=7)
    sets = roster.dataset.sets
    sets = sets.loc[
        (sets["performed_at"] >= end - pd.Timedelta(weeks=WINDOW)) & (sets["performed_at"] < end)
    ]
    catalogue = roster.dataset.catalogue
    weekly = region_sets(sets, catalogue)
    regions = weekly.loc[weekly["week"] == roster.week].set_index("client")
    window = weekly.groupby("client")[["working_sets", "back_sets"]].sum()
    this_week = sets.loc[sets["performed_at"] >= end - pd.Timedelta(days=7)]
    planes = pull_push(this_week, catalogue).set_index("client")
    out = regions.join(planes.drop(columns="week"), how="outer").reindex(roster.order)
    out["share"] = [share(b, w) for b, w in zip(out["back_sets"], out["working_sets"], strict=True)]
    window = window.reindex(roster.order)
    out["window_share"] = [
        share(b, w) for b, w in zip(window["back_sets"], window["working_sets"], strict=True)
    ]
    ratios = out[[f"{p}_ratio" for p in PLANES]]
    out["lowest"] = ratios.min(axis=1)
    roster.__dict__[_BODY] = out
    return out


def _body_cells(roster: RosterWeek, clients: list[str]) -> dict:
    """Return the back's share of the working sets, this week and over :data:`WINDOW` weeks
    (the week without a log still has its earlier weeks), and its lowest pull : push.

    Pull : push is the plane furthest behind (``H`` horizontal, ``V`` vertical): the lowest
    pull sets per push set of a plane with push sets, the number the page sorts by;
    marked ✗ under the limit (``pull_push_ratio``), ✓ at or over it, ``—`` without push
    sets. The client's report has both planes and what was counted.
    """
    numbers = body_numbers(roster)
    where = places(roster)
    limit = roster.dataset.settings.pull_push_ratio
    shares, windows, pulls, kinds = [], [], [], []
    for client in clients:
        row = numbers.loc[client]
        four = row["window_share"]
        if where[client] == NO_LOG or pd.isna(row["working_sets"]):
            shares.append("—")
            windows.append("—" if pd.isna(four) else f"{four * 100:.0f} %")
            pulls.append("—")
            kinds.append("")
            continue
        shares.append("" if pd.isna(row["share"]) else f"{row['share'] * 100:.0f} %")
        windows.append("" if pd.isna(four) else f"{four * 100:.0f} %")
        pushed = [p for p in PLANES if (row[f"{p}_push"] or 0) > 0]
        if not pushed:
            pulls.append("—")
            kinds.append("")
            continue
        worst = min(pushed, key=lambda p: row[f"{p}_ratio"])
        behind = worst in behind_planes(row.fillna(0), limit)
        pulls.append(
            f"{'✗' if behind else '✓'} {worst[0].upper()} {ratio_number(row[f'{worst}_ratio'])}"
        )
        kinds.append("unmet" if behind else "met")
    return {
        "Back share": (shares, None),
        f"{WINDOW} weeks": (windows, None),
        "Pull : push": (pulls, kinds),
    }


#: The builders of a roster line's columns, left to right: each returns ``{column: (values,
#: cell classes or None)}`` for the clients in order.
LINE_COLUMNS: list[Callable[[RosterWeek, list[str]], dict]] = [
    _client_cells,
    _group_cells,
    _body_cells,
    _problem_cells,
]


def _by_attention(roster: RosterWeek) -> list[str]:
    return list(roster.order)


def _by_name(roster: RosterWeek) -> list[str]:
    return sorted(roster.order, key=lambda c: roster.dataset.client_name(c).casefold())


def _by_pull_push(roster: RosterWeek) -> list[str]:
    """Return the clients whose pulls are furthest behind their pushes first.

    By the lowest pull : push of a plane with push sets this week; clients without push
    sets follow, each part in attention order.
    """
    lowest = body_numbers(roster)["lowest"]
    rank = {c: i for i, c in enumerate(roster.order)}
    return sorted(roster.order, key=lambda c: (pd.isna(lowest[c]), lowest[c], rank[c]))


#: Orders of the roster lines by name: each returns the client ids in order.
SORTS: dict[str, Callable[[RosterWeek], list[str]]] = {
    "attention": _by_attention,
    "name": _by_name,
    "pull_push": _by_pull_push,
}


def roster_lines(roster: RosterWeek) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return one line per client and a matching table of cell classes.

    ``met`` and ``unmet`` colour a group's cell (its mark says the same); ``name`` and
    ``why`` let the page keep names on one line and set the reasons smaller.
    """
    if roster.sort not in SORTS:
        raise BackdayError(f"sort '{roster.sort}' is unknown; use one of {', '.join(SORTS)}.")
    clients = SORTS[roster.sort](roster)
    values, classes = {}, {}
    for build in LINE_COLUMNS:
        for column, (cells, kinds) in build(roster, clients).items():
            values[column] = cells
            classes[column] = kinds or [""] * len(clients)
    return pd.DataFrame(values), pd.DataFrame(classes)
