"""Format and dialect detection, and the one-sentence errors for files that cannot be read."""

from __future__ import annotations

import pytest
from support import EXPORTS, read, write

from backday_analysis.errors import BackdayError
from backday_analysis.importers.detect import read_export
from backday_analysis.importers.rows import ImportContext

CTX = ImportContext("x", "kg", "Europe/Amsterdam")
STRONG_12 = (EXPORTS / "strong_comma12.csv").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    ("name", "format_", "dialect"),
    [
        ("strong_comma12.csv", "strong", "comma-12"),
        ("strong_legacy10.csv", "strong", "comma-10-legacy"),
        ("strong_semicolon.csv", "strong", "semicolon-units"),
        ("strong_quoted.csv", "strong", "quoted-workout-no"),
        ("strong_2016.csv", "strong", "2016-kg-km"),
        ("strong_fr.csv", "strong", "comma-12-fr"),
        ("hevy_kg.csv", "hevy", "kg-km"),
        ("hevy_lbs_de.csv", "hevy", "lbs-km"),
        ("fitnotes_lbs.csv", "fitnotes", "weight-lbs"),
        ("fitnotes_units_comment.csv", "fitnotes", "weight-unit+comment"),
        ("fitbod.csv", "fitbod", "utc"),
    ],
)
def test_every_fixture_is_detected_from_its_header(name, format_, dialect):
    parsed = read(name)
    assert (parsed.format, parsed.dialect) == (format_, dialect)


def test_byte_order_mark_is_read_like_plain_utf8(tmp_path):
    plain = read("strong_comma12.csv")
    with_bom = read_export(write(tmp_path, "bom.csv", "\ufeff" + STRONG_12), CTX)
    assert with_bom.dialect == "comma-12"
    assert with_bom.sets.equals(plain.sets)


def error_for(tmp_path, text: str, encoding: str = "utf-8") -> str:
    path = write(tmp_path, "export.csv", text, encoding)
    with pytest.raises(BackdayError) as caught:
        read_export(path, CTX, "export.csv")
    message = str(caught.value)
    assert message.startswith("export.csv") and "\n" not in message
    return message


def test_utf16_file_gets_one_sentence(tmp_path):
    message = error_for(tmp_path, STRONG_12, "utf-16")
    assert "UTF-16" in message and "CSV UTF-8" in message


def test_latin1_file_names_the_first_bad_line(tmp_path):
    text = STRONG_12.replace('"Back B"', '"Rücken"')
    message = error_for(tmp_path, text, "latin-1")
    assert "line 9" in message and "not UTF-8" in message


def test_spreadsheet_dates_refuse_the_file(tmp_path):
    text = (
        STRONG_12.replace("2026-12-28 18:05:00", "12/28/2026 18:05")
        .replace("2027-01-03 10:30:00", "1/3/2027 10:30")
        .replace("2027-01-04 07:00:00", "1/4/2027 7:00")
    )
    message = error_for(tmp_path, text)
    assert "line 2" in message and "'12/28/2026 18:05'" in message
    assert "YYYY-MM-DD HH:MM:SS" in message and "export the file again" in message


def test_dates_without_seconds_are_a_resave_too(tmp_path):
    text = STRONG_12.replace(":00,", ",")
    assert "line 2" in error_for(tmp_path, text)


def test_one_bad_date_among_good_ones_is_a_rejected_row(tmp_path):
    text = STRONG_12.replace("2027-01-04 07:00:00", "04/01/2027 07:00")
    parsed = read_export(write(tmp_path, "x.csv", text), CTX)
    assert parsed.rejected.to_dict("records") == [
        {"line": 13, "reason": "the date '04/01/2027 07:00' is not written YYYY-MM-DD HH:MM:SS"}
    ]
    assert len(parsed.sets) == 10


def test_delimiter_changed_by_a_spreadsheet(tmp_path):
    text = "\n".join(line.replace(",", ";") for line in STRONG_12.splitlines())
    message = error_for(tmp_path, text)
    assert "line 1" in message and "semicolons" in message and "writes commas" in message


def test_semicolon_dialect_resaved_with_commas(tmp_path):
    text = (EXPORTS / "strong_semicolon.csv").read_text(encoding="utf-8-sig")
    message = error_for(tmp_path, text.replace(";", ","))
    assert "commas" in message and "writes semicolons" in message


def test_unknown_header(tmp_path):
    message = error_for(tmp_path, "when,what,how much\n2026-01-01,row,50\n")
    assert "line 1" in message and "'when,what,how much'" in message


def test_empty_file(tmp_path):
    assert "empty" in error_for(tmp_path, "")


def test_missing_file_is_one_sentence(tmp_path):
    with pytest.raises(BackdayError, match="no such file"):
        read_export(tmp_path / "nope.csv", CTX)


def test_unknown_language_header_is_read_by_position_when_rows_fit(tmp_path):
    header = "Datum,Training,Dauer,Übung,Satz,Gewicht,Wdh,Strecke,Sekunden,Notiz,Trainingsnotiz,RPE"
    body = STRONG_12.split("\n", 1)[1]
    parsed = read_export(write(tmp_path, "de.csv", header + "\n" + body), CTX)
    assert parsed.dialect == "comma-12-by-position"
    assert parsed.sets.equals(read("strong_comma12.csv").sets)


def test_position_is_not_enough_when_rows_do_not_fit(tmp_path):
    header = "a,b,c,d,e,f,g,h,i,j,k,l"
    body = "2026-01-01,x,x,x,x,x,x,x,x,x,x,x\n"
    assert "is not one that" in error_for(tmp_path, header + "\n" + body)
