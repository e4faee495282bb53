"""Brokers: who sits between the others in the cooperation network.

Two standard measures from networkx, on the undirected network of
:func:`~actorgraph.analysis.network.network` (each pair of partners counts once, however many
statements link them):

* **betweenness** (:func:`networkx.betweenness_centrality`, normalised): the share of the
  shortest chains between two other actors that pass through this one. A high value marks a
  broker: take it away and others are cut off from each other or drift further apart.
* **degree** (:func:`networkx.degree_centrality`): the share of the other actors in the network
  it works with directly.

Betweenness is exact up to :data:`EXACT_LIMIT` nodes; above, it is estimated from
:data:`PIVOTS` source nodes drawn with a fixed seed (networkx's ``k``/``seed``), so the ranking
is the same from run to run.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "report.txt", "Report", 0, 3, "rule")
>>> nodes = {k: Node(k, k.title(), "Organisation") for k in ("cepol", "europol", "frontex", "emsc")}
>>> data = GraphData(nodes, [Edge("cepol", "frontex", "cooperatesWith", "actual", [ev]),
...                          Edge("europol", "frontex", "cooperatesWith", "actual", [ev, ev]),
...                          Edge("emsc", "europol", "cooperatesWith", "proposed", [ev])])
>>> [(r["actor"], r["betweenness"], r["degree"], r["partners"], r["statements"]) for r in brokers(data)]
[('Europol', 0.667, 0.667, 2, 3), ('Frontex', 0.667, 0.667, 2, 3), ('Cepol', 0.0, 0.333, 1, 1), ('Emsc', 0.0, 0.333, 1, 1)]
"""

from __future__ import annotations

__all__ = ["MEASURES", "EXACT_LIMIT", "PIVOTS", "centrality", "brokers"]

from actorgraph.analysis.network import SEED, network
from actorgraph.graph.view import GraphData

#: What each measure means, in one line (the CLI prints these above its ranking).
MEASURES = {
    "betweenness": "betweenness = the share of shortest chains between two other actors that pass "
                   "through this one (a broker: without it, others are cut off or further apart)",
    "degree": "degree = the share of the other actors in the network it works with directly",
}

#: Betweenness is exact on networks up to this many nodes, sampled above.
EXACT_LIMIT = 1000
#: The number of source nodes the sampled betweenness starts from.
PIVOTS = 300


def _graph(data, via, modality, types):
    return network(data, via, modality=modality, types=types) if isinstance(data, GraphData) else data


def centrality(data, *, via: str = "cooperation", modality: str | None = None, types=None,
               seed: int = SEED) -> dict[str, dict[str, float]]:
    """Node id -> ``{"betweenness": b, "degree": d}`` on the network of ``data`` (a
    :class:`~actorgraph.graph.view.GraphData`, read with :func:`network` and these options, or
    a networkx graph)."""
    import networkx as nx

    g = _graph(data, via, modality, types)
    if g.number_of_nodes() == 0:
        return {}
    k = None if g.number_of_nodes() <= EXACT_LIMIT else PIVOTS
    between = nx.betweenness_centrality(g, k=k, normalized=True, seed=seed)
    degree = nx.degree_centrality(g)
    return {n: {"betweenness": between[n], "degree": degree[n]} for n in g}


def brokers(data, *, top: int | None = None, via: str = "cooperation", modality: str | None = None,
            types=None, seed: int = SEED) -> list[dict]:
    """The entities of the network ranked by betweenness, then degree, then name.

    Rows: ``rank``, ``actor``, ``id``, ``type``, ``betweenness`` and ``degree`` (rounded to 3
    places), ``partners`` (how many it is linked with), ``statements`` (cooperation statements
    on those links) and ``shared`` (initiatives and sessions shared with them, counted once per
    partner).
    """
    g = _graph(data, via, modality, types)
    scores = centrality(g, seed=seed)
    rows = []
    for n, s in scores.items():
        edges = [g.edges[n, m] for m in g[n]]
        rows.append({
            "actor": g.nodes[n]["label"], "id": n, "type": g.nodes[n]["type"],
            "betweenness": round(s["betweenness"], 3), "degree": round(s["degree"], 3),
            "partners": g.degree(n),
            "statements": sum(e["actual"] + e["proposed"] for e in edges),
            "shared": sum(len(e["shared"]) for e in edges),
            "_b": s["betweenness"], "_d": s["degree"],
        })
    rows.sort(key=lambda r: (-r.pop("_b"), -r.pop("_d"), r["actor"].lower(), r["id"]))
    ranked = [{"rank": i, **r} for i, r in enumerate(rows, 1)]
    return ranked[:top] if top else ranked
