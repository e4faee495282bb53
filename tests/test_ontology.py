"""The ontology: terms.yaml is the one source; everything generated from it is up to date and
says what the graph builder relies on."""

from __future__ import annotations

import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, SH

from actorgraph.errors import UnknownFormat
from actorgraph.ontology import (
    AG,
    CLASS_PARENT,
    CORE_CLASSES,
    FORMATS,
    RELATIONS,
    UnknownTerm,
    core_class,
    ontology_path,
    serialize_ontology,
    shapes_path,
    subclasses,
)
import actorgraph.ontology as ontology_package
from actorgraph.ontology import closed, generate, model as model_module, namespace, owl, shacl
from actorgraph.ontology.generate import DOCS_MD, NAMESPACE_PY, build_ontology, build_shapes
from actorgraph.ontology.model import TERMS_PATH, load_model
from actorgraph.ontology.render import render_docs, render_namespace

ROOT = Path(__file__).resolve().parents[1]

# rdflib's own deprecation warnings, raised inside pySHACL and the JSON-LD parser
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning:rdflib")

# What the extractor and the graph builder use, by name.
SUBCLASSES = {
    "Organisation": ["EUAgency", "EUInstitution", "InternationalOrganisation", "GovernmentBody",
                     "LawEnforcementAgency", "JudicialAuthority", "NGO", "ResearchOrganisation",
                     "Company"],
    "Initiative": ["JointOperation", "JointTeam", "Platform", "Network", "Project", "ActionPlan",
                   "LegalInstrument", "InformationSystem"],
    "Place": ["Country", "City", "Region"],
    "Event": ["Conference", "Session", "Meeting"],
}
BUILDER_TERMS = ["Document", "Sentence", "Mention", "Statement", "text", "sha256", "sourcePath",
                 "format", "encoding", "inDocument", "start", "end", "sentence", "mentionOf",
                 "surface", "rule", "modality", "role", "wikidata", "matchKey"]


@pytest.fixture(scope="module")
def model():
    return load_model()


@pytest.fixture(scope="module")
def ontology():
    return Graph().parse(ontology_path(), format="turtle")


@pytest.fixture(scope="module")
def shapes():
    return Graph().parse(shapes_path(), format="turtle")


# ------------------------------------------------------------------ generated files


@pytest.mark.parametrize("path, build", [(ontology_path(), build_ontology),
                                         (shapes_path(), build_shapes)],
                         ids=["actorgraph.ttl", "shapes.ttl"])
def test_turtle_is_up_to_date(model, path, build):
    shipped = Graph().parse(path, format="turtle")
    assert isomorphic(shipped, build(model)), (
        f"{path.name} is out of date: run python -m actorgraph.ontology.generate")


@pytest.mark.parametrize("path, render", [(NAMESPACE_PY, render_namespace),
                                          (DOCS_MD, render_docs)],
                         ids=["namespace.py", "ontology.md"])
def test_text_is_up_to_date(model, path, render):
    assert path.read_text(encoding="utf-8") == render(model), (
        f"{path.name} is out of date: run python -m actorgraph.ontology.generate")


def test_generate_check_passes():
    assert generate.main(["--check"]) == 0


def test_generated_headers_say_how_to_regenerate():
    for path in (NAMESPACE_PY, DOCS_MD):
        head = path.read_text(encoding="utf-8")[:400]
        assert "GENERATED" in head and "python -m actorgraph.ontology.generate" in head


# ------------------------------------------------------------------ classes


def test_core_classes_are_exactly_the_six():
    assert CORE_CLASSES == ("Person", "Organisation", "Initiative", "Route", "Place", "Event")
    for name in CORE_CLASSES:
        assert CLASS_PARENT[name] is None


@pytest.mark.parametrize("core, name", [(c, n) for c, names in SUBCLASSES.items() for n in names])
def test_subclass_walks_up_to_its_core_class(core, name):
    assert CLASS_PARENT[name] == core
    assert core_class(name) == core
    assert name in subclasses(core)


def test_core_class():
    assert core_class("EUAgency") == "Organisation"
    assert core_class("Person") == "Person"
    assert core_class(AG.Session) == "Event"
    with pytest.raises(ValueError, match="not an entity class"):
        core_class("Document")
    with pytest.raises(UnknownTerm, match="EUAgency"):
        core_class("EuAgency")


def test_route_has_no_subclass():
    assert subclasses("Route") == ("Route",)


def test_evidence_and_attribute_terms_exist():
    for name in BUILDER_TERMS:
        assert AG[name] == "https://w3id.org/actorgraph/ontology#" + name


def test_every_class_is_an_owl_class(ontology):
    for name in CLASS_PARENT:
        assert (URIRef(AG[name]), RDF.type, OWL.Class) in ontology
        assert ontology.value(URIRef(AG[name]), RDFS.label) is not None


def test_statement_is_a_reified_statement(ontology):
    assert (URIRef(AG.Statement), RDFS.subClassOf, RDF.Statement) in ontology


# ------------------------------------------------------------------ relations


@pytest.mark.parametrize("name, domain, range_", [
    ("affiliatedWith", {"Person"}, {"Organisation"}),
    ("cooperatesWith", {"Organisation", "Person", "Initiative"},
     {"Organisation", "Person", "Initiative"}),
    ("participatesIn", {"Organisation", "Person"}, {"Initiative"}),
    ("speaksAt", {"Person"}, {"Event"}),
    ("chairs", {"Person"}, {"Event"}),
    ("panellistAt", {"Person"}, {"Event"}),
    ("organises", {"Organisation"}, {"Event"}),
    ("partOf", {"Organisation", "Event", "Initiative", "Place"},
     {"Organisation", "Event", "Initiative", "Place"}),
    ("locatedIn", {"Organisation", "Event", "Initiative", "Person"}, {"Place"}),
])
def test_relation_domain_and_range(name, domain, range_):
    relation = RELATIONS[name]
    assert domain <= set(relation["domain"])
    assert set(relation["range"]) == range_
    assert relation["edge"]


def test_relation_domains_and_ranges_name_declared_classes(model):
    for name, relation in RELATIONS.items():
        for cls in (*relation["domain"], *relation["range"]):
            assert cls in CLASS_PARENT, f"{name} names undeclared class {cls}"
    for prop in (*model.properties.values(), *model.external.values()):
        for cls in prop.domain:
            assert cls in CLASS_PARENT


def test_cooperates_with_is_symmetric_in_the_owl(ontology):
    assert (URIRef(AG.cooperatesWith), RDF.type, OWL.SymmetricProperty) in ontology
    assert (URIRef(AG.affiliatedWith), RDF.type, OWL.SymmetricProperty) not in ontology
    assert [n for n, r in RELATIONS.items() if r["symmetric"]] == ["cooperatesWith"]


def test_union_domain_is_owl_union_of(ontology):
    domain = ontology.value(URIRef(AG.participatesIn), RDFS.domain)
    members = ontology.value(domain, OWL.unionOf)
    assert list(ontology.items(members)) == [URIRef(AG.Organisation), URIRef(AG.Person)]


def test_affiliated_with_aligns_with_org_member_of(ontology):
    org_member_of = URIRef("http://www.w3.org/ns/org#memberOf")
    assert (URIRef(AG.affiliatedWith), RDFS.subPropertyOf, org_member_of) in ontology


# ------------------------------------------------------------------ closed namespace


def test_terms_are_plain_strings():
    assert AG.Person == "https://w3id.org/actorgraph/ontology#Person"
    assert type(AG.Person) is str
    assert AG["cooperatesWith"] == AG.cooperatesWith
    assert "Person" in AG and AG.Person in AG and "Persn" not in AG
    assert AG.local_name(AG.partOf) == "partOf"


def test_misspelt_term_raises_naming_close_matches():
    with pytest.raises(AttributeError, match="'Person'"):
        AG.Persn
    with pytest.raises(KeyError, match="'cooperatesWith'"):
        AG["cooperateWith"]
    with pytest.raises(AttributeError):
        AG["Organization"]
    assert not hasattr(AG, "Persn")


def test_namespace_is_closed():
    with pytest.raises(AttributeError):
        AG.Person = "x"


def test_import_stays_light():
    """The query path imports the namespace: no rdflib, no yaml."""
    code = ("import sys, actorgraph.ontology; "
            "print(sorted(m for m in ('rdflib', 'yaml') if m in sys.modules))")
    path = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    env = {**os.environ, "PYTHONPATH": path}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env,
                         check=True)
    assert out.stdout.strip() == "[]"


# ------------------------------------------------------------------ Turtle and formats


def test_turtle_has_an_ontology_header(ontology):
    header = URIRef("https://w3id.org/actorgraph/ontology")
    assert (header, RDF.type, OWL.Ontology) in ontology
    assert ontology.value(header, OWL.versionInfo) == Literal(namespace.VERSION)


@pytest.mark.parametrize("fmt", FORMATS)
def test_serialize_ontology_round_trips(ontology, fmt):
    text = serialize_ontology(fmt)
    assert isomorphic(Graph().parse(data=text, format=fmt), ontology)


def test_serialize_ontology_unknown_format_lists_the_known_ones():
    with pytest.raises(UnknownFormat, match="json-ld"):
        serialize_ontology("yaml")


# ------------------------------------------------------------------ SHACL


def test_every_class_has_a_node_shape(shapes):
    targets = set(shapes.objects(None, SH.targetClass))
    assert targets == {URIRef(AG[name]) for name in CLASS_PARENT}


def test_statement_modality_is_actual_or_proposed(shapes):
    shape = next(s for s in shapes.subjects(SH.path, URIRef(AG.modality)))
    allowed = shapes.value(shape, SH["in"])
    assert [str(v) for v in shapes.items(allowed)] == ["actual", "proposed"]


DATA = """
@prefix ag: <https://w3id.org/actorgraph/ontology#> .
@prefix id: <https://w3id.org/actorgraph/id/> .
@prefix doc: <https://w3id.org/actorgraph/doc/> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .

id:frontex a ag:EUAgency ; rdfs:label "Frontex" ; ag:cooperatesWith id:europol .
id:europol a ag:EUAgency ; rdfs:label "Europol" ; ag:wikidata "Q208398" .
id:conference a ag:Conference ; rdfs:label "EMN conference" ; ag:locatedIn id:brussels .
id:panel a ag:Session ; rdfs:label "Panel 1" ; ag:partOf id:conference .
id:brussels a ag:City ; rdfs:label "Brussels" ; ag:partOf id:belgium .
id:belgium a ag:Country ; rdfs:label "Belgium" .
id:jane a ag:Person ; rdfs:label "Jane Doe" ; ag:affiliatedWith id:frontex ; ag:chairs id:panel .
doc:d a ag:Document ; ag:text "Frontex works with Europol." ; ag:sourcePath "note.txt" ;
    ag:sha256 "0000000000000000000000000000000000000000000000000000000000000000" .
doc:d-s0 a ag:Sentence ; ag:inDocument doc:d ; ag:start 0 ; ag:end 27 .
doc:d-m0 a ag:Mention ; ag:inDocument doc:d ; ag:sentence doc:d-s0 ; ag:start 0 ; ag:end 7 ;
    ag:mentionOf id:frontex ; ag:surface "Frontex" ; ag:rule "vocabulary" .
doc:d-st0 a ag:Statement ; rdf:subject id:frontex ; rdf:predicate ag:cooperatesWith ;
    rdf:object id:europol ; ag:inDocument doc:d ; ag:sentence doc:d-s0 ; ag:modality "actual" ;
    ag:start 0 ; ag:end 27 .
"""

INVALID = {  # name: (text in DATA, its replacement, a phrase of the validation report)
    "modality not in list": ('ag:modality "actual"', 'ag:modality "maybe"', "not in list"),
    "modality on another relation": ("rdf:predicate ag:cooperatesWith",
                                     "rdf:predicate ag:partOf", "only given on statements of"),
    "entity without label": ('rdfs:label "Europol" ;', "", "rdfs:label"),
    "mention without entity": ("ag:mentionOf id:frontex ;", "", "mentionOf"),
    "end before start": ("ag:start 0 ; ag:end 7", "ag:start 7 ; ag:end 0", "ag:end"),
    "partOf across kinds": ("ag:partOf id:conference", "ag:partOf id:frontex",
                            "partOf: from Event, the object must be of class Event"),
    "relation outside its domain": ("ag:wikidata", "ag:speaksAt id:conference ; ag:wikidata",
                                    "speaksAt: the subject must be of class Person"),
    "relation to the wrong class": ("ag:chairs id:panel", "ag:chairs id:belgium",
                                    "chairs: from Person, the object must be of class Event"),
    "bad QID": ('"Q208398"', '"208398"', "pattern"),
}


def _validate(data: str) -> tuple[bool, str]:
    pyshacl = pytest.importorskip("pyshacl")
    conforms, _, text = pyshacl.validate(
        Graph().parse(data=data, format="turtle"), shacl_graph=shapes_path().read_text(),
        shacl_graph_format="turtle", ont_graph=ontology_path().read_text(),
        ont_graph_format="turtle")
    return conforms, text


def test_shapes_accept_valid_data():
    conforms, report = _validate(DATA)
    assert conforms, report


@pytest.mark.parametrize("old, new, phrase", INVALID.values(), ids=INVALID.keys())
def test_shapes_reject_invalid_data(old, new, phrase):
    assert DATA.count(old) == 1
    conforms, report = _validate(DATA.replace(old, new))
    assert not conforms
    assert phrase in report


# ------------------------------------------------------------------ terms.yaml is checked


@pytest.mark.parametrize("old, new, message", [
    ("parent: Organisation\n    label: EU agency", "parent: Organization\n    label: EU agency",
     "EUAgency: parent 'Organization'"),
    ("    domain: Person\n    range: Organisation", "    domain: Person\n    range: Organization",
     "affiliatedWith: range 'Organization'"),
    ("    symmetric: true", "    symetric: true", "unknown key"),
    ("subClassOf: [schema:NGO]", "subClassOf: [sdo:NGO]", "declared prefix"),
])
def test_inconsistent_terms_are_rejected(tmp_path, old, new, message):
    text = TERMS_PATH.read_text(encoding="utf-8")
    assert old in text
    broken = tmp_path / "terms.yaml"
    broken.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(ValueError, match=message):
        load_model(broken)


@pytest.mark.parametrize("module", [ontology_package, closed, model_module, namespace, owl, shacl],
                         ids=lambda m: m.__name__)
def test_docstring_examples(module):
    failures, _ = doctest.testmod(module, optionflags=doctest.ELLIPSIS)
    assert failures == 0
