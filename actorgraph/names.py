"""How names are compared: one normal form for matching, lookup and identifiers.

Kept apart from the loaders so that query commands can use it without importing them."""

from __future__ import annotations

import re
import unicodedata


def strip_accents(text: str) -> str:
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


_POSSESSIVE = re.compile(r"['\u2019]s\b")
_NON_WORD = re.compile(r"[^\w]+")


def normalise(name: str) -> str:
    """The form names are compared in: accents and case folded, possessives, a leading
    "the" and punctuation dropped, spaces collapsed.

    >>> normalise("the Dutch  Ministry's")
    'dutch ministry'
    >>> normalise("Rösler")
    'rosler'
    """
    text = strip_accents(name).casefold()
    text = _POSSESSIVE.sub("", text)
    text = _NON_WORD.sub(" ", text).strip()
    if text.startswith("the "):
        text = text[4:]
    return text


def slug(name: str) -> str:
    """A stable identifier part: ``slug("Royal Netherlands Marechaussee")`` is
    ``royal-netherlands-marechaussee``."""
    return normalise(name).replace(" ", "-")[:80] or "unnamed"
