"""The SHACL shapes (``shapes.ttl``), built with rdflib from the :class:`~.model.Model`.

Three kinds of shape, all named under ``agsh:`` (``shapes_base`` in ``terms.yaml``):

* ``agsh:C`` -- one node shape per class ``C`` (``sh:targetClass``), with a property shape
  ``agsh:C-p`` for each relation or property whose domain names ``C``: the class of the object
  (``sh:or`` for a union), datatypes, cardinalities, patterns and allowed values.
* ``agsh:p-subject`` -- for each property of ours, its subjects are in its domain.
* ``agsh:p-predicates`` -- a property that only some Statements may carry (``modality``).

Like every SHACL processor, a validator finds subclasses through the ``rdfs:subClassOf``
triples of the *data* graph: validate data together with the ontology (pySHACL:
``validate(data, shacl_graph=shapes, ont_graph=ontology)``), or assert the core class
(``ag:Organisation``) next to the specific one (``ag:EUAgency``) on every entity.
"""

from __future__ import annotations

__all__ = ["build_shapes"]

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.collection import Collection
from rdflib.namespace import OWL, RDF, RDFS, SH, XSD

from actorgraph.ontology.model import Model, Property
from actorgraph.ontology.owl import new_graph


def build_shapes(model: Model) -> Graph:
    """The SHACL shapes graph.

    Examples
    --------
    >>> from actorgraph.ontology.model import load_model
    >>> shapes = build_shapes(load_model())
    >>> len(list(shapes.subjects(SH.targetClass, None))) == len(load_model().classes)
    True
    """
    graph = new_graph(model)
    base = model.meta["shapes_base"]
    graph.bind("agsh", base)
    header = URIRef(base.rstrip("#/"))
    graph.add((header, RDF.type, OWL.Ontology))
    graph.add((header, OWL.imports, URIRef(model.meta["iri"])))
    graph.add((header, RDFS.comment, Literal(
        "SHACL shapes for actorgraph data. Validate the data together with the ontology, "
        "whose rdfs:subClassOf triples let the shape of a class apply to its subclasses.",
        lang="en")))
    shapes = _Shapes(graph, model, base)
    for cls in model.classes.values():
        shapes.node(cls.name)
    for rel in model.relations.values():
        for name in rel.domain:
            objects = (name,) if rel.same_kind else rel.range
            prop = shapes.prop(name, rel.name)
            graph.add((prop, SH.nodeKind, SH.IRI))
            shapes.classes(prop, objects)
            graph.add((prop, SH.message, Literal(
                f"{rel.name}: from {name}, the object must be of class {_names(objects)}")))
    for prop in (*model.properties.values(), *model.external.values()):
        for name in prop.domain:
            shapes.constraints(name, prop)
    for prop in (*model.relations.values(), *model.properties.values()):
        shapes.subject(prop.name, prop.domain)
    for prop in model.properties.values():
        if prop.predicates:
            shapes.predicates(prop)
    return graph


class _Shapes:
    """Adds shapes to one graph; keeps the naming in one place."""

    def __init__(self, graph: Graph, model: Model, base: str):
        self.graph, self.model, self.base = graph, model, base

    def iri(self, name: str) -> URIRef:
        return URIRef(self.model.iri(name))

    def node(self, cls: str) -> URIRef:
        shape = URIRef(self.base + cls)
        self.graph.add((shape, RDF.type, SH.NodeShape))
        self.graph.add((shape, SH.targetClass, self.iri(cls)))
        return shape

    def prop(self, cls: str, path: str) -> URIRef:
        """A property shape ``agsh:cls-local`` on the node shape of ``cls``."""
        local = path.split(":", 1)[-1] if ":" in path else path
        prefix = path.split(":", 1)[0] + "-" if ":" in path else ""
        shape = URIRef(f"{self.base}{cls}-{prefix}{local}")
        self.graph.add((URIRef(self.base + cls), SH.property, shape))
        self.graph.add((shape, RDF.type, SH.PropertyShape))
        self.graph.add((shape, SH.path, self.iri(path)))
        return shape

    def classes(self, shape, names: tuple[str, ...]) -> None:
        """``sh:class`` for one class, ``sh:or`` of ``sh:class`` shapes for a union."""
        if len(names) == 1:
            self.graph.add((shape, SH["class"], self.iri(names[0])))
            return
        alternatives = []
        for name in names:
            alternative = BNode()
            self.graph.add((alternative, SH["class"], self.iri(name)))
            alternatives.append(alternative)
        self.list(shape, SH["or"], alternatives)

    def list(self, subject, predicate, items) -> None:
        head = BNode()
        Collection(self.graph, head, list(items))
        self.graph.add((subject, predicate, head))

    def constraints(self, cls: str, prop: Property) -> None:
        """The property shape of a datatype, evidence or external property on one class."""
        graph, shape = self.graph, self.prop(cls, prop.name)
        if prop.kind == "datatype":
            graph.add((shape, SH.datatype, URIRef(self.model.iri(prop.range[0]))))
        elif prop.range == ("literal",):
            graph.add((shape, SH.nodeKind, SH.Literal))
        elif prop.range:
            graph.add((shape, SH.nodeKind, SH.IRI))
            self.classes(shape, prop.range)
        if prop.relation_iri:
            self.list(shape, SH["in"], [self.iri(r) for r in self.model.relations])
        if cls in prop.required:
            graph.add((shape, SH.minCount, Literal(1)))
        if prop.functional:
            graph.add((shape, SH.maxCount, Literal(1)))
        if prop.values:
            self.list(shape, SH["in"], [Literal(v) for v in prop.values])
        if prop.pattern:
            graph.add((shape, SH.pattern, Literal(prop.pattern)))
        if prop.minimum is not None:
            graph.add((shape, SH.minInclusive, Literal(prop.minimum, datatype=XSD.integer)))
        if prop.lessThanOrEquals:
            graph.add((shape, SH.lessThanOrEquals, self.iri(prop.lessThanOrEquals)))

    def subject(self, name: str, domain: tuple[str, ...]) -> None:
        """Whatever has property ``name`` is in its domain."""
        shape = URIRef(f"{self.base}{name}-subject")
        self.graph.add((shape, RDF.type, SH.NodeShape))
        self.graph.add((shape, SH.targetSubjectsOf, self.iri(name)))
        self.classes(shape, domain)
        self.graph.add((shape, SH.message, Literal(
            f"{name}: the subject must be of class {_names(domain)}")))

    def predicates(self, prop: Property) -> None:
        """Whatever has ``prop`` is a Statement of one of ``prop.predicates``."""
        shape = URIRef(f"{self.base}{prop.name}-predicates")
        self.graph.add((shape, RDF.type, SH.NodeShape))
        self.graph.add((shape, SH.targetSubjectsOf, self.iri(prop.name)))
        check = BNode()
        self.graph.add((shape, SH.property, check))
        self.graph.add((check, SH.path, RDF.predicate))
        self.graph.add((check, SH.minCount, Literal(1)))
        self.list(check, SH["in"], [self.iri(p) for p in prop.predicates])
        self.graph.add((check, SH.message, Literal(
            f"{prop.name} is only given on statements of {', '.join(prop.predicates)}")))


def _names(names: tuple[str, ...]) -> str:
    """``A``, ``A or B``, ``A, B or C``."""
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
