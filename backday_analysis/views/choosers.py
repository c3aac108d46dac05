"""The control panel's choosers: a client picker with search, date boxes, group ticks.

Plain ipywidgets, imported only when a notebook shows its panel in JupyterLab. Dates are
shown as the pages write them ("16 Nov 2026") and reported once they are complete.
"""

from __future__ import annotations

import datetime as dt
import html

import ipywidgets as widgets

from backday_analysis.errors import BackdayError

#: How the pages write a day, and so how the date boxes show one.
DAY_FORMAT = "%d %b %Y"
#: What a date box accepts: the pages' form, the month in full, and ISO.
DAY_FORMATS = (DAY_FORMAT, "%d %B %Y", "%Y-%m-%d")
#: Matches listed under a search box at most.
MATCHES_SHOWN = 8


def parse_day(text: str, name: str = "date") -> dt.date | None:
    """Return the day written in a date box, or None for an empty box.

    Raises
    ------
    BackdayError
        If the text is not a whole calendar date in one of :data:`DAY_FORMATS`.
    """
    value = " ".join(str(text or "").split())
    if not value:
        return None
    for form in DAY_FORMATS:
        try:
            return dt.datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise BackdayError(
        f"{name} '{value}' is not a date; write it as 16 Nov 2026 (or 2026-11-16), "
        "or leave the box empty for the whole history."
    )


def day_text(day: dt.date | None) -> str:
    """Return a day as the pages write it, ``16 Nov 2026``; empty for None."""
    return "" if day is None else day.strftime(DAY_FORMAT)


#: What the date row says of how to type a day.
DATE_HINT = "Type a day as 16 Nov 2026, then press Enter; empty for the whole history."


def date_box(label: str, empty: str) -> widgets.Text:
    """Return a date box that reports its text once it is complete (Enter or leaving the box).

    ``empty`` says what an empty box means; it shows, greyed, while the box is empty.
    """
    return widgets.Text(
        description=label,
        placeholder=empty,
        tooltip=DATE_HINT,
        continuous_update=False,
        style={"description_width": "initial"},
        layout={"width": "13em"},
    )


def group_ticks(groups, labels: dict[str, str], ticked=None) -> list[widgets.Checkbox]:
    """Return one box per group of ``groups``, named by ``labels``; ``ticked`` start ticked.

    Without ``ticked``, every box starts ticked.
    """
    return [
        widgets.Checkbox(
            value=ticked is None or group in ticked,
            description=labels.get(group, group),
            indent=False,
            layout={"width": "auto", "margin": "0 12px 0 0"},
        )
        for group in groups
    ]


class ClientFinder:
    """A dropdown of the roster with a search box that lists the clients whose name matches.

    The dropdown holds the choice; a match picked from the list under the box is set on it.
    Every word typed must appear in the client's name or id, in any case.
    """

    def __init__(self, choices: list[tuple[str, str]], label: str) -> None:
        self.choices = choices
        self.dropdown = widgets.Dropdown(
            options=choices,
            value=None,
            description=label,
            style={"description_width": "initial"},
            layout={"width": "auto"},
        )
        self.search = widgets.Text(
            placeholder="search by name",
            continuous_update=True,
            layout={"width": "12em"},
        )
        self.note = widgets.HTML()
        self.matches = widgets.Select(options=[], rows=1, layout={"display": "none"})
        self._quiet = False
        self.search.observe(lambda change: self._narrow(change["new"]), "value")
        self.matches.observe(lambda change: self._picked(change["new"]), "value")
        self.widget = widgets.VBox(
            [widgets.HBox([self.dropdown, self.search, self.note]), self.matches],
            layout={"margin": "0 16px 0 0"},
        )

    def found(self, text: str) -> list[tuple[str, str]]:
        """Return the choices whose label holds every word of ``text``, in roster order."""
        words = text.casefold().split()
        return [(n, v) for n, v in self.choices if v and all(w in n.casefold() for w in words)]

    def _narrow(self, text: str) -> None:
        found = self.found(text) if text.strip() else []
        shown = found[:MATCHES_SHOWN]
        self._quiet = True
        try:
            self.matches.options = shown
            self.matches.index = None
        finally:
            self._quiet = False
        self.matches.rows = max(len(shown), 1)
        self.matches.layout.display = "flex" if shown else "none"
        if not text.strip():
            note = ""
        elif not found:
            note = f"No client matches “{text.strip()}”."
        elif len(found) > len(shown):
            note = f"{len(found)} clients match; the first {len(shown)} are listed: type more."
        else:
            note = "1 match: click it." if len(found) == 1 else f"{len(found)} match: click one."
        self.note.value = f"<span style='color:#555'>{html.escape(note)}</span>"

    def _picked(self, value) -> None:
        if self._quiet or value is None:
            return
        self.search.value = ""  # hides the list
        self.dropdown.value = value

    @property
    def disabled(self) -> bool:
        return self.dropdown.disabled

    @disabled.setter
    def disabled(self, value: bool) -> None:
        for widget in (self.dropdown, self.search, self.matches):
            widget.disabled = value
