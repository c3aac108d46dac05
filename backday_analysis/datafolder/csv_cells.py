"""Read CSV text as text cells, with the file line on which each row starts."""

from __future__ import annotations

import csv
import io
import logging

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.csv as pa_csv

logger = logging.getLogger(__name__)


def text_cells(text: str) -> pd.DataFrame:
    """Read CSV text as a frame of text cells, an empty cell as ``""``.

    Arrow's reader takes a long log in a third of the time pandas' C reader needs, but the
    two part ways on quotes (an unclosed one ends at the end of the file in Arrow), on lone
    carriage returns and on odd headers. So Arrow reads only text where they cannot differ
    (:func:`plain_header`); pandas reads the rest, and any text Arrow refuses, as before.
    """
    body = text.removeprefix("\ufeff")
    header = plain_header(body)
    if header:
        try:
            table = _arrow_table(body, header)
        except pa.ArrowInvalid as exc:
            logger.debug("Arrow could not read the CSV text (%s); pandas reads it.", exc)
        else:
            if table.column_names == header:
                return table.to_pandas()
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def plain_header(text: str) -> list[str]:
    """Return the header's names when Arrow and pandas read ``text`` alike, else ``[]``.

    That is text without a quote or a carriage return, whose first line holds two or more
    distinct names, none of them blank: each line is then its cells split at the commas,
    a blank line is skipped by both, and a line of spaces is a row too short for Arrow.
    """
    if '"' in text or "\r" in text:
        return []
    header = text.split("\n", 1)[0].split(",")
    distinct = len(set(header)) == len(header)
    return header if len(header) > 1 and distinct and all(n.strip() for n in header) else []


def _arrow_table(text: str, header: list[str]) -> pa.Table:
    return pa_csv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        # One report reads one log: threads would add CPU time, not save it.
        read_options=pa_csv.ReadOptions(use_threads=False),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            # The bytes are a Python string's, encoded here: valid UTF-8 by construction, so
            # checking every cell again would only cost time (a sixth of a long log's read).
            check_utf8=False,
        ),
    )


class StrippedCells(dict):
    """Each column of ``raw``'s text cells without surrounding spaces, stripped on first use."""

    def __init__(self, raw: pd.DataFrame) -> None:
        super().__init__()
        self.raw = raw

    def __missing__(self, column: str) -> pd.Series:
        stripped = self[column] = self.raw[column].str.strip()
        return stripped


def line_numbers(text: str, rows: int) -> np.ndarray:
    """Return the file line on which each data row starts (the header is line 1)."""
    if text.count("\n") - (0 if text.endswith("\n") else -1) == rows + 1:
        return np.arange(2, rows + 2)
    starts = []
    reader = csv.reader(io.StringIO(text))
    next(reader, None)
    previous_end = reader.line_num
    for _ in reader:
        starts.append(previous_end + 1)
        previous_end = reader.line_num
    return np.asarray(starts[:rows], dtype="int64")
