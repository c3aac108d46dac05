"""The whole body in exercise names: invented names in each app's style credit their group.

Every name here is made up for these tests (none is copied from an export or a public list):
four per muscle group, one in each app's way of naming (Strong ``Name - Variant (Equipment)``,
Hevy ``Name (Equipment)``, FitNotes plurals and misspellings, Fitbod equipment first), and the
classes of misreading the name rules once had. Credits come from the shipped catalogue.
"""

from __future__ import annotations

import pytest
from credited import credits

from backday_analysis import GROUPS
from backday_analysis.importers.names import resolve

APPS = ("strong", "hevy", "fitnotes", "fitbod")
# (app whose style the name follows, invented name, the group it must credit 1)
STYLED = [
    ("strong", "Lat Pulldown - Kneeling (Band)", "lats"),
    ("hevy", "Single Arm Pulldown (Machine)", "lats"),
    ("fitnotes", "Close Grip Lat Pull Downs", "lats"),
    ("fitbod", "Cable Half Kneeling Lat Pulldown", "lats"),
    ("strong", "Shrug - Behind Back (Barbell)", "traps"),
    ("hevy", "Seated Shrug (Dumbbell)", "traps"),
    ("fitnotes", "Hex Bar Shrugs", "traps"),
    ("fitbod", "Kettlebell Farmer Carry", "traps"),
    ("strong", "Seated Row - Wide Grip (Band)", "rhomboids"),
    ("hevy", "Reverse Fly (Band)", "rhomboids"),
    ("fitnotes", "Rope Face Pulls (Pulley)", "rhomboids"),
    ("fitbod", "Dumbbell Chest Supported Rear Delt Row", "rhomboids"),
    ("strong", "Back Extension - Single Leg (Bodyweight)", "lower_back"),
    ("hevy", "Good Morning (Dumbbell)", "lower_back"),
    ("fitnotes", "Stiff Legged Dead Lifts", "lower_back"),
    ("fitbod", "Kettlebell Romanian Deadlift", "lower_back"),
    ("strong", "Bicep Curl - Alternating (Kettlebell)", "biceps"),
    ("hevy", "Preacher Curl (Cable)", "biceps"),
    ("fitnotes", "Incline Dumbell Curls", "biceps"),
    ("fitbod", "Cable Single Arm Bayesian Curl", "biceps"),
    ("strong", "Bench Press - Paused (Barbell)", "chest"),
    ("hevy", "Incline Chest Fly (Cable)", "chest"),
    ("fitnotes", "Flat Dumbell Flyes", "chest"),
    ("fitbod", "Smith Machine Decline Bench Press", "chest"),
    ("strong", "Overhead Press - Behind Neck (Barbell)", "front_delts"),
    ("hevy", "Front Raise (Kettlebell)", "front_delts"),
    ("fitnotes", "Seated Dumbell Shoulder Presses", "front_delts"),
    ("fitbod", "Cable Single Arm Front Raise", "front_delts"),
    ("strong", "Lateral Raise - Lean Away (Cable)", "side_delts"),
    ("hevy", "Seated Lateral Raise (Machine)", "side_delts"),
    ("fitnotes", "Dumbell Side Laterals", "side_delts"),
    ("fitbod", "Band Single Arm Lateral Raise", "side_delts"),
    ("strong", "Reverse Fly - Lying (Dumbbell)", "rear_delts"),
    ("hevy", "Face Pull (Band)", "rear_delts"),
    ("fitnotes", "Rear Delt Cable Flyes", "rear_delts"),
    ("fitbod", "Cable Kneeling Reverse Fly", "rear_delts"),
    ("strong", "Triceps Extension - Overhead (EZ Bar)", "triceps"),
    ("hevy", "Triceps Pushdown - V Bar (Cable)", "triceps"),
    ("fitnotes", "Lying Dumbell Skull Crushers", "triceps"),
    ("fitbod", "Cable Single Arm Overhead Tricep Extension", "triceps"),
    ("strong", "Wrist Curl - Seated (Dumbbell)", "forearms"),
    ("hevy", "Reverse Wrist Curl (Cable)", "forearms"),
    ("fitnotes", "Plate Pinch Holds", "forearms"),
    ("fitbod", "Dumbbell Seated Wrist Extension", "forearms"),
    ("strong", "Crunch - Decline (Plate)", "abs"),
    ("hevy", "Hanging Knee Tuck (Bar)", "abs"),
    ("fitnotes", "Weighted Russian Twists", "abs"),
    ("fitbod", "Cable Kneeling Oblique Crunch", "abs"),
    ("strong", "Split Squat - Front Foot Elevated (Dumbbell)", "quads"),
    ("hevy", "Heel Elevated Goblet Squat (Kettlebell)", "quads"),
    ("fitnotes", "Smith Machine Reverse Lunges", "quads"),
    ("fitbod", "Machine Single Leg Extension", "quads"),
    ("strong", "Leg Curl - Single Leg (Machine)", "hamstrings"),
    ("hevy", "Standing Leg Curl (Band)", "hamstrings"),
    ("fitnotes", "Slider Hamstring Curls", "hamstrings"),
    ("fitbod", "Dumbbell Lying Hamstring Curl", "hamstrings"),
    ("strong", "Hip Thrust - Single Leg (Dumbbell)", "glutes"),
    ("hevy", "Glute Bridge March (Band)", "glutes"),
    ("fitnotes", "Cable Glute Kick Backs", "glutes"),
    ("fitbod", "Machine Hip Abduction Lean Forward", "glutes"),
    ("strong", "Calf Raise - Single Leg (Dumbbell)", "calves"),
    ("hevy", "Donkey Calf Raise (Machine)", "calves"),
    ("fitnotes", "Seated Dumbell Calf Raises", "calves"),
    ("fitbod", "Smith Machine Seated Calf Raise", "calves"),
]


def test_the_invented_names_cover_every_group_in_every_apps_style():
    assert {(app, group) for app, _, group in STYLED} == {(a, g) for a in APPS for g in GROUPS}


@pytest.mark.parametrize(("app", "name", "group"), STYLED)
def test_each_name_credits_its_group_as_a_primary_mover(app, name, group, index, catalogue):
    assert credits(name, index, catalogue).get(group) == 1.0, (app, name)


# A movement word inside a longer phrase: the phrase decides, never one word cut from it.
@pytest.mark.parametrize(
    "name",
    ["Lat Prayer (Cable)", "Kneeling Lat Prayer (Cable)", "Cable Lat Prayers",
     "Cable Half Kneeling Lat Prayer"],
)  # fmt: skip
def test_a_lat_prayer_is_lat_work_not_a_stretch(name, index, catalogue):
    assert credits(name, index, catalogue).get("lats") == 1.0


@pytest.mark.parametrize(
    "name", ["Dead Hang (Towel)", "Weighted Dead Hang", "Dead Hangs", "Bar Dead Hang"]
)
def test_a_dead_hang_is_a_hang_for_the_grip_not_core_work(name, index, catalogue):
    assert credits(name, index, catalogue) == {"forearms": 1.0}


def test_whole_phrases_only(index, catalogue):
    assert credits("Dead Bug (Band)", index, catalogue) == {"abs": 1.0}
    assert credits("Prayer Stretch (Kneeling)", index, catalogue) == {}
    assert resolve("Prayer Stretch (Kneeling)", index).how == "rule:stretch"


# A row without equipment: decided by the movement, and said when the name cannot tell.
@pytest.mark.parametrize(
    "name", ["Helms Row - Paused", "Bat Wing Row", "Incline Rows", "Prone Incline Row"]
)
def test_supported_rows_without_equipment_earn_no_lower_back(name, index, catalogue):
    given = credits(name, index, catalogue)
    assert given["rhomboids"] == 1.0 and "lower_back" not in given


def test_a_row_the_name_cannot_place_says_so_and_earns_no_lower_back(index, catalogue):
    found = resolve("Zercher Row", index)
    assert (found.exercise_id, found.how) == ("row_unspecified", "rule:row_without_equipment")
    given = credits("Zercher Row", index, catalogue)
    assert (given["lats"], given["rhomboids"]) == (1.0, 1.0) and "lower_back" not in given
    # A bent-over row names its stance: the bar and the lower back.
    assert credits("Bent Over Rows", index, catalogue)["lower_back"] == 0.5


# A kickback with a leg word in its name is glute work, not a hinge (nor triceps work).
@pytest.mark.parametrize(
    "name",
    ["Straight Leg Kickback (Cable)", "Single Leg Kickback (Machine)",
     "Stiff Leg Cable Kickbacks", "Cable Standing Straight Leg Kickback",
     "Quadruped Kickback (Band)", "Ankle Strap Kickbacks", "Cable Hip Kickback - Left",
     "Hamstring Kickback (Cable)"],
)  # fmt: skip
def test_a_kickback_with_a_leg_word_is_glute_work(name, index, catalogue):
    given = credits(name, index, catalogue)
    assert given.get("glutes") == 1.0
    assert "lower_back" not in given and "triceps" not in given


# Olympic variants without a pull from the floor or the hang are no pulls.
@pytest.mark.parametrize(
    ("name", "group"),
    [("Snatch Balance - Pause (Barbell)", "quads"), ("Snatch Balance from Blocks", "quads"),
     ("Overhead Squats", "quads"), ("Barbell Split Jerk", "front_delts"),
     ("Clean Front Squat (Barbell)", "quads"), ("Snatch Lunges", "quads"),
     ("Snatch Push Press - Behind Neck", "front_delts")],
)  # fmt: skip
def test_olympic_variants_without_a_pull_credit_no_back(name, group, index, catalogue):
    given = credits(name, index, catalogue)
    assert given.get(group) == 1.0
    assert not {"lats", "traps", "rhomboids", "lower_back"} & set(given)


def test_olympic_lifts_with_a_pull_still_credit_the_traps(index, catalogue):
    assert credits("Tall Snatch", index, catalogue)["traps"] == 1.0
    assert credits("Kettlebell Clean & Jerk", index, catalogue)["traps"] == 1.0
    # A squat named before the lift is the full lift, caught in a squat.
    assert credits("Squat Clean", index, catalogue)["traps"] == 1.0
    assert credits("Clean and Push Press", index, catalogue)["traps"] == 0.5
    # A complex that starts with a power or hang clean pulls, whatever follows it.
    for name in ("Power Clean + Front Squat", "Kettlebell Clean & Squat", "Hang Clean + Lunge"):
        assert credits(name, index, catalogue)["traps"] == 1.0, name


# A walk named by how its load is held is a carry; a walk alone is cardio.
@pytest.mark.parametrize(
    "name", ["Waiter Walk (Kettlebell)", "Overhead Plate Walk", "Kettlebell Rack Walks",
             "Zercher Walk"],
)  # fmt: skip
def test_a_walk_named_by_its_hold_is_a_carry(name, index, catalogue):
    assert resolve(name, index).exercise_id == "farmers_carry"
    assert credits(name, index, catalogue)["traps"] == 1.0
    assert credits("Incline Walk", index, catalogue) == {}
    # Walks on the toes are calf work, and a sled walked is the sled's, whatever is held.
    assert credits("Dumbbell Toe Walk", index, catalogue) == {"calves": 1.0}
    assert resolve("Sled Overhead Walk", index).exercise_id == "sled_push"
    for name in ("Dumbbell Lunge Walk", "Kettlebell Duck Walk", "Plank Walk (Plate)"):
        assert resolve(name, index).exercise_id != "farmers_carry", name


# A stretch of a lift's muscles is a stretch, whatever lift it names.
@pytest.mark.parametrize("name", ["Pull Through Stretch", "Deadlift Stretch (Hamstrings)",
                                  "Seated Row Stretch"])  # fmt: skip
def test_a_stretch_named_after_a_lift_credits_nothing(name, index, catalogue):
    assert credits(name, index, catalogue) == {}
    assert credits("Stretch Band Pull Aparts", index, catalogue).get("rear_delts") == 1.0
    # "Stretch" before the lift names a variant of the lift.
    assert credits("Stretch Reflex Row", index, catalogue)["rhomboids"] == 1.0


@pytest.mark.parametrize(
    ("name", "group"),
    [("Back Fly (Dumbbell)", "rear_delts"), ("Lu Raises", "side_delts"),
     ("Close-Grip Bench", "triceps")],
)  # fmt: skip
def test_a_phrase_names_the_movement_a_single_word_would_misread(name, group, index, catalogue):
    assert credits(name, index, catalogue).get(group) == 1.0
    assert "chest" not in credits("Back Fly (Dumbbell)", index, catalogue)
    # The longer phrases around them are read first.
    assert resolve("Close Grip Bench Dip", index).exercise_id == "triceps_dip"
    assert resolve("Cable Ankle Strap Hip Adduction", index).exercise_id == "other_adductors"
