"""Weekly back-training volume, balance and guideline reports for strength coaches."""

__version__ = "0.1.0"

#: The muscle groups the catalogue credits, in report order. The first four are the back.
GROUPS = ("lats", "traps", "rhomboids", "lower_back", "biceps")
BACK_GROUPS = GROUPS[:4]
