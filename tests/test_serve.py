"""`actorgraph serve`: a read-only SPARQL 1.1 Protocol endpoint, asked over real HTTP (issue 4)."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET

import pytest

from actorgraph.sparql.serve import Endpoint

PREFIXES = ("PREFIX ag: <https://w3id.org/actorgraph/ontology#>\n"
            "PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>\n")
PEOPLE = PREFIXES + "SELECT ?label WHERE { ?p a ag:Person ; rdfs:label ?label } ORDER BY ?label"
LIMIT = 50


@pytest.fixture(scope="module")
def endpoint(built_store):
    with Endpoint(built_store, host="127.0.0.1", port=0, timeout=60, limit=LIMIT) as e:
        yield e


def _get(url: str, query: str, accept: str = "", **params) -> tuple[int, dict, bytes]:
    full = url + "?" + urllib.parse.urlencode({"query": query, **params})
    return _open(urllib.request.Request(full, headers={"Accept": accept} if accept else {}))


def _post(url: str, body: bytes, content_type: str, accept: str = "") -> tuple[int, dict, bytes]:
    headers = {"Content-Type": content_type}
    if accept:
        headers["Accept"] = accept
    return _open(urllib.request.Request(url, data=body, headers=headers, method="POST"))


def _open(request) -> tuple[int, dict, bytes]:
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), response.read()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read()


def _labels(body: bytes) -> list[str]:
    return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]


def test_get_answers_with_sparql_json_by_default(endpoint):
    assert endpoint.url.startswith("http://127.0.0.1:") and endpoint.url.endswith("/query")
    status, headers, body = _get(endpoint.url, PEOPLE)
    assert status == 200 and headers["Content-Type"].startswith("application/sparql-results+json")
    labels = _labels(body)
    assert "Roberta Barberini" in labels and labels == sorted(labels)


def test_post_form_and_post_query_body_answer_the_same(endpoint):
    get = _labels(_get(endpoint.url, PEOPLE)[2])
    form = _post(endpoint.url, urllib.parse.urlencode({"query": PEOPLE}).encode(), "application/x-www-form-urlencoded")
    direct = _post(endpoint.url, PEOPLE.encode(), "application/sparql-query")
    assert form[0] == direct[0] == 200
    assert _labels(form[2]) == _labels(direct[2]) == get


def test_content_negotiation_gives_each_w3c_format(endpoint):
    status, headers, body = _get(endpoint.url, PEOPLE, accept="text/csv")
    assert status == 200 and headers["Content-Type"].startswith("text/csv")
    assert "Roberta Barberini" in [r["label"] for r in csv.DictReader(io.StringIO(body.decode()))]
    status, headers, body = _get(endpoint.url, PEOPLE, accept="application/sparql-results+xml")
    assert headers["Content-Type"].startswith("application/sparql-results+xml")
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert "Roberta Barberini" in [e.text for e in ET.fromstring(body).findall(".//r:literal", ns)]
    status, headers, body = _get(endpoint.url, PEOPLE, accept="text/tab-separated-values;q=0.9, text/csv;q=0.1")
    assert headers["Content-Type"].startswith("text/tab-separated-values") and b'"Roberta Barberini"' in body
    status, headers, body = _get(endpoint.url, "ASK { ?s ?p ?o }", accept="application/sparql-results+json")
    assert json.loads(body) == {"head": {}, "boolean": True}
    status, _, body = _get(endpoint.url, PEOPLE, accept="image/png")
    assert status == 406


def test_construct_answers_rdf(endpoint):
    from rdflib import Graph, URIRef

    query = PREFIXES + "CONSTRUCT { ?p a ag:Person } WHERE { ?p a ag:Person }"
    status, headers, body = _get(endpoint.url, query, accept="text/turtle")
    assert status == 200 and headers["Content-Type"].startswith("text/turtle")
    g = Graph().parse(data=body.decode(), format="turtle")
    assert (URIRef("https://w3id.org/actorgraph/id/person/roberta-barberini"), None, None) in g


def test_the_default_graph_is_the_union_and_graph_names_work(endpoint, built_store):
    """Without GRAPH a query sees every graph (a document's statements and the shared entity
    descriptions join); with GRAPH it names the document's graph."""
    query = PREFIXES + """SELECT ?g ?label WHERE {
      ?st <http://www.w3.org/1999/02/22-rdf-syntax-ns#subject> ?p ; ag:inDocument ?doc .
      ?p rdfs:label ?label . FILTER(?label = "Lotje van de Made")
      GRAPH ?g { ?st a ag:Statement } } LIMIT 1"""
    status, _, body = _get(endpoint.url, query)
    assert status == 200
    rows = json.loads(body)["results"]["bindings"]
    assert rows and rows[0]["g"]["value"] == "https://w3id.org/actorgraph/doc/7211db43e67c85e2"


def test_results_are_cut_at_the_limit_and_say_so(endpoint):
    status, headers, body = _get(endpoint.url, "SELECT * WHERE { ?s ?p ?o }")
    assert status == 200
    assert len(json.loads(body)["results"]["bindings"]) == LIMIT
    assert headers["X-Actorgraph-Truncated"] == str(LIMIT)
    status, headers, body = _get(endpoint.url, "CONSTRUCT WHERE { ?s ?p ?o }", accept="application/n-triples")
    assert status == 200 and len(body.decode().strip().splitlines()) == LIMIT
    small = _get(endpoint.url, "SELECT * WHERE { ?s ?p ?o } LIMIT 3")
    assert len(json.loads(small[2])["results"]["bindings"]) == 3 and "X-Actorgraph-Truncated" not in small[1]


@pytest.mark.parametrize("how", ["update endpoint", "update parameter", "sparql-update body", "update as query"])
def test_updates_are_refused(endpoint, built_store, how):
    update = "DROP ALL"
    if how == "update endpoint":
        result = _post(endpoint.url.replace("/query", "/update"), urllib.parse.urlencode({"update": update}).encode(),
                       "application/x-www-form-urlencoded")
    elif how == "update parameter":
        result = _post(endpoint.url, urllib.parse.urlencode({"update": update}).encode(), "application/x-www-form-urlencoded")
    elif how == "sparql-update body":
        result = _post(endpoint.url, update.encode(), "application/sparql-update")
    else:
        result = _get(endpoint.url, "INSERT DATA { <urn:a> <urn:b> <urn:c> }")
    assert result[0] == 403 and b"read-only" in result[2]
    still = _get(endpoint.url, "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")
    assert int(json.loads(still[2])["results"]["bindings"][0]["n"]["value"]) > 1000


def test_errors_are_plain_http_errors(endpoint):
    status, _, body = _get(endpoint.url, "SELECT ?x WHERE { ?x a }")
    assert status == 400 and b"1:" in body  # Oxigraph's message, with the position
    status, _, _ = _open(urllib.request.Request(endpoint.url))
    assert status == 400
    status, _, _ = _open(urllib.request.Request(endpoint.url.replace("/query", "/store")))
    assert status == 404
    status, _, body = _open(urllib.request.Request(endpoint.url.replace("/query", "/")))
    assert status == 200 and b"read-only" in body


def test_a_query_over_the_time_limit_is_stopped_and_the_endpoint_recovers(built_store):
    # a sort over a cube of the whole store: Oxigraph's own timeout does not stop it; ours does
    heavy = "SELECT ?a WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?a ?d ?g"
    with Endpoint(built_store, port=0, timeout=1, limit=10) as e:
        status, _, body = _get(e.url, heavy)
        assert status == 503 and b"ran out of time" in body
        status, _, body = _get(e.url, "ASK { ?s ?p ?o }")
        assert status == 200 and json.loads(body)["boolean"] is True


def test_serve_command_starts_and_stops(built_store):
    proc = subprocess.Popen([sys.executable, "-m", "actorgraph", "--store", str(built_store), "serve", "--port", "0",
                             "--timeout", "20", "--limit", "5"], stderr=subprocess.PIPE, text=True)
    try:
        url = None
        deadline = time.monotonic() + 60
        while url is None and time.monotonic() < deadline:
            line = proc.stderr.readline()
            if not line:
                break
            if "SPARQL endpoint at " in line:
                url = line.split("SPARQL endpoint at ")[1].split()[0]
        assert url and url.startswith("http://127.0.0.1:"), "the command did not say where it listens"
        status, headers, body = _get(url, PEOPLE)
        assert status == 200 and len(_labels(body)) == 5 and headers["X-Actorgraph-Truncated"] == "5"
    finally:
        proc.terminate()
        proc.wait(30)
    assert proc.returncode == 0
    with pytest.raises(OSError):
        urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=5)


@pytest.mark.parametrize("query, refused", [
    ("SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }", True),
    ("SELECT * WHERE { <http://x/#> ?p ?o . SERVICE SILENT <http://127.0.0.1:9/> { ?s ?p ?o } }", True),
    ('SELECT ?s WHERE { ?s ?p "SERVICE <http://example.org/>" }', False),
    ("SELECT ?service WHERE { ?service ?p ?o } LIMIT 1", False),
])
def test_federated_queries_are_refused(endpoint, query, refused):
    """The endpoint never fetches other URLs on a client's behalf."""
    status, _, body = _get(endpoint.url, query)
    if refused:
        assert status == 403 and b"SERVICE" in body
    else:
        assert status == 200
