"""The graph as a network file for Gephi, yEd and Cytoscape: GraphML and GEXF (networkx).

One node per entity, one edge per ``(source, relation, target, modality)`` as
:func:`actorgraph.graph.view.graph_data` gives them. Attributes are plain strings and
integers, since the network tools read no lists: a list is joined with `` | ``.

Nodes: ``label``, ``class`` (core class: Person, Organisation...), ``classes`` (specific
classes), ``aliases``, ``wikidata``, ``iri``, ``curated`` (the decisions that changed the entity
itself: merge, rename...). Edges: ``label`` and ``relation`` (the relation's local name, such
as cooperatesWith), ``modality`` (actual, proposed or empty), ``evidence`` (the number of
sentences that state it), ``sentence`` (the first of them), ``documents`` (their file names),
``curated`` (empty when extracted; else the decisions that asserted it by hand or changed its
modality, ``#9 asserted by hand (jdoe, 2026-11-28)``: docs/curation.md).
"""

from __future__ import annotations

__all__ = ["to_network", "write_gexf", "write_graphml"]

from typing import IO

SEPARATOR = " | "


def to_network(store, curated: str = "include"):
    """A ``networkx.MultiDiGraph`` of the store with flat (string/integer) attributes;
    ``curated`` (include, exclude, only) chooses the statements asserted or changed by hand."""
    import networkx as nx

    from actorgraph.graph.queries import document_name
    from actorgraph.graph.view import graph_data

    data = graph_data(store, curated=curated)
    g = nx.MultiDiGraph()
    for n in data.nodes.values():
        g.add_node(n.id, label=n.label, **{"class": n.type}, classes=SEPARATOR.join(n.classes),
                   aliases=SEPARATOR.join(n.aliases), wikidata=SEPARATOR.join(n.wikidata), iri=n.id,
                   curated=n.curated)
    for e in data.edges:
        key = f"{e.relation}:{e.modality}" if e.modality else e.relation
        g.add_edge(e.source, e.target, key=key, label=e.relation, relation=e.relation,
                   modality=e.modality, evidence=len(e.evidence),
                   sentence=e.evidence[0].sentence if e.evidence else "",
                   documents=SEPARATOR.join(sorted({document_name(ev.source) for ev in e.evidence})),
                   curated=e.curated)
    return g


def write_graphml(store, out: IO[bytes], curated: str = "include") -> None:
    import networkx as nx

    nx.write_graphml(to_network(store, curated), out, encoding="utf-8", prettyprint=True)


def write_gexf(store, out: IO[bytes], curated: str = "include") -> None:
    import networkx as nx

    nx.write_gexf(to_network(store, curated), out, encoding="utf-8", prettyprint=True)
