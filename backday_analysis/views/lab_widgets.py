"""The control panel's own widgets: the parameters cell kept in step, chart downloads, search.

Imported only when a notebook shows its panel in JupyterLab (``controls = True``), never by a
report run. Two widgets need code in the browser; anywidget loads it from the ES modules
below, so nothing is built:

- :class:`ParametersBridge` rewrites the assignments of the notebook's ``parameters`` cell
  when the panel's choice changes, so the cell and the panel show the same choice and Run
  All keeps it. It reaches the notebook through the widget manager's document context.
- :class:`ChartSaver` gives a chart "Save PNG" and "Save SVG" buttons: the kernel draws the
  chart again in the chosen format and the browser saves the file.

The panel's plain ipywidgets are in :mod:`backday_analysis.views.choosers`.
"""

from __future__ import annotations

import json
from collections.abc import Callable

import anywidget
import traitlets

PARAMETERS_ESM = r"""
// Where a line's trailing comment starts (spaces before it included), or -1.
function commentStart(line) {
  let quote = null;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote) { if (c === "\\") i++; else if (c === quote) quote = null; }
    else if (c === '"' || c === "'") quote = c;
    else if (c === "#") { let j = i; while (j > 0 && /\s/.test(line[j - 1])) j--; return j; }
  }
  return -1;
}

// Set each top-level `name = literal` of a cell's source; keep comments, add missing lines.
export function rewrite(source, assignments) {
  const lines = source.split("\n");
  for (const [name, literal] of Object.entries(assignments)) {
    const at = lines.findIndex(
      (l) => l.startsWith(name) && /^\s*=(?!=)/.test(l.slice(name.length)));
    if (at < 0) { lines.push(`${name} = ${literal}`); continue; }
    const line = lines[at];
    const cut = commentStart(line);
    const code = cut < 0 ? line : line.slice(0, cut);
    const value = code.slice(code.indexOf("=") + 1).trim();
    if (value !== literal) lines[at] = `${name} = ${literal}` + (cut < 0 ? "" : line.slice(cut));
  }
  return lines.join("\n");
}

function apply(model) {
  const context = model.widget_manager && model.widget_manager.context;
  if (!context || !context.model) return;  // not a notebook (a console, another front end)
  const assignments = model.get("assignments");
  for (const cell of context.model.sharedModel.cells) {
    if (!((cell.getMetadata().tags || []).includes("parameters"))) continue;
    const source = cell.getSource();
    const next = rewrite(source, assignments);
    if (next !== source) cell.setSource(next);
    model.send({ written: assignments });  // the kernel now knows what the cell says
    return;
  }
}

export default {
  initialize({ model }) {
    model.on("change:assignments", () => apply(model));
    apply(model);
  },
};
"""

SAVER_ESM = r"""
export default {
  render({ model, el }) {
    // Only the view whose button was pressed saves the file the kernel sends back.
    const view = Math.random().toString(36).slice(2);
    el.classList.add("backday-save");
    const draw = () => {
      el.replaceChildren();
      model.get("targets").forEach((label, which) => {
        if (label) {
          const name = document.createElement("span");
          name.textContent = `${label}:`;
          name.style.margin = "0 4px 0 8px";
          el.append(name);
        }
        for (const format of ["png", "svg"]) {
          const button = document.createElement("button");
          button.className = "jupyter-widgets jupyter-button widget-button";
          button.style.width = "auto";
          button.textContent = `Save ${format.toUpperCase()}`;
          button.title = `Save this chart as a ${format.toUpperCase()} file`;
          button.addEventListener("click", () => model.send({ save: format, which, view }));
          el.append(button);
        }
      });
    };
    const receive = (msg, buffers) => {
      if (msg.view !== view || !msg.file) return;
      const url = URL.createObjectURL(new Blob([buffers[0]], { type: msg.mime }));
      const link = document.createElement("a");
      link.href = url;
      link.download = msg.file;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(url), 60000);
    };
    model.on("change:targets", draw);
    model.on("msg:custom", receive);
    draw();
    return () => { model.off("change:targets", draw); model.off("msg:custom", receive); };
  },
};
"""

MIME_TYPES = {"png": "image/png", "svg": "image/svg+xml"}


class ParametersBridge(anywidget.AnyWidget):
    """Write the panel's choice into the notebook's ``parameters`` cell.

    ``assignments`` maps a variable of that cell to the Python literal it should hold.
    """

    _esm = PARAMETERS_ESM
    assignments = traitlets.Dict().tag(sync=True)


class ChartSaver(anywidget.AnyWidget):
    """Save buttons under a chart; ``files(which, format)`` returns the file's name and bytes.

    ``targets`` labels one pair of buttons per chart shown side by side (``[""]`` for one
    chart, none while nothing is drawn).
    """

    _esm = SAVER_ESM
    targets = traitlets.List(traitlets.Unicode()).tag(sync=True)

    def __init__(self, files: Callable[[int, str], tuple[str, bytes] | None]) -> None:
        super().__init__()
        self.files = files
        self.on_msg(self._on_message)

    def _on_message(self, _widget, content: dict, _buffers) -> None:
        fmt = content.get("save")
        if fmt not in MIME_TYPES:
            return
        found = self.files(int(content.get("which", 0)), fmt)
        if found is not None:
            name, data = found
            self.send({"file": name, "mime": MIME_TYPES[fmt], "view": content.get("view")}, [data])


def literal(value) -> str:
    """Return ``value`` as the parameters cell writes it (a string in double quotes)."""
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    return repr(value)


def chart_saver(section, figure, options: tuple[str, ...]) -> ChartSaver:
    """Return the save buttons of a page's chart ``figure``, drawn anew from the page's model.

    The file is named after the page's stem and the chart; nothing is saved while the page
    shows nothing, or an option is empty (every group off).
    """
    from backday_analysis.views.display import figure_bytes

    def files(which: int, fmt: str) -> tuple[str, bytes] | None:
        page = section.page
        model = page.model if which == 0 else page.other
        if model is None or any(not len(page.options[n]) for n in options):
            return None
        drawn = figure(model, **{n: page.options[n] for n in options})
        if drawn is None:
            return None
        return f"{page.stem(model)}_{figure.__name__}.{fmt}", figure_bytes(drawn, fmt)

    return ChartSaver(files)
