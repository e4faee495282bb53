"""Text generated from the :class:`~.model.Model`: the Python namespace module and the
Markdown documentation."""

from __future__ import annotations

__all__ = ["render_namespace", "render_docs"]

import json
import textwrap

from actorgraph.ontology.closed import ClosedNamespace
from actorgraph.ontology.model import Alignment, Model, Property

REGENERATE = "python -m actorgraph.ontology.generate"

_NAMESPACE_HEAD = '''\
"""The actorgraph ontology as Python constants.

GENERATED from ``actorgraph/ontology/terms.yaml`` -- do not edit by hand. Regenerate with::

    {regenerate}

Imports nothing heavy (no rdflib, no yaml): terms are plain ``str`` IRIs.
"""

from __future__ import annotations

from actorgraph.ontology.closed import ClosedNamespace, UnknownTerm

__all__ = [
    "AG", "BASE", "ID_BASE", "DOC_BASE", "ONTOLOGY_IRI", "VERSION", "TERMS", "CLASS_PARENT",
    "CORE_CLASSES", "RELATIONS", "PROPERTIES", "LABELS", "core_class", "subclasses",
    "UnknownTerm",
{prefix_names}
]
'''

_NAMESPACE_FUNCTIONS = '''

def core_class(local_name: str) -> str:
    """The core class above an entity class (the class itself if it is core).

    Examples
    --------
    >>> core_class("EUAgency")
    'Organisation'
    >>> core_class(AG.Person)
    'Person'
    """
    name = AG.local_name(local_name) if local_name.startswith(BASE) else local_name
    if name not in CLASS_PARENT:
        AG[name]  # raises UnknownTerm with close matches
        raise ValueError(f"{name!r} is not a class")
    while CLASS_PARENT[name] is not None:
        name = CLASS_PARENT[name]
    if name not in CORE_CLASSES:
        raise ValueError(f"{local_name!r} is not an entity class: it is under none of "
                         f"{', '.join(CORE_CLASSES)}")
    return name


def subclasses(local_name: str) -> tuple[str, ...]:
    """The class and every class below it, in declaration order.

    Examples
    --------
    >>> subclasses("Place")
    ('Place', 'Country', 'City', 'Region')
    """
    if local_name not in CLASS_PARENT:
        AG[local_name]  # raises UnknownTerm with close matches
        raise ValueError(f"{local_name!r} is not a class")
    found = []
    for name in CLASS_PARENT:
        walk = name
        while walk is not None and walk != local_name:
            walk = CLASS_PARENT[walk]
        if walk == local_name:
            found.append(name)
    return tuple(found)
'''


def render_namespace(model: Model) -> str:
    """The source of ``namespace.py``."""
    reserved = set(dir(ClosedNamespace))
    clash = [t for t in model.terms if t in reserved]
    if clash:
        raise ValueError(f"term(s) {clash} would be hidden by ClosedNamespace attributes")
    prefixes = {p.upper(): iri for p, iri in model.prefixes.items()}
    meta = model.meta
    relations = {
        r.name: {"domain": r.domain, "range": r.range, "symmetric": r.symmetric,
                 "transitive": r.transitive, "same_kind": r.same_kind, "label": r.label,
                 "edge": r.edge}
        for r in model.relations.values()}
    properties = {
        p.name: {"kind": p.kind, "domain": p.domain, "range": p.range, "functional": p.functional}
        for p in model.properties.values()}
    labels = {name: term.label for section in (model.classes, model.relations, model.properties)
              for name, term in section.items()}
    head = _NAMESPACE_HEAD.format(
        regenerate=REGENERATE,
        prefix_names=textwrap.fill(" ".join(f'"{p}",' for p in prefixes), width=96,
                                   initial_indent="    ", subsequent_indent="    "))
    parts = [
        head,
        f"BASE = {_py(model.base)}",
        f"ID_BASE = {_py(meta['id_base'])}",
        f"DOC_BASE = {_py(meta['doc_base'])}",
        f"ONTOLOGY_IRI = {_py(meta['iri'])}",
        f"VERSION = {_py(str(meta['version']))}",
        "",
        "# External vocabularies, as IRI prefixes.",
        *(f"{p} = {_py(iri)}" for p, iri in prefixes.items()),
        "",
        "# Every term of ours: classes, relations, then properties.",
        f"TERMS = {_py(model.terms)}",
        "",
        f"AG = ClosedNamespace(BASE, TERMS, name={_py(meta['prefix'] + ': ' + model.base)})",
        "",
        "# Class local name -> parent class local name (None at the top).",
        f"CLASS_PARENT = {_py({c.name: c.parent for c in model.classes.values()})}",
        "",
        f"CORE_CLASSES = {_py(model.core_classes)}",
        "",
        "# Relations between entities (object properties): domain and range are unions.",
        f"RELATIONS = {_py(relations)}",
        "",
        "# Entity attributes and the evidence model.",
        f"PROPERTIES = {_py(properties)}",
        "",
        f"LABELS = {_py(labels)}",
    ]
    return "\n".join(parts) + "\n" + _NAMESPACE_FUNCTIONS


def _py(value, indent: int = 0) -> str:
    """A Python literal for str, bool, None, int, tuple and dict, one item a line."""
    pad, inner = " " * indent, " " * (indent + 4)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, bool) or value is None or isinstance(value, int):
        return repr(value)
    if isinstance(value, tuple):
        flat = "(" + ", ".join(_py(v) for v in value) + ("," if len(value) == 1 else "") + ")"
        if len(flat) + indent < 80:
            return flat
        return "(\n" + "".join(f"{inner}{_py(v, indent + 4)},\n" for v in value) + pad + ")"
    if isinstance(value, dict):
        items = "".join(f"{inner}{_py(k)}: {_py(v, indent + 4)},\n" for k, v in value.items())
        return "{\n" + items + pad + "}"
    raise TypeError(f"cannot write {type(value).__name__} as a Python literal")


# ---------------------------------------------------------------------------------- docs


def render_docs(model: Model) -> str:
    """The Markdown of ``docs/ontology.md``."""
    meta = model.meta
    lines = [
        "<!-- GENERATED from actorgraph/ontology/terms.yaml -- do not edit by hand.",
        f"     Regenerate with: {REGENERATE} -->",
        "",
        f"# The actorgraph ontology ({meta['version']})",
        "",
        " ".join(meta["description"].split()),
        "",
        f"- Terms: `{model.base}` (prefix `{meta['prefix']}:`)",
        f"- Entities: `{meta['id_base']}…`; documents: `{meta['doc_base']}…`",
        "- Files: `actorgraph/ontology/actorgraph.ttl` (OWL), `actorgraph/ontology/shapes.ttl`"
        " (SHACL), `actorgraph/ontology/namespace.py` (Python constants `AG.Person` …)",
        "- Alignments: ⊑ sub-class or sub-property of; ≡ equivalent to; "
        "⊑ inverse of *p*: a sub-property of the inverse of *p*.",
        "- Validate data with `shapes.ttl` together with the ontology: SHACL finds subclasses "
        "through the `rdfs:subClassOf` triples of the data graph.",
        "",
        "## Classes",
        "",
        "Entities carry `rdfs:label` (canonical name, required) and `skos:altLabel` (other names).",
        "",
        "| Class | Parent | Aligned with | Description |",
        "| --- | --- | --- | --- |",
    ]
    for cls in model.classes.values():
        if cls.evidence:
            continue
        name = f"**`{cls.name}`**" if cls.core else f"`{cls.name}`"
        parent = f"`{cls.parent}`" if cls.parent else "—"
        lines.append(f"| {name} | {parent} | {_align(cls.align)} | {cls.comment} |")
    lines += [
        "",
        "## Relations",
        "",
        "Each relation is stated directly between entities and, with its evidence, as an "
        "`ag:Statement`.",
        "",
        "| Relation | Domain → Range | Symmetric | Edge label | Aligned with | Description |",
        "| --- | --- | --- | --- | --- | --- |",
    ]
    for rel in model.relations.values():
        arrow = f"{_union(rel.domain)} → {_union(rel.range)}"
        if rel.same_kind:
            arrow += " (same kind)"
        traits = "yes" if rel.symmetric else "no"
        if rel.transitive:
            traits += ", transitive"
        lines.append(f"| `{rel.name}` | {arrow} | {traits} | {rel.edge} | "
                     f"{_align(rel.align)} | {rel.comment} |")
    entity_props = [p for p in model.properties.values() if not _is_evidence(model, p)]
    evidence_props = [p for p in model.properties.values() if _is_evidence(model, p)]
    lines += ["", "## Entity properties", "", *_property_table(entity_props)]
    lines += [
        "",
        "## Evidence (provenance)",
        "",
        "| Class | Aligned with | Description |",
        "| --- | --- | --- |",
        *(f"| `{c.name}` | {_align(c.align)} | {c.comment} |"
          for c in model.classes.values() if c.evidence),
        "",
        *_property_table(evidence_props),
        "",
        "## Terms of other vocabularies used",
        "",
        "| Property | On | Values | Cardinality | Use |",
        "| --- | --- | --- | --- | --- |",
    ]
    for prop in model.external.values():
        values = ("a relation above" if prop.relation_iri
                  else "a literal" if prop.range == ("literal",) else _union(prop.range))
        lines.append(f"| `{prop.name}` | {_union(prop.domain)} | {values} | "
                     f"{_cardinality(prop)} | {prop.comment} |")
    lines += ["", "## Prefixes", "", "| Prefix | IRI |", "| --- | --- |",
              f"| `{meta['prefix']}` | `{model.base}` |",
              *(f"| `{p}` | `{iri}` |" for p, iri in model.prefixes.items())]
    return "\n".join(lines) + "\n"


def _is_evidence(model: Model, prop: Property) -> bool:
    return any(model.classes[c].evidence for c in prop.domain)


def _property_table(props: list[Property]) -> list[str]:
    rows = ["| Property | Kind | Domain → Range | Cardinality | Aligned with | Description |",
            "| --- | --- | --- | --- | --- | --- |"]
    for prop in props:
        values = _union(prop.range)
        if prop.values:
            values += " in " + ", ".join(f'"{v}"' for v in prop.values)
        if prop.pattern:
            values += f" matching `{prop.pattern}`"
        comment = prop.comment.replace("|", "\\|")
        rows.append(f"| `{prop.name}` | {prop.kind} | {_union(prop.domain)} → {values} | "
                    f"{_cardinality(prop)} | {_align(prop.align)} | {comment} |")
    return rows


def _cardinality(prop: Property) -> str:
    most = "1" if prop.functional else "*"
    if not prop.required:
        return f"0..{most}"
    if set(prop.required) == set(prop.domain):
        return f"1..{most}"
    return f"0..{most} (1..{most} on {', '.join(prop.required)})"


def _union(names: tuple[str, ...]) -> str:
    return " \\| ".join(f"`{n}`" for n in names) if names else "—"


def _align(align: tuple[Alignment, ...]) -> str:
    symbol = {"subClassOf": "⊑", "subPropertyOf": "⊑", "equivalentClass": "≡",
              "equivalentProperty": "≡", "subPropertyOfInverse": "⊑ inverse of"}
    return ", ".join(f"{symbol[a.relation]} `{a.curie}`" for a in align) or "—"
