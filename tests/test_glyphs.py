"""Characters no font can draw: found per character, logged once with what to do."""

from __future__ import annotations

from pathlib import Path

import matplotlib
import pytest

from backday_analysis.rendering import glyphs, pages

#: A font every install has: matplotlib ships DejaVu Sans, the pages' own font.
DEJAVU = (str(Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"), 0)


@pytest.fixture(autouse=True)
def fresh_process(monkeypatch):
    """Start each test as a new process would: nothing looked up or warned yet."""
    monkeypatch.setattr(glyphs, "_DRAWABLE", {})
    monkeypatch.setattr(glyphs, "_WARNED", set())


def test_only_characters_no_font_has_are_returned_in_code_point_order():
    # DejaVu has ë, ✓ (U+2713), the en dash and Cyrillic; no CJK and no emoji.
    text = "Zoë ✓ 💪 – Ольга 藤 佐"
    assert glyphs.undrawable(text, [DEJAVU]) == ["佐", "藤", "💪"]


def test_a_character_any_listed_font_has_is_drawable(tmp_path, monkeypatch):
    unreadable = tmp_path / "broken.ttf"
    unreadable.write_bytes(b"not a font")
    # One byte of its table directory changed: fontTools fails an AssertionError of its own,
    # not an error it names; the PDF, written already, is not failed by that.
    damaged = bytearray(Path(DEJAVU[0]).read_bytes())
    damaged[282] = 182
    (tmp_path / "damaged.ttf").write_bytes(bytes(damaged))
    assert glyphs.undrawable("é", [(str(tmp_path / "damaged.ttf"), 0)]) == ["é"]
    monkeypatch.setattr(glyphs, "_DRAWABLE", {})
    # The unreadable file draws nothing; the next font in the list has the character.
    assert glyphs.undrawable("Zoë", [(str(unreadable), 0), DEJAVU]) == []
    monkeypatch.setattr(glyphs, "_DRAWABLE", {})
    assert glyphs.undrawable("Zoë", [(str(unreadable), 0)]) == ["ë"]


def test_no_font_means_every_character_outside_ascii_is_missing():
    assert glyphs.undrawable("plain ASCII ~ only", []) == []
    assert glyphs.undrawable("é", []) == ["é"]


def test_each_missing_character_is_logged_once_with_what_to_do(caplog):
    with caplog.at_level("WARNING", logger="backday_analysis"):
        glyphs.log_undrawable(["佐", "藤"])
        glyphs.log_undrawable(["佐", "💪"])
        glyphs.log_undrawable([])
    assert caplog.messages[0].startswith(
        "A PDF shows an empty box for 佐 (U+4F50), 藤 (U+85E4): no font on this machine "
        "has them. Install a font that does"
    )
    assert caplog.messages[1].startswith(
        "A PDF shows an empty box for 💪 (U+1F4AA): no font on this machine has it."
    )
    assert len(caplog.messages) == 2


@pytest.mark.parametrize(
    ("text", "warned"),
    [
        ("Zoë Brontë ✓ 3 × 10–12", []),
        ("Hana 佐藤", ["A PDF shows an empty box for 佐 (U+4F50), 藤 (U+85E4): "]),
    ],
)
def test_a_pdf_logs_the_characters_it_draws_as_boxes(monkeypatch, caplog, text, warned):
    # DejaVu alone, so that a machine with a CJK font gives the same answer as one without.
    compiler, lock, owner, _ = pages.typst_compiler()
    monkeypatch.setattr(pages, "_COMPILER", [(compiler, lock, owner, [DEJAVU])])
    with caplog.at_level("WARNING", logger="backday_analysis"):
        pages.pdf_bytes(f"<html><body><p>{text}</p></body></html>")
    boxes = [m for m in caplog.messages if m.startswith("A PDF shows an empty box")]
    assert [m[: len(w)] for m, w in zip(boxes, warned, strict=False)] == warned
    assert len(boxes) == len(warned)
