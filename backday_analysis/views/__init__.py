"""The tables and text each notebook or page shows, built from the metrics."""
