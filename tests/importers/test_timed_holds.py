"""Timed holds in every app's format: a hold that trains a group is a set of 0 reps, a run not."""

from __future__ import annotations

import checkout
import pytest
from support import balanced, write

from backday_analysis import paths
from backday_analysis.datafolder.catalogue import load_catalogue
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.names import hold_rule, name_index
from backday_analysis.importers.rows import ImportContext

# Each export: a back-extension hold (45 s), a plank (60 s), a run (distance and time), one
# set with reps; in the app's own header and way of writing times.
EXPORTS = {
    "strong": (
        "Date,Workout Name,Duration,Exercise Name,Set Order,Weight,Reps,Distance,Seconds,Notes,"
        "Workout Notes,RPE\n"
        "2026-11-16 18:00:00,Back,40m,Back Extension Hold,1,0,0,0,45,,,\n"
        "2026-11-16 18:00:00,Back,40m,Plank,1,0,0,0,60,,,\n"
        "2026-11-16 18:00:00,Back,40m,Running,1,0,0,3,900,,,\n"
        "2026-11-16 18:00:00,Back,40m,Pull Up,1,0,8,0,0,,,\n"
    ),
    "fitnotes": (
        "Date,Exercise,Category,Weight,Weight Unit,Reps,Distance,Distance Unit,Time,Comment\n"
        "2026-11-16,Back Extension Hold,Back,,,,,,0:00:45,strict\n"
        "2026-11-16,Plank,Abs,,,,,,0:01:00,\n"
        "2026-11-16,Running,Cardio,,,,3.0,km,0:15:00,\n"
        "2026-11-16,Pull Up,Back,0.0,kgs,8,,,,\n"
    ),
    "fitbod": (
        "Date,Exercise,Reps,Weight(kg),Duration(s),Distance(m),Incline,Resistance,isWarmup,"
        "Note,multiplier\n"
        "2026-11-16 18:00:00 +0000,Back Extension Hold,0,0.0,45.0,0.0,0,0,false,,1\n"
        "2026-11-16 18:01:00 +0000,Plank,0,0.0,60.0,0.0,0,0,false,,1\n"
        "2026-11-16 18:02:00 +0000,Running,0,0.0,900.0,3000.0,0,0,false,,1\n"
        "2026-11-16 18:03:00 +0000,Pull Up,8,0.0,0.0,0.0,0,0,false,,1\n"
    ),
}


@pytest.fixture(scope="module")
def counts_hold():
    catalogue = load_catalogue(paths.catalogue_path(checkout.DATA_DIR))
    return hold_rule(catalogue, name_index(catalogue))


@pytest.mark.parametrize("app", sorted(EXPORTS))
def test_holds_are_sets_and_a_run_is_not(tmp_path, app, counts_hold):
    export = write(tmp_path, f"{app}.csv", EXPORTS[app])
    ctx = ImportContext("x", "kg", "Europe/Amsterdam", counts_hold=counts_hold)
    parsed = read_export(export, ctx)
    assert balanced(parsed)
    sets = parsed.sets.set_index("exercise")
    assert sorted(sets.index) == ["Back Extension Hold", "Plank", "Pull Up"]
    assert sets.at["Back Extension Hold", "reps"] == "0"
    assert sets.at["Back Extension Hold", "notes"].startswith("held 45 s")
    assert sets.at["Plank", "notes"].startswith("held 60 s")
    assert len(parsed.non_sets) == 1
    # Without the catalogue (counts_hold unset) no timed row is a set.
    plain = read_export(export, ImportContext("x", "kg", "Europe/Amsterdam"))
    assert plain.sets["exercise"].tolist() == ["Pull Up"]
    assert len(plain.non_sets) == 3
