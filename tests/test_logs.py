import datetime as dt

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from backday_analysis.canonical import LB_TO_KG
from backday_analysis.datafolder.logs import parse_log, read_log
from backday_analysis.errors import BackdayError

HEADER = (
    "client,performed_at,session_id,exercise,set_number,set_kind,"
    "weight,unit,reps,rpe,rir,notes,source\n"
)
TODAY = dt.date(2027, 6, 1)


def parse(body: str, unit: str = "kg"):
    return parse_log(HEADER + body, "ana", unit, "ana.csv", TODAY)


def test_rows_read_equals_sets_plus_rejects_with_line_numbers_and_reasons():
    body = (
        "ana,2026-12-21 09:00,s1,Pull Up,1,working,,kg,8,,,,\n"  # line 2
        'ana,2026-12-21 09:00,s1,Pull Up,2,warmup,10,lb,8,,,"two\nlines",\n'  # lines 3-4
        "ana,2026-13-01 09:00,s1,Pull Up,3,working,10,kg,8,,,,\n"  # line 5: month 13
        "ana,2026-12-21 09:00,s1,Row,1,working,-5,kg,8,,,,\n"  # line 6: negative weight
        "ana,2026-12-21 09:00,s1,Row,2,working,20,kg,eight,,,,\n"  # line 7: reps not a number
        "ana,2026-12-21 09:00,s1,Row,3,working,20,kg,-3,,,,\n"  # line 8: negative reps
        "ana,2030-01-01 09:00,s1,Row,4,working,20,kg,3,,,,\n"  # line 9: future
        "ana,2026-12-21 09:00,s1,Row,5,heavy,20,kg,3,,,,\n"  # line 10: unknown kind
        "bob,2026-12-21 09:00,s1,Row,6,working,20,kg,3,,,,\n"  # line 11: other client
    )
    sets, rejects, rows = parse(body)
    assert rows == 9
    assert len(sets) + len(rejects) == rows
    assert sets["line"].tolist() == [2, 3]
    assert rejects["line"].tolist() == [5, 6, 7, 8, 9, 10, 11]
    reasons = rejects["reason"].tolist()
    assert "is not a date-time" in reasons[0]
    assert reasons[1] == "weight '-5' is negative"
    assert reasons[2] == "reps 'eight' are not a number"
    assert "not a whole number from 0 to 1000" in reasons[3]
    assert "in the future" in reasons[4]
    assert "set_kind 'heavy'" in reasons[5]
    assert "belongs to client 'bob'" in reasons[6]
    assert sets["notes"].tolist()[1] == "two\nlines"


def test_a_log_is_read_in_arrow_also_by_a_caller_that_keeps_numpy_strings(tmp_path):
    # A page keeps its own strings in NumPy (views/storage.py); a ten-year log checked that
    # way costs each string operation a Python call per row. Read as a report reads it: the
    # schema check (not run then) would give the columns its own storage.
    path = tmp_path / "ana.csv"
    path.write_text(HEADER + "ana,2026-12-21 09:00,s1,Pull Up,1,working,,kg,8,,,,\n")
    with pd.option_context("mode.string_storage", "python"):
        sets, rejects, _ = read_log(path, "ana", today=TODAY)
        assert pd.Series(["made here"]).dtype.storage == "python"
    assert sets["exercise"].dtype.storage == "pyarrow"
    assert sets["client"].dtype.storage == "pyarrow"
    assert sets["exercise"].tolist() == ["Pull Up"] and rejects.empty


def test_weights_are_converted_to_kg_and_blank_units_use_the_clients_unit():
    sets, _, _ = parse(
        "ana,2026-12-21 09:00,s1,Row,1,working,100,lb,5,,,,\n"
        "ana,2026-12-21 09:00,s1,Row,2,working,100,,5,,,,\n"
        "ana,2026-12-21 09:00,s1,Row,3,drop,40,kgs,5,,,,\n",
        unit="lb",
    )
    assert sets["weight_kg"].tolist() == [round(100 * LB_TO_KG, 3)] * 2 + [40.0]
    assert sets["set_kind"].tolist() == ["working", "working", "drop"]


def test_rows_without_a_session_are_grouped_by_day():
    sets, _, _ = parse("ana,2026-12-21,,Row,,,20,kg,5,,,,\n")
    assert sets["session_id"].tolist() == ["2026-12-21"]
    assert sets["set_kind"].tolist() == ["working"]


def test_a_log_without_the_needed_columns_is_refused():
    with pytest.raises(BackdayError, match="ana.csv, line 1: the column 'reps' is missing"):
        parse_log("performed_at,exercise,weight\n2026-01-01,Row,20\n", "ana", "kg", "ana.csv")


@pytest.mark.parametrize(
    ("second", "third"),
    [
        # Times with and without an offset: pandas alone stops at "Mixed timezones detected".
        ("2026-12-22 09:00+01:00", "2026-12-23 09:00"),
        ("2026-12-22T09:00:00Z", "2026-12-23T09:00:00Z"),
        ("2026-12-22 09:00:00.5-0500", "2026-12-23 09:00"),
        ("2026-12-22 09:00 +02", "2026-12-23 09:00"),
        ("2026-12-22 ٠٩:٠٠-٠٥", "2026-12-23 09:00"),
        ('"2026-12-22 09:00\n-05:00"', "2026-12-23 09:00"),  # quoted, across a line break
        # pandas reads 09-05 as 09:00 at UTC-5: a typo for 09:05 is refused, not guessed.
        ("2026-12-22 09-05", "2026-12-23 09:00"),
        ("2026-12-22 09-05", "2026-12-23 09-05"),
    ],
)
def test_a_time_with_an_offset_is_refused_at_its_line(second, third):
    rows = f"ana,2026-12-21 09:00,s,Row,,,20,kg,5,,,,\nana,{second},s,Row,,,20,kg,5,,,,\n"
    with pytest.raises(BackdayError) as refused:
        parse(rows + f"ana,{third},s,Row,,,20,kg,5,,,,\n")
    shown = second.strip('"')
    assert str(refused.value).startswith(f"ana.csv, line 3: performed_at '{shown}' carries a ")
    assert "write it as YYYY-MM-DD HH:MM without one" in str(refused.value)


def test_dates_and_local_times_are_not_read_as_offsets():
    sets, rejects, _ = parse(
        "ana,2026-12-21,,Row,,,20,kg,5,,,,\n"
        "ana,2026-12-21 09:05,,Row,,,20,kg,5,,,,\n"
        "ana,2026-12-21 09:05:30,,Row,,,20,kg,5,,,,\n"
    )
    assert (len(sets), len(rejects)) == (3, 0)


def test_missing_log_reads_as_no_sets(tmp_path):
    sets, rejects, rows = read_log(tmp_path / "absent.csv", "ana")
    assert (len(sets), len(rejects), rows) == (0, 0, 0)


def test_a_log_in_another_encoding_gets_one_sentence(tmp_path):
    path = tmp_path / "ana.csv"
    path.write_bytes((HEADER + "ana,2026-12-21,s,Rückenstrecker,1,,,kg,5,,,,\n").encode("latin-1"))
    with pytest.raises(BackdayError, match="not UTF-8 text"):
        read_log(path, "ana")


def test_every_check_of_a_log_row_at_its_limit():
    rows = [
        "ana,1990-01-01 00:00,s,Row,1,working,50,kg,5,,,,",  # 2: the first day allowed
        "ana,1989-12-31 23:59,s,Row,1,working,50,kg,5,,,,",  # 3: before 1990
        "ana,2027-06-02 23:59,s,Row,1,working,50,kg,5,,,,",  # 4: tomorrow (time zones)
        "ana,2027-06-03 00:00,s,Row,1,working,50,kg,5,,,,",  # 5: two days ahead
        "ana,2027-01-04 10:00,s,,1,working,50,kg,5,,,,",  # 6: no exercise name
        ",2027-01-04 10:00,s,Row,2,working,50,kg,5,,,,",  # 7: no client: this log's
        "ana,2027-01-04 10:00,s,Row,3,working,50,kg,,,,,",  # 8: no reps
        "ana,2027-01-04 10:00,s,Row,4,working,50,kg,0,0,0,,",  # 9: 0 reps, RPE 0, RIR 0
        "ana,2027-01-04 10:00,s,Row,5,working,1000,lb,5,10,,,",  # 10: 453.592 kg, RPE 10
        "ana,2027-01-04 10:00,s,Row,2.5,working,50,kg,5,,,,",  # 11: half a set number
        "ana,2027-01-04 10:00,s,Row,,working,50,kg,5,10.5,,,",  # 12: RPE over 10
        "ana,2027-01-04 10:00,s,Row,,working,50,kg,5,-0.5,,,",  # 13: RPE under 0
        "ana,2027-01-04 10:00,s,Row,,working,50,kg,5,hard,,,",  # 14: RPE not a number
        "ana,2027-01-04 10:00,s,Row,,working,50,kg,5,,-1,,",  # 15: RIR under 0
        "ana,2027-01-04 10:00,s,Row,,working,50,kg,5,,lots,,",  # 16: RIR not a number
    ]
    sets, rejects, rows_read = parse("\n".join(rows) + "\n")
    assert rows_read == 15
    assert sets["line"].tolist() == [2, 4, 7, 9, 10]
    assert sets["weight_kg"].tolist()[-1] == 453.592  # 1000 × 0.45359237
    assert rejects["line"].tolist() == [3, 5, 6, 8, 11, 12, 13, 14, 15, 16]
    reasons = dict(zip(rejects["line"], rejects["reason"], strict=True))
    assert "1990" in reasons[3] and "future" in reasons[5]
    assert "empty" in reasons[6] and "missing" in reasons[8]


# A valid row, and for each cell values at and across every limit the row checks and the
# schema share, and text that is no number at all. A row changes one or two cells, so each
# value meets otherwise valid rows: whatever a hand-edited log holds, the sets read without the
# schema check are exactly what the schema accepts, so readers may skip it (read_log does).
_VALID = {
    "client": "ana",
    "performed_at": "2027-01-04 10:00",
    "session_id": "s1",
    "exercise": "Row",
    "set_number": "1",
    "set_kind": "working",
    "weight": "50",
    "unit": "kg",
    "reps": "5",
    "rpe": "",
    "rir": "",
    "notes": "",
    "source": "",
}
_EDGES = {
    "client": ["", "bob"],
    "performed_at": ["1990-01-01 00:00", "1989-12-31 23:59", "2027-06-03", "2027-02-30", "x"],
    "session_id": [""],
    "exercise": [" Pull Up ", ""],
    "set_number": ["", "2.5", "-1", "x", "1e3"],
    "set_kind": ["", "W", "drop", "failure", "heavy"],
    "weight": ["0", "", "1000", "1000.1", "2204", "2205", "-5", "inf", "nan", "1e400"],
    "unit": ["lb", "", "LBS", "stone"],
    "reps": ["0", "1000", "1001", "5.5", "-3", "", "eight", "1e3", "inf"],
    "rpe": ["0", "10", "10.5", "-0.5", "hard", "nan", "inf"],
    "rir": ["0", "-1", "3", "inf", "lots", "nan"],
    "notes": ["felt good", '"a, b"'],
    "source": ["strong"],
}
_CHANGE = st.sampled_from([(c, v) for c, values in _EDGES.items() for v in values])


@pytest.mark.slow  # a property run: 100 examples
@settings(max_examples=100, deadline=None)
@given(rows=st.lists(st.lists(_CHANGE, max_size=2), min_size=1, max_size=12))
def test_sets_read_without_the_schema_check_are_what_the_schema_accepts(rows):
    from backday_analysis.datafolder.log_schema import sets_schema

    body = "".join(",".join({**_VALID, **dict(changes)}.values()) + "\n" for changes in rows)
    sets, rejects, rows_read = parse_log(HEADER + body, "ana", "kg", "ana.csv", TODAY, False)
    assert rows_read == len(rows) == len(sets) + len(rejects)
    checked = sets_schema().validate(sets.copy())
    pd.testing.assert_frame_equal(sets, checked, check_exact=True)
    assert [type(sets[c].array) for c in sets] == [type(checked[c].array) for c in checked]


ROW = "ana,2026-12-21,s1,Row,1,,20,kg,8,,,,\n"
#: CSV texts, and whether Arrow tries them (it may refuse: then pandas reads them, as for
#: every text where the two readers would differ).
CSV_TEXTS = {
    "plain": (HEADER + ROW + "\n" + ROW, True),  # a blank line between rows
    "bom": ("\ufeff" + HEADER + ROW, True),
    "spaces-and-NA": (HEADER + "ana,2026-12-21,s1,  Row ,1,,20,kg,8,,, NA ,nan\n", True),
    "short-row": (HEADER + "ana,2026-12-21,s1,Row,1,,20,kg,8,,\n", True),  # Arrow refuses
    "line-of-spaces": (HEADER + ROW + "   \n" + ROW, True),  # Arrow refuses
    "quoted": (HEADER + 'ana,2026-12-21,s1,Row,1,,20,kg,8,,,"two\nlines, ""fast""",\n', False),
    # Arrow would close the quote at the end of the file and keep the rows after it as text.
    "unclosed-quote": (HEADER + ROW + ROW.replace(",,,,", ',,,,"app') + ROW + ROW, False),
    "two-boms": ("\ufeff\ufeff" + HEADER + ROW, True),  # Arrow drops both: pandas reads it
    "lone-cr": ("client,performed_at,exercise\n\r,2026-12-21,Row\n", False),
    "crlf": (HEADER.replace("\n", "\r\n") + ROW.replace("\n", "\r\n"), False),
    "name-twice": ("performed_at,exercise,weight,reps,reps\n2026-12-21,Row,20,8,9\n", False),
    "blank-name": ("performed_at,,exercise\n2026-12-21,x,Row\n", False),
    "blank-first-line": (" \n" + HEADER + ROW, False),
    "one-column": ("exercise\nRow\n  \nRow\n", False),
}


@pytest.mark.parametrize("text, arrow", CSV_TEXTS.values(), ids=CSV_TEXTS.keys())
def test_text_cells_read_as_pandas_reads_them(text, arrow):
    from io import StringIO

    from backday_analysis.datafolder.csv_cells import plain_header, text_cells

    assert bool(plain_header(text.removeprefix("\ufeff"))) == arrow
    try:
        expected = pd.read_csv(StringIO(text), dtype=str, keep_default_na=False)
    except (pd.errors.ParserError, pd.errors.EmptyDataError) as refused:
        with pytest.raises(type(refused)):
            text_cells(text)
    else:
        pd.testing.assert_frame_equal(text_cells(text), expected)


@pytest.mark.parametrize("name", ["plain", "bom", "spaces-and-NA"])
def test_plain_text_is_read_by_arrow_alone(name, monkeypatch):
    from backday_analysis.datafolder import csv_cells

    expected = csv_cells.text_cells(CSV_TEXTS[name][0])

    def refuse(*args, **kwargs):
        raise AssertionError("pandas' reader was used")

    monkeypatch.setattr(csv_cells.pd, "read_csv", refuse)
    pd.testing.assert_frame_equal(csv_cells.text_cells(CSV_TEXTS[name][0]), expected)


def test_cells_are_read_without_their_surrounding_spaces():
    plain = "ana,2026-12-21 09:00,s1,Row,2,working,20,kg,8,7,2,hi,strong\n"
    padded = (
        " ana , 2026-12-21 09:00 , s1 ,\tRow , 2 , Working , 20 , KG , 8 , 7 , 2 , hi , strong \n"
    )
    expected, _, _ = parse(plain)
    sets, rejects, _ = parse(padded)
    assert rejects.empty
    # Every cell is read as its stripped text; only the notes are kept as written.
    pd.testing.assert_frame_equal(sets.drop(columns="notes"), expected.drop(columns="notes"))
    assert sets["notes"].tolist() == [" hi "]


def test_a_refused_cell_is_quoted_without_its_spaces_and_blank_reps_are_missing():
    _, rejects, _ = parse(
        "ana,2026-12-21, s1 ,Row,, ,20,kg, x ,,,,\n"
        "ana,2026-12-21,s1,Row,,,20,kg,   ,,,,\n"
        " bo ,2026-12-21,s1,Row,,,20,kg,5,,,,\n"
        "ana,2026-12-21,s1,Row, 1.5 ,,20,kg,5, 11 ,,,\n"
    )
    assert rejects["reason"].tolist() == [
        "reps 'x' are not a number",
        "reps are missing",
        "the row belongs to client 'bo', not this log's",
        "set_number '1.5' is not a whole number",
    ]


def test_every_offset_is_found_by_the_arrow_prefilter():
    from backday_analysis.datafolder.log_times import MAYBE_OFFSET, OFFSET

    offsets = ["09:00Z", "09:00:00.5-0500", "09:00 +02", "09:00\n-05:00", "٠٩:٠٠-٠٥", "9:30\t+0130"]
    plain = ["2026-12-22 09:00", "2026-12-22", "22-12-2026 09:00", "2026-12-22 09:00:30.25"]
    cells = pd.Series([f"2026-12-22 {o}" for o in offsets] + plain, dtype="string[pyarrow]")
    python = cells.astype(object).str.contains(OFFSET, regex=True).to_numpy(dtype=bool)
    arrow = cells.str.contains(MAYBE_OFFSET, regex=True).to_numpy(dtype=bool)
    assert python.tolist() == [True] * len(offsets) + [False] * len(plain)
    assert arrow[: len(offsets)].all()  # the Python regex runs only where Arrow's finds one


def test_the_first_offset_is_named_also_when_pandas_cannot_read_it():
    # pandas reads no time in Arabic-Indic digits, but reads the Z: the line named is still
    # the first one whose text carries an offset.
    with pytest.raises(BackdayError, match="line 2: performed_at '2026-12-22 ٠٩:٠٠-٠٥' carries"):
        parse(
            "ana,2026-12-22 ٠٩:٠٠-٠٥,s,Row,,,20,kg,5,,,,\n"
            "ana,2026-12-22 09:00Z,s,Row,,,20,kg,5,,,,\n"
            "ana,2026-12-23 09:00,s,Row,,,20,kg,5,,,,\n"
        )
