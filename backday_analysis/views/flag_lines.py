"""Write a page's flags one line each, groups that share the same words in one line.

A flag about one group that starts with the group's name and a colon (``Calves: no
training day in any of the last 26 weeks.``) reads the same for every group it names: the
flags of one code, severity and age whose words after the colon are the same become one
line naming the groups (``Chest, triceps and calves: ...``), in the report's group order.
Every other flag keeps its own line.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis import GROUP_LABELS, GROUPS

_ORDER = {g: i for i, g in enumerate(GROUPS)}


def _join(names: list[str]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


def _shared_words(flag: pd.Series) -> str | None:
    label = GROUP_LABELS.get(flag["group"])
    prefix = f"{label}: " if label else None
    return flag["reason"][len(prefix) :] if prefix and flag["reason"].startswith(prefix) else None


def flag_lines(flags: pd.DataFrame) -> pd.DataFrame:
    """Return ``flags`` with the flags that share their words merged into one row each.

    A merged row keeps the first flag's place, its ``group`` lists the groups
    (comma-separated, in :data:`~backday_analysis.GROUPS` order) and its ``reason`` names
    them all.
    """
    if flags.empty:
        return flags
    rows, seen = [], {}
    for flag in flags.to_dict("records"):
        words = _shared_words(pd.Series(flag))
        key = (flag["client"], flag["flag"], flag["severity"], flag["weeks"], words)
        if words is None or key not in seen:
            if words is not None:
                seen[key] = len(rows)
            rows.append({**flag, "_groups": [flag["group"]], "_words": words})
            continue
        rows[seen[key]]["_groups"].append(flag["group"])
    for row in rows:
        groups = sorted(row.pop("_groups"), key=lambda g: _ORDER.get(g, len(_ORDER)))
        words = row.pop("_words")
        if len(groups) > 1:
            names = [GROUP_LABELS[g] for g in groups]
            names = names[:1] + [n[:1].lower() + n[1:] for n in names[1:]]
            row["reason"] = f"{_join(names)}: {words}"
            row["group"] = ",".join(groups)
    return pd.DataFrame(rows, columns=flags.columns)
