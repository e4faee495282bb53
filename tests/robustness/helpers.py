"""Running the real command line in a child process, with a time limit and its peak memory, and
reading a store back to compare it with another."""

from __future__ import annotations

import hashlib
import os
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

#: What no command may use, whatever the document (the machine has 24 GiB; a user's may have 4).
MEMORY_LIMIT = 2 * 2**30


@dataclass
class Finished:
    """A child process that ended: exit code, output, peak resident memory (bytes), seconds."""

    code: int
    stdout: str
    stderr: str
    peak_rss: int
    seconds: float

    def lines(self) -> list[str]:
        return self.stderr.splitlines()


class Hung(AssertionError):
    pass


def kill_group(proc: subprocess.Popen, sig: int = signal.SIGKILL) -> None:
    """Send ``sig`` to the process and to every process of its session (extraction workers)."""
    try:
        os.killpg(proc.pid, sig)
    except ProcessLookupError:
        pass


def leftovers(proc: subprocess.Popen) -> list[int]:
    """Processes still alive in the session ``proc`` started (Linux: read from /proc)."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[3]) == proc.pid and fields[0] != "Z":  # session id, state
                found.append(int(entry.name))
    return found


def python_command(*args: str) -> list[str]:
    return [sys.executable, *args]


def cli_command(*args) -> list[str]:
    return python_command("-m", "actorgraph", *map(str, args))


def start(command: list[str], stdout, stderr, env: dict | None = None) -> subprocess.Popen:
    # unbuffered: a line read from stderr is never left waiting in a buffer that select()
    # does not see
    full_env = {**os.environ, "PYTHONUNBUFFERED": "1", **(env or {})}
    full_env.pop("ACTORGRAPH_STORE", None)
    full_env.pop("ACTORGRAPH_JOBS", None)
    # in a session of its own: a test can end it and every process it started (killpg); with
    # Ctrl-C handled as by default: a test run started in the background by a shell without job
    # control (as CI may be) has SIGINT ignored, and a child would inherit that
    return subprocess.Popen(command, stdout=stdout, stderr=stderr, cwd=ROOT, env=full_env, bufsize=0,
                            start_new_session=True, preexec_fn=_default_sigint)


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def wait(proc: subprocess.Popen, timeout: float, started: float | None = None) -> tuple[int, int]:
    """Wait for ``proc`` (at most ``timeout`` seconds, else kill it and raise :class:`Hung`);
    return its exit code (negative: killed by that signal) and its peak RSS in bytes, which
    ``os.wait4`` reports for this one child (``getrusage(RUSAGE_CHILDREN)`` would give the
    largest of every child the test run ever had)."""
    deadline = (started or time.monotonic()) + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.monotonic() > deadline:
            kill_group(proc)
            os.wait4(proc.pid, 0)
            proc.returncode = -9
            raise Hung(f"{' '.join(map(str, proc.args))[:300]} did not finish in {timeout:.0f} s")
        time.sleep(0.02)
    code = os.waitstatus_to_exitcode(status)
    proc.returncode = code
    scale = 1 if sys.platform == "darwin" else 1024  # ru_maxrss: bytes on macOS, KiB on Linux
    return code, usage.ru_maxrss * scale


def run(command: list[str], timeout: float = 120, env: dict | None = None) -> Finished:
    """Run a command to its end, its output in temporary files (no pipe to fill and block)."""
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        began = time.monotonic()
        proc = start(command, out, err, env)
        try:
            code, rss = wait(proc, timeout, began)
        except Hung as exc:
            err.seek(0)
            tail = err.read().decode("utf-8", "replace")[-2000:]
            raise Hung(f"{exc}; its stderr ended with:\n{tail}") from None
        out.seek(0)
        err.seek(0)
        return Finished(code, out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace"),
                        rss, time.monotonic() - began)


def run_cli(*args, timeout: float = 120, env: dict | None = None) -> Finished:
    """``actorgraph ARGS...`` in a child process."""
    return run(cli_command(*args), timeout, env)


class Watched:
    """A child process whose stderr is read line by line as it comes (to act at a given line:
    kill it after its first document, start a second writer while it waits)."""

    def __init__(self, command: list[str], env: dict | None = None):
        self.began = time.monotonic()
        self.out = tempfile.TemporaryFile()
        self.proc = start(command, self.out, subprocess.PIPE, env)
        self.seen: list[str] = []
        self.peak_rss = 0  # bytes, once finished

    def wait_for(self, text: str, timeout: float = 60, or_end: bool = False) -> str:
        """Block until a stderr line containing ``text`` arrives; return it (with ``or_end``,
        return "" if the process ends first)."""
        deadline = time.monotonic() + timeout
        import selectors

        sel = selectors.DefaultSelector()
        sel.register(self.proc.stderr, selectors.EVENT_READ)
        try:
            while time.monotonic() < deadline:
                if not sel.select(timeout=0.2):
                    if self.exited():  # ended, its pipe perhaps held open by a worker it forked
                        if or_end:
                            return ""
                        break
                    continue
                line = self.proc.stderr.readline().decode("utf-8", "replace")
                if not line:  # the process ended
                    if or_end:
                        return ""
                    break
                self.seen.append(line.rstrip("\n"))
                if text in line:
                    return line
        finally:
            sel.close()
        raise AssertionError(f"no line with {text!r} on stderr; got: {self.seen[-20:]}")

    def exited(self) -> bool:
        """Has the process ended? (Asked without reaping it: :meth:`finish` still can.)"""
        return os.waitid(os.P_PID, self.proc.pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None

    def kill(self, sig: int = signal.SIGKILL, group: bool = False) -> int:
        """Send ``sig`` to the process (with ``group``, to every process it started too); return
        the exit code (``-9`` for SIGKILL)."""
        if group:
            kill_group(self.proc, sig)
        else:
            os.kill(self.proc.pid, sig)  # (not Popen.send_signal: it reaps an ended process)
        return self.finish(60)[0]

    def finish(self, timeout: float = 120) -> tuple[int, str, str]:
        """Wait for the exit (reading stderr meanwhile); return code, stdout, all of stderr.

        The end of stderr is not awaited once the process has exited: a worker process it
        forked may hold the pipe open (see ``test_no_worker_outlives_a_killed_build``)."""
        import selectors

        deadline = time.monotonic() + timeout
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stderr, selectors.EVENT_READ)
        rest = b""
        status = usage = None
        try:
            while status is None:
                if time.monotonic() > deadline:
                    kill_group(self.proc)
                    _, status, usage = os.wait4(self.proc.pid, 0)
                    raise Hung(f"{' '.join(map(str, self.proc.args))[:300]} did not finish in {timeout:.0f} s")
                if sel.select(timeout=0.1):
                    chunk = self.proc.stderr.read(65536)
                    if chunk:
                        rest += chunk
                        continue
                pid, st, us = os.wait4(self.proc.pid, os.WNOHANG)
                if pid:
                    status, usage = st, us
            while sel.select(timeout=0):  # what it wrote before it ended
                chunk = self.proc.stderr.read(65536)
                if not chunk:
                    break
                rest += chunk
        finally:
            sel.close()
            self.proc.stderr.close()
            self.seen.extend(rest.decode("utf-8", "replace").splitlines())
        code = os.waitstatus_to_exitcode(status)
        self.proc.returncode = code
        self.peak_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        self.out.seek(0)
        stdout = self.out.read().decode("utf-8", "replace")
        self.out.close()
        return code, stdout, "\n".join(self.seen)


# -- reading a store back -----------------------------------------------------------------------

_GENERATED = "http://www.w3.org/ns/prov#generatedAtTime"


DOC_GRAPH = "<https://w3id.org/actorgraph/doc/"


def document_graphs(store_path: Path) -> dict[str, frozenset[tuple[str, str, str]]]:
    """The graphs of :func:`graphs` that hold one document each."""
    return {g: t for g, t in graphs(store_path).items() if g.startswith(DOC_GRAPH)}


def graphs(store_path: Path) -> dict[str, frozenset[tuple[str, str, str]]]:
    """Every named graph of a store as a set of (subject, predicate, object) in N-Triples
    form, without the load time (which differs between two builds of the same documents)."""
    import gc

    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    try:
        found: dict[str, set] = {}
        for q in store:
            if q.predicate.value == _GENERATED:
                continue
            found.setdefault(str(q.graph_name), set()).add((str(q.subject), str(q.predicate), str(q.object)))
        return {g: frozenset(t) for g, t in found.items()}
    finally:
        del store
        gc.collect()


def digest(store_path: Path) -> str:
    """A hash of every quad of a store (load times included): equal digests, unchanged store."""
    import gc

    import pyoxigraph as ox

    store = ox.Store.read_only(str(store_path))
    try:
        lines = sorted(str(q) for q in store)
    finally:
        del store
        gc.collect()
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


#: What every document graph must hold, whatever happened to the build that wrote it: each
#: query gives the nodes that break one rule. A document's facts and evidence are in its own
#: graph; the entities' names may be in a graph shared by all documents.
_INTEGRITY = {
    "a statement without its subject, predicate, object or sentence": """
        SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a ag:Statement .
          FILTER NOT EXISTS { ?x rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; ag:sentence ?t } } }""",
    "a statement whose subject or object has no label": """
        SELECT DISTINCT ?x WHERE { GRAPH ?g { ?x a ag:Statement ; rdf:subject ?s ; rdf:object ?o }
          FILTER (NOT EXISTS { GRAPH ?h { ?s rdfs:label ?a } } || NOT EXISTS { GRAPH ?i { ?o rdfs:label ?b } }) }""",
    "a sentence without its text and offsets": """
        SELECT DISTINCT ?t WHERE { GRAPH ?g { ?x ag:sentence ?t .
          FILTER NOT EXISTS { ?t ag:text ?text ; ag:start ?a ; ag:end ?b } } }""",
    "a mention without its entity": """
        SELECT DISTINCT ?m WHERE { GRAPH ?g { ?m a ag:Mention }
          FILTER NOT EXISTS { GRAPH ?g { ?m ag:mentionOf ?e } GRAPH ?h { ?e rdfs:label ?l } } }""",
    "a graph without its document": """
        SELECT DISTINCT ?g WHERE { GRAPH ?g { ?x ?p ?y }
          FILTER (STRSTARTS(STR(?g), "https://w3id.org/actorgraph/doc/"))
          FILTER NOT EXISTS { GRAPH ?g { ?g a ag:Document ; ag:sha256 ?h ; ag:text ?text } } }""",
}


def integrity_problems(store_path: Path) -> list[str]:
    """The broken pieces of a store (empty when every document graph is whole)."""
    import gc

    import pyoxigraph as ox

    prefixes = {"ag": "https://w3id.org/actorgraph/ontology#",
                "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
                "rdfs": "http://www.w3.org/2000/01/rdf-schema#"}
    store = ox.Store.read_only(str(store_path))
    try:
        problems = []
        for what, query in _INTEGRITY.items():
            for row in store.query(query, prefixes=prefixes):
                problems.append(f"{what}: {row[0]}")
        # the relation digests go with their statements, in the same transaction (issue 5)
        from actorgraph.graph import digest

        problems.extend(f"relation digests not those of its statements: {g}" for g in digest.stale_graphs(store))
        return problems
    finally:
        del store
        gc.collect()
