"""How two entities are connected: the shortest chains of relations between them.

The relations are taken undirected (a chain may walk a ``participatesIn`` statement from the
initiative to the organisation), over every relation type of the graph view, or only those
asked for. Recommendations (``madeAt``, ``addresses``) are not part of the view unless it was
read with them, and are left out even then: a call to act is not a link between its
addressees. Each hop keeps the statements that make it, in their own direction, with their
evidence.

The chains are :func:`networkx.all_shortest_paths` of the undirected simple graph: every
chain of the smallest number of hops (breadth-first search, unweighted), in a stable order.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "report.txt", "Report", 0, 3, "rule")
>>> data = GraphData(
...     {"kp": Node("kp", "Kosovo police", "Organisation"), "em": Node("em", "EMPACT", "Initiative"),
...      "fx": Node("fx", "Frontex", "Organisation")},
...     [Edge("em", "kp", "cooperatesWith", "actual", [ev]), Edge("fx", "em", "participatesIn", "", [ev])])
>>> [chain] = shortest_paths(data, "kp", "fx")
>>> chain.labels(data)
['Kosovo police', 'EMPACT', 'Frontex']
>>> [(h.statements[0].source, h.statements[0].relation, h.statements[0].target) for h in chain.hops]
[('em', 'cooperatesWith', 'kp'), ('fx', 'participatesIn', 'em')]
>>> chain.edges
[('kp', 'em'), ('em', 'fx')]
"""

from __future__ import annotations

__all__ = ["EXCLUDED", "Hop", "Chain", "relation_graph", "shortest_paths"]

from dataclasses import dataclass, field
from itertools import islice

from actorgraph.errors import ActorGraphError
from actorgraph.graph.view import Edge, GraphData

#: Relations that never make a chain: those of recommendations.
EXCLUDED = ("madeAt", "addresses")


@dataclass
class Hop:
    """One step of a chain, from ``source`` to ``target`` (in walking order), and the
    statements between them (each in its own direction, with its evidence)."""

    source: str
    target: str
    statements: list[Edge] = field(default_factory=list)


@dataclass
class Chain:
    """A chain of relations: the entity ids in order, and a :class:`Hop` between each two."""

    nodes: list[str]
    hops: list[Hop]

    @property
    def edges(self) -> list[tuple[str, str]]:
        """The pairs of entity ids the chain walks, in order (for highlighting a path)."""
        return [(h.source, h.target) for h in self.hops]

    def labels(self, data: GraphData) -> list[str]:
        return [data.nodes[n].label for n in self.nodes]

    def as_dict(self, data: GraphData) -> dict:
        """The chain as JSON-ready data: ``nodes`` (id, label, type) and ``hops``, each with
        its ``statements`` (source, relation, target, modality, how it was curated by hand if it
        was, and every evidence sentence)."""
        from actorgraph.graph.queries import document_name

        def statement(e: Edge) -> dict:
            return {"source": e.source, "source_label": data.nodes[e.source].label, "relation": e.relation,
                    "target": e.target, "target_label": data.nodes[e.target].label, "modality": e.modality,
                    "curated": e.curated,
                    "evidence": [{"sentence": ev.sentence, "document": document_name(ev.source),
                                  "start": ev.start, "end": ev.end,
                                  "curated": ev.curated.describe() if ev.curated else ""} for ev in e.evidence]}

        return {"length": len(self.hops),
                "nodes": [{"id": n, "label": data.nodes[n].label, "type": data.nodes[n].type} for n in self.nodes],
                "hops": [{"from": h.source, "to": h.target, "statements": [statement(e) for e in h.statements]}
                         for h in self.hops]}


def relation_graph(data: GraphData, relations=None):
    """The undirected simple graph of the view: one edge per pair of entities, with
    ``statements`` (the :class:`~actorgraph.graph.view.Edge` objects between them) — only of
    these ``relations`` when given; never of :data:`EXCLUDED`."""
    import networkx as nx

    g = nx.Graph()
    for node in data.nodes.values():
        if node.type != "Recommendation":
            g.add_node(node.id, label=node.label, type=node.type)
    for e in data.edges:
        if e.relation in EXCLUDED or (relations and e.relation not in relations) or e.source == e.target:
            continue
        if not g.has_edge(e.source, e.target):
            g.add_edge(e.source, e.target, statements=[])
        g.edges[e.source, e.target]["statements"].append(e)
    return g


def shortest_paths(data: GraphData, source: str, target: str, *, max_paths: int = 10, relations=None,
                   graph=None) -> list[Chain]:
    """The shortest chains of relations between two entities (ids), at most ``max_paths``.

    Parameters
    ----------
    data : GraphData
    source, target : str
        Entity ids.
    max_paths : int
        How many chains at most (all have the smallest number of hops).
    relations : collection of str, optional
        Only chains over these relation types.
    graph : networkx.Graph, optional
        A :func:`relation_graph` of ``data`` already built (to ask many questions of one).

    Returns
    -------
    list of Chain
        Empty when nothing links them.

    Raises
    ------
    ActorGraphError
        When ``source`` and ``target`` are the same entity.
    """
    import networkx as nx

    if source == target:
        raise ActorGraphError("the two names denote the same entity; give two different ones")
    g = graph if graph is not None else relation_graph(data, relations)
    if source not in g or target not in g:
        return []
    try:
        found = list(islice(nx.all_shortest_paths(g, source, target), max_paths))
    except nx.NetworkXNoPath:
        return []
    found.sort(key=lambda p: [data.nodes[n].label.lower() for n in p])
    chains = []
    for path in found:
        hops = []
        for u, v in zip(path, path[1:]):
            statements = sorted(g.edges[u, v]["statements"], key=lambda e: (e.relation, e.modality, e.source))
            hops.append(Hop(u, v, statements))
        chains.append(Chain(list(path), hops))
    return chains
