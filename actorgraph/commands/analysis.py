"""Who cooperates with whom, asked every way an analyst asks it (issue 6): how two entities are
connected (`path`), who the brokers are (`brokers`), which clusters exist (`clusters`), the
matrix (`matrix`), what changed between two documents (`diff`), which recommendations concern
an actor (`recommendations`); and `cooperates --via initiative` (:func:`show_co_participants`).

The algorithms are in :mod:`actorgraph.analysis`; networkx is imported there, inside the
functions."""

from __future__ import annotations

import json
from pathlib import Path

import click

from actorgraph.cli import (Settings, _check_relations, _check_types, _quote, _ready_store, _say, _write, cli,
                            curated_option, format_option)


def via_option(f):
    return click.option(
        "--via", type=click.Choice(["cooperation", "initiative", "both"]), default="cooperation", show_default=True,
        help="How actors are linked: cooperation statements; shared initiatives and sessions (an "
             "organisation takes part through its people); or both.")(f)


def modality_option(f):
    return click.option("--modality", "-m", type=click.Choice(["actual", "proposed"]),
                        help="Only cooperation said to happen (actual) or only called for (proposed).")(f)


def document_option(f):
    return click.option("--document", "-d", metavar="DOC",
                        help="Only what this document says (a path, file name, id or title, as "
                             "'actorgraph documents' lists them).")(f)


def _data(store, document: str | None, curated: str):
    """The graph view for the analyses: one document's evidence (``--document``), with or without
    what analysts asserted or changed by hand (``--curated``)."""
    from actorgraph.analysis.network import analysis_data
    from actorgraph.graph.view import select_curated

    return select_curated(analysis_data(store, document), curated.lower())


def _check_via(via: str, modality: str | None) -> None:
    if via == "initiative" and modality:
        raise click.UsageError("--modality applies to cooperation statements; shared initiatives and sessions "
                               "have none: use --via cooperation or --via both")


# -- cooperates --via initiative --------------------------------------------------------------------

def show_co_participants(store, entity: dict, document: str | None, fmt: str, curated: str = "include") -> None:
    """Print who shares initiatives or sessions with ``entity`` (for ``cooperates --via
    initiative``); ``curated`` chooses the participation statements asserted by hand."""
    from actorgraph.analysis.network import co_participants

    rows = co_participants(_data(store, document, curated), entity["id"])
    if fmt != "table":
        _write(rows, ["partner", "partner_id", "type", "shared", "shared_id", "shared_type", "shared_count",
                      "link", "evidence", "document", "start", "end", "own_link", "own_evidence",
                      "own_document", "own_start", "own_end"], fmt)
        return
    partners = list(dict.fromkeys(r["partner_id"] for r in rows))
    items = len({r["shared_id"] for r in rows})
    where = f" in {document}" if document else ""
    what = "actors" if entity["type"] in ("Initiative", "Event") else "initiatives or sessions"
    shared = "actor(s)" if what == "actors" else "initiative(s) or session(s)"
    click.echo(f"{entity['label']} shares {items} {shared} with {len(partners)} other(s){where}:")
    for pid in partners:
        mine = [r for r in rows if r["partner_id"] == pid]
        click.echo(f"{mine[0]['partner']}  ({mine[0]['type']}, {len(mine)} shared)")
        for r in mine:
            if what == "actors":  # the shared item is an actor: say what it does in each
                how = f"{r['own_link']} {entity['label']}; {r['link']} {r['partner']}"
            else:
                how = f"{entity['label']}: {r['own_link']}; {r['partner']}: {r['link']}"
            click.echo(f"  {r['shared']} ({r['shared_type']}) \u2014 {how}")
            click.echo(_quote(r))


# -- path ------------------------------------------------------------------------------------------

@cli.command()
@click.argument("source", metavar="A")
@click.argument("target", metavar="B")
@click.option("--max", "max_paths", type=click.IntRange(min=1), default=5, show_default=True,
              help="How many chains to show at most (all of the shortest length).")
@click.option("--relation", "-r", "relations", help="Only chains over these relation types, comma-separated "
              "(e.g. cooperatesWith,participatesIn).")
@document_option
@curated_option
@format_option
@click.pass_obj
def path(settings: Settings, source: str, target: str, max_paths: int, relations: str | None,
         document: str | None, curated: str, fmt: str) -> None:
    """How A and B are connected: the shortest chains of relations between them (of any type,
    in either direction), each relation with the sentence that states it.

    \b
    Examples:
      actorgraph path "Kosovo police" Frontex
      actorgraph path UNICEF Europol --max 2
      actorgraph path Europol Frontex --relation cooperatesWith --format json
    """
    from actorgraph.analysis.paths import shortest_paths
    from actorgraph.graph.queries import find_entity

    store = _ready_store(settings)
    a, b = find_entity(store, source), find_entity(store, target)
    data = _data(store, document, curated)
    chains = shortest_paths(data, a["id"], b["id"], max_paths=max_paths, relations=_check_relations(relations))
    if fmt == "json":
        click.echo(json.dumps([{"chain": i, **c.as_dict(data)} for i, c in enumerate(chains, 1)],
                              ensure_ascii=False, indent=2))
        return
    rows = []
    for i, chain in enumerate(chains, 1):
        for step, hop in enumerate(chain.hops, 1):
            for e in hop.statements:
                ev = e.evidence[0]
                rows.append({"chain": i, "step": step, "source": data.nodes[e.source].label, "source_id": e.source,
                             "relation": e.relation, "target": data.nodes[e.target].label, "target_id": e.target,
                             "modality": e.modality, "evidence": ev.sentence, "document": _document(ev.source),
                             "start": ev.start, "end": ev.end, "sentences": len(e.evidence),
                             "curated": e.curated})
    if fmt == "csv":
        _write(rows, ["chain", "step", "source", "source_id", "relation", "target", "target_id", "modality",
                      "evidence", "document", "start", "end", "sentences", "curated"], fmt)
        return
    if not chains:
        click.echo(f"no chain of relations links {a['label']} and {b['label']}")
        return
    hops = len(chains[0].hops)
    click.echo(f"{a['label']} and {b['label']} are linked by {len(chains)} shortest chain(s) of {hops} "
               f"relation(s){' (at most --max ' + str(max_paths) + ' shown)' if len(chains) == max_paths else ''}:")
    for i, chain in enumerate(chains, 1):
        click.echo("")
        click.echo(f"{i}. " + " \u2014 ".join(chain.labels(data)))
        for r in (r for r in rows if r["chain"] == i):
            more = f", {r['sentences'] - 1} more sentence(s)" if r["sentences"] > 1 else ""
            extra = f"  ({r['modality']}{more})" if r["modality"] else (f"  ({more[2:]})" if more else "")
            if r["curated"]:
                extra = f"{extra}  [{r['curated']}]"
            click.echo(f"   {r['step']}) {r['source']} {r['relation']} {r['target']}{extra}")
            click.echo(_quote(r))


def _document(source: str) -> str:
    from actorgraph.graph.queries import document_name

    return document_name(source)


# -- brokers ---------------------------------------------------------------------------------------

@cli.command()
@click.option("--top", "-n", type=click.IntRange(min=0), default=10, show_default=True,
              help="How many to list (0 = all).")
@via_option
@modality_option
@document_option
@curated_option
@format_option
@click.pass_obj
def brokers(settings: Settings, top: int, via: str, modality: str | None, document: str | None, curated: str,
            fmt: str) -> None:
    """The brokers of the cooperation network: actors (and initiatives) ranked by betweenness,
    then degree centrality.

    Betweenness is the share of the shortest chains between two others that pass through an
    actor: a broker links parts of the network that would otherwise be cut off or further
    apart. Degree is the share of the others it works with directly.

    \b
    Examples:
      actorgraph brokers
      actorgraph brokers --via both --top 20
      actorgraph brokers --modality actual --format csv
    """
    from actorgraph.analysis.centrality import MEASURES, brokers as rank_brokers

    _check_via(via, modality)
    store = _ready_store(settings)
    rows = rank_brokers(_data(store, document, curated), top=top or None, via=via, modality=modality)
    if fmt == "table":
        for line in MEASURES.values():
            click.echo(line)
        click.echo("")
        columns = ["rank", "actor", "type", "betweenness", "degree", "partners", "statements"]
        _write(rows, columns + (["shared"] if via != "cooperation" else []), fmt, wide=("actor",))
    else:
        _write(rows, ["rank", "actor", "id", "type", "betweenness", "degree", "partners", "statements", "shared"], fmt)


# -- clusters --------------------------------------------------------------------------------------

@cli.command()
@click.option("--method", type=click.Choice(["louvain", "greedy"]), default="louvain", show_default=True,
              help="Louvain (seeded) or greedy modularity (Clauset-Newman-Moore).")
@click.option("--resolution", type=click.FloatRange(min=0, min_open=True), default=1.0, show_default=True,
              help="Above 1: more, smaller clusters; below 1: fewer, larger ones.")
@via_option
@modality_option
@document_option
@curated_option
@format_option
@click.pass_obj
def clusters(settings: Settings, method: str, resolution: float, via: str, modality: str | None,
             document: str | None, curated: str, fmt: str) -> None:
    """Clusters of the cooperation network: groups that work more with each other than with
    the rest (modularity communities), each named by its most central members.

    \b
    Examples:
      actorgraph clusters
      actorgraph clusters --via initiative
      actorgraph clusters --method greedy --format json
    """
    from actorgraph.analysis.communities import clusters as find_clusters
    from actorgraph.analysis.network import SEED

    _check_via(via, modality)
    store = _ready_store(settings)
    rows = find_clusters(_data(store, document, curated), via=via, modality=modality, method=method,
                         resolution=resolution)
    if fmt == "table":
        if rows:
            how = f"Louvain, seed {SEED}" if method == "louvain" else "greedy modularity"
            click.echo(f"{len(rows)} cluster(s) ({how}; modularity {rows[0]['modularity']}), each named by "
                       "its most central members:")
        for r in rows:
            r["other members"] = "; ".join(r["members"].split("; ")[3:])
        _write(rows, ["cluster", "size", "name", "other members"], fmt, wide=("name", "other members"))
    else:
        _write(rows, ["cluster", "name", "size", "links", "modularity", "members", "member_ids"], fmt)


# -- matrix ----------------------------------------------------------------------------------------

@cli.command()
@click.option("--type", "-t", "types", help="Only actors of these core classes, comma-separated "
              "(e.g. Organisation, or Organisation,Initiative).")
@via_option
@modality_option
@document_option
@click.option("--image", type=click.Path(dir_okay=False, path_type=Path),
              help="Also draw the matrix as a heat map into this image file (PNG; needs matplotlib: "
                   "pip install \"actorgraph[plot]\").")
@curated_option
@format_option
@click.pass_obj
def matrix(settings: Settings, types: str | None, via: str, modality: str | None, document: str | None,
           image: Path | None, curated: str, fmt: str) -> None:
    """The who-cooperates-with-whom matrix: a row and a column per actor, in each cell the
    statements of actual (a) and proposed (p) cooperation between the two, like 2a/1p (and,
    with --via initiative or both, the initiatives and sessions they share: s).

    The table is for reading; CSV and JSON give one row per pair with separate columns
    (actual, proposed, shared, total).

    \b
    Examples:
      actorgraph matrix
      actorgraph matrix --type Organisation --format csv > matrix.csv
      actorgraph matrix --type Organisation --image matrix.png
    """
    from actorgraph.analysis.matrix import cooperation_matrix, heatmap, render_matrix

    _check_via(via, modality)
    store = _ready_store(settings)
    m = cooperation_matrix(_data(store, document, curated), types=_check_types(types), via=via, modality=modality)
    if image is not None:
        _say(f"actorgraph: wrote {heatmap(m, image)}")
    if fmt == "table":
        click.echo(render_matrix(m), nl=False)
    else:
        _write(m.rows(), ["actor", "actor_id", "actor_type", "partner", "partner_id", "partner_type", "actual",
                          "proposed", "shared", "total"], fmt)


# -- diff ------------------------------------------------------------------------------------------

@cli.command()
@click.argument("doc_a")
@click.argument("doc_b")
@format_option
@click.pass_obj
def diff(settings: Settings, doc_a: str, doc_b: str, fmt: str) -> None:
    """What changed from DOC_A to DOC_B: the actors and initiatives that appear or disappear,
    and the cooperation that appears, disappears or changes modality (proposed in one, actual
    in the other), each with a sentence. Documents are given by path, file name, id or title.

    \b
    Examples:
      actorgraph diff frontex_risk_analysis_2016.txt frontex_risk_analysis_2018.txt
      actorgraph diff 0bdf6edb 699293a8 --format csv
    """
    from actorgraph.analysis.diff import diff_documents

    result = diff_documents(_ready_store(settings), doc_a, doc_b)
    if fmt != "table":
        _write(result.changes, ["change", "kind", "name", "type", "id", "a", "b", "evidence"], fmt)
        return
    for tag, d in (("A", result.a), ("B", result.b)):
        click.echo(f"{tag}: {d['title'] or d['source']}  ({d['source']}, {d['id']})")
    same = result.same
    click.echo(f"in both: {same['cooperation']} cooperating pair(s), {same['actor']} actor(s), "
               f"{same['initiative']} initiative(s); {len(result.changes)} change(s):")
    click.echo("")
    _write(result.changes, ["change", "kind", "name", "a", "b", "evidence"], fmt, wide=("evidence",))


# -- recommendations -------------------------------------------------------------------------------

@cli.command()
@click.option("--actor", "-a", metavar="NAME", help="Only those addressing this actor, initiative, route or place.")
@click.option("--session", "-s", metavar="NAME", help="Only those made at this session or event (and its parts).")
@click.option("--kind", "-k", help="Only this kind: conclusion, next step, recommendation...")
@document_option
@format_option
@click.pass_obj
def recommendations(settings: Settings, actor: str | None, session: str | None, kind: str | None,
                    document: str | None, fmt: str) -> None:
    """The conclusions, recommendations and next steps of the documents: each with its kind,
    its place in its list, the session it was made at, the actors and initiatives it
    addresses, and its text.

    \b
    Examples:
      actorgraph recommendations
      actorgraph recommendations --actor Europol
      actorgraph recommendations --session "Workshop 5" --format csv
    """
    from actorgraph.analysis.recommendations import find_recommendations

    rows = find_recommendations(_ready_store(settings), actor=actor, session=session, kind=kind, document=document)
    if fmt == "table":
        _write(rows, ["session", "kind", "rank", "addresses", "text"], fmt, wide=("text",))
    else:
        _write(rows, ["id", "label", "kind", "rank", "session", "session_id", "addresses", "addresses_ids", "text",
                      "document", "start", "end"], fmt)
