"""From the pyoxigraph store to rdflib, for the code that needs rdflib (JSON-LD, SHACL).

The terms go across one by one (no serialise-and-parse); rdflib is imported by the caller's
first use of this module, never at CLI start."""

from __future__ import annotations

__all__ = ["to_rdflib_dataset", "to_rdflib_graph", "to_rdflib_term"]

import pyoxigraph as ox
from rdflib import BNode, Dataset, Graph, Literal, URIRef

from actorgraph.exports.rdf import store_quads


def to_rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise ValueError(f"cannot convert {term!r} to rdflib (RDF-star is not supported)")


def to_rdflib_dataset(store: ox.Store, quads=None) -> Dataset:
    """The store (or the given quads) as an rdflib ``Dataset``, graph for graph (without the
    relation digests, :func:`~actorgraph.exports.rdf.store_quads`)."""
    dataset = Dataset()
    graphs: dict = {}
    convert = to_rdflib_term
    for q in store_quads(store) if quads is None else quads:
        g = q.graph_name
        key = None if isinstance(g, ox.DefaultGraph) else convert(g)
        graph = graphs.get(key)
        if graph is None:
            graph = graphs[key] = dataset.default_graph if key is None else dataset.graph(key)
        graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return dataset


def to_rdflib_graph(store: ox.Store, quads=None) -> Graph:
    """The union of the store's graphs (or of the given quads) as one rdflib ``Graph``."""
    graph = Graph()
    convert = to_rdflib_term
    for q in store_quads(store) if quads is None else quads:
        graph.add((convert(q.subject), convert(q.predicate), convert(q.object)))
    return graph
