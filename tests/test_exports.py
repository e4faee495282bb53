"""Exports: one registry, every format checked by reading it back (issue 4)."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS

from actorgraph.errors import UnknownFormat
from actorgraph.exports import registry

AG = "https://w3id.org/actorgraph/ontology#"
ID = "https://w3id.org/actorgraph/id/"
EUROPOL, FRONTEX = ID + "organisation/europol", ID + "organisation/frontex"


@pytest.fixture(scope="module")
def two_documents(tmp_path_factory) -> Path:
    """The bundled report and one corpus document: two named graphs to keep apart."""
    from actorgraph.graph.build import build

    path = tmp_path_factory.mktemp("exports") / "store"
    assert build(None, path).ok
    report = build([str(CORPUS / "iom_wikipedia.md")], path)
    assert report.ok and len(report.loaded) == 1
    return path


@pytest.fixture(scope="module")
def store(two_documents):
    return ox.Store.read_only(str(two_documents))


@pytest.fixture(scope="module")
def graph(store):
    from actorgraph.graph.view import graph_data

    return graph_data(store)


# ------------------------------------------------------------------ read each format back


def _rdflib_dataset(store):
    from actorgraph.exports.rdflib_bridge import to_rdflib_dataset

    return to_rdflib_dataset(store)


def _check_triples(path: Path, store, fmt: str) -> None:
    from rdflib import Graph
    from rdflib.compare import isomorphic

    from actorgraph.exports.rdflib_bridge import to_rdflib_graph

    parsed = Graph().parse(path, format={"turtle": "turtle", "ntriples": "nt", "rdfxml": "xml"}[fmt])
    assert len(parsed) > 10000
    assert isomorphic(parsed, to_rdflib_graph(store))


def _check_dataset(path: Path, store, fmt: str) -> None:
    from rdflib import Dataset
    from rdflib.compare import isomorphic

    parsed = Dataset()
    if fmt == "jsonld":
        from actorgraph.exports.jsonld import CONTEXT_URL, with_inline_context

        document = json.loads(path.read_text(encoding="utf-8"))
        assert document["@context"] == CONTEXT_URL  # the published context, referenced
        parsed.parse(data=json.dumps(with_inline_context(document)), format="json-ld")
    else:
        parsed.parse(path, format={"nquads": "nquads", "trig": "trig"}[fmt])
    original = _rdflib_dataset(store)
    graphs = {g.identifier for g in original.graphs() if len(g)}
    documents = {str(g) for g in graphs if str(g).startswith("https://w3id.org/actorgraph/doc/")}
    assert len(documents) == 2  # one named graph per document, kept apart
    assert {g.identifier for g in parsed.graphs() if len(g)} == graphs
    for name in graphs:  # graph by graph
        assert isomorphic(parsed.graph(name), original.graph(name)), name


def _check_network(path: Path, graph, fmt: str) -> None:
    import networkx as nx

    g = (nx.read_graphml if fmt == "graphml" else nx.read_gexf)(path)
    assert g.number_of_nodes() == len(graph.nodes)
    assert g.number_of_edges() == len(graph.edges)
    europol = g.nodes[EUROPOL]
    assert europol["label"] == "Europol" and europol["class"] == "Organisation"
    assert europol["classes"] == "EUAgency" and europol["wikidata"] == "Q207203"
    modalities = {d["modality"] for u, v, d in g.edges(data=True)
                  if {u, v} == {EUROPOL, FRONTEX} and d["relation"] == "cooperatesWith"}
    assert modalities == {"actual", "proposed"}
    lotje = [d for u, v, d in g.edges(data=True) if u == ID + "person/lotje-van-de-made" and v == EUROPOL]
    assert lotje and lotje[0]["relation"] == "affiliatedWith" and lotje[0]["evidence"] == 1
    assert lotje[0]["documents"] == "emn_2016_conference_report.txt"
    assert "Senior Specialist Europol" in lotje[0]["sentence"]
    for _, data in g.nodes(data=True):  # every attribute a plain value: no lists for Gephi to choke on
        assert all(isinstance(v, (str, int, float)) for v in data.values())


def _check_csv(path: Path, graph, fmt: str) -> None:
    with zipfile.ZipFile(path) as archive:
        assert sorted(archive.namelist()) == ["edges.csv", "nodes.csv"]
        nodes = list(csv.DictReader(io.StringIO(archive.read("nodes.csv").decode("utf-8"))))
        edges = list(csv.DictReader(io.StringIO(archive.read("edges.csv").decode("utf-8"))))
    assert len(nodes) == len(graph.nodes)
    assert sum(len(e.evidence) for e in graph.edges) == len(edges)  # a row per piece of evidence
    europol = next(n for n in nodes if n["id"] == EUROPOL)
    assert europol["label"] == "Europol" and europol["type"] == "Organisation"
    ec = [e for e in edges if e["from_label"] == "European Commission" and e["to_label"] == "Europol"]
    assert ec and ec[0]["type"] == "cooperatesWith" and ec[0]["modality"] == "proposed"
    assert ec[0]["evidence"] == "Close work with Europol should be undertaken to launch a platform with financial institutions."


def _check_ftm(path: Path, graph, fmt: str) -> None:
    from followthemoney import model

    from actorgraph.exports.ftm import check

    entities = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    by_id = {e["id"]: e for e in entities}
    assert len(by_id) == len(entities)
    for e in entities:
        check(e)  # the FtM model accepts it
        schema = model.get(e["schema"])
        for prop_name, values in e["properties"].items():
            prop = schema.get(prop_name)
            if prop.type.name == "entity":  # every reference points at an exported entity of the right schema
                for v in values:
                    assert v in by_id, (e["schema"], prop_name)
                    assert model.get(by_id[v]["schema"]).is_a(prop.range), (e["schema"], prop_name, by_id[v]["schema"])
    named = {e["properties"].get("name", [""])[0]: e for e in entities}
    assert named["Europol"]["schema"] == "PublicBody"
    assert named["Roberta Barberini"]["schema"] == "Person"
    assert named["JOT Mare"]["schema"] == "Project"
    assert named["Panel III"]["schema"] == "Event"
    links = [e for e in entities if e["schema"] == "UnknownLink"
             and {named["Europol"]["id"], named["Frontex"]["id"]} == {*e["properties"]["subject"], *e["properties"]["object"]}]
    assert {lk["properties"]["status"][0] for lk in links} == {"actual", "proposed"}
    assert all(lk["properties"]["description"] and lk["properties"]["proof"] for lk in links)
    membership = [e for e in entities if e["schema"] == "Membership"
                  and e["properties"]["organization"] == [named["Europol"]["id"]]]
    lotje = next(m for m in membership if m["properties"]["member"] == [named["Lotje van de Made"]["id"]])
    assert lotje["properties"]["role"] == ["Senior Specialist"]
    assert "Senior Specialist Europol" in lotje["properties"]["description"][0]
    documents = [e for e in entities if e["schema"] == "Document"]
    assert len(documents) == 2


CHECKS = {
    "turtle": _check_triples, "ntriples": _check_triples, "rdfxml": _check_triples,
    "nquads": _check_dataset, "trig": _check_dataset, "jsonld": _check_dataset,
    "graphml": _check_network, "gexf": _check_network,
    "csv": _check_csv, "ftm": _check_ftm,
}


def test_every_format_has_a_check():
    assert set(CHECKS) == set(registry.FORMATS)


@pytest.mark.parametrize("fmt", sorted(registry.FORMATS))
def test_export_reads_back(run, two_documents, store, graph, tmp_path, fmt):
    spec = registry.FORMATS[fmt]
    path = tmp_path / f"graph{spec.extensions[0]}"
    result = run("--store", two_documents, "export", "-o", path)  # the format guessed from the name
    assert result.exit_code == 0, result.output
    assert path.stat().st_size > 1000
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temp file left
    CHECKS[fmt](path, store if spec.rdf else graph, fmt)


def test_export_to_stdout_is_the_same_bytes(run, built_store, tmp_path):
    to_file = tmp_path / "graph.nq"
    run("--store", built_store, "export", "-o", to_file)
    to_stdout = run("--store", built_store, "export", "--format", "nq")
    assert to_stdout.exit_code == 0
    assert to_stdout.stdout_bytes == to_file.read_bytes()


def test_csv_into_a_directory(run, built_store, tmp_path):
    out = tmp_path / "tables"
    result = run("--store", built_store, "export", "--format", "csv", "-o", f"{out}/")
    assert result.exit_code == 0, result.output
    assert sorted(p.name for p in out.iterdir()) == ["edges.csv", "nodes.csv"]
    header = (out / "edges.csv").read_text(encoding="utf-8").splitlines()[0]
    assert header == "from,to,from_label,to_label,type,modality,role,evidence,document,start,end,curated"


@pytest.mark.parametrize("name, fmt", [
    ("graph.ttl", "turtle"), ("g.nt", "ntriples"), ("g.nq", "nquads"), ("g.trig", "trig"),
    ("g.jsonld", "jsonld"), ("g.rdf", "rdfxml"), ("net.graphml", "graphml"), ("net.GEXF", "gexf"),
    ("tables.zip", "csv"), ("aleph.ftm.json", "ftm"), ("aleph.jsonl", "ftm"),
])
def test_format_is_guessed_from_the_extension(name, fmt):
    assert registry.guess_format(name) == fmt


def test_unknown_format_lists_the_known_ones(run, built_store, tmp_path):
    with pytest.raises(UnknownFormat) as info:
        registry.get_format("pdf")
    assert "turtle" in str(info.value) and "gexf" in str(info.value) and "ftm" in str(info.value)
    result = run("--store", built_store, "export", "--format", "pdf")
    assert result.exit_code == 2 and "unknown export format 'pdf'; choose one of turtle" in result.stderr
    guessed = run("--store", built_store, "export", "-o", tmp_path / "graph.docx")
    assert guessed.exit_code == 2 and "cannot tell the export format" in guessed.stderr and ".ttl" in guessed.stderr
    assert not (tmp_path / "graph.docx").exists()


def test_a_failed_export_leaves_the_old_file_alone(tmp_path):
    path = tmp_path / "graph.ttl"
    path.write_text("old", encoding="utf-8")

    def broken(out):
        out.write(b"half a file")
        raise RuntimeError("disk full")

    with pytest.raises(RuntimeError):
        registry.atomic_write(path, broken)
    assert path.read_text(encoding="utf-8") == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["graph.ttl"]


def test_shipped_jsonld_context_names_only_terms_of_the_ontology():
    """Every term the published context defines is one of the ontology's (or an external term
    the graph uses), with the right IRI; terms added to the ontology later go through @vocab."""
    from actorgraph.exports.jsonld import build_context, load_context
    from actorgraph.ontology.namespace import BASE, PROPERTIES, RELATIONS

    context = load_context()["@context"]
    assert context["@vocab"] == BASE
    assert context["cooperatesWith"] == {"@id": "ag:cooperatesWith", "@type": "@id"}
    assert context["start"] == {"@id": "ag:start", "@type": "xsd:integer"}
    ours = {k: v for k, v in context.items() if isinstance(v, dict) and v["@id"].startswith("ag:")}
    assert ours and all(v["@id"] == f"ag:{k}" and (k in RELATIONS or k in PROPERTIES) for k, v in ours.items())
    built = build_context()["@context"]
    assert all(built[k] == v for k, v in context.items() if k in built)


def test_export_formats_load_lazily():
    import subprocess
    import sys

    code = ("import sys; from actorgraph.exports import registry; registry.get_format('gexf'); "
            "print(sorted(m for m in ('rdflib', 'networkx', 'followthemoney') if m in sys.modules))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert out.stdout.strip() == "[]", out.stderr
