"""The demo clients' training plans: who trains what, on which days, and how it changes.

Each :class:`Story` is a client's plan over :data:`WEEKS` weeks; :mod:`.demo` turns it into
sets with progression, stalls, noise and moved days. Week numbers count from 0 (the first
demo week); a lift's ``weeks`` range swaps or fades an exercise mid-block. Exercise names
are those each client's app writes, so the demo goes through the real importers.
"""

from __future__ import annotations

from backday_analysis.demo.plans_body import BODY_STORIES
from backday_analysis.demo.story import DEADLIFT, WEEKS, Lift, Session, Story

__all__ = ["BAND_ROWS", "ROSTER_ROWS", "STORIES", "WEEKS", "Lift", "Session", "Story"]


STORIES: dict[str, Story] = {
    # Steady and balanced: back twice a week with biceps, one deload week, lat pulldowns
    # swapped for assisted pull-ups half way; the rest of the body twice a week too.
    "ava": Story(
        sessions=(
            Session(
                0,
                18,
                "Back & biceps A",
                (
                    Lift(DEADLIFT, 3, 5, 70, 2.5, warmups=2),
                    Lift("Dumbbell Row", 3, 10, 16, 0.5),
                    Lift("Lat Pulldown (Cable)", 3, 10, 40, 1.0, weeks=(0, 13)),
                    Lift("Pull Up (Assisted)", 3, 6, 30, -1.0, weeks=(13, WEEKS)),
                    Lift("Shrug (Dumbbell)", 3, 12, 18, 0.5),
                    Lift("Bicep Curl (Dumbbell)", 3, 10, 9, 0.25),
                ),
            ),
            Session(
                2,
                7,
                "Legs",
                (Lift("Squat (Barbell)", 4, 6, 60, 2.0, warmups=1), Lift("Leg Press", 3, 10, 100)),
            ),
            Session(
                3,
                18,
                "Back & biceps B",
                (
                    Lift("Chin Up", 3, 6, 0),
                    Lift("Seated Cable Row - Bar Wide Grip", 3, 12, 35, 1.0),
                    Lift("Back Extension", 3, 12, 0),
                    Lift("Face Pull (Cable)", 2, 15, 15, 0.5),
                    Lift("Hammer Curl (Dumbbell)", 2, 12, 8, 0.25),
                ),
            ),
        ),
        deload_weeks=(17,),
        # The rest of the body twice a week, pulls ahead of pushes in both planes: the steady
        # client is balanced over the whole body, not only the back (no lift credits a back
        # group, so the back's numbers are those of the sessions above alone).
        rest=(
            Session(
                1,
                12,
                "Push & core A",
                (
                    Lift("Bench Press (Dumbbell)", 3, 10, 16, 0.5),
                    Lift("Overhead Press (Dumbbell)", 3, 10, 10, 0.25),
                    Lift("Lateral Raise (Dumbbell)", 3, 15, 5, 0.25),
                    Lift("Triceps Pushdown (Cable - Straight Bar)", 3, 12, 17.5, 0.5),
                    Lift("External Rotation (Cable)", 2, 15, 5, 0.25),
                    Lift("Standing Calf Raise", 3, 15, 40, 1.0),
                    Lift("Crunch", 3, 15, 0),
                ),
            ),
            Session(
                5,
                12,
                "Push & legs B",
                (
                    Lift("Push Up", 3, 12, 0),
                    Lift("Goblet Squat (Dumbbell)", 3, 10, 16, 0.5),
                    Lift("Lateral Raise (Dumbbell)", 3, 15, 5, 0.25),
                    Lift("External Rotation (Cable)", 2, 15, 5, 0.25),
                    Lift("Standing Calf Raise", 3, 15, 40, 1.0),
                    Lift("Hanging Knee Raise", 3, 12, 0),
                ),
            ),
        ),
    ),
    # Back once a week, the deadlift after bench press, no curls; barbell rows become T-bar rows.
    "ben": Story(
        sessions=(
            Session(
                0,
                19,
                "Push",
                (
                    Lift("Bench Press (Barbell)", 4, 8, 80, 1.25, warmups=1),
                    Lift("Overhead Press (Barbell)", 3, 8, 45, 0.5),
                ),
            ),
            Session(
                2,
                19,
                "Back day",
                (
                    Lift("Bench Press (Barbell)", 3, 5, 85, 1.25),
                    Lift(DEADLIFT, 3, 5, 120, 2.5, warmups=1),
                    Lift("Bent Over Row (Barbell)", 4, 8, 60, 1.25, weeks=(0, 14)),
                    Lift("T Bar Row", 4, 8, 50, 1.25, weeks=(14, WEEKS)),
                    Lift("Lat Pulldown (Cable)", 3, 10, 55, 1.0),
                    Lift("Shrug (Barbell)", 3, 12, 80, 2.5),
                ),
            ),
            Session(4, 19, "Legs", (Lift("Squat (Barbell)", 4, 6, 110, 2.5, warmups=1),)),
        ),
    ),
    # Twice a week, but the lower back fades out from week 14 (index 13): the Romanian
    # deadlift goes, back extensions drop to two sets, then stop.
    "cleo": Story(
        sessions=(
            Session(
                1,
                17,
                "Pull A",
                (
                    Lift("Romanian Deadlift", 3, 8, 40, 1.25, weeks=(0, 13)),
                    Lift("Pull Up (Assisted)", 3, 8, 25, -0.5),
                    Lift("Seated Cable Row", 3, 10, 40, 1.0, weeks=(0, 10)),
                    Lift("V-Grip Seated Cable Row (Pulley)", 3, 10, 45, 1.0, weeks=(10, WEEKS)),
                    Lift("Dumbbell Shrugs", 3, 12, 16, 0.5),
                    Lift("Dumbbell Curl", 3, 10, 8, 0.25),
                ),
            ),
            Session(
                4,
                17,
                "Pull B",
                (
                    Lift("Lat Pulldown", 3, 10, 40, 1.0),
                    Lift("Roman Chair Back Extension", 3, 12, 0, weeks=(0, 13)),
                    Lift("Roman Chair Back Extension", 2, 10, 0, weeks=(13, 15)),
                    Lift("Face Pull (Pulley)", 3, 15, 15, 0.5),
                    Lift("Barbell Shrug", 3, 10, 40, 1.0),
                    Lift("Hammer Curl", 2, 12, 8, 0.25),
                ),
            ),
        ),
    ),
    # Vertical pulls only: the rhomboids get no direct work, traps and lower back none.
    "dev": Story(
        sessions=(
            Session(
                0,
                12,
                "Pull",
                (
                    Lift("Lat Pulldown (Cable)", 4, 10, 55, 1.0, warmups=1),
                    Lift("Pull Up", 3, 8, 0),
                    Lift("Bicep Curl (Barbell)", 3, 10, 25, 0.5),
                ),
            ),
            Session(
                3,
                12,
                "Pull",
                (
                    Lift("Pull Up (Weighted)", 3, 6, 5, 0.5),
                    Lift("Lat Pulldown - Close Grip (Cable)", 3, 12, 50, 1.0),
                    Lift("Chin Up", 3, 8, 0),
                ),
            ),
        ),
    ),
    # Balanced, but raises the deadlift 12 % a week in weeks 21-23, then stalls (Fitbod).
    "eli": Story(
        sessions=(
            Session(
                0,
                19,
                "Pull A",
                (
                    Lift("Barbell Deadlift", 3, 5, 100, 2.5, warmups=2),
                    Lift("Bent Over Barbell Row", 3, 8, 60, 1.25),
                    Lift("Wide Grip Lat Pulldown", 3, 10, 55, 1.0),
                    Lift("Barbell Shrug", 3, 12, 70, 2.5),
                    Lift("Dumbbell Bicep Curl", 3, 10, 12, 0.25),
                ),
            ),
            Session(
                2,
                20,
                "Legs",
                (Lift("Barbell Back Squat", 4, 6, 100, 2.5, warmups=1),),
            ),
            Session(
                4,
                18,
                "Pull B",
                (
                    Lift("Neutral Grip Pull Up", 3, 8, 0),
                    Lift("Dumbbell Bent Over Row", 3, 10, 24, 0.5),
                    Lift("Face Pull", 2, 15, 20, 0.5),
                    Lift("Back Extensions", 3, 12, 0),
                    Lift("Hammer Curl", 3, 10, 12, 0.25),
                ),
            ),
        ),
        deadlift_jump_weeks=(20, 21, 22),
        deadlift_stall_from=23,
    ),
    # Logs in lb and misses two weeks in the middle (a holiday); traps get little work.
    "fay": Story(
        sessions=(
            Session(
                1,
                7,
                "Back A",
                (
                    Lift(DEADLIFT, 3, 5, 61.2, 2.27, warmups=1),
                    Lift("Lat Pulldown (Cable)", 3, 10, 34, 1.13),
                    Lift("Seated Row (Cable)", 3, 12, 32, 1.13, weeks=(0, 16)),
                    Lift("Seated Cable Row - V Grip (Cable)", 3, 12, 36, 1.13, weeks=(16, WEEKS)),
                    Lift("Hammer Curl (Dumbbell)", 3, 12, 9, 0.23),
                ),
            ),
            Session(
                5,
                10,
                "Back B",
                (
                    Lift("Romanian Deadlift (Barbell)", 3, 10, 43, 1.13),
                    Lift("Pull Up (Band)", 3, 8, 0),
                    Lift("Bent Over Row (Dumbbell)", 3, 10, 13.6, 0.45),
                    Lift("Rear Delt Reverse Fly (Dumbbell)", 3, 15, 4.5, 0.11),
                ),
            ),
        ),
        missed_weeks=(12, 13),
        plate_lb=True,
    ),
    **BODY_STORIES,
}

#: The demo roster, written before the exports are imported (the import reads each
#: client's time zone from it). Eli's Fitbod export is in UTC and his zone is not the
#: config's default, so a wrong zone would move his evening sessions to the next day.
ROSTER_ROWS = (
    ("ava", "Ava Jansen", "kg", 62.0, "Europe/Amsterdam"),
    ("ben", "Ben Okafor", "kg", 88.0, "America/New_York"),
    ("cleo", "Cleo Martin", "kg", 70.0, "Europe/Paris"),
    ("dev", "Dev Patel", "kg", 80.0, "Europe/London"),
    ("eli", "Eli Brooks", "kg", 84.0, "America/Chicago"),
    ("fay", "Fay Laurent", "lb", 58.0, "Europe/Brussels"),
    ("gus", "Gus Moreau", "kg", 86.0, "Europe/Paris"),
    ("hana", "Hana Sato", "kg", 61.0, "Europe/Berlin"),
)

#: The coach's own bands for a client (``volume_bands.csv``): Ava's program puts the back
#: first and holds her chest and calves at a maintenance dose, under RP's minimum effective
#: 10 and 8 sets; more chest work would also put her pushing ahead of her rows.
BAND_ROWS = (
    ("ava", "chest", 6.0, None, "maintenance: the back comes first in her program"),
    ("ava", "calves", 6.0, None, "maintenance: the back comes first in her program"),
)
