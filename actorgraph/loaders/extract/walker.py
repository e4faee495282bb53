"""Walk a document block by block, sentence by sentence, keeping the context that relations
need: the event whose section we are in, who is speaking, what a list is about and whether
it lists proposals."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from actorgraph.loaders.document import Block, Document, Span
from actorgraph.loaders.extract import lexicon as lx
from actorgraph.loaders.extract import names, relations
from actorgraph.loaders.extract.model import Extraction, Mention, Relation
from actorgraph.loaders.extract.modality import PROPOSED, introduces_proposals
from actorgraph.loaders.extract.tokens import Token, normalise, normalise_cached, tokenize
from actorgraph.loaders.extract.vocabulary import Vocabulary

ACTOR_CORE = {"Organisation", "Initiative", "Person"}
_KINDS: dict[str, str] = {}  # class name -> its core kind (computed once per class)
_SESSION_REF = lx.Cue(r"\b(panel|workshop|session)\s+([ivx]+\b|\d+\b)")


@dataclass
class Sentence:
    """One sentence being read: its tokens and the indexes of its mentions."""

    index: int
    span: Span
    block: Block
    tokens: list[Token]
    found: list[names.Found]
    mentions: list[int] = field(default_factory=list)  # global mention indexes, in order
    first_in_block: bool = False
    recommendation: int | None = None  # the Recommendation this list item states


@dataclass
class Context:
    main_event: int | None = None
    session: int | None = None
    speaker: int | None = None  # mention index of the person speaking in this paragraph
    list_subject: int | None = None  # actor a list's items are about
    list_modality: str | None = None
    list_kind: str | None = None  # "conclusion", "next step"... when a list holds recommendations
    list_rank: int = 0
    recommendation: int | None = None  # the recommendation whose list item is being read
    enum_modality: str | None = None
    topic: int | None = None  # the body a report or an article is about
    subject: int | None = None  # the actor that opened this paragraph's last sentence ("It ...")
    seen_paragraphs: int = 0


class DocumentWalker:
    def __init__(self, document: Document, vocabulary: Vocabulary):
        self.doc = document
        self.text = document.text
        self.vocab = vocabulary
        self.mentions: list[Mention] = []
        self.relations: list[Relation] = []
        self.ctx = Context()
        self.person_by_name: dict[str, int] = {}  # normalised full name -> first mention
        self.surnames: dict[str, set[str]] = {}  # surname -> full names
        self.affiliation: dict[str, int] = {}  # person full name -> primary organisation mention
        self._seen_relations: set[tuple] = set()
        self._related_at: dict[int, set[int]] = {}  # evidence start -> mentions related there
        self.acronyms: dict[str, str] = {}  # acronyms the document defined -> class
        self.title_words: str | None = None  # the title's normalised words, " a b c " (relations)

    # -- main loop ---------------------------------------------------------------------------

    def run(self) -> Extraction:
        sentences = self.doc.sentences
        starts = [s.start for s in sentences]
        for block in self.doc.blocks:
            lo = bisect.bisect_left(starts, block.start)
            hi = bisect.bisect_left(starts, block.end)
            self._enter_block(block)
            for k in range(lo, hi):
                self._sentence(k, sentences[k], block, first=(k == lo))
            self._leave_block(block)
        return Extraction(self.mentions, self.relations)

    def _enter_block(self, block: Block) -> None:
        if block.kind == "paragraph":
            self.ctx.speaker = None
            self.ctx.enum_modality = None
        self.ctx.subject = None
        if block.kind == "heading":
            self.ctx.list_subject = None
            self.ctx.list_modality = None
            heading = self.text[block.start : block.end]
            self.ctx.list_kind = _recommendation_kind(heading) if len(heading) < 60 else None
            self.ctx.list_rank = 0

    def _leave_block(self, block: Block) -> None:
        if block.kind == "paragraph":
            body = self.text[block.start : block.end].rstrip()
            if body.endswith(":"):
                # the paragraph introduces a list: its items are about its first actor
                self.ctx.list_subject = self._first_actor_in(block)
                self.ctx.list_modality = PROPOSED if introduces_proposals(body[-300:]) else None
                last = re.split(r"(?<=[.!?])\s+", body)[-1]
                self.ctx.list_kind = _recommendation_kind(last)
            else:
                self.ctx.list_subject = None
                self.ctx.list_modality = None
                self.ctx.list_kind = None
            self.ctx.list_rank = 0

    def _first_actor_in(self, block: Block) -> int | None:
        # the block's mentions are the last ones added: walk back to its start, not the document's
        first = len(self.mentions)
        while first > 0 and self.mentions[first - 1].start >= block.start:
            first -= 1
        for idx in range(first, len(self.mentions)):
            m = self.mentions[idx]
            if block.start <= m.start < block.end and self.core(idx) in ("Organisation", "Initiative"):
                return idx
            if block.start <= m.start < block.end and self.core(idx) == "Person":
                aff = self.affiliation_of(idx)
                if aff is not None:
                    return aff
        return None

    # -- one sentence --------------------------------------------------------------------------

    def _sentence(self, index: int, span: Span, block: Block, first: bool) -> None:
        tokens = tokenize(self.text, span.start, span.end)
        if not tokens:
            return
        known = names.vocabulary_matches(tokens, self.vocab)
        candidates = known + names.acronym_definitions(self.text, tokens)
        candidates += names.capitalised_chunks(self.text, tokens, self.vocab, known)
        candidates += names.introduced_names(self.text, tokens, self.vocab)
        candidates += self._defined_acronyms(tokens)
        merged = names.merge(candidates)
        covered = {x for f in merged for x in range(f.i, f.j)}
        merged = names.merge(merged + names.people(self.text, tokens, covered, self.vocab))
        sent = Sentence(index, span, block, tokens, merged, first_in_block=first)

        if block.kind == "heading":
            self._heading(sent)
        if block.kind == "list_item" and first and self.ctx.list_kind:
            self._recommendation(sent)
        for f in merged:
            sent.mentions.append(self._add_mention(sent, f))
        self._session_references(sent)
        sent.mentions.sort(key=lambda x: self.mentions[x].start)
        self._qualify(sent)
        self._glosses(sent)
        relations.apply_all(self, sent)
        self._drop_generic(sent)

    def _defined_acronyms(self, tokens: list[Token]) -> list[names.Found]:
        """An acronym the document defined ("... Office (NHCO)") names the same body wherever
        it is used again on its own."""
        acronyms = self.acronyms
        if not acronyms:
            return []
        return [names.Found(k, k + 1, acronyms[t.text], "defined-acronym", priority=2)
                for k, t in enumerate(tokens) if t.text in acronyms]

    def _add_mention(self, sent: Sentence, f: names.Found) -> int:
        t = sent.tokens
        m = Mention(
            start=t[f.i].start,
            end=t[f.j - 1].end,
            text=self.text[t[f.i].start : t[f.j - 1].end],
            type=f.type,
            rule=f.rule,
            sentence=sent.index,
            key=f.key,
            label=f.label,
            aliases=f.aliases,
            qualifier=f.qualifier,
        )
        self.mentions.append(m)
        idx = len(self.mentions) - 1
        if f.type == "Person":
            self._register_person(idx)
        if f.rule == "acronym-definition":
            for alias in f.aliases:
                if " " not in alias and alias.isupper() or alias[:2].isupper() and " " not in alias:
                    self.acronyms.setdefault(alias, f.type)
        return idx

    def add_mention(self, sent: Sentence, start: int, end: int, typ: str, rule: str, label: str | None = None,
                    aliases: tuple[str, ...] = ()) -> int:
        self.mentions.append(Mention(start, end, self.text[start:end], typ, rule, sent.index, label=label, aliases=aliases))
        idx = len(self.mentions) - 1
        sent.mentions.append(idx)
        return idx

    def _recommendation(self, sent: Sentence) -> None:
        """Each item of a list of conclusions, recommendations or next steps is an entity:
        its text, its rank, the session it came from; the relation rules add what it
        addresses."""
        self.ctx.list_rank += 1
        block = sent.block
        body = self.text[block.start : block.end].strip()
        short = re.split(r"(?<=[;:])\s|(?<=\.)\s", body)[0].rstrip(";:.")
        label = short if len(short) <= 90 else short[:87].rsplit(" ", 1)[0] + "..."
        idx = self.add_mention(sent, block.start, block.end, "Recommendation", "recommendation-list-item", label=label)
        self.mentions[idx].kind = self.ctx.list_kind
        self.mentions[idx].rank = self.ctx.list_rank
        sent.recommendation = idx

    def _heading(self, sent: Sentence) -> None:
        """A heading that names a session ("Panel II: ...", "Workshop 3: ...") opens it;
        the first conference named in a heading is the document's main event."""
        block_text = self.text[sent.span.start : sent.span.end].strip()
        if lx.SESSION_HEADING.match(block_text):
            short = lx.SESSION_SHORT.match(block_text)
            label = _session_label(short.group(1)) if short else block_text.rstrip(":")
            aliases = (block_text,) if short and block_text != label else ()
            idx = self.add_mention(sent, sent.span.start, sent.span.start + len(block_text), "Session",
                                   "session-heading", label=label, aliases=aliases)
            sent.found = [f for f in sent.found if f.type not in ("Session",)]
            self.ctx.session = idx
            self.ctx.speaker = None
            if self.ctx.main_event is not None:
                self.relate(idx, "partOf", self.ctx.main_event, "session-in-event", sent.span)
        elif self.ctx.main_event is not None and sent.block.level <= 2 and not self._is_sub_heading(block_text):
            # a new top-level section that is not a session ends the current session
            self.ctx.session = None

    def _is_sub_heading(self, text: str) -> bool:
        return bool(re.match(r"^(?:the\s+)?(?:\w+\s+)?(?:main\s+)?conclusions|^the (?:four|five|six|seven)", text, re.I))

    def _session_references(self, sent: Sentence) -> None:
        """"Panel I focused on ...", "the conclusions of workshop 1": a session by its short name."""
        if self.ctx.session is None and not any(self.mentions[x].type == "Session" for x in sent.mentions):
            if self.ctx.main_event is None:
                return
        body = self.text[sent.span.start : sent.span.end]
        for m in _SESSION_REF.finditer(body):
            start, end = sent.span.start + m.start(), sent.span.start + m.end()
            if any(self.mentions[x].start <= start < self.mentions[x].end for x in sent.mentions):
                continue
            self.add_mention(sent, start, end, "Session", "session-reference", label=_session_label(m.group()))

    def _drop_generic(self, sent: Sentence) -> None:
        """A name that only says what kind of body it is ("Federal Police") names nothing
        unless a country qualifies it or a relation in its sentence pins it down."""
        used = self._related_at.get(sent.span.start, set())
        for idx in sent.mentions:
            m = self.mentions[idx]
            if m.rule == "head-word-generic" and not m.qualifier and idx not in used:
                m.dropped = True

    def _qualify(self, sent: Sentence) -> None:
        """A country right after a generic organisation name qualifies it: "Federal Police,
        Germany", "Ministry of Security and Justice in the Netherlands"."""
        ms = sent.mentions
        for a, b in zip(ms, ms[1:]):
            ma, mb = self.mentions[a], self.mentions[b]
            if ma.key or ma.qualifier or self.core(a) != "Organisation" or mb.type != "Country":
                continue
            gap = self.text[ma.end : mb.start]
            if re.fullmatch(r",\s*(?:the\s+)?|\s+in\s+(?:the\s+)?", gap, re.IGNORECASE):
                ma.qualifier = mb.key

    def _glosses(self, sent: Sentence) -> None:
        """A one-word name in brackets right after a name of the same kind is that body's name
        in its own language, not another body: "the Austrian Federal Criminal Police Office
        (Bundeskriminalamt)" is one office, whatever else the bracketed word may name alone
        (the vocabulary's Bundeskriminalamt is Germany's). Acronyms are left to the acronym
        rules; several words in brackets may name a part or a partner."""
        ms = sent.mentions
        for a, b in zip(ms, ms[1:]):
            ma, mb = self.mentions[a], self.mentions[b]
            if self.text[ma.end : mb.start] != " (" or self.text[mb.end : mb.end + 1] != ")":
                continue
            if self._abbreviates(ma, mb):
                # "the EU Capacity Building Mission (EUCAP Sahel Niger)": the words before the
                # brackets begin one of the known name's own names ("EU Capacity Building
                # Mission in Niger"): one mission, named twice
                ma.key, ma.label, ma.qualifier, ma.type = mb.key, mb.label, mb.qualifier, mb.type
                continue
            if (" " in mb.text or mb.text.isupper() or self.core(a) != self.core(b)
                    or self.core(a) not in ("Organisation", "Initiative")):
                continue
            mb.key, mb.label, mb.qualifier, mb.type = ma.key, ma.label or ma.text, ma.qualifier, ma.type
            mb.aliases = ()
            ma.aliases = (*ma.aliases, mb.text)

    def _abbreviates(self, ma: Mention, mb: Mention) -> bool:
        """Is ``ma``, a name found by a rule, the beginning of a name of the known ``mb``?"""
        entry = self.vocab.entries.get(mb.key) if mb.key else None
        if ma.key or entry is None or self.core_of_type(ma.type) not in ("Organisation", "Initiative"):
            return False
        words = normalise(ma.label or ma.text)
        return len(words.split()) >= 2 and any(
            normalise(name).startswith(words) for name in (entry.label, *entry.aliases))

    # -- shared helpers for the relation rules -----------------------------------------------

    def core(self, idx: int) -> str:
        kind = _KINDS.get(self.mentions[idx].type)  # (read here: called for every mention, often)
        return kind if kind is not None else self.core_of_type(self.mentions[idx].type)

    @staticmethod
    def core_of_type(typ: str) -> str:
        kind = _KINDS.get(typ)
        if kind is None:
            from actorgraph.graph.kinds import entity_kind

            kind = _KINDS[typ] = entity_kind(typ)
        return kind

    def _register_person(self, idx: int) -> None:
        m = self.mentions[idx]
        full = normalise(m.label or m.text)
        parts = full.split()
        if m.rule == "person:honorific" and len(parts) == 1 or m.rule == "person:honorific" and parts and parts[0] in lx.NAME_PARTICLES:
            return  # a surname reference: resolved against full names, not registered as one
        self.person_by_name.setdefault(full, idx)
        if parts:
            self.surnames.setdefault(_surname(parts), set()).add(full)

    def person_name(self, idx: int) -> str | None:
        """The full name a person mention refers to ("Mr. Balog" -> "gabor balog") when the
        document has exactly one person of that surname."""
        m = self.mentions[idx]
        full = normalise(m.label or m.text)
        if full in self.person_by_name:
            return full
        parts = full.split()
        fulls = self.surnames.get(_surname(parts)) if parts else None
        if fulls and len(fulls) == 1:
            return next(iter(fulls))
        return full

    def affiliation_of(self, person_idx: int) -> int | None:
        name = self.person_name(person_idx)
        return self.affiliation.get(name) if name else None

    def agent(self, idx: int) -> int | None:
        """The actor behind a mention: a person stands for the organisation they speak for."""
        core = self.core(idx)
        if core == "Person":
            return self.affiliation_of(idx)
        return idx if core in ("Organisation", "Initiative") else None

    def relate(self, s: int, predicate: str, o: int, rule: str, evidence: Span,
               modality: str | None = None, role: str | None = None) -> None:
        if s == o or s is None or o is None:
            return
        if normalise_cached(self.mentions[s].label or self.mentions[s].text) == normalise_cached(
            self.mentions[o].label or self.mentions[o].text
        ):
            return
        key = (s, predicate, o, evidence.start)
        if key in self._seen_relations:
            return
        self._seen_relations.add(key)
        self.relations.append(Relation(s, predicate, o, rule, evidence.start, evidence.end, modality, role))
        self._related_at.setdefault(evidence.start, set()).update((s, o))


def _recommendation_kind(text: str) -> str | None:
    m = lx.RECOMMENDATION_INTRO.search(text)
    if not m:
        return None
    word = m.group("kind").lower()
    for kind in ("conclusion", "recommendation", "priorit", "proposal", "lesson", "way forward"):
        if word.startswith(kind):
            return {"priorit": "priority", "lesson": "lesson learnt"}.get(kind, kind)
    return "next step"


def _surname(parts: list[str]) -> str:
    return parts[-1]


def _session_label(text: str) -> str:
    word, _, number = text.strip().partition(" ")
    number = number.strip()
    return f"{word.capitalize()} {number.upper() if not number.isdigit() else number}"
