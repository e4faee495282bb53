"""Sentence spans inside blocks: plain regular expressions, aware of abbreviations and initials.

A sentence ends at ``.``, ``!``, ``?`` or ``…`` (with any closing quotes or brackets that
follow) when whitespace and then something other than a lowercase letter come next -- except
after a title ("Mr.", "Dr."), an initial ("William L. Swing", but "Annex I. The" ends one), a
dotted abbreviation ("e.g.", "U.S."), or a reference abbreviation before a number ("No. 5",
"Art. 3", "p. 17"). A footnote number glued to a full stop ("in 2014.1 The increase") ends a
sentence too. Colons and semicolons never end one inside a block; a block's end always does.
Headings and labels are one sentence each. Sentences never cross blocks.

Speed matters: the work is one ``finditer`` per block and a few set look-ups per full stop."""

from __future__ import annotations

import re

from actorgraph.loaders.document import Block, Span
from actorgraph.loaders.patterns import FUNCTION_WORDS

__all__ = ["ABBREVIATIONS", "NUMBER_ABBREVIATIONS", "split_sentences", "sentence_spans"]

# Abbreviations after which a full stop never ends a sentence (lowercase, without the dot).
ABBREVIATIONS = frozenset(
    """mr mrs ms mx messrs mme mlle dr prof profs sr jr st mt ft gen lt col capt cpt cmdr sgt
    maj brig adm rev hon gov sen rep amb pres insp supt det cllr
    e.g i.e viz cf vs v approx ca incl excl esp et al resp dept est
    ibid op cit loc""".split()
)
# Abbreviations that stay inside a sentence when a number follows ("No. 5", "p. 17", "Jan. 2016").
NUMBER_ABBREVIATIONS = frozenset(
    """no nos nr art arts para paras p pp vol vols ch chap sec secs fig figs tab ref refs
    n nn ed eds reg dir ann app
    jan feb mar apr jun jul aug sep sept oct nov dec""".split()
)

# Both branches start with the full stop itself (their look-behinds come after it), so that the
# engine skips to the next candidate instead of trying the pattern at every character; and a
# run of full stops is tried from its first character only (tried from each, a long run of "!!!"
# that no space follows took time growing with the square of its length: issue 7).
_END = re.compile(
    r"(?:[.!?…](?<![.!?…]{2})[.!?…]*[\"'”’»)\]]*|\.(?:(?<=[^\W\d_]{3}\.)|(?<=\d{4}\.))\d{1,2})"
    r"(?=\s+(\S))"
)
# Words that begin a sentence, not a name: after "Annex I." or "the U.S." they mean a new one.
_OPENING_WORDS = FUNCTION_WORDS | frozenset(
    "however moreover furthermore therefore thus finally meanwhile nevertheless".split()
)
_NEXT_WORD = re.compile(r"[^\W\d_]+")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]\.?")
_NUMERAL = re.compile(r"\d|[IVXLC]+\b")
_OPENERS = "\"'“‘([«"


def _ends_sentence(text: str, m: re.Match, lo: int) -> bool:
    end = m.group()
    nxt = m.group(1)
    if nxt.islower():
        return False
    if nxt in _OPENERS:
        # an opening quote or bracket: look at the character inside it
        after = text[m.start(1) + 1 : m.start(1) + 2]
        if after.islower():
            return False
    if end[0] != "." or len(end.rstrip("\"'”’»)]")) != 1:
        if end[0] == "." and end[1:2].isdigit():
            return nxt.isupper()  # footnote number after a full stop: "in 2014.1 The ..."
        return True  # "!", "?", "…", "..."
    if end != "." and end[1:2] in ")]":
        return True  # "(see above.)"
    space = text.rfind(" ", lo, m.start())
    token = text[space + 1 if space >= 0 else lo : m.start()].lstrip(_OPENERS)
    if not token:
        return True
    low = token.lower()
    if low in ABBREVIATIONS:
        return False
    if (len(token) == 1 and token.isalpha()) or _DOTTED.fullmatch(token):
        # an initial ("William L. Swing") or "U.S.": a sentence ends only if a word that
        # opens sentences follows ("... in Annex I. The report ...")
        word = _NEXT_WORD.match(text, m.start(1))
        return bool(word) and word.group().lower() in _OPENING_WORDS
    if low in NUMBER_ABBREVIATIONS and _NUMERAL.match(text, m.start(1)):
        return False
    return True


def sentence_spans(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans of ``text[start:end]``, trimmed of surrounding whitespace.

    >>> s = "Mr. Diez stressed it (e.g. in Amsterdam). William L. Swing began. No. 5 is next."
    >>> [s[x.start:x.end] for x in sentence_spans(s, 0, len(s))]
    ['Mr. Diez stressed it (e.g. in Amsterdam).', 'William L. Swing began.', 'No. 5 is next.']
    >>> s = 'She said: "Member States should act." The 3.000 migrants; 1,003,124 arrived.'
    >>> [s[x.start:x.end] for x in sentence_spans(s, 0, len(s))]
    ['She said: "Member States should act."', 'The 3.000 migrants; 1,003,124 arrived.']
    """
    spans: list[Span] = []
    begin = start
    for m in _END.finditer(text, start, end):
        if m.start(1) >= end:
            break  # the next sentence would start after this block
        if _ends_sentence(text, m, begin):
            _add(spans, text, begin, m.end())
            begin = m.start(1)
    _add(spans, text, begin, end)
    return spans


def _add(spans: list[Span], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end > start:
        spans.append(Span(start, end))


def split_sentences(text: str, blocks: list[Block]) -> list[Span]:
    """Sentence spans of every block, in order; a heading or a label is one sentence."""
    spans: list[Span] = []
    for block in blocks:
        if block.kind in ("heading", "label"):
            _add(spans, text, block.start, block.end)
        else:
            spans.extend(sentence_spans(text, block.start, block.end))
    return spans
