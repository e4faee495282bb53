"""The OWL ontology (``actorgraph.ttl``), built with rdflib from the :class:`~.model.Model`."""

from __future__ import annotations

__all__ = ["build_ontology", "new_graph"]

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from actorgraph.ontology.model import Alignment, Model

VANN = "http://purl.org/vocab/vann/"
_ALIGN = {
    "subClassOf": RDFS.subClassOf,
    "equivalentClass": OWL.equivalentClass,
    "subPropertyOf": RDFS.subPropertyOf,
    "equivalentProperty": OWL.equivalentProperty,
}


def new_graph(model: Model) -> Graph:
    """An empty graph with the ontology's prefixes (and only those) bound."""
    graph = Graph(bind_namespaces="none")
    graph.bind(model.meta["prefix"], model.base)
    for prefix, iri in model.prefixes.items():
        graph.bind(prefix, iri)
    return graph


def build_ontology(model: Model) -> Graph:
    """The OWL ontology: header, classes, relations and properties with labels, comments,
    domains, ranges (``owl:unionOf`` for lists) and alignments.

    Examples
    --------
    >>> from actorgraph.ontology.model import load_model
    >>> from rdflib.namespace import OWL
    >>> graph = build_ontology(load_model())
    >>> (None, RDF.type, OWL.Ontology) in graph
    True
    """
    graph = new_graph(model)
    ontology = URIRef(model.meta["iri"])
    _header(graph, model, ontology)
    for cls in model.classes.values():
        term = _term(graph, model, cls.name, OWL.Class, cls.label, cls.comment, ontology)
        if cls.parent:
            graph.add((term, RDFS.subClassOf, URIRef(model.iri(cls.parent))))
        _aligned(graph, model, term, cls.align)
    for rel in model.relations.values():
        term = _term(graph, model, rel.name, OWL.ObjectProperty, rel.label, rel.comment, ontology)
        if rel.symmetric:
            graph.add((term, RDF.type, OWL.SymmetricProperty))
        if rel.transitive:
            graph.add((term, RDF.type, OWL.TransitiveProperty))
        _domain_range(graph, model, term, rel.domain, rel.range)
        if rel.parent:
            graph.add((term, RDFS.subPropertyOf, URIRef(model.iri(rel.parent))))
        _aligned(graph, model, term, rel.align)
        if rel.same_kind:
            for name in rel.domain:
                _all_values_from(graph, URIRef(model.iri(name)), term)
    for prop in model.properties.values():
        kind = OWL.DatatypeProperty if prop.kind == "datatype" else OWL.ObjectProperty
        term = _term(graph, model, prop.name, kind, prop.label, prop.comment, ontology)
        if prop.functional:
            graph.add((term, RDF.type, OWL.FunctionalProperty))
        _domain_range(graph, model, term, prop.domain, prop.range)
        if prop.parent:
            graph.add((term, RDFS.subPropertyOf, URIRef(model.iri(prop.parent))))
        _aligned(graph, model, term, prop.align)
    return graph


def _header(graph: Graph, model: Model, ontology: URIRef) -> None:
    meta = model.meta
    graph.add((ontology, RDF.type, OWL.Ontology))
    graph.add((ontology, DCTERMS.title, Literal(meta["title"], lang="en")))
    graph.add((ontology, DCTERMS.description, Literal(" ".join(meta["description"].split()),
                                                      lang="en")))
    graph.add((ontology, OWL.versionInfo, Literal(str(meta["version"]))))
    graph.add((ontology, OWL.versionIRI, URIRef(f"{meta['iri']}/{meta['version']}")))
    graph.add((ontology, DCTERMS.license, URIRef(meta["license"])))
    graph.add((ontology, URIRef(VANN + "preferredNamespacePrefix"), Literal(meta["prefix"])))
    graph.add((ontology, URIRef(VANN + "preferredNamespaceUri"),
               Literal(model.base, datatype=XSD.anyURI)))


def _term(graph, model, name, kind, label, comment, ontology) -> URIRef:
    term = URIRef(model.iri(name))
    graph.add((term, RDF.type, kind))
    graph.add((term, RDFS.label, Literal(label, lang="en")))
    graph.add((term, RDFS.comment, Literal(comment, lang="en")))
    graph.add((term, RDFS.isDefinedBy, ontology))
    return term


def _class_expression(graph: Graph, model: Model, names: tuple[str, ...]):
    """One class, or an anonymous ``owl:unionOf`` class for a list."""
    if len(names) == 1:
        return URIRef(model.iri(names[0]))
    union = BNode()
    graph.add((union, RDF.type, OWL.Class))
    members = BNode()
    Collection(graph, members, [URIRef(model.iri(n)) for n in names])
    graph.add((union, OWL.unionOf, members))
    return union


def _domain_range(graph, model, term, domain, range_) -> None:
    graph.add((term, RDFS.domain, _class_expression(graph, model, domain)))
    graph.add((term, RDFS.range, _class_expression(graph, model, range_)))


def _aligned(graph: Graph, model: Model, term: URIRef, align: tuple[Alignment, ...]) -> None:
    for link in align:
        target = URIRef(model.iri(link.curie))
        if link.relation == "subPropertyOfInverse":
            inverse = BNode()
            graph.add((inverse, OWL.inverseOf, target))
            graph.add((term, RDFS.subPropertyOf, inverse))
        else:
            graph.add((term, _ALIGN[link.relation], target))


def _all_values_from(graph: Graph, cls: URIRef, prop: URIRef) -> None:
    """``cls rdfs:subClassOf [ owl:onProperty prop ; owl:allValuesFrom cls ]``."""
    restriction = BNode()
    graph.add((restriction, RDF.type, OWL.Restriction))
    graph.add((restriction, OWL.onProperty, prop))
    graph.add((restriction, OWL.allValuesFrom, cls))
    graph.add((cls, RDFS.subClassOf, restriction))
