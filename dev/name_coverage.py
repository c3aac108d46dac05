"""Measure how many exercise names the resolver recognises, in exports and in reference lists.

Run ``python -m dev.name_coverage [REFERENCE_DIR] [EXPORT ...]``. For each
export it reads the file with the real importer and counts working sets; for each public list
of exercise names (the ``reference`` folder: app built-in names and an open exercise database,
with their muscles) it counts names. It prints, per file or list: names, sets, the share
recognised, the share resolved by a rule, and how often the back credit agrees with a back
muscle the list gives as primary. ``--unknown`` lists the names left unknown, ``--disagree``
the names whose credit disagrees, ``--no-aliases`` leaves the catalogue's aliases out (the
catalogue grew on some of these exports; this shows what the rules recognise on their own).

Agreement: a name agrees when, for each back muscle the list gives as primary, the catalogue
exercise it resolves to credits the matching group as a primary mover (1); "credited" asks
only for some credit (0.5 or 1). Hevy's ``upper_back`` and free-exercise-db's ``middle back``
are rhomboids or traps; FitNotes' ``Back`` category is any back group.

``--groups`` prints the same agreement for every muscle group of the project, over all the
lists: for each group, the names whose list gives a matching primary muscle (:data:`MUSCLES`),
how many are recognised, and how many credit the group 1 (or at all).
"""

from __future__ import annotations

import argparse
import csv
from pathlib import Path

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS, paths
from backday_analysis.datafolder.catalogue import (
    load_aliases,
    load_catalogue,
    load_name_rules,
    name_rules_path,
)
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.names import name_index, resolution_table
from backday_analysis.importers.rows import ImportContext

# A list's back muscle -> the groups of this project that may stand for it.
BACK_MUSCLES = {
    "lats": ("lats",),
    "traps": ("traps",),
    "upper_back": ("rhomboids", "traps"),
    "middle back": ("rhomboids", "traps"),
    "lower_back": ("lower_back",),
    "lower back": ("lower_back",),
    "Back": BACK_GROUPS,
}


_DELTS = ("front_delts", "side_delts", "rear_delts")
_LEGS = ("quads", "hamstrings", "glutes", "calves")
# Every list's muscle (or FitNotes category) -> the groups of this project it may stand for;
# muscles with no group (adductors, neck, hip flexors, cardio, full body) are left out.
MUSCLES = {
    **BACK_MUSCLES,
    **{g: (g,) for g in GROUPS},
    "abdominals": ("abs",), "obliques": ("abs",), "Abs": ("abs",),
    "quadriceps": ("quads",), "Legs": _LEGS, "abductors": ("glutes",),
    "shoulders": _DELTS, "Shoulders": _DELTS, "upper_chest": ("chest",),
    "lower_chest": ("chest",), "lower back": ("lower_back",), "Biceps": ("biceps",),
    "Chest": ("chest",), "Triceps": ("triceps",),
}  # fmt: skip


def reference_lists(folder: Path) -> dict[str, pd.DataFrame]:
    """Return each reference list as ``name, primary`` (primary: list of muscle labels)."""
    lists: dict[str, pd.DataFrame] = {}
    combined = folder / "app_exercise_names.csv"
    if combined.is_file():
        frame = pd.read_csv(combined, dtype=str, keep_default_na=False)
        fitnotes = _fitnotes_categories(folder)
        for app, rows in frame.groupby("app", sort=True):
            primary = rows["primary_muscles"].str.split(";")
            if app == "fitnotes":
                primary = rows["name"].map(lambda n: [fitnotes.get(n, "")])
            lists[f"{app} built-in names"] = pd.DataFrame(
                {"name": rows["name"].to_numpy(), "primary": primary.to_numpy()}
            )
    free = folder / "free_exercise_db.csv"
    if free.is_file():
        frame = pd.read_csv(free, dtype=str, keep_default_na=False)
        lists["free-exercise-db"] = pd.DataFrame(
            {"name": frame["name"], "primary": frame["primary_muscles"].str.split(";")}
        )
    return lists


def _fitnotes_categories(folder: Path) -> dict[str, str]:
    path = folder / "fitnotes_exercises.csv"
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8") as handle:
        return {row["name"]: row["fitnotes_category"] for row in csv.DictReader(handle)}


def agreement(primary: list[str], credits: pd.Series | None) -> tuple[bool, bool] | None:
    """Return (primary agrees, credited at all) for a name with a back primary, else None."""
    wanted = [BACK_MUSCLES[m] for m in primary if m in BACK_MUSCLES]
    if not wanted:
        return None
    if credits is None:
        return False, False
    strict = all(any(credits[g] == 1 for g in groups) for groups in wanted)
    loose = all(any(credits[g] > 0 for g in groups) for groups in wanted)
    return strict, loose


def measure(names: pd.Series, weights: pd.Series, primary: pd.Series, index, catalogue) -> dict:
    """Return one table row: counts, shares recognised and by rule, back-credit agreement."""
    resolved = resolution_table(names.reset_index(drop=True), index)
    weights = weights.reset_index(drop=True).astype(float)
    known = resolved["exercise_id"].notna() & (resolved["exercise_id"] != "nan")
    by_rule = resolved["resolved_by"].str.startswith("rule:")
    credits = catalogue.set_index("exercise_id").loc[:, list(BACK_GROUPS)]
    verdicts = [
        agreement(p, credits.loc[e] if k else None)
        for p, e, k in zip(
            primary.reset_index(drop=True), resolved["exercise_id"], known, strict=True
        )
    ]
    checked = [v for v in verdicts if v is not None]
    total = weights.sum() or 1.0
    return {
        "names": int(names.nunique()),
        "sets": int(weights.sum()) if weights.max() > 1 else "",
        "recognised": f"{weights[known].sum() / total:.1%}",
        "by rule": f"{weights[known & by_rule].sum() / total:.1%}",
        "back primary": len(checked),
        "agree (1)": f"{sum(s for s, _ in checked) / len(checked):.1%}" if checked else "",
        "credited": f"{sum(c for _, c in checked) / len(checked):.1%}" if checked else "",
        "_unknown": sorted(set(names.reset_index(drop=True)[~known])),
        "_disagree": [
            (n, p, e)
            for n, p, e, v in zip(names, primary, resolved["exercise_id"], verdicts, strict=True)
            if v is not None and not v[0]
        ],
    }


def group_agreement(lists: dict[str, pd.DataFrame], index, catalogue) -> pd.DataFrame:
    """Return, per group, the listed names whose primary muscle stands for it and how many of
    them resolve, credit it 1, or credit it at all (all lists together).

    A coarse muscle (``shoulders``, ``upper_back``, FitNotes' ``Legs``) has its own row, its
    groups joined by ``/``: it agrees when any of them is credited. "training" leaves out the
    names read as an exercise that credits no group at all (stretches, cardio), which the
    lists give muscles too.
    """
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    names = pd.concat(list(lists.values()), ignore_index=True)
    resolved = resolution_table(names["name"], index)
    known = (resolved["exercise_id"].notna() & (resolved["exercise_id"] != "nan")).tolist()
    trains = credits.max(axis=1) > 0
    tally: dict[tuple[str, ...], list[tuple[float, bool]]] = {}
    for primary, exercise_id, found in zip(
        names["primary"], resolved["exercise_id"], known, strict=True
    ):
        for groups in {MUSCLES[m] for m in primary if m in MUSCLES}:
            best = max(credits.at[exercise_id, g] for g in groups) if found else -1.0
            tally.setdefault(groups, []).append((best, found and bool(trains[exercise_id])))
    order = {g: i for i, g in enumerate(GROUPS)}
    rows = []
    for groups in sorted(tally, key=lambda gs: (len(gs), order[gs[0]])):
        best = [b for b, _ in tally[groups]]
        training = [b for b, t in tally[groups] if t]
        n, trained = len(best), max(len(training), 1)
        rows.append(
            {
                "group": "/".join(groups),
                "names": n,
                "recognised": f"{sum(b >= 0 for b in best) / n:.1%}",
                "credited 1": f"{sum(b == 1 for b in best) / n:.1%}",
                "credited": f"{sum(b > 0 for b in best) / n:.1%}",
                "training": len(training),
                "training credited 1": f"{sum(b == 1 for b in training) / trained:.1%}",
            }
        )
    return pd.DataFrame(rows).set_index("group")


def main(argv: list[str] | None = None) -> None:
    """Print the coverage table (see the module docstring)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("reference", type=Path, help="folder of reference name lists")
    parser.add_argument("exports", nargs="*", type=Path, help="app export files")
    parser.add_argument("--data", default=None, help="data folder (catalogue, aliases)")
    parser.add_argument("--unknown", action="store_true", help="list the unknown names")
    parser.add_argument("--disagree", action="store_true", help="list disagreeing names")
    parser.add_argument("--groups", action="store_true", help="agreement for every group")
    parser.add_argument(
        "--no-aliases",
        action="store_true",
        help="drop the catalogue's aliases (names only): how far the rules go on their own",
    )
    args = parser.parse_args(argv)
    folder = paths.data_dir(args.data)
    catalogue = load_catalogue(paths.catalogue_path(folder))
    if args.no_aliases:
        catalogue["aliases"] = [[] for _ in range(len(catalogue))]
    aliases = load_aliases(paths.aliases_path(folder), catalogue)
    index = name_index(catalogue, aliases, load_name_rules(name_rules_path(folder), catalogue))
    lists = reference_lists(args.reference)
    primary_of: dict[str, list[str]] = {}
    for frame in lists.values():
        for name, primary in zip(frame["name"], frame["primary"], strict=True):
            if any(m in BACK_MUSCLES for m in primary):
                primary_of.setdefault(name.casefold(), primary)
    rows = {}
    ctx = ImportContext(client_id="coverage", unit="kg", timezone="UTC")
    for path in args.exports:
        sets = read_export(path, ctx).sets
        working = sets.loc[sets["set_kind"] != "warmup", "exercise"]
        counts = working.value_counts()
        primary = pd.Series([primary_of.get(n.casefold(), []) for n in counts.index])
        rows[path.name] = measure(pd.Series(counts.index), counts, primary, index, catalogue)
    for label, frame in lists.items():
        ones = pd.Series(1.0, index=frame.index)
        rows[label] = measure(frame["name"], ones, frame["primary"], index, catalogue)
    table = pd.DataFrame(rows).T
    print(table.drop(columns=["_unknown", "_disagree"]).to_string())
    if args.groups:
        print("\nEvery group, all lists together:")
        print(group_agreement(lists, index, catalogue).to_string())
    for label, row in rows.items():
        if args.unknown and row["_unknown"]:
            print(f"\n{label}: unknown: " + " | ".join(row["_unknown"]))
        if args.disagree and row["_disagree"]:
            print(f"\n{label}: disagree:")
            for name, primary, exercise_id in row["_disagree"]:
                print(f"  {name} [{';'.join(primary)}] -> {exercise_id}")


if __name__ == "__main__":
    main()
