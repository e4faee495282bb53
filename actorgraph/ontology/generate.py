"""Generate every artefact of the ontology from ``terms.yaml``.

Run ``python -m actorgraph.ontology.generate`` after editing ``terms.yaml``; add ``--check``
to only report whether the generated files are up to date (exit status 1 if not).

Writes
------
actorgraph/ontology/actorgraph.ttl
    The OWL ontology (:func:`build_ontology`).
actorgraph/ontology/shapes.ttl
    The SHACL shapes (:func:`build_shapes`).
actorgraph/ontology/namespace.py
    The Python constants (:func:`render_namespace`).
docs/ontology.md
    The documentation (:func:`render_docs`), when the source tree is there.
"""

from __future__ import annotations

__all__ = ["load_model", "build_ontology", "build_shapes", "render_namespace", "render_docs",
           "ONTOLOGY_TTL", "SHAPES_TTL", "NAMESPACE_PY", "DOCS_MD", "generate", "main"]

import argparse
import sys
from pathlib import Path

from actorgraph.ontology.model import Model, load_model
from actorgraph.ontology.owl import build_ontology
from actorgraph.ontology.render import render_docs, render_namespace
from actorgraph.ontology.shacl import build_shapes

HERE = Path(__file__).parent
ONTOLOGY_TTL = HERE / "actorgraph.ttl"
SHAPES_TTL = HERE / "shapes.ttl"
NAMESPACE_PY = HERE / "namespace.py"
DOCS_MD = HERE.parent.parent / "docs" / "ontology.md"


def generate(model: Model | None = None) -> dict[Path, str]:
    """The text of every generated file, by path (nothing is written).

    Parameters
    ----------
    model : Model, optional
        The ontology; ``terms.yaml`` by default.
    """
    model = model or load_model()
    return {
        ONTOLOGY_TTL: build_ontology(model).serialize(format="turtle"),
        SHAPES_TTL: build_shapes(model).serialize(format="turtle"),
        NAMESPACE_PY: render_namespace(model),
        DOCS_MD: render_docs(model),
    }


def main(argv: list[str] | None = None) -> int:
    """Write the generated files (or, with ``--check``, report the stale ones)."""
    parser = argparse.ArgumentParser(prog="python -m actorgraph.ontology.generate",
                                     description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true",
                        help="write nothing; exit 1 if a generated file is out of date")
    args = parser.parse_args(argv)
    stale = []
    for path, text in generate().items():
        if path == DOCS_MD and not path.parent.is_dir():
            continue  # an installed package has no docs/ folder
        current = path.read_text(encoding="utf-8") if path.exists() else None
        if current == text:
            continue
        stale.append(path)
        if not args.check:
            path.write_text(text, encoding="utf-8")
            print(f"wrote {path}")
    if args.check and stale:
        print("out of date (run python -m actorgraph.ontology.generate):", file=sys.stderr)
        for path in stale:
            print(f"  {path}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
