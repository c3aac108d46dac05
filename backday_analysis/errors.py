"""The one error type the command line turns into a single clear sentence."""


class BackdayError(Exception):
    """Bad input or a failed step, explained in one sentence for a coach.

    The message says which file and line, what is wrong and what to do. The command line
    prints it without a traceback and exits with status 2; a notebook shows the sentence alone.
    """

    def _render_traceback_(self) -> list[str]:
        """Return what IPython shows in place of a traceback: the sentence alone, in red.

        IPython calls this hook on any exception that has it, so a coach's mistake in a
        notebook reads as one line; every other exception (a bug) keeps its full traceback.
        """
        return [f"\x1b[0;31m{self}\x1b[0m"]


def located(path, line: int | None, problem: str, remedy: str) -> BackdayError:
    """Build an error that names the file, the line (if any), the problem and the remedy."""
    where = f"{path}, line {line}" if line is not None else f"{path}"
    return BackdayError(f"{where}: {problem}; {remedy}.")


def unknown_name(path, line: int | None, kind: str, name: str, known) -> BackdayError:
    """Build the error for a name a coach's file holds that backday does not read.

    A misspelt setting or column would otherwise be ignored without a word, and its default
    used; ``known`` are the names the reader declares. The names it begins, or the closest
    one, are suggested, else all of them when there are a few.
    """
    import difflib

    known = list(known)
    close = [k for k in known if k.startswith(name)][:3] or difflib.get_close_matches(
        name, known, n=1, cutoff=0.6
    )
    if close:
        hint = f"did you mean {' or '.join(close)}? Correct it"
    elif len(known) <= 12:
        hint = f"check its spelling against {', '.join(known)}"
    else:
        hint = f"check its spelling against the {len(known)} names the shipped file holds"
    return located(
        path, line, f"the {kind} '{name}' is not one backday reads", f"{hint}, or remove it"
    )
