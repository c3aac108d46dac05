"""The demo's two clients of the seed's story: the rest of the body trained hard, the back little.

The seed article opens with people who train "pecs, triceps and biceps", or "buttocks and
legs", and forget the back: ``gus`` and ``hana`` are those two clients.
"""

from __future__ import annotations

from backday_analysis.demo.story import Lift, Session, Story

BODY_STORIES: dict[str, Story] = {
    # The seed's first story: chest, shoulders and arms trained hard, the back little (one
    # pulldown and two sets of rows a week), pushing far ahead of pulling (Strong).
    "gus": Story(
        sessions=(
            Session(
                0,
                18,
                "Chest & triceps",
                (
                    Lift("Bench Press (Barbell)", 4, 8, 80, 1.25, warmups=2),
                    Lift("Incline Bench Press (Dumbbell)", 3, 10, 28, 0.5),
                    Lift("Chest Fly (Dumbbell)", 3, 12, 14, 0.25),
                    Lift("Triceps Pushdown (Cable - Straight Bar)", 3, 12, 30, 0.5),
                ),
            ),
            Session(
                2,
                18,
                "Shoulders & arms",
                (
                    Lift("Overhead Press (Barbell)", 4, 8, 45, 0.5, warmups=1),
                    Lift("Lateral Raise (Dumbbell)", 4, 15, 10, 0.25),
                    Lift("Push Up", 3, 15, 0),
                    Lift("Bicep Curl (Barbell)", 4, 10, 30, 0.5),
                    Lift("Skullcrusher (Barbell)", 3, 10, 25, 0.5),
                    Lift("Hammer Curl (Dumbbell)", 3, 12, 14, 0.25),
                ),
            ),
            Session(
                4,
                18,
                "Chest & back",
                (
                    Lift("Bench Press (Dumbbell)", 4, 10, 32, 0.5),
                    Lift("Cable Crossover", 3, 12, 15, 0.25),
                    Lift("Triceps Dip", 3, 10, 0),
                    Lift("Lat Pulldown (Cable)", 3, 10, 50, 1.0),
                    Lift("Seated Row (Cable)", 2, 12, 45, 1.0),
                    Lift("Lateral Raise (Dumbbell)", 3, 15, 10, 0.25),
                ),
            ),
            Session(5, 10, "Legs", (Lift("Leg Press", 3, 10, 140, 2.5),)),
        ),
    ),
    # The seed's second story: legs and glutes trained hard, the back little (Romanian
    # deadlifts for the hamstrings and one pulldown a week), no upper-body pushing (Hevy, kg).
    "hana": Story(
        sessions=(
            Session(
                0,
                7,
                "Glutes & hamstrings",
                (
                    Lift("Hip Thrust (Barbell)", 4, 10, 80, 2.5, warmups=1),
                    Lift("Romanian Deadlift (Barbell)", 3, 10, 50, 1.25),
                    Lift("Lying Leg Curl (Machine)", 3, 12, 30, 0.5),
                    Lift("Glute Kickback (Machine)", 3, 15, 20, 0.5),
                ),
            ),
            Session(
                2,
                7,
                "Quads & glutes",
                (
                    Lift("Squat (Barbell)", 4, 8, 60, 1.25, warmups=1),
                    Lift("Bulgarian Split Squat", 3, 10, 12, 0.25),
                    Lift("Leg Extension (Machine)", 3, 12, 35, 0.5),
                    Lift("Hip Abduction (Machine)", 3, 15, 45, 1.0),
                ),
            ),
            Session(
                4,
                18,
                "Legs & back",
                (
                    Lift("Hip Thrust (Barbell)", 3, 12, 70, 2.5),
                    Lift("Leg Press (Machine)", 4, 12, 120, 2.5),
                    Lift("Standing Calf Raise (Machine)", 3, 15, 50, 1.0),
                    Lift("Lat Pulldown (Cable)", 3, 12, 35, 0.5),
                ),
            ),
        ),
    ),
}
