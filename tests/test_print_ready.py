"""The page WeasyPrint reads: inline styles as style-sheet rules, with the same look."""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys

import pytest

from backday_analysis.rendering.pages import pdf_bytes, print_ready, weasyprint_setup
from backday_analysis.views.display import table_html

PAGE = """<html><head><style type="text/css">
table.backday-table td { padding: 9pt; text-align: center; background: #000; color: #fff; }
</style></head><body>
<div class="jp-Collapser jp-OutputCollapser">
</div>
{table}
<p>style="not an attribute"</p>
</body></html>"""


def _page() -> str:
    import pandas as pd

    frame = pd.DataFrame({"Group": ["Lats", "Traps"], "Days": [2, 1]})
    classes = pd.DataFrame({"Group": ["", ""], "Days": ["met", "unmet"]})
    return PAGE.replace("{table}", table_html(frame, cell_classes=classes))


def test_each_distinct_inline_style_becomes_one_important_rule():
    page = _page()
    ready = print_ready(page)
    assert "style='" not in ready
    # The table, its two columns' widths, its head cells, left and right data cells, green
    # and red cells: 8 styles.
    names = set(re.findall(r'data-backday-style="(s\d+)"', ready))
    assert len(names) == len(set(re.findall(r" style='([^']*)'", page))) == 8
    assert '[data-backday-style="s0"]{border-collapse:collapse !important}' in ready
    assert "background:#f8d7cf !important" in ready
    # Text that merely looks like an attribute, and the cell texts, stay as they were.
    assert '<p>style="not an attribute"</p>' in ready
    assert ">Lats<" in ready and ">Traps<" in ready
    assert "jp-Collapser" not in ready


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="pdftoppm (poppler) is not installed")
def test_the_pdf_looks_the_same_as_from_the_page_with_inline_styles(tmp_path):
    from PIL import Image, ImageChops

    weasyprint, fetcher, fonts = weasyprint_setup()
    page = _page()
    before = weasyprint.HTML(string=page, url_fetcher=fetcher).write_pdf(font_config=fonts)
    images = []
    for name, pdf in (("before", before), ("after", pdf_bytes(page))):
        (tmp_path / f"{name}.pdf").write_bytes(pdf)
        subprocess.run(
            ["pdftoppm", "-r", "100", "-png", "-singlefile", f"{name}.pdf", name],
            cwd=tmp_path,
            check=True,
        )
        images.append(Image.open(io.BytesIO((tmp_path / f"{name}.png").read_bytes())))
    assert ImageChops.difference(*(i.convert("RGB") for i in images)).getbbox() is None
    # The template's black cells must not show: the inline look won.
    assert images[1].convert("RGB").getpixel((5, 5)) == (255, 255, 255)


def test_the_loaded_modules_are_frozen_once_before_the_first_page():
    # In a new Python: what freeze_loaded leaves out of the collector's runs, and that a
    # second call freezes nothing more (later pages' objects stay collectable).
    code = (
        "import gc\n"
        "from backday_analysis.rendering.pages import freeze_loaded\n"
        "before = gc.get_freeze_count()\n"
        "freeze_loaded()\n"
        "frozen = gc.get_freeze_count()\n"
        "later = [[] for _ in range(1000)]\n"
        "freeze_loaded()\n"
        "print(before, frozen > 10000, gc.get_freeze_count() == frozen)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["0", "True", "True"]


def test_the_html_parser_builds_each_scanning_pattern_once_and_parses_as_before():
    from xml.etree import ElementTree

    import tinyhtml5
    from tinyhtml5 import inputstream

    from backday_analysis.rendering.pages import ScanningPatterns

    page = _page()
    weasyprint_setup()
    cache = inputstream.characters_until_regex
    tinyhtml5.parse(page)
    built = dict(cache)
    tinyhtml5.parse(page)
    # Keyed by the stop characters (tuples, strings, frozensets), not by compiled patterns,
    # and found again on the second page: nothing new is built, the same objects are used.
    assert built and not any(isinstance(key[0], re.Pattern) for key in built)
    assert cache == built and all(cache[key] is built[key] for key in built)
    # The patterns are tinyhtml5's own: the same tree as with the plain cache it ships.
    mended = ElementTree.tostring(tinyhtml5.parse(page))
    inputstream.characters_until_regex = {}
    try:
        assert ElementTree.tostring(tinyhtml5.parse(page)) == mended
    finally:
        inputstream.characters_until_regex = cache
    assert ScanningPatterns()[(("<", "&"), False)].pattern == "[^\\x3c\\x26]+"
    assert ScanningPatterns()[(frozenset(" "), True)].pattern == "[\\x20]+"
