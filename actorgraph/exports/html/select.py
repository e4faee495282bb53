"""Which part of the graph a page shows: a :class:`View` (focus, depth, classes, relation
types, minimum degree) applied to :class:`~actorgraph.graph.view.GraphData`.

The steps run in a fixed order, each on the result of the one before:

1. ``types`` keeps the entities of those core classes (and the relations between them);
2. ``relations`` keeps the relations of those types (entities stay, even if left alone);
3. ``focus`` and ``depth`` keep the entities within ``depth`` relations of the focus entity,
   following relations in either direction;
4. ``min_degree`` keeps the entities that take part in at least that many of the remaining
   relations (counted once, before any is removed).

The focus entity itself is always kept.

Examples
--------
>>> from actorgraph.graph.view import Edge, GraphData, Node
>>> data = GraphData(
...     {i: Node(i, i.title(), t) for i, t in [("a", "Organisation"), ("b", "Organisation"),
...                                            ("c", "Person"), ("d", "Place")]},
...     [Edge("a", "b", "cooperatesWith", "actual"), Edge("c", "a", "affiliatedWith")])
>>> sorted(select_view(data, View(focus="b", depth=1)).nodes)
['a', 'b']
>>> sorted(select_view(data, View(focus="b", depth=2)).nodes)
['a', 'b', 'c']
>>> sorted(select_view(data, View(types=["Organisation"])).nodes)
['a', 'b']
>>> sorted(select_view(data, View(min_degree=1)).nodes)
['a', 'b', 'c']
"""

from __future__ import annotations

__all__ = ["View", "select_view"]

from collections import defaultdict
from dataclasses import dataclass, field

from actorgraph.graph.view import GraphData


@dataclass
class View:
    """What to show. ``focus`` is an entity IRI (resolve names with
    :func:`actorgraph.graph.queries.find_entity` first)."""

    focus: str | None = None
    depth: int = 1
    types: list[str] | None = None
    relations: list[str] | None = None
    min_degree: int = 0
    focus_label: str = field(default="", compare=False)
    # the relations analysts asserted or changed by hand: include, exclude or only (read by
    # graph_data, before the steps above)
    curated: str = "include"

    def describe(self) -> str:
        """The view in words, for the page's subtitle: ``"around Europol (depth 2)"``."""
        parts = []
        if self.focus:
            parts.append(f"around {self.focus_label or self.focus} (depth {self.depth})")
        if self.types:
            parts.append("classes: " + ", ".join(self.types))
        if self.relations:
            parts.append("relations: " + ", ".join(self.relations))
        if self.min_degree:
            parts.append(f"at least {self.min_degree} relation(s) each")
        if self.curated == "exclude":
            parts.append("without the relations asserted or changed by hand")
        elif self.curated == "only":
            parts.append("only the relations asserted or changed by hand")
        return "; ".join(parts)


def select_view(data: GraphData, view: View) -> GraphData:
    """The part of ``data`` that ``view`` asks for (a new GraphData; ``data`` is unchanged)."""
    keep = set(data.nodes)
    if view.types:
        wanted = set(view.types)
        keep = {n for n in keep if data.nodes[n].type in wanted or n == view.focus}
    edges = [e for e in data.edges if e.source in keep and e.target in keep]
    if view.relations:
        wanted = set(view.relations)
        edges = [e for e in edges if e.relation in wanted]
    if view.focus:
        keep = _within(view.focus, view.depth, edges) & keep
        edges = [e for e in edges if e.source in keep and e.target in keep]
    if view.min_degree > 0:
        degree: dict[str, int] = defaultdict(int)
        for e in edges:
            degree[e.source] += 1
            degree[e.target] += 1
        keep = {n for n in keep if degree[n] >= view.min_degree or n == view.focus}
        edges = [e for e in edges if e.source in keep and e.target in keep]
    nodes = {iri: node for iri, node in data.nodes.items() if iri in keep}
    return GraphData(nodes, edges)


def _within(start: str, depth: int, edges) -> set[str]:
    """Entities at most ``depth`` relations away from ``start``, in either direction."""
    neighbours: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        neighbours[e.source].add(e.target)
        neighbours[e.target].add(e.source)
    seen, frontier = {start}, {start}
    for _ in range(depth):
        frontier = {m for n in frontier for m in neighbours[n]} - seen
        if not frontier:
            break
        seen |= frontier
    return seen
