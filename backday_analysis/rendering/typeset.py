"""Lay out a report page's HTML as Typst markup, for a PDF typeset by Typst.

A report page is HTML that this package writes: nbconvert's cells around headings, paragraphs
and lists rendered from the notebooks' Markdown, and the tables, sentences and charts of
:mod:`backday_analysis.views.display`. This reads that HTML (the standard library's parser)
and writes the same content as Typst markup: the same words, tables, colours and charts. An
element it does not know raises :class:`UnknownMarkup` rather than being dropped. Of the
styles, it carries over those the package's tables use: cell backgrounds, right or centred
text, no wrapping, column widths; other styles are left to the HTML page.
"""

from __future__ import annotations

import base64
import re

from backday_analysis.rendering.page_tree import Element, cells, descendants, head_rows, parse
from backday_analysis.rendering.typst_text import (
    PREAMBLE,
    UnknownMarkup,
    collapsed,
    colour,
    escaped,
    string,
)

#: Containers whose content is laid out as it comes: nbconvert's cell wrappers, the page.
_CONTAINERS = frozenset({"html", "body", "main", "div", "section", "thead", "tbody", "colgroup"})
#: Left out: the page's head, and what never reaches a report.
_SKIPPED = frozenset({"head", "style", "title", "script", "meta", "link"})
#: Inline elements: they run on inside the text of a block.
_INLINE = frozenset({"em", "i", "strong", "b", "code", "a", "span", "br", "del", "s", "sup", "sub"})


_HEAD_FILL = 'rgb("#eef2f6")'
_WIDTH = re.compile(r"([0-9.]+)%")
_STOPS = re.compile(r"(#[0-9a-fA-F]{3,6})\s+[0-9.]+%\s*,\s*#[0-9a-fA-F]{3,6}\s+[0-9.]+%")


class Typesetter:
    """Write the elements of a report page as Typst markup, collecting its charts' bytes.

    ``images`` maps each chart's file name in the markup to its PNG bytes; the PDF writer
    puts them beside the markup.
    """

    def __init__(self) -> None:
        self.images: dict[str, bytes] = {}

    # Blocks: what stands on its own lines.
    def blocks(self, element: Element) -> str:
        """Return the markup of an element's children laid out as blocks.

        Text and inline elements that stand between blocks run on as one paragraph.
        """
        out: list[str] = []
        run: list = []

        def end_run() -> None:
            body = self.inline(Element("p", {}, list(run))).strip()
            if body:
                out.append(body + "\n\n")
            run.clear()

        for child in element.children:
            if isinstance(child, str) or child.tag in _INLINE:
                run.append(child)
            else:
                end_run()
                out.append(self.block(child))
        end_run()
        return "".join(out)

    def block(self, element: Element) -> str:
        """Return one block element's markup."""
        tag, classes = element.tag, element.classes()
        if tag in _SKIPPED:
            return ""
        if re.fullmatch(r"h[1-6]", tag):
            return f"\n{'=' * int(tag[1])} {self.inline(element).strip()}\n\n"
        if tag == "p":
            return self.paragraph(element)
        if tag in ("ul", "ol"):
            return self.listing(element)
        if tag == "table":
            return self.table(element)
        if tag == "img":
            return self.image(element)
        if tag == "pre":
            return f"#raw({string(element.text())}, block: true)\n\n"
        if tag == "hr":
            return '#line(length: 100%, stroke: 0.75pt + rgb("#cccccc"))\n\n'
        if tag == "blockquote":
            return f"#quote(block: true)[{self.blocks(element).strip()}]\n\n"
        if tag == "div" and "backday-pair" in classes:
            return self.pair(element)
        if tag == "div" and _introduces(element):
            # A Markdown cell (a heading and its introduction) or a sentence before a table
            # stays with what follows it, as the HTML page's print style asks.
            return f"#block(sticky: true)[{self.blocks(element).strip()}]\n\n"
        if tag in _CONTAINERS:
            return self.blocks(element)
        raise UnknownMarkup(
            f"the report page holds <{tag}>, which the PDF writer cannot typeset; take it out "
            "of the notebook, or write the HTML page only (--format html)."
        )

    def listing(self, element: Element) -> str:
        items = [
            f"[{self.blocks(item).strip()}]"
            for item in element.children
            if isinstance(item, Element) and item.tag == "li"
        ]
        if element.tag == "ul":
            return f"#list({', '.join(items)})\n\n"
        start = element.attributes.get("start", "1")
        start = int(start) if start.isdigit() else 1
        return f"#enum(start: {start}, {', '.join(items)})\n\n"

    def paragraph(self, element: Element) -> str:
        body = self.inline(element).strip()
        if not body:
            return ""
        classes = element.classes()
        if "empty" in classes:
            body = f'#text(fill: rgb("#555555"), style: "italic")[{body}]'
        if "generated" in classes:
            body = f'#v(8pt)#text(fill: rgb("#777777"), size: 8pt)[{body}]'
        return body + "\n\n"

    def pair(self, element: Element) -> str:
        halves = [c for c in element.children if isinstance(c, Element)]
        cells = ", ".join(f"[{self.blocks(half)}]" for half in halves)
        return f"#grid(columns: ({', '.join(['1fr'] * len(halves))}), gutter: 12pt, {cells})\n\n"

    def image(self, element: Element) -> str:
        source = element.attributes.get("src", "")
        header, _, payload = source.partition(",")
        if header != "data:image/png;base64":
            raise UnknownMarkup(
                f"the report page shows an image from {source[:40]!r}; the PDF writer takes "
                "charts embedded as PNG only, so write the HTML page only (--format html)."
            )
        name = f"chart-{len(self.images) + 1}.png"
        self.images[name] = base64.b64decode(payload)
        return f'#block(breakable: false, image("{name}", width: 100%))\n\n'

    # Inline content: text and its emphasis, code and links.
    def inline(self, element: Element) -> str:
        """Return the markup of an element's children as running text."""
        out = []
        for child in element.children:
            if isinstance(child, str):
                # Spaces at either end are kept as one: they separate words from their
                # neighbours in the markup (``a <em>b</em>``).
                text = escaped(child)
                lead = " " if collapsed(child[:1]) == " " and text else ""
                tail = " " if collapsed(child[-1:]) == " " and text else ""
                out.append(lead + text + tail if text else " ")
                continue
            tag, body = child.tag, None
            if tag in ("em", "i"):
                body = f"#emph[{self.inline(child)}]"
            elif tag in ("strong", "b"):
                body = f"#strong[{self.inline(child)}]"
            elif tag == "code":
                body = f"#raw({string(collapsed(child.text()))})"
            elif tag == "a" and child.attributes.get("href"):
                body = f"#link({string(child.attributes['href'])})[{self.inline(child)}]"
            elif tag in ("del", "s"):
                body = f"#strike[{self.inline(child)}]"
            elif tag in ("sup", "sub"):
                body = f"#{'super' if tag == 'sup' else 'sub'}[{self.inline(child)}]"
            elif tag == "br":
                body = "#linebreak()"
            elif tag in ("span", "a"):
                body = self.inline(child)
            else:
                raise UnknownMarkup(
                    f"the report page holds <{tag}> inside a sentence, which the PDF writer "
                    "cannot typeset; take it out of the notebook, or write the HTML page only "
                    "(--format html)."
                )
            out.append(body)
        return "".join(out)

    # Tables.
    def table(self, element: Element) -> str:
        """Return a table's markup: a grid of groups × weeks, or rows of cells."""
        rows = list(descendants(element, "tr"))
        in_head = head_rows(element)  # one pass, not one per row: a roster has hundreds of rows
        head = [r for r in rows if r in in_head]
        body = [r for r in rows if r not in in_head]
        caption = next(
            (c for c in element.children if isinstance(c, Element) and c.tag == "caption"), None
        )
        title = f"#block(sticky: true, strong[{self.inline(caption).strip()}])\n" if caption else ""
        if "backday-grid" in element.classes():
            return title + self.grid(head, body)
        if not rows:
            return title
        widths = [c.style().get("width", "") for c in descendants(element, "col")]
        count = max(len(cells(r)) for r in rows)
        if len(widths) == count and all(_WIDTH.fullmatch(w) for w in widths):
            columns = "(" + "".join(f"{w}, " for w in widths) + ")"
        else:
            columns = str(count)
        header = ", ".join(self.cell(c, True) for r in head for c in cells(r))
        markup = ", ".join(self.cell(c, c.tag == "th") for r in body for c in cells(r))
        parts = ([f"table.header({header})"] if header else []) + ([markup] if markup else [])
        return title + f"#table(columns: {columns}, {', '.join(parts)})\n\n"

    def cell(self, element: Element, head: bool) -> str:
        style, classes = element.style(), element.classes()
        options = []
        fill = style.get("background") or style.get("background-color")
        if fill:
            options.append(f"fill: {colour(fill)}")
        elif head:
            options.append(f"fill: {_HEAD_FILL}")
        if style.get("text-align") in ("right", "center"):
            options.append(f"align: {style['text-align']}")
        if element.attributes.get("colspan"):
            options.append(f"colspan: {int(element.attributes['colspan'])}")
        body = self.inline(element).strip()
        if head:
            body = f"#strong[{body}]"
        if "why" in classes:
            body = f'#text(size: 7pt, fill: rgb("#444444"))[{body}]'
        if style.get("white-space") == "nowrap" or classes & {"met", "unmet", "name"}:
            body = f"#box[{body}]"
        return f"table.cell({', '.join(options)})[{body}]"

    def grid(self, head_rows: list[Element], body_rows: list[Element]) -> str:
        """Return a grid of groups × weeks with a cell of its own for each value.

        The HTML page writes a row's values as tab-separated text in one cell, over a
        background of colour bands (:func:`~backday_analysis.views.display.grid_html`).
        """
        label, heads = cells(head_rows[0])
        names = [h.strip() for h in heads.text().split("\t")]
        markup = [f"table.cell(fill: {_HEAD_FILL})[#strong[{self.inline(label).strip()}]]"]
        markup += [f"table.cell(fill: {_HEAD_FILL})[#strong[{escaped(n)}]]" for n in names]
        for row in body_rows:
            name, slots = cells(row)
            values = slots.text().split("\t")
            fills = _STOPS.findall(slots.style().get("background-image", ""))
            if len(fills) != len(values):
                raise UnknownMarkup("a grid row's colour bands do not match its values")
            markup.append(f"[#box[{self.inline(name).strip()}]]")
            markup += [
                f"table.cell(fill: {colour(f)})[{escaped(v)}]"
                for v, f in zip(values, fills, strict=True)
            ]
        columns = "(auto, " + ", ".join(["1fr"] * len(names)) + ")"
        return (
            f"#block(breakable: false, table(columns: {columns}, inset: (x: 1.5pt, y: 2pt), "
            f"stroke: 0.5pt + white, {', '.join(markup)}))\n\n"
        )


def _introduces(element: Element) -> bool:
    """Return whether a cell wrapper holds a Markdown cell or an output of sentences only."""
    classes = element.classes()
    if "jp-MarkdownCell" in classes:
        return True
    inner = [c for c in element.children if isinstance(c, Element)]
    return "jp-OutputArea-output" in classes and bool(inner) and all(c.tag == "p" for c in inner)


def typst_markup(page: str) -> tuple[str, dict[str, bytes]]:
    """Return a report page's Typst markup and its charts (file name → PNG bytes)."""
    tree = parse(page)
    title = next((t.text().strip() for t in descendants(tree, "title")), "")
    typesetter = Typesetter()
    body = typesetter.blocks(tree)
    return PREAMBLE.replace("{title}", string(title or "backday report")) + "\n" + body, (
        typesetter.images
    )
