"""Every flag and advice sentence agrees with the numbers its own report page shows.

For demo weeks that together raise every kind of flag, each sentence of the weekly report's
"What needs attention" and "Next week" tables is read back and checked against the summary
table (days, fractional and direct sets) and the exercise list on the same page.
"""

from __future__ import annotations

import re

import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.metrics.flags import FLAGS
from backday_analysis.views import client_week as cw
from backday_analysis.views import next_week

GROUP = r"(?P<g>Lats|Trapezius|Rhomboids|Lower back)"
BACK = ("Lats", "Trapezius", "Rhomboids", "Lower back")
# Demo weeks chosen so that, together, they raise every flag.
CASES = [(c, "2026-W47") for c in ("ava", "ben", "cleo", "dev", "eli", "fay")] + [
    ("eli", "2026-W43"),
    ("ben", "2026-W39"),
    ("cleo", "2026-W29"),
    ("fay", "2026-W45"),
]


@pytest.fixture(scope="module")
def data(demo_data):
    return load_dataset(demo_data)


def page(data, client, week):
    report = cw.client_week(client, week, dataset=data)
    summary = cw.summary_table(report).set_index("Muscle group")
    exercises = cw.exercises_table(report)
    flags = cw.flags_table(report)["Needs attention"].tolist()
    advice = next_week.client_advice(report)["Next week"].tolist()
    return report, summary, exercises, flags, advice


def share(summary, group) -> float:
    back = summary.loc[list(BACK), "Fractional sets"]
    return round(float(summary.at[group, "Fractional sets"] / back.sum() * 100), 1)


def check_flag(sentence, summary, exercises, catalogue) -> str:
    """Check one flag sentence against the page's tables; return the flag it is."""
    if m := re.match(
        GROUP + r" (?:were|was) (?:trained on (?P<d>\d+) days?|not trained)", sentence
    ):
        assert summary.at[m["g"], "Training days"] == int(m["d"] or 0), sentence
        return "under_guideline"
    if m := re.match(GROUP + r" got (?P<p>[\d.]+) % of the back's sets", sentence):
        assert share(summary, m["g"]) == float(m["p"]), sentence
        return "group_imbalance"
    if m := re.match(GROUP + r" (?:have|has) had no direct sets", sentence):
        assert summary.at[m["g"], "Direct sets"] == 0, sentence
        return "no_direct_sets"
    if "no direct biceps work" in sentence:
        assert summary.at["Biceps", "Direct sets"] == 0, sentence
        m = re.search(r"the biceps' (?P<f>[\d.]+) fractional sets", sentence)
        assert summary.at["Biceps", "Fractional sets"] == float(m["f"] if m else 0), sentence
        return "no_biceps_work"
    if m := re.match(r"The whole back got (?P<v>[\d.]+) working sets", sentence):
        credits = catalogue.set_index("name")[["lats", "traps", "rhomboids", "lower_back"]]
        back = exercises["Exercise"].map(credits.max(axis=1)).fillna(0) > 0
        assert exercises.loc[back, "Sets"].sum() == float(m["v"]), sentence
        return "back_volume_low" if "under" in sentence else "back_volume_high"
    if m := re.match(r"The deadlift came after (?P<x>.+?) on \w+ (?P<d>\d+) (?P<m>\w+)", sentence):
        day = exercises["Day"].map(lambda t: (int(t.split()[1]), t.split()[2]))
        rows = exercises.loc[day == (int(m["d"]), m["m"]), "Exercise"].str.lower().tolist()
        assert rows.index(m["x"]) < rows.index("deadlift (barbell)"), sentence
        return "deadlift_not_first"
    if m := re.search(r"went from [\d.]+ kg last week to (?P<b>[\d.]+) kg this week", sentence):
        loads = exercises.loc[exercises["Exercise"] == "Deadlift (barbell)", "Load (kg)"]
        top = max(float(x) for cell in loads for x in cell.split(" / "))
        assert top == float(m["b"]), sentence
        return "deadlift_jump"
    raise AssertionError(f"no check reads this flag: {sentence}")


def check_advice(sentence, summary, exercises, catalogue):
    """Check the numbers an advice sentence opens with against the page's tables."""
    if m := re.match(r"Whole back: (?P<v>[\d.]+) working sets this week", sentence):
        credits = catalogue.set_index("name")[["lats", "traps", "rhomboids", "lower_back"]]
        back = exercises["Exercise"].map(credits.max(axis=1)).fillna(0) > 0
        assert exercises.loc[back, "Sets"].sum() == float(m["v"]), sentence
    if m := re.match(GROUP + r": (?:(?P<d>\d+) training days?|not trained) this week", sentence):
        assert summary.at[m["g"], "Training days"] == int(m["d"] or 0), sentence
        if f := re.search(r"its (?P<f>[\d.]+) fractional sets", sentence):
            assert summary.at[m["g"], "Fractional sets"] == float(f["f"]), sentence
            assert summary.at[m["g"], "Direct sets"] == 0, sentence
        if p := re.search(r"(?P<p>[\d.]+) % of the back's sets", sentence):
            assert share(summary, m["g"]) == float(p["p"]), sentence
    if m := re.match(r"Biceps: no direct biceps work this week", sentence):
        assert summary.at["Biceps", "Direct sets"] == 0, sentence
        f = re.search(r"its (?P<f>[\d.]+) fractional sets", sentence)
        assert summary.at["Biceps", "Fractional sets"] == float(f["f"] if f else 0), sentence


def test_every_flag_and_advice_sentence_matches_its_page(data):
    seen = set()
    for client, week in CASES:
        _, summary, exercises, flags, advice = page(data, client, week)
        for sentence in flags:
            seen.add(check_flag(sentence, summary, exercises, data.catalogue))
        for sentence in advice:
            check_advice(sentence, summary, exercises, data.catalogue)
    assert seen == set(FLAGS)


def test_a_flag_that_disagrees_with_its_table_is_caught(data):
    _, summary, exercises, _, _ = page(data, "ben", "2026-W47")
    with pytest.raises(AssertionError):
        check_flag("Lats were trained on 2 days this week.", summary, exercises, data.catalogue)
    with pytest.raises(AssertionError):  # the old wording counted pulls as no biceps work
        check_flag(
            "The back was trained this week with no direct biceps work, such as curls; pair.",
            summary,
            exercises,
            data.catalogue,
        )
