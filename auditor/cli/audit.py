"""``auditor audit``: inputs in, one report out, and an exit status for CI.

:func:`report_options` and :func:`audit_and_report` are shared with every command that audits
a stream of documents (``crawl``): the options that choose the report and the runner, and the
run itself, from settings to exit status.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from auditor.batch import Tally, audit_stream, collect
from auditor.cli.base import ExitStatus, lexicon_options
from auditor.cli.inputs import input_options
from auditor.cli.progress import expected_documents, progress_bar
from auditor.criteria import JURISDICTION_CHOICES
from auditor.documents import Document
from auditor.errors import InputError
from auditor.ingest import iter_inputs
from auditor.lexicon import Severity
from auditor.outputs import SUMMARY_SUFFIXES, JsonlWriter, ResumeIndex, SummaryTable, resume_records
from auditor.records import Record, decoded
from auditor.report import KEEPS_TEXT, RENDERERS
from auditor.report.models import BatchReport, ErrorRecord
from auditor.report.text import render_text
from auditor.runners import ENGINES, auditor_for, make_runner
from auditor.sites import SiteTally

FORMATS = ("text", *RENDERERS)
STREAMING = "jsonl"
"""The format written record by record as documents finish; the others render at the end."""


def _summary_path(ctx: click.Context, param: click.Parameter, value: Path | None) -> Path | None:
    if value is not None and value.suffix.lower() not in SUMMARY_SUFFIXES:
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
        type=click.Choice(FORMATS),
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
        type=click.Choice(JURISDICTION_CHOICES),
        default="us",
        show_default=True,
        help="Whose regulatory criteria to judge; international (ISSCR) criteria always apply.",
    ),
    click.option(
        "--engine",
        type=click.Choice(ENGINES),
        default=ENGINES[0],
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
    if not paths and ingest.urls_file is None:
        raise click.UsageError("give at least one PATH, or --urls FILE")
    items = iter_inputs(paths, options=ingest)
    audit_and_report(items, expected=partial(expected_documents, paths), **report)


def audit_and_report(
    items: Iterable[Document | InputError],
    *,
    output: Path | None,
    fmt: str,
    fail_on: str | None,
    model: str | None,
    jurisdiction: str,
    lexicon_dirs: tuple[Path, ...],
    disable: tuple[str, ...],
    engine: str,
    workers: int | None,
    scheduler: str | None,
    resume: bool,
    summary: Path | None,
    sites: Path | None,
    all_pages: bool,
    expected: Callable[[], int] | None = None,
) -> NoReturn:
    """Audit ``items`` on the chosen runner, write the report and exit with the batch status.

    ``expected`` counts the documents for the progress bar; it runs only when the bar shows.
    """
    if resume and (fmt != STREAMING or output is None):
        raise click.UsageError(f"--resume continues a file: give --format {STREAMING} and -o FILE")
    settings = {
        "lexicon_dirs": lexicon_dirs,
        "disable": disable,
        "model": model,
        "jurisdiction": jurisdiction,
        "keep_text": fmt in KEEPS_TEXT,
        "relevance_gate": not all_pages,
    }
    auditor = auditor_for(settings)
    runner = make_runner(engine, settings, workers, scheduler)
    stderr = Console(stderr=True, highlight=False)
    tally = Tally()
    table = SummaryTable(auditor.lexicon.categories) if summary else None
    site_tally = SiteTally() if sites else None

    def account(record: Record) -> None:
        tally.add(record)
        if table:
            table.add(record)
        if site_tally and not isinstance(record, ErrorRecord):
            site_tally.add(decoded(record))
        if isinstance(record, ErrorRecord):
            stderr.print(record.error, markup=False, soft_wrap=True)

    done = None
    if resume:
        done = ResumeIndex()
        for record in resume_records(output, auditor.tool, jurisdiction):
            done.add(record)
            account(record)
    outcomes = audit_stream(items, runner, done.already_done if done else None)
    total = expected() if expected and stderr.is_terminal else None
    with progress_bar(stderr, total) as counted:
        if fmt == STREAMING:
            with _open(output, append=resume) as stream:
                writer = JsonlWriter(stream, auditor.tool)
                for _, record in counted(outcomes):
                    account(record)
                    writer.add(record)
        else:
            finished = []
            for outcome in counted(outcomes):
                account(outcome[1])
                finished.append(outcome)
    if fmt != STREAMING:
        _render(collect(finished, auditor.tool), fmt, output, auditor.lexicon)
    if table:
        table.write(summary)
    if site_tally:
        views = [site.model_dump(mode="json") for site in site_tally.summaries()]
        sites.write_text(json.dumps(views, indent=2) + "\n", encoding="utf-8")
    if tally.errors:
        sys.exit(ExitStatus.INPUT_ERRORS)
    if fail_on and tally.findings_at_or_above(Severity(fail_on)):
        sys.exit(ExitStatus.FINDINGS)
    sys.exit(ExitStatus.OK)


def _open(output: Path | None, append: bool):
    if output is None:
        return click.open_file("-", "w")
    return output.open("a" if append else "w", encoding="utf-8")


def _render(batch: BatchReport, fmt: str, output: Path | None, lexicon) -> None:
    if fmt == "text":
        if output:
            with output.open("w", encoding="utf-8") as handle:
                render_text(batch, Console(file=handle, width=120, no_color=True))
        else:
            render_text(batch, Console(highlight=False))
        return
    rendered = RENDERERS[fmt](batch, lexicon)
    if output:
        output.write_text(rendered, encoding="utf-8")
    else:
        click.echo(rendered, nl=False)
