"""The report profile runs real reports in a warm kernel and splits their CPU time by step."""

from __future__ import annotations

import pytest

from dev.report_profile import STEPS, profile_reports

pytestmark = pytest.mark.kernel


def test_every_step_of_a_warm_report_takes_some_cpu(demo_data):
    medians = profile_reports(demo_data, runs=1)
    assert tuple(medians) == STEPS
    # The notebook in the kernel and the PDF are real work; none is free or takes a minute.
    assert all(0 < value < 60 for value in medians.values()), medians
    assert medians["kernel"] > medians["html"]
