"""Many documents: incremental builds, removal, the document list, entity resolution across
documents, the parallel pipeline and the progress display (issue 5)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS

from actorgraph.graph.build import build
from actorgraph.graph.store import documents, open_store
from actorgraph.ontology.namespace import AG, PROV

PARTNERS = ["Frontex", "Eurojust", "Interpol", "EASO", "CEPOL", "UNODC", "IOM", "UNHCR",
            "the European Commission", "Europol's EMSC"]


def write_reports(folder: Path, n: int = 10) -> list[Path]:
    """Ten short reports: each names Europol, one partner, and the same regional unit (with its
    acronym in the first only)."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for i in range(n):
        unit = "the Aegean Border Investigation Unit" + (" (ABIU)" if i == 0 else "")
        text = (
            f"Field report {i + 1}\n\n"
            f"Europol cooperates with {PARTNERS[i % len(PARTNERS)]} on smuggling networks in region {i}. "
            f"Europol and {unit} signed a cooperation agreement in 201{i % 10}.\n"
        )
        p = folder / f"report_{i:02d}.txt"
        p.write_text(text, encoding="utf-8")
        paths.append(p)
    return paths


def graphs(store_path) -> set[str]:
    """The documents' graphs (not the shared entity graph)."""
    from actorgraph.graph.store import document_graphs

    return set(document_graphs(open_store(store_path, read_only=True)))


def content(store_path) -> set:
    """Every quad but the load time (which differs between two builds of the same data)."""
    store = open_store(store_path, read_only=True)
    return {q for q in store if q.predicate.value != PROV + "generatedAtTime"}


def test_europol_in_ten_reports_is_one_node_with_ten_documents_of_evidence(tmp_path, run):
    write_reports(tmp_path / "reports")
    store = tmp_path / "s"
    assert build([str(tmp_path / "reports")], store).ok
    entities = json.loads(run("--store", store, "entities", "-f", "json").stdout)
    europol = [e for e in entities if e["label"] == "Europol"]
    assert len(europol) == 1
    shown = json.loads(run("--store", store, "show", "Europol", "-f", "json").stdout)
    assert len(shown["mentions"]) == 10
    documents_of_evidence = {r["document"] for r in shown["relations"]}
    assert len(documents_of_evidence) == 10
    # an organisation no vocabulary knows is one node too, found by the acronym one report gave
    units = [e for e in entities if "Aegean" in e["label"]]
    assert len(units) == 1 and units[0]["label"] == "Aegean Border Investigation Unit"
    rows = json.loads(run("--store", store, "cooperates", "ABIU", "-f", "json").stdout)
    assert {r["partner"] for r in rows} == {"Europol"}
    assert len({r["document"] for r in rows}) == 10


def test_store_lookup_finds_names_of_other_documents_and_ignores_a_version_being_replaced(tmp_path):
    from actorgraph.graph.build import _store_lookup

    write_reports(tmp_path / "reports", 1)
    store = tmp_path / "s"
    build([str(tmp_path / "reports")], store)
    s = open_store(store, read_only=True)
    unit = "https://w3id.org/actorgraph/id/organisation/aegean-border-investigation-unit"
    assert _store_lookup(s)("Organisation", ["no such name", "abiu"])[0] == unit
    assert _store_lookup(s)("Person", ["abiu"]) is None  # the class must agree
    graph = ox.NamedNode(next(iter(graphs(store))))
    assert _store_lookup(s, exclude=[graph])("Organisation", ["abiu"]) is None


def test_rebuild_skips_unchanged_and_a_changed_document_replaces_only_its_own_graph(tmp_path):
    paths = write_reports(tmp_path / "reports", 4)
    store = tmp_path / "s"
    build([str(tmp_path / "reports")], store)
    before = {d["source"]: d for d in documents(open_store(store, read_only=True))}

    again = build([str(tmp_path / "reports")], store)
    assert not again.loaded and len(again.skipped) == 4

    paths[2].write_text("Field report 3, revised\n\nEurojust cooperates closely with Interpol on "
                        "money laundering cases.\n", encoding="utf-8")
    report = build([str(tmp_path / "reports")], store)
    assert [s for s, _, _ in report.loaded] == [str(paths[2])] and len(report.skipped) == 3
    after = {d["source"]: d for d in documents(open_store(store, read_only=True))}
    assert set(after) == set(before)
    for source in before:
        if source == str(paths[2]):
            assert after[source]["graph"] != before[source]["graph"]
            assert before[source]["graph"] not in graphs(store)  # the old version is gone
        else:  # untouched: same graph, loaded when it was
            assert after[source]["graph"] == before[source]["graph"]
            assert after[source]["loaded"] == before[source]["loaded"]
    rows = json.loads(_cli(store, "cooperates", "Interpol", "-f", "json"))
    assert any(r["partner"] == "Eurojust" and r["document"] == "report_02.txt" for r in rows)


def test_an_interrupted_replacement_leaves_both_versions_whole_and_the_next_build_heals(tmp_path):
    """The new version is written (one transaction) before the old one is removed: a crash in
    between leaves two whole versions, never half of one (issue 7's wish); the next build removes
    the older."""
    paths = write_reports(tmp_path / "reports", 2)
    store = tmp_path / "s"
    build([str(paths[0])], store)
    old_graph = next(iter(graphs(store)))
    old_quads = list(open_store(store, read_only=True).quads_for_pattern(None, None, None, ox.NamedNode(old_graph)))
    paths[0].write_text("Field report 1, revised\n\nEurojust cooperates with Interpol.\n", encoding="utf-8")
    build([str(paths[0])], store)
    # simulate the crash: the old version back beside the new one
    s = open_store(store)
    s.extend(old_quads)
    s.flush()
    del s
    assert len(graphs(store)) == 2
    report = build([str(paths[0])], store)
    assert report.skipped == [str(paths[0])]
    assert old_graph not in graphs(store) and len(graphs(store)) == 1


def test_parallel_build_writes_exactly_what_a_serial_build_writes(tmp_path):
    serial, parallel = tmp_path / "serial", tmp_path / "parallel"
    inputs = [str(CORPUS), str(tmp_path / "missing.txt")]
    one = build(inputs, serial, jobs=1)
    two = build(inputs, parallel, jobs=2)
    assert one.loaded == two.loaded and len(one.loaded) >= 5
    assert one.failed == two.failed and "missing.txt" in one.failed[0][1]
    assert content(serial) == content(parallel)


def test_an_entity_described_by_an_earlier_document_is_not_written_again(tmp_path, monkeypatch):
    """Europol's classes, names and keys are written by the first report naming it, not by every
    one: fewer quads to write, the same store."""
    import actorgraph.graph.build as build_module

    written: dict[str, list] = {}
    extend = build_module._Writer._extend

    def counting(self, quads):
        written.setdefault(self.store_name, []).extend(quads)
        return extend(self, quads)

    monkeypatch.setattr(build_module._Writer, "_extend", counting)
    inputs = [str(CORPUS)]
    monkeypatch.setattr(build_module._Writer, "store_name", "once", raising=False)
    build(inputs, tmp_path / "once", jobs=1)
    monkeypatch.setattr(build_module._Writer, "_not_yet_described", lambda self, quads, described: quads)
    monkeypatch.setattr(build_module._Writer, "store_name", "every", raising=False)
    build(inputs, tmp_path / "every", jobs=1)
    entities = ox.NamedNode("https://w3id.org/actorgraph/entities")
    repeated = [q for q in written["every"] if q.graph_name == entities]
    assert len(repeated) > len({*repeated})  # the documents share entities
    assert len(written["once"]) == len(written["every"]) - (len(repeated) - len({*repeated}))
    assert content(tmp_path / "once") == content(tmp_path / "every")


def test_a_corpus_build_compacts_the_store_and_a_small_one_does_not(tmp_path, monkeypatch):
    import actorgraph.graph.build as build_module

    optimized = []

    class Counting:
        def __init__(self, store):
            self._store = store

        def __getattr__(self, name):
            return getattr(self._store, name)

        def optimize(self):
            optimized.append(True)
            self._store.optimize()

    opened = build_module.open_store
    monkeypatch.setattr(build_module, "open_store", lambda *a, **k: Counting(opened(*a, **k)))
    build(None, tmp_path / "small", jobs=1)  # the bundled report: about 9,000 quads
    assert optimized == []
    monkeypatch.setattr(build_module, "OPTIMIZE_AFTER", 1_000)
    build(None, tmp_path / "corpus", jobs=1)
    assert optimized == [True]
    assert content(tmp_path / "small") == content(tmp_path / "corpus")


def test_documents_lists_id_title_source_date_counts_and_load_time(tmp_path, run):
    store = tmp_path / "s"
    build([str(CORPUS / "aljazeera_eu_ships_rescue_2015.md"), str(CORPUS / "emn_2016_conference_report.txt")], store)
    rows = list(csv.DictReader(io.StringIO(run("--store", store, "documents", "-f", "csv").stdout)))
    assert [r["source"] for r in rows] == [str(CORPUS / "aljazeera_eu_ships_rescue_2015.md"),
                                           str(CORPUS / "emn_2016_conference_report.txt")]
    assert list(rows[0]) == ["id", "title", "source", "date", "entities", "relations", "loaded", "sha256"]
    news = rows[0]
    assert news["title"] == "EU ships rescue 4,200 migrants in Mediterranean Sea"
    assert news["date"] == "2015-05-30" and news["sha256"].startswith(news["id"]) and len(news["id"]) == 16
    assert int(rows[1]["entities"]) > 100 and int(rows[1]["relations"]) > 100
    assert rows[1]["loaded"][:2] == "20" and len(rows[1]["loaded"]) == 19
    # the counts are those of the document's own graph
    store_ = open_store(store, read_only=True)
    statements = sum(1 for _ in store_.quads_for_pattern(None, None, ox.NamedNode(AG.Statement),
                                                         ox.NamedNode(documents(store_)[1]["graph"])))
    assert int(rows[1]["relations"]) == statements
    table = run("--store", store, "documents")
    assert table.exit_code == 0 and "2 document(s)" in table.stderr and "loaded" in table.stdout


def test_documents_on_a_new_store_lists_nothing(tmp_path, run):
    result = run("--store", tmp_path / "none", "documents", "-f", "json")
    assert result.exit_code == 0 and json.loads(result.stdout) == []
    assert not (tmp_path / "none").exists()


def test_remove_by_path_id_and_title_keeps_entities_other_documents_name(tmp_path, run):
    paths = write_reports(tmp_path / "reports", 3)
    store = tmp_path / "s"
    build([str(tmp_path / "reports"), str(CORPUS / "aljazeera_eu_ships_rescue_2015.md")], store)
    listed = {d["source"]: d for d in documents(open_store(store, read_only=True))}

    by_path = run("--store", store, "remove", paths[0])
    assert by_path.exit_code == 0 and f"removed {listed[str(paths[0])]['id']}" in by_path.stdout
    by_id = run("--store", store, "remove", listed[str(paths[1])]["id"][:8])
    assert by_id.exit_code == 0 and str(paths[1]) in by_id.stdout
    by_title = run("--store", store, "remove", "eu ships rescue 4,200 migrants in mediterranean sea")
    assert by_title.exit_code == 0

    left = documents(open_store(store, read_only=True))
    assert [d["source"] for d in left] == [str(paths[2])]
    entities = {e["label"] for e in json.loads(run("--store", store, "entities", "-f", "json").stdout)}
    assert {"Europol", "Interpol", "Aegean Border Investigation Unit"} <= entities  # named by the report left
    assert not {"Frontex", "Eurojust"} & entities  # named only by the removed ones
    missing = run("--store", store, "remove", "no-such-report.txt")
    assert missing.exit_code == 1 and "no document matches" in missing.stderr


def test_remove_refuses_an_ambiguous_title_unless_all(tmp_path, run):
    folder = tmp_path / "twins"
    folder.mkdir()
    for name in ("a.md", "b.md"):
        (folder / name).write_text(f"# Same title\n\nFrontex met Europol in {name}.\n", encoding="utf-8")
    store = tmp_path / "s"
    build([str(folder)], store)
    refused = run("--store", store, "remove", "Same title")
    assert refused.exit_code == 1 and "matches 2 documents" in refused.stderr
    assert len(graphs(store)) == 2
    assert run("--store", store, "remove", "Same title", "--all").exit_code == 0
    assert graphs(store) == set()


def test_build_jobs_option_and_plain_progress_lines_off_a_terminal(tmp_path, run):
    write_reports(tmp_path / "reports", 3)
    result = run("--store", tmp_path / "s", "build", "--jobs", "2", tmp_path / "reports")
    assert result.exit_code == 0, result.output
    assert "loaded 3 document(s)" in result.stdout
    lines = [x for x in result.stderr.splitlines() if x.startswith("loaded ")]
    assert len(lines) == 3 and lines[0].endswith("entities, 2 relations") or "entities" in lines[0]
    quiet = run("--store", tmp_path / "s2", "build", "-q", tmp_path / "reports")
    assert quiet.stderr == ""


@pytest.mark.skipif(sys.platform == "win32", reason="needs a pseudo-terminal")
def test_build_on_a_terminal_shows_a_progress_bar_with_entities(tmp_path):
    import pty

    write_reports(tmp_path / "reports", 3)
    leader, follower = pty.openpty()
    env = dict(os.environ, COLUMNS="100")
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph", "--store", str(tmp_path / "s"), "build",
                             str(tmp_path / "reports")], stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=follower, env=env)
    os.close(follower)
    out, _ = proc.communicate(timeout=120)
    shown = b""
    while True:
        try:
            chunk = os.read(leader, 4096)
        except OSError:
            break
        if not chunk:
            break
        shown += chunk
    os.close(leader)
    text = shown.decode("utf-8", "replace")
    assert proc.returncode == 0
    assert "documents" in text and "3/3" in text and "entities" in text
    assert "loaded tests" not in text and "loaded 3 document(s)" in out.decode()


def test_html_and_pdf_files_in_a_directory_are_found(tmp_path):
    folder = tmp_path / "mixed"
    folder.mkdir()
    shutil.copy(Path(__file__).parent / "formats" / "briefing.pdf", folder / "briefing.pdf")
    (folder / "page.html").write_text("<title>Note</title><p>Frontex cooperates with Europol.</p>",
                                      encoding="utf-8")
    (folder / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    report = build([str(folder)], tmp_path / "s")
    assert sorted(Path(s).name for s, _, _ in report.loaded) == ["briefing.pdf", "page.html"]
    formats = {d["source"]: d["title"] for d in documents(open_store(tmp_path / "s", read_only=True))}
    assert formats[str(folder / "briefing.pdf")] == "Cooperation against migrant smuggling in the Mediterranean"


def _cli(store, *args) -> str:
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "--store", str(store), *args],
                          capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout


def test_cooperates_over_ten_reports_gives_each_statement_once(tmp_path):
    """Issue 5: an entity is described in every document graph that names it, and Oxigraph's
    union of the graphs is a bag, so a query that joins on its label or class gets each row
    once per document (docs/performance.md, finding 1)."""
    from actorgraph.graph import queries

    write_reports(tmp_path / "reports")
    build([str(tmp_path / "reports")], tmp_path / "s")
    rows = queries.cooperates(open_store(tmp_path / "s", read_only=True),
                              "https://w3id.org/actorgraph/id/organisation/europol")
    keys = [(r["partner_id"], r["document"], r["start"]) for r in rows]
    assert len(keys) == len(set(keys))
