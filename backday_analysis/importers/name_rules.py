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
from backday_analysis.importers.pull_rules import (
    by_equipment,
    pull_up,
    pulldown,
    row,
    row_without_equipment,
    rowing_cardio,
    upright_row,
)

Rule = Callable[[NameParts], "str | None"]


def shrug(p: NameParts) -> str | None:
    """Shrugs by equipment: trapezius."""
    if not p.has("shrug"):
        return None
    choices = {
        "smith": "shrug_smith_machine", "trapbar": "shrug_trap_bar", "dumbbell": "shrug_dumbbell",
        "kettlebell": "shrug_dumbbell", "cable": "shrug_cable", "band": "shrug_cable",
        "machine": "shrug_machine", "plate": "shrug_machine",
    }  # fmt: skip
    return by_equipment(p, choices, "shrug_barbell")


#: Lifts a name may put after "stretch" to name a variant of the lift, not a stretch.
_STRETCHED_LIFT = r"row|fly|press|curl|pulldown|pull|squat|deadlift|lunge|raise|pullover|band"


def stretch(p: NameParts) -> str | None:
    """A stretch of a lift's muscles is no set of the lift ("deadlift stretch", "pull
    through stretch"); "stretch" before a lift names a variant ("stretch reflex row"), and
    a stretch band is equipment."""
    if p.phrase(rf"stretch(ing)?(?!.*\b({_STRETCHED_LIFT})\b)"):
        return "stretching"
    return None


def olympic_pull(p: NameParts) -> str | None:
    """Clean, snatch and high pulls: trapezius and lower back."""
    if p.has("high", "pull") or p.phrase("high pull"):
        return "high_pull"
    if p.any("clean", "snatch") and p.has("pull"):
        return "olympic_pull"
    return None


def olympic_lift(p: NameParts) -> str | None:
    """Cleans and snatches, with or without the jerk or press: the power clean's credits.

    Variants without a pull from the floor or the hang (a snatch balance, an overhead squat,
    a jerk on its own, a snatch-grip press) are no pulls: the name rules table reads them.
    """
    if not p.any("clean", "snatch") or p.phrase("(snatch|clean) grip"):
        return None
    if p.any("balance") or p.phrase("overhead squat|drop snatch|(snatch|sots) press"):
        return None
    # A squat, lunge or push press named after the lift starts from its catch, with no pull
    # ("clean front squat", "snatch push press"). A power or hang clean before it is a
    # complex that pulls ("power clean + front squat": the "+" is gone by now), as is a
    # "squat clean" or a "clean and squat".
    if p.phrase(r"(?<!power )(?<!hang )(clean|snatch) (front squat|back squat|overhead squat|"
                r"push press|(split |reverse )?lunge)"):  # fmt: skip
        return None
    if p.has("clean") and p.any("jerk"):
        return "clean_and_jerk"
    if p.has("clean") and p.any("press"):
        return "clean_and_press"
    return "power_clean"


def deadlift(p: NameParts) -> str | None:
    """The deadlift family: stiff-legged and Romanian ones load the lower back alone."""
    if p.phrase("rack pull|block pull|rack pulls|block pulls"):
        return "rack_pull"
    if p.phrase("atlas stones?|keg load|sandbag load"):
        return "barbell_deadlift"
    if not p.has("deadlift") and p.any("stiff_leg", "romanian"):
        # "RDL", "Romanian (Barbell)", "SLDL": the hinge is the only movement named. With
        # another movement word the straight leg describes it ("Straight Leg Kickback").
        if set(p.words) <= {"stiff_leg", "romanian"}:
            return "stiff_leg_deadlift" if p.any("stiff_leg") else "romanian_deadlift_barbell"
        return None
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
    return by_equipment(p, choices, "barbell_deadlift")


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
    if p.has("facepull") or (p.has("face") and p.any("pull", "pulldown")):
        return "face_pull"
    if p.has("pullapart"):
        return "band_pull_apart"
    if p.phrase("(shoulder|scapular?|scap|shoulder blade) (squeeze|retraction)s?"):
        return "scapular_retraction"
    flye = p.any("reverse_fly") or (
        p.has("rear_delt") and p.any("fly", "raise", "lateral", "swing")
    ) or (p.any("bent_over") and p.any("lateral", "raise", "fly"))  # fmt: skip
    if flye or p.phrase("reverse (pec deck|cable fly|crossover)"):
        return by_equipment(
            p, {"cable": "reverse_fly_cable", "band": "band_pull_apart",
                "machine": "reverse_fly_machine"}, "reverse_fly_dumbbell",
        )  # fmt: skip
    if p.phrase("[ytwi] (lateral )?raises?|chest_supported [ytwi]s?|[ytwi]s raises?"):
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


_NOT_CARRIED = ("sled", "toe", "lunge", "duck", "bear", "crab", "plank")


def carry(p: NameParts) -> str | None:
    """Farmer's and suitcase carries: trapezius."""
    if p.has("suitcase") and p.any("carry", "walk", "farmers"):
        return "suitcase_carry"
    if p.has("farmers") or p.any("carry", "yoke"):
        return "farmers_carry"
    # A walk named by how its load is held is a carry (waiter, overhead, rack, Zercher walks),
    # not the cardio a walk on its own is.
    held = ("waiter", "overhead", "rack", "zercher", "sandbag", "kettlebell", "dumbbell",
            "trapbar", "plate")  # fmt: skip
    # Walks that are another movement (the table reads them): a sled walked, walks on the
    # toes, lunge walks, duck, bear and crab walks, plank walks.
    if p.any("walk") and p.any(*held) and not p.any(*_NOT_CARRIED):
        return "farmers_carry"
    return None


def curl(p: NameParts) -> str | None:
    """Biceps curls by equipment; leg, wrist and Nordic curls are no biceps work."""
    if p.phrase("21 s|21s"):
        return "bicep_curl_barbell"
    not_biceps = ("leg", "single_leg", "hamstring", "wrist", "nordic", "glute", "ball", "toe",
                  "jefferson", "crunch", "sliding", "slider", "razor")  # fmt: skip
    if not p.has("curl") or p.any(*not_biceps):
        return None
    if p.has("hammer") or (p.any("neutral") and not p.any("reverse")):
        return by_equipment(
            p, {"cable": "hammer_curl_cable", "band": "hammer_curl_band"}, "hammer_curl_dumbbell"
        )
    if p.any("reverse", "overhand"):
        return by_equipment(
            p, {"ezbar": "reverse_curl_ez_bar", "dumbbell": "reverse_curl_dumbbell"},
            "reverse_curl_barbell",
        )  # fmt: skip
    if p.has("preacher") or p.has("scott"):
        return by_equipment(
            p, {"dumbbell": "preacher_curl_dumbbell", "machine": "preacher_curl_machine",
                "ezbar": "preacher_curl_ez_bar"}, "preacher_curl_barbell",
        )  # fmt: skip
    choices = {
        "ezbar": "ez_bar_curl", "barbell": "bicep_curl_barbell", "cable": "bicep_curl_cable",
        "machine": "bicep_curl_machine", "band": "bicep_curl_band",
    }  # fmt: skip
    return by_equipment(p, choices, "bicep_curl_dumbbell")


#: The rules for movements that credit a back group or the biceps, tried in this order.
BACK_RULES: tuple[tuple[str, Rule], ...] = (
    ("stretch", stretch),
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
    ("row_without_equipment", row_without_equipment),
    ("shrug", shrug),
    ("carry", carry),
    ("curl", curl),
)
