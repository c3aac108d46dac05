"""The data folder a coach edits: catalogue, aliases, roster, settings, canonical logs.

Also the Parquet store kept beside the logs, and importing app exports into the logs.
"""
