"""Read app exports (Strong, Hevy, FitNotes, Fitbod) into canonical log rows.

:func:`read_export` decodes a file, detects its format and dialect from the header
(:mod:`.detect`) and hands the tokenised rows to the format's module, which returns a
:class:`Parsed`: the set rows as canonical log rows (text, ready to write), the non-set rows
and the rejected rows, each with the line of the export it came from. Every data row lands in
exactly one of the three.

What counts as a set, here and in every format module:

- a row with reps of at least 1 is a set (warm-up, working, drop or failure);
- a row with no reps, or 0 reps, is *not* a set: apps write cardio (distance, time), timed
  holds (planks) and empty placeholders this way. It is counted as a non-set row with its
  reason, never silently dropped;
- app pseudo-rows (Strong's ``Rest Timer`` and ``Note`` rows) are non-set rows too;
- a row that cannot be read (a date, number or set type that is not what the app writes, an
  impossible date such as 2026-02-30, reps or a set number over 1000, a weight over 1000 kg,
  a cell over 10,000 characters, a wrong number of fields) is rejected with its line number
  and the reason.

Weights are kept as entered, in the unit the export uses, so nothing is rounded: the log's
loader converts to kg. Exports that write kg with conversion noise (Fitbod, Strong's
``Weight (kg)``) get each weight snapped to the 0.25 kg or 0.25 lb plate value it is within a
few grams of, or else rounded to 0.01 kg (:func:`snap_kg`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from backday_analysis.logs import LB_TO_KG, LOG_COLUMNS, MAX_REPS, MAX_WEIGHT_KG

if TYPE_CHECKING:  # detect imports this module, so its types are for annotations only
    from backday_analysis.importers.detect import Layout, RawTable

UNITS = {"kg": "kg", "kgs": "kg", "lb": "lb", "lbs": "lb"}
MAX_SET_NUMBER = 1000
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_NEWLINES = re.compile(r"[\r\n]+")


def shown(text: object, limit: int = 40) -> str:
    """Return a cell's text for a one-line message: line breaks collapsed, long text cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


@dataclass(frozen=True)
class ImportContext:
    """What an importer needs to know beyond the file itself.

    Attributes
    ----------
    client_id : str
        The client the export belongs to.
    unit : str or None
        ``kg`` or ``lb`` for weights the file gives no unit for (``--unit``, else the
        roster's unit); ``None`` when neither is known.
    timezone : str
        IANA time zone for exports written in UTC (Fitbod).
    """

    client_id: str
    unit: str | None
    timezone: str


@dataclass
class Parsed:
    """One export, normalised: sets as canonical log rows, plus what was not imported.

    ``sets`` has the columns :data:`backday_analysis.logs.LOG_COLUMNS` as text and a
    ``line`` column; ``non_sets`` and ``rejected`` have ``line`` and ``reason``.
    ``rows_read == len(sets) + len(non_sets) + len(rejected)``.
    """

    file: str
    format: str
    dialect: str
    rows_read: int
    sets: pd.DataFrame
    non_sets: pd.DataFrame
    rejected: pd.DataFrame
    stated_unit: str | None


class Verdicts:
    """Collect, per row, whether it is a non-set row or rejected, and why; first reason wins."""

    def __init__(self, index: pd.Index):
        self.kind = pd.Series("", index=index, dtype=object)
        self.reason = pd.Series("", index=index, dtype=object)

    def _mark(self, kind: str, mask: pd.Series, reason: str | pd.Series) -> None:
        fresh = mask.fillna(False).astype(bool) & (self.kind == "")
        if fresh.any():
            self.kind[fresh] = kind
            self.reason[fresh] = reason if isinstance(reason, str) else reason[fresh]

    def reject(self, mask: pd.Series, reason: str | pd.Series) -> None:
        """Reject the rows in ``mask`` (that have no verdict yet) for ``reason``."""
        self._mark("reject", mask, reason)

    def non_set(self, mask: pd.Series, reason: str | pd.Series) -> None:
        """Mark the rows in ``mask`` (that have no verdict yet) as non-set rows."""
        self._mark("non_set", mask, reason)

    @property
    def open(self) -> pd.Series:
        """Rows with no verdict yet: the sets, so far."""
        return self.kind == ""

    def table(self, kind: str, lines: pd.Series) -> pd.DataFrame:
        """Return ``line, reason`` of the rows with this verdict."""
        chosen = self.kind == kind
        return pd.DataFrame(
            {
                "line": lines[chosen].astype("int64").to_numpy(),
                "reason": clean_text(self.reason[chosen]).to_numpy(),
            }
        )


def parse_numbers(text: pd.Series) -> tuple[pd.Series, pd.Series]:
    """Parse numbers written with a decimal point or a decimal comma (``12,5``).

    Returns the values (missing where the cell is empty or not a number) and a mask of the
    cells that hold text which is not a number.
    """
    stripped = text.str.strip()
    looks = stripped.str.match(_NUMBER)
    values = pd.to_numeric(
        stripped.where(looks, "").str.replace(",", ".", regex=False).replace("", np.nan),
        errors="coerce",
    ).astype(float)
    bad = (stripped != "") & values.isna()
    return values, bad


def read_reps(text: pd.Series, verdicts: Verdicts) -> pd.Series:
    """Parse the reps column, rejecting text that is not a whole number from 0 to 1000."""
    reps, bad = parse_numbers(text)
    verdicts.reject(bad, "reps '" + text + "' are not a number")
    verdicts.reject(
        (reps < 0) | (reps.notna() & (reps % 1 != 0)),
        "reps '" + text + "' are not a whole number from 0",
    )
    verdicts.reject(reps > MAX_REPS, "reps '" + text + f"' are more than {MAX_REPS}")
    return reps


def read_set_numbers(text: pd.Series, verdicts: Verdicts, name: str, lowest: int) -> pd.Series:
    """Parse set numbers the app writes, rejecting any that are not whole numbers in range.

    Returns the numbers as ``Int64``, missing where the row is rejected or has none.
    """
    number, bad = parse_numbers(text)
    wrong = bad | number.isna() | (number < lowest) | (number % 1 != 0)
    verdicts.reject(wrong, f"the {name} '" + text + f"' is not a whole number from {lowest}")
    too_big = number > MAX_SET_NUMBER
    verdicts.reject(too_big, f"the {name} '" + text + f"' is more than {MAX_SET_NUMBER}")
    return number.where(~(wrong | too_big)).astype("Int64")


def read_weights(text: pd.Series, verdicts: Verdicts) -> pd.Series:
    """Parse a weight column (empty for bodyweight), rejecting text and negative numbers."""
    weight, bad = parse_numbers(text)
    verdicts.reject(bad, "the weight '" + text + "' is not a number")
    verdicts.reject(weight < 0, "the weight '" + text + "' is negative")
    return weight


def read_rpe(text: pd.Series, verdicts: Verdicts) -> pd.Series:
    """Parse an RPE column (empty for none), rejecting values outside 0 to 10."""
    rpe, bad = parse_numbers(text)
    verdicts.reject(
        bad | (rpe < 0) | (rpe > 10), "the RPE '" + text + "' is not a number from 0 to 10"
    )
    return rpe


def format_numbers(values: pd.Series, decimals: int = 6) -> pd.Series:
    """Write numbers without float noise or trailing zeros (``45.0`` -> ``45``).

    Missing values become empty text.
    """
    rounded = values.astype(float).round(decimals)
    unique = pd.unique(rounded.dropna())
    text = {v: np.format_float_positional(v, trim="-") for v in unique}
    text = {v: ("0" if t in ("-0", "0") else t) for v, t in text.items()}
    return rounded.map(text).astype(object).fillna("").astype(str)


def snap_kg(weight_kg: pd.Series, decimals: int = 2) -> tuple[pd.Series, pd.Series]:
    """Undo conversion noise in kg weights: return the weight as entered and its unit.

    A weight within 2 g of a 0.25 kg step is that kg value; one within 0.005 lb of a 0.25 lb
    step is that lb value (``61.23492`` kg is 135 lb); when both fit, the closer one wins.
    Anything else stays kg, rounded to ``decimals``.
    """
    kg = weight_kg.astype(float)
    kg_step = (kg * 4).round() / 4
    lb = kg / LB_TO_KG
    lb_step = (lb * 4).round() / 4
    kg_off = (kg - kg_step).abs()
    lb_off = (lb - lb_step).abs() * LB_TO_KG
    use_kg = kg_off <= 0.002
    use_lb = (lb_off <= 0.005 * LB_TO_KG) & ~(use_kg & (kg_off <= lb_off))
    value = kg.round(decimals).where(~use_kg, kg_step).where(~use_lb, lb_step)
    unit = pd.Series(np.where(use_lb, "lb", "kg"), index=kg.index, dtype=object)
    return value, unit


def derived_set_numbers(groups: list[pd.Series]) -> pd.Series:
    """Number rows 1, 2, ... in file order within each group (e.g. date and exercise)."""
    keys = pd.DataFrame(
        {f"k{i}": g.to_numpy() for i, g in enumerate(groups)}, index=groups[0].index
    )
    return keys.groupby(list(keys.columns), sort=False, dropna=False).cumcount() + 1


def no_reps_reason(reps: pd.Series, timed: pd.Series) -> pd.Series:
    """Reason for a row without reps: a timed or distance entry, or an empty set."""
    return pd.Series(
        np.where(
            timed,
            "no reps: a timed or distance entry (cardio or a hold), not a set",
            "0 reps: nothing lifted, not a set",
        ),
        index=reps.index,
        dtype=object,
    )


def measured(table: RawTable, layout: Layout, *columns: str) -> pd.Series:
    """Return whether any of the time or distance columns is above zero in each row."""
    values = [parse_numbers(table.column(layout, name))[0].fillna(0) > 0 for name in columns]
    return pd.concat(values, axis=1).any(axis=1)


def read_exercise_and_reps(
    table: RawTable, layout: Layout, verdicts: Verdicts, exercise_column: str, timed: pd.Series
) -> tuple[pd.Series, pd.Series]:
    """Read exercise names and reps: an empty name is rejected, a row without reps is no set.

    ``timed`` marks rows with a time or distance, whose reason then says cardio or a hold.
    """
    exercise = table.column(layout, exercise_column)
    verdicts.reject(exercise == "", "the exercise name is empty")
    reps = read_reps(table.column(layout, "reps"), verdicts)
    verdicts.non_set(reps.isna() | (reps == 0), no_reps_reason(reps, timed))
    return exercise, reps


def clean_text(values: pd.Series) -> pd.Series:
    """Collapse line breaks to spaces, so every log row stays on one line."""
    return values.astype(str).str.replace(_NEWLINES, " ", regex=True)


def build(
    *,
    file: str,
    format: str,
    dialect: str,
    rows: pd.DataFrame,
    verdicts: Verdicts,
    source: str,
    ctx: ImportContext,
    stated_unit: str | None,
) -> Parsed:
    """Turn normalised rows into a :class:`Parsed`.

    ``rows`` has ``line`` (int), ``performed_at`` (datetime64, local time), ``exercise``,
    ``set_number`` (Int64), ``set_kind``, ``weight`` (float, missing for plain bodyweight),
    ``unit``, ``reps`` (float), ``rpe`` (float) and ``notes``; the rows the verdicts left
    open are the sets.
    """
    unit_of_row = rows["unit"].astype(str).where(rows["unit"].astype(str) != "", ctx.unit or "")
    weight_kg = rows["weight"].astype(float) * np.where(unit_of_row == "lb", LB_TO_KG, 1.0)
    verdicts.reject(
        weight_kg > MAX_WEIGHT_KG,
        "the weight "
        + format_numbers(rows["weight"])
        + " "
        + unit_of_row
        + f" is more than {MAX_WEIGHT_KG:g} kg",
    )
    good = verdicts.open
    sets = rows.loc[good]
    when = sets["performed_at"]
    weight = sets["weight"].astype(float)
    unit = sets["unit"].astype(str).where(sets["unit"].astype(str) != "", ctx.unit or "")
    out = pd.DataFrame(
        {
            "client": ctx.client_id,
            "performed_at": when.dt.strftime("%Y-%m-%d %H:%M:%S"),
            "session_id": source + "-" + when.dt.strftime("%Y%m%d-%H%M%S"),
            "exercise": clean_text(sets["exercise"]).str.strip(),
            "set_number": sets["set_number"].astype("Int64").astype(str).replace("<NA>", ""),
            "set_kind": sets["set_kind"].astype(str),
            "weight": format_numbers(weight),
            "unit": unit,
            "reps": sets["reps"].astype(float).round().astype("int64").astype(str),
            "rpe": format_numbers(sets["rpe"]),
            "rir": "",
            "notes": clean_text(sets["notes"]).str.strip(),
            "source": source,
        },
        index=sets.index,
    ).loc[:, list(LOG_COLUMNS)]
    out = out.astype(str)
    out["line"] = sets["line"].astype("int64")
    return Parsed(
        file=file,
        format=format,
        dialect=dialect,
        rows_read=len(rows),
        sets=out.reset_index(drop=True),
        non_sets=verdicts.table("non_set", rows["line"]),
        rejected=verdicts.table("reject", rows["line"]),
        stated_unit=stated_unit,
    )


def read_export(path: Path, ctx: ImportContext, name: str | None = None) -> Parsed:
    """Read one app export: decode, detect the format from its header, normalise.

    Raises
    ------
    BackdayError
        When the file cannot be read exactly (encoding, header, delimiter, dates), in one
        sentence naming the file and line.
    """
    from backday_analysis.importers import detect

    label = name or path.name
    table, module, layout = detect.open_export(path, label)
    return module.normalise(table, layout, ctx)


REEXPORT = "export the file again from the app and import it unchanged"


def check_dates(
    when: pd.Series,
    text: pd.Series,
    lines: pd.Series,
    verdicts: Verdicts,
    file: str,
    app: str,
    expected: str,
    shaped: pd.Series | None = None,
) -> None:
    """Reject rows whose date did not parse; if no row's date parses, refuse the whole file.

    ``shaped`` marks the dates written the way the app writes them (digits in the right
    places, a known month name); one of those that did not parse is an impossible date
    (``2026-02-30``, month 13, hour 25, a year out of range) and only its row is rejected.
    A file where no date parses and none is written the app's way was almost always re-saved
    by a spreadsheet, which rewrites dates (``12/05/2024``); it is refused as a whole.
    """
    from backday_analysis.errors import located

    bad = when.isna() & verdicts.open
    if not bad.any():
        return
    if shaped is None:
        shaped = pd.Series(False, index=when.index)
    impossible = bad & shaped.fillna(False).astype(bool)
    if not (when.notna() & verdicts.open).any() and not impossible.any():
        first = bad.to_numpy().nonzero()[0][0]
        raise located(
            file,
            int(lines.iloc[first]),
            f"the date '{shown(text.iloc[first])}' is not "
            f"written {expected} as {app} exports it (a spreadsheet re-save "
            "rewrites dates)",
            REEXPORT,
        )
    verdicts.reject(
        impossible,
        "the date '" + text.astype(str) + "' is not a possible date (no such day or time, "
        "or a year out of range)",
    )
    verdicts.reject(bad, "the date '" + text.astype(str) + f"' is not written {expected}")
