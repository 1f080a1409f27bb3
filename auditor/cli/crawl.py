"""``auditor crawl``: fetch one site politely and audit each page, as ``audit`` does files."""

from __future__ import annotations

from dataclasses import replace

import click

from auditor.cli.audit import report_options
from auditor.cli.inputs import ByteSize, fetch_options
from auditor.ingest.crawl import DEFAULT_MAX_PAGES, DEFAULT_MAX_TOTAL_BYTES, crawl
from auditor.ingest.options import DEFAULT_OPTIONS


@click.command("crawl")
@click.argument("url")
@click.option(
    "--max-pages",
    type=click.IntRange(min=1),
    default=DEFAULT_MAX_PAGES,
    show_default=True,
    help="Pages to fetch at most.",
)
@click.option(
    "--max-total-bytes",
    type=ByteSize(),
    default=DEFAULT_MAX_TOTAL_BYTES,
    show_default="200MB",
    help="Stop once this much has been downloaded.",
)
@click.option(
    "--delay",
    type=click.FloatRange(min=0),
    default=DEFAULT_OPTIONS.crawl_delay,
    show_default=True,
    help="Least seconds between two requests (a longer robots.txt Crawl-delay wins).",
)
@fetch_options
@report_options
def crawl_command(url, max_pages, max_total_bytes, delay, ingest, **report) -> None:
    """Crawl the site at URL (same host, robots.txt obeyed) and audit each page.

    Example: auditor crawl https://clinic.example/ --max-pages 50 -f jsonl -o clinic.jsonl
    """
    from auditor.cli.reporting import audit_and_report

    pages = crawl(
        url,
        replace(ingest, crawl_delay=delay),
        max_pages=max_pages,
        max_total_bytes=max_total_bytes,
    )
    audit_and_report(pages, expected=None, **report)
