"""The interactive HTML network: `actorgraph html` (issue 3)."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from actorgraph.cli import Settings, _check_relations, _check_types, _ready_store, _say, cli, curated_option


@cli.command()
@click.option(
    "--output",
    "-o",
    type=click.Path(dir_okay=False, allow_dash=True, path_type=Path),
    default=Path("actorgraph.html"),
    show_default=True,
    help="The HTML file to write ('-' for standard output).",
)
@click.option(
    "--open", "open_", is_flag=True, help="Open the page in the web browser once written."
)
@click.option("--focus", metavar="NAME", help="Only the entities around NAME (a label or alias).")
@click.option(
    "--depth",
    type=click.IntRange(1, 10),
    default=1,
    show_default=True,
    help="With --focus: how many relations away from NAME to go.",
)
@click.option(
    "--type",
    "-t",
    "types",
    help="Only these core classes, comma-separated "
    "(Person, Organisation, Initiative, Route, Place, Event).",
)
@click.option(
    "--relation",
    "-r",
    "relations",
    help="Only these relation types, comma-separated (e.g. cooperatesWith,participatesIn).",
)
@click.option(
    "--min-degree",
    type=click.IntRange(0),
    default=0,
    show_default=True,
    help="Only entities that take part in at least N of the relations shown.",
)
@curated_option
@click.pass_obj
def html(
    settings: Settings,
    output: Path,
    open_: bool,
    focus: str | None,
    depth: int,
    types: str | None,
    relations: str | None,
    min_degree: int,
    curated: str,
) -> None:
    """Write the network as one interactive HTML page: explore it with the mouse, search by
    name, filter by class, relation, modality and document, and click an entity or a relation
    to see its evidence. The page needs no network: mail it, open it from a USB stick.
    Relations asserted or changed by hand by an analyst are dotted, can be hidden with the
    "Source" filter, and their panel says who changed them, when, and why.

    \b
    Examples:
      actorgraph html --open                  everything, opened in the browser
      actorgraph html --focus Europol --depth 2 -o europol.html
      actorgraph html --type Organisation,Initiative --relation cooperatesWith
      actorgraph html --min-degree 3          only the well-connected entities
      actorgraph html --curated exclude       only what the documents say, as extracted
    """
    from actorgraph.exports.html import View, store_page, write_page

    view = View(
        depth=depth,
        types=_check_types(types),
        relations=_check_relations(relations),
        min_degree=min_degree,
        curated=curated.lower(),
    )
    page = store_page(_ready_store(settings), view, focus_name=focus)
    summary = f"{page.entities} entities, {page.relations} relations"
    if str(output) == "-":
        sys.stdout.write(page.text)
        _say(f"actorgraph: wrote the page to standard output ({summary})")
        return
    path = write_page(page, output)
    _say(f"actorgraph: wrote {path} ({summary})")
    if open_:
        import webbrowser

        if not webbrowser.open(path.resolve().as_uri()):
            _say(f"actorgraph: could not start a browser; open {path.resolve()} yourself")
