"""Re-deriving the store: read every loaded document again from its source, extract it afresh in
the order it was first loaded, apply the decisions, and only then replace the store's graphs.

This is how a decision that changed extracted facts (a merge, a rejection...) is undone: the
store becomes what the remaining decisions make of the documents, exactly as if the undone
decision had never been made. Nothing is written unless every document could be read again,
unchanged.
"""

from __future__ import annotations

__all__ = ["rebuild"]

from pathlib import Path
from typing import Callable

import pyoxigraph as ox

from actorgraph.curation.apply import ApplyReport, apply_decisions
from actorgraph.curation.graph import quads
from actorgraph.curation.model import CurationError, Decision
from actorgraph.ontology.namespace import PROV

_LOADED = ox.NamedNode(PROV + "generatedAtTime")


def _read_again(doc: dict):
    """The document a store row names, read from its source."""
    from actorgraph.errors import DocumentError
    from actorgraph.loaders import bundled_document, load_path

    source = doc["source"]
    if source.startswith("bundled:"):
        found = bundled_document()
    else:
        try:
            found = load_path(Path(source))
        except DocumentError as exc:
            raise CurationError(f"cannot take the decision back: the document {doc['id']} cannot be read "
                                f"again from {source} ({exc}); put the file back, or remove the document "
                                f"(actorgraph remove {doc['id']})") from None
    if found.sha256 != doc["sha256"]:
        raise CurationError(f"cannot take the decision back: {source} has changed since it was loaded; "
                            f"load the new version first (actorgraph build {source}), then try again")
    return found


def rebuild(location, decisions: list[Decision], *, source: str = "curation.yaml",
            before_write: Callable[[], None] | None = None, say=None) -> ApplyReport:
    """Rebuild the store at ``location`` from its documents' sources and apply ``decisions``.

    ``before_write`` runs once the new graphs are ready and before the store is written (the
    curation file is saved there). Each document keeps the time it was first loaded.
    """
    from actorgraph.curation.session import _with_store

    def work(store) -> ApplyReport:
        from actorgraph.graph.build import BuildReport, load_documents
        from actorgraph.graph.store import documents

        rows = sorted(documents(store, counts=False), key=lambda d: (d["loaded"], d["source"]))
        read = [_read_again(d) for d in rows]
        fresh = ox.Store()  # in memory: the store is not touched until all is ready
        report = BuildReport()
        load_documents(fresh, read, report)
        if report.failed:
            raise CurationError(f"cannot take the decision back: {report.failed[0][1]}")
        applied = apply_decisions(fresh, decisions, source=source)
        if before_write:
            before_write()
        new_graphs = set(fresh.named_graphs())
        for graph in list(store.named_graphs()):
            if graph not in new_graphs:
                store.remove_graph(graph)  # the old curation graph, say
        for graph in sorted(new_graphs, key=lambda g: g.value):
            loaded = quads(store, graph, _LOADED, None, graph)
            new = [q for q in fresh.quads_for_pattern(None, None, None, graph)
                   if not (loaded and q.subject == graph and q.predicate == _LOADED)]
            store.remove_graph(graph)
            store.extend(new + loaded)
        return applied

    return _with_store(location, say, work)
