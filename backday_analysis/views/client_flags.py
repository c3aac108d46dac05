"""One client's flags for the weekly report: severity, reason, for how long; and what is muted.

Flags are computed once per report and kept on it; a week with no log yet has none. A flag
or an advice rule the coach muted for the client leaves the tables, and :func:`muted_line`
lists every mute of the week in one line, with what it hid.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.metrics.advice import next_week_steps
from backday_analysis.metrics.flag_table import FLAG_COLUMNS, weeks_text
from backday_analysis.metrics.flags import coaching_flags
from backday_analysis.metrics.mutes import active_mutes, muted
from backday_analysis.metrics.mutes import muted_line as mutes_line
from backday_analysis.views.client_week import ClientWeek
from backday_analysis.views.flag_lines import flag_lines

_CACHE = "_backday_flags"


def client_mutes(report: ClientWeek) -> pd.DataFrame:
    """Return the coach's mutes of this client that hold in the report's week."""
    rules = report.dataset.client_rules
    mine = rules.loc[rules["client_id"] == report.client_id] if not rules.empty else rules
    return active_mutes(mine, report.monday)


def week_flags(report: ClientWeek) -> pd.DataFrame:
    """Return the week's flags with a ``muted`` column, computed once per report."""
    cached = report.__dict__.get(_CACHE)
    if cached is not None:
        return cached
    if not report.logged:
        flags = pd.DataFrame(columns=[*FLAG_COLUMNS, "muted"])
    else:
        data = report.dataset
        flags = coaching_flags(
            report.full_history,
            report.sets,
            data.catalogue,
            report.settings,
            report.week,
            {report.client_id: report.unit},
            data.severity_rules,
            data.volume_bands,
        )
        flags = flags.assign(muted=muted(flags, client_mutes(report), "flag"))
    report.__dict__[_CACHE] = flags
    return flags


def flags_table(report: ClientWeek) -> pd.DataFrame:
    """Return the flags a coach sees: severity, what needs attention and for how long.

    Flags of several groups with the same words share one line (:mod:`.flag_lines`).
    """
    flags = week_flags(report)
    flags = flag_lines(flags.loc[~flags["muted"].astype(bool)])
    return pd.DataFrame(
        {
            "Severity": flags["severity"].to_numpy(),
            "Needs attention": flags["reason"].to_numpy(),
            "For": ["new this week" if n <= 1 else weeks_text(int(n)) for n in flags["weeks"]],
        }
    )


def muted_line(report: ClientWeek) -> str:
    """Return the one line listing the client's mutes this week, empty when there are none."""
    mutes = client_mutes(report)
    if mutes.empty or not report.logged:
        return ""
    flags = week_flags(report)
    hidden = [flags.loc[flags["muted"].astype(bool), ["flag", "group"]].set_axis(
        ["code", "group"], axis=1
    )]  # fmt: skip
    steps = next_week_steps(*plan_inputs(report))
    hidden.append(steps.loc[steps["muted"], ["rule", "group"]].set_axis(["code", "group"], axis=1))
    return mutes_line(mutes, pd.concat(hidden, ignore_index=True))


def plan_inputs(report: ClientWeek) -> tuple:
    """Return the arguments of next week's plan for the report's client and week.

    They are those of :func:`~backday_analysis.metrics.advice.next_week_steps` and
    :func:`~backday_analysis.metrics.advice.next_week_advice`: the client's history and sets,
    the catalogue, settings and advice rules, the week, the coach's mutes, the volume bands
    and the week's flags.
    """
    data = report.dataset
    return (
        report.full_history,
        report.sets,
        data.catalogue,
        report.settings,
        data.advice_rules,
        report.week,
        client_mutes(report),
        data.volume_bands,
        week_flags(report),
    )
