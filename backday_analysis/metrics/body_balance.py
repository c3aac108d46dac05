"""The back against the rest of the body: working sets per region, the back's share, pull : push.

What is counted, so a page's numbers can be checked by hand:

- *Working sets*: every working set (warm-ups left out) of an exercise that credits at least
  one of the 16 groups, counted once. Unknown names and cardio credit nothing and are left out.
- A region's sets: each working set counted once, at its largest credit among the region's
  groups (:data:`REGIONS`). For the back this is the flags' whole-back sets: a deadlift
  counts 1, a kettlebell swing 0.5 (a secondary lower-back credit), a curl 0. A deadlift
  set is also a legs set (glutes 1); a bench press is a chest set and nothing else here.
- *The back's share*: back sets over working sets, this week and over :data:`WINDOW` weeks
  (summed before dividing).
- *Pull : push*: whole working sets by the catalogue's pattern, each plane apart
  (:mod:`.pull_push`). A plane is *behind* when it has push sets and fewer than the limit's
  pull sets per push set; a plane with pulls and no push has nothing to balance.
"""

from __future__ import annotations

import datetime as dt

import numpy as np
import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.metrics.week_sums import per_exercise, week_sums
from backday_analysis.metrics.weeks import parse_week, week_label

#: The regions the back is set against: each region's groups.
REGIONS = {
    "back": BACK_GROUPS,
    "chest": ("chest",),
    "legs": ("quads", "hamstrings", "glutes", "calves"),
}
REGION_LABELS = {"back": "Back", "chest": "Chest", "legs": "Legs"}
REGION_COLUMNS = ("client", "week", "working_sets", *(f"{r}_sets" for r in REGIONS))
#: Weeks of the longer view of the back's share and pull : push, this week included.
WINDOW = 4
#: Each plane: its pulls and its pushes, as a page says what was counted.
PLANE_WORDS = {
    "horizontal": ("rows and rear-delt work", "bench presses, push-ups, flyes and dips"),
    "vertical": ("pull-ups and pulldowns", "overhead presses"),
}
PLANES = tuple(PLANE_WORDS)


def region_credits(catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return per exercise id what one working set of it counts: ``working_sets`` and regions."""
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)].astype(float).fillna(0.0)
    out = pd.DataFrame({"working_sets": (credits.max(axis=1) > 0).astype(float)})
    for region, groups in REGIONS.items():
        out[f"{region}_sets"] = credits.loc[:, list(groups)].max(axis=1)
    return out


def region_sets(sets: pd.DataFrame, catalogue: pd.DataFrame) -> pd.DataFrame:
    """Return working sets and each region's sets per client and ISO week.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`REGION_COLUMNS` (counts as floats: a secondary credit counts 0.5),
        one row for every week from a client's first to last logged week, zeros where a
        week has none; sorted by client and week.
    """
    per = region_credits(catalogue)
    out = week_sums(sets, per_exercise(sets, per), list(per.columns))
    return out.loc[:, list(REGION_COLUMNS)]


def weeks_ending(week: str, count: int) -> list[str]:
    """Return the ``count`` ISO weeks ending with ``week``, oldest first."""
    monday = parse_week(week)
    return [week_label(monday - dt.timedelta(weeks=n)) for n in range(count - 1, -1, -1)]


def share(back: float, working: float) -> float:
    """Return the back's share of working sets, NaN without working sets."""
    return back / working if working else float("nan")


def behind_planes(row: pd.Series | dict, limit: float) -> list[str]:
    """Return the planes of a pull : push row (:mod:`.pull_push`) whose pulls are behind.

    A plane is behind when it has push sets and its ratio is under ``limit``; the tolerance
    keeps an exact 1 : 1 from tripping on rounding.
    """
    return [p for p in PLANES if row[f"{p}_push"] > 0 and row[f"{p}_ratio"] < limit - 1e-9]


def ratio_number(ratio: float) -> str:
    """Return pull sets per push set as pages print it, to two decimals: ``0.33``, ``1``."""
    return f"{round(float(ratio), 2):g}"


def ratio_text(ratio: float) -> str:
    """Return a pull : push ratio in words as pages print it: ``0.33 : 1``, ``1 : 1``."""
    return f"{ratio_number(ratio)} : 1"


def sets_needed(pull: float, push: float, limit: float) -> int:
    """Return how many more pull sets bring a plane to the limit's pulls per push set."""
    return max(int(np.ceil(limit * push - pull - 1e-9)), 0)
