"""Controls for the notebooks in JupyterLab: pick a client, a week or dates, redraw in place.

A notebook builds one :class:`Page` and shows each table or chart through it. Run by
papermill (``controls=False``, as ``backday report`` does) a page only displays what it is
given, exactly as plain ``display`` calls would: no widget reaches a report. Run in
JupyterLab, the page first shows a control panel (ipywidgets) and keeps a handle on every
output; changing a control rebuilds the model and updates each output in place, so nothing
of the previous choice stays on screen. A wrong choice shows its sentence in the panel and
blanks the outputs instead of leaving them stale.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from IPython.display import HTML, display

from backday_analysis import BACK_GROUPS
from backday_analysis.datafolder.dataset import Dataset, load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.weeks import week_label
from backday_analysis.views import display as show
from backday_analysis.views.client_week import GROUP_LABELS

STALE = "<p class='empty'>Not shown: the choice above has a problem.</p>"


class Page:
    """Outputs drawn from one model, redrawn in place when a control changes it.

    Parameters
    ----------
    build : callable
        Returns the model from the keyword arguments in ``values``.
    values : dict
        The model's arguments; a control changes one of them and the model is rebuilt.
    options : dict, optional
        Arguments of the drawing functions only (such as the groups shown); changing one
        redraws without rebuilding the model.
    interactive : bool
        Keep handles on the outputs, for a control panel to update them.
    """

    def __init__(
        self,
        build: Callable[..., Any],
        values: dict,
        options: dict | None = None,
        interactive: bool = False,
    ) -> None:
        self.build = build
        self.values = dict(values)
        self.options = dict(options or {})
        self.interactive = interactive
        self.model = build(**self.values)
        self.sections: list[tuple[Callable[[Any], Any], Any]] = []
        self.status: Any = None
        #: The panel's widgets by name, for a test or a coach's own code to reach.
        self.controls: dict[str, Any] = {}

    def show(self, render: Callable[[Any], Any]) -> None:
        """Display ``render(model)``; in JupyterLab keep its handle to redraw it later."""
        output = render(self.model)
        if not self.interactive:
            display(output)
            return
        self.sections.append((render, display(output, display_id=True)))

    def text(self, text: Callable[[Any], str], tag: str = "p") -> None:
        """Show the sentence ``text(model)`` as a paragraph or heading."""
        self.show(lambda model: show.text_output(text(model), tag))

    def table(self, table: Callable[[Any], Any], empty: str = "None.", caption=None) -> None:
        """Show the table ``table(model)``, or ``empty`` when it has no rows."""
        self.show(lambda model: show.table_output(table(model), caption, empty))

    def coloured_table(self, table: Callable[[Any], Any]) -> None:
        """Show ``table(model)``, a pair of values and cell classes, coloured."""
        self.show(lambda model: show.coloured_table_output(*table(model)))

    def figure(self, figure: Callable[..., Any], *options: str) -> None:
        """Show the chart ``figure(model, **options)``; ``options`` name entries of the page's."""
        self.show(
            lambda model: show.figure_output(
                figure(model, **{name: self.options[name] for name in options})
            )
        )

    def update(self, **changes) -> bool:
        """Rebuild the model with ``changes`` to its values and redraw every output.

        Returns whether it worked; a BackdayError is shown in the panel's status line and
        blanks the outputs.
        """
        self._say("Updating…")
        try:
            self.model = self.build(**{**self.values, **changes})
        except BackdayError as exc:
            self.values.update(changes)
            self._say(str(exc), error=True)
            for _, handle in self.sections:
                handle.update(HTML(STALE))
            return False
        except Exception as exc:
            # A bug: say so here, and let ipywidgets log the full traceback.
            self._say(f"A bug stopped the update ({type(exc).__name__}); see the log.", True)
            raise
        self.values.update(changes)
        self.redraw()
        return True

    def redraw(self, **options) -> None:
        """Draw every output again from the current model, with ``options`` changed."""
        self.options.update(options)
        for render, handle in self.sections:
            handle.update(render(self.model))
        self._say("")

    def _say(self, text: str, error: bool = False) -> None:
        if self.status is not None:
            colour = "#b00020" if error else "#555"
            self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"


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


def _dropdown(label: str, choices, value):
    import ipywidgets as widgets

    return widgets.Dropdown(
        options=choices,
        value=value,
        description=label,
        style={"description_width": "initial"},
        layout={"width": "auto"},
    )


def panel(page: Page, controls: list, title: str) -> None:
    """Display the control panel above the page: the controls and a status line."""
    import ipywidgets as widgets

    page.status = widgets.HTML(value="")
    heading = widgets.HTML(value=f"<b>{html.escape(title)}</b>")
    box = widgets.VBox([heading, widgets.HBox(controls, layout={"flex_flow": "row wrap"})])
    box.children = (*box.children, page.status)
    box.add_class("backday-controls")
    display(box)


def _group_toggles(page: Page):
    import ipywidgets as widgets

    toggles = [
        widgets.ToggleButton(value=True, description=GROUP_LABELS[g], layout={"width": "auto"})
        for g in BACK_GROUPS
    ]

    def changed(_):
        page.redraw(groups=tuple(g for g, t in zip(BACK_GROUPS, toggles, strict=True) if t.value))

    for toggle in toggles:
        toggle.observe(changed, names="value")
    return toggles


def _on(widget, action: Callable[[Any], None]) -> None:
    widget.observe(lambda change: action(change["new"]), names="value")


def balance_page(client: str, start="", end="", data_dir: str = "", interactive=False) -> Page:
    """Return the back balance explorer's page; in JupyterLab with client and date controls."""
    from backday_analysis.views.balance_explorer import balance_explorer

    values = {"client": client, "start": start, "end": end}
    if not interactive:
        return Page(balance_explorer, {**values, "data_dir": data_dir})
    import ipywidgets as widgets

    data = load_dataset(data_dir or None)
    page = Page(balance_explorer, {**values, "dataset": data}, interactive=True)
    who = _dropdown("Client", client_choices(data), page.model.client_id)
    first = widgets.DatePicker(description="From", value=page.model.start)
    last = widgets.DatePicker(description="To", value=page.model.end)
    _on(who, lambda value: page.update(client=value))
    _on(first, lambda value: page.update(start=value or ""))
    _on(last, lambda value: page.update(end=value or ""))
    page.controls = {"client": who, "start": first, "end": last}
    panel(page, [who, first, last], "Back balance explorer: empty dates mean the whole history")
    return page


def _week_choices(data: Dataset, client: str | None, week: str) -> list[str]:
    return sorted({*logged_weeks(data, client), week}, reverse=True)


def weekly_page(
    client: str,
    week: str = "latest",
    data_dir: str = "",
    weeks_of_history: int = 16,
    guideline_days: int | None = None,
    interactive: bool = False,
) -> Page:
    """Return one client's weekly report page; in JupyterLab with client, week and groups."""
    from backday_analysis.views.client_week import client_week

    values = {
        "client": client,
        "week": week,
        "weeks_of_history": weeks_of_history,
        "guideline_days": guideline_days,
    }
    options = {"groups": BACK_GROUPS}
    if not interactive:
        return Page(client_week, {**values, "data_dir": data_dir}, options)
    data = load_dataset(data_dir or None)
    page = Page(client_week, {**values, "dataset": data}, options, interactive=True)
    model = page.model
    who = _dropdown("Client", client_choices(data), model.client_id)
    when = _dropdown("Week", _week_choices(data, model.client_id, model.week), model.week)
    quiet = []

    def pick_client(client_id: str) -> None:
        weeks = logged_weeks(data, client_id)
        week = page.model.week if page.model.week in weeks else (weeks or ["latest"])[0]
        quiet.append(True)
        when.options = _week_choices(data, client_id, week) if weeks else [week]
        when.value = week
        quiet.pop()
        page.update(client=client_id, week=week)

    _on(who, pick_client)
    _on(when, lambda value: None if quiet else page.update(week=value))
    toggles = _group_toggles(page)
    page.controls = {"client": who, "week": when, "groups": toggles}
    panel(page, [who, when, *toggles], "Weekly report: client, week and the groups drawn")
    return page


def roster_page(week: str = "latest", data_dir: str = "", interactive: bool = False) -> Page:
    """Return the roster overview's page; in JupyterLab with a week picker."""
    from backday_analysis.views.roster_week import roster_week

    if not interactive:
        return Page(roster_week, {"week": week, "data_dir": data_dir})
    data = load_dataset(data_dir or None)
    page = Page(roster_week, {"week": week, "dataset": data}, interactive=True)
    when = _dropdown("Week", _week_choices(data, None, page.model.week), page.model.week)
    _on(when, lambda value: page.update(week=value))
    page.controls = {"week": when}
    panel(page, [when], "Roster overview: pick a week")
    return page
