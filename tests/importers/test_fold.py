"""One normaliser for names, headers and month names: ``importers.fold.ascii_fold``."""

from __future__ import annotations

from backday_analysis.importers.fold import ascii_fold
from backday_analysis.importers.name_table import plain_text
from backday_analysis.importers.names import normalise_name


def test_case_accents_and_typographic_apostrophes_fold_to_ascii():
    assert ascii_fold("Développé Couché") == "developpe couche"
    assert ascii_fold("Nom de l’entraînement") == "nom de l'entrainement"
    # Case is folded before the accents go, so the German sharp s keeps its sound.
    assert ascii_fold("Straße") == "strasse"
    assert ascii_fold("ＤＢ Ｒｏｗ") == "db row"  # full-width letters, as some keyboards type


def test_every_matcher_reads_the_same_folded_text():
    assert normalise_name("Rüdiger’s Curl") == "rudigerscurl"
    assert plain_text("Rüdiger’s Curl") == "rudigers curl"
