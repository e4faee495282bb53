"""Corpus scale: build, store and query figures over a generated corpus, with baselines measured
in the same run (issue 5). Not part of the test suite.

For each size (reports of about 900 words, written by ``benchmarks/corpus.py``):

* extraction throughput: words per second of reading + extraction on one core, in process;
* build: ``actorgraph build`` as a new process, wall time and peak memory (the process and its
  workers), with one extraction process and with one per core;
* the store: quads, size on disk;
* every shipped query in process on the read-only store (p50 of repeated runs): find an entity,
  the one-hop cooperation query with evidence, show, entities, relations, documents, the graph
  view, a two-hop query; and the regression pair for the UNION shape (the whole bound pattern in
  each branch, as shipped, against only the two endpoint patterns in the UNION);
* the baseline: the same one-hop query on rdflib's in-memory store loaded with the same quads;
* ``actorgraph cooperates Europol`` from a cold process against the floor (a minimal Python
  script that opens the store read-only and runs the same query), ``actorgraph --help``;
* ``actorgraph html`` (the page of the whole network), if the command exists.

    python benchmarks/scale.py                       # 10, 100 and 1,000 reports
    python benchmarks/scale.py --sizes 10,100        # a quick run
    python benchmarks/scale.py --large               # adds 10,000 reports (about 9 M words)
    python benchmarks/scale.py --json results.json   # the figures as JSON too

Timings vary with the machine's load: compare figures of one run (the ratios), not runs.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
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

# The slow shape (issue 5): the UNION holds only the endpoint patterns, the rest is joined outside.
_UNION_OUTSIDE = """
SELECT ?x ?partner ?plabel ?modality ?text ?source ?start ?end WHERE {
  { ?st rdf:subject ?x ; rdf:object ?partner } UNION { ?st rdf:object ?x ; rdf:subject ?partner }
  ?st rdf:predicate ag:cooperatesWith ; ag:inDocument ?doc ; ag:start ?start ; ag:end ?end .
  OPTIONAL { ?st ag:modality ?modality }
  OPTIONAL { ?st ag:sentence/ag:text ?text }
  ?partner rdfs:label ?plabel . ?doc ag:sourcePath ?source .
}"""

# A shape that does not multiply rows by the graphs an entity is described in: the statement,
# its evidence and the partner's label and class are read in the statement's own document graph.
_PER_GRAPH_BRANCH = """GRAPH ?doc {
    ?st rdf:%s ?x ; rdf:predicate ag:cooperatesWith ; rdf:%s ?partner ;
        ag:start ?start ; ag:end ?end ; ag:rule ?rule .
    OPTIONAL { ?st ag:modality ?modality }
    OPTIONAL { ?st ag:sentence/ag:text ?text }
    ?doc ag:sourcePath ?source . }"""
_PER_GRAPH = ("SELECT ?x ?partner ?plabel ?pcore ?modality ?text ?source ?start ?end ?rule WHERE { { %s } UNION { %s } "
              "GRAPH ?doc { ?partner rdfs:label ?plabel ; a ?pcore . } "
              "VALUES ?pcore { ag:Person ag:Organisation ag:Initiative ag:Route ag:Place ag:Event } }"
              % (_PER_GRAPH_BRANCH % ("subject", "object"), _PER_GRAPH_BRANCH % ("object", "subject")))

# The floor: the least a process can do to answer the same question.
_FLOOR = """
import sys, pyoxigraph as ox
store = ox.Store.read_only(sys.argv[1])
query = open(sys.argv[2], encoding="utf-8").read()
rows = list(store.query(query, prefixes={"ag": "https://w3id.org/actorgraph/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#", "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "skos": "http://www.w3.org/2004/02/skos/core#", "dcterms": "http://purl.org/dc/terms/"},
    use_default_graph_as_union=True, substitutions={ox.Variable("x"): ox.NamedNode(sys.argv[3])}))
print(len(rows))
"""


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


def _query_table():
    """The shipped queries, and the shapes compared with them, by name: each a function of
    the store that returns the rows."""
    import pyoxigraph as ox

    from actorgraph.graph import queries as q
    from actorgraph.graph.store import documents
    from actorgraph.graph.view import graph_data

    x = {ox.Variable("x"): ox.NamedNode(ENTITY)}

    def sparql(text, union=True):
        return lambda store: list(store.query(text, prefixes=q.PREFIXES, use_default_graph_as_union=union,
                                              substitutions=x))

    table = {
        "find_entity Europol": lambda store: [q.find_entity(store, "Europol")],
        "cooperates Europol (one hop, evidence)": lambda store: q.cooperates(store, ENTITY),
        "show Europol": lambda store: q.show(store, ENTITY)["relations"],
        "relations cooperatesWith": lambda store: q.relations(store, "cooperatesWith"),
        "entities": lambda store: q.entities(store),
        "documents": lambda store: documents(store),
        "graph view (every node and edge)": lambda store: graph_data(store).edges,
        "two hops from Europol": sparql(_TWO_HOP),
        "UNION shape: only endpoints in the UNION (regression)": sparql(_UNION_OUTSIDE),
        "one hop, evidence and labels read in each document's graph (proposed)": sparql(_PER_GRAPH, union=False),
    }
    return table


def _child(store_path: str, name: str, repeat: int, budget: float, conn) -> None:
    from actorgraph.graph.store import open_store

    store = open_store(store_path, read_only=True)
    fn = _query_table()[name]
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
    conn.send({"p50_ms": statistics.median(times) * 1000, "runs": len(times), "rows": len(rows)})


def queries(store_path: Path, repeat: int, timeout: float) -> dict:
    """Each query in a process of its own, stopped after ``timeout`` seconds."""
    import multiprocessing

    import pyoxigraph as ox

    ctx = multiprocessing.get_context("fork")
    out = {}
    for name in _query_table():
        parent, child = ctx.Pipe()
        proc = ctx.Process(target=_child, args=(str(store_path), name, repeat, timeout / 2, child))
        proc.start()
        if parent.poll(timeout):
            out[name] = parent.recv()
        else:
            proc.kill()
            out[name] = {"p50_ms": None, "runs": 0, "rows": None, "timeout_s": timeout}
        proc.join()
        print(f"   {name}: {out[name]}", file=sys.stderr, flush=True)
    out["_quads"] = {"count": len(ox.Store.read_only(str(store_path)))}
    return out


def rdflib_baseline(store_path: Path, query: str, repeat: int) -> dict:
    import pyoxigraph as ox
    from rdflib import Dataset, URIRef

    from actorgraph.graph import queries as q

    with tempfile.TemporaryDirectory() as tmp:
        nq = Path(tmp) / "all.nq"
        ox.Store.read_only(str(store_path)).dump(str(nq), ox.RdfFormat.N_QUADS)
        ds = Dataset(default_union=True)
        t = time.perf_counter()
        ds.parse(str(nq), format="nquads")
        load = time.perf_counter() - t
    prologue = "".join(f"PREFIX {k}: <{v}>\n" for k, v in q.PREFIXES.items())
    seconds, rows = p50(lambda: list(ds.query(prologue + query, initBindings={"x": URIRef(ENTITY)})), repeat)
    return {"load_s": load, "p50_ms": seconds * 1000, "rows": len(rows)}


def measure(size: int, work: Path, args) -> dict:
    print(f"== {size} reports", file=sys.stderr, flush=True)
    corpus = work / f"corpus_{size}"
    paths = write_corpus(corpus, size)
    words = sum(len(p.read_text(encoding="utf-8").split()) for p in paths)
    res: dict = {"documents": size, "words": words}
    res["extraction"] = extraction_throughput(paths)
    print(f"   extraction {res['extraction']['words_per_s']:,.0f} words/s", file=sys.stderr, flush=True)

    builds = {}
    job_counts = [1, os.cpu_count() or 1] if size <= args.compare_jobs_max else [1]
    for jobs in dict.fromkeys(job_counts):
        store = work / f"store_{size}_j{jobs}"
        shutil.rmtree(store, ignore_errors=True)
        seconds, peak = run_process([PYTHON, "-m", "actorgraph", "--store", str(store), "build", "-q",
                                     "--jobs", str(jobs), str(corpus)])
        builds[jobs] = {"seconds": seconds, "peak_rss_mb": peak / 2**20, "docs_per_s": size / seconds,
                        "words_per_s": words / seconds, "store_mb": du(store) / 2**20}
        print(f"   build -j {jobs}: {seconds:.1f} s, {peak / 2**20:.0f} MB", file=sys.stderr, flush=True)
    res["build"] = builds
    store = work / f"store_{size}_j1"
    # the same store, compacted: what a store settles to
    res["queries"] = queries(store, args.repeat, args.timeout)
    res["quads"] = res["queries"].pop("_quads")["count"]
    from actorgraph.graph import queries as q

    shipped = getattr(q, "_COOPERATION", None)
    if shipped and size <= args.rdflib_max:
        res["rdflib"] = rdflib_baseline(store, shipped, 3)
        print(f"   rdflib one hop {res['rdflib']['p50_ms']:.1f} ms (load {res['rdflib']['load_s']:.1f} s)",
              file=sys.stderr, flush=True)

    floor_script = work / "floor.py"
    floor_script.write_text(_FLOOR, encoding="utf-8")
    query_file = work / "cooperation.rq"
    query_file.write_text(shipped or "", encoding="utf-8")
    res["cold"] = {
        "cooperates_s": cold([PYTHON, "-m", "actorgraph", "--store", str(store), "cooperates", "Europol", "-f", "csv"],
                             args.cold_repeat, args.timeout),
        "floor_s": cold([PYTHON, str(floor_script), str(store), str(query_file), ENTITY], args.cold_repeat, args.timeout),
    }
    c = res["cold"]
    c["ratio"] = c["cooperates_s"] / c["floor_s"] if c["cooperates_s"] and c["floor_s"] else None
    print(f"   cold: {c}", file=sys.stderr, flush=True)
    if (ROOT / "actorgraph" / "exports" / "html").exists() and size <= args.html_max:
        out = work / f"network_{size}.html"
        seconds, peak = run_process([PYTHON, "-m", "actorgraph", "--store", str(store), "html", "-o", str(out)],
                                    timeout=args.timeout)
        res["html"] = {"seconds": seconds, "peak_rss_mb": peak / 2**20,
                       "page_mb": out.stat().st_size / 2**20 if seconds is not None else None}
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


def report(results: dict) -> str:
    m = results["machine"]
    lines = [f"Machine: {m['cpu']}, {m['cores']} cores, {m['memory_gb']:.0f} GiB, Python {m['python']}, "
             f"{m['system']}. `actorgraph --help`: {results['help_s'] * 1000:.0f} ms.", ""]
    header = ["reports", "words", "quads", "store MB", "extraction words/s (1 core)", "build s -j1", "build s -jN",
              "build peak MB", "one-hop p50 ms", "rdflib one-hop ms", "rdflib / ours", "cold cooperates ms",
              "floor ms", "cold / floor", "html s"]
    lines += ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    for r in results["sizes"]:
        builds = {int(k): v for k, v in r["build"].items()}
        b1, bn = builds[1], builds.get(max(builds)) if max(builds) > 1 else None
        one = r["queries"]["cooperates Europol (one hop, evidence)"]["p50_ms"]
        rd = r.get("rdflib")
        c = r["cold"]
        html = r.get("html")
        cells = [
            f"{r['documents']:,}", f"{r['words']:,}", f"{r['quads']:,}", f"{b1['store_mb']:.0f}",
            f"{r['extraction']['words_per_s']:,.0f}", f"{b1['seconds']:.1f}", f"{bn['seconds']:.1f}" if bn else "-",
            f"{max(b['peak_rss_mb'] for b in builds.values()):.0f}", _ms(one),
            _ms(rd["p50_ms"]) if rd else "-", f"{rd['p50_ms'] / one:,.2f}x" if rd and one else "-",
            _ms(c["cooperates_s"] * 1000 if c["cooperates_s"] else None),
            _ms(c["floor_s"] * 1000 if c["floor_s"] else None), f"{c['ratio']:.2f}" if c["ratio"] else "-",
            ("timeout" if html["seconds"] is None else f"{html['seconds']:.1f}") if html else "-",
        ]
        lines.append("| " + " | ".join(cells) + " |")
    lines += ["", "Every query, p50 in ms (rows):", ""]
    names = list(results["sizes"][0]["queries"])
    lines.append("| query | " + " | ".join(f"{r['documents']:,} reports" for r in results["sizes"]) + " |")
    lines.append("|---|" + "|".join("---" for _ in results["sizes"]) + "|")
    for name in names:
        lines.append(f"| {name} | " + " | ".join(
            f"{_ms(r['queries'][name]['p50_ms'])} ({r['queries'][name]['rows']})" for r in results["sizes"]) + " |")
    return "\n".join(lines)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="10,100,1000", help="report counts, comma-separated")
    ap.add_argument("--large", action="store_true", help="add 10,000 reports (about 9 M words; 20+ minutes)")
    ap.add_argument("--work", type=Path, help="where corpora and stores go (kept; default: a temporary folder)")
    ap.add_argument("--json", type=Path, help="write the figures as JSON")
    ap.add_argument("--repeat", type=int, default=30, help="runs per in-process query")
    ap.add_argument("--cold-repeat", type=int, default=7, help="runs per cold process")
    ap.add_argument("--rdflib-max", type=int, default=1000, help="largest size with the rdflib baseline")
    ap.add_argument("--html-max", type=int, default=1000, help="largest size with the HTML export")
    ap.add_argument("--timeout", type=float, default=120, help="seconds after which a query or command is stopped")
    ap.add_argument("--compare-jobs-max", type=int, default=1000, help="largest size built with -j1 and -jN")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.large and 10000 not in sizes:
        sizes.append(10000)
    work = args.work or Path(tempfile.mkdtemp(prefix="actorgraph-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    results = {"machine": machine(), "help_s": cold([PYTHON, "-m", "actorgraph", "--help"], args.cold_repeat),
               "sizes": []}
    for size in sizes:
        results["sizes"].append(measure(size, work, args))
        if args.json:
            args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    print(report(results))
    if not args.work:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
