"""The notebooks' pages: what each builds, and the control panel it shows in JupyterLab.

``interactive=False`` (a report run) builds the page from the parameters alone, reading only
what it needs; ``interactive=True`` reads the whole data folder once, shows a panel (client
by name with a search, week or dates, groups drawn, a second client beside) above the
outputs and keeps the parameters cell in step with it (see
:mod:`backday_analysis.views.controls`).
"""

from __future__ import annotations

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weeks import week_label
from backday_analysis.views.balance_explorer import balance_explorer
from backday_analysis.views.client_week import GROUP_LABELS, client_week
from backday_analysis.views.controls import Page, panel
from backday_analysis.views.roster_week import roster_week

#: The groups a coach can tick on the weekly page's charts, in order: the whole body.
GROUPS_DRAWN = tuple(GROUPS)
#: The groups drawn until the coach ticks others, and the ones a report draws: the back.
GROUPS_TICKED = tuple(BACK_GROUPS)
NO_GROUP = (
    "No group is ticked, so there is nothing to draw: tick at least one group under "
    "“Groups drawn” in the panel above."
)
LATEST = ("latest", "", None)


def client_choices(dataset: Dataset) -> list[tuple[str, str]]:
    """Return the roster as dropdown choices: (display name, client id), by name."""
    roster = dataset.roster.sort_values("name", key=lambda s: s.str.casefold())
    pairs = zip(roster["client_id"], roster["name"], strict=True)
    return [(f"{name} ({client})" if name != client else client, client) for client, name in pairs]


def logged_weeks(dataset: Dataset, client: str | None = None) -> list[str]:
    """Return the ISO weeks with logged sets, of one client or everyone, latest first."""
    sets = dataset.sets if client is None else dataset.sets.loc[dataset.sets["client"] == client]
    days = sets["performed_at"].dt.date.unique()
    return sorted({week_label(day) for day in days}, reverse=True)


def week_choices(data: Dataset, client: str | None, shown: str | None) -> list[tuple[str, str]]:
    """Return the week dropdown's choices: the latest logged week, then each logged week.

    ``shown``, a week that is on screen without sets logged in it, is listed too.
    """
    weeks = sorted({*logged_weeks(data, client), *([] if shown in LATEST else [shown])})[::-1]
    latest = logged_weeks(data, client)[:1]
    first = f"Latest logged ({latest[0]})" if latest else "Latest logged"
    return [(first, "latest"), *((week, week) for week in weeks)]


def _week_value(page: Page) -> str | None:
    if page.model is None:
        return None
    week = page.values["week"]
    return "latest" if week in LATEST else week


def _dropdown(label: str, choices, value):
    import ipywidgets as widgets

    return widgets.Dropdown(
        options=choices,
        value=value,
        description=label,
        style={"description_width": "initial"},
        layout={"width": "auto"},
    )


def balance_page(
    client: str, start="", end="", data_dir: str = "", interactive=False, beside: str = ""
) -> Page:
    """Return the back balance explorer's page; in JupyterLab with client and date controls.

    ``beside`` names a second client, shown side by side with the first over the same dates.
    """
    values = {"client": client, "start": start, "end": end, "data_dir": data_dir}
    values["beside"] = beside
    if not interactive:
        page = Page(balance_explorer, values, beside="client")
        page.label = lambda explorer: explorer.client_name
        return page
    import ipywidgets as widgets

    from backday_analysis.views import choosers

    data = load_dataset(data_dir or None)
    fixed = {"dataset": data}
    page = Page(balance_explorer, values, None, True, "balance", fixed, beside="client")
    page.label = lambda explorer: explorer.client_name
    page.describe = lambda explorer: explorer.client_name
    page.stem = lambda m: "_".join([m.client_id, *m.weeks[:1], *m.weeks[-1:]])
    who = choosers.ClientFinder(client_choices(data), "Client")
    other = choosers.ClientFinder([("nobody", ""), *client_choices(data)], "Beside")
    first = choosers.date_box("From", "first logged day")
    last = choosers.date_box("To", "last logged day")
    hint = widgets.HTML(f"<span style='color:#555'>{choosers.DATE_HINT}</span>")
    page.on(who.dropdown, lambda value: page.update(client=value))
    page.on(other.dropdown, lambda value: page.update(beside=value or ""))

    def pick_date(key: str, text: str, name: str) -> None:
        try:
            day = choosers.parse_day(text, name)
        except BackdayError as exc:
            page.refuse(str(exc))
            return
        page.update(**{key: day.isoformat() if day else ""})

    page.on(first, lambda text: pick_date("start", text, "From"))
    page.on(last, lambda text: pick_date("end", text, "To"))

    def sync() -> None:
        model, shown = page.model, page.model is not None
        who.dropdown.value = model.client_id if shown else None
        other.dropdown.value = page.other.client_id if page.other is not None else ""
        first.value = choosers.day_text(model.start) if shown else ""
        last.value = choosers.day_text(model.end) if shown else ""

    page.sync = sync
    page.controls = {"client": who.dropdown, "start": first, "end": last}
    page.controls |= {"beside": other.dropdown, "finders": [who, other]}
    panel(
        page,
        [[who.widget, other.widget], [first, last, hint]],
        "Back balance explorer: empty dates mean the whole history",
    )
    page.watch(client="client", start="start", end="end", beside="beside")
    return page


def weekly_page(
    client: str,
    week: str = "latest",
    data_dir: str = "",
    weeks_of_history: int = 16,
    guideline_days: int | None = None,
    interactive: bool = False,
) -> Page:
    """Return one client's weekly report page; in JupyterLab with client, week and groups."""
    values = {
        "client": client,
        "week": week,
        "weeks_of_history": weeks_of_history,
        "guideline_days": guideline_days,
        "data_dir": data_dir,
    }
    options = {"groups": GROUPS_TICKED}
    if not interactive:
        return Page(client_week, values, options)
    import ipywidgets as widgets

    from backday_analysis.views import choosers

    data = load_dataset(data_dir or None)
    page = Page(client_week, values, options, True, kind="weekly", fixed={"dataset": data})
    page.describe = lambda report: f"{report.client_name}, week {report.week}"
    page.stem = lambda report: f"{report.client_id}_{report.week}"
    page.hints["groups"] = NO_GROUP
    who = choosers.ClientFinder(client_choices(data), "Client")
    when = _dropdown("Week", week_choices(data, None, None), None)
    ticks = choosers.group_ticks(GROUPS_DRAWN, GROUP_LABELS, GROUPS_TICKED)

    def sync() -> None:
        model = page.model
        client_id = model.client_id if model is not None else None
        who.dropdown.value = client_id
        when.options = week_choices(data, client_id, _week_value(page))
        when.value = _week_value(page)

    def pick_client(client_id: str) -> None:
        week = page.values["week"]
        if week not in LATEST and week not in logged_weeks(data, client_id):
            week = "latest"  # the client logged nothing that week: their latest instead
        page.update(client=client_id, week=week)

    def pick_groups(_) -> None:
        page.redraw(groups=tuple(g for g, t in zip(GROUPS_DRAWN, ticks, strict=True) if t.value))

    page.on(who.dropdown, pick_client)
    page.on(when, lambda value: page.update(week=value))
    for tick in ticks:
        page.on(tick, pick_groups)
    page.sync = sync
    page.controls = {"client": who.dropdown, "week": when, "groups": ticks, "finders": [who]}
    drawn = widgets.Label("Groups drawn:", layout={"margin": "0 8px 0 0"})
    panel(page, [[who.widget, when], [drawn, *ticks]], "Weekly report: client, week and groups")
    page.watch(client="client", week="week")
    return page


def roster_page(
    week: str = "latest",
    data_dir: str = "",
    interactive: bool = False,
    coach: str = "",
    sort: str = "attention",
) -> Page:
    """Return the roster overview's page; in JupyterLab with a week picker.

    A report's page links each client to their report beside it; JupyterLab's does not.
    """
    values = {"week": week, "coach": coach, "sort": sort}
    if not interactive:
        return Page(roster_week, {**values, "data_dir": data_dir, "links": True})
    data = load_dataset(data_dir or None)
    page = Page(roster_week, values, interactive=True, kind="roster", fixed={"dataset": data})
    page.describe = lambda roster: f"week {roster.week}"
    when = _dropdown("Week", week_choices(data, None, None), None)
    page.on(when, lambda value: page.update(week=value))

    def sync() -> None:
        when.options = week_choices(data, None, _week_value(page))
        when.value = _week_value(page)

    page.sync = sync
    page.controls = {"week": when}
    panel(page, [[when]], "Roster overview: pick a week")
    page.watch(week="week")
    return page
