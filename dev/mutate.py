"""Mutation testing of the core: plant each small bug, run the tests that cover it, count kills.

``make mutate`` goes through :data:`TARGETS`: a profiled run of each module's tests records
which functions each test reaches; then, per mutant (:mod:`~.mutants`), a forked child patches
the mutated code into the loaded module and runs the tests that reach it, stopping at the first
failure. A mutant is *killed* when a test fails or the run passes its time limit.

Mutants listed in ``tests/mutation-equivalent.txt`` (``module | function | code | mutation |
reason``, one per line) cannot change behaviour and are left out. The result goes to
``reports/mutation.json``: ``{"modules", "mutants", "killed", "score", "survivors": [{"module",
"line", "mutation"}], ...}``.

Tests that run the package in another process (the command line, papermill kernels) do not
see an in-memory mutant; the map lists tests that call the code in this process.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import sys
import tempfile
import time
from pathlib import Path

import pytest

import dev as checkout
from dev.mutants import Mutant, find_mutants, load_mutant

PACKAGE_DIR = checkout.ROOT / "backday_analysis"
EQUIVALENT_FILE = checkout.ROOT / "tests" / "mutation-equivalent.txt"
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
#: Each core module and the tests that exercise it in-process, fastest and closest first.
TARGETS = {
    "metrics/weeks.py": ["tests/test_weeks.py", "tests/test_weekly.py", "tests/test_flags.py"],
    "metrics/weekly.py": ["tests/test_weekly.py", "tests/test_client_week.py", *_FLAGS],
    "metrics/week_counts.py": ["tests/test_weekly.py", "tests/test_store_weekly.py", *_FLAGS],
    "datafolder/merge.py": _IMPORTS,
    "datafolder/import_summary.py": ["tests/test_import_summary.py", *_IMPORTS],
    "importers/cells.py": ["tests/importers/test_cells.py", "tests/importers/test_strong.py"],
    "canonical.py": ["tests/test_canonical.py", "tests/test_logs.py"],
    "datafolder/logs.py": ["tests/test_logs.py", "tests/test_canonical.py"],
    "metrics/flags.py": _FLAGS,
    "metrics/flag_table.py": _FLAGS,
    "metrics/deadlift_flags.py": _FLAGS,
    "metrics/advice.py": ["tests/test_advice.py"],
    "views/client_week.py": ["tests/test_client_week.py"],
    "views/roster_week.py": ["tests/test_roster_week.py"],
    "views/display.py": ["tests/test_display.py"],
}
#: Modules of which only these functions are mutated: the log reader's typing and kg conversion.
ONLY = {"datafolder/logs.py": ("_typed_sets",)}
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-W", "ignore", "--no-header"]


def load_equivalent(path: Path = EQUIVALENT_FILE) -> dict[str, str]:
    """Return the equivalent mutants' keys (``module | function | code | mutation``) and why."""
    found = {}
    if not path.exists():
        return found
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, _, reason = raw.rpartition(" | ")
            found[key.strip()] = reason.strip()
    return found


class _Coverage:
    """Pytest plugin: record which functions of one file each test (with its fixtures) calls."""

    def __init__(self, filename: str):
        self.filename, self.reached = filename, {}

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_protocol(self, item):
        found = self.reached.setdefault(item.nodeid, set())

        def profile(frame, event, _):
            if event == "call" and frame.f_code.co_filename == self.filename:
                found.add(frame.f_code.co_qualname.split(".<locals>")[0])

        sys.setprofile(profile)
        yield
        sys.setprofile(None)


def _start(mutant: Mutant | None, tests: list[str], record: tuple[Path, Path] | None = None):
    """Fork a child that runs ``tests`` against ``mutant`` (or the code as it is); return its id.

    With ``record`` (a JSON file, a module's file), the child writes there which of the module's
    functions each test reached: ``{test id: [qualified names]}``.
    """
    pid = os.fork()
    if pid:
        with contextlib.suppress(PermissionError, ProcessLookupError):
            os.setpgid(pid, pid)  # also here: a kill may come before the child sets it
        return pid
    code = 3
    try:
        os.setpgid(0, 0)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        if mutant is not None:
            load_mutant(mutant, PACKAGE_DIR)
        if record is None:
            code = int(pytest.main([*tests, *PYTEST_ARGS]))
        else:
            coverage = _Coverage(str(record[1]))
            code = int(pytest.main([*tests, *PYTEST_ARGS[1:]], plugins=[coverage]))
            reached = {k: sorted(v) for k, v in coverage.reached.items()}
            record[0].write_text(json.dumps(reached), encoding="utf-8")
    finally:
        os._exit(code)


def _tests_for(mutant: Mutant, reached: dict[str, list[str]]) -> list[str]:
    """Return the tests that call the mutated function (all of them for module-level code)."""
    if not mutant.scope:
        return list(reached)
    name = ".".join(mutant.scope)
    return [test for test, functions in reached.items() if name in functions]


def _stop(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signal.SIGKILL)


def _mutants_of(module: str) -> list[Mutant]:
    found = find_mutants((PACKAGE_DIR / module).read_text(encoding="utf-8"), module)
    only = ONLY.get(module)
    return [m for m in found if not only or (m.scope and m.scope[0] in only)]


def _survivor(mutant: Mutant, note: str = "") -> dict:
    found = {"module": mutant.module, "line": mutant.line, "mutation": mutant.mutation}
    found["function"] = mutant.function
    return {**found, "code": mutant.code, **({"note": note} if note else {})}


def run_module(module: str, tests: list[str], jobs: int, budget: float, equivalent: dict) -> dict:
    """Run every mutant of one module; return its counts and survivors."""
    path = PACKAGE_DIR / module
    mutants = _mutants_of(module)
    listed = [m for m in mutants if m.key in equivalent]
    todo = [m for m in mutants if m.key not in equivalent]
    started = time.monotonic()
    with tempfile.TemporaryDirectory() as folder:  # (no tests: pytest would run them all)
        record = Path(folder) / "reached.json"
        record.write_text("{}", encoding="utf-8")
        status = os.waitpid(_start(None, tests, (record, path)), 0)[1] if tests else 0
        if os.waitstatus_to_exitcode(status) != 0:
            return {"module": module, "error": f"its tests fail without a mutant: {tests}"}
        reached = json.loads(record.read_text(encoding="utf-8"))
    baseline = time.monotonic() - started
    limit = max(60.0, 2 * baseline)
    running: dict[int, tuple[Mutant, float]] = {}
    killed, survivors, not_run, unreached = 0, [], 0, 0
    queue = list(todo)
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
                survivors.append(_survivor(mutant, "no test calls it"))
                continue
            running[_start(mutant, chosen)] = (mutant, time.monotonic())
        if not running:  # the last mutants reached no test
            continue
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for child, (_, since) in list(running.items()):
                if time.monotonic() - since > limit:
                    _stop(child)  # reaped by waitpid; counted as killed (a hang)
            time.sleep(0.02)
            continue
        mutant, _ = running.pop(pid)
        if os.waitstatus_to_exitcode(status) == 0:
            survivors.append(_survivor(mutant))
        else:
            killed += 1
    return {
        "module": module,
        "mutants": len(todo) - not_run,
        "killed": killed,
        "equivalent": len(listed),
        "not_run": not_run,
        "unreached": unreached,
        "baseline_seconds": round(baseline, 1),
        "seconds": round(time.monotonic() - started, 1),
        "survivors": sorted(survivors, key=lambda s: s["line"]),
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


def _previous(report: dict, chosen: dict) -> tuple[list[dict], list[str]]:
    """Return an earlier report's results of the modules not run now, and all its modules."""
    modules = [m.split(" (only")[0] for m in report["modules"]]
    kept = [dict(r) for r in report["per_module"] if r["module"] not in chosen]
    for result in kept:
        result["survivors"] = [s for s in report["survivors"] if s["module"] == result["module"]]
    return kept, modules + [m for m in chosen if m not in modules]


def _report(modules: list[str], results: list[dict], seconds: float) -> dict:
    counted = [r for r in results if "error" not in r]
    total = sum(r["mutants"] for r in counted)
    killed = sum(r["killed"] for r in counted)
    return {
        "modules": [f"{m} (only {', '.join(ONLY[m])})" if m in ONLY else m for m in modules],
        "mutants": total,
        "killed": killed,
        "score": round(killed / total, 4) if total else None,
        "survivors": [s for r in counted for s in r["survivors"]],
        "equivalent": sum(r["equivalent"] for r in counted),
        "not_run": sum(r["not_run"] for r in counted),
        "unreached": sum(r["unreached"] for r in counted),
        "errors": [r for r in results if "error" in r],
        "seconds": round(seconds, 1),
        "per_module": [{k: v for k, v in r.items() if k != "survivors"} for r in results],
    }


def main(argv: list[str] | None = None) -> int:
    """Run the mutation tests and write the JSON report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--budget", type=float, default=900.0, help="seconds per module")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--out", type=Path, default=checkout.REPORTS_DIR / "mutation.json")
    parser.add_argument("--update", action="store_true", help="rerun --module, keep --out's others")
    args = parser.parse_args(argv)
    os.chdir(checkout.ROOT)
    chosen = {m: TARGETS[m] for m in args.module} if args.module else dict(TARGETS)
    chosen = {m: t for m, t in chosen.items() if (PACKAGE_DIR / m).exists()}  # advice: later
    equivalent = load_equivalent()
    if args.list:
        for module in chosen:
            for m in _mutants_of(module):
                print(f"{m.line:4d} {m.key}{'  [equivalent]' if m.key in equivalent else ''}")
        return 0
    chosen = {m: [t for t in ts if Path(t.split("::")[0]).exists()] for m, ts in chosen.items()}
    _warm_up(sorted({t for ts in chosen.values() for t in ts}))
    started, results, modules = time.monotonic(), [], list(chosen)
    if args.update and args.out.exists():
        results, modules = _previous(json.loads(args.out.read_text(encoding="utf-8")), chosen)
    for module, tests in chosen.items():
        result = run_module(module, tests, args.jobs, args.budget, equivalent)
        results = [r for r in results if r["module"] != module] + [result]
        print(json.dumps({k: v for k, v in result.items() if k != "survivors"}), flush=True)
        for survivor in result.get("survivors", []):
            key = " | ".join(survivor[k] for k in ("module", "function", "code", "mutation"))
            print(f"  survived line {survivor['line']}: {key}")
        report = _report(modules, results, time.monotonic() - started)
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")  # so far
    print(f"score {report['killed']}/{report['mutants']} = {report['score']} -> {args.out}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
