"""The roster page's lines on the fixture data folder, week 2026-W53, worked out by hand.

Ana (tests/test_weekly.py lists her sets) in 2026-W53: lats, traps and rhomboids on two days
each (Mon 28 Dec, Sun 3 Jan), lower back on none. Her flags, from data/severity.csv:

- lower back not trained: W52 had two deadlift sets, so this is its first week: high, new;
- whole back 4 sets (pulldown, wide row, assisted pull-up, shrug), under 10 for the 2nd week
  (W52: 2 deadlifts + 1 pull-up = 3): medium from its first week;
- no direct biceps work (W52 neither): low.

Ben has no sets at all: no log yet, no flag, after Ana.
"""

from __future__ import annotations

import datetime as dt
import shutil

import checkout
import pytest

from backday_analysis.datafolder.dataset import load_dataset
from backday_analysis.errors import BackdayError
from backday_analysis.metrics.flag_table import FLAG_COLUMNS
from backday_analysis.views import roster_lines as rl
from backday_analysis.views import roster_week as rw
from backday_analysis.views.links import Link


@pytest.fixture
def dataset(fixture_dataset):
    return fixture_dataset


@pytest.fixture(scope="module")
def roster(fixture_dataset):
    return rw.roster_week("2026-W53", dataset=fixture_dataset)


def test_flags_severities_and_weeks_by_hand(roster):
    flags = roster.flags
    assert flags[["flag", "group", "severity", "weeks"]].values.tolist() == [
        ["not_trained", "lower_back", "high", 1],
        ["back_volume_low", "", "medium", 2],
        ["no_biceps_work", "biceps", "low", 2],
    ]
    assert set(flags["client"]) == {"ana"}  # Ben has no log: no flag, and no zeros


def test_one_line_per_client_with_marks_beside_the_colours(roster):
    values, classes = rl.roster_lines(roster)
    assert list(values.columns) == [
        "#", "Client", "Lats", "Traps", "Rhomb.", "L. back", "Back share", "4 weeks",
        "Pull : push", "Most urgent", "Why here",
    ]  # fmt: skip
    ana, ben = values.to_dict("records")
    assert [ana[c] for c in ("#", "Client", "Lats", "Traps", "Rhomb.", "L. back")] == [
        1, "Ana Example", "✓ 2 d", "✓ 2 d", "✓ 2 d", "✗ 0 d"
    ]  # fmt: skip
    assert ana["Most urgent"] == "Lower back not trained (new; +2 more)"
    assert ana["Why here"] == "high: a back group not trained at all"
    assert classes.iloc[0, 2:6].tolist() == ["met", "met", "met", "unmet"]
    # No log yet: no zeros passed off as a week, no colour, and why it stands there.
    assert [ben[c] for c in ("Lats", "L. back", "Most urgent", "Why here")] == [
        "—", "—", "No log yet", "no sets logged"
    ]  # fmt: skip
    assert classes.iloc[1, 2:6].tolist() == ["", "", "", ""]


def test_summary_and_title(roster):
    assert rw.roster_title(roster) == (
        "Roster overview — week 2026-W53 (28 Dec 2026 to 03 Jan 2027)"
    )
    assert rw.roster_summary(roster) == (
        "2 clients: 1 needs attention (1 high, by their most urgent flag); 0 on track; "
        "1 with no log yet for this week."
    )


def test_a_report_links_each_client_to_their_page(dataset):
    roster = rw.roster_week("2026-W53", dataset=dataset, links=True)
    client = rl.roster_lines(roster)[0]["Client"].iloc[0]
    assert client == Link("Ana Example", "ana.html") and str(client) == "Ana Example"
    assert client.__html__() == "<a href='ana.html'>Ana Example</a>"


def test_latest_week_is_the_week_of_the_last_set_but_never_after_today(dataset):
    assert rw.roster_week("latest", dataset=dataset).week == "2027-W03"
    assert rw.roster_week("latest", dataset=dataset, today=dt.date(2027, 1, 6)).week == "2027-W01"


def test_a_week_after_today_is_refused(dataset):
    with pytest.raises(BackdayError, match="week 2027-W02 has not begun yet"):
        rw.roster_week("2027-W02", dataset=dataset, today=dt.date(2027, 1, 6))


def test_one_coachs_roster(fixture_data):
    roster_file = fixture_data / "roster.csv"
    roster_file.write_text(
        "client_id,name,unit,bodyweight_kg,timezone,coach\n"
        "ana,Ana Example,kg,60,Europe/Amsterdam,Maria\n"
        "ben,Ben Example,lb,90,,Joe\n",
        encoding="utf-8",
    )
    data = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    mine = rw.roster_week("2026-W53", dataset=data, coach="maria")
    assert mine.order == ["ana"]
    assert rw.roster_title(mine).startswith("Roster overview for maria — week 2026-W53")
    with pytest.raises(BackdayError, match=r"coach 'Zed' \(coaches: Joe, Maria\)"):
        rw.roster_week("2026-W53", dataset=data, coach="Zed")


def test_sorting_by_name_and_an_unknown_sort(dataset):
    roster = rw.roster_week("2026-W53", dataset=dataset, sort="name")
    assert rl.roster_lines(roster)[0]["Client"].tolist() == ["Ana Example", "Ben Example"]
    roster = rw.roster_week("2026-W53", dataset=dataset, sort="tonnage")
    with pytest.raises(BackdayError, match="sort 'tonnage' is unknown; use one of attention"):
        rl.roster_lines(roster)


def test_a_muted_flag_leaves_the_ranking(fixture_data):
    (fixture_data / "client_rules.csv").write_text(
        "client_id,rule,group,reason,until\n"
        "ana,not_trained,lower_back,back surgery in December,2027-01-10\n",
        encoding="utf-8",
    )
    data = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    roster = rw.roster_week("2026-W53", dataset=data)
    assert roster.flags["flag"].tolist() == ["back_volume_low", "no_biceps_work"]
    assert roster.muted_flags["flag"].tolist() == ["not_trained"]
    values, _ = rl.roster_lines(roster)
    assert values["Most urgent"].iloc[0] == "Back 4 sets, min 10 (2 weeks; +1 more)"
    assert rw.roster_summary(roster).endswith(
        "1 flag muted by the coach is left out of the ranking."
    )
    # The mute holds for weeks that begin by its last day: 2027-W03 begins on 18 Jan.
    later = rw.roster_week("2027-W03", dataset=data)
    assert later.muted_flags.empty
    pairs = set(zip(later.flags["flag"], later.flags["group"], strict=True))
    assert ("not_trained", "lower_back") in pairs


def test_every_flag_of_ana_muted_two_and_more_are_left_out_of_the_ranking(fixture_data):
    # Ana's three flags muted (every group's not_trained and low volume, the biceps): nobody
    # needs attention, so the sentence names no levels; the flag tables are numbered 0, 1...
    (fixture_data / "client_rules.csv").write_text(
        "client_id,rule,group,reason,until\n"
        "ana,not_trained,,a deload,2027-01-10\n"
        "ana,back_volume_low,,a deload,2027-01-10\n"
        "ana,no_biceps_work,,a deload,2027-01-10\n",
        encoding="utf-8",
    )
    data = load_dataset(fixture_data, today=dt.date(2027, 6, 1))
    roster = rw.roster_week("2026-W53", dataset=data)
    assert roster.flags.empty and list(roster.muted_flags.index) == [0, 1, 2]
    assert rw.roster_summary(roster) == (
        "2 clients: 0 need attention; 1 on track; 1 with no log yet for this week. "
        "3 flags muted by the coach are left out of the ranking."
    )


def test_the_weekly_table_ends_with_the_roster_week(roster):
    # Ana's warm-ups on Mon 4 Jan 2027 fall in the next week, which the page does not show.
    assert roster.weekly["week"].max() == "2026-W53"
    assert list(roster.flags.index) == list(range(len(roster.flags)))


def test_clients_table_counts_every_set_and_zero_for_a_client_without(dataset):
    # Ana's log has 14 rows; the one dated 2027-13-01 and the one weighing 'abc' are rejected.
    table = rw.clients_table(dataset).set_index("client_id")
    assert table.loc["ana", ["first_day", "last_day", "sets"]].tolist() == [
        "2026-12-21", "2027-01-18", 12
    ]  # fmt: skip
    assert table.loc["ben", ["first_day", "last_day", "sets"]].tolist() == ["", "", 0]


def test_flags_kept_and_muted_are_flag_tables_numbered_from_0(fixture_data):
    # Ana's flags in order: not_trained, back_volume_low, no_biceps_work; the first and the
    # last muted.
    (fixture_data / "client_rules.csv").write_text(
        "client_id,rule,group,reason,until\n"
        "ana,not_trained,,a deload,2027-01-10\n"
        "ana,no_biceps_work,,a deload,2027-01-10\n",
        encoding="utf-8",
    )
    roster = rw.roster_week("2026-W53", dataset=load_dataset(fixture_data))
    assert roster.flags["flag"].tolist() == ["back_volume_low"]
    assert list(roster.flags.index) == [0]
    assert roster.muted_flags["flag"].tolist() == ["not_trained", "no_biceps_work"]
    assert list(roster.muted_flags.index) == [0, 1]
    assert tuple(roster.flags.columns) == tuple(roster.muted_flags.columns) == FLAG_COLUMNS


# ------------------------------------------------------------------ the back against the rest

BODY_WEEK = {  # Monday 2026-11-16 (W47): exercise, working sets
    # Rows 2 : bench presses 4 = 0.5 (horizontal, behind); pulldowns 3 : presses 2 = 1.5.
    # Working sets 11; back sets: rows 2 + pulldowns 3 = 5 (45 %).
    "ann": [("Bench Press (Barbell)", 4), ("Seated Cable Row", 2), ("Lat Pulldown", 3),
            ("Overhead Press (Barbell)", 2)],
    # Rows 3 : bench presses 3 = 1; pull-ups 2 : presses 3 = 0.67 (vertical, behind).
    # Working sets 11; back sets 3 + 2 = 5 (45 %).
    "bob": [("Bench Press (Barbell)", 3), ("Seated Cable Row", 3), ("Overhead Press (Barbell)", 3),
            ("Pull Up", 2)],
    # No push at all: nothing to balance. Working sets 6; back sets 2 (33 %).
    "cat": [("Squat (Barbell)", 4), ("Lat Pulldown", 2)],
    # Rows 4 : bench presses 2 = 2, nothing vertical: at the limit or over, ✓.
    # Working sets 6; back sets 4 (67 %).
    "dan": [("Bench Press (Barbell)", 2), ("Seated Cable Row", 4)],
}  # fmt: skip


@pytest.fixture
def body_folder(tmp_path):
    folder = tmp_path / "data"
    (folder / "logs").mkdir(parents=True)
    shutil.copy(checkout.DATA_DIR / "catalogue.csv", folder / "catalogue.csv")
    roster = ["client_id,name,unit,bodyweight_kg,timezone"]
    for client, lifts in BODY_WEEK.items():
        roster.append(f"{client},{client.title()} Example,kg,70,Europe/Amsterdam")
        rows = ["client,performed_at,session_id,exercise,set_number,set_kind,weight,unit,reps"]
        for exercise, sets in lifts:
            rows += [
                f"{client},2026-11-16 18:00:00,{client}-1,{exercise},{n},working,40,kg,10"
                for n in range(1, sets + 1)
            ]
        (folder / "logs" / f"{client}.csv").write_text("\n".join(rows) + "\n")
    (folder / "roster.csv").write_text("\n".join(roster) + "\n")
    return folder


def test_the_back_share_and_the_lowest_pull_push_of_each_client(body_folder):
    data = load_dataset(body_folder, today=dt.date(2026, 11, 23))
    roster = rw.roster_week("2026-W47", dataset=data, sort="name")
    lines = rl.roster_lines(roster)[0].set_index("Client")
    names = [str(n) for n in lines.index]
    got = dict(zip(names, zip(lines["Back share"], lines["Pull : push"], strict=True), strict=True))
    assert got == {
        "Ann Example": ("45 %", "✗ H 0.5"),
        "Bob Example": ("45 %", "✗ V 0.67"),
        "Cat Example": ("33 %", "—"),
        "Dan Example": ("67 %", "✓ H 2"),
    }


def test_the_back_share_over_four_weeks_sums_the_weeks_before_dividing(body_folder):
    # Ann also benched 9 sets on Mon 2 Nov (W45) and rowed 4 on Mon 26 Oct (W44, the first
    # of the four weeks); Cat rowed 2 on Mon 19 Oct (W43, before them). Ann over the four
    # weeks: back sets 5 + 4 = 9 of working sets 11 + 9 + 4 = 24, 38 %; this week 45 %.
    # Cat: 33 % either way.
    extra = {
        "ann": [("2026-11-02", "Bench Press (Barbell)", 9), ("2026-10-26", "Seated Cable Row", 4)],
        "cat": [("2026-10-19", "Seated Cable Row", 2)],
    }
    for client, lifts in extra.items():
        with (body_folder / "logs" / f"{client}.csv").open("a") as log:
            for day, exercise, sets in lifts:
                log.writelines(
                    f"{client},{day} 18:00:00,{client}-{day},{exercise},{n},working,40,kg,10\n"
                    for n in range(1, sets + 1)
                )
    data = load_dataset(body_folder, today=dt.date(2026, 11, 30))

    def shares(week):
        lines = rl.roster_lines(rw.roster_week(week, dataset=data, sort="name"))[0]
        pairs = zip(lines["Back share"], lines["4 weeks"], strict=True)
        return dict(zip(lines["Client"].astype(str), pairs, strict=True))

    assert shares("2026-W47")["Ann Example"] == ("45 %", "38 %")
    assert shares("2026-W47")["Cat Example"] == ("33 %", "33 %")
    # A week with no log still has the weeks before it: W45 to W48 leave W44's rows out,
    # so Ann's back sets are 5 of 20, 25 %.
    assert shares("2026-W48")["Ann Example"] == ("—", "25 %")


def test_sorting_by_pull_push_puts_the_furthest_behind_first(body_folder):
    data = load_dataset(body_folder, today=dt.date(2026, 11, 23))
    roster = rw.roster_week("2026-W47", dataset=data, sort="pull_push")
    # 0.5, 0.67, 2, then the client without push sets.
    assert [str(c) for c in rl.roster_lines(roster)[0]["Client"]] == [
        "Ann Example",
        "Bob Example",
        "Dan Example",
        "Cat Example",
    ]
