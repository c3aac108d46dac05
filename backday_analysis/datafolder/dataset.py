"""Load a coach's data folder: settings, catalogue, aliases, roster and every client's sets."""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from backday_analysis import paths
from backday_analysis.datafolder.advice_rules import RULES, advice_rules_path, load_advice_rules
from backday_analysis.datafolder.catalogue import (
    folder_name_index,
    load_aliases,
    load_catalogue,
    name_rules_path,
)
from backday_analysis.datafolder.client_rules import empty_client_rules, load_client_rules
from backday_analysis.datafolder.log_schema import empty_rejects, empty_sets
from backday_analysis.datafolder.logs import read_log
from backday_analysis.datafolder.roster import client_row, load_roster
from backday_analysis.datafolder.settings import Settings, load_settings
from backday_analysis.datafolder.severity_rules import FILE_NAME as SEVERITY_FILE
from backday_analysis.datafolder.severity_rules import load_severity_rules
from backday_analysis.datafolder.volume_bands import (
    empty_bands,
    load_volume_bands,
    volume_bands_path,
)
from backday_analysis.importers.cells import per_distinct
from backday_analysis.importers.name_table import NameTable, shipped_table
from backday_analysis.importers.names import NameIndex, name_index, resolve_names


@dataclass
class Dataset:
    """Everything the reports need, read once from a data folder."""

    folder: Path
    settings: Settings
    catalogue: pd.DataFrame
    aliases: pd.DataFrame
    roster: pd.DataFrame
    sets: pd.DataFrame
    rejects: pd.DataFrame
    rows_read: dict[str, int] = field(default_factory=dict)
    #: The coach's "next week" rule table (:mod:`.advice_rules`).
    advice_rules: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: How urgent each flag is (:mod:`.severity_rules`); empty means the shipped table.
    severity_rules: pd.DataFrame = field(default_factory=pd.DataFrame)
    #: The coach's per-client mutes (:mod:`.client_rules`).
    client_rules: pd.DataFrame = field(default_factory=empty_client_rules)
    #: The name rules that read logged names (shipped, with the coach's own first).
    name_rules: NameTable = field(default_factory=shipped_table)
    #: The coach's per-client weekly-set bands (:mod:`.volume_bands`); empty: config.toml's.
    volume_bands: pd.DataFrame = field(default_factory=empty_bands)
    #: The index the sets' names were read with; :meth:`names` makes one when not given.
    name_lookup: NameIndex | None = field(default=None, repr=False)

    def names(self) -> NameIndex:
        """Return the index that reads logged names: the one the sets were resolved with."""
        if self.name_lookup is None:
            self.name_lookup = name_index(self.catalogue, self.aliases, self.name_rules)
        return self.name_lookup

    def client_name(self, client_id: str) -> str:
        """Return a client's display name from the roster."""
        return str(client_row(self.roster, client_id, paths.roster_path(self.folder))["name"])

    def client_unit(self, client_id: str) -> str:
        """Return the unit (``kg`` or ``lb``) the client's loads are shown in."""
        return str(client_row(self.roster, client_id, paths.roster_path(self.folder))["unit"])

    def units(self) -> dict[str, str]:
        """Return every client's unit, by client id."""
        return dict(zip(self.roster["client_id"], self.roster["unit"], strict=True))


def load_reference(folder: str | Path | None = None) -> tuple[Settings, pd.DataFrame]:
    """Read only the settings and the catalogue of a data folder."""
    root = paths.data_dir(folder)
    return load_settings(paths.config_path(root)), load_catalogue(paths.catalogue_path(root))


def load_people(folder: str | Path | None = None, clients: list[str] | None = None) -> Dataset:
    """Read only the settings and the roster, checking that ``clients`` are in it; no sets."""
    root = paths.data_dir(folder)
    settings = load_settings(paths.config_path(root))
    roster = load_roster(paths.roster_path(root))
    for client_id in clients or []:
        client_row(roster, client_id, paths.roster_path(root))
    empty = pd.DataFrame()
    return Dataset(root, settings, empty, empty, roster, empty_sets(), empty_rejects())


def _reference_files(root: Path) -> tuple:
    """Return settings, catalogue, aliases, roster, name index, advice and severity rules.

    They are read once per process for as long as none of their files changes (a batch
    worker reads them once, not once per report); each caller gets its own frames.
    """
    files = (
        paths.config_path(root),
        paths.catalogue_path(root),
        paths.aliases_path(root),
        paths.roster_path(root),
        name_rules_path(root),
        root / "advice.csv",
        root / SEVERITY_FILE,
    )
    stamps = tuple((f.stat().st_mtime_ns, f.stat().st_size) if f.exists() else None for f in files)
    settings, *tables = _read_reference(root, stamps)
    # The index is shared by the cache: each caller gets its own copy, with its rules.
    return settings, *(table.copy() for table in tables)


@functools.lru_cache(maxsize=4)
def _read_reference(root: Path, stamps: tuple) -> tuple:
    # A missing or bad file raises here, and errors are not cached.
    settings = load_settings(paths.config_path(root))
    catalogue = load_catalogue(paths.catalogue_path(root))
    aliases = load_aliases(paths.aliases_path(root), catalogue)
    roster = load_roster(paths.roster_path(root))
    index = folder_name_index(root, catalogue, aliases)
    rules_path = advice_rules_path(root)
    rules = load_advice_rules(rules_path, catalogue, strict=rules_path.parent == root)
    return settings, catalogue, aliases, roster, index, rules, load_severity_rules(root)


def load_dataset(
    folder: str | Path | None = None, clients: list[str] | None = None, today: dt.date | None = None
) -> Dataset:
    """Read a data folder and return its sets resolved against the catalogue.

    Parameters
    ----------
    folder : str or Path, optional
        The data folder; default from :func:`backday_analysis.paths.data_dir`.
    clients : list of str, optional
        Only these clients (each must be in the roster); default the whole roster.
    today : datetime.date, optional
        Reference day for rejecting future dates.
    """
    root = paths.data_dir(folder)
    settings, catalogue, aliases, roster, index, rules, severity = _reference_files(root)
    wanted = list(roster["client_id"]) if not clients else clients
    frames, rejected, rows_read = [], [], {}
    for client_id in wanted:
        row = client_row(roster, client_id, paths.roster_path(root))
        sets, rejects, count = read_log(
            paths.log_path(root, client_id), client_id, row["unit"], today
        )
        frames.append(sets)
        rejected.append(rejects)
        rows_read[client_id] = count
    sets = pd.concat([empty_sets(), *frames], ignore_index=True)
    rejects = pd.concat([empty_rejects(), *rejected], ignore_index=True)
    resolved = with_loads(sets, catalogue, index, roster)
    mutes = load_client_rules(root, roster["client_id"], {*RULES, *severity["flag"]})
    bands = load_volume_bands(volume_bands_path(root), list(roster["client_id"]))
    return Dataset(
        root,
        settings,
        catalogue,
        aliases,
        roster,
        resolved,
        rejects,
        rows_read,
        rules,
        severity,
        mutes,
        index.table,
        bands,
        index,
    )


def with_loads(
    sets: pd.DataFrame, catalogue: pd.DataFrame, index: dict[str, str], roster: pd.DataFrame
) -> pd.DataFrame:
    """Return the sets with ``exercise_id`` and the effective ``load_kg`` of each set.

    Bodyweight exercises load the client's bodyweight plus the logged weight; assisted ones
    the bodyweight minus the logged assistance (never below zero). Without a bodyweight in
    the roster, a bodyweight set counts only its added weight and an assisted set zero.
    """
    out = sets.copy()
    out["exercise_id"] = resolve_names(out["exercise"], index)
    # Each exercise's load type as a number (1 bodyweight, 2 assisted, 0 the rest), worked
    # out once per distinct exercise: comparing a long log's strings row by row costs more.
    numbers = {"bodyweight": 1, "assisted": 2}
    load_types = {
        exercise: numbers.get(kind, 0)
        for exercise, kind in zip(catalogue["exercise_id"], catalogue["load_type"], strict=True)
    }
    load_type = per_distinct(
        out["exercise_id"], lambda ids: ids.map(load_types).fillna(0).astype("int64")
    ).to_numpy()
    weights = dict(zip(roster["client_id"], roster["bodyweight_kg"].astype(float), strict=True))
    bodyweight = per_distinct(out["client"], lambda clients: clients.map(weights))
    bodyweight = bodyweight.astype(float).fillna(0.0)
    added = out["weight_kg"].to_numpy()
    out["load_kg"] = np.select(
        [load_type == 1, load_type == 2],
        [bodyweight + added, np.where(bodyweight > 0, np.maximum(bodyweight - added, 0.0), 0.0)],
        default=added,
    )
    return out
