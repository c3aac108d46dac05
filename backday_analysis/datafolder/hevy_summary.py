"""What one client's Hevy sync did, for a person (a few lines) and for scripts (JSON)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

from backday_analysis.datafolder.hevy_state import utc_text
from backday_analysis.datafolder.import_summary import ImportSummary, describe_sets

MODES = {"first": "first sync", "full": "full sync", "changes": "changes"}


@dataclass
class SyncResult:
    """One client's sync: its outcome and every set read, accounted for.

    ``sets_read == sets_added + sets_unchanged + non_set_rows + len(rejected)``: the sets of
    changed or new workouts are added (their old rows removed), those of workouts the log
    already holds as they are stay unchanged.
    """

    client: str
    outcome: str
    synced_at: str
    mode: str = ""
    since: str | None = None
    workouts_listed: int = 0
    workouts_changed: int = 0
    workouts_unchanged: int = 0
    workouts_deleted: int = 0
    workouts_kept: int = 0
    workouts_without_sets: int = 0
    sets_read: int = 0
    sets_added: int = 0
    sets_unchanged: int = 0
    sets_removed: int = 0
    non_set_rows: int = 0
    non_set_reasons: dict[str, int] = field(default_factory=dict)
    rejected: list[dict] = field(default_factory=list)
    unknown_exercises: list[dict] = field(default_factory=list)
    import_id: str | None = None
    retries: int = 0
    error: str | None = None

    def to_json(self) -> dict:
        """Return the result as a JSON-ready dict."""
        return asdict(self)

    @property
    def balanced(self) -> bool:
        """Whether every set read is accounted for exactly once."""
        return self.sets_read == (
            self.sets_added + self.sets_unchanged + self.non_set_rows + len(self.rejected)
        )


def sync_result(client, fetched, batch, applied, started, since) -> SyncResult:
    """Return the result of a sync that applied ``batch`` (see :class:`SyncResult`)."""
    parsed = batch.parsed
    return SyncResult(
        client=client,
        outcome="ok",
        synced_at=utc_text(started),
        mode=fetched.mode,
        since=since,
        workouts_listed=len(batch.workouts),
        workouts_changed=applied.workouts_changed,
        workouts_unchanged=applied.workouts_unchanged,
        workouts_deleted=applied.workouts_deleted,
        workouts_kept=applied.workouts_kept,
        workouts_without_sets=applied.workouts_without_sets,
        sets_read=parsed.rows_read,
        sets_added=applied.added,
        sets_unchanged=applied.unchanged,
        sets_removed=applied.removed,
        non_set_rows=len(parsed.non_sets),
        non_set_reasons={
            str(k): int(v) for k, v in parsed.non_sets["reason"].value_counts().items()
        },
        rejected=applied.rejected,
    )


def unknown_names(typed, index, catalogue) -> list[dict]:
    """Return the names of the sets read that the catalogue does not know, as import does."""
    summary = ImportSummary(
        file="Hevy API", format="hevy-api", dialect="", rows_read=0, sets_imported=0,
        duplicates_skipped=0, non_set_rows=0, rejected=[], unknown_exercises=[],
        exercises=[], first_date=None, last_date=None,
    )  # fmt: skip
    describe_sets(summary, typed, index, catalogue)
    return summary.unknown_exercises


def _when(text: str | None) -> str:
    return (text or "").replace("T", " ").replace("Z", " UTC")


def _workouts(n: int) -> str:
    return f"{n} workout" + "s" * (n != 1)


def format_result(r: SyncResult, shown: int = 5) -> str:
    """Return a client's sync for a person: a line, and more lines where there is more."""
    if r.outcome != "ok":
        return f"{r.client}: sync failed: {r.error}"
    basis = f" since the sync of {_when(r.since)}" if r.mode == "changes" else ""
    if r.mode == "changes":
        read = f"{r.workouts_listed} workouts updated and {r.workouts_deleted} deleted in Hevy"
    else:
        read = f"{r.workouts_listed} workouts in Hevy"
        read += f", {r.workouts_deleted} synced before are gone" * bool(r.workouts_deleted)
    head = f"{r.client}: {MODES.get(r.mode, r.mode)}{basis}: {read}; "
    if not (r.sets_added or r.sets_removed):
        head += f"nothing changed ({r.sets_unchanged} sets already in the log)"
    else:
        head += f"{r.sets_added} sets added, {r.sets_removed} removed, {r.sets_unchanged} unchanged"
    lines = [head]
    if r.workouts_kept:
        lines.append(
            f"  kept as the log holds them ({_workouts(r.workouts_kept)}): every set Hevy sent "
            "of them was rejected"
        )
    if r.workouts_without_sets:
        lines.append(f"  no set to add ({_workouts(r.workouts_without_sets)} new to the log)")
    for reason, count in r.non_set_reasons.items():
        lines.append(f"  not a set ({count}): {reason}")
    for item in r.rejected[:shown]:
        lines.append(f"  rejected {item['where']}: {item['reason']}")
    if len(r.rejected) > shown:
        lines.append(f"  ... and {len(r.rejected) - shown} more rejected sets (see --json)")
    if r.unknown_exercises:
        names = ", ".join(f"{e['name']} ({e['sets']} sets)" for e in r.unknown_exercises[:shown])
        more = f" and {len(r.unknown_exercises) - shown} more" * (len(r.unknown_exercises) > shown)
        lines.append(
            f"  exercise names the catalogue does not know: {names}{more}; map them in "
            "aliases.csv (alias,exercise_id)"
        )
    if r.retries:
        lines.append(f"  {r.retries} requests were tried again (Hevy was busy or slow)")
    if r.import_id:
        lines.append(f"  recorded as import {r.import_id} (undo: backday unimport {r.import_id})")
    return "\n".join(lines)


def format_results(results: list[SyncResult]) -> str:
    """Return every client's sync and a closing line with the count of each outcome."""
    failed = sum(r.outcome != "ok" for r in results)
    closing = f"Hevy sync: {len(results) - failed} of {len(results)} clients synced" + (
        f", {failed} failed." if failed else "."
    )
    return "\n".join([*(format_result(r) for r in results), closing])
