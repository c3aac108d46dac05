"""The whole body's balance helpers, worked out by hand."""

from __future__ import annotations

import math

from backday_analysis.metrics.body_balance import behind_planes, weeks_ending


def test_weeks_ending_counts_back_from_the_week():
    assert weeks_ending("2026-W47", 4) == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]
    assert weeks_ending("2026-W01", 2) == ["2025-W52", "2026-W01"]


def test_a_plane_is_behind_with_pushes_and_pulls_under_the_limit():
    row = {
        "horizontal_push": 1, "horizontal_ratio": 0.0,  # 0 : 1, behind
        "vertical_push": 0, "vertical_ratio": math.nan,  # nothing to balance
    }  # fmt: skip
    assert behind_planes(row, 1.0) == ["horizontal"]
    row = {"horizontal_push": 4, "horizontal_ratio": 1.0, "vertical_push": 2, "vertical_ratio": 0.5}
    assert behind_planes(row, 1.0) == ["vertical"]  # exactly 1 : 1 is not behind
