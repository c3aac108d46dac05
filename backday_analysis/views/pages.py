"""The notebooks' pages: what each builds, and the control panel it shows in JupyterLab.

``interactive=False`` (a report run) builds the page from the parameters alone, reading only
what it needs; ``interactive=True`` reads the whole data folder once, shows a panel (client
by display name, week or dates, groups drawn) above the outputs and follows the parameters
cell's variables (see :mod:`backday_analysis.views.controls`).
"""

from __future__ import annotations

from backday_analysis import BACK_GROUPS
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.metrics.weeks import week_label
from backday_analysis.views.balance_explorer import balance_explorer
from backday_analysis.views.client_week import GROUP_LABELS, client_week
from backday_analysis.views.controls import Page, panel
from backday_analysis.views.roster_week import roster_week


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


def _week_choices(data: Dataset, client: str | None, week: str) -> list[str]:
    return sorted({*logged_weeks(data, client), week}, reverse=True)


def _dropdown(label: str, choices, value):
    import ipywidgets as widgets

    return widgets.Dropdown(
        options=choices,
        value=value,
        description=label,
        style={"description_width": "initial"},
        layout={"width": "auto"},
    )


def balance_page(client: str, start="", end="", data_dir: str = "", interactive=False) -> Page:
    """Return the back balance explorer's page; in JupyterLab with client and date controls."""
    values = {"client": client, "start": start, "end": end}
    if not interactive:
        return Page(balance_explorer, {**values, "data_dir": data_dir})
    import ipywidgets as widgets

    data = load_dataset(data_dir or None)
    page = Page(balance_explorer, {**values, "dataset": data}, interactive=True, kind="balance")
    who = _dropdown("Client", client_choices(data), page.model.client_id)
    first = widgets.DatePicker(description="From", value=page.model.start)
    last = widgets.DatePicker(description="To", value=page.model.end)
    page.on(who, lambda value: page.update(client=value))
    page.on(first, lambda value: page.update(start=value or ""))
    page.on(last, lambda value: page.update(end=value or ""))

    def sync() -> None:
        who.value, first.value, last.value = page.model.client_id, page.model.start, page.model.end

    page.sync = sync
    page.controls = {"client": who, "start": first, "end": last}
    panel(page, [[who, first, last]], "Back balance explorer: empty dates mean the whole history")
    page.watch(client="client", start="start", end="end")
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
    }
    options = {"groups": BACK_GROUPS}
    if not interactive:
        return Page(client_week, {**values, "data_dir": data_dir}, options)
    import ipywidgets as widgets

    data = load_dataset(data_dir or None)
    page = Page(client_week, {**values, "dataset": data}, options, True, kind="weekly")
    who = _dropdown("Client", client_choices(data), page.model.client_id)
    model = page.model
    when = _dropdown("Week", _week_choices(data, model.client_id, model.week), model.week)
    toggles = [
        widgets.ToggleButton(value=True, description=GROUP_LABELS[g], layout={"width": "auto"})
        for g in BACK_GROUPS
    ]

    def sync() -> None:
        model = page.model
        when.options = _week_choices(data, model.client_id, model.week)
        who.value, when.value = model.client_id, model.week

    def pick_client(client_id: str) -> None:
        weeks = logged_weeks(data, client_id)
        week = page.model.week if page.model.week in weeks else (weeks or ["latest"])[0]
        if page.update(client=client_id, week=week):
            page.quiet = True
            sync()
            page.quiet = False

    def pick_groups(_) -> None:
        page.redraw(groups=tuple(g for g, t in zip(BACK_GROUPS, toggles, strict=True) if t.value))

    page.on(who, pick_client)
    page.on(when, lambda value: page.update(week=value))
    for toggle in toggles:
        page.on(toggle, pick_groups)
    page.sync = sync
    page.controls = {"client": who, "week": when, "groups": toggles}
    shown = widgets.Label("Groups drawn:")
    panel(page, [[who, when], [shown, *toggles]], "Weekly report: client, week and groups")
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
    page = Page(roster_week, {**values, "dataset": data}, interactive=True, kind="roster")
    when = _dropdown("Week", _week_choices(data, None, page.model.week), page.model.week)
    page.on(when, lambda value: page.update(week=value))

    def sync() -> None:
        when.value = page.model.week

    page.sync = sync
    page.controls = {"week": when}
    panel(page, [[when]], "Roster overview: pick a week")
    page.watch(week="week")
    return page
