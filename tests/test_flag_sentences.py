"""Every flag and plan sentence of every week of every demo client is true.

For each demo client and each week from their first to the demo's last (2026-W47), the
weekly report's "What needs attention", "Next week" and "The back against the rest of the
body" are read back, and every number a sentence or table states is worked out again here,
independently, from the weekly table (days, fractional and direct sets), from the sets
(whole-back sets, working sets, pull and push sets by the catalogue's pattern, a missed
week), from the bands in config.toml and from the exercise list on the same page. Streaks
are counted here by walking back week by week.
"""

from __future__ import annotations

import csv
import math
import re
import tomllib

import checkout
import pandas as pd
import pytest

from backday_analysis import BACK_GROUPS, GROUP_LABELS, GROUPS
from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.metrics.flags import FLAGS
from backday_analysis.metrics.weeks import parse_week, week_label
from backday_analysis.views import body_week, client_flags, next_week
from backday_analysis.views import client_week as cw

LABELS = {label: group for group, label in GROUP_LABELS.items()}
GROUP = r"(?P<g>Lats|Trapezius|Rhomboids|Lower back)"
ANY_GROUP = "(?P<g>" + "|".join(GROUP_LABELS.values()) + ")"
GUIDELINE = 2
#: Pull and push patterns of the catalogue, plane by plane, as the pages describe them.
PLANES = {
    "horizontal": ({"horizontal_pull", "rear_delt"}, {"horizontal_push"}),
    "vertical": ({"vertical_pull"}, {"vertical_push"}),
}
#: config.toml's [landmarks] (the demo has no volume_bands.csv) and [flags] limits.
BANDS = {g: (tomllib.loads((checkout.DATA_DIR / "config.toml").read_text())["landmarks"]
             [f"{g}_minimum_effective"], tomllib.loads((checkout.DATA_DIR / "config.toml")
             .read_text())["landmarks"][f"{g}_maximum_recoverable"]) for g in GROUPS}  # fmt: skip
BAND_WEEKS, NOT_TRAINED_WEEKS, PULL_PUSH_WEEKS = 3, 4, 2
ENDS = ("minimum_effective", "maximum_recoverable")


@pytest.fixture(scope="module")
def data(demo_data):
    return load_dataset(demo_data)


class Week:
    """One client's week as the test sees it: the tables, and counts done here by hand."""

    def __init__(self, data, client, week):
        self.report = cw.client_week(client, week, dataset=data)
        # The coach's own bands for this client, read here from the file itself.
        own = data.folder / "volume_bands.csv"
        rows = csv.DictReader(own.open(encoding="utf-8")) if own.exists() else []
        self.bands = {
            r["group"]: tuple(float(r[e]) if r[e] else None for e in ENDS)
            for r in rows
            if r["client_id"] == client
        }
        self.weekly = self.report.full_history.set_index(["week", "group"])
        self.week, self.monday = week, parse_week(week)
        self.flags = client_flags.week_flags(self.report)
        self.advice = next_week.client_advice(self.report)
        self.exercises = cw.exercises_table(self.report)
        catalogue = data.catalogue.set_index("exercise_id")
        self.back_credit = catalogue[list(BACK_GROUPS)].max(axis=1)
        working = self.report.sets.loc[self.report.sets["set_kind"] != "warmup"]
        self.working_weeks = working["performed_at"].dt.date.map(week_label)
        per_set = working["exercise_id"].map(self.back_credit).astype(float).fillna(0.0)
        self.back_sets = per_set.groupby(self.working_weeks).sum()
        # Working sets of exercises that credit any group, and pull and push sets by pattern.
        trains = catalogue[list(GROUPS)].fillna(0).max(axis=1) > 0
        counted = working["exercise_id"].map(trains).fillna(False).astype(bool)
        self.all_sets = counted.groupby(self.working_weeks).sum()
        pattern = working["exercise_id"].map(catalogue["pattern"])
        self.sides = {
            (plane, side): pattern.isin(patterns).groupby(self.working_weeks).sum()
            for plane, (pulls, pushes) in PLANES.items()
            for side, patterns in (("pull", pulls), ("push", pushes))
        }
        self.page = client_flags.flags_table(self.report)
        self.body = (body_week.share_sentence(self.report), *body_week.share_table(self.report))
        self.grid = body_week.groups_weeks(self.report)

    def weeks_back(self, n: int) -> str:
        return week_label(self.monday - pd.Timedelta(weeks=n))

    def cell(self, group: str, column: str, back: int = 0):
        return self.weekly.at[(self.weeks_back(back), group), column]

    def run(self, test) -> int:
        """Return the weeks in a row, ending this one, for which ``test(weeks_back)`` holds."""
        n = 0
        while self.weeks_back(n) in self.weekly.index.get_level_values(0) and test(n):
            n += 1
        return n

    def back(self, back: int = 0) -> float:
        return float(self.back_sets.get(self.weeks_back(back), 0.0))

    def working(self, back: int = 0) -> int:
        return int(self.all_sets.get(self.weeks_back(back), 0))

    def sides_of(self, plane: str, back: int = 0) -> tuple[int, int]:
        week = self.weeks_back(back)
        return tuple(int(self.sides[(plane, s)].get(week, 0)) for s in ("pull", "push"))

    def behind(self, back: int = 0, limit: float = 1.0) -> list[str]:
        """Return the planes whose pulls were under ``limit`` per push set that week."""
        return [p for p in PLANES if (s := self.sides_of(p, back))[1] and s[0] < limit * s[1]]

    def credit(self, name: str, group: str) -> float:
        """Return what a set of an exercise, as a page names it, credits a group (0 if none)."""
        catalogue = self.report.dataset.catalogue
        shown = catalogue["name"].map(lambda n: n[:1].lower() + n[1:] if n[1:2].islower() else n)
        row = catalogue.loc[shown == name.strip(), group]
        return float(row.fillna(0.0).iloc[0]) if len(row) else 0.0

    def band(self, group: str, end: int) -> float:
        """Return a group's minimum (``end`` 0) or maximum (1): the client's own, else config's."""
        own = self.bands.get(group, (None, None))[end]
        return BANDS[group][end] if own is None else own

    def share(self, group: str, back: int = 0) -> float | None:
        total = sum(self.cell(g, "fractional_sets", back) for g in BACK_GROUPS)
        return self.cell(group, "fractional_sets", back) / total * 100 if total else None


def check_flag(w: Week, flag: pd.Series) -> None:
    """Check one flag's sentence and its weeks against the numbers worked out here."""
    text, kind, weeks = flag["reason"], flag["flag"], int(flag["weeks"])
    if kind == "not_trained" and (m := re.match(ANY_GROUP + r": no training day in any of the "
                                                r"last (?P<n>\d+) weeks\.$", text)):  # fmt: skip
        g = LABELS[m["g"]]
        zero = w.run(lambda b: w.cell(g, "days", b) == 0)
        assert g not in BACK_GROUPS and int(m["n"]) == weeks == zero >= NOT_TRAINED_WEEKS, text
    elif kind in ("group_volume_low", "group_volume_high"):
        m = re.match(
            ANY_GROUP + r": (?P<v>[\d.]+) fractional sets? this week, (?P<side>under the "
            r"minimum effective|over the maximum recoverable) (?P<l>[\d.]+) a week",
            text,
        )
        g, low = LABELS[m["g"]], kind.endswith("low")
        limit = w.band(g, 0 if low else 1)
        assert float(m["l"]) == limit and m["side"].startswith("under" if low else "over"), text
        own = w.bands.get(g, (None, None))[0 if low else 1] is not None
        assert ("(the client's own band)" in text) == own, text
        assert w.cell(g, "fractional_sets") == float(m["v"]), text
        out = (lambda b: w.cell(g, "fractional_sets", b) < limit) if low else (
            lambda b: w.cell(g, "fractional_sets", b) > limit)  # fmt: skip
        assert weeks == w.run(out) >= BAND_WEEKS and (not low or w.cell(g, "days") > 0), text
        assert (f"the {weeks}th week" in text or f"the {weeks}rd" in text or f"the {weeks}nd"
                in text or f"the {weeks}st" in text) == (weeks > 1), text  # fmt: skip
    elif kind == "back_behind_chest":
        m = re.match(r"Pull : push was under 1 : 1 this week(?:, for the (?P<n>\d+)\w\w week in "
                     r"a row)?: (?P<planes>.*)\.$", text)  # fmt: skip
        run = w.run(lambda b: bool(w.behind(b)))
        assert weeks == run >= PULL_PUSH_WEEKS and int(m["n"] or 1) == run, text
        said = re.findall(r"(horizontal|vertical) (\d+) : (\d+) working sets \([^)]*\), "
                          r"([\d.]+) : 1", m["planes"])  # fmt: skip
        assert [p for p, *_ in said] == w.behind(), text
        for plane, pull, push, ratio in said:
            assert w.sides_of(plane) == (int(pull), int(push)), text
            assert round(int(pull) / int(push), 2) == float(ratio), text
    elif kind == "not_trained":
        m = re.match(GROUP + r" (?:were|was) not trained this week", text)
        g = LABELS[m["g"]]
        zero = w.run(lambda b: w.cell(g, "days", b) == 0)
        under = w.run(lambda b: w.cell(g, "days", b) < GUIDELINE)
        assert w.cell(g, "days") == 0 and weeks == zero, text
        assert (f", the {zero}" in text) == (zero > 1), text
        tail = re.search(r"guideline for (\d+) weeks in a row", text)
        assert (int(tail[1]) if tail else None) == (under if under > zero else None), text
    elif kind == "under_guideline":
        m = re.match(GROUP + r" (?:were|was) trained on (?P<d>\d) days? this week, under", text)
        g = LABELS[m["g"]]
        under = w.run(lambda b: w.cell(g, "days", b) < GUIDELINE)
        assert 0 < w.cell(g, "days") == int(m["d"]) < GUIDELINE and weeks == under, text
        tail = re.search(r"under it for (\d+) weeks in a row", text)
        assert (int(tail[1]) if tail else 1) == under, text
    elif kind == "no_direct_sets":
        m = re.match(GROUP + r" (?:have|has) had no direct sets .* the last (?P<n>\d+) weeks", text)
        g = LABELS[m["g"]]
        assert int(m["n"]) == weeks == w.run(lambda b: w.cell(g, "direct_sets", b) == 0) >= 3
    elif kind == "group_imbalance":
        m = re.match(GROUP + r" got (?P<p>[\d.]+) % of the back's sets", text)
        g = LABELS[m["g"]]
        assert round(w.share(g), 1) == float(m["p"]), text
        run = w.run(lambda b: w.share(g, b) is not None and w.share(g, b) < 12.5)
        assert weeks == run >= 3 and (f"the {run}" in text) == (run > 1), text
    elif kind == "no_biceps_work":
        f = re.search(r"the biceps' (?P<f>[\d.]+) fractional sets", text)
        assert w.cell("biceps", "direct_sets") == 0, text
        assert w.cell("biceps", "fractional_sets") == float(f["f"] if f else 0), text
        assert sum(w.cell(g, "fractional_sets") for g in BACK_GROUPS) > 0, text
    elif kind in ("back_volume_low", "back_volume_high"):
        m = re.match(r"The whole back got (?P<v>[\d.]+) working sets this week", text)
        shown = w.exercises["Exercise"].map(
            w.report.dataset.catalogue.set_index("name")[list(BACK_GROUPS)].max(axis=1)
        )
        on_page = w.exercises.loc[shown.fillna(0) > 0, "Sets"].sum()
        assert w.back() == on_page == float(m["v"]), text
        low = kind == "back_volume_low"
        assert weeks == w.run(lambda b: (w.back(b) < 10) if low else (w.back(b) > 25)), text
    elif kind == "volume_drop":
        m = re.match(r"The whole back got (?P<v>[\d.]+) .*, (?P<p>[\d.]+) % under its average "
                     r"of (?P<a>[\d.]+) a week over the 4 weeks before", text)  # fmt: skip
        average = sum(w.back(b) for b in range(1, 5)) / 4
        assert (w.back(), round(average, 1)) == (float(m["v"]), float(m["a"])), text
        assert round((1 - w.back() / average) * 100, 1) == float(m["p"]) >= 20, text
    elif kind == "week_missed":
        logged = set(w.working_weeks)
        assert w.week not in logged and max(logged) > w.week, text
        assert weeks == w.run(lambda b: w.weeks_back(b) not in logged), text
    elif kind == "deadlift_not_first":
        m = re.match(r"The deadlift came after (?P<x>.+?) on \w+ (?P<d>\d+) (?P<m>\w+)", text)
        day = w.exercises["Day"].map(lambda t: (int(t.split()[1]), t.split()[2]))
        rows = w.exercises.loc[day == (int(m["d"]), m["m"]), "Exercise"].str.lower().tolist()
        assert rows.index(m["x"]) < rows.index("deadlift (barbell)"), text
    elif kind == "deadlift_jump":
        m = re.search(r"to (?P<b>[\d.]+) kg this week", text)
        loads = w.exercises.loc[w.exercises["Exercise"] == "Deadlift (barbell)"].iloc[:, 4]
        assert max(float(x) for cell in loads for x in cell.split(" / ")) == float(m["b"]), text
    else:
        raise AssertionError(f"no check reads this flag: {text}")


#: An exercise a plan line adds: ``shrug (dumbbell) 3 × 12–15``, after "Add", a comma, "and"
#: or "finish with" (moves, drops and the whole week's suggestions add nothing).
ADDED = re.compile(r"(?:Add |add |, | and |finish with )(?P<x>[a-zT][^,;]*?) (?P<n>\d+) "
                   r"(?:× [\d–]+|sets)")  # fmt: skip


def added_credit(w: Week, group: str) -> float:
    """Return a group's fractional sets in the exercises the plan's day lines add."""
    total = 0.0
    for plan in w.advice["Next week"]:
        adding = plan.split(". ")[0]
        if adding.startswith(("Add", "Finish", "Deadlift first")) or "; add " in adding:
            total += sum(int(m["n"]) * w.credit(m["x"], group) for m in ADDED.finditer(adding))
    return total


def check_plan(w: Week, facts: str, plan: str = "") -> None:
    """Check the numbers behind a plan line, group by group, against the weekly table."""
    for part in filter(None, re.split(r"(?<=\.) (?=[A-Z])", facts)):
        names, _, text = part.partition(": ")
        if names == "Whole back":
            assert float(re.match(r"[\d.]+", text)[0]) == w.back(), part
            continue
        if names == "Pull : push":
            m = re.match(
                r"(horizontal|vertical) (\d+) : (\d+) working sets this week \([^)]*\), "
                r"([\d.]+) : 1, under 1 : 1; (\d+) more pull sets? makes? it 1 : 1",
                text,
            )
            plane, pull, push, ratio, more = m.groups()
            assert w.sides_of(plane) == (int(pull), int(push)) and plane in w.behind(), part
            assert round(int(pull) / int(push), 2) == float(ratio), part
            assert int(more) == int(push) - int(pull), part  # 1 : 1
            continue
        if names == "Biceps" and text.startswith("no direct biceps work"):
            f = re.search(r"its ([\d.]+) fractional sets came from pulls", text)
            assert w.cell("biceps", "direct_sets") == 0, part
            assert w.cell("biceps", "fractional_sets") == float(f[1] if f else 0), part
            continue
        if m := re.match(r"the deadlift came after (?P<x>.+) this (?P<d>\w+)\.", text):
            rows = w.exercises.loc[w.exercises["Day"].str.startswith(m["d"][:3]), "Exercise"]
            rows = rows.str.lower().tolist()
            assert rows.index(m["x"]) < rows.index("deadlift (barbell)"), part
            continue
        if m := re.match(r"the deadlift top set rose more than 10 % in a week in (?P<n>\d+) of "
                         r"the last 6 weeks, to (?P<t>[\d.]+) kg", text):  # fmt: skip
            jumps = deadlift_jumps(w)
            assert (len(jumps), jumps[-1][1]) == (int(m["n"]), float(m["t"])), part
            continue
        for name in re.split(r", | and ", names):
            group = LABELS.get(name[:1].upper() + name[1:])
            if group is None:
                continue
            if b := re.match(r"([\d.]+) fractional sets? this week, (under the minimum effective|"
                             r"over the maximum recoverable) ([\d.]+)(?:; the exercises added "
                             r"here give it ([\d.]+) more)?\.$", text):  # fmt: skip
                assert w.cell(group, "fractional_sets") == float(b[1]), part
                limit = w.band(group, 0 if b[2].startswith("under") else 1)
                assert float(b[3]) == limit, part
                assert (w.cell(group, "fractional_sets") < limit) == b[2].startswith("under")
                if b[2].startswith("over"):
                    # The sets to drop: those over the maximum, with what the plan adds.
                    added = added_credit(w, group)
                    assert float(b[4] or 0) == added, part
                    # The drop of an exercise the group is a main mover of (one per group).
                    found = re.finditer(r"[Dd]rop (\d+) sets? of ([^;.]+)", plan)
                    drops = [int(d[1]) for d in found if w.credit(d[2], group) == 1]
                    assert drops == [math.ceil(float(b[1]) + added - limit)], part
                continue
            if n := re.match(r"no training day in any of the last (\d+) weeks\.$", text):
                assert int(n[1]) == w.run(lambda b, g=group: w.cell(g, "days", b) == 0), part
                continue
            days = re.match(r"(\d+) training days? this week|not trained this week", text)
            assert w.cell(group, "days") == int(days[1] or 0), part
            if f := re.search(r"its ([\d.]+) fractional sets came from other", text):
                assert w.cell(group, "fractional_sets") == float(f[1]), part
                assert w.cell(group, "direct_sets") == 0, part
            if f := re.search(r"; ([\d.]+) fractional sets, at least the minimum effective "
                              r"([\d.]+) a week", text):  # fmt: skip
                assert w.cell(group, "fractional_sets") == float(f[1]) >= float(f[2]), part
                assert float(f[2]) == w.band(group, 0), part
            if p := re.search(r"([\d.]+) % of the back's sets", text):
                assert round(w.share(group), 1) == float(p[1]), part


def check_page_flags(w: Week) -> None:
    """Check that each line of the page's flags table is its flags' words, groups merged."""
    kept = w.flags.loc[~w.flags["muted"].astype(bool)]
    assert len(w.page) <= len(kept)
    merged = 0
    for line, severity, age in zip(w.page["Needs attention"], w.page["Severity"], w.page["For"],
                                   strict=True):  # fmt: skip
        if line in set(kept["reason"]):
            continue
        names, _, words = line.partition(": ")
        groups = [LABELS[n[:1].upper() + n[1:]] for n in re.split(r", | and ", names)]
        # A named group may have other flags too (rhomboids under the guideline and under
        # their minimum): the line stands for the ones in its words.
        raw = kept.loc[kept["group"].isin(groups) & kept["reason"].str.endswith(f": {words}")]
        assert sorted(raw["reason"]) == sorted(f"{GROUP_LABELS[g]}: {words}" for g in groups)
        assert set(raw["severity"]) == {severity} and len(groups) > 1, line
        assert {f"{n} weeks" if n > 1 else "new this week" for n in raw["weeks"]} == {age}
        assert groups == sorted(groups, key=GROUPS.index), line
        merged += len(groups) - 1
    assert len(w.page) == len(kept) - merged


def check_body(w: Week) -> None:
    """Check the back against the rest: the sentence, the table and the grid of groups."""
    sentence, table, marks = w.body
    if not w.report.logged:
        assert table.empty and w.grid[0].empty
        return
    four = [b for b in range(4) if w.weeks_back(b) in w.weekly.index.get_level_values(0)]
    windows = [[0], four] if len(four) > 1 else [[0]]
    parts = re.findall(r"([\d.]+) of ([\d.]+) working sets(?: \((\d+) %\))?", sentence)
    assert len(parts) == len(windows) == len(table), sentence
    rows = zip(parts, windows, table.to_dict("records"), marks.to_dict("records"), strict=True)
    for (back, working, pct), weeks, row, mark in rows:
        b, n = sum(w.back(x) for x in weeks), sum(w.working(x) for x in weeks)
        assert (float(back), float(working)) == (b, n) == (row["Back sets"], row["Working sets"])
        assert pct == f"{b / n * 100:.0f}" if n else pct == "", sentence
        for plane in PLANES:
            pull = sum(w.sides_of(plane, x)[0] for x in weeks)
            push = sum(w.sides_of(plane, x)[1] for x in weeks)
            cell, kind = row[f"Pull : push, {plane}"], mark[f"Pull : push, {plane}"]
            if push:
                assert cell == f"{pull} : {push} ({round(pull / push, 2):g} : 1)", cell
                assert kind == ("unmet" if pull < push else "met"), cell
            else:
                assert cell == (f"{pull} : 0 (no push)" if pull else "none") and kind == ""
    behind = w.behind()
    said = re.search(r"under 1 : 1 this week in the (.*) planes?\.$", sentence)
    assert (said[1].split(" and the ") if said else []) == behind, sentence
    values, classes = w.grid
    weeks = list(dict.fromkeys(w.report.history["week"]))[-16:]
    assert list(values.columns[1:]) == [x.split("-")[1] for x in weeks]
    for i, group in enumerate(GROUPS):
        assert values.iat[i, 0] == GROUP_LABELS[group]
        for j, week in enumerate(weeks, 1):
            days = w.weekly.at[(week, group), "days"]
            assert values.iat[i, j] == days
            assert classes.iat[i, j] == ("met" if days >= GUIDELINE else "unmet")


def deadlift_jumps(w: Week) -> list[tuple[str, float]]:
    """Return the weeks of the last six whose barbell deadlift top set rose over 10 %.

    The reference is the heaviest top set of the four weeks before, and the week before
    must have one; worked out here from the sets.
    """
    sets = w.report.sets
    lifts = sets.loc[(sets["exercise_id"] == "barbell_deadlift") & (sets["set_kind"] != "warmup")]
    top = lifts.groupby(lifts["performed_at"].dt.date.map(week_label))["load_kg"].max()
    found = []
    for back in range(5, -1, -1):
        week = w.weeks_back(back)
        before = [top.get(w.weeks_back(back + k)) for k in range(1, 5)]
        if week in top and before[0] is not None:
            best = max(b for b in before if b is not None)
            if top[week] > best * 1.1 + 1e-9:
                found.append((week, float(top[week])))
    return found


def demo_weeks(data):
    sets = data.sets
    for client in data.roster["client_id"]:
        first = sets.loc[sets["client"] == client, "performed_at"].min().date()
        monday = first - pd.Timedelta(days=first.weekday())
        while week_label(monday) <= "2026-W47":
            yield client, week_label(monday)
            monday += pd.Timedelta(weeks=1)


@pytest.mark.slow  # every week of every demo client: a minute
def test_every_flag_and_plan_sentence_of_every_demo_week_is_true(data):
    seen, weeks = set(), 0
    for client, week in demo_weeks(data):
        w = Week(data, client, week)
        weeks += 1
        for _, flag in w.flags.iterrows():
            check_flag(w, flag)
            seen.add(flag["flag"])
        check_page_flags(w)
        check_body(w)
        for plan, facts in zip(w.advice["Next week"], w.advice["Because"], strict=True):
            check_plan(w, facts, plan)
    assert weeks == 8 * 26
    assert seen == set(FLAGS)


def test_bens_week_39_and_47_by_hand(data):
    # Ben trains back once a week, on Wednesday, from 2026-W22 (week 1 of 26). In W39 he
    # trained on Monday and Friday but did no back work at all: 0 days for every back group,
    # after 17 weeks on 1 day. Under the guideline (fewer than 2 days) W22-W39 is 18 weeks;
    # W40-W47 are on 1 day again, so at W47 it is 26 weeks and "not trained" is not said.
    w39 = Week(data, "ben", "2026-W39")
    lats = w39.flags.loc[w39.flags["group"] == "lats"]
    assert lats[["flag", "weeks", "severity"]].values.tolist() == [["not_trained", 1, "high"]]
    assert lats["reason"].item() == (
        "Lats were not trained this week. Lats have been under the twice-a-week guideline for "
        "18 weeks in a row."
    )
    # His back sets over W35-W38 were 13, 12, 13 and 13 (Wednesday's deadlift 3, T-bar
    # row 4, lat pulldown 3 and shrug 3, one set fewer in W36): an average of 12.75.
    drop = w39.flags.loc[w39.flags["flag"] == "volume_drop", "reason"].item()
    assert drop.startswith("The whole back got 0 working sets this week, 100 % under its "
                           "average of 12.8 a week")  # fmt: skip
    w47 = Week(data, "ben", "2026-W47")
    lats = w47.flags.loc[w47.flags["group"] == "lats"].set_index("flag")
    assert lats.at["under_guideline", "reason"] == (
        "Lats were trained on 1 day this week, under the twice-a-week guideline. Lats have "
        "been under it for 26 weeks in a row."
    )
    assert lats.loc["under_guideline", ["weeks", "severity"]].tolist() == [26, "low"]
    # And under their minimum effective 10 sets: T-bar row 4 + lat pulldown 3 + deadlift
    # 3 × 0.5 = 8.5 in W47. W22 had exactly 10 (not under); W23-W47 were all under (W39
    # with 0): 25 weeks in a row.
    assert lats.at["group_volume_low", "reason"] == (
        "Lats: 8.5 fractional sets this week, under the minimum effective 10 a week, for the "
        "25th week in a row."
    )


def test_a_sentence_that_disagrees_with_its_table_is_caught(data):
    w = Week(data, "ben", "2026-W47")
    wrong = pd.Series(
        {
            "flag": "under_guideline",
            "weeks": 26,
            "reason": "Lats were trained on 2 days this week, under the guideline.",
        }
    )
    with pytest.raises(AssertionError):
        check_flag(w, wrong)
    streak = wrong.copy()
    streak["reason"] = (
        "Lats were trained on 1 day this week, under the guideline. Lats have been under it "
        "for 18 weeks in a row."
    )
    with pytest.raises(AssertionError):  # the streak of an older week
        check_flag(w, streak)
    with pytest.raises(AssertionError):
        check_plan(w, "Lats and trapezius: 2 training days this week (the guideline is 2).")
