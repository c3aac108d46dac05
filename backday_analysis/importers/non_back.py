"""Known movements that train no back group: presses, squats, core, cardio, stretches.

A name that no back rule recognises is checked here last, word by word: a name holding one of
these movement words is a known exercise for another muscle and resolves to the generic
catalogue row of its kind (``other_push``, ``other_legs``, ...), which credits no group. There
is deliberately no catch-all: a name with none of these words stays unknown, so back work the
rules missed is shown to the coach instead of being counted as "not back".
"""

from __future__ import annotations

from backday_analysis.importers.name_parts import NameParts

# (rule name, generic catalogue id, words); the first kind with a word in the name wins, so
# the more telling kinds come first ("hanging leg raise" is core, "leg press" legs).
NON_BACK_KINDS: tuple[tuple[str, str, frozenset[str]], ...] = (
    # Core work that carries a pressing or leg word ("Pallof press", "plank to push-up").
    ("core", "other_core", frozenset("pallof plank crunch situp".split())),
    (
        "mobility",
        "other_mobility",
        frozenset(
            "stretch stretching yoga mobility foam roll roller rolling smr cat cow pose "
            "cooldown activation dislocate dislocates circles circle meditation breathing "
            "massage lacrosse pigeon cobra scorpion worlds greatest opener flexibility "
            "dynamic cars prayer spiderman inchworm sun salutation downward dog figure four "
            "pancake touch splits reach open helicopter airplane crab flex touches groiners "
            "straddle hug locust claw elbows ceiling drill pilates".split()
        ),
    ),
    (
        "push",
        "other_push",
        frozenset(
            "press pushup dip dips fly crossover cross pec chest jerk handstand pike arnold "
            "svend squeeze butterfly push jammer log".split()
        ),
    ),
    (
        "core",
        "other_core",
        frozenset(
            "crunch situp plank ab abdominal twist woodchop woodchopper chop rollout wheel "
            "dead bug hollow flutter scissor scissors climber climbers pallof oblique core "
            "dragon toes knee jackknife vup sit tuck windshield wiper bicycle heel "
            "hanging rotation rotational antirotation birddog bird getup russian "
            "bend stir pot chopper cutter toucher planking saw vacuum tap taps bodysaw "
            "fallout pullin pass wipers windmill "
            "windmills walkout cocoons pelvic butt scoot balance dragonfly 180 caster "
            "judo otis bottoms bends 180s".split()
        ),
    ),
    (
        "legs",
        "other_legs",
        frozenset(
            "squat squats lunge lunges split stepup leg legs calf glute hip thrust bridge "
            "abduction adduction abductor adductor hamstring quad nordic sissy hack pistol "
            "sled pendulum clamshell clam monster donkey hydrant wall thruster step box "
            "skater cossack curtsy deficit thigh ham kneel hydrant hydrants frog "
            "kick quadriceps drag tire rocket".split()
        ),
    ),
    (
        "arms",
        "other_arms",
        frozenset(
            "triceps pushdown kickback skullcrusher extension french jm tate wrist forearm "
            "gripper pinch hang finger neck grip biceps pronation supination".split()
        ),
    ),
    (
        "shoulders",
        "other_shoulders",
        frozenset(
            "lateral front delt deltoid shoulder external internal cuban halo around raise "
            "overhead scaption crucifix iron drivers pirate partials".split()
        ),
    ),
    (
        "cardio",
        "other_cardio",
        frozenset(
            "run running jog jogging treadmill bike biking cycling cycle spin elliptical "
            "stair stairs stairmaster stepmill walk walking hike hiking swim swimming jump "
            "jumping rope burpee burpees sprint sprints skip skipping ski assault airdyne "
            "battle jacks jack shuttle agility boxing kickboxing sport tennis football soccer "
            "basketball climb climbing bouldering cardio hiit tabata conditioning dance "
            "mile miles km skate skating golf yard pickleball squash badminton crawl "
            "skips knees bounds hop hops leap carioca aerobics skiing snowboarding slam "
            "slams throw "
            "toss down punch ropes bicycling punches flips cycles sprinter sledgehammer".split()
        ),
    ),
)


def non_back_kind(parts: NameParts) -> tuple[str, str] | None:
    """Return ``(rule name, generic catalogue id)`` for a known non-back movement, else None."""
    tokens = parts.tokens()
    for rule, exercise_id, words in NON_BACK_KINDS:
        if tokens & words:
            return f"non_back_{rule}", exercise_id
    return None
