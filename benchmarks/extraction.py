"""Extraction throughput (issue 5): words per second per core of reading + extraction.

Three sets of documents, each read and extracted in this one process (one core):

* the bundled report (``actorgraph/data/emn_2016_conference_report.txt``);
* the documents of ``tests/corpus/`` (reports, risk analyses, news, encyclopaedia pages);
* a generated corpus written by ``benchmarks/corpus.py`` (``--reports``, 200 by default).

For each set the files' bytes are read into memory first, then every document goes through
``load_bytes`` (decode, clean, structure, sentences) and ``extract`` (vocabulary, names,
walker, relations), ``--rounds`` times; the best round counts. Words are whitespace-separated
words of the cleaned text (as ``benchmarks/scale.py`` counts them). Two figures per set: words
per second of wall time and of the process's CPU time (on a shared machine the second varies
less). A baseline is measured in the same run on the same text -- one tokenising pass,
``re.findall(r"\\w+", text)`` -- so that figures of different runs can be compared as ratios.

Then one more, instrumented pass gives the time of each stage (exclusive: a stage's time
excludes the stages it calls), so that the hot spots show. ``--profile`` adds the top of a
cProfile of the generated corpus.

    python benchmarks/extraction.py                       # 200 generated reports, best of 3
    python benchmarks/extraction.py --reports 50 --rounds 5 --profile
    python benchmarks/extraction.py --json out.json
"""

from __future__ import annotations

import argparse
import cProfile
import gc
import io
import json
import os
import pstats
import re
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(HERE))

from actorgraph.loaders import BUNDLED_DOCUMENT, format_for_path, load_bytes
from actorgraph.loaders.extract import extract
from actorgraph.loaders.extract.vocabulary import default_vocabulary

_WORD = re.compile(r"\w+")


def load_set(paths: list[Path]) -> list[tuple[bytes, str, str]]:
    return [(p.read_bytes(), str(p), format_for_path(p).name) for p in paths]


def run_once(docs) -> tuple[float, float, int, int, int]:
    """One pass over the documents: (wall s, cpu s, words, mentions, relations)."""
    vocab = default_vocabulary()
    words = mentions = relations = 0
    gc.collect()
    wall, cpu = time.perf_counter(), time.process_time()
    for data, source, fmt in docs:
        doc = load_bytes(data, source, fmt)
        ex = extract(doc, vocab)
        mentions += len(ex.mentions)
        relations += len(ex.relations)
        words += len(doc.text.split())
    return time.perf_counter() - wall, time.process_time() - cpu, words, mentions, relations


def baseline(docs, rounds: int) -> float:
    """Best CPU seconds of one ``re.findall(r"\\w+")`` pass over the decoded texts."""
    texts = [data.decode("utf-8", errors="replace") for data, _, _ in docs]
    best = float("inf")
    for _ in range(max(rounds, 3)):
        cpu = time.process_time()
        for t in texts:
            _WORD.findall(t)
        best = min(best, time.process_time() - cpu)
    return best


# -- time per stage -----------------------------------------------------------------------------

# (stage, module, attribute): each function is wrapped where it is looked up when called.
STAGES = [
    ("decode", "actorgraph.loaders", "decode_bytes"),
    ("decode", "actorgraph.loaders", "repair_mojibake"),
    ("clean", "actorgraph.loaders", "normalise_characters"),
    ("clean", "actorgraph.loaders.formats", "split_front_matter"),
    ("clean", "actorgraph.loaders.formats", "DocumentWords"),
    ("clean", "actorgraph.loaders.formats", "remove_page_furniture"),
    ("clean", "actorgraph.loaders.formats", "join_broken_lines"),
    ("clean", "actorgraph.loaders.formats", "strip_markup"),
    ("clean", "actorgraph.loaders.formats", "repair_split_words"),
    ("clean", "actorgraph.loaders.structure", "strip_markup"),
    ("structure", "actorgraph.loaders.formats", "text_parts"),
    ("structure", "actorgraph.loaders.formats", "markdown_parts"),
    ("structure", "actorgraph.loaders.formats", "build_layout"),
    ("sentences", "actorgraph.loaders", "split_sentences"),
    ("walker", "actorgraph.loaders.extract.walker.DocumentWalker", "run"),
    ("tokens", "actorgraph.loaders.extract.walker", "tokenize"),
    ("vocabulary", "actorgraph.loaders.extract.names", "vocabulary_matches"),
    ("names", "actorgraph.loaders.extract.names", "acronym_definitions"),
    ("names", "actorgraph.loaders.extract.names", "capitalised_chunks"),
    ("names", "actorgraph.loaders.extract.names", "introduced_names"),
    ("names", "actorgraph.loaders.extract.names", "people"),
    ("names", "actorgraph.loaders.extract.names", "merge"),
    ("names", "actorgraph.loaders.extract.walker.DocumentWalker", "_defined_acronyms"),
    ("relations", "actorgraph.loaders.extract.relations", "apply_all"),
]
ORDER = ["decode", "clean", "structure", "sentences", "tokens", "vocabulary", "names", "walker",
         "relations", "other"]


def _resolve(dotted: str):
    import importlib

    try:
        return importlib.import_module(dotted)
    except ImportError:
        module, _, cls = dotted.rpartition(".")
        return getattr(importlib.import_module(module), cls)


def stage_times(docs) -> dict[str, float]:
    """Exclusive CPU seconds per stage over one pass (a wrapped function's time, less the time
    of the wrapped functions it calls); "other" is the rest of the pass."""
    totals = dict.fromkeys(ORDER, 0.0)
    stack: list[float] = []  # time spent in children of each open frame
    clock = time.process_time

    def wrap(stage, fn):
        def timed(*args, **kwargs):
            stack.append(0.0)
            t = clock()
            try:
                return fn(*args, **kwargs)
            finally:
                elapsed = clock() - t
                children = stack.pop()
                totals[stage] += elapsed - children
                if stack:
                    stack[-1] += elapsed
        return timed

    patched = []
    for stage, where, attr in STAGES:
        owner = _resolve(where)
        original = getattr(owner, attr, None)
        if original is None:
            continue
        patched.append((owner, attr, original))
        setattr(owner, attr, wrap(stage, original))
    try:
        t = clock()
        run_once(docs)
        total = clock() - t
    finally:
        for owner, attr, original in reversed(patched):
            setattr(owner, attr, original)
    totals["other"] = max(0.0, total - sum(totals.values()))
    return totals


def profile(docs, top: int = 30) -> str:
    prof = cProfile.Profile()
    prof.enable()
    run_once(docs)
    prof.disable()
    out = io.StringIO()
    pstats.Stats(prof, stream=out).sort_stats("tottime").print_stats(top)
    return out.getvalue()


# -- the run ------------------------------------------------------------------------------------


def measure(name: str, docs, rounds: int) -> dict:
    run_once(docs[:3])  # warm: vocabulary loaded, modules imported, regexes compiled
    best = None
    for _ in range(rounds):
        r = run_once(docs)
        if best is None or r[1] < best[1]:
            best = r
    wall, cpu, words, mentions, relations = best
    base_cpu = baseline(docs, rounds)
    stages = stage_times(docs)
    return {
        "set": name, "documents": len(docs), "words": words, "mentions": mentions,
        "relations": relations, "wall_s": wall, "cpu_s": cpu,
        "words_per_s_wall": words / wall, "words_per_s_cpu": words / cpu,
        "baseline_words_per_s_cpu": words / base_cpu if base_cpu else float("inf"),
        "ratio_to_baseline": base_cpu / cpu if cpu else 0.0,
        "stages_s": stages, "load_average": os.getloadavg(),
    }


def report(r: dict) -> str:
    stages = r["stages_s"]
    total = sum(stages.values()) or 1.0
    la = " ".join(f"{x:.2f}" for x in r["load_average"])
    lines = [
        (f"## {r['set']}: {r['documents']} documents, {r['words']:,} words, "
         f"{r['mentions']:,} mentions, {r['relations']:,} relations (load average {la})"),
        (f"   read+extract   {r['words_per_s_cpu']:>10,.0f} words/s CPU   {r['words_per_s_wall']:>10,.0f} words/s wall"
         f"   ({r['cpu_s'] * 1000:,.0f} ms CPU)"),
        (f"   baseline \\w+   {r['baseline_words_per_s_cpu']:>10,.0f} words/s CPU"
         f"   (read+extract = 1/{1 / r['ratio_to_baseline']:,.0f} of the baseline)") if r["ratio_to_baseline"] else "",
        "   stages (exclusive CPU ms, share):",
    ]
    for stage in ORDER:
        lines.append(f"     {stage:<11} {stages[stage] * 1000:>9,.1f} ms  {100 * stages[stage] / total:5.1f}%")
    return "\n".join(line for line in lines if line)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--reports", type=int, default=200, help="generated reports (default 200)")
    ap.add_argument("--rounds", type=int, default=3, help="best of N passes (default 3)")
    ap.add_argument("--corpus", type=Path, help="folder of a generated corpus to reuse or write")
    ap.add_argument("--only", default="bundled,tests,generated", help="sets to run, comma-separated")
    ap.add_argument("--profile", action="store_true", help="print a cProfile of the generated corpus")
    ap.add_argument("--json", type=Path, help="write the figures to this file")
    args = ap.parse_args(argv)
    only = set(args.only.split(","))

    print(f"# extraction throughput, one process; load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, "
          f"{os.cpu_count()} cores, Python {sys.version.split()[0]}", flush=True)
    default_vocabulary()
    results = []
    if "bundled" in only:
        results.append(measure("bundled report", load_set([BUNDLED_DOCUMENT]), args.rounds))
        print(report(results[-1]), flush=True)
    if "tests" in only:
        paths = sorted(p for p in (ROOT / "tests" / "corpus").iterdir() if p.is_file())
        results.append(measure("tests/corpus", load_set(paths), args.rounds))
        print(report(results[-1]), flush=True)
    gen_docs = None
    if "generated" in only or args.profile:
        from corpus import write_corpus

        with tempfile.TemporaryDirectory() as tmp:
            folder = args.corpus or Path(tmp)
            paths = sorted(folder.glob("report_*.txt"))[: args.reports]
            if len(paths) < args.reports:
                paths = write_corpus(folder, args.reports)
            gen_docs = load_set(sorted(paths))
    if "generated" in only:
        results.append(measure(f"generated corpus ({args.reports} reports)", gen_docs, args.rounds))
        print(report(results[-1]), flush=True)
    if args.profile:
        print("\n## cProfile, generated corpus (top by own time)\n")
        print(profile(gen_docs))
    if args.json:
        args.json.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
