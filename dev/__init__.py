"""Developer tools: the benchmark, mutation testing, import stress, profiling, name coverage.

They live outside the installed package (run them from the repository root, as ``make bench``
and ``make mutate`` do): a coach's install carries none of them, nor pytest, DuckDB or Polars.
"""
