"""Merging exports into a log: duplicates are counted per key, also across files in one command.

The export below is written by hand in Hevy's format. The earlier export holds seven sets of one
workout (Mon 4 Jan 2027); the later export of the same workout adds a second round of the lat
pulldown whose set is identical to the first round's (same set index, 45 kg × 12): a real
repeated set with the same duplicate key.

Importing earlier, earlier, later in one command, worked out by hand:

- earlier: 7 sets, all new -> 7 imported, 0 skipped; the log holds the pulldown key once.
- earlier again: all 7 are in the log -> 0 imported, 7 skipped; the log still holds it once.
- later: 8 sets; the first 7 are in the log (7 skipped); the pulldown key is there twice in
  the file but once in the log, so its second copy is new -> 1 imported.

Counting the skipped duplicates of the second file into the log's counts would leave the key
there twice and skip the real repeat (0 imported, 8 skipped).
"""

from __future__ import annotations

import datetime as dt

import pandas as pd

from backday_analysis import paths
from backday_analysis.canonical import LOG_COLUMNS
from backday_analysis.datafolder.ingest import import_exports
from backday_analysis.datafolder.merge import set_keys

HEADER = (
    '"title","start_time","end_time","description","exercise_title","superset_id",'
    '"exercise_notes","set_index","set_type","weight_kg","reps","distance_km",'
    '"duration_seconds","rpe"\n'
)
WORKOUT = '"Back","4 Jan 2027, 18:00","4 Jan 2027, 19:00","",'
EARLIER = [
    '"Deadlift (Barbell)",,"",0,"warmup",60,5,,,',
    '"Deadlift (Barbell)",,"",1,"normal",100,5,,,',
    '"Deadlift (Barbell)",,"",2,"normal",100,5,,,',
    '"Pull Up",,"",0,"normal",,8,,,',
    '"Pull Up",,"",1,"normal",,8,,,',
    '"Seated Cable Row - Bar Wide Grip",,"",0,"normal",50,10,,,',
    '"Lat Pulldown (Cable)",,"",0,"normal",45,12,,,',
]
SECOND_ROUND = '"Lat Pulldown (Cable)",,"second round",0,"normal",45,12,,,'
TODAY = dt.date(2027, 6, 1)


def export(tmp_path, name, rows):
    path = tmp_path / name
    path.write_text(HEADER + "".join(WORKOUT + row + "\n" for row in rows), encoding="utf-8")
    return str(path)


def test_earlier_earlier_later_in_one_command_keeps_the_real_repeated_set(tmp_path, fixture_data):
    earlier = export(tmp_path, "earlier.csv", EARLIER)
    later = export(tmp_path, "later.csv", [*EARLIER, SECOND_ROUND])
    summaries = import_exports([earlier, earlier, later], "zoe", "kg", fixture_data, False, TODAY)
    counts = [(s.rows_read, s.sets_imported, s.duplicates_skipped) for s in summaries]
    assert counts == [(7, 7, 0), (7, 0, 7), (8, 1, 7)]
    assert all(s.balanced for s in summaries)
    log = pd.read_csv(paths.log_path(fixture_data, "zoe"), dtype=str, keep_default_na=False)
    assert len(log) == 8
    pulldowns = log.loc[log["exercise"] == "Lat Pulldown (Cable)", ["weight", "reps"]]
    assert pulldowns.values.tolist() == [["45", "12"], ["45", "12"]]


def test_the_same_three_files_one_command_at_a_time_give_the_same_log(tmp_path, fixture_data):
    earlier = export(tmp_path, "earlier.csv", EARLIER)
    later = export(tmp_path, "later.csv", [*EARLIER, SECOND_ROUND])
    counts = []
    for path in (earlier, earlier, later):
        [summary] = import_exports([path], "zoe", "kg", fixture_data, False, TODAY)
        counts.append((summary.sets_imported, summary.duplicates_skipped))
    assert counts == [(7, 0), (0, 7), (1, 7)]


def test_duplicate_key_is_time_name_set_kind_centigrams_and_reps():
    sets = pd.DataFrame(
        {
            "performed_at": pd.to_datetime(["2027-01-04 18:00:05"] * 3),
            "exercise": ["Lat  Pulldown (Cable)", "lat pulldown (cable)", "Lat Pulldown (Cable)"],
            "set_number": [1, 1, 2],
            "set_kind": ["working"] * 3,
            "weight_kg": [45.004, 45.0, 45.006],
            "reps": [12, 12, 12],
        }
    )
    keys = set_keys(sets).tolist()
    # Names compare without case and extra spaces; weights to the nearest 10 g.
    assert keys[0] == keys[1] == "2027-01-04 18:00:05|lat pulldown (cable)|1|working|4500|12"
    assert keys[2] == "2027-01-04 18:00:05|lat pulldown (cable)|2|working|4501|12"


def test_a_coachs_existing_rows_stay_as_they_are_and_the_header_is_the_logs(tmp_path, fixture_data):
    # Text that reads as "missing" (NA, null, N/A) in a note stays text after an import.
    log = paths.log_path(fixture_data, "zoe")
    log.parent.mkdir(exist_ok=True)
    log.write_text(
        ",".join(LOG_COLUMNS) + "\n"
        "zoe,2027-01-02 10:00,s0,Pull Up,1,working,,kg,5,,,NA,\n"
        "zoe,2027-01-02 10:00,s0,Pull Up,2,working,,kg,5,,,null,\n",
        encoding="utf-8",
    )
    [summary] = import_exports(
        [export(tmp_path, "e.csv", EARLIER)], "zoe", "kg", fixture_data, False, TODAY
    )
    assert summary.sets_imported == 7
    rows = pd.read_csv(log, dtype=str, keep_default_na=False)
    # The log's columns, then the id of the import that added each row (empty for the coach's).
    assert rows.columns.tolist() == [*LOG_COLUMNS, "import_id"]
    assert rows["import_id"].tolist()[:2] == ["", ""]
    assert rows["notes"].tolist()[:2] == ["NA", "null"] and len(rows) == 9
