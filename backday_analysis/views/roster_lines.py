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
from backday_analysis.metrics.flag_table import weeks_text
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


#: The builders of a roster line's columns, left to right: each returns ``{column: (values,
#: cell classes or None)}`` for the clients in order.
LINE_COLUMNS: list[Callable[[RosterWeek, list[str]], dict]] = [
    _client_cells,
    _group_cells,
    _problem_cells,
]


def _by_attention(roster: RosterWeek) -> list[str]:
    return list(roster.order)


def _by_name(roster: RosterWeek) -> list[str]:
    return sorted(roster.order, key=lambda c: roster.dataset.client_name(c).casefold())


#: Orders of the roster lines by name: each returns the client ids in order.
SORTS: dict[str, Callable[[RosterWeek], list[str]]] = {
    "attention": _by_attention,
    "name": _by_name,
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
