"""The cooperation network and the actor–initiative bipartite graph, as networkx graphs.

Two ways actors are linked:

* **cooperation**: a document states that they work together (``cooperatesWith``), as
  *actual* or only *proposed* cooperation. :func:`cooperation_network` is the undirected
  graph of these statements; an edge counts its ``actual`` and ``proposed`` statements.
* **co-participation**: they take part in the same initiative or session.
  :func:`participation_graph` is the bipartite graph of actors (people, organisations) and
  items (initiatives, events): an edge for each ``participatesIn``, ``speaksAt``, ``chairs``,
  ``panellistAt``, ``organises`` statement, and for ``cooperatesWith`` between an actor and an
  initiative. An organisation also takes part through its people (``affiliatedWith``): when
  Klaus Rösler of Frontex speaks at Panel I, Frontex takes part in Panel I *through* him.
  :func:`co_participation_network` is its projection onto the actors
  (:func:`networkx.algorithms.bipartite.generic_weighted_projected_graph`): two actors are
  linked by the items they share, except an item that links them only through one and the
  same person (a speaker and her own organisation do not "share" her session).

:func:`network` gives either, or both combined, with the same edge attributes, for the
algorithms of the other modules: ``actual`` and ``proposed`` (cooperation statements),
``shared`` (the ids of the shared items), ``weight`` (their sum) and ``statements`` (the
:class:`~actorgraph.graph.view.Edge` objects, with their evidence).

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "report.txt", "Report", 0, 3, "rule")
>>> data = GraphData(
...     {"europol": Node("europol", "Europol", "Organisation"),
...      "frontex": Node("frontex", "Frontex", "Organisation"),
...      "jot": Node("jot", "JOT Mare", "Initiative")},
...     [Edge("europol", "frontex", "cooperatesWith", "proposed", [ev]),
...      Edge("europol", "jot", "participatesIn", "", [ev]),
...      Edge("frontex", "jot", "participatesIn", "", [ev])])
>>> g = cooperation_network(data)
>>> g.edges["europol", "frontex"]["proposed"], g.edges["europol", "frontex"]["actual"]
(1, 0)
>>> p = co_participation_network(data)
>>> p.edges["europol", "frontex"]["shared"]
['jot']
>>> both = network(data, via="both")
>>> both.edges["europol", "frontex"]["weight"]
2
"""

from __future__ import annotations

__all__ = ["SEED", "VIA", "ACTORS", "ITEMS", "INVOLVEMENT", "Link", "find_document", "analysis_data",
           "restrict_to_documents", "cooperation_network", "participation_graph",
           "co_participation_network", "network", "co_participants", "cooperation_partners"]

from dataclasses import dataclass

from actorgraph.errors import UnknownEntity
from actorgraph.graph.view import Edge, GraphData

#: The seed of every randomised algorithm (Louvain, sampled betweenness): same input, same result.
SEED = 42

#: How actors are linked: by cooperation statements, by shared initiatives and sessions, or both.
VIA = ("cooperation", "initiative", "both")

#: The two sides of the bipartite graph: actors (core classes) and the items they take part in.
ACTORS = ("Organisation", "Person")
ITEMS = ("Initiative", "Event")

#: The relations that make an actor take part in an item (``cooperatesWith`` only between an
#: actor and an initiative).
INVOLVEMENT = ("participatesIn", "speaksAt", "chairs", "panellistAt", "organises", "cooperatesWith")


@dataclass(frozen=True)
class Link:
    """Why an actor takes part in an item: the statement (``edge``, with its evidence) and,
    for an organisation that takes part through one of its people, that person's id."""

    relation: str
    edge: Edge
    through: str = ""


# -- reading -----------------------------------------------------------------------------------

def find_document(store, reference: str) -> dict:
    """The one document a reference names: its source path, file name, id (or its first digits)
    or title, as :func:`actorgraph.graph.store.find_documents` reads them.

    Raises
    ------
    UnknownEntity
        When no document, or more than one, matches.
    """
    from actorgraph.graph.store import find_documents

    found = find_documents(store, reference)
    if not found:
        raise UnknownEntity(f"no document matches '{reference}' (a path, a file name, an id or a title); "
                            "list them with 'actorgraph documents'")
    if len(found) > 1:
        names = "; ".join(f"{d['id']} {d['source']}" for d in found[:5])
        raise UnknownEntity(f"'{reference}' matches {len(found)} documents ({names}); give its id")
    return found[0]


def analysis_data(store, document: str | None = None, *, recommendations: bool = False) -> GraphData:
    """The graph view of the store (:func:`~actorgraph.graph.view.graph_data`), restricted to
    the evidence of one ``document`` (a path, file name, id or title) when one is given."""
    from actorgraph.graph.view import graph_data

    data = graph_data(store, recommendations=recommendations)
    if document is None:
        return data
    return restrict_to_documents(data, {find_document(store, document)["graph"]})


def restrict_to_documents(data: GraphData, documents: set[str]) -> GraphData:
    """Only the evidence from these documents (IRIs): an edge with none left goes, and so does
    an entity left with no edge."""
    edges = []
    for e in data.edges:
        evidence = [ev for ev in e.evidence if ev.document in documents]
        if evidence:
            edges.append(Edge(e.source, e.target, e.relation, e.modality, evidence))
    used = {n for e in edges for n in (e.source, e.target)}
    return GraphData({k: v for k, v in data.nodes.items() if k in used}, edges)


# -- cooperation ---------------------------------------------------------------------------------

def _add_node(g, node) -> None:
    if node.id not in g:
        g.add_node(node.id, label=node.label, type=node.type)


def _edge(g, u: str, v: str) -> dict:
    if not g.has_edge(u, v):
        g.add_edge(u, v, actual=0, proposed=0, shared=[], statements=[], weight=0)
    return g.edges[u, v]


def cooperation_network(data: GraphData, *, modality: str | None = None, types=None):
    """The undirected graph of cooperation statements between actors and initiatives.

    Parameters
    ----------
    data : GraphData
    modality : {"actual", "proposed"}, optional
        Only statements of this modality.
    types : collection of str, optional
        Only entities of these core classes (e.g. ``{"Organisation"}``).

    Returns
    -------
    networkx.Graph
        Nodes: entity ids with ``label`` and ``type``. Edges: ``actual`` and ``proposed``
        (statement counts; a statement with no modality counts as actual), ``weight`` (their
        sum), ``statements`` (the :class:`~actorgraph.graph.view.Edge` objects) and ``shared``
        (empty here).
    """
    import networkx as nx

    g = nx.Graph()
    for e in data.edges:
        if e.relation != "cooperatesWith" or e.source == e.target:
            continue
        if modality and e.modality != modality:
            continue
        s, t = data.nodes[e.source], data.nodes[e.target]
        if types and (s.type not in types or t.type not in types):
            continue
        _add_node(g, s)
        _add_node(g, t)
        d = _edge(g, s.id, t.id)
        n = len(e.evidence)
        d["proposed" if e.modality == "proposed" else "actual"] += n
        d["weight"] += n
        d["statements"].append(e)
    return g


# -- co-participation ----------------------------------------------------------------------------

def participation_graph(data: GraphData, *, through_people: bool = True):
    """The bipartite graph of actors and the initiatives and events they take part in.

    Parameters
    ----------
    data : GraphData
    through_people : bool
        An organisation takes part in what its people (``affiliatedWith``) take part in.

    Returns
    -------
    networkx.Graph
        Nodes have ``bipartite`` (0 for actors, 1 for items), ``label`` and ``type``; each
        edge has ``links``, the :class:`Link` objects that say why.
    """
    import networkx as nx

    b = nx.Graph()
    links: dict[tuple[str, str], list[Link]] = {}
    for e in data.edges:
        if e.relation not in INVOLVEMENT:
            continue
        s, t = data.nodes[e.source], data.nodes[e.target]
        if s.type in ACTORS and t.type in ITEMS:
            actor, item = s, t
        elif e.relation == "cooperatesWith" and s.type in ITEMS and t.type in ACTORS:
            actor, item = t, s
        else:
            continue
        if e.relation == "cooperatesWith" and item.type != "Initiative":
            continue
        links.setdefault((actor.id, item.id), []).append(Link(e.relation, e))
    if through_people:
        employers: dict[str, list[str]] = {}
        for e in data.edges:
            if e.relation == "affiliatedWith" and data.nodes[e.source].type == "Person":
                employers.setdefault(e.source, []).append(e.target)
        for (actor, item), own in list(links.items()):
            for org in employers.get(actor, ()):
                links.setdefault((org, item), []).extend(Link(k.relation, k.edge, actor) for k in own)
    for (actor, item), found in links.items():
        for n, side in ((data.nodes[actor], 0), (data.nodes[item], 1)):
            if n.id not in b:
                b.add_node(n.id, bipartite=side, label=n.label, type=n.type)
        b.add_edge(actor, item, links=found)
    return b


def _carriers(b, node: str, item: str) -> set[str]:
    return {k.through or node for k in b.edges[node, item]["links"]}


def _shared(b, u: str, v: str) -> list[str]:
    """The items (or, between two items, the actors) that u and v share, sorted: an item two
    actors take part in only through the same person is not shared."""
    common = set(b[u]) & set(b[v])
    if b.nodes[u]["bipartite"] == 1:
        return sorted(common)
    return sorted(i for i in common if any(x != y for x in _carriers(b, u, i) for y in _carriers(b, v, i)))


def co_participation_network(data, *, side: str = "actors", through_people: bool = True):
    """The projection of :func:`participation_graph` onto the actors (``side="actors"``): two
    actors are linked by the initiatives and sessions they share; or onto the items
    (``side="items"``): two initiatives or sessions are linked by the actors they share.

    ``data`` is a :class:`~actorgraph.graph.view.GraphData` or a graph from
    :func:`participation_graph`. Edges have ``shared`` (the shared ids, sorted) and
    ``weight`` (how many), and ``actual = proposed = 0``, ``statements = []``.
    """
    from networkx.algorithms import bipartite

    b = participation_graph(data, through_people=through_people) if isinstance(data, GraphData) else data
    wanted = 0 if side == "actors" else 1
    nodes = sorted(n for n, d in b.nodes(data=True) if d["bipartite"] == wanted)
    p = bipartite.generic_weighted_projected_graph(b, nodes, weight_function=lambda g, u, v: len(_shared(g, u, v)))
    for u, v, d in list(p.edges(data=True)):
        if d["weight"] == 0:
            p.remove_edge(u, v)
        else:
            d.update(shared=_shared(b, u, v), actual=0, proposed=0, statements=[])
    p.remove_nodes_from([n for n in list(p) if p.degree(n) == 0])
    return p


def network(data: GraphData, via: str = "cooperation", *, modality: str | None = None, types=None):
    """The network the analyses run on: ``via="cooperation"`` (:func:`cooperation_network`),
    ``"initiative"`` (:func:`co_participation_network`) or ``"both"`` (their union; an edge's
    ``weight`` is its statements plus its shared items). ``modality`` filters cooperation
    statements; ``types`` keeps entities of these core classes only."""
    if via not in VIA:
        raise ValueError(f"via must be one of {', '.join(VIA)}, not {via!r}")
    if via == "initiative" and modality:
        raise ValueError("modality applies to cooperation statements; shared initiatives have none")
    if via == "cooperation":
        return cooperation_network(data, modality=modality, types=types)
    shared = co_participation_network(data)
    if types:
        shared = shared.subgraph(n for n in shared if shared.nodes[n]["type"] in types).copy()
        shared.remove_nodes_from([n for n in list(shared) if shared.degree(n) == 0])
    if via == "initiative":
        return shared
    g = cooperation_network(data, modality=modality, types=types)
    for n, attrs in shared.nodes(data=True):
        if n not in g:
            g.add_node(n, **attrs)
    for u, v, d in shared.edges(data=True):
        e = _edge(g, u, v)
        e["shared"] = list(d["shared"])
        e["weight"] += len(d["shared"])
    return g


# -- one actor's partners ------------------------------------------------------------------------

def _describe(links: list[Link], data: GraphData) -> tuple[str, Link]:
    """How an actor takes part in an item, in words, and the link whose evidence to quote."""
    ordered = sorted(links, key=lambda k: (bool(k.through), k.relation, k.through))
    words = []
    for k in ordered:
        w = k.relation + (f" through {data.nodes[k.through].label}" if k.through else "")
        if w not in words:
            words.append(w)
    return "; ".join(words), ordered[0]


def co_participants(data: GraphData, entity: str, *, through_people: bool = True) -> list[dict]:
    """Who shares initiatives or sessions with ``entity`` (an actor's id), or, for an
    initiative or event, which others share actors with it: its row of
    :func:`co_participation_network`, one row per partner and shared item, with the evidence
    of both sides.

    Rows: ``partner``, ``partner_id``, ``type``, ``shared``, ``shared_id``, ``shared_type``,
    ``shared_count`` (items shared with this partner), ``link`` (how the partner takes part),
    ``evidence``, ``document``, ``start``, ``end``, and the same for the entity: ``own_link``,
    ``own_evidence``, ``own_document``, ``own_start``, ``own_end``. Partners sharing most come
    first.

    Examples
    --------
    >>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
    >>> ev = Evidence("Europol and Frontex support JOT Mare.", "urn:doc", "r.txt", "R", 0, 37, "r")
    >>> data = GraphData({"e": Node("e", "Europol", "Organisation"), "f": Node("f", "Frontex", "Organisation"),
    ...                   "j": Node("j", "JOT Mare", "Initiative")},
    ...                  [Edge("e", "j", "participatesIn", "", [ev]), Edge("f", "j", "participatesIn", "", [ev])])
    >>> [(r["partner"], r["shared"], r["link"]) for r in co_participants(data, "e")]
    [('Frontex', 'JOT Mare', 'participatesIn')]
    """
    b = participation_graph(data, through_people=through_people)
    if entity not in b:
        return []
    candidates = {n for item in b[entity] for n in b[item]} - {entity}
    partners = []
    for v in candidates:
        items = _shared(b, entity, v)
        if items:
            partners.append((v, items))
    partners.sort(key=lambda p: (-len(p[1]), data.nodes[p[0]].label.lower(), p[0]))
    rows = []
    for v, items in partners:
        for item in sorted(items, key=lambda i: (data.nodes[i].label.lower(), i)):
            link, theirs = _describe(b.edges[v, item]["links"], data)
            own_link, mine = _describe(b.edges[entity, item]["links"], data)
            ev, own = theirs.edge.evidence[0], mine.edge.evidence[0]
            rows.append({
                "partner": data.nodes[v].label, "partner_id": v, "type": data.nodes[v].type,
                "shared": data.nodes[item].label, "shared_id": item, "shared_type": data.nodes[item].type,
                "shared_count": len(items),
                "link": link, "evidence": ev.sentence, "document": _name(ev.source), "start": ev.start, "end": ev.end,
                "own_link": own_link, "own_evidence": own.sentence, "own_document": _name(own.source),
                "own_start": own.start, "own_end": own.end,
            })
    return rows


def _name(source: str) -> str:
    from actorgraph.graph.queries import document_name

    return document_name(source)


def cooperation_partners(store, entity: str, modality: str | None = None, document: str | None = None,
                         curated: str = "include") -> list[dict]:
    """Who cooperates with ``entity`` (an IRI): the rows of
    :func:`actorgraph.graph.queries.cooperates`, restricted to one ``document`` (a path, file
    name, id or title) when one is given. One SPARQL query; networkx is not needed.

    Raises
    ------
    UnknownEntity
        When ``document`` names no document, or several.
    """
    from actorgraph.graph import queries

    graph = find_document(store, document)["graph"] if document is not None else None
    return queries.cooperates(store, entity, modality, curated=curated, document=graph)
