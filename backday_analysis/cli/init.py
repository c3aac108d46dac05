"""``backday init``: make a data folder anywhere, empty or with the demo clients."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from backday_analysis import paths
from backday_analysis.cli.app import app, coach_errors


@app.command("init")
@coach_errors
def init_command(
    folder: Annotated[
        Path,
        typer.Argument(help="The new data folder (default: ./data).", show_default=False),
    ] = Path(paths.DATA_FOLDER_NAME),
    demo: Annotated[
        bool,
        typer.Option("--demo", help="Also write the eight demo clients, their exports imported."),
    ] = False,
) -> None:
    """Make a data folder: catalogue, aliases, advice rules, config, an empty roster and logs."""
    from backday_analysis.datafolder.new_folder import create_data_folder

    clients = create_data_folder(folder, demo)
    made = Path(folder).expanduser().resolve()
    held = f"{len(clients)} demo clients ({', '.join(clients)})" if demo else "an empty roster"
    typer.echo(f"Made the data folder {made} with {held}.")
    if made == Path.cwd().resolve() / paths.DATA_FOLDER_NAME:
        where = "Commands run in this folder use it"
    else:
        where = f"Commands use it with --data {made} (or BACKDAY_DATA={made})"
    next_step = "backday report" if demo else "backday import EXPORT.csv --client ID"
    typer.echo(f"{where}; next: {next_step}, or backday lab to explore it in JupyterLab.")
