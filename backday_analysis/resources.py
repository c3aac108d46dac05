"""Find the files the package ships: notebooks, the report template and a data folder's defaults.

They are package data, read with :mod:`importlib.resources`, so an installed wheel finds them
as the checkout does. In the repository, ``notebooks/`` and ``defaults/`` inside the package
are symbolic links to the top-level ``notebooks/`` and ``data/`` files (one copy each); the
build copies the files they point to into the wheel and the sdist.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path

from backday_analysis.errors import BackdayError

PACKAGE = "backday_analysis"
#: The notebooks reports are made from, and that ``backday lab`` opens.
NOTEBOOKS = ("weekly_report.ipynb", "roster_overview.ipynb", "back_balance.ipynb")
#: The files a new data folder starts from (``backday init``).
DEFAULT_FILES = ("catalogue.csv", "aliases.csv", "advice.csv", "severity.csv", "config.toml")


def shipped(*parts: str) -> Path:
    """Return a file or folder of the package as a path on disk.

    Raises
    ------
    BackdayError
        When the package is not installed as files (a zip import), or the file is missing.
    """
    found = importlib.resources.files(PACKAGE).joinpath(*parts)
    # A wheel or an editable install gives a path; only a zipped package would not, and
    # papermill and nbconvert need real files.
    if not isinstance(found, Path) or not found.exists():
        raise BackdayError(
            f"{'/'.join(parts)} is missing from the installed backday_analysis; "
            "reinstall the package (pip install --force-reinstall backday-analysis)."
        )
    return found


def notebook(name: str) -> Path:
    """Return one of the shipped notebooks (:data:`NOTEBOOKS`)."""
    return shipped("notebooks", name)


def default_file(name: str) -> Path:
    """Return one of the shipped data-folder defaults (:data:`DEFAULT_FILES`)."""
    return shipped("defaults", name)


def templates_dir() -> Path:
    """Return the folder of nbconvert templates the report pages use."""
    return shipped("rendering", "templates")
