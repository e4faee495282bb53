"""Entity resolution: which mentions are the same real-world entity.

One node per entity: a vocabulary entry's every alias, an acronym and its expansion, a spelling
variant ("EUNAVFORMED Sophia"), a possessive, "Mrs. Barberini" for Roberta Barberini, "the
Dutch Marechaussee" for the Royal Netherlands Marechaussee. Namesakes stay apart: a generic
name ("Federal Police") is told apart by its country, and a surname resolves only when the
document has a single person of that name."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Callable

from actorgraph.loaders.extract import lexicon as lx
from actorgraph.loaders.extract.model import Extraction, Mention
from actorgraph.loaders.extract.tokens import normalise, slug
from actorgraph.loaders.extract.vocabulary import Vocabulary
import hashlib

from actorgraph.graph.kinds import entity_kind as core_class
from actorgraph.ontology import ID_BASE

# Words a name may be made of and still say nothing about which body it is.
GENERIC_WORDS = set(lx.ORGANISATION_HEADS) | lx.GENERIC_NAME_WORDS


@dataclass
class Entity:
    iri: str
    label: str
    type: str
    core: str
    aliases: set[str] = field(default_factory=set)
    hidden: set[str] = field(default_factory=set)  # names known from the vocabulary, for search
    wikidata: str | None = None
    mentions: list[int] = field(default_factory=list)
    vocabulary_id: str | None = None
    text: str | None = None  # a Recommendation's full text
    kind: str | None = None  # a Recommendation's kind
    rank: int | None = None


@dataclass
class ResolvedRelation:
    subject: str
    predicate: str
    object: str
    rule: str
    start: int
    end: int
    modality: str | None = None
    role: str | None = None


@dataclass
class Resolution:
    entities: dict[str, Entity]
    mention_entity: dict[int, str]
    relations: list[ResolvedRelation]


# (core class, normalised names) -> the IRI of an entity the store already has, or
# (IRI, its label), or None
Lookup = Callable[[str, list[str]], "str | tuple[str, str] | None"]


class _UnionFind:
    def __init__(self, n: int):
        self.parent = list(range(n))

    def find(self, x: int) -> int:
        while self.parent[x] != x:
            self.parent[x] = self.parent[self.parent[x]]
            x = self.parent[x]
        return x

    def union(self, a: int, b: int) -> None:
        ra, rb = self.find(a), self.find(b)
        if ra != rb:
            self.parent[max(ra, rb)] = min(ra, rb)


def _stems(name: str) -> tuple[str, ...]:
    return tuple(w[:4] for w in normalise(name).split() if w not in ("of", "for", "and", "the", "on", "against"))


_OWNER_PREFIX = re.compile(r"^(?:un|eu|united nations|european union) ")


def _lookup_forms(names: list[str]) -> list[str]:
    """The forms a name is looked up in the vocabulary by: as written, and without the owner
    it is prefixed with ("UN Food and Agriculture Organization")."""
    forms = []
    for name in names:
        n = normalise(name)
        forms.append(n)
        bare = _OWNER_PREFIX.sub("", n)
        if bare != n:
            forms.append(bare)
    return forms


def _without_initials(name: str) -> str:
    return " ".join(w for w in name.split() if len(w) > 1)


def _qualified(m: Mention, key: str) -> bool:
    return "|" in key or bool(m.qualifier) and is_generic(m.label or m.text)


def is_generic(name: str) -> bool:
    """Does the name say only what kind of body it is ("Federal Police", "Ministry of the
    Interior"), so that its country is part of its identity?"""
    words = normalise(name).split()
    return bool(words) and all(w in GENERIC_WORDS for w in words)


class Resolver:
    def __init__(self, vocabulary: Vocabulary, lookup: Lookup | None = None):
        self.vocab = vocabulary
        self.lookup = lookup
        self.vocab_names = vocabulary.by_normalised_name()
        stems = vocabulary.derived.get("stems")
        if stems is None:
            stems = {}
            for e in vocabulary.entries.values():
                for n in [e.label, *e.aliases]:
                    st = _stems(n)
                    if len(st) >= 3:
                        stems.setdefault(st, e.id)
            vocabulary.derived["stems"] = stems
        self._vocab_stems: dict[tuple[str, ...], str] = stems

    # -- vocabulary links -------------------------------------------------------------------

    def vocabulary_id(self, m: Mention) -> str | None:
        if m.key:
            return m.key
        core = core_class(m.type)
        if core in ("Person", "Event"):
            return None
        for name in _lookup_forms([m.label or m.text, m.text, *m.aliases]):
            vid = self.vocab_names.get(name)
            # an exact name: the vocabulary knows better what kind of body it is
            if vid and (self._compatible(core, vid) or {core, core_class(self.vocab.entries[vid].type)} <= {"Organisation", "Initiative"}):
                return vid
        name = m.label or m.text
        if m.qualifier:
            vid = self._national_body(name, m.qualifier)
            if vid and self._compatible(core, vid):
                return vid
        vid = self._vocab_stems.get(_stems(name))
        if vid and self._compatible(core, vid):
            return vid
        return None

    def _compatible(self, core: str, vid: str) -> bool:
        return core_class(self.vocab.entries[vid].type) == core

    def _national_body(self, name: str, country: str) -> str | None:
        """"Marechaussee" of the Netherlands -> the Royal Netherlands Marechaussee."""
        place = self.vocab.entries.get(country)
        if place is None:
            return None
        # the country's short name and demonyms ("Germany", "German"), not its official
        # name, whose words ("Federal Republic of") would eat the body's own name
        country_words = {w for n in [place.label, *place.demonyms] for w in normalise(n).split()}
        target = " ".join(w for w in normalise(name).split() if w not in country_words)
        if not target:
            return None
        for e in self.vocab.entries.values():
            if e.country != country:
                continue
            for n in [e.label, *e.aliases]:
                rest = " ".join(w for w in normalise(n).split() if w not in country_words)
                if rest == target or rest.endswith(" " + target) and len(target.split()) >= 1 and target.split()[-1] in lx.ORGANISATION_HEADS:
                    return e.id
        return None

    # -- grouping -----------------------------------------------------------------------------

    def resolve(self, extraction: Extraction) -> Resolution:
        mentions = extraction.mentions
        n = len(mentions)
        uf = _UnionFind(n)
        keys: list[str] = []
        vids: list[str | None] = []
        for m in mentions:
            vid = self.vocabulary_id(m)
            vids.append(vid)
            keys.append(self._key(m, vid))
        by_key: dict[str, int] = {}
        for i, k in enumerate(keys):
            if k in by_key:
                uf.union(by_key[k], i)
            else:
                by_key[k] = i
        self._link_aliases(mentions, keys, uf)
        self._link_people(mentions, uf)
        self._link_generic(mentions, keys, uf)

        groups: dict[int, list[int]] = {}
        for i in range(n):
            if not mentions[i].dropped:
                groups.setdefault(uf.find(i), []).append(i)
        entities: dict[str, Entity] = {}
        mention_entity: dict[int, str] = {}
        for members in groups.values():
            entity = self._entity(mentions, members, vids)
            if entity.iri in entities:
                old = entities[entity.iri]
                old.aliases |= entity.aliases
                old.mentions += entity.mentions
                entity = old
            entities[entity.iri] = entity
            for i in members:
                mention_entity[i] = entity.iri
        for e in entities.values():
            e.aliases.discard(e.label)
        return Resolution(entities, mention_entity, self._relations(extraction, mention_entity))

    def _owner_forms(self) -> dict[str, str]:
        """Acronyms of well-known bodies that open other names: "un" -> "united nations"."""
        forms = self.vocab.derived.get("owners")
        if forms is None:
            forms = {}
            for e in self.vocab.entries.values():
                if core_class(e.type) == "Organisation":
                    for acronym in e.acronyms:
                        if len(acronym) <= 3 and acronym.isupper():
                            forms.setdefault(acronym.lower(), normalise(e.label))
            self.vocab.derived["owners"] = forms
        return forms

    def _key(self, m: Mention, vid: str | None) -> str:
        core = core_class(m.type)
        if vid:
            return f"v:{vid}"
        name = normalise(m.label or m.text)
        first, _, rest = name.partition(" ")
        if rest and first in self._owner_forms():
            name = f"{self._owner_forms()[first]} {rest}"  # "UN Network on Migration" = "United Nations Network ..."
        if core == "Person":
            return f"person:{name}"
        if core == "Recommendation":
            return f"recommendation:{m.start}"  # each item its own
        if m.qualifier and is_generic(m.label or m.text):
            return f"{core}:{name}|{m.qualifier}"
        return f"{core}:{name}"

    def _link_aliases(self, mentions: list[Mention], keys: list[str], uf: _UnionFind) -> None:
        """An acronym defined once ("Joint Operational Team (JOT) Mare") names the same entity
        wherever else it is used ("JOT Mare")."""
        alias_owner: dict[tuple[str, str], int] = {}
        for i, m in enumerate(mentions):
            core = core_class(m.type)
            if core == "Person" or _qualified(m, keys[i]):
                continue  # people resolve by name rules; a qualified generic name by its country
            for a in (m.label or m.text, *m.aliases):
                alias_owner.setdefault((core, normalise(a)), i)
        for i, m in enumerate(mentions):
            core = core_class(m.type)
            if core == "Person" or _qualified(m, keys[i]):
                continue
            for a in (m.text, m.label or m.text):
                owner = alias_owner.get((core, normalise(a)))
                if owner is not None and owner != i:
                    uf.union(owner, i)

    def _link_people(self, mentions: list[Mention], uf: _UnionFind) -> None:
        """"Mrs. Barberini" is Roberta Barberini when she is the only Barberini; "Bright" is
        Bright Richards when he is the only Bright."""
        full: dict[str, int] = {}
        surnames: dict[str, set[str]] = {}
        for i, m in enumerate(mentions):
            if m.type != "Person":
                continue
            words = normalise(m.label or m.text).split()
            written = (m.label or m.text).split()
            # a full name has a given name: "Mrs. Okonkwo-Lindqvist" is a surname in two words
            if len(written) >= 2 and words[0] not in lx.NAME_PARTICLES and not (
                m.rule == "person:honorific" and len(written) < 2
            ):
                name = " ".join(words)
                full.setdefault(name, i)
                surnames.setdefault(words[-1], set()).add(name)
        bare: dict[str, set[str]] = {}  # the full name without initials: "amy pope"
        for name in full:
            bare.setdefault(_without_initials(name), set()).add(name)
        for i, m in enumerate(mentions):
            if m.type != "Person":
                continue
            words = normalise(m.label or m.text).split()
            name = " ".join(words)
            if name in full:
                uf.union(full[name], i)
                # "Amy E. Pope" and "Amy Pope": one person when no other Amy Pope is named
                same = bare.get(_without_initials(name), set())
                if len(same) == 2 and all(len(_without_initials(x).split()) >= 2 for x in same):
                    a, b = sorted(same)
                    uf.union(full[a], full[b])
                continue
            if words:
                candidates = surnames.get(words[-1], set())
                # "Mr. ten Kate" / "Mrs. Barberini": the surname must be the end of the full name
                candidates = {c for c in candidates if c.endswith(name)}
                if len(candidates) == 1:
                    uf.union(full[next(iter(candidates))], i)

    def _link_generic(self, mentions: list[Mention], keys: list[str], uf: _UnionFind) -> None:
        """An unqualified generic name ("Ministry of Security and Justice") is the qualified
        one of the same name when the document has exactly one."""
        qualified: dict[tuple[str, str], set[str]] = {}
        first: dict[str, int] = {}
        for i, k in enumerate(keys):
            if "|" in k:
                base, _, q = k.partition("|")
                qualified.setdefault((base, ""), set()).add(k)
                first.setdefault(k, i)
        for i, k in enumerate(keys):
            if "|" in k or k.startswith("v:"):
                continue
            options = qualified.get((k, ""))
            if options and len(options) == 1:
                uf.union(first[next(iter(options))], i)

    # -- entities -----------------------------------------------------------------------------

    def _entity(self, mentions: list[Mention], members: list[int], vids: list[str | None]) -> Entity:
        vid = next((vids[i] for i in members if vids[i]), None)
        ms = [mentions[i] for i in members]
        if ms[0].type == "Recommendation":
            m = ms[0]
            digest = hashlib.sha1(m.text.encode("utf-8")).hexdigest()[:10]
            iri = f"{ID_BASE}recommendation/{slug(m.label or m.text)[:50].rstrip('-')}-{digest}"
            return Entity(iri, m.label or m.text[:90], "Recommendation", "Recommendation",
                          mentions=list(members), text=m.text, kind=m.kind, rank=m.rank)
        types = Counter(m.type for m in ms)
        if vid:
            entry = self.vocab.entries[vid]
            label, typ, core = entry.label, entry.type, core_class(entry.type)
            iri = f"{ID_BASE}{core.lower()}/{slug(vid)}"
            entity = Entity(iri, label, typ, core, wikidata=entry.wikidata, vocabulary_id=vid)
            entity.hidden = {*entry.aliases, *entry.acronyms}
        else:
            specific = [t for t, _ in types.most_common() if t not in ("Organisation", "Initiative", "Place", "Event")]
            typ = specific[0] if specific else types.most_common(1)[0][0]
            core = core_class(typ)
            label = self._label(ms, core)
            qualifier = next((m.qualifier for m in ms if m.qualifier), None)
            if qualifier and is_generic(label) and qualifier in self.vocab.entries:
                country = self.vocab.entries[qualifier].label
                entity_label = f"{label} ({country})"
            else:
                entity_label = label
            iri = None
            if self.lookup is not None:
                names = sorted({normalise(entity_label), *(normalise(m.label or m.text) for m in ms if core != "Person")})
                found = self.lookup(core, names)
                if isinstance(found, tuple):
                    # an entity another document named: keep its IRI and its label, so that
                    # the union of the documents gives one name per entity
                    iri, known_label = found
                    if known_label and known_label != entity_label:
                        label, entity_label = known_label, known_label
                else:
                    iri = found
            iri = iri or f"{ID_BASE}{core.lower()}/{slug(entity_label)}"
            entity = Entity(iri, entity_label, typ, core)
            if entity_label != label:
                entity.aliases.add(label)
        for m in ms:
            entity.aliases.add(m.text)
            if m.qualifier and m.qualifier in self.vocab.entries and is_generic(m.label or m.text):
                # the name as the text qualifies it: "Federal Police (Germany)"
                entity.aliases.add(f"{m.label or m.text} ({self.vocab.entries[m.qualifier].label})")
            if m.label and m.type != "Person":
                entity.aliases.add(m.label)
            entity.aliases.update(m.aliases)
            if m.type == "Person" and m.label:
                entity.aliases.add(m.label)
        entity.aliases = {a for a in entity.aliases if a.strip()}
        entity.mentions = list(members)
        return entity

    def _label(self, ms: list[Mention], core: str) -> str:
        if core == "Person":
            names = [m.label or m.text for m in ms if m.rule != "person:honorific"] or [m.label or m.text for m in ms]
            return max(names, key=lambda x: (len(x.split()), len(x)))
        defined = [m.label for m in ms if m.rule == "acronym-definition" and m.label]
        if defined:
            return max(defined, key=len)
        names = [m.label or m.text for m in ms]
        names = [re.sub(r"['\u2019]s$", "", x) for x in names]
        # the most frequent form, preferring one not written in capitals ("EUROPEAN CONFERENCE 2016")
        counts = Counter(names)
        return max(counts, key=lambda x: (not (x.isupper() and len(x) > 6), counts[x], -names.index(x)))

    def _relations(self, extraction: Extraction, mention_entity: dict[int, str]) -> list[ResolvedRelation]:
        out: list[ResolvedRelation] = []
        seen: set[tuple] = set()
        for r in extraction.relations:
            if r.subject not in mention_entity or r.object not in mention_entity:
                continue
            s, o = mention_entity[r.subject], mention_entity[r.object]
            if s == o:
                continue
            if r.predicate == "cooperatesWith" and o < s:
                s, o = o, s
            key = (s, r.predicate, o, r.evidence_start, r.modality)
            if key in seen:
                continue
            seen.add(key)
            out.append(ResolvedRelation(s, r.predicate, o, r.rule, r.evidence_start, r.evidence_end, r.modality, r.role))
        return out
