"""Text repair: the damage that PDF export, scraping and Markdown conversion leave in a report.

Each repair is general and conservative: a word is rejoined only when the document itself
attests the joined form elsewhere, a line is page furniture only when it repeats, and nothing
that carries meaning (curly quotes, accents, real hyphens) is changed.

Character level (:func:`normalise_characters`): newlines, no-break and other odd spaces, control
and invisible characters, ligatures from PDF fonts, NFC composition.
Line level, before structure is read: :func:`remove_page_furniture` (repeated headers and footers,
page numbers) and :func:`join_broken_lines` (a word hyphenated across a line or a page break, a
sentence cut by a page break).
Inline, on each block's text: :func:`strip_markup` (Markdown emphasis, links, wiki citation
markers) and :func:`repair_split_words` (PDF text with a stray space inside a word,
"Col laboration")."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

from actorgraph.loaders.patterns import (
    FUNCTION_WORDS,
    HYPHEN_PREFIXES,
    LABEL_LINE,
    LIST_ITEM,
    TERMINAL,
    WORD,
    ends_open,
    is_structural,
    is_table_row,
)

__all__ = [
    "DocumentWords",
    "join_broken_lines",
    "normalise_characters",
    "remove_page_furniture",
    "repair_split_words",
    "strip_markup",
]

# -- characters ------------------------------------------------------------------------------------

_LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
_ODD_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\ud800-\udfff]")  # and lone surrogates
_SOFT_HYPHEN_BREAK = re.compile(r"\u00ad[ \t]*\n\s*")


def normalise_characters(text: str) -> str:
    """Normalise newlines, spaces and invisible characters; compose accents (NFC).

    A form feed (a page break in ``pdftotext`` output) becomes three blank lines, the way other
    PDF exports mark a page break; a soft hyphen at a line end joins the word it splits; tabs
    and no-break spaces become spaces.

    >>> normalise_characters("Col\\u00adlab-\\r\\noration\\u00a0\\ufeffﬁnal\\x07\\fnext")
    'Collab-\\noration final\\n\\n\\n\\nnext'
    >>> normalise_characters("smug\\u00ad\\n\\ngling")
    'smuggling'
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = text.replace("\u2028", "\n").replace("\u2029", "\n\n").replace("\x85", "\n")
    text = text.replace("\f", "\n\n\n\n").replace("\t", " ")
    text = _SOFT_HYPHEN_BREAK.sub("", text)
    text = _INVISIBLE.sub("", text)
    text = _ODD_SPACES.sub(" ", text)
    text = _CONTROLS.sub("", text)
    for ligature, letters in _LIGATURES.items():
        if ligature in text:
            text = text.replace(ligature, letters)
    return unicodedata.normalize("NFC", text)


# -- what the document attests ---------------------------------------------------------------------

# Matches start only at a word's first letter: a match tried from each letter of a long word
# backtracks over the rest of it; a 20,000-letter token took 14 s, ten times longer a hundred
# times that (issue 7).
_COMPOUND = re.compile(r"(?<![^\W\d_])[^\W\d_]+(?:[-‐][^\W\d_]+)+")


# The same compounds found from their hyphens: a pattern that opens with the hyphen starts with
# a character set, which re skips ahead to, where _COMPOUND is tried at every letter.
_INNER_HYPHEN = re.compile(r"[-‐](?<=[^\W\d_][-‐])(?=[^\W\d_])")
_LETTER = re.compile(r"[^\W\d_]")
_COMPOUND_TAIL = re.compile(r"(?:[-‐][^\W\d_]+)+")


def _compounds(text: str) -> list[str]:
    """``_COMPOUND.findall(text)``, found from the hyphens between two letters."""
    found = []
    pos = 0
    while (hyphen := _INNER_HYPHEN.search(text, pos)) is not None:
        start = hyphen.start()
        while start > 0 and _LETTER.match(text, start - 1):
            start -= 1
        end = _COMPOUND_TAIL.match(text, hyphen.start()).end()
        found.append(text[start:end])
        pos = end
    return found


class DocumentWords:
    """How often each word (lowercased) and each hyphenated compound occurs in a document.

    Repairs ask it whether a joined form is attested: "collaboration" may replace
    "Col laboration" only if the document writes "collaboration" somewhere else.

    >>> words = DocumentWords("Collaboration matters. Col laboration, co-operation.")
    >>> words.count("collaboration"), words.has_compound("co-operation")
    (1, True)
    """

    def __init__(self, text: str):
        lower = text.lower()
        if len(lower) == len(text):  # one lower-casing of the text, not one per word
            self.words = Counter(WORD.findall(lower))
        else:  # a letter whose lower case is longer ("İ"): word by word
            self.words = Counter(w.lower() for w in WORD.findall(text))
        self.compounds = Counter(c.lower().replace("‐", "-") for c in _compounds(text))
        # words that stand alone, not as a part of a compound ("inter" of "inter-agency")
        self.standalone = self.words.copy()
        for compound, n in self.compounds.items():
            for part in WORD.findall(compound):
                self.standalone[part] -= n

    def count(self, word: str) -> int:
        return self.words.get(word.lower(), 0)

    def has_compound(self, compound: str) -> bool:
        return compound.lower() in self.compounds

    def is_word(self, fragment: str, times_split: int = 1) -> bool:
        """Is this fragment a word of the document in its own right, beyond the
        ``times_split`` occurrences where it may be one half of a broken word?"""
        low = fragment.lower()
        return low in FUNCTION_WORDS or self.standalone.get(low, 0) > times_split


# -- page furniture --------------------------------------------------------------------------------

_PAGE_NUMBER = re.compile(
    r"^(?:page\s+)?\d{1,4}(?:\s*(?:/|of)\s*\d{1,4})?$|^[-–—]\s*\d{1,4}\s*[-–—]$", re.IGNORECASE
)


def _furniture_candidate(s: str) -> bool:
    return (
        0 < len(s) <= 80
        and not s.startswith(("#", ">"))
        and not LIST_ITEM.match(s)
        and not LABEL_LINE.match(s)
        and not is_table_row(s)
        and any(c.isalpha() for c in s)
    )


def remove_page_furniture(lines: list[str]) -> list[str]:
    """Blank out page headers, footers and page numbers.

    A short line that recurs three times or more is furniture (its first occurrence stays: on
    a cover page it is the title). A line that recurs twice is furniture only next to other
    repeated lines (a repeated cover or footer block), so that a heading used twice survives.
    Bare page numbers go when there are three or more. List items, labels and Markdown headings
    are never furniture.

    >>> page = ["Risk Analysis 2016", "", "Text one.", "", "Risk Analysis 2016", "Text two.",
    ...         "Risk Analysis 2016", "7"]
    >>> remove_page_furniture(page)
    ['Risk Analysis 2016', '', 'Text one.', '', '', 'Text two.', '', '7']
    """
    stripped = [line.strip() for line in lines]
    counts = Counter(s for s in stripped if _furniture_candidate(s))
    repeated = {s for s, n in counts.items() if n >= 2}
    page_numbers = sum(1 for s in stripped if _PAGE_NUMBER.match(s)) >= 3
    if not repeated and not page_numbers:
        return lines
    edges = _page_edges(stripped)
    if edges is not None:
        # where page breaks show, a line repeated at page edges is furniture, a heading
        # repeated in the middle of pages ("Conclusions" in every chapter) is not
        at_edge = Counter(s for s, edge in zip(stripped, edges) if edge and s in repeated)
        repeated = {s for s in repeated if counts[s] < 3 or at_edge[s] >= counts[s] / 2}

    def neighbour_repeated(i: int, step: int) -> bool:
        j = i + step
        while 0 <= j < len(stripped) and not stripped[j]:
            j += step
        return 0 <= j < len(stripped) and stripped[j] in repeated

    out, seen = [], set()
    for i, (line, s) in enumerate(zip(lines, stripped)):
        drop = False
        if s in repeated:
            if s in seen:
                drop = counts[s] >= 3 or neighbour_repeated(i, -1) or neighbour_repeated(i, 1)
            seen.add(s)
        elif page_numbers and _PAGE_NUMBER.match(s):
            drop = True
        out.append("" if drop else line)
    return out


_PAGE_BREAK = 3  # blank lines in a row that mark a page break in PDF text (a form feed gives 3)


def _page_edges(stripped: list[str]) -> list[bool] | None:
    """Is each line among the first or last two lines of its page? None when the text shows
    fewer than two page breaks (runs of blank lines), so that pages cannot be told."""
    filled = [i for i, s in enumerate(stripped) if s]
    starts = [0] + [k for k in range(1, len(filled)) if filled[k] - filled[k - 1] > _PAGE_BREAK]
    if len(starts) < 3:
        return None
    edges = [False] * len(stripped)
    for first, nxt in zip(starts, starts[1:] + [len(filled)]):
        for k in range(first, nxt):
            if k - first < 2 or nxt - k <= 2:
                edges[filled[k]] = True
    return edges


# -- lines broken by the page ----------------------------------------------------------------------

_HYPHEN_END = re.compile(r"(?<![^\W\d_])([^\W\d_]+)-$")  # from a word start only (issue 7)
_FIRST_WORD = re.compile(r"^([^\W\d_]+)")
_MAX_GAP = 8  # blank lines a page break may leave between the two halves of a sentence


def _keep_hyphen(first: str, second: str, words: DocumentWords) -> bool:
    """Is ``first-`` + ``second`` a hyphenated compound rather than one word split by a line?"""
    if words.count(first + second):
        return False
    if words.has_compound(f"{first}-{second}"):
        return True
    if first.lower() in HYPHEN_PREFIXES:
        return True
    return words.is_word(first) and words.is_word(second)


def _merge(prev: str, cur: str, gap: int, words: DocumentWords) -> str | None:
    """The merged line if ``cur`` continues ``prev`` across ``gap`` blank lines, else None."""
    p, c = prev.rstrip(), cur.strip()
    if not c or is_structural(c) or p.lstrip().startswith("#"):
        return None
    hyphen = _HYPHEN_END.search(p) if p.endswith("-") else None
    if hyphen and not p.endswith("--") and c[0].isalnum():
        if c[0].islower():
            second = _FIRST_WORD.match(c)
            keep = second is None or _keep_hyphen(hyphen.group(1), second.group(1), words)
            return (p if keep else p[:-1]) + c
        if gap == 0 or len(p) >= 50:
            return p + c  # "EU-" + "Turkey", "mid-" + "2017"
        return None
    if gap == 0 or len(p) < 50 or TERMINAL.search(p):
        return None
    if c[0].islower() or (ends_open(p) and c[0].isalnum()):
        return p + " " + c
    return None


def join_broken_lines(lines: list[str], words: DocumentWords) -> list[str]:
    """Rejoin words hyphenated across a line or page break and sentences cut by a page break.

    "smug-" / "" / "gling at ..." becomes "smuggling at ..." when the document writes
    "smuggling" elsewhere; "Frontex-" / "activities" keeps its hyphen; a long line that ends
    without punctuation continues across blank lines when the next line starts in lowercase
    or the line ends in a word such as "and". For PDF text; Markdown has no page breaks.

    >>> words = DocumentWords("migrant smuggling")
    >>> join_broken_lines(["the hub on migrant smug-", "", "", "gling at the European level."],
    ...                   words)
    ['the hub on migrant smuggling at the European level.']
    """
    out: list[str] = []
    last = -1  # index in ``out`` of the last non-blank line
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        gap = len(out) - last - 1
        merged = _merge(out[last], line, gap, words) if last >= 0 and gap <= _MAX_GAP else None
        if merged is not None:
            del out[last:]
            out.append(merged)
        else:
            out.append(line)
        last = len(out) - 1
    return out


# -- inline markup ---------------------------------------------------------------------------------

# The inline patterns below are written so that no input makes them backtrack for long (issue
# 7): a link target is read one character at a time (``(?:[^()\s]+|...)*`` took exponential time
# on "[a](" and a long word), and the text of a link or an emphasis stops at the next bracket or
# delimiter (else every "[" of "[[[[..." is tried to the end of the block); comments are found
# with str.find (:func:`_strip_comments`), which never looks back.
_TARGET = r"\((?:[^()\[\]\s]|\([^()\s]*\))*(?:\s+\"[^\"\n]*\")?\)"  # (url "title")
_IMAGE = re.compile(rf"!\[[^\[\]\n]*\]{_TARGET}")
_LINK = re.compile(rf"\[([^\[\]\n]+)\]{_TARGET}")
_REF_LINK = re.compile(r"\[(?!\d+\])([^\[\]\n]+)\]\[[^\[\]\n]*\]")  # not "[1][2]": citations
_FOOTNOTE_REF = re.compile(r"\[\^[^\]\s]{1,20}\]")
_WIKI_NOTES = (
    r"citation needed|update|who\?|whom\?|when\?|where\?|which\?|why\?|how\?|by whom\?"
    r"|according to whom\?|clarification needed|dubious(?: [–-] discuss)?|better source needed"
    r"|failed verification|not in citation given|page needed|pages needed|original research\??"
    r"|vague|verification needed|full citation needed|unreliable source\??|dead link"
    r"|permanent dead link|needs update|specify|examples needed|quantify|disputed"
    r"|neutrality is disputed|non-primary source needed|self-published source\??"
    r"|third-party source needed|year needed|date missing|edit"
)
_CITATION = re.compile(
    rf"\[[_*]*(?:\d{{1,3}}(?:[,–-]\s*\d{{1,3}})*|[a-z]|(?:note|nb|n) \d{{1,3}}|{_WIKI_NOTES})"
    r"[_*]*\]",
    re.IGNORECASE,
)
_BOLD = re.compile(r"(\*\*|__)(?=\S)((?:(?!\1).)+?)(?<=\S)\1")
_ITALIC_STAR = re.compile(r"(?<![\w*\\])\*(?=[^\s*])([^*]+?)(?<=[^\s*\\])\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<![\w\\])_(?=[^\s_])([^_]+?)(?<=[^\s_\\])_(?!\w)")
_CODE = re.compile(r"`([^`\n]+)`")
_AUTOLINK = re.compile(r"<((?:https?|mailto):[^<>\s]+)>")
_HTML_TAG = re.compile(
    r"</?(?:b|i|em|strong|span|sup|sub|u|small|font|a|abbr|cite|mark|s|del|ins)(?:\s[^<>]*)?>"
    r"|<br\s*/?>",
    re.IGNORECASE,
)
_ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|])")
_SPACES = re.compile(r"[ \t]+")
_SPACE_BEFORE_PUNCT = re.compile(r"(?<! ) +(?=[,.;:!?](?:\s|$))")


def _strip_comments(s: str) -> str:
    """Replace each ``<!-- ... -->`` by a space (a comment ends at the first ``-->``; an
    unclosed one stays as text)."""
    out, pos = [], 0
    while (start := s.find("<!--", pos)) >= 0:
        end = s.find("-->", start + 4)
        if end < 0:
            break
        out.append(s[pos:start])
        out.append(" ")
        pos = end + 3
    if not out:
        return s
    out.append(s[pos:])
    return "".join(out)


def _unbold(match: re.Match) -> str:
    s, start, end = match.string, match.start(), match.end()
    inner = match.group(2)
    # "Fridtjof**Fridtjof Nansen**" -> "Fridtjof Fridtjof Nansen": keep the words apart
    before = " " if start > 0 and s[start - 1].isalnum() else ""
    after = " " if end < len(s) and s[end].isalnum() else ""
    return before + inner + after


def strip_markup(s: str) -> str:
    """Remove Markdown and wiki markup from a block's text, keeping the words.

    >>> strip_markup("The **International Organization for Migration** (**IOM**)[1] is")
    'The International Organization for Migration (IOM) is'
    >>> strip_markup("a *modus operandi*, [a link](http://x.org/a_(b)) and[_who?_] more")
    'a modus operandi, a link and more'
    >>> strip_markup("nationals from Kosovo* and Turkey")
    'nationals from Kosovo* and Turkey'
    """
    original = s
    if "[" in s:
        s = _IMAGE.sub("", s)
        s = _LINK.sub(r"\1", s)
        s = _REF_LINK.sub(r"\1", s)
        s = _FOOTNOTE_REF.sub("", s)
        s = _CITATION.sub("", s)
    if "*" in s or "_" in s:
        s = _BOLD.sub(_unbold, s)
        s = _ITALIC_STAR.sub(r"\1", s)
        s = _ITALIC_UNDERSCORE.sub(r"\1", s)
        s = s.replace("**", "")
    if "`" in s:
        s = _CODE.sub(r"\1", s)
    if "<" in s:
        s = _AUTOLINK.sub(r"\1", s)
        s = _strip_comments(s)
        s = _HTML_TAG.sub(" ", s)
    if "\\" in s:
        s = _ESCAPE.sub(r"\1", s)
    if "  " in s or "\t" in s:  # (a substitution at every single space is costly)
        s = _SPACES.sub(" ", s)
    s = s.strip()
    if s != original:  # "migrants [1]." -> "migrants ." -> "migrants."; typed spaces stay
        s = _SPACE_BEFORE_PUNCT.sub("", s)
    return s


# -- words split by a stray space ------------------------------------------------------------------

# Every pair of adjacent words (overlapping: a zero-width match at each word start), the
# second in lowercase, separated by one space or by "- ".
_SPLIT_CANDIDATE = re.compile(r"(?<!\w)(?=([^\W\d_]+)(-?) ([a-zß-öø-ÿ][^\W\d_]*))")
_MAX_PASSES = 3  # a word split twice ("stren gth en ing") needs more than one pass


def _candidates(s: str, words: DocumentWords) -> list[re.Match]:
    """Pairs whose joined (or hyphenated) form the document attests elsewhere."""
    counts, compounds = words.words, words.compounds
    found = []
    for m in _SPLIT_CANDIDATE.finditer(s):
        first, hyphen, second = m.group(1, 2, 3)
        if len(first) + len(second) < 4 or first in ("a", "A"):
            continue
        if (first + second).lower() in counts or (
            hyphen and f"{first}-{second}".lower() in compounds
        ):
            found.append(m)
    return found


def repair_split_words(s: str, words: DocumentWords) -> str:
    """Rejoin words that PDF extraction split with a space ("Col laboration", "inter national").

    A pair is joined only when the joined form occurs elsewhere in the document, the second
    half starts in lowercase, and the two halves are not both words of the document in their
    own right: a half counts as a word when it occurs on its own other than as one half of
    such a pair ("a part", "in to" and "may be" stay apart; "allow ing" does not). "mid- 2017"
    keeps its hyphen; "border- control" becomes "border-control" when the document writes it so.

    >>> words = DocumentWords("Collaboration, international law, apart, a part, in, national")
    >>> repair_split_words("Col laboration on inter national law, a part of it", words)
    'Collaboration on international law, a part of it'
    """
    for _ in range(_MAX_PASSES):
        pairs = _candidates(s, words)
        if not pairs:
            break
        halves = Counter(h.lower() for m in pairs for h in (m.group(1), m.group(3)))
        out, pos = [], 0
        for m in pairs:
            if m.start() < pos:
                continue  # its first word was the second half of the pair just joined
            first, hyphen, second = m.group(1), m.group(2), m.group(3)
            if words.count(first + second) and not (
                words.is_word(first, halves[first.lower()])
                and words.is_word(second, halves[second.lower()])
            ):
                joined = first + second
            elif hyphen and words.has_compound(f"{first}-{second}"):
                joined = f"{first}-{second}"
            else:
                continue
            out.append(s[pos : m.start()])
            out.append(joined)
            pos = m.end(3)
        if pos == 0:
            break
        out.append(s[pos:])
        s = "".join(out)
    return s
