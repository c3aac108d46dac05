"""Run ``python -m backday_analysis.demo`` to write the demo roster, logs and app exports."""

from backday_analysis.demo.generate import main

main()
