"""Developer tools: the benchmark, mutation testing, import stress, profiling, name coverage.

They live outside the installed package (run them from the repository root, as ``make bench``
and ``make mutate`` do): a coach's install carries none of them, nor pytest, DuckDB or Polars.
"""

from pathlib import Path

#: The repository's folders: developer tools run in a checkout, unlike the package.
ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
REPORTS_DIR = ROOT / "reports"
