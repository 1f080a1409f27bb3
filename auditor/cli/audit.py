"""``auditor audit``: inputs in, one report out, and an exit status for CI.

:func:`report_options` is shared with every command that audits a stream of documents
(``crawl``): the options that choose the report and the runner, passed on to
:func:`auditor.cli.reporting.audit_and_report`, the run itself. That module, and the library
behind it, is imported only when a command runs.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import click

from auditor.cli.base import JURISDICTION, LazyChoice, lexicon_options
from auditor.cli.inputs import input_options

STREAMING = "jsonl"
"""The format written record by record as documents finish; the others render at the end."""


def _formats() -> tuple[str, ...]:
    from auditor.report import RENDERERS

    return ("text", *RENDERERS)


def _engines() -> tuple[str, ...]:
    from auditor.runners import ENGINES

    return ENGINES


def _summary_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is None:
        return None
    from auditor.outputs import SUMMARY_SUFFIXES

    if value.suffix.lower() not in SUMMARY_SUFFIXES:
        raise click.BadParameter(
            f"{value}: the suffix must be one of {', '.join(SUMMARY_SUFFIXES)}"
        )
    return value


_REPORT_OPTIONS = (
    click.option(
        "-o",
        "--output",
        type=click.Path(dir_okay=False, path_type=Path),
        help="Write the report here instead of standard output.",
    ),
    click.option(
        "-f",
        "--format",
        "fmt",
        type=LazyChoice(_formats),
        default="text",
        show_default=True,
        help=f"Report format; {STREAMING} is written line by line as documents finish.",
    ),
    click.option(
        "--fail-on",
        type=click.Choice(["high", "medium", "low"]),
        help="Exit with status 1 when any unsuppressed finding has this severity or above.",
    ),
    click.option(
        "--model",
        metavar="NAME",
        help="Installed trained spaCy pipeline to use instead of spacy.blank('en').",
    ),
    click.option(
        "--jurisdiction",
        type=JURISDICTION,
        default="us",
        show_default=True,
        help="Whose regulatory criteria to judge; international (ISSCR) criteria always apply.",
    ),
    click.option(
        "--engine",
        type=LazyChoice(_engines),
        default="processes",
        show_default=True,
        help="Run on local processes, or on a Dask distributed cluster.",
    ),
    click.option(
        "--workers",
        type=click.IntRange(min=1),
        help="Worker processes (default: every core); with 1, and for a batch too small to "
        "repay starting workers (under 128 documents or 2 MB), the audit runs in this process.",
    ),
    click.option(
        "--scheduler",
        metavar="ADDRESS",
        help="Dask scheduler to run on (e.g. tcp://10.0.0.5:8786); implies --engine dask. "
        "Without it, --engine dask starts a local cluster.",
    ),
    click.option(
        "--resume",
        is_flag=True,
        help="Continue the --format jsonl file given with -o: inputs already in it (same id "
        "and sha256) are skipped, even after a killed run.",
    ),
    click.option(
        "--summary",
        type=click.Path(dir_okay=False, path_type=Path),
        callback=_summary_path,
        metavar="FILE",
        help="Also write one row per document or error to FILE (.csv or .parquet).",
    ),
    click.option(
        "--sites",
        type=click.Path(dir_okay=False, path_type=Path),
        metavar="FILE",
        help="Also write the per-host site view (pages with a URL) to FILE as JSON; text, "
        "json and html reports include it anyway.",
    ),
    click.option(
        "--strength-model",
        metavar="encoder|FILE",
        help="Grade claim strength with the fine-tuned encoder (`encoder`: more accurate, far "
        "slower; needs pip install 'auditor[encoder]') or a model file from `auditor train`.",
    ),
    click.option(
        "--all-pages",
        is_flag=True,
        help="Audit pages that never mention cell or regenerative therapy too; by default a "
        "fast pre-scan reports them as not relevant and they skip the claim pipeline.",
    ),
)


def report_options(command):
    """The report, runner and lexicon options, passed on to :func:`audit_and_report`."""
    command = lexicon_options(command)
    for option in reversed(_REPORT_OPTIONS):
        command = option(command)
    return command


@click.command()
@click.argument("paths", nargs=-1, metavar="PATH...")
@input_options
@report_options
def audit(paths, ingest, **report) -> None:
    """Audit files, folders (searched for supported files), URLs or '-' for standard input.

    Example: auditor audit corpus/docs --format json -o report.json --fail-on high
    """
    from auditor.cli.progress import expected_documents
    from auditor.cli.reporting import audit_and_report
    from auditor.ingest import iter_inputs

    if not paths and ingest.urls_file is None:
        raise click.UsageError("give at least one PATH, or --urls FILE")
    items = iter_inputs(paths, options=ingest)
    audit_and_report(items, expected=partial(expected_documents, paths), **report)
