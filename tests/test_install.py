"""The wheel and the sdist, built as ``python -m build`` builds them, and the wheel at work.

The wheel is installed into a new virtual environment outside the repository, where
``backday init --demo`` and ``backday report`` run in an empty folder and Dask workers render
reports. Nothing here reaches the network:

- The build runs without isolation (``--no-isolation``), on this environment's setuptools
  and build (the dev extra), instead of fetching setuptools into a fresh build environment.
- The new environment gets the wheel from its file, ``--no-deps --no-index``, and its
  dependencies from this project's environment through one ``.pth`` line naming that
  environment's site-packages: the same installed versions a ``pip install`` of the wheel
  resolves here, without downloading them again. The dependencies' data files under
  ``share/jupyter`` (nbconvert's templates, JupyterLab's assets), which pip puts in the
  environment's prefix, are linked in the same way; the kernel spec is not, so a kernel is
  this new environment's Python, as ipykernel's own default makes it. A ``.pth`` line adds
  only its folder to ``sys.path`` (the editable install's own ``.pth`` there is not run),
  so the checkout's package is not importable: the tests assert that ``backday_analysis``
  comes from the new environment and that no other ``sys.path`` entry holds it, and
  ``pip check`` that the wheel's declared dependencies are all satisfied there.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import tarfile
import time
import zipfile
from pathlib import Path

import checkout
import pytest

from backday_analysis import resources

pytestmark = pytest.mark.slow

VERSION = __import__("backday_analysis").__version__
WHEEL = f"backday_analysis-{VERSION}-py3-none-any.whl"
SDIST = f"backday_analysis-{VERSION}.tar.gz"
PACKAGE_CSVS = sorted(
    str(p.relative_to(checkout.ROOT)) for p in (checkout.ROOT / "backday_analysis").rglob("*.csv")
)


def _environment(**extra: str) -> dict[str, str]:
    """Return this process's environment without what would point into the checkout."""
    # PYTHONDONTWRITEBYTECODE makes setuptools print "warning: byte-compiling is disabled":
    # a fact of this machine's environment, not of the project, so the build runs without it.
    drop = {"BACKDAY_DATA", "PYTHONPATH", "PYTHONDONTWRITEBYTECODE", "VIRTUAL_ENV"}
    return {**{k: v for k, v in os.environ.items() if k not in drop}, **extra}


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, str]:
    """Build the sdist, then the wheel from the sdist, as ``python -m build`` does.

    The build runs on a copy of the checkout without its build leftovers: setuptools reads
    an old ``*.egg-info`` file list (the editable install leaves one) as part of the manifest,
    which would hide a file missing from the package data.
    """
    import shutil

    source = tmp_path_factory.mktemp("source") / "backday_analysis"
    leftovers = (".git", ".venv", "*.egg-info", "build", "dist", "reports", "__pycache__")
    shutil.copytree(
        checkout.ROOT, source, symlinks=True, ignore=shutil.ignore_patterns(*leftovers, ".*_cache")
    )
    out = tmp_path_factory.mktemp("dist")
    result = subprocess.run(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", str(out), str(source)],
        capture_output=True,
        text=True,
        timeout=600,
        env=_environment(),
    )
    assert result.returncode == 0, result.stdout + result.stderr
    return out, result.stdout + result.stderr


def test_build_gives_a_wheel_and_an_sdist_without_a_warning(built):
    out, log = built
    assert sorted(p.name for p in out.iterdir()) == sorted([SDIST, WHEEL])
    assert f"Successfully built {SDIST} and {WHEEL}" in log
    # setuptools logs some warnings without the word (a manifest pattern that matches nothing).
    warnings = [
        line for line in log.splitlines() if "warn" in line.lower() or "previously-included" in line
    ]
    assert warnings == []


def test_the_wheel_ships_notebooks_template_and_defaults_as_the_top_level_files(built):
    with zipfile.ZipFile(built[0] / WHEEL) as wheel:
        names = set(wheel.namelist())
        for name in resources.NOTEBOOKS:
            top_level = (checkout.NOTEBOOKS_DIR / name).read_bytes()
            assert wheel.read(f"backday_analysis/notebooks/{name}") == top_level, name
        for name in resources.DEFAULT_FILES:
            top_level = (checkout.DATA_DIR / name).read_bytes()
            assert wheel.read(f"backday_analysis/defaults/{name}") == top_level, name
        for name in PACKAGE_CSVS:
            assert wheel.read(name) == (checkout.ROOT / name).read_bytes(), name
        for name in ("conf.json", "index.html.j2"):
            assert f"backday_analysis/rendering/templates/backday/{name}" in names
        metadata = wheel.read(f"backday_analysis-{VERSION}.dist-info/METADATA").decode()
    assert f"backday_analysis-{VERSION}.dist-info/licenses/LICENSE" in names
    assert "License-Expression: MIT" in metadata and "Provides-Extra: scale" in metadata
    # No developer tool, no test and no top-level data (logs, exports) in the product.
    assert {n.split("/")[0] for n in names} == {
        "backday_analysis",
        f"backday_analysis-{VERSION}.dist-info",
    }
    assert not [n for n in names if "/logs/" in n or "/exports/" in n or "bench" in n]


def test_the_sdist_holds_real_files_that_match_the_top_level_ones(built):
    with tarfile.open(built[0] / SDIST) as sdist:
        members = {m.name.split("/", 1)[1]: m for m in sdist.getmembers() if "/" in m.name}
        # Links would point outside the sdist: every entry is a plain file or a folder.
        assert {m.type for m in members.values()} == {tarfile.REGTYPE, tarfile.DIRTYPE}
        for name in resources.NOTEBOOKS:
            copy = sdist.extractfile(members[f"backday_analysis/notebooks/{name}"]).read()
            assert copy == (checkout.NOTEBOOKS_DIR / name).read_bytes(), name
        for name in resources.DEFAULT_FILES:
            copy = sdist.extractfile(members[f"backday_analysis/defaults/{name}"]).read()
            assert copy == (checkout.DATA_DIR / name).read_bytes(), name
    assert "LICENSE" in members and "pyproject.toml" in members
    assert not [name for name in members if name.startswith(("tests/", "dev/", "data/"))]


@pytest.fixture(scope="module")
def coach_venv(built, tmp_path_factory) -> Path:
    """Return a new virtual environment, outside the repository, with the wheel installed."""
    venv = tmp_path_factory.mktemp("coach") / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    install = subprocess.run(
        [sys.executable, "-m", "pip", "--python", str(python), "install", "--no-deps",
         "--no-index", str(built[0] / WHEEL)],
        capture_output=True, text=True, timeout=300, env=_environment(),
    )  # fmt: skip
    assert install.returncode == 0, install.stdout + install.stderr
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            capture_output=True, text=True, check=True,
        ).stdout.strip()
    )  # fmt: skip
    ours = sorted({sysconfig.get_paths()["purelib"], sysconfig.get_paths()["platlib"]})
    (site / "project_dependencies.pth").write_text("\n".join(ours) + "\n")
    shared = Path(sys.prefix) / "share" / "jupyter"
    (venv / "share" / "jupyter").mkdir(parents=True)
    for entry in shared.iterdir():
        if entry.name != "kernels":
            (venv / "share" / "jupyter" / entry.name).symlink_to(entry)
    return venv


def run_in(
    venv: Path, *command: str, cwd: Path, timeout: float = 600
) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(venv / "bin" / command[0]), *command[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=timeout,
        env=_environment(),
    )


def test_the_venv_runs_the_wheel_not_the_checkout(coach_venv, tmp_path):
    probe = run_in(
        coach_venv,
        "python",
        "-c",
        "import json, sys, backday_analysis;"
        "from jupyter_client.kernelspec import KernelSpecManager;"
        "print(json.dumps([backday_analysis.__file__, sys.path,"
        " KernelSpecManager().get_kernel_spec('python3').argv[0]]))",
        cwd=tmp_path,
    )
    assert probe.returncode == 0, probe.stderr
    module, path, kernel_python = json.loads(probe.stdout)
    assert Path(module).is_relative_to(coach_venv)
    # The checkout is not on the path (the process runs in an empty folder, so "" is not it).
    assert str(checkout.ROOT) not in path
    holding = [p for p in path if (Path(p or tmp_path) / "backday_analysis").is_dir()]
    assert len(holding) == 1 and Path(holding[0]).is_relative_to(coach_venv)
    assert Path(kernel_python).parent == coach_venv / "bin"
    check = run_in(coach_venv, "python", "-m", "pip", "check", cwd=tmp_path)
    assert check.returncode == 0 and "No broken requirements found." in check.stdout
    version = run_in(coach_venv, "backday", "--version", cwd=tmp_path)
    assert version.stdout == f"backday_analysis {VERSION}\n"


@pytest.fixture(scope="module")
def coach_folder(coach_venv, tmp_path_factory) -> Path:
    """Return an empty folder in which ``backday init --demo`` was run from the new venv."""
    folder = tmp_path_factory.mktemp("coaching")
    assert not any(folder.iterdir())
    result = run_in(coach_venv, "backday", "init", "--demo", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "8 demo clients (ava, ben, cleo, dev, eli, fay, gus, hana)" in result.stdout
    return folder


def test_init_demo_and_a_report_from_an_empty_folder(coach_venv, coach_folder):
    result = run_in(coach_venv, "backday", "report", "--client", "ava", cwd=coach_folder)
    assert result.returncode == 0, result.stderr
    assert "1 of 1 reports for 2026-W47 written (2 files)" in result.stdout
    assert result.stderr.startswith(f"data folder: {coach_folder / 'data'} (from ./data)")
    page = (coach_folder / "reports" / "2026-W47" / "ava.html").read_text(encoding="utf-8")
    assert "Ava Jansen" in page and "Lower back" in page
    assert (coach_folder / "reports" / "2026-W47" / "ava.pdf").read_bytes().startswith(b"%PDF")


def test_dask_workers_from_the_wheel_render_the_reports(coach_venv, coach_folder, tmp_path):
    """A scheduler and two workers run from the new venv; the coach's command is the checkout's."""
    address_file = tmp_path / "scheduler.json"
    python = str(coach_venv / "bin" / "python")
    common = ["--no-dashboard"]
    processes = [
        subprocess.Popen(
            [python, "-m", "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
             "--scheduler-file", str(address_file), *common],
            cwd=tmp_path, env=_environment(),
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
        )
    ]  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        while not address_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        processes.append(
            subprocess.Popen(
                [python, "-m", "distributed.cli.dask_worker", "--scheduler-file",
                 str(address_file), "--host", "127.0.0.1", "--nthreads", "1", "--nworkers", "2",
                 *common],
                cwd=tmp_path, env=_environment(),
                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            )
        )  # fmt: skip
        from distributed import Client

        with Client(scheduler_file=str(address_file), timeout="60s") as client:
            client.wait_for_workers(2, timeout=180)
            modules = client.run(lambda: __import__("backday_analysis").__file__)
            address = client.scheduler.address
        assert len(modules) == 2
        assert all(Path(m).is_relative_to(coach_venv) for m in modules.values()), modules
        out = tmp_path / "reports"
        result = subprocess.run(
            [str(Path(sys.executable).parent / "backday"), "report", "--scheduler", address,
             "--data", str(coach_folder / "data"), "--out", str(out), "--week", "2026-W47",
             "--client", "ben", "--client", "dev"],
            capture_output=True, text=True, timeout=600, env=_environment(),
        )  # fmt: skip
        assert result.returncode == 0, result.stderr
        assert "2 of 2 reports for 2026-W47 written (4 files)" in result.stdout
        assert sorted(p.name for p in (out / "2026-W47").iterdir()) == [
            "ben.html", "ben.pdf", "dev.html", "dev.pdf"
        ]  # fmt: skip
        assert "Ben Okafor" in (out / "2026-W47" / "ben.html").read_text(encoding="utf-8")
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
