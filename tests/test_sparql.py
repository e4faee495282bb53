"""SPARQL for analysts: user queries, the named-query library, safe parameters (issue 4)."""

from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pyoxigraph as ox
import pytest

from actorgraph.sparql import library

DOCS = Path(__file__).parent.parent / "docs" / "queries.md"
PERSONS = "SELECT ?label WHERE { ?p a ag:Person ; rdfs:label ?label } ORDER BY ?label"


def _json(result) -> list[dict]:
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    return [{k: v["value"] for k, v in b.items()} for b in data["results"]["bindings"]]


def _count(store_path) -> int:
    store = ox.Store.read_only(str(store_path))
    return len(store)


# ------------------------------------------------------------------ actorgraph sparql


def test_sparql_answers_in_every_w3c_results_format(run, built_store):
    out = {fmt: run("--store", built_store, "sparql", PERSONS, "--format", fmt) for fmt in ("csv", "tsv", "json", "xml", "table")}
    assert all(r.exit_code == 0 for r in out.values()), {k: r.output for k, r in out.items()}
    labels = [r["label"] for r in csv.DictReader(io.StringIO(out["csv"].stdout))]
    assert "Roberta Barberini" in labels and labels == sorted(labels)
    tsv = out["tsv"].stdout.splitlines()
    assert tsv[0] == "?label" and '"Roberta Barberini"' in tsv
    data = json.loads(out["json"].stdout)
    assert data["head"]["vars"] == ["label"]
    assert [b["label"]["value"] for b in data["results"]["bindings"]] == labels
    root = ET.fromstring(out["xml"].stdout)
    ns = {"r": "http://www.w3.org/2005/sparql-results#"}
    assert [e.text for e in root.findall(".//r:binding[@name='label']/r:literal", ns)] == labels
    assert "Roberta Barberini" in out["table"].stdout and out["table"].stdout.startswith("label")


def test_sparql_reads_a_query_file_and_stdin(run, built_store, tmp_path):
    import subprocess
    import sys

    rq = tmp_path / "people.rq"
    rq.write_text(PERSONS, encoding="utf-8")
    from_file = run("--store", built_store, "sparql", rq, "-f", "csv")
    assert from_file.exit_code == 0 and "Roberta Barberini" in from_file.stdout
    from_stdin = subprocess.run([sys.executable, "-m", "actorgraph", "--store", str(built_store), "sparql", "-",
                                 "-f", "json"], input="ASK { ?x ag:cooperatesWith ?y }", capture_output=True,
                                text=True, timeout=120)
    assert from_stdin.returncode == 0, from_stdin.stderr
    assert json.loads(from_stdin.stdout) == {"head": {}, "boolean": True}


def test_sparql_graph_queries_give_rdf(run, built_store):
    query = "CONSTRUCT { ?p a ag:Person } WHERE { ?p a ag:Person }"
    turtle = run("--store", built_store, "sparql", query, "-f", "turtle")
    from rdflib import Graph, URIRef

    g = Graph().parse(data=turtle.stdout, format="turtle")
    assert (URIRef("https://w3id.org/actorgraph/id/person/roberta-barberini"), None, None) in g
    refused = run("--store", built_store, "sparql", query, "-f", "csv")
    assert refused.exit_code == 2 and "gives a graph" in refused.stderr


@pytest.mark.parametrize("query, position", [
    ("SELECT ?x WHERE { ?x a }", "line 1, column"),
    ("SELECT ?x WHERE {\n  ?x a ag:Person .\n  FILTER(?x = ) }", "line 3, column"),
    ("SELEKT * WHERE { ?s ?p ?o }", "line 1, column"),
])
def test_syntax_error_is_one_line_with_its_position(run, built_store, query, position):
    result = run("--store", built_store, "sparql", query)
    assert result.exit_code != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "syntax error" in lines[0] and position in lines[0], result.stderr
    assert "Traceback" not in result.output


@pytest.mark.parametrize("update", [
    "INSERT DATA { <urn:x> <urn:y> <urn:z> }",
    "PREFIX x: <urn:x#>\n# a comment\nDELETE WHERE { ?s ?p ?o }",
    "DROP ALL",
    "clear default",
])
def test_updates_are_refused_without_update_flag(run, store_copy, update):
    before = _count(store_copy)
    result = run("--store", store_copy, "sparql", update)
    assert result.exit_code == 1 and "--update" in result.stderr
    assert _count(store_copy) == before


def test_update_flag_changes_the_store(run, store_copy):
    result = run("--store", store_copy, "sparql", "--update",
                 'INSERT DATA { GRAPH <urn:notes> { <https://w3id.org/actorgraph/id/organisation/europol> ag:wikidata "Q1" } }')
    assert result.exit_code == 0, result.output
    ask = run("--store", store_copy, "sparql", 'ASK { id:organisation\\/europol ag:wikidata "Q1" }', "-f", "json")
    assert json.loads(ask.stdout)["boolean"] is True


# ------------------------------------------------------------------ named queries

#: query -> (parameters, rows every answer must hold: {column: value}); every named query has one.
EXPECTED = {
    "cooperation": ({"actor": "Europol"}, [
        {"partner_label": "Frontex", "modality": "actual"},
        {"partner_label": "Frontex", "modality": "proposed"},
        {"partner_label": "European Commission", "modality": "proposed",
         "evidence": "Close work with Europol should be undertaken to launch a platform with financial institutions."},
    ]),
    "organisation-people": ({"organisation": "europol"}, [
        {"person_label": "Lotje van de Made", "role": "Senior Specialist"},
        {"person_label": "Stephane Duguin"},
    ]),
    "session-people": ({"session": "Panel III"}, [
        {"person_label": "Roberta Barberini", "relation": "https://w3id.org/actorgraph/ontology#speaksAt"},
    ]),
    "initiative-actors": ({"initiative": "EMPACT"}, [
        {"actor_label": "Frontex", "relation": "https://w3id.org/actorgraph/ontology#participatesIn", "role": "Co-Driver"},
        {"actor_label": "Kosovo police", "relation": "https://w3id.org/actorgraph/ontology#cooperatesWith", "modality": "actual"},
    ]),
    "route-organisations": ({"route": "Mediterranean Route"}, [
        {"organisation_label": "International Cooperation Office"},
    ]),
    "country-initiatives": ({"country": "the Netherlands"}, [
        {"initiative_label": "European Migration Network", "relation": "https://w3id.org/actorgraph/ontology#locatedIn"},
        {"initiative_label": "European Migration Network", "via_label": "Ministry of Justice and Security (Netherlands)"},
    ]),
    "evidence": ({"subject": "Europol", "relation": "cooperatesWith", "object": "Frontex"}, [
        {"modality": "proposed", "evidence": "An increase of cooperation and information sharing between agencies "
         "such as Europol, Frontex and Eurojust, but also among individual countries;"},
        {"modality": "actual", "evidence": "The information gathered was shared with Europol;"},
    ]),
    "mentions": ({"entity": "Mrs. Barberini"}, [
        {"surface": "Mrs. Barberini"},
        {"surface": "Roberta Barberini"},
    ]),
    "find": ({"text": "POLICE"}, [
        {"label": "Kosovo police", "class": "https://w3id.org/actorgraph/ontology#Organisation"},
        {"label": "Belgian Federal Police"},
    ]),
    "top-cooperators": ({}, [
        {"actor_label": "Frontex"},
        {"actor_label": "Europol"},
    ]),
}


def test_every_named_query_has_expected_rows():
    assert set(EXPECTED) == {q.name for q in library.named_queries()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_query_returns_the_expected_rows(run, built_store, name):
    params, wanted = EXPECTED[name]
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    rows = _json(run("--store", built_store, "query", name, *args, "--format", "json"))
    for want in wanted:
        assert any(all(r.get(k) == v for k, v in want.items()) for r in rows), (want, rows[:5])


def test_organisation_people_of_europol_has_jennifer_macleod(run, built_store):
    rows = _json(run("--store", built_store, "query", "organisation-people", "-p", "organisation=Europol", "-f", "json"))
    people = {r["person_label"] for r in rows}
    assert {"Lotje van de Made", "Stephane Duguin", "Jennifer MacLeod"} <= people


def test_cooperation_modality_parameter_and_top_cooperators_order(run, built_store):
    proposed = _json(run("--store", built_store, "query", "cooperation", "-p", "actor=Europol",
                         "-p", "modality=proposed", "-f", "json"))
    assert proposed and {r["modality"] for r in proposed} == {"proposed"}
    top = _json(run("--store", built_store, "query", "top-cooperators", "-f", "json"))
    partners = [int(r["partners"]) for r in top]
    assert partners == sorted(partners, reverse=True) and top[0]["actor_label"] == "Frontex"


def test_evidence_offsets_point_at_the_sentence_in_the_document(run, built_store):
    rows = _json(run("--store", built_store, "query", "evidence", "-p", "relation=affiliatedWith", "-f", "json"))
    assert len(rows) > 20
    store = ox.Store.read_only(str(built_store))
    documents = list(store.query("SELECT ?text WHERE { ?d a ag:Document ; ag:text ?text }",
                                 prefixes={"ag": "https://w3id.org/actorgraph/ontology#"},
                                 use_default_graph_as_union=True))
    assert len(documents) == 1
    document = documents[0]["text"].value
    for r in rows:
        assert document[int(r["start"]):int(r["end"])] == r["evidence"]
        assert r["relation"].endswith("#affiliatedWith") and r["rule"]


def test_named_query_table_hides_the_bound_parameter_and_iri_columns(run, built_store):
    out = run("--store", built_store, "query", "cooperation", "--param", "actor=Europol").stdout
    header = out.splitlines()[0].split()
    assert header[:2] == ["partner_label", "modality"] and "actor" not in header and "partner" not in header


def test_queries_lists_every_named_query_with_parameters(run):
    out = run("queries", "--format", "csv").stdout
    rows = {r["name"]: r for r in csv.DictReader(io.StringIO(out))}
    assert set(rows) == set(EXPECTED)
    assert rows["cooperation"]["parameters"] == "actor=NAME [modality=actual|proposed]"
    assert rows["cooperation"]["example"] == "--param actor=Europol"
    shown = run("query", "cooperation", "--show").stdout
    assert shown == library.get("cooperation").text


@pytest.mark.parametrize("args, code, message", [
    (["query", "cooperaton", "-p", "actor=Europol"], 1, "no named query 'cooperaton'; the named queries are: cooperation"),
    (["query", "cooperation"], 2, "needs --param actor=..."),
    (["query", "cooperation", "-p", "actr=Europol"], 2, "has no parameter actr; it takes: actor, modality"),
    (["query", "cooperation", "-p", "actor"], 2, "--param takes NAME=VALUE"),
    (["query", "cooperation", "-p", "actor=Europl"], 1, "no entity named 'Europl'; closest: Europol"),
    (["query", "cooperation", "-p", "actor=Europol", "-p", "modality=maybe"], 2, "'maybe' is not one of actual, proposed"),
    (["query", "session-people", "-p", "session=Europol"], 2, "'Europol' is an Organisation, not an Event"),
    (["query", "evidence", "-p", "relation=worksWith"], 2, "unknown relation 'worksWith'"),
])
def test_bad_parameters_are_one_line_errors(run, built_store, args, code, message):
    result = run("--store", built_store, *args)
    assert result.exit_code == code and message in result.stderr, result.output
    assert len(result.stderr.strip().splitlines()) == 1


INJECTIONS = [
    'police") } ; DROP ALL ; #',
    "police' } } DROP ALL",
    'x" || true || "',
    "}}}}; DELETE WHERE { ?s ?p ?o }",
    '\\" ) } UNION { ?entity ?p ?o } #',
]


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_a_text_param_is_data(run, store_copy, value):
    """Regression for issue 4: a value is bound, never pasted into the query."""
    before = _count(store_copy)
    result = run("--store", store_copy, "query", "find", "--param", f"text={value}", "-f", "json")
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["results"]["bindings"] == []  # as text, no name contains it
    assert _count(store_copy) == before


@pytest.mark.parametrize("value", INJECTIONS)
def test_injection_through_an_entity_param_is_a_name_that_matches_nothing(run, store_copy, value):
    before = _count(store_copy)
    result = run("--store", store_copy, "query", "cooperation", "--param", f"actor={value}")
    assert result.exit_code == 1 and f"no entity named '{value}'" in result.stderr
    assert _count(store_copy) == before


def test_a_text_param_with_quotes_still_finds_what_it_names(run, built_store):
    """Quotes in a value are part of the value: the binding is exact, not escaped away."""
    rows = _json(run("--store", built_store, "query", "find", "--param", "text=Kosovo police", "-f", "json"))
    assert [r["label"] for r in rows] == ["Kosovo police"]


def test_bind_makes_terms_not_text(built_store):
    store = ox.Store.read_only(str(built_store))
    subs = library.bind(store, library.get("find"), {"text": 'a" } DROP ALL'})
    assert subs == {ox.Variable("text"): ox.Literal('a" } DROP ALL')}
    subs = library.bind(store, library.get("cooperation"), {"actor": "EUROPOL"})
    assert subs == {ox.Variable("actor"): ox.NamedNode("https://w3id.org/actorgraph/id/organisation/europol")}


# ------------------------------------------------------------------ the docs


def _doc_blocks() -> dict[str, tuple[str, str]]:
    """name -> (the command line, the SPARQL) of each query in docs/queries.md."""
    text = DOCS.read_text(encoding="utf-8")
    blocks = {}
    for m in re.finditer(r"```sh\n(actorgraph query (\S+)[^\n]*)\n```\s*\n```sparql\n(.*?)```", text, re.DOTALL):
        blocks[m.group(2)] = (m.group(1), m.group(3))
    return blocks


def test_docs_show_every_named_query_and_are_up_to_date(built_store):
    from actorgraph.sparql.docs import render_queries_md

    assert DOCS.read_text(encoding="utf-8") == render_queries_md(ox.Store.read_only(str(built_store))), \
        "docs/queries.md is out of date: run python -m actorgraph.sparql.docs"
    assert set(_doc_blocks()) == {q.name for q in library.named_queries()}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_docs_query_pasted_into_sparql_gives_the_named_query_rows(run, built_store, name):
    import shlex

    command, sparql_text = _doc_blocks()[name]
    args = shlex.split(command)[1:]
    named = _json(run("--store", built_store, *args, "--format", "json"))
    pasted = _json(run("--store", built_store, "sparql", sparql_text, "--format", "json"))
    key = lambda row: json.dumps(row, sort_keys=True)
    assert sorted(pasted, key=key) == sorted(named, key=key) and named


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory):
    """The bundled report and a Frontex risk analysis: entities described in both graphs."""
    from conftest import CORPUS

    from actorgraph.graph.build import build

    path = tmp_path_factory.mktemp("two") / "store"
    assert build(None, path).ok
    assert build([str(CORPUS / "frontex_risk_analysis_2018.txt")], path).ok
    return path


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_queries_give_each_row_once_over_several_documents(run, two_reports, name):
    """The union of the document graphs repeats an entity's label once per document that
    describes it: a named query must not repeat its rows for that."""
    params, _ = EXPECTED[name]
    if name == "cooperation":
        params = {"actor": "Frontex"}  # described and cooperating in both documents
    args = [a for k, v in params.items() for a in ("--param", f"{k}={v}")]
    rows = _json(run("--store", two_reports, "query", name, *args, "--format", "json"))
    keys = [json.dumps(r, sort_keys=True) for r in rows]
    assert rows and len(keys) == len(set(keys))
    if name == "cooperation":
        assert {r["document"].rsplit("/", 1)[-1].rsplit(":", 1)[-1] for r in rows} == {
            "emn_2016_conference_report.txt", "frontex_risk_analysis_2018.txt"}


def test_a_query_that_fails_while_running_is_a_one_line_error(run, built_store):
    result = run("--store", built_store, "sparql", "--allow-service",
                 "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }")
    assert result.exit_code == 1 and result.stderr.startswith("actorgraph: error: the query failed:")
    assert "internal error" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


# ------------------------------------------------------------------ shapes that scale (issue 5)


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_named_queries_avoid_the_shapes_that_scan_at_scale(name):
    """The shapes docs/performance.md measured as scans of the whole store at 1,000 reports:
    evidence or offsets in an OPTIONAL (every statement and mention has them), `a ag:Statement`
    beside a bound subject or object, and, where a parameter is bound, the common relation
    cooperatesWith or affiliatedWith as a constant predicate (the bound parameter is invisible to
    Oxigraph's planner, which then starts from every statement of that relation)."""
    text = re.sub(r"(^|\s)#[^\n]*", " ", library.get(name).text)  # without comments
    for m in re.finditer(r"OPTIONAL\s*\{([^{}]*)\}", text):
        assert not re.search(r"ag:(sentence|text|start|end|sourcePath|inDocument)\b", m.group(1)), (name, m.group(0))
    assert "a ag:Statement" not in text, name
    if library.get(name).params:
        assert not re.search(r"rdf:predicate\s+ag:(cooperatesWith|affiliatedWith)\b", text), name


def test_named_cooperation_gives_the_same_rows_bound_or_in_a_values_block(two_reports):
    """The named cooperation query gives the same rows whether the actor is bound by the CLI's
    substitutions or written in a VALUES block (the form the planner sees)."""
    store = ox.Store.read_only(str(two_reports))
    query = library.get("cooperation")
    subs = library.bind(store, query, {"actor": "Frontex"})
    from actorgraph.sparql.run import run_query

    def rows(result):
        return sorted(tuple(str(r[v]) for v in ("partner", "modality", "evidence", "document", "start"))
                      for r in result)

    bound = rows(run_query(store, query.text, subs))
    values = rows(run_query(store, library.standalone_text(query, {k.value: str(v) for k, v in subs.items()})))
    assert bound and bound == values


def test_a_query_bound_by_a_values_block_gives_what_substitutions_give(built_store):
    """``# bind: values`` (session-people) changes how the values reach Oxigraph, not the rows,
    and a hostile name stays data."""
    import dataclasses

    from actorgraph.graph.store import open_store
    from actorgraph.sparql.run import run_query

    store = open_store(built_store, read_only=True)
    named = library.get("session-people")
    assert named.bind == "values"
    subs = library.bind(store, named, {"session": "Panel III"})
    text, bound = named.bound(subs)
    assert bound is None and "VALUES (?session)" in text
    by_values = list(run_query(store, text, bound))
    plain = dataclasses.replace(named, bind="substitutions")
    assert plain.bound(subs) == (named.text, subs)
    by_substitutions = list(run_query(store, *plain.bound(subs)))
    assert [tuple(r) for r in by_values] == [tuple(r) for r in by_substitutions] and by_values
    hostile = {ox.Variable("person"): ox.Literal('x" } } DELETE WHERE { ?s ?p ?o } #')}
    assert list(run_query(store, *named.bound(hostile))) == []
