"""Finding names in a sentence: vocabulary, acronym definitions, head-word chunks, people.

Each finder reads tokens and returns :class:`Found` spans; :func:`find_mentions` merges them
(longer spans win, vocabulary breaks ties) into the sentence's mentions. Nothing here decides
which mentions are the same entity: that is ``graph/resolve.py``'s job."""

from __future__ import annotations

import re
from dataclasses import dataclass

from actorgraph.loaders.extract import lexicon as lx
from actorgraph.loaders.extract.tokens import Token
from actorgraph.loaders.extract.vocabulary import Vocabulary


@dataclass
class Found:
    """A candidate mention over ``tokens[i:j]``."""

    i: int
    j: int
    type: str
    rule: str
    key: str | None = None
    label: str | None = None
    aliases: tuple[str, ...] = ()
    qualifier: str | None = None  # place id
    priority: int = 0


PLACE_TYPES = {"Country", "City", "Region", "Place"}
_ACRONYM = re.compile(r"^(?=[^A-Z]*[A-Z][^A-Z]*[A-Z])[A-Za-z0-9&\-]{2,12}$")
_LOWER_HEADS = {
    "route": "Route", "approach": "ActionPlan", "police": "LawEnforcementAgency",
    "coastguard": "LawEnforcementAgency", "navy": "LawEnforcementAgency", "model": "ActionPlan",
    "system": "InformationSystem", "forum": "Network", "platform": "Platform",
    "process": "ActionPlan", "programme": "Project", "project": "Project",
    "directive": "LegalInstrument", "regulation": "LegalInstrument",
}


def head_type(words: list[str]) -> str | None:
    """The class a name's head word gives it (the last head wins), or None.

    >>> head_type(["Migration", "Policy", "Institute"])
    'ResearchOrganisation'
    >>> head_type(["Joint", "Operations"]) is None
    True
    """
    found = None
    for w in words:
        low = w.lower()
        for table in (lx.ORGANISATION_HEADS, lx.INITIATIVE_HEADS, lx.EVENT_HEADS, lx.PLACE_HEADS):
            if low in table:
                found = table[low]  # None for plural heads: a generic description
                break
    if found is None and words and words[-1].lower() == "route":
        return "Route"
    return found


def text_of(text: str, tokens: list[Token], i: int, j: int) -> str:
    return text[tokens[i].start : tokens[j - 1].end]


# -- vocabulary ---------------------------------------------------------------------------------


def vocabulary_matches(tokens: list[Token], vocab: Vocabulary) -> list[Found]:
    found, i = [], 0
    starts = vocab.starts()
    n = len(tokens)
    while i < n:
        tok = tokens[i]
        hit = vocab.match(tokens, i) if tok.is_word and tok.fold in starts else None
        if hit:
            j, entry_id = hit
            entry = vocab.entries[entry_id]
            found.append(Found(i, j, entry.type, "vocabulary", key=entry_id, priority=5))
            i = j
        else:
            i += 1
    return found


# -- acronym definitions ------------------------------------------------------------------------


def _initials_match(words: list[str], acronym: str) -> bool:
    """Do the words spell the acronym? Function words may be skipped, and a word may give
    more than its first letter ("Europol" -> "EUROPOL"-like compounds are not checked)."""
    letters = [c for c in acronym.upper() if c.isalpha()]
    content = [w for w in words if w.lower() not in lx.NAME_CONNECTORS]
    if not content or not letters:
        return False

    def fits(wi: int, li: int) -> bool:
        if li == len(letters):
            return wi == len(content)
        if wi == len(content):
            return False
        word = content[wi].upper()
        if word[0] != letters[li]:
            return False
        # the word may give 1..3 letters of the acronym (Eu-RO-POL, EUNAV-FOR)
        for k in range(1, min(len(word), len(letters) - li, 4) + 1):
            if word[:k] == "".join(letters[li : li + k]) and fits(wi + 1, li + k):
                return True
        return False

    # words between an acronym's words may be skipped only if they are function words
    return fits(0, 0)


def acronym_definitions(text: str, tokens: list[Token]) -> list[Found]:
    """``Long Name (ACR)``, ``ACR (Long Name)`` and ``Long (ACR) Rest``."""
    found = []
    n = len(tokens)
    for k in range(1, n - 2):
        if tokens[k].text != "(" or tokens[k + 2].text != ")":
            # ACR (Long Name): "(" after an acronym, ")" later
            continue
        acr = tokens[k + 1].text
        if not _ACRONYM.match(acr) or acr.endswith("s") and acr[:-1].isupper():
            continue
        rest_end = k + 3
        # walk back for the long form
        for start in range(max(0, k - len(acr) - 4), k):
            words = [t.text for t in tokens[start:k]]
            if (not tokens[start].is_capitalised or tokens[start].lower in lx.NOT_NAME_START
                    or not all(tokens[x].is_word for x in range(start, k))):
                continue
            if _initials_match(words, acr):
                j = rest_end
                while j < n and tokens[j].is_word and tokens[j].is_capitalised and j < rest_end + 2:
                    j += 1
                tail = text_of(text, tokens, rest_end, j) if j > rest_end else ""
                long = text_of(text, tokens, start, k)
                label = f"{long} {tail}".strip()
                aliases = (f"{acr} {tail}".strip(), long) if tail else (acr,)
                typ = _speaker_kind(head_type(words + tail.split()), tokens, j if tail else k)
                if typ is not None:
                    found.append(Found(start, j, typ, "acronym-definition", label=label, aliases=aliases, priority=3))
                break
    # ACR (Long Name) [Rest]
    for k in range(0, n - 3):
        if tokens[k + 1].text != "(":
            continue
        acr = tokens[k].text
        if not _ACRONYM.match(acr):
            continue
        close = next((x for x in range(k + 2, min(n, k + 16)) if tokens[x].text == ")"), None)
        if close is None:
            continue
        words = [t.text for t in tokens[k + 2 : close]]
        if not words or not tokens[k + 2].is_capitalised or not _initials_match(words, acr):
            continue
        j = close + 1
        while j < n and tokens[j].is_word and tokens[j].is_capitalised and j < close + 3:
            j += 1
        tail = text_of(text, tokens, close + 1, j) if j > close + 1 else ""
        long = text_of(text, tokens, k + 2, close)
        label = f"{long} {tail}".strip()
        aliases = (f"{acr} {tail}".strip(), long) if tail else (acr,)
        typ = _speaker_kind(head_type(words + tail.split()), tokens, j)
        if typ is not None:
            found.append(Found(k, j, typ, "acronym-definition", label=label, aliases=aliases, priority=3))
    return found


# -- capitalised chunks classified by their head word -------------------------------------------


def _is_name_word(tok: Token) -> bool:
    return tok.is_word and (tok.is_capitalised or tok.text[0].isdigit() and len(tok.text) == 4)


def capitalised_chunks(text: str, tokens: list[Token], vocab: Vocabulary, known: list[Found]) -> list[Found]:
    """Runs of capitalised words (with "of", "for", "and", "the" inside) whose head word makes
    them an organisation, initiative, event or place; "Operation X"; "X route".

    ``known`` are the vocabulary matches: a run never swallows a known organisation that
    follows its head ("Operations Division Frontex" is a division, then Frontex)."""
    known_at = {f.i: f for f in known}
    # a run never starts inside a known name: "Italian Guardia di Finanza and the Maltese Armed
    # Forces" is two bodies, not "Finanza and the Maltese Armed Forces"
    inside_known = {x for f in known for x in range(f.i + 1, f.j)}
    found = []
    n = len(tokens)
    i = 0
    while i < n:
        tok = tokens[i]
        if (not (tok.is_word and tok.is_capitalised) or i in inside_known or tok.lower in lx.NOT_NAME_START
                or tok.lower in lx.HONORIFICS or tok.lower in lx.MONTHS):
            i += 1
            continue
        j = i + 1
        while j < n:
            t = tokens[j]
            if _is_name_word(t) and t.lower not in lx.NOT_NAME_START and t.lower not in lx.MONTHS:
                j += 1
            elif t.lower in ("of", "for", "and", "on", "against", "&") and j + 1 < n and (
                tokens[j + 1].is_capitalised and tokens[j + 1].is_word
                or tokens[j + 1].lower == "the" and j + 2 < n and tokens[j + 2].is_capitalised
            ):
                j += 2 if tokens[j + 1].lower != "the" else 3
            else:
                break
        lower_head = None
        if j < n and tokens[j].lower in _LOWER_HEADS and not (j + 1 < n and tokens[j + 1].text in ("'s", "\u2019s")):
            # "the Hotspot approach", "the Kosovo police"; not "Enhance police" opening a sentence
            single_known = j - i == 1 and i in known_at and known_at[i].type not in PLACE_TYPES
            direction = j - i == 1 and tok.lower in _DIRECTIONS
            if (j - i > 1 or i > 0 or vocab.place_of(tok.text)) and not single_known and not direction:
                lower_head = _LOWER_HEADS[tokens[j].lower]
                j += 1
        titled = i >= 2 and tokens[i - 1].lower == "the" and tokens[i - 2].is_capitalised and tokens[i - 2].lower.endswith("ing")
        shouting = sum(1 for t in tokens[i:j] if t.is_word) > 1 and all(t.text.isupper() for t in tokens[i:j] if t.is_word and t.text[0].isalpha())
        if not titled:
            for a, b, typ in _refine(tokens, i, j, lower_head, known_at):
                if shouting and typ not in lx.EVENT_HEADS.values():
                    continue  # an ALL-CAPS title line, not a name
                if not plausible_name(tokens, a, b):
                    # a Title Case line: keep the name it may end with ("... Of The Libyan
                    # Coast Guard Service")
                    a = _after_title_case(tokens, a, b)
                    if a is None:
                        continue
                    typ = head_type([t.text for t in tokens[a:b] if t.is_word]) or typ
                if typ in PLACE_TYPES and any(x in known_at and known_at[x].j == b and known_at[x].type in PLACE_TYPES
                                              and any(t.lower not in _DIRECTIONS for t in tokens[a:x] if t.is_word)
                                              for x in range(a + 1, b)):
                    continue  # "Migrants Cross Aegean Sea": the known place, not the headline's words
                    # ("Eastern Aegean Sea" stays)
                body = _after_titled_person(tokens, a, b)
                if body != a:  # "Rear Admiral Enrico Credendino of the Italian Navy": the navy
                    a, typ = body, head_type([t.text for t in tokens[body:b] if t.is_word]) or typ
                typ = _speaker_kind(typ, tokens, b)
                found.append(_chunk(text, tokens, a, b, typ, vocab))
        i = max(j, i + 1)
    return [f for f in found if f is not None]


#: Initiative kinds whose head word also names bodies ("Forum", "Network", "Platform").
_GATHERINGS = {"Network", "Platform"}
# what a body says, not what a network of experts finds ("the Radicalisation Awareness Network
# estimated ..." stays a network)
_STATEMENT_VERBS = {"said", "says", "stated", "told", "warned", "welcomed", "condemned", "denounced",
                    "criticised", "criticized", "urged", "demanded", "accused", "claimed", "argued", "called"}


def _speaker_kind(typ: str | None, tokens: list[Token], b: int) -> str | None:
    """A forum or network named right before a verb of saying (after an acronym in brackets) is
    a body: "The Tunisian Forum for Economic and Social Rights (FTDES) said ..."."""
    if typ not in _GATHERINGS:
        return typ
    k = b
    if k + 2 < len(tokens) and tokens[k].text == "(" and tokens[k + 2].text == ")":
        k += 3
    return "Organisation" if k < len(tokens) and tokens[k].lower in _STATEMENT_VERBS else typ


#: Words of a rank or title that come before a person's name ("Rear Admiral", "Colonel").
_PERSON_TITLES = lx.HONORIFICS | lx.TITLE_BEFORE_NAME | {
    "rear", "vice", "colonel", "major", "lieutenant", "sergeant", "brigadier", "commodore",
    "inspector", "superintendent", "commander", "lieutenant-colonel", "lieutenant-general"}


def _after_titled_person(tokens: list[Token], a: int, b: int) -> int:
    """Where the body starts in a run that opens with a titled person's name: "(Rear Admiral)
    Enrico Credendino of the Italian Navy" is a person of the Italian Navy, not one body. The
    run's start when it does not (``a``)."""
    of = next((x for x in range(a + 1, b - 1) if tokens[x].lower == "of"), None)
    if of is None:
        return a
    start = a
    while start < of and tokens[start].lower.rstrip(".") in _PERSON_TITLES:
        start += 1
    titled = start > a or (a > 0 and tokens[a - 1].lower.rstrip(".") in _PERSON_TITLES)
    if not titled or not 2 <= of - start <= 3:
        return a
    if not all(tokens[x].is_word and tokens[x].is_capitalised and not _is_head(tokens[x].text)
               for x in range(start, of)):
        return a
    body = of + 2 if of + 1 < b and tokens[of + 1].lower == "the" else of + 1
    return body if body < b else a


def plausible_name(tokens: list[Token], a: int, b: int) -> bool:
    """Can ``tokens[a:b]``, found as a run of capitalised words with a head word, be the name
    of a body? Not when it opens with a connector ("On The Activities of ..."), holds a verb
    of sentences ("Is", "Should", "Not"), or another word of sentences ("We", "Why", "With")
    past a short name's length, reads as Title Case prose (two connectors written with a
    capital: "Role Of The ..."; names write them in lower case), or is longer than names are.

    >>> from actorgraph.loaders.extract.tokens import tokenize
    >>> def check(s):
    ...     t = tokenize(s)
    ...     return plausible_name(t, 0, len(t))
    >>> check("Ministry of the Interior"), check("Republic of The Gambia"), check("Publish What You Fund")
    (True, True, True)
    >>> check("Role Of The Libyan Coast Guard Service"), check("Agency Is Absent")
    (False, False)
    >>> check("How We Cooperate With Frontex Research Unit")
    False
    """
    words = [t for t in tokens[a:b] if t.is_word or t.text == "&"]
    if not words or words[0].lower in lx.NAME_CONNECTORS:
        return False
    capital_connectors = sentence_words = content = 0
    for t in words:
        low = t.lower
        if low in lx.NAME_CONNECTORS:
            capital_connectors += t.is_capitalised
        elif (low in lx.SENTENCE_VERBS or low in lx.SENTENCE_WORDS) and not t.text.isupper():
            if low in lx.SENTENCE_VERBS:
                return False
            sentence_words += 1
        else:
            content += 1
    if sentence_words and len(words) > lx.SHORT_NAME_WORDS:
        return False
    return (capital_connectors < 2 and len(words) <= lx.MAX_NAME_WORDS
            and content <= lx.MAX_NAME_CONTENT_WORDS)


def _after_title_case(tokens: list[Token], a: int, b: int) -> int | None:
    """Where a name ends a Title Case run that is not one: the longest plausible name with a
    head word that follows one of its capitalised connectors ("Smuggling Routes And The
    National Harbour Police Of Zarkania" -> "National Harbour Police Of Zarkania"); None if
    no such name."""
    for k in range(a, b):
        if not (tokens[k].is_capitalised and tokens[k].lower in lx.NAME_CONNECTORS):
            continue
        start = k + 1
        while start < b and tokens[start].lower in lx.NAME_CONNECTORS:
            start += 1
        if b - start >= 2 and plausible_name(tokens, start, b) and head_type(
            [t.text for t in tokens[start:b] if t.is_word]
        ):
            return start
    return None


def _refine(tokens: list[Token], i: int, j: int, lower_head: str | None, known_at: dict) -> list[tuple[int, int, str]]:
    """Cut a capitalised run down to the names in it: split before "and <Role>", drop a
    leading job title ("Head of the ..."), start at a head-first name inside ("... of the
    Ministry of ..."), stop before a known organisation after the head, drop trailing words."""
    pieces = []
    start = i
    for k in range(i, j - 1):
        low = tokens[k].lower
        # a known name ends right before the connector: "OECD and ...", "Spanish Guardia Civil and ..."
        known_left = any(known_at[x].j == k for x in range(start, k) if x in known_at)
        right = known_at.get(k + 2 if tokens[k + 1].lower == "the" else k + 1)
        # "Regulations of the World Health Organization" splits; "Refugee Council of Australia" does not
        known_right = right is not None and right.type not in PLACE_TYPES
        if low in ("and", "&") and (
            tokens[k + 1].lower in lx.ROLE_WORDS
            # two names joined: "the European Commission and the Dutch Ministry of ..."
            or _has_head(tokens, start, k) and _has_head(tokens, k + 1, j) and _ends_in_head(tokens, start, k)
            or known_left  # "OECD and the UN Refugee Agency"
        ):
            pieces.append((start, k))
            start = k + 1
            while start < j and tokens[start].lower == "the":
                start += 1
        elif low in ("of", "for", "on") and known_right and _has_head(tokens, start, k) and _ends_in_head(tokens, start, k):
            # "International Health Regulations of the World Health Organization"
            pieces.append((start, k))
            start = k + 1
            while start < j and tokens[start].lower == "the":
                start += 1
        elif _is_head(low) and tokens[k + 1].lower in _HEAD_FIRST and k + 2 < j and tokens[k + 2].lower == "of":
            # "National Border Policing Section Department of National Operations"
            pieces.append((start, k + 1))
            start = k + 1
    pieces.append((start, j))
    out = []
    for a, b in pieces:
        # drop a leading job title and its connector: "Deputy Director-General for ...", "Head of the ..."
        while a < b and (tokens[a].lower in lx.ROLE_WORDS and not _is_head(tokens[a].lower) or tokens[a].lower in lx.LEADING_NOISE):
            a += 1
            while a < b and tokens[a].lower in ("of", "for", "at", "to", "the", "&", "and"):
                a += 1
        # a known place then a connector is not part of the name ("Tehran for the Solutions ...")
        if a in known_at and known_at[a].j < b and tokens[known_at[a].j].lower in (
            "for", "of", "and", "on", "against", "&"
        ):
            a = known_at[a].j + 1
            while a < b and tokens[a].lower == "the":
                a += 1
        # a head-first name inside ("International Migration of the Ministry of Security"):
        for k in range(a + 1, b):
            if tokens[k].lower in _HEAD_FIRST and tokens[k - 1].lower in ("of", "the", "for", "and") and not any(
                _is_head(tokens[x].lower) for x in range(a, k)
            ):
                a = k
                break
        if b - a < 1:
            continue
        words = [t.text for t in tokens[a:b] if t.is_word]
        typ = lower_head if (lower_head and b == j) else head_type(words)
        if typ is None and tokens[a].text in ("Operation", "JO", "Op", "Action") and b - a >= 2:
            typ = "JointOperation"
        if typ is None:
            continue
        # the name ends at its last head (or at years / a number after it)
        last_head = max((x for x in range(a, b) if _is_head(tokens[x].lower)), default=None)
        if last_head is not None and not lower_head:
            end = last_head + 1
            if last_head == a and typ == "JointOperation" and tokens[a].text in ("Operation", "JO", "Op"):
                end = b  # "Operation Inherent Resolve": the name follows its head
            # a head-first name keeps what follows its connector ("Ministry of the Interior")
            if end < b and tokens[end].lower in ("of", "for", "on", "against", "&"):
                end = b
            while end < b and (tokens[end].text[0].isdigit() or tokens[end].text in ("I", "II", "III", "IV", "V")):
                end += 1
            # a known organisation after the head is a name of its own
            for x in range(last_head + 1, end):
                if x in known_at and known_at[x].type not in PLACE_TYPES:
                    end = x
                    break
            b = end
        if typ == "JointOperation" and tokens[a].text in ("Operation", "JO", "Op", "Action"):
            b = max(b, a + 2)
        if b - a >= 2 or lower_head:
            out.append((a, b, typ))
    return out


_SAID = {"said", "says", "added", "adds", "explained", "told", "stressed", "noted", "argued", "warned",
         "according", "asked", "wrote", "writes"}
_TRAILING_TITLES = {"director", "director-general", "head", "chief", "officer", "minister", "commissioner",
                    "secretary", "secretary-general", "president", "spokesperson", "spokesman",
                    "spokeswoman", "coordinator", "manager", "chairman", "chairperson", "rapporteur",
                    "envoy", "ambassador"}
# words that open a title ("High Commissioner", "Special Representative")
_TITLE_MODIFIERS = {"high", "deputy", "vice", "special", "executive", "assistant", "chief", "senior"}
_DIRECTIONS = {"northern", "southern", "eastern", "western", "central", "north", "south", "east", "west",
               "main", "new", "other", "this", "that", "such", "each"}
_HEAD_FIRST = {"ministry", "office", "department", "directorate", "directorate-general", "agency", "court", "bureau", "council", "commission", "institute", "secretariat"}


def _has_head(tokens: list[Token], a: int, b: int) -> bool:
    return any(_is_head(tokens[x].lower) for x in range(a, b))


def _ends_in_head(tokens: list[Token], a: int, b: int) -> bool:
    """Is ``tokens[a:b]`` a complete name: its last word a head, or a head-first name
    ("Ministry of X") whose connector part is done?"""
    words = [t.lower for t in tokens[a:b] if t.is_word]
    if not words:
        return False
    if _is_head(words[-1]):
        return True
    return any(_is_head(w) and nxt in ("of", "for", "on", "against") for w, nxt in zip(words, words[1:]))


def _is_head(word: str) -> bool:
    return word in lx.ORGANISATION_HEADS or word in lx.INITIATIVE_HEADS or word in lx.EVENT_HEADS or word in lx.PLACE_HEADS


def _possessive_country(text: str, tokens: list[Token], a: int, vocab: Vocabulary) -> str | None:
    """The country whose possessive stands right before ``tokens[a]`` ("Niger's", "the United
    Kingdom's"), if any."""
    if a < 2 or tokens[a - 1].text not in ("'s", "\u2019s"):
        return None
    for width in (3, 2, 1):
        if a - 1 - width < 0 or not all(t.is_word for t in tokens[a - 1 - width : a - 1]):
            continue
        place = vocab.place_of(text_of(text, tokens, a - 1 - width, a - 1))
        if place and vocab.entries[place].type == "Country":
            return place
    return None


def _chunk(text: str, tokens: list[Token], a: int, b: int, typ: str, vocab: Vocabulary) -> Found | None:
    while b > a + 1 and tokens[b - 1].lower in ("of", "for", "and", "on", "against", "&", "the"):
        b -= 1  # never end a name on a connector ("Central Unit of")
    if b > a + 3 and tokens[b - 1].lower == "general" and tokens[b - 2].lower in _TRAILING_TITLES:
        b -= 2
    elif b > a + 2 and tokens[b - 1].lower in _TRAILING_TITLES:
        # "the International Organization for Migration Director General": a title, not the name
        b -= 1
        if tokens[b - 1].lower in _TRAILING_TITLES:
            b -= 1
        while b > a + 2 and tokens[b - 1].lower in _TITLE_MODIFIERS:
            b -= 1  # "League of Nations High Commissioner": the League
    qualifier = None
    first = a
    place = vocab.place_of(tokens[a].text)
    if place and b - a > 1 and vocab.entries[place].type == "Country":
        # "Belgium Federal Police", "Dutch Ministry of ...": the country qualifies the name
        qualifier = place
        first = a + 1
    if b - first < 2:
        first = a  # "Kosovo police", "Malta Summit": the place is part of the only name there is
    if qualifier is None:
        qualifier = _possessive_country(text, tokens, a, vocab)  # "Niger's Ministry of Justice"
    label = text_of(text, tokens, first, b)
    words = [t.lower for t in tokens[first:b] if t.is_word]
    if qualifier is None and all(w in lx.GENERIC_NAME_WORDS or _is_head(w) for w in words):
        # "Pilot Project", "Federal Police": only what kind of thing; kept where a country
        # follows ("Federal Police, Germany"), which the walker checks
        return Found(a, b, typ, "head-word-generic", label=label, priority=0)
    return Found(a, b, typ, "head-word", label=label, qualifier=qualifier, priority=1)


# -- things introduced by what they are ---------------------------------------------------------

_CALLED = re.compile(
    r"\b(NGO|non-governmental organi[sz]ation|organi[sz]ation|charity|foundation|association|"
    r"company|firm|network|project|programme|platform|initiative|operation)\s+"
    r"(?:called|named|known as)\s+"
    r"(?:['\"\u2018\u201c]([A-Z][^'\"\u2019\u201d]{1,60})['\"\u2019\u201d]"  # quoted: up to the quote
    r"|([A-Z][\w-]*(?:\s+(?:of|for|and|the|[A-Z][\w-]*))*))"  # bare: capitalised words
)
# "a database of refugee information, ProGres,": a thing's kind, then its name in apposition
_NAMED_AFTER_NOUN = re.compile(
    r"\b(database|system|tool|platform|programme|project|network|operation|initiative|mechanism)"
    r"\b[^,.;:()]{0,60},\s+([A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,4})(?=\s*[,.;(])"
)
# "the AFP news agency", "the IOM organisation": an acronym qualified by what it is
_ACRONYM_AGENCY = re.compile(
    r"\b([A-Z][A-Z&]{1,9})\s+(?:news\s+|press\s+|border\s+|aid\s+|humanitarian\s+|UN\s+)?"
    r"(?:agency|organi[sz]ation|NGO|charity|company|authority|watchdog)\b"
)
# Words each pattern above cannot match without: a sentence holding none of them is not
# searched (a plain alternation of words starts with a set of letters, which re skips to).
_CALLED_HINT = re.compile(r"called|named|known as")
_NAMED_AFTER_NOUN_HINT = re.compile(
    r"database|system|tool|platform|programme|project|network|operation|initiative|mechanism")
_ACRONYM_AGENCY_HINT = re.compile(r"agency|organi[sz]ation|NGO|charity|company|authority|watchdog")
_CALLED_TYPE = {"database": "InformationSystem", "system": "InformationSystem", "tool": "InformationSystem",
                "mechanism": "Project","ngo": "NGO", "charity": "NGO", "foundation": "NGO", "association": "NGO",
                "company": "Company", "firm": "Company", "network": "Network", "project": "Project",
                "programme": "Project", "platform": "Platform", "initiative": "Project",
                "operation": "JointOperation"}


def introduced_names(text: str, tokens: list[Token], vocab: Vocabulary) -> list[Found]:
    """"the NGO called 'New Dutch Connections'", and a place given with its country:
    "Gothenburg, Sweden"."""
    found = []
    if not tokens:
        return found
    start, end = tokens[0].start, tokens[-1].end
    by_start: dict[int, int] = {}
    by_end: dict[int, int] = {}

    def index() -> None:  # token offsets, made only for a sentence that has a match
        if not by_start:
            for k, t in enumerate(tokens):
                by_start[t.start] = k
                by_end[t.end] = k

    called = _CALLED.finditer(text, start, end) if _CALLED_HINT.search(text, start, end) else ()
    for m in called:
        index()
        g = 2 if m.group(2) else 3
        a, b = m.start(g), m.start(g) + len(m.group(g).rstrip())
        if a in by_start and b in by_end:
            typ = _CALLED_TYPE.get(m.group(1).lower().split()[-1], "Organisation")
            found.append(Found(by_start[a], by_end[b] + 1, typ, "introduced-name", priority=3))
    named = _NAMED_AFTER_NOUN.finditer(text, start, end) if _NAMED_AFTER_NOUN_HINT.search(text, start, end) else ()
    for m in named:
        index()
        a, b = m.start(2), m.end(2)
        if a in by_start and b in by_end and m.group(2).split()[0].lower() not in lx.NOT_NAME_START:
            typ = _CALLED_TYPE.get(m.group(1).lower(), "Project")
            found.append(Found(by_start[a], by_end[b] + 1, typ, "introduced-name", priority=3))
    agency = _ACRONYM_AGENCY.finditer(text, start, end) if _ACRONYM_AGENCY_HINT.search(text, start, end) else ()
    for m in agency:
        index()
        a, b = m.start(1), m.end(1)
        if a in by_start and b in by_end:
            found.append(Found(by_start[a], by_end[b] + 1, "Organisation", "acronym-with-noun", priority=2))
    n = len(tokens)
    for c in range(2, n - 1):
        # "... in Gothenburg, Sweden": an unknown capitalised word before ", <Country>"
        if tokens[c].text != ",":
            continue
        k = c - 1
        t = tokens[k]
        if not (t.is_word and t.is_capitalised) or t.lower in lx.NON_PERSON_WORDS or vocab.place_of(t.text) or t.lower in lx.MONTHS:
            continue
        if tokens[k - 1].lower not in ("in", "at", "near", "from", "to"):
            continue
        nxt = tokens[k + 2]
        country = vocab.place_of(nxt.text) if nxt.is_capitalised else None
        if country is None and nxt.lower == "the" and k + 3 < n:
            country = vocab.place_of(tokens[k + 3].text)
        if country and vocab.entries[country].type == "Country":
            found.append(Found(k, k + 1, "City", "place-with-country", priority=2))
    return found


# -- people -------------------------------------------------------------------------------------


def _person_tokens(tokens: list[Token], i: int, covered: set[int]) -> int:
    """End index of a person-name shape starting at ``i`` (0 if none): capitalised words,
    initials ("L."), particles ("van der") before a capitalised word; 1 to 5 words. Words
    that make up headings and names of bodies ("Panel", "Border", "Smuggling") end it."""
    n, j, words = len(tokens), i, 0
    while j < n and words < 5:
        t = tokens[j]
        if j in covered or not t.is_word:
            break
        low = t.lower
        if t.is_capitalised:
            if low in lx.MONTHS or low in lx.NON_PERSON_WORDS or low in lx.ROLE_WORDS or _is_head(low):
                break
            if low.endswith("ing") and len(low) > 5 or any(len(part) > 1 and part[:2].isupper() for part in t.text.split("-")):
                break  # "Addressing", "JOs", "EU"; "Jan-Kees" and "MacLeod" are fine
            if len(t.text) == 1 and j + 1 < n and tokens[j + 1].text == ".":
                j += 2  # an initial
            else:
                j += 1
            words += 1
        elif low in lx.NAME_PARTICLES and words + (j == i) >= 1:
            k = j
            while k < n and tokens[k].lower in lx.NAME_PARTICLES and not tokens[k].is_capitalised:
                k += 1
            if k < n and tokens[k].is_capitalised and tokens[k].is_word and k not in covered:
                j = k
            else:
                break
        else:
            break
    # do not end on an initial's dot or a particle
    while j > i and (tokens[j - 1].text == "." or tokens[j - 1].lower in lx.NAME_PARTICLES):
        j -= 1
    return j if words >= 1 else 0


def _person_bracket(tokens: list[Token], k: int) -> bool:
    """Can the brackets opening at ``tokens[k]`` describe a person: a capital ("(Director,
    Europol)"), a year ("(1861-1930)"), "born", or what a person is; not "(humanitarian reform)"."""
    if k >= len(tokens):
        return False
    t = tokens[k]
    return t.is_capitalised or t.text[:1].isdigit() or t.lower in ("born", "died", "b.", "d.") or t.lower in lx.PERSON_NOUNS


def _described_person(tokens: list[Token], k: int, vocab: Vocabulary) -> bool:
    """Do the words from ``tokens[k]`` say what a person is: "spokesman", "Ethiopian smuggler",
    "senior police officer" (up to two words before the noun, a nationality or in lower case)?"""
    for x in range(k, min(k + 3, len(tokens))):
        t = tokens[x]
        if not t.is_word:
            return False
        if t.lower in lx.PERSON_NOUNS:
            return True
        if not (t.text.islower() or vocab.place_of(t.text)):
            return False
    return False


def _count_words(tokens: list[Token], i: int, j: int) -> int:
    return sum(1 for t in tokens[i:j] if t.is_word and t.is_capitalised and len(t.text) > 1)


def people(text: str, tokens: list[Token], covered: set[int], vocab: Vocabulary) -> list[Found]:
    """Person names found by their context: an honorific, a role in brackets or after a comma,
    a title before the name, a reporting verb after it, "presented by" before it."""
    found: list[Found] = []
    n = len(tokens)
    taken: set[int] = set()
    for i in range(n):
        if i in taken or i in covered:
            continue
        tok = tokens[i]
        # honorific + name: "Mr. Diez", "Mrs Barberini", "Mr ten Kate"
        if tok.lower in lx.HONORIFICS and tok.text[0].isupper() and not (i > 0 and tokens[i - 1].is_capitalised and tokens[i - 1].is_word):
            # (not "Notre Dame Cathedral")
            k = i + 1
            if k < n and tokens[k].text == ".":
                k += 1
            if k < n and (tokens[k].is_capitalised or tokens[k].lower in lx.NAME_PARTICLES):
                j = _person_tokens(tokens, k, covered)
                if j > k and not vocab.place_of(tokens[k].text):
                    found.append(Found(i, j, "Person", "person:honorific", label=text_of(text, tokens, k, j), priority=4))
                    taken.update(range(i, j))
            continue
        if not (tok.is_capitalised and tok.is_word) or tok.lower in lx.NOT_NAME_START:
            continue
        j = _person_tokens(tokens, i, covered)
        if j == 0 or _count_words(tokens, i, j) < 2:
            continue
        if any(vocab.place_of(t.text) for t in tokens[i:j] if t.is_word):
            continue
        after = tokens[j].text if j < n else ""
        after2 = tokens[j + 1].lower if j + 1 < n else ""
        before = text[max(0, tokens[i].start - 40) : tokens[i].start]
        prev = tokens[i - 1].lower if i > 0 else ""
        rule = None
        if after == "(" and _person_bracket(tokens, j + 1) and not (j + 2 < n and tokens[j + 2].text == ")" and _initials_match(
            [t.text for t in tokens[max(0, j - len(tokens[j + 1].text)):j] if t.is_word][-len(tokens[j + 1].text.rstrip("s")):],
            tokens[j + 1].text.rstrip("s"),
        )):
            rule = "person:name-role-brackets"  # not "Foreign Terrorist Fighters (FTFs)"
        elif prev in _SAID and i > 0:
            rule = "person:reported-speaker"  # "..., said Graziella Rizza from DG ..."
        elif after == "," and j + 1 < n and not vocab.place_of(tokens[j + 1].text) and (
            after2 in lx.ROLE_WORDS or after2 in ("a", "an", "the") and _described_person(tokens, j + 2, vocab)
            or tokens[j + 1].is_capitalised and (j + 1) in covered
        ):
            rule = "person:name-comma-role"
        elif after and lx.SPEECH_VERBS.match(after.lower()) and i == 0 or (after and lx.SPEECH_VERBS.match(after.lower()) and prev in (",", "and", "by")):
            rule = "person:name-reporting-verb"
        elif lx.PRESENTED_BY.search(before):
            rule = "person:presented-by"
        elif prev in lx.TITLE_BEFORE_NAME or prev == "is" and i > 1 and tokens[i - 2].lower in lx.ROLE_WORDS:
            rule = "person:title-name"
        elif prev == "," and i > 1 and j < n and after == ",":
            rule = "person:appositive"
        elif j + 1 < n and tokens[j].is_capitalised and tokens[j].lower in lx.TITLE_AFTER_NAME and (
            tokens[j + 1].is_capitalised and tokens[j + 1].lower in lx.ROLE_WORDS
        ):
            rule = "person:name-title"  # a signature: "Fabrice Leggeri Executive Director"
        if rule:
            found.append(Found(i, j, "Person", rule, label=text_of(text, tokens, i, j), priority=4))
            taken.update(range(i, j))
    return found


# -- merging ------------------------------------------------------------------------------------


def merge(candidates: list[Found]) -> list[Found]:
    """Keep non-overlapping candidates: longer spans first, then higher priority."""
    chosen: list[Found] = []
    used: set[int] = set()
    for f in sorted(candidates, key=lambda f: (-(f.j - f.i), -f.priority, f.i)):
        span = set(range(f.i, f.j))
        if span & used:
            continue
        chosen.append(f)
        used |= span
    return sorted(chosen, key=lambda f: f.i)
