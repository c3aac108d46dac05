"""Read an export's cells: numbers with a decimal point or comma, reps, set numbers, weights
and their units, RPE; and keep each row's verdict (a set, a non-set row or a reject).

Every function takes text columns and a :class:`Verdicts`, rejects the rows it cannot read
with a reason, and returns the parsed values; no row is dropped here.
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from backday_analysis.canonical import LB_TO_KG, MAX_REPS, UNIT_NAMES

MAX_SET_NUMBER = 1000
_NUMBER = re.compile(r"^[+-]?(\d+([.,]\d*)?|[.,]\d+)$")
_NEWLINES = re.compile(r"[\r\n]+")


def per_distinct(values: pd.Series, convert) -> pd.Series | pd.DataFrame:
    """Return ``convert(values)``, computed once for each distinct cell.

    A log repeats few values (a client's reps, loads, units, exercise names) over thousands
    of rows, so converting the distinct ones and spreading them back costs a fraction of
    converting every row. ``convert`` must work cell by cell; it returns a Series, or a
    frame with one row per cell when one pass gives several answers.
    """
    codes, distinct = pd.factorize(values, use_na_sentinel=False)
    converted = convert(pd.Series(distinct, name=values.name))
    spread = converted.take(codes)
    spread.index = values.index
    return spread


def shown(text: object, limit: int = 40) -> str:
    """Return a cell's text for a one-line message: line breaks collapsed, long text cut."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."


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


def clean_text(values: pd.Series) -> pd.Series:
    """Collapse line breaks to spaces, so every log row stays on one line."""
    return values.astype(str).str.replace(_NEWLINES, " ", regex=True)


def read_units(
    weight_text: pd.Series,
    unit_text: pd.Series,
    verdicts: Verdicts,
    fallback: str | None,
    *,
    written: str,
    no_unit: str,
) -> tuple[pd.Series, str | None]:
    """Read a per-row weight-unit column; a blank unit takes the file's one unit or ``fallback``.

    ``written`` lists the unit names the app writes, for the reason of a row with another;
    ``no_unit`` says why a weighted row with a blank unit cannot be read when neither the file
    nor ``fallback`` (``--unit`` or the roster's unit) settles it.

    Returns
    -------
    unit : pandas.Series
        ``kg`` or ``lb`` per row (empty text where unknown).
    stated : str or None
        The unit most rows state, ``None`` when no row states one.
    """
    unit = unit_text.str.casefold().map(UNIT_NAMES)
    verdicts.reject(
        unit.isna() & (unit_text != ""), "the weight unit '" + unit_text + f"' is not {written}"
    )
    blank = unit_text == ""
    stated = unit.dropna().unique()
    fill = stated[0] if len(stated) == 1 else fallback
    if fill is None:
        verdicts.reject(blank & (weight_text != ""), f"the weight has no unit ({no_unit})")
    unit = unit.where(~blank, fill or "")
    dominant = unit.loc[~blank].mode()
    return unit, (str(dominant.iloc[0]) if len(dominant) else None)
