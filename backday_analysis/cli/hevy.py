"""The Hevy commands: connect a client's account, sync the logs, write next week as a routine."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from backday_analysis.cli.app import DataOption, LockTimeoutOption, app, coach_errors
from backday_analysis.errors import BackdayError

JsonOption = Annotated[bool, typer.Option("--json", help="JSON for scripts.")]


def _quiet_retries() -> None:
    """Leave retry messages to this package's own log, not stamina's warnings on stderr."""
    from stamina.instrumentation import set_on_retry_hooks

    set_on_retry_hooks([])


def _read_key(client: str) -> str:
    """Read the key from standard input: typed unseen at a terminal, else its first line."""
    from backday_analysis.datafolder.hevy_keys import checked_key

    if sys.stdin is None:
        raise BackdayError("no standard input to read the API key from; pipe the key in.")
    if sys.stdin.isatty():
        import getpass

        text = getpass.getpass(f"Hevy API key of {client} (not shown): ")
    else:
        text = sys.stdin.readline()
    return checked_key(text, client)


@app.command("connect")
@coach_errors
def connect_command(
    service: Annotated[
        str | None, typer.Argument(help="The app to connect: hevy.", show_default=False)
    ] = None,
    client: Annotated[str | None, typer.Option("--client", help="Client id.")] = None,
    list_: Annotated[
        bool, typer.Option("--list", help="List connected clients (never the keys).")
    ] = False,
    unit: Annotated[
        str | None, typer.Option("--unit", help="kg or lb, to add a client not in the roster.")
    ] = None,
    timezone: Annotated[
        str | None, typer.Option("--timezone", help="IANA time zone of a client added now.")
    ] = None,
    data: DataOption = None,
    as_json: JsonOption = False,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Connect a client's Hevy account; the API key is read from standard input."""
    import json

    from backday_analysis.datafolder import hevy_connect

    if list_:
        items = hevy_connect.connected_clients(data)
        typer.echo(
            json.dumps(items, ensure_ascii=False, indent=1)
            if as_json
            else hevy_connect.format_connected(items)
        )
        return
    if (service or "").strip().casefold() != "hevy" or not client:
        raise BackdayError(
            "name the app and the client, as in: backday connect hevy --client ID (the key "
            "is read from standard input), or list connections with: backday connect --list"
        )
    _quiet_retries()
    done = hevy_connect.connect_client(
        client, _read_key(client.strip()), data, unit, timezone, lock_timeout
    )
    if as_json:
        typer.echo(json.dumps(done.to_json(), ensure_ascii=False))
        return
    added = " (added to the roster)" if done.added_to_roster else ""
    typer.echo(
        f"{done.client}{added}: connected to the Hevy account '{done.account_name}' with the "
        f"key ending {done.key_hint[1:]}; sync with: backday sync --client {done.client}"
    )
    for warning in done.warnings:
        typer.echo(f"  warning: {warning}")


@app.command("disconnect")
@coach_errors
def disconnect_command(
    service: Annotated[str, typer.Argument(help="The app: hevy.", show_default=False)],
    client: Annotated[str, typer.Option("--client", help="Client id.")],
    data: DataOption = None,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Forget a client's Hevy key; their log and imports stay."""
    from backday_analysis.datafolder.hevy_connect import disconnect_client

    if service.strip().casefold() != "hevy":
        raise BackdayError(f"'{service}' is not an app backday connects to; use: hevy.")
    disconnect_client(client.strip(), data, lock_timeout)
    typer.echo(f"{client.strip()}: the Hevy key is forgotten; the log stays as it is.")


@app.command("sync")
@coach_errors
def sync_command(
    client: Annotated[
        list[str] | None,
        typer.Option("--client", help="Client id; repeat for several (default: all connected)."),
    ] = None,
    full: Annotated[
        bool, typer.Option("--full", help="Read every workout again, not only the changes.")
    ] = False,
    data: DataOption = None,
    as_json: JsonOption = False,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Bring connected clients' logs up to date from Hevy; exit status 1 if any failed."""
    import json

    from backday_analysis.datafolder.hevy_summary import format_results
    from backday_analysis.datafolder.hevy_sync import sync_clients

    _quiet_retries()
    results = sync_clients(data, client, full, lock_timeout)
    if as_json:
        typer.echo(json.dumps([r.to_json() for r in results], ensure_ascii=False, indent=1))
    else:
        typer.echo(format_results(results))
    if any(r.outcome != "ok" for r in results):
        raise typer.Exit(1)


@app.command("plan")
@coach_errors
def plan_command(
    client: Annotated[str, typer.Option("--client", help="Client id or name.")],
    week: Annotated[
        str, typer.Option(help="The week the advice follows: YYYY-Www, or latest.")
    ] = "latest",
    to_hevy: Annotated[
        bool, typer.Option("--to-hevy", help="Write it as a routine in the client's Hevy.")
    ] = False,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Print the routine's JSON; send nothing.")
    ] = False,
    data: DataOption = None,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Show next week's advice as a routine, or write it to the client's Hevy (--to-hevy)."""
    import json

    from backday_analysis.datafolder.hevy_plan import write_routine
    from backday_analysis.views.hevy_routine import client_routine, for_update, format_plan

    report, items, body, unsent = client_routine(client, week, str(data) if data else None)
    if dry_run:
        typer.echo(json.dumps(body, ensure_ascii=False, indent=1))
        for item in unsent.itertuples(index=False):
            typer.echo(f"not sent: {item.exercise}: {item.reason}", err=True)
        return
    typer.echo(format_plan(items, body, unsent, report.client_id))
    if not to_hevy:
        return
    if not body["routine"]["exercises"]:
        typer.echo("No suggestion names an exercise with a Hevy template, so nothing was sent.")
        return
    _quiet_retries()
    written = write_routine(
        report.client_id, body, for_update(body), report.week, data, lock_timeout
    )
    typer.echo(
        f"{written.client}: routine {written.action} in Hevy ({written.exercises} exercises, "
        f"id {written.routine_id})."
    )
