"""Detect an export's format and dialect from its header, and read it.

Nothing here guesses: a file is read only when its header is one the apps write (or, for
Strong's localised headers, when the columns line up with a known layout and the first rows
hold what that layout holds). Anything else is one clear :class:`BackdayError` naming the
file and line: a header no app writes, or a delimiter a spreadsheet changed on re-saving.
"""

from __future__ import annotations

from pathlib import Path
from types import ModuleType

from backday_analysis.errors import BackdayError, located
from backday_analysis.importers import fitbod, fitnotes, hevy, strong
from backday_analysis.importers.cells import shown
from backday_analysis.importers.fold import ascii_fold
from backday_analysis.importers.rows import ImportContext, Parsed
from backday_analysis.importers.table import (
    DELIMITERS,
    FREE_TEXT_COLUMNS,
    REEXPORT,
    SAMPLE_ROWS,
    Layout,
    RawTable,
    decode,
    split_header,
    tokenise,
)

FORMATS = (strong, hevy, fitnotes, fitbod)
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}


def _column_key(name: str) -> str:
    """Compare column names ignoring case, accents, spaces and a byte-order mark."""
    return "".join(ascii_fold(name).split())


def detect(text: str, label: str) -> tuple[RawTable, ModuleType, Layout]:
    """Find the format and dialect of an export's text.

    Returns
    -------
    table : RawTable
        The tokenised rows.
    module : module
        The format module (:mod:`.strong`, :mod:`.hevy`, :mod:`.fitnotes`, :mod:`.fitbod`),
        whose ``normalise(table, layout, ctx)`` reads the rows.
    layout : Layout
        The dialect.
    """
    ordered = sorted(DELIMITERS, key=lambda d: -len(split_header(text, d)))
    for delimiter in ordered:
        header = split_header(text, delimiter)
        for module in FORMATS:
            layout = module.match(header)
            if layout is None:
                continue
            if layout.delimiter != delimiter:
                raise located(
                    label,
                    1,
                    f"this is a {module.FORMAT_NAME} export whose columns "
                    f"are separated by {_DELIMITER_NAMES[delimiter]}, but the app "
                    f"writes {_DELIMITER_NAMES[layout.delimiter]} (a spreadsheet "
                    "changed them on re-saving)",
                    REEXPORT,
                )
            return with_free_text(tokenise(text, delimiter, label), layout), module, layout
    best = ordered[0]
    table = tokenise(text, best, label)
    sample = table.cells.head(SAMPLE_ROWS)
    for module in FORMATS:
        by_position = getattr(module, "match_by_position", None)
        layout = by_position(table.header, best, sample) if by_position else None
        if layout is not None:
            return with_free_text(table, layout), module, layout
    known = {_column_key(c) for module in FORMATS for c in module.COLUMN_NAMES}
    unknown = [c for c in table.header if _column_key(c) not in known]
    if unknown and len(unknown) * 2 < len(table.header) and len(table.header) - len(unknown) >= 3:
        listed = ", ".join(f"'{shown(c)}'" for c in unknown[:3]) + (
            ", ..." if len(unknown) > 3 else ""
        )
        raise located(
            label,
            1,
            f"the header has the column{'s' if len(unknown) > 1 else ''} {listed}, which "
            "no Strong, Hevy, FitNotes or Fitbod export has",
            "import the CSV exactly as the app exported it, without added columns",
        )
    if not any(table.header):
        raise located(
            label,
            1,
            "the first line names no columns",
            "import the CSV exactly as the app exported it (its first line names the columns)",
        )
    start = ",".join(shown(c, 30) for c in table.header[:4])
    start += ",..." if len(table.header) > 4 else ""
    raise located(
        label,
        1,
        f"the header '{start}' is not one that Strong, Hevy, FitNotes or Fitbod write",
        "import the CSV exactly as the app exported it (its first line names the columns)",
    )


def with_free_text(table: RawTable, layout: Layout) -> RawTable:
    """Mark the layout's note columns on the table, so a huge note is cut, not rejected."""
    table.free_text = tuple(
        layout.columns[name] for name in FREE_TEXT_COLUMNS if name in layout.columns
    )
    return table


def open_export(path: Path, label: str) -> tuple[RawTable, ModuleType, Layout]:
    """Read, decode and detect one export file."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise BackdayError(f"{label}: there is no such file; check the path.") from None
    except IsADirectoryError:
        raise BackdayError(
            f"{label}: this is a folder, not an export file; give the CSV file itself."
        ) from None
    except OSError as exc:
        raise BackdayError(
            f"{label}: the file cannot be read ({exc.strerror}); check the "
            "path and its permissions."
        ) from None
    return detect(decode(data, label), label)


def read_export(path: Path, ctx: ImportContext, name: str | None = None) -> Parsed:
    """Read one app export: decode, detect the format from its header, normalise.

    Raises
    ------
    BackdayError
        When the file cannot be read exactly (encoding, header, delimiter, dates), in one
        sentence naming the file and line.
    """
    label = name or path.name
    table, module, layout = open_export(path, label)
    return module.normalise(table, layout, ctx)
