"""The graph as FollowTheMoney entities (JSON lines), for Aleph and the FtM tools.

Built with the ``followthemoney`` library, so that every entity is one its model accepts
(:func:`check` validates them the same way). The mapping, as data:

* classes -> schemata (:data:`CLASS_SCHEMA`): people are ``Person``; agencies, institutions,
  government bodies, police forces and courts are ``PublicBody``; companies ``Company``; other
  organisations ``Organization``; initiatives ``Project``; conferences, sessions and meetings
  ``Event``; countries and regions ``Territory``; cities ``Address``; each source document a
  ``Document``. Routes have no FtM schema and are left out (with their relations).
* relations -> interval schemata (:data:`RELATION_SCHEMA`): ``affiliatedWith`` ->
  ``Membership`` (member, organization), ``participatesIn`` -> ``ProjectParticipant``
  (participant, project), every other relation -> ``UnknownLink`` (subject, object) whose
  ``role`` names the relation.
* evidence: one link per ``(source, relation, target, modality)``; ``description`` holds its
  sentences (one a line), ``summary`` says it in words ("Europol cooperates with Frontex
  (proposed)"), ``status`` is the modality, ``role`` the role on the statement (a job title),
  ``proof`` points to the Document entities it comes from.

Ids are ``make_id("actorgraph", IRI)``, so the same entity gets the same id in every export.
"""

from __future__ import annotations

__all__ = ["CLASS_SCHEMA", "RELATION_SCHEMA", "check", "entities", "write_ftm"]

import json
from collections.abc import Iterator
from typing import IO

CLASS_SCHEMA = {
    "Person": "Person",
    "Organisation": "Organization",
    "EUAgency": "PublicBody",
    "EUInstitution": "PublicBody",
    "GovernmentBody": "PublicBody",
    "LawEnforcementAgency": "PublicBody",
    "JudicialAuthority": "PublicBody",
    "InternationalOrganisation": "Organization",
    "NGO": "Organization",
    "ResearchOrganisation": "Organization",
    "Company": "Company",
    "Initiative": "Project",
    "Event": "Event",
    "Place": "Territory",
    "Country": "Territory",
    "Region": "Territory",
    "City": "Address",
}
#: relation -> (schema, property for the source, property for the target)
RELATION_SCHEMA = {
    "affiliatedWith": ("Membership", "member", "organization"),
    "participatesIn": ("ProjectParticipant", "participant", "project"),
}
_LINK = ("UnknownLink", "subject", "object")


def _schema_for(node) -> str | None:
    for cls in node.classes:  # the most specific class that has a schema of its own
        if cls in CLASS_SCHEMA:
            return CLASS_SCHEMA[cls]
    return CLASS_SCHEMA.get(node.type)


def _country_code(registry, node) -> str | None:
    """The ISO code of a country by its label or an alias, from FtM's table of country names
    (an exact, case-blind match: FtM's fuzzy lookup costs seconds to load)."""
    table = getattr(_country_code, "table", None)
    if table is None:
        table = _country_code.table = {name.casefold(): code for code, name in registry.country.names.items()}
    for name in (node.label, *node.aliases):
        code = table.get(name.casefold().removeprefix("the "))
        if code:
            return code
    return None


def entities(store) -> Iterator[dict]:
    """Every FtM entity of the store, as the dicts FtM writes (``id``, ``schema``,
    ``properties``)."""
    from followthemoney import model
    from followthemoney.types import registry

    from actorgraph.graph.queries import document_name
    from actorgraph.graph.view import graph_data
    from actorgraph.ontology.namespace import LABELS

    data = graph_data(store)
    proxies = {}
    for node in data.nodes.values():
        schema = _schema_for(node)
        if schema is None:
            continue
        p = model.make_entity(schema)
        p.make_id("actorgraph", node.id)
        if schema == "Address":
            p.add("full", node.label)
            p.add("city", node.label)
        else:
            p.add("name", node.label)
            p.add("alias", [a for a in node.aliases if a != node.label], quiet=True)
        p.add("wikidataId", node.wikidata, quiet=True)
        if "Country" in node.classes:
            p.add("country", _country_code(registry, node), quiet=True)
        proxies[node.id] = p

    documents = {}
    for doc_iri, title in data.documents().items():
        d = model.make_entity("Document")
        d.make_id("actorgraph", doc_iri)
        source = next(ev.source for e in data.edges for ev in e.evidence if ev.document == doc_iri)
        d.add("fileName", document_name(source))
        d.add("title", title or document_name(source))
        documents[doc_iri] = d

    links = []
    for e in data.edges:
        source, target = proxies.get(e.source), proxies.get(e.target)
        if source is None or target is None:
            continue  # a route: no FtM schema
        if e.relation == "locatedIn" and target.schema.name == "Territory":
            source.add("country", target.get("country"), quiet=True)
        schema, from_prop, to_prop = RELATION_SCHEMA.get(e.relation, _LINK)
        link = model.make_entity(schema)
        if not (source.schema.is_a(link.schema.get(from_prop).range)
                and target.schema.is_a(link.schema.get(to_prop).range)):
            schema, from_prop, to_prop = _LINK
            link = model.make_entity(schema)
        link.make_id("actorgraph", e.source, e.relation, e.target, e.modality)
        link.add(from_prop, source.id)
        link.add(to_prop, target.id)
        words = LABELS.get(e.relation, e.relation)
        roles = sorted({ev.role for ev in e.evidence if ev.role})
        link.add("role", roles or ([words] if schema == "UnknownLink" else []))
        if e.modality:
            link.add("status", e.modality)
        summary = f"{data.nodes[e.source].label} {words} {data.nodes[e.target].label}"
        link.add("summary", summary + (f" ({e.modality})" if e.modality else ""))
        link.add("description", "\n".join(dict.fromkeys(ev.sentence for ev in e.evidence if ev.sentence)))
        link.add("proof", [documents[ev.document].id for ev in e.evidence if ev.document in documents])
        links.append(link)

    for p in (*proxies.values(), *documents.values(), *links):
        yield p.to_dict()


def write_ftm(store, out: IO[bytes]) -> None:
    for entity in entities(store):
        out.write(json.dumps(entity, ensure_ascii=False, sort_keys=True).encode("utf-8"))
        out.write(b"\n")


def check(entity: dict) -> None:
    """Validate one entity dict with the FtM model: known schema, valid property values,
    required properties present, references to entities of the right schema left to the
    caller. Raises ``followthemoney.exc.InvalidData``."""
    from followthemoney import model

    proxy = model.get_proxy(entity, cleaned=False)
    proxy.schema.validate(entity)
    for name in proxy.schema.required:
        if not proxy.get(name):
            from followthemoney.exc import InvalidData

            raise InvalidData(f"{proxy.schema.name} {proxy.id}: required property {name} is missing")
