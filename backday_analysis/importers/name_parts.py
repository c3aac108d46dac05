"""Read an exercise name as its parts: movement words, equipment, grip and stance, side words.

Apps and people write the same exercise many ways: ``Dumbell Row (Single Arm)``,
``1-arm DB row``, ``One Arm Dumbbell Rows``. :func:`name_parts` turns each into the same
:class:`NameParts`: the equipment (``dumbbell``), the grip and side words (``single_arm``) and
the remaining words (``row``) with typos, spellings and plurals made one. The movement rules
(:mod:`backday_analysis.importers.name_rules`) read these parts; nothing here knows credits.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Phrases written several ways, made one word before anything else (longest first where
# one contains another). Each right-hand side is what the rules test for.
_PHRASES = (
    (r"pull[ -]?downs?|pulldowns?|pull dn|vertical traction", "pulldown"),
    (r"push[ -]?downs?|press[ -]?downs?", "pushdown"),
    (r"pull[ -]?ups?|pullups?", "pullup"),
    (r"chin[ -]?ups?|chinups?|chins", "chinup"),
    (r"pull[ -]?ins?", "pullin"),
    (r"cross[ -]?overs?", "crossover"),
    (r"push[ -]?ups?|pushups?|press[ -]?ups?", "pushup"),
    (r"sit[ -]?ups?|situps?", "situp"),
    (r"step[ -]?ups?|stepups?", "stepup"),
    (r"muscle[ -]?ups?|muscleups?", "muscleup"),
    (r"pull[ -]?overs?|pullovers?", "pullover"),
    (r"pull[ -]?throughs?|pullthroughs?", "pullthrough"),
    (r"pull[ -]?aparts?|pullaparts?", "pullapart"),
    (r"face[ -]?pulls?|facepulls?", "facepull"),
    (r"hyper[ -]?extensions?|hyper[ -]?tensions?|hyperextentions?|hypers?", "hyperextension"),
    (r"dead[ -]?lifts?|deadlifts?|dead lift", "deadlift"),
    (r"good[ -]?mornings?", "goodmorning"),
    (r"skull[ -]?crushers?|skullcrushers?|skull crusher", "skullcrusher"),
    (r"kick[ -]?backs?|kickbacks?", "kickback"),
    (r"t[ -]?bar", "tbar"),
    (r"v[ -]?bar|v[ -]?grip|v[ -]?handle", "vbar"),
    (r"ez[ -]?bar|ez[ -]?curl bar|e z bar|ez", "ezbar"),
    (r"trap[ -]?bar|hex[ -]?bar", "trapbar"),
    (r"smith[ -]?machine|smith", "smith"),
    (r"kettle[ -]?bells?|kettlebells?|kb", "kettlebell"),
    (r"dumb[ -]?bells?|dumbells?|dumbbels?|dumbbells?|db|dbs", "dumbbell"),
    (r"bar[ -]?bells?|barbells?|bb", "barbell"),
    (r"resistance bands?|loop bands?|handle bands?|mini bands?|bands?|banded", "band"),
    (r"cable machine|cables?|pulleys?", "cable"),
    (r"machines?|hammer strength|nautilus|selectorized", "machine"),
    (r"plate[ -]?loaded|plate[ -]?load|plates?", "plate"),
    (r"land[ -]?mine", "landmine"),
    (r"body[ -]?weight|bw|bodyweighted", "bodyweight"),
    (
        r"one[ -]?arm(ed)?|single[ -]?arm(ed)?|1[ -]?arm|one[ -]?hand(ed)?|single[ -]?hand(ed)?"
        r"|unilateral|each (side|arm)|per (side|arm)|alternating|alternate",
        "single_arm",
    ),
    (r"one[ -]?leg(ged)?|single[ -]?leg(ged)?|1[ -]?leg", "single_leg"),
    (r"stiff[ -]?leg(ged)?|straight[ -]?leg(ged)?|stiff[ -]?legs?|sldl|sl dl", "stiff_leg"),
    (r"straight[ -]?arms?|stiff[ -]?arms?", "straight_arm"),
    (r"romanian|rdls?", "romanian"),
    (r"behind the neck|behind neck|btn", "behind_neck"),
    (r"behind the back|behind back", "behind_back"),
    (r"bent[ -]?over|bentover|bent", "bent_over"),
    (r"chest[ -]?supported|chest[ -]?support|supported|prone", "chest_supported"),
    (r"rear[ -]?delts?|rear[ -]?deltoids?|rear", "rear_delt"),
    (r"reverse[ -]?flys?|reverse[ -]?flyes?|reverse[ -]?flies", "reverse_fly"),
    (r"upright", "upright"),
    (r"lat", "lat"),
    (r"back extensions?|back ext|back raises?|roman chair|45 degree back", "back_extension"),
    (r"supermans?|superwomans?|super[ -]?man", "superman"),
    (r"farmers?'?s?( walk| carry| walks| carries)?", "farmers"),
    (r"wide[ -]?grip|wide", "wide"),
    (r"close[ -]?grip|narrow[ -]?grip|close|narrow|short grip|short", "close"),
    (r"neutral[ -]?grip|neutral|hammer[ -]?grip|parallel[ -]?grip|parallel", "neutral"),
    (
        r"reverse[ -]?grip|underhand(ed)?[ -]?grip|underhand(ed)?|supinated[ -]?grip|supinated"
        r"|supine grip|chin[ -]?up grip",
        "underhand",
    ),
    (r"mixed[ -]?grip|mixed|alternate grip", "mixed"),
    (r"overhand[ -]?grip|overhand|pronated[ -]?grip|pronated", "overhand"),
)
_PHRASE_PATTERNS = [(re.compile(rf"\b(?:{p})\b"), word) for p, word in _PHRASES]

EQUIPMENT = {
    "barbell", "dumbbell", "kettlebell", "cable", "machine", "smith", "band", "trapbar",
    "landmine", "plate", "bodyweight", "ezbar", "tbar",
}  # fmt: skip
GRIPS = {"wide", "close", "neutral", "underhand", "mixed", "overhand", "vbar"}
SIDES = {"single_arm", "single_leg"}

# Words that name no movement: counts, units, app and gym habits, joining words.
_NOISE = {
    "reps", "rep", "sets", "set", "x", "and", "with", "the", "a", "on", "of", "to", "in",
    "weighted", "added", "weight", "heavy", "light", "standard", "regular", "normal", "full",
    "range", "rom", "pause", "paused", "tempo", "slow", "hold", "holds", "isometric", "iso",
    "static", "timed", "exercise", "variation", "grip", "handle", "bar", "attachment", "rope",
    "station", "bench", "seated", "sitting", "standing", "lying", "kneeling", "incline",
    "decline", "flat", "floor", "ground", "old", "new", "copy", "my", "warmup",
}  # fmt: skip
# Plural and verb endings made singular for the words the rules look at.
_SINGULAR = {
    "rows": "row", "rowing": "rowing", "shrugs": "shrug", "curls": "curl", "presses": "press",
    "raises": "raise", "flyes": "fly", "flys": "fly", "flies": "fly", "flye": "fly",
    "extensions": "extension", "extention": "extension", "extentions": "extension",
    "squats": "squat", "lunges": "lunge", "dips": "dip", "crunches": "crunch",
    "swings": "swing", "cleans": "clean", "snatches": "snatch", "pulls": "pull",
    "carries": "carry", "walks": "walk", "holds": "hold", "planks": "plank",
    "thrusts": "thrust", "bridges": "bridge", "jumps": "jump", "twists": "twist",
    "kicks": "kick", "stretches": "stretch", "rollouts": "rollout", "shrugging": "shrug",
    "tricep": "triceps", "bicep": "biceps", "biceps": "biceps", "delts": "delt",
    "lateral": "lateral", "laterals": "lateral", "calves": "calf", "glutes": "glute",
    "hamstrings": "hamstring", "quads": "quad", "abs": "ab", "obliques": "oblique",
}  # fmt: skip


@dataclass(frozen=True)
class NameParts:
    """The parts of one exercise name.

    Attributes
    ----------
    text : str
        The whole name, normalised, one space between words (``"dumbbell row single_arm"``).
    words : tuple of str
        The words that are not equipment, grip, side or noise, in order (``("row",)``).
    equipment : frozenset of str
        Equipment words (``barbell``, ``dumbbell``, ``cable``, ``machine``, ...).
    grips : frozenset of str
        Grip and side words (``wide``, ``close``, ``neutral``, ``underhand``, ``single_arm``).
    stems : frozenset of str
        The words without a plural ending (``makers`` -> ``maker``).
    """

    text: str
    words: tuple[str, ...]
    equipment: frozenset[str]
    grips: frozenset[str]
    stems: frozenset[str] = frozenset()

    def tokens(self) -> frozenset[str]:
        """Return every word of the name, as written (respelled) and without a plural ending."""
        return frozenset(self.text.split()) | self.stems

    def has(self, *words: str) -> bool:
        """Return whether the name holds every one of ``words`` (parts or words)."""
        every = self.tokens()
        return all(word in every for word in words)

    def any(self, *words: str) -> bool:
        """Return whether the name holds at least one of ``words``."""
        every = self.tokens()
        return any(word in every for word in words)

    def phrase(self, pattern: str) -> bool:
        """Return whether the normalised text matches a regular expression (word bounded)."""
        return re.search(rf"\b(?:{pattern})\b", self.text) is not None


def plain_text(name: str) -> str:
    """Return a name in lower case ASCII with single spaces between words and numbers."""
    text = unicodedata.normalize("NFKD", str(name)).encode("ascii", "ignore").decode().casefold()
    text = text.replace("'", "").replace("’", "")
    text = re.sub(r"[^a-z0-9]+", " ", text)
    return " ".join(text.split())


def _singular(word: str) -> str:
    """Return a word without its plural ending (``rows`` -> ``row``; ``press`` stays)."""
    if word in _SINGULAR:
        return _SINGULAR[word]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is", "_s")):
        return _SINGULAR.get(word[:-1], word[:-1])
    return word


@lru_cache(maxsize=65536)
def name_parts(name: str) -> NameParts:
    """Split an exercise name into its parts (see :class:`NameParts`)."""
    text = plain_text(name)
    for pattern, word in _PHRASE_PATTERNS:
        text = pattern.sub(word, text)
    tokens = [_SINGULAR.get(t, t) for t in text.split()]
    equipment = frozenset(t for t in tokens if t in EQUIPMENT)
    grips = frozenset(t for t in tokens if t in GRIPS or t in SIDES)
    words = tuple(
        t
        for t in tokens
        if t not in EQUIPMENT and t not in GRIPS and t not in SIDES and t not in _NOISE
        and not t.isdigit()
    )  # fmt: skip
    stems = frozenset(_singular(t) for t in tokens)
    return NameParts(" ".join(tokens), words, equipment, grips, stems)


def content_words(name: str) -> frozenset[str]:
    """Return the words of a name that say what the movement is (no equipment, grip or noise)."""
    return frozenset(name_parts(name).words)
