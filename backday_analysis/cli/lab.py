"""``backday lab``: JupyterLab on the project's kernel, with the notebooks beside the data folder.

The notebooks are copied into ``notebooks/`` beside the data folder (the layout of the
repository: ``notebooks/`` and ``data/`` side by side) unless they are there already, so a
coach's own changes are kept. JupyterLab opens at the folder holding both, and its kernels
get ``$BACKDAY_DATA``, so the notebooks read this data folder whatever its name. The kernel is
this Python, the one backday runs on, under the name the notebooks ask for.
"""

from __future__ import annotations

import importlib.util
import json
import os
import signal
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from backday_analysis import paths, resources
from backday_analysis.cli.app import app, coach_errors, found_data_folder
from backday_analysis.errors import BackdayError

#: The kernel the shipped notebooks name in their metadata.
KERNEL_NAME = "python3"
KERNEL_DISPLAY_NAME = "Python 3 (backday)"


def copy_notebooks(folder: Path) -> tuple[list[str], list[str]]:
    """Copy the shipped notebooks into ``folder`` where missing; return (copied, kept) names."""
    from backday_analysis.atomic import write_bytes_atomic

    copied, kept = [], []
    for name in resources.NOTEBOOKS:
        target = folder / name
        if target.exists():
            kept.append(name)
        else:
            write_bytes_atomic(target, resources.notebook(name).read_bytes())
            copied.append(name)
    return copied, kept


def write_kernel_spec(jupyter_path: Path) -> Path:
    """Write a kernel spec that runs this Python's ipykernel into ``jupyter_path``."""
    spec = jupyter_path / "kernels" / KERNEL_NAME
    spec.mkdir(parents=True, exist_ok=True)
    (spec / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [sys.executable, "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": KERNEL_DISPLAY_NAME,
                "language": "python",
                "metadata": {"debugger": True},
            },
            indent=1,
        )
    )
    return spec


def lab_command_line(workspace: Path, port: int | None, browser: bool) -> list[str]:
    """Return the command that runs JupyterLab over ``workspace``, opened on its notebooks."""
    command = [
        sys.executable,
        "-m",
        "jupyterlab",
        f"--ServerApp.root_dir={workspace}",
        "--LabApp.default_url=/lab/tree/notebooks",
    ]
    if port is not None:
        command += [f"--ServerApp.port={port}", "--ServerApp.port_retries=0"]
    if not browser:
        command.append("--no-browser")
    if os.geteuid() == 0:
        command.append("--allow-root")
    return command


@app.command("lab")
@coach_errors
def lab_command(
    folder: Annotated[
        Path | None,
        typer.Argument(
            help="The data folder (default: $BACKDAY_DATA, else ./data).", show_default=False
        ),
    ] = None,
    port: Annotated[
        int | None, typer.Option(help="Port for JupyterLab (default: its own choice).")
    ] = None,
    browser: Annotated[
        bool, typer.Option("--browser/--no-browser", help="Open a web browser.")
    ] = True,
) -> None:
    """Open JupyterLab with the notebooks beside the data folder, on the project's kernel."""
    data = found_data_folder(folder)
    if importlib.util.find_spec("jupyterlab") is None:
        raise BackdayError(
            "JupyterLab is not installed beside backday; install it with "
            "pip install 'backday-analysis[lab]' (with pipx: pipx install "
            "'backday-analysis[lab]'), then run backday lab again."
        )
    workspace = data.parent
    notebooks = workspace / "notebooks"
    copied, kept = copy_notebooks(notebooks)
    if copied:
        typer.echo(f"Copied {', '.join(copied)} into {notebooks}.")
    if kept:
        typer.echo(f"Kept your {', '.join(kept)} in {notebooks}.")
    with tempfile.TemporaryDirectory(prefix="backday-lab-") as jupyter_path:
        write_kernel_spec(Path(jupyter_path))
        env = {
            **os.environ,
            paths.DATA_DIR_ENV: str(data),
            # First on the path: this kernel wins over any other named python3.
            "JUPYTER_PATH": os.pathsep.join(
                p for p in (jupyter_path, os.environ.get("JUPYTER_PATH")) if p
            ),
        }
        process = subprocess.Popen(lab_command_line(workspace, port, browser), env=env)
        # Ctrl-C is JupyterLab's to answer (it asks before it stops); SIGTERM stops it too.
        previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
        try:
            code = process.wait()
        finally:
            signal.signal(signal.SIGINT, previous)
            if process.poll() is None:
                process.terminate()
                process.wait(timeout=30)
    if code:
        raise typer.Exit(code)
