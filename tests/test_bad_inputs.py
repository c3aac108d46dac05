"""Bad-input corpus: each file is imported correctly or refused in one sentence, never a crash.

Every case runs the real command line in a subprocess::

    python -m backday_analysis import FILE --client x --unit kg --data DATA --json

on a copy of ``tests/fixtures/data`` in which client ``x`` already has a log (five sets of a
Strong workout on 2026-09-07, one Hevy set on 2026-08-31) but no roster row, so a refused
import that wrote anything would show in the log or the roster. The files are in
``tests/fixtures/bad_inputs/`` (invented rows, written for these tests); binary, UTF-16,
Latin-1 and one-megabyte cases are made at test time by the functions below (``gen:``).

An import that goes through must exit 0, print one JSON object whose rows add up
(``rows_read = sets_imported + duplicates_skipped + non_set_rows + len(rejected)``), list each
bad row in ``rejected`` with its line, print nothing on stderr, and keep every line of the log
it had. A refused import must exit 2 with exactly one stderr line ``error: FILE[, line N]:
what is wrong; what to do.``, no traceback, and leave the data folder byte-for-byte as it was.

Sets dated 2026-09-07 in Strong files are in x's log already, so they count as duplicates.

====================================  ==================================================
case                                  outcome
====================================  ==================================================
**any format**
empty                                 refused: the file is empty
blank_lines_only                      refused: the file is empty
bom_only                              refused: the file is empty (a byte-order mark only)
commas_only                           refused, line 1: the first line names no columns
binary_garbage (gen)                  refused, line 1: binary data (zero bytes)
xlsx_workbook (gen)                   refused: a spreadsheet workbook or a ZIP archive
nul_byte_in_row (gen)                 refused, line 4: binary data (zero bytes)
unknown_header                        refused, line 1: header 'name,email,phone' unknown
html_page                             refused, line 1: header '<!DOCTYPE html>' unknown
json_export                           refused, line 1: header unknown
one_megabyte_header_line (gen)        refused, line 1: header unknown (shown cut short)
**Strong**
strong_reference (control)            3 sets, 5 already in the log, 1 not a set
strong_header_only                    0 rows
strong_semicolon_resave               refused, line 1: separated by semicolons, app
                                      writes commas
strong_semicolon_resaved_with_commas  refused, line 1: separated by commas, app writes
                                      semicolons
strong_quoted_resaved_with_tabs       refused, line 1: separated by tabs
strong_truncated_last_line            3 sets, 5 duplicates; line 10 rejected (6 fields)
strong_utf16le_bom (gen)              refused: UTF-16 text, save as 'CSV UTF-8'
strong_latin1_fr (gen)                refused, line 1: not UTF-8 text (byte 0xee)
strong_decimal_comma_unquoted         1 set; line 2 rejected (13 fields)
strong_decimal_comma_quoted           2 sets ("42,5" read as 42.5, RPE "7,5" as 7.5)
strong_impossible_dates               1 set; lines 3-5 rejected (2026-02-30, month 13,
                                      hour 25: not a possible date)
strong_only_impossible_date           0 sets; line 2 rejected (not a possible date)
strong_far_future_and_epoch           1 set; lines 3, 4 in the future, line 5 before 1990
strong_bad_numbers                    1 set; lines 3-16 rejected (negative, huge, text,
                                      fractional reps and weights, RPE 12, Set Order X,
                                      no exercise name)
strong_huge_set_order                 1 set; line 2 rejected (Set Order over 1000)
strong_header_repeated                refused, line 7: two exports pasted together
strong_unknown_column                 refused, line 1: the column 'Tempo'
strong_spreadsheet_dates              refused, line 2: date '07/09/2026 18:00'
strong_spreadsheet_dates_iso_no_...   refused, line 2: date '2026-09-07 18:00'
strong_resaved_bom_crlf_quoted        3 sets, 5 duplicates, 1 not a set
strong_crlf_bad_row                   4 sets; lines 5 and 8 rejected (CRLF, a note over
                                      two lines)
strong_cr_line_endings                the same with CR alone (a Mac spreadsheet's CSV)
strong_semicolon_mixed_units          4 sets (kg, lbs, a blank unit read as --unit kg);
                                      line 5 rejected ('stone')
strong_unclosed_quote                 refused, line 3: lines 3 to 10 run together
strong_header_extra_spaces            3 sets
strong_trailing_blank_rows            3 sets (",,,," rows are blank, not rows)
strong_one_megabyte_note (gen)        3 sets, 5 duplicates, 1 not a set; line 4 (a set
                                      already in the log) has a 1,048,576-character note,
                                      cut to 1,000 characters, not rejected
**Hevy**
hevy_reference (control)              6 sets, 1 not a set
hevy_header_only                      0 rows
hevy_semicolon_resave                 refused, line 1: separated by semicolons
hevy_truncated_last_line              3 sets; line 5 rejected (cut inside a quote)
hevy_utf16be (gen)                    refused: UTF-16 text (no byte-order mark)
hevy_cp1252 (gen)                     refused, line 3: not UTF-8 text (byte 0xfc)
hevy_decimal_comma_unquoted           1 set; line 2 rejected (15 fields); "32,5" quoted
                                      on line 3 is read as 32.5
hevy_impossible_dates                 1 set; lines 3-5 rejected (30 Feb, 31 Apr, 13:30 PM)
hevy_out_of_range_years               1 set; line 3 in the future, line 4 before 1990
hevy_far_future                       1 set; line 3 in the future
hevy_bad_numbers                      1 set, 1 not a set (0 reps); lines 3-10 rejected
hevy_huge_set_index                   1 set; line 2 rejected (set_index over 1000)
hevy_header_repeated                  refused, line 6: two exports pasted together
hevy_extra_column                     2 sets (a column a later app version adds)
hevy_spreadsheet_dates                refused, line 2: date '17/09/2026 18:05'
hevy_numbers_requoted_crlf            6 sets, 1 not a set
**FitNotes**
fitnotes_reference (control)          5 sets, 1 not a set
fitnotes_header_only                  0 rows
fitnotes_tab_resave                   refused, line 1: separated by tabs
fitnotes_truncated_last_line          4 sets; line 6 rejected (4 fields)
fitnotes_latin1 (gen)                 refused, line 8: not UTF-8 text (byte 0xfc)
fitnotes_mixed_units                  4 sets (lbs and kgs rows)
fitnotes_bad_units                    3 sets (a blank unit read as --unit kg); line 4
                                      rejected ('stone')
fitnotes_impossible_dates             1 set; lines 3-5 rejected (02-30, month 13, 00)
fitnotes_out_of_range_years           1 set; line 3 in the future, line 4 before 1990
fitnotes_bad_numbers                  1 set; lines 3-8 rejected
fitnotes_decimal_comma_unquoted       1 set; line 2 rejected (9 fields, not recoverable)
fitnotes_header_repeated              refused, line 5: two exports pasted together
fitnotes_spreadsheet_dates            refused, line 2: date '21.09.2026'
fitnotes_unknown_column               refused, line 1: the column 'Tag'
fitnotes_bom_crlf                     5 sets, 1 not a set
fitnotes_cr_line_endings              5 sets, 1 not a set
**Fitbod**
fitbod_reference (control)            5 sets (UTC to local time, 45.359237 kg kept as the
                                      100 lb entered), 1 not a set
fitbod_header_only                    0 rows
fitbod_tab_resave                     refused, line 1: separated by tabs
fitbod_utf16le_unicode_text (gen)     refused: UTF-16 text (a spreadsheet's 'Unicode text')
fitbod_truncated_last_line            4 sets; line 6 rejected (4 fields)
fitbod_impossible_dates               1 set; lines 3-4 rejected (not a possible date)
fitbod_out_of_range_years             1 set; lines 3-4 rejected (years 9999 and 0001)
fitbod_far_future                     1 set; line 3 in the future
fitbod_bad_numbers                    1 set; lines 3-8 rejected (5000 lb is over 1000 kg)
fitbod_header_repeated                refused, line 5: two exports pasted together
fitbod_spreadsheet_dates              refused, line 2: date '01/10/2026 17:45'
fitbod_numbers_requoted               5 sets, 1 not a set
fitbod_unknown_column                 refused, line 1: the column 'Tempo'
fitbod_one_megabyte_exercise (gen)    5 sets, 1 not a set; line 8 rejected (Exercise cell)
====================================  ==================================================
"""

from __future__ import annotations

import io
import json
import random
import re
import subprocess
import sys
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from backday_analysis.datafolder.lock import LOCK_FILE_NAME

pytestmark = pytest.mark.slow

BAD = Path(__file__).resolve().parent / "fixtures" / "bad_inputs"
CLIENT = "x"

# Client x's log before each import: one Strong workout (the first session of the Strong
# files below) and one Hevy set, as an earlier import wrote them.
EXISTING_LOG = """\
client,performed_at,session_id,exercise,set_number,set_kind,weight,unit,reps,rpe,rir,notes,source
x,2026-08-31 18:00:00,hevy-20260831-180000,Pull Up,1,working,,kg,6,,,,hevy
x,2026-09-07 18:00:00,strong-20260907-180000,Deadlift (Barbell),1,warmup,60,kg,5,,,,strong
x,2026-09-07 18:00:00,strong-20260907-180000,Deadlift (Barbell),1,working,120,kg,5,8,,,strong
x,2026-09-07 18:00:00,strong-20260907-180000,Deadlift (Barbell),2,working,120,kg,5,8.5,,,strong
x,2026-09-07 18:00:00,strong-20260907-180000,Pull Up,1,working,0,kg,8,,,,strong
x,2026-09-07 18:00:00,strong-20260907-180000,Pull Up,2,working,0,kg,7,,,,strong
"""


# ---------------------------------------------------------------- files made at test time


def _text(name: str) -> str:
    return (BAD / name).read_text(encoding="utf-8")


def _binary_garbage() -> bytes:
    rng = random.Random(2026)
    return bytes(rng.randrange(256) for _ in range(4096))


def _xlsx_workbook() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as book:
        book.writestr("[Content_Types].xml", "<Types/>")
        book.writestr("xl/workbook.xml", "<workbook/>")
    return out.getvalue()


def _nul_byte_in_row() -> bytes:
    lines = _text("strong_ok_reference.csv").splitlines(keepends=True)
    lines[3] = lines[3].replace(",,,8.5", ",\x00\x00,,8.5")
    return "".join(lines).encode("utf-8")


def _one_megabyte_header_line() -> bytes:
    return b"A" * (1 << 20) + b"\n1\n"


def _strong_utf16le_bom() -> bytes:
    return b"\xff\xfe" + _text("strong_ok_reference.csv").encode("utf-16-le")


def _strong_latin1_fr() -> bytes:
    text = (
        "Date,Nom de l'entraînement,Durée,Nom de l'exercice,Ordre de la série,Poids,Réps,"
        "Distance,Secondes,Notes,Notes d'entraînement,RPE\n"
        "2026-09-12 08:00:00,Dos,40m,Tirage vertical (Câble),1,45,10,0,0,,,\n"
    )
    return text.encode("latin-1")


def _strong_one_megabyte_note() -> bytes:
    lines = _text("strong_ok_reference.csv").splitlines(keepends=True)
    lines[3] = lines[3].replace(",,,8.5", ',"' + "x" * (1 << 20) + '",,8.5')
    return "".join(lines).encode("utf-8")


def _hevy_utf16be() -> bytes:
    return _text("hevy_ok_reference.csv").encode("utf-16-be")


def _hevy_cp1252() -> bytes:
    lines = _text("hevy_ok_reference.csv").splitlines(keepends=True)
    lines[2] = lines[2].replace('"Pull"', '"Rücken"', 1)
    return "".join(lines).encode("cp1252")


def _fitnotes_latin1() -> bytes:
    text = _text("fitnotes_ok_reference.csv")
    return (text + '2026-09-24,Rudern am Kabelzug (Rücken),Back,50.0,kgs,10,,,,""\n').encode(
        "latin-1"
    )


def _fitbod_utf16le_unicode_text() -> bytes:
    text = _text("fitbod_ok_reference.csv").replace(",", "\t")
    return b"\xff\xfe" + text.encode("utf-16-le")


def _fitbod_one_megabyte_exercise() -> bytes:
    row = f"2026-09-28 06:30:00 +0000,{'Row' * 350_000}, 5,60.0,0.0,0.0,0.0,0.0,false,, 1.0\n"
    return (_text("fitbod_ok_reference.csv") + row).encode("utf-8")


GENERATED: dict[str, Callable[[], bytes]] = {
    "binary_garbage": _binary_garbage,
    "xlsx_workbook": _xlsx_workbook,
    "nul_byte_in_row": _nul_byte_in_row,
    "one_megabyte_header_line": _one_megabyte_header_line,
    "strong_utf16le_bom": _strong_utf16le_bom,
    "strong_latin1_fr": _strong_latin1_fr,
    "strong_one_megabyte_note": _strong_one_megabyte_note,
    "hevy_utf16be": _hevy_utf16be,
    "hevy_cp1252": _hevy_cp1252,
    "fitnotes_latin1": _fitnotes_latin1,
    "fitbod_utf16le_unicode_text": _fitbod_utf16le_unicode_text,
    "fitbod_one_megabyte_exercise": _fitbod_one_megabyte_exercise,
}


# ---------------------------------------------------------------- expected outcomes


@dataclass(frozen=True)
class Imported:
    """Exit 0: the JSON summary's counts, words of each rejected line's reason, log rows."""

    sets: int
    duplicates: int = 0
    non_sets: int = 0
    rejected: dict[int, str] = field(default_factory=dict)
    log_has: tuple[str, ...] = ()  # text of rows the log must now hold
    notes_cut: int = 0


@dataclass(frozen=True)
class Refused:
    """Exit 2: words the one-line message must hold, and the line it must name (if any)."""

    words: str
    line: int | None = None


FIELDS = "fields where the header has"
FUTURE = "is in the future"
IMPOSSIBLE = "is not a possible date"
PASTED = "two exports pasted together"
NOT_UTF8 = "is not UTF-8 text"
UTF16 = "UTF-16 text"
BINARY = "binary data"
HEADER = "is not one that Strong, Hevy, FitNotes or Fitbod write"
RESAVED_DATE = "a spreadsheet re-save rewrites dates"

CASES: list[tuple[str, str, Imported | Refused]] = [
    # any format
    ("empty", "empty.csv", Refused("the file is empty")),
    ("blank_lines_only", "blank_lines_only.csv", Refused("the file is empty")),
    ("bom_only", "bom_only.csv", Refused("the file is empty")),
    ("commas_only", "commas_only.csv", Refused("the first line names no columns", line=1)),
    ("binary_garbage", "gen:binary_garbage", Refused(BINARY, line=1)),
    ("xlsx_workbook", "gen:xlsx_workbook", Refused("a spreadsheet workbook or a ZIP archive")),
    ("nul_byte_in_row", "gen:nul_byte_in_row", Refused(BINARY, line=4)),
    ("unknown_header", "unknown_header.csv", Refused("'name,email,phone' " + HEADER, line=1)),
    ("html_page", "html_page.csv", Refused("'<!DOCTYPE html>' " + HEADER, line=1)),
    ("json_export", "json_export.csv", Refused(HEADER, line=1)),
    (
        "one_megabyte_header_line",
        "gen:one_megabyte_header_line",
        Refused("the header '" + "A" * 27 + "...' " + HEADER, line=1),
    ),
    # Strong
    ("strong_reference", "strong_ok_reference.csv", Imported(3, duplicates=5, non_sets=1)),
    ("strong_header_only", "strong_header_only.csv", Imported(0)),
    (
        "strong_semicolon_resave",
        "strong_semicolon_resave.csv",
        Refused("separated by semicolons, but the app writes commas", line=1),
    ),
    (
        "strong_semicolon_resaved_with_commas",
        "strong_semicolon_resaved_with_commas.csv",
        Refused("separated by commas, but the app writes semicolons", line=1),
    ),
    (
        "strong_quoted_resaved_with_tabs",
        "strong_quoted_resaved_with_tabs.csv",
        Refused("separated by tabs, but the app writes semicolons", line=1),
    ),
    (
        "strong_truncated_last_line",
        "strong_truncated_last_line.csv",
        Imported(3, duplicates=5, rejected={10: "the row has 6 " + FIELDS}),
    ),
    ("strong_utf16le_bom", "gen:strong_utf16le_bom", Refused(UTF16 + ", not the UTF-8 CSV")),
    ("strong_latin1_fr", "gen:strong_latin1_fr", Refused(NOT_UTF8 + " (byte 0xee", line=1)),
    (
        "strong_decimal_comma_unquoted",
        "strong_decimal_comma_unquoted.csv",
        Imported(1, rejected={2: "the row has 13 " + FIELDS}),
    ),
    (
        "strong_decimal_comma_quoted",
        "strong_decimal_comma_quoted.csv",
        Imported(2, log_has=("Seated Cable Row - Bar Wide Grip,1,working,42.5,kg,12,7.5,",)),
    ),
    (
        "strong_impossible_dates",
        "strong_impossible_dates.csv",
        Imported(
            1,
            rejected={
                3: "'2026-02-30 18:00:00' " + IMPOSSIBLE,
                4: "'2026-13-01 18:00:00' " + IMPOSSIBLE,
                5: "'2026-09-14 25:00:00' " + IMPOSSIBLE,
            },
        ),
    ),
    (
        "strong_only_impossible_date",
        "strong_only_impossible_date.csv",
        Imported(0, rejected={2: IMPOSSIBLE}),
    ),
    (
        "strong_far_future_and_epoch",
        "strong_far_future_and_epoch.csv",
        Imported(1, rejected={3: FUTURE, 4: "'9999-12-31 23:59:59' " + FUTURE, 5: "before 1990"}),
    ),
    (
        "strong_bad_numbers",
        "strong_bad_numbers.csv",
        Imported(
            1,
            rejected={
                3: "reps '-5' are not a whole number",
                4: "the weight '-50' is negative",
                5: "reps 'ten' are not a number",
                6: "the weight 'heavy' is not a number",
                7: "reps '100000' are more than 1000",
                8: "the weight 5000 kg is more than 1000 kg",
                9: "reps '8.5' are not a whole number",
                10: "reps '99999999999999999999' are more than 1000",
                11: "the weight '1e3' is not a number",
                12: "the RPE '12' is not a number from 0 to 10",
                13: "Set Order 'X' is not a number, W, F or D",
                14: "the exercise name is empty",
                15: "the weight 'NaN' is not a number",
                16: "reps 'inf' are not a number",
            },
        ),
    ),
    (
        "strong_huge_set_order",
        "strong_huge_set_order.csv",
        Imported(1, rejected={2: "Set Order '99999999999999999999' is more than 1000"}),
    ),
    ("strong_header_repeated", "strong_header_repeated.csv", Refused(PASTED, line=7)),
    ("strong_unknown_column", "strong_unknown_column.csv", Refused("the column 'Tempo'", line=1)),
    (
        "strong_spreadsheet_dates",
        "strong_spreadsheet_dates.csv",
        Refused("the date '07/09/2026 18:00' is not written YYYY-MM-DD HH:MM:SS", line=2),
    ),
    (
        "strong_spreadsheet_dates_iso_no_seconds",
        "strong_spreadsheet_dates_iso_no_seconds.csv",
        Refused("the date '2026-09-07 18:00' is not written YYYY-MM-DD HH:MM:SS", line=2),
    ),
    (
        "strong_resaved_bom_crlf_quoted",
        "strong_resaved_bom_crlf_quoted.csv",
        Imported(3, duplicates=5, non_sets=1),
    ),
    (
        "strong_crlf_bad_row",
        "strong_crlf_bad_row.csv",
        Imported(4, rejected={5: "reps '-12'", 8: "the weight 'abc' is not a number"}),
    ),
    (
        "strong_cr_line_endings",
        "strong_cr_line_endings.csv",
        Imported(4, rejected={5: "reps '-12'", 8: "the weight 'abc' is not a number"}),
    ),
    (
        "strong_semicolon_mixed_units",
        "strong_semicolon_mixed_units.csv",
        Imported(
            4,
            rejected={5: "the weight unit 'stone' is not kg, kgs, lb or lbs"},
            log_has=(
                "Bicep Curl (Barbell),1,working,42.5,kg,10,7.5,",
                "Bicep Curl (Barbell),2,working,95,lb,8,",
                "Bicep Curl (Barbell),3,working,40,kg,8,",
            ),
        ),
    ),
    (
        "strong_unclosed_quote",
        "strong_unclosed_quote.csv",
        Refused("a quote opened in this row is not closed", line=3),
    ),
    ("strong_header_extra_spaces", "strong_header_extra_spaces.csv", Imported(3)),
    ("strong_trailing_blank_rows", "strong_trailing_blank_rows.csv", Imported(3)),
    (
        "strong_one_megabyte_note",
        "gen:strong_one_megabyte_note",
        Imported(3, duplicates=5, non_sets=1, notes_cut=1),
    ),
    # Hevy
    ("hevy_reference", "hevy_ok_reference.csv", Imported(6, non_sets=1)),
    ("hevy_header_only", "hevy_header_only.csv", Imported(0)),
    (
        "hevy_semicolon_resave",
        "hevy_semicolon_resave.csv",
        Refused("a Hevy export whose columns are separated by semicolons", line=1),
    ),
    (
        "hevy_truncated_last_line",
        "hevy_truncated_last_line.csv",
        Imported(3, rejected={5: "the row has 5 " + FIELDS}),
    ),
    ("hevy_utf16be", "gen:hevy_utf16be", Refused(UTF16)),
    ("hevy_cp1252", "gen:hevy_cp1252", Refused(NOT_UTF8 + " (byte 0xfc", line=3)),
    (
        "hevy_decimal_comma_unquoted",
        "hevy_decimal_comma_unquoted.csv",
        Imported(
            1,
            rejected={2: "the row has 15 " + FIELDS},
            log_has=("Shrug (Dumbbell),2,working,32.5,kg,15,",),
        ),
    ),
    (
        "hevy_impossible_dates",
        "hevy_impossible_dates.csv",
        Imported(
            1,
            rejected={
                3: "'30 Feb 2026, 18:05' " + IMPOSSIBLE,
                4: "'31 Apr 2026, 18:05' " + IMPOSSIBLE,
                5: "'12 Sep 2026, 13:30 PM' " + IMPOSSIBLE,
            },
        ),
    ),
    (
        "hevy_out_of_range_years",
        "hevy_out_of_range_years.csv",
        Imported(1, rejected={3: FUTURE, 4: "before 1990"}),
    ),
    ("hevy_far_future", "hevy_far_future.csv", Imported(1, rejected={3: FUTURE})),
    (
        "hevy_bad_numbers",
        "hevy_bad_numbers.csv",
        Imported(
            1,
            non_sets=1,
            rejected={
                3: "the weight '-30' is negative",
                4: "reps '-1' are not a whole number",
                5: "reps 'lots' are not a number",
                6: "the weight 30000 kg is more than 1000 kg",
                7: "reps '1001' are more than 1000",
                8: "the RPE '11' is not a number from 0 to 10",
                9: "the set_index '-1' is not a whole number from 0",
                10: "the set_type 'superset' is not normal, warmup, failure or dropset",
            },
        ),
    ),
    (
        "hevy_huge_set_index",
        "hevy_huge_set_index.csv",
        Imported(1, rejected={2: "the set_index '99999999999999999999' is more than 1000"}),
    ),
    ("hevy_header_repeated", "hevy_header_repeated.csv", Refused(PASTED, line=6)),
    ("hevy_extra_column", "hevy_extra_column.csv", Imported(2)),
    (
        "hevy_spreadsheet_dates",
        "hevy_spreadsheet_dates.csv",
        Refused("the date '17/09/2026 18:05' is not written like '5 Dec 2025, 14:47'", line=2),
    ),
    ("hevy_numbers_requoted_crlf", "hevy_numbers_requoted_crlf.csv", Imported(6, non_sets=1)),
    # FitNotes
    ("fitnotes_reference", "fitnotes_ok_reference.csv", Imported(5, non_sets=1)),
    ("fitnotes_header_only", "fitnotes_header_only.csv", Imported(0)),
    (
        "fitnotes_tab_resave",
        "fitnotes_tab_resave.csv",
        Refused("a FitNotes export whose columns are separated by tabs", line=1),
    ),
    (
        "fitnotes_truncated_last_line",
        "fitnotes_truncated_last_line.csv",
        Imported(4, rejected={6: "the row has 4 " + FIELDS}),
    ),
    ("fitnotes_latin1", "gen:fitnotes_latin1", Refused(NOT_UTF8 + " (byte 0xfc", line=8)),
    (
        "fitnotes_mixed_units",
        "fitnotes_mixed_units.csv",
        Imported(
            4,
            log_has=(
                "Lat Pulldown (Cable),1,working,50,kg,10,",
                "Lat Pulldown (Cable),2,working,110,lb,8,",
                "Shrug (Dumbbell),1,working,60,lb,12,",
                "Shrug (Dumbbell),2,working,25,kg,12,",
            ),
        ),
    ),
    (
        "fitnotes_bad_units",
        "fitnotes_bad_units.csv",
        Imported(
            3,
            rejected={4: "the weight unit 'stone' is not kgs or lbs"},
            log_has=("Lat Pulldown (Cable),3,working,50,kg,8,",),  # no unit: --unit kg
        ),
    ),
    (
        "fitnotes_impossible_dates",
        "fitnotes_impossible_dates.csv",
        Imported(
            1,
            rejected={
                3: "'2026-02-30' " + IMPOSSIBLE,
                4: "'2026-13-05' " + IMPOSSIBLE,
                5: "'2026-00-10' " + IMPOSSIBLE,
            },
        ),
    ),
    (
        "fitnotes_out_of_range_years",
        "fitnotes_out_of_range_years.csv",
        Imported(1, rejected={3: FUTURE, 4: "before 1990"}),
    ),
    (
        "fitnotes_bad_numbers",
        "fitnotes_bad_numbers.csv",
        Imported(
            1,
            rejected={
                3: "the weight '-225.0' is negative",
                4: "reps '-5' are not a whole number",
                5: "the weight '225 lbs' is not a number",
                6: "reps 'five' are not a number",
                7: "the weight 2500 lb is more than 1000 kg",
                8: "reps '5000' are more than 1000",
            },
        ),
    ),
    (
        "fitnotes_decimal_comma_unquoted",
        "fitnotes_decimal_comma_unquoted.csv",
        Imported(1, rejected={2: "the row has 9 " + FIELDS + " 8 and the row could not be"}),
    ),
    ("fitnotes_header_repeated", "fitnotes_header_repeated.csv", Refused(PASTED, line=5)),
    (
        "fitnotes_spreadsheet_dates",
        "fitnotes_spreadsheet_dates.csv",
        Refused("the date '21.09.2026' is not written YYYY-MM-DD", line=2),
    ),
    (
        "fitnotes_unknown_column",
        "fitnotes_unknown_column.csv",
        Refused("the column 'Tag'", line=1),
    ),
    ("fitnotes_bom_crlf", "fitnotes_bom_crlf.csv", Imported(5, non_sets=1)),
    ("fitnotes_cr_line_endings", "fitnotes_cr_line_endings.csv", Imported(5, non_sets=1)),
    # Fitbod
    (
        "fitbod_reference",
        "fitbod_ok_reference.csv",
        Imported(
            5,
            non_sets=1,
            log_has=(  # UTC to Europe/Amsterdam; 45.359237 kg is 100 lb as entered
                "x,2026-09-28 08:30:00,fitbod-20260928-083000,Barbell Deadlift,1,warmup,60,kg,5,",
                "Wide Grip Lat Pulldown,2,working,100,lb,10,",
            ),
        ),
    ),
    ("fitbod_header_only", "fitbod_header_only.csv", Imported(0)),
    (
        "fitbod_tab_resave",
        "fitbod_tab_resave.csv",
        Refused("a Fitbod export whose columns are separated by tabs", line=1),
    ),
    ("fitbod_utf16le_unicode_text", "gen:fitbod_utf16le_unicode_text", Refused(UTF16)),
    (
        "fitbod_truncated_last_line",
        "fitbod_truncated_last_line.csv",
        Imported(4, rejected={6: "the row has 4 " + FIELDS}),
    ),
    (
        "fitbod_impossible_dates",
        "fitbod_impossible_dates.csv",
        Imported(
            1,
            rejected={
                3: "'2026-02-30 17:45:00 +0000' " + IMPOSSIBLE,
                4: "'2026-13-03 17:45:00 +0000' " + IMPOSSIBLE,
            },
        ),
    ),
    (
        "fitbod_out_of_range_years",
        "fitbod_out_of_range_years.csv",
        Imported(
            1,
            rejected={
                3: "'9999-12-31 23:59:59 +0000' " + IMPOSSIBLE,
                4: "'0001-01-01 00:00:00 +0000' " + IMPOSSIBLE,
            },
        ),
    ),
    ("fitbod_far_future", "fitbod_far_future.csv", Imported(1, rejected={3: FUTURE})),
    (
        "fitbod_bad_numbers",
        "fitbod_bad_numbers.csv",
        Imported(
            1,
            rejected={
                3: "reps '-12' are not a whole number",
                4: "the weight '-22.6796185' is negative",
                5: "reps 'twelve' are not a number",
                6: "the weight 5000 lb is more than 1000 kg",
                7: "isWarmup 'yes' is not true or false",
                8: "reps '12.5' are not a whole number",
            },
        ),
    ),
    ("fitbod_header_repeated", "fitbod_header_repeated.csv", Refused(PASTED, line=5)),
    (
        "fitbod_spreadsheet_dates",
        "fitbod_spreadsheet_dates.csv",
        Refused("the date '01/10/2026 17:45' is not written YYYY-MM-DD HH:MM:SS +0000", line=2),
    ),
    ("fitbod_numbers_requoted", "fitbod_numbers_requoted.csv", Imported(5, non_sets=1)),
    ("fitbod_unknown_column", "fitbod_unknown_column.csv", Refused("the column 'Tempo'", line=1)),
    (
        "fitbod_one_megabyte_exercise",
        "gen:fitbod_one_megabyte_exercise",
        Imported(5, non_sets=1, rejected={8: "the 'Exercise' cell holds 1,050,000 characters"}),
    ),
]


# ---------------------------------------------------------------- the test


def _export(source: str, tmp_path: Path) -> Path:
    if source.startswith("gen:"):
        name = source.removeprefix("gen:")
        path = tmp_path / f"{name}.csv"
        path.write_bytes(GENERATED[name]())
        return path
    return BAD / source


def _snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under the data folder, with its bytes; the empty lock file holds no data."""
    files = (p for p in folder.rglob("*") if p.is_file() and p.name != LOCK_FILE_NAME)
    return {str(p.relative_to(folder)): p.read_bytes() for p in files}


def _run(export: Path, data: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "backday_analysis", "import", str(export)]
    command += ["--client", CLIENT, "--unit", "kg", "--data", str(data), "--json"]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.parametrize(("source", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_bad_input(source, expected, fixture_data, tmp_path):
    log = fixture_data / "logs" / f"{CLIENT}.csv"
    log.write_text(EXISTING_LOG, encoding="utf-8")
    roster = fixture_data / "roster.csv"
    before = _snapshot(fixture_data)
    export = _export(source, tmp_path)

    result = _run(export, fixture_data)

    assert "Traceback" not in result.stderr + result.stdout
    if isinstance(expected, Refused):
        assert result.returncode == 2, result.stdout + result.stderr
        assert result.stdout == ""
        lines = result.stderr.splitlines()
        assert len(lines) == 1, result.stderr
        where = f"error: {export}" + (f", line {expected.line}: " if expected.line else ": ")
        assert lines[0].startswith(where), lines[0]
        assert expected.words in lines[0]
        # One sentence: what is wrong; what to do.
        assert re.fullmatch(r"error: .+?: [^;]+; .+\.", lines[0]), lines[0]
        assert len(lines[0]) < 400
        assert _snapshot(fixture_data) == before  # log, roster and all: byte for byte
        assert log.read_bytes() == before[f"logs/{CLIENT}.csv"]
        assert roster.read_bytes() == before["roster.csv"]
        return

    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    [summary] = [json.loads(line) for line in result.stdout.splitlines()]
    rejected = {item["line"]: item["reason"] for item in summary["rejected"]}
    assert summary["rows_read"] == (
        summary["sets_imported"]
        + summary["duplicates_skipped"]
        + summary["non_set_rows"]
        + len(summary["rejected"])
    )
    assert len(rejected) == len(summary["rejected"])  # one verdict per line
    counts = (summary["sets_imported"], summary["duplicates_skipped"], summary["non_set_rows"])
    assert counts == (expected.sets, expected.duplicates, expected.non_sets), summary
    assert summary["notes_cut"] == expected.notes_cut
    assert sorted(rejected) == sorted(expected.rejected), rejected
    for line, words in expected.rejected.items():
        assert words in rejected[line], (line, rejected[line])
    # Nothing the log held is lost, and exactly the imported sets are added.
    old = EXISTING_LOG.splitlines()
    new = log.read_text(encoding="utf-8").splitlines()
    if expected.sets:  # the added rows carry their import's id in a last column
        assert new[0] == old[0] + ",import_id"
        assert all(row.endswith(f",{CLIENT}-1") for row in set(new[1:]) - {r + "," for r in old})
        new = [row.rsplit(",", 1)[0] for row in new]
    assert new[0] == old[0] and set(old) <= set(new)
    assert len(new) == len(old) + expected.sets
    for text in expected.log_has:
        assert any(text in row for row in new), text


def test_the_corpus_is_complete():
    """At least 40 cases, every corpus file used, and every case in the docstring table."""
    assert len(CASES) >= 40
    assert len({name for name, _, _ in CASES}) == len(CASES)
    used = {source for _, source, _ in CASES}
    files = {p.name for p in BAD.iterdir()}
    assert files <= used, files - used
    assert {s.removeprefix("gen:") for s in used if s.startswith("gen:")} == set(GENERATED)
    for name, _, _ in CASES:
        assert name[:30] in __doc__, name
    assert sum(size for size in (p.stat().st_size for p in BAD.iterdir())) < 50_000
