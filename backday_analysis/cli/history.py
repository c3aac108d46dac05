"""The commands about a client's history: their imports, undoing one, and the roster."""

from __future__ import annotations

from typing import Annotated

import typer

from backday_analysis.cli.app import DataOption, LockTimeoutOption, app, coach_errors


@app.command("imports")
@coach_errors
def imports_command(
    client: Annotated[str, typer.Option("--client", help="Client id.")],
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="A JSON array, one object each.")] = False,
) -> None:
    """List a client's imports, oldest first, with the ids backday unimport takes."""
    import dataclasses
    import json

    from backday_analysis.datafolder.import_records import format_records
    from backday_analysis.datafolder.unimport import list_imports

    records, in_log = list_imports(client.strip(), data)
    if as_json:
        items = [
            {**dataclasses.asdict(r), "sets_in_log": in_log.get(r.import_id, 0)} for r in records
        ]
        typer.echo(json.dumps(items, ensure_ascii=False, indent=1))
    else:
        typer.echo(format_records(client.strip(), records, in_log))


@app.command("unimport")
@coach_errors
def unimport_command(
    import_id: Annotated[str, typer.Argument(help="The import's id, e.g. ava-3.")],
    data: DataOption = None,
    as_json: Annotated[bool, typer.Option("--json", help="What was removed, as JSON.")] = False,
    lock_timeout: LockTimeoutOption = None,
) -> None:
    """Remove exactly the sets one import added (all or nothing); see backday imports."""
    import json

    from backday_analysis.datafolder.unimport import format_unimported, unimport

    result = unimport(import_id, data, lock_timeout)
    typer.echo(
        json.dumps(result.to_json(), ensure_ascii=False) if as_json else format_unimported(result)
    )


@app.command()
@coach_errors
def clients(
    data: DataOption = None,
    as_json: Annotated[
        bool, typer.Option("--json", help="A JSON list instead of a table.")
    ] = False,
) -> None:
    """List the roster: ids, names, units, time zones, first and last logged day, sets."""
    import json

    from backday_analysis.datafolder.dataset import load_dataset
    from backday_analysis.views.roster_week import clients_table

    table = clients_table(load_dataset(data))
    if as_json:
        typer.echo(json.dumps(table.to_dict(orient="records"), indent=1, ensure_ascii=False))
    else:
        typer.echo(table.to_string(index=False) if not table.empty else "The roster is empty.")
