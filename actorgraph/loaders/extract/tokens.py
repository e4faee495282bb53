"""Tokens with offsets, and the normal form names are compared in."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A word keeps inner hyphens, slashes, dots and ampersands ("Director-General", "2009/52/EC",
# "eu-LISA", "U.S"); a possessive "'s" is its own token so that "Europol's" still matches
# "Europol".
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011/&.]\w+)*|['\u2019]s\b|\S")


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str

    @property
    def is_word(self) -> bool:
        return self.text[0].isalnum() or self.text[0] == "_"

    @property
    def is_capitalised(self) -> bool:
        return self.text[0].isupper()

    @property
    def lower(self) -> str:
        return self.text.lower()


def tokenize(text: str, offset: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[offset:end]``, with offsets into ``text``."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, offset, end or len(text))]


from actorgraph.names import normalise, slug, strip_accents  # noqa: F401  (re-exported)
