"""``auditor evaluate``: the auditor against the gold-annotated corpus."""

from __future__ import annotations

from pathlib import Path

import click

from auditor.cli.base import lexicon_options


@click.command()
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
    from rich.console import Console

    from auditor.audit import Auditor
    from auditor.criteria import ALL
    from auditor.evaluate import evaluate_corpus, render_evaluation

    auditor = Auditor(lexicon_dirs=lexicon_dirs, disable=disable, jurisdiction=ALL)
    result = evaluate_corpus(auditor, corpus, split)
    if fmt == "json":
        click.echo(result.model_dump_json(indent=2))
    else:
        render_evaluation(result, Console(highlight=False))
