"""Find the characters of a PDF that no font of this machine can draw.

Typst draws such a character as an empty box and says nothing: a client's name in Japanese
or an emoji in a note would reach the coach's PDF as boxes. So each character outside ASCII
is looked up once per process in the fonts' character maps (fontTools), the page's own font
first, and the ones no font has are logged with what to do.
"""

from __future__ import annotations

import functools
import logging
import threading

log = logging.getLogger(__name__)

#: Characters looked up so far in this process, and whether some font has them.
_DRAWABLE: dict[str, bool] = {}
_LOCK = threading.Lock()  # the warm-up thread may typeset beside a report


def undrawable(text: str, fonts: list[tuple[str, int]]) -> list[str]:
    """Return the characters of ``text`` that none of ``fonts`` has, in code-point order.

    Parameters
    ----------
    text : str
        What the PDF shows (its markup will do: markup is ASCII).
    fonts : list of (str, int)
        Each font file's path and its index in the file, the page's own font first. Fonts
        without a file (Typst's own) are not in the list, so a character only they have
        counts as missing.
    """
    # ASCII is drawn by any text font; most pages hold only a few other characters.
    wanted = {c for c in set(text) if c > "~"}
    with _LOCK:
        for character in wanted - _DRAWABLE.keys():
            point = ord(character)
            _DRAWABLE[character] = any(point in _code_points(*font) for font in fonts)
        return sorted(c for c in wanted if not _DRAWABLE[c])


@functools.cache
def _code_points(path: str, index: int) -> frozenset[int]:
    """Return the code points a font file's face has a glyph for (none if it cannot be read)."""
    from fontTools.ttLib import TTFont

    try:
        with TTFont(path, fontNumber=index, lazy=True) as font:
            return frozenset(font.getBestCmap() or ())
    # A damaged font file raises whatever its broken table makes fontTools raise (ValueError,
    # KeyError, struct.error, ...); the PDF is written already, so this check must not fail it.
    except Exception as exc:  # noqa: BLE001
        log.warning("The font %s could not be read for its characters (%r); its characters "
                    "count as missing.", path, exc)  # fmt: skip
        return frozenset()


_WARNED: set[str] = set()


def log_undrawable(characters: list[str]) -> None:
    """Log the characters no font has, each once per process, with what the coach can do."""
    with _LOCK:
        new = [c for c in characters if c not in _WARNED]
        _WARNED.update(new)
    if new:
        listed = ", ".join(f"{c} (U+{ord(c):04X})" for c in new)
        pronoun = "it" if len(new) == 1 else "them"
        log.warning(
            "A PDF shows an empty box for %s: no font on this machine has %s. Install a "
            "font that does (Noto Sans CJK for Chinese, Japanese and Korean, Noto Color Emoji "
            "for emoji) and write the report again; the HTML page shows %s as written.",
            listed,
            pronoun,
            pronoun,
        )
