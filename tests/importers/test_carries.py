"""Loaded carries in every app's format: a weight and a distance but no reps is still a set.

Each export holds a farmer's walk with 40 kg over 40 (the app's distance unit), a suitcase
carry held for 60 s, and a run with a distance; only the run is cardio.
"""

from __future__ import annotations

import checkout
import pytest
from support import balanced, write

from backday_analysis import paths
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.names import carry_rule, hold_rule, name_index
from backday_analysis.importers.rows import ImportContext

EXPORTS = {
    "strong": (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        "2026-11-16 18:00:00,Grip,40m,Farmer's Walk (Dumbbell),1,40,0,40,0,,,\n"
        "2026-11-16 18:00:00,Grip,40m,Suitcase Carry (Kettlebell),1,24,0,0,60,,,\n"
        "2026-11-16 18:00:00,Grip,40m,Running,1,0,0,3,900,,,\n"
    ),
    "fitnotes": (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
        "2026-11-16,Farmers Walks,Back,40.0,kgs,,40,m,,\n"
        "2026-11-16,Suitcase Carries,Abs,24.0,kgs,,,,0:01:00,\n"
        "2026-11-16,Running,Cardio,,,,3.0,km,0:15:00,\n"
    ),
    "fitbod": (
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,"
        "Note,multiplier\n"
        "2026-11-16 18:00:00 +0000,Dumbbell Farmer's Carry,0,40.0,0.0,40.0,0,0,false,,1\n"
        "2026-11-16 18:01:00 +0000,Kettlebell Suitcase Carry,0,24.0,60.0,0.0,0,0,false,,1\n"
        "2026-11-16 18:02:00 +0000,Running,0,0.0,900.0,3000.0,0,0,false,,1\n"
    ),
}


@pytest.fixture(scope="module")
def ctx() -> ImportContext:
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    index = name_index(catalogue)
    return ImportContext(
        "x",
        "kg",
        "Europe/Amsterdam",
        counts_hold=hold_rule(catalogue, index),
        counts_carry=carry_rule(catalogue, index),
    )


@pytest.mark.parametrize("app", sorted(EXPORTS))
def test_a_carry_with_a_distance_is_a_set_and_a_run_is_not(tmp_path, app, ctx):
    parsed = read_export(write(tmp_path, f"{app}.csv", EXPORTS[app]), ctx)
    assert balanced(parsed)
    assert len(parsed.sets) == 2 and len(parsed.non_sets) == 1
    farmer, suitcase = parsed.sets.iloc[0], parsed.sets.iloc[1]
    assert (farmer["reps"], float(farmer["weight"])) == ("0", 40.0)
    assert farmer["notes"].startswith("carried 40 (distance as logged)")
    assert (suitcase["reps"], suitcase["notes"]) == ("0", "held 60 s")


@pytest.mark.parametrize("app", sorted(EXPORTS))
def test_without_the_catalogue_no_carry_is_a_set(tmp_path, app):
    parsed = read_export(
        write(tmp_path, f"{app}.csv", EXPORTS[app]), ImportContext("x", "kg", "UTC")
    )
    assert parsed.sets.empty and len(parsed.non_sets) == 3
