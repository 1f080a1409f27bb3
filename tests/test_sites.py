"""Site view: per-host summaries of crawled pages, checked against the page reports."""

from __future__ import annotations

import pickle

import pytest
from rich.console import Console

from auditor.documents import Document
from auditor.ingest.crawl import crawl
from auditor.ingest.options import IngestOptions
from auditor.records import EncodedReport, digested
from auditor.report.models import BatchReport
from auditor.report.text import render_text
from auditor.sites import SiteTally, site_summaries

from ingest_support import serve_site


@pytest.fixture(scope="module")
def crawled(auditor):
    """Reports of every page of the fixture site, crawled from a real server."""
    with serve_site() as site:
        options = IngestOptions(allow_private=True, crawl_delay=0)
        documents = [d for d in crawl(site.url("/"), options) if isinstance(d, Document)]
    return site, [auditor.audit(d) for d in documents]


def test_one_summary_per_host_with_every_page(crawled):
    site, reports = crawled
    (summary,) = site_summaries(reports)
    assert summary.host == site.base.removeprefix("http://")
    assert summary.pages == len(reports) == 4
    assert sum(summary.tiers.values()) == 4
    assert summary.tiers == {t: sum(r.risk.tier == t for r in reports) for t in summary.tiers}


def test_worst_pages_are_the_highest_scores(crawled):
    _, reports = crawled
    (summary,) = site_summaries(reports, worst_pages=2)
    expected = sorted(reports, key=lambda r: (-r.risk.score, r.url))[:2]
    assert [p.url for p in summary.worst_pages] == [r.url for r in expected]
    assert summary.worst_pages[0].score >= summary.worst_pages[1].score


def test_the_view_does_not_depend_on_the_order_pages_arrive_in(crawled):
    _, reports = crawled
    for worst_pages in (1, 2, 5):
        forwards = site_summaries(reports, worst_pages)
        assert site_summaries(reversed(reports), worst_pages) == forwards


def test_criteria_flagged_anywhere_with_their_pages(crawled):
    _, reports = crawled
    (summary,) = site_summaries(reports)
    expected: dict[str, list[str]] = {}
    for report in reports:
        for criterion in report.criteria:
            if criterion.status in ("flag", "possible"):
                expected.setdefault(criterion.id, []).append(report.url)
    assert {c.id: c.pages for c in summary.criteria} == {k: sorted(v) for k, v in expected.items()}
    for criterion in summary.criteria:
        statuses = {c.status for r in reports for c in r.criteria if c.id == criterion.id}
        assert criterion.status == ("flag" if "flag" in statuses else "possible")
    assert [c.status for c in summary.criteria] == sorted(
        (c.status for c in summary.criteria), key=lambda s: s != "flag"
    )


def test_every_indication_claimed_on_the_site(crawled):
    _, reports = crawled
    (summary,) = site_summaries(reports)
    claimed = {(i.condition, r.url) for r in reports for i in r.profile.indications}
    assert {(i.condition, page) for i in summary.indications for page in i.pages} == claimed
    # the brochure (PDF) and the treatments page both name multiple sclerosis
    assert any(len(i.pages) >= 2 for i in summary.indications)


def test_pages_without_url_are_left_out_and_hosts_kept_apart(auditor):
    reports = [
        auditor.audit(Document.from_text("Stem cells cure MS.", id="a", url="https://a.example/x")),
        auditor.audit(Document.from_text("Stem cells cure MS.", id="b", url="https://B.example/")),
        auditor.audit(Document.from_text("Stem cells cure MS.", id="c")),
    ]
    assert [s.host for s in site_summaries(reports)] == ["a.example", "b.example"]


def test_reports_encoded_by_workers_give_the_same_site_view(crawled, auditor):
    _, reports = crawled
    # As a pool or Dask worker sends them: pickled, with the site part in the digest.
    sent = [pickle.loads(pickle.dumps(EncodedReport.of(auditor.tool, r))) for r in reports]
    for worst_pages in (1, 5):
        tally = SiteTally(worst_pages)
        for record in sent:
            tally.add(digested(record).site)
        assert tally.summaries() == site_summaries(reports, worst_pages)
    (summary,) = tally.summaries()
    assert summary.criteria and summary.indications and summary.worst_pages


def test_terminal_report_shows_the_site_view(crawled, auditor):
    site, reports = crawled
    batch = BatchReport(
        tool=auditor.tool, documents=reports, errors=[], sites=site_summaries(reports)
    )
    console = Console(width=200, no_color=True, record=True)
    render_text(batch, console)
    output = console.export_text()
    host = site.base.removeprefix("http://")
    assert f"site {host}  4 page(s)" in output
    worst = batch.sites[0].worst_pages[0]
    assert f"{worst.tier.upper()} {worst.score}" in output and worst.url in output
    assert "indications claimed:" in output
