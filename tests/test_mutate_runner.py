"""The mutation runner's verdicts: a mutant is killed only by a failing test.

A small package and its tests are written to a temporary folder; the runner mutates it as it
mutates the project (a forked child per mutant, pytest in-process). Each way a run can fail
without a test failing (the mutant does not load, collection fails, the child dies by a
signal, the run passes its time limit) must give *crashed*, never *killed*.

Each run of the runner runs pytest in its children, one to several seconds: those tests are
marked slow; the runner's own bookkeeping (verdicts, score, report, keys) is checked fast.
"""

from __future__ import annotations

import importlib
import json
import sys
import textwrap

import pytest

from dev import mutate
from dev.mutants import Mutant

# Each function is the target of one kind of verdict; the comment says which mutant.
TOY = """
import functools
import os
import signal
import time

LIMIT = 10


def over(n):
    return n > LIMIT  # `>` -> `>=`: killed (over(10) is False)


def untested(n):
    return n + 1  # no test calls it: survives


def loose(n):
    return n >= 0 or n < -100  # `<` -> `<=`: survives (no test at -100)


@functools.lru_cache
def cached_over(n):
    return n >= LIMIT  # `>=` -> `>`: killed, once the cache filled at import is emptied


def guard(n):
    if n < 0:  # `<` -> `<=`: guard(0) kills its own process, a signal
        os.kill(os.getpid(), signal.SIGKILL)
    return n


def settle(n):
    while n > 100:  # `>` -> `>=`: settle(100) never returns, a time-out
        time.sleep(0.05)
    return n


def broken(n):
    return n is None  # `is` -> `is not`: the mutated module's code does not run (see below)


def pooled(n):
    return n * 3  # `*` -> `/`: killed, though only a thread of a pool calls it


def shared(n):
    return n - 1  # `-` -> `+`: killed by the second test that uses a module's fixture


BROKEN_AT_IMPORT = broken(None) or 1 / 0
SIZES = LIMIT // 5  # `//` -> `/`: range(2.0) fails while the tests are collected
"""
TESTS = """
import pytest

import toy.calc as calc

calc.cached_over(10)  # fills the cache before any mutant is loaded


def pytest_generate_tests(metafunc):
    if "size" in metafunc.fixturenames:
        metafunc.parametrize("size", range(calc.SIZES))


def test_over():
    assert calc.over(11) and not calc.over(10)


def test_loose():
    assert calc.loose(3) and not calc.loose(-3)


def test_cached():
    assert calc.cached_over(10)


def test_guard():
    assert calc.guard(0) == 0


def test_settle():
    assert calc.settle(100) == 100


def test_sizes(size):
    assert size in (0, 1)


def test_pooled():
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(1) as pool:
        assert pool.submit(calc.pooled, 2).result() == 6


@pytest.fixture(scope="module")
def once():
    return calc.shared(5)


def test_uses_once_first(once):
    assert once is not None


def test_uses_once_second(once):
    assert once == 4


def test_broken():
    assert calc.broken(None)
"""


@pytest.fixture
def toy(tmp_path, monkeypatch):
    """Return the toy package, importable, with its tests beside it."""
    (tmp_path / "toy").mkdir()
    (tmp_path / "toy" / "__init__.py").write_text("")
    (tmp_path / "toy" / "calc.py").write_text(textwrap.dedent(TOY))
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "test_toy_calc.py").write_text(textwrap.dedent(TESTS))
    (tmp_path / "pytest.ini").write_text("[pytest]\n")
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.chdir(tmp_path)
    yield mutate.Package("toy", tmp_path / "toy")
    for name in [n for n in sys.modules if n == "toy" or n.startswith(("toy.", "test_toy"))]:
        del sys.modules[name]


def verdicts(toy, function: str, mutation: str | None = None, min_limit: float = 60.0):
    """Run the mutants of one toy function (or one of them); return the runner's result."""
    wanted = [
        m
        for m in mutate.mutants_of("calc.py", toy)
        if m.function == function and (mutation is None or m.mutation == mutation)
    ]
    assert wanted, f"no mutant {mutation} in {function}"
    others = {m.key: "not this test's" for m in mutate.mutants_of("calc.py", toy)}
    for m in wanted:
        del others[m.key]
    return mutate.run_module(
        "calc.py", ["tests/test_toy_calc.py"], 1, 600.0, others, package=toy, min_limit=min_limit
    )


def only(result: dict, kind: str) -> dict:
    """Return the result's one mutant of ``kind`` (checking there is exactly one)."""
    assert result["mutants"] == 1, result
    assert result[kind] == 1, result
    return (result["survivors"] or result["crashes"] or [{}])[0]


@pytest.mark.slow
def test_a_failing_test_kills_a_mutant(toy):
    result = verdicts(toy, "over", "`>` -> `>=`")
    only(result, "killed")
    assert result["crashes"] == [] and result["survivors"] == []


@pytest.mark.slow
def test_a_mutant_no_test_notices_survives_and_is_new(toy):
    survivor = only(verdicts(toy, "loose", "`<` -> `<=`"), "survived")
    assert survivor["new"] is True and survivor["line"] == 19
    assert "note" not in survivor


@pytest.mark.slow
def test_a_mutant_no_test_reaches_survives_without_a_run(toy):
    result = verdicts(toy, "untested")
    assert result["unreached"] == result["survived"] == result["mutants"] == 2  # + and 1
    assert {s["note"] for s in result["survivors"]} == {"no test calls it"}


@pytest.mark.slow
def test_a_known_survivor_is_not_new(toy):
    [mutant] = [
        m for m in mutate.mutants_of("calc.py", toy) if m.function == "loose" and "<=" in m.mutation
    ]
    others = {m.key: "" for m in mutate.mutants_of("calc.py", toy) if m != mutant}
    known = {mutant.key: "no client logs -100 sets"}
    result = mutate.run_module(
        "calc.py", ["tests/test_toy_calc.py"], 1, 600.0, others, known, package=toy
    )
    [survivor] = result["survivors"]
    assert survivor["new"] is False and survivor["reason"] == "no client logs -100 sets"


@pytest.mark.slow
def test_a_cached_function_is_mutated_and_its_cache_emptied(toy):
    # Before: the lru_cache wrapper has no __code__, so the mutant did not load and counted
    # as killed; and the cache filled at import hid the function from the map of tests.
    # The runner's warm-up imports the tests before it forks: the cache is full by then.
    assert importlib.import_module("toy.calc").cached_over(10) is True
    result = verdicts(toy, "cached_over", "`>=` -> `>`")
    only(result, "killed")


@pytest.mark.slow
def test_a_function_only_a_thread_calls_is_reached(toy):
    only(verdicts(toy, "pooled", "`*` -> `/`"), "killed")


@pytest.mark.slow
def test_a_fixture_shared_by_tests_reaches_for_each_of_them(toy):
    # The module fixture runs during the first test's set-up; the second test checks it.
    only(verdicts(toy, "shared", "`-` -> `+`"), "killed")


@pytest.mark.slow
def test_a_mutant_that_does_not_load_is_crashed_not_killed(toy):
    crash = only(verdicts(toy, "broken", "`is` -> `is not`"), "crashed")
    assert crash["error"].startswith("the mutant did not load: the mutated module does not run")
    assert "ZeroDivisionError" in crash["error"]


@pytest.mark.slow
def test_an_error_while_collecting_is_crashed_not_killed(toy):
    # A module-level mutant runs every test; this one breaks their parametrisation.
    crash = only(verdicts(toy, "<module>", "`//` -> `/`"), "crashed")
    assert crash["error"].startswith("pytest could not collect the tests it was given")
    assert "TypeError: 'float' object cannot be interpreted" in crash["error"], crash["error"]


@pytest.mark.slow
def test_a_child_dead_by_a_signal_is_crashed_not_killed(toy):
    crash = only(verdicts(toy, "guard", "`<` -> `<=`"), "crashed")
    assert crash["error"].startswith("died by signal SIGKILL")


@pytest.mark.slow
def test_a_time_out_is_crashed_not_killed(toy):
    crash = only(verdicts(toy, "settle", "`>` -> `>=`", min_limit=3.0), "crashed")
    assert crash["error"].startswith("ran past its time limit of")


def test_the_score_leaves_crashes_out():
    assert mutate.score(killed=9, survived=1) == 0.9
    assert mutate.score(killed=0, survived=0) is None


def test_a_verdict_must_match_the_exit_status(tmp_path):
    (tmp_path / "7.verdict").write_text("killed\ntests/t.py::test_x (call)")
    assert mutate.read_verdict(tmp_path, 7, 1 << 8, 60) == ("killed", "tests/t.py::test_x (call)")
    # A child that wrote "killed" but exited 0, or exited 1 without writing: crashed.
    assert mutate.read_verdict(tmp_path, 7, 0, 60)[0] == "crashed"
    assert mutate.read_verdict(tmp_path, 8, 1 << 8, 60) == (
        "crashed",
        "exited 1 without a verdict: ",
    )


def test_stale_entries_name_no_mutant_of_todays_code(toy):
    mutants = mutate.mutants_of("calc.py", toy)
    live = mutants[0].key
    entries = {
        live: "still true",
        "calc.py | over | return n > 11 | `>` -> `>=`": "the line changed since",
        "other.py | f | x | y": "another module: not judged here",
    }
    assert mutate.stale_entries(entries, mutants) == [
        "calc.py | over | return n > 11 | `>` -> `>=`"
    ]


def test_the_report_counts_crashes_apart_from_kills():
    result = {
        "module": "m.py", "mutants": 12, "killed": 9, "survived": 1, "crashed": 2,
        "equivalent": 0, "not_run": 0, "unreached": 0,
        "survivors": [{"module": "m.py", "new": True}], "crashes": [{"error": "e"}, {"error": "f"}],
    }  # fmt: skip
    report = mutate._report(["m.py"], [result], 1.0, {"equivalent": [], "known_survivors": []})
    assert (report["score"], report["crashed"], report["new_survivors"]) == (0.9, 2, 1)
    assert len(report["crashes"]) == 2
    json.dumps(report)


def test_a_mutant_key_names_module_function_line_and_change():
    mutant = Mutant("m.py", 3, "return a > b", "`>` -> `>=`", 0, 0, ("f",))
    assert mutant.key == "m.py | f | return a > b | `>` -> `>=`"
