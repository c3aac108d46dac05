"""The mutation tester's own parts: which mutants a source has, and the code of one."""

from __future__ import annotations

from dev.mutants import find_mutants, mutated_code
from dev.mutate import (
    EQUIVALENT_FILE,
    KNOWN_FILE,
    TARGETS,
    load_equivalent,
    load_list,
    mutants_of,
    stale_entries,
)

SOURCE = '''"""Docstring: never mutated."""
LIMIT = 25


def flagged(sets, low=10, loud=False):
    """Also a docstring."""
    if sets > LIMIT and not sets < low:
        raise ValueError(f"over {LIMIT + 1}")  # raise: wording, left alone
    pair = list(zip([1], [2], strict=True))
    return f"{sets:g}", "met" if sets >= low else "unmet", max(sets, 0), pair
'''


def run(mutation: str):
    [mutant] = [m for m in find_mutants(SOURCE, "x.py") if m.mutation == mutation]
    space = {}
    exec(mutated_code(SOURCE, mutant, "x.py"), space)
    return mutant, space["flagged"]


def test_the_mutants_of_a_small_function():
    found = {(m.line, m.mutation) for m in find_mutants(SOURCE, "x.py")}
    assert found == {
        (2, "`25` -> `26`"),
        (5, "`10` -> `11`"),
        (5, "`False` -> `True`"),
        (7, "`>` -> `>=`"),
        (7, "`<` -> `<=`"),
        (7, "`and` -> `or`"),
        (7, "`not ` dropped"),
        (10, "format `:g` -> `:.0f`"),
        (10, "branches of `x if c else y` swapped"),
        (10, "`'met'` -> `'XXmetXX'`"),
        (10, "`'unmet'` -> `'XXunmetXX'`"),
        (10, "`>=` -> `>`"),
        (10, "`max` -> `min`"),
        (10, "`0` -> `1`"),
        (9, "`1` -> `2`"),
        (9, "`2` -> `3`"),
    }


def test_a_mutant_changes_only_its_own_spot():
    assert run("`>=` -> `>`")[1](12.5)[:3] == ("12.5", "met", 12.5)
    assert run("`>=` -> `>`")[1](10)[1] == "unmet"
    assert run("format `:g` -> `:.0f`")[1](2.5)[0] == "2"
    mutant, flagged = run("branches of `x if c else y` swapped")
    assert flagged(12)[1] == "unmet" and mutant.function == "flagged"
    assert mutant.key.startswith("x.py | flagged | return f")


def test_equivalent_list_keys_and_reasons(tmp_path):
    listed = tmp_path / "eq.txt"
    listed.write_text(
        "# comment\nm.py | f | a | b | c | `|` -> `&` | why it cannot matter\n\n", encoding="utf-8"
    )
    assert load_equivalent(listed) == {"m.py | f | a | b | c | `|` -> `&`": "why it cannot matter"}


def test_a_class_is_left_alone_outside_its_methods():
    source = (
        "from dataclasses import dataclass\n\n\n@dataclass(frozen=True)\nclass Parts:\n"
        "    size: int = 3\n\n    def big(self):\n        return self.size > 2\n"
    )
    assert [(m.line, m.mutation, m.function) for m in find_mutants(source, "p.py")] == [
        (9, "`>` -> `>=`", "Parts.big"),
        (9, "`2` -> `3`", "Parts.big"),
    ]


def test_every_listed_mutant_is_one_of_todays_code_with_its_reason():
    # A line changed since its entry was written makes the entry stale: its reason was
    # about other code. Re-check the reason against the new line and write the entry again.
    every = [m for module in TARGETS for m in mutants_of(module)]
    for path in (EQUIVALENT_FILE, KNOWN_FILE):
        entries = load_list(path)
        assert stale_entries(entries, every) == [], f"stale entries in {path.name}"
        assert [k for k in entries if k.split(" | ")[0] not in TARGETS] == [], path.name
        assert all(len(reason) > 10 for reason in entries.values()), path.name
