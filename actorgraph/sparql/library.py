"""The named queries shipped with actorgraph: one ``.rq`` file each in ``library/``.

A named query is plain SPARQL, runnable as it is anywhere (every prefix is declared), with a
header comment that names it, says what it answers and declares its parameters::

    # name: cooperation
    # description: Who cooperates with an actor ...
    # param: actor (entity) the organisation, person or initiative, by label or alias
    # param: modality (actual|proposed, optional) only actual or only proposed cooperation
    # example: actor=Europol

A parameter is a variable of the query. Its kind, in brackets, says how a value given on the
command line becomes an RDF term: ``entity`` (any entity) or a core class (``Person``,
``Organisation``, ``Initiative``, ``Route``, ``Place``, ``Event``) is a name, resolved like
everywhere in the CLI (label or alias, any case, with or without accents); ``relation`` is one
of the ontology's relations; ``text`` is a string; ``a|b`` is one of the listed strings.
Values are bound with pyoxigraph ``substitutions``, never pasted into the query text, so a value
is always data (a query whose header says ``# bind: values`` gets them as a ``VALUES`` block of
terms written by pyoxigraph: :meth:`NamedQuery.bound`). A parameter left out (``optional``)
matches anything.

Examples
--------
>>> [q.name for q in named_queries()][:3]
['cooperation', 'country-initiatives', 'evidence']
>>> get("cooperation").params[0]
Param(name='actor', kind='entity', optional=False, help='the organisation, person or initiative, by label or alias')
"""

from __future__ import annotations

__all__ = ["LIBRARY", "NamedQuery", "Param", "bind", "get", "named_queries", "parse_params"]

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import ActorGraphError, UnknownEntity

LIBRARY = Path(__file__).parent / "library"
_CORE = ("Person", "Organisation", "Initiative", "Route", "Place", "Event")
_HEADER = re.compile(r"^#\s*(name|description|param|example|bind):\s?(.*)$")
_PARAM = re.compile(r"^(\w+)\s+\(([^)]*)\)\s*(.*)$")


class UnknownQuery(ActorGraphError):
    """No named query has that name."""


class BadParameter(ActorGraphError):
    """A ``--param`` that the named query does not take, or a value it cannot use."""

    exit_code = 2


@dataclass(frozen=True)
class Param:
    name: str
    kind: str  # entity, a core class, relation, text, or choices "a|b"
    optional: bool = False
    help: str = ""

    @property
    def choices(self) -> list[str]:
        return self.kind.split("|") if "|" in self.kind else []


@dataclass(frozen=True)
class NamedQuery:
    name: str
    description: str
    params: tuple[Param, ...]
    text: str
    path: Path
    example: dict[str, str] = field(default_factory=dict)
    bind: str = "substitutions"  # or "values": see :meth:`bound`

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)

    def bound(self, substitutions: dict) -> tuple[str, dict | None]:
        """The text to run and the substitutions to give pyoxigraph. A query whose header says
        ``# bind: values`` gets its bound values as a ``VALUES`` block at the start of its WHERE
        clause instead (each term written by pyoxigraph, never the user's text): Oxigraph's
        planner sees a VALUES block and not a substitution, and some shapes need it to start
        from the bound entity (``session-people`` with a person: 63 ms to 1 ms at 1,000
        reports), while others run slower with it (docs/performance.md)."""
        if self.bind != "values" or not substitutions:
            return self.text, substitutions or None
        from actorgraph.graph.remote import bind_values

        return bind_values(self.text, substitutions), None

    def signature(self) -> str:
        """``actor=NAME [modality=actual|proposed]``, for listings."""
        parts = []
        for p in self.params:
            value = p.kind if p.choices else ("NAME" if p.kind == "entity" or p.kind in _CORE else p.kind.upper())
            parts.append(f"[{p.name}={value}]" if p.optional else f"{p.name}={value}")
        return " ".join(parts)


def _parse(path: Path) -> NamedQuery:
    text = path.read_text(encoding="utf-8")
    meta: dict[str, str] = {}
    params: list[Param] = []
    example: dict[str, str] = {}
    for line in text.splitlines():
        m = _HEADER.match(line)
        if not m:
            if line.startswith("#"):
                continue
            break
        key, value = m.group(1), m.group(2).strip()
        if key == "param":
            pm = _PARAM.match(value)
            if not pm:
                raise ValueError(f"{path.name}: cannot read the parameter line '{value}'")
            flags = [f.strip() for f in pm.group(2).split(",")]
            params.append(Param(pm.group(1), flags[0], "optional" in flags[1:], pm.group(3)))
        elif key == "example":
            example = dict(re.findall(r"(\w+)=((?:(?!\s\w+=).)+)", value))
        else:
            meta[key] = value
    if meta.get("name") != path.stem:
        raise ValueError(f"{path.name}: the header must say '# name: {path.stem}'")
    variables = set(re.findall(r"[?$](\w+)", text))
    for p in params:
        if p.name not in variables:
            raise ValueError(f"{path.name}: parameter {p.name} is not a variable of the query")
    bind = meta.get("bind", "substitutions")
    if bind not in ("substitutions", "values"):
        raise ValueError(f"{path.name}: '# bind:' is 'substitutions' or 'values', not '{bind}'")
    return NamedQuery(path.stem, meta.get("description", ""), tuple(params), text, path, example, bind)


@lru_cache(maxsize=1)
def named_queries() -> tuple[NamedQuery, ...]:
    """Every named query, sorted by name."""
    return tuple(_parse(p) for p in sorted(LIBRARY.glob("*.rq")))


def get(name: str) -> NamedQuery:
    """The named query ``name``.

    Raises
    ------
    UnknownQuery
        With the names of the queries there are.
    """
    for q in named_queries():
        if q.name == name:
            return q
    known = ", ".join(q.name for q in named_queries())
    raise UnknownQuery(f"no named query '{name}'; the named queries are: {known} (see 'actorgraph queries')")


def parse_params(pairs: list[str] | tuple[str, ...]) -> dict[str, str]:
    """``["actor=Europol", "modality=actual"]`` -> a dict (the value may hold ``=``)."""
    values: dict[str, str] = {}
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise BadParameter(f"--param takes NAME=VALUE, not '{pair}'")
        values[name.strip()] = value
    return values


def _entity(store: ox.Store, value: str, kind: str, name: str) -> ox.NamedNode:
    from actorgraph.graph.queries import find_entity

    try:
        entity = find_entity(store, value)
    except UnknownEntity as exc:
        raise UnknownEntity(f"--param {name}: {exc}") from None
    if kind in _CORE and entity["type"] != kind:
        raise BadParameter(f"--param {name}: '{entity['label']}' is {_article(entity['type'])} "
                           f"{entity['type']}, not {_article(kind)} {kind}")
    return ox.NamedNode(entity["id"])


def _article(word: str) -> str:
    return "an" if word[:1].lower() in "aeiou" else "a"


def bind(store: ox.Store, query: NamedQuery, values: dict[str, str]) -> dict[ox.Variable, object]:
    """The substitutions for ``values`` (parameter name -> the text the user gave).

    Raises
    ------
    BadParameter
        For a parameter the query does not take, a missing required one, or a bad choice.
    UnknownEntity
        For a name that matches no entity (with the closest names).
    """
    from actorgraph.ontology import BASE, RELATIONS

    unknown = [k for k in values if query.param(k) is None]
    if unknown:
        takes = ", ".join(p.name for p in query.params) or "no parameters"
        raise BadParameter(f"'{query.name}' has no parameter {', '.join(unknown)}; it takes: {takes}")
    missing = [p.name for p in query.params if not p.optional and not values.get(p.name)]
    if missing:
        raise BadParameter(f"'{query.name}' needs --param {' --param '.join(m + '=...' for m in missing)}")
    subs: dict[ox.Variable, object] = {}
    for p in query.params:
        value = values.get(p.name)
        if value is None or value == "":
            continue
        if p.kind == "entity" or p.kind in _CORE:
            term = _entity(store, value, p.kind, p.name)
        elif p.kind == "relation":
            if value not in RELATIONS:
                raise BadParameter(f"--param {p.name}: unknown relation '{value}'; "
                                   f"choose from {', '.join(sorted(RELATIONS))}")
            term = ox.NamedNode(BASE + value)
        elif p.choices:
            if value not in p.choices:
                raise BadParameter(f"--param {p.name}: '{value}' is not one of {', '.join(p.choices)}")
            term = ox.Literal(value)
        else:
            term = ox.Literal(value)
        subs[ox.Variable(p.name)] = term
    return subs


def run_named(store: ox.Store, name: str, values: dict[str, str]):
    """Run the named query ``name`` with ``values`` bound; pyoxigraph's result."""
    from actorgraph.sparql.run import run_query

    query = get(name)
    return run_query(store, query.text, bind(store, query, values))


def standalone_text(query: NamedQuery, bindings: dict[str, str]) -> str:
    """The query with ``bindings`` (parameter -> IRI or literal, in SPARQL syntax) given by a
    ``VALUES`` block at the start of its ``WHERE`` clause: what the docs show, runnable in any
    SPARQL client. (The CLI binds with substitutions instead, unless the header says
    ``# bind: values``.)"""
    body = "\n".join(line for line in query.text.splitlines() if not _HEADER.match(line))
    if not bindings:
        return body.strip() + "\n"
    names = " ".join(f"?{k}" for k in bindings)
    values = " ".join(bindings.values())
    block = f"  VALUES ({names}) {{ ({values}) }}"
    m = re.search(r"WHERE\s*\{[^\n]*\n", body)
    if m is None:
        raise ValueError(f"{query.name}: no 'WHERE {{' line")
    return (body[: m.end()] + block + "\n" + body[m.end():]).strip() + "\n"
