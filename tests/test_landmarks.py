"""Volume landmarks: each group's band from config.toml, a client's own from volume_bands.csv."""

from __future__ import annotations

import pandas as pd
import pytest
from checkout import DATA_DIR as DEFAULT_DATA_DIR

from backday_analysis import GROUPS
from backday_analysis.datafolder.settings import Settings, load_settings
from backday_analysis.datafolder.volume_bands import load_volume_bands
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.landmarks import SHIPPED_SOURCES, band_table, with_bands

HEADER = "client_id,group,minimum_effective,maximum_recoverable,note\n"


def bands_file(tmp_path, text: str):
    path = tmp_path / "volume_bands.csv"
    path.write_text(HEADER + text, encoding="utf-8")
    return path


def test_every_group_has_a_band_and_a_named_source():
    shipped = load_settings(DEFAULT_DATA_DIR / "config.toml")
    assert set(SHIPPED_SOURCES) == set(GROUPS)
    for group in GROUPS:
        low, high = shipped.band(group)
        assert 0 <= low <= high
        assert SHIPPED_SOURCES[group].startswith(("published", "minimum published", "default"))
    # The published figures the domain notes quote (Renaissance Periodization).
    assert shipped.band("biceps") == (8.0, 26.0)
    assert shipped.band("lats") == (10.0, 25.0)
    assert shipped.band("traps")[0] == 0.0
    # And RP's training-tips pages for the rest of the body.
    assert shipped.band("chest") == (10.0, 22.0)
    assert shipped.band("triceps") == (6.0, 18.0)
    assert shipped.band("glutes") == (0.0, 16.0)
    assert shipped.band("side_delts") == shipped.band("rear_delts") == (8.0, 26.0)
    # None is published for the lower back or the rhomboids: their sources say so.
    for group in ("lower_back", "rhomboids", "forearms"):
        assert SHIPPED_SOURCES[group].startswith("default")


def test_the_config_sets_a_band_and_refuses_a_minimum_over_the_maximum(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[landmarks]\nchest_minimum_effective = 8\nchest_maximum_recoverable = 22.5\n")
    assert load_settings(path).band("chest") == (8.0, 22.5)
    path.write_text("[landmarks]\nglutes_minimum_effective = 30\n")
    with pytest.raises(BackdayError, match=r"glutes_minimum_effective = 30 is above"):
        load_settings(path)


def test_a_clients_own_band_wins_and_a_blank_end_keeps_the_config(tmp_path):
    path = bands_file(tmp_path, "ana,chest,12,,bench specialisation\nana,calves,,14,\n")
    bands = load_volume_bands(path, ["ana", "bo"])
    table = band_table(Settings(), ["ana", "bo"], bands).set_index(["client", "group"])
    assert len(table) == 2 * len(GROUPS)
    assert table.loc[("ana", "chest"), ["minimum_effective", "maximum_recoverable"]].tolist() == [
        12.0,
        22.0,
    ]
    assert table.loc[("ana", "chest"), "set_by"] == "volume_bands.csv"
    assert table.loc[("ana", "chest"), "source"].endswith("bench specialisation")
    assert table.loc[("ana", "calves"), "maximum_recoverable"] == 14.0
    assert table.loc[("bo", "chest"), "set_by"] == "config.toml"
    assert table.loc[("bo", "biceps"), "source"] == SHIPPED_SOURCES["biceps"]
    # A value the coach changed in config.toml is theirs, not the published one.
    mine = band_table(Settings(biceps_minimum_effective=6.0), ["bo"]).set_index("group")
    assert mine.at["biceps", "source"] == "the coach's value in config.toml"


def test_where_each_week_falls_in_its_band(tmp_path):
    weekly = pd.DataFrame(
        {
            "client": ["ana", "ana", "ana", "bo"],
            "week": ["2026-W47"] * 4,
            "group": ["chest", "biceps", "lats", "chest"],
            "fractional_sets": [4.5, 27.0, 10.0, 4.5],
        }
    )
    bands = load_volume_bands(bands_file(tmp_path, "bo,chest,4,,\n"), ["ana", "bo"])
    out = with_bands(weekly, Settings(), bands)
    # ana's chest 4.5 < 10; biceps 27 > 26; lats 10 sits on the minimum (within); bo's own 4.
    assert out["band"].tolist() == ["under", "over", "within", "within"]
    assert out["minimum_effective"].tolist() == [10.0, 8.0, 10.0, 4.0]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("cleo,chest,5,20,\n", "line 2: the client 'cleo' is not in the roster"),
        ("ana,pecs,5,20,\n", "line 2: 'pecs' is not a muscle group"),
        ("ana,chest,ten,20,\n", "line 2: the minimum_effective 'ten' is not a number"),
        ("ana,chest,-1,20,\n", "line 2: the minimum_effective '-1' is not a number"),
        ("ana,chest,25,20,\n", "line 2: the minimum 25 is above the maximum 20"),
        ("ana,chest,5,20,\nana,chest,6,20,\n", "line 3: ana's chest band is already given"),
    ],
)
def test_bad_bands_name_the_file_and_line(tmp_path, text, message):
    path = bands_file(tmp_path, text)
    with pytest.raises(BackdayError, match=message) as error:
        load_volume_bands(path, ["ana"])
    assert str(path) in str(error.value)


def test_no_file_means_no_clients_own_bands(tmp_path):
    assert load_volume_bands(tmp_path / "volume_bands.csv", ["ana"]).empty


def test_a_week_on_the_maximum_is_within_and_a_band_without_a_note_says_whose(tmp_path):
    weekly = pd.DataFrame(
        {"client": ["ana"] * 2, "week": ["2026-W47"] * 2, "group": ["biceps", "chest"],
         "fractional_sets": [26.0, 20.0]}
    )  # fmt: skip
    bands = load_volume_bands(bands_file(tmp_path, "ana,chest,6,20,\n"), ["ana"])
    # Biceps 26 is the shipped maximum, chest 20 ana's own: both within.
    assert with_bands(weekly, Settings(), bands)["band"].tolist() == ["within", "within"]
    table = band_table(Settings(), ["ana"], bands).set_index("group")
    assert table.at["chest", "source"] == "the coach's band for this client"
