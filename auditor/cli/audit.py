"""``auditor audit``: inputs in, one report out, and an exit status for CI."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

from auditor.audit import Auditor
from auditor.batch import audit_inputs, findings_at_or_above
from auditor.cli.base import ExitStatus, lexicon_options
from auditor.criteria import ALL, JURISDICTIONS
from auditor.lexicon import Severity
from auditor.report import RENDERERS
from auditor.report.text import render_text

FORMATS = ("text", *RENDERERS)


@click.command()
@click.argument("paths", nargs=-1, required=True, metavar="PATH...")
@click.option(
    "-o",
    "--output",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report here instead of standard output.",
)
@click.option(
    "-f",
    "--format",
    "fmt",
    type=click.Choice(FORMATS),
    default="text",
    show_default=True,
    help="Report format.",
)
@click.option(
    "--fail-on",
    type=click.Choice(["high", "medium", "low"]),
    help="Exit with status 1 when any unsuppressed finding has this severity or above.",
)
@click.option(
    "--model",
    metavar="NAME",
    help="Installed trained spaCy pipeline to use instead of spacy.blank('en').",
)
@click.option(
    "--jurisdiction",
    type=click.Choice([*JURISDICTIONS, ALL]),
    default="us",
    show_default=True,
    help="Whose regulatory criteria to judge; international (ISSCR) criteria always apply.",
)
@lexicon_options
def audit(paths, output, fmt, fail_on, model, jurisdiction, lexicon_dirs, disable) -> None:
    """Audit files, folders (searched for .txt and .md) or '-' for standard input.

    Example: auditor audit corpus/docs --format json -o report.json --fail-on high
    """
    auditor = Auditor(
        lexicon_dirs=lexicon_dirs, disable=disable, model=model, jurisdiction=jurisdiction
    )
    batch = audit_inputs(auditor, paths)
    if fmt == "text":
        if output:
            with output.open("w", encoding="utf-8") as handle:
                render_text(batch, Console(file=handle, width=120, no_color=True))
        else:
            render_text(batch, Console(highlight=False))
    else:
        rendered = RENDERERS[fmt](batch, auditor.lexicon)
        if output:
            output.write_text(rendered, encoding="utf-8")
        else:
            click.echo(rendered, nl=False)
    for error in batch.errors:
        click.echo(error.error, err=True)
    if batch.errors:
        sys.exit(ExitStatus.INPUT_ERRORS)
    if fail_on and findings_at_or_above(batch, Severity(fail_on)):
        sys.exit(ExitStatus.FINDINGS)
