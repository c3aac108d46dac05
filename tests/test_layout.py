"""The package's layout follows the data: each stage imports only itself and earlier stages.

The stages, in the order data flows through them (see README, "How it fits together"). The
test reads every module's imports, the ones inside functions too, with :mod:`ast`.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import backday_analysis

PACKAGE = Path(backday_analysis.__file__).parent
#: Stage of each top-level module or subpackage; an import may not go to a higher number.
STAGES = {
    "__init__": 0,
    "errors": 0,
    "paths": 0,
    "resources": 0,
    "canonical": 0,
    "atomic": 0,
    "coach_tables": 0,
    "clock": 0,
    "imports": 0,
    "importers": 1,
    "datafolder": 2,
    # The demo generator writes a data folder from the log columns alone.
    "demo": 2,
    "metrics": 3,
    "views": 4,
    "charts": 5,
    "rendering": 6,
    "cli": 7,
    "__main__": 9,
}
MAX_LINES = 300


def _modules() -> dict[str, Path]:
    found = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE).with_suffix("").parts
        if parts[-1] == "__init__" and len(parts) > 1:
            parts = parts[:-1]
        found[".".join(("backday_analysis", *parts))] = path
    return found


MODULES = _modules()


def _imports(name: str, path: Path) -> set[str]:
    """Return the package modules that ``name`` imports (relative imports resolved)."""
    out = set()
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                base = ".".join(package.split(".")[: len(package.split(".")) - node.level + 1])
                base = f"{base}.{node.module}" if node.module else base
            targets = [f"{base}.{alias.name}" for alias in node.names] + [base]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target and target != name:
                out.add(target)
    return out


GRAPH = {name: _imports(name, path) for name, path in MODULES.items()}


def stage(module: str) -> int:
    """Return the stage number of a package module."""
    parts = module.split(".")
    return STAGES[parts[1] if len(parts) > 1 else "__init__"]


def test_every_module_has_a_stage():
    unknown = {m for m in MODULES if len(m.split(".")) > 1 and m.split(".")[1] not in STAGES}
    assert not unknown


@pytest.mark.parametrize("module", sorted(MODULES))
def test_imports_go_to_earlier_stages_only(module):
    upward = sorted(t for t in GRAPH[module] if stage(t) > stage(module))
    assert not upward, f"{module} (stage {stage(module)}) imports later stages: {upward}"


def _cycle() -> list[str] | None:
    """Return one import cycle among the package's modules, or None."""
    state: dict[str, int] = {}
    trail: list[str] = []

    def visit(node: str) -> list[str] | None:
        state[node] = 1
        trail.append(node)
        for nxt in sorted(GRAPH[node]):
            if state.get(nxt) == 1:
                return trail[trail.index(nxt) :] + [nxt]
            if nxt not in state and (found := visit(nxt)):
                return found
        trail.pop()
        state[node] = 2
        return None

    for start in sorted(GRAPH):
        if start not in state and (found := visit(start)):
            return found
    return None


def test_no_import_cycles():
    cycle = _cycle()
    assert cycle is None, " -> ".join(cycle or [])


def test_the_cycle_finder_finds_a_planted_cycle(monkeypatch):
    monkeypatch.setitem(GRAPH, "backday_analysis.errors", {"backday_analysis.paths"})
    monkeypatch.setitem(GRAPH, "backday_analysis.paths", {"backday_analysis.errors"})
    assert _cycle() in (
        ["backday_analysis.errors", "backday_analysis.paths", "backday_analysis.errors"],
        ["backday_analysis.paths", "backday_analysis.errors", "backday_analysis.paths"],
    )


def test_upward_imports_are_seen_inside_functions(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text("def f():\n    from backday_analysis.rendering import report\n")
    assert "backday_analysis.rendering.report" in _imports("backday_analysis.metrics.x", module)


@pytest.mark.parametrize("module", sorted(MODULES))
def test_modules_stay_short(module):
    lines = len(MODULES[module].read_text().splitlines())
    assert lines <= MAX_LINES, f"{module} has {lines} lines; split it by concern"


def _private_imports(path: Path) -> list[str]:
    """Return ``module._name`` for each private name ``path`` imports from the package or dev."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and (
            node.level or (node.module or "").split(".")[0] in ("backday_analysis", "dev")
        ):
            found += [
                f"{node.module}.{alias.name}"
                for alias in node.names
                if alias.name.startswith("_") and not alias.name.startswith("__")
            ]
    return found


ROOT = PACKAGE.parent
SOURCES = sorted(
    str(p.relative_to(ROOT))
    for d in ("backday_analysis", "dev", "tests")
    for p in (ROOT / d).rglob("*.py")
)


@pytest.mark.parametrize("source", SOURCES)
def test_no_private_name_is_imported_from_another_module(source):
    private = _private_imports(ROOT / source)
    assert not private, f"{source} imports private names {private}; make them public or move them"


def test_a_planted_private_import_is_seen(tmp_path):
    module = tmp_path / "probe.py"
    module.write_text("from backday_analysis.importers.table import _HIDDEN, Layout\n")
    assert _private_imports(module) == ["backday_analysis.importers.table._HIDDEN"]
