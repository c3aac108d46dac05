"""Matplotlib figures for the notebooks and reports."""
