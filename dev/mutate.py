"""Mutation testing of the core: plant each small bug, run the tests that cover it, count kills.

``make mutate`` goes through :data:`TARGETS`: a profiled run of each module's tests records
which functions each test reaches; then, per mutant (:mod:`~.mutants`), a forked child patches
the mutated code into the loaded module and runs the tests that reach it, stopping at the first
failure. Each mutant ends one of three ways:

- *killed*: a test failed (pytest exits 1 having reported a failing test);
- *survived*: every test passed, or no test calls the mutated function;
- *crashed*: the run failed for another reason, so it says nothing about the tests: the
  mutant did not load, collection failed, pytest stopped with an internal or usage error,
  the child died by a signal, or it ran past its time limit. A crashed mutant is listed with
  its error and counts neither way.

The score is killed / (killed + survived). Mutants listed in ``tests/mutation-equivalent.txt``
cannot change behaviour and are left out; survivors listed in ``tests/mutation-survivors.txt``
are known, with the reason they are kept; every other survivor is *new*. Both files have one
entry per line, ``module | function | code | mutation | reason``; an entry that names no
mutant of today's code is *stale*, and the report says so.

The result goes to ``reports/mutation.json``: ``{"mutants", "killed", "survived", "crashed",
"score", "new_survivors", "survivors": [{"module", "line", "function", "code", "mutation",
"new", "reason"?, "note"?}], "crashes": [{..., "error"}], "stale", "per_module", ...}``.

Tests that run the package in another process (the command line as a subprocess, papermill
kernels) do not see an in-memory mutant; the map lists the tests that call the code in this
process, and tests marked ``kernel``, ``browser``, ``dask`` or ``stress`` are not run.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import threading
import time
import traceback
from dataclasses import dataclass
from pathlib import Path

import pytest

import dev as checkout
from dev.mutants import Mutant, clear_caches, find_mutants, load_mutant


@dataclass(frozen=True)
class Package:
    """The package whose modules are mutated: its import name and its folder."""

    name: str
    directory: Path


PACKAGE = Package("backday_analysis", checkout.ROOT / "backday_analysis")
PACKAGE_DIR = PACKAGE.directory
EQUIVALENT_FILE = checkout.ROOT / "tests" / "mutation-equivalent.txt"
KNOWN_FILE = checkout.ROOT / "tests" / "mutation-survivors.txt"
_FLAGS = [f"tests/test_{n}.py" for n in "flags flag_boundaries flag_table deadlift_flags".split()]
# The import tests about counting and duplicates (the others cover reading, roster, locking).
_IMPORT_TESTS = """new_client_counts_roster_and_summary every_fixture_balances
reimporting_the_same_file_adds_nothing_and_leaves_the_log_alone
identical_sets_in_one_export_are_both_kept_and_deduplicated_by_count
a_later_export_over_an_earlier_one_adds_each_set_once
several_files_in_one_command_dedupe_against_each_other
future_dates_are_rejected_with_their_export_lines""".split()
_IMPORTS = [
    "tests/test_merge.py",
    *(f"tests/importers/test_importing.py::test_{name}" for name in _IMPORT_TESTS),
]
_NAMES = [
    "tests/test_name_resolver.py",
    "tests/importers/test_name_rules_table.py",
    "tests/test_real_names.py",
    "tests/test_whole_body_names.py",
    "tests/importers/test_fold.py",
]
_ADVICE = [
    "tests/test_advice.py",
    "tests/test_advice_lifts.py",
    "tests/test_advice_plan.py",
    "tests/test_client_rules.py",
]
_HEVY = [
    "tests/hevy/test_hevy_workouts.py",
    "tests/hevy/test_hevy_apply.py",
    "tests/hevy/test_hevy_sync.py",
]
#: Each core module and the tests that exercise it in-process, fastest and closest first.
TARGETS = {
    "metrics/weeks.py": ["tests/test_weeks.py", "tests/test_weekly.py", "tests/test_flags.py"],
    "metrics/weekly.py": ["tests/test_weekly.py", "tests/test_client_week.py", *_FLAGS],
    "metrics/week_counts.py": ["tests/test_weekly.py", "tests/test_store_weekly.py", *_FLAGS],
    "metrics/store_weekly.py": ["tests/test_store_weekly.py", "tests/test_weekly.py"],
    "datafolder/merge.py": _IMPORTS,
    "datafolder/import_summary.py": ["tests/test_import_summary.py", *_IMPORTS],
    "importers/cells.py": ["tests/importers/test_cells.py", "tests/importers/test_strong.py"],
    "canonical.py": ["tests/test_canonical.py", "tests/test_logs.py"],
    "datafolder/logs.py": ["tests/test_logs.py", "tests/test_canonical.py"],
    "datafolder/log_times.py": ["tests/test_logs.py"],
    "importers/name_table.py": _NAMES,
    "importers/name_parts.py": _NAMES,
    "importers/names.py": _NAMES,
    "importers/name_rules.py": _NAMES,
    "importers/pull_rules.py": _NAMES,
    "importers/movements.py": _NAMES,
    "metrics/flags.py": _FLAGS,
    "metrics/flag_table.py": _FLAGS,
    "metrics/deadlift_flags.py": _FLAGS,
    "metrics/severity.py": ["tests/test_severity.py", *_FLAGS],
    "datafolder/severity_rules.py": ["tests/test_severity.py"],
    "metrics/mutes.py": [
        "tests/test_mutes.py",
        "tests/test_client_rules.py",
        "tests/test_advice.py",
    ],
    "datafolder/client_rules.py": ["tests/test_client_rules.py"],
    "metrics/week_status.py": ["tests/test_week_status.py"],
    "metrics/landmarks.py": ["tests/test_landmarks.py"],
    "metrics/pull_push.py": ["tests/test_pull_push.py"],
    "metrics/week_sums.py": [
        "tests/test_week_sums.py",
        "tests/test_pull_push.py",
        "tests/test_body_balance.py",
        "tests/test_balance.py",
        *_FLAGS,
    ],
    "metrics/advice.py": _ADVICE,
    "metrics/advice_plan.py": _ADVICE,
    "metrics/advice_groups.py": _ADVICE,
    "metrics/advice_days.py": _ADVICE,
    "metrics/advice_lifts.py": _ADVICE,
    "metrics/body_balance.py": [
        "tests/test_body_balance.py",
        "tests/test_balance.py",
        "tests/test_flag_sentences.py",
    ],
    "metrics/flags_body.py": [
        "tests/test_flags_body.py",
        "tests/test_flag_sentences.py",
        "tests/test_severity.py",
    ],
    "metrics/advice_body.py": ["tests/test_advice_body.py", *_ADVICE],
    "views/next_week.py": ["tests/test_next_week.py", "tests/test_client_rules.py"],
    "importers/hevy_workouts.py": _HEVY,
    "datafolder/hevy_apply.py": _HEVY,
    "views/client_week.py": ["tests/test_client_week.py"],
    "rendering/glyphs.py": ["tests/test_glyphs.py"],
    "rendering/page_tree.py": ["tests/test_page_tree.py", "tests/test_typeset.py"],
    "rendering/typeset.py": ["tests/test_typeset.py"],
    "rendering/typst_text.py": ["tests/test_typeset.py"],
    "views/roster_week.py": ["tests/test_roster_week.py"],
    "views/display.py": ["tests/test_display.py"],
}
#: Modules of which only these functions are mutated: the log reader's typing and kg conversion.
ONLY = {"datafolder/logs.py": ("_typed_sets",)}
#: Tests that cannot see an in-memory mutant (kernels, browsers, clusters) are not run.
NOT_IN_PROCESS = "not kernel and not browser and not dask and not stress"
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-W", "ignore", "--no-header"]
PYTEST_ARGS += ["-m", NOT_IN_PROCESS]
#: Seconds a mutant may run at least; more when its module's tests take longer.
MIN_LIMIT = 60.0
KILLED, SURVIVED, CRASHED = "killed", "survived", "crashed"
#: The exit status of a child that wrote its verdict (any other is a crash).
_EXIT = {KILLED: 1, SURVIVED: 0, CRASHED: 2}


def load_list(path: Path) -> dict[str, str]:
    """Return a list's keys (``module | function | code | mutation``) and their reasons."""
    found = {}
    if not path.exists():
        return found
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, _, reason = raw.rpartition(" | ")
            found[key.strip()] = reason.strip()
    return found


def load_equivalent(path: Path = EQUIVALENT_FILE) -> dict[str, str]:
    """Return the equivalent mutants' keys (``module | function | code | mutation``) and why."""
    return load_list(path)


def stale_entries(entries: dict[str, str], mutants: list[Mutant]) -> list[str]:
    """Return the entries that name no mutant of ``mutants`` (of the modules they name)."""
    keys = {m.key for m in mutants}
    modules = {m.module for m in mutants}
    return [k for k in entries if k.split(" | ")[0] in modules and k not in keys]


class _Coverage:
    """Pytest plugin: record which functions of one file each test (with its fixtures) calls.

    A fixture shared by several tests (module or session scope) runs its code once, during
    the first test's set-up; every test that uses a fixture of that name is counted as
    reaching what the fixture reached. The package's caches are emptied before each test, so
    a test that calls a cached function is recorded even when an earlier test (or an import)
    filled the cache; calls in threads the test starts count too.
    """

    def __init__(self, filename: str, package: str):
        self.filename, self.package = filename, package
        self.own: dict[str, set[str]] = {}  # per test, what its own run called
        self.fixtures: dict[str, list[str]] = {}  # per test, the names of its fixtures
        self.by_fixture: dict[str, set[str]] = {}  # per fixture name, what its set-up called
        self.setting_up: list[str] = []
        self.seconds: dict[str, float] = {}

    @property
    def reached(self) -> dict[str, set[str]]:
        """Return per test what it and its fixtures (whenever they were set up) called."""
        return {
            test: found.union(*(self.by_fixture.get(f, set()) for f in self.fixtures[test]))
            for test, found in self.own.items()
        }

    def pytest_runtest_logreport(self, report):
        self.seconds[report.nodeid] = self.seconds.get(report.nodeid, 0.0) + report.duration

    @pytest.hookimpl(hookwrapper=True)
    def pytest_fixture_setup(self, fixturedef):
        self.setting_up.append(fixturedef.argname)
        self.by_fixture.setdefault(fixturedef.argname, set())
        yield
        self.setting_up.pop()

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item):
        found = self.own.setdefault(item.nodeid, set())
        self.fixtures[item.nodeid] = list(getattr(item, "fixturenames", ()))

        def profile(frame, event, _):
            if event == "call" and frame.f_code.co_filename == self.filename:
                name = frame.f_code.co_qualname.split(".<locals>")[0]
                found.add(name)
                for fixture in self.setting_up:
                    self.by_fixture[fixture].add(name)

        clear_caches(self.package)
        sys.setprofile(profile)
        threading.setprofile(profile)  # threads the test starts (a pool reading the store)
        yield
        threading.setprofile(None)
        sys.setprofile(None)


class _Failures:
    """Pytest plugin: count the failing test reports, so a kill is a failing test."""

    def __init__(self):
        self.failed: list[str] = []

    def pytest_runtest_logreport(self, report):
        if report.failed:
            self.failed.append(f"{report.nodeid} ({report.when})")


def _pytest_verdict(code: int, failures: _Failures) -> tuple[str, str]:
    """Return the verdict of a pytest run in a mutant's child, and the error of a crash."""
    if code == pytest.ExitCode.OK:
        return SURVIVED, ""
    if code == pytest.ExitCode.TESTS_FAILED and failures.failed:
        return KILLED, failures.failed[0]
    meaning = {
        pytest.ExitCode.TESTS_FAILED: "pytest exited 1 with no failing test",
        pytest.ExitCode.INTERRUPTED: "pytest stopped (an error while collecting the tests?)",
        pytest.ExitCode.INTERNAL_ERROR: "pytest had an internal error",
        # Tests named by id that fail to collect are "not found": a usage error.
        pytest.ExitCode.USAGE_ERROR: "pytest could not collect the tests it was given",
        pytest.ExitCode.NO_TESTS_COLLECTED: "pytest collected no test",
    }
    return CRASHED, meaning.get(code, f"pytest exited {int(code)}")


def _child(verdict: Path, mutant: Mutant, tests: list[str], package: Package) -> int:
    """Run in a forked child: load the mutant, run the tests, write the verdict; return status."""
    try:
        load_mutant(mutant, package.directory, package.name)
    except Exception as exc:  # noqa: BLE001 (any error of a mutated module: a crash, shown)
        traceback.print_exc()
        verdict.write_text(f"{CRASHED}\nthe mutant did not load: {exc}", encoding="utf-8")
        return _EXIT[CRASHED]
    failures = _Failures()
    code = pytest.main([*tests, *PYTEST_ARGS], plugins=[failures])
    result, error = _pytest_verdict(code, failures)
    verdict.write_text(f"{result}\n{error}", encoding="utf-8")
    return _EXIT[result]


def _profile_child(verdict: Path, tests, package: Package, record: tuple[Path, Path]) -> int:
    """Run in a forked child: run the tests as they are, recording which functions each reaches."""
    coverage = _Coverage(str(record[1]), package.name)
    failures = _Failures()
    code = pytest.main([*tests, *PYTEST_ARGS[1:]], plugins=[coverage, failures])
    # Quickest tests first: a mutant's run stops at its first failing test.
    found = coverage.reached
    order = sorted(found, key=lambda test: coverage.seconds.get(test, 0.0))
    reached = {test: sorted(found[test]) for test in order}
    record[0].write_text(json.dumps(reached), encoding="utf-8")
    result, error = _pytest_verdict(code, failures)
    verdict.write_text(f"{result}\n{error}", encoding="utf-8")
    return _EXIT[result]


def _start(work: Path, run, *args) -> int:
    """Fork a child that calls ``run(verdict, *args)``, its output in ``work``; return its id.

    ``verdict`` is ``work / "<child id>.verdict"``, where ``run`` writes its verdict.
    The child has its own process group, so a time-out stops whatever it started too.
    """
    pid = os.fork()
    if pid:
        with contextlib.suppress(PermissionError, ProcessLookupError):
            os.setpgid(pid, pid)  # also here: a kill may come before the child sets it
        return pid
    status = 70  # a child that fails before its verdict is written: read as a crash
    try:
        os.setpgid(0, 0)
        log = os.open(work / f"{os.getpid()}.log", os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
        os.dup2(log, 1)
        os.dup2(log, 2)
        # Also Python's streams: under a test's capture they write elsewhere than fd 1 and 2.
        sys.stdout = sys.stderr = open(log, "w", buffering=1, closefd=False)
        status = run(work / f"{os.getpid()}.verdict", *args)
    except BaseException:  # noqa: BLE001 (the child's traceback goes to its log; status 70)
        traceback.print_exc()
    finally:
        sys.stdout.flush()
        sys.stderr.flush()
        os._exit(status)


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(pid, signal.SIGKILL)


def _tail(log: Path, lines: int = 3) -> str:
    """Return the last lines of a child's output that say what went wrong."""
    if not log.exists():
        return ""
    text = [line.strip() for line in log.read_text(errors="replace").splitlines() if line.strip()]
    # An exception's lines (pytest's "E   TypeError: ..."), else pytest's own error lines.
    raised = [line for line in text if line.startswith("E ")]
    errors = [line for line in text if line.startswith(("ERROR", "INTERNALERROR"))]
    telling = list(dict.fromkeys(raised or errors or text))
    return " / ".join(telling[-lines:])[:400]


def read_verdict(work: Path, pid: int, status: int | None, limit: float) -> tuple[str, str]:
    """Return a finished child's verdict (killed, survived, crashed) and a crash's error.

    ``status`` is the child's wait status, or None for a child stopped at its time limit.
    A child is killed or survived only if it exited with the status of the verdict it wrote.
    """
    log = work / f"{pid}.log"
    if status is None:
        return CRASHED, f"ran past its time limit of {limit:.0f} s"
    if os.WIFSIGNALED(status):
        name = signal.Signals(os.WTERMSIG(status)).name
        return CRASHED, f"died by signal {name}" + (f": {_tail(log)}" if _tail(log) else "")
    code = os.waitstatus_to_exitcode(status)
    written = work / f"{pid}.verdict"
    if not written.exists():
        return CRASHED, f"exited {code} without a verdict: {_tail(log)}"
    result, _, error = written.read_text(encoding="utf-8").partition("\n")
    if _EXIT.get(result) != code:
        return CRASHED, f"exited {code} after writing {result!r}: {_tail(log)}"
    if result == CRASHED:
        detail = _tail(log)
        return CRASHED, f"{error}: {detail}" if detail and detail not in error else error
    return result, error


def _wait(pids: dict[int, float], limit: float) -> tuple[int, int | None] | None:
    """Reap one finished child of ``pids`` (id: start time), or stop one past ``limit``.

    Return (id, wait status) for a finished child, (id, None) for one stopped at its time
    limit, or None when none has finished yet. Only these children are waited for.
    """
    for pid, since in pids.items():
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return pid, status
        if time.monotonic() - since > limit:
            _stop(pid)
            os.waitpid(pid, 0)
            return pid, None
    return None


def _tests_for(mutant: Mutant, reached: dict[str, list[str]]) -> list[str]:
    """Return the tests that call the mutated function (all of them for module-level code)."""
    if not mutant.scope:
        return list(reached)
    name = ".".join(mutant.scope)
    return [test for test, functions in reached.items() if name in functions]


def mutants_of(module: str, package: Package = PACKAGE) -> list[Mutant]:
    """Return the mutants of one module of ``package`` (only :data:`ONLY`'s functions)."""
    found = find_mutants((package.directory / module).read_text(encoding="utf-8"), module)
    only = ONLY.get(module)
    return [m for m in found if not only or (m.scope and m.scope[0] in only)]


def _entry(mutant: Mutant, **more) -> dict:
    found = {"module": mutant.module, "line": mutant.line, "function": mutant.function}
    return {**found, "code": mutant.code, "mutation": mutant.mutation, **more}


def _survivor(mutant: Mutant, known: dict[str, str], note: str = "") -> dict:
    reason = known.get(mutant.key)
    more = {"new": reason is None, **({"reason": reason} if reason else {})}
    return _entry(mutant, **more, **({"note": note} if note else {}))


def run_module(
    module: str,
    tests: list[str],
    jobs: int,
    budget: float,
    equivalent: dict,
    known: dict | None = None,
    package: Package = PACKAGE,
    min_limit: float = MIN_LIMIT,
) -> dict:
    """Run every mutant of one module; return its counts, survivors and crashes."""
    known = known or {}
    mutants = mutants_of(module, package)
    listed = [m for m in mutants if m.key in equivalent]
    todo = [m for m in mutants if m.key not in equivalent]
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="mutate-") as folder:
        work = Path(folder)
        record = work / "reached.json"
        record.write_text("{}", encoding="utf-8")
        if tests:  # (no tests: pytest would run them all)
            pid = _start(work, _profile_child, tests, package, (record, package.directory / module))
            running = {pid: started}
            while (done := _wait(running, budget)) is None:
                time.sleep(0.05)
            result, error = read_verdict(work, pid, done[1], budget)
            if result != SURVIVED:
                return {"module": module, "error": f"its tests fail without a mutant: {error}"}
        reached = json.loads(record.read_text(encoding="utf-8"))
        baseline = time.monotonic() - started
        limit = max(min_limit, 2 * baseline)
        running: dict[int, float] = {}
        of: dict[int, Mutant] = {}
        counts = {KILLED: 0, SURVIVED: 0, CRASHED: 0}
        survivors, crashes, not_run, unreached = [], [], 0, 0
        queue = list(todo)
        try:
            while queue or running:
                while queue and len(running) < jobs:
                    if time.monotonic() - started > budget:
                        not_run += len(queue)
                        queue.clear()
                        break
                    mutant = queue.pop(0)
                    chosen = _tests_for(mutant, reached)
                    if not chosen:  # no test calls the function: it survives without a run
                        unreached += 1
                        counts[SURVIVED] += 1
                        survivors.append(_survivor(mutant, known, "no test calls it"))
                        continue
                    pid = _start(work, _child, mutant, chosen, package)
                    running[pid], of[pid] = time.monotonic(), mutant
                if not running:
                    continue
                done = _wait(running, limit)
                if done is None:
                    time.sleep(0.02)
                    continue
                pid, status = done
                del running[pid]
                result, error = read_verdict(work, pid, status, limit)
                counts[result] += 1
                if result == SURVIVED:
                    survivors.append(_survivor(of[pid], known))
                elif result == CRASHED:
                    crashes.append(_entry(of[pid], error=error))
        finally:
            for child in running:  # stopped early (an error, Ctrl-C): no child left behind
                _stop(child)
    return {
        "module": module,
        "mutants": sum(counts.values()),
        "killed": counts[KILLED],
        "survived": counts[SURVIVED],
        "crashed": counts[CRASHED],
        "equivalent": len(listed),
        "not_run": not_run,
        "unreached": unreached,
        "baseline_seconds": round(baseline, 1),
        "seconds": round(time.monotonic() - started, 1),
        "survivors": sorted(survivors, key=lambda s: s["line"]),
        "crashes": sorted(crashes, key=lambda s: s["line"]),
    }


def _warm_up(tests: list[str]) -> None:
    """Import the tests, their plugins and the package once, here, so each child starts fast.

    Forked children find the test modules already imported; only their fixtures and tests run.
    """
    saved = os.dup(1), os.dup(2)
    quiet = os.open(os.devnull, os.O_WRONLY)
    os.dup2(quiet, 1)
    os.dup2(quiet, 2)
    try:
        pytest.main(["--collect-only", "-q", *tests, *PYTEST_ARGS[1:]])
    finally:
        os.dup2(saved[0], 1)
        os.dup2(saved[1], 2)
        for fd in (*saved, quiet):
            os.close(fd)


def _previous(report: dict, chosen: dict) -> tuple[list[dict], list[str]]:
    """Return an earlier report's results of the modules not run now, and all its modules."""
    modules = [m.split(" (only")[0] for m in report["modules"]]
    kept = [dict(r) for r in report["per_module"] if r["module"] not in chosen]
    for result in kept:
        mine = result["module"]
        result["survivors"] = [s for s in report["survivors"] if s["module"] == mine]
        result["crashes"] = [s for s in report.get("crashes", []) if s["module"] == mine]
    return kept, modules + [m for m in chosen if m not in modules]


def score(killed: int, survived: int) -> float | None:
    """Return the mutation score: killed over killed and survived (crashes count neither way)."""
    return round(killed / (killed + survived), 4) if killed + survived else None


def _report(modules: list[str], results: list[dict], seconds: float, stale: dict) -> dict:
    counted = [r for r in results if "error" not in r]

    def total(key: str) -> int:
        return sum(r[key] for r in counted)

    survivors = [s for r in counted for s in r["survivors"]]
    return {
        "modules": [f"{m} (only {', '.join(ONLY[m])})" if m in ONLY else m for m in modules],
        "mutants": total("mutants"),
        "killed": total("killed"),
        "survived": total("survived"),
        "crashed": total("crashed"),
        "score": score(total("killed"), total("survived")),
        "new_survivors": sum(s["new"] for s in survivors),
        "equivalent": total("equivalent"),
        "not_run": total("not_run"),
        "unreached": total("unreached"),
        "survivors": survivors,
        "crashes": [c for r in counted for c in r["crashes"]],
        "stale": stale,
        "equivalent_killed": [k for r in counted for k in r.get("equivalent_killed", [])],
        "errors": [r for r in results if "error" in r],
        "seconds": round(seconds, 1),
        "per_module": [
            {k: v for k, v in r.items() if k not in ("survivors", "crashes")} for r in results
        ],
    }


def _listed_apart(result: dict, module: str, equivalent: dict) -> dict:
    """Take the listed equivalent mutants out of a run that ran them; name those killed.

    A listed mutant that neither survived nor crashed was killed: its entry is wrong.
    """
    if "error" in result or result["not_run"]:
        return result

    def key(entry: dict) -> str:
        return " | ".join(entry[k] for k in ("module", "function", "code", "mutation"))

    listed = {k for k in equivalent if k.split(" | ")[0] == module}
    survived = [s for s in result["survivors"] if key(s) in listed]
    crashed = [c for c in result["crashes"] if key(c) in listed]
    killed = sorted(listed - {key(e) for e in survived + crashed})
    return {
        **result,
        "mutants": result["mutants"] - len(listed),
        "killed": result["killed"] - len(killed),
        "survived": result["survived"] - len(survived),
        "crashed": result["crashed"] - len(crashed),
        "unreached": result["unreached"] - sum("note" in s for s in survived),
        "equivalent": len(listed),
        "equivalent_killed": killed,
        "survivors": [s for s in result["survivors"] if key(s) not in listed],
        "crashes": [c for c in result["crashes"] if key(c) not in listed],
    }


def _print_module(result: dict) -> None:
    keep = ("survivors", "crashes")
    print(json.dumps({k: v for k, v in result.items() if k not in keep}), flush=True)
    for s in result.get("survivors", []):
        key = " | ".join(s[k] for k in ("module", "function", "code", "mutation"))
        label = "NEW survivor" if s["new"] else "known survivor"
        print(f"  {label} line {s['line']}: {key}" + (f"  ({s['note']})" if "note" in s else ""))
    for key in result.get("equivalent_killed", []):
        print(f"  WRONG equivalent entry, a test kills it: {key}")
    for c in result.get("crashes", []):
        key = " | ".join(c[k] for k in ("module", "function", "code", "mutation"))
        print(f"  crashed line {c['line']}: {key}: {c['error']}")


def main(argv: list[str] | None = None) -> int:
    """Run the mutation tests and write the JSON report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--budget", type=float, default=3600.0, help="seconds per module")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--out", type=Path, default=checkout.REPORTS_DIR / "mutation.json")
    parser.add_argument("--update", action="store_true", help="rerun --module, keep --out's others")
    parser.add_argument(
        "--check-equivalent",
        action="store_true",
        help="run the listed equivalent mutants too, and name any that a test kills",
    )
    args = parser.parse_args(argv)
    os.chdir(checkout.ROOT)
    # A terminated run stops its children too (run_module's finally), as Ctrl-C does.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    unknown = [m for m in args.module or [] if m not in TARGETS]
    if unknown:
        parser.error(f"{unknown[0]} is not a target; the targets are: {', '.join(TARGETS)}")
    chosen = {m: TARGETS[m] for m in args.module} if args.module else dict(TARGETS)
    equivalent, known = load_list(EQUIVALENT_FILE), load_list(KNOWN_FILE)
    every = [m for module in TARGETS for m in mutants_of(module)]
    stale = {
        "equivalent": stale_entries(equivalent, every),
        "known_survivors": stale_entries(known, every),
    }
    if args.list:
        for module in chosen:
            for m in mutants_of(module):
                mark = "  [equivalent]" if m.key in equivalent else ""
                mark += "  [known survivor]" if m.key in known else ""
                print(f"{m.line:4d} {m.key}{mark}")
        return 0
    chosen = {m: [t for t in ts if Path(t.split("::")[0]).exists()] for m, ts in chosen.items()}
    _warm_up(sorted({t for ts in chosen.values() for t in ts}))
    started, results, modules = time.monotonic(), [], list(chosen)
    if args.update and args.out.exists():
        results, modules = _previous(json.loads(args.out.read_text(encoding="utf-8")), chosen)
    report = _report(modules, results, 0.0, stale)
    for module, tests in chosen.items():
        listed = {} if args.check_equivalent else equivalent
        result = run_module(module, tests, args.jobs, args.budget, listed, known)
        if args.check_equivalent:
            result = _listed_apart(result, module, equivalent)
        results = [r for r in results if r["module"] != module] + [result]
        _print_module(result)
        report = _report(modules, results, time.monotonic() - started, stale)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")  # so far
    # Known survivors that no longer survive (killed now, or crashed) are stale too.
    surviving = {" | ".join(s[k] for k in ("module", "function", "code", "mutation"))
                 for s in report["survivors"]}  # fmt: skip
    ran = {r["module"] for r in results if "error" not in r}
    stale["known_survivors"] += [
        k for k in known
        if k.split(" | ")[0] in ran and k not in surviving and k not in stale["known_survivors"]
    ]  # fmt: skip
    report = _report(modules, results, time.monotonic() - started, stale)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    for kind, keys in stale.items():
        for key in keys:
            print(f"stale entry in the {kind.replace('_', ' ')} list: {key}")
    print(
        f"score {report['killed']}/{report['killed'] + report['survived']} = {report['score']}"
        f" ({report['mutants']} mutants: {report['killed']} killed, {report['survived']} "
        f"survived ({report['new_survivors']} new), {report['crashed']} crashed; "
        f"{report['equivalent']} equivalent left out) -> {args.out}"
    )
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
