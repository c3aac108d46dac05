"""A table cell that links to another page: the client's own report from the roster."""

from __future__ import annotations

import html
from dataclasses import dataclass


@dataclass(frozen=True)
class Link:
    """Text that links to ``href``; as text (PDF, tests) it is the text alone."""

    text: str
    href: str

    def __str__(self) -> str:
        return self.text

    def __html__(self) -> str:
        """Return the escaped anchor (the protocol markupsafe and Jinja read)."""
        return f"<a href='{html.escape(self.href)}'>{html.escape(self.text)}</a>"
