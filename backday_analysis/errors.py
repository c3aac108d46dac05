"""The one error type the command line turns into a single clear sentence."""


class BackdayError(Exception):
    """Bad input or a failed step, explained in one sentence for a coach.

    The message says which file and line, what is wrong and what to do. The command line
    prints it without a traceback and exits with status 2.
    """


def located(path, line: int | None, problem: str, remedy: str) -> BackdayError:
    """Build an error that names the file, the line (if any), the problem and the remedy."""
    where = f"{path}, line {line}" if line is not None else f"{path}"
    return BackdayError(f"{where}: {problem}; {remedy}.")
