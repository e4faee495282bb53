"""The command line: each command parses its options, makes one library call and prints.

Heavy modules are imported inside the commands that need them, so that ``actorgraph --help``
and the query commands start fast. Errors are mapped to exit codes in one place, :func:`main`.

Exit codes: 0 ok, 1 user error (unknown name...), 2 usage error, 3 a document could not be
loaded, 4 store error (locked, not a store), 70 internal error (a bug: please report it), 130
interrupted (the table: :mod:`actorgraph.errors`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from actorgraph import __version__
from actorgraph.errors import EXIT_INTERNAL, EXIT_INTERRUPTED, ActorGraphError, one_line

FORMAT_CHOICE = click.Choice(["table", "csv", "json"], case_sensitive=False)


class Settings:
    def __init__(self, store: Path, debug: bool, curation: Path | None = None):
        self.store = store
        self.debug = debug
        self.curation = curation  # the curation file, when given (see actorgraph/curation/)


class _StoreLocation(click.ParamType):
    """A store directory (a Path) or a SPARQL server URL (kept as a string)."""

    name = "DIR|URL"

    def convert(self, value, param, ctx):
        if isinstance(value, Path):
            return value
        if str(value).lower().startswith(("http://", "https://")):
            return str(value)
        return Path(value)


def format_option(f):
    return click.option("--format", "-f", "fmt", type=FORMAT_CHOICE, default="table", show_default=True,
                        help="table to read; csv or json to pipe into other tools.")(f)


def curated_option(f):
    """``--curated include|exclude|only``: the relations analysts asserted or changed by hand."""
    return click.option(
        "--curated", type=click.Choice(["include", "exclude", "only"], case_sensitive=False), default="include",
        show_default=True,
        help="Relations an analyst asserted by hand or whose modality a decision changed "
             "(docs/curation.md): include them with the extracted ones, exclude them (only what the "
             "documents say, as extracted), or list only them.")(f)


def _say(message: str) -> None:
    click.echo(message, err=True)


def _ready_store(settings: Settings):
    """Open the store for reading, loading the bundled report first when it is empty."""
    from actorgraph.graph.store import open_loaded

    return open_loaded(settings.store, say=_say)


def _write(rows, columns, fmt, wide=()):
    from actorgraph.exports.rows import write_rows

    write_rows(rows, columns, fmt, sys.stdout, wide=wide)


@click.group(context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.option("--store", type=_StoreLocation(), envvar="ACTORGRAPH_STORE",
              help="Store directory, or the URL of a SPARQL server (http://host:7878) [default: the "
                   "per-user data directory; env: ACTORGRAPH_STORE].")
@click.option("--curation", type=click.Path(dir_okay=False, path_type=Path), envvar="ACTORGRAPH_CURATION",
              help="The file of analysts' corrections (docs/curation.md) [default: curation.yaml beside "
                   "the store; env: ACTORGRAPH_CURATION].")
@click.option("--debug", is_flag=True, help="Show a traceback on errors.")
@click.version_option(__version__, prog_name="actorgraph")
@click.pass_context
def cli(ctx: click.Context, store: Path | None, debug: bool, curation: Path | None = None) -> None:
    """Who cooperates with whom in reports on migrant smuggling, with the evidence.

    actorgraph reads reports (plain text, Markdown), finds the actors (people, agencies,
    ministries, police forces, NGOs, international organisations) and initiatives (joint
    operations, platforms, action plans, legal instruments, routes) they name, and how they
    relate, and keeps every fact with the sentence it came from in an RDF store.

    \b
    Start here (the EMN 2016 conference report is bundled and loaded on first use):
      actorgraph cooperates Europol        partners of Europol, with the sentences
      actorgraph show "JOT Mare"           one entity, its aliases and every relation
      actorgraph entities --type Person    everyone named in the report
      actorgraph build my_reports/         load your own documents
    """
    if store is None:
        from actorgraph.graph.store import default_store_path

        store = default_store_path()
    ctx.obj = Settings(store, debug, curation)


@cli.command()
@click.argument("paths", nargs=-1, type=click.Path(path_type=str))
@click.option("--quiet", "-q", is_flag=True, help="Do not report each document on stderr.")
@click.option("--jobs", "-j", type=click.IntRange(min=0), default=None,
              help="Processes that read and extract documents while this one writes; 0 = one per "
                   "core [default: 1, extraction in this process; env ACTORGRAPH_JOBS].")
@click.option("--max-size", type=click.FloatRange(min=0), default=20, show_default=True, metavar="MB",  # build.MAX_SIZE_MB
              help="Refuse a document larger than this (the file, or its text): memory and time grow "
                   "with a document's size. 0 = no limit.")
@click.pass_obj
def build(settings: Settings, paths: tuple[str, ...], quiet: bool, jobs: int | None, max_size: float) -> None:
    """Load documents into the store (default: the bundled EMN 2016 report).

    PATHS are files, directories (searched recursively for .txt, .md, .html and .pdf files) or
    glob patterns. A document already loaded with the same content is skipped; a changed one
    replaces its earlier version. A document that cannot be read, or is over --max-size, is
    reported and skipped; the others still load (exit code 3 then). On a terminal a progress bar shows the
    documents, entities and the time left; otherwise each document is reported on a line.

    \b
    Examples:
      actorgraph build                       the bundled report
      actorgraph build reports/ notes.md     your own documents
      actorgraph build -j 0 'archive/**/*.pdf'   every PDF, one extraction process per core
      actorgraph --store http://localhost:7878 build reports/   into a SPARQL server
    """
    from actorgraph.graph.build import build as run_build

    bar = _BuildProgress() if not quiet and sys.stderr.isatty() else None
    try:
        report = run_build(list(paths), settings.store, progress=None if quiet or bar else _say,
                           jobs=None if jobs is None else (jobs or os.cpu_count() or 1),
                           on_start=bar.start if bar else None, on_step=bar.step if bar else None,
                           curation=settings.curation, max_size_mb=max_size or None)
    finally:
        if bar:
            bar.finish()
    for source, reason in report.failed:
        _say(f"actorgraph: skipped: {reason}")
    if report.curation is not None:
        for line in report.curation.messages():
            _say(line)
    entities = sum(e for _, e, _ in report.loaded)
    relations = sum(r for _, _, r in report.loaded)
    click.echo(
        f"loaded {len(report.loaded)} document(s) ({entities} entities, {relations} relations), "
        f"skipped {len(report.skipped)} unchanged, {len(report.failed)} failed; store: {settings.store}"
    )
    if report.failed:
        sys.exit(3)


class _BuildProgress:
    """A progress bar on stderr: documents done, entities found, time left."""

    def __init__(self):
        self.bar = None
        self.entities = 0

    def start(self, total: int) -> None:
        self.bar = click.progressbar(length=total, label="documents", file=sys.stderr, show_eta=True,
                                     show_pos=True, item_show_func=lambda item: item)
        self.bar.__enter__()

    def step(self, step) -> None:
        self.entities += step.entities
        self.bar.update(1, f"{self.entities} entities")

    def finish(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@cli.command()
@click.option("--type", "-t", "types", help="Only these core classes, comma-separated "
              "(Person, Organisation, Initiative, Route, Place, Event).")
@format_option
@click.pass_obj
def entities(settings: Settings, types: str | None, fmt: str) -> None:
    """List the entities: id, label, type (core class), aliases.

    \b
    Example:
      actorgraph entities --type Organisation,Initiative --format csv > entities.csv
    """
    from actorgraph.graph import queries

    wanted = _check_types(types)
    rows = queries.entities(_ready_store(settings), wanted)
    columns = ["id", "label", "type", "aliases"] if fmt != "table" else ["label", "type", "aliases"]
    _write(rows, columns, fmt, wide=("aliases",))


def _check_names(value: str | None, names, what: str, option: str) -> list[str] | None:
    """A comma-separated option value as the ontology's names it means (any case), or None
    when not given; an unknown one is a usage error listing the choices."""
    if not value:
        return None
    wanted = [t.strip() for t in value.split(",") if t.strip()]
    known = {c.lower(): c for c in names}
    bad = [t for t in wanted if t.lower() not in known]
    if bad:
        raise click.BadParameter(f"unknown {what} {', '.join(bad)}; choose from {', '.join(names)}",
                                 param_hint=option)
    return [known[t.lower()] for t in wanted]


def _check_types(types: str | None) -> list[str] | None:
    from actorgraph.ontology import CORE_CLASSES

    return _check_names(types, CORE_CLASSES, "type", "--type")


def _check_relations(relations: str | None) -> list[str] | None:
    from actorgraph.ontology import RELATIONS

    return _check_names(relations, list(RELATIONS), "relation", "--relation")


@cli.command()
@click.option("--relation", "-r", help="Only this relation type (e.g. cooperatesWith, affiliatedWith).")
@curated_option
@format_option
@click.pass_obj
def relations(settings: Settings, relation: str | None, curated: str, fmt: str) -> None:
    """List every relation with its evidence: source, relation, target, modality, sentence,
    document, and whether an analyst asserted or changed it by hand (curated).

    \b
    Examples:
      actorgraph relations --relation cooperatesWith --format csv
      actorgraph relations --curated only          what analysts asserted or corrected
    """
    from actorgraph.graph import queries
    from actorgraph.ontology import RELATIONS

    if relation and relation not in RELATIONS:
        raise click.BadParameter(f"unknown relation '{relation}'; choose from {', '.join(sorted(RELATIONS))}",
                                 param_hint="--relation")
    rows = queries.relations(_ready_store(settings), relation, curated=curated.lower())
    if fmt == "table":
        columns = ["source_label", "relation", "target_label", "modality", "document", "evidence"]
        if any(r["curated"] for r in rows):
            columns.append("curated")
    else:
        columns = ["source", "relation", "target", "modality", "evidence", "document", "curated"]
    _write(rows, columns, fmt, wide=("evidence",))


@cli.command()
@click.argument("name")
@curated_option
@format_option
@click.pass_obj
def show(settings: Settings, name: str, curated: str, fmt: str) -> None:
    """Show one entity: label, class, aliases, identifiers, and every relation with its
    evidence. NAME is a label or alias, in any case, with or without accents.

    \b
    Each relation asserted or changed by hand says so; "curated:" lists the decisions about the
    entity (docs/curation.md).

    \b
    Examples:
      actorgraph show "Mrs. Barberini"
      actorgraph show Europol --curated exclude     only what the documents say
    """
    from actorgraph.graph import queries

    store = _ready_store(settings)
    entity = queries.show(store, queries.find_entity(store, name)["id"], curated=curated.lower())
    from actorgraph.curation.records import summary

    entity["curated"] = summary(store, entity["id"])  # what analysts changed by hand
    if fmt == "json":
        import json

        click.echo(json.dumps(entity, ensure_ascii=False, indent=2))
        return
    if fmt == "csv":
        _write(entity["relations"], ["source", "relation", "target", "modality", "evidence", "document", "curated"],
               "csv")
        return
    click.echo(f"{entity['label']}  ({entity['type']}{': ' + ', '.join(entity['classes']) if entity['classes'] else ''})")
    click.echo(f"  id:       {entity['id']}")
    if entity["aliases"]:
        click.echo(f"  aliases:  {' | '.join(entity['aliases'])}")
    if entity["wikidata"]:
        click.echo(f"  wikidata: {entity['wikidata']}")
    mentions = ", ".join(f"{doc} ({n})" for doc, n in entity["mentions"].items())
    click.echo(f"  mentioned in: {mentions}")
    if entity["curated"]:
        click.echo(f"  curated:  {entity['curated']}")
    click.echo("")
    click.echo(render_relations(entity))


def render_relations(entity: dict) -> str:
    """Each relation of an entity as a heading line and its evidence sentence, indented."""
    lines = []
    for r in entity["relations"]:
        outgoing = r["source"] == entity["id"]
        other = r["target_label"] if outgoing else r["source_label"]
        arrow = "->" if outgoing else "<-"
        extra = ", ".join(x for x in (r["modality"], f"role: {r['role']}" if r["role"] else "",
                                      r.get("curated", "")) if x)
        lines.append(f"{arrow} {r['relation']} {other}" + (f"  ({extra})" if extra else ""))
        lines.append(_quote(r))
    return "\n".join(lines) if lines else "(no relations)"


def _quote(row: dict) -> str:
    """The evidence sentence in quotes with its document and offsets, wrapped and indented."""
    import textwrap

    quote = f"\u201c{row['evidence']}\u201d  [{row['document']}, {row['start']}-{row['end']}]"
    return "\n".join(textwrap.wrap(quote, 100, initial_indent="     ", subsequent_indent="     "))


@cli.command()
@click.argument("name")
@click.option("--modality", "-m", type=click.Choice(["actual", "proposed"]),
              help="Only cooperation said to happen (actual) or only called for (proposed).")
@click.option("--via", type=click.Choice(["cooperation", "initiative"]), default="cooperation", show_default=True,
              help="cooperation: statements that they work together; initiative: actors taking part in the "
                   "same initiatives or sessions (directly or through their people), with the shared items.")
@click.option("--document", "-d", metavar="DOC", help="Only what this document says (a path, file name, id "
              "or title, as 'actorgraph documents' lists them).")
@curated_option
@format_option
@click.pass_obj
def cooperates(settings: Settings, name: str, modality: str | None, via: str, document: str | None,
               curated: str, fmt: str) -> None:
    """Who cooperates with NAME: each partner, whether the cooperation is actual or only
    proposed, the sentence that says so and its document.

    \b
    Examples:
      actorgraph cooperates Europol
      actorgraph cooperates eurojust --modality actual --format csv
      actorgraph cooperates Europol --via initiative     who shares initiatives and sessions with Europol
      actorgraph cooperates Frontex --document frontex_risk_analysis_2018.txt
      actorgraph cooperates Europol --curated exclude    leave out what analysts asserted or changed
    """
    from actorgraph.graph import queries

    store = _ready_store(settings)
    entity = queries.find_entity(store, name)
    if via == "initiative":
        from actorgraph.commands.analysis import show_co_participants

        if modality:
            raise click.UsageError("--modality applies to cooperation statements; shared initiatives and "
                                   "sessions have none: drop it, or drop --via initiative")
        show_co_participants(store, entity, document, fmt, curated.lower())
        return
    if document:
        from actorgraph.analysis.network import cooperation_partners

        rows = cooperation_partners(store, entity["id"], modality, document, curated.lower())
    else:
        rows = queries.cooperates(store, entity["id"], modality, curated=curated.lower())
    if fmt == "table":
        partners = len({r["partner_id"] for r in rows})
        where = f" in {document}" if document else ""
        click.echo(f"{entity['label']} cooperates with {partners} partner(s) ({len(rows)} statements){where}:")
        for r in rows:
            click.echo(f"{r['partner']}  ({', '.join(x for x in (r['modality'], r['curated']) if x)})")
            click.echo(_quote(r))
    else:
        _write(rows, ["partner", "partner_id", "type", "modality", "evidence", "document", "start", "end", "curated"],
               fmt)


@cli.command()
@click.option("--format", "-f", "fmt", default="turtle", show_default=True,
              type=click.Choice(["turtle", "xml", "json-ld", "nt"]), help="RDF serialisation.")
def ontology(fmt: str) -> None:
    """Print the actorgraph ontology (OWL): every class and relation, aligned with W3C ORG,
    FOAF, schema.org, PROV-O, SKOS and Dublin Core."""
    from actorgraph.ontology import ontology_turtle, serialize_ontology

    click.echo(ontology_turtle() if fmt == "turtle" else serialize_ontology(fmt), nl=False)


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the CLI and turn errors into one-line messages and exit codes.

    The exit codes are documented in :mod:`actorgraph.errors` (and docs/reliability.md). With
    ``--debug`` the traceback is printed too, and the exit code stays the same."""
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        cli.main(args=argv, prog_name="actorgraph", standalone_mode=False)
        sys.stdout.flush()  # output still buffered meets a closed pipe here, not at exit
    except SystemExit as exc:
        if exc.code == 1 and _stdout_closed_by_click():  # click's own answer to a broken pipe
            _stop_quietly()
        raise
    except click.exceptions.Abort as exc:  # click turns Ctrl-C into Abort
        interrupted = isinstance(exc.__cause__, KeyboardInterrupt)
        _fail("interrupted" if interrupted else "aborted", EXIT_INTERRUPTED, debug, prefix="")
    except click.ClickException as exc:
        hint = ""
        if isinstance(exc, click.UsageError) and exc.ctx is not None:
            hint = f" (see '{exc.ctx.command_path} --help')"
        _fail(exc.format_message() + hint, exc.exit_code, False)
    except ActorGraphError as exc:
        _fail(str(exc), exc.exit_code, debug)
    except BrokenPipeError:  # output piped into `head`, which has read what it wanted
        _stop_quietly()
    except KeyboardInterrupt:
        _fail("interrupted", EXIT_INTERRUPTED, debug, prefix="")
    except OSError as exc:  # the file system said no (a full disk, a missing directory...)
        where = f" {exc.filename}" if exc.filename else ""
        _fail(f"cannot read or write{where}: {exc.strerror or exc}; check the path, its permissions "
              "and the free space", 1, debug)
    except Exception as exc:  # a bug: say so in one line, keep the traceback behind --debug
        _fail(f"{type(exc).__name__}: {exc} (run with --debug for details)", EXIT_INTERNAL, debug,
              prefix="internal error: ")


def _stdout_closed_by_click() -> bool:
    """Did click meet a broken pipe on stdout? It then wraps the streams so that their last
    flush is silent, and exits with 1 (which `set -o pipefail` would take for a failure)."""
    return type(sys.stdout).__name__.lstrip("_") == "PacifyFlushWrapper"


def _stop_quietly() -> None:
    """The reader of the output (``head -1``) closed it early: that is not an error. Exit 0
    with nothing on stderr; stdout now goes nowhere, so that the interpreter's last flush
    of what is still buffered cannot complain of a broken pipe either."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.__stdout__.fileno())
        os.close(devnull)
    except (OSError, ValueError, AttributeError):
        pass
    sys.exit(0)


def _fail(message: str, code: int, debug: bool, prefix: str = "error: ") -> None:
    """Print the error as one line on stderr (the traceback first with ``--debug``) and exit."""
    if debug:
        import traceback

        traceback.print_exc()
    _say(f"actorgraph: {prefix}{one_line(message)}")
    sys.exit(code)


# Commands of other topics register themselves on `cli` (see actorgraph/commands/).
from actorgraph.commands import html as _html_commands  # noqa: E402,F401
from actorgraph.commands import sparql as _sparql_commands  # noqa: E402,F401
from actorgraph.commands import corpus as _corpus_commands  # noqa: E402,F401
from actorgraph.commands import analysis as _analysis_commands  # noqa: E402,F401
from actorgraph.commands import curation as _curation_commands  # noqa: E402,F401
