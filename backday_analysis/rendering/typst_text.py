"""Write text, colours and the page set-up of a report as Typst markup."""

from __future__ import annotations

import re

from backday_analysis.errors import BackdayError

#: Characters Typst markup reads as syntax; each is written with a backslash. ``;`` and
#: ``(`` count too: right after ``#emph[...]`` or ``#raw(...)`` they would end or call it.
_MARKUP = re.compile(r"([\\#*_$@<>\[\]`~\"'/=+\-.:;(])")
#: The spaces HTML collapses: ASCII ones only (a no-break space stays as written).
_HTML_SPACES = re.compile(r"[ \t\n\r\f]+")


class UnknownMarkup(BackdayError):
    """Raised for an element of a report page that has no Typst counterpart here."""


def collapsed(text: str) -> str:
    """Return text with each run of HTML's spaces as one space, as a browser shows it."""
    return _HTML_SPACES.sub(" ", text)


def escaped(text: str) -> str:
    """Return text as Typst markup that shows it as written, its spaces collapsed."""
    return _MARKUP.sub(r"\\\1", collapsed(text).strip(" "))


def string(text: str) -> str:
    """Return text as a Typst string literal."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


_HEX = re.compile(r"#([0-9a-fA-F]{3}|[0-9a-fA-F]{6})")


def colour(value: str) -> str:
    """Return a CSS hex colour as a Typst colour."""
    match = _HEX.fullmatch(value.strip())
    if not match:
        raise UnknownMarkup(f"the report page has the colour '{value}', not #rgb or #rrggbb")
    digits = match.group(1)
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    return f'rgb("#{digits.lower()}")'


#: The pages' one text font.
TEXT_FONT = "DejaVu Sans"

#: Page set-up and the look of the report template (``templates/backday/index.html.j2``).
#: One text font, with no fallback list: Typst warns of every family of a list that the
#: machine lacks, even one it never needs (DejaVu comes with Debian's fontconfig).
PREAMBLE = """#set document(title: {title})
#let footer = context {
  let (here, last) = (counter(page).display(), counter(page).final().first())
  align(right, text(size: 8pt, fill: rgb("#666666"))[page #here of #last])
}
#set page(paper: "a4", margin: (top: 14mm, bottom: 16mm, x: 12mm), footer: footer)
#set text(font: "{font}", size: 10pt, lang: "en")
#set text(fill: rgb("#222222"))
#set par(leading: 0.5em, spacing: 0.75em)
#show heading: set block(sticky: true)
#show heading.where(level: 1): set text(size: 18pt)
#show heading.where(level: 1): set block(above: 0pt, below: 6pt)
#show heading.where(level: 2): it => block(width: 100%, sticky: true, above: 14pt,
  below: 6pt, stroke: (bottom: 0.75pt + rgb("#cccccc")), inset: (bottom: 3pt),
  text(size: 13pt, it.body))
#show heading.where(level: 3): set text(size: 11pt)
#show link: set text(fill: rgb("#1f4e8c"))
#show raw: set text(font: ("DejaVu Sans Mono",), size: 8.5pt)
#show table: set text(size: 8pt)
#show table: set par(leading: 0.35em, justify: false)
#set table(stroke: (x: none, y: 0.75pt + rgb("#e2e2e2")), inset: (x: 3pt, y: 2pt))
// A row stays on one page, as a table's rows do in the HTML page's print style.
#set table.cell(breakable: false)
""".replace("{font}", TEXT_FONT)
