"""The name resolver on names invented in the styles of Strong, Hevy, FitNotes and Fitbod.

Every name here is made up for the test (none is copied from an export): misspellings,
each-side suffixes, equipment written three ways, and names of other muscles. Credits are read
from the shipped catalogue, so each expectation is the credit a coach would see.
"""

from __future__ import annotations

import pandas as pd
import pytest
from credited import credits

from backday_analysis import BACK_GROUPS
from backday_analysis.importers.name_parts import name_parts
from backday_analysis.importers.name_rules import BACK_RULES
from backday_analysis.importers.names import (
    Resolution,
    carry_rule,
    hold_rule,
    name_index,
    parts_key,
    resolution_table,
    resolve,
    same_word,
    suggest,
)


def back_credits(name: str, index, catalogue) -> dict[str, float]:
    return credits(name, index, catalogue, BACK_GROUPS)


@pytest.mark.parametrize(
    ("name", "exercise_id"),
    [
        # Strong: "Movement (Equipment)" and " - Grip" suffixes.
        ("Lat Pulldown - Wide Grip (Band)", "lat_pulldown_wide"),
        ("Bent Over Row - Underhand (Barbell)", "barbell_row_underhand"),
        ("Shrug (Kettlebell)", "shrug_dumbbell"),
        ("Row (Machine) - Each Side", "iso_lateral_row"),
        # Hevy: equipment in brackets, "Single Arm" in front.
        ("Single Arm Lat Pulldown (Band)", "lat_pulldown_single_arm"),
        ("Seated Row - Wide Grip (Cable)", "seated_cable_row_wide"),
        ("Chin Up (Band Assisted)", "assisted_chin_up"),
        ("Romanian Deadlift (Kettlebell)", "romanian_deadlift_dumbbell"),
        # FitNotes: plurals, equipment first, misspelt.
        ("Dumbell Shrugs", "shrug_dumbbell"),
        ("Narrow Grip Pull-Downs", "lat_pulldown_close"),
        ("Hyper Extentions", "back_extension"),
        ("Stiff Leg Dead Lifts", "stiff_leg_deadlift"),
        # Fitbod: equipment first, whole words.
        ("Kettlebell Single Arm Bent Over Row", "dumbbell_row_one_arm"),
        ("Cable Kneeling Pulldown", "lat_pulldown_single_arm"),
        ("Trap Bar Romanian Deadlift", "romanian_deadlift_barbell"),
        ("Barbell Clean Pull", "olympic_pull"),
        ("Hang Power Snatch", "power_clean"),
        ("Reverse Grip Pull Up", "chin_up"),
        ("Mixed Grip Weighted Pull-Up", "pull_up"),
    ],
)
def test_names_in_each_apps_style_resolve_by_movement(name, exercise_id, index):
    assert resolve(name, index).exercise_id == exercise_id


@pytest.mark.parametrize(
    "spellings",
    [
        ("Dumbbell Row (Single Arm)", "DB Row - 1 arm", "One-Arm Dumbell Rows"),
        ("Lat Pulldown (Cable)", "Cable Lat Pull Down", "lat pull-down, pulley"),
        ("Shrug (Barbell)", "BB Shrugs", "Bar Bell Shrug"),
        ("Deadlift (Trap Bar)", "Hex Bar Deadlift", "Trap-Bar Dead Lift"),
        ("Face Pull (Cable)", "Rope Facepulls", "Face-Pull (Pulley)"),
    ],
)
def test_equipment_written_three_ways_is_one_exercise(spellings, index):
    found = {resolve(name, index).exercise_id for name in spellings}
    assert len(found) == 1 and None not in found, found


@pytest.mark.parametrize(
    ("name", "credits"),
    [
        ("Snatch Pulls (Barbell)", {"traps": 1.0, "lower_back": 1.0}),
        ("Dumbell Bent-Over Reverse Flyes", {"traps": 0.5, "rhomboids": 1.0}),
        ("Machine Row (Each Side)", {"lats": 1.0, "rhomboids": 1.0}),
        ("Alternating Supermans", {"lower_back": 1.0}),
        ("GHD Hypertensions", {"lower_back": 1.0}),
        ("Behind-the-Back Shrug (Smith)", {"traps": 1.0}),
        ("Upright Row (Band)", {"traps": 1.0}),
        ("Good Mornings (Safety Bar)", {"lower_back": 1.0}),
        ("Wide Grip Seated Row (Machine)", {"lats": 0.5, "traps": 0.5, "rhomboids": 1.0}),
        ("Cable Pull-Through", {"lower_back": 0.5}),
        ("Cable Y Lateral Raise", {"traps": 1.0}),
        ("American Kettlebell Swings", {"lower_back": 0.5}),
    ],
)
def test_rule_credits_follow_the_movement(name, credits, index, catalogue):
    assert back_credits(name, index, catalogue) == credits


@pytest.mark.parametrize(
    "name",
    [
        "Cable Rope Tricep Extensions",
        "Push Up on Knees",
        "Shoulder Press (Plate Loaded)",
        "Cable Lateral Raise (Each Side)",
        "Triceps Pushdown - Straight Bar (Cable)",
        "Seated Leg Curl (Machine)",
        "Rowing Machine (Concept2)",
        "Incline Treadmill Walk",
        "Pigeon Stretch",
        "Back Squat (Safety Bar)",
    ],
)
def test_other_muscles_are_known_and_credit_no_back_group(name, index, catalogue):
    assert back_credits(name, index, catalogue) == {}


@pytest.mark.parametrize(
    "name",
    [
        "Snatch-Grip Rack Pulls",
        "Single Arm Landmine Row",
        "Kroc Rows (Dumbbell)",
        "Chest Supported T-Bar Row",
        "Close Grip Chin-Ups (Weighted)",
        "Neutral Grip Lat Pull Down (Machine)",
        "Sumo Deadlift (Kettlebell)",
        "45 Degree Back Extension Hold",
        "Reverse Hyperextension (Machine)",
        "Yates Row",
        "Dumbbell Pull-Over",
        "Band Pull-Aparts",
    ],
)
def test_back_words_never_lack_back_credit(name, index, catalogue):
    assert back_credits(name, index, catalogue), name


def test_each_resolution_says_how_it_was_made(catalogue):
    aliases = pd.DataFrame({"alias": ["Kroc Row"], "exercise_id": ["dumbbell_row_two_arm"]})
    index = name_index(catalogue, aliases)
    names = pd.Series(
        ["Pull Up", "Kroc Row", "Pull Up (Band)", "Dumbell Shrugs", "Cable Pull Down", "Zq Blorp"]
    )
    table = resolution_table(names, index)
    assert table["resolved_by"].tolist() == [
        "catalogue",
        "coach alias",
        "catalogue",
        "rule:spelling",
        "rule:pulldown",
        "unknown",
    ]
    # The coach's alias beats the rule that would read a Kroc row as a one-arm row.
    assert table["exercise_id"].iloc[1] == "dumbbell_row_two_arm"
    assert pd.isna(table["exercise_id"].iloc[5])


def test_a_rule_never_answers_with_an_exercise_the_catalogue_lacks(catalogue):
    small = catalogue.loc[catalogue["exercise_id"] != "lat_pulldown_wide"]
    found = resolve("Wide Grip Pull-Down (Band)", name_index(small))
    assert found.exercise_id is None and found.how == "unknown"


def test_no_catch_all_an_unknown_movement_stays_unknown(index):
    for name in ("Zercher Gizmo", "Bottom To Top (Cable)", "Triggers"):
        assert resolve(name, index).how == "unknown", name


def test_suggestions_share_the_movement(catalogue):
    assert suggest("Zercher Rows Thing", catalogue)
    assert all("row" in s.casefold() for s in suggest("Zercher Rows Thing", catalogue))
    assert not any("row" in s.casefold() for s in suggest("Clean and Jerk", catalogue))
    assert suggest("Blorp Zq", catalogue) == []


def test_name_parts_read_equipment_grip_and_side():
    parts = name_parts("1-Arm DB Rows (Neutral Grip)")
    assert parts.equipment == {"dumbbell"}
    assert parts.grips == {"single_arm", "neutral"}
    assert parts.words == ("row",)


def test_a_timed_hold_counts_if_it_credits_a_group_and_a_carry_if_it_carries(catalogue, index):
    holds = hold_rule(catalogue, index)
    # A plank credits the abs alone and a dead hang the forearms alone; a stretch credits none.
    assert [holds(n) for n in ("Plank", "Dead Hang", "Hamstring Stretch", "Blorp")] == [
        True, True, False, False
    ]  # fmt: skip
    carries = carry_rule(catalogue, index)
    assert [carries(n) for n in ("Farmers Walk", "Plank", "Blorp")] == [True, False, False]


def test_thesame_words_in_another_order_or_spelling_are_the_same_exercise(index):
    for name in ("Dumbell Rows", "Row Dumbbell"):
        assert resolve(name, index) == Resolution("dumbbell_row_one_arm", "rule:spelling")


def test_words_shared_by_two_exercises_name_neither_unless_the_coach_says():
    catalogue = pd.DataFrame(
        {
            "exercise_id": ["seal_row", "pendlay_row"],
            "name": ["Seal Row", "Pendlay Row"],
            "aliases": [["Seal Rows (Barbell)"], []],
        }
    )
    index = name_index(catalogue)
    assert index.spellings[parts_key("Row Seal")] == "seal_row"
    assert index.spellings[parts_key("Barbell Seal Row")] == "seal_row"
    # A second exercise with the seal row's words makes them ambiguous; a coach's alias decides.
    twin = pd.DataFrame({"exercise_id": ["seal_row_2"], "name": ["Row, Seal"], "aliases": [[]]})
    both = pd.concat([catalogue, twin], ignore_index=True)
    assert name_index(both).spellings[parts_key("Row Seal")] is None
    assert name_index(both).spellings[parts_key("Row, Pendlay")] == "pendlay_row"
    aliases = pd.DataFrame({"alias": ["Seal Rows"], "exercise_id": ["seal_row_2"]})
    assert name_index(both, aliases).spellings[parts_key("Row Seal")] == "seal_row_2"


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("row", "rowing", True),  # one starts the other, and has 3 letters
        ("ro", "rowing", False),  # 2 letters are too few to start a word
        ("pulup", "pullup", True),  # a letter left out
        ("flye", "flys", True),  # 3 letters of 4 alike: a ratio of 0.75
        ("rows", "bows", False),  # alike, but the first letters differ
        ("lunge", "lift", False),
    ],
)
def test_two_words_are_the_same_movement_word_despite_a_typo(a, b, same):
    assert same_word(a, b) is same


def test_suggestions_are_three_unless_asked_for_more(catalogue):
    assert suggest("Pulldown Lat", catalogue) == [
        "Lat pulldown (to chest)", "Lat pulldown (close grip)", "Lat pulldown (single arm)"
    ]  # fmt: skip
    assert len(suggest("Pulldown Lat", catalogue, limit=5)) == 5


@pytest.mark.parametrize(
    ("rule", "name", "exercise_id"),
    [
        ("olympic_pull", "Pull, High", "high_pull"),  # the words, not the phrase
        ("olympic_lift", "Power Clean", "power_clean"),  # no jerk, no press
        ("olympic_lift", "Clean and Jerk", "clean_and_jerk"),
        ("olympic_lift", "Clean and Press", "clean_and_press"),
        ("deadlift", "SLDL", "stiff_leg_deadlift"),  # the hinge is the only word
        ("deadlift", "RDL", "romanian_deadlift_barbell"),
        ("deadlift", "Stiff Leg Romanian", "stiff_leg_deadlift"),  # both hinge words
        ("deadlift", "Stiff Leg Deadlift", "stiff_leg_deadlift"),
        ("deadlift", "Romanian Deadlift", "romanian_deadlift_barbell"),
        ("hinge", "Kettlebell Swing", "kettlebell_swing"),
        ("hinge", "Russian Swing", "kettlebell_swing"),  # a kettlebell swing by its style
        ("hinge", "Swing (Dumbbell)", None),
        ("back_extension", "Back Extension (Machine)", "back_extension_machine"),
        ("back_extension", "Back Extension", "back_extension"),
        ("rear_delt", "Face Pulldown", "face_pull"),
        ("straight_arm", "Pullover (Machine)", "pullover_machine"),
        ("straight_arm", "Cable Pullover", "pullover_machine"),
        ("straight_arm", "Dumbbell Pullover", "pullover_dumbbell"),
        ("straight_arm", "Pullover", "pullover_dumbbell"),
        ("carry", "Suitcase Carry", "suitcase_carry"),
        ("curl", "Neutral Grip Curl", "hammer_curl_dumbbell"),  # a neutral grip is a hammer
        ("curl", "Reverse Neutral Curl", "reverse_curl_barbell"),  # unless it is reversed
        ("curl", "Scott Curl", "preacher_curl_barbell"),
        ("pulldown", "Lat Pull (Cable)", "lat_pulldown_chest"),
        ("pulldown", "Lat Pushdown", None),  # "lat" without a pull is no pulldown
        ("pulldown", "Straight Arm Pulldown", "straight_arm_pulldown"),
        ("pull_up", "Chin Tuck", None),  # a neck exercise
        ("pull_up", "Assisted Pull Up", "assisted_pull_up_machine"),
        ("pull_up", "Band Assisted Pull Up", "band_assisted_pull_up"),
        ("pull_up", "Pull Up (Machine)", "assisted_pull_up_machine"),
        ("rowing_cardio", "Rower", "rowing_machine"),
        ("rowing_cardio", "Rowing Machine", "rowing_machine"),
        ("rowing_cardio", "Barbell Rowing", None),
        ("row", "Archer Pull (Band)", "cable_row_single_arm"),
        ("row", "Archer Pull", None),  # neither band nor cable
        ("row", "TRX Pull", "inverted_row"),
        ("row", "Ring Dip", None),
        ("row", "High Row (Machine)", "iso_lateral_high_row"),
        ("row", "Cable High Row", "seated_cable_row"),
        ("row", "Wide Dumbbell Row", "rear_delt_row_dumbbell"),
        ("row", "Wide Grip Row (Cable)", "seated_cable_row_wide"),
        ("row", "T-Bar Row", "t_bar_row"),
        ("row", "Landmine Row", "t_bar_row"),
        ("row", "Chest Supported T-Bar Row", "t_bar_row_chest_supported"),
        ("row", "Chest Supported Row (Dumbbell)", "dumbbell_row_chest_supported"),
        ("row", "Chest Supported Row (Machine)", "t_bar_row_chest_supported"),
        ("row", "Dumbbell Row", "dumbbell_row_one_arm"),
        ("row", "Bent Over Dumbbell Row", "dumbbell_row_two_arm"),
        ("row", "Smith Machine Row", "smith_machine_row"),
        ("row", "Machine Row", "seated_row_machine"),
        ("row", "Plate Loaded Row", "iso_lateral_row"),
        ("row", "Seated Row", "seated_cable_row"),
        ("row", "Cable Row", "seated_cable_row"),
        ("row", "Close Grip Cable Row", "seated_cable_row_close"),
        ("row", "Barbell Row", "barbell_row"),
        ("row", "Reverse Grip Barbell Row", "barbell_row_underhand"),
        ("row", "Bodyweight Row", "inverted_row"),
    ],
)
def test_each_movement_rule_on_names_of_its_own(rule, name, exercise_id):
    assert dict(BACK_RULES)[rule](name_parts(name)) == exercise_id
