"""Read the coach's settings file (``data/config.toml``)."""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from pathlib import Path

import pandas as pd

from backday_analysis.errors import BackdayError, unknown_name


@dataclass(frozen=True)
class Settings:
    """Guideline, volume bands and flag limits; the defaults match the shipped config."""

    guideline_days: int = 2
    min_credited_sets_per_day: int = 1
    minimum_effective_sets: float = 10
    maximum_recoverable_sets: float = 25
    no_direct_sets_weeks: int = 3
    deadlift_max_weekly_increase: float = 0.10
    imbalance_share_of_even: float = 0.5
    imbalance_weeks: int = 3
    default_timezone: str = "Europe/Amsterdam"

    def table(self) -> pd.DataFrame:
        """Return the settings as a two-column table a report can show: what, and the value."""
        values = asdict(self)
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
    "default_timezone": "Time zone for apps that export UTC",
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
    ("import", "default_timezone"): "default_timezone",
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
    return Settings(**values)
