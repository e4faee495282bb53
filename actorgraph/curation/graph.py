"""Reading and editing the store for curation: what an entity is, its statements, and a set of
quads to remove and add written in one SPARQL UPDATE (one transaction).

Works on a pyoxigraph ``Store`` and on a :class:`~actorgraph.graph.remote.RemoteStore` alike:
only ``quads_for_pattern``, ``query`` and ``update`` are used.
"""

from __future__ import annotations

__all__ = ["CURATION_GRAPH", "CURATION_BASE", "Edit", "Entity", "StatementRef", "entity", "statements",
           "n", "lit", "integer"]

from collections import Counter, defaultdict
from dataclasses import dataclass, field

import pyoxigraph as ox

from actorgraph.graph import digest
from actorgraph.ontology.namespace import AG, BASE, CORE_CLASSES, RDF, RDFS, SKOS, XSD

#: The named graph of everything curated: decisions, analysts, additions, asserted statements.
CURATION_GRAPH = "https://w3id.org/actorgraph/curation"
CURATION_BASE = CURATION_GRAPH + "/"


def n(iri: str) -> ox.NamedNode:
    return ox.NamedNode(iri)


def lit(value: str) -> ox.Literal:
    return ox.Literal(value)


def integer(value: int) -> ox.Literal:
    return ox.Literal(str(value), datatype=ox.NamedNode(XSD + "integer"))


TYPE = n(RDF + "type")
LABEL = n(RDFS + "label")
ALT = n(SKOS + "altLabel")
HIDDEN = n(SKOS + "hiddenLabel")
MATCH_KEY = n(AG.matchKey)
WIKIDATA = n(AG.wikidata)
MENTION_OF = n(AG.mentionOf)
SUBJECT = n(RDF + "subject")
PREDICATE = n(RDF + "predicate")
OBJECT = n(RDF + "object")
IN_DOCUMENT = n(AG.inDocument)
SENTENCE = n(AG.sentence)
TEXT = n(AG.text)
START = n(AG.start)
END = n(AG.end)
MODALITY = n(AG.modality)
SURFACE = n(AG.surface)
SOURCE_PATH = n(AG.sourcePath)
STATEMENT = n(AG.Statement)
CURATION = n(CURATION_GRAPH)


def quads(store, s=None, p=None, o=None, g=None) -> list[ox.Quad]:
    return list(store.quads_for_pattern(s, p, o, g))


class Edit:
    """Quads to remove and to add, written together by :meth:`commit` (one transaction)."""

    def __init__(self):
        self.removed: set[ox.Quad] = set()
        self.added: set[ox.Quad] = set()

    def drop(self, q: ox.Quad) -> None:
        self.removed.add(q)

    def drop_all(self, qs) -> None:
        self.removed.update(qs)

    def put(self, s, p, o, g) -> None:
        self.added.add(ox.Quad(s, p, o, g))

    def __bool__(self) -> bool:
        return bool(self.removed or self.added)

    def commit(self, store) -> None:
        removed, added = self.removed - self.added, self.added
        if digest.applies(store):  # the digests of the graphs it touches change with it
            removed, added = digest.changes(store, removed, added)
            removed -= added
        parts = []
        if removed:
            parts.append("DELETE DATA { " + _by_graph(removed) + " }")
        if added:
            parts.append("INSERT DATA { " + _by_graph(added) + " }")
        if parts:
            store.update(" ;\n".join(parts))
        self.removed, self.added = set(), set()


def _by_graph(qs) -> str:
    graphs: dict = defaultdict(list)
    for q in qs:
        graphs[q.graph_name].append(f"{q.subject} {q.predicate} {q.object} .")
    return " ".join(f"GRAPH {g} {{ {' '.join(sorted(lines))} }}" for g, lines in graphs.items())


@dataclass
class Entity:
    """What the store says about an entity, across all its graphs."""

    iri: str
    labels: Counter = field(default_factory=Counter)  # label -> graphs stating it
    classes: set[str] = field(default_factory=set)  # local names of ag: classes
    names: set[str] = field(default_factory=set)  # label, alt and hidden labels

    @property
    def exists(self) -> bool:
        return bool(self.labels)

    @property
    def label(self) -> str:
        """The label most graphs give (the first in order on a tie)."""
        return min(self.labels.items(), key=lambda kv: (-kv[1], kv[0]))[0] if self.labels else ""

    @property
    def kind(self) -> str:
        """The core class (or Recommendation)."""
        for c in CORE_CLASSES:
            if c in self.classes:
                return c
        return next(iter(sorted(self.classes)), "")


def entity(store, iri: str) -> Entity:
    e = Entity(iri)
    for q in quads(store, n(iri)):
        p = q.predicate
        if p == LABEL:
            e.labels[q.object.value] += 1
            e.names.add(q.object.value)
        elif p in (ALT, HIDDEN):
            e.names.add(q.object.value)
        elif p == TYPE and q.object.value.startswith(BASE):
            e.classes.add(q.object.value[len(BASE):])
    return e


@dataclass(frozen=True)
class StatementRef:
    """A statement node in one graph, and what it states."""

    node: ox.NamedNode
    graph: ox.NamedNode
    subject: str
    predicate: str  # local name
    object: str

    def value(self, store, prop: ox.NamedNode) -> ox.Term | None:
        found = quads(store, self.node, prop, None, self.graph)
        return found[0].object if found else None

    def document_name(self, store) -> str:
        from actorgraph.graph.queries import document_name

        doc = self.value(store, IN_DOCUMENT)
        if doc is None:
            return ""
        source = quads(store, doc, SOURCE_PATH, None)
        return document_name(source[0].object.value) if source else ""

    def sentence(self, store) -> tuple[str, int | None, int | None]:
        """The evidence sentence's text, start and end."""
        start, end = self.value(store, START), self.value(store, END)
        node = self.value(store, SENTENCE)
        text = quads(store, node, TEXT, None, self.graph) if node is not None else []
        return (text[0].object.value if text else "", int(start.value) if start is not None else None,
                int(end.value) if end is not None else None)


def statements(store, iri: str, *, as_subject: bool = True, as_object: bool = True) -> list[StatementRef]:
    """Every statement with the entity as subject and/or object."""
    found: dict = {}
    roles = ([SUBJECT] if as_subject else []) + ([OBJECT] if as_object else [])
    for role in roles:
        for q in quads(store, None, role, n(iri)):
            found.setdefault((q.subject, q.graph_name), None)
    out = []
    for node, graph in found:
        values = {q.predicate: q.object for q in quads(store, node, None, None, graph)}
        if SUBJECT in values and OBJECT in values and PREDICATE in values:
            out.append(StatementRef(node, graph, values[SUBJECT].value, _local(values[PREDICATE].value),
                                    values[OBJECT].value))
    return sorted(out, key=lambda s: (s.graph.value, s.node.value))


def _local(iri: str) -> str:
    return iri[len(BASE):] if iri.startswith(BASE) else iri


def matches_evidence(store, st: StatementRef, document: str | None, sentence: str | None) -> bool:
    """Does a statement come from this document (its file name, or its id) and sentence (its
    offsets ``START-END`` or a piece of its text)?"""
    if document:
        graph_id = st.graph.value.rsplit("/", 1)[-1]
        if st.document_name(store).lower() != document.lower() and not graph_id.startswith(document.lower()):
            return False
    if sentence:
        text, start, end = st.sentence(store)
        spec = sentence.strip()
        if "-" in spec and spec.replace("-", "", 1).isdigit():
            a, b = (int(x) for x in spec.split("-", 1))
            return (start, end) == (a, b)
        return spec.lower() in text.lower()
    return True
