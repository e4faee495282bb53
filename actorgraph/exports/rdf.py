"""The RDF exports, serialised by pyoxigraph straight from the store.

Dataset formats (N-Quads, TriG) keep one named graph per document; triple formats (Turtle,
N-Triples, RDF/XML) hold the union of the documents' graphs, each triple once. Every one
parses back (rdflib, pyoxigraph, any RDF tool) into a graph isomorphic to the store's.
"""

from __future__ import annotations

__all__ = [
    "PREFIXES",
    "store_quads",
    "union_triples",
    "write_nquads",
    "write_ntriples",
    "write_rdfxml",
    "write_trig",
    "write_turtle",
]

from collections.abc import Iterator
from typing import IO

import pyoxigraph as ox

from actorgraph.ontology.namespace import (
    BASE,
    DCTERMS,
    DOC_BASE,
    ID_BASE,
    PROV,
    RDF,
    RDFS,
    SKOS,
    XSD,
)

#: The prefixes of every export that has prefixes.
PREFIXES = {"ag": BASE, "id": ID_BASE, "doc": DOC_BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
            "dcterms": DCTERMS, "xsd": XSD, "prov": PROV}


def store_quads(store: ox.Store) -> Iterator[ox.Quad]:
    """Every quad of the store but the relation digests, which are the store's index, derived
    from the statements (an import derives them again: :mod:`actorgraph.graph.digest`)."""
    from actorgraph.graph.digest import visible

    return visible(store.quads_for_pattern(None, None, None, None))


def union_triples(store: ox.Store) -> Iterator[ox.Triple]:
    """Every triple of every graph of the store, each once, in the store's order."""
    seen: set[ox.Triple] = set()
    for quad in store_quads(store):
        triple = quad.triple
        if triple not in seen:
            seen.add(triple)
            yield triple


def write_turtle(store: ox.Store, out: IO[bytes]) -> None:
    ox.serialize(union_triples(store), out, format=ox.RdfFormat.TURTLE, prefixes=PREFIXES)


def write_ntriples(store: ox.Store, out: IO[bytes]) -> None:
    ox.serialize(union_triples(store), out, format=ox.RdfFormat.N_TRIPLES)


def write_rdfxml(store: ox.Store, out: IO[bytes]) -> None:
    ox.serialize(union_triples(store), out, format=ox.RdfFormat.RDF_XML, prefixes=PREFIXES)


def write_nquads(store: ox.Store, out: IO[bytes]) -> None:
    ox.serialize(store_quads(store), out, format=ox.RdfFormat.N_QUADS)


def write_trig(store: ox.Store, out: IO[bytes]) -> None:
    ox.serialize(store_quads(store), out, format=ox.RdfFormat.TRIG, prefixes=PREFIXES)
