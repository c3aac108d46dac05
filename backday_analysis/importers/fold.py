"""Fold text to plain lower-case ASCII: the one normaliser every name and header match shares.

Exercise names, column headers and month names arrive in every spelling an app or a person
uses: ``Développé couché``, ``DEADLIFT``, ``Nom de l’entraînement``. Each matcher folds its
text here first and then keeps what it needs (letters only, single spaces, ...).
"""

from __future__ import annotations

import unicodedata

# Marks that NFKD does not take apart but that people type for an ASCII character.
_LOOK_ALIKES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u00b4": "'", "`": "'"})


def ascii_fold(text: object) -> str:
    """Return ``text`` case-folded, without accents, with typographic apostrophes as ``'``.

    Case is folded first, so that ``ß`` becomes ``ss`` rather than nothing; characters with
    no ASCII form left after decomposition are dropped.
    """
    folded = unicodedata.normalize("NFKD", str(text).casefold().translate(_LOOK_ALIKES))
    return folded.encode("ascii", "ignore").decode()
