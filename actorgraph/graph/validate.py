"""Checking the graph against the shipped SHACL shapes (pySHACL), with readable violations.

The data is validated together with the ontology (``actorgraph.ttl``), whose
``rdfs:subClassOf`` triples let the shape of a class apply to its subclasses (an
``ag:EUAgency`` is checked as an ``ag:Organisation``). Each violation is reported with the node
it is about (shortened: ``doc:7211db43e67c85e2/r/3``), what that node is (its class, and its
label, or for a statement "Europol cooperates with Frontex"), the documents it comes from, the
property and what is wrong, in words.

pySHACL and rdflib are imported by the functions that validate, never at CLI start.
"""

from __future__ import annotations

__all__ = ["InvalidData", "ValidationReport", "Violation", "validate_graph", "validate_store"]

from dataclasses import asdict, dataclass, field

from actorgraph.errors import ActorGraphError
from actorgraph.ontology.namespace import BASE, DCTERMS, DOC_BASE, ID_BASE, RDF, RDFS, SKOS, XSD

_SHORT = {"ag": BASE, "id": ID_BASE, "doc": DOC_BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
          "dcterms": DCTERMS, "xsd": XSD}
_SH = "http://www.w3.org/ns/shacl#"
_SHAPES = "https://w3id.org/actorgraph/shapes#"


class InvalidData(ActorGraphError):
    """Data that does not conform to the shapes; ``violations`` says how."""

    def __init__(self, message: str, violations: list[Violation]):
        super().__init__(message)
        self.violations = violations


@dataclass
class Violation:
    node: str  # the focus node, shortened
    what: str  # its class and label
    path: str  # the property, shortened ("" for a node constraint)
    message: str  # what is wrong, in words
    value: str = ""
    severity: str = "Violation"
    shape: str = ""
    documents: list[str] = field(default_factory=list)

    def line(self) -> str:
        """The violation on one line, for a terminal."""
        where = f" in {', '.join(self.documents)}" if self.documents else ""
        path = f"{self.path}: " if self.path else ""
        return f"{self.severity.upper()}  {self.node} ({self.what}){where}  {path}{self.message}"

    def row(self) -> dict:
        row = asdict(self)
        row["documents"] = "|".join(self.documents)
        return row


@dataclass
class ValidationReport:
    conforms: bool
    violations: list[Violation]
    triples: int

    def summary(self) -> str:
        if self.conforms:
            return f"valid: {self.triples} triples conform to the actorgraph shapes"
        return f"{len(self.violations)} violation(s) of the actorgraph shapes in {self.triples} triples"


def short(iri: str) -> str:
    for prefix, base in _SHORT.items():
        if iri.startswith(base):
            return f"{prefix}:{iri[len(base):]}"
    return f"<{iri}>" if "://" in iri else iri


def _shapes_and_ontology():
    from rdflib import Graph

    from actorgraph.ontology import ontology_path, shapes_path

    return (Graph().parse(shapes_path(), format="turtle"), Graph().parse(ontology_path(), format="turtle"))


def _describe(data, node) -> str:
    """``Statement: Europol cooperates with Frontex``, ``EUAgency: Europol``, ``Mention: "Frontex"``."""
    from rdflib import URIRef
    from rdflib.namespace import RDF as R
    from rdflib.namespace import RDFS as S

    types = sorted(short(str(t)).removeprefix("ag:") for t in data.objects(node, R.type))
    kind = "/".join(types) or "untyped"
    label = data.value(node, S.label)
    if label is None and URIRef(BASE + "Statement") in set(data.objects(node, R.type)):
        parts = [data.value(node, R.subject), data.value(node, R.predicate), data.value(node, R.object)]
        words = []
        for p in parts:
            if p is None:
                words.append("?")
            else:
                words.append(str(data.value(p, S.label) or short(str(p)).removeprefix("ag:")))
        label = " ".join(words)
    if label is None:
        label = data.value(node, URIRef(BASE + "surface"))
    return f"{kind}: {label}" if label is not None else kind


def _message(component: str, result, rg, path: str) -> str:
    from rdflib import URIRef

    sh = lambda name: URIRef(_SH + name)
    shape = rg.value(result, sh("sourceShape"))
    value = rg.value(result, sh("value"))
    text = str(rg.value(result, sh("resultMessage")) or "")
    # pySHACL's own wording for the common cases, in words; a shape's sh:message is kept as is
    if component == "MinCountConstraintComponent" and text.startswith("Less than"):
        return "missing: required here"
    if component == "MaxCountConstraintComponent" and text.startswith("More than"):
        return "more than one value: at most one allowed"
    if component == "InConstraintComponent" and value is not None and "not in list" in text:
        return f'"{value}" is not one of the allowed values'
    for iri, base in _SHORT.items():
        text = text.replace(f"<{base}", f"<{iri}:")
    return " ".join(text.split()) or f"fails {short(str(shape))}"


def validate_graph(data, documents_of=None) -> ValidationReport:
    """Validate an rdflib ``Graph`` against the shapes, with the ontology mixed in.

    ``documents_of(iri) -> list[str]`` names the documents a node comes from, if known.
    """
    import pyshacl
    from rdflib import URIRef
    from rdflib.namespace import RDF as R

    shapes, ontology = _shapes_and_ontology()
    conforms, rg, _text = pyshacl.validate(data, shacl_graph=shapes, ont_graph=ontology,
                                           inference="none", abort_on_first=False, allow_warnings=True)
    sh = lambda name: URIRef(_SH + name)
    violations = []
    for result in rg.subjects(R.type, sh("ValidationResult")):
        focus = rg.value(result, sh("focusNode"))
        path = rg.value(result, sh("resultPath"))
        component = str(rg.value(result, sh("sourceConstraintComponent")) or "").rsplit("#", 1)[-1]
        value = rg.value(result, sh("value"))
        severity = str(rg.value(result, sh("resultSeverity")) or "").rsplit("#", 1)[-1] or "Violation"
        path_text = short(str(path)) if isinstance(path, URIRef) else ""
        violations.append(Violation(
            node=short(str(focus)),
            what=_describe(data, focus),
            path=path_text,
            message=_message(component, result, rg, path_text),
            value="" if value is None else str(value),
            severity=severity,
            shape=short(str(rg.value(result, sh("sourceShape")) or "")).replace(_SHAPES, "agsh:"),
            documents=documents_of(str(focus)) if documents_of else [],
        ))
    violations.sort(key=lambda v: (v.documents, v.node, v.path, v.message))
    return ValidationReport(bool(conforms), violations, len(data))


def validate_store(store) -> ValidationReport:
    """Validate everything in the store (the union of the document graphs)."""
    import pyoxigraph as ox

    from actorgraph.exports.rdflib_bridge import to_rdflib_graph
    from actorgraph.graph.queries import document_name

    from actorgraph.graph.store import ENTITY_GRAPH

    names: dict[str, str] = {ENTITY_GRAPH: "the entity descriptions"}
    for q in store.quads_for_pattern(None, ox.NamedNode(BASE + "sourcePath"), None, None):
        names[q.graph_name.value if isinstance(q.graph_name, ox.NamedNode) else ""] = document_name(q.object.value)

    def documents_of(iri: str) -> list[str]:
        try:
            node = ox.NamedNode(iri)
        except ValueError:
            return []
        graphs = {q.graph_name for q in store.quads_for_pattern(node, None, None, None)}
        return sorted(names.get(g.value, short(g.value)) for g in graphs if isinstance(g, ox.NamedNode))

    return validate_graph(to_rdflib_graph(store), documents_of)
