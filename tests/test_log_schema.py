"""The sets table's schema: pandera without hypothesis's strategies, and hypothesis intact."""

from __future__ import annotations

import pandas as pd
import pytest
from fresh_python import run_python

from backday_analysis.datafolder.log_schema import sets_schema


@pytest.mark.slow  # a fresh interpreter imports pandera and hypothesis
def test_loading_the_schema_leaves_hypothesis_out_and_importable():
    code = (
        "import sys\n"
        "from backday_analysis.datafolder.log_schema import sets_schema\n"
        "sets_schema()\n"
        "assert 'hypothesis' not in sys.modules, 'pandera loaded hypothesis'\n"
        "import hypothesis\n"
        "print(hypothesis.__name__)\n"
    )
    done = run_python(code)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "hypothesis"


def test_the_schema_still_checks_ranges():
    import pandera.errors

    row = {
        "client": "ana",
        "performed_at": pd.Timestamp("2026-11-16 18:00"),
        "session_id": "s1",
        "exercise": "Deadlift",
        "set_number": 1,
        "set_kind": "working",
        "weight_kg": 100.0,
        "reps": -1,
        "rpe": float("nan"),
        "rir": float("nan"),
        "notes": "",
        "source": "",
        "line": 2,
    }
    bad = pd.DataFrame([row]).astype({"set_number": "Int64"})
    with pytest.raises(pandera.errors.SchemaError):
        sets_schema().validate(bad)
    assert len(sets_schema().validate(bad.assign(reps=5))) == 1
