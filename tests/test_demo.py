"""The demo generator: reproducible, committed as generated, small, and read back right."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import checkout
import numpy as np
import pandas as pd

from backday_analysis import paths
from backday_analysis.datafolder.ingest import import_exports
from backday_analysis.demo.generate import EXPORTS, LAST_DAY, SEED, demo_sets, write_demo
from backday_analysis.demo.plans import WEEKS

DATA = checkout.DATA_DIR


def generated(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    for name in ("catalogue.csv", "aliases.csv", "config.toml"):
        shutil.copy(DATA / name, folder / name)
    write_demo(folder)
    return folder


def test_the_committed_demo_is_what_the_generator_writes_and_stays_small(tmp_path):
    folder = generated(tmp_path)
    for name, _ in EXPORTS.values():
        assert (folder / "exports" / name).read_bytes() == (DATA / "exports" / name).read_bytes()
    for name in ("roster.csv", "logs/dev.csv"):
        assert (folder / name).read_bytes() == (DATA / name).read_bytes()
    committed = [*(DATA / "exports").iterdir(), *(DATA / "logs").iterdir()]
    assert sum(p.stat().st_size for p in committed) < 2_000_000
    assert LAST_DAY.weekday() == 6 and WEEKS == 26  # --week latest is the last demo week


def test_elis_fitbod_times_in_utc_land_on_his_local_days(tmp_path):
    # The roster is written first, so the import reads Eli's zone (America/Chicago, not the
    # config's Europe/Amsterdam): every set keeps the local time it was generated at.
    folder = generated(tmp_path)
    import_exports(
        [folder / "exports" / "eli_fitbod.csv"], "eli", data_dir=folder, today=dt.date(2027, 1, 1)
    )
    log = pd.read_csv(paths.log_path(folder, "eli"))
    rng = np.random.default_rng(SEED)
    sets = {c: demo_sets(c, rng) for c in ("ava", "ben", "cleo", "dev", "eli")}["eli"]
    expected = sets["performed_at"].dt.strftime("%Y-%m-%d %H:%M:%S")
    assert sorted(log["performed_at"]) == sorted(expected)
    # His sessions start at 18, 19 or 20 h local: 23 h to 02 h UTC, often the next day.
    export = pd.read_csv(folder / "exports" / "eli_fitbod.csv")
    assert export["Date"].str[11:13].isin(["23", "00", "01", "02"]).all()
    assert log["performed_at"].str[11:13].isin(["18", "19", "20"]).all()
