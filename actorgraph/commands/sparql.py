"""SPARQL, named queries, exports, import, validation and the endpoint (issue 4)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.cli import Settings, _ready_store, _say, _write, cli, curated_option, format_option

RESULT_CHOICE = click.Choice(["table", "csv", "tsv", "json", "xml", "turtle", "nt"], case_sensitive=False)


def _result_format(f):
    return click.option(
        "--format", "-f", "fmt", type=RESULT_CHOICE, default="table", show_default=True,
        help="table to read; csv, tsv, json or xml: the W3C SPARQL results formats. "
             "A CONSTRUCT or DESCRIBE query gives a graph: turtle (also for table), nt, xml, json (JSON-LD).")(f)


def _emit(data: bytes) -> None:
    out = sys.stdout.buffer if hasattr(sys.stdout, "buffer") else None
    if out is not None:
        out.write(data)
        out.flush()
    else:  # click's test runner with a text stream
        sys.stdout.write(data.decode("utf-8"))


@cli.command()
@click.argument("query")
@_result_format
@click.option("--update", is_flag=True, help="Allow a SPARQL update (INSERT, DELETE, DROP...) to change the store.")
@click.option("--allow-service", is_flag=True, help="Allow federated queries: a SERVICE clause sends a request "
              "to the server it names [default: refused].")
@click.pass_obj
def sparql(settings: Settings, query: str, fmt: str, update: bool, allow_service: bool) -> None:
    """Run a SPARQL query against the store.

    QUERY is the query itself, a .rq file, or - to read it from stdin. The default graph is the
    union of the documents' graphs; the prefixes ag: id: doc: rdf: rdfs: skos: dcterms: xsd:
    prov: are declared for you. The store is read-only: an update is refused unless --update.
    A federated query (SERVICE) is refused unless --allow-service: it would send a request
    over the network, to a server the query (perhaps a .rq file from elsewhere) chooses.

    \b
    Examples:
      actorgraph sparql 'SELECT ?label WHERE { ?p a ag:Person ; rdfs:label ?label }'
      actorgraph sparql my_query.rq --format csv > result.csv
      echo 'ASK { ?x ag:cooperatesWith ?y }' | actorgraph sparql - --format json
      actorgraph sparql --update 'DELETE WHERE { ?s ag:wikidata ?q }'
    """
    from actorgraph.sparql.run import (
        check_service,
        is_update,
        read_query_text,
        run_query,
        run_update,
        write_result,
    )

    text = read_query_text(query)
    check_service(text, allow_service)  # before the store is touched
    if update and is_update(text):
        from actorgraph.graph.store import ensure_loaded, open_store

        ensure_loaded(settings.store, say=_say)
        store = open_store(settings.store)
        try:
            run_update(store, text, allow_service=allow_service)
            store.flush()
        finally:
            del store
        _say("actorgraph: update done")
        return
    _emit(write_result(run_query(_ready_store(settings), text, allow_service=allow_service), fmt.lower()))


@cli.command()
@format_option
def queries(fmt: str) -> None:
    """List the named queries shipped with actorgraph, with their parameters.

    Run one with 'actorgraph query NAME --param NAME=VALUE'; read one with 'actorgraph query
    NAME --show'.

    \b
    Example:
      actorgraph queries
    """
    from actorgraph.sparql.library import named_queries

    rows = [{"name": q.name, "parameters": q.signature(), "description": q.description,
             "example": " ".join(f"--param {k}={v!r}" if " " in v else f"--param {k}={v}" for k, v in q.example.items())}
            for q in named_queries()]
    _write(rows, ["name", "parameters", "description"] if fmt == "table" else ["name", "parameters", "description", "example"],
           fmt, wide=("description",))


@cli.command()
@click.argument("name")
@click.option("--param", "-p", "params", multiple=True, metavar="NAME=VALUE",
              help="A parameter of the query (repeatable). Entities are given by label or alias.")
@click.option("--show", is_flag=True, help="Print the query's SPARQL instead of running it.")
@_result_format
@click.pass_obj
def query(settings: Settings, name: str, params: tuple[str, ...], show: bool, fmt: str) -> None:
    """Run a named query (see 'actorgraph queries').

    Values are bound as data, never pasted into the query. A parameter that names an entity
    takes a label or an alias, in any case, with or without accents.

    \b
    Examples:
      actorgraph query cooperation --param actor=Europol
      actorgraph query cooperation -p actor=eurojust -p modality=proposed --format csv
      actorgraph query organisation-people --param organisation=Europol
      actorgraph query session-people --param "session=Panel III"
      actorgraph query evidence -p subject=Europol -p relation=cooperatesWith -p object=Frontex
    """
    from actorgraph.sparql import library
    from actorgraph.sparql.run import run_query, write_result

    named = library.get(name)
    if show:
        click.echo(named.text, nl=False)
        return
    values = library.parse_params(params)
    store = _ready_store(settings)
    substitutions = library.bind(store, named, values)
    text, bound = named.bound(substitutions)
    result = run_query(store, text, bound)
    _emit(write_result(result, fmt.lower(), hide=[v.value for v in substitutions]))


@cli.command("export")
@click.option("--format", "-f", "fmt", help="turtle, ntriples, nquads, trig, jsonld, rdfxml, graphml, gexf, "
              "csv, ftm [default: from the file name of -o].")
@click.option("--output", "-o", type=click.Path(path_type=str), help="The file to write (or a directory for "
              "csv); default: stdout.")
@curated_option
@click.pass_obj
def export_(settings: Settings, fmt: str | None, output: str | None, curated: str) -> None:
    """Export the whole graph: RDF for triple stores, networks for Gephi, yEd and Cytoscape,
    tables for spreadsheets and Kumu, FollowTheMoney entities for Aleph.

    \b
    Formats (file extensions in brackets):
      turtle (.ttl), ntriples (.nt), rdfxml (.rdf)   every document in one graph
      nquads (.nq), trig (.trig), jsonld (.jsonld)   one named graph per document
      graphml (.graphml), gexf (.gexf)               networks: class, relation, modality
      csv (.zip, or a directory)                     nodes.csv + edges.csv with the evidence
      ftm (.ftm.json, .jsonl)                        FollowTheMoney entities, JSON lines

    --curated exclude|only applies to the network and table formats; an RDF export is the
    store as it is, decisions and all (docs/curation.md).

    \b
    Examples:
      actorgraph export -o graph.trig
      actorgraph export -o network.gexf
      actorgraph export --format csv -o tables/
      actorgraph export --curated exclude -o extracted.gexf
      actorgraph export --format turtle | rapper -i turtle -c -
    """
    from actorgraph.exports.registry import export

    if fmt is None and output is None:
        raise click.UsageError("give --format or an --output file name to guess it from")
    data = export(_ready_store(settings), fmt, output, curated=curated.lower())
    if data is not None:
        _emit(data)
    else:
        _say(f"actorgraph: wrote {output}")


@cli.command("import")
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--format", "-f", "fmt", help="turtle, ntriples, nquads, trig, jsonld, rdfxml [default: from the extension].")
@click.option("--graph", "-g", help="The named graph for the file's triples [default: doc:import-HASH of the file].")
@click.pass_obj
def import_(settings: Settings, file: Path, fmt: str | None, graph: str | None) -> None:
    """Load RDF written by someone else into the store, after checking it against the
    actorgraph SHACL shapes.

    The file's triples go into a named graph of their own; the named graphs of an N-Quads,
    TriG or JSON-LD file are kept. A graph already in the store is never replaced, and invalid
    data is refused whole (each violation is listed).

    \b
    Examples:
      actorgraph import colleague.ttl
      actorgraph import export_from_another_store.trig
      actorgraph import notes.nt --graph https://w3id.org/actorgraph/doc/my-notes
    """
    from actorgraph.graph.imports import import_file
    from actorgraph.graph.validate import InvalidData

    try:
        report = import_file(settings.store, file, fmt, graph)
    except InvalidData as exc:
        for v in exc.violations:
            _say(v.line())
        raise
    if report.skipped:
        click.echo(f"{file}: already imported (same content); nothing to do")
        return
    graphs = ", ".join(report.graphs)
    click.echo(f"imported {report.quads} triple(s) from {file} into {len(report.graphs)} graph(s): {graphs}")


@cli.command()
@click.option("--format", "-f", "fmt", type=click.Choice(["table", "csv", "json"]), default="table",
              show_default=True, help="How to list the violations: table (one line each), csv or json.")
@click.pass_obj
def validate(settings: Settings, fmt: str) -> None:
    """Check the store against the actorgraph SHACL shapes (with the ontology), and list each
    violation: the node, what it is, its documents, the property and what is wrong.
    Exit code 1 when there are violations.

    \b
    Examples:
      actorgraph validate
      actorgraph validate --format csv > violations.csv
    """
    from actorgraph.graph.validate import validate_store

    report = validate_store(_ready_store(settings))
    if fmt == "table":
        for v in report.violations:
            click.echo(v.line())
    else:
        _write([v.row() for v in report.violations],
               ["severity", "node", "what", "documents", "path", "message", "value", "shape"], fmt)
    _say(f"actorgraph: {report.summary()}")
    if not report.conforms:
        sys.exit(1)


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (keep it local unless you mean to share).")
@click.option("--port", "-p", type=int, default=7878, show_default=True, help="Port to listen on (0: any free port).")
@click.option("--timeout", type=float, default=30.0, show_default=True, help="Time limit of one query, in seconds.")
@click.option("--limit", type=int, default=10000, show_default=True, help="Most results (rows or triples) in one answer.")
@click.pass_obj
def serve(settings: Settings, host: str, port: int, timeout: float, limit: int) -> None:
    """Serve the store as a read-only SPARQL 1.1 endpoint, for SPARQL clients and notebooks.

    Oxigraph's server answers the queries; actorgraph sits in front of it to enforce the time
    and size limits and to refuse updates. Results come as JSON, XML, CSV or TSV (Accept
    header). Stop with Ctrl-C.

    \b
    Examples:
      actorgraph serve
      curl -H 'Accept: text/csv' --data-urlencode 'query=SELECT * WHERE { ?s a <https://w3id.org/actorgraph/ontology#Person> }' http://127.0.0.1:7878/query
    """
    from actorgraph.graph.store import ensure_loaded, is_url
    from actorgraph.sparql.serve import Endpoint

    if is_url(settings.store):
        raise click.UsageError(f"serve publishes a local store; {settings.store} is a SPARQL server already")
    ensure_loaded(settings.store, say=_say)
    endpoint = Endpoint(settings.store, host=host, port=port, timeout=timeout, limit=limit).start()
    if host not in ("127.0.0.1", "localhost", "::1"):
        _say(f"actorgraph: warning: listening on {host}: anyone who can reach this address can query the store")
    _say(f"actorgraph: SPARQL endpoint at {endpoint.url} (read-only; {timeout:g} s and {limit} results per "
         f"query); Ctrl-C to stop")
    endpoint.wait()
