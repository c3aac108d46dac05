"""Name Hevy's exercise templates, and find the template for a catalogue exercise.

A workout from Hevy's API names each exercise by ``exercise_template_id`` (stable) and a
``title`` in the person's language. The log keeps one name per template id:

- a built-in template gets Hevy's English title from the shipped table
  (``hevy_data/templates.csv``, source and licence in its README), the name a Hevy CSV export
  writes, so the name resolver (:mod:`.names`) maps it to the catalogue as for an export;
- a custom template gets the title the client gave it (from ``/v1/exercise_templates``, else
  the workout), which goes through the name resolver like any logged name;
- the client's template cache (kept in the data folder) holds, per template id, the name
  first given. A template the client renames later keeps that name in the log, so the
  catalogue name or the coach's alias that maps it still does.

Names resolve when the log is read, so a catalogue or alias change applies to synced sets too.
"""

from __future__ import annotations

import difflib
import functools
import io
from importlib import resources

import pandas as pd

from backday_analysis.importers.names import normalise_name, resolve


@functools.cache
def builtin_templates() -> pd.DataFrame:
    """Return Hevy's built-in templates: ``template_id, title, type``, indexed by id."""
    text = resources.files("backday_analysis.importers").joinpath("hevy_data/templates.csv")
    table = pd.read_csv(io.StringIO(text.read_text(encoding="utf-8")), dtype=str)
    return table.set_index("template_id", drop=False)


def unknown_templates(template_ids, cache: dict[str, dict]) -> list[str]:
    """Return the ids neither the client's cache nor the built-in table names, sorted."""
    builtin = builtin_templates().index
    return sorted({t for t in template_ids if t not in cache and t not in builtin})


def named_templates(
    seen: dict[str, str], cache: dict[str, dict], fetched: dict[str, dict], today: str
) -> dict[str, dict]:
    """Return the client's template cache with every template of ``seen`` named.

    Parameters
    ----------
    seen : dict
        Template id to the exercise title a workout gave it.
    cache : dict
        Template id to ``{"name", "title", "custom", "first_seen"}``; not changed.
    fetched : dict
        Template id to the template as ``/v1/exercise_templates`` gave it.
    today : str
        The date recorded as ``first_seen`` for a template named now.
    """
    builtin = builtin_templates()
    out = {tid: dict(entry) for tid, entry in cache.items()}
    for tid, workout_title in sorted(seen.items()):
        template = fetched.get(tid, {})
        title = str(template.get("title") or workout_title or tid).strip()
        if tid in out:
            out[tid]["title"] = title
            continue
        if tid in builtin.index:
            name, custom = builtin.at[tid, "title"], False
        else:
            name, custom = title, bool(template.get("is_custom", True))
        out[tid] = {"name": name, "title": title, "custom": custom, "first_seen": today}
    return out


def template_names(cache: dict[str, dict]) -> dict[str, str]:
    """Return template id to the name the log uses (see :func:`named_templates`)."""
    return {tid: str(entry["name"]) for tid, entry in cache.items()}


_HOW_RANK = {"catalogue": 0, "coach alias": 0, "rule:spelling": 1}


def templates_by_exercise(
    catalogue: pd.DataFrame, index: dict, cache: dict[str, dict]
) -> dict[str, tuple[str, str]]:
    """Return catalogue exercise id to ``(template id, title)`` of its Hevy template.

    The candidates are the built-in templates and the client's own (from the cache), each
    mapped through the name resolver. Preferred for an exercise, in order: a name the
    catalogue or the coach's aliases list (over one a movement rule read), a template the
    client has used, the name closest to the catalogue's, then alphabetical order. An
    exercise no template resolves to is not in the result.
    """
    builtin = builtin_templates()
    names = dict(zip(builtin["template_id"], builtin["title"], strict=True))
    names.update(template_names(cache))
    display = dict(
        zip(catalogue["exercise_id"], catalogue["name"].map(normalise_name), strict=True)
    )
    best: dict[str, tuple] = {}
    for tid, name in names.items():
        found = resolve(name, index)
        if found.exercise_id not in display:
            continue
        target = display[found.exercise_id]
        closeness = difflib.SequenceMatcher(None, normalise_name(name), target).ratio()
        rank = (_HOW_RANK.get(found.how, 2), tid not in cache, -closeness, name, tid)
        if found.exercise_id not in best or rank < best[found.exercise_id]:
            best[found.exercise_id] = rank
    return {exercise: (rank[4], rank[3]) for exercise, rank in best.items()}
