"""The graph as plain data, and as a networkx graph for algorithms: a view derived from the
store, never the other way round.

:func:`graph_data` reads the store once (the entities by SPARQL, the relations from the relation
digests of :mod:`actorgraph.graph.digest` or, when they are not current, by SPARQL) into
:class:`GraphData`: nodes with their label, core class, specific classes, aliases and identifiers; one edge per
``(source, relation, target, modality)`` with every piece of evidence for it. Exports, the HTML
page and the algorithms all start from it, so they agree on what the graph is.

Nodes are the entities of the six core classes. ``graph_data(store, recommendations=True)``
adds the conclusions, recommendations and next steps (class ``Recommendation``, with their
``text``, ``kind`` and ``rank``) and so their ``madeAt`` and ``addresses`` relations.

What analysts changed by hand (docs/curation.md) is marked: each piece of evidence whose
statement was asserted or changed by a decision carries its
:class:`~actorgraph.graph.queries.Curation`, an edge's ``curated`` sums them up, and a node's
``curated`` lists the decisions that changed the entity itself (merge, split, rename...).
``graph_data(store, curated="exclude")`` leaves the curated statements out, ``"only"`` keeps
only them; :func:`select_curated` does the same to a view already read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from actorgraph.graph import digest
from actorgraph.graph.queries import Curation, curated_filter, curated_keeps, curation_marks
from actorgraph.ontology.namespace import BASE, CORE_CLASSES, DCTERMS, PROV, RDF, RDFS, SKOS

_PREFIXES = {"ag": BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS}
_QUERY_PREFIXES = {**_PREFIXES, "prov": PROV}
# FILTER IN, not VALUES: Oxigraph joins a VALUES block over classes before the bound
# pattern (200 ms instead of 0.7 ms for one actor's partners on the development corpus)
_CORE_VALUES = ", ".join(f"ag:{c}" for c in CORE_CLASSES)

_NODES = """
SELECT ?e ?label ?type ?alias ?wikidata WHERE {
  ?e a ?core ; rdfs:label ?label ; a ?type .
  FILTER(?core IN (%s))
  OPTIONAL { ?e skos:altLabel ?alias }
  OPTIONAL { ?e ag:wikidata ?wikidata }
}""" % _CORE_VALUES

_RECOMMENDATIONS = """
SELECT ?e ?label ?text ?kind ?rank WHERE {
  ?e a ag:Recommendation ; rdfs:label ?label .
  OPTIONAL { ?e ag:text ?text }
  OPTIONAL { ?e ag:recommendationKind ?kind }
  OPTIONAL { ?e ag:rank ?rank }
}"""

_EDGES = """
SELECT DISTINCT ?st ?s ?p ?o ?modality ?role ?text ?doc ?source ?title ?start ?end ?rule WHERE {
  ?st a ag:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ;
      ag:inDocument ?doc ; ag:start ?start ; ag:end ?end ; ag:rule ?rule .
  ?doc ag:sourcePath ?source .
  ?st ag:sentence ?sentence . ?sentence ag:text ?text .
  %s
  OPTIONAL { ?doc dcterms:title ?title }
  OPTIONAL { ?st ag:modality ?modality }
  OPTIONAL { ?st ag:role ?role }
}"""


@dataclass
class Evidence:
    sentence: str
    document: str  # document IRI
    source: str  # the document's source path
    title: str
    start: int
    end: int
    rule: str
    role: str = ""
    curated: Curation | None = None  # asserted or changed by hand: the decision


@dataclass
class Node:
    id: str
    label: str
    type: str  # core class
    classes: list[str] = field(default_factory=list)  # specific classes
    aliases: list[str] = field(default_factory=list)
    wikidata: list[str] = field(default_factory=list)
    # a Recommendation's full text, kind ("conclusion", "next step"...) and place in its list
    text: str = ""
    kind: str = ""
    rank: int = 0
    # the decisions that changed the entity itself (merge, split, rename, retype, alias,
    # identify), on one line: "#1 merge 'X' into 'Y' (jdoe, 2026-11-28)"
    curated: str = ""


@dataclass
class Edge:
    source: str
    target: str
    relation: str  # local name
    modality: str = ""  # "actual" / "proposed" for cooperatesWith
    evidence: list[Evidence] = field(default_factory=list)

    @property
    def documents(self) -> list[str]:
        return sorted({e.document for e in self.evidence})

    @property
    def curation(self) -> list[Curation]:
        """The decisions that asserted or changed statements of this edge, by id."""
        return sorted({ev.curated for ev in self.evidence if ev.curated}, key=lambda c: c.decision)

    @property
    def curated(self) -> str:
        """How analysts asserted or changed the edge by hand, on one line
        (``#9 asserted by hand (jdoe, 2026-11-28)``); empty when all of it was extracted."""
        return "; ".join(c.describe() for c in self.curation)

    @property
    def extracted(self) -> bool:
        """Does any of its evidence come from a document as extracted (not curated)?"""
        return any(ev.curated is None for ev in self.evidence)


@dataclass
class GraphData:
    nodes: dict[str, Node]
    edges: list[Edge]

    def documents(self) -> dict[str, str]:
        """Document IRI -> title, for every document that gives evidence."""
        return {ev.document: ev.title for e in self.edges for ev in e.evidence}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def graph_data(store: ox.Store, *, recommendations: bool = False, curated: str = "include",
               use_digests: bool = True) -> GraphData:
    """Read every entity and every relation (with all its evidence) from the store.

    With ``recommendations``, the Recommendation entities are nodes too (type
    ``"Recommendation"``, with ``text``, ``kind`` and ``rank``), and their ``madeAt`` and
    ``addresses`` relations edges. ``curated``: ``include`` the statements asserted or changed
    by hand (the default), ``exclude`` them or keep ``only`` them
    (:data:`~actorgraph.graph.queries.CURATED_CHOICES`); entities stay either way. The relations
    are read from the relation digests when they are current (``use_digests``; the same edges)."""
    from actorgraph.curation.records import entity_changes

    nodes: dict[str, Node] = {}
    for r in store.query(_NODES, prefixes=_PREFIXES, use_default_graph_as_union=True):
        iri = r["e"].value
        node = nodes.get(iri)
        if node is None:
            node = nodes[iri] = Node(iri, r["label"].value, "")
        t = _local(r["type"].value)
        if t in CORE_CLASSES:
            node.type = t
        elif r["type"].value.startswith(BASE) and t not in node.classes:
            node.classes.append(t)
        if r["alias"] is not None and r["alias"].value not in node.aliases and r["alias"].value != node.label:
            node.aliases.append(r["alias"].value)
        if r["wikidata"] is not None and r["wikidata"].value not in node.wikidata:
            node.wikidata.append(r["wikidata"].value)
    if recommendations:
        for r in store.query(_RECOMMENDATIONS, prefixes=_PREFIXES, use_default_graph_as_union=True):
            node = nodes.setdefault(r["e"].value, Node(r["e"].value, r["label"].value, "Recommendation"))
            node.text = r["text"].value if r["text"] is not None else node.text
            node.kind = r["kind"].value if r["kind"] is not None else node.kind
            node.rank = int(r["rank"].value) if r["rank"] is not None else node.rank
    edges: dict[tuple[str, str, str, str], Edge] = {}
    marks = curation_marks(store)
    found = set(_statements(store, curated, use_digests))
    for st, s, p, o, modality, role, text, doc, source, title, start, end, rule in found:
        p = _local(p)
        if s not in nodes or o not in nodes:
            continue
        modality = modality or ""
        key = (s, p, o, modality)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(s, o, p, modality)
        edge.evidence.append(Evidence(
            sentence=text or "", document=doc, source=source, title=title or "", start=int(start), end=int(end),
            rule=rule, role=role or "", curated=marks.get(st)))
    changes = entity_changes(store)
    for node in nodes.values():
        node.classes.sort()
        node.aliases.sort()
        node.curated = changes.get(node.id, "")
    ordered = sorted(edges.values(), key=lambda e: (e.relation, e.source, e.target, e.modality))
    for e in ordered:
        e.evidence.sort(key=lambda ev: (ev.source, ev.start, ev.end, ev.document, ev.rule, ev.sentence, ev.role,
                                        ev.title))
    return GraphData(nodes, ordered)


def _statements(store, curated: str, use_digests: bool = True):
    """Every statement with its evidence, as the values of _EDGES' columns: from the relation
    digests when they are current (each statement under its subject), else by the query."""
    if use_digests and digest.is_current(store):
        keep = curated_keeps(store, curated)
        for s, r in digest.all_records(store):
            if r.as_object or not r.typed or None in (r.rule, r.start, r.end, r.source, r.sentence):
                continue
            if keep is None or keep(r.statement):
                yield (r.statement, s, r.predicate, r.partner, r.modality, r.role, r.sentence, r.document, r.source,
                       r.title, r.start, r.end, r.rule)
        return
    for r in store.query(_EDGES % curated_filter(curated), prefixes=_QUERY_PREFIXES, use_default_graph_as_union=True):
        yield tuple(None if v is None else v.value for v in r)


def select_curated(data: GraphData, curated: str = "include") -> GraphData:
    """``data`` with only the evidence that ``curated`` asks for: ``include`` all of it (``data``
    itself is returned), ``exclude`` the statements asserted or changed by hand, or keep
    ``only`` them. An edge left with no evidence goes; the nodes stay. For a view read by
    another path (``actorgraph.analysis.network.analysis_data``); :func:`graph_data` filters in
    its query."""
    curated_filter(curated)  # a clear error for an unknown value
    if curated == "include":
        return data
    edges = []
    for e in data.edges:
        evidence = [ev for ev in e.evidence if (ev.curated is not None) == (curated == "only")]
        if evidence:
            edges.append(Edge(e.source, e.target, e.relation, e.modality, evidence))
    return GraphData(data.nodes, edges)


def to_networkx(data: GraphData):
    """A ``networkx.MultiDiGraph``: one node per entity (attributes ``label``, ``type``,
    ``classes``, ``aliases``, ``curated``), one edge per :class:`Edge` (key = relation, attributes
    ``relation``, ``modality``, ``evidence`` count, ``documents``, ``curated``)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in data.nodes.values():
        g.add_node(n.id, label=n.label, type=n.type, classes=n.classes, aliases=n.aliases, curated=n.curated)
    for e in data.edges:
        g.add_edge(e.source, e.target, key=f"{e.relation}:{e.modality}", relation=e.relation,
                   modality=e.modality, evidence=len(e.evidence), documents=e.documents, curated=e.curated)
    return g
