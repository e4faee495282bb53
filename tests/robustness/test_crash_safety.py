"""Crash safety (issue 7): ``kill -9`` during ``build`` leaves every document as it was before or
fully loaded, never half; the next build completes; a second writer is refused clearly while a
build runs, readers are not, and nothing is corrupted.

"Fully loaded" is checked against a reference: the same documents, from the same paths, built
once without interruption. Every named graph of a killed store must equal the reference's graph
of that document, quad for quad (the load time aside)."""

from __future__ import annotations

import os
import random
import shutil
import time
from pathlib import Path

import pytest
from conftest import CORPUS

from .helpers import (
    DOC_GRAPH,
    Watched,
    cli_command,
    document_graphs,
    graphs,
    integrity_problems,
    kill_group,
    leftovers,
    python_command,
    run_cli,
)

# Four documents of the corpus, small to large (the last takes half a second to write).
DOCUMENTS = ["aljazeera_eu_ships_rescue_2015.md", "iom_wikipedia.md", "unhcr_wikipedia.md",
             "frontex_risk_analysis_2016.txt"]
WATCHED_BUILD = Path(__file__).with_name("watched_build.py")

#: How many times each test kills a build (each kill a new child process); more for a long run:
#: ``ROBUSTNESS_KILLS=30 python -m pytest tests/robustness/test_crash_safety.py -s``.
KILLS = int(os.environ.get("ROBUSTNESS_KILLS", "3"))


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[list[Path], Path]:
    """The documents at a fixed path, and the store an uninterrupted build of them makes."""
    root = tmp_path_factory.mktemp("crash")
    paths = []
    for name in DOCUMENTS:
        shutil.copy(CORPUS / name, root / name)
        paths.append(root / name)
    result = run_cli("--store", root / "reference", "build", *paths, timeout=180)
    assert result.code == 0, result.stderr
    return paths, root / "reference"


def assert_whole(store: Path, reference: Path) -> dict:
    """Every document graph of ``store`` equals the reference's graph of that document; what
    the store holds outside document graphs (the shared description of the entities) is a part
    of what the reference holds; nothing is broken. Returns the document graphs."""
    expected, found = graphs(reference), graphs(store)
    for graph, triples in found.items():
        assert graph in expected, f"{graph}: a graph the reference does not have"
        missing, extra = expected[graph] - triples, triples - expected[graph]
        if graph.startswith(DOC_GRAPH):
            assert not missing and not extra, f"{graph}: {len(missing)} triples missing, {len(extra)} extra"
        else:
            assert not extra, f"{graph}: {len(extra)} triples the reference does not have"
    assert integrity_problems(store) == []
    return {g: t for g, t in found.items() if g.startswith(DOC_GRAPH)}


def assert_complete(store: Path, reference: Path) -> None:
    """The store holds exactly what the reference holds (the load times aside)."""
    assert graphs(store) == graphs(reference)


def watched_build(store: Path, paths, *extra) -> Watched:
    return Watched(python_command(str(WATCHED_BUILD), *extra, "--store", str(store), "build", *map(str, paths)))


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_kill_9_after_a_document_leaves_whole_documents_and_the_next_build_completes(corpus, tmp_path, jobs):
    """The real command, killed at a random moment after it reports its first document (with
    ``--jobs 2`` the extraction workers are killed with it: they hold no part of the store)."""
    paths, reference = corpus
    store = tmp_path / "store"
    rng = random.Random(7)
    loaded = 0
    for _ in range(KILLS):
        if loaded == len(paths):
            shutil.rmtree(store)  # start again: every kill must find a document to write
        build = Watched(cli_command("--store", store, "build", "--jobs", jobs, *paths))
        assert build.wait_for("loaded ")
        time.sleep(rng.uniform(0, 0.5))
        build.kill()
        kill_group(build.proc)  # the workers a killed build leaves (see the test below)
        loaded = len(assert_whole(store, reference))
        assert loaded >= 1  # at least the document it reported, whole
    result = run_cli("--store", store, "build", *paths, timeout=180)
    assert result.code == 0, result.stderr
    assert_complete(store, reference)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads the process table from /proc")
def test_no_worker_outlives_a_killed_build(corpus, tmp_path):
    """Regression (issue 7): the extraction workers of ``build --jobs N`` outlived a build killed
    with kill -9, blocked for ever on their task pipe."""
    paths, _ = corpus
    build = Watched(cli_command("--store", tmp_path / "store", "build", "--jobs", "2", *paths))
    try:
        build.wait_for("loaded ")
        build.kill()
        deadline = time.monotonic() + 10
        while leftovers(build.proc) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert not leftovers(build.proc), "worker processes still running"
    finally:
        kill_group(build.proc)


def test_kill_9_inside_a_documents_transaction_leaves_it_out_whole(corpus, tmp_path):
    """Killed right after the announcement that a document's transaction begins (the largest
    takes half a second to write): that document is absent or whole, the earlier ones whole."""
    paths, reference = corpus
    store = tmp_path / "store"
    rng = random.Random(11)
    loaded = inside = 0
    for _ in range(KILLS):
        if loaded == len(paths):
            shutil.rmtree(store)  # start again: every kill must find a document to write
            loaded = 0
        build = watched_build(store, paths)
        if not build.wait_for("writing document", or_end=True):
            break
        time.sleep(rng.uniform(0, 0.3))
        build.kill()
        # announced and not finished: the kill landed inside that document's transaction
        inside += build.seen[-1].startswith("writing document")
        found = assert_whole(store, reference)
        assert len(found) >= loaded  # what the earlier runs loaded is still there, whole
        loaded = len(found)
    if os.environ.get("ROBUSTNESS_KILLS"):
        print(f"\n{KILLS} kills, {inside} inside a document's transaction: every document whole or absent")
    result = run_cli("--store", store, "build", *paths, timeout=180)
    assert result.code == 0, result.stderr
    assert_complete(store, reference)


def _incomplete(store: Path) -> list[str]:
    import gc

    import pyoxigraph as ox

    from actorgraph.graph.store import incomplete_graphs

    s = ox.Store.read_only(str(store))
    try:
        return [str(g) for g in incomplete_graphs(s)]
    finally:
        del s
        gc.collect()


def test_kill_9_while_a_document_is_written_in_parts_leaves_it_out_after_recovery(corpus, tmp_path):
    """Issue 7: a large document is written in parts (one transaction would hold all its quads
    in memory), its graph marked incomplete until the last part is in. Here every document is
    written in parts of 300 quads, and the build is killed at a random moment after its 2nd to
    5th part of a document began: the half-written graph is there, marked; the next query command removes
    it (no build holds the store), leaving the store as before that document: every other
    document whole. The next build completes to exactly the uninterrupted result."""
    paths, reference = corpus
    store = tmp_path / "store"
    rng = random.Random(13)
    loaded = inside = 0
    for kill in range(KILLS):
        if loaded == len(paths):
            shutil.rmtree(store)
            loaded = 0
        build = watched_build(store, paths, "--chunk", "300")
        line = build.wait_for(f"writing part {rng.randint(2, 5)} of document", or_end=True)
        if not line:
            break
        time.sleep(rng.uniform(0, 0.03))
        build.kill()
        # killed before the last part was in: that document's graph is there, half-written, marked
        half = _incomplete(store)
        assert len(half) <= 1, half
        if half:
            assert build.seen[-1].startswith("writing part") or " in parts: " in build.seen[-1], build.seen[-3:]
            inside += 1
        command = ["entities", "documents"][kill % 2]  # a query command, or the list of documents
        reader = run_cli("--store", store, command, "--format", "csv", timeout=60)
        assert reader.code == 0 and reader.stderr == "", reader.stderr
        assert _incomplete(store) == []
        listed = len(reader.stdout.splitlines()) - 1
        if command == "documents":
            assert listed == len(document_graphs(store)), reader.stdout
        found = assert_whole(store, reference)  # (every graph left equals the reference's)
        assert len(found) >= loaded
        loaded = len(found)
    assert inside >= 1 or KILLS == 0, "no kill landed while a document was written in parts"
    if os.environ.get("ROBUSTNESS_KILLS"):
        print(f"\n{KILLS} kills, {inside} while a document was half-written: each removed, the rest whole")
    result = run_cli("--store", store, "build", *paths, timeout=180)
    assert result.code == 0, result.stderr
    assert _incomplete(store) == []
    assert_complete(store, reference)


def test_kill_9_while_a_changed_document_replaces_its_older_version(corpus, tmp_path):
    """A changed document is written beside its older version, which goes only once the new one
    is in: a kill at any point leaves the older whole, the newer whole, or both; the next build
    leaves the newer alone."""
    paths, _ = corpus
    doc = tmp_path / "report.md"
    shutil.copy(paths[1], doc)
    store = tmp_path / "store"
    assert run_cli("--store", store, "build", doc, timeout=120).code == 0
    before = document_graphs(store)
    (older,) = before

    with doc.open("a", encoding="utf-8") as f:
        f.write("\n\nFrontex cooperates with Europol on migrant smuggling cases.\n")
    newer_store = tmp_path / "newer"
    assert run_cli("--store", newer_store, "build", doc, timeout=120).code == 0
    (newer,) = document_graphs(newer_store)

    build = watched_build(store, [doc])
    build.wait_for("writing document")
    time.sleep(0.05)
    build.kill()
    found = document_graphs(store)
    assert found and set(found) <= {older, newer}
    if older in found:
        assert found[older] == before[older]
    if newer in found:
        assert found[newer] == graphs(newer_store)[newer]
    assert integrity_problems(store) == []

    result = run_cli("--store", store, "build", doc, timeout=120)
    assert result.code == 0, result.stderr
    assert_complete(store, newer_store)  # the older version and the entities only it named: gone


def test_a_second_writer_is_refused_while_a_build_runs_readers_are_not(corpus, tmp_path):
    paths, reference = corpus
    store = tmp_path / "store"
    gate = tmp_path / "gate"
    first = watched_build(store, paths, "--pause-after", "1", str(gate))
    first.wait_for("paused")  # the first document is written; the build holds the store

    second = run_cli("--store", store, "build", CORPUS / "emn_2016_conference_report.txt", timeout=60)
    assert second.code == 4, second.stderr
    (message,) = second.stderr.splitlines()
    assert message.startswith(f"actorgraph: error: the store {store} is being written by another")
    reader = run_cli("--store", store, "entities", "--format", "csv", timeout=60)
    assert reader.code == 0 and len(reader.stdout.splitlines()) > 10, reader.stderr

    gate.touch()
    code, stdout, stderr = first.finish(timeout=180)
    assert code == 0 and "loaded 4 document(s)" in stdout, stderr
    assert_complete(store, reference)


# -- output files ----------------------------------------------------------------------------------


@pytest.mark.parametrize("command", [["html", "-o", "{out}.html"], ["export", "-o", "{out}.ttl"]],
                         ids=["html", "export"])
def test_an_output_file_is_replaced_whole_or_left_as_it_was(run, built_store, tmp_path, monkeypatch, command):
    """Output files are written to a temporary file, then renamed: when the rename fails (a full
    disk), the old file is intact, no temporary file is left, and the error is one line."""
    import errno
    import os as os_module

    args = [a.format(out=tmp_path / "out") for a in command]
    target = Path(args[-1])
    assert run("--store", built_store, *args).exit_code == 0
    old = target.read_bytes()
    target.write_bytes(old + b"<!-- the earlier version -->")
    earlier = target.read_bytes()

    def full_disk(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device", str(dst))

    monkeypatch.setattr(os_module, "replace", full_disk)
    result = run("--store", built_store, *args)
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith("actorgraph: error: cannot ") and "No space left on device" in line
    assert target.read_bytes() == earlier
    assert sorted(p.name for p in tmp_path.iterdir()) == [target.name]
