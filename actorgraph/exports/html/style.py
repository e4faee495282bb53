"""How the network looks: one colour and shape per core class, one line style per relation,
dashes for proposed cooperation, dots for what an analyst asserted or changed by hand. The
legend on the page is drawn from these same tables.

Colours are the Okabe-Ito palette (distinguishable with the common colour-vision
deficiencies); shape doubles the class so that it does not rest on colour alone.

Examples
--------
>>> CLASS_STYLE["Organisation"]["shape"]
'square'
>>> edge_style("cooperatesWith", "proposed")
{'color': '#C0392B', 'width': 3, 'dashes': [8, 6]}
>>> edge_style("cooperatesWith", "actual")
{'color': '#C0392B', 'width': 3}
>>> edge_style("participatesIn")["arrows"]
'to'
>>> edge_style("cooperatesWith", "actual", curated=True)
{'color': '#C0392B', 'width': 3, 'dashes': [2, 5]}
>>> edge_style("cooperatesWith", "proposed", curated=True)["dashes"]
[8, 4, 2, 4]
"""

from __future__ import annotations

__all__ = [
    "CLASS_STYLE",
    "RELATION_STYLE",
    "MODALITY_STYLE",
    "CURATED_DASHES",
    "CURATED_PROPOSED_DASHES",
    "DEFAULT_RELATION_STYLE",
    "relation_style",
    "edge_style",
]

#: vis-network ``shape`` and colour of each core class.
CLASS_STYLE: dict[str, dict] = {
    "Organisation": {"color": "#0072B2", "shape": "square"},
    "Person": {"color": "#E69F00", "shape": "dot"},
    "Initiative": {"color": "#009E73", "shape": "diamond"},
    "Event": {"color": "#CC79A7", "shape": "star"},
    "Route": {"color": "#D55E00", "shape": "triangle"},
    "Place": {"color": "#8C8C8C", "shape": "triangleDown"},
}

#: Line colour, width and direction of each relation type. Symmetric relations
#: (cooperation) have no arrow.
RELATION_STYLE: dict[str, dict] = {
    "cooperatesWith": {"color": "#C0392B", "width": 3, "arrow": False},
    "participatesIn": {"color": "#009E73", "width": 2, "arrow": True},
    "affiliatedWith": {"color": "#E69F00", "width": 1.5, "arrow": True},
    "partOf": {"color": "#0072B2", "width": 1.5, "arrow": True},
    "organises": {"color": "#56B4E9", "width": 1.5, "arrow": True},
    "speaksAt": {"color": "#CC79A7", "width": 1, "arrow": True},
    "chairs": {"color": "#CC79A7", "width": 1, "arrow": True},
    "panellistAt": {"color": "#CC79A7", "width": 1, "arrow": True},
    "locatedIn": {"color": "#8C8C8C", "width": 1, "arrow": True},
}

#: A relation type added to the ontology without a style here is still drawn.
DEFAULT_RELATION_STYLE = {"color": "#555555", "width": 1, "arrow": True}

#: How a cooperation's modality changes its line: proposed cooperation is dashed.
MODALITY_STYLE: dict[str, dict] = {
    "actual": {"dashes": False},
    "proposed": {"dashes": [8, 6]},
}


#: A relation asserted by hand, or whose modality an analyst changed (docs/curation.md), is
#: dotted; proposed and curated, dash-dotted.
CURATED_DASHES = [2, 5]
CURATED_PROPOSED_DASHES = [8, 4, 2, 4]


def relation_style(relation: str) -> dict:
    return RELATION_STYLE.get(relation, DEFAULT_RELATION_STYLE)


def edge_style(relation: str, modality: str = "", curated: bool = False) -> dict:
    """The vis-network attributes of one edge: ``color``, ``width``, ``arrows`` (``"to"``) for
    a directed relation, ``dashes`` for proposed cooperation and for a ``curated`` relation
    (asserted or changed by hand). As few as can be: vis-network
    parses each edge's options, and a large page has tens of thousands of edges (what is the
    same for all edges is in :func:`~actorgraph.exports.html.network.vis_options`)."""
    style = relation_style(relation)
    out = {"color": style["color"], "width": style["width"]}
    if style["arrow"]:
        out["arrows"] = "to"
    dashes = MODALITY_STYLE.get(modality, {"dashes": False})["dashes"]
    if curated:
        dashes = CURATED_PROPOSED_DASHES if dashes else CURATED_DASHES
    if dashes:
        out["dashes"] = dashes
    return out
