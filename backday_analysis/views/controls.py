"""Keep a notebook's outputs live in JupyterLab: redraw them in place when a choice changes.

A notebook builds one :class:`Page` (see :mod:`backday_analysis.views.pages`) and shows each
table or chart through it. Run by papermill (``controls=False``, as ``backday report`` does)
a page only displays what it is given, exactly as plain ``display`` calls would: no widget
reaches a report. Run in JupyterLab, the page keeps a handle on every output and redraws
them all in place when the model changes, so nothing of the previous choice stays on screen:

- when a control of its panel changes (ipywidgets);
- when a cell changes a watched parameter, such as ``client`` in the parameters cell, and
  is run on its own (an IPython ``post_run_cell`` hook);
- when the cell that builds the page runs again: the new page takes over the old one's
  outputs. A cell run again replaces its own outputs (JupyterLab sends the cell's id).

A wrong choice shows its sentence in the panel and blanks the outputs instead of leaving
them stale.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import Any

from IPython.display import HTML, display

from backday_analysis.errors import BackdayError
from backday_analysis.views import display as show

STALE = "<p class='empty'>Not shown: the choice above has a problem.</p>"
#: The live page of each kind of notebook in this kernel, which a new one takes over.
LIVE: dict[str, Page] = {}


def _shell():
    from IPython import get_ipython

    return get_ipython()


def _request() -> tuple[str | None, str | None]:
    """Return the running cell's id (JupyterLab sends it) and the request's message id."""
    kernel = getattr(_shell(), "kernel", None)
    parent = kernel.get_parent() if kernel is not None else {}
    return parent.get("metadata", {}).get("cellId"), parent.get("header", {}).get("msg_id")


class Page:
    """Outputs drawn from one model, redrawn in place when it changes.

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
        Keep handles on the outputs, to redraw them later.
    kind : str, optional
        The notebook's kind; a new interactive page of the same kind takes over the outputs
        of the one before it.
    """

    def __init__(self, build, values: dict, options=None, interactive=False, kind=None) -> None:
        self.build = build
        self.values = dict(values)
        self.options = dict(options or {})
        self.interactive = interactive
        self.model = build(**self.values)
        self.sections: dict[tuple, tuple[Callable[[Any], Any], Any]] = {}
        self.status: Any = None
        #: The panel's widgets by name, for a test or a coach's own code to reach.
        self.controls: dict[str, Any] = {}
        #: Sets the widgets from the model after a change that did not come from them.
        self.sync: Callable[[], None] = lambda: None
        self.quiet = False
        self.watched: dict[str, Any] = {}
        self._names: dict[str, str] = {}
        self._run: tuple = (None, None)
        self._shown = 0
        if interactive and kind:
            before = LIVE.get(kind)
            LIVE[kind] = self
            if before is not None:
                self.sections, before.sections = before.sections, {}
                before.retire()
                self.redraw()

    def show(self, render: Callable[[Any], Any]) -> None:
        """Display ``render(model)``; in JupyterLab keep its handle to redraw it later."""
        output = render(self.model)
        if not self.interactive:
            display(output)
            return
        cell, request = _request()
        if (cell, request) != self._run:
            self._run, self._shown = (cell, request), 0
        key = (cell or request or len(self.sections), self._shown)
        self._shown += 1
        self.sections[key] = (render, display(output, display_id=True))

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
            for _, handle in self.sections.values():
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
        for render, handle in self.sections.values():
            handle.update(render(self.model))
        self._say("")

    def watch(self, **names: str) -> None:
        """Follow notebook variables (name to model argument): a cell that changes one redraws.

        Only variables that hold what the page was given are followed.
        """
        shell = _shell()
        if shell is None:
            return
        self._names = names
        self.watched = {
            name: shell.user_ns[name]
            for name, key in names.items()
            if name in shell.user_ns and shell.user_ns[name] == self.values.get(key)
        }
        if self.watched:
            shell.events.register("post_run_cell", self._after_cell)

    def _after_cell(self, result=None) -> None:
        namespace = _shell().user_ns
        changed = {n: namespace.get(n) for n, v in self.watched.items() if namespace.get(n) != v}
        if not changed:
            return
        self.watched.update(changed)
        if self.update(**{self._names[n]: value for n, value in changed.items()}):
            self.quiet = True
            try:
                self.sync()
            finally:
                self.quiet = False

    def retire(self) -> None:
        """Stop following the notebook; a newer page has taken over the outputs."""
        shell = _shell()
        if self.watched and shell is not None:
            shell.events.unregister("post_run_cell", self._after_cell)
        for widget in self.controls.values():
            for each in widget if isinstance(widget, list) else [widget]:
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

    page.status = widgets.HTML(value="")
    lines = [widgets.HBox(row, layout={"flex_flow": "row wrap"}) for row in rows]
    box = widgets.VBox([widgets.HTML(value=f"<b>{html.escape(title)}</b>"), *lines, page.status])
    box.add_class("backday-controls")
    display(box)
