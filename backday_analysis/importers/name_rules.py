"""Movement rules: the catalogue exercise a name stands for, read from its parts.

A rule sees a name's :class:`~backday_analysis.importers.name_parts.NameParts` and returns the
``exercise_id`` of a catalogue exercise with the same movement, grip and equipment (any
pulldown -> a lat pulldown row, a wide-grip row -> the wide-grip row, a shrug -> the shrug of
its equipment), or None. Credits always come from that catalogue row, so a rule never invents
credits and a coach who edits the catalogue edits what rules give. Each rule has a name; a
resolution made by one says ``rule:<name>``.

Rules are tried in the order of :data:`BACK_RULES`; the first that answers wins. Words that
look like back work but are not (``upright row`` is traps work, ``rowing machine`` is cardio,
``triceps pushdown`` and ``leg curl`` are no back work) are told apart inside the rules.
"""

from __future__ import annotations

from collections.abc import Callable

from backday_analysis.importers.name_parts import NameParts

Rule = Callable[[NameParts], "str | None"]


def _by_equipment(parts: NameParts, choices: dict[str, str], default: str) -> str:
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
    return _by_equipment(
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
        return "dumbbell_row_chest_supported" if p.equipment & {"dumbbell", "kettlebell"} else (
            "t_bar_row_chest_supported"
        )  # fmt: skip
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
    if p.any("underhand", "reverse", "yates"):
        return "barbell_row_underhand"
    return "barbell_row"


def shrug(p: NameParts) -> str | None:
    """Shrugs by equipment: trapezius."""
    if not p.has("shrug"):
        return None
    choices = {
        "smith": "shrug_smith_machine", "trapbar": "shrug_trap_bar", "dumbbell": "shrug_dumbbell",
        "kettlebell": "shrug_dumbbell", "cable": "shrug_cable", "band": "shrug_cable",
        "machine": "shrug_machine", "plate": "shrug_machine",
    }  # fmt: skip
    return _by_equipment(p, choices, "shrug_barbell")


def olympic_pull(p: NameParts) -> str | None:
    """Clean, snatch and high pulls: trapezius and lower back."""
    if p.has("high", "pull") or p.phrase("high pull"):
        return "high_pull"
    if p.any("clean", "snatch") and p.has("pull"):
        return "olympic_pull"
    return None


def olympic_lift(p: NameParts) -> str | None:
    """Cleans and snatches, with or without the jerk or press: the power clean's credits."""
    if p.has("clean") and p.any("press"):
        return "clean_and_press"
    if p.any("clean", "snatch", "cleans"):
        return "power_clean"
    return None


def deadlift(p: NameParts) -> str | None:
    """The deadlift family: stiff-legged and Romanian ones load the lower back alone."""
    if p.phrase("rack pull|block pull|rack pulls|block pulls"):
        return "rack_pull"
    if p.phrase("atlas stones?|keg load|sandbag load"):
        return "barbell_deadlift"
    if not p.has("deadlift") and p.any("stiff_leg", "romanian") and not p.any("stretch"):
        return "stiff_leg_deadlift"
    if not p.has("deadlift"):
        return None
    if p.any("row", "shrug"):
        # "Romanian deadlift to row / to shrug": the upper back works too.
        return "barbell_deadlift"
    if p.any("single_leg"):
        return "single_leg_romanian_deadlift"
    if p.any("romanian", "stiff_leg"):
        if p.equipment & {"dumbbell", "kettlebell"}:
            return "romanian_deadlift_dumbbell"
        return "stiff_leg_deadlift" if p.any("stiff_leg") else "romanian_deadlift_barbell"
    if p.has("sumo"):
        return "sumo_deadlift"
    choices = {
        "trapbar": "trap_bar_deadlift", "dumbbell": "dumbbell_deadlift",
        "kettlebell": "kettlebell_deadlift",
    }  # fmt: skip
    return _by_equipment(p, choices, "barbell_deadlift")


def hinge(p: NameParts) -> str | None:
    """Good mornings, pull-throughs, Jefferson curls and kettlebell swings."""
    if p.has("goodmorning"):
        return "good_morning"
    if p.has("pullthrough"):
        return "cable_pull_through"
    if p.has("jefferson"):
        return "jefferson_curl"
    if p.has("swing") and ("kettlebell" in p.equipment or p.any("russian", "american")):
        return "kettlebell_swing"
    return None


def back_extension(p: NameParts) -> str | None:
    """Back extensions, hyperextensions and supermans: lower back (holds included)."""
    if p.has("hyperextension") and p.any("reverse"):
        return "reverse_hyperextension"
    if p.has("superman"):
        return "superman"
    if p.any("back_extension", "hyperextension") or p.phrase("lower back (extension|raise)"):
        return "back_extension_machine" if p.any("machine") else "back_extension"
    return None


def rear_delt(p: NameParts) -> str | None:
    """Face pulls, reverse flyes, rear-delt raises and band pull-aparts: rhomboids."""
    if p.has("facepull"):
        return "face_pull"
    if p.has("pullapart"):
        return "band_pull_apart"
    if p.phrase("(shoulder|scapular?|scap|shoulder blade) (squeeze|retraction)s?"):
        return "scapular_retraction"
    flye = p.any("reverse_fly") or (
        p.has("rear_delt") and p.any("fly", "raise", "lateral", "swing")
    ) or (p.any("bent_over") and p.any("lateral", "raise", "fly"))  # fmt: skip
    if flye or p.phrase("reverse (pec deck|cable fly|crossover)"):
        return _by_equipment(
            p, {"cable": "reverse_fly_cable", "band": "band_pull_apart",
                "machine": "reverse_fly_machine"}, "reverse_fly_dumbbell",
        )  # fmt: skip
    if p.phrase("[ytwi] raises?|chest_supported [ytwi]s?|[ytwi]s raises?"):
        return "y_raise"
    return None


def straight_arm(p: NameParts) -> str | None:
    """Pullovers and straight-arm pulls: lats."""
    if p.has("pullover"):
        return "pullover_machine" if p.equipment & {"machine", "cable"} else "pullover_dumbbell"
    if p.any("straight_arm") and p.any("pull", "pulldown", "pushdown", "extension"):
        return "straight_arm_pulldown"
    if p.phrase("front lever"):
        return "front_lever_raise"
    return None


def carry(p: NameParts) -> str | None:
    """Farmer's and suitcase carries: trapezius."""
    if p.has("suitcase") and p.any("carry", "walk", "farmers"):
        return "suitcase_carry"
    if p.has("farmers") or p.any("carry", "yoke"):
        return "farmers_carry"
    return None


def curl(p: NameParts) -> str | None:
    """Biceps curls by equipment; leg, wrist and Nordic curls are no biceps work."""
    if p.phrase("21 s|21s"):
        return "bicep_curl_barbell"
    if not p.has("curl") or p.any("leg", "hamstring", "wrist", "nordic", "glute", "ball", "toe",
                                  "jefferson", "crunch", "sliding", "slider"):  # fmt: skip
        return None
    if p.has("hammer") or (p.any("neutral") and not p.any("reverse")):
        return _by_equipment(
            p, {"cable": "hammer_curl_cable", "band": "hammer_curl_band"}, "hammer_curl_dumbbell"
        )
    if p.any("reverse", "overhand"):
        return _by_equipment(
            p, {"ezbar": "reverse_curl_ez_bar", "dumbbell": "reverse_curl_dumbbell"},
            "reverse_curl_barbell",
        )  # fmt: skip
    if p.has("preacher") or p.has("scott"):
        return _by_equipment(
            p, {"dumbbell": "preacher_curl_dumbbell", "machine": "preacher_curl_machine",
                "ezbar": "preacher_curl_ez_bar"}, "preacher_curl_barbell",
        )  # fmt: skip
    choices = {
        "ezbar": "ez_bar_curl", "barbell": "bicep_curl_barbell", "cable": "bicep_curl_cable",
        "machine": "bicep_curl_machine", "band": "bicep_curl_band",
    }  # fmt: skip
    return _by_equipment(p, choices, "bicep_curl_dumbbell")


#: The rules for movements that credit a back group or the biceps, tried in this order.
BACK_RULES: tuple[tuple[str, Rule], ...] = (
    ("rowing_cardio", rowing_cardio),
    ("upright_row", upright_row),
    ("straight_arm", straight_arm),
    ("pulldown", pulldown),
    ("pull_up", pull_up),
    ("olympic_pull", olympic_pull),
    ("deadlift", deadlift),
    ("olympic_lift", olympic_lift),
    ("hinge", hinge),
    ("back_extension", back_extension),
    ("rear_delt", rear_delt),
    ("row", row),
    ("shrug", shrug),
    ("carry", carry),
    ("curl", curl),
)
