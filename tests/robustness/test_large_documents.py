"""Large documents (issue 7): memory bounded per document, whatever its size.

A document of more than ``CHUNK_QUADS`` quads is written in parts, its graph marked incomplete
until the last part is in; a store opened for writing removes a graph left marked (a build
stopped half-way), so the store is then as before that document. A document over the size
limit (``build --max-size``, 20 MB by default) is refused before it is read, in one line that
says how to raise the limit. The builds of the large cases themselves (50 MB of text, a single
line of 10 MB) are in ``test_bad_documents.py``."""

from __future__ import annotations

import shutil

import pytest
from conftest import CORPUS

from actorgraph.errors import DocumentError
from actorgraph.graph import build as build_module
from actorgraph.graph.store import (
    ENTITY_GRAPH,
    INCOMPLETE,
    incomplete_graphs,
    open_store,
    remove_incomplete,
)
from actorgraph.loaders import load_path

from .cases import large_text
from .helpers import graphs, integrity_problems, run_cli

SMALL = CORPUS / "aljazeera_eu_ships_rescue_2015.md"
LARGER = CORPUS / "frontex_risk_analysis_2016.txt"


class _Wrapped:
    """The store a build opens, with ``extend`` watched (pyoxigraph's Store cannot be subclassed)."""

    def __init__(self, store, on_extend):
        self._store, self._on_extend = store, on_extend

    def __getattr__(self, name):
        return getattr(self._store, name)

    def extend(self, quads):
        self._on_extend(quads)
        return self._store.extend(quads)


def _build(store, *paths, **options):
    report = build_module.build([str(p) for p in paths], store, **options)
    assert report.ok, report.failed
    return report


def test_a_document_written_in_parts_is_the_same_as_in_one_transaction(tmp_path, monkeypatch):
    _build(tmp_path / "whole", SMALL, LARGER)
    writes = []
    monkeypatch.setattr(build_module, "CHUNK_QUADS", 1000)
    real_open = build_module.open_store
    monkeypatch.setattr(build_module, "open_store",
                        lambda path: _Wrapped(real_open(path), lambda quads: writes.append(len(quads))))
    _build(tmp_path / "parts", SMALL, LARGER)
    assert len(writes) > 10 and max(writes) <= 1001  # in parts, none over the chunk (+ the marker)
    assert graphs(tmp_path / "parts") == graphs(tmp_path / "whole")  # no marker left, nothing else differs


def test_a_half_written_document_is_removed_when_the_store_is_next_opened_for_writing(tmp_path, monkeypatch):
    """A build that stops after some parts of a document (here: an exception in its third part,
    as a kill would stop it) leaves its graph marked; the next opening for writing removes it
    and the entities only it named, and the store is exactly as before that document."""
    store_path = tmp_path / "store"
    _build(store_path, SMALL)
    before = graphs(store_path)

    monkeypatch.setattr(build_module, "CHUNK_QUADS", 1000)
    parts = []

    def stop_at_the_third_part(quads):
        parts.append(len(quads))
        if len(parts) == 3:
            raise KeyboardInterrupt  # stopped half-way

    real_open = build_module.open_store
    monkeypatch.setattr(build_module, "open_store", lambda path: _Wrapped(real_open(path), stop_at_the_third_part))
    with pytest.raises(KeyboardInterrupt):
        build_module.build([str(LARGER)], store_path)
    import gc

    gc.collect()  # (the store of the stopped build is closed with its last reference)
    half = graphs(store_path)
    (marked,) = [g for g, triples in half.items() if any(p == f"<{INCOMPLETE}>" for _, p, _ in triples)]
    assert len(half[marked]) > 100 and half[f"<{ENTITY_GRAPH}>"] != before[f"<{ENTITY_GRAPH}>"]

    monkeypatch.undo()
    store = open_store(store_path)  # for writing: the half-written graph goes
    assert incomplete_graphs(store) == [] and remove_incomplete(store) == []
    del store
    gc.collect()
    after = graphs(store_path)
    entities = f"<{ENTITY_GRAPH}>"
    assert {g: t for g, t in after.items() if g != entities} == {g: t for g, t in before.items() if g != entities}
    # the entities only that document named are gone, and so are the names it gave to entities
    # the other document names too
    assert after[entities] == before[entities]
    assert integrity_problems(store_path) == []


def test_removing_a_document_removes_the_names_it_alone_gave_to_entities_others_name(tmp_path):
    _build(tmp_path / "alone", SMALL)
    _build(tmp_path / "both", SMALL, LARGER)
    result = run_cli("--store", tmp_path / "both", "remove", str(LARGER), timeout=120)
    assert result.code == 0, result.stderr
    assert graphs(tmp_path / "both") == graphs(tmp_path / "alone")


def test_a_document_over_the_size_limit_is_refused_before_it_is_read_the_others_load(tmp_path):
    folder = tmp_path / "documents"
    folder.mkdir()
    big = folder / "big.txt"
    big.write_bytes(large_text(1_600_000))  # 1.5 MB
    shutil.copy(SMALL, folder / "small.md")
    result = run_cli("--store", tmp_path / "store", "build", "--max-size", "1", folder, timeout=120)
    assert result.code == 3, result.stderr
    assert "loaded 1 document(s)" in result.stdout and "1 failed" in result.stdout
    (refusal,) = [x for x in result.stderr.splitlines() if x.startswith("actorgraph: skipped: ")]
    assert refusal == (f"actorgraph: skipped: {big}: 1.5 MB, over the limit of 1 MB per document (memory and "
                       "time grow with it); to load it, raise the limit with 'actorgraph build --max-size 2', "
                       "or split it into smaller documents")
    assert result.seconds < 30  # (not read: reading and extracting it takes longer on a busy machine)
    result = run_cli("--store", tmp_path / "store", "build", "--max-size", "2", big, timeout=300)
    assert result.code == 0 and "loaded 1 document(s)" in result.stdout, result.stderr


def test_the_text_of_a_document_is_held_to_the_limit_too(tmp_path):
    """A PDF's text may be larger than its file: the text read is checked as well."""
    path = tmp_path / "report.md"
    shutil.copy(SMALL, path)
    chars = len(load_path(path).text)
    doc, _ = build_module._read_and_extract(str(path), chars)
    assert doc.text
    source, error = build_module._read_and_extract(str(path), chars - 1)
    assert source == str(path) and isinstance(error, DocumentError)
    assert str(error).startswith(f"{path}: its text is ") and "--max-size" in str(error)


def test_the_command_line_default_is_the_library_default():
    from actorgraph.cli import cli

    (option,) = [p for p in cli.commands["build"].params if p.name == "max_size"]
    assert option.default == build_module.MAX_SIZE_MB
