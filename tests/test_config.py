import checkout
import pytest

from backday_analysis.datafolder.settings import Settings, load_settings
from backday_analysis.errors import BackdayError


def test_shipped_config_matches_the_defaults():
    assert load_settings(checkout.DATA_DIR / "config.toml") == Settings()


def test_missing_file_gives_defaults_and_values_override(tmp_path):
    assert load_settings(tmp_path / "absent.toml") == Settings()
    path = tmp_path / "config.toml"
    path.write_text("[guideline]\ndays_per_week = 3\n[volume]\nminimum_effective = 12\n")
    settings = load_settings(path)
    assert (settings.guideline_days, settings.minimum_effective_sets) == (3, 12.0)
    table = settings.table()
    assert table.loc[0].tolist() == ["Training days per week that meet the guideline", "3"]


@pytest.mark.parametrize(
    "text",
    [
        "[guideline]\ndays_per_week = -1\n",
        "[guideline]\ndays_per_week = 'two'\n",
        "[guideline\ndays_per_week = 2\n",
    ],
)
def test_bad_settings_are_one_sentence(tmp_path, text):
    path = tmp_path / "config.toml"
    path.write_text(text)
    with pytest.raises(BackdayError, match=str(path)):
        load_settings(path)


def test_a_whole_back_band_upside_down_is_one_sentence_and_equal_ends_are_allowed(tmp_path):
    path = tmp_path / "config.toml"
    path.write_text("[volume]\nminimum_effective = 30\nmaximum_recoverable = 20\n")
    with pytest.raises(BackdayError) as refused:
        load_settings(path)
    assert str(refused.value) == (
        f"{path}: [volume] minimum_effective = 30 is above maximum_recoverable = 20; make the "
        "minimum the smaller number."
    )
    path.write_text("[volume]\nminimum_effective = 20\nmaximum_recoverable = 20\n")
    settings = load_settings(path)
    assert (settings.minimum_effective_sets, settings.maximum_recoverable_sets) == (20.0, 20.0)
