"""Clusters: groups of actors that work more with each other than with the rest.

The communities are found by Louvain modularity optimisation
(:func:`networkx.community.louvain_communities`, seeded, weighted by the number of statements
and shared items on each link), or, with ``method="greedy"``, by Clauset-Newman-Moore greedy
modularity (:func:`networkx.community.greedy_modularity_communities`, deterministic). Two
actors in different connected parts of the network are never in one cluster. Each cluster is
named by its most central members: the highest degree within the cluster, then name.

Clusters are numbered from 1, the largest first (ties: by name), so the numbers are stable for
the same data.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "report.txt", "Report", 0, 3, "rule")
>>> nodes = {k: Node(k, k.upper(), "Organisation") for k in ("iom", "unhcr", "unicef", "europol", "frontex")}
>>> data = GraphData(nodes, [Edge("iom", "unhcr", "cooperatesWith", "proposed", [ev]),
...                          Edge("iom", "unicef", "cooperatesWith", "proposed", [ev]),
...                          Edge("unhcr", "unicef", "cooperatesWith", "proposed", [ev]),
...                          Edge("europol", "frontex", "cooperatesWith", "actual", [ev])])
>>> communities(data)["unicef"], communities(data)["frontex"]
(1, 2)
>>> [(c["cluster"], c["name"], c["size"]) for c in clusters(data, name_size=2)]
[(1, 'IOM, UNHCR', 3), (2, 'EUROPOL, FRONTEX', 2)]
"""

from __future__ import annotations

__all__ = ["METHODS", "communities", "clusters"]

from actorgraph.analysis.network import SEED, network
from actorgraph.graph.view import GraphData

#: The community detection methods: Louvain (seeded) and greedy modularity.
METHODS = ("louvain", "greedy")


def _graph(data, via, modality, types):
    return network(data, via, modality=modality, types=types) if isinstance(data, GraphData) else data


def _detect(g, method: str, seed: int, resolution: float) -> list[set[str]]:
    import networkx as nx

    if method == "louvain":
        return nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
    if method == "greedy":
        return list(nx.community.greedy_modularity_communities(g, weight="weight", resolution=resolution))
    raise ValueError(f"method must be one of {', '.join(METHODS)}, not {method!r}")


def _ordered(g, found: list[set[str]]) -> list[list[str]]:
    """Each community's members, most central first; the communities, largest first."""
    out = []
    for members in found:
        sub = g.subgraph(members)
        out.append(sorted(members, key=lambda n: (-sub.degree(n), g.nodes[n]["label"].lower(), n)))
    out.sort(key=lambda m: (-len(m), [g.nodes[n]["label"].lower() for n in m]))
    return out


def communities(data, *, via: str = "cooperation", modality: str | None = None, types=None,
                method: str = "louvain", seed: int = SEED, resolution: float = 1.0) -> dict[str, int]:
    """Node id -> cluster number (1 = the largest cluster), e.g. to colour a network by
    cluster. ``data`` is a :class:`~actorgraph.graph.view.GraphData` (read with
    :func:`~actorgraph.analysis.network.network` and ``via``, ``modality``, ``types``) or a
    networkx graph whose nodes have a ``label``."""
    g = _graph(data, via, modality, types)
    if g.number_of_nodes() == 0:
        return {}
    return {n: i for i, members in enumerate(_ordered(g, _detect(g, method, seed, resolution)), 1) for n in members}


def clusters(data, *, via: str = "cooperation", modality: str | None = None, types=None,
             method: str = "louvain", seed: int = SEED, resolution: float = 1.0, name_size: int = 3) -> list[dict]:
    """The clusters of the network, largest first.

    Rows: ``cluster`` (its number), ``name`` (its ``name_size`` most central members),
    ``size``, ``members`` (labels, most central first, joined by ``"; "``), ``member_ids``
    (joined by ``" "``), ``links`` (links inside the cluster) and ``modularity`` (of the whole
    partition: how much more the clusters work inside than chance would give, from -0.5 to 1).
    """
    import networkx as nx

    g = _graph(data, via, modality, types)
    if g.number_of_nodes() == 0:
        return []
    found = _detect(g, method, seed, resolution)
    quality = round(nx.community.modularity(g, found, weight="weight", resolution=resolution), 3)
    rows = []
    for i, members in enumerate(_ordered(g, found), 1):
        labels = [g.nodes[n]["label"] for n in members]
        rows.append({
            "cluster": i, "name": ", ".join(labels[:name_size]), "size": len(members),
            "members": "; ".join(labels), "member_ids": " ".join(members),
            "links": g.subgraph(members).number_of_edges(), "modularity": quality,
        })
    return rows
