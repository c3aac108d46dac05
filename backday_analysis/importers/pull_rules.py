"""Pulling rules: pulldowns, pull-ups and chin-ups, rows (see :mod:`.name_rules`).

Each takes a name's parts and returns a catalogue ``exercise_id`` or None.
"""

from __future__ import annotations

from backday_analysis.importers.name_parts import NameParts


def by_equipment(parts: NameParts, choices: dict[str, str], default: str) -> str:
    """Return the choice of the first equipment the name has, in ``choices`` order."""
    for equipment, exercise_id in choices.items():
        if equipment in parts.equipment:
            return exercise_id
    return default


def pulldown(p: NameParts) -> str | None:
    """Any pulldown (or ``lat pull``): a lat pulldown by grip; straight-arm ones apart."""
    if not (p.has("pulldown") or (p.has("lat") and p.any("pull", "pulling"))):
        return None
    if p.any("straight_arm") or p.has("pushdown"):
        return "straight_arm_pulldown"
    if p.any("behind_neck"):
        return "lat_pulldown_behind_neck"
    if p.any("single_arm", "kneeling"):
        return "lat_pulldown_single_arm"
    if p.any("underhand", "reverse", "chinup"):
        return "lat_pulldown_underhand"
    if p.any("close", "neutral", "vbar"):
        return "lat_pulldown_close"
    if p.any("wide"):
        return "lat_pulldown_wide"
    if p.any("machine", "plate"):
        return "lat_pulldown_machine"
    return "lat_pulldown_chest"


def pull_up(p: NameParts) -> str | None:
    """Pull-ups and chin-ups by grip, assisted ones by their assistance; muscle-ups."""
    if p.has("muscleup"):
        return "muscle_up"
    if p.phrase("rope climbs?|rope climbing"):
        return "pull_up"
    if p.any("scapular", "scap", "scapula"):
        return "scapular_pull_up"
    chin = (
        p.has("chinup")
        or (p.has("chin") and not p.any("tuck"))
        or (p.has("pullup") and p.any("underhand", "reverse"))
    )
    if not (chin or p.has("pullup")):
        return None
    assisted = p.any("assisted", "assist", "negative", "eccentric") or bool(
        p.equipment & {"machine", "band"}
    )
    if chin and not p.any("neutral"):
        return "assisted_chin_up" if assisted else "chin_up"
    if assisted:
        return "band_assisted_pull_up" if "band" in p.equipment else "assisted_pull_up_machine"
    if p.any("neutral", "vbar"):
        return "pull_up_neutral"
    if p.any("close"):
        return "pull_up_close"
    if p.any("wide"):
        return "pull_up_wide"
    return "pull_up"


def upright_row(p: NameParts) -> str | None:
    """Upright rows: trapezius work, not rowing."""
    if not (p.has("upright") and p.any("row", "pull")):
        return None
    choices = {"dumbbell": "upright_row_dumbbell", "kettlebell": "upright_row_kettlebell"}
    return by_equipment(
        p, {**choices, "cable": "upright_row_cable", "band": "upright_row_cable"},
        "upright_row_barbell",
    )  # fmt: skip


def rowing_cardio(p: NameParts) -> str | None:
    """A rowing machine, ergometer or rowing as a sport: cardio, not a back row."""
    if p.any("rower", "erg", "ergometer", "concept2") or p.phrase("indoor row|row erg"):
        return "rowing_machine"
    if p.has("rowing") and not (p.equipment - {"machine"}) and not p.any("bent_over", "row"):
        return "rowing_machine"
    return None


def row(p: NameParts) -> str | None:
    """Rows (horizontal pulling) by equipment and grip; wide or supported rows are rhomboids'."""
    if p.has("archer") and p.has("pull") and p.equipment & {"band", "cable"}:
        return "cable_row_single_arm"
    if p.has("pull") and p.any("trx", "ring", "rings", "suspension", "swimmer"):
        return "inverted_row"
    if p.phrase("bench pulls?"):
        return "seal_row"
    if not p.any("row", "rowing"):
        return None
    if p.any("inverted", "australian", "trx", "ring", "rings", "suspension", "suspended"):
        return "inverted_row"
    if p.has("renegade"):
        return "renegade_row"
    if p.has("meadows"):
        return "meadows_row"
    if p.has("pendlay"):
        return "pendlay_row"
    if p.has("seal"):
        return "seal_row"
    if p.has("high") and not p.any("bent_over", "seated", "cable"):
        return "iso_lateral_high_row"
    if p.has("rear_delt") or (p.any("wide") and "dumbbell" in p.equipment):
        return "rear_delt_row_dumbbell"
    if "tbar" in p.equipment or "landmine" in p.equipment:
        return "t_bar_row_chest_supported" if p.any("chest_supported") else "t_bar_row"
    if p.any("chest_supported", "incline"):
        # The seed's chest-supported row (rhomboids first); on a machine, the lats lead.
        if p.equipment & {"machine", "plate"}:
            return "t_bar_row_chest_supported"
        return "dumbbell_row_chest_supported"
    if p.equipment & {"dumbbell", "kettlebell"}:
        if p.any("single_arm", "kroc", "gorilla") or not p.any("bent_over"):
            return "dumbbell_row_one_arm"
        return "dumbbell_row_two_arm"
    if "smith" in p.equipment:
        return "smith_machine_row"
    if p.equipment & {"machine", "plate"}:
        if p.any("wide"):
            return "seated_row_machine_wide"
        if p.any("low"):
            return "iso_lateral_low_row"
        if p.any("single_arm", "iso", "lateral") or "plate" in p.equipment:
            return "iso_lateral_row"
        return "seated_row_machine"
    if p.equipment & {"cable", "band"} or p.any("seated", "vbar"):
        if p.any("single_arm"):
            return "cable_row_single_arm"
        if p.any("wide", "overhand"):
            return "seated_cable_row_wide"
        if p.any("close", "neutral", "vbar"):
            return "seated_cable_row_close"
        return "seated_cable_row"
    if "barbell" in p.equipment or p.any("bent_over", "yates"):
        # A bent-over row with the bar: the lower back holds the torso.
        if p.any("underhand", "reverse", "yates"):
            return "barbell_row_underhand"
        return "barbell_row"
    if "bodyweight" in p.equipment:
        return "inverted_row"
    if p.any("single_arm", "kroc", "gorilla"):
        return "dumbbell_row_one_arm"
    # No equipment and no bent-over word: :func:`row_without_equipment` says so.
    return None


def row_without_equipment(p: NameParts) -> str | None:
    """A row whose name tells neither the equipment nor the stance: lats, no lower back.

    ``Zercher Row``, ``Row``: the name cannot tell a bent-over barbell row (lower back) from a
    supported or one-arm one, so the row is read as the seed's one-arm row, without the lower
    back, and the resolution says ``rule:row_without_equipment``.
    """
    if p.any("row") and not p.any("upright", "rowing", "rower"):
        return "row_unspecified"
    return None
