"""Each muscle group's weekly-set band and where it comes from; where a week falls in it.

The band of a group (minimum effective, maximum recoverable weekly fractional sets) comes from
``config.toml``'s ``[landmarks]``, unless the coach gives a client their own in
``volume_bands.csv``. :data:`SHIPPED_SOURCES` names the source of each shipped value, so a
page can say whether a band is a published figure or a labelled default.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from backday_analysis import GROUPS
from backday_analysis.datafolder.settings import Settings

_RP = "Renaissance Periodization (Israetel, training tips for each muscle, 2017-2020)"
_INDIRECT = (
    "default: RP's figures for this group are not used here; compound lifts train it "
    "(minimum 0), Baz-Valle et al. 2022 (12-20 weekly sets per muscle)"
)
#: Source of each group's shipped band, as ``config.toml`` says beside it.
SHIPPED_SOURCES = {
    "lats": f"default: RP publishes no figure for the lats alone; {_RP}, back (MEV 10, MRV "
    "about 25) stands in",
    "traps": f"minimum published: {_RP}, traps need no direct work (0); maximum default: the "
    "top of RP's most productive range (12-20)",
    "rhomboids": f"default: RP publishes no figure for the rhomboids; {_RP}, back (MEV 10, MRV "
    "about 25) stands in",
    "lower_back": "default: no published figure for the lower back (RP gives none); "
    "Schoenfeld, Ogborn & Krieger 2017, Baz-Valle et al. 2022",
    "biceps": f"published: {_RP}, biceps (MEV 8, MRV about 26)",
    "chest": f"published: {_RP}, chest (MEV 10, MRV about 22)",
    "front_delts": f"published: {_RP}, front delts (MEV 0, MRV about 12)",
    "side_delts": f"published: {_RP}, side delts (MEV 8, MRV about 26)",
    "rear_delts": f"published: {_RP}, rear delts (MEV 8, MRV about 26)",
    "triceps": f"published: {_RP}, triceps (MEV 6, MRV about 18)",
    "forearms": _INDIRECT,
    "abs": f"minimum published: {_RP}, abs (MEV 0); maximum default: Baz-Valle et al. 2022 "
    "(12-20 weekly sets per muscle)",
    "quads": f"published: {_RP}, quads (MEV 8, MRV about 20)",
    "hamstrings": f"published: {_RP}, hamstrings (MEV 6, MRV about 20)",
    "glutes": f"published: {_RP}, glutes (MEV 0, MRV about 16)",
    "calves": f"published: {_RP}, calves (MEV 8, MRV about 20)",
}
BAND_COLUMNS = ("client", "group", "minimum_effective", "maximum_recoverable", "set_by", "source")


def band_table(
    settings: Settings, clients: list[str], bands: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return every client's band for every group, and who set it.

    Parameters
    ----------
    settings : Settings
        The data folder's settings (``[landmarks]``).
    clients : list of str
        The clients to give bands to.
    bands : pandas.DataFrame, optional
        The per-client bands (:func:`backday_analysis.datafolder.volume_bands.load_volume_bands`).

    Returns
    -------
    pandas.DataFrame
        Columns :data:`BAND_COLUMNS`, one row per client and group in :data:`GROUPS` order.
        ``set_by`` is ``volume_bands.csv`` when the coach set either end for the client, else
        ``config.toml``; ``source`` names the published figure or says it is a default, or
        that the coach chose the value (with their note).
    """
    shipped = Settings()
    rows = []
    for group in GROUPS:
        low, high = settings.band(group)
        changed = (low, high) != shipped.band(group)
        source = "the coach's value in config.toml" if changed else SHIPPED_SOURCES[group]
        rows.append((group, low, high, source))
    base = pd.DataFrame(
        rows, columns=["group", "minimum_effective", "maximum_recoverable", "source"]
    )
    table = pd.DataFrame({"client": np.repeat(list(clients), len(GROUPS))}).assign(
        **{c: np.tile(base[c].to_numpy(dtype=object), len(clients)) for c in base.columns}
    )
    table["set_by"] = "config.toml"
    if bands is not None and len(bands):
        own = bands.rename(columns={"client_id": "client"}).set_index(["client", "group"])
        keys = pd.MultiIndex.from_frame(table[["client", "group"]])
        found = keys.isin(own.index)
        if found.any():
            mine = own.reindex(keys[found])
            for end in ("minimum_effective", "maximum_recoverable"):
                given = mine[end].to_numpy(dtype=float)
                kept = table.loc[found, end].to_numpy(dtype=float)
                table.loc[found, end] = np.where(np.isnan(given), kept, given)
            table.loc[found, "set_by"] = "volume_bands.csv"
            notes = mine["note"].fillna("").to_numpy(dtype=object)
            table.loc[found, "source"] = [
                f"the coach's band for this client{': ' + n if n else ''}" for n in notes
            ]
    out = table.loc[:, list(BAND_COLUMNS)]
    return out.astype(
        {"minimum_effective": float, "maximum_recoverable": float, "client": "str", "group": "str"}
    )


def with_bands(
    weekly: pd.DataFrame, settings: Settings, bands: pd.DataFrame | None = None
) -> pd.DataFrame:
    """Return the weekly table with each row's band and where its sets fall in it.

    Adds ``minimum_effective``, ``maximum_recoverable`` and ``band``: ``under`` (fractional
    sets below the minimum), ``over`` (above the maximum) or ``within``.
    """
    clients = sorted(weekly["client"].unique())
    limits = band_table(settings, clients, bands).loc[
        :, ["client", "group", "minimum_effective", "maximum_recoverable"]
    ]
    out = weekly.merge(limits, on=["client", "group"], how="left", sort=False)
    sets = out["fractional_sets"].to_numpy()
    out["band"] = np.select(
        [sets < out["minimum_effective"].to_numpy(), sets > out["maximum_recoverable"].to_numpy()],
        ["under", "over"],
        "within",
    )
    out["band"] = out["band"].astype("str")
    return out
