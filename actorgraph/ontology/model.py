"""The ontology as data: read ``terms.yaml`` into plain, checked Python objects.

Everything generated from the ontology (the OWL Turtle, the SHACL shapes, ``namespace.py`` and
``docs/ontology.md``) starts from the :class:`Model` that :func:`load_model` returns, so the
checks here guard all of them: unknown keys, undeclared parents, domains and ranges that name
no class, alignments to undeclared vocabularies.
"""

from __future__ import annotations

__all__ = ["TERMS_PATH", "Alignment", "Class", "Relation", "Property", "Model", "load_model"]

from dataclasses import dataclass
from pathlib import Path

from actorgraph.yamlfile import safe_load

TERMS_PATH = Path(__file__).with_name("terms.yaml")

_CLASS_KEYS = {"label", "comment", "parent", "core", "evidence", "align"}
_RELATION_KEYS = {"label", "comment", "edge", "parent", "domain", "range", "symmetric",
                  "transitive", "same_kind", "align"}
_PROPERTY_KEYS = {"kind", "label", "comment", "parent", "domain", "range", "functional",
                  "required", "values", "pattern", "minimum", "lessThanOrEquals", "predicates",
                  "align"}
_EXTERNAL_KEYS = {"comment", "domain", "range", "functional", "required", "relation_iri"}
_META_KEYS = ("iri", "base", "prefix", "version", "id_base", "doc_base", "shapes_base", "title",
              "description", "license")
_CLASS_ALIGN = ("equivalentClass", "subClassOf")
_PROPERTY_ALIGN = ("equivalentProperty", "subPropertyOf", "subPropertyOfInverse")


@dataclass(frozen=True)
class Alignment:
    """One link to an external vocabulary: ``relation`` is ``subClassOf``,
    ``equivalentClass``, ``subPropertyOf``, ``equivalentProperty`` or
    ``subPropertyOfInverse``; ``curie`` is the external term (``foaf:Person``)."""

    relation: str
    curie: str


@dataclass(frozen=True)
class Class:
    """An ``owl:Class``. ``core`` marks the six core entity classes, ``evidence`` the
    provenance classes (Document, Sentence, Mention, Statement)."""

    name: str
    label: str
    comment: str
    parent: str | None = None
    core: bool = False
    evidence: bool = False
    align: tuple[Alignment, ...] = ()


@dataclass(frozen=True)
class Relation:
    """An object property between entities, shown as an edge labelled ``edge``."""

    name: str
    label: str
    comment: str
    edge: str
    domain: tuple[str, ...]
    range: tuple[str, ...]
    parent: str | None = None
    symmetric: bool = False
    transitive: bool = False
    same_kind: bool = False
    align: tuple[Alignment, ...] = ()


@dataclass(frozen=True)
class Property:
    """Any other property: ours (``kind`` is ``datatype`` or ``object``) or an external one
    the graph uses (``kind`` is ``external`` and ``name`` a CURIE such as ``rdfs:label``).

    ``range`` holds class names for object properties, one XSD CURIE for datatype properties,
    and for external ones class names, ``("literal",)`` or nothing."""

    name: str
    kind: str
    label: str
    comment: str
    domain: tuple[str, ...]
    range: tuple[str, ...] = ()
    parent: str | None = None
    functional: bool = False
    required: tuple[str, ...] = ()
    values: tuple[str, ...] = ()
    pattern: str | None = None
    minimum: int | None = None
    lessThanOrEquals: str | None = None
    predicates: tuple[str, ...] = ()
    relation_iri: bool = False
    align: tuple[Alignment, ...] = ()


@dataclass(frozen=True)
class Model:
    """The whole ontology, in the order of ``terms.yaml``."""

    meta: dict[str, str]
    prefixes: dict[str, str]
    classes: dict[str, Class]
    relations: dict[str, Relation]
    properties: dict[str, Property]
    external: dict[str, Property]

    @property
    def base(self) -> str:
        return self.meta["base"]

    @property
    def terms(self) -> tuple[str, ...]:
        """Local names of every term of ours: classes, relations, then properties."""
        return (*self.classes, *self.relations, *self.properties)

    @property
    def core_classes(self) -> tuple[str, ...]:
        return tuple(name for name, cls in self.classes.items() if cls.core)

    def iri(self, name: str) -> str:
        """The full IRI of a local name of ours, or of an external CURIE (``foaf:Person``)."""
        if ":" in name:
            prefix, local = name.split(":", 1)
            return self.prefixes[prefix] + local
        return self.base + name

    def ancestors(self, name: str) -> tuple[str, ...]:
        """The class itself, then its parent, up to a class without parent."""
        chain = [name]
        while self.classes[chain[-1]].parent:
            parent = self.classes[chain[-1]].parent
            if parent in chain:
                raise ValueError(f"{name}: the parents of this class form a cycle")
            chain.append(parent)
        return tuple(chain)


def load_model(path: str | Path | None = None) -> Model:
    """Read and check ``terms.yaml``.

    Parameters
    ----------
    path : str or Path, optional
        The ontology file; the one shipped with actorgraph by default.

    Returns
    -------
    Model

    Raises
    ------
    ValueError
        When the file is not a consistent ontology; the message names the term and the key.

    Examples
    --------
    >>> model = load_model()
    >>> model.ancestors("EUAgency")
    ('EUAgency', 'Organisation')
    """
    data = safe_load(Path(path or TERMS_PATH).read_text(encoding="utf-8"))
    _keys("ontology", data.get("ontology") or {}, set(_META_KEYS), _META_KEYS)
    prefixes = dict(data["prefixes"])
    classes = {n: _class(n, spec, prefixes) for n, spec in data["classes"].items()}
    relations = {n: _relation(n, spec, prefixes) for n, spec in data["relations"].items()}
    properties = {n: _property(n, spec, prefixes) for n, spec in data["properties"].items()}
    external = {n: _external(n, spec, prefixes) for n, spec in data.get("external", {}).items()}
    model = Model(dict(data["ontology"]), prefixes, classes, relations, properties, external)
    _check(model)
    return model


def _names(value) -> tuple[str, ...]:
    """A YAML scalar or list as a tuple of strings."""
    if value is None:
        return ()
    return tuple(value) if isinstance(value, list) else (value,)


def _keys(term: str, spec: dict, allowed: set[str], required: tuple[str, ...]) -> None:
    """Every key is known (a typo is an error, not an ignored key) and none is missing."""
    unknown = set(spec) - allowed
    if unknown:
        raise ValueError(f"{term}: unknown key(s) {sorted(unknown)}; allowed: {sorted(allowed)}")
    missing = [key for key in required if not spec.get(key)]
    if missing:
        raise ValueError(f"{term}: missing {', '.join(missing)}")


def _align(term: str, spec: dict, allowed: tuple[str, ...], prefixes: dict) -> tuple:
    align = spec.get("align") or {}
    out = []
    for relation, curies in align.items():
        if relation not in allowed:
            raise ValueError(f"{term}: alignment {relation!r} is not one of {allowed}")
        for curie in _names(curies):
            if curie.split(":", 1)[0] not in prefixes or ":" not in curie:
                raise ValueError(f"{term}: {curie!r} does not use a declared prefix")
            out.append(Alignment(relation, curie))
    return tuple(out)


def _class(name: str, spec: dict, prefixes: dict) -> Class:
    _keys(name, spec, _CLASS_KEYS, ("label", "comment"))
    return Class(name, spec["label"], _text(spec["comment"]), spec.get("parent"),
                 bool(spec.get("core")), bool(spec.get("evidence")),
                 _align(name, spec, _CLASS_ALIGN, prefixes))


def _relation(name: str, spec: dict, prefixes: dict) -> Relation:
    _keys(name, spec, _RELATION_KEYS, ("label", "comment", "edge", "domain", "range"))
    return Relation(name, spec["label"], _text(spec["comment"]), spec["edge"],
                    _names(spec["domain"]), _names(spec["range"]), spec.get("parent"),
                    bool(spec.get("symmetric")), bool(spec.get("transitive")),
                    bool(spec.get("same_kind")), _align(name, spec, _PROPERTY_ALIGN, prefixes))


def _property(name: str, spec: dict, prefixes: dict) -> Property:
    _keys(name, spec, _PROPERTY_KEYS, ("kind", "label", "comment", "domain", "range"))
    if spec.get("kind") not in ("datatype", "object"):
        raise ValueError(f"{name}: kind must be 'datatype' or 'object'")
    return Property(
        name, spec["kind"], spec["label"], _text(spec["comment"]), _names(spec["domain"]),
        _names(spec["range"]), spec.get("parent"), bool(spec.get("functional")),
        _names(spec.get("required")), _names(spec.get("values")), spec.get("pattern"),
        spec.get("minimum"), spec.get("lessThanOrEquals"), _names(spec.get("predicates")),
        False, _align(name, spec, _PROPERTY_ALIGN, prefixes))


def _external(curie: str, spec: dict, prefixes: dict) -> Property:
    _keys(curie, spec, _EXTERNAL_KEYS, ("comment", "domain"))
    if curie.split(":", 1)[0] not in prefixes:
        raise ValueError(f"{curie}: does not use a declared prefix")
    return Property(
        curie, "external", curie, _text(spec["comment"]), _names(spec["domain"]),
        _names(spec.get("range")), functional=bool(spec.get("functional")),
        required=_names(spec.get("required")), relation_iri=bool(spec.get("relation_iri")))


def _text(value: str) -> str:
    """A comment as one line (folded YAML may leave a trailing newline)."""
    return " ".join(str(value).split())


def _check(model: Model) -> None:
    """Cross-reference checks: every name a term uses is declared, and declared once."""
    seen: dict[str, str] = {}
    for section in ("classes", "relations", "properties"):
        for name in getattr(model, section):
            if name in seen:
                raise ValueError(f"{name}: declared in both {seen[name]} and {section}")
            if not name.isidentifier() or name.startswith("_"):
                raise ValueError(f"{name}: a term name must be a Python identifier")
            seen[name] = section
    classes = model.classes
    for cls in classes.values():
        if cls.parent is not None and cls.parent not in classes:
            raise ValueError(f"{cls.name}: parent {cls.parent!r} is not a declared class")
        if cls.core and cls.parent:
            raise ValueError(f"{cls.name}: a core class has no parent")
        model.ancestors(cls.name)  # raises on a cycle
    for rel in model.relations.values():
        _known(rel.name, "domain", rel.domain, classes)
        _known(rel.name, "range", rel.range, classes)
        if rel.parent is not None and rel.parent not in model.relations:
            raise ValueError(f"{rel.name}: parent {rel.parent!r} is not a declared relation")
        if rel.same_kind and set(rel.domain) != set(rel.range):
            raise ValueError(f"{rel.name}: same_kind needs the same classes in domain and range")
    for prop in (*model.properties.values(), *model.external.values()):
        _known(prop.name, "domain", prop.domain, classes)
        _known(prop.name, "required", prop.required, prop.domain)
        _known(prop.name, "predicates", prop.predicates, model.relations)
        if prop.kind == "datatype":
            if len(prop.range) != 1 or not prop.range[0].startswith("xsd:"):
                raise ValueError(f"{prop.name}: a datatype property has one xsd: range")
        elif prop.range != ("literal",):
            _known(prop.name, "range", prop.range, classes)
        if prop.parent is not None and prop.parent not in model.properties:
            raise ValueError(f"{prop.name}: parent {prop.parent!r} is not a declared property")
        if prop.lessThanOrEquals and prop.lessThanOrEquals not in model.properties:
            raise ValueError(f"{prop.name}: lessThanOrEquals names no declared property")


def _known(term: str, key: str, names: tuple[str, ...], declared) -> None:
    for name in names:
        if name not in declared:
            raise ValueError(f"{term}: {key} {name!r} is not declared")
