"""Who cooperates with whom, asked every way an analyst asks it (issue 6): paths, brokers,
clusters, the matrix, co-participation, documents compared, recommendations.

Expectations are verified by hand on the bundled report (actorgraph/data/...) and on the
Frontex risk analyses in tests/corpus/."""

from __future__ import annotations

import csv
import doctest
import importlib
import io
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from conftest import CORPUS

from actorgraph.graph.build import build
from actorgraph.graph.store import open_store

ROOT = Path(__file__).resolve().parents[1]
REPORT = "emn_2016_conference_report.txt"


def _json(result):
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _csv(result):
    assert result.exit_code == 0, result.output
    return list(csv.DictReader(io.StringIO(result.stdout)))


@pytest.fixture(scope="module")
def data(built_store):
    from actorgraph.analysis.network import analysis_data

    return analysis_data(open_store(built_store, read_only=True))


@pytest.fixture(scope="module")
def frontex_store(tmp_path_factory) -> Path:
    """The two Frontex risk analyses (2016 and 2018), and nothing else."""
    path = tmp_path_factory.mktemp("frontex") / "store"
    report = build([str(CORPUS / "frontex_risk_analysis_2016.txt"), str(CORPUS / "frontex_risk_analysis_2018.txt")], path)
    assert report.ok and len(report.loaded) == 2
    return path


@pytest.fixture(scope="module")
def plans_store(tmp_path_factory) -> Path:
    """Two small plans written for these tests: between them one cooperation turns from
    proposed to actual, one appears, one disappears."""
    folder = tmp_path_factory.mktemp("plans")
    (folder / "plan_2019.txt").write_text(
        "Joint plan 2019\n\nEuropol should cooperate with Frontex on smuggling networks in the Balkans. "
        "Eurojust worked with Europol on three cases. Interpol supports JOT Mare.\n", encoding="utf-8")
    (folder / "plan_2020.txt").write_text(
        "Joint plan 2020\n\nEuropol worked with Frontex on smuggling networks in the Balkans. "
        "Frontex and UNHCR should work together on protection. Interpol supports JOT Mare.\n", encoding="utf-8")
    path = folder / "store"
    assert build([str(folder / "plan_2019.txt"), str(folder / "plan_2020.txt")], path).ok
    return path


@pytest.mark.parametrize("module", ["network", "paths", "centrality", "communities", "matrix", "diff",
                                    "recommendations"])
def test_doctests(module):
    result = doctest.testmod(importlib.import_module(f"actorgraph.analysis.{module}"))
    assert result.attempted > 0 and result.failed == 0


# -- path ------------------------------------------------------------------------------------------

def test_path_from_kosovo_police_to_frontex_goes_through_empact(run, built_store):
    chains = _json(run("--store", built_store, "path", "Kosovo police", "Frontex", "-f", "json"))
    assert len(chains) == 1
    assert [n["label"] for n in chains[0]["nodes"]] == ["Kosovo police", "EMPACT", "Frontex"]
    first, second = (h["statements"] for h in chains[0]["hops"])
    assert [(s["source_label"], s["relation"], s["target_label"], s["modality"]) for s in first] == [
        ("EMPACT", "cooperatesWith", "Kosovo police", "actual")]
    assert first[0]["evidence"][0]["sentence"] == "He stressed the newly established cooperation with the Kosovo police."
    assert [(s["source_label"], s["relation"], s["target_label"]) for s in second] == [
        ("Frontex", "participatesIn", "EMPACT")]
    assert "Frontex is the Co-Driver of the EMPACT" in second[0]["evidence"][0]["sentence"]


def test_path_table_and_csv_show_each_hop_with_its_sentence(run, built_store):
    table = run("--store", built_store, "path", "Kosovo police", "Frontex")
    assert table.exit_code == 0
    assert "1. Kosovo police \u2014 EMPACT \u2014 Frontex" in table.stdout
    assert "1) EMPACT cooperatesWith Kosovo police  (actual)" in table.stdout
    assert "2) Frontex participatesIn EMPACT" in table.stdout
    rows = _csv(run("--store", built_store, "path", "Kosovo police", "Frontex", "-f", "csv"))
    assert [(r["step"], r["relation"]) for r in rows] == [("1", "cooperatesWith"), ("2", "participatesIn")]
    assert all(r["evidence"] and r["document"] == REPORT for r in rows)


def test_path_lists_every_shortest_chain_up_to_max(run, built_store):
    # UNICEF -- IOM -- (one of IOM's three people) -- their session -- the conference -- the
    # Commission (which organised it) -- Europol: three chains of six hops
    chains = _json(run("--store", built_store, "path", "UNICEF", "Europol", "-f", "json"))
    assert [c["length"] for c in chains] == [6, 6, 6]
    assert {c["nodes"][2]["label"] for c in chains} == {"Florian Forster", "Laurentiu Ciobanica", "William L. Swing"}
    assert len(_json(run("--store", built_store, "path", "UNICEF", "Europol", "--max", "1", "-f", "json"))) == 1


def test_path_over_cooperation_only_can_find_nothing(run, built_store):
    result = run("--store", built_store, "path", "Europol", "Kosovo police", "--relation", "cooperatesWith")
    assert result.exit_code == 0
    assert result.stdout.strip() == "no chain of relations links Europol and Kosovo police"
    direct = _json(run("--store", built_store, "path", "Europol", "Frontex", "-r", "cooperatesWith", "-f", "json"))
    assert [c["length"] for c in direct] == [1]
    assert {s["modality"] for s in direct[0]["hops"][0]["statements"]} == {"actual", "proposed"}


def test_path_errors_are_one_line(run, built_store):
    same = run("--store", built_store, "path", "Europol", "europol")
    assert same.exit_code == 1 and "same entity" in same.stderr
    unknown = run("--store", built_store, "path", "Europl", "Frontex")
    assert unknown.exit_code == 1 and "closest: Europol" in unknown.stderr
    bad = run("--store", built_store, "path", "Europol", "Frontex", "-r", "worksWith")
    assert bad.exit_code == 2 and "unknown relation worksWith" in bad.output
    assert "Traceback" not in same.output + unknown.output + bad.output


def test_shortest_paths_gives_nodes_and_edges_to_highlight(data, built_store):
    from actorgraph.analysis.paths import shortest_paths
    from actorgraph.graph.queries import find_entity

    store = open_store(built_store, read_only=True)
    kp, fx = find_entity(store, "Kosovo police")["id"], find_entity(store, "Frontex")["id"]
    [chain] = shortest_paths(data, kp, fx)
    empact = find_entity(store, "EMPACT")["id"]
    assert chain.nodes == [kp, empact, fx]
    assert chain.edges == [(kp, empact), (empact, fx)]


# -- brokers ---------------------------------------------------------------------------------------

def test_brokers_rank_by_betweenness_with_hand_computed_values(run, built_store):
    # The cooperation network has 15 entities; its largest part links the EU agencies. Every
    # shortest chain from the Commission's side (Commission, EMN, Dutch ministry) to the
    # agencies' side (6 entities) passes Europol: 18 pairs, plus half of CEPOL--Eurojust
    # = 18.5 of the (14 * 13 / 2) = 91 pairs -> 0.203. Frontex: 17.5 / 91 -> 0.192; the
    # Commission: 14 / 91 -> 0.154. Frontex has the most partners: 6 of 14 -> 0.429.
    rows = _json(run("--store", built_store, "brokers", "--top", "3", "-f", "json"))
    assert [(r["rank"], r["actor"], r["betweenness"], r["degree"]) for r in rows] == [
        (1, "Europol", 0.203, 0.286), (2, "Frontex", 0.192, 0.429), (3, "European Commission", 0.154, 0.214)]
    assert rows[1]["partners"] == 6 and rows[0]["statements"] == 6


def test_brokers_table_explains_the_measures_and_is_deterministic(run, built_store):
    first = run("--store", built_store, "brokers", "--via", "both")
    assert first.exit_code == 0
    assert first.stdout.startswith("betweenness = the share of shortest chains")
    assert "degree = the share of the other actors" in first.stdout
    assert run("--store", built_store, "brokers", "--via", "both").stdout == first.stdout


def test_brokers_modality_filters_the_statements(run, built_store):
    rows = _json(run("--store", built_store, "brokers", "--modality", "proposed", "--top", "0", "-f", "json"))
    # proposed only: Europol--Frontex, Europol--Eurojust, Eurojust--Frontex, Eurojust--Sophia,
    # Commission--Europol and the IOM--UNHCR--UNICEF triangle
    assert {r["actor"] for r in rows} == {"Europol", "Frontex", "Eurojust", "EUNAVFOR MED Operation Sophia",
                                          "European Commission", "International Organization for Migration",
                                          "UNHCR", "UNICEF"}
    wrong = run("--store", built_store, "brokers", "--via", "initiative", "--modality", "actual")
    assert wrong.exit_code == 2 and "--modality applies to cooperation" in wrong.output


# -- clusters --------------------------------------------------------------------------------------

def test_clusters_of_the_cooperation_network(run, built_store):
    rows = _json(run("--store", built_store, "clusters", "-f", "json"))
    groups = [set(r["members"].split("; ")) for r in rows]
    # parts of the network that nothing links are clusters of their own
    assert {"International Organization for Migration", "UNHCR", "UNICEF"} in groups
    assert {"EMPACT", "Kosovo police"} in groups
    # the conference's organisers stay together, apart from the agencies
    organisers = next(g for g in groups if "European Commission" in g)
    assert {"European Migration Network", "Ministry of Justice and Security (Netherlands)"} <= organisers
    assert "Frontex" not in organisers
    agencies = next(r for r in rows if "Frontex" in r["members"].split("; "))
    assert agencies["name"].startswith("Frontex")  # Frontex has the most partners in it
    assert [r["cluster"] for r in rows] == list(range(1, len(rows) + 1))
    assert sorted((r["size"] for r in rows), reverse=True) == [r["size"] for r in rows]
    again = _json(run("--store", built_store, "clusters", "-f", "json"))
    assert again == rows


def test_communities_map_every_node_to_its_cluster(data):
    from actorgraph.analysis.communities import clusters, communities
    from actorgraph.analysis.network import network

    mapping = communities(data)
    assert set(mapping) == set(network(data))
    for row in clusters(data):
        assert {mapping[n] for n in row["member_ids"].split()} == {row["cluster"]}
    greedy = communities(data, method="greedy")
    assert greedy[next(n for n in mapping if n.endswith("/unicef"))] == greedy[next(n for n in mapping if n.endswith("/iom"))]


# -- matrix ----------------------------------------------------------------------------------------

def test_matrix_counts_actual_and_proposed_statements(run, built_store):
    rows = _csv(run("--store", built_store, "matrix", "-f", "csv"))
    cell = {(r["actor"], r["partner"]): r for r in rows}
    europol_frontex = cell[("Europol", "Frontex")]
    assert (europol_frontex["actual"], europol_frontex["proposed"], europol_frontex["total"]) == ("2", "1", "3")
    assert cell[("Frontex", "Europol")]["actual"] == "2"  # both ways
    assert cell[("Ministry of Justice and Security (Netherlands)", "European Migration Network")]["actual"] == "2"
    assert ("Europol", "Kosovo police") not in cell
    table = run("--store", built_store, "matrix")
    assert table.exit_code == 0
    assert "2a/1p" in table.stdout and "a = statements of actual cooperation" in table.stdout


def test_matrix_type_keeps_only_those_actors(run, built_store):
    rows = _json(run("--store", built_store, "matrix", "--type", "Organisation", "-f", "json"))
    names = {r["actor"] for r in rows}
    assert "Frontex" in names and "EMPACT" not in names and "European Migration Network" not in names
    assert {r["actor_type"] for r in rows} == {r["partner_type"] for r in rows} == {"Organisation"}
    bad = run("--store", built_store, "matrix", "--type", "Organisations")
    assert bad.exit_code == 2


def test_matrix_heat_map_image(run, built_store, tmp_path):
    pytest.importorskip("matplotlib")
    image = tmp_path / "matrix.png"
    result = run("--store", built_store, "matrix", "--type", "Organisation", "--image", image)
    assert result.exit_code == 0, result.output
    assert image.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary file left


# -- cooperates --via initiative / --document ----------------------------------------------------------

def test_cooperates_via_initiative_lists_the_shared_items(run, built_store):
    rows = _json(run("--store", built_store, "cooperates", "Europol", "--via", "initiative", "-f", "json"))
    shared = {(r["partner"], r["shared"]) for r in rows}
    # both take part in JOT Mare; Lotje van de Made (Europol) and Klaus Rösler (Frontex) spoke at Panel I
    assert {("Frontex", "JOT Mare"), ("Frontex", "Panel I"), ("Eurojust", "Panel I"),
            ("Eurojust", "Workshop 2")} <= shared
    panel = next(r for r in rows if r["partner"] == "Frontex" and r["shared"] == "Panel I")
    assert panel["link"] == "speaksAt through Klaus Rösler"
    assert panel["own_link"] == "speaksAt through Lotje van de Made"
    assert panel["evidence"].startswith("Klaus Rösler (Director of Operations Division Frontex) presented")
    # Europol's own people share their sessions with Europol only through themselves
    assert not {"Lotje van de Made", "Jennifer MacLeod", "Stephane Duguin"} & {r["partner"] for r in rows}
    assert rows[0]["shared_count"] >= rows[-1]["shared_count"]


def test_cooperates_via_initiative_is_the_projection_of_the_bipartite_graph(data, built_store):
    from actorgraph.analysis.network import co_participants, co_participation_network
    from actorgraph.graph.queries import find_entity

    projection = co_participation_network(data)
    store = open_store(built_store, read_only=True)
    for name in ("Europol", "Frontex", "Gabor Balog", "Kosovo police"):
        x = find_entity(store, name)["id"]
        rows = co_participants(data, x)
        assert {r["partner_id"] for r in rows} == set(projection[x])
        for partner in projection[x]:
            assert sorted(r["shared_id"] for r in rows if r["partner_id"] == partner) == projection.edges[x, partner]["shared"]
    kosovo = co_participants(data, find_entity(store, "Kosovo police")["id"])
    assert {(r["partner"], r["shared"]) for r in kosovo} == {("Frontex", "EMPACT"), ("Gabor Balog", "EMPACT")}


def test_cooperates_via_initiative_table_and_errors(run, built_store):
    table = run("--store", built_store, "cooperates", "Kosovo police", "--via", "initiative")
    assert table.exit_code == 0
    assert table.stdout.splitlines()[0] == "Kosovo police shares 1 initiative(s) or session(s) with 2 other(s):"
    assert "EMPACT (Initiative) \u2014 Kosovo police: cooperatesWith; Frontex: participatesIn" in table.stdout
    both = run("--store", built_store, "cooperates", "Europol", "--via", "initiative", "--modality", "actual")
    assert both.exit_code == 2 and "--modality applies to cooperation statements" in both.output


def test_cooperates_document_restricts_to_that_documents_statements(run, frontex_store):
    # 2018: "Together with EU-Lisa and Europol, Frontex is already preparing for ... ETIAS" (proposed)
    rows = _json(run("--store", frontex_store, "cooperates", "Frontex", "--document", "frontex_risk_analysis_2018.txt",
                     "-f", "json"))
    assert {("eu-LISA", "proposed"), ("Europol", "proposed")} <= {(r["partner"], r["modality"]) for r in rows}
    assert {r["document"] for r in rows} == {"frontex_risk_analysis_2018.txt"}
    # 2016: "Frontex and EASO worked together in hotspots"; eu-LISA is not named
    old = _json(run("--store", frontex_store, "cooperates", "Frontex", "-d", "frontex_risk_analysis_2016", "-f", "json"))
    assert ("European Union Agency for Asylum", "actual") in {(r["partner"], r["modality"]) for r in old}
    assert "eu-LISA" not in {r["partner"] for r in old}
    # the two documents together are everything the store says
    every = _json(run("--store", frontex_store, "cooperates", "Frontex", "-f", "json"))
    key = lambda r: (r["partner_id"], r["modality"], r["document"], r["start"])  # noqa: E731
    assert {key(r) for r in every} == {key(r) for r in rows + old}
    partners = len({r["partner_id"] for r in rows})
    table = run("--store", frontex_store, "cooperates", "Frontex", "-d", "frontex_risk_analysis_2018.txt")
    assert table.stdout.startswith(f"Frontex cooperates with {partners} partner(s) ({len(rows)} statements) "
                                   "in frontex_risk_analysis_2018.txt:")
    missing = run("--store", frontex_store, "cooperates", "Frontex", "-d", "nothing.txt")
    assert missing.exit_code == 1 and "no document matches 'nothing.txt'" in missing.stderr


def test_cooperates_document_on_the_bundled_report_keeps_the_output(run, built_store):
    plain = _json(run("--store", built_store, "cooperates", "Europol", "-f", "json"))
    only = _json(run("--store", built_store, "cooperates", "Europol", "--document", REPORT, "-f", "json"))
    assert only == plain


# -- diff ------------------------------------------------------------------------------------------

def test_diff_of_two_small_plans(run, plans_store):
    rows = _json(run("--store", plans_store, "diff", "plan_2019.txt", "plan_2020.txt", "-f", "json"))
    changes = {(r["change"], r["kind"], r["name"], r["a"], r["b"]) for r in rows}
    assert ("modality", "cooperation", "Europol \u2014 Frontex", "proposed", "actual") in changes
    assert ("appears", "cooperation", "Frontex \u2014 UNHCR", "", "proposed") in changes
    assert ("disappears", "cooperation", "Eurojust \u2014 Europol", "actual", "") in changes
    assert {(r["change"], r["name"]) for r in rows if r["kind"] == "actor"} == {("appears", "UNHCR"), ("disappears", "Eurojust")}
    assert not [r for r in rows if r["kind"] == "initiative"]  # JOT Mare is in both
    modality = next(r for r in rows if r["change"] == "modality")
    assert modality["evidence"] == "Europol worked with Frontex on smuggling networks in the Balkans."
    table = run("--store", plans_store, "diff", "plan_2019.txt", "plan_2020.txt")
    assert "in both: 0 cooperating pair(s), 3 actor(s), 1 initiative(s); 5 change(s):" in table.stdout


def test_diff_of_the_frontex_risk_analyses(run, frontex_store):
    rows = _json(run("--store", frontex_store, "diff", "frontex_risk_analysis_2016.txt", "frontex_risk_analysis_2018.txt",
                     "-f", "json"))
    # verified in the texts: 2018 "Together with EU-Lisa and Europol, Frontex is already preparing
    # for ... ETIAS"; 2016 "... exchange of information with Member States, the European Asylum
    # Support Office, Europol or Eurojust will be at the heart of Frontex processing ..." and
    # "Frontex and EASO worked together in hotspots"; Europol--Frontex is proposed in both
    cooperation = {(r["change"], r["name"], r["a"], r["b"]) for r in rows if r["kind"] == "cooperation"}
    assert {
        ("appears", "eu-LISA \u2014 Europol", "", "proposed"),
        ("appears", "eu-LISA \u2014 Frontex", "", "proposed"),
        ("disappears", "Eurojust \u2014 Frontex", "proposed", ""),
        ("disappears", "European Union Agency for Asylum \u2014 Frontex", "actual, proposed", ""),
    } <= cooperation
    assert "Europol \u2014 Frontex" not in {c[1] for c in cooperation}
    actors = {(r["change"], r["name"]) for r in rows if r["kind"] == "actor"}
    assert ("appears", "eu-LISA") in actors
    assert not {n for c, n in actors if n in ("Frontex", "Europol", "Eurojust")}  # named in both
    swapped = _json(run("--store", frontex_store, "diff", "frontex_risk_analysis_2018.txt",
                        "frontex_risk_analysis_2016.txt", "-f", "json"))
    flip = {"appears": "disappears", "disappears": "appears", "modality": "modality"}
    assert {(flip[r["change"]], r["kind"], r["name"]) for r in swapped} == {(r["change"], r["kind"], r["name"]) for r in rows}


def test_diff_errors(run, frontex_store):
    same = run("--store", frontex_store, "diff", "frontex_risk_analysis_2016.txt", "frontex_risk_analysis_2016")
    assert same.exit_code == 1 and "name the same document" in same.stderr
    missing = run("--store", frontex_store, "diff", "nope.txt", "frontex_risk_analysis_2016.txt")
    assert missing.exit_code == 1 and "no document matches 'nope.txt'" in missing.stderr


# -- recommendations -------------------------------------------------------------------------------

def test_recommendations_of_the_workshops_with_their_counts(run, built_store):
    rows = _csv(run("--store", built_store, "recommendations", "-f", "csv"))
    per_session = Counter(r["session"] for r in rows)
    assert [per_session[f"Workshop {n}"] for n in range(1, 7)] == [4, 5, 6, 6, 7, 6]
    assert per_session["European Conference 2016"] == 10  # 5 main conclusions and 5 next steps
    assert all(r["text"] and r["kind"] and r["document"] == REPORT for r in rows)
    assert [int(r["start"]) for r in rows] == sorted(int(r["start"]) for r in rows)  # in the report's order


def test_recommendations_for_an_actor_and_a_session(run, built_store):
    europol = _json(run("--store", built_store, "recommendations", "--actor", "Europol", "-f", "json"))
    assert [(r["kind"], r["rank"], r["session"], r["addresses"]) for r in europol] == [
        ("next step", 4, "European Conference 2016", "Eurojust; Europol; Frontex")]
    assert europol[0]["text"].startswith("An increase of cooperation and information sharing between agencies")
    emsc = _json(run("--store", built_store, "recommendations", "--actor", "European Migrant Smuggling Centre", "-f", "json"))
    assert [(r["session"], r["rank"]) for r in emsc] == [("Workshop 2", 2)]
    ws3 = _json(run("--store", built_store, "recommendations", "--session", "Workshop 3", "-f", "json"))
    assert [r["rank"] for r in ws3] == [1, 2, 3, 4, 5, 6]
    assert ws3[0]["addresses"] == "EU Internet Forum"
    conference = _json(run("--store", built_store, "recommendations", "--session", "European Conference 2016", "-f", "json"))
    assert len(conference) == 44  # its own ten and those of its six workshops
    steps = _json(run("--store", built_store, "recommendations", "--kind", "next step", "-f", "json"))
    assert [r["rank"] for r in steps] == [1, 2, 3, 4, 5]
    wrong = run("--store", built_store, "recommendations", "--session", "Europol")
    assert wrong.exit_code == 1 and "is not a session or event" in wrong.stderr


def test_graph_data_keeps_its_nodes_unless_asked_for_recommendations(built_store):
    from actorgraph.graph.view import graph_data

    store = open_store(built_store, read_only=True)
    plain = graph_data(store)
    assert {n.type for n in plain.nodes.values()} <= {"Person", "Organisation", "Initiative", "Route", "Place", "Event"}
    assert not {e.relation for e in plain.edges} & {"madeAt", "addresses"}
    full = graph_data(store, recommendations=True)
    recs = [n for n in full.nodes.values() if n.type == "Recommendation"]
    assert len(recs) == 44 and all(n.text and n.kind and n.rank for n in recs)
    assert Counter(e.relation for e in full.edges)["madeAt"] == 44
    assert len(full.nodes) == len(plain.nodes) + 44
    assert [e for e in full.edges if e.relation not in ("madeAt", "addresses")] == plain.edges


# -- the docs --------------------------------------------------------------------------------------

def test_every_command_in_the_analysis_doc_runs(run, built_store, frontex_store, tmp_path):
    """The commands of docs/analysis.md run (on the bundled report; `diff` on the Frontex pair)."""
    import shlex

    text = (ROOT / "docs" / "analysis.md").read_text(encoding="utf-8")
    commands = re.findall(r"^\$ actorgraph (.+)$", text, flags=re.M)
    assert len(commands) >= 8
    for line in commands:
        args = shlex.split(line.split(" | ")[0].split(" > ")[0])
        if "--image" in args:
            continue  # needs the plot extra: see test_matrix_heat_map_image
        store = frontex_store if args[0] == "diff" else built_store
        result = run("--store", store, *args)
        assert result.exit_code == 0, (line, result.output)


def test_document_option_restricts_every_analysis(run, frontex_store):
    # Eurojust cooperates with Frontex only in the 2016 analysis
    in_2018 = _json(run("--store", frontex_store, "brokers", "--top", "0", "-d", "frontex_risk_analysis_2018.txt",
                        "-f", "json"))
    both = _json(run("--store", frontex_store, "brokers", "--top", "0", "-f", "json"))
    assert "Eurojust" in {r["actor"] for r in both}
    assert "Eurojust" not in {r["actor"] for r in in_2018} and "eu-LISA" in {r["actor"] for r in in_2018}
    matrix = _json(run("--store", frontex_store, "matrix", "-d", "frontex_risk_analysis_2016.txt", "-f", "json"))
    assert "eu-LISA" not in {r["actor"] for r in matrix}


@pytest.mark.parametrize("command", ["path", "brokers", "clusters", "matrix", "diff", "recommendations"])
def test_help_teaches_with_examples(run, command):
    result = run(command, "--help")
    assert result.exit_code == 0 and "Examples:" in result.stdout and f"actorgraph {command}" in result.stdout


def test_cooperates_document_does_not_import_networkx(built_store):
    import subprocess
    import sys

    code = (
        "import sys; from actorgraph.cli import main\n"
        "try:\n    main(['--store', sys.argv[1], 'cooperates', 'Europol', '--document', sys.argv[2]])\n"
        "except SystemExit: pass\n"
        "print(sorted(m for m in ('rdflib', 'networkx', 'yaml') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(built_store), REPORT], capture_output=True, text=True,
                          timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr
