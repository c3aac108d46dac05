"""The ``backday`` command line."""
