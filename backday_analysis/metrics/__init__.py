"""Numbers from the sets: ISO weeks, the weekly table, balance measures and coaching flags."""
