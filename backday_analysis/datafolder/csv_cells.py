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

    Arrow's reader takes a long log in a third of the time pandas' C reader needs. It is
    stricter: a header with a name twice or a row with too few or too many cells stops it.
    Then pandas reads the text, so such a file gets the same treatment and message as before.
    """
    header = next(csv.reader(io.StringIO(text.removeprefix("\ufeff"))), [])
    if header and len(set(header)) == len(header):
        try:
            return _arrow_cells(text.removeprefix("\ufeff"), header)
        except pa.ArrowInvalid as exc:
            logger.debug("Arrow could not read the CSV text (%s); pandas reads it.", exc)
    return pd.read_csv(io.StringIO(text), dtype=str, keep_default_na=False)


def _arrow_cells(text: str, header: list[str]) -> pd.DataFrame:
    table = pa_csv.read_csv(
        io.BytesIO(text.encode("utf-8")),
        # One report reads one log: threads would add CPU time, not save it.
        read_options=pa_csv.ReadOptions(use_threads=False),
        parse_options=pa_csv.ParseOptions(newlines_in_values=True),
        convert_options=pa_csv.ConvertOptions(
            column_types=dict.fromkeys(header, pa.string()),
            strings_can_be_null=False,
            quoted_strings_can_be_null=False,
        ),
    )
    return table.to_pandas()


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
