"""The docs stay true: their queries run and return what they promise, the README's ontology
table names the ontology's terms, and every command is documented."""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox

from actorgraph.cli import cli
from actorgraph.graph.store import open_store
from actorgraph.ontology import CORE_CLASSES, RELATIONS

ROOT = Path(__file__).resolve().parents[1]


def sparql_blocks(path: Path) -> list[str]:
    return re.findall(r"```sparql\n(.*?)```", path.read_text(encoding="utf-8"), flags=re.S)


def test_model_doc_queries_return_cooperation_with_evidence(built_store):
    store = open_store(built_store, read_only=True)
    first, second = sparql_blocks(ROOT / "docs" / "model.md")
    rows = list(store.query(first, use_default_graph_as_union=True))
    assert rows
    pairs = {(r["a"].value, r["b"].value, r["modality"].value) for r in rows}
    assert ("Europol", "Frontex", "proposed") in pairs or ("Frontex", "Europol", "proposed") in pairs
    text = next(q.object.value for q in store.quads_for_pattern(None, ox.NamedNode("https://w3id.org/actorgraph/ontology#text"), None, None)
                if len(q.object.value) > 10000)
    for r in rows:  # the offsets point at the sentence in the document's text
        assert text[int(r["start"].value):int(r["end"].value)] == r["sentence"].value
    partners = {r["partner"].value for r in store.query(second, use_default_graph_as_union=True)}
    assert {"Frontex", "Eurojust", "European Commission"} <= partners


def test_readme_ontology_table_matches_the_ontology():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("## The ontology", 1)[1].split("\n## ", 1)[0]
    named = set(re.findall(r"^\| `(\w+)`", section, flags=re.M))
    assert set(CORE_CLASSES) <= named
    assert {"affiliatedWith", "cooperatesWith", "participatesIn", "speaksAt", "chairs", "panellistAt",
            "partOf", "locatedIn"} <= named
    assert named <= set(CORE_CLASSES) | set(RELATIONS)


def test_every_command_is_in_the_readme():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for name in cli.commands:
        assert f"actorgraph {name}" in readme, name
