"""Fetch what changed in a client's Hevy account: every workout, or the change feed since a moment.

Everything is read into memory before anything is written, so a sync cut off half-way (the
network gone, Ctrl-C, a 500 on page 7) changes nothing; the next one starts again from the
last good point.

- A first (or full) sync pages through ``/v1/workouts``, 10 a page, then checks the count
  against ``/v1/workouts/count``: a workout added or deleted while paging shifts the pages,
  so a mismatch pages again (at most :data:`PASSES` times).
- A later sync pages through ``/v1/workouts/events?since=``. A workout edited twice, or edited
  then deleted, keeps its latest event.
- Templates neither the shipped table nor the client's cache names are looked up in
  ``/v1/exercise_templates`` (100 a page), once.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pandas as pd

from backday_analysis.importers.hevy_api import HevyClient, HevyError
from backday_analysis.importers.hevy_templates import unknown_templates

PASSES = 3
#: The change feed is asked from this long before the last good sync started: clocks differ,
#: and a workout seen twice is recognised as unchanged.
OVERLAP = dt.timedelta(minutes=10)


@dataclass
class Fetched:
    """What a sync read: workouts listed or updated, deleted ids, and templates looked up."""

    mode: str
    since: str | None
    workouts: list[dict] = field(default_factory=list)
    deleted: set[str] = field(default_factory=set)
    templates: dict[str, dict] = field(default_factory=dict)
    seen_titles: dict[str, str] = field(default_factory=dict)


def fetch_all(api: HevyClient) -> list[dict]:
    """Return every workout of the account, checked against Hevy's count."""
    for _ in range(PASSES):
        found: dict[str, dict] = {}
        for page in api.pages("/v1/workouts", "workouts"):
            for workout in page:
                if isinstance(workout, dict):
                    found.setdefault(str(workout.get("id", "")), workout)
        count = api.get("/v1/workouts/count").get("workout_count")
        if count == len(found):
            return list(found.values())
    raise HevyError(
        f"the workouts of client '{api.client_id}' kept changing while they were read (Hevy "
        f"counts {count}, {len(found)} were listed); nothing was changed; run the sync again."
    )


def _moment(text) -> pd.Timestamp:
    moment = pd.to_datetime(str(text or ""), utc=True, errors="coerce", format="ISO8601")
    return pd.Timestamp.min.tz_localize("UTC") if pd.isna(moment) else moment


def fetch_events(api: HevyClient, since: str) -> tuple[list[dict], set[str]]:
    """Return the workouts updated and the ids deleted since ``since``, latest event each."""
    latest: dict[str, tuple[pd.Timestamp, int, dict | None]] = {}
    for page in api.pages("/v1/workouts/events", "events", since=since):
        for event in page:
            if not isinstance(event, dict):
                continue
            if event.get("type") == "deleted":
                key, when, workout, rank = (
                    str(event.get("id", "")),
                    event.get("deleted_at"),
                    None,
                    1,
                )
            elif event.get("type") == "updated" and isinstance(event.get("workout"), dict):
                workout = event["workout"]
                key, when, rank = str(workout.get("id", "")), workout.get("updated_at"), 0
            else:
                continue
            entry = (_moment(when), rank, workout)
            if key and (key not in latest or entry[:2] >= latest[key][:2]):
                latest[key] = entry
    updated = [w for _, _, w in latest.values() if w is not None]
    return updated, {k for k, (_, _, w) in latest.items() if w is None}


def fetch_templates(api: HevyClient, wanted: list[str]) -> dict[str, dict]:
    """Return the templates of ``wanted`` ids that ``/v1/exercise_templates`` lists."""
    found: dict[str, dict] = {}
    left = set(wanted)
    for page in api.pages("/v1/exercise_templates", "exercise_templates"):
        for template in page:
            if isinstance(template, dict) and str(template.get("id")) in left:
                found[str(template["id"])] = template
        if left <= set(found):
            break
    return found


def fetch_changes(
    api: HevyClient, since: dt.datetime | None, full: bool, cache: dict[str, dict]
) -> Fetched:
    """Read what a sync needs: all workouts (first or full sync), or the changes since then.

    ``cache`` is the client's template cache; templates it and the shipped table do not
    name are looked up.
    """
    if full or since is None:
        fetched = Fetched("full" if full and since is not None else "first", None)
        fetched.workouts = fetch_all(api)
    else:
        asked = (since - OVERLAP).strftime("%Y-%m-%dT%H:%M:%SZ")
        fetched = Fetched("changes", asked)
        fetched.workouts, fetched.deleted = fetch_events(api, asked)
    for workout in fetched.workouts:
        exercises = workout.get("exercises")
        for exercise in exercises if isinstance(exercises, list) else []:
            if isinstance(exercise, dict) and exercise.get("exercise_template_id"):
                tid = str(exercise["exercise_template_id"])
                fetched.seen_titles.setdefault(tid, str(exercise.get("title") or ""))
    unknown = unknown_templates(fetched.seen_titles, cache)
    if unknown:
        fetched.templates = fetch_templates(api, unknown)
    return fetched
