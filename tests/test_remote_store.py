"""A SPARQL server as the store: build, query, remove and push against a real Oxigraph server
started on 127.0.0.1 by these tests (issue 5)."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pyoxigraph as ox
import pytest

from conftest import CORPUS
from servers import QUERY_COMMANDS, assert_html_page, assert_same_answers

from actorgraph.errors import StoreError
from actorgraph.graph.digest import visible
from actorgraph.graph.remote import RemoteStore, bind_values
from actorgraph.graph.store import documents, open_store


def _oxigraph() -> str | None:
    local = Path(sys.executable).parent / "oxigraph"
    return str(local) if local.exists() else shutil.which("oxigraph")


OXIGRAPH = _oxigraph()
pytestmark = pytest.mark.skipif(OXIGRAPH is None, reason="the oxigraph server (pip install oxigraph) is not installed")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Server:
    def __init__(self, location: Path, union: bool = True):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        args = [OXIGRAPH, "serve", "--location", str(location), "--bind", f"127.0.0.1:{self.port}"]
        if union:
            args.append("--union-default-graph")
        self.proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{self.url}/query?query=ASK%7B%7D", timeout=2).read()
                return
            except OSError:
                if self.proc.poll() is not None or time.monotonic() > deadline:
                    self.stop()
                    raise RuntimeError(f"oxigraph serve did not start: {self.proc.stderr.read()!r}")
                time.sleep(0.1)

    def stop(self) -> None:
        self.proc.terminate()
        try:
            self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()


@pytest.fixture
def server(tmp_path):
    s = Server(tmp_path / "server")
    yield s
    s.stop()


@pytest.fixture(scope="module")
def loaded_server(tmp_path_factory, built_store):
    """A server holding the bundled report, pushed from the session's local store."""
    from actorgraph.graph.remote import push

    s = Server(tmp_path_factory.mktemp("loaded") / "server")
    push(open_store(built_store, read_only=True), RemoteStore(s.url))
    yield s
    s.stop()


# -- the same answers as the local store ---------------------------------------------------------


@pytest.mark.parametrize("args", QUERY_COMMANDS)
def test_every_query_command_answers_from_the_server_as_from_the_local_store(run, built_store, loaded_server, args):
    assert_same_answers(run, built_store, loaded_server.url, args)


def test_html_page_from_the_server(run, loaded_server, tmp_path):
    assert_html_page(run, loaded_server.url, tmp_path / "net.html")


def test_build_into_the_server_then_incremental_rebuild_and_remove(run, server, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Field note\n\nEuropol cooperates with Frontex on smuggling networks.\n", encoding="utf-8")
    first = run("--store", server.url, "build", doc, CORPUS / "aljazeera_eu_ships_rescue_2015.md")
    assert first.exit_code == 0 and "loaded 2 document(s)" in first.stdout, first.output
    again = run("--store", server.url, "build", doc)
    assert "skipped 1 unchanged" in again.stdout

    doc.write_text("Field note, revised\n\nEuropol cooperates with Eurojust on smuggling networks.\n", encoding="utf-8")
    changed = run("--store", server.url, "build", doc)
    assert "loaded 1 document(s)" in changed.stdout
    docs = documents(RemoteStore(server.url))
    assert len(docs) == 2 and sum(d["source"] == str(doc) for d in docs) == 1
    partners = {r["partner"] for r in json.loads(run("--store", server.url, "cooperates", "Europol", "-f", "json").stdout)}
    assert partners == {"Eurojust"}

    removed = run("--store", server.url, "remove", str(doc))
    assert removed.exit_code == 0
    assert [d["title"] for d in documents(RemoteStore(server.url))] == ["EU ships rescue 4,200 migrants in Mediterranean Sea"]


def test_push_sends_only_what_the_server_lacks_and_replaces_older_versions(run, server, tmp_path):
    doc = tmp_path / "note.txt"
    doc.write_text("Field note\n\nEuropol cooperates with Frontex on smuggling networks.\n", encoding="utf-8")
    local = tmp_path / "local"
    run("--store", local, "build", doc, CORPUS / "aljazeera_eu_ships_rescue_2015.md")

    first = run("--store", local, "push", server.url)
    assert first.exit_code == 0 and "pushed 2 document(s)" in first.stdout, first.output
    second = run("--store", local, "push", server.url)
    assert "pushed 0 document(s)" in second.stdout and "2 already there" in second.stdout

    doc.write_text("Field note, revised\n\nEuropol cooperates with Eurojust.\n", encoding="utf-8")
    run("--store", local, "build", doc)
    third = run("--store", local, "push", server.url)
    assert "pushed 1 document(s)" in third.stdout and "1 older version(s) replaced" in third.stdout
    remote = {(d["id"], d["source"]) for d in documents(RemoteStore(server.url))}
    assert remote == {(d["id"], d["source"]) for d in documents(open_store(local, read_only=True))}
    # the same quads, graph by graph (the relation digests stay local: actorgraph.graph.digest)
    local_quads = set(visible(open_store(local, read_only=True).quads_for_pattern(None, None, None, None)))
    assert set(RemoteStore(server.url).quads_for_pattern()) == local_quads

    run("--store", local, "remove", str(doc))
    pruned = run("--store", local, "push", server.url, "--prune")
    assert "1 pruned" in pruned.stdout
    assert len(documents(RemoteStore(server.url))) == 1


# -- safety and errors ----------------------------------------------------------------------------


def test_a_name_with_sparql_in_it_is_a_value_never_query_text(run, loaded_server):
    hostile = 'Europol" } } ; DROP ALL ; SELECT * { ?s ?p "'
    result = run("--store", loaded_server.url, "cooperates", hostile)
    assert result.exit_code == 1 and "no entity named" in result.stderr
    assert run("--store", loaded_server.url, "cooperates", "Europol").exit_code == 0


def test_bind_values_goes_into_the_where_clause_past_strings_iris_and_comments():
    q = ('PREFIX ex: <http://x.org/where/>\nSELECT ?a (CONCAT("where {", ?b) AS ?c) # a where { in a comment\n'
         'WHERE { ?a ex:p ?b }')
    bound = bind_values(q, {ox.Variable("b"): ox.Literal("v")})
    assert bound.endswith('WHERE { VALUES (?b) { ("v") } ?a ex:p ?b }')
    construct = bind_values("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", {ox.Variable("s"): ox.NamedNode("http://x.org/s")})
    assert construct == "CONSTRUCT { ?s ?p ?o } WHERE { VALUES (?s) { (<http://x.org/s>) } ?s ?p ?o }"
    ask = bind_values("ASK { ?s ?p ?o }", {ox.Variable("o"): ox.Literal("1", datatype=ox.NamedNode("http://www.w3.org/2001/XMLSchema#integer"))})
    assert ask == 'ASK { VALUES (?o) { ("1"^^<http://www.w3.org/2001/XMLSchema#integer>) } ?s ?p ?o }'
    with pytest.raises(StoreError):
        bind_values("SELECT ?s WHERE { ?s ?p ?o }", {ox.Variable("s"): ox.BlankNode()})


def test_a_server_without_the_union_default_graph_is_refused_with_the_option_to_set(run, tmp_path, built_store):
    plain = Server(tmp_path / "plain", union=False)
    try:
        from actorgraph.graph.remote import push

        push(open_store(built_store, read_only=True), RemoteStore(plain.url))
        result = run("--store", plain.url, "cooperates", "Europol")
        assert result.exit_code == 4
        assert "--union-default-graph" in result.stderr and "Traceback" not in result.output
    finally:
        plain.stop()


def test_an_unreachable_server_is_a_one_line_store_error(run):
    url = f"http://127.0.0.1:{_free_port()}"
    result = run("--store", url, "cooperates", "Europol")
    assert result.exit_code == 4 and "cannot reach the SPARQL server" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_read_only_remote_store_refuses_writes(loaded_server):
    store = open_store(loaded_server.url, read_only=True)
    with pytest.raises(StoreError, match="read-only"):
        store.remove_graph(ox.NamedNode("https://w3id.org/actorgraph/doc/x"))


def test_push_refuses_a_url_as_the_local_store(run, server):
    result = run("--store", server.url, "push", server.url)
    assert result.exit_code == 4 and "local" in result.stderr


@pytest.mark.parametrize("fmt", ["nquads", "graphml"])
def test_export_from_the_server_as_from_the_local_store(run, built_store, loaded_server, fmt):
    local = run("--store", built_store, "export", "--format", fmt)
    remote = run("--store", loaded_server.url, "export", "--format", fmt)
    assert local.exit_code == 0 and remote.exit_code == 0, remote.output
    if fmt == "nquads":
        def quads(text):
            return {q for q in ox.parse(text, ox.RdfFormat.N_QUADS)}
        assert quads(remote.stdout) == quads(local.stdout) and len(quads(local.stdout)) > 1000
    else:
        assert "Europol" in remote.stdout and remote.stdout.count("<edge") == local.stdout.count("<edge") > 100
