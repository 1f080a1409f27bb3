"""Command line: parse options, call the library, render, and map the result to an exit status.

Exit statuses (also in the README):

==  ==============================================================
0   done; no finding at or above ``--fail-on``
1   findings at or above ``--fail-on``
2   usage or configuration error (bad option, bad lexicon file)
3   some inputs could not be read (they are error records in the output)
==  ==============================================================
"""

from __future__ import annotations

import sys
from enum import IntEnum
from pathlib import Path

import click
from rich.console import Console

from auditor import __version__
from auditor.audit import Auditor
from auditor.batch import audit_inputs, findings_at_or_above
from auditor.criteria import ALL, JURISDICTIONS
from auditor.errors import AuditorError
from auditor.explain import explain
from auditor.lexicon import Severity, load_lexicons
from auditor.report.json import render_json, render_jsonl
from auditor.report.text import render_text


class ExitStatus(IntEnum):
    OK = 0
    FINDINGS = 1
    CONFIG_ERROR = 2
    INPUT_ERRORS = 3


FORMATS = ("text", "json", "jsonl")


def lexicon_options(command):
    """``--lexicon`` and ``--disable``, shared by every command that loads lexicons."""
    command = click.option(
        "--disable",
        "disable",
        multiple=True,
        metavar="ID_OR_CATEGORY",
        help="Switch off a rule by id or a whole category (repeatable).",
    )(command)
    return click.option(
        "--lexicon",
        "lexicon_dirs",
        multiple=True,
        type=click.Path(file_okay=False, path_type=Path),
        metavar="DIR",
        help="Add the YAML lexicon files in DIR to the built-in ones (repeatable).",
    )(command)


class AuditorGroup(click.Group):
    """Turn configuration errors from the library into one line on stderr and exit status 2."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except AuditorError as exc:
            click.echo(f"auditor: {exc}", err=True)
            ctx.exit(ExitStatus.CONFIG_ERROR)


@click.group(cls=AuditorGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="auditor")
def main() -> None:
    """Flag risky marketing claims in stem-cell and regenerative-medicine clinic text."""


@main.command()
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
        rendered = render_json(batch) if fmt == "json" else render_jsonl(batch)
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


@main.command()
@click.option("--category", help="Only rules of this category.")
@lexicon_options
def rules(category, lexicon_dirs, disable) -> None:
    """List the rules: id, severity, category and message.

    Example: auditor rules --category safety_absolute
    """
    lexicon = load_lexicons(lexicon_dirs, disable)
    for rule in lexicon.rules:
        if category and rule.category != category:
            continue
        click.echo(f"{rule.id:<36} {rule.severity.value:<7} {rule.category:<28} {rule.message}")


@main.command(name="explain")
@click.argument("item_id", metavar="RULE_OR_CRITERION_ID")
@lexicon_options
def explain_command(item_id, lexicon_dirs, disable) -> None:
    """Explain a rule or a criterion: message, rationale, criteria, suggestion, examples.

    Example: auditor explain SAFETY-RISK-ELIMINATED
    """
    click.echo(explain(load_lexicons(lexicon_dirs, disable), item_id))


@main.command()
@click.argument(
    "corpus",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default="corpus",
    required=False,
)
@click.option(
    "-f", "--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "--split",
    type=click.Choice(["all", "dev", "test"]),
    default="all",
    show_default=True,
    help="dev: documents rule authors may tune against; test: held-out documents.",
)
@lexicon_options
def evaluate(corpus, fmt, split, lexicon_dirs, disable) -> None:
    """Score the auditor against a gold-annotated corpus (default: corpus/).

    Prints precision, recall and F1 per category, agreement on context flags, tier accuracy
    and criteria-status accuracy. Criteria of every jurisdiction are judged.

    Example: auditor evaluate corpus/
    """
    from auditor.evaluate import evaluate_corpus, render_evaluation

    auditor = Auditor(lexicon_dirs=lexicon_dirs, disable=disable, jurisdiction=ALL)
    result = evaluate_corpus(auditor, corpus, split)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        render_evaluation(result, Console(highlight=False))
