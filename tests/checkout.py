"""The repository's own folders, for tests that read the checked-in data and notebooks.

The package finds nothing through the checkout (it reads its shipped files with
importlib.resources); the tests may, as they run in one.
"""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
NOTEBOOKS_DIR = ROOT / "notebooks"
