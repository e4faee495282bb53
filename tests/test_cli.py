"""The command line, end to end on real stores (issue 2)."""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys

from conftest import CORPUS


def test_query_on_empty_store_loads_the_bundled_report_first(run, tmp_path):
    store = tmp_path / "fresh"
    result = run("--store", store, "cooperates", "Europol")
    assert result.exit_code == 0, result.output
    assert "loading the bundled EMN 2016 report first" in result.stderr
    assert "Frontex" in result.stdout and "Eurojust" in result.stdout
    # the second query does not load again
    again = run("--store", store, "cooperates", "Europol")
    assert "loading the bundled" not in again.stderr


def test_cooperates_shows_partner_modality_sentence_and_document(run, built_store):
    result = run("--store", built_store, "cooperates", "Europol", "--format", "json")
    rows = json.loads(result.stdout)
    partners = {(r["partner"], r["modality"]) for r in rows}
    assert ("Frontex", "actual") in partners
    assert ("Frontex", "proposed") in partners
    assert ("European Commission", "proposed") in partners
    ec = next(r for r in rows if r["partner"] == "European Commission")
    assert ec["evidence"] == "Close work with Europol should be undertaken to launch a platform with financial institutions."
    assert ec["document"].endswith("emn_2016_conference_report.txt")


def test_cooperates_eurojust_with_eunavfor_med_sophia_is_proposed(run, built_store):
    rows = json.loads(run("--store", built_store, "cooperates", "eurojust", "-f", "json").stdout)
    sophia = [r for r in rows if "Sophia" in r["partner"] or "EUNAVFOR" in r["partner"]]
    assert sophia and sophia[0]["modality"] == "proposed"
    assert "envisaged" not in sophia[0]["evidence"]  # the sentence itself, not its context
    assert "EUNAVFOR (European Union Naval Force) Med" in sophia[0]["evidence"]


def test_cooperates_modality_filter(run, built_store):
    rows = json.loads(run("--store", built_store, "cooperates", "Europol", "-m", "actual", "-f", "json").stdout)
    assert rows and all(r["modality"] == "actual" for r in rows)


def test_names_are_found_by_alias_case_and_accent_insensitively(run, built_store):
    for name in ("EASO", "european asylum support office", "Mrs. Barberini", "klaus rosler", "EUNAVFORMED Sophia"):
        result = run("--store", built_store, "show", name, "-f", "json")
        assert result.exit_code == 0, (name, result.output)
    shown = json.loads(run("--store", built_store, "show", "Mrs. Barberini", "-f", "json").stdout)
    assert shown["label"] == "Roberta Barberini" and shown["type"] == "Person"
    assert "Mrs. Barberini" in shown["aliases"]


def test_unknown_name_gives_closest_matches_and_exit_1(run, built_store):
    result = run("--store", built_store, "cooperates", "Europl")
    assert result.exit_code == 1
    assert "no entity named 'Europl'" in result.stderr and "Europol" in result.stderr
    assert "Traceback" not in result.output


def test_entities_csv_columns_and_types(run, built_store):
    out = run("--store", built_store, "entities", "--format", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["id", "label", "type", "aliases"]
    assert {r["type"] for r in rows} <= {"Person", "Organisation", "Initiative", "Route", "Place", "Event"}
    easo = next(r for r in rows if "EASO" in r["aliases"].split("|") or r["label"] == "EASO")
    assert easo["type"] == "Organisation"
    people = run("--store", built_store, "entities", "--type", "Person", "-f", "csv").stdout
    assert "Roberta Barberini" in people and "Europol" not in people


def test_entities_rejects_unknown_type_with_usage_error(run, built_store):
    result = run("--store", built_store, "entities", "--type", "Persn")
    assert result.exit_code == 2 and "unknown type Persn" in result.output


def test_relations_csv_columns(run, built_store):
    out = run("--store", built_store, "relations", "--relation", "cooperatesWith", "-f", "csv").stdout
    rows = list(csv.DictReader(io.StringIO(out)))
    assert list(rows[0]) == ["source", "relation", "target", "modality", "evidence", "document", "curated"]
    assert all(r["relation"] == "cooperatesWith" and r["modality"] in ("actual", "proposed") for r in rows)
    assert all(r["source"].startswith("https://w3id.org/actorgraph/id/") for r in rows)


def test_show_lists_every_relation_with_evidence(run, built_store):
    shown = json.loads(run("--store", built_store, "show", "Gabor Balog", "-f", "json").stdout)
    relations = {(r["relation"], r["target_label"]) for r in shown["relations"]}
    assert ("participatesIn", "EMPACT") in relations
    assert any(r["relation"] == "speaksAt" and r["target_label"] == "Panel III" for r in shown["relations"])
    assert all(r["evidence"] for r in shown["relations"])


def test_build_user_documents_on_empty_store_loads_only_those(run, tmp_path):
    store = tmp_path / "s"
    result = run("--store", store, "build", CORPUS / "aljazeera_eu_ships_rescue_2015.md")
    assert result.exit_code == 0, result.output
    out = run("--store", store, "entities", "-f", "csv").stdout
    assert "Frontex" in out and "Roberta Barberini" not in out


def test_build_reports_bad_files_and_still_loads_the_others(run, tmp_path):
    good = tmp_path / "good.txt"
    good.write_text("Europol and Frontex signed a cooperation agreement in 2016.", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("   \n", encoding="utf-8")
    binary = tmp_path / "blob.txt"
    binary.write_bytes(bytes(range(256)) * 20)
    store = tmp_path / "s"
    result = run("--store", store, "build", good, empty, binary, tmp_path / "missing.txt")
    assert result.exit_code == 3
    assert "loaded 1 document(s)" in result.stdout
    for name in ("empty.txt", "blob.txt", "missing.txt"):
        line = next(x for x in result.stderr.splitlines() if name in x)
        assert line.startswith("actorgraph: skipped: ")
    coop = run("--store", store, "cooperates", "Frontex", "-f", "json")
    assert coop.exit_code == 0, coop.output
    rows = json.loads(coop.stdout)
    assert [r["partner"] for r in rows] == ["Europol"]


def test_build_windows_1252_document(run, tmp_path):
    doc = tmp_path / "cp1252.txt"
    doc.write_bytes("The Agency\u2019s partners: Frontex worked together with Europol in Pir\u00e6us.".encode("cp1252"))
    store = tmp_path / "s"
    assert run("--store", store, "build", doc).exit_code == 0
    rows = json.loads(run("--store", store, "cooperates", "Frontex", "-f", "json").stdout)
    assert rows and "\u2019" in rows[0]["evidence"]


def test_rebuilding_the_same_document_skips_it(run, store_copy):
    result = run("--store", store_copy, "build")
    assert "skipped 1 unchanged" in result.stdout


def test_a_store_path_that_is_a_file_is_a_clear_error(run, tmp_path):
    f = tmp_path / "file"
    f.write_text("x")
    result = run("--store", f, "entities")
    assert result.exit_code in (2, 4)
    assert "Traceback" not in result.output


def test_help_teaches_with_examples(run):
    result = run("--help")
    assert result.exit_code == 0
    assert "actorgraph cooperates Europol" in result.stdout
    sub = run("cooperates", "--help")
    assert "--modality" in sub.stdout and "Examples" in sub.stdout


def test_ontology_command_prints_turtle(run):
    result = run("ontology")
    assert "owl:Ontology" in result.stdout and "cooperatesWith" in result.stdout


def test_python_dash_m_and_store_env_variable(built_store, tmp_path):
    env = dict(os.environ, ACTORGRAPH_STORE=str(built_store))
    proc = subprocess.run([sys.executable, "-m", "actorgraph", "cooperates", "Frontex", "-f", "csv"],
                          capture_output=True, text=True, env=env, timeout=120)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[0] == "partner,partner_id,type,modality,evidence,document,start,end,curated"


def test_query_commands_do_not_import_rdflib_or_networkx(built_store):
    code = (
        "import sys; from actorgraph.cli import main\n"
        "try:\n    main(['--store', sys.argv[1], 'cooperates', 'Europol'])\nexcept SystemExit: pass\n"
        "print(sorted(m for m in ('rdflib', 'networkx', 'yaml') if m in sys.modules))"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(built_store)], capture_output=True, text=True, timeout=120)
    assert proc.stdout.strip().splitlines()[-1] == "[]", proc.stderr
