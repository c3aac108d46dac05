"""The ``backday`` command line: import exports, print weekly tables, write reports."""

from __future__ import annotations

import gc
import os
import sys
import time
from pathlib import Path
from typing import Annotated

import typer

from backday_analysis import paths
from backday_analysis.cli.app import DataOption, LockTimeoutOption, app, coach_errors
from backday_analysis.errors import BackdayError


@app.command("import")
@coach_errors
def import_(
    files: Annotated[list[Path], typer.Argument(help="App export CSV files.", show_default=False)],
    client: Annotated[str, typer.Option("--client", help="Client id; added to the roster if new.")],
    unit: Annotated[
        str | None, typer.Option("--unit", help="kg or lb, for exports that state no unit.")
    ] = None,
    data: DataOption = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Check and report; write nothing.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per file.")] = False,
    lock_timeout: LockTimeoutOption = None,
    timezone: Annotated[
        str | None,
        typer.Option(
            "--timezone",
            help="IANA time zone (e.g. America/Los_Angeles) for apps that export UTC (Fitbod); "
            "recorded for a new client.",
        ),
    ] = None,
) -> None:
    """Import Strong, Hevy, FitNotes or Fitbod exports into a client's log (all or nothing)."""
    import json

    from backday_analysis.datafolder.ingest import format_summary, import_exports

    summaries = import_exports(
        files, client, unit, data, dry_run, lock_timeout=lock_timeout, timezone=timezone
    )
    for summary in summaries:
        typer.echo(
            json.dumps(summary.to_json(), ensure_ascii=False)
            if as_json
            else format_summary(summary)
        )


@app.command()
@coach_errors
def weekly(
    client: Annotated[
        list[str] | None,
        typer.Option("--client", help="Client id; repeat for several (default: all)."),
    ] = None,
    data: DataOption = None,
    output_format: Annotated[str, typer.Option("--format", help="csv or json.")] = "csv",
    engine: Annotated[
        str,
        typer.Option(
            help="pandas (the CSV logs), or for the Parquet store: store (on this machine) "
            "or dask (on a cluster)."
        ),
    ] = "pandas",
    scheduler: Annotated[
        str | None, typer.Option(help="Dask scheduler address (default: a local cluster).")
    ] = None,
    store: Annotated[
        Path | None,
        typer.Option(help="Parquet store for --engine store or dask (default: DATA/store)."),
    ] = None,
) -> None:
    """Print the weekly table: client, week, group, sets, tonnage, days, guideline."""
    from backday_analysis.atomic import spreadsheet_safe
    from backday_analysis.datafolder.dataset import load_dataset, load_reference
    from backday_analysis.metrics.weekly import weekly_volume

    if output_format not in ("csv", "json"):
        raise BackdayError(f"--format {output_format} is not supported; use csv or json.")
    if engine not in ("pandas", "store", "dask"):
        raise BackdayError(f"--engine {engine} is not supported; use pandas, store or dask.")
    if engine == "store":
        from backday_analysis.datafolder.parquet_store import chosen_clients
        from backday_analysis.metrics.store_weekly import weekly_from_store

        settings, catalogue = load_reference(data)
        folder = store or paths.data_dir(data) / "store"
        names = chosen_clients(folder, client)
        table = weekly_from_store(
            folder,
            catalogue,
            min_sets_per_day=settings.min_credited_sets_per_day,
            guideline_days=settings.guideline_days,
        )
        # As on Dask: every client's weeks run to the store's last day.
        table = table.loc[table["client"].isin(names)].reset_index(drop=True)
    elif engine == "dask":
        from backday_analysis.metrics.dask_weekly import weekly_volume_dask

        settings, catalogue = load_reference(data)
        table = weekly_volume_dask(
            store or paths.data_dir(data) / "store",
            catalogue,
            clients=client,
            min_sets_per_day=settings.min_credited_sets_per_day,
            guideline_days=settings.guideline_days,
            scheduler=scheduler,
        )
    else:
        dataset = load_dataset(data, clients=client)
        settings = dataset.settings
        table = weekly_volume(
            dataset.sets,
            dataset.catalogue,
            clients=client or list(dataset.roster["client_id"]),
            min_sets_per_day=settings.min_credited_sets_per_day,
            guideline_days=settings.guideline_days,
        )
    if output_format == "json":
        typer.echo(table.to_json(orient="records", indent=1))
    else:
        sys.stdout.write(spreadsheet_safe(table).to_csv(index=False, lineterminator="\n"))


@app.command("store")
@coach_errors
def store_command(
    data: DataOption = None,
    out: Annotated[Path | None, typer.Option(help="Store folder (default: DATA/store).")] = None,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Write every client's resolved sets as a Parquet store, one folder per client."""
    from backday_analysis.datafolder.dataset import load_dataset
    from backday_analysis.datafolder.lock import data_folder_lock
    from backday_analysis.datafolder.parquet_store import write_store

    with data_folder_lock(paths.data_dir(data), lock_timeout):
        dataset = load_dataset(data)
        target = out or paths.data_dir(data) / "store"
        write_store(dataset.sets, target)
    typer.echo(
        f"{len(dataset.sets)} sets of {dataset.sets['client'].nunique()} clients "
        f"written to {target}."
    )


@app.command()
@coach_errors
def report(
    week: Annotated[str, typer.Option(help="ISO week YYYY-Www, or latest.")] = "latest",
    client: Annotated[
        list[str] | None,
        typer.Option("--client", help="Client id; repeat for several (default: whole roster)."),
    ] = None,
    data: DataOption = None,
    out: Annotated[
        Path | None,
        typer.Option("--out", help="Output folder (default: ./reports).", show_default=False),
    ] = None,
    output_format: Annotated[
        str, typer.Option("--format", help="html,pdf or one of them.")
    ] = "html,pdf",
    roster: Annotated[
        bool, typer.Option("--roster", help="Write the roster page instead.")
    ] = False,
    coach: Annotated[
        str, typer.Option("--coach", help="With --roster: one coach's clients (roster.csv).")
    ] = "",
    sort: Annotated[
        str,
        typer.Option(
            "--sort",
            help="With --roster: attention, name or pull_push (pulls furthest behind first).",
        ),
    ] = "attention",
    jobs: Annotated[int, typer.Option(help="Reports run at once; one per core unless given.")] = (
        os.cpu_count() or 1
    ),
    scheduler: Annotated[
        str | None,
        typer.Option(help="Run the reports on this Dask scheduler, e.g. tcp://host:8786."),
    ] = None,
) -> None:
    """Write weekly reports to OUT/<week>/<client>.html and .pdf."""
    formats = tuple(f.strip() for f in output_format.split(",") if f.strip())
    if not formats or any(f not in ("html", "pdf") for f in formats):
        raise BackdayError(f"--format {output_format} is not supported; use html, pdf or html,pdf.")
    started = time.perf_counter()
    from backday_analysis.rendering.pages import prepare_in_background

    kernel = None
    single = scheduler is None and bool(roster or (client and len(client) == 1))
    if single:
        # One report: its kernel starts while this process imports and reads the data.
        from backday_analysis.rendering.kernels import start_in_background

        kernel = start_in_background()
    elif scheduler is None:
        # Papermill, nbconvert and Typst load while the data is read; the batch's workers,
        # forked from this process, find them ready (and typeset their own first page).
        prepare_in_background(formats, typeset=False)
    try:
        from backday_analysis.rendering.batch import plan_reports, run_reports

        week_label, planned = plan_reports(
            week, client, data, out or Path(paths.REPORTS_FOLDER_NAME), roster, coach, sort
        )
        if single:
            # Only now, so as not to slow the reading above: they load while the kernel
            # finishes starting and runs the notebook, when this process has nothing to do.
            prepare_in_background(formats)
        if scheduler:
            from backday_analysis.rendering.distributed import run_reports_distributed

            results = run_reports_distributed(planned, formats, scheduler)
        else:
            results = run_reports(planned, formats, jobs or os.cpu_count() or 1, kernel=kernel)
    except BaseException:
        from backday_analysis.rendering.batch import started_kernel

        warm = started_kernel(kernel)
        if warm is not None:
            warm.shutdown()
        raise
    failed = [r for r in results if r.error]
    written = sum(len(r.written) for r in results)
    typer.echo(
        f"{len(results) - len(failed)} of {len(results)} reports for {week_label} "
        f"written ({written} files) in {time.perf_counter() - started:.1f} s."
    )
    for result in failed:
        typer.echo(f"error: {result.label}: {result.error}", err=True)
    if failed:
        raise typer.Exit(1)


# After this module's commands, so that `backday --help` lists import, weekly, store and
# report first; importing the module registers its commands on the app.
from backday_analysis.cli import hevy, history, init, lab  # noqa: E402, F401


def main() -> None:
    """Run the command line."""
    from backday_analysis.atomic import exit_on_terminate

    exit_on_terminate()
    try:
        app()
    finally:
        # At exit Python collects the objects of every module a report imported, about half
        # a second; frozen, they are left for the operating system to free with the process.
        gc.freeze()
