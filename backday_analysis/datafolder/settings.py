"""Read the coach's settings file (``data/config.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.errors import BackdayError, unknown_name


@dataclass(frozen=True)
class Settings:
    """Guideline, volume bands and flag limits; the defaults match the shipped config."""

    guideline_days: int = 2
    min_credited_sets_per_day: int = 1
    minimum_effective_sets: float = 10.0
    maximum_recoverable_sets: float = 25.0
    no_direct_sets_weeks: int = 3
    deadlift_max_weekly_increase: float = 0.10
    imbalance_share_of_even: float = 0.5
    imbalance_weeks: int = 3
    drop_share: float = 0.20
    drop_weeks: int = 4
    pull_push_ratio: float = 1.0
    pull_push_weeks: int = 2
    band_weeks: int = 3
    not_trained_weeks: int = 4
    default_timezone: str = "Europe/Amsterdam"
    stale_after_days: int = 7
    # Weekly fractional-set band of each group, [landmarks] in config.toml; the sources of
    # these defaults are in :mod:`backday_analysis.metrics.landmarks`.
    lats_minimum_effective: float = 10.0
    lats_maximum_recoverable: float = 25.0
    traps_minimum_effective: float = 0.0
    traps_maximum_recoverable: float = 20.0
    rhomboids_minimum_effective: float = 10.0
    rhomboids_maximum_recoverable: float = 25.0
    lower_back_minimum_effective: float = 5.0
    lower_back_maximum_recoverable: float = 20.0
    biceps_minimum_effective: float = 8.0
    biceps_maximum_recoverable: float = 26.0
    chest_minimum_effective: float = 10.0
    chest_maximum_recoverable: float = 22.0
    front_delts_minimum_effective: float = 0.0
    front_delts_maximum_recoverable: float = 12.0
    side_delts_minimum_effective: float = 8.0
    side_delts_maximum_recoverable: float = 26.0
    rear_delts_minimum_effective: float = 8.0
    rear_delts_maximum_recoverable: float = 26.0
    triceps_minimum_effective: float = 6.0
    triceps_maximum_recoverable: float = 18.0
    forearms_minimum_effective: float = 0.0
    forearms_maximum_recoverable: float = 20.0
    abs_minimum_effective: float = 0.0
    abs_maximum_recoverable: float = 20.0
    quads_minimum_effective: float = 8.0
    quads_maximum_recoverable: float = 20.0
    hamstrings_minimum_effective: float = 6.0
    hamstrings_maximum_recoverable: float = 20.0
    glutes_minimum_effective: float = 0.0
    glutes_maximum_recoverable: float = 16.0
    calves_minimum_effective: float = 8.0
    calves_maximum_recoverable: float = 20.0

    def band(self, group: str) -> tuple[float, float]:
        """Return a group's weekly-set band: (minimum effective, maximum recoverable)."""
        return (
            getattr(self, f"{group}_minimum_effective"),
            getattr(self, f"{group}_maximum_recoverable"),
        )

    def table(self) -> pd.DataFrame:
        """Return the settings as a two-column table a report can show: what, and the value.

        The groups' bands are left out: :func:`backday_analysis.metrics.landmarks.band_table`
        shows them with their sources.
        """
        values = {k: v for k, v in asdict(self).items() if k in _LABELS}
        return pd.DataFrame(
            {
                "Setting": [_LABELS[name] for name in values],
                "Value": [f"{v:g}" if isinstance(v, float) else str(v) for v in values.values()],
            }
        )


_LABELS = {
    "guideline_days": "Training days per week that meet the guideline",
    "min_credited_sets_per_day": "Working sets crediting a group that make a training day",
    "minimum_effective_sets": "Minimum effective whole-back sets per week",
    "maximum_recoverable_sets": "Maximum recoverable whole-back sets per week",
    "no_direct_sets_weeks": "Weeks without direct sets before a group is flagged",
    "deadlift_max_weekly_increase": "Largest weekly rise of the deadlift top set",
    "imbalance_share_of_even": "Share of an even split below which a group is flagged",
    "imbalance_weeks": "Weeks in a row of imbalance before it is flagged",
    "drop_share": "Drop in whole-back sets, against the weeks before, that is flagged",
    "drop_weeks": "Weeks before whose average a drop is measured against",
    "pull_push_ratio": "Pull sets per push set, in each plane, below which the back is behind",
    "pull_push_weeks": "Weeks in a row of pull under push before it is flagged",
    "band_weeks": "Weeks in a row under a group's minimum or over its maximum before it is flagged",
    "not_trained_weeks": "Weeks without a training day before a group outside the back is flagged",
    "default_timezone": "Time zone for apps that export UTC",
    "stale_after_days": "Days after which a Hevy sync is marked as old",
}


# (section, key in the file) -> field of Settings
_FIELDS = {
    ("guideline", "days_per_week"): "guideline_days",
    ("guideline", "min_credited_sets_per_day"): "min_credited_sets_per_day",
    ("volume", "minimum_effective"): "minimum_effective_sets",
    ("volume", "maximum_recoverable"): "maximum_recoverable_sets",
    ("flags", "no_direct_sets_weeks"): "no_direct_sets_weeks",
    ("flags", "deadlift_max_weekly_increase"): "deadlift_max_weekly_increase",
    ("flags", "imbalance_share_of_even"): "imbalance_share_of_even",
    ("flags", "imbalance_weeks"): "imbalance_weeks",
    ("flags", "drop_share"): "drop_share",
    ("flags", "drop_weeks"): "drop_weeks",
    ("flags", "pull_push_ratio"): "pull_push_ratio",
    ("flags", "pull_push_weeks"): "pull_push_weeks",
    ("flags", "band_weeks"): "band_weeks",
    ("flags", "not_trained_weeks"): "not_trained_weeks",
    ("import", "default_timezone"): "default_timezone",
    # [landmarks] <group>_minimum_effective and <group>_maximum_recoverable, every group.
    **{
        ("landmarks", f"{group}_{end}"): f"{group}_{end}"
        for group in GROUPS
        for end in ("minimum_effective", "maximum_recoverable")
    },
    ("sync", "stale_after_days"): "stale_after_days",
}


def undeclared_keys(
    document: dict, declared, trail: tuple[str, ...] = ()
) -> Iterator[tuple[str, ...]]:
    """Yield the dotted paths of ``document`` that no declared path (such as ``_FIELDS``) names.

    A table is looked into when some declared path runs through it; any other key, a whole
    table included, is undeclared.
    """
    for key, value in document.items():
        path = (*trail, key)
        if path in declared:
            continue
        if isinstance(value, dict) and any(d[: len(path)] == path for d in declared):
            yield from undeclared_keys(value, declared, path)
        else:
            yield path


def load_settings(path: Path) -> Settings:
    """Read the settings; a missing file gives the defaults, a bad value or key a clear error.

    Raises
    ------
    BackdayError
        For a file that is not TOML, a value of the wrong kind, or a key that ``_FIELDS``
        does not declare (a typo such as ``days_per_weak`` would otherwise leave the default
        in force without a word).
    """
    if not path.is_file():
        return Settings()
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8-sig"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BackdayError(
            f"{path}: the settings file is not valid TOML ({exc}); fix that line "
            "or restore the shipped config.toml."
        ) from None
    for key in undeclared_keys(document, _FIELDS):
        # The hint names what could be meant at the same place: a section's keys, or the
        # sections.
        siblings = dict.fromkeys(
            ".".join(d[: len(key)]) for d in _FIELDS if d[: len(key) - 1] == key[:-1]
        )
        raise unknown_name(path, None, "setting", ".".join(key), list(siblings))
    defaults = Settings()
    values = {}
    for (section, key), field in _FIELDS.items():
        if key not in document.get(section, {}):
            continue
        value = document[section][key]
        expected = type(getattr(defaults, field))
        if expected is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if (
            not isinstance(value, expected)
            or isinstance(value, bool)
            or (expected is not str and value < 0)
        ):
            raise BackdayError(
                f"{path}: [{section}] {key} = {value!r} is not a valid "
                f"{'number' if expected is not str else 'text'}; write a "
                "non-negative number as in the shipped config.toml."
            )
        values[field] = value
    settings = Settings(**values)
    low, high = settings.minimum_effective_sets, settings.maximum_recoverable_sets
    if low > high:
        raise BackdayError(
            f"{path}: [volume] minimum_effective = {low:g} is above maximum_recoverable = "
            f"{high:g}; make the minimum the smaller number."
        )
    for group in GROUPS:
        low, high = settings.band(group)
        if low > high:
            raise BackdayError(
                f"{path}: [landmarks] {group}_minimum_effective = {low:g} is above "
                f"{group}_maximum_recoverable = {high:g}; make the minimum the smaller number."
            )
    return settings
