"""Conclusions, recommendations and next steps, with the session they were made at and the
actors, initiatives, routes and places they address.

Each is a ``Recommendation`` entity in the store (see docs/model.md): its full ``text``, its
``kind`` ("conclusion", "next step", "recommendation"...), its ``rank`` in its list, and the
relations ``madeAt`` (the session or event) and ``addresses``. They are read with
:func:`~actorgraph.graph.view.graph_data` ``(store, recommendations=True)``.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("...", "urn:doc", "bundled:report.txt", "Report", 10, 13, "rule")
>>> nodes = {"r1": Node("r1", "More cooperation", "Recommendation", text="More cooperation with Europol;",
...                     kind="next step", rank=4),
...          "ws": Node("ws", "Workshop 1", "Event"), "europol": Node("europol", "Europol", "Organisation")}
>>> data = GraphData(nodes, [Edge("r1", "ws", "madeAt", "", [ev]), Edge("r1", "europol", "addresses", "", [ev])])
>>> [(r["kind"], r["rank"], r["session"], r["addresses"], r["text"]) for r in recommendations(data, actor="europol")]
[('next step', 4, 'Workshop 1', 'Europol', 'More cooperation with Europol;')]
>>> recommendations(data, session="other")
[]
"""

from __future__ import annotations

__all__ = ["recommendations", "find_recommendations"]

from actorgraph.graph.view import GraphData


def _sessions_within(data: GraphData, session: str) -> set[str]:
    """The session and every event that is part of it (``partOf``, at any depth): the
    conclusions of a conference include those of its workshops."""
    parts: dict[str, set[str]] = {}
    for e in data.edges:
        if e.relation == "partOf":
            parts.setdefault(e.target, set()).add(e.source)
    found, todo = {session}, [session]
    while todo:
        for child in parts.get(todo.pop(), ()):
            if child not in found:
                found.add(child)
                todo.append(child)
    return found


def recommendations(data: GraphData, *, actor: str | None = None, session: str | None = None,
                    kind: str | None = None) -> list[dict]:
    """Every recommendation of ``data`` (read with ``recommendations=True``), in the order of
    its document, optionally only those addressing ``actor``, made at ``session`` (an event's
    id; its parts included) or of this ``kind``.

    Rows: ``id``, ``label``, ``kind``, ``rank``, ``session``, ``session_id``, ``addresses``
    (labels joined by ``"; "``), ``addresses_ids`` (joined by ``" "``), ``text``, ``document``,
    ``start``, ``end`` (where the recommendation is stated).
    """
    from actorgraph.graph.queries import document_name

    made_at: dict[str, list] = {}
    addresses: dict[str, list[str]] = {}
    for e in data.edges:
        if e.relation == "madeAt":
            made_at.setdefault(e.source, []).append(e)
        elif e.relation == "addresses":
            addresses.setdefault(e.source, []).append(e.target)
    within = _sessions_within(data, session) if session else None
    rows = []
    for node in data.nodes.values():
        if node.type != "Recommendation":
            continue
        targets = sorted(set(addresses.get(node.id, ())), key=lambda t: (data.nodes[t].label.lower(), t))
        if actor and actor not in targets:
            continue
        if kind and node.kind != kind:
            continue
        events = made_at.get(node.id, [])
        if within is not None and not any(e.target in within for e in events):
            continue
        where = events[0] if events else None
        ev = where.evidence[0] if where and where.evidence else None
        rows.append({
            "id": node.id, "label": node.label, "kind": node.kind, "rank": node.rank,
            "session": data.nodes[where.target].label if where else "",
            "session_id": where.target if where else "",
            "addresses": "; ".join(data.nodes[t].label for t in targets),
            "addresses_ids": " ".join(targets),
            "text": node.text or node.label,
            "document": document_name(ev.source) if ev else "",
            "start": ev.start if ev else None, "end": ev.end if ev else None,
            "_order": (ev.source if ev else "", ev.start if ev else 0, node.rank, node.label),
        })
    rows.sort(key=lambda r: r.pop("_order"))
    return rows


def find_recommendations(store, *, actor: str | None = None, session: str | None = None, kind: str | None = None,
                         document: str | None = None) -> list[dict]:
    """:func:`recommendations` of the store, with ``actor`` and ``session`` given by name (as
    :func:`~actorgraph.graph.queries.find_entity` finds them) and, optionally, only those of
    one ``document`` (a path, file name, id or title).

    Raises
    ------
    UnknownEntity
        When a name matches no entity (with the closest names), ``session`` names something
        that is not an event, or ``document`` no document.
    """
    from actorgraph.analysis.network import analysis_data
    from actorgraph.errors import UnknownEntity
    from actorgraph.graph.queries import find_entity

    actor_id = find_entity(store, actor)["id"] if actor else None
    session_id = None
    if session:
        found = find_entity(store, session)
        if found["type"] != "Event":
            raise UnknownEntity(f"{found['label']} ({found['type']}) is not a session or event; "
                                "give a session, e.g. 'Workshop 1'")
        session_id = found["id"]
    data = analysis_data(store, document, recommendations=True)
    return recommendations(data, actor=actor_id, session=session_id, kind=kind)
