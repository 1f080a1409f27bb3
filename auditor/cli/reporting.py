"""Run a batch and write its report: what every auditing command (``audit``, ``crawl``) does
once its options are parsed, from settings to exit status.

The commands import this module when they run: it loads the whole library (spaCy, the
strength model, the renderers).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import NoReturn

import click
from rich.console import Console

from auditor.batch import Tally, audit_stream, collect
from auditor.cli.audit import STREAMING
from auditor.cli.base import ExitStatus
from auditor.cli.progress import progress_bar
from auditor.documents import Document
from auditor.errors import InputError
from auditor.lexicon import Severity
from auditor.outputs import JsonlWriter, ResumeIndex, SummaryTable, resume_records
from auditor.records import Digested, Record, digested
from auditor.report import KEEPS_TEXT, RENDERERS
from auditor.report.models import BatchReport, ErrorRecord
from auditor.report.text import render_text
from auditor.runners import auditor_for, make_runner
from auditor.sites import SiteTally


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
    strength_model: str | None,
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
        "strength_model": strength_model,
    }
    auditor = auditor_for(settings)
    runner = make_runner(engine, settings, workers, scheduler)
    stderr = Console(stderr=True, highlight=False)
    tally = Tally()
    table = SummaryTable(auditor.lexicon.categories) if summary else None
    site_tally = SiteTally() if sites else None

    def account(record: Record) -> Digested:
        found = digested(record)
        tally.add(found)
        if table:
            table.add(found)
        if isinstance(found, ErrorRecord):
            stderr.print(found.error, markup=False, soft_wrap=True)
        elif site_tally:
            site_tally.add(found.site)
        return found

    done = None
    if resume:
        done = ResumeIndex()
        for record in resume_records(output, auditor.tool, jurisdiction):
            done.add(account(record))
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
