"""The line shapes and word lists that cleaning and structure share, declared once.

A report's structure shows in the shape of its lines: a bullet or a number opens a list item,
``Chair:`` opens a label line, ``Panel II: ...`` is a heading. These patterns are data, used by
:mod:`~actorgraph.loaders.clean` (which lines are page furniture, which may be joined) and by
:mod:`~actorgraph.loaders.structure` (which block a line opens)."""

from __future__ import annotations

import re

__all__ = [
    "FUNCTION_WORDS",
    "HEADING_PATTERN",
    "HYPHEN_PREFIXES",
    "LABEL_LINE",
    "LABEL_WORDS",
    "LIST_ITEM",
    "TABLE_RULE",
    "TERMINAL",
    "WORD",
    "ends_open",
    "is_structural",
    "is_table_row",
]

# A word: letters only (any script), no digits or underscores.
WORD = re.compile(r"[^\W\d_]+")

# Label words that introduce who takes which role in a session ("Chair: Name (Org)").
# Singular, plural and spelling variants; matched case-insensitively.
LABEL_WORDS = (
    "chair", "chairs", "chairperson", "chairpersons", "chairman", "chairwoman", "co-chair",
    "co-chairs", "chaired by", "panellist", "panellists", "panelist", "panelists", "panel members",
    "speaker", "speakers", "keynote speaker", "keynote speakers", "moderator", "moderators",
    "moderated by", "facilitator", "facilitators", "rapporteur", "rapporteurs", "discussant",
    "discussants", "presenter", "presenters", "presented by", "respondent", "respondents",
    "participants", "introduction by", "opening by", "closing by",
)

_LABEL_ALT = "|".join(sorted((re.escape(w).replace(r"\ ", r"\s+") for w in LABEL_WORDS), key=len,
                             reverse=True))
# ``Chair: Name`` -- the label word, a colon, and a value on the same line (groups: word, value).
LABEL_LINE = re.compile(rf"^\s*((?i:{_LABEL_ALT}))\s*:\s*(\S.*)?$")

# A list item: a bullet or a number (<= 3 digits, so years are not numbers), then a space.
# Bullets include the private-use glyphs that Symbol and Wingdings bullets become in PDF text.
# Groups: indentation, marker, content.
LIST_ITEM = re.compile(
    r"^(\s*)([-*+•◦▪▫●○■□·–‣⁃►▸➢➤✓✔\uf0a7\uf0b7\uf0d8\uf0fc\uf076\uf0a8]"
    r"|\(?\d{1,3}[.)]|\([a-zA-Z]\)|[a-z][.)]|\(?(?:i{1,3}|iv|vi{0,3}|ix|x)[.)])\s+(\S.*)$"
)

# A section line in conference reports and policy papers: "Panel II: ...", "Workshop 4 - ...",
# "Session 3.", "Annex I: ...", "Chapter 2". The keyword, then a numeral or a letter.
HEADING_PATTERN = re.compile(
    r"^\s*(?:panel|workshop|session|plenary(?:\s+session)?|round\s*table|breakout(?:\s+session)?"
    r"|working\s+group|day|chapter|section|part|annex|appendix|module)"
    r"\s+(?:[IVXLC]{1,6}|\d{1,3}(?:\.\d{1,3})*|[A-Z])\b\s*(?:[:.\-–—]\s*\S.*)?$",
    re.IGNORECASE,
)

# A Markdown table rule row: |---|:---:|---
# (no two ``\s*`` side by side: between them a long run of spaces backtracks quadratically, issue 7)
TABLE_RULE = re.compile(r"^\s*(?:\|\s*)?:?-{2,}:?(?:\s*\|\s*:?-{2,}:?)+(?:\s*\|)?\s*$")

# Characters after which a line ends a sentence (closing quotes and brackets may follow).
TERMINAL = re.compile(r"[.!?:;][\"'”’»)\]*_]*\s*$")

# Words that never end a paragraph: a line ending in one of them continues on the next line.
FUNCTION_WORDS = frozenset(
    """a an the and or but nor of in on at to by for with from into onto as than that which
    whose who whom is are was were be been being has have had not its their our his her your my
    this these those such between among amongst through under over about against within without
    towards toward via per can may will would should could must shall very more most also both
    either neither whether while when where if so no up out off do does did i we he she it they
    you me us them there here then now all any each every some other""".split()
)

# Prefixes written with a hyphen ("co-chair", "non-refoulement"), kept when a line break falls
# after them and the joined form is not attested.
HYPHEN_PREFIXES = frozenset(
    """co non self ex anti cross counter multi inter intra post pre semi quasi mid well extra
    socio cyber pan pro sub trans ultra""".split()
)


def is_table_row(line: str) -> bool:
    """A Markdown table row: two or more cell separators."""
    return line.count("|") >= 2


def is_structural(line: str) -> bool:
    """Does this line open a block of its own (list item, label, section heading, ``#``)?"""
    s = line.strip()
    return bool(
        s.startswith("#") or LIST_ITEM.match(s) or LABEL_LINE.match(s) or HEADING_PATTERN.match(s)
    )


def ends_open(line: str) -> bool:
    """Does this line end mid-sentence: with a comma, an ampersand or a function word?

    >>> ends_open("the civil war in Syria, Mali and")
    True
    >>> ends_open("between EU agencies")
    False
    """
    s = line.rstrip()
    if not s:
        return False
    if s[-1] in ",&":
        return True
    last = s.rsplit(None, 1)[-1]
    return last.lower() in FUNCTION_WORDS and last.isalpha() and last.islower()
