"""Checks on the shipped exercise catalogue, ``data/catalogue.csv``.

The catalogue is data a coach edits by hand, so these tests pin down what the rest of the
project relies on rather than every cell:

* the seed article's exercises are separate rows, so their variants keep their own credits;
* enough rows credit a back group or the biceps for the reports to be meaningful;
* the names the apps write for back work resolve to a row with the right primary group, and
  the look-alikes (``Triceps Pushdown (Cable - Straight Bar)``, ``Rowing Machine``) to rows
  without back credit;
* the credit rules (pulldowns and pull-ups train the lats, shrugs the traps, deadlifts and
  back extensions the lower back, curls the biceps, rows the lats or the rhomboids by grip).

Names are looked up the way the importers do: through
:func:`backday_analysis.importers.names.name_index` and
:func:`backday_analysis.importers.names.normalise_name`.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.datafolder.catalogue import ALLOWED_CREDITS
from backday_analysis.importers.names import normalise_name

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "catalogue.csv"

HEADER = (
    "exercise_id,name,pattern,equipment,grip,load_type,aliases,"
    "lats,traps,rhomboids,lower_back,biceps,chest,front_delts,side_delts,rear_delts,triceps,"
    "forearms,abs,quads,hamstrings,glutes,calves,source"
)
PATTERNS = {
    "vertical_pull",
    "horizontal_pull",
    "straight_arm_pull",
    "hinge",
    "back_extension",
    "shrug",
    "carry",
    "rear_delt",
    "curl",
    "horizontal_push",
    "vertical_push",
    "push",
    "squat",
    "lunge",
    "leg_isolation",
    "core",
    "arm_isolation",
    "shoulder_isolation",
    "cardio",
    "other",
}
EQUIPMENT = {
    "barbell",
    "dumbbell",
    "cable",
    "machine",
    "bodyweight",
    "band",
    "smith_machine",
    "trap_bar",
    "kettlebell",
    "other",
}
GRIPS = {"", "close", "wide", "neutral", "underhand", "overhand"}

# The seed article's exercises; each name must resolve to its own row.
SEED_EXERCISES = (
    "Deadlift (Barbell)",
    "Bent Over One Arm Row (Dumbbell)",
    "Bent Over Row (Dumbbell)",
    "Pull Up",
    "Chin Up",
    "Pull Up (Assisted)",
    "Pull Up (Band)",
    "Seated Cable Row - V Grip (Cable)",
    "Seated Cable Row - Bar Wide Grip",
    "Lat Pulldown (Cable)",
    "Behind the Neck Lat Pulldown",
)

# App names (domain.md section 3) and the group each must credit 1 (a primary mover).
PRIMARY = (
    ("Lat Pulldown (Cable)", "lats"),
    ("Lat Pulldown - Underhand (Cable)", "lats"),
    ("Lat Pulldown - Close Grip (Cable)", "lats"),
    ("Lat Pulldown (Machine)", "lats"),
    ("Lat Pulldown", "lats"),
    ("Lat Pulldown (Pulley)", "lats"),
    ("Wide Grip Lat Pulldown", "lats"),
    ("V-Bar Pulldown", "lats"),
    ("Pull Up", "lats"),
    ("Pull Up (Assisted)", "lats"),
    ("Pull Up (Band)", "lats"),
    ("Pull Up (Weighted)", "lats"),
    ("Pull Up (Neutral Grip)", "lats"),
    ("Neutral Grip Pull Up", "lats"),
    ("Wide Grip Pullups", "lats"),
    ("Chin Up", "lats"),
    ("Chin Up", "biceps"),
    ("Chin Ups", "biceps"),
    ("Chin Up (Assisted)", "biceps"),
    ("Straight Arm Lat Pulldown (Cable)", "lats"),
    ("Rope Straight Arm Pulldown", "lats"),
    ("Pullover (Machine)", "lats"),
    ("Seated Row (Cable)", "lats"),
    ("Seated Cable Row", "lats"),
    ("Seated Cable Row - Bar Grip", "lats"),
    ("Seated Cable Row - V Grip (Cable)", "lats"),
    ("V-Grip Seated Cable Row (Pulley)", "lats"),
    ("Seated Cable Row - Bar Wide Grip", "rhomboids"),
    ("Seated Row (Machine)", "lats"),
    ("Iso-Lateral Row (Machine)", "lats"),
    ("Bent Over One Arm Row (Dumbbell)", "lats"),
    ("Dumbbell Row", "lats"),
    ("Bent Over Row (Dumbbell)", "lats"),
    ("Dumbbell Bent Over Row", "lats"),
    ("Incline Row (Dumbbell)", "rhomboids"),
    ("Bent Over Row (Barbell)", "lats"),
    ("Bent Over Row (Barbell)", "rhomboids"),
    ("Bent Over Barbell Row", "lats"),
    ("Barbell Rows", "lats"),
    ("Reverse Grip Bent Over Rows", "lats"),
    ("Pendlay Row", "rhomboids"),
    ("T Bar Row", "lats"),
    ("Inverted Row", "lats"),
    ("Face Pull (Cable)", "rhomboids"),
    ("Face Pull", "rhomboids"),
    ("Face Pull (Pulley)", "rhomboids"),
    ("Reverse Fly (Machine)", "rhomboids"),
    ("Rear Delt Reverse Fly (Dumbbell)", "rhomboids"),
    ("Shrug (Dumbbell)", "traps"),
    ("Shrug (Barbell)", "traps"),
    ("Shrug (Smith Machine)", "traps"),
    ("Shrug (Cable)", "traps"),
    ("Shrug (Trap Bar)", "traps"),
    ("Dumbbell Shrugs", "traps"),
    ("Dumbbell Shrug", "traps"),
    ("Barbell Shrug", "traps"),
    ("Upright Row", "traps"),
    ("Upright Row (Cable)", "traps"),
    ("Deadlift (Barbell)", "lower_back"),
    ("Conventional Deadlift", "lower_back"),
    ("Deadlift (Trap bar)", "lower_back"),
    ("Trap Bar Deadlift", "lower_back"),
    ("Sumo Deadlift (Barbell)", "lower_back"),
    ("Romanian Deadlift (Barbell)", "lower_back"),
    ("Romanian Deadlift", "lower_back"),
    ("Good Morning", "lower_back"),
    ("Back Extension", "lower_back"),
    ("Back Extensions", "lower_back"),
    ("Back Extension (Hyperextension)", "lower_back"),
    ("Back Extension (Weighted Hyperextension)", "lower_back"),
    ("Roman Chair Back Extension", "lower_back"),
    ("Reverse Hyperextension", "lower_back"),
    ("Superman", "lower_back"),
    ("Supermans", "lower_back"),
    ("Bicep Curl (Barbell)", "biceps"),
    ("Bicep Curl (Dumbbell)", "biceps"),
    ("Hammer Curl (Dumbbell)", "biceps"),
    ("Preacher Curl (Machine)", "biceps"),
    ("Bicep Curl (Cable)", "biceps"),
    ("EZ Bar Biceps Curl", "biceps"),
    ("Concentration Curl", "biceps"),
    ("Seated Incline Curl (Dumbbell)", "biceps"),
)

# Names that sound like back work but are not: known, with no back or biceps credit.
NO_BACK_CREDIT = (
    "Triceps Pushdown (Cable - Straight Bar)",
    "Tricep Cable Pull Down",
    "Rowing Machine",
    "Bench Press (Barbell)",
    "Squat (Barbell)",
)

# Common non-back names from the apps' built-in lists: known, so they are not "unmapped".
COMMON_NON_BACK = (
    "Bench Press (Barbell)",
    "Barbell Bench Press",
    "Flat Barbell Bench Press",
    "Incline Bench Press (Dumbbell)",
    "Incline Bench Press (Barbell)",
    "Chest Press (Machine)",
    "Chest Fly",
    "Cable Crossover",
    "Push Up",
    "Chest Dip",
    "Chest Dip (Assisted)",
    "Overhead Press (Barbell)",
    "Shoulder Press (Machine)",
    "Lateral Raise (Dumbbell)",
    "Squat (Barbell)",
    "Back Squat",
    "Barbell Back Squat",
    "Front Squat (Barbell)",
    "Leg Press",
    "Leg Extension (Machine)",
    "Lying Leg Curl (Machine)",
    "Seated Leg Curl (Machine)",
    "Standing Calf Raise (Machine)",
    "Seated Calf Raise",
    "Hip Thrust (Barbell)",
    "Bulgarian Split Squat",
    "Lunge (Dumbbell)",
    "Triceps Extension",
    "Triceps Rope Pushdown",
    "Skullcrusher (Barbell)",
    "Crunch",
    "Cable Crunch",
    "Plank",
    "Hanging Leg Raise",
    "Running",
    "Cycling",
)


def _row(name: str, catalogue: pd.DataFrame, index: dict[str, str]) -> pd.Series:
    exercise_id = index.get(normalise_name(name))
    assert exercise_id is not None, f"{name!r} does not resolve to any catalogue row"
    return catalogue.set_index("exercise_id").loc[exercise_id]


def test_header_is_exact() -> None:
    first_line = CATALOGUE.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == HEADER


def test_ids_are_snake_case_and_unique(catalogue: pd.DataFrame) -> None:
    ids = catalogue["exercise_id"]
    assert ids.is_unique
    assert ids.str.fullmatch(r"[a-z0-9]+(_[a-z0-9]+)*").all()


def test_vocabularies(catalogue: pd.DataFrame) -> None:
    assert set(catalogue["pattern"]) <= PATTERNS
    assert set(catalogue["equipment"]) <= EQUIPMENT
    assert set(catalogue["grip"]) <= GRIPS
    assert set(catalogue["load_type"]) <= {"external", "bodyweight", "assisted"}


def test_credits_are_primary_or_secondary(catalogue: pd.DataFrame) -> None:
    values = set(catalogue[list(GROUPS)].to_numpy().ravel()) - {0.0}
    assert values <= set(ALLOWED_CREDITS)


def test_no_alias_repeats_its_own_row(catalogue: pd.DataFrame) -> None:
    for row in catalogue.itertuples(index=False):
        keys = {normalise_name(row.exercise_id), normalise_name(row.name)}
        for alias in row.aliases:
            assert normalise_name(alias) not in keys, f"{row.exercise_id}: {alias!r} is a repeat"
            keys.add(normalise_name(alias))


def test_seed_exercises_are_separate_rows(catalogue: pd.DataFrame, index: dict[str, str]) -> None:
    ids = [_row(name, catalogue, index).name for name in SEED_EXERCISES]
    assert len(set(ids)) == len(SEED_EXERCISES), dict(zip(SEED_EXERCISES, ids, strict=True))


def test_seed_cable_rows_follow_the_grip(catalogue: pd.DataFrame, index: dict[str, str]) -> None:
    close = _row("Seated Cable Row - V Grip (Cable)", catalogue, index)
    wide = _row("Seated Cable Row - Bar Wide Grip", catalogue, index)
    assert (close["lats"], close["rhomboids"]) == (1.0, 0.5)
    assert (wide["rhomboids"], wide["lats"], wide["traps"]) == (1.0, 0.5, 0.5)


def test_seed_pulldowns_and_assisted_load(catalogue: pd.DataFrame, index: dict[str, str]) -> None:
    chest = _row("Lat Pulldown (Cable)", catalogue, index)
    neck = _row("Behind the Neck Lat Pulldown", catalogue, index)
    assert chest.name != neck.name and chest["lats"] == neck["lats"] == 1.0
    assert _row("Pull Up (Assisted)", catalogue, index)["load_type"] == "assisted"
    assert _row("Pull Up (Band)", catalogue, index)["load_type"] == "assisted"
    assert _row("Pull Up", catalogue, index)["load_type"] == "bodyweight"
    assert _row("Deadlift (Barbell)", catalogue, index)["load_type"] == "external"


def test_enough_back_and_biceps_rows(catalogue: pd.DataFrame) -> None:
    credited = (catalogue[list(GROUPS)] > 0).any(axis=1)
    assert credited.sum() >= 30


@pytest.mark.parametrize(("name", "group"), PRIMARY)
def test_app_name_has_expected_primary_group(
    name: str, group: str, catalogue: pd.DataFrame, index: dict[str, str]
) -> None:
    assert _row(name, catalogue, index)[group] == 1.0


@pytest.mark.parametrize("name", NO_BACK_CREDIT)
def test_look_alike_has_no_back_credit(
    name: str, catalogue: pd.DataFrame, index: dict[str, str]
) -> None:
    row = _row(name, catalogue, index)
    assert all(row[g] == 0.0 for g in (*BACK_GROUPS, "biceps"))


@pytest.mark.parametrize("name", COMMON_NON_BACK)
def test_common_non_back_names_are_known(
    name: str, catalogue: pd.DataFrame, index: dict[str, str]
) -> None:
    row = _row(name, catalogue, index)
    assert all(row[g] == 0.0 for g in BACK_GROUPS)


def test_pattern_rules(catalogue: pd.DataFrame) -> None:
    by_pattern = catalogue.groupby("pattern")
    vertical = by_pattern.get_group("vertical_pull")
    assert (vertical["lats"] == 1.0).all()
    rows = by_pattern.get_group("horizontal_pull")
    assert ((rows["lats"] == 1.0) | (rows["rhomboids"] == 1.0)).all()
    assert (by_pattern.get_group("curl")["biceps"] == 1.0).all()
    assert (by_pattern.get_group("back_extension")["lower_back"] == 1.0).all()
    names = catalogue["name"].str.casefold()
    assert (catalogue.loc[names.str.contains("shrug"), "traps"] == 1.0).all()
    assert (catalogue.loc[names.str.contains("deadlift"), "lower_back"] == 1.0).all()
    assert (catalogue.loc[names.str.contains("good morning"), "lower_back"] == 1.0).all()
    pulls = names.str.contains("pulldown|pull-up|chin-up")
    assert (catalogue.loc[pulls, "lats"] == 1.0).all()


def test_grip_decides_which_row_group_leads(catalogue: pd.DataFrame) -> None:
    rows = catalogue[catalogue["pattern"] == "horizontal_pull"]
    wide = rows[rows["grip"] == "wide"]
    assert (wide["rhomboids"] == 1.0).all()
    close = rows[rows["grip"].isin(["close", "neutral"])]
    assert (close["lats"] == 1.0).all()


def test_non_back_patterns_have_no_back_credit(catalogue: pd.DataFrame) -> None:
    non_back = catalogue["pattern"].isin(
        [
            "horizontal_push",
            "vertical_push",
            "push",
            "squat",
            "lunge",
            "leg_isolation",
            "core",
            "arm_isolation",
            "shoulder_isolation",
            "cardio",
        ]
    )
    assert (catalogue.loc[non_back, [*BACK_GROUPS, "biceps"]] == 0.0).all().all()
