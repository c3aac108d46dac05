"""Read a report page's HTML into a tree of elements, with the standard library's parser."""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

#: Elements without an end tag.
_VOID = frozenset({"img", "br", "col", "meta", "hr", "link", "input", "wbr"})


# Elements compare by identity: two rows with the same cells are still two rows.
@dataclass(eq=False)
class Element:
    """One element of a parsed page, its attributes and its children (elements and text)."""

    tag: str
    attributes: dict[str, str]
    children: list = field(default_factory=list)

    def style(self) -> dict[str, str]:
        """Return the element's inline style as ``{property: value}``."""
        declarations = (d.partition(":") for d in self.attributes.get("style", "").split(";"))
        return {k.strip().lower(): v.strip() for k, _, v in declarations if k.strip()}

    def classes(self) -> set[str]:
        """Return the element's classes."""
        return set(self.attributes.get("class", "").split())

    def text(self) -> str:
        """Return the text of the element and its descendants, as written."""
        return "".join(c if isinstance(c, str) else c.text() for c in self.children)


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("root", {})
        self.open = [self.root]

    def handle_starttag(self, tag, attrs):
        element = Element(tag, {k: v or "" for k, v in attrs})
        self.open[-1].children.append(element)
        if tag not in _VOID:
            self.open.append(element)

    def handle_startendtag(self, tag, attrs):
        self.open[-1].children.append(Element(tag, {k: v or "" for k, v in attrs}))

    def handle_endtag(self, tag):
        # Close up to the matching element; an end tag without one is ignored, as browsers do.
        for depth in range(len(self.open) - 1, 0, -1):
            if self.open[depth].tag == tag:
                del self.open[depth:]
                return

    def handle_data(self, data):
        self.open[-1].children.append(data)


def parse(page: str) -> Element:
    """Return the element tree of an HTML page."""
    builder = _TreeBuilder()
    builder.feed(page)
    builder.close()
    return builder.root


def cells(row: Element) -> list[Element]:
    """Return a table row's cells."""
    return [c for c in row.children if isinstance(c, Element) and c.tag in ("td", "th")]


def descendants(element: Element, tag: str):
    """Yield the elements named ``tag`` under ``element``, not looking into nested tables."""
    for child in element.children:
        if isinstance(child, Element):
            if child.tag == tag:
                yield child
            elif child.tag != "table":
                yield from descendants(child, tag)


def head_rows(table: Element) -> set[Element]:
    """Return the rows in ``table``'s ``thead`` sections, in one pass over them.

    Elements hash and compare by identity, so a body row equal to a head row stays out.
    """
    return {row for section in descendants(table, "thead") for row in descendants(section, "tr")}
