"""JSON-LD with the published actorgraph context.

The context (``context.jsonld``, shipped with the package and published at
:data:`CONTEXT_URL`) gives the prefixes, makes the ontology's namespace the vocabulary
(``"@vocab"``: every term of ours is its local name, ``cooperatesWith``, ``Statement``), and
says which terms take IRIs or integers. It is built from the ontology by :func:`build_context`
(``python -m actorgraph.exports.jsonld`` rewrites the file); a term added to the ontology
later still reads and writes correctly through ``@vocab``, only with its IRI values written as
``{"@id": ...}``. An export references the context by its URL and holds one named graph per
document (``{"@id": doc-graph, "@graph": [...]}``).

A JSON-LD processor fetches the context from its URL; to read an export offline, replace the
URL by the shipped file's content (:func:`with_inline_context`, which ``actorgraph import``
does).
"""

from __future__ import annotations

__all__ = [
    "CONTEXT_URL",
    "build_context",
    "context_path",
    "load_context",
    "with_inline_context",
    "write_jsonld",
]

import json
from functools import lru_cache
from pathlib import Path
from typing import IO

import pyoxigraph as ox

from actorgraph.ontology.namespace import (
    BASE,
    DCTERMS,
    DOC_BASE,
    ID_BASE,
    PROPERTIES,
    PROV,
    RDF,
    RDFS,
    RELATIONS,
    SKOS,
    XSD,
)

CONTEXT_URL = "https://w3id.org/actorgraph/context.jsonld"


def context_path() -> Path:
    return Path(__file__).with_name("context.jsonld")


def build_context() -> dict:
    """The JSON-LD context, from the ontology: prefixes, then one term per relation (its
    values are IRIs) and per property of ours, and the few external terms the graph uses."""
    ctx: dict[str, object] = {
        "@vocab": BASE,
        "ag": BASE, "id": ID_BASE, "doc": DOC_BASE, "rdf": RDF, "rdfs": RDFS, "skos": SKOS,
        "dcterms": DCTERMS, "xsd": XSD, "prov": PROV,
        "label": {"@id": "rdfs:label"},
        "altLabel": {"@id": "skos:altLabel"},
        "hiddenLabel": {"@id": "skos:hiddenLabel"},
        "title": {"@id": "dcterms:title"},
        "date": {"@id": "dcterms:date"},
        "subject": {"@id": "rdf:subject", "@type": "@id"},
        "predicate": {"@id": "rdf:predicate", "@type": "@vocab"},
        "object": {"@id": "rdf:object", "@type": "@id"},
    }
    for name in sorted(RELATIONS):
        ctx[name] = {"@id": f"ag:{name}", "@type": "@id"}
    for name, spec in sorted(PROPERTIES.items()):
        if spec.get("kind") == "object":
            ctx[name] = {"@id": f"ag:{name}", "@type": "@id"}
        elif "xsd:integer" in _as_tuple(spec.get("range")):
            ctx[name] = {"@id": f"ag:{name}", "@type": "xsd:integer"}
    return {"@context": ctx}


def _as_tuple(value) -> tuple:
    return tuple(value) if isinstance(value, (list, tuple)) else (value,)


def main() -> None:
    """Rewrite the shipped context from the ontology."""
    context_path().write_text(json.dumps(build_context(), indent=2) + "\n", encoding="utf-8")
    print(f"wrote {context_path()}")


if __name__ == "__main__":
    main()


@lru_cache(maxsize=1)
def load_context() -> dict:
    """The shipped context file, parsed."""
    return json.loads(context_path().read_text(encoding="utf-8"))


def write_jsonld(store: ox.Store, out: IO[bytes]) -> None:
    """The whole store as compacted JSON-LD (rdflib's serialiser), one named graph per
    document, with ``"@context"`` set to the published context's URL."""
    from actorgraph.exports.rdflib_bridge import to_rdflib_dataset

    dataset = to_rdflib_dataset(store)
    context = load_context()["@context"]
    text = dataset.serialize(format="json-ld", context=context, auto_compact=False)
    document = json.loads(text)
    if isinstance(document, dict):
        document["@context"] = CONTEXT_URL
    else:
        document = {"@context": CONTEXT_URL, "@graph": document}
    out.write(json.dumps(document, ensure_ascii=False, indent=1).encode("utf-8"))
    out.write(b"\n")


def with_inline_context(document):
    """A JSON-LD document (parsed) with every reference to :data:`CONTEXT_URL` replaced by
    the shipped context, so that it can be read without fetching anything."""
    inline = load_context()["@context"]

    def fix(ctx):
        if ctx == CONTEXT_URL:
            return inline
        if isinstance(ctx, list):
            return [fix(c) for c in ctx]
        return ctx

    def walk(node):
        if isinstance(node, dict):
            return {k: (fix(v) if k == "@context" else walk(v)) for k, v in node.items()}
        if isinstance(node, list):
            return [walk(n) for n in node]
        return node

    return walk(document)
