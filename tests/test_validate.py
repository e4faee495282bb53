"""SHACL validation of the store, and importing RDF written elsewhere (issue 4)."""

from __future__ import annotations

import json
import re

import pyoxigraph as ox
import pytest
from conftest import CORPUS

AG = "https://w3id.org/actorgraph/ontology#"
RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
DOC = "https://w3id.org/actorgraph/doc/"


def _statement(store: ox.Store, subject_label: str, predicate: str) -> ox.NamedNode:
    rows = store.query(
        "SELECT ?st ?p ?l WHERE { ?st rdf:subject ?s ; rdf:predicate ?p . ?s rdfs:label ?l } ORDER BY ?st LIMIT 1",
        prefixes={"rdf": RDF, "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}, use_default_graph_as_union=True,
        substitutions={ox.Variable("l"): ox.Literal(subject_label), ox.Variable("p"): ox.NamedNode(AG + predicate)})
    return next(iter(rows))["st"]


# ------------------------------------------------------------------ validate


def test_bundled_report_is_valid(run, built_store):
    result = run("--store", built_store, "validate")
    assert result.exit_code == 0, result.output
    assert result.stdout == "" and "valid:" in result.stderr and "conform" in result.stderr


def test_every_corpus_document_is_valid(tmp_path):
    from actorgraph.graph.build import build
    from actorgraph.graph.validate import validate_store

    path = tmp_path / "corpus"
    report = build([str(CORPUS)], path)
    documents = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md") and p.name != "SOURCES.md"]
    assert report.ok and len(report.loaded) == len(documents) >= 6
    validation = validate_store(ox.Store.read_only(str(path)))
    assert validation.conforms, "\n".join(v.line() for v in validation.violations[:20])
    assert validation.triples > 30000


def test_planted_violations_are_reported_readably(run, store_copy):
    store = ox.Store(str(store_copy))
    europol = _statement(store, "Europol", "cooperatesWith")
    subject = next(iter(store.quads_for_pattern(europol, ox.NamedNode(RDF + "subject"), None, None)))
    store.remove(subject)  # a Statement without rdf:subject
    chair = _statement(store, "Cyril Lacombe", "chairs")
    graph = next(iter(store.quads_for_pattern(chair, None, None, None))).graph_name
    store.add(ox.Quad(chair, ox.NamedNode(AG + "modality"), ox.Literal("maybe"), graph))  # not a modality, not on chairs
    store.flush()
    del store

    result = run("--store", store_copy, "validate")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    node = europol.value.replace(DOC, "doc:")
    missing = [line for line in lines if node in line and "rdf:subject" in line]
    assert len(missing) == 1, lines
    assert re.fullmatch(rf"VIOLATION  {re.escape(node)} \(Statement: \? cooperatesWith [^)]+\) "
                        r"in emn_2016_conference_report\.txt  rdf:subject: missing: required here", missing[0]), missing
    maybe = [line for line in lines if chair.value.replace(DOC, "doc:") in line]
    assert any('ag:modality: "maybe" is not one of the allowed values' in line for line in maybe), lines
    assert any("rdf:predicate: modality is only given on statements of cooperatesWith" in line for line in maybe), maybe
    assert "Statement: Cyril Lacombe chairs Workshop 2" in maybe[0]
    assert "violation(s)" in result.stderr

    as_json = json.loads(run("--store", store_copy, "validate", "--format", "json").stdout)
    assert {v["path"] for v in as_json} >= {"rdf:subject", "ag:modality"}
    assert all(v["documents"] == "emn_2016_conference_report.txt" for v in as_json)


# ------------------------------------------------------------------ import


@pytest.fixture
def exported_trig(run, built_store, tmp_path):
    path = tmp_path / "graph.trig"
    assert run("--store", built_store, "export", "-o", path).exit_code == 0
    return path


def _dataset(store_path):
    from rdflib.compare import to_isomorphic

    from actorgraph.exports.rdflib_bridge import to_rdflib_dataset

    ds = to_rdflib_dataset(ox.Store.read_only(str(store_path)))
    return {g.identifier: to_isomorphic(g) for g in ds.graphs() if len(g)}


def test_import_an_export_into_a_fresh_store_gives_the_same_graphs(run, built_store, exported_trig, tmp_path):
    fresh = tmp_path / "fresh"
    result = run("--store", fresh, "import", exported_trig)
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("imported ") and "7211db43e67c85e2" in result.stdout
    assert _dataset(fresh) == _dataset(built_store)
    # the imported store answers like the built one, and is not reloaded with the bundled report
    query = run("--store", fresh, "query", "cooperation", "-p", "actor=Europol", "-f", "csv")
    assert query.exit_code == 0 and "Frontex" in query.stdout and "loading the bundled" not in query.stderr


def test_import_never_replaces_a_documents_graph(run, store_copy, exported_trig):
    before = len(ox.Store.read_only(str(store_copy)))
    result = run("--store", store_copy, "import", exported_trig)
    assert result.exit_code == 1
    assert "already holds the graph(s) https://w3id.org/actorgraph/doc/7211db43e67c85e2" in result.stderr
    assert len(ox.Store.read_only(str(store_copy))) == before


NOTE = """
@prefix ag: <https://w3id.org/actorgraph/ontology#> .
@prefix id: <https://w3id.org/actorgraph/id/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#> .
@prefix ex: <https://example.org/notes/> .

id:person\\/jane-doe a ag:Person ; rdfs:label "Jane Doe" ; ag:matchKey "jane doe" ;
    ag:affiliatedWith id:organisation\\/europol .
ex:doc a ag:Document ; ag:text "Jane Doe works with Frontex." ; ag:sourcePath "notes/jane.txt" ;
    ag:sha256 "0000000000000000000000000000000000000000000000000000000000000000" .
ex:s0 a ag:Sentence ; ag:inDocument ex:doc ; ag:start 0 ; ag:end 28 ; ag:text "Jane Doe works with Frontex." .
ex:st0 a ag:Statement ; rdf:subject id:person\\/jane-doe ; rdf:predicate ag:cooperatesWith ;
    rdf:object id:organisation\\/frontex ; ag:inDocument ex:doc ; ag:sentence ex:s0 ; ag:modality "actual" ;
    ag:start 0 ; ag:end 28 .
"""


def test_import_someone_elses_turtle_into_a_graph_of_its_own(run, store_copy, tmp_path):
    note = tmp_path / "note.ttl"
    note.write_text(NOTE, encoding="utf-8")
    first = run("--store", store_copy, "import", note)
    assert first.exit_code == 0, first.output
    assert "into 1 graph(s): https://w3id.org/actorgraph/doc/import-" in first.stdout
    # the file only points at Frontex: the store's knowledge of Frontex made it valid
    rows = run("--store", store_copy, "query", "cooperation", "-p", "actor=Jane Doe", "-f", "csv").stdout
    assert "Frontex" in rows and "actual" in rows
    again = run("--store", store_copy, "import", note)
    assert again.exit_code == 0 and "already imported" in again.stdout
    assert run("--store", store_copy, "validate").exit_code == 0


def test_invalid_import_is_refused_whole_with_each_violation(run, store_copy, tmp_path):
    bad = tmp_path / "bad.ttl"
    bad.write_text(NOTE.replace('ag:modality "actual"', 'ag:modality "maybe"')
                   .replace("rdf:subject id:person\\/jane-doe ;", ""), encoding="utf-8")
    before = len(ox.Store.read_only(str(store_copy)))
    result = run("--store", store_copy, "import", bad)
    assert result.exit_code == 1
    assert "does not conform to the actorgraph shapes" in result.stderr and "nothing was imported" in result.stderr
    assert "<https://example.org/notes/st0>" in result.stderr and "rdf:subject: missing" in result.stderr
    assert '"maybe" is not one of the allowed values' in result.stderr
    assert len(ox.Store.read_only(str(store_copy))) == before


@pytest.mark.parametrize("fmt", ["ntriples", "rdfxml", "jsonld", "nquads"])
def test_import_reads_every_rdf_format(run, built_store, tmp_path, fmt):
    from actorgraph.exports.registry import FORMATS

    path = tmp_path / f"graph{FORMATS[fmt].extensions[0]}"
    assert run("--store", built_store, "export", "-o", path).exit_code == 0
    fresh = tmp_path / "fresh"
    result = run("--store", fresh, "import", path)
    assert result.exit_code == 0, result.output
    imported = _dataset(fresh)
    original = _dataset(built_store)
    if FORMATS[fmt].dataset:
        assert imported == original
    else:  # triples go into one graph of their own, isomorphic to the union of the store's
        from rdflib import Graph
        from rdflib.compare import isomorphic

        union = Graph()
        for g in original.values():
            for triple in g:
                union.add(triple)
        assert len(imported) == 1 and str(next(iter(imported))).startswith(DOC + "import-")
        assert isomorphic(next(iter(imported.values())), union)


def test_import_with_a_graph_name_and_errors(run, store_copy, tmp_path):
    note = tmp_path / "note.ttl"
    note.write_text(NOTE, encoding="utf-8")
    taken = run("--store", store_copy, "import", note, "--graph", DOC + "7211db43e67c85e2")
    assert taken.exit_code == 1 and "never replaces a graph" in taken.stderr
    named = run("--store", store_copy, "import", note, "--graph", DOC + "my-notes")
    assert named.exit_code == 0 and DOC + "my-notes" in named.stdout
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix ag: <https://w3id.org/actorgraph/ontology#> .\n<a:b> ag:x \"unterminated .\n",
                      encoding="utf-8")
    result = run("--store", store_copy, "import", broken)
    assert result.exit_code == 3 and "not valid Turtle" in result.stderr and "Traceback" not in result.output
    unknown = run("--store", store_copy, "import", tmp_path / "notes.docx")
    assert unknown.exit_code == 2 and "cannot tell the RDF format" in unknown.stderr


def test_a_colleagues_export_merges_without_touching_the_stores_graphs(run, built_store, tmp_path):
    """Another store's TriG (its document and its entity descriptions) goes into a store that
    has its own: the document graph is new, the entity descriptions land in the import's graph."""
    from actorgraph.graph.build import build

    theirs = tmp_path / "theirs"
    assert build([str(CORPUS / "iom_wikipedia.md")], theirs).ok
    export = tmp_path / "theirs.trig"
    assert run("--store", theirs, "export", "-o", export).exit_code == 0
    mine = tmp_path / "mine"
    import shutil

    shutil.copytree(built_store, mine)
    (mine / "LOCK").unlink(missing_ok=True)
    before = _dataset(mine)
    result = run("--store", mine, "import", export)
    assert result.exit_code == 0, result.output
    after = _dataset(mine)
    assert all(after[g] == graph for g, graph in before.items())  # not one of my graphs changed
    new = set(after) - set(before)
    assert any(str(g).startswith(DOC + "import-") for g in new) and len(new) == 2
    rows = run("--store", mine, "query", "mentions", "-p", "entity=IOM", "-f", "csv").stdout
    assert "iom_wikipedia.md" in rows and "emn_2016_conference_report.txt" in rows


def test_an_imported_label_of_a_known_entity_becomes_an_alias(run, store_copy, tmp_path):
    """The store names Frontex; a file calling it otherwise must not change the name `show` gives,
    and its name must still find it."""
    other = tmp_path / "other.ttl"
    other.write_text("""
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
<https://w3id.org/actorgraph/id/organisation/frontex> rdfs:label "Agence Frontex" .
""", encoding="utf-8")
    assert run("--store", store_copy, "import", other).exit_code == 0
    shown = run("--store", store_copy, "show", "Agence Frontex")
    assert shown.exit_code == 0, shown.output
    first = shown.stdout.splitlines()[0]
    assert first.startswith("Frontex") and "Agence Frontex" in shown.stdout  # label kept, new name an alias
