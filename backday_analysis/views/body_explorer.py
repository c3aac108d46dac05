"""The explorer's "back against the rest of the body": over the range, and its latest weeks.

The same counts as the weekly report's (:mod:`.body_week`, :mod:`~backday_analysis.metrics
.body_balance`), over the explorer's range of ISO weeks; computed once per explorer.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from backday_analysis.metrics.body_balance import (
    WINDOW,
    behind_planes,
    ratio_text,
    region_sets,
)
from backday_analysis.metrics.pull_push import PULL_PUSH_COLUMNS, pull_push, ratios
from backday_analysis.views.balance_explorer import BalanceExplorer
from backday_analysis.views.body_week import window_numbers, window_table

_CACHE = "_backday_body"


@dataclass
class BodyRange:
    """The explorer's regions and pull : push per week of its range (zeros in empty weeks)."""

    regions: pd.DataFrame
    planes: pd.DataFrame


def body_range(explorer: BalanceExplorer) -> BodyRange:
    """Return the explorer's regions and pull : push tables, computed once per explorer."""
    cached = explorer.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    data = explorer.dataset
    sets = data.sets.loc[data.sets["client"] == explorer.client_id]
    weeks = pd.DataFrame({"client": explorer.client_id, "week": explorer.weeks})
    regions = weeks.merge(region_sets(sets, data.catalogue), on=["client", "week"], how="left")
    planes = weeks.merge(pull_push(sets, data.catalogue), on=["client", "week"], how="left")
    counts = [c for c in PULL_PUSH_COLUMNS[2:] if not c.endswith("ratio")]
    planes[counts] = planes[counts].fillna(0).astype("int64")
    body = BodyRange(regions.fillna(0.0), ratios(planes) if len(planes) else planes)
    explorer.__dict__[_CACHE] = body
    return body


def _windows(explorer: BalanceExplorer) -> list[tuple[str, list[str]]]:
    weeks = explorer.weeks
    out = [(f"The range ({len(weeks)} week{'s' * (len(weeks) != 1)})", weeks)]
    if len(weeks) > WINDOW:
        out.append((f"Its last {WINDOW} weeks, to {weeks[-1]}", weeks[-WINDOW:]))
    return out


def _numbers(body: BodyRange, weeks: list[str], label: str) -> dict:
    return window_numbers(body.regions, body.planes, weeks)


def range_table(explorer: BalanceExplorer) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Return the range and its last weeks: working and back sets, share, pull : push."""
    windows = []
    if explorer.weeks:
        body = body_range(explorer)
        windows = [(label, _numbers(body, weeks, label)) for label, weeks in _windows(explorer)]
    return window_table(windows, explorer.settings.pull_push_ratio)


def range_sentence(explorer: BalanceExplorer) -> str:
    """Return the back's share over the range and how many weeks had a plane behind."""
    if not explorer.weeks:
        return "No logged weeks in this range: nothing to set the back against."
    body, limit = body_range(explorer), explorer.settings.pull_push_ratio
    label, weeks = _windows(explorer)[0]
    n = _numbers(body, weeks, label)
    pct = "" if np.isnan(n["share"]) else f" ({n['share'] * 100:.0f} %)"
    behind = sum(bool(behind_planes(row, limit)) for row in body.planes.to_dict("records"))
    return (
        f"Over the range the back got {n['back']:g} of {n['working']:g} working sets{pct}; "
        f"pull : push was under {ratio_text(limit)} in some plane in {behind} of its "
        f"{len(weeks)} week{'s' * (len(weeks) != 1)}."
    )
