"""Weekly back-training volume, balance and guideline reports for strength coaches."""

__version__ = "0.1.0"

#: The back's four muscle groups (the seed article's), in report order.
BACK_GROUPS = ("lats", "traps", "rhomboids", "lower_back")
#: Every muscle group the catalogue credits, in report order: the back, then the biceps
#: (the seed pairs them), then the rest of the body from the chest down.
GROUPS = (
    *BACK_GROUPS,
    "biceps",
    "chest",
    "front_delts",
    "side_delts",
    "rear_delts",
    "triceps",
    "forearms",
    "abs",
    "quads",
    "hamstrings",
    "glutes",
    "calves",
)
#: Each group's name as a page prints it.
GROUP_LABELS = {
    "lats": "Lats",
    "traps": "Trapezius",
    "rhomboids": "Rhomboids",
    "lower_back": "Lower back",
    "biceps": "Biceps",
    "chest": "Chest",
    "front_delts": "Front delts",
    "side_delts": "Side delts",
    "rear_delts": "Rear delts",
    "triceps": "Triceps",
    "forearms": "Forearms",
    "abs": "Abs",
    "quads": "Quads",
    "hamstrings": "Hamstrings",
    "glutes": "Glutes",
    "calves": "Calves",
}
