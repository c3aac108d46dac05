"""The shipped catalogue and advice rules, and the small inputs the advice tests share."""

from __future__ import annotations

import checkout
import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.datafolder.advice_rules import load_advice_rules
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.metrics.advice_days import Week

CATALOGUE = load_catalogue(checkout.DATA_DIR / "catalogue.csv")
RULES = load_advice_rules(checkout.DATA_DIR / "advice.csv", CATALOGUE)
CREDITS = CATALOGUE.set_index("exercise_id").loc[:, list(GROUPS)].astype(float)
MONDAY = pd.Timestamp("2026-11-16")  # 2026-W47


def edited(rule: str, group=None, drop=False, base=RULES, **values) -> pd.DataFrame:
    """Return the rules (the shipped ones) with one rule's row changed or dropped.

    ``group`` picks the row of a rule with several; a rule with one row needs none.
    """
    rules = base.copy()
    match = rules["rule"] == rule
    (at,) = rules.index[match if group is None else match & (rules["group"] == group)]
    for column, value in values.items():
        rules.at[at, column] = value
    return rules.drop(index=at) if drop else rules


def week(trained, back_days=(), **group_days) -> Week:
    """Return a week trained on ``trained`` days, back work on ``back_days``, groups' days."""
    return Week(list(trained), {g: set(d) for g, d in group_days.items()}, set(back_days))
