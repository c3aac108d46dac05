"""Give the notebooks the metadata the project's kernel reports, so opening them changes nothing.

JupyterLab writes the kernel's ``kernelspec`` and ``language_info`` into a notebook when it
connects; where they differ from the file, the notebook shows as changed at once and autosave
writes it. The committed notebooks carry the kernelspec ``make`` installs and the language
info without the Python version (it differs between machines); ``make`` stamps this machine's
version in, and the git filter (``.gitattributes``, Makefile ``git-filter``) takes it out
again, so the stamp never shows as a change. Run as ``python -m
dev.notebook_metadata``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import dev as checkout
from backday_analysis.rendering.kernels import KERNEL_NAME

KERNEL_DISPLAY_NAME = "Python 3 (backday)"


def kernel_metadata() -> dict:
    """Return the notebook metadata this environment's kernel gives: kernelspec, language."""
    from ipykernel.ipkernel import IPythonKernel

    return {
        "kernelspec": {
            "display_name": KERNEL_DISPLAY_NAME,
            "language": "python",
            "name": KERNEL_NAME,
        },
        "language_info": dict(IPythonKernel.language_info),
    }


def stamp(notebook: Path, metadata: dict) -> bool:
    """Write ``metadata`` into a notebook file unless it has it already; return if it changed."""
    node = json.loads(notebook.read_text(encoding="utf-8"))
    wanted = {**node.get("metadata", {}), **metadata}
    if node.get("metadata") == wanted:
        return False
    node["metadata"] = wanted
    # nbformat's own layout, so the file differs only in what changed.
    text = json.dumps(node, indent=1, sort_keys=True, ensure_ascii=False) + "\n"
    notebook.write_text(text, encoding="utf-8")
    return True


def main(folder: Path = checkout.NOTEBOOKS_DIR) -> list[Path]:
    """Stamp every notebook in ``folder``; return the files that changed."""
    metadata = kernel_metadata()
    return [path for path in sorted(folder.glob("*.ipynb")) if stamp(path, metadata)]


if __name__ == "__main__":
    changed = main(Path(sys.argv[1]) if len(sys.argv) > 1 else checkout.NOTEBOOKS_DIR)
    for path in changed:
        print(f"{path.name}: kernel metadata updated")
