"""The interactive network: one self-contained HTML page of the actors and initiatives, with a
legend, filters, a search box and the evidence of every relation.

The page is drawn with vis-network (the library pyvis wraps; its licence is beside it in
``assets/vis-network/``), inlined with the page's own script, style and data, so that the one
file works from ``file://`` on a machine with no network. See ``docs/html.md``.

Examples
--------
>>> from actorgraph.graph.view import Edge, Evidence, GraphData, Node
>>> ev = Evidence("Europol works with Frontex.", "urn:doc", "report.txt", "Report", 0, 27, "r")
>>> data = GraphData({"e": Node("e", "Europol", "Organisation"), "f": Node("f", "Frontex", "Organisation")},
...                  [Edge("e", "f", "cooperatesWith", "actual", [ev])])
>>> page = html_page(data)
>>> page.entities, page.relations
(2, 1)
>>> page.text.startswith("<!DOCTYPE html>")
True
"""

from __future__ import annotations

__all__ = [
    "View",
    "Page",
    "GraphTooLarge",
    "EmptyView",
    "MAX_NODES",
    "MAX_EDGES",
    "select_view",
    "html_page",
    "store_page",
    "write_page",
    "entity_documents",
]

import os
import tempfile
from dataclasses import dataclass
from pathlib import Path

from actorgraph.errors import ActorGraphError
from actorgraph.exports.html.select import View, select_view
from actorgraph.graph.view import GraphData

#: The largest page written (see docs/html.md for the measurements behind these numbers):
#: beyond them a browser tab takes too long to lay out, or runs out of memory.
MAX_NODES = 20_000
MAX_EDGES = 100_000


class GraphTooLarge(ActorGraphError):
    """The view holds more than a browser can draw; the message suggests a focus view."""


class EmptyView(ActorGraphError):
    """The view's options leave nothing to draw."""


@dataclass
class Page:
    text: str
    entities: int
    relations: int


def html_page(
    data: GraphData,
    view: View | None = None,
    mentions: dict[str, set[str]] | None = None,
    titles: dict[str, tuple[str, str]] | None = None,
    title: str = "actorgraph network",
) -> Page:
    """The page for ``data`` (already selected: see :func:`select_view`).

    Raises
    ------
    GraphTooLarge
        Over :data:`MAX_NODES` entities or :data:`MAX_EDGES` relations.
    """
    from actorgraph.exports.html.network import page_data
    from actorgraph.exports.html.page import render_page

    n, m = len(data.nodes), len(data.edges)
    if n > MAX_NODES or m > MAX_EDGES:
        raise GraphTooLarge(
            f"the view holds {n:,} entities and {m:,} relations, more than a browser can draw "
            f"(at most {MAX_NODES:,} entities and {MAX_EDGES:,} relations); draw part of it, "
            "e.g. --focus NAME --depth 2, --type Organisation,Initiative or --min-degree 3"
        )
    pd = page_data(data, mentions, titles)
    docs = len(pd.documents)
    subtitle = f"{n} entities, {m} relations from {docs} document{'s' if docs != 1 else ''}"
    if view is not None and view.describe():
        subtitle += " \u2014 " + view.describe()
    return Page(render_page(pd.as_json(), title, subtitle), n, m)


_MENTIONS = """
SELECT DISTINCT ?e ?doc ?title ?source WHERE {
  ?m ag:mentionOf ?e ; ag:inDocument ?doc .
  ?doc ag:sourcePath ?source .
  OPTIONAL { ?doc dcterms:title ?title }
}"""


def entity_documents(store) -> tuple[dict[str, set[str]], dict[str, tuple[str, str]]]:
    """Entity IRI -> the documents that mention it; document IRI -> ``(title, source)``."""
    from actorgraph.graph.queries import PREFIXES

    mentions: dict[str, set[str]] = {}
    titles: dict[str, tuple[str, str]] = {}
    for r in store.query(_MENTIONS, prefixes=PREFIXES, use_default_graph_as_union=True):
        doc = r["doc"].value
        mentions.setdefault(r["e"].value, set()).add(doc)
        titles[doc] = (r["title"].value if r["title"] is not None else "", r["source"].value)
    return mentions, titles


def store_page(store, view: View | None = None, focus_name: str | None = None) -> Page:
    """The page for the entities and relations of ``store`` that ``view`` selects.

    ``focus_name`` (a label or alias) is resolved with
    :func:`~actorgraph.graph.queries.find_entity` and becomes ``view.focus``.

    Raises
    ------
    UnknownEntity
        ``focus_name`` names no entity (the message lists the closest names).
    EmptyView
        The options leave no entity.
    GraphTooLarge
        The view is too large for a browser.
    """
    from actorgraph.graph import queries
    from actorgraph.graph.view import graph_data

    view = view or View()
    if focus_name:
        entity = queries.find_entity(store, focus_name)
        view.focus, view.focus_label = entity["id"], entity["label"]
    selected = select_view(graph_data(store, curated=view.curated), view)
    if not selected.nodes:
        raise EmptyView(
            f"nothing to draw: no entity is left with {view.describe() or 'these options'}; "
            "loosen --type, --relation or --min-degree"
        )
    mentions, titles = entity_documents(store)
    return html_page(selected, view, mentions, titles)


def write_page(page: Page, path: Path | str) -> Path:
    """Write the page atomically (a temporary file in the same directory, then a rename)."""
    path = Path(path)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except OSError as exc:
        raise ActorGraphError(
            f"cannot write {path}: {exc.strerror}; choose another file with -o"
        ) from None
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as out:
            out.write(page.text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ActorGraphError(
            f"cannot write {path}: {exc.strerror}; choose another file with -o"
        ) from None
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path
