"""The graph as a pyvis network: vis-network nodes, edges and options, plus what the page's
panel shows about each entity and relation.

pyvis's ``Network`` holds the vis-network data. Its lists are filled directly:
``Network.add_edge`` on an undirected network scans every edge already added (27 s for 5,000
nodes and 25,000 edges on our machines) and drops a second edge between the same two
entities; each edge here is already unique.

Node size grows with the entity's degree centrality (networkx), computed on the undirected
simple graph: the share of the other entities it is directly related to, however many
relations or sentences link them (drawn on a square-root scale, so that the many entities with
one or two relations do not all look alike).

The layout is vis-network's force simulation, seeded, stopped after a bounded number of steps
(and, for a large graph, a bounded time, from starting positions computed here), after which
the page turns physics off.
"""

from __future__ import annotations

__all__ = ["PageData", "page_data", "vis_options", "stabilisation_iterations", "initial_positions"]

import math
import random
from collections import defaultdict
from dataclasses import dataclass, field

from actorgraph.exports.html.style import (
    CLASS_STYLE,
    CURATED_DASHES,
    MODALITY_STYLE,
    RELATION_STYLE,
    edge_style,
    relation_style,
)
from actorgraph.graph.view import GraphData
from actorgraph.ontology import CORE_CLASSES, LABELS, RELATIONS

#: A graph with more nodes or edges than this is drawn the cheap way: straight edges, no
#: hover effects, edges hidden while dragging or zooming, a shorter layout run.
LARGE_NODES = 1000
LARGE_EDGES = 3000

LAYOUT_SEED = 7


@dataclass
class PageData:
    """Everything the page embeds, as JSON-ready values. ``nodes``/``edges``/``options``
    are vis-network's (from the pyvis network); ``entities``/``links`` are indexed like
    them and hold what the side panel shows."""

    nodes: list[dict]
    edges: list[dict]
    options: dict
    entities: list[dict]
    links: list[dict]
    documents: list[dict]
    classes: list[dict]
    relations: list[dict]
    modalities: list[dict]
    layout: dict
    # extracted / curated (asserted or changed by hand): the legend's "Source" filter
    curation: list[dict] = field(default_factory=list)

    def as_json(self) -> dict:
        return dict(self.__dict__)


#: The layout of a large graph stops after this long even if its steps are not done (on a slow
#: or busy machine); a small graph's is bounded by its number of steps only.
LAYOUT_BUDGET_MS = 2500


def _large(n_nodes: int, n_edges: int) -> bool:
    return n_nodes > LARGE_NODES or n_edges > LARGE_EDGES


def stabilisation_iterations(n_nodes: int, n_edges: int) -> int:
    """How many layout steps the page runs before it turns physics off: enough for a
    settled picture of a small graph, fewer for a large one, which is also stopped after
    :data:`LAYOUT_BUDGET_MS` (see docs/html.md for the measurements)."""
    size = n_nodes + n_edges
    if size <= 1000:
        return 1000
    if size <= 5000:
        return 400
    return 100


def vis_options(n_nodes: int, n_edges: int) -> dict:
    """vis-network options: seeded layout, bounded stabilisation, scaled labels that vanish
    when too small to read, groups (one per core class)."""
    large = _large(n_nodes, n_edges)
    groups = {
        cls: {
            "shape": s["shape"],
            "color": {
                "background": s["color"],
                "border": "#333333",
                "highlight": {"background": s["color"], "border": "#000000"},
                "hover": {"background": s["color"], "border": "#000000"},
            },
        }
        for cls, s in CLASS_STYLE.items()
    }
    return {
        "autoResize": True,
        "layout": {"randomSeed": LAYOUT_SEED, "improvedLayout": not large},
        "physics": {
            "enabled": True,
            "solver": "forceAtlas2Based",
            "forceAtlas2Based": {
                "gravitationalConstant": -60,
                "centralGravity": 0.012,
                "springLength": 90,
                "springConstant": 0.06,
                "damping": 0.5,
                "avoidOverlap": 0.4 if not large else 0,
            },
            "minVelocity": 1.0,
            # small batches between which the page can stop a long layout (and repaint)
            "stabilization": {
                "enabled": True,
                "iterations": stabilisation_iterations(n_nodes, n_edges),
                "updateInterval": 2 if large else 50,
                "fit": False,
            },
        },
        "nodes": {
            "borderWidth": 1,
            "font": {
                "size": 15,
                "face": "system-ui, -apple-system, Segoe UI, Roboto, sans-serif",
                "color": "#1a1a1a",
                "strokeWidth": 3,
                "strokeColor": "#ffffff",
            },
            "scaling": {
                "min": 8,
                "max": 34,
                "label": {
                    "enabled": True,
                    "min": 10,
                    "max": 30,
                    "maxVisible": 30,
                    "drawThreshold": 7,
                },
            },
            "widthConstraint": {"maximum": 220},
        },
        "edges": {
            "smooth": False,
            "selectionWidth": 2,
            "hoverWidth": 0.5,
            "color": {"opacity": 0.85},
            "arrows": {"to": {"enabled": False, "scaleFactor": 0.5}},
        },
        "groups": groups,
        "interaction": {
            "hover": not large,
            "tooltipDelay": 250,
            "hideEdgesOnDrag": large,
            "hideEdgesOnZoom": large,
            "navigationButtons": False,
            "keyboard": {"enabled": False},
            "multiselect": False,
        },
    }


def page_data(
    data: GraphData,
    mentions: dict[str, set[str]] | None = None,
    titles: dict[str, tuple[str, str]] | None = None,
) -> PageData:
    """Turn the graph into the page's data.

    Parameters
    ----------
    data : GraphData
        The entities and relations to draw.
    mentions : dict, optional
        Entity IRI -> IRIs of the documents that mention it (for the document filter and
        the panel); without it, an entity's documents are those of its relations' evidence.
    titles : dict, optional
        Document IRI -> ``(title, source path)`` for documents that give no evidence.
    """
    from pyvis.network import Network

    index = {iri: i for i, iri in enumerate(data.nodes)}
    documents = _documents(data, mentions or {}, titles or {})
    doc_index = {d["id"]: i for i, d in enumerate(documents)}
    centrality = _centrality(data)

    entity_docs: dict[str, set[int]] = defaultdict(set)
    for iri, docs in (mentions or {}).items():
        entity_docs[iri].update(doc_index[d] for d in docs if d in doc_index)
    links, vis_edges = [], []
    curve = _parallel_curves(data)
    for j, e in enumerate(data.edges):
        ev_docs = {doc_index[ev.document] for ev in e.evidence}
        entity_docs[e.source] |= ev_docs
        entity_docs[e.target] |= ev_docs
        curation = e.curation
        link = {
            "from": index[e.source],
            "to": index[e.target],
            "relation": e.relation,
            "modality": e.modality,
            "docs": sorted(ev_docs),
            "evidence": [_evidence(ev, doc_index) for ev in e.evidence],
        }
        if curation:  # only then: a large page carries no empty fields
            # "asserted" when a statement of it was asserted by hand, else "modality"
            link["curated"] = "asserted" if any(c.how == "asserted" for c in curation) else "modality"
            link["extracted"] = e.extracted
        links.append(link)
        src, dst = data.nodes[e.source].label, data.nodes[e.target].label
        tip = f"{src} {_relation_label(e.relation)} {dst}" + (
            f" ({e.modality})" if e.modality else ""
        )
        tip += f" \u2014 {len(e.evidence)} sentence(s)"
        if curation:
            tip += " \u2014 " + ("asserted by hand" if link["curated"] == "asserted" else "modality changed by hand")
        vis_edges.append(
            {
                "id": j,
                "from": index[e.source],
                "to": index[e.target],
                "title": tip,
                **edge_style(e.relation, e.modality, curated=bool(curation)),
                **curve.get(j, {}),
            }
        )

    entities, vis_nodes = [], []
    for iri, i in index.items():
        n = data.nodes[iri]
        specific = [LABELS.get(c, c) for c in n.classes]
        entities.append(
            {
                "iri": iri,
                "label": n.label,
                "type": n.type,
                "classes": specific,
                "aliases": n.aliases,
                "wikidata": n.wikidata,
                "docs": sorted(entity_docs.get(iri, ())),
                "degree": 0,
                "centrality": round(centrality.get(iri, 0.0), 4),
                "curated": n.curated,
            }
        )
        kind = n.type + (f": {', '.join(specific)}" if specific else "")
        vis_nodes.append(
            {
                "id": i,
                "label": n.label,
                "group": n.type if n.type in CLASS_STYLE else "Organisation",
                # vis-network scales sizes linearly: the square root keeps small ones apart
                "value": round(math.sqrt(centrality.get(iri, 0.0)), 5),
                "title": f"{n.label} ({kind})",
            }
        )
    for link in links:
        entities[link["from"]]["degree"] += 1
        entities[link["to"]]["degree"] += 1
    for entity, node in zip(entities, vis_nodes):
        if not entity["degree"]:
            # an entity with no relation takes no part in the layout: the page shelves it
            node["physics"] = False
    large = _large(len(vis_nodes), len(vis_edges))
    if large:
        start = initial_positions(data)
        for iri, i in index.items():
            vis_nodes[i]["x"], vis_nodes[i]["y"] = start[iri]

    net = Network(directed=True, cdn_resources="in_line")
    net.nodes, net.edges = vis_nodes, vis_edges
    net.node_ids = list(range(len(vis_nodes)))
    net.options = vis_options(len(vis_nodes), len(vis_edges))
    nodes, edges, _heading, _height, _width, _options = net.get_network_data()
    return PageData(
        nodes=nodes,
        edges=edges,
        options=net.options,
        entities=entities,
        links=links,
        documents=documents,
        classes=_class_legend(data),
        relations=_relation_legend(data),
        modalities=_modality_legend(data),
        curation=_curation_legend(data),
        # a small graph's layout is bounded by its steps alone, so that it is the same on every
        # machine; a large one is a cloud at first sight anyway: no stretch (an update per node)
        layout={"budget_ms": LAYOUT_BUDGET_MS if large else None, "stretch": not large},
    )


def initial_positions(
    data: GraphData, spacing: float = 90.0, seed: int = LAYOUT_SEED
) -> dict[str, tuple[float, float]]:
    """Starting positions for a large graph, so that the bounded layout run starts from a
    rough picture rather than from vis-network's ring: each entity, in breadth-first order
    from the best connected, is put near the entities already placed that it is related to.
    Deterministic (seeded); linear in the size of the graph."""
    rng = random.Random(seed)
    neighbours: dict[str, list[str]] = defaultdict(list)
    for e in data.edges:
        neighbours[e.source].append(e.target)
        neighbours[e.target].append(e.source)
    radius = spacing * math.sqrt(max(len(data.nodes), 1) / math.pi)
    pos: dict[str, tuple[float, float]] = {}
    for root in sorted(data.nodes, key=lambda n: -len(neighbours[n])):
        if root in pos:
            continue
        queue = [root]
        for node in queue:  # breadth first; the list grows while it is walked
            if node in pos:
                continue
            placed = [pos[m] for m in neighbours[node] if m in pos]
            angle = rng.uniform(0, 2 * math.pi)
            if placed:
                x = sum(p[0] for p in placed) / len(placed) + spacing * math.cos(angle)
                y = sum(p[1] for p in placed) / len(placed) + spacing * math.sin(angle)
            else:
                r = radius * math.sqrt(rng.random())
                x, y = r * math.cos(angle), r * math.sin(angle)
            pos[node] = (x, y)
            queue.extend(m for m in neighbours[node] if m not in pos)
    # placed near their neighbours, entities crowd the centre; a crowd makes the layout's
    # first steps throw them far apart. Keep each one's direction and rank of distance from
    # the centre, and spread the ranks evenly over a disc of one spacing per entity
    cx = sum(p[0] for p in pos.values()) / max(len(pos), 1)
    cy = sum(p[1] for p in pos.values()) / max(len(pos), 1)
    by_distance = sorted(pos, key=lambda n: (pos[n][0] - cx) ** 2 + (pos[n][1] - cy) ** 2)
    spread = {}
    for rank, node in enumerate(by_distance):
        angle = math.atan2(pos[node][1] - cy, pos[node][0] - cx)
        r = radius * math.sqrt((rank + 0.5) / len(by_distance))
        spread[node] = (round(r * math.cos(angle), 1), round(r * math.sin(angle), 1))
    return spread


def _relation_label(relation: str) -> str:
    return RELATIONS.get(relation, {}).get("edge") or relation


def _centrality(data: GraphData) -> dict[str, float]:
    import networkx as nx

    g = nx.Graph()
    g.add_nodes_from(data.nodes)
    g.add_edges_from((e.source, e.target) for e in data.edges if e.source != e.target)
    return nx.degree_centrality(g) if len(g) > 1 else {n: 0.0 for n in g}


def _parallel_curves(data: GraphData) -> dict[int, dict]:
    """Edges between the same two entities are curved apart so that each can be clicked."""
    seen: dict[frozenset, int] = defaultdict(int)
    out = {}
    for j, e in enumerate(data.edges):
        pair = frozenset((e.source, e.target))
        k = seen[pair]
        seen[pair] += 1
        if k:
            out[j] = {
                "smooth": {
                    "enabled": True,
                    "type": "curvedCW" if k % 2 else "curvedCCW",
                    "roundness": 0.2 * ((k + 1) // 2),
                }
            }
    return out


def _documents(
    data: GraphData, mentions: dict[str, set[str]], titles: dict[str, tuple[str, str]]
) -> list[dict]:
    docs: dict[str, dict] = {}
    for e in data.edges:
        for ev in e.evidence:
            docs.setdefault(
                ev.document, {"id": ev.document, "title": ev.title, "source": ev.source}
            )
    for iri in data.nodes:
        for d in mentions.get(iri, ()):
            if d not in docs:
                title, source = titles.get(d, ("", ""))
                docs[d] = {"id": d, "title": title, "source": source}
    return sorted(docs.values(), key=lambda d: (d["title"].casefold(), d["source"], d["id"]))


def _class_legend(data: GraphData) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for n in data.nodes.values():
        counts[n.type] += 1
    return [
        {"name": c, "label": LABELS.get(c, c), "count": counts[c], **CLASS_STYLE[c]}
        for c in CORE_CLASSES
        if c in CLASS_STYLE
    ]


def _relation_legend(data: GraphData) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for e in data.edges:
        counts[e.relation] += 1
    names = list(RELATIONS) + sorted(set(counts) - set(RELATIONS))
    ordered = sorted(
        names,
        key=lambda r: (
            r not in RELATION_STYLE,
            list(RELATION_STYLE).index(r) if r in RELATION_STYLE else 0,
            r,
        ),
    )
    return [
        {"name": r, "label": _relation_label(r), "count": counts[r], **relation_style(r)}
        for r in ordered
    ]


def _evidence(ev, doc_index: dict[str, int]) -> dict:
    out = {
        "sentence": ev.sentence,
        "doc": doc_index[ev.document],
        "start": ev.start,
        "end": ev.end,
        "rule": ev.rule,
        "role": ev.role,
    }
    if ev.curated:
        c = ev.curated
        out["curated"] = {"decision": c.decision, "how": c.how, "by": c.by, "at": c.at[:10],
                          "note": c.note, "source": c.source}
    return out


def _curation_legend(data: GraphData) -> list[dict]:
    """How many relations come (at least in part) from the documents, and how many were
    asserted or changed by hand; an edge with both kinds of evidence counts in each."""
    extracted = sum(1 for e in data.edges if e.extracted)
    curated = sum(1 for e in data.edges if e.curation)
    return [{"name": "extracted", "count": extracted, "dashes": False},
            {"name": "curated", "count": curated, "dashes": CURATED_DASHES}]


def _modality_legend(data: GraphData) -> list[dict]:
    counts: dict[str, int] = defaultdict(int)
    for e in data.edges:
        if e.modality:
            counts[e.modality] += 1
    return [{"name": m, "count": counts[m], **MODALITY_STYLE[m]} for m in MODALITY_STYLE]
