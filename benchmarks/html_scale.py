"""How large a network the HTML page can hold: load + interactive time in headless Chromium.

A generated graph (default 5,000 entities, 20,000 relations, each with an evidence sentence)
is written as a page in up to three ways, and the pages are opened in turn, side by side
(alternating within each round), several times:

* ``actorgraph`` -- the page as ``actorgraph html`` writes it: the pyvis network's lists filled
  directly, seeded starting positions, a layout run bounded in steps and time, physics off
  afterwards;
* ``unbounded`` -- the same page with vis-network's default stabilisation (1,000 steps, no time
  limit), from vis-network's own starting positions;
* ``pyvis`` -- the same data the naive way: pyvis's ``Network.add_node``/``add_edge`` on an
  undirected network (which drops the second edge between two entities) and vis-network's
  default layout and physics options, as pyvis leaves them (barnesHut, 1,000 stabilisation
  steps, improvedLayout, smooth "dynamic" edges).

For each it reports the time to build the page in Python, and in the browser the time from
navigation to the first drawn, still picture (``ready``), then how long a filter change and a
search + select take once it is ready. Needs the ``test`` extra and Debian's chromium.

    python benchmarks/html_scale.py                      # 5,000 / 20,000, 3 rounds
    python benchmarks/html_scale.py --nodes 20000 --edges 100000 --rounds 1 --only actorgraph
    python benchmarks/html_scale.py --nodes 40000 --edges 200000 --rounds 1 --only actorgraph --past-limit

Timings vary with the machine's load: compare the two columns of one run, not runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from actorgraph.exports.html import html_page
from actorgraph.exports.html.network import page_data, vis_options
from actorgraph.graph.view import Edge, Evidence, GraphData, Node
from actorgraph.ontology import CORE_CLASSES, RELATIONS

WORDS = [
    "joint",
    "operation",
    "border",
    "police",
    "agency",
    "migrant",
    "smuggling",
    "network",
    "cooperation",
    "route",
    "coast",
    "guard",
    "ministry",
    "prosecutor",
    "investigation",
    "platform",
    "task",
    "force",
    "office",
    "unit",
]


def generated_graph(n_nodes: int, n_edges: int, seed: int = 1, documents: int = 5) -> GraphData:
    """A graph shaped like a large corpus: preferential attachment (a few hubs, many leaves),
    every core class, every relation type, actual and proposed cooperation."""
    rng = random.Random(seed)
    nodes = {}
    for i in range(n_nodes):
        label = " ".join(rng.choice(WORDS).title() for _ in range(rng.randint(1, 4))) + f" {i}"
        iri = f"https://w3id.org/actorgraph/id/bench/{i}"
        nodes[iri] = Node(
            iri, label, rng.choice(CORE_CLASSES), aliases=[f"alias {i}"] if i % 3 == 0 else []
        )
    iris = list(nodes)
    targets = iris[:10]
    relations = list(RELATIONS)
    docs = [
        (f"https://w3id.org/actorgraph/doc/bench{d}", f"Bench report {d}", f"bench/report_{d}.txt")
        for d in range(documents)
    ]
    seen, edges = set(), []
    while len(edges) < n_edges:
        s = rng.choice(iris)
        o = rng.choice(targets) if rng.random() < 0.6 else rng.choice(iris)
        relation = rng.choice(relations)
        modality = rng.choice(("actual", "proposed")) if relation == "cooperatesWith" else ""
        key = (s, relation, o, modality)
        if s == o or key in seen:
            continue
        seen.add(key)
        targets.append(o)
        doc, title, source = rng.choice(docs)
        sentence = (
            f"{nodes[s].label} {relation} {nodes[o].label} "
            + " ".join(rng.choices(WORDS, k=12))
            + "."
        )
        ev = Evidence(sentence, doc, source, title, 0, len(sentence), "bench")
        edges.append(Edge(s, o, relation, modality, [ev]))
    return GraphData(nodes, edges)


def unbounded_page(data: GraphData) -> str:
    """Our page with vis-network's default stabilisation: 1,000 steps, no time limit, no seeded
    starting positions."""
    from actorgraph.exports.html.page import render_page

    pd = page_data(data)
    for node in pd.nodes:
        node.pop("x", None), node.pop("y", None)
    pd.options["physics"]["stabilization"].update(iterations=1000, updateInterval=50)
    pd.layout = {"budget_ms": 10**9}
    return render_page(pd.as_json(), "unbounded", "unbounded")


def pyvis_page(data: GraphData) -> str:
    """The same data through pyvis's add_node/add_edge (undirected) and default physics."""
    from pyvis.network import Network

    from actorgraph.exports.html.page import render_page

    net = Network(directed=False)
    index = {iri: i for i, iri in enumerate(data.nodes)}
    for iri, i in index.items():
        net.add_node(i, label=data.nodes[iri].label, group=data.nodes[iri].type)
    for j, e in enumerate(data.edges):
        net.add_edge(index[e.source], index[e.target], id=j)
    pd = page_data(data)
    kept = {e["id"] for e in net.edges}
    pd.edges = [e for e in pd.edges if e["id"] in kept]
    for node in pd.nodes:
        node.pop("x", None), node.pop("y", None)
    ours = vis_options(len(data.nodes), len(data.edges))
    # vis-network's defaults (as pyvis leaves them): barnesHut physics with 1,000 stabilisation
    # steps, improvedLayout, smooth "dynamic" edges, hover; only colours and fonts are ours
    pd.options = {"layout": {"randomSeed": 7}, "groups": ours["groups"], "nodes": ours["nodes"]}
    pd.layout = {"budget_ms": 10**9}
    return render_page(pd.as_json(), "pyvis", "pyvis")


BUILDERS = {
    "actorgraph": lambda data: html_page(data).text,
    "unbounded": unbounded_page,
    "pyvis": pyvis_page,
}


def measure_in_browser(browser, path: Path, timeout_s: float) -> dict:
    from actorgraph.exports.html.browser import open_page

    start = time.perf_counter()
    try:
        page, log = open_page(browser, path, timeout_ms=int(timeout_s * 1000))
    except Exception as exc:  # playwright's TimeoutError: report it, do not stop the run
        waited = time.perf_counter() - start
        return {"error": f"not ready after {waited:.0f} s ({type(exc).__name__})"}
    wall = time.perf_counter() - start
    timings = page.evaluate("() => ({nav: performance.now(), ...window.actorgraph.timings})")
    filter_ms = page.evaluate("""() => {
        const t = performance.now();
        const box = document.querySelector('input[data-filter=class][data-value=Person]');
        box.click(); window.actorgraph.network.redraw(); box.click();
        return performance.now() - t; }""")
    search_ms = page.evaluate("""() => {
        const t = performance.now();
        const hit = window.actorgraph.find('alias 300')[0];
        window.actorgraph.selectEntity(hit.i, true);
        return performance.now() - t; }""")
    memory = page.evaluate("() => performance.memory ? performance.memory.usedJSHeapSize : null")
    page.close()
    return {
        "wall_s": wall,
        "ready_s": timings["readyAt"] / 1000,
        "script_s": timings["scriptAt"] / 1000,  # HTML parsed, vis-network loaded
        "created_s": timings["createdAt"] / 1000,  # data sets and network built
        "layout_s": (timings["laidOutAt"] - timings.get("layoutStartAt", timings["createdAt"])) / 1000,
        "iterations": timings.get("iterations"),
        "budget_hit": bool(timings.get("budgetHit")),
        "filter_ms": filter_ms,
        "search_ms": search_ms,
        "heap_mb": memory / 2**20 if memory else None,
        "errors": log.errors[:3],
    }


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--nodes", type=int, default=5000)
    ap.add_argument("--edges", type=int, default=20000)
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--timeout", type=float, default=180)
    ap.add_argument("--past-limit", action="store_true",
                    help="write pages larger than actorgraph html allows (to see why it refuses)")
    ap.add_argument(
        "--only", default=",".join(BUILDERS), help="comma-separated: " + ", ".join(BUILDERS)
    )
    args = ap.parse_args(argv)

    from playwright.sync_api import sync_playwright

    from actorgraph.exports.html.browser import launch

    if args.past_limit:
        import actorgraph.exports.html as html_export

        html_export.MAX_NODES = html_export.MAX_EDGES = 10**9
    data = generated_graph(args.nodes, args.edges)
    print(f"graph: {len(data.nodes):,} entities, {len(data.edges):,} relations", flush=True)
    workdir = tempfile.TemporaryDirectory(prefix="ag-html-bench-")
    tmp = Path(workdir.name)
    variants = [v.strip() for v in args.only.split(",") if v.strip()]
    builds: dict[str, float] = {}
    for v in variants:
        t = time.perf_counter()
        text = BUILDERS[v](data)
        builds[v] = time.perf_counter() - t
        (tmp / f"{v}.html").write_text(text, encoding="utf-8")
        size = (tmp / f"{v}.html").stat().st_size / 2**20
        print(f"{v:>10}: page built in {builds[v]:.2f} s, {size:.1f} MiB", flush=True)

    results: dict[str, list[dict]] = {v: [] for v in variants}
    with sync_playwright() as p:
        browser = launch(p)
        try:
            for r in range(args.rounds):
                for v in variants:  # side by side: the two alternate within each round
                    m = measure_in_browser(browser, tmp / f"{v}.html", args.timeout)
                    m["load_avg"] = os.getloadavg()[0]  # the machine is shared: say how busy it was
                    results[v].append(m)
                    print(
                        f"round {r + 1} {v:>10}: "
                        + ", ".join(
                            f"{k}={val:.2f}" if isinstance(val, float) else f"{k}={val}"
                            for k, val in m.items()
                        ),
                        flush=True,
                    )
        finally:
            browser.close()

    def median(v, key):
        values = [m[key] for m in results[v] if m.get(key) is not None]
        return statistics.median(values) if values else None

    print("\nmedians (seconds unless named):")
    for v in variants:
        failed = sum(1 for m in results[v] if "error" in m)
        print(
            f"{v:>10}: build {builds[v]:.2f}, ready {median(v, 'ready_s')}, layout {median(v, 'layout_s')}, "
            f"filter {median(v, 'filter_ms')} ms, search {median(v, 'search_ms')} ms"
            + (
                f", not ready in {failed} of {len(results[v])} rounds (> {args.timeout:.0f} s)"
                if failed
                else ""
            )
        )
    ours = median("actorgraph", "ready_s") if "actorgraph" in variants else None
    for v in variants:
        if v == "actorgraph" or not ours:
            continue
        theirs = median(v, "ready_s")
        ready = f"{theirs / ours:.1f}x" if theirs else f"> {args.timeout / ours:.0f}x (timed out)"
        print(
            f"ratio {v}/actorgraph: ready {ready}; page build {builds[v] / builds['actorgraph']:.1f}x"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
