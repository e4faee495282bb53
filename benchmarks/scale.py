"""Corpus scale: build, store and query figures over a generated corpus, with baselines measured
in the same run (issue 5). Not part of the test suite.

For each size (reports of about 900 words, written by ``benchmarks/corpus.py``):

* extraction throughput: words per second of reading + extraction on one core, in process;
* build: ``actorgraph build -q`` as a new process, wall time and peak memory (the process and
  its workers), with one extraction process and, up to ``--compare-jobs-max``, one per core;
* the store: quads, size on disk;
* every shipped query in process on the read-only store (p50 of repeated runs, each query in a
  process of its own with a time limit): find an entity, the one-hop cooperation query with
  evidence for Europol (the most connected entity) and for a typical entity (the median
  cooperation degree), the first 20 rows of Europol's, show, entities, relations, documents,
  the graph view, a two-hop query, and every named query of ``actorgraph/sparql/library``;
* beside them, the same queries in other shapes: the UNION regression pair (the shipped query,
  whose UNION branches carry the whole bound pattern, against the same patterns joined after a
  UNION of the endpoints only), and other shapes (the entity in the query text, pasted or as a
  VALUES block, instead of bound by ``substitutions``);
* the one-hop query over a sample of entities, from the least to the most connected (21 at evenly
  spaced ranks of cooperation degree): the p50 over the sample, entity by entity;
* the baseline: the same query text on rdflib's in-memory store loaded with the same quads, for
  Europol, the typical entity and the same sample;
* ``actorgraph cooperates Europol`` from a cold process against the floor (a minimal Python
  script that opens the store read-only and runs the same query), ``actorgraph --help``;
* ``actorgraph html`` (the page of the whole network).

Every figure carries the machine's load average when it was taken.

    python benchmarks/scale.py                       # 10, 100 and 1,000 reports
    python benchmarks/scale.py --sizes 10,100        # a quick run
    python benchmarks/scale.py --large               # adds 10,000 reports (about 9 M words)
    python benchmarks/scale.py --json results.json   # the figures as JSON too
    python benchmarks/scale.py --sizes 10000 --work DIR --reuse   # the queries of a store built before

Timings vary with the machine's load: compare figures of one run (the ratios), not runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from corpus import write_corpus  # noqa: E402

PYTHON = sys.executable
ENTITY = "https://w3id.org/actorgraph/id/organisation/europol"

_TWO_HOP = """
SELECT DISTINCT ?x ?second WHERE {
  ?x ag:cooperatesWith ?first . ?first ag:cooperatesWith ?second . FILTER(?second != ?x)
}"""

# The same two hops, each first-hop partner once: the direct relation triples are written in every
# document graph that states them, and the union of the graphs repeats them (a bag), so the naive
# shape above joins every copy of the first hop with every copy of the second.
_TWO_HOP_DISTINCT = """
SELECT DISTINCT ?x ?second WHERE {
  { SELECT DISTINCT ?x ?first WHERE { ?x ag:cooperatesWith ?first } }
  ?first ag:cooperatesWith ?second . FILTER(?second != ?x)
}"""

# The pieces of the shipped one-hop query, joined outside the UNION instead of inside each
# branch (the slow shape of issue 5): the same rows as the shipped query, another plan.
_UNION_OUTSIDE = """
SELECT DISTINCT ?x ?st ?partner ?plabel ?pcore ?modality ?text ?source ?start ?end ?rule WHERE {
  { ?st rdf:subject ?x ; rdf:object ?partner } UNION { ?st rdf:object ?x ; rdf:subject ?partner }
  ?st rdf:predicate ag:cooperatesWith ; ag:inDocument ?doc ; ag:start ?start ; ag:end ?end ; ag:rule ?rule .
  ?doc ag:sourcePath ?source .
  ?partner rdfs:label ?plabel ; a ?pcore . FILTER(?pcore IN (%s))
  ?st ag:sentence ?sentence . ?sentence ag:text ?text .
  OPTIONAL { ?st ag:modality ?modality }
} ORDER BY LCASE(?plabel) ?source ?start"""


def shipped_cooperation() -> str:
    """The text of the one-hop query ``actorgraph cooperates`` runs (with every statement:
    curated ones included, as by default)."""
    from actorgraph.graph import queries as q

    text = q._COOPERATION
    if "%(curated)s" in text:
        text = text % {"curated": q.curated_filter("include") if hasattr(q, "curated_filter") else ""}
    return text


def pasted_iri(text: str, iri: str) -> str:
    """The same query with the entity's IRI written into the patterns (the planner sees a
    constant) instead of bound by ``substitutions``. The IRI is pyoxigraph's validated N-Triples
    form of a term read from the store, never user text."""
    import pyoxigraph as ox

    head, body = text.split("WHERE", 1)
    return head + "WHERE" + body.replace("?x ", str(ox.NamedNode(iri)) + " ")


def values_block(text: str, iri: str) -> str:
    """The same query with the entity given by a ``VALUES`` block at the start of the ``WHERE``
    clause (as docs/queries.md shows the named queries, and as the remote store sends bound
    values): the planner sees the binding."""
    import pyoxigraph as ox

    head, body = text.split("WHERE {", 1)
    return head + "WHERE {\n  VALUES ?x { " + str(ox.NamedNode(iri)) + " }" + body


# The floor: the least a process can do to answer the same question: run the query and read the
# answer (a term read from the store may need a lookup of its text: a floor that never reads the
# rows skips work that answering does).
_FLOOR = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
query = open(sys.argv[2], encoding="utf-8").read()
rows = [[None if t is None else t.value for t in r] for r in store.query(query, prefixes={
    "ag": "https://w3id.org/actorgraph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/",
    "prov": "http://www.w3.org/ns/prov#", "foaf": "http://xmlns.com/foaf/0.1/"},
    use_default_graph_as_union=True, substitutions={ox.Variable("x"): ox.NamedNode(sys.argv[3])})]
print(len(rows))
"""

# How the typical entity is chosen: the one of median degree among those in a cooperation.
_DEGREES = """
SELECT ?e (COUNT(DISTINCT ?st) AS ?n) WHERE {
  { ?st rdf:subject ?e } UNION { ?st rdf:object ?e }
  ?st rdf:predicate ag:cooperatesWith .
} GROUP BY ?e ORDER BY ?n ?e"""


def load() -> float:
    """The machine's load average over the last minute."""
    return round(os.getloadavg()[0], 2)


def typical_entity(store_path: Path) -> dict:
    """The entity of median cooperation degree (and its degree), and Europol's degree."""
    import pyoxigraph as ox

    from actorgraph.graph import queries as q

    store = ox.Store.read_only(str(store_path))
    rows = [(r["e"].value, int(r["n"].value)) for r in store.query(_DEGREES, prefixes=q.PREFIXES,
                                                                    use_default_graph_as_union=True)]
    iri, degree = rows[(len(rows) - 1) // 2]
    return {"iri": iri, "degree": degree, "entities_in_cooperation": len(rows),
            "europol_degree": dict(rows).get(ENTITY, 0), "max_degree": rows[-1][1]}


def entity_sample(store_path: Path, size: int = 21) -> list[tuple[str, int]]:
    """``size`` entities in a cooperation at evenly spaced ranks of degree, from the least to the
    most connected (each with its degree)."""
    import pyoxigraph as ox

    from actorgraph.graph import queries as q

    store = ox.Store.read_only(str(store_path))
    rows = [(r["e"].value, int(r["n"].value)) for r in store.query(_DEGREES, prefixes=q.PREFIXES,
                                                                    use_default_graph_as_union=True)]
    if len(rows) <= size:
        return rows
    return [rows[round(i * (len(rows) - 1) / (size - 1))] for i in range(size)]


def one_hop_sample(store_path: Path, sample: list[tuple[str, int]], repeat: int) -> dict:
    """The shipped one-hop query for each entity of the sample, in process on the read-only
    store (p50 of ``repeat`` runs each), and the p50 over the sample."""
    import pyoxigraph as ox

    from actorgraph.graph import queries as q

    store = ox.Store.read_only(str(store_path))
    text = shipped_cooperation()
    before = load()
    per_entity = []
    for iri, degree in sample:
        subs = {ox.Variable("x"): ox.NamedNode(iri)}
        seconds, rows = p50(lambda subs=subs: list(store.query(text, prefixes=q.PREFIXES,
                                                               use_default_graph_as_union=True,
                                                               substitutions=subs)), repeat)
        per_entity.append({"iri": iri, "degree": degree, "rows": len(rows), "p50_ms": seconds * 1000})
    times = [e["p50_ms"] for e in per_entity]
    return {"entities": per_entity, "p50_ms": statistics.median(times) if times else None,
            "under_1ms": sum(t < 1 for t in times), "load": max(before, load())}


def p50(fn, repeat: int) -> tuple[float, object]:
    result = fn()  # warm
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


def run_process(args: list[str], env=None, timeout: float = 24 * 3600) -> tuple[float | None, int]:
    """Wall time and peak resident memory (bytes, the process tree) of a command (None for the
    time if it was stopped after ``timeout`` seconds)."""
    import psutil

    start = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
    ps = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        if time.perf_counter() - start > timeout:
            for child in ps.children(recursive=True):
                child.kill()
            proc.kill()
            proc.wait()
            return None, peak
        try:
            procs = [ps, *ps.children(recursive=True)]
            peak = max(peak, sum(p.memory_info().rss for p in procs))
        except psutil.Error:
            pass
        time.sleep(0.05)
    elapsed = time.perf_counter() - start
    if proc.returncode not in (0, 3):
        raise RuntimeError(f"{' '.join(args)} failed: {proc.stderr.read().decode()[-2000:]}")
    return elapsed, peak


def cold(args: list[str], repeat: int, timeout: float = 600) -> float | None:
    """Median wall time of a command run ``repeat`` times (None if it outlasts ``timeout``)."""
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        try:
            subprocess.run(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True, timeout=timeout)
        except subprocess.TimeoutExpired:
            return None
        times.append(time.perf_counter() - t)
        if times[-1] > timeout / repeat:
            break
    return statistics.median(times)


def du(path: Path) -> int:
    return sum(f.stat().st_size for f in path.rglob("*") if f.is_file())


def extraction_throughput(paths: list[Path], limit: int = 300) -> dict:
    from actorgraph.loaders import load_path
    from actorgraph.loaders.extract import extract
    from actorgraph.loaders.extract.vocabulary import default_vocabulary

    default_vocabulary()
    extract(load_path(paths[0]))  # warm: patterns compiled on first use
    sample = paths[:limit]
    words = 0
    t = time.perf_counter()
    for p in sample:
        doc = load_path(p)
        extract(doc)
        words += len(doc.text.split())
    elapsed = time.perf_counter() - t
    return {"documents": len(sample), "words": words, "seconds": elapsed, "words_per_s": words / elapsed}


def _named_params(store, query) -> dict[str, str]:
    """Parameters for a named query on the generated corpus: the example of its header where
    every name in it is in the store, else the most mentioned entity of the class it takes."""
    from actorgraph.errors import ActorGraphError
    from actorgraph.graph import queries as q
    from actorgraph.sparql import library

    try:
        library.bind(store, query, query.example)
        return dict(query.example)
    except ActorGraphError:
        pass
    values = {}
    for p in query.params:
        if p.optional and p.name not in query.example:
            continue
        value = query.example.get(p.name, "")
        try:
            if value:
                library.bind(store, query, {**values, p.name: value})
        except ActorGraphError:
            value = ""
        if not value and (p.kind == "entity" or p.kind[:1].isupper()):
            cls = "ag:Organisation" if p.kind == "entity" else f"ag:{p.kind}"
            rows = list(store.query(
                f"SELECT ?label (COUNT(?m) AS ?n) WHERE {{ ?e a {cls} ; rdfs:label ?label . ?m ag:mentionOf ?e }} "
                "GROUP BY ?label ORDER BY DESC(?n) ?label LIMIT 1", prefixes=q.PREFIXES,
                use_default_graph_as_union=True))
            value = rows[0]["label"].value if rows else ""
        if value:
            values[p.name] = value
    return values


def _query_table(typical: str | None = None, named_params: dict | None = None):
    """The shipped queries, and the shapes compared with them, by name: each a function of
    the store that returns the rows."""
    import pyoxigraph as ox

    from actorgraph.graph import queries as q
    from actorgraph.graph.store import documents
    from actorgraph.graph.view import graph_data
    from actorgraph.sparql import library
    from actorgraph.sparql.run import run_query

    shipped = shipped_cooperation()

    def sparql(text, iri=ENTITY):
        subs = {ox.Variable("x"): ox.NamedNode(iri)} if iri else None
        return lambda store: list(store.query(text, prefixes=q.PREFIXES, use_default_graph_as_union=True,
                                              substitutions=subs))

    table = {
        "find_entity Europol": lambda store: [q.find_entity(store, "Europol")],
        "cooperates Europol (one hop, evidence: queries.cooperates)": lambda store: q.cooperates(store, ENTITY),
        "one hop Europol, shipped query text": sparql(shipped),
        "one hop Europol, shipped query, LIMIT 20": sparql(shipped + " LIMIT 20"),
        "one hop Europol, IRI in the text (proposed)": sparql(pasted_iri(shipped, ENTITY), None),
        "one hop Europol, VALUES block in the text (proposed)": sparql(values_block(shipped, ENTITY), None),
        "UNION shape: only endpoints in the UNION (regression)": sparql(_UNION_OUTSIDE % q._CORE_VALUES),
    }
    if typical:
        table.update({
            "cooperates typical entity (queries.cooperates)": lambda store: q.cooperates(store, typical),
            "one hop typical entity, shipped query text": sparql(shipped, typical),
            "one hop typical entity, IRI in the text (proposed)": sparql(pasted_iri(shipped, typical), None),
            "one hop typical entity, VALUES block in the text (proposed)": sparql(values_block(shipped, typical), None),
            "UNION shape, typical entity (regression)": sparql(_UNION_OUTSIDE % q._CORE_VALUES, typical),
        })
    table.update({
        "show Europol": lambda store: q.show(store, ENTITY)["relations"],
        "relations cooperatesWith": lambda store: q.relations(store, "cooperatesWith"),
        "entities": lambda store: q.entities(store),
        "documents": lambda store: documents(store),
        "graph view (every node and edge)": lambda store: graph_data(store).edges,
        "two hops from Europol": sparql(_TWO_HOP),
        "two hops from Europol, first hop DISTINCT (proposed)": sparql(_TWO_HOP_DISTINCT),
    })
    for nq in library.named_queries():
        values = (named_params or {}).get(nq.name, nq.example)
        label = " ".join(f"{k}={v}" for k, v in values.items())

        def run_named(store, nq=nq, values=values):  # as the CLI runs it
            return list(run_query(store, *nq.bound(library.bind(store, nq, values))))

        def run_values(store, nq=nq, values=values):
            subs = library.bind(store, nq, values)
            return list(run_query(store, library.standalone_text(nq, {k.value: str(v) for k, v in subs.items()})))

        table[f"named query {nq.name} ({label})"] = run_named
        if values:
            table[f"named query {nq.name}, VALUES block in the text (proposed)"] = run_values
    return table


def _child(store_path: str, name: str, repeat: int, budget: float, conn, typical, named_params) -> None:
    from actorgraph.graph.store import open_store

    store = open_store(store_path, read_only=True)
    fn = _query_table(typical, named_params)[name]
    before = load()
    t = time.perf_counter()
    rows = fn(store)
    first = time.perf_counter() - t
    times = [first]
    if first < budget / (repeat + 1):
        times = []
        for _ in range(repeat):
            t = time.perf_counter()
            rows = fn(store)
            times.append(time.perf_counter() - t)
    conn.send({"p50_ms": statistics.median(times) * 1000, "min_ms": min(times) * 1000, "runs": len(times),
               "rows": len(rows), "load": max(before, load())})


def queries(store_path: Path, repeat: int, timeout: float, typical: str | None, only: str | None = None) -> dict:
    """Each query in a process of its own, stopped after ``timeout`` seconds."""
    import multiprocessing

    import pyoxigraph as ox

    from actorgraph.graph.store import open_store
    from actorgraph.sparql import library

    store = open_store(str(store_path), read_only=True)
    named_params = {nq.name: _named_params(store, nq) for nq in library.named_queries()}
    del store
    ctx = multiprocessing.get_context("fork")
    out = {}
    for name in _query_table(typical, named_params):
        if only and not re.search(only, name):
            continue
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(str(store_path), name, repeat, timeout / 2, child, typical,
                                                named_params))
        proc.start()
        if parent.poll(timeout):
            out[name] = parent.recv()
        else:
            proc.kill()
            out[name] = {"p50_ms": None, "runs": 0, "rows": None, "timeout_s": timeout, "load": load()}
        proc.join()
        print(f"   {name}: {out[name]}", file=sys.stderr, flush=True)
    out["_quads"] = {"count": len(ox.Store.read_only(str(store_path)))}
    return out


def _rdflib_child(store_path: str, query: str, entities: dict, sample: list, repeat: int, conn) -> None:
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef

    from actorgraph.graph import queries as q

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "all.nq"
        ox.Store.read_only(store_path).dump(str(nq), ox.RdfFormat.N_QUADS)
        ds = Dataset(default_union=True)
        t = time.perf_counter()
        ds.parse(str(nq), format="nquads")
        loaded = time.perf_counter() - t
    conn.send({"load_s": loaded, "triples": len(ds)})
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in q.PREFIXES.items())
    for name, iri in entities.items():
        before = load()
        seconds, rows = p50(lambda iri=iri: list(ds.query(prologue + query, initBindings={"x": URIRef(iri)})),
                            repeat)
        conn.send({name: {"p50_ms": seconds * 1000, "rows": len(rows), "load": max(before, load())}})
    before = load()
    sampled = []
    for iri, _degree in sample:
        seconds, rows = p50(lambda iri=iri: list(ds.query(prologue + query, initBindings={"x": URIRef(iri)})),
                            repeat)
        sampled.append({"iri": iri, "rows": len(rows), "p50_ms": seconds * 1000})
    conn.send({"sample": {"entities": sampled, "p50_ms": statistics.median(e["p50_ms"] for e in sampled)
                          if sampled else None, "load": max(before, load())}})
    conn.send(None)


def rdflib_baseline(store_path: Path, query: str, entities: dict, sample: list, repeat: int, timeout: float) -> dict:
    """The same query text on rdflib's in-memory ``Dataset`` (union default graph) loaded with
    the same quads, for the named ``entities`` and the ``sample``, in a process of its own
    stopped after ``timeout`` seconds."""
    import multiprocessing

    ctx = multiprocessing.get_context("fork")
    parent, child = ctx.Pipe()
    proc = ctx.Process(target=_rdflib_child, args=(str(store_path), query, entities, sample, repeat, child))
    proc.start()
    out: dict = {}
    deadline = time.perf_counter() + timeout
    while True:
        left = deadline - time.perf_counter()
        if left <= 0 or not parent.poll(left):
            proc.kill()
            out["timeout_s"] = timeout
            break
        msg = parent.recv()
        if msg is None:
            break
        out.update(msg)
    proc.join()
    return out


def _build(size: int, corpus: Path, store: Path, jobs: int, words: int, reuse: bool) -> dict:
    """``actorgraph build -q`` as a new process; its figures are kept beside the store, so that
    ``--reuse`` measures the queries of a store built before without building it again."""
    record = store.parent / f"{store.name}.build.json"
    if reuse and record.exists() and store.exists():
        return json.loads(record.read_text(encoding="utf-8"))
    shutil.rmtree(store, ignore_errors=True)
    before = load()
    seconds, peak = run_process([PYTHON, "-m", "actorgraph", "--store", str(store), "build", "-q",
                                 "--jobs", str(jobs), str(corpus)])
    fig = {"seconds": seconds, "peak_rss_mb": peak / 2**20, "docs_per_s": size / seconds,
           "words_per_s": words / seconds, "store_mb": du(store) / 2**20, "load_before": before,
           "load_after": load()}
    record.write_text(json.dumps(fig, indent=2), encoding="utf-8")
    return fig


def measure(size: int, work: Path, args) -> dict:
    print(f"== {size} reports", file=sys.stderr, flush=True)
    corpus = work / f"corpus_{size}"
    paths = write_corpus(corpus, size)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    res: dict = {"documents": size, "words": words}
    before = load()
    res["extraction"] = extraction_throughput(paths)
    res["extraction"]["load"] = max(before, load())
    print(f"   extraction {res['extraction']}", file=sys.stderr, flush=True)

    builds = {}
    job_counts = [1, os.cpu_count() or 1] if size <= args.compare_jobs_max else [1]
    for jobs in dict.fromkeys(job_counts):
        builds[jobs] = _build(size, corpus, work / f"store_{size}_j{jobs}", jobs, words, args.reuse)
        print(f"   build -j {jobs}: {builds[jobs]}", file=sys.stderr, flush=True)
    res["build"] = builds
    store = work / f"store_{size}_j1"
    res["typical"] = typical_entity(store)
    print(f"   typical entity: {res['typical']}", file=sys.stderr, flush=True)
    res["queries"] = queries(store, args.repeat, args.timeout, res["typical"]["iri"], args.only)
    res["quads"] = res["queries"].pop("_quads")["count"]
    sample = entity_sample(store)
    res["one_hop_sample"] = one_hop_sample(store, sample, 7)
    print(f"   one hop over {len(sample)} entities: p50 {res['one_hop_sample']['p50_ms']:.3f} ms",
          file=sys.stderr, flush=True)

    shipped = shipped_cooperation()
    if size <= args.rdflib_max:
        res["rdflib"] = rdflib_baseline(store, shipped, {"europol": ENTITY, "typical": res["typical"]["iri"]},
                                        sample, 3, args.rdflib_timeout)
        print(f"   rdflib {res['rdflib']}", file=sys.stderr, flush=True)

    floor_script = work / "floor.py"
    floor_script.write_text(_FLOOR, encoding="utf-8")
    query_file = work / "cooperation.rq"
    query_file.write_text(shipped, encoding="utf-8")
    before = load()
    res["cold"] = {
        "cooperates_s": cold([PYTHON, "-m", "actorgraph", "--store", str(store), "cooperates", "Europol", "-f", "csv"],
                             args.cold_repeat, args.timeout),
        "floor_s": cold([PYTHON, str(floor_script), str(store), str(query_file), ENTITY], args.cold_repeat, args.timeout),
        "help_s": cold([PYTHON, "-m", "actorgraph", "--help"], args.cold_repeat),
    }
    c = res["cold"]
    c["ratio"] = c["cooperates_s"] / c["floor_s"] if c["cooperates_s"] and c["floor_s"] else None
    c["load"] = max(before, load())
    print(f"   cold: {c}", file=sys.stderr, flush=True)
    if (ROOT / "actorgraph" / "exports" / "html").exists() and size <= args.html_max:
        out = work / f"network_{size}.html"
        before = load()
        seconds, peak = run_process([PYTHON, "-m", "actorgraph", "--store", str(store), "html", "-o", str(out)],
                                    timeout=args.timeout)
        res["html"] = {"seconds": seconds, "peak_rss_mb": peak / 2**20,
                       "page_mb": out.stat().st_size / 2**20 if seconds is not None else None,
                       "load": max(before, load())}
        print(f"   html {res['html']}", file=sys.stderr, flush=True)
    return res


def machine() -> dict:
    import psutil
    import pyoxigraph

    cpu = ""
    try:
        cpu = next(line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo") if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": psutil.virtual_memory().total / 2**30,
            "python": platform.python_version(), "pyoxigraph": pyoxigraph.__version__ if hasattr(pyoxigraph, "__version__") else "",
            "system": platform.platform()}


def _ms(value) -> str:
    return "timeout" if value is None else f"{value:,.2f}" if value < 100 else f"{value:,.0f}"


def _query_ms(queries: dict, name: str) -> str:
    """A query's p50 as a cell: '-' when it was not measured (``--only``), 'timeout' when stopped."""
    return _ms(queries[name]["p50_ms"]) if name in queries else "-"


def _ratio(a, b) -> str:
    return f"{a / b:,.1f}x" if a and b else "-"


def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']:.0f} GiB, Python {m['python']}, "
             f"pyoxigraph {m['pyoxigraph']}, {m['system']}. `actorgraph --help`: {results['help_s'] * 1000:.0f} ms "
             f"(load {results.get('help_load', '?')}).", ""]
    header = ["reports", "words", "quads", "store MB", "extraction words/s (1 core)", "build s -j1", "build s -jN",
              "build peak MB", "load (build)"]
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in results["sizes"]:
        builds = {int(k): v for k, v in r["build"].items()}
        b1, bn = builds[1], builds.get(max(builds)) if max(builds) > 1 else None
        cells = [f"{r['documents']:,}", f"{r['words']:,}", f"{r['quads']:,}", f"{b1['store_mb']:.0f}",
                 f"{r['extraction']['words_per_s']:,.0f}", f"{b1['seconds']:.1f}", f"{bn['seconds']:.1f}" if bn else "-",
                 f"{max(b['peak_rss_mb'] for b in builds.values()):.0f}",
                 f"{b1.get('load_before', '?')}-{b1.get('load_after', '?')}"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += [""]
    header = ["reports", "typical entity (degree)", "Europol degree", "one hop Europol p50 ms", "rdflib ms",
              "rdflib / ours", "one hop typical ms", "rdflib ms", "rdflib / ours", "cold cooperates ms", "floor ms",
              "cold / floor", "html s"]
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in results["sizes"]:
        qs = r["queries"]
        one = qs.get("one hop Europol, shipped query text", {}).get("p50_ms")
        typ = qs.get("one hop typical entity, shipped query text", {}).get("p50_ms")
        rd = r.get("rdflib") or {}
        rde, rdt = rd.get("europol", {}).get("p50_ms"), rd.get("typical", {}).get("p50_ms")
        missing = "timeout" if rd.get("timeout_s") else "not run"
        c = r["cold"]
        html = r.get("html")
        cells = [f"{r['documents']:,}", f"{r['typical']['iri'].rsplit('/', 1)[-1]} ({r['typical']['degree']})",
                 f"{r['typical']['europol_degree']}", _query_ms(qs, "one hop Europol, shipped query text"),
                 _ms(rde) if rde else missing, _ratio(rde, one),
                 _query_ms(qs, "one hop typical entity, shipped query text"), _ms(rdt) if rdt else missing, _ratio(rdt, typ),
                 _ms(c["cooperates_s"] * 1000 if c["cooperates_s"] else None),
                 _ms(c["floor_s"] * 1000 if c["floor_s"] else None), f"{c['ratio']:.2f}" if c["ratio"] else "-",
                 ("timeout" if html["seconds"] is None else f"{html['seconds']:.1f}") if html else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "One hop over a sample of entities (evenly spaced ranks of degree), p50 over the sample:", ""]
    header = ["reports", "entities", "ours p50 ms", "under 1 ms", "rdflib p50 ms", "rdflib / ours (p50s)",
              "rdflib / ours (median per entity)"]
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in results["sizes"]:
        ours = r.get("one_hop_sample")
        if not ours:
            continue
        theirs = (r.get("rdflib") or {}).get("sample") or {}
        per = [t["p50_ms"] / o["p50_ms"] for o, t in zip(ours["entities"], theirs.get("entities", []))]
        rdflib_cell = _ms(theirs.get("p50_ms")) if theirs else ("timeout" if (r.get("rdflib") or {}).get("timeout_s")
                                                               else "not run")
        cells = [f"{r['documents']:,}", str(len(ours["entities"])), _ms(ours["p50_ms"]),
                 f"{ours['under_1ms']} of {len(ours['entities'])}", rdflib_cell,
                 _ratio(theirs.get("p50_ms"), ours["p50_ms"]),
                 f"{statistics.median(per):,.0f}x" if per else "-"]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Every query, p50 in ms (rows; load average):", ""]
    names = list(dict.fromkeys(n for r in results["sizes"] for n in r["queries"]))
    lines.append("| query | " + " | ".join(f"{r['documents']:,} reports" for r in results["sizes"]) + " |")
    lines.append("|---|" + "|".join("---" for _ in results["sizes"]) + "|")
    for name in names:
        cells = []
        for r in results["sizes"]:
            fig = r["queries"].get(name)
            cells.append(f"{_ms(fig['p50_ms'])} ({fig['rows']}; {fig.get('load', '?')})" if fig else "-")
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000", help="report counts, comma-separated")
    ap.add_argument("--large", action="store_true", help="add 10,000 reports (about 9 M words; 20+ minutes)")
    ap.add_argument("--work", type=Path, help="where corpora and stores go (kept; default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--reuse", action="store_true",
                    help="measure the stores already in --work (with their build figures) instead of building them")
    ap.add_argument("--only", help="measure only the queries whose name matches this regular expression")
    ap.add_argument("--repeat", type=int, default=30, help="runs per in-process query")
    ap.add_argument("--cold-repeat", type=int, default=7, help="runs per cold process")
    ap.add_argument("--rdflib-max", type=int, default=1000, help="largest size with the rdflib baseline")
    ap.add_argument("--rdflib-timeout", type=float, default=1200, help="seconds for rdflib to load and answer")
    ap.add_argument("--html-max", type=int, default=1000, help="largest size with the HTML export")
    ap.add_argument("--timeout", type=float, default=120, help="seconds after which a query or command is stopped")
    ap.add_argument("--compare-jobs-max", type=int, default=1000, help="largest size built with -j1 and -jN")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.large and 10000 not in sizes:
        sizes.append(10000)
    work = args.work or Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    help_load = load()
    results = {"machine": machine(), "help_s": cold([PYTHON, "-m", "actorgraph", "--help"], args.cold_repeat),
               "help_load": max(help_load, load()), "sizes": []}
    for size in sizes:
        results["sizes"].append(measure(size, work, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
