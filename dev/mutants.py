"""Find a module's mutants with :mod:`ast` and build the code of one of them.

A mutant is one small change a plausible bug would make: an arithmetic or comparison operator
swapped (``>`` for ``>=``), ``and`` for ``or``, a ``not`` or ``~`` dropped, a number off by one
or rounded to four digits, ``True`` for ``False``, ``min`` for ``max``, the two branches of a
conditional swapped, a compared string changed, or a number format (``:g``) shown with no
decimals. Docstrings, annotations, ``raise`` statements (their wording), decorators, class
bodies outside methods and lines marked ``# pragma: no mutate`` are left alone.
"""

from __future__ import annotations

import ast
import builtins
import importlib
import inspect
import re
import sys
from dataclasses import dataclass
from pathlib import Path

_BINOPS = {
    ast.Add: ast.Sub,
    ast.Sub: ast.Add,
    ast.Mult: ast.Div,
    ast.Div: ast.Mult,
    ast.FloorDiv: ast.Div,
    ast.Mod: ast.Mult,
    ast.Pow: ast.Mult,
    ast.BitAnd: ast.BitOr,
    ast.BitOr: ast.BitAnd,
}
_COMPARE = {
    ast.Lt: ast.LtE,
    ast.LtE: ast.Lt,
    ast.Gt: ast.GtE,
    ast.GtE: ast.Gt,
    ast.Eq: ast.NotEq,
    ast.NotEq: ast.Eq,
    ast.Is: ast.IsNot,
    ast.IsNot: ast.Is,
    ast.In: ast.NotIn,
    ast.NotIn: ast.In,
}
_SYMBOLS = {
    ast.Add: "+", ast.Sub: "-", ast.Mult: "*", ast.Div: "/", ast.FloorDiv: "//", ast.Mod: "%",
    ast.Pow: "**", ast.BitAnd: "&", ast.BitOr: "|", ast.Lt: "<", ast.LtE: "<=", ast.Gt: ">",
    ast.GtE: ">=", ast.Eq: "==", ast.NotEq: "!=", ast.Is: "is", ast.IsNot: "is not",
    ast.In: "in", ast.NotIn: "not in", ast.And: "and", ast.Or: "or",
}  # fmt: skip
_NAMES = {"min": "max", "max": "min", "any": "all", "all": "any", "idxmin": "idxmax",
          "idxmax": "idxmin", "floor": "ceil", "ceil": "floor", "cummax": "cummin",
          "head": "tail", "tail": "head", "first": "last", "last": "first"}  # fmt: skip
_BUILTINS = {"min", "max", "any", "all"}
# Number formats such as `g`, `.1f`, `02d`, `.0%`: a date format is no number.
_NUMBER_FORMAT = re.compile(r"^[<>=^]?[+-]?0?\d*,?(\.\d+)?[gfFeEd%n]?$")
PRAGMA = "pragma: no mutate"


@dataclass(frozen=True)
class Mutant:
    """One mutation: where it is, what it changes, and which code to patch to run it."""

    module: str  # path inside the package, such as ``metrics/flags.py``
    line: int
    code: str  # the source line, stripped: with ``mutation`` it names the mutant
    mutation: str  # such as "`>` -> `>=`" (with " #2" for a second alike on the line)
    index: int  # position of the node in ``ast.walk`` order
    variant: int  # which change of that node
    scope: tuple[str, ...]  # ("function",) or ("Class", "method"), or () for module level

    @property
    def key(self) -> str:
        """Return the text that names this mutant in the equivalent list."""
        return f"{self.module} | {self.function} | {self.code} | {self.mutation}"

    @property
    def function(self) -> str:
        """Return the function (``Class.method``) holding the mutant, or ``<module>``."""
        return ".".join(self.scope) or "<module>"


def _changes(node: ast.AST, parent: ast.AST | None) -> list[str]:
    """Return a description of each change this node allows, in variant order."""
    if isinstance(node, ast.BinOp | ast.AugAssign) and type(node.op) in _BINOPS:
        return [f"`{_SYMBOLS[type(node.op)]}` -> `{_SYMBOLS[_BINOPS[type(node.op)]]}`"]
    if isinstance(node, ast.Compare):
        return [f"`{_SYMBOLS[type(op)]}` -> `{_SYMBOLS[_COMPARE[type(op)]]}`" for op in node.ops]
    if isinstance(node, ast.BoolOp):
        new = ast.Or if isinstance(node.op, ast.And) else ast.And
        return [f"`{_SYMBOLS[type(node.op)]}` -> `{_SYMBOLS[new]}`"]
    if isinstance(node, ast.UnaryOp) and isinstance(node.op, ast.Not | ast.Invert | ast.USub):
        return [f"`{ {ast.Not: 'not ', ast.Invert: '~', ast.USub: '-'}[type(node.op)] }` dropped"]
    if isinstance(node, ast.IfExp):
        return ["branches of `x if c else y` swapped"]
    if isinstance(node, ast.Constant):
        return _constant_changes(node, parent)
    if isinstance(node, ast.Name) and node.id in _BUILTINS and isinstance(node.ctx, ast.Load):
        return [f"`{node.id}` -> `{_NAMES[node.id]}`"]
    if isinstance(node, ast.Attribute) and node.attr in _NAMES and isinstance(parent, ast.Call):
        return [f"`.{node.attr}` -> `.{_NAMES[node.attr]}`"]
    return []


def _constant_changes(node: ast.Constant, parent: ast.AST | None) -> list[str]:
    value = node.value
    if isinstance(value, bool):
        if isinstance(parent, ast.keyword) and parent.arg == "strict":
            return []  # zip(..., strict=True) checks the code, not the data
        return [f"`{value}` -> `{not value}`"]
    if isinstance(value, int | float):
        out = [f"`{value!r}` -> `{value + 1!r}`"]
        if isinstance(value, float) and float(f"{value:.4g}") != value:
            out.append(f"`{value!r}` -> `{float(f'{value:.4g}')!r}` (4 digits)")
        return out
    if isinstance(value, str) and _is_format_spec(parent):
        number = _NUMBER_FORMAT.match(value) and value != ".0f"
        return [f"format `:{value}` -> `:.0f`"] if number else []
    if isinstance(value, str) and isinstance(parent, ast.Compare | ast.IfExp) and len(value) < 25:
        return [f"`{value!r}` -> `'XX{value}XX'`"]
    return []


def _is_format_spec(parent: ast.AST | None) -> bool:
    # `{v:g}` parses as FormattedValue(format_spec=JoinedStr([Constant("g")])).
    return isinstance(parent, ast.JoinedStr) and getattr(parent, "_spec", False)


def _mark_format_specs(tree: ast.Module) -> None:
    for node in ast.walk(tree):
        if isinstance(node, ast.FormattedValue) and node.format_spec is not None:
            node.format_spec._spec = True


def _apply(node: ast.AST, parent: ast.AST | None, variant: int) -> None:
    """Change ``node`` in place as variant ``variant`` of :func:`_changes` describes."""
    if isinstance(node, ast.BinOp | ast.AugAssign):
        node.op = _BINOPS[type(node.op)]()
    elif isinstance(node, ast.Compare):
        node.ops[variant] = _COMPARE[type(node.ops[variant])]()
    elif isinstance(node, ast.BoolOp):
        node.op = ast.Or() if isinstance(node.op, ast.And) else ast.And()
    elif isinstance(node, ast.UnaryOp):
        node.op = ast.UAdd()  # `+x` keeps the value: the operator is gone
    elif isinstance(node, ast.IfExp):
        node.body, node.orelse = node.orelse, node.body
    elif isinstance(node, ast.Name):
        node.id = _NAMES[node.id]
    elif isinstance(node, ast.Attribute):
        node.attr = _NAMES[node.attr]
    elif isinstance(node.value, bool):
        node.value = not node.value
    elif isinstance(node.value, int | float):
        node.value = node.value + 1 if variant == 0 else float(f"{node.value:.4g}")
    elif _is_format_spec(parent):
        node.value = ".0f"
    else:
        node.value = "XX" + node.value + "XX"


def _skipped(tree: ast.Module) -> set[int]:
    """Return ids of nodes never mutated: docstrings, annotations, raise statements."""
    skip: set[int] = set()

    def drop(node: ast.AST | None) -> None:
        if node is not None:
            skip.update(id(n) for n in ast.walk(node))

    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            if isinstance(body[0].value, ast.Constant) and isinstance(body[0].value.value, str):
                drop(body[0])
        if isinstance(node, ast.Raise | ast.Assert | ast.Import | ast.ImportFrom):
            drop(node)
        elif isinstance(node, ast.AnnAssign):
            drop(node.annotation)
        elif isinstance(node, ast.arg):
            drop(node.annotation)
        elif isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            drop(node.returns)
            for decorator in node.decorator_list:
                drop(decorator)
        elif isinstance(node, ast.ClassDef):
            # A class is swapped by no mutant (only its methods' code is): a changed
            # decorator or base would build a class that nothing uses.
            for part in (*node.decorator_list, *node.bases, *node.keywords):
                drop(part)
        elif isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets
        ):
            drop(node)
    return skip


def _scopes(tree: ast.Module) -> dict[int, tuple[str, ...]]:
    """Return, per node id, the top-level function or class method that holds it."""
    scope: dict[int, tuple[str, ...]] = {}
    for top in tree.body:
        if isinstance(top, ast.FunctionDef | ast.AsyncFunctionDef):
            scope.update((id(n), (top.name,)) for n in ast.walk(top))
        elif isinstance(top, ast.ClassDef):
            for item in top.body:
                if isinstance(item, ast.FunctionDef | ast.AsyncFunctionDef):
                    scope.update((id(n), (top.name, item.name)) for n in ast.walk(item))
                else:  # class attributes such as dataclass defaults: left alone
                    scope.update((id(n), ("<class body>",)) for n in ast.walk(item))
    return scope


def find_mutants(source: str, module: str) -> list[Mutant]:
    """Return every mutant of a module's source, in line order."""
    tree = ast.parse(source)
    _mark_format_specs(tree)
    lines = source.splitlines()
    skip, scopes = _skipped(tree), _scopes(tree)
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    found, seen = [], {}
    for index, node in enumerate(ast.walk(tree)):
        if id(node) in skip or not hasattr(node, "lineno"):
            continue
        scope = scopes.get(id(node), ())
        code = lines[node.lineno - 1]
        if scope == ("<class body>",) or PRAGMA in code:
            continue
        parent = parents.get(id(node))
        for variant, text in enumerate(_changes(node, parent)):
            stripped = code.strip()
            count = seen[(node.lineno, text)] = seen.get((node.lineno, text), 0) + 1
            name = text if count == 1 else f"{text} #{count}"
            found.append(Mutant(module, node.lineno, stripped, name, index, variant, scope))
    return sorted(found, key=lambda m: (m.line, m.index, m.variant))


def mutated_code(source: str, mutant: Mutant, filename: str):
    """Return the compiled module with ``mutant`` applied."""
    tree = ast.parse(source)
    _mark_format_specs(tree)
    parents = {id(c): p for p in ast.walk(tree) for c in ast.iter_child_nodes(p)}
    for index, node in enumerate(ast.walk(tree)):
        if index == mutant.index:
            _apply(node, parents.get(id(node)), mutant.variant)
            break
    return compile(ast.fix_missing_locations(tree), filename, "exec")


class MutantLoadError(Exception):
    """A mutant could not be put in place of the code it mutates."""


def _functions(owner) -> list:
    """Return the plain functions behind a function, method, property or cached function.

    A decorator that keeps the function it wraps as ``__wrapped__`` (``functools.cache``,
    ``lru_cache``, ``functools.wraps``) calls that function object: its code is what to swap.
    """
    if isinstance(owner, property):
        owners = [f for f in (owner.fget, owner.fset, owner.fdel) if f is not None]
    else:
        owners = [getattr(owner, "__func__", owner)]
    return [inspect.unwrap(f) for f in owners]


def clear_caches(package: str) -> int:
    """Empty every ``functools`` cache of a package's modules; return how many there were.

    A cache filled before a mutant was loaded holds the answers of the code as it was, and
    would hide the mutant from every call it answers.
    """
    cleared = 0
    for name, module in list(sys.modules.items()):
        if module is None or not (name == package or name.startswith(package + ".")):
            continue
        for value in list(vars(module).values()):
            if callable(getattr(value, "cache_clear", None)) and hasattr(value, "__wrapped__"):
                value.cache_clear()
                cleared += 1
    return cleared


def load_mutant(mutant: Mutant, package_dir: Path, package: str = "backday_analysis") -> None:
    """Load ``mutant`` into the running interpreter: only ever call this in a throwaway process.

    Raises
    ------
    MutantLoadError
        If the mutated module does not run or its function cannot be swapped in.
    """
    name = package + "." + mutant.module.removesuffix(".py").replace("/", ".")
    path = package_dir / mutant.module
    module = importlib.import_module(name)
    code = mutated_code(path.read_text(encoding="utf-8"), mutant, str(path))
    fresh = {"__name__": name, "__file__": str(path), "__builtins__": builtins}
    fresh["__package__"] = module.__package__
    try:
        exec(code, fresh)
    except Exception as exc:
        raise MutantLoadError(f"the mutated module does not run: {exc!r}") from exc
    if mutant.scope:
        _swap_function(module, fresh, mutant.scope)
    else:
        _swap_module_values(module, fresh, package)
    clear_caches(package)


def _swap_function(module, fresh: dict, scope: tuple[str, ...]) -> None:
    """Give the loaded function (or method) the mutated one's code and defaults."""
    try:
        old, new = vars(module)[scope[0]], fresh[scope[0]]
        if len(scope) == 2:
            old, new = vars(old)[scope[1]], vars(new)[scope[1]]
        pairs = list(zip(_functions(old), _functions(new), strict=True))
    except (KeyError, ValueError) as exc:
        raise MutantLoadError(f"{'.'.join(scope)} cannot be found to swap: {exc!r}") from exc
    for before, after in pairs:
        if not (hasattr(before, "__code__") and hasattr(after, "__code__")):
            raise MutantLoadError(f"{'.'.join(scope)} is no Python function: {type(before)}")
        before.__code__ = after.__code__
        before.__defaults__, before.__kwdefaults__ = after.__defaults__, after.__kwdefaults__


def _swap_module_values(module, fresh: dict, package: str) -> None:
    """Put a mutated module-level value in place, also where other modules imported it."""
    for key, value in fresh.items():
        old = vars(module).get(key)
        if inspect.isfunction(value) and inspect.isfunction(old):
            # Defaults are evaluated where the function is defined: `def f(n=LIMIT)`.
            old.__defaults__, old.__kwdefaults__ = value.__defaults__, value.__kwdefaults__
            continue
        if key.startswith("__") or callable(value) or inspect.ismodule(value):
            continue
        try:  # 2.0 == 2, but a float where an int was is a change
            differs = type(value) is not type(old) or bool(value != old)
        except (TypeError, ValueError):
            differs = True
        if differs:  # also the copies other modules took with `from module import key`
            for other in list(sys.modules.values()):
                owned = getattr(other, "__name__", "").startswith(package)
                if owned and getattr(other, key, None) is old:
                    setattr(other, key, value)
