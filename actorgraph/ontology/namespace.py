"""The actorgraph ontology as Python constants.

GENERATED from ``actorgraph/ontology/terms.yaml`` -- do not edit by hand. Regenerate with::

    python -m actorgraph.ontology.generate

Imports nothing heavy (no rdflib, no yaml): terms are plain ``str`` IRIs.
"""

from __future__ import annotations

from actorgraph.ontology.closed import ClosedNamespace, UnknownTerm

__all__ = [
    "AG", "BASE", "ID_BASE", "DOC_BASE", "ONTOLOGY_IRI", "VERSION", "TERMS", "CLASS_PARENT",
    "CORE_CLASSES", "RELATIONS", "PROPERTIES", "LABELS", "core_class", "subclasses",
    "UnknownTerm",
    "RDF", "RDFS", "OWL", "XSD", "SKOS", "DCTERMS", "PROV", "ORG", "FOAF", "SCHEMA", "VANN",
    "SH",
]

BASE = "https://w3id.org/actorgraph/ontology#"
ID_BASE = "https://w3id.org/actorgraph/id/"
DOC_BASE = "https://w3id.org/actorgraph/doc/"
ONTOLOGY_IRI = "https://w3id.org/actorgraph/ontology"
VERSION = "0.1.0"

# External vocabularies, as IRI prefixes.
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
RDFS = "http://www.w3.org/2000/01/rdf-schema#"
OWL = "http://www.w3.org/2002/07/owl#"
XSD = "http://www.w3.org/2001/XMLSchema#"
SKOS = "http://www.w3.org/2004/02/skos/core#"
DCTERMS = "http://purl.org/dc/terms/"
PROV = "http://www.w3.org/ns/prov#"
ORG = "http://www.w3.org/ns/org#"
FOAF = "http://xmlns.com/foaf/0.1/"
SCHEMA = "https://schema.org/"
VANN = "http://purl.org/vocab/vann/"
SH = "http://www.w3.org/ns/shacl#"

# Every term of ours: classes, relations, then properties.
TERMS = (
    "Person",
    "Organisation",
    "EUAgency",
    "EUInstitution",
    "InternationalOrganisation",
    "GovernmentBody",
    "LawEnforcementAgency",
    "JudicialAuthority",
    "NGO",
    "ResearchOrganisation",
    "Company",
    "Initiative",
    "JointOperation",
    "JointTeam",
    "Platform",
    "Network",
    "Project",
    "ActionPlan",
    "LegalInstrument",
    "InformationSystem",
    "Route",
    "Place",
    "Country",
    "City",
    "Region",
    "Event",
    "Conference",
    "Session",
    "Meeting",
    "Recommendation",
    "Decision",
    "Analyst",
    "Document",
    "Sentence",
    "Mention",
    "Statement",
    "affiliatedWith",
    "cooperatesWith",
    "participatesIn",
    "speaksAt",
    "chairs",
    "panellistAt",
    "organises",
    "partOf",
    "locatedIn",
    "addresses",
    "madeAt",
    "wikidata",
    "matchKey",
    "namedAs",
    "relationDigest",
    "text",
    "sha256",
    "sourcePath",
    "format",
    "encoding",
    "inDocument",
    "start",
    "end",
    "sentence",
    "mentionOf",
    "surface",
    "rule",
    "modality",
    "recommendationKind",
    "rank",
    "role",
    "action",
    "problem",
    "curatedBy",
)

AG = ClosedNamespace(BASE, TERMS, name="ag: https://w3id.org/actorgraph/ontology#")

# Class local name -> parent class local name (None at the top).
CLASS_PARENT = {
    "Person": None,
    "Organisation": None,
    "EUAgency": "Organisation",
    "EUInstitution": "Organisation",
    "InternationalOrganisation": "Organisation",
    "GovernmentBody": "Organisation",
    "LawEnforcementAgency": "Organisation",
    "JudicialAuthority": "Organisation",
    "NGO": "Organisation",
    "ResearchOrganisation": "Organisation",
    "Company": "Organisation",
    "Initiative": None,
    "JointOperation": "Initiative",
    "JointTeam": "Initiative",
    "Platform": "Initiative",
    "Network": "Initiative",
    "Project": "Initiative",
    "ActionPlan": "Initiative",
    "LegalInstrument": "Initiative",
    "InformationSystem": "Initiative",
    "Route": None,
    "Place": None,
    "Country": "Place",
    "City": "Place",
    "Region": "Place",
    "Event": None,
    "Conference": "Event",
    "Session": "Event",
    "Meeting": "Event",
    "Recommendation": None,
    "Decision": None,
    "Analyst": None,
    "Document": None,
    "Sentence": None,
    "Mention": None,
    "Statement": None,
}

CORE_CLASSES = ("Person", "Organisation", "Initiative", "Route", "Place", "Event")

# Relations between entities (object properties): domain and range are unions.
RELATIONS = {
    "affiliatedWith": {
        "domain": ("Person",),
        "range": ("Organisation",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "affiliated with",
        "edge": "affiliated with",
    },
    "cooperatesWith": {
        "domain": ("Organisation", "Person", "Initiative"),
        "range": ("Organisation", "Person", "Initiative"),
        "symmetric": True,
        "transitive": False,
        "same_kind": False,
        "label": "cooperates with",
        "edge": "cooperates with",
    },
    "participatesIn": {
        "domain": ("Organisation", "Person"),
        "range": ("Initiative",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "participates in",
        "edge": "participates in",
    },
    "speaksAt": {
        "domain": ("Person",),
        "range": ("Event",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "speaks at",
        "edge": "speaks at",
    },
    "chairs": {
        "domain": ("Person",),
        "range": ("Event",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "chairs",
        "edge": "chairs",
    },
    "panellistAt": {
        "domain": ("Person",),
        "range": ("Event",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "panellist at",
        "edge": "panellist at",
    },
    "organises": {
        "domain": ("Organisation",),
        "range": ("Event",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "organises",
        "edge": "organises",
    },
    "partOf": {
        "domain": ("Organisation", "Event", "Initiative", "Place"),
        "range": ("Organisation", "Event", "Initiative", "Place"),
        "symmetric": False,
        "transitive": True,
        "same_kind": True,
        "label": "part of",
        "edge": "part of",
    },
    "locatedIn": {
        "domain": ("Organisation", "Event", "Initiative", "Person", "Route"),
        "range": ("Place",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "located in",
        "edge": "located in",
    },
    "addresses": {
        "domain": ("Recommendation",),
        "range": ("Organisation", "Person", "Initiative", "Route", "Place"),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "addresses",
        "edge": "addresses",
    },
    "madeAt": {
        "domain": ("Recommendation",),
        "range": ("Event",),
        "symmetric": False,
        "transitive": False,
        "same_kind": False,
        "label": "made at",
        "edge": "made at",
    },
}

# Entity attributes and the evidence model.
PROPERTIES = {
    "wikidata": {
        "kind": "datatype",
        "domain": (
            "Person",
            "Organisation",
            "Initiative",
            "Route",
            "Place",
            "Event",
            "Recommendation",
        ),
        "range": ("xsd:string",),
        "functional": False,
    },
    "matchKey": {
        "kind": "datatype",
        "domain": (
            "Person",
            "Organisation",
            "Initiative",
            "Route",
            "Place",
            "Event",
            "Recommendation",
        ),
        "range": ("xsd:string",),
        "functional": False,
    },
    "namedAs": {
        "kind": "datatype",
        "domain": (
            "Person",
            "Organisation",
            "Initiative",
            "Route",
            "Place",
            "Event",
            "Recommendation",
        ),
        "range": ("xsd:string",),
        "functional": False,
    },
    "relationDigest": {
        "kind": "datatype",
        "domain": (
            "Person",
            "Organisation",
            "Initiative",
            "Route",
            "Place",
            "Event",
            "Recommendation",
        ),
        "range": ("xsd:string",),
        "functional": False,
    },
    "text": {
        "kind": "datatype",
        "domain": ("Document", "Sentence", "Recommendation"),
        "range": ("xsd:string",),
        "functional": True,
    },
    "sha256": {
        "kind": "datatype",
        "domain": ("Document",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "sourcePath": {
        "kind": "datatype",
        "domain": ("Document",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "format": {
        "kind": "datatype",
        "domain": ("Document",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "encoding": {
        "kind": "datatype",
        "domain": ("Document",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "inDocument": {
        "kind": "object",
        "domain": ("Sentence", "Mention", "Statement"),
        "range": ("Document",),
        "functional": True,
    },
    "start": {
        "kind": "datatype",
        "domain": ("Sentence", "Mention", "Statement"),
        "range": ("xsd:integer",),
        "functional": True,
    },
    "end": {
        "kind": "datatype",
        "domain": ("Sentence", "Mention", "Statement"),
        "range": ("xsd:integer",),
        "functional": True,
    },
    "sentence": {
        "kind": "object",
        "domain": ("Mention", "Statement"),
        "range": ("Sentence",),
        "functional": False,
    },
    "mentionOf": {
        "kind": "object",
        "domain": ("Mention",),
        "range": (
            "Person",
            "Organisation",
            "Initiative",
            "Route",
            "Place",
            "Event",
            "Recommendation",
        ),
        "functional": True,
    },
    "surface": {
        "kind": "datatype",
        "domain": ("Mention",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "rule": {
        "kind": "datatype",
        "domain": ("Mention", "Statement"),
        "range": ("xsd:string",),
        "functional": False,
    },
    "modality": {
        "kind": "datatype",
        "domain": ("Statement",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "recommendationKind": {
        "kind": "datatype",
        "domain": ("Recommendation",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "rank": {
        "kind": "datatype",
        "domain": ("Recommendation",),
        "range": ("xsd:integer",),
        "functional": True,
    },
    "role": {
        "kind": "datatype",
        "domain": ("Statement",),
        "range": ("xsd:string",),
        "functional": False,
    },
    "action": {
        "kind": "datatype",
        "domain": ("Decision",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "problem": {
        "kind": "datatype",
        "domain": ("Decision",),
        "range": ("xsd:string",),
        "functional": True,
    },
    "curatedBy": {
        "kind": "object",
        "domain": ("Statement",),
        "range": ("Decision",),
        "functional": False,
    },
}

LABELS = {
    "Person": "person",
    "Organisation": "organisation",
    "EUAgency": "EU agency",
    "EUInstitution": "EU institution",
    "InternationalOrganisation": "international organisation",
    "GovernmentBody": "government body",
    "LawEnforcementAgency": "law enforcement agency",
    "JudicialAuthority": "judicial authority",
    "NGO": "NGO",
    "ResearchOrganisation": "research organisation",
    "Company": "company",
    "Initiative": "initiative",
    "JointOperation": "joint operation",
    "JointTeam": "joint team",
    "Platform": "platform",
    "Network": "network",
    "Project": "project",
    "ActionPlan": "action plan",
    "LegalInstrument": "legal instrument",
    "InformationSystem": "information system",
    "Route": "route",
    "Place": "place",
    "Country": "country",
    "City": "city",
    "Region": "region",
    "Event": "event",
    "Conference": "conference",
    "Session": "session",
    "Meeting": "meeting",
    "Recommendation": "recommendation",
    "Decision": "curation decision",
    "Analyst": "analyst",
    "Document": "document",
    "Sentence": "sentence",
    "Mention": "mention",
    "Statement": "statement",
    "affiliatedWith": "affiliated with",
    "cooperatesWith": "cooperates with",
    "participatesIn": "participates in",
    "speaksAt": "speaks at",
    "chairs": "chairs",
    "panellistAt": "panellist at",
    "organises": "organises",
    "partOf": "part of",
    "locatedIn": "located in",
    "addresses": "addresses",
    "madeAt": "made at",
    "wikidata": "Wikidata identifier",
    "matchKey": "match key",
    "namedAs": "named as",
    "relationDigest": "relation digest",
    "text": "text",
    "sha256": "SHA-256",
    "sourcePath": "source path",
    "format": "format",
    "encoding": "encoding",
    "inDocument": "in document",
    "start": "start",
    "end": "end",
    "sentence": "sentence",
    "mentionOf": "mention of",
    "surface": "surface form",
    "rule": "rule",
    "modality": "modality",
    "recommendationKind": "kind of recommendation",
    "rank": "rank",
    "role": "role",
    "action": "action",
    "problem": "problem",
    "curatedBy": "curated by",
}


def core_class(local_name: str) -> str:
    """The core class above an entity class (the class itself if it is core).

    Examples
    --------
    >>> core_class("EUAgency")
    'Organisation'
    >>> core_class(AG.Person)
    'Person'
    """
    name = AG.local_name(local_name) if local_name.startswith(BASE) else local_name
    if name not in CLASS_PARENT:
        AG[name]  # raises UnknownTerm with close matches
        raise ValueError(f"{name!r} is not a class")
    while CLASS_PARENT[name] is not None:
        name = CLASS_PARENT[name]
    if name not in CORE_CLASSES:
        raise ValueError(f"{local_name!r} is not an entity class: it is under none of "
                         f"{', '.join(CORE_CLASSES)}")
    return name


def subclasses(local_name: str) -> tuple[str, ...]:
    """The class and every class below it, in declaration order.

    Examples
    --------
    >>> subclasses("Place")
    ('Place', 'Country', 'City', 'Region')
    """
    if local_name not in CLASS_PARENT:
        AG[local_name]  # raises UnknownTerm with close matches
        raise ValueError(f"{local_name!r} is not a class")
    found = []
    for name in CLASS_PARENT:
        walk = name
        while walk is not None and walk != local_name:
            walk = CLASS_PARENT[walk]
        if walk == local_name:
            found.append(name)
    return tuple(found)
