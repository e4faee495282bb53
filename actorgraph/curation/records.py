"""What the store records of the curation: the decisions about an entity (for ``show``) and the
outcome of each decision when the curation file was last applied (for ``actorgraph curation``).

Reads the curation graph only; imports nothing heavy, so ``show`` can call it.
"""

from __future__ import annotations

__all__ = ["decisions_about", "recorded_outcomes", "summary", "entity_changes", "ENTITY_ACTIONS"]

import pyoxigraph as ox

from actorgraph.curation.graph import CURATION_BASE, CURATION_GRAPH
from actorgraph.ontology.namespace import BASE, DCTERMS, FOAF, PROV

_PREFIXES = {"ag": BASE, "prov": PROV, "dcterms": DCTERMS, "foaf": FOAF}

_ABOUT = """
SELECT ?x ?d ?action ?description ?name ?at ?problem WHERE {
  GRAPH <%s> {
    { ?d prov:used ?x } UNION { ?d prov:invalidated ?x }
    ?d ag:action ?action ; dcterms:description ?description ; prov:endedAtTime ?at ;
       prov:wasAssociatedWith ?agent .
    ?agent foaf:name ?name .
    OPTIONAL { ?d ag:problem ?problem }
  }
}""" % CURATION_GRAPH

_OUTCOMES = """
SELECT ?d ?problem WHERE {
  GRAPH <%s> { ?d a ag:Decision . OPTIONAL { ?d ag:problem ?problem } }
}""" % CURATION_GRAPH


#: The decisions that change an entity itself (not one of its relations).
ENTITY_ACTIONS = ("merge", "split", "rename", "retype", "alias", "identify")

_CHANGES = """
SELECT ?x ?d ?description ?name ?at WHERE {
  GRAPH <%s> {
    ?d prov:used ?x ; ag:action ?action ; dcterms:description ?description ; prov:endedAtTime ?at ;
       prov:wasAssociatedWith ?agent .
    ?agent foaf:name ?name .
    FILTER(?action IN (%s))
    FILTER NOT EXISTS { ?d ag:problem ?problem }
  }
}""" % (CURATION_GRAPH, ", ".join(f'"{a}"' for a in ENTITY_ACTIONS))


def _id(node) -> int:
    return int(node.value.rsplit("/", 1)[-1])


def decisions_about(store, iri: str) -> list[dict]:
    """The decisions that acted on an entity, oldest first: ``id``, ``action``,
    ``description``, ``by``, ``at`` and ``problem`` (empty when it took effect).

    A merged entity's decisions are listed under the entity it was merged into."""
    rows = {}
    for r in store.query(_ABOUT, prefixes=_PREFIXES, substitutions={ox.Variable("x"): ox.NamedNode(iri)}):
        ident = _id(r["d"])
        rows[ident] = {"id": ident, "action": r["action"].value, "description": r["description"].value,
                       "by": r["name"].value, "at": r["at"].value,
                       "problem": r["problem"].value if r["problem"] is not None else ""}
    return [rows[k] for k in sorted(rows)]


def recorded_outcomes(store) -> dict[int, str]:
    """For each decision recorded in the store, its problem ('' when it took effect)."""
    out = {}
    for r in store.query(_OUTCOMES, prefixes=_PREFIXES):
        if r["d"].value.startswith(CURATION_BASE + "decision/"):
            out[_id(r["d"])] = r["problem"].value if r["problem"] is not None else ""
    return out


def summary(store, iri: str) -> str:
    """The decisions about an entity on one line, for ``show``: ``#3 merge ... (jdoe, 2025-01-02)``."""
    return "; ".join(f"#{d['id']} {d['description']} ({d['by']}, {d['at'][:10]})"
                     + (" [no effect]" if d["problem"] else "") for d in decisions_about(store, iri))


def entity_changes(store) -> dict[str, str]:
    """Entity IRI -> the decisions in effect that changed the entity itself (merged into it,
    split from it, renamed, retyped, given an alias or a Wikidata id), on one line as
    :func:`summary` writes them; one query for every entity (for the graph view's nodes)."""
    found: dict[str, dict[int, str]] = {}
    for r in store.query(_CHANGES, prefixes=_PREFIXES):
        found.setdefault(r["x"].value, {})[_id(r["d"])] = (
            f"#{_id(r['d'])} {r['description'].value} ({r['name'].value}, {r['at'].value[:10]})")
    return {iri: "; ".join(by_id[k] for k in sorted(by_id)) for iri, by_id in found.items()}
