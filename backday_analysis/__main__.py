"""Run the command line as ``python -m backday_analysis``."""

from backday_analysis.cli.commands import main

main()
