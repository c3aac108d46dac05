"""Mutation testing of the core: plant each small bug, run the tests that cover it, count kills.

``make mutate`` (``python -m backday_analysis.tools.mutate``) goes through :data:`TARGETS`:
for each module it lists the mutants (:mod:`backday_analysis.tools.mutants`), and for each
mutant forks this process, patches the mutated function's code into the loaded module (and
every ``from ... import`` copy of a changed module constant), then runs only that module's
tests with pytest, stopping at the first failure. A mutant is *killed* when a test fails or
the run passes its time limit. The parent imports the heavy libraries once, so a mutant costs
only its tests.

Mutants listed in ``tests/mutation-equivalent.txt`` (``module | code | mutation | reason``,
one per line) cannot change behaviour and are left out. The result goes to
``reports/mutation.json``: ``{"modules", "mutants", "killed", "score", "survivors": [{"module",
"line", "mutation"}], ...}``.

Tests that run the package in another process (the command line, papermill kernels) do not
see an in-memory mutant; the map lists tests that call the code in this process.
"""

from __future__ import annotations

import argparse
import builtins
import importlib
import json
import os
import signal
import sys
import time
from pathlib import Path

from backday_analysis import paths
from backday_analysis.tools.mutants import Mutant, find_mutants, mutated_code

PACKAGE_DIR = paths.PROJECT_ROOT / "backday_analysis"
EQUIVALENT_FILE = paths.PROJECT_ROOT / "tests" / "mutation-equivalent.txt"
_FLAGS = ["tests/test_flags.py", "tests/metrics/test_flag_boundaries.py"]
_IMPORTS = ["tests/importers/test_importing.py", "tests/datafolder/test_merge.py"]
#: Each core module and the tests that exercise it in-process, fastest and closest first.
TARGETS = {
    "metrics/weeks.py": ["tests/test_weeks.py", "tests/test_weekly.py", "tests/test_flags.py"],
    "metrics/weekly.py": ["tests/test_weekly.py", "tests/test_client_week.py", *_FLAGS],
    "datafolder/merge.py": _IMPORTS,
    "datafolder/import_summary.py": ["tests/datafolder/test_import_summary.py", *_IMPORTS],
    "importers/cells.py": [
        "tests/importers/test_cells.py",
        "tests/importers/test_strong.py",
        "tests/importers/test_hevy.py",
        "tests/importers/test_fitnotes.py",
        "tests/importers/test_fitbod.py",
    ],
    "canonical.py": ["tests/test_canonical.py", "tests/test_logs.py"],
    "datafolder/logs.py": ["tests/test_logs.py"],
    "metrics/flags.py": _FLAGS,
    "metrics/flag_table.py": _FLAGS,
    "metrics/deadlift_flags.py": _FLAGS,
    "metrics/advice.py": ["tests/test_advice.py"],
    "views/client_week.py": ["tests/test_client_week.py"],
    "views/roster_week.py": ["tests/test_roster_week.py"],
    "views/display.py": ["tests/test_display.py"],
}
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-W", "ignore", "--no-header"]


def load_equivalent(path: Path = EQUIVALENT_FILE) -> dict[str, str]:
    """Return the equivalent mutants' keys (``module | code | mutation``) and reasons."""
    found = {}
    if not path.exists():
        return found
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.strip() and not raw.startswith("#"):
            key, _, reason = raw.rpartition(" | ")
            found[key.strip()] = reason.strip()
    return found


def _module_name(module: str) -> str:
    return "backday_analysis." + module.removesuffix(".py").replace("/", ".")


def _functions(owner) -> list:
    """Return the plain functions behind a function, method or property."""
    if isinstance(owner, property):
        return [f for f in (owner.fget, owner.fset, owner.fdel) if f is not None]
    return [getattr(owner, "__func__", owner)]


def _patch(mutant: Mutant) -> None:
    """Load ``mutant`` into the running interpreter (only ever called in a forked child)."""
    name, path = _module_name(mutant.module), PACKAGE_DIR / mutant.module
    module = importlib.import_module(name)
    code = mutated_code(path.read_text(encoding="utf-8"), mutant, str(path))
    fresh = {"__name__": name, "__file__": str(path), "__builtins__": builtins}
    fresh["__package__"] = module.__package__
    exec(code, fresh)
    if mutant.scope:
        old, new = vars(module)[mutant.scope[0]], fresh[mutant.scope[0]]
        if len(mutant.scope) == 2:
            old, new = vars(old)[mutant.scope[1]], vars(new)[mutant.scope[1]]
        for before, after in zip(_functions(old), _functions(new), strict=True):
            before.__code__ = after.__code__
            before.__defaults__, before.__kwdefaults__ = after.__defaults__, after.__kwdefaults__
        return
    for key, value in fresh.items():
        old = vars(module).get(key)
        if key.startswith("__") or callable(value) or type(value).__name__ == "module":
            continue
        try:
            differs = bool(value != old)
        except (TypeError, ValueError):
            differs = True
        if differs:  # also the copies other modules took with `from module import key`
            for other in list(sys.modules.values()):
                owned = getattr(other, "__name__", "").startswith("backday_analysis")
                if owned and getattr(other, key, None) is old:
                    setattr(other, key, value)


def _start(mutant: Mutant | None, tests: list[str]) -> int:
    """Fork a child that runs ``tests`` against ``mutant`` (or the code as it is)."""
    pid = os.fork()
    if pid:
        try:
            os.setpgid(pid, pid)  # also here: a kill may come before the child sets it
        except (PermissionError, ProcessLookupError):
            pass
        return pid
    code = 3
    try:
        os.setpgid(0, 0)
        quiet = os.open(os.devnull, os.O_WRONLY)
        os.dup2(quiet, 1)
        os.dup2(quiet, 2)
        import pytest

        if mutant is not None:
            _patch(mutant)
        code = int(pytest.main([*tests, *PYTEST_ARGS]))
    finally:
        os._exit(code)


def _stop(pid: int) -> None:
    try:
        os.killpg(pid, signal.SIGKILL)
    except ProcessLookupError:
        pass


def run_module(module: str, tests: list[str], jobs: int, budget: float, equivalent: dict) -> dict:
    """Run every mutant of one module; return its counts and survivors."""
    path = PACKAGE_DIR / module
    mutants = find_mutants(path.read_text(encoding="utf-8"), module)
    listed = [m for m in mutants if m.key in equivalent]
    todo = [m for m in mutants if m.key not in equivalent]
    started = time.monotonic()
    pid = _start(None, tests)
    _, status = os.waitpid(pid, 0)
    baseline = time.monotonic() - started
    if os.waitstatus_to_exitcode(status) != 0:
        return {"module": module, "error": f"its tests fail without a mutant: {tests}"}
    limit = max(30.0, 4 * baseline)
    running: dict[int, tuple[Mutant, float]] = {}
    killed, survivors, not_run = 0, [], 0
    queue = list(todo)
    while queue or running:
        while queue and len(running) < jobs:
            if time.monotonic() - started > budget:
                not_run += len(queue)
                queue.clear()
                break
            mutant = queue.pop(0)
            running[_start(mutant, tests)] = (mutant, time.monotonic())
        pid, status = os.waitpid(-1, os.WNOHANG)
        if pid == 0:
            for child, (_, since) in list(running.items()):
                if time.monotonic() - since > limit:
                    _stop(child)  # reaped by waitpid; counted as killed (a hang)
            time.sleep(0.02)
            continue
        mutant, _ = running.pop(pid)
        if os.waitstatus_to_exitcode(status) == 0:
            survivors.append({"module": module, "line": mutant.line, "mutation": mutant.mutation,
                              "code": mutant.code})  # fmt: skip
        else:
            killed += 1
    return {
        "module": module,
        "mutants": len(todo) - not_run,
        "killed": killed,
        "equivalent": len(listed),
        "not_run": not_run,
        "baseline_seconds": round(baseline, 1),
        "seconds": round(time.monotonic() - started, 1),
        "survivors": sorted(survivors, key=lambda s: s["line"]),
    }


def _warm_up() -> None:
    """Import what the tests need once, in the parent, so each forked child starts fast."""
    import hypothesis  # noqa: F401
    import pytest  # noqa: F401
    import typer.testing  # noqa: F401

    import backday_analysis.cli.commands  # noqa: F401
    import backday_analysis.tools.demo  # noqa: F401

    for module in TARGETS:
        if (PACKAGE_DIR / module).exists():
            importlib.import_module(_module_name(module))


def main(argv: list[str] | None = None) -> int:
    """Run the mutation tests and write the JSON report; return the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", help="only this module (repeatable)")
    parser.add_argument("--jobs", type=int, default=2, help="mutants run at once")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds per module")
    parser.add_argument("--list", action="store_true", help="list the mutants, run nothing")
    parser.add_argument("--out", type=Path, default=paths.REPORTS_DIR / "mutation.json")
    args = parser.parse_args(argv)
    os.chdir(paths.PROJECT_ROOT)
    chosen = {m: t for m, t in TARGETS.items() if not args.module or m in args.module}
    chosen = {m: t for m, t in chosen.items() if (PACKAGE_DIR / m).exists()}  # advice: later
    equivalent = load_equivalent()
    if args.list:
        for module in chosen:
            for m in find_mutants((PACKAGE_DIR / module).read_text(encoding="utf-8"), module):
                print(f"{m.line:4d} {m.key}{'  [equivalent]' if m.key in equivalent else ''}")
        return 0
    _warm_up()
    started, results = time.monotonic(), []
    for module, tests in chosen.items():
        tests = [t for t in tests if Path(t.split("::")[0]).exists()]
        result = run_module(module, tests, args.jobs, args.budget, equivalent)
        results.append(result)
        print(json.dumps({k: v for k, v in result.items() if k != "survivors"}), flush=True)
    counted = [r for r in results if "error" not in r]
    total = sum(r["mutants"] for r in counted)
    killed = sum(r["killed"] for r in counted)
    report = {
        "modules": list(chosen),
        "mutants": total,
        "killed": killed,
        "score": round(killed / total, 4) if total else None,
        "survivors": [s for r in counted for s in r["survivors"]],
        "equivalent": sum(r["equivalent"] for r in counted),
        "not_run": sum(r["not_run"] for r in counted),
        "errors": [r for r in results if "error" in r],
        "seconds": round(time.monotonic() - started, 1),
        "per_module": [{k: v for k, v in r.items() if k != "survivors"} for r in results],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    print(f"score {killed}/{total} = {report['score']} in {report['seconds']} s -> {args.out}")
    return 1 if report["errors"] else 0


if __name__ == "__main__":
    raise SystemExit(main())
