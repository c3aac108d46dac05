"""Summarise one imported export: rows accounted for, exercises and unknown names."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

import pandas as pd

from backday_analysis import BACK_GROUPS, GROUPS
from backday_analysis.importers.names import resolution_table, suggest
from backday_analysis.importers.rows import MAX_NOTE_CHARS


@dataclass
class ImportSummary:
    """What one export brought in; :meth:`to_json` is the ``--json`` object."""

    file: str
    format: str
    dialect: str
    rows_read: int
    sets_imported: int
    duplicates_skipped: int
    non_set_rows: int
    rejected: list[dict]
    unknown_exercises: list[dict]
    exercises: list[dict]
    first_date: str | None
    last_date: str | None
    client: str = ""
    non_set_reasons: dict[str, int] = field(default_factory=dict)
    dry_run: bool = False
    import_id: str | None = None
    notes_cut: int = 0
    warnings: list[str] = field(default_factory=list)
    timezone: dict | None = None

    def to_json(self) -> dict:
        """Return the summary as a JSON-ready dict."""
        return asdict(self)

    @property
    def balanced(self) -> bool:
        """Whether every row read is accounted for exactly once."""
        return self.rows_read == (
            self.sets_imported + self.duplicates_skipped + self.non_set_rows + len(self.rejected)
        )


def describe_sets(
    summary: ImportSummary, typed: pd.DataFrame, index: dict[str, str], catalogue: pd.DataFrame
) -> None:
    """Fill in the exercises, unknown names and date range of the file's valid sets.

    ``sets`` counts every valid set of the name in the file (imported now or already in the
    log), ``working_sets`` those that are not warm-ups; ``credits`` are the catalogue's
    credits for one set of the exercise (1 primary, 0.5 secondary, 0 none); ``resolved_by``
    says how the name was resolved (``catalogue``, ``coach alias``, ``rule:<name>`` or
    ``unknown``, see :mod:`backday_analysis.importers.names`).
    """
    if typed.empty:
        return
    resolved = resolution_table(typed["exercise"], index)
    frame = pd.DataFrame(
        {
            "name": typed["exercise"].astype(str).to_numpy(),
            "exercise_id": resolved["exercise_id"].astype(object).to_numpy(),
            "resolved_by": resolved["resolved_by"].astype(object).to_numpy(),
            "working": (typed["set_kind"] != "warmup").to_numpy(),
        }
    )
    grouped = (
        frame.groupby("name", sort=False)
        .agg(
            sets=("working", "size"),
            working_sets=("working", "sum"),
            exercise_id=("exercise_id", "first"),
            resolved_by=("resolved_by", "first"),
        )
        .reset_index()
        .sort_values(["sets", "name"], ascending=[False, True], kind="stable")
    )
    credits = catalogue.set_index("exercise_id").loc[:, list(GROUPS)]
    for row in grouped.itertuples(index=False):
        known = isinstance(row.exercise_id, str) and row.exercise_id in credits.index
        entry = {
            "name": row.name,
            "exercise_id": row.exercise_id if known else None,
            "resolved_by": row.resolved_by if known else "unknown",
            "sets": int(row.sets),
            "working_sets": int(row.working_sets),
            "credits": (
                {g: float(credits.at[row.exercise_id, g]) for g in GROUPS} if known else None
            ),
        }
        summary.exercises.append(entry)
        if not known:
            summary.unknown_exercises.append(
                {
                    "name": row.name,
                    "sets": int(row.sets),
                    "working_sets": int(row.working_sets),
                    "suggestions": suggest(row.name, catalogue),
                }
            )
    summary.first_date = typed["performed_at"].min().strftime("%Y-%m-%d")
    summary.last_date = typed["performed_at"].max().strftime("%Y-%m-%d")


def format_summary(summary: ImportSummary, shown: int = 5) -> str:
    """Return the summary for a person: a few lines."""
    s = summary
    span = f", {s.first_date} to {s.last_date}" if s.first_date else ""
    lines = [
        f"{s.file}: {s.format} export ({s.dialect}){span}"
        + (" [dry run: nothing written]" if s.dry_run else ""),
        f"  {s.rows_read} rows: {s.sets_imported} sets imported, {s.duplicates_skipped} "
        f"already in the log, {s.non_set_rows} not sets, {len(s.rejected)} rejected",
    ]
    if s.timezone:
        source = {"option": "--timezone", "roster": "the roster", "default": "the config default"}
        lines.append(
            f"  times: the export is in UTC, read as {s.timezone['zone']} "
            f"(from {source.get(s.timezone['source'], s.timezone['source'])})"
        )
    for reason, count in s.non_set_reasons.items():
        lines.append(f"  not a set ({count}): {reason}")
    for item in s.rejected[:shown]:
        lines.append(f"  rejected line {item['line']}: {item['reason']}")
    if len(s.rejected) > shown:
        lines.append(f"  ... and {len(s.rejected) - shown} more rejected rows (see --json)")
    by_rule = [
        e
        for e in s.exercises
        if str(e.get("resolved_by", "")).startswith("rule:")
        and any(e["credits"][g] > 0 for g in BACK_GROUPS)
    ]
    if by_rule:
        named = ", ".join(f"{e['name']} ({e['resolved_by'][5:]})" for e in by_rule[:shown])
        more = f" and {len(by_rule) - shown} more" if len(by_rule) > shown else ""
        lines.append(
            f"  {len(by_rule)} back exercise names read by a rule: {named}{more}; "
            "an alias in aliases.csv overrides a rule"
        )
    # The rule that could not tell a supported row from a bent-over one says so in words.
    unplaced = [e["name"] for e in by_rule if e["resolved_by"] == "rule:row_without_equipment"]
    if unplaced:
        lines.append(
            f"  {', '.join(unplaced[:shown])}"
            f"{f' and {len(unplaced) - shown} more' if len(unplaced) > shown else ''}: "
            "the name gives no equipment or stance, so "
            f"{'it is' if len(unplaced) == 1 else 'each is'} read as a row that does not load "
            "the lower back; if it is a bent-over barbell row, map it to barbell_row in "
            "aliases.csv"
        )
    if s.unknown_exercises:
        working = sum(e["working_sets"] for e in s.exercises) or 1
        unknown = sum(e["working_sets"] for e in s.unknown_exercises)
        lines.append(
            f"  {len(s.unknown_exercises)} exercise names the catalogue does not "
            f"know ({unknown / working:.0%} of working sets); map them in "
            "aliases.csv (alias,exercise_id):"
        )
        for item in s.unknown_exercises[:shown]:
            hint = f" - maybe {', '.join(item['suggestions'])}" if item["suggestions"] else ""
            lines.append(f"    {item['name']} ({item['sets']} sets){hint}")
        if len(s.unknown_exercises) > shown:
            lines.append(f"    ... and {len(s.unknown_exercises) - shown} more (see --json)")
    lines.extend(_record_lines(s))
    return "\n".join(lines)


def _record_lines(s: ImportSummary) -> list[str]:
    """Return the lines on cut notes, the import id and warnings."""
    lines = []
    if s.notes_cut:
        lines.append(
            f"  {s.notes_cut} notes longer than {MAX_NOTE_CHARS:,} characters cut to their "
            f"first {MAX_NOTE_CHARS:,}"
        )
    if s.import_id:
        lines.append(f"  recorded as import {s.import_id} (undo: backday unimport {s.import_id})")
    lines.extend(f"  warning: {warning}" for warning in s.warnings)
    return lines
