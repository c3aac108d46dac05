"""Next week's plan as a Hevy routine: one exercise per suggestion, sets × reps, the rule.

:func:`plan_items` is the one adapter from the "next week" plan to the routine: it reads the
plan's steps (:func:`backday_analysis.metrics.advice.next_week_steps`), each of which names
the exercise it adds or moves, with sets and reps, and leaves out the steps the coach muted.

:func:`routine` is pure: the items and the Hevy template of each catalogue exercise in, the
routine's JSON body and the suggestions not sent out. A suggestion that names no exercise to
add (the deadlift first, a smaller load step, fewer sets, all is well) goes in the routine's
notes; one whose exercise has no Hevy template is listed, not sent.
"""

from __future__ import annotations

import pandas as pd

from backday_analysis.datafolder.hevy_state import read_cache
from backday_analysis.importers.hevy_templates import templates_by_exercise
from backday_analysis.metrics.advice import next_week_steps
from backday_analysis.metrics.advice_days import weekday_list
from backday_analysis.metrics.advice_lifts import display_name
from backday_analysis.views.client_flags import plan_inputs
from backday_analysis.views.client_week import ClientWeek, client_week

TITLE = "Next week — backday"
ITEM_COLUMNS = ("rule", "group", "exercise_id", "exercise", "sets", "reps", "text")


def plan_items(report: ClientWeek) -> pd.DataFrame:
    """Return the client's suggestions for the week after the report's: the adapter.

    Returns
    -------
    pandas.DataFrame
        :data:`ITEM_COLUMNS`, one row per step of the plan that the coach did not mute:
        ``exercise_id`` and ``exercise`` (the catalogue's) are empty, and ``sets`` is 0, for
        a step that names no exercise to add; ``reps`` is the step's range (``10–12``),
        empty when it gives none; ``text`` says the step, its day and its rule's words.
    """
    if not report.logged:
        return pd.DataFrame(columns=list(ITEM_COLUMNS))
    steps = next_week_steps(*plan_inputs(report))
    steps = steps.loc[(steps["client"] == report.client_id) & ~steps["muted"]]
    # Two rules adding one exercise to one session are one exercise, as the page's line
    # says it: their sets summed, their rules and groups named together.
    session: dict = {}
    for step in steps.itertuples(index=False):
        key = (step.day, step.exercise_id, step.reps) if step.exercise_id else id(step)
        same = session.get(key)
        session[key] = step if same is None else same._replace(
            rule=f"{same.rule},{step.rule}", group=f"{same.group},{step.group}",
            sets=same.sets + step.sets, why=f"{same.why}; {step.why}",
            item=same.item.replace(f" {same.sets} ", f" {same.sets + step.sets} ", 1),
        )  # fmt: skip
    # One routine is one session: the same suggestion on two days is one exercise, its
    # days named in its notes.
    days: dict[tuple, list[int]] = {}
    for step in session.values():
        key = (step.rule, step.group, step.exercise_id, step.sets, step.reps, step.item, step.why)
        days.setdefault(key, []).extend([step.day] if step.day >= 0 else [])
    rows = []
    for (rule, group, exercise_id, sets, reps, item, why), on in days.items():
        when = f"{weekday_list(on)}: " if on else ""
        name = display_name(exercise_id, report.dataset.catalogue) if exercise_id else ""
        text = f"{when}{item[:1].upper()}{item[1:]}. Rule ({rule}): {why}"
        rows.append((rule, group, exercise_id, name, sets, reps, text))
    return pd.DataFrame(rows, columns=list(ITEM_COLUMNS))


def routine(
    items: pd.DataFrame, templates: dict[str, tuple[str, str]], week: str
) -> tuple[dict, pd.DataFrame]:
    """Return the routine's JSON body (``{"routine": {...}}``) and the items not sent.

    Parameters
    ----------
    items : pandas.DataFrame
        :func:`plan_items`.
    templates : dict
        Catalogue exercise id to ``(Hevy template id, title)``.
    week : str
        The ISO week the advice follows.

    Returns
    -------
    body : dict
        ``title``, ``folder_id`` (None: "My Routines"), ``notes`` and ``exercises``, each
        with its template, the suggestion's sentence as notes and its sets (reps at the
        bottom of the range, the range in the notes; none when the suggestion gives none, so
        Hevy offers the client's previous reps).
    unsent : pandas.DataFrame
        ``exercise, reason``: suggestions of an exercise that has no Hevy template.
    """
    exercises, unsent, notes = [], [], []
    for item in items.itertuples(index=False):
        if not item.exercise_id:
            notes.append(item.text)
            continue
        if item.exercise_id not in templates:
            unsent.append((item.exercise, "no Hevy template maps to this exercise"))
            continue
        low = int(item.reps.split("–")[0]) if item.reps else None
        exercises.append(
            {
                "exercise_template_id": templates[item.exercise_id][0],
                "superset_id": None,
                "rest_seconds": None,
                "notes": item.text,
                "sets": [_set(low) for _ in range(item.sets)],
            }
        )
    heading = f"backday's advice for the week after {week}: one exercise per suggestion."
    body = {
        "title": TITLE,
        "folder_id": None,
        "notes": " ".join([heading, *notes]),
        "exercises": exercises,
    }
    return {"routine": body}, pd.DataFrame(unsent, columns=["exercise", "reason"])


def client_routine(client: str, week: str = "latest", data_dir: str | None = None) -> tuple:
    """Return a client's report, plan items, routine body and unsent items for ``week``.

    The templates are Hevy's built-in ones and those the client's syncs have seen.
    """
    report = client_week(client, week, data_dir)
    data = report.dataset
    cache = read_cache(data.folder, report.client_id)["templates"]
    templates = templates_by_exercise(data.catalogue, data.names(), cache)
    items = plan_items(report)
    body, unsent = routine(items, templates, report.week)
    return report, items, body, unsent


def _set(reps: int | None) -> dict:
    return {
        "type": "normal",
        "weight_kg": None,
        "reps": reps,
        "distance_meters": None,
        "duration_seconds": None,
        "custom_metric": None,
    }


def for_update(body: dict) -> dict:
    """Return a routine's body for ``PUT /v1/routines/{id}``: the same without ``folder_id``."""
    return {"routine": {k: v for k, v in body["routine"].items() if k != "folder_id"}}


def format_plan(items: pd.DataFrame, body: dict, unsent: pd.DataFrame, client: str) -> str:
    """Return the routine for a person: its exercises, what goes in its notes, what is not sent."""
    exercises = body["routine"]["exercises"]
    lines = [f"{client}: '{TITLE}', {len(exercises)} exercises"]
    sent = items.loc[(items["exercise_id"] != "")]
    sent = sent.loc[~sent["exercise"].isin(unsent["exercise"])]
    for item in sent.itertuples(index=False):
        reps = (
            f"{item.sets} × {item.reps}" if item.reps else f"{item.sets} more sets, reps as usual"
        )
        lines.append(f"  {item.exercise}: {reps} ({item.rule})")
    for item in unsent.itertuples(index=False):
        lines.append(f"  not sent: {item.exercise}: {item.reason}")
    extra = int((items["exercise_id"] == "").sum())
    if extra:
        lines.append(f"  in the routine's notes: {extra} suggestions without an exercise to add")
    return "\n".join(lines)
