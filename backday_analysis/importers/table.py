"""Decode an export and split it into rows of text cells, each with the line it starts on.

Nothing here guesses: a file is read only when its header is one the apps write (or, for
Strong's localised headers, when the columns line up with a known layout and the first rows
hold what that layout holds). Anything else is one clear :class:`BackdayError` naming the
file and line, what is wrong and what to do: text that is not UTF-8 (UTF-16 from a
spreadsheet's 'Unicode text' save, Latin-1), binary data (a workbook, a damaged download), a
header no app writes, a delimiter a spreadsheet changed on re-saving, a quote that is never
closed, or two exports pasted into one file.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from backday_analysis.errors import BackdayError, located
from backday_analysis.importers.cells import shown

DELIMITERS = (",", ";", "\t")


SAMPLE_ROWS = 20


MAX_CELL_CHARS = 10_000


#: Free-text columns of the layouts (canonical names): a huge note is cut, not rejected.
FREE_TEXT_COLUMNS = ("notes", "workout_notes", "description", "exercise_notes", "comment", "note")


REEXPORT = "export the file again from the app and import it unchanged"


_UTF8_REMEDY = f"{REEXPORT}, or save it as 'CSV UTF-8'"


# Python's csv module refuses cells over 128 KiB; read them, so that a row with a huge
# cell is rejected with its line (see RawTable.long_cells), or its huge note cut, instead of
# failing the file.
_FIELD_LIMIT = 2**31 - 1


# The line breaks the csv module reads: CRLF, LF, and CR alone (a Mac spreadsheet's CSV).
_LINE_BREAK = re.compile(r"\r\n|\r|\n")


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
    free_text: tuple[int, ...] = ()

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

    def long_cells(self) -> tuple[pd.Series, pd.Series]:
        """Return the mask of rows with a cell over :data:`MAX_CELL_CHARS`, and a reason.

        The ``free_text`` columns (notes) are left out: the importers cut a long note instead.
        """
        index = self.cells.index
        long = pd.Series(False, index=index)
        reason = pd.Series("", index=index, dtype=object)
        if self.cells.empty:
            return long, reason
        lengths = self.cells.apply(lambda column: column.str.len()).to_numpy(
            dtype="int64", copy=True
        )
        lengths[:, list(self.free_text)] = 0
        for row in (lengths.max(axis=1) > MAX_CELL_CHARS).nonzero()[0]:
            column = int(lengths[row].argmax())
            long.iloc[row] = True
            reason.iloc[row] = (
                f"the '{shown(self.header[column])}' cell holds {lengths[row, column]:,} "
                f"characters, more than the {MAX_CELL_CHARS:,} an app writes"
            )
        return long, reason


def decode(data: bytes, label: str) -> str:
    """Return the text of a UTF-8 export (with or without a byte-order mark).

    Refused, each in one sentence: UTF-16 text (with a byte-order mark, or recognisable from
    its zero bytes), which only a spreadsheet's 'Unicode text' save writes, never an app;
    binary data (a workbook, a picture, a damaged download); and text in a legacy encoding
    (Latin-1, Windows-1252, which cannot be told apart exactly).
    """
    if data.startswith(b"PK\x03\x04") or data.startswith(b"\xd0\xcf\x11\xe0"):
        raise BackdayError(
            f"{label}: the file is a spreadsheet workbook or a ZIP archive, not a CSV "
            "file; import the CSV file the app exported (unzip it first if the app sent "
            "a .zip)."
        )
    if _utf16_encoding(data):
        raise BackdayError(
            f"{label}: the file is UTF-16 text, not the UTF-8 CSV the apps "
            "export (a spreadsheet's 'Unicode text' save does this); "
            f"{_UTF8_REMEDY}."
        )
    if b"\x00" in data:
        raise _binary(label, data.count(b"\n", 0, data.index(b"\x00")) + 1)
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        raise located(
            label,
            line,
            f"the file is not UTF-8 text (byte 0x{data[exc.start]:02x} "
            "suggests Latin-1 or Windows-1252, as a spreadsheet writes on re-saving)",
            _UTF8_REMEDY,
        ) from None
    if not text.replace("\ufeff", "").strip():
        raise BackdayError(f"{label}: the file is empty; {REEXPORT}.")
    return text


def _utf16_encoding(data: bytes) -> str | None:
    """Return the UTF-16 variant ``data`` is written in, or None when it is not UTF-16."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return "utf-16"
    sample = data[:4000]
    pairs = len(sample) // 2
    if pairs < 2 or b"\x00" not in sample:
        return None
    even = sample[0 : 2 * pairs : 2].count(0)
    odd = sample[1 : 2 * pairs : 2].count(0)
    # Mostly ASCII text in UTF-16: one byte of every pair is zero, the other almost never.
    if odd >= 0.9 * pairs and even <= 0.01 * pairs:
        return "utf-16-le"
    if even >= 0.9 * pairs and odd <= 0.01 * pairs:
        return "utf-16-be"
    return None


def _binary(label: str, line: int) -> BackdayError:
    return located(
        label,
        line,
        "the file holds binary data (zero bytes), not CSV text: it is damaged or not an export",
        "export the workout CSV again from the app and import that file",
    )


def split_header(text: str, delimiter: str) -> list[str]:
    """Return the header's cells for one delimiter."""
    csv.field_size_limit(_FIELD_LIMIT)
    first = _LINE_BREAK.split(text, maxsplit=1)[0]
    cells = next(csv.reader([first], delimiter=delimiter, strict=False), [])
    return [c.strip().strip("\ufeff").strip() for c in cells]


def tokenise(text: str, delimiter: str, label: str) -> RawTable:
    """Split an export into header and data rows, keeping each row's line number.

    Blank lines are skipped (they hold no data and are not counted as rows).
    """
    csv.field_size_limit(_FIELD_LIMIT)
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
                if previous_end > line:
                    raise _unclosed_quote(label, line, previous_end)
                raw[len(records)] = record
                record = (record + [""] * width)[:width]
            records.append(record)
            lines.append(line)
            fields.append(count)
    except csv.Error as exc:
        raise located(
            label, reader.line_num, f"the file is not valid CSV ({exc})", REEXPORT
        ) from None
    cells = pd.DataFrame(records, columns=list(range(width)), dtype="str")
    if len(cells):
        cells = cells.apply(lambda s: s.str.strip())
    lines = pd.Series(np.asarray(lines, dtype="int64"), index=cells.index)
    _refuse_repeated_header(header, cells, lines, label)
    return RawTable(
        file=label,
        header=header,
        cells=cells,
        lines=lines,
        fields=pd.Series(np.asarray(fields, dtype="int64"), index=cells.index),
        raw=raw,
    )


def _unclosed_quote(label: str, line: int, last: int) -> BackdayError:
    """A row that runs over several lines and has the wrong field count: a stray quote."""
    return located(
        label,
        line,
        f"a quote opened in this row is not closed where the row should end, so lines "
        f"{line} to {last} run together as one row",
        REEXPORT,
    )


def _refuse_repeated_header(
    header: list[str], cells: pd.DataFrame, lines: pd.Series, label: str
) -> None:
    """Refuse a file whose rows include the header again: two exports pasted together.

    Importing it as one export would count every set the two share twice (identical sets in
    one export are both kept), so each export must be imported as its own file.
    """
    names = {c for c in header if c}
    if cells.empty or len(names) < 3:
        return
    known = cells.isin(names).sum(axis=1)
    filled = (cells != "").sum(axis=1)
    repeated = (known >= 3) & (known * 2 >= filled)
    if repeated.any():
        line = int(lines[repeated].iloc[0])
        raise located(
            label,
            line,
            "this line repeats the header, so the file holds two exports pasted together",
            "import each export as its own file (backday import FIRST.csv SECOND.csv); sets "
            "already in the log are skipped",
        )
