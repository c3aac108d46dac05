"""Keep a notebook's outputs live in JupyterLab: redraw them in place when the choice changes.

A notebook builds one :class:`Page` (see :mod:`backday_analysis.views.pages`) and shows each
table or chart through it. Run by papermill (``controls=False``, as ``backday report`` does)
a page only displays what it is given, exactly as plain ``display`` calls would: no widget
reaches a report. Run in JupyterLab, the page keeps a handle on every output and redraws
them all in place when the choice changes: a control of its panel changes (ipywidgets), the
parameters cell changes a followed variable (:mod:`.parameters`), or the cell that builds the
page runs again, and its new page takes over the old one's outputs (by the cell's id).

The parameters cell, the panel and the outputs show one choice; Run All keeps it. A choice
that cannot be shown is refused with its sentence in the panel, and the controls go back to
the last choice that worked, which the outputs still show. In JupyterLab building the page
never raises a coach's error, so an error during Run All leaves the panel on screen.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from IPython.display import HTML, display

from backday_analysis.errors import BackdayError
from backday_analysis.views import display as show
from backday_analysis.views.parameters import NotebookParameters, running_cell
from backday_analysis.views.storage import python_strings

NOTHING = "<p class='empty'>Nothing to show yet: pick a choice in the panel above.</p>"
NOTHING_LOGGED = "No logged week to draw: the client logged nothing in these weeks."
#: The live page of each kind of notebook in this kernel, which a new one takes over.
LIVE: dict[str, Page] = {}


class Section:
    """One output of a page: how to draw it, its display handle and its save buttons."""

    def __init__(self, page: Page, render: Callable[[Any], Any], labelled: bool) -> None:
        self.page, self.render, self.labelled = page, render, labelled
        self.handle: Any = None  # IPython's DisplayHandle
        self.saver: Any = None  # a chart's save buttons
        self.options: tuple[str, ...] = ()  # the page options the chart is drawn with


class Page:
    """Outputs drawn from one choice, redrawn in place when it changes.

    Parameters
    ----------
    build : callable
        Returns the model from ``fixed`` and the choice's ``values`` as keyword arguments.
    values : dict
        The choice, as the parameters cell writes it; a control changes one entry.
    options : dict, optional
        Arguments of the drawing functions only (such as the groups drawn); changing one
        redraws without rebuilding the model.
    interactive : bool
        Keep handles on the outputs to redraw them; say refused choices in the panel.
    kind : str, optional
        A new interactive page of the same kind takes over the outputs of the one before
        it, and its choice when the parameters did not change.
    fixed : dict, optional
        Arguments of ``build`` that are not a choice (the loaded data folder).
    beside : str, optional
        The argument ``values["beside"]`` replaces, when not empty, for a second model shown
        side by side with the first.
    """

    def __init__(
        self, build, values, options=None, interactive=False, kind=None, fixed=None, beside=None
    ) -> None:
        self.build, self.fixed, self.beside = build, dict(fixed or {}), beside
        self.given = dict(values)  # the choice as the parameters cell last gave it
        self.values = dict(values)
        self.options = dict(options or {})
        self.interactive = interactive
        self.model: Any = None
        self.other: Any = None  # the model shown beside, if any
        self.problem: str | None = None  # the sentence of the last refused choice
        self.sections: dict[tuple, Section] = {}
        self.status: Any = None  # the panel's status line
        #: The panel's widgets by name, for a test or a coach's own code to reach.
        self.controls: dict[str, Any] = {}
        #: Sets the widgets from the choice after a change that did not come from them.
        self.sync: Callable[[], None] = lambda: None
        #: The choice in a few words; a label over each half side by side; a saved chart's
        #: file name starts with the stem; what to do when a drawing option is empty.
        self.describe: Callable[[Any], str] = lambda model: "the last choice that worked"
        self.label: Callable[[Any], str] = lambda model: ""
        self.stem: Callable[[Any], str] = lambda model: "chart"
        self.hints: dict[str, str] = {}
        self.quiet = False
        self.parameters = NotebookParameters(self)
        self._run, self._shown = (None, None), 0  # the cell being run, its outputs so far
        if not interactive:
            self.model, self.other = self._build(self.values)
            return
        before = LIVE.get(kind) if kind else None
        kept = before is not None and before.model is not None
        if kept and before.problem is None and before.given == self.given:
            self.values = dict(before.values)  # Run All keeps the panel's choice
        try:
            self.model, self.other = self._build(self.values)
        except BackdayError as exc:
            self.problem = str(exc)
            if kept:
                self.values = dict(before.values)
                self.model, self.other = before.model, before.other
        if kind:
            LIVE[kind] = self
            if before is not None:
                self.sections, before.sections = before.sections, {}
                for section in self.sections.values():
                    section.page = self
                before.retire()  # watch() draws the outputs taken over

    @python_strings
    def _build(self, values: dict) -> tuple[Any, Any]:
        arguments = {k: v for k, v in values.items() if k != "beside"}
        model = self.build(**self.fixed, **arguments)
        if not (self.beside and values.get("beside")):
            return model, None
        try:
            other = self.build(**self.fixed, **{**arguments, self.beside: values["beside"]})
        except BackdayError as exc:
            raise BackdayError(f"beside: {exc}") from exc
        return model, other

    @python_strings
    def _draw(self, render: Callable[[Any], Any], labelled: bool) -> Any:
        if self.model is None:
            return HTML(NOTHING)
        if self.other is None:
            return render(self.model)
        pair = (self.model, self.other)
        labels = [self.label(model) for model in pair] if labelled else None
        return show.side_by_side([render(model) for model in pair], labels)

    def show(self, render: Callable[[Any], Any], labelled: bool = True) -> Section | None:
        """Display ``render(model)``; in JupyterLab keep its handle to redraw it later."""
        output = self._draw(render, labelled)
        if not self.interactive:
            display(output)
            return None
        cell, request = running_cell()
        if (cell, request) != self._run:
            self._run, self._shown = (cell, request), 0
        key = (cell or request or len(self.sections), self._shown)
        self._shown += 1
        section = Section(self, render, labelled)
        section.handle = display(output, display_id=True)
        self.sections[key] = section
        return section

    def text(self, text: Callable[[Any], str], tag: str = "p") -> None:
        """Show the sentence ``text(model)`` as a paragraph or heading."""
        self.show(lambda m: show.text_output(text(m), tag), labelled=False)

    def table(self, table: Callable[[Any], Any], empty: str = "None.", caption=None) -> None:
        """Show the table ``table(model)``, or ``empty`` when it has no rows."""
        self.show(lambda model: show.table_output(table(model), caption, empty))

    def coloured_table(self, table: Callable[[Any], Any], empty="None.", grid=False) -> None:
        """Show ``table(model)``, a pair of values and cell classes, coloured and marked."""
        self.show(lambda model: show.coloured_table_output(*table(model), empty, grid))

    def figure(self, figure: Callable[..., Any], *options: str) -> None:
        """Show the chart ``figure(model, **options)``; ``options`` name entries of the page's.

        An option left empty (every group off) shows its hint instead of empty axes, and a
        chart with nothing to draw (``figure`` returns None) says so. In JupyterLab the chart
        gets buttons that save it as PNG or SVG.
        """

        def render(model):
            empty = [name for name in options if not len(self.options[name])]
            if empty:
                return show.text_output(self.hints.get(empty[0], "Nothing is chosen to draw."))
            drawn = figure(model, **{n: self.options[n] for n in options})
            return show.text_output(NOTHING_LOGGED) if drawn is None else show.figure_output(drawn)

        section = self.show(render)
        if section is not None:
            from backday_analysis.views.lab_widgets import chart_saver

            section.options = options
            section.saver = chart_saver(section, figure, options)
            section.saver.targets = self._targets(section)
            display(section.saver)

    def _targets(self, section: Section) -> list[str]:
        pair = [m for m in (self.model, self.other) if m is not None]
        if any(not len(self.options[n]) for n in section.options):
            return []  # nothing drawn, nothing to save
        return [self.label(m) for m in pair] if len(pair) == 2 else [""] * len(pair)

    def update(self, **changes) -> bool:
        """Show the choice with ``changes``; return whether it could be shown.

        A BackdayError is said in the panel; the controls go back to the choice shown.
        """
        self._say("Updating…")
        values = {**self.values, **changes}
        try:
            self.model, self.other = self._build(values)
        except BackdayError as exc:
            self.refuse(str(exc))
            return False
        except Exception as exc:
            # A bug: say so here, and let ipywidgets log the full traceback.
            self._say(f"A bug stopped the update ({type(exc).__name__}); see the log.", True)
            raise
        self.values, self.problem = values, None
        self.redraw()
        self.settle()
        return True

    def refuse(self, sentence: str) -> None:
        """Say why a choice cannot be shown and put the controls back on the choice shown."""
        self.problem = sentence
        self.tell()
        self._sync()

    def tell(self) -> None:
        """Write the page's state in the panel: the last refusal, or what to do, or nothing."""
        if self.problem is not None:
            shown = self.describe(self.model) if self.model is not None else None
            after = f" Still showing {shown}." if shown else " Pick a choice above to show one."
            self._say(f"⚠ {self.problem}{after}", error=True)
            return
        empty = [n for n in self.hints if n in self.options and not len(self.options[n])]
        self._say(self.hints[empty[0]] if empty else "")

    def redraw(self, **options) -> None:
        """Draw every output again from the current model, with ``options`` changed."""
        self.options.update(options)
        for section in self.sections.values():
            section.handle.update(self._draw(section.render, section.labelled))
            if section.saver is not None:
                section.saver.targets = self._targets(section)
        self.tell()

    def watch(self, **names: str) -> None:
        """Finish the page: draw the outputs it took over, and follow the notebook's variables.

        ``names`` maps each variable to its choice key (see :class:`NotebookParameters`).
        """
        self.redraw()
        self.parameters.follow(names)
        if self.model is not None:
            self.settle()
        else:
            self._sync()

    def settle(self) -> None:
        """Make the notebook's variables, its parameters cell and the panel show the choice."""
        self.parameters.write()
        self._sync()

    def _sync(self) -> None:
        self.quiet = True
        try:
            self.sync()
        finally:
            self.quiet = False  # the coach's next change acts again

    def retire(self) -> None:
        """Stop following the notebook; a newer page has taken over the outputs."""
        self.parameters.stop()
        for control in self.controls.values():
            for each in control if isinstance(control, list) else [control]:
                each.disabled = True
        self._say("A newer control panel has taken over.")

    def on(self, widget, action: Callable[[Any], Any]) -> None:
        """Call ``action(new value)`` when the coach changes ``widget``."""
        widget.observe(lambda change: None if self.quiet else action(change["new"]), "value")

    def _say(self, text: str, error: bool = False) -> None:
        if self.status is not None:
            colour = "#b00020" if error else "#555"
            self.status.value = f"<span style='color:{colour}'>{html.escape(text)}</span>"


def panel(page: Page, rows: list[list], title: str) -> None:
    """Display the control panel: a title, rows of controls and a status line."""
    import ipywidgets as widgets

    from backday_analysis.views.lab_widgets import ParametersBridge

    # A long sentence (one that names a roster of hundreds) scrolls under the controls.
    page.status = widgets.HTML(layout={"max_height": "8em", "overflow": "auto"})
    page.status.add_class("backday-status")
    page.parameters.attach(ParametersBridge())
    lines = [widgets.HBox(row, layout={"flex_flow": "row wrap"}) for row in rows]
    box = widgets.VBox([widgets.HTML(f"<b>{html.escape(title)}</b>"), *lines, page.status])
    box.add_class("backday-controls")
    display(box)
    page.tell()
