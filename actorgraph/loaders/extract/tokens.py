"""Tokens with offsets, and the normal form names are compared in."""

from __future__ import annotations

import re
from functools import lru_cache

from actorgraph.names import normalise, slug, strip_accents  # noqa: F401  (re-exported)

# A word keeps inner hyphens, slashes, dots and ampersands ("Director-General", "2009/52/EC",
# "eu-LISA", "U.S"); a possessive "'s" is its own token so that "Europol's" still matches
# "Europol".
_TOKEN = re.compile(r"\w+(?:[-\u2010\u2011/&.]\w+)*|['\u2019]s\b|\S")


#: :func:`normalise` with a memory: the relation rules compare the same few names many times.
normalise_cached = lru_cache(maxsize=16384)(normalise)


def fold(word: str) -> str:
    """The form words are compared in: lower case, accents stripped, curly apostrophe straight."""
    if word.isascii():
        return word.lower()
    return strip_accents(word).casefold().replace("\u2019", "'")


class Token:
    """A token of the text: its offsets and text, with what the rules ask of it computed once
    (every rule reads ``lower``, ``is_word`` and ``is_capitalised`` many times per token)."""

    __slots__ = ("end", "fold", "is_capitalised", "is_word", "lower", "start", "text")

    def __init__(self, start: int, end: int, text: str):
        self.start = start
        self.end = end
        self.text = text
        first = text[0]
        self.is_word = first.isalnum() or first == "_"
        self.is_capitalised = first.isupper()
        if text.isascii():
            self.lower = self.fold = text.lower()
        else:
            self.lower = text.lower()
            self.fold = fold(text)

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Token) and (self.start, self.end, self.text) == (other.start, other.end, other.text)

    def __hash__(self) -> int:
        return hash((self.start, self.end, self.text))

    def __repr__(self) -> str:
        return f"Token({self.start}, {self.end}, {self.text!r})"


def tokenize(text: str, offset: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[offset:end]``, with offsets into ``text``."""
    return [Token(m.start(), m.end(), m.group()) for m in _TOKEN.finditer(text, offset, end or len(text))]
