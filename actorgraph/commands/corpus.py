"""The corpus: which documents are loaded, removing one, pushing the store to a server
(issue 5)."""

from __future__ import annotations

import sys

import click

from actorgraph.cli import Settings, _say, _write, cli, format_option
from actorgraph.errors import UnknownEntity


@cli.command()
@format_option
@click.pass_obj
def documents(settings: Settings, fmt: str) -> None:
    """List the loaded documents: id, title, source, date, entities, relations, when loaded.

    The id is the start of the document's content hash; `remove` takes it, the source path or
    the title. Entities and relations count what the document names and states.

    \b
    Examples:
      actorgraph documents
      actorgraph documents --format csv > documents.csv
    """
    from actorgraph.graph.store import documents as list_documents, is_url, open_for_reading, store_exists

    if not is_url(settings.store) and not store_exists(settings.store):
        rows = []
    else:  # (a document a killed build left half-written is removed first)
        rows = list_documents(open_for_reading(settings.store))
    if fmt == "table":
        _say(f"{len(rows)} document(s) in {settings.store}")
        columns = ["id", "title", "source", "date", "entities", "relations", "loaded"]
    else:
        columns = ["id", "title", "source", "date", "entities", "relations", "loaded", "sha256"]
    _write(rows, columns, fmt, wide=("title", "source"))


@cli.command()
@click.argument("documents", nargs=-1, required=True)
@click.option("--all", "every", is_flag=True, help="Remove every document a reference matches (the "
              "same title twice, a file loaded under two names).")
@click.pass_obj
def remove(settings: Settings, documents: tuple[str, ...], every: bool) -> None:
    """Remove documents from the store, with their facts and evidence. An entity no other
    document names goes with them; one that others name stays, with their evidence.

    DOCUMENTS are source paths, ids (as `actorgraph documents` lists them; the first few
    digits are enough) or titles.

    \b
    Examples:
      actorgraph remove reports/frontex_2016.txt
      actorgraph remove 3f2a9c1d
      actorgraph remove "Risk Analysis for 2016"
    """
    from actorgraph.graph.store import (
        is_url,
        open_for_reading,
        open_store,
        remove_documents,
        select_documents,
        store_exists,
    )

    if not is_url(settings.store) and not store_exists(settings.store):
        raise UnknownEntity(f"there is no store at {settings.store}, so no document to remove")
    reader = open_for_reading(settings.store)
    selected = {}
    for reference in documents:  # every reference checked before anything is removed
        for doc in select_documents(reader, reference, every=every):
            selected.setdefault(doc["graph"], doc)
    del reader
    remove_documents(open_store(settings.store), list(selected.values()))
    for doc in selected.values():
        click.echo(f"removed {doc['id']} {doc['source']} ({doc['title']})")


@cli.command()
@click.argument("url")
@click.option("--all", "everything", is_flag=True, help="Send every document, even those the server has.")
@click.option("--prune", is_flag=True, help="Also remove from the server the documents the local "
              "store does not hold.")
@click.option("--quiet", "-q", is_flag=True, help="Do not report each document on stderr.")
@click.pass_obj
def push(settings: Settings, url: str, everything: bool, prune: bool, quiet: bool) -> None:
    """Copy the local store to a SPARQL server (SPARQL 1.1 Graph Store Protocol), one named
    graph per document. Documents the server has already are left alone; an older version
    of a document is replaced. Afterwards every command works against the server with
    `--store URL`.

    \b
    Examples:
      actorgraph push http://localhost:7878
      actorgraph --store http://localhost:7878 cooperates Europol
      ACTORGRAPH_GRAPH_STORE_URL=http://host:3030/ds/data \\
        ACTORGRAPH_UPDATE_URL=http://host:3030/ds/update actorgraph push http://host:3030/ds/query
    """
    from actorgraph.errors import StoreError
    from actorgraph.graph.remote import RemoteStore, push as push_store
    from actorgraph.graph.store import is_url, open_for_reading, store_exists

    if not url.lower().startswith(("http://", "https://")):
        raise click.BadParameter(f"{url} is not an http(s) URL of a SPARQL server", param_hint="URL")
    if is_url(settings.store):
        raise StoreError("--store names a server; push copies a local store: give --store the local directory")
    if not store_exists(settings.store):
        raise StoreError(f"there is no store at {settings.store}; build one first (actorgraph build ...)")
    remote = RemoteStore(url)
    url = remote.url  # printed without the user and password the URL may carry
    report = push_store(open_for_reading(settings.store), remote, everything=everything,
                        prune=prune, progress=None if quiet else _say)
    click.echo(f"pushed {len(report.sent)} document(s) to {url}, {len(report.present)} already there, "
               f"{len(report.replaced)} older version(s) replaced, {len(report.pruned)} pruned")
    sys.stdout.flush()
