"""Decode an export, find its delimiter, and detect its format and dialect from the header.

Nothing here guesses: a file is read only when its header is one the apps write (or, for
Strong's localised headers, when the columns line up with a known layout and the first rows
hold what that layout holds). Anything else is one clear :class:`BackdayError` naming the
file and line, what is wrong and what to do: another encoding (UTF-16, Latin-1), a header no
app writes, or a delimiter a spreadsheet changed on re-saving.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path
from types import ModuleType

import numpy as np
import pandas as pd

from backday_analysis.errors import BackdayError, located

DELIMITERS = (",", ";", "\t")
_DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs"}
SAMPLE_ROWS = 20
_REEXPORT = "export the file again from the app and import it unchanged"


@dataclass(frozen=True)
class Layout:
    """A known header: its dialect name, delimiter and where each canonical column is."""

    dialect: str
    delimiter: str
    columns: dict[str, int]
    width: int
    info: dict[str, str] = field(default_factory=dict)


@dataclass
class RawTable:
    """The data rows of an export, as text.

    ``cells`` has one column per header field (0, 1, ...), whitespace stripped; ``lines`` is
    the file line each row starts on (the header is line 1); ``fields`` is each row's field
    count, which differs from the header's for broken rows (those are padded or cut to fit);
    ``raw`` keeps a broken row's fields for the formats that can recover it.
    """

    file: str
    header: list[str]
    cells: pd.DataFrame
    lines: pd.Series
    fields: pd.Series
    raw: dict[int, list[str]]

    def column(self, layout: Layout, name: str) -> pd.Series:
        """Return a canonical column by name, or empty text when the layout has none."""
        if name in layout.columns:
            return self.cells[layout.columns[name]]
        return pd.Series("", index=self.cells.index, dtype="str")

    def width_problems(self) -> tuple[pd.Series, pd.Series]:
        """Return the mask of rows whose field count is wrong, and a reason for each."""
        width = len(self.header)
        bad = self.fields != width
        reason = "the row has " + self.fields.astype(str) + f" fields where the header has {width}"
        return bad, reason


def decode(data: bytes, label: str) -> str:
    """Return the text of a UTF-8 export (with or without a byte-order mark)."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")) or b"\x00" in data[:400]:
        raise BackdayError(
            f"{label}: the file is UTF-16 text, not the UTF-8 CSV the apps "
            "export (a spreadsheet's 'Unicode text' save does this); "
            f"{_REEXPORT}, or save it as 'CSV UTF-8'."
        )
    if not data.strip():
        raise BackdayError(f"{label}: the file is empty; {_REEXPORT}.")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise located(
            label,
            line,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
            "suggests Latin-1 or Windows-1252, as a spreadsheet writes on re-saving)",
            f"{_REEXPORT}, or save it as 'CSV UTF-8'",
        ) from None


def split_header(text: str, delimiter: str) -> list[str]:
    """Return the header's cells for one delimiter."""
    first = text.split("\n", 1)[0].rstrip("\r")
    cells = next(csv.reader([first], delimiter=delimiter), [])
    return [c.strip().strip("\ufeff").strip() for c in cells]


def tokenise(text: str, delimiter: str, label: str) -> RawTable:
    """Split an export into header and data rows, keeping each row's line number.

    Blank lines are skipped (they hold no data and are not counted as rows).
    """
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, strict=False)
    try:
        header = [c.strip().strip("\ufeff").strip() for c in next(reader)]
        width = len(header)
        records, lines, fields, raw = [], [], [], {}
        previous_end = reader.line_num
        for record in reader:
            line = previous_end + 1
            previous_end = reader.line_num
            if not record or not any(cell.strip() for cell in record):
                continue
            count = len(record)
            if count != width:
                raw[len(records)] = record
                record = (record + [""] * width)[:width]
            records.append(record)
            lines.append(line)
            fields.append(count)
    except csv.Error as exc:
        raise located(
            label, reader.line_num, f"the file is not valid CSV ({exc})", _REEXPORT
        ) from None
    cells = pd.DataFrame(records, columns=list(range(width)), dtype="str")
    if len(cells):
        cells = cells.apply(lambda s: s.str.strip())
    return RawTable(
        file=label,
        header=header,
        cells=cells,
        lines=pd.Series(np.asarray(lines, dtype="int64"), index=cells.index),
        fields=pd.Series(np.asarray(fields, dtype="int64"), index=cells.index),
        raw=raw,
    )


def _formats() -> tuple[ModuleType, ...]:
    from backday_analysis.importers import fitbod, fitnotes, hevy, strong

    return (strong, hevy, fitnotes, fitbod)


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
        for module in _formats():
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
                    _REEXPORT,
                )
            return tokenise(text, delimiter, label), module, layout
    best = ordered[0]
    table = tokenise(text, best, label)
    sample = table.cells.head(SAMPLE_ROWS)
    for module in _formats():
        by_position = getattr(module, "match_by_position", None)
        layout = by_position(table.header, best, sample) if by_position else None
        if layout is not None:
            return table, module, layout
    shown = ",".join(table.header[:4]) + (",..." if len(table.header) > 4 else "")
    raise located(
        label,
        1,
        f"the header '{shown}' is not one that Strong, Hevy, FitNotes or Fitbod write",
        "import the CSV exactly as the app exported it (its first line names the columns)",
    )


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
