"""Show where one warm-kernel report's time goes: the notebook in the kernel, papermill, HTML, PDF.

Run ``python -m dev.report_profile [--data DIR] [--runs N]``. It renders the
demo roster's reports in one warm kernel, as a batch worker does, and prints the median CPU
seconds of each step over the runs (the first report of each client warms up and is not
counted). Nothing here is a test: the numbers depend on the machine.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

STEPS = ("kernel", "papermill", "html", "pdf")


def profile_reports(data: Path | None, runs: int) -> dict[str, float]:
    """Return the median CPU seconds of each step of a warm-kernel report."""
    from backday_analysis.rendering.batch import plan_reports
    from backday_analysis.rendering.kernels import WarmKernel
    from backday_analysis.rendering.pages import pdf_bytes, prepare_writers, to_html
    from backday_analysis.rendering.report import execute
    from dev.bench_reports import kernel_cpu

    with tempfile.TemporaryDirectory(prefix="backday-profile-") as out:
        _, jobs = plan_reports("latest", None, data, Path(out))
    kernel = WarmKernel()
    prepare_writers(("html", "pdf"))
    seconds: dict[str, list[float]] = {step: [] for step in STEPS}
    try:
        for run in range(runs + 1):
            for job in jobs:
                kernel_before, before = kernel_cpu(kernel), time.process_time()
                executed = execute(job.notebook, job.parameters, kernel=kernel)
                kernel_after, ran = kernel_cpu(kernel), time.process_time()
                page = to_html(executed, job.title, "")
                paged = time.process_time()
                pdf_bytes(page)
                if run:
                    seconds["kernel"].append(kernel_after - kernel_before)
                    seconds["papermill"].append(ran - before)
                    seconds["html"].append(paged - ran)
                    seconds["pdf"].append(time.process_time() - paged)
    finally:
        kernel.shutdown()
    return {step: statistics.median(values) for step, values in seconds.items()}


def main(argv: list[str] | None = None) -> None:
    """Print the median CPU seconds of each step and their sum."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=None, help="data folder (default: demo)")
    parser.add_argument("--runs", type=int, default=2, help="counted runs over the roster")
    args = parser.parse_args(argv)
    medians = profile_reports(args.data, args.runs)
    for step, value in medians.items():
        print(f"{step}: {value:.3f}")
    print(f"total: {sum(medians.values()):.3f}")


if __name__ == "__main__":
    main()
