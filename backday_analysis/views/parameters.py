"""Keep a notebook's parameters cell and variables in step with its page's choice.

The page follows the variables of the parameters cell (``client``, ``week``...): a cell that
changes one and is run on its own redraws the page (an IPython ``post_run_cell`` hook). The
other way round, a choice made in the panel is written into those variables and, through
:class:`~backday_analysis.views.lab_widgets.ParametersBridge`, into the parameters cell's
source, so the cell shows the choice and Run All keeps it.
"""

from __future__ import annotations

from typing import Any


def shell():
    """Return the running IPython shell, or None outside IPython."""
    from IPython import get_ipython

    return get_ipython()


def running_cell() -> tuple[str | None, str | None]:
    """Return the running cell's id (JupyterLab sends it) and the request's message id."""
    kernel = getattr(shell(), "kernel", None)
    parent = kernel.get_parent() if kernel is not None else {}
    return parent.get("metadata", {}).get("cellId"), parent.get("header", {}).get("msg_id")


class NotebookParameters:
    """The variables a page follows: each name, the choice key it holds, its last value."""

    def __init__(self, page: Any) -> None:
        self.page = page
        self.names: dict[str, str] = {}
        self.watched: dict[str, Any] = {}
        #: The ParametersBridge of the page's panel, once shown.
        self.bridge: Any = None

    def attach(self, bridge) -> None:
        """Write the choice into the parameters cell through ``bridge`` from now on."""
        self.bridge = bridge
        bridge.on_msg(self._written)

    def _written(self, _widget, content: dict, _buffers) -> None:
        """Take what the browser wrote into the parameters cell as what the cell gives."""
        from backday_analysis.views.lab_widgets import literal

        written = content.get("written") or {}
        for name, key in self.names.items():
            if name in written and written[name] == literal(self.watched.get(name)):
                self.page.given[key] = self.watched[name]

    def follow(self, names: dict[str, str]) -> None:
        """Follow the variables ``names`` (name to choice key) that hold what the page was given.

        A variable the notebook does not have, or that holds something else, is left alone.
        """
        ipython = shell()
        if ipython is None:
            return
        given = self.page.given
        self.names = {
            name: key
            for name, key in names.items()
            if name in ipython.user_ns and ipython.user_ns[name] == given.get(key)
        }
        if self.names:
            ipython.events.register("post_run_cell", self.after_cell)

    def write(self) -> None:
        """Write the page's choice into the followed variables and the parameters cell."""
        from backday_analysis.views.lab_widgets import literal

        ipython = shell()
        for name, key in self.names.items():
            self.watched[name] = self.page.values.get(key)
            if ipython is not None:
                ipython.user_ns[name] = self.watched[name]
        if self.bridge is not None:
            self.bridge.assignments = {n: literal(v) for n, v in self.watched.items()}

    def after_cell(self, result=None) -> None:
        """Show the choice of a cell that changed a followed variable (the parameters cell).

        A variable set back to what the parameters cell last gave is that cell run again
        while its source lags the panel (the browser did not rewrite it): the panel's choice
        stays, and the variable gets it back.
        """
        namespace = shell().user_ns
        changes = {}
        for name, key in self.names.items():
            value = namespace.get(name)
            if value == self.watched.get(name):
                continue
            if value == self.page.given.get(key):
                namespace[name] = self.watched[name]
                continue
            self.watched[name] = changes[key] = value
        if changes:
            self.page.given.update(changes)
            self.page.update(**changes)

    def stop(self) -> None:
        """Stop following the notebook: a newer page has taken over."""
        ipython = shell()
        if self.names and ipython is not None:
            ipython.events.unregister("post_run_cell", self.after_cell)
        if self.bridge is not None:
            self.bridge.close()
