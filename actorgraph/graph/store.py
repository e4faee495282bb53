"""The persistent store: an Oxigraph (RocksDB) database, one named graph per document.

Writers take RocksDB's own lock (a second writer is refused with a clear message); readers open
the store read-only and may run while a build is writing. Only pyoxigraph is imported here, so
that query commands start fast."""

from __future__ import annotations

import os
from pathlib import Path

import pyoxigraph as ox

from actorgraph.errors import StoreError

ENV_VAR = "ACTORGRAPH_STORE"


def default_store_path() -> Path:
    """Where the store lives unless ``--store`` or ``$ACTORGRAPH_STORE`` says otherwise:
    the per-user data directory (``~/.local/share/actorgraph/store`` on Linux)."""
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("actorgraph", appauthor=False)) / "store"


def store_exists(path: Path) -> bool:
    """True when ``path`` holds an Oxigraph store (it may still hold no document)."""
    return (path / "CURRENT").is_file()


def _check_usable(path: Path) -> None:
    if path.exists() and not path.is_dir():
        raise StoreError(f"store path {path} is a file, not a directory; give --store a directory")
    if path.is_dir() and any(path.iterdir()) and not store_exists(path):
        raise StoreError(
            f"{path} is not empty and is not an actorgraph store; give --store an empty or new directory"
        )


def open_store(path: Path | str, *, read_only: bool = False) -> ox.Store:
    """Open (or, for writing, create) the store at ``path``.

    Raises
    ------
    StoreError
        When the path is not a store, or another process holds the write lock.
    """
    path = Path(path)
    _check_usable(path)
    try:
        if read_only:
            return ox.Store.read_only(str(path))
        path.mkdir(parents=True, exist_ok=True)
        return ox.Store(str(path))
    except OSError as exc:
        text = str(exc)
        if "lock" in text.lower():
            raise StoreError(
                f"the store {path} is being written by another actorgraph process; "
                "wait for it to finish and try again"
            ) from None
        raise StoreError(f"cannot open the store {path}: {text.splitlines()[0]}") from None


def document_graphs(store: ox.Store) -> list[str]:
    """IRIs of the named graphs (one per loaded document)."""
    return sorted(g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode))


def is_empty(store: ox.Store) -> bool:
    return next(iter(store.named_graphs()), None) is None


def ensure_loaded(path: Path, say=lambda message: None) -> None:
    """Query commands on an empty store load the bundled report first (and say so).

    The build modules are imported only when there is something to build."""
    if store_exists(path):
        store = open_store(path, read_only=True)
        empty = is_empty(store)
        del store
        if not empty:
            return
    say(f"actorgraph: the store {path} is empty; loading the bundled EMN 2016 report first")
    from actorgraph.graph.build import build

    build(None, path)
