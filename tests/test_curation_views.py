"""Curated facts in the views (issue 8): every query row, export and the HTML page tell what an
analyst asserted or changed by hand, and the query commands include, exclude or keep only
those (``--curated include|exclude|only``).

On the bundled report, with three decisions: a relation asserted by hand (Europol cooperates
with Interpol), a modality changed on an extracted statement (Europol and Eurojust), and a
rename (an entity changed by hand)."""

from __future__ import annotations

import csv
import io
import json
import os
import shutil
import zipfile

import pytest

from actorgraph.curation.graph import CURATION_GRAPH
from actorgraph.graph import queries
from actorgraph.graph.store import open_store
from actorgraph.graph.view import graph_data, select_curated

DECISIONS = [
    ("assert", "Europol", "cooperatesWith", "Interpol", "--source", "Europol review 2016, p. 12",
     "--note", "operational agreement"),
    ("modality", "Europol", "Eurojust", "actual", "--sentence", "information sharing between agencies"),
    ("rename", "JOT Mare", "Joint Operational Team Mare"),
]
ASSERTED = "#1 asserted by hand (jdoe, "
CHANGED = "#2 modality changed by hand (jdoe, "


@pytest.fixture(autouse=True)
def analyst(monkeypatch):
    monkeypatch.setenv("ACTORGRAPH_USER", "jdoe")
    monkeypatch.delenv("ACTORGRAPH_CURATION", raising=False)


@pytest.fixture(scope="module")
def curated(built_store, tmp_path_factory):
    """The bundled report's store with the three decisions (not changed by the tests)."""
    from conftest import store_with_decisions

    return store_with_decisions(built_store, tmp_path_factory.mktemp("curated_views"), DECISIONS)


@pytest.fixture(scope="module")
def store(curated):
    s = open_store(curated, read_only=True)
    yield s
    del s


def rows(run, store_path, *args) -> list[dict]:
    result = run("--store", store_path, *args, "-f", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _key(r: dict) -> tuple:
    return tuple(sorted((k, str(v)) for k, v in r.items()))


# ------------------------------------------------------------------ cooperates, relations, show


def test_cooperates_marks_each_row_and_includes_excludes_or_keeps_only_the_curated(run, curated):
    everything = rows(run, curated, "cooperates", "Europol")
    interpol = [r for r in everything if r["partner"] == "Interpol"]
    assert len(interpol) == 1 and interpol[0]["curated"].startswith(ASSERTED)
    assert interpol[0]["document"] == "curation.yaml"
    changed = [r for r in everything if r["curated"].startswith(CHANGED)]
    assert len(changed) == 1 and changed[0]["partner"] == "Eurojust" and changed[0]["modality"] == "actual"
    assert "information sharing between agencies" in changed[0]["evidence"]
    extracted = [r for r in everything if not r["curated"]]
    assert extracted and all(r["document"] != "curation.yaml" for r in extracted)

    excluded = rows(run, curated, "cooperates", "Europol", "--curated", "exclude")
    only = rows(run, curated, "cooperates", "Europol", "--curated", "only")
    assert sorted(map(_key, excluded)) == sorted(map(_key, extracted))
    assert sorted(map(_key, only)) == sorted(map(_key, interpol + changed))
    # the default is include
    assert rows(run, curated, "cooperates", "Europol", "--curated", "include") == everything


def test_cooperates_table_says_what_was_done_by_hand(run, curated):
    text = run("--store", curated, "cooperates", "Europol").stdout
    line = next(x for x in text.splitlines() if x.startswith("Interpol  ("))
    assert "actual, #1 asserted by hand (jdoe, " in line
    assert "Frontex  (proposed)" in text  # an extracted row stays as it was


def test_cooperates_in_one_document_with_curated_only(run, curated):
    only = rows(run, curated, "cooperates", "Europol", "--document", "emn_2016_conference_report.txt",
                "--curated", "only")
    assert [r["partner"] for r in only] == ["Eurojust"] and only[0]["curated"].startswith(CHANGED)
    everything = rows(run, curated, "cooperates", "Europol", "--document", "emn_2016_conference_report.txt")
    assert "Interpol" not in {r["partner"] for r in everything}  # asserted in the curation file, not here
    assert len(everything) == len(rows(run, curated, "cooperates", "Europol", "--document",
                                       "emn_2016_conference_report.txt", "--curated", "exclude")) + 1


def test_shared_initiatives_take_the_option_too(run, curated):
    # no participation was asserted by hand here: only the extracted ones are shared
    assert rows(run, curated, "cooperates", "Europol", "--via", "initiative")
    assert rows(run, curated, "cooperates", "Europol", "--via", "initiative", "--curated", "exclude") == \
        rows(run, curated, "cooperates", "Europol", "--via", "initiative")
    assert rows(run, curated, "cooperates", "Europol", "--via", "initiative", "--curated", "only") == []


def test_relations_include_is_exclude_plus_only(run, curated):
    everything = rows(run, curated, "relations")
    excluded = rows(run, curated, "relations", "--curated", "exclude")
    only = rows(run, curated, "relations", "--curated", "only")
    assert len(everything) == len(excluded) + len(only)
    assert sorted(map(_key, everything)) == sorted(map(_key, excluded + only))
    assert all(r["curated"] for r in only) and not any(r["curated"] for r in excluded)
    assert sorted(r["curated"][:len(ASSERTED)] for r in only) == sorted([ASSERTED, CHANGED[:len(ASSERTED)]])
    result = run("--store", curated, "relations", "--curated", "only", "-f", "csv")
    table = list(csv.DictReader(io.StringIO(result.stdout)))
    assert result.stdout.splitlines()[0].endswith(",document,curated")
    assert {r["target"].rsplit("/", 1)[-1] for r in table} == {"interpol", "europol"}
    assert any(r["curated"].startswith(ASSERTED) for r in table)


def test_show_marks_and_filters_relations(run, curated):
    europol = rows(run, curated, "show", "Europol")
    marks = {r["curated"][:4] for r in europol["relations"] if r["curated"]}
    assert marks == {"#1 a", "#2 m"}
    only = rows(run, curated, "show", "Europol", "--curated", "only")
    assert len(only["relations"]) == 2 and all(r["curated"] for r in only["relations"])
    excluded = rows(run, curated, "show", "Europol", "--curated", "exclude")
    assert len(excluded["relations"]) == len(europol["relations"]) - 2
    assert not any(r["curated"] for r in excluded["relations"])
    assert excluded["curated"] == europol["curated"] != ""  # the decisions about it are still listed
    text = run("--store", curated, "show", "Interpol").stdout
    assert "<- cooperatesWith Europol  (actual, #1 asserted by hand (jdoe, " in text


def test_an_unknown_choice_is_refused(run, curated, store):
    result = run("--store", curated, "relations", "--curated", "maybe")
    assert result.exit_code == 2 and "maybe" in result.output
    with pytest.raises(ValueError, match="include, exclude, only"):
        queries.relations(store, curated="maybe")


# ------------------------------------------------------------------ the marks in the RDF


def test_a_changed_modality_is_marked_in_the_curation_graph(store):
    found = list(store.query(
        """PREFIX ag: <https://w3id.org/actorgraph/ontology#>
        PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
        SELECT ?st ?d ?o WHERE { GRAPH <%s> { ?st ag:curatedBy ?d }
          ?st rdf:subject ?s ; rdf:object ?o ; ag:modality "actual" }""" % CURATION_GRAPH,
        use_default_graph_as_union=True))
    assert [r["d"].value for r in found] == [f"{CURATION_GRAPH}/decision/2"]
    marks = queries.curation_marks(store)
    assert {m.how for m in marks.values()} == {"asserted", "modality"}
    asserted = next(m for m in marks.values() if m.how == "asserted")
    assert (asserted.decision, asserted.by, asserted.source, asserted.note) == (
        1, "jdoe", "Europol review 2016, p. 12", "operational agreement")


def test_undo_and_reject_take_the_mark_away(run, curated, tmp_path):
    copy = tmp_path / "store"
    shutil.copytree(curated, copy)
    (copy / "LOCK").unlink(missing_ok=True)
    shutil.copy(curated.parent / "curation.yaml", tmp_path / "curation.yaml")
    result = run("--store", copy, "reject", "--relation", "Europol", "cooperatesWith", "Eurojust")
    assert result.exit_code == 0, result.output
    only = rows(run, copy, "relations", "--curated", "only")
    assert [r["curated"][:len(ASSERTED)] for r in only] == [ASSERTED]
    s = open_store(copy, read_only=True)
    assert not bool(s.query("PREFIX ag: <https://w3id.org/actorgraph/ontology#> ASK { ?st ag:curatedBy ?d }",
                            use_default_graph_as_union=True))
    del s
    result = run("--store", copy, "curation", "--undo", "1")
    assert result.exit_code == 0, result.output
    assert rows(run, copy, "relations", "--curated", "only") == []


# ------------------------------------------------------------------ the graph view, analyses, exports


def test_graph_view_marks_edges_and_nodes_and_filters_in_its_query(store):
    data = graph_data(store)
    interpol = [e for e in data.edges if e.target.endswith("/interpol") and e.relation == "cooperatesWith"]
    assert len(interpol) == 1 and interpol[0].curated.startswith(ASSERTED) and not interpol[0].extracted
    assert sum(1 for e in data.edges if e.curated) == 2
    jot = next(n for n in data.nodes.values() if n.label == "Joint Operational Team Mare")
    assert jot.curated.startswith("#3 rename 'JOT Mare' to 'Joint Operational Team Mare' (jdoe, ")
    assert next(n for n in data.nodes.values() if n.label == "Frontex").curated == ""
    for choice in ("exclude", "only"):
        read = graph_data(store, curated=choice)
        assert set(read.nodes) == set(data.nodes)  # entities stay
        picked = select_curated(data, choice)
        as_tuples = lambda d: sorted((e.source, e.relation, e.target, e.modality, len(e.evidence)) for e in d.edges)
        assert as_tuples(read) == as_tuples(picked)
    assert len(graph_data(store, curated="only").edges) == 2
    assert not any(e.curated for e in graph_data(store, curated="exclude").edges)


def test_analyses_take_the_option(run, curated):
    pairs = rows(run, curated, "matrix", "--type", "Organisation", "--curated", "only")
    assert {frozenset((p["actor"], p["partner"])) for p in pairs} == {
        frozenset(("Europol", "Interpol")), frozenset(("Europol", "Eurojust"))}
    direct = run("--store", curated, "path", "Europol", "Interpol").stdout
    assert "linked by 1 shortest chain(s) of 1 relation(s)" in direct and "[#1 asserted by hand (jdoe, " in direct
    around = run("--store", curated, "path", "Europol", "Interpol", "--curated", "exclude").stdout
    assert "of 1 relation(s)" not in around and "asserted by hand" not in around
    chains = json.loads(run("--store", curated, "path", "Europol", "Interpol", "-f", "json").stdout)
    hop = chains[0]["hops"][0]["statements"][0]
    assert hop["curated"].startswith("#1 asserted by hand") and hop["evidence"][0]["curated"] == hop["curated"]


def test_csv_tables_say_what_was_curated(store):
    from actorgraph.exports.tables import EDGE_COLUMNS, NODE_COLUMNS, tables

    assert EDGE_COLUMNS[-1] == "curated" and NODE_COLUMNS[-1] == "curated"
    out = tables(store)
    edges = list(csv.DictReader(io.StringIO(out["edges.csv"])))
    nodes = list(csv.DictReader(io.StringIO(out["nodes.csv"])))
    by_hand = [e for e in edges if e["curated"]]
    assert sorted(e["to_label"] for e in by_hand) == ["Europol", "Interpol"]
    assert next(n for n in nodes if n["label"] == "Joint Operational Team Mare")["curated"].startswith("#3 rename")
    excluded = list(csv.DictReader(io.StringIO(tables(store, "exclude")["edges.csv"])))
    assert len(excluded) == len(edges) - 2 and not any(e["curated"] for e in excluded)


def test_export_commands_carry_the_curated_attribute(run, curated, tmp_path):
    import networkx as nx

    graphml = tmp_path / "net.graphml"
    assert run("--store", curated, "export", "-o", graphml).exit_code == 0
    g = nx.read_graphml(graphml)
    edges = {(g.nodes[u]["label"], g.nodes[v]["label"]): d for u, v, d in g.edges(data=True)
             if d["relation"] == "cooperatesWith"}
    assert edges[("Europol", "Interpol")]["curated"].startswith(ASSERTED)
    assert edges[("European Commission", "Europol")].get("curated", "") == ""
    jot = next(d for _, d in g.nodes(data=True) if d["label"] == "Joint Operational Team Mare")
    assert jot["curated"].startswith("#3 rename")
    gexf = tmp_path / "net.gexf"
    assert run("--store", curated, "export", "-o", gexf).exit_code == 0
    assert "asserted by hand (jdoe" in gexf.read_text(encoding="utf-8")
    archive = tmp_path / "tables.zip"
    assert run("--store", curated, "export", "-o", archive).exit_code == 0
    with zipfile.ZipFile(archive) as z:
        header = z.read("edges.csv").decode("utf-8").splitlines()[0]
    assert header.endswith(",start,end,curated")


def test_export_command_leaves_curated_relations_out_or_keeps_only_them(run, curated, tmp_path):
    counts = {}
    for choice in ("include", "exclude", "only"):
        path = tmp_path / f"{choice}.graphml"
        result = run("--store", curated, "export", "--curated", choice, "-o", path)
        assert result.exit_code == 0, result.output
        counts[choice] = path.read_text(encoding="utf-8").count("<edge ")
    assert counts["only"] == 2 and counts["include"] == counts["exclude"] + counts["only"]
    refused = run("--store", curated, "export", "--curated", "exclude", "-f", "turtle")
    assert refused.exit_code != 0 and "graphml, gexf, csv" in refused.stderr


def test_the_export_library_call_takes_the_option(store):
    from actorgraph.errors import UnknownFormat
    from actorgraph.exports.registry import export

    everything = export(store, "graphml").decode("utf-8")
    only = export(store, "graphml", curated="only").decode("utf-8")
    assert everything.count("<edge ") > only.count("<edge ") == 2
    assert only.count("asserted by hand (jdoe") == 1 and only.count("modality changed by hand (jdoe") == 1
    with pytest.raises(UnknownFormat, match="graphml, gexf, csv"):
        export(store, "turtle", curated="exclude")


# ------------------------------------------------------------------ the HTML page


def test_html_data_marks_curated_links_and_entities(store):
    from actorgraph.exports.html import View, store_page
    from actorgraph.exports.html.network import page_data
    from actorgraph.exports.html.style import CURATED_DASHES

    data = graph_data(store)
    pd = page_data(data)
    labels = [e["label"] for e in pd.entities]
    curated_links = {(labels[l["from"]], labels[l["to"]]): (j, l) for j, l in enumerate(pd.links) if l.get("curated")}
    assert set(curated_links) == {("Europol", "Interpol"), ("Eurojust", "Europol")}
    j, interpol = curated_links[("Europol", "Interpol")]
    assert interpol["curated"] == "asserted" and interpol["extracted"] is False
    ev = interpol["evidence"][0]["curated"]
    assert (ev["decision"], ev["how"], ev["by"], ev["source"], ev["note"]) == (
        1, "asserted", "jdoe", "Europol review 2016, p. 12", "operational agreement")
    assert pd.edges[j]["dashes"] == CURATED_DASHES
    assert curated_links[("Eurojust", "Europol")][1]["curated"] == "modality"
    assert not any("curated" in l for l in pd.links if not l.get("curated"))
    assert {c["name"]: c["count"] for c in pd.curation} == {"extracted": len(data.edges) - 2, "curated": 2}
    assert pd.entities[labels.index("Joint Operational Team Mare")]["curated"].startswith("#3 rename")
    page = store_page(store, View(curated="exclude"))
    assert page.relations == len(data.edges) - 2 and "without the relations asserted or changed by hand" in page.text


def test_html_command_takes_the_option(run, curated, tmp_path):
    out = tmp_path / "only.html"
    result = run("--store", curated, "html", "--curated", "only", "-o", out)
    assert result.exit_code == 0, result.output
    assert "2 relations" in result.output


def _browser():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:  # pragma: no cover - depends on the environment
        if os.environ.get("CI"):
            raise
        pytest.skip("playwright is not installed: pip install -e '.[test]'")
    from actorgraph.exports.html.browser import chromium_path

    if not chromium_path():  # pragma: no cover
        if os.environ.get("CI"):
            raise RuntimeError("no chromium: apt-get install chromium")
        pytest.skip("no Chromium: apt-get install chromium (or set ACTORGRAPH_CHROMIUM)")
    return sync_playwright


def test_browser_draws_a_curated_edge_dotted_and_the_panel_says_who(store, tmp_path):
    sync_playwright = _browser()
    from actorgraph.exports.html import store_page, write_page
    from actorgraph.exports.html.browser import launch, open_page

    path = write_page(store_page(store), tmp_path / "curated.html")
    with sync_playwright() as p:
        browser = launch(p)
        try:
            page, log = open_page(browser, path)
            j = page.evaluate("""() => window.actorgraph.data.links.findIndex(l =>
                l.curated === 'asserted' && window.actorgraph.data.entities[l.to].label === 'Interpol')""")
            assert j >= 0
            drawn = page.evaluate("""() => window.actorgraph.data.links.map((l, j) =>
                [l.curated || '', window.actorgraph.network.body.edges[j].options.dashes])""")
            assert drawn[j][1] == [2, 5]
            assert all(d == [2, 5] or d == [8, 4, 2, 4] for c, d in drawn if c)
            assert all(d in (False, [8, 6]) for c, d in drawn if not c)
            # the legend has the entry, with both counts
            assert page.text_content("input[data-filter=curation][data-value=curated] ~ .ag-count") == "2"
            # clicking the drawn edge opens its panel
            point = page.evaluate("""(j) => {
                const net = window.actorgraph.network, l = window.actorgraph.data.links[j];
                const pos = net.getPositions([l.from, l.to]);
                const p = net.canvasToDOM({x: (pos[l.from].x + pos[l.to].x) / 2, y: (pos[l.from].y + pos[l.to].y) / 2});
                const box = document.getElementById('ag-network').getBoundingClientRect();
                net.moveTo({position: {x: (pos[l.from].x + pos[l.to].x) / 2, y: (pos[l.from].y + pos[l.to].y) / 2},
                            scale: 2, animation: false});
                const q = net.canvasToDOM({x: (pos[l.from].x + pos[l.to].x) / 2, y: (pos[l.from].y + pos[l.to].y) / 2});
                return {x: box.left + q.x, y: box.top + q.y}; }""", j)
            page.mouse.click(point["x"], point["y"])
            page.wait_for_selector("#ag-panel[data-showing=relation]")
            panel = page.text_content("#ag-panel")
            assert "Interpol" in panel and "curated" in page.text_content("#ag-panel .ag-badge.ag-curated")
            by_hand = page.text_content("#ag-panel .ag-by-hand")
            assert by_hand.startswith("Asserted by hand by jdoe on ")
            assert "source: Europol review 2016, p. 12; note: operational agreement" in by_hand
            # the filter hides what was done by hand, then shows only that
            visible = "() => window.actorgraph.visibleRelations()"
            every = page.evaluate(visible)
            page.click("input[data-filter=curation][data-value=curated]")
            assert j not in page.evaluate(visible) and len(page.evaluate(visible)) == len(every) - 2
            page.click("input[data-filter=curation][data-value=curated]")
            page.click("input[data-filter=curation][data-value=extracted]")
            assert sorted(page.evaluate(visible)) == sorted(k for k, (c, _) in enumerate(drawn) if c)
            assert log.errors == []
            page.close()
        finally:
            browser.close()
