"""The actorgraph ontology: every class and relation, declared once in ``terms.yaml``.

Importing this package is cheap (no rdflib, no yaml): the terms come from the generated
``namespace.py``; rdflib is imported only by :func:`serialize_ontology`.

Examples
--------
>>> from actorgraph.ontology import AG, core_class, RELATIONS
>>> AG.Person
'https://w3id.org/actorgraph/ontology#Person'
>>> core_class("LawEnforcementAgency")
'Organisation'
>>> RELATIONS["cooperatesWith"]["symmetric"]
True
"""

from __future__ import annotations

__all__ = ["AG", "BASE", "ID_BASE", "DOC_BASE", "CLASS_PARENT", "CORE_CLASSES", "RELATIONS",
           "PROPERTIES", "LABELS", "UnknownTerm", "core_class", "subclasses", "ontology_path",
           "shapes_path", "ontology_turtle", "serialize_ontology", "FORMATS"]

from pathlib import Path

from actorgraph.errors import UnknownFormat
from actorgraph.ontology.namespace import (
    AG,
    BASE,
    CLASS_PARENT,
    CORE_CLASSES,
    DOC_BASE,
    ID_BASE,
    LABELS,
    PROPERTIES,
    RELATIONS,
    UnknownTerm,
    core_class,
    subclasses,
)

#: The RDF formats :func:`serialize_ontology` writes (rdflib plugin names).
FORMATS = ("turtle", "xml", "json-ld", "nt")

_HERE = Path(__file__).parent


def ontology_path() -> Path:
    """The shipped OWL ontology, ``actorgraph.ttl``."""
    return _HERE / "actorgraph.ttl"


def shapes_path() -> Path:
    """The shipped SHACL shapes, ``shapes.ttl``."""
    return _HERE / "shapes.ttl"


def ontology_turtle() -> str:
    """The OWL ontology as Turtle text, exactly as shipped."""
    return ontology_path().read_text(encoding="utf-8")


def serialize_ontology(format: str = "turtle") -> str:
    """The OWL ontology in another RDF format.

    Parameters
    ----------
    format : {"turtle", "xml", "json-ld", "nt"}
        ``turtle`` returns the shipped file; the others are converted with rdflib.

    Raises
    ------
    UnknownFormat
        For any other format; the message lists the known ones.
    """
    if format not in FORMATS:
        raise UnknownFormat(f"unknown ontology format {format!r}; use one of {', '.join(FORMATS)}")
    if format == "turtle":
        return ontology_turtle()
    from rdflib import Graph  # lazy: only this path needs rdflib

    graph = Graph().parse(data=ontology_turtle(), format="turtle")
    return graph.serialize(format=format)
