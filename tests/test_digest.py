"""The relation digests (issue 5): every write keeps them equal to what the statements give, and
the questions answered from them get the same rows as by SPARQL.

Each test makes a store by a real path (build, curation, removal, replacement, import, update,
a store written before digests) and checks it with :func:`assert_digests_hold`: the digests are
current, every graph's are those its statements give (:func:`digest.stale_graphs`), and
``cooperates``, ``show``, ``relations`` and the graph view give the same rows from the digests
as by SPARQL, for every entity."""

from __future__ import annotations

import gc
import json
from pathlib import Path

import pyoxigraph as ox
import pytest
from conftest import CORPUS, copy_store, store_with_decisions

from actorgraph.graph import digest, queries
from actorgraph.graph.store import documents, open_store
from actorgraph.graph.view import graph_data
from actorgraph.ontology.namespace import AG, BASE, ID_BASE, RDF

COOPERATES = BASE + "cooperatesWith"


def _open(path: Path) -> ox.Store:
    return open_store(path, read_only=True)


def same_answers(store) -> int:
    """Assert that every question answered from the digests gets the rows SPARQL gives; return
    how many cooperation rows were compared (so that a test sees it compared something)."""
    compared = 0
    graphs = [d["graph"] for d in documents(store)]
    for e in queries.entities(store):
        iri = e["id"]
        for curated in queries.CURATED_CHOICES:
            fast = queries.cooperates(store, iri, curated=curated)
            assert fast == queries.cooperates(store, iri, curated=curated, use_digests=False), (iri, curated)
            compared += len(fast)
        assert (queries.cooperates(store, iri, modality="proposed")
                == queries.cooperates(store, iri, modality="proposed", use_digests=False)), iri
        for doc in graphs[:2]:
            assert (queries.cooperates(store, iri, document=doc)
                    == queries.cooperates(store, iri, document=doc, use_digests=False)), (iri, doc)
        for curated in ("include", "exclude"):
            assert (queries.show(store, iri, curated=curated)
                    == queries.show(store, iri, curated=curated, use_digests=False)), (iri, curated)
    for curated in queries.CURATED_CHOICES:  # the view that exports, the page and the algorithms read
        assert (graph_data(store, recommendations=True, curated=curated)
                == graph_data(store, recommendations=True, curated=curated, use_digests=False)), curated
    for relation in (None, "cooperatesWith", "participatesIn"):
        for curated in queries.CURATED_CHOICES:
            assert (queries.relations(store, relation, curated=curated)
                    == queries.relations(store, relation, curated=curated, use_digests=False)), (relation, curated)
    return compared


def assert_digests_hold(path: Path) -> int:
    store = _open(path)
    try:
        assert digest.is_current(store)
        assert digest.stale_graphs(store) == []
        return same_answers(store)
    finally:
        del store
        gc.collect()


@pytest.fixture(scope="module")
def corpus_built(tmp_path_factory) -> Path:
    """The development corpus (six documents of four genres), built once."""
    from actorgraph.graph.build import build

    path = tmp_path_factory.mktemp("digest") / "store"
    assert build([str(CORPUS)], path).ok
    return path


@pytest.fixture
def corpus_copy(corpus_built, tmp_path) -> Path:
    return copy_store(corpus_built, tmp_path / "store")


def test_a_build_files_each_statement_under_both_its_ends(corpus_built):
    store = _open(corpus_built)
    subject = ox.NamedNode(RDF + "subject")
    statements = {(q.subject.value, q.graph_name.value) for q in store.quads_for_pattern(None, subject, None)}
    filed = [(entity, r) for entity, r in digest.all_records(store)]
    assert len(statements) > 250
    # once as subject and once as object, in the graph that states it
    assert sorted(r.statement for _, r in filed if not r.as_object) == sorted(s for s, _ in statements)
    assert sorted(r.statement for _, r in filed if r.as_object) == sorted(s for s, _ in statements)
    europol = [r for r in digest.records(store, f"{ID_BASE}organisation/europol")
               if r.predicate == COOPERATES]
    assert europol and all(r.sentence and r.source and r.start < r.end for r in europol)
    assert assert_digests_hold(corpus_built) > 50


def test_the_check_finds_a_digest_that_is_not_its_statements(corpus_copy):
    """The checks of this module can fail: a digest that says one thing more is found stale,
    and the fast path would answer with it."""
    store = open_store(corpus_copy)
    found = next(iter(store.quads_for_pattern(None, digest.DIGEST, None)))
    forged = digest.Record(0, COOPERATES, "https://w3id.org/actorgraph/id/organisation/interpol", "urn:x:forged",
                           1, "forged", 0, 5, found.graph_name.value, "forged.txt", None, "A forged sentence.",
                           "actual", None)
    store.remove(found)
    rows = json.loads(found.object.value) + [list(forged)]
    store.add(ox.Quad(found.subject, digest.DIGEST, ox.Literal(json.dumps(rows)), found.graph_name))
    assert digest.stale_graphs(store) == [found.graph_name.value]
    entity = digest.key(found.subject)
    fast = queries.cooperates(store, entity)
    assert "A forged sentence." in {r["evidence"] for r in fast}
    assert fast != queries.cooperates(store, entity, use_digests=False)
    del store
    gc.collect()


def test_every_kind_of_curation_keeps_the_digests(built_store, tmp_path):
    from test_curation import DECISIONS

    curated = store_with_decisions(built_store, tmp_path, DECISIONS)
    assert assert_digests_hold(curated) > 0
    store = _open(curated)
    interpol = queries.find_entity(store, "Interpol")["id"]
    rows = queries.cooperates(store, interpol)
    assert [r["partner"] for r in rows] == ["Europol"] and rows[0]["curated"].startswith("#")  # asserted by hand
    del store
    gc.collect()


def test_undoing_a_decision_rebuilds_with_the_digests(run, built_store, tmp_path, monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_USER", "jdoe")
    curated = store_with_decisions(built_store, tmp_path, [
        ("merge", "German Federal Police", "Belgian Federal Police"),
        ("modality", "Europol", "Eurojust", "actual", "--sentence", "information sharing between agencies")])
    result = run("--store", curated, "curation", "--undo", "1")
    assert result.exit_code == 0, result.output
    assert assert_digests_hold(curated) > 0


def test_removing_and_replacing_documents_keep_the_digests(run, corpus_copy, tmp_path):
    result = run("--store", corpus_copy, "remove", "iom_wikipedia.md")
    assert result.exit_code == 0, result.output
    note = tmp_path / "note.md"
    note.write_text("# Note\n\nEuropol cooperates with Frontex and Eurojust on smuggling.\n", encoding="utf-8")
    assert run("--store", corpus_copy, "build", note).exit_code == 0
    note.write_text("# Note\n\nEuropol should cooperate with Interpol on smuggling.\n", encoding="utf-8")
    assert run("--store", corpus_copy, "build", note).exit_code == 0
    assert assert_digests_hold(corpus_copy) > 0
    store = _open(corpus_copy)
    interpol = [r for r in queries.cooperates(store, queries.find_entity(store, "Interpol")["id"])
                if r["document"] == "note.md"]
    assert [(r["partner"], r["modality"]) for r in interpol] == [("Europol", "proposed")]
    del store
    gc.collect()


def test_a_document_written_in_parts_has_the_digests_of_a_whole_one(corpus_built, tmp_path, monkeypatch):
    from actorgraph.graph import build as build_module

    monkeypatch.setattr(build_module, "CHUNK_QUADS", 500)
    path = tmp_path / "parts"
    assert build_module.build([str(CORPUS / "frontex_risk_analysis_2016.txt")], path).ok
    parts, whole = _open(path), _open(corpus_built)
    graph = next(g for g in parts.named_graphs() if g.value.startswith("https://w3id.org/actorgraph/doc/"))
    assert set(parts.quads_for_pattern(None, digest.DIGEST, None, graph)) == set(
        whole.quads_for_pattern(None, digest.DIGEST, None, graph))
    assert digest.stale_graphs(parts) == []
    del parts, whole
    gc.collect()


def test_an_update_is_followed_by_the_digests(run, corpus_copy):
    """``sparql --update`` may change any statement: the digests are derived again after it."""
    update = ("DELETE { GRAPH ?g { ?st ag:modality ?m } } INSERT { GRAPH ?g { ?st ag:modality \"proposed\" } } "
              "WHERE { GRAPH ?g { ?st rdf:predicate ag:cooperatesWith ; ag:modality ?m } }")
    result = run("--store", corpus_copy, "sparql", "--update", update)
    assert result.exit_code == 0, result.output
    assert assert_digests_hold(corpus_copy) > 0
    store = _open(corpus_copy)
    europol = queries.cooperates(store, queries.find_entity(store, "Europol")["id"])
    assert europol and {r["modality"] for r in europol} == {"proposed"}
    del store
    gc.collect()
    # an update that fails writes nothing, and leaves the digests current
    assert run("--store", corpus_copy, "sparql", "--update", "DELETE WHERE { ?s ?p").exit_code != 0
    assert digest.is_current(_open(corpus_copy))


def test_a_store_without_digests_is_asked_by_sparql_and_the_next_writer_derives_them(corpus_copy, corpus_built):
    """A store written before the digests (or by a tool that does not keep them)."""
    store = open_store(corpus_copy)
    for q in list(store.quads_for_pattern(None, digest.DIGEST, None)):
        store.remove(q)
    digest.invalidate(store)
    del store
    gc.collect()
    reader, reference = _open(corpus_copy), _open(corpus_built)
    assert not digest.is_current(reader)
    europol = queries.find_entity(reader, "Europol")["id"]
    assert queries.cooperates(reader, europol) == queries.cooperates(reference, europol)  # by SPARQL
    assert queries.relations(reader) == queries.relations(reference)
    del reader, reference
    gc.collect()
    writer = open_store(corpus_copy)  # any writer: derives them before it writes
    del writer
    gc.collect()
    assert assert_digests_hold(corpus_copy) > 0


def test_an_import_derives_the_digests_of_its_graphs_and_takes_none_from_the_file(run, corpus_built, tmp_path):
    dump = tmp_path / "corpus.nq"
    assert run("--store", corpus_built, "export", "--format", "nquads", "-o", dump).exit_code == 0
    text = dump.read_text(encoding="utf-8")
    assert "relationDigest" not in text and "digests/format" not in text  # exports leave them out
    forged = ('<https://w3id.org/actorgraph/id/organisation/europol> <%s> "[[0,\\"%s\\",\\"urn:x\\"]]" '
              '<https://w3id.org/actorgraph/doc/forged> .\n' % (AG.relationDigest, COOPERATES))
    dump.write_text(text + forged, encoding="utf-8")
    target = tmp_path / "imported"
    result = run("--store", target, "import", dump)
    assert result.exit_code == 0, result.output
    store = _open(target)
    assert not store.contains_named_graph(ox.NamedNode("https://w3id.org/actorgraph/doc/forged"))
    del store
    gc.collect()
    assert assert_digests_hold(target) > 0
    reference, imported = _open(corpus_built), _open(target)
    europol = queries.find_entity(reference, "Europol")["id"]
    assert queries.cooperates(imported, europol) == queries.cooperates(reference, europol)
    del reference, imported
    gc.collect()


@pytest.mark.parametrize("fmt", ["turtle", "trig", "jsonld"])
def test_exports_leave_the_digests_out(run, built_store, fmt, tmp_path):
    out = tmp_path / f"export.{fmt}"
    assert run("--store", built_store, "export", "--format", fmt, "-o", out).exit_code == 0
    text = out.read_text(encoding="utf-8")
    assert "relationDigest" not in text and "digests/format" not in text
    assert "cooperatesWith" in text
