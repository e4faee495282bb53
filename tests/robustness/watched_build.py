"""``actorgraph ARGS...`` with its store's writes announced on stderr, for the crash tests.

    python tests/robustness/watched_build.py [--chunk Q] [--pause-after N GATE] --store S build DOCS...

The real command runs (``actorgraph.cli.main``); only the store the build opens is wrapped so
that each document's transaction is announced before it starts ("writing document 2: 11653
quads") and after it ends ("written document 2"). A test kills the process right after
"writing" to land inside the transaction. A document written in parts (more than
``CHUNK_QUADS`` quads; ``--chunk Q`` sets it, so that small documents are written in parts of
Q quads) is announced part by part ("writing document 2 in parts: part 1, 3001 quads",
"writing part 2 of document 2: 3000 quads", ...), and "written document 2" once its
incomplete marker is gone. With ``--pause-after N GATE`` the build waits after its N-th
document until the file GATE exists, holding the store's lock meanwhile (to start a second
writer against it)."""

from __future__ import annotations

import sys
import time
from pathlib import Path


class AnnouncedStore:
    """The store, with ``extend`` (one document's transaction) announced on stderr."""

    def __init__(self, store, pause_after: int = 0, gate: Path | None = None):
        self._store = store
        self._writes = 0
        self._pause_after = pause_after
        self._gate = gate

    def __getattr__(self, name):
        return getattr(self._store, name)

    _part = 0  # the part of a document written in parts, 0 for a document in one transaction

    def extend(self, quads) -> None:
        from actorgraph.graph.store import INCOMPLETE

        quads = list(quads)
        if self._part:
            self._part += 1
            print(f"writing part {self._part} of document {self._writes}: {len(quads)} quads", file=sys.stderr,
                  flush=True)
            self._store.extend(quads)
            return
        self._writes += 1
        if any(q.predicate.value == INCOMPLETE for q in quads):
            self._part = 1
            print(f"writing document {self._writes} in parts: part 1, {len(quads)} quads", file=sys.stderr,
                  flush=True)
            self._store.extend(quads)
            return
        print(f"writing document {self._writes}: {len(quads)} quads", file=sys.stderr, flush=True)
        self._store.extend(quads)
        self._written()

    def update(self, text: str, *args, **kwargs) -> None:
        from actorgraph.graph.store import INCOMPLETE

        self._store.update(text, *args, **kwargs)
        if self._part and INCOMPLETE in text:  # the marker removed: the document is complete
            self._part = 0
            self._written()

    def _written(self) -> None:
        print(f"written document {self._writes}", file=sys.stderr, flush=True)
        if self._writes == self._pause_after and self._gate is not None:
            print("paused", file=sys.stderr, flush=True)
            deadline = time.monotonic() + 120
            while not self._gate.exists() and time.monotonic() < deadline:
                time.sleep(0.05)


def main(argv: list[str]) -> None:
    import actorgraph.graph.build as build_module
    from actorgraph.cli import main as cli_main

    pause_after, gate = 0, None
    if argv[:1] == ["--chunk"]:
        build_module.CHUNK_QUADS, argv = int(argv[1]), argv[2:]
    if argv[:1] == ["--pause-after"]:
        pause_after, gate, argv = int(argv[1]), Path(argv[2]), argv[3:]

    real_open = build_module.open_store
    build_module.open_store = lambda *a, **k: AnnouncedStore(real_open(*a, **k), pause_after, gate)
    cli_main(argv)


if __name__ == "__main__":
    main(sys.argv[1:])
