"""Curation: analysts correct the graph, and the corrections survive every rebuild (issue 8).

Each decision command checks the decision, appends it to the curation file (``curation.yaml``
beside the store, or ``--curation PATH``) and applies the file to the store at once. See
docs/curation.md.
"""

from __future__ import annotations

import click

from actorgraph.cli import Settings, _say, _write, cli, format_option

_NOTE = click.option("--note", "-n", help="Why: kept with the decision in the curation file.")


def _decide(settings: Settings, action: str, note: str | None, **values) -> None:
    """Make one decision and say what was done; decisions that no longer take effect go to stderr."""
    from actorgraph.curation.session import record

    done = record(settings.store, action, curation=settings.curation, note=note, say=_say, **values)
    for message in done.report.messages():
        _say(message)
    click.echo(f"decision {done.decision.id}: {done.decision.describe()} (in {done.path})")


@cli.command()
@click.argument("keep")
@click.argument("other")
@_NOTE
@click.pass_obj
def merge(settings: Settings, keep: str, other: str, note: str | None) -> None:
    """Merge OTHER into KEEP: one entity, with KEEP's name and id. OTHER's names become
    aliases, and its mentions and relations in every document become KEEP's.

    Both must be of the same core class (Person, Organisation...). Undo with
    `actorgraph curation --undo ID`.

    \b
    Examples:
      actorgraph merge "Economic and Social Council" "UN Economic and Social Council"
      actorgraph merge "Filippo Grandi" "Filipo Grandi" --note "misspelt in unhcr_wikipedia.md"
    """
    _decide(settings, "merge", note, entity=keep, other=other)


@cli.command()
@click.argument("name")
@click.option("--alias", "-a", required=True, help="The alias that names another entity.")
@_NOTE
@click.pass_obj
def split(settings: Settings, name: str, alias: str, note: str | None) -> None:
    """Split an alias off an entity into an entity of its own: the mentions by that alias, and
    the relations whose sentence names the entity only by it, go to the new entity.

    \b
    Example:
      actorgraph split "International Public Prosecution Office (Sweden)" \\
          --alias "International Public Prosecution Office in Gothenburg"
    """
    _decide(settings, "split", note, entity=name, alias=alias)


@cli.command()
@click.argument("name")
@click.argument("new_name")
@_NOTE
@click.pass_obj
def rename(settings: Settings, name: str, new_name: str, note: str | None) -> None:
    """Give an entity a new name; the old one stays as an alias (the id does not change).

    \b
    Example:
      actorgraph rename "JOT Mare" "Joint Operational Team Mare"
    """
    _decide(settings, "rename", note, entity=name, label=new_name)


@cli.command()
@click.argument("name")
@click.argument("class_name", metavar="CLASS")
@_NOTE
@click.pass_obj
def retype(settings: Settings, name: str, class_name: str, note: str | None) -> None:
    """Change an entity's class to CLASS, a class of the ontology (`actorgraph ontology`):
    Person, Organisation, EUAgency, LawEnforcementAgency, Initiative, JointOperation, Place...

    A change of core class that would break a relation (an affiliation of something no longer
    a Person) is refused: reject the relation first.

    \b
    Example:
      actorgraph retype "Migration Unit" GovernmentBody
    """
    _decide(settings, "retype", note, entity=name, **{"class": class_name})


@cli.command()
@click.argument("name")
@click.argument("alias")
@_NOTE
@click.pass_obj
def alias(settings: Settings, name: str, alias: str, note: str | None) -> None:
    """Add another name to an entity: it is found by it, and later builds resolve it to the
    entity.

    \b
    Example:
      actorgraph alias Europol "European Police Office"
    """
    _decide(settings, "alias", note, entity=name, alias=alias)


@cli.command()
@click.argument("name")
@click.argument("qid")
@_NOTE
@click.pass_obj
def identify(settings: Settings, name: str, qid: str, note: str | None) -> None:
    """Give an entity its Wikidata item (QID, like Q208398); it replaces any other.

    \b
    Example:
      actorgraph identify "Guardia di Finanza" Q1552861
    """
    _decide(settings, "identify", note, entity=name, wikidata=qid)


@cli.command()
@click.argument("entity", required=False)
@click.option("--relation", "-r", nargs=3, metavar="SOURCE RELATION TARGET",
              help="Reject a relation instead of an entity (every statement of it, unless "
                   "--document or --sentence narrow it).")
@click.option("--document", "-d", help="Only the statements of this document (file name or id).")
@click.option("--sentence", "-s", help="Only the statements of this sentence: its offsets (12-80) "
              "or a piece of its text.")
@_NOTE
@click.pass_obj
def reject(settings: Settings, entity: str | None, relation: tuple[str, str, str] | None,
           document: str | None, sentence: str | None, note: str | None) -> None:
    """Reject a false extraction: an ENTITY that is not one (it goes, with its mentions and
    relations), or with --relation a relation the text does not state.

    \b
    Examples:
      actorgraph reject "Level Document Officers"
      actorgraph reject --relation "UN Economic and Social Council" cooperatesWith "United Nations"
      actorgraph reject -r Europol cooperatesWith "European Commission" --sentence 45884-45978
    """
    if bool(entity) == bool(relation):
        raise click.UsageError("give either an ENTITY or --relation SOURCE RELATION TARGET")
    if entity:
        if document or sentence:
            raise click.UsageError("--document and --sentence go with --relation")
        _decide(settings, "reject", note, entity=entity)
        return
    source, rel, target = relation
    _decide(settings, "reject-relation", note, subject=source, relation=rel, object=target,
            document=document, sentence=sentence)


@cli.command(name="assert")
@click.argument("source")
@click.argument("relation")
@click.argument("target")
@click.option("--source", "citation", required=True, metavar="TEXT",
              help="Where it is stated: a document, a page, a URL.")
@click.option("--modality", "-m", type=click.Choice(["actual", "proposed"]),
              help="For cooperatesWith: actual (the default) or proposed.")
@_NOTE
@click.pass_obj
def assert_relation(settings: Settings, source: str, relation: str, target: str, citation: str,
                    modality: str | None, note: str | None) -> None:
    """Assert a relation by hand, with its source: it is listed like an extracted one, with
    the source and note as its evidence (document: the curation file).

    \b
    Example:
      actorgraph assert Europol cooperatesWith Interpol --source "Europol review 2016, p. 12" \\
          --note "operational agreement since 2001"
    """
    _decide(settings, "assert", note, subject=source, relation=relation, object=target,
            source=citation, modality=modality)


@cli.command()
@click.argument("source")
@click.argument("target")
@click.argument("modality", type=click.Choice(["actual", "proposed"]))
@click.option("--document", "-d", help="Only the statements of this document (file name or id).")
@click.option("--sentence", "-s", help="Only the statements of this sentence: its offsets or a piece of its text.")
@_NOTE
@click.pass_obj
def modality(settings: Settings, source: str, target: str, modality: str, document: str | None,
             sentence: str | None, note: str | None) -> None:
    """Say whether the cooperation of SOURCE and TARGET takes place (actual) or is only called
    for (proposed), correcting the extracted modality.

    \b
    Example:
      actorgraph modality Europol Eurojust actual --sentence "information sharing between agencies"
    """
    _decide(settings, "modality", note, subject=source, object=target, modality=modality,
            document=document, sentence=sentence)


@cli.command()
@click.argument("name")
@click.argument("other")
@_NOTE
@click.pass_obj
def distinct(settings: Settings, name: str, other: str, note: str | None) -> None:
    """Record that two entities are different (namesakes): `actorgraph suggest` no longer
    proposes to merge them.

    \b
    Example:
      actorgraph distinct "Mediterranean Route" "Central Mediterranean route"
    """
    _decide(settings, "distinct", note, entity=name, other=other)


@cli.command()
@click.option("--undo", "undo_id", type=int, metavar="ID", help="Take decision ID back.")
@click.option("--apply", "reapply", is_flag=True, help="Apply the curation file to the store again "
              "(after editing it by hand, or pulling someone else's decisions).")
@format_option
@click.pass_obj
def curation(settings: Settings, undo_id: int | None, reapply: bool, fmt: str) -> None:
    """List the curation decisions (who made which, when, why) and whether each took effect;
    take one back with --undo.

    Undoing an alias, an asserted relation or a `distinct` is immediate; undoing any other
    decision reads the store's documents again from their sources and extracts them afresh,
    then applies the remaining decisions (a few seconds per megabyte of text).

    \b
    Examples:
      actorgraph curation
      actorgraph curation --undo 3
      actorgraph --curation team/curation.yaml curation --apply
    """
    from actorgraph.curation import session

    if undo_id is not None and reapply:
        raise click.UsageError("--undo and --apply do not go together")
    if undo_id is not None:
        decision, report = session.undo(settings.store, undo_id, settings.curation, say=_say)
        for message in report.messages():
            _say(message)
        click.echo(f"undid decision {decision.id}: {decision.describe()}")
        return
    if reapply:
        report = session.reapply(settings.store, settings.curation, say=_say)
        for message in report.messages():
            _say(message)
        click.echo(f"applied {len(report.outcomes)} decision(s), {len(report.problems)} without effect")
        return
    path, rows = session.list_decisions(settings.store, settings.curation)
    if fmt == "table":
        _say(f"{len(rows)} decision(s) in {path}")
        columns = ["id", "decision", "by", "at", "note", "status"]
    else:
        columns = ["id", "action", "decision", "by", "at", "note", "status"]
    _write(rows, columns, fmt, wide=("decision", "note", "status"))


@cli.command()
@click.option("--kind", "-k", type=click.Choice(["duplicates", "false"]),
              help="Only likely duplicates, or only likely false entities.")
@click.option("--limit", "-l", type=click.IntRange(min=1), default=30, show_default=True,
              help="At most this many suggestions.")
@format_option
@click.pass_obj
def suggest(settings: Settings, kind: str | None, limit: int, fmt: str) -> None:
    """Suggest corrections, best first: likely duplicates (same acronym, names spelt almost
    alike, one name with and without its owner, shared affiliations) and likely false entities.
    Each comes with the command that accepts it; nothing is changed until you run it.

    \b
    Examples:
      actorgraph suggest
      actorgraph suggest --kind duplicates --format csv > duplicates.csv
    """
    from actorgraph.cli import _ready_store
    from actorgraph.curation import curation_path, load_decisions
    from actorgraph.curation.suggest import suggest as find

    kinds = {"duplicates": ("duplicate",), "false": ("false entity",)}.get(kind, ("duplicate", "false entity"))
    distinct = [(d["entity"].id, d["other"].id)
                for d in load_decisions(curation_path(settings.store, settings.curation)) if d.action == "distinct"]
    rows = [s.row() for s in find(_ready_store(settings), kinds=kinds, distinct=distinct, limit=limit)]
    if fmt == "table":
        for i, row in enumerate(rows, 1):
            click.echo(f"{i:>3}. {row['score']}  {row['kind']}: {row['entities']}")
            click.echo(f"       {row['reason']}")
            click.echo(f"       {row['command']}")
        if not rows:
            _say("no suggestion")
        return
    _write(rows, ["score", "kind", "entities", "reason", "command", "ids"], fmt)
