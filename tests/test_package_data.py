"""The package reads its shipped files through importlib.resources, and carries no dev tools.

The shipped notebooks and data-folder defaults are the top-level ``notebooks/`` and ``data/``
files, linked into the package; ``tests/test_install.py`` checks the built wheel's copies.
"""

from __future__ import annotations

import ast
import importlib.resources
from pathlib import Path

import checkout
import pytest
from fresh_python import run_python

import backday_analysis
from backday_analysis import resources

PACKAGE = Path(backday_analysis.__file__).parent
#: Developer-only libraries: the installed package never imports them.
DEV_ONLY = ("pytest", "duckdb", "polars", "hypothesis", "nbval", "dev")


def test_every_top_level_notebook_ships_as_the_same_file():
    top_level = sorted(p.name for p in checkout.NOTEBOOKS_DIR.glob("*.ipynb"))
    assert sorted(resources.NOTEBOOKS) == top_level
    for name in top_level:
        shipped = resources.notebook(name)
        assert shipped.samefile(checkout.NOTEBOOKS_DIR / name), name
        assert importlib.resources.files("backday_analysis").joinpath("notebooks", name).is_file()


def test_the_defaults_ship_as_the_top_level_data_files():
    for name in resources.DEFAULT_FILES:
        assert resources.default_file(name).samefile(checkout.DATA_DIR / name), name


def test_the_report_template_ships_inside_the_package():
    template = resources.templates_dir() / "backday"
    assert sorted(p.name for p in template.iterdir()) == ["conf.json", "index.html.j2"]


def test_a_missing_shipped_file_is_one_sentence():
    from backday_analysis.errors import BackdayError

    with pytest.raises(BackdayError, match="notebooks/nothing.ipynb is missing from the installed"):
        resources.notebook("nothing.ipynb")


def _imported_roots(path: Path) -> set[str]:
    roots = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            roots.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            roots.add(node.module.split(".")[0])
    return roots


def test_no_module_of_the_package_imports_a_developer_library():
    """Every import statement, inside functions too: a coach's install has none of them."""
    found = {
        str(path.relative_to(PACKAGE)): sorted(_imported_roots(path) & set(DEV_ONLY))
        for path in PACKAGE.rglob("*.py")
    }
    assert {name: roots for name, roots in found.items() if roots} == {}


def test_the_scan_sees_a_planted_import(tmp_path):
    planted = tmp_path / "probe.py"
    planted.write_text("def f():\n    import polars as pl\n    from duckdb import sql\n")
    assert _imported_roots(planted) >= {"polars", "duckdb"}


@pytest.mark.slow  # a fresh interpreter imports every module of the package
def test_importing_every_module_loads_no_developer_library():
    result = run_python(
        f"""
        import importlib, pkgutil, sys
        import backday_analysis
        found = pkgutil.walk_packages(backday_analysis.__path__, "backday_analysis.")
        names = [m.name for m in found if not m.name.endswith("__main__")]
        for name in names:
            importlib.import_module(name)
        print(len(names), sorted(r for r in {DEV_ONLY!r} if r in sys.modules))
        """
    )
    assert result.returncode == 0, result.stderr
    count, loaded = result.stdout.split(" ", 1)
    assert int(count) > 60 and loaded.strip() == "[]"


def test_report_jobs_name_their_notebook_so_each_worker_reads_its_own(demo_data, tmp_path):
    """A job names a shipped notebook: a Dask worker's install may live at another path."""
    from backday_analysis.rendering.batch import plan_reports
    from backday_analysis.rendering.report import notebook_path

    _, jobs = plan_reports("2026-W47", ["ava"], demo_data, tmp_path)
    _, roster = plan_reports("2026-W47", None, demo_data, tmp_path, roster_page=True)
    assert [job.notebook for job in jobs + roster] == [
        "weekly_report.ipynb",
        "roster_overview.ipynb",
    ]
    assert notebook_path("weekly_report.ipynb") == resources.notebook("weekly_report.ipynb")
    assert notebook_path(tmp_path / "own.ipynb") == tmp_path / "own.ipynb"
