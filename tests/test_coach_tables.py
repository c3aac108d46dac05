"""A coach's CSV tables: text cells, and one sentence for a file or header that is wrong."""

from __future__ import annotations

import pytest

from backday_analysis.coach_tables import read_table
from backday_analysis.datafolder.client_rules import load_client_rules
from backday_analysis.errors import BackdayError


def test_cells_are_text_and_an_empty_spreadsheet_column_is_left_alone(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("\ufeffa,b,\n1,,\n002,x,\n", encoding="utf-8")
    table = read_table(path, "table", ("a", "b"), ("a", "b"))
    assert table[["a", "b"]].to_dict("list") == {"a": ["1", "002"], "b": ["", "x"]}


def test_a_misspelt_column_is_named_before_the_missing_one(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("phrase,kind,maens\nlat pull,spelling,pulldown\n")
    columns = ("phrase", "kind", "means")
    with pytest.raises(BackdayError) as refused:
        read_table(path, "name rules", columns, columns)
    assert str(refused.value) == (
        f"{path}, line 1: the column 'maens' is not one backday reads; did you mean means? "
        "Correct it, or remove it."
    )
    with pytest.raises(BackdayError) as refused:
        read_table(path, "name rules", columns)  # any other column allowed
    assert str(refused.value) == (
        f"{path}, line 1: the column 'means' is missing; the header needs phrase,kind,means."
    )


def test_an_empty_file_is_a_table_without_rows_only_where_the_reader_says_so(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text("")
    assert list(read_table(path, "table", ("a",), ("a", "b"), empty=True).columns) == ["a", "b"]
    with pytest.raises(BackdayError, match=r"the roster is empty; write its header \(a\)"):
        read_table(path, "roster", ("a",))


def test_a_file_that_is_not_utf8_csv_is_one_sentence(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes("a,b\nCaf\xe9,1\n".encode("latin-1"))
    with pytest.raises(BackdayError) as refused:
        read_table(path, "severity table", ("a",))
    message = str(refused.value)
    assert message.startswith(f"{path}: the severity table cannot be read as UTF-8 CSV (")
    assert message.endswith("); save it again as CSV UTF-8.")


def test_a_mute_table_with_a_misspelt_column_is_refused(tmp_path):
    path = tmp_path / "client_rules.csv"
    path.write_text("client_id,rule,group,reson,until\nava,not_trained,,travel,\n")
    with pytest.raises(BackdayError, match="the column 'reson' is not one backday reads"):
        load_client_rules(tmp_path, ["ava"], {"not_trained"})
