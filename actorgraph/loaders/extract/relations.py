"""Relation rules: each reads one sentence (with the walker's context) and states relations
between its mentions, with the sentence as evidence."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from actorgraph.loaders.extract import lexicon as lx
from actorgraph.loaders.extract.modality import PROPOSED, clause_modality, introduces_proposals
from actorgraph.loaders.document import Span
from actorgraph.loaders.extract.tokens import normalise, normalise_cached

if TYPE_CHECKING:
    from actorgraph.loaders.extract.walker import DocumentWalker, Sentence

_CHAIR_LABELS = {"chair", "chairs", "chairperson", "chairman", "chairwoman", "moderator", "moderators", "co-chair", "co-chairs"}
_PANEL_LABELS = {"panellists", "panelists", "panellist", "panelist", "panel", "speakers", "speaker", "participants", "discussants", "presenters"}
_ORGANISED_BY = lx.Cue(r"\b(co-?)?organi[sz]ed by\b|\bhosted by\b|\bconvened by\b")
_BETWEEN = lx.Cue(r"\b(?:between|among|amongst)\b")
# a clause opened by its partners: "Together with UNHCR, IOM ...", "In cooperation with the
# Guardia Civil, Frontex launched ..."
_TOGETHER_START = re.compile(
    r"^\W*(?:together with|jointly with|in (?:close )?(?:co-?operation|partnership|collaboration|co-?ordination|"
    r"conjunction|liaison) with|with the (?:support|help|assistance) of)\b", re.IGNORECASE)
# A clause opened by the framework it happens in: "Under the Khartoum Process, ...", "As part of
# Operation Sophia, ..." (up to its comma).
_FRAMING = re.compile(r"^\W*(?:under|within|through|via|during|following|as part of|in the (?:framework|context|scope) of|"
                      r"in line with|on the basis of|at the (?:invitation|request) of)\b[^,;]{1,150},", re.IGNORECASE)
_VERB_CUE = re.compile(r"co-?operat(?:e|es|ed|ing)\b|collaborat(?:e|es|ed|ing)\b|work(?:s|ed|ing)? together|"
                       r"partner(?:ed|ing)?\b|jointly|join(?:s|ed|ing)? forces|team(?:s|ed|ing)? up", re.IGNORECASE)
# "X worked alongside Y and cooperated with Z": the cue's verb is coordinated with an earlier
# one, so the name just before "and" is that verb's object and the subject is the clause's.
_VERB_AFTER_AND = re.compile(r"\s*,?\s+and\s+(?:(?:also|then|later|subsequently|has|have|had|\w+ly)\s+)*$",
                             re.IGNORECASE)
# What may open a clause before its subject: "In 2019, the ..."
_CLAUSE_OPENING = re.compile(r"^[\W\d]*(?:(?:in|on|since|by|during|after|before)\s+[\w ]{1,20}?,\s*)?(?:the\s+)?$",
                             re.IGNORECASE)
_JOINT_WORK = re.compile(r"project|courses|joint|together", re.IGNORECASE)
# Clause breaks: ";", ". ", ": ", "while", "whereas", "but". Each branch opens with its own
# first character, so that the pattern starts with a character set and re skips ahead to it
# (the plain alternation ";|\.\s|:\s|\bwhile\b|\bwhereas\b|\bbut\b" is tried at every character).
_CLAUSE_BREAK = lx.Cue(r"[;.:wb](?:(?<=;)|(?<=[.:])\s|(?<=\bw)h(?:ile|ereas)\b|(?<=\bb)ut\b)")


def apply_all(w: "DocumentWalker", s: "Sentence") -> None:
    _main_event(w, s)
    _recommendations(w, s)
    _affiliations(w, s)
    _session_roles(w, s)
    _speakers(w, s)
    _founders(w, s)
    _organisers(w, s)
    _cooperation(w, s)
    _participation(w, s)
    _participants_after(w, s)
    _units(w, s)
    _possessives(w, s)
    _located(w, s)
    _opening_subject(w, s)


# How far into a document its own event is named: a conference report names its conference in
# its title or opening; an article that mentions a summit further down is not about it.
_OPENING_CHARS = 2000


def _main_event(w, s) -> None:
    """The conference the document reports on: the first one named in its opening."""
    opening = w.doc.blocks[0].start if w.doc.blocks else 0
    if w.ctx.main_event is None and s.span.start - opening <= _OPENING_CHARS:
        for idx in s.mentions:
            if w.mentions[idx].type == "Conference":
                w.ctx.main_event = idx
                break
    if w.ctx.topic is None:
        w.ctx.topic = _topic(w, s)


_TITLE_WORDS = re.compile(r"[\W_]+")


def _topic(w, s) -> int | None:
    """What the document is about, when it is about one body: the organisation its title
    names (a Frontex risk analysis), or the subject of an article's first sentence ("The
    International Organization for Migration (IOM) is ...")."""
    title = w.title_words
    if title is None:
        title = w.title_words = " " + _TITLE_WORDS.sub(" ", normalise(w.doc.title or "")) + " "
    for idx in s.mentions:
        m = w.mentions[idx]
        if w.core(idx) != "Organisation":
            continue
        names = {normalise_cached(x) for x in (m.text, m.label or m.text, *m.aliases)}
        if any(n and f" {n} " in title for n in names):
            return idx
    if s.block.kind == "paragraph" and s.first_in_block and w.ctx.seen_paragraphs < 3:
        w.ctx.seen_paragraphs += 1
        for idx in s.mentions[:1]:
            m = w.mentions[idx]
            lead = w.text[s.span.start : m.start]
            tail = w.text[m.end : m.end + 40]
            if w.core(idx) == "Organisation" and len(lead.split()) <= 1 and re.match(r"\s*(?:\([^)]*\)\s*)?(?:is|was|has|,)\b", tail):
                return idx
    return None


def _recommendations(w, s) -> None:
    """A recommendation is made at the session whose conclusions list it, and addresses the
    actors, initiatives, routes and places it names."""
    rec = s.recommendation
    if rec is None:
        # a later sentence of the same list item
        rec = w.ctx.recommendation
        if rec is None or not (w.mentions[rec].start <= s.span.start < w.mentions[rec].end):
            return
    else:
        w.ctx.recommendation = rec
        event = _current_event(w)
        if event is not None:
            w.relate(rec, "madeAt", event, "recommendation-of-session", s.span)
    for idx in s.mentions:
        if idx != rec and w.core(idx) in ("Organisation", "Person", "Initiative", "Route", "Place") and not _modifier_word(w, idx):
            w.relate(rec, "addresses", idx, "recommendation-names", s.span)


_FUNCTION_WORDS = {"and", "or", "to", "in", "with", "is", "are", "was", "were", "has", "have", "should",
                   "will", "of", "for", "on", "at", "by", "as", "that", "which", "but", "must", "can"}


def _modifier_word(w, idx: int) -> bool:
    """"joint EU information campaigns", "at EU level": an acronym used as an adjective."""
    m = w.mentions[idx]
    if not m.text.isupper():
        return False
    nxt = re.match(r"\s+([a-z][a-z-]*)", w.text[m.end : m.end + 30])
    return bool(nxt) and nxt.group(1) not in _FUNCTION_WORDS


# -- people and their organisations -----------------------------------------------------------


def _descriptor(w, s, idx: int) -> tuple[int, int] | None:
    """The character range that describes a person: their brackets, the words after
    "Name," up to the next person or reporting verb, or the words before ", Name,"."""
    m = w.mentions[idx]
    text = w.text
    tail = text[m.end : s.span.end]
    if tail.startswith(" (") or tail.startswith("("):
        open_at = m.end + tail.index("(")
        depth = 0
        for pos in range(open_at, s.span.end):
            ch = text[pos]
            depth += ch == "("
            depth -= ch == ")"
            if depth == 0:
                return open_at + 1, pos
        return open_at + 1, s.span.end
    if tail.startswith(","):
        start = m.end + 1
        end = s.span.end
        for other in s.mentions:
            om = w.mentions[other]
            if om.start > m.end and w.core(other) == "Person":
                end = min(end, om.start)
                break
        length = _appositive_length(text[start:end])
        if length or not _opens_with_role(text[s.span.start : m.start].rstrip()):
            return start, start + length
        # "A spokesperson for X, Name, told ...": nothing after the name describes them; before
    elif re.match(r"\s+(?:from|of|at|with)\s+[A-Z]", tail):
        # "said Graziella Rizza from DG Migration and Home Affairs, European Commission"
        return m.end, m.end + _appositive_length(tail)
    before = text[s.span.start : m.start].rstrip()
    if m.rule == "person:appositive" or re.match(r"As\b", before) or _opens_with_role(before):
        # "Deputy director of the National Crime Agency in the UK, Tom Dowdall, stressed",
        # "As Head of Europol's European Serious and Organised Crime Centre, Jari Liukku said"
        if before.endswith(","):
            return s.span.start, s.span.start + len(before) - 1
    return None


# "A spokesperson for the Hellenic Coast Guard, Nikos Alexiou, told ...": a sentence that opens
# with a job title and its body, then the person's name
_ROLE_OPENING = re.compile(r"\W*(?:(?:a|an|the)\s+)?(?:[\w-]+\s+){0,2}?(?P<role>[\w-]+)\s+(?:of|for|at|with|from)\s",
                           re.IGNORECASE)


def _opens_with_role(before: str) -> bool:
    m = _ROLE_OPENING.match(before)
    return bool(m) and before.endswith(",") and m.group("role").lower() in (lx.ROLE_WORDS | lx.TITLE_BEFORE_NAME)


_DESCRIPTION_OPENER = re.compile(r"\s*(?:(?:of|at|for|from|in)\s+)?(?:(?:the|a|an)\s+)?(?P<word>[\w-]+)")
_LOWER_WORD = re.compile(r"\s(?!(?:of|for|and|the|in|at|on|from|to|de|du|des|van|von|der|a|an)\b)[a-z][a-z-]+\b")


def _appositive_length(text: str) -> int:
    """How much of the text after "Name," describes the person: comma-separated parts that
    open with a capital or a job title ("Director of Europol", "the Head of the ICMPD Brussels
    Mission", "a spokesman for the IOM in Italy", "of the European Commission"), up to the
    first verb ("..., Optimity Advisors presented")."""
    length = 0
    for part in text.split(","):
        opener = _DESCRIPTION_OPENER.match(part)
        if not opener or not (opener.group("word")[0].isupper() or opener.group("word").lower() in lx.ROLE_WORDS):
            break
        for word in _LOWER_WORD.finditer(part):
            if word.group().strip() not in lx.ROLE_WORDS:
                return length + word.start()
        length += len(part) + 1
    return max(0, length - 1)


def _affiliations(w, s) -> None:
    for idx in list(s.mentions):
        m = w.mentions[idx]
        if m.type != "Person":
            continue
        rng = _descriptor(w, s, idx)
        if rng is None:
            _title_affiliation(w, s, idx)
            continue
        a, b = rng
        inside = [x for x in s.mentions if a <= w.mentions[x].start and w.mentions[x].end <= b]
        orgs = [x for x in inside if w.core(x) in ("Organisation", "Initiative")]
        countries = [x for x in inside if w.mentions[x].type == "Country"]
        if not orgs:
            orgs = _ministry_of_minister(w, a, b)
        if not orgs:
            made = _descriptor_name(w, s, a, b)
            if made is not None:
                orgs = [made]
        if not orgs:
            _title_affiliation(w, s, idx)
        if countries:
            for x in orgs:
                om = w.mentions[x]
                if not om.key and not om.qualifier:
                    om.qualifier = w.mentions[countries[-1]].key
        if not orgs:
            continue
        role = _role_text(w.text[a : w.mentions[orgs[0]].start])
        primary = next((x for x in orgs if w.mentions[x].key), orgs[0])
        name = w.person_name(idx)
        if name and name not in w.affiliation:
            w.affiliation[name] = primary
        for x in orgs:
            predicate = "participatesIn" if w.core(x) == "Initiative" else "affiliatedWith"
            w.relate(idx, predicate, x, f"affiliation:{m.rule.split(':')[-1]}", s.span, role=role or None)


_MINISTER = re.compile(r"\bMinister\s+(of|for)\s+((?:the\s+)?[A-Z][\w-]*(?:\s+(?:and|of|for|the|[A-Z][\w-]*))*)")


def _ministry_of_minister(w, a: int, b: int) -> list[int]:
    """"Minister of Security and Justice": the minister heads the Ministry of Security and
    Justice named elsewhere in the document."""
    m = _MINISTER.search(w.text, a, b)
    if not m:
        return []
    wanted = normalise(f"Ministry {m.group(1)} {m.group(2)}")
    for idx, other in enumerate(w.mentions):
        if w.core(idx) == "Organisation" and normalise(other.label or other.text).endswith(wanted):
            return [idx]
    return []


def _descriptor_name(w, s, a: int, b: int) -> int | None:
    """"(Transport and Logistics Netherlands)": a bracket holding only a capitalised name is
    the person's organisation even when no head word says so."""
    raw = w.text[a:b]
    part = raw.split(",")[0].strip()
    words = part.split()
    if not words or len(words) > 8:
        return None
    if words[0].lower() in lx.ROLE_WORDS or words[0].lower() in lx.NOT_NAME_START:
        return None
    if words[-1].lower() in lx.ROLE_WORDS or words[-1].lower() in lx.TITLE_BEFORE_NAME:
        return None  # "(Honorary Lifetime Goodwill Ambassador)": a title, not a body
    if not all(x[0].isupper() or x.lower() in lx.NAME_CONNECTORS for x in words):
        return None
    if len(words) == 1 and not (words[0].isupper() and len(words[0]) > 1):
        return None
    start = a + raw.index(part)
    return w.add_mention(s, start, start + len(part), "Organisation", "affiliation-bracket-name")


def _role_text(text: str) -> str:
    role = re.sub(r"\s+", " ", text).strip(" ,;:(")
    role = re.sub(r"(?:,|\bof the|\bof|\bat the|\bat|\bfor the|\bfor|\bin the|\band)$", "", role).strip(" ,")
    role = re.sub(r"^(?:as|from|at|with)\b\s*", "", role, flags=re.IGNORECASE)
    role = re.sub(r"^(?:a|an|the)\s+", "", role, flags=re.IGNORECASE)
    return role


def _title_affiliation(w, s, idx: int) -> None:
    """"UN Secretary-General António Guterres": an organisation right before a title;
    "Its director general is Amy E. Pope": the article's subject."""
    m = w.mentions[idx]
    before = w.text[max(s.span.start, m.start - 80) : m.start]
    if m.rule != "person:title-name":
        return
    title = re.search(r"([\w-]+(?:\s+[\w-]+)?)\s*$", before)
    if re.search(r"\b(?:its|their|the current|the present)\s+[\w\s-]{2,40}\bis\s*$", before, re.IGNORECASE) and w.ctx.topic is not None:
        role = re.search(r"\b(?:its|their|the current|the present)\s+([\w\s-]{2,40}?)\s+is\s*$", before, re.IGNORECASE)
        w.relate(idx, "affiliatedWith", w.ctx.topic, "affiliation:article-subject", s.span,
                 role=role.group(1) if role else None)
        name = w.person_name(idx)
        if name:
            w.affiliation.setdefault(name, w.ctx.topic)
        return
    # "UN Secretary-General António Guterres": the body right before the title; "Rear Admiral
    # Enrico Credendino of the Italian Navy": the body named right after "of"
    orgs = [x for x in s.mentions if w.core(x) == "Organisation"]
    before = next((x for x in orgs if w.mentions[x].end <= m.start and re.fullmatch(
        r"\s+[\w-]+(?:\s+[\w-]+)?\s+", w.text[w.mentions[x].end : m.start])), None)
    after = next((x for x in orgs if w.mentions[x].start >= m.end and re.fullmatch(
        r"\s+of\s+(?:the\s+)?", w.text[m.end : w.mentions[x].start], re.IGNORECASE)), None)
    other, rule = (before, "affiliation:title") if before is not None else (after, "affiliation:title-of")
    if other is None:
        return
    w.relate(idx, "affiliatedWith", other, rule, s.span, role=title.group(1) if title else None)
    name = w.person_name(idx)
    if name:
        w.affiliation.setdefault(name, other)


# -- sessions -------------------------------------------------------------------------------------


def _current_event(w) -> int | None:
    return w.ctx.session if w.ctx.session is not None else w.ctx.main_event


def _session_roles(w, s) -> None:
    if s.block.kind != "label":
        return
    label = (s.block.marker or "").lower().rstrip(":")
    predicate = "chairs" if label in _CHAIR_LABELS else "panellistAt" if label in _PANEL_LABELS else None
    event = _current_event(w)
    if predicate is None or event is None:
        return
    for idx in s.mentions:
        if w.mentions[idx].type == "Person":
            w.relate(idx, predicate, event, f"session-role:{label}", s.span)


_INTRO = re.compile(r"^[^,()]{0,70},$")


def _speakers(w, s) -> None:
    """A person reported speaking or presenting in a session's section speaks at it, and is
    the paragraph's speaker (the "he" and "we" of the sentences that follow)."""
    if s.block.kind not in ("paragraph", "list_item"):
        return
    event = _current_event(w)
    text = w.text
    for idx in s.mentions:
        m = w.mentions[idx]
        if m.type != "Person":
            continue
        before = text[s.span.start : m.start].strip(" *\"'")
        presented = lx.PRESENTED_BY.search(before + " ") is not None or re.search(r"\bby$", before) is not None
        intro = not before or _INTRO.match(before) is not None
        after = text[m.end : s.span.end]
        after = re.sub(r"^\s*\([^()]*(?:\([^()]*\)[^()]*)*\)", "", after)  # the brackets
        after = re.sub(r"^\s*,[^,]{0,160},", "", after)  # an appositive
        verb = re.match(r"\s*(?:also\s+|then\s+|strongly\s+|previously\s+|especially\s+)?([a-z]+)", after)
        reporting = bool(verb and lx.SPEECH_VERBS.match(verb.group(1)))
        if not presented and re.search(r"\band$", before) and w.ctx.speaker is not None and (
            w.mentions[w.ctx.speaker].sentence == s.index
        ):
            presented = True  # "presented by Mrs. X, ..., and Mr. Y, ..."
        if not (presented or intro and (reporting or m.rule != "person:honorific")):
            continue
        w.ctx.speaker = idx
        if event is not None:
            w.relate(idx, "speaksAt", event, "session-speaker", s.span)


_FOUNDED = re.compile(
    r"^\s*(?:(?P<pronoun>He|She)\b|(?P<name>[A-Z]\S+(?:\s+\S+){0,3}?))\s+(?:also\s+)?"
    r"(?P<verb>co-founded|founded|established|set up|created|heads|headed|leads|led|directs|directed|"
    r"chairs|chaired|works for|worked for|works at|worked at|joined)\b"
)


def _founders(w, s) -> None:
    """"He founded the NGO called 'New Dutch Connections'": the speaker (or the person named)
    is affiliated with the organisation, in the role the verb gives."""
    m = _FOUNDED.match(w.text[s.span.start : s.span.end])
    if not m:
        return
    person = None
    if m.group("pronoun"):
        person = w.ctx.speaker
    else:
        person = next((x for x in s.mentions if w.mentions[x].type == "Person"
                       and w.mentions[x].start - s.span.start < m.end("name") + 1), None)
    if person is None:
        return
    verb = m.group("verb")
    org = next((x for x in s.mentions if w.core(x) == "Organisation" and w.mentions[x].start >= s.span.start + m.end()), None)
    if org is None:
        return
    role = {"founded": "founder", "co-founded": "co-founder", "established": "founder", "set up": "founder",
            "created": "founder", "heads": "head", "headed": "head", "leads": "head", "led": "head",
            "directs": "director", "directed": "director", "chairs": "chair", "chaired": "chair"}.get(verb)
    w.relate(person, "affiliatedWith", org, "affiliation:" + verb.replace(" ", "-"), s.span, role=role)


def _organisers(w, s) -> None:
    body = w.text[s.span.start : s.span.end]
    m = _ORGANISED_BY.search(body)
    if not m:
        return
    cut = s.span.start + m.end()
    named = [x for x in s.mentions if w.mentions[x].start >= cut and w.core(x) in ("Organisation", "Initiative")]
    orgs = [x for x in named if w.core(x) == "Organisation"]
    event = next((x for x in s.mentions if w.core(x) == "Event" and w.mentions[x].start < cut), None)
    if event is None:
        event = w.ctx.main_event
    for x in orgs:
        if event is not None:
            w.relate(x, "organises", event, "organised-by", s.span)
    if m.group(1) or len(named) > 1:
        _all_pairs(w, named, "cooperation:co-organisers", s.span, "actual")


# -- cooperation ------------------------------------------------------------------------------------


def _clauses(w, s) -> list[tuple[int, int]]:
    """Split a sentence into clauses at semicolons and similar breaks."""
    body = w.text[s.span.start : s.span.end]
    cuts = [0] + [m.end() for m in _CLAUSE_BREAK.finditer(body)] + [len(body)]
    return [(s.span.start + a, s.span.start + b) for a, b in zip(cuts, cuts[1:]) if b > a]


def _inherited_modality(w, s) -> str | None:
    if s.block.kind == "list_item":
        return w.ctx.list_modality
    body = w.text[s.span.start : s.span.end]
    if lx.ENUMERATORS.match(body.strip()) and w.ctx.enum_modality:
        return w.ctx.enum_modality
    return None


# A sentence opened by a pronoun or a definite description of a body ("It trained ...", "The
# agency works with ..."); not "It is necessary to ..." and the like, where "it" names nothing.
_ANAPHOR = re.compile(
    r"\W*(?:it(?!\s+(?:is|was|has been|had been|would be|will be|seems|seemed|appears|appeared|remains|"
    r"must be|should be)\b)|the (?P<noun>agency|organi[sz]ation|operation|mission|body|force|office|network|"
    r"programme|project|initiative|service|ministry|authority|centre|center|unit|commission|platform))\b",
    re.IGNORECASE)


def _is_a(w, idx: int, noun: str) -> bool:
    """Can "the <noun>" stand for the actor: its names or its class say it is one ("the agency"
    for Frontex, the European Border and Coast Guard Agency; "the operation" for Operation X)."""
    m = w.mentions[idx]
    # a whole word of a name ("Operational" is no operation) or of the class, its words apart
    # ("JointOperation" -> "Joint Operation", "EUAgency" -> "E U Agency")
    names = [m.text, m.label or "", *m.aliases, _CAMEL.sub(" ", m.type)]
    if m.key in w.vocab.entries:
        entry = w.vocab.entries[m.key]
        names += [entry.label, *entry.aliases]
    word = _noun_pattern(noun.lower())
    return any(word.search(name) for name in names)


_CAMEL = re.compile(r"(?<=.)(?=[A-Z])")


@lru_cache(maxsize=None)  # a few nouns
def _noun_pattern(noun: str) -> re.Pattern:
    body = re.sub(r"organi[sz]ation", "organi[sz]ation", re.escape(noun))
    body = re.sub(r"cent(?:re|er)", "cent(?:re|er)", body)
    return re.compile(rf"\b{body}s?\b", re.IGNORECASE)


def _anaphor(w, s):
    """The opening "It" or "The agency" of the sentence, if it opens with one."""
    return _ANAPHOR.match(w.text, s.span.start, s.span.end)


def _opening_subject(w, s) -> None:
    """Remember the actor that opens the sentence ("Operation Sophia, officially ..., was
    launched"), keep the one an anaphor stands for, forget it otherwise."""
    opening = _anaphor(w, s)
    if opening and w.ctx.subject is not None and (
            not opening.group("noun") or _is_a(w, w.ctx.subject, opening.group("noun"))):
        return
    first = s.mentions[0] if s.mentions else None
    starts = first is not None and _CLAUSE_OPENING.match(w.text[s.span.start : w.mentions[first].start])
    w.ctx.subject = w.agent(first) if starts and w.core(first) in ("Organisation", "Initiative") else None


def _last_named(w, s, noun: str) -> int | None:
    """The last body of the paragraph, before this sentence, that "the <noun>" can stand for
    ("Within Joint Operation Themis, Frontex deployed ... The operation also ...")."""
    first = s.mentions[0] if s.mentions else len(w.mentions)
    for idx in range(first - 1, -1, -1):
        m = w.mentions[idx]
        if m.start < s.block.start:
            return None
        if not m.dropped and w.core(idx) in ("Organisation", "Initiative") and _is_a(w, idx, noun):
            return idx
    return None


def _implicit_party(w, s) -> int | None:
    """Who acts when a sentence names no actor before its cue: a list's subject, else the actor
    an opening "It" or "The agency" stands for (the one that opened the paragraph's previous
    sentence; for "The agency", else the paragraph's last agency), else the person speaking in this paragraph (standing for their organisation),
    else what the document is about ("the Agency", "It" in a report or an article about one
    body). "The operation ..." stands only for an operation."""
    if s.block.kind == "list_item" and w.ctx.list_subject is not None:
        return w.ctx.list_subject
    opening = _anaphor(w, s)
    noun = opening.group("noun") if opening else None

    def fits(idx):
        return idx if idx is not None and (noun is None or _is_a(w, idx, noun)) else None

    if opening and fits(w.ctx.subject) is not None:
        return w.ctx.subject
    if noun:
        named = _last_named(w, s, noun)
        if named is not None:
            return named
    if w.ctx.speaker is not None:
        return fits(w.agent(w.ctx.speaker))
    return fits(w.ctx.topic)


def _is_modifier(w, x: int, following: list[int]) -> bool:
    """"the CSDP operation EUNAVFOR Med": CSDP only qualifies the operation named next."""
    m = w.mentions[x]
    nxt = next((y for y in following if w.mentions[y].start > m.end), None)
    if nxt is None:
        return False
    gap = w.text[m.end : w.mentions[nxt].start]
    gap = re.sub(r"\([^()]*\)", "", gap)
    return re.fullmatch(r"\s*(?:operation|mission|operations|agency|force|project|programme)\s*", gap) is not None


_ATTRIBUTIVE = re.compile(
    r"\s*(?:-wide\b|member states?\b|level\b|agencies\b|countries\b|states\b|institutions\b|"
    r"citizens\b|nationals\b|borders?\b|territory\b|law\b|funding\b|funds\b|policy\b|policies\b|"
    r"legislation\b|external\b|internal\b|average\b|area\b)", re.IGNORECASE)


def _attributive(w, x: int) -> bool:
    """"the EU member states", "at EU level": the name only describes something else."""
    return _ATTRIBUTIVE.match(w.text, w.mentions[x].end) is not None and w.mentions[x].text.isupper()


def _cooperation(w, s) -> None:
    body_all = w.text[s.span.start : s.span.end]
    if s.first_in_block:
        w.ctx.enum_modality = None
    if introduces_proposals(body_all) and not lx.ENUMERATORS.match(body_all.strip()):
        w.ctx.enum_modality = PROPOSED
    inherited = _inherited_modality(w, s)
    for c_start, c_end in _clauses(w, s):
        clause = w.text[c_start:c_end]
        cue = lx.COOPERATION_CUE.search(clause)
        if not cue:
            continue
        if re.match(r"co-?organi", cue.group(), re.I):
            continue  # handled with the organisers
        cue_start, cue_end = c_start + cue.start(), c_start + cue.end()
        in_clause = [x for x in s.mentions if c_start <= w.mentions[x].start < c_end and not _is_gloss(w, x)]
        actors = [x for x in in_clause if w.core(x) in ("Organisation", "Initiative", "Person")]
        after = [x for x in actors if w.mentions[x].start >= cue_end and w.core(x) != "Person"]
        after = [x for x in after if not _is_modifier(w, x, after) and not _attributive(w, x)]
        if not _BETWEEN.search(w.text[cue_start:c_end]):
            after = _partner_list(w, cue_start, after, in_clause)
        before = [x for x in actors if w.mentions[x].end <= cue_start]
        framing = _FRAMING.match(clause)
        if framing and c_start + framing.end() <= cue_start:
            # "Under the Khartoum Process, the AU and the EU agreed ...": the framework is no party
            before = [x for x in before if w.mentions[x].start >= c_start + framing.end()]
        modality = clause_modality(clause, inherited)
        rule = "cooperation:" + re.sub(r"\W+", "-", cue.group().lower()).strip("-")[:30]
        between = _BETWEEN.search(w.text[cue_start:c_end])
        if _TOGETHER_START.match(clause):
            comma = clause.find(",")
            partners = [x for x in after if w.mentions[x].start < c_start + comma] if comma > 0 else []
            subject = next((x for x in after if w.mentions[x].start > c_start + comma), None) if comma > 0 else None
            _all_pairs(w, ([subject] if subject is not None else []) + partners, rule, s.span, modality)
            continue
        if between and after:
            # the names listed after "between", not every name later in the clause ("between the
            # EU and Turkey under the EU-Turkey Statement": not the Statement)
            group = _listed(w, cue_start + between.end(), in_clause, after)
            _all_pairs(w, group, rule, s.span, modality)
            continue
        if after:
            subject = None
            if before and _VERB_CUE.match(cue.group()) and _VERB_AFTER_AND.search(
                    w.text[w.mentions[before[-1]].end : cue_start]):
                # "The operation worked alongside X and cooperated with Y": not X; the clause's
                # subject when it is named ("Frontex trained X and cooperated with Y")
                opening = _CLAUSE_OPENING.match(w.text[c_start : w.mentions[before[0]].start])
                before = [before[0]] if opening and before[0] != before[-1] else []
            if before:
                # the actor nearest the cue: "On the instructions of the UN ..., IOM, together with UNHCR"
                subject = next((a for a in (w.agent(x) for x in reversed(before)) if a is not None), None)
            subjects = _coordinated_subjects(w, before, subject) if subject is not None else []
            if subject is None:
                subject = _implicit_party(w, s)
                subjects = [subject] if subject is not None else []
            if _JOINT_WORK.search(cue.group()):
                # a joint project or course: every partner works with every other
                _all_pairs(w, subjects + after, rule, s.span, modality)
            else:
                for a in subjects:
                    for p in after:
                        _pair(w, a, p, rule, s.span, modality)
            continue
        # "IOM, UNHCR and UNICEF need to cooperate": everyone named before a verb of working
        # together (a noun such as "information exchange" says nothing about who with whom)
        group = [x for x in before if w.core(x) != "Person"]
        if _WITH_UNNAMED.match(w.text, cue_end) or group and _PRONOUN_SUBJECT.search(
                w.text, w.mentions[group[-1]].end, cue_start):
            # "..., it cooperates with many other programs": its partners are not named here
            continue
        if len(group) >= 2 and (_VERB_CUE.match(cue.group()) or _coordinated(w, group)):
            _all_pairs(w, group, rule, s.span, modality)


# where a list of partners starts: "with ...", "alongside ...", "supported by ..."
# a cooperation verb whose partners follow it, unnamed ("cooperates with many other programs"),
# or whose subject is a pronoun after the names ("As X is governed by Y and Z, it cooperates")
_WITH_UNNAMED = re.compile(r"\s+(?:\w+ly\s+)?with\b", re.IGNORECASE)
_PRONOUN_SUBJECT = re.compile(r",\s*(?:it|they|he|she|we)\b", re.IGNORECASE)
_WITH = re.compile(r"\b(?:with|alongside)\b|\bsupport(?:ed)? (?:by|from)\b", re.IGNORECASE)
# What may stand between "with" and a partner, and between partners of one list.
_LIST_GAP = re.compile(
    r"(?:\s|,|;|\band\b|\bor\b|\bas well as\b|\bthe\b|\bits\b|\btheir\b|\bsuch as\b|\bincluding\b|"
    r"\bnamely\b|\bboth\b|\bother\b|\bpartners?\b|\bagencies\b|\borgani[sz]ations?\b|\bauthorities\b|"
    r"\bMember States\b|\bthird countries\b|\boperation\b|\bmission\b|\bEU\b|\bUN\b|\([^()]*\)|"
    r"(?<=\w)['\u2019]s?(?=\s))*",  # a country's possessive: "with Austria's Ministry of ..."
    re.IGNORECASE,
)


# "with national asylum services and with UNHCR": a second "with" goes on with the list
_WITH_AGAIN = re.compile(r"[\w -]{0,60}?(?:,|\band|\bas well as)\s+(?:also\s+)?with\s+(?:the\s+)?", re.IGNORECASE)


def _partner_list(w, cue_start: int, after: list[int], in_clause: list[int]) -> list[int]:
    """The partners of a cooperation are the names listed right after its "with" ("in close
    cooperation with EU Member States, Europol and Interpol"), not every name later in the
    clause ("cooperation on returns, Frontex has been active beyond the European Union")."""
    start = _WITH.search(w.text, cue_start, w.mentions[after[0]].start if after else cue_start)
    if not after or start is None:
        return []
    return _listed(w, start.end(), in_clause, after)


def _list_gap(w, start: int, end: int) -> bool:
    """May the text between two names of a list stand there: commas, "and", articles, a country's
    adjective before a name the vocabulary knows without it ("with the Spanish Guardia Civil")?"""
    if _LIST_GAP.fullmatch(w.text, start, end) or _WITH_AGAIN.fullmatch(w.text, start, end):
        return True
    words = w.text[start:end].split()
    if not words or not w.vocab.place_of(words[-1].strip(",")):
        return False
    cut = w.text.rindex(words[-1], start, end)
    return cut == start or _LIST_GAP.fullmatch(w.text, start, cut) is not None


def _listed(w, pos: int, in_clause: list[int], wanted: list[int]) -> list[int]:
    """The ``wanted`` mentions of the list that starts at ``pos``: names joined by commas, "and",
    articles and the like (places among them are read past), up to the first other word."""
    out = []
    for x in sorted(in_clause, key=lambda i: w.mentions[i].start):
        m = w.mentions[x]
        if m.start < pos:
            continue
        if not _list_gap(w, pos, m.start):
            break
        if x in wanted:
            out.append(x)
        pos = m.end
    return out


def _coordinated_subjects(w, before: list[int], subject: int) -> list[int]:
    """The subject with the bodies coordinated with it just before ("the Italian Guardia di
    Finanza and the Maltese Armed Forces worked closely with Frontex": both did), in text order."""
    if subject not in before or w.core(subject) == "Person":
        return [subject]
    group = [subject]
    k = before.index(subject)
    # a list ends with "and" before its last name: "A, B and C lead"; "According to A, C leads"
    # and "Together with A and B, C leads" name no list of subjects
    if k == 0 or not _AND_JOINED.fullmatch(w.text, w.mentions[before[k - 1]].end, w.mentions[subject].start):
        return group
    while k > 0 and w.core(before[k - 1]) == w.core(subject) and _coordinated(w, [before[k - 1], group[0]]):
        k -= 1
        group.insert(0, before[k])
    return group


# between two names of a list: each may carry its other name in brackets ("... (Bundespolizei)")
_GLOSS = r"(?:\s*\([^()]{1,80}\))?"
_AND_JOINED = re.compile(_GLOSS + r"\s*,?\s+(?:and|&)\s+(?:the\s+)?")


def _coordinated(w, group: list[int]) -> bool:
    """"Europol and Frontex signed a cooperation agreement": names joined by "and" or commas
    act together (a name's own-language name or acronym in brackets may follow it)."""
    return all(_JOINED.fullmatch(w.text, w.mentions[a].end, w.mentions[b].start) for a, b in zip(group, group[1:]))


_JOINED = re.compile(_GLOSS + r"\s*(?:,|,?\s+and|,?\s+&)\s+(?:the\s+)?")


def _is_gloss(w, x: int) -> bool:
    """Is mention ``x`` the bracketed other name of the mention before it ("the German Federal
    Police (Bundespolizei)": one body, named twice)?"""
    m = w.mentions[x]
    if m.start < 2 or w.text[m.start - 1] != "(" or w.text[m.end : m.end + 1] != ")" or x == 0:
        return False
    prev = w.mentions[x - 1]
    return prev.end == m.start - 2 and (prev.key or prev.label or prev.text) == (m.key or m.label or m.text)


def _pair(w, a: int | None, b: int | None, rule: str, span: Span, modality: str) -> None:
    if a is None or b is None:
        return
    w.relate(a, "cooperatesWith", b, rule, span, modality=modality)


def _all_pairs(w, group: list[int], rule: str, span: Span, modality: str) -> None:
    for i, a in enumerate(group):
        for b in group[i + 1 :]:
            _pair(w, a, b, rule, span, modality)


# -- participation in initiatives -----------------------------------------------------------------


# after an initiative, who takes part in it: "the JIT ..., with the participation of Eurojust and
# Europol", "Operation Themis, hosted by Italy's Guardia di Finanza"
_PARTICIPANTS_AFTER = re.compile(
    r"[^.;:]{0,90}?\b(?:with the (?:participation|involvement|support|help|assistance) of|(?:led|run|coordinated|"
    r"hosted|organi[sz]ed|launched|implemented|managed|funded|financed|supported|co-?chaired|chaired) by)\s+",
    re.IGNORECASE)


def _participants_after(w, s) -> None:
    """The bodies listed after "with the participation of" (or "led by", "hosted by" ...) that
    follows an initiative take part in it, when no other name stands between."""
    for x in s.mentions:
        if w.core(x) != "Initiative":
            continue
        mx = w.mentions[x]
        cue = _PARTICIPANTS_AFTER.match(w.text, mx.end, s.span.end)
        if not cue:
            continue
        between = [y for y in s.mentions if mx.end <= w.mentions[y].start < cue.end() and not _is_gloss(w, y)
                   and w.core(y) in ("Organisation", "Initiative")]
        if between:
            continue
        bodies = [y for y in s.mentions if w.core(y) == "Organisation"]
        for y in _listed(w, cue.end(), s.mentions, bodies):
            w.relate(y, "participatesIn", x, "participation-by", s.span)


def _participation(w, s) -> None:
    """An actor runs, leads, supports or takes part in an initiative: the actor nearest before
    the initiative, with a participation cue between them ("Frontex is the Co-Driver of the
    EMPACT", "Europol's project ...: JOT Mare", "Eurojust participates in the Hotspot
    approach"), or the implicit party when the clause names no actor before it."""
    body = w.text[s.span.start : s.span.end]
    if not lx.PARTICIPATION_CUE.search(body):
        return
    role_m = lx.PARTICIPATION_ROLE.search(body)
    for x in s.mentions:
        if w.core(x) != "Initiative":
            continue
        mx = w.mentions[x]
        actors = [a for a in s.mentions if w.mentions[a].end <= mx.start and w.core(a) in ("Organisation", "Person")
                  and not _attributive(w, a)]
        subject, found, subjects = None, False, []
        for a in reversed(actors):  # the nearest actor with a cue between it and the initiative
            gap = w.text[w.mentions[a].end : mx.start]
            if len(gap.split()) > 15:
                break
            if lx.PARTICIPATION_CUE.search(gap):
                subject, found = w.agent(a), True
                # "UNHCR and IOM jointly lead the Plan": both do
                subjects = _coordinated_subjects(w, actors, a) if subject == a else [subject]
                break
        if not found:
            gap = w.text[s.span.start : mx.start]
            if actors or len(gap.split()) > 15 or not lx.PARTICIPATION_CUE.search(gap):
                continue
            subject = _implicit_party(w, s)
            subjects = [subject]
        for subject in subjects:
            if subject is None or w.core(subject) != "Organisation":
                continue
            w.relate(subject, "participatesIn", x, "participation", s.span, role=role_m.group(1) if role_m else None)


# -- structure ---------------------------------------------------------------------------------------

_UNIT_HEADS = {"unit", "division", "section", "directorate", "department", "office", "service", "centre", "center", "bureau"}


def _possessives(w, s) -> None:
    """"the EU's Frontex border agency": a body named in the possessive owns the body named
    next (part of it) or the initiative named next (it runs it)."""
    ms = s.mentions
    for a, b in zip(ms, ms[1:]):
        ma, mb = w.mentions[a], w.mentions[b]
        if not re.fullmatch(r"['\u2019]s\s+", w.text[ma.end : mb.start]):
            continue
        if w.core(a) == "Organisation" and w.core(b) == "Organisation":
            w.relate(b, "partOf", a, "possessive", s.span)
        elif w.core(a) == "Organisation" and w.core(b) == "Initiative":
            w.relate(a, "participatesIn", b, "possessive", s.span)


_PART_OF = re.compile(r"\s*,\s*(?:(?:now|itself)\s+)?(?:(?:a|an)\s+)?(?:part|unit|division|department|branch|section|"
                      r"subsidiary|directorate|agency|service)\s+of\s+(?:the\s+)?", re.IGNORECASE)


def _units(w, s) -> None:
    """"Ministry of the Interior, General Directorate ..., Money Laundering Unit": each unit is
    part of the organisation named before it; "X, part of Y" (or "a unit of", "a division of"...)
    is part of Y."""
    ms = s.mentions
    for a, b in zip(ms, ms[1:]):
        ma, mb = w.mentions[a], w.mentions[b]
        if w.core(a) != "Organisation" or w.core(b) != "Organisation":
            continue
        if _PART_OF.fullmatch(w.text, ma.end, mb.start):
            # "The Mixed Migration Centre, part of the Danish Refugee Council, ..."
            w.relate(a, "partOf", b, "part-of", s.span)
            continue
        if mb.key:
            continue
        if w.text[ma.end : mb.start].strip() != ",":
            continue
        head = (mb.label or mb.text).split()[-1].lower()
        if head in _UNIT_HEADS or (mb.label or mb.text).split()[0].lower() in _UNIT_HEADS:
            w.relate(b, "partOf", a, "unit-of-organisation", s.span)


_BASED_IN = re.compile(r"\b(?:headquartered|based|located|seated|situated|has its (?:seat|headquarters)) in\s+(?:the\s+)?$",
                       re.IGNORECASE)


def _located(w, s) -> None:
    """"... Office in Gothenburg", "It is headquartered in Geneva", "the conference ...
    Amsterdam"."""
    ms = s.mentions
    for b in ms:
        if w.core(b) != "Place":
            continue
        before = w.text[s.span.start : w.mentions[b].start]
        if not _BASED_IN.search(before):
            continue
        owner = next((x for x in ms if w.mentions[x].start < w.mentions[b].start
                      and w.core(x) in ("Organisation", "Initiative", "Event")), None)
        if owner is None and re.match(r"\s*(?:It|The (?:organi[sz]ation|agency|office))\b", before, re.IGNORECASE):
            owner = w.ctx.topic
        if owner is not None:
            w.relate(owner, "locatedIn", b, "located-in:based", s.span)
        break
    for a, b in zip(ms, ms[1:]):
        ma, mb = w.mentions[a], w.mentions[b]
        if w.core(b) != "Place" or w.core(a) not in ("Organisation", "Event", "Initiative"):
            continue
        if re.fullmatch(r"\s+in\s+(?:the\s+)?", w.text[ma.end : mb.start], re.IGNORECASE):
            w.relate(a, "locatedIn", b, "located-in", s.span)
            if w.core(a) == "Organisation" and mb.type == "City" and not ma.key:
                # "International Public Prosecution Office in Gothenburg" is how the text names it
                ma.aliases = (*ma.aliases, w.text[ma.start : mb.end])
    # the place line under a conference title: "12 -13 January 2016, Amsterdam, The Netherlands"
    if s.block.kind == "heading" and w.ctx.main_event is not None and w.ctx.session is None:
        cities = [x for x in ms if w.mentions[x].type == "City"]
        if cities and not any(r.predicate == "locatedIn" and r.subject == w.ctx.main_event for r in w.relations):
            w.relate(w.ctx.main_event, "locatedIn", cities[0], "event-place-line", s.span)
