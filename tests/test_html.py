"""`actorgraph html` without a browser: the view selection, the page's data, its escaping and
the command line (issue 3). The page in a real browser: test_html_browser.py."""

from __future__ import annotations

import doctest
import json
import re
import sys
from pathlib import Path

import pytest

from actorgraph.exports import html as html_export
from actorgraph.exports.html import View, html_page, select_view
from actorgraph.exports.html.network import page_data
from actorgraph.exports.html.page import script_json
from actorgraph.exports.html.style import relation_style
from actorgraph.graph.store import open_store
from actorgraph.graph.view import Edge, Evidence, GraphData, Node, graph_data
from actorgraph.ontology import CORE_CLASSES, RELATIONS

PAYLOADS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\"quoted\" & 'single'",
    "</script><script>alert(2)</script>",
    "<!-- comment",
    "line\u2028separator\u2029end",
]


@pytest.fixture(scope="module")
def bundled(built_store) -> GraphData:
    return graph_data(open_store(built_store, read_only=True))


def _page_json(text: str) -> dict:
    match = re.search(
        r'<script type="application/json" id="ag-data">(.*?)</script>', text, re.DOTALL
    )
    return json.loads(match.group(1))


def _label(data: GraphData, label: str) -> str:
    return next(iri for iri, n in data.nodes.items() if n.label == label)


# -- escaping -----------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_script_json_cannot_end_the_script_element_and_round_trips(payload):
    text = script_json({"label": payload, "aliases": [payload]})
    assert "<" not in text and ">" not in text and "&" not in text
    assert "\u2028" not in text and "\u2029" not in text
    assert json.loads(text) == {"label": payload, "aliases": [payload]}


def hostile_graph() -> GraphData:
    """Every text field of the graph carries markup."""
    ev = Evidence(
        sentence=" ".join(PAYLOADS),
        document="urn:doc:<x>",
        source="<b>bold</b>.txt",
        title="<script>alert('title')</script>",
        start=0,
        end=10,
        rule="<i>rule</i>",
        role="<img src=x onerror=alert('role')>",
    )
    nodes = {
        "urn:a": Node(
            "urn:a",
            "<script>alert('label')</script>",
            "Organisation",
            aliases=["<img src=x onerror=alert('alias')>", 'O\'Brien "& Co"'],
            wikidata=["Q1<script>"],
        ),
        "urn:b": Node("urn:b", "</script><svg onload=alert('b')>", "Person"),
    }
    return GraphData(nodes, [Edge("urn:b", "urn:a", "cooperatesWith", "proposed", [ev])])


def test_hostile_text_never_becomes_markup_in_the_page():
    text = html_page(hostile_graph()).text
    # the only script elements are the data block, vis-network and the page's own script
    assert len(re.findall(r"<script\b", text, re.IGNORECASE)) == 3
    assert len(re.findall(r"</script", text, re.IGNORECASE)) == 3
    # markup from the data appears only as JSON escapes, never as a tag
    assert "<img" not in text and "<svg" not in text and "\\u003cimg src=x onerror" in text
    data = _page_json(text)
    assert data["entities"][0]["label"] == "<script>alert('label')</script>"
    assert data["links"][0]["evidence"][0]["role"] == "<img src=x onerror=alert('role')>"


def test_page_loads_nothing_from_elsewhere_and_says_so_in_its_policy(bundled):
    text = html_page(bundled).text
    assert not re.search(r"""\b(src|href)\s*=\s*["']?(https?:)?//""", text, re.IGNORECASE)
    assert not re.search(r"<link\b", text, re.IGNORECASE)
    csp = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)"', text).group(1)
    assert "default-src &#x27;none&#x27;" in csp and "connect-src &#x27;none&#x27;" in csp
    # the page's own scripts are allowed by hash, so an injected inline script could not run
    assert (
        len(re.findall(r"sha256-", csp)) == 2
        and "unsafe-inline&#x27;; style" not in csp.split("script-src")[1][:20]
    )


# -- the page's data --------------------------------------------------------------------------------


def test_page_data_holds_every_entity_and_relation_with_its_evidence(bundled):
    pd = page_data(bundled)
    assert len(pd.nodes) == len(pd.entities) == len(bundled.nodes)
    assert len(pd.edges) == len(pd.links) == len(bundled.edges)
    europol = next(e for e in pd.entities if e["label"] == "Europol")
    frontex = next(i for i, e in enumerate(pd.entities) if e["label"] == "Frontex")
    assert europol["type"] == "Organisation" and europol["degree"] > 5
    coop = [
        lk
        for lk in pd.links
        if lk["relation"] == "cooperatesWith"
        and {pd.entities[lk["from"]]["label"], pd.entities[lk["to"]]["label"]}
        == {"Europol", "Frontex"}
    ]
    assert {lk["modality"] for lk in coop} == {"actual", "proposed"}
    assert all(ev["sentence"] for lk in coop for ev in lk["evidence"])
    assert pd.entities[frontex]["wikidata"] == ["Q21786841"]


def test_style_by_class_relation_and_modality(bundled):
    pd = page_data(bundled)
    assert set(pd.options["groups"]) == set(CORE_CLASSES)
    assert len({g["shape"] for g in pd.options["groups"].values()}) == len(CORE_CLASSES)
    for vis_edge, link in zip(pd.edges, pd.links):
        assert bool(vis_edge.get("dashes")) is (link["modality"] == "proposed"), vis_edge
        # cooperation is symmetric: no arrow; the other relations point from subject to object
        assert (vis_edge.get("arrows") == "to") is (link["relation"] != "cooperatesWith")
        assert vis_edge["color"] == relation_style(link["relation"])["color"]
    assert [r["name"] for r in pd.relations if r["count"]] and {
        r["name"] for r in pd.relations
    } >= set(RELATIONS)
    assert {m["name"]: m["count"] for m in pd.modalities} == {
        m: sum(1 for e in bundled.edges if e.modality == m) for m in ("actual", "proposed")
    }


def test_size_grows_with_centrality(bundled):
    pd = page_data(bundled)
    value = {e["label"]: n["value"] for e, n in zip(pd.entities, pd.nodes)}
    centrality = {e["label"]: e["centrality"] for e in pd.entities}
    assert value["Frontex"] > value["Eurojust"] > value["Roberta Barberini"]
    assert sorted(value, key=value.get) == sorted(value, key=lambda k: (centrality[k], value[k]))
    assert all(
        not n.get("physics", True) for e, n in zip(pd.entities, pd.nodes) if e["degree"] == 0
    )


def test_page_data_fills_pyvis_lists_directly_not_through_add_edge(bundled, monkeypatch):
    """pyvis's add_edge is quadratic on undirected networks (27 s for 5,000/25,000)."""
    from pyvis.network import Network

    def refuse(*args, **kwargs):
        raise AssertionError("Network.add_edge/add_node must not be used")

    monkeypatch.setattr(Network, "add_edge", refuse)
    monkeypatch.setattr(Network, "add_node", refuse)
    assert len(page_data(bundled).edges) == len(bundled.edges)


def test_large_graphs_start_from_seeded_positions_that_do_not_crowd():
    from actorgraph.exports.html.network import initial_positions

    sys.path.insert(0, str(Path(__file__).parents[1] / "benchmarks"))
    from html_scale import generated_graph

    data = generated_graph(1500, 4000)
    first, again = initial_positions(data), initial_positions(data)
    assert first == again and set(first) == set(data.nodes)
    assert len(set(first.values())) == len(first)
    pd = page_data(data)
    assert all("x" in n and "y" in n for n in pd.nodes)
    assert (
        pd.options["layout"]["improvedLayout"] is False and pd.options["edges"]["smooth"] is False
    )


# -- which part of the graph ---------------------------------------------------------------------------


def test_focus_depth_one_is_the_entity_and_its_direct_neighbours(bundled):
    europol = _label(bundled, "Europol")
    view = select_view(bundled, View(focus=europol, depth=1))
    neighbours = {
        e.target if e.source == europol else e.source
        for e in bundled.edges
        if europol in (e.source, e.target)
    }
    assert set(view.nodes) == neighbours | {europol}
    assert all(e.source in view.nodes and e.target in view.nodes for e in view.edges)
    deeper = select_view(bundled, View(focus=europol, depth=2))
    assert set(view.nodes) < set(deeper.nodes)


def test_type_relation_and_min_degree_views(bundled):
    view = select_view(bundled, View(types=["Organisation", "Initiative"]))
    assert {n.type for n in view.nodes.values()} == {"Organisation", "Initiative"}
    assert len(view.nodes) == sum(
        1 for n in bundled.nodes.values() if n.type in ("Organisation", "Initiative")
    )
    coop = select_view(bundled, View(relations=["cooperatesWith"]))
    assert {e.relation for e in coop.edges} == {"cooperatesWith"}
    assert len(coop.edges) == sum(1 for e in bundled.edges if e.relation == "cooperatesWith")
    well = select_view(bundled, View(min_degree=5))
    assert well.nodes and len(well.nodes) < len(bundled.nodes)
    for iri in well.nodes:
        assert sum(1 for e in bundled.edges if iri in (e.source, e.target)) >= 5


def test_focus_survives_a_type_filter_that_excludes_it(bundled):
    barberini = _label(bundled, "Roberta Barberini")
    view = select_view(bundled, View(focus=barberini, depth=1, types=["Organisation"]))
    assert barberini in view.nodes and len(view.nodes) > 1


# -- the command line ------------------------------------------------------------------------------------


def test_html_writes_the_default_file_in_the_current_directory(
    run, built_store, bundled, tmp_path, monkeypatch
):
    monkeypatch.chdir(tmp_path)
    result = run("--store", built_store, "html")
    assert result.exit_code == 0, result.output
    page = tmp_path / "actorgraph.html"
    assert (
        f"wrote actorgraph.html ({len(bundled.nodes)} entities, {len(bundled.edges)} relations)"
        in result.stderr
    )
    assert result.stdout == ""
    data = _page_json(page.read_text(encoding="utf-8"))
    assert len(data["entities"]) == len(bundled.nodes)
    assert [p.name for p in tmp_path.iterdir()] == ["actorgraph.html"]  # no temporary file left


def test_html_focus_view_and_its_description(run, built_store, bundled, tmp_path):
    out = tmp_path / "europol.html"
    result = run("--store", built_store, "html", "--focus", "europol", "--depth", "1", "-o", out)
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    europol = _label(bundled, "Europol")
    expected = select_view(bundled, View(focus=europol, depth=1))
    assert len(_page_json(text)["entities"]) == len(expected.nodes)
    assert "around Europol (depth 1)" in text


def test_html_type_and_relation_options(run, built_store, tmp_path):
    out = tmp_path / "coop.html"
    result = run(
        "--store",
        built_store,
        "html",
        "--type",
        "organisation,initiative",
        "--relation",
        "cooperatesWith",
        "--min-degree",
        "1",
        "-o",
        out,
    )
    assert result.exit_code == 0, result.output
    data = _page_json(out.read_text(encoding="utf-8"))
    assert {e["type"] for e in data["entities"]} <= {"Organisation", "Initiative"}
    assert {lk["relation"] for lk in data["links"]} == {"cooperatesWith"}
    assert all(e["degree"] >= 1 for e in data["entities"])


def test_html_unknown_focus_gives_closest_names(run, built_store, tmp_path):
    result = run("--store", built_store, "html", "--focus", "Europl", "-o", tmp_path / "x.html")
    assert result.exit_code == 1
    assert "no entity named 'Europl'" in result.stderr and "Europol" in result.stderr
    assert "Traceback" not in result.output and not (tmp_path / "x.html").exists()


@pytest.mark.parametrize(
    "args, message",
    [
        (["--type", "Persn"], "unknown type Persn"),
        (["--relation", "worksWith"], "unknown relation worksWith"),
        (["--depth", "0"], "--depth"),
    ],
)
def test_html_bad_options_are_usage_errors(run, built_store, tmp_path, args, message):
    result = run("--store", built_store, "html", "-o", tmp_path / "x.html", *args)
    assert result.exit_code == 2 and message in result.output


def test_html_empty_view_is_refused(run, built_store, tmp_path):
    result = run("--store", built_store, "html", "--min-degree", "1000", "-o", tmp_path / "x.html")
    assert (
        result.exit_code == 1
        and "nothing to draw" in result.stderr
        and "--min-degree" in result.stderr
    )


def test_html_too_large_suggests_a_focus_view_and_writes_nothing(
    run, built_store, tmp_path, monkeypatch
):
    monkeypatch.setattr(html_export, "MAX_NODES", 50)
    out = tmp_path / "big.html"
    result = run("--store", built_store, "html", "-o", out)
    assert result.exit_code == 1
    assert "more than a browser can draw" in result.stderr and "--focus" in result.stderr
    assert not out.exists()
    # a focus view of the same store fits
    assert run("--store", built_store, "html", "--focus", "Eurojust", "-o", out).exit_code == 0


def test_html_limits_are_the_documented_ones():
    docs = (Path(__file__).parents[1] / "docs" / "html.md").read_text(encoding="utf-8")
    assert f"{html_export.MAX_NODES:,}" in docs and f"{html_export.MAX_EDGES:,}" in docs


def test_html_to_stdout(run, built_store):
    result = run("--store", built_store, "html", "-o", "-")
    assert result.exit_code == 0
    assert result.stdout.startswith("<!DOCTYPE html>") and "standard output" in result.stderr


def test_html_open_starts_the_browser_on_the_file(run, built_store, tmp_path, monkeypatch):
    import webbrowser

    opened = []
    monkeypatch.setattr(webbrowser, "open", lambda url: opened.append(url) or True)
    out = tmp_path / "page.html"
    assert run("--store", built_store, "html", "-o", out, "--open").exit_code == 0
    assert opened == [out.resolve().as_uri()]


def test_html_unwritable_output_is_a_one_line_error(run, built_store, tmp_path):
    result = run("--store", built_store, "html", "-o", tmp_path / "no" / "such" / "dir.html")
    assert (
        result.exit_code == 1
        and "cannot write" in result.stderr
        and "Traceback" not in result.output
    )


def test_html_help_teaches_with_examples(run):
    result = run("html", "--help")
    assert "--focus Europol --depth 2" in result.stdout and "--open" in result.stdout


def test_cli_does_not_import_pyvis_or_playwright():
    import subprocess

    code = "import sys; from actorgraph.cli import cli; print(sorted(m for m in ('pyvis', 'playwright', 'jinja2', 'IPython') if m in sys.modules))"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout
    assert out.strip() == "[]"


# -- the shipped pieces ----------------------------------------------------------------------------------


def test_vendored_vis_network_carries_its_licences():
    from actorgraph.exports.html.page import ASSETS

    vis = ASSETS / "vis-network"
    head = (vis / "vis-network.min.js").read_text(encoding="utf-8")[:800]
    assert "@version 9.1.13" in head and "Apache 2.0" in head and "MIT" in head
    assert "Permission is hereby granted" in (vis / "LICENSE-MIT").read_text(encoding="utf-8")
    assert "Apache License" in (vis / "LICENSE-APACHE-2.0").read_text(encoding="utf-8")
    assert "9.1.13" in (vis / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize(
    "module",
    [
        "actorgraph.exports.html",
        "actorgraph.exports.html.select",
        "actorgraph.exports.html.style",
        "actorgraph.exports.html.page",
    ],
)
def test_docstring_examples_run(module):
    import importlib

    result = doctest.testmod(importlib.import_module(module))
    assert result.attempted > 0 and result.failed == 0
