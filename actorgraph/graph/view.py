"""The graph as plain data, and as a networkx graph for algorithms: a view derived from the
store, never the other way round.

:func:`graph_data` reads the store once (two SPARQL queries) into :class:`GraphData`: nodes
with their label, core class, specific classes, aliases and identifiers; one edge per
``(source, relation, target, modality)`` with every piece of evidence for it. Exports, the HTML
page and the algorithms all start from it, so they agree on what the graph is.

Nodes are the entities of the six core classes. ``graph_data(store, recommendations=True)``
adds the conclusions, recommendations and next steps (class ``Recommendation``, with their
``text``, ``kind`` and ``rank``) and so their ``madeAt`` and ``addresses`` relations.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import pyoxigraph as ox

from actorgraph.ontology.namespace import BASE, CORE_CLASSES, DCTERMS, RDF, RDFS, SKOS

_PREFIXES = {"ag": BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS, "dcterms": DCTERMS}
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


@dataclass
class GraphData:
    nodes: dict[str, Node]
    edges: list[Edge]

    def documents(self) -> dict[str, str]:
        """Document IRI -> title, for every document that gives evidence."""
        return {ev.document: ev.title for e in self.edges for ev in e.evidence}


def _local(iri: str) -> str:
    return iri.rsplit("#", 1)[-1]


def graph_data(store: ox.Store, *, recommendations: bool = False) -> GraphData:
    """Read every entity and every relation (with all its evidence) from the store.

    With ``recommendations``, the Recommendation entities are nodes too (type
    ``"Recommendation"``, with ``text``, ``kind`` and ``rank``), and their ``madeAt`` and
    ``addresses`` relations edges."""
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
    for r in store.query(_EDGES, prefixes=_PREFIXES, use_default_graph_as_union=True):
        s, o, p = r["s"].value, r["o"].value, _local(r["p"].value)
        if s not in nodes or o not in nodes:
            continue
        modality = r["modality"].value if r["modality"] is not None else ""
        key = (s, p, o, modality)
        edge = edges.get(key)
        if edge is None:
            edge = edges[key] = Edge(s, o, p, modality)
        edge.evidence.append(Evidence(
            sentence=r["text"].value if r["text"] is not None else "",
            document=r["doc"].value,
            source=r["source"].value,
            title=r["title"].value if r["title"] is not None else "",
            start=int(r["start"].value),
            end=int(r["end"].value),
            rule=r["rule"].value,
            role=r["role"].value if r["role"] is not None else "",
        ))
    for node in nodes.values():
        node.classes.sort()
        node.aliases.sort()
    ordered = sorted(edges.values(), key=lambda e: (e.relation, e.source, e.target, e.modality))
    for e in ordered:
        e.evidence.sort(key=lambda ev: (ev.source, ev.start))
    return GraphData(nodes, ordered)


def to_networkx(data: GraphData):
    """A ``networkx.MultiDiGraph``: one node per entity (attributes ``label``, ``type``,
    ``classes``, ``aliases``), one edge per :class:`Edge` (key = relation, attributes
    ``relation``, ``modality``, ``evidence`` count, ``documents``)."""
    import networkx as nx

    g = nx.MultiDiGraph()
    for n in data.nodes.values():
        g.add_node(n.id, label=n.label, type=n.type, classes=n.classes, aliases=n.aliases)
    for e in data.edges:
        g.add_edge(e.source, e.target, key=f"{e.relation}:{e.modality}", relation=e.relation,
                   modality=e.modality, evidence=len(e.evidence), documents=e.documents)
    return g
